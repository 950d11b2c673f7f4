# Helpers for the web's tests (bash; after t/lib.sh): a signed-in user
# with a cookie jar, CSRF tokens from pages, and hostile listings stored
# straight into PostgreSQL for the finds and item pages.

# web_setup USER PASSWORD: create the first account through /setup; the
# session lands in the jar $T/jar.USER.
web_setup() {
	local user=$1 pass=$2 jar=$T/jar.$1 tok
	curl -s -c "$jar" -b "$jar" -o "$T/body" "$WEB_URL/setup"
	tok=$(web_csrf_of "$T/body")
	curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' \
	    --data-urlencode "csrf=$tok" --data-urlencode "username=$user" \
	    --data-urlencode "password=$pass" --data-urlencode "password2=$pass" \
	    "$WEB_URL/setup"
}

# web_add_user USER PASSWORD: another account, straight into the table
# (there is no sign-up page once the first account exists).
web_add_user() {
	local hash
	hash=$(printf '%s' "$2" | mkpasswd -m yescrypt -s 2>/dev/null) ||
	    hash=$(python3 -c 'import crypt,sys; print(crypt.crypt(sys.argv[1], crypt.mksalt(crypt.METHOD_SHA512)))' "$2")
	sql "insert into users (username, password_hash) values ('$1', '$hash')" >/dev/null
}

# web_alice_and_bob: alice, the first account (through /setup), and bob,
# another with the same password (straight into the table), both signed
# in; two assertions.  For the tests of what one user may see of another.
web_alice_and_bob() {
	is "$(web_setup alice 'alice pass 1')" 303 "alice set up"
	sql "insert into users (username, password_hash) select 'bob', password_hash from users where username = 'alice'" >/dev/null
	is "$(web_login bob 'alice pass 1')" 303 "bob signed in"
}

# web_login USER PASSWORD: sign in through /login; prints the status.
web_login() {
	local user=$1 pass=$2 jar=$T/jar.$1 tok
	rm -f "$jar"
	curl -s -c "$jar" -b "$jar" -o "$T/body" "$WEB_URL/login"
	tok=$(web_csrf_of "$T/body")
	curl -s -c "$jar" -b "$jar" -o "$T/body" -w '%{http_code}' \
	    --data-urlencode "csrf=$tok" --data-urlencode "username=$user" \
	    --data-urlencode "password=$pass" "$WEB_URL/login"
}

# The first csrf hidden field of a saved page.
web_csrf_of() {
	grep -o 'name="csrf" value="[^"]*"' "$1" | head -n 1 | sed 's/.*value="//; s/"$//'
}

# as USER METHOD PATH [curl args]: http with USER's jar.
as() {
	local user=$1; shift
	local method=$1 path=$2; shift 2
	http "$method" "$path" -b "$T/jar.$user" -c "$T/jar.$user" "$@"
}

# web_csrf USER: the session's CSRF token (from the start page).
web_csrf() {
	as "$1" GET / >/dev/null
	web_csrf_of "$T/body"
}

# The hostile strings every route must show literally and escaped.
HOSTILE_TITLE='<script>alert("t")</script> & <img src=x onerror=alert(1)> '"'"'quoted'"'"' ‮evil'
HOSTILE_SELLER='<b>seller</b>"onmouseover=alert(3)'
SQLI="x'); DROP TABLE users; --"

# web_seed SEARCH_ID N: N listings found by the search, the first ones
# hostile, with price history and events.
web_seed() {
	local sid=$1 n=$2
	sql "
insert into listings (item_id, title, seller_username, seller_feedback_score,
  seller_feedback_pct, condition, buying_options, price, price_currency,
  current_bid, bid_count, shipping, shipping_currency, total, total_currency,
  image_url, item_web_url, location_country, location_postal, location_city,
  category_name, item_end_date, first_seen_at, last_seen_at, fetched_at)
select 'v1|' || (100000 + g) || '|0',
  case g when 1 then \$h\$$HOSTILE_TITLE\$h\$
         when 2 then repeat('😀', 300)
         when 3 then \$h\$$SQLI\$h\$
         else 'ThinkPad X220 laptop number ' || g end,
  case g when 1 then \$h\$$HOSTILE_SELLER\$h\$ else 'seller' || g end,
  100 + g, 99.5, 'Used',
  case when g % 3 = 0 then '{AUCTION}'::text[] else '{FIXED_PRICE,BEST_OFFER}'::text[] end,
  100 + g, 'USD',
  case when g % 3 = 0 then 100 + g end,
  case when g % 3 = 0 then g % 7 end,
  case when g % 4 = 0 then null else 5.50 end, 'USD',
  case when g % 4 = 0 then null else 105.50 + g end, 'USD',
  case g when 1 then 'https://i.ebayimg.com/x.jpg\"onerror=\"alert(5)'
         when 2 then 'https://evil.example/x.jpg'
         else 'https://i.ebayimg.com/images/g/' || g || '/s-l225.jpg' end,
  case g when 1 then 'javascript:alert(4)'
         when 2 then 'https://evil.example/itm/2'
         else 'https://www.ebay.com/itm/' || (100000 + g) || '?a=1&b=2' end,
  'US', '551**', case g when 1 then '<svg onload=alert(6)>' else 'Portland' end,
  case g when 1 then '<i>cat</i>' else 'Laptops' end,
  now() + (g || ' hours')::interval,
  now() - (g || ' minutes')::interval, now(), now() - interval '5 minutes'
from generate_series(1, $n) g;
insert into search_hits (search_id, item_id, first_seen_at)
select $sid, 'v1|' || (100000 + g) || '|0', now() - (g || ' minutes')::interval
from generate_series(1, $n) g;
insert into price_observations (item_id, observed_at, price, shipping, total, currency)
select 'v1|' || (100000 + g) || '|0', now() - ((g + k * 20) || ' hours')::interval,
  120 + g - k * 5, 5.50, 125.50 + g - k * 5, 'USD'
from generate_series(1, $n) g, generate_series(0, 3) k;
insert into listing_events (item_id, search_id, kind, old_total, new_total, currency)
select 'v1|' || (100000 + g) || '|0', $sid, 'price_changed', 130.50 + g, 105.50 + g, 'USD'
from generate_series(1, $n) g where g % 5 = 0;
update listings set ended_at = now(), end_reason = 'end_date'
 where item_id in (select 'v1|' || (100000 + g) || '|0' from generate_series(1, $n) g where g % 10 = 7);
" >/dev/null
}
