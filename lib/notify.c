/*
 * Notifications (see notify.h): the kinds, rendering a message through the
 * templates, and delivering to several channels at once with libcurl's
 * multi interface, each transfer bounded by its own timeouts so that one
 * dead or stalled receiver never holds up another.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <json-c/json.h>

#include "buf.h"
#include "log.h"
#include "notify.h"
#include "notify-private.h"
#include "tmpl.h"
#include "xmalloc.h"

const struct notify_kind_entry notify_kinds[NOTIFY__MAX] = {
	[NOTIFY_WEBHOOK] = { "webhook", notify_webhook_prepare, NULL, 8000 },
	[NOTIFY_NTFY] = { "ntfy", notify_ntfy_prepare, NULL, 3900 },
	[NOTIFY_DISCORD] = { "discord", notify_discord_prepare,
	    notify_discord_filter, 1900 },
	[NOTIFY_SLACK] = { "slack", notify_slack_prepare,
	    notify_slack_filter, 3900 },
	[NOTIFY_TELEGRAM] = { "telegram", notify_telegram_prepare, NULL,
	    4000 },
	[NOTIFY_EMAIL] = { "email", notify_email_prepare, NULL, 100000 },
};

const char *
notify_kind_name(enum notify_kind k)
{
	return k < NOTIFY__MAX ? notify_kinds[k].name : "?";
}

bool
notify_kind_parse(const char *s, enum notify_kind *out)
{
	int	 k;

	for (k = 0; k < NOTIFY__MAX; k++)
		if (s != NULL && strcmp(s, notify_kinds[k].name) == 0) {
			*out = (enum notify_kind)k;
			return true;
		}
	return false;
}

void
notify_channel_free(struct notify_channel *ch)
{
	free(ch->target);
	free(ch->config);
	ch->target = ch->config = NULL;
}

/*
 * Parse a pasted URL or address into *ch (see notify-url.c); kind_hint
 * (NULL or "": guess) says what an http(s) URL is.  False with *cause
 * (caller frees), which never repeats the URL.
 */
bool
notify_parse(const char *url, const char *kind_hint, struct notify_channel *ch,
    char **cause)
{
	return notify_url_parse(url, kind_hint, ch, cause);
}

/*
 * The channel as it may be shown on a page or in a log: the kind's host
 * and the start of each secret-looking part, never a whole token or a
 * password.  Caller frees.
 */
char *
notify_mask(const struct notify_channel *ch)
{
	char	*s, *tok, *smtp, *masked = NULL, *out;

	switch (ch->kind) {
	case NOTIFY_TELEGRAM:
		tok = notify_config_get(ch, "bot_token");
		xasprintf(&out, "chat %s, bot %.4s…", ch->target,
		    tok != NULL ? tok : "");
		free(tok);
		return out;
	case NOTIFY_EMAIL:
		if ((smtp = notify_config_get(ch, "smtp_url")) != NULL)
			masked = notify_url_mask(smtp);
		xasprintf(&out, "%s%s%s", ch->target, masked != NULL ?
		    " via " : "", masked != NULL ? masked : "");
		free(smtp);
		free(masked);
		return out;
	default:
		s = notify_url_mask(ch->target);
		return s;
	}
}

/* A string member of the channel's config, or NULL.  Caller frees. */
char *
notify_config_get(const struct notify_channel *ch, const char *key)
{
	struct json_object	*root, *v;
	char			*out = NULL;

	if (ch->config == NULL || (root = json_tokener_parse(ch->config)) ==
	    NULL)
		return NULL;
	if (json_object_object_get_ex(root, key, &v) &&
	    json_object_is_type(v, json_type_string) &&
	    json_object_get_string_len(v) > 0)
		out = xstrdup(json_object_get_string(v));
	json_object_put(root);
	return out;
}

void
notify_json_header(struct notify_job *job)
{
	job->headers = curl_slist_append(job->headers,
	    "Content-Type: application/json");
}

/* Cut b to at most max bytes at a UTF-8 boundary, marking the cut. */
void
notify_truncate(struct buf *b, size_t max)
{
	size_t	 n;

	if (b->len <= max || max < 8)
		return;
	n = max - 4;
	while (n > 0 && ((unsigned char)b->data[n] & 0xc0) == 0x80)
		n--;
	b->len = n;
	b->data[n] = '\0';
	buf_adds(b, "\n…");
}

static const char *
notify_kind_label(const char *kind)
{
	if (kind == NULL)
		return "Alert";
	if (strcmp(kind, "new_match") == 0)
		return "New match";
	if (strcmp(kind, "price_range") == 0)
		return "Price in your range";
	if (strcmp(kind, "auction_ending") == 0)
		return "Auction ending soon";
	if (strcmp(kind, "test") == 0)
		return "Test";
	return "Alert";
}

/* The subject line: plain text, one line.  Caller frees. */
char *
notify_subject(const struct notify_msg *msg)
{
	struct buf	 b;
	const char	*t;
	char		*s;

	buf_init(&b, 4096);
	if (msg->test)
		buf_adds(&b, "ebay-scanner: test message");
	else if (msg->n == 1) {
		buf_addf(&b, "%s: ", notify_kind_label(msg->items[0].kind));
		t = msg->items[0].title != NULL ? msg->items[0].title : "";
		buf_addf(&b, "%.150s", t);
	} else
		buf_addf(&b, "ebay-scanner: %zu alerts", msg->n);
	notify_truncate(&b, 200);
	for (s = b.data; s != NULL && *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = ' ';
	return buf_detach(&b);
}

static void
notify_set(struct tmpl_dict *d, const char *key, const char *val,
    char *(*filter)(const char *))
{
	char	*f, has[64];

	if (val == NULL || *val == '\0')
		return;
	if ((size_t)snprintf(has, sizeof has, "HAS_%s", key) < sizeof has)
		tmpl_show(d, has);
	if (filter == NULL) {
		tmpl_set(d, key, val);
		return;
	}
	f = filter(val);
	tmpl_set(d, key, f);
	free(f);
}

/* A link to eBay only if it is http(s); anything else is left out. */
static const char *
notify_link(const char *url)
{
	if (url != NULL && (strncmp(url, "https://", 8) == 0 ||
	    strncmp(url, "http://", 7) == 0))
		return url;
	return NULL;
}

static struct tmpl_dict *
notify_dict(enum notify_kind kind, const struct notify_msg *msg)
{
	char			*(*filter)(const char *);
	struct tmpl_dict	*d, *row;
	const struct notify_item *it;
	size_t			 i;

	filter = kind < NOTIFY__MAX ? notify_kinds[kind].filter : NULL;
	d = tmpl_new();
	tmpl_set_int(d, "COUNT", (long long)msg->n);
	if (msg->test)
		tmpl_show(d, "TEST");
	tmpl_set(d, "TEST_BOOL", msg->test ? "true" : "false");
	if (msg->n > 1)
		tmpl_show(d, "DIGEST");
	for (i = 0; i < msg->n; i++) {
		it = &msg->items[i];
		row = tmpl_section(d, "ITEM");
		tmpl_set(row, "KIND", it->kind);
		tmpl_set(row, "KIND_LABEL", notify_kind_label(it->kind));
		notify_set(row, "TITLE", it->title != NULL ? it->title :
		    "(no title)", filter);
		notify_set(row, "URL", notify_link(it->url), NULL);
		if (msg->n == 1 && notify_link(it->url) != NULL)
			tmpl_show(row, "SINGLE_URL");
		notify_set(row, "IMAGE_URL", notify_link(it->image_url), NULL);
		notify_set(row, "TOTAL", it->total, filter);
		notify_set(row, "OLD_TOTAL", it->old_total, filter);
		notify_set(row, "CURRENCY", it->currency, filter);
		notify_set(row, "BIDS", it->bids, filter);
		notify_set(row, "ENDS_AT", it->ends_at, filter);
		notify_set(row, "SEARCHES", it->searches, filter);
		notify_set(row, "ITEM_ID", it->item_id, filter);
	}
	return d;
}

static bool
notify_render_dict(enum notify_kind kind, const char *tpl,
    const struct notify_msg *msg, struct buf *out, const char *extra_key,
    const char *extra_val)
{
	struct tmpl_dict	*d;
	struct buf		 text;
	char			*subject;
	bool			 ok;

	d = notify_dict(kind, msg);
	buf_init(&text, 0);
	ok = tmpl_expand("notify-text.tpl", d, &text);
	if (ok) {
		notify_truncate(&text, notify_kinds[kind].text_max);
		tmpl_set(d, "MESSAGE", buf_cstr(&text));
		subject = notify_subject(msg);
		tmpl_set(d, "SUBJECT", subject);
		free(subject);
		if (extra_key != NULL) {
			char	 set[64];

			tmpl_set(d, extra_key, extra_val);
			snprintf(set, sizeof set, "%s_SET", extra_key);
			tmpl_show(d, set);
		}
		ok = strcmp(tpl, "notify-text.tpl") == 0 ?
		    (buf_add(out, text.data, text.len), !buf_failed(out)) :
		    tmpl_expand(tpl, d, out);
	}
	buf_free(&text);
	tmpl_free(d);
	return ok;
}

bool
notify_render_into(struct notify_job *job, const char *tpl, struct buf *out,
    const char *extra_key, const char *extra_val)
{
	return notify_render_dict(job->ch->kind, tpl, job->msg, out,
	    extra_key, extra_val);
}

/*
 * Render a message with a template as a kind would (its filter applied):
 * for tests and previews.  Caller frees; NULL if the template is unknown.
 */
char *
notify_render(enum notify_kind kind, const char *tpl,
    const struct notify_channel *ch, const struct notify_msg *msg)
{
	struct buf	 out;

	buf_init(&out, 0);
	if (!notify_render_dict(kind, tpl, msg, &out, NULL, NULL)) {
		buf_free(&out);
		return NULL;
	}
	return buf_detach(&out);
}

static size_t
notify_on_data(char *p, size_t size, size_t n, void *arg)
{
	struct notify_job	*job = arg;
	size_t			 len = size * n, room;

	room = NOTIFY_REPLY_MAX > job->reply.len ?
	    NOTIFY_REPLY_MAX - job->reply.len : 0;
	buf_add(&job->reply, p, len < room ? len : room);
	return len;	/* the rest is read and dropped */
}

/* SMTP: keep the server's reply lines (the last ones fit the cap). */
static int
notify_on_debug(CURL *easy, curl_infotype type, char *p, size_t n, void *arg)
{
	struct notify_job	*job = arg;

	if (type != CURLINFO_HEADER_IN)
		return 0;
	if (job->reply.len + n > NOTIFY_REPLY_MAX)
		buf_reset(&job->reply);
	buf_add(&job->reply, p, n < NOTIFY_REPLY_MAX ? n : NOTIFY_REPLY_MAX);
	return 0;
}

static void
notify_fail(struct notify_result *res, const char *why)
{
	free(res->error);
	res->error = xstrdup(why);
	res->ok = false;
}

static bool
notify_job_start(struct notify_job *job)
{
	char	*cause = NULL;
	CURL	*e;

	buf_init(&job->body, 4 * 1024 * 1024);
	buf_init(&job->reply, NOTIFY_REPLY_MAX + 1);
	if (job->ch->kind >= NOTIFY__MAX) {
		notify_fail(job->res, "unknown kind of channel");
		return false;
	}
	if ((e = job->easy = curl_easy_init()) == NULL) {
		notify_fail(job->res, "libcurl could not start");
		return false;
	}
	if (!notify_kinds[job->ch->kind].prepare(job, &cause)) {
		notify_fail(job->res, cause != NULL ? cause :
		    "cannot build the message");
		free(cause);
		return false;
	}
	if (buf_failed(&job->body)) {
		notify_fail(job->res, "the message is too large");
		return false;
	}
	curl_easy_setopt(e, CURLOPT_URL, job->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, job);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, (long)NOTIFY_TIMEOUT_MS);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
	    (long)NOTIFY_CONNECT_MS);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, job->errbuf);
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(e, CURLOPT_USERAGENT, "ebay-scanner/" PACKAGE_VERSION);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, job->smtp ? "smtp,smtps" :
	    "http,https");
#else
	curl_easy_setopt(e, CURLOPT_PROTOCOLS, job->smtp ?
	    (long)(CURLPROTO_SMTP | CURLPROTO_SMTPS) :
	    (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	if (job->headers != NULL)
		curl_easy_setopt(e, CURLOPT_HTTPHEADER, job->headers);
	if (job->smtp) {
		curl_easy_setopt(e, CURLOPT_DEBUGFUNCTION, notify_on_debug);
		curl_easy_setopt(e, CURLOPT_DEBUGDATA, job);
		curl_easy_setopt(e, CURLOPT_VERBOSE, 1L);
		curl_easy_setopt(e, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
		curl_easy_setopt(e, CURLOPT_MAIL_RCPT, job->rcpt);
		curl_easy_setopt(e, CURLOPT_MIMEPOST, job->mime);
	} else {
		curl_easy_setopt(e, CURLOPT_POST, 1L);
		curl_easy_setopt(e, CURLOPT_POSTFIELDS, buf_cstr(&job->body));
		curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE, (long)job->body.len);
		curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, notify_on_data);
		curl_easy_setopt(e, CURLOPT_WRITEDATA, job);
	}
	return true;
}

static void
notify_job_done(struct notify_job *job, CURLcode rc)
{
	struct notify_result	*res = job->res;
	long			 code = 0;

	curl_easy_getinfo(job->easy, CURLINFO_RESPONSE_CODE, &code);
	res->status = code;
	if (job->reply.len > 0)
		res->reply = xstrndup(job->reply.data, job->reply.len);
	if (rc != CURLE_OK) {
		free(res->error);
		xasprintf(&res->error, "%s%s%s", curl_easy_strerror(rc),
		    job->errbuf[0] != '\0' ? ": " : "", job->errbuf);
		res->ok = false;
	} else if (!job->smtp && (code < 200 || code > 299)) {
		free(res->error);
		xasprintf(&res->error, "the receiver answered HTTP %ld", code);
		res->ok = false;
	} else
		res->ok = true;
}

static void
notify_job_free(struct notify_job *job)
{
	if (job->easy != NULL)
		curl_easy_cleanup(job->easy);
	curl_slist_free_all(job->headers);
	curl_slist_free_all(job->rcpt);
	curl_mime_free(job->mime);
	free(job->url);
	buf_free(&job->body);
	buf_free(&job->reply);
}

/*
 * Deliver msgs[i] to chs[i] for every i < n, all at once; res[i] gets each
 * outcome (free with notify_result_free).  Returns when every transfer has
 * ended: at most NOTIFY_TIMEOUT_MS after the start.
 */
void
notify_send(const struct notify_channel *chs, const struct notify_msg *msgs,
    struct notify_result *res, size_t n)
{
	struct notify_job	*jobs;
	CURLM			*multi;
	CURLMsg			*m;
	struct notify_job	*job;
	int			 running, left;
	size_t			 i;

	jobs = xcalloc(n > 0 ? n : 1, sizeof *jobs);
	multi = curl_multi_init();
	for (i = 0; i < n; i++) {
		memset(&res[i], 0, sizeof res[i]);
		jobs[i].ch = &chs[i];
		jobs[i].msg = &msgs[i];
		jobs[i].res = &res[i];
		if (notify_job_start(&jobs[i]))
			curl_multi_add_handle(multi, jobs[i].easy);
		else if (jobs[i].easy != NULL) {
			curl_easy_cleanup(jobs[i].easy);
			jobs[i].easy = NULL;
		}
	}
	do {
		if (curl_multi_perform(multi, &running) != CURLM_OK)
			break;
		while ((m = curl_multi_info_read(multi, &left)) != NULL) {
			if (m->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE,
			    (char **)&job);
			notify_job_done(job, m->data.result);
		}
		if (running > 0 &&
		    curl_multi_poll(multi, NULL, 0, 1000, NULL) != CURLM_OK)
			break;
	} while (running > 0);
	for (i = 0; i < n; i++) {
		if (jobs[i].easy != NULL)
			curl_multi_remove_handle(multi, jobs[i].easy);
		if (!res[i].ok && res[i].error == NULL)
			notify_fail(&res[i], "the delivery did not finish");
		notify_job_free(&jobs[i]);
	}
	curl_multi_cleanup(multi);
	free(jobs);
}

/* One channel; true if the receiver accepted the message. */
bool
notify_send_one(const struct notify_channel *ch, const struct notify_msg *msg,
    struct notify_result *res)
{
	notify_send(ch, msg, res, 1);
	return res->ok;
}

void
notify_result_free(struct notify_result *res)
{
	free(res->reply);
	free(res->error);
	res->reply = res->error = NULL;
}
