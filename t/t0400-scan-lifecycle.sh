#!/bin/bash
# ebay-scan against the fake eBay: two runs with the fake clock advanced
# between them record new listings exactly once, and price changes, ended
# listings and relists exactly when they happened; a run with nothing new
# records nothing; --dry-run writes nothing; a warning records nothing.
. "$top_srcdir/t/lib.sh"
[ -f "$top_srcdir/t/lib-fake.sh" ] || skip_all "the fake eBay is not in this tree"
. "$top_srcdir/t/lib-fake.sh"
. "$top_srcdir/t/lib-scan.sh"
scan_setup

s1=$(add_search cameras 'camera lens')
s2=$(add_search laptops 'thinkpad')
s3=$(add_search lenses 'lens')

# --- first run: the newest page of each search, silently --------------------
scan; st=$?
is "$st" 0 "first run exits 0"
is "$(sql "select count(*) from scan_runs where status = 'ok'")" 3 "three searches scanned"
is "$(sql "select count(*) from saved_searches where status = 'ok' and first_run_done and cursor_start is not null and lease_owner is null")" 3 \
    "each has status ok, a cursor, first_run_done, no lease"
n1=$(sql "select count(*) from search_hits")
ok "$([ "$n1" -gt 100 ]; echo $?)" "first run found listings ($n1 hits)"
is "$(sql "select count(*) from listing_events")" 0 "no event on a first sight (the hit is the search's 'new')"
is "$(sql "select count(*) from search_hits h join scan_runs r on r.id = h.first_run_id and r.search_id = h.search_id")" "$n1" \
    "each hit names the run that found it"
is "$(sql "select count(*) from search_hits where not silent")" 0 "first run's hits are silent"
is "$(sql "select count(*) from price_observations")" 0 "no observation before a change"
is "$(sql "select count(*) from price_history")" "$(sql "select count(*) from listings")" \
    "each listing's history is its first sight"
is "$(sql "select count(*) from price_history h join listings l using (item_id) where h.observed_at = l.first_seen_at and h.total is not distinct from l.total and h.currency is not distinct from coalesce(l.total_currency, l.price_currency)")" \
    "$(sql "select count(*) from listings")" "at the first sight's time and price"
is "$(sql "select count(*) from listings where total is not null and total_currency is null")" 0 "totals carry a currency"
is "$(sql "select count(*) from listings where shipping is null and total is not null")" 0 "unknown shipping: unknown total"
like "$(sql "select next_run_at - '$EBAY_SCAN_NOW'::timestamptz from saved_searches where id = $s1")" '^00:15:00$' \
    "next run one interval (15 min) on"

# Snapshot what run 1 stored, to judge run 2 by.
sql "create table snap as select item_id, total, total_currency, item_end_date from listings" >/dev/null

# --- the same clock again: nothing is new ----------------------------------
make_due
scan; st=$?
is "$st" 0 "second run at the same time exits 0"
is "$(sql "select count(*) from listing_events")" 0 "no event from a rerun"
is "$(sql "select count(*) from price_observations")" 0 "no observation from a rerun"
is "$(sql "select count(*) from search_hits")" "$n1" "no hit from a rerun"

# --- three hours later ------------------------------------------------------
advance 10800
make_due
scan; st=$?
is "$st" 0 "run three hours later exits 0"
is "$(sql "select count(*) from listing_events where kind = 'new'")" 0 "no 'new' event: the hits say it"
is "$(sql "select count(*) from search_hits h join snap s using (item_id) where h.first_seen_at <> '$EBAY_SCAN_NOW'::timestamptz - interval '3 hours'")" 0 \
    "a listing seen before keeps its first sight"
nnew=$(sql "select count(*) from search_hits where not silent")
ok "$([ "$nnew" -gt 0 ]; echo $?)" "new listings found after three hours ($nnew), not silent"

# Price changes: exactly the listings whose known total differs.
want=$(sql "select s.item_id from snap s join listings l using (item_id)
    where s.total is not null and l.total is not null and
      (s.total <> l.total or s.total_currency <> l.total_currency) order by 1")
got=$(sql "select item_id from listing_events where kind = 'price_changed' order by 1")
is "$got" "$want" "price_changed events exactly for the changed totals"
ok "$([ -n "$got" ]; echo $?)" "some prices changed ($(echo "$got" | grep -c .))"
is "$(sql "select count(*) from listing_events e join snap s using (item_id) where e.kind = 'price_changed' and e.old_total is distinct from s.total")" 0 \
    "each event carries the old total"
is "$(sql "select count(*) from listing_events e join listings l using (item_id) where e.kind = 'price_changed' and e.new_total is distinct from l.total")" 0 \
    "and the new one"
is "$(sql "select count(*) from price_observations p join listing_events e using (item_id) where e.kind = 'price_changed'")" \
    "$(( $(echo "$got" | grep -c .) * 2 ))" "a first change writes the price before it and after it"
is "$(sql "select count(*) from price_observations p join listings l using (item_id) join snap s using (item_id) where p.observed_at = l.first_seen_at and p.total = s.total")" \
    "$(echo "$got" | grep -c .)" "the price before, at the first sight"
is "$(sql "select count(*) from price_observations p join listings l using (item_id) where p.observed_at = '$EBAY_SCAN_NOW' and p.total = l.total")" \
    "$(echo "$got" | grep -c .)" "the price after, now"
is "$(sql "select count(*) from price_observations where item_id not in (select item_id from listing_events where kind = 'price_changed')")" 0 \
    "no observation of an unchanged total"

# Ended: exactly the stored listings whose end date passed, or gone.
want=$(sql "select item_id from snap where item_end_date <= '$EBAY_SCAN_NOW' order by 1")
got=$(sql "select item_id from listings where end_reason = 'end_date' order by 1")
is "$got" "$want" "ended by end date: exactly those whose end date passed"
is "$(sql "select count(*) from listings where ended_at is not null")" "$(sql "select count(*) from listing_events where kind = 'ended'")" \
    "one 'ended' event per ended listing"
is "$(sql "select count(*) from listings l where end_reason = 'gone' and exists (select 1 from search_hits h where h.item_id = l.item_id and h.last_seen_at = '$EBAY_SCAN_NOW')")" 0 \
    "nothing seen in this run is taken for gone"

# Relists: same seller, same normalised title, new id, the old one ended.
nrel=$(sql "select count(*) from listing_events where kind = 'relisted'")
is "$nrel" "$(sql "select count(*) from listings where relisted_from is not null")" "one 'relisted' event per linked listing"
is "$(sql "select count(*) from listings n join listings o on o.item_id = n.relisted_from
    where n.seller_username = o.seller_username and n.normalized_title = o.normalized_title
      and n.item_id <> o.item_id and (o.ended_at is not null)")" "$nrel" "each relist links an ended listing of the same seller and title"
diag "relisted: $nrel, ended: $(sql "select count(*) from listings where ended_at is not null")"

# --- a day later, relists show up ---------------------------------------------
advance 86400
make_due
scan
is "$?" 0 "run a day later exits 0"
nrel=$(sql "select count(*) from listing_events where kind = 'relisted'")
ok "$([ "$nrel" -gt 0 ]; echo $?)" "relists found a day later ($nrel)"
is "$(sql "select count(*) from listings n join listings o on o.item_id = n.relisted_from
    where n.seller_username = o.seller_username and n.normalized_title = o.normalized_title
      and n.item_id <> o.item_id and o.ended_at is not null")" "$nrel" "each relist links an ended listing of the same seller and title"
is "$(sql "select count(*) from (select relisted_from from listings where relisted_from is not null group by 1 having count(*) > 1) x")" 0 \
    "no listing is relisted twice"

# --- of several ended listings of the same seller and title, the newest -----
# The newest listing of search 1 (the next run sees it again) is deleted,
# and two ended listings of its seller and title put in its place.
x=$(sql "select l.item_id from search_hits h join listings l using (item_id)
    where h.search_id = $s1 and l.seller_username is not null
    order by l.item_origin_date desc limit 1")
sql "insert into listings (item_id, title, normalized_title, seller_username,
        item_end_date, ended_at, end_reason)
     select 'v1|older' || n || '|0', title, normalized_title, seller_username,
        now() - n * interval '1 day', now() - n * interval '1 day', 'end_date'
     from listings, generate_series(1, 2) n where item_id = '$x';
     delete from listings where item_id = '$x'" >/dev/null
advance 600
make_due
scan
is "$?" 0 "a run with a listing matching two ended ones exits 0"
is "$(sql "select relisted_from from listings where item_id = '$x'")" 'v1|older1|0' \
    "  it relists the newest of them"

# --- the normalised title ------------------------------------------------------
is "$(sql "select listing_normalize_title('  NEW!! ThinkPad   T480,  i5 - Tested & Working ')")" "new thinkpad t480 i5 tested working" \
    "titles normalise: lowercase, punctuation stripped, spaces collapsed"
# The cases t0034 puts to ebay-scan's twin (db_item_title_key): the
# numbers of those the SQL function gets wrong.
is "$(sql "select coalesce(string_agg(n::text, ' '), 'none') from (values
     (1, E'  NEW!! ThinkPad   T480,  i5 - Tested & Working ', 'new thinkpad t480 i5 tested working'),
     (2, 'a-b a - b', 'ab a b'),
     (3, E'Tab\\tNew\\nLine\\r\\x0bX\\fY', 'tab new line x y'),
     (4, E'\\u00c9COLE Caf\\u00e9 \\u2014 Gr\\u00f6\\u00dfe\\u2122 \\U0001F389',
         E'\\u00c9cole caf\\u00e9 \\u2014 gr\\u00f6\\u00dfe\\u2122 \\U0001F389'),
     (5, E'\\\\back\\\\slash', 'backslash'),
     (6, '', ''),
     (7, '!!! ??? ...', ''),
     (8, E'A\\u00a0B', E'a\\u00a0b'),
     (9, 'C++ & C# x_y', 'c c xy'),
     (10, '<script>alert(1)</script>', 'scriptalert1script'),
     (11, E'\\x01ctl\\x7f', E'\\x01ctl\\x7f')) c (n, t, want)
     where listing_normalize_title(t) is distinct from want")" none \
    "the SQL definition agrees with ebay-scan's on every case of t0034"

# --- dry run: fetches and reports, writes nothing ---------------------------
advance 3600
make_due
before=$(scan_dump)
scan --dry-run; st=$?
is "$st" 0 "--dry-run exits 0"
like "$(cat "$T/scan.out")" "search $s1: ok, [0-9]+ calls?, [0-9]+ seen, [0-9]+ new.*dry run" "--dry-run reports per search"
is "$(scan_dump)" "$before" "--dry-run writes nothing"

# --- eBay warnings: the search is flagged, nothing recorded -----------------
fake_ctl POST '/__fake/fault?kind=warning&count=1' >/dev/null
scan --search "$s2" --concurrency 1; st=$?
is "$st" 1 "a search with warnings exits 1"
is "$(sql "select status from saved_searches where id = $s2")" warning "status warning"
like "$(sql "select last_error from saved_searches where id = $s2")" "eBay ignored" "last_error says why"
is "$(sql "select count(*) from search_hits where search_id = $s2 and last_seen_at = '$EBAY_SCAN_NOW'")" 0 "nothing recorded from it"
scan --search "$s2"; st=$?
is "$st" 0 "the next run recovers"
is "$(sql "select status || coalesce(last_error, '') from saved_searches where id = $s2")" ok "status ok, error cleared"
ok "$([ "$(sql "select count(*) from search_hits where search_id = $s2 and last_seen_at = '$EBAY_SCAN_NOW'")" -gt 0 ]; echo $?)" \
    "and records"
done_testing
