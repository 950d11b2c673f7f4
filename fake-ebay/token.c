/*
 * POST /identity/v1/oauth2/token (client-credentials grant, BROWSE-API.md
 * section 2) and the Bearer check of the other routes.  Errors are
 * OAuth-shaped ({"error","error_description"}), not the errors[] envelope.
 * Tokens are long random strings with ^ # / + =, kept in memory with an
 * expiry on the fake clock; "expire" faults and /__fake/reset forget them.
 */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <json-c/json.h>

#include "fake.h"
#include "form.h"
#include "secret.h"
#include "xmalloc.h"

#define TOKEN_KEEP	1000	/* eBay mints at most 1,000 a day */
#define TOKEN_SCOPE	"https://api.ebay.com/oauth/api_scope"

struct token {
	char	*value;
	time_t	 expires;
};

static pthread_mutex_t	 token_lock = PTHREAD_MUTEX_INITIALIZER;
static struct token	 token_list[TOKEN_KEEP];
static size_t		 token_n, token_next;
static long		 token_life = 7200;

long
token_ttl(void)
{
	long	 t;

	pthread_mutex_lock(&token_lock);
	t = token_life;
	pthread_mutex_unlock(&token_lock);
	return t;
}

void
token_set_ttl(long s)
{
	pthread_mutex_lock(&token_lock);
	token_life = s;
	pthread_mutex_unlock(&token_lock);
}

void
token_revoke_all(void)
{
	size_t	 i;

	pthread_mutex_lock(&token_lock);
	for (i = 0; i < token_n; i++)
		free(token_list[i].value);
	token_n = token_next = 0;
	pthread_mutex_unlock(&token_lock);
}

size_t
token_active(void)
{
	size_t	 i, n = 0;
	time_t	 now = fclock_now();

	pthread_mutex_lock(&token_lock);
	for (i = 0; i < token_n; i++)
		if (token_list[i].expires > now)
			n++;
	pthread_mutex_unlock(&token_lock);
	return n;
}

/* A new token, about 2 KB, shaped like eBay's (caller frees). */
static char *
token_mint(long *ttl)
{
	static const char	 b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned char		 rnd[1960];
	struct buf		 b;
	size_t			 i;
	char			*t;
	struct token		*slot;

	secret_random(rnd, sizeof rnd);
	buf_init(&b, 0);
	buf_adds(&b, "v^1.1#i^1#p^1#r^0#I^3#f^0#t^H4sIAAAAAAAA/FAKE-EBAY/");
	for (i = 0; i < sizeof rnd; i++)
		buf_addc(&b, b64[rnd[i] & 63]);
	buf_adds(&b, "==");
	t = buf_detach(&b);
	pthread_mutex_lock(&token_lock);
	*ttl = token_life;
	slot = &token_list[token_next];
	if (token_n < TOKEN_KEEP)
		token_n++;
	else
		free(slot->value);
	slot->value = xstrdup(t);
	slot->expires = fclock_now() + token_life;
	token_next = (token_next + 1) % TOKEN_KEEP;
	pthread_mutex_unlock(&token_lock);
	return t;
}

static bool
token_valid(const char *t)
{
	size_t	 i;
	bool	 ok = false;
	time_t	 now = fclock_now();

	pthread_mutex_lock(&token_lock);
	for (i = 0; i < token_n && !ok; i++)
		ok = strcmp(token_list[i].value, t) == 0 &&
		    token_list[i].expires > now;
	pthread_mutex_unlock(&token_lock);
	return ok;
}

static enum MHD_Result
token_error(struct freq *r, unsigned status, const char *error,
    const char *description)
{
	struct json_object	*o = json_object_new_object();
	char			*body;

	json_object_object_add(o, "error", json_object_new_string(error));
	json_object_object_add(o, "error_description",
	    json_object_new_string(description));
	body = xstrdup(json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	route_count_token(false);
	return fake_reply_json(r, status, body);
}

static int
token_b64val(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/* Standard padded base64 (caller frees); NULL when malformed. */
static char *
token_b64decode(const char *s)
{
	size_t	 n = strlen(s), i, o = 0;
	char	*out;
	int	 v[4], k;

	if (n == 0 || n % 4 != 0 || n > 4096)
		return NULL;
	out = xmalloc(n / 4 * 3 + 1);
	for (i = 0; i < n; i += 4) {
		for (k = 0; k < 4; k++) {
			v[k] = token_b64val(s[i + k]);
			if (v[k] < 0 && !(s[i + k] == '=' && i + 4 == n &&
			    k >= 2 && (k == 3 || s[i + 3] == '=')))
				goto fail;
		}
		out[o++] = (char)(v[0] << 2 | v[1] >> 4);
		if (v[2] >= 0)
			out[o++] = (char)((v[1] & 15) << 4 | v[2] >> 2);
		if (v[2] >= 0 && v[3] >= 0)
			out[o++] = (char)((v[2] & 3) << 6 | v[3]);
	}
	out[o] = '\0';
	if (memchr(out, '\0', o) != NULL)
		goto fail;
	return out;
fail:
	free(out);
	return NULL;
}

/* Basic credentials matching the configured keyset? */
static bool
token_client_ok(struct freq *r)
{
	const char	*h;
	char		*dec, *colon;
	bool		 ok;

	h = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_AUTHORIZATION);
	if (h == NULL || strncasecmp(h, "Basic ", 6) != 0)
		return false;
	if ((dec = token_b64decode(h + 6)) == NULL)
		return false;
	if ((colon = strchr(dec, ':')) == NULL) {
		free(dec);
		return false;
	}
	*colon = '\0';
	ok = strcmp(dec, fake_opts.client_id) == 0 &&
	    secret_equal(colon + 1, fake_opts.client_secret);
	free(dec);
	return ok;
}

/* Every space-separated scope must be the public one or one below it. */
static bool
token_scope_ok(const char *scope)
{
	const char	*p = scope, *sp;
	size_t		 n, base = strlen(TOKEN_SCOPE);

	for (; *p != '\0'; p = *sp != '\0' ? sp + 1 : sp) {
		if ((sp = strchr(p, ' ')) == NULL)
			sp = p + strlen(p);
		n = (size_t)(sp - p);
		if (n == 0)
			continue;
		if (n < base || strncmp(p, TOKEN_SCOPE, base) != 0 ||
		    (n > base && p[base] != '/'))
			return false;
	}
	return true;
}

enum MHD_Result
token_route(struct freq *r)
{
	struct json_object	*o;
	struct form		 f;
	const char		*ct, *grant, *scope;
	char			*tok, *body;
	long			 ttl;

	if (strcmp(r->method, "POST") != 0)
		return token_error(r, MHD_HTTP_METHOD_NOT_ALLOWED,
		    "invalid_request", "use POST");
	if (!token_client_ok(r))
		return token_error(r, MHD_HTTP_UNAUTHORIZED, "invalid_client",
		    "client authentication failed");
	ct = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_CONTENT_TYPE);
	if (ct == NULL || strncasecmp(ct, "application/x-www-form-urlencoded",
	    33) != 0)
		return token_error(r, MHD_HTTP_BAD_REQUEST, "invalid_request",
		    "request is missing a form body");
	form_init(&f);
	form_parse(&f, buf_cstr(&r->body), r->body.len, '&');
	grant = form_get(&f, "grant_type");
	scope = form_get(&f, "scope");
	if (grant == NULL || *grant == '\0') {
		form_free(&f);
		return token_error(r, MHD_HTTP_BAD_REQUEST, "invalid_request",
		    "request is missing a required parameter: grant_type");
	}
	if (strcmp(grant, "client_credentials") != 0) {
		form_free(&f);
		return token_error(r, MHD_HTTP_BAD_REQUEST,
		    "unsupported_grant_type", "grant type in request is not "
		    "supported by the authorization server");
	}
	if (scope != NULL && !token_scope_ok(scope)) {
		form_free(&f);
		return token_error(r, MHD_HTTP_BAD_REQUEST, "invalid_scope",
		    "The requested scope is invalid, unknown, malformed, or "
		    "exceeds the scope granted to the client");
	}
	form_free(&f);
	tok = token_mint(&ttl);
	o = json_object_new_object();
	json_object_object_add(o, "access_token", json_object_new_string(tok));
	json_object_object_add(o, "expires_in", json_object_new_int64(ttl));
	json_object_object_add(o, "token_type",
	    json_object_new_string("Application Access Token"));
	body = xstrdup(json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	free(tok);
	route_count_token(true);
	return fake_reply_json(r, MHD_HTTP_OK, body);
}

/*
 * The Bearer check: true when the token is valid.  Otherwise the error is
 * queued and *ret holds what the handler returns: 400/1002 without a
 * token, 400/1003 with another scheme, 401/1001 for an unknown or expired
 * token.
 */
bool
token_check(struct freq *r, enum MHD_Result *ret)
{
	const char	*h;

	h = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_AUTHORIZATION);
	if (h == NULL || *h == '\0') {
		*ret = fake_reply_json(r, MHD_HTTP_BAD_REQUEST, fault_error_json(
		    1002, "OAuth", "REQUEST", "Missing access token",
		    "Access token is required"));
		return false;
	}
	if (strncasecmp(h, "Bearer ", 7) != 0) {
		*ret = fake_reply_json(r, MHD_HTTP_BAD_REQUEST, fault_error_json(
		    1003, "OAuth", "REQUEST", "Token type in the Authorization "
		    "header is invalid", "Token type in the Authorization header "
		    "is invalid: use Bearer"));
		return false;
	}
	if (!token_valid(h + 7)) {
		*ret = fake_reply_json(r, MHD_HTTP_UNAUTHORIZED,
		    fault_error_json(1001, "OAuth", "REQUEST",
		    "Invalid access token", "Invalid access token. Check the "
		    "value of the Authorization HTTP request header."));
		return false;
	}
	return true;
}
