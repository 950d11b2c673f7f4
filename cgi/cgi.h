/*
 * The FastCGI side: every route program links main.c (the request loop and
 * the checks every request passes), resp.c (responses) and auth.c
 * (sessions, API tokens, CSRF) with one route file that defines cgi_app,
 * its table of routes.
 *
 * Checks run in this order before a handler is called: 404 (no route has
 * the path), 405 with Allow, 413 (body too large), 400 (a body cut short
 * or a malformed multipart form), 503 (database down), 303 to /login or
 * 401 for the API (no session), 403 (CSRF).
 */
#ifndef CGI_H
#define CGI_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "buf.h"
#include "form.h"
#include "secret.h"

struct cfg;
struct db;
struct json_object;

enum method {
	METHOD_GET = 0x1,
	METHOD_HEAD = 0x2,
	METHOD_POST = 0x4,
	METHOD_PUT = 0x8,
	METHOD_PATCH = 0x10,
	METHOD_DELETE = 0x20,
	METHOD_OTHER = 0x40
};

#define ROUTE_PUBLIC	0x1	/* no session needed */
#define ROUTE_NODB	0x2	/* handler copes with the database itself */
#define ROUTE_API	0x4	/* JSON errors, 401 not 303, Bearer tokens */
#define ROUTE_NOCSRF	0x8	/* POST without a CSRF token */

#define CGI_MAX_PARAMS	4
#define CGI_BODY_MAX	(1024 * 1024)	/* nginx's client_max_body_size */

struct req;

struct route {
	const char	*pattern;	/* "/searches/{id}/run": {x} = a segment */
	unsigned	 methods;	/* METHOD_GET | METHOD_POST ... */
	unsigned	 flags;		/* ROUTE_* */
	void		(*handler)(struct req *);
};

struct app {
	const char		*name;		/* for logs */
	const struct route	*routes;	/* ends with a NULL pattern */
	bool			(*init)(char **cause);	/* optional */
};

/* Defined by the route file each program links. */
extern const struct app cgi_app;

struct req {
	/* The request, borrowed until the request ends. */
	char			**env;
	unsigned		  method;
	const char		 *method_name;
	char			 *path;		/* decoded path, no query */
	const char		 *query_string;
	struct form		  query;
	struct form		  form;		/* urlencoded or multipart body */
	struct form		  cookies;
	struct buf		  body;		/* the raw body */
	char			 *params[CGI_MAX_PARAMS];	/* {x} captures */
	size_t			  nparams;
	const struct route	 *route;
	const struct cfg	 *cfg;
	struct db		 *db;
	char			  reqid[40];

	/* Who asks: set by auth.c before the handler runs. */
	int64_t			  user_id;	/* 0: nobody */
	char			 *username;
	char			 *csrf;		/* the session's CSRF token */
	bool			  via_token;	/* Bearer API token */
	char			  sid[SECRET_SHA256_HEX]; /* session hash or "" */

	/* The caches (cache.c). */
	bool			  cache_ok;	/* this request may use them */
	uint64_t		  cache_gen;	/* generation at the start */
	bool			  page;		/* an HTML page (page_send) */

	/* The response. */
	int			  status;
	struct buf		  head;		/* header lines, CRLF each */
	struct buf		  out;		/* body */
	bool			  set_cookie;	/* head has a Set-Cookie */
	bool			  done;
};

/* main.c */
const char	*req_header(const struct req *, const char *cgi_name);
const char	*req_param(const struct req *, size_t);
bool		 req_wants_json(const struct req *);

/* resp.c */
const char	*resp_reason(int);
void		 resp_header(struct req *, const char *, const char *);
void		 resp_send(struct req *, int, const char *type, const void *,
		    size_t);
void		 resp_json(struct req *, int, struct json_object *);
void		 resp_redirect(struct req *, const char *);
void		 resp_error(struct req *, int, const char *field,
		    const char *message);
void		 resp_not_found(struct req *);
void		 resp_unavailable(struct req *);
void		 resp_db_failed(struct req *, const char *what);

/* cache.c */
void		 cache_init(struct db *, const char *database_url, bool);
void		 cache_sync(struct req *);
void		 cache_changed(void);
bool		 cache_session_get(struct req *, const char *sid);
void		 cache_session_put(struct req *, const char *sid, time_t);
bool		 cache_page_get(struct req *);
void		 cache_page_put(struct req *);

/* auth.c */
bool		 auth_load(struct req *);
bool		 auth_csrf_ok(struct req *);
void		 auth_clear(struct req *);
bool		 auth_session_start(struct req *, int64_t user_id,
		    const char *username) __attribute__((warn_unused_result));
bool		 auth_session_end(struct req *);

#endif
