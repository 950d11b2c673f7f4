#!/bin/sh
# Build both ebay-scanner images and check them, on a machine without registry
# access if need be. Used by .ci/run and by developers:
#
#   docker/check-images.sh
#
# 1. uses the running Docker engine, or starts a private one (root only) with
#    its state in a temporary directory, no bridge and no iptables rules;
# 2. uses debian:bookworm-slim if present or pullable, otherwise makes it from
#    Debian's packages with debootstrap and the apt mirror this machine uses;
# 3. builds ebay-scanner-web and ebay-scanner-worker;
# 4. runs a PostgreSQL container (built from Debian's packages) and, in its
#    network namespace, so on loopback only: the web container --read-only
#    with a tmpfs on /tmp (migrations at start, /healthz through nginx, every
#    process UID 10001), the fake eBay, and one worker pass against it;
# 5. prints each image's compressed size (docker save | gzip -c | wc -c).
#
# Everything it starts is stopped by container id or PID at exit.
#
# Environment:
#   EBAY_SKIP_IMAGE_CHECKS=1  skip (prints why and exits 0)
#   EBAY_DOCKER_ROOT=DIR      keep the private engine's data (and so the build
#                             cache and the base image) in DIR between runs
#   IMAGE_TAG=TAG             tag of the built images (default: check)
#   DOCKER=PATH               docker CLI to use
#   EBAY_BUILD_NETWORK=host   network of the build's RUN steps on a running
#                             engine without a bridge (a private one gets host)
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
tag=${IMAGE_TAG:-check}
web_image=ebay-scanner-web:$tag
worker_image=ebay-scanner-worker:$tag
pg_image=ebay-scanner-postgres-check:$tag
base_image=debian:bookworm-slim
app_uid=10001

say() { printf 'check-images: %s\n' "$*"; }
die() {
	printf 'check-images: FAIL: %s\n' "$*" >&2
	exit 1
}
skip() {
	say "SKIP: $*"
	exit 0
}

if [ "${EBAY_SKIP_IMAGE_CHECKS:-0}" = 1 ]; then
	skip "EBAY_SKIP_IMAGE_CHECKS=1"
fi

state=$(mktemp -d)
chmod 755 "$state"
dockerd_pid=
network_holder=
: >"$state/containers" # ids of the containers started, one a line

cleanup() {
	status=$?
	set +e
	n=0
	while read -r c; do
		"$docker" rm -f "$c" >/dev/null 2>&1 && n=$((n + 1))
	done <"$state/containers"
	[ $n = 0 ] || say "removed the $n containers it started"
	if [ -n "$dockerd_pid" ]; then
		kill -TERM "$dockerd_pid" 2>/dev/null
		i=0
		while kill -0 "$dockerd_pid" 2>/dev/null && [ $i -lt 150 ]; do
			sleep 0.2
			i=$((i + 1))
		done
		kill -0 "$dockerd_pid" 2>/dev/null && kill -KILL "$dockerd_pid" 2>/dev/null
		wait "$dockerd_pid" 2>/dev/null
	fi
	rm -rf "$state" 2>/dev/null || say "could not remove $state entirely"
	exit $status
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- the docker CLI ---------------------------------------------------------
# A newer CLI without the buildx plugin falls back to the legacy builder, so
# prefer one with buildx, then one with BuildKit built in (before 23.0).
pick_docker() {
	if [ -n "${DOCKER:-}" ]; then
		echo "$DOCKER"
		return
	fi
	first='' builtin=''
	old_ifs=$IFS
	IFS=:
	for d in $PATH; do
		[ -x "$d/docker" ] || continue
		c=$d/docker
		[ -n "$first" ] || first=$c
		if "$c" buildx version >/dev/null 2>&1; then
			IFS=$old_ifs
			echo "$c"
			return
		fi
		major=$("$c" --version 2>/dev/null | sed -n 's/^Docker version \([0-9]*\)\..*/\1/p')
		if [ -z "$builtin" ] && [ -n "$major" ] && [ "$major" -lt 23 ]; then
			builtin=$c
		fi
	done
	IFS=$old_ifs
	if [ -n "$builtin" ]; then echo "$builtin"; else echo "$first"; fi
}
docker=$(pick_docker)
[ -n "$docker" ] || skip "no docker CLI (apt-get install docker.io)"
export DOCKER_BUILDKIT=1
if ! "$docker" buildx version >/dev/null 2>&1; then
	major=$("$docker" --version 2>/dev/null | sed -n 's/^Docker version \([0-9]*\)\..*/\1/p')
	if [ -n "$major" ] && [ "$major" -ge 23 ]; then
		say "$docker has no buildx: using the legacy builder"
		export DOCKER_BUILDKIT=0
	fi
fi
say "docker CLI: $docker ($("$docker" --version))"

# --- the engine -------------------------------------------------------------
# RUN steps of the builds use the engine's default network, or this one.
build_net=${EBAY_BUILD_NETWORK:+--network $EBAY_BUILD_NETWORK}
if "$docker" info >/dev/null 2>&1; then
	say "using the running Docker engine"
else
	command -v dockerd >/dev/null 2>&1 || skip "no running Docker engine and no dockerd (apt-get install docker.io)"
	[ "$(id -u)" = 0 ] || skip "no running Docker engine, and starting one needs root"
	root=${EBAY_DOCKER_ROOT:-$state/root}
	mkdir -p "$root"
	# No bridge, no iptables, no NAT: containers here share a network
	# namespace with loopback only, and builds use the host's network.
	dockerd --data-root "$root" --exec-root "$state/exec" \
		--pidfile "$state/dockerd.pid" -H "unix://$state/docker.sock" \
		--bridge=none --iptables=false --ip-masq=false \
		>"$state/dockerd.log" 2>&1 &
	dockerd_pid=$!
	export DOCKER_HOST="unix://$state/docker.sock"
	i=0
	until "$docker" info >/dev/null 2>&1; do
		kill -0 "$dockerd_pid" 2>/dev/null || {
			cat "$state/dockerd.log" >&2
			die "dockerd did not start"
		}
		i=$((i + 1))
		[ $i -lt 300 ] || die "dockerd did not answer within 60 s"
		sleep 0.2
	done
	build_net="--network host"
	say "started a private dockerd (PID $dockerd_pid)"
fi

# --- the base image ---------------------------------------------------------
debian_mirror() {
	# The Debian mirror this machine's apt uses (never the security one).
	cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null |
		grep -v '^[[:space:]]*#' | grep -oE '(https?|file)://[^ ]+' |
		grep -v security | head -n1
}

make_base_image() {
	command -v debootstrap >/dev/null 2>&1 || die "$base_image cannot be pulled and debootstrap is missing (apt-get install debootstrap)"
	[ "$(id -u)" = 0 ] || die "$base_image cannot be pulled, and debootstrap needs root"
	mirror=$(debian_mirror)
	[ -n "$mirror" ] || die "no Debian mirror found in the apt sources"
	rootfs=$state/rootfs
	say "making $base_image with debootstrap (about 30 s)"
	debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$state/debootstrap.log" 2>&1 || {
		tail -n 20 "$state/debootstrap.log" >&2
		die "debootstrap failed"
	}
	# Trim like the official slim image: no docs, man pages or locales, now
	# and in every later apt-get install; no apt caches in the layers.
	(
		cd "$rootfs"
		rm -rf var/cache/apt/archives/*.deb var/lib/apt/lists/* usr/share/man/* \
			usr/share/info/* usr/share/locale/* usr/share/lintian usr/share/linda
		find usr/share/doc -mindepth 1 ! -type d ! -name copyright -delete
		find usr/share/doc -mindepth 1 -type d -empty -delete
	)
	mkdir -p "$rootfs/etc/dpkg/dpkg.cfg.d"
	printf '%s\n' 'path-exclude /usr/share/doc/*' 'path-include /usr/share/doc/*/copyright' \
		'path-exclude /usr/share/man/*' 'path-exclude /usr/share/groff/*' \
		'path-exclude /usr/share/info/*' 'path-exclude /usr/share/lintian/*' \
		'path-exclude /usr/share/linda/*' 'path-exclude /usr/share/locale/*' \
		>"$rootfs/etc/dpkg/dpkg.cfg.d/docker"
	printf '%s\n' \
		'DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };' \
		'APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };' \
		'Dir::Cache::pkgcache "";' 'Dir::Cache::srcpkgcache "";' \
		>"$rootfs/etc/apt/apt.conf.d/docker-clean"
	tar -C "$rootfs" -c . | "$docker" import -c 'CMD ["bash"]' - "$base_image" >/dev/null
	rm -rf "$rootfs"
}

if "$docker" image inspect "$base_image" >/dev/null 2>&1; then
	say "base image $base_image is present"
elif timeout 120 "$docker" pull -q "$base_image" >"$state/pull.log" 2>&1; then
	say "pulled $base_image"
else
	say "cannot pull $base_image: $(tail -n1 "$state/pull.log")"
	make_base_image
fi

# --- build ------------------------------------------------------------------
revision=$(git -C "$top" rev-parse HEAD 2>/dev/null || echo unknown)
version=$(git -C "$top" describe --tags --always --dirty 2>/dev/null || echo dev)
created=$(date -u +%Y-%m-%dT%H:%M:%SZ)
source=$(git -C "$top" remote get-url origin 2>/dev/null || echo unknown)
case $source in
*@*) source=unknown ;; # never put credentials or ssh user names in a label
esac

# The build context: in a git checkout, the files git knows or would add
# (tracked, and untracked but not ignored), so that an in-tree build (objects,
# Makefiles, test databases) never leaks into the images; otherwise the
# directory itself, filtered by .dockerignore.
context=$state/context.tar
if git -C "$top" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	(cd "$top" && git ls-files -co --exclude-standard) | while IFS= read -r f; do
		if [ -e "$top/$f" ] || [ -L "$top/$f" ]; then printf '%s\n' "$f"; fi
	done >"$state/context.list"
	tar -C "$top" -cf "$context" -T "$state/context.list"
	say "build context: $(wc -l <"$state/context.list") files from git ls-files"
else
	tar -C "$top" -cf "$context" .
fi

build() {
	file=$1 image=$2
	say "building $image from $file"
	start=$(date +%s)
	# shellcheck disable=SC2086 # build_net is empty or two words
	if ! "$docker" build $build_net -f "$file" -t "$image" \
		--build-arg VERSION="$version" --build-arg REVISION="$revision" \
		--build-arg CREATED="$created" --build-arg SOURCE="$source" - <"$context" >"$state/build.log" 2>&1; then
		tail -n 60 "$state/build.log" >&2
		die "building $image failed"
	fi
	say "built $image in $(($(date +%s) - start)) s"
}
build docker/Dockerfile.web "$web_image"
build docker/Dockerfile.worker "$worker_image"
build docker/Dockerfile.postgres-check "$pg_image"

# --- static checks of the images ------------------------------------------
for image in "$web_image" "$worker_image"; do
	user=$("$docker" image inspect -f '{{.Config.User}}' "$image")
	labels=$("$docker" image inspect -f '{{json .Config.Labels}}' "$image")
	for l in title description source revision version created licenses; do
		case $labels in
		*"\"org.opencontainers.image.$l\""*) ;;
		*) die "$image lacks the label org.opencontainers.image.$l" ;;
		esac
	done
	"$docker" image inspect -f '{{json .Config.Healthcheck}}' "$image" | grep -q '"Test"' ||
		die "$image has no HEALTHCHECK"
	"$docker" run --rm --network none --entrypoint /bin/sh "$image" -c \
		'! ls /usr/bin/*gcc* /usr/bin/cc /usr/include/libpq-fe.h /usr/include/curl 2>/dev/null | grep -q .' ||
		die "$image carries a compiler or -dev headers"
	# Every program finds its shared libraries (the runtime packages are complete).
	# shellcheck disable=SC2016 # expanded by the shell in the container
	"$docker" run --rm --network none --entrypoint /bin/sh "$image" -c '
		for f in /usr/local/bin/* /usr/local/libexec/ebay-scanner/*; do
			[ -f "$f" ] || continue
			head -c 4 "$f" | grep -q ELF || continue
			if ldd "$f" | grep "not found"; then echo "in $f"; exit 1; fi
		done' >"$state/ldd.log" 2>&1 || {
		cat "$state/ldd.log" >&2
		die "$image: a program lacks a shared library"
	}
	say "ok: $image: OCI labels, HEALTHCHECK, no compiler or headers, all libraries found (USER '${user:-root}')"
done
[ "$("$docker" image inspect -f '{{.Config.User}}' "$web_image")" = "$app_uid:$app_uid" ] ||
	die "$web_image does not run as $app_uid:$app_uid"

# --- PostgreSQL --------------------------------------------------------------
# The PostgreSQL container owns the network namespace (loopback only); the
# other containers join it, so everything talks over 127.0.0.1 inside it.
# run_bg ARGS...: docker run -d, print the id, and remember it for cleanup
# (in a file: run_bg runs in a command substitution, a subshell).
run_bg() {
	cid=$("$docker" run -d "$@") || die "docker run $* failed"
	echo "$cid" >>"$state/containers"
	echo "$cid"
}
pg=$(run_bg --network none --read-only --tmpfs /tmp:rw,mode=1777 "$pg_image")
network_holder=$pg
i=0
until "$docker" exec "$pg" pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; do
	i=$((i + 1))
	if [ $i -ge 150 ]; then
		"$docker" logs "$pg" >&2 2>&1
		die "PostgreSQL did not start"
	fi
	sleep 0.2
done
"$docker" exec "$pg" psql -q -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 \
	-c "create role app login password 'app'" >/dev/null
"$docker" exec "$pg" psql -q -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 \
	-c "create database app owner app" >/dev/null
database_url=postgresql://app:app@127.0.0.1:5432/app
say "ok: PostgreSQL is up in container ${pg%"${pg#????????????}"}"

# --- web ---------------------------------------------------------------------
web=$(run_bg --network "container:$network_holder" --read-only --tmpfs /tmp \
	-e DATABASE_URL="$database_url" "$web_image")
i=0
code=
until code=$("$docker" exec "$web" curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:8080/healthz 2>/dev/null) &&
	[ "$code" = 200 ]; do
	i=$((i + 1))
	if [ $i -ge 150 ] || [ "$("$docker" inspect -f '{{.State.Running}}' "$web")" != true ]; then
		"$docker" logs "$web" >&2 2>&1
		die "web: /healthz through nginx answered '${code:-nothing}'"
	fi
	sleep 0.2
done
body=$("$docker" exec "$web" curl -fsS http://127.0.0.1:8080/healthz)
say "ok: web: GET /healthz through nginx: 200 $body"

# The static files are served, and with the web programs installed, the
# home page leads (through the login and setup redirects) to an HTML page
# rendered from the installed templates.
"$docker" exec "$web" curl -fsS -o /dev/null http://127.0.0.1:8080/static/style.css ||
	die "web: GET /static/style.css failed"
nprogs=$("$docker" exec "$web" sh -c 'ls /usr/local/libexec/ebay-scanner | wc -l')
if [ "$nprogs" -gt 1 ]; then
	if ! "$docker" exec "$web" curl -fsSL http://127.0.0.1:8080/ >"$state/home.html" 2>"$state/home.err" ||
		! grep -qi '<html' "$state/home.html"; then
		cat "$state/home.err" >&2
		die "web: GET / did not lead to an HTML page"
	fi
	title=$(sed -n 's:.*<title>\(.*\)</title>.*:\1:p' "$state/home.html" | head -n1)
	say "ok: web: static files served; GET / leads to the page \"$title\" ($nprogs FastCGI programs)"
else
	say "ok: web: static files served (only $nprogs FastCGI program in this build)"
fi

# Every process but tini (PID 1, which only reaps and forwards signals and
# runs as the image user too) must run as the app UID.
# shellcheck disable=SC2016 # expanded by the shell in the container
"$docker" exec "$web" sh -c 'for p in /proc/[0-9]*; do [ -r "$p/status" ] || continue; printf "%s %s\n" "$(sed -n "s/^Uid:[[:space:]]*\([0-9]*\).*/\1/p" "$p/status")" "$(tr "\0" " " <"$p/cmdline" | cut -c1-60)"; done' >"$state/web-ps" ||
	die "web: cannot list processes"
if grep -v "^$app_uid " "$state/web-ps" | grep -v '^ *$' | grep -q .; then
	cat "$state/web-ps" >&2
	die "web: processes not running as UID $app_uid"
fi
grep -q 'nginx' "$state/web-ps" || die "web: no nginx process"
say "ok: web: all $(grep -c . "$state/web-ps") processes run as UID $app_uid (nginx, FastCGI)"

# Migrations are idempotent: running them again changes nothing and succeeds.
"$docker" exec -e DATABASE_URL="$database_url" "$web" ebay-scan migrate >"$state/migrate.log" 2>&1 || {
	cat "$state/migrate.log" >&2
	die "web: a second ebay-scan migrate failed"
}
say "ok: web: migrations applied at start; a second run succeeds"

# The health check declared in the image passes.
hc=$("$docker" image inspect -f '{{json .Config.Healthcheck.Test}}' "$web_image")
"$docker" exec "$web" sh -c "curl -fsS http://127.0.0.1:8080/healthz >/dev/null" ||
	die "web: HEALTHCHECK command fails ($hc)"

# --- worker -----------------------------------------------------------------
# Commands given to the worker image run as the app user.
wid=$("$docker" run --rm --network none "$worker_image" id -u)
[ "$wid" = "$app_uid" ] || die "worker: a command runs as UID $wid, not $app_uid"
"$docker" run --rm --network "container:$network_holder" --read-only --tmpfs /tmp \
	-e DATABASE_URL="$database_url" "$worker_image" ebay-scan migrate >"$state/wmigrate.log" 2>&1 || {
	cat "$state/wmigrate.log" >&2
	die "worker: ebay-scan migrate failed"
}
say "ok: worker: commands run as UID $app_uid; ebay-scan migrate against PostgreSQL succeeds"

# One pass against the fake eBay, both in the PostgreSQL container's network
# namespace (loopback only), in demo mode (no eBay keyset) like ./run.sh.
psql_app() {
	"$docker" exec "$pg" psql -q -t -A -h 127.0.0.1 -U app -d app -v ON_ERROR_STOP=1 -c "$1"
}
if "$docker" run --rm --network none --entrypoint /bin/sh "$worker_image" -c 'test -x /usr/local/bin/fake-ebay'; then
	fake_port=18089
	fake=$(run_bg --network "container:$network_holder" --read-only --tmpfs /tmp \
		--user "$app_uid:$app_uid" --entrypoint /usr/local/bin/fake-ebay "$worker_image" \
		--listen "127.0.0.1:$fake_port" --max-seconds 900)
	i=0
	until "$docker" exec "$web" curl -fs -o /dev/null "http://127.0.0.1:$fake_port/__fake/clock" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -ge 100 ] || [ "$("$docker" inspect -f '{{.State.Running}}' "$fake")" != true ]; then
			"$docker" logs "$fake" >&2 2>&1
			die "fake eBay did not start"
		fi
		sleep 0.2
	done
	say "ok: fake eBay answers on 127.0.0.1:$fake_port (in the test namespace)"

	# A user with one saved search that is due now.
	user_id=$(psql_app "insert into users (username, password_hash) values ('check-images', 'x') returning id" | head -n1)
	search_id=$(psql_app "insert into saved_searches (user_id, name, q) values (${user_id:-0}, 'check-images', 'camera') returning id" | head -n1)
	[ -n "$search_id" ] || die "could not save a search to scan"

	set +e
	"$docker" run --rm --network "container:$network_holder" --read-only --tmpfs /tmp \
		-e DATABASE_URL="$database_url" -e EBAY_API_BASE="http://127.0.0.1:$fake_port" \
		"$worker_image" ebay-scan --verbose >"$state/worker.log" 2>&1
	rc=$?
	set -e
	if [ $rc = 2 ] && grep -q '^usage: ebay-scan' "$state/worker.log"; then
		say "SKIP: worker pass: this build's ebay-scan has no scan pass yet"
	else
		sed 's/^/check-images:   worker: /' "$state/worker.log"
		[ $rc = 0 ] || die "worker: one ebay-scan pass exited $rc"
		runs=$(psql_app "select count(*) from scan_runs where search_id = $search_id")
		[ "${runs:-0}" -ge 1 ] || die "worker: the pass exited 0 but did not scan the due search"
		stats=$(psql_app "select status || ', ' || items_seen || ' listings seen, ' || items_new || ' new' from scan_runs where search_id = $search_id order by id desc limit 1")
		say "ok: worker: one ebay-scan pass against the fake eBay exited 0 (scan run: $stats)"
	fi
else
	say "SKIP: worker pass against the fake eBay: this build has no fake-ebay yet"
fi

# The worker as deployed: crond in the foreground after the migrations, and
# its HEALTHCHECK script (cron heartbeat, ebay-scan quota as app) passes.
cron=$(run_bg --network "container:$network_holder" --read-only --tmpfs /tmp \
	-e DATABASE_URL="$database_url" "$worker_image")
i=0
until "$docker" logs "$cron" 2>&1 | grep -q '^crond: crond .* started'; do
	i=$((i + 1))
	if [ $i -ge 100 ] || [ "$("$docker" inspect -f '{{.State.Running}}' "$cron")" != true ]; then
		"$docker" logs "$cron" >&2 2>&1
		die "worker: crond did not start"
	fi
	sleep 0.2
done
"$docker" exec "$cron" /usr/local/bin/healthcheck-worker.sh >"$state/whc.log" 2>&1 || {
	cat "$state/whc.log" >&2
	die "worker: the HEALTHCHECK script fails"
}
say "ok: worker: crond runs and the HEALTHCHECK script passes"
# At the next minute crond starts the crontab's jobs as app.
i=0
until "$docker" exec "$cron" test -e /tmp/ebay-scanner-heartbeat 2>/dev/null; do
	i=$((i + 1))
	if [ $i -ge 90 ]; then
		"$docker" logs "$cron" >&2 2>&1
		die "worker: no cron job ran within 90 s"
	fi
	sleep 1
done
sleep 2
owner=$("$docker" exec "$cron" stat -c %u /tmp/ebay-scanner-heartbeat)
[ "$owner" = "$app_uid" ] || die "worker: the cron job ran as UID $owner, not $app_uid"
"$docker" logs "$cron" 2>&1 | grep -q 'USER app pid .* cmd ebay-scan' ||
	die "worker: crond did not start ebay-scan as app"
say "ok: worker: crond (root) ran the crontab's jobs as UID $app_uid: $("$docker" logs "$cron" 2>&1 | grep -c 'USER app pid') job(s)"

# The worker's scheduler: crond as root, the job as the app user.
"$docker" run --rm --network none --entrypoint /bin/sh "$worker_image" -c \
	"test \"\$(stat -c %u:%a /etc/crontabs/app)\" = 0:600 && id -u app | grep -qx $app_uid && test -d ~app" ||
	die "worker: /etc/crontabs/app must be root-owned 0600 and app must be UID $app_uid with a home"
say "ok: worker: root-owned crontab for app (UID $app_uid) with a home directory"

# --- sizes -------------------------------------------------------------------
for image in "$web_image" "$worker_image"; do
	bytes=$("$docker" save "$image" | gzip -c | wc -c)
	mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f MB = %.1f MiB", b / 1e6, b / 1048576 }')
	raw=$("$docker" image inspect -f '{{.Size}}' "$image")
	rawmb=$(awk -v b="$raw" 'BEGIN { printf "%.1f MB", b / 1e6 }')
	say "size: $image: $mb compressed ($bytes bytes; $rawmb unpacked)"
done
say "all checks passed"
