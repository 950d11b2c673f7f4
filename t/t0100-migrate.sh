#!/bin/bash
# ebay-scan migrate: applies the schema, is a no-op the second time, and
# refuses a migration file changed after it was applied.
. "$top_srcdir/t/lib.sh"
pg_start

out=$("$top_builddir/cron/ebay-scan" migrate 2>&1); st=$?
is "$st" 0 "first migrate succeeds"
like "$out" "applied [0-9]+ migration" "it says what it applied"
is "$(sql "select count(*) from schema_migrations")" "$(ls "$top_srcdir"/sql/[0-9][0-9][0-9][0-9]-*.sql | wc -l)" "every file recorded"
for t in users sessions api_tokens saved_searches alert_rules listings search_hits \
    price_observations scan_runs channels outbox deliveries ebay_tokens ebay_calls; do
	is "$(sql "select to_regclass('public.$t') is not null")" t "table $t exists"
done
is "$(sql "select data_type from information_schema.columns where table_name='listings' and column_name='total'")" numeric "money is numeric"

out=$("$top_builddir/cron/ebay-scan" migrate 2>&1); st=$?
is "$st" 0 "second migrate succeeds"
like "$out" "up to date" "second migrate is a no-op"
out=$("$top_builddir/cron/ebay-scan" migrate --check 2>&1)
like "$out" "^0 migrations pending" "--check: nothing pending"

# Two at once: the advisory lock makes each file apply once.
pg_dir2=$T/sql2; mkdir -p "$pg_dir2"; cp "$top_srcdir"/sql/*.sql "$pg_dir2/"
printf 'CREATE TABLE t_extra (id int);\nSELECT pg_sleep(0.5);\n' >"$pg_dir2/9000-extra.sql"
EBAY_SQL_DIR=$pg_dir2 "$top_builddir/cron/ebay-scan" --quiet migrate & a=$!
EBAY_SQL_DIR=$pg_dir2 "$top_builddir/cron/ebay-scan" --quiet migrate & b=$!
wait $a; st_a=$?; wait $b; st_b=$?
is "$st_a$st_b" 00 "two concurrent runs both succeed"
is "$(sql "select count(*) from schema_migrations where version = 9000")" 1 "the new file applied once"

# A failing migration rolls back whole and is not recorded.
printf 'CREATE TABLE t_half (id int);\nSELECT no_such_function();\n' >"$pg_dir2/9001-broken.sql"
out=$(EBAY_SQL_DIR=$pg_dir2 "$top_builddir/cron/ebay-scan" migrate 2>&1); st=$?
is "$st" 1 "a failing migration exits 1"
like "$out" "9001-broken.sql" "the error names the file"
is "$(sql "select to_regclass('public.t_half') is null")" t "its half-done work is rolled back"
rm "$pg_dir2/9001-broken.sql"

# Changed after it was applied: refused, nothing else happens.
printf '\n-- edited\n' >>"$pg_dir2/9000-extra.sql"
out=$(EBAY_SQL_DIR=$pg_dir2 "$top_builddir/cron/ebay-scan" migrate 2>&1); st=$?
is "$st" 1 "a changed migration is refused"
like "$out" "9000-extra.sql was changed after it was applied" "with a clear message"

# Configuration and database errors map to exit codes 2 and 3.
out=$(DATABASE_URL= "$top_builddir/cron/ebay-scan" migrate 2>&1); st=$?
is "$st" 2 "no DATABASE_URL: exit 2"
like "$out" "DATABASE_URL" "the message names DATABASE_URL"
out=$(DATABASE_URL="postgresql://app:app@127.0.0.1:1/app" "$top_builddir/cron/ebay-scan" migrate 2>&1); st=$?
is "$st" 3 "database down: exit 3"
out=$("$top_builddir/cron/ebay-scan" frobnicate 2>&1); st=$?
is "$st" 2 "unknown command: exit 2"
done_testing
