#!/bin/bash
# eBay quota and the shared token: two processes racing mint one token;
# the daily budget (web: the limit; worker: the limit minus the reserve)
# is checked before each call; a 429 blocks every process until the next
# eBay day; `ebay-scan quota` prints the figures.
. "${top_srcdir:-$(dirname "$0")/..}/t/lib.sh"
[ -f "$top_srcdir/t/lib-fake.sh" ] || skip_all "the fake eBay is not in this tree"
. "$top_srcdir/t/lib-fake.sh"

H=$top_builddir/t/t0209-ebay-helper
SCAN=$top_builddir/cron/ebay-scan
pg_start
migrate || bail "migrate failed"
fake_start --clock 1773500000 --freeze-clock

stat() { fake_stats | sed -n "s/.*\"$1\": *\([0-9]*\).*/\1/p"; }
run() { timeout 120 "$H" "$@" 2>>"$T/err"; }

# --- one mint for processes racing ----------------------------------------------
for i in 1 2 3; do
	timeout 60 "$H" --start-after "$T/go" --q "race $i" search >"$T/race$i" 2>>"$T/err" &
	pids+=($!)
done
sleep 0.3
touch "$T/go"
rc=0
for p in "${pids[@]}"; do wait "$p" || rc=1; done
ok $rc "three processes started at one instant all succeeded"
is "$(stat token_calls)" 1 "one token minted for all of them"
is "$(sql "select count(*) from ebay_tokens where access_token is not null")" 1 "one token row"
is "$(sql "select mint_count from ebay_tokens")" 1 "mint counted once"
like "$(cat "$T/race1" "$T/race2" "$T/race3")" 'status=ok' "results came back"

# --- renewal 5 minutes before expiry -------------------------------------------
t0=$(stat token_calls)
out=$(run --q "reuse" search)
is "$(( $(stat token_calls) - t0 ))" 0 "a fresh token in the table is reused by a new process"
sql "update ebay_tokens set expires_at = now() + interval '4 minutes'" >/dev/null
old=$(sql "select md5(access_token) from ebay_tokens")
out=$(run --q "renew" search)
like "$out" 'status=ok .*calls=1 ' "a token 4 minutes from expiry is renewed before the call"
is "$(( $(stat token_calls) - t0 ))" 1 "one mint"
ok $([ "$(sql "select md5(access_token) from ebay_tokens")" != "$old" ]; echo $?) "the table holds the new token"
is "$(sql "select mint_count from ebay_tokens")" 2 "mints counted for the day"

# --- the budget --------------------------------------------------------------------------
# 5 calls so far (web).  Limit 10 with a reserve of 2: the worker may
# bring the day to 8, the web to 10.
export EBAY_DAILY_CALL_LIMIT=10 EBAY_WEB_RESERVE=2
for i in 1 2 3; do
	out=$(run --source worker --q "w $i" search)
	like "$out" 'status=ok' "worker call $i within its budget"
done
s0=$(stat search_calls)
out=$(run --source worker --q "w 4" search)
like "$out" 'status=error code=quota http=0 id=0 calls=0 retry_at=[1-9]' "worker refused past limit - reserve"
is "$(stat search_calls)" "$s0" "refused before any call"
out=$(run --source worker --q "w 5" --q "w 6" multi)
like "$out" 'ok_callbacks=0 failed=2' "multi refused too"
like "$out" 'code=quota' "... as quota"
for i in 1 2; do
	out=$(run --source web --q "u $i" search)
	like "$out" 'status=ok' "web call $i uses the reserve"
done
out=$(run --source web --q "u 3" search)
like "$out" 'status=error code=quota .*calls=0 ' "web refused at the daily limit"
is "$(sql "select source || '=' || calls from ebay_calls order by source" | tr '\n' ' ')" "web=7 worker=3 " "calls counted per source"

out=$("$SCAN" quota)
ok $? "ebay-scan quota runs"
like "$out" 'calls used: +10 \(web 7, worker 3\)' "used, by source"
like "$out" 'daily limit: +10' "limit"
like "$out" 'web reserve: +2' "reserve"
like "$out" 'remaining: +0 \(worker 0\)' "remaining"
like "$out" 'next reset: +[0-9-]+ (07|08):00:00 UTC \([0-9-]+ 00:00:00 US Pacific\)' "next reset at midnight Pacific"
like "$out" 'blocked: +no' "not blocked"
like "$out" "eBay day: +$(sql "select (now() at time zone 'America/Los_Angeles')::date")" "the eBay day"
unset EBAY_DAILY_CALL_LIMIT EBAY_WEB_RESERVE

# --- 429 blocks everybody until the reset ------------------------------------------
fake_ctl POST '/__fake/fault?kind=429&count=1' >/dev/null
s0=$(stat search_calls)
out=$(run --q thinkpad search)
like "$out" 'status=error code=quota http=429 id=2001 calls=1 retry_at=[1-9]' "429/2001: quota exhausted, not retried"
is "$(( $(stat search_calls) - s0 ))" 1 "one call, no retry"
is "$(sql "select blocked_until = ((now() at time zone 'America/Los_Angeles')::date + 1)::timestamp at time zone 'America/Los_Angeles' from ebay_quota")" t "blocked until the next eBay day"
ra=$(printf '%s' "$out" | sed -n 's/.*retry_at=\([0-9]*\).*/\1/p')
is "$ra" "$(sql "select extract(epoch from blocked_until)::bigint from ebay_quota")" "retry_at is the reset"
s0=$(stat search_calls)
out=$(run --source web --q other search)
like "$out" 'status=error code=quota .*calls=0 .*blocked' "another process stops too"
out=$(run --source worker --q a --q b multi)
like "$out" 'ok_callbacks=0 failed=2' "the worker's multi stops too"
is "$(stat search_calls)" "$s0" "no call reached eBay while blocked"
out=$("$SCAN" quota)
like "$out" 'blocked: +yes, until .* UTC: eBay answered HTTP 429 \(errorId 2001\)' "ebay-scan quota shows the block"
sql "update ebay_quota set blocked_until = now() - interval '1 second'" >/dev/null
out=$(run --q thinkpad search)
like "$out" 'status=ok' "calls resume after the reset"

# Database down: ebay-scan quota says so with exit 3.
DATABASE_URL="postgresql://app:app@127.0.0.1:1/app" "$SCAN" quota >/dev/null 2>&1
is $? 3 "quota without a database: exit 3"

done_testing
