/*
 * Alert rules (SPEC section 4 item 5), evaluated inside the transaction
 * that records a search's run, so alerts and their outbox rows commit
 * with the facts that caused them (or not at all).
 *
 *   new_match		a listing new to the search (this run's 'new'
 *			events), optionally at most max_total (same currency)
 *   price_range	a listing's total crossing into [range_min, range_max]
 *			(this run's 'price_changed' events, for every search
 *			holding the listing), in the rule's direction (down,
 *			up, both).  alert_state keeps inside/outside per rule
 *			and listing with hysteresis: once inside, a listing
 *			is outside again only beyond hysteresis_pct past a
 *			bound, so a wobble at the edge alerts once.
 *   auction_ending	an auction of the search ending within window_minutes
 *			with at most max_bids bids (and at most max_total):
 *			checked on every run, alerted once per auction
 *			(event_key = the end date)
 *
 * The first run of a search records silently unless notify_existing.  One
 * listing matching several of a user's searches is one alert (alerts'
 * unique key) naming every search (search_ids); each search's channels get
 * one outbox row, not_before now (instant) or the next digest time.
 */
#ifndef RULES_H
#define RULES_H

#include <stdbool.h>

struct db;

struct rules_counts {
	long	 alerts;	/* alerts written or extended */
	long	 outbox;	/* outbox rows written */
};

bool	 rules_evaluate(struct db *, const char *search_id, const char *run_id,
	    bool first_run, const char *now, struct rules_counts *)
	    __attribute__((warn_unused_result));

#endif
