/*
 * Typed json-c readers (see jsonv.h).
 */
#include "config.h"

#include <string.h>

#include "jsonv.h"
#include "money.h"

json_object *
jsonv_parse(const char *buf, size_t len, const char **why)
{
	struct json_tokener	*tok;
	json_object		*v;
	enum json_tokener_error	 jerr;
	size_t			 end;
	const char		*dummy;

	if (why == NULL)
		why = &dummy;
	if (len > (size_t)INT32_MAX) {
		*why = "document too large";
		return NULL;
	}
	if ((tok = json_tokener_new_ex(JSONV_DEPTH)) == NULL) {
		*why = "out of memory";
		return NULL;
	}
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
	    JSON_TOKENER_VALIDATE_UTF8);
	v = json_tokener_parse_ex(tok, buf, (int)len);
	jerr = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
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
 * Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing past
 * U+10FFFF.  json-c's own check lets those through, and PostgreSQL
 * refuses them, so one bad listing could fail a whole transaction.
 */
bool
jsonv_utf8_valid(const char *str, size_t len)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 i = 0, n, k;
	unsigned char		 lo, hi;

	while (i < len) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		lo = 0x80;
		hi = 0xbf;
		if (s[i] >= 0xc2 && s[i] <= 0xdf)
			n = 1;
		else if (s[i] >= 0xe0 && s[i] <= 0xef) {
			n = 2;
			if (s[i] == 0xe0)
				lo = 0xa0;	/* overlong */
			else if (s[i] == 0xed)
				hi = 0x9f;	/* surrogates */
		} else if (s[i] >= 0xf0 && s[i] <= 0xf4) {
			n = 3;
			if (s[i] == 0xf0)
				lo = 0x90;	/* overlong */
			else if (s[i] == 0xf4)
				hi = 0x8f;	/* past U+10FFFF */
		} else
			return false;
		if (len - i <= n || s[i + 1] < lo || s[i + 1] > hi)
			return false;
		for (k = 2; k <= n; k++)
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
		i += n + 1;
	}
	return true;
}

/* A string's bytes are fit for text: no NUL, strict UTF-8. */
static bool
jsonv_text_ok(json_object *v)
{
	const char	*s;
	int		 len;

	s = json_object_get_string(v);
	len = json_object_get_string_len(v);
	return s != NULL && len >= 0 && memchr(s, '\0', (size_t)len) == NULL &&
	    jsonv_utf8_valid(s, (size_t)len);
}

bool
jsonv_as_str(json_object *v, const char **out)
{
	if (v == NULL || !json_object_is_type(v, json_type_string) ||
	    !jsonv_text_ok(v))
		return false;
	*out = json_object_get_string(v);
	return true;
}

bool
jsonv_str(json_object *obj, const char *key, const char **out)
{
	json_object	*v;

	return jsonv_get(obj, key, json_type_string, &v) &&
	    jsonv_as_str(v, out);
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
jsonv_int64(json_object *obj, const char *key, int64_t min, int64_t max,
    int64_t *out)
{
	json_object	*v;
	int64_t		 n;

	if (!jsonv_get(obj, key, json_type_int, &v))
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
jsonv_money(json_object *obj, const char *key, struct money *out)
{
	json_object	*a;
	const char	*value, *currency;
	struct money	 m;

	if (!jsonv_obj(obj, key, &a) || !jsonv_str(a, "value", &value) ||
	    !jsonv_str(a, "currency", &currency) ||
	    !money_parse(&m, value, currency))
		return false;
	*out = m;
	return true;
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
