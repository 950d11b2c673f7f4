#!/bin/bash
# Four ebay-scan processes at once: each due search is scanned once.
. "$top_srcdir/t/lib.sh"
[ -f "$top_srcdir/t/lib-fake.sh" ] || skip_all "the fake eBay is not in this tree"
. "$top_srcdir/t/lib-fake.sh"
. "$top_srcdir/t/lib-scan.sh"
scan_setup --latency-ms 20

for i in $(seq 1 40); do add_search "c$i" "concurrent $((i % 7)) $i" >/dev/null; done
pids=()
for i in 1 2 3 4; do
	"$SCAN" --concurrency 3 >"$T/run$i.out" 2>&1 & pids+=($!)
done
st=0
for p in "${pids[@]}"; do wait "$p" || st=1; done
is "$st" 0 "four concurrent runs all exit 0"
is "$(sql "select count(*) from scan_runs")" 40 "40 scan runs for 40 searches"
is "$(sql "select count(*) from (select search_id from scan_runs group by 1 having count(*) > 1) x")" 0 \
    "no search scanned twice"
is "$(fake_calls)" 40 "eBay got 40 calls"
is "$(sql "select count(distinct worker) > 1 from scan_runs")" t "the work was shared"
is "$(sql "select sum(items_new) from scan_runs")" "$(sql "select count(*) from search_hits")" \
    "no listing new twice: each hit counted new by one run"
is "$(sql "select count(*) from price_history")" "$(sql "select count(*) from listings")" \
    "one first price per listing, however many searches share it"
is "$(sql "select count(*) from saved_searches where lease_owner is not null or status <> 'ok'")" 0 "all ok, no lease left"
done_testing
