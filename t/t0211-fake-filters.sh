#!/bin/bash
# The fake eBay's filters: price + currency, conditions, buying options
# (auctions hidden by default), location, start date, sellers, free
# shipping, and 200 + warnings for bad values.
. "$top_srcdir/t/lib.sh"
. "$top_srcdir/t/lib-fake.sh"
have_python || skip_all "python3 needed to inspect the JSON"

fake_start --clock 1773500000 --freeze-clock
fake_token || bail "no token"
B=$T/fake.body
I='d.get("itemSummaries", [])'
Q='q=thinkpad&limit=200'

is "$(fake_search "$Q")" 200 "unfiltered search"
all=$(json_get "$B" 'd["total"]')
json_is "$B" "all('FIXED_PRICE' in i['buyingOptions'] for i in $I)" true \
    "default buyingOptions: every listing includes FIXED_PRICE"

fake_search "$Q&filter=buyingOptions:%7BAUCTION%7D" >/dev/null
json_is "$B" "len($I) > 0 and all('AUCTION' in i['buyingOptions'] for i in $I)" true \
    "buyingOptions:{AUCTION}: auctions only"
json_is "$B" "all('itemEndDate' in i and isinstance(i['bidCount'], int) and 'currentBidPrice' in i for i in $I)" true \
    "auctions: itemEndDate, integer bidCount, currentBidPrice"
auctions=$(json_get "$B" 'd["total"]')
fake_search "$Q&filter=buyingOptions:%7BFIXED_PRICE%7CAUCTION%7D" >/dev/null
json_is "$B" "d['total'] > $all and any(i['buyingOptions'] == ['AUCTION'] for i in $I)" true \
    "buyingOptions:{FIXED_PRICE|AUCTION}: more listings, auction-only ones among them"
fake_search "$Q&filter=buyingOptions:%7BBEST_OFFER%7D" >/dev/null
json_is "$B" "len($I) > 0 and all('BEST_OFFER' in i['buyingOptions'] for i in $I)" true \
    "buyingOptions:{BEST_OFFER}"

fake_search "$Q&filter=price:%5B100..200%5D,priceCurrency:USD" >/dev/null
json_is "$B" "len($I) > 0 and all(100 <= float(i['price']['value']) <= 200 for i in $I)" true \
    "price:[100..200] with USD: every price in range"
json_is "$B" "d['total'] < $all" true "and fewer listings"
fake_search "$Q&filter=price:%5B..50%5D,priceCurrency:USD" >/dev/null
json_is "$B" "all(float(i['price']['value']) <= 50 for i in $I)" true "price:[..50]: open low end"
fake_search "$Q&filter=price:%5B300%5D,priceCurrency:USD" >/dev/null
json_is "$B" "len($I) > 0 and all(float(i['price']['value']) >= 300 for i in $I)" true "price:[300]: open high end"
fake_search "$Q&filter=price:%5B0..1%5D,priceCurrency:USD" >/dev/null
json_is "$B" '[d["total"], "itemSummaries" in d]' '[0, false]' "price:[0..1]: nothing, no itemSummaries"
fake_search "$Q&filter=price:%5B100..200%5D" >/dev/null
json_is "$B" '[d["total"], [w["errorId"] for w in d["warnings"]]]' "[$all, [12012]]" \
    "price without priceCurrency: warning 12012, not filtered"
fake_search "$Q&filter=price:%5B100..200%5D,priceCurrency:usd" >/dev/null
json_is "$B" '[d["total"], sorted(w["errorId"] for w in d["warnings"])]' "[$all, [12002, 12012]]" \
    "priceCurrency:usd (case matters): 12002, and 12012"

fake_search "$Q&filter=conditionIds:%7B1000%7C1500%7D" >/dev/null
json_is "$B" "len($I) > 0 and all(i['conditionId'] in ('1000', '1500') for i in $I)" true \
    "conditionIds:{1000|1500}"
json_is "$B" "sorted(set(i['condition'] for i in $I))" '["New", "Open box"]' "with condition names"
fake_search "$Q&filter=conditionIds:%7B7000%7D" >/dev/null
json_is "$B" "len($I) > 0 and all(i['conditionId'] == '7000' for i in $I)" true "conditionIds:{7000}"
fake_search "$Q&filter=conditions:%7BNEW%7D" >/dev/null
json_is "$B" "len($I) > 0 and all(i['conditionId'] in ('1000', '1500', '1750') for i in $I)" true \
    "conditions:{NEW}"

fake_search "$Q&filter=itemLocationCountry:CN,buyingOptions:%7BFIXED_PRICE%7CAUCTION%7D" >/dev/null
json_is "$B" "len($I) > 0 and all(i['itemLocation']['country'] == 'CN' for i in $I)" true \
    "itemLocationCountry:CN"
fake_search "$Q&filter=itemLocationCountry:%7BGB%7CUS%7D" >/dev/null
json_is "$B" '[d["total"], "warnings" in d]' "[$all, false]" "itemLocationCountry:{GB|US}: accepted, ignored"
is "$(fake_search "$Q&filter=itemLocationCountry:US,itemLocationRegion:NORTH_AMERICA")" 400 \
    "country and region together: 400"
json_is "$B" 'd["errors"][0]["errorId"]' 12517 "errorId 12517"

from=2026-03-14T00:00:00.000Z
fake_search "$Q&sort=newlyListed&filter=itemStartDate:%5B$from%5D" >/dev/null
json_is "$B" "len($I) > 0 and all(i['itemOriginDate'] >= '$from' for i in $I)" true \
    "itemStartDate:[from]: only listings since then"
n_since=$(json_get "$B" 'd["total"]')
fake_search "$Q&filter=itemStartDate:%5B..$from%5D" >/dev/null
json_is "$B" "all(i['itemOriginDate'] <= '$from' for i in $I) and d['total'] + $n_since == $all" true \
    "itemStartDate:[..from]: the rest"
fake_search "$Q&filter=itemStartDate:%5B2026-03-13T00:00:00.000Z..2026-03-13T12:00:00Z%5D" >/dev/null
json_is "$B" "len($I) > 0 and all('2026-03-13T00' <= i['itemOriginDate'] <= '2026-03-13T12' for i in $I)" true \
    "itemStartDate:[from..to] (milliseconds optional)"
fake_search "$Q&filter=itemStartDate:%5Byesterday%5D" >/dev/null
json_is "$B" '[d["total"], d["warnings"][0]["errorId"]]' "[$all, 12002]" "bad itemStartDate: 12002, ignored"

seller=$(fake_search "$Q" >/dev/null; json_get "$B" 'd["itemSummaries"][0]["seller"]["username"]')
fake_search "$Q&filter=excludeSellers:%7B$seller%7D" >/dev/null
json_is "$B" "all(i['seller']['username'] != '$seller' for i in $I) and d['total'] < $all" true \
    "excludeSellers drops that seller's listings"
fake_search "$Q&filter=sellers:%7B$seller%7D" >/dev/null
json_is "$B" "len($I) > 0 and all(i['seller']['username'] == '$seller' for i in $I)" true \
    "sellers keeps only that seller"

fake_search "$Q&filter=maxDeliveryCost:0,deliveryCountry:US" >/dev/null
json_is "$B" "len($I) > 0 and all(i['shippingOptions'][0]['shippingCostType'] == 'FIXED' and i['shippingOptions'][0]['shippingCost']['value'] == '0.00' for i in $I)" true \
    "maxDeliveryCost:0: free shipping only"
fake_search "$Q&filter=maxDeliveryCost:0" >/dev/null
json_is "$B" '[d["total"], d["warnings"][0]["errorId"]]' "[$all, 12011]" \
    "maxDeliveryCost without deliveryCountry: 12011, ignored"

fake_search "$Q&filter=conditionIds:%7B1234%7D,buyingOptions:%7BSWAP%7D,colour:red,nonsense" >/dev/null
json_is "$B" '[d["total"], [w["errorId"] for w in d["warnings"]], [w["parameters"][0]["name"] for w in d["warnings"]]]' \
    "[$all, [12002, 12002, 12002, 12002], [\"conditionIds\", \"buyingOptions\", \"colour\", \"nonsense\"]]" \
    "bad values and unknown filters: 200, one 12002 each, naming the filter, nothing filtered"

# Shapes the client must handle all appear with the default query.
fake_search "$Q&filter=buyingOptions:%7BFIXED_PRICE%7CAUCTION%7CBEST_OFFER%7D" >/dev/null
json_is "$B" "sorted(set(i['shippingOptions'][0]['shippingCostType'] + ('+' if 'shippingCost' in i['shippingOptions'][0] else '-') if 'shippingOptions' in i else 'none' for i in $I))" \
    '["CALCULATED+", "CALCULATED-", "FIXED+", "none"]' \
    "shipping: FIXED, CALCULATED with and without cost, none at all"
json_is "$B" "any(i['buyingOptions'] == ['FIXED_PRICE', 'AUCTION'] for i in $I) and any('BEST_OFFER' in i['buyingOptions'] for i in $I)" true \
    "Buy It Now auctions and best offers"
json_is "$B" "any('convertedFromCurrency' in i['price'] for i in $I if 'price' in i)" true \
    "cross-border listings with converted prices"
json_is "$B" "len(set(i['itemId'] for i in $I)) == len($I)" true "item ids unique on a page"
json_is "$B" "all(len(i['title']) <= 80 for i in $I)" true "titles at most 80 characters"

done_testing
