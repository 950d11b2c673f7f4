/* jsonv: typed readers fail on missing, null and wrong-typed fields. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "jsonv.h"
#include "money.h"
#include "tap.h"

static json_object *
parse(const char *s)
{
	return jsonv_parse(s, strlen(s), NULL);
}

int
main(void)
{
	static const char doc[] = "{\"s\":\"text\",\"n\":null,\"i\":42,"
	    "\"neg\":-7,\"d\":1.5,\"istr\":\"42\",\"b\":true,\"o\":{\"k\":1},"
	    "\"a\":[1,null,\"x\"],\"nul\":\"a\\u0000b\",\"big\":"
	    "123456789012345678901234567890,"
	    "\"m\":{\"value\":\"12.34\",\"currency\":\"USD\"},"
	    "\"mnum\":{\"value\":12.34,\"currency\":\"USD\"},"
	    "\"deep\":{\"x\":[{\"y\":\"p\\u0000q\"}]}}";
	json_object	*v, *o, *e;
	const char	*s, *why;
	struct money	 m;
	int64_t		 n;
	size_t		 len;
	int		 i;
	bool		 b;

	v = parse(doc);
	ok(v != NULL, "document parses");
	ok(jsonv_str(v, "s", &s) && strcmp(s, "text") == 0, "string");
	ok(!jsonv_str(v, "n", &s), "null is not a string");
	ok(!jsonv_str(v, "missing", &s), "missing is not a string");
	ok(!jsonv_str(v, "i", &s), "an integer is not a string");
	ok(!jsonv_str(v, "nul", &s), "a string with \\u0000 is refused");
	ok(jsonv_str_max(v, "s", 4, &s) && !jsonv_str_max(v, "s", 3, &s),
	    "str_max bounds the length");
	ok(jsonv_int64(v, "i", 0, 100, &n) && n == 42, "integer");
	ok(jsonv_int64(v, "neg", -10, 0, &n) && n == -7, "negative integer");
	ok(!jsonv_int64(v, "i", 0, 10, &n), "out of range refused");
	ok(!jsonv_int64(v, "d", 0, 10, &n), "a double is not an integer");
	ok(!jsonv_int64(v, "istr", 0, 100, &n), "a string is not an integer");
	ok(!jsonv_int64(v, "n", 0, 100, &n), "null is not an integer");
	ok(!jsonv_int64(v, "big", INT64_MIN, INT64_MAX, &n),
	    "an integer past int64 is refused, not clamped");
	ok(jsonv_int(v, "i", 0, 100, &i) && i == 42, "int");
	ok(jsonv_bool(v, "b", &b) && b, "boolean");
	ok(!jsonv_bool(v, "i", &b), "an integer is not a boolean");
	ok(jsonv_obj(v, "o", &o) && jsonv_int(o, "k", 0, 9, &i) && i == 1,
	    "nested object");
	ok(!jsonv_obj(v, "a", &o), "an array is not an object");
	ok(!jsonv_obj(NULL, "o", &o), "NULL parent: false");
	ok(!jsonv_str(o, "k", &s), "wrong type inside an object");
	ok(jsonv_arr(v, "a", &o, &len) && len == 3, "array and length");
	ok(!jsonv_at(o, 1, &e), "a null element is absent");
	ok(jsonv_at(o, 2, &e) && jsonv_as_str(e, &s) && strcmp(s, "x") == 0,
	    "element as string");
	ok(!jsonv_at(o, 3, &e), "past the end");
	ok(jsonv_money(v, "m", &m) && m.cents == 1234 &&
	    strcmp(m.currency, "USD") == 0, "money");
	ok(!jsonv_money(v, "mnum", &m), "money as a JSON number is refused");
	ok(!jsonv_money(v, "o", &m), "not an Amount");
	ok(jsonv_has_bad_text(v), "has_nul finds a \\u0000 anywhere");
	ok(jsonv_obj(v, "deep", &o) && jsonv_has_bad_text(o), "... nested deep");
	ok(jsonv_obj(v, "o", &o) && !jsonv_has_bad_text(o), "... and not elsewhere");
	json_object_put(v);

	/* why is read after the call: an argument list has no order. */
	why = "";
	v = jsonv_parse("{\"a\":1", 6, &why);
	ok(v == NULL && strcmp(why, "truncated JSON") == 0, "truncated: %s",
	    why);
	ok(jsonv_parse("<html>", 6, &why) == NULL, "HTML refused: %s", why);
	ok(jsonv_parse("{} {}", 5, &why) == NULL, "trailing bytes refused");
	ok((v = jsonv_parse("{}  \n", 5, &why)) != NULL, "trailing space ok");
	json_object_put(v);
	ok(jsonv_parse("\"\xff\"", 3, &why) == NULL, "invalid UTF-8 refused");
	ok(jsonv_parse("", 0, &why) == NULL, "empty refused");
	ok(jsonv_parse("{\"a\":1}\0", 8, &why) == NULL, "a NUL byte after "
	    "the document is refused");
	{
		char	 deep[200];

		memset(deep, '[', 100);
		memset(deep + 100, ']', 100);
		ok(jsonv_parse(deep, 200, &why) == NULL,
		    "nesting past the limit refused");
	}
	/* The buffer need not be NUL-terminated. */
	{
		char	 nt[3] = { '[', ']', ']' };

		ok((v = jsonv_parse(nt, 2, NULL)) != NULL &&
		    json_object_is_type(v, json_type_array),
		    "reads only len bytes");
		json_object_put(v);
	}
	/* Strict UTF-8, stricter than json-c's own check. */
	{
		static const struct {
			const char	*s;
			bool		 valid;
			const char	*what;
		} u[] = {
			{ "plain", true, "ASCII" },
			{ "\xc3\xa9\xe6\x97\xa5\xf0\x9f\x98\x80", true,
			  "2-, 3- and 4-byte forms" },
			{ "\xef\xbf\xbd", true, "U+FFFD" },
			{ "\xf4\x8f\xbf\xbf", true, "U+10FFFF" },
			{ "\xc0\x80", false, "overlong NUL" },
			{ "\xc1\xbf", false, "overlong 2-byte" },
			{ "\xe0\x80\x80", false, "overlong 3-byte" },
			{ "\xf0\x80\x80\x80", false, "overlong 4-byte" },
			{ "\xed\xa0\x80", false, "encoded surrogate" },
			{ "\xf4\x90\x80\x80", false, "past U+10FFFF" },
			{ "\xc3", false, "cut sequence" },
			{ "\xe6\x97", false, "cut 3-byte sequence" },
			{ "\x80", false, "lone continuation byte" },
			{ "\xff", false, "0xff" },
		};
		char	 lax[64];
		size_t	 k;

		for (k = 0; k < sizeof u / sizeof u[0]; k++)
			ok(jsonv_utf8_valid(u[k].s, strlen(u[k].s)) ==
			    u[k].valid, "UTF-8 %s: %s", u[k].what,
			    u[k].valid ? "valid" : "invalid");
		/* The same inside long ASCII runs (the 8-byte path), at
		   every alignment. */
		for (k = 0; k < sizeof u / sizeof u[0]; k++) {
			char	 pad[64];
			size_t	 off;
			bool	 same = true;

			for (off = 0; off < 9; off++) {
				snprintf(pad, sizeof pad, "%.*s%s%s", (int)off,
				    "abcdefghijklmnop", u[k].s,
				    "qrstuvwxyz0123456");
				same = same && jsonv_utf8_valid(pad,
				    strlen(pad)) == u[k].valid &&
				    jsonv_text_valid(pad, strlen(pad)) ==
				    u[k].valid;
			}
			ok(same, "UTF-8 %s among ASCII at every offset: %s",
			    u[k].what, u[k].valid ? "valid" : "invalid");
		}
		{
			char	 nul[40];
			size_t	 at;
			bool	 found = true;

			for (at = 0; at < sizeof nul; at++) {
				memset(nul, 'x', sizeof nul);
				nul[at] = '\0';
				found = found && !jsonv_text_valid(nul,
				    sizeof nul) && jsonv_utf8_valid(nul,
				    sizeof nul);
			}
			ok(found, "text_valid finds a NUL byte anywhere, "
			    "utf8_valid lets it pass");
		}
		snprintf(lax, sizeof lax, "{\"t\":\"a\xed\xa0\x80z\"}");
		v = jsonv_parse(lax, strlen(lax), NULL);
		ok(v == NULL || (!jsonv_str(v, "t", &s) &&
		    jsonv_has_bad_text(v)), "an encoded surrogate json-c "
		    "accepts is refused by the readers");
		json_object_put(v);
	}
	/*
	 * jsonv_text_clean: clean documents need no walk; whenever it says
	 * clean, no value may hold bad text (checked against the walk).
	 */
	{
		static const struct {
			const char	*doc;
			bool		 clean;
			const char	*what;
		} c[] = {
			{ "{\"t\":\"plain ASCII, long enough for words\"}",
			  true, "ASCII" },
			{ "{\"t\":\"caf\xc3\xa9 \xf0\x9f\x98\x80 \xe6\x97\xa5\"}",
			  true, "raw UTF-8" },
			{ "{\"t\":\"<b>\\\"x\\\"</b>\\n\\t\\u0001\\u00e9\"}",
			  true, "escapes, a control character" },
			{ "{\"t\":\"\\ud83d\\ude00 \\uD83D\\uDE00\"}", true,
			  "a surrogate pair escaped" },
			{ "{\"t\":\"a\\\\u0000b\"}", true,
			  "an escaped backslash before u0000" },
			{ "{\"t\":\"a\\u0000b\"}", false, "\\u0000" },
			{ "{\"long text before it\":1,\"t\":\"a\\u0000\"}", false,
			  "\\u0000 after a long ASCII run" },
			{ "{\"t\":\"\\ud83d\"}", false, "a lone high surrogate" },
			{ "{\"t\":\"\\ude00\\ud83d\"}", false,
			  "a low surrogate first" },
			{ "{\"t\":\"\\ud83d\\u0041\"}", false,
			  "a high surrogate then no low one" },
			{ "{\"t\":\"a\xed\xa0\x80z\"}", false,
			  "an encoded surrogate" },
			{ "{\"t\":\"a\xc0\x80z\"}", false, "an overlong NUL" },
			{ "{\"t\":\"a\\\xc3\xa9\"}", false,
			  "a backslash before a byte past ASCII" },
			{ "{\"t\":\"a\xf4\x90\x80\x80z\"}", false,
			  "past U+10FFFF" },
		};
		size_t	 k;
		bool	 sound = true;

		for (k = 0; k < sizeof c / sizeof c[0]; k++) {
			bool	 clean;

			clean = jsonv_text_clean(c[k].doc, strlen(c[k].doc));
			ok(clean == c[k].clean, "text_clean: %s: %s",
			    c[k].what, c[k].clean ? "clean" : "to check");
			v = jsonv_parse(c[k].doc, strlen(c[k].doc), NULL);
			if (clean && (v == NULL || jsonv_has_bad_text(v)))
				sound = false;
			json_object_put(v);
		}
		ok(sound, "text_clean never says clean over bad text");
		ok(!jsonv_text_clean("{\"t\":\"a\0b\"}", 11),
		    "text_clean: a NUL byte");
		ok(!jsonv_text_clean("\"a\\u00", 7),
		    "text_clean: a cut escape");
	}
	/* The readers' copies: length without strlen. */
	{
		size_t	 slen;

		v = jsonv_parse("{\"t\":\"ab\\u00e9\"}", 16, NULL);
		ok(v != NULL && jsonv_str_len(v, "t", &s, &slen) && slen == 4 &&
		    strcmp(s, "ab\xc3\xa9") == 0, "str_len: bytes and length");
		json_object_put(v);
		v = jsonv_parse("{\"t\":\"a\\u0000b\"}", 16, NULL);
		ok(v != NULL && !jsonv_str_len(v, "t", &s, &slen),
		    "str_len refuses \\u0000");
		json_object_put(v);
	}
	return tap_done();
}
