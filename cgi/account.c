/*
 * Accounts: /setup (the first account, offered only while there is no
 * user), /login and /logout.  Passwords are hashed with yescrypt
 * (secret_password_hash); sessions are made by auth.c.
 *
 * The sign-in forms come before any session, so their CSRF token is a
 * double-submit one: a random value in a SameSite=Strict cookie that the
 * form must echo.  Failed sign-ins are recorded (login_failures); after
 * LOGIN_MAX_USER failures for one name, or LOGIN_MAX_ADDR from one
 * address, within LOGIN_WINDOW, sign-ins are refused with 429 until the
 * window passes.  Whether a user exists is never revealed: an unknown
 * name costs the same hash and gets the same answer.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "cgi.h"
#include "db.h"
#include "log.h"
#include "page.h"
#include "secret.h"
#include "tmpl.h"
#include "valid.h"
#include "xmalloc.h"

#define LOGIN_MAX_USER		5
#define LOGIN_MAX_ADDR		20
#define LOGIN_WINDOW		"15 minutes"
#define ACCOUNT_PCSRF		"pcsrf"
#define ACCOUNT_USER_MAX	64
#define ACCOUNT_PASS_MIN	8
#define ACCOUNT_PASS_MAX	1024

DB_STMT(account_any_user_q, 0, "SELECT EXISTS (SELECT 1 FROM users)");
DB_STMT(account_lock_q, 0, "SELECT pg_advisory_xact_lock(4004001)");
DB_STMT(account_create_q, 2,
    "INSERT INTO users (username, password_hash)"
    " SELECT $1, $2 WHERE NOT EXISTS (SELECT 1 FROM users) RETURNING id");
DB_STMT(account_user_q, 1,
    "SELECT id, username, password_hash FROM users WHERE username = $1");
DB_STMT(account_failures_q, 2,
    "SELECT (SELECT count(*) FROM login_failures WHERE username = lower($1)"
    "   AND failed_at > now() - interval '" LOGIN_WINDOW "'),"
    " (SELECT count(*) FROM login_failures WHERE remote_addr = $2"
    "   AND failed_at > now() - interval '" LOGIN_WINDOW "')");
DB_STMT(account_fail_q, 2,
    "INSERT INTO login_failures (username, remote_addr)"
    " VALUES (lower($1), $2)");
DB_STMT(account_forget_q, 1,
    "DELETE FROM login_failures WHERE username = lower($1)");

/* A yescrypt hash of nothing in particular, for unknown names. */
static char	*account_dummy_hash;

static bool
account_init(char **cause)
{
	if ((account_dummy_hash = secret_password_hash("not a password")) ==
	    NULL) {
		*cause = xstrdup("account: yescrypt is not available");
		return false;
	}
	return true;
}

/* 1 if some user exists, 0 if none, -1 on a database error (503 sent). */
static int
account_any_user(struct req *req)
{
	PGresult	*res;
	bool		 any = true;

	if ((res = db_exec(req->db, &account_any_user_q)) == NULL) {
		resp_unavailable(req);
		return -1;
	}
	(void)db_bool(res, 0, 0, &any);
	PQclear(res);
	return any ? 1 : 0;
}

/* The pre-session CSRF token: the cookie's, or a new one (cookie set). */
static const char *
account_pcsrf(struct req *req, char fresh[SECRET_TOKEN_LEN + 1])
{
	const char	*c;
	struct buf	 h;

	c = form_get(&req->cookies, ACCOUNT_PCSRF);
	if (c != NULL && strlen(c) == SECRET_TOKEN_LEN &&
	    strspn(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-_") == SECRET_TOKEN_LEN)
		return c;
	secret_token(fresh);
	buf_init(&h, 0);
	buf_addf(&h, ACCOUNT_PCSRF "=%s; Path=/; Max-Age=7200; HttpOnly; "
	    "SameSite=Strict%s", fresh, req->cfg->secure_cookies ?
	    "; Secure" : "");
	resp_header(req, "Set-Cookie", buf_cstr(&h));
	buf_free(&h);
	return fresh;
}

static bool
account_pcsrf_ok(struct req *req)
{
	const char	*c, *f;

	c = form_get(&req->cookies, ACCOUNT_PCSRF);
	f = form_get(&req->form, "csrf");
	if (c != NULL && f != NULL && strlen(c) == SECRET_TOKEN_LEN &&
	    secret_equal(c, f))
		return true;
	resp_error(req, 403, "csrf", "The form has expired or did not come "
	    "from this site. Reload the page and try again.");
	return false;
}

/* Where to go after signing in: a local ?next=, else the start page. */
static const char *
account_next(struct req *req)
{
	const char	*n;

	n = form_get(&req->form, "next");
	if (n == NULL)
		n = form_get(&req->query, "next");
	if (n == NULL || !valid_local_path(n) || strncmp(n, "/login", 6) == 0 ||
	    strncmp(n, "/logout", 7) == 0 || strncmp(n, "/setup", 6) == 0)
		return "/";
	return n;
}

static void
account_form(struct req *req, int status, const char *tpl, const char *title,
    const char *username, const char *error, const char *field)
{
	struct page		 p;
	struct tmpl_dict	*d;
	char			 fresh[SECRET_TOKEN_LEN + 1];
	const char		*next;

	d = page_begin(&p, req, title, tpl);
	tmpl_set(d, "CSRF", account_pcsrf(req, fresh));
	tmpl_set(d, "USERNAME_VALUE", username != NULL ? username : "");
	next = account_next(req);
	if (strcmp(next, "/") != 0)
		tmpl_set(d, "NEXT", next);
	if (error != NULL) {
		tmpl_show(d, "HAS_ERRORS");
		tmpl_set(d, "ERROR", error);
		if (field != NULL) {
			char	 up[32], key[48];

			snprintf(key, sizeof key, "INVALID_%s",
			    page_upper(field, up, sizeof up));
			tmpl_show(d, key);
		}
	}
	page_send(&p, status);
}

/* --- /setup ---------------------------------------------------------- */

static void
account_setup_get(struct req *req)
{
	int	 any;

	if ((any = account_any_user(req)) < 0)
		return;
	if (any) {
		resp_redirect(req, "/login");
		return;
	}
	account_form(req, 200, "setup.tpl", "Create the first account", NULL,
	    NULL, NULL);
}

/* Check a new user name and password; the reason in *why (static). */
static bool
account_check_new(const char *user, const char *pass, const char *pass2,
    const char **why, const char **field)
{
	size_t	 i;

	*field = "username";
	if (user == NULL || !valid_text(user, 1, ACCOUNT_USER_MAX, NULL)) {
		*why = "The user name must be 1 to 64 characters of text.";
		return false;
	}
	for (i = 0; user[i] != '\0'; i++)
		if (user[i] == ' ' || user[i] == '\t') {
			*why = "The user name must not contain spaces.";
			return false;
		}
	*field = "password";
	if (pass == NULL || !valid_text(pass, ACCOUNT_PASS_MIN,
	    ACCOUNT_PASS_MAX, NULL)) {
		*why = "The password must be at least 8 characters (and at "
		    "most 1024) of text.";
		return false;
	}
	*field = "password2";
	if (pass2 == NULL || strcmp(pass, pass2) != 0) {
		*why = "The two passwords are not the same.";
		return false;
	}
	return true;
}

static void
account_setup_post(struct req *req)
{
	const char	*user, *pass, *why, *field;
	char		*hash;
	PGresult	*res;
	int64_t		 id;
	int		 any;

	if (!account_pcsrf_ok(req) || (any = account_any_user(req)) < 0)
		return;
	if (any) {
		resp_not_found(req);
		return;
	}
	user = form_get(&req->form, "username");
	pass = form_get(&req->form, "password");
	if (!account_check_new(user, pass, form_get(&req->form, "password2"),
	    &why, &field)) {
		account_form(req, 400, "setup.tpl", "Create the first account",
		    user, why, field);
		return;
	}
	if ((hash = secret_password_hash(pass)) == NULL) {
		resp_error(req, 500, NULL, "The password could not be hashed.");
		return;
	}
	res = NULL;
	if (!db_begin(req->db) || !db_run(req->db, &account_lock_q) ||
	    (res = db_exec(req->db, &account_create_q, user, hash)) == NULL ||
	    !db_commit(req->db)) {
		if (res != NULL)
			PQclear(res);
		db_rollback(req->db);
		free(hash);
		resp_error(req, 503, NULL, "The account could not be stored. "
		    "Try again in a moment.");
		return;
	}
	free(hash);
	if (PQntuples(res) != 1 || !db_int64(res, 0, 0, &id)) {
		PQclear(res);
		resp_redirect(req, "/login");	/* someone was quicker */
		return;
	}
	PQclear(res);
	log_info("setup: first account created");
	if (!auth_session_start(req, id, user)) {
		resp_redirect(req, "/login");
		return;
	}
	page_flash_redirect(req, "/", "Welcome! Your account is ready: "
	    "search eBay below, then save a search to have it watched.");
}

/* --- /login ---------------------------------------------------------- */

static void
account_login_get(struct req *req)
{
	int	 any;

	if ((any = account_any_user(req)) < 0)
		return;
	if (!any) {
		resp_redirect(req, "/setup");
		return;
	}
	if (auth_load(req)) {
		resp_redirect(req, account_next(req));
		return;
	}
	if (req->done)
		return;
	account_form(req, 200, "login.tpl", "Sign in", NULL, NULL, NULL);
}

/* True if sign-ins for user (or from addr) are paused; answers 429. */
static bool
account_throttled(struct req *req, const char *user, const char *addr)
{
	PGresult	*res;
	int64_t		 by_user = 0, by_addr = 0;

	if ((res = db_exec(req->db, &account_failures_q, user, addr)) == NULL)
		return false;
	(void)db_int64(res, 0, 0, &by_user);
	(void)db_int64(res, 0, 1, &by_addr);
	PQclear(res);
	if (by_user < LOGIN_MAX_USER && by_addr < LOGIN_MAX_ADDR)
		return false;
	log_warn("login: throttled after repeated failures");
	resp_header(req, "Retry-After", "900");
	account_form(req, 429, "login.tpl", "Sign in", user, "Too many failed "
	    "sign-in attempts. Wait 15 minutes, then try again.", NULL);
	return true;
}

static void
account_login_post(struct req *req)
{
	const char	*user, *pass, *addr, *hash = NULL;
	PGresult	*res = NULL;
	int64_t		 id = 0;
	bool		 good;

	if (!account_pcsrf_ok(req))
		return;
	user = form_get(&req->form, "username");
	pass = form_get(&req->form, "password");
	if ((addr = req_header(req, "REMOTE_ADDR")) == NULL)
		addr = "";
	if (user == NULL || pass == NULL || *user == '\0' ||
	    !valid_text(user, 1, ACCOUNT_USER_MAX, NULL) ||
	    strlen(pass) > ACCOUNT_PASS_MAX) {
		account_form(req, 400, "login.tpl", "Sign in", NULL,
		    "Enter your user name and password.", "username");
		return;
	}
	if (account_throttled(req, user, addr))
		return;
	if ((res = db_exec(req->db, &account_user_q, user)) == NULL) {
		resp_unavailable(req);
		return;
	}
	if (PQntuples(res) == 1 && db_int64(res, 0, 0, &id))
		hash = db_text(res, 0, 2);
	/* An unknown name costs one hash too, so timing tells nothing. */
	good = secret_password_check(pass, hash != NULL ? hash :
	    account_dummy_hash) && hash != NULL;
	if (!good) {
		PQclear(res);
		if (!db_run(req->db, &account_fail_q, user, addr))
			log_warn("login: failure not recorded");
		account_form(req, 401, "login.tpl", "Sign in", user,
		    "Wrong user name or password.", "password");
		return;
	}
	if (!db_run(req->db, &account_forget_q, user))
		log_warn("login: failures not cleared");
	if (!auth_session_start(req, id, db_text(res, 0, 1))) {
		PQclear(res);
		resp_error(req, 503, NULL, "The session could not be stored. "
		    "Try again in a moment.");
		return;
	}
	PQclear(res);
	resp_redirect(req, account_next(req));
}

/* --- /logout --------------------------------------------------------- */

static void
account_logout(struct req *req)
{
	if (!auth_session_end(req))
		log_warn("logout: the session row was not deleted");
	page_flash_redirect(req, "/login", "You are signed out.");
}

static const struct route account_routes[] = {
	{ "/setup", METHOD_GET, ROUTE_PUBLIC, account_setup_get },
	{ "/setup", METHOD_POST, ROUTE_PUBLIC, account_setup_post },
	{ "/login", METHOD_GET, ROUTE_PUBLIC, account_login_get },
	{ "/login", METHOD_POST, ROUTE_PUBLIC, account_login_post },
	{ "/logout", METHOD_POST, 0, account_logout },
	{ NULL, 0, 0, NULL }
};

const struct app cgi_app = {
	.name = "account",
	.routes = account_routes,
	.init = account_init,
};
