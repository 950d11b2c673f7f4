/* money: exact parsing, formatting, sums and comparisons. */
#include "config.h"

#include <string.h>

#include "money.h"
#include "tap.h"

static void
good(const char *s, long long cents)
{
	struct money	 m;
	bool		 r;

	r = money_parse(&m, s, "USD");
	ok(r && m.known && m.cents == cents && strcmp(m.currency, "USD") == 0,
	    "\"%s\" is %lld cents", s, cents);
}

static void
bad(const char *s)
{
	struct money	 m;
	bool		 r;

	r = money_parse(&m, s, "USD");
	ok(!r && !m.known, "\"%s\" is refused", s != NULL ? s : "(null)");
}

int
main(void)
{
	static const char *const bads[] = {
		"", ".", "1.", ".5", "-1.00", "+1.00", "1e3", " 1.00",
		"1.00 ", "1,00", "1.001", "12.345", "0x10", "NaN", "Infinity",
		"1..2", "1.2.3", "١٢", "1000000000000.00",
		"99999999999999999999.00", "12abc", NULL
	};
	struct money	 a, b, s;
	char		 out[MONEY_STR_MAX];
	int		 c;
	size_t		 i;

	good("0", 0);
	good("0.00", 0);
	good("149.99", 14999);
	good("1234567.89", 123456789);
	good("7.5", 750);
	good("7.500", 750);
	good("007.10", 710);
	good("999999999999.99", 99999999999999LL);
	good("000000000000000001.00", 100);
	for (i = 0; i < sizeof bads / sizeof bads[0]; i++)
		bad(bads[i]);
	ok(!money_parse(&a, "1.00", "usd"), "lower-case currency refused");
	ok(!money_parse(&a, "1.00", "US"), "two-letter currency refused");
	ok(!money_parse(&a, "1.00", "USDX"), "four-letter currency refused");
	ok(!money_parse(&a, "1.00", NULL), "no currency refused");

	(void)money_parse(&a, "1234567.89", "USD");
	is_str(money_format(&a, out, sizeof out), "1234567.89", "format");
	is_str(money_format_cur(&a, out, sizeof out), "1234567.89 USD",
	    "format with currency");
	(void)money_parse(&a, "0.5", "EUR");
	is_str(money_format(&a, out, sizeof out), "0.50", "format 0.50");
	money_unknown(&b);
	is_str(money_format(&b, out, sizeof out), "", "unknown formats as \"\"");

	(void)money_parse(&a, "149.99", "USD");
	(void)money_parse(&b, "14.50", "USD");
	ok(money_add(&s, &a, &b) && s.cents == 16449 &&
	    strcmp(s.currency, "USD") == 0, "149.99 + 14.50 = 164.49 USD");
	ok(money_add(&a, &a, &b) && a.cents == 16449, "add may alias");
	(void)money_parse(&b, "1.00", "GBP");
	ok(!money_add(&s, &a, &b) && !s.known, "USD + GBP is unknown");
	money_unknown(&b);
	ok(!money_add(&s, &a, &b) && !s.known, "known + unknown is unknown");
	(void)money_parse(&a, "999999999999.99", "USD");
	(void)money_parse(&b, "0.01", "USD");
	ok(!money_add(&s, &a, &b) && !s.known, "overflow is unknown");

	(void)money_parse(&a, "10.00", "USD");
	(void)money_parse(&b, "9.99", "USD");
	ok(money_cmp(&a, &b, &c) && c == 1, "10.00 > 9.99");
	ok(money_cmp(&b, &a, &c) && c == -1, "9.99 < 10.00");
	ok(money_cmp(&a, &a, &c) && c == 0, "equal");
	ok(money_eq(&a, &a) && !money_eq(&a, &b), "money_eq");
	(void)money_parse(&b, "10.00", "EUR");
	c = 42;
	ok(!money_cmp(&a, &b, &c) && c == 42, "different currencies: no "
	    "comparison, cmp untouched");
	ok(!money_eq(&a, &b), "10 USD is not 10 EUR");
	money_unknown(&b);
	ok(!money_cmp(&a, &b, &c), "unknown: no comparison");
	return tap_done();
}
