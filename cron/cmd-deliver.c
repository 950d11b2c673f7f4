/*
 * ebay-scan deliver: one delivery pass over the outbox (the scan pass ends
 * with one too): every channel with an alert due gets one message, all at
 * once; failures back off and are retried by later runs.  Exit status 0
 * when every channel accepted its message (or none was due), 1 when some
 * failed, 3 when the database is unavailable.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "db.h"
#include "ebay-scan.h"
#include "log.h"
#include "notify-outbox.h"

static int
cmd_deliver_exec(struct scan_ctx *ctx, int argc, char **argv)
{
	struct notify_outbox_stats	 st;

	if (argc != 1) {
		fprintf(stderr, "usage: ebay-scan deliver\n");
		return SCAN_EXIT_USAGE;
	}
	if (db_connect(ctx->db) != DB_OK) {
		log_error("deliver: database unavailable: %s",
		    db_errmsg(ctx->db));
		return SCAN_EXIT_NODB;
	}
	if (!notify_outbox_deliver(ctx->db, scan_now(), &st)) {
		log_error("deliver: %s", notify_outbox_failure(ctx->db));
		return db_error(ctx->db) == DB_ERR_UNAVAILABLE ?
		    SCAN_EXIT_NODB : SCAN_EXIT_FAILED;
	}
	if (!ctx->quiet && (st.channels > 0 || ctx->verbose))
		log_info("deliver: %ld channels, %ld alerts sent, %ld channels "
		    "failed", st.channels, st.sent, st.failed);
	return st.failed > 0 ? SCAN_EXIT_FAILED : SCAN_EXIT_OK;
}

const struct scan_cmd scan_cmd_deliver = {
	.name = "deliver",
	.usage = "",
	.summary = "send the alerts that are due (outbox)",
	.exec = cmd_deliver_exec,
};
