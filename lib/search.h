/*
 * THE saved-search model, shared by the web form, the JSON API,
 * import/export and the worker.
 *
 * A struct search_spec is one search as SPEC section 3 describes it (the
 * /search parameters), parsed and validated: every value in it is typed and
 * within its limits.  A struct saved_search adds a name, the scan interval,
 * alert rules (SPEC section 4 item 5) and channel links; the functions of
 * db-search.c load and store it for one user only.
 *
 * Entry points:
 *   search_spec_init    defaults (marketplace from the configuration)
 *   search_parse_form   /search parameters -> spec, per-field errors
 *   saved_search_parse_form   the save/edit form -> saved search
 *   search_spec_query   spec -> canonical query string (links, cache key)
 *   search_to_query     spec -> the eBay client's struct ebay_query
 *   search_excluded     a listing's title/seller hit the exclusions?
 *   search_calls_per_day   what an interval costs of the daily quota
 *   db_search_*         (db-search.c) list, get, insert, update, delete,
 *                       run soon: every one takes the user's id and never
 *                       touches another user's rows.
 *
 * Field names (form keys, JSON keys, error fields) are SPEC's: q, category,
 * min_price, max_price, currency, condition, format, exclude,
 * seller_exclude, located_in, free_shipping, marketplace, sort, page,
 * per_page; and for saved searches name, interval, enabled,
 * notify_existing, channel, and the alert fields of saved_search_parse_form.
 */
#ifndef SEARCH_H
#define SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct buf;
struct cfg;
struct db;
struct ebay_query;
struct form;
struct valid_errs;

#define SEARCH_Q_MAX		100	/* characters */
#define SEARCH_CATEGORY_MAX	12	/* digits */
#define SEARCH_WORDS_MAX	30	/* excluded words */
#define SEARCH_WORD_MAX		50	/* characters per word */
#define SEARCH_SELLERS_MAX	50	/* excluded sellers */
#define SEARCH_SELLER_MAX	64	/* characters per user name */
#define SEARCH_PER_PAGE_MAX	200
#define SEARCH_PER_PAGE_DEFAULT	50
#define SEARCH_RESULTS_MAX	10000	/* eBay serves no result past this */
#define SEARCH_NAME_MAX		200
#define SEARCH_INTERVAL_MIN	1
#define SEARCH_INTERVAL_MAX	10080	/* a week */
#define SEARCH_INTERVAL_DEFAULT	15
#define SEARCH_RULES_MAX	20
#define SEARCH_CHANNELS_MAX	20

enum search_sort {
	SEARCH_SORT_BEST,		/* "best": eBay's best match */
	SEARCH_SORT_PRICE,		/* "price": lowest total first */
	SEARCH_SORT_PRICE_DESC,		/* "-price" */
	SEARCH_SORT_NEWLY_LISTED,	/* "newly_listed" */
	SEARCH_SORT_ENDING_SOONEST,	/* "ending_soonest" */
	SEARCH_SORT__MAX
};
extern const char *const search_sort_names[SEARCH_SORT__MAX];
extern const char *const search_sort_labels[SEARCH_SORT__MAX];

enum search_condition {
	SEARCH_COND_NEW,		/* "new" */
	SEARCH_COND_OPEN_BOX,		/* "open_box" */
	SEARCH_COND_REFURBISHED,	/* "refurbished" */
	SEARCH_COND_USED,		/* "used" */
	SEARCH_COND_PARTS,		/* "parts": for parts or not working */
	SEARCH_COND__MAX
};
extern const char *const search_condition_names[SEARCH_COND__MAX];
extern const char *const search_condition_labels[SEARCH_COND__MAX];

enum search_format {
	SEARCH_FORMAT_BUY_IT_NOW,	/* "buy_it_now": FIXED_PRICE */
	SEARCH_FORMAT_AUCTION,		/* "auction": AUCTION */
	SEARCH_FORMAT_BEST_OFFER,	/* "best_offer": BEST_OFFER */
	SEARCH_FORMAT__MAX
};
extern const char *const search_format_names[SEARCH_FORMAT__MAX];
extern const char *const search_format_labels[SEARCH_FORMAT__MAX];

/* One search.  Strings are owned; search_spec_free releases them. */
struct search_spec {
	char		*q;		/* NULL, or 1..100 characters */
	char		*category;	/* NULL, or 1..12 digits */
	bool		 has_min_price;
	bool		 has_max_price;
	int64_t		 min_price;	/* hundredths; 0 <= min <= max */
	int64_t		 max_price;
	char		 currency[4];	/* "" = the marketplace's own */
	unsigned	 conditions;	/* 1 << SEARCH_COND_x; 0 = any */
	unsigned	 formats;	/* 1 << SEARCH_FORMAT_x; 0 = the
					   default: buy it now and auction */
	char		**exclude;	/* words; a title with one is dropped */
	size_t		 nexclude;
	char		**seller_exclude; /* user names, compared ignoring case */
	size_t		 nseller_exclude;
	char		 located_in[3];	/* ISO country, "" = anywhere */
	bool		 free_shipping;
	char		 marketplace[24];	/* "EBAY_US" */
	enum search_sort sort;
	int		 page;		/* from 1 */
	int		 per_page;	/* 1..200; page * per_page <= 10000 */
};

enum alert_kind {
	ALERT_NEW_MATCH,	/* "new_match": a new listing (under max_total) */
	ALERT_PRICE_RANGE,	/* "price_range": total crosses into the range */
	ALERT_AUCTION_ENDING,	/* "auction_ending": ends within the window
				   with at most max_bids bids (under max_total) */
	ALERT__MAX
};
extern const char *const alert_kind_names[ALERT__MAX];

enum alert_direction {
	ALERT_DIR_DOWN,		/* "down": a price falling into the range */
	ALERT_DIR_UP,		/* "up" */
	ALERT_DIR_BOTH,		/* "both" */
	ALERT_DIR__MAX
};
extern const char *const alert_direction_names[ALERT_DIR__MAX];

struct alert_rule {
	int64_t			 id;		/* 0 until stored */
	enum alert_kind		 kind;
	bool			 has_max_total;
	int64_t			 max_total;	/* hundredths */
	bool			 has_range_min;
	bool			 has_range_max;
	int64_t			 range_min;	/* hundredths */
	int64_t			 range_max;
	enum alert_direction	 direction;
	int64_t			 hysteresis;	/* hundredths of a percent:
						   200 = 2 % (0..5000) */
	int			 window_minutes; /* auction_ending: 1..10080 */
	int			 max_bids;	/* -1: any number */
	char			 currency[4];	/* "": the search's */
	bool			 enabled;
};

struct saved_search {
	int64_t			 id;		/* 0 until stored */
	int64_t			 user_id;
	char			*name;
	struct search_spec	 spec;
	int			 interval_minutes;	/* asked: 1..10080 */
	int			 effective_interval_minutes; /* 0: as asked */
	bool			 enabled;
	bool			 notify_existing; /* alert on the first run too */
	struct alert_rule	*rules;
	size_t			 nrules;
	int64_t			*channels;	/* channel ids */
	size_t			 nchannels;

	/* State the worker keeps; read by db_search_get, never written. */
	char			 status[16];	/* new, ok, warning, error,
						   quota, disabled */
	char			*last_error;	/* NULL if none */
	char			*next_run_at;	/* timestamps as text (UTC) */
	char			*last_run_at;	/* NULL if never */
	char			*last_success_at;
	char			*created_at;
	bool			 first_run_done;
	long long		 next_run_in;	/* seconds until due, <= 0: due
					   (db_search_get) */
	long long		 last_run_age;	/* seconds since, -1: never */
	long long		 finds;		/* search_hits, by db_search_list */
	long long		 finds_new;	/* first seen in the last 24 h */
};

/* search.c */
char	*search_cents_str(int64_t, char out[32]);
void	 search_spec_init(struct search_spec *, const struct cfg *);
void	 search_spec_free(struct search_spec *);
bool	 search_parse_form(struct search_spec *, const struct form *,
	    struct valid_errs *);
bool	 search_spec_check(const struct search_spec *, struct valid_errs *);
void	 search_spec_query(const struct search_spec *, bool with_page,
	    struct buf *);
bool	 search_spec_is_default_formats(const struct search_spec *);
void	 search_to_query(const struct search_spec *, struct ebay_query *);
bool	 search_excluded(const struct search_spec *, const char *title,
	    const char *seller);
long	 search_calls_per_day(int interval_minutes);
void	 saved_search_init(struct saved_search *, const struct cfg *);
void	 saved_search_free(struct saved_search *);
bool	 saved_search_parse_form(struct saved_search *, const struct form *,
	    struct valid_errs *);
bool	 alert_rule_check(const struct alert_rule *, const char *prefix,
	    struct valid_errs *);
void	 alert_rule_init(struct alert_rule *, enum alert_kind);

/*
 * A saved search as SQL selects it (table alias s): SEARCH_NCOLS columns,
 * read by db_search_row into an initialised saved_search (its rules and
 * channels are not among them).  The worker claims searches with these.
 */
#define SEARCH_TS(col) "to_char(" col " AT TIME ZONE 'UTC', " \
	"'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
#define SEARCH_COLS \
	"s.id, s.user_id, s.name, s.q, s.category_id, s.min_price," \
	" s.max_price, s.currency, array_to_json(s.conditions)," \
	" array_to_json(s.formats), array_to_json(s.exclude_words)," \
	" array_to_json(s.exclude_sellers), s.located_in, s.free_shipping," \
	" s.marketplace, s.sort, s.interval_minutes," \
	" s.effective_interval_minutes, s.enabled, s.notify_existing," \
	" s.status, s.last_error, " SEARCH_TS("s.next_run_at") ", " \
	SEARCH_TS("s.last_run_at") ", " SEARCH_TS("s.last_success_at") ", " \
	SEARCH_TS("s.created_at") ", s.first_run_done"
#define SEARCH_NCOLS 27
struct pg_result;
void	 db_search_row(const struct pg_result *, int row,
	    struct saved_search *);

/* db-search.c: -1 is a database error (see db_error), 0 not found. */
int	 db_search_list(struct db *, int64_t user_id, struct saved_search **,
	    size_t *) __attribute__((warn_unused_result));
int	 db_search_page(struct db *, int64_t user_id, int limit, int offset,
	    struct saved_search **, size_t *, int64_t *total)
	    __attribute__((warn_unused_result));
void	 db_search_list_free(struct saved_search *, size_t);
int	 db_search_get(struct db *, int64_t user_id, int64_t id,
	    struct saved_search *) __attribute__((warn_unused_result));
int	 db_search_insert(struct db *, int64_t user_id, struct saved_search *)
	    __attribute__((warn_unused_result));
int	 db_search_update(struct db *, int64_t user_id,
	    const struct saved_search *) __attribute__((warn_unused_result));
int	 db_search_delete(struct db *, int64_t user_id, int64_t id)
	    __attribute__((warn_unused_result));
int	 db_search_run_soon(struct db *, int64_t user_id, int64_t id)
	    __attribute__((warn_unused_result));

#endif
