/*
 * eBay client: names, errors, pages and items (see ebay.h).  The request
 * builder is ebay-url.c, the parser ebay-parse.c, the token ebay-token.c,
 * call accounting ebay-quota.c, the transfers ebay-client.c.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ebay-int.h"
#include "xmalloc.h"

static const char *const ebay_cond_names[EBAY_COND__MAX] = {
	"new", "open_box", "refurbished", "used", "parts"
};
static const char *const ebay_fmt_names[EBAY_FMT__MAX] = {
	"buy_it_now", "auction", "best_offer"
};
static const char *const ebay_buy_names[EBAY_BUY__MAX] = {
	"FIXED_PRICE", "AUCTION", "BEST_OFFER", "CLASSIFIED_AD"
};
static const char *const ebay_sort_names[EBAY_SORT__MAX] = {
	"best", "price", "-price", "newly_listed", "ending_soonest"
};
static const char *const ebay_errs[EBAY_ERR__MAX] = {
	"no error",
	"invalid search",
	"cannot reach eBay",
	"eBay did not answer in time",
	"eBay server error",
	"bad response from eBay",
	"eBay refused our credentials",
	"eBay call quota exhausted",
	"eBay refused the request",
	"response from eBay too large",
	"database unavailable for eBay bookkeeping",
	"cancelled",
};

static const struct {
	const char	*marketplace;
	const char	*currency;
} ebay_currencies[] = {
	{ "EBAY_US", "USD" }, { "EBAY_MOTORS_US", "USD" },
	{ "EBAY_GB", "GBP" }, { "EBAY_DE", "EUR" }, { "EBAY_AU", "AUD" },
	{ "EBAY_CA", "CAD" }, { "EBAY_FR", "EUR" }, { "EBAY_IT", "EUR" },
	{ "EBAY_ES", "EUR" }, { "EBAY_AT", "EUR" }, { "EBAY_BE", "EUR" },
	{ "EBAY_CH", "CHF" }, { "EBAY_IE", "EUR" }, { "EBAY_NL", "EUR" },
	{ "EBAY_PL", "PLN" }, { "EBAY_HK", "HKD" }, { "EBAY_SG", "SGD" },
};

static bool
ebay_lookup(const char *const *names, int n, const char *s, int *out)
{
	int	 i;

	if (s == NULL)
		return false;
	for (i = 0; i < n; i++)
		if (strcmp(names[i], s) == 0) {
			*out = i;
			return true;
		}
	return false;
}

#define EBAY_NAMES(kind, KIND)						\
const char *								\
ebay_##kind##_name(enum ebay_##kind v)					\
{									\
	return (unsigned)v < KIND##__MAX ? ebay_##kind##_names[v] : NULL; \
}									\
bool									\
ebay_##kind##_parse(const char *s, enum ebay_##kind *out)		\
{									\
	int	 i;							\
									\
	if (!ebay_lookup(ebay_##kind##_names, KIND##__MAX, s, &i))	\
		return false;						\
	*out = (enum ebay_##kind)i;					\
	return true;							\
}

EBAY_NAMES(cond, EBAY_COND)
EBAY_NAMES(fmt, EBAY_FMT)
EBAY_NAMES(buy, EBAY_BUY)
EBAY_NAMES(sort, EBAY_SORT)

const char *
ebay_marketplace_currency(const char *marketplace)
{
	size_t	 i;

	if (marketplace == NULL)
		return NULL;
	for (i = 0; i < sizeof ebay_currencies / sizeof ebay_currencies[0];
	    i++)
		if (strcmp(ebay_currencies[i].marketplace, marketplace) == 0)
			return ebay_currencies[i].currency;
	return NULL;
}

const char *
ebay_strerror(enum ebay_err e)
{
	return (unsigned)e < EBAY_ERR__MAX ? ebay_errs[e] :
	    "unknown eBay error";
}

void
ebay_query_init(struct ebay_query *q)
{
	memset(q, 0, sizeof *q);
	q->sort = EBAY_SORT_BEST;
}

const char *
ebay_item_link(const struct ebay_item *it)
{
	return it->affiliate_web_url != NULL ? it->affiliate_web_url :
	    it->web_url;
}

/*
 * The items' strings: chunks of EBAY_STRS_CHUNK bytes (or one string's
 * size), newest first, each filled from the front.
 */
#define EBAY_STRS_CHUNK	(32 * 1024)

struct ebay_strs {
	struct ebay_strs	*next;
	size_t			 used, cap;
	char			 data[];
};

char *
ebay_page_strndup(struct ebay_page *page, const char *s, size_t n)
{
	struct ebay_strs	*c = page->strs;
	char			*p;
	size_t			 cap;

	if (c == NULL || c->cap - c->used <= n) {
		cap = n >= EBAY_STRS_CHUNK - sizeof *c ? n + 1 :
		    EBAY_STRS_CHUNK - sizeof *c;
		c = xmalloc(sizeof *c + cap);
		c->used = 0;
		c->cap = cap;
		c->next = page->strs;
		page->strs = c;
	}
	p = c->data + c->used;
	memcpy(p, s, n);
	p[n] = '\0';
	c->used += n + 1;
	return p;
}

static void
ebay_strs_free(struct ebay_strs *c)
{
	struct ebay_strs	*next;

	for (; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
}

void
ebay_page_free(struct ebay_page *page)
{
	/* The items' strings live in the page's store. */
	free(page->items);
	free(page->href);
	free(page->next);
	free(page->prev);
	free(page->problem);
	ebay_strs_free(page->strs);
	memset(page, 0, sizeof *page);
}

void
ebay_page_move(struct ebay_page *dst, struct ebay_page *src)
{
	if (dst == src)
		return;
	ebay_page_free(dst);
	*dst = *src;
	memset(src, 0, sizeof *src);
}
