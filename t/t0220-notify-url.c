/*
 * notify: Apprise-style URLs parsed into kind + target + config (and bad
 * ones refused with a reason that never repeats the secret), masking, and
 * every message format escaping a hostile title for its context.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "cfg.h"
#include "notify.h"
#include "tap.h"
#include "tmpl.h"

static const struct {
	const char	*url;
	const char	*hint;
	const char	*kind;
	const char	*target;
	const char	*config_has;	/* a substring of config, or NULL */
} good[] = {
	{ "https://example.com/hook?x=1", NULL, "webhook",
	    "https://example.com/hook?x=1", NULL },
	{ "  json://127.0.0.1:8099/in  ", NULL, "webhook",
	    "http://127.0.0.1:8099/in", NULL },
	{ "jsons://hooks.example.org/a/b", NULL, "webhook",
	    "https://hooks.example.org/a/b", NULL },
	{ "ntfy://deals_42", NULL, "ntfy", "https://ntfy.sh/deals_42", NULL },
	{ "ntfy://127.0.0.1:8080/deals", NULL, "ntfy",
	    "http://127.0.0.1:8080/deals", NULL },
	{ "ntfys://ntfy.example.org/deals", NULL, "ntfy",
	    "https://ntfy.example.org/deals", NULL },
	{ "ntfy://me:pw@ntfy.example.org/deals", NULL, "ntfy",
	    "http://me:pw@ntfy.example.org/deals", NULL },
	{ "https://ntfy.sh/deals", NULL, "ntfy", "https://ntfy.sh/deals",
	    NULL },
	{ "http://127.0.0.1:9/topic", "ntfy", "ntfy",
	    "http://127.0.0.1:9/topic", NULL },
	{ "discord://123456789/AbC-def_123", NULL, "discord",
	    "https://discord.com/api/webhooks/123456789/AbC-def_123", NULL },
	{ "discord://botname@123/tok", NULL, "discord",
	    "https://discord.com/api/webhooks/123/tok", NULL },
	{ "https://discord.com/api/webhooks/1/x", NULL, "discord",
	    "https://discord.com/api/webhooks/1/x", NULL },
	{ "slack://T1JJ3T3L2/A1BRTD4JD/TIiajkdnlazkcOXrIdevi7FQ", NULL,
	    "slack", "https://hooks.slack.com/services/T1JJ3T3L2/A1BRTD4JD/"
	    "TIiajkdnlazkcOXrIdevi7FQ", NULL },
	{ "slack://T1/B2/C3/#deals", NULL, "slack",
	    "https://hooks.slack.com/services/T1/B2/C3", "\"#deals\"" },
	{ "https://hooks.slack.com/services/T1/B2/C3", NULL, "slack",
	    "https://hooks.slack.com/services/T1/B2/C3", NULL },
	{ "tgram://123456:ABC-def_g/-1001234", NULL, "telegram", "-1001234",
	    "\"123456:ABC-def_g\"" },
	{ "tgram://123456:ABC/@mychannel", NULL, "telegram", "@mychannel",
	    NULL },
	{ "mailto://alice:s3cret@smtp.example.com?to=bob@example.org", NULL,
	    "email", "bob@example.org",
	    "smtp://alice:s3cret@smtp.example.com" },
	{ "mailto://alice:pw@example.com", NULL, "email",
	    "alice@example.com", NULL },
	{ "mailtos://a:b@mail.example.com:465?to=c@example.net&from=d@x.org",
	    NULL, "email", "c@example.net", "smtps://a:b@mail.example.com:465" },
	{ "mailto:carol@example.com", NULL, "email", "carol@example.com",
	    NULL },
	{ "dave@example.com", NULL, "email", "dave@example.com", NULL },
};

static const struct {
	const char	*url;
	const char	*hint;
	const char	*why;		/* a substring of the cause */
} bad[] = {
	{ "", NULL, "paste a URL" },
	{ "ftp://example.com/x", NULL, "unknown kind of URL 'ftp://'" },
	{ "gopher://x", NULL, "unknown kind" },
	{ "https://exa mple.com/", NULL, "space" },
	{ "https://", NULL, "not valid" },
	{ "ntfy://bad topic", NULL, "space" },
	{ "ntfy://to*pic", NULL, "topic" },
	{ "discord://only-one", NULL, "discord://WEBHOOK_ID/WEBHOOK_TOKEN" },
	{ "discord://abc/tok", NULL, "digits" },
	{ "slack://xoxb-1234-abcd", NULL, "bot tokens" },
	{ "slack://A/B", NULL, "TokenA/TokenB/TokenC" },
	{ "tgram://nocolon/123", NULL, "bot token" },
	{ "tgram://123:abc", NULL, "tgram://BOT_TOKEN/CHAT_ID" },
	{ "tgram://123:abc/1/2", NULL, "one chat id" },
	{ "tgram://123:abc/chat!", NULL, "chat id" },
	{ "mailto://smtp.example.com", NULL, "recipient" },
	{ "mailto://a:b@h.example?to=x%0d%0aBcc:y@z", NULL, "recipient" },
	{ "mailto://a:b@h.example?to=c@d.org&from=evil<>", NULL, "from=" },
	{ "not-an-address", NULL, "email address" },
	{ "https://example.com/", "telegram", "tgram://" },
	{ "https://example.com/", "pigeon", "unknown kind of channel" },
};

static void
check_json(const char *s, const char *title, const char *what)
{
	struct json_tokener	*tok;
	struct json_object	*o, *v;
	bool			 parsed;

	tok = json_tokener_new();
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	o = json_tokener_parse_ex(tok, s, (int)strlen(s));
	parsed = o != NULL && json_tokener_get_parse_end(tok) == strlen(s);
	ok(parsed, "%s: the body is strict JSON", what);
	if (!parsed)
		tap_diag("%s", s);
	if (title != NULL && o != NULL) {
		ok(json_object_object_get_ex(o, "alerts", &v) &&
		    (v = json_object_array_get_idx(v, 0)) != NULL &&
		    json_object_object_get_ex(v, "title", &v) &&
		    strcmp(json_object_get_string(v), title) == 0,
		    "%s: the title comes back exactly", what);
	}
	json_object_put(o);
	json_tokener_free(tok);
}

/* The string member key of the JSON object s, or NULL.  Caller frees. */
static char *
json_get(const char *s, const char *key)
{
	struct json_object	*o, *v;
	char			*out = NULL;

	if ((o = json_tokener_parse(s)) == NULL)
		return NULL;
	if (json_object_object_get_ex(o, key, &v))
		out = strdup(json_object_get_string(v));
	json_object_put(o);
	return out;
}

int
main(void)
{
	static const char	 hostile[] = "<script>alert(\"x\")</script> "
	    "& 'q' \\ \x01\xe2\x80\xae @everyone *bold* <!here>\n{{X}}";
	struct notify_channel	 ch;
	struct notify_item	 item;
	struct notify_msg	 msg;
	char			*cause = NULL, *s, *t;
	size_t			 i;
	enum notify_kind	 k;

	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		if (!ok(notify_parse(good[i].url, good[i].hint, &ch, &cause),
		    "parses %s", good[i].url)) {
			tap_diag("cause: %s", cause);
			free(cause);
			cause = NULL;
			continue;
		}
		is_str(notify_kind_name(ch.kind), good[i].kind, "  kind");
		is_str(ch.target, good[i].target, "  target");
		if (good[i].config_has != NULL)
			ok(strstr(ch.config, good[i].config_has) != NULL,
			    "  config has %s (%s)", good[i].config_has,
			    ch.config);
		notify_channel_free(&ch);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cause = NULL;
		ok(!notify_parse(bad[i].url, bad[i].hint, &ch, &cause) &&
		    cause != NULL && strstr(cause, bad[i].why) != NULL,
		    "refuses '%s': %s", bad[i].url, cause != NULL ? cause : "?");
		free(cause);
	}

	/* Masking: never a whole token or a password. */
	ok(notify_parse("discord://123456789/AbCdEfGhIjKlMnOp", NULL, &ch,
	    &cause), "discord channel");
	s = notify_mask(&ch);
	ok(strstr(s, "AbCdEfGhIjKlMnOp") == NULL && strstr(s, "discord.com"),
	    "discord token masked: %s", s);
	free(s);
	notify_channel_free(&ch);
	ok(notify_parse("tgram://123456:SECRETSECRETSECRET/42", NULL, &ch,
	    &cause), "telegram channel");
	s = notify_mask(&ch);
	ok(strstr(s, "SECRETSECRET") == NULL && strstr(s, "42") != NULL,
	    "telegram bot token masked: %s", s);
	free(s);
	notify_channel_free(&ch);
	ok(notify_parse("mailto://alice:hunter2@smtp.example.com?to=b@e.org",
	    NULL, &ch, &cause), "email channel");
	s = notify_mask(&ch);
	ok(strstr(s, "hunter2") == NULL && strstr(s, "b@e.org") != NULL &&
	    strstr(s, "smtp.example.com") != NULL, "smtp password masked: %s",
	    s);
	free(s);
	notify_channel_free(&ch);
	ok(notify_parse("https://me:pw@hooks.example.com/abcdefghijklmnop?k=v",
	    NULL, &ch, &cause), "webhook with secrets");
	s = notify_mask(&ch);
	ok(strstr(s, ":pw") == NULL && strstr(s, "abcdefghijklmnop") == NULL &&
	    strstr(s, "k=v") == NULL && strstr(s, "hooks.example.com") != NULL,
	    "webhook password, long path and query masked: %s", s);
	free(s);
	notify_channel_free(&ch);

	/* Rendering: each format escapes a hostile title for its context. */
	if (cfg_load(0, &cause) == NULL || !tmpl_init(cfg_get()->template_dir,
	    &cause)) {
		tap_diag("templates: %s", cause);
		return tap_done();
	}
	memset(&item, 0, sizeof item);
	item.kind = "new_match";
	item.title = hostile;
	item.url = "https://www.ebay.com/itm/1?a=1&b=2";
	item.total = "9.99";
	item.currency = "USD";
	item.searches = "A & <B>";
	msg.items = &item;
	msg.n = 1;
	msg.test = false;
	memset(&ch, 0, sizeof ch);
	ch.config = (char *)"{}";
	ch.target = (char *)"1";

	s = notify_render(NOTIFY_WEBHOOK, "notify-webhook.tpl", &ch, &msg);
	check_json(s, hostile, "webhook");
	free(s);
	for (k = 0; k < NOTIFY__MAX; k++) {
		static const char *const tpl[NOTIFY__MAX] = {
			"notify-webhook.tpl", "notify-ntfy.tpl",
			"notify-discord.tpl", "notify-slack.tpl",
			"notify-telegram.tpl", "notify-text.tpl" };

		if ((s = notify_render(k, tpl[k], &ch, &msg)) == NULL) {
			ok(0, "%s renders", notify_kind_name(k));
			continue;
		}
		if (k != NOTIFY_EMAIL)
			check_json(s, NULL, notify_kind_name(k));
		else
			ok(strstr(s, hostile) != NULL, "plain text keeps the "
			    "title intact");
		free(s);
	}
	s = notify_render(NOTIFY_SLACK, "notify-slack.tpl", &ch, &msg);
	t = json_get(s, "text");
	ok(t != NULL && strstr(t, "<!here>") == NULL &&
	    strstr(t, "&lt;!here&gt;") != NULL && strstr(t, "&amp; 'q'") !=
	    NULL, "slack: < > & escaped as Slack entities");
	free(t);
	free(s);
	s = notify_render(NOTIFY_DISCORD, "notify-discord.tpl", &ch, &msg);
	ok(strstr(s, "\\\\*bold\\\\*") != NULL &&
	    strstr(s, "\"allowed_mentions\":{\"parse\":[]}") != NULL,
	    "discord: markdown escaped, mentions off");
	free(s);
	s = notify_render(NOTIFY_EMAIL, "notify-email.tpl", &ch, &msg);
	ok(strstr(s, "<script>") == NULL && strstr(s, "&lt;script&gt;") !=
	    NULL, "email HTML: the title is escaped");
	ok(strstr(s, "href=\"https://www.ebay.com/itm/1?a=1&amp;b=2\"") !=
	    NULL, "email HTML: the link is an escaped attribute");
	ok(strstr(s, "A &amp; &lt;B&gt;") != NULL, "email HTML: search names "
	    "escaped");
	free(s);
	item.url = "javascript:alert(1)";
	s = notify_render(NOTIFY_EMAIL, "notify-email.tpl", &ch, &msg);
	ok(strstr(s, "javascript:") == NULL, "a javascript: link is dropped");
	free(s);
	return tap_done();
}
