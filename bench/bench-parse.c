/*
 * bench-parse: parsed listings per second for a 200-item Browse page,
 * built from the items of t/data/ebay/search-page1.json with unique ids.
 *
 *   make bench            (runs bench/bench-parse)
 *   bench/bench-parse [search-page.json] [seconds]
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <json-c/json.h>

#include "ebay.h"
#include "log.h"
#include "xmalloc.h"

#define BENCH_ITEMS	200

static double
bench_clock(clockid_t id)
{
	struct timespec	 ts;

	clock_gettime(id, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double
bench_now(void)
{
	return bench_clock(CLOCK_MONOTONIC);
}

/* A 200-item page from the items of a fixture page. */
static char *
bench_page(const char *path)
{
	json_object	*src, *items, *page, *arr, *copy;
	char		 id[64];
	const char	*s;
	char		*out;
	size_t		 n, i;

	if ((src = json_object_from_file(path)) == NULL ||
	    !json_object_object_get_ex(src, "itemSummaries", &items) ||
	    (n = json_object_array_length(items)) == 0) {
		fprintf(stderr, "bench-parse: cannot read %s\n", path);
		exit(1);
	}
	page = json_object_new_object();
	arr = json_object_new_array();
	for (i = 0; i < BENCH_ITEMS; i++) {
		copy = NULL;
		if (json_object_deep_copy(json_object_array_get_idx(items,
		    i % n), &copy, NULL) != 0)
			exit(1);
		snprintf(id, sizeof id, "v1|%zu|0", 186500000000 + i);
		json_object_object_add(copy, "itemId",
		    json_object_new_string(id));
		json_object_array_add(arr, copy);
	}
	json_object_object_add(page, "total", json_object_new_int(10000));
	json_object_object_add(page, "limit", json_object_new_int(200));
	json_object_object_add(page, "offset", json_object_new_int(0));
	json_object_object_add(page, "itemSummaries", arr);
	s = json_object_to_json_string_ext(page, JSON_C_TO_STRING_PLAIN);
	out = xstrdup(s);
	json_object_put(page);
	json_object_put(src);
	return out;
}

int
main(int argc, char **argv)
{
	struct ebay_page	 page;
	struct ebay_error	 err;
	const char		*top;
	char			*path, *body;
	double			 secs, start, el, cpu0, cpu;
	size_t			 len, listings = 0, pages = 0;

	log_init("bench-parse");
	if (argc > 1)
		path = xstrdup(argv[1]);
	else {
		if ((top = getenv("top_srcdir")) == NULL)
			top = ".";
		xasprintf(&path, "%s/t/data/ebay/search-page1.json", top);
	}
	secs = argc > 2 ? atof(argv[2]) : 3.0;
	body = bench_page(path);
	len = strlen(body);
	start = bench_now();
	cpu0 = bench_clock(CLOCK_PROCESS_CPUTIME_ID);
	do {
		if (ebay_parse_page(body, len, NULL, &page, &err) != EBAY_OK ||
		    page.nitems != BENCH_ITEMS) {
			fprintf(stderr, "bench-parse: parse failed: %s\n",
			    err.message);
			return 1;
		}
		listings += page.nitems;
		pages++;
		ebay_page_free(&page);
	} while ((el = bench_now() - start) < secs);
	cpu = bench_clock(CLOCK_PROCESS_CPUTIME_ID) - cpu0;
	printf("page: %zu items, %zu bytes\n", (size_t)BENCH_ITEMS, len);
	printf("pages parsed: %zu in %.2f s (%.0f pages/s)\n", pages, el,
	    pages / el);
	printf("parsed listings per second: %.0f\n", listings / el);
	/* The machine is shared: CPU time is the figure to compare. */
	printf("CPU per listing: %.2f us (%.0f listings per CPU-second)\n",
	    cpu * 1e6 / listings, listings / cpu);
	free(body);
	free(path);
	return 0;
}
