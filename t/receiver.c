/*
 * What the test receivers share (see receiver.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <arpa/inet.h>

#include "receiver.h"

static void
rcv_usage(const char *prog)
{
	fprintf(stderr, "usage: %s --dir DIR [--port N] [--port-file F] "
	    "[--max-seconds N]\n", prog);
	exit(2);
}

/* The command line into o; exits 2 with the usage when it is wrong. */
void
rcv_opts(struct rcv_opts *o, const char *prog, int argc, char **argv)
{
	int	 i;

	memset(o, 0, sizeof *o);
	o->max_seconds = 60;
	for (i = 1; i < argc; i++) {
		if (i + 1 >= argc)
			rcv_usage(prog);
		if (strcmp(argv[i], "--dir") == 0)
			o->dir = argv[++i];
		else if (strcmp(argv[i], "--port") == 0)
			o->port = atoi(argv[++i]);
		else if (strcmp(argv[i], "--port-file") == 0)
			o->port_file = argv[++i];
		else if (strcmp(argv[i], "--max-seconds") == 0)
			o->max_seconds = atoi(argv[++i]);
		else
			rcv_usage(prog);
	}
	if (o->dir == NULL || o->port < 0 || o->port > 65535 ||
	    o->max_seconds < 1)
		rcv_usage(prog);
}

/* 127.0.0.1:port. */
void
rcv_loopback(struct sockaddr_in *sin, int port)
{
	memset(sin, 0, sizeof *sin);
	sin->sin_family = AF_INET;
	sin->sin_port = htons((unsigned short)port);
	sin->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
}

/* The port listened on, into --port-file if given. */
void
rcv_port_file(const struct rcv_opts *o, unsigned port)
{
	FILE	*f;

	if (o->port_file != NULL && (f = fopen(o->port_file, "w")) != NULL) {
		fprintf(f, "%u\n", port);
		fclose(f);
	}
}

/* n bytes of p as DIR/name, written aside and renamed into place. */
void
rcv_save(const char *dir, const char *name, const void *p, size_t n)
{
	char	 path[4096], tmp[4200];
	FILE	*f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	if ((f = fopen(tmp, "w")) == NULL)
		return;
	fwrite(p, 1, n, f);
	fclose(f);
	rename(tmp, path);
}
