/*
 * HTTP over libcurl for the eBay client: timeouts (connect and total), a
 * hard cap on the response size enforced in the write callback, gzip
 * (Accept-Encoding), keep-alive reuse (one easy handle per struct fetch,
 * or the connection cache of a curl multi), and the retry policy eBay asks
 * for: at most FETCH_RETRIES retries with backoff for 5xx, timeouts and
 * connection errors, never for 4xx.
 *
 * Nothing here logs headers: they carry the bearer token.
 */
#ifndef FETCH_H
#define FETCH_H

#include <stdbool.h>
#include <stddef.h>

#include <curl/curl.h>

#include "buf.h"

#define FETCH_RETRIES		2	/* retries after the first attempt */
#define FETCH_MAX_BYTES		(8u << 20)	/* default response cap */
#define FETCH_HEADERS_MAX	8

enum fetch_res {
	FETCH_OK,		/* an HTTP reply arrived (any status) */
	FETCH_ERR_TRANSPORT,	/* refused, reset, DNS, TLS, bad URL */
	FETCH_ERR_TIMEOUT,	/* connect or total timeout */
	FETCH_ERR_TOO_LARGE,	/* the body passed the cap */
	FETCH_ERR__MAX
};

struct fetch_opts {
	long		 connect_timeout_ms;	/* 0: 5000 */
	long		 timeout_ms;		/* total; 0: 15000 */
	size_t		 max_bytes;		/* 0: FETCH_MAX_BYTES */
};

/* One request; every pointer borrowed for the duration of the call. */
struct fetch_req {
	const char	*url;
	const char	*post;		/* body: POST when not NULL, else GET */
	size_t		 postlen;
	const char	*headers[FETCH_HEADERS_MAX];	/* "Name: value", NULL
							   after the last */
};

/* One reply.  fetch_resp_init before use, fetch_resp_free after. */
struct fetch_resp {
	enum fetch_res	 res;
	long		 status;	/* HTTP status; 0 with no reply */
	struct buf	 body;		/* owned; decoded (gunzipped) */
	char		 content_type[128];	/* "" when none */
	char		 errmsg[CURL_ERROR_SIZE]; /* curl's text, or "" */
	size_t		 max_bytes;	/* the cap for this transfer */
	bool		 capped;	/* the write callback hit the cap */
	struct curl_slist *hdrs;	/* owned while a transfer runs */
};

struct fetch;

/* A fetcher with its own easy handle (keep-alive).  Never NULL. */
struct fetch	*fetch_new(const struct fetch_opts *);
void		 fetch_free(struct fetch *);
const struct fetch_opts *fetch_opts(const struct fetch *);

void		 fetch_resp_init(struct fetch_resp *);
void		 fetch_resp_reset(struct fetch_resp *);
void		 fetch_resp_free(struct fetch_resp *);

/*
 * Set up easy for req, writing into resp (reset first): options,
 * timeouts, headers, the capped write callback.  For a curl multi; the
 * synchronous fetch_once uses it on its own handle.  False if libcurl
 * refused an option (resp->res is then FETCH_ERR_TRANSPORT).
 */
bool		 fetch_setup(CURL *easy, const struct fetch_opts *,
		    const struct fetch_req *, struct fetch_resp *);

/* After a transfer on easy ended with cc: fill resp's res and status. */
void		 fetch_done(CURL *easy, CURLcode cc, struct fetch_resp *);

/* One attempt, synchronously.  Returns resp->res == FETCH_OK. */
bool		 fetch_once(struct fetch *, const struct fetch_req *,
		    struct fetch_resp *);

/* True if the outcome deserves a retry: 5xx, timeout, transport error. */
bool		 fetch_retryable(const struct fetch_resp *);

/* Backoff before retry number n (1, 2, ...), in milliseconds. */
long		 fetch_backoff_ms(int n);

/* Sleep ms milliseconds (interrupted sleeps resume). */
void		 fetch_sleep_ms(long ms);

const char	*fetch_strerror(enum fetch_res);

/* Connections opened by f's handle so far (keep-alive shows as 1). */
long		 fetch_connections(struct fetch *);

#endif
