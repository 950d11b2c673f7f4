/*
 * The scan pass of ebay-scan (SPEC section 4, items 1-4), inside cron/:
 *
 *   cmd-scan.c     the command: options, the pass, progress, exit status
 *   scan-claim.c   leases: claim due searches, release, reclaim the
 *                  leases of dead local runs
 *   scan-budget.c  the day's budget: stretch intervals fairly
 *   scan-job.c     a claimed search turned into a typed eBay query
 *   scan-commit.c  one search's results, committed in one transaction
 */
#ifndef SCAN_H
#define SCAN_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include <libpq-fe.h>

#include "ebay.h"
#include "search.h"

struct db;
struct cfg;

#define SCAN_OVERLAP_SECONDS	(30 * 60)	/* cursor overlap, at least */
#define SCAN_REVISIT		100		/* known listings re-read */
#define SCAN_STR_(x)		#x
#define SCAN_STR(x)		SCAN_STR_(x)	/* a number, for SQL */
#define SCAN_PAGE_LIMIT		200		/* items per call */
#define SCAN_MAX_PAGES		10		/* calls per search per run */

/* The outcome of one search in one run. */
enum scan_outcome {
	SCAN_OUT_OK,		/* recorded */
	SCAN_OUT_WARNING,	/* eBay ignored a filter: nothing recorded */
	SCAN_OUT_ERROR,		/* the fetch failed: nothing recorded */
	SCAN_OUT_QUOTA,		/* no calls left (budget or 429) */
	SCAN_OUT_CANCELLED,	/* the run's time ran out: deferred */
	SCAN_OUT_LOST,		/* our lease was taken: nothing recorded */
	SCAN_OUT__MAX
};

/* One claimed search, from claim to commit. */
struct scan_job {
	int64_t		 id;
	char		 ids[24];	/* id as text, for SQL */
	bool		 first_run;	/* first_run_done was false */
	time_t		 cursor;	/* cursor_start; 0 none */
	time_t		 reach;		/* start of the oldest of the newest
					   SCAN_REVISIT open hits; 0 none */
	time_t		 window_start;	/* what the query asked from; 0 none */
	time_t		 claimed_at;
	void		*run;		/* the pass it belongs to */
	struct scan_job	*next;		/* in the writers' queue */

	/* The saved search (owned) and the query, which borrows from it. */
	struct saved_search ss;
	struct ebay_query query;

	/* The fetch. */
	struct ebay_page *pages;	/* owned; npages */
	size_t		 npages;
	int		 calls;
	bool		 complete;	/* every page of the window read */
	bool		 capped;	/* stopped at SCAN_MAX_PAGES */
	struct ebay_error err;		/* code EBAY_OK when all went well */
	char		*problem;	/* warnings (owned), or NULL */

	/* The result. */
	enum scan_outcome outcome;
	int		 seen, fresh, price_changes, ended, relisted;
	double		 db_seconds;	/* time spent committing */
};

/* scan-job.c */
struct scan_job	*scan_job_from_row(const PGresult *, int row);
void		 scan_job_free(struct scan_job *);
/*
 * The SELECT list scan_job_from_row reads (table alias s): the saved
 * search as lib/search reads it, then the worker's own columns: the
 * cursor, and the reach (the oldest start among the search's SCAN_REVISIT
 * newest open listings).  The reach looks among the search's 1,000 latest hits
 * only (a listing is first seen after it starts, so the newest are
 * there), each listing fetched by key: left to the planner, the join read
 * every open listing of the database for each search claimed.
 */
#define SCAN_JOB_COLUMNS \
	SEARCH_COLS ", extract(epoch FROM s.cursor_start)::bigint," \
	" (SELECT extract(epoch FROM min(x.st))::bigint FROM (SELECT" \
	"  least(l.item_origin_date, l.item_creation_date) AS st" \
	"  FROM (SELECT item_id FROM search_hits WHERE search_id = s.id" \
	"   ORDER BY first_seen_at DESC LIMIT 1000) h" \
	"  CROSS JOIN LATERAL (SELECT item_origin_date, item_creation_date" \
	"   FROM listings WHERE item_id = h.item_id AND ended_at IS NULL" \
	"   OFFSET 0) l" \
	"  ORDER BY st DESC NULLS LAST LIMIT " SCAN_STR(SCAN_REVISIT) ") x)"

/* scan-claim.c */
char		*scan_claim_owner(void);
int		 scan_claim_reclaim_dead(struct db *, const char *owner);
PGresult	*scan_claim_due(struct db *, const char *owner, int n,
		    int lease_seconds);
PGresult	*scan_claim_one(struct db *, const char *owner, int64_t id,
		    int lease_seconds);
PGresult	*scan_peek_due(struct db *, int64_t after_id, int n);
PGresult	*scan_peek_one(struct db *, int64_t id);
bool		 scan_claim_release(struct db *, const char *owner,
		    const char *id);

/* scan-budget.c */
struct scan_budget {
	int64_t		 remaining;	/* worker calls left today */
	time_t		 next_reset;
	time_t		 blocked_until;	/* 0: not blocked */
	double		 factor;	/* intervals stretched by; 1 as asked */
	double		 demand;	/* calls per day asked */
};
bool		 scan_budget_plan(struct db *, const struct cfg *,
		    bool write, struct scan_budget *);
bool		 scan_budget_mark_quota(struct db *, const char *why,
		    time_t until);

/* scan-commit.c */
bool		 scan_commit_search(struct db *, const char *owner,
		    struct scan_job *, bool dry_run, bool forced);
bool		 scan_commit_failure(struct db *, const char *owner,
		    struct scan_job *, bool forced);
const char	*scan_outcome_name(enum scan_outcome);

#endif
