/*
 * eBay's signed push notifications (see ebay-sig.h): the header, the
 * public key (cache, fetch) and the ECDSA check.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include "cfg.h"
#include "db.h"
#include "ebay-int.h"
#include "ebay-sig.h"
#include "jsonv.h"
#include "log.h"
#include "xmalloc.h"

#define EBAY_SIG_B64_MAX	512	/* base64 of a DER ECDSA signature */
#define EBAY_SIG_PEM_MAX	8192
#define EBAY_SIG_PEM_BEGIN	"-----BEGIN PUBLIC KEY-----"
#define EBAY_SIG_PEM_END	"-----END PUBLIC KEY-----"
#define EBAY_SIG_FRESH		"now() - interval '" EBAY_SIG_KEY_TTL "'"

/*
 * The cached key of ($1 api base, $2 kid), if fetched within the TTL:
 * known (a row: pem NULL for a kid eBay does not know), pem, digest, and
 * how many keys were fetched for this API base within the hour.
 */
DB_STMT(ebay_sig_key_cached, 2,
    "SELECT k.kid IS NOT NULL, k.pem, k.digest,"
    " (SELECT count(*) FROM ebay_notification_keys f"
    "  WHERE f.api_base = $1 AND f.fetched_at > now() - interval '1 hour')"
    " FROM (SELECT 1) one LEFT JOIN ebay_notification_keys k"
    " ON k.api_base = $1 AND k.kid = $2 AND k.fetched_at > " EBAY_SIG_FRESH);
DB_STMT(ebay_sig_key_store, 4,
    "INSERT INTO ebay_notification_keys (api_base, kid, pem, digest)"
    " VALUES ($1, $2, $3, $4) ON CONFLICT (api_base, kid) DO UPDATE"
    " SET pem = EXCLUDED.pem, digest = EXCLUDED.digest, fetched_at = now()");

/* The parsed header. */
struct ebay_sig_hdr {
	char		 kid[EBAY_SIG_KID_MAX + 1];
	char		 digest[16];	/* "" when the header names none */
	unsigned char	*sig;		/* DER; owned */
	size_t		 siglen;
};

/* A public key as eBay described it. */
struct ebay_sig_key {
	bool		 known;		/* false: eBay does not know the kid */
	char		*pem;		/* owned */
	char		 digest[16];
};

static enum ebay_sig_res
ebay_sig_fail(enum ebay_sig_res res, char *why, size_t whylen,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static enum ebay_sig_res
ebay_sig_fail(enum ebay_sig_res res, char *why, size_t whylen,
    const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(why, whylen, fmt, ap);
	va_end(ap);
	return res;
}

/*
 * Strict standard base64 (padding optional, nothing else: no white
 * space, no URL alphabet).  Returns the bytes (owned, *outlen set) or
 * NULL.
 */
static unsigned char *
ebay_sig_b64(const char *s, size_t n, size_t *outlen)
{
	static const char	 abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned char		*in, *out;
	size_t			 i, body, padded;
	int			 r;

	body = n;
	for (i = 0; i < 2 && body > 0 && s[body - 1] == '='; i++)
		body--;
	if (body == 0 || body % 4 == 1 || (body < n && (n % 4) != 0))
		return NULL;
	for (i = 0; i < body; i++)
		if (s[i] == '\0' || strchr(abc, s[i]) == NULL)
			return NULL;
	padded = (body + 3) / 4 * 4;
	in = xmalloc(padded);
	memcpy(in, s, body);
	memset(in + body, '=', padded - body);
	out = xmalloc(padded / 4 * 3 + 1);
	r = EVP_DecodeBlock(out, in, (int)padded);
	free(in);
	if (r < 0 || (size_t)r < padded - body) {
		free(out);
		return NULL;
	}
	*outlen = (size_t)r - (padded - body);
	return out;
}

/* A kid goes into a URL path: [A-Za-z0-9_-], 1..EBAY_SIG_KID_MAX. */
static bool
ebay_sig_kid_ok(const char *k)
{
	size_t	 n = strlen(k);

	return n > 0 && n <= EBAY_SIG_KID_MAX && strspn(k, "ABCDEFGHIJKLMNOP"
	    "QRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") == n;
}

/* The digest named by eBay ("SHA1", "SHA256"...), or NULL. */
static const EVP_MD *
ebay_sig_md(const char *name)
{
	if (strcasecmp(name, "SHA1") == 0 || strcasecmp(name, "SHA-1") == 0)
		return EVP_sha1();
	if (strcasecmp(name, "SHA256") == 0 ||
	    strcasecmp(name, "SHA-256") == 0)
		return EVP_sha256();
	if (strcasecmp(name, "SHA384") == 0 ||
	    strcasecmp(name, "SHA-384") == 0)
		return EVP_sha384();
	if (strcasecmp(name, "SHA512") == 0 ||
	    strcasecmp(name, "SHA-512") == 0)
		return EVP_sha512();
	return NULL;
}

static void
ebay_sig_hdr_free(struct ebay_sig_hdr *h)
{
	free(h->sig);
	h->sig = NULL;
}

/* Take the header apart; false with why set. */
static bool
ebay_sig_hdr_parse(const char *header, struct ebay_sig_hdr *h, char *why,
    size_t whylen)
{
	json_object	*o = NULL, *v;
	unsigned char	*raw;
	const char	*kid, *sig, *alg, *digest, *jwhy;
	size_t		 n, rawlen;
	bool		 ok = false;

	memset(h, 0, sizeof *h);
	if (header == NULL || *header == '\0') {
		snprintf(why, whylen, "no X-EBAY-SIGNATURE header");
		return false;
	}
	if ((n = strlen(header)) > EBAY_SIG_HEADER_MAX) {
		snprintf(why, whylen, "X-EBAY-SIGNATURE is longer than %d "
		    "bytes", EBAY_SIG_HEADER_MAX);
		return false;
	}
	if ((raw = ebay_sig_b64(header, n, &rawlen)) == NULL) {
		snprintf(why, whylen, "X-EBAY-SIGNATURE is not base64");
		return false;
	}
	o = jsonv_parse((const char *)raw, rawlen, &jwhy);
	free(raw);
	if (o == NULL || !json_object_is_type(o, json_type_object)) {
		snprintf(why, whylen, "X-EBAY-SIGNATURE is not base64 of a "
		    "JSON object");
		goto out;
	}
	if (!jsonv_str_max(o, "kid", EBAY_SIG_KID_MAX, &kid) ||
	    !ebay_sig_kid_ok(kid)) {
		snprintf(why, whylen, "X-EBAY-SIGNATURE: kid must be 1-%d "
		    "letters, digits, '-' or '_'", EBAY_SIG_KID_MAX);
		goto out;
	}
	snprintf(h->kid, sizeof h->kid, "%s", kid);
	if (json_object_object_get_ex(o, "alg", &v) &&
	    (!jsonv_str(o, "alg", &alg) || strcasecmp(alg, "ecdsa") != 0)) {
		snprintf(why, whylen, "X-EBAY-SIGNATURE: alg must be ECDSA");
		goto out;
	}
	if (json_object_object_get_ex(o, "digest", &v)) {
		if (!jsonv_str_max(o, "digest", sizeof h->digest - 1,
		    &digest) || ebay_sig_md(digest) == NULL) {
			snprintf(why, whylen, "X-EBAY-SIGNATURE: unknown "
			    "digest");
			goto out;
		}
		snprintf(h->digest, sizeof h->digest, "%s", digest);
	}
	if (!jsonv_str_max(o, "signature", EBAY_SIG_B64_MAX, &sig) ||
	    (h->sig = ebay_sig_b64(sig, strlen(sig), &h->siglen)) == NULL) {
		snprintf(why, whylen, "X-EBAY-SIGNATURE: signature must be "
		    "base64 of at most %d characters", EBAY_SIG_B64_MAX);
		goto out;
	}
	ok = true;
out:
	json_object_put(o);
	if (!ok)
		ebay_sig_hdr_free(h);
	return ok;
}

/*
 * An EC public key from a PEM "-----BEGIN PUBLIC KEY-----" block, with or
 * without line breaks.  NULL if it is anything else.
 */
static EVP_PKEY *
ebay_sig_pem_key(const char *pem)
{
	const char		*b, *e;
	const unsigned char	*p;
	unsigned char		*der;
	char			*b64;
	size_t			 n = 0, derlen;
	EVP_PKEY		*k;

	if ((b = strstr(pem, EBAY_SIG_PEM_BEGIN)) == NULL ||
	    (e = strstr(b, EBAY_SIG_PEM_END)) == NULL)
		return NULL;
	b += sizeof EBAY_SIG_PEM_BEGIN - 1;
	b64 = xmalloc((size_t)(e - b) + 1);
	for (; b < e; b++)
		if (strchr(" \t\r\n", *b) == NULL)
			b64[n++] = *b;
	der = ebay_sig_b64(b64, n, &derlen);
	free(b64);
	if (der == NULL)
		return NULL;
	p = der;
	k = d2i_PUBKEY(NULL, &p, (long)derlen);
	if (k != NULL && (p != der + derlen ||
	    EVP_PKEY_base_id(k) != EVP_PKEY_EC)) {
		EVP_PKEY_free(k);
		k = NULL;
	}
	free(der);
	ERR_clear_error();	/* the queue is shared with libcurl, libpq */
	return k;
}

/*
 * Read eBay's answer for a key; false (not cached) when it is unusable.
 */
static bool
ebay_sig_key_reply(const struct fetch_resp *r, struct ebay_sig_key *key)
{
	json_object	*o;
	const char	*alg, *digest, *pem, *why;
	EVP_PKEY	*k = NULL;
	bool		 ok = false;

	if ((o = jsonv_parse(r->body.data != NULL ? r->body.data : "",
	    r->body.len, &why)) == NULL)
		return false;
	if (jsonv_str(o, "algorithm", &alg) && strcasecmp(alg, "ECDSA") == 0 &&
	    jsonv_str_max(o, "digest", sizeof key->digest - 1, &digest) &&
	    ebay_sig_md(digest) != NULL &&
	    jsonv_str_max(o, "key", EBAY_SIG_PEM_MAX, &pem) &&
	    (k = ebay_sig_pem_key(pem)) != NULL) {
		key->known = true;
		key->pem = xstrdup(pem);
		snprintf(key->digest, sizeof key->digest, "%s", digest);
		ok = true;
	}
	EVP_PKEY_free(k);
	json_object_put(o);
	return ok;
}

/* One GET of the key with the client's token and transport retries. */
static void
ebay_sig_get(struct ebay_client *c, const char *url, struct fetch_resp *r)
{
	struct fetch_req	 req;
	char			*auth;
	int			 attempt;

	xasprintf(&auth, "Authorization: Bearer %s", c->token);
	memset(&req, 0, sizeof req);
	req.url = url;
	req.headers[0] = auth;
	req.headers[1] = "Accept: application/json";
	for (attempt = 0; ; attempt++) {
		fetch_once(c->fetch, &req, r);
		if (!fetch_retryable(r) || attempt >= FETCH_RETRIES)
			break;
		fetch_sleep_ms(fetch_backoff_ms(attempt + 1));
	}
	ebay_auth_header_free(auth);
}

/* Fetch kid's key from eBay into *key (a 404 is an unknown kid). */
static enum ebay_sig_res
ebay_sig_fetch(struct ebay_client *c, const char *kid, struct ebay_sig_key *key,
    char *why, size_t whylen)
{
	struct ebay_error	 err;
	struct fetch_resp	 r;
	enum ebay_sig_res	 res;
	char			*url, *used = NULL;
	int			 auth;

	memset(&err, 0, sizeof err);
	xasprintf(&url, "%s%s%s", c->cfg->ebay_api_base, EBAY_SIG_PATH, kid);
	fetch_resp_init(&r);
	for (auth = 0; auth < 2; auth++) {
		if (!ebay_token_get(c, used, &err)) {
			res = ebay_sig_fail(EBAY_SIG_UNAVAILABLE, why, whylen,
			    "no application token for the key of %s: %s", kid,
			    ebay_strerror(err.code));
			goto out;
		}
		ebay_sig_get(c, url, &r);
		if (r.res != FETCH_OK || r.status != 401)
			break;
		ebay_auth_header_free(used);
		used = xstrdup(c->token);
	}
	if (r.res != FETCH_OK)
		res = ebay_sig_fail(EBAY_SIG_UNAVAILABLE, why, whylen,
		    "the key of %s could not be fetched: %s", kid,
		    fetch_strerror(r.res));
	else if (r.status == 200 && ebay_sig_key_reply(&r, key))
		res = EBAY_SIG_OK;
	else if (r.status == 200)
		/* eBay's answer is at fault, not the notification: eBay
		 * sends it again later, when the key may be whole. */
		res = ebay_sig_fail(EBAY_SIG_UNAVAILABLE, why, whylen,
		    "eBay's key of %s is not an ECDSA public key in PEM",
		    kid);
	else if (r.status == 404) {
		key->known = false;
		res = EBAY_SIG_OK;
	} else if (r.status >= 400 && r.status < 500 && r.status != 401 &&
	    r.status != 429)
		res = ebay_sig_fail(EBAY_SIG_BAD, why, whylen, "eBay refused "
		    "the key of %s: HTTP %ld", kid, r.status);
	else
		res = ebay_sig_fail(EBAY_SIG_UNAVAILABLE, why, whylen,
		    "the key of %s could not be fetched: HTTP %ld", kid,
		    r.status);
out:
	ebay_auth_header_free(used);
	fetch_resp_free(&r);
	free(url);
	return res;
}

/* The key of kid: from the cache, else fetched (within the budget). */
static enum ebay_sig_res
ebay_sig_key_get(struct ebay_client *c, const char *kid,
    struct ebay_sig_key *key, char *why, size_t whylen)
{
	struct ebay_error	 err;
	enum ebay_sig_res	 res;
	const char		*base = c->cfg->ebay_api_base;
	struct db		*db;
	PGresult		*pg;
	int64_t			 fetched = 0;
	bool			 cached = false;

	memset(key, 0, sizeof *key);
	if ((db = ebay_client_db(c, &err)) == NULL ||
	    (pg = db_exec(db, &ebay_sig_key_cached, base, kid)) == NULL)
		return ebay_sig_fail(EBAY_SIG_UNAVAILABLE, why, whylen,
		    "the key cache is unavailable");
	if (PQntuples(pg) == 1 && db_bool(pg, 0, 0, &cached) && cached) {
		key->known = !db_isnull(pg, 0, 1);
		if (key->known) {
			key->pem = xstrdup(db_text(pg, 0, 1));
			snprintf(key->digest, sizeof key->digest, "%s",
			    db_text(pg, 0, 2));
		}
	}
	if (PQntuples(pg) == 1)
		(void)db_int64(pg, 0, 3, &fetched);
	PQclear(pg);
	if (cached)
		return EBAY_SIG_OK;
	if (fetched >= EBAY_SIG_FETCH_MAX)
		return ebay_sig_fail(EBAY_SIG_UNAVAILABLE, why, whylen,
		    "%d notification keys fetched within the hour: %s waits",
		    EBAY_SIG_FETCH_MAX, kid);
	if ((res = ebay_sig_fetch(c, kid, key, why, whylen)) != EBAY_SIG_OK)
		return res;
	log_info("ebay: fetched the notification key %s (%s)", kid,
	    key->known ? "known" : "unknown to eBay");
	if (!db_run(db, &ebay_sig_key_store, base, kid, key->pem,
	    key->known ? key->digest : NULL))
		log_warn("ebay: the notification key %s was not cached: %s",
		    kid, db_errmsg(db));
	return EBAY_SIG_OK;
}

/* 1: the signature verifies, 0: it does not (or is not DER). */
static int
ebay_sig_check(const char *pem, const EVP_MD *md,
    const struct ebay_sig_hdr *h, const void *body, size_t len)
{
	EVP_MD_CTX	*ctx;
	EVP_PKEY	*k;
	int		 ok = 0;

	if ((k = ebay_sig_pem_key(pem)) == NULL)
		return 0;
	if ((ctx = EVP_MD_CTX_new()) == NULL)
		log_fatal("EVP_MD_CTX_new: out of memory");
	if (EVP_DigestVerifyInit(ctx, NULL, md, NULL, k) == 1 &&
	    EVP_DigestVerify(ctx, h->sig, h->siglen, body, len) == 1)
		ok = 1;
	EVP_MD_CTX_free(ctx);
	EVP_PKEY_free(k);
	ERR_clear_error();	/* the queue is shared with libcurl, libpq */
	return ok;
}

enum ebay_sig_res
ebay_sig_verify(struct ebay_client *c, const char *header, const void *body,
    size_t len, char *why, size_t whylen)
{
	struct ebay_sig_hdr	 h;
	struct ebay_sig_key	 key;
	enum ebay_sig_res	 res;
	const EVP_MD		*md;

	if (!ebay_sig_hdr_parse(header, &h, why, whylen))
		return EBAY_SIG_BAD;
	if ((res = ebay_sig_key_get(c, h.kid, &key, why, whylen)) !=
	    EBAY_SIG_OK)
		goto out;
	if (!key.known)
		res = ebay_sig_fail(EBAY_SIG_BAD, why, whylen, "eBay does not "
		    "know the key %s", h.kid);
	else if (h.digest[0] != '\0' && strcasecmp(h.digest, key.digest) != 0)
		res = ebay_sig_fail(EBAY_SIG_BAD, why, whylen, "the header's "
		    "digest is not the key's (%s)", key.digest);
	else if ((md = ebay_sig_md(key.digest)) == NULL ||
	    ebay_sig_check(key.pem, md, &h, body, len) != 1)
		res = ebay_sig_fail(EBAY_SIG_BAD, why, whylen, "the signature "
		    "does not match the body (key %s)", h.kid);
out:
	free(key.pem);
	ebay_sig_hdr_free(&h);
	return res;
}
