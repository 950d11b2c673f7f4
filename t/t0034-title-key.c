/*
 * db_item_title_key, the C twin of listing_normalize_title
 * (sql/0033-title-key.sql): the cases t0400 also puts to the SQL function,
 * and properties over every byte and random strings.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db-item.h"
#include "tap.h"

static const struct {
	const char	*in;
	const char	*want;
} cases[] = {
	{ "  NEW!! ThinkPad   T480,  i5 - Tested & Working ",
	  "new thinkpad t480 i5 tested working" },
	{ "a-b a - b", "ab a b" },
	{ "Tab\tNew\nLine\r\vX\fY", "tab new line x y" },
	{ "\xc3\x89" "COLE Caf\xc3\xa9 \xe2\x80\x94 Gr\xc3\xb6\xc3\x9f" "e\xe2\x84\xa2 \xf0\x9f\x8e\x89",
	  "\xc3\x89" "cole caf\xc3\xa9 \xe2\x80\x94 gr\xc3\xb6\xc3\x9f" "e\xe2\x84\xa2 \xf0\x9f\x8e\x89" },
	{ "\\back\\slash", "backslash" },
	{ "", "" },
	{ "!!! ??? ...", "" },
	{ "A\xc2\xa0" "B", "a\xc2\xa0" "b" },
	{ "C++ & C# x_y", "c c xy" },
	{ "<script>alert(1)</script>", "scriptalert1script" },
	{ "\x01" "ctl\x7f", "\x01" "ctl\x7f" },
};

static bool
is_punct(unsigned char c)
{
	return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
	    (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

/* What a key never holds: ASCII capitals or punctuation, white space other
 * than single inner spaces. */
static bool
key_ok(const char *k)
{
	size_t	 i, n = strlen(k);

	if (n > 0 && (k[0] == ' ' || k[n - 1] == ' '))
		return false;
	for (i = 0; i < n; i++) {
		unsigned char	 c = (unsigned char)k[i];

		if ((c >= 'A' && c <= 'Z') || is_punct(c) ||
		    (c >= '\t' && c <= '\r') || (c == ' ' && k[i + 1] == ' '))
			return false;
	}
	return true;
}

int
main(void)
{
	char		 in[64], key[64], again[64];
	size_t		 i, k, len;
	unsigned int	 seed = 12345;
	int		 bad;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char	*out = malloc(strlen(cases[i].in) + 1);

		db_item_title_key(out, cases[i].in);
		is_str(out, cases[i].want, "case %zu", i + 1);
		free(out);
	}

	/* Every byte alone: kept, lowered, dropped or made nothing. */
	for (bad = 0, i = 1; i < 256; i++) {
		unsigned char	 c = (unsigned char)i;

		in[0] = 'x'; in[1] = (char)c; in[2] = 'y'; in[3] = '\0';
		db_item_title_key(key, in);
		if (c >= 'A' && c <= 'Z')
			bad += !(key[1] == (char)(c + 32) && strlen(key) == 3);
		else if (is_punct(c))
			bad += strcmp(key, "xy") != 0;
		else if (c == ' ' || (c >= '\t' && c <= '\r'))
			bad += strcmp(key, "x y") != 0;
		else
			bad += !(key[1] == (char)c && strlen(key) == 3);
	}
	is_int(bad, 0, "each byte between two letters: lowered, dropped, a space or kept");

	/* Random strings: a valid key, as long at most, and a key of a key is
	 * itself. */
	for (bad = 0, k = 0; k < 20000; k++) {
		len = (size_t)(rand_r(&seed) % 40);
		for (i = 0; i < len; i++) {
			static const char	 pick[] = " \t\n-.,!AaZz09_\\\x01\xc3\xa9";

			in[i] = pick[rand_r(&seed) % (sizeof pick - 1)];
		}
		in[len] = '\0';
		db_item_title_key(key, in);
		db_item_title_key(again, key);
		bad += !key_ok(key) || strlen(key) > len || strcmp(key, again) != 0;
	}
	is_int(bad, 0, "20,000 random strings: valid keys, never longer, stable");
	return tap_done();
}
