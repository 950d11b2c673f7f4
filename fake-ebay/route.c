/*
 * The Browse routes: item_summary/search (Bearer check, faults, the daily
 * quota, then search.c) and the analytics rate_limit resource; the faults'
 * replies (shared with notify.c); and the counters /__fake/stats reports.
 */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "fake.h"
#include "log.h"
#include "xmalloc.h"

static pthread_mutex_t	 route_lock = PTHREAD_MUTEX_INITIALIZER;
static struct fake_stats route_st;

void
route_stats(struct fake_stats *out)
{
	pthread_mutex_lock(&route_lock);
	*out = route_st;
	pthread_mutex_unlock(&route_lock);
}

/* Counters to zero; the settings (limit, hostile) stay. */
void
route_stats_reset(void)
{
	struct fake_stats	 keep;

	pthread_mutex_lock(&route_lock);
	keep = route_st;
	memset(&route_st, 0, sizeof route_st);
	route_st.daily_limit = keep.daily_limit;
	route_st.hostile = keep.hostile;
	pthread_mutex_unlock(&route_lock);
}

void
route_count_token(bool ok)
{
	pthread_mutex_lock(&route_lock);
	route_st.token_calls++;
	if (ok)
		route_st.token_ok++;
	else
		route_st.token_fail++;
	pthread_mutex_unlock(&route_lock);
}

void
route_count_key_call(void)
{
	pthread_mutex_lock(&route_lock);
	route_st.key_calls++;
	pthread_mutex_unlock(&route_lock);
}

void
route_count_key(bool known)
{
	pthread_mutex_lock(&route_lock);
	if (known)
		route_st.key_ok++;
	else
		route_st.key_unknown++;
	pthread_mutex_unlock(&route_lock);
}

void
route_set_hostile(bool on)
{
	pthread_mutex_lock(&route_lock);
	route_st.hostile = on;
	pthread_mutex_unlock(&route_lock);
}

void
route_set_daily_limit(long n)
{
	pthread_mutex_lock(&route_lock);
	route_st.daily_limit = n;
	pthread_mutex_unlock(&route_lock);
}

const char *
route_market_name(size_t i)
{
	const struct market	*m = cat_market_nth(i);

	return m != NULL ? m->id : NULL;
}

/* Count one search call in the fake's day; false past the daily limit. */
static bool
route_quota(void)
{
	time_t	 day = fclock_day_start(fclock_now());
	bool	 ok;

	pthread_mutex_lock(&route_lock);
	if (day != route_st.day) {
		route_st.day = day;
		route_st.day_count = 0;
	}
	ok = route_st.daily_limit <= 0 ||
	    route_st.day_count < route_st.daily_limit;
	if (ok)
		route_st.day_count++;
	else
		route_st.quota_refused++;
	pthread_mutex_unlock(&route_lock);
	return ok;
}

static enum MHD_Result
route_429(struct freq *r)
{
	return fake_reply_json(r, MHD_HTTP_TOO_MANY_REQUESTS, fault_error_json(
	    2001, "ACCESS", "REQUEST", "Too many requests",
	    "The request limit has been reached for the resource."));
}

/* A page of results with a 12002 warning added (a search answered 200). */
static char *
route_add_warning(char *body)
{
	struct json_object	*o, *w, *e;
	char			*out;

	if ((o = json_tokener_parse(body)) == NULL)
		return body;
	if (!json_object_object_get_ex(o, "warnings", &w)) {
		w = json_object_new_array();
		json_object_object_add(o, "warnings", w);
	}
	e = json_object_new_object();
	json_object_object_add(e, "errorId", json_object_new_int(12002));
	json_object_object_add(e, "domain", json_object_new_string("API_BROWSE"));
	json_object_object_add(e, "category", json_object_new_string("REQUEST"));
	json_object_object_add(e, "message",
	    json_object_new_string("Invalid filter value."));
	json_object_object_add(e, "longMessage", json_object_new_string(
	    "A filter value is invalid and was ignored (injected fault)."));
	json_object_array_add(w, e);
	out = xstrdup(json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	free(body);
	return out;
}

static char *
route_search_body(struct freq *r, int *status)
{
	struct search_req	 sr;
	const char		*mkt;
	struct fake_stats	 st;
	size_t			 i;
	char			*body;

	route_stats(&st);
	memset(&sr, 0, sizeof sr);
	sr.query_string = r->query;
	sr.marketplace = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
	    "X-EBAY-C-MARKETPLACE-ID");
	sr.enduserctx = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
	    "X-EBAY-C-ENDUSERCTX");
	sr.base_url = r->base_url;
	sr.seed = fake_opts.seed;
	sr.hostile = st.hostile;
	body = search_run(&sr, status, &mkt);
	pthread_mutex_lock(&route_lock);
	if (*status == 200)
		route_st.search_ok++;
	else
		route_st.search_errors++;
	for (i = 0; route_market_name(i) != NULL && i < 32; i++)
		if (strcmp(route_market_name(i), mkt) == 0)
			route_st.by_market[i]++;
	pthread_mutex_unlock(&route_lock);
	return body;
}

/* Answer r with fault kind; body gives the normal answer it alters. */
enum MHD_Result
route_fault(struct freq *r, enum fault_kind kind, route_body_fn *normal)
{
	static const char	 html[] = "<html>\r\n<head><title>502 Bad "
	    "Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway"
	    "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n"
	    "</html>\r\n";
	static const char	 bad[] = "{\"href\":\"x\",\"total\":3,\"limit\":"
	    "50,\"offset\":0,\"itemSummaries\":[{\"itemId\":\"v1|1|0\",\"title"
	    "\":\"unterminated,,]}";
	double			 cap;
	char			*body;
	int			 status;
	size_t			 len;

	fault_served(kind);
	log_info("fault %s on %s", fault_name(kind), r->path);
	switch (kind) {
	case FAULT_EXPIRE:
		token_revoke_all();
		return fake_reply_json(r, MHD_HTTP_UNAUTHORIZED, fault_error_json(
		    1001, "OAuth", "REQUEST", "Invalid access token",
		    "Invalid access token. Check the value of the Authorization "
		    "HTTP request header."));
	case FAULT_429:
		return route_429(r);
	case FAULT_500:
		return fake_reply_json(r, MHD_HTTP_INTERNAL_SERVER_ERROR,
		    fault_error_json(12000, "API_BROWSE", "APPLICATION",
		    "There was a problem with an eBay internal system or "
		    "process. Contact eBay developer support for assistance.",
		    NULL));
	case FAULT_502HTML:
		return fake_reply(r, MHD_HTTP_BAD_GATEWAY, "text/html",
		    xstrdup(html), sizeof html - 1);
	case FAULT_MALFORMED:
		return fake_reply(r, MHD_HTTP_OK, "application/json",
		    xstrdup(bad), sizeof bad - 1);
	case FAULT_STALL:
		/* Say nothing until the client gives up (60 s at most). */
		cap = 60.0;
		if (fake_opts.deadline > 0 &&
		    fake_opts.deadline - fake_monotonic() < cap)
			cap = fake_opts.deadline - fake_monotonic();
		if (cap > 0)
			fake_sleep_ms((long)(cap * 1000));
		return MHD_NO;
	case FAULT_TRUNCATE:
	case FAULT_CUTOFF:
	case FAULT_WARNING:
		body = normal(r, &status);
		len = strlen(body);
		if (kind == FAULT_WARNING && status == 200)
			body = route_add_warning(body);
		else if (kind == FAULT_TRUNCATE)
			return fake_reply(r, (unsigned)status, "application/json",
			    body, len / 2);
		else if (kind == FAULT_CUTOFF)
			return fake_reply_cutoff(r, body, len);
		return fake_reply_json(r, (unsigned)status, body);
	default:
		break;
	}
	return MHD_NO;
}

enum MHD_Result
route_search(struct freq *r)
{
	struct fault_hit	 hit;
	enum MHD_Result		 ret;
	char			*body;
	int			 status;

	pthread_mutex_lock(&route_lock);
	route_st.search_calls++;
	pthread_mutex_unlock(&route_lock);
	if (strcmp(r->method, "GET") != 0)
		return fake_reply_json(r, MHD_HTTP_METHOD_NOT_ALLOWED,
		    fault_error_json(3001, "ROUTING", "REQUEST",
		    "Method not allowed", NULL));
	if (!token_check(r, &ret)) {
		pthread_mutex_lock(&route_lock);
		route_st.auth_refused++;
		pthread_mutex_unlock(&route_lock);
		return ret;
	}
	fault_take(&hit, FAULT_ON_SEARCH);
	if (fake_opts.latency_ms + hit.latency_ms > 0)
		fake_sleep_ms(fake_opts.latency_ms + hit.latency_ms);
	if (hit.have)
		return route_fault(r, hit.kind, route_search_body);
	if (!route_quota())
		return route_429(r);
	body = route_search_body(r, &status);
	return fake_reply_json(r, (unsigned)status, body);
}

/* GET /developer/analytics/v1_beta/rate_limit/: the fake's own figures. */
enum MHD_Result
route_rate_limit(struct freq *r)
{
	struct json_object	*o, *rl, *a, *res, *rates, *rate, *ra;
	struct fake_stats	 st;
	enum MHD_Result		 ret;
	long			 limit, count;
	char			 reset[32];
	char			*body;

	if (!token_check(r, &ret))
		return ret;
	pthread_mutex_lock(&route_lock);
	route_st.rate_limit_calls++;
	pthread_mutex_unlock(&route_lock);
	route_stats(&st);
	limit = st.daily_limit > 0 ? st.daily_limit : 5000;
	count = st.day == fclock_day_start(fclock_now()) ? st.day_count : 0;
	fclock_iso(fclock_day_start(fclock_now()) + 86400, reset);
	rate = json_object_new_object();
	json_object_object_add(rate, "count", json_object_new_int64(count));
	json_object_object_add(rate, "limit", json_object_new_int64(limit));
	json_object_object_add(rate, "remaining",
	    json_object_new_int64(limit > count ? limit - count : 0));
	json_object_object_add(rate, "reset", json_object_new_string(reset));
	json_object_object_add(rate, "timeWindow", json_object_new_int(86400));
	rates = json_object_new_array();
	json_object_array_add(rates, rate);
	res = json_object_new_object();
	json_object_object_add(res, "name", json_object_new_string("buy.browse"));
	json_object_object_add(res, "rates", rates);
	ra = json_object_new_array();
	json_object_array_add(ra, res);
	rl = json_object_new_object();
	json_object_object_add(rl, "apiContext", json_object_new_string("buy"));
	json_object_object_add(rl, "apiName", json_object_new_string("Browse"));
	json_object_object_add(rl, "apiVersion", json_object_new_string("v1"));
	json_object_object_add(rl, "resources", ra);
	a = json_object_new_array();
	json_object_array_add(a, rl);
	o = json_object_new_object();
	json_object_object_add(o, "rateLimits", a);
	body = xstrdup(json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return fake_reply_json(r, MHD_HTTP_OK, body);
}
