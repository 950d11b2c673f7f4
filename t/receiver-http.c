/*
 * receiver-http: an HTTP server for tests that records every request and
 * answers what it is told.  On 127.0.0.1 only; stops by itself.
 *
 *   receiver-http --dir DIR [--port N] [--port-file F] [--max-seconds N]
 *
 * Each request is written to DIR/NNNN.req (first line "METHOD TARGET",
 * then the headers, a blank line, then the body) and its body alone to
 * DIR/NNNN.body, each file renamed into place once complete.  The answer
 * is 200 with {"ok":true}, unless DIR/status holds another status code,
 * DIR/reply another body, or DIR/delay a number of seconds to wait first
 * (each read per request, so a test changes them while it runs).
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sys/socket.h>

#include <microhttpd.h>

#include "buf.h"
#include "receiver.h"

static const char	*rcv_dir;
static unsigned		 rcv_count;
static pthread_mutex_t	 rcv_lock = PTHREAD_MUTEX_INITIALIZER;

struct rcv_req {
	struct buf	 body;
};

/* The contents of DIR/name, NUL-terminated, trailing newline dropped. */
static char *
rcv_control(const char *name)
{
	char	 path[4096], *s;
	FILE	*f;
	size_t	 n;

	snprintf(path, sizeof path, "%s/%s", rcv_dir, name);
	if ((f = fopen(path, "r")) == NULL)
		return NULL;
	s = calloc(1, 65536);
	n = s != NULL ? fread(s, 1, 65535, f) : 0;
	fclose(f);
	while (s != NULL && n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

static enum MHD_Result
rcv_header(void *arg, enum MHD_ValueKind kind, const char *k, const char *v)
{
	buf_addf(arg, "%s: %s\n", k, v != NULL ? v : "");
	return MHD_YES;
}

static void
rcv_record(struct MHD_Connection *c, const char *method, const char *url,
    struct buf *body)
{
	struct buf	 b;
	char		 name[64];
	unsigned	 n;

	buf_init(&b, 0);
	buf_addf(&b, "%s %s", method, url);
	buf_adds(&b, "\n");
	MHD_get_connection_values(c, MHD_HEADER_KIND, rcv_header, &b);
	buf_adds(&b, "\n");
	buf_add(&b, body->data != NULL ? body->data : "", body->len);
	pthread_mutex_lock(&rcv_lock);
	n = ++rcv_count;
	snprintf(name, sizeof name, "%04u.body", n);
	rcv_save(rcv_dir, name, body->data != NULL ? body->data : "", body->len);
	snprintf(name, sizeof name, "%04u.req", n);
	rcv_save(rcv_dir, name, b.data, b.len);
	pthread_mutex_unlock(&rcv_lock);
	buf_free(&b);
}

static enum MHD_Result
rcv_handle(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **con_cls)
{
	struct rcv_req		*r = *con_cls;
	struct MHD_Response	*resp;
	char			*status, *reply, *delay;
	int			 code = 200;
	enum MHD_Result		 ret;

	if (r == NULL) {
		if ((r = calloc(1, sizeof *r)) == NULL)
			return MHD_NO;
		buf_init(&r->body, 16 * 1024 * 1024);
		*con_cls = r;
		return MHD_YES;
	}
	if (*upload_size > 0) {
		buf_add(&r->body, upload, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	if ((delay = rcv_control("delay")) != NULL) {
		sleep((unsigned)atoi(delay));
		free(delay);
	}
	rcv_record(c, method, url, &r->body);
	if ((status = rcv_control("status")) != NULL) {
		code = atoi(status);
		free(status);
	}
	if (code < 100 || code > 599)
		code = 500;
	if ((reply = rcv_control("reply")) == NULL)
		reply = strdup("{\"ok\":true}");
	resp = MHD_create_response_from_buffer(strlen(reply), reply,
	    MHD_RESPMEM_MUST_FREE);
	MHD_add_response_header(resp, "Content-Type", "application/json");
	ret = MHD_queue_response(c, (unsigned)code, resp);
	MHD_destroy_response(resp);
	return ret;
}

static void
rcv_done(void *cls, struct MHD_Connection *c, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct rcv_req	*r = *con_cls;

	if (r != NULL) {
		buf_free(&r->body);
		free(r);
	}
	*con_cls = NULL;
}

int
main(int argc, char **argv)
{
	struct rcv_opts		 o;
	struct sockaddr_in	 sin;
	struct MHD_Daemon	*d;
	const union MHD_DaemonInfo *info;

	rcv_opts(&o, "receiver-http", argc, argv);
	rcv_dir = o.dir;
	rcv_loopback(&sin, o.port);
	d = MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION |
	    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG, 0, NULL, NULL,
	    rcv_handle, NULL, MHD_OPTION_SOCK_ADDR, &sin,
	    MHD_OPTION_NOTIFY_COMPLETED, rcv_done, NULL,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30, MHD_OPTION_END);
	if (d == NULL) {
		fprintf(stderr, "receiver-http: cannot listen on 127.0.0.1:%d: "
		    "%s\n", o.port, strerror(errno));
		return 1;
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	rcv_port_file(&o, info != NULL ? info->port : (unsigned)o.port);
	signal(SIGPIPE, SIG_IGN);
	sleep((unsigned)o.max_seconds);
	MHD_stop_daemon(d);
	return 0;
}
