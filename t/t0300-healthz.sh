#!/bin/bash
# GET /healthz through nginx -> FastCGI -> PostgreSQL: 200, then 503 within
# a second of PostgreSQL stopping, then 200 again once it is back, with no
# restart of anything.
. "$top_srcdir/t/lib.sh"
pg_start
migrate || bail "migrate failed"
web_start

is "$(http GET /healthz)" 200 "healthz answers 200 with the database up"
like "$(cat "$T/body")" '"status":"ok"' "JSON body says ok"
like "$(cat "$T/headers")" "Content-Type: application/json" "JSON content type"
like "$(cat "$T/headers")" "X-Content-Type-Options: nosniff" "nosniff header"
like "$(cat "$T/headers")" "Content-Security-Policy: .*frame-ancestors 'none'" "CSP forbids framing"
like "$(cat "$T/headers")" "Content-Security-Policy: .*img-src[^;]*ebayimg.com" "CSP allows eBay images"
like "$(cat "$T/headers")" "Referrer-Policy: " "referrer policy"
is "$(http HEAD /healthz)" 200 "HEAD works too"
is "$(http POST /healthz -d x=1)" 405 "POST /healthz: 405"
like "$(cat "$T/headers")" "Allow: GET, HEAD" "with Allow"
like "$(cat "$T/body")" '"status":405' "an API route answers its 405 in JSON"
is "$(http GET /nowhere)" 404 "unknown route: 404"
head -c 2000000 /dev/zero >"$T/big"
is "$(http POST /healthz --data-binary @"$T/big")" 413 "an oversized body: 413"

pg_stop
start=$(date +%s%N)
code=$(http GET /healthz)
ms=$(( ($(date +%s%N) - start) / 1000000 ))
is "$code" 503 "PostgreSQL stopped: 503"
like "$(cat "$T/body")" '"database":"down"' "body says the database is down"
ok $([ "$ms" -lt 1500 ] && echo 0 || echo 1) "503 came quickly (${ms} ms)"
code=$(http GET /healthz)
is "$code" 503 "still 503 while it is down"

pg_ctl_start || bail "PostgreSQL did not restart"
wait_for 5 sh -c "[ \"\$(curl -s -o /dev/null -w '%{http_code}' $WEB_URL/healthz)\" = 200 ]"
is "$(http GET /healthz)" 200 "PostgreSQL back: 200 again without a restart"
# Both children of multiwatch have reconnected (each request may land on either).
for i in 1 2 3 4; do codes="${codes:-}$(http GET /healthz)"; done
is "$codes" 200200200200 "every worker recovered"
done_testing
