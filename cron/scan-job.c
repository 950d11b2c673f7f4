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

#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "db.h"
#include "ebay.h"
#include "scan.h"
#include "xmalloc.h"

static char *
scan_job_dup(const PGresult *res, int row, int col)
{
	return db_isnull(res, row, col) ? NULL :
	    xstrdup(db_text(res, row, col));
}

/* A JSON array of strings (array_to_json) into a NULL-ended vector. */
static char **
scan_job_strv(const PGresult *res, int row, int col, size_t *n)
{
	struct json_object	*a, *e;
	char			**v;
	size_t			 i, len;

	*n = 0;
	if (db_isnull(res, row, col) ||
	    (a = json_tokener_parse(db_text(res, row, col))) == NULL)
		return NULL;
	if (!json_object_is_type(a, json_type_array)) {
		json_object_put(a);
		return NULL;
	}
	len = json_object_array_length(a);
	v = xcalloc(len + 1, sizeof *v);
	for (i = 0; i < len; i++) {
		e = json_object_array_get_idx(a, i);
		if (e != NULL && json_object_is_type(e, json_type_string))
			v[(*n)++] = xstrdup(json_object_get_string(e));
	}
	json_object_put(a);
	return v;
}

static void
scan_job_strv_free(char **v)
{
	size_t	 i;

	if (v == NULL)
		return;
	for (i = 0; v[i] != NULL; i++)
		free(v[i]);
	free(v);
}

/* A mask of names (conditions, formats) through a parser. */
static unsigned
scan_job_mask(const PGresult *res, int row, int col, bool is_cond)
{
	char		**v;
	size_t		 n, i;
	unsigned	 mask = 0;
	enum ebay_cond	 c;
	enum ebay_fmt	 f;

	v = scan_job_strv(res, row, col, &n);
	for (i = 0; i < n; i++) {
		if (is_cond && ebay_cond_parse(v[i], &c))
			mask |= EBAY_BIT(c);
		else if (!is_cond && ebay_fmt_parse(v[i], &f))
			mask |= EBAY_BIT(f);
	}
	scan_job_strv_free(v);
	return mask;
}

static void
scan_job_money(struct money *m, const PGresult *res, int row, int col,
    const char *currency)
{
	money_unknown(m);
	if (!db_isnull(res, row, col) && currency != NULL &&
	    !money_parse(m, db_text(res, row, col), currency))
		money_unknown(m);
}

/*
 * Read row (columns SCAN_JOB_COLUMNS) into a new job.  now is the time
 * the worker's SQL sees (for the cursor).  Never NULL; the caller frees.
 */
struct scan_job *
scan_job_from_row(const PGresult *res, int row, time_t now)
{
	struct scan_job		*j;
	struct ebay_query	*q;
	const char		*cur;
	int64_t			 cursor;
	bool			 done = false;

	j = xcalloc(1, sizeof *j);
	q = &j->query;
	ebay_query_init(q);
	if (!db_int64(res, row, 0, &j->id))
		j->id = 0;
	snprintf(j->ids, sizeof j->ids, "%lld", (long long)j->id);
	j->name = scan_job_dup(res, row, 1);
	q->q = j->q = scan_job_dup(res, row, 2);
	q->category_id = j->category_id = scan_job_dup(res, row, 3);
	q->currency = j->currency = scan_job_dup(res, row, 6);
	j->marketplace = scan_job_dup(res, row, 13);
	q->marketplace = j->marketplace;
	cur = j->currency;
	if (cur == NULL && j->marketplace != NULL)
		cur = ebay_marketplace_currency(j->marketplace);
	scan_job_money(&q->min_price, res, row, 4, cur);
	scan_job_money(&q->max_price, res, row, 5, cur);
	q->conditions = scan_job_mask(res, row, 7, true);
	q->formats = scan_job_mask(res, row, 8, false);
	j->exclude_words = scan_job_strv(res, row, 9, &q->nexclude_words);
	q->exclude_words = (const char *const *)j->exclude_words;
	j->exclude_sellers = scan_job_strv(res, row, 10,
	    &q->nexclude_sellers);
	q->exclude_sellers = (const char *const *)j->exclude_sellers;
	q->located_in = j->located_in = scan_job_dup(res, row, 11);
	if (!db_bool(res, row, 12, &q->free_shipping))
		q->free_shipping = false;
	if (!db_int(res, row, 14, &j->interval) || j->interval < 1)
		j->interval = 15;
	if (db_bool(res, row, 15, &done))
		j->first_run = !done;
	if (db_int64(res, row, 16, &cursor) && cursor > 0)
		j->cursor = (time_t)cursor;
	if (db_int64(res, row, 17, &cursor) && cursor > 0)
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
	free(j->name);
	free(j->q);
	free(j->category_id);
	free(j->currency);
	free(j->located_in);
	free(j->marketplace);
	scan_job_strv_free(j->exclude_words);
	scan_job_strv_free(j->exclude_sellers);
	free(j->problem);
	free(j);
}
