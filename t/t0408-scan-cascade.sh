#!/bin/bash
# What a listing's and a search's rows become when they are deleted
# (sql/0031-worker-speed.sql): hits, price observations and events have no
# foreign keys (the scan writes them beside their listing, in one
# transaction); statement triggers delete them with their listing, their
# search, or their search's user, and nothing else.  Also: the web's cache
# is still told when a scan's tables change.
. "$top_srcdir/t/lib.sh"
pg_start
"$top_builddir/cron/ebay-scan" --quiet migrate || bail "migrate failed"

# Two users; alice has searches 1 and 2, bob search 3.  Listings a, b, c:
# a found by 1 and 3, b by 1 and 2, c by 3.  Each hit has an event, each
# listing two observations.
sql "insert into users (id, username, password_hash) values
     (1, 'alice', 'x'), (2, 'bob', 'x');
     insert into saved_searches (id, user_id, name, q) values
     (1, 1, 's1', 'a'), (2, 1, 's2', 'b'), (3, 2, 's3', 'c');
     insert into listings (item_id, title, last_seen_at) values
     ('v1|a|0', 'A', now() - interval '400 days'),
     ('v1|b|0', 'B', now()), ('v1|c|0', 'C', now());
     update listings set relisted_from = 'v1|a|0' where item_id = 'v1|b|0';
     insert into search_hits (search_id, item_id) values
     (1, 'v1|a|0'), (3, 'v1|a|0'), (1, 'v1|b|0'), (2, 'v1|b|0'),
     (3, 'v1|c|0');
     insert into listing_events (item_id, search_id, kind, run_id)
     select item_id, search_id, 'new', 1 from search_hits;
     insert into price_observations (item_id, total, currency)
     select item_id, n, 'USD' from listings, generate_series(1, 2) n" \
    >/dev/null || bail "seeding failed"

# One line per child table: what is left, sorted.
left() {
	sql "select coalesce(string_agg(search_id || ':' || item_id, ' '
	       order by search_id, item_id), '-') from search_hits
	     union all
	     select coalesce(string_agg(search_id || ':' || item_id, ' '
	       order by search_id, item_id), '-') from listing_events
	     union all
	     select coalesce(string_agg(item_id || '=' || n, ' '
	       order by item_id), '-')
	     from (select item_id, count(*) n from price_observations
	       group by item_id) o" | tr '\n' '|'
}

is "$(left)" "1:v1|a|0 1:v1|b|0 2:v1|b|0 3:v1|a|0 3:v1|c|0|1:v1|a|0 1:v1|b|0 2:v1|b|0 3:v1|a|0 3:v1|c|0|v1|a|0=2 v1|b|0=2 v1|c|0=2|" \
    "seeded: five hits, five events, two observations per listing"

# ebay-scan prune deletes listing a (unseen for longer than the retention):
# its hits, events and observations go with it, in every search.
out=$(ITEM_RETENTION_DAYS=30 "$top_builddir/cron/ebay-scan" prune 2>&1); st=$?
is "$st" 0 "prune exits 0"
is "$(sql "select string_agg(item_id, ' ' order by item_id) from listings")" "v1|b|0 v1|c|0" \
    "prune deleted listing a only"
is "$(left)" "1:v1|b|0 2:v1|b|0 3:v1|c|0|1:v1|b|0 2:v1|b|0 3:v1|c|0|v1|b|0=2 v1|c|0=2|" \
    "a's hits, events and observations went with it; the others stay"
is "$(sql "select coalesce(relisted_from, 'none') from listings where item_id = 'v1|b|0'")" none \
    "b, a's relist, relists nothing now (sql/0037)"

# Deleting search 2: its hit and event of b go; b itself and search 1's
# hit of b stay.
sql "delete from saved_searches where id = 2" >/dev/null
is "$(left)" "1:v1|b|0 3:v1|c|0|1:v1|b|0 3:v1|c|0|v1|b|0=2 v1|c|0=2|" \
    "a deleted search's hits and events go, and only those"
is "$(sql "select count(*) from listings")" 2 "listings stay when a search goes"

# Deleting bob: his search 3 goes by its foreign key, and 3's rows by the
# trigger.
sql "delete from users where id = 2" >/dev/null
is "$(sql "select count(*) from saved_searches where id = 3")" 0 "bob's search went with him"
is "$(left)" "1:v1|b|0|1:v1|b|0|v1|b|0=2 v1|c|0=2|" \
    "so did its hits and events (through the user's cascade)"

# Several listings in one statement, and rows of other listings untouched.
sql "insert into listings (item_id, title) values ('v1|d|0', 'D');
     insert into search_hits (search_id, item_id) values (1, 'v1|d|0');
     delete from listings where item_id in ('v1|b|0', 'v1|c|0')" >/dev/null
is "$(left)" "1:v1|d|0|-|-|" "a delete of several listings takes all their rows"

# A rolled-back delete keeps everything.
sql "begin; delete from listings; rollback" >/dev/null
is "$(sql "select count(*) from search_hits")" 1 "a rolled-back delete keeps the hits"

# The web's cache is told of a scan's writes (a notification at commit).
out=$(psql "$DATABASE_URL" -X -q -c "listen web_changed" \
    -c "insert into search_hits (search_id, item_id) values (1, 'v1|e|0')" \
    -c "select 1" 2>&1)
like "$out" 'notification "web_changed"' "a hit written notifies web_changed"
out=$(psql "$DATABASE_URL" -X -q -c "listen web_changed" \
    -c "update listings set title = 'D2' where item_id = 'v1|d|0'" \
    -c "select 1" 2>&1)
like "$out" 'notification "web_changed"' "a listing updated notifies web_changed"
done_testing
