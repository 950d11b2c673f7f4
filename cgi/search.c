/*
 * GET / (the start page: the search form, the user's saved searches with
 * their status, recent finds) and GET /search (a live eBay search).
 *
 * Live results are kept in search_cache under the SHA-256 of the
 * canonical query (search_spec_query): the same search within
 * SEARCH_CACHE_FRESH is served from there, so reloading spends no quota.
 * When eBay fails, the page says so and shows the newest cached result of
 * that search, however old, with its age.  Every result page says when
 * its data was fetched, and how long ago once that passes 6 hours (eBay's
 * rule for stale data).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <json-c/json.h>

#include "buf.h"
#include "cfg.h"
#include "cgi.h"
#include "db.h"
#include "ebay.h"
#include "log.h"
#include "page.h"
#include "search.h"
#include "secret.h"
#include "tmpl.h"
#include "valid.h"
#include "web.h"
#include "xmalloc.h"

#define SEARCH_CACHE_FRESH	"2 minutes"
#define SEARCH_STALE_SECONDS	(6 * 3600)

DB_STMT(search_cache_fresh_q, 1,
    "SELECT body::text, problem, " WEB_TS("fetched_at") ", "
    WEB_AGE("fetched_at") " FROM search_cache WHERE cache_key = $1"
    " AND fetched_at > now() - interval '" SEARCH_CACHE_FRESH "'");
DB_STMT(search_cache_any_q, 1,
    "SELECT body::text, problem, " WEB_TS("fetched_at") ", "
    WEB_AGE("fetched_at") " FROM search_cache WHERE cache_key = $1");
DB_STMT(search_cache_put_q, 3,
    "INSERT INTO search_cache (cache_key, body, problem)"
    " VALUES ($1, $2::jsonb, $3) ON CONFLICT (cache_key) DO UPDATE"
    " SET fetched_at = now(), body = EXCLUDED.body,"
    " problem = EXCLUDED.problem");
DB_STMT(search_cache_prune_q, 0,
    "DELETE FROM search_cache WHERE fetched_at < now() - interval '2 days'");
DB_STMT(search_recent_q, 1,
    "SELECT " WEB_LISTING_JSON("l") ", s.id, s.name, "
    WEB_AGE("h.first_seen_at") ", l.ended_at IS NOT NULL"
    " FROM search_hits h JOIN saved_searches s ON s.id = h.search_id"
    " JOIN listings l ON l.item_id = h.item_id"
    " WHERE s.user_id = $1 ORDER BY h.first_seen_at DESC, l.item_id"
    " LIMIT 8");

static struct ebay_client	*search_client;

/* A result to show: from eBay now, or from the cache. */
struct search_result {
	struct json_object	*body;		/* {"items":[...],"total":n} */
	char			*problem;	/* eBay's warnings, or NULL */
	char			*fetched_iso;	/* NULL: just now */
	long long		 age;
	bool			 from_cache;
};

static void
search_result_free(struct search_result *r)
{
	if (r->body != NULL)
		json_object_put(r->body);
	free(r->problem);
	free(r->fetched_iso);
	memset(r, 0, sizeof *r);
}

static void
search_key(const struct search_spec *s, char key[SECRET_SHA256_HEX])
{
	struct buf	 q;

	buf_init(&q, 0);
	buf_adds(&q, "web1?");
	search_spec_query(s, true, &q);
	secret_sha256_hex(q.data, q.len, key);
	buf_free(&q);
}

/* Load the cached result for key (fresh only, or any age): true if found. */
static bool
search_cache_get(struct req *req, const char *key, bool fresh,
    struct search_result *r)
{
	PGresult	*res;
	int64_t		 age = 0;

	res = db_exec(req->db, fresh ? &search_cache_fresh_q :
	    &search_cache_any_q, key);
	if (res == NULL)
		return false;
	if (PQntuples(res) != 1 ||
	    (r->body = json_tokener_parse(db_text(res, 0, 0))) == NULL) {
		PQclear(res);
		return false;
	}
	if (!db_isnull(res, 0, 1))
		r->problem = xstrdup(db_text(res, 0, 1));
	r->fetched_iso = xstrdup(db_text(res, 0, 2));
	(void)db_int64(res, 0, 3, &age);
	r->age = age;
	r->from_cache = true;
	PQclear(res);
	return true;
}

static void
search_cache_put(struct req *req, const char *key, struct search_result *r)
{
	const char	*text;

	text = json_object_to_json_string_ext(r->body,
	    JSON_C_TO_STRING_PLAIN);
	if (!db_run(req->db, &search_cache_put_q, key, text, r->problem))
		log_warn("search: the result could not be cached");
	/* Now and then, forget results nobody will be shown again. */
	if (secret_equal(key + 62, "00") &&
	    !db_run(req->db, &search_cache_prune_q))
		log_warn("search: cache pruning failed");
}

/*
 * Ask eBay.  True with r filled; false with a sentence for the user in
 * *why (caller frees) and the HTTP status to answer with.
 */
static bool
search_ebay(struct req *req, const struct search_spec *s,
    struct search_result *r, char **why, int *status)
{
	struct ebay_query	 q;
	struct ebay_page	 page;
	struct ebay_error	 err;
	struct json_object	*items;
	size_t			 i;
	char			 when[64];

	if (search_client == NULL)
		search_client = ebay_client_new(req->cfg, req->db, "web");
	search_to_query(s, &q);
	memset(&page, 0, sizeof page);
	memset(&err, 0, sizeof err);
	if (ebay_search(search_client, &q, &page, &err) != EBAY_OK) {
		log_warn("search: eBay: %s (%d %ld)", ebay_strerror(err.code),
		    err.http_status, err.error_id);
		switch (err.code) {
		case EBAY_ERR_QUOTA:
			*status = 503;
			if (err.retry_at > 0) {
				struct tm	 tm;

				gmtime_r(&err.retry_at, &tm);
				strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC",
				    &tm);
			} else
				snprintf(when, sizeof when, "the daily reset");
			xasprintf(why, "Today's eBay calls are used up (the "
			    "daily limit is %ld). Live search works again "
			    "after %s.", req->cfg->ebay_daily_call_limit, when);
			break;
		case EBAY_ERR_REQUEST:
		case EBAY_ERR_INVALID:
			*status = 400;
			xasprintf(why, "eBay refused this search: %s%s%s",
			    ebay_strerror(err.code), err.message[0] ? ": " : "",
			    err.message);
			break;
		default:
			*status = 502;
			xasprintf(why, "eBay did not answer properly (%s). "
			    "Try again in a moment.", ebay_strerror(err.code));
			break;
		}
		ebay_page_free(&page);
		return false;
	}
	r->body = json_object_new_object();
	items = json_object_new_array();
	for (i = 0; i < page.nitems; i++)
		json_object_array_add(items, web_item_json(&page.items[i]));
	json_object_object_add(r->body, "items", items);
	json_object_object_add(r->body, "total",
	    json_object_new_int64(page.total));
	json_object_object_add(r->body, "excluded",
	    json_object_new_int64((int64_t)page.excluded));
	json_object_object_add(r->body, "next",
	    json_object_new_boolean(page.next != NULL));
	if (page.problem != NULL)
		r->problem = xstrdup(page.problem);
	ebay_page_free(&page);
	return true;
}

/* The results, pager and "fetched at" of r into d. */
static void
search_render_results(struct page *p, struct tmpl_dict *d,
    const struct search_spec *s, struct search_result *r)
{
	struct json_object	*items, *it, *v;
	struct tmpl_dict	*row, *sec;
	struct buf		 q;
	time_t			 now = time(NULL);
	int64_t			 total = -1, pages;
	size_t			 i, shown = 0, n;
	bool			 next = false;

	sec = tmpl_section(d, "RESULTS");
	if (json_object_object_get_ex(r->body, "total", &v))
		total = json_object_get_int64(v);
	if (json_object_object_get_ex(r->body, "next", &v))
		next = json_object_get_boolean(v);
	if (json_object_object_get_ex(r->body, "items", &items) &&
	    json_object_is_type(items, json_type_array)) {
		n = json_object_array_length(items);
		for (i = 0; i < n; i++) {
			it = json_object_array_get_idx(items, i);
			if (!json_object_is_type(it, json_type_object))
				continue;
			if (json_object_object_get_ex(it, "title", &v) &&
			    search_excluded(s, json_object_get_string(v),
			    NULL))
				continue;
			if (json_object_object_get_ex(it, "seller", &v) &&
			    search_excluded(s, NULL,
			    json_object_get_string(v)))
				continue;
			row = tmpl_section(sec, "ITEMS");
			web_listing(row, p->req, it, now);
			shown++;
		}
	}
	if (shown == 0)
		tmpl_show(sec, "NO_ITEMS");
	if (total >= 0)
		tmpl_setf(sec, "TOTAL", "%lld", (long long)total);
	else
		tmpl_set(sec, "TOTAL", "?");
	tmpl_setf(sec, "SHOWN", "%zu", shown);
	tmpl_setf(sec, "PAGE", "%d", s->page);
	if (total > 0) {
		pages = ((total < SEARCH_RESULTS_MAX ? total :
		    SEARCH_RESULTS_MAX) + s->per_page - 1) / s->per_page;
		tmpl_setf(tmpl_section(sec, "PAGES"), "N", "%lld",
		    (long long)pages);
		if (s->page < pages)
			next = true;
	}
	if (r->fetched_iso != NULL)
		page_set_time(sec, "FETCHED", r->fetched_iso, r->age);
	else {
		char		 iso[32];
		time_t		 t = time(NULL);
		struct tm	 tm;

		gmtime_r(&t, &tm);
		strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", &tm);
		page_set_time(sec, "FETCHED", iso, 0);
	}
	if (r->from_cache)
		tmpl_show(sec, "FROM_CACHE");
	if (r->age > SEARCH_STALE_SECONDS)
		tmpl_show(sec, "STALE");
	if (r->problem != NULL) {
		row = tmpl_section(sec, "PROBLEM");
		tmpl_set(row, "TEXT", r->problem);
	}
	/* The pager keeps every filter; only page changes. */
	buf_init(&q, 0);
	if (s->page > 1) {
		struct search_spec	 t = *s;

		t.page = s->page - 1;
		buf_adds(&q, "/search?");
		search_spec_query(&t, true, &q);
		row = tmpl_section(sec, "PREV");
		tmpl_set(row, "HREF", buf_cstr(&q));
		buf_reset(&q);
	}
	if (next && (long long)(s->page + 1) * s->per_page <=
	    SEARCH_RESULTS_MAX) {
		struct search_spec	 t = *s;

		t.page = s->page + 1;
		buf_adds(&q, "/search?");
		search_spec_query(&t, true, &q);
		row = tmpl_section(sec, "NEXT");
		tmpl_set(row, "HREF", buf_cstr(&q));
	}
	buf_free(&q);
}

/* The "save this search" form under the results. */
static void
search_render_save(struct req *req, struct tmpl_dict *d,
    const struct search_spec *s)
{
	struct saved_search	 ss;
	struct tmpl_dict	*sub;

	saved_search_init(&ss, req->cfg);
	ss.name = s->q != NULL ? xstrdup(s->q) : xstrdup("My search");
	sub = tmpl_section(d, "SAVE");
	web_spec_hidden(sub, s);
	web_spec_summary(sub, "SUMMARY", s);
	tmpl_set(sub, "CSRF", req->csrf);
	web_saved_form(tmpl_include(sub, "SAVED_FORM", "savedform.tpl"), req,
	    &ss);
	saved_search_free(&ss);
}

/* The live search form's dictionary (with its Search button), filled. */
static struct tmpl_dict *
search_form(struct tmpl_dict *d, const struct search_spec *s)
{
	struct tmpl_dict	*f;

	f = tmpl_include(d, "SEARCH_FORM", "searchform.tpl");
	web_search_form(f, s);
	tmpl_show(f, "SEARCH_BUTTON");
	return f;
}

static bool
search_has_params(const struct req *req)
{
	static const char *const keys[] = { "q", "category", "min_price",
	    "max_price", "condition", "format", "exclude", "seller_exclude",
	    "located_in", "free_shipping", "sort", "page", "currency" };
	size_t	 i;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (form_get(&req->query, keys[i]) != NULL)
			return true;
	return false;
}

static void
search_get(struct req *req)
{
	struct page		 p;
	struct tmpl_dict	*d;
	struct search_spec	 s;
	struct valid_errs	 errs;
	struct search_result	 r;
	char			 key[SECRET_SHA256_HEX], *why = NULL;
	int			 status = 200;

	search_spec_init(&s, req->cfg);
	valid_errs_init(&errs);
	memset(&r, 0, sizeof r);
	d = page_begin(&p, req, "Search eBay", "search.tpl");
	if (!search_has_params(req)) {
		search_form(d, &s);
		page_send(&p, 200);
		goto done;
	}
	if (!search_parse_form(&s, &req->query, &errs)) {
		page_errors(d, &errs);
		web_search_refill(search_form(d, &s), &req->query, &errs);
		page_send(&p, 400);
		goto done;
	}
	search_key(&s, key);
	if (!search_cache_get(req, key, true, &r)) {
		if (search_ebay(req, &s, &r, &why, &status))
			search_cache_put(req, key, &r);
		else {
			page_message(&p, PAGE_MSG_ERROR, "%s", why);
			if (search_cache_get(req, key, false, &r)) {
				page_message(&p, PAGE_MSG_WARNING, "Showing "
				    "the last results we have for this search "
				    "instead.");
				status = 200;
			}
		}
	}
	search_form(d, &s);
	if (r.body != NULL) {
		search_render_results(&p, d, &s, &r);
		search_render_save(req, d, &s);
	}
	page_send(&p, status);
done:
	free(why);
	search_result_free(&r);
	search_spec_free(&s);
	valid_errs_free(&errs);
}

/* --- the start page ---------------------------------------------------- */

static void
search_home_searches(struct req *req, struct tmpl_dict *d)
{
	struct saved_search	*v;
	size_t			 n, i;

	if (db_search_list(req->db, req->user_id, &v, &n) < 0)
		return;
	if (n == 0)
		tmpl_show(d, "NO_SEARCHES");
	else
		tmpl_show(d, "HAS_SEARCHES");
	for (i = 0; i < n; i++)
		web_search_row(tmpl_section(d, "SEARCHES"), &v[i]);
	db_search_list_free(v, n);
}

static void
search_home_recent(struct req *req, struct tmpl_dict *d)
{
	struct json_object	*o;
	struct tmpl_dict	*row;
	PGresult		*res;
	char			 uid[24], ago[64];
	int64_t			 age;
	bool			 ended;
	int			 i;
	time_t			 now = time(NULL);

	snprintf(uid, sizeof uid, "%lld", (long long)req->user_id);
	if ((res = db_exec(req->db, &search_recent_q, uid)) == NULL)
		return;
	for (i = 0; i < PQntuples(res); i++) {
		if ((o = json_tokener_parse(db_text(res, i, 0))) == NULL)
			continue;
		row = tmpl_section(d, "RECENT");
		web_listing(row, req, o, now);
		json_object_put(o);
		tmpl_set(row, "SEARCH_ID", db_text(res, i, 1));
		tmpl_set(row, "SEARCH_NAME", db_text(res, i, 2));
		if (db_int64(res, i, 3, &age)) {
			page_ago(age, ago, sizeof ago);
			tmpl_set(row, "FOUND_AGO", ago);
		}
		if (db_bool(res, i, 4, &ended) && ended)
			tmpl_show(row, "ENDED");
	}
	tmpl_show(d, PQntuples(res) > 0 ? "HAS_RECENT" : "NO_RECENT");
	PQclear(res);
}

static void
search_home_quota(struct req *req, struct tmpl_dict *d)
{
	struct ebay_quota	 q;
	struct tmpl_dict	*row;

	memset(&q, 0, sizeof q);
	if (!ebay_quota_read(req->db, req->cfg, &q))
		return;
	row = tmpl_section(d, "QUOTA");
	tmpl_setf(row, "USED", "%lld", (long long)(q.used_web +
	    q.used_worker));
	tmpl_setf(row, "USED_WEB", "%lld", (long long)q.used_web);
	tmpl_setf(row, "USED_WORKER", "%lld", (long long)q.used_worker);
	tmpl_setf(row, "LIMIT", "%ld", q.limit);
	if (q.blocked_until > 0)
		tmpl_set(tmpl_section(row, "BLOCKED"), "REASON",
		    q.blocked_reason);
}

static void
search_home(struct req *req)
{
	struct page		 p;
	struct tmpl_dict	*d;
	struct search_spec	 s;

	search_spec_init(&s, req->cfg);
	d = page_begin(&p, req, "Search eBay", "home.tpl");
	search_form(d, &s);
	search_home_searches(req, d);
	search_home_recent(req, d);
	search_home_quota(req, d);
	page_send(&p, 200);
	search_spec_free(&s);
}

static const struct route search_routes[] = {
	{ "/", METHOD_GET, 0, search_home },
	{ "/search", METHOD_GET, 0, search_get },
	{ NULL, 0, 0, NULL }
};

const struct app cgi_app = {
	.name = "search",
	.routes = search_routes,
};
