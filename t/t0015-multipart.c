/*
 * multipart: form-data bodies as browsers and curl send them, and hostile
 * ones (no boundary, boundary in content, cut short, huge parts, nested
 * multipart, too many parts).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "form.h"
#include "multipart.h"
#include "tap.h"

#define CT	"multipart/form-data; boundary=XyZ"

static struct form	 f;
static char		*field, *cause;

static bool
parse(const char *ct, const char *body, size_t len)
{
	form_free(&f);
	free(field);
	free(cause);
	return multipart_parse(&f, ct, body, len, &field, &cause);
}

static bool
parse_s(const char *body)
{
	return parse(CT, body, strlen(body));
}

static bool
cause_has(const char *s)
{
	return cause != NULL && strstr(cause, s) != NULL;
}

int
main(void)
{
	static const char nul[] = "--XyZ\r\n"
	    "Content-Disposition: form-data; name=n\r\n\r\na\0b\r\n--XyZ--";
	const char	*lf = "preamble\n--a b\n"
	    "content-disposition: FORM-DATA; NAME=q\n\nhello\n"
	    "--a b--\nepilogue";
	struct buf	 b;
	const char	*two;
	int		 i;

	form_init(&f);
	ok(multipart_is("multipart/form-data; boundary=x"), "is multipart");
	ok(multipart_is("Multipart/Form-Data"), "type is case-insensitive");
	ok(!multipart_is("multipart/form-dataX"), "not a longer type");
	ok(!multipart_is("application/x-www-form-urlencoded"), "not urlencoded");
	ok(!multipart_is(NULL), "not without a type");

	/* As a browser sends it: CRLF, a field and a file. */
	ok(parse_s("--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
	    "tok123\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"upload\"; "
	    "filename=\"export.json\"\r\n"
	    "Content-Type: application/json\r\n\r\n"
	    "{\"a\": 1}\r\n\r\n"
	    "--XyZ--\r\n"), "browser body parses");
	is_str(form_get(&f, "csrf"), "tok123", "a field's value");
	ok(form_filename(&f, "csrf") == NULL, "a field has no file name");
	is_str(form_get(&f, "upload"), "{\"a\": 1}\r\n", "the file's content, "
	    "its own line end kept");
	is_str(form_filename(&f, "upload"), "export.json", "the file name");
	ok(!form_bad(&f, "upload"), "not bad");

	/* Bare LF, a preamble, an epilogue, a quoted boundary. */
	ok(parse("multipart/form-data; boundary=\"a b\"", lf, strlen(lf)),
	    "LF body with preamble parses");
	is_str(form_get(&f, "q"), "hello", "LF: value without the line end");
	is_int((long long)f.n, 1, "LF: one pair");

	/* The boundary in the content, not as a delimiter line. */
	ok(parse_s("--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"f\"\r\n\r\n"
	    "a--XyZ b\r\n--XyZfoo\r\n--XyZ -- x\r\n"
	    "--XyZ--"), "boundary-like content parses");
	is_str(form_get(&f, "f"), "a--XyZ b\r\n--XyZfoo\r\n--XyZ -- x",
	    "boundary-like lines stay content");

	/* No file chosen: an empty file name and content. */
	ok(parse_s("--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"upload\"; filename=\"\"\r\n"
	    "Content-Type: application/octet-stream\r\n\r\n"
	    "\r\n--XyZ--\r\n"), "no file parses");
	is_str(form_filename(&f, "upload"), "", "no file: empty file name");
	is_str(form_get(&f, "upload"), "", "no file: empty content");

	/* Several files in one field. */
	two = "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"upload\"; filename=\"1\"\r\n"
	    "\r\none\r\n--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"upload\"; filename=\"2\"\r\n"
	    "\r\ntwo\r\n--XyZ--\r\n";
	ok(parse_s(two), "two files parse");
	is_int((long long)form_count(&f, "upload"), 2, "two values");
	is_str(form_get_nth(&f, "upload", 1), "two", "the second file");

	/* Quoting in names. */
	ok(parse_s("--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"a\\\"b;c\"; filename=\"x.json\"\r\n\r\nv\r\n--XyZ--"),
	    "quoted name parses");
	is_str(form_get(&f, "a\"b;c"), "v", "escaped quote and ; in a name");

	/* A NUL in content marks the pair bad. */
	ok(parse(CT, nul, sizeof nul - 1), "NUL content parses");
	ok(form_bad(&f, "n"), "a NUL marks the pair bad");

	/* A huge part within the body limit. */
	buf_init(&b, 0);
	buf_adds(&b, "--XyZ\r\nContent-Disposition: form-data; name=\"big\"; "
	    "filename=\"big.json\"\r\n\r\n");
	for (i = 0; i < 900 * 1024 / 16; i++)
		buf_adds(&b, "0123456789abcde\n");
	buf_adds(&b, "\r\n--XyZ--\r\n");
	ok(parse(CT, buf_cstr(&b), b.len), "a 900 KiB part parses");
	is_int((long long)strlen(form_get(&f, "big")), 900 * 1024,
	    "all of it");
	buf_free(&b);

	/* Hostile: the boundary. */
	ok(!parse("multipart/form-data", "--XyZ--", 7), "no boundary fails");
	ok(cause_has("no multipart boundary"), "and says so: %s", cause);
	ok(!parse("multipart/form-data; boundary=XyZ; junk", "--XyZ--", 7),
	    "a malformed parameter after the boundary fails");
	ok(cause_has("malformed"), "and says so: %s", cause);
	ok(!parse("multipart/form-data; boundary=", "--", 2),
	    "empty boundary fails");
	ok(!parse("multipart/form-data; boundary=\"abc", "--abc--", 7),
	    "unclosed quote fails");
	ok(!parse("multipart/form-data; boundary=a\001b", "--a\001b--", 7),
	    "control character in the boundary fails");
	ok(!parse("multipart/form-data; boundary=0123456789012345678901234567"
	    "890123456789012345678901234567890123456789X", "", 0),
	    "71-character boundary fails");
	ok(!parse_s("Content-Disposition: form-data; name=x\r\n\r\nv"),
	    "body without the boundary fails");
	ok(cause_has("does not appear"), "and says so: %s", cause);
	ok(!parse_s(""), "empty body fails");

	/* Hostile: cut short. */
	ok(!parse_s("--XyZ\r\nContent-Disposition: form-data; name=\"upload\""
	    "; filename=\"a\"\r\n\r\n{\"searches\": ["), "no closing boundary "
	    "fails");
	is_str(field, "upload", "naming the field");
	ok(cause_has("cut short") && cause_has("upload"), "cut short: %s",
	    cause);
	ok(!parse_s("--XyZ\r\nContent-Disposition: form-data; name=\"x\""),
	    "cut short in the headers fails");
	ok(cause_has("headers"), "and says so: %s", cause);
	ok(!parse_s("--XyZ\r\n"), "only a boundary fails");
	ok(!parse_s("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n"
	    "\r\n1\r\n--XyZ\r\n"), "cut short after a part fails");

	/* Hostile: parts. */
	ok(!parse_s("--XyZ\r\nContent-Type: text/plain\r\n\r\nv\r\n--XyZ--"),
	    "a part without a name fails");
	ok(cause_has("no name"), "and says so: %s", cause);
	ok(!parse_s("--XyZ\r\nContent-Disposition: form-data; name=\"\"\r\n"
	    "\r\nv\r\n--XyZ--"), "an empty name fails");
	ok(!parse_s("--XyZ\r\nContent-Disposition: attachment; name=\"a\"\r\n"
	    "\r\nv\r\n--XyZ--"), "not form-data fails");
	ok(!parse_s("--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n"
	    "\r\nv\r\n--XyZ--"), "an unclosed quote in a name fails");
	ok(!parse_s("--XyZ\r\nContent-Disposition: form-data; name=\"up\"\r\n"
	    "Content-Type: multipart/mixed; boundary=In\r\n\r\n--In\r\n"
	    "Content-Disposition: file; filename=\"a\"\r\n\r\nA\r\n--In--\r\n"
	    "--XyZ--"), "nested multipart fails");
	ok(cause_has("nested"), "and says so: %s", cause);
	ok(!parse_s("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\ndg==\r\n--XyZ--"),
	    "base64 transfer encoding fails");
	ok(!parse_s("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n"
	    " folded\r\n\r\nv\r\n--XyZ--"), "a folded header fails");
	buf_init(&b, 0);
	buf_adds(&b, "--XyZ\r\nX-Long: ");
	for (i = 0; i < MULTIPART_HEADER_MAX; i++)
		buf_adds(&b, "h");
	buf_adds(&b, "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv"
	    "\r\n--XyZ--");
	ok(!parse(CT, buf_cstr(&b), b.len), "too long headers fail");
	ok(cause_has("too long"), "and says so: %s", cause);
	buf_free(&b);
	buf_init(&b, 0);
	for (i = 0; i <= FORM_MAX_PAIRS; i++)
		buf_adds(&b, "--XyZ\r\nContent-Disposition: form-data; name=p"
		    "\r\n\r\nv\r\n");
	buf_adds(&b, "--XyZ--");
	ok(!parse(CT, buf_cstr(&b), b.len), "too many parts fail");
	ok(cause_has("parts"), "and says so: %s", cause);
	buf_free(&b);

	/* A failure leaves the form as it was. */
	form_free(&f);
	form_parse(&f, "keep=1", 6, '&');
	free(field);
	free(cause);
	ok(!multipart_parse(&f, CT, two, strlen(two) - 4, &field, &cause),
	    "a cut-short body fails");
	is_int((long long)f.n, 1, "the form keeps its own pair only");
	is_str(form_get(&f, "keep"), "1", "untouched");
	ok(!parse_s("--XyZ\r\n\r\n"), "parts without headers fail");

	form_free(&f);
	free(field);
	free(cause);
	return tap_done();
}
