/* form: urlencoded decoding, repeats, bad escapes, cookies. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "tap.h"

int
main(void)
{
	struct form	 f;
	const char	*q = "q=thinkpad+x220&condition=new&condition=used"
	    "&empty=&flag&bad=%zz&nul=a%00b&utf=%C3%A9";

	form_init(&f);
	form_parse(&f, q, strlen(q), '&');
	is_str(form_get(&f, "q"), "thinkpad x220", "+ is a space");
	is_int((long long)form_count(&f, "condition"), 2, "repeated key");
	is_str(form_get_nth(&f, "condition", 1), "used", "second value");
	is_str(form_get(&f, "empty"), "", "empty value");
	is_str(form_get(&f, "flag"), "", "key without =");
	ok(form_bad(&f, "bad"), "bad escape marked");
	ok(form_bad(&f, "nul"), "%%00 marked");
	ok(!form_bad(&f, "q"), "good value not marked");
	is_str(form_get(&f, "utf"), "\xc3\xa9", "UTF-8 decoded");
	ok(form_get(&f, "missing") == NULL, "missing key is NULL");
	form_free(&f);

	form_parse(&f, "sid=abc+def; theme=dark", 23, ';');
	is_str(form_get(&f, "sid"), "abc+def", "cookie: + kept");
	is_str(form_get(&f, "theme"), "dark", "cookie: space after ; skipped");
	form_free(&f);
	return tap_done();
}
