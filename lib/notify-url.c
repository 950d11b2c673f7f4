/*
 * Channel URLs: what a user pastes (an https:// webhook, or an Apprise URL
 * as changedetection.io users know them) turned into kind + target +
 * config, with an error naming what is wrong; and masking for display.
 *
 *   https://discord.com/api/webhooks/ID/TOKEN	discord
 *   https://hooks.slack.com/services/A/B/C	slack
 *   https://ntfy.sh/TOPIC			ntfy
 *   http(s)://anything else			webhook
 *   json://host[:port]/path, jsons://...	webhook (http, https)
 *   ntfy://topic				ntfy on ntfy.sh
 *   ntfy://[user:pass@]host[:port]/topic	ntfy (http), ntfys:// (https)
 *   discord://[name@]ID/TOKEN			discord
 *   slack://[name@]A/B/C[/#channel]		slack
 *   tgram://BOTTOKEN/CHAT_ID			telegram
 *   mailto://user:pass@host[:port][?to=addr&from=addr]
 *						email via that server (mailtos://
 *						for SMTPS); to defaults to user@host
 *   mailto:addr, addr@host			email via SMTP_URL
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <json-c/json.h>

#include "buf.h"
#include "form.h"
#include "notify-private.h"
#include "xmalloc.h"

#define NOTIFY_URL_MAX	2048

static bool __attribute__((format(printf, 2, 3)))
notify_url_fail(char **cause, const char *fmt, ...)
{
	va_list	 ap;

	free(*cause);
	va_start(ap, fmt);
	xvasprintf(cause, fmt, ap);
	va_end(ap);
	return false;
}

static bool
notify_chars(const char *s, size_t n, const char *extra)
{
	size_t	 i;

	if (n == 0)
		return false;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && strchr(extra, s[i]) ==
		    NULL)
			return false;
	return true;
}

/* Split "a/b/c" into at most max segments (empty ones dropped). */
static size_t
notify_segments(const char *s, char **seg, size_t max)
{
	size_t	 n = 0, len;

	while (*s != '\0') {
		len = strcspn(s, "/");
		if (len > 0) {
			if (n == max) {
				n++;
				break;
			}
			seg[n++] = xstrndup(s, len);
		}
		s += len;
		if (*s == '/')
			s++;
	}
	return n;
}

static void
notify_segments_free(char **seg, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(seg[i]);
}

static char *
notify_config1(const char *k1, const char *v1, const char *k2,
    const char *v2)
{
	struct json_object	*o;
	char			*s;

	o = json_object_new_object();
	if (v1 != NULL)
		json_object_object_add(o, k1, json_object_new_string(v1));
	if (k2 != NULL && v2 != NULL)
		json_object_object_add(o, k2, json_object_new_string(v2));
	s = xstrdup(json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return s;
}

/* An http(s) URL, checked by libcurl's parser; normalised copy or NULL. */
static char *
notify_http_url(const char *url, char **cause)
{
	CURLU	*u;
	char	*out = NULL, *host = NULL, *scheme = NULL;

	if ((u = curl_url()) == NULL)
		return NULL;
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK)
		notify_url_fail(cause, "%s", "the URL is not valid (a scheme, "
		    "a host, an optional port and path)");
	else if (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0)
		notify_url_fail(cause, "%s", "only http:// and https:// URLs "
		    "can be posted to");
	else if (curl_url_get(u, CURLUPART_URL, &out, 0) != CURLUE_OK)
		notify_url_fail(cause, "%s", "the URL is not valid");
	curl_free(scheme);
	curl_free(host);
	curl_url_cleanup(u);
	if (out != NULL) {
		char	*copy = xstrdup(out);

		curl_free(out);
		return copy;
	}
	return NULL;
}

static bool
notify_is_discord(const char *url)
{
	return strncmp(url, "https://discord.com/api/webhooks/", 33) == 0 ||
	    strncmp(url, "https://discordapp.com/api/webhooks/", 36) == 0;
}

static bool
notify_parse_http(const char *url, const char *hint, struct notify_channel *ch,
    char **cause)
{
	enum notify_kind	 k = NOTIFY_WEBHOOK;

	if ((ch->target = notify_http_url(url, cause)) == NULL)
		return false;
	if (hint != NULL && *hint != '\0') {
		if (!notify_kind_parse(hint, &k))
			return notify_url_fail(cause, "unknown kind of "
			    "channel '%.20s'", hint);
		if (k == NOTIFY_TELEGRAM || k == NOTIFY_EMAIL)
			return notify_url_fail(cause, "a %s channel is not an "
			    "http URL: paste a tgram:// or mailto:// URL",
			    hint);
	} else if (notify_is_discord(ch->target))
		k = NOTIFY_DISCORD;
	else if (strncmp(ch->target, "https://hooks.slack.com/", 24) == 0)
		k = NOTIFY_SLACK;
	else if (strncmp(ch->target, "https://ntfy.sh/", 16) == 0)
		k = NOTIFY_NTFY;
	ch->kind = k;
	ch->config = xstrdup("{}");
	return true;
}

/* json://, jsons://, ntfy://host/topic, ntfys://: rewrite the scheme. */
static bool
notify_parse_rescheme(const char *rest, bool tls, enum notify_kind k,
    struct notify_channel *ch, char **cause)
{
	char	*url;
	bool	 ok;

	xasprintf(&url, "%s://%s", tls ? "https" : "http", rest);
	ch->target = notify_http_url(url, cause);
	free(url);
	if (ch->target == NULL)
		return false;
	ch->kind = k;
	ch->config = xstrdup("{}");
	ok = true;
	return ok;
}

static bool
notify_parse_ntfy(const char *rest, bool tls, struct notify_channel *ch,
    char **cause)
{
	const char	*slash;

	if ((slash = strchr(rest, '/')) == NULL || slash[1] == '\0') {
		/* ntfy://topic: the public server. */
		size_t len = strcspn(rest, "/");

		if (!notify_chars(rest, len, "-_") || len > 64)
			return notify_url_fail(cause, "%s", "ntfy: the topic "
			    "must be 1-64 letters, digits, - or _");
		ch->kind = NOTIFY_NTFY;
		xasprintf(&ch->target, "https://ntfy.sh/%.*s", (int)len, rest);
		ch->config = xstrdup("{}");
		return true;
	}
	if (!notify_chars(strrchr(rest, '/') + 1,
	    strlen(strrchr(rest, '/') + 1), "-_"))
		return notify_url_fail(cause, "%s", "ntfy: the topic (the last "
		    "part of the path) must be letters, digits, - or _");
	return notify_parse_rescheme(rest, tls, NOTIFY_NTFY, ch, cause);
}

/* Drop an optional "name@" (Apprise's bot name) before the tokens. */
static const char *
notify_skip_name(const char *rest)
{
	const char	*at, *slash;

	at = strchr(rest, '@');
	slash = strchr(rest, '/');
	if (at != NULL && (slash == NULL || at < slash))
		return at + 1;
	return rest;
}

static bool
notify_parse_discord(const char *rest, struct notify_channel *ch,
    char **cause)
{
	char	*seg[3];
	size_t	 n;
	bool	 ok = false;

	n = notify_segments(notify_skip_name(rest), seg, 2);
	if (n != 2)
		notify_url_fail(cause, "%s", "discord: write "
		    "discord://WEBHOOK_ID/WEBHOOK_TOKEN");
	else if (strspn(seg[0], "0123456789") != strlen(seg[0]))
		notify_url_fail(cause, "%s", "discord: the webhook id must be "
		    "digits");
	else if (!notify_chars(seg[1], strlen(seg[1]), "-_"))
		notify_url_fail(cause, "%s", "discord: the webhook token must "
		    "be letters, digits, - or _");
	else {
		ch->kind = NOTIFY_DISCORD;
		xasprintf(&ch->target, "https://discord.com/api/webhooks/%s/%s",
		    seg[0], seg[1]);
		ch->config = xstrdup("{}");
		ok = true;
	}
	notify_segments_free(seg, n > 2 ? 2 : n);
	return ok;
}

static bool
notify_parse_slack(const char *rest, struct notify_channel *ch, char **cause)
{
	char	*seg[5], *channel = NULL;
	size_t	 n, i;
	bool	 ok = false;

	rest = notify_skip_name(rest);
	if (strncmp(rest, "xox", 3) == 0)
		return notify_url_fail(cause, "%s", "slack: bot tokens "
		    "(xoxb-, xoxp-) are not supported: use an incoming "
		    "webhook, slack://TokenA/TokenB/TokenC");
	n = notify_segments(rest, seg, 4);
	if (n == 4 && (seg[3][0] == '#' || seg[3][0] == '@')) {
		channel = seg[3];
		n = 3;
	}
	if (n != 3)
		notify_url_fail(cause, "%s", "slack: write "
		    "slack://TokenA/TokenB/TokenC (optionally /#channel)");
	else {
		for (i = 0; i < 3; i++)
			if (!notify_chars(seg[i], strlen(seg[i]), ""))
				break;
		if (i < 3)
			notify_url_fail(cause, "%s", "slack: each token must be "
			    "letters and digits");
		else {
			ch->kind = NOTIFY_SLACK;
			xasprintf(&ch->target,
			    "https://hooks.slack.com/services/%s/%s/%s",
			    seg[0], seg[1], seg[2]);
			ch->config = notify_config1("channel", channel, NULL,
			    NULL);
			ok = true;
		}
	}
	notify_segments_free(seg, n > 4 ? 4 : n);
	free(channel);
	return ok;
}

static bool
notify_parse_tgram(const char *rest, struct notify_channel *ch, char **cause)
{
	char		*seg[3];
	const char	*colon;
	size_t		 n;
	bool		 ok = false;

	n = notify_segments(rest, seg, 2);
	if (n < 2)
		notify_url_fail(cause, "%s", "tgram: write "
		    "tgram://BOT_TOKEN/CHAT_ID");
	else if (n > 2)
		notify_url_fail(cause, "%s", "tgram: one chat id per channel "
		    "(add a channel for each chat)");
	else if ((colon = strchr(seg[0], ':')) == NULL ||
	    !notify_chars(seg[0], (size_t)(colon - seg[0]), "") ||
	    !notify_chars(colon + 1, strlen(colon + 1), "-_"))
		notify_url_fail(cause, "%s", "tgram: the bot token looks like "
		    "123456:ABC-def (digits, a colon, letters)");
	else if (!(seg[1][0] == '@' && notify_chars(seg[1] + 1,
	    strlen(seg[1] + 1), "_")) && !notify_chars(seg[1] +
	    (seg[1][0] == '-'), strlen(seg[1] + (seg[1][0] == '-')), ""))
		notify_url_fail(cause, "%s", "tgram: the chat id is a number "
		    "or @channelname");
	else {
		ch->kind = NOTIFY_TELEGRAM;
		ch->target = xstrdup(seg[1]);
		ch->config = notify_config1("bot_token", seg[0], NULL, NULL);
		ok = true;
	}
	notify_segments_free(seg, n > 2 ? 2 : n);
	return ok;
}

static bool
notify_addr_ok(const char *a)
{
	const char	*at;
	size_t		 i;

	if (a == NULL || (at = strchr(a, '@')) == NULL || at == a ||
	    at[1] == '\0' || strchr(at + 1, '@') != NULL || strlen(a) > 254 ||
	    strchr(at, '.') == NULL)
		return false;
	for (i = 0; a[i] != '\0'; i++)
		if ((unsigned char)a[i] <= ' ' || a[i] == 0x7f ||
		    strchr("<>()[]\\,;:\"/?#&=", a[i]) != NULL)
			return false;
	return true;
}

/* mailto://user:pass@host[:port]?to=...&from=...  (Apprise) */
static bool
notify_parse_mailto(const char *url, bool tls, struct notify_channel *ch,
    char **cause)
{
	CURLU		*u;
	char		*user = NULL, *pass = NULL, *host = NULL, *port = NULL;
	char		*query = NULL, *smtp = NULL, *to = NULL;
	const char	*qto, *qfrom;
	struct form	 q;
	bool		 ok = false;

	form_init(&q);
	if ((u = curl_url()) == NULL)
		return false;
	if (curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) !=
	    CURLUE_OK || curl_url_get(u, CURLUPART_HOST, &host, 0) !=
	    CURLUE_OK) {
		notify_url_fail(cause, "%s", "mailto: write "
		    "mailto://user:password@smtp.host[:port]?to=you@example.com");
		goto out;
	}
	curl_url_get(u, CURLUPART_USER, &user, CURLU_URLDECODE);
	curl_url_get(u, CURLUPART_PASSWORD, &pass, 0);
	curl_url_get(u, CURLUPART_PORT, &port, 0);
	if (curl_url_get(u, CURLUPART_QUERY, &query, 0) == CURLUE_OK)
		form_parse(&q, query, strlen(query), '&');
	if ((qto = form_get(&q, "to")) != NULL)
		to = xstrdup(qto);
	else if (user != NULL && strchr(user, '@') != NULL)
		to = xstrdup(user);
	else if (user != NULL)
		xasprintf(&to, "%s@%s", user, host);
	if (!notify_addr_ok(to)) {
		notify_url_fail(cause, "%s", "mailto: the recipient is not a "
		    "plain address: add ?to=you@example.com");
		goto out;
	}
	qfrom = form_get(&q, "from");
	if (qfrom != NULL && !notify_addr_ok(qfrom)) {
		notify_url_fail(cause, "%s", "mailto: from= is not a plain "
		    "address");
		goto out;
	}
	xasprintf(&smtp, "%s://%s%s%s", tls ? "smtps" : "smtp", host,
	    port != NULL ? ":" : "", port != NULL ? port : "");
	if (user != NULL && pass != NULL) {
		char	*auth;
		CURLU	*s = curl_url();
		char	*full = NULL;

		curl_url_set(s, CURLUPART_URL, smtp, CURLU_NON_SUPPORT_SCHEME);
		curl_url_set(s, CURLUPART_USER, user, CURLU_URLENCODE);
		curl_url_set(s, CURLUPART_PASSWORD, pass, 0);
		if (curl_url_get(s, CURLUPART_URL, &full, 0) == CURLUE_OK) {
			auth = xstrdup(full);
			free(smtp);
			smtp = auth;
		}
		curl_free(full);
		curl_url_cleanup(s);
	}
	ch->kind = NOTIFY_EMAIL;
	ch->target = to;
	to = NULL;
	ch->config = notify_config1("smtp_url", smtp, "from", qfrom);
	ok = true;
out:
	form_free(&q);
	curl_free(user);
	curl_free(pass);
	curl_free(host);
	curl_free(port);
	curl_free(query);
	free(smtp);
	free(to);
	curl_url_cleanup(u);
	return ok;
}

/*
 * Parse url (trimmed of blanks) into *ch, optionally as the kind named by
 * hint (webhook, ntfy, discord, slack: for an http(s) URL the user says
 * what it is).  False with *cause (caller frees) naming what is wrong; the
 * cause never repeats the URL.
 */
bool
notify_url_parse(const char *in, const char *hint, struct notify_channel *ch,
    char **cause)
{
	char		*url;
	const char	*rest;
	size_t		 len, i;
	bool		 ok;

	memset(ch, 0, sizeof *ch);
	*cause = NULL;
	while (*in == ' ' || *in == '\t' || *in == '\r' || *in == '\n')
		in++;
	len = strlen(in);
	while (len > 0 && strchr(" \t\r\n", in[len - 1]) != NULL)
		len--;
	if (len == 0)
		return notify_url_fail(cause, "%s", "paste a URL (https://, "
		    "ntfy://, discord://, slack://, tgram://, mailto://, "
		    "json://) or an email address");
	if (len > NOTIFY_URL_MAX)
		return notify_url_fail(cause, "%s", "the URL is too long");
	url = xstrndup(in, len);
	for (i = 0; i < len; i++)
		if ((unsigned char)url[i] <= ' ' || url[i] == 0x7f) {
			free(url);
			return notify_url_fail(cause, "%s", "the URL has a space "
			    "or a control character in it");
		}
#define PFX(p) (strncasecmp(url, (p), sizeof(p) - 1) == 0 && \
	    (rest = url + sizeof(p) - 1) != NULL)
	if (PFX("https://") || PFX("http://"))
		ok = notify_parse_http(url, hint, ch, cause);
	else if (PFX("jsons://"))
		ok = notify_parse_rescheme(rest, true, NOTIFY_WEBHOOK, ch, cause);
	else if (PFX("json://"))
		ok = notify_parse_rescheme(rest, false, NOTIFY_WEBHOOK, ch,
		    cause);
	else if (PFX("ntfys://"))
		ok = notify_parse_ntfy(rest, true, ch, cause);
	else if (PFX("ntfy://"))
		ok = notify_parse_ntfy(rest, false, ch, cause);
	else if (PFX("discord://"))
		ok = notify_parse_discord(rest, ch, cause);
	else if (PFX("slack://"))
		ok = notify_parse_slack(rest, ch, cause);
	else if (PFX("tgram://"))
		ok = notify_parse_tgram(rest, ch, cause);
	else if (PFX("mailtos://"))
		ok = notify_parse_mailto(url, true, ch, cause);
	else if (PFX("mailto://"))
		ok = notify_parse_mailto(url, false, ch, cause);
	else if (PFX("mailto:") || strstr(url, "://") == NULL) {
		rest = strncasecmp(url, "mailto:", 7) == 0 ? url + 7 : url;
		if ((ok = notify_addr_ok(rest))) {
			ch->kind = NOTIFY_EMAIL;
			ch->target = xstrdup(rest);
			ch->config = xstrdup("{}");
		} else
			notify_url_fail(cause, "%s", "not a URL, nor a plain "
			    "email address");
	} else {
		len = strcspn(url, ":");
		xasprintf(cause, "unknown kind of URL '%.*s://': use https://, "
		    "json://, ntfy://, discord://, slack://, tgram:// or "
		    "mailto://", (int)(len > 16 ? 16 : len), url);
		ok = false;
	}
#undef PFX
	free(url);
	if (!ok)
		notify_channel_free(ch);
	return ok;
}

/* Show the start of a secret: 4 characters and an ellipsis. */
static void
notify_mask_seg(struct buf *b, const char *s, size_t n)
{
	if (n > 10) {
		buf_add(b, s, 4);
		buf_adds(b, "…");
	} else
		buf_add(b, s, n);
}

/*
 * A URL as it may be shown: scheme, host and port; user without password;
 * each path segment longer than 10 characters cut to 4 and an ellipsis; no
 * query.  Caller frees.
 */
char *
notify_url_mask(const char *url)
{
	CURLU		*u;
	char		*scheme = NULL, *host = NULL, *port = NULL, *user = NULL;
	char		*pass = NULL, *path = NULL, *query = NULL;
	const char	*p;
	struct buf	 b;
	size_t		 n;

	buf_init(&b, 8192);
	if ((u = curl_url()) == NULL || curl_url_set(u, CURLUPART_URL, url,
	    CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
		buf_adds(&b, "(hidden)");
		goto out;
	}
	curl_url_get(u, CURLUPART_PORT, &port, 0);
	curl_url_get(u, CURLUPART_USER, &user, 0);
	curl_url_get(u, CURLUPART_PASSWORD, &pass, 0);
	curl_url_get(u, CURLUPART_PATH, &path, 0);
	curl_url_get(u, CURLUPART_QUERY, &query, 0);
	buf_addf(&b, "%s://", scheme);
	if (user != NULL) {
		notify_mask_seg(&b, user, strlen(user));
		buf_adds(&b, pass != NULL ? ":***@" : "@");
	}
	buf_adds(&b, host);
	if (port != NULL)
		buf_addf(&b, ":%s", port);
	for (p = path != NULL ? path : ""; *p != '\0'; p += n) {
		if (*p == '/') {
			buf_addc(&b, '/');
			p++;
		}
		n = strcspn(p, "/");
		notify_mask_seg(&b, p, n);
	}
	if (query != NULL)
		buf_adds(&b, "?…");
out:
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_free(user);
	curl_free(pass);
	curl_free(path);
	curl_free(query);
	curl_url_cleanup(u);
	return buf_failed(&b) ? xstrdup("(hidden)") : buf_detach(&b);
}
