/*
 * eBay client: call accounting.  Every Browse call is counted in
 * ebay_calls under the eBay day (midnight America/Los_Angeles, computed
 * by PostgreSQL) and its source, by one statement that also checks the
 * budget, so the check and the count cannot be separated.  Two processes
 * checking at the same instant may together pass the budget by one call
 * each; the reserve absorbs that.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "db.h"
#include "ebay-int.h"
#include "log.h"

#define EBAY_DAY \
	"(now() AT TIME ZONE 'America/Los_Angeles')::date"
#define EBAY_NEXT_RESET \
	"((" EBAY_DAY " + 1)::timestamp AT TIME ZONE 'America/Los_Angeles')"

DB_STMT(ebay_quota_stmt_take, 2,
    "WITH d AS (SELECT " EBAY_DAY " AS day) "
    "INSERT INTO ebay_calls (day, source, calls) "
    "SELECT d.day, $1, 1 FROM d "
    "WHERE NOT EXISTS (SELECT 1 FROM ebay_quota "
    "                  WHERE blocked_until > now()) "
    "  AND (SELECT coalesce(sum(c.calls), 0) FROM ebay_calls c "
    "       WHERE c.day = d.day) < $2::bigint "
    "ON CONFLICT (day, source) DO UPDATE SET calls = ebay_calls.calls + 1 "
    "RETURNING calls");

DB_STMT(ebay_quota_stmt_block, 1,
    "UPDATE ebay_quota SET blocked_until = " EBAY_NEXT_RESET ", "
    "blocked_reason = $1, updated_at = now() "
    "RETURNING extract(epoch FROM blocked_until)::bigint");

DB_STMT(ebay_quota_stmt_read, 0,
    "SELECT " EBAY_DAY "::text, "
    "coalesce((SELECT calls FROM ebay_calls "
    "          WHERE day = " EBAY_DAY " AND source = 'web'), 0), "
    "coalesce((SELECT calls FROM ebay_calls "
    "          WHERE day = " EBAY_DAY " AND source = 'worker'), 0), "
    "extract(epoch FROM " EBAY_NEXT_RESET ")::bigint, "
    "(SELECT extract(epoch FROM blocked_until)::bigint FROM ebay_quota "
    " WHERE blocked_until > now()), "
    "(SELECT blocked_reason FROM ebay_quota WHERE blocked_until > now())");

/* The database handle to use, connected; NULL with err set when not. */
struct db *
ebay_client_db(struct ebay_client *c, struct ebay_error *err)
{
	struct db	*db;

	db = c->db != NULL ? c->db : c->own_db;
	if (db_connect(db) != DB_OK) {
		ebay_err_set(err, EBAY_ERR_DB, 0, "%s",
		    db_strerror(db_error(db)));
		return NULL;
	}
	if (PQtransactionStatus(db_conn(db)) != PQTRANS_IDLE) {
		ebay_err_set(err, EBAY_ERR_DB, 0, "the client's database "
		    "handle is inside a transaction");
		log_error("ebay: %s", err->message);
		return NULL;
	}
	return db;
}

bool
ebay_quota_read(struct db *db, const struct cfg *cfg, struct ebay_quota *q)
{
	PGresult	*res;
	const char	*s;
	int64_t		 n;

	memset(q, 0, sizeof *q);
	q->limit = cfg->ebay_daily_call_limit;
	q->reserve = cfg->ebay_web_reserve;
	if ((res = db_exec(db, &ebay_quota_stmt_read)) == NULL)
		return false;
	if (PQntuples(res) != 1 || (s = db_text(res, 0, 0)) == NULL ||
	    !db_int64(res, 0, 1, &q->used_web) ||
	    !db_int64(res, 0, 2, &q->used_worker) ||
	    !db_int64(res, 0, 3, &n)) {
		PQclear(res);
		return false;
	}
	snprintf(q->day, sizeof q->day, "%s", s);
	q->next_reset = (time_t)n;
	if (db_int64(res, 0, 4, &n)) {
		q->blocked_until = (time_t)n;
		snprintf(q->blocked_reason, sizeof q->blocked_reason, "%s",
		    (s = db_text(res, 0, 5)) != NULL ? s : "blocked");
	}
	PQclear(res);
	n = q->used_web + q->used_worker;
	q->remaining = q->limit - n > 0 ? q->limit - n : 0;
	q->worker_remaining = q->limit - q->reserve - n > 0 ?
	    q->limit - q->reserve - n : 0;
	return true;
}

/*
 * Count one call if the budget allows it.  False with err set:
 * EBAY_ERR_QUOTA (blocked, or the source's budget is spent; retry_at is
 * the reset) or EBAY_ERR_DB.
 */
bool
ebay_quota_take(struct ebay_client *c, struct ebay_error *err)
{
	struct ebay_quota	 q;
	struct db		*db;
	PGresult		*res;
	char			 budget[32];
	long			 b;
	int			 rows;

	if ((db = ebay_client_db(c, err)) == NULL)
		return false;
	b = c->cfg->ebay_daily_call_limit;
	if (strcmp(c->source, "worker") == 0)
		b -= c->cfg->ebay_web_reserve;
	snprintf(budget, sizeof budget, "%ld", b);
	if ((res = db_exec(db, &ebay_quota_stmt_take, c->source, budget)) ==
	    NULL) {
		ebay_err_set(err, EBAY_ERR_DB, 0, "%s",
		    db_strerror(db_error(db)));
		return false;
	}
	rows = PQntuples(res);
	PQclear(res);
	if (rows == 1)
		return true;
	if (!ebay_quota_read(db, c->cfg, &q)) {
		ebay_err_set(err, EBAY_ERR_DB, 0, "%s",
		    db_strerror(db_error(db)));
		return false;
	}
	if (q.blocked_until != 0) {
		ebay_err_set(err, EBAY_ERR_QUOTA, 0, "eBay calls are blocked "
		    "until the daily reset (%s)", q.blocked_reason);
		err->retry_at = q.blocked_until;
	} else {
		ebay_err_set(err, EBAY_ERR_QUOTA, 0, "the %s's share of "
		    "today's %ld eBay calls is spent", c->source, q.limit);
		err->retry_at = q.next_reset;
	}
	return false;
}

/* eBay said 429/2001: nobody calls until the next eBay day. */
void
ebay_quota_block(struct ebay_client *c, const char *reason,
    struct ebay_error *err)
{
	struct ebay_error	 dberr;
	struct db		*db;
	PGresult		*res;
	int64_t			 until;

	memset(&dberr, 0, sizeof dberr);
	if ((db = ebay_client_db(c, &dberr)) == NULL)
		return;
	if ((res = db_exec(db, &ebay_quota_stmt_block, reason)) == NULL) {
		log_error("ebay: cannot record the quota block: %s",
		    db_errmsg(db));
		return;
	}
	if (db_int64(res, 0, 0, &until))
		err->retry_at = (time_t)until;
	PQclear(res);
	log_warn("ebay: %s; calls blocked until the daily reset", reason);
}
