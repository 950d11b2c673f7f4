/*
 * A small TAP producer for C tests (run by automake's tap-driver.sh).
 */
#ifndef TAP_H
#define TAP_H

#include <stdbool.h>

void	 tap_plan(int);
void	 tap_skip_all(const char *) __attribute__((noreturn));
bool	 tap_ok(bool, const char *, ...) __attribute__((format(printf, 2, 3)));
bool	 tap_is_str(const char *, const char *, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
bool	 tap_is_int(long long, long long, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
void	 tap_diag(const char *, ...) __attribute__((format(printf, 1, 2)));
int	 tap_done(void);
char	*tap_slurp(const char *path);	/* caller frees; NULL if unreadable */

#define ok(cond, ...)		tap_ok((cond), __VA_ARGS__)
#define is_str(a, b, ...)	tap_is_str((a), (b), __VA_ARGS__)
#define is_int(a, b, ...)	tap_is_int((a), (b), __VA_ARGS__)

#endif
