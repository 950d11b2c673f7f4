/*
 * The eBay Browse API client (item_summary/search only; see
 * ../shared/ebay/BROWSE-API.md for the facts it relies on).
 *
 * Contents:
 *   names    enums for conditions, buying formats, sort orders and their
 *            SPEC section 3 names ("open_box", "-price", ...)
 *   query    struct ebay_query: one search, typed (SPEC section 3)
 *   item     struct ebay_item: one listing as the product shows and stores it
 *   page     struct ebay_page: one result page, with warnings and counts
 *   errors   enum ebay_err, struct ebay_error, ebay_strerror
 *   client   ebay_client_new/free, ebay_search, ebay_search_next
 *            (synchronous: the web, ebay-scan --search)
 *   multi    ebay_multi_*: many searches at once over libcurl multi with a
 *            bounded concurrency and a callback per search (the worker)
 *   quota    ebay_quota_read: today's calls, limit, reset, block
 *   parse    ebay_parse_page: the response parser, for tests, fuzzing, bench
 *
 * What the client does for every call, sync or async:
 *   - a budget check and count in ebay_calls (one row per eBay day, the
 *     day starting at midnight America/Los_Angeles, and source): the web
 *     may spend the whole EBAY_DAILY_CALL_LIMIT, the worker the limit
 *     minus cfg->ebay_web_reserve; nobody while ebay_quota.blocked_until is
 *     in the future.  Each HTTP request to Browse (retries included) counts
 *     one call, counted before it is sent.
 *   - the application token: one, cached in ebay_tokens and shared by
 *     every process; minted under a row lock (SELECT ... FOR UPDATE) so two
 *     processes never mint at once; renewed 5 minutes before expiry, or
 *     once after a 401 / errorId 1001, after which the call is retried
 *     once.  Neither the token nor the client secret is ever logged or
 *     copied into an error message.
 *   - headers: X-EBAY-C-MARKETPLACE-ID always; X-EBAY-C-ENDUSERCTX with
 *     affiliateCampaignId and contextualLocation when configured.
 *   - transport (lib/fetch.c): connect and total timeouts, a response size
 *     cap, gzip, keep-alive; at most 2 retries with backoff for 5xx,
 *     timeouts, connection errors and non-JSON/truncated bodies; never for
 *     4xx.  A 429 / errorId 2001 is EBAY_ERR_QUOTA and records
 *     ebay_quota.blocked_until = the start of the next eBay day, so every
 *     process stops calling until then.
 *
 * Database: the client runs its own short statements (token, counting) on
 * the struct db it is given, which must not be inside a transaction when a
 * client function is called (those calls fail with EBAY_ERR_DB then).  A
 * caller that keeps transactions open across eBay calls (the worker)
 * passes NULL and the client opens its own connection from
 * cfg->database_url.
 *
 * Strings in items are eBay's bytes, valid UTF-8 and NUL-free (see
 * ebay_parse_page), but otherwise hostile: escape them on output.
 */
#ifndef EBAY_H
#define EBAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "money.h"

struct cfg;
struct db;

/* --- names ------------------------------------------------------------- */

/* SPEC section 3 conditions; a query holds a mask of EBAY_BIT(cond). */
enum ebay_cond {
	EBAY_COND_NEW,		/* "new": conditionIds 1000 */
	EBAY_COND_OPEN_BOX,	/* "open_box": 1500, 1750 */
	EBAY_COND_REFURBISHED,	/* "refurbished": 2000 2010 2020 2030 2500 */
	EBAY_COND_USED,		/* "used": 2750 3000 4000 5000 6000 */
	EBAY_COND_PARTS,	/* "parts": 7000 */
	EBAY_COND__MAX
};

/* SPEC section 3 formats (the user's choice of buying options). */
enum ebay_fmt {
	EBAY_FMT_BUY_IT_NOW,	/* "buy_it_now": FIXED_PRICE */
	EBAY_FMT_AUCTION,	/* "auction": AUCTION */
	EBAY_FMT_BEST_OFFER,	/* "best_offer": BEST_OFFER */
	EBAY_FMT__MAX
};

/* Buying options of a listing, as eBay reports them (item->buying). */
enum ebay_buy {
	EBAY_BUY_FIXED_PRICE,
	EBAY_BUY_AUCTION,
	EBAY_BUY_BEST_OFFER,
	EBAY_BUY_CLASSIFIED_AD,
	EBAY_BUY__MAX
};

enum ebay_sort {
	EBAY_SORT_BEST,			/* "best": eBay's Best Match */
	EBAY_SORT_PRICE,		/* "price": price + shipping, ascending */
	EBAY_SORT_PRICE_DESC,		/* "-price" */
	EBAY_SORT_NEWLY_LISTED,		/* "newly_listed": newlyListed */
	EBAY_SORT_ENDING_SOONEST,	/* "ending_soonest": endingSoonest */
	EBAY_SORT__MAX
};

#define EBAY_BIT(v)	(1u << (v))

/*
 * Names to values and back.  *_name returns a static string ("open_box",
 * "buy_it_now", "FIXED_PRICE", "-price"), or NULL for an out-of-range
 * value; *_parse returns false (out untouched) for an unknown name.
 */
const char	*ebay_cond_name(enum ebay_cond);
bool		 ebay_cond_parse(const char *, enum ebay_cond *);
const char	*ebay_fmt_name(enum ebay_fmt);
bool		 ebay_fmt_parse(const char *, enum ebay_fmt *);
const char	*ebay_buy_name(enum ebay_buy);	/* eBay's spelling */
bool		 ebay_buy_parse(const char *, enum ebay_buy *);
const char	*ebay_sort_name(enum ebay_sort);
bool		 ebay_sort_parse(const char *, enum ebay_sort *);

/* The currency of a marketplace ("EBAY_DE" -> "EUR"); NULL if unknown. */
const char	*ebay_marketplace_currency(const char *marketplace);

/* --- query ------------------------------------------------------------- */

#define EBAY_Q_MAX		100	/* characters (code points) of q */
#define EBAY_LIMIT_MAX		200
#define EBAY_LIMIT_DEFAULT	50
#define EBAY_OFFSET_MAX		9999
#define EBAY_SELLERS_MAX	250

/*
 * One search.  Every pointer is borrowed: the caller keeps it valid for
 * the call (ebay_search) or until ebay_multi_add returns (the multi copies
 * what it needs).  Initialise with ebay_query_init, then set fields.
 */
struct ebay_query {
	const char	*q;		/* keywords; NULL or 1..100 code points */
	const char	*category_id;	/* NULL or 1-12 digits */
	/* q or category_id is required. */

	struct money	 min_price;	/* unknown = open range */
	struct money	 max_price;	/* unknown = open range */
	const char	*currency;	/* priceCurrency; NULL: the currency of
					   min/max_price, else the marketplace's */

	unsigned	 conditions;	/* EBAY_BIT(enum ebay_cond); 0 = any */
	unsigned	 formats;	/* EBAY_BIT(enum ebay_fmt); 0 = default:
					   buy_it_now and auction */

	const char *const *exclude_words;  /* dropped client-side when the
					      title contains one (ASCII case
					      folded, substring) */
	size_t		 nexclude_words;
	const char *const *exclude_sellers; /* excludeSellers filter */
	size_t		 nexclude_sellers;  /* <= EBAY_SELLERS_MAX */

	const char	*located_in;	/* itemLocationCountry: 2 capitals */
	bool		 free_shipping;	/* maxDeliveryCost:0 with
					   deliveryCountry: the country of
					   EBAY_CONTEXTUAL_LOCATION, else the
					   marketplace's */
	const char	*marketplace;	/* NULL: cfg->ebay_marketplace */
	enum ebay_sort	 sort;

	int		 limit;		/* 1..200; 0 = EBAY_LIMIT_DEFAULT */
	int		 offset;	/* 0..9999, a multiple of limit */
	time_t		 start_from;	/* the worker's cursor: filter
					   itemStartDate:[start_from] (UTC);
					   0 = none */
};

/* Zero *q with defaults: sort best, limit 0 (50), no filters. */
void	 ebay_query_init(struct ebay_query *);

/*
 * Check a query before any call: false with a static reason in *why
 * ("q or category is required", "max_price is below min_price", ...).
 * ebay_search and ebay_multi_add run it too (EBAY_ERR_INVALID).
 */
bool	 ebay_query_valid(const struct ebay_query *, const char **why);

/*
 * The Browse search URL for a query, under api_base (no trailing slash),
 * every value percent-encoded.  Caller frees.  NULL if the query is
 * invalid.  Exposed for tests and the web's cache key.
 */
char	*ebay_query_url(const struct ebay_query *, const char *api_base,
	    const char *default_marketplace);

/* --- item -------------------------------------------------------------- */

/*
 * One listing.  Every char * is owned by the page holding the item (in
 * its string store, freed by ebay_page_free; never free one on its own),
 * NUL-terminated valid UTF-8 without NUL characters,
 * and NULL when eBay sent the field absent, null, of the wrong type or
 * unusable; only item_id and title are never NULL.
 */
struct ebay_item {
	char		*item_id;	/* "v1|<legacy>|<variation>", the key */
	char		*legacy_id;	/* legacyItemId */
	char		*title;		/* "" when absent */
	char		*marketplace;	/* listingMarketplaceId */

	char		*seller_username;
	bool		 has_feedback_score;
	int64_t		 seller_feedback_score;	/* may be negative */
	char		*seller_feedback_pct;	/* "99.6": a decimal 0..100 with
						   at most 2 places, else NULL */

	char		*condition;	/* localised text, "Used" */
	char		*condition_id;	/* "3000": digits */

	unsigned	 buying;	/* EBAY_BIT(enum ebay_buy) */

	struct money	 price;		/* price, else currentBidPrice */
	bool		 price_is_bid;	/* price came from currentBidPrice */
	struct money	 current_bid;	/* currentBidPrice (auctions) */
	int		 bid_count;	/* -1 when absent */
	struct money	 shipping;	/* first shipping option's cost;
					   unknown when absent, CALCULATED
					   without a cost, or no options */
	struct money	 total;		/* price + known shipping in the same
					   currency; unknown otherwise */

	char		*image_url;	/* image.imageUrl, else the first
					   thumbnailImages[].imageUrl; http(s) */
	char		*web_url;	/* itemWebUrl: http(s) only */
	char		*affiliate_web_url; /* itemAffiliateWebUrl: http(s) */

	char		*location_country;	/* itemLocation.country */
	char		*location_postal;	/* masked, "551**" */
	char		*location_city;		/* EXTENDED only */

	char		*category_id;	/* categories[0] (the leaf) */
	char		*category_name;

	time_t		 origin_date;	/* itemOriginDate; 0 when absent */
	time_t		 creation_date;	/* itemCreationDate; 0 when absent */
	time_t		 end_date;	/* itemEndDate; 0 when absent */
};

/* The URL a link should use: the affiliate URL if any, else web_url. */
const char	*ebay_item_link(const struct ebay_item *);

/* Format a time_t as "2026-03-14T18:52:07Z" into out (>= 21 bytes). */
char		*ebay_time_format(time_t, char *out, size_t outlen);

/* Parse eBay's UTC date "yyyy-MM-ddThh:mm:ss[.sss]Z"; false if invalid. */
bool		 ebay_time_parse(const char *, time_t *);

/* --- page -------------------------------------------------------------- */

#define EBAY_WARNINGS_MAX	16

struct ebay_strs;

struct ebay_page {
	struct ebay_item *items;	/* owned; nitems, in eBay's order */
	size_t		  nitems;
	int64_t		  total;	/* eBay's estimate; -1 when absent */
	int		  limit;	/* echoed; -1 when absent */
	int		  offset;	/* echoed; -1 when absent */
	char		 *href;		/* owned, NULL when absent */
	char		 *next;		/* owned, NULL on the last page */
	char		 *prev;		/* owned, NULL on the first page */

	/* Warnings of an HTTP 200 (a filter eBay ignored): the search
	   counts as failed-with-a-problem, not as "no results". */
	char		 *problem;	/* owned; the warnings' messages joined
					   with "; ", NULL when none */
	long		  warning_ids[EBAY_WARNINGS_MAX];
	size_t		  nwarnings;

	size_t		  raw_count;	/* itemSummaries entries eBay sent:
					   compare with limit to see whether
					   the page was full */
	size_t		  dropped_duplicates; /* itemId seen before on this
						 page (or client-side set) */
	size_t		  dropped_invalid;    /* no usable itemId, or \u0000 */
	size_t		  excluded;	/* dropped by exclude_words */

	time_t		  fetched_at;	/* when the reply arrived */
	int		  calls;	/* Browse calls spent (with retries) */

	struct ebay_strs *strs;		/* owned: the items' strings */
};

/* Free what a page owns and zero it; safe on a zeroed page. */
void	 ebay_page_free(struct ebay_page *);

/* Move src's contents into dst (dst is freed first); src is zeroed. */
void	 ebay_page_move(struct ebay_page *dst, struct ebay_page *src);

/* --- errors ------------------------------------------------------------ */

enum ebay_err {
	EBAY_OK,
	EBAY_ERR_INVALID,	/* our query was invalid; nothing was sent */
	EBAY_ERR_TRANSPORT,	/* connection refused, reset, DNS, TLS */
	EBAY_ERR_TIMEOUT,	/* connect or total timeout */
	EBAY_ERR_SERVER,	/* HTTP 5xx after the retries */
	EBAY_ERR_BAD_RESPONSE,	/* not JSON, truncated, or wrong shape */
	EBAY_ERR_AUTH,		/* token refused (bad keyset, 401 twice) */
	EBAY_ERR_QUOTA,		/* 429/2001 from eBay, our budget is spent,
				   or calls are blocked until the reset */
	EBAY_ERR_REQUEST,	/* 4xx: eBay refused the request (errorId) */
	EBAY_ERR_TOO_LARGE,	/* response over the size cap */
	EBAY_ERR_DB,		/* token or quota bookkeeping failed */
	EBAY_ERR_CANCELLED,	/* multi: not run or stopped (deadline) */
	EBAY_ERR__MAX
};

/* A short static English text ("quota exhausted"); never NULL. */
const char	*ebay_strerror(enum ebay_err);

/*
 * Details of a failure, filled by every call (code EBAY_OK on success).
 * Plain value, no pointers.  message is eBay's message (hostile text:
 * escape on output) or ours; it never holds a token or the secret.
 */
struct ebay_error {
	enum ebay_err	 code;
	int		 http_status;	/* 0 when no HTTP reply */
	long		 error_id;	/* eBay's errorId (first error), 0 none */
	char		 message[256];	/* "" when nothing more to say */
	time_t		 retry_at;	/* EBAY_ERR_QUOTA: calls resume then */
	int		 calls;		/* Browse calls spent (with retries) */
};

/* --- client (synchronous) --------------------------------------------- */

struct ebay_client;

/*
 * A client for this process.  cfg is borrowed for the client's life (use
 * cfg_get()).  db is borrowed, or NULL for a connection of the client's
 * own (see the database note above).  source is "web" or "worker" (the
 * budget and the ebay_calls row); anything else is a programming error
 * (fatal).  Never NULL.  Nothing is sent until the first search.
 */
struct ebay_client *ebay_client_new(const struct cfg *cfg, struct db *db,
		    const char *source);
void		 ebay_client_free(struct ebay_client *);

/*
 * Change the transport timeouts (milliseconds; <= 0 keeps the current
 * one).  Defaults: connect 5000, total 15000 per attempt.
 */
void		 ebay_client_set_timeouts(struct ebay_client *, long connect_ms,
		    long total_ms);

/*
 * Run one search and fill *page (caller storage: zeroed first, then owned
 * by the caller, who calls ebay_page_free also on failure).  Returns
 * err->code; on failure *page holds no items.  Exclude words are applied
 * and duplicates dropped.  A page with warnings is still EBAY_OK: check
 * page->problem.
 */
enum ebay_err	 ebay_search(struct ebay_client *, const struct ebay_query *,
		    struct ebay_page *page, struct ebay_error *err);

/*
 * Fetch the page at next_url (a page's ->next, verbatim).  The URL must
 * lie under cfg->ebay_api_base's search endpoint (the token is never sent
 * elsewhere): else EBAY_ERR_INVALID.  query gives the marketplace header
 * and exclude words, as for the first page (NULL: the defaults, no
 * excluded words).  Page and return as ebay_search.
 */
enum ebay_err	 ebay_search_next(struct ebay_client *, const char *next_url,
		    const struct ebay_query *query, struct ebay_page *page,
		    struct ebay_error *err);

/* --- multi (asynchronous, libcurl multi) ----------------------------- */

struct ebay_multi;

/*
 * Called once per submitted search, from inside ebay_multi_run.  page is
 * borrowed until the callback returns (ebay_page_move it out to keep it);
 * err is borrowed too.  The callback may call ebay_multi_add (to follow
 * page->next) but not ebay_multi_run or ebay_multi_free.
 */
typedef void	 ebay_multi_cb(void *arg, struct ebay_page *page,
		    const struct ebay_error *err);

/*
 * A batch on client, at most concurrency transfers at once (1..16;
 * clamped).  Never NULL.  The client must outlive the multi.
 */
struct ebay_multi *ebay_multi_new(struct ebay_client *, int concurrency);

/*
 * Submit a search: query (copied now; may be freed at once) and, when
 * next_url is not NULL, the page at next_url (copied) instead of the
 * query's first page.  cb(arg, ...) will be called exactly once, from
 * ebay_multi_run, also for an invalid query or URL.
 */
void		 ebay_multi_add(struct ebay_multi *, const struct ebay_query *,
		    const char *next_url, ebay_multi_cb *cb, void *arg);

/*
 * Run until every submitted search (and any added by callbacks) has been
 * called back, or until deadline (a time(NULL) value; 0 = none): then
 * transfers under way are aborted and every search left is called back
 * with EBAY_ERR_CANCELLED.  Retries, backoff, token renewal and the
 * budget are handled inside.  Returns the number of searches called back
 * with EBAY_OK.
 */
size_t		 ebay_multi_run(struct ebay_multi *, time_t deadline);

/*
 * Wake-ups from other threads: ebay_multi_wakeup (safe from any thread)
 * makes ebay_multi_run stop waiting and call cb(arg) on its own thread,
 * outside any iteration, where cb may ebay_multi_add.  For a caller that
 * held back searches until another thread made room for them.
 */
typedef void	 ebay_multi_wake_cb(void *arg);
void		 ebay_multi_on_wake(struct ebay_multi *, ebay_multi_wake_cb *,
		    void *arg);
void		 ebay_multi_wakeup(struct ebay_multi *);

/* Free the batch; searches never run are called back CANCELLED first. */
void		 ebay_multi_free(struct ebay_multi *);

/* --- quota ------------------------------------------------------------- */

struct ebay_quota {
	char		 day[11];	/* the eBay day, "2026-03-14" */
	int64_t		 used_web;	/* calls today by source */
	int64_t		 used_worker;
	long		 limit;		/* cfg->ebay_daily_call_limit */
	long		 reserve;	/* cfg->ebay_web_reserve */
	int64_t		 remaining;	/* limit - used, >= 0 (the web's) */
	int64_t		 worker_remaining; /* limit - reserve - used, >= 0 */
	time_t		 next_reset;	/* next midnight America/Los_Angeles */
	time_t		 blocked_until;	/* 0 when not blocked (or past) */
	char		 blocked_reason[128];	/* "" when not blocked */
};

/* Read today's figures (db borrowed, outside a transaction): false if
   the database failed. */
bool	 ebay_quota_read(struct db *, const struct cfg *, struct ebay_quota *)
	    __attribute__((warn_unused_result));

/* --- parse ------------------------------------------------------------- */

/*
 * Parse an HTTP 200 search body of len bytes (need not be NUL-terminated)
 * into *page (zeroed first; caller frees).  Money exact, any field may be
 * absent or null; items without a usable itemId, or with a \u0000 in any
 * string field, are dropped (dropped_invalid: our policy is to drop the
 * item, not to guess its text); repeated itemIds dropped (seen may carry
 * ids across pages: NULL, or a set kept by the caller, see
 * ebay_seen_new); invalid UTF-8 is a bad response.  Returns EBAY_OK or
 * EBAY_ERR_BAD_RESPONSE (err filled when not NULL).
 */
struct ebay_seen;
struct ebay_seen *ebay_seen_new(void);
void		 ebay_seen_free(struct ebay_seen *);
bool		 ebay_seen_add(struct ebay_seen *, const char *)
		    __attribute__((warn_unused_result));	/* false: seen */

enum ebay_err	 ebay_parse_page(const char *body, size_t len,
		    struct ebay_seen *seen, struct ebay_page *page,
		    struct ebay_error *err);

/*
 * Read an error body (the errors[] envelope, or OAuth's {"error",
 * "error_description"}) into err's error_id and message; http_status is
 * the caller's.  False when the body has neither shape.
 */
bool		 ebay_parse_error(const char *body, size_t len,
		    struct ebay_error *err);

#endif
