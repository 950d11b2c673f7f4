/*
 * Email through SMTP with libcurl: a multipart/alternative message (plain
 * text and HTML, both quoted-printable UTF-8), from SMTP_FROM (or config
 * "from") to the target address, through the channel's own SMTP URL
 * (config "smtp_url", from a mailto:// URL) or SMTP_URL.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/evp.h>

#include "cfg.h"
#include "notify-private.h"
#include "xmalloc.h"

/* A header value as RFC 2047 encoded words (UTF-8, base64). */
static void
notify_email_encode(struct buf *b, const char *s)
{
	unsigned char	 out[128];
	size_t		 len = strlen(s), at = 0, n;

	while (at < len) {
		n = len - at > 45 ? 45 : len - at;
		while (at + n < len && n > 1 &&
		    ((unsigned char)s[at + n] & 0xc0) == 0x80)
			n--;
		EVP_EncodeBlock(out, (const unsigned char *)s + at, (int)n);
		buf_addf(b, "%s=?UTF-8?B?%s?=", at > 0 ? " " : "", out);
		at += n;
	}
}

static void
notify_email_header(struct notify_job *job, const char *name,
    const char *value, bool encode)
{
	struct buf	 b;

	buf_init(&b, 4096);
	buf_addf(&b, "%s: ", name);
	if (encode)
		notify_email_encode(&b, value);
	else
		buf_adds(&b, value);
	if (!buf_failed(&b))
		job->headers = curl_slist_append(job->headers, buf_cstr(&b));
	buf_free(&b);
}

/* A simple addr-spec: no spaces, controls, <>, quotes, commas. */
static bool
notify_email_addr_ok(const char *a)
{
	const char	*at;
	size_t		 i;

	if (a == NULL || (at = strchr(a, '@')) == NULL || at == a ||
	    at[1] == '\0' || strchr(at + 1, '@') != NULL || strlen(a) > 254)
		return false;
	for (i = 0; a[i] != '\0'; i++)
		if ((unsigned char)a[i] <= ' ' || strchr("<>()[]\\,;:\"",
		    a[i]) != NULL || a[i] == 0x7f)
			return false;
	return true;
}

static bool
notify_email_part(struct notify_job *job, curl_mime *alt, const char *tpl,
    const char *type)
{
	curl_mimepart	*part;
	struct buf	 b;
	bool		 ok;

	buf_init(&b, 0);
	if ((ok = notify_render_into(job, tpl, &b, NULL, NULL))) {
		part = curl_mime_addpart(alt);
		curl_mime_data(part, b.data, b.len);
		curl_mime_type(part, type);
		curl_mime_encoder(part, "quoted-printable");
	}
	buf_free(&b);
	return ok;
}

bool
notify_email_prepare(struct notify_job *job, char **cause)
{
	const struct cfg	*cfg = cfg_get();
	curl_mime		*alt;
	curl_mimepart		*part;
	char			*smtp, *from, *subject, *fromhdr, date[64];
	struct tm		 tm;
	time_t			 now;
	bool			 ok = false;

	job->smtp = true;
	if ((smtp = notify_config_get(job->ch, "smtp_url")) == NULL &&
	    cfg->smtp_url != NULL)
		smtp = xstrdup(cfg->smtp_url);
	if ((from = notify_config_get(job->ch, "from")) == NULL &&
	    cfg->smtp_from != NULL)
		from = xstrdup(cfg->smtp_from);
	if (smtp == NULL || from == NULL) {
		*cause = xstrdup("email is switched off: set SMTP_URL and "
		    "SMTP_FROM, or paste a mailto:// URL with a server");
		goto out;
	}
	if (!notify_email_addr_ok(job->ch->target) ||
	    !notify_email_addr_ok(from)) {
		*cause = xstrdup("the sender or recipient address is not a "
		    "plain address");
		goto out;
	}
	job->url = smtp;
	smtp = NULL;
	curl_easy_setopt(job->easy, CURLOPT_MAIL_FROM, from);
	job->rcpt = curl_slist_append(NULL, job->ch->target);

	xasprintf(&fromhdr, "ebay-scanner <%s>", from);
	notify_email_header(job, "From", fromhdr, false);
	free(fromhdr);
	notify_email_header(job, "To", job->ch->target, false);
	subject = notify_subject(job->msg);
	notify_email_header(job, "Subject", subject, true);
	free(subject);
	now = time(NULL);
	gmtime_r(&now, &tm);
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
	notify_email_header(job, "Date", date, false);

	job->mime = curl_mime_init(job->easy);
	alt = curl_mime_init(job->easy);
	if (!notify_email_part(job, alt, "notify-text.tpl",
	    "text/plain; charset=utf-8") ||
	    !notify_email_part(job, alt, "notify-email.tpl",
	    "text/html; charset=utf-8")) {
		curl_mime_free(alt);
		*cause = xstrdup("the email templates failed");
		goto out;
	}
	part = curl_mime_addpart(job->mime);
	curl_mime_subparts(part, alt);
	curl_mime_type(part, "multipart/alternative");
	ok = true;
out:
	free(smtp);
	free(from);
	return ok;
}
