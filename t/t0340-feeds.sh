#!/bin/bash
# /searches/{id}/feed.atom: valid Atom (xmllint) with hostile titles
# escaped, readable with the session or a signed URL made on /channels;
# a wrong or revoked token is a 403, another user's search a 404.
. "$top_srcdir/t/lib.sh"
. "$top_srcdir/t/lib-web.sh"
pg_start
migrate || bail "migrate failed"
web_start

is "$(web_setup alice 'correct horse battery')" 303 "alice signs up"
tok=$(web_csrf alice)
uid=$(sql "select id from users where username = 'alice'")
sid=$(sql "insert into saved_searches (user_id, name, q) values ($uid, \$q\$Lenses <&> \"50mm\"\$q\$, 'lens') returning id" | head -n1)
web_seed "$sid" 5
sql "update listings set title = title || E'\\x01\\x0b' where item_id = (select min(item_id) from listings)" >/dev/null

is "$(as alice GET "/searches/$sid/feed.atom")" 200 "the owner reads the feed with the session"
like "$(grep -i '^Content-Type' "$T/headers")" 'application/atom\+xml' "Atom content type"
cp "$T/body" "$T/feed.xml"
if command -v xmllint >/dev/null 2>&1; then
	xmllint --noout "$T/feed.xml" 2>"$T/xmllint.err"; ok $? "xmllint: well-formed XML"
	[ -s "$T/xmllint.err" ] && diag "$(head -5 "$T/xmllint.err")"
	is "$(xmllint --xpath 'count(//*[local-name()="entry"])' "$T/feed.xml")" 5 "five entries"
	is "$(xmllint --xpath 'string(//*[local-name()="feed"]/*[local-name()="title"])' "$T/feed.xml")" \
	   'ebay-scanner: Lenses <&> "50mm"' "the feed title round-trips"
	titles=$(xmllint --xpath '//*[local-name()="entry"]/*[local-name()="title"]/text()' "$T/feed.xml")
	like "$titles" '&lt;script&gt;alert' "a hostile title is escaped text"
	ok "$(xmllint --xpath 'count(//*[local-name()="script"])' "$T/feed.xml" | grep -qx 0; echo $?)" "no script element"
	is "$(xmllint --xpath 'count(//*[local-name()="entry"][not(*[local-name()="id"]) or not(*[local-name()="updated"])])' "$T/feed.xml")" 0 \
	   "every entry has an id and an updated"
else
	skip "xmllint not installed (libxml2-utils)"
fi

# signed URLs from /channels
is "$(as alice POST /channels/feeds --data-urlencode "csrf=$tok" --data-urlencode "search=$sid")" 200 "make a feed URL"
url=$(grep -o "http://[^<\"]*feed.atom?token=[A-Za-z0-9_-]*" "$T/body" | head -n1)
like "$url" "/searches/$sid/feed.atom\\?token=" "shown once on the page"
path=${url#*://*/}; path=/$path
is "$(sql "select count(*) from feed_tokens where search_id = $sid and revoked_at is null")" 1 "stored (hashed)"
is "$(sql "select count(*) from feed_tokens where token_hash = '${path##*=}'")" 0 "  not in clear"
is "$(http GET "$path")" 200 "the signed URL works without a session"
xmllint --noout "$T/body" 2>/dev/null; ok $? "  valid XML"
is "$(http GET "${path%?????}AAAAA")" 403 "a wrong token: 403"
is "$(http GET "/searches/$sid/feed.atom")" 303 "no token, no session: to /login"
other=$(sql "insert into saved_searches (user_id, name, q) values ($uid, 'other', 'x') returning id" | head -n1)
is "$(http GET "/searches/$other/feed.atom?${path##*\?}")" 403 "the token of another search: 403"

web_add_user bob 'bob password 123'
web_login bob 'bob password 123' >/dev/null
is "$(as bob GET "/searches/$sid/feed.atom")" 404 "bob's session: alice's feed is a 404"
btok=$(web_csrf bob)
is "$(as bob POST /channels/feeds --data-urlencode "csrf=$btok" --data-urlencode "search=$sid")" 404 "bob cannot make a URL for alice's search"

fid=$(sql "select id from feed_tokens where search_id = $sid")
is "$(as bob POST "/channels/feeds/$fid/revoke" --data-urlencode "csrf=$btok")" 404 "bob cannot revoke it"
is "$(as alice POST "/channels/feeds/$fid/revoke" --data-urlencode "csrf=$tok")" 303 "alice revokes it"
is "$(http GET "$path")" 403 "a revoked token: 403"
is "$(as alice GET /searches/999999/feed.atom)" 404 "an unknown search: 404"
done_testing
