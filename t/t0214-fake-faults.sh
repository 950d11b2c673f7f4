#!/bin/bash
# The fake eBay's faults, from the command line and the control API; the
# daily limit; the rate_limit resource; the counters.
. "$top_srcdir/t/lib.sh"
. "$top_srcdir/t/lib-fake.sh"

fake_start --clock 1773500000 --freeze-clock
fake_token || bail "no token"
B=$T/fake.body
Q='q=walkman&limit=20'
fault() { fake_ctl POST "/__fake/fault?$1" >/dev/null; }
errid() { json_get "$B" 'd["errors"][0]["errorId"]'; }

is "$(fake_search "$Q")" 200 "normal reply"
cp "$B" "$T/normal.json"

fault 'kind=500&count=2'
is "$(fake_search "$Q")" 500 "500 (1 of 2)"
json_is "$B" '[d["errors"][0]["errorId"], d["errors"][0]["category"]]' '[12000, "APPLICATION"]' \
    "500: the errors envelope"
is "$(fake_search "$Q")" 500 "500 (2 of 2)"
is "$(fake_search "$Q")" 200 "then normal again"

fault 'kind=429&count=1'
is "$(fake_search "$Q")" 429 "429"
json_is "$B" '[d["errors"][0]["errorId"], d["errors"][0]["domain"], d["errors"][0]["message"]]' \
    '[2001, "ACCESS", "Too many requests"]' "429: errorId 2001"

fault 'kind=502html&count=1'
is "$(fake_search "$Q")" 502 "502html: 502"
like "$(grep -i '^content-type' "$T/fake.headers")" 'text/html' "with an HTML content type"
like "$(head -c 200 "$B")" '^<html>' "and an HTML body"

fault 'kind=truncate&count=1'
is "$(fake_search "$Q")" 200 "truncate: 200"
if have_python; then
	python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$B" 2>/dev/null
	[ $? -ne 0 ]
	ok $? "truncate: the body is not valid JSON"
else
	skip "no python3"
fi
size=$(wc -c <"$B")
[ "$size" -gt 100 ] && [ "$size" -lt "$(wc -c <"$T/normal.json")" ] &&
    [ "$(head -c "$size" "$T/normal.json" | cmp -s - "$B"; echo $?)" = 0 ]
ok $? "truncate: a true prefix of the real reply ($size bytes)"

fault 'kind=cutoff&count=1'
curl -s -o "$B" --max-time 10 -H "Authorization: Bearer $FAKE_TOKEN" \
    "$FAKE_URL/buy/browse/v1/item_summary/search?$Q"
is "$?" 18 "cutoff: curl reports a partial transfer (exit 18)"

fault 'kind=malformed&count=1'
is "$(fake_search "$Q")" 200 "malformed: 200"
like "$(grep -i '^content-type' "$T/fake.headers")" 'application/json' "malformed: says JSON"
if have_python; then
	python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$B" 2>/dev/null
	[ $? -ne 0 ]
	ok $? "malformed: does not parse"
else
	skip "no python3"
fi

fault 'kind=warning&count=1'
is "$(fake_search "$Q")" 200 "warning: 200"
json_is "$B" '[[w["errorId"] for w in d["warnings"]], len(d["itemSummaries"])]' '[[12002], 20]' \
    "warning: warnings[] 12002 and the results"

fault 'kind=expire&count=1'
is "$(fake_search "$Q")" 401 "expire: 401"
is "$(errid)" 1001 "expire: errorId 1001"
is "$(fake_search "$Q")" 401 "the old token stays invalid"
fake_token
is "$(fake_search "$Q")" 200 "a new token works"

fault 'kind=latency&ms=400&count=1'
t=$(curl -s -o "$B" -w '%{time_total}' --max-time 10 -H "Authorization: Bearer $FAKE_TOKEN" \
    "$FAKE_URL/buy/browse/v1/item_summary/search?$Q")
cmp -s "$B" "$T/normal.json"
ok $? "latency: the normal reply"
awk "BEGIN { exit !($t >= 0.4) }"
ok $? "latency: at least 400 ms later ($t s)"

# stall: nothing comes back until the client gives up; others are served.
fault 'kind=stall&count=1'
curl -s -o /dev/null --max-time 2 -H "Authorization: Bearer $FAKE_TOKEN" \
    "$FAKE_URL/buy/browse/v1/item_summary/search?$Q" &
stall_pid=$!
wait_for 5 sh -c "curl -s '$FAKE_URL/__fake/stats' | grep -q '\"stall\":1'"
ok $? "stall: the request is held"
is "$(fake_search "$Q")" 200 "stall: other requests are served meanwhile"
wait "$stall_pid"
is "$?" 28 "stall: the client times out (curl exit 28)"

# Pending faults, bad control requests.
fault 'kind=500'
like "$(fake_ctl GET /__fake/fault)" '"kind":"500","count":-1' "no count: pending for every request"
is "$(fake_search "$Q")" 500 "every request (1)"
is "$(fake_search "$Q")" 500 "every request (2)"
fake_ctl POST /__fake/reset >/dev/null
fake_token
is "$(fake_search "$Q")" 200 "reset clears it"
is "$(fake_ctl GET /__fake/fault)" "[]" "nothing pending after reset"
is "$(fake_ctl POST '/__fake/fault?kind=bogus' -o /dev/null -w '%{http_code}')" 400 "unknown kind: 400"
is "$(fake_ctl POST '/__fake/fault?kind=latency' -o /dev/null -w '%{http_code}')" 400 "latency without ms: 400"
is "$(fake_ctl POST '/__fake/fault?kind=500&count=0' -o /dev/null -w '%{http_code}')" 400 "count 0: 400"

fake_stats >"$T/stats.json"
json_is "$T/stats.json" '[d["faults_served"], d["search_calls"], d["token_calls"]]' '[0, 1, 1]' \
    "stats after reset: counters from zero"

# --fault on the command line, and --latency-ms.
fake_start --clock 1773500000 --freeze-clock --fault 500:1 --fault 'latency:300:2'
fake_token
is "$(fake_search "$Q")" 500 "--fault 500:1: the first search"
is "$(fake_search "$Q")" 200 "then normal"
fake_stats >"$T/stats.json"
json_is "$T/stats.json" '[d["faults_by_kind"]["500"], d["faults_by_kind"]["latency"], d["faults_served"], d["search_calls"], d["search_ok"]]' \
    '[1, 2, 3, 2, 1]' "stats: faults by kind and served, search calls"
fake_start --clock 1773500000 --freeze-clock --latency-ms 300
fake_token
t=$(curl -s -o /dev/null -w '%{time_total}' --max-time 10 -H "Authorization: Bearer $FAKE_TOKEN" \
    "$FAKE_URL/buy/browse/v1/item_summary/search?$Q")
awk "BEGIN { exit !($t >= 0.3) }"
ok $? "--latency-ms 300: replies at least 300 ms later ($t s)"

# --daily-limit: 429/2001 past N calls in the fake's eBay day.
fake_start --clock 1773500000 --freeze-clock --daily-limit 3
fake_token
for i in 1 2 3; do
	is "$(fake_search "$Q")" 200 "daily limit 3: call $i"
done
is "$(fake_search "$Q")" 429 "daily limit 3: call 4 is refused"
is "$(errid)" 2001 "with errorId 2001"
curl -s -o "$B" --max-time 10 -H "Authorization: Bearer $FAKE_TOKEN" \
    "$FAKE_URL/developer/analytics/v1_beta/rate_limit/?api_context=buy&api_name=Browse"
json_is "$B" '[(r["count"], r["limit"], r["remaining"], r["timeWindow"], r["reset"]) for r in d["rateLimits"][0]["resources"][0]["rates"]]' \
    '[[3, 3, 0, 86400, "2026-03-15T07:00:00.000Z"]]' \
    "rate_limit: count, limit, remaining, and the reset at midnight Pacific (PDT)"
fake_stats >"$T/stats.json"
json_is "$T/stats.json" '[d["quota_refused"], d["day_count"], d["daily_limit"]]' '[1, 3, 3]' "stats: quota"
fake_ctl POST '/__fake/clock?set=1773558000' >/dev/null	# 2026-03-15 07:00 UTC
fake_token
is "$(fake_search "$Q")" 200 "a new eBay day: calls allowed again"
fake_ctl POST '/__fake/config?daily_limit=0' >/dev/null
is "$(fake_search "$Q")" 200 "daily_limit=0 at run time: no limit"

done_testing
