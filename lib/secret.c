/*
 * Random tokens, hashes and passwords (see secret.h).
 */
#include "config.h"

#include <crypt.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include <nettle/hmac.h>
#include <nettle/sha2.h>
#include <openssl/crypto.h>

#include "log.h"
#include "secret.h"
#include "xmalloc.h"

/* Fill p with n bytes from the kernel's CSPRNG; no fallback exists. */
void
secret_random(void *p, size_t n)
{
	unsigned char	*q = p;
	ssize_t		 r;

	while (n > 0) {
		if ((r = getrandom(q, n, 0)) < 0) {
			if (errno == EINTR)
				continue;
			log_fatal("getrandom: %s", strerror(errno));
		}
		q += r;
		n -= (size_t)r;
	}
}

/* A new opaque token: 256 random bits as unpadded base64url. */
void
secret_token(char out[SECRET_TOKEN_LEN + 1])
{
	static const char	 b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmn"
	    "opqrstuvwxyz0123456789-_";
	unsigned char		 raw[33];
	size_t			 i, o = 0;
	unsigned		 v;

	secret_random(raw, 32);
	raw[32] = 0;
	for (i = 0; i < 33; i += 3) {
		v = (unsigned)raw[i] << 16 | (unsigned)raw[i + 1] << 8 |
		    raw[i + 2];
		out[o++] = b64[(v >> 18) & 63];
		out[o++] = b64[(v >> 12) & 63];
		out[o++] = b64[(v >> 6) & 63];
		out[o++] = b64[v & 63];
	}
	out[SECRET_TOKEN_LEN] = '\0';
}

static void
secret_hex(const unsigned char *md, size_t n, char *out)
{
	static const char	 hex[] = "0123456789abcdef";
	size_t			 i;

	for (i = 0; i < n; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[2 * n] = '\0';
}

void
secret_sha256_hex(const void *p, size_t n, char out[SECRET_SHA256_HEX])
{
	struct sha256_ctx	 ctx;
	unsigned char		 md[SHA256_DIGEST_SIZE];

	/*
	 * nettle, not OpenSSL: the FastCGI workers hash a session cookie on
	 * every request, and OpenSSL's first digest costs each process about
	 * 2 MB for its initialisation (providers, configuration).  nettle
	 * has none (and libpq maps it already, through GnuTLS).
	 */
	sha256_init(&ctx);
	sha256_update(&ctx, n, p);
	sha256_digest(&ctx, sizeof md, md);
	secret_hex(md, sizeof md, out);
}

/* HMAC-SHA-256 with nettle, as secret_sha256_hex (RFC 2104, 4231). */
void
secret_hmac_sha256_hex(const void *key, size_t keylen, const void *p,
    size_t n, char out[SECRET_SHA256_HEX])
{
	struct hmac_sha256_ctx	 ctx;
	unsigned char		 md[SHA256_DIGEST_SIZE];

	hmac_sha256_set_key(&ctx, keylen, key);
	hmac_sha256_update(&ctx, n, p);
	hmac_sha256_digest(&ctx, sizeof md, md);
	explicit_bzero(&ctx, sizeof ctx);	/* the keyed inner state */
	secret_hex(md, sizeof md, out);
}

/* Compare two strings in time independent of where they differ. */
bool
secret_equal(const char *a, const char *b)
{
	size_t	 la = strlen(a), lb = strlen(b);

	if (la != lb)
		return false;
	return CRYPTO_memcmp(a, b, la) == 0;
}

/* Hash a password with yescrypt; returns the hash (caller frees) or NULL. */
char *
secret_password_hash(const char *password)
{
	struct crypt_data	*cd;
	char			*setting, *hash, *out = NULL;

	cd = xcalloc(1, sizeof *cd);
	setting = crypt_gensalt_rn("$y$", 0, NULL, 0, cd->setting,
	    sizeof cd->setting);
	if (setting != NULL &&
	    (hash = crypt_r(password, setting, cd)) != NULL && hash[0] != '*')
		out = xstrdup(hash);
	explicit_bzero(cd, sizeof *cd);
	free(cd);
	return out;
}

/* True if password matches hash (any crypt(3) method libxcrypt knows). */
bool
secret_password_check(const char *password, const char *hash)
{
	struct crypt_data	*cd;
	char			*h;
	bool			 ok = false;

	cd = xcalloc(1, sizeof *cd);
	if ((h = crypt_r(password, hash, cd)) != NULL && h[0] != '*')
		ok = secret_equal(h, hash);
	explicit_bzero(cd, sizeof *cd);
	free(cd);
	return ok;
}
