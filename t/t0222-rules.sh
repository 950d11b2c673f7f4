#!/bin/bash
# Alert rules fire exactly when they should: new match (under a total, same
# currency), price crossing into a range in a direction with hysteresis,
# auctions ending soon with few bids, the silent first run, one alert for
# a listing several searches match, and nothing without events.
. "$top_srcdir/t/lib.sh"
. "$top_srcdir/t/lib-alerts.sh"
pg_start
migrate || bail "migrate failed"

u=$(al_user alice); u2=$(al_user bob)
A=$(al_search "$u" "Cameras A"); B=$(al_search "$u" "Cameras B"); C=$(al_search "$u2" "Bob's")
hook=$(al_channel "$u" webhook http://127.0.0.1:9/hook)
al_link "$A" "$hook"; al_link "$B" "$hook"

# --- new match ----------------------------------------------------------
# New to a search means first seen by the run, at the run's clock.
export EBAY_SCAN_NOW=$(date -u '+%Y-%m-%d %H:%M:%S+00')
al_rule "$A" new_match "max_total" "50" >/dev/null
al_listing i1 "cheap one" 40
al_listing i2 "dear one" 60
al_listing i3 "euro one" 40 EUR
al_listing i4 "no price" NULL
for i in i1 i2 i3 i4; do al_new 101 "$A" $i; done
is "$(al_rules "$A" 101)" "alerts 1 outbox 1" "new match: only the one under 50 USD"
is "$(sql "select item_id from alerts where kind = 'new_match'")" i1 "  it is i1 (not the dearer, not EUR, not unpriced)"
is "$(al_rules "$A" 101)" "alerts 1 outbox 0" "the same run again: the alert is not doubled, no new outbox row"
is "$(al_alerts)" 1 "  still one alert"
is "$(sql "select payload->>'title' || '|' || (payload->>'total') || '|' || (payload->>'currency') from alerts")" "cheap one|40.00|USD" "payload: the facts frozen"
is "$(al_rules "$A" 999)" "alerts 0 outbox 0" "a run without events (failed fetch): no alerts"

# --- first run silent ---------------------------------------------------
N=$(al_search "$u" "New one" false false)
al_rule "$N" new_match >/dev/null
al_listing i20 "first run find" 10; al_new 110 "$N" i20
is "$(al_rules "$N" 110 first)" "alerts 0 outbox 0" "first run of a new search: silent"
al_listing i21 "second run find" 10; al_new 111 "$N" i21
is "$(al_rules "$N" 111)" "alerts 1 outbox 0" "its second run alerts (no channel linked: no outbox row)"
E=$(al_search "$u" "Tell me all" true false)
al_rule "$E" new_match >/dev/null
al_new 112 "$E" i20
is "$(al_rules "$E" 112 first)" "alerts 1 outbox 0" "notify_existing: the first run alerts too"

# --- one listing, several searches: one alert naming them all -------------
al_rule "$B" new_match >/dev/null
al_listing i5 "in both searches" 30
al_new 120 "$A" i5
al_new 121 "$B" i5
al_rules "$A" 120 >/dev/null
is "$(al_rules "$B" 121)" "alerts 1 outbox 0" "the second search extends the alert, no second outbox row for the shared channel"
is "$(sql "select count(*) from alerts where item_id = 'i5'")" 1 "one alert for i5"
is "$(sql "select search_ids = array[$A, $B]::bigint[] from alerts where item_id = 'i5'")" t "naming both searches"
is "$(sql "select count(*) from outbox o join alerts a on a.id = o.alert_id where a.item_id = 'i5'")" 1 "one outbox row"
only_b=$(al_channel "$u" webhook http://127.0.0.1:9/b); al_link "$B" "$only_b"
al_new 122 "$B" i5
al_rules "$B" 122 >/dev/null
is "$(sql "select count(*) from outbox where channel_id = $only_b")" 1 "a channel only B uses gets its row"

unset EBAY_SCAN_NOW

# --- price crossing into a range, with direction and hysteresis ------------
r=$(al_rule "$A" price_range "range_min, range_max, direction, hysteresis_pct" "10, 100, 'down', 5")
al_listing p1 "falling price" 120; al_hit "$A" p1
before=$(al_alerts)
al_event 130 "$A" p1 price_changed 120 95
is "$(al_rules "$A" 130)" "alerts 1 outbox 1" "price falls into the range: alert"
is "$(sql "select inside from alert_state where rule_id = $r and item_id = 'p1'")" t "state: inside"
al_event 131 "$A" p1 price_changed 95 103
is "$(al_rules "$A" 131)" "alerts 0 outbox 0" "wobble out by 3% (within 5%): no alert"
is "$(sql "select inside from alert_state where rule_id = $r and item_id = 'p1'")" t "  still inside"
al_event 132 "$A" p1 price_changed 103 97
is "$(al_rules "$A" 132)" "alerts 0 outbox 0" "and back in: no second alert"
al_event 133 "$A" p1 price_changed 97 110
is "$(al_rules "$A" 133)" "alerts 0 outbox 0" "out beyond the band: no alert"
is "$(sql "select inside from alert_state where rule_id = $r and item_id = 'p1'")" f "  now outside"
al_event 134 "$A" p1 price_changed 110 90
is "$(al_rules "$A" 134)" "alerts 1 outbox 1" "falls in again: a new alert"
is "$(sql "select count(*) from alerts where item_id = 'p1'")" 2 "two price alerts for p1 in all"
al_event 135 "$A" p1 price_changed 90 85
is "$(al_rules "$A" 135)" "alerts 0 outbox 0" "moves within the range: no alert"
al_listing p2 "rising price" 5; al_hit "$A" p2
al_event 136 "$A" p2 price_changed 5 20
is "$(al_rules "$A" 136)" "alerts 0 outbox 0" "rises into a 'down' range: no alert"
up=$(al_rule "$B" price_range "range_min, range_max, direction" "50, 80, 'up'")
al_listing p3 "up in B" 40; al_hit "$B" p3
al_event 137 "$B" p3 price_changed 40 60
is "$(al_rules "$B" 137)" "alerts 1 outbox 2" "direction up: rising in alerts (B has two channels)"
al_listing p4 "down in B" 100; al_hit "$B" p4
al_event 138 "$B" p4 price_changed 100 70
is "$(al_rules "$B" 138)" "alerts 0 outbox 0" "direction up: falling in does not"
al_listing p5 "euro in range" 120 EUR; al_hit "$A" p5
al_event 139 "$A" p5 price_changed 120 50 EUR
is "$(al_rules "$A" 139)" "alerts 0 outbox 0" "another currency: no alert"
# the change was seen by A's run; Bob's search C holds the listing too
al_rule "$C" price_range "range_max, direction" "100, 'both'" >/dev/null
al_listing p6 "seen by two users" 150; al_hit "$A" p6; al_hit "$C" p6
al_event 140 "$A" p6 price_changed 150 80
is "$(al_rules "$A" 140)" "alerts 2 outbox 1" "a change seen by one search alerts every search holding it (Alice and Bob)"
is "$(sql "select count(*) from alerts where item_id = 'p6' and user_id = $u2")" 1 "  Bob has his alert"

# --- auction ending soon --------------------------------------------------
al_rule "$A" auction_ending "window_minutes, max_bids, max_total" "60, 2, 100" >/dev/null
auc() { al_listing "$1" "$2" "$3" USD "buying_options, bid_count, item_end_date" "'{AUCTION}', $4, now() + interval '$5'"; al_hit "$A" "$1"; }
auc a1 "ends soon, 1 bid" 50 1 "30 minutes"
auc a2 "ends soon, 5 bids" 50 5 "30 minutes"
auc a3 "ends later" 50 0 "3 hours"
auc a4 "ends soon, too dear" 150 0 "30 minutes"
al_listing a5 "fixed price ending" 50 USD "buying_options, bid_count, item_end_date" "'{FIXED_PRICE}', 0, now() + interval '30 minutes'"; al_hit "$A" a5
auc a6 "already ended" 50 0 "-5 minutes"
is "$(al_rules "$A" 150)" "alerts 1 outbox 1" "auction ending: only the one within the window, few bids, under the total"
is "$(sql "select item_id from alerts where kind = 'auction_ending'")" a1 "  it is a1"
is "$(al_rules "$A" 151)" "alerts 1 outbox 0" "the next run: the same auction is not alerted again"
sql "update listings set item_end_date = item_end_date + interval '10 minutes' where item_id = 'a1'" >/dev/null
is "$(al_rules "$A" 152)" "alerts 1 outbox 1" "an extended auction (new end) alerts once more"
is "$(al_rules "$N" 153 first)" "alerts 0 outbox 0" "no auction rule on N, nothing"

# --- digests get their time ---------------------------------------------------
d=$(al_channel "$u" webhook http://127.0.0.1:9/d hourly); al_link "$A" "$d"
al_listing i30 "for the digest" 20; EBAY_SCAN_NOW="2030-01-01 10:05:00+00" al_new 160 "$A" i30
EBAY_SCAN_NOW="2030-01-01 10:05:00+00" al_rules "$A" 160 >/dev/null
is "$(sql "select to_char(not_before at time zone 'UTC', 'HH24:MI') from outbox where channel_id = $d")" "11:00" "hourly channel: not before the next hour"
is "$(sql "select to_char(not_before at time zone 'UTC', 'HH24:MI') from outbox o join alerts a on a.id = o.alert_id where a.item_id = 'i30' and channel_id = $hook")" "10:05" "instant channel: now"
done_testing
