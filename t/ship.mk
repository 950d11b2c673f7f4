# Automake fragment of the "Ship" work (issue 8): container images, Terraform,
# the GitHub Actions pipeline. Included by the top-level Makefile.am.

dist_check_SCRIPTS += t/t0500-terraform.sh t/t0510-workflow.sh t/t0520-dockerfiles.sh
TESTS += t/t0500-terraform.sh t/t0510-workflow.sh t/t0520-dockerfiles.sh

EXTRA_DIST += \
	infra/.gitignore \
	infra/.terraform.lock.hcl \
	infra/README.md \
	infra/backend.hcl.example \
	infra/ecr.tf \
	infra/iam.tf \
	infra/outputs.tf \
	infra/terraform.tfvars.example \
	infra/tests/infra.tftest.hcl \
	infra/variables.tf \
	infra/versions.tf

EXTRA_DIST += \
	.github/scripts/deploy-ecs.sh \
	.github/workflows/build-and-deploy.yml

EXTRA_DIST += \
	.dockerignore \
	docker/.gitignore \
	docker/Dockerfile.postgres-check \
	docker/Dockerfile.web \
	docker/Dockerfile.worker \
	docker/README.md \
	docker/check-images.sh \
	docker/compose.yaml \
	docker/entrypoint-web.sh \
	docker/entrypoint-worker.sh \
	docker/healthcheck-worker.sh \
	docker/migrate.sh \
	docker/nginx.conf
