#!/bin/sh
# Offline checks of infra/: terraform fmt, init against a local provider
# mirror, validate, and `terraform test` with a mocked provider.
# Skips when terraform or a filesystem mirror of hashicorp/aws is absent.
# The mirror is looked up at run time (or given as TF_PLUGIN_MIRROR).

srcdir=$(cd "${top_srcdir:-${srcdir:-$(dirname "$0")/..}}" && pwd) || exit 1
infra=$srcdir/infra

if ! command -v terraform >/dev/null 2>&1; then
	echo "1..0 # SKIP terraform not installed (no provider mirror)"
	exit 0
fi

mirror=${TF_PLUGIN_MIRROR:-}
if [ -z "$mirror" ]; then
	p=$(find / \( -path /proc -o -path /sys -o -path /dev \) -prune -o \
		-name 'terraform-provider-aws_*' -path '*/hashicorp/aws/*' -print 2>/dev/null | head -n1)
	[ -n "$p" ] && mirror=${p%/*/hashicorp/aws/*}
fi
if [ -z "$mirror" ] || [ ! -d "$mirror" ]; then
	echo "1..0 # SKIP no provider mirror"
	exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
cp -R "$infra" "$work/infra"
rm -rf "$work/infra/.terraform"
: >"$work/terraformrc"
export TF_CLI_CONFIG_FILE="$work/terraformrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
unset TF_PLUGIN_CACHE_DIR TF_DATA_DIR
cd "$work/infra" || exit 1

echo "1..6"
n=0
check() {
	desc=$1
	shift
	n=$((n + 1))
	if "$@" >"$work/out" 2>&1; then
		echo "ok $n - $desc"
	else
		echo "not ok $n - $desc"
		sed 's/^/# /' "$work/out"
		fail=1
	fi
}
fail=0

check "terraform fmt -check" terraform fmt -check -recursive -no-color
cp terraform.tfvars.example "$work/example.tfvars"
check "terraform.tfvars.example is formatted" terraform fmt -check -no-color "$work/example.tfvars"
check "terraform init -backend=false (offline mirror)" \
	terraform init -backend=false -input=false -no-color -plugin-dir="$mirror"
check "terraform validate" terraform validate -no-color
# shellcheck disable=SC2317 # called through check
lock_ok() {
	# init must leave the committed lock file as it is, and it names one provider.
	cmp -s .terraform.lock.hcl "$infra/.terraform.lock.hcl" &&
		[ "$(grep -c '^provider ' .terraform.lock.hcl)" = 1 ] &&
		grep -q '^provider "registry.terraform.io/hashicorp/aws"' .terraform.lock.hcl
}
check "the lock file is committed, unchanged, hashicorp/aws only" lock_ok
check "terraform test (mocked provider)" terraform test -no-color
exit $fail
