# Fixtures for the alert tests (bash, after t/lib.sh and pg_start +
# migrate): users, searches, rules, channels and a run's facts written
# with SQL, as the worker writes them.  Text is dollar-quoted ($q$...$q$).

al_user() { sql "insert into users (username, password_hash) values (\$q\$$1\$q\$, 'x') returning id"; }

# al_search USER NAME [notify_existing] [first_run_done]: prints the id.
al_search() {
	sql "insert into saved_searches (user_id, name, q, currency, notify_existing, first_run_done)
	     values ($1, \$q\$$2\$q\$, 'q', 'USD', ${3:-false}, ${4:-true}) returning id"
}

# al_rule SEARCH KIND [COLUMNS VALUES]: al_rule 1 new_match "max_total" "50"
al_rule() {
	local cols=${3:+, $3} vals=${4:+, $4}
	sql "insert into alert_rules (search_id, kind$cols) values ($1, '$2'$vals) returning id"
}

# al_channel USER KIND TARGET [MODE] [CONFIG]: prints the id.
al_channel() {
	sql "insert into channels (user_id, name, kind, target, mode, config)
	     values ($1, '$2 channel', '$2', \$q\$$3\$q\$, '${4:-instant}', '${5:-{\}}') returning id"
}

al_link() { sql "insert into search_channels values ($1, $2)" >/dev/null; }

# al_listing ITEM TITLE TOTAL [CURRENCY] [COLUMNS VALUES]
al_listing() {
	local cols=${5:+, $5} vals=${6:+, $6}
	sql "insert into listings (item_id, title, price, price_currency, total, total_currency,
	     item_web_url$cols)
	     values ('$1', \$q\$$2\$q\$, $3, '${4:-USD}', $3, '${4:-USD}',
	     'https://www.ebay.com/itm/$1'$vals)
	     on conflict (item_id) do update set total = excluded.total" >/dev/null
}

al_hit() { sql "insert into search_hits (search_id, item_id) values ($1, '$2') on conflict do nothing" >/dev/null; }

# al_new RUN SEARCH ITEM: the item is new to the search in run RUN (a hit
# first seen by the run, at the run's clock: EBAY_SCAN_NOW, which al_rules
# must then be given too).
al_new() {
	sql "insert into search_hits (search_id, item_id, first_run_id, first_seen_at)
	     values ($2, '$3', $1, '${EBAY_SCAN_NOW:?al_new needs EBAY_SCAN_NOW}')
	     on conflict (search_id, item_id) do update set first_run_id = $1,
	       first_seen_at = '$EBAY_SCAN_NOW'" >/dev/null
}

# al_event RUN SEARCH ITEM KIND OLD NEW [CURRENCY]: also moves the listing.
al_event() {
	local old=${5:-NULL} new=${6:-NULL}
	[ "$old" = "" ] && old=NULL
	sql "insert into listing_events (item_id, search_id, kind, old_total, new_total, currency, run_id)
	     values ('$3', $2, '$4', $old, $new, '${7:-USD}', $1)" >/dev/null
	[ "$new" != NULL ] && sql "update listings set total = $new, price = $new where item_id = '$3'" >/dev/null
	return 0
}

# al_rules SEARCH RUN [first]: evaluate, as ebay-scan does before COMMIT.
al_rules() { "$top_builddir/t/receiver-rules" "$@"; }

al_alerts() { sql "select count(*) from alerts where kind <> 'test'"; }
al_outbox() { sql "select count(*) from outbox"; }
