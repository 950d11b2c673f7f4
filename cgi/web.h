/*
 * Pieces the web's route files share (account, search, searches, items):
 * the search form, the saved-search form, and one listing rendered for a
 * template from its JSON description.
 *
 * A listing travels as a json-c object with these keys (absent or null
 * when unknown), whether it comes from eBay (web_item_json), from the
 * search cache, or from PostgreSQL (json_build_object in SQL):
 *   item_id title url aff_url image price price_cur is_bid bids ship
 *   ship_cur total total_cur condition buying[] end (epoch) seller
 *   fb_score fb_pct country postal city
 * Money is a decimal string ("12.50"), never a JSON number.
 */
#ifndef WEB_H
#define WEB_H

#include <stdbool.h>

/*
 * SQL: one row of listings (alias l) as the JSON text web_listing reads.
 */
#define WEB_LISTING_JSON(l) \
	"json_build_object('item_id', " l ".item_id, 'title', " l ".title," \
	" 'url', " l ".item_web_url, 'aff_url', " l ".item_affiliate_web_url," \
	" 'image', " l ".image_url, 'price', " l ".price::text," \
	" 'price_cur', " l ".price_currency, 'is_bid', coalesce(" l \
	".current_bid IS NOT NULL AND " l ".price = " l ".current_bid, false)," \
	" 'bids', " l ".bid_count, 'ship', " l ".shipping::text," \
	" 'ship_cur', " l ".shipping_currency, 'total', " l ".total::text," \
	" 'total_cur', " l ".total_currency, 'condition', " l ".condition," \
	" 'buying', to_json(" l ".buying_options)," \
	" 'end', extract(epoch FROM " l ".item_end_date)::bigint," \
	" 'seller', " l ".seller_username," \
	" 'fb_score', " l ".seller_feedback_score," \
	" 'fb_pct', " l ".seller_feedback_pct::text," \
	" 'country', " l ".location_country, 'postal', " l \
	".location_postal, 'city', " l ".location_city)::text"

/* SQL: a timestamptz as "2026-11-26T10:50:00Z". */
#define WEB_TS(col) "to_char(" col " AT TIME ZONE 'UTC', " \
	"'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
/* SQL: its age in whole seconds. */
#define WEB_AGE(col) "extract(epoch FROM now() - " col ")::bigint"
#include <time.h>

struct ebay_item;
struct form;
struct json_object;
struct req;
struct saved_search;
struct search_spec;
struct tmpl_dict;
struct valid_errs;

void	 web_search_form(struct tmpl_dict *, const struct search_spec *);
void	 web_search_refill(struct tmpl_dict *, const struct form *,
	    const struct valid_errs *);
void	 web_spec_hidden(struct tmpl_dict *, const struct search_spec *);
void	 web_saved_form(struct tmpl_dict *, struct req *,
	    const struct saved_search *);
struct json_object *web_item_json(const struct ebay_item *);
void	 web_listing(struct tmpl_dict *, struct req *, struct json_object *,
	    time_t now);
void	 web_spec_summary(struct tmpl_dict *, const char *key,
	    const struct search_spec *);
void	 web_search_row(struct tmpl_dict *, const struct saved_search *);

#endif
