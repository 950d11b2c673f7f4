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
	&scan_cmd_migrate,
	&scan_cmd_quota,
	NULL
};

static void
scan_usage(FILE *f)
{
	const struct scan_cmd *const	*c;

	fprintf(f, "usage: ebay-scan [--verbose | --quiet] COMMAND [ARGS]\n"
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
	if (i >= argc) {
		scan_usage(stderr);
		return SCAN_EXIT_USAGE;
	}
	for (c = scan_cmds; *c != NULL; c++)
		if (strcmp((*c)->name, argv[i]) == 0)
			break;
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
