/*
 * Typed validators for untrusted input (query strings, forms, JSON
 * values), after kcgi's kvalid_*: each takes the text, checks all of it,
 * and either stores the typed value and returns true, or returns false and
 * sets *cause to a sentence saying what is wrong ("must be a whole number
 * from 1 to 200"), allocated (caller frees) and never quoting the input.
 * On false the output is untouched.  A NULL text is "missing".
 *
 * struct valid_errs collects per-field errors for a whole form, so a page
 * can name every bad field at once and refill the rest.
 */
#ifndef VALID_H
#define VALID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Printable UTF-8 with no control characters, by code points. */
bool	 valid_utf8(const char *, size_t len);
size_t	 valid_utf8_chars(const char *);
bool	 valid_text(const char *, size_t min_chars, size_t max_chars,
	    char **cause) __attribute__((warn_unused_result));
bool	 valid_int(const char *, long long min, long long max, long long *,
	    char **cause) __attribute__((warn_unused_result));
bool	 valid_money(const char *, int64_t max_cents, int64_t *cents,
	    char **cause) __attribute__((warn_unused_result));
bool	 valid_percent(const char *, int64_t max_hundredths,
	    int64_t *hundredths, char **cause)
	    __attribute__((warn_unused_result));
bool	 valid_enum(const char *, const char *const *names, size_t n,
	    int *, char **cause) __attribute__((warn_unused_result));
bool	 valid_bool(const char *, bool *, char **cause)
	    __attribute__((warn_unused_result));
bool	 valid_country(const char *, char out[3], char **cause)
	    __attribute__((warn_unused_result));
bool	 valid_currency(const char *, char out[4], char **cause)
	    __attribute__((warn_unused_result));
bool	 valid_digits(const char *, size_t max_digits, char **cause)
	    __attribute__((warn_unused_result));
bool	 valid_id(const char *, int64_t *);
bool	 valid_item_id(const char *);
bool	 valid_local_path(const char *);
bool	 valid_http_url(const char *);
bool	 valid_ebay_url(const char *, const char *extra);
bool	 valid_ebay_image(const char *);

/* Errors of a form, one per field (the first one set wins). */
struct valid_err {
	char	*field;		/* the form's field name */
	char	*message;	/* a sentence */
};

struct valid_errs {
	struct valid_err	*v;
	size_t			 n;
};

void		 valid_errs_init(struct valid_errs *);
void		 valid_errs_free(struct valid_errs *);
void		 valid_errs_add(struct valid_errs *, const char *field,
		    char *message);
void		 valid_errs_addf(struct valid_errs *, const char *field,
		    const char *, ...) __attribute__((format(printf, 3, 4)));
const char	*valid_errs_get(const struct valid_errs *, const char *field);

#endif
