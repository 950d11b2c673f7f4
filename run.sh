#!/bin/bash
# ebay-scanner on one machine, for a newcomer and for CI (Debian 12).
#
#   ./run.sh          install what is missing, build, and run the whole stack
#                     on http://127.0.0.1:8080 (Ctrl-C stops all it started)
#   ./run.sh test     install what is missing, build, and run every test
#   ./run.sh deps     only install the Debian packages
#
# The stack: PostgreSQL in a private data directory (kept between runs, in
# .run/), migrations, the FastCGI programs under spawn-fcgi + multiwatch,
# nginx, the worker every minute, and the bundled fake eBay when no eBay
# credentials are set (demo mode).  Set EBAY_CLIENT_ID and
# EBAY_CLIENT_SECRET (or EBAY_CLIENT_SECRET_FILE) to use eBay itself.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$top"

# Everything the build, the stack and the tests use, from Debian's packages.
PACKAGES=(build-essential autoconf automake libtool pkg-config
	libfcgi-dev libpq-dev libcurl4-openssl-dev libjson-c-dev libctemplate-dev
	libcrypt-dev libssl-dev nettle-dev libmicrohttpd-dev libmimalloc-dev
	nginx postgresql spawn-fcgi multiwatch curl ca-certificates
	python3 python3-yaml libxml2-utils shellcheck wrk clang libclang-rt-14-dev)

say() { printf 'run.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

deps() {
	local missing=() p extra=${EXTRA_PACKAGES:-}
	# The workflow and Dockerfile linters come from npm (t/t0510, t/t0520).
	command -v npm >/dev/null || extra="$extra nodejs npm"
	for p in "${PACKAGES[@]}" $extra; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	say "installing: ${missing[*]}"
	local sudo='' norc=false
	[ "$(id -u)" = 0 ] || sudo=sudo
	command -v apt-get >/dev/null || die "not a Debian system: install ${missing[*]} by hand"
	# Keep Debian from starting its own nginx and PostgreSQL on 80 and 5432:
	# ours run privately, on other ports.
	if [ -z "$sudo" ] && [ ! -e /usr/sbin/policy-rc.d ]; then
		printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
		chmod 755 /usr/sbin/policy-rc.d
		norc=true
	fi
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends "${missing[@]}" >/dev/null
	if $norc; then rm -f /usr/sbin/policy-rc.d; fi
}

build() {
	[ -x configure ] || ./autogen.sh
	# shellcheck disable=SC2086 # CONFIGURE_FLAGS holds several words
	[ -f Makefile ] || ./configure ${CONFIGURE_FLAGS:-}
	make -j"$(nproc)"
}

run_tests() {
	deps
	build
	make -j"$(nproc)" check
}

# --- the stack ---------------------------------------------------------------

stack() {
	deps
	build
	local state=${EBAY_RUN_DIR:-$top/.run}
	mkdir -p "$state"
	state=$(cd "$state" && pwd)
	T=$state
	bail() { die "$*"; }
	skip_all() { die "$*"; }
	diag() { say "$*"; }
	. "$top/scripts/stack.sh"
	# PostgreSQL runs as postgres when we are root: its directory must be
	# reachable by that user.
	PG_DIR=$state/pg
	if [ "$(id -u)" = 0 ] && ! su postgres -s /bin/sh -c "test -x '$state'" 2>/dev/null; then
		PG_DIR=/var/tmp/ebay-scanner-run-$(printf '%s' "$top" | cksum | cut -d' ' -f1)/pg
		say "PostgreSQL data in $PG_DIR (postgres cannot enter $state)"
	fi
	export EBAY_TEMPLATE_DIR=$top/cgi/tpl EBAY_SQL_DIR=$top/sql
	export LOG_LEVEL=${LOG_LEVEL:-info}
	PG_STOP_MODE=fast
	pg_start
	"$top/cron/ebay-scan" migrate || die "migrations failed"
	if [ -z "${EBAY_CLIENT_ID:-}" ]; then
		[ -x "$top/fake-ebay/fake-ebay" ] || die "demo mode needs fake-ebay (make)"
		FAKE_PORT=$(free_port)
		"$top/fake-ebay/fake-ebay" --listen "127.0.0.1:$FAKE_PORT" \
		    --pidfile "$state/fake-ebay.pid" >>"$state/fake-ebay.log" 2>&1 &
		at_exit "kill -TERM $! 2>/dev/null"
		export EBAY_API_BASE=http://127.0.0.1:$FAKE_PORT
		wait_for 10 curl -s -o /dev/null "$EBAY_API_BASE/__fake/clock" ||
		    die "the fake eBay did not start (see $state/fake-ebay.log)"
		say "demo mode: the fake eBay on $EBAY_API_BASE"
	fi
	WEB_DIR=$state/web WEB_PORT=${PORT:-8080}
	if (exec 3<>"/dev/tcp/127.0.0.1/$WEB_PORT") 2>/dev/null; then
		die "port $WEB_PORT is in use (set PORT=...)"
	fi
	rm -rf "$WEB_DIR/run"
	web_start
	worker_loop &
	at_exit "kill -TERM $! 2>/dev/null"
	say "ebay-scanner is running on http://127.0.0.1:$WEB_PORT/ (logs in $state; Ctrl-C stops it)"
	wait
}

# The worker: what the container's crontab does, one pass a minute, and the
# daily maintenance.
worker_loop() {
	local last_prune=0 now
	trap 'exit 0' TERM INT
	while :; do
		"$top/cron/ebay-scan" --quiet >>"$T/worker.log" 2>&1 || true
		now=$(date +%s)
		if [ $((now - last_prune)) -ge 86400 ]; then
			"$top/cron/ebay-scan" --quiet prune >>"$T/worker.log" 2>&1 || true
			last_prune=$now
		fi
		sleep $((60 - $(date +%s) % 60)) &
		wait $! || true
	done
}

case "${1:-run}" in
run) stack ;;
test|check) run_tests ;;
deps) deps ;;
build) deps; build ;;
-h|--help|help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' ;;
*) die "unknown command $1 (try ./run.sh --help)" ;;
esac
