/*
 * Building responses (see cgi.h).  A handler sets headers, then exactly one
 * resp_send (or a helper that calls it); main.c writes it out.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <json-c/json.h>

#include "cfg.h"
#include "cgi.h"
#include "db.h"
#include "log.h"
#include "page.h"
#include "tmpl.h"

const char *
resp_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 202: return "Accepted";
	case 204: return "No Content";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 412: return "Precondition Failed";
	case 413: return "Content Too Large";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 502: return "Bad Gateway";
	case 503: return "Service Unavailable";
	default:  return "Unknown";
	}
}

/*
 * Add a header line; a name or value with CR or LF is dropped, logged.  A
 * Set-Cookie marks the answer (req->set_cookie): the page cache skips it.
 */
void
resp_header(struct req *req, const char *name, const char *value)
{
	if (strpbrk(name, "\r\n:") != NULL || strpbrk(value, "\r\n") != NULL) {
		log_error("resp_header: refusing header %s with a line break",
		    name);
		return;
	}
	buf_addf(&req->head, "%s: %s\r\n", name, value);
	if (strcasecmp(name, "Set-Cookie") == 0)
		req->set_cookie = true;	/* never cached: cache_page_put */
}

void
resp_send(struct req *req, int status, const char *type, const void *body,
    size_t len)
{
	if (req->done) {
		log_error("resp_send: a response was already sent");
		return;
	}
	req->done = true;
	req->status = status;
	if (type != NULL)
		resp_header(req, "Content-Type", type);
	buf_addf(&req->head, "Content-Length: %zu\r\n", len);
	buf_add(&req->out, body, len);
}

/* Serialize obj with json-c (the only way JSON is made); obj is not freed. */
void
resp_json(struct req *req, int status, struct json_object *obj)
{
	const char	*s;
	size_t		 len;

	s = json_object_to_json_string_length(obj, JSON_C_TO_STRING_PLAIN |
	    JSON_C_TO_STRING_NOSLASHESCAPE, &len);
	resp_header(req, "Cache-Control", "no-store");
	resp_send(req, status, "application/json", s, len);
}

/* 303 See Other to a local path (it must start with one slash). */
void
resp_redirect(struct req *req, const char *location)
{
	static const char	 msg[] = "See Other\n";

	if (location[0] != '/' || location[1] == '/' || location[1] == '\\')
		location = "/";
	resp_header(req, "Location", location);
	resp_send(req, 303, "text/plain; charset=utf-8", msg, sizeof msg - 1);
}

/*
 * An error: JSON {"error":{"status","field","message"}} for the API, else
 * the HTML error page.  field may be NULL.
 */
void
resp_error(struct req *req, int status, const char *field, const char *message)
{
	struct json_object	*root, *err;

	if (req_wants_json(req)) {
		root = json_object_new_object();
		err = json_object_new_object();
		json_object_object_add(err, "status",
		    json_object_new_int(status));
		if (field != NULL)
			json_object_object_add(err, "field",
			    json_object_new_string(field));
		json_object_object_add(err, "message",
		    json_object_new_string(message));
		json_object_object_add(root, "error", err);
		resp_json(req, status, root);
		json_object_put(root);
		return;
	}
	page_error(req, status, field, message);
}

void
resp_not_found(struct req *req)
{
	resp_error(req, 404, NULL, "There is nothing at this address.");
}

/* The database did not answer: 503, to be tried again in a moment. */
void
resp_unavailable(struct req *req)
{
	resp_header(req, "Retry-After", "5");
	resp_error(req, 503, NULL, "The database is not answering. Try again "
	    "in a moment.");
}

/*
 * A database call of this request failed: 503 when the database did not
 * answer, else 500 with what could not be done.
 */
void
resp_db_failed(struct req *req, const char *what)
{
	if (db_error(req->db) == DB_ERR_UNAVAILABLE)
		resp_unavailable(req);
	else
		resp_error(req, 500, NULL, what);
}
