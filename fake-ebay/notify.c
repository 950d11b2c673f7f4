/*
 * The Notification API's part of account deletion (BROWSE-API.md 8): an
 * ECDSA P-256 key pair made at start, whose public half
 * GET /commerce/notification/v1/public_key/{kid} serves as eBay does
 * (Bearer check, faults with on=public_key, the PEM on one line unless
 * set otherwise), a second pair that is never served (a signature "by
 * another key"), and X-EBAY-SIGNATURE values for the control API's signed
 * notifications (control.c).
 */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include "buf.h"
#include "fake.h"
#include "log.h"
#include "xmalloc.h"

static EVP_PKEY		*notify_key;	/* served under notify_kid */
static EVP_PKEY		*notify_other;	/* never served */
static char		 notify_kid[40];
static char		*notify_b64;	/* the public key's DER, base64 */
static bool		 notify_lines;	/* PEM with line breaks */
static pthread_mutex_t	 notify_lock = PTHREAD_MUTEX_INITIALIZER;

/* Base64 of n bytes (caller frees). */
static char *
notify_base64(const unsigned char *p, size_t n)
{
	char	*out = xmalloc(4 * ((n + 2) / 3) + 1);

	EVP_EncodeBlock((unsigned char *)out, p, (int)n);
	return out;
}

static EVP_PKEY *
notify_keygen(void)
{
	EVP_PKEY	*k;

	if ((k = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256")) == NULL)
		log_fatal("cannot make an ECDSA key pair");
	return k;
}

void
notify_init(void)
{
	unsigned char	*der = NULL, md[EVP_MAX_MD_SIZE];
	unsigned	 mdlen;
	int		 n;

	notify_key = notify_keygen();
	notify_other = notify_keygen();
	if ((n = i2d_PUBKEY(notify_key, &der)) <= 0 ||
	    !EVP_Digest(der, (size_t)n, md, &mdlen, EVP_sha256(), NULL))
		log_fatal("cannot encode the public key");
	notify_b64 = notify_base64(der, (size_t)n);
	OPENSSL_free(der);
	/* A kid shaped like eBay's: a UUID (from the key's hash). */
	snprintf(notify_kid, sizeof notify_kid, "%02x%02x%02x%02x-%02x%02x-"
	    "%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", md[0], md[1], md[2],
	    md[3], md[4], md[5], md[6], md[7], md[8], md[9], md[10], md[11],
	    md[12], md[13], md[14], md[15]);
}

const char *
notify_kid_get(void)
{
	return notify_kid;
}

void
notify_set_pem_lines(bool on)
{
	pthread_mutex_lock(&notify_lock);
	notify_lines = on;
	pthread_mutex_unlock(&notify_lock);
}

/* The public key as eBay's JSON (caller frees). */
static char *
notify_key_json(void)
{
	struct json_object	*o = json_object_new_object();
	struct buf		 pem;
	size_t			 i, n = strlen(notify_b64);
	bool			 lines;
	char			*out;

	pthread_mutex_lock(&notify_lock);
	lines = notify_lines;
	pthread_mutex_unlock(&notify_lock);
	buf_init(&pem, 0);
	buf_adds(&pem, "-----BEGIN PUBLIC KEY-----");
	for (i = 0; i < n; i += 64) {
		if (lines)
			buf_adds(&pem, "\n");
		buf_add(&pem, notify_b64 + i, n - i < 64 ? n - i : 64);
	}
	buf_adds(&pem, lines ? "\n-----END PUBLIC KEY-----\n" :
	    "-----END PUBLIC KEY-----");
	json_object_object_add(o, "algorithm", json_object_new_string("ECDSA"));
	json_object_object_add(o, "digest", json_object_new_string("SHA1"));
	json_object_object_add(o, "key", json_object_new_string(buf_cstr(&pem)));
	buf_free(&pem);
	out = xstrdup(json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return out;
}

/* The normal answer of the key route (for route_fault too). */
static char *
notify_key_body(struct freq *r, int *status)
{
	const char	*kid = r->path + strlen(NOTIFY_KEY_PATH);

	if (strcmp(kid, notify_kid) != 0) {
		*status = MHD_HTTP_NOT_FOUND;
		route_count_key(false);
		return fault_error_json(195001, "API_NOTIFICATION", "REQUEST",
		    "The specified public key id was not found.", NULL);
	}
	*status = MHD_HTTP_OK;
	route_count_key(true);
	return notify_key_json();
}

/* GET /commerce/notification/v1/public_key/{kid} */
enum MHD_Result
notify_key_route(struct freq *r)
{
	struct fault_hit	 hit;
	enum MHD_Result		 ret;
	char			*body;
	int			 status;

	route_count_key_call();
	if (strcmp(r->method, "GET") != 0)
		return fake_reply_json(r, MHD_HTTP_METHOD_NOT_ALLOWED,
		    fault_error_json(3001, "ROUTING", "REQUEST",
		    "Method not allowed", NULL));
	if (!token_check(r, &ret))
		return ret;
	fault_take(&hit, FAULT_ON_PUBLIC_KEY);
	if (fake_opts.latency_ms + hit.latency_ms > 0)
		fake_sleep_ms(fake_opts.latency_ms + hit.latency_ms);
	if (hit.have)
		return route_fault(r, hit.kind, notify_key_body);
	body = notify_key_body(r, &status);
	return fake_reply_json(r, (unsigned)status, body);
}

/*
 * The X-EBAY-SIGNATURE value for body: base64 of {"alg","kid",
 * "signature","digest"}, signed with the served key, or with the other
 * one (other) under the served kid.  Caller frees.
 */
char *
notify_sign(const char *body, size_t len, bool other)
{
	struct json_object	*o;
	EVP_MD_CTX		*ctx;
	unsigned char		*sig;
	size_t			 siglen = 0;
	const char		*s;
	char			*b64, *out;

	if ((ctx = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestSignInit(ctx, NULL, EVP_sha1(), NULL,
	    other ? notify_other : notify_key) != 1 ||
	    EVP_DigestSign(ctx, NULL, &siglen, (const unsigned char *)body,
	    len) != 1)
		log_fatal("cannot sign a notification");
	sig = xmalloc(siglen);
	if (EVP_DigestSign(ctx, sig, &siglen, (const unsigned char *)body,
	    len) != 1)
		log_fatal("cannot sign a notification");
	EVP_MD_CTX_free(ctx);
	b64 = notify_base64(sig, siglen);
	free(sig);
	o = json_object_new_object();
	json_object_object_add(o, "alg", json_object_new_string("ecdsa"));
	json_object_object_add(o, "kid", json_object_new_string(notify_kid));
	json_object_object_add(o, "signature", json_object_new_string(b64));
	json_object_object_add(o, "digest", json_object_new_string("SHA1"));
	free(b64);
	s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
	    JSON_C_TO_STRING_NOSLASHESCAPE);
	out = notify_base64((const unsigned char *)s, strlen(s));
	json_object_put(o);
	return out;
}
