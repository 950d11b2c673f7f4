/*
 * What the test receivers (receiver-http, receiver-smtp) share: their
 * command line (--dir DIR [--port N] [--port-file F] [--max-seconds N]),
 * the loopback address they listen on, the port file and the recordings
 * they write (each renamed into place once complete).
 */
#ifndef RECEIVER_H
#define RECEIVER_H

#include <stddef.h>

#include <netinet/in.h>

struct rcv_opts {
	const char	*dir;
	const char	*port_file;
	int		 port;		/* 0: any free one */
	int		 max_seconds;	/* stops by itself after these */
};

void	rcv_opts(struct rcv_opts *, const char *prog, int, char **);
void	rcv_loopback(struct sockaddr_in *, int port);
void	rcv_port_file(const struct rcv_opts *, unsigned port);
void	rcv_save(const char *dir, const char *name, const void *, size_t);

#endif
