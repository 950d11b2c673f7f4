/*
 * Query to request: every /search filter mapped to Browse parameters and
 * percent-encoded; invalid queries refused before any call; names.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ebay-int.h"
#include "tap.h"

#define BASE	"http://127.0.0.1:1"
#define SEARCH	BASE "/buy/browse/v1/item_summary/search?"

static void
url_is(const struct ebay_query *q, const char *mkt, const char *want,
    const char *name)
{
	char	*u;

	u = ebay_query_url(q, BASE, mkt);
	is_str(u != NULL ? u : "(null)", want, "%s", name);
	free(u);
}

static void
invalid(const struct ebay_query *q, const char *name)
{
	const char	*why = NULL;
	char		*u;

	u = ebay_query_url(q, BASE, "EBAY_US");
	ok(!ebay_query_valid(q, &why) && why != NULL && u == NULL,
	    "%s: refused (%s)", name, why != NULL ? why : "");
	free(u);
}

int
main(void)
{
	static const char *const sellers[] = { "bad_seller", "other.one" };
	static const char *const badsellers[] = { "a|b" };
	static const char *const words[] = { "broken" };
	struct ebay_query	 q;
	enum ebay_cond		 c;
	enum ebay_sort		 s;
	enum ebay_fmt		 f;
	char			 big[300];

	ebay_query_init(&q);
	q.q = "thinkpad";
	url_is(&q, "EBAY_US", SEARCH "q=thinkpad&filter=buyingOptions%3A%7B"
	    "FIXED_PRICE%7CAUCTION%7D&limit=50&offset=0",
	    "default: auctions included, limit 50, best match (no sort)");

	ebay_query_init(&q);
	q.q = "thinkpad x220 {a|b}: [c], d";
	q.category_id = "177";
	ok(money_parse(&q.max_price, "400", "USD"), "max price");
	q.conditions = EBAY_BIT(EBAY_COND_USED) | EBAY_BIT(EBAY_COND_PARTS);
	q.exclude_sellers = sellers;
	q.nexclude_sellers = 2;
	q.exclude_words = words;
	q.nexclude_words = 1;
	q.located_in = "US";
	q.free_shipping = true;
	q.sort = EBAY_SORT_NEWLY_LISTED;
	q.limit = 10;
	q.start_from = 1773514327;
	url_is(&q, "EBAY_US", SEARCH
	    "q=thinkpad%20x220%20%7Ba%7Cb%7D%3A%20%5Bc%5D%2C%20d"
	    "&category_ids=177&filter="
	    "buyingOptions%3A%7BFIXED_PRICE%7CAUCTION%7D%2CconditionIds%3A%7B"
	    "2750%7C3000%7C4000%7C5000%7C6000%7C7000%7D%2Cprice%3A%5B..400.00"
	    "%5D%2CpriceCurrency%3AUSD%2CitemLocationCountry%3AUS%2C"
	    "maxDeliveryCost%3A0%2CdeliveryCountry%3AUS%2CexcludeSellers%3A"
	    "%7Bbad_seller%7Cother.one%7D%2CitemStartDate%3A%5B2026-03-14T18"
	    "%3A52%3A07.000Z%5D&sort=newlyListed&limit=10&offset=0",
	    "every filter, { } | [ ] : , and spaces encoded");

	ebay_query_init(&q);
	q.category_id = "9355";
	q.marketplace = "EBAY_DE";
	(void)money_parse(&q.min_price, "10", "EUR");
	(void)money_parse(&q.max_price, "50.5", "EUR");
	q.conditions = EBAY_BIT(EBAY_COND_NEW) | EBAY_BIT(EBAY_COND_OPEN_BOX);
	q.formats = EBAY_BIT(EBAY_FMT_AUCTION) | EBAY_BIT(EBAY_FMT_BEST_OFFER);
	q.sort = EBAY_SORT_PRICE_DESC;
	q.limit = 200;
	q.offset = 400;
	url_is(&q, "EBAY_US", SEARCH "category_ids=9355&filter="
	    "buyingOptions%3A%7BAUCTION%7CBEST_OFFER%7D%2CconditionIds%3A%7B"
	    "1000%7C1500%7C1750%7D%2Cprice%3A%5B10.00..50.50%5D%2C"
	    "priceCurrency%3AEUR&sort=-price&limit=200&offset=400",
	    "category only, EUR range, formats chosen, -price, paging");
	q.sort = EBAY_SORT_ENDING_SOONEST;
	q.free_shipping = true;
	q.min_price.known = false;
	q.max_price.known = false;
	url_is(&q, NULL, SEARCH "category_ids=9355&filter="
	    "buyingOptions%3A%7BAUCTION%7CBEST_OFFER%7D%2CconditionIds%3A%7B"
	    "1000%7C1500%7C1750%7D%2CmaxDeliveryCost%3A0%2CdeliveryCountry%3A"
	    "DE&sort=endingSoonest&limit=200&offset=400",
	    "free shipping to the marketplace's country; endingSoonest");

	ebay_query_init(&q);
	q.q = "x";
	q.sort = EBAY_SORT_PRICE;
	(void)money_parse(&q.min_price, "5", "GBP");
	q.marketplace = "EBAY_GB";
	url_is(&q, NULL, SEARCH "q=x&filter=buyingOptions%3A%7BFIXED_PRICE"
	    "%7CAUCTION%7D%2Cprice%3A%5B5.00%5D%2CpriceCurrency%3AGBP"
	    "&sort=price&limit=50&offset=0", "open-ended minimum, sort price");

	ebay_query_init(&q);
	invalid(&q, "neither q nor category");
	q.q = "";
	invalid(&q, "empty q");
	memset(big, 'a', 101);
	big[101] = '\0';
	q.q = big;
	invalid(&q, "101-character q");
	big[100] = '\0';
	ok(ebay_query_valid(&q, NULL), "100-character q is fine");
	q.q = "\xe6\x97\xa5\xe6\x9c\xac";
	ok(ebay_query_valid(&q, NULL), "UTF-8 q is fine");
	q.q = "bad \xff utf-8";
	invalid(&q, "invalid UTF-8 in q");
	q.q = "tab\there";
	invalid(&q, "control character in q");
	q.q = "ok";
	q.category_id = "12a";
	invalid(&q, "non-numeric category");
	q.category_id = NULL;
	q.limit = 201;
	invalid(&q, "limit 201");
	q.limit = 50;
	q.offset = 25;
	invalid(&q, "offset not a multiple of limit");
	q.offset = 10000;
	invalid(&q, "offset past 9,999");
	q.offset = 0;
	(void)money_parse(&q.min_price, "10", "USD");
	(void)money_parse(&q.max_price, "5", "USD");
	invalid(&q, "max below min");
	(void)money_parse(&q.max_price, "50", "EUR");
	invalid(&q, "min and max in different currencies");
	q.max_price.known = false;
	q.currency = "EUR";
	invalid(&q, "currency disagrees with min price");
	q.currency = "usd";
	q.min_price.known = false;
	invalid(&q, "lower-case currency");
	q.currency = NULL;
	q.marketplace = "EBAY_XX";
	invalid(&q, "unknown marketplace");
	q.marketplace = NULL;
	q.located_in = "usa";
	invalid(&q, "bad country");
	q.located_in = NULL;
	q.exclude_sellers = badsellers;
	q.nexclude_sellers = 1;
	invalid(&q, "seller name with |");
	q.nexclude_sellers = 0;
	q.sort = EBAY_SORT__MAX;
	invalid(&q, "bad sort");

	ok(ebay_next_url_ok(SEARCH "q=a&offset=10", BASE), "next under base");
	ok(!ebay_next_url_ok("http://evil.example/buy/browse/v1/item_summary"
	    "/search?q=a", BASE), "next elsewhere refused");
	ok(!ebay_next_url_ok(BASE ".evil.example/buy/browse/v1/item_summary"
	    "/search?q=a", BASE), "look-alike host refused");
	ok(!ebay_next_url_ok(BASE "/buy/browse/v1/item/v1%7C1%7C0?", BASE),
	    "another endpoint refused");
	ok(!ebay_next_url_ok(SEARCH "q=a b", BASE), "raw space refused");

	ok(ebay_cond_parse("open_box", &c) && c == EBAY_COND_OPEN_BOX &&
	    strcmp(ebay_cond_name(c), "open_box") == 0, "condition names");
	ok(!ebay_cond_parse("mint", &c), "unknown condition");
	ok(ebay_sort_parse("-price", &s) && s == EBAY_SORT_PRICE_DESC &&
	    ebay_sort_name(EBAY_SORT__MAX) == NULL, "sort names");
	ok(ebay_fmt_parse("buy_it_now", &f) && f == EBAY_FMT_BUY_IT_NOW,
	    "format names");
	is_str(ebay_marketplace_currency("EBAY_DE"), "EUR", "DE uses EUR");
	is_str(ebay_strerror(EBAY_ERR_QUOTA), "eBay call quota exhausted",
	    "strerror");
	ok(ebay_strerror(EBAY_ERR__MAX) != NULL, "strerror out of range");
	return tap_done();
}
