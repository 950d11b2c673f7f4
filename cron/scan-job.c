/*
 * A claimed saved search turned into the typed eBay query the worker
 * sends: the search's own filters (SPEC section 3), sorted newlyListed,
 * 200 a page, from the start-date cursor minus the overlap (30 minutes),
 * or further back: from the start of the oldest of the search's 100
 * newest open listings.  New listings alone rarely fill a page, so the
 * same single call also re-reads those known listings: their price
 * changes are seen, and "gone" is judged where the result is complete.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "db.h"
#include "ebay.h"
#include "scan.h"
#include "search.h"
#include "xmalloc.h"

/*
 * Read row (columns SCAN_JOB_COLUMNS) into a new job: the saved search's
 * filters become the query as lib/search turns them for the web's live
 * search (search_to_query), then the worker's own order, page size and
 * start date replace the search's.  Never NULL; the caller frees.
 */
struct scan_job *
scan_job_from_row(const PGresult *res, int row)
{
	struct scan_job		*j;
	struct ebay_query	*q;
	int64_t			 cursor;

	j = xcalloc(1, sizeof *j);
	q = &j->query;
	saved_search_init(&j->ss, NULL);
	db_search_row(res, row, &j->ss);
	j->id = j->ss.id;
	snprintf(j->ids, sizeof j->ids, "%lld", (long long)j->id);
	search_to_query(&j->ss.spec, q);
	j->first_run = !j->ss.first_run_done;
	if (db_int64(res, row, SEARCH_NCOLS, &cursor) && cursor > 0)
		j->cursor = (time_t)cursor;
	if (db_int64(res, row, SEARCH_NCOLS + 1, &cursor) && cursor > 0)
		j->reach = (time_t)cursor;

	/* The worker's query: newest first, full pages, from the cursor. */
	q->sort = EBAY_SORT_NEWLY_LISTED;
	q->limit = SCAN_PAGE_LIMIT;
	q->offset = 0;
	if (j->cursor != 0) {
		/* The cursor is never past an hour from now (scan-commit.c). */
		j->window_start = j->cursor - SCAN_OVERLAP_SECONDS;
		/*
		 * Reach back over the newest known listings still open, as
		 * far as one page has room for: the same one call then also
		 * sees their price changes and which of them are gone.
		 */
		if (j->reach != 0 && j->reach < j->window_start)
			j->window_start = j->reach;
		q->start_from = j->window_start;
	}
	return j;
}

void
scan_job_free(struct scan_job *j)
{
	size_t	 i;

	if (j == NULL)
		return;
	for (i = 0; i < j->npages; i++)
		ebay_page_free(&j->pages[i]);
	free(j->pages);
	saved_search_free(&j->ss);
	free(j->problem);
	free(j);
}
