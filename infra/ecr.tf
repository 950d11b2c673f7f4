# Both repositories come from one definition, keyed web and worker.
#
# AES256 (the default) is free; a customer-managed KMS key would cost about
# $1/month, which is the whole budget of this project.
# Moving tags (latest, main, develop) need MUTABLE, the default of
# var.image_tag_mutability; the pipeline also pushes a unique sha-<short> tag
# that deployments can pin. Set IMMUTABLE to forbid moving tags altogether.
# Accepted scanner findings: AVD-AWS-0031 (mutable tags: moving tags are
# intended, deploys can pin sha-<short> tags or digests) and AVD-AWS-0033 (no
# customer-managed KMS key: AES256 keeps the project within the free tier).
#trivy:ignore:AVD-AWS-0031
#trivy:ignore:AVD-AWS-0033
resource "aws_ecr_repository" "this" {
  for_each = var.repository_names

  name                 = each.value
  image_tag_mutability = var.image_tag_mutability
  force_delete         = var.force_delete

  image_scanning_configuration {
    scan_on_push = var.scan_on_push
  }

  # Fixed at creation: changing it replaces the repository and its images.
  encryption_configuration {
    encryption_type = "AES256"
  }

  tags = {
    image = each.key
  }
}

# One policy per repository holding every rule, in ascending priority (ECR
# returns them sorted; another order shows a diff on every plan).
# Rule 1 expires untagged images (layers of replaced tags, failed pushes) after
# whole days; ECR cannot express hours. Rule 2 keeps the newest tagged images.
# There is deliberately no tagStatus "any" rule: it would count untagged images
# and evict tagged ones.
resource "aws_ecr_lifecycle_policy" "this" {
  for_each = aws_ecr_repository.this

  repository = each.value.name

  policy = jsonencode({
    rules = [
      {
        rulePriority = 1
        description  = "Expire untagged images after ${var.untagged_expiry_days} day(s)"
        selection = {
          tagStatus   = "untagged"
          countType   = "sinceImagePushed"
          countUnit   = "days"
          countNumber = var.untagged_expiry_days
        }
        action = { type = "expire" }
      },
      {
        rulePriority = 2
        description  = "Keep the newest ${var.max_image_count} tagged images"
        selection = {
          tagStatus      = "tagged"
          tagPatternList = ["*"]
          countType      = "imageCountMoreThan"
          countNumber    = var.max_image_count
        }
        action = { type = "expire" }
      },
    ]
  })
}
