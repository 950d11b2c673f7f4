/*
 * Delivering the outbox (see notify-outbox.c): ebay-scan calls
 * notify_outbox_deliver() after its scan pass (and `ebay-scan deliver`
 * alone); /channels records its test-sends with notify_outbox_record().
 */
#ifndef NOTIFY_OUTBOX_H
#define NOTIFY_OUTBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct db;
struct notify_result;

#define OUTBOX_MAX_ATTEMPTS	10	/* then the row is dead */

struct notify_outbox_stats {
	long	 channels;	/* channels tried */
	long	 sent;		/* alerts delivered */
	long	 failed;	/* channels that failed */
};

bool	 notify_outbox_deliver(struct db *, const char *now,
	    struct notify_outbox_stats *) __attribute__((warn_unused_result));
const char *notify_outbox_failure(const struct db *);
int64_t	 notify_outbox_record(struct db *, int64_t channel_id,
	    const char *row_ids, size_t nalerts, const struct notify_result *,
	    bool is_test, const char *now);

#endif
