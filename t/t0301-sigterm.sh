#!/bin/bash
# The FastCGI loop: SIGTERM ends the program after the request in flight;
# plain-CGI mode serves one request from the environment.
. "$top_srcdir/t/lib.sh"
pg_start
migrate || bail "migrate failed"

out=$(REQUEST_METHOD=GET DOCUMENT_URI=/healthz "$top_builddir/cgi/health" </dev/null)
like "$out" "^Status: 200 OK" "CGI mode: one request on stdin/stdout"
like "$out" '"status":"ok"' "CGI mode: JSON body"
out=$(REQUEST_METHOD=GET DOCUMENT_URI=/healthz DATABASE_URL="postgresql://app:app@127.0.0.1:1/app" "$top_builddir/cgi/health" </dev/null)
like "$out" "^Status: 503" "CGI mode: 503 with the database down"
out=$(DATABASE_URL= "$top_builddir/cgi/health" </dev/null 2>&1); st=$?
is "$st" 78 "no DATABASE_URL: exits 78 (EX_CONFIG)"
like "$out" "DATABASE_URL" "and names the variable"

command -v "${SPAWN_FCGI:-spawn-fcgi}" >/dev/null || { skip "no spawn-fcgi"; done_testing; }
sock=$T/h.sock
"${SPAWN_FCGI:-spawn-fcgi}" -s "$sock" -P "$T/h.pid" -- "$top_builddir/cgi/health" >/dev/null 2>&1
pid=$(cat "$T/h.pid"); at_exit "kill -KILL $pid"
wait_for 5 test -S "$sock"
ok $? "spawned under spawn-fcgi"
kill -TERM "$pid"
wait_for 3 eval "! kill -0 $pid"
ok $? "SIGTERM while idle: exits promptly"
done_testing
