/*
 * urlencoded decoding (see form.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "xmalloc.h"

void
form_init(struct form *f)
{
	memset(f, 0, sizeof *f);
}

void
form_free(struct form *f)
{
	size_t	 i;

	for (i = 0; i < f->n; i++) {
		free(f->pairs[i].key);
		free(f->pairs[i].val);
		free(f->pairs[i].filename);
	}
	free(f->pairs);
	memset(f, 0, sizeof *f);
}

static int
form_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Decode n bytes of s (caller frees).  With plus, '+' is a space.  *bad is
 * set on a malformed escape or a decoded NUL, which is dropped.
 */
char *
form_decode(const char *s, size_t n, bool plus, bool *bad)
{
	char	*out, *o;
	size_t	 i;
	int	 hi, lo;

	*bad = false;
	o = out = xmalloc(n + 1);
	for (i = 0; i < n; i++) {
		if (s[i] == '+' && plus)
			*o++ = ' ';
		else if (s[i] != '%')
			*o++ = s[i];
		else if (i + 2 < n &&
		    (hi = form_hex(s[i + 1])) >= 0 &&
		    (lo = form_hex(s[i + 2])) >= 0) {
			if (hi == 0 && lo == 0)
				*bad = true;
			else
				*o++ = (char)(hi << 4 | lo);
			i += 2;
		} else {
			*bad = true;
			*o++ = '%';
		}
	}
	*o = '\0';
	return out;
}

/* Add the pairs of s (n bytes) separated by sep ('&', or ';' for cookies). */
void
form_parse(struct form *f, const char *s, size_t n, char sep)
{
	const char		*p, *end, *eq, *next;
	struct form_pair	*fp;
	bool			 bad1, bad2;

	for (p = s, end = s + n; p < end; p = next + 1) {
		if ((next = memchr(p, sep, (size_t)(end - p))) == NULL)
			next = end;
		if (sep == ';')
			while (p < next && *p == ' ')
				p++;
		if (p == next)
			continue;
		if (f->n >= FORM_MAX_PAIRS) {
			f->truncated = true;
			return;
		}
		if ((eq = memchr(p, '=', (size_t)(next - p))) == NULL)
			eq = next;
		f->pairs = xreallocarray(f->pairs, f->n + 1, sizeof *f->pairs);
		fp = &f->pairs[f->n++];
		fp->filename = NULL;
		fp->key = form_decode(p, (size_t)(eq - p), sep != ';', &bad1);
		fp->val = eq < next ? form_decode(eq + 1,
		    (size_t)(next - eq - 1), sep != ';', &bad2) : xstrdup("");
		if (eq == next)
			bad2 = false;
		fp->bad = bad1 || bad2;
	}
}

/* Add a copy of key and val (a good, non-file pair) and return it. */
struct form_pair *
form_add(struct form *f, const char *key, const char *val)
{
	struct form_pair	*fp;

	f->pairs = xreallocarray(f->pairs, f->n + 1, sizeof *f->pairs);
	fp = &f->pairs[f->n++];
	memset(fp, 0, sizeof *fp);
	fp->key = xstrdup(key);
	fp->val = xstrdup(val);
	return fp;
}

/* The first value of key, borrowed; NULL if absent. */
const char *
form_get(const struct form *f, const char *key)
{
	return form_get_nth(f, key, 0);
}

size_t
form_count(const struct form *f, const char *key)
{
	size_t	 i, n = 0;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->pairs[i].key, key) == 0)
			n++;
	return n;
}

/* The nth (from 0) value of a repeated key, borrowed; NULL if none. */
const char *
form_get_nth(const struct form *f, const char *key, size_t nth)
{
	size_t	 i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->pairs[i].key, key) == 0 && nth-- == 0)
			return f->pairs[i].val;
	return NULL;
}

/* True if any value of key failed to decode. */
bool
form_bad(const struct form *f, const char *key)
{
	size_t	 i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->pairs[i].key, key) == 0 && f->pairs[i].bad)
			return true;
	return false;
}

/*
 * The file name of key's first value if it is a multipart file field ("" if
 * the browser sent none: no file chosen); NULL for other fields.
 */
const char *
form_filename(const struct form *f, const char *key)
{
	size_t	 i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->pairs[i].key, key) == 0)
			return f->pairs[i].filename;
	return NULL;
}
