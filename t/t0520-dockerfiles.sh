#!/bin/sh
# shellcheck disable=SC2016 # sh -c and python3 -c bodies take their file as $1
# Static checks of docker/: dockerfilelint (npm, offline once installed), and
# a lint of the POSIX sh scripts with ShellCheck, and the rules of shared/PIPELINE.md §5
# that a linter does not know (one pinned Debian codename, apt cleanup in the
# same RUN, no -dev packages or compilers at run time, USER 10001, tini,
# HEALTHCHECK, OCI labels, .dockerignore). Building and running the images is
# docker/check-images.sh, which needs root and a Docker engine.
#
# Set SHIP_TOOLS to a directory where dockerfilelint@1.8.0 is installed already;
# otherwise it is installed into a temporary directory, or skipped.

srcdir=$(cd "${top_srcdir:-${srcdir:-$(dirname "$0")/..}}" && pwd) || exit 1
d=$srcdir/docker

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

n=0
fail=0
ok() {
	n=$((n + 1))
	echo "ok $n - $1"
}
notok() {
	n=$((n + 1))
	echo "not ok $n - $1"
	fail=1
}
skip() {
	n=$((n + 1))
	echo "ok $n # SKIP $1"
}
# check DESCRIPTION COMMAND...: ok when COMMAND succeeds; its output is shown otherwise.
check() {
	desc=$1
	shift
	if "$@" >"$work/out" 2>&1; then
		ok "$desc"
	else
		notok "$desc"
		sed 's/^/# /' "$work/out"
	fi
}

# --- dockerfilelint ---------------------------------------------------------
dfl=
if [ -n "${SHIP_TOOLS:-}" ] && [ -x "$SHIP_TOOLS/node_modules/.bin/dockerfilelint" ]; then
	dfl=$SHIP_TOOLS/node_modules/.bin/dockerfilelint
elif command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
	if (cd "$work" && npm install --prefix "$work/tools" --no-audit --no-fund --loglevel=error \
		dockerfilelint@1.8.0) >"$work/npm.log" 2>&1; then
		dfl=$work/tools/node_modules/.bin/dockerfilelint
	fi
fi
for f in Dockerfile.web Dockerfile.worker Dockerfile.postgres-check; do
	if [ -n "$dfl" ]; then
		check "dockerfilelint docker/$f" "$dfl" "$d/$f"
	else
		skip "dockerfilelint unavailable (no node/npm or no registry): docker/$f"
	fi
done

# --- shellcheck -------------------------------------------------------------
for f in "$d"/*.sh "$srcdir"/.github/scripts/*.sh; do
	[ -f "$f" ] || continue
	rel=${f#"$srcdir"/}
	if command -v shellcheck >/dev/null 2>&1; then
		check "shellcheck $rel" shellcheck -s sh "$f"
	else
		skip "shellcheck unavailable: $rel"
	fi
	check "$rel is a POSIX sh script (#!/bin/sh)" sh -c 'head -n1 "$1" | grep -qx "#!/bin/sh"' sh "$f"
done

# --- rules ------------------------------------------------------------------
# stage FILE N: the instructions of the N-th stage (1-based; 0 for all),
# continuation lines joined, runs of blanks squeezed, comments dropped.
stage() {
	awk -v want="$2" '
		/^[[:space:]]*#/ { next }
		{ line = line $0 }
		/\\[[:space:]]*$/ { sub(/\\[[:space:]]*$/, " ", line); next }
		{
			gsub(/[[:space:]]+/, " ", line)
			if (toupper(line) ~ /^FROM /) s++
			if (want == 0 || s == want) print line
			line = ""
		}
	' "$1"
}

for f in Dockerfile.web Dockerfile.worker; do
	df=$d/$f
	froms=$(grep -iE '^FROM[[:space:]]' "$df" | awk '{ print $2 }' | sort -u)
	check "$f: every stage is FROM debian:bookworm-slim" [ "$froms" = "debian:bookworm-slim" ]
	check "$f: multi-stage (a builder and a runtime stage)" \
		[ "$(grep -ciE '^FROM[[:space:]]' "$df")" -ge 2 ]
	stage "$df" 0 >"$work/all"
	stage "$df" 1 >"$work/builder"
	stage "$df" 2 >"$work/runtime"
	check "$f: the builder runs autogen, configure, make -j2 and make install-strip DESTDIR=/out" \
		grep -q './autogen.sh && ./configure --prefix=/usr/local --sysconfdir=/etc && make -j2 && make install-strip DESTDIR=/out' "$work/builder"
	check "$f: every apt-get install removes the lists in the same RUN" sh -c '
		! grep -E "apt-get (-[a-z]+ )*install" "$1" | grep -v "rm -rf /var/lib/apt/lists/\*" | grep -q .' sh "$work/all"
	check "$f: apt-get install uses --no-install-recommends" sh -c \
		'! grep -E "apt-get (-[a-z]+ )*install" "$1" | grep -v -- "--no-install-recommends" | grep -q .' sh "$work/all"
	check "$f: no -dev packages, compilers or build tools at run time" sh -c \
		'! grep -E "apt-get .*install" "$1" | grep -qE -- "-dev([[:space:]]|$)|build-essential|gcc|g\+\+|autoconf|automake|libtool|pkg-config"' sh "$work/runtime"
	check "$f: the runtime copies only from the builder's /out and docker/" sh -c \
		'! grep -E "^(COPY|ADD)[[:space:]]" "$1" | grep -vE "^COPY --from=builder (--chown=[^ ]+ )?/out/|^COPY docker/" | grep -q .' sh "$work/runtime"
	check "$f: user app is UID/GID 10001 with a home" grep -q \
		'groupadd -g 10001 app && useradd -m -u 10001 -g app -s /usr/sbin/nologin app' "$work/runtime"
	check "$f: tini is PID 1" grep -qE '^ENTRYPOINT \["/usr/bin/tini", "-g", "--",' "$work/runtime"
	check "$f: has a HEALTHCHECK with options and no --start-period" sh -c \
		'grep -qE "^HEALTHCHECK --interval=" "$1" && ! grep -q -- "--start-period" "$1"' sh "$work/runtime"
	for l in title description source revision version created licenses; do
		check "$f: label org.opencontainers.image.$l" grep -q "org.opencontainers.image.$l=" "$work/runtime"
	done
done

web=$d/Dockerfile.web
stage "$web" 2 >"$work/runtime"
check "web: USER 10001:10001" grep -qx 'USER 10001:10001' "$work/runtime"
check "web: EXPOSE 8080 and STOPSIGNAL SIGQUIT" sh -c \
	'grep -qx "EXPOSE 8080" "$1" && grep -qx "STOPSIGNAL SIGQUIT" "$1"' sh "$work/runtime"
check "web: HEALTHCHECK curls /healthz through nginx on 8080" grep -q \
	'HEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD curl -fsS http://127.0.0.1:8080/healthz' "$work/runtime"
for p in libfcgi0ldbl libpq5 libcurl4 libjson-c5 libctemplate3 nginx tini ca-certificates curl; do
	check "web: runtime package $p" grep -qE "install .*[[:space:]]$p([[:space:]]|$)" "$work/runtime"
done
worker=$d/Dockerfile.worker
stage "$worker" 2 >"$work/runtime"
for p in libpq5 libcurl4 libjson-c5 libctemplate3 tini ca-certificates busybox-static; do
	check "worker: runtime package $p" grep -qE "install .*[[:space:]]$p([[:space:]]|$)" "$work/runtime"
done
check "worker: crond as root is documented in docker/README.md" grep -qi 'root' "$d/README.md"
check "worker: the crontab for app is root-owned, mode 0600" sh -c \
	'grep -q "chown root:root /etc/crontabs/app" "$1" && grep -q "chmod 0600 /etc/crontabs/app" "$1"' sh "$work/runtime"
check "worker: entrypoint runs busybox crond in the foreground" grep -q \
	'exec busybox crond -f -L /dev/stderr -c /etc/crontabs' "$d/entrypoint-worker.sh"

nc=$d/nginx.conf
check "nginx.conf: no user directive, pid in /tmp" sh -c \
	'! grep -qE "^[[:space:]]*user[[:space:]]" "$1" && grep -q "^pid /tmp/" "$1"' sh "$nc"
# The server block comes from `make install` (nginx/ebay-scanner.conf.in with
# @LISTEN@ = 8080, see nginx/local.mk), unless nginx.conf listens itself.
check "nginx.conf: listens on 8080 (itself or through the installed server block)" sh -c \
	'grep -qE "^[[:space:]]*listen 8080" "$1" || {
		grep -q "include /etc/ebay-scanner/nginx/ebay-scanner.conf;" "$1" &&
		grep -q "s|@LISTEN@|8080|" "$2/nginx/local.mk" &&
		grep -qE "^[[:space:]]*listen @LISTEN@;" "$2/nginx/ebay-scanner.conf.in"; }' sh "$nc" "$srcdir"
for t in client_body proxy fastcgi uwsgi scgi; do
	check "nginx.conf: ${t}_temp_path under /tmp" grep -qE "^[[:space:]]*${t}_temp_path /tmp/" "$nc"
done
check "nginx.conf: error_log stderr, access_log /dev/stdout" sh -c \
	'grep -q "^error_log stderr" "$1" && grep -qE "^[[:space:]]*access_log /dev/stdout" "$1"' sh "$nc"
check "entrypoint-web.sh: exec nginx -e stderr -g 'daemon off;'" grep -q \
	"exec nginx -e stderr -g 'daemon off;'" "$d/entrypoint-web.sh"

di=$srcdir/.dockerignore
for p in .git .github infra/ '**/.terraform' '*.tfstate*' '*.tfvars' '.env*' '*.o' '*.lo' autom4te.cache/; do
	check ".dockerignore has $p" grep -qxF "$p" "$di"
done
check ".dockerignore excludes .libs" grep -qE '^(\*\*/)?\.libs/?$' "$di"

# compose: PostgreSQL, web, worker, fake eBay; web on loopback only.
cf=$d/compose.yaml
if command -v python3 >/dev/null 2>&1 && python3 -c 'import yaml' 2>/dev/null; then
	check "compose.yaml: services postgres, web, worker, fake-ebay; web published on 127.0.0.1; read-only with /tmp tmpfs" python3 -c '
import sys, yaml
c = yaml.safe_load(open(sys.argv[1]))
s = c["services"]
assert {"postgres", "web", "worker", "fake-ebay"} <= set(s), sorted(s)
for p in s["web"].get("ports", []):
    assert str(p).startswith("127.0.0.1:"), p
for name in ("web", "worker", "fake-ebay"):
    assert s[name].get("read_only") is True, name
    assert any(str(t).startswith("/tmp") for t in s[name].get("tmpfs", [])), name
' "$cf"
else
	skip "python3-yaml unavailable: compose.yaml"
fi

echo "1..$n"
exit $fail
