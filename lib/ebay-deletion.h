/*
 * eBay Marketplace Account Deletion (SPEC section 6; BROWSE-API.md 8): the
 * challenge answer, the notification's shape, and the deletion itself.
 *
 * A notification is handled in two committed steps.  ebay_deletion_record
 * stores the receipt (ebay_deletions, keyed by notificationId, so eBay's
 * retries are recorded once); ebay_deletion_apply then deletes, in its own
 * transaction, every listing whose seller is that eBay user (by username
 * or by the immutable userId, compared without case), which takes the
 * listing's hits, price observations, events and alert state with it
 * through the schema's cascades; in the same transaction it removes the
 * seller from the frozen payloads of alerts (those naming the seller, and
 * those about the seller's listings; the alerts themselves are the
 * users' and stay, and their outbox rows hold no copy), deletes cached
 * live-search pages showing the seller, and marks the receipt processed.
 * The endpoint answers eBay once the receipt is committed; a receipt
 * whose deletion did not finish is finished by
 * ebay_deletion_apply_pending, which `ebay-scan prune` runs.  Nothing
 * else is deleted.
 */
#ifndef EBAY_DELETION_H
#define EBAY_DELETION_H

#include <stdbool.h>
#include <stddef.h>

struct db;
struct json_object;

#define EBAY_DELETION_TOPIC	"MARKETPLACE_ACCOUNT_DELETION"
#define EBAY_DELETION_ID_MAX	200	/* notificationId, username, userId */

struct ebay_deletion {
	char	*notification_id;
	char	*username;	/* NULL if absent */
	char	*user_id;	/* NULL if absent */
};

/* Lowercase hex SHA-256 of code + token + endpoint (out: 65 bytes). */
void	 ebay_deletion_challenge(const char *code, const char *token,
	    const char *endpoint, char out[65]);

/*
 * Check a notification's JSON shape and take out what is needed.  On
 * failure return false with *field (static, the JSON path) and *why
 * (static sentence) set; *out is then empty.
 */
bool	 ebay_deletion_parse(struct json_object *, struct ebay_deletion *out,
	    const char **field, const char **why)
	    __attribute__((warn_unused_result));
void	 ebay_deletion_free(struct ebay_deletion *);

/* Commit the receipt (idempotent).  False on a database error. */
bool	 ebay_deletion_record(struct db *, const struct ebay_deletion *)
	    __attribute__((warn_unused_result));

/* Delete that user's listings and mark the receipt processed.  Returns
 * the number of listings deleted, or -1 on a database error (rolled back). */
long	 ebay_deletion_apply(struct db *, const char *notification_id)
	    __attribute__((warn_unused_result));

/* Apply every receipt not yet processed; the count of receipts applied,
 * or -1 if a database error stopped it. */
long	 ebay_deletion_apply_pending(struct db *)
	    __attribute__((warn_unused_result));

#endif
