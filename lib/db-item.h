/*
 * Listings and their life (SPEC section 4, item 4): what one successful
 * scan of a saved search does to listings, search_hits,
 * price_observations and listing_events, set-based.
 *
 * Use in this order:
 *   db_item_stage_open    before the transaction: the session's stage
 *                         table (created once per session and thread)
 *   db_item_stage_clear   the transaction's first statement (a DELETE, now
 *                         and then a TRUNCATE): run it (db_run, db_batch)
 *                         before anything else touches the stage
 *   db_item_stage         once, with every result page (the items)
 *   db_item_record        the lifecycle: upserts, events, observations
 *
 * Rules (all compare what was stored with what this scan saw):
 *   new        a listing new to this search: a search_hits row
 *              (first_seen_at, first_run_id: the search's 'new'); a
 *              listing new to the database: its listings row, which is
 *              its price history (the price_history view) until the total
 *              first changes.
 *   price      a change of total (price + known shipping, in the same
 *              currency): a price_observation (the first change also
 *              observes the price before it, at the first sight) and a
 *              'price_changed' event.
 *              An unknown total (unknown shipping) is unknown: it never
 *              compares equal or unequal, so it is never a change.
 *   ended      the end date passed (any listing of this search), or the
 *              listing is gone from a complete result whose start-date
 *              window covers it, seen since the search was last edited
 *              (end_reason 'gone'): listings.ended_at and an 'ended'.
 *   relisted   a listing new to the database, same seller and same
 *              normalised title as an ended listing that no other listing
 *              relists yet: listings.relisted_from and a 'relisted'.
 * listing_events.search_id is the search whose scan saw the fact, and
 * run_id its scan_runs row; price_changed/ended/relisted are recorded once
 * per listing (the first search to see it).
 */
#ifndef DB_ITEM_H
#define DB_ITEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct db;
struct ebay_page;

struct db_item_scan {
	const char	*search_id;	/* decimal */
	const char	*run_id;	/* decimal: the scan_runs id */
	const char	*now;		/* NULL: now(); else a timestamptz */
	bool		 first_run;	/* hits are marked silent */
	bool		 complete;	/* every page of the window was read */
	time_t		 window_start;	/* itemStartDate lower bound; 0 none */
};

struct db_item_counts {
	int	 seen;		/* distinct listings in the pages */
	int	 fresh;		/* new to this search */
	int	 inserted;	/* new to the database */
	int	 price_changes;
	int	 ended;
	int	 relisted;
	time_t	 newest_start;	/* cursor candidate: newest start seen */
};

struct db_stmt;

void	 db_item_title_key(char *, const char *);
bool	 db_item_stage_open(struct db *) __attribute__((warn_unused_result));
const struct db_stmt *db_item_stage_clear(struct db *);
bool	 db_item_stage(struct db *, const struct ebay_page *, size_t npages)
	    __attribute__((warn_unused_result));
bool	 db_item_record(struct db *, const struct db_item_scan *,
	    struct db_item_counts *) __attribute__((warn_unused_result));

#endif
