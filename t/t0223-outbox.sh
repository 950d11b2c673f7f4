#!/bin/bash
# The outbox through `ebay-scan deliver`: one message per run per channel
# grouping its due alerts; digests wait for their hour; a dead channel does
# not hold up the others; a receiver down for three runs gets each alert
# exactly once when it is back; the delivery log keeps the receiver's real
# status and reply; rows die after the last attempt; two runs at once send
# nothing twice.  The clock is EBAY_SCAN_NOW.
. "$top_srcdir/t/lib.sh"
. "$top_srcdir/t/lib-receiver.sh"
. "$top_srcdir/t/lib-alerts.sh"
pg_start
migrate || bail "migrate failed"

deliver() { EBAY_SCAN_NOW="$1" "$top_builddir/cron/ebay-scan" --quiet deliver 2>>"$T/deliver.log"; }
# total alerts a receiver got, over all its messages
got_alerts() {
	local f n=0
	for f in "$T/rcv-$1"/*.body; do
		[ -f "$f" ] || continue
		n=$((n + $(rcv_json "$f" count)))
	done
	echo $n
}
titles() { local f; for f in "$T/rcv-$1"/*.body; do [ -f "$f" ] || continue; rcv_json "$f" alerts | tr ',' '\n' | grep -o '"title":"[^"]*"'; done | sort; }

rcv_http good; GOOD=$RCV_PORT
rcv_http dig; DIG=$RCV_PORT
rcv_http busy; BUSY=$RCV_PORT
echo 503 >"$T/rcv-busy/status"; echo '{"error":"busy, come back later"}' >"$T/rcv-busy/reply"
DOWN=$(free_port); DEAD=$(free_port)

u=$(al_user alice)
A=$(al_search "$u" "Lenses")
al_rule "$A" new_match >/dev/null
c_good=$(al_channel "$u" webhook "http://127.0.0.1:$GOOD/hook")
c_dead=$(al_channel "$u" webhook "http://127.0.0.1:$DEAD/hook")
c_down=$(al_channel "$u" webhook "http://127.0.0.1:$DOWN/hook")
c_dig=$(al_channel "$u" webhook "http://127.0.0.1:$DIG/hook" hourly)
c_busy=$(al_channel "$u" webhook "http://127.0.0.1:$BUSY/hook")
for c in $c_good $c_dead $c_down $c_dig $c_busy; do al_link "$A" "$c"; done

T0="2030-01-01 10:05:00+00"
al_listing i1 "$HOSTILE_TITLE" 10; al_listing i2 "second lens" 20; al_listing i3 "third lens" 30
for i in i1 i2 i3; do EBAY_SCAN_NOW=$T0 al_new 1 "$A" $i; done
EBAY_SCAN_NOW=$T0 al_rules "$A" 1 >/dev/null
is "$(al_outbox)" 15 "3 alerts x 5 channels in the outbox"

deliver "$T0"; st=$?
is "$st" 1 "deliver: exit 1 when some channel failed"
is "$(rcv_count good)" 1 "good channel: ONE message"
is "$(got_alerts good)" 3 "  carrying the three alerts"
is "$(rcv_json "$(rcv_last good body)" alerts.0.title)" "$HOSTILE_TITLE" "  the hostile title arrives intact in JSON"
is "$(rcv_json "$(rcv_last good body)" alerts.0.searches)" "Lenses" "  naming the search"
is "$(sql "select count(*) from outbox where channel_id = $c_good and state = 'sent'")" 3 "  its rows are sent"
is "$(sql "select count(*) from outbox where channel_id = $c_dead and state = 'pending' and attempts = 1")" 3 "dead channel: rows pending, one attempt"
like "$(sql "select error from deliveries where channel_id = $c_dead")" "onnect" "  the delivery log says why"
is "$(rcv_count dig)" 0 "hourly digest: nothing before the hour"
is "$(sql "select ok::text || ' ' || http_status || ' ' || response from deliveries where channel_id = $c_busy")" 'false 503 {"error":"busy, come back later"}' "delivery log: the receiver's real status and reply"
is "$(sql "select consecutive_failures from channels where id = $c_busy")" 1 "  the channel counts the failure"

deliver "$T0"
is "$(rcv_count good)" 1 "deliver again: nothing more to the good channel"
is "$(sql "select count(*) from deliveries where channel_id = $c_dead")" 1 "the failed channel waits for its backoff"

deliver "2030-01-01 10:30:00+00"
is "$(rcv_count dig)" 0 "digest: still nothing at 10:30"
deliver "2030-01-01 11:00:00+00"
is "$(rcv_count dig)" 1 "digest: one message at 11:00"
is "$(got_alerts dig)" 3 "  with all three alerts"

# the down channel: three failed runs (one above), a new alert meanwhile
deliver "2030-01-01 11:10:00+00"
al_listing i4 "fourth lens" 40; EBAY_SCAN_NOW="2030-01-01 11:11:00+00" al_new 2 "$A" i4
EBAY_SCAN_NOW="2030-01-01 11:11:00+00" al_rules "$A" 2 >/dev/null
deliver "2030-01-01 11:12:00+00"
is "$(sql "select count(*) from deliveries where channel_id = $c_down and not ok")" 5 "the down channel failed at each of five runs"
is "$(rcv_count good)" 2 "meanwhile the good channel got the new alert"
is "$(got_alerts good)" 4 "  (4 alerts in all, each once)"
rcv_http down "$DOWN"
deliver "2030-01-01 11:30:00+00"
is "$(rcv_count down)" 1 "receiver back: one message"
is "$(got_alerts down)" 4 "  with every alert"
is "$(titles down | sort -u | wc -l)" 4 "  each alert once"
deliver "2030-01-01 12:30:00+00"
deliver "2030-01-02 12:30:00+00"
is "$(got_alerts down)" 4 "later runs send nothing again"
is "$(sql "select consecutive_failures from channels where id = $c_down")" 0 "the channel's failures are reset"

# the dead channel dies after the last attempt
sql "update outbox set attempts = 9 where channel_id = $c_dead" >/dev/null
deliver "2030-01-05 00:00:00+00"
is "$(sql "select count(*) from outbox where channel_id = $c_dead and state = 'dead'")" 4 "after 10 attempts the rows are dead"
deliver "2030-01-06 00:00:00+00"
is "$(sql "select count(*) from deliveries where channel_id = $c_dead and attempted_at > now() - interval '1 minute'")" \
   "$(sql "select count(*) from deliveries where channel_id = $c_dead")" "(deliveries logged)"
n=$(sql "select count(*) from deliveries where channel_id = $c_dead")
deliver "2030-01-07 00:00:00+00"
is "$(sql "select count(*) from deliveries where channel_id = $c_dead")" "$n" "dead rows are not tried again"

# two runs at once never send an alert twice
for i in $(seq 10 29); do al_listing "k$i" "lens $i" 5; EBAY_SCAN_NOW="2030-01-08 00:00:00+00" al_new 3 "$A" "k$i"; done
EBAY_SCAN_NOW="2030-01-08 00:00:00+00" al_rules "$A" 3 >/dev/null
before=$(got_alerts good)
deliver "2030-01-08 00:00:00+00" & p1=$!
deliver "2030-01-08 00:00:00+00" & p2=$!
wait $p1 $p2
is "$(( $(got_alerts good) - before ))" 20 "two runs at once: 20 alerts delivered, none twice"
is "$(titles good | sort | uniq -d | wc -l)" 0 "  no title twice"
done_testing
