/*
 * eBay client: a typed query to a Browse search URL (every value
 * percent-encoded, filters in eBay's name:value,name:{a|b},name:[lo..hi]
 * syntax), the check of a `next` URL, and the per-call state.
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cfg.h"
#include "ebay-int.h"
#include "jsonv.h"
#include "xmalloc.h"

/* conditionIds per SPEC condition (BROWSE-API.md 5.4). */
static const char *const ebay_cond_ids[EBAY_COND__MAX] = {
	"1000",
	"1500|1750",
	"2000|2010|2020|2030|2500",
	"2750|3000|4000|5000|6000",
	"7000",
};

static const char *const ebay_fmt_options[EBAY_FMT__MAX] = {
	"FIXED_PRICE", "AUCTION", "BEST_OFFER"
};

static const char *const ebay_sort_params[EBAY_SORT__MAX] = {
	NULL, "price", "-price", "newlyListed", "endingSoonest"
};

void
ebay_err_set(struct ebay_error *err, enum ebay_err code, int status,
    const char *fmt, ...)
{
	va_list	 ap;

	err->code = code;
	err->http_status = status;
	if (fmt == NULL) {
		err->message[0] = '\0';
		return;
	}
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
	ebay_utf8_trim(err->message);
}

/* Drop an incomplete UTF-8 sequence left at the end of s by a cut. */
void
ebay_utf8_trim(char *s)
{
	size_t	 n, start, need;
	unsigned char c;

	n = strlen(s);
	for (start = n; start > 0 && n - start < 4; start--) {
		c = (unsigned char)s[start - 1];
		if ((c & 0xc0) != 0x80)
			break;
	}
	if (start == 0)
		return;
	c = (unsigned char)s[start - 1];
	if (c < 0x80)
		return;
	need = (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 :
	    (c & 0xf8) == 0xf0 ? 4 : 0;
	if (n - (start - 1) != need)
		s[start - 1] = '\0';
}

/* Code points of strict UTF-8 s without control characters; -1 if not. */
static long
ebay_utf8_len(const char *s)
{
	const unsigned char	*p;
	long			 n = 0;

	if (!jsonv_utf8_valid(s, strlen(s)))
		return -1;
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return -1;
		if ((*p & 0xc0) != 0x80)
			n++;
	}
	return n;
}

static bool
ebay_digits(const char *s, size_t min, size_t max)
{
	size_t	 n;

	for (n = 0; s[n] != '\0'; n++)
		if (s[n] < '0' || s[n] > '9')
			return false;
	return n >= min && n <= max;
}

static bool
ebay_country_ok(const char *s)
{
	return s != NULL && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' &&
	    s[1] <= 'Z' && s[2] == '\0';
}

/* The priceCurrency a query's price filter uses. */
static const char *
ebay_query_currency(const struct ebay_query *q, const char *marketplace)
{
	if (q->currency != NULL)
		return q->currency;
	if (q->min_price.known)
		return q->min_price.currency;
	if (q->max_price.known)
		return q->max_price.currency;
	return ebay_marketplace_currency(marketplace);
}

static const char *
ebay_query_marketplace(const struct ebay_query *q, const char *def)
{
	if (q != NULL && q->marketplace != NULL)
		return q->marketplace;
	return def != NULL ? def : "EBAY_US";
}

bool
ebay_query_valid(const struct ebay_query *q, const char **why)
{
	const char	*dummy, *cur;
	long		 n;
	int		 limit, c;
	size_t		 i;

	if (why == NULL)
		why = &dummy;
	*why = NULL;
	if (q->q == NULL && q->category_id == NULL)
		*why = "q or category is required";
	else if (q->q != NULL && ((n = ebay_utf8_len(q->q)) < 1 ||
	    n > EBAY_Q_MAX))
		*why = "q must be 1 to 100 characters of text";
	else if (q->category_id != NULL && !ebay_digits(q->category_id, 1, 12))
		*why = "category must be a number";
	else if (q->currency != NULL && !money_currency_valid(q->currency))
		*why = "currency must be a three-letter code";
	else if (q->marketplace != NULL &&
	    !cfg_marketplace_valid(q->marketplace))
		*why = "unknown marketplace";
	else if (q->located_in != NULL && !ebay_country_ok(q->located_in))
		*why = "located_in must be a two-letter country code";
	else if ((unsigned)q->sort >= EBAY_SORT__MAX)
		*why = "unknown sort";
	else if (q->conditions >= EBAY_BIT(EBAY_COND__MAX) ||
	    q->formats >= EBAY_BIT(EBAY_FMT__MAX))
		*why = "unknown condition or format";
	else if (q->nexclude_sellers > EBAY_SELLERS_MAX)
		*why = "too many excluded sellers";
	if (*why != NULL)
		return false;
	limit = q->limit == 0 ? EBAY_LIMIT_DEFAULT : q->limit;
	if (limit < 1 || limit > EBAY_LIMIT_MAX)
		*why = "per_page must be 1 to 200";
	else if (q->offset < 0 || q->offset > EBAY_OFFSET_MAX ||
	    q->offset % limit != 0)
		*why = "page is out of range";
	else if (q->min_price.known && q->max_price.known &&
	    (!money_cmp(&q->min_price, &q->max_price, &c) || c > 0))
		*why = "max_price must not be below min_price";
	if (*why != NULL)
		return false;
	cur = ebay_query_currency(q, ebay_query_marketplace(q, NULL));
	if ((q->min_price.known && (cur == NULL ||
	    strcmp(cur, q->min_price.currency) != 0)) ||
	    (q->max_price.known && (cur == NULL ||
	    strcmp(cur, q->max_price.currency) != 0))) {
		*why = "prices and currency disagree";
		return false;
	}
	for (i = 0; i < q->nexclude_sellers; i++)
		if (q->exclude_sellers[i] == NULL ||
		    ebay_utf8_len(q->exclude_sellers[i]) < 1 ||
		    strpbrk(q->exclude_sellers[i], "{}|,[]") != NULL) {
			*why = "an excluded seller name is not valid";
			return false;
		}
	for (i = 0; i < q->nexclude_words; i++)
		if (q->exclude_words[i] == NULL ||
		    ebay_utf8_len(q->exclude_words[i]) < 1) {
			*why = "an excluded word is empty";
			return false;
		}
	return true;
}

/* The delivery country: the contextual location's, else the site's. */
static void
ebay_delivery_country(const char *ctxloc, const char *marketplace,
    char out[3])
{
	const char	*p;

	if (ctxloc != NULL && (p = strstr(ctxloc, "country=")) != NULL &&
	    (p == ctxloc || p[-1] == ',') && isupper((unsigned char)p[8]) &&
	    isupper((unsigned char)p[9])) {
		out[0] = p[8];
		out[1] = p[9];
		out[2] = '\0';
		return;
	}
	if (strcmp(marketplace, "EBAY_MOTORS_US") == 0)
		marketplace = "EBAY_US";
	out[0] = marketplace[5];
	out[1] = marketplace[6];
	out[2] = '\0';
}

static void
ebay_filter_sep(struct buf *f)
{
	if (f->len > 0)
		buf_addc(f, ',');
}

static void
ebay_filters(struct buf *f, const struct ebay_query *q, const char *mkt,
    const char *ctxloc)
{
	char		 num[MONEY_STR_MAX], country[3];
	unsigned	 formats;
	const char	*sep;
	size_t		 i;
	int		 k;

	formats = q->formats != 0 ? q->formats :
	    EBAY_BIT(EBAY_FMT_BUY_IT_NOW) | EBAY_BIT(EBAY_FMT_AUCTION);
	buf_adds(f, "buyingOptions:{");
	for (sep = "", k = 0; k < EBAY_FMT__MAX; k++)
		if (formats & EBAY_BIT(k)) {
			buf_addf(f, "%s%s", sep, ebay_fmt_options[k]);
			sep = "|";
		}
	buf_addc(f, '}');
	if (q->conditions != 0) {
		buf_adds(f, ",conditionIds:{");
		for (sep = "", k = 0; k < EBAY_COND__MAX; k++)
			if (q->conditions & EBAY_BIT(k)) {
				buf_addf(f, "%s%s", sep, ebay_cond_ids[k]);
				sep = "|";
			}
		buf_addc(f, '}');
	}
	if (q->min_price.known || q->max_price.known) {
		buf_adds(f, ",price:[");
		if (q->min_price.known)
			buf_adds(f, money_format(&q->min_price, num,
			    sizeof num));
		if (q->max_price.known) {
			buf_adds(f, "..");
			buf_adds(f, money_format(&q->max_price, num,
			    sizeof num));
		}
		buf_addf(f, "],priceCurrency:%s", ebay_query_currency(q, mkt));
	} else if (q->currency != NULL)
		buf_addf(f, ",priceCurrency:%s", q->currency);
	if (q->located_in != NULL)
		buf_addf(f, ",itemLocationCountry:%s", q->located_in);
	if (q->free_shipping) {
		ebay_delivery_country(ctxloc, mkt, country);
		buf_addf(f, ",maxDeliveryCost:0,deliveryCountry:%s", country);
	}
	if (q->nexclude_sellers > 0) {
		ebay_filter_sep(f);
		buf_adds(f, "excludeSellers:{");
		for (i = 0; i < q->nexclude_sellers; i++)
			buf_addf(f, "%s%s", i > 0 ? "|" : "",
			    q->exclude_sellers[i]);
		buf_addc(f, '}');
	}
	if (q->start_from > 0) {
		struct tm	 tm;
		char		 when[32];

		if (gmtime_r(&q->start_from, &tm) != NULL &&
		    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S.000Z",
		    &tm) > 0)
			buf_addf(f, ",itemStartDate:[%s]", when);
	}
}

/* The URL; ctxloc (the contextual location) picks the delivery country. */
static char *
ebay_query_url_ctx(const struct ebay_query *q, const char *api_base,
    const char *default_marketplace, const char *ctxloc)
{
	struct buf		 u, f;
	const char		*mkt;

	if (!ebay_query_valid(q, NULL))
		return NULL;
	mkt = ebay_query_marketplace(q, default_marketplace);
	buf_init(&u, 0);
	buf_init(&f, 0);
	buf_adds(&u, api_base);
	buf_adds(&u, EBAY_SEARCH_PATH "?");
	if (q->q != NULL) {
		buf_adds(&u, "q=");
		buf_add_urlenc(&u, q->q);
		buf_addc(&u, '&');
	}
	if (q->category_id != NULL)
		buf_addf(&u, "category_ids=%s&", q->category_id);
	ebay_filters(&f, q, mkt, ctxloc);
	buf_adds(&u, "filter=");
	buf_add_urlenc(&u, buf_cstr(&f));
	if (ebay_sort_params[q->sort] != NULL) {
		buf_adds(&u, "&sort=");
		buf_add_urlenc(&u, ebay_sort_params[q->sort]);
	}
	buf_addf(&u, "&limit=%d&offset=%d",
	    q->limit == 0 ? EBAY_LIMIT_DEFAULT : q->limit, q->offset);
	buf_free(&f);
	if (buf_failed(&u)) {
		buf_free(&u);
		return NULL;
	}
	return buf_detach(&u);
}

char *
ebay_query_url(const struct ebay_query *q, const char *api_base,
    const char *default_marketplace)
{
	return ebay_query_url_ctx(q, api_base, default_marketplace, NULL);
}

/*
 * A next/prev URL is followed only under our own API base and search
 * endpoint: the bearer token must never be sent anywhere else.
 */
bool
ebay_next_url_ok(const char *next, const char *api_base)
{
	size_t	 n, p;
	const char *s;

	if (next == NULL || api_base == NULL)
		return false;
	n = strlen(api_base);
	p = strlen(EBAY_SEARCH_PATH);
	if (strncmp(next, api_base, n) != 0 ||
	    strncmp(next + n, EBAY_SEARCH_PATH, p) != 0 ||
	    next[n + p] != '?')
		return false;
	for (s = next; *s != '\0'; s++)
		if ((unsigned char)*s <= 0x20 || (unsigned char)*s >= 0x7f)
			return false;
	return s - next < 8192;
}

bool
ebay_call_init(struct ebay_call *call, const struct ebay_client *c,
    const struct ebay_query *q, const char *next_url)
{
	const char	*why, *mkt;
	size_t		 i, j;

	memset(call, 0, sizeof *call);
	mkt = ebay_query_marketplace(q, c->cfg->ebay_marketplace);
	snprintf(call->marketplace, sizeof call->marketplace, "%s", mkt);
	if (q != NULL && !ebay_query_valid(q, &why)) {
		ebay_err_set(&call->err, EBAY_ERR_INVALID, 0, "%s", why);
		return false;
	}
	if (q != NULL && q->marketplace == NULL && c->cfg->ebay_marketplace
	    != NULL && !cfg_marketplace_valid(c->cfg->ebay_marketplace)) {
		ebay_err_set(&call->err, EBAY_ERR_INVALID, 0,
		    "unknown marketplace");
		return false;
	}
	if (next_url != NULL) {
		if (!ebay_next_url_ok(next_url, c->cfg->ebay_api_base)) {
			ebay_err_set(&call->err, EBAY_ERR_INVALID, 0,
			    "next URL is not under the eBay API base");
			return false;
		}
		call->url = xstrdup(next_url);
	} else if (q == NULL ||
	    (call->url = ebay_query_url_ctx(q, c->cfg->ebay_api_base, mkt,
	    c->cfg->ebay_contextual_location)) == NULL) {
		ebay_err_set(&call->err, EBAY_ERR_INVALID, 0, "no query");
		return false;
	}
	if (q != NULL && q->nexclude_words > 0) {
		call->exclude = xcalloc(q->nexclude_words,
		    sizeof *call->exclude);
		for (i = 0; i < q->nexclude_words; i++) {
			call->exclude[i] = xstrdup(q->exclude_words[i]);
			for (j = 0; call->exclude[i][j] != '\0'; j++)
				call->exclude[i][j] = (char)tolower(
				    (unsigned char)call->exclude[i][j]);
		}
		call->nexclude = q->nexclude_words;
	}
	return true;
}

void
ebay_call_free(struct ebay_call *call)
{
	size_t	 i;

	free(call->url);
	for (i = 0; i < call->nexclude; i++)
		free(call->exclude[i]);
	free(call->exclude);
	if (call->token != NULL) {
		explicit_bzero(call->token, strlen(call->token));
		free(call->token);
	}
	ebay_page_free(&call->page);
	memset(call, 0, sizeof *call);
}
