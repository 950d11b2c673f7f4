#!/bin/bash
# ebay-scan asks eBay for what the saved search says (the query comes from
# lib/search's search_to_query, as the web's live search does): price
# range, currency, location, free shipping, excluded words and sellers.
# An unfiltered search of the same words shows that each filter has
# something to remove.
. "$top_srcdir/t/lib.sh"
[ -f "$top_srcdir/t/lib-fake.sh" ] || skip_all "the fake eBay is not in this tree"
. "$top_srcdir/t/lib-fake.sh"
. "$top_srcdir/t/lib-scan.sh"
scan_setup

all=$(add_search all 'thinkpad')
scan --search "$all" || bail "unfiltered scan failed: $(tail -n 3 "$T/scan.out")"
hits() { # search id, SQL condition on l: matching listings of the search
	sql "select count(*) from search_hits h join listings l using (item_id)
	     where h.search_id = $1 and ($2)"
}
word=$(sql "select w from (select unnest(string_to_array(normalized_title, ' ')) w
	from search_hits h join listings l using (item_id) where h.search_id = $all) x
	where length(w) > 4 and w <> 'thinkpad' group by w order by count(*) desc, w limit 1")
seller=$(sql "select seller_username from search_hits h join listings l using (item_id)
	where h.search_id = $all group by 1 order by count(*) desc, 1 limit 1")
ok "$([ "$(hits "$all" "l.price < 100 or l.price > 200")" -gt 0 ]; echo $?)" "unfiltered: prices outside 100..200"
ok "$([ "$(hits "$all" "l.location_country is distinct from 'CN'")" -gt 0 ]; echo $?)" "unfiltered: listings outside CN"
ok "$([ "$(hits "$all" "l.shipping is distinct from 0")" -gt 0 ]; echo $?)" "unfiltered: shipping not free"
ok "$([ "$(hits "$all" "l.normalized_title like '%$word%'")" -gt 0 ]; echo $?)" "unfiltered: titles with '$word'"
ok "$([ "$(hits "$all" "l.seller_username = '$seller'")" -gt 0 ]; echo $?)" "unfiltered: listings of $seller"

price=$(add_search price 'thinkpad' "min_price = 100, max_price = 200, currency = 'USD'")
cn=$(add_search cn 'thinkpad' "located_in = 'CN'")
free=$(add_search free 'thinkpad' "free_shipping = true")
words=$(add_search words 'thinkpad' "exclude_words = '{$word}', exclude_sellers = '{$seller}'")
for s in "$price" "$cn" "$free" "$words"; do
	scan --search "$s"
	is "$?" 0 "search $s scanned"
	ok "$([ "$(hits "$s" true)" -gt 0 ]; echo $?)" "search $s found listings"
done
is "$(hits "$price" "l.price < 100 or l.price > 200 or l.price_currency <> 'USD'")" 0 "price 100..200 USD only"
is "$(hits "$cn" "l.location_country is distinct from 'CN'")" 0 "located in CN only"
is "$(hits "$free" "l.shipping is distinct from 0")" 0 "free shipping only"
is "$(hits "$words" "l.normalized_title like '%$word%'")" 0 "no title with an excluded word"
is "$(hits "$words" "lower(l.seller_username) = lower('$seller')")" 0 "no listing of an excluded seller"
done_testing
