/*
 * Validators (see valid.h).  Every check reads the whole text: "12a",
 * " 12", "" and "1e3" are not numbers here.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "money.h"
#include "search.h"
#include "valid.h"
#include "xmalloc.h"

static bool
valid_fail(char **cause, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static bool
valid_fail(char **cause, const char *fmt, ...)
{
	va_list	 ap;

	if (cause != NULL) {
		va_start(ap, fmt);
		xvasprintf(cause, fmt, ap);
		va_end(ap);
	}
	return false;
}

/*
 * True if s[0..len) is well-formed UTF-8 (no overlongs, no surrogates, at
 * most U+10FFFF) without C0 controls other than tab, DEL or C1 controls.
 */
bool
valid_utf8(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, n, k;
	uint32_t		 cp;

	while (i < len) {
		if (p[i] < 0x80) {
			if ((p[i] < 0x20 && p[i] != '\t') || p[i] == 0x7f)
				return false;
			i++;
			continue;
		}
		if ((p[i] & 0xe0) == 0xc0) {
			n = 1;
			cp = p[i] & 0x1f;
		} else if ((p[i] & 0xf0) == 0xe0) {
			n = 2;
			cp = p[i] & 0x0f;
		} else if ((p[i] & 0xf8) == 0xf0) {
			n = 3;
			cp = p[i] & 0x07;
		} else
			return false;
		if (i + n >= len)
			return false;
		for (k = 1; k <= n; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (p[i + k] & 0x3f);
		}
		if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) ||
		    (n == 3 && cp < 0x10000) || cp > 0x10ffff ||
		    (cp >= 0xd800 && cp <= 0xdfff) ||
		    (cp >= 0x80 && cp < 0xa0))
			return false;
		i += n + 1;
	}
	return true;
}

/* Code points in a (valid) UTF-8 string. */
size_t
valid_utf8_chars(const char *s)
{
	size_t	 n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* Text of min..max characters (code points): valid UTF-8, no controls. */
bool
valid_text(const char *s, size_t min, size_t max, char **cause)
{
	size_t	 n;

	if (s == NULL || *s == '\0')
		return min == 0 ? true : valid_fail(cause, "is required");
	if (!valid_utf8(s, strlen(s)))
		return valid_fail(cause, "must be readable text (UTF-8, no "
		    "control characters)");
	n = valid_utf8_chars(s);
	if (n < min)
		return valid_fail(cause, "must be at least %zu characters",
		    min);
	if (n > max)
		return valid_fail(cause, "must be at most %zu characters", max);
	return true;
}

/* A whole number in [min, max], in decimal, nothing else around it. */
bool
valid_int(const char *s, long long min, long long max, long long *out,
    char **cause)
{
	char		*end;
	long long	 v;

	if (s == NULL || *s == '\0')
		return valid_fail(cause, "is required");
	if (!((*s >= '0' && *s <= '9') || (*s == '-' && s[1] >= '0' &&
	    s[1] <= '9')))
		goto bad;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (*end != '\0')
		goto bad;
	if (errno == ERANGE || v < min || v > max)
		return valid_fail(cause, "must be from %lld to %lld", min, max);
	*out = v;
	return true;
bad:
	return valid_fail(cause, "must be a whole number from %lld to %lld",
	    min, max);
}

/*
 * An amount of money: 0 or more, at most two decimals ("12", "12.5",
 * "12.50"), at most max_cents hundredths.
 */
bool
valid_money(const char *s, int64_t max_cents, int64_t *cents, char **cause)
{
	char	 buf[MONEY_STR_MAX];
	int64_t	 v;

	if (s == NULL || *s == '\0')
		return valid_fail(cause, "is required");
	if (*s == '-' || !money_parse_cents(s, &v))
		return valid_fail(cause, "must be an amount such as 25 or "
		    "19.99 (digits, at most two decimals)");
	if (v > max_cents) {
		search_cents_str(max_cents, buf);
		return valid_fail(cause, "must be at most %s", buf);
	}
	*cents = v;
	return true;
}

/* A percentage with at most two decimals, 0..max (in hundredths). */
bool
valid_percent(const char *s, int64_t max, int64_t *out, char **cause)
{
	int64_t	 v;

	if (s == NULL || *s == '\0')
		return valid_fail(cause, "is required");
	if (*s == '-' || !money_parse_cents(s, &v) || v > max)
		return valid_fail(cause, "must be a percentage from 0 to "
		    "%lld", (long long)(max / 100));
	*out = v;
	return true;
}

/* One of names[0..n): *out is its index. */
bool
valid_enum(const char *s, const char *const *names, size_t n, int *out,
    char **cause)
{
	char	*list;
	size_t	 i, len = 0;

	for (i = 0; s != NULL && i < n; i++)
		if (names[i] != NULL && strcmp(s, names[i]) == 0) {
			*out = (int)i;
			return true;
		}
	if (cause == NULL)
		return false;
	for (i = 0; i < n; i++)
		len += names[i] != NULL ? strlen(names[i]) + 2 : 0;
	list = xcalloc(1, len + 1);
	for (i = 0; i < n; i++) {
		if (names[i] == NULL)
			continue;
		if (*list != '\0')
			strcat(list, ", ");
		strcat(list, names[i]);
	}
	xasprintf(cause, "must be one of: %s", list);
	free(list);
	return false;
}

/* A checkbox or a JSON-ish flag: 1/on/true/yes or 0/off/false/no/"". */
bool
valid_bool(const char *s, bool *out, char **cause)
{
	static const char *const yes[] = { "1", "on", "true", "yes" };
	static const char *const no[] = { "", "0", "off", "false", "no" };
	size_t	 i;

	if (s == NULL) {
		*out = false;
		return true;
	}
	for (i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (strcmp(s, yes[i]) == 0) {
			*out = true;
			return true;
		}
	for (i = 0; i < sizeof no / sizeof no[0]; i++)
		if (strcmp(s, no[i]) == 0) {
			*out = false;
			return true;
		}
	return valid_fail(cause, "must be on or off");
}

static bool
valid_letters(const char *s, size_t n, char *out)
{
	size_t	 i;

	if (s == NULL || strlen(s) != n)
		return false;
	for (i = 0; i < n; i++) {
		if (s[i] >= 'a' && s[i] <= 'z')
			out[i] = (char)(s[i] - 'a' + 'A');
		else if (s[i] >= 'A' && s[i] <= 'Z')
			out[i] = s[i];
		else
			return false;
	}
	out[n] = '\0';
	return true;
}

/* An ISO 3166 alpha-2 country code ("US", "gb"), stored upper case. */
bool
valid_country(const char *s, char out[3], char **cause)
{
	char	 tmp[3];

	if (!valid_letters(s, 2, tmp))
		return valid_fail(cause, "must be a two-letter country code "
		    "such as US, GB or DE");
	memcpy(out, tmp, 3);
	return true;
}

/* An ISO 4217 currency code ("USD", "eur"), stored upper case. */
bool
valid_currency(const char *s, char out[4], char **cause)
{
	char	 tmp[4];

	if (!valid_letters(s, 3, tmp))
		return valid_fail(cause, "must be a three-letter currency code "
		    "such as USD, GBP or EUR");
	memcpy(out, tmp, 4);
	return true;
}

/* 1 to max ASCII digits (an eBay category id). */
bool
valid_digits(const char *s, size_t max, char **cause)
{
	size_t	 n;

	n = s != NULL ? strlen(s) : 0;
	if (n == 0 || n > max || strspn(s, "0123456789") != n)
		return valid_fail(cause, "must be a number of 1 to %zu digits",
		    max);
	return true;
}

/* A database id in a path: 1 to 2^63-1, plain decimal. */
bool
valid_id(const char *s, int64_t *out)
{
	long long	 v;

	if (s == NULL || *s < '1' || *s > '9' || strlen(s) > 19 ||
	    !valid_int(s, 1, LLONG_MAX, &v, NULL))
		return false;
	*out = v;
	return true;
}

/* An eBay item id as we store it: "v1|123|0", legacy digits: 1-100 chars. */
bool
valid_item_id(const char *s)
{
	size_t	 n;

	n = s != NULL ? strlen(s) : 0;
	return n > 0 && n <= 100 && strspn(s, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789|_-.") == n;
}

/*
 * A path on this site, safe to redirect to: starts with one "/", not
 * "//" or "/\", printable ASCII only (no scheme, no line breaks).
 */
bool
valid_local_path(const char *s)
{
	size_t	 i;

	if (s == NULL || s[0] != '/' || s[1] == '/' || s[1] == '\\')
		return false;
	for (i = 0; s[i] != '\0'; i++)
		if ((unsigned char)s[i] <= 0x20 || (unsigned char)s[i] >= 0x7f ||
		    s[i] == '\\')
			return false;
	return i <= 2000;
}

/* An absolute http(s) URL of printable ASCII, with a host. */
bool
valid_http_url(const char *s)
{
	size_t	 i, skip;

	if (s == NULL)
		return false;
	if (strncmp(s, "https://", 8) == 0)
		skip = 8;
	else if (strncmp(s, "http://", 7) == 0)
		skip = 7;
	else
		return false;
	if (s[skip] == '\0' || s[skip] == '/' || s[skip] == '@')
		return false;
	for (i = 0; s[i] != '\0'; i++)
		if ((unsigned char)s[i] <= 0x20 || (unsigned char)s[i] >= 0x7f ||
		    s[i] == '"' || s[i] == '\'' || s[i] == '<' || s[i] == '>' ||
		    s[i] == '\\')
			return false;
	return i <= 2048;
}

void
valid_errs_init(struct valid_errs *e)
{
	memset(e, 0, sizeof *e);
}

void
valid_errs_free(struct valid_errs *e)
{
	size_t	 i;

	for (i = 0; i < e->n; i++) {
		free(e->v[i].field);
		free(e->v[i].message);
	}
	free(e->v);
	memset(e, 0, sizeof *e);
}

/* Record message (taken over) for field, unless field already has one. */
void
valid_errs_add(struct valid_errs *e, const char *field, char *message)
{
	if (valid_errs_get(e, field) != NULL) {
		free(message);
		return;
	}
	e->v = xreallocarray(e->v, e->n + 1, sizeof *e->v);
	e->v[e->n].field = xstrdup(field);
	e->v[e->n].message = message != NULL ? message : xstrdup("is wrong");
	e->n++;
}

void
valid_errs_addf(struct valid_errs *e, const char *field, const char *fmt,
    ...)
{
	va_list	 ap;
	char	*m;

	va_start(ap, fmt);
	xvasprintf(&m, fmt, ap);
	va_end(ap);
	valid_errs_add(e, field, m);
}

/* The message for field, borrowed; NULL if it has none. */
const char *
valid_errs_get(const struct valid_errs *e, const char *field)
{
	size_t	 i;

	for (i = 0; i < e->n; i++)
		if (strcmp(e->v[i].field, field) == 0)
			return e->v[i].message;
	return NULL;
}

/*
 * An http(s) URL on one of eBay's own sites (www.ebay.com, ebay.co.uk,
 * befr.ebay.be ...): the only links we make from listing data.  extra, when
 * not NULL, is one more allowed base (the fake eBay's, in demo mode).
 */
bool
valid_ebay_url(const char *s, const char *extra)
{
	static const char *const tlds[] = { "com", "co.uk", "de", "fr", "it",
	    "es", "ca", "com.au", "at", "ch", "ie", "nl", "be", "pl",
	    "com.hk", "com.sg", "com.my", "ph", "in" };
	const char	*h, *he, *e;
	size_t		 hl, i, tl;

	if (!valid_http_url(s))
		return false;
	if (extra != NULL && *extra != '\0' &&
	    strncmp(s, extra, strlen(extra)) == 0 &&
	    (s[strlen(extra)] == '/' || s[strlen(extra)] == '\0'))
		return true;
	h = s + (s[4] == 's' ? 8 : 7);
	he = h + strcspn(h, "/?#");
	if (memchr(h, '@', (size_t)(he - h)) != NULL ||
	    memchr(h, ':', (size_t)(he - h)) != NULL)
		return false;
	hl = (size_t)(he - h);
	for (i = 0; i < sizeof tlds / sizeof tlds[0]; i++) {
		tl = strlen(tlds[i]);
		if (hl < tl + 5)
			continue;
		e = he - tl;
		if (strncasecmp(e, tlds[i], tl) != 0 ||
		    strncasecmp(e - 5, "ebay.", 5) != 0)
			continue;
		if (e - 5 == h || e[-6] == '.')
			return true;
	}
	return false;
}

/* An image URL we may put in <img src>: https on eBay's image hosts. */
bool
valid_ebay_image(const char *s)
{
	const char	*h, *he;
	size_t		 hl;

	if (!valid_http_url(s) || strncmp(s, "https://", 8) != 0)
		return false;
	h = s + 8;
	he = h + strcspn(h, "/?#");
	hl = (size_t)(he - h);
	if (memchr(h, '@', hl) != NULL || memchr(h, ':', hl) != NULL)
		return false;
	return (hl == 11 && strncasecmp(h, "ebayimg.com", 11) == 0) ||
	    (hl > 12 && strncasecmp(he - 12, ".ebayimg.com", 12) == 0);
}
