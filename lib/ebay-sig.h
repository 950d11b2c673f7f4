/*
 * eBay's signed push notifications (BROWSE-API.md section 8): checking
 * the X-EBAY-SIGNATURE header of a notification against its raw body.
 *
 * The header is base64 of a JSON object {"alg":"ecdsa","kid":K,
 * "signature":base64 DER ECDSA,"digest":"SHA1"}.  The public key of kid
 * K comes from GET {api base}/commerce/notification/v1/public_key/K,
 * called with the application token of the client (lib/ebay-token.c),
 * and is cached for EBAY_SIG_KEY_TTL in ebay_notification_keys, shared by
 * every process; a kid eBay does not know is cached the same way, so a
 * replayed bad kid costs no call.  At most EBAY_SIG_FETCH_MAX keys are
 * fetched per hour and API base (unknown kids are hostile input, and each
 * one would otherwise spend an eBay call): past that a kid not in the
 * cache is EBAY_SIG_UNAVAILABLE until the hour has passed.  Key fetches
 * are Notification API calls: they do not count in the Browse budget
 * (ebay_calls).
 *
 * The signature is checked with OpenSSL's EVP API over the exact bytes
 * received, with the digest the key's answer names (eBay: SHA1).  The
 * key's PEM is accepted with or without line breaks (eBay sends it on one
 * line).
 */
#ifndef EBAY_SIG_H
#define EBAY_SIG_H

#include <stddef.h>

struct ebay_client;

#define EBAY_SIG_PATH		"/commerce/notification/v1/public_key/"
#define EBAY_SIG_HEADER_MAX	4096	/* bytes of the header's value */
#define EBAY_SIG_KID_MAX	128	/* [A-Za-z0-9_-] */
#define EBAY_SIG_KEY_TTL	"1 hour"	/* an SQL interval */
#define EBAY_SIG_FETCH_MAX	20	/* key fetches per hour */

enum ebay_sig_res {
	EBAY_SIG_OK,		/* signed by eBay's key for this body */
	EBAY_SIG_BAD,		/* missing, malformed, unknown kid, or a
				   signature that does not verify: 412 */
	EBAY_SIG_UNAVAILABLE,	/* the key could not be had (eBay or our
				   database down, fetch budget spent, eBay's
				   answer not a usable key): 5xx,
				   so that eBay sends it again */
	EBAY_SIG__MAX
};

/*
 * Check header (the X-EBAY-SIGNATURE value, NULL when absent) against
 * the len bytes of body.  client gives the configuration, the token and
 * the database (not inside a transaction).  On anything but EBAY_SIG_OK,
 * why (whylen bytes) says what failed in one sentence fit for a log line
 * and an error answer: never a token, never the header's bytes.
 */
enum ebay_sig_res ebay_sig_verify(struct ebay_client *client,
		    const char *header, const void *body, size_t len,
		    char *why, size_t whylen);

#endif
