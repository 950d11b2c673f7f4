/* log: sanitising of untrusted text, levels, one line per message. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "log.h"
#include "tap.h"

static char *
sanitize(const char *s, size_t n)
{
	struct buf	 b;

	buf_init(&b, 0);
	log_sanitize(&b, s, n);
	return buf_detach(&b);
}

static void
check(const char *in, size_t n, const char *want, const char *name)
{
	char	*got = sanitize(in, n);

	is_str(got, want, "%s", name);
	free(got);
}

int
main(void)
{
	char		 path[] = "/tmp/ebs-log-XXXXXX", *text;
	int		 fd, saved, lines;
	enum log_level	 lvl;
	const char	*p;

	check("plain text", 10, "plain text", "plain ASCII unchanged");
	check("a\nb\rc\td", 7, "a\\x0ab\\x0dc\\x09d", "newline, CR, tab "
	    "escaped");
	check("\x1b[31mred", 8, "\\x1b[31mred", "terminal escape neutralised");
	check("back\\slash", 10, "back\\\\slash", "backslash doubled");
	check("caf\xc3\xa9 \xf0\x9f\x98\x80", 10, "caf\xc3\xa9 \xf0\x9f\x98"
	    "\x80", "valid UTF-8 kept");
	check("evil\xe2\x80\xaetxt", 10, "evil\\u{202e}txt", "RTL override "
	    "escaped");
	check("\xc2\x85next", 6, "\\u{0085}next", "C1 control escaped");
	check("bad\xff\xc3", 5, "bad\\xff\\xc3", "invalid UTF-8 escaped");
	check("nul\0byte", 8, "nul\\x00byte", "NUL escaped");

	ok(log_level_parse("warn", &lvl) && lvl == LOG_LEVEL_WARN,
	    "level names parse");
	ok(!log_level_parse("verbose", &lvl), "unknown level refused");

	/* Messages below the level are dropped; each is one line. */
	if ((fd = mkstemp(path)) < 0)
		tap_skip_all("mkstemp failed");
	saved = dup(STDERR_FILENO);
	dup2(fd, STDERR_FILENO);
	log_init("t0011");
	log_set_level(LOG_LEVEL_INFO);
	log_set_context("search=%d", 7);
	log_debug("hidden");
	log_info("title=%s", "<b>\nInjected line\xe2\x80\xae");
	log_error("second");
	dup2(saved, STDERR_FILENO);
	close(fd);
	text = tap_slurp(path);
	unlink(path);
	for (lines = 0, p = text; p != NULL && *p != '\0'; p++)
		lines += *p == '\n';
	is_int(lines, 2, "two lines written (debug dropped, newline escaped)");
	ok(text != NULL && strstr(text, "hidden") == NULL, "debug dropped");
	ok(text != NULL && strstr(text, " info [search=7] title=<b>\\x0a"
	    "Injected line\\u{202e}\n") != NULL, "context and sanitised text");
	free(text);
	return tap_done();
}
