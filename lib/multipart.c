/*
 * multipart/form-data decoding (see multipart.h).
 *
 * Debian packages no C library that parses multipart/form-data on its own:
 * GMime (GLib) reads mail, libmicrohttpd's post processor needs its own
 * connection object, cgicc is a whole C++ CGI framework.  Hence this.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "form.h"
#include "multipart.h"
#include "xmalloc.h"

struct multipart_part {
	char	*name;
	char	*filename;
};

static bool
multipart_lwsp(char c)
{
	return c == ' ' || c == '\t';
}

/* Whether the Content-Type is multipart/form-data. */
bool
multipart_is(const char *ct)
{
	size_t	 n = strlen("multipart/form-data");

	return ct != NULL && strncasecmp(ct, "multipart/form-data", n) == 0 &&
	    (ct[n] == '\0' || ct[n] == ';' || multipart_lwsp(ct[n]));
}

/*
 * Read one parameter value at *pp (a token or a quoted string, where a
 * backslash quotes the next character) up to the next ';'.  NULL if a
 * quoted string is not closed.
 */
static char *
multipart_param_value(const char **pp)
{
	const char	*p = *pp, *start;
	char		*out, *o;

	if (*p != '"') {
		start = p;
		while (*p != '\0' && *p != ';')
			p++;
		*pp = p;
		while (p > start && multipart_lwsp(p[-1]))
			p--;
		return xstrndup(start, (size_t)(p - start));
	}
	o = out = xmalloc(strlen(p) + 1);
	for (p++; *p != '"'; p++) {
		if (*p == '\\' && p[1] != '\0')
			p++;
		if (*p == '\0') {
			free(out);
			return NULL;
		}
		*o++ = *p;
	}
	*o = '\0';
	for (p++; multipart_lwsp(*p); p++)
		;
	*pp = p;
	return out;
}

/*
 * Find the parameter key (case-insensitive) in a header value's ";"
 * parameters; the first one wins.  *value (caller frees) is NULL if absent.
 * False (and *value NULL) if the parameters are malformed.
 */
static bool
multipart_param(const char *v, const char *key, char **value)
{
	const char	*p, *k;
	size_t		 klen;
	char		*got;

	*value = NULL;
	if ((p = strchr(v, ';')) == NULL)
		return true;
	while (*p == ';') {
		for (p++; multipart_lwsp(*p); p++)
			;
		if (*p == '\0')
			break;
		k = p;
		while (*p != '\0' && *p != '=' && *p != ';' &&
		    !multipart_lwsp(*p))
			p++;
		klen = (size_t)(p - k);
		while (multipart_lwsp(*p))
			p++;
		if (*p != '=')
			goto bad;
		for (p++; multipart_lwsp(*p); p++)
			;
		if ((got = multipart_param_value(&p)) == NULL)
			goto bad;
		if (*p != '\0' && *p != ';') {
			free(got);
			goto bad;
		}
		if (*value == NULL && klen == strlen(key) &&
		    strncasecmp(k, key, klen) == 0)
			*value = got;
		else
			free(got);
	}
	return true;
bad:
	free(*value);
	*value = NULL;
	return false;
}

/* The boundary of a multipart Content-Type (caller frees), or a cause. */
static char *
multipart_boundary(const char *ct, char **cause)
{
	static const char	 bchars[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'()+_,-./:=? ";
	char			*b;
	size_t			 len;

	if (!multipart_param(ct, "boundary", &b)) {
		*cause = xstrdup("The form's Content-Type is malformed.");
		return NULL;
	}
	if (b == NULL) {
		*cause = xstrdup("The form's Content-Type names no multipart "
		    "boundary.");
		return NULL;
	}
	len = strlen(b);
	if (len == 0 || len > MULTIPART_BOUNDARY_MAX ||
	    strspn(b, bchars) != len || b[len - 1] == ' ') {
		free(b);
		*cause = xstrdup("The form's multipart boundary is not valid.");
		return NULL;
	}
	return b;
}

/*
 * Whether p (before end) is "--boundary" ending a delimiter line: then
 * *after points past its line end, or at "--" for the closing one.
 */
static bool
multipart_delim(const char *p, const char *end, const char *b, size_t blen,
    const char **after, bool *last)
{
	if ((size_t)(end - p) < blen + 2 || p[0] != '-' || p[1] != '-' ||
	    memcmp(p + 2, b, blen) != 0)
		return false;
	p += 2 + blen;
	if (end - p >= 2 && p[0] == '-' && p[1] == '-') {
		*after = p + 2;
		*last = true;
		return true;
	}
	while (p < end && multipart_lwsp(*p))
		p++;
	if (p < end && *p == '\r')
		p++;
	if (p >= end || *p != '\n')
		return false;
	*after = p + 1;
	*last = false;
	return true;
}

/*
 * The next delimiter at or after p that starts a line (after a LF):
 * returns the LF, or NULL.  Lines that only look like one are content.
 */
static const char *
multipart_next(const char *p, const char *end, const char *b, size_t blen,
    const char **after, bool *last)
{
	const char	*lf;

	while (p < end && (lf = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		if (multipart_delim(lf + 1, end, b, blen, after, last))
			return lf;
		p = lf + 1;
	}
	return NULL;
}

static void
multipart_part_free(struct multipart_part *mp)
{
	free(mp->name);
	free(mp->filename);
	memset(mp, 0, sizeof *mp);
}

/* One header line of a part (NUL-terminated, no line end). */
static bool
multipart_header(struct multipart_part *mp, const char *line, char **cause)
{
	const char	*colon, *v;
	size_t		 nlen, tlen;

	if (multipart_lwsp(*line)) {
		*cause = xstrdup("A part of the form has a folded header.");
		return false;
	}
	if ((colon = strchr(line, ':')) == NULL) {
		*cause = xstrdup("A part of the form has a malformed header.");
		return false;
	}
	nlen = (size_t)(colon - line);
	for (v = colon + 1; multipart_lwsp(*v); v++)
		;
	if (nlen == strlen("Content-Disposition") &&
	    strncasecmp(line, "Content-Disposition", nlen) == 0) {
		tlen = strcspn(v, "; \t");
		if (tlen != strlen("form-data") ||
		    strncasecmp(v, "form-data", tlen) != 0) {
			*cause = xstrdup("A part of the form is not form-data.");
			return false;
		}
		multipart_part_free(mp);
		if (!multipart_param(v, "name", &mp->name) ||
		    !multipart_param(v, "filename", &mp->filename)) {
			*cause = xstrdup("A part of the form has a malformed "
			    "Content-Disposition.");
			return false;
		}
	} else if (nlen == strlen("Content-Type") &&
	    strncasecmp(line, "Content-Type", nlen) == 0) {
		if (strncasecmp(v, "multipart/", 10) == 0) {
			*cause = xstrdup("Send each file as a part of its "
			    "own; nested multipart is not read.");
			return false;
		}
	} else if (nlen == strlen("Content-Transfer-Encoding") &&
	    strncasecmp(line, "Content-Transfer-Encoding", nlen) == 0) {
		if (strncasecmp(v, "7bit", 4) != 0 &&
		    strncasecmp(v, "8bit", 4) != 0 &&
		    strncasecmp(v, "binary", 6) != 0) {
			*cause = xstrdup("A part of the form has a transfer "
			    "encoding other than 7bit, 8bit or binary.");
			return false;
		}
	}
	return true;
}

/*
 * The headers of a part from p up to its empty line: *body is where its
 * content starts.
 */
static bool
multipart_headers(struct multipart_part *mp, const char *p, const char *end,
    const char **body, char **cause)
{
	const char	*start = p, *lf;
	char		*line;
	size_t		 n;
	bool		 good;

	for (;;) {
		if ((lf = memchr(p, '\n', (size_t)(end - p))) == NULL) {
			*cause = xstrdup("A part of the form is cut short in "
			    "its headers.");
			return false;
		}
		if ((size_t)(lf + 1 - start) > MULTIPART_HEADER_MAX) {
			*cause = xstrdup("A part of the form has too long "
			    "headers.");
			return false;
		}
		n = (size_t)(lf - p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (n == 0)
			break;
		if (memchr(p, '\0', n) != NULL) {
			*cause = xstrdup("A part of the form has a NUL byte in "
			    "its headers.");
			return false;
		}
		line = xstrndup(p, n);
		good = multipart_header(mp, line, cause);
		free(line);
		if (!good)
			return false;
		p = lf + 1;
	}
	*body = lf + 1;
	if (mp->name == NULL || *mp->name == '\0') {
		*cause = xstrdup("A part of the form has no name.");
		return false;
	}
	return true;
}

/*
 * Parse the multipart body into f (appended to its pairs).  False with
 * *cause (and *field, the part's name when known; caller frees both, and
 * f is left as it was) if the body is malformed.
 */
bool
multipart_parse(struct form *f, const char *ct, const char *body, size_t len,
    char **field, char **cause)
{
	struct multipart_part	 mp;
	struct form		 got;
	struct form_pair	*fp;
	const char		*end = body + len, *content, *lf, *after;
	char			*b, *val;
	size_t			 blen, n;
	bool			 last;

	*field = *cause = NULL;
	if ((b = multipart_boundary(ct, cause)) == NULL)
		return false;
	blen = strlen(b);
	memset(&mp, 0, sizeof mp);
	form_init(&got);
	if (!multipart_delim(body, end, b, blen, &after, &last) &&
	    multipart_next(body, end, b, blen, &after, &last) == NULL) {
		*cause = xstrdup("The form's boundary does not appear in it.");
		goto fail;
	}
	while (!last) {
		if (!multipart_headers(&mp, after, end, &content, cause))
			goto fail;
		if ((lf = multipart_next(content, end, b, blen, &after,
		    &last)) == NULL) {
			xasprintf(cause, "The form is cut short in the "
			    "part \"%s\".", mp.name);
			*field = xstrdup(mp.name);
			goto fail;
		}
		if (got.n >= FORM_MAX_PAIRS) {
			xasprintf(cause, "The form has more than %d parts.",
			    FORM_MAX_PAIRS);
			goto fail;
		}
		n = (size_t)(lf - content);
		if (n > 0 && content[n - 1] == '\r')
			n--;
		val = xstrndup(content, n);
		fp = form_add(&got, mp.name, val);
		free(val);
		fp->bad = memchr(content, '\0', n) != NULL;
		fp->filename = mp.filename;
		mp.filename = NULL;
		multipart_part_free(&mp);
	}
	f->pairs = xreallocarray(f->pairs, f->n + got.n, sizeof *f->pairs);
	memcpy(f->pairs + f->n, got.pairs, got.n * sizeof *got.pairs);
	f->n += got.n;
	free(got.pairs);
	free(b);
	return true;
fail:
	multipart_part_free(&mp);
	form_free(&got);
	free(b);
	return false;
}
