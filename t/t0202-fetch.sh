#!/bin/bash
# lib/fetch.c over loopback against the fake eBay: the size cap refuses a
# large body, a connection is kept alive and reused, a stalled reply ends
# at the timeout, and what deserves a retry (5xx, timeouts, refused
# connections; never 4xx).
. "${top_srcdir:-$(dirname "$0")/..}/t/lib.sh"
[ -f "$top_srcdir/t/lib-fake.sh" ] || skip_all "the fake eBay is not in this tree"
. "$top_srcdir/t/lib-fake.sh"

H=$top_builddir/t/t0209-ebay-helper
fake_start --clock 1773500000 --freeze-clock
fake_token || bail "no token from the fake"
AUTH="Authorization: Bearer $FAKE_TOKEN"
URL="$FAKE_URL/buy/browse/v1/item_summary/search?q=thinkpad&limit=100"

out=$(timeout 60 "$H" fetch 10000000 10000 "$URL" "$AUTH")
like "$out" 'fetch=1 res=ok status=200 bytes=[0-9]{5,}' "a 100-item page arrives whole"
like "$out" 'fetch=2 res=ok status=200' "twice"
like "$out" 'connections=1$' "one connection kept alive for both"

out=$(timeout 60 "$H" fetch 100000 10000 "$URL" "$AUTH")
like "$out" 'fetch=1 res=response too large status=200 bytes=0 ' "the size cap: a body past it is refused (by its Content-Length, before any byte)"

out=$(timeout 60 "$H" fetch 100000 10000 "$FAKE_URL/buy/browse/v1/item_summary/search?q=a" "Authorization: Bearer nope")
like "$out" 'fetch=1 res=ok status=401 .*retryable=no' "4xx: never retried"

fake_ctl POST '/__fake/fault?kind=500&count=1' >/dev/null
out=$(timeout 60 "$H" fetch 10000000 10000 "$URL" "$AUTH")
like "$out" 'fetch=1 res=ok status=500 .*retryable=yes' "5xx: retryable"
like "$out" 'fetch=2 res=ok status=200' "then served"

fake_ctl POST '/__fake/fault?kind=stall&count=1' >/dev/null
start=$(date +%s)
out=$(timeout 60 "$H" fetch 100000 1000 "$URL" "$AUTH")
like "$out" 'fetch=1 res=timed out status=0 .*retryable=yes' "a stalled reply times out, retryable"
ok $([ $(( $(date +%s) - start )) -lt 30 ]; echo $?) "bounded by the timeout"

port=$(free_port)
out=$(timeout 60 "$H" fetch 100000 2000 "http://127.0.0.1:$port/")
like "$out" 'fetch=1 res=connection failed status=0 .*retryable=yes' "connection refused: retryable"

done_testing
