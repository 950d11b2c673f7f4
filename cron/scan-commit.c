/*
 * One search's results, committed in one transaction (SPEC section 4): the
 * listings and their events (lib/db-item.c), the cursor, next_run_at, the
 * status, the scan_runs row and the release of the lease, together.  A
 * kill at any instant therefore leaves either all of it or none of it:
 * none means the search is still due (its lease expires, or the next run
 * on this host takes it back at once) and is scanned again from the same
 * cursor; nothing is lost and nothing doubled.
 *
 * The transaction first locks the search row and checks that the lease is
 * still ours: a run that overran its lease records nothing.
 *
 * It commits with synchronous_commit off: COMMIT returns before the WAL
 * reaches the disk (PostgreSQL flushes it within a few wal_writer_delay).
 * A kill of ebay-scan, at any instant, changes nothing: what PostgreSQL
 * acknowledged it keeps.  Only a crash of PostgreSQL itself (or its
 * machine) can lose the last commits, and each lost commit takes all of
 * its search's results with it, the cursor and the lease release
 * included: the database is as if those scans had not run, consistent,
 * and the next run scans them again from the old cursor.  Alerts do not
 * leave before their facts are durable: the outbox claims its rows in a
 * transaction of its own, committed synchronously before anything is
 * sent, and that flush covers every earlier commit (the WAL is one
 * sequence).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "db-item.h"
#include "ebay-scan.h"
#include "log.h"
#include "rules.h"
#include "scan.h"

#define NOW(n)	"coalesce($" #n "::timestamptz, now())"
#define IV	"make_interval(mins => coalesce(effective_interval_minutes," \
		" interval_minutes))"

static const char *const scan_outcome_names[SCAN_OUT__MAX] = {
	"ok", "warning", "error", "quota", "cancelled", "lost lease"
};

const char *
scan_outcome_name(enum scan_outcome o)
{
	return o < SCAN_OUT__MAX ? scan_outcome_names[o] : "?";
}

DB_STMT(scan_commit_begin, 0, "BEGIN");
DB_STMT(scan_commit_async, 0, "SET LOCAL synchronous_commit = off");

/* The search row locked while the lease is ours, and the run's id. */
DB_STMT(scan_commit_lock, 2,
    "SELECT nextval(pg_get_serial_sequence('scan_runs', 'id'))"
    " FROM saved_searches WHERE id = $1"
    " AND ($2::text IS NULL OR lease_owner = $2) FOR UPDATE");

DB_STMT(scan_commit_run_id, 0,
    "SELECT nextval(pg_get_serial_sequence('scan_runs', 'id'))");

DB_STMT(scan_commit_run, 12,
    "INSERT INTO scan_runs (id, search_id, worker, started_at, finished_at,"
    " status, calls, items_seen, items_new, price_changes, ended, error)"
    " VALUES ($1, $2, $3, to_timestamp($4::bigint), " NOW(12) ", $5, $6, $7,"
    " $8, $9, $10, $11)");

/*
 * Success: the cursor moves to the newest start seen (never back, never
 * past an hour from now, whatever eBay says), the schedule keeps its
 * cadence (next = previous next + interval, or now + interval when behind
 * or forced), the lease is released.
 */
DB_STMT(scan_commit_done, 7,
    "UPDATE saved_searches SET"
    " cursor_start = CASE WHEN $3::bigint IS NULL THEN cursor_start"
    "  ELSE greatest(cursor_start, least(to_timestamp($3::bigint),"
    "  " NOW(7) " + interval '1 hour')) END,"
    " next_run_at = CASE WHEN $4::boolean OR next_run_at + " IV " <= "
    NOW(7) " THEN " NOW(7) " + " IV " ELSE next_run_at + " IV " END,"
    " status = $5, last_error = $6, last_run_at = " NOW(7) ","
    " last_success_at = " NOW(7) ", first_run_done = true,"
    " lease_owner = NULL, lease_until = NULL"
    " WHERE id = $1 AND ($2::text IS NULL OR lease_owner = $2)");

/*
 * Failure: status and error recorded (status NULL: kept), the cursor
 * untouched; next_run_at by mode: 'normal' one interval on, 'quota' not
 * before the reset ($6), 'keep' unchanged (still due).
 */
DB_STMT(scan_commit_failed, 7,
    "UPDATE saved_searches SET"
    " status = coalesce($3, status),"
    " last_error = $4,"
    " last_run_at = CASE WHEN $5 = 'keep' THEN last_run_at ELSE "
    NOW(7) " END,"
    " next_run_at = CASE $5 WHEN 'keep' THEN next_run_at"
    "  WHEN 'quota' THEN greatest(next_run_at, to_timestamp($6::bigint))"
    "  ELSE CASE WHEN next_run_at + " IV " <= " NOW(7) " THEN " NOW(7)
    "  + " IV " ELSE next_run_at + " IV " END END,"
    " lease_owner = NULL, lease_until = NULL"
    " WHERE id = $1 AND lease_owner = $2");

/* Lock the search: 1 (run_id set) if the lease is ours, 0 if not, -1. */
static int
scan_commit_locked(struct db *db, const char *search, const char *owner,
    char *run_id, size_t len)
{
	PGresult	*res;
	int		 n;

	if ((res = db_exec(db, &scan_commit_lock, search, owner)) == NULL)
		return -1;
	n = PQntuples(res) == 1 && !db_isnull(res, 0, 0);
	if (n)
		snprintf(run_id, len, "%s", db_text(res, 0, 0));
	PQclear(res);
	return n;
}

static bool
scan_commit_next_id(struct db *db, char *out, size_t len)
{
	PGresult	*res;
	bool		 ok;

	if ((res = db_exec(db, &scan_commit_run_id)) == NULL)
		return false;
	ok = !db_isnull(res, 0, 0);
	if (ok)
		snprintf(out, len, "%s", db_text(res, 0, 0));
	PQclear(res);
	return ok;
}

static bool
scan_commit_run_row(struct db *db, const char *run_id, const char *owner,
    const struct scan_job *j, const char *status, const char *error)
{
	char	 started[24], calls[16], seen[16], fresh[16], changes[16];
	char	 ended[16];

	snprintf(started, sizeof started, "%lld", (long long)j->claimed_at);
	snprintf(calls, sizeof calls, "%d", j->calls);
	snprintf(seen, sizeof seen, "%d", j->seen);
	snprintf(fresh, sizeof fresh, "%d", j->fresh);
	snprintf(changes, sizeof changes, "%d", j->price_changes);
	snprintf(ended, sizeof ended, "%d", j->ended);
	return db_run(db, &scan_commit_run, run_id, j->ids, owner, started,
	    status, calls, seen, fresh, changes, ended, error, scan_now());
}

/* One attempt; false with the db error set (the caller rolls back). */
static bool
scan_commit_try(struct db *db, const char *owner, struct scan_job *j,
    bool dry_run, bool forced)
{
	struct db_item_scan	 sc;
	struct db_item_counts	 counts;
	struct rules_counts	 alerts;
	char			 run_id[24], newest[24];
	const char		*warn = NULL;
	struct db_batch		 begin[3];
	int			 i, n;

	/* BEGIN, commit asynchronously, empty the stage: one round trip. */
	if (!db_item_stage_open(db))
		return false;
	memset(begin, 0, sizeof begin);
	begin[0].stmt = &scan_commit_begin;
	begin[1].stmt = &scan_commit_async;
	begin[2].stmt = db_item_stage_clear(db);
	if (!db_batch(db, begin, 3))
		return false;
	for (i = 0; i < 3; i++)
		PQclear(begin[i].res);
	if ((n = scan_commit_locked(db, j->ids, dry_run ? NULL : owner,
	    run_id, sizeof run_id)) < 0)
		return false;
	if (n == 0) {
		j->outcome = SCAN_OUT_LOST;
		db_rollback(db);
		return true;
	}
	if (!db_item_stage(db, j->pages, j->npages))
		return false;
	memset(&sc, 0, sizeof sc);
	sc.search_id = j->ids;
	sc.run_id = run_id;
	sc.now = scan_now();
	sc.first_run = j->first_run;
	sc.complete = j->complete;
	sc.window_start = j->window_start;
	if (!db_item_record(db, &sc, &counts))
		return false;
	j->seen = counts.seen;
	j->fresh = counts.fresh;
	j->price_changes = counts.price_changes;
	j->ended = counts.ended;
	j->relisted = counts.relisted;
	if (j->capped)
		warn = "more new listings than one run reads: only the newest "
		    "were recorded (narrow the search or shorten its interval)";
	if (!scan_commit_run_row(db, run_id, owner, j, "ok", warn))
		return false;
	snprintf(newest, sizeof newest, "%lld", (long long)counts.newest_start);
	if (!db_run(db, &scan_commit_done, j->ids, dry_run ? NULL : owner,
	    counts.newest_start > 0 ? newest : NULL, forced ? "t" : "f",
	    warn != NULL ? "warning" : "ok", warn, scan_now()))
		return false;

	/*
	 * Alerts: evaluate the alert rules on this run's hits and events
	 * (lib/rules.c) and write the alerts and their outbox rows here,
	 * inside this transaction, just before COMMIT, so that alerts leave
	 * only with their facts.  Delivery follows the pass (cmd-scan.c).
	 */
	if (!rules_evaluate(db, j->ids, run_id, j->first_run, scan_now(),
	    &alerts))
		return false;

	if (dry_run) {
		db_rollback(db);
		j->outcome = SCAN_OUT_OK;
		return true;
	}
	if (!db_commit(db))
		return false;
	j->outcome = SCAN_OUT_OK;
	return true;
}

/*
 * Record a successful fetch (j->pages) in one transaction, retried on a
 * deadlock with another worker, or when another worker inserted one of
 * the listings this one found new (db-item.c: a unique violation).
 * dry_run: do it all, then roll back (the counts say what would have
 * happened).  Sets j->outcome to OK or LOST.
 * False if the database failed (nothing recorded).
 */
bool
scan_commit_search(struct db *db, const char *owner, struct scan_job *j,
    bool dry_run, bool forced)
{
	int	 attempt;

	for (attempt = 0; attempt < 3; attempt++) {
		if (scan_commit_try(db, owner, j, dry_run, forced))
			return true;
		db_rollback(db);
		if (db_error(db) != DB_ERR_RETRY &&
		    db_error(db) != DB_ERR_UNIQUE)
			break;
		log_debug("search %s: conflict with another worker, retrying",
		    j->ids);
	}
	log_error("search %s: cannot record the results: %s", j->ids,
	    db_errmsg(db));
	return false;
}

/* The text of last_error for a failed fetch. */
static void
scan_commit_error_text(const struct scan_job *j, char *out, size_t len)
{
	struct tm	 tm;
	char		 when[32] = "";

	switch (j->outcome) {
	case SCAN_OUT_WARNING:
		snprintf(out, len, "eBay ignored part of the search: %s",
		    j->problem != NULL ? j->problem : "warnings");
		break;
	case SCAN_OUT_CANCELLED:
		snprintf(out, len, "the run's time ran out before eBay "
		    "answered; scanned again by the next run");
		break;
	case SCAN_OUT_QUOTA:
		if (j->err.retry_at != 0 &&
		    gmtime_r(&j->err.retry_at, &tm) != NULL)
			strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", &tm);
		snprintf(out, len, "%s%s%s%s%s", ebay_strerror(j->err.code),
		    j->err.message[0] != '\0' ? ": " : "", j->err.message,
		    when[0] != '\0' ? "; calls resume at " : "", when);
		break;
	default:
		snprintf(out, len, "%s%s%s", ebay_strerror(j->err.code),
		    j->err.message[0] != '\0' ? ": " : "", j->err.message);
		if (j->err.http_status != 0 || j->err.error_id != 0)
			snprintf(out + strlen(out), len - strlen(out),
			    " (HTTP %d, errorId %ld)", j->err.http_status,
			    j->err.error_id);
		break;
	}
}

/*
 * Record a fetch that did not succeed (j->outcome WARNING, ERROR, QUOTA or
 * CANCELLED): status and error, a scan_runs row, the lease released; no
 * listing is touched and the cursor stays.  A cancelled search keeps its
 * status and stays due.  False if the database failed.
 */
bool
scan_commit_failure(struct db *db, const char *owner, struct scan_job *j,
    bool forced)
{
	static const char *const run_status[SCAN_OUT__MAX] = {
		"ok", "warning", "failed", "quota", "partial", "failed"
	};
	static const char *const search_status[SCAN_OUT__MAX] = {
		"ok", "warning", "error", "quota", NULL, NULL
	};
	char		 text[512], run_id[24], retry[24];
	const char	*mode;
	PGresult	*res;
	int		 n;

	scan_commit_error_text(j, text, sizeof text);
	mode = j->outcome == SCAN_OUT_QUOTA ? "quota" :
	    j->outcome == SCAN_OUT_CANCELLED ? "keep" : "normal";
	snprintf(retry, sizeof retry, "%lld", (long long)j->err.retry_at);
	if (!db_begin(db))
		goto fail;
	res = db_exec(db, &scan_commit_failed, j->ids, owner,
	    search_status[j->outcome], text, mode, retry, scan_now());
	if (res == NULL)
		goto fail;
	n = atoi(PQcmdTuples(res));
	PQclear(res);
	if (n == 0) {
		db_rollback(db);
		j->outcome = SCAN_OUT_LOST;
		return true;
	}
	if ((j->outcome != SCAN_OUT_CANCELLED || j->calls > 0) &&
	    (!scan_commit_next_id(db, run_id, sizeof run_id) ||
	    !scan_commit_run_row(db, run_id, owner, j,
	    run_status[j->outcome], text)))
		goto fail;
	if (!db_commit(db))
		goto fail;
	return true;
fail:
	db_rollback(db);
	log_error("search %s: cannot record the failure: %s", j->ids,
	    db_errmsg(db));
	return false;
}
