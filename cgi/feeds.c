/*
 * GET /searches/{id}/feed.atom: an Atom feed (RFC 4287) of a saved search's
 * finds, newest first.  Readable with the owner's session, or by anyone
 * holding a signed URL (?token=..., made and revoked on /channels; only its
 * SHA-256 is stored).  A wrong or revoked token is a 403; another user's
 * search, or an unknown one, a 404.
 *
 * eBay text is hostile: the template escapes for XML, and feeds_xml_text()
 * first drops what XML 1.0 cannot carry at all, even escaped (C0 controls,
 * invalid UTF-8, U+FFFE/U+FFFF), so the feed is always well-formed.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cfg.h"
#include "cgi.h"
#include "db.h"
#include "log.h"
#include "secret.h"
#include "tmpl.h"
#include "valid.h"
#include "xmalloc.h"

#define FEEDS_ENTRIES	50
#define FEEDS_ISO(col)	"to_char(" col " AT TIME ZONE 'UTC', " \
	"'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

DB_STMT(feeds_by_token_q, 2,
    "SELECT s.id, s.name, " FEEDS_ISO("s.created_at")
    " FROM feed_tokens t JOIN saved_searches s ON s.id = t.search_id"
    " WHERE t.token_hash = $1 AND t.search_id = $2::bigint"
    " AND t.revoked_at IS NULL");
DB_STMT(feeds_by_user_q, 2,
    "SELECT s.id, s.name, " FEEDS_ISO("s.created_at")
    " FROM saved_searches s WHERE s.id = $1::bigint AND s.user_id = $2::bigint");
DB_STMT(feeds_entries_q, 2,
    "SELECT l.item_id, l.title, l.item_web_url, l.total::text,"
    " l.total_currency, l.bid_count, " FEEDS_ISO("l.item_end_date") ","
    " " FEEDS_ISO("h.first_seen_at") ", l.ended_at IS NOT NULL, l.condition,"
    " " FEEDS_ISO("greatest(h.first_seen_at, l.last_seen_at)")
    " FROM search_hits h JOIN listings l ON l.item_id = h.item_id"
    " WHERE h.search_id = $1::bigint"
    " ORDER BY h.first_seen_at DESC, h.item_id LIMIT $2::integer");

/*
 * s as text XML 1.0 can carry: invalid UTF-8 becomes U+FFFD, characters
 * XML forbids are dropped.  Caller frees.
 */
static char *
feeds_xml_text(const char *s)
{
	const unsigned char	*p = (const unsigned char *)(s != NULL ? s : "");
	struct buf		 b;
	unsigned		 c, need, i;

	buf_init(&b, 0);
	while (*p != '\0') {
		if (*p < 0x80) {
			if (*p >= 0x20 || *p == '\t' || *p == '\n' ||
			    *p == '\r')
				buf_addc(&b, (char)*p);
			p++;
			continue;
		}
		if (*p >= 0xc2 && *p <= 0xdf) {
			need = 1;
			c = *p & 0x1f;
		} else if (*p >= 0xe0 && *p <= 0xef) {
			need = 2;
			c = *p & 0x0f;
		} else if (*p >= 0xf0 && *p <= 0xf4) {
			need = 3;
			c = *p & 0x07;
		} else {
			buf_adds(&b, "\xef\xbf\xbd");
			p++;
			continue;
		}
		for (i = 1; i <= need; i++)
			if ((p[i] & 0xc0) != 0x80)
				break;
		if (i <= need) {
			buf_adds(&b, "\xef\xbf\xbd");
			p++;
			continue;
		}
		for (i = 1; i <= need; i++)
			c = (c << 6) | (p[i] & 0x3f);
		if ((need == 2 && c < 0x800) || (need == 3 && c < 0x10000) ||
		    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			buf_adds(&b, "\xef\xbf\xbd");
		else if (c != 0xfffe && c != 0xffff)
			buf_add(&b, p, need + 1);
		p += need + 1;
	}
	return buf_failed(&b) ? xstrdup("") : buf_detach(&b);
}

static void
feeds_set(struct tmpl_dict *d, const char *key, const char *value)
{
	char	*clean;

	clean = feeds_xml_text(value);
	tmpl_set(d, key, clean);
	free(clean);
}

/* The search the request may read: 1 yes (res holds it), 0 answered. */
static int
feeds_search(struct req *req, const char *id, PGresult **out)
{
	const char	*token;
	char		 hash[SECRET_SHA256_HEX], uid[24];
	struct buf	 loc;
	PGresult	*res;

	if ((token = form_get(&req->query, "token")) != NULL) {
		if (strlen(token) > 256) {
			resp_error(req, 403, NULL, "This feed URL is wrong or "
			    "was revoked.");
			return 0;
		}
		secret_sha256_hex(token, strlen(token), hash);
		res = db_exec(req->db, &feeds_by_token_q, hash, id);
		if (res == NULL) {
			resp_unavailable(req);
			return 0;
		}
		if (PQntuples(res) != 1) {
			PQclear(res);
			resp_error(req, 403, NULL, "This feed URL is wrong or "
			    "was revoked.");
			return 0;
		}
		*out = res;
		return 1;
	}
	if (!auth_load(req)) {
		if (req->done)
			return 0;
		buf_init(&loc, 4096);
		buf_adds(&loc, "/login?next=");
		buf_add_urlenc(&loc, req->path);
		resp_redirect(req, buf_cstr(&loc));
		buf_free(&loc);
		return 0;
	}
	snprintf(uid, sizeof uid, "%lld", (long long)req->user_id);
	if ((res = db_exec(req->db, &feeds_by_user_q, id, uid)) == NULL) {
		resp_unavailable(req);
		return 0;
	}
	if (PQntuples(res) != 1) {
		PQclear(res);
		resp_not_found(req);
		return 0;
	}
	*out = res;
	return 1;
}

static void
feeds_entry(struct tmpl_dict *row, PGresult *res, int i, const char *base,
    const char *sid)
{
	struct buf	 b;
	const char	*url, *s;

	buf_init(&b, 0);
	buf_addf(&b, "%s/searches/%s/items/", base, sid);
	buf_add_urlenc(&b, db_text(res, i, 0));
	feeds_set(row, "ID", buf_cstr(&b));
	feeds_set(row, "TITLE", db_text(res, i, 1));
	url = db_text(res, i, 2);
	if (url != NULL && valid_http_url(url))
		feeds_set(tmpl_section(row, "LINK"), "HREF", url);
	feeds_set(row, "PUBLISHED", db_text(res, i, 7));
	feeds_set(row, "UPDATED", db_text(res, i, 10));
	buf_reset(&b);
	if (!db_isnull(res, i, 3))
		buf_addf(&b, "Total %s %s", db_text(res, i, 3),
		    db_isnull(res, i, 4) ? "" : db_text(res, i, 4));
	else
		buf_adds(&b, "Total unknown (shipping not given)");
	if ((s = db_text(res, i, 9)) != NULL && *s != '\0')
		buf_addf(&b, " · %s", s);
	if (!db_isnull(res, i, 5))
		buf_addf(&b, " · %s bids", db_text(res, i, 5));
	if (!db_isnull(res, i, 6))
		buf_addf(&b, " · ends %s", db_text(res, i, 6));
	if (strcmp(db_text(res, i, 8), "t") == 0)
		buf_adds(&b, " · ended");
	feeds_set(row, "SUMMARY", buf_cstr(&b));
	buf_free(&b);
}

static void
feeds_get(struct req *req)
{
	struct tmpl_dict	*d;
	PGresult		*s, *res;
	struct buf		 out;
	const char		*base = req->cfg->public_base_url, *sid;
	char			 lim[16], *title;
	int64_t			 id;
	int			 i;

	if (!valid_id(req_param(req, 0), &id)) {
		resp_not_found(req);
		return;
	}
	sid = req_param(req, 0);
	if (feeds_search(req, sid, &s) == 0)
		return;
	snprintf(lim, sizeof lim, "%d", FEEDS_ENTRIES);
	if ((res = db_exec(req->db, &feeds_entries_q, sid, lim)) == NULL) {
		PQclear(s);
		resp_unavailable(req);
		return;
	}
	d = tmpl_new();
	xasprintf(&title, "ebay-scanner: %s", db_text(s, 0, 1));
	feeds_set(d, "TITLE", title);
	free(title);
	tmpl_setf(d, "FEED_ID", "%s/searches/%s", base, sid);
	tmpl_setf(d, "SELF", "%s/searches/%s/feed.atom", base, sid);
	tmpl_setf(d, "ALT", "%s/searches/%s", base, sid);
	feeds_set(d, "UPDATED", PQntuples(res) > 0 ? db_text(res, 0, 10) :
	    db_text(s, 0, 2));
	for (i = 0; i < PQntuples(res); i++)
		feeds_entry(tmpl_section(d, "ENTRY"), res, i, base, sid);
	PQclear(res);
	PQclear(s);
	buf_init(&out, 0);
	if (!tmpl_expand("feed.tpl", d, &out)) {
		tmpl_free(d);
		buf_free(&out);
		resp_error(req, 500, NULL, "The feed could not be built.");
		return;
	}
	tmpl_free(d);
	resp_header(req, "Cache-Control", "private, max-age=60");
	resp_header(req, "X-Robots-Tag", "noindex");
	resp_send(req, 200, "application/atom+xml; charset=utf-8", out.data,
	    out.len);
	buf_free(&out);
}

static const struct route feeds_routes[] = {
	{ "/searches/{id}/feed.atom", METHOD_GET, ROUTE_PUBLIC, feeds_get },
	{ NULL, 0, 0, NULL }
};

const struct app cgi_app = {
	.name = "feeds",
	.routes = feeds_routes,
};
