#!/bin/bash
# Alerts through the real ebay-scan against the fake eBay: the first run is
# silent; later new listings alert once, one alert per listing even when
# two searches find it, delivered after the pass in one message per
# channel; a dead channel does not stop the others; a failed fetch makes
# no alert; a rerun sends nothing twice.
. "$top_srcdir/t/lib.sh"
[ -f "$top_srcdir/t/lib-fake.sh" ] || skip_all "the fake eBay is not in this tree"
. "$top_srcdir/t/lib-fake.sh"
. "$top_srcdir/t/lib-scan.sh"
. "$top_srcdir/t/lib-receiver.sh"
scan_setup

rcv_http hook; HP=$RCV_PORT
DEAD=$(free_port)
A=$(add_search cameras 'camera lens')
B=$(add_search lenses 'lens')
u=$(sql "select min(id) from users")
for s in $A $B; do sql "insert into alert_rules (search_id, kind) values ($s, 'new_match')" >/dev/null; done
hook=$(sql "insert into channels (user_id, name, kind, target) values ($u, 'hook', 'webhook', 'http://127.0.0.1:$HP/in') returning id" | head -n1)
dead=$(sql "insert into channels (user_id, name, kind, target) values ($u, 'dead', 'webhook', 'http://127.0.0.1:$DEAD/in') returning id" | head -n1)
sql "insert into search_channels values ($A, $hook), ($B, $hook), ($A, $dead)" >/dev/null

sum_alerts() {
	local f n=0
	for f in "$T/rcv-hook"/*.body; do
		[ -f "$f" ] || continue
		n=$((n + $(rcv_json "$f" count)))
	done
	echo $n
}

scan; st=$?
is "$st" 0 "first run exits 0"
ok "$([ "$(sql "select count(*) from search_hits")" -gt 0 ]; echo $?)" "the first run found listings"
is "$(sql "select count(*) from alerts")" 0 "first run: silent, no alert"
is "$(rcv_count hook)" 0 "  and no message"

advance 10800
make_due
scan; st=$?
is "$st" 0 "three hours later: exits 0 (a failing channel is not a failed search)"
new=$(sql "select count(distinct item_id) from search_hits where first_run_id in (select max(id) from scan_runs group by search_id)")
ok "$([ "$new" -gt 0 ]; echo $?)" "new listings this run ($new)"
is "$(sql "select count(*) from alerts where kind = 'new_match'")" "$new" "one alert per new listing"
both=$(sql "select count(*) from (select item_id from search_hits where first_run_id in (select max(id) from scan_runs group by search_id) group by item_id having count(distinct search_id) = 2) x")
is "$(sql "select count(*) from alerts where array_length(search_ids, 1) = 2")" "$both" "listings both searches found: one alert naming both ($both)"
is "$(rcv_count hook)" 1 "the hook got ONE message after the pass"
first=$(( new < 50 ? new : 50 ))
is "$(sum_alerts)" "$first" "  carrying $first alerts (50 at most per message)"
"$SCAN" --quiet deliver
is "$(sum_alerts)" "$new" "ebay-scan deliver sends the rest: every alert once"
is "$(sql "select count(*) from outbox where channel_id = $hook and state = 'sent'")" "$new" "hook rows sent"
ok "$([ "$(sql "select count(*) from outbox where channel_id = $dead and state = 'pending' and attempts = 1")" -gt 0 ]; echo $?)" \
    "the dead channel's rows wait for a retry"
like "$(sql "select error from deliveries where channel_id = $dead")" "onnect" "its failure is in the delivery log"

# delivery that cannot read its templates names the cause, never "no error"
EBAY_TEMPLATE_DIR=$T/no-templates "$SCAN" deliver >"$T/deliver.out" 2>&1
is "$?" 1 "deliver without templates exits 1"
like "$(cat "$T/deliver.out")" "no-templates" "  the log names the templates' directory"
unlike "$(cat "$T/deliver.out")" "no error" "  and never says 'no error'"

# a failed fetch: no events, so no alerts
alerts=$(sql "select count(*) from alerts")
msgs=$(rcv_count hook)
advance 10800
make_due
fake_ctl POST '/__fake/fault?kind=500&count=50' >/dev/null
scan
is "$(sql "select count(*) from alerts")" "$alerts" "failed fetches: no new alert"
is "$(rcv_count hook)" "$msgs" "  and no new message"
fake_ctl POST '/__fake/fault?kind=500&count=0' >/dev/null

# a rerun at the same time sends nothing twice
make_due
scan
scan
is "$(( $(sum_alerts) ))" "$(sql "select count(*) from outbox where channel_id = $hook and state = 'sent'")" \
    "every alert the hook got is sent once, no more"
is "$(sql "select count(*) from outbox where channel_id = $hook and state = 'pending'")" 0 "nothing left pending for the hook"
done_testing
