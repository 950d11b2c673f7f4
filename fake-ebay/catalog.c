/*
 * The fake eBay's catalog: deterministic listings for any query.
 *
 * A query (keywords, category, marketplace, seed) hashes to a stream of
 * listings: listing k is created at k * period + phase (absolute fake
 * time; the period is 6 to 60 minutes per query), and everything else
 * about it (title, seller, price, shipping, format, duration, bids, price
 * moves, relisting) derives from a hash of the query and k.  Listing the
 * catalog at time t therefore gives the same answer every time, and as the
 * clock advances new listings appear, prices move at fixed instants,
 * auctions gather bids and end, fixed-price listings end or sell, and some
 * come back as relists (same seller and title, new item id).
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fake.h"
#include "xmalloc.h"

#define CAT_DAY		86400LL
#define CAT_WINDOW	(30 * CAT_DAY)	/* oldest listing still alive */

static const struct market cat_markets[] = {
	{ "EBAY_US", "USD", "US", "www.ebay.com" },
	{ "EBAY_GB", "GBP", "GB", "www.ebay.co.uk" },
	{ "EBAY_DE", "EUR", "DE", "www.ebay.de" },
	{ "EBAY_AU", "AUD", "AU", "www.ebay.com.au" },
	{ "EBAY_CA", "CAD", "CA", "www.ebay.ca" },
	{ "EBAY_FR", "EUR", "FR", "www.ebay.fr" },
	{ "EBAY_IT", "EUR", "IT", "www.ebay.it" },
	{ "EBAY_ES", "EUR", "ES", "www.ebay.es" },
	{ "EBAY_AT", "EUR", "AT", "www.ebay.at" },
	{ "EBAY_BE", "EUR", "BE", "www.benl.ebay.be" },
	{ "EBAY_CH", "CHF", "CH", "www.ebay.ch" },
	{ "EBAY_IE", "EUR", "IE", "www.ebay.ie" },
	{ "EBAY_NL", "EUR", "NL", "www.ebay.nl" },
	{ "EBAY_PL", "PLN", "PL", "www.ebay.pl" },
	{ "EBAY_HK", "HKD", "HK", "www.ebay.com.hk" },
	{ "EBAY_SG", "SGD", "SG", "www.ebay.com.sg" },
	{ "EBAY_MOTORS_US", "USD", "US", "www.ebay.com" },
};

/* Units of each currency per 100 USD: for conversions only. */
static const struct {
	const char	*code;
	long long	 per100usd;
} cat_rates[] = {
	{ "USD", 100 }, { "EUR", 92 }, { "GBP", 79 }, { "AUD", 152 },
	{ "CAD", 136 }, { "CHF", 88 }, { "PLN", 400 }, { "HKD", 780 },
	{ "SGD", 134 }, { "CNY", 720 }, { "JPY", 15000 },
};

/* Where cross-border listings come from, and their currency. */
static const struct {
	const char	*country;
	const char	*currency;
} cat_abroad[] = {
	{ "CN", "CNY" }, { "HK", "HKD" }, { "JP", "JPY" }, { "DE", "EUR" },
	{ "GB", "GBP" }, { "US", "USD" }, { "CA", "CAD" },
};

static const struct {
	int		 id;
	const char	*name;
	int		 weight;	/* out of 100 */
} cat_conditions[] = {
	{ 1000, "New", 20 },
	{ 1500, "Open box", 8 },
	{ 1750, "New with defects", 2 },
	{ 2000, "Certified - Refurbished", 3 },
	{ 2010, "Excellent - Refurbished", 3 },
	{ 2020, "Very Good - Refurbished", 1 },
	{ 2030, "Good - Refurbished", 1 },
	{ 2500, "Seller refurbished", 4 },
	{ 2750, "Like New", 2 },
	{ 3000, "Used", 36 },
	{ 4000, "Very Good", 4 },
	{ 5000, "Good", 4 },
	{ 6000, "Acceptable", 5 },
	{ 7000, "For parts or not working", 7 },
};

static const struct {
	const char	*id;
	const char	*name;
	const char	*parent_id;
	const char	*parent;
} cat_categories[] = {
	{ "177", "PC Laptops & Netbooks", "58058", "Computers/Tablets & Networking" },
	{ "9355", "Cell Phones & Smartphones", "15032", "Cell Phones & Accessories" },
	{ "139971", "Video Game Consoles", "1249", "Video Games & Consoles" },
	{ "31388", "Digital Cameras", "625", "Cameras & Photo" },
	{ "112529", "Headphones", "293", "Consumer Electronics" },
	{ "48619", "Turntables & Record Players", "293", "Consumer Electronics" },
	{ "33963", "Keyboards & Keypads", "58058", "Computers/Tablets & Networking" },
	{ "261186", "Books", "267", "Books & Magazines" },
	{ "31387", "Wristwatches", "281", "Jewelry & Watches" },
	{ "2536", "Toys & Hobbies Other", "220", "Toys & Hobbies" },
};
#define CAT_NCATEGORIES	(sizeof cat_categories / sizeof cat_categories[0])

static const char *const cat_prefixes[] = {
	"", "", "", "", "Genuine ", "NEW ", "Vintage ", "Lot of 2 ", "Rare ",
	"OEM ", "Authentic ", "Boxed ",
};
static const char *const cat_suffixes[] = {
	"- Tested & Working", "w/ Charger", "Excellent Condition",
	"Fast Shipping", "Bundle", "Free Shipping", "Read Description",
	"Great Condition", "Works Perfectly", "Clean", "Original Box",
	"Ships Today", "Mint", "w/ Accessories", "Nice!", "Untested",
};
static const char *const cat_seller_a[] = {
	"northloop", "retro", "ohio", "bay", "second", "prime", "blue", "old",
	"tech", "happy", "urban", "lake", "river", "pine", "metro", "red",
};
static const char *const cat_seller_b[] = {
	"pc", "keys", "surplus", "gadget", "bits", "resale", "deals", "trade",
	"parts", "vintage", "audio", "finds", "store", "market", "works", "box",
};
static const char *const cat_seller_c[] = {
	"recyclers", "and_bits", "outlet", "shop", "co", "llc", "depot",
	"exchange", "hub", "", "", "", "2010", "uk", "direct", "garage",
};

#define NELEM(a)	(sizeof (a) / sizeof (a)[0])

const struct market *
cat_market(const char *id)
{
	size_t	 i;

	if (id == NULL)
		return NULL;
	for (i = 0; i < NELEM(cat_markets); i++)
		if (strcmp(cat_markets[i].id, id) == 0)
			return &cat_markets[i];
	return NULL;
}

const struct market *
cat_market_nth(size_t i)
{
	return i < NELEM(cat_markets) ? &cat_markets[i] : NULL;
}

const char *
cat_condition_name(int id)
{
	size_t	 i;

	for (i = 0; i < NELEM(cat_conditions); i++)
		if (cat_conditions[i].id == id)
			return cat_conditions[i].name;
	return NULL;
}

/* A category's name: from the table, or a generic one for unknown ids. */
const char *
cat_category_name(const char *id, int idx)
{
	size_t	 i;

	if (id != NULL) {
		for (i = 0; i < CAT_NCATEGORIES; i++)
			if (strcmp(cat_categories[i].id, id) == 0)
				return cat_categories[i].name;
		return "Everything Else";
	}
	return cat_categories[idx].name;
}

const char *
cat_category_id(int idx)
{
	return cat_categories[idx].id;
}

const char *
cat_parent_id(int idx)
{
	return cat_categories[idx].parent_id;
}

const char *
cat_parent_name(int idx)
{
	return cat_categories[idx].parent;
}

/* Units of currency per 100 USD; 0 for an unknown code. */
long long
cat_rate(const char *code)
{
	size_t	 i;

	for (i = 0; i < NELEM(cat_rates); i++)
		if (strcmp(cat_rates[i].code, code) == 0)
			return cat_rates[i].per100usd;
	return 0;
}

/* splitmix64's finaliser: a good 64-bit mixer. */
uint64_t
cat_mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/* FNV-1a of n bytes, mixed with a seed. */
uint64_t
cat_hash(const void *p, size_t n, uint64_t seed)
{
	const unsigned char	*s = p;
	uint64_t		 h = 0xcbf29ce484222325ULL ^ cat_mix(seed);
	size_t			 i;

	for (i = 0; i < n; i++) {
		h ^= s[i];
		h *= 0x100000001b3ULL;
	}
	return cat_mix(h);
}

/* A stream of draws from one listing's hash. */
struct cat_rng {
	uint64_t	 s;
};

static uint64_t
cat_next(struct cat_rng *r)
{
	r->s += 0x9e3779b97f4a7c15ULL;
	return cat_mix(r->s);
}

/* Uniform in [0, n). */
static long long
cat_below(struct cat_rng *r, long long n)
{
	return n <= 0 ? 0 : (long long)(cat_next(r) % (uint64_t)n);
}

/* Uniform in [lo, hi]. */
static long long
cat_range(struct cat_rng *r, long long lo, long long hi)
{
	return lo + cat_below(r, hi - lo + 1);
}

/* Append s to d at *n (the callers' arrays are large enough). */
static void
cat_put(char *d, size_t *n, const char *s)
{
	size_t	 k = strlen(s);

	memcpy(d + *n, s, k);
	*n += k;
	d[*n] = '\0';
}

/* Append v in decimal, zero-padded to width digits, at *n. */
static void
cat_put_uint(char *d, size_t *n, unsigned long long v, int width)
{
	char	 t[24];
	int	 k = 0;

	do {
		t[k++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0 || k < width);
	while (k > 0)
		d[(*n)++] = t[--k];
	d[*n] = '\0';
}

static uint64_t
cat_query_hash(const struct query *qy)
{
	struct buf	 b;
	uint64_t	 h;

	buf_init(&b, 0);
	buf_addf(&b, "%s\n%s\n%s", qy->q != NULL ? qy->q : "",
	    qy->category_id != NULL ? qy->category_id : "", qy->market->id);
	h = cat_hash(buf_cstr(&b), b.len, qy->seed);
	buf_free(&b);
	return h;
}

/* "%016llx" */
static void
cat_hex(char out[20], uint64_t v)
{
	static const char	 hex[] = "0123456789abcdef";
	int			 i;

	for (i = 15; i >= 0; i--) {
		out[i] = hex[v & 0xf];
		v >>= 4;
	}
	out[16] = '\0';
}

/* Round a price to a shop-like ending (.99, .95 or .00). */
static long long
cat_round(struct cat_rng *r, long long cents)
{
	long long	 whole = cents / 100;

	if (whole < 1)
		whole = 1;
	switch (cat_below(r, 3)) {
	case 0:
		return whole * 100 - 1 + (whole == 1 ? 100 : 0);
	case 1:
		return whole * 100 + 95;
	default:
		return whole * 100;
	}
}

/* Append the query's words for a title: "thinkpad x220" -> "Thinkpad X220". */
static void
cat_title_core(struct buf *t, const struct query *qy, int cat)
{
	const char	*p, *src;
	bool		 start = true, skip = false, any = false;

	src = qy->q != NULL ? qy->q :
	    cat_category_name(qy->category_id, cat);
	for (p = src; *p != '\0'; p++) {
		if (*p == ' ' || *p == '(' || *p == ')' || *p == ',') {
			if (!start && !skip)
				any = true;
			start = true;
			skip = false;
			continue;
		}
		if (start) {
			skip = *p == '-';	/* an excluded word */
			if (!skip && any)
				buf_addc(t, ' ');
			start = false;
			if (!skip)
				buf_addc(t, (char)toupper((unsigned char)*p));
			continue;
		}
		if (!skip)
			buf_addc(t, *p);
	}
}

/*
 * The title's parts: a prefix, the query's words, a note on the condition
 * and one or two suffixes while it stays within 80 characters (over 80
 * only when the keywords themselves are).  Only their lengths count here;
 * cat_finish puts them together.
 */
static void
cat_title(struct listing *l, const struct catalog *c, struct cat_rng *r)
{
	const char	*suffix;
	int		 n, i;
	size_t		 len;

	l->title_prefix = cat_prefixes[cat_below(r, NELEM(cat_prefixes))];
	len = strlen(l->title_prefix) + c->core_len;
	if (l->condition_id == 7000)
		l->title_note = " - For Parts or Repair";
	else if (l->condition_id == 1000 && cat_below(r, 2) == 0)
		l->title_note = " - Brand New Sealed";
	else if (l->condition_id >= 2000 && l->condition_id < 2750)
		l->title_note = " Refurbished";
	if (l->title_note != NULL)
		len += strlen(l->title_note);
	n = (int)cat_range(r, 1, 2);
	for (i = 0; i < n; i++) {
		suffix = cat_suffixes[cat_below(r, NELEM(cat_suffixes))];
		if (len + 1 + strlen(suffix) > 80)
			break;
		l->title_suffix[i] = suffix;
		len += 1 + strlen(suffix);
	}
	l->title_len = len;
}

static void
cat_seller(struct listing *l, uint64_t seed, struct cat_rng *r)
{
	struct cat_rng	 s;
	long long	 who = cat_below(r, 400);

	s.s = cat_mix(seed ^ 0x5e11e5ULL) + (uint64_t)who;
	/*
	 * The parts are drawn last first: the order in which GCC evaluated
	 * the snprintf arguments this replaced, kept so that every query
	 * keeps its sellers.
	 */
	l->seller_part[2] = cat_seller_c[cat_below(&s, NELEM(cat_seller_c))];
	l->seller_part[1] = cat_seller_b[cat_below(&s, NELEM(cat_seller_b))];
	l->seller_part[0] = cat_seller_a[cat_below(&s, NELEM(cat_seller_a))];
	l->feedback_score = (int)cat_below(&s, 40000);
	if (cat_below(&s, 10) == 0)
		l->feedback_score = (int)cat_below(&s, 30);
	l->feedback_pct10 = 1000 - (int)cat_below(&s, 60);
	if (l->feedback_score == 0)
		l->feedback_pct10 = 0;
}

static int
cat_condition(struct cat_rng *r)
{
	long long	 x = cat_below(r, 100);
	size_t		 i;

	for (i = 0; i < NELEM(cat_conditions); i++) {
		if (x < cat_conditions[i].weight)
			return cat_conditions[i].id;
		x -= cat_conditions[i].weight;
	}
	return 3000;
}

/* Price factor per mille of the query's typical price, by condition. */
static long long
cat_factor(struct cat_rng *r, int cond)
{
	if (cond == 1000)
		return cat_range(r, 950, 1400);
	if (cond < 2000)
		return cat_range(r, 800, 1100);
	if (cond < 3000)
		return cat_range(r, 650, 950);
	if (cond < 7000)
		return cat_range(r, 350, 900);
	return cat_range(r, 100, 350);
}

static const long long cat_auction_days[] = { 1, 3, 5, 7, 10 };
static const long long cat_fixed_days[] = { 3, 5, 7, 10, 30, 30, 30 };

/* Auction bids at time now: count and current price. */
static void
cat_bids(struct listing *l, struct cat_rng *r, time_t now)
{
	struct cat_rng	 b = *r;
	long long	 max = cat_below(r, 4) == 0 ? 0 : cat_range(r, 1, 25);
	long long	 dur = l->ends - l->created, i, u, inc;

	l->bid_count = 0;
	for (i = 0; i < max; i++) {
		u = cat_below(&b, 1000);
		u = 1000 - u * u / 1000;	/* bids bunch up near the end */
		if (l->fixed)
			u = 500 + u / 2;	/* Buy It Now holds off bidders */
		if (l->created + dur * u / 1000 <= now)
			l->bid_count++;
	}
	for (i = 0; i < l->bid_count; i++) {
		inc = l->bid / 14;
		l->bid += inc < 100 ? 100 : inc / 100 * 100;
	}
}

/* Price moves: up to three steps at fixed instants after creation. */
static void
cat_moves(struct listing *l, struct cat_rng *r, time_t now)
{
	long long	 kind = cat_below(r, 100), step, j, n;

	if (kind >= 40)
		return;
	step = cat_range(r, 2 * 3600, 2 * CAT_DAY);
	n = cat_range(r, 1, 3);
	for (j = 1; j <= n; j++) {
		if (l->created + j * step > now)
			break;
		if (kind < 34)	/* most moves are drops */
			l->price = l->price * cat_range(r, 850, 970) / 1000;
		else
			l->price = l->price * cat_range(r, 1030, 1150) / 1000;
		l->price = cat_round(r, l->price);
	}
}

static void
cat_location(struct listing *l, const struct catalog *c, struct cat_rng *r)
{
	const struct query *qy = c->qy;
	size_t	 i, n = 0;
	long long x;

	memcpy(l->country, qy->market->country, sizeof l->country);
	if (cat_below(r, 100) < 12) {
		i = (size_t)cat_below(r, NELEM(cat_abroad));
		if (strcmp(cat_abroad[i].country, qy->market->country) != 0) {
			memcpy(l->country, cat_abroad[i].country,
			    sizeof l->country);
			if (strcmp(cat_abroad[i].currency,
			    qy->market->currency) != 0 &&
			    cat_below(r, 2) == 0) {
				l->conv_currency = cat_abroad[i].currency;
				l->converted = l->price *
				    cat_rate(l->conv_currency) / c->rate;
			}
		}
	}
	x = cat_below(r, 1000);
	if (strcmp(l->country, "US") == 0) {
		cat_put_uint(l->postal, &n, (unsigned long long)x, 3);
		cat_put(l->postal, &n, "**");
	} else if (strcmp(l->country, "CN") != 0 &&
	    strcmp(l->country, "HK") != 0) {
		cat_put_uint(l->postal, &n, (unsigned long long)(x % 100), 2);
		cat_put(l->postal, &n, "***");
	}
}

static void
cat_shipping(struct listing *l, const struct catalog *c, struct cat_rng *r)
{
	long long	 x = cat_below(r, 100), rate = c->rate;

	if (x < 40) {
		l->ship = SHIP_FIXED;
		l->ship_cost = 0;
	} else if (x < 65) {
		l->ship = SHIP_FIXED;
		l->ship_cost = cat_range(r, 4, 24) * rate + 99 - rate;
	} else if (x < 80) {
		l->ship = SHIP_CALC_COST;
		l->ship_cost = cat_range(r, 600, 3000) * rate / 100;
	} else if (x < 90)
		l->ship = SHIP_CALC_NOCOST;
	else
		l->ship = SHIP_NONE;
	if (l->ship_cost < 0)
		l->ship_cost = 0;
}

/*
 * Fill l with listing k of the query's stream, generation gen, as it is at
 * time now.  Returns false when that listing is not alive at now.
 */
static bool
cat_make(struct listing *l, const struct catalog *c, uint64_t qh,
    long long k, long long period, long long phase, time_t now)
{
	const struct query *qy = c->qy;
	struct cat_rng	 r, keep;
	long long	 typical, dur, relist_at;
	bool		 sold_early, relist;

	memset(l, 0, sizeof *l);
	l->index = k;
	l->key = cat_mix(qh ^ cat_mix((uint64_t)k));
	r.s = l->key;
	l->created = (time_t)(k * period + phase);
	l->origin = l->created;
	l->category = qy->category_id != NULL ? -1 :
	    (int)(qh % CAT_NCATEGORIES);
	l->auction = cat_below(&r, 100) < 25;
	l->fixed = !l->auction || cat_below(&r, 100) < 30;
	l->best_offer = !l->auction && cat_below(&r, 100) < 30;
	if (l->auction)
		dur = cat_auction_days[cat_below(&r, NELEM(cat_auction_days))];
	else
		dur = cat_fixed_days[cat_below(&r, NELEM(cat_fixed_days))];
	l->ends = l->created + (time_t)(dur * CAT_DAY);
	l->show_end = l->auction || dur != 30;
	sold_early = !l->auction && cat_below(&r, 100) < 15;
	if (sold_early)
		l->ends = l->created + (time_t)cat_range(&r, 3600,
		    dur * CAT_DAY);
	relist = !l->auction && !sold_early && dur != 30 &&
	    cat_below(&r, 100) < 40;
	relist_at = (long long)l->ends + cat_range(&r, 600, 7200);
	/*
	 * Ended and not (yet, or any more) relisted: the rest cannot bring
	 * it back (nothing below moves ends), so spare the work.
	 */
	if (l->ends <= now && !(relist && relist_at <= now &&
	    relist_at + 10 * CAT_DAY > now))
		return false;

	l->condition_id = cat_condition(&r);
	typical = (long long)(10 + (qh >> 8) % 600) * 100 *
	    c->rate / 100;
	l->price = cat_round(&r, typical * cat_factor(&r, l->condition_id) /
	    1000);
	l->has_price = true;
	cat_seller(l, qy->seed, &r);
	cat_title(l, c, &r);
	cat_shipping(l, c, &r);
	l->image_n = cat_next(&r);
	l->n_images = (int)cat_below(&r, 4);
	l->top_rated = cat_below(&r, 100) < 30;
	l->has_epid = cat_below(&r, 100) < 20;
	if (cat_below(&r, 100) < 8)
		l->variation = cat_range(&r, 400000000000LL, 499999999999LL);
	if (cat_below(&r, 100) < 10)
		l->created -= (time_t)cat_range(&r, 3600, 2 * CAT_DAY);
	if (!l->auction && cat_below(&r, 100) < 10)
		l->orig_price = l->price * 13 / 10 / 100 * 100;
	keep = r;
	if (l->auction) {
		l->bid = l->fixed ? l->price * 3 / 10 / 100 * 100 :
		    l->price * 4 / 10 / 100 * 100;
		if (l->bid < 99)
			l->bid = 99;
		cat_bids(l, &keep, now);
		if (!l->fixed)
			l->price = l->bid;
		else if (l->bid_count > 0) {
			l->fixed = false;	/* Buy It Now goes at the first bid */
			l->price = l->bid;
		}
	} else
		cat_moves(l, &keep, now);
	cat_location(l, c, &r);

	if (qy->hostile && l->key % 4 == 0)
		l->hostile = (enum hostile_kind)(1 + (l->key >> 8) %
		    (HOSTILE__MAX - 1));
	if (l->hostile == HOSTILE_HUGE) {
		l->price = 123456789;
		l->feedback_score = -3;
		l->auction = false;
		l->fixed = true;
	} else if (l->hostile == HOSTILE_NOPRICE) {
		l->auction = true;
		l->fixed = l->best_offer = false;
		l->has_price = false;
		if (l->bid == 0)
			l->bid = l->price / 2 / 100 * 100 + 99;
		l->show_end = true;
	}

	if (l->ends <= now && relist && relist_at <= now &&
	    relist_at + 10 * CAT_DAY > now) {
		/* The relisted copy: same seller and title, new item id. */
		l->gen = 1;
		l->created = l->origin = (time_t)relist_at;
		l->ends = (time_t)(relist_at + 10 * CAT_DAY);
		l->show_end = true;
		l->bid_count = 0;
	} else if (l->ends <= now || l->created > now)
		return false;
	l->legacy_n = 100000000000ULL +
	    cat_mix(l->key + (uint64_t)l->gen) % 899999999999ULL;
	return true;
}

void
cat_finish(const struct catalog *c, struct listing *l)
{
	struct buf	 t;
	size_t		 n, i;

	if (l->finished)
		return;
	l->finished = true;
	buf_init(&t, 0);
	buf_adds(&t, l->title_prefix);
	buf_add(&t, c->core, c->core_len);
	if (l->title_note != NULL)
		buf_adds(&t, l->title_note);
	for (i = 0; i < NELEM(l->title_suffix) && l->title_suffix[i] != NULL;
	    i++) {
		buf_addc(&t, ' ');
		buf_adds(&t, l->title_suffix[i]);
	}
	l->title = buf_detach(&t);

	/* a_b[_c]: at most 26 bytes of the 48 */
	n = 0;
	cat_put(l->seller, &n, l->seller_part[0]);
	cat_put(l->seller, &n, "_");
	cat_put(l->seller, &n, l->seller_part[1]);
	if (*l->seller_part[2] != '\0') {
		cat_put(l->seller, &n, "_");
		cat_put(l->seller, &n, l->seller_part[2]);
	}

	n = 0;
	cat_put_uint(l->legacy, &n, l->legacy_n, 1);
	/* "v1|%s|%lld"; variation is 0 or 12 digits */
	n = 0;
	cat_put(l->item_id, &n, "v1|");
	cat_put(l->item_id, &n, l->legacy);
	cat_put(l->item_id, &n, "|");
	cat_put_uint(l->item_id, &n, (unsigned long long)l->variation, 1);
	cat_hex(l->image, l->image_n);
}

void
cat_listings(struct catalog *c, const struct query *qy, time_t now)
{
	struct buf	 core;
	size_t		 cap = 0;
	uint64_t	 qh;
	long long	 period, phase, k, first, last;

	memset(c, 0, sizeof *c);
	c->qy = qy;
	if (qy->empty)
		return;
	c->rate = cat_rate(qy->market->currency);
	qh = cat_query_hash(qy);
	/* Every title of the query has its words: made once. */
	buf_init(&core, 0);
	cat_title_core(&core, qy, qy->category_id != NULL ? -1 :
	    (int)(qh % CAT_NCATEGORIES));
	c->core_len = core.len;
	c->core = buf_detach(&core);
	period = 360 * (long long)(1 + qh % 10);
	phase = (long long)((qh >> 16) % (uint64_t)period);
	last = ((long long)now - phase) / period;
	first = ((long long)now - CAT_WINDOW - phase) / period;
	if (first < 0)
		first = 0;
	for (k = last; k >= first; k--) {
		if (c->n == cap) {
			cap = cap == 0 ? 256 : cap * 2;
			c->v = xreallocarray(c->v, cap, sizeof *c->v);
		}
		if (cat_make(&c->v[c->n], c, qh, k, period, phase, now))
			c->n++;
	}
}

void
cat_free(struct catalog *c)
{
	size_t	 i;

	for (i = 0; i < c->n; i++)
		free(c->v[i].title);
	free(c->v);
	free(c->core);
	memset(c, 0, sizeof *c);
}
