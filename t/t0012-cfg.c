/* cfg: defaults, demo mode, and one clear line naming each bad variable. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cfg.h"
#include "tap.h"

static const char *const vars[] = {
	"DATABASE_URL", "EBAY_CLIENT_ID", "EBAY_CLIENT_SECRET",
	"EBAY_CLIENT_SECRET_FILE", "EBAY_API_BASE", "EBAY_MARKETPLACE",
	"EBAY_DAILY_CALL_LIMIT", "EBAY_WEB_RESERVE",
	"EBAY_AFFILIATE_CAMPAIGN_ID", "EBAY_CONTEXTUAL_LOCATION",
	"EBAY_VERIFICATION_TOKEN", "EBAY_DELETION_ENDPOINT",
	"PUBLIC_BASE_URL", "SMTP_URL", "SMTP_FROM", "LOG_LEVEL",
	"ITEM_RETENTION_DAYS", NULL
};

static void
clear(void)
{
	int	 i;

	for (i = 0; vars[i] != NULL; i++)
		unsetenv(vars[i]);
	setenv("DATABASE_URL", "postgresql://app:pw@127.0.0.1:5/app", 1);
}

/* Expect cfg_load to fail naming var, and never echoing secret. */
static void
bad(const char *var, const char *value, const char *secret)
{
	char	*cause = NULL;

	clear();
	if (value != NULL)
		setenv(var, value, 1);
	else
		unsetenv(var);
	ok(cfg_load(CFG_NEED_DB, &cause) == NULL && cause != NULL &&
	    strncmp(cause, var, strlen(var)) == 0 && strchr(cause, '\n') ==
	    NULL && (secret == NULL || strstr(cause, secret) == NULL),
	    "%s=%s refused naming the variable", var, value ? value : "(unset)");
	if (cause != NULL)
		tap_diag("%s", cause);
	free(cause);
}

int
main(void)
{
	const struct cfg	*c;
	char			*cause = NULL, path[] = "/tmp/ebs-cfg-XXXXXX";
	FILE			*f;
	int			 fd;

	clear();
	c = cfg_load(CFG_NEED_DB, &cause);
	ok(c != NULL, "defaults load");
	ok(c != NULL && c->demo, "no eBay keys: demo mode");
	is_str(c ? c->ebay_api_base : NULL, CFG_DEMO_API_BASE,
	    "demo mode talks to the bundled fake eBay");
	is_str(c ? c->ebay_marketplace : NULL, "EBAY_US", "EBAY_US default");
	is_int(c ? c->ebay_daily_call_limit : 0, 5000, "5000 calls default");
	is_int(c ? c->ebay_web_reserve : 0, 500, "web reserve is 10%%");
	is_int(c ? c->item_retention_days : 0, 14, "retention 14 days");
	is_str(c ? c->public_base_url : NULL, "http://127.0.0.1:8080",
	    "public base URL default");
	ok(c != NULL && !c->secure_cookies, "http: cookies not Secure");

	clear();
	setenv("EBAY_CLIENT_ID", "App-1234", 1);
	setenv("EBAY_CLIENT_SECRET", "PRD-secret", 1);
	setenv("PUBLIC_BASE_URL", "https://deals.example.org/", 1);
	setenv("EBAY_API_BASE", "http://127.0.0.1:9999/", 1);
	c = cfg_load(CFG_NEED_DB, &cause);
	ok(c != NULL && !c->demo, "with keys: not demo");
	is_str(c ? c->ebay_api_base : NULL, "http://127.0.0.1:9999",
	    "trailing slash dropped");
	ok(c != NULL && c->secure_cookies, "https: cookies Secure");

	clear();
	setenv("EBAY_CLIENT_ID", "App-1234", 1);
	if ((fd = mkstemp(path)) < 0 || (f = fdopen(fd, "w")) == NULL)
		tap_skip_all("mkstemp failed");
	fputs("file-secret\n", f);
	fclose(f);
	setenv("EBAY_CLIENT_SECRET_FILE", path, 1);
	c = cfg_load(CFG_NEED_DB, &cause);
	is_str(c ? c->ebay_client_secret : NULL, "file-secret",
	    "secret read from EBAY_CLIENT_SECRET_FILE, newline dropped");
	unlink(path);

	bad("DATABASE_URL", NULL, NULL);
	bad("DATABASE_URL", "postgresql://app:hunter2@host/x?nosuchparam=1",
	    "hunter2");
	bad("EBAY_API_BASE", "ftp://example.org", NULL);
	bad("EBAY_API_BASE", "http://", NULL);
	bad("EBAY_MARKETPLACE", "EBAY_XX", NULL);
	bad("EBAY_DAILY_CALL_LIMIT", "5k", NULL);
	bad("EBAY_DAILY_CALL_LIMIT", "0", NULL);
	bad("EBAY_DAILY_CALL_LIMIT", "99999999999999999999", NULL);
	bad("EBAY_WEB_RESERVE", "-1", NULL);
	bad("EBAY_AFFILIATE_CAMPAIGN_ID", "abc", NULL);
	bad("EBAY_VERIFICATION_TOKEN", "short", "short");
	bad("EBAY_DELETION_ENDPOINT", "http://example.org/x", NULL);
	bad("PUBLIC_BASE_URL", "example.org", NULL);
	bad("SMTP_URL", "http://mail", NULL);
	bad("LOG_LEVEL", "verbose", NULL);
	bad("ITEM_RETENTION_DAYS", "0", NULL);
	clear();
	setenv("EBAY_CLIENT_SECRET", "lonely-secret", 1);
	ok(cfg_load(CFG_NEED_DB, &cause) == NULL && cause != NULL &&
	    strncmp(cause, "EBAY_CLIENT_ID", 14) == 0 &&
	    strstr(cause, "lonely-secret") == NULL,
	    "a secret without a client id is refused, naming EBAY_CLIENT_ID");
	free(cause);
	bad("EBAY_CLIENT_SECRET_FILE", "/nonexistent/secret", NULL);
	clear();
	setenv("EBAY_CLIENT_ID", "App-1234", 1);
	ok(cfg_load(CFG_NEED_DB, &cause) == NULL && cause != NULL &&
	    strncmp(cause, "EBAY_CLIENT_SECRET", 18) == 0,
	    "a client id without a secret is refused");
	free(cause);
	cfg_free();
	return tap_done();
}
