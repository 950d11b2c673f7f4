/* valid, money and the search model: tables of good and bad input. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "form.h"
#include "money.h"
#include "search.h"
#include "tap.h"
#include "valid.h"

static void
test_int(void)
{
	static const struct {
		const char	*in;
		bool		 ok;
		long long	 want;
	} t[] = {
		{ "1", true, 1 }, { "200", true, 200 }, { "0", false, 0 },
		{ "201", false, 0 }, { "", false, 0 }, { " 5", false, 0 },
		{ "5 ", false, 0 }, { "5a", false, 0 }, { "1e2", false, 0 },
		{ "-1", false, 0 }, { "99999999999999999999", false, 0 },
		{ "+5", false, 0 }, { "0x10", false, 0 },
	};
	size_t		 i;
	long long	 v;
	char		*why;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		why = NULL;
		v = -7;
		ok(valid_int(t[i].in, 1, 200, &v, &why) == t[i].ok &&
		    (!t[i].ok || v == t[i].want) && (t[i].ok || v == -7),
		    "valid_int(\"%s\") %s", t[i].in, t[i].ok ? "ok" : "refused");
		if (!t[i].ok)
			ok(why != NULL && (strstr(why, "200") != NULL ||
			    (*t[i].in == '\0' && strstr(why, "required"))),
			    "reason names the range: %s", why ? why : "-");
		free(why);
	}
}

static void
test_money(void)
{
	static const struct {
		const char	*in;
		bool		 ok;
		int64_t		 want;
	} t[] = {
		{ "12", true, 1200 }, { "12.5", true, 1250 },
		{ "12.50", true, 1250 }, { "0", true, 0 }, { "0.01", true, 1 },
		{ "999999999999.99", true, INT64_C(99999999999999) },
		{ "1.500", true, 150 },
		{ "12.505", false, 0 }, { "12.", false, 0 }, { ".5", false, 0 },
		{ "-1", false, 0 }, { "1,000", false, 0 }, { "1e3", false, 0 },
		{ "abc", false, 0 }, { "", false, 0 }, { "NaN", false, 0 },
		{ "1000000000000", false, 0 }, { "12 ", false, 0 },
	};
	size_t	 i;
	int64_t	 v;
	char	*why, s[MONEY_STR_MAX];

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		why = NULL;
		ok(valid_money(t[i].in, MONEY_MAX_CENTS, &v, &why) == t[i].ok &&
		    (!t[i].ok || v == t[i].want), "valid_money(\"%s\")",
		    t[i].in);
		free(why);
	}
	is_str(search_cents_str(1250, s), "12.50", "search_cents_str");
	is_str(search_cents_str(-5, s), "-0.05", "negative");
}

static void
test_text(void)
{
	char	*why = NULL;
	char	 c;

	ok(valid_text("h\xc3\xa9llo", 1, 5, NULL), "UTF-8 counted by code "
	    "point");
	ok(!valid_text("h\xc3\xa9llo!", 1, 5, &why), "too long refused");
	free(why);
	ok(!valid_text("\xc3(", 1, 5, NULL), "bad UTF-8 refused");
	ok(!valid_text("\xc0\xaf", 1, 5, NULL), "overlong refused");
	ok(!valid_text("\xed\xa0\x80", 1, 5, NULL), "surrogate refused");
	ok(!valid_text("a\x1b[2J", 1, 50, NULL), "escape refused");
	ok(!valid_text("a\xc2\x85", 1, 50, NULL), "C1 control refused");
	ok(valid_text("\xf0\x9f\x98\x80", 1, 1, NULL), "emoji is one");
	ok(!valid_text("", 1, 5, NULL) && valid_text("", 0, 5, NULL),
	    "empty: required or not");
	c = 0;
	(void)c;
	ok(valid_local_path("/searches/1?x=y"), "local path");
	ok(!valid_local_path("//evil.example/"), "protocol-relative refused");
	ok(!valid_local_path("/\\evil"), "backslash refused");
	ok(!valid_local_path("https://evil.example/"), "absolute refused");
	ok(!valid_local_path("/a\r\nSet-Cookie: x"), "CRLF refused");
	ok(valid_http_url("https://www.ebay.com/itm/1"), "http url");
	ok(!valid_http_url("javascript:alert(1)"), "javascript: refused");
	ok(!valid_http_url("https://x/\"onmouseover="), "quote refused");
}

static void
test_enum(void)
{
	static const char *const n[] = { "down", "up", "both" };
	char	*why = NULL;
	int	 e = -1;
	char	 cc[3], cur[4];

	ok(valid_enum("up", n, 3, &e, NULL) && e == 1, "enum value");
	ok(!valid_enum("sideways", n, 3, &e, &why), "enum refused");
	is_str(why, "must be one of: down, up, both", "enum reason lists");
	free(why);
	ok(valid_country("gb", cc, NULL) && strcmp(cc, "GB") == 0,
	    "country upper-cased");
	ok(!valid_country("GBR", cc, NULL), "3 letters is no country");
	ok(valid_currency("usd", cur, NULL) && strcmp(cur, "USD") == 0,
	    "currency");
	ok(!valid_currency("U$D", cur, NULL), "bad currency");
}

static void
parse(const char *q, struct search_spec *s, struct valid_errs *e)
{
	struct form	 f;

	form_init(&f);
	form_parse(&f, q, strlen(q), '&');
	search_spec_init(s, NULL);
	valid_errs_init(e);
	(void)search_parse_form(s, &f, e);
	form_free(&f);
}

static void
test_search(void)
{
	struct search_spec	 s;
	struct valid_errs	 e;
	struct buf		 b;

	parse("q=thinkpad+x220&min_price=10&max_price=200.5&condition=used"
	    "&condition=parts&format=auction&exclude=broken,+cracked"
	    "&seller_exclude=Bad_Seller&located_in=us&free_shipping=on"
	    "&sort=-price&page=3&per_page=20&csrf=x", &s, &e);
	is_int((long long)e.n, 0, "a full search parses");
	is_str(s.q, "thinkpad x220", "q");
	ok(s.has_min_price && s.min_price == 1000 && s.max_price == 20050,
	    "prices in hundredths");
	ok(s.conditions == (1u << SEARCH_COND_USED | 1u << SEARCH_COND_PARTS),
	    "conditions");
	is_int((long long)s.nexclude, 2, "two excluded words");
	is_str(s.located_in, "US", "country");
	ok(s.free_shipping && s.sort == SEARCH_SORT_PRICE_DESC &&
	    s.page == 3 && s.per_page == 20, "flags, sort, page");
	ok(search_excluded(&s, "ThinkPad X220 BROKEN hinge", "x"),
	    "excluded word, any case");
	ok(search_excluded(&s, "fine", "bad_seller"), "excluded seller");
	ok(!search_excluded(&s, "fine", "good"), "kept");
	buf_init(&b, 0);
	search_spec_query(&s, true, &b);
	is_str(buf_cstr(&b), "q=thinkpad%20x220&min_price=10.00&"
	    "max_price=200.50&condition=used&condition=parts&format=auction&"
	    "exclude=broken%20cracked&seller_exclude=Bad_Seller&located_in=US&"
	    "free_shipping=1&marketplace=EBAY_US&sort=-price&per_page=20&"
	    "page=3", "canonical query");
	buf_free(&b);
	search_spec_free(&s);
	valid_errs_free(&e);

	parse("min_price=50&max_price=10&per_page=500&sort=cheap&page=0"
	    "&condition=mint&located_in=USA&q=", &s, &e);
	ok(valid_errs_get(&e, "q") != NULL, "q required: %s",
	    valid_errs_get(&e, "q"));
	ok(valid_errs_get(&e, "max_price") != NULL, "min > max named");
	ok(valid_errs_get(&e, "per_page") != NULL, "per_page > 200");
	ok(valid_errs_get(&e, "sort") != NULL, "bad sort");
	ok(valid_errs_get(&e, "page") != NULL, "page 0");
	ok(valid_errs_get(&e, "condition") != NULL, "bad condition");
	ok(valid_errs_get(&e, "located_in") != NULL, "bad country");
	search_spec_free(&s);
	valid_errs_free(&e);

	parse("category=9355&page=60&per_page=200", &s, &e);
	ok(valid_errs_get(&e, "page") != NULL, "past 10,000 results");
	ok(valid_errs_get(&e, "q") == NULL, "category alone is enough");
	search_spec_free(&s);
	valid_errs_free(&e);

	parse("q=%00x&exclude=%zz", &s, &e);
	ok(valid_errs_get(&e, "q") != NULL && valid_errs_get(&e,
	    "exclude") != NULL, "undecodable values named");
	search_spec_free(&s);
	valid_errs_free(&e);
	is_int(search_calls_per_day(15), 96, "15 minutes: 96 calls a day");
	is_int(search_calls_per_day(7), 206, "7 minutes: rounds up");
}

static void
test_saved(void)
{
	struct saved_search	 ss;
	struct valid_errs	 e;
	struct form		 f;
	const char		*q = "q=lens&name=Lens&interval=30&enabled=0"
	    "&enabled=1&alert_new=1&alert_new_max_total=99&alert_price=1"
	    "&alert_price_min=10&alert_price_max=5&alert_ending=1"
	    "&alert_ending_window=0&channel=3&channel=x";

	form_init(&f);
	form_parse(&f, q, strlen(q), '&');
	saved_search_init(&ss, NULL);
	valid_errs_init(&e);
	ok(!saved_search_parse_form(&ss, &f, &e), "bad rules refused");
	ok(valid_errs_get(&e, "alert_price_max") != NULL, "range min > max");
	ok(valid_errs_get(&e, "alert_ending_window") != NULL, "window 0");
	ok(valid_errs_get(&e, "channel") != NULL, "bad channel id");
	ok(ss.enabled && ss.interval_minutes == 30, "enabled, interval");
	is_int((long long)ss.nrules, 3, "three rules");
	ok(ss.rules[0].has_max_total && ss.rules[0].max_total == 9900,
	    "new match under 99");
	saved_search_free(&ss);
	valid_errs_free(&e);
	form_free(&f);
}

int
main(void)
{
	test_int();
	test_money();
	test_text();
	test_enum();
	test_search();
	test_saved();
	return tap_done();
}
