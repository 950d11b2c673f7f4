/*
 * Inside notify: one delivery in flight (a libcurl easy handle and what it
 * owns) and each kind's entry.  Never included outside lib/notify*.c.
 */
#ifndef NOTIFY_PRIVATE_H
#define NOTIFY_PRIVATE_H

#include <curl/curl.h>

#include "buf.h"
#include "notify.h"

struct notify_job {
	const struct notify_channel	*ch;
	const struct notify_msg		*msg;
	struct notify_result		*res;
	CURL				*easy;
	struct curl_slist		*headers;
	struct curl_slist		*rcpt;
	curl_mime			*mime;
	char				*url;		/* owned */
	struct buf			 body;		/* request body */
	struct buf			 reply;		/* capped */
	bool				 smtp;
	char				 errbuf[CURL_ERROR_SIZE];
};

/*
 * A kind: prepare sets job->url and job->body (and headers) or fails with
 * *cause (caller frees; no secrets in it); filter (may be NULL) escapes a
 * value for the text the kind's receiver interprets (Slack's &<>,
 * Discord's Markdown) before the template escapes it for JSON.
 */
struct notify_kind_entry {
	const char	*name;
	bool		(*prepare)(struct notify_job *, char **cause);
	char		*(*filter)(const char *);
	size_t		 text_max;	/* the receiver's message limit */
};

extern const struct notify_kind_entry notify_kinds[NOTIFY__MAX];

/* notify-webhook.c ... notify-email.c */
bool	 notify_webhook_prepare(struct notify_job *, char **);
bool	 notify_ntfy_prepare(struct notify_job *, char **);
bool	 notify_discord_prepare(struct notify_job *, char **);
char	*notify_discord_filter(const char *);
bool	 notify_slack_prepare(struct notify_job *, char **);
char	*notify_slack_filter(const char *);
bool	 notify_telegram_prepare(struct notify_job *, char **);
bool	 notify_email_prepare(struct notify_job *, char **);

/* notify.c */
char	*notify_config_get(const struct notify_channel *, const char *key);
void	 notify_json_header(struct notify_job *);
char	*notify_subject(const struct notify_msg *);
bool	 notify_render_into(struct notify_job *, const char *tpl,
	    struct buf *, const char *extra_key, const char *extra_val);
void	 notify_truncate(struct buf *, size_t);

/* notify-url.c */
bool	 notify_url_parse(const char *, const char *kind_hint,
	    struct notify_channel *, char **cause);
char	*notify_url_mask(const char *url);

#endif
