#!/bin/bash
# Accounts through nginx: /setup only while no user exists, /login with
# throttling, sessions (cookie flags, expiry, sliding), CSRF, /logout.
. "$top_srcdir/t/lib.sh"
. "$top_srcdir/t/lib-web.sh"
pg_start
migrate || bail "migrate failed"
web_start

# No user yet: everything leads to /setup.
is "$(http GET /)" 303 "signed out: / redirects"
like "$(cat "$T/headers")" "Location: /login\?next=%2F" "to /login with next"
is "$(http GET /login)" 303 "no user yet: /login redirects"
like "$(cat "$T/headers")" "Location: /setup" "to /setup"
is "$(http GET /setup -c "$T/jar.x")" 200 "/setup offered"
like "$(cat "$T/body")" 'name="password2"' "setup form"
like "$(cat "$T/headers")" "Set-Cookie: pcsrf=[^;]+; Path=/; Max-Age=7200; HttpOnly; SameSite=Strict" "pre-session CSRF cookie"

# Setup: CSRF and validation.
is "$(http POST /setup -d 'username=a&password=secret123&password2=secret123')" 403 "setup without CSRF: 403"
tok=$(web_csrf_of "$T/body")
http GET /setup -c "$T/jar.x" -b "$T/jar.x" >/dev/null
tok=$(web_csrf_of "$T/body")
is "$(http POST /setup -b "$T/jar.x" --data-urlencode "csrf=$tok" -d 'username=alice&password=short&password2=short')" 400 "short password: 400"
like "$(cat "$T/body")" "at least 8 characters" "names the problem"
like "$(cat "$T/body")" 'value="alice"' "user name refilled"
like "$(cat "$T/body")" 'id="password"[^>]*aria-invalid="true"' "password marked invalid"
is "$(http POST /setup -b "$T/jar.x" --data-urlencode "csrf=$tok" -d 'username=alice&password=secret123&password2=other123')" 400 "passwords differ: 400"
is "$(web_setup alice 'secret pass 1')" 303 "setup creates the first account"
like "$(grep -c . <<<"$(sql 'select username from users')")" '^1$' "one user"
is "$(sql "select password_hash like '\$y\$%' from users")" t "password hashed with yescrypt"
is "$(sql "select count(*) from sessions")" 1 "a session was stored"
is "$(sql "select length(token_hash) from sessions")" 64 "only its SHA-256"
sidv=$(awk '$6 == "sid" { print $7 }' "$T/jar.alice")
is "$(sql "select count(*) from sessions where token_hash = '$sidv'")" 0 "the cookie value is not stored"

# After setup, /setup is gone.
is "$(http GET /setup)" 303 "setup again: redirected"
like "$(cat "$T/headers")" "Location: /login" "to /login"
http GET /setup -c "$T/jar.y" >/dev/null
tok=$(web_csrf_of "$T/body")
http GET /login -c "$T/jar.y" -b "$T/jar.y" >/dev/null
tok=$(web_csrf_of "$T/body")
is "$(http POST /setup -b "$T/jar.y" --data-urlencode "csrf=$tok" -d 'username=eve&password=secret123&password2=secret123')" 404 "a second setup: 404"
is "$(sql "select count(*) from users")" 1 "no second user"

# Signed in: the start page, with the session's CSRF token in the logout form.
is "$(as alice GET /)" 200 "signed in: / answers"
like "$(cat "$T/body")" '<form class="logout" method="post" action="/logout">' "logout form"
like "$(cat "$T/body")" 'Demo mode' "demo banner"
like "$(cat "$T/body")" 'eBay is a trademark of eBay Inc' "eBay attribution"
like "$(cat "$T/body")" 'alice' "user shown"

# Login: cookie flags, wrong password, unknown user look the same.
is "$(web_login alice 'secret pass 1')" 303 "login"
http GET /login -c "$T/jar.z" >/dev/null
tok=$(web_csrf_of "$T/body")
code=$(http POST /login -b "$T/jar.z" -c "$T/jar.z" --data-urlencode "csrf=$tok" -d 'username=alice&password=secret+pass+1')
is "$code" 303 "login answers 303"
like "$(cat "$T/headers")" "Set-Cookie: sid=[A-Za-z0-9_-]{43}; Path=/; Max-Age=1209600; HttpOnly; SameSite=Lax" "session cookie: HttpOnly, SameSite=Lax, Path, expiry"
unlike "$(cat "$T/headers")" "Secure" "no Secure over http"
like "$(cat "$T/headers")" "Location: /[[:space:]]*$" "to /"
code=$(http POST /login -b "$T/jar.z" --data-urlencode "csrf=$tok" -d 'username=alice&password=wrong')
is "$code" 401 "wrong password: 401"
like "$(cat "$T/body")" "Wrong user name or password" "generic message"
wrong=$(sed -n '/<main/,/<\/main>/p' "$T/body" | grep -v 'csrf\|value=')
code=$(http POST /login -b "$T/jar.z" --data-urlencode "csrf=$tok" -d 'username=nobody&password=wrong')
is "$code" 401 "unknown user: 401 too"
unknown=$(sed -n '/<main/,/<\/main>/p' "$T/body" | grep -v 'csrf\|value=')
is "$unknown" "$wrong" "same page for an unknown user"
is "$(http POST /login -d 'username=alice&password=x')" 403 "login without CSRF: 403"

# next=: local paths only.
code=$(http POST /login -b "$T/jar.z" --data-urlencode "csrf=$tok" -d 'username=alice&password=secret+pass+1&next=/searches')
like "$(cat "$T/headers")" "Location: /searches" "next= honoured"
code=$(http POST /login -b "$T/jar.z" --data-urlencode "csrf=$tok" -d 'username=alice&password=secret+pass+1&next=//evil.example/x')
like "$(cat "$T/headers")" "Location: /[[:space:]]*$" "next=//host refused"
code=$(http POST /login -b "$T/jar.z" --data-urlencode "csrf=$tok" -d 'username=alice&password=secret+pass+1&next=https://evil.example/')
like "$(cat "$T/headers")" "Location: /[[:space:]]*$" "next=https://... refused"

# Throttling: five failures for a name, then 429 even with the right password.
for i in 1 2 3 4 5; do
	http POST /login -b "$T/jar.z" --data-urlencode "csrf=$tok" -d "username=alice&password=bad$i" >/dev/null
done
is "$(http POST /login -b "$T/jar.z" --data-urlencode "csrf=$tok" -d 'username=alice&password=secret+pass+1')" 429 "after 5 failures: 429"
like "$(cat "$T/body")" "Too many failed sign-in attempts" "says why"
like "$(cat "$T/headers")" "Retry-After: " "with Retry-After"
is "$(sql "select count(*) from login_failures where username = 'alice'")" 5 "failures recorded"
sql "update login_failures set failed_at = now() - interval '16 minutes'" >/dev/null
is "$(http POST /login -b "$T/jar.z" --data-urlencode "csrf=$tok" -d 'username=alice&password=secret+pass+1')" 303 "after the window: allowed again"

# CSRF on state-changing forms of a session.
is "$(as alice POST /logout)" 403 "logout without CSRF: 403"
is "$(as alice POST /logout -d csrf=wrong)" 403 "wrong CSRF: 403"
like "$(cat "$T/body")" "did not come from this site" "says why"
is "$(as alice GET /logout)" 405 "GET /logout: 405"
like "$(cat "$T/headers")" "Allow: POST" "Allow: POST"

# Sliding expiry: a session idle for a while gets a new expiry and cookie.
sql "update sessions set last_seen_at = now() - interval '1 hour', expires_at = now() + interval '1 day'" >/dev/null
as alice GET / >/dev/null
like "$(cat "$T/headers")" "Set-Cookie: sid=.*Max-Age=1209600" "used after a while: cookie renewed"
is "$(sql "select bool_and(expires_at > now() + interval '13 days') from sessions where last_seen_at > now() - interval '1 minute'")" t "and the row's expiry"

# Expiry: an expired session is no session.
sql "update sessions set expires_at = now() - interval '1 second'" >/dev/null
is "$(as alice GET /searches)" 303 "expired session: redirected"
like "$(cat "$T/headers")" "Location: /login\?next=%2Fsearches" "to /login"
sql "update sessions set expires_at = now() + interval '1 day'" >/dev/null

# Logout deletes the session and the cookie.
tok=$(web_csrf alice)
sidv=$(awk '$6 == "sid" { print $7 }' "$T/jar.alice")
n=$(sql "select count(*) from sessions")
is "$(as alice POST /logout --data-urlencode "csrf=$tok")" 303 "logout"
like "$(cat "$T/headers")" "Set-Cookie: sid=; Path=/; Max-Age=0" "cookie cleared"
is "$(sql "select count(*) from sessions")" $((n - 1)) "session row deleted"
is "$(http GET / -H "Cookie: sid=$sidv")" 303 "the old cookie no longer works"

# Bad input is answered, never crashed on.
is "$(http POST /login -b "$T/jar.z" --data-urlencode "csrf=$tok" -d 'username=%zz&password=%00')" 403 "pcsrf from another jar: 403"
http GET /login -c "$T/jar.w" >/dev/null
tok=$(web_csrf_of "$T/body")
is "$(http POST /login -b "$T/jar.w" --data-urlencode "csrf=$tok" --data-urlencode "username=$(head -c 300 /dev/zero | tr '\0' a)" -d 'password=x')" 400 "overlong user name: 400"
head -c 2000000 /dev/zero >"$T/big"
is "$(http POST /login --data-binary @"$T/big")" 413 "oversized body: 413"
is "$(http GET /nowhere)" 404 "unknown route: 404"
like "$(cat "$T/body")" "There is nothing at this address" "HTML 404 page"
is "$(http GET /nowhere -H 'Accept: application/json')" 404 "unknown route, JSON asked"
like "$(cat "$T/body")" '"status":404' "JSON 404"

# Database down: 503 at once, and back by itself.
pg_stop
is "$(http GET /login)" 503 "database down: 503"
like "$(cat "$T/headers")" "Retry-After: " "with Retry-After"
pg_ctl_start || bail "PostgreSQL did not restart"
wait_for 5 sh -c "[ \"\$(curl -s -o /dev/null -w '%{http_code}' $WEB_URL/login)\" = 200 ]"
is "$(http GET /login)" 200 "database back: 200"
done_testing
