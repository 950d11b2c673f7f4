/*
 * Bounded, typed readers over json-c, after pgbouncer's mbuf_get_*: each
 * returns false (and leaves *out untouched) when the field is missing,
 * JSON null, or of another type, so callers never chain lookups blindly.
 * Strings handed out are borrowed from the json_object (valid until it is
 * put) and are refused when they hold a NUL (a \u0000 escape) or are not
 * strict UTF-8 (overlong forms, surrogates: json-c lets them through).
 */
#ifndef JSONV_H
#define JSONV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

struct money;

#define JSONV_DEPTH	32	/* nesting limit for jsonv_parse */

/*
 * Parse exactly one JSON value from len bytes (no NUL needed): refuses
 * invalid UTF-8, nesting past JSONV_DEPTH, a truncated document and
 * trailing bytes other than white space.  Returns a new reference (caller
 * json_object_put()s it), or NULL with a static reason in *why (may be
 * NULL).
 */
json_object	*jsonv_parse(const char *buf, size_t len, const char **why)
		    __attribute__((warn_unused_result));
/* The same, and *clean (may be NULL) set to jsonv_text_clean(buf, len),
   which it finds on the way. */
json_object	*jsonv_parse_clean(const char *buf, size_t len, bool *clean,
		    const char **why) __attribute__((warn_unused_result));

/* Member key of obj when it is an object (obj NULL or not an object:
   false). */
bool	 jsonv_obj(json_object *obj, const char *key, json_object **out);
bool	 jsonv_arr(json_object *obj, const char *key, json_object **out,
	    size_t *len);
bool	 jsonv_str(json_object *obj, const char *key, const char **out);
/* The same with the string's length in bytes. */
bool	 jsonv_str_len(json_object *obj, const char *key, const char **out,
	    size_t *len);
/* A string of at most max bytes. */
bool	 jsonv_str_max(json_object *obj, const char *key, size_t max,
	    const char **out);
/* A JSON integer (not a double, not a string) within [min, max]. */
bool	 jsonv_int64(json_object *obj, const char *key, int64_t min,
	    int64_t max, int64_t *out);
bool	 jsonv_int(json_object *obj, const char *key, int min, int max,
	    int *out);
bool	 jsonv_bool(json_object *obj, const char *key, bool *out);
/* An eBay Amount {"value": "12.34", "currency": "USD"}: exact. */
bool	 jsonv_money(json_object *obj, const char *key, struct money *out);

/*
 * The same readers over a value already in hand (v NULL, null or of
 * another type: false), for a caller that walked an object's members
 * once instead of looking each key up.
 */
bool	 jsonv_as_str_len(json_object *v, const char **out, size_t *len);
/*
 * The same without the check of the text, for a value whose text was
 * checked already: under a value jsonv_has_bad_text() passed, or in a
 * document jsonv_text_clean() passed.
 */
bool	 jsonv_as_str_trusted(json_object *v, const char **out,
	    size_t *len);
bool	 jsonv_as_int64(json_object *v, int64_t min, int64_t max,
	    int64_t *out);
bool	 jsonv_as_money(json_object *v, struct money *out);

/*
 * The members of obj named names[0..n-1] into out[] (NULL when absent or
 * null), in one walk over its keys: for an object's few members, cheaper
 * than a hash lookup per name, which hashes the name and compares it.
 * False when obj is not an object.
 */
bool	 jsonv_members(json_object *obj, const char *const *names, size_t n,
	    json_object **out);

/* Element i of an array (false when out of range or null). */
bool	 jsonv_at(json_object *arr, size_t i, json_object **out);
/* The string value of v itself (false when not a string or has a NUL). */
bool	 jsonv_as_str(json_object *v, const char **out);

/* True if any string value anywhere under v holds a NUL or is not
   strict UTF-8. */
bool	 jsonv_has_bad_text(json_object *v);

/*
 * True when no string json-c can decode from the len bytes of a JSON
 * document holds a NUL or bytes that are not strict UTF-8: the bytes are
 * strict UTF-8 without NUL, and no escape gives U+0000 or a surrogate
 * outside a high-low pair.  One pass over the raw bytes, so that a clean
 * document (the usual case) needs no jsonv_has_bad_text walk; false only
 * means that its values must be checked one by one.
 */
bool	 jsonv_text_clean(const char *buf, size_t len);

/* Strict UTF-8 (RFC 3629) over len bytes; NUL bytes pass. */
bool	 jsonv_utf8_valid(const char *, size_t len);
/* Fit for text: strict UTF-8 without a NUL byte (one pass). */
bool	 jsonv_text_valid(const char *, size_t len);

#endif
