#!/bin/bash
# Saved searches, finds and item pages through nginx: create, validate,
# edit, scan soon, delete; hostile listing data escaped; SQL-injection
# strings stored and shown literally; another user gets 404 for all of it.
. "$top_srcdir/t/lib.sh"
. "$top_srcdir/t/lib-web.sh"
pg_start
migrate || bail "migrate failed"
web_start
web_alice_and_bob
# Bob has a channel that keeps failing (its name is hostile).
bch=$(sql "insert into channels (user_id, name, kind, target, consecutive_failures) select id, '<i>hook</i>', 'webhook', 'http://127.0.0.1:9/', 5 from users where username = 'bob' returning id" | head -n 1)
tok=$(web_csrf alice)
btok=$(web_csrf bob)
like "$(cat "$T/body")" 'class="msg msg-warning" role="status">The channel &quot;&lt;i&gt;hook&lt;/i&gt;&quot; keeps failing' "failing channel warned about, escaped"
as alice GET / >/dev/null
unlike "$(cat "$T/body")" 'keeps failing' "not on alice's pages"

# Signed out: redirected; the API-ish Accept gets JSON 401.
is "$(http GET /searches)" 303 "signed out: 303"
is "$(http GET /searches/1 -H 'Accept: application/json')" 401 "JSON client: 401"

# Create from the search form's fields.
code=$(as alice POST /searches --data-urlencode "csrf=$tok" --data-urlencode "q=thinkpad x220" \
    -d 'name=X220&interval=30&condition=used&format=auction&format=buy_it_now&max_price=300&exclude=broken+parts' \
    -d 'alert_new=0&alert_new=1&alert_new_max_total=250&alert_price=0&alert_price=1&alert_price_max=200&alert_price_direction=down' \
    -d 'alert_ending=0&alert_ending=1&alert_ending_window=30&alert_ending_max_bids=2&notify_existing=0&enabled=0&enabled=1')
is "$code" 303 "POST /searches: 303"
like "$(cat "$T/headers")" "Location: /searches/[0-9]+" "to the new search"
id=$(sed -n 's/^Location: \/searches\/\([0-9]*\).*/\1/p' "$T/headers")
is "$(sql "select q || '|' || interval_minutes || '|' || max_price || '|' || array_to_string(conditions, ',') || '|' || array_to_string(exclude_words, ',') || '|' || enabled from saved_searches where id = $id")" \
    "thinkpad x220|30|300.00|used|broken,parts|true" "stored as typed"
is "$(sql "select string_agg(kind || ':' || coalesce(max_total::text, '-') || ':' || coalesce(range_max::text, '-') || ':' || coalesce(window_minutes::text, '-') || ':' || coalesce(max_bids::text, '-'), ' ' order by kind) from alert_rules where search_id = $id")" \
    "auction_ending:-:-:30:2 new_match:250.00:-:-:- price_range:-:200.00:-:-" "alert rules stored"
is "$(as alice GET "/searches/$id")" 200 "GET /searches/$id"
like "$(cat "$T/body")" "Saved\. The first scan" "flash notice after the redirect"
like "$(cat "$T/body")" "48 calls a day of 5000" "cost per day shown"
like "$(cat "$T/body")" 'name="alert_new_max_total"[^>]*value="250.00"' "edit form refilled"
like "$(cat "$T/body")" 'Nothing found yet' "no finds yet"
is "$(as alice GET /searches)" 200 "list"
like "$(cat "$T/body")" "href=\"/searches/$id\">X220</a>" "listed"

# Bad input: 400 naming the field, the form refilled.
code=$(as alice POST /searches --data-urlencode "csrf=$tok" -d 'q=lens&name=Lens&interval=0&min_price=50&max_price=10&condition=mint&alert_price=1')
is "$code" 400 "bad fields: 400"
like "$(cat "$T/body")" "<code>interval</code> must be from 1 to 10080" "names interval"
like "$(cat "$T/body")" "<code>max_price</code> must not be below the minimum price" "names max_price"
like "$(cat "$T/body")" "<code>condition</code> must be one of" "names condition"
like "$(cat "$T/body")" "<code>alert_price_min</code>" "names the price rule"
like "$(cat "$T/body")" 'id="q" name="q" type="search" value="lens"' "q refilled"
like "$(cat "$T/body")" 'id="max_price"[^>]*value="10"[^>]*aria-invalid' "bad value refilled and marked"
is "$(as alice POST /searches --data-urlencode "csrf=$tok" -d 'name=x&q=')" 400 "no q and no category: 400"
like "$(cat "$T/body")" "<code>q</code> is required" "names q"
is "$(as alice POST /searches --data-urlencode "csrf=$tok" -d 'q=%zz&name=x')" 400 "bad escape: 400"
is "$(as alice POST /searches --data-urlencode "csrf=$tok" --data-urlencode "q=$(printf 'a%.0s' $(seq 101))" -d name=x)" 400 "q over 100: 400"
is "$(as alice POST /searches -d 'q=x&name=x')" 403 "no CSRF: 403"
is "$(as alice POST /searches -d "csrf=$btok&q=x&name=x")" 403 "another session's CSRF: 403"
is "$(sql "select count(*) from saved_searches")" 1 "nothing stored by bad posts"

# A channel of another user cannot be linked.
as alice POST /searches --data-urlencode "csrf=$tok" -d "q=lens&name=Lens&channel=$bch" >/dev/null
lid=$(sed -n 's/^Location: \/searches\/\([0-9]*\).*/\1/p' "$T/headers")
is "$(sql "select count(*) from search_channels where search_id = ${lid:-0}")" 0 "bob's channel not linked to alice's search"
bch2=$(sql "insert into channels (user_id, name, kind, target) select id, 'Phone', 'ntfy', 'http://127.0.0.1:9/t' from users where username = 'alice' returning id" | head -n 1)
as alice POST "/searches/$lid" --data-urlencode "csrf=$tok" -d "q=lens&name=Lens&channel=$bch2" >/dev/null
is "$(sql "select channel_id from search_channels where search_id = $lid")" "$bch2" "her own channel linked"
as alice GET "/searches/$lid" >/dev/null
like "$(cat "$T/body")" "name=\"channel\" value=\"$bch2\" checked> Phone" "shown ticked in the form"
unlike "$(cat "$T/body")" "hook" "bob's channel not offered"
as alice POST "/searches/$lid/delete" --data-urlencode "csrf=$tok" >/dev/null

# SQL-injection strings in every text field: stored and shown literally.
code=$(as alice POST /searches --data-urlencode "csrf=$tok" --data-urlencode "q=$SQLI" --data-urlencode "name=$SQLI <b>" \
    --data-urlencode "exclude=$SQLI" --data-urlencode "seller_exclude=a'--" -d 'interval=15')
is "$code" 303 "injection strings saved"
id2=$(sed -n 's/^Location: \/searches\/\([0-9]*\).*/\1/p' "$T/headers")
is "$(sql "select name from saved_searches where id = $id2")" "$SQLI <b>" "name stored literally"
is "$(sql "select q from saved_searches where id = $id2")" "$SQLI" "q stored literally"
is "$(sql "select count(*) from users")" 2 "users table intact"
as alice GET "/searches/$id2" >/dev/null
like "$(cat "$T/body")" "<h1>x&#39;\); DROP TABLE users; -- &lt;b&gt;</h1>" "shown escaped"
unlike "$(cat "$T/body")" "<b>" "no raw markup from the name"

# Hostile finds.
web_seed "$id" 50
# The start page and the list show a saved search's row alike.
row='[0-9]+ finds · <strong class="new">[0-9]+ new in 24 h</strong> · every 30 min[^·]*· 48 calls/day'
as alice GET /searches >/dev/null
like "$(cat "$T/body")" "$row" "the list: finds, new, interval, calls"
list_row=$(grep -oE "$row" "$T/body")
as alice GET / >/dev/null
is "$(grep -oE "$row" "$T/body")" "$list_row" "the start page: the same"
is "$(as alice GET "/searches/$id")" 200 "finds page"
is "$(grep -c '<li class="item' "$T/body")" 50 "50 finds"
like "$(cat "$T/body")" '&lt;script&gt;alert\(&quot;t&quot;\)&lt;/script&gt;' "hostile title escaped"
unlike "$(cat "$T/body")" '<script>alert|<img src=x|<svg onload|[^;]onmouseover=alert' "no live markup"
like "$(cat "$T/body")" '<bdi class="seller">&lt;b&gt;seller&lt;/b&gt;&quot;onmouseover' "hostile seller escaped, isolated"
unlike "$(cat "$T/body")" 'href="javascript:' "no javascript: link"
unlike "$(cat "$T/body")" 'evil\.example' "no link or image to a foreign host"
unlike "$(cat "$T/body")" 'onerror=&quot;alert\(5\)|x\.jpg"onerror' "bad image URL not used"
like "$(cat "$T/body")" 'href="https://www.ebay.com/itm/100005\?a=1&amp;b=2"' "eBay link, escaped in the attribute"
like "$(cat "$T/body")" "x&#39;\); DROP TABLE users; --" "injection title shown literally"
like "$(cat "$T/body")" '<span class="mark mark-new">new</span>' "new marked"
like "$(cat "$T/body")" 'price changed, was \$135\.50' "price change marked"
like "$(cat "$T/body")" '<span class="mark mark-ended">ended</span>' "ended marked"
like "$(cat "$T/body")" '\+ unknown shipping' "unknown shipping is unknown"
unlike "$(cat "$T/body")" '\+ \$0\.00 shipping' "never 0"
first=$(grep -o 'found [^<]*ago' "$T/body" | head -n 1)
like "$first" "found 1 minute ago" "newest first"

# Scan runs shown.
sql "insert into scan_runs (search_id, started_at, finished_at, status, calls, items_seen, items_new, error) values ($id, now() - interval '3 minutes', now() - interval '170 seconds', 'failed', 3, 0, 0, \$e\$eBay said <b>no</b>\$e\$)" >/dev/null
sql "update saved_searches set status = 'error', last_error = \$e\$eBay said <b>no</b>\$e\$, effective_interval_minutes = 45 where id = $id" >/dev/null
as alice GET "/searches/$id" >/dev/null
like "$(cat "$T/body")" 'status-failed' "run listed"
like "$(cat "$T/body")" 'Last error: eBay said &lt;b&gt;no&lt;/b&gt;' "last error, escaped"
like "$(cat "$T/body")" 'every <strong>45</strong> min' "effective interval shown"

# Items.
is "$(as alice GET '/items/v1%7C100005%7C0')" 200 "item page"
like "$(cat "$T/body")" '<svg class="chart"' "price chart"
like "$(cat "$T/body")" '<path class="line" d="M[0-9. HV]+"' "chart path is numbers only"
like "$(cat "$T/body")" 'Data fetched from eBay' "fetched at shown"
like "$(cat "$T/body")" 'First seen' "seen times"
like "$(cat "$T/body")" 'class="mark mark-new">new</span>' "the search's hit is its 'new' event"
is "$(as alice GET '/items/v1%7C100001%7C0')" 200 "hostile item page"
unlike "$(cat "$T/body")" '<script>alert|<svg onload|<i>cat|href="javascript:' "hostile item escaped"
is "$(as alice GET '/items/v1%7C999%7C0')" 404 "unknown item: 404"
is "$(as alice GET '/items/%3Cscript%3E')" 404 "bad item id: 404"

# Another user sees none of it.
is "$(as bob GET "/searches/$id")" 404 "bob: alice's search is 404"
is "$(as bob GET '/items/v1%7C100005%7C0')" 404 "bob: alice's item is 404"
is "$(as bob POST "/searches/$id" -d "csrf=$btok&q=mine&name=mine")" 404 "bob cannot edit"
is "$(as bob POST "/searches/$id/run" -d "csrf=$btok")" 404 "bob cannot run"
is "$(as bob POST "/searches/$id/delete" -d "csrf=$btok")" 404 "bob cannot delete"
is "$(sql "select name from saved_searches where id = $id")" "X220" "alice's search unchanged"
as bob GET /searches >/dev/null
unlike "$(cat "$T/body")" "X220" "not in bob's list"
as bob GET / >/dev/null
unlike "$(cat "$T/body")" "ThinkPad X220 laptop" "not in bob's recent finds"

# Edit, scan soon, delete.
sql "update saved_searches set next_run_at = now() + interval '1 hour', first_run_done = true where id = $id" >/dev/null
code=$(as alice POST "/searches/$id" --data-urlencode "csrf=$tok" -d 'q=thinkpad+x230&name=X230&interval=60&alert_new=1')
is "$code" 303 "edit: 303"
is "$(sql "select name || '|' || q || '|' || interval_minutes || '|' || first_run_done from saved_searches where id = $id")" "X230|thinkpad x230|60|false" "edited; a new query starts afresh"
is "$(sql "select string_agg(kind, ',') from alert_rules where search_id = $id")" "new_match" "rules replaced"
is "$(as alice POST "/searches/$id" --data-urlencode "csrf=$tok" -d 'q=x&name=&interval=abc')" 400 "bad edit: 400"
like "$(cat "$T/body")" "<code>interval</code> must be a whole number" "names the field"
sql "update saved_searches set next_run_at = now() + interval '1 hour' where id = $id" >/dev/null
is "$(as alice POST "/searches/$id/run" --data-urlencode "csrf=$tok")" 303 "scan soon: 303"
is "$(sql "select next_run_at <= now() from saved_searches where id = $id")" t "next_run_at is now"
is "$(as alice POST "/searches/$id/run")" 403 "scan soon without CSRF: 403"
is "$(as alice GET "/searches/$id/run")" 405 "GET on run: 405"
like "$(cat "$T/headers")" "Allow: POST" "Allow"
is "$(as alice GET /searches/abc)" 404 "non-numeric id: 404"
is "$(as alice GET /searches/99999999999999999999)" 404 "huge id: 404"
is "$(as alice GET /searches/0)" 404 "id 0: 404"
is "$(as alice POST "/searches/$id/delete" --data-urlencode "csrf=$tok")" 303 "delete: 303"
is "$(sql "select count(*) from saved_searches where id = $id")" 0 "deleted"
is "$(sql "select count(*) from search_hits where search_id = $id")" 0 "with its finds"
is "$(as alice GET "/searches/$id")" 404 "gone: 404"
is "$(as alice GET '/items/v1%7C100005%7C0')" 404 "its items are no longer alice's"

# Database down: 503 at once.
pg_stop
is "$(as alice GET /searches)" 503 "database down: 503"
done_testing
