#!/bin/bash
# kill -9 at random moments of runs, then a clean run: the database equals
# the one an uninterrupted run produces (a canonical dump of what a scan
# writes, without ids and clock times).
. "$top_srcdir/t/lib.sh"
[ -f "$top_srcdir/t/lib-fake.sh" ] || skip_all "the fake eBay is not in this tree"
. "$top_srcdir/t/lib-fake.sh"
. "$top_srcdir/t/lib-scan.sh"
scan_setup --latency-ms 100

# The reference database, a copy of the same schema.
pg_super postgres -c "create database ref owner app" >/dev/null ||
    bail "no ref database"
URL_KILL=$DATABASE_URL
URL_REF=${DATABASE_URL%/app}/ref
DATABASE_URL=$URL_REF migrate || bail "migrate ref"

setup_db() {
	DATABASE_URL=$1 sql "insert into users (username, password_hash) values ('tester', 'x')
	    on conflict do nothing" >/dev/null
	for i in $(seq 1 12); do
		DATABASE_URL=$1 sql "insert into saved_searches (user_id, name, q, next_run_at)
		    values (1, 'k$i', 'kill test $i', '$EBAY_SCAN_NOW')" >/dev/null
	done
}
setup_db "$URL_REF"

# Two rounds (a first run, then three hours later) in each database.
DATABASE_URL=$URL_REF scan --concurrency 3 || diag "ref run 1: $(cat "$T/scan.out")"
advance 10800
DATABASE_URL=$URL_REF sql "update saved_searches set next_run_at = '$EBAY_SCAN_NOW'" >/dev/null
DATABASE_URL=$URL_REF scan --concurrency 3 || diag "ref run 2: $(cat "$T/scan.out")"
ref=$(DATABASE_URL=$URL_REF scan_dump)
advance -10800

# Kill runs at random moments until WANT of them were killed while still
# running (a run that found nothing left to do ends before the kill and
# does not count), at most 40 tries: timing-independent on a loaded
# machine.  A kill within 150 ms lands inside a run with work, since one
# wave of searches takes the fake's 100 ms latency at least.
kills=0
killer() {
	local want=$1 n=0 tries=0 pid
	while [ "$n" -lt "$want" ] && [ "$tries" -lt 40 ]; do
		tries=$((tries + 1))
		"$SCAN" --quiet --concurrency 3 >/dev/null 2>&1 & pid=$!
		sleep "0.$(printf '%03d' $((RANDOM % 150)))"
		if kill -9 "$pid" 2>/dev/null; then
			n=$((n + 1))
			kills=$((kills + 1))
		fi
		wait "$pid" 2>/dev/null
	done
}
setup_db "$URL_KILL"
killer 10
scan --concurrency 3; st=$?
is "$st" 0 "a clean run after the kills exits 0"
advance 10800
make_due
killer 10
scan --concurrency 3; st=$?
is "$st" 0 "a clean run after the second round of kills exits 0"
ok "$([ "$kills" -ge 20 ]; echo $?)" "at least 20 runs killed with SIGKILL ($kills)"
got=$(scan_dump)
is "$(sql "select count(*) from saved_searches where lease_owner is not null")" 0 "no lease left behind"
if [ "$got" = "$ref" ]; then ok 0 "the database equals the uninterrupted run's"
else
	ok 1 "the database equals the uninterrupted run's"
	diff <(echo "$ref") <(echo "$got") | head -n 20 | while IFS= read -r l; do diag "$l"; done
fi
is "$(sql "select count(*) from scan_runs")" "$(DATABASE_URL=$URL_REF sql "select count(*) from scan_runs")" \
    "as many scan runs as without kills"
done_testing
