/*
 * eBay client: a search response body to struct ebay_page, with json-c
 * through the bounded readers of jsonv.c.  Every field may be absent or
 * null; eBay's text is kept as sent (valid UTF-8, NUL-free) and escaped
 * later by whoever prints it.  Policy for \u0000: an item with a NUL in
 * any string is dropped (counted in dropped_invalid), since a NUL cannot
 * be stored in PostgreSQL text and cutting the string would change it.
 * The same for bytes that are not strict UTF-8 (json-c accepts overlong
 * forms and encoded surrogates, which PostgreSQL refuses).
 */
#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "ebay-int.h"
#include "jsonv.h"
#include "xmalloc.h"

#define EBAY_ID_MAX	100	/* listings.item_id CHECK */
#define EBAY_TEXT_MAX	2048	/* longest title or name kept, in bytes */
#define EBAY_URL_MAX	4096

/* --- seen: a set of item ids (open addressing, FNV-1a) ----------------- */

struct ebay_seen {
	char	**slots;
	size_t	  cap;		/* a power of two */
	size_t	  n;
};

struct ebay_seen *
ebay_seen_new(void)
{
	struct ebay_seen	*s;

	s = xcalloc(1, sizeof *s);
	s->cap = 64;
	s->slots = xcalloc(s->cap, sizeof *s->slots);
	return s;
}

void
ebay_seen_free(struct ebay_seen *s)
{
	size_t	 i;

	if (s == NULL)
		return;
	for (i = 0; i < s->cap; i++)
		free(s->slots[i]);
	free(s->slots);
	free(s);
}

static size_t
ebay_hash(const char *k)
{
	size_t	 h = 1469598103934665603ULL;

	for (; *k != '\0'; k++)
		h = (h ^ (unsigned char)*k) * 1099511628211ULL;
	return h;
}

static void
ebay_seen_grow(struct ebay_seen *s)
{
	char	**old = s->slots;
	size_t	  oldcap = s->cap, i, j;

	s->cap *= 2;
	s->slots = xcalloc(s->cap, sizeof *s->slots);
	for (i = 0; i < oldcap; i++) {
		if (old[i] == NULL)
			continue;
		for (j = ebay_hash(old[i]) & (s->cap - 1); s->slots[j] != NULL;
		    j = (j + 1) & (s->cap - 1))
			;
		s->slots[j] = old[i];
	}
	free(old);
}

/* Add k; false if it was already there. */
bool
ebay_seen_add(struct ebay_seen *s, const char *k)
{
	size_t	 j;

	if (2 * (s->n + 1) > s->cap)
		ebay_seen_grow(s);
	for (j = ebay_hash(k) & (s->cap - 1); s->slots[j] != NULL;
	    j = (j + 1) & (s->cap - 1))
		if (strcmp(s->slots[j], k) == 0)
			return false;
	s->slots[j] = xstrdup(k);
	s->n++;
	return true;
}

/* --- dates --------------------------------------------------------------- */

static bool
ebay_num(const char *s, int n, int min, int max, int *out)
{
	int	 i, v = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	if (v < min || v > max)
		return false;
	*out = v;
	return true;
}

/*
 * Days from 1970-01-01 to y-m-d, y >= 1970 (Howard Hinnant's
 * days_from_civil, the inverse of ebay_time_format's): timegm went
 * through mktime's search for every date of every listing.  Linear in
 * d, so a day past the month's end moves on as timegm did (02-31 is
 * 03-03).
 */
static long
ebay_days(long y, long m, long d)
{
	long	 era, yoe, doy, doe;

	y -= m <= 2;
	era = y / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

bool
ebay_time_parse(const char *s, time_t *out)
{
	const char	*p;
	int		 y, mo, d, h, mi, sec;

	if (s == NULL || strlen(s) < 20)
		return false;
	if (!ebay_num(s, 4, 1970, 9999, &y) || s[4] != '-' ||
	    !ebay_num(s + 5, 2, 1, 12, &mo) || s[7] != '-' ||
	    !ebay_num(s + 8, 2, 1, 31, &d) || s[10] != 'T' ||
	    !ebay_num(s + 11, 2, 0, 23, &h) || s[13] != ':' ||
	    !ebay_num(s + 14, 2, 0, 59, &mi) || s[16] != ':' ||
	    !ebay_num(s + 17, 2, 0, 60, &sec))
		return false;
	p = s + 19;
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++)
			;
		if (p == s + 20)
			return false;
	}
	if (p[0] != 'Z' || p[1] != '\0')
		return false;
	*out = (time_t)ebay_days(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
	return true;
}

/* n as exactly w digits at p. */
static void
ebay_digits_put(char *p, long n, int w)
{
	while (w-- > 0) {
		p[w] = (char)('0' + n % 10);
		n /= 10;
	}
}

/*
 * Years 1970-9999 by hand (the days to a civil date, after Howard
 * Hinnant's algorithm): the COPY of every listing formats four times, and
 * gmtime_r + strftime went through the time zone code each time.
 */
#define EBAY_TIME_END	253402300800LL	/* 10000-01-01T00:00:00Z */

char *
ebay_time_format(time_t t, char *out, size_t outlen)
{
	struct tm	 tm;
	long		 days, secs, z, era, doe, yoe, doy, mp, y, m, d;

	if (outlen == 0)
		return out;
	if (t >= 0 && (long long)t < EBAY_TIME_END && outlen >= 21) {
		days = (long)(t / 86400);
		secs = (long)(t % 86400);
		z = days + 719468;
		era = z / 146097;
		doe = z - era * 146097;
		yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
		doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
		mp = (5 * doy + 2) / 153;
		d = doy - (153 * mp + 2) / 5 + 1;
		m = mp < 10 ? mp + 3 : mp - 9;
		y = yoe + era * 400 + (m <= 2);
		memcpy(out, "0000-00-00T00:00:00Z", 21);
		ebay_digits_put(out, y, 4);
		ebay_digits_put(out + 5, m, 2);
		ebay_digits_put(out + 8, d, 2);
		ebay_digits_put(out + 11, secs / 3600, 2);
		ebay_digits_put(out + 14, secs / 60 % 60, 2);
		ebay_digits_put(out + 17, secs % 60, 2);
		return out;
	}
	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(out, outlen, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		out[0] = '\0';
	return out;
}

/* --- fields ------------------------------------------------------------- */

/*
 * Every string goes to the page's store (ebay_page_strndup), its length
 * from json-c: no strlen, no malloc per field.  The readers take the value
 * in hand (NULL when absent): an object's members are found in one walk
 * over its keys (jsonv_members; ebay_member for one).  They read an
 * item whose text ebay_parse_page checked whole (a clean document, else
 * jsonv_has_bad_text), so they take its strings as trusted rather than
 * scan each one again.
 */

/* Member key of o when o is an object, else NULL. */
static json_object *
ebay_member(json_object *o, const char *key)
{
	json_object	*v;

	(void)jsonv_members(o, &key, 1, &v);
	return v;
}

/* A copy of s (n bytes) cut to at most max bytes, never inside a UTF-8
   sequence. */
static char *
ebay_text_dup(struct ebay_page *pg, const char *s, size_t n, size_t max)
{
	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	return ebay_page_strndup(pg, s, n);
}

static char *
ebay_text(struct ebay_page *pg, json_object *v)
{
	const char	*s;
	size_t		 n;

	return jsonv_as_str_trusted(v, &s, &n) ?
	    ebay_text_dup(pg, s, n, EBAY_TEXT_MAX) : NULL;
}

/* A link: http(s), printable ASCII or UTF-8, no spaces or controls. */
static char *
ebay_url(struct ebay_page *pg, json_object *v)
{
	const char	*s;
	size_t		 n, i;

	if (!jsonv_as_str_trusted(v, &s, &n) || n > EBAY_URL_MAX ||
	    (strncmp(s, "https://", 8) != 0 && strncmp(s, "http://", 7) != 0))
		return NULL;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7f)
			return NULL;
	return ebay_page_strndup(pg, s, n);
}

/* Digits only, 1..max of them. */
static char *
ebay_digits(struct ebay_page *pg, json_object *v, size_t max)
{
	const char	*s;
	size_t		 n, i;

	if (!jsonv_as_str_trusted(v, &s, &n) || n < 1 || n > max)
		return NULL;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return NULL;
	return ebay_page_strndup(pg, s, n);
}

static time_t
ebay_date(json_object *v)
{
	const char	*s;
	size_t		 n;
	time_t		 t;

	return jsonv_as_str_trusted(v, &s, &n) && ebay_time_parse(s, &t) ?
	    t : 0;
}

/* The members of an itemSummaries element that we read. */
enum ebay_field {
	EBAY_F_ITEM_ID,
	EBAY_F_LEGACY_ID,
	EBAY_F_TITLE,
	EBAY_F_MARKETPLACE,
	EBAY_F_SELLER,
	EBAY_F_CONDITION,
	EBAY_F_CONDITION_ID,
	EBAY_F_BUYING,
	EBAY_F_CURRENT_BID,
	EBAY_F_PRICE,
	EBAY_F_BID_COUNT,
	EBAY_F_SHIPPING,
	EBAY_F_IMAGE,
	EBAY_F_THUMBNAILS,
	EBAY_F_WEB_URL,
	EBAY_F_AFFILIATE_URL,
	EBAY_F_LOCATION,
	EBAY_F_CATEGORIES,
	EBAY_F_ORIGIN_DATE,
	EBAY_F_CREATION_DATE,
	EBAY_F_END_DATE,
	EBAY_F__MAX
};

static const char *const ebay_field_names[EBAY_F__MAX] = {
	[EBAY_F_ITEM_ID] = "itemId",
	[EBAY_F_LEGACY_ID] = "legacyItemId",
	[EBAY_F_TITLE] = "title",
	[EBAY_F_MARKETPLACE] = "listingMarketplaceId",
	[EBAY_F_SELLER] = "seller",
	[EBAY_F_CONDITION] = "condition",
	[EBAY_F_CONDITION_ID] = "conditionId",
	[EBAY_F_BUYING] = "buyingOptions",
	[EBAY_F_CURRENT_BID] = "currentBidPrice",
	[EBAY_F_PRICE] = "price",
	[EBAY_F_BID_COUNT] = "bidCount",
	[EBAY_F_SHIPPING] = "shippingOptions",
	[EBAY_F_IMAGE] = "image",
	[EBAY_F_THUMBNAILS] = "thumbnailImages",
	[EBAY_F_WEB_URL] = "itemWebUrl",
	[EBAY_F_AFFILIATE_URL] = "itemAffiliateWebUrl",
	[EBAY_F_LOCATION] = "itemLocation",
	[EBAY_F_CATEGORIES] = "categories",
	[EBAY_F_ORIGIN_DATE] = "itemOriginDate",
	[EBAY_F_CREATION_DATE] = "itemCreationDate",
	[EBAY_F_END_DATE] = "itemEndDate",
};

static void
ebay_parse_seller(struct ebay_page *pg, json_object *seller,
    struct ebay_item *item)
{
	static const char *const names[] = { "username", "feedbackScore",
	    "feedbackPercentage" };
	json_object	*f[3];
	const char	*s;
	size_t		 len;
	int64_t		 n;

	if (!jsonv_members(seller, names, 3, f))
		return;
	item->seller_username = ebay_text(pg, f[0]);
	if (jsonv_as_int64(f[1], INT32_MIN, INT32_MAX, &n)) {
		item->has_feedback_score = true;
		item->seller_feedback_score = n;
	}
	if (jsonv_as_str_trusted(f[2], &s, &len) && money_parse_cents(s, &n) &&
	    n <= 10000)
		item->seller_feedback_pct = ebay_page_strndup(pg, s, len);
}

static void
ebay_parse_buying(json_object *arr, struct ebay_item *item)
{
	json_object	*v;
	const char	*s;
	enum ebay_buy	 b;
	size_t		 i, n, len;

	if (arr == NULL || !json_object_is_type(arr, json_type_array))
		return;
	n = json_object_array_length(arr);
	for (i = 0; i < n; i++)
		if (jsonv_at(arr, i, &v) && jsonv_as_str_trusted(v, &s, &len) &&
		    ebay_buy_parse(s, &b))
			item->buying |= EBAY_BIT(b);
}

/* Shipping: the first option's cost; none, or no cost, is unknown. */
static void
ebay_parse_shipping(json_object *arr, struct ebay_item *item)
{
	json_object	*opt;
	struct money	 m;

	if (jsonv_at(arr, 0, &opt) &&
	    jsonv_as_money(ebay_member(opt, "shippingCost"), &m))
		item->shipping = m;
}

static void
ebay_parse_image(struct ebay_page *pg, json_object *f[EBAY_F__MAX],
    struct ebay_item *item)
{
	json_object	*img;

	if ((item->image_url = ebay_url(pg, ebay_member(f[EBAY_F_IMAGE],
	    "imageUrl"))) != NULL)
		return;
	if (jsonv_at(f[EBAY_F_THUMBNAILS], 0, &img))
		item->image_url = ebay_url(pg, ebay_member(img, "imageUrl"));
}

static void
ebay_parse_place(struct ebay_page *pg, json_object *f[EBAY_F__MAX],
    struct ebay_item *item)
{
	static const char *const lnames[] = { "country", "postalCode",
	    "city" };
	static const char *const cnames[] = { "categoryId", "categoryName" };
	json_object	*v[3], *cat;

	if (jsonv_members(f[EBAY_F_LOCATION], lnames, 3, v)) {
		item->location_country = ebay_text(pg, v[0]);
		item->location_postal = ebay_text(pg, v[1]);
		item->location_city = ebay_text(pg, v[2]);
	}
	if (jsonv_at(f[EBAY_F_CATEGORIES], 0, &cat) &&
	    jsonv_members(cat, cnames, 2, v)) {
		item->category_id = ebay_digits(pg, v[0], 12);
		item->category_name = ebay_text(pg, v[1]);
	}
}

/*
 * One itemSummaries element into *item, its strings in pg's store; false
 * if it has no usable id (checked before anything is copied).
 */
static bool
ebay_parse_item(struct ebay_page *pg, json_object *it,
    struct ebay_item *item)
{
	json_object	*f[EBAY_F__MAX];
	const char	*id;
	size_t		 i, len;
	int64_t		 n;

	memset(item, 0, sizeof *item);
	/* One pass over its keys: a lookup per field was a tenth of the
	   parse. */
	(void)jsonv_members(it, ebay_field_names, EBAY_F__MAX, f);
	if (!jsonv_as_str_trusted(f[EBAY_F_ITEM_ID], &id, &len) ||
	    len > EBAY_ID_MAX || len == 0)
		return false;
	for (i = 0; i < len; i++)
		if ((unsigned char)id[i] <= 0x20 || id[i] == 0x7f)
			return false;
	item->item_id = ebay_page_strndup(pg, id, len);
	item->legacy_id = ebay_digits(pg, f[EBAY_F_LEGACY_ID], 20);
	if ((item->title = ebay_text(pg, f[EBAY_F_TITLE])) == NULL)
		item->title = ebay_page_strndup(pg, "", 0);
	item->marketplace = ebay_text(pg, f[EBAY_F_MARKETPLACE]);
	ebay_parse_seller(pg, f[EBAY_F_SELLER], item);
	item->condition = ebay_text(pg, f[EBAY_F_CONDITION]);
	item->condition_id = ebay_digits(pg, f[EBAY_F_CONDITION_ID], 6);
	ebay_parse_buying(f[EBAY_F_BUYING], item);
	(void)jsonv_as_money(f[EBAY_F_CURRENT_BID], &item->current_bid);
	if (!jsonv_as_money(f[EBAY_F_PRICE], &item->price) &&
	    item->current_bid.known) {
		item->price = item->current_bid;
		item->price_is_bid = true;
	}
	item->bid_count = jsonv_as_int64(f[EBAY_F_BID_COUNT], 0, INT_MAX,
	    &n) ? (int)n : -1;
	ebay_parse_shipping(f[EBAY_F_SHIPPING], item);
	(void)money_add(&item->total, &item->price, &item->shipping);
	ebay_parse_image(pg, f, item);
	item->web_url = ebay_url(pg, f[EBAY_F_WEB_URL]);
	item->affiliate_web_url = ebay_url(pg, f[EBAY_F_AFFILIATE_URL]);
	ebay_parse_place(pg, f, item);
	item->origin_date = ebay_date(f[EBAY_F_ORIGIN_DATE]);
	item->creation_date = ebay_date(f[EBAY_F_CREATION_DATE]);
	item->end_date = ebay_date(f[EBAY_F_END_DATE]);
	return true;
}

/* --- page ----------------------------------------------------------------- */

static void
ebay_parse_warnings(json_object *root, struct ebay_page *page)
{
	json_object	*arr, *w;
	const char	*msg;
	struct buf	 b;
	size_t		 i, n;
	int64_t		 id;

	if (!jsonv_arr(root, "warnings", &arr, &n) || n == 0)
		return;
	buf_init(&b, 4096);
	for (i = 0; i < n; i++) {
		if (!jsonv_at(arr, i, &w))
			continue;
		if (!jsonv_int64(w, "errorId", 0, LONG_MAX, &id))
			id = 0;
		if (!jsonv_str(w, "message", &msg))
			msg = "eBay ignored part of the search";
		if (page->nwarnings < EBAY_WARNINGS_MAX)
			page->warning_ids[page->nwarnings++] = (long)id;
		if (b.len > 0)
			buf_adds(&b, "; ");
		buf_adds(&b, msg);
		if (id != 0)
			buf_addf(&b, " (eBay warning %lld)", (long long)id);
	}
	if (b.len == 0)
		buf_adds(&b, "eBay returned warnings");
	if (buf_failed(&b)) {
		/* Over 4 KiB of warnings: keep what fit. */
		b.failed = false;
	}
	page->problem = buf_detach(&b);
}

static char *
ebay_page_link(json_object *root, const char *key)
{
	const char	*s;

	return jsonv_str_max(root, key, 8192, &s) && *s != '\0' ?
	    xstrdup(s) : NULL;
}

enum ebay_err
ebay_parse_page(const char *body, size_t len, struct ebay_seen *seen,
    struct ebay_page *page, struct ebay_error *err)
{
	json_object	*root, *arr, *it;
	struct ebay_seen *own = NULL;
	const char	*why;
	size_t		 i, n = 0;
	int64_t		 v;
	bool		 clean;

	memset(page, 0, sizeof *page);
	page->fetched_at = time(NULL);
	if ((root = jsonv_parse_clean(body, len, &clean, &why)) == NULL) {
		if (err != NULL)
			ebay_err_set(err, EBAY_ERR_BAD_RESPONSE, 200, "%s", why);
		return EBAY_ERR_BAD_RESPONSE;
	}
	if (!json_object_is_type(root, json_type_object) ||
	    (json_object_object_get_ex(root, "itemSummaries", &arr) &&
	    arr != NULL && !jsonv_arr(root, "itemSummaries", &arr, &n))) {
		json_object_put(root);
		if (err != NULL)
			ebay_err_set(err, EBAY_ERR_BAD_RESPONSE, 200,
			    "not a search result");
		return EBAY_ERR_BAD_RESPONSE;
	}
	page->total = jsonv_int64(root, "total", 0, INT64_MAX, &v) ? v : -1;
	page->limit = jsonv_int64(root, "limit", 0, INT_MAX, &v) ? (int)v : -1;
	page->offset = jsonv_int64(root, "offset", 0, INT_MAX, &v) ?
	    (int)v : -1;
	page->href = ebay_page_link(root, "href");
	page->next = ebay_page_link(root, "next");
	page->prev = ebay_page_link(root, "prev");
	ebay_parse_warnings(root, page);
	if (n > 0) {
		if (seen == NULL)
			seen = own = ebay_seen_new();
		page->items = xcalloc(n, sizeof *page->items);
	}
	page->raw_count = n;
	/* A clean document (the usual case) needs no walk per item. */
	for (i = 0; i < n; i++) {
		struct ebay_item	*item = &page->items[page->nitems];

		if (!jsonv_at(arr, i, &it) ||
		    !json_object_is_type(it, json_type_object) ||
		    (!clean && jsonv_has_bad_text(it)) ||
		    !ebay_parse_item(page, it, item)) {
			page->dropped_invalid++;
			continue;
		}
		if (!ebay_seen_add(seen, item->item_id)) {
			page->dropped_duplicates++;
			continue;
		}
		page->nitems++;
	}
	ebay_seen_free(own);
	json_object_put(root);
	if (err != NULL)
		ebay_err_set(err, EBAY_OK, 200, NULL);
	return EBAY_OK;
}

/* Drop items whose title holds one of words (lower-cased already). */
void
ebay_page_exclude(struct ebay_page *page, char *const *words, size_t nw)
{
	char	*low;
	size_t	 i, j, k, out = 0;
	bool	 drop;

	if (nw == 0)
		return;
	for (i = 0; i < page->nitems; i++) {
		low = xstrdup(page->items[i].title);
		for (k = 0; low[k] != '\0'; k++)
			low[k] = (char)tolower((unsigned char)low[k]);
		for (drop = false, j = 0; j < nw && !drop; j++)
			drop = strstr(low, words[j]) != NULL;
		free(low);
		if (drop)
			page->excluded++;
		else
			page->items[out++] = page->items[i];
	}
	page->nitems = out;
}

/*
 * Error bodies: {"errors":[{"errorId":N,"message":"..."}]} or OAuth's
 * {"error":"invalid_client","error_description":"..."}.
 */
bool
ebay_parse_error(const char *body, size_t len, struct ebay_error *err)
{
	json_object	*root, *arr, *e;
	const char	*msg, *code;
	int64_t		 id;
	bool		 found = false;

	if ((root = jsonv_parse(body, len, NULL)) == NULL)
		return false;
	if (jsonv_arr(root, "errors", &arr, NULL) && jsonv_at(arr, 0, &e)) {
		if (jsonv_int64(e, "errorId", 0, LONG_MAX, &id))
			err->error_id = (long)id;
		if (jsonv_str(e, "message", &msg) ||
		    jsonv_str(e, "longMessage", &msg))
			snprintf(err->message, sizeof err->message, "%s", msg);
		ebay_utf8_trim(err->message);
		found = true;
	} else if (jsonv_str(root, "error", &code)) {
		if (!jsonv_str(root, "error_description", &msg))
			msg = "";
		snprintf(err->message, sizeof err->message, "%s%s%s", code,
		    *msg != '\0' ? ": " : "", msg);
		ebay_utf8_trim(err->message);
		found = true;
	}
	json_object_put(root);
	return found;
}
