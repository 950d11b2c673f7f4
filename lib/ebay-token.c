/*
 * eBay client: the application token (client-credentials grant).  One
 * token per API base and client id lives in ebay_tokens, shared by every
 * process.  A process keeps a copy in memory until 5 minutes before its
 * expiry; then, or after eBay refused it (401 / errorId 1001), it takes
 * the row lock (SELECT ... FOR UPDATE) and mints only if the row still
 * holds no fresh token, so two processes never mint at once and a token
 * renewed by another process is simply reused.  The token and the client
 * secret never reach a log line or an error message.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "buf.h"
#include "cfg.h"
#include "db.h"
#include "ebay-int.h"
#include "jsonv.h"
#include "log.h"
#include "xmalloc.h"

DB_STMT(ebay_token_stmt_fresh, 2,
    "SELECT access_token, extract(epoch FROM expires_at)::bigint "
    "FROM ebay_tokens WHERE api_base = $1 AND client_id = $2 "
    "AND access_token IS NOT NULL "
    "AND expires_at > now() + interval '5 minutes'");
DB_STMT(ebay_token_stmt_ensure, 2,
    "INSERT INTO ebay_tokens (api_base, client_id) VALUES ($1, $2) "
    "ON CONFLICT DO NOTHING");
DB_STMT(ebay_token_stmt_lock, 2,
    "SELECT access_token, extract(epoch FROM expires_at)::bigint, "
    "expires_at > now() + interval '5 minutes' "
    "FROM ebay_tokens WHERE api_base = $1 AND client_id = $2 FOR UPDATE");
DB_STMT(ebay_token_stmt_store, 4,
    "UPDATE ebay_tokens SET access_token = $3, "
    "expires_at = now() + make_interval(secs => $4::int), "
    "minted_at = now(), "
    "mint_count = CASE WHEN mint_count_day = "
    "  (now() AT TIME ZONE 'America/Los_Angeles')::date "
    "  THEN mint_count + 1 ELSE 1 END, "
    "mint_count_day = (now() AT TIME ZONE 'America/Los_Angeles')::date "
    "WHERE api_base = $1 AND client_id = $2 "
    "RETURNING extract(epoch FROM expires_at)::bigint");

static void
ebay_token_set(struct ebay_client *c, const char *token, time_t expires)
{
	ebay_token_forget(c);
	c->token = xstrdup(token);
	c->token_expires = expires;
}

void
ebay_token_forget(struct ebay_client *c)
{
	if (c->token != NULL) {
		explicit_bzero(c->token, strlen(c->token));
		free(c->token);
	}
	c->token = NULL;
	c->token_expires = 0;
}

/* A token is sent in a header: printable ASCII only, bounded. */
static bool
ebay_token_ok(const char *t)
{
	size_t	 n;

	for (n = 0; t[n] != '\0'; n++)
		if ((unsigned char)t[n] <= 0x20 || (unsigned char)t[n] >= 0x7f)
			return false;
	return n > 0 && n <= EBAY_TOKEN_MAX;
}

static char *
ebay_basic_auth(const struct cfg *cfg)
{
	char		*plain, *hdr;
	unsigned char	*b64;
	size_t		 n;

	n = (size_t)xasprintf(&plain, "%s:%s", cfg->ebay_client_id,
	    cfg->ebay_client_secret);
	b64 = xmalloc(4 * ((n + 2) / 3) + 1);
	EVP_EncodeBlock(b64, (unsigned char *)plain, (int)n);
	xasprintf(&hdr, "Authorization: Basic %s", (char *)b64);
	explicit_bzero(plain, n);
	explicit_bzero(b64, strlen((char *)b64));
	free(plain);
	free(b64);
	return hdr;
}

/* Read the token reply; false with err set. */
static bool
ebay_token_reply(struct fetch_resp *r, const char **token, int *expires_in,
    json_object **root, struct ebay_error *err)
{
	const char	*why;

	*root = NULL;
	if (r->status != 200) {
		/* 429: the 1,000 tokens a day are spent. */
		ebay_err_set(err, r->status >= 500 ? EBAY_ERR_SERVER :
		    r->status == 429 ? EBAY_ERR_QUOTA : EBAY_ERR_AUTH,
		    (int)r->status, "token endpoint answered HTTP %ld",
		    r->status);
		(void)ebay_parse_error(r->body.data != NULL ? r->body.data : "",
		    r->body.len, err);
		return false;
	}
	if ((*root = jsonv_parse(r->body.data != NULL ? r->body.data : "",
	    r->body.len, &why)) == NULL ||
	    !jsonv_str(*root, "access_token", token) ||
	    !ebay_token_ok(*token) ||
	    !jsonv_int(*root, "expires_in", 60, 31 * 86400, expires_in)) {
		ebay_err_set(err, EBAY_ERR_BAD_RESPONSE, 200,
		    "token endpoint sent an unusable reply");
		return false;
	}
	return true;
}

/*
 * POST the client-credentials grant, with the transport retries; on
 * success store it (the caller holds the row lock) and keep it in memory.
 */
static bool
ebay_token_mint(struct ebay_client *c, struct db *db, struct ebay_error *err)
{
	static const char body[] = "grant_type=client_credentials&scope="
	    "https%3A%2F%2Fapi.ebay.com%2Foauth%2Fapi_scope";
	struct fetch_req	 req;
	struct fetch_resp	 r;
	json_object		*root = NULL;
	const char		*token;
	char			*url, *auth, secs[16];
	PGresult		*res;
	int64_t			 exp;
	int			 expires_in, attempt;
	bool			 ok = false;

	if (c->cfg->ebay_client_id == NULL ||
	    c->cfg->ebay_client_secret == NULL) {
		ebay_err_set(err, EBAY_ERR_AUTH, 0, "no eBay keyset configured");
		return false;
	}
	xasprintf(&url, "%s%s", c->cfg->ebay_api_base, EBAY_TOKEN_PATH);
	auth = ebay_basic_auth(c->cfg);
	memset(&req, 0, sizeof req);
	req.url = url;
	req.post = body;
	req.postlen = sizeof body - 1;
	req.headers[0] = auth;
	req.headers[1] = "Content-Type: application/x-www-form-urlencoded";
	req.headers[2] = "Accept: application/json";
	fetch_resp_init(&r);
	for (attempt = 0; ; attempt++) {
		fetch_once(c->fetch, &req, &r);
		if (!fetch_retryable(&r) || attempt >= FETCH_RETRIES)
			break;
		fetch_sleep_ms(fetch_backoff_ms(attempt + 1));
	}
	explicit_bzero(auth, strlen(auth));
	free(auth);
	free(url);
	if (r.res != FETCH_OK) {
		ebay_err_set(err, r.res == FETCH_ERR_TIMEOUT ?
		    EBAY_ERR_TIMEOUT : r.res == FETCH_ERR_TOO_LARGE ?
		    EBAY_ERR_TOO_LARGE : EBAY_ERR_TRANSPORT, 0,
		    "token endpoint: %s", fetch_strerror(r.res));
		goto out;
	}
	if (!ebay_token_reply(&r, &token, &expires_in, &root, err))
		goto out;
	snprintf(secs, sizeof secs, "%d", expires_in);
	if ((res = db_exec(db, &ebay_token_stmt_store, c->cfg->ebay_api_base,
	    c->cfg->ebay_client_id, token, secs)) == NULL) {
		ebay_err_set(err, EBAY_ERR_DB, 0, "cannot store the token");
		goto out;
	}
	if (!db_int64(res, 0, 0, &exp))
		exp = (int64_t)time(NULL) + expires_in;
	PQclear(res);
	ebay_token_set(c, token, (time_t)exp);
	log_info("ebay: minted a new application token (valid %d s)",
	    expires_in);
	ok = true;
out:
	if (r.body.data != NULL)
		explicit_bzero(r.body.data, r.body.len);
	json_object_put(root);
	fetch_resp_free(&r);
	return ok;
}

/*
 * Make c->token a usable token.  rejected: the token eBay just refused
 * (NULL normally); a token equal to it is never reused.  False with err
 * set (EBAY_ERR_AUTH, _DB, or a transport error of the token endpoint).
 */
bool
ebay_token_get(struct ebay_client *c, const char *rejected,
    struct ebay_error *err)
{
	const char	*base = c->cfg->ebay_api_base;
	const char	*id = c->cfg->ebay_client_id != NULL ?
			    c->cfg->ebay_client_id : "";
	const char	*t;
	struct db	*db;
	PGresult	*res;
	int64_t		 exp;
	bool		 fresh, ok;

	if (rejected == NULL && c->token != NULL &&
	    time(NULL) < c->token_expires - EBAY_RENEW_MARGIN)
		return true;
	if (rejected != NULL && c->token != NULL &&
	    strcmp(c->token, rejected) != 0 &&
	    time(NULL) < c->token_expires - EBAY_RENEW_MARGIN)
		return true;	/* another call of ours renewed it already */
	if ((db = ebay_client_db(c, err)) == NULL)
		return false;
	/* Fast path: a fresh token in the table, minted by anyone. */
	if ((res = db_exec(db, &ebay_token_stmt_fresh, base, id)) == NULL)
		goto dberr;
	if (PQntuples(res) == 1 && (t = db_text(res, 0, 0)) != NULL &&
	    db_int64(res, 0, 1, &exp) && ebay_token_ok(t) &&
	    (rejected == NULL || strcmp(t, rejected) != 0)) {
		ebay_token_set(c, t, (time_t)exp);
		PQclear(res);
		return true;
	}
	PQclear(res);
	/* Slow path: under the row lock, mint unless someone just did. */
	if (!db_run(db, &ebay_token_stmt_ensure, base, id) || !db_begin(db))
		goto dberr;
	if ((res = db_exec(db, &ebay_token_stmt_lock, base, id)) == NULL) {
		db_rollback(db);
		goto dberr;
	}
	t = db_text(res, 0, 0);
	if (t != NULL && db_bool(res, 0, 2, &fresh) && fresh &&
	    db_int64(res, 0, 1, &exp) && ebay_token_ok(t) &&
	    (rejected == NULL || strcmp(t, rejected) != 0)) {
		ebay_token_set(c, t, (time_t)exp);
		PQclear(res);
		db_rollback(db);
		return true;
	}
	PQclear(res);
	ok = ebay_token_mint(c, db, err);
	if (!ok) {
		db_rollback(db);
		return false;
	}
	if (!db_commit(db))
		goto dberr;
	return true;
dberr:
	ebay_token_forget(c);
	ebay_err_set(err, EBAY_ERR_DB, 0, "token bookkeeping failed: %s",
	    db_strerror(db_error(db)));
	return false;
}
