/*
 * ntfy: the target is the topic's URL (https://ntfy.sh/topic or a server of
 * the user's, with user:password if it needs them).  The message is
 * published as JSON to the server's root, so hostile titles never travel
 * in HTTP headers.  An access token may be given in config "token".
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "notify-private.h"
#include "xmalloc.h"

bool
notify_ntfy_prepare(struct notify_job *job, char **cause)
{
	CURLU		*u;
	char		*path = NULL, *slash, *topic, *tok, *hdr;
	bool		 ok = false;

	if ((u = curl_url()) == NULL)
		return false;
	if (curl_url_set(u, CURLUPART_URL, job->ch->target, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_PATH, &path, 0) != CURLUE_OK ||
	    (slash = strrchr(path, '/')) == NULL || slash[1] == '\0') {
		*cause = xstrdup("the ntfy URL has no topic");
		goto out;
	}
	topic = xstrdup(slash + 1);
	slash[1] = '\0';
	curl_url_set(u, CURLUPART_PATH, path, 0);
	curl_url_set(u, CURLUPART_QUERY, NULL, 0);
	if (curl_url_get(u, CURLUPART_URL, &job->url, 0) != CURLUE_OK) {
		free(topic);
		*cause = xstrdup("the ntfy URL is not valid");
		goto out;
	}
	notify_json_header(job);
	if ((tok = notify_config_get(job->ch, "token")) != NULL &&
	    strpbrk(tok, "\r\n") == NULL) {
		xasprintf(&hdr, "Authorization: Bearer %s", tok);
		job->headers = curl_slist_append(job->headers, hdr);
		free(hdr);
	}
	free(tok);
	ok = notify_render_into(job, "notify-ntfy.tpl", &job->body, "TOPIC",
	    topic);
	free(topic);
	if (!ok)
		*cause = xstrdup("the ntfy template failed");
out:
	curl_free(path);
	curl_url_cleanup(u);
	return ok;
}
