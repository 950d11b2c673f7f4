#!/bin/bash
# The fake eBay's hostile data (--hostile or /__fake/hostile): every kind
# the fixtures README lists appears, the JSON still parses, and the data
# still matches the filters.
. "$top_srcdir/t/lib.sh"
. "$top_srcdir/t/lib-fake.sh"
have_python || skip_all "python3 needed to inspect the JSON"

fake_start --clock 1773500000 --freeze-clock --hostile
fake_token || bail "no token"
B=$T/fake.body
Q='q=thinkpad&limit=200&filter=buyingOptions:%7BFIXED_PRICE%7CAUCTION%7D'
I='d["itemSummaries"]'

is "$(fake_search "$Q")" 200 "hostile search: 200"
json_valid "$B" "hostile JSON parses"
has() { json_is "$B" "any($1 for i in $I)" true "$2"; }
has '"<script>" in i["title"]' "markup in titles"
has '"<img src=x onerror=" in i["title"] and "</textarea>" in i["title"] and "&amp;" in i["title"]' \
    "<img onerror>, </textarea>, &amp; in titles"
has '"<script>" in i["seller"]["username"]' "markup in usernames"
has '"\"><svg onload=" in i.get("itemWebUrl", "")' "'\"><svg onload=...> inside itemWebUrl"
has '"\u202e" in i["title"] and "\t" in i["title"] and "\n" in i["title"]' "U+202E, tab and newline in titles"
has 'len(i["title"]) >= 300 and "\u200d" in i["title"]' "300-code-point titles with ZWJ"
has '"\u0000" in i["title"]' "NUL characters in titles"
has '"\u0000" in (i["seller"]["username"] or "")' "NUL characters in usernames"
has '"categories" in i and i["categories"] is None and i["image"] is None and i["seller"]["feedbackPercentage"] is None' \
    "explicit nulls"
has '"AUCTION" in i["buyingOptions"] and "price" not in i and "currentBidPrice" in i' "auctions without price"
has 'sorted(i) == ["itemId", "itemLocation", "itemWebUrl", "price", "title"] and list(i["itemLocation"]) == ["country"]' \
    "minimal items"
has 'i.get("price", {}).get("value") == "1234567.89" and i["seller"]["feedbackScore"] < 0' \
    "a huge price and a negative feedback score"
json_is "$B" "len(set(i['itemId'] for i in $I)) < len($I) and $I[0]['itemId'] == $I[-1]['itemId']" true \
    "the same itemId twice on a page"
json_is "$B" "0.15 < sum(1 for i in $I if i['title'] != i['title'].encode('ascii', 'ignore').decode() or '<' in i['title'] or 'itemId' in i and sorted(i) == ['itemId', 'itemLocation', 'itemWebUrl', 'price', 'title'] or i.get('categories', 1) is None or 'price' not in i or i.get('price', {}).get('value') == '1234567.89') / len($I) < 0.4" true \
    "about a quarter of the listings are hostile"

# Still filtered: a price filter keeps the huge price out.
fake_search "q=thinkpad&limit=200&filter=price:%5B..1000%5D,priceCurrency:USD" >/dev/null
json_is "$B" "all(float(i['price']['value']) <= 1000 for i in $I if i.get('price'))" true \
    "filters still apply to hostile listings"

# Turned off at run time: no markup, no duplicates.
fake_ctl POST '/__fake/hostile?on=0' >/dev/null
fake_search "$Q" >/dev/null
json_is "$B" "any('<' in i['title'] or '\u0000' in i['title'] for i in $I) or len(set(i['itemId'] for i in $I)) < len($I)" false \
    "hostile off: clean data"
fake_ctl POST '/__fake/hostile?on=1' >/dev/null
fake_search "$Q" >/dev/null
json_is "$B" "any('<script>' in i['title'] for i in $I)" true "hostile on again at run time"
is "$(fake_ctl POST '/__fake/hostile?on=maybe' -o /dev/null -w '%{http_code}')" 400 "hostile: a bad value is 400"

# Hostile requests to the fake itself: it answers, never crashes.
long=$(head -c 5000 /dev/zero | tr '\0' a)
is "$(fake_search "q=$long&limit=1")" 200 "a 5000-character q is cut, not refused"
json_is "$B" "len($I[0]['title']) >= 100" true "and the listing still carries the (cut) words"
is "$(fake_search 'q=%E2%82%AC%00%ff%fe&limit=5')" 200 "NUL and invalid UTF-8 in q"
is "$(fake_search 'q=a&filter=%5B%5B%5B%7B%7B,,,::price:%5B..%5D')" 200 "a garbage filter: 200"
json_is "$B" 'all(w["errorId"] == 12002 for w in d["warnings"])' true "with 12002 warnings"
is "$(fake_search 'q=a&filter=price:%5B5..1%5D,priceCurrency:USD')" 200 "an inverted price range"
json_is "$B" 'd["warnings"][0]["errorId"]' 12002 "is a bad value"
is "$(fake_search 'q=a&limit=99999999999999999999999')" 400 "an overflowing limit: 400"
is "$(fake_search 'q=a&offset=99999999999999999999999')" 400 "an overflowing offset: 400"
is "$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -u demo-client:demo-secret \
    -H 'Content-Type: application/x-www-form-urlencoded' --data-binary @<(head -c 100000 /dev/zero | tr '\0' a) \
    "$FAKE_URL/identity/v1/oauth2/token")" 413 "a 100 KB token body: 413"
is "$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H 'Authorization: Basic '"$long" \
    "$FAKE_URL/identity/v1/oauth2/token" -d grant_type=client_credentials)" 401 "a 5000-byte Basic header: 401"
is "$(curl -s -o "$B" -w '%{http_code}' --max-time 10 -H "Host: <script>" \
    -H "Authorization: Bearer $FAKE_TOKEN" "$FAKE_URL/buy/browse/v1/item_summary/search?q=a&limit=2")" 200 \
    "a hostile Host header: still answered"
json_is "$B" '"<" in d["href"] or "<" in d.get("next", "")' false "and not echoed into href or next"
kill -0 "$FAKE_PID"
ok $? "the fake is still running"

done_testing
