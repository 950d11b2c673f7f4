/*
 * Notification channels: GET /channels (the user's channels, their health,
 * the add form and the search feeds' signed URLs), POST /channels (add one
 * from a pasted URL), GET /channels/{id} (its recent deliveries with the
 * receivers' real answers), POST /channels/{id}/test (send a test message
 * now and show the real response), POST /channels/{id}/delete; POST
 * /channels/feeds (a new signed feed URL for a search, shown once) and
 * POST /channels/feeds/{id}/revoke.
 *
 * Targets may hold secrets (webhook tokens, passwords): pages show them
 * only through notify_mask(), and a refused URL is never echoed back.
 * Another user's channel or feed token is a 404.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "buf.h"
#include "cfg.h"
#include "cgi.h"
#include "db.h"
#include "log.h"
#include "notify.h"
#include "notify-outbox.h"
#include "page.h"
#include "secret.h"
#include "tmpl.h"
#include "valid.h"
#include "xmalloc.h"

/* What a failed database call says (resp_db_failed). */
#define CHANNELS_FAILED	"The channels could not be loaded or stored."

#define CHANNELS_TS(col) "to_char(" col " AT TIME ZONE 'UTC', " \
	"'YYYY-MM-DD HH24:MI \"UTC\"')"
#define CHANNELS_MAX		50
#define CHANNELS_DELIVERIES	20

static const char *const channels_modes[] = { "instant", "hourly", "daily" };
static const char *const channels_mode_labels[] = { "at once",
    "hourly digest", "daily digest" };
static const char *const channels_kinds[] = { "", "webhook", "ntfy",
    "discord", "slack" };
static const char *const channels_kind_labels[] = { "recognise the URL",
    "webhook (JSON POST)", "ntfy", "Discord webhook", "Slack webhook" };

/* A channel's columns (alias c) with its pending and dead outbox counts. */
#define CHANNELS_COLS \
    "id, name, kind, target, config::text, mode, enabled," \
    " consecutive_failures, " CHANNELS_TS("last_ok_at") "," \
    " " CHANNELS_TS("last_error_at") ", last_error," \
    " (SELECT count(*) FROM outbox o WHERE o.channel_id = c.id" \
    "  AND o.state = 'pending')," \
    " (SELECT count(*) FROM outbox o WHERE o.channel_id = c.id" \
    "  AND o.state = 'dead')"

DB_STMT(channels_list_q, 1,
    "SELECT " CHANNELS_COLS
    " FROM channels c WHERE user_id = $1::bigint ORDER BY name, id");
DB_STMT(channels_get_q, 2,
    "SELECT " CHANNELS_COLS
    " FROM channels c WHERE id = $1::bigint AND user_id = $2::bigint");
DB_STMT(channels_count_q, 1,
    "SELECT count(*) FROM channels WHERE user_id = $1::bigint");
DB_STMT(channels_insert_q, 6,
    "INSERT INTO channels (user_id, name, kind, target, config, mode)"
    " VALUES ($1::bigint, $2, $3, $4, $5::jsonb, $6) RETURNING id");
DB_STMT(channels_delete_q, 2,
    "DELETE FROM channels WHERE id = $1::bigint AND user_id = $2::bigint");
DB_STMT(channels_deliveries_q, 2,
    "SELECT " CHANNELS_TS("attempted_at") ", alerts, ok, http_status,"
    " response, error, is_test FROM deliveries WHERE channel_id = $1::bigint"
    " ORDER BY attempted_at DESC, id DESC LIMIT $2::integer");
DB_STMT(channels_searches_q, 2,
    "SELECT s.id, s.name FROM search_channels sc"
    " JOIN saved_searches s ON s.id = sc.search_id"
    " WHERE sc.channel_id = $1::bigint AND s.user_id = $2::bigint"
    " ORDER BY s.name");
DB_STMT(channels_user_searches_q, 1,
    "SELECT id, name FROM saved_searches WHERE user_id = $1::bigint"
    " ORDER BY name, id");
DB_STMT(channels_feeds_q, 1,
    "SELECT t.id, t.search_id, s.name, " CHANNELS_TS("t.created_at")
    " FROM feed_tokens t JOIN saved_searches s ON s.id = t.search_id"
    " WHERE s.user_id = $1::bigint AND t.revoked_at IS NULL"
    " ORDER BY s.name, t.id");
DB_STMT(channels_feed_new_q, 3,
    "INSERT INTO feed_tokens (search_id, token_hash)"
    " SELECT id, $3 FROM saved_searches"
    " WHERE id = $1::bigint AND user_id = $2::bigint RETURNING id");
DB_STMT(channels_feed_revoke_q, 2,
    "UPDATE feed_tokens t SET revoked_at = now() FROM saved_searches s"
    " WHERE t.id = $1::bigint AND s.id = t.search_id"
    " AND s.user_id = $2::bigint AND t.revoked_at IS NULL");

static bool
channels_id(struct req *req, int64_t *id)
{
	if (valid_id(req_param(req, 0), id))
		return true;
	resp_not_found(req);
	return false;
}

static void
channels_uid(const struct req *req, char out[24])
{
	snprintf(out, 24, "%lld", (long long)req->user_id);
}

/* Fill a row of a channel (list and page) from row i of res. */
static void
channels_row(struct tmpl_dict *row, PGresult *res, int i)
{
	struct notify_channel	 ch;
	const char		*s;
	char			*masked;
	int			 fails = 0;

	tmpl_set(row, "ID", db_text(res, i, 0));
	tmpl_set(row, "NAME", db_text(res, i, 1));
	tmpl_set(row, "KIND", db_text(res, i, 2));
	memset(&ch, 0, sizeof ch);
	if (notify_kind_parse(db_text(res, i, 2), &ch.kind)) {
		ch.target = (char *)db_text(res, i, 3);
		ch.config = (char *)db_text(res, i, 4);
		masked = notify_mask(&ch);
		tmpl_set(row, "TARGET", masked);
		free(masked);
	}
	tmpl_set(row, "MODE", db_text(res, i, 5));
	db_int(res, i, 7, &fails);
	if (fails > 0) {
		tmpl_show(row, "FAILING");
		tmpl_set_int(row, "FAILURES", fails);
	} else
		tmpl_show(row, "HEALTHY");
	if (!db_isnull(res, i, 8))
		tmpl_set(tmpl_section(row, "LAST_OK"), "AT", db_text(res, i, 8));
	if (!db_isnull(res, i, 9)) {
		struct tmpl_dict *e = tmpl_section(row, "LAST_ERROR");

		tmpl_set(e, "AT", db_text(res, i, 9));
		s = db_text(res, i, 10);
		tmpl_set(e, "TEXT", s != NULL ? s : "");
	}
	tmpl_set(row, "PENDING", db_text(res, i, 11));
	tmpl_set(row, "DEAD", db_text(res, i, 12));
	if (strcmp(db_text(res, i, 12), "0") != 0)
		tmpl_show(row, "HAS_DEAD");
}

static void
channels_feeds(struct req *req, struct tmpl_dict *d, const char *uid)
{
	struct tmpl_dict	*row;
	PGresult		*res;
	int			 i;

	if ((res = db_exec(req->db, &channels_user_searches_q, uid)) != NULL) {
		for (i = 0; i < PQntuples(res); i++) {
			row = tmpl_section(d, "SEARCH_OPTION");
			tmpl_set(row, "ID", db_text(res, i, 0));
			tmpl_set(row, "NAME", db_text(res, i, 1));
		}
		if (PQntuples(res) > 0)
			tmpl_show(d, "HAS_SEARCHES");
		PQclear(res);
	}
	if ((res = db_exec(req->db, &channels_feeds_q, uid)) != NULL) {
		for (i = 0; i < PQntuples(res); i++) {
			row = tmpl_section(d, "FEED");
			tmpl_set(row, "ID", db_text(res, i, 0));
			tmpl_set(row, "SEARCH_ID", db_text(res, i, 1));
			tmpl_set(row, "SEARCH", db_text(res, i, 2));
			tmpl_set(row, "CREATED", db_text(res, i, 3));
		}
		if (PQntuples(res) == 0)
			tmpl_show(d, "NO_FEEDS");
		PQclear(res);
	}
}

/* The list page; status 200, or 400 with the add form's error. */
static void
channels_page(struct req *req, int status, const struct valid_errs *errs,
    const char *name, const char *kind, const char *mode,
    const char *feed_url)
{
	struct page		 p;
	struct tmpl_dict	*d;
	PGresult		*res;
	char			 uid[24];
	size_t			 k;
	int			 i;

	channels_uid(req, uid);
	if ((res = db_exec(req->db, &channels_list_q, uid)) == NULL) {
		resp_db_failed(req, CHANNELS_FAILED);
		return;
	}
	d = page_begin(&p, req, "Channels", "channels.tpl");
	for (i = 0; i < PQntuples(res); i++)
		channels_row(tmpl_section(d, "CHANNEL"), res, i);
	if (PQntuples(res) == 0)
		tmpl_show(d, "NO_CHANNELS");
	PQclear(res);
	tmpl_set(d, "NAME", name);
	for (k = 0; k < sizeof channels_kinds / sizeof channels_kinds[0]; k++)
		page_choice(d, "KIND_OPTION", channels_kinds[k],
		    channels_kind_labels[k], kind != NULL &&
		    strcmp(kind, channels_kinds[k]) == 0);
	for (k = 0; k < sizeof channels_modes / sizeof channels_modes[0]; k++)
		page_choice(d, "MODE_OPTION", channels_modes[k],
		    channels_mode_labels[k], mode != NULL ?
		    strcmp(mode, channels_modes[k]) == 0 : k == 0);
	if (errs != NULL)
		page_errors(d, errs);
	if (feed_url != NULL)
		tmpl_set(tmpl_section(d, "NEW_FEED"), "URL", feed_url);
	channels_feeds(req, d, uid);
	page_send(&p, status);
}

static void
channels_list(struct req *req)
{
	channels_page(req, 200, NULL, NULL, NULL, NULL, NULL);
}

static void
channels_add(struct req *req)
{
	struct notify_channel	 ch;
	struct valid_errs	 errs;
	const char		*name, *url, *kind, *mode;
	char			 uid[24], *cause = NULL, loc[64];
	PGresult		*res;
	int64_t			 id = 0, n = 0;
	int			 m;

	name = form_get(&req->form, "name");
	url = form_get(&req->form, "url");
	kind = form_get(&req->form, "kind");
	mode = form_get(&req->form, "mode");
	valid_errs_init(&errs);
	memset(&ch, 0, sizeof ch);
	if (!valid_text(name, 1, 100, &cause))
		valid_errs_add(&errs, "name", cause);
	cause = NULL;
	if (mode == NULL || *mode == '\0')
		mode = "instant";
	if (!valid_enum(mode, channels_modes, 3, &m, &cause))
		valid_errs_add(&errs, "mode", cause);
	cause = NULL;
	if (kind != NULL && *kind != '\0' && strcmp(kind, "webhook") != 0 &&
	    strcmp(kind, "ntfy") != 0 && strcmp(kind, "discord") != 0 &&
	    strcmp(kind, "slack") != 0)
		valid_errs_addf(&errs, "kind", "must be one of the choices");
	else if (url == NULL || !notify_parse(url, kind, &ch, &cause))
		valid_errs_add(&errs, "url", cause != NULL ? cause :
		    xstrdup("paste the channel's URL"));
	channels_uid(req, uid);
	if (errs.n == 0) {
		if ((res = db_exec(req->db, &channels_count_q, uid)) == NULL)
			goto dbfail;
		db_int64(res, 0, 0, &n);
		PQclear(res);
		if (n >= CHANNELS_MAX)
			valid_errs_addf(&errs, "url", "you have %d channels, "
			    "the most there can be: delete one first",
			    CHANNELS_MAX);
	}
	if (errs.n > 0) {
		/* The URL is not refilled: it may hold a secret. */
		channels_page(req, 400, &errs, name, kind, mode, NULL);
		goto out;
	}
	res = db_exec(req->db, &channels_insert_q, uid, name,
	    notify_kind_name(ch.kind), ch.target, ch.config, mode);
	if (res == NULL || PQntuples(res) != 1 || !db_int64(res, 0, 0, &id)) {
		if (res != NULL)
			PQclear(res);
		goto dbfail;
	}
	PQclear(res);
	snprintf(loc, sizeof loc, "/channels/%lld", (long long)id);
	page_flash_redirect(req, loc, "Channel added. Send a test message "
	    "to check it.");
	goto out;
dbfail:
	resp_db_failed(req, CHANNELS_FAILED);
out:
	notify_channel_free(&ch);
	valid_errs_free(&errs);
}

/* The channel's page; res_test: a test-send's outcome to show, or NULL. */
static void
channels_show_page(struct req *req, int64_t id,
    const struct notify_result *test)
{
	struct page		 p;
	struct tmpl_dict	*d, *row;
	PGresult		*res, *dl;
	char			 ids[24], uid[24], lim[16];
	bool			 okv = false, is_test = false;
	int			 i;

	snprintf(ids, sizeof ids, "%lld", (long long)id);
	channels_uid(req, uid);
	if ((res = db_exec(req->db, &channels_get_q, ids, uid)) == NULL) {
		resp_db_failed(req, CHANNELS_FAILED);
		return;
	}
	if (PQntuples(res) != 1) {
		PQclear(res);
		resp_not_found(req);
		return;
	}
	d = page_begin(&p, req, db_text(res, 0, 1), "channel.tpl");
	channels_row(d, res, 0);
	PQclear(res);
	if (test != NULL) {
		row = tmpl_section(d, "TEST_RESULT");
		tmpl_show(row, test->ok ? "TEST_OK" : "TEST_FAILED");
		if (test->status != 0)
			tmpl_set_int(tmpl_section(row, "STATUS"), "CODE",
			    test->status);
		if (test->reply != NULL)
			tmpl_set(tmpl_section(row, "REPLY"), "TEXT",
			    test->reply);
		if (!test->ok && test->error != NULL)
			tmpl_set(tmpl_section(row, "ERROR"), "TEXT",
			    test->error);
	}
	snprintf(lim, sizeof lim, "%d", CHANNELS_DELIVERIES);
	if ((dl = db_exec(req->db, &channels_deliveries_q, ids, lim)) != NULL) {
		for (i = 0; i < PQntuples(dl); i++) {
			row = tmpl_section(d, "DELIVERY");
			tmpl_set(row, "AT", db_text(dl, i, 0));
			tmpl_set(row, "ALERTS", db_text(dl, i, 1));
			db_bool(dl, i, 2, &okv);
			db_bool(dl, i, 6, &is_test);
			tmpl_show(row, okv ? "OK" : "FAILED");
			if (is_test)
				tmpl_show(row, "IS_TEST");
			tmpl_set(row, "STATUS", db_isnull(dl, i, 3) ? "—" :
			    db_text(dl, i, 3));
			if (!db_isnull(dl, i, 4))
				tmpl_set(tmpl_section(row, "RESPONSE"), "TEXT",
				    db_text(dl, i, 4));
			if (!db_isnull(dl, i, 5))
				tmpl_set(tmpl_section(row, "ERROR"), "TEXT",
				    db_text(dl, i, 5));
		}
		if (PQntuples(dl) == 0)
			tmpl_show(d, "NO_DELIVERIES");
		PQclear(dl);
	}
	if ((dl = db_exec(req->db, &channels_searches_q, ids, uid)) != NULL) {
		for (i = 0; i < PQntuples(dl); i++) {
			row = tmpl_section(d, "SEARCH");
			tmpl_set(row, "SEARCH_ID", db_text(dl, i, 0));
			tmpl_set(row, "SEARCH_NAME", db_text(dl, i, 1));
		}
		if (PQntuples(dl) == 0)
			tmpl_show(d, "NO_SEARCHES");
		PQclear(dl);
	}
	page_send(&p, 200);
}

static void
channels_show(struct req *req)
{
	int64_t	 id;

	if (channels_id(req, &id))
		channels_show_page(req, id, NULL);
}

/* Load the user's channel id as a notify_channel; 0 not found, -1 db. */
static int
channels_load(struct req *req, int64_t id, struct notify_channel *ch)
{
	PGresult	*res;
	char		 ids[24], uid[24];
	int		 rc;

	snprintf(ids, sizeof ids, "%lld", (long long)id);
	channels_uid(req, uid);
	if ((res = db_exec(req->db, &channels_get_q, ids, uid)) == NULL)
		return -1;
	rc = PQntuples(res) == 1 && notify_kind_parse(db_text(res, 0, 2),
	    &ch->kind) ? 1 : 0;
	if (rc == 1) {
		ch->target = xstrdup(db_text(res, 0, 3));
		ch->config = xstrdup(db_text(res, 0, 4));
	}
	PQclear(res);
	return rc;
}

static void
channels_test(struct req *req)
{
	struct notify_channel	 ch;
	struct notify_item	 item;
	struct notify_msg	 msg;
	struct notify_result	 r;
	char			 url[256];
	int64_t			 id;
	int			 rc;

	if (!channels_id(req, &id))
		return;
	memset(&ch, 0, sizeof ch);
	if ((rc = channels_load(req, id, &ch)) <= 0) {
		if (rc == 0)
			resp_not_found(req);
		else
			resp_db_failed(req, CHANNELS_FAILED);
		return;
	}
	snprintf(url, sizeof url, "%s/channels/%lld", req->cfg->public_base_url,
	    (long long)id);
	memset(&item, 0, sizeof item);
	item.kind = "test";
	item.title = "Test message from ebay-scanner: this channel works";
	item.url = url;
	msg.items = &item;
	msg.n = 1;
	msg.test = true;
	notify_send_one(&ch, &msg, &r);
	if (notify_outbox_record(req->db, id, NULL, 0, &r, true, NULL) == 0)
		log_warn("channel %lld: the test-send was not logged",
		    (long long)id);
	log_info("channel %lld: test-send %s (%ld)", (long long)id,
	    r.ok ? "accepted" : "failed", r.status);
	channels_show_page(req, id, &r);
	notify_result_free(&r);
	notify_channel_free(&ch);
}

/*
 * Run stmt ($1 the id in the path, $2 the user) on one of the user's rows;
 * 404 when it changed none (absent, or another user's), else a redirect to
 * location with message.
 */
static void
channels_change_owned(struct req *req, const struct db_stmt *stmt,
    const char *location, const char *message)
{
	PGresult	*res;
	char		 ids[24], uid[24];
	int64_t		 id;
	int		 n;

	if (!channels_id(req, &id))
		return;
	snprintf(ids, sizeof ids, "%lld", (long long)id);
	channels_uid(req, uid);
	if ((res = db_exec(req->db, stmt, ids, uid)) == NULL) {
		resp_db_failed(req, CHANNELS_FAILED);
		return;
	}
	n = atoi(PQcmdTuples(res));
	PQclear(res);
	if (n == 0) {
		resp_not_found(req);
		return;
	}
	page_flash_redirect(req, location, message);
}

static void
channels_delete(struct req *req)
{
	channels_change_owned(req, &channels_delete_q, "/channels",
	    "Channel deleted; its pending alerts were dropped.");
}

/* A new signed feed URL for one of the user's searches, shown once. */
static void
channels_feed_new(struct req *req)
{
	char		 token[SECRET_TOKEN_LEN + 1], hash[SECRET_SHA256_HEX];
	char		 uid[24], *url;
	const char	*sid;
	PGresult	*res;
	int64_t		 id;
	int		 n;

	sid = form_get(&req->form, "search");
	if (!valid_id(sid, &id)) {
		resp_error(req, 400, "search", "Choose one of your searches.");
		return;
	}
	secret_token(token);
	secret_sha256_hex(token, strlen(token), hash);
	channels_uid(req, uid);
	if ((res = db_exec(req->db, &channels_feed_new_q, sid, uid, hash)) ==
	    NULL) {
		resp_db_failed(req, CHANNELS_FAILED);
		return;
	}
	n = PQntuples(res);
	PQclear(res);
	if (n != 1) {
		resp_not_found(req);
		return;
	}
	xasprintf(&url, "%s/searches/%lld/feed.atom?token=%s",
	    req->cfg->public_base_url, (long long)id, token);
	channels_page(req, 200, NULL, NULL, NULL, NULL, url);
	free(url);
}

static void
channels_feed_revoke(struct req *req)
{
	channels_change_owned(req, &channels_feed_revoke_q, "/channels#feeds",
	    "Feed URL revoked: it answers 403 from now on.");
}

static bool
channels_init(char **cause)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	return true;
}

static const struct route channels_routes[] = {
	{ "/channels", METHOD_GET, 0, channels_list },
	{ "/channels", METHOD_POST, 0, channels_add },
	{ "/channels/feeds", METHOD_POST, 0, channels_feed_new },
	{ "/channels/feeds/{id}/revoke", METHOD_POST, 0, channels_feed_revoke },
	{ "/channels/{id}", METHOD_GET, 0, channels_show },
	{ "/channels/{id}/test", METHOD_POST, 0, channels_test },
	{ "/channels/{id}/delete", METHOD_POST, 0, channels_delete },
	{ NULL, 0, 0, NULL }
};

const struct app cgi_app = {
	.name = "channels",
	.routes = channels_routes,
	.init = channels_init,
};
