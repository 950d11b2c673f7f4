/*
 * A small JSON writer for the fake's search answers: values appended
 * straight into a growable buffer, without building a json-c tree.  The
 * output is what json-c's json_object_to_json_string_ext gives with
 * JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE, byte for byte:
 * no spaces, members in the order written, strings escaped as json-c
 * escapes them (see jw_strn).  Commas are the writer's business.
 */
#ifndef JW_H
#define JW_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "buf.h"

struct jw {
	struct buf	 b;		/* the text so far; sticky failure */
	bool		 comma;		/* the next value or key needs a ',' */
};

void	 jw_init(struct jw *);
/* The text (caller frees), or NULL when an append failed. */
char	*jw_detach(struct jw *);

void	 jw_obj(struct jw *);
void	 jw_obj_end(struct jw *);
void	 jw_arr(struct jw *);
void	 jw_arr_end(struct jw *);
void	 jw_keyn(struct jw *, const char *, size_t);
void	 jw_strn(struct jw *, const char *, size_t);
void	 jw_int(struct jw *, long long);
void	 jw_bool(struct jw *, bool);
void	 jw_null(struct jw *);
/* A value already written as JSON (by this writer or json-c). */
void	 jw_raw(struct jw *, const char *, size_t);

/* key and value in one call */
void	 jw_kint(struct jw *, const char *, long long);
void	 jw_kbool(struct jw *, const char *, bool);
void	 jw_knull(struct jw *, const char *);

/*
 * Inline, so that the length of a literal key (tens of them per listing)
 * is known when compiling.
 */
static inline void
jw_key(struct jw *w, const char *k)
{
	jw_keyn(w, k, strlen(k));
}

static inline void
jw_str(struct jw *w, const char *s)
{
	jw_strn(w, s, strlen(s));
}

static inline void
jw_kstr(struct jw *w, const char *k, const char *v)
{
	jw_key(w, k);
	jw_str(w, v);
}

/* Escape n bytes as a JSON string literal, quotes included, onto b. */
void	 jw_escape(struct buf *, const char *, size_t);
/* Decimal digits of v into out (at least 21 bytes); returns the length. */
size_t	 jw_fmt_int(char *out, long long v);

#endif
