/*
 * /settings: the user's API tokens (list with prefix and last use, create
 * (shown once), revoke) and links to import and export.
 *
 * A token is "ebs_" and 43 random base64url characters; only its SHA-256
 * is stored (api_tokens.token_hash) with its first 8 characters to
 * recognise it by.  auth.c accepts it as Authorization: Bearer on the API
 * until it is revoked.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cgi.h"
#include "db.h"
#include "form.h"
#include "log.h"
#include "page.h"
#include "secret.h"
#include "tmpl.h"
#include "valid.h"
#include "xmalloc.h"

#define SETTINGS_TOKEN_PREFIX	"ebs_"
#define SETTINGS_PREFIX_LEN	8
#define SETTINGS_TOKENS_MAX	50

DB_STMT(settings_tokens_q, 1,
    "SELECT id, name, token_prefix,"
    " to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI \"UTC\"'),"
    " to_char(last_used_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI \"UTC\"'),"
    " to_char(revoked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI \"UTC\"')"
    " FROM api_tokens WHERE user_id = $1 ORDER BY id");
DB_STMT(settings_token_count_q, 1,
    "SELECT count(*) FROM api_tokens WHERE user_id = $1"
    " AND revoked_at IS NULL");
DB_STMT(settings_token_ins_q, 4,
    "INSERT INTO api_tokens (user_id, name, token_hash, token_prefix)"
    " VALUES ($1, $2, $3, $4)");
DB_STMT(settings_token_revoke_q, 2,
    "UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now())"
    " WHERE id = $1 AND user_id = $2 RETURNING id");

/* The page, with an optional new token or error. */
static void
settings_show(struct req *req, int status, const char *new_name,
    const char *new_token, const char *field, const char *error)
{
	struct tmpl_dict	*d, *t;
	struct page		 p;
	PGresult		*res;
	char			 uid[24];
	int			 i;

	snprintf(uid, sizeof uid, "%lld", (long long)req->user_id);
	if ((res = db_exec(req->db, &settings_tokens_q, uid)) == NULL) {
		resp_unavailable(req);
		return;
	}
	d = page_begin(&p, req, "Settings", "settings.tpl");
	if (new_token != NULL) {
		t = tmpl_section(d, "NEW_TOKEN");
		tmpl_set(t, "NAME", new_name);
		tmpl_set(t, "TOKEN", new_token);
	}
	if (error != NULL) {
		tmpl_show(d, "HAS_ERRORS");
		t = tmpl_section(d, "ERRORS");
		tmpl_set(t, "FIELD", field);
		tmpl_set(t, "MESSAGE", error);
	}
	for (i = 0; i < PQntuples(res); i++) {
		tmpl_show(d, "HAS_TOKENS");
		t = tmpl_section(d, "TOKENS");
		tmpl_set(t, "ID", db_text(res, i, 0));
		tmpl_set(t, "NAME", db_text(res, i, 1));
		tmpl_set(t, "PREFIX", db_text(res, i, 2));
		tmpl_set(t, "CREATED", db_text(res, i, 3));
		tmpl_set(t, "LAST_USED", db_isnull(res, i, 4) ? "never" :
		    db_text(res, i, 4));
		tmpl_set(t, "CSRF", req->csrf != NULL ? req->csrf : "");
		if (db_isnull(res, i, 5))
			tmpl_show(t, "ACTIVE");
		else {
			tmpl_show(t, "REVOKED");
			tmpl_set(t, "REVOKED_AT", db_text(res, i, 5));
		}
	}
	if (PQntuples(res) == 0)
		tmpl_show(d, "NO_TOKENS");
	PQclear(res);
	page_send(&p, status);
}

static void
settings_get(struct req *req)
{
	settings_show(req, 200, NULL, NULL, NULL, NULL);
}

static void
settings_create(struct req *req)
{
	PGresult	*res;
	const char	*name;
	char		 raw[SECRET_TOKEN_LEN + 1], uid[24];
	char		 hash[SECRET_SHA256_HEX], prefix[SETTINGS_PREFIX_LEN + 1];
	char		*token, *why = NULL;
	int64_t		 n = 0;

	name = form_get(&req->form, "name");
	if (!valid_text(name, 1, 100, &why)) {
		settings_show(req, 400, NULL, NULL, "name", why);
		free(why);
		return;
	}
	snprintf(uid, sizeof uid, "%lld", (long long)req->user_id);
	if ((res = db_exec(req->db, &settings_token_count_q, uid)) == NULL) {
		resp_unavailable(req);
		return;
	}
	(void)db_int64(res, 0, 0, &n);
	PQclear(res);
	if (n >= SETTINGS_TOKENS_MAX) {
		settings_show(req, 400, NULL, NULL, "name", "You have too many "
		    "tokens: revoke one first.");
		return;
	}
	secret_token(raw);
	xasprintf(&token, "%s%s", SETTINGS_TOKEN_PREFIX, raw);
	secret_sha256_hex(token, strlen(token), hash);
	snprintf(prefix, sizeof prefix, "%s", token);
	if (!db_run(req->db, &settings_token_ins_q, uid, name, hash, prefix)) {
		free(token);
		page_error(req, 503, NULL, "The token could not be stored. "
		    "Try again in a moment.");
		return;
	}
	log_info("api token %s… created", prefix);
	settings_show(req, 201, name, token, NULL, NULL);
	explicit_bzero(token, strlen(token));
	free(token);
}

static void
settings_revoke(struct req *req)
{
	PGresult	*res;
	char		 uid[24], tid[24];
	int64_t		 id;
	int		 n;

	if (!valid_id(req_param(req, 0), &id)) {
		resp_not_found(req);
		return;
	}
	snprintf(uid, sizeof uid, "%lld", (long long)req->user_id);
	snprintf(tid, sizeof tid, "%lld", (long long)id);
	if ((res = db_exec(req->db, &settings_token_revoke_q, tid, uid)) ==
	    NULL) {
		resp_unavailable(req);
		return;
	}
	n = PQntuples(res);
	PQclear(res);
	if (n != 1) {
		resp_not_found(req);
		return;
	}
	page_flash_redirect(req, "/settings", "The token is revoked.");
}

static const struct route settings_routes[] = {
	{ "/settings", METHOD_GET, 0, settings_get },
	{ "/settings/tokens", METHOD_POST, 0, settings_create },
	{ "/settings/tokens/{id}/revoke", METHOD_POST, 0, settings_revoke },
	{ NULL, 0, 0, NULL }
};

const struct app cgi_app = {
	.name = "settings",
	.routes = settings_routes,
};
