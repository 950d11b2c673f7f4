#!/bin/bash
# Faults from the fake eBay (5xx, truncated and malformed JSON, a stalled
# connection, 401 expiry): nothing lost, nothing half-recorded, the status
# and the error are recorded, and the next run recovers.
. "$top_srcdir/t/lib.sh"
[ -f "$top_srcdir/t/lib-fake.sh" ] || skip_all "the fake eBay is not in this tree"
. "$top_srcdir/t/lib-fake.sh"
. "$top_srcdir/t/lib-scan.sh"
scan_setup --max-seconds 600

s=$(add_search faults 'fault test')
scan --search "$s"
is "$?" 0 "a first run"
advance 7200
hits=$(sql "select count(*) from search_hits")
cursor=$(sql "select cursor_start from saved_searches")

try_fault() {
	local kind=$1 count=$2 status=$3 err=$4
	make_due
	fake_ctl POST "/__fake/fault?kind=$kind&count=$count" >/dev/null
	scan --max-seconds "${5:-50}"; st=$?
	is "$st" 1 "$kind: the run exits 1"
	is "$(sql "select status from saved_searches")" "$status" "$kind: status $status"
	like "$(sql "select last_error from saved_searches")" "$err" "$kind: the error is recorded"
	is "$(sql "select count(*) from search_hits")" "$hits" "$kind: nothing recorded"
	is "$(sql "select cursor_start from saved_searches")" "$cursor" "$kind: the cursor stays"
	is "$(sql "select count(*) from listing_events where kind <> 'new'")" 0 "$kind: no change, no ending read into it"
	is "$(sql "select lease_owner is null from saved_searches")" t "$kind: the lease is released"
}
try_fault 500 3 error "server error"
try_fault truncate 3 error "bad response"
try_fault malformed 3 error "bad response"
try_fault 502html 3 error "server error"

# A stall longer than the run: abandoned at --max-seconds, still due.
make_due
fake_ctl POST '/__fake/fault?kind=stall&count=1' >/dev/null
scan --max-seconds 3; st=$?
is "$st" 0 "stall: the run ends at --max-seconds"
like "$(sql "select last_error from saved_searches")" "time ran out" "stall: the error is recorded"
is "$(sql "select count(*) from search_hits")" "$hits" "stall: nothing recorded"
is "$(sql "select next_run_at <= '$EBAY_SCAN_NOW' and lease_owner is null from saved_searches")" t "stall: still due, lease released"

# 401 expiry: the client mints a new token and the search goes through.
fake_ctl POST '/__fake/fault?kind=expire&count=1' >/dev/null
scan; st=$?
is "$st" 0 "expire: the run recovers by itself (new token)"
is "$(sql "select status || coalesce(last_error, '') from saved_searches")" ok "expire: status ok, error cleared"
n=$(sql "select count(*) from search_hits")
ok "$([ "$n" -gt "$hits" ]; echo $?)" "after the faults, the new listings are recorded ($((n - hits)))"
is "$(sql "select sum(items_new) from scan_runs")" "$n" "none twice: each hit counted new by one run"
done_testing
