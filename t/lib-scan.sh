# Helpers for the ebay-scan tests (t04xx): source after t/lib.sh and
# t/lib-fake.sh.
#
#   scan_setup [fake-ebay args]   PostgreSQL, the schema, a user, and a fake
#                                 eBay whose clock is frozen at a whole
#                                 minute; EBAY_SCAN_NOW follows that clock
#   add_search NAME Q [SQL-SETS]  a saved search due now; prints its id
#   advance SECONDS               move the fake clock and EBAY_SCAN_NOW
#   make_due                      every search due now
#   scan [args]                   run ebay-scan; output in $T/scan.out

SCAN=$top_builddir/cron/ebay-scan

scan_setup() {
	pg_start
	migrate || bail "migrate failed"
	CLOCK=$(( $(date +%s) / 60 * 60 ))
	fake_start --clock "$CLOCK" --freeze-clock "$@"
	export EBAY_SCAN_NOW
	EBAY_SCAN_NOW=$(date -u -d "@$CLOCK" +%Y-%m-%dT%H:%M:%SZ)
	sql "insert into users (username, password_hash) values ('tester', 'x')" >/dev/null
}

add_search() {
	local name=$1 q=$2 extra=${3:-}
	sql "insert into saved_searches (user_id, name, q, next_run_at)
	    values ((select min(id) from users), '$name', '$q', '$EBAY_SCAN_NOW')
	    returning id" | head -n1
	[ -z "$extra" ] || sql "update saved_searches set $extra where name = '$name'" >/dev/null
}

advance() {
	CLOCK=$((CLOCK + $1))
	fake_ctl POST "/__fake/clock?set=$CLOCK" >/dev/null
	EBAY_SCAN_NOW=$(date -u -d "@$CLOCK" +%Y-%m-%dT%H:%M:%SZ)
}

make_due() {
	sql "update saved_searches set next_run_at = '$EBAY_SCAN_NOW'" >/dev/null
}

scan() {
	"$SCAN" "$@" >"$T/scan.out" 2>&1
}

# A canonical dump of what a scan writes, without ids and clock times.
scan_dump() {
	sql "select 'L', item_id, title, normalized_title, seller_username, price,
	        shipping, total, total_currency, bid_count, item_end_date,
	        ended_at is not null, end_reason, relisted_from
	     from listings order by item_id"
	sql "select 'H', search_id, item_id, silent from search_hits order by 2, 3"
	sql "select 'P', item_id, price, shipping, total, currency, bid_count
	     from price_observations order by 2, 3, 4, 5"
	sql "select 'E', item_id, search_id, kind, old_total, new_total, currency
	     from listing_events order by 2, 3, 4, 5, 6"
	sql "select 'S', id, cursor_start, status, last_error, first_run_done,
	        lease_owner, next_run_at, effective_interval_minutes
	     from saved_searches order by id"
	sql "select 'R', search_id, status, items_seen, items_new, price_changes, ended,
	        error from scan_runs order by 2, 3, 4, 5, 6, 7"
}

fake_calls() {
	fake_stats | sed -n 's/.*"search_calls":\([0-9]*\).*/\1/p'
}

fake_ok() {
	fake_stats | sed -n 's/.*"search_ok":\([0-9]*\).*/\1/p'
}
