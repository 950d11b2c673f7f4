/*
 * receiver-send: deliver one message through lib/notify to the channels
 * given as URLs (all at once), for the notify tests.
 *
 *   receiver-send [--kind K] [--test] [--title T]... URL...
 *
 * Each --title adds an alert (several make a digest).  Prints one line per
 * channel: "ok STATUS" or "fail STATUS ERROR", then "reply: ..." lines;
 * exit status 0 when every channel accepted the message.  Configuration
 * (SMTP_URL, SMTP_FROM, EBAY_TEMPLATE_DIR, ...) comes from the environment.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "cfg.h"
#include "notify.h"
#include "tmpl.h"
#include "xmalloc.h"

int
main(int argc, char **argv)
{
	struct notify_channel	*chs;
	struct notify_msg	*msgs;
	struct notify_result	*res;
	struct notify_item	 items[16];
	const char		*kind = NULL;
	char			*cause = NULL;
	size_t			 nitems = 0, nch = 0, i;
	int			 a, status = 0;
	bool			 test = false;

	if (cfg_load(0, &cause) == NULL || !tmpl_init(cfg_get()->template_dir,
	    &cause)) {
		fprintf(stderr, "receiver-send: %s\n", cause);
		return 2;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	chs = xcalloc((size_t)argc, sizeof *chs);
	memset(items, 0, sizeof items);
	for (a = 1; a < argc; a++) {
		if (strcmp(argv[a], "--kind") == 0 && a + 1 < argc)
			kind = argv[++a];
		else if (strcmp(argv[a], "--test") == 0)
			test = true;
		else if (strcmp(argv[a], "--title") == 0 && a + 1 < argc &&
		    nitems < 16) {
			items[nitems].kind = nitems % 2 ? "price_range" :
			    "new_match";
			items[nitems].title = argv[++a];
			items[nitems].url = "https://www.ebay.com/itm/1234?a=1&b=2";
			items[nitems].image_url = "https://i.ebayimg.com/x.jpg";
			items[nitems].total = "12.50";
			items[nitems].old_total = nitems % 2 ? "20.00" : NULL;
			items[nitems].currency = "USD";
			items[nitems].searches = "Search <one> & \"two\"";
			items[nitems].item_id = "v1|1234|0";
			nitems++;
		} else if (!notify_parse(argv[a], kind, &chs[nch], &cause)) {
			fprintf(stderr, "receiver-send: %s\n", cause);
			return 2;
		} else
			nch++;
	}
	msgs = xcalloc(nch + 1, sizeof *msgs);
	res = xcalloc(nch + 1, sizeof *res);
	for (i = 0; i < nch; i++) {
		msgs[i].items = items;
		msgs[i].n = nitems;
		msgs[i].test = test;
	}
	notify_send(chs, msgs, res, nch);
	for (i = 0; i < nch; i++) {
		if (res[i].ok)
			printf("ok %ld\n", res[i].status);
		else {
			printf("fail %ld %s\n", res[i].status, res[i].error);
			status = 1;
		}
		if (res[i].reply != NULL)
			printf("reply: %s\n", res[i].reply);
		notify_result_free(&res[i]);
		notify_channel_free(&chs[i]);
	}
	free(chs);
	free(msgs);
	free(res);
	curl_global_cleanup();
	return status;
}
