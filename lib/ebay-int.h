/*
 * Private to the eBay client (lib/ebay*.c); never included elsewhere.
 */
#ifndef EBAY_INT_H
#define EBAY_INT_H

#include <stdbool.h>
#include <time.h>

#include "ebay.h"
#include "fetch.h"

struct buf;

#define EBAY_SEARCH_PATH	"/buy/browse/v1/item_summary/search"
#define EBAY_TOKEN_PATH		"/identity/v1/oauth2/token"
#define EBAY_TOKEN_MAX		8192	/* real ones are ~2 KB */
#define EBAY_RENEW_MARGIN	300	/* renew 5 minutes before expiry */

struct ebay_client {
	const struct cfg	*cfg;
	struct db		*db;
	struct db		*own_db;	/* when db was NULL */
	char			 source[8];	/* "web", "worker" */
	struct fetch		*fetch;		/* keep-alive handle (sync) */
	struct fetch_opts	 opts;
	char			*token;		/* in memory; secret */
	time_t			 token_expires;
	char			*ctx_header;	/* X-EBAY-C-ENDUSERCTX, or NULL */
};

/* One search in flight (sync or multi): the state of its attempts. */
struct ebay_call {
	char			*url;		/* owned */
	char			 marketplace[20];
	char			 mkt_header[64];
	char			**exclude;	/* owned, lower-cased */
	size_t			 nexclude;
	int			 retries;	/* transient retries used */
	bool			 auth_retried;
	char			*token;		/* owned copy used by the attempt */
	struct ebay_page	 page;
	struct ebay_error	 err;
};

enum ebay_step {
	EBAY_STEP_DONE,		/* call->err says how */
	EBAY_STEP_RETRY,	/* transient: back off, then again */
	EBAY_STEP_REAUTH	/* 401/1001: renew the token, then again */
};

/* ebay.c */
/*
 * A copy of the n bytes at s, NUL-terminated, in page's string store
 * (page->strs): freed with the page, never on its own.  The store takes
 * one allocation per EBAY_STRS_CHUNK bytes instead of one per field.
 */
char	*ebay_page_strndup(struct ebay_page *, const char *s, size_t n);

/* ebay-url.c */
void	 ebay_utf8_trim(char *);
bool	 ebay_next_url_ok(const char *next, const char *api_base);
bool	 ebay_call_init(struct ebay_call *, const struct ebay_client *,
	    const struct ebay_query *, const char *next_url);
void	 ebay_call_free(struct ebay_call *);
void	 ebay_err_set(struct ebay_error *, enum ebay_err, int status,
	    const char *, ...) __attribute__((format(printf, 4, 5)));

/* ebay-token.c */
bool	 ebay_token_get(struct ebay_client *, const char *rejected,
	    struct ebay_error *) __attribute__((warn_unused_result));
void	 ebay_token_forget(struct ebay_client *);

/* ebay-quota.c */
bool	 ebay_quota_take(struct ebay_client *, struct ebay_error *)
	    __attribute__((warn_unused_result));
void	 ebay_quota_block(struct ebay_client *, const char *reason,
	    struct ebay_error *);
struct db *ebay_client_db(struct ebay_client *, struct ebay_error *);

/* ebay-client.c */
bool	 ebay_call_begin(struct ebay_client *, struct ebay_call *,
	    struct fetch_req *, char **auth_header);
enum ebay_step ebay_call_step(struct ebay_client *, struct ebay_call *,
	    struct fetch_resp *);
bool	 ebay_call_parses(const struct fetch_resp *);
enum ebay_step ebay_call_parse(struct ebay_call *, const struct fetch_resp *);
bool	 ebay_call_reauth(struct ebay_client *, struct ebay_call *);
void	 ebay_auth_header_free(char *);

/* ebay-parse.c */
void	 ebay_page_exclude(struct ebay_page *, char *const *words, size_t n);

#endif
