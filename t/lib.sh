# Shell helpers for the tests (bash): TAP output, a scratch directory, and
# fixtures that start a private PostgreSQL and nginx + the FastCGI programs
# on free loopback ports.  Everything a test starts is stopped by PID when
# the test exits, however it exits.
#
#   . "$top_srcdir/t/lib.sh"
#   pg_start; web_start
#   is "$(curl -s -o /dev/null -w '%{http_code}' "$WEB_URL/healthz")" 200 "healthz"
#   done_testing

set -u
: "${top_srcdir:=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${EBAY_TEMPLATE_DIR:=$top_srcdir/cgi/tpl}"
: "${EBAY_SQL_DIR:=$top_srcdir/sql}"
export top_srcdir top_builddir EBAY_TEMPLATE_DIR EBAY_SQL_DIR
export LOG_LEVEL=${LOG_LEVEL:-warn}
unset EBAY_CLIENT_ID EBAY_CLIENT_SECRET EBAY_CLIENT_SECRET_FILE

t_n=0
t_failed=0

# --- TAP -------------------------------------------------------------------

diag() { printf '# %s\n' "$*" | sed '2,$s/^/# /'; }
skip_all() { echo "1..0 # SKIP $*"; exit 0; }
bail() { echo "Bail out! $*"; exit 1; }

# ok STATUS NAME: passes when STATUS is 0 (e.g. ok $? "name").
ok() {
	local st=$1; shift
	t_n=$((t_n + 1))
	if [ "$st" -eq 0 ]; then
		echo "ok $t_n - $*"
	else
		echo "not ok $t_n - $*"
		t_failed=$((t_failed + 1))
	fi
	return "$st"
}

# is GOT WANT NAME
is() {
	local got=$1 want=$2; shift 2
	if [ "$got" = "$want" ]; then ok 0 "$@"; else
		ok 1 "$@"; diag "got:  '$got'"; diag "want: '$want'"; return 1
	fi
}

# like TEXT EXTENDED-REGEX NAME
like() {
	local text=$1 re=$2; shift 2
	if printf '%s' "$text" | grep -Eq -- "$re"; then ok 0 "$@"; else
		ok 1 "$@"; diag "no match for /$re/ in:"; diag "$(printf '%s' "$text" | head -c 2000)"; return 1
	fi
}

# unlike TEXT EXTENDED-REGEX NAME
unlike() {
	local text=$1 re=$2; shift 2
	if printf '%s' "$text" | grep -Eq -- "$re"; then
		ok 1 "$@"; diag "unexpected match for /$re/"; return 1
	else ok 0 "$@"; fi
}

skip() { t_n=$((t_n + 1)); echo "ok $t_n # SKIP $*"; }

done_testing() {
	echo "1..$t_n"
	[ "$t_failed" -eq 0 ]
	exit $?
}

# --- scratch and cleanup ------------------------------------------------------

T=$(mktemp -d "${TMPDIR:-/tmp}/ebs-test.XXXXXX")
chmod 755 "$T"
. "$top_srcdir/scripts/stack.sh"
at_exit "rm -rf '$T'"

# http METHOD PATH [curl args...]: prints the status, body in $T/body,
# headers in $T/headers.
http() {
	local method=$1 path=$2; shift 2
	curl -s -S -X "$method" -o "$T/body" -D "$T/headers" -w '%{http_code}' \
	    --max-time 10 "$@" "$WEB_URL$path"
}
