#!/bin/bash
# Web benchmark (not a test): wrk against a saved search's page with 50
# finds and against a cached live search, with nginx serving a static file
# in the same run as the yardstick.  Prints each page's req/s and its
# ratio to the static file's, then the FastCGI workers' resident memory
# while /searches/{id} is served 100,000 times (it should stay flat).
#
#   bench/bench-web.sh [SECONDS]      (from a configured build tree)
#
# BENCH_RSS_REQUESTS=N serves N requests in the memory loop instead of
# 100,000 (0 skips it: a quick run while iterating).
#
# Aim: each page >= 0.4 of static; RSS <= 8 MB and flat.  Numbers from a
# shared machine are orders of magnitude, not verdicts.
set -u
: "${top_srcdir:=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
: "${top_builddir:=$(pwd)}"
[ -x "$top_builddir/cgi/searches" ] || { echo "run from a built tree (cgi/searches missing)" >&2; exit 2; }
: "${MULTIWATCH:=$(command -v multiwatch)}"
: "${SPAWN_FCGI:=$(command -v spawn-fcgi)}"
: "${NGINX_BIN:=$(command -v nginx)}"
export top_srcdir top_builddir MULTIWATCH SPAWN_FCGI NGINX_BIN
export LOG_LEVEL=error
command -v wrk >/dev/null 2>&1 || { echo "wrk is not installed" >&2; exit 2; }
secs=${1:-5}
. "$top_srcdir/t/lib.sh"
. "$top_srcdir/t/lib-fake.sh"
. "$top_srcdir/t/lib-web.sh"
t_n=0
pg_start >/dev/null
migrate || bail "migrate failed"
fake_start --freeze-clock >/dev/null
web_start >/dev/null
[ "$(web_setup bench 'bench pass 1')" = 303 ] || bail "setup failed"
tok=$(web_csrf bench)
as bench POST /searches --data-urlencode "csrf=$tok" -d 'q=thinkpad+x220&name=Bench&interval=15&alert_new=1' >/dev/null
id=$(sed -n 's/^Location: \/searches\/\([0-9]*\).*/\1/p' "$T/headers")
web_seed "$id" 50
search='/search?q=thinkpad+x220&per_page=50'
[ "$(as bench GET "$search")" = 200 ] || bail "live search failed"
sid=$(awk '$6 == "sid" { print $7 }' "$T/jar.bench")
[ "$(as bench GET "/searches/$id")" = 200 ] || bail "saved search page failed"
echo "pages: static $(wc -c <"$top_srcdir/static/style.css") B," \
    "/searches/$id $(curl -s -b "sid=$sid" "$WEB_URL/searches/$id" | wc -c) B," \
    "cached /search $(curl -s -b "sid=$sid" "$WEB_URL$search" | wc -c) B"

# rate URL: requests per second from one wrk run (2 threads, 32 connections).
rate() {
	wrk -t2 -c32 -d"${secs}s" -H "Cookie: sid=$sid" "$WEB_URL$1" >"$T/wrk.out" 2>&1
	grep -q 'Non-2xx' "$T/wrk.out" && echo "warning: non-2xx answers for $1" >&2
	awk '/Requests\/sec/ { print $2 }' "$T/wrk.out"
}

static=$(rate /static/style.css)
saved=$(rate "/searches/$id")
cached=$(rate "$search")
static2=$(rate /static/style.css)
static=$(awk -v a="$static" -v b="$static2" 'BEGIN { printf "%.0f", (a + b) / 2 }')
printf '%-34s %10s req/s\n' "static /static/style.css" "$static"
printf '%-34s %10s req/s  %.2f of static\n' "/searches/$id (50 finds)" "$saved" \
    "$(awk -v a="$saved" -v b="$static" 'BEGIN { print a / b }')"
printf '%-34s %10s req/s  %.2f of static\n' "/search (cached)" "$cached" \
    "$(awk -v a="$cached" -v b="$static" 'BEGIN { print a / b }')"

# Resident memory of the searches workers while serving 100,000 requests.
rss() {
	local pids
	pids=$(pgrep -P "$(cat "$WEB_DIR/run/searches.pid")" | tr '\n' ',' | sed 's/,$//')
	for pid in ${pids//,/ }; do
		awk '/^Rss:/ { r = $2 } /^Private_(Clean|Dirty):/ { p += $2 }
		    END { printf "RSS %.1f MB (private %.1f MB)  ", r / 1024, p / 1024 }' \
		    "/proc/$pid/smaps_rollup"
	done
	echo
}
rss_requests=${BENCH_RSS_REQUESTS:-100000}
[ "$rss_requests" -gt 0 ] || exit 0
echo "searches workers at start:      $(rss)"
done=0
while [ "$done" -lt "$rss_requests" ]; do
	wrk -t2 -c32 -d"${secs}s" -H "Cookie: sid=$sid" "$WEB_URL/searches/$id" >"$T/wrk.out" 2>&1
	n=$(awk '/requests in/ { print $1 }' "$T/wrk.out")
	done=$((done + ${n:-0}))
	[ "${n:-0}" -gt 0 ] || bail "no requests served"
	printf 'after %6d requests: %s\n' "$done" "$(rss)"
done
