#!/bin/bash
# What each run asks eBay for (SPEC section 4, item 3): a first run the
# newest page, from no start date; a later run from its cursor minus the
# overlap (30 minutes), or further back, from the start of the oldest of
# the search's 100 newest open listings, so that the same one call re-reads
# them (their price changes, and which of them are gone).  The window is
# in ebay-scan's debug log ("window from" a Unix time) and in the
# itemStartDate filter eBay gets.
. "$top_srcdir/t/lib.sh"
[ -f "$top_srcdir/t/lib-fake.sh" ] || skip_all "the fake eBay is not in this tree"
. "$top_srcdir/t/lib-fake.sh"
. "$top_srcdir/t/lib-scan.sh"
scan_setup

# window ID: the "window from" of search ID in the last run's log.
window() {
	sed -n "s/.*search $1: claimed ([a-z]* run, window from \([0-9]*\)).*/\1/p" "$T/scan.out" | tail -n 1
}
# expect ID: the window its next run should ask from, read off what is
# stored: the cursor less 30 minutes, or the start of the 100th newest of
# its open listings when that is older.
expect() {
	sql "select least(extract(epoch from s.cursor_start)::bigint - 1800,
	        (select extract(epoch from st)::bigint from (
	           select least(l.item_origin_date, l.item_creation_date) st
	           from search_hits h join listings l using (item_id)
	           where h.search_id = s.id and l.ended_at is null
	           order by st desc limit 100) x
	         order by st limit 1))
	     from saved_searches s where s.id = $1"
}

wide=$(add_search wide 'lens')
narrow=$(add_search narrow 'xyzzy plugh')

LOG_LEVEL=debug scan
is "$?" 0 "first run exits 0"
is "$(window "$wide")" 0 "a first run asks for the newest page, from no start date"
n=$(sql "select count(*) from search_hits where search_id = $wide")
ok "$([ "$n" -gt 100 ]; echo $?)" "it found more than 100 listings ($n)"

# Fifteen minutes on: the search's 100 newest open listings started long
# before the cursor's 30 minutes, and the window reaches back to them.
advance 900
make_due
e=$(expect "$wide")
c=$(sql "select extract(epoch from cursor_start)::bigint from saved_searches where id = $wide")
ok "$([ -n "$e" ] && [ "$e" -lt $((c - 1800)) ]; echo $?)" "the 100th newest open listing started before the cursor's overlap"
LOG_LEVEL=debug scan
is "$?" 0 "second run exits 0"
is "$(window "$wide")" "$e" "the second run asks from the start of the oldest of its 100 newest open listings"
seen=$(sql "select items_seen from scan_runs where search_id = $wide order by id desc limit 1")
ok "$([ "$seen" -ge 100 ]; echo $?)" "  and re-reads them ($seen seen)"
is "$(window "$narrow")" 0 "a search that found nothing has no cursor: it asks from no start date again"

# Listings of the search that ended no longer hold the window back: end
# its 50 newest open listings; the next run reaches further back.
sql "update listings set ended_at = now(), end_reason = 'end_date' where item_id in (
       select l.item_id from search_hits h join listings l using (item_id)
       where h.search_id = $wide and l.ended_at is null
       order by least(l.item_origin_date, l.item_creation_date) desc limit 50)" >/dev/null
advance 900
make_due
e2=$(expect "$wide")
LOG_LEVEL=debug scan
is "$?" 0 "third run exits 0"
w=$(window "$wide")
is "$w" "$e2" "ended listings are left out: the window is read off the open ones"
ok "$([ -n "$w" ] && [ "$w" -lt "$e" ]; echo $?)" "  further back than before ($w < $e)"
done_testing
