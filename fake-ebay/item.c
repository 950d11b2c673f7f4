/*
 * One listing as a Browse ItemSummary (BROWSE-API.md 5.2), with the JSON
 * types of the fixtures: money, conditionId and feedbackPercentage as
 * strings, bidCount and feedbackScore as integers.  Hostile listings
 * (--hostile) carry the data of the fixtures README's "hostile" list.
 * Written straight into the answer with jw.c (a json-c tree per listing
 * cost more than everything else the fake does); no printf on this path.
 */
#include "config.h"

#include <string.h>

#include "buf.h"
#include "fake.h"
#include "jw.h"

/* "-12.34" from hundredths, as "%s%lld.%02lld" would print it. */
void
item_money(char out[32], long long cents)
{
	unsigned long long	 u = cents < 0 ? 0ULL -
	    (unsigned long long)cents : (unsigned long long)cents;
	size_t			 n = 0;

	if (cents < 0)
		out[n++] = '-';
	n += jw_fmt_int(out + n, (long long)(u / 100));
	out[n++] = '.';
	out[n++] = (char)('0' + u % 100 / 10);
	out[n++] = (char)('0' + u % 10);
	out[n] = '\0';
}

/* Append s to d (cap bytes, NUL included), cut as snprintf would cut. */
static void
item_cat(char *d, size_t cap, size_t *n, const char *s)
{
	size_t	 k = strlen(s);

	if (*n >= cap - 1)
		return;
	if (k > cap - 1 - *n)
		k = cap - 1 - *n;
	memcpy(d + *n, s, k);
	*n += k;
	d[*n] = '\0';
}

static void
item_cat_int(char *d, size_t cap, size_t *n, long long v)
{
	char	 t[24];

	jw_fmt_int(t, v);
	item_cat(d, cap, n, t);
}

static void
item_amount(struct jw *w, const char *k, long long cents,
    const char *currency)
{
	char	 v[32];

	item_money(v, cents);
	jw_key(w, k);
	jw_obj(w);
	jw_kstr(w, "value", v);
	jw_kstr(w, "currency", currency);
	jw_obj_end(w);
}

/* {"imageUrl":...} for an image code and size (l225: a thumbnail). */
static void
item_image(struct jw *w, const char *code, const char *size)
{
	char	 url[128];
	size_t	 n = 0;

	item_cat(url, sizeof url, &n, "https://i.ebayimg.com/");
	if (strcmp(size, "l225") == 0)
		item_cat(url, sizeof url, &n, "thumbs/");
	item_cat(url, sizeof url, &n, "images/g/");
	item_cat(url, sizeof url, &n, code);
	item_cat(url, sizeof url, &n, "/s-");
	item_cat(url, sizeof url, &n, size);
	item_cat(url, sizeof url, &n, ".jpg");
	jw_obj(w);
	jw_kstr(w, "imageUrl", url);
	jw_obj_end(w);
}

static void
item_date(struct jw *w, const char *k, time_t t)
{
	char	 d[32];

	fclock_iso(t, d);
	jw_kstr(w, k, d);
}

/* The 300-code-point title: emoji, ZWJ families, flags, CJK, accents. */
static void
item_long_title(struct buf *t)
{
	static const struct {
		const char	*s;
		int		 cps;
	} parts[] = {
		{ " \xF0\x9F\x94\xA5", 2 },			/* fire */
		{ "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D"
		  "\xF0\x9F\x91\xA7", 5 },			/* family, ZWJ */
		{ "\xF0\x9F\x87\xBA\xF0\x9F\x87\xB8", 2 },	/* flag US */
		{ "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 3 },	/* CJK */
		{ "e\xCC\x81", 2 },				/* combining */
		{ "\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7", 5 }, /* Arabic */
	};
	int	 cps = 0, i = 0;
	size_t	 j;

	for (j = 0; j < t->len; j++)	/* code points already there */
		if (((unsigned char)t->data[j] & 0xC0) != 0x80)
			cps++;
	while (cps < 300) {
		if (cps + parts[i].cps > 300) {
			buf_addc(t, '!');
			cps++;
			continue;
		}
		buf_adds(t, parts[i].s);
		cps += parts[i].cps;
		i = (i + 1) % (int)(sizeof parts / sizeof parts[0]);
	}
}

/* The title, a hostile one's made hostile around the query's words. */
static void
item_title(struct jw *w, const struct listing *l)
{
	struct buf	 t;

	jw_key(w, "title");
	if (l->hostile == HOSTILE_NONE) {
		jw_strn(w, l->title, l->title_len);
		return;
	}
	buf_init(&t, 0);
	switch (l->hostile) {
	case HOSTILE_MARKUP:
		buf_adds(&t, "<script>alert(1)</script> ");
		buf_add(&t, l->title, l->title_len);
		buf_adds(&t, " <img src=x onerror=alert(2)> </textarea> "
		    "\"double\" 'single' &amp; <b>bold</b>");
		break;
	case HOSTILE_RTL:
		buf_add(&t, l->title, l->title_len);
		buf_adds(&t, " \xE2\x80\xAEgpj.exe\xE2\x80\xAC\ttab\nnew line"
		    " back\\slash \x1B[2J\x7F");
		break;
	case HOSTILE_LONG:
		buf_add(&t, l->title, l->title_len);
		item_long_title(&t);
		break;
	case HOSTILE_NUL:
		buf_add(&t, l->title, l->title_len);
		buf_add(&t, " nul\0byte", 9);
		break;
	default:
		buf_add(&t, l->title, l->title_len);
		break;
	}
	jw_strn(w, buf_cstr(&t), t.len);
	buf_free(&t);
}

static void
item_seller(struct jw *w, const struct listing *l)
{
	char	 pct[16];
	size_t	 n;

	jw_key(w, "seller");
	jw_obj(w);
	if (l->hostile == HOSTILE_MARKUP)
		jw_kstr(w, "username", "<b>x</b>'\"><script>alert(5)</script>");
	else if (l->hostile == HOSTILE_RTL)
		jw_kstr(w, "username", "m\xC3\xBCller_\xE2\x80\xAEresu");
	else if (l->hostile == HOSTILE_NUL) {
		jw_key(w, "username");
		jw_strn(w, "nul\0seller", 10);
	} else
		jw_kstr(w, "username", l->seller);
	if (l->hostile == HOSTILE_NULLS)
		jw_knull(w, "feedbackPercentage");
	else {
		/* "%d.%d" of a value from 0 to 1000 */
		n = jw_fmt_int(pct, l->feedback_pct10 / 10);
		pct[n++] = '.';
		jw_fmt_int(pct + n, l->feedback_pct10 % 10);
		jw_kstr(w, "feedbackPercentage", pct);
	}
	jw_kint(w, "feedbackScore", l->feedback_score);
	jw_obj_end(w);
}

static void
item_category(struct jw *w, const char *id, const char *name)
{
	jw_obj(w);
	jw_kstr(w, "categoryId", id);
	jw_kstr(w, "categoryName", name);
	jw_obj_end(w);
}

/* leafCategoryIds, then categories (the leaf, and its parent if known). */
static void
item_categories(struct jw *w, const struct listing *l, const struct query *qy)
{
	const char	*id, *name;

	id = l->category >= 0 ? cat_category_id(l->category) : qy->category_id;
	name = cat_category_name(l->category >= 0 ? NULL : qy->category_id,
	    l->category);
	jw_key(w, "leafCategoryIds");
	jw_arr(w);
	jw_str(w, id);
	jw_arr_end(w);
	jw_key(w, "categories");
	jw_arr(w);
	item_category(w, id, name);
	if (l->category >= 0)
		item_category(w, cat_parent_id(l->category),
		    cat_parent_name(l->category));
	jw_arr_end(w);
}

static void
item_shipping(struct jw *w, const struct listing *l, const struct query *qy,
    const struct item_ctx *ctx)
{
	time_t	 day = ctx->now - ctx->now % 86400 + 7 * 3600;

	jw_key(w, "shippingOptions");
	jw_arr(w);
	jw_obj(w);
	jw_kstr(w, "shippingCostType", l->ship == SHIP_FIXED ? "FIXED" :
	    "CALCULATED");
	if (l->ship == SHIP_FIXED || l->ship == SHIP_CALC_COST)
		item_amount(w, "shippingCost", l->ship_cost,
		    qy->market->currency);
	if (l->key % 3 == 0) {
		/* Delivery estimates count from today, 07:00 UTC as eBay's do. */
		item_date(w, "minEstimatedDeliveryDate", day + (time_t)(2 +
		    l->key / 3 % 3) * 86400);
		item_date(w, "maxEstimatedDeliveryDate", day + (time_t)(5 +
		    l->key / 3 % 3) * 86400);
	}
	jw_obj_end(w);
	jw_arr_end(w);
}

static void
item_buying(struct jw *w, const struct listing *l)
{
	jw_key(w, "buyingOptions");
	jw_arr(w);
	if (l->fixed)
		jw_str(w, "FIXED_PRICE");
	if (l->auction)
		jw_str(w, "AUCTION");
	if (l->best_offer)
		jw_str(w, "BEST_OFFER");
	jw_arr_end(w);
}

static void
item_urls(struct jw *w, const struct listing *l, const struct query *qy,
    const struct item_ctx *ctx)
{
	struct buf	 u;
	char		 v[192];
	size_t		 n = 0;

	if (ctx->campaign != NULL && strcmp(qy->market->id, "EBAY_SG") != 0) {
		buf_init(&u, 0);
		buf_adds(&u, "https://");
		buf_adds(&u, qy->market->host);
		buf_adds(&u, "/itm/");
		buf_adds(&u, l->legacy);
		buf_adds(&u, "?mkcid=1&mkrid=711-53200-19255-0&siteid=0&campid=");
		buf_add_urlenc(&u, ctx->campaign);
		if (ctx->reference != NULL) {
			buf_adds(&u, "&customid=");
			buf_add_urlenc(&u, ctx->reference);
		}
		buf_adds(&u, "&toolid=10049&mkevt=1");
		jw_kstr(w, "itemAffiliateWebUrl", buf_cstr(&u));
		buf_free(&u);
	}
	item_cat(v, sizeof v, &n, "https://");
	item_cat(v, sizeof v, &n, qy->market->host);
	item_cat(v, sizeof v, &n, "/itm/");
	item_cat(v, sizeof v, &n, l->legacy);
	if (l->hostile == HOSTILE_MARKUP)
		item_cat(v, sizeof v, &n, "?x='\"><svg onload=alert(3)>");
	if (l->variation != 0) {
		item_cat(v, sizeof v, &n, "?var=");
		item_cat_int(v, sizeof v, &n, l->variation);
	}
	jw_kstr(w, "itemWebUrl", v);
}

static void
item_location(struct jw *w, const struct listing *l)
{
	jw_key(w, "itemLocation");
	jw_obj(w);
	if (l->hostile == HOSTILE_NULLS)
		jw_knull(w, "postalCode");
	else if (l->postal[0] != '\0' && l->hostile != HOSTILE_MINIMAL)
		jw_kstr(w, "postalCode", l->postal);
	jw_kstr(w, "country", l->country);
	jw_obj_end(w);
}

/* A listing with most fields absent. */
static void
item_minimal(struct jw *w, const struct listing *l, const struct query *qy,
    const struct item_ctx *ctx)
{
	jw_obj(w);
	jw_kstr(w, "itemId", l->item_id);
	item_title(w, l);
	item_amount(w, "price", l->price, qy->market->currency);
	item_urls(w, l, qy, ctx);
	item_location(w, l);
	jw_obj_end(w);
}

static void
item_price(struct jw *w, const struct listing *l, const struct query *qy)
{
	char	 v[32];

	item_money(v, l->price);
	jw_key(w, "price");
	jw_obj(w);
	jw_kstr(w, "value", v);
	jw_kstr(w, "currency", qy->market->currency);
	if (l->conv_currency != NULL) {
		item_money(v, l->converted);
		jw_kstr(w, "convertedFromValue", v);
		jw_kstr(w, "convertedFromCurrency", l->conv_currency);
	}
	jw_obj_end(w);
}

static void
item_marketing(struct jw *w, const struct listing *l, const struct query *qy)
{
	char	 pct[24];

	if (l->orig_price <= l->price)
		return;
	jw_key(w, "marketingPrice");
	jw_obj(w);
	item_amount(w, "originalPrice", l->orig_price, qy->market->currency);
	item_amount(w, "discountAmount", l->orig_price - l->price,
	    qy->market->currency);
	jw_fmt_int(pct, (l->orig_price - l->price) * 100 / l->orig_price);
	jw_kstr(w, "discountPercentage", pct);
	jw_kstr(w, "priceTreatment", "LIST_PRICE");
	jw_obj_end(w);
}

/* base_url + path + legacy [+ tail + variation], cut at 159 bytes. */
static void
item_href(struct jw *w, const char *k, const char *base, const char *path,
    const char *legacy, const char *tail, const long long *variation)
{
	char	 v[160];
	size_t	 n = 0;

	item_cat(v, sizeof v, &n, base);
	item_cat(v, sizeof v, &n, path);
	item_cat(v, sizeof v, &n, legacy);
	if (tail != NULL)
		item_cat(v, sizeof v, &n, tail);
	if (variation != NULL)
		item_cat_int(v, sizeof v, &n, *variation);
	jw_kstr(w, k, v);
}

static void
item_additional(struct jw *w, const struct listing *l)
{
	char	 v[24];
	size_t	 n;
	int	 i;

	if (l->n_images <= 0)
		return;
	jw_key(w, "additionalImages");
	jw_arr(w);
	for (i = 0; i < l->n_images; i++) {
		/* "%.12s%04d" */
		n = strnlen(l->image, 12);
		memcpy(v, l->image, n);
		v[n++] = (char)('0' + i / 1000 % 10);
		v[n++] = (char)('0' + i / 100 % 10);
		v[n++] = (char)('0' + i / 10 % 10);
		v[n++] = (char)('0' + i % 10);
		v[n] = '\0';
		item_image(w, v, "l225");
	}
	jw_arr_end(w);
}

void
item_write(struct jw *w, const struct listing *l, const struct query *qy,
    const struct item_ctx *ctx)
{
	char	 v[24];
	bool	 nulls = l->hostile == HOSTILE_NULLS;

	if (l->hostile == HOSTILE_MINIMAL) {
		item_minimal(w, l, qy, ctx);
		return;
	}
	jw_obj(w);
	jw_kstr(w, "itemId", l->item_id);
	item_title(w, l);
	if (nulls)
		jw_knull(w, "categories");
	else
		item_categories(w, l, qy);
	if (l->hostile == HOSTILE_MARKUP) {
		jw_key(w, "image");
		jw_obj(w);
		jw_kstr(w, "imageUrl", "https://i.ebayimg.com/images/g/\"><script>"
		    "alert(4)</script>/s-l225.jpg");
		jw_obj_end(w);
	} else if (nulls)
		jw_knull(w, "image");
	else {
		jw_key(w, "image");
		item_image(w, l->image, "l225");
	}
	if (l->has_price)
		item_price(w, l, qy);
	item_marketing(w, l, qy);
	item_href(w, "itemHref", ctx->base_url, "/buy/browse/v1/item/v1%7C",
	    l->legacy, "%7C", &l->variation);
	item_seller(w, l);
	if (nulls) {
		jw_knull(w, "condition");
		jw_knull(w, "conditionId");
	} else {
		jw_kstr(w, "condition", cat_condition_name(l->condition_id));
		jw_fmt_int(v, l->condition_id);
		jw_kstr(w, "conditionId", v);
	}
	jw_key(w, "thumbnailImages");
	jw_arr(w);
	item_image(w, l->image, "l1600");
	jw_arr_end(w);
	if (nulls)
		jw_knull(w, "shippingOptions");
	else if (l->ship != SHIP_NONE)
		item_shipping(w, l, qy, ctx);
	item_buying(w, l);
	if (l->auction) {
		item_amount(w, "currentBidPrice", l->bid, qy->market->currency);
		jw_kint(w, "bidCount", l->bid_count);
	} else if (nulls) {
		jw_knull(w, "currentBidPrice");
		jw_knull(w, "bidCount");
	}
	if (l->has_epid) {
		jw_fmt_int(v, (long long)(l->key % 900000000ULL + 100000000ULL));
		jw_kstr(w, "epid", v);
	}
	if (l->variation != 0) {
		item_href(w, "itemGroupHref", ctx->base_url, "/buy/browse/v1/item/"
		    "get_items_by_item_group?item_group_id=", l->legacy, NULL,
		    NULL);
		jw_kstr(w, "itemGroupType", "SELLER_DEFINED_VARIATIONS");
	}
	item_urls(w, l, qy, ctx);
	item_location(w, l);
	item_additional(w, l);
	jw_kbool(w, "adultOnly", false);
	jw_kstr(w, "legacyItemId", l->legacy);
	jw_kbool(w, "availableCoupons", false);
	item_date(w, "itemOriginDate", l->origin);
	item_date(w, "itemCreationDate", l->created);
	if (l->show_end)
		item_date(w, "itemEndDate", l->ends);
	jw_kbool(w, "topRatedBuyingExperience", l->top_rated);
	jw_kstr(w, "listingMarketplaceId", qy->market->id);
	jw_obj_end(w);
}
