#!/bin/sh
# Roll the ECS services of one environment onto the images just pushed.
#
# The task definitions reference the branch tags (:develop for staging, :main
# for production), so a forced new deployment pulls the new images. Without a
# cluster this logs a clear skip and succeeds.
#
# Environment: ECS_CLUSTER, ECS_SERVICE_WEB, ECS_SERVICE_WORKER (service names
# or ARNs; empty ones are skipped), DEPLOY_ENVIRONMENT (for the log only).
set -eu

envname=${DEPLOY_ENVIRONMENT:-unknown}
summary=${GITHUB_STEP_SUMMARY:-/dev/null}

if [ -z "${ECS_CLUSTER:-}" ]; then
	echo "::notice title=deploy-$envname skipped::ECS_CLUSTER is not set for the $envname environment; nothing to deploy. The images are in ECR."
	echo "deploy-$envname: skipped, no ECS_CLUSTER configured" >>"$summary"
	exit 0
fi

services=
for s in "${ECS_SERVICE_WEB:-}" "${ECS_SERVICE_WORKER:-}"; do
	[ -n "$s" ] && services="$services $s"
done
if [ -z "$services" ]; then
	echo "::notice title=deploy-$envname skipped::ECS_CLUSTER is set but neither ECS_SERVICE_WEB nor ECS_SERVICE_WORKER is."
	echo "deploy-$envname: skipped, no ECS services configured" >>"$summary"
	exit 0
fi

for s in $services; do
	echo "Rolling $s in $ECS_CLUSTER ($envname)"
	aws ecs update-service --cluster "$ECS_CLUSTER" --service "$s" \
		--force-new-deployment --query 'service.deployments[0].id' --output text
done
# shellcheck disable=SC2086 # one argument per service
aws ecs wait services-stable --cluster "$ECS_CLUSTER" --services $services
echo "deploy-$envname: rolled$services in $ECS_CLUSTER" >>"$summary"
