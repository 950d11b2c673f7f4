#!/bin/bash
# The FastCGI programs' caches of sessions and pages (cgi/cache.c): a page
# changed by a web POST is fresh on the next GET, also through another
# program; a change made with psql shows up (the NOTIFY may take a moment:
# a bounded retry, no timing assertion); logout and an expired session take
# effect; one user's (or session's) cached page never reaches another.
. "$top_srcdir/t/lib.sh"
. "$top_srcdir/t/lib-web.sh"
pg_start
migrate || bail "migrate failed"
web_start
web_alice_and_bob
tok=$(web_csrf alice)
as alice POST /searches --data-urlencode "csrf=$tok" -d 'q=thinkpad&name=Alpha&interval=30&alert_new=1' >/dev/null
id=$(sed -n 's/^Location: \/searches\/\([0-9]*\).*/\1/p' "$T/headers")
like "$id" '^[0-9]+$' "alice has a saved search"
sid=$(awk '$6 == "sid" { print $7 }' "$T/jar.alice")

# get PATH: alice's page, several times so that every worker has it cached.
get() {
	local i
	for i in 1 2 3 4; do curl -s -o "$T/page" -b "sid=$sid" "$WEB_URL$1"; done
	cat "$T/page"
}
# eventually PATH REGEX: the page matches within 10 s (a NOTIFY's way).
eventually() {
	local i
	for i in $(seq 100); do
		curl -s -o "$T/page" -b "sid=$sid" "$WEB_URL$1"
		grep -Eq -- "$2" "$T/page" && return 0
		sleep 0.1
	done
	return 1
}

# notify SWITCH: the tables' change triggers (sql/0020) on or off.  Off,
# only the generation the web's own writes bump keeps pages fresh.
notify() {
	sql "do \$\$ declare t text; begin for t in select distinct tgrelid::regclass::text from pg_trigger where tgname like '%_web_%' loop execute format('alter table %s ${1}able trigger user', t); end loop; end \$\$" >/dev/null
}
notify dis
is "$(sql "select count(*) from pg_trigger where tgname like '%_web_%' and tgenabled = 'D'")" 80 "NOTIFY triggers off (21 tables; 0031 folds four tables' insert and update triggers into one)"

# A web POST: the next GET, on any worker, shows it.
like "$(get /searches)" 'Alpha' "the list, cached"
as alice POST "/searches/$id" --data-urlencode "csrf=$tok" -d 'q=thinkpad&name=Bravo&interval=30&alert_new=1' >/dev/null
page=$(get /searches)
like "$page" 'Bravo' "renamed through the web: fresh on every worker at once"
unlike "$page" 'Alpha' "  the old name is gone"

# Through another program: a channel added at /channels shows at once in
# the saved search's form (served by the searches program).
unlike "$(get "/searches/$id")" 'Cachehook' "no channel yet"
code=$(as alice POST /channels --data-urlencode "csrf=$tok" --data-urlencode "name=Cachehook" \
    --data-urlencode "url=json://127.0.0.1:9/in" --data-urlencode "mode=instant")
is "$code" 303 "channel added through the channels program"
like "$(get "/searches/$id")" 'Cachehook' "  the searches program shows it at once"

# One user's page never reaches another (nor another session's CSRF).
get /searches >/dev/null
as bob GET /searches >/dev/null
unlike "$(cat "$T/body")" 'Bravo' "bob does not get alice's cached list"
like "$(cat "$T/body")" 'bob' "  but his own"
is "$(as bob GET "/searches/$id")" 404 "nor her search"
acsrf=$(web_csrf_of "$T/page")
cp "$T/jar.alice" "$T/jar.alice1"
is "$(web_login alice 'alice pass 1')" 303 "alice signs in a second time"
as alice GET /searches >/dev/null
bcsrf=$(web_csrf_of "$T/body")
like "$bcsrf" '.' "the second session's page has a CSRF token"
[ "$acsrf" != "$bcsrf" ]
ok $? "  its own, not the first session's cached one"

# Flash notices: shown once, never cached.
as alice POST "/searches/$id/run" --data-urlencode "csrf=$bcsrf" >/dev/null
is "$(as alice GET "/searches/$id")" 200 "after a POST with a notice"
flash=$(grep -c 'class="msg msg-notice"' "$T/body")
as alice GET "/searches/$id" >/dev/null
is "$(grep -c 'class="msg msg-notice"' "$T/body")" "$((flash > 0 ? flash - 1 : 0))" "  the notice is not shown again"

# Logout takes effect at once, on every worker.
get /searches >/dev/null
as alice1 POST /logout --data-urlencode "csrf=$acsrf" >/dev/null
for i in 1 2 3 4; do
	code=$(curl -s -o /dev/null -w '%{http_code}' -b "sid=$sid" "$WEB_URL/searches")
	[ "$code" = 303 ] || break
done
is "$code" 303 "the logged-out session's cached pages are gone"

# An answer that sets a cookie is never cached: a session used again after
# AUTH_SLIDE slides and gets its cookie anew on a 200 page; the next views
# (on any worker, triggers still off) must not replay that Set-Cookie.
sid2=$(awk '$6 == "sid" { print $7 }' "$T/jar.alice")
sql "update sessions set last_seen_at = now() - interval '11 minutes'" >/dev/null
as bob POST /logout --data-urlencode "csrf=$(web_csrf bob)" >/dev/null	# drops the caches
code=$(curl -s -o /dev/null -D "$T/slid" -w '%{http_code}' -b "sid=$sid2" "$WEB_URL/searches")
is "$code" 200 "a slid session's page"
like "$(cat "$T/slid")" 'Set-Cookie: sid=' "  sets the session cookie again"
n=0
for i in $(seq 12); do
	curl -s -o /dev/null -D "$T/slid" -b "sid=$sid2" "$WEB_URL/searches"
	grep -qi '^Set-Cookie:' "$T/slid" && n=$((n + 1))
done
is "$n" 0 "  that answer was not cached: no later view sets a cookie"

# psql: the NOTIFY drops the cached pages and sessions (a session is
# otherwise kept a minute).
notify en
sid=$(awk '$6 == "sid" { print $7 }' "$T/jar.alice")
get /searches >/dev/null
sql "update saved_searches set name = 'Charlie' where id = $id" >/dev/null
eventually /searches 'Charlie'
ok $? "renamed with psql: the page follows"
unlike "$(get /searches)" 'Bravo' "  and stays fresh"

# A session expired with psql: signed out (after the NOTIFY).
sql "update sessions set expires_at = now() - interval '1 second'" >/dev/null
for i in $(seq 100); do
	code=$(curl -s -o /dev/null -w '%{http_code}' -b "sid=$sid" "$WEB_URL/searches")
	[ "$code" = 303 ] && break
	sleep 0.1
done
is "$code" 303 "an expired session signs out"
done_testing
