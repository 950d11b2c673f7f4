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

# Two workers finding the same listing new at once: the second's INSERT
# waits for the first, fails on the key when it commits, and the second
# retries its search's transaction, which then finds the listing stored.
# The first worker here is a psql session that inserts a listing of
# search c1 (its newest, which the next run sees again; gone from the
# database) and commits only once ebay-scan waits for it.
c1=$(sql "select id from saved_searches where name = 'c1'")
x=$(sql "select l.item_id from search_hits h join listings l using (item_id)
    where h.search_id = $c1 order by l.item_origin_date desc limit 1")
title=$(sql "select title from listings where item_id = '$x'")
sql "delete from listings where item_id = '$x'" >/dev/null
make_due
mkfifo "$T/holder"
"${PSQL:-psql}" "$DATABASE_URL" -X -q -v ON_ERROR_STOP=1 <"$T/holder" >/dev/null 2>&1 & holder=$!
exec 7>"$T/holder"
echo "begin; insert into listings (item_id, title) values ('$x', 'held');" >&7
waited() {	# some session matches the condition $1 (within 10 s)
	local i
	for i in $(seq 1 100); do
		[ "$(sql "select count(*) from pg_stat_activity where $1")" -gt 0 ] && return 0
		sleep 0.1
	done
	return 1
}
waited "state = 'idle in transaction'" || diag "the holder did not start"
LOG_LEVEL=debug scan --search "$c1" & scanner=$!
waited "wait_event_type = 'Lock'" || diag "ebay-scan never waited for the holder"
echo "commit;" >&7
exec 7>&-
wait "$holder"
wait "$scanner"
st=$?
is "$st" 0 "a listing inserted by another worker first: the search is recorded"
like "$(cat "$T/scan.out")" "conflict with another worker, retrying" \
    "  after a retry"
is "$(sql "select title from listings where item_id = '$x'")" "$title" \
    "  which updated the other worker's row"
is "$(sql "select count(*) from search_hits where item_id = '$x'")" 1 \
    "  and recorded the hit once"
is "$(sql "select items_new from scan_runs where search_id = $c1 order by id desc limit 1")" 1 \
    "  new to the search"
done_testing
