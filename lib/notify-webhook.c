/*
 * Webhook: a JSON POST of the message (notify-webhook.tpl) to the target
 * URL, for any program of the user's (Apprise's json:// and jsons://).
 */
#include "config.h"

#include "notify-private.h"
#include "xmalloc.h"

bool
notify_webhook_prepare(struct notify_job *job, char **cause)
{
	job->url = xstrdup(job->ch->target);
	notify_json_header(job);
	if (!notify_render_into(job, "notify-webhook.tpl", &job->body, NULL,
	    NULL)) {
		*cause = xstrdup("the webhook template failed");
		return false;
	}
	return true;
}
