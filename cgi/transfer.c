/*
 * GET /import (the forms), POST /import (an eBay search address -> a new
 * saved search, naming what it could not map; or an export file -> its
 * searches and channels, all or nothing), GET /export (the JSON file).
 *
 * POST /import also takes an export file as the whole body with
 * Content-Type: application/json (scripts; answered in JSON).  The form
 * (multipart/form-data) carries the file as an upload ("upload") or pasted
 * into a text area ("file").
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "buf.h"
#include "cfg.h"
#include "cgi.h"
#include "db.h"
#include "ebay-link.h"
#include "form.h"
#include "log.h"
#include "page.h"
#include "search.h"
#include "tmpl.h"
#include "transfer.h"
#include "valid.h"
#include "xmalloc.h"

static void
transfer_page(struct req *req, int status, struct tmpl_dict **dp,
    struct page *p)
{
	struct tmpl_dict	*d;
	const char		*v;

	d = page_begin(p, req, "Import", "import.tpl");
	if ((v = form_get(&req->form, "url")) != NULL)
		tmpl_set(d, "URL", v);
	if ((v = form_get(&req->form, "name")) != NULL)
		tmpl_set(d, "NAME_VALUE", v);
	if ((v = form_get(&req->form, "file")) != NULL && status != 200)
		tmpl_set(d, "FILE", v);
	*dp = d;
}

static void
transfer_error(struct tmpl_dict *d, int line, const char *field,
    const char *msg)
{
	struct tmpl_dict	*e;

	tmpl_show(d, "HAS_ERRORS");
	e = tmpl_section(d, "ERRORS");
	if (line > 0) {
		tmpl_show(e, "HAS_LINE");
		tmpl_set_int(e, "LINE", line);
	}
	if (field != NULL && *field != '\0') {
		tmpl_show(e, "HAS_FIELD");
		tmpl_set(e, "FIELD", field);
	}
	tmpl_set(e, "MESSAGE", msg);
}

static void
transfer_get(struct req *req)
{
	struct tmpl_dict	*d;
	struct page		 p;

	transfer_page(req, 200, &d, &p);
	page_send(&p, 200);
}

static void
transfer_skipped(struct tmpl_dict *d, const struct ebay_link *u)
{
	struct tmpl_dict	*s;
	size_t			 i;

	for (i = 0; i < u->nskipped; i++) {
		tmpl_show(d, "HAS_SKIPPED");
		s = tmpl_section(d, "SKIPPED");
		tmpl_set(s, "NAME", u->skipped[i].name);
		tmpl_set(s, "VALUE", u->skipped[i].value);
		tmpl_set(s, "REASON", u->skipped[i].reason);
		if (u->skipped[i].kind == EBAY_LINK_IGNORED)
			tmpl_show(s, "IGNORED");
	}
}

/* An eBay search address: a new saved search. */
static void
transfer_url(struct req *req, const char *url)
{
	struct saved_search	 ss;
	struct valid_errs	 errs;
	struct ebay_link	 u;
	struct tmpl_dict	*d, *c;
	struct page		 p;
	struct form		 f;
	struct buf		 q;
	const char		*name;
	char			*cause;
	size_t			 i;
	int			 status = 200;

	transfer_page(req, 400, &d, &p);
	if (!ebay_link_parse(url, &u, &cause)) {
		transfer_error(d, 0, "url", cause);
		free(cause);
		page_send(&p, 400);
		return;
	}
	buf_init(&q, 0);
	ebay_link_query(&u, &q);
	if ((name = form_get(&req->form, "name")) != NULL && *name != '\0') {
		buf_adds(&q, "&name=");
		buf_add_urlenc(&q, name);
	}
	form_init(&f);
	form_parse(&f, buf_cstr(&q), q.len, '&');
	buf_free(&q);
	saved_search_init(&ss, req->cfg);
	valid_errs_init(&errs);
	if (!saved_search_parse_form(&ss, &f, &errs)) {
		for (i = 0; i < errs.n; i++)
			transfer_error(d, 0, errs.v[i].field,
			    errs.v[i].message);
		status = 400;
	} else if (db_search_insert(req->db, req->user_id, &ss) != 1) {
		transfer_error(d, 0, NULL, "The search could not be saved. "
		    "Try again in a moment.");
		status = 503;
	} else {
		c = tmpl_section(d, "CREATED");
		tmpl_set_int(c, "ID", ss.id);
		tmpl_set(c, "NAME", ss.name);
		tmpl_set(c, "MARKETPLACE", ss.spec.marketplace);
	}
	transfer_skipped(d, &u);
	valid_errs_free(&errs);
	saved_search_free(&ss);
	form_free(&f);
	ebay_link_free(&u);
	page_send(&p, status);
}

static void
transfer_import_json(struct req *req)
{
	struct transfer_result	 res;
	struct json_object	*o, *e;

	if (transfer_import(req->db, req->cfg, req->user_id,
	    buf_cstr(&req->body), req->body.len, &res)) {
		o = json_object_new_object();
		json_object_object_add(o, "searches",
		    json_object_new_int(res.searches));
		json_object_object_add(o, "channels",
		    json_object_new_int(res.channels));
		json_object_object_add(o, "channels_reused",
		    json_object_new_int(res.channels_reused));
		resp_json(req, 200, o);
		json_object_put(o);
		return;
	}
	if (res.db_error) {
		resp_error(req, 503, NULL, res.why);
		return;
	}
	o = json_object_new_object();
	e = json_object_new_object();
	json_object_object_add(e, "status", json_object_new_int(400));
	if (res.field[0] != '\0')
		json_object_object_add(e, "field",
		    json_object_new_string(res.field));
	json_object_object_add(e, "line", json_object_new_int(res.line));
	json_object_object_add(e, "message", json_object_new_string(res.why));
	json_object_object_add(o, "error", e);
	resp_json(req, 400, o);
	json_object_put(o);
}

/* Answer 400 for the form's field with msg. */
static void
transfer_refuse(struct req *req, const char *field, const char *msg)
{
	struct tmpl_dict	*d;
	struct page		 p;

	transfer_page(req, 400, &d, &p);
	transfer_error(d, 0, field, msg);
	page_send(&p, 400);
}

/*
 * The export file the form sends: an uploaded file (field "upload") or
 * the pasted text ("file").  NULL after answering 400 itself; *upload
 * tells which.
 */
static const char *
transfer_form_file(struct req *req, bool *upload)
{
	const char	*up, *name, *paste;
	bool		 chosen;

	up = form_get(&req->form, "upload");
	name = form_filename(&req->form, "upload");
	paste = form_get(&req->form, "file");
	chosen = up != NULL &&
	    (*up != '\0' || (name != NULL && *name != '\0'));
	*upload = chosen;
	if (form_count(&req->form, "upload") > 1) {
		transfer_refuse(req, "upload", "Choose one export file.");
		return NULL;
	}
	if (!chosen) {
		if (paste != NULL && *paste != '\0')
			return paste;
		if (up != NULL)
			transfer_refuse(req, "upload", "Choose an export file "
			    "or paste one.");
		else
			transfer_refuse(req, "url", "Paste an eBay search "
			    "address or an export file.");
		return NULL;
	}
	if (paste != NULL && *paste != '\0') {
		transfer_refuse(req, "upload", "Choose a file or paste one, "
		    "not both.");
		return NULL;
	}
	if (form_bad(&req->form, "upload")) {
		transfer_refuse(req, "upload", "The file is not an export "
		    "file: it has NUL bytes.");
		return NULL;
	}
	if (*up == '\0') {
		transfer_refuse(req, "upload", "The file is empty.");
		return NULL;
	}
	return up;
}

static void
transfer_post(struct req *req)
{
	struct transfer_result	 res;
	struct tmpl_dict	*d, *s;
	struct page		 p;
	const char		*ct, *url, *file;
	bool			 upload;

	ct = req_header(req, "CONTENT_TYPE");
	if (ct != NULL && strncmp(ct, "application/json", 16) == 0) {
		transfer_import_json(req);
		return;
	}
	if ((url = form_get(&req->form, "url")) != NULL && *url != '\0') {
		transfer_url(req, url);
		return;
	}
	if ((file = transfer_form_file(req, &upload)) == NULL)
		return;
	if (transfer_import(req->db, req->cfg, req->user_id, file,
	    strlen(file), &res)) {
		transfer_page(req, 200, &d, &p);
		s = tmpl_section(d, "IMPORTED");
		tmpl_set_int(s, "SEARCHES", res.searches);
		tmpl_set_int(s, "CHANNELS", res.channels);
		tmpl_set_int(s, "REUSED", res.channels_reused);
		page_send(&p, 200);
		return;
	}
	transfer_page(req, 400, &d, &p);
	if (upload) {
		/* Its text goes into the text area, to be fixed there. */
		tmpl_set(d, "FILE", file);
		tmpl_set(tmpl_section(d, "UPLOADED"), "NAME",
		    form_filename(&req->form, "upload") != NULL ?
		    form_filename(&req->form, "upload") : "upload");
	}
	transfer_error(d, res.line, res.field, res.why);
	page_send(&p, res.db_error ? 503 : 400);
}

static void
transfer_export_get(struct req *req)
{
	struct buf	 out;

	buf_init(&out, 0);
	if (!transfer_export(req->db, req->user_id, &out)) {
		buf_free(&out);
		resp_error(req, 503, NULL, "The export could not be read. "
		    "Try again in a moment.");
		return;
	}
	resp_header(req, "Cache-Control", "no-store");
	resp_header(req, "Content-Disposition",
	    "attachment; filename=\"ebay-scanner-export.json\"");
	resp_send(req, 200, "application/json", out.data, out.len);
	buf_free(&out);
}

static const struct route transfer_routes[] = {
	{ "/import", METHOD_GET, 0, transfer_get },
	{ "/import", METHOD_POST, 0, transfer_post },
	{ "/export", METHOD_GET, 0, transfer_export_get },
	{ NULL, 0, 0, NULL }
};

const struct app cgi_app = {
	.name = "transfer",
	.routes = transfer_routes,
};
