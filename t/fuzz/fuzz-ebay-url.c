/*
 * libFuzzer target for lib/ebay-link.c (pasted eBay search URLs): any bytes as a pasted address.  The
 * parser must never crash, leak or read out of bounds; when it accepts the
 * input, every parameter it made must be a non-empty key with a value, and
 * the query string it writes must parse back to the same number of pairs.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "ebay-link.h"
#include "form.h"
#include "xmalloc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ebay_link	 u;
	struct form	 f;
	struct buf	 q;
	char		*s, *cause;
	size_t		 i;

	if (size > EBAY_LINK_MAX + 64)
		return 0;
	s = xstrndup((const char *)data, size);
	if (!ebay_link_parse(s, &u, &cause)) {
		if (cause == NULL || u.nparams != 0 || u.nskipped != 0)
			abort();
		free(cause);
		free(s);
		return 0;
	}
	if (u.marketplace == NULL || u.nparams == 0)
		abort();
	for (i = 0; i < u.nparams; i++)
		if (u.params[i].key[0] == '\0' || u.params[i].val == NULL)
			abort();
	for (i = 0; i < u.nskipped; i++)
		if (u.skipped[i].reason == NULL)
			abort();
	buf_init(&q, 0);
	ebay_link_query(&u, &q);
	form_init(&f);
	form_parse(&f, buf_cstr(&q), q.len, '&');
	if (f.n != u.nparams)
		abort();
	for (i = 0; i < f.n; i++)
		if (f.pairs[i].bad || strcmp(f.pairs[i].val, u.params[i].val))
			abort();
	form_free(&f);
	buf_free(&q);
	ebay_link_free(&u);
	free(s);
	return 0;
}
