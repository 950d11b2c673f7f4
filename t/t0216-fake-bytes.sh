#!/bin/bash
# The fake eBay's search answers, byte for byte: a checksum of each answer
# to a varied set of requests (queries, categories, marketplaces, every
# filter and sort, paging, the clock moving, another seed, hostile data,
# faults) against t/fake-bytes.sums.  The fake's speed-ups must not
# change a byte, and the tests that compare answers rely on the same query
# giving the same bytes; when the catalog changes on purpose, regenerate
# the sums with FAKE_BYTES_WRITE=FILE (and look at why they changed).
# FAKE_BYTES_SAVE=DIR also keeps the answers themselves, to diff them.
. "$top_srcdir/t/lib.sh"
. "$top_srcdir/t/lib-fake.sh"
command -v sha256sum >/dev/null 2>&1 || skip_all "sha256sum not installed"

SUMS=$top_srcdir/t/fake-bytes.sums
GOT=$T/got.sums
: >"$GOT"
BUY='filter=buyingOptions:%7BFIXED_PRICE%7CAUCTION%7D'

# snap NAME QUERY [curl args]: one search; its status and checksum into GOT.
# The Host header is fixed: href, next and itemHref repeat it.
snap() {
	local name=$1 query=$2 st; shift 2
	st=$(fake_search "$query" -H 'Host: fake.test:8090' "$@")
	printf '%s %s %s\n' "$name" "$st" \
	    "$(sha256sum <"$T/fake.body" | cut -d' ' -f1)" >>"$GOT"
	[ -n "${FAKE_BYTES_SAVE:-}" ] && cp "$T/fake.body" "$FAKE_BYTES_SAVE/$name"
	return 0
}
[ -n "${FAKE_BYTES_SAVE:-}" ] && mkdir -p "$FAKE_BYTES_SAVE"

fake_start --clock 1773500000 --freeze-clock
fake_token || bail "no token"

# queries, sorts and paging
snap best "q=thinkpad&limit=200"
snap best-default "q=thinkpad"
snap newly "q=thinkpad&limit=200&$BUY&sort=newlyListed"
snap price "q=nikon%20d750&limit=200&$BUY&sort=price"
snap price-desc "q=nikon%20d750&limit=200&$BUY&sort=-price"
snap ending "q=nikon%20d750&limit=200&$BUY&sort=endingSoonest"
snap bad-sort "q=nikon%20d750&limit=20&sort=cheapest"
snap page2 "q=thinkpad&limit=200&offset=200&$BUY&sort=newlyListed"
snap page-mid "q=thinkpad&limit=50&offset=150"
snap page-last "q=thinkpad&limit=100&offset=700&$BUY"
snap page-past "q=thinkpad&limit=100&offset=9900"
snap limit1 "q=bench%20item%207&limit=1&$BUY&sort=newlyListed"
snap words "q=Apple%20%20iPad%20-broken%20(mini,air)&limit=200&$BUY"
snap long-q "q=$(head -c 300 /dev/zero | tr '\0' w)&limit=3"
snap utf8-q "q=%E2%82%AC%00%ff%fe%20caf%C3%A9&limit=10"
snap xyzzy "q=xyzzy%20thing&limit=10"
snap category "category_ids=177&limit=200&$BUY"
snap category-unknown "category_ids=999999&limit=20"
snap category-q "q=gameboy&category_ids=139971&limit=30&sort=price"
snap category-bad "q=gameboy&category_ids=abc&limit=5"
# filters
snap f-price "q=thinkpad&limit=200&filter=price:%5B100..500%5D,priceCurrency:USD"
snap f-price-eur "q=thinkpad&limit=200&filter=price:%5B..300%5D,priceCurrency:EUR"
snap f-price-nocur "q=thinkpad&limit=20&filter=price:%5B100%5D"
snap f-cond "q=thinkpad&limit=200&filter=conditionIds:%7B1000%7C3000%7D,buyingOptions:%7BAUCTION%7D"
snap f-conditions "q=thinkpad&limit=200&filter=conditions:%7BUSED%7D"
snap f-offer "q=thinkpad&limit=200&filter=buyingOptions:%7BBEST_OFFER%7D"
snap f-country "q=thinkpad&limit=200&filter=itemLocationCountry:US"
snap f-start "q=thinkpad&limit=200&$BUY,itemStartDate:%5B2026-03-10T00:00:00.000Z..%5D"
snap f-end "q=thinkpad&limit=200&$BUY,itemEndDate:%5B..2026-03-20T00:00:00.000Z%5D&sort=endingSoonest"
snap f-bids "q=thinkpad&limit=200&filter=buyingOptions:%7BAUCTION%7D,bidCount:%5B1..5%5D"
snap f-ship "q=thinkpad&limit=200&filter=maxDeliveryCost:0,deliveryCountry:US"
snap f-ship-nocountry "q=thinkpad&limit=20&filter=maxDeliveryCost:0"
seller=$(sed -n 's/.*"username":"\([^"]*\)".*/\1/p' "$T/fake.body")
snap f-sellers "q=thinkpad&limit=200&$BUY,sellers:%7B$seller%7Cnobody%7D"
snap f-exclude "q=thinkpad&limit=200&$BUY,excludeSellers:%7B$seller%7D&sort=price"
snap f-bad "q=thinkpad&limit=20&filter=%5B%5B%7B,,:price:%5B..%5D,colour:red"
# request errors
snap e-none "limit=10"
snap e-limit "q=a&limit=0"
snap e-offset "q=a&limit=50&offset=30"
snap e-cats "q=a&category_ids=1,2"
# marketplaces and affiliate links
snap m-gb "q=thinkpad&limit=200&$BUY" -H 'X-EBAY-C-MARKETPLACE-ID: EBAY_GB'
snap m-de "q=thinkpad&limit=200&sort=price&filter=price:%5B..400%5D,priceCurrency:USD" \
    -H 'X-EBAY-C-MARKETPLACE-ID: EBAY_DE'
snap m-bogus "q=thinkpad&limit=20" -H 'X-EBAY-C-MARKETPLACE-ID: EBAY_XX'
snap m-aff "q=thinkpad&limit=200&$BUY" \
    -H 'X-EBAY-C-ENDUSERCTX: affiliateCampaignId=5338&x=1,affiliateReferenceId=a%20b'
snap m-aff-sg "q=thinkpad&limit=20" -H 'X-EBAY-C-MARKETPLACE-ID: EBAY_SG' \
    -H 'X-EBAY-C-ENDUSERCTX: affiliateCampaignId=5338'
# the clock moves: prices, bids, ends, relists
fake_ctl POST '/__fake/clock?advance=97200' >/dev/null
fake_token || bail "no token"	# the last one expired
snap later "q=thinkpad&limit=200&$BUY&sort=newlyListed"
snap later-ending "q=thinkpad&limit=200&$BUY&sort=endingSoonest&offset=200"
fake_ctl POST '/__fake/clock?advance=1900000' >/dev/null
fake_token || bail "no token"
snap later2 "q=nikon%20d750&limit=200&$BUY&sort=price"
# hostile data
fake_ctl POST '/__fake/hostile?on=1' >/dev/null
snap h-best "q=thinkpad&limit=200&$BUY"
snap h-newly "q=thinkpad&limit=200&offset=200&$BUY&sort=newlyListed"
snap h-price "q=thinkpad&limit=200&filter=price:%5B..1000%5D,priceCurrency:USD&sort=-price"
snap h-small "q=thinkpad&limit=2&$BUY"
snap h-aff "q=thinkpad&limit=100&$BUY" -H 'X-EBAY-C-MARKETPLACE-ID: EBAY_GB' \
    -H 'X-EBAY-C-ENDUSERCTX: affiliateCampaignId=1,affiliateReferenceId=r'
fake_ctl POST '/__fake/hostile?on=0' >/dev/null
# faults that alter the answer
for kind in truncate malformed warning 500 502html 429; do
	fake_ctl POST "/__fake/fault?kind=$kind&count=1" >/dev/null
	snap "fault-$kind" "q=thinkpad&limit=50&$BUY"
done
# another seed
fake_start --clock 1773500000 --freeze-clock --seed 7
fake_token || bail "no token"
snap seed7 "q=thinkpad&limit=200&$BUY&sort=newlyListed"
snap seed7-cat "category_ids=31387&limit=200&sort=-price"

if [ -n "${FAKE_BYTES_WRITE:-}" ]; then
	cp "$GOT" "$FAKE_BYTES_WRITE"
	diag "wrote $(wc -l <"$GOT") sums to $FAKE_BYTES_WRITE"
fi
while read -r name st sum; do
	want=$(awk -v n="$name" '$1 == n { print $2 " " $3 }' "$SUMS")
	is "$st $sum" "$want" "$name: the same status and bytes"
done <"$GOT"
is "$(wc -l <"$GOT")" "$(wc -l <"$SUMS")" "every request in the sums was made"
done_testing
