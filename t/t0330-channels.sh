#!/bin/bash
# /channels through nginx: add from Apprise URLs (bad ones refused with a
# reason, never echoed), secrets masked on every page, test-send showing
# the receiver's real response, the delivery log, delete, CSRF, another
# user's channel a 404, and the home page's warning when a channel keeps
# failing.
. "$top_srcdir/t/lib.sh"
. "$top_srcdir/t/lib-web.sh"
. "$top_srcdir/t/lib-receiver.sh"
pg_start
migrate || bail "migrate failed"
web_start
rcv_http hook; HP=$RCV_PORT

is "$(web_setup alice 'correct horse battery')" 303 "alice signs up"
tok=$(web_csrf alice)

is "$(http GET /channels)" 303 "no session: 303 to /login"
is "$(as alice GET /channels)" 200 "GET /channels"
like "$(cat "$T/body")" 'No channels yet' "empty list"
like "$(cat "$T/body")" 'name="url"' "the add form"

is "$(as alice POST /channels --data-urlencode "name=x" --data-urlencode "url=discord://123/secrettoken")" 403 "POST without CSRF: 403"

code=$(as alice POST /channels --data-urlencode "csrf=$tok" --data-urlencode "name=Bad" \
    --data-urlencode "url=tgram://nocolon-SECRETVALUE/42")
is "$code" 400 "a bad Apprise URL: 400"
like "$(cat "$T/body")" 'bot token looks like' "  naming what is wrong"
unlike "$(cat "$T/body")" 'SECRETVALUE' "  never echoing the URL"
code=$(as alice POST /channels --data-urlencode "csrf=$tok" --data-urlencode "name=" \
    --data-urlencode "url=ftp://x")
is "$code" 400 "empty name and an unknown scheme: 400"
like "$(cat "$T/body")" "unknown kind of URL" "  the URL's error"

code=$(as alice POST /channels --data-urlencode "csrf=$tok" --data-urlencode "name=My hook" \
    --data-urlencode "url=json://127.0.0.1:$HP/in?key=VERYSECRETKEY123" --data-urlencode "mode=instant")
is "$code" 303 "add a json:// webhook: 303"
loc=$(grep -i '^Location:' "$T/headers" | tr -d '\r' | sed 's/^[^:]*: //')
like "$loc" '^/channels/[0-9]+$' "  to the channel's page"
id=${loc##*/}
is "$(sql "select kind || ' ' || target from channels where id = $id")" "webhook http://127.0.0.1:$HP/in?key=VERYSECRETKEY123" "stored as a webhook"
as alice POST /channels --data-urlencode "csrf=$tok" --data-urlencode "name=Discord" \
    --data-urlencode "url=discord://123456/ABCDEFGHIJKLMNOPsecret" >/dev/null
as alice POST /channels --data-urlencode "csrf=$tok" --data-urlencode "name=Mail" \
    --data-urlencode "url=mailto://bob:hunter2hunter2@smtp.example.com?to=bob@example.com" >/dev/null
is "$(as alice GET /channels)" 200 "the list"
body=$(cat "$T/body")
like "$body" 'My hook' "lists the hook"
unlike "$body" 'VERYSECRETKEY123' "the webhook's query is masked"
unlike "$body" 'ABCDEFGHIJKLMNOPsecret' "the Discord token is masked"
unlike "$body" 'hunter2hunter2' "the SMTP password is masked"
like "$body" 'discord.com/api/webhooks/' "the Discord host shows"

is "$(as alice GET "/channels/$id")" 200 "the channel's page"
like "$(cat "$T/body")" 'Nothing sent yet' "no deliveries yet"
is "$(as alice POST "/channels/$id/test" --data-urlencode "csrf=$tok")" 200 "test-send"
like "$(cat "$T/body")" 'Test message: accepted' "  accepted"
like "$(cat "$T/body")" '\{&#34;ok&#34;:true\}|\{&quot;ok&quot;:true\}' "  the receiver's real reply, escaped"
is "$(rcv_count hook)" 1 "the receiver got one request"
is "$(rcv_json "$(rcv_last hook body)" test)" true "  a test message"
echo 500 >"$T/rcv-hook/status"; echo '<b>server on fire</b>' >"$T/rcv-hook/reply"
is "$(as alice POST "/channels/$id/test" --data-urlencode "csrf=$tok")" 200 "test-send to a failing receiver"
like "$(cat "$T/body")" 'Test message: <span class="bad">failed' "  failed"
like "$(cat "$T/body")" '<dd>500</dd>' "  with the real status"
like "$(cat "$T/body")" '&lt;b&gt;server on fire&lt;/b&gt;' "  and the real reply, escaped"
is "$(as alice GET "/channels/$id")" 200 "the page again"
like "$(cat "$T/body")" 'the receiver answered HTTP 500' "the delivery log shows the failure"
is "$(sql "select count(*) from deliveries where channel_id = $id and is_test")" 2 "both tests logged"
rm -f "$T/rcv-hook/status" "$T/rcv-hook/reply"

# a channel that keeps failing: the home page warns
sql "update channels set consecutive_failures = 5 where id = $id" >/dev/null
# (the web caches standing warnings for 30 s per worker: wait that out)
wait_for 70 sh -c "curl -s -b '$T/jar.alice' '$WEB_URL/' | grep -q 'keeps failing'"
ok $? "the home page warns about a failing channel"

# another user
web_add_user bob 'bob password 123'
is "$(web_login bob 'bob password 123')" 303 "bob signs in"
btok=$(web_csrf bob)
is "$(as bob GET "/channels/$id")" 404 "bob: alice's channel is a 404"
is "$(as bob POST "/channels/$id/test" --data-urlencode "csrf=$btok")" 404 "bob cannot test it"
is "$(as bob POST "/channels/$id/delete" --data-urlencode "csrf=$btok")" 404 "nor delete it"
as bob GET /channels >/dev/null
unlike "$(cat "$T/body")" 'My hook' "nor see it in his list"
is "$(as alice GET /channels/abc)" 404 "a bad id: 404"

is "$(as alice POST "/channels/$id/delete" --data-urlencode "csrf=$tok")" 303 "alice deletes it"
is "$(sql "select count(*) from channels where id = $id")" 0 "  gone"
is "$(as alice GET "/channels/$id")" 404 "  its page is a 404"
done_testing
