/*
 * ebay-scan quota: today's eBay calls (web and worker), the limit and the
 * web's reserve, what is left, the next reset (UTC and US Pacific, the
 * eBay day's clock) and whether calls are blocked after a 429; then each
 * saved search's asked and effective interval (stretched by the worker
 * when the day's calls cannot cover every search as asked).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "cfg.h"
#include "db.h"
#include "ebay.h"
#include "ebay-scan.h"
#include "log.h"

DB_STMT(cmd_quota_stmt_pacific, 1,
    "SELECT to_char(to_timestamp($1::bigint) AT TIME ZONE "
    "'America/Los_Angeles', 'YYYY-MM-DD HH24:MI:SS')");

/* "2026-03-15 00:00:00 US Pacific", computed by PostgreSQL's zone data. */
static void
cmd_quota_pacific(struct db *db, time_t t, char *out, size_t outlen)
{
	PGresult	*res;
	char		 n[32];
	const char	*s;

	snprintf(n, sizeof n, "%lld", (long long)t);
	out[0] = '\0';
	if ((res = db_exec(db, &cmd_quota_stmt_pacific, n)) == NULL)
		return;
	if ((s = db_text(res, 0, 0)) != NULL)
		snprintf(out, outlen, "%s US Pacific", s);
	PQclear(res);
}

static void
cmd_quota_utc(time_t t, char *out, size_t outlen)
{
	struct tm	 tm;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(out, outlen, "%Y-%m-%d %H:%M:%S UTC", &tm) == 0)
		snprintf(out, outlen, "?");
}

/* Each search's asked and effective interval (the worker's budget). */
DB_STMT(cmd_quota_stmt_searches, 0,
    "SELECT id, name, interval_minutes,"
    " coalesce(effective_interval_minutes, interval_minutes),"
    " enabled, status, to_char(next_run_at AT TIME ZONE 'UTC',"
    " 'YYYY-MM-DD HH24:MI')"
    " FROM saved_searches ORDER BY id");

/* The searches table; false if the database failed. */
static bool
cmd_quota_searches(struct db *db)
{
	PGresult	*res;
	struct buf	 name;
	int		 i, n, asked, eff;
	bool		 enabled;

	if ((res = db_exec(db, &cmd_quota_stmt_searches)) == NULL)
		return false;
	buf_init(&name, 4096);
	n = PQntuples(res);
	printf("\nsearches:      %d (interval in minutes: asked, effective "
	    "within the budget)\n", n);
	if (n > 0)
		printf("%8s  %-30s %7s %9s  %-8s %s\n", "id", "name", "asked",
		    "effective", "status", "next run (UTC)");
	for (i = 0; i < n; i++) {
		if (!db_int(res, i, 2, &asked) || !db_int(res, i, 3, &eff) ||
		    !db_bool(res, i, 4, &enabled))
			continue;
		/* A user's text: control characters escaped, as in logs. */
		buf_reset(&name);
		log_sanitize(&name, db_text(res, i, 1),
		    strlen(db_text(res, i, 1)));
		printf("%8s  %-30.30s %7d %9d  %-8s %s%s\n", db_text(res, i, 0),
		    buf_cstr(&name), asked, eff, db_text(res, i, 5),
		    db_text(res, i, 6), enabled ? "" : " (disabled)");
	}
	buf_free(&name);
	PQclear(res);
	return true;
}

static int
cmd_quota_exec(struct scan_ctx *ctx, int argc, char **argv)
{
	struct ebay_quota	 q;
	char			 utc[64], pac[64];

	if (argc != 1) {
		fprintf(stderr, "usage: ebay-scan quota\n");
		return SCAN_EXIT_USAGE;
	}
	if (db_connect(ctx->db) != DB_OK) {
		log_error("quota: database unavailable: %s",
		    db_errmsg(ctx->db));
		return SCAN_EXIT_NODB;
	}
	if (!ebay_quota_read(ctx->db, ctx->cfg, &q)) {
		log_error("quota: cannot read the figures: %s",
		    db_errmsg(ctx->db));
		return db_error(ctx->db) == DB_ERR_UNAVAILABLE ?
		    SCAN_EXIT_NODB : SCAN_EXIT_FAILED;
	}
	printf("eBay day:      %s (starts at midnight US Pacific)\n", q.day);
	printf("calls used:    %lld (web %lld, worker %lld)\n",
	    (long long)(q.used_web + q.used_worker), (long long)q.used_web,
	    (long long)q.used_worker);
	printf("daily limit:   %ld\n", q.limit);
	printf("web reserve:   %ld\n", q.reserve);
	printf("remaining:     %lld (worker %lld)\n", (long long)q.remaining,
	    (long long)q.worker_remaining);
	cmd_quota_utc(q.next_reset, utc, sizeof utc);
	cmd_quota_pacific(ctx->db, q.next_reset, pac, sizeof pac);
	printf("next reset:    %s (%s)\n", utc, pac);
	if (q.blocked_until != 0) {
		cmd_quota_utc(q.blocked_until, utc, sizeof utc);
		printf("blocked:       yes, until %s: %s\n", utc,
		    q.blocked_reason);
	} else
		printf("blocked:       no\n");
	if (!cmd_quota_searches(ctx->db)) {
		log_error("quota: cannot read the searches: %s",
		    db_errmsg(ctx->db));
		return SCAN_EXIT_NODB;
	}
	return SCAN_EXIT_OK;
}

const struct scan_cmd scan_cmd_quota = {
	.name = "quota",
	.usage = "",
	.summary = "today's eBay calls, limit, reset; each search's interval",
	.exec = cmd_quota_exec,
};
