#!/bin/bash
# The eBay client against the fake eBay over loopback: paging by next,
# token expiry, retries (5xx twice then reported), bad bodies, a stalled
# server bounded by the timeout, request errors without retry, headers,
# the multi interface, hostile listings, and every call counted.
. "${top_srcdir:-$(dirname "$0")/..}/t/lib.sh"
[ -f "$top_srcdir/t/lib-fake.sh" ] || skip_all "the fake eBay is not in this tree"
. "$top_srcdir/t/lib-fake.sh"

H=$top_builddir/t/t0209-ebay-helper
pg_start
migrate || bail "migrate failed"
fake_start --clock 1773500000 --freeze-clock

# stat NAME: one integer counter of the fake.
stat() { fake_stats | sed -n "s/.*\"$1\": *\([0-9]*\).*/\1/p"; }
# run ARGS...: the helper's output (stderr in $T/err).
run() { timeout 120 "$H" "$@" 2>"$T/err"; }
fault() { fake_ctl POST "/__fake/fault?kind=$1&count=$2" >/dev/null; }

# --- paging ----------------------------------------------------------------
out=$(run --q thinkpad --limit 10 --pages 3 --sort newly_listed search)
like "$out" 'search page=1 status=ok items=10 raw=10 dup=0 invalid=0 .*calls=1 .*next=yes' "page 1 of 10"
like "$out" 'search page=3 status=ok items=10 ' "page 3 reached by next"
like "$out" 'done items=30' "30 items over 3 pages"
is "$(stat token_calls)" 1 "one token minted"
is "$(stat search_calls)" 3 "three search calls"
ids=$(printf '%s\n' "$out" | sed -n 's/.* first=\([^ ]*\) .*/\1/p' | sort -u | wc -l)
is "$ids" 3 "each page starts with another item"

# Auctions are included unless excluded (eBay's default hides them).
out=$(run --q thinkpad --limit 200 search)
like "$out" 'auctions=[1-9]' "auctions included by default"
out=$(run --q thinkpad --limit 200 --format buy_it_now search)
like "$out" 'auctions=0 ' "buy_it_now only: no auction without Buy It Now"

# --- the token ---------------------------------------------------------------
t0=$(stat token_calls); s0=$(stat search_calls)
fault expire 1
out=$(run --q thinkpad search)
like "$out" 'status=ok .*calls=2 ' "expired token: one 401, then the retried call succeeds"
is "$(( $(stat token_calls) - t0 ))" 1 "exactly one re-mint after the 401"
is "$(( $(stat search_calls) - s0 ))" 2 "the call was retried once"
fault expire 2
out=$(run --q thinkpad search)
like "$out" 'status=error code=auth http=401 id=1001 calls=2' "401 twice: reported, no loop"
out=$(run --q thinkpad search)
like "$out" 'status=ok .*calls=2 ' "the next search renews the token the fake forgot"

# --- retries -------------------------------------------------------------------
s0=$(stat search_calls)
fault 500 3
out=$(run --q thinkpad search)
like "$out" 'status=error code=server http=500 id=12000 calls=3 ' "500: retried twice, then reported"
is "$(( $(stat search_calls) - s0 ))" 3 "fake saw 3 calls"

s0=$(stat search_calls)
fault 500 2
out=$(run --q thinkpad search)
like "$out" 'status=ok .*calls=3 ' "500 twice, then success on the third call"
is "$(( $(stat search_calls) - s0 ))" 3 "3 calls"

fault 502html 3
out=$(run --q thinkpad search)
like "$out" 'status=error code=server http=502 id=0 calls=3 .*message=HTTP 502$' "HTML 502: server error, no HTML in the message"

s0=$(stat search_calls)
fault truncate 3
out=$(run --q thinkpad search)
like "$out" 'status=error code=bad_response http=200 id=0 calls=3 .*message=truncated JSON' "truncated body reported after retries"
is "$(( $(stat search_calls) - s0 ))" 3 "truncated: 3 calls"

fault malformed 1
out=$(run --q thinkpad search)
like "$out" 'status=ok .*calls=2 ' "malformed once: retried, then fine"

fault cutoff 3
out=$(run --q thinkpad search)
like "$out" 'status=error code=(transport|bad_response) .*calls=3 ' "connection dropped mid-body: reported after retries"

s0=$(stat search_calls)
fault stall 3
start=$(date +%s)
out=$(run --timeout-ms 1000 --q thinkpad search)
el=$(( $(date +%s) - start ))
like "$out" 'status=error code=timeout http=0 .*calls=3 ' "stalled server: timeout after 3 attempts"
ok $([ "$el" -lt 50 ]; echo $?) "bounded by the timeout (${el}s, far below the fake's 60 s stall)"
is "$(( $(stat search_calls) - s0 ))" 3 "stall: 3 calls"

fault warning 1
out=$(run --q thinkpad search)
like "$out" 'status=ok .*warnings=1 warning_id=12002' "HTTP 200 warning surfaced"

# --- request errors: no retry ----------------------------------------------------
s0=$(stat search_calls)
out=$(run next "$FAKE_URL/buy/browse/v1/item_summary/search?q=a&limit=10&offset=5")
like "$out" 'status=error code=request http=400 id=12515 calls=1 ' "400 12515: reported with errorId, not retried"
is "$(( $(stat search_calls) - s0 ))" 1 "one call for a 4xx"

s0=$(stat search_calls)
out=$(run next "http://127.0.0.2:1/buy/browse/v1/item_summary/search?q=a")
like "$out" 'status=error code=invalid .*calls=0 ' "a next URL elsewhere is refused"
is "$(( $(stat search_calls) - s0 ))" 0 "and nothing was sent"

# --- headers -------------------------------------------------------------------------
out=$(run --q thinkpad --marketplace EBAY_GB search)
like "$out" 'price="[0-9.]+ GBP"' "marketplace header sent: GBP prices"
like "$(fake_stats)" '"EBAY_GB": *1' "the fake counted one EBAY_GB search"
out=$(EBAY_AFFILIATE_CAMPAIGN_ID=5339000000 run --q thinkpad search)
like "$out" 'link=[^ ]*campid=' "affiliate campaign: links are affiliate URLs"
out=$(run --q thinkpad search)
unlike "$out" 'link=[^ ]*campid=' "no campaign: plain item URLs"

# --- exclude words, hostile data -------------------------------------------------------
out=$(run --q thinkpad --limit 20 --exclude thinkpad search)
like "$out" 'items=0 raw=20 .*excluded=20 ' "exclude words drop matching titles"
fake_ctl POST '/__fake/hostile?on=1' >/dev/null
out=$(run --q thinkpad --limit 50 search)
like "$out" 'status=ok items=[0-9]+ raw=50 dup=1 invalid=[1-9]' "hostile page: repeated id dropped, \\u0000 items dropped"
fake_ctl POST '/__fake/hostile?on=0' >/dev/null

# --- multi -------------------------------------------------------------------------------
s0=$(stat search_calls)
out=$(run --q thinkpad --q "think pad" --q "x220 tablet" --limit 10 --pages 2 --concurrency 2 --source worker multi)
like "$out" 'done items=60 ok_callbacks=6 failed=0 cb_off_main=0' "multi: 3 searches x 2 pages"
is "$(printf '%s\n' "$out" | grep -c 'page=2 status=ok')" 3 "each followed its next"
is "$(( $(stat search_calls) - s0 ))" 6 "6 calls"
s0=$(stat search_calls)
fault 500 2
out=$(run --q thinkpad --q other --limit 10 --concurrency 2 --source worker multi)
like "$out" 'ok_callbacks=2 failed=0' "multi: 5xx retried inside"
is "$(( $(stat search_calls) - s0 ))" 4 "2 retries + 2 calls"
# Pages are parsed on the multi's parser thread: one that does not parse
# (cut short) is retried like a 5xx, and every callback is still made on
# the run's own thread.
s0=$(stat search_calls)
fault truncate 2
out=$(run --q thinkpad --q other --q third --limit 10 --pages 2 --concurrency 3 --source worker multi)
like "$out" 'items=60 ok_callbacks=6 failed=0 cb_off_main=0' "multi: a truncated page is retried inside"
is "$(( $(stat search_calls) - s0 ))" 8 "2 retries + 6 calls"
t0=$(stat token_calls)
fault expire 1
out=$(run --q thinkpad --q other --q third --limit 10 --concurrency 3 --source worker multi)
like "$out" 'ok_callbacks=3 failed=0' "multi: a 401 renews the token and retries"
is "$(( $(stat token_calls) - t0 ))" 1 "one re-mint for all the calls refused at once"

# A wake-up from another thread (a writer made room in ebay-scan's queue):
# the run calls back on its own thread, where a search may be added.
out=$(run --q thinkpad --q other --wake-add third --limit 10 --concurrency 1 --source worker multi)
like "$out" 'ok_callbacks=3 failed=0' "multi: a search added on a wake-up runs"
like "$out" 'woken=1 off_main=0' "... called back once, on the run's thread"

# The run's deadline (ebay-scan --max-seconds): what is under way is
# aborted and every search left is called back as cancelled.
fake_ctl POST '/__fake/fault?kind=stall&count=3' >/dev/null
start=$(date +%s)
out=$(run --q a --q b --q c --limit 10 --concurrency 3 --deadline 2 --timeout-ms 30000 --source worker multi)
el=$(( $(date +%s) - start ))
like "$out" 'ok_callbacks=0 failed=3' "deadline: every search called back"
is "$(printf '%s\n' "$out" | grep -c 'code=cancelled')" 3 "... as cancelled"
ok $([ "$el" -lt 20 ]; echo $?) "the deadline cut the 30 s timeouts short (${el}s)"

# --- accounting and secrets -----------------------------------------------------------------------
is "$(sql "select coalesce(sum(calls), 0) from ebay_calls")" "$(stat search_calls)" "every search call counted in ebay_calls"
w=$(sql "select calls from ebay_calls where source = 'worker'")
ok $([ "${w:-0}" -ge 14 ]; echo $?) "worker calls counted apart ($w)"
is "$(sql "select count(*) from ebay_calls where day = (now() at time zone 'America/Los_Angeles')::date")" 2 "one row per source for today's eBay day"

LOG_LEVEL=debug run --q thinkpad search >/dev/null
tok=$(sql "select substr(access_token, 1, 60) from ebay_tokens")
ok $([ -n "$tok" ] && ! grep -qF "$tok" "$T/err"; echo $?) "the token never reaches the log"
ok $(! grep -q 'demo-secret' "$T/err"; echo $?) "nor the secret"

out=$(EBAY_CLIENT_ID=nobody EBAY_CLIENT_SECRET=wrong-secret-xyz run --q thinkpad search)
like "$out" 'status=error code=auth http=401 .*message=invalid_client' "bad keyset: OAuth error read"
ok $(! grep -q 'wrong-secret-xyz' "$T/err"; echo $?) "the bad secret is not logged"

done_testing
