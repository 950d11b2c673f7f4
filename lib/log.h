/*
 * Logging: one line per event on standard error, with a level, the program,
 * and a context (the route and request id, or the search id).  Every message
 * is sanitised after formatting, so untrusted text given as an argument
 * (eBay titles, user input) cannot forge lines or reorder a terminal:
 * control characters, C1 controls and bidirectional overrides are escaped.
 * Secrets must never be passed here.
 */
#ifndef LOG_H
#define LOG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct buf;

enum log_level {
	LOG_LEVEL_DEBUG,
	LOG_LEVEL_INFO,
	LOG_LEVEL_WARN,
	LOG_LEVEL_ERROR,
	LOG_LEVEL__MAX
};

void	 log_init(const char *prog);
void	 log_set_level(enum log_level);
enum log_level log_get_level(void);
bool	 log_level_parse(const char *, enum log_level *);
const char *log_level_name(enum log_level);
void	 log_set_context(const char *, ...)
	    __attribute__((format(printf, 1, 2)));
void	 log_msg(enum log_level, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 log_vmsg(enum log_level, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
#define log_debug(...)	log_msg(LOG_LEVEL_DEBUG, __VA_ARGS__)
#define log_info(...)	log_msg(LOG_LEVEL_INFO, __VA_ARGS__)
#define log_warn(...)	log_msg(LOG_LEVEL_WARN, __VA_ARGS__)
#define log_error(...)	log_msg(LOG_LEVEL_ERROR, __VA_ARGS__)
void	 log_fatal(const char *, ...)
	    __attribute__((format(printf, 1, 2), noreturn));
void	 log_sanitize(struct buf *, const char *, size_t);

#endif
