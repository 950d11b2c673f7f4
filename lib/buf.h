/*
 * A growable byte buffer with a sticky failure flag, after pgbouncer's
 * PktBuf: once an append fails (allocation, or the buffer's size cap), every
 * later append does nothing and buf_failed() says so, so a caller checks
 * once at the end.  The data is always NUL-terminated.
 */
#ifndef BUF_H
#define BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

struct buf {
	char	*data;		/* owned; NUL-terminated; NULL until used */
	size_t	 len;		/* bytes stored, not counting the NUL */
	size_t	 cap;		/* bytes allocated */
	size_t	 max;		/* largest len allowed; 0 means BUF_MAX */
	bool	 failed;
};

#define BUF_MAX		((size_t)1 << 30)	/* 1 GiB: a runaway guard */

void	 buf_init(struct buf *, size_t max);
void	 buf_free(struct buf *);
void	 buf_reset(struct buf *);
bool	 buf_failed(const struct buf *);
void	 buf_add(struct buf *, const void *, size_t);
void	 buf_adds(struct buf *, const char *);
void	 buf_addc(struct buf *, char);
void	 buf_addf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_addvf(struct buf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
void	 buf_add_json_str(struct buf *, const char *);
void	 buf_add_urlenc(struct buf *, const char *);
const char *buf_cstr(struct buf *);
char	*buf_detach(struct buf *);

/* Whether n more bytes (and the NUL) fit without growing the buffer. */
static inline bool
buf_room(const struct buf *b, size_t n)
{
	return !b->failed && b->cap - b->len > n && b->len + n <= b->max;
}

/*
 * buf_add without the call when there is room, for loops that append a
 * few bytes at a time (the fake's JSON writer: tens of thousands per
 * answer).
 */
static inline void
buf_put(struct buf *b, const char *s, size_t n)
{
	if (buf_room(b, n)) {
		memcpy(b->data + b->len, s, n);
		b->len += n;
		b->data[b->len] = '\0';
	} else
		buf_add(b, s, n);
}

static inline void
buf_putc(struct buf *b, char c)
{
	buf_put(b, &c, 1);
}

#endif
