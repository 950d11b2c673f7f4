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

#endif
