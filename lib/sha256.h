/*
 * SHA-256 (FIPS 180-4), small and self-contained: the FastCGI workers hash
 * a session cookie on every request, and OpenSSL's digests cost each
 * process about 2 MB of memory for their initialisation (providers,
 * configuration).  Secret-key work (HMAC) stays with OpenSSL.
 */
#ifndef SHA256_H
#define SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_LEN	32

void	 sha256(const void *, size_t, unsigned char out[SHA256_LEN]);

#endif
