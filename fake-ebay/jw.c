/*
 * The fake's JSON writer (see jw.h): what json-c prints, without the tree.
 *
 * json-c escapes '"', '\\', \b, \f, \n, \r and \t with a backslash and
 * every other byte below 0x20 as \u00xx (lower-case hex); with
 * JSON_C_TO_STRING_NOSLASHESCAPE '/' stays as it is, and so do DEL and
 * every byte >= 0x80, invalid UTF-8 included.  A NUL inside a string
 * (json_object_new_string_len) is \u0000.  t/t0040-fake-jw.c checks all
 * of this against json-c itself.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "jw.h"

void
jw_init(struct jw *w)
{
	buf_init(&w->b, 0);
	w->comma = false;
}

char *
jw_detach(struct jw *w)
{
	if (buf_failed(&w->b)) {
		buf_free(&w->b);
		return NULL;
	}
	return buf_detach(&w->b);
}

/* Before a value or a key: the comma that separates it from the last. */
static void
jw_sep(struct jw *w)
{
	if (w->comma)
		buf_putc(&w->b, ',');
}

void
jw_obj(struct jw *w)
{
	jw_sep(w);
	buf_putc(&w->b, '{');
	w->comma = false;
}

void
jw_obj_end(struct jw *w)
{
	buf_putc(&w->b, '}');
	w->comma = true;
}

void
jw_arr(struct jw *w)
{
	jw_sep(w);
	buf_putc(&w->b, '[');
	w->comma = false;
}

void
jw_arr_end(struct jw *w)
{
	buf_putc(&w->b, ']');
	w->comma = true;
}

void
jw_keyn(struct jw *w, const char *k, size_t n)
{
	jw_sep(w);
	jw_escape(&w->b, k, n);
	buf_putc(&w->b, ':');
	w->comma = false;
}

/* What each byte becomes: 0 itself, 'u' \u00xx, else a backslash and it. */
static const char jw_esc[256] = {
	'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u',
	'b', 't', 'n', 'u', 'f', 'r', 'u', 'u',
	'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u',
	'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u',
	['"'] = '"', ['\\'] = '\\',
};

/*
 * Whether any of the 8 bytes at p needs escaping: is below 0x20 (the
 * borrow of x - 0x20 reaches its top bit), or is '"' or '\\' (a zero byte
 * of x ^ it).  Bytes >= 0x80 never count (~x clears their top bit; so
 * does ~(x ^ '"'), '"' being below 0x80).  Exact for "any", which is all
 * this says; jw_esc[] then says which.
 */
static inline bool
jw_dirty8(const unsigned char *p)
{
	const uint64_t	 ones = 0x0101010101010101ULL;
	uint64_t	 x;

	memcpy(&x, p, sizeof x);
	return (((x - ones * 0x20) | ((x ^ ones * '"') - ones) |
	    ((x ^ ones * '\\') - ones)) & ~x & ones * 0x80) != 0;
}

void
jw_escape(struct buf *b, const char *s, size_t n)
{
	static const char	 hex[] = "0123456789abcdef";
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i, run = 0;
	char			 e[6];
	unsigned char		 c;
	char			*d;

	/*
	 * Up to the first byte that needs escaping, 8 bytes at a time.  Most
	 * strings have none: one copy between the quotes.
	 */
	for (i = 0; n - i >= 8 && !jw_dirty8(p + i); i += 8)
		;
	while (i < n && jw_esc[p[i]] == 0)
		i++;
	if (i == n && buf_room(b, n + 2)) {
		d = b->data + b->len;
		d[0] = '"';
		memcpy(d + 1, s, n);
		d[n + 1] = '"';
		d[n + 2] = '\0';
		b->len += n + 2;
		return;
	}

	/* From that byte on; s[0..i) is copied with the next run. */
	buf_putc(b, '"');
	for (; i < n; i++) {
		c = p[i];
		if (jw_esc[c] == 0) {
			/* Past the next clean bytes, 8 at a time. */
			while (n - (i + 1) >= 8 && !jw_dirty8(p + i + 1))
				i += 8;
			continue;
		}
		if (i > run)
			buf_put(b, s + run, i - run);
		run = i + 1;
		e[0] = '\\';
		e[1] = jw_esc[c];
		if (e[1] != 'u') {
			buf_put(b, e, 2);
			continue;
		}
		e[2] = '0';
		e[3] = '0';
		e[4] = hex[c >> 4];
		e[5] = hex[c & 0xf];
		buf_put(b, e, 6);
	}
	if (n > run)
		buf_put(b, s + run, n - run);
	buf_putc(b, '"');
}

size_t
jw_fmt_int(char *out, long long v)
{
	char			 tmp[24];
	unsigned long long	 u = v < 0 ? 0ULL - (unsigned long long)v :
	    (unsigned long long)v;
	size_t			 n = 0, len = 0;

	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		out[len++] = '-';
	while (n > 0)
		out[len++] = tmp[--n];
	out[len] = '\0';
	return len;
}

void
jw_strn(struct jw *w, const char *s, size_t n)
{
	jw_sep(w);
	jw_escape(&w->b, s, n);
	w->comma = true;
}

void
jw_int(struct jw *w, long long v)
{
	char	 d[24];

	jw_raw(w, d, jw_fmt_int(d, v));
}

void
jw_bool(struct jw *w, bool v)
{
	if (v)
		jw_raw(w, "true", 4);
	else
		jw_raw(w, "false", 5);
}

void
jw_null(struct jw *w)
{
	jw_raw(w, "null", 4);
}

void
jw_raw(struct jw *w, const char *s, size_t n)
{
	jw_sep(w);
	buf_put(&w->b, s, n);
	w->comma = true;
}

void
jw_kint(struct jw *w, const char *k, long long v)
{
	jw_key(w, k);
	jw_int(w, v);
}

void
jw_kbool(struct jw *w, const char *k, bool v)
{
	jw_key(w, k);
	jw_bool(w, v);
}

void
jw_knull(struct jw *w, const char *k)
{
	jw_key(w, k);
	jw_null(w);
}
