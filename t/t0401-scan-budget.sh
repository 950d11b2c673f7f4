#!/bin/bash
# The day's budget: with 10 calls a day the run stops at 10, every
# interval is stretched by the same factor, what was not scanned waits
# (status quota) and the next eBay day resumes it; a 429 from eBay stops
# every search at once, until the reset.
. "$top_srcdir/t/lib.sh"
[ -f "$top_srcdir/t/lib-fake.sh" ] || skip_all "the fake eBay is not in this tree"
. "$top_srcdir/t/lib-fake.sh"
. "$top_srcdir/t/lib-scan.sh"
scan_setup
export EBAY_DAILY_CALL_LIMIT=10 EBAY_WEB_RESERVE=0

for i in $(seq 1 15); do add_search "s$i" "budget item $i" >/dev/null; done
sql "update saved_searches set interval_minutes = 10 where name = 's15'" >/dev/null

scan --concurrency 4; st=$?
is "$st" 0 "a run that spends the budget exits 0"
is "$(fake_calls)" 10 "eBay got exactly 10 calls"
is "$(sql "select sum(calls) from ebay_calls where source = 'worker'")" 10 "10 worker calls counted"
is "$(sql "select count(*) from saved_searches where status = 'ok'")" 10 "10 searches scanned"
is "$(sql "select count(*) from saved_searches where status = 'quota'")" 5 "5 wait for quota"
like "$(sql "select last_error from saved_searches where status = 'quota' limit 1")" "quota|budget" "their error says why"
is "$(sql "select count(*) from saved_searches where effective_interval_minutes > interval_minutes")" 15 \
    "every interval stretched"
is "$(sql "select max(r) / min(r) < 1.01 from (select effective_interval_minutes::numeric / interval_minutes as r from saved_searches) x")" t \
    "all by the same factor"
like "$(sql "select effective_interval_minutes from saved_searches where name = 's15'")" '^[0-9]+$' "the stretched interval is stored"
is "$(sql "select count(*) from saved_searches where status = 'ok' and next_run_at = '$EBAY_SCAN_NOW'::timestamptz + make_interval(mins => effective_interval_minutes)")" 10 \
    "scanned searches are next due after their effective interval"

# The day is spent: another run calls nothing.
scan; st=$?
is "$st" 0 "a run with the budget spent exits 0"
is "$(fake_calls)" 10 "and calls nothing"

# quota shows asked and effective intervals
if "$SCAN" quota >"$T/quota.out" 2>&1; then
	like "$(cat "$T/quota.out")" "s15.*10.*[0-9]+" "ebay-scan quota shows asked and effective intervals"
else
	skip "ebay-scan quota failed: $(head -c 200 "$T/quota.out")"
fi

# The next eBay day: the day's counter starts again (the counter is moved
# back a day, and the clock the worker's SQL sees past the reset).
reset=$(sql "select extract(epoch from ((date_trunc('day', now() at time zone 'America/Los_Angeles') + interval '1 day') at time zone 'America/Los_Angeles'))::bigint")
is "$(sql "select count(*) from saved_searches where status = 'quota' and next_run_at <= to_timestamp($reset)")" 5 \
    "the waiting searches are due by the reset"
sql "update ebay_calls set day = day - 1" >/dev/null
advance $((reset - CLOCK + 60))
scan; st=$?
is "$st" 0 "the next day's run exits 0"
is "$(sql "select count(*) from saved_searches where status = 'ok'")" 15 "the waiting searches are scanned"
is "$(fake_ok)" 15 "with 5 more calls answered"

# --- 429: every search stops at once -----------------------------------------
unset EBAY_DAILY_CALL_LIMIT EBAY_WEB_RESERVE
make_due
calls0=$(fake_calls)
quota0=$(sql "select count(*) from scan_runs where status = 'quota'")
fake_ctl POST '/__fake/fault?kind=429&count=1' >/dev/null
scan --concurrency 1; st=$?
is "$st" 1 "a run stopped by a 429 exits 1"
is "$(( $(fake_calls) - calls0 ))" 1 "after the 429 nothing more was called"
is "$(sql "select count(*) from saved_searches where status = 'quota'")" 15 "every search waits for quota"
is "$(sql "select count(*) from ebay_quota where blocked_until > now()")" 1 "calls are blocked until the reset"
is "$(( $(sql "select count(*) from scan_runs where status = 'quota'") - quota0 ))" 2 \
    "the claimed ones (in flight and queued) were stopped"
make_due
scan --concurrency 4; st=$?
is "$(( $(fake_calls) - calls0 ))" 1 "a run while blocked calls nothing"
done_testing
