#!/bin/bash
# The fake eBay's sort orders and paging: limit/offset/next/prev, their
# 400 errors, and that following next walks the whole result once.
. "$top_srcdir/t/lib.sh"
. "$top_srcdir/t/lib-fake.sh"
have_python || skip_all "python3 needed to inspect the JSON"

fake_start --clock 1773500000 --freeze-clock
fake_token || bail "no token"
B=$T/fake.body
I='d.get("itemSummaries", [])'
Q='q=nikon%20d750&limit=200&filter=buyingOptions:%7BFIXED_PRICE%7CAUCTION%7D'
TOTAL='(float(i["price"]["value"] if "price" in i else i["currentBidPrice"]["value"]) + (float(i["shippingOptions"][0]["shippingCost"]["value"]) if "shippingOptions" in i and "shippingCost" in i["shippingOptions"][0] else 0))'

# --- sort ------------------------------------------------------------------

fake_search "$Q" >/dev/null
cp "$B" "$T/best.json"
fake_search "$Q&sort=price" >/dev/null
json_is "$B" "[$TOTAL for i in $I] == sorted($TOTAL for i in $I)" true \
    "sort=price: ascending by price plus shipping"
json_is "$B" 'd["total"]' "$(json_get "$T/best.json" 'd["total"]')" "as many listings as best match"
fake_search "$Q&sort=-price" >/dev/null
json_is "$B" "[$TOTAL for i in $I] == sorted(($TOTAL for i in $I), reverse=True)" true \
    "sort=-price: descending"
fake_search "$Q&sort=newlyListed" >/dev/null
json_is "$B" "[i['itemOriginDate'] for i in $I] == sorted((i['itemOriginDate'] for i in $I), reverse=True)" true \
    "sort=newlyListed: newest itemOriginDate first"
fake_search "$Q&sort=endingSoonest" >/dev/null
json_is "$B" "(lambda e: e == sorted(e))([i['itemEndDate'] for i in $I if 'itemEndDate' in i])" true \
    "sort=endingSoonest: soonest itemEndDate first"
json_is "$B" "(lambda h: h == sorted(h, reverse=True))(['itemEndDate' in i for i in $I])" true \
    "listings without an end date after those with one"
fake_search "$Q" >/dev/null
json_is "$B" "[i['itemOriginDate'] for i in $I] != sorted((i['itemOriginDate'] for i in $I), reverse=True)" true \
    "best match is not simply newest first"
fake_search "$Q&sort=cheapest" >/dev/null
json_is "$B" '[w["errorId"] for w in d["warnings"]]' '[12008]' "a bad sort: warning 12008"
json_is "$B" "[i['itemId'] for i in $I] == [i['itemId'] for i in __import__('json').load(open('$T/best.json'))['itemSummaries']]" true \
    "and best-match order"

# --- limit and offset ----------------------------------------------------------

bad() {
	local query=$1 id=$2
	is "$(fake_search "q=camera&$query")" 400 "$query: 400"
	json_is "$B" '[e["errorId"] for e in d["errors"]]' "[$id]" "$query: errorId $id"
}
bad limit=0 12006
bad limit=201 12006
bad limit=ten 12007
bad limit=5x 12007
bad offset=-10 12004
bad offset=abc 12005
bad 'limit=10&offset=15' 12515
bad 'limit=200&offset=10000' 12029
json_is "$B" '"warnings" in d' false "an errors body has no warnings"
is "$(fake_search 'q=camera')" 200 "limit omitted"
json_is "$B" '[d["limit"], d["offset"], len(d["itemSummaries"])]' '[50, 0, 50]' "default limit 50"
is "$(fake_search 'q=camera&limit=200&offset=9800')" 200 "offset 9800 is allowed"

# Walk a result by next: every listing once, no prev on the first page, no
# next on the last, prev leads back.
q='q=nikon%20d750&limit=50&filter=price:%5B..300%5D,priceCurrency:USD'
fake_search "$q" >/dev/null
total=$(json_get "$B" 'd["total"]')
json_is "$B" "$total > 100 and $total < 1000" true "a result of several pages ($total)"
pages=0 ids=$T/ids
: >"$ids"
url="$FAKE_URL/buy/browse/v1/item_summary/search?$q"
while [ -n "$url" ] && [ "$pages" -lt 30 ]; do
	curl -s --max-time 10 -H "Authorization: Bearer $FAKE_TOKEN" -o "$B" "$url"
	json_get "$B" "'\\n'.join(i['itemId'] for i in $I)" >>"$ids"
	if [ "$pages" = 0 ]; then
		json_is "$B" '"prev" in d' false "page 1: no prev"
	fi
	url=$(json_get "$B" 'd.get("next", "")')
	pages=$((pages + 1))
done
is "$pages" $(((total + 49) / 50)) "next followed to the end: $pages pages"
json_is "$B" '["next" in d, "prev" in d, d["offset"]]' "[false, true, $(((total - 1) / 50 * 50))]" \
    "last page: prev, no next, offset echoed"
is "$(sort "$ids" | uniq | wc -l)" "$total" "every listing once across the pages"
is "$(wc -l <"$ids")" "$total" "and nothing twice"
curl -s --max-time 10 -H "Authorization: Bearer $FAKE_TOKEN" -o "$T/prev.json" "$(json_get "$B" 'd["prev"]')"
json_is "$T/prev.json" '[d["offset"], d["limit"], "next" in d]' "[$(((total - 1) / 50 * 50 - 50)), 50, true]" \
    "prev leads to the page before"
json_is "$B" "d['href'].endswith('limit=50&offset=$(((total - 1) / 50 * 50))') and 'filter=price%3A%5B..300%5D%2CpriceCurrency%3AUSD' in d['href']" true \
    "href repeats the query, encoded"
fake_search "q=nikon%20d750&limit=50&offset=$((total / 50 * 50 + 500))" >/dev/null
json_is "$B" '["itemSummaries" in d, "next" in d, d["total"] > 0]' '[false, false, true]' \
    "an offset past the end: no items, no next"

done_testing
