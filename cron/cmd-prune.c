/*
 * ebay-scan prune: maintenance, run daily from the crontab (SPEC section 4,
 * item 7; eBay's rules in section 6).  Deletes listings not seen for
 * ITEM_RETENTION_DAYS, ended listings (after a day, so that the web can
 * still mark them ended and alerts can fire), expired sessions, old
 * delivery logs, old scan runs, stale live-search cache entries, old
 * failed logins and eBay notification keys cached over a day ago.  Alerts keep what they reported as their frozen payload
 * (alerts.item_id is set to NULL by the foreign key).  Prints one line per
 * kind of row with what it deleted.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "db.h"
#include "ebay-deletion.h"
#include "ebay-scan.h"
#include "log.h"

#define PRUNE_ENDED_HOURS	"24"	/* ended listings kept this long */
#define PRUNE_LOG_DAYS		"30"	/* deliveries and scan runs */
#define PRUNE_CACHE_HOURS	"6"	/* eBay's freshness limit (§8.1(c)) */
#define PRUNE_LOGIN_DAYS	"1"	/* failed logins */

DB_STMT(prune_unseen, 2,
    "DELETE FROM listings WHERE last_seen_at < "
    "coalesce($1::timestamptz, now()) - make_interval(days => $2::int)");
DB_STMT(prune_ended, 1,
    "DELETE FROM listings WHERE ended_at < "
    "coalesce($1::timestamptz, now()) - interval '" PRUNE_ENDED_HOURS
    " hours'");
DB_STMT(prune_sessions, 1,
    "DELETE FROM sessions WHERE expires_at < coalesce($1::timestamptz, now())");
DB_STMT(prune_deliveries, 1,
    "DELETE FROM deliveries WHERE attempted_at < "
    "coalesce($1::timestamptz, now()) - interval '" PRUNE_LOG_DAYS " days'");
DB_STMT(prune_runs, 1,
    "DELETE FROM scan_runs WHERE started_at < "
    "coalesce($1::timestamptz, now()) - interval '" PRUNE_LOG_DAYS " days'");
DB_STMT(prune_cache, 1,
    "DELETE FROM search_cache WHERE fetched_at < "
    "coalesce($1::timestamptz, now()) - interval '" PRUNE_CACHE_HOURS
    " hours'");
DB_STMT(prune_logins, 1,
    "DELETE FROM login_failures WHERE failed_at < "
    "coalesce($1::timestamptz, now()) - interval '" PRUNE_LOGIN_DAYS
    " days'");

DB_STMT(prune_keys, 1,
    "DELETE FROM ebay_notification_keys WHERE fetched_at < "
    "coalesce($1::timestamptz, now()) - interval '1 day'");

struct prune_step {
	const struct db_stmt	*stmt;
	const char		*what;
	bool			 retention;	/* takes the retention days */
};

static const struct prune_step prune_steps[] = {
	{ &prune_unseen, "listings not seen for ITEM_RETENTION_DAYS", true },
	{ &prune_ended, "ended listings", false },
	{ &prune_sessions, "expired sessions", false },
	{ &prune_deliveries, "delivery log entries older than "
	    PRUNE_LOG_DAYS " days", false },
	{ &prune_runs, "scan runs older than " PRUNE_LOG_DAYS " days", false },
	{ &prune_cache, "live-search cache entries older than "
	    PRUNE_CACHE_HOURS " hours", false },
	{ &prune_logins, "failed logins older than " PRUNE_LOGIN_DAYS " day",
	    false },
	{ &prune_keys, "eBay notification keys older than 1 day", false },
};

/* Run one step; false (logged) when the database failed. */
static bool
prune_one(struct scan_ctx *ctx, const struct prune_step *st)
{
	PGresult	*res;
	char		 days[24], what[128];

	snprintf(days, sizeof days, "%ld", ctx->cfg->item_retention_days);
	res = st->retention ? db_exec(ctx->db, st->stmt, scan_now(), days) :
	    db_exec(ctx->db, st->stmt, scan_now());
	if (res == NULL) {
		log_error("prune: %s: %s", st->stmt->name,
		    db_errmsg(ctx->db));
		return false;
	}
	if (st->retention)
		snprintf(what, sizeof what, "listings not seen for %ld days",
		    ctx->cfg->item_retention_days);
	else
		snprintf(what, sizeof what, "%s", st->what);
	if (!ctx->quiet)
		printf("deleted %s %s\n", PQcmdTuples(res), what);
	log_debug("prune: deleted %s %s", PQcmdTuples(res), what);
	PQclear(res);
	return true;
}

static int
cmd_prune_exec(struct scan_ctx *ctx, int argc, char **argv)
{
	size_t	 i;
	long	 done;

	if (argc != 1) {
		fprintf(stderr, "usage: ebay-scan prune\n");
		return SCAN_EXIT_USAGE;
	}
	if (db_connect(ctx->db) != DB_OK) {
		log_error("prune: database unavailable: %s",
		    db_errmsg(ctx->db));
		return SCAN_EXIT_NODB;
	}
	/* eBay account deletions acknowledged but not finished (SPEC 6). */
	if ((done = ebay_deletion_apply_pending(ctx->db)) < 0) {
		log_error("prune: eBay account deletions: %s",
		    db_errmsg(ctx->db));
		return db_error(ctx->db) == DB_ERR_UNAVAILABLE ?
		    SCAN_EXIT_NODB : SCAN_EXIT_FAILED;
	}
	if (done > 0 && !ctx->quiet)
		printf("finished %ld eBay account deletion%s\n", done,
		    done == 1 ? "" : "s");
	for (i = 0; i < sizeof prune_steps / sizeof prune_steps[0]; i++)
		if (!prune_one(ctx, &prune_steps[i]))
			return db_error(ctx->db) == DB_ERR_UNAVAILABLE ?
			    SCAN_EXIT_NODB : SCAN_EXIT_FAILED;
	return SCAN_EXIT_OK;
}

const struct scan_cmd scan_cmd_prune = {
	.name = "prune",
	.usage = "",
	.summary = "delete ended and old listings, expired sessions, old logs",
	.exec = cmd_prune_exec,
};
