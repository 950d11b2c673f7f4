#!/bin/bash
# /ebay/account-deletion: 404 without configuration; the GET challenge hash
# for a known code, token and endpoint (computed here with sha256sum); a
# POST notification recorded and that seller's listings deleted with their
# hits, observations and events, and nothing else; bad shapes answered 400
# naming the field.
. "$top_srcdir/t/lib.sh"
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

notif() {
	printf '{"metadata":{"topic":"%s","schemaVersion":"1.0","deprecated":false},"notification":{"notificationId":"%s","eventDate":"2025-10-01T12:00:00.000Z","publishDate":"2025-10-01T12:00:00.000Z","publishAttemptCount":1,"data":{"username":"%s","userId":"%s","eiasToken":"nY+sHZ2PrBmdj6wVnY+sEZ2PrA2dj6wFk4GkDpaFqQ6dj6x9nY+seQ=="}}}' "$@"
}
post() {
	http POST /ebay/account-deletion -H 'Content-Type: application/json' \
	    -H 'X-EBAY-SIGNATURE: e30=' --data-binary "$1"
}

is "$(post "$(notif MARKETPLACE_ACCOUNT_DELETION n-1 alice_seller immutable-1)")" 204 "notification: 204"
is "$(sql "select string_agg(item_id, ',' order by item_id) from listings")" \
    "v1|200|0,v1|201|0" "alice_seller's listings deleted (any case), the others kept"
is "$(sql "select count(*) from search_hits")" 2 "their hits went with them"
is "$(sql "select count(*) from price_observations")" 2 "their observations too"
is "$(sql "select count(*) from listing_events")" 2 "their events too"
is "$(sql "select count(*) from saved_searches")" 1 "the user's search is untouched"
is "$(sql "select count(*) from users")" 1 "the user is untouched"
is "$(sql "select username || ' ' || user_id || ' ' || (processed_at is not null) from ebay_deletions")" \
    "alice_seller immutable-1 true" "the receipt is recorded and processed"

is "$(post "$(notif MARKETPLACE_ACCOUNT_DELETION n-1 alice_seller immutable-1)")" 204 "a retry: 204"
is "$(sql "select count(*) from ebay_deletions")" 1 "recorded once"

# Since 2025 the username may be the immutable id: match it as well.
sql "update listings set seller_username = 'immutable-9' where item_id = 'v1|201|0'" >/dev/null
is "$(post "$(notif MARKETPLACE_ACCOUNT_DELETION n-2 '' immutable-9)")" 204 "a notification with only a userId: 204"
is "$(sql "select string_agg(item_id, ',') from listings")" "v1|200|0" "deleted by userId"

is "$(post "$(notif ITEM_SOLD n-3 bob_seller x)")" 400 "another topic: 400"
like "$(cat "$T/body")" '"field":"metadata.topic"' "naming metadata.topic"
is "$(post '{"metadata":{"topic":"MARKETPLACE_ACCOUNT_DELETION"},"notification":{"notificationId":5,"data":{}}}')" 400 "a number for notificationId: 400"
like "$(cat "$T/body")" '"field":"notification.notificationId"' "naming the field"
is "$(post '{"metadata":{"topic":"MARKETPLACE_ACCOUNT_DELETION"},"notification":{"notificationId":"n-4","data":{}}}')" 400 "no username or userId: 400"
like "$(cat "$T/body")" '"field":"notification.data.username"' "naming the field"
is "$(post '{"metadata": {"topic": ')" 400 "truncated JSON: 400"
like "$(cat "$T/body")" '"field":"body"' "naming the body"
is "$(sql "select count(*) from listings")" 1 "bob_seller's listing survived all of it"
is "$(sql "select count(*) from ebay_deletions")" 2 "refused notifications are not recorded"

# A receipt whose deletion did not finish is finished by ebay-scan prune.
sql "insert into listings (item_id, title, seller_username, price, price_currency)
     values ('v1|300|0', 'left behind', 'carol_seller', 5, 'USD')" >/dev/null
sql "insert into ebay_deletions (notification_id, username) values ('n-9', 'carol_seller')" >/dev/null
out=$("$top_builddir/cron/ebay-scan" prune 2>&1); st=$?
is "$st" 0 "ebay-scan prune exits 0"
like "$out" "finished 1 eBay account deletion" "prune finishes the pending deletion"
is "$(sql "select count(*) from listings where seller_username = 'carol_seller'")" 0 "that seller's listing is gone"
is "$(sql "select processed_at is not null from ebay_deletions where notification_id = 'n-9'")" t "the receipt is marked processed"
is "$(sql "select count(*) from listings where seller_username = 'bob_seller'")" 1 "another seller's listing stays"
done_testing
