/*
 * TAP output for C tests: numbered ok/not ok lines, diagnostics on "#"
 * lines, and the plan at the end unless given first.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

static int	 tap_n, tap_failed, tap_planned = -1;

void
tap_plan(int n)
{
	tap_planned = n;
	printf("1..%d\n", n);
	fflush(stdout);
}

void
tap_skip_all(const char *why)
{
	printf("1..0 # SKIP %s\n", why);
	exit(0);
}

static bool
tap_vok(bool cond, const char *fmt, va_list ap)
{
	tap_n++;
	if (!cond)
		tap_failed++;
	printf("%sok %d - ", cond ? "" : "not ", tap_n);
	vprintf(fmt, ap);
	printf("\n");
	fflush(stdout);
	return cond;
}

bool
tap_ok(bool cond, const char *fmt, ...)
{
	va_list	 ap;
	bool	 r;

	va_start(ap, fmt);
	r = tap_vok(cond, fmt, ap);
	va_end(ap);
	return r;
}

bool
tap_is_str(const char *got, const char *want, const char *fmt, ...)
{
	va_list	 ap;
	bool	 r;

	va_start(ap, fmt);
	r = tap_vok(got != NULL && want != NULL ? strcmp(got, want) == 0 :
	    got == want, fmt, ap);
	va_end(ap);
	if (!r)
		tap_diag("got '%s', want '%s'", got ? got : "(null)",
		    want ? want : "(null)");
	return r;
}

bool
tap_is_int(long long got, long long want, const char *fmt, ...)
{
	va_list	 ap;
	bool	 r;

	va_start(ap, fmt);
	r = tap_vok(got == want, fmt, ap);
	va_end(ap);
	if (!r)
		tap_diag("got %lld, want %lld", got, want);
	return r;
}

void
tap_diag(const char *fmt, ...)
{
	va_list	 ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

int
tap_done(void)
{
	if (tap_planned < 0)
		printf("1..%d\n", tap_n);
	else if (tap_planned != tap_n)
		tap_diag("planned %d tests but ran %d", tap_planned, tap_n);
	return tap_failed == 0 && (tap_planned < 0 || tap_planned == tap_n) ?
	    0 : 1;
}

char *
tap_slurp(const char *path)
{
	FILE	*f;
	char	*p = NULL;
	size_t	 len = 0, n;
	char	 chunk[4096];

	if ((f = fopen(path, "r")) == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if ((p = realloc(p, len + n + 1)) == NULL)
			abort();
		memcpy(p + len, chunk, n);
		len += n;
	}
	fclose(f);
	if (p == NULL && (p = malloc(1)) == NULL)
		abort();
	p[len] = '\0';
	return p;
}
