/*
 * One listing as a Browse ItemSummary (BROWSE-API.md 5.2), with the JSON
 * types of the fixtures: money, conditionId and feedbackPercentage as
 * strings, bidCount and feedbackScore as integers.  Hostile listings
 * (--hostile) carry the data of the fixtures README's "hostile" list.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "buf.h"
#include "fake.h"
#include "xmalloc.h"

void
item_money(char out[32], long long cents)
{
	snprintf(out, 32, "%s%lld.%02lld", cents < 0 ? "-" : "",
	    (cents < 0 ? -cents : cents) / 100,
	    (cents < 0 ? -cents : cents) % 100);
}

static void
item_add(struct json_object *o, const char *k, struct json_object *v)
{
	json_object_object_add(o, k, v);
}

static void
item_str(struct json_object *o, const char *k, const char *v)
{
	item_add(o, k, json_object_new_string(v));
}

static struct json_object *
item_amount(long long cents, const char *currency)
{
	struct json_object	*a = json_object_new_object();
	char			 v[32];

	item_money(v, cents);
	item_str(a, "value", v);
	item_str(a, "currency", currency);
	return a;
}

static struct json_object *
item_image(const char *code, const char *size)
{
	struct json_object	*o = json_object_new_object();
	char			 url[128];

	snprintf(url, sizeof url, "https://i.ebayimg.com/%simages/g/%s/s-%s.jpg",
	    strcmp(size, "l225") == 0 ? "thumbs/" : "", code, size);
	item_str(o, "imageUrl", url);
	return o;
}

static void
item_date(struct json_object *o, const char *k, time_t t)
{
	char	 d[32];

	fclock_iso(t, d);
	item_str(o, k, d);
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
static struct json_object *
item_title(const struct listing *l)
{
	struct buf		 t;
	struct json_object	*o;

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
	o = json_object_new_string_len(buf_cstr(&t), (int)t.len);
	buf_free(&t);
	return o;
}

static struct json_object *
item_seller(const struct listing *l)
{
	struct json_object	*s = json_object_new_object();
	char			 pct[16];

	if (l->hostile == HOSTILE_MARKUP)
		item_str(s, "username", "<b>x</b>'\"><script>alert(5)</script>");
	else if (l->hostile == HOSTILE_RTL)
		item_str(s, "username", "m\xC3\xBCller_\xE2\x80\xAEresu");
	else if (l->hostile == HOSTILE_NUL)
		item_add(s, "username", json_object_new_string_len("nul\0seller",
		    10));
	else
		item_str(s, "username", l->seller);
	snprintf(pct, sizeof pct, "%d.%d", l->feedback_pct10 / 10,
	    l->feedback_pct10 % 10);
	if (l->hostile == HOSTILE_NULLS)
		item_add(s, "feedbackPercentage", NULL);
	else
		item_str(s, "feedbackPercentage", pct);
	item_add(s, "feedbackScore", json_object_new_int(l->feedback_score));
	return s;
}

static struct json_object *
item_categories(const struct listing *l, const struct query *qy,
    struct json_object **leaf)
{
	struct json_object	*a = json_object_new_array(), *c;
	const char		*id, *name;
	int			 i;

	*leaf = json_object_new_array();
	id = l->category >= 0 ? cat_category_id(l->category) : qy->category_id;
	name = cat_category_name(l->category >= 0 ? NULL : qy->category_id,
	    l->category);
	json_object_array_add(*leaf, json_object_new_string(id));
	c = json_object_new_object();
	item_str(c, "categoryId", id);
	item_str(c, "categoryName", name);
	json_object_array_add(a, c);
	if (l->category >= 0) {
		i = l->category;
		c = json_object_new_object();
		item_str(c, "categoryId", cat_parent_id(i));
		item_str(c, "categoryName", cat_parent_name(i));
		json_object_array_add(a, c);
	}
	return a;
}

static struct json_object *
item_shipping(const struct listing *l, const struct query *qy,
    const struct item_ctx *ctx)
{
	struct json_object	*a = json_object_new_array(), *s;
	time_t			 day = ctx->now - ctx->now % 86400 + 7 * 3600;

	s = json_object_new_object();
	item_str(s, "shippingCostType", l->ship == SHIP_FIXED ? "FIXED" :
	    "CALCULATED");
	if (l->ship == SHIP_FIXED || l->ship == SHIP_CALC_COST)
		item_add(s, "shippingCost", item_amount(l->ship_cost,
		    qy->market->currency));
	if (l->key % 3 == 0) {
		/* Delivery estimates count from today, 07:00 UTC as eBay's do. */
		item_date(s, "minEstimatedDeliveryDate", day + (time_t)(2 +
		    l->key / 3 % 3) * 86400);
		item_date(s, "maxEstimatedDeliveryDate", day + (time_t)(5 +
		    l->key / 3 % 3) * 86400);
	}
	json_object_array_add(a, s);
	return a;
}

static struct json_object *
item_buying(const struct listing *l)
{
	struct json_object	*a = json_object_new_array();

	if (l->fixed)
		json_object_array_add(a, json_object_new_string("FIXED_PRICE"));
	if (l->auction)
		json_object_array_add(a, json_object_new_string("AUCTION"));
	if (l->best_offer)
		json_object_array_add(a, json_object_new_string("BEST_OFFER"));
	return a;
}

static void
item_urls(struct json_object *o, const struct listing *l,
    const struct query *qy, const struct item_ctx *ctx)
{
	struct buf	 u;

	buf_init(&u, 0);
	if (ctx->campaign != NULL && strcmp(qy->market->id, "EBAY_SG") != 0) {
		buf_addf(&u, "https://%s/itm/%s?mkcid=1&mkrid=711-53200-19255-0"
		    "&siteid=0&campid=", qy->market->host, l->legacy);
		buf_add_urlenc(&u, ctx->campaign);
		if (ctx->reference != NULL) {
			buf_adds(&u, "&customid=");
			buf_add_urlenc(&u, ctx->reference);
		}
		buf_adds(&u, "&toolid=10049&mkevt=1");
		item_str(o, "itemAffiliateWebUrl", buf_cstr(&u));
		buf_reset(&u);
	}
	buf_addf(&u, "https://%s/itm/%s", qy->market->host, l->legacy);
	if (l->hostile == HOSTILE_MARKUP)
		buf_adds(&u, "?x='\"><svg onload=alert(3)>");
	if (l->variation != 0)
		buf_addf(&u, "?var=%lld", l->variation);
	item_str(o, "itemWebUrl", buf_cstr(&u));
	buf_free(&u);
}

static struct json_object *
item_location(const struct listing *l)
{
	struct json_object	*o = json_object_new_object();

	if (l->hostile == HOSTILE_NULLS)
		item_add(o, "postalCode", NULL);
	else if (l->postal[0] != '\0' && l->hostile != HOSTILE_MINIMAL)
		item_str(o, "postalCode", l->postal);
	item_str(o, "country", l->country);
	return o;
}

/* A listing with most fields absent. */
static struct json_object *
item_minimal(const struct listing *l, const struct query *qy,
    const struct item_ctx *ctx)
{
	struct json_object	*o = json_object_new_object();

	item_str(o, "itemId", l->item_id);
	item_add(o, "title", item_title(l));
	item_add(o, "price", item_amount(l->price, qy->market->currency));
	item_urls(o, l, qy, ctx);
	item_add(o, "itemLocation", item_location(l));
	return o;
}

static struct json_object *
item_price(const struct listing *l, const struct query *qy)
{
	struct json_object	*p;
	char			 v[32];

	p = item_amount(l->price, qy->market->currency);
	if (l->conv_currency != NULL) {
		item_money(v, l->converted);
		item_str(p, "convertedFromValue", v);
		item_str(p, "convertedFromCurrency", l->conv_currency);
	}
	return p;
}

static void
item_marketing(struct json_object *o, const struct listing *l,
    const struct query *qy)
{
	struct json_object	*m;
	char			 pct[16];

	if (l->orig_price <= l->price)
		return;
	m = json_object_new_object();
	item_add(m, "originalPrice", item_amount(l->orig_price,
	    qy->market->currency));
	item_add(m, "discountAmount", item_amount(l->orig_price - l->price,
	    qy->market->currency));
	snprintf(pct, sizeof pct, "%lld",
	    (l->orig_price - l->price) * 100 / l->orig_price);
	item_str(m, "discountPercentage", pct);
	item_str(m, "priceTreatment", "LIST_PRICE");
	item_add(o, "marketingPrice", m);
}

struct json_object *
item_json(const struct listing *l, const struct query *qy,
    const struct item_ctx *ctx)
{
	struct json_object	*o, *leaf, *a;
	char			 v[160];
	bool			 nulls = l->hostile == HOSTILE_NULLS;
	int			 i;

	if (l->hostile == HOSTILE_MINIMAL)
		return item_minimal(l, qy, ctx);
	o = json_object_new_object();
	item_str(o, "itemId", l->item_id);
	item_add(o, "title", item_title(l));
	if (nulls)
		item_add(o, "categories", NULL);
	else {
		a = item_categories(l, qy, &leaf);
		item_add(o, "leafCategoryIds", leaf);
		item_add(o, "categories", a);
	}
	if (l->hostile == HOSTILE_MARKUP) {
		a = json_object_new_object();
		item_str(a, "imageUrl", "https://i.ebayimg.com/images/g/\"><script>"
		    "alert(4)</script>/s-l225.jpg");
		item_add(o, "image", a);
	} else
		item_add(o, "image", nulls ? NULL : item_image(l->image, "l225"));
	if (l->has_price)
		item_add(o, "price", item_price(l, qy));
	item_marketing(o, l, qy);
	snprintf(v, sizeof v, "%s/buy/browse/v1/item/v1%%7C%s%%7C%lld",
	    ctx->base_url, l->legacy, l->variation);
	item_str(o, "itemHref", v);
	item_add(o, "seller", item_seller(l));
	if (nulls) {
		item_add(o, "condition", NULL);
		item_add(o, "conditionId", NULL);
	} else {
		item_str(o, "condition", cat_condition_name(l->condition_id));
		snprintf(v, sizeof v, "%d", l->condition_id);
		item_str(o, "conditionId", v);
	}
	a = json_object_new_array();
	json_object_array_add(a, item_image(l->image, "l1600"));
	item_add(o, "thumbnailImages", a);
	if (nulls)
		item_add(o, "shippingOptions", NULL);
	else if (l->ship != SHIP_NONE)
		item_add(o, "shippingOptions", item_shipping(l, qy, ctx));
	item_add(o, "buyingOptions", item_buying(l));
	if (l->auction) {
		item_add(o, "currentBidPrice", item_amount(l->bid,
		    qy->market->currency));
		item_add(o, "bidCount", json_object_new_int(l->bid_count));
	} else if (nulls) {
		item_add(o, "currentBidPrice", NULL);
		item_add(o, "bidCount", NULL);
	}
	if (l->has_epid) {
		snprintf(v, sizeof v, "%llu", (unsigned long long)(l->key %
		    900000000ULL + 100000000ULL));
		item_str(o, "epid", v);
	}
	if (l->variation != 0) {
		snprintf(v, sizeof v, "%s/buy/browse/v1/item/"
		    "get_items_by_item_group?item_group_id=%s", ctx->base_url,
		    l->legacy);
		item_str(o, "itemGroupHref", v);
		item_str(o, "itemGroupType", "SELLER_DEFINED_VARIATIONS");
	}
	item_urls(o, l, qy, ctx);
	item_add(o, "itemLocation", item_location(l));
	if (l->n_images > 0) {
		a = json_object_new_array();
		for (i = 0; i < l->n_images; i++) {
			snprintf(v, sizeof v, "%.12s%04d", l->image, i);
			json_object_array_add(a, item_image(v, "l225"));
		}
		item_add(o, "additionalImages", a);
	}
	item_add(o, "adultOnly", json_object_new_boolean(0));
	item_str(o, "legacyItemId", l->legacy);
	item_add(o, "availableCoupons", json_object_new_boolean(0));
	item_date(o, "itemOriginDate", l->origin);
	item_date(o, "itemCreationDate", l->created);
	if (l->show_end)
		item_date(o, "itemEndDate", l->ends);
	item_add(o, "topRatedBuyingExperience",
	    json_object_new_boolean(l->top_rated));
	item_str(o, "listingMarketplaceId", qy->market->id);
	return o;
}
