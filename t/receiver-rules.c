/*
 * receiver-rules: evaluate the alert rules of one search's run in a
 * transaction of its own, as ebay-scan does just before its COMMIT.  For
 * the rules tests, which write a run's facts with SQL.
 *
 *   receiver-rules SEARCH_ID RUN_ID [first]
 *
 * Prints "alerts N outbox M"; EBAY_SCAN_NOW sets the clock.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "db.h"
#include "rules.h"

int
main(int argc, char **argv)
{
	struct rules_counts	 c;
	struct db		*db;
	const char		*now;
	char			*cause;

	if (argc < 3 || cfg_load(CFG_NEED_DB, &cause) == NULL) {
		fprintf(stderr, "usage: receiver-rules SEARCH RUN [first]\n");
		return 2;
	}
	now = getenv("EBAY_SCAN_NOW");
	if (now != NULL && *now == '\0')
		now = NULL;
	db = db_open(cfg_get()->database_url, 5000);
	if (db_connect(db) != DB_OK || !db_begin(db) ||
	    !rules_evaluate(db, argv[1], argv[2], argc > 3 &&
	    strcmp(argv[3], "first") == 0, now, &c) || !db_commit(db)) {
		fprintf(stderr, "receiver-rules: %s\n", db_errmsg(db));
		return 1;
	}
	printf("alerts %ld outbox %ld\n", c.alerts, c.outbox);
	db_close(db);
	return 0;
}
