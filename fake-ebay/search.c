/*
 * GET /buy/browse/v1/item_summary/search: parameters, sort and paging as
 * BROWSE-API.md sections 3, 5, 6 and 10 describe them (the filter
 * parameter is filter.c's).  Request errors answer 400 with the errors[]
 * envelope; bad filter and sort values answer 200 with warnings[] and are
 * ignored, as eBay does.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <json-c/json.h>

#include "buf.h"
#include "fake.h"
#include "form.h"
#include "jw.h"
#include "log.h"
#include "search.h"
#include "xmalloc.h"

static void
search_problem(struct json_object **list, int id, const char *category,
    const char *message, const char *param, const char *value)
{
	struct json_object	*e = json_object_new_object(), *ps, *p;

	if (*list == NULL)
		*list = json_object_new_array();
	json_object_object_add(e, "errorId", json_object_new_int(id));
	json_object_object_add(e, "domain", json_object_new_string("API_BROWSE"));
	json_object_object_add(e, "category", json_object_new_string(category));
	json_object_object_add(e, "message", json_object_new_string(message));
	json_object_object_add(e, "longMessage",
	    json_object_new_string(message));
	if (param != NULL) {
		ps = json_object_new_array();
		p = json_object_new_object();
		json_object_object_add(p, "name", json_object_new_string(param));
		json_object_object_add(p, "value",
		    json_object_new_string(value != NULL ? value : ""));
		json_object_array_add(ps, p);
		json_object_object_add(e, "parameters", ps);
	}
	json_object_array_add(*list, e);
}

void
search_error(struct search *s, int status, int id, const char *message,
    const char *param, const char *value)
{
	if (s->error_status == 0)
		s->error_status = status;
	search_problem(&s->errors, id, "REQUEST", message, param, value);
}

void
search_warn(struct search *s, int id, const char *message, const char *param,
    const char *value)
{
	search_problem(&s->warnings, id, "REQUEST", message, param, value);
}

static void
search_sort(struct search *s, const char *v)
{
	if (v == NULL || *v == '\0')
		s->sort = SORT_BEST;
	else if (strcmp(v, "price") == 0)
		s->sort = SORT_PRICE;
	else if (strcmp(v, "-price") == 0)
		s->sort = SORT_PRICE_DESC;
	else if (strcmp(v, "newlyListed") == 0)
		s->sort = SORT_NEWLY;
	else if (strcmp(v, "endingSoonest") == 0)
		s->sort = SORT_ENDING;
	else {
		s->sort = SORT_BEST;
		search_warn(s, 12008, "The sort value is invalid; results are "
		    "in Best Match order.", "sort", v);
	}
}

static void
search_paging(struct search *s)
{
	const char	*l = form_get(&s->form, "limit");
	const char	*o = form_get(&s->form, "offset");

	s->limit = 50;
	s->offset = 0;
	if (l != NULL && !filter_int(l, &s->limit))
		search_error(s, 400, 12007, "The 'limit' value must be an "
		    "integer value.", "limit", l);
	else if (s->limit < 1 || s->limit > 200)
		search_error(s, 400, 12006, "The 'limit' value should be "
		    "between 1 and 200 (inclusive).", "limit", l);
	if (o != NULL && !filter_int(o, &s->offset))
		search_error(s, 400, 12005, "The 'offset' value must be an "
		    "integer value.", "offset", o);
	else if (s->offset < 0)
		search_error(s, 400, 12004, "The 'offset' value cannot be "
		    "negative.", "offset", o);
	else if (s->offset >= 10000)
		search_error(s, 400, 12029, "The 'offset' value must be less "
		    "than 10000: no result set goes past 10,000 items.",
		    "offset", o);
	else if (s->limit >= 1 && s->limit <= 200 && s->offset % s->limit != 0)
		search_error(s, 400, 12515, "The 'offset' value must be zero "
		    "or a multiple of the 'limit' value.", "offset", o);
}

/* Lower-case the keywords, collapse spaces, cut at 100 bytes (UTF-8 safe). */
static char *
search_keywords(const char *q)
{
	struct buf	 b;
	const char	*p;
	char		*out;

	buf_init(&b, 0);
	for (p = q; *p != '\0'; p++) {
		if (isspace((unsigned char)*p) || (unsigned char)*p < 0x20) {
			if (b.len > 0 && b.data[b.len - 1] != ' ')
				buf_addc(&b, ' ');
		} else
			buf_addc(&b, (char)tolower((unsigned char)*p));
	}
	if (b.len > 100) {
		/* q is cut silently at 100; never inside a UTF-8 sequence */
		b.len = 100;
		while (b.len > 0 && ((unsigned char)b.data[b.len] & 0xC0) ==
		    0x80)
			b.len--;
		b.data[b.len] = '\0';
	}
	while (b.len > 0 && b.data[b.len - 1] == ' ')
		b.data[--b.len] = '\0';
	out = b.len > 0 ? buf_detach(&b) : NULL;
	buf_free(&b);
	return out;
}

static long long
search_total(const struct listing *l)
{
	long long	 t = l->has_price ? l->price : l->bid;

	if (l->ship == SHIP_FIXED || l->ship == SHIP_CALC_COST)
		t += l->ship_cost;
	return t;
}

/*
 * The order of the itemIds "v1|legacy|variation" as strings, without
 * them: every legacy id has 12 digits and a variation is 0 or 12 digits
 * from 4, so the numbers compare as their digits do.
 */
static int
search_cmp_id(const struct listing *a, const struct listing *b)
{
	if (a->legacy_n != b->legacy_n)
		return a->legacy_n < b->legacy_n ? -1 : 1;
	if (a->variation != b->variation)
		return a->variation < b->variation ? -1 : 1;
	return 0;
}

static int
search_cmp_newly(const void *pa, const void *pb)
{
	const struct listing	*a = *(const struct listing *const *)pa;
	const struct listing	*b = *(const struct listing *const *)pb;

	if (a->origin != b->origin)
		return a->origin > b->origin ? -1 : 1;
	return search_cmp_id(a, b);
}

static int
search_cmp_best(const void *pa, const void *pb)
{
	const struct listing	*a = *(const struct listing *const *)pa;
	const struct listing	*b = *(const struct listing *const *)pb;
	uint64_t		 x = cat_mix(a->key ^ 0xbe57ULL);
	uint64_t		 y = cat_mix(b->key ^ 0xbe57ULL);

	if (x != y)
		return x < y ? -1 : 1;
	return search_cmp_id(a, b);
}

static int
search_cmp_price(const void *pa, const void *pb)
{
	const struct listing	*a = *(const struct listing *const *)pa;
	const struct listing	*b = *(const struct listing *const *)pb;
	long long		 x = search_total(a), y = search_total(b);

	if (x != y)
		return x < y ? -1 : 1;
	return search_cmp_id(a, b);
}

static int
search_cmp_price_desc(const void *pa, const void *pb)
{
	const struct listing	*a = *(const struct listing *const *)pa;
	const struct listing	*b = *(const struct listing *const *)pb;
	long long		 x = search_total(a), y = search_total(b);

	if (x != y)
		return x > y ? -1 : 1;
	return search_cmp_id(a, b);
}

/* Listings with an end date first, soonest first; then the rest. */
static int
search_cmp_ending(const void *pa, const void *pb)
{
	const struct listing	*a = *(const struct listing *const *)pa;
	const struct listing	*b = *(const struct listing *const *)pb;

	if (a->show_end != b->show_end)
		return a->show_end ? -1 : 1;
	if (a->show_end && a->ends != b->ends)
		return a->ends < b->ends ? -1 : 1;
	return search_cmp_newly(pa, pb);
}

/* They compare pointers to listings (sorting those moves less). */
static int (*const search_cmps[SORT__MAX])(const void *, const void *) = {
	search_cmp_best, search_cmp_price, search_cmp_price_desc,
	search_cmp_newly, search_cmp_ending,
};

/* The request's URL with another offset: the original query, verbatim. */
static char *
search_href(const struct search *s, const char *base, long offset)
{
	struct buf	 b;
	size_t		 i;
	bool		 first = true;

	buf_init(&b, 0);
	buf_adds(&b, base);
	buf_adds(&b, "/buy/browse/v1/item_summary/search?");
	for (i = 0; i < s->form.n; i++) {
		if (strcmp(s->form.pairs[i].key, "limit") == 0 ||
		    strcmp(s->form.pairs[i].key, "offset") == 0)
			continue;
		if (!first)
			buf_addc(&b, '&');
		buf_add_urlenc(&b, s->form.pairs[i].key);
		buf_addc(&b, '=');
		buf_add_urlenc(&b, s->form.pairs[i].val);
		first = false;
	}
	buf_addf(&b, "%slimit=%ld&offset=%ld", first ? "" : "&", s->limit,
	    offset);
	return buf_detach(&b);
}

static void
search_add_href(struct jw *w, const char *k, const struct search *s,
    const char *base, long offset)
{
	char	*h = search_href(s, base, offset);

	jw_kstr(w, k, h != NULL ? h : "");
	free(h);
}

/* affiliateCampaignId and affiliateReferenceId of X-EBAY-C-ENDUSERCTX. */
static void
search_enduserctx(const char *h, struct form *ctx)
{
	form_init(ctx);
	if (h != NULL)
		form_parse(ctx, h, strlen(h), ',');
}

/*
 * The listings that pass the filters, in sort order (caller frees); their
 * number in *m.
 */
static struct listing **
search_select(const struct search *s, struct catalog *c, size_t *m)
{
	struct listing	**order;
	size_t		  i;
	bool		  names = s->f.nsellers > 0 || s->f.nexcluded > 0;

	order = xreallocarray(NULL, c->n > 0 ? c->n : 1, sizeof *order);
	*m = 0;
	for (i = 0; i < c->n; i++) {
		if (names)	/* the seller filters compare names */
			cat_finish(c, &c->v[i]);
		if (filter_match(s, &c->v[i]))
			order[(*m)++] = &c->v[i];
	}
	if (*m > 1)
		qsort(order, *m, sizeof *order, search_cmps[s->sort]);
	return order;
}

/* itemSummaries: listings offset to end, written straight into w. */
static void
search_items(struct jw *w, const struct search *s,
    const struct search_req *r, struct catalog *c, struct listing **order,
    time_t now, long end)
{
	struct item_ctx	 ctx;
	struct form	 euc;
	long		 k;

	search_enduserctx(r->enduserctx, &euc);
	ctx.now = now;
	ctx.base_url = r->base_url;
	ctx.campaign = form_get(&euc, "affiliateCampaignId");
	ctx.reference = form_get(&euc, "affiliateReferenceId");
	jw_key(w, "itemSummaries");
	jw_arr(w);
	for (k = s->offset; k < end; k++) {
		/*
		 * Hostile: the same itemId twice on one page, the first last
		 * (item_write writes the same listing the same way).
		 */
		if (s->query.hostile && end - s->offset >= 3 && k == end - 1) {
			item_write(w, order[s->offset], &s->query, &ctx);
			break;
		}
		cat_finish(c, order[k]);
		item_write(w, order[k], &s->query, &ctx);
	}
	jw_arr_end(w);
	form_free(&euc);
}

static char *
search_answer(struct search *s, const struct search_req *r)
{
	struct jw	 w;
	struct catalog	 c;
	struct listing	**order;
	const char	*t;
	char		*out;
	time_t		 now = fclock_now();
	size_t		 m;
	long		 total, end;

	cat_listings(&c, &s->query, now);
	order = search_select(s, &c, &m);
	total = (long)m;
	jw_init(&w);
	jw_obj(&w);
	search_add_href(&w, "href", s, r->base_url, s->offset);
	jw_kint(&w, "total", total);
	if (s->offset + s->limit < total && s->offset + s->limit < 10000)
		search_add_href(&w, "next", s, r->base_url,
		    s->offset + s->limit);
	if (s->offset > 0)
		search_add_href(&w, "prev", s, r->base_url,
		    s->offset > s->limit ? s->offset - s->limit : 0);
	jw_kint(&w, "limit", s->limit);
	jw_kint(&w, "offset", s->offset);
	if (s->warnings != NULL) {
		/* rare: json-c's own text of the warnings search_warn built */
		t = json_object_to_json_string_ext(s->warnings,
		    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
		jw_key(&w, "warnings");
		jw_raw(&w, t, strlen(t));
	}
	end = s->offset + s->limit < total ? s->offset + s->limit : total;
	if (s->offset < end)
		search_items(&w, s, r, &c, order, now, end);
	jw_obj_end(&w);
	free(order);
	cat_free(&c);
	if ((out = jw_detach(&w)) == NULL)
		log_fatal("search answer: out of memory");
	return out;
}

static char *
search_errors_json(struct search *s)
{
	struct json_object	*o = json_object_new_object();
	char			*out;

	json_object_object_add(o, "errors", s->errors);
	s->errors = NULL;
	out = xstrdup(json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return out;
}

char *
search_run(const struct search_req *r, int *status, const char **mkt)
{
	struct search	 s;
	const char	*q, *cat, *filter;
	char		*out;

	memset(&s, 0, sizeof s);
	form_init(&s.form);
	form_parse(&s.form, r->query_string, strlen(r->query_string), '&');
	s.query.market = cat_market(r->marketplace);
	if (s.query.market == NULL)
		s.query.market = cat_market("EBAY_US");	/* as eBay: silently */
	*mkt = s.query.market->id;
	s.query.seed = r->seed;
	s.query.hostile = r->hostile;
	s.f.buying = BUY_FIXED;

	q = form_get(&s.form, "q");
	if (q != NULL)
		s.query.q = search_keywords(q);
	cat = form_get(&s.form, "category_ids");
	if (cat != NULL && strchr(cat, ',') != NULL)
		search_error(&s, 400, 12030, "Only one category ID can be "
		    "specified.", "category_ids", cat);
	else if (cat != NULL && (*cat == '\0' || strlen(cat) > 12 ||
	    strspn(cat, "0123456789") != strlen(cat)))
		search_warn(&s, 12009, "The category ID is invalid and was "
		    "ignored.", "category_ids", cat);
	else if (cat != NULL)
		s.query.category_id = xstrdup(cat);
	if (s.query.q == NULL && s.query.category_id == NULL && cat == NULL)
		search_error(&s, 400, 12001, "The call must have a valid 'q', "
		    "'category_ids', 'epid', 'gtin' or 'charity_ids' query "
		    "parameter.", "q", "");
	else if (s.query.q == NULL && s.query.category_id == NULL)
		s.query.empty = true;
	if (s.query.q != NULL && strstr(s.query.q, "xyzzy") != NULL)
		s.query.empty = true;	/* documented: matches nothing */
	search_paging(&s);
	search_sort(&s, form_get(&s.form, "sort"));
	if ((filter = form_get(&s.form, "filter")) != NULL)
		filter_parse(&s, filter);

	if (s.errors != NULL) {
		*status = s.error_status;
		out = search_errors_json(&s);
	} else {
		*status = 200;
		out = search_answer(&s, r);
	}
	json_object_put(s.errors);
	json_object_put(s.warnings);
	free(s.query.q);
	free(s.query.category_id);
	free(s.price_currency);
	filter_set_free(s.f.sellers, s.f.nsellers);
	filter_set_free(s.f.excluded, s.f.nexcluded);
	form_free(&s.form);
	return out;
}
