/*
 * Who is asking: a session cookie (HTML and API) or an API token sent as
 * Authorization: Bearer (API routes only).  Both are random opaque strings
 * stored only as SHA-256 hashes.  The session also carries the CSRF token
 * every state-changing form must send back.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "cgi.h"
#include "db.h"
#include "log.h"
#include "secret.h"
#include "xmalloc.h"

#define AUTH_COOKIE	"sid"

/*
 * Sessions slide: a session used more than AUTH_SLIDE after its last use
 * gets a fresh AUTH_SESSION_DAYS (and the cookie is sent again).  Writing
 * at most once per AUTH_SLIDE keeps page views read-only otherwise.
 */
#define AUTH_SESSION_DAYS	14
#define AUTH_SLIDE		"10 minutes"
DB_STMT(auth_session_get, 1,
    "WITH slid AS (UPDATE sessions SET last_seen_at = now(),"
    "   expires_at = now() + interval '14 days'"
    "   WHERE token_hash = $1 AND expires_at > now()"
    "   AND last_seen_at < now() - interval '" AUTH_SLIDE "'"
    "   RETURNING token_hash)"
    " SELECT s.user_id, u.username, s.csrf_token,"
    " EXISTS (SELECT 1 FROM slid), extract(epoch FROM s.expires_at)::bigint"
    " FROM sessions s JOIN users u ON u.id = s.user_id"
    " WHERE s.token_hash = $1 AND s.expires_at > now()");
DB_STMT(auth_session_new, 3,
    "INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at)"
    " VALUES ($1, $2, $3, now() + interval '14 days')");
DB_STMT(auth_session_del, 1,
    "DELETE FROM sessions WHERE token_hash = $1");
DB_STMT(auth_token_get, 1,
    "UPDATE api_tokens t SET last_used_at = now()"
    " FROM users u"
    " WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.id = t.user_id"
    " RETURNING t.user_id, u.username");

static bool
auth_unavailable(struct req *req)
{
	resp_unavailable(req);
	return false;
}

/*
 * Set the session cookie: HttpOnly, SameSite=Lax, Path=/, Secure when the
 * site is https; max_age 0 deletes it.
 */
static void
auth_cookie(struct req *req, const char *value, long max_age)
{
	struct buf	 c;

	buf_init(&c, 0);
	buf_addf(&c, AUTH_COOKIE "=%s; Path=/; Max-Age=%ld; HttpOnly; "
	    "SameSite=Lax%s", value, max_age,
	    req->cfg != NULL && req->cfg->secure_cookies ? "; Secure" : "");
	resp_header(req, "Set-Cookie", buf_cstr(&c));
	buf_free(&c);
}

static bool
auth_lookup(struct req *req, const struct db_stmt *stmt, const char *secret,
    bool token)
{
	char		 hash[SECRET_SHA256_HEX];
	PGresult	*res;
	int64_t		 uid, expires;
	bool		 slid = false;

	if (strlen(secret) > 256)
		return false;
	secret_sha256_hex(secret, strlen(secret), hash);
	if (!token && cache_session_get(req, hash)) {
		memcpy(req->sid, hash, sizeof req->sid);
		return true;
	}
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
	if (!token && db_bool(res, 0, 3, &slid) && slid)
		auth_cookie(req, secret, AUTH_SESSION_DAYS * 86400);
	req->via_token = token;
	if (!token) {
		memcpy(req->sid, hash, sizeof req->sid);
		/* A slid session changed its row: the NOTIFY drops it anyway. */
		if (!slid && db_int64(res, 0, 4, &expires))
			cache_session_put(req, hash, (time_t)expires);
	}
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

/*
 * Start a session for user_id (after a login or the first setup): a new
 * random token, stored hashed with a new CSRF token, sent as the cookie;
 * req->user_id, username and csrf are set.  False if the database failed.
 */
bool
auth_session_start(struct req *req, int64_t user_id, const char *username)
{
	char	 token[SECRET_TOKEN_LEN + 1], csrf[SECRET_TOKEN_LEN + 1];
	char	 hash[SECRET_SHA256_HEX], uid[24];

	secret_token(token);
	secret_token(csrf);
	secret_sha256_hex(token, strlen(token), hash);
	snprintf(uid, sizeof uid, "%lld", (long long)user_id);
	if (!db_run(req->db, &auth_session_new, hash, uid, csrf))
		return false;
	auth_cookie(req, token, AUTH_SESSION_DAYS * 86400);
	auth_clear(req);
	req->user_id = user_id;
	req->username = xstrdup(username);
	req->csrf = xstrdup(csrf);
	explicit_bzero(token, sizeof token);
	return true;
}

/* End this request's session (logout): row deleted, cookie cleared. */
bool
auth_session_end(struct req *req)
{
	const char	*sid;
	char		 hash[SECRET_SHA256_HEX];
	bool		 ok = true;

	sid = form_get(&req->cookies, AUTH_COOKIE);
	if (sid != NULL && *sid != '\0' && strlen(sid) <= 256) {
		secret_sha256_hex(sid, strlen(sid), hash);
		ok = db_run(req->db, &auth_session_del, hash);
	}
	auth_cookie(req, "", 0);
	return ok;
}

void
auth_clear(struct req *req)
{
	free(req->username);
	free(req->csrf);
	req->username = req->csrf = NULL;
	req->user_id = 0;
	req->via_token = false;
	req->sid[0] = '\0';
}
