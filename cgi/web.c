/*
 * Shared web pieces (see web.h).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "buf.h"
#include "cfg.h"
#include "cgi.h"
#include "jsonv.h"
#include "db.h"
#include "ebay.h"
#include "form.h"
#include "money.h"
#include "page.h"
#include "search.h"
#include "tmpl.h"
#include "valid.h"
#include "web.h"

static const char *const web_marketplaces[] = {
	"EBAY_US", "EBAY_GB", "EBAY_DE", "EBAY_AU", "EBAY_CA", "EBAY_FR",
	"EBAY_IT", "EBAY_ES", "EBAY_AT", "EBAY_CH", "EBAY_IE", "EBAY_NL",
	"EBAY_BE", "EBAY_PL",
};
static const int web_per_page[] = { 25, 50, 100, 200 };
static const int web_intervals[] = { 5, 10, 15, 30, 60, 120, 360, 720, 1440 };

DB_STMT(web_channels_q, 1,
    "SELECT id, name, kind FROM channels WHERE user_id = $1"
    " ORDER BY lower(name), id");

/*
 * The search form's fields (searchform.tpl, inside the caller's <form>),
 * refilled from s.  The live search shows its Search button
 * (SEARCH_BUTTON); the saved-search form does not.
 */
void
web_search_form(struct tmpl_dict *d, const struct search_spec *s)
{
	char		 m[MONEY_STR_MAX], v[16];
	struct buf	 w;
	size_t		 i;
	bool		 found;

	tmpl_set(d, "Q", s->q);
	tmpl_set(d, "CATEGORY", s->category);
	if (s->has_min_price)
		tmpl_set(d, "MIN_PRICE", search_cents_str(s->min_price, m));
	if (s->has_max_price)
		tmpl_set(d, "MAX_PRICE", search_cents_str(s->max_price, m));
	tmpl_set(d, "CURRENCY", s->currency);
	tmpl_set(d, "LOCATED_IN", s->located_in);
	page_choices(d, "CONDITIONS", search_condition_names,
	    search_condition_labels, SEARCH_COND__MAX, s->conditions);
	page_choices(d, "FORMATS", search_format_names, search_format_labels,
	    SEARCH_FORMAT__MAX, s->formats != 0 ? s->formats :
	    (1u << SEARCH_FORMAT_BUY_IT_NOW | 1u << SEARCH_FORMAT_AUCTION));
	page_choices(d, "SORTS", search_sort_names, search_sort_labels,
	    SEARCH_SORT__MAX, 1u << s->sort);
	found = false;
	for (i = 0; i < sizeof web_marketplaces / sizeof web_marketplaces[0];
	    i++) {
		page_choice(d, "MARKETPLACES", web_marketplaces[i],
		    web_marketplaces[i], strcmp(s->marketplace,
		    web_marketplaces[i]) == 0);
		found |= strcmp(s->marketplace, web_marketplaces[i]) == 0;
	}
	if (!found)
		page_choice(d, "MARKETPLACES", s->marketplace, s->marketplace,
		    true);
	found = false;
	for (i = 0; i < sizeof web_per_page / sizeof web_per_page[0]; i++) {
		snprintf(v, sizeof v, "%d", web_per_page[i]);
		page_choice(d, "PER_PAGES", v, v, s->per_page ==
		    web_per_page[i]);
		found |= s->per_page == web_per_page[i];
	}
	if (!found) {
		snprintf(v, sizeof v, "%d", s->per_page);
		page_choice(d, "PER_PAGES", v, v, true);
	}
	if (s->free_shipping)
		tmpl_show(d, "FREE_SHIPPING");
	buf_init(&w, 0);
	for (i = 0; i < s->nexclude; i++)
		buf_addf(&w, "%s%s", i > 0 ? " " : "", s->exclude[i]);
	tmpl_set(d, "EXCLUDE", buf_cstr(&w));
	buf_reset(&w);
	for (i = 0; i < s->nseller_exclude; i++)
		buf_addf(&w, "%s%s", i > 0 ? " " : "", s->seller_exclude[i]);
	tmpl_set(d, "SELLER_EXCLUDE", buf_cstr(&w));
	buf_free(&w);
	if (s->has_min_price || s->has_max_price || s->currency[0] != '\0' ||
	    s->conditions != 0 || !search_spec_is_default_formats(s) ||
	    s->nexclude > 0 || s->nseller_exclude > 0 ||
	    s->located_in[0] != '\0' || s->free_shipping ||
	    s->category != NULL)
		tmpl_show(d, "FILTERS_OPEN");
}

/*
 * After errors: name them beside their fields, and put back what was
 * typed into the text fields found wrong (the spec kept its defaults).
 */
void
web_search_refill(struct tmpl_dict *f, const struct form *form,
    const struct valid_errs *errs)
{
	static const char *const raw[] = { "q", "category", "min_price",
	    "max_price", "currency", "located_in", "exclude",
	    "seller_exclude" };
	char	 up[32];
	size_t	 i;

	page_errors(f, errs);
	for (i = 0; i < sizeof raw / sizeof raw[0]; i++)
		if (valid_errs_get(errs, raw[i]) != NULL)
			tmpl_set(f, page_upper(raw[i], up, sizeof up),
			    form_get(form, raw[i]));
	tmpl_show(f, "FILTERS_OPEN");
}

/* The spec as hidden fields (section SPEC_FIELDS: KEY, VALUE). */
void
web_spec_hidden(struct tmpl_dict *d, const struct search_spec *s)
{
	struct tmpl_dict	*row;
	struct buf		 q;
	struct form		 f;
	size_t			 i;

	buf_init(&q, 0);
	search_spec_query(s, false, &q);
	form_init(&f);
	form_parse(&f, buf_cstr(&q), q.len, '&');
	for (i = 0; i < f.n; i++) {
		if (strcmp(f.pairs[i].key, "per_page") == 0)
			continue;
		row = tmpl_section(d, "SPEC_FIELDS");
		tmpl_set(row, "KEY", f.pairs[i].key);
		tmpl_set(row, "VALUE", f.pairs[i].val);
	}
	form_free(&f);
	buf_free(&q);
}

/*
 * One saved search as a row of the start page and of /searches: ID NAME
 * SUMMARY STATUS FINDS INTERVAL CALLS (a day), sections NEW (COUNT, new
 * in 24 h, when there are any), STRETCHED (EFFECTIVE, the interval the
 * daily budget set) and ERROR (TEXT, while the status is not ok).
 */
void
web_search_row(struct tmpl_dict *row, const struct saved_search *ss)
{
	int	 every;

	every = ss->effective_interval_minutes > 0 ?
	    ss->effective_interval_minutes : ss->interval_minutes;
	tmpl_setf(row, "ID", "%lld", (long long)ss->id);
	tmpl_set(row, "NAME", ss->name);
	web_spec_summary(row, "SUMMARY", &ss->spec);
	tmpl_set(row, "STATUS", ss->enabled ? ss->status : "disabled");
	tmpl_setf(row, "FINDS", "%lld", ss->finds);
	if (ss->finds_new > 0)
		tmpl_setf(tmpl_section(row, "NEW"), "COUNT", "%lld",
		    ss->finds_new);
	tmpl_setf(row, "INTERVAL", "%d", ss->interval_minutes);
	tmpl_setf(row, "CALLS", "%ld", search_calls_per_day(every));
	if (every != ss->interval_minutes)
		tmpl_setf(tmpl_section(row, "STRETCHED"), "EFFECTIVE", "%d",
		    every);
	if (ss->last_error != NULL && strcmp(ss->status, "ok") != 0)
		tmpl_set(tmpl_section(row, "ERROR"), "TEXT", ss->last_error);
}

/* "thinkpad x220 · used, parts · under $200 · US" into key. */
void
web_spec_summary(struct tmpl_dict *d, const char *key,
    const struct search_spec *s)
{
	struct buf	 b;
	char		 m[64];
	size_t		 i;
	const char	*cur;

	buf_init(&b, 0);
	cur = s->currency[0] != '\0' ? s->currency :
	    ebay_marketplace_currency(s->marketplace);
	if (s->q != NULL)
		buf_addf(&b, "\"%s\"", s->q);
	if (s->category != NULL)
		buf_addf(&b, "%scategory %s", b.len ? " · " : "", s->category);
	if (s->conditions != 0) {
		buf_adds(&b, " ·");
		for (i = 0; i < SEARCH_COND__MAX; i++)
			if (s->conditions & (1u << i))
				buf_addf(&b, " %s", search_condition_labels[i]);
	}
	if (!search_spec_is_default_formats(s)) {
		buf_adds(&b, " ·");
		for (i = 0; i < SEARCH_FORMAT__MAX; i++)
			if (s->formats & (1u << i))
				buf_addf(&b, " %s", search_format_labels[i]);
	}
	if (s->has_min_price) {
		page_money(s->min_price, cur, m, sizeof m);
		buf_addf(&b, " · from %s", m);
	}
	if (s->has_max_price) {
		page_money(s->max_price, cur, m, sizeof m);
		buf_addf(&b, " · up to %s", m);
	}
	if (s->located_in[0] != '\0')
		buf_addf(&b, " · in %s", s->located_in);
	if (s->free_shipping)
		buf_adds(&b, " · free shipping");
	if (s->nexclude > 0)
		buf_addf(&b, " · without %zu word%s", s->nexclude,
		    s->nexclude == 1 ? "" : "s");
	if (s->nseller_exclude > 0)
		buf_addf(&b, " · %zu seller%s excluded", s->nseller_exclude,
		    s->nseller_exclude == 1 ? "" : "s");
	buf_addf(&b, " · %s", s->marketplace);
	tmpl_set(d, key, buf_cstr(&b));
	buf_free(&b);
}

static void
web_money_field(struct tmpl_dict *d, const char *key, bool has, int64_t v)
{
	char	 m[MONEY_STR_MAX];

	if (has)
		tmpl_set(d, key, search_cents_str(v, m));
}

/*
 * The saved-search part of a form: name, interval (with the daily cost),
 * flags, channels and alert rules, refilled from ss.
 */
void
web_saved_form(struct tmpl_dict *d, struct req *req,
    const struct saved_search *ss)
{
	const struct alert_rule	*r;
	struct tmpl_dict	*row;
	PGresult		*res;
	char			 v[32], uid[24];
	size_t			 i, k;
	long			 calls, limit;
	int64_t			 cid;
	bool			 found = false;

	tmpl_set(d, "NAME", ss->name != NULL ? ss->name : ss->spec.q);
	for (i = 0; i < sizeof web_intervals / sizeof web_intervals[0]; i++) {
		int m = web_intervals[i];

		snprintf(v, sizeof v, "%d", m);
		row = tmpl_section(d, "INTERVALS");
		tmpl_set(row, "VALUE", v);
		if (m < 60)
			tmpl_setf(row, "LABEL", "every %d minutes", m);
		else if (m == 60)
			tmpl_set(row, "LABEL", "every hour");
		else if (m < 1440)
			tmpl_setf(row, "LABEL", "every %d hours", m / 60);
		else
			tmpl_set(row, "LABEL", "once a day");
		calls = search_calls_per_day(m);
		tmpl_setf(row, "COST", "%ld calls/day", calls);
		if (m == ss->interval_minutes) {
			tmpl_show(row, "ON");
			found = true;
		}
	}
	if (!found) {
		row = tmpl_section(d, "INTERVALS");
		tmpl_setf(row, "VALUE", "%d", ss->interval_minutes);
		tmpl_setf(row, "LABEL", "every %d minutes",
		    ss->interval_minutes);
		tmpl_setf(row, "COST", "%ld calls/day",
		    search_calls_per_day(ss->interval_minutes));
		tmpl_show(row, "ON");
	}
	limit = req->cfg->ebay_daily_call_limit;
	calls = search_calls_per_day(ss->interval_minutes);
	tmpl_setf(d, "COST_CALLS", "%ld", calls);
	tmpl_setf(d, "COST_LIMIT", "%ld", limit);
	tmpl_setf(d, "COST_PCT", "%.1f", limit > 0 ? 100.0 * (double)calls /
	    (double)limit : 0.0);
	tmpl_setf(d, "WORKER_LIMIT", "%ld", limit - req->cfg->ebay_web_reserve);
	if (ss->effective_interval_minutes > 0 &&
	    ss->effective_interval_minutes != ss->interval_minutes) {
		row = tmpl_section(d, "STRETCHED");
		tmpl_setf(row, "EFFECTIVE", "%d",
		    ss->effective_interval_minutes);
		tmpl_setf(row, "EFFECTIVE_CALLS", "%ld",
		    search_calls_per_day(ss->effective_interval_minutes));
	}
	if (ss->enabled)
		tmpl_show(d, "ENABLED");
	if (ss->notify_existing)
		tmpl_show(d, "NOTIFY_EXISTING");

	/* Channels: the user's, ticked when linked. */
	snprintf(uid, sizeof uid, "%lld", (long long)req->user_id);
	if ((res = db_exec(req->db, &web_channels_q, uid)) != NULL) {
		for (i = 0; i < (size_t)PQntuples(res); i++) {
			if (!db_int64(res, (int)i, 0, &cid))
				continue;
			row = tmpl_section(d, "CHANNELS");
			tmpl_setf(row, "VALUE", "%lld", (long long)cid);
			tmpl_set(row, "LABEL", db_text(res, (int)i, 1));
			tmpl_set(row, "KIND", db_text(res, (int)i, 2));
			for (k = 0; k < ss->nchannels; k++)
				if (ss->channels[k] == cid)
					tmpl_show(row, "ON");
		}
		if (PQntuples(res) == 0)
			tmpl_show(d, "NO_CHANNELS");
		PQclear(res);
	}

	/* Alert rules: one per kind in the form; defaults when absent. */
	tmpl_set(d, "ALERT_PRICE_HYSTERESIS", "2");
	tmpl_set(d, "ALERT_ENDING_WINDOW", "60");
	for (i = 0; i < ss->nrules; i++) {
		r = &ss->rules[i];
		switch (r->kind) {
		case ALERT_NEW_MATCH:
			tmpl_show(d, "ALERT_NEW");
			web_money_field(d, "ALERT_NEW_MAX_TOTAL",
			    r->has_max_total, r->max_total);
			break;
		case ALERT_PRICE_RANGE:
			tmpl_show(d, "ALERT_PRICE");
			web_money_field(d, "ALERT_PRICE_MIN", r->has_range_min,
			    r->range_min);
			web_money_field(d, "ALERT_PRICE_MAX", r->has_range_max,
			    r->range_max);
			tmpl_set(d, "ALERT_PRICE_HYSTERESIS",
			    search_cents_str(r->hysteresis, v));
			break;
		case ALERT_AUCTION_ENDING:
			tmpl_show(d, "ALERT_ENDING");
			tmpl_setf(d, "ALERT_ENDING_WINDOW", "%d",
			    r->window_minutes);
			if (r->max_bids >= 0)
				tmpl_setf(d, "ALERT_ENDING_MAX_BIDS", "%d",
				    r->max_bids);
			web_money_field(d, "ALERT_ENDING_MAX_TOTAL",
			    r->has_max_total, r->max_total);
			break;
		default:
			break;
		}
	}
	{
		enum alert_direction dir = ALERT_DIR_DOWN;
		static const char *const labels[ALERT_DIR__MAX] = {
			"falls into the range", "rises into the range",
			"enters the range either way"
		};

		for (i = 0; i < ss->nrules; i++)
			if (ss->rules[i].kind == ALERT_PRICE_RANGE)
				dir = ss->rules[i].direction;
		page_choices(d, "DIRECTIONS", alert_direction_names, labels,
		    ALERT_DIR__MAX, 1u << dir);
	}
}

/* --- listings -------------------------------------------------------- */

static void
web_json_str(struct json_object *o, const char *key, const char *v)
{
	if (v != NULL)
		json_object_object_add(o, key, json_object_new_string(v));
}

static void
web_json_money(struct json_object *o, const char *key, const char *curkey,
    const struct money *m)
{
	char	 s[MONEY_STR_MAX];

	if (!m->known)
		return;
	json_object_object_add(o, key, json_object_new_string(
	    money_format(m, s, sizeof s)));
	web_json_str(o, curkey, m->currency);
}

/* One eBay listing as the JSON of web.h (the cache keeps it so). */
struct json_object *
web_item_json(const struct ebay_item *it)
{
	struct json_object	*o, *b;
	int			 i;

	o = json_object_new_object();
	web_json_str(o, "item_id", it->item_id);
	web_json_str(o, "title", it->title);
	web_json_str(o, "url", it->web_url);
	web_json_str(o, "aff_url", it->affiliate_web_url);
	web_json_str(o, "image", it->image_url);
	web_json_money(o, "price", "price_cur", &it->price);
	json_object_object_add(o, "is_bid",
	    json_object_new_boolean(it->price_is_bid));
	if (it->bid_count >= 0)
		json_object_object_add(o, "bids",
		    json_object_new_int(it->bid_count));
	web_json_money(o, "ship", "ship_cur", &it->shipping);
	web_json_money(o, "total", "total_cur", &it->total);
	web_json_str(o, "condition", it->condition);
	b = json_object_new_array();
	for (i = 0; i < EBAY_BUY__MAX; i++)
		if (it->buying & EBAY_BIT(i))
			json_object_array_add(b, json_object_new_string(
			    ebay_buy_name((enum ebay_buy)i)));
	json_object_object_add(o, "buying", b);
	if (it->end_date != 0)
		json_object_object_add(o, "end",
		    json_object_new_int64((int64_t)it->end_date));
	web_json_str(o, "seller", it->seller_username);
	if (it->has_feedback_score)
		json_object_object_add(o, "fb_score",
		    json_object_new_int64(it->seller_feedback_score));
	web_json_str(o, "fb_pct", it->seller_feedback_pct);
	web_json_str(o, "country", it->location_country);
	web_json_str(o, "postal", it->location_postal);
	web_json_str(o, "city", it->location_city);
	return o;
}

/* A string member of the cached page, or NULL (see lib/jsonv.h). */
static const char *
web_get(struct json_object *o, const char *key)
{
	const char	*s;

	return jsonv_str(o, key, &s) ? s : NULL;
}

static bool
web_get_int(struct json_object *o, const char *key, int64_t *out)
{
	return jsonv_int64(o, key, INT64_MIN + 1, INT64_MAX - 1, out);
}

static bool
web_set_money(struct tmpl_dict *d, const char *key, struct json_object *o,
    const char *mkey, const char *ckey)
{
	const char	*s;
	int64_t		 c;

	if ((s = web_get(o, mkey)) == NULL || !money_parse_cents(s, &c))
		return false;
	page_set_money(d, key, c, web_get(o, ckey));
	return true;
}

/*
 * Fill d (a row) from one listing's JSON: TITLE, LINK (section, only for
 * eBay's own http(s) URLs: HREF) or NOLINK, IMAGE (section, eBay image
 * hosts only: SRC), PRICE, SHIPPING ("unknown" when unknown, "Free" when
 * zero), TOTAL, CONDITION, FORMAT, BIDS, TIME_LEFT, SELLER, FEEDBACK,
 * LOCATION, ITEM_ID.  Text is set raw: the template escapes it.
 */
void
web_listing(struct tmpl_dict *d, struct req *req, struct json_object *o,
    time_t now)
{
	struct json_object	*b, *e;
	struct tmpl_dict	*s;
	const char		*url, *v, *extra;
	char			 left[64];
	struct buf		 fmt, loc;
	int64_t			 n, end;
	size_t			 i;
	bool			 auction = false;

	tmpl_set(d, "ITEM_ID", web_get(o, "item_id"));
	v = web_get(o, "title");
	tmpl_set(d, "TITLE", v != NULL && *v != '\0' ? v : "(no title)");
	extra = req->cfg->demo ? req->cfg->ebay_api_base : NULL;
	url = NULL;
	if (req->cfg->ebay_affiliate_campaign_id != NULL)
		url = web_get(o, "aff_url");
	if (url == NULL || !valid_ebay_url(url, extra))
		url = web_get(o, "url");
	if (url != NULL && valid_ebay_url(url, extra)) {
		s = tmpl_section(d, "LINK");
		tmpl_set(s, "HREF", url);
	} else {
		s = tmpl_section(d, "NOLINK");
		tmpl_set(s, "URL_TEXT", url);
	}
	/* Demo listings have no real picture on eBay's image hosts. */
	if (!req->cfg->demo && (v = web_get(o, "image")) != NULL &&
	    valid_ebay_image(v)) {
		s = tmpl_section(d, "IMAGE");
		tmpl_set(s, "SRC", v);
	} else
		tmpl_set(tmpl_section(d, "NO_IMAGE"), "NO_IMAGE_TEXT",
		    req->cfg->demo ? "demo listing" : "no image");
	if (!web_set_money(d, "PRICE", o, "price", "price_cur"))
		tmpl_set(d, "PRICE", "unknown");
	if (web_get(o, "ship") != NULL && strcmp(web_get(o, "ship"),
	    "0.00") == 0)
		tmpl_set(d, "SHIPPING", "Free");
	else if (!web_set_money(d, "SHIPPING", o, "ship", "ship_cur")) {
		tmpl_set(d, "SHIPPING", "unknown");
		tmpl_show(d, "SHIPPING_UNKNOWN");
	}
	if (!web_set_money(d, "TOTAL", o, "total", "total_cur")) {
		tmpl_set(d, "TOTAL", "unknown");
		tmpl_show(d, "TOTAL_UNKNOWN");
	}
	tmpl_set(d, "CONDITION", web_get(o, "condition"));
	buf_init(&fmt, 0);
	if (json_object_object_get_ex(o, "buying", &b) &&
	    json_object_is_type(b, json_type_array))
		for (i = 0; i < json_object_array_length(b); i++) {
			e = json_object_array_get_idx(b, i);
			if (!json_object_is_type(e, json_type_string))
				continue;
			v = json_object_get_string(e);
			if (strcmp(v, "AUCTION") == 0 ||
			    strcmp(v, "auction") == 0) {
				auction = true;
				v = "Auction";
			} else if (strcmp(v, "FIXED_PRICE") == 0 ||
			    strcmp(v, "buy_it_now") == 0)
				v = "Buy It Now";
			else if (strcmp(v, "BEST_OFFER") == 0)
				v = "Best Offer";
			else if (strcmp(v, "CLASSIFIED_AD") == 0)
				v = "Classified ad";
			buf_addf(&fmt, "%s%s", fmt.len > 0 ? " · " : "", v);
		}
	tmpl_set(d, "FORMAT", buf_cstr(&fmt));
	buf_free(&fmt);
	if (json_object_object_get_ex(o, "is_bid", &b) &&
	    json_object_get_boolean(b))
		tmpl_show(d, "IS_BID");
	if (auction) {
		tmpl_show(d, "AUCTION");
		if (web_get_int(o, "bids", &n))
			tmpl_setf(d, "BIDS", "%lld bid%s", (long long)n,
			    n == 1 ? "" : "s");
		else
			tmpl_set(d, "BIDS", "bids unknown");
	}
	if (web_get_int(o, "end", &end)) {
		tmpl_show(d, "HAS_END");
		if (end <= now)
			tmpl_set(d, "TIME_LEFT", "ended");
		else {
			page_duration(end - now, left, sizeof left);
			tmpl_setf(d, "TIME_LEFT", "%s left", left);
			if (end - now < 3600)
				tmpl_show(d, "ENDING_SOON");
		}
	}
	tmpl_set(d, "SELLER", web_get(o, "seller"));
	buf_init(&fmt, 0);
	if (web_get_int(o, "fb_score", &n))
		buf_addf(&fmt, "%lld", (long long)n);
	if ((v = web_get(o, "fb_pct")) != NULL)
		buf_addf(&fmt, "%s%s%%", fmt.len > 0 ? ", " : "", v);
	tmpl_set(d, "FEEDBACK", buf_cstr(&fmt));
	buf_free(&fmt);
	buf_init(&loc, 0);
	if ((v = web_get(o, "city")) != NULL)
		buf_adds(&loc, v);
	if ((v = web_get(o, "postal")) != NULL)
		buf_addf(&loc, "%s%s", loc.len > 0 ? " " : "", v);
	if ((v = web_get(o, "country")) != NULL)
		buf_addf(&loc, "%s%s", loc.len > 0 ? ", " : "", v);
	tmpl_set(d, "LOCATION", buf_cstr(&loc));
	buf_free(&loc);
}
