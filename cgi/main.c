/*
 * The FastCGI request loop every route program shares (see cgi.h).  Run
 * under spawn-fcgi (and multiwatch) it serves requests until SIGTERM, which
 * lets the request in flight finish.  Run as plain CGI (tests:
 * QUERY_STRING=... ./cgi/health </dev/null) it serves one request from the
 * environment and standard input.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fastcgi.h>
#include <fcgiapp.h>

#include "cfg.h"
#include "cgi.h"
#include "db.h"
#include "log.h"
#include "multipart.h"
#include "secret.h"
#include "tmpl.h"
#include "xmalloc.h"

extern char **environ;

static volatile sig_atomic_t	 cgi_stop;

/* Where a request's bytes come from and go to: FastCGI or plain CGI. */
struct cgi_io {
	FCGX_Request	*fcgx;		/* NULL for plain CGI */
	struct buf	 wire;		/* FastCGI: the answer's stdout records */
};

static void
cgi_on_signal(int sig)
{
	cgi_stop = 1;
	FCGX_ShutdownPending();
}

/* A CGI variable of the request (e.g. "HTTP_COOKIE"), borrowed; or NULL. */
const char *
req_header(const struct req *req, const char *name)
{
	size_t	 len = strlen(name);
	char	**e;

	for (e = req->env; e != NULL && *e != NULL; e++)
		if (strncmp(*e, name, len) == 0 && (*e)[len] == '=')
			return *e + len + 1;
	return NULL;
}

/* The nth {x} capture of the matched route, borrowed; NULL if none. */
const char *
req_param(const struct req *req, size_t n)
{
	return n < req->nparams ? req->params[n] : NULL;
}

/* True when errors should be JSON: API routes or an Accept asking JSON. */
bool
req_wants_json(const struct req *req)
{
	const char	*accept;

	if (req->route != NULL && (req->route->flags & ROUTE_API))
		return true;
	accept = req_header(req, "HTTP_ACCEPT");
	return accept != NULL && strstr(accept, "application/json") != NULL &&
	    strstr(accept, "text/html") == NULL;
}

static unsigned
cgi_method(const char *m)
{
	static const struct {
		const char	*name;
		unsigned	 bit;
	} methods[] = {
		{ "GET", METHOD_GET }, { "HEAD", METHOD_HEAD },
		{ "POST", METHOD_POST }, { "PUT", METHOD_PUT },
		{ "PATCH", METHOD_PATCH }, { "DELETE", METHOD_DELETE },
	};
	size_t	 i;

	for (i = 0; i < sizeof methods / sizeof methods[0]; i++)
		if (strcmp(m, methods[i].name) == 0)
			return methods[i].bit;
	return METHOD_OTHER;
}

/*
 * Match path against pattern segment by segment; {x} takes one non-empty
 * segment into req->params.  A trailing slash is not ignored.
 */
static bool
cgi_match(struct req *req, const char *pattern, const char *path)
{
	const char	*p = pattern, *s = path, *pe, *se;
	size_t		 n = 0, i;

	for (;;) {
		if (*p != '/' || *s != '/')
			break;
		p++;
		s++;
		pe = p + strcspn(p, "/");
		se = s + strcspn(s, "/");
		if (*p == '{' && pe > p && pe[-1] == '}') {
			if (se == s || n >= CGI_MAX_PARAMS)
				goto fail;
			req->params[n++] = xstrndup(s, (size_t)(se - s));
		} else if ((size_t)(pe - p) != (size_t)(se - s) ||
		    strncmp(p, s, (size_t)(pe - p)) != 0)
			goto fail;
		p = pe;
		s = se;
		if (*p == '\0' && *s == '\0') {
			req->nparams = n;
			return true;
		}
	}
fail:
	for (i = 0; i < n; i++) {
		free(req->params[i]);
		req->params[i] = NULL;
	}
	return false;
}

static void
cgi_allow(struct buf *allow, unsigned methods)
{
	static const char *const names[] = { "GET", "HEAD", "POST", "PUT",
	    "PATCH", "DELETE" };
	size_t	 i;

	if (methods & METHOD_GET)
		methods |= METHOD_HEAD;
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (methods & (1u << i)) {
			if (allow->len > 0)
				buf_adds(allow, ", ");
			buf_adds(allow, names[i]);
		}
}

/* Find the route; answers 404 or 405 itself and returns false then. */
static bool
cgi_route(struct req *req)
{
	const struct route	*r, *matched = NULL;
	unsigned		 allowed = 0, m = req->method;
	struct buf		 allow;

	if (m == METHOD_HEAD)
		m = METHOD_GET;
	for (r = cgi_app.routes; r->pattern != NULL; r++) {
		if (!cgi_match(req, r->pattern, req->path))
			continue;
		if (r->methods & m) {
			req->route = r;
			return true;
		}
		allowed |= r->methods;
		matched = r;
		while (req->nparams > 0)
			free(req->params[--req->nparams]);
	}
	if (allowed == 0) {
		resp_not_found(req);
		return false;
	}
	/* The path's route decides the error's form (JSON for the API). */
	req->route = matched;
	buf_init(&allow, 256);
	cgi_allow(&allow, allowed);
	resp_header(req, "Allow", buf_cstr(&allow));
	buf_free(&allow);
	resp_error(req, 405, NULL, "This address does not accept that method.");
	return false;
}

/* Read the body; answers 413 or 400 itself and returns false then. */
static bool
cgi_read_body(struct req *req, struct cgi_io *io)
{
	const char	*cl, *ct;
	char		 chunk[8192], *end, *field, *cause;
	long long	 want;
	size_t		 got = 0, n;
	int		 r;

	if ((cl = req_header(req, "CONTENT_LENGTH")) == NULL || *cl == '\0')
		return true;
	errno = 0;
	want = strtoll(cl, &end, 10);
	if (errno != 0 || *end != '\0' || want < 0) {
		resp_error(req, 400, NULL, "Bad Content-Length.");
		return false;
	}
	if (want > CGI_BODY_MAX) {
		resp_error(req, 413, NULL, "The request body is too large.");
		return false;
	}
	buf_init(&req->body, CGI_BODY_MAX);
	while (got < (size_t)want) {
		n = (size_t)want - got < sizeof chunk ?
		    (size_t)want - got : sizeof chunk;
		if (io->fcgx != NULL)
			r = FCGX_GetStr(chunk, (int)n, io->fcgx->in);
		else
			r = (int)fread(chunk, 1, n, stdin);
		if (r <= 0)
			break;
		buf_add(&req->body, chunk, (size_t)r);
		got += (size_t)r;
	}
	if (got < (size_t)want) {
		resp_error(req, 400, NULL, "The request body was cut short.");
		return false;
	}
	ct = req_header(req, "CONTENT_TYPE");
	if (ct != NULL && strncmp(ct, "application/x-www-form-urlencoded",
	    33) == 0)
		form_parse(&req->form, buf_cstr(&req->body), req->body.len,
		    '&');
	else if (multipart_is(ct) && !multipart_parse(&req->form, ct,
	    buf_cstr(&req->body), req->body.len, &field, &cause)) {
		resp_error(req, 400, field, cause);
		free(field);
		free(cause);
		return false;
	}
	return true;
}

static void
cgi_reqid(struct req *req)
{
	const char	*id;
	unsigned char	 raw[6];
	size_t		 i;

	if ((id = req_header(req, "REQUEST_ID")) != NULL &&
	    strspn(id, "0123456789abcdef") == strlen(id) && strlen(id) >= 8) {
		snprintf(req->reqid, sizeof req->reqid, "%.12s", id);
		return;
	}
	secret_random(raw, sizeof raw);
	for (i = 0; i < sizeof raw; i++)
		snprintf(req->reqid + 2 * i, 3, "%02x", raw[i]);
}

/* The path without the query, from nginx's DOCUMENT_URI if it gave one. */
static char *
cgi_path(struct req *req)
{
	const char	*p;
	bool		 bad;

	if ((p = req_header(req, "DOCUMENT_URI")) != NULL && *p == '/')
		return xstrdup(p);
	if ((p = req_header(req, "REQUEST_URI")) != NULL && *p == '/')
		return form_decode(p, strcspn(p, "?"), false, &bad);
	if ((p = req_header(req, "PATH_INFO")) != NULL && *p == '/')
		return xstrdup(p);
	return xstrdup("/");
}

/* Run every check of cgi.h in order, then the handler. */
static void
cgi_dispatch(struct req *req, struct cgi_io *io)
{
	const char	*m, *cookie;
	struct buf	 loc;

	m = req_header(req, "REQUEST_METHOD");
	req->method_name = m != NULL ? m : "GET";
	req->method = cgi_method(req->method_name);
	req->path = cgi_path(req);
	req->query_string = req_header(req, "QUERY_STRING");
	if (req->query_string != NULL)
		form_parse(&req->query, req->query_string,
		    strlen(req->query_string), '&');
	if ((cookie = req_header(req, "HTTP_COOKIE")) != NULL)
		form_parse(&req->cookies, cookie, strlen(cookie), ';');
	log_set_context("%s req=%s", cgi_app.name, req->reqid);

	if (!cgi_route(req) || !cgi_read_body(req, io))
		return;
	if (!(req->route->flags & ROUTE_NODB) &&
	    db_connect(req->db) != DB_OK) {
		log_warn("database unavailable: %s", db_errmsg(req->db));
		resp_unavailable(req);
		return;
	}
	if (!(req->route->flags & ROUTE_NODB))
		cache_sync(req);
	if (!(req->route->flags & ROUTE_PUBLIC) && !auth_load(req)) {
		if (req->done)
			return;
		if (req_wants_json(req)) {
			resp_header(req, "WWW-Authenticate", "Bearer");
			resp_error(req, 401, NULL, "Sign in or send an API "
			    "token as Authorization: Bearer.");
			return;
		}
		buf_init(&loc, 4096);
		buf_adds(&loc, "/login?next=");
		buf_add_urlenc(&loc, req->path);
		/* A GET comes back with its query (a search's filters). */
		if (req->method == METHOD_GET && req->query_string != NULL &&
		    *req->query_string != '\0' &&
		    strlen(req->query_string) < 1500) {
			buf_adds(&loc, "%3F");
			buf_add_urlenc(&loc, req->query_string);
		}
		resp_redirect(req, buf_cstr(&loc));
		buf_free(&loc);
		return;
	}
	if (req->method == METHOD_POST && !(req->route->flags & ROUTE_NOCSRF) &&
	    !req->via_token && req->user_id != 0 && !auth_csrf_ok(req)) {
		resp_error(req, 403, "csrf", "The form has expired or did not "
		    "come from this site. Reload the page and try again.");
		return;
	}
	if (cache_page_get(req))
		return;
	req->route->handler(req);
	if (req->method != METHOD_GET && req->method != METHOD_HEAD)
		cache_changed();
	else
		cache_page_put(req);
	if (!req->done) {
		log_error("%s %s: handler gave no response", req->method_name,
		    req->path);
		resp_error(req, 500, NULL, "Something went wrong.");
	}
}

/*
 * Under FastCGI the answer is framed as stdout records here and written by
 * cgi_flush in one go: libfcgi's stream would cut it into 8 KB records,
 * one write(2) each, and nginx would wake up for each.  libfcgi's own
 * stream stays empty, so FCGX_Finish_r still ends the stream and the
 * request.
 */
static void
cgi_write(struct cgi_io *io, const void *p, size_t n)
{
	const char	*s = p;
	unsigned char	 hdr[FCGI_HEADER_LEN];
	size_t		 chunk;
	int		 id;

	if (io->fcgx == NULL) {
		if (n > 0)
			fwrite(p, 1, n, stdout);
		return;
	}
	id = io->fcgx->requestId;
	while (n > 0) {
		chunk = n < FCGI_MAX_LENGTH ? n : FCGI_MAX_LENGTH;
		hdr[0] = FCGI_VERSION_1;
		hdr[1] = FCGI_STDOUT;
		hdr[2] = (unsigned char)(id >> 8);
		hdr[3] = (unsigned char)id;
		hdr[4] = (unsigned char)(chunk >> 8);
		hdr[5] = (unsigned char)chunk;
		hdr[6] = hdr[7] = 0;	/* no padding, reserved */
		buf_add(&io->wire, hdr, sizeof hdr);
		buf_add(&io->wire, s, chunk);
		s += chunk;
		n -= chunk;
	}
}

/* Send what cgi_write framed; a client gone away is not an error here. */
static void
cgi_flush(struct cgi_io *io)
{
	const char	*p = io->wire.data;
	size_t		 left = io->wire.len;
	ssize_t		 r;

	if (io->fcgx == NULL)
		return;
	if (buf_failed(&io->wire)) {
		log_error("the answer could not be framed");
		left = 0;
	}
	while (left > 0) {
		if ((r = write(io->fcgx->ipcFd, p, left)) == -1) {
			if (errno == EINTR)
				continue;
			log_debug("writing the answer: %s", strerror(errno));
			break;
		}
		p += r;
		left -= (size_t)r;
	}
	/* Keep the memory for the next answer, unless this one was big. */
	if (io->wire.cap > 1024 * 1024)
		buf_free(&io->wire);
	else
		buf_reset(&io->wire);
}

/*
 * End the request.  libfcgi's close waits until nginx has closed its end
 * (a lingering close, against a reset when unread input is left behind),
 * which keeps this process idle while nginx copies the answer.  Reading
 * the rest of the input here (nginx sends nothing after it) makes a plain
 * close safe, and the process is free for the next request at once.
 */
static void
cgi_finish(FCGX_Request *fr)
{
	char	 trash[4096];

	while (FCGX_GetStr(trash, sizeof trash, fr->in) > 0)
		continue;
	if (FCGX_GetError(fr->in) == 0)
		FCGX_Detach(fr);
	FCGX_Finish_r(fr);
}

static void
cgi_req_free(struct req *req)
{
	size_t	 i;

	form_free(&req->query);
	form_free(&req->form);
	form_free(&req->cookies);
	buf_free(&req->body);
	buf_free(&req->head);
	buf_free(&req->out);
	for (i = 0; i < req->nparams; i++)
		free(req->params[i]);
	free(req->path);
	auth_clear(req);
	memset(req, 0, sizeof *req);
}

static void
cgi_serve(char **env, struct cgi_io *io, struct db *db)
{
	struct req	 req;
	struct buf	 status;

	memset(&req, 0, sizeof req);
	req.env = env;
	req.db = db;
	req.cfg = cfg_get();
	buf_init(&req.head, 64 * 1024);
	buf_init(&req.out, 0);
	cgi_reqid(&req);
	cgi_dispatch(&req, io);
	if (!req.done || buf_failed(&req.head) || buf_failed(&req.out)) {
		log_error("response could not be built");
		buf_reset(&req.head);
		buf_reset(&req.out);
		req.set_cookie = false;
		req.done = false;
		resp_send(&req, 500, "text/plain; charset=utf-8",
		    "Something went wrong.\n", 22);
	}
	buf_init(&status, 128);
	buf_addf(&status, "Status: %d %s\r\n", req.status,
	    resp_reason(req.status));
	cgi_write(io, status.data, status.len);
	cgi_write(io, req.head.data, req.head.len);
	cgi_write(io, "\r\n", 2);
	if (req.method != METHOD_HEAD)
		cgi_write(io, req.out.data, req.out.len);
	cgi_flush(io);
	log_debug("%s %s %d", req.method_name, req.path != NULL ? req.path :
	    "?", req.status);
	buf_free(&status);
	cgi_req_free(&req);
	log_set_context("%s", cgi_app.name);
}

int
main(int argc, char **argv)
{
	const struct cfg	*cfg;
	struct sigaction	 sa;
	struct cgi_io		 io;
	FCGX_Request		 fr;
	struct db		*db;
	char			*cause;

	memset(&io, 0, sizeof io);
	log_init(argv[0]);
	log_set_context("%s", cgi_app.name);
	if ((cfg = cfg_load(CFG_NEED_DB, &cause)) == NULL) {
		log_error("configuration: %s", cause);
		return 78;	/* EX_CONFIG */
	}
	if (!tmpl_init(cfg->template_dir, &cause)) {
		log_error("%s", cause);
		return 78;
	}
	if (cgi_app.init != NULL && !cgi_app.init(&cause)) {
		log_error("%s", cause);
		return 78;
	}
	db = db_open(cfg->database_url, 1000);
	cache_init(db, cfg->database_url, !FCGX_IsCGI());

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = cgi_on_signal;	/* no SA_RESTART: accept must end */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);

	if (FCGX_IsCGI()) {
		io.fcgx = NULL;
		cgi_serve(environ, &io, db);
		fflush(stdout);
		db_close(db);
		return 0;
	}
	if (FCGX_Init() != 0 ||
	    FCGX_InitRequest(&fr, 0, FCGI_FAIL_ACCEPT_ON_INTR) != 0) {
		log_error("FastCGI initialisation failed");
		return 71;
	}
	log_info("serving");
	io.fcgx = &fr;
	/* Records of at most 64 KB; an answer is at most 1 GB (BUF_MAX). */
	buf_init(&io.wire, 0);
	while (!cgi_stop && FCGX_Accept_r(&fr) >= 0) {
		cgi_serve(fr.envp, &io, db);
		cgi_finish(&fr);
	}
	log_info("stopping");
	buf_free(&io.wire);
	db_close(db);
	cfg_free();
	return 0;
}
