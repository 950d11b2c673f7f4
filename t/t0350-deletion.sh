#!/bin/bash
# /ebay/account-deletion: 404 without configuration; the GET challenge hash
# for a known code, token and endpoint (computed here with sha256sum);
# X-EBAY-SIGNATURE checked against the fake eBay's notification key
# (missing, garbage, tampered, unknown kid, another key: 412; the key
# service failing: 503; nothing recorded or deleted then; the key fetched
# once and cached); a signed notification recorded and that seller's
# listings deleted with their hits, observations and events, the seller
# scrubbed from alert payloads and the search cache, and nothing else;
# bad shapes answered 400 naming the field.
. "$top_srcdir/t/lib.sh"
. "$top_srcdir/t/lib-fake.sh"
pg_start
migrate || bail "migrate failed"

# Without EBAY_VERIFICATION_TOKEN the endpoint does not exist (plain CGI).
code=$(env -u EBAY_VERIFICATION_TOKEN -u EBAY_DELETION_ENDPOINT \
    REQUEST_METHOD=GET DOCUMENT_URI=/ebay/account-deletion \
    QUERY_STRING=challenge_code=abc "$top_builddir/cgi/deletion" </dev/null |
    sed -n 's/^Status: \([0-9]*\).*/\1/p')
is "$code" 404 "unconfigured: 404"

export EBAY_VERIFICATION_TOKEN=Verify_token-0123456789abcdefghijKLMN
export EBAY_DELETION_ENDPOINT=https://scanner.example.org/ebay/account-deletion
fake_start		# demo mode: the keyset, and the keys, are the fake's
web_start

challenge='a8628072-3d33-45ee-9004-bee86830a22d'
want=$(printf '%s' "$challenge$EBAY_VERIFICATION_TOKEN$EBAY_DELETION_ENDPOINT" |
    sha256sum | cut -d' ' -f1)
is "$(http GET "/ebay/account-deletion?challenge_code=$challenge")" 200 "challenge: 200"
is "$(cat "$T/body")" "{\"challengeResponse\":\"$want\"}" "challenge: the SHA-256 of code + token + endpoint"
like "$(cat "$T/headers")" "Content-Type: application/json" "challenge: JSON"
is "$(http GET /ebay/account-deletion)" 400 "no challenge_code: 400"
like "$(cat "$T/body")" '"field":"challenge_code"' "naming the field"
is "$(http PUT /ebay/account-deletion)" 405 "PUT: 405"

# Two sellers' listings, found by one user's search, with history.
sql "insert into users (username, password_hash) values ('u1', 'x')" >/dev/null
sql "insert into saved_searches (user_id, name, q) values (1, 'cams', 'leica')" >/dev/null
for it in v1\|100\|0:alice_seller v1\|101\|0:Alice_Seller v1\|200\|0:bob_seller v1\|201\|0:alice_seller2; do
	id=${it%%:*} seller=${it#*:}
	sql "insert into listings (item_id, title, seller_username, price, price_currency)
	     values ('$id', 'Leica M6', '$seller', 100, 'USD')" >/dev/null
	sql "insert into search_hits (search_id, item_id) values (1, '$id')" >/dev/null
	sql "insert into price_observations (item_id, price, total, currency) values ('$id', 100, 100, 'USD')" >/dev/null
	sql "insert into listing_events (item_id, search_id, kind) values ('$id', 1, 'new')" >/dev/null
done

# Alerts frozen with the sellers' names, a pending outbox row, and live
# search pages cached with them.
sql "insert into channels (user_id, name, kind, target) values (1, 'hook', 'webhook', 'http://127.0.0.1:9/')" >/dev/null
alert() {	# item (or null) seller event_key
	sql "insert into alerts (user_id, item_id, kind, event_key, payload)
	     values (1, $1, 'new_match', '$3', jsonb_build_object('title', 'Leica M6',
	     'total', '100.00', 'currency', 'USD', 'seller', '$2'))" >/dev/null
}
alert "'v1|100|0'" alice_seller a1		# about alice's listing
alert "'v1|101|0'" alice_old_name a2		# her listing, an older name
alert null ALICE_SELLER a3			# its listing long pruned
alert "'v1|200|0'" bob_seller b1
sql "insert into outbox (alert_id, channel_id) values (1, 1)" >/dev/null
sql "insert into search_cache (cache_key, body) values
     ('k-alice', '{\"items\":[{\"item_id\":\"v1|100|0\",\"seller\":\"Alice_Seller\"}],\"total\":1}'),
     ('k-bob', '{\"items\":[{\"item_id\":\"v1|200|0\",\"seller\":\"bob_seller\"}],\"total\":1}'),
     ('k-odd', '{\"items\":\"not an array\"}')" >/dev/null

# signed QUERY: a notification signed by the fake (its control API) into
# $T/n.body and $T/n.sig.  sign FILE [signer]: any body, signed.
signed() {
	curl -s -S -X POST -D "$T/n.hdr" -o "$T/n.body" --max-time 10 \
	    "$FAKE_URL/__fake/notification?$1" || bail "fake: no notification"
	sed -n 's/^X-EBAY-SIGNATURE: *//Ip' "$T/n.hdr" | tr -d '\r' >"$T/n.sig"
}
sign() {
	curl -s -S -X POST -D "$T/n.hdr" -o "$T/n.body" --max-time 10 \
	    --data-binary "@$1" "$FAKE_URL/__fake/sign?signer=${2:-ebay}" ||
	    bail "fake: nothing signed"
	sed -n 's/^X-EBAY-SIGNATURE: *//Ip' "$T/n.hdr" | tr -d '\r' >"$T/n.sig"
}
# post [SIGNATURE]: POST $T/n.body with that header (default $T/n.sig).
post() {
	http POST /ebay/account-deletion -H 'Content-Type: application/json' \
	    -H "X-EBAY-SIGNATURE: ${1-$(cat "$T/n.sig")}" --data-binary "@$T/n.body"
}
stat() {	# a counter of the fake
	fake_stats | sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p"
}
b64() { printf '%s' "$1" | base64 -w0; }
nothing_done() {	# name: nothing recorded, nothing deleted
	is "$(sql "select count(*) from ebay_deletions")" 0 "$1: nothing recorded"
	is "$(sql "select count(*) from listings")" 4 "$1: nothing deleted"
}

signed 'username=alice_seller&user_id=immutable-1&notification_id=n-1'
[ -s "$T/n.sig" ] || bail "the fake sent no X-EBAY-SIGNATURE"
kid=$(base64 -d <"$T/n.sig" | sed -n 's/.*"kid":"\([^"]*\)".*/\1/p')
sigb64=$(base64 -d <"$T/n.sig" | sed -n 's/.*"signature":"\([^"]*\)".*/\1/p')
like "$kid" '^[0-9a-f-]+$' "the fake's header names a kid"

# Refused before any key is fetched: no header, and garbage ones.
is "$(http POST /ebay/account-deletion -H 'Content-Type: application/json' \
    --data-binary "@$T/n.body")" 412 "no X-EBAY-SIGNATURE: 412"
like "$(cat "$T/body")" '"field":"X-EBAY-SIGNATURE"' "naming the header"
n=0
for h in 'e30=' '!!!not base64!!!' "$(b64 'not json')" "$(b64 '[1,2]')" \
    "$(b64 "{\"signature\":\"$sigb64\"}")" \
    "$(b64 "{\"kid\":\"../../identity\",\"signature\":\"$sigb64\"}")" \
    "$(b64 "{\"kid\":\"$kid\",\"signature\":\"*\"}")" \
    "$(b64 "{\"kid\":\"$kid\",\"signature\":\"$sigb64\",\"alg\":\"rsa\"}")" \
    "$(b64 "{\"kid\":\"$kid\",\"signature\":\"$sigb64\",\"digest\":\"MD5\"}")" \
    "$(head -c 5000 /dev/zero | tr '\0' A)"; do
	n=$((n + 1))
	is "$(post "$h")" 412 "garbage header $n: 412"
done
is "$(stat key_calls)" 0 "no key fetched for a malformed header"
nothing_done "garbage headers"

# The key service failing (every attempt a 500): 503, eBay sends it again.
fake_ctl POST '/__fake/fault?kind=500&on=public_key' >/dev/null
is "$(post)" 503 "key fetch failing: 503"
like "$(cat "$T/headers")" "Retry-After:" "with Retry-After"
nothing_done "key fetch failing"
fake_ctl POST /__fake/reset >/dev/null		# also forgets the token

# A key answer that is not JSON, or cut in half: eBay's fault, not the
# notification's: 503 so that eBay sends it again; not cached.
fake_ctl POST '/__fake/fault?kind=malformed&count=1&on=public_key' >/dev/null
fake_ctl POST '/__fake/fault?kind=truncate&count=1&on=public_key' >/dev/null
is "$(post)" 503 "a key answer that is not JSON: 503"
like "$(cat "$T/headers")" "Retry-After:" "with Retry-After"
is "$(post)" 503 "a key answer cut in half: 503"
is "$(sql "select count(*) from ebay_notification_keys")" 0 "neither is cached"
nothing_done "unusable keys"
fake_ctl POST /__fake/reset >/dev/null
is "$(stat key_calls)" 0 "counters zeroed"

# A body changed after signing, a signature by another key, a garbage DER.
sed 's/alice_seller/bob_seller/' "$T/n.body" >"$T/tampered"
cp "$T/n.sig" "$T/good.sig"; cp "$T/n.body" "$T/good.body"
cp "$T/tampered" "$T/n.body"
is "$(post)" 412 "tampered body: 412"
like "$(cat "$T/body")" "does not match" "the signature does not match"
signed 'username=alice_seller&user_id=immutable-1&notification_id=n-1&signer=other'
is "$(post)" 412 "signed by another key: 412"
is "$(post "$(b64 "{\"kid\":\"$kid\",\"signature\":\"MEUCIQ==\",\"digest\":\"SHA1\"}")")" 412 \
    "a signature that is not DER: 412"
# (key_ok: keys served; a call refused for the token the reset revoked
# is counted in key_calls only.)
is "$(stat key_ok)" 1 "the key was fetched once, then cached"
is "$(stat tokens_active)" 1 "with a token minted again after the reset"
# An unknown kid: eBay's 404 is remembered too.
other_kid=00000000-0000-0000-0000-000000000000
h=$(b64 "$(base64 -d <"$T/good.sig" | sed "s/$kid/$other_kid/")")
cp "$T/good.body" "$T/n.body"
is "$(post "$h")" 412 "unknown kid: 412"
like "$(cat "$T/body")" "does not know the key" "saying so"
is "$(post "$h")" 412 "unknown kid again: 412"
is "$(stat key_unknown)" 1 "an unknown kid is asked about once"
nothing_done "bad signatures"

# Signed by eBay's key: accepted, and that seller's data goes.
cp "$T/good.sig" "$T/n.sig"
is "$(post)" 204 "signed notification: 204"
is "$(stat key_ok)" 1 "the cached key served it"
is "$(sql "select string_agg(item_id, ',' order by item_id) from listings")" \
    "v1|200|0,v1|201|0" "alice_seller's listings deleted (any case), the others kept"
is "$(sql "select count(*) from search_hits")" 2 "their hits went with them"
is "$(sql "select count(*) from price_observations")" 2 "their observations too"
is "$(sql "select count(*) from listing_events")" 2 "their events too"
is "$(sql "select count(*) from saved_searches")" 1 "the user's search is untouched"
is "$(sql "select count(*) from users")" 1 "the user is untouched"
is "$(sql "select username || ' ' || user_id || ' ' || (processed_at is not null) from ebay_deletions")" \
    "alice_seller immutable-1 true" "the receipt is recorded and processed"
is "$(sql "select string_agg(event_key || ':' || coalesce(payload->>'seller', '-'), ',' order by event_key) from alerts")" \
    "a1:-,a2:-,a3:-,b1:bob_seller" "alerts keep no trace of the seller, bob's keeps his"
is "$(sql "select count(*) from alerts where payload::text ilike '%alice%'")" 0 "no payload names her"
is "$(sql "select payload->>'title' || ' ' || (payload->>'total') from alerts where event_key = 'a1'")" \
    "Leica M6 100.00" "the rest of the payload stays"
is "$(sql "select state from outbox")" pending "the outbox row stays (it holds no copy)"
is "$(sql "select string_agg(cache_key, ',' order by cache_key) from search_cache")" \
    "k-bob,k-odd" "cached search pages showing her are gone"

cp "$T/good.sig" "$T/n.sig"; cp "$T/good.body" "$T/n.body"
is "$(post)" 204 "a retry: 204"
is "$(sql "select count(*) from ebay_deletions")" 1 "recorded once"

# Since 2025 the username may be the immutable id: match it as well.  The
# key is fetched again (cache emptied), this time as a PEM with lines.
sql "update listings set seller_username = 'immutable-9' where item_id = 'v1|201|0'" >/dev/null
sql "delete from ebay_notification_keys" >/dev/null
fake_ctl POST '/__fake/config?key_pem=lines' >/dev/null
signed 'user_id=immutable-9&notification_id=n-2'
is "$(post)" 204 "a notification with only a userId: 204"
is "$(sql "select string_agg(item_id, ',') from listings")" "v1|200|0" "deleted by userId"
is "$(stat key_ok)" 2 "the key fetched again once the cache was emptied"

# Shapes, signed: 400 naming the field.
printf '%s' "$(sed 's/MARKETPLACE_ACCOUNT_DELETION/ITEM_SOLD/' "$T/good.body")" >"$T/shape"
sign "$T/shape"
is "$(post)" 400 "another topic: 400"
like "$(cat "$T/body")" '"field":"metadata.topic"' "naming metadata.topic"
printf '%s' '{"metadata":{"topic":"MARKETPLACE_ACCOUNT_DELETION"},"notification":{"notificationId":5,"data":{}}}' >"$T/shape"
sign "$T/shape"
is "$(post)" 400 "a number for notificationId: 400"
like "$(cat "$T/body")" '"field":"notification.notificationId"' "naming the field"
printf '%s' '{"metadata":{"topic":"MARKETPLACE_ACCOUNT_DELETION"},"notification":{"notificationId":"n-4","data":{}}}' >"$T/shape"
sign "$T/shape"
is "$(post)" 400 "no username or userId: 400"
like "$(cat "$T/body")" '"field":"notification.data.username"' "naming the field"
printf '%s' '{"metadata": {"topic": ' >"$T/shape"
sign "$T/shape"
is "$(post)" 400 "truncated JSON: 400"
like "$(cat "$T/body")" '"field":"body"' "naming the body"
is "$(sql "select count(*) from listings")" 1 "bob_seller's listing survived all of it"
is "$(sql "select count(*) from ebay_deletions")" 2 "refused notifications are not recorded"

# A receipt whose deletion did not finish is finished by ebay-scan prune.
sql "insert into listings (item_id, title, seller_username, price, price_currency)
     values ('v1|300|0', 'left behind', 'carol_seller', 5, 'USD')" >/dev/null
sql "insert into ebay_deletions (notification_id, username) values ('n-9', 'carol_seller')" >/dev/null
sql "insert into ebay_notification_keys (api_base, kid, fetched_at)
     values ('$EBAY_API_BASE', 'stale-kid', now() - interval '2 days')" >/dev/null
out=$("$top_builddir/cron/ebay-scan" prune 2>&1); st=$?
is "$st" 0 "ebay-scan prune exits 0"
like "$out" "finished 1 eBay account deletion" "prune finishes the pending deletion"
is "$(sql "select count(*) from listings where seller_username = 'carol_seller'")" 0 "that seller's listing is gone"
is "$(sql "select processed_at is not null from ebay_deletions where notification_id = 'n-9'")" t "the receipt is marked processed"
is "$(sql "select count(*) from listings where seller_username = 'bob_seller'")" 1 "another seller's listing stays"
is "$(sql "select string_agg(kid, ',') from ebay_notification_keys")" "$kid" \
    "prune drops notification keys cached over a day ago, keeps the fresh one"
done_testing
