/*
 * eBay search URLs (what a person copies from the address bar of an eBay
 * search page) turned into the parameters of a saved search, in SPEC
 * section 3's /search vocabulary: q, category, min_price, max_price,
 * currency, condition, format, exclude, seller_exclude, located_in,
 * free_shipping, marketplace, sort.
 *
 * The result is only a translation: the values are checked for shape (a
 * price is a decimal, a category is digits) but the saved-search model
 * (lib/search.c) remains the one validator.  Every query parameter that was
 * not translated is named in the result with the reason, so that the page
 * can say what the saved search will not do.
 */
#ifndef EBAY_LINK_H
#define EBAY_LINK_H

#include <stdbool.h>
#include <stddef.h>

struct buf;

#define EBAY_LINK_MAX	8192	/* longer input is refused */

enum ebay_link_skip_kind {
	EBAY_LINK_UNMAPPED,	/* changes eBay's results; we cannot express it */
	EBAY_LINK_IGNORED,	/* display or tracking; no effect on results */
	EBAY_LINK_SKIP__MAX
};

/* One parameter of the saved search, SPEC names (key repeats for lists). */
struct ebay_link_param {
	char	*key;
	char	*val;
};

/* One parameter of the eBay URL that was not translated. */
struct ebay_link_skip {
	char			*name;		/* as given, decoded */
	char			*value;		/* as given, decoded */
	enum ebay_link_skip_kind	 kind;
	const char		*reason;	/* static English sentence */
};

struct ebay_link {
	const char		*marketplace;	/* static, e.g. "EBAY_DE" */
	const char		*country;	/* static ISO 3166, e.g. "DE" */
	const char		*currency;	/* static ISO 4217, e.g. "EUR" */
	struct ebay_link_param	*params;	/* owned, in a stable order */
	size_t			 nparams;
	struct ebay_link_skip	*skipped;	/* owned, in the URL's order */
	size_t			 nskipped;
};

/*
 * Parse url.  On success fill *out (free with ebay_link_free) and return
 * true.  On failure (not an eBay search URL at all) return false with
 * *cause, an allocated sentence the caller frees; *out is then empty.
 */
bool		 ebay_link_parse(const char *url, struct ebay_link *out,
		    char **cause) __attribute__((warn_unused_result));
void		 ebay_link_free(struct ebay_link *);

/* The first value of a SPEC parameter, borrowed; NULL if absent. */
const char	*ebay_link_get(const struct ebay_link *, const char *key);
size_t		 ebay_link_count(const struct ebay_link *, const char *key);

/* Append the parameters as an urlencoded query string ("q=...&sort=..."). */
void		 ebay_link_query(const struct ebay_link *, struct buf *);

const char	*ebay_link_skip_kind_name(enum ebay_link_skip_kind);

/* The marketplace id of an eBay host ("www.ebay.de" -> "EBAY_DE"); NULL. */
const char	*ebay_link_host_marketplace(const char *host, size_t len);

#endif
