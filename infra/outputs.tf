output "aws_account_id" {
  description = "AWS account id that owns the registry (the registry id of the repositories)."
  value       = aws_ecr_repository.this["web"].registry_id
}

output "aws_region" {
  description = "AWS region of the ECR repositories."
  value       = var.aws_region
}

output "ecr_repository_web_url" {
  description = "URL of the web image repository, <account>.dkr.ecr.<region>.amazonaws.com/<name>."
  value       = aws_ecr_repository.this["web"].repository_url
}

output "ecr_repository_worker_url" {
  description = "URL of the worker image repository."
  value       = aws_ecr_repository.this["worker"].repository_url
}

output "ecr_registry" {
  description = "Registry host to log in to with docker login."
  value       = split("/", aws_ecr_repository.this["web"].repository_url)[0]
}

output "github_actions_role_arn" {
  description = "ARN of the role GitHub Actions assumes through OIDC to push images and deploy."
  value       = aws_iam_role.github_push.arn
}

output "github_actions_plan_role_arn" {
  description = "ARN of the read-only role for terraform plan on pull requests, or null."
  value       = try(aws_iam_role.github_plan[0].arn, null)
}

output "github_oidc_subjects" {
  description = "Token subjects the push role trusts."
  value       = local.push_subjects
}

output "github_actions_access_key_id" {
  description = "Access key id of the fallback IAM user, or null when create_iam_user is false."
  value       = try(aws_iam_access_key.ci[0].id, null)
}

output "github_actions_secret_access_key" {
  description = "Secret access key of the fallback IAM user. Stored in the state in plain text; read it with terraform output -raw."
  value       = try(aws_iam_access_key.ci[0].secret, null)
  sensitive   = true
}

output "github_secrets_summary" {
  description = "The GitHub Actions secrets and variables to create (names and non-secret values only)."
  value = {
    variables = {
      AWS_REGION               = var.aws_region
      AWS_ACCOUNT_ID           = aws_ecr_repository.this["web"].registry_id
      AWS_ROLE_ARN             = aws_iam_role.github_push.arn
      ECR_REPOSITORY_WEB       = aws_ecr_repository.this["web"].name
      ECR_REPOSITORY_WORKER    = aws_ecr_repository.this["worker"].name
      ECR_IMAGE_TAG_MUTABILITY = var.image_tag_mutability
      TF_PLAN_ROLE_ARN         = try(aws_iam_role.github_plan[0].arn, "")
    }
    secrets = var.create_iam_user ? {
      AWS_ACCESS_KEY_ID     = "terraform output -raw github_actions_access_key_id"
      AWS_SECRET_ACCESS_KEY = "terraform output -raw github_actions_secret_access_key"
      } : {
    }
    note = "AWS_REGION and AWS_ACCOUNT_ID may also be secrets. Set AWS_ROLE_ARN to use OIDC; without it the workflow falls back to the access-key secrets. TF_APPLY_ROLE_ARN and TF_STATE_BUCKET come from the one-time bootstrap."
  }
}
