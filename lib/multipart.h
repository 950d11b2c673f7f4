/*
 * multipart/form-data (RFC 7578) decoding into a struct form, for forms
 * with a file field.  The whole body is in memory (the request body limit
 * bounds it).  Each part becomes one pair: its name, its content as a
 * NUL-terminated copy (a content with a NUL byte marks the pair bad, like
 * a %00 in a urlencoded form) and, for a file field, the file's name
 * (form_filename).
 *
 * Parts end at CRLF "--boundary"; a body written with bare LF line ends
 * is read too.  Refused with a cause: no or a malformed boundary, a part
 * cut short or without a closing boundary, a part without a name, headers
 * over MULTIPART_HEADER_MAX, nested multipart (the old way of sending
 * several files in one field), a transfer encoding other than 7bit, 8bit
 * or binary, more than FORM_MAX_PAIRS parts.
 */
#ifndef MULTIPART_H
#define MULTIPART_H

#include <stdbool.h>
#include <stddef.h>

#include "form.h"

#define MULTIPART_BOUNDARY_MAX	70	/* RFC 2046 */
#define MULTIPART_HEADER_MAX	4096	/* one part's header block */

bool	 multipart_is(const char *content_type);
bool	 multipart_parse(struct form *, const char *content_type,
	    const char *body, size_t len, char **field, char **cause);

#endif
