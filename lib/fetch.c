/*
 * libcurl wrapper (see fetch.h).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fetch.h"
#include "log.h"
#include "xmalloc.h"

struct fetch {
	CURL			*easy;
	struct fetch_opts	 opts;
	long			 connections;
};

static const char *const fetch_errs[FETCH_ERR__MAX] = {
	"ok", "connection failed", "timed out", "response too large"
};

const char *
fetch_strerror(enum fetch_res r)
{
	return (unsigned)r < FETCH_ERR__MAX ? fetch_errs[r] : "unknown";
}

static void
fetch_init_once(void)
{
	static bool	 done;

	if (!done) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0)
			log_fatal("curl_global_init failed");
		done = true;
	}
}

struct fetch *
fetch_new(const struct fetch_opts *opts)
{
	struct fetch	*f;

	fetch_init_once();
	f = xcalloc(1, sizeof *f);
	if (opts != NULL)
		f->opts = *opts;
	if (f->opts.connect_timeout_ms <= 0)
		f->opts.connect_timeout_ms = 5000;
	if (f->opts.timeout_ms <= 0)
		f->opts.timeout_ms = 15000;
	if (f->opts.max_bytes == 0)
		f->opts.max_bytes = FETCH_MAX_BYTES;
	if ((f->easy = curl_easy_init()) == NULL)
		log_fatal("curl_easy_init failed");
	return f;
}

void
fetch_free(struct fetch *f)
{
	if (f == NULL)
		return;
	curl_easy_cleanup(f->easy);
	free(f);
}

const struct fetch_opts *
fetch_opts(const struct fetch *f)
{
	return &f->opts;
}

void
fetch_resp_init(struct fetch_resp *r)
{
	memset(r, 0, sizeof *r);
	buf_init(&r->body, 0);
}

void
fetch_resp_reset(struct fetch_resp *r)
{
	size_t	 max;

	max = r->max_bytes;
	buf_reset(&r->body);
	curl_slist_free_all(r->hdrs);
	r->hdrs = NULL;
	r->res = FETCH_OK;
	r->status = 0;
	r->content_type[0] = '\0';
	r->errmsg[0] = '\0';
	r->capped = false;
	r->max_bytes = max;
}

void
fetch_resp_free(struct fetch_resp *r)
{
	buf_free(&r->body);
	curl_slist_free_all(r->hdrs);
	r->hdrs = NULL;
}

/* The capped write callback: returning short makes libcurl abort. */
static size_t
fetch_write(char *data, size_t size, size_t n, void *arg)
{
	struct fetch_resp	*r = arg;
	size_t			 len = size * n;

	if (len > r->max_bytes || r->body.len > r->max_bytes - len) {
		r->capped = true;
		return 0;
	}
	buf_add(&r->body, data, len);
	if (buf_failed(&r->body))
		return 0;
	return len;
}

bool
fetch_setup(CURL *easy, const struct fetch_opts *opts,
    const struct fetch_req *req, struct fetch_resp *r)
{
	struct curl_slist	*l;
	CURLcode		 cc = CURLE_OK;
	int			 i;

	fetch_resp_reset(r);
	r->max_bytes = opts->max_bytes;
	for (i = 0; i < FETCH_HEADERS_MAX && req->headers[i] != NULL; i++) {
		if ((l = curl_slist_append(r->hdrs, req->headers[i])) == NULL)
			log_fatal("fetch: out of memory");
		r->hdrs = l;
	}
	/* No "Expect: 100-continue" round trip on POST. */
	if ((l = curl_slist_append(r->hdrs, "Expect:")) == NULL)
		log_fatal("fetch: out of memory");
	r->hdrs = l;
	curl_easy_reset(easy);
#define SET(opt, val) \
	do { if (cc == CURLE_OK) cc = curl_easy_setopt(easy, opt, val); } \
	while (0)
	SET(CURLOPT_URL, req->url);
	SET(CURLOPT_PROTOCOLS_STR, "http,https");
	SET(CURLOPT_NOSIGNAL, 1L);
	SET(CURLOPT_CONNECTTIMEOUT_MS, opts->connect_timeout_ms);
	SET(CURLOPT_TIMEOUT_MS, opts->timeout_ms);
	SET(CURLOPT_ACCEPT_ENCODING, "");
	SET(CURLOPT_FOLLOWLOCATION, 0L);
	SET(CURLOPT_TCP_KEEPALIVE, 1L);
	SET(CURLOPT_USERAGENT, PACKAGE_NAME "/" PACKAGE_VERSION);
	SET(CURLOPT_HTTPHEADER, r->hdrs);
	SET(CURLOPT_WRITEFUNCTION, fetch_write);
	SET(CURLOPT_WRITEDATA, r);
	SET(CURLOPT_ERRORBUFFER, r->errmsg);
	SET(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)opts->max_bytes);
	if (req->post != NULL) {
		SET(CURLOPT_POST, 1L);
		SET(CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)req->postlen);
		SET(CURLOPT_COPYPOSTFIELDS, req->post);
	} else
		SET(CURLOPT_HTTPGET, 1L);
	SET(CURLOPT_PRIVATE, r);
#undef SET
	if (cc != CURLE_OK) {
		r->res = FETCH_ERR_TRANSPORT;
		snprintf(r->errmsg, sizeof r->errmsg, "%s",
		    curl_easy_strerror(cc));
		return false;
	}
	return true;
}

void
fetch_done(CURL *easy, CURLcode cc, struct fetch_resp *r)
{
	long	 status = 0;
	char	*ct = NULL;

	curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
	if (curl_easy_getinfo(easy, CURLINFO_CONTENT_TYPE, &ct) == CURLE_OK &&
	    ct != NULL)
		snprintf(r->content_type, sizeof r->content_type, "%s", ct);
	r->status = status;
	if (r->errmsg[0] == '\0' && cc != CURLE_OK)
		snprintf(r->errmsg, sizeof r->errmsg, "%s",
		    curl_easy_strerror(cc));
	if (r->capped || cc == CURLE_FILESIZE_EXCEEDED)
		r->res = FETCH_ERR_TOO_LARGE;
	else if (cc == CURLE_OPERATION_TIMEDOUT)
		r->res = FETCH_ERR_TIMEOUT;
	else if (cc != CURLE_OK)
		r->res = FETCH_ERR_TRANSPORT;
	else
		r->res = FETCH_OK;
	/* The header list is needed only while the transfer runs. */
	curl_slist_free_all(r->hdrs);
	r->hdrs = NULL;
}

bool
fetch_once(struct fetch *f, const struct fetch_req *req,
    struct fetch_resp *r)
{
	CURLcode	 cc;
	long		 n = 0;

	if (!fetch_setup(f->easy, &f->opts, req, r))
		return false;
	cc = curl_easy_perform(f->easy);
	fetch_done(f->easy, cc, r);
	if (curl_easy_getinfo(f->easy, CURLINFO_NUM_CONNECTS, &n) == CURLE_OK)
		f->connections += n;
	return r->res == FETCH_OK;
}

bool
fetch_retryable(const struct fetch_resp *r)
{
	switch (r->res) {
	case FETCH_OK:
		return r->status >= 500 && r->status <= 599;
	case FETCH_ERR_TIMEOUT:
	case FETCH_ERR_TRANSPORT:
		return true;
	default:
		return false;
	}
}

/* 250 ms, then 1 s, with up to 25% jitter (many workers at once). */
long
fetch_backoff_ms(int n)
{
	long	 base;
	unsigned rnd;

	base = n <= 1 ? 250 : 1000;
	rnd = (unsigned)clock() ^ (unsigned)time(NULL) ^ (unsigned)n;
	return base + (long)(rnd % (unsigned)(base / 4 + 1));
}

void
fetch_sleep_ms(long ms)
{
	struct timespec	 ts, rem;

	if (ms <= 0)
		return;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	while (nanosleep(&ts, &rem) != 0 && errno == EINTR)
		ts = rem;
}

long
fetch_connections(struct fetch *f)
{
	return f->connections;
}
