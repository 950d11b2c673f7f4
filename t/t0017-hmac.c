/* secret_hmac_sha256_hex: RFC 4231's HMAC-SHA-256 test cases, and keys
 * and messages of every length around the block edges against OpenSSL's
 * HMAC (what secret.c used before nettle: the output must not change). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "secret.h"
#include "tap.h"

static void
hex(const unsigned char *md, size_t n, char *out)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

/* RFC 4231 section 4: the keys and data are runs of one byte or text. */
static void
rfc4231(void)
{
	unsigned char	 k0b[20], kaa[131], k4[25], dd[50], cd[50];
	char		 got[SECRET_SHA256_HEX];
	const char	*s;
	size_t		 i;

	memset(k0b, 0x0b, sizeof k0b);
	memset(kaa, 0xaa, sizeof kaa);
	for (i = 0; i < sizeof k4; i++)
		k4[i] = (unsigned char)(i + 1);
	memset(dd, 0xdd, sizeof dd);
	memset(cd, 0xcd, sizeof cd);

	secret_hmac_sha256_hex(k0b, 20, "Hi There", 8, got);
	is_str(got, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
	    "RFC 4231 test case 1");
	s = "what do ya want for nothing?";
	secret_hmac_sha256_hex("Jefe", 4, s, strlen(s), got);
	is_str(got, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
	    "RFC 4231 test case 2 (a key shorter than the output)");
	secret_hmac_sha256_hex(kaa, 20, dd, sizeof dd, got);
	is_str(got, "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
	    "RFC 4231 test case 3");
	secret_hmac_sha256_hex(k4, sizeof k4, cd, sizeof cd, got);
	is_str(got, "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
	    "RFC 4231 test case 4");
	memset(k0b, 0x0c, sizeof k0b);
	s = "Test With Truncation";
	secret_hmac_sha256_hex(k0b, 20, s, strlen(s), got);
	is_int((long long)strlen(got), 64, "RFC 4231 test case 5: 64 digits");
	ok(strncmp(got, "a3b6167473100ee06e0c796c2955552b", 32) == 0,
	    "  the first 128 bits are the RFC's");
	s = "Test Using Larger Than Block-Size Key - Hash Key First";
	secret_hmac_sha256_hex(kaa, sizeof kaa, s, strlen(s), got);
	is_str(got, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
	    "RFC 4231 test case 6 (a key longer than a block)");
	s = "This is a test using a larger than block-size key and a larger "
	    "than block-size data. The key needs to be hashed before being "
	    "used by the HMAC algorithm.";
	secret_hmac_sha256_hex(kaa, sizeof kaa, s, strlen(s), got);
	is_str(got, "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
	    "RFC 4231 test case 7");
}

int
main(void)
{
	unsigned char	 key[150], msg[200], want[EVP_MAX_MD_SIZE];
	char		 got[SECRET_SHA256_HEX], wanthex[2 * EVP_MAX_MD_SIZE + 1];
	unsigned int	 wlen;
	size_t		 i, kl, ml, bad = 0, n = 0;

	rfc4231();

	/* Keys of 0 to 149 bytes (below, at and past the 64-byte block,
	 * which is hashed first) with messages of 0 to 199 bytes. */
	for (i = 0; i < sizeof key; i++)
		key[i] = (unsigned char)(i * 13 + 5);
	for (i = 0; i < sizeof msg; i++)
		msg[i] = (unsigned char)(i * 7 + 3);
	for (kl = 0; kl < sizeof key; kl++)
		for (ml = 0; ml < sizeof msg; ml += kl % 7 + 1) {
			n++;
			secret_hmac_sha256_hex(key, kl, msg, ml, got);
			if (HMAC(EVP_sha256(), key, (int)kl, msg, ml, want,
			    &wlen) == NULL || wlen != 32) {
				bad++;
				continue;
			}
			hex(want, wlen, wanthex);
			if (strcmp(got, wanthex) != 0 && bad++ < 3)
				tap_diag("key %zu, message %zu bytes: %s, not "
				    "%s", kl, ml, got, wanthex);
		}
	ok(n > 5000, "%zu key and message lengths", n);
	is_int((long long)bad, 0, "all agree with OpenSSL's HMAC");
	return tap_done();
}
