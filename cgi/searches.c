/*
 * Saved searches: GET /searches (the list), POST /searches (save one),
 * GET /searches/{id} (its finds newest first, marked new / price changed /
 * ended, its status, last runs and error, and the edit form), POST
 * /searches/{id} (edit), POST /searches/{id}/delete, POST
 * /searches/{id}/run (scan soon).  Everything goes through db-search.c
 * with the signed-in user's id: another user's search is a 404.
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
#include "log.h"
#include "money.h"
#include "page.h"
#include "search.h"
#include "tmpl.h"
#include "valid.h"
#include "web.h"
#include "xmalloc.h"

/* What a failed database call says (resp_db_failed). */
#define SEARCHES_FAILED	"The search could not be loaded or stored."

#define SEARCHES_FINDS_MAX	100
#define SEARCHES_RUNS_MAX	10

DB_STMT(searches_finds_q, 3,
    "SELECT " WEB_LISTING_JSON("l") ", " WEB_AGE("h.first_seen_at") ","
    " h.silent, l.ended_at IS NOT NULL, l.relisted_from IS NOT NULL,"
    " (SELECT e.old_total::text || ' ' || coalesce(e.currency, '')"
    "   FROM listing_events e"
    "   WHERE e.item_id = h.item_id AND e.kind = 'price_changed'"
    "   AND (e.search_id = h.search_id OR e.search_id IS NULL)"
    "   AND e.created_at > now() - interval '7 days'"
    "   ORDER BY e.created_at DESC LIMIT 1),"
    " count(*) OVER ()"
    " FROM search_hits h JOIN saved_searches s ON s.id = h.search_id"
    " JOIN listings l ON l.item_id = h.item_id"
    " WHERE h.search_id = $1 AND s.user_id = $2"
    " ORDER BY h.first_seen_at DESC, h.item_id LIMIT $3");
DB_STMT(searches_runs_q, 3,
    "SELECT r.status, " WEB_TS("r.started_at") ", " WEB_AGE("r.started_at")
    ", extract(epoch FROM r.finished_at - r.started_at)::bigint, r.calls,"
    " r.items_seen, r.items_new, r.price_changes, r.ended, r.error"
    " FROM scan_runs r JOIN saved_searches s ON s.id = r.search_id"
    " WHERE r.search_id = $1 AND s.user_id = $2"
    " ORDER BY r.started_at DESC, r.id DESC LIMIT $3");
static bool
searches_id(struct req *req, int64_t *id)
{
	if (valid_id(req_param(req, 0), id))
		return true;
	resp_not_found(req);
	return false;
}

/* The whole form: the search's fields and the saved-search part. */
static void
searches_form(struct tmpl_dict *d, struct req *req,
    const struct saved_search *ss, const struct valid_errs *errs)
{
	struct tmpl_dict	*f;

	f = tmpl_include(d, "SEARCH_FORM", "searchform.tpl");
	web_search_form(f, &ss->spec);
	tmpl_show(f, "FILTERS_OPEN");
	if (errs != NULL)
		web_search_refill(f, &req->form, errs);
	f = tmpl_include(d, "SAVED_FORM", "savedform.tpl");
	web_saved_form(f, req, ss);
	if (errs != NULL) {
		page_errors(f, errs);
		page_errors(d, errs);
	}
}

/* --- GET /searches -------------------------------------------------- */

static void
searches_list(struct req *req)
{
	struct saved_search	*v;
	struct tmpl_dict	*d;
	struct page		 p;
	size_t			 n, i;

	if (db_search_list(req->db, req->user_id, &v, &n) < 0) {
		resp_db_failed(req, SEARCHES_FAILED);
		return;
	}
	d = page_begin(&p, req, "Saved searches", "searches.tpl");
	if (n == 0)
		tmpl_show(d, "NO_SEARCHES");
	for (i = 0; i < n; i++)
		web_search_row(tmpl_section(d, "SEARCHES"), &v[i]);
	db_search_list_free(v, n);
	page_send(&p, 200);
}

/* --- POST /searches ------------------------------------------------- */

static void
searches_create(struct req *req)
{
	struct saved_search	 ss;
	struct valid_errs	 errs;
	struct page		 p;
	struct tmpl_dict	*d;
	char			 loc[64];

	saved_search_init(&ss, req->cfg);
	valid_errs_init(&errs);
	if (!saved_search_parse_form(&ss, &req->form, &errs)) {
		d = page_begin(&p, req, "Save a search", "searchnew.tpl");
		tmpl_show(d, "CREATING");
		searches_form(d, req, &ss, &errs);
		page_send(&p, 400);
		goto done;
	}
	if (db_search_insert(req->db, req->user_id, &ss) != 1) {
		if (db_error(req->db) == DB_ERR_CHECK) {
			valid_errs_addf(&errs, "form", "has a value the "
			    "database refused");
			d = page_begin(&p, req, "Save a search",
			    "searchnew.tpl");
			tmpl_show(d, "CREATING");
			searches_form(d, req, &ss, &errs);
			page_send(&p, 400);
		} else
			resp_db_failed(req, SEARCHES_FAILED);
		goto done;
	}
	log_info("search %lld saved", (long long)ss.id);
	snprintf(loc, sizeof loc, "/searches/%lld", (long long)ss.id);
	page_flash_redirect(req, loc, ss.notify_existing ? "Saved. The first "
	    "scan runs within a minute or two, and alerts about what it "
	    "finds." : "Saved. The first scan runs within a minute or two "
	    "and records what is listed now; you are alerted about what "
	    "comes after.");
done:
	saved_search_free(&ss);
	valid_errs_free(&errs);
}

/* --- GET /searches/{id} ------------------------------------------- */

/* "135.50 USD" (old total, currency) into the MARK_PRICE section. */
static void
searches_old_total(struct tmpl_dict *row, const char *text)
{
	char	 amount[40];
	int64_t	 old;
	size_t	 n;

	n = strcspn(text, " ");
	if (n >= sizeof amount)
		return;
	memcpy(amount, text, n);
	amount[n] = '\0';
	if (!money_parse_cents(amount, &old))
		return;
	row = tmpl_section(row, "MARK_PRICE");
	page_set_money(row, "OLD_TOTAL", old, text[n] == ' ' &&
	    money_currency_valid(text + n + 1) ? text + n + 1 : NULL);
}

static void
searches_finds(struct req *req, struct tmpl_dict *d, int64_t id)
{
	struct json_object	*o;
	struct tmpl_dict	*row;
	PGresult		*res;
	char			 sid[24], uid[24], lim[16], ago[64];
	int64_t			 age, count = 0;
	bool			 b, silent, ended;
	int			 i, n;
	time_t			 now = time(NULL);

	snprintf(sid, sizeof sid, "%lld", (long long)id);
	snprintf(uid, sizeof uid, "%lld", (long long)req->user_id);
	snprintf(lim, sizeof lim, "%d", SEARCHES_FINDS_MAX);
	if ((res = db_exec(req->db, &searches_finds_q, sid, uid, lim)) ==
	    NULL)
		return;
	n = PQntuples(res);
	for (i = 0; i < n; i++) {
		if ((o = json_tokener_parse(db_text(res, i, 0))) == NULL)
			continue;
		row = tmpl_section(d, "FINDS");
		web_listing(row, req, o, now);
		json_object_put(o);
		silent = db_bool(res, i, 2, &b) && b;
		ended = db_bool(res, i, 3, &b) && b;
		if (db_int64(res, i, 1, &age)) {
			page_ago(age, ago, sizeof ago);
			tmpl_set(row, "FOUND_AGO", ago);
			if (age < 86400 && !silent && !ended)
				tmpl_show(row, "MARK_NEW");
		}
		if (ended) {
			tmpl_show(row, "MARK_ENDED");
			tmpl_show(row, "HAS_END");
			tmpl_set(row, "TIME_LEFT", "ended");
		}
		if (db_bool(res, i, 4, &b) && b)
			tmpl_show(row, "MARK_RELISTED");
		if (!db_isnull(res, i, 5))
			searches_old_total(row, db_text(res, i, 5));
		if (i == 0)
			(void)db_int64(res, i, 6, &count);
	}
	if (n == 0)
		tmpl_show(d, "NO_FINDS");
	else {
		tmpl_setf(d, "FINDS_COUNT", "%lld", (long long)count);
		if (count > n)
			tmpl_setf(tmpl_section(d, "FINDS_MORE"), "SHOWN",
			    "%d", n);
	}
	PQclear(res);
}

static void
searches_runs(struct req *req, struct tmpl_dict *d, int64_t id)
{
	struct tmpl_dict	*row;
	PGresult		*res;
	char			 sid[24], uid[24], lim[16];
	int64_t			 age, secs;
	int			 i;

	snprintf(sid, sizeof sid, "%lld", (long long)id);
	snprintf(uid, sizeof uid, "%lld", (long long)req->user_id);
	snprintf(lim, sizeof lim, "%d", SEARCHES_RUNS_MAX);
	if ((res = db_exec(req->db, &searches_runs_q, sid, uid, lim)) == NULL)
		return;
	for (i = 0; i < PQntuples(res); i++) {
		row = tmpl_section(d, "RUNS");
		tmpl_set(row, "STATUS", db_text(res, i, 0));
		(void)db_int64(res, i, 2, &age);
		page_set_time(row, "STARTED", db_text(res, i, 1), age);
		if (db_int64(res, i, 3, &secs))
			tmpl_setf(row, "TOOK", "%llds", (long long)secs);
		else
			tmpl_set(row, "TOOK", "running");
		tmpl_set(row, "CALLS", db_text(res, i, 4));
		tmpl_set(row, "SEEN", db_text(res, i, 5));
		tmpl_set(row, "NEW", db_text(res, i, 6));
		tmpl_set(row, "CHANGED", db_text(res, i, 7));
		tmpl_set(row, "ENDED", db_text(res, i, 8));
		if (!db_isnull(res, i, 9))
			tmpl_set(tmpl_section(row, "ERROR"), "TEXT",
			    db_text(res, i, 9));
	}
	tmpl_show(d, PQntuples(res) == 0 ? "NO_RUNS" : "HAS_RUNS");
	PQclear(res);
}

/* Status, next and last run, last error, cost. */
static void
searches_state(struct req *req, struct tmpl_dict *d,
    const struct saved_search *ss)
{
	char		 t[64];
	int		 eff;

	tmpl_set(d, "STATUS", ss->enabled ? ss->status : "disabled");
	if (ss->last_error != NULL)
		tmpl_set(tmpl_section(d, "LAST_ERROR"), "TEXT", ss->last_error);
	eff = ss->effective_interval_minutes > 0 ?
	    ss->effective_interval_minutes : ss->interval_minutes;
	tmpl_setf(d, "INTERVAL", "%d", ss->interval_minutes);
	tmpl_setf(d, "EFFECTIVE", "%d", eff);
	if (eff != ss->interval_minutes)
		tmpl_show(d, "STRETCHED");
	tmpl_setf(d, "CALLS", "%ld", search_calls_per_day(eff));
	tmpl_setf(d, "LIMIT", "%ld", req->cfg->ebay_daily_call_limit);
	if (!ss->enabled)
		tmpl_set(d, "NEXT_RUN", "never: scanning is off");
	else if (ss->next_run_in <= 0)
		tmpl_set(d, "NEXT_RUN", "due now");
	else {
		page_duration(ss->next_run_in, t, sizeof t);
		tmpl_setf(d, "NEXT_RUN", "in %s", t);
	}
	if (ss->last_run_at != NULL && ss->last_run_age >= 0)
		page_set_time(tmpl_section(d, "LAST_RUN"), "AT",
		    ss->last_run_at, ss->last_run_age);
	else
		tmpl_show(d, "NEVER_RUN");
}

static void
searches_show(struct req *req)
{
	struct saved_search	 ss;
	struct page		 p;
	struct tmpl_dict	*d;
	int64_t			 id;
	int			 rc;

	if (!searches_id(req, &id))
		return;
	if ((rc = db_search_get(req->db, req->user_id, id, &ss)) <= 0) {
		saved_search_free(&ss);
		if (rc == 0)
			resp_not_found(req);
		else
			resp_db_failed(req, SEARCHES_FAILED);
		return;
	}
	d = page_begin(&p, req, ss.name, "searchshow.tpl");
	tmpl_setf(d, "ID", "%lld", (long long)id);
	tmpl_set(d, "NAME", ss.name);
	web_spec_summary(d, "SUMMARY", &ss.spec);
	{
		struct buf	 q;

		buf_init(&q, 0);
		buf_adds(&q, "/search?");
		search_spec_query(&ss.spec, false, &q);
		tmpl_set(d, "LIVE_HREF", buf_cstr(&q));
		buf_free(&q);
	}
	searches_state(req, d, &ss);
	searches_finds(req, d, id);
	searches_runs(req, d, id);
	searches_form(d, req, &ss, NULL);
	page_send(&p, 200);
	saved_search_free(&ss);
}

/* --- POST /searches/{id}, /delete, /run ------------------------------ */

static void
searches_edit(struct req *req)
{
	struct saved_search	 ss;
	struct valid_errs	 errs;
	struct page		 p;
	struct tmpl_dict	*d;
	char			 loc[64];
	int64_t			 id;
	int			 rc;

	if (!searches_id(req, &id))
		return;
	valid_errs_init(&errs);
	if ((rc = db_search_get(req->db, req->user_id, id, &ss)) <= 0) {
		if (rc == 0)
			resp_not_found(req);
		else
			resp_db_failed(req, SEARCHES_FAILED);
		goto done;
	}
	/* The form says everything: start from the defaults, keep the id. */
	search_spec_free(&ss.spec);
	search_spec_init(&ss.spec, req->cfg);
	ss.spec.sort = SEARCH_SORT_NEWLY_LISTED;
	if (!saved_search_parse_form(&ss, &req->form, &errs)) {
		d = page_begin(&p, req, "Edit a search", "searchnew.tpl");
		tmpl_setf(d, "ID", "%lld", (long long)id);
		tmpl_show(d, "EDITING");
		searches_form(d, req, &ss, &errs);
		page_send(&p, 400);
		goto done;
	}
	if ((rc = db_search_update(req->db, req->user_id, &ss)) != 1) {
		if (rc == 0)
			resp_not_found(req);
		else
			resp_db_failed(req, SEARCHES_FAILED);
		goto done;
	}
	snprintf(loc, sizeof loc, "/searches/%lld", (long long)id);
	page_flash_redirect(req, loc, "Changes saved.");
done:
	saved_search_free(&ss);
	valid_errs_free(&errs);
}

static void
searches_delete(struct req *req)
{
	int64_t	 id;
	int	 rc;

	if (!searches_id(req, &id))
		return;
	if ((rc = db_search_delete(req->db, req->user_id, id)) == 1)
		page_flash_redirect(req, "/searches", "The search was deleted, "
		    "with its finds and history.");
	else if (rc == 0)
		resp_not_found(req);
	else
		resp_db_failed(req, SEARCHES_FAILED);
}

static void
searches_run(struct req *req)
{
	char	 loc[64];
	int64_t	 id;
	int	 rc;

	if (!searches_id(req, &id))
		return;
	if ((rc = db_search_run_soon(req->db, req->user_id, id)) == 1) {
		snprintf(loc, sizeof loc, "/searches/%lld", (long long)id);
		page_flash_redirect(req, loc, "This search will be scanned "
		    "on the next pass of the scanner, within a minute or "
		    "two.");
	} else if (rc == 0)
		resp_not_found(req);
	else
		resp_db_failed(req, SEARCHES_FAILED);
}

static const struct route searches_routes[] = {
	{ "/searches", METHOD_GET, 0, searches_list },
	{ "/searches", METHOD_POST, 0, searches_create },
	{ "/searches/{id}", METHOD_GET, 0, searches_show },
	{ "/searches/{id}", METHOD_POST, 0, searches_edit },
	{ "/searches/{id}/delete", METHOD_POST, 0, searches_delete },
	{ "/searches/{id}/run", METHOD_POST, 0, searches_run },
	{ NULL, 0, 0, NULL }
};

const struct app cgi_app = {
	.name = "searches",
	.routes = searches_routes,
};
