/*
 * Security primitives: random tokens, SHA-256 and HMAC-SHA-256 (nettle),
 * constant-time comparison (OpenSSL's CRYPTO_memcmp), and password hashing
 * with libxcrypt's yescrypt.
 */
#ifndef SECRET_H
#define SECRET_H

#include <stdbool.h>
#include <stddef.h>

#define SECRET_SHA256_HEX	65	/* 64 hex digits and the NUL */
#define SECRET_TOKEN_LEN	43	/* 32 random bytes, base64url, no pad */

void	 secret_random(void *, size_t);
void	 secret_token(char out[SECRET_TOKEN_LEN + 1]);
void	 secret_sha256_hex(const void *, size_t, char out[SECRET_SHA256_HEX]);
void	 secret_hmac_sha256_hex(const void *key, size_t keylen,
	    const void *, size_t, char out[SECRET_SHA256_HEX]);
bool	 secret_equal(const char *, const char *);
char	*secret_password_hash(const char *) __attribute__((warn_unused_result));
bool	 secret_password_check(const char *password, const char *hash);

#endif
