/*
 * The fake eBay (SPEC section 7): shared declarations of its modules.
 *
 *   main.c     options, the HTTP server, routing, replies
 *   token.c    POST /identity/v1/oauth2/token and the Bearer check
 *   route.c    the search and rate_limit routes: faults, quota, stats
 *   control.c  the control API under /__fake/
 *   clock.c    the fake clock and the eBay day
 *   catalog.c  deterministic listings for a query at a time
 *   item.c     one listing as an ItemSummary
 *   search.c   item_summary/search: parameters, sort, paging, JSON
 *   filter.c   item_summary/search: the filter parameter
 *   fault.c    faults on demand and the error envelopes
 *   notify.c   the Notification API's public key, signed notifications
 */
#ifndef FAKE_H
#define FAKE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <microhttpd.h>

#include "buf.h"

struct json_object;

/* main.c */
struct freq {
	struct MHD_Connection	*conn;
	char			*uri;		/* raw, with the query; owned */
	const char		*path;		/* borrowed from MHD */
	const char		*method;
	const char		*query;		/* after '?', or "" */
	struct buf		 body;
	bool			 too_big;
	bool			 started;	/* the handler has seen it */
	char			 base_url[192];	/* http://host:port */
};

struct fake_opts {
	const char	*client_id;
	const char	*client_secret;
	uint64_t	 seed;
	long		 latency_ms;
	long		 max_seconds;
	double		 deadline;	/* monotonic seconds; 0: none */
};

extern struct fake_opts	 fake_opts;
extern atomic_bool	 fake_stopping;

enum MHD_Result	 fake_reply(struct freq *, unsigned status,
		    const char *ctype, char *body, size_t len);
enum MHD_Result	 fake_reply_json(struct freq *, unsigned status, char *body);
/* fake_reply with one more header (name NULL: none). */
enum MHD_Result	 fake_reply_hdr(struct freq *, unsigned status,
		    const char *ctype, char *body, size_t len,
		    const char *name, const char *value);
enum MHD_Result	 fake_reply_cutoff(struct freq *, char *body, size_t len);
void		 fake_sleep_ms(long ms);
double		 fake_monotonic(void);
bool		 fake_loopback(struct freq *);

/* token.c */
enum MHD_Result	 token_route(struct freq *);
/* 0 when the request's Bearer token is valid, else the error reply sent. */
bool		 token_check(struct freq *, enum MHD_Result *);
void		 token_revoke_all(void);
size_t		 token_active(void);
long		 token_ttl(void);
void		 token_set_ttl(long);

/* route.c */
struct fake_stats {
	unsigned long	 token_calls, token_ok, token_fail;
	unsigned long	 search_calls, search_ok, search_errors;
	unsigned long	 rate_limit_calls, quota_refused, auth_refused;
	unsigned long	 key_calls, key_ok, key_unknown;
	unsigned long	 by_market[32];
	long		 daily_limit;	/* 0: none */
	long		 day_count;	/* search calls in the fake's day */
	time_t		 day;		/* its start */
	bool		 hostile;
};

enum fault_kind;
/* The normal answer of a route, for faults that alter it. */
typedef char	*route_body_fn(struct freq *, int *status);

enum MHD_Result	 route_search(struct freq *);
enum MHD_Result	 route_fault(struct freq *, enum fault_kind, route_body_fn *);
void		 route_count_key_call(void);
void		 route_count_key(bool known);
enum MHD_Result	 route_rate_limit(struct freq *);
void		 route_stats(struct fake_stats *);
void		 route_stats_reset(void);
void		 route_count_token(bool ok);
void		 route_set_hostile(bool);
void		 route_set_daily_limit(long);
const char	*route_market_name(size_t);

/* control.c */
enum MHD_Result	 control_route(struct freq *);

/* clock.c */
void	 fclock_init(time_t start, bool frozen);
time_t	 fclock_now(void);
void	 fclock_set(time_t);
void	 fclock_advance(long long);
void	 fclock_freeze(bool);
bool	 fclock_frozen(void);
time_t	 fclock_day_start(time_t);
void	 fclock_iso(time_t, char out[32]);
bool	 fclock_parse_iso(const char *, time_t *);

/* catalog.c */
#define CAT_MAX_BUYING	3

enum ship_kind {
	SHIP_NONE,		/* no shippingOptions at all (pickup only) */
	SHIP_FIXED,		/* FIXED with a cost (0 = free) */
	SHIP_CALC_COST,		/* CALCULATED with a cost */
	SHIP_CALC_NOCOST,	/* CALCULATED without a cost */
	SHIP__MAX
};

enum hostile_kind {
	HOSTILE_NONE,
	HOSTILE_MARKUP,		/* <script>, <img onerror>, quotes in fields */
	HOSTILE_RTL,		/* U+202E and control characters */
	HOSTILE_LONG,		/* 300 code points of emoji, ZWJ, CJK */
	HOSTILE_NUL,		/* \u0000 inside strings */
	HOSTILE_NULLS,		/* explicit JSON nulls */
	HOSTILE_NOPRICE,	/* an auction without price */
	HOSTILE_MINIMAL,	/* most fields absent */
	HOSTILE_HUGE,		/* "1234567.89" and a negative feedback score */
	HOSTILE__MAX
};

struct market {
	const char	*id;		/* EBAY_US */
	const char	*currency;	/* USD */
	const char	*country;	/* US */
	const char	*host;		/* www.ebay.com */
};

/*
 * One listing as it is at the catalog's time.  Its strings (title, seller,
 * ids, image code) are made by cat_finish(), for the listings an answer
 * shows: a search makes every listing of the query alive at its time, to
 * filter and sort them, and shows 200 at most.
 */
struct listing {
	uint64_t	 key;		/* hash of query and index: identity */
	long long	 index;		/* position in the query's stream */
	int		 gen;		/* 0, or 1 for a relisted copy */
	uint64_t	 legacy_n;	/* legacyItemId, 12 digits */
	long long	 variation;	/* 0 unless a variation listing */
	size_t		 title_len;
	/* what cat_finish makes the strings of */
	const char	*title_prefix, *title_note, *title_suffix[2];
	const char	*seller_part[3];	/* a_b[_c] */
	uint64_t	 image_n;
	/* made by cat_finish */
	bool		 finished;
	char		*title;		/* owned; may hold a NUL (hostile) */
	char		 legacy[16];	/* legacyItemId */
	char		 item_id[40];	/* v1|legacy|variation */
	char		 seller[48];
	int		 feedback_score;
	int		 feedback_pct10;	/* 996 = "99.6" */
	int		 condition_id;
	long long	 price;		/* hundredths, in currency */
	long long	 orig_price;	/* list price for marketingPrice, or 0 */
	long long	 converted;	/* price in the seller's currency, or 0 */
	const char	*conv_currency;
	bool		 has_price;	/* false: auction showing only a bid */
	bool		 auction, fixed, best_offer;
	long long	 bid;		/* currentBidPrice, hundredths */
	int		 bid_count;
	enum ship_kind	 ship;
	long long	 ship_cost;	/* hundredths */
	time_t		 created;	/* itemCreationDate */
	time_t		 origin;	/* itemOriginDate */
	time_t		 ends;		/* itemEndDate, 0 = good 'til cancelled */
	bool		 show_end;	/* itemEndDate is in the JSON */
	char		 country[3];	/* itemLocation.country */
	char		 postal[8];
	int		 category;	/* index in the category table */
	char		 image[20];	/* image code (cat_finish) */
	int		 n_images;	/* additionalImages */
	bool		 top_rated;
	bool		 has_epid;
	enum hostile_kind hostile;
};

struct query {
	char		*q;		/* normalised keywords, or NULL */
	char		*category_id;	/* or NULL */
	const struct market *market;
	uint64_t	 seed;
	bool		 hostile;
	bool		 empty;		/* a query that matches nothing */
};

const struct market *cat_market(const char *id);	/* NULL if unknown */
const struct market *cat_market_nth(size_t);		/* NULL past the end */
const char	*cat_condition_name(int id);		/* NULL if unknown */
const char	*cat_category_name(const char *id, int idx);
const char	*cat_category_id(int idx);
const char	*cat_parent_id(int idx);
const char	*cat_parent_name(int idx);
long long	 cat_rate(const char *currency);	/* per 100 USD; 0 unknown */
/* The listings of a query alive at a time. */
struct catalog {
	const struct query *qy;
	struct listing	*v;
	size_t		 n;
	char		*core;		/* the query's words as titles have them */
	size_t		 core_len;
	long long	 rate;		/* cat_rate of the market's currency */
};

/* Every listing alive at time now (free with cat_free). */
void		 cat_listings(struct catalog *, const struct query *,
		    time_t now);
/* Make the strings of a listing of c (again: nothing). */
void		 cat_finish(const struct catalog *, struct listing *);
void		 cat_free(struct catalog *);
uint64_t	 cat_hash(const void *, size_t, uint64_t);
uint64_t	 cat_mix(uint64_t);

/* item.c */
struct item_ctx {
	const char	*base_url;	/* the fake's own http://host:port */
	const char	*campaign;	/* affiliateCampaignId, or NULL */
	const char	*reference;	/* affiliateReferenceId, or NULL */
	time_t		 now;		/* the catalog's time */
};

struct jw;
/* Append listing l to w as one ItemSummary object. */
void		 item_write(struct jw *, const struct listing *,
		    const struct query *, const struct item_ctx *);
void		 item_money(char out[32], long long cents);

/* search.c */
struct search_req {
	const char	*query_string;	/* raw, after '?' */
	const char	*marketplace;	/* header, or NULL */
	const char	*enduserctx;	/* header, or NULL */
	const char	*base_url;	/* http://host:port */
	uint64_t	 seed;
	bool		 hostile;
};

/* Answer a search: sets *status and returns the JSON body (caller frees). */
char	*search_run(const struct search_req *, int *status, const char **mkt);

/* fault.c */
enum fault_kind {
	FAULT_LATENCY,
	FAULT_EXPIRE,
	FAULT_429,
	FAULT_500,
	FAULT_502HTML,
	FAULT_TRUNCATE,
	FAULT_CUTOFF,
	FAULT_MALFORMED,
	FAULT_STALL,
	FAULT_WARNING,
	FAULT__MAX
};

/* Which requests a fault is for. */
enum fault_on {
	FAULT_ON_SEARCH,	/* item_summary/search (the default) */
	FAULT_ON_PUBLIC_KEY,	/* notification public_key */
	FAULT_ON__MAX
};

struct fault_hit {
	long		 latency_ms;	/* summed latency faults */
	bool		 have;		/* a non-latency fault applies */
	enum fault_kind	 kind;
};

const char	*fault_name(enum fault_kind);
bool		 fault_parse(const char *, enum fault_kind *);
/* count < 0: every request until reset.  false when the table is full. */
bool		 fault_add(enum fault_kind, long count, long ms, enum fault_on);
bool		 fault_on_parse(const char *, enum fault_on *);
bool		 fault_parse_arg(const char *, char **cause);
void		 fault_reset(void);
void		 fault_take(struct fault_hit *, enum fault_on);
void		 fault_served(enum fault_kind);
unsigned long	 fault_count(enum fault_kind);
unsigned long	 fault_total(void);
char		*fault_error_json(int error_id, const char *domain,
		    const char *category, const char *message,
		    const char *long_message);
char		*fault_active_json(void);

/* notify.c */
#define NOTIFY_KEY_PATH	"/commerce/notification/v1/public_key/"

void		 notify_init(void);
const char	*notify_kid_get(void);
void		 notify_set_pem_lines(bool);
enum MHD_Result	 notify_key_route(struct freq *);
char		*notify_sign(const char *body, size_t len, bool other);

#endif
