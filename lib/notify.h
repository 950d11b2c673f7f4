/*
 * Notifications: channels (webhook, ntfy, Discord, Slack, Telegram, email),
 * the Apprise-style URLs users paste to make one, and delivery of a message
 * (one or several alerts: a digest) with the receiver's real answer.
 *
 *   notify_parse()	a pasted URL or address -> kind, target, config
 *   notify_mask()	a channel as it may be shown: secrets cut short
 *   notify_send()	deliver messages to several channels at once (libcurl
 *			multi): each has its own deadline, so a stalled or dead
 *			receiver never holds up another
 *
 * Message bodies are the templates notify-*.tpl, each in the escaping
 * context of its format (JSON, HTML, plain text).
 *
 * Endpoints: webhook, ntfy, Discord and Slack targets are whole URLs, so a
 * test points them anywhere.  Telegram's API base is NOTIFY_TELEGRAM_API_BASE
 * (default https://api.telegram.org); email goes through the channel's own
 * SMTP URL (from a mailto:// URL) or SMTP_URL, from SMTP_FROM.
 */
#ifndef NOTIFY_H
#define NOTIFY_H

#include <stdbool.h>
#include <stddef.h>

enum notify_kind {
	NOTIFY_WEBHOOK,
	NOTIFY_NTFY,
	NOTIFY_DISCORD,
	NOTIFY_SLACK,
	NOTIFY_TELEGRAM,
	NOTIFY_EMAIL,
	NOTIFY__MAX
};

#define NOTIFY_REPLY_MAX	2048	/* bytes of a receiver's reply kept */
#define NOTIFY_TIMEOUT_MS	15000	/* one delivery, all included */
#define NOTIFY_CONNECT_MS	5000

/*
 * A channel as stored: kind, target (a URL, a Telegram chat id or a mail
 * address) and config, a JSON object as text (Telegram's bot token, an
 * email channel's own SMTP URL, ...).  Target and config may hold secrets.
 */
struct notify_channel {
	enum notify_kind	 kind;
	char			*target;
	char			*config;	/* JSON object text; never NULL */
};

/* One alert of a message.  Every string may be NULL or hostile. */
struct notify_item {
	const char	*kind;		/* new_match, price_range, ... */
	const char	*title;
	const char	*url;		/* the listing on eBay */
	const char	*image_url;
	const char	*total;		/* "12.34" */
	const char	*old_total;	/* price changes */
	const char	*currency;
	const char	*bids;		/* auctions */
	const char	*ends_at;	/* auctions, ISO 8601 */
	const char	*searches;	/* names of the searches it matched */
	const char	*item_id;
};

struct notify_msg {
	const struct notify_item *items;
	size_t			  n;
	bool			  test;		/* a test-send from /channels */
};

struct notify_result {
	bool	 ok;
	long	 status;	/* HTTP status or the SMTP reply code; 0: none */
	char	*reply;		/* the receiver's reply, capped; or NULL */
	char	*error;		/* why it failed (no secrets); or NULL */
};

/* notify.c */
const char	*notify_kind_name(enum notify_kind);
bool		 notify_kind_parse(const char *, enum notify_kind *);
void		 notify_channel_free(struct notify_channel *);
bool		 notify_parse(const char *url, const char *kind_hint,
		    struct notify_channel *, char **cause)
		    __attribute__((warn_unused_result));
char		*notify_mask(const struct notify_channel *);
void		 notify_send(const struct notify_channel *,
		    const struct notify_msg *, struct notify_result *, size_t);
bool		 notify_send_one(const struct notify_channel *,
		    const struct notify_msg *, struct notify_result *);
void		 notify_result_free(struct notify_result *);
char		*notify_render(enum notify_kind, const char *tpl,
		    const struct notify_channel *, const struct notify_msg *);

#endif
