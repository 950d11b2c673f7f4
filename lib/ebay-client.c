/*
 * eBay client: the calls.  ebay_call_begin readies one attempt (token,
 * budget, request), ebay_call_step judges its reply (done, retry after a
 * backoff, or renew the token and retry once).  The synchronous
 * ebay_search loops over them on the client's keep-alive handle; the
 * multi (ebay-multi.c) runs many calls over one curl multi.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cfg.h"
#include "db.h"
#include "ebay-int.h"
#include "log.h"
#include "xmalloc.h"

struct ebay_client *
ebay_client_new(const struct cfg *cfg, struct db *db, const char *source)
{
	struct ebay_client	*c;
	struct buf		 b;

	if (source == NULL || (strcmp(source, "web") != 0 &&
	    strcmp(source, "worker") != 0))
		log_fatal("ebay_client_new: source must be web or worker");
	c = xcalloc(1, sizeof *c);
	c->cfg = cfg;
	c->db = db;
	if (db == NULL)
		c->own_db = db_open(cfg->database_url, 5000);
	snprintf(c->source, sizeof c->source, "%s", source);
	c->opts.connect_timeout_ms = 5000;
	c->opts.timeout_ms = 15000;
	c->opts.max_bytes = FETCH_MAX_BYTES;
	c->fetch = fetch_new(&c->opts);
	buf_init(&b, 4096);
	if (cfg->ebay_affiliate_campaign_id != NULL) {
		buf_adds(&b, "affiliateCampaignId=");
		buf_add_urlenc(&b, cfg->ebay_affiliate_campaign_id);
	}
	if (cfg->ebay_contextual_location != NULL) {
		buf_adds(&b, b.len > 0 ? ",contextualLocation=" :
		    "contextualLocation=");
		buf_add_urlenc(&b, cfg->ebay_contextual_location);
	}
	if (b.len > 0 && !buf_failed(&b))
		xasprintf(&c->ctx_header, "X-EBAY-C-ENDUSERCTX: %s",
		    buf_cstr(&b));
	buf_free(&b);
	return c;
}

void
ebay_client_free(struct ebay_client *c)
{
	if (c == NULL)
		return;
	ebay_token_forget(c);
	fetch_free(c->fetch);
	db_close(c->own_db);
	free(c->ctx_header);
	free(c);
}

void
ebay_client_set_timeouts(struct ebay_client *c, long connect_ms,
    long total_ms)
{
	if (connect_ms > 0)
		c->opts.connect_timeout_ms = connect_ms;
	if (total_ms > 0)
		c->opts.timeout_ms = total_ms;
	fetch_free(c->fetch);
	c->fetch = fetch_new(&c->opts);
}

/*
 * Ready one attempt of call: a token, a counted call within the budget,
 * and req (its strings live in call and in *auth_header, which the
 * caller frees after fetch_setup).  False when the call is over
 * (call->err says why).
 */
bool
ebay_call_begin(struct ebay_client *c, struct ebay_call *call,
    struct fetch_req *req, char **auth_header)
{
	int		 i = 0;

	*auth_header = NULL;
	if (!ebay_token_get(c, NULL, &call->err))
		return false;
	if (!ebay_quota_take(c, &call->err))
		return false;
	call->err.calls++;
	if (call->token != NULL) {
		explicit_bzero(call->token, strlen(call->token));
		free(call->token);
	}
	call->token = xstrdup(c->token);
	xasprintf(auth_header, "Authorization: Bearer %s", call->token);
	snprintf(call->mkt_header, sizeof call->mkt_header,
	    "X-EBAY-C-MARKETPLACE-ID: %s", call->marketplace);
	memset(req, 0, sizeof *req);
	req->url = call->url;
	req->headers[i++] = *auth_header;
	req->headers[i++] = call->mkt_header;
	req->headers[i++] = "Accept: application/json";
	if (c->ctx_header != NULL)
		req->headers[i++] = c->ctx_header;
	return true;
}

void
ebay_auth_header_free(char *h)
{
	if (h != NULL) {
		explicit_bzero(h, strlen(h));
		free(h);
	}
}

/* A short, safe description of a non-JSON error body: its status only. */
static void
ebay_http_error(struct ebay_call *call, enum ebay_err code,
    struct fetch_resp *r)
{
	ebay_err_set(&call->err, code, (int)r->status, "HTTP %ld", r->status);
	(void)ebay_parse_error(r->body.data != NULL ? r->body.data : "",
	    r->body.len, &call->err);
}

static enum ebay_step
ebay_step_retry(struct ebay_call *call)
{
	if (call->retries < FETCH_RETRIES) {
		call->retries++;
		return EBAY_STEP_RETRY;
	}
	return EBAY_STEP_DONE;
}

/* A reply ebay_call_step would parse (HTTP 200): ebay_call_parse's. */
bool
ebay_call_parses(const struct fetch_resp *r)
{
	return r->res == FETCH_OK && r->status == 200;
}

/*
 * Judge a 200 reply: parse its page into call->page.  It reads and writes
 * only call and r, so that the multi can run it on another thread.
 */
enum ebay_step
ebay_call_parse(struct ebay_call *call, const struct fetch_resp *r)
{
	const char	*body = r->body.data != NULL ? r->body.data : "";

	call->err.error_id = 0;
	call->err.message[0] = '\0';
	ebay_page_free(&call->page);
	if (ebay_parse_page(body, r->body.len, NULL, &call->page,
	    &call->err) != EBAY_OK) {
		ebay_page_free(&call->page);
		return ebay_step_retry(call);
	}
	call->page.calls = call->err.calls;
	ebay_page_exclude(&call->page, call->exclude, call->nexclude);
	return EBAY_STEP_DONE;
}

/* Judge one attempt's reply; the outcome is in call->err / call->page. */
enum ebay_step
ebay_call_step(struct ebay_client *c, struct ebay_call *call,
    struct fetch_resp *r)
{
	char		 reason[128];
	long		 id;

	if (ebay_call_parses(r))
		return ebay_call_parse(call, r);
	call->err.error_id = 0;
	call->err.message[0] = '\0';
	switch (r->res) {
	case FETCH_ERR_TOO_LARGE:
		ebay_err_set(&call->err, EBAY_ERR_TOO_LARGE, (int)r->status,
		    "more than %zu bytes", r->max_bytes);
		return EBAY_STEP_DONE;
	case FETCH_ERR_TIMEOUT:
		ebay_err_set(&call->err, EBAY_ERR_TIMEOUT, 0, "%s",
		    r->errmsg);
		return ebay_step_retry(call);
	case FETCH_ERR_TRANSPORT:
		ebay_err_set(&call->err, EBAY_ERR_TRANSPORT, 0, "%s",
		    r->errmsg);
		return ebay_step_retry(call);
	default:
		break;
	}
	ebay_http_error(call, EBAY_ERR_REQUEST, r);
	id = call->err.error_id;
	if (r->status == 401 || id == 1001) {
		call->err.code = EBAY_ERR_AUTH;
		if (!call->auth_retried) {
			call->auth_retried = true;
			return EBAY_STEP_REAUTH;
		}
		return EBAY_STEP_DONE;
	}
	if (r->status == 429 || id == 2001) {
		call->err.code = EBAY_ERR_QUOTA;
		snprintf(reason, sizeof reason, "eBay answered HTTP %ld "
		    "(errorId %ld)", r->status, id);
		ebay_quota_block(c, reason, &call->err);
		return EBAY_STEP_DONE;
	}
	if (r->status >= 500) {
		call->err.code = EBAY_ERR_SERVER;
		return ebay_step_retry(call);
	}
	if (r->status < 400 || r->status > 499)
		call->err.code = EBAY_ERR_BAD_RESPONSE;
	return EBAY_STEP_DONE;
}

/* Renew after a 401: false (call->err set) if no new token came. */
bool
ebay_call_reauth(struct ebay_client *c, struct ebay_call *call)
{
	struct ebay_error	 e;

	memset(&e, 0, sizeof e);
	if (ebay_token_get(c, call->token, &e))
		return true;
	e.calls = call->err.calls;
	call->err = e;
	return false;
}

static enum ebay_err
ebay_run_sync(struct ebay_client *c, struct ebay_call *call,
    struct ebay_page *page, struct ebay_error *err)
{
	struct fetch_req	 req;
	struct fetch_resp	 r;
	enum ebay_step		 step;
	char			*auth;

	fetch_resp_init(&r);
	for (;;) {
		if (!ebay_call_begin(c, call, &req, &auth))
			break;
		fetch_once(c->fetch, &req, &r);
		ebay_auth_header_free(auth);
		step = ebay_call_step(c, call, &r);
		if (step == EBAY_STEP_DONE)
			break;
		if (step == EBAY_STEP_REAUTH) {
			if (!ebay_call_reauth(c, call))
				break;
		} else
			fetch_sleep_ms(fetch_backoff_ms(call->retries));
	}
	fetch_resp_free(&r);
	if (call->err.code == EBAY_OK)
		ebay_page_move(page, &call->page);
	*err = call->err;
	if (err->code != EBAY_OK)
		log_warn("ebay: search failed: %s%s%s",
		    ebay_strerror(err->code), err->message[0] != '\0' ?
		    ": " : "", err->message);
	return err->code;
}

enum ebay_err
ebay_search(struct ebay_client *c, const struct ebay_query *q,
    struct ebay_page *page, struct ebay_error *err)
{
	struct ebay_call	 call;
	enum ebay_err		 e;

	memset(page, 0, sizeof *page);
	if (!ebay_call_init(&call, c, q, NULL)) {
		*err = call.err;
		ebay_call_free(&call);
		return err->code;
	}
	e = ebay_run_sync(c, &call, page, err);
	ebay_call_free(&call);
	return e;
}

enum ebay_err
ebay_search_next(struct ebay_client *c, const char *next_url,
    const struct ebay_query *q, struct ebay_page *page,
    struct ebay_error *err)
{
	struct ebay_call	 call;
	enum ebay_err		 e;

	memset(page, 0, sizeof *page);
	if (next_url == NULL || !ebay_call_init(&call, c, q, next_url)) {
		if (next_url == NULL) {
			memset(&call, 0, sizeof call);
			ebay_err_set(&call.err, EBAY_ERR_INVALID, 0,
			    "no next URL");
		}
		*err = call.err;
		ebay_call_free(&call);
		return err->code;
	}
	e = ebay_run_sync(c, &call, page, err);
	ebay_call_free(&call);
	return e;
}
