/*
 * ebay-scan: the worker's batch program.  Each command lives in its own
 * cmd-*.c file and exports one struct scan_cmd, listed in ebay-scan.c.
 */
#ifndef EBAY_SCAN_H
#define EBAY_SCAN_H

#include <stdbool.h>

struct cfg;
struct db;

/* Exit statuses (SPEC section 4; documented in ebay-scan.1). */
enum scan_exit {
	SCAN_EXIT_OK = 0,		/* all good */
	SCAN_EXIT_FAILED = 1,		/* some searches failed */
	SCAN_EXIT_USAGE = 2,		/* usage or configuration error */
	SCAN_EXIT_NODB = 3		/* database unavailable */
};

struct scan_ctx {
	const struct cfg	*cfg;
	struct db		*db;
	bool			 verbose;
	bool			 quiet;
};

struct scan_cmd {
	const char	*name;
	const char	*usage;		/* arguments after the name */
	const char	*summary;
	int		(*exec)(struct scan_ctx *, int, char **);
};

extern const struct scan_cmd scan_cmd_migrate;
extern const struct scan_cmd scan_cmd_quota;
extern const struct scan_cmd scan_cmd_prune;
extern const struct scan_cmd scan_cmd_scan;

/*
 * The time the worker's SQL takes as "now": NULL for the server's now(),
 * else the value of EBAY_SCAN_NOW (an ISO 8601 timestamp; tests only, so
 * that the worker agrees with the fake eBay's clock).  Every worker
 * statement reads it as coalesce($n::timestamptz, now()).
 */
const char	*scan_now(void);
extern const struct scan_cmd scan_cmd_deliver;

#endif
