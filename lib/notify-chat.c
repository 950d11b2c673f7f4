/*
 * The chat services: Discord and Slack incoming webhooks (the target is
 * the webhook's whole URL) and Telegram's Bot API (the target is the chat
 * id; config "bot_token", and "api_base" or NOTIFY_TELEGRAM_API_BASE for
 * the API's address, https://api.telegram.org by default).
 *
 * Each receiver interprets the text: Discord as Markdown (and mentions,
 * switched off with allowed_mentions), Slack as mrkdwn with &, < and >
 * as its only specials.  The filters below escape for that before the
 * template escapes for JSON.  Telegram gets plain text.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "notify-private.h"
#include "xmalloc.h"

#define NOTIFY_TELEGRAM_DEFAULT	"https://api.telegram.org"

char *
notify_discord_filter(const char *s)
{
	struct buf	 b;

	buf_init(&b, 0);
	for (; *s != '\0'; s++) {
		if (strchr("\\*_~`|>[]()#-<:", *s) != NULL)
			buf_addc(&b, '\\');
		buf_addc(&b, *s);
		if (*s == '@')		/* no @everyone, even in a preview */
			buf_adds(&b, "\xe2\x80\x8b");
	}
	return buf_failed(&b) ? xstrdup("") : buf_detach(&b);
}

char *
notify_slack_filter(const char *s)
{
	struct buf	 b;

	buf_init(&b, 0);
	for (; *s != '\0'; s++) {
		if (*s == '&')
			buf_adds(&b, "&amp;");
		else if (*s == '<')
			buf_adds(&b, "&lt;");
		else if (*s == '>')
			buf_adds(&b, "&gt;");
		else
			buf_addc(&b, *s);
	}
	return buf_failed(&b) ? xstrdup("") : buf_detach(&b);
}

static bool
notify_chat_prepare(struct notify_job *job, const char *tpl,
    const char *extra_key, const char *extra_val, char **cause)
{
	if (job->url == NULL)
		job->url = xstrdup(job->ch->target);
	notify_json_header(job);
	if (!notify_render_into(job, tpl, &job->body, extra_key, extra_val)) {
		xasprintf(cause, "the template %s failed", tpl);
		return false;
	}
	return true;
}

bool
notify_discord_prepare(struct notify_job *job, char **cause)
{
	return notify_chat_prepare(job, "notify-discord.tpl", NULL, NULL,
	    cause);
}

bool
notify_slack_prepare(struct notify_job *job, char **cause)
{
	char	*channel;
	bool	 ok;

	channel = notify_config_get(job->ch, "channel");
	ok = notify_chat_prepare(job, "notify-slack.tpl",
	    channel != NULL ? "CHANNEL" : NULL, channel, cause);
	free(channel);
	return ok;
}

bool
notify_telegram_prepare(struct notify_job *job, char **cause)
{
	char		*token, *base;
	const char	*env;
	size_t		 len;
	bool		 ok;

	if ((token = notify_config_get(job->ch, "bot_token")) == NULL ||
	    strspn(token, "0123456789:abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ_-") != strlen(token)) {
		free(token);
		*cause = xstrdup("the Telegram channel has no valid bot token");
		return false;
	}
	if ((base = notify_config_get(job->ch, "api_base")) == NULL) {
		env = getenv("NOTIFY_TELEGRAM_API_BASE");
		base = xstrdup(env != NULL && *env != '\0' ? env :
		    NOTIFY_TELEGRAM_DEFAULT);
	}
	len = strlen(base);
	while (len > 0 && base[len - 1] == '/')
		base[--len] = '\0';
	xasprintf(&job->url, "%s/bot%s/sendMessage", base, token);
	free(base);
	free(token);
	ok = notify_chat_prepare(job, "notify-telegram.tpl", "CHAT_ID",
	    job->ch->target, cause);
	return ok;
}
