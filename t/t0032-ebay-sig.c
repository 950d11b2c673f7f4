/*
 * lib/ebay-sig.c: X-EBAY-SIGNATURE against the raw body, with keys made
 * here by OpenSSL.  lib/ebay-sig.h exposes one function, ebay_sig_verify,
 * which takes the header apart before it needs a key: the malformed
 * headers are checked without a database (a well-formed one then finds
 * the key cache unreachable).  With DATABASE_URL set (t0251 runs this
 * against a migrated PostgreSQL) the keys go into the key cache,
 * ebay_notification_keys, as if fetched, and the signatures are checked:
 * good, wrong body, wrong key, PEM with and without line breaks,
 * truncated PEM.  Fetching keys from eBay is t0350's.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/pem.h>

#include "buf.h"
#include "cfg.h"
#include "db.h"
#include "ebay.h"
#include "ebay-sig.h"
#include "log.h"
#include "tap.h"
#include "xmalloc.h"

#define T_API_BASE	"http://127.0.0.1:9"	/* never called: keys cached */

DB_STMT(t_key_put, 4,
    "INSERT INTO ebay_notification_keys (api_base, kid, pem, digest)"
    " VALUES ($1, $2, $3, $4) ON CONFLICT (api_base, kid) DO UPDATE"
    " SET pem = EXCLUDED.pem, digest = EXCLUDED.digest, fetched_at = now()");

static const char body[] = "{\"metadata\":{\"topic\":"
    "\"MARKETPLACE_ACCOUNT_DELETION\"},\"notification\":{\"data\":"
    "{\"username\":\"seller_1\",\"userId\":\"u1\"}}}";

/* Standard base64 of n bytes, no line breaks; caller frees. */
static char *
b64(const void *p, size_t n)
{
	char	*s;

	s = xmalloc(4 * ((n + 2) / 3) + 1);
	EVP_EncodeBlock((unsigned char *)s, p, (int)n);
	return s;
}

static char *
b64s(const char *s)
{
	return b64(s, strlen(s));
}

/* The DER ECDSA signature of msg by k with md, in base64; caller frees. */
static char *
sign(EVP_PKEY *k, const EVP_MD *md, const char *msg)
{
	EVP_MD_CTX	*ctx;
	unsigned char	*der;
	size_t		 len = 0;
	char		*s;

	if ((ctx = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestSignInit(ctx, NULL, md, NULL, k) != 1 ||
	    EVP_DigestSign(ctx, NULL, &len, (const unsigned char *)msg,
	    strlen(msg)) != 1)
		log_fatal("sign: cannot sign");
	der = xmalloc(len);
	if (EVP_DigestSign(ctx, der, &len, (const unsigned char *)msg,
	    strlen(msg)) != 1)
		log_fatal("sign: cannot sign");
	s = b64(der, len);
	free(der);
	EVP_MD_CTX_free(ctx);
	return s;
}

/* k's public key in PEM, 64 characters a line; caller frees. */
static char *
pem_of(EVP_PKEY *k)
{
	BIO	*bio;
	char	*data, *s;
	long	 n;

	if ((bio = BIO_new(BIO_s_mem())) == NULL ||
	    PEM_write_bio_PUBKEY(bio, k) != 1)
		log_fatal("pem_of: cannot write the key");
	n = BIO_get_mem_data(bio, &data);
	s = xmalloc((size_t)n + 1);
	memcpy(s, data, (size_t)n);
	s[n] = '\0';
	BIO_free(bio);
	return s;
}

/* pem without its line breaks, as eBay sends it; caller frees. */
static char *
one_line(const char *pem)
{
	char	*s, *d;

	s = d = xstrdup(pem);
	for (; *pem != '\0'; pem++)
		if (*pem != '\n' && *pem != '\r')
			*d++ = *pem;
	*d = '\0';
	return s;
}

/* The header for kid and signature (fields NULL are left out). */
static char *
header(const char *alg, const char *kid, const char *sig, const char *digest)
{
	struct buf	 b;
	char		*h;

	buf_init(&b, 0);
	buf_adds(&b, "{");
	if (alg != NULL)
		buf_addf(&b, "\"alg\":\"%s\",", alg);
	if (kid != NULL)
		buf_addf(&b, "\"kid\":\"%s\",", kid);
	if (sig != NULL)
		buf_addf(&b, "\"signature\":\"%s\",", sig);
	if (digest != NULL)
		buf_addf(&b, "\"digest\":\"%s\",", digest);
	if (b.len > 1)
		b.len--;	/* the last comma */
	buf_adds(&b, "}");
	h = b64s(buf_cstr(&b));
	buf_free(&b);
	return h;
}

/* ebay_sig_verify of h over msg is res, and why mentions want. */
static void
check(struct ebay_client *c, const char *h, const char *msg,
    enum ebay_sig_res res, const char *want, const char *name)
{
	char			 why[256] = "";
	enum ebay_sig_res	 got;

	got = ebay_sig_verify(c, h, msg, strlen(msg), why, sizeof why);
	if (!is_int(got, res, "%s", name))
		tap_diag("why: %s", why);
	if (want != NULL && !ok(strstr(why, want) != NULL, "  says \"%s\"",
	    want))
		tap_diag("why: %s", why);
}

/* check() over body of the header with these fields. */
static void
check_fields(struct ebay_client *c, const char *alg, const char *kid,
    const char *sig, const char *digest, enum ebay_sig_res res,
    const char *want, const char *name)
{
	char	*h;

	h = header(alg, kid, sig, digest);
	check(c, h, body, res, want, name);
	free(h);
}

/* Headers refused before any key is needed. */
static void
malformed(struct ebay_client *c, const char *sig)
{
	struct buf	 b;
	char		*h, *big;
	size_t		 i;

	check(c, NULL, body, EBAY_SIG_BAD, "no X-EBAY-SIGNATURE", "no header");
	check(c, "", body, EBAY_SIG_BAD, "no X-EBAY-SIGNATURE", "empty header");
	check(c, "!!!!", body, EBAY_SIG_BAD, "not base64", "not base64");
	h = header("ecdsa", "k1", sig, "SHA1");
	big = xstrdup(h);
	big[4] = ' ';
	check(c, big, body, EBAY_SIG_BAD, "not base64", "a space inside");
	free(big);
	xasprintf(&big, "%s\n", h);
	check(c, big, body, EBAY_SIG_BAD, "not base64", "a trailing newline");
	free(big);
	xasprintf(&big, "%sA", h);
	check(c, big, body, EBAY_SIG_BAD, "not base64",
	    "one character too many");
	free(big);
	free(h);
	h = b64s("?>?>?>");	/* "Pz4/Pz4/" */
	for (i = 0; h[i] != '\0'; i++)
		if (h[i] == '/')
			h[i] = '_';
		else if (h[i] == '+')
			h[i] = '-';
	check(c, h, body, EBAY_SIG_BAD, "not base64", "the URL alphabet");
	free(h);

	buf_init(&b, EBAY_SIG_HEADER_MAX + 8);
	for (i = 0; i < EBAY_SIG_HEADER_MAX / 4 + 1; i++)
		buf_adds(&b, "AAAA");
	check(c, buf_cstr(&b), body, EBAY_SIG_BAD, "longer than",
	    "a header over EBAY_SIG_HEADER_MAX");
	buf_free(&b);

	h = b64s("not json");
	check(c, h, body, EBAY_SIG_BAD, "JSON object", "not JSON");
	free(h);
	h = b64s("{\"kid\":\"k1\",\"signature\":");
	check(c, h, body, EBAY_SIG_BAD, "JSON object", "JSON cut short");
	free(h);
	h = b64s("[\"k1\"]");
	check(c, h, body, EBAY_SIG_BAD, "JSON object", "a JSON array");
	free(h);

	check_fields(c, "ecdsa", NULL, sig, "SHA1",
	    EBAY_SIG_BAD, "kid", "no kid");
	check_fields(c, "ecdsa", "", sig, "SHA1",
	    EBAY_SIG_BAD, "kid", "an empty kid");
	check_fields(c, "ecdsa", "../k1", sig, "SHA1",
	    EBAY_SIG_BAD, "kid", "a kid with a path in it");
	big = xmalloc(EBAY_SIG_KID_MAX + 2);
	memset(big, 'k', EBAY_SIG_KID_MAX + 1);
	big[EBAY_SIG_KID_MAX + 1] = '\0';
	check_fields(c, "ecdsa", big, sig, "SHA1",
	    EBAY_SIG_BAD, "kid", "a kid over EBAY_SIG_KID_MAX");
	free(big);
	h = b64s("{\"kid\":7,\"signature\":\"MEUCIQ==\"}");
	check(c, h, body, EBAY_SIG_BAD, "kid", "a kid that is a number");
	free(h);

	check_fields(c, "rsa", "k1", sig, "SHA1",
	    EBAY_SIG_BAD, "alg must be ECDSA", "alg RSA");
	check_fields(c, "ecdsa", "k1", sig, "MD5",
	    EBAY_SIG_BAD, "unknown digest", "digest MD5");

	check_fields(c, "ecdsa", "k1", NULL, "SHA1",
	    EBAY_SIG_BAD, "signature must be", "no signature");
	check_fields(c, "ecdsa", "k1", "MEUC*Q==", "SHA1",
	    EBAY_SIG_BAD, "signature must be",
	    "a signature that is not base64");
	big = xmalloc(517);
	memset(big, 'A', 516);
	big[516] = '\0';
	check_fields(c, "ecdsa", "k1", big, "SHA1",
	    EBAY_SIG_BAD, "signature must be",
	    "a signature over 512 characters");
	free(big);
}

/* With the key cache: the keys stored as if fetched from eBay. */
static void
signatures(struct ebay_client *c, struct db *db, EVP_PKEY *k, EVP_PKEY *other)
{
	char	*pem, *line, *cut, *sig, *sig256, *bad, *h, *tampered;
	size_t	 n;

	pem = pem_of(k);
	line = one_line(pem);
	n = strlen(pem);
	cut = xstrdup(pem);
	cut[n / 2] = '\0';
	ok(strchr(line, '\n') == NULL && strstr(pem, "\n") != NULL &&
	    strncmp(line, "-----BEGIN PUBLIC KEY-----M", 27) == 0,
	    "the key in PEM, with and without line breaks");
	ok(db_run(db, &t_key_put, T_API_BASE, "k-lines", pem, "SHA1") &&
	    db_run(db, &t_key_put, T_API_BASE, "k-line", line, "SHA1") &&
	    db_run(db, &t_key_put, T_API_BASE, "k-256", line, "SHA256") &&
	    db_run(db, &t_key_put, T_API_BASE, "k-cut", cut, "SHA1") &&
	    db_run(db, &t_key_put, T_API_BASE, "k-unknown", NULL, NULL),
	    "keys cached");
	/* The half of the DER ahead of the END line: base64, not a key. */
	xasprintf(&h, "%.*s\n-----END PUBLIC KEY-----\n", (int)(n / 2), pem);
	ok(db_run(db, &t_key_put, T_API_BASE, "k-short", h, "SHA1"),
	    "a truncated key cached");
	free(h);

	sig = sign(k, EVP_sha1(), body);
	sig256 = sign(k, EVP_sha256(), body);
	bad = sign(other, EVP_sha1(), body);
	tampered = xstrdup(body);
	tampered[strlen(tampered) - 5] = '2';	/* "u1" -> "u2" */

	h = header("ecdsa", "k-lines", sig, "SHA1");
	check(c, h, body, EBAY_SIG_OK, NULL, "good signature, PEM in lines");
	check(c, h, tampered, EBAY_SIG_BAD, "does not match", "wrong body");
	check(c, h, "", EBAY_SIG_BAD, "does not match", "empty body");
	free(h);
	check_fields(c, "ecdsa", "k-line", sig, "SHA1",
	    EBAY_SIG_OK, NULL, "good signature, PEM on one line");
	check_fields(c, NULL, "k-line", sig, NULL,
	    EBAY_SIG_OK, NULL, "no alg, no digest: the key's digest");
	check_fields(c, "ECDSA", "k-256", sig256, "SHA256",
	    EBAY_SIG_OK, NULL, "a SHA-256 key");
	check_fields(c, "ecdsa", "k-256", sig, "SHA1",
	    EBAY_SIG_BAD, "not the key's", "a digest other than the key's");
	check_fields(c, "ecdsa", "k-256", sig, NULL,
	    EBAY_SIG_BAD, "does not match",
	    "a SHA-1 signature under a SHA-256 key");
	check_fields(c, "ecdsa", "k-line", bad, "SHA1",
	    EBAY_SIG_BAD, "does not match", "wrong key");
	check_fields(c, "ecdsa", "k-line", "MEUCIQ==", "SHA1",
	    EBAY_SIG_BAD, "does not match", "a signature that is not DER");
	check_fields(c, "ecdsa", "k-cut", sig, "SHA1",
	    EBAY_SIG_BAD, "does not match", "PEM cut in half (no END line)");
	check_fields(c, "ecdsa", "k-short", sig, "SHA1",
	    EBAY_SIG_BAD, "does not match", "PEM of half a key");
	check_fields(c, "ecdsa", "k-unknown", sig, "SHA1",
	    EBAY_SIG_BAD, "does not know", "a kid eBay does not know");

	free(tampered);
	free(bad);
	free(sig256);
	free(sig);
	free(cut);
	free(line);
	free(pem);
}

int
main(void)
{
	struct cfg		 cfg;
	struct ebay_client	*c;
	struct db		*db;
	EVP_PKEY		*k, *other;
	const char		*url;
	char			*sig, *h;

	log_init("t0032-ebay-sig");
	if ((k = EVP_EC_gen("P-256")) == NULL ||
	    (other = EVP_EC_gen("P-256")) == NULL)
		tap_skip_all("OpenSSL cannot make a P-256 key");
	url = getenv("DATABASE_URL");
	memset(&cfg, 0, sizeof cfg);
	cfg.ebay_api_base = xstrdup(T_API_BASE);
	/* Without a database: a port nothing listens on. */
	cfg.database_url = xstrdup(url != NULL && *url != '\0' ? url :
	    "postgresql://127.0.0.1:1/none?connect_timeout=2");
	db = db_open(cfg.database_url, 5000);
	c = ebay_client_new(&cfg, db, "web");

	sig = sign(k, EVP_sha1(), body);
	malformed(c, sig);
	h = header("ecdsa", "k-lines", sig, "SHA1");
	if (url == NULL || *url == '\0') {
		check(c, h, body, EBAY_SIG_UNAVAILABLE, "key cache",
		    "a well-formed header: its key needs the database");
		ok(true, "signatures # skip no DATABASE_URL (t0251 runs them)");
	} else
		signatures(c, db, k, other);
	free(h);
	free(sig);
	ebay_client_free(c);
	db_close(db);
	free(cfg.database_url);
	free(cfg.ebay_api_base);
	EVP_PKEY_free(other);
	EVP_PKEY_free(k);
	return tap_done();
}
