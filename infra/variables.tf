variable "aws_region" {
  type        = string
  description = "AWS region of the ECR repositories, for example us-east-1."
  default     = "us-east-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]+$", var.aws_region))
    error_message = "The aws_region must look like an AWS region name, for example us-east-1."
  }
}

variable "name_prefix" {
  type        = string
  description = "Prefix of the IAM role, policy and user names created here."
  default     = "ebay-scanner"

  validation {
    condition     = can(regex("^[a-zA-Z][a-zA-Z0-9+=,.@_-]{0,40}$", var.name_prefix))
    error_message = "The name_prefix must start with a letter and hold at most 41 IAM name characters."
  }
}

variable "repository_names" {
  type        = map(string)
  description = "ECR repository name per image; the keys must be exactly web and worker."
  default = {
    web    = "ebay-scanner-web"
    worker = "ebay-scanner-worker"
  }

  validation {
    condition     = toset(keys(var.repository_names)) == toset(["web", "worker"])
    error_message = "The repository_names map must have exactly the keys web and worker."
  }

  validation {
    condition = alltrue([
      for name in values(var.repository_names) :
      length(name) >= 2 && length(name) <= 256 &&
      can(regex("^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$", name))
    ])
    error_message = "ECR repository names are 2-256 characters of lower-case [a-z0-9]+ segments joined by '.', '_', '-' or '/'."
  }
}

variable "image_tag_mutability" {
  type        = string
  description = "MUTABLE allows moving tags (latest, main, develop); IMMUTABLE allows only unique tags such as sha-<short>."
  default     = "MUTABLE"

  validation {
    condition     = contains(["MUTABLE", "IMMUTABLE"], var.image_tag_mutability)
    error_message = "The image_tag_mutability must be MUTABLE or IMMUTABLE."
  }
}

variable "scan_on_push" {
  type        = bool
  description = "Run ECR basic scanning on every push. Off by default: the pipeline scans each image with Trivy before pushing it."
  default     = false
}

variable "force_delete" {
  type        = bool
  description = "Allow terraform destroy to delete repositories that still hold images."
  default     = false
}

variable "untagged_expiry_days" {
  type        = number
  description = "Days after which untagged images expire. ECR counts whole days only, so 1 is the shortest."
  default     = 1

  validation {
    condition     = var.untagged_expiry_days >= 1 && floor(var.untagged_expiry_days) == var.untagged_expiry_days
    error_message = "The untagged_expiry_days must be a whole number of days, at least 1."
  }
}

variable "max_image_count" {
  type        = number
  description = "How many tagged images each repository keeps; older ones expire. Keep N x (web + worker) under the 500 MB free tier."
  default     = 3

  validation {
    condition     = var.max_image_count >= 1 && var.max_image_count <= 1000 && floor(var.max_image_count) == var.max_image_count
    error_message = "The max_image_count must be a whole number between 1 and 1000."
  }
}

variable "github_repository" {
  type        = string
  description = "The GitHub repository allowed to push, as OWNER/REPO."

  validation {
    condition     = can(regex("^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$", var.github_repository))
    error_message = "The github_repository must be OWNER/REPO, without wildcards."
  }
}

variable "github_repository_id_form" {
  type        = string
  description = "The same repository in the id-based subject form, OWNER@OWNER_ID/REPO@REPO_ID, sent by repositories created, renamed or transferred on or after 2026-07-15; null to leave it out."
  default     = null

  validation {
    condition     = var.github_repository_id_form == null || can(regex("^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})@[0-9]+/[A-Za-z0-9._-]{1,100}@[0-9]+$", var.github_repository_id_form))
    error_message = "The github_repository_id_form must be OWNER@OWNER_ID/REPO@REPO_ID with numeric ids."
  }
}

variable "github_branches" {
  type        = list(string)
  description = "Branches whose workflow runs may assume the push role (subject ref:refs/heads/<branch>)."
  default     = ["main", "develop"]

  validation {
    condition     = alltrue([for b in var.github_branches : can(regex("^[A-Za-z0-9._/-]+$", b))])
    error_message = "Branch names must not contain wildcards or spaces."
  }
}

variable "github_environments" {
  type        = list(string)
  description = "GitHub environments whose jobs may assume the push role (subject environment:<name>, sent with no ref)."
  default     = ["staging", "production"]

  validation {
    condition     = alltrue([for e in var.github_environments : can(regex("^[A-Za-z0-9._-]+$", e))])
    error_message = "Environment names must not contain wildcards or spaces."
  }
}

variable "github_oidc_subjects" {
  type        = list(string)
  description = "Explicit list of token subjects the push role trusts; null derives it from the repository, branches and environments."
  default     = null

  validation {
    condition = var.github_oidc_subjects == null || alltrue([
      for s in coalesce(var.github_oidc_subjects, []) :
      can(regex("^repo:[A-Za-z0-9][A-Za-z0-9-]*(?:@[0-9]+)?/[A-Za-z0-9._-]+(?:@[0-9]+)?:(?:ref:refs/(?:heads|tags)/[A-Za-z0-9._/-]+|environment:[A-Za-z0-9._-]+)$", s))
    ])
    error_message = "Each subject must be repo:OWNER/REPO:ref:refs/heads/BRANCH or repo:OWNER/REPO:environment:NAME (id forms allowed); no wildcards and no pull_request."
  }
}

variable "create_oidc_provider" {
  type        = bool
  description = "Create the GitHub OIDC provider. An account holds one per URL: set false and pass existing_oidc_provider_arn when it exists."
  default     = true
}

variable "existing_oidc_provider_arn" {
  type        = string
  description = "ARN of an existing token.actions.githubusercontent.com provider, used when create_oidc_provider is false."
  default     = null

  validation {
    condition     = var.existing_oidc_provider_arn == null || can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:oidc-provider/token\\.actions\\.githubusercontent\\.com$", var.existing_oidc_provider_arn))
    error_message = "The existing_oidc_provider_arn must be the ARN of the token.actions.githubusercontent.com OIDC provider."
  }

  validation {
    condition     = var.create_oidc_provider || var.existing_oidc_provider_arn != null
    error_message = "Set existing_oidc_provider_arn when create_oidc_provider is false."
  }
}

variable "create_iam_user" {
  type        = bool
  description = "Create the fallback IAM user with an access key, for pipelines that cannot use OIDC. Its secret is stored in the Terraform state."
  default     = true
}

variable "create_plan_role" {
  type        = bool
  description = "Create a read-only role for terraform plan on pull requests (subject pull_request)."
  default     = true
}

variable "terraform_state_bucket" {
  type        = string
  description = "Name of the S3 bucket holding the Terraform state, readable by the plan role; null grants no state access."
  default     = null

  validation {
    condition     = var.terraform_state_bucket == null || can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.terraform_state_bucket))
    error_message = "The terraform_state_bucket must be a valid S3 bucket name."
  }
}

variable "terraform_state_key" {
  type        = string
  description = "Object key of the Terraform state in terraform_state_bucket."
  default     = "ebay-scanner/terraform.tfstate"
}

variable "ecs_service_arns" {
  type        = list(string)
  description = "ECS services the deploy jobs may roll (ecs:UpdateService); empty grants no ECS rights."
  default     = []

  validation {
    condition     = alltrue([for a in var.ecs_service_arns : can(regex("^arn:aws[a-z-]*:ecs:[a-z0-9-]+:[0-9]{12}:service/[A-Za-z0-9_-]+/[A-Za-z0-9_-]+$", a))])
    error_message = "Each ecs_service_arns entry must be a full ECS service ARN (arn:aws:ecs:REGION:ACCOUNT:service/CLUSTER/SERVICE), without wildcards."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags added to every resource."
  default = {
    project    = "ebay-scanner"
    managed-by = "terraform"
  }
}
