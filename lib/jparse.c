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
