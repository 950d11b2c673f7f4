/*
 * Strict JSON parsing with a position for errors (see jparse.h).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "jparse.h"

static void
jparse_where(const char *s, size_t off, struct jparse_err *err)
{
	size_t	 i;

	err->line = 1;
	err->column = 1;
	for (i = 0; i < off; i++) {
		if (s[i] == '\n') {
			err->line++;
			err->column = 1;
		} else
			err->column++;
	}
}

struct json_object *
jparse(const char *s, size_t len, struct jparse_err *err)
{
	struct json_tokener	*tok;
	struct json_object	*o;
	enum json_tokener_error	 jerr;
	size_t			 end, i;

	memset(err, 0, sizeof *err);
	if (memchr(s, '\0', len) != NULL) {
		jparse_where(s, (size_t)((const char *)memchr(s, '\0', len) -
		    s), err);
		snprintf(err->why, sizeof err->why, "a NUL byte is not JSON");
		return NULL;
	}
	for (i = 0; i < len && strchr(" \t\r\n", s[i]) != NULL; i++)
		;
	if (i == len) {
		jparse_where(s, len, err);
		snprintf(err->why, sizeof err->why, "the text is empty");
		return NULL;
	}
	if ((tok = json_tokener_new_ex(JPARSE_DEPTH)) == NULL) {
		snprintf(err->why, sizeof err->why, "out of memory");
		return NULL;
	}
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
	    JSON_TOKENER_VALIDATE_UTF8);
	o = json_tokener_parse_ex(tok, s, (int)len);
	jerr = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	if (o == NULL && jerr == json_tokener_continue) {
		jparse_where(s, len, err);
		snprintf(err->why, sizeof err->why, "the text ends too soon "
		    "(an unclosed string, array or object)");
		json_tokener_free(tok);
		return NULL;
	}
	if (o == NULL) {
		jparse_where(s, end > 0 ? end - 1 : 0, err);
		snprintf(err->why, sizeof err->why, "%s",
		    json_tokener_error_desc(jerr));
		json_tokener_free(tok);
		return NULL;
	}
	json_tokener_free(tok);
	for (i = end; i < len; i++)
		if (strchr(" \t\r\n", s[i]) == NULL) {
			jparse_where(s, i, err);
			snprintf(err->why, sizeof err->why, "unexpected text "
			    "after the end of the JSON value");
			json_object_put(o);
			return NULL;
		}
	return o;
}

void
jparse_err_str(const struct jparse_err *err, char *out, size_t size)
{
	snprintf(out, size, "line %d, column %d: %s", err->line, err->column,
	    err->why);
}

/*
 * Locating a member in JSON text that jparse() accepted, to give the line
 * of an error found after parsing ("searches[2].min_price").  A bounded
 * scanner over valid text: it never reads past len.
 */
struct jparse_scan {
	const char	*s;
	size_t		 len;
	size_t		 pos;
};

static void
jparse_ws(struct jparse_scan *sc)
{
	while (sc->pos < sc->len && strchr(" \t\r\n", sc->s[sc->pos]) != NULL)
		sc->pos++;
}

static void
jparse_skip_string(struct jparse_scan *sc)
{
	for (sc->pos++; sc->pos < sc->len; sc->pos++) {
		if (sc->s[sc->pos] == '\\')
			sc->pos++;
		else if (sc->s[sc->pos] == '"') {
			sc->pos++;
			return;
		}
	}
}

static void
jparse_skip_value(struct jparse_scan *sc)
{
	size_t	 depth = 0;
	char	 c;

	if (sc->pos >= sc->len)
		return;
	c = sc->s[sc->pos];
	if (c == '"') {
		jparse_skip_string(sc);
		return;
	}
	if (c != '{' && c != '[') {
		while (sc->pos < sc->len &&
		    strchr(",}] \t\r\n", sc->s[sc->pos]) == NULL)
			sc->pos++;
		return;
	}
	while (sc->pos < sc->len) {
		c = sc->s[sc->pos];
		if (c == '"') {
			jparse_skip_string(sc);
			continue;
		}
		sc->pos++;
		if (c == '{' || c == '[')
			depth++;
		else if ((c == '}' || c == ']') && --depth == 0)
			return;
	}
}

/* Move to the value of member key (klen bytes) of the object at pos. */
static bool
jparse_member(struct jparse_scan *sc, const char *key, size_t klen)
{
	size_t	 start, kend;

	if (sc->pos >= sc->len || sc->s[sc->pos] != '{')
		return false;
	sc->pos++;
	for (;;) {
		jparse_ws(sc);
		if (sc->pos >= sc->len || sc->s[sc->pos] != '"')
			return false;
		start = sc->pos + 1;
		jparse_skip_string(sc);
		kend = sc->pos - 1;	/* the closing quote */
		jparse_ws(sc);
		if (sc->pos >= sc->len || sc->s[sc->pos] != ':')
			return false;
		sc->pos++;
		jparse_ws(sc);
		if (kend >= start && kend - start == klen &&
		    memcmp(sc->s + start, key, klen) == 0)
			return true;
		jparse_skip_value(sc);
		jparse_ws(sc);
		if (sc->pos >= sc->len || sc->s[sc->pos] != ',')
			return false;
		sc->pos++;
	}
}

/* Move to element n of the array at pos. */
static bool
jparse_element(struct jparse_scan *sc, size_t n)
{
	size_t	 i;

	if (sc->pos >= sc->len || sc->s[sc->pos] != '[')
		return false;
	sc->pos++;
	for (i = 0;; i++) {
		jparse_ws(sc);
		if (sc->pos >= sc->len || sc->s[sc->pos] == ']')
			return false;
		if (i == n)
			return true;
		jparse_skip_value(sc);
		jparse_ws(sc);
		if (sc->pos >= sc->len || sc->s[sc->pos] != ',')
			return false;
		sc->pos++;
	}
}

int
jparse_line(const char *s, size_t len, const char *path)
{
	struct jparse_scan	 sc = { s, len, 0 };
	struct jparse_err	 err;
	size_t			 found, klen;
	const char		*p = path;
	char			*end;
	unsigned long		 n;

	jparse_ws(&sc);
	found = sc.pos;
	while (*p != '\0') {
		if (*p == '.')
			p++;
		klen = strcspn(p, ".[");
		if (klen > 0) {
			if (!jparse_member(&sc, p, klen))
				break;
			found = sc.pos;
			p += klen;
		}
		while (*p == '[') {
			n = strtoul(p + 1, &end, 10);
			if (*end != ']' || !jparse_element(&sc, n))
				goto done;
			found = sc.pos;
			p = end + 1;
		}
		if (*p != '.' && *p != '\0')
			break;
	}
done:
	jparse_where(s, found, &err);
	return err.line;
}
