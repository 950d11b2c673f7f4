/*
 * The Browse response parser against every shared fixture (exact values)
 * and against hostile data of ours (t/data/ebay/).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ebay-int.h"
#include "tap.h"
#include "xmalloc.h"

static char *
data(const char *name, size_t *len)
{
	const char	*top;
	char		*path, *s;

	if ((top = getenv("top_srcdir")) == NULL)
		top = ".";
	xasprintf(&path, "%s/t/data/ebay/%s", top, name);
	if ((s = tap_slurp(path)) == NULL)
		tap_skip_all("cannot read test data");
	free(path);
	*len = strlen(s);
	return s;
}

/* Parse a file from an exact-size heap copy (no NUL after it). */
static enum ebay_err
parse(const char *name, struct ebay_seen *seen, struct ebay_page *page,
    struct ebay_error *err)
{
	enum ebay_err	 e;
	size_t		 len;
	char		*s, *copy;

	s = data(name, &len);
	copy = xmalloc(len > 0 ? len : 1);
	memcpy(copy, s, len);
	free(s);
	e = ebay_parse_page(copy, len, seen, page, err);
	free(copy);
	return e;
}

static bool
money_is(const struct money *m, const char *want)
{
	char	 out[MONEY_STR_MAX + 8];

	return strcmp(money_format_cur(m, out, sizeof out), want) == 0;
}

static bool
str_is(const char *got, const char *want)
{
	if (got == NULL || want == NULL)
		return got == want;
	return strcmp(got, want) == 0;
}

static const struct ebay_item *
find(const struct ebay_page *p, const char *id)
{
	size_t	 i;

	for (i = 0; i < p->nitems; i++)
		if (strcmp(p->items[i].item_id, id) == 0)
			return &p->items[i];
	return NULL;
}

static void
test_page1(void)
{
	struct ebay_page	 p;
	struct ebay_error	 err;
	const struct ebay_item	*it;
	time_t			 t;

	ok(parse("search-page1.json", NULL, &p, &err) == EBAY_OK &&
	    err.code == EBAY_OK, "page 1 parses");
	is_int((long long)p.nitems, 10, "page 1: 10 items");
	is_int(p.total, 20, "total 20");
	is_int(p.limit, 10, "limit 10");
	is_int(p.offset, 0, "offset 0");
	ok(p.next != NULL && strstr(p.next, "offset=10") != NULL, "has next");
	ok(p.prev == NULL, "no prev");
	ok(p.problem == NULL && p.nwarnings == 0, "no warnings");
	is_int((long long)p.raw_count, 10, "raw count 10");

	it = &p.items[0];
	is_str(it->item_id, "v1|186400000101|0", "item id");
	is_str(it->legacy_id, "186400000101", "legacy id");
	ok(money_is(&it->price, "149.99 USD"), "price 149.99 USD");
	ok(money_is(&it->shipping, "0.00 USD"), "free shipping is known 0.00");
	ok(money_is(&it->total, "149.99 USD"), "total 149.99 USD");
	ok(it->buying == (EBAY_BIT(EBAY_BUY_FIXED_PRICE) |
	    EBAY_BIT(EBAY_BUY_BEST_OFFER)), "fixed price + best offer");
	is_str(it->seller_username, "northloop_pc_recyclers", "seller");
	ok(it->has_feedback_score && it->seller_feedback_score == 18342,
	    "feedback score");
	is_str(it->seller_feedback_pct, "99.6", "feedback percentage");
	is_str(it->condition, "Used", "condition");
	is_str(it->condition_id, "3000", "condition id");
	is_str(it->category_id, "177", "leaf category id");
	is_str(it->category_name, "PC Laptops & Netbooks", "category name");
	ok(str_is(it->image_url, "https://i.ebayimg.com/thumbs/images/g/"
	    "q7UAAeSwXk1oZr2a/s-l225.jpg"), "image");
	is_str(it->web_url, "https://www.ebay.com/itm/186400000101", "web url");
	ok(it->affiliate_web_url != NULL &&
	    strstr(it->affiliate_web_url, "campid=") != NULL,
	    "affiliate url");
	ok(ebay_item_link(it) == it->affiliate_web_url,
	    "the link is the affiliate url");
	is_str(it->location_country, "US", "country");
	is_str(it->location_postal, "551**", "masked postal code");
	is_str(it->marketplace, "EBAY_US", "marketplace");
	ok(ebay_time_parse("2026-03-14T18:52:07.000Z", &t) &&
	    it->origin_date == t && it->creation_date == t, "dates");
	ok(it->end_date == 0 && it->bid_count == -1, "no end date, no bids");

	it = &p.items[1];
	ok(it->buying == EBAY_BIT(EBAY_BUY_AUCTION), "auction");
	ok(money_is(&it->price, "89.00 USD") && !it->price_is_bid,
	    "auction price");
	ok(money_is(&it->current_bid, "89.00 USD"), "current bid");
	is_int(it->bid_count, 7, "7 bids");
	ok(money_is(&it->total, "103.50 USD"), "auction total 103.50");
	ok(ebay_time_parse("2026-03-19T01:12:44.000Z", &t) &&
	    it->end_date == t, "auction end date");

	ok(money_is(&p.items[2].total, "53.32 USD"),
	    "CALCULATED with a cost: 34.95 + 18.37 = 53.32");
	it = &p.items[4];
	ok(money_is(&it->price, "119.00 USD") &&
	    money_is(&it->current_bid, "45.00 USD") && it->bid_count == 0 &&
	    money_is(&it->total, "131.00 USD"),
	    "Buy It Now auction: price is the BIN price, total 131.00");
	it = &p.items[6];
	ok(money_is(&it->price, "55.00 USD") && !it->shipping.known &&
	    !it->total.known, "CALCULATED without a cost: total unknown");
	it = &p.items[7];
	ok(str_is(it->marketplace, "EBAY_DE") &&
	    money_is(&it->price, "96.41 USD") &&
	    money_is(&it->total, "128.90 USD"), "EUR item converted to USD");
	it = &p.items[8];
	ok(money_is(&it->price, "60.00 USD") && !it->shipping.known &&
	    !it->total.known, "no shippingOptions: unknown, not free");
	ok(money_is(&p.items[9].total, "414.00 USD"), "389.00 + 25.00");
	ebay_page_free(&p);
	ok(p.items == NULL && p.nitems == 0, "page_free zeroes the page");
	ebay_page_free(&p);
}

static void
test_page2(void)
{
	struct ebay_page	 p;
	struct ebay_error	 err;
	const struct ebay_item	*it;

	ok(parse("search-page2.json", NULL, &p, &err) == EBAY_OK,
	    "page 2 parses");
	ok(p.next == NULL && p.prev != NULL, "last page: prev, no next");
	is_int(p.offset, 10, "offset 10");
	it = &p.items[0];
	is_str(it->item_id, "v1|186400000111|694000000001", "variation id");
	is_str(it->legacy_id, "186400000111", "its legacy id");
	it = &p.items[1];
	ok(str_is(it->marketplace, "EBAY_GB") &&
	    money_is(&it->price, "145.00 GBP") &&
	    money_is(&it->shipping, "24.00 GBP") &&
	    money_is(&it->total, "169.00 GBP"), "GBP item: 169.00 GBP");
	ok(money_is(&p.items[9].total, "149.30 USD"), "auction 121.50 + 27.80");
	ok(p.items[5].buying == (EBAY_BIT(EBAY_BUY_AUCTION) |
	    EBAY_BIT(EBAY_BUY_FIXED_PRICE)), "auction with Buy It Now");
	ebay_page_free(&p);
}

static void
test_across_pages(void)
{
	struct ebay_seen	*seen;
	struct ebay_page	 p1, p2, again;
	struct ebay_error	 err;
	size_t			 i, j;
	bool			 unique = true;

	seen = ebay_seen_new();
	(void)parse("search-page1.json", seen, &p1, &err);
	(void)parse("search-page2.json", seen, &p2, &err);
	is_int((long long)(p1.nitems + p2.nitems), 20, "20 items over 2 pages");
	is_int((long long)(p1.dropped_duplicates + p2.dropped_duplicates), 0,
	    "no duplicates across the pages");
	for (i = 0; i < p1.nitems; i++)
		for (j = 0; j < p2.nitems; j++)
			if (strcmp(p1.items[i].item_id, p2.items[j].item_id)
			    == 0)
				unique = false;
	ok(unique, "20 unique ids");
	(void)parse("search-page1.json", seen, &again, &err);
	ok(again.nitems == 0 && again.dropped_duplicates == 10,
	    "page 1 again: all 10 dropped as duplicates");
	ebay_page_free(&p1);
	ebay_page_free(&p2);
	ebay_page_free(&again);
	ebay_seen_free(seen);
}

static void
test_empty(void)
{
	struct ebay_page	 p;
	struct ebay_error	 err;

	ok(parse("search-empty.json", NULL, &p, &err) == EBAY_OK &&
	    p.nitems == 0 && p.total == 0 && p.next == NULL &&
	    p.raw_count == 0, "empty: no itemSummaries key, 0 items");
	ebay_page_free(&p);
	ok(parse("empty-array.json", NULL, &p, &err) == EBAY_OK &&
	    p.nitems == 0, "itemSummaries [] accepted");
	ebay_page_free(&p);
	ok(parse("null-summaries.json", NULL, &p, &err) == EBAY_OK &&
	    p.nitems == 0, "itemSummaries null accepted as absent");
	ebay_page_free(&p);
}

static void
test_errors(void)
{
	static const struct {
		const char	*file;
		long		 id;
		const char	*msg;
	} t[] = {
		{ "error-400-filter.json", 12517, "Only one item location" },
		{ "error-401.json", 1001, "Invalid access token" },
		{ "error-429.json", 2001, "Too many requests" },
		{ "token-error-invalid-client.json", 0,
		  "invalid_client: client authentication failed" },
	};
	struct ebay_error	 err;
	size_t			 i, len;
	char			*s;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		memset(&err, 0, sizeof err);
		s = data(t[i].file, &len);
		ok(ebay_parse_error(s, len, &err) && err.error_id == t[i].id &&
		    strncmp(err.message, t[i].msg, strlen(t[i].msg)) == 0,
		    "%s: errorId %ld, \"%s\"", t[i].file, err.error_id,
		    err.message);
		free(s);
	}
	s = data("html-502.html", &len);
	ok(!ebay_parse_error(s, len, &err), "HTML is no error envelope");
	free(s);
}

static void
test_bad(void)
{
	static const char *const bad[] = {
		"truncated.json", "html-502.html", "not-object.json",
		"summaries-not-array.json", "deep.json", "trailing-garbage.json",
		"invalid-utf8.json",
	};
	struct ebay_page	 p;
	struct ebay_error	 err;
	size_t			 i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ok(parse(bad[i], NULL, &p, &err) == EBAY_ERR_BAD_RESPONSE &&
		    err.code == EBAY_ERR_BAD_RESPONSE && p.nitems == 0,
		    "%s: bad response (%s)", bad[i], err.message);
		ebay_page_free(&p);
	}
	ok(parse("lax-utf8.json", NULL, &p, &err) == EBAY_OK &&
	    p.nitems == 1 && p.dropped_invalid == 2 &&
	    strcmp(p.items[0].item_id, "v1|1|0") == 0,
	    "items with an encoded surrogate or an overlong form (which "
	    "json-c accepts and PostgreSQL refuses) are dropped");
	ebay_page_free(&p);
	ok(ebay_parse_page("", 0, NULL, &p, &err) == EBAY_ERR_BAD_RESPONSE,
	    "empty body: bad response");
	ebay_page_free(&p);
}

/* Code points in UTF-8 s. */
static size_t
cps(const char *s)
{
	size_t	 n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

static void
test_hostile(void)
{
	struct ebay_page	 p;
	struct ebay_error	 err;
	const struct ebay_item	*it;
	time_t			 t;

	ok(parse("hostile-page.json", NULL, &p, &err) == EBAY_OK,
	    "hostile page parses");
	is_int((long long)p.raw_count, 19, "19 entries sent");
	is_int((long long)p.nitems, 12, "12 items kept");
	is_int((long long)p.dropped_duplicates, 1, "1 repeated id dropped");
	is_int((long long)p.dropped_invalid, 6, "6 invalid entries dropped "
	    "(\\u0000 in a title or id, no id, empty id, long id, not an "
	    "object)");
	ok(find(&p, "v1|990000000008|0") == NULL,
	    "policy: an item with \\u0000 is dropped, not cut");
	ok(p.nwarnings == 1 && p.warning_ids[0] == 12002 && p.problem != NULL &&
	    strstr(p.problem, "priceCurrency") != NULL &&
	    strstr(p.problem, "12002") != NULL,
	    "HTTP 200 warning surfaced as a problem: %s",
	    p.problem != NULL ? p.problem : "(none)");

	it = find(&p, "v1|990000000001|0");
	ok(it != NULL && strcmp(it->title, "<script>alert(1)</script> & "
	    "&amp; \"dq\" 'sq' </textarea><img src=x onerror=alert(2)>") == 0,
	    "markup in a title is kept verbatim (escaped on output)");
	ok(it != NULL && str_is(it->seller_username,
	    "<img src=x onerror=alert(1)>"), "markup in a username kept");
	ok(it != NULL && it->web_url == NULL,
	    "itemWebUrl with a raw space and markup is refused");
	ok(it != NULL && it->affiliate_web_url == NULL,
	    "javascript: URL refused");
	ok(it != NULL && str_is(it->image_url, "https://i.ebayimg.com/t.jpg"),
	    "javascript: image refused, thumbnail used");
	ok(it != NULL && it->buying == EBAY_BIT(EBAY_BUY_FIXED_PRICE),
	    "unknown buying option ignored");
	ok(it != NULL && money_is(&it->total, "11.50 USD"), "its total");
	ok(find(&p, "v1|990000000001|0") == it && it != NULL &&
	    strcmp(it->title, "duplicate of item 1") != 0,
	    "the first of a repeated id is kept");

	it = find(&p, "v1|990000000002|0");
	ok(it != NULL && cps(it->title) == 300, "300-code-point title kept "
	    "whole (%zu code points)", it != NULL ? cps(it->title) : 0);
	ok(it != NULL && strstr(it->title, "\xe2\x80\xae") != NULL &&
	    strchr(it->title, '\n') != NULL && strchr(it->title, '\t') != NULL,
	    "RTL override, newline and tab kept in the data");
	ok(it != NULL && str_is(it->seller_username,
	    "J\xc3\xbcrgen_\xe2\x80\xae" "evil"), "non-ASCII username");
	ok(it != NULL && str_is(it->seller_feedback_pct, "99.65"),
	    "feedback 99.65");
	ok(it != NULL && money_is(&it->price, "5.00 EUR") &&
	    !it->total.known, "EUR price, no shipping: total unknown");

	it = find(&p, "v1|990000000003|0");
	ok(it != NULL && it->price_is_bid &&
	    money_is(&it->price, "12.50 USD") && it->bid_count == 4 &&
	    money_is(&it->total, "15.50 USD"),
	    "auction without price: priced by currentBidPrice");
	ok(it != NULL && ebay_time_parse("2026-03-20T10:00:00.000Z", &t) &&
	    it->end_date == t, "its end date");

	it = find(&p, "v1|990000000004|0");
	ok(it != NULL && strcmp(it->title, "") == 0 && !it->price.known &&
	    it->seller_username == NULL && it->image_url == NULL &&
	    it->category_id == NULL && it->condition == NULL &&
	    it->bid_count == -1 && str_is(it->location_country, "US") &&
	    it->location_postal == NULL, "minimal item: everything absent");

	it = find(&p, "v1|990000000005|0");
	ok(it != NULL && it->price.cents == 123456789 &&
	    money_is(&it->total, "1234567.99 USD"),
	    "huge price exact: 1234567.89 + 0.10");
	ok(it != NULL && it->has_feedback_score &&
	    it->seller_feedback_score == -5, "negative feedback score");

	it = find(&p, "v1|990000000006|0");
	ok(it != NULL && strcmp(it->title, "") == 0 && !it->price.known &&
	    !it->shipping.known && !it->total.known && it->web_url == NULL &&
	    it->seller_username == NULL && it->bid_count == -1 &&
	    it->buying == 0 && it->legacy_id == NULL && it->origin_date == 0,
	    "explicit nulls read as absent");

	it = find(&p, "v1|990000000010|0");
	ok(it != NULL && !it->price.known && money_is(&it->shipping,
	    "1.00 USD") && !it->total.known, "12.345 refused: price unknown");
	it = find(&p, "v1|990000000011|0");
	ok(it != NULL && !it->price.known && it->bid_count == -1 &&
	    it->seller_username == NULL && !it->has_feedback_score &&
	    it->seller_feedback_pct == NULL, "wrong types read as absent");
	it = find(&p, "v1|990000000013|0");
	ok(it != NULL && !it->price.known, "overflowing price unknown");
	it = find(&p, "v1|990000000014|0");
	ok(it != NULL && money_is(&it->price, "20.00 GBP") &&
	    money_is(&it->shipping, "4.00 USD") && !it->total.known,
	    "GBP price + USD shipping: total unknown");
	it = find(&p, "v1|990000000015|0");
	ok(it != NULL && money_is(&it->price, "7.50 USD") &&
	    !it->shipping.known, "7.500 is 7.50; CALCULATED without cost");

	/* Exclude words: ASCII case-folded substring of the title. */
	{
		char	 w[] = "broken screen";
		char	*words[] = { w };

		ebay_page_exclude(&p, words, 1);
		ok(find(&p, "v1|990000000016|0") == NULL && p.excluded == 1 &&
		    p.nitems == 11, "exclude word drops \"Broken Screen lot\"");
	}
	ebay_page_free(&p);
}

static void
test_times(void)
{
	char	 out[32];
	time_t	 t;

	ok(ebay_time_parse("2026-03-14T18:52:07.000Z", &t) &&
	    t == 1773514327, "time parse");
	ok(ebay_time_parse("2026-03-14T18:52:07Z", &t), "without fraction");
	is_str(ebay_time_format(1773514327, out, sizeof out),
	    "2026-03-14T18:52:07Z", "time format");
	ok(!ebay_time_parse("2026-03-14 18:52:07Z", &t), "space refused");
	ok(!ebay_time_parse("2026-13-14T18:52:07Z", &t), "month 13 refused");
	ok(!ebay_time_parse("2026-03-14T18:52:07+01:00", &t), "offset refused");
	ok(!ebay_time_parse("2026-03-14T18:52:07.Z", &t), "empty fraction");
	/* The hand-made format agrees with gmtime_r + strftime. */
	{
		static const long long	 edge[] = { 0, 1, 59, 86399, 86400,
		    951782400, 951868799, 951868800, 4107542399LL,
		    4107542400LL, 253402300799LL, 253402300800LL, -1,
		    -86401 };
		struct tm	 tm;
		char		 want[32];
		long long	 v;
		size_t		 k;
		bool		 same = true;

		for (k = 0; k < sizeof edge / sizeof edge[0] + 200000; k++) {
			v = k < sizeof edge / sizeof edge[0] ? edge[k] :
			    (long long)(k * 1266919LL) % 253402300800LL;
			t = (time_t)v;
			if (gmtime_r(&t, &tm) == NULL || strftime(want,
			    sizeof want, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
				want[0] = '\0';
			if (strcmp(ebay_time_format(t, out, sizeof out),
			    want) != 0) {
				tap_diag("%lld: %s, not %s", v, out, want);
				same = false;
				break;
			}
		}
		ok(same, "time format: as strftime from 1970 to 9999 and "
		    "around");
		/* ebay_time_parse's day count is the inverse. */
		for (same = true, k = 0; k < 200000 && same; k++) {
			v = (long long)(k * 1266919LL) % 253402300800LL;
			same = ebay_time_parse(ebay_time_format((time_t)v, out,
			    sizeof out), &t) && (long long)t == v;
			if (!same)
				tap_diag("%lld: %s read as %lld", v, out,
				    (long long)t);
		}
		ok(same, "time parse: reads every formatted time back");
		memset(&tm, 0, sizeof tm);
		tm.tm_year = 2023 - 1900;
		tm.tm_mon = 1;
		tm.tm_mday = 31;
		ok(ebay_time_parse("2023-02-31T00:00:00Z", &t) &&
		    t == timegm(&tm), "time parse: 02-31 is 03-03, as timegm");
		is_str(ebay_time_format(1773514327, out, 20), "",
		    "time format: too short a buffer gives \"\"");
	}
}

int
main(void)
{
	test_page1();
	test_page2();
	test_across_pages();
	test_empty();
	test_errors();
	test_bad();
	test_hostile();
	test_times();
	return tap_done();
}
