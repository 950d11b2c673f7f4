/*
 * The control API under /__fake/ (loopback peers only): the clock,
 * faults, hostile data, settings, reset, the counters, and signed account
 * deletion notifications.  Parameters come
 * from the query string (or an urlencoded body); every answer is JSON.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "fake.h"
#include "form.h"
#include "xmalloc.h"

struct control {
	const char	*path;
	const char	*methods;	/* "GET", "POST" or "GET POST" */
	enum MHD_Result	(*fn)(struct freq *, struct form *);
};

static char *
control_json(struct json_object *o)
{
	char	*s = xstrdup(json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));

	json_object_put(o);
	return s;
}

static enum MHD_Result
control_error(struct freq *r, unsigned status, const char *msg)
{
	struct json_object	*o = json_object_new_object();

	json_object_object_add(o, "error", json_object_new_string(msg));
	return fake_reply_json(r, status, control_json(o));
}

static bool
control_num(const char *s, long long lo, long long hi, long long *out)
{
	char	*end;

	if (s == NULL || *s == '\0')
		return false;
	errno = 0;
	*out = strtoll(s, &end, 10);
	return errno == 0 && *end == '\0' && *out >= lo && *out <= hi;
}

static enum MHD_Result
control_clock(struct freq *r, struct form *f)
{
	struct json_object	*o;
	const char		*set = form_get(f, "set");
	const char		*adv = form_get(f, "advance");
	const char		*frz = form_get(f, "freeze");
	long long		 n;
	char			 iso[32];
	time_t			 now;

	if (strcmp(r->method, "POST") == 0) {
		if (set == NULL && adv == NULL && frz == NULL)
			return control_error(r, 400, "give set=UNIX, "
			    "advance=SECONDS or freeze=0|1");
		if (frz != NULL && strcmp(frz, "0") != 0 &&
		    strcmp(frz, "1") != 0)
			return control_error(r, 400, "freeze must be 0 or 1");
		if (set != NULL && !control_num(set, 0, 253402300799LL, &n))
			return control_error(r, 400, "set: not UNIX seconds");
		if (set != NULL)
			fclock_set((time_t)n);
		if (adv != NULL && !control_num(adv, -315360000LL,
		    315360000LL, &n))
			return control_error(r, 400, "advance: not seconds");
		if (adv != NULL)
			fclock_advance(n);
		if (frz != NULL)
			fclock_freeze(*frz == '1');
	}
	now = fclock_now();
	fclock_iso(now, iso);
	o = json_object_new_object();
	json_object_object_add(o, "now", json_object_new_int64(now));
	json_object_object_add(o, "iso", json_object_new_string(iso));
	json_object_object_add(o, "frozen",
	    json_object_new_boolean(fclock_frozen()));
	json_object_object_add(o, "day_start",
	    json_object_new_int64(fclock_day_start(now)));
	return fake_reply_json(r, 200, control_json(o));
}

static enum MHD_Result
control_fault(struct freq *r, struct form *f)
{
	const char	*kind = form_get(f, "kind");
	const char	*count = form_get(f, "count");
	const char	*ms = form_get(f, "ms");
	const char	*on = form_get(f, "on");
	enum fault_on	 o = FAULT_ON_SEARCH;
	enum fault_kind	 k;
	long long	 n = -1, m = 0;

	if (strcmp(r->method, "POST") == 0) {
		if (kind == NULL || !fault_parse(kind, &k))
			return control_error(r, 400, "kind: one of latency, "
			    "expire, 429, 500, 502html, truncate, cutoff, "
			    "malformed, stall, warning");
		if (count != NULL && !control_num(count, 1, 1000000, &n))
			return control_error(r, 400, "count: a positive integer");
		if (k == FAULT_LATENCY && !control_num(ms, 0, 60000, &m))
			return control_error(r, 400, "latency needs ms=0..60000");
		if (on != NULL && !fault_on_parse(on, &o))
			return control_error(r, 400, "on: search or public_key");
		if (!fault_add(k, (long)n, (long)m, o))
			return control_error(r, 409, "too many pending faults");
	}
	return fake_reply_json(r, 200, fault_active_json());
}

static enum MHD_Result
control_hostile(struct freq *r, struct form *f)
{
	const char	*on = form_get(f, "on");

	if (on == NULL || (strcmp(on, "0") != 0 && strcmp(on, "1") != 0))
		return control_error(r, 400, "on must be 0 or 1");
	route_set_hostile(*on == '1');
	return fake_reply_json(r, 200, xstrdup(*on == '1' ?
	    "{\"hostile\":true}" : "{\"hostile\":false}"));
}

/* POST /__fake/config?daily_limit=N&token_ttl=S&key_pem=oneline|lines */
static enum MHD_Result
control_config(struct freq *r, struct form *f)
{
	const char	*dl = form_get(f, "daily_limit");
	const char	*ttl = form_get(f, "token_ttl");
	const char	*pem = form_get(f, "key_pem");
	long long	 n, t;

	if (dl == NULL && ttl == NULL && pem == NULL)
		return control_error(r, 400, "give daily_limit=N, token_ttl=S "
		    "or key_pem=oneline|lines");
	if (pem != NULL && strcmp(pem, "oneline") != 0 &&
	    strcmp(pem, "lines") != 0)
		return control_error(r, 400, "key_pem: oneline or lines");
	if (dl != NULL && !control_num(dl, 0, 100000000, &n))
		return control_error(r, 400, "daily_limit: 0 or more");
	if (ttl != NULL && !control_num(ttl, 1, 31536000, &t))
		return control_error(r, 400, "token_ttl: 1 or more seconds");
	if (dl != NULL)
		route_set_daily_limit((long)n);
	if (ttl != NULL)
		token_set_ttl((long)t);
	if (pem != NULL)
		notify_set_pem_lines(strcmp(pem, "lines") == 0);
	return fake_reply_json(r, 200, xstrdup("{\"ok\":true}"));
}

static enum MHD_Result
control_reset(struct freq *r, struct form *f)
{
	fault_reset();
	token_revoke_all();
	route_stats_reset();
	return fake_reply_json(r, 200, xstrdup("{\"ok\":true}"));
}

static enum MHD_Result
control_stats(struct freq *r, struct form *f)
{
	struct json_object	*o, *m, *fk;
	struct fake_stats	 st;
	const char		*name;
	size_t			 i;
	int			 k;

	route_stats(&st);
	o = json_object_new_object();
#define STAT(k, v) json_object_object_add(o, k, json_object_new_int64((int64_t)(v)))
	STAT("token_calls", st.token_calls);
	STAT("token_ok", st.token_ok);
	STAT("token_errors", st.token_fail);
	STAT("tokens_active", token_active());
	STAT("search_calls", st.search_calls);
	STAT("search_ok", st.search_ok);
	STAT("search_errors", st.search_errors);
	STAT("auth_refused", st.auth_refused);
	STAT("quota_refused", st.quota_refused);
	STAT("rate_limit_calls", st.rate_limit_calls);
	STAT("key_calls", st.key_calls);
	STAT("key_ok", st.key_ok);
	STAT("key_unknown", st.key_unknown);
	STAT("daily_limit", st.daily_limit);
	STAT("day_count", st.day == fclock_day_start(fclock_now()) ?
	    st.day_count : 0);
	STAT("faults_served", fault_total());
	STAT("clock", fclock_now());
#undef STAT
	json_object_object_add(o, "hostile", json_object_new_boolean(st.hostile));
	m = json_object_new_object();
	for (i = 0; (name = route_market_name(i)) != NULL && i < 32; i++)
		if (st.by_market[i] > 0)
			json_object_object_add(m, name,
			    json_object_new_int64((int64_t)st.by_market[i]));
	json_object_object_add(o, "search_by_marketplace", m);
	fk = json_object_new_object();
	for (k = 0; k < FAULT__MAX; k++)
		json_object_object_add(fk, fault_name((enum fault_kind)k),
		    json_object_new_int64((int64_t)fault_count(
		    (enum fault_kind)k)));
	json_object_object_add(o, "faults_by_kind", fk);
	return fake_reply_json(r, 200, control_json(o));
}

#define CONTROL_NAME_MAX	200	/* eBay's username and userId */

/* signer=ebay|other: false (answered 400) for anything else. */
static bool
control_signer(struct freq *r, struct form *f, bool *other,
    enum MHD_Result *ret)
{
	const char	*signer = form_get(f, "signer");

	*other = signer != NULL && strcmp(signer, "other") == 0;
	if (signer == NULL || *other || strcmp(signer, "ebay") == 0)
		return true;
	*ret = control_error(r, 400, "signer: ebay or other");
	return false;
}

/* Answer body (owned) with its X-EBAY-SIGNATURE. */
static enum MHD_Result
control_signed(struct freq *r, char *body, size_t len, bool other)
{
	char		*sig = notify_sign(body, len, other);
	enum MHD_Result	 ret;

	ret = fake_reply_hdr(r, 200, "application/json", body, len,
	    "X-EBAY-SIGNATURE", sig);
	free(sig);
	return ret;
}

/*
 * POST /__fake/notification?username=U[&user_id=I][&notification_id=N]
 * [&signer=ebay|other]: a MARKETPLACE_ACCOUNT_DELETION notification as
 * eBay posts it, the body as the answer and its signature in the
 * X-EBAY-SIGNATURE header (signer=other: by a key never served, under
 * the served kid).
 */
static enum MHD_Result
control_notification(struct freq *r, struct form *f)
{
	static unsigned long	 seq;
	const char		*user = form_get(f, "username");
	const char		*uid = form_get(f, "user_id");
	const char		*nid = form_get(f, "notification_id");
	struct json_object	*o, *meta, *n, *d;
	char			 id[64], iso[32], *body;
	enum MHD_Result		 ret;
	bool			 other;

	if ((user == NULL || *user == '\0') && (uid == NULL || *uid == '\0'))
		return control_error(r, 400, "give username=U or user_id=I");
	if ((user != NULL && strlen(user) > CONTROL_NAME_MAX) ||
	    (uid != NULL && strlen(uid) > CONTROL_NAME_MAX) ||
	    (nid != NULL && (*nid == '\0' || strlen(nid) > CONTROL_NAME_MAX)))
		return control_error(r, 400, "username, user_id and "
		    "notification_id: at most 200 bytes");
	if (!control_signer(r, f, &other, &ret))
		return ret;
	if (nid == NULL) {
		snprintf(id, sizeof id, "fake-%lu-%lld",
		    __atomic_add_fetch(&seq, 1, __ATOMIC_SEQ_CST),
		    (long long)fclock_now());
		nid = id;
	}
	fclock_iso(fclock_now(), iso);
	meta = json_object_new_object();
	json_object_object_add(meta, "topic",
	    json_object_new_string("MARKETPLACE_ACCOUNT_DELETION"));
	json_object_object_add(meta, "schemaVersion",
	    json_object_new_string("1.0"));
	json_object_object_add(meta, "deprecated", json_object_new_boolean(0));
	d = json_object_new_object();
	if (user != NULL)
		json_object_object_add(d, "username",
		    json_object_new_string(user));
	if (uid != NULL)
		json_object_object_add(d, "userId", json_object_new_string(uid));
	json_object_object_add(d, "eiasToken", json_object_new_string(
	    "nY+sHZ2PrBmdj6wVnY+sEZ2PrA2dj6wFk4GkDpaFqQ6dj6x9nY+seQ=="));
	n = json_object_new_object();
	json_object_object_add(n, "notificationId", json_object_new_string(nid));
	json_object_object_add(n, "eventDate", json_object_new_string(iso));
	json_object_object_add(n, "publishDate", json_object_new_string(iso));
	json_object_object_add(n, "publishAttemptCount",
	    json_object_new_int(1));
	json_object_object_add(n, "data", d);
	o = json_object_new_object();
	json_object_object_add(o, "metadata", meta);
	json_object_object_add(o, "notification", n);
	body = control_json(o);
	return control_signed(r, body, strlen(body), other);
}

/*
 * POST /__fake/sign[?signer=ebay|other]: the raw request body back, with
 * its X-EBAY-SIGNATURE (for notifications of any shape).
 */
static enum MHD_Result
control_sign(struct freq *r, struct form *f)
{
	enum MHD_Result	 ret;
	char		*body;
	bool		 other;

	if (!control_signer(r, f, &other, &ret))
		return ret;
	body = xmalloc(r->body.len + 1);
	memcpy(body, r->body.len > 0 ? buf_cstr(&r->body) : "", r->body.len);
	body[r->body.len] = '\0';
	return control_signed(r, body, r->body.len, other);
}

static const struct control control_table[] = {
	{ "/__fake/clock", "GET POST", control_clock },
	{ "/__fake/fault", "GET POST", control_fault },
	{ "/__fake/hostile", "POST", control_hostile },
	{ "/__fake/config", "POST", control_config },
	{ "/__fake/reset", "POST", control_reset },
	{ "/__fake/stats", "GET", control_stats },
	{ "/__fake/notification", "POST", control_notification },
	{ "/__fake/sign", "POST", control_sign },
};

enum MHD_Result
control_route(struct freq *r)
{
	const struct control	*c;
	struct form		 f;
	enum MHD_Result		 ret;
	size_t			 i;

	if (!fake_loopback(r))
		return control_error(r, 403, "the control API answers loopback "
		    "only");
	for (i = 0; i < sizeof control_table / sizeof control_table[0]; i++) {
		c = &control_table[i];
		if (strcmp(c->path, r->path) != 0)
			continue;
		if (strstr(c->methods, r->method) == NULL ||
		    (strcmp(r->method, "GET") != 0 &&
		    strcmp(r->method, "POST") != 0))
			return control_error(r, 405, "method not allowed");
		form_init(&f);
		form_parse(&f, r->query, strlen(r->query), '&');
		if (r->body.len > 0)
			form_parse(&f, buf_cstr(&r->body), r->body.len, '&');
		ret = c->fn(r, &f);
		form_free(&f);
		return ret;
	}
	return control_error(r, 404, "no such control endpoint");
}
