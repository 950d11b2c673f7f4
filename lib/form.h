/*
 * application/x-www-form-urlencoded decoding, for query strings, form
 * bodies and cookies.  Decoded values are NUL-terminated copies owned by
 * the struct form; a %00 or a malformed escape marks the pair invalid
 * rather than truncating it silently.
 */
#ifndef FORM_H
#define FORM_H

#include <stdbool.h>
#include <stddef.h>

#define FORM_MAX_PAIRS	512

struct form_pair {
	char	*key;
	char	*val;
	char	*filename;	/* a multipart file field's file name, or NULL */
	bool	 bad;		/* undecodable: a bad %xx or an embedded NUL */
};

struct form {
	struct form_pair	*pairs;
	size_t			 n;
	bool			 truncated;	/* more than FORM_MAX_PAIRS */
};

void		 form_init(struct form *);
void		 form_free(struct form *);
void		 form_parse(struct form *, const char *, size_t, char sep);
struct form_pair *form_add(struct form *, const char *, const char *);
const char	*form_get(const struct form *, const char *);
size_t		 form_count(const struct form *, const char *);
const char	*form_get_nth(const struct form *, const char *, size_t);
bool		 form_bad(const struct form *, const char *);
const char	*form_filename(const struct form *, const char *);
char		*form_decode(const char *, size_t, bool plus, bool *bad);

#endif
