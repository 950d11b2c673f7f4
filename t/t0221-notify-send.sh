#!/bin/bash
# Every channel kind delivers to our receivers on loopback: the request is
# what the service expects, a hostile title survives in every format, and
# the receiver's real status and reply come back, failures included.
. "$top_srcdir/t/lib.sh"
. "$top_srcdir/t/lib-receiver.sh"

send() { "$top_builddir/t/receiver-send" "$@" 2>&1; }

rcv_http hook; HP=$RCV_PORT
rcv_smtp mail; SP=$RCV_PORT

# webhook (Apprise json://)
out=$(send --title "$HOSTILE_TITLE" "json://127.0.0.1:$HP/in/hook")
like "$out" '^ok 200' "webhook: delivered, HTTP 200"
like "$out" 'reply: \{"ok":true\}' "webhook: the receiver's reply comes back"
req=$(rcv_last hook req); body=$(rcv_last hook body)
like "$(head -n 1 "$req")" '^POST /in/hook$' "webhook: POST to the path"
like "$(cat "$req")" 'Content-Type: application/json' "webhook: JSON content type"
rcv_json "$body" >/dev/null; ok $? "webhook: the body is strict JSON"
is "$(rcv_json "$body" alerts.0.title)" "$HOSTILE_TITLE" "webhook: the hostile title comes back exactly"
is "$(rcv_json "$body" count)" 1 "webhook: count"

# digest: several alerts in one message
out=$(send --title "first" --title "second" --title "third" "json://127.0.0.1:$HP/digest")
like "$out" '^ok 200' "digest: delivered"
body=$(rcv_last hook body)
is "$(rcv_json "$body" count)" 3 "digest: one message carries three alerts"
is "$(rcv_json "$body" alerts.2.title)" third "digest: in order"

# ntfy on our own server (ntfy://host:port/topic): JSON to the root
out=$(send --title "$HOSTILE_TITLE" "ntfy://127.0.0.1:$HP/deals-1")
like "$out" '^ok 200' "ntfy: delivered"
req=$(rcv_last hook req); body=$(rcv_last hook body)
like "$(head -n 1 "$req")" '^POST /$' "ntfy: published to the server root"
is "$(rcv_json "$body" topic)" deals-1 "ntfy: topic"
like "$(rcv_json "$body" message)" 'alert\("x"\)' "ntfy: message has the title"
is "$(rcv_json "$body" click)" "https://www.ebay.com/itm/1234?a=1&b=2" "ntfy: click opens the listing"

# Discord and Slack: whole webhook URLs
out=$(send --kind discord --title "$HOSTILE_TITLE" "http://127.0.0.1:$HP/api/webhooks/1/tok")
like "$out" '^ok 200' "discord: delivered"
body=$(rcv_last hook body)
like "$(rcv_json "$body" content)" '\\\*b\\\*' "discord: markdown escaped"
is "$(rcv_json "$body" allowed_mentions.parse)" '[]' "discord: no mentions"
out=$(send --kind slack --title "$HOSTILE_TITLE" "http://127.0.0.1:$HP/services/T/B/C")
like "$out" '^ok 200' "slack: delivered"
body=$(rcv_last hook body)
like "$(rcv_json "$body" text)" '&lt;!here&gt;' "slack: entities escaped"

# Telegram through NOTIFY_TELEGRAM_API_BASE
out=$(NOTIFY_TELEGRAM_API_BASE=http://127.0.0.1:$HP send --title "$HOSTILE_TITLE" "tgram://123456:AbC-d/-10042")
like "$out" '^ok 200' "telegram: delivered"
req=$(rcv_last hook req); body=$(rcv_last hook body)
like "$(head -n 1 "$req")" '^POST /bot123456:AbC-d/sendMessage$' "telegram: Bot API path"
is "$(rcv_json "$body" chat_id)" -10042 "telegram: chat id"
like "$(rcv_json "$body" text)" 'café' "telegram: text intact"

# failures: the receiver's real status and reply
echo 503 >"$T/rcv-hook/status"
echo '{"error":"down for maintenance"}' >"$T/rcv-hook/reply"
out=$(send --title x "json://127.0.0.1:$HP/x")
like "$out" '^fail 503 the receiver answered HTTP 503' "HTTP 503 is a failure with its status"
like "$out" 'down for maintenance' "and the reply"
rm -f "$T/rcv-hook/status" "$T/rcv-hook/reply"
dead=$(free_port)
out=$(send --title x "json://127.0.0.1:$dead/x")
like "$out" '^fail 0 .*(connect|Connection refused)' "a closed port: a connection error"

# several channels at once: a dead one does not stop a good one
n=$(rcv_count hook)
out=$(send --title x "json://127.0.0.1:$dead/x" "json://127.0.0.1:$HP/ok")
like "$out" $'^fail 0 .*\nok 200' "dead + good at once: the good one delivered"
is "$(rcv_count hook)" $((n + 1)) "the good receiver got exactly one request"

# email through SMTP_URL, text + HTML
out=$(SMTP_URL=smtp://127.0.0.1:$SP SMTP_FROM=scanner@example.org send --title "$HOSTILE_TITLE" bob@example.org)
like "$out" '^ok 250' "email: delivered, SMTP 250"
like "$out" 'queued as' "email: the server's reply comes back"
eml=$(rcv_last mail eml); env=$(rcv_last mail env)
like "$(cat "$env")" 'from <scanner@example.org>' "email: envelope from SMTP_FROM"
like "$(cat "$env")" 'to <bob@example.org>' "email: envelope to the target"
joined=$(sed -e ':a' -e '/=\r$/{N;s/=\r\n//;ba' -e '}' "$eml" | tr -d '\r')
like "$joined" 'multipart/alternative' "email: multipart/alternative"
like "$joined" 'Content-Type: text/plain; charset=utf-8' "email: a text part"
like "$joined" 'Content-Type: text/html; charset=utf-8' "email: an HTML part"
like "$joined" 'Subject: =\?UTF-8\?B\?' "email: the subject is RFC 2047 encoded"
html=$(printf '%s' "$joined" | sed -n '/^Content-Type: text\/html/,$p')
text=$(printf '%s' "$joined" | sed -n '/^Content-Type: text\/plain/,/^Content-Type: text\/html/p')
unlike "$html" '<script>' "email: no raw <script> in the HTML part"
like "$html" '&lt;script&gt;alert' "email: the HTML part escapes the title"
like "$text" '<script>alert' "email: the text part keeps the title intact"
like "$joined" 'Subject:.*' "email: has a subject"

# mailto:// with its own server and login
out=$(send --title plain "mailto://user:pw@127.0.0.1:$SP?to=carol@example.org&from=me@example.org")
like "$out" '^ok 250' "mailto://: delivered through its own server"
like "$(cat "$(rcv_last mail env)")" 'auth yes' "mailto://: logged in"
like "$(cat "$(rcv_last mail env)")" 'to <carol@example.org>' "mailto://: to= recipient"

# an SMTP refusal comes back as such
touch "$T/rcv-mail/fail"
out=$(SMTP_URL=smtp://127.0.0.1:$SP SMTP_FROM=scanner@example.org send --title x bob@example.org)
like "$out" '^fail 451' "SMTP 451 is a failure with its code"
rm -f "$T/rcv-mail/fail"
out=$(send --title x bob@example.org)
like "$out" 'email is switched off' "no SMTP_URL: email says it is off"

# the test-send message
out=$(send --test "json://127.0.0.1:$HP/t")
body=$(rcv_last hook body)
is "$(rcv_json "$body" test)" true "test message flagged as a test"
done_testing
