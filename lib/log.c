/*
 * Logging with levels, context and sanitising (see log.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "log.h"

static const char *const log_names[LOG_LEVEL__MAX] = {
	"debug", "info", "warn", "error"
};

#define LOG_LINE_MAX	8192

static char		 log_prog[32] = "ebay-scanner";
static char		 log_ctx[128];
static enum log_level	 log_level = LOG_LEVEL_INFO;

void
log_init(const char *prog)
{
	const char	*p;

	if ((p = strrchr(prog, '/')) != NULL)
		prog = p + 1;
	snprintf(log_prog, sizeof log_prog, "%s", prog);
}

void
log_set_level(enum log_level level)
{
	log_level = level;
}

enum log_level
log_get_level(void)
{
	return log_level;
}

bool
log_level_parse(const char *s, enum log_level *out)
{
	int	 i;

	for (i = 0; i < LOG_LEVEL__MAX; i++)
		if (strcmp(s, log_names[i]) == 0) {
			*out = (enum log_level)i;
			return true;
		}
	return false;
}

const char *
log_level_name(enum log_level level)
{
	return level < LOG_LEVEL__MAX ? log_names[level] : "?";
}

/* Set the context shown on every line until changed; "" clears it. */
void
log_set_context(const char *fmt, ...)
{
	struct buf	 b;
	char		 raw[sizeof log_ctx];
	va_list		 ap;

	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	buf_init(&b, sizeof log_ctx - 1);
	log_sanitize(&b, raw, strlen(raw));
	snprintf(log_ctx, sizeof log_ctx, "%s", buf_cstr(&b));
	buf_free(&b);
}

/* Length of a valid UTF-8 sequence at p (at most n bytes), or 0. */
static size_t
log_utf8_len(const unsigned char *p, size_t n, unsigned *cp)
{
	size_t	 len, i;
	unsigned c;

	if (p[0] < 0xc2 || p[0] > 0xf4)
		return 0;
	len = p[0] < 0xe0 ? 2 : p[0] < 0xf0 ? 3 : 4;
	if (len > n)
		return 0;
	c = p[0] & (0x3f >> (len - 1));
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

/* Code points that change how a line displays: C1 and bidi controls. */
static bool
log_cp_hostile(unsigned cp)
{
	return (cp >= 0x80 && cp <= 0x9f) || cp == 0x061c ||
	    (cp >= 0x200e && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029;
}

/*
 * Append s (n bytes) to b with control characters, invalid UTF-8, C1 and
 * bidirectional controls escaped as \xNN or \u{NNNN}; backslash doubled.
 */
void
log_sanitize(struct buf *b, const char *s, size_t n)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i, len;
	unsigned		 cp;

	for (i = 0; i < n; i++) {
		if (p[i] == '\\')
			buf_add(b, "\\\\", 2);
		else if (p[i] < 0x20 || p[i] == 0x7f)
			buf_addf(b, "\\x%02x", p[i]);
		else if (p[i] < 0x80)
			buf_addc(b, (char)p[i]);
		else if ((len = log_utf8_len(p + i, n - i, &cp)) == 0)
			buf_addf(b, "\\x%02x", p[i]);
		else {
			if (log_cp_hostile(cp))
				buf_addf(b, "\\u{%04x}", cp);
			else
				buf_add(b, p + i, len);
			i += len - 1;
		}
	}
}

void
log_vmsg(enum log_level level, const char *fmt, va_list ap)
{
	struct buf	 line, body;
	struct timespec	 ts;
	struct tm	 tm;
	char		*msg = NULL;
	int		 n;

	if (level < log_level)
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	/* No xmalloc here: logging must work when memory is short. */
	if ((n = vasprintf(&msg, fmt, ap)) < 0)
		msg = NULL;
	buf_init(&body, LOG_LINE_MAX);
	if (msg != NULL)
		log_sanitize(&body, msg, (size_t)n);
	else
		buf_adds(&body, "(log message lost: out of memory)");
	buf_init(&line, 0);
	buf_addf(&line, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ %s %s",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, ts.tv_nsec / 1000000L, log_prog,
	    log_names[level < LOG_LEVEL__MAX ? level : LOG_LEVEL_ERROR]);
	if (log_ctx[0] != '\0')
		buf_addf(&line, " [%s]", log_ctx);
	buf_addc(&line, ' ');
	buf_add(&line, buf_cstr(&body), body.len);
	if (buf_failed(&body))
		buf_adds(&line, "...");	/* cut at the cap */
	buf_addc(&line, '\n');
	if (!buf_failed(&line) &&
	    write(STDERR_FILENO, line.data, line.len) < 0) {
		/* Nowhere left to report it. */
	}
	buf_free(&line);
	buf_free(&body);
	free(msg);
}

void
log_msg(enum log_level level, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	log_vmsg(level, fmt, ap);
	va_end(ap);
}

void
log_fatal(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	log_vmsg(LOG_LEVEL_ERROR, fmt, ap);
	va_end(ap);
	exit(70);	/* EX_SOFTWARE */
}
