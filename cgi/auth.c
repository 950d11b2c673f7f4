/*
 * Who is asking: a session cookie (HTML and API) or an API token sent as
 * Authorization: Bearer (API routes only).  Both are random opaque strings
 * stored only as SHA-256 hashes.  The session also carries the CSRF token
 * every state-changing form must send back.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cgi.h"
#include "db.h"
#include "log.h"
#include "secret.h"
#include "xmalloc.h"

#define AUTH_COOKIE	"sid"

DB_STMT(auth_session_get, 1,
    "SELECT s.user_id, u.username, s.csrf_token"
    " FROM sessions s JOIN users u ON u.id = s.user_id"
    " WHERE s.token_hash = $1 AND s.expires_at > now()");
DB_STMT(auth_token_get, 1,
    "UPDATE api_tokens t SET last_used_at = now()"
    " FROM users u"
    " WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.id = t.user_id"
    " RETURNING t.user_id, u.username");

static bool
auth_unavailable(struct req *req)
{
	resp_header(req, "Retry-After", "5");
	resp_error(req, 503, NULL, "The database is not answering. Try again "
	    "in a moment.");
	return false;
}

static bool
auth_lookup(struct req *req, const struct db_stmt *stmt, const char *secret,
    bool token)
{
	char		 hash[SECRET_SHA256_HEX];
	PGresult	*res;
	int64_t		 uid;

	if (strlen(secret) > 256)
		return false;
	secret_sha256_hex(secret, strlen(secret), hash);
	if ((res = db_exec(req->db, stmt, hash)) == NULL)
		return db_error(req->db) == DB_ERR_UNAVAILABLE ?
		    auth_unavailable(req) : false;
	if (PQntuples(res) != 1 || !db_int64(res, 0, 0, &uid)) {
		PQclear(res);
		return false;
	}
	req->user_id = uid;
	req->username = xstrdup(db_text(res, 0, 1));
	if (!token && db_text(res, 0, 2) != NULL)
		req->csrf = xstrdup(db_text(res, 0, 2));
	req->via_token = token;
	PQclear(res);
	return true;
}

/*
 * Load the user of this request.  False if there is none; if the database
 * failed, a 503 has been sent (req->done).
 */
bool
auth_load(struct req *req)
{
	const char	*authz, *sid;

	if (req->user_id != 0)
		return true;
	authz = req_header(req, "HTTP_AUTHORIZATION");
	if (authz != NULL && req->route != NULL &&
	    (req->route->flags & ROUTE_API) &&
	    strncasecmp(authz, "Bearer ", 7) == 0)
		return auth_lookup(req, &auth_token_get, authz + 7, true);
	if ((sid = form_get(&req->cookies, AUTH_COOKIE)) == NULL ||
	    *sid == '\0')
		return false;
	return auth_lookup(req, &auth_session_get, sid, false);
}

/* True if the form (or the X-CSRF-Token header) carries the session's token. */
bool
auth_csrf_ok(struct req *req)
{
	const char	*got;

	if (req->csrf == NULL)
		return false;
	if ((got = form_get(&req->form, "csrf")) == NULL)
		got = req_header(req, "HTTP_X_CSRF_TOKEN");
	return got != NULL && secret_equal(got, req->csrf);
}

void
auth_clear(struct req *req)
{
	free(req->username);
	free(req->csrf);
	req->username = req->csrf = NULL;
	req->user_id = 0;
	req->via_token = false;
}
