/*
 * GET /items/{item_id}: one listing as last seen, when one of this user's
 * searches found it (else 404, as for an id that does not exist), with
 * its price history (the price_history view) drawn as an SVG chart built on
 * the server from numbers only, the events of its life, and when it was
 * first seen, last seen and last fetched from eBay.
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
#include "tmpl.h"
#include "valid.h"
#include "web.h"
#include "xmalloc.h"

#define ITEMS_HISTORY_MAX	500
#define ITEMS_STALE_SECONDS	(6 * 3600)

DB_STMT(items_get_q, 2,
    "SELECT " WEB_LISTING_JSON("l") ","
    " " WEB_TS("l.first_seen_at") ", " WEB_AGE("l.first_seen_at") ","
    " " WEB_TS("l.last_seen_at") ", " WEB_AGE("l.last_seen_at") ","
    " " WEB_TS("l.fetched_at") ", " WEB_AGE("l.fetched_at") ","
    " " WEB_TS("l.ended_at") ", " WEB_AGE("l.ended_at") ", l.end_reason,"
    " l.category_name, l.relisted_from, l.marketplace,"
    " extract(epoch FROM l.last_seen_at)::bigint,"
    " coalesce(l.total_currency, l.price_currency)"
    " FROM listings l WHERE l.item_id = $1 AND EXISTS (SELECT 1"
    "   FROM search_hits h JOIN saved_searches s ON s.id = h.search_id"
    "   WHERE h.item_id = l.item_id AND s.user_id = $2)");
DB_STMT(items_searches_q, 2,
    "SELECT s.id, s.name FROM search_hits h"
    " JOIN saved_searches s ON s.id = h.search_id"
    " WHERE h.item_id = $1 AND s.user_id = $2 ORDER BY lower(s.name)");
DB_STMT(items_history_q, 2,
    "SELECT extract(epoch FROM observed_at)::bigint,"
    " " WEB_TS("observed_at") ", price::text, shipping::text, total::text,"
    " currency, bid_count FROM price_history WHERE item_id = $1"
    " ORDER BY observed_at, id LIMIT $2");
/*
 * The events: the listing's, and its hits in the user's searches (a hit
 * is the search's 'new', at its first sight, with the first price).
 */
DB_STMT(items_events_q, 2,
    "SELECT kind, " WEB_TS("at") ", " WEB_AGE("at") ", old_total::text,"
    " new_total::text, currency FROM ("
    " SELECT e.kind, e.created_at AS at, e.old_total, e.new_total,"
    "  e.currency, e.id FROM listing_events e WHERE e.item_id = $1"
    "  AND (e.search_id IS NULL OR e.search_id IN (SELECT id"
    "  FROM saved_searches WHERE user_id = $2))"
    " UNION ALL SELECT 'new', h.first_seen_at, NULL, p.total, p.currency,"
    "  NULL FROM search_hits h"
    "  JOIN saved_searches s ON s.id = h.search_id AND s.user_id = $2"
    "  LEFT JOIN LATERAL (SELECT total, currency FROM price_history"
    "  WHERE item_id = $1 ORDER BY observed_at, id LIMIT 1) p ON true"
    "  WHERE h.item_id = $1) e"
    " ORDER BY at DESC, id DESC NULLS LAST LIMIT 50");

/* One point of the history: when, and the total (or price) in cents. */
struct items_point {
	int64_t		 t;
	int64_t		 cents;
	char		 iso[32];
};

/* The chart's geometry. */
#define CH_W	640
#define CH_H	240
#define CH_X0	72
#define CH_X1	624
#define CH_Y0	16
#define CH_Y1	204

static double
items_x(int64_t t, int64_t t0, int64_t t1)
{
	return CH_X0 + (double)(t - t0) * (CH_X1 - CH_X0) / (double)(t1 - t0);
}

static double
items_y(int64_t v, int64_t v0, int64_t v1)
{
	return CH_Y1 - (double)(v - v0) * (CH_Y1 - CH_Y0) / (double)(v1 - v0);
}

/* Money for the chart's labels: digits and our own symbols only. */
static void
items_label(int64_t cents, const char *cur, char *out, size_t n)
{
	page_money(cents, money_currency_valid(cur) ? cur : NULL, out, n);
}

/*
 * The SVG of the history: a step line (a price holds until the next
 * observation) up to end_t, a dot per observation, horizontal grid lines
 * with amounts, the first and last dates.  Built from numbers and fixed
 * strings only, so it is set with tmpl_set_trusted_html.
 */
static void
items_chart(struct buf *b, const struct items_point *p, size_t n,
    int64_t end_t, const char *cur)
{
	int64_t		 t0, t1, v0, v1, lo, hi, pad, v;
	char		 lab[64];
	size_t		 i;
	int		 g;

	t0 = p[0].t;
	t1 = end_t > p[n - 1].t ? end_t : p[n - 1].t;
	if (t1 <= t0)
		t1 = t0 + 3600;
	lo = hi = p[0].cents;
	for (i = 1; i < n; i++) {
		if (p[i].cents < lo)
			lo = p[i].cents;
		if (p[i].cents > hi)
			hi = p[i].cents;
	}
	pad = (hi - lo) / 10;
	if (pad < 100)
		pad = hi > 1000 ? hi / 20 : 100;
	v0 = lo - pad < 0 ? 0 : lo - pad;
	v1 = hi + pad;
	buf_addf(b, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" "
	    "aria-label=\"Price history chart\" "
	    "xmlns=\"http://www.w3.org/2000/svg\">", CH_W, CH_H);
	for (g = 0; g <= 4; g++) {
		v = v0 + (v1 - v0) * g / 4;
		items_label(v, cur, lab, sizeof lab);
		buf_addf(b, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" "
		    "y1=\"%.1f\" y2=\"%.1f\"/>", CH_X0, CH_X1,
		    items_y(v, v0, v1), items_y(v, v0, v1));
		buf_addf(b, "<text class=\"ylab\" x=\"%d\" y=\"%.1f\">%s</text>",
		    CH_X0 - 6, items_y(v, v0, v1) + 4, lab);
	}
	buf_addf(b, "<path class=\"line\" d=\"M%.1f %.1f", items_x(p[0].t, t0,
	    t1), items_y(p[0].cents, v0, v1));
	for (i = 1; i < n; i++)
		buf_addf(b, " H%.1f V%.1f", items_x(p[i].t, t0, t1),
		    items_y(p[i].cents, v0, v1));
	buf_addf(b, " H%.1f\"/>", items_x(t1, t0, t1));
	for (i = 0; i < n; i++) {
		items_label(p[i].cents, cur, lab, sizeof lab);
		buf_addf(b, "<circle class=\"dot\" cx=\"%.1f\" cy=\"%.1f\" "
		    "r=\"4\"><title>%.10s %.5s UTC: %s</title></circle>",
		    items_x(p[i].t, t0, t1), items_y(p[i].cents, v0, v1),
		    p[i].iso, p[i].iso + 11, lab);
	}
	buf_addf(b, "<text class=\"xlab\" x=\"%d\" y=\"%d\">%.10s</text>",
	    CH_X0, CH_H - 12, p[0].iso);
	{
		time_t		 tt = (time_t)t1;
		struct tm	 tm;
		char		 d[16];

		gmtime_r(&tt, &tm);
		strftime(d, sizeof d, "%Y-%m-%d", &tm);
		buf_addf(b, "<text class=\"xlab end\" x=\"%d\" y=\"%d\">%s"
		    "</text>", CH_X1, CH_H - 12, d);
	}
	buf_adds(b, "</svg>");
}

static void
items_history(struct req *req, struct tmpl_dict *d, const char *id,
    int64_t end_t, const char *cur)
{
	struct items_point	*pts;
	struct tmpl_dict	*row;
	PGresult		*res;
	struct buf		 svg;
	char			 lim[16];
	const char		*c;
	size_t			 n = 0;
	int			 i, rows;
	int64_t			 v;

	snprintf(lim, sizeof lim, "%d", ITEMS_HISTORY_MAX);
	if ((res = db_exec(req->db, &items_history_q, id, lim)) == NULL)
		return;
	rows = PQntuples(res);
	pts = xcalloc(rows > 0 ? (size_t)rows : 1, sizeof *pts);
	for (i = 0; i < rows; i++) {
		row = tmpl_section(d, "HISTORY");
		tmpl_setf(row, "WHEN", "%.10s %.5s", db_text(res, i, 1),
		    db_text(res, i, 1) + 11);
		c = db_text(res, i, 5);
		if (!money_currency_valid(c))
			c = NULL;
		if (money_parse_cents(db_text(res, i, 2), &v))
			page_set_money(row, "PRICE", v, c);
		if (!db_isnull(res, i, 3) && money_parse_cents(db_text(res, i,
		    3), &v))
			page_set_money(row, "SHIPPING", v, c);
		else
			tmpl_set(row, "SHIPPING", "unknown");
		if (!db_isnull(res, i, 4) && money_parse_cents(db_text(res, i,
		    4), &v))
			page_set_money(row, "TOTAL", v, c);
		else
			tmpl_set(row, "TOTAL", "unknown");
		if (!db_isnull(res, i, 6))
			tmpl_set(row, "BIDS", db_text(res, i, 6));
		/* The chart plots the total, else the price. */
		if ((money_parse_cents(db_text(res, i, 4), &v) ||
		    money_parse_cents(db_text(res, i, 2), &v)) &&
		    db_int64(res, i, 0, &pts[n].t)) {
			pts[n].cents = v;
			snprintf(pts[n].iso, sizeof pts[n].iso, "%s",
			    db_text(res, i, 1));
			n++;
		}
	}
	PQclear(res);
	if (rows == 0)
		tmpl_show(d, "NO_HISTORY");
	if (n > 0) {
		buf_init(&svg, 0);
		items_chart(&svg, pts, n, end_t, cur);
		tmpl_set_trusted_html(d, "CHART_HTML", buf_cstr(&svg));
		buf_free(&svg);
		tmpl_setf(d, "CHANGES", "%zu", n > 0 ? n - 1 : 0);
	}
	free(pts);
}

static void
items_events(struct req *req, struct tmpl_dict *d, const char *id,
    const char *uid)
{
	struct tmpl_dict	*row;
	PGresult		*res;
	const char		*c;
	int64_t			 v, age;
	int			 i;

	if ((res = db_exec(req->db, &items_events_q, id, uid)) == NULL)
		return;
	for (i = 0; i < PQntuples(res); i++) {
		row = tmpl_section(d, "EVENTS");
		tmpl_set(row, "KIND", db_text(res, i, 0));
		tmpl_set(row, "LABEL", strcmp(db_text(res, i, 0),
		    "price_changed") == 0 ? "price changed" : db_text(res, i, 0));
		(void)db_int64(res, i, 2, &age);
		page_set_time(row, "WHEN", db_text(res, i, 1), age);
		c = db_text(res, i, 5);
		if (!money_currency_valid(c))
			c = NULL;
		if (!db_isnull(res, i, 3) && money_parse_cents(db_text(res, i,
		    3), &v))
			page_set_money(tmpl_section(row, "OLD"), "TOTAL", v, c);
		if (!db_isnull(res, i, 4) && money_parse_cents(db_text(res, i,
		    4), &v))
			page_set_money(tmpl_section(row, "NEW"), "TOTAL", v, c);
	}
	PQclear(res);
}

static void
items_get(struct req *req)
{
	struct json_object	*o;
	struct tmpl_dict	*d, *row;
	struct page		 p;
	PGresult		*res, *s;
	const char		*id = req_param(req, 0);
	char			 uid[24];
	int64_t			 age, last_t = 0;
	int			 i;

	if (!valid_item_id(id)) {
		resp_not_found(req);
		return;
	}
	snprintf(uid, sizeof uid, "%lld", (long long)req->user_id);
	if ((res = db_exec(req->db, &items_get_q, id, uid)) == NULL) {
		resp_unavailable(req);
		return;
	}
	if (PQntuples(res) != 1 ||
	    (o = json_tokener_parse(db_text(res, 0, 0))) == NULL) {
		PQclear(res);
		resp_not_found(req);
		return;
	}
	d = page_begin(&p, req, "Listing", "item.tpl");
	web_listing(d, req, o, time(NULL));
	json_object_put(o);
	(void)db_int64(res, 0, 2, &age);
	page_set_time(d, "FIRST_SEEN", db_text(res, 0, 1), age);
	(void)db_int64(res, 0, 4, &age);
	page_set_time(d, "LAST_SEEN", db_text(res, 0, 3), age);
	(void)db_int64(res, 0, 6, &age);
	page_set_time(d, "FETCHED", db_text(res, 0, 5), age);
	if (age > ITEMS_STALE_SECONDS)
		tmpl_show(d, "STALE");
	if (!db_isnull(res, 0, 7)) {
		row = tmpl_section(d, "ENDED");
		(void)db_int64(res, 0, 8, &age);
		page_set_time(row, "AT", db_text(res, 0, 7), age);
		tmpl_set(row, "REASON", db_isnull(res, 0, 9) ? "" :
		    strcmp(db_text(res, 0, 9), "gone") == 0 ?
		    "no longer in eBay's results" : "its end time passed");
	}
	tmpl_set(d, "CATEGORY", db_text(res, 0, 10));
	if (!db_isnull(res, 0, 11))
		tmpl_set(tmpl_section(d, "RELISTED_FROM"), "ID",
		    db_text(res, 0, 11));
	tmpl_set(d, "MARKETPLACE", db_text(res, 0, 12));
	(void)db_int64(res, 0, 13, &last_t);
	if (db_isnull(res, 0, 7) && time(NULL) > last_t)
		last_t = (int64_t)time(NULL);
	items_history(req, d, id, last_t, db_text(res, 0, 14));
	PQclear(res);
	if ((s = db_exec(req->db, &items_searches_q, id, uid)) != NULL) {
		for (i = 0; i < PQntuples(s); i++) {
			row = tmpl_section(d, "SEARCHES");
			tmpl_set(row, "ID", db_text(s, i, 0));
			tmpl_set(row, "NAME", db_text(s, i, 1));
		}
		PQclear(s);
	}
	items_events(req, d, id, uid);
	page_send(&p, 200);
}

static const struct route items_routes[] = {
	{ "/items/{item_id}", METHOD_GET, 0, items_get },
	{ NULL, 0, 0, NULL }
};

const struct app cgi_app = {
	.name = "items",
	.routes = items_routes,
};
