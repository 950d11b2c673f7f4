/*
 * /ebay/account-deletion: eBay's Marketplace Account Deletion endpoint
 * (SPEC section 6, BROWSE-API.md section 8).  Public and without CSRF:
 * eBay calls it.  Answers 404 unless EBAY_VERIFICATION_TOKEN and
 * EBAY_DELETION_ENDPOINT are both set.
 *
 * GET ?challenge_code=C answers {"challengeResponse": hex SHA-256 of C +
 * token + endpoint}.  POST takes a notification: its X-EBAY-SIGNATURE is
 * verified first against the raw body (lib/ebay-sig.h: eBay's public key
 * for the header's kid, fetched with the application token and cached an
 * hour in ebay_notification_keys); a missing, malformed or wrong
 * signature is a 412 and a key that cannot be had (eBay down, or its
 * answer not a usable key) a 503, both
 * before anything is recorded or deleted.  Then its shape is checked (400
 * naming the field), the receipt is committed, then that eBay user's
 * listings are deleted and the seller scrubbed from alert payloads in a
 * second transaction before the answer (204); the delete is a few short
 * statements, so eBay still gets its answer at once.  If the delete
 * fails after the receipt was committed, the answer is still 204 (eBay
 * must not retry what we have recorded) and `ebay-scan prune` finishes
 * the pending receipt.  A receipt that cannot be committed is a 503, so
 * that eBay retries.
 *
 * The check is never skipped.  In demo mode (no eBay keyset) the keys
 * come from EBAY_API_BASE like every other eBay call, that is from the
 * bundled fake eBay, which signs notifications on request (its control
 * API, POST /__fake/notification); the startup log line says where keys
 * come from.
 */
#include "config.h"

#include <string.h>

#include <json-c/json.h>

#include "cfg.h"
#include "cgi.h"
#include "db.h"
#include "ebay.h"
#include "ebay-deletion.h"
#include "ebay-sig.h"
#include "jparse.h"
#include "log.h"
#include "secret.h"

#define DELETION_CODE_MAX	1024

/* eBay waits for the answer: keep a key fetch well under its patience. */
#define DELETION_KEY_CONNECT_MS	3000
#define DELETION_KEY_TOTAL_MS	5000

static struct ebay_client	*deletion_client;

static bool
deletion_enabled(struct req *req)
{
	if (req->cfg->ebay_verification_token != NULL &&
	    req->cfg->ebay_deletion_endpoint != NULL)
		return true;
	resp_not_found(req);
	return false;
}

static void
deletion_get(struct req *req)
{
	struct json_object	*o;
	const char		*code;
	char			 hex[SECRET_SHA256_HEX];

	if (!deletion_enabled(req))
		return;
	code = form_get(&req->query, "challenge_code");
	if (code == NULL || *code == '\0' ||
	    form_bad(&req->query, "challenge_code")) {
		resp_error(req, 400, "challenge_code", "challenge_code is "
		    "required");
		return;
	}
	if (strlen(code) > DELETION_CODE_MAX) {
		resp_error(req, 400, "challenge_code", "challenge_code is too "
		    "long");
		return;
	}
	ebay_deletion_challenge(code, req->cfg->ebay_verification_token,
	    req->cfg->ebay_deletion_endpoint, hex);
	o = json_object_new_object();
	json_object_object_add(o, "challengeResponse",
	    json_object_new_string(hex));
	resp_json(req, 200, o);
	json_object_put(o);
}

/* Verify X-EBAY-SIGNATURE over the raw body; false when answered. */
static bool
deletion_signed(struct req *req)
{
	enum ebay_sig_res	 res;
	char			 why[256];

	if (deletion_client == NULL) {
		deletion_client = ebay_client_new(req->cfg, req->db, "web");
		ebay_client_set_timeouts(deletion_client,
		    DELETION_KEY_CONNECT_MS, DELETION_KEY_TOTAL_MS);
	}
	res = ebay_sig_verify(deletion_client, req_header(req,
	    "HTTP_X_EBAY_SIGNATURE"), buf_cstr(&req->body), req->body.len,
	    why, sizeof why);
	if (res == EBAY_SIG_OK)
		return true;
	log_warn("account deletion refused: %s", why);
	if (res == EBAY_SIG_BAD) {
		resp_error(req, 412, "X-EBAY-SIGNATURE", why);
		return false;
	}
	resp_header(req, "Retry-After", "60");
	resp_error(req, 503, NULL, "The signature cannot be verified now; "
	    "send the notification again later.");
	return false;
}

static void
deletion_post(struct req *req)
{
	struct ebay_deletion	 d;
	struct jparse_err	 err;
	struct json_object	*root;
	const char		*field, *why;
	char			 msg[256];

	if (!deletion_enabled(req) || !deletion_signed(req))
		return;
	if ((root = jparse(buf_cstr(&req->body), req->body.len, &err)) ==
	    NULL) {
		jparse_err_str(&err, msg, sizeof msg);
		resp_error(req, 400, "body", msg);
		return;
	}
	if (!ebay_deletion_parse(root, &d, &field, &why)) {
		json_object_put(root);
		resp_error(req, 400, field, why);
		return;
	}
	json_object_put(root);
	if (!ebay_deletion_record(req->db, &d)) {
		log_warn("account deletion %s: receipt not recorded: %s",
		    d.notification_id, db_errmsg(req->db));
		ebay_deletion_free(&d);
		resp_header(req, "Retry-After", "60");
		resp_error(req, 503, NULL, "The notification could not be "
		    "recorded; send it again later.");
		return;
	}
	if (ebay_deletion_apply(req->db, d.notification_id) < 0)
		log_warn("account deletion %s: left for ebay-scan prune",
		    d.notification_id);
	ebay_deletion_free(&d);
	resp_send(req, 204, NULL, "", 0);
}

static const struct route deletion_routes[] = {
	{ "/ebay/account-deletion", METHOD_GET,
	    ROUTE_PUBLIC | ROUTE_NODB | ROUTE_API, deletion_get },
	{ "/ebay/account-deletion", METHOD_POST,
	    ROUTE_PUBLIC | ROUTE_API | ROUTE_NOCSRF, deletion_post },
	{ NULL, 0, 0, NULL }
};

/* Say at startup where the keys for X-EBAY-SIGNATURE come from. */
static bool
deletion_init(char **cause)
{
	const struct cfg	*cfg = cfg_get();

	if (cfg->ebay_verification_token == NULL ||
	    cfg->ebay_deletion_endpoint == NULL)
		log_info("account deletion: not configured (404)");
	else
		log_info("account deletion: X-EBAY-SIGNATURE verified with "
		    "keys from %s%s", cfg->ebay_api_base, cfg->demo ?
		    " (demo mode: the bundled fake eBay)" : "");
	return true;
}

const struct app cgi_app = {
	.name = "deletion",
	.routes = deletion_routes,
	.init = deletion_init,
};
