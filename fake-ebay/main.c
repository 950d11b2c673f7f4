/*
 * fake-ebay: our eBay for the demo and the tests (SPEC section 7).  An
 * HTTP server (libmicrohttpd, one thread per connection so that a stalled
 * or slow reply holds up nobody else) speaking eBay's token endpoint and
 * Browse item_summary/search, plus a control API under /__fake/.  It
 * listens on loopback unless told otherwise, stops on SIGTERM or SIGINT,
 * and by itself after --max-seconds.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cfg.h"
#include "fake.h"
#include "log.h"
#include "xmalloc.h"

#define FAKE_BODY_MAX		65536
#define FAKE_CONNECTIONS	128

struct fake_opts	 fake_opts;
atomic_bool		 fake_stopping;

static struct sockaddr_in fake_addr;
static char		 fake_listen_str[64] = "127.0.0.1:8090";

static const struct option fake_longopts[] = {
	{ "listen", required_argument, NULL, 'l' },
	{ "client-id", required_argument, NULL, 'i' },
	{ "client-secret", required_argument, NULL, 's' },
	{ "clock", required_argument, NULL, 'c' },
	{ "freeze-clock", no_argument, NULL, 'z' },
	{ "latency-ms", required_argument, NULL, 'L' },
	{ "daily-limit", required_argument, NULL, 'd' },
	{ "token-ttl", required_argument, NULL, 't' },
	{ "seed", required_argument, NULL, 'S' },
	{ "hostile", no_argument, NULL, 'H' },
	{ "pidfile", required_argument, NULL, 'p' },
	{ "max-seconds", required_argument, NULL, 'm' },
	{ "fault", required_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static void
fake_usage(FILE *f)
{
	fprintf(f,
"usage: fake-ebay [--listen ADDR:PORT] [--client-id ID --client-secret S]\n"
"                 [--clock UNIX_SECONDS] [--freeze-clock] [--latency-ms N]\n"
"                 [--daily-limit N] [--token-ttl SECONDS] [--seed N]\n"
"                 [--hostile] [--pidfile FILE] [--max-seconds N]\n"
"                 [--fault KIND[:N]]... [--help]\n"
"\n"
"A fake eBay (token endpoint and Browse item_summary/search) for the demo\n"
"and the tests.  Listens on 127.0.0.1:8090 by default; the credentials\n"
"default to the demo keyset.  Fault kinds: latency:MS, expire, 429, 500,\n"
"502html, truncate, cutoff, malformed, stall, warning.  See\n"
"fake-ebay/README.md for the control API under /__fake/.\n");
}

double
fake_monotonic(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Sleep until done or the server stops, looking at the stop every 50 ms at
 * most; the last step is what is left, so that a latency of 120 ms is 120
 * ms, not 150.
 */
void
fake_sleep_ms(long ms)
{
	struct timespec	 ts;
	double		 until = fake_monotonic() + (double)ms / 1000.0, left;

	while (!atomic_load(&fake_stopping) &&
	    (left = until - fake_monotonic()) > 0) {
		if (left > 0.05)
			left = 0.05;
		ts.tv_sec = 0;
		ts.tv_nsec = (long)(left * 1e9);
		nanosleep(&ts, NULL);
	}
}

static bool
fake_number(const char *s, long long lo, long long hi, long long *out)
{
	char	*end;

	if (*s == '\0')
		return false;
	errno = 0;
	*out = strtoll(s, &end, 10);
	return errno == 0 && *end == '\0' && *out >= lo && *out <= hi;
}

static bool
fake_parse_listen(const char *s)
{
	const char	*colon = strrchr(s, ':');
	char		 host[64];
	long long	 port;

	if (colon == NULL || (size_t)(colon - s) >= sizeof host ||
	    !fake_number(colon + 1, 0, 65535, &port))
		return false;
	memcpy(host, s, (size_t)(colon - s));
	host[colon - s] = '\0';
	if (strcmp(host, "localhost") == 0)
		strcpy(host, "127.0.0.1");
	memset(&fake_addr, 0, sizeof fake_addr);
	fake_addr.sin_family = AF_INET;
	fake_addr.sin_port = htons((uint16_t)port);
	if (inet_pton(AF_INET, host, &fake_addr.sin_addr) != 1)
		return false;
	snprintf(fake_listen_str, sizeof fake_listen_str, "%s", s);
	return true;
}

/* Is the peer on loopback?  The control API answers nobody else. */
bool
fake_loopback(struct freq *r)
{
	const union MHD_ConnectionInfo	*ci;
	const struct sockaddr		*sa;

	ci = MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci == NULL || (sa = ci->client_addr) == NULL)
		return false;
	if (sa->sa_family == AF_INET)
		return (ntohl(((const struct sockaddr_in *)(const void *)sa)->
		    sin_addr.s_addr) >> 24) == 127;
	if (sa->sa_family == AF_INET6)
		return IN6_IS_ADDR_LOOPBACK(&((const struct sockaddr_in6 *)
		    (const void *)sa)->sin6_addr);
	return false;
}

/* Queue a reply; body is owned (freed by MHD). */
enum MHD_Result
fake_reply(struct freq *r, unsigned status, const char *ctype, char *body,
    size_t len)
{
	return fake_reply_hdr(r, status, ctype, body, len, NULL, NULL);
}

enum MHD_Result
fake_reply_hdr(struct freq *r, unsigned status, const char *ctype,
    char *body, size_t len, const char *name, const char *value)
{
	struct MHD_Response	*resp;
	enum MHD_Result		 ret;

	resp = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
	if (resp == NULL) {
		free(body);
		return MHD_NO;
	}
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, ctype);
	if (name != NULL)
		MHD_add_response_header(resp, name, value);
	ret = MHD_queue_response(r->conn, status, resp);
	MHD_destroy_response(resp);
	log_info("%s %s -> %u", r->method, r->path, status);
	return ret;
}

enum MHD_Result
fake_reply_json(struct freq *r, unsigned status, char *body)
{
	return fake_reply(r, status, "application/json", body, strlen(body));
}

struct fake_cut {
	char	*body;
	size_t	 len;		/* bytes sent before the connection drops */
};

static ssize_t
fake_cut_read(void *cls, uint64_t pos, char *out, size_t max)
{
	struct fake_cut	*c = cls;
	size_t		 n;

	if (pos >= c->len)
		return MHD_CONTENT_READER_END_WITH_ERROR;
	n = c->len - (size_t)pos < max ? c->len - (size_t)pos : max;
	memcpy(out, c->body + pos, n);
	return (ssize_t)n;
}

static void
fake_cut_free(void *cls)
{
	struct fake_cut	*c = cls;

	free(c->body);
	free(c);
}

/* Announce len bytes, send half of them, then drop the connection. */
enum MHD_Result
fake_reply_cutoff(struct freq *r, char *body, size_t len)
{
	struct MHD_Response	*resp;
	struct fake_cut		*c = xmalloc(sizeof *c);
	enum MHD_Result		 ret;

	c->body = body;
	c->len = len / 2;
	resp = MHD_create_response_from_callback(len, 4096, fake_cut_read, c,
	    fake_cut_free);
	if (resp == NULL) {
		fake_cut_free(c);
		return MHD_NO;
	}
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
	    "application/json");
	ret = MHD_queue_response(r->conn, MHD_HTTP_OK, resp);
	MHD_destroy_response(resp);
	return ret;
}

static enum MHD_Result
fake_not_found(struct freq *r)
{
	return fake_reply_json(r, MHD_HTTP_NOT_FOUND, fault_error_json(2002,
	    "ACCESS", "REQUEST", "Resource not found",
	    "The requested resource does not exist."));
}

/* http://<Host header>, so that next/prev/href lead back here. */
static void
fake_base_url(struct freq *r)
{
	const char	*host;

	host = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_HOST);
	if (host == NULL || *host == '\0' || strlen(host) > 128 ||
	    strspn(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789.-:[]") != strlen(host))
		host = fake_listen_str;
	snprintf(r->base_url, sizeof r->base_url, "http://%s", host);
}

static void *
fake_uri_log(void *cls, const char *uri, struct MHD_Connection *conn)
{
	struct freq	*r = xcalloc(1, sizeof *r);
	const char	*q;

	r->conn = conn;
	r->uri = xstrdup(uri);
	q = strchr(r->uri, '?');
	r->query = q != NULL ? q + 1 : "";
	buf_init(&r->body, FAKE_BODY_MAX);
	return r;
}

static void
fake_completed(void *cls, struct MHD_Connection *conn, void **req_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct freq	*r = *req_cls;

	if (r == NULL)
		return;
	buf_free(&r->body);
	free(r->uri);
	free(r);
	*req_cls = NULL;
}

static enum MHD_Result
fake_handler(void *cls, struct MHD_Connection *conn, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **req_cls)
{
	struct freq	*r = *req_cls;

	if (r == NULL)
		return MHD_NO;
	if (!r->started) {
		/* The first call has the headers only; the body follows. */
		r->started = true;
		return MHD_YES;
	}
	if (*upload_size > 0) {
		if (r->body.len + *upload_size > FAKE_BODY_MAX)
			r->too_big = true;
		else
			buf_add(&r->body, upload, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	r->path = url;
	r->method = method;
	fake_base_url(r);
	if (r->too_big)
		return fake_reply_json(r, MHD_HTTP_CONTENT_TOO_LARGE,
		    xstrdup("{\"error\":\"invalid_request\","
		    "\"error_description\":\"request body too large\"}"));
	if (strcmp(url, "/identity/v1/oauth2/token") == 0)
		return token_route(r);
	if (strcmp(url, "/buy/browse/v1/item_summary/search") == 0)
		return route_search(r);
	if (strcmp(url, "/developer/analytics/v1_beta/rate_limit/") == 0 ||
	    strcmp(url, "/developer/analytics/v1_beta/rate_limit") == 0)
		return route_rate_limit(r);
	if (strncmp(url, NOTIFY_KEY_PATH, strlen(NOTIFY_KEY_PATH)) == 0)
		return notify_key_route(r);
	if (strncmp(url, "/__fake/", 8) == 0)
		return control_route(r);
	return fake_not_found(r);
}

static void
fake_write_pidfile(const char *path)
{
	FILE	*f;

	if ((f = fopen(path, "w")) == NULL ||
	    fprintf(f, "%ld\n", (long)getpid()) < 0 || fclose(f) != 0)
		log_fatal("cannot write the pid file %s: %s", path,
		    strerror(errno));
}

static void
fake_options(int argc, char **argv, const char **pidfile)
{
	long long	 n;
	int		 c, idx = 0;
	char		*cause;
	time_t		 start = time(NULL);
	bool		 frozen = false;

	fake_opts.client_id = CFG_DEMO_CLIENT_ID;
	fake_opts.client_secret = CFG_DEMO_CLIENT_SECRET;
	fake_parse_listen("127.0.0.1:8090");
	while ((c = getopt_long(argc, argv, "h", fake_longopts, &idx)) != -1) {
		switch (c) {
		case 'l':
			if (!fake_parse_listen(optarg))
				goto bad;
			break;
		case 'i':
			fake_opts.client_id = optarg;
			break;
		case 's':
			fake_opts.client_secret = optarg;
			break;
		case 'c':
			if (!fake_number(optarg, 0, 253402300799LL, &n))
				goto bad;
			start = (time_t)n;
			break;
		case 'z':
			frozen = true;
			break;
		case 'L':
			if (!fake_number(optarg, 0, 60000, &n))
				goto bad;
			fake_opts.latency_ms = (long)n;
			break;
		case 'd':
			if (!fake_number(optarg, 0, 100000000, &n))
				goto bad;
			route_set_daily_limit((long)n);
			break;
		case 't':
			if (!fake_number(optarg, 1, 31536000, &n))
				goto bad;
			token_set_ttl((long)n);
			break;
		case 'S':
			if (!fake_number(optarg, 0, 0x7fffffffffffffffLL, &n))
				goto bad;
			fake_opts.seed = (uint64_t)n;
			break;
		case 'H':
			route_set_hostile(true);
			break;
		case 'p':
			*pidfile = optarg;
			break;
		case 'm':
			if (!fake_number(optarg, 1, 31536000, &n))
				goto bad;
			fake_opts.max_seconds = (long)n;
			break;
		case 'f':
			if (!fault_parse_arg(optarg, &cause)) {
				fprintf(stderr, "fake-ebay: --fault: %s\n", cause);
				free(cause);
				exit(2);
			}
			break;
		case 'h':
			fake_usage(stdout);
			exit(0);
		default:
			fake_usage(stderr);
			exit(2);
		}
	}
	if (optind != argc) {
		fake_usage(stderr);
		exit(2);
	}
	fclock_init(start, frozen);
	return;
bad:
	fprintf(stderr, "fake-ebay: bad value for --%s: \"%s\"\n",
	    fake_longopts[idx].name, optarg);
	fake_usage(stderr);
	exit(2);
}

int
main(int argc, char **argv)
{
	struct MHD_Daemon		*d;
	const union MHD_DaemonInfo	*di;
	const char			*pidfile = NULL, *level;
	enum log_level			 lvl;
	sigset_t			 set;
	struct timespec			 tick = { 0, 200 * 1000000L };
	int				 sig;

	log_init("fake-ebay");
	if ((level = getenv("LOG_LEVEL")) != NULL && log_level_parse(level, &lvl))
		log_set_level(lvl);
	fake_options(argc, argv, &pidfile);
	notify_init();
	if (fake_opts.max_seconds > 0)
		fake_opts.deadline = fake_monotonic() +
		    (double)fake_opts.max_seconds;

	/* Signals go to this thread only, through sigtimedwait. */
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, NULL);

	d = MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION |
	    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG, 0, NULL, NULL,
	    fake_handler, NULL,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&fake_addr,
	    MHD_OPTION_URI_LOG_CALLBACK, fake_uri_log, NULL,
	    MHD_OPTION_NOTIFY_COMPLETED, fake_completed, NULL,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)FAKE_CONNECTIONS,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)120,
	    MHD_OPTION_END);
	if (d == NULL) {
		fprintf(stderr, "fake-ebay: cannot listen on %s\n",
		    fake_listen_str);
		return 1;
	}
	di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	if (pidfile != NULL)
		fake_write_pidfile(pidfile);
	printf("fake-ebay: listening on http://%s:%u\n",
	    inet_ntoa(fake_addr.sin_addr), di != NULL ? di->port : 0);
	fflush(stdout);

	for (;;) {
		sig = sigtimedwait(&set, NULL, &tick);
		if (sig > 0) {
			log_info("signal %d: stopping", sig);
			break;
		}
		if (fake_opts.deadline > 0 &&
		    fake_monotonic() >= fake_opts.deadline) {
			log_info("--max-seconds reached: stopping");
			break;
		}
	}
	atomic_store(&fake_stopping, true);
	MHD_stop_daemon(d);
	if (pidfile != NULL)
		unlink(pidfile);
	return 0;
}
