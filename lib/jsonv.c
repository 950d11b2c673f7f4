/*
 * Typed json-c readers (see jsonv.h).
 */
#include "config.h"

#include <endian.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "jsonv.h"
#include "money.h"

/*
 * One tokener per thread, reset before each document: a new one costs a
 * calloc of its parse stack, large enough to make glibc consolidate the
 * small chunks the previous document's tree left behind.  Freed when the
 * thread exits.
 */
static pthread_key_t	 jsonv_tok_key;
static pthread_once_t	 jsonv_tok_once = PTHREAD_ONCE_INIT;

static void
jsonv_tok_free(void *tok)
{
	json_tokener_free(tok);
}

static void
jsonv_tok_key_init(void)
{
	if (pthread_key_create(&jsonv_tok_key, jsonv_tok_free) != 0)
		abort();
}

static struct json_tokener *
jsonv_tokener(void)
{
	struct json_tokener	*tok;

	pthread_once(&jsonv_tok_once, jsonv_tok_key_init);
	if ((tok = pthread_getspecific(jsonv_tok_key)) != NULL)
		return tok;	/* reset after each parse (jsonv_parse) */
	if ((tok = json_tokener_new_ex(JSONV_DEPTH)) == NULL)
		return NULL;
	if (pthread_setspecific(jsonv_tok_key, tok) != 0) {
		json_tokener_free(tok);
		return NULL;
	}
	return tok;
}

json_object *
jsonv_parse(const char *buf, size_t len, const char **why)
{
	return jsonv_parse_clean(buf, len, NULL, why);
}

json_object *
jsonv_parse_clean(const char *buf, size_t len, bool *clean, const char **why)
{
	struct json_tokener	*tok;
	json_object		*v;
	enum json_tokener_error	 jerr;
	size_t			 end;
	const char		*dummy;
	bool			 isclean;

	if (why == NULL)
		why = &dummy;
	if (clean != NULL)
		*clean = false;
	if (len > (size_t)INT32_MAX) {
		*why = "document too large";
		return NULL;
	}
	if ((tok = jsonv_tokener()) == NULL) {
		*why = "out of memory";
		return NULL;
	}
	/*
	 * json-c's UTF-8 check calls a function for every byte of the
	 * document (a tenth of the parse); strict UTF-8 implies it, so a
	 * document the word-at-a-time scan finds clean does without it.
	 */
	isclean = jsonv_text_clean(buf, len);
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
	    (isclean ? 0 : JSON_TOKENER_VALIDATE_UTF8));
	v = json_tokener_parse_ex(tok, buf, (int)len);
	jerr = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	json_tokener_reset(tok);	/* drop what a failed parse holds */
	if (jerr == json_tokener_continue) {
		json_object_put(v);
		*why = "truncated JSON";
		return NULL;
	}
	if (jerr != json_tokener_success || v == NULL) {
		json_object_put(v);
		*why = jerr == json_tokener_error_depth ? "JSON nested too deep" :
		    "not valid JSON";
		return NULL;
	}
	for (; end < len; end++)
		if (strchr(" \t\r\n", buf[end]) == NULL || buf[end] == '\0') {
			json_object_put(v);
			*why = "bytes after the JSON document";
			return NULL;
		}
	if (clean != NULL)
		*clean = isclean;
	return v;
}

static bool
jsonv_get(json_object *obj, const char *key, json_type type,
    json_object **out)
{
	json_object	*v;

	if (obj == NULL || !json_object_is_type(obj, json_type_object) ||
	    !json_object_object_get_ex(obj, key, &v) || v == NULL ||
	    !json_object_is_type(v, type))
		return false;
	*out = v;
	return true;
}

bool
jsonv_obj(json_object *obj, const char *key, json_object **out)
{
	return jsonv_get(obj, key, json_type_object, out);
}

bool
jsonv_arr(json_object *obj, const char *key, json_object **out, size_t *len)
{
	json_object	*v;

	if (!jsonv_get(obj, key, json_type_array, &v))
		return false;
	*out = v;
	if (len != NULL)
		*len = json_object_array_length(v);
	return true;
}

/*
 * Eight bytes at a time, read little-endian: the high bit of each zero
 * byte of w, exact up to the first one (the borrow may mark bytes above
 * it), so that the lowest bit set names the first zero byte.
 */
#define JSONV_ONES	0x0101010101010101ULL
#define JSONV_HIGHS	0x8080808080808080ULL
#define JSONV_ZEROS8(w)	(((w) - JSONV_ONES) & ~(w) & JSONV_HIGHS)

/*
 * The length of the strict UTF-8 (RFC 3629) sequence that starts at s[0],
 * a byte >= 0x80, within n bytes; 0 when it is not one: an overlong form,
 * a surrogate, past U+10FFFF, cut short.  json-c's own check lets those
 * through, and PostgreSQL refuses them, so one bad listing could fail a
 * whole transaction.
 */
static size_t
jsonv_utf8_seq(const unsigned char *s, size_t n)
{
	size_t		 len, k;
	unsigned char	 lo = 0x80, hi = 0xbf;

	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		if (s[0] == 0xe0)
			lo = 0xa0;	/* overlong */
		else if (s[0] == 0xed)
			hi = 0x9f;	/* surrogates */
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		if (s[0] == 0xf0)
			lo = 0x90;	/* overlong */
		else if (s[0] == 0xf4)
			hi = 0x8f;	/* past U+10FFFF */
	} else
		return 0;
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (k = 2; k < len; k++)
		if ((s[k] & 0xc0) != 0x80)
			return 0;
	return len;
}

/* A string's bytes are fit for text: no NUL, strict UTF-8 (one pass). */
static bool
jsonv_text_ok(json_object *v)
{
	const char	*s;
	int		 len;

	s = json_object_get_string(v);
	len = json_object_get_string_len(v);
	return s != NULL && len >= 0 && jsonv_text_valid(s, (size_t)len);
}

/* The value of 4 hex digits at s, or -1. */
static long
jsonv_hex4(const unsigned char *s)
{
	long	 v = 0;
	int	 k;

	for (k = 0; k < 4; k++) {
		v <<= 4;
		if (s[k] >= '0' && s[k] <= '9')
			v |= s[k] - '0';
		else if ((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'f')
			v |= (s[k] | 0x20) - 'a' + 10;
		else
			return -1;
	}
	return v;
}

/*
 * The escape at s[0] == '\\' (n bytes left): its length when what json-c
 * decodes from it is fit for text, else 0.  \u0000 gives a NUL; a
 * surrogate escape is fine only as a high one followed by a low one (a
 * pair makes one valid code point), since json-c's handling of a lone one
 * is not ours to rely on.
 */
static size_t
jsonv_escape_len(const unsigned char *s, size_t n)
{
	long	 hi, lo;

	if (n < 2)
		return 0;
	if (s[1] != 'u')	/* not JSON past ASCII: json-c refuses it */
		return s[1] != '\0' && s[1] < 0x80 ? 2 : 0;
	if (n < 6 || (hi = jsonv_hex4(s + 2)) < 0 || hi == 0)
		return 0;
	if (hi < 0xd800 || hi > 0xdfff)
		return 6;
	if (hi > 0xdbff || n < 12 || s[6] != '\\' || s[7] != 'u' ||
	    (lo = jsonv_hex4(s + 8)) < 0xdc00 || lo > 0xdfff)
		return 0;
	return 12;
}

/*
 * Strict UTF-8 over len bytes; with nul, a NUL byte fails too; with
 * escapes, the bytes are a JSON string's source and each backslash escape
 * must decode to text (jsonv_escape_len).
 */
static bool
jsonv_utf8_scan(const char *str, size_t len, bool nul, bool escapes)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 i = 0, n;
	uint64_t		 w, stop;

	while (i < len) {
		if (len - i >= 8) {
			memcpy(&w, s + i, 8);
			w = le64toh(w);
			/* A high bit, a NUL or a backslash stops the run. */
			stop = w & JSONV_HIGHS;
			if (nul)
				stop |= JSONV_ZEROS8(w);
			if (escapes)
				stop |= JSONV_ZEROS8(w ^ 0x5c5c5c5c5c5c5c5cULL);
			if (stop == 0) {
				i += 8;
				continue;
			}
			/* Past the plain bytes, to the one that stopped it. */
			i += (size_t)__builtin_ctzll(stop) / 8;
		}
		if (nul && s[i] == '\0')
			return false;
		if (escapes && s[i] == '\\')
			n = jsonv_escape_len(s + i, len - i);
		else if (s[i] < 0x80)
			n = 1;
		else
			n = jsonv_utf8_seq(s + i, len - i);
		if (n == 0)
			return false;
		i += n;
	}
	return true;
}

bool
jsonv_utf8_valid(const char *str, size_t len)
{
	return jsonv_utf8_scan(str, len, false, false);
}

bool
jsonv_text_valid(const char *str, size_t len)
{
	return jsonv_utf8_scan(str, len, true, false);
}

bool
jsonv_text_clean(const char *buf, size_t len)
{
	return jsonv_utf8_scan(buf, len, true, true);
}

bool
jsonv_as_str(json_object *v, const char **out)
{
	size_t	 len;

	return jsonv_as_str_len(v, out, &len);
}

bool
jsonv_str(json_object *obj, const char *key, const char **out)
{
	json_object	*v;

	return jsonv_get(obj, key, json_type_string, &v) &&
	    jsonv_as_str(v, out);
}

bool
jsonv_as_str_len(json_object *v, const char **out, size_t *len)
{
	const char	*s;
	size_t		 n;

	if (!jsonv_as_str_trusted(v, &s, &n) || !jsonv_text_valid(s, n))
		return false;
	*out = s;
	*len = n;
	return true;
}

bool
jsonv_as_str_trusted(json_object *v, const char **out, size_t *len)
{
	if (v == NULL || !json_object_is_type(v, json_type_string))
		return false;
	*out = json_object_get_string(v);
	*len = (size_t)json_object_get_string_len(v);
	return true;
}

bool
jsonv_str_len(json_object *obj, const char *key, const char **out,
    size_t *len)
{
	json_object	*v;

	return jsonv_get(obj, key, json_type_string, &v) &&
	    jsonv_as_str_len(v, out, len);
}

bool
jsonv_str_max(json_object *obj, const char *key, size_t max,
    const char **out)
{
	json_object	*v;
	const char	*s;

	if (!jsonv_get(obj, key, json_type_string, &v) ||
	    (size_t)json_object_get_string_len(v) > max ||
	    !jsonv_as_str(v, &s))
		return false;
	*out = s;
	return true;
}

bool
jsonv_as_int64(json_object *v, int64_t min, int64_t max, int64_t *out)
{
	int64_t	 n;

	if (v == NULL || !json_object_is_type(v, json_type_int))
		return false;
	/*
	 * json-c clamps integers past int64 to INT64_MIN/MAX silently: treat
	 * those two values as out of range (no eBay field comes near them).
	 */
	n = json_object_get_int64(v);
	if (n == INT64_MIN || n == INT64_MAX || n < min || n > max)
		return false;
	*out = n;
	return true;
}

bool
jsonv_int64(json_object *obj, const char *key, int64_t min, int64_t max,
    int64_t *out)
{
	json_object	*v;

	return jsonv_get(obj, key, json_type_int, &v) &&
	    jsonv_as_int64(v, min, max, out);
}

bool
jsonv_int(json_object *obj, const char *key, int min, int max, int *out)
{
	int64_t	 n;

	if (!jsonv_int64(obj, key, min, max, &n))
		return false;
	*out = (int)n;
	return true;
}

bool
jsonv_bool(json_object *obj, const char *key, bool *out)
{
	json_object	*v;

	if (!jsonv_get(obj, key, json_type_boolean, &v))
		return false;
	*out = json_object_get_boolean(v);
	return true;
}

bool
jsonv_members(json_object *obj, const char *const *names, size_t n,
    json_object **out)
{
	size_t	 i;

	memset(out, 0, n * sizeof *out);
	if (obj == NULL || !json_object_is_type(obj, json_type_object))
		return false;
	json_object_object_foreach(obj, key, val) {
		for (i = 0; i < n; i++)
			if (key[0] == names[i][0] &&
			    strcmp(key, names[i]) == 0) {
				out[i] = val;
				break;
			}
	}
	return true;
}

bool
jsonv_as_money(json_object *a, struct money *out)
{
	static const char *const names[] = { "value", "currency" };
	json_object	*v[2];
	const char	*value, *currency;
	struct money	 m;

	if (!jsonv_members(a, names, 2, v) || !jsonv_as_str(v[0], &value) ||
	    !jsonv_as_str(v[1], &currency) ||
	    !money_parse(&m, value, currency))
		return false;
	*out = m;
	return true;
}

bool
jsonv_money(json_object *obj, const char *key, struct money *out)
{
	json_object	*a;

	return jsonv_obj(obj, key, &a) && jsonv_as_money(a, out);
}

bool
jsonv_at(json_object *arr, size_t i, json_object **out)
{
	json_object	*v;

	if (arr == NULL || !json_object_is_type(arr, json_type_array) ||
	    i >= json_object_array_length(arr) ||
	    (v = json_object_array_get_idx(arr, i)) == NULL)
		return false;
	*out = v;
	return true;
}

bool
jsonv_has_bad_text(json_object *v)
{
	size_t	 i, n;

	if (v == NULL)
		return false;
	switch (json_object_get_type(v)) {
	case json_type_string:
		return !jsonv_text_ok(v);
	case json_type_array:
		n = json_object_array_length(v);
		for (i = 0; i < n; i++)
			if (jsonv_has_bad_text(json_object_array_get_idx(v, i)))
				return true;
		return false;
	case json_type_object: {
		json_object_object_foreach(v, key, val) {
			(void)key;	/* keys are C strings: cut at a NUL */
			if (jsonv_has_bad_text(val))
				return true;
		}
		return false;
	}
	default:
		return false;
	}
}
