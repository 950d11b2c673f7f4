/*
 * fake-ebay/jw.c writes what json-c writes (JSON_C_TO_STRING_PLAIN |
 * JSON_C_TO_STRING_NOSLASHESCAPE), byte for byte, for every byte value,
 * hostile strings, random bytes and nested values; and the fake's
 * printf-free formatters (fclock_iso, item_money) print what strftime and
 * printf print.
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <json-c/json.h>

#include "buf.h"
#include "fake.h"
#include "jw.h"
#include "tap.h"

#define FLAGS	(JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE)

/* json-c's text of a string of n bytes. */
static char *
jsonc_str(const char *s, size_t n)
{
	struct json_object	*o = json_object_new_string_len(s, (int)n);
	char			*t = strdup(json_object_to_json_string_ext(o,
				    FLAGS));

	json_object_put(o);
	return t;
}

/* Does jw_escape agree with json-c on these n bytes? */
static bool
same_str(const char *s, size_t n)
{
	struct buf	 b;
	char		*want = jsonc_str(s, n);
	bool		 same;

	buf_init(&b, 0);
	jw_escape(&b, s, n);
	same = !buf_failed(&b) && strcmp(buf_cstr(&b), want) == 0;
	if (!same)
		tap_diag("jw %s, json-c %s", buf_cstr(&b), want);
	buf_free(&b);
	free(want);
	return same;
}

static void
test_bytes(void)
{
	char	 s[3], l[20];
	int	 c, i, bad = 0;

	for (c = 0; c < 256; c++) {
		s[0] = 'a';
		s[1] = (char)c;
		s[2] = 'z';
		if (!same_str(s, 3))
			bad++;
	}
	is_int(bad, 0, "every byte value escaped as json-c escapes it");

	/* jw_escape passes 8 clean bytes at a time: each byte in each lane */
	bad = 0;
	for (c = 0; c < 256; c++)
		for (i = 0; i < (int)sizeof l - 1; i++) {
			memset(l, 'a', sizeof l - 1);
			l[sizeof l - 1] = '\0';
			l[i] = (char)c;
			if (!same_str(l, sizeof l - 1))
				bad++;
		}
	is_int(bad, 0, "every byte value at every place of 19 bytes");
}

static void
test_strings(void)
{
	static const struct {
		const char	*s;
		size_t		 n;
		const char	*what;
	} cases[] = {
		{ "", 0, "empty" },
		{ "plain", 5, "plain" },
		{ "nul\0byte", 8, "NUL inside" },
		{ "\0", 1, "only a NUL" },
		{ "\"q\" \\b\\ /s/ </script>", 22, "quotes, backslashes, slashes" },
		{ "\b\f\n\r\t\x0b\x1b[2J\x7f", 11, "control characters and DEL" },
		{ "\xE2\x80\xAEgpj.exe\xE2\x80\xAC", 13, "U+202E" },
		{ "\xff\xfe\xc3(\xc3", 5, "invalid UTF-8 passes as is" },
		{ "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9", 11, "ZWJ" },
	};
	struct buf	 b;
	size_t		 i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		ok(same_str(cases[i].s, cases[i].n), "string: %s",
		    cases[i].what);
	buf_init(&b, 0);
	for (i = 0; i < 300; i++)
		buf_adds(&b, "\xF0\x9F\x94\xA5");
	ok(same_str(buf_cstr(&b), b.len), "300 emoji");
	buf_free(&b);
}

/* Random byte strings, most of them full of bytes that need escaping. */
static void
test_random(void)
{
	unsigned long long	 x = 88172645463325252ULL;
	char			 s[96];
	size_t			 n, j;
	int			 i, bad = 0;

	for (i = 0; i < 5000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		n = (size_t)(x % sizeof s);
		for (j = 0; j < n; j++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			s[j] = (char)(i % 2 == 0 ? x % 256 : x % 48);
		}
		if (!same_str(s, n))
			bad++;
	}
	is_int(bad, 0, "5,000 random byte strings");
}

/* The same document through jw and through a json-c tree. */
static void
test_document(void)
{
	struct json_object	*o = json_object_new_object(), *a, *e;
	struct jw		 w;
	char			*got;

	json_object_object_add(o, "s", json_object_new_string("x\"y"));
	json_object_object_add(o, "i", json_object_new_int64(LLONG_MIN));
	json_object_object_add(o, "j", json_object_new_int64(LLONG_MAX));
	json_object_object_add(o, "z", json_object_new_int(0));
	json_object_object_add(o, "n", json_object_new_int(-3));
	json_object_object_add(o, "t", json_object_new_boolean(1));
	json_object_object_add(o, "f", json_object_new_boolean(0));
	json_object_object_add(o, "null", NULL);
	json_object_object_add(o, "empty", json_object_new_array());
	json_object_object_add(o, "eo", json_object_new_object());
	a = json_object_new_array();
	e = json_object_new_object();
	json_object_object_add(e, "k\n", json_object_new_string_len("a\0b", 3));
	json_object_array_add(a, e);
	json_object_array_add(a, json_object_new_int(1));
	json_object_array_add(a, NULL);
	json_object_array_add(a, json_object_new_array());
	json_object_object_add(o, "a", a);

	jw_init(&w);
	jw_obj(&w);
	jw_kstr(&w, "s", "x\"y");
	jw_kint(&w, "i", LLONG_MIN);
	jw_kint(&w, "j", LLONG_MAX);
	jw_kint(&w, "z", 0);
	jw_kint(&w, "n", -3);
	jw_kbool(&w, "t", true);
	jw_kbool(&w, "f", false);
	jw_knull(&w, "null");
	jw_key(&w, "empty");
	jw_arr(&w);
	jw_arr_end(&w);
	jw_key(&w, "eo");
	jw_obj(&w);
	jw_obj_end(&w);
	jw_key(&w, "a");
	jw_arr(&w);
	jw_obj(&w);
	jw_key(&w, "k\n");
	jw_strn(&w, "a\0b", 3);
	jw_obj_end(&w);
	jw_raw(&w, "1", 1);
	jw_null(&w);
	jw_arr(&w);
	jw_arr_end(&w);
	jw_arr_end(&w);
	jw_obj_end(&w);
	got = jw_detach(&w);
	is_str(got, json_object_to_json_string_ext(o, FLAGS),
	    "a nested document as json-c prints it");
	free(got);
	json_object_put(o);
}

static void
test_formats(void)
{
	static const long long	 cents[] = { 0, 1, 9, 10, 99, 100, 101,
	    123456789, -1, -99, -100, -12345, LLONG_MAX };
	static const time_t	 times[] = { 0, 1, 59, 86399, 86400,
	    951782400, 951868799, 1773500000, 1900000000, 4107542399,
	    253402300799, 253402300800, -1 };
	char			 got[32], want[64];
	struct tm		 tm;
	long long		 c, t;
	size_t			 i;
	int			 bad = 0;

	for (i = 0; i < sizeof cents / sizeof cents[0]; i++) {
		c = cents[i];
		item_money(got, c);
		snprintf(want, sizeof want, "%s%lld.%02lld", c < 0 ? "-" : "",
		    (c < 0 ? -c : c) / 100, (c < 0 ? -c : c) % 100);
		is_str(got, want, "item_money(%lld)", c);
	}
	for (i = 0; i < sizeof times / sizeof times[0]; i++) {
		fclock_iso(times[i], got);
		gmtime_r(&times[i], &tm);
		strftime(want, sizeof want, "%Y-%m-%dT%H:%M:%S.000Z", &tm);
		is_str(got, want, "fclock_iso(%lld)", (long long)times[i]);
	}
	/* every day of 1970 to 2400, at a second that moves */
	for (t = 0; t < 13500000000LL; t += 86400 + 3607) {
		fclock_iso((time_t)t, got);
		gmtime_r(&(time_t){ (time_t)t }, &tm);
		strftime(want, sizeof want, "%Y-%m-%dT%H:%M:%S.000Z", &tm);
		if (strcmp(got, want) != 0 && bad++ == 0)
			tap_diag("%lld: %s, not %s", t, got, want);
	}
	is_int(bad, 0, "fclock_iso agrees with strftime from 1970 to 2400");
}

int
main(void)
{
	test_bytes();
	test_strings();
	test_random();
	test_document();
	test_formats();
	return tap_done();
}
