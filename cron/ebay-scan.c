/*
 * ebay-scan: commands of the worker (SPEC section 4).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "db.h"
#include "ebay-scan.h"
#include "log.h"

static const struct scan_cmd *const scan_cmds[] = {
	&scan_cmd_scan,		/* first: the default command */
	&scan_cmd_migrate,
	&scan_cmd_quota,
	&scan_cmd_prune,
	&scan_cmd_deliver,
	NULL
};

/*
 * The worker SQL's "now" (see ebay-scan.h).  EBAY_SCAN_NOW is for tests
 * only: it lets the worker share the fake eBay's clock.
 */
const char *
scan_now(void)
{
	const char	*v;

	v = getenv("EBAY_SCAN_NOW");
	return v != NULL && *v != '\0' ? v : NULL;
}

static void
scan_usage(FILE *f)
{
	const struct scan_cmd *const	*c;

	fprintf(f, "usage: ebay-scan [--verbose | --quiet] [scan] [--search ID] "
	    "[--dry-run]\n"
	    "                 [--max-seconds N] [--concurrency N]\n"
	    "       ebay-scan [--verbose | --quiet] COMMAND [ARGS]\n"
	    "       ebay-scan --help | --version\n\ncommands:\n");
	for (c = scan_cmds; *c != NULL; c++)
		fprintf(f, "  %-8s %-24s %s\n", (*c)->name, (*c)->usage,
		    (*c)->summary);
	fprintf(f, "\nexit status: 0 all good, 1 some searches failed, "
	    "2 usage or configuration error,\n3 database unavailable.  "
	    "Configuration comes from the environment (DATABASE_URL, ...):\n"
	    "see ebay-scan(1).\n");
}

int
main(int argc, char **argv)
{
	const struct scan_cmd *const	*c;
	struct scan_ctx			 ctx;
	char				*cause;
	int				 i, status;

	log_init("ebay-scan");
	memset(&ctx, 0, sizeof ctx);
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0) {
			scan_usage(stdout);
			return SCAN_EXIT_OK;
		} else if (strcmp(argv[i], "--version") == 0) {
			printf("ebay-scan %s\n", PACKAGE_VERSION);
			return SCAN_EXIT_OK;
		} else if (strcmp(argv[i], "--verbose") == 0 ||
		    strcmp(argv[i], "-v") == 0)
			ctx.verbose = true;
		else if (strcmp(argv[i], "--quiet") == 0 ||
		    strcmp(argv[i], "-q") == 0)
			ctx.quiet = true;
		else
			break;
	}
	/*
	 * No command, or an option main does not know (--dry-run, ...):
	 * the default command, scan, with the arguments left.  Its argv[0]
	 * is then the previous argument, which it skips like a name.
	 */
	if (i >= argc || argv[i][0] == '-') {
		c = scan_cmds;
		i--;
	} else {
		for (c = scan_cmds; *c != NULL; c++)
			if (strcmp((*c)->name, argv[i]) == 0)
				break;
	}
	if (*c == NULL) {
		fprintf(stderr, "ebay-scan: unknown command %s (try --help)\n",
		    argv[i]);
		return SCAN_EXIT_USAGE;
	}
	if ((ctx.cfg = cfg_load(CFG_NEED_DB, &cause)) == NULL) {
		fprintf(stderr, "ebay-scan: configuration: %s\n", cause);
		free(cause);
		return SCAN_EXIT_USAGE;
	}
	if (ctx.verbose)
		log_set_level(LOG_LEVEL_DEBUG);
	else if (ctx.quiet)
		log_set_level(LOG_LEVEL_WARN);
	ctx.db = db_open(ctx.cfg->database_url, 5000);
	status = (*c)->exec(&ctx, argc - i, argv + i);
	db_close(ctx.db);
	cfg_free();
	return status;
}
