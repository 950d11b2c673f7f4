/*
 * libFuzzer target for lib/multipart.c (request bodies): the first line of
 * the input is the Content-Type, the rest the body.  The parser must never
 * crash, leak or read out of bounds; when it accepts the body, every pair
 * it made has a non-empty name, and a refusal leaves the form untouched.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "multipart.h"
#include "xmalloc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct form	 f;
	const char	*nl;
	char		*ct, *field, *cause;
	size_t		 i;

	if ((nl = memchr(data, '\n', size)) == NULL)
		return 0;
	ct = xstrndup((const char *)data, (size_t)(nl - (const char *)data));
	form_init(&f);
	if (multipart_parse(&f, ct, nl + 1, size - (size_t)(nl + 1 -
	    (const char *)data), &field, &cause)) {
		for (i = 0; i < f.n; i++)
			if (f.pairs[i].key[0] == '\0')
				abort();
	} else {
		if (cause == NULL || f.n != 0)
			abort();
		free(field);
		free(cause);
	}
	form_free(&f);
	free(ct);
	return 0;
}
