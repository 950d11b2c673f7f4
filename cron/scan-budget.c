/*
 * The day's budget (SPEC section 4, item 2).  The eBay day starts at
 * midnight America/Los_Angeles; the worker may spend the daily limit minus
 * the web's reserve (the client enforces it call by call, and a 429 blocks
 * everyone until the reset).  Here, at the start of a run: when the calls
 * left cannot cover every enabled search at its asked interval until the
 * reset, every interval is stretched by the same factor,
 *
 *     factor = max(1, demand per minute / (calls left / minutes left))
 *
 * where a search's demand is its calls per run (the mean of its last ten
 * good runs, at least 1) divided by its asked interval.  The stretched
 * interval is stored in saved_searches.effective_interval_minutes (NULL
 * when as asked), which the web shows and next_run_at follows.  The eBay
 * day is computed by PostgreSQL from the real clock, like the client's
 * call counting.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "db.h"
#include "ebay-scan.h"
#include "log.h"
#include "scan.h"

#define EBAY_DAY	"(now() AT TIME ZONE 'America/Los_Angeles')::date"

DB_STMT(scan_budget_used, 0,
    "SELECT (SELECT coalesce(sum(calls) FILTER (WHERE source = 'worker'),"
    "  0) FROM ebay_calls WHERE day = " EBAY_DAY "),"
    " (SELECT coalesce(sum(calls), 0) FROM ebay_calls"
    "  WHERE day = " EBAY_DAY "),"
    " extract(epoch FROM ((date_trunc('day', now() AT TIME ZONE"
    "  'America/Los_Angeles') + interval '1 day') AT TIME ZONE"
    "  'America/Los_Angeles'))::bigint,"
    " (SELECT extract(epoch FROM blocked_until)::bigint FROM ebay_quota"
    "  WHERE blocked_until > now() LIMIT 1),"
    " extract(epoch FROM now())::bigint");

/* Calls per day every enabled search asks for, at its asked interval. */
DB_STMT(scan_budget_demand, 0,
    "SELECT coalesce(sum(1440.0 / s.interval_minutes *"
    "  greatest(1, coalesce(c.per_run, 1))), 0)::float8"
    " FROM saved_searches s LEFT JOIN LATERAL (SELECT avg(calls) AS per_run"
    "  FROM (SELECT calls FROM scan_runs r WHERE r.search_id = s.id"
    "  AND r.status IN ('ok', 'warning') ORDER BY r.started_at DESC"
    "  LIMIT 10) x) c ON true"
    " WHERE s.enabled");

/* Store the stretched intervals; rows a run holds are done next time. */
DB_STMT(scan_budget_stretch, 1,
    "WITH t AS (SELECT id, CASE WHEN $1::float8 <= 1.0001 THEN NULL"
    "  ELSE least(ceil(interval_minutes * $1::float8), 525600)::int END"
    "  AS eff FROM saved_searches WHERE enabled),"
    " lk AS (SELECT s.id, t.eff FROM saved_searches s JOIN t USING (id)"
    "  WHERE s.effective_interval_minutes IS DISTINCT FROM t.eff"
    "  FOR UPDATE OF s SKIP LOCKED)"
    " UPDATE saved_searches s SET effective_interval_minutes = lk.eff"
    " FROM lk WHERE s.id = lk.id");

DB_STMT(scan_budget_quota_status, 2,
    "WITH lk AS (SELECT id FROM saved_searches WHERE enabled"
    "  AND next_run_at <= coalesce($2::timestamptz, now())"
    "  AND status <> 'quota' AND lease_owner IS NULL"
    "  FOR UPDATE SKIP LOCKED)"
    " UPDATE saved_searches s SET status = 'quota', last_error = $1"
    " FROM lk WHERE s.id = lk.id");

/*
 * Read the day's figures into *b and, when write is true, store the
 * stretched intervals.  False if the database failed.
 */
bool
scan_budget_plan(struct db *db, const struct cfg *cfg, bool write,
    struct scan_budget *b)
{
	PGresult	*res;
	int64_t		 worker, total, reset, blocked = 0, now;
	double		 left_min, rate, per_min;
	char		 fs[32];

	memset(b, 0, sizeof *b);
	b->factor = 1;
	if ((res = db_exec(db, &scan_budget_used)) == NULL)
		return false;
	if (!db_int64(res, 0, 0, &worker) || !db_int64(res, 0, 1, &total) ||
	    !db_int64(res, 0, 2, &reset) || !db_int64(res, 0, 4, &now)) {
		PQclear(res);
		return false;
	}
	(void)db_int64(res, 0, 3, &blocked);
	PQclear(res);
	b->next_reset = (time_t)reset;
	b->blocked_until = (time_t)blocked;
	b->remaining = cfg->ebay_daily_call_limit - cfg->ebay_web_reserve -
	    worker;
	if (cfg->ebay_daily_call_limit - total < b->remaining)
		b->remaining = cfg->ebay_daily_call_limit - total;
	if (b->remaining < 0)
		b->remaining = 0;

	if ((res = db_exec(db, &scan_budget_demand)) == NULL)
		return false;
	if (!db_double(res, 0, 0, &b->demand))
		b->demand = 0;
	PQclear(res);
	if (b->remaining == 0 || b->blocked_until != 0)
		return true;	/* nothing to plan until the reset */
	left_min = (double)(reset - now) / 60.0;
	if (left_min < 1)
		left_min = 1;
	rate = (double)b->remaining / left_min;
	per_min = b->demand / 1440.0;
	if (per_min > rate && rate > 0)
		b->factor = per_min / rate;
	if (!write)
		return true;
	snprintf(fs, sizeof fs, "%.6f", b->factor);
	if (!db_run(db, &scan_budget_stretch, fs))
		return false;
	if (b->factor > 1.0001)
		log_info("budget: %lld calls left until the reset, %.0f a day "
		    "asked: intervals stretched x%.2f",
		    (long long)b->remaining, b->demand, b->factor);
	return true;
}

/* Mark the due searches nobody holds as waiting for quota. */
bool
scan_budget_mark_quota(struct db *db, const char *why, time_t until)
{
	(void)until;
	return db_run(db, &scan_budget_quota_status, why, scan_now());
}
