/* secret_sha256_hex (nettle): FIPS 180-4 examples, and every length
 * around the block edges against OpenSSL's digest. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "secret.h"
#include "tap.h"

static void
hex(const unsigned char *md, size_t n, char *out)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

int
main(void)
{
	static const struct {
		const char	*in;
		const char	*want;
	} fips[] = {
		{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
		{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
		{ "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
		  "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1" },
	};
	unsigned char	 want[EVP_MAX_MD_SIZE], buf[300];
	char		 got[SECRET_SHA256_HEX], wanthex[2 * EVP_MAX_MD_SIZE + 1];
	unsigned char	*big;
	unsigned int	 wlen;
	size_t		 i, bad = 0;

	for (i = 0; i < sizeof fips / sizeof fips[0]; i++) {
		secret_sha256_hex(fips[i].in, strlen(fips[i].in), got);
		is_str(got, fips[i].want, "FIPS example %zu", i + 1);
	}
	big = malloc(1000000);
	memset(big, 'a', 1000000);
	secret_sha256_hex(big, 1000000, got);
	is_str(got, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
	    "a million a's");
	free(big);

	/* Every length from 0 to 299: one, two and more blocks, and every
	 * place the padding can fall. */
	for (i = 0; i < sizeof buf; i++)
		buf[i] = (unsigned char)(i * 7 + 3);
	for (i = 0; i <= sizeof buf - 1; i++) {
		secret_sha256_hex(buf, i, got);
		if (EVP_Digest(buf, i, want, &wlen, EVP_sha256(), NULL) != 1 ||
		    wlen != 32) {
			bad++;
			continue;
		}
		hex(want, wlen, wanthex);
		if (strcmp(got, wanthex) != 0)
			bad++;
	}
	is_int((long long)bad, 0, "lengths 0 to 299 agree with OpenSSL");
	return tap_done();
}
