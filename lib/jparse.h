/*
 * Parsing a whole JSON text from an untrusted request (API bodies, import
 * files, eBay's notifications) with json-c in strict mode: one value,
 * nothing after it but white space, nested at most JPARSE_DEPTH deep.  A
 * failure says where (line and column, from 1) and why, in words a person
 * can act on.
 */
#ifndef JPARSE_H
#define JPARSE_H

#include <stdbool.h>
#include <stddef.h>

struct json_object;

#define JPARSE_DEPTH	32

struct jparse_err {
	int		 line;		/* from 1 */
	int		 column;	/* from 1, in bytes */
	char		 why[160];
};

/* The value (caller json_object_puts) or NULL with *err filled. */
struct json_object *jparse(const char *, size_t, struct jparse_err *)
	    __attribute__((warn_unused_result));

/*
 * The line (from 1) of the member at path ("searches[2].alerts.min") in
 * text that jparse() accepted; of its deepest existing ancestor when the
 * member is absent.
 */
int	 jparse_line(const char *, size_t, const char *path);

/* "line 3, column 7: unexpected character" into buf-sized out. */
void	 jparse_err_str(const struct jparse_err *, char *, size_t);

#endif
