/*
 * receiver-smtp: an SMTP server for tests that stores every message.  On
 * 127.0.0.1 only, one connection at a time; stops by itself.
 *
 *   receiver-smtp --dir DIR [--port N] [--port-file F] [--max-seconds N]
 *
 * Each message goes to DIR/NNNN.eml (as received, dots unstuffed) with its
 * envelope in DIR/NNNN.env ("from ADDR", "to ADDR" lines, "auth yes" when
 * the client logged in), renamed into place once complete.  AUTH PLAIN and
 * LOGIN accept anything.  If DIR/fail exists, MAIL FROM is refused with
 * 451, so the client sees a real SMTP error.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "buf.h"
#include "receiver.h"

static const char	*smtp_dir;
static unsigned		 smtp_count;
static time_t		 smtp_deadline;

struct smtp_conn {
	int		 fd;
	char		 in[65536];
	size_t		 len;
};

static void
smtp_say(struct smtp_conn *c, const char *s)
{
	size_t	 n = strlen(s), off = 0;
	ssize_t	 w;

	while (off < n) {
		if ((w = write(c->fd, s + off, n - off)) <= 0)
			return;
		off += (size_t)w;
	}
}

/* Read one line (without CRLF) into out; false on EOF, error or deadline. */
static bool
smtp_line(struct smtp_conn *c, struct buf *out)
{
	struct pollfd	 pfd;
	char		*nl;
	ssize_t		 r;
	size_t		 n;

	buf_reset(out);
	for (;;) {
		if ((nl = memchr(c->in, '\n', c->len)) != NULL) {
			n = (size_t)(nl - c->in);
			buf_add(out, c->in, n > 0 && c->in[n - 1] == '\r' ?
			    n - 1 : n);
			memmove(c->in, nl + 1, c->len - n - 1);
			c->len -= n + 1;
			return true;
		}
		if (c->len == sizeof c->in)
			return false;
		pfd.fd = c->fd;
		pfd.events = POLLIN;
		if (time(NULL) >= smtp_deadline || poll(&pfd, 1, 1000) < 0)
			return false;
		if (!(pfd.revents & (POLLIN | POLLHUP | POLLERR)))
			continue;
		if ((r = read(c->fd, c->in + c->len, sizeof c->in - c->len))
		    <= 0)
			return false;
		c->len += (size_t)r;
	}
}

static bool
smtp_exists(const char *name)
{
	char	 path[4096];

	snprintf(path, sizeof path, "%s/%s", smtp_dir, name);
	return access(path, F_OK) == 0;
}

static void
smtp_session(struct smtp_conn *c)
{
	struct buf	 line, env, msg;
	char		 name[64], ok[128];
	bool		 auth = false;

	buf_init(&line, 0);
	buf_init(&env, 0);
	buf_init(&msg, 0);
	smtp_say(c, "220 receiver ESMTP test\r\n");
	while (smtp_line(c, &line)) {
		const char *l = buf_cstr(&line);

		if (strncasecmp(l, "EHLO", 4) == 0)
			smtp_say(c, "250-receiver\r\n250-AUTH PLAIN LOGIN\r\n"
			    "250-8BITMIME\r\n250 SIZE 10485760\r\n");
		else if (strncasecmp(l, "HELO", 4) == 0)
			smtp_say(c, "250 receiver\r\n");
		else if (strncasecmp(l, "AUTH PLAIN", 10) == 0) {
			if (strlen(l) <= 11) {
				smtp_say(c, "334 \r\n");
				if (!smtp_line(c, &line))
					break;
			}
			auth = true;
			smtp_say(c, "235 2.7.0 accepted\r\n");
		} else if (strncasecmp(l, "AUTH LOGIN", 10) == 0) {
			if (strlen(l) <= 11) {
				smtp_say(c, "334 VXNlcm5hbWU6\r\n");
				if (!smtp_line(c, &line))
					break;
			}
			smtp_say(c, "334 UGFzc3dvcmQ6\r\n");
			if (!smtp_line(c, &line))
				break;
			auth = true;
			smtp_say(c, "235 2.7.0 accepted\r\n");
		} else if (strncasecmp(l, "MAIL FROM:", 10) == 0) {
			if (smtp_exists("fail")) {
				smtp_say(c, "451 4.3.0 told to fail\r\n");
				continue;
			}
			buf_reset(&env);
			buf_addf(&env, "from %s\n", l + 10);
			smtp_say(c, "250 2.1.0 ok\r\n");
		} else if (strncasecmp(l, "RCPT TO:", 8) == 0) {
			buf_addf(&env, "to %s\n", l + 8);
			smtp_say(c, "250 2.1.5 ok\r\n");
		} else if (strcasecmp(l, "DATA") == 0) {
			smtp_say(c, "354 end with <CRLF>.<CRLF>\r\n");
			buf_reset(&msg);
			while (smtp_line(c, &line)) {
				l = buf_cstr(&line);
				if (strcmp(l, ".") == 0)
					break;
				buf_adds(&msg, l[0] == '.' ? l + 1 : l);
				buf_adds(&msg, "\r\n");
			}
			if (auth)
				buf_adds(&env, "auth yes\n");
			smtp_count++;
			snprintf(name, sizeof name, "%04u.env", smtp_count);
			rcv_save(smtp_dir, name, buf_cstr(&env), env.len);
			snprintf(name, sizeof name, "%04u.eml", smtp_count);
			rcv_save(smtp_dir, name, buf_cstr(&msg), msg.len);
			snprintf(ok, sizeof ok, "250 2.0.0 queued as %04u\r\n",
			    smtp_count);
			smtp_say(c, ok);
		} else if (strncasecmp(l, "RSET", 4) == 0 ||
		    strncasecmp(l, "NOOP", 4) == 0)
			smtp_say(c, "250 2.0.0 ok\r\n");
		else if (strncasecmp(l, "QUIT", 4) == 0) {
			smtp_say(c, "221 2.0.0 bye\r\n");
			break;
		} else
			smtp_say(c, "502 5.5.2 not implemented\r\n");
	}
	buf_free(&line);
	buf_free(&env);
	buf_free(&msg);
}

int
main(int argc, char **argv)
{
	struct rcv_opts		 o;
	struct sockaddr_in	 sin;
	struct smtp_conn	 c;
	struct pollfd		 pfd;
	socklen_t		 len = sizeof sin;
	int			 s, one = 1;

	rcv_opts(&o, "receiver-smtp", argc, argv);
	smtp_dir = o.dir;
	signal(SIGPIPE, SIG_IGN);
	smtp_deadline = time(NULL) + o.max_seconds;
	rcv_loopback(&sin, o.port);
	if ((s = socket(AF_INET, SOCK_STREAM, 0)) < 0 ||
	    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 ||
	    bind(s, (struct sockaddr *)&sin, sizeof sin) < 0 ||
	    listen(s, 16) < 0 ||
	    getsockname(s, (struct sockaddr *)&sin, &len) < 0) {
		fprintf(stderr, "receiver-smtp: cannot listen on 127.0.0.1:%d: "
		    "%s\n", o.port, strerror(errno));
		return 1;
	}
	rcv_port_file(&o, ntohs(sin.sin_port));
	while (time(NULL) < smtp_deadline) {
		pfd.fd = s;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, 1000) <= 0)
			continue;
		memset(&c, 0, sizeof c);
		if ((c.fd = accept(s, NULL, NULL)) < 0)
			continue;
		smtp_session(&c);
		close(c.fd);
	}
	close(s);
	return 0;
}
