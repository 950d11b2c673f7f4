/*
 * ebay-scan migrate: apply the sql/ migrations not yet applied, in order,
 * each in its own transaction.  Running it again is a no-op.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "db.h"
#include "ebay-scan.h"
#include "log.h"
#include "migrate.h"

static int
cmd_migrate_exec(struct scan_ctx *ctx, int argc, char **argv)
{
	char	*cause;
	int	 applied, status;
	bool	 check = false;

	if (argc == 2 && strcmp(argv[1], "--check") == 0)
		check = true;
	else if (argc != 1) {
		fprintf(stderr, "usage: ebay-scan migrate [--check]\n");
		return SCAN_EXIT_USAGE;
	}
	if (db_connect(ctx->db) != DB_OK) {
		log_error("migrate: database unavailable: %s",
		    db_errmsg(ctx->db));
		return SCAN_EXIT_NODB;
	}
	if (!(check ? migrate_pending : migrate_run)(ctx->db,
	    ctx->cfg->sql_dir, &applied, &cause)) {
		log_error("migrate: %s", cause);
		status = db_error(ctx->db) == DB_ERR_UNAVAILABLE ?
		    SCAN_EXIT_NODB : SCAN_EXIT_FAILED;
		free(cause);
		return status;
	}
	if (!ctx->quiet) {
		if (check)
			printf("%d migration%s pending\n", applied,
			    applied == 1 ? "" : "s");
		else if (applied == 0)
			printf("database is up to date\n");
		else
			printf("applied %d migration%s\n", applied,
			    applied == 1 ? "" : "s");
	}
	return check && applied > 0 ? SCAN_EXIT_FAILED : SCAN_EXIT_OK;
}

const struct scan_cmd scan_cmd_migrate = {
	.name = "migrate",
	.usage = "[--check]",
	.summary = "apply pending database migrations (--check: only count)",
	.exec = cmd_migrate_exec,
};
