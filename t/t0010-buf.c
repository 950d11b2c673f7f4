/* buf: growth, the size cap, sticky failure, encoders. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "tap.h"

int
main(void)
{
	struct buf	 b;
	char		*s;
	int		 i;

	buf_init(&b, 0);
	is_str(buf_cstr(&b), "", "an empty buffer reads as \"\"");
	for (i = 0; i < 10000; i++)
		buf_addf(&b, "%04d", i % 10000);
	is_int((long long)b.len, 40000, "grows to 40000 bytes");
	ok(!buf_failed(&b), "no failure while growing");
	ok(strncmp(b.data + 39996, "9999", 4) == 0, "last chunk intact");
	is_int(b.data[b.len], 0, "NUL-terminated");
	buf_free(&b);

	buf_init(&b, 10);
	buf_adds(&b, "0123456789");
	ok(!buf_failed(&b), "exactly the cap fits");
	buf_addc(&b, 'x');
	ok(buf_failed(&b), "one byte over the cap fails");
	buf_adds(&b, "more");
	is_str(buf_cstr(&b), "0123456789", "failure is sticky: later appends "
	    "do nothing");
	buf_addf(&b, "%s", "more");
	is_int((long long)b.len, 10, "buf_addf after failure does nothing");
	buf_reset(&b);
	ok(!buf_failed(&b) && b.len == 0, "reset clears the failure");
	buf_free(&b);

	buf_init(&b, 0);
	buf_add_json_str(&b, "a\"b\\c\n\x01</script>");
	is_str(buf_cstr(&b), "\"a\\\"b\\\\c\\n\\u0001</script>\"",
	    "JSON string escaping");
	buf_reset(&b);
	buf_add_urlenc(&b, "a b&c=d/é|~");
	is_str(buf_cstr(&b), "a%20b%26c%3Dd%2F%C3%A9%7C~", "URL encoding");
	s = buf_detach(&b);
	is_str(s, "a%20b%26c%3Dd%2F%C3%A9%7C~", "detach hands the string over");
	ok(b.data == NULL && b.len == 0, "detach empties the buffer");
	free(s);
	return tap_done();
}
