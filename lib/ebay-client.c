/*
 * eBay client transfers: synchronous search and the multi interface.
 * (Placeholder implementations while the client is being written: every
 * call reports EBAY_ERR_TRANSPORT "not implemented yet".)
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ebay.h"
#include "log.h"
#include "xmalloc.h"

struct ebay_client {
	const struct cfg	*cfg;
	struct db		*db;
	char			*source;
};

struct ebay_multi_job {
	ebay_multi_cb		*cb;
	void			*arg;
};

struct ebay_multi {
	struct ebay_client	*client;
	struct ebay_multi_job	*jobs;
	size_t			 njobs;
};

struct ebay_seen {
	int	 unused;
};

static void
ebay_stub_err(struct ebay_error *err)
{
	memset(err, 0, sizeof *err);
	err->code = EBAY_ERR_TRANSPORT;
	snprintf(err->message, sizeof err->message, "not implemented yet");
}

struct ebay_client *
ebay_client_new(const struct cfg *cfg, struct db *db, const char *source)
{
	struct ebay_client	*c;

	if (source == NULL || (strcmp(source, "web") != 0 &&
	    strcmp(source, "worker") != 0))
		log_fatal("ebay_client_new: bad source");
	c = xcalloc(1, sizeof *c);
	c->cfg = cfg;
	c->db = db;
	c->source = xstrdup(source);
	return c;
}

void
ebay_client_free(struct ebay_client *c)
{
	if (c == NULL)
		return;
	free(c->source);
	free(c);
}

enum ebay_err
ebay_search(struct ebay_client *c, const struct ebay_query *q,
    struct ebay_page *page, struct ebay_error *err)
{
	memset(page, 0, sizeof *page);
	ebay_stub_err(err);
	return err->code;
}

enum ebay_err
ebay_search_next(struct ebay_client *c, const char *next_url,
    const struct ebay_query *q, struct ebay_page *page,
    struct ebay_error *err)
{
	memset(page, 0, sizeof *page);
	ebay_stub_err(err);
	return err->code;
}

struct ebay_multi *
ebay_multi_new(struct ebay_client *c, int concurrency)
{
	struct ebay_multi	*m;

	m = xcalloc(1, sizeof *m);
	m->client = c;
	return m;
}

void
ebay_multi_add(struct ebay_multi *m, const struct ebay_query *q,
    const char *next_url, ebay_multi_cb *cb, void *arg)
{
	m->jobs = xreallocarray(m->jobs, m->njobs + 1, sizeof *m->jobs);
	m->jobs[m->njobs].cb = cb;
	m->jobs[m->njobs].arg = arg;
	m->njobs++;
}

size_t
ebay_multi_run(struct ebay_multi *m, time_t deadline)
{
	struct ebay_page	 page;
	struct ebay_error	 err;
	size_t			 i;

	for (i = 0; i < m->njobs; i++) {
		memset(&page, 0, sizeof page);
		ebay_stub_err(&err);
		m->jobs[i].cb(m->jobs[i].arg, &page, &err);
		ebay_page_free(&page);
	}
	m->njobs = 0;
	return 0;
}

void
ebay_multi_free(struct ebay_multi *m)
{
	if (m == NULL)
		return;
	ebay_multi_run(m, 0);
	free(m->jobs);
	free(m);
}

bool
ebay_query_valid(const struct ebay_query *q, const char **why)
{
	*why = "not implemented yet";
	return false;
}

char *
ebay_query_url(const struct ebay_query *q, const char *api_base,
    const char *default_marketplace)
{
	return NULL;
}

char *
ebay_time_format(time_t t, char *out, size_t outlen)
{
	struct tm	 tm;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(out, outlen, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0) {
		if (outlen > 0)
			out[0] = '\0';
	}
	return out;
}

bool
ebay_time_parse(const char *s, time_t *out)
{
	return false;
}

bool
ebay_quota_read(struct db *db, const struct cfg *cfg, struct ebay_quota *q)
{
	memset(q, 0, sizeof *q);
	return false;
}

struct ebay_seen *
ebay_seen_new(void)
{
	return xcalloc(1, sizeof(struct ebay_seen));
}

void
ebay_seen_free(struct ebay_seen *s)
{
	free(s);
}

enum ebay_err
ebay_parse_page(const char *body, size_t len, struct ebay_seen *seen,
    struct ebay_page *page, struct ebay_error *err)
{
	memset(page, 0, sizeof *page);
	ebay_stub_err(err);
	err->code = EBAY_ERR_BAD_RESPONSE;
	return err->code;
}

bool
ebay_parse_error(const char *body, size_t len, struct ebay_error *err)
{
	return false;
}
