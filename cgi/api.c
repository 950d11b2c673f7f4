/*
 * /api/v1: JSON for saved searches (list, create, replace, change,
 * delete, scan soon), their finds, live search results, listings with
 * their price history, and channels.  Documented by the OpenAPI 3
 * document served at /api/v1/openapi.json (cgi/tpl/openapi.json, kept to
 * this table by t/t0352-api.sh).
 *
 * Who: the session cookie or Authorization: Bearer with an API token
 * (made on /settings).  With a session, every state-changing request
 * carries the CSRF token in X-CSRF-Token (GET /api/v1/me gives it).
 * Errors are {"error":{"status","field","message"}} naming the JSON field;
 * another user's objects answer 404 like absent ones.  Lists take limit
 * (1..200, default 50) and offset, and answer items, total and next (the
 * path of the next page, or null).
 *
 * Listings carry fetched_at, age_seconds and stale (older than 6 hours,
 * eBay's limit for showing data without its age: SPEC section 6).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "buf.h"
#include "cfg.h"
#include "cgi.h"
#include "db.h"
#include "ebay.h"
#include "form.h"
#include "jparse.h"
#include "log.h"
#include "search.h"
#include "secret.h"
#include "transfer.h"
#include "valid.h"
#include "web.h"
#include "xmalloc.h"

#define API_LIMIT_DEFAULT	50
#define API_LIMIT_MAX		200
#define API_STALE_SECONDS	(6 * 3600)
#define API_CACHE_FRESH		"2 minutes"

DB_STMT(api_search_owned_q, 2,
    "SELECT 1 FROM saved_searches WHERE id = $1 AND user_id = $2");
DB_STMT(api_finds_count_q, 1,
    "SELECT count(*) FROM search_hits WHERE search_id = $1");
DB_STMT(api_finds_q, 3,
    "SELECT " WEB_LISTING_JSON("l") ", " WEB_TS("h.first_seen_at") ","
    " " WEB_TS("l.fetched_at") ", " WEB_AGE("l.fetched_at") ","
    " " WEB_TS("l.ended_at") ", h.silent"
    " FROM search_hits h JOIN listings l ON l.item_id = h.item_id"
    " WHERE h.search_id = $1 ORDER BY h.first_seen_at DESC, l.item_id"
    " LIMIT $2 OFFSET $3");
DB_STMT(api_item_q, 2,
    "SELECT " WEB_LISTING_JSON("l") ", " WEB_TS("l.first_seen_at") ","
    " " WEB_TS("l.fetched_at") ", " WEB_AGE("l.fetched_at") ","
    " " WEB_TS("l.ended_at") ", l.marketplace, l.category_name"
    " FROM listings l WHERE l.item_id = $1 AND EXISTS (SELECT 1"
    " FROM search_hits h JOIN saved_searches s ON s.id = h.search_id"
    " WHERE h.item_id = l.item_id AND s.user_id = $2)");
DB_STMT(api_item_history_q, 1,
    "SELECT " WEB_TS("observed_at") ", price::text, shipping::text,"
    " total::text, currency, bid_count FROM price_history"
    " WHERE item_id = $1 ORDER BY observed_at, id LIMIT 1000");
DB_STMT(api_item_searches_q, 2,
    "SELECT s.id, s.name FROM search_hits h"
    " JOIN saved_searches s ON s.id = h.search_id"
    " WHERE h.item_id = $1 AND s.user_id = $2 ORDER BY s.id");
DB_STMT(api_cache_get_q, 1,
    "SELECT body::text, problem, " WEB_TS("fetched_at") ","
    " " WEB_AGE("fetched_at") " FROM search_cache WHERE cache_key = $1"
    " AND fetched_at > now() - interval '" API_CACHE_FRESH "'");
DB_STMT(api_cache_put_q, 3,
    "INSERT INTO search_cache (cache_key, body, problem)"
    " VALUES ($1, $2::jsonb, $3) ON CONFLICT (cache_key) DO UPDATE"
    " SET fetched_at = now(), body = EXCLUDED.body,"
    " problem = EXCLUDED.problem");

static char			*api_openapi_doc;
static size_t			 api_openapi_len;
static struct ebay_client	*api_client;

/* --- helpers ------------------------------------------------------------ */

/* A state-changing request with a session must carry the CSRF token
 * (main.c checks POST; this covers PUT, PATCH and DELETE). */
static bool
api_csrf(struct req *req)
{
	if (req->via_token || auth_csrf_ok(req))
		return true;
	resp_error(req, 403, "X-CSRF-Token", "A request signed in with the "
	    "session cookie must send the session's CSRF token (GET "
	    "/api/v1/me) in the X-CSRF-Token header.");
	return false;
}

static bool
api_id(struct req *req, size_t n, int64_t *id)
{
	if (valid_id(req_param(req, n), id))
		return true;
	resp_not_found(req);
	return false;
}

/* limit and offset of the query; false (400 sent) when bad. */
static bool
api_page(struct req *req, int *limit, int *offset)
{
	const char	*v;
	char		*why;
	long long	 n;

	*limit = API_LIMIT_DEFAULT;
	*offset = 0;
	if ((v = form_get(&req->query, "limit")) != NULL) {
		if (!valid_int(v, 1, API_LIMIT_MAX, &n, &why)) {
			resp_error(req, 400, "limit", why);
			free(why);
			return false;
		}
		*limit = (int)n;
	}
	if ((v = form_get(&req->query, "offset")) != NULL) {
		if (!valid_int(v, 0, 1000000, &n, &why)) {
			resp_error(req, 400, "offset", why);
			free(why);
			return false;
		}
		*offset = (int)n;
	}
	return true;
}

/* {"items":items,"total","limit","offset","next"} (items is taken). */
static void
api_send_page(struct req *req, struct json_object *items, long long total,
    int limit, int offset, const char *extra)
{
	struct json_object	*o;
	char			 next[512];

	o = json_object_new_object();
	json_object_object_add(o, "items", items);
	json_object_object_add(o, "total", json_object_new_int64(total));
	json_object_object_add(o, "limit", json_object_new_int(limit));
	json_object_object_add(o, "offset", json_object_new_int(offset));
	if ((long long)offset + limit < total) {
		snprintf(next, sizeof next, "%s?%s%slimit=%d&offset=%d",
		    req->path, extra != NULL ? extra : "",
		    extra != NULL ? "&" : "", limit, offset + limit);
		json_object_object_add(o, "next",
		    json_object_new_string(next));
	} else
		json_object_object_add(o, "next", NULL);
	resp_json(req, 200, o);
	json_object_put(o);
}

/* The request body as a JSON value, or NULL with a 400/415 sent. */
static struct json_object *
api_body(struct req *req)
{
	struct json_object	*o;
	struct jparse_err	 err;
	const char		*ct;
	char			 msg[256];

	ct = req_header(req, "CONTENT_TYPE");
	if (ct != NULL && *ct != '\0' &&
	    strncmp(ct, "application/json", 16) != 0) {
		resp_error(req, 415, NULL, "Send the body as "
		    "application/json.");
		return NULL;
	}
	if ((o = jparse(buf_cstr(&req->body), req->body.len, &err)) == NULL) {
		jparse_err_str(&err, msg, sizeof msg);
		resp_error(req, 400, "body", msg);
		return NULL;
	}
	if (!json_object_is_type(o, json_type_object)) {
		json_object_put(o);
		resp_error(req, 400, "body", "must be a JSON object");
		return NULL;
	}
	return o;
}

/* The first error of errs as a 400. */
static void
api_invalid(struct req *req, const struct valid_errs *errs)
{
	if (errs->n == 0)
		resp_error(req, 400, NULL, "The request is not valid.");
	else
		resp_error(req, 400, errs->v[0].field, errs->v[0].message);
}

/* A listing row (web.h's JSON, then the times) as the API shows it. */
static struct json_object *
api_listing(const PGresult *res, int row, int col_first_seen)
{
	struct json_object	*o;
	int64_t			 age = 0;
	int			 c = col_first_seen;

	if ((o = json_tokener_parse(db_text(res, row, 0))) == NULL)
		o = json_object_new_object();
	json_object_object_add(o, "first_seen_at",
	    json_object_new_string(db_text(res, row, c)));
	json_object_object_add(o, "fetched_at",
	    json_object_new_string(db_text(res, row, c + 1)));
	(void)db_int64(res, row, c + 2, &age);
	json_object_object_add(o, "age_seconds", json_object_new_int64(age));
	json_object_object_add(o, "stale",
	    json_object_new_boolean(age > API_STALE_SECONDS));
	json_object_object_add(o, "ended_at", db_isnull(res, row, c + 3) ?
	    NULL : json_object_new_string(db_text(res, row, c + 3)));
	return o;
}

/* --- routes --------------------------------------------------------------- */

static void
api_openapi(struct req *req)
{
	resp_header(req, "Cache-Control", "max-age=300");
	resp_send(req, 200, "application/json", api_openapi_doc,
	    api_openapi_len);
}

static void
api_me(struct req *req)
{
	struct json_object	*o;

	o = json_object_new_object();
	json_object_object_add(o, "user_id",
	    json_object_new_int64(req->user_id));
	json_object_object_add(o, "username",
	    json_object_new_string(req->username));
	json_object_object_add(o, "auth", json_object_new_string(
	    req->via_token ? "token" : "session"));
	json_object_object_add(o, "csrf_token", req->csrf != NULL ?
	    json_object_new_string(req->csrf) : NULL);
	resp_json(req, 200, o);
	json_object_put(o);
}

static void
api_searches_list(struct req *req)
{
	struct saved_search	*list = NULL;
	struct json_object	*items;
	size_t			 n = 0, i;
	int64_t			 total;
	int			 limit, offset;

	if (!api_page(req, &limit, &offset))
		return;
	if (db_search_page(req->db, req->user_id, limit, offset, &list, &n,
	    &total) < 0) {
		resp_unavailable(req);
		return;
	}
	items = json_object_new_array();
	for (i = 0; i < n; i++)
		json_object_array_add(items,
		    transfer_search_to_json(&list[i], true, NULL, 0));
	db_search_list_free(list, n);
	api_send_page(req, items, (long long)total, limit, offset, NULL);
}

/* Load search id of the user: 1, or 0/-1 with 404/503 sent. */
static int
api_search_load(struct req *req, int64_t id, struct saved_search *ss)
{
	int	 rc;

	memset(ss, 0, sizeof *ss);
	if ((rc = db_search_get(req->db, req->user_id, id, ss)) == 1)
		return 1;
	saved_search_free(ss);
	if (rc == 0)
		resp_not_found(req);
	else
		resp_unavailable(req);
	return rc;
}

static void
api_search_send(struct req *req, int status, int64_t id)
{
	struct saved_search	 ss;
	struct json_object	*o;
	char			 loc[64];

	if (api_search_load(req, id, &ss) != 1)
		return;
	o = transfer_search_to_json(&ss, true, NULL, 0);
	if (status == 201) {
		snprintf(loc, sizeof loc, "/api/v1/searches/%lld",
		    (long long)id);
		resp_header(req, "Location", loc);
	}
	resp_json(req, status, o);
	json_object_put(o);
	saved_search_free(&ss);
}

/* Every channel id of ss must be the user's: else 400 naming channels. */
static bool
api_channels_owned(struct req *req, const struct saved_search *ss)
{
	struct transfer_channel	 c;
	size_t			 i;
	int			 rc;

	for (i = 0; i < ss->nchannels; i++) {
		rc = transfer_channel_get(req->db, req->user_id,
		    ss->channels[i], &c);
		if (rc < 0) {
			resp_unavailable(req);
			return false;
		}
		if (rc == 0) {
			resp_error(req, 400, "channels", "must list channels "
			    "of yours");
			return false;
		}
		transfer_channel_free(&c);
	}
	return true;
}

static void
api_searches_create(struct req *req)
{
	struct saved_search	 ss;
	struct valid_errs	 errs;
	struct json_object	*body;

	if ((body = api_body(req)) == NULL)
		return;
	saved_search_init(&ss, req->cfg);
	valid_errs_init(&errs);
	if (!transfer_search_from_json(body, &ss, &errs))
		api_invalid(req, &errs);
	else if (api_channels_owned(req, &ss)) {
		if (db_search_insert(req->db, req->user_id, &ss) == 1)
			api_search_send(req, 201, ss.id);
		else if (db_error(req->db) == DB_ERR_CHECK)
			resp_error(req, 400, NULL, "The database refused a "
			    "value of this search.");
		else
			resp_unavailable(req);
	}
	valid_errs_free(&errs);
	saved_search_free(&ss);
	json_object_put(body);
}

static void
api_search_get(struct req *req)
{
	int64_t	 id;

	if (api_id(req, 0, &id))
		api_search_send(req, 200, id);
}

/* PUT replaces the search; PATCH changes the members it names. */
static void
api_search_put(struct req *req)
{
	struct saved_search	 old, ss;
	struct valid_errs	 errs;
	struct json_object	*body, *merged;
	int64_t			 id;
	int			 rc;

	if (!api_id(req, 0, &id) || !api_csrf(req))
		return;
	if (api_search_load(req, id, &old) != 1)
		return;
	if ((body = api_body(req)) == NULL) {
		saved_search_free(&old);
		return;
	}
	if (req->method == METHOD_PATCH) {
		merged = transfer_search_to_json(&old, false, NULL, 0);
		json_object_object_foreach(body, k, v)
			json_object_object_add(merged, k, json_object_get(v));
	} else
		merged = json_object_get(body);
	saved_search_init(&ss, req->cfg);
	ss.id = id;
	ss.enabled = old.enabled;
	valid_errs_init(&errs);
	if (!transfer_search_from_json(merged, &ss, &errs))
		api_invalid(req, &errs);
	else if (api_channels_owned(req, &ss)) {
		rc = db_search_update(req->db, req->user_id, &ss);
		if (rc == 1)
			api_search_send(req, 200, id);
		else if (rc == 0)
			resp_not_found(req);
		else if (db_error(req->db) == DB_ERR_CHECK)
			resp_error(req, 400, NULL, "The database refused a "
			    "value of this search.");
		else
			resp_unavailable(req);
	}
	valid_errs_free(&errs);
	saved_search_free(&ss);
	saved_search_free(&old);
	json_object_put(merged);
	json_object_put(body);
}

static void
api_search_delete(struct req *req)
{
	int64_t	 id;
	int	 rc;

	if (!api_id(req, 0, &id) || !api_csrf(req))
		return;
	if ((rc = db_search_delete(req->db, req->user_id, id)) == 1)
		resp_send(req, 204, NULL, "", 0);
	else if (rc == 0)
		resp_not_found(req);
	else
		resp_unavailable(req);
}

static void
api_search_run(struct req *req)
{
	struct json_object	*o;
	int64_t			 id;
	int			 rc;

	if (!api_id(req, 0, &id))
		return;
	if ((rc = db_search_run_soon(req->db, req->user_id, id)) < 0) {
		resp_unavailable(req);
		return;
	}
	if (rc == 0) {
		resp_not_found(req);
		return;
	}
	o = json_object_new_object();
	json_object_object_add(o, "id", json_object_new_int64(id));
	json_object_object_add(o, "queued", json_object_new_boolean(1));
	resp_json(req, 202, o);
	json_object_put(o);
}

static void
api_search_finds(struct req *req)
{
	struct json_object	*items, *o;
	PGresult		*res;
	char			 uid[24], sid[24], lim[16], off[16];
	int64_t			 id, total = 0;
	int			 limit, offset, i;
	bool			 silent;

	if (!api_id(req, 0, &id) || !api_page(req, &limit, &offset))
		return;
	snprintf(uid, sizeof uid, "%lld", (long long)req->user_id);
	snprintf(sid, sizeof sid, "%lld", (long long)id);
	if ((res = db_exec(req->db, &api_search_owned_q, sid, uid)) == NULL) {
		resp_unavailable(req);
		return;
	}
	i = PQntuples(res);
	PQclear(res);
	if (i != 1) {
		resp_not_found(req);
		return;
	}
	if ((res = db_exec(req->db, &api_finds_count_q, sid)) == NULL) {
		resp_unavailable(req);
		return;
	}
	(void)db_int64(res, 0, 0, &total);
	PQclear(res);
	snprintf(lim, sizeof lim, "%d", limit);
	snprintf(off, sizeof off, "%d", offset);
	if ((res = db_exec(req->db, &api_finds_q, sid, lim, off)) == NULL) {
		resp_unavailable(req);
		return;
	}
	items = json_object_new_array();
	for (i = 0; i < PQntuples(res); i++) {
		o = api_listing(res, i, 1);
		silent = false;
		(void)db_bool(res, i, 5, &silent);
		json_object_object_add(o, "silent",
		    json_object_new_boolean(silent));
		json_object_array_add(items, o);
	}
	PQclear(res);
	api_send_page(req, items, total, limit, offset, NULL);
}

static void
api_item(struct req *req)
{
	struct json_object	*o, *a, *h;
	PGresult		*res;
	const char		*item = req_param(req, 0);
	char			 uid[24];
	int			 i;

	if (item == NULL || !valid_item_id(item)) {
		resp_not_found(req);
		return;
	}
	snprintf(uid, sizeof uid, "%lld", (long long)req->user_id);
	if ((res = db_exec(req->db, &api_item_q, item, uid)) == NULL) {
		resp_unavailable(req);
		return;
	}
	if (PQntuples(res) != 1) {
		PQclear(res);
		resp_not_found(req);
		return;
	}
	o = api_listing(res, 0, 1);
	json_object_object_add(o, "marketplace", db_isnull(res, 0, 5) ? NULL :
	    json_object_new_string(db_text(res, 0, 5)));
	json_object_object_add(o, "category", db_isnull(res, 0, 6) ? NULL :
	    json_object_new_string(db_text(res, 0, 6)));
	PQclear(res);
	if ((res = db_exec(req->db, &api_item_history_q, item)) == NULL) {
		json_object_put(o);
		resp_unavailable(req);
		return;
	}
	a = json_object_new_array();
	for (i = 0; i < PQntuples(res); i++) {
		h = json_object_new_object();
		json_object_object_add(h, "observed_at",
		    json_object_new_string(db_text(res, i, 0)));
		json_object_object_add(h, "price", db_isnull(res, i, 1) ?
		    NULL : json_object_new_string(db_text(res, i, 1)));
		json_object_object_add(h, "shipping", db_isnull(res, i, 2) ?
		    NULL : json_object_new_string(db_text(res, i, 2)));
		json_object_object_add(h, "total", db_isnull(res, i, 3) ?
		    NULL : json_object_new_string(db_text(res, i, 3)));
		json_object_object_add(h, "currency", db_isnull(res, i, 4) ?
		    NULL : json_object_new_string(db_text(res, i, 4)));
		json_object_object_add(h, "bids", db_isnull(res, i, 5) ?
		    NULL : json_object_new_int(atoi(db_text(res, i, 5))));
		json_object_array_add(a, h);
	}
	PQclear(res);
	json_object_object_add(o, "history", a);
	if ((res = db_exec(req->db, &api_item_searches_q, item, uid)) != NULL) {
		a = json_object_new_array();
		for (i = 0; i < PQntuples(res); i++) {
			h = json_object_new_object();
			json_object_object_add(h, "id", json_object_new_int64(
			    strtoll(db_text(res, i, 0), NULL, 10)));
			json_object_object_add(h, "name",
			    json_object_new_string(db_text(res, i, 1)));
			json_object_array_add(a, h);
		}
		PQclear(res);
		json_object_object_add(o, "searches", a);
	}
	resp_json(req, 200, o);
	json_object_put(o);
}

/* GET /api/v1/search?q=...: a live search (SPEC section 3 parameters). */
static void
api_live(struct req *req)
{
	struct search_spec	 s;
	struct valid_errs	 errs;
	struct ebay_query	 q;
	struct ebay_page	 page;
	struct ebay_error	 err;
	struct json_object	*o, *items;
	struct buf		 key;
	PGresult		*res;
	char			 hash[SECRET_SHA256_HEX];
	size_t			 i;
	int			 status;

	search_spec_init(&s, req->cfg);
	valid_errs_init(&errs);
	if (!search_parse_form(&s, &req->query, &errs)) {
		api_invalid(req, &errs);
		goto done;
	}
	buf_init(&key, 0);
	buf_adds(&key, "web1?");
	search_spec_query(&s, true, &key);
	secret_sha256_hex(key.data, key.len, hash);
	buf_free(&key);
	if ((res = db_exec(req->db, &api_cache_get_q, hash)) != NULL &&
	    PQntuples(res) == 1 &&
	    (o = json_tokener_parse(db_text(res, 0, 0))) != NULL) {
		json_object_object_add(o, "fetched_at",
		    json_object_new_string(db_text(res, 0, 2)));
		json_object_object_add(o, "from_cache",
		    json_object_new_boolean(1));
		json_object_object_add(o, "problem", db_isnull(res, 0, 1) ?
		    NULL : json_object_new_string(db_text(res, 0, 1)));
		PQclear(res);
		resp_json(req, 200, o);
		json_object_put(o);
		goto done;
	}
	if (res != NULL)
		PQclear(res);
	if (api_client == NULL)
		api_client = ebay_client_new(req->cfg, req->db, "web");
	search_to_query(&s, &q);
	memset(&page, 0, sizeof page);
	memset(&err, 0, sizeof err);
	if (ebay_search(api_client, &q, &page, &err) != EBAY_OK) {
		status = err.code == EBAY_ERR_QUOTA ? 503 :
		    err.code == EBAY_ERR_REQUEST || err.code ==
		    EBAY_ERR_INVALID ? 400 : 502;
		ebay_page_free(&page);
		resp_error(req, status, NULL, ebay_strerror(err.code));
		goto done;
	}
	o = json_object_new_object();
	items = json_object_new_array();
	for (i = 0; i < page.nitems; i++)
		json_object_array_add(items, web_item_json(&page.items[i]));
	json_object_object_add(o, "items", items);
	json_object_object_add(o, "total", json_object_new_int64(page.total));
	json_object_object_add(o, "excluded",
	    json_object_new_int64((int64_t)page.excluded));
	json_object_object_add(o, "next",
	    json_object_new_boolean(page.next != NULL));
	if (!db_run(req->db, &api_cache_put_q, hash,
	    json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN),
	    page.problem))
		log_warn("api: the result could not be cached");
	json_object_object_add(o, "problem", page.problem != NULL ?
	    json_object_new_string(page.problem) : NULL);
	json_object_object_add(o, "from_cache", json_object_new_boolean(0));
	ebay_page_free(&page);
	resp_json(req, 200, o);
	json_object_put(o);
done:
	valid_errs_free(&errs);
	search_spec_free(&s);
}

static void
api_channels_list(struct req *req)
{
	struct transfer_channel	*v;
	struct json_object	*items;
	size_t			 n, i;
	int64_t			 total;
	int			 limit, offset;

	if (!api_page(req, &limit, &offset))
		return;
	if (transfer_channels_page(req->db, req->user_id, limit, offset, &v,
	    &n, &total) < 0) {
		resp_unavailable(req);
		return;
	}
	items = json_object_new_array();
	for (i = 0; i < n; i++)
		json_object_array_add(items, transfer_channel_to_json(&v[i],
		    true));
	transfer_channels_free(v, n);
	api_send_page(req, items, (long long)total, limit, offset, NULL);
}

static void
api_channel(struct req *req)
{
	struct transfer_channel	 c;
	struct json_object	*o;
	int64_t			 id;
	int			 rc;

	if (!api_id(req, 0, &id))
		return;
	if ((rc = transfer_channel_get(req->db, req->user_id, id, &c)) < 0) {
		resp_unavailable(req);
		return;
	}
	if (rc == 0) {
		resp_not_found(req);
		return;
	}
	o = transfer_channel_to_json(&c, true);
	resp_json(req, 200, o);
	json_object_put(o);
	transfer_channel_free(&c);
}

/* Load the OpenAPI document once (it is served as it is on disk). */
static bool
api_init(char **cause)
{
	const struct cfg	*cfg = cfg_get();
	struct json_object	*o;
	struct jparse_err	 err;
	struct buf		 b;
	char			*path, chunk[8192];
	size_t			 n;
	FILE			*f;

	xasprintf(&path, "%s/openapi.json", cfg->template_dir);
	if ((f = fopen(path, "r")) == NULL) {
		xasprintf(cause, "%s: cannot be read", path);
		free(path);
		return false;
	}
	buf_init(&b, 1024 * 1024);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	if (buf_failed(&b) || (o = jparse(buf_cstr(&b), b.len, &err)) ==
	    NULL) {
		xasprintf(cause, "%s: not a JSON document", path);
		buf_free(&b);
		free(path);
		return false;
	}
	json_object_put(o);
	free(path);
	api_openapi_len = b.len;
	api_openapi_doc = buf_detach(&b);
	return true;
}

static const struct route api_routes[] = {
	{ "/api/v1/openapi.json", METHOD_GET,
	    ROUTE_API | ROUTE_PUBLIC | ROUTE_NODB, api_openapi },
	{ "/api/v1/me", METHOD_GET, ROUTE_API, api_me },
	{ "/api/v1/searches", METHOD_GET, ROUTE_API, api_searches_list },
	{ "/api/v1/searches", METHOD_POST, ROUTE_API, api_searches_create },
	{ "/api/v1/searches/{id}", METHOD_GET, ROUTE_API, api_search_get },
	{ "/api/v1/searches/{id}", METHOD_PUT | METHOD_PATCH, ROUTE_API,
	    api_search_put },
	{ "/api/v1/searches/{id}", METHOD_DELETE, ROUTE_API,
	    api_search_delete },
	{ "/api/v1/searches/{id}/run", METHOD_POST, ROUTE_API,
	    api_search_run },
	{ "/api/v1/searches/{id}/finds", METHOD_GET, ROUTE_API,
	    api_search_finds },
	{ "/api/v1/search", METHOD_GET, ROUTE_API, api_live },
	{ "/api/v1/items/{item_id}", METHOD_GET, ROUTE_API, api_item },
	{ "/api/v1/channels", METHOD_GET, ROUTE_API, api_channels_list },
	{ "/api/v1/channels/{id}", METHOD_GET, ROUTE_API, api_channel },
	{ NULL, 0, 0, NULL }
};

const struct app cgi_app = {
	.name = "api",
	.routes = api_routes,
	.init = api_init,
};
