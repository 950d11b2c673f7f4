#!/bin/bash
# ebay-scan stores hostile eBay text exactly as eBay sent it: tabs,
# newlines, backslashes, escape sequences, right-to-left overrides, markup
# and 300 code points of emoji reach the listings table byte for byte
# (the stage is filled by COPY, whose text format escapes these), and a
# second scan of the same listings sees no change.
. "$top_srcdir/t/lib.sh"
[ -f "$top_srcdir/t/lib-fake.sh" ] || skip_all "the fake eBay is not in this tree"
. "$top_srcdir/t/lib-fake.sh"
. "$top_srcdir/t/lib-scan.sh"
scan_setup --hostile

s1=$(add_search hostile 'camera')
scan; st=$?
is "$st" 0 "a scan of hostile listings exits 0"
seen=$(sed -n 's/.* \([0-9]*\) seen,.*/\1/p' "$T/scan.out" | head -n1)
[ -n "$seen" ] || seen=$(sql "select items_seen from scan_runs where search_id = $s1")
is "$(sql "select count(*) from listings")" "$seen" "every listing seen is stored ($seen)"
ok "$([ "$seen" -gt 50 ]; echo $?)" "the page had listings"

# The fake's RTL kind ends its title with this (fake-ebay/item.c).
tail="E' \u202Egpj.exe\u202C\ttab\nnew line back\\\\slash \u001B[2J\u007F'"
n=$(sql "select count(*) from listings where right(title, length($tail)) = $tail")
ok "$([ "$n" -gt 0 ]; echo $?)" "tab, newline, backslash, ESC and DEL kept exactly ($n titles)"
is "$(sql "select count(*) from listings where title like '%\\\\t%' or title like '%\\\\n%'")" 0 \
    "no escape sequence left as text"
is "$(sql "select count(*) from listings where seller_username = E'm\u00FCller_\u202Eresu'")" \
    "$(sql "select count(*) from listings where right(title, length($tail)) = $tail")" \
    "the RTL seller name kept exactly"
ok "$([ "$(sql "select count(*) from listings where title like '<script>alert(1)</script> %'")" -gt 0 ]; echo $?)" \
    "markup kept as text"
ok "$([ "$(sql "select max(length(title)) from listings")" -ge 300 ]; echo $?)" "long titles kept whole"
is "$(sql "select count(*) from listings where normalized_title <> listing_normalize_title(title)")" 0 \
    "normalised titles computed from the stored title"

# The same listings again: nothing changed, nothing new.
sql "create table snap as select item_id, title, seller_username, total from listings" >/dev/null
make_due
scan; st=$?
is "$st" 0 "second scan exits 0"
is "$(sql "select count(*) from listing_events where kind <> 'new'")" 0 "no change, end or relist read into hostile text"
is "$(sql "select count(*) from listings l join snap s using (item_id)
    where l.title is distinct from s.title or l.seller_username is distinct from s.seller_username")" 0 \
    "the texts are stored the same way twice"
done_testing
