#!/bin/bash
# /api/v1 through nginx: every route with the session (and its CSRF
# header) and with a Bearer token made on /settings; a revoked token
# refused; another user's objects 404; malformed JSON and wrong types
# answered 400 naming the field; pagination with next; live search against
# the fake eBay; the OpenAPI document parses and lists exactly the routes
# cgi/api.c serves.
. "$top_srcdir/t/lib.sh"
. "$top_srcdir/t/lib-fake.sh"
. "$top_srcdir/t/lib-web.sh"
command -v python3 >/dev/null || skip_all "python3 not installed"
pg_start
migrate || bail "migrate failed"
fake_start --freeze-clock --client-id api-test-id --client-secret api-test-secret
export EBAY_CLIENT_ID=api-test-id EBAY_CLIENT_SECRET=api-test-secret
web_start
web_alice_and_bob
jget() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$T/body" "$1"; }
J='Content-Type: application/json'

# Signed out.
is "$(http GET /api/v1/searches)" 401 "no session, no token: 401"
like "$(cat "$T/headers")" 'WWW-Authenticate: Bearer' "asking for a Bearer token"
is "$(http GET /api/v1/searches -H 'Authorization: Bearer ebs_nonsense')" 401 "an unknown token: 401"

# Tokens from /settings.
tok=$(web_csrf alice)
is "$(as alice GET /settings)" 200 "GET /settings"
like "$(cat "$T/body")" '<a href="/settings" aria-current="page">Settings</a>' "the navigation links /settings, marked current"
unlike "$(cat "$T/body")" '<a href="/searches" aria-current' "and no other entry is current"
as alice GET /searches >/dev/null
like "$(cat "$T/body")" '<a href="/settings">Settings</a>' "other pages link /settings too"
like "$(cat "$T/body")" '<a href="/searches" aria-current="page">' "where their own entry is current"
is "$(as alice POST /settings/tokens --data-urlencode "csrf=$tok" -d name=script)" 201 "create a token"
TOKEN=$(grep -o '<code class="token">[^<]*' "$T/body" | sed 's/.*>//')
like "$TOKEN" '^ebs_[A-Za-z0-9_-]{43}$' "the token is shown once"
as alice GET /settings >/dev/null
unlike "$(cat "$T/body")" "$TOKEN" "and not again"
like "$(cat "$T/body")" "<code>${TOKEN:0:8}…</code>" "the list shows its prefix"
is "$(sql "select count(*) from api_tokens where token_hash = encode(sha256('$TOKEN'::bytea), 'hex')")" 1 "stored as its SHA-256 only"
A=(-H "Authorization: Bearer $TOKEN")

# /me: the session gets its CSRF token, a token does not need one.
is "$(as alice GET /api/v1/me)" 200 "GET /me with the session"
CSRF=$(jget 'd["csrf_token"]')
is "$CSRF" "$tok" "the session's CSRF token"
is "$(http GET /api/v1/me "${A[@]}")" 200 "GET /me with the token"
is "$(jget 'd["auth"]+" "+d["username"]')" "token alice" "who"
like "$(sql "select last_used_at is not null from api_tokens")" t "last use recorded"

# Create: with the session (CSRF header) and with the token.
body='{"name":"X220","q":"thinkpad x220","max_price":"300","condition":["used"],"format":["auction","buy_it_now"],"interval":30,"alerts":{"new_match":{"max_total":250},"price_range":{"max":"200.00","direction":"down"}}}'
is "$(as alice POST /api/v1/searches -H "$J" --data-binary "$body")" 403 "session without X-CSRF-Token: 403"
is "$(as alice POST /api/v1/searches -H "$J" -H "X-CSRF-Token: $CSRF" --data-binary "$body")" 201 "POST /searches with the session: 201"
S1=$(jget 'd["id"]')
like "$(cat "$T/headers")" "Location: /api/v1/searches/$S1" "Location"
is "$(jget 'd["max_price"]+" "+",".join(d["condition"])+" "+d["alerts"]["new_match"]["max_total"]+" "+d["alerts"]["price_range"]["max"]')" "300.00 used 250.00 200.00" "stored as typed"
is "$(http POST /api/v1/searches "${A[@]}" -H "$J" --data-binary '{"q":"leica m6","marketplace":"EBAY_DE","sort":"price"}')" 201 "POST /searches with the token: 201"
S2=$(jget 'd["id"]')
is "$(jget 'd["name"]+" "+d["marketplace"]+" "+d["sort"]')" "leica m6 EBAY_DE price" "name defaults to q"

# Read.
for who in session token; do
	if [ $who = session ]; then R=(-b "$T/jar.alice"); else R=("${A[@]}"); fi
	is "$(http GET /api/v1/searches "${R[@]}")" 200 "GET /searches ($who)"
	is "$(jget 'd["total"]')" 2 "two searches ($who)"
	is "$(http GET "/api/v1/searches/$S1" "${R[@]}")" 200 "GET /searches/id ($who)"
	is "$(jget 'd["name"]')" X220 "the search ($who)"
	is "$(http GET /api/v1/channels "${R[@]}")" 200 "GET /channels ($who)"
done
is "$(http GET '/api/v1/searches?limit=1' "${A[@]}")" 200 "a page of one"
is "$(jget 'len(d["items"])')" 1 "one item"
is "$(jget 'd["next"]')" "/api/v1/searches?limit=1&offset=1" "next link"
first=$(jget 'd["items"][0]["name"]')
is "$first" "leica m6" "the first by name"
is "$(http GET "$(jget 'd["next"]')" "${A[@]}")" 200 "following next"
is "$(jget 'str(len(d["items"]))+" "+str(d["next"])')" "1 None" "the last page"
is "$(jget 'd["items"][0]["name"]+" "+str(d["total"])')" "X220 2" "holds the other search, the total still 2"
is "$(http GET '/api/v1/searches?limit=2&offset=5' "${A[@]}")" 200 "a page past the end"
is "$(jget 'str(len(d["items"]))+" "+str(d["total"])+" "+str(d["next"])')" "0 2 None" "is empty, with the total"
is "$(http GET '/api/v1/searches?limit=0' "${A[@]}")" 400 "limit=0: 400"
is "$(jget 'd["error"]["field"]')" limit "naming limit"

# Change: PATCH keeps what it does not name; PUT replaces.
is "$(http PATCH "/api/v1/searches/$S1" "${A[@]}" -H "$J" --data-binary '{"interval":45,"exclude":["broken"]}')" 200 "PATCH with the token"
is "$(jget 'str(d["interval"])+" "+d["q"]+" "+",".join(d["exclude"])+" "+str("price_range" in d["alerts"])')" "45 thinkpad x220 broken True" "PATCH changed two members"
is "$(as alice PATCH "/api/v1/searches/$S1" -H "$J" --data-binary '{"interval":50}')" 403 "PATCH with the session but no CSRF: 403"
is "$(as alice PATCH "/api/v1/searches/$S1" -H "$J" -H "X-CSRF-Token: $CSRF" --data-binary '{"interval":50}')" 200 "PATCH with the session"
is "$(as alice PUT "/api/v1/searches/$S1" -H "$J" -H "X-CSRF-Token: $CSRF" --data-binary '{"name":"X220","q":"thinkpad x220"}')" 200 "PUT with the session"
is "$(jget 'str(d["interval"])+" "+str(d["alerts"])+" "+str(d["max_price"])')" "15 {} None" "PUT replaced the rest with defaults"
is "$(http PUT "/api/v1/searches/$S1" "${A[@]}" -H "$J" --data-binary '{"name":"X220","q":"thinkpad x220","max_price":"300"}')" 200 "PUT with the token"
is "$(as alice POST "/api/v1/searches/$S1/run" -H "X-CSRF-Token: $CSRF")" 202 "run soon with the session"
is "$(http POST "/api/v1/searches/$S2/run" "${A[@]}")" 202 "run soon with the token"

# Finds and items (stored straight into PostgreSQL), with their age.
web_seed "$S1" 7
sql "update listings set fetched_at = now() - interval '7 hours' where item_id = 'v1|100004|0'" >/dev/null
is "$(http GET "/api/v1/searches/$S1/finds?limit=5" "${A[@]}")" 200 "GET finds with the token"
is "$(jget 'str(d["total"])+" "+str(len(d["items"]))+" "+d["next"]')" "7 5 /api/v1/searches/$S1/finds?limit=5&offset=5" "a page of finds"
is "$(as alice GET "/api/v1/searches/$S1/finds?offset=5")" 200 "GET finds with the session"
is "$(jget 'len(d["items"])')" 2 "the rest"
is "$(http GET "/api/v1/items/v1%7C100004%7C0" "${A[@]}")" 200 "GET an item with the token"
is "$(jget 'str(d["stale"])+" "+str(d["age_seconds"] >= 7*3600)+" "+str(len(d["history"]))+" "+d["history"][0]["total"]')" "True True 4 114.50" "7 hours old, marked stale, with its history"
is "$(as alice GET "/api/v1/items/v1%7C100003%7C0")" 200 "GET an item with the session"
is "$(jget 'str(d["stale"])+" "+d["title"]')" "False x'); DROP TABLE users; --" "fresh, hostile title kept as data"
sql "delete from price_observations where item_id = 'v1|100003|0'" >/dev/null
is "$(as alice GET "/api/v1/items/v1%7C100003%7C0")" 200 "an item whose total never changed"
is "$(jget 'str(len(d["history"]))+" "+d["history"][0]["total"]+" "+d["history"][0]["observed_at"][:10]')" \
    "1 $(sql "select total from listings where item_id = 'v1|100003|0'") $(sql "select to_char(first_seen_at at time zone 'UTC', 'YYYY-MM-DD') from listings where item_id = 'v1|100003|0'")" \
    "  has one point of history: its first sight"
is "$(http GET "/api/v1/items/v1%7C999%7C0" "${A[@]}")" 404 "an unknown item: 404"

# Channels.
sql "insert into channels (user_id, name, kind, target, config) values (1, 'hook', 'webhook', 'https://hooks.example/secret-path-123456', '{}')" >/dev/null
C1=$(sql "select id from channels where user_id = 1")
is "$(http GET "/api/v1/channels/$C1" "${A[@]}")" 200 "GET a channel with the token"
is "$(jget 'd["name"]+" "+d["kind"]')" "hook webhook" "the channel"
unlike "$(cat "$T/body")" 'secret-path-123456' "its secret masked"
is "$(as alice GET "/api/v1/channels/$C1")" 200 "GET a channel with the session"
sql "insert into channels (user_id, name, kind, target, config) values (1, 'hook2', 'webhook', 'https://hooks.example/other', '{}'), (2, 'bobs', 'webhook', 'https://hooks.example/bob', '{}')" >/dev/null
is "$(http GET '/api/v1/channels?limit=1' "${A[@]}")" 200 "a page of one channel"
is "$(jget 'd["items"][0]["name"]+" "+str(d["total"])+" "+d["next"]')" "hook 2 /api/v1/channels?limit=1&offset=1" "the first, the total and next"
is "$(http GET '/api/v1/channels?limit=1&offset=1' "${A[@]}")" 200 "the second page"
is "$(jget 'd["items"][0]["name"]+" "+str(d["total"])+" "+str(d["next"])')" "hook2 2 None" "the other channel, the last page"
is "$(http GET '/api/v1/channels?offset=2' "${A[@]}")" 200 "a page past the end"
is "$(jget 'str(len(d["items"]))+" "+str(d["total"])')" "0 2" "is empty, with the total"
sql "delete from channels where name in ('hook2', 'bobs')" >/dev/null
is "$(http PATCH "/api/v1/searches/$S2" "${A[@]}" -H "$J" --data-binary "{\"channels\":[$C1]}")" 200 "link the channel"
is "$(jget 'd["channels"]')" "[$C1]" "linked"

# Live search through the fake eBay, counted as web.
is "$(http GET '/api/v1/search?q=thinkpad&per_page=3' "${A[@]}")" 200 "live search with the token"
is "$(jget 'str(len(d["items"]))+" "+str(d["from_cache"])')" "3 False" "three results from eBay"
is "$(as alice GET '/api/v1/search?q=thinkpad&per_page=3')" 200 "live search with the session"
is "$(jget 'd["from_cache"]')" True "the same search again: from the cache"
like "$(sql "select source || calls from ebay_calls")" '^web1$' "one Browse call, counted as web"
is "$(http GET '/api/v1/search?q=thinkpad&per_page=999' "${A[@]}")" 400 "bad per_page: 400"
is "$(jget 'd["error"]["field"]')" per_page "naming per_page"

# Bad input: 400 naming the field.
bad() {
	is "$(http POST /api/v1/searches "${A[@]}" -H "$J" --data-binary "$1")" 400 "$3: 400"
	is "$(jget 'd["error"]["field"]')" "$2" "$3: names $2"
}
bad '{"q": "x",' body "truncated JSON"
bad '{"q": "x"} extra' body "text after the JSON"
bad '[1,2]' body "not an object"
bad '{"q": 5}' q "a number for q"
bad '{"q": "x", "interval": "often"}' interval "a string for interval"
bad '{"q": "x", "condition": "used"}' condition "a string for a list"
bad '{"q": "x", "condition": ["mint"]}' condition "an unknown condition"
bad '{"q": "x", "free_shipping": "yes"}' free_shipping "a string for a boolean"
bad '{"q": "x", "max_price": true}' max_price "a boolean for money"
bad '{"q": "x", "min_price": "5", "max_price": "1"}' max_price "min above max"
bad '{"q": "x", "alerts": {"price_range": {"min": true}}}' alerts.price_range.min "a boolean in an alert"
bad '{"q": "x", "alerts": {"auction_ending": {"window_minutes": 0}}}' alerts.auction_ending.window_minutes "a zero window"
bad '{"q": "x", "colour": "red"}' colour "an unknown member"
bad '{"name": "no query"}' q "neither q nor category"
bad '{"q": "x", "channels": ["hook"]}' channels "a name for a channel id"
is "$(http POST /api/v1/searches "${A[@]}" -H 'Content-Type: text/plain' --data-binary '{"q":"x"}')" 415 "not JSON: 415"
is "$(http PATCH "/api/v1/searches/$S1" "${A[@]}" -H "$J" --data-binary '{"sort":"cheapest"}')" 400 "PATCH with a bad sort: 400"
is "$(jget 'd["error"]["field"]')" sort "naming sort"

# Another user's objects: 404, and bob's own list is empty.
B=(-b "$T/jar.bob")
BCSRF=$(web_csrf bob)
is "$(http GET /api/v1/searches "${B[@]}")" 200 "bob's list"
is "$(jget 'd["total"]')" 0 "is empty"
is "$(http GET "/api/v1/searches/$S1" "${B[@]}")" 404 "bob GET alice's search: 404"
is "$(http PATCH "/api/v1/searches/$S1" "${B[@]}" -H "$J" -H "X-CSRF-Token: $BCSRF" --data-binary '{"interval":5}')" 404 "bob PATCH: 404"
is "$(http PUT "/api/v1/searches/$S1" "${B[@]}" -H "$J" -H "X-CSRF-Token: $BCSRF" --data-binary '{"q":"x"}')" 404 "bob PUT: 404"
is "$(http DELETE "/api/v1/searches/$S1" "${B[@]}" -H "X-CSRF-Token: $BCSRF")" 404 "bob DELETE: 404"
is "$(http POST "/api/v1/searches/$S1/run" "${B[@]}" -H "X-CSRF-Token: $BCSRF")" 404 "bob run: 404"
is "$(http GET "/api/v1/searches/$S1/finds" "${B[@]}")" 404 "bob finds: 404"
is "$(http GET "/api/v1/items/v1%7C100003%7C0" "${B[@]}")" 404 "bob item: 404"
is "$(http GET "/api/v1/channels/$C1" "${B[@]}")" 404 "bob channel: 404"
is "$(http POST /api/v1/searches "${B[@]}" -H "$J" -H "X-CSRF-Token: $BCSRF" --data-binary "{\"q\":\"x\",\"channels\":[$C1]}")" 400 "bob linking alice's channel: 400"
is "$(jget 'd["error"]["field"]')" channels "naming channels"
is "$(sql "select interval_minutes from saved_searches where id = $S1")" 15 "alice's search untouched"

# Delete, with each.
is "$(as alice DELETE "/api/v1/searches/$S2" -H "X-CSRF-Token: $CSRF")" 204 "DELETE with the session"
is "$(http DELETE "/api/v1/searches/$S1" "${A[@]}")" 204 "DELETE with the token"
is "$(http GET "/api/v1/searches/$S1" "${A[@]}")" 404 "gone"

# Revoke: the token stops working at once.
tid=$(sql "select id from api_tokens where user_id = 1")
is "$(as alice POST "/settings/tokens/$tid/revoke" --data-urlencode "csrf=$tok")" 303 "revoke the token"
is "$(http GET /api/v1/searches "${A[@]}")" 401 "a revoked token: 401"
as alice GET /settings >/dev/null
like "$(cat "$T/body")" 'revoked [0-9]{4}-' "the list says revoked"
is "$(as bob POST "/settings/tokens/$tid/revoke" --data-urlencode "csrf=$BCSRF")" 404 "bob cannot revoke alice's token"

# The OpenAPI document: parses, and lists exactly the routes of cgi/api.c.
is "$(http GET /api/v1/openapi.json)" 200 "GET /api/v1/openapi.json (public)"
cp "$T/body" "$T/openapi.json"
python3 - "$T/openapi.json" "$top_srcdir/cgi/api.c" <<'PY'
import json, re, sys
doc = json.load(open(sys.argv[1]))
assert doc["openapi"].startswith("3."), "not OpenAPI 3"
documented = {(p, m.upper()) for p, ops in doc["paths"].items()
              for m in ops if m in ("get", "put", "post", "patch", "delete")}
src = open(sys.argv[2]).read()
table = src[src.index("api_routes[] = {"):]
served = set()
for path, methods in re.findall(r'\{ "(/api/v1[^"]*)",\s*((?:METHOD_[A-Z]+\s*\|?\s*)+),', table):
    for m in re.findall(r'METHOD_([A-Z]+)', methods):
        served.add((path, m))
missing, extra = served - documented, documented - served
if missing or extra or not served:
    print("# undocumented:", sorted(missing), "documented but not served:", sorted(extra))
    sys.exit(1)
PY
ok $? "every route is documented, and nothing else"
# Every documented path reaches the API program through nginx (JSON).
while read -r m p; do
	p=${p//\{id\}/999999}; p=${p//\{item_id\}/v1%7C1%7C0}
	code=$(http "$m" "$p" "${B[@]}")
	like "$(cat "$T/headers")" 'Content-Type: application/json' "$m $p answered by the API program ($code)"
done < <(python3 -c 'import json,sys; [print("GET" if "get" in o else [k for k in o if k != "parameters"][0].upper(), p) for p, o in json.load(open(sys.argv[1]))["paths"].items()]' "$T/openapi.json")
done_testing
