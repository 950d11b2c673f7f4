/*
 * eBay search URLs to saved-search parameters (see ebay-link.h).
 *
 * The URL is taken apart in three steps: the host names the marketplace
 * (ebay_link_sites), the path must be a search page (/sch/i.html, possibly
 * with a category slug and id before it), and each query parameter goes to
 * its handler in ebay_link_handlers, which either records a translation in
 * the accumulator or names the parameter as skipped.  The accumulator is
 * then written out in one fixed order, so equal searches give equal
 * results whatever the order of the URL's parameters.
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "ebay-link.h"
#include "form.h"
#include "xmalloc.h"

/* eBay's sites: the host after "www." and the marketplace it serves. */
static const struct ebay_link_site {
	const char	*host;
	const char	*marketplace;
	const char	*country;
	const char	*currency;
} ebay_link_sites[] = {
	{ "ebay.com",		"EBAY_US", "US", "USD" },
	{ "ebay.co.uk",		"EBAY_GB", "GB", "GBP" },
	{ "ebay.de",		"EBAY_DE", "DE", "EUR" },
	{ "ebay.com.au",	"EBAY_AU", "AU", "AUD" },
	{ "ebay.ca",		"EBAY_CA", "CA", "CAD" },
	{ "ebay.fr",		"EBAY_FR", "FR", "EUR" },
	{ "ebay.it",		"EBAY_IT", "IT", "EUR" },
	{ "ebay.es",		"EBAY_ES", "ES", "EUR" },
	{ "ebay.at",		"EBAY_AT", "AT", "EUR" },
	{ "ebay.be",		"EBAY_BE", "BE", "EUR" },
	{ "ebay.ch",		"EBAY_CH", "CH", "CHF" },
	{ "ebay.ie",		"EBAY_IE", "IE", "EUR" },
	{ "ebay.nl",		"EBAY_NL", "NL", "EUR" },
	{ "ebay.pl",		"EBAY_PL", "PL", "PLN" },
	{ "ebay.com.hk",	"EBAY_HK", "HK", "HKD" },
	{ "ebay.com.sg",	"EBAY_SG", "SG", "SGD" },
};

/* Host prefixes eBay uses for the same site (mobile, Belgium's languages). */
static const char *const ebay_link_host_prefixes[] = {
	"www.", "m.", "benl.", "befr.", "cafr.", NULL
};

/* eBay's numeric country ids (_salic) for the countries we know for sure. */
static const struct {
	const char	*id;
	const char	*iso;
} ebay_link_countries[] = {
	{ "1", "US" }, { "2", "CA" }, { "3", "GB" }, { "15", "AU" },
	{ "16", "AT" }, { "23", "BE" }, { "45", "CN" }, { "71", "FR" },
	{ "77", "DE" }, { "92", "HK" }, { "101", "IT" }, { "104", "JP" },
	{ "146", "NL" }, { "163", "PL" }, { "186", "ES" }, { "193", "CH" },
};

/* LH_ItemCondition codes, grouped into SPEC's five conditions. */
enum ebay_link_cond {
	COND_NEW, COND_OPEN_BOX, COND_REFURBISHED, COND_USED, COND_PARTS,
	COND__MAX
};
static const char *const ebay_link_cond_names[COND__MAX] = {
	"new", "open_box", "refurbished", "used", "parts"
};
static const struct {
	const char		*code;
	enum ebay_link_cond	 cond;
} ebay_link_conds[] = {
	{ "1000", COND_NEW }, { "1500", COND_OPEN_BOX },
	{ "1750", COND_OPEN_BOX }, { "2000", COND_REFURBISHED },
	{ "2010", COND_REFURBISHED }, { "2020", COND_REFURBISHED },
	{ "2030", COND_REFURBISHED }, { "2500", COND_REFURBISHED },
	{ "2750", COND_USED }, { "3000", COND_USED }, { "4000", COND_USED },
	{ "5000", COND_USED }, { "6000", COND_USED }, { "7000", COND_PARTS },
};

enum ebay_link_fmt { FMT_BIN, FMT_AUCTION, FMT_BO, FMT__MAX };
static const char *const ebay_link_fmt_names[FMT__MAX] = {
	"buy_it_now", "auction", "best_offer"
};

/* _sop codes. */
static const struct {
	const char	*code;
	const char	*sort;
} ebay_link_sorts[] = {
	{ "12", "best" }, { "15", "price" }, { "16", "-price" },
	{ "10", "newly_listed" }, { "1", "ending_soonest" },
};

/* Everything understood so far, written out by ebay_link_emit(). */
struct ebay_link_acc {
	struct ebay_link	*out;
	char		*q;
	char		*category;
	char		*path_category;
	char		*min_price;
	char		*max_price;
	bool		 cond[COND__MAX];
	bool		 fmt[FMT__MAX];
	char		**exclude;
	size_t		 nexclude;
	char		**sellers;		/* _sasl, split */
	size_t		 nsellers;
	const char	*sasl_raw;		/* borrowed from the form */
	int		 saslop;		/* 0 unset, 1 include, 2 exclude */
	const char	*located_in;
	const char	*prefloc_country;	/* from LH_PrefLoc=1 */
	bool		 free_shipping;
	const char	*sort;
	const char	*seen[32];		/* scalar names already taken */
	size_t		 nseen;
};

typedef void ebay_link_handler(struct ebay_link_acc *, const char *name,
    const char *value);

static void
ebay_link_skip(struct ebay_link_acc *acc, const char *name, const char *value,
    enum ebay_link_skip_kind kind, const char *reason)
{
	struct ebay_link		*u = acc->out;
	struct ebay_link_skip	*s;

	u->skipped = xreallocarray(u->skipped, u->nskipped + 1,
	    sizeof *u->skipped);
	s = &u->skipped[u->nskipped++];
	s->name = xstrdup(name);
	s->value = xstrdup(value);
	s->kind = kind;
	s->reason = reason;
}

static void
ebay_link_unmapped(struct ebay_link_acc *acc, const char *name,
    const char *value, const char *reason)
{
	ebay_link_skip(acc, name, value, EBAY_LINK_UNMAPPED, reason);
}

static void
ebay_link_add(struct ebay_link *u, const char *key, const char *val)
{
	struct ebay_link_param	*p;

	u->params = xreallocarray(u->params, u->nparams + 1, sizeof *u->params);
	p = &u->params[u->nparams++];
	p->key = xstrdup(key);
	p->val = xstrdup(val);
}

/*
 * True the first time a single-valued parameter is met; a repeat is
 * reported and ignored (the first value counts, as it does on eBay).
 */
static bool
ebay_link_first(struct ebay_link_acc *acc, const char *name, const char *value)
{
	size_t	 i;

	for (i = 0; i < acc->nseen; i++)
		if (strcmp(acc->seen[i], name) == 0) {
			ebay_link_unmapped(acc, name, value, "given more than "
			    "once; only the first value is used");
			return false;
		}
	if (acc->nseen < sizeof acc->seen / sizeof acc->seen[0])
		acc->seen[acc->nseen++] = name;
	return true;
}

/* Valid UTF-8 with no control characters (C0, DEL, C1). */
static bool
ebay_link_text_ok(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	uint32_t		 cp;
	int			 n, i;

	while (*p != '\0') {
		if (*p < 0x80) {
			if (*p < 0x20 || *p == 0x7f)
				return false;
			p++;
			continue;
		}
		if ((*p & 0xe0) == 0xc0) {
			n = 1;
			cp = *p & 0x1f;
		} else if ((*p & 0xf0) == 0xe0) {
			n = 2;
			cp = *p & 0x0f;
		} else if ((*p & 0xf8) == 0xf0) {
			n = 3;
			cp = *p & 0x07;
		} else
			return false;
		for (i = 1; i <= n; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (p[i] & 0x3f);
		}
		if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) ||
		    (n == 3 && cp < 0x10000) || cp > 0x10ffff ||
		    (cp >= 0xd800 && cp <= 0xdfff) ||
		    (cp >= 0x80 && cp < 0xa0))
			return false;
		p += n + 1;
	}
	return true;
}

static bool
ebay_link_digits(const char *s, size_t max)
{
	size_t	 n = strlen(s);

	return n > 0 && n <= max && strspn(s, "0123456789") == n;
}

/* "12", "12.5", "12,50" -> "12", "12.5", "12.50"; NULL if not a price. */
static char *
ebay_link_price(const char *s)
{
	size_t	 ip, fp = 0, n;
	char	*out;

	ip = strspn(s, "0123456789");
	if (ip == 0 || ip > 10)
		return NULL;
	n = ip;
	if (s[ip] == '.' || s[ip] == ',') {
		fp = strspn(s + ip + 1, "0123456789");
		if (fp == 0 || fp > 2)
			return NULL;
		n += 1 + fp;
	}
	if (s[n] != '\0')
		return NULL;
	out = xstrdup(s);
	if (fp > 0)
		out[ip] = '.';
	return out;
}

static void
ebay_link_push_word(char ***list, size_t *n, const char *w, size_t len)
{
	size_t	 i;

	if (len == 0)
		return;
	for (i = 0; i < *n; i++)
		if (strlen((*list)[i]) == len && strncmp((*list)[i], w, len) == 0)
			return;
	*list = xreallocarray(*list, *n + 1, sizeof **list);
	(*list)[(*n)++] = xstrndup(w, len);
}

/* Add each word of s (separated by any of seps) to a list, once. */
static void
ebay_link_push_words(char ***list, size_t *n, const char *s, const char *seps)
{
	size_t	 len;

	for (;;) {
		s += strspn(s, seps);
		if (*s == '\0')
			break;
		len = strcspn(s, seps);
		ebay_link_push_word(list, n, s, len);
		s += len;
	}
}

/* --- handlers --------------------------------------------------------- */

/*
 * _nkw: the keywords.  eBay's "-word" and "-(a,b)" exclusions become
 * exclude words; the rest stays the query, spaces collapsed.
 */
static void
ebay_link_h_nkw(struct ebay_link_acc *acc, const char *name, const char *value)
{
	struct buf	 q;
	const char	*p = value, *w;
	size_t		 len;

	if (!ebay_link_first(acc, name, value))
		return;
	if (!ebay_link_text_ok(value)) {
		ebay_link_unmapped(acc, name, value, "the keywords are not "
		    "valid UTF-8 text");
		return;
	}
	buf_init(&q, 0);
	for (;;) {
		p += strspn(p, " \t");
		if (*p == '\0')
			break;
		len = strcspn(p, " \t");
		if (p[0] == '-' && p[1] == '(' && p[len - 1] == ')' &&
		    len > 3) {
			w = p + 2;
			while (w < p + len - 1) {
				size_t	 wl = strcspn(w, ",)");

				if (w + wl > p + len - 1)
					wl = (size_t)(p + len - 1 - w);
				ebay_link_push_word(&acc->exclude,
				    &acc->nexclude, w, wl);
				w += wl + 1;
			}
		} else if (p[0] == '-' && len > 1)
			ebay_link_push_word(&acc->exclude, &acc->nexclude,
			    p + 1, len - 1);
		else {
			if (q.len > 0)
				buf_addc(&q, ' ');
			buf_add(&q, p, len);
		}
		p += len;
	}
	if (q.len > 0)
		acc->q = buf_detach(&q);
	buf_free(&q);
}

static void
ebay_link_h_ex_kw(struct ebay_link_acc *acc, const char *name,
    const char *value)
{
	if (!ebay_link_text_ok(value)) {
		ebay_link_unmapped(acc, name, value, "the words are not valid "
		    "UTF-8 text");
		return;
	}
	ebay_link_push_words(&acc->exclude, &acc->nexclude, value, " ,\t");
}

/* _in_kw: how keywords match; only 1 (all words, any order) is ours. */
static void
ebay_link_h_in_kw(struct ebay_link_acc *acc, const char *name,
    const char *value)
{
	if (strcmp(value, "1") != 0 && *value != '\0')
		ebay_link_unmapped(acc, name, value, "keyword matching other "
		    "than \"all words, any order\" is not supported");
}

static void
ebay_link_h_price(struct ebay_link_acc *acc, const char *name,
    const char *value)
{
	char	**slot, *p;

	slot = strcmp(name, "_udlo") == 0 ? &acc->min_price : &acc->max_price;
	if (*value == '\0' || !ebay_link_first(acc, name, value))
		return;
	if ((p = ebay_link_price(value)) == NULL) {
		ebay_link_unmapped(acc, name, value, "not a price");
		return;
	}
	*slot = p;
}

/* LH_BIN, LH_Auction, LH_BO, LH_FS: 1 sets, 0 or empty is no filter. */
static void
ebay_link_h_flag(struct ebay_link_acc *acc, const char *name,
    const char *value)
{
	bool	*flag;

	if (strcmp(name, "LH_BIN") == 0)
		flag = &acc->fmt[FMT_BIN];
	else if (strcmp(name, "LH_Auction") == 0)
		flag = &acc->fmt[FMT_AUCTION];
	else if (strcmp(name, "LH_BO") == 0)
		flag = &acc->fmt[FMT_BO];
	else
		flag = &acc->free_shipping;
	if (strcmp(value, "1") == 0)
		*flag = true;
	else if (strcmp(value, "0") != 0 && *value != '\0')
		ebay_link_unmapped(acc, name, value, "expected 1 or 0");
}

/* LH_ItemCondition: codes separated by '|' (or ',' in older links). */
static void
ebay_link_h_condition(struct ebay_link_acc *acc, const char *name,
    const char *value)
{
	const char	*p = value;
	char		 code[16];
	size_t		 len, i;
	bool		 found;

	for (;;) {
		p += strspn(p, "|, ");
		if (*p == '\0')
			break;
		len = strcspn(p, "|, ");
		found = false;
		if (len < sizeof code) {
			memcpy(code, p, len);
			code[len] = '\0';
			for (i = 0; i < sizeof ebay_link_conds /
			    sizeof ebay_link_conds[0]; i++)
				if (strcmp(code, ebay_link_conds[i].code) == 0) {
					acc->cond[ebay_link_conds[i].cond] = true;
					found = true;
				}
		}
		if (!found) {
			char	*v = xstrndup(p, len);

			ebay_link_unmapped(acc, name, v, "unknown condition "
			    "code");
			free(v);
		}
		p += len;
	}
}

static void
ebay_link_h_sop(struct ebay_link_acc *acc, const char *name, const char *value)
{
	size_t	 i;

	if (!ebay_link_first(acc, name, value))
		return;
	for (i = 0; i < sizeof ebay_link_sorts / sizeof ebay_link_sorts[0]; i++)
		if (strcmp(value, ebay_link_sorts[i].code) == 0) {
			acc->sort = ebay_link_sorts[i].sort;
			return;
		}
	ebay_link_unmapped(acc, name, value, "this sort order has no "
	    "equivalent (best, price, -price, newly_listed, ending_soonest)");
}

static void
ebay_link_h_sacat(struct ebay_link_acc *acc, const char *name,
    const char *value)
{
	if (!ebay_link_first(acc, name, value))
		return;
	if (*value == '\0' || strcmp(value, "0") == 0 ||
	    strcmp(value, "-1") == 0)
		return;		/* all categories */
	if (!ebay_link_digits(value, 12)) {
		ebay_link_unmapped(acc, name, value, "not a category id");
		return;
	}
	acc->category = xstrdup(value);
}

/* LH_PrefLoc: 1 the site's country, 2 worldwide; others are regions. */
static void
ebay_link_h_prefloc(struct ebay_link_acc *acc, const char *name,
    const char *value)
{
	if (!ebay_link_first(acc, name, value))
		return;
	if (strcmp(value, "1") == 0)
		acc->prefloc_country = acc->out->country;
	else if (strcmp(value, "2") != 0 && *value != '\0')
		ebay_link_unmapped(acc, name, value, "a region (such as the "
		    "European Union or North America) cannot be expressed; "
		    "only one country");
}

static void
ebay_link_h_salic(struct ebay_link_acc *acc, const char *name,
    const char *value)
{
	size_t	 i;

	if (!ebay_link_first(acc, name, value))
		return;
	for (i = 0; i < sizeof ebay_link_countries /
	    sizeof ebay_link_countries[0]; i++)
		if (strcmp(value, ebay_link_countries[i].id) == 0) {
			acc->located_in = ebay_link_countries[i].iso;
			return;
		}
	ebay_link_unmapped(acc, name, value, "unknown eBay country id");
}

/* _sasl: seller names; _saslop says include (1) or exclude (2). */
static void
ebay_link_h_sasl(struct ebay_link_acc *acc, const char *name,
    const char *value)
{
	if (!ebay_link_first(acc, name, value))
		return;
	if (!ebay_link_text_ok(value)) {
		ebay_link_unmapped(acc, name, value, "the seller names are not "
		    "valid UTF-8 text");
		return;
	}
	acc->sasl_raw = value;
	ebay_link_push_words(&acc->sellers, &acc->nsellers, value, " ,\t");
}

static void
ebay_link_h_saslop(struct ebay_link_acc *acc, const char *name,
    const char *value)
{
	if (!ebay_link_first(acc, name, value))
		return;
	if (strcmp(value, "1") == 0)
		acc->saslop = 1;
	else if (strcmp(value, "2") == 0)
		acc->saslop = 2;
	else
		ebay_link_unmapped(acc, name, value, "expected 1 (only these "
		    "sellers) or 2 (not these sellers)");
}

static void
ebay_link_h_ssn(struct ebay_link_acc *acc, const char *name, const char *value)
{
	if (*value != '\0')
		ebay_link_unmapped(acc, name, value, "a saved search cannot be "
		    "limited to one seller's listings");
}

/* Parameters that only change the page, not which listings match. */
static void
ebay_link_h_ignore(struct ebay_link_acc *acc, const char *name,
    const char *value)
{
	ebay_link_skip(acc, name, value, EBAY_LINK_IGNORED, "display or "
	    "tracking only; it does not change which listings match");
}

/* Markers that only enable another parameter (checked when emitting). */
static void
ebay_link_h_marker(struct ebay_link_acc *acc, const char *name,
    const char *value)
{
}

static void
ebay_link_h_sold(struct ebay_link_acc *acc, const char *name,
    const char *value)
{
	if (strcmp(value, "0") != 0 && *value != '\0')
		ebay_link_unmapped(acc, name, value, "sold and completed "
		    "listings cannot be searched through eBay's Browse API");
}

static void
ebay_link_h_distance(struct ebay_link_acc *acc, const char *name,
    const char *value)
{
	ebay_link_unmapped(acc, name, value, "distance from a postcode "
	    "cannot be expressed; use located_in");
}

static const struct {
	const char		*name;
	ebay_link_handler	*fn;
} ebay_link_handlers[] = {
	{ "_nkw", ebay_link_h_nkw },
	{ "_ex_kw", ebay_link_h_ex_kw },
	{ "_in_kw", ebay_link_h_in_kw },
	{ "_udlo", ebay_link_h_price },
	{ "_udhi", ebay_link_h_price },
	{ "LH_BIN", ebay_link_h_flag },
	{ "LH_Auction", ebay_link_h_flag },
	{ "LH_BO", ebay_link_h_flag },
	{ "LH_FS", ebay_link_h_flag },
	{ "LH_ItemCondition", ebay_link_h_condition },
	{ "_sop", ebay_link_h_sop },
	{ "_sacat", ebay_link_h_sacat },
	{ "LH_PrefLoc", ebay_link_h_prefloc },
	{ "_salic", ebay_link_h_salic },
	{ "LH_LocatedIn", ebay_link_h_marker },
	{ "_sasl", ebay_link_h_sasl },
	{ "_saslop", ebay_link_h_saslop },
	{ "_fss", ebay_link_h_marker },
	{ "LH_SpecificSeller", ebay_link_h_marker },
	{ "_ssn", ebay_link_h_ssn },
	{ "LH_Sold", ebay_link_h_sold },
	{ "LH_Complete", ebay_link_h_sold },
	{ "_sadis", ebay_link_h_distance },
	{ "_fspt", ebay_link_h_distance },
	{ "LH_All", ebay_link_h_marker },
	{ "_mPrRngCbx", ebay_link_h_marker },
	{ "_from", ebay_link_h_ignore },
	{ "_trksid", ebay_link_h_ignore },
	{ "_trkparms", ebay_link_h_ignore },
	{ "_odkw", ebay_link_h_ignore },
	{ "_osacat", ebay_link_h_ignore },
	{ "_dcat", ebay_link_h_ignore },
	{ "_pgn", ebay_link_h_ignore },
	{ "_ipg", ebay_link_h_ignore },
	{ "_dmd", ebay_link_h_ignore },
	{ "_fsrp", ebay_link_h_ignore },
	{ "_stpos", ebay_link_h_ignore },
	{ "_fcid", ebay_link_h_ignore },
	{ "_sacc", ebay_link_h_ignore },
	{ "_oac", ebay_link_h_ignore },
	{ "rt", ebay_link_h_ignore },
	{ "hash", ebay_link_h_ignore },
	{ "mkcid", ebay_link_h_ignore },
	{ "mkrid", ebay_link_h_ignore },
	{ "mkevt", ebay_link_h_ignore },
	{ "campid", ebay_link_h_ignore },
	{ "customid", ebay_link_h_ignore },
	{ "toolid", ebay_link_h_ignore },
	{ "siteid", ebay_link_h_ignore },
	{ "norover", ebay_link_h_ignore },
};

/* --- output --------------------------------------------------------- */

static void
ebay_link_emit(struct ebay_link_acc *acc)
{
	struct ebay_link	*u = acc->out;
	const char	*category;
	size_t		 i;

	ebay_link_add(u, "marketplace", u->marketplace);
	if (acc->q != NULL)
		ebay_link_add(u, "q", acc->q);
	category = acc->category != NULL ? acc->category : acc->path_category;
	if (category != NULL)
		ebay_link_add(u, "category", category);
	if (acc->min_price != NULL)
		ebay_link_add(u, "min_price", acc->min_price);
	if (acc->max_price != NULL)
		ebay_link_add(u, "max_price", acc->max_price);
	if (acc->min_price != NULL || acc->max_price != NULL)
		ebay_link_add(u, "currency", u->currency);
	for (i = 0; i < COND__MAX; i++)
		if (acc->cond[i])
			ebay_link_add(u, "condition", ebay_link_cond_names[i]);
	for (i = 0; i < FMT__MAX; i++)
		if (acc->fmt[i])
			ebay_link_add(u, "format", ebay_link_fmt_names[i]);
	for (i = 0; i < acc->nexclude; i++)
		ebay_link_add(u, "exclude", acc->exclude[i]);
	if (acc->nsellers > 0 && acc->saslop == 2)
		for (i = 0; i < acc->nsellers; i++)
			ebay_link_add(u, "seller_exclude", acc->sellers[i]);
	else if (acc->nsellers > 0)
		ebay_link_unmapped(acc, "_sasl", acc->sasl_raw, "a saved search "
		    "cannot be limited to some sellers' listings (only "
		    "exclude sellers, with _saslop=2)");
	if (acc->located_in != NULL) {
		ebay_link_add(u, "located_in", acc->located_in);
		if (acc->prefloc_country != NULL &&
		    strcmp(acc->prefloc_country, acc->located_in) != 0)
			ebay_link_unmapped(acc, "LH_PrefLoc", "1", "conflicts "
			    "with _salic, which is used");
	} else if (acc->prefloc_country != NULL)
		ebay_link_add(u, "located_in", acc->prefloc_country);
	if (acc->free_shipping)
		ebay_link_add(u, "free_shipping", "1");
	if (acc->sort != NULL)
		ebay_link_add(u, "sort", acc->sort);
}

static void
ebay_link_acc_free(struct ebay_link_acc *acc)
{
	size_t	 i;

	free(acc->q);
	free(acc->category);
	free(acc->path_category);
	free(acc->min_price);
	free(acc->max_price);
	for (i = 0; i < acc->nexclude; i++)
		free(acc->exclude[i]);
	free(acc->exclude);
	for (i = 0; i < acc->nsellers; i++)
		free(acc->sellers[i]);
	free(acc->sellers);
}

/* --- the URL itself ------------------------------------------------- */

const char *
ebay_link_host_marketplace(const char *host, size_t len)
{
	const struct ebay_link_site	*s;
	size_t				 i, plen;

	for (i = 0; ebay_link_host_prefixes[i] != NULL; i++) {
		plen = strlen(ebay_link_host_prefixes[i]);
		if (len > plen && strncasecmp(host, ebay_link_host_prefixes[i],
		    plen) == 0) {
			host += plen;
			len -= plen;
			break;
		}
	}
	for (i = 0; i < sizeof ebay_link_sites / sizeof ebay_link_sites[0]; i++) {
		s = &ebay_link_sites[i];
		if (strlen(s->host) == len && strncasecmp(host, s->host, len) == 0)
			return s->marketplace;
	}
	return NULL;
}

static bool
ebay_link_fail(char **cause, const char *why)
{
	*cause = xstrdup(why);
	return false;
}

/*
 * The path: /sch/i.html, /sch/<slug>/i.html, /sch/<slug>/<id>/i.html or
 * /sch/<id>/i.html.  A numeric segment before i.html is the category.
 */
static bool
ebay_link_path(struct ebay_link_acc *acc, const char *p, size_t len)
{
	const char	*seg, *end = p + len, *last = NULL;
	size_t		 seglen, lastlen = 0, n = 0;

	if (len < 5 || strncmp(p, "/sch/", 5) != 0)
		return false;
	if (len >= 7 + 4 && strncmp(end - 7, "/i.html", 7) == 0)
		end -= 7;
	else if (len == 5 || (len == 11 && strncmp(p, "/sch/i.html", 11) == 0))
		end = p + 4;
	else
		return false;
	for (seg = p + 5; seg < end; seg += seglen + 1) {
		seglen = strcspn(seg, "/");
		if (seg + seglen > end)
			seglen = (size_t)(end - seg);
		if (seglen == 0 || ++n > 2)
			return false;
		last = seg;
		lastlen = seglen;
	}
	if (last != NULL && lastlen <= 12 &&
	    strspn(last, "0123456789") >= lastlen)
		acc->path_category = xstrndup(last, lastlen);
	return true;
}

bool
ebay_link_parse(const char *url, struct ebay_link *out, char **cause)
{
	const struct ebay_link_site	*site = NULL;
	struct ebay_link_acc		 acc;
	struct form			 query;
	const char			*p, *host, *mkt;
	size_t				 len, hostlen, pathlen, i, j;
	bool				 handled;

	memset(out, 0, sizeof *out);
	*cause = NULL;
	while (*url == ' ' || *url == '\t' || *url == '\r' || *url == '\n')
		url++;
	len = strlen(url);
	while (len > 0 && (url[len - 1] == ' ' || url[len - 1] == '\t' ||
	    url[len - 1] == '\r' || url[len - 1] == '\n'))
		len--;
	if (len == 0)
		return ebay_link_fail(cause, "the address is empty");
	if (len > EBAY_LINK_MAX)
		return ebay_link_fail(cause, "the address is too long");
	for (i = 0; i < len; i++)
		if ((unsigned char)url[i] <= 0x20 || url[i] == 0x7f)
			return ebay_link_fail(cause, "the address contains "
			    "spaces or control characters");
	p = url;
	if (len >= 8 && strncasecmp(p, "https://", 8) == 0)
		p += 8;
	else if (len >= 7 && strncasecmp(p, "http://", 7) == 0)
		p += 7;
	else if (strstr(url, "://") != NULL &&
	    strstr(url, "://") < url + strcspn(url, "/?#"))
		return ebay_link_fail(cause, "the address must start with "
		    "https://");
	len -= (size_t)(p - url);
	host = p;
	hostlen = strcspn(host, "/?#");
	if (hostlen > len)
		hostlen = len;
	if (memchr(host, '@', hostlen) != NULL ||
	    memchr(host, ':', hostlen) != NULL)
		return ebay_link_fail(cause, "the address names a user or a "
		    "port; eBay's addresses do not");
	if ((mkt = ebay_link_host_marketplace(host, hostlen)) == NULL)
		return ebay_link_fail(cause, "not an eBay site (such as "
		    "www.ebay.com, www.ebay.de or www.ebay.co.uk)");
	for (i = 0; i < sizeof ebay_link_sites / sizeof ebay_link_sites[0]; i++)
		if (strcmp(ebay_link_sites[i].marketplace, mkt) == 0)
			site = &ebay_link_sites[i];
	out->marketplace = site->marketplace;
	out->country = site->country;
	out->currency = site->currency;

	memset(&acc, 0, sizeof acc);
	acc.out = out;
	p = host + hostlen;
	len -= hostlen;
	pathlen = strcspn(p, "?#");
	if (pathlen > len)
		pathlen = len;
	if (!ebay_link_path(&acc, p, pathlen)) {
		ebay_link_acc_free(&acc);
		return ebay_link_fail(cause, "not an eBay search page: the "
		    "address should look like https://www.ebay.com/sch/"
		    "i.html?_nkw=...");
	}
	p += pathlen;
	len -= pathlen;

	form_init(&query);
	if (len > 0 && *p == '?') {
		p++;
		len--;
		form_parse(&query, p, strcspn(p, "#") < len ?
		    strcspn(p, "#") : len, '&');
	}
	for (i = 0; i < query.n; i++) {
		const struct form_pair	*fp = &query.pairs[i];

		if (fp->bad) {
			ebay_link_unmapped(&acc, fp->key, fp->val, "badly "
			    "encoded (a broken %xx escape)");
			continue;
		}
		handled = false;
		for (j = 0; j < sizeof ebay_link_handlers /
		    sizeof ebay_link_handlers[0]; j++)
			if (strcmp(fp->key, ebay_link_handlers[j].name) == 0) {
				/* names in seen[] must outlive the form */
				ebay_link_handlers[j].fn(&acc,
				    ebay_link_handlers[j].name, fp->val);
				handled = true;
				break;
			}
		if (!handled)
			ebay_link_unmapped(&acc, fp->key, fp->val, "unknown "
			    "eBay search parameter");
	}
	if (query.truncated)
		ebay_link_unmapped(&acc, "...", "", "too many parameters; the "
		    "rest were not read");
	ebay_link_emit(&acc);
	ebay_link_acc_free(&acc);
	form_free(&query);
	return true;
}

void
ebay_link_free(struct ebay_link *u)
{
	size_t	 i;

	for (i = 0; i < u->nparams; i++) {
		free(u->params[i].key);
		free(u->params[i].val);
	}
	free(u->params);
	for (i = 0; i < u->nskipped; i++) {
		free(u->skipped[i].name);
		free(u->skipped[i].value);
	}
	free(u->skipped);
	memset(u, 0, sizeof *u);
}

const char *
ebay_link_get(const struct ebay_link *u, const char *key)
{
	size_t	 i;

	for (i = 0; i < u->nparams; i++)
		if (strcmp(u->params[i].key, key) == 0)
			return u->params[i].val;
	return NULL;
}

size_t
ebay_link_count(const struct ebay_link *u, const char *key)
{
	size_t	 i, n = 0;

	for (i = 0; i < u->nparams; i++)
		if (strcmp(u->params[i].key, key) == 0)
			n++;
	return n;
}

void
ebay_link_query(const struct ebay_link *u, struct buf *b)
{
	size_t	 i;

	for (i = 0; i < u->nparams; i++) {
		if (i > 0)
			buf_addc(b, '&');
		buf_add_urlenc(b, u->params[i].key);
		buf_addc(b, '=');
		buf_add_urlenc(b, u->params[i].val);
	}
}

const char *
ebay_link_skip_kind_name(enum ebay_link_skip_kind k)
{
	static const char *const names[EBAY_LINK_SKIP__MAX] = {
		"unmapped", "ignored"
	};

	return k < EBAY_LINK_SKIP__MAX ? names[k] : "?";
}
