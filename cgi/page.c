/*
 * The page layout (see page.h).  The body template is expanded first, with
 * auto-escaping, and the result is placed into layout.tpl as BODY_HTML:
 * markup our own templates produced, never text from a request or eBay.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cfg.h"
#include "cgi.h"
#include "db.h"
#include "log.h"
#include "money.h"
#include "page.h"
#include "tmpl.h"
#include "valid.h"
#include "xmalloc.h"

#define PAGE_FLASH_MAX		300

static const char *const page_msg_kinds[PAGE_MSG__MAX] = {
	"notice", "warning", "error"
};

/* The navigation: path, label.  An area adds its entry here. */
static const struct {
	const char	*path;
	const char	*label;
} page_nav[] = {
	{ "/", "Search" },
	{ "/searches", "Saved searches" },
	{ "/channels", "Channels" },
	{ "/import", "Import / export" },
	{ "/settings", "Settings" },
};

/*
 * Whether the request's path is the navigation entry's page or below it
 * ("/searches/12" is under "/searches", "/searchesx" is not); "/" also
 * covers "/search", the live search it leads to.
 */
static bool
page_nav_current(const char *path, const char *entry)
{
	size_t	 len;

	if (path == NULL)
		return false;
	if (strcmp(entry, "/") == 0)
		return strcmp(path, "/") == 0 || strcmp(path, "/search") == 0;
	len = strlen(entry);
	return strncmp(path, entry, len) == 0 &&
	    (path[len] == '\0' || path[len] == '/');
}

/*
 * Standing warnings for signed-in pages: each check may call
 * page_warning().  Keep them to one cheap indexed query each.
 */
DB_STMT(page_failing_channels_q, 1,
    "SELECT name FROM channels WHERE user_id = $1 AND enabled"
    " AND consecutive_failures >= 3 ORDER BY name LIMIT 3");

/*
 * The answer is kept for PAGE_CHECK_TTL seconds per process and user, so
 * a burst of page views costs one query, not one each.
 */
#define PAGE_CHECK_TTL	30
static struct {
	int64_t		 uid;
	time_t		 at;
	char		*names[3];
	int		 n;
} page_failing;

static void
page_check_channels(struct page *p)
{
	PGresult	*res;
	char		 uid[24];
	time_t		 now = time(NULL);
	int		 i;

	if (page_failing.uid != p->req->user_id ||
	    now - page_failing.at >= PAGE_CHECK_TTL || now < page_failing.at) {
		snprintf(uid, sizeof uid, "%lld", (long long)p->req->user_id);
		if ((res = db_exec(p->req->db, &page_failing_channels_q,
		    uid)) == NULL)
			return;
		for (i = 0; i < page_failing.n; i++)
			free(page_failing.names[i]);
		page_failing.n = 0;
		for (i = 0; i < PQntuples(res) && i < 3; i++)
			page_failing.names[page_failing.n++] =
			    xstrdup(db_text(res, i, 0));
		PQclear(res);
		page_failing.uid = p->req->user_id;
		page_failing.at = now;
	}
	for (i = 0; i < page_failing.n; i++)
		page_warning(p, "The channel \"%s\" keeps failing: alerts "
		    "through it are not arriving. See Channels.",
		    page_failing.names[i]);
}

static void (*const page_checks[])(struct page *) = {
	page_check_channels,
};

/* What every dictionary of the page holds. */
static void
page_common(struct tmpl_dict *d, struct req *req)
{
	tmpl_set(d, "CSRF", req->csrf != NULL ? req->csrf : "");
	if (req->user_id != 0) {
		tmpl_show(d, "SIGNED_IN");
		tmpl_set(d, "USERNAME", req->username);
	} else
		tmpl_show(d, "SIGNED_OUT");
	if (req->cfg != NULL && req->cfg->demo)
		tmpl_show(d, "DEMO");
}

/*
 * Start a page titled title whose body is body_tpl; returns the body's
 * dictionary (owned by p, freed by page_send or page_free).
 */
static struct tmpl_dict *
page_start(struct page *p, struct req *req, const char *title,
    const char *body_tpl, bool checks)
{
	struct tmpl_dict	*row;
	const char		*flash;
	size_t			 i;

	memset(p, 0, sizeof *p);
	p->req = req;
	p->body_tpl = body_tpl;
	p->root = tmpl_new();
	p->body = tmpl_new();
	page_common(p->root, req);
	page_common(p->body, req);
	tmpl_set(p->root, "TITLE", title);
	if (req->user_id != 0) {
		for (i = 0; i < sizeof page_nav / sizeof page_nav[0]; i++) {
			row = tmpl_section(p->root, "NAV");
			tmpl_set(row, "HREF", page_nav[i].path);
			tmpl_set(row, "LABEL", page_nav[i].label);
			if (page_nav_current(req->path, page_nav[i].path))
				tmpl_show(row, "CURRENT");
		}
		if (checks && req->db != NULL)
			for (i = 0; i < sizeof page_checks /
			    sizeof page_checks[0]; i++)
				page_checks[i](p);
	}
	flash = form_get(&req->cookies, PAGE_FLASH_COOKIE);
	if (flash != NULL && *flash != '\0' && strlen(flash) <= PAGE_FLASH_MAX &&
	    valid_utf8(flash, strlen(flash))) {
		page_message(p, PAGE_MSG_NOTICE, "%s", flash);
		resp_header(req, "Set-Cookie", PAGE_FLASH_COOKIE "=; Path=/; "
		    "Max-Age=0; HttpOnly; SameSite=Lax");
	}
	return p->body;
}

struct tmpl_dict *
page_begin(struct page *p, struct req *req, const char *title,
    const char *body_tpl)
{
	return page_start(p, req, title, body_tpl, true);
}

void
page_message(struct page *p, enum page_msg kind, const char *fmt, ...)
{
	struct tmpl_dict	*row;
	va_list			 ap;
	char			*s;

	va_start(ap, fmt);
	xvasprintf(&s, fmt, ap);
	va_end(ap);
	row = tmpl_section(p->root, "MESSAGES");
	tmpl_set(row, "KIND", page_msg_kinds[kind]);
	tmpl_set(row, "TEXT", s);
	free(s);
}

void
page_warning(struct page *p, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	xvasprintf(&s, fmt, ap);
	va_end(ap);
	page_message(p, PAGE_MSG_WARNING, "%s", s);
	free(s);
}

void
page_free(struct page *p)
{
	if (p->root != NULL)
		tmpl_free(p->root);
	if (p->body != NULL)
		tmpl_free(p->body);
	p->root = p->body = NULL;
}

/* Expand the body into the layout and send it with status; frees p. */
void
page_send(struct page *p, int status)
{
	struct buf	 body, out;

	buf_init(&body, 0);
	buf_init(&out, 0);
	if (!tmpl_expand(p->body_tpl, p->body, &body)) {
		page_free(p);
		buf_free(&body);
		buf_free(&out);
		resp_send(p->req, 500, "text/plain; charset=utf-8",
		    "Something went wrong.\n", 22);
		return;
	}
	tmpl_set_trusted_html(p->root, "BODY_HTML", buf_cstr(&body));
	if (!tmpl_expand("layout.tpl", p->root, &out)) {
		buf_reset(&out);
		buf_add(&out, body.data, body.len);
	}
	resp_header(p->req, "Cache-Control", "private, no-store");
	p->req->page = true;
	resp_send(p->req, status, "text/html; charset=utf-8", out.data,
	    out.len);
	buf_free(&body);
	buf_free(&out);
	page_free(p);
}

/* The HTML error page (resp_error's), in the layout. */
void
page_error(struct req *req, int status, const char *field,
    const char *message)
{
	struct page		 p;
	struct tmpl_dict	*d;
	char			 title[64];

	snprintf(title, sizeof title, "%d %s", status, resp_reason(status));
	/* No standing checks: the database may be what failed. */
	d = page_start(&p, req, title, "error.tpl", false);
	tmpl_set_int(d, "STATUS", status);
	tmpl_set(d, "REASON", resp_reason(status));
	tmpl_set(d, "MESSAGE", message);
	if (field != NULL) {
		tmpl_show(d, "HAS_FIELD");
		tmpl_set(d, "FIELD", field);
	}
	tmpl_set(d, "REQUEST_ID", req->reqid);
	page_send(&p, status);
}

/* 303 to location with a notice the next page shows once. */
void
page_flash_redirect(struct req *req, const char *location, const char *notice)
{
	struct buf	 c;

	if (notice != NULL && strlen(notice) <= PAGE_FLASH_MAX) {
		buf_init(&c, 0);
		buf_adds(&c, PAGE_FLASH_COOKIE "=");
		buf_add_urlenc(&c, notice);
		buf_adds(&c, "; Path=/; Max-Age=60; HttpOnly; SameSite=Lax");
		if (req->cfg != NULL && req->cfg->secure_cookies)
			buf_adds(&c, "; Secure");
		resp_header(req, "Set-Cookie", buf_cstr(&c));
		buf_free(&c);
	}
	resp_redirect(req, location);
}

/* "located_in" -> "LOCATED_IN" into out. */
const char *
page_upper(const char *s, char *out, size_t n)
{
	size_t	 i;

	for (i = 0; s[i] != '\0' && i + 1 < n; i++)
		out[i] = (s[i] >= 'a' && s[i] <= 'z') ? (char)(s[i] - 32) :
		    ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' &&
		    s[i] <= '9') ? s[i] : '_');
	out[i] = '\0';
	return out;
}

/*
 * A form's errors: the section ERRORS (FIELD, MESSAGE) lists them all,
 * and section ERR_<FIELD> (MESSAGE) goes beside each field; the section
 * INVALID_<FIELD> marks the input (aria-invalid).
 */
void
page_errors(struct tmpl_dict *d, const struct valid_errs *errs)
{
	struct tmpl_dict	*row;
	char			 up[64], key[80];
	size_t			 i;

	if (errs->n > 0)
		tmpl_show(d, "HAS_ERRORS");
	for (i = 0; i < errs->n; i++) {
		row = tmpl_section(d, "ERRORS");
		tmpl_set(row, "FIELD", errs->v[i].field);
		tmpl_set(row, "MESSAGE", errs->v[i].message);
		page_upper(errs->v[i].field, up, sizeof up);
		snprintf(key, sizeof key, "ERR_%s", up);
		row = tmpl_section(d, key);
		tmpl_set(row, "MESSAGE", errs->v[i].message);
		snprintf(key, sizeof key, "INVALID_%s", up);
		tmpl_show(d, key);
	}
}

/* One row of section: VALUE, LABEL, and the section ON when selected. */
void
page_choice(struct tmpl_dict *d, const char *section, const char *value,
    const char *label, bool selected)
{
	struct tmpl_dict	*row;

	row = tmpl_section(d, section);
	tmpl_set(row, "VALUE", value);
	tmpl_set(row, "LABEL", label);
	if (selected)
		tmpl_show(row, "ON");
}

/* Rows for an enum: selected holds the bits (1 << index) chosen. */
void
page_choices(struct tmpl_dict *d, const char *section,
    const char *const *values, const char *const *labels, size_t n,
    unsigned selected)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		page_choice(d, section, values[i], labels[i],
		    (selected & (1u << i)) != 0);
}

/*
 * For people: "$1,234.50", "£3.00", "€7.10", "12.00 CAD"; with no currency
 * just the number.
 */
void
page_money(int64_t cents, const char *currency, char *out, size_t outlen)
{
	static const struct {
		const char	*code, *sign;
	} signs[] = {
		{ "USD", "$" }, { "GBP", "\xc2\xa3" }, { "EUR", "\xe2\x82\xac" },
		{ "AUD", "A$" }, { "CAD", "C$" },
	};
	char		 digits[32], grouped[32];
	const char	*sign = NULL;
	uint64_t	 a;
	size_t		 i, n, g = 0;
	int		 r;

	a = cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;
	n = (size_t)snprintf(digits, sizeof digits, "%llu",
	    (unsigned long long)(a / 100));
	for (i = 0; i < n && g + 2 < sizeof grouped; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			grouped[g++] = ',';
		grouped[g++] = digits[i];
	}
	grouped[g] = '\0';
	for (i = 0; currency != NULL && i < sizeof signs / sizeof signs[0];
	    i++)
		if (strcmp(currency, signs[i].code) == 0)
			sign = signs[i].sign;
	if (sign != NULL || currency == NULL || *currency == '\0')
		r = snprintf(out, outlen, "%s%s%s.%02llu", cents < 0 ? "-" : "",
		    sign != NULL ? sign : "", grouped,
		    (unsigned long long)(a % 100));
	else
		r = snprintf(out, outlen, "%s%s.%02llu %.3s",
		    cents < 0 ? "-" : "", grouped,
		    (unsigned long long)(a % 100), currency);
	if (r < 0 || (size_t)r >= outlen)
		snprintf(out, outlen, "?");
}

void
page_set_money(struct tmpl_dict *d, const char *key, int64_t cents,
    const char *currency)
{
	char	 m[64];

	page_money(cents, currency, m, sizeof m);
	tmpl_set(d, key, m);
}

/* "45 seconds", "3 minutes", "2 hours 5 minutes", "4 days". */
void
page_duration(long long s, char *out, size_t n)
{
	if (s < 0)
		s = 0;
	if (s < 60)
		snprintf(out, n, "%lld second%s", s, s == 1 ? "" : "s");
	else if (s < 3600)
		snprintf(out, n, "%lld minute%s", s / 60, s / 60 == 1 ? "" : "s");
	else if (s < 86400)
		snprintf(out, n, "%lldh %02lldm", s / 3600, s % 3600 / 60);
	else
		snprintf(out, n, "%lldd %lldh", s / 86400, s % 86400 / 3600);
}

/* "just now", "3 minutes ago", "2 days ago". */
void
page_ago(long long s, char *out, size_t n)
{
	char	 d[48];

	if (s < 10) {
		snprintf(out, n, "just now");
		return;
	}
	if (s >= 3600 && s < 86400)
		snprintf(d, sizeof d, "%lld hour%s", s / 3600,
		    s / 3600 == 1 ? "" : "s");
	else if (s >= 86400)
		snprintf(d, sizeof d, "%lld day%s", s / 86400,
		    s / 86400 == 1 ? "" : "s");
	else
		page_duration(s, d, sizeof d);
	snprintf(out, n, "%s ago", d);
}

/*
 * A time: key = "2026-11-26 10:50 UTC", key_ISO for <time datetime>,
 * key_AGO = "3 minutes ago".  iso is "YYYY-MM-DDTHH:MM:SSZ" (db TS()).
 */
void
page_set_time(struct tmpl_dict *d, const char *key, const char *iso,
    long long age)
{
	char	 k[64], v[64];

	if (iso == NULL || strlen(iso) < 16)
		return;
	snprintf(v, sizeof v, "%.10s %.5s UTC", iso, iso + 11);
	tmpl_set(d, key, v);
	snprintf(k, sizeof k, "%s_ISO", key);
	tmpl_set(d, k, iso);
	snprintf(k, sizeof k, "%s_AGO", key);
	page_ago(age, v, sizeof v);
	tmpl_set(d, k, v);
}
