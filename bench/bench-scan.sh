#!/bin/bash
# Benchmark of ebay-scan passes (not a test): N due searches (1,000),
# the fake eBay answering each call after LATENCY ms (100), CONCURRENCY
# transfers at once (16).  Two passes: the first over a new database
# (every listing new, the issue's figure), then, the fake's clock 15
# minutes on and every search due again, the steady state: each search
# re-reads the listings it knows (updates, price changes, ended, gone)
# and finds a few new ones, while listings has no statistics yet (a new
# database's second minute).  For each: the wall time against the ideal
# (N x latency / concurrency), the listings upserted per second, and the
# CPU seconds the pass cost PostgreSQL, the fake eBay and ebay-scan.  All
# three share the machine's cores, so their CPU time over the cores is a
# floor under the wall time: "cpu floor" says the best ratio this machine
# allows, whatever the latency.  BENCH_PASSES=1 runs the first only.
#
#   bench/bench-scan.sh [N] [LATENCY_MS] [CONCURRENCY]
#
# BENCH_STATEMENTS=1 also loads pg_stat_statements and prints the time
# PostgreSQL spent in each statement of the pass (summed over sessions).
# BENCH_LOG=FILE keeps each pass's log (a line per search, with the time)
# in FILE.first, FILE.second.
#
# Run from a built tree (top_builddir defaults to the current directory).
# It starts its own PostgreSQL and fake eBay on loopback and stops them.
set -u
N=${1:-1000}
LATENCY=${2:-100}
CONC=${3:-16}
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
top_builddir=${top_builddir:-$PWD}
export top_srcdir top_builddir
. "$top_srcdir/t/lib.sh"
. "$top_srcdir/t/lib-fake.sh"
. "$top_srcdir/t/lib-scan.sh"

[ "${BENCH_STATEMENTS:-0}" = 1 ] &&
	export PG_EXTRA_OPTS="-c shared_preload_libraries=pg_stat_statements"
scan_setup --latency-ms "$LATENCY"
export EBAY_DAILY_CALL_LIMIT=1000000
sql "insert into saved_searches (user_id, name, q, next_run_at)
     select (select min(id) from users), 'bench ' || i, 'bench item ' || i,
       '$EBAY_SCAN_NOW' from generate_series(1, $N) i" >/dev/null
# One search first, so that the token is minted outside the measurement.
sql "update saved_searches set next_run_at = next_run_at + interval '1 day'
     where id > (select min(id) from saved_searches)" >/dev/null
"$SCAN" --quiet || bail "warm-up run failed"
sql "update saved_searches set next_run_at = '$EBAY_SCAN_NOW'
     where id > (select min(id) from saved_searches)" >/dev/null
N=$((N - 1))
[ "${BENCH_STATEMENTS:-0}" = 1 ] && { pg_super app -c "create extension if not exists pg_stat_statements" \
    -c "select pg_stat_statements_reset()" >/dev/null || bail "pg_stat_statements failed"; }

# CPU ticks of a process and its reaped children (PostgreSQL's backends
# are the postmaster's children; ebay-scan is this shell's).
ticks() { awk '{ print $14 + $15 + $16 + $17 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_pid=$(head -n 1 "$PG_DIR/data/postmaster.pid")

# pass NAME LABEL: one ebay-scan pass over the due searches, its figures.
pass() {
	local name=$1 label=$2
	local pg0 fk0 me0 pg1 fk1 me1 start end st summary seen rec scanned listings
	pg0=$(ticks "$pg_pid"); fk0=$(ticks "$FAKE_PID"); me0=$(ticks $$)
	scanned=$(sql "select count(*) from scan_runs where status = 'ok'")
	start=$(date +%s.%N)
	LOG_LEVEL=info "$SCAN" --concurrency "$CONC" --max-seconds 600 >"$T/bench.out" 2>&1
	st=$?
	end=$(date +%s.%N)
	sleep 1	# the backends of the pass exit and are reaped
	pg1=$(ticks "$pg_pid"); fk1=$(ticks "$FAKE_PID"); me1=$(ticks $$)
	[ -n "${BENCH_LOG:-}" ] && cp "$T/bench.out" "$BENCH_LOG.$name"
	summary=$(grep 'searches scanned' "$T/bench.out" | tail -n 1)
	[ "$st" = 0 ] || { tail -n 5 "$T/bench.out"; bail "the pass failed ($st)"; }
	scanned=$(( $(sql "select count(*) from scan_runs where status = 'ok'") - scanned ))
	listings=$(sql "select count(*) from listings")
	seen=$(printf '%s\n' "$summary" | sed -n 's/.* \([0-9]*\) listings seen.*/\1/p')
	rec=$(printf '%s\n' "$summary" | sed -n 's/.*(\([0-9.]*\) s recording).*/\1/p')
	echo "--- $label"
	printf '%s\n' "$summary" | sed -n 's/.*scanned ([^)]*), [0-9]* calls, \(.*\) in [0-9.]* s .*/pass:                \1/p'
	awk -v n="$N" -v lat="$LATENCY" -v c="$CONC" -v s="$start" -v e="$end" \
	    -v hz="$(getconf CLK_TCK)" -v pg=$((pg1 - pg0)) -v fk=$((fk1 - fk0)) -v me=$((me1 - me0)) \
	    -v first="$([ "$name" = first ] && echo 1 || echo 0)" \
	    -v ncpu="$(nproc)" -v seen="$seen" -v rec="$rec" -v scanned="$scanned" -v listings="$listings" 'BEGIN {
		wall = e - s; ideal = n * lat / 1000 / c
		printf "searches:            %d scanned (of %d), concurrency %d, latency %d ms\n", scanned, n, c, lat
		printf "wall time:           %.2f s; ideal %.2f s; ratio %.2f (aim <= 1.3)\n", wall, ideal, wall / ideal
		printf "listings:            %d seen, %d distinct stored\n", seen, listings
		per = rec > 0 ? seen / rec : 0
		# The listings aim is for the first pass: the second reads about
		# half a page a search, so the calls bound its rate.
		printf "end to end:          %.0f listings/s upserted%s\n", seen / wall, first ? " (aim >= 20000)" : " (no aim: the calls bound it)"
		printf "recording:           %.2f s in transactions (summed over the writers): %.0f listings/s each\n", rec, per
		if (pg > 0)
			printf "postgres:            %.0f listings per CPU-second of PostgreSQL (%.0f us each)\n", seen / (pg / hz), pg / hz * 1e6 / seen
		cpu = (pg + fk + me) / hz
		printf "cpu:                 postgres %.1f s, fake eBay %.1f s, ebay-scan %.1f s (%.1f s of %.1f s on %d CPUs)\n", pg / hz, fk / hz, me / hz, cpu, wall * ncpu, ncpu
		# The three share the cores: the wall time cannot beat their CPU
		# time spread over every core, whatever the latency.
		printf "cpu floor:           %.2f s of CPU over %d CPUs: ratio %.2f at best on this machine\n", cpu / ncpu, ncpu, cpu / ncpu / ideal
	}'
}

pass first "first pass: a new database, every listing new"
if [ "${BENCH_PASSES:-2}" -ge 2 ]; then
	advance 900
	# The N searches due again, the warm-up's search not.
	sql "update saved_searches set next_run_at = CASE
	       WHEN id = (select min(id) from saved_searches)
	       THEN '$EBAY_SCAN_NOW'::timestamptz + interval '1 day'
	       ELSE '$EBAY_SCAN_NOW' END" >/dev/null
	pass second "second pass, 15 minutes on: known listings re-read"
fi
echo "load average:        $(cut -d' ' -f1-3 /proc/loadavg) (on $(nproc) CPUs; shared machines inflate every figure)"
[ "${BENCH_STATEMENTS:-0}" = 1 ] && pg_super app -P footer=off -c "
    select sum(calls) calls, round(sum(total_exec_time)::numeric) ms,
      round((sum(total_exec_time) / sum(calls))::numeric, 3) mean_ms,
      left(regexp_replace(query, '\s+', ' ', 'g'), 60) statement
    from pg_stat_statements group by 4 order by 2 desc limit 12"
