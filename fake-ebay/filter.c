/*
 * The filter parameter of item_summary/search (BROWSE-API.md 3.2): parsing
 * name:value, name:{a|b}, name:[lo..hi] into struct filters, with 200 +
 * warning 12002 for a bad value, and matching listings against them.
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
#include "search.h"
#include "xmalloc.h"

static void
filter_bad(struct search *s, const char *name, const char *value)
{
	struct buf	 m;

	buf_init(&m, 4096);
	buf_addf(&m, "The value of the '%s' filter is invalid; the filter was "
	    "ignored.", name);
	search_warn(s, 12002, buf_cstr(&m), name, value);
	buf_free(&m);
}

/* A whole decimal integer, nothing else. */
bool
filter_int(const char *v, long *out)
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
filter_money(const char *v, size_t n, long long *out)
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
filter_date(const char *v, size_t n, long long *out)
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
filter_range(const char *v, struct range *r,
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
filter_in(const struct range *r, long long x)
{
	return !r->on || ((!r->has_lo || x >= r->lo) &&
	    (!r->has_hi || x <= r->hi));
}

/* Split {a|b|c} (or a bare a) into owned strings; false on a bad shape. */
static bool
filter_set(const char *v, char ***out, size_t *n)
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

void
filter_set_free(char **v, size_t n)
{
	while (n > 0)
		free(v[--n]);
	free(v);
}

static void
filter_f_conditions(struct search *s, const char *name, const char *v)
{
	char	**set;
	size_t	 n, i;
	long	 id;

	if (!filter_set(v, &set, &n) || n > SEARCH_MAX_CONDS) {
		filter_bad(s, name, v);
		return;
	}
	for (i = 0; i < n; i++)
		if (!filter_int(set[i], &id) || cat_condition_name((int)id) ==
		    NULL)
			break;
	if (i < n)
		filter_bad(s, name, v);
	else
		for (i = 0; i < n; i++) {
			filter_int(set[i], &id);
			s->f.conds[i] = (int)id;
		}
	if (i == n)
		s->f.nconds = n;
	filter_set_free(set, n);
}

/* conditions:{NEW|USED|UNSPECIFIED}, as condition ids. */
static void
filter_f_condnames(struct search *s, const char *name, const char *v)
{
	static const int news[] = { 1000, 1500, 1750 };
	static const int used[] = { 2000, 2010, 2020, 2030, 2500, 2750, 3000,
	    4000, 5000, 6000, 7000 };
	char	**set;
	size_t	 n, i, j, k = 0;

	if (!filter_set(v, &set, &n)) {
		filter_bad(s, name, v);
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
			filter_bad(s, name, v);
			k = 0;
			break;
		}
	}
	s->f.nconds = k;
	filter_set_free(set, n);
}

static void
filter_f_buying(struct search *s, const char *name, const char *v)
{
	char		**set;
	size_t		 n, i;
	unsigned	 mask = 0;

	if (!filter_set(v, &set, &n)) {
		filter_bad(s, name, v);
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
		filter_bad(s, name, v);
	else
		s->f.buying = mask;
	filter_set_free(set, n);
}

static void
filter_f_sellers(struct search *s, const char *name, const char *v)
{
	char	**set;
	size_t	 n;

	if (!filter_set(v, &set, &n)) {
		search_warn(s, 12003, "A seller name in the filter is invalid; "
		    "the filter was ignored.", name, v);
		return;
	}
	if (n > SEARCH_MAX_SELLERS) {
		search_error(s, 400, 12032, "The number of sellers in the filter "
		    "has exceeded the limit. Please reduce the number of sellers "
		    "to 250 or fewer.", "sellers", "251");
		filter_set_free(set, n);
		return;
	}
	if (strcmp(name, "sellers") == 0) {
		filter_set_free(s->f.sellers, s->f.nsellers);
		s->f.sellers = set;
		s->f.nsellers = n;
	} else {
		filter_set_free(s->f.excluded, s->f.nexcluded);
		s->f.excluded = set;
		s->f.nexcluded = n;
	}
}

static void
filter_f_country(struct search *s, const char *name, const char *v)
{
	if (v[0] == '{') {
		/* {GB|US} is accepted and ignored, as on eBay. */
		return;
	}
	if (strlen(v) != 2 || !isupper((unsigned char)v[0]) ||
	    !isupper((unsigned char)v[1])) {
		filter_bad(s, name, v);
		return;
	}
	memcpy(s->f.country, v, 3);
}

static void
filter_f_range(struct search *s, const char *name, const char *v,
    struct range *r, bool (*one)(const char *, size_t, long long *))
{
	if (!filter_range(v, r, one))
		filter_bad(s, name, v);
}

static bool
filter_count(const char *v, size_t n, long long *out)
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
filter_one(struct search *s, const char *name, const char *v)
{
	long long	 m;

	if (strcmp(name, "price") == 0)
		filter_f_range(s, name, v, &s->f.price, filter_money);
	else if (strcmp(name, "priceCurrency") == 0) {
		if (strlen(v) != 3 || cat_rate(v) == 0)
			filter_bad(s, name, v);
		else {
			free(s->price_currency);
			s->price_currency = xstrdup(v);
		}
	} else if (strcmp(name, "conditionIds") == 0)
		filter_f_conditions(s, name, v);
	else if (strcmp(name, "conditions") == 0)
		filter_f_condnames(s, name, v);
	else if (strcmp(name, "buyingOptions") == 0)
		filter_f_buying(s, name, v);
	else if (strcmp(name, "itemLocationCountry") == 0)
		filter_f_country(s, name, v);
	else if (strcmp(name, "itemLocationRegion") == 0)
		s->f.region = true;
	else if (strcmp(name, "itemStartDate") == 0)
		filter_f_range(s, name, v, &s->f.start, filter_date);
	else if (strcmp(name, "itemEndDate") == 0)
		filter_f_range(s, name, v, &s->f.end, filter_date);
	else if (strcmp(name, "bidCount") == 0)
		filter_f_range(s, name, v, &s->f.bids, filter_count);
	else if (strcmp(name, "sellers") == 0 ||
	    strcmp(name, "excludeSellers") == 0)
		filter_f_sellers(s, name, v);
	else if (strcmp(name, "deliveryCountry") == 0)
		s->f.delivery_country = true;
	else if (strcmp(name, "maxDeliveryCost") == 0) {
		if (filter_money(v, strlen(v), &m)) {
			s->f.max_ship_on = true;
			s->f.max_ship = m;
		} else
			filter_bad(s, name, v);
	} else if (strcmp(name, "deliveryPostalCode") == 0 ||
	    strcmp(name, "returnsAccepted") == 0 ||
	    strcmp(name, "searchInDescription") == 0 ||
	    strcmp(name, "excludeCategoryIds") == 0 ||
	    strcmp(name, "charityOnly") == 0)
		;	/* accepted, not simulated */
	else
		filter_bad(s, name, v);
}

/* filter=a:b,c:{d|e},f:[1..2]: commas inside {} or [] do not split. */
void
filter_parse(struct search *s, const char *v)
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
				filter_bad(s, val, val);
				free(val);
			} else {
				name = xstrndup(p, (size_t)(colon - p));
				val = xstrndup(colon + 1, (size_t)(q - colon - 1));
				filter_one(s, name, val);
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

bool
filter_match(const struct search *s, const struct listing *l)
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
	if (!filter_in(&f->start, (long long)l->origin))
		return false;
	if (f->end.on && (!l->show_end || !filter_in(&f->end,
	    (long long)l->ends)))
		return false;
	if (f->bids.on && (!l->auction || !filter_in(&f->bids, l->bid_count)))
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
