/*
 * GET /buy/browse/v1/item_summary/search: parameters, filters, sort and
 * paging as BROWSE-API.md sections 3, 5, 6 and 10 describe them.  Request
 * errors answer 400 (or 409) with the errors[] envelope; bad filter and
 * sort values answer 200 with warnings[] and are ignored, as eBay does.
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
#include "xmalloc.h"

#define BUY_FIXED	0x1
#define BUY_AUCTION	0x2
#define BUY_OFFER	0x4
#define BUY_CLASSIFIED	0x8

#define SEARCH_MAX_SELLERS	250
#define SEARCH_MAX_CONDS	16

enum sort_kind {
	SORT_BEST,
	SORT_PRICE,
	SORT_PRICE_DESC,
	SORT_NEWLY,
	SORT_ENDING,
	SORT__MAX
};

struct range {
	bool		 on;
	bool		 has_lo, has_hi;
	long long	 lo, hi;
};

struct filters {
	struct range	 price;		/* hundredths */
	const char	*price_currency;
	bool		 price_currency_set;
	int		 conds[SEARCH_MAX_CONDS];
	size_t		 nconds;
	unsigned	 buying;
	char		 country[3];
	bool		 region;
	struct range	 start, end;	/* UNIX seconds */
	struct range	 bids;
	char		**sellers, **excluded;
	size_t		 nsellers, nexcluded;
	bool		 max_ship_on;
	long long	 max_ship;
	bool		 delivery_country;
};

struct search {
	struct form		 form;
	struct query		 query;
	struct filters		 f;
	enum sort_kind		 sort;
	long			 limit, offset;
	struct json_object	*errors, *warnings;
	int			 error_status;
	char			*price_currency;	/* owned */
};

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

static void
search_error(struct search *s, int status, int id, const char *message,
    const char *param, const char *value)
{
	if (s->error_status == 0)
		s->error_status = status;
	search_problem(&s->errors, id, "REQUEST", message, param, value);
}

static void
search_warn(struct search *s, int id, const char *message, const char *param,
    const char *value)
{
	search_problem(&s->warnings, id, "REQUEST", message, param, value);
}

static void
search_bad_filter(struct search *s, const char *name, const char *value)
{
	struct buf	 m;

	buf_init(&m, 4096);
	buf_addf(&m, "The value of the '%s' filter is invalid; the filter was "
	    "ignored.", name);
	search_warn(s, 12002, buf_cstr(&m), name, value);
	buf_free(&m);
}

/* A whole decimal integer, nothing else. */
static bool
search_int(const char *v, long *out)
{
	char	*end;
	long	 n;

	if (v == NULL || *v == '\0' || isspace((unsigned char)*v))
		return false;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno != 0 || *end != '\0')
		return false;
	*out = n;
	return true;
}

/* A decimal amount with at most two decimals, as hundredths. */
static bool
search_money(const char *v, size_t n, long long *out)
{
	long long	 whole = 0, frac = 0;
	size_t		 i = 0, d = 0;

	if (n == 0 || n > 15)
		return false;
	for (; i < n && isdigit((unsigned char)v[i]); i++)
		whole = whole * 10 + (v[i] - '0');
	if (i == 0)
		return false;
	if (i < n && v[i] == '.') {
		for (i++; i < n && isdigit((unsigned char)v[i]) && d < 2; i++, d++)
			frac = frac * 10 + (v[i] - '0');
		if (d == 0)
			return false;
		if (d == 1)
			frac *= 10;
	}
	if (i != n)
		return false;
	*out = whole * 100 + frac;
	return true;
}

static bool
search_date(const char *v, size_t n, long long *out)
{
	char	 tmp[40];
	time_t	 t;

	if (n == 0 || n >= sizeof tmp)
		return false;
	memcpy(tmp, v, n);
	tmp[n] = '\0';
	if (!fclock_parse_iso(tmp, &t))
		return false;
	*out = (long long)t;
	return true;
}

/* [lo..hi], [lo], [..hi], [lo..]: each bound read by one parser. */
static bool
search_range(const char *v, struct range *r,
    bool (*one)(const char *, size_t, long long *))
{
	size_t		 n = strlen(v);
	const char	*dots, *in;
	size_t		 len;

	memset(r, 0, sizeof *r);
	if (n < 3 || v[0] != '[' || v[n - 1] != ']')
		return false;
	in = v + 1;
	len = n - 2;
	dots = memmem(in, len, "..", 2);
	if (dots == NULL) {
		r->has_lo = one(in, len, &r->lo);
		if (!r->has_lo)
			return false;
	} else {
		if (dots > in && !(r->has_lo = one(in, (size_t)(dots - in),
		    &r->lo)))
			return false;
		len -= (size_t)(dots - in) + 2;
		if (len > 0 && !(r->has_hi = one(dots + 2, len, &r->hi)))
			return false;
	}
	if (!r->has_lo && !r->has_hi)
		return false;
	if (r->has_lo && r->has_hi && r->lo > r->hi)
		return false;
	r->on = true;
	return true;
}

static bool
search_in(const struct range *r, long long x)
{
	return !r->on || ((!r->has_lo || x >= r->lo) &&
	    (!r->has_hi || x <= r->hi));
}

/* Split {a|b|c} (or a bare a) into owned strings; false on a bad shape. */
static bool
search_set(const char *v, char ***out, size_t *n)
{
	size_t		 len = strlen(v);
	const char	*p, *end, *bar;

	*out = NULL;
	*n = 0;
	if (len >= 2 && v[0] == '{' && v[len - 1] == '}') {
		p = v + 1;
		end = v + len - 1;
	} else {
		p = v;
		end = v + len;
	}
	if (p == end)
		return false;
	for (; p <= end; p = bar + 1) {
		if ((bar = memchr(p, '|', (size_t)(end - p))) == NULL)
			bar = end;
		if (bar == p || *n >= 1000)
			goto fail;
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		(*out)[(*n)++] = xstrndup(p, (size_t)(bar - p));
	}
	return true;
fail:
	while (*n > 0)
		free((*out)[--*n]);
	free(*out);
	*out = NULL;
	return false;
}

static void
search_set_free(char **v, size_t n)
{
	while (n > 0)
		free(v[--n]);
	free(v);
}

static void
search_f_conditions(struct search *s, const char *name, const char *v)
{
	char	**set;
	size_t	 n, i;
	long	 id;

	if (!search_set(v, &set, &n) || n > SEARCH_MAX_CONDS) {
		search_bad_filter(s, name, v);
		return;
	}
	for (i = 0; i < n; i++)
		if (!search_int(set[i], &id) || cat_condition_name((int)id) ==
		    NULL)
			break;
	if (i < n)
		search_bad_filter(s, name, v);
	else
		for (i = 0; i < n; i++) {
			search_int(set[i], &id);
			s->f.conds[i] = (int)id;
		}
	if (i == n)
		s->f.nconds = n;
	search_set_free(set, n);
}

/* conditions:{NEW|USED|UNSPECIFIED}, as condition ids. */
static void
search_f_condnames(struct search *s, const char *name, const char *v)
{
	static const int news[] = { 1000, 1500, 1750 };
	static const int used[] = { 2000, 2010, 2020, 2030, 2500, 2750, 3000,
	    4000, 5000, 6000, 7000 };
	char	**set;
	size_t	 n, i, j, k = 0;

	if (!search_set(v, &set, &n)) {
		search_bad_filter(s, name, v);
		return;
	}
	for (i = 0; i < n; i++) {
		if (strcmp(set[i], "NEW") == 0)
			for (j = 0; j < 3 && k < SEARCH_MAX_CONDS; j++)
				s->f.conds[k++] = news[j];
		else if (strcmp(set[i], "USED") == 0)
			for (j = 0; j < 11 && k < SEARCH_MAX_CONDS; j++)
				s->f.conds[k++] = used[j];
		else if (strcmp(set[i], "UNSPECIFIED") != 0) {
			search_bad_filter(s, name, v);
			k = 0;
			break;
		}
	}
	s->f.nconds = k;
	search_set_free(set, n);
}

static void
search_f_buying(struct search *s, const char *name, const char *v)
{
	char		**set;
	size_t		 n, i;
	unsigned	 mask = 0;

	if (!search_set(v, &set, &n)) {
		search_bad_filter(s, name, v);
		return;
	}
	for (i = 0; i < n; i++) {
		if (strcmp(set[i], "FIXED_PRICE") == 0)
			mask |= BUY_FIXED;
		else if (strcmp(set[i], "AUCTION") == 0)
			mask |= BUY_AUCTION;
		else if (strcmp(set[i], "BEST_OFFER") == 0)
			mask |= BUY_OFFER;
		else if (strcmp(set[i], "CLASSIFIED_AD") == 0)
			mask |= BUY_CLASSIFIED;
		else
			break;
	}
	if (i < n)
		search_bad_filter(s, name, v);
	else
		s->f.buying = mask;
	search_set_free(set, n);
}

static void
search_f_sellers(struct search *s, const char *name, const char *v)
{
	char	**set;
	size_t	 n;

	if (!search_set(v, &set, &n)) {
		search_warn(s, 12003, "A seller name in the filter is invalid; "
		    "the filter was ignored.", name, v);
		return;
	}
	if (n > SEARCH_MAX_SELLERS) {
		search_error(s, 400, 12032, "The number of sellers in the filter "
		    "has exceeded the limit. Please reduce the number of sellers "
		    "to 250 or fewer.", "sellers", "251");
		search_set_free(set, n);
		return;
	}
	if (strcmp(name, "sellers") == 0) {
		search_set_free(s->f.sellers, s->f.nsellers);
		s->f.sellers = set;
		s->f.nsellers = n;
	} else {
		search_set_free(s->f.excluded, s->f.nexcluded);
		s->f.excluded = set;
		s->f.nexcluded = n;
	}
}

static void
search_f_country(struct search *s, const char *name, const char *v)
{
	if (v[0] == '{') {
		/* {GB|US} is accepted and ignored, as on eBay. */
		return;
	}
	if (strlen(v) != 2 || !isupper((unsigned char)v[0]) ||
	    !isupper((unsigned char)v[1])) {
		search_bad_filter(s, name, v);
		return;
	}
	memcpy(s->f.country, v, 3);
}

static void
search_f_range(struct search *s, const char *name, const char *v,
    struct range *r, bool (*one)(const char *, size_t, long long *))
{
	if (!search_range(v, r, one))
		search_bad_filter(s, name, v);
}

static bool
search_count(const char *v, size_t n, long long *out)
{
	long long	 x = 0;
	size_t		 i;

	if (n == 0 || n > 6)
		return false;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)v[i]))
			return false;
		x = x * 10 + (v[i] - '0');
	}
	*out = x;
	return true;
}

/* One name:value of the filter parameter. */
static void
search_filter_one(struct search *s, const char *name, const char *v)
{
	long long	 m;

	if (strcmp(name, "price") == 0)
		search_f_range(s, name, v, &s->f.price, search_money);
	else if (strcmp(name, "priceCurrency") == 0) {
		if (strlen(v) != 3 || cat_rate(v) == 0)
			search_bad_filter(s, name, v);
		else {
			free(s->price_currency);
			s->price_currency = xstrdup(v);
		}
	} else if (strcmp(name, "conditionIds") == 0)
		search_f_conditions(s, name, v);
	else if (strcmp(name, "conditions") == 0)
		search_f_condnames(s, name, v);
	else if (strcmp(name, "buyingOptions") == 0)
		search_f_buying(s, name, v);
	else if (strcmp(name, "itemLocationCountry") == 0)
		search_f_country(s, name, v);
	else if (strcmp(name, "itemLocationRegion") == 0)
		s->f.region = true;
	else if (strcmp(name, "itemStartDate") == 0)
		search_f_range(s, name, v, &s->f.start, search_date);
	else if (strcmp(name, "itemEndDate") == 0)
		search_f_range(s, name, v, &s->f.end, search_date);
	else if (strcmp(name, "bidCount") == 0)
		search_f_range(s, name, v, &s->f.bids, search_count);
	else if (strcmp(name, "sellers") == 0 ||
	    strcmp(name, "excludeSellers") == 0)
		search_f_sellers(s, name, v);
	else if (strcmp(name, "deliveryCountry") == 0)
		s->f.delivery_country = true;
	else if (strcmp(name, "maxDeliveryCost") == 0) {
		if (search_money(v, strlen(v), &m)) {
			s->f.max_ship_on = true;
			s->f.max_ship = m;
		} else
			search_bad_filter(s, name, v);
	} else if (strcmp(name, "deliveryPostalCode") == 0 ||
	    strcmp(name, "returnsAccepted") == 0 ||
	    strcmp(name, "searchInDescription") == 0 ||
	    strcmp(name, "excludeCategoryIds") == 0 ||
	    strcmp(name, "charityOnly") == 0)
		;	/* accepted, not simulated */
	else
		search_bad_filter(s, name, v);
}

/* filter=a:b,c:{d|e},f:[1..2]: commas inside {} or [] do not split. */
static void
search_filter(struct search *s, const char *v)
{
	const char	*p = v, *q, *colon;
	char		*name, *val;
	int		 depth = 0;

	s->f.buying = BUY_FIXED;
	for (q = v;; q++) {
		if (*q == '{' || *q == '[')
			depth++;
		else if ((*q == '}' || *q == ']') && depth > 0)
			depth--;
		if (!((*q == ',' && depth == 0) || *q == '\0'))
			continue;
		if (q > p) {
			while (p < q && *p == ' ')
				p++;
			colon = memchr(p, ':', (size_t)(q - p));
			if (colon == NULL || colon == p) {
				val = xstrndup(p, (size_t)(q - p));
				search_bad_filter(s, val, val);
				free(val);
			} else {
				name = xstrndup(p, (size_t)(colon - p));
				val = xstrndup(colon + 1, (size_t)(q - colon - 1));
				search_filter_one(s, name, val);
				free(name);
				free(val);
			}
		}
		if (*q == '\0')
			break;
		p = q + 1;
	}
	if (s->f.region && s->f.country[0] != '\0')
		search_error(s, 400, 12517, "Only one item location filter can "
		    "be applied at a time. Refer to the API call documentation.",
		    "filter", v);
	if (s->f.price.on && s->price_currency == NULL) {
		search_warn(s, 12012, "The 'price' filter needs the "
		    "'priceCurrency' filter; the price filter was ignored.",
		    "priceCurrency", "");
		s->f.price.on = false;
	}
	if (s->f.max_ship_on && !s->f.delivery_country) {
		search_warn(s, 12011, "The 'maxDeliveryCost' filter needs the "
		    "'deliveryCountry' filter; it was ignored.", "deliveryCountry",
		    "");
		s->f.max_ship_on = false;
	}
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
	if (l != NULL && !search_int(l, &s->limit))
		search_error(s, 400, 12007, "The 'limit' value must be an "
		    "integer value.", "limit", l);
	else if (s->limit < 1 || s->limit > 200)
		search_error(s, 400, 12006, "The 'limit' value should be "
		    "between 1 and 200 (inclusive).", "limit", l);
	if (o != NULL && !search_int(o, &s->offset))
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

static bool
search_match(const struct search *s, const struct listing *l)
{
	const struct filters	*f = &s->f;
	unsigned		 have = 0;
	long long		 p, lo, hi, rate_m, rate_f;
	size_t			 i;

	have |= l->fixed ? BUY_FIXED : 0;
	have |= l->auction ? BUY_AUCTION : 0;
	have |= l->best_offer ? BUY_OFFER : 0;
	if ((have & f->buying) == 0)
		return false;
	if (f->price.on) {
		/* Bounds in the filter's currency, compared in the market's. */
		p = l->has_price ? l->price : l->bid;
		rate_m = cat_rate(s->query.market->currency);
		rate_f = cat_rate(s->price_currency);
		lo = f->price.lo * rate_m / rate_f;
		hi = f->price.hi * rate_m / rate_f;
		if ((f->price.has_lo && p < lo) || (f->price.has_hi && p > hi))
			return false;
	}
	if (f->nconds > 0) {
		for (i = 0; i < f->nconds; i++)
			if (f->conds[i] == l->condition_id)
				break;
		if (i == f->nconds)
			return false;
	}
	if (f->country[0] != '\0' && strcmp(f->country, l->country) != 0)
		return false;
	if (!search_in(&f->start, (long long)l->origin))
		return false;
	if (f->end.on && (!l->show_end || !search_in(&f->end,
	    (long long)l->ends)))
		return false;
	if (f->bids.on && (!l->auction || !search_in(&f->bids, l->bid_count)))
		return false;
	if (f->max_ship_on && (!(l->ship == SHIP_FIXED ||
	    l->ship == SHIP_CALC_COST) || l->ship_cost > f->max_ship))
		return false;
	for (i = 0; i < f->nexcluded; i++)
		if (strcasecmp(f->excluded[i], l->seller) == 0)
			return false;
	for (i = 0; i < f->nsellers; i++)
		if (strcasecmp(f->sellers[i], l->seller) == 0)
			break;
	if (f->nsellers > 0 && i == f->nsellers)
		return false;
	return true;
}

/* Price plus known shipping, for the price sorts. */
static long long
search_total(const struct listing *l)
{
	long long	 t = l->has_price ? l->price : l->bid;

	if (l->ship == SHIP_FIXED || l->ship == SHIP_CALC_COST)
		t += l->ship_cost;
	return t;
}

static int
search_cmp_id(const struct listing *a, const struct listing *b)
{
	return strcmp(a->item_id, b->item_id);
}

static int
search_cmp_newly(const void *pa, const void *pb)
{
	const struct listing	*a = pa, *b = pb;

	if (a->origin != b->origin)
		return a->origin > b->origin ? -1 : 1;
	return search_cmp_id(a, b);
}

static int
search_cmp_best(const void *pa, const void *pb)
{
	const struct listing	*a = pa, *b = pb;
	uint64_t		 x = cat_mix(a->key ^ 0xbe57ULL);
	uint64_t		 y = cat_mix(b->key ^ 0xbe57ULL);

	if (x != y)
		return x < y ? -1 : 1;
	return search_cmp_id(a, b);
}

static int
search_cmp_price(const void *pa, const void *pb)
{
	const struct listing	*a = pa, *b = pb;
	long long		 x = search_total(a), y = search_total(b);

	if (x != y)
		return x < y ? -1 : 1;
	return search_cmp_id(a, b);
}

static int
search_cmp_price_desc(const void *pa, const void *pb)
{
	const struct listing	*a = pa, *b = pb;
	long long		 x = search_total(a), y = search_total(b);

	if (x != y)
		return x > y ? -1 : 1;
	return search_cmp_id(a, b);
}

/* Listings with an end date first, soonest first; then the rest. */
static int
search_cmp_ending(const void *pa, const void *pb)
{
	const struct listing	*a = pa, *b = pb;

	if (a->show_end != b->show_end)
		return a->show_end ? -1 : 1;
	if (a->show_end && a->ends != b->ends)
		return a->ends < b->ends ? -1 : 1;
	return search_cmp_newly(a, b);
}

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
search_add_href(struct json_object *o, const char *k, const struct search *s,
    const char *base, long offset)
{
	char	*h = search_href(s, base, offset);

	json_object_object_add(o, k, json_object_new_string(h != NULL ? h : ""));
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

static char *
search_answer(struct search *s, const struct search_req *r)
{
	struct json_object	*o, *items;
	struct listing		*all;
	struct item_ctx		 ctx;
	struct form		 euc;
	size_t			 n, i, m = 0;
	long			 total, end, k;
	char			*out;

	all = cat_listings(&s->query, fclock_now(), &n);
	for (i = 0; i < n; i++) {
		if (search_match(s, &all[i])) {
			if (m != i) {
				free(all[m].title);
				all[m] = all[i];
				all[i].title = NULL;
			}
			m++;
		}
	}
	qsort(all, m, sizeof *all, search_cmps[s->sort]);
	total = (long)m;
	o = json_object_new_object();
	search_add_href(o, "href", s, r->base_url, s->offset);
	json_object_object_add(o, "total", json_object_new_int64(total));
	if (s->offset + s->limit < total && s->offset + s->limit < 10000)
		search_add_href(o, "next", s, r->base_url,
		    s->offset + s->limit);
	if (s->offset > 0)
		search_add_href(o, "prev", s, r->base_url,
		    s->offset > s->limit ? s->offset - s->limit : 0);
	json_object_object_add(o, "limit", json_object_new_int64(s->limit));
	json_object_object_add(o, "offset", json_object_new_int64(s->offset));
	if (s->warnings != NULL) {
		json_object_object_add(o, "warnings", s->warnings);
		s->warnings = NULL;
	}
	end = s->offset + s->limit < total ? s->offset + s->limit : total;
	if (s->offset < end) {
		search_enduserctx(r->enduserctx, &euc);
		ctx.base_url = r->base_url;
		ctx.campaign = form_get(&euc, "affiliateCampaignId");
		ctx.reference = form_get(&euc, "affiliateReferenceId");
		items = json_object_new_array();
		for (k = s->offset; k < end; k++)
			json_object_array_add(items, item_json(&all[k],
			    &s->query, &ctx));
		/* Hostile: the same itemId twice on one page. */
		if (s->query.hostile && end - s->offset >= 3)
			json_object_array_put_idx(items,
			    (size_t)(end - s->offset - 1), json_object_get(
			    json_object_array_get_idx(items, 0)));
		json_object_object_add(o, "itemSummaries", items);
		form_free(&euc);
	}
	cat_free(all, n);
	out = xstrdup(json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
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
		search_filter(&s, filter);

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
	search_set_free(s.f.sellers, s.f.nsellers);
	search_set_free(s.f.excluded, s.f.nexcluded);
	form_free(&s.form);
	return out;
}
