data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition

  # Both subject forms: OWNER/REPO, and OWNER@id/REPO@id, which repositories
  # created, renamed or transferred on or after 2026-07-15 send.
  github_repo_forms = [for r in [var.github_repository, var.github_repository_id_form] : r if r != null]

  # Jobs that name an environment send environment:<name> with no ref, so the
  # deploy jobs need these entries besides the branch refs.
  derived_push_subjects = flatten([
    for r in local.github_repo_forms : concat(
      [for b in var.github_branches : "repo:${r}:ref:refs/heads/${b}"],
      [for e in var.github_environments : "repo:${r}:environment:${e}"],
    )
  ])
  push_subjects = var.github_oidc_subjects != null ? var.github_oidc_subjects : local.derived_push_subjects

  # Pull requests get only the read-only plan role, never the push role.
  plan_subjects = [for r in local.github_repo_forms : "repo:${r}:pull_request"]

  oidc_provider_arn = var.create_oidc_provider ? aws_iam_openid_connect_provider.github[0].arn : var.existing_oidc_provider_arn

  repository_arns = [for r in aws_ecr_repository.this : r.arn]
}

# ---------------------------------------------------------------------------
# GitHub OIDC provider. An account allows one provider per URL: with
# create_oidc_provider = false the existing one is passed in. No
# thumbprint_list: it is optional and AWS ignores it for this provider.
resource "aws_iam_openid_connect_provider" "github" {
  count = var.create_oidc_provider ? 1 : 0

  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
}

# ---------------------------------------------------------------------------
# Least-privilege push/pull policy, shared by the role and the fallback user.
# GetAuthorizationToken cannot be scoped to a resource; everything else is
# limited to the two repositories.
#trivy:ignore:AVD-AWS-0057
data "aws_iam_policy_document" "ecr_push" {
  statement {
    sid       = "EcrLogin"
    effect    = "Allow"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }

  statement {
    sid    = "EcrPushPull"
    effect = "Allow"
    actions = [
      # push
      "ecr:BatchCheckLayerAvailability",
      "ecr:InitiateLayerUpload",
      "ecr:UploadLayerPart",
      "ecr:CompleteLayerUpload",
      "ecr:PutImage",
      # pull
      "ecr:BatchGetImage",
      "ecr:GetDownloadUrlForLayer",
      # read-only inspection
      "ecr:DescribeImages",
      "ecr:DescribeRepositories",
      "ecr:ListImages",
      "ecr:DescribeImageScanFindings",
    ]
    resources = local.repository_arns
  }
}

#trivy:ignore:AVD-AWS-0057
resource "aws_iam_policy" "ecr_push" {
  name        = "${var.name_prefix}-ecr-push"
  description = "Push and pull the ebay-scanner images in ECR, nothing else."
  policy      = data.aws_iam_policy_document.ecr_push.json
}

# Optional: roll the ECS services of the deploy jobs.
data "aws_iam_policy_document" "ecs_deploy" {
  count = length(var.ecs_service_arns) > 0 ? 1 : 0

  statement {
    sid       = "EcsRollServices"
    effect    = "Allow"
    actions   = ["ecs:UpdateService", "ecs:DescribeServices"]
    resources = var.ecs_service_arns
  }
}

resource "aws_iam_policy" "ecs_deploy" {
  count = length(var.ecs_service_arns) > 0 ? 1 : 0

  name        = "${var.name_prefix}-ecs-deploy"
  description = "Force new deployments of the listed ebay-scanner ECS services."
  policy      = data.aws_iam_policy_document.ecs_deploy[0].json
}

# ---------------------------------------------------------------------------
# Role assumed by the build-and-push and deploy jobs through OIDC.
data "aws_iam_policy_document" "github_push_trust" {
  statement {
    sid     = "GitHubActionsOidc"
    effect  = "Allow"
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [local.oidc_provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:sub"
      values   = local.push_subjects
    }
  }
}

resource "aws_iam_role" "github_push" {
  name                 = "${var.name_prefix}-github-ecr-push"
  description          = "Assumed by GitHub Actions (OIDC) to push ebay-scanner images and deploy."
  assume_role_policy   = data.aws_iam_policy_document.github_push_trust.json
  max_session_duration = 3600
}

resource "aws_iam_role_policy_attachment" "github_push_ecr" {
  role       = aws_iam_role.github_push.name
  policy_arn = aws_iam_policy.ecr_push.arn
}

resource "aws_iam_role_policy_attachment" "github_push_ecs" {
  count = length(var.ecs_service_arns) > 0 ? 1 : 0

  role       = aws_iam_role.github_push.name
  policy_arn = aws_iam_policy.ecs_deploy[0].arn
}

# ---------------------------------------------------------------------------
# Fallback IAM user with an access key, for when OIDC cannot be used. No login
# profile. The secret access key ends up in the Terraform state in plain text.
resource "aws_iam_user" "ci" {
  count = var.create_iam_user ? 1 : 0

  name = "${var.name_prefix}-github-ecr-push"
}

resource "aws_iam_access_key" "ci" {
  count = var.create_iam_user ? 1 : 0

  user = aws_iam_user.ci[0].name
}

# The user exists only to carry this one policy, so a group would add a
# resource without narrowing anything (AVD-AWS-0143 accepted).
#trivy:ignore:AVD-AWS-0143
resource "aws_iam_user_policy_attachment" "ci_ecr" {
  count = var.create_iam_user ? 1 : 0

  user       = aws_iam_user.ci[0].name
  policy_arn = aws_iam_policy.ecr_push.arn
}

#trivy:ignore:AVD-AWS-0143
resource "aws_iam_user_policy_attachment" "ci_ecs" {
  count = var.create_iam_user && length(var.ecs_service_arns) > 0 ? 1 : 0

  user       = aws_iam_user.ci[0].name
  policy_arn = aws_iam_policy.ecs_deploy[0].arn
}

# ---------------------------------------------------------------------------
# Read-only role for `terraform plan` on pull requests from this repository.
# It may read what this configuration manages and the state, and change
# nothing. Plans run with -lock=false, so it needs no write access to the
# state bucket.
data "aws_iam_policy_document" "github_plan_trust" {
  statement {
    sid     = "GitHubActionsOidcPullRequests"
    effect  = "Allow"
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [local.oidc_provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:sub"
      values   = local.plan_subjects
    }
  }
}

data "aws_iam_policy_document" "github_plan" {
  statement {
    sid    = "EcrRead"
    effect = "Allow"
    actions = [
      "ecr:DescribeRepositories",
      "ecr:GetLifecyclePolicy",
      "ecr:GetRepositoryPolicy",
      "ecr:ListTagsForResource",
    ]
    resources = local.repository_arns
  }

  statement {
    sid    = "IamRead"
    effect = "Allow"
    actions = [
      "iam:GetOpenIDConnectProvider",
      "iam:GetPolicy",
      "iam:GetPolicyVersion",
      "iam:GetRole",
      "iam:GetUser",
      "iam:ListAccessKeys",
      "iam:ListAttachedRolePolicies",
      "iam:ListAttachedUserPolicies",
      "iam:ListPolicyVersions",
      "iam:ListRolePolicies",
    ]
    resources = [
      "arn:${local.partition}:iam::${local.account_id}:oidc-provider/token.actions.githubusercontent.com",
      "arn:${local.partition}:iam::${local.account_id}:policy/${var.name_prefix}-*",
      "arn:${local.partition}:iam::${local.account_id}:role/${var.name_prefix}-*",
      "arn:${local.partition}:iam::${local.account_id}:user/${var.name_prefix}-*",
    ]
  }

  dynamic "statement" {
    for_each = var.terraform_state_bucket == null ? [] : [var.terraform_state_bucket]

    content {
      sid       = "StateList"
      effect    = "Allow"
      actions   = ["s3:ListBucket"]
      resources = ["arn:${local.partition}:s3:::${statement.value}"]
    }
  }

  dynamic "statement" {
    for_each = var.terraform_state_bucket == null ? [] : [var.terraform_state_bucket]

    content {
      sid       = "StateRead"
      effect    = "Allow"
      actions   = ["s3:GetObject"]
      resources = ["arn:${local.partition}:s3:::${statement.value}/${var.terraform_state_key}"]
    }
  }
}

resource "aws_iam_role" "github_plan" {
  count = var.create_plan_role ? 1 : 0

  name                 = "${var.name_prefix}-github-tf-plan"
  description          = "Assumed by GitHub Actions on pull requests to run terraform plan, read-only."
  assume_role_policy   = data.aws_iam_policy_document.github_plan_trust.json
  max_session_duration = 3600
}

resource "aws_iam_role_policy" "github_plan" {
  count = var.create_plan_role ? 1 : 0

  name   = "terraform-plan-read-only"
  role   = aws_iam_role.github_plan[0].id
  policy = data.aws_iam_policy_document.github_plan.json
}
