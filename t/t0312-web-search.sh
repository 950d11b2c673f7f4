#!/bin/bash
# GET /search through nginx against the fake eBay: results with every
# column, filters, pages, the short cache (a reload spends no call), eBay
# failures shown with the cached result, hostile listings escaped, bad
# parameters answered 400 naming the field.
. "$top_srcdir/t/lib.sh"
. "$top_srcdir/t/lib-fake.sh"
. "$top_srcdir/t/lib-web.sh"
pg_start
migrate || bail "migrate failed"
# With a keyset (the fake's), as in production: real images, no banner.
fake_start --freeze-clock --client-id web-test-id --client-secret web-test-secret
export EBAY_CLIENT_ID=web-test-id EBAY_CLIENT_SECRET=web-test-secret
web_start
is "$(web_setup alice 'alice pass 1')" 303 "signed in"
calls() { fake_stats | grep -o '"search_calls":[0-9]*' | cut -d: -f2; }

is "$(as alice GET /search)" 200 "no parameters: the empty form"
like "$(cat "$T/body")" 'name="q"' "search form"
unlike "$(cat "$T/body")" 'Demo mode' "no demo banner with a keyset"
unlike "$(cat "$T/body")" 'class="results"' "no results"

is "$(as alice GET '/search?q=thinkpad+x220&per_page=25')" 200 "a live search"
is "$(grep -c '<li class="item">' "$T/body")" 25 "25 results"
like "$(cat "$T/body")" '<strong>[0-9]+</strong> results · page 1 of [0-9]+' "total and pages"
like "$(cat "$T/body")" 'Data fetched from eBay at <time datetime="[0-9T:-]+Z">' "fetched at"
like "$(cat "$T/body")" '<img src="https://i\.ebayimg\.com/[^"]*" alt="" loading="lazy"' "lazy eBay image"
like "$(cat "$T/body")" '<a href="https://www\.ebay\.com/itm/[0-9]+"' "title links to eBay"
like "$(cat "$T/body")" '<p class="price">\$[0-9,]+\.[0-9]{2}' "price"
like "$(cat "$T/body")" '<p class="ship">\+ (\$[0-9.,]+|Free|unknown) shipping' "shipping"
like "$(cat "$T/body")" 'Total <strong>(\$[0-9.,]+|unknown)</strong>' "total"
like "$(cat "$T/body")" 'Auction' "auctions included by default"
like "$(cat "$T/body")" '[0-9]+ bids?' "bids"
like "$(cat "$T/body")" '[0-9]+(h [0-9]+m|d [0-9]+h| minutes?) left' "time left"
like "$(cat "$T/body")" '<bdi class="seller">[^<]+</bdi> <span class="muted">\([0-9]+, [0-9.]+%\)' "seller and feedback"
like "$(cat "$T/body")" '<bdi class="loc">[^<]*US</bdi>' "location"
like "$(cat "$T/body")" 'rel="next" href="/search\?q=thinkpad%20x220&amp;[^"]*page=2"' "next page keeps the filters"
like "$(cat "$T/body")" 'Save this search' "save form"
like "$(cat "$T/body")" '<input type="hidden" name="q" value="thinkpad x220">' "save form carries the search"
n=$(calls)
is "$n" 1 "one eBay call"
is "$(sql "select calls from ebay_calls where source = 'web'")" 1 "counted as the web's"

# The short cache: the same search again costs nothing.
as alice GET '/search?q=thinkpad+x220&per_page=25' >/dev/null
is "$(calls)" 1 "reload: no new call"
like "$(cat "$T/body")" 'Data fetched from eBay at <time[^>]*>[^<]*</time> \((just now|[0-9]+ seconds? ago)\)' "served from the cache, with its age"
as alice GET '/search?per_page=25&q=thinkpad%20x220' >/dev/null
is "$(calls)" 1 "same search, parameters reordered: no new call"
as alice GET '/search?q=thinkpad+x220&per_page=25&page=2' >/dev/null
is "$(calls)" 2 "page 2 is another call"
like "$(cat "$T/body")" 'page 2 of' "page 2"
like "$(cat "$T/body")" 'rel="prev"' "previous link"

# Old data says how old it is; eBay failing shows the cached result.
sql "update search_cache set fetched_at = now() - interval '7 hours'" >/dev/null
fake_ctl POST '/__fake/fault?kind=500&count=3' >/dev/null
is "$(as alice GET '/search?q=thinkpad+x220&per_page=25')" 200 "eBay fails: the page still answers"
like "$(cat "$T/body")" 'eBay did not answer properly' "says eBay failed"
like "$(cat "$T/body")" 'Showing the last results we have' "and that these are older results"
is "$(grep -c '<li class="item">' "$T/body")" 25 "the cached results"
like "$(cat "$T/body")" 'class="fetched stale"' "marked stale"
like "$(cat "$T/body")" '7 hours ago' "with their age"
fake_ctl POST '/__fake/fault?kind=500&count=3' >/dev/null
is "$(as alice GET '/search?q=never+searched+before')" 502 "eBay fails, nothing cached: 502"
like "$(cat "$T/body")" 'eBay did not answer properly' "says so"
fake_ctl POST '/__fake/fault?kind=429&count=1' >/dev/null
is "$(as alice GET '/search?q=quota+test')" 503 "quota exhausted: 503"
like "$(cat "$T/body")" "eBay calls are used up" "says the quota is spent"
is "$(as alice GET '/search?q=quota+test+two')" 503 "and no call while blocked"
sql "update ebay_quota set blocked_until = null" >/dev/null

# Filters reach eBay and come back; excluded words and sellers are dropped.
as alice GET '/search?q=thinkpad&format=auction&per_page=50' >/dev/null
is "$(grep -c '<p class="meta">[^<]*Auction' "$T/body")" "$(grep -c '<li class="item">' "$T/body")" "auctions only"
as alice GET '/search?q=thinkpad&per_page=50' >/dev/null
word=$(grep -o '<bdi>[A-Za-z]* ' "$T/body" | head -n 1 | sed 's/<bdi>//; s/ $//')
seller=$(grep -o '<bdi class="seller">[a-z_0-9]*</bdi>' "$T/body" | head -n 1 | sed 's/<[^>]*>//g')
as alice GET "/search?q=thinkpad&per_page=50&exclude=$word&seller_exclude=$seller" >/dev/null
unlike "$(grep -o '<bdi>[^<]*</bdi>' "$T/body" | grep -i -- "$word")" . "titles with an excluded word dropped ($word)"
unlike "$(cat "$T/body")" "<bdi class=\"seller\">$seller</bdi>" "excluded seller dropped ($seller)"
as alice GET '/search?q=thinkpad&sort=price&per_page=10' >/dev/null
like "$(cat "$T/body")" '<option value="price" selected>' "sort kept in the form"

# Bad parameters: 400 naming the field, the form refilled.
is "$(as alice GET '/search?q=x&per_page=500')" 400 "per_page > 200: 400"
like "$(cat "$T/body")" '<code>per_page</code> must be from 1 to 200' "names per_page"
is "$(as alice GET '/search?q=x&min_price=abc')" 400 "bad price: 400"
like "$(cat "$T/body")" 'id="min_price"[^>]*value="abc"[^>]*aria-invalid="true"' "refilled and marked"
is "$(as alice GET '/search?q=x&min_price=20&max_price=10')" 400 "min > max: 400"
is "$(as alice GET '/search?q=x&condition=mint')" 400 "bad condition: 400"
is "$(as alice GET '/search?q=x&sort=random')" 400 "bad sort: 400"
is "$(as alice GET '/search?q=x&located_in=USA')" 400 "bad country: 400"
is "$(as alice GET '/search?q=x&marketplace=EBAY_XX')" 400 "bad marketplace: 400"
is "$(as alice GET '/search?q=x&page=0')" 400 "page 0: 400"
is "$(as alice GET '/search?q=x&page=201&per_page=50')" 400 "past 10,000 results: 400"
is "$(as alice GET "/search?q=$(printf 'a%.0s' $(seq 101))")" 400 "q over 100: 400"
is "$(as alice GET '/search?q=%ff%fe')" 400 "invalid UTF-8: 400"
is "$(as alice GET '/search?q=')" 400 "empty q: 400"
like "$(cat "$T/body")" '<code>q</code> is required' "names q"
q=$(printf '%s' "$SQLI" | sed 's/ /+/g; s/;/%3B/g')
is "$(as alice GET "/search?q=$q")" 200 "injection string searched"
like "$(cat "$T/body")" 'value="x&#39;\); DROP TABLE users; --"' "shown literally in the form"
is "$(sql 'select count(*) from users')" 1 "users intact"
is "$(as alice POST /search -d q=x)" 405 "POST /search: 405"

# Hostile listings from eBay: escaped in text, attributes and URLs.
fake_ctl POST '/__fake/hostile?on=1' >/dev/null
is "$(as alice GET '/search?q=hostile+things&per_page=100')" 200 "hostile results"
cp "$T/body" "$T/hostile.html"
like "$(cat "$T/body")" '&lt;script&gt;alert\(1\)&lt;/script&gt;' "markup in titles escaped"
like "$(cat "$T/body")" '&lt;b&gt;x&lt;/b&gt;&#39;&quot;&gt;&lt;script&gt;alert\(5\)' "markup in seller names escaped"
unlike "$(cat "$T/body")" '<script>|<img src=x|<svg onload|<b>bold|<b>x' "no live markup"
unlike "$(cat "$T/body")" 'href="[^"]*[<>'"'"' ][^"]*"' "no href with markup"
unlike "$(cat "$T/body")" "svg onload=alert\(3\)\"" "hostile URL not linked"
like "$(cat "$T/body")" '<bdi>[^<]*‮gpj\.exe' "right-to-left override kept inside <bdi>"
done_testing
