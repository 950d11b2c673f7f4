#!/bin/bash
# The fake eBay: the token endpoint (Basic check, OAuth-shaped errors), the
# Bearer check, marketplaces, determinism, and the control API basics.
. "$top_srcdir/t/lib.sh"
. "$top_srcdir/t/lib-fake.sh"

fake_start --clock 1773500000 --freeze-clock
B=$T/fake.body

# --- token -----------------------------------------------------------------

tok() {
	curl -s -o "$B" -w '%{http_code}' --max-time 10 "$@" "$FAKE_URL/identity/v1/oauth2/token"
}
form=(-H 'Content-Type: application/x-www-form-urlencoded')
scope='scope=https%3A%2F%2Fapi.ebay.com%2Foauth%2Fapi_scope'

is "$(tok -u demo-client:demo-secret "${form[@]}" --data "grant_type=client_credentials&$scope")" 200 \
    "token: demo keyset accepted"
json_valid "$B" "token: JSON"
json_is "$B" 'd["expires_in"]' 7200 "token: expires_in is the integer 7200"
json_is "$B" 'd["token_type"]' "Application Access Token" "token: token_type"
json_is "$B" 'len(d["access_token"]) > 1500 and all(c in d["access_token"] for c in "^#/+=")' true \
    "token: long, with ^ # / + ="
is "$(tok -u demo-client:wrong "${form[@]}" --data "grant_type=client_credentials")" 401 \
    "token: wrong secret is 401"
json_is "$B" 'd["error"]' invalid_client "token: invalid_client (OAuth-shaped)"
json_is "$B" '"errors" in d' false "token: no errors[] envelope"
is "$(tok -u nobody:demo-secret "${form[@]}" --data "grant_type=client_credentials")" 401 \
    "token: wrong client id is 401"
is "$(tok "${form[@]}" --data "grant_type=client_credentials")" 401 "token: no Basic auth is 401"
is "$(tok -H 'Authorization: Basic !!!!' "${form[@]}" --data "grant_type=client_credentials")" 401 \
    "token: garbage Basic auth is 401"
is "$(tok -u demo-client:demo-secret "${form[@]}" --data "grant_type=password")" 400 \
    "token: wrong grant is 400"
json_is "$B" 'd["error"]' unsupported_grant_type "token: unsupported_grant_type"
is "$(tok -u demo-client:demo-secret "${form[@]}" --data "$scope")" 400 "token: no grant_type is 400"
json_is "$B" 'd["error"]' invalid_request "token: invalid_request"
is "$(tok -u demo-client:demo-secret "${form[@]}" --data "grant_type=client_credentials&scope=https%3A%2F%2Fevil.example%2Fscope")" 400 \
    "token: bad scope is 400"
json_is "$B" 'd["error"]' invalid_scope "token: invalid_scope"
is "$(tok -u demo-client:demo-secret -X GET)" 405 "token: GET is 405"

# Custom credentials on a second server.
fake_start --client-id my-app --client-secret 's3cr:t' --clock 1773500000 --freeze-clock
is "$(tok -u 'my-app:s3cr:t' "${form[@]}" --data "grant_type=client_credentials")" 200 \
    "--client-id/--client-secret: accepted (a colon in the secret too)"
is "$(tok -u demo-client:demo-secret "${form[@]}" --data "grant_type=client_credentials")" 401 \
    "--client-id/--client-secret: the demo keyset is refused"
fake_stop "$FAKE_PID"
fake_start --clock 1773500000 --freeze-clock

# --- Bearer ----------------------------------------------------------------

is "$(fake_search 'q=thinkpad')" 400 "search: no token is 400"
json_is "$B" 'd["errors"][0]["errorId"]' 1002 "search: errorId 1002"
FAKE_TOKEN=bogus
is "$(fake_search 'q=thinkpad')" 401 "search: unknown token is 401"
json_is "$B" 'd["errors"][0]["errorId"]' 1001 "search: errorId 1001"
json_is "$B" 'd["errors"][0]["domain"]' OAuth "search: domain OAuth"
fake_token
ok $? "fake_token mints a token"
is "$(fake_search 'q=thinkpad')" 200 "search: valid token is 200"

# Expiry on the fake clock.
fake_ctl POST '/__fake/config?token_ttl=60' >/dev/null
fake_token
is "$(fake_search 'q=thinkpad&limit=1')" 200 "short-lived token works"
fake_ctl POST '/__fake/clock?advance=61' >/dev/null
is "$(fake_search 'q=thinkpad&limit=1')" 401 "it is refused once the clock passes its expiry"
fake_ctl POST '/__fake/config?token_ttl=7200' >/dev/null
fake_token
json_is "$B" 'd["errors"][0]["errorId"]' 1001 "expired: errorId 1001"

# --- search: shape, marketplace, determinism ---------------------------------

is "$(fake_search 'q=thinkpad%20x220&limit=10')" 200 "search thinkpad x220"
cp "$B" "$T/first.json"
json_valid "$B" "search: JSON"
json_is "$B" '[d["limit"], d["offset"], isinstance(d["total"], int)]' '[10, 0, true]' \
    "search: limit and offset echoed, total an integer"
json_is "$B" 'len(d["itemSummaries"])' 10 "search: a full page"
json_is "$B" 'all("thinkpad x220" in i["title"].lower() for i in d["itemSummaries"])' true \
    "search: every title has the query's words"
json_is "$B" 'all(isinstance(i["price"]["value"], str) for i in d["itemSummaries"] if "price" in i)' true \
    "search: money as strings"
json_is "$B" 'all(isinstance(i["conditionId"], str) and isinstance(i["seller"]["feedbackScore"], int) and isinstance(i["seller"]["feedbackPercentage"], str) for i in d["itemSummaries"])' true \
    "search: conditionId and feedbackPercentage strings, feedbackScore integer"
json_is "$B" 'all(i["price"]["currency"] == "USD" and i["listingMarketplaceId"] == "EBAY_US" for i in d["itemSummaries"])' true \
    "search: no marketplace header means EBAY_US"
json_is "$B" 'all(i["itemWebUrl"].startswith("https://www.ebay.com/itm/") and i["image"]["imageUrl"].startswith("https://i.ebayimg.com/") for i in d["itemSummaries"])' true \
    "search: eBay item and image URLs"
json_is "$B" 'any("itemAffiliateWebUrl" in i for i in d["itemSummaries"])' false \
    "search: no affiliate URL without the end-user context"
json_is "$B" 'd["next"].startswith("'"$FAKE_URL"'/buy/browse/v1/item_summary/search?") and "offset=10" in d["next"]' true \
    "search: next leads back to the fake"
json_is "$B" '"prev" in d' false "search: no prev on the first page"

fake_search 'q=thinkpad%20x220&limit=10' >/dev/null
cmp -s "$B" "$T/first.json"
ok $? "determinism: the same query twice gives the same JSON"
fake_search 'q=thinkpad%20x220&limit=10' -H 'X-EBAY-C-MARKETPLACE-ID: EBAY_NOPE' >/dev/null
cmp -s "$B" "$T/first.json"
ok $? "an invalid marketplace silently means EBAY_US"

is "$(fake_search 'q=thinkpad&limit=5' -H 'X-EBAY-C-MARKETPLACE-ID: EBAY_GB')" 200 "search on EBAY_GB"
json_is "$B" 'all(i["price"]["currency"] == "GBP" and i["listingMarketplaceId"] == "EBAY_GB" and i["itemWebUrl"].startswith("https://www.ebay.co.uk/itm/") for i in d["itemSummaries"])' true \
    "EBAY_GB: GBP, listingMarketplaceId, ebay.co.uk"
fake_search 'q=thinkpad&limit=5' -H 'X-EBAY-C-MARKETPLACE-ID: EBAY_DE' >/dev/null
json_is "$B" 'all(i["price"]["currency"] == "EUR" for i in d["itemSummaries"])' true "EBAY_DE: EUR"

fake_search 'q=thinkpad&limit=5' -H 'X-EBAY-C-ENDUSERCTX: affiliateCampaignId=5339000000,affiliateReferenceId=scanner%20test' >/dev/null
json_is "$B" 'all("campid=5339000000" in i["itemAffiliateWebUrl"] and "customid=scanner%20test" in i["itemAffiliateWebUrl"] for i in d["itemSummaries"])' true \
    "affiliate context: itemAffiliateWebUrl with campid and customid"

is "$(fake_search 'q=thinkpad%20xyzzy&limit=10')" 200 "a query that matches nothing"
json_is "$B" '[d["total"], "itemSummaries" in d, "next" in d]' '[0, false, false]' \
    "total 0: no itemSummaries key, no next"
is "$(fake_search 'limit=10')" 400 "no q and no category: 400"
json_is "$B" 'd["errors"][0]["errorId"]' 12001 "errorId 12001"
is "$(fake_search 'category_ids=177&limit=3')" 200 "category alone is enough"
json_is "$B" 'all(i["categories"][0]["categoryId"] == "177" for i in d["itemSummaries"])' true \
    "category 177: every listing in it"
is "$(fake_search 'q=x&category_ids=177,9355')" 400 "two categories: 400"
json_is "$B" 'd["errors"][0]["errorId"]' 12030 "errorId 12030"

# --- control API, stats, unknown routes ---------------------------------------

fake_ctl POST /__fake/reset >/dev/null
fake_token
fake_search 'q=a' >/dev/null
fake_search 'q=b' -H 'X-EBAY-C-MARKETPLACE-ID: EBAY_GB' >/dev/null
fake_stats >"$B"
json_valid "$B" "stats: JSON"
json_is "$B" '[d["token_calls"], d["search_calls"], d["search_by_marketplace"]]' \
    '[1, 2, {"EBAY_GB": 1, "EBAY_US": 1}]' "stats: token and search calls, per marketplace"
fake_ctl GET /__fake/clock >"$B"
json_is "$B" '[d["now"], d["frozen"]]' '[1773500061, true]' "clock: frozen at the value set"
fake_ctl POST '/__fake/clock?set=1773600000' >"$B"
json_is "$B" 'd["now"]' 1773600000 "clock: set"
is "$(curl -s -o /dev/null -w '%{http_code}' -X POST "$FAKE_URL/__fake/clock?advance=x")" 400 \
    "clock: a bad value is 400"
is "$(curl -s -o /dev/null -w '%{http_code}' "$FAKE_URL/__fake/nope")" 404 "control: unknown endpoint 404"
is "$(curl -s -o /dev/null -w '%{http_code}' "$FAKE_URL/buy/browse/v1/nope")" 404 "unknown route 404"
is "$(curl -s -o /dev/null -w '%{http_code}' -X POST "$FAKE_URL/__fake/stats")" 405 "control: wrong method 405"

# --- command line ------------------------------------------------------------

"$FAKE_EBAY" --help | grep -q -- --max-seconds
ok $? "--help describes the options"
"$FAKE_EBAY" --bogus >/dev/null 2>&1
is $? 2 "an unknown option exits 2"
"$FAKE_EBAY" --listen nowhere >/dev/null 2>"$T/err"
is $? 2 "a bad --listen exits 2"
like "$(cat "$T/err")" "listen" "and names the option"
"$FAKE_EBAY" --fault nosuch >/dev/null 2>"$T/err"
is $? 2 "an unknown fault kind exits 2"

# --max-seconds: exits by itself; SIGTERM stops it.
port=$(free_port)
"$FAKE_EBAY" --listen "127.0.0.1:$port" --max-seconds 1 >/dev/null 2>&1 &
pid=$!
at_exit "kill -KILL $pid"
wait_for 10 eval "! kill -0 $pid"
ok $? "--max-seconds 1: exits by itself"
fake_start
kill -TERM "$FAKE_PID"
wait_for 10 eval "! kill -0 $FAKE_PID"
ok $? "SIGTERM: exits promptly"
[ ! -e "$T/fake$FAKE_N/pid" ]
ok $? "and removes its pid file"

done_testing
