/*
 * GET /healthz: 200 {"status":"ok"} when the database answers, 503 when it
 * does not (within the connect deadline of one second), and 200 again once
 * it is back: the connection is reopened by db.c, with no restart.
 */
#include "config.h"

#include <json-c/json.h>

#include "cgi.h"
#include "db.h"
#include "log.h"

static void
health_get(struct req *req)
{
	struct json_object	*o;
	bool			 up;

	up = db_ping(req->db);
	if (!up)
		log_warn("healthz: database unavailable: %s",
		    db_errmsg(req->db));
	o = json_object_new_object();
	json_object_object_add(o, "status",
	    json_object_new_string(up ? "ok" : "unavailable"));
	json_object_object_add(o, "database",
	    json_object_new_string(up ? "up" : "down"));
	resp_json(req, up ? 200 : 503, o);
	json_object_put(o);
}

static const struct route health_routes[] = {
	{ "/healthz", METHOD_GET, ROUTE_PUBLIC | ROUTE_NODB | ROUTE_API,
	    health_get },
	{ NULL, 0, 0, NULL }
};

const struct app cgi_app = {
	.name = "health",
	.routes = health_routes,
};
