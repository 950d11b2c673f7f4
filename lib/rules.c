/*
 * Alert rules (see rules.h).  Each kind is one set-based statement: the
 * candidates (user, listing, kind, event key, search), then one shared
 * tail that upserts the alerts (merging search ids), and writes the outbox
 * rows for the channels of every search an alert names.
 *
 * Parameters of every statement: $1 search id, $2 run id, $3 now (NULL:
 * the transaction's), $4 the search's first run (silent unless the search
 * asks notify_existing: SILENT, where s is the search $1's row).  The
 * three are sent in one round trip (db_batch).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "log.h"
#include "rules.h"

#define NOW	"coalesce($3::timestamptz, now())"
#define SILENT	"($4::boolean AND NOT s.notify_existing)"
#define ISO(x)	"to_char((" x ") AT TIME ZONE 'UTC', " \
		"'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
/* "Same currency": the rule's, else the search's, else the listing's. */
#define CUR_OK(total, cur) \
	"(" total " IS NOT NULL AND " total " <= r.max_total AND " cur \
	" = coalesce(r.currency, s.currency, " cur "))"

/*
 * Search $1 has an enabled rule of this kind.  It names no row of the
 * query, so PostgreSQL evaluates it once, first, and skips the whole
 * statement when it is false: a search without such a rule costs one
 * index probe, whatever plan the rest has.
 */
#define HAS_RULE(kind) \
	"EXISTS (SELECT 1 FROM alert_rules r0 WHERE r0.search_id = $1::bigint" \
	" AND r0.enabled AND r0.kind = '" kind "')"

/*
 * The tail: cand(user_id, item_id, kind, event_key, search_id, event_id)
 * -> alerts (one per key, search ids merged) -> outbox rows.
 */
#define RULES_TAIL \
	", agg AS (SELECT user_id, item_id, kind, event_key," \
	"  array_agg(DISTINCT search_id ORDER BY search_id) AS search_ids," \
	"  min(event_id) AS event_id FROM cand GROUP BY 1, 2, 3, 4)," \
	" a AS (INSERT INTO alerts (user_id, item_id, kind, event_key," \
	"  search_ids, payload, created_at)" \
	"  SELECT agg.user_id, agg.item_id, agg.kind, agg.event_key," \
	"  agg.search_ids, jsonb_build_object(" \
	"   'title', l.title," \
	"   'url', coalesce(l.item_affiliate_web_url, l.item_web_url)," \
	"   'image_url', l.image_url," \
	"   'total', l.total::text, 'currency', l.total_currency," \
	"   'old_total', e.old_total::text," \
	"   'bids', l.bid_count," \
	"   'ends_at', " ISO("l.item_end_date") "," \
	"   'seller', l.seller_username)," NOW \
	"  FROM agg JOIN listings l ON l.item_id = agg.item_id" \
	"  LEFT JOIN listing_events e ON e.id = agg.event_id" \
	"  ON CONFLICT (user_id, item_id, kind, event_key) DO UPDATE SET" \
	"  search_ids = ARRAY(SELECT DISTINCT unnest(alerts.search_ids ||" \
	"  EXCLUDED.search_ids) ORDER BY 1)" \
	"  RETURNING id, user_id, search_ids)," \
	" o AS (INSERT INTO outbox (alert_id, channel_id, not_before," \
	"  created_at)" \
	"  SELECT DISTINCT a.id, c.id, CASE c.mode" \
	"   WHEN 'hourly' THEN date_trunc('hour', " NOW ") + interval '1 hour'" \
	"   WHEN 'daily' THEN date_trunc('day', " NOW ") + interval '1 day'" \
	"   ELSE " NOW " END, " NOW \
	"  FROM a JOIN search_channels sc ON sc.search_id = ANY (a.search_ids)" \
	"  JOIN channels c ON c.id = sc.channel_id AND c.user_id = a.user_id" \
	"  AND c.enabled" \
	"  ON CONFLICT (alert_id, channel_id) DO NOTHING RETURNING 1)" \
	" SELECT (SELECT count(*) FROM a), (SELECT count(*) FROM o)"

/*
 * new_match: the listings new to the search in this run are its hits
 * first seen by the run: at its now, which must be the now db_item_record
 * was given (search_hits_recent_idx finds them by search and time).
 */
DB_STMT(rules_new_match, 4,
    "WITH cand AS (SELECT s.user_id, l.item_id, 'new_match'::text AS kind,"
    "  'new'::text AS event_key, s.id AS search_id, NULL::bigint AS event_id"
    " FROM search_hits h"
    " JOIN listings l ON l.item_id = h.item_id"
    " JOIN saved_searches s ON s.id = h.search_id AND s.enabled"
    " WHERE h.search_id = $1::bigint AND h.first_seen_at = " NOW
    "  AND h.first_run_id = $2::bigint AND NOT " SILENT
    "  AND " HAS_RULE("new_match")
    "  AND EXISTS (SELECT 1 FROM alert_rules r WHERE r.search_id = s.id"
    "  AND r.enabled AND r.kind = 'new_match' AND (r.max_total IS NULL OR "
    CUR_OK("l.total", "l.total_currency") ")))"
    RULES_TAIL);

/*
 * price_range: the run's events are the search's (every event of run $2 is
 * search $1's), found by listing_events_run_idx (search_id, run_id).  x
 * holds, per price change of this run and rule of every search holding
 * the listing, whether it was inside (alert_state, else the old total
 * inside the range), is inside now, and is beyond the hysteresis band;
 * the new state is written, and an entry in the rule's direction is a
 * candidate (unless that search is silent).
 */
DB_STMT(rules_price_range, 4,
    "WITH ev AS (SELECT e.id AS event_id, e.item_id, e.old_total,"
    "  e.new_total, e.currency FROM listing_events e"
    "  WHERE e.search_id = $1::bigint AND e.run_id = $2::bigint"
    "  AND e.kind = 'price_changed' AND e.new_total IS NOT NULL"
    "  AND EXISTS (SELECT 1 FROM saved_searches WHERE id = $1::bigint)),"
    " x AS (SELECT r.id AS rule_id, s.id AS search_id, s.user_id,"
    "  ev.event_id, ev.item_id, ev.old_total, ev.new_total, ev.currency,"
    "  r.direction,"
    "  (ev.new_total >= coalesce(r.range_min, ev.new_total) AND"
    "   ev.new_total <= coalesce(r.range_max, ev.new_total)) AS inside_now,"
    "  ((r.range_min IS NOT NULL AND ev.new_total <"
    "   r.range_min * (1 - r.hysteresis_pct / 100)) OR"
    "   (r.range_max IS NOT NULL AND ev.new_total >"
    "   r.range_max * (1 + r.hysteresis_pct / 100))) AS beyond,"
    "  coalesce(st.inside, ev.old_total IS NOT NULL AND"
    "   ev.old_total >= coalesce(r.range_min, ev.old_total) AND"
    "   ev.old_total <= coalesce(r.range_max, ev.old_total)) AS was_inside,"
    "  CASE WHEN s.id = $1::bigint THEN " SILENT
    "   ELSE NOT s.first_run_done AND NOT s.notify_existing END AS silent"
    "  FROM ev JOIN search_hits h ON h.item_id = ev.item_id"
    "  JOIN saved_searches s ON s.id = h.search_id AND s.enabled"
    "  JOIN alert_rules r ON r.search_id = s.id AND r.enabled"
    "   AND r.kind = 'price_range'"
    "  LEFT JOIN alert_state st ON st.rule_id = r.id"
    "   AND st.item_id = ev.item_id"
    "  WHERE ev.currency = coalesce(r.currency, s.currency, ev.currency)),"
    " y AS (SELECT x.*, CASE WHEN NOT was_inside AND inside_now THEN true"
    "  WHEN was_inside AND beyond THEN false ELSE was_inside END AS now_in,"
    "  (NOT was_inside AND inside_now AND NOT silent AND"
    "   (direction = 'both' OR"
    "   (direction = 'down' AND new_total < old_total) OR"
    "   (direction = 'up' AND new_total > old_total))) AS fire FROM x),"
    " st AS (INSERT INTO alert_state (rule_id, item_id, inside, updated_at)"
    "  SELECT DISTINCT ON (rule_id, item_id) rule_id, item_id, now_in, " NOW
    "  FROM y ORDER BY rule_id, item_id, event_id DESC"
    "  ON CONFLICT (rule_id, item_id) DO UPDATE SET"
    "  inside = EXCLUDED.inside, updated_at = EXCLUDED.updated_at"
    "  RETURNING 1),"
    " cand AS (SELECT user_id, item_id, 'price_range'::text AS kind,"
    "  'price:' || new_total::text || ' ' || currency || ' ' ||"
    "  to_char(" NOW " AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS event_key,"
    "  search_id, event_id FROM y WHERE fire)"
    RULES_TAIL);

DB_STMT(rules_auction_ending, 4,
    "WITH cand AS (SELECT s.user_id, l.item_id,"
    "  'auction_ending'::text AS kind,"
    "  'end:' || " ISO("l.item_end_date") " AS event_key,"
    "  s.id AS search_id, NULL::bigint AS event_id"
    " FROM search_hits h"
    " JOIN listings l ON l.item_id = h.item_id"
    " JOIN saved_searches s ON s.id = h.search_id AND s.enabled"
    " WHERE h.search_id = $1::bigint AND NOT " SILENT
    "  AND $2::bigint IS NOT NULL AND " HAS_RULE("auction_ending")
    "  AND l.ended_at IS NULL AND l.item_end_date > " NOW
    "  AND EXISTS (SELECT 1 FROM unnest(l.buying_options) b"
    "  WHERE upper(b) = 'AUCTION')"
    "  AND EXISTS (SELECT 1 FROM alert_rules r WHERE r.search_id = s.id"
    "  AND r.enabled AND r.kind = 'auction_ending'"
    "  AND l.item_end_date <= " NOW " + make_interval(mins =>"
    "  coalesce(r.window_minutes, 60))"
    "  AND (r.max_bids IS NULL OR coalesce(l.bid_count, 0) <= r.max_bids)"
    "  AND (r.max_total IS NULL OR "
    CUR_OK("l.total", "l.total_currency") ")))"
    RULES_TAIL);

/*
 * Evaluate every rule for this run of the search, inside the caller's
 * transaction (call it after the run's hits and events are written, before
 * COMMIT).  first_run: this run is the search's first (its finds are
 * recorded silently unless the search asks notify_existing).  now: the
 * time as SQL text, NULL for the transaction's.  A search deleted
 * meanwhile has nothing to say.  False on a database error (db_error; the
 * caller rolls back, retries on DB_ERR_RETRY).
 */
bool
rules_evaluate(struct db *db, const char *search_id, const char *run_id,
    bool first_run, const char *now, struct rules_counts *counts)
{
	const char	*params[] = { search_id, run_id, now,
			    first_run ? "t" : "f" };
	struct db_batch	 b[] = {
		{ &rules_new_match, params, NULL },
		{ &rules_price_range, params, NULL },
		{ &rules_auction_ending, params, NULL },
	};
	int64_t		 a, o;
	size_t		 i;

	memset(counts, 0, sizeof *counts);
	if (!db_batch(db, b, sizeof b / sizeof b[0]))
		return false;
	for (i = 0; i < sizeof b / sizeof b[0]; i++) {
		if (PQntuples(b[i].res) == 1 && db_int64(b[i].res, 0, 0, &a) &&
		    db_int64(b[i].res, 0, 1, &o)) {
			counts->alerts += a;
			counts->outbox += o;
		}
		PQclear(b[i].res);
	}
	if (counts->alerts > 0)
		log_debug("search %s: %ld alerts, %ld outbox rows", search_id,
		    counts->alerts, counts->outbox);
	return true;
}
