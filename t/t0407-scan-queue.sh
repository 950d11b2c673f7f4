#!/bin/bash
# The queue between the transfers and the writers is bounded (--queue):
# while PostgreSQL is held up the pass stops fetching instead of piling
# pages up, every search is still recorded exactly once, and --max-seconds
# still stops the claims.
. "$top_srcdir/t/lib.sh"
[ -f "$top_srcdir/t/lib-fake.sh" ] || skip_all "the fake eBay is not in this tree"
. "$top_srcdir/t/lib-fake.sh"
. "$top_srcdir/t/lib-scan.sh"
scan_setup --latency-ms 20

# The most searches queued, from the run's summary line.
peak() { sed -n 's/.*at most \([0-9]*\) queued (of \([0-9]*\)).*/\1/p' "$T/scan.out" | tail -n 1; }

# Hold the listings table (the writers' upsert waits for it) from a
# session of our own until release_listings.
hold_listings() {
	rm -f "$T/lock.fifo"
	mkfifo "$T/lock.fifo"
	"${PSQL:-psql}" "$DATABASE_URL" -X -q -v ON_ERROR_STOP=1 <"$T/lock.fifo" >"$T/lock.out" 2>&1 &
	lock_pid=$!
	at_exit "kill $lock_pid"
	exec 7>"$T/lock.fifo"
	echo "begin; lock table listings in exclusive mode;" >&7
	for _ in $(seq 1 100); do
		[ "$(sql "select count(*) from pg_locks where relation = 'listings'::regclass and mode = 'ExclusiveLock' and granted")" = 1 ] && return 0
		sleep 0.1
	done
	bail "could not lock listings"
}
release_listings() {
	echo "commit;" >&7
	exec 7>&-
	wait "$lock_pid"
}

# 1. A queue of one, no hold-up: 40 searches, each recorded once.
# Every fifth search finds nothing (xyzzy): recorded on the same
# connection right after searches that found plenty, it has no hits (the
# stage table a writer reuses holds one search's rows at a time).
for i in $(seq 1 40); do
	if [ $((i % 5)) = 0 ]; then q="xyzzy $i"; else q="queue $((i % 7)) $i"; fi
	add_search "q$i" "$q" >/dev/null
done
LOG_LEVEL=info scan --concurrency 4 --queue 1
is "$?" 0 "a pass with --queue 1 exits 0"
is "$(sql "select count(*) from scan_runs where status = 'ok'")" 40 "40 searches recorded"
is "$(sql "select count(*) from (select search_id from scan_runs group by 1 having count(*) > 1) x")" 0 \
    "no search recorded twice"
is "$(fake_calls)" 40 "eBay got 40 calls"
is "$(sql "select count(*) from saved_searches where lease_owner is not null or status <> 'ok'")" 0 \
    "all ok, no lease left"
p=$(peak)
ok "$([ -n "$p" ] && [ "$p" -le 1 ]; echo $?)" "the summary says at most 1 queued ($p)"
is "$(sql "select count(*) from search_hits h join saved_searches s on s.id = h.search_id where s.q like 'xyzzy%'")" 0 \
    "no hits for the searches that find nothing"
is "$(sql "select count(*) from scan_runs r join saved_searches s on s.id = r.search_id where s.q like 'xyzzy%' and r.items_seen = 0")" 8 \
    "they saw nothing"
ok "$([ "$(sql "select count(*) from search_hits")" -gt 0 ]; echo $?)" "the others have hits"

# 2. The writers held up: the pass stops fetching at the bound and, when
# the table is free again, records everything.
advance 3600
make_due
hold_listings
LOG_LEVEL=info "$SCAN" --concurrency 8 --queue 2 >"$T/scan.out" 2>&1 &
scan_pid=$!
sleep 2
claimed=$(sql "select count(*) from saved_searches where lease_owner is not null")
release_listings
wait "$scan_pid"
is "$?" 0 "the held-up pass exits 0"
# Two writers hold one search each, the queue two: at most 4 of 40
# claimed while the table was held.
ok "$([ "$claimed" -ge 1 ] && [ "$claimed" -le 4 ]; echo $?)" "1 to 4 searches claimed while the writers were held up ($claimed)"
p=$(peak)
ok "$([ -n "$p" ] && [ "$p" -le 2 ]; echo $?)" "the summary says at most 2 queued ($p)"
is "$(sql "select count(*) from scan_runs where status = 'ok'")" 80 "all 40 recorded again"
is "$(sql "select count(*) from (select search_id from scan_runs group by 1 having count(*) > 2) x")" 0 \
    "none recorded twice in this pass"
is "$(fake_calls)" "$(sql "select sum(calls) from scan_runs")" "every call eBay got is recorded"
is "$(sql "select count(*) from saved_searches where lease_owner is not null or status <> 'ok'")" 0 \
    "all ok, no lease left"

# 3. Held up past --max-seconds: the pass stops claiming, records what it
# fetched once the table is free, and leaves the rest due, unleased.
advance 3600
make_due
hold_listings
LOG_LEVEL=info "$SCAN" --concurrency 8 --queue 2 --max-seconds 2 >"$T/scan.out" 2>&1 &
scan_pid=$!
sleep 4
release_listings
wait "$scan_pid"
is "$?" 0 "the pass past its time exits 0"
n=$(( $(sql "select count(*) from scan_runs") - 80 ))
ok "$([ "$n" -ge 1 ] && [ "$n" -le 4 ]; echo $?)" "1 to 4 searches recorded ($n)"
is "$(fake_calls)" "$(sql "select sum(calls) from scan_runs")" "every call eBay got is recorded"
is "$(sql "select count(*) from saved_searches where next_run_at <= '$EBAY_SCAN_NOW'")" "$((40 - n))" \
    "the others are still due"
is "$(sql "select count(*) from saved_searches where lease_owner is not null")" 0 "no lease left"
p=$(peak)
ok "$([ -n "$p" ] && [ "$p" -le 2 ]; echo $?)" "the summary says at most 2 queued ($p)"
done_testing
