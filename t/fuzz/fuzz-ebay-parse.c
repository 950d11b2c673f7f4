/*
 * libFuzzer target: the Browse response parser and the error-body reader
 * on arbitrary bytes (built with --enable-fuzzing).  Seed corpus:
 * t/data/ebay/.  Run: t/fuzz/fuzz-ebay-parse -max_total_time=60 DIR
 * t/data/ebay
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "ebay.h"
#include "log.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ebay_seen	*seen;
	struct ebay_page	 page;
	struct ebay_error	 err;
	char			 out[64];
	size_t			 i;

	if (seen == NULL) {
		log_init("fuzz-ebay-parse");
		log_set_level(LOG_LEVEL_ERROR);
		seen = ebay_seen_new();
	}
	memset(&err, 0, sizeof err);
	if (ebay_parse_page((const char *)data, size, NULL, &page, &err) ==
	    EBAY_OK) {
		/* Touch every item as a consumer would. */
		for (i = 0; i < page.nitems; i++) {
			(void)strlen(page.items[i].item_id);
			(void)strlen(page.items[i].title);
			money_format_cur(&page.items[i].total, out, sizeof out);
			ebay_time_format(page.items[i].end_date, out,
			    sizeof out);
		}
	}
	ebay_page_free(&page);
	/* Across calls, with a shared set (bounded: reset now and then). */
	(void)ebay_parse_page((const char *)data, size, seen, &page, &err);
	ebay_page_free(&page);
	if (size % 64 == 0) {
		ebay_seen_free(seen);
		seen = ebay_seen_new();
	}
	memset(&err, 0, sizeof err);
	(void)ebay_parse_error((const char *)data, size, &err);
	return 0;
}
