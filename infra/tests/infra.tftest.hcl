# Offline tests: `terraform test` with a mocked AWS provider plans the
# configuration without credentials or network.
mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }

  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
    }
  }

  mock_data "aws_partition" {
    defaults = {
      partition = "aws"
    }
  }
}

variables {
  github_repository = "octo-org/ebay-scanner"
}

run "defaults" {
  command = plan

  assert {
    condition     = toset(keys(aws_ecr_repository.this)) == toset(["web", "worker"])
    error_message = "Both repositories come from one for_each."
  }

  assert {
    condition     = aws_ecr_repository.this["web"].name == "ebay-scanner-web" && aws_ecr_repository.this["worker"].name == "ebay-scanner-worker"
    error_message = "Repository names are ebay-scanner-web and ebay-scanner-worker."
  }

  assert {
    condition = alltrue([for r in aws_ecr_repository.this :
      r.image_tag_mutability == "MUTABLE" && r.force_delete == false &&
      r.image_scanning_configuration[0].scan_on_push == false &&
    r.encryption_configuration[0].encryption_type == "AES256"])
    error_message = "Defaults: MUTABLE, force_delete false, scan on push off, AES256."
  }

  assert {
    condition = alltrue([for p in aws_ecr_lifecycle_policy.this :
      length(jsondecode(p.policy).rules) == 2 &&
      jsondecode(p.policy).rules[0].rulePriority == 1 &&
      jsondecode(p.policy).rules[0].selection.tagStatus == "untagged" &&
      jsondecode(p.policy).rules[0].selection.countType == "sinceImagePushed" &&
      jsondecode(p.policy).rules[0].selection.countUnit == "days" &&
      jsondecode(p.policy).rules[0].selection.countNumber == 1 &&
      jsondecode(p.policy).rules[1].rulePriority == 2 &&
      jsondecode(p.policy).rules[1].selection.tagStatus == "tagged" &&
      jsondecode(p.policy).rules[1].selection.tagPatternList == ["*"] &&
      jsondecode(p.policy).rules[1].selection.countType == "imageCountMoreThan" &&
    jsondecode(p.policy).rules[1].selection.countNumber == 3])
    error_message = "Lifecycle: untagged after 1 day, then keep the newest 3 tagged, in ascending priority."
  }

  assert {
    condition = toset(output.github_oidc_subjects) == toset([
      "repo:octo-org/ebay-scanner:ref:refs/heads/main",
      "repo:octo-org/ebay-scanner:ref:refs/heads/develop",
      "repo:octo-org/ebay-scanner:environment:staging",
      "repo:octo-org/ebay-scanner:environment:production",
    ])
    error_message = "The push role trusts main, develop, staging and production only."
  }

  assert {
    condition     = local.plan_subjects == ["repo:octo-org/ebay-scanner:pull_request"]
    error_message = "Pull requests are trusted only by the plan role."
  }

  assert {
    condition     = length(aws_iam_openid_connect_provider.github) == 1 && aws_iam_openid_connect_provider.github[0].client_id_list == toset(["sts.amazonaws.com"])
    error_message = "The OIDC provider is created with the sts audience."
  }

  assert {
    condition     = length(aws_iam_user.ci) == 1 && length(aws_iam_access_key.ci) == 1 && length(aws_iam_user_policy_attachment.ci_ecr) == 1
    error_message = "The fallback user gets an access key and the push policy."
  }

  assert {
    condition = alltrue([
      for d in [data.aws_iam_policy_document.github_push_trust, data.aws_iam_policy_document.github_plan_trust] :
      length(d.statement) == 1 &&
      tolist(d.statement)[0].actions == toset(["sts:AssumeRoleWithWebIdentity"]) &&
      length([for c in tolist(d.statement)[0].condition : c if c.test == "StringEquals" && c.variable == "token.actions.githubusercontent.com:aud" && toset(c.values) == toset(["sts.amazonaws.com"])]) == 1 &&
      length([for c in tolist(d.statement)[0].condition : c if c.test == "StringEquals" && c.variable == "token.actions.githubusercontent.com:sub"]) == 1 &&
      length([for c in tolist(d.statement)[0].condition : c if strcontains(c.test, "ForAllValues") || strcontains(c.test, "Like")]) == 0
    ])
    error_message = "Trust policies check aud and sub with StringEquals, never ForAllValues or wildcards."
  }

  assert {
    condition = (
      tolist(data.aws_iam_policy_document.ecr_push.statement)[0].actions == toset(["ecr:GetAuthorizationToken"]) &&
      tolist(data.aws_iam_policy_document.ecr_push.statement)[0].resources == toset(["*"]) &&
      length(setintersection(tolist(data.aws_iam_policy_document.ecr_push.statement)[1].actions, [
        "ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart",
        "ecr:CompleteLayerUpload", "ecr:PutImage", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer",
      ])) == 7 &&
      length([for a in tolist(data.aws_iam_policy_document.ecr_push.statement)[1].actions : a if strcontains(a, "*") || strcontains(a, "Delete") || strcontains(a, "Policy") || startswith(a, "iam:")]) == 0
    )
    error_message = "Push policy: the token on *, the 7 push/pull actions on the repositories, no wildcards, deletes or policy actions."
  }

  assert {
    condition     = length(aws_iam_policy.ecs_deploy) == 0
    error_message = "No ECS rights unless services are listed."
  }

  assert {
    condition     = output.github_secrets_summary.variables.ECR_REPOSITORY_WEB == "ebay-scanner-web" && contains(keys(output.github_secrets_summary.secrets), "AWS_SECRET_ACCESS_KEY")
    error_message = "The secrets summary names the repositories and the key pair."
  }
}

run "id_form_and_immutable" {
  command = plan

  variables {
    github_repository_id_form  = "octo-org@1234/ebay-scanner@98765"
    image_tag_mutability       = "IMMUTABLE"
    max_image_count            = 5
    create_oidc_provider       = false
    existing_oidc_provider_arn = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"
    create_iam_user            = false
  }

  assert {
    condition     = length(output.github_oidc_subjects) == 8 && contains(output.github_oidc_subjects, "repo:octo-org@1234/ebay-scanner@98765:environment:production")
    error_message = "Both subject forms are trusted."
  }

  assert {
    condition     = contains(local.plan_subjects, "repo:octo-org@1234/ebay-scanner@98765:pull_request")
    error_message = "The plan role trusts the id form too."
  }

  assert {
    condition     = aws_ecr_repository.this["worker"].image_tag_mutability == "IMMUTABLE"
    error_message = "Mutability follows the variable."
  }

  assert {
    condition     = length(aws_iam_openid_connect_provider.github) == 0 && length(aws_iam_user.ci) == 0
    error_message = "Provider and user are optional."
  }

  assert {
    condition     = jsondecode(aws_ecr_lifecycle_policy.this["web"].policy).rules[1].selection.countNumber == 5
    error_message = "max_image_count sets the keep-N rule."
  }
}

run "rejects_bad_mutability" {
  command = plan
  variables {
    image_tag_mutability = "IMMUTABLE_WITH_EXCLUSION"
  }
  expect_failures = [var.image_tag_mutability]
}

run "rejects_upper_case_repository" {
  command = plan
  variables {
    repository_names = { web = "Ebay-Scanner-Web", worker = "ebay-scanner-worker" }
  }
  expect_failures = [var.repository_names]
}

run "rejects_zero_days" {
  command = plan
  variables {
    untagged_expiry_days = 0
  }
  expect_failures = [var.untagged_expiry_days]
}

run "rejects_wildcard_subject" {
  command = plan
  variables {
    github_oidc_subjects = ["repo:octo-org/*"]
  }
  expect_failures = [var.github_oidc_subjects]
}

run "rejects_pull_request_on_push_role" {
  command = plan
  variables {
    github_oidc_subjects = ["repo:octo-org/ebay-scanner:pull_request"]
  }
  expect_failures = [var.github_oidc_subjects]
}

run "requires_existing_provider_arn" {
  command = plan
  variables {
    create_oidc_provider = false
  }
  expect_failures = [var.existing_oidc_provider_arn]
}
