# Shell helpers for tests that need the fake eBay (fake-ebay/README.md).
# Source after t/lib.sh:
#
#   . "$top_srcdir/t/lib.sh"
#   . "$top_srcdir/t/lib-fake.sh"
#   fake_start --clock 1773500000 --freeze-clock
#   fake_token                     # mints one token into $FAKE_TOKEN
#   fake_search 'q=thinkpad&limit=5'   # status; body in $T/fake.body
#   fake_ctl POST '/__fake/clock?advance=3600'
#   fake_stats | jq .search_calls
#
# The server is stopped by PID when the test exits.

: "${FAKE_EBAY:=$top_builddir/fake-ebay/fake-ebay}"
FAKE_N=0

# fake_start [fake-ebay args...]: start a fake eBay on a free loopback port
# (--max-seconds 300 unless given); exports FAKE_URL, FAKE_PID and
# EBAY_API_BASE=$FAKE_URL.  A second call starts a second server (the last
# one started is in FAKE_URL).
fake_start() {
	local port dir i max=--max-seconds a
	[ -x "$FAKE_EBAY" ] || bail "no fake-ebay program at $FAKE_EBAY"
	command -v curl >/dev/null 2>&1 || skip_all "curl not installed"
	for a in "$@"; do
		[ "$a" = --max-seconds ] && max=
	done
	FAKE_N=$((FAKE_N + 1))
	dir=$T/fake$FAKE_N
	mkdir -p "$dir"
	for ((i = 0; i < 5; i++)); do
		port=$(free_port) || bail "no free port"
		rm -f "$dir/pid"
		"$FAKE_EBAY" --listen "127.0.0.1:$port" --pidfile "$dir/pid" \
		    ${max:+$max 300} "$@" >"$dir/out.log" 2>"$dir/err.log" &
		FAKE_PID=$!
		at_exit "fake_stop $FAKE_PID"
		FAKE_URL=http://127.0.0.1:$port
		if fake_wait_up; then
			export FAKE_URL FAKE_PID EBAY_API_BASE=$FAKE_URL
			return 0
		fi
		kill -0 "$FAKE_PID" 2>/dev/null || continue	# port taken: retry
		bail "fake-ebay does not answer: $(tail -n 5 "$dir/err.log")"
	done
	bail "fake-ebay did not start: $(tail -n 5 "$dir/err.log")"
}

# Wait (10 s at most) until $FAKE_PID answers, or has exited.
fake_wait_up() {
	local i
	for ((i = 0; i < 100; i++)); do
		curl -s -o /dev/null --max-time 2 "$FAKE_URL/__fake/clock" && return 0
		kill -0 "$FAKE_PID" 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}

# fake_stop PID: SIGTERM, then SIGKILL if it lingers.
fake_stop() {
	local pid=$1
	kill -0 "$pid" 2>/dev/null || return 0
	kill -TERM "$pid" 2>/dev/null
	wait_for 5 eval "! kill -0 $pid"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	return 0
}

# fake_ctl METHOD PATH [curl args]: call the control API; prints the body.
fake_ctl() {
	local method=$1 path=$2; shift 2
	curl -s -S -X "$method" --max-time 10 "$@" "$FAKE_URL$path"
}

# fake_stats: the counters as JSON.
fake_stats() {
	fake_ctl GET /__fake/stats
}

# fake_token [ID SECRET]: mint a token (demo keyset by default) into
# FAKE_TOKEN.
fake_token() {
	local id=${1:-demo-client} secret=${2:-demo-secret}
	FAKE_TOKEN=$(curl -s -S --max-time 10 -u "$id:$secret" \
	    -H 'Content-Type: application/x-www-form-urlencoded' \
	    --data 'grant_type=client_credentials&scope=https%3A%2F%2Fapi.ebay.com%2Foauth%2Fapi_scope' \
	    "$FAKE_URL/identity/v1/oauth2/token" |
	    sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
	[ -n "$FAKE_TOKEN" ]
}

# fake_search QUERY [curl args]: GET item_summary/search?QUERY with
# $FAKE_TOKEN (no Authorization header when it is empty); prints the status, body in $T/fake.body, headers in
# $T/fake.headers.
fake_search() {
	local query=$1 auth=(); shift
	[ -n "${FAKE_TOKEN:-}" ] && auth=(-H "Authorization: Bearer $FAKE_TOKEN")
	curl -s -o "$T/fake.body" -D "$T/fake.headers" -w '%{http_code}' \
	    --max-time 20 "${auth[@]}" \
	    "$@" "$FAKE_URL/buy/browse/v1/item_summary/search?$query"
}

# have_python: python3 is there to parse JSON (.ci/run installs it).
have_python() { command -v python3 >/dev/null 2>&1; }

# json_get FILE EXPR: evaluate a Python expression over the JSON in FILE
# (bound to d); strings print bare, anything else as JSON.  Prints
# "ERROR: ..." when the file does not parse or the expression fails.
json_get() {
	python3 - "$1" "$2" <<'PY' 2>/dev/null || echo "ERROR: python3"
import json, sys
try:
    with open(sys.argv[1], encoding="utf-8") as f:
        d = json.load(f)
    v = eval(sys.argv[2], {"d": d, "len": len, "sorted": sorted, "all": all,
        "any": any, "set": set, "float": float, "int": int, "str": str,
        "isinstance": isinstance, "list": list, "dict": dict, "min": min,
        "max": max, "sum": sum})
except Exception as e:
    print("ERROR: %s" % e)
    sys.exit(0)
print(v if isinstance(v, str) else json.dumps(v, sort_keys=True))
PY
}

# json_is FILE EXPR WANT NAME: an assertion, skipped without python3.
json_is() {
	local file=$1 expr=$2 want=$3; shift 3
	if ! have_python; then skip "no python3: $*"; return 0; fi
	is "$(json_get "$file" "$expr")" "$want" "$@"
}

# json_valid FILE NAME: the file is well-formed JSON (python3 or jq).
json_valid() {
	local file=$1; shift
	if have_python; then
		python3 -m json.tool "$file" >/dev/null 2>&1
		ok $? "$@"
	elif command -v jq >/dev/null 2>&1; then
		jq -e . "$file" >/dev/null 2>&1
		ok $? "$@"
	else
		skip "no python3 or jq: $*"
	fi
}
