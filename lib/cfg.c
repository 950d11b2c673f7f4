/*
 * Configuration from the environment (see cfg.h).  Each variable has one
 * reader below; cfg_load() runs them in order and stops at the first bad
 * value, with a cause naming the variable.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "buf.h"
#include "cfg.h"
#include "xmalloc.h"

static struct cfg	 cfg_current;
static bool		 cfg_loaded;

static const char *const cfg_marketplaces[] = {
	"EBAY_US", "EBAY_GB", "EBAY_DE", "EBAY_AU", "EBAY_CA", "EBAY_FR",
	"EBAY_IT", "EBAY_ES", "EBAY_AT", "EBAY_BE", "EBAY_CH", "EBAY_IE",
	"EBAY_NL", "EBAY_PL", "EBAY_HK", "EBAY_SG", "EBAY_MOTORS_US", NULL
};

bool
cfg_marketplace_valid(const char *s)
{
	int	 i;

	for (i = 0; cfg_marketplaces[i] != NULL; i++)
		if (strcmp(s, cfg_marketplaces[i]) == 0)
			return true;
	return false;
}

/* The variable's value, or NULL when unset or empty. */
static const char *
cfg_env(const char *name)
{
	const char	*v;

	v = getenv(name);
	return (v != NULL && *v != '\0') ? v : NULL;
}

static bool
cfg_fail(char **cause, const char *name, const char *why)
{
	xasprintf(cause, "%s: %s", name, why);
	return false;
}

static bool
cfg_long(const char *name, long def, long min, long max, long *out,
    char **cause)
{
	const char	*v;
	char		*end, why[128];
	long		 n;

	if ((v = cfg_env(name)) == NULL) {
		*out = def;
		return true;
	}
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno != 0 || end == v || *end != '\0' || n < min || n > max) {
		snprintf(why, sizeof why, "must be a whole number from %ld "
		    "to %ld", min, max);
		return cfg_fail(cause, name, why);
	}
	*out = n;
	return true;
}

/* An absolute http(s) URL without spaces; the trailing slash is dropped. */
static bool
cfg_url(const char *name, const char *def, bool https_only, char **out,
    char **cause)
{
	const char	*v, *host;
	size_t		 len;

	if ((v = cfg_env(name)) == NULL) {
		*out = def != NULL ? xstrdup(def) : NULL;
		return true;
	}
	if (strncmp(v, "https://", 8) != 0 &&
	    (https_only || strncmp(v, "http://", 7) != 0))
		return cfg_fail(cause, name, https_only ?
		    "must be an https:// URL" :
		    "must be an http:// or https:// URL");
	host = strstr(v, "://") + 3;
	if (*host == '\0' || *host == '/' || *host == ':' ||
	    strpbrk(v, " \t\r\n\"<>\\^`{|}?#") != NULL)
		return cfg_fail(cause, name, "is not a valid URL (a scheme, "
		    "a host, an optional port and path)");
	len = strlen(v);
	while (len > 0 && v[len - 1] == '/')
		len--;
	*out = xstrndup(v, len);
	return true;
}

static bool
cfg_secret(char **out, char **cause)
{
	const char	*v, *file;
	FILE		*f;
	struct buf	 b;
	char		 chunk[512];
	size_t		 n;

	v = cfg_env("EBAY_CLIENT_SECRET");
	file = cfg_env("EBAY_CLIENT_SECRET_FILE");
	if (v != NULL && file != NULL)
		return cfg_fail(cause, "EBAY_CLIENT_SECRET_FILE",
		    "set only one of EBAY_CLIENT_SECRET and "
		    "EBAY_CLIENT_SECRET_FILE");
	if (v != NULL) {
		*out = xstrdup(v);
		return true;
	}
	if (file == NULL) {
		*out = NULL;
		return true;
	}
	if ((f = fopen(file, "r")) == NULL) {
		xasprintf(cause, "EBAY_CLIENT_SECRET_FILE: cannot read %s: %s",
		    file, strerror(errno));
		return false;
	}
	buf_init(&b, 4096);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	while (b.len > 0 && (b.data[b.len - 1] == '\n' ||
	    b.data[b.len - 1] == '\r' || b.data[b.len - 1] == ' '))
		b.data[--b.len] = '\0';
	if (buf_failed(&b) || b.len == 0 || memchr(b.data, '\n', b.len)) {
		buf_free(&b);
		return cfg_fail(cause, "EBAY_CLIENT_SECRET_FILE",
		    "the file must hold the secret on one line");
	}
	*out = buf_detach(&b);
	return true;
}

static bool
cfg_database(struct cfg *c, int flags, char **cause)
{
	const char		*v;
	PQconninfoOption	*opts;
	char			*err = NULL;

	if ((v = cfg_env("DATABASE_URL")) == NULL) {
		if (flags & CFG_NEED_DB)
			return cfg_fail(cause, "DATABASE_URL", "is required "
			    "(a libpq connection string or postgresql:// URI)");
		return true;
	}
	/* libpq's message may quote the value, which can hold a password. */
	if ((opts = PQconninfoParse(v, &err)) == NULL) {
		PQfreemem(err);
		return cfg_fail(cause, "DATABASE_URL", "is not a valid libpq "
		    "connection string or postgresql:// URI");
	}
	PQconninfoFree(opts);
	c->database_url = xstrdup(v);
	return true;
}

static bool
cfg_ebay(struct cfg *c, char **cause)
{
	const char	*v;
	size_t		 i;

	if ((v = cfg_env("EBAY_CLIENT_ID")) != NULL)
		c->ebay_client_id = xstrdup(v);
	if (!cfg_secret(&c->ebay_client_secret, cause))
		return false;
	if (c->ebay_client_id != NULL && c->ebay_client_secret == NULL)
		return cfg_fail(cause, "EBAY_CLIENT_SECRET", "is required when "
		    "EBAY_CLIENT_ID is set (or use EBAY_CLIENT_SECRET_FILE)");
	if (c->ebay_client_id == NULL && c->ebay_client_secret != NULL)
		return cfg_fail(cause, "EBAY_CLIENT_ID", "is required when a "
		    "client secret is set");
	c->demo = c->ebay_client_id == NULL;
	if (c->demo) {
		c->ebay_client_id = xstrdup(CFG_DEMO_CLIENT_ID);
		c->ebay_client_secret = xstrdup(CFG_DEMO_CLIENT_SECRET);
	}
	/* Demo credentials go to the bundled fake eBay, never to eBay. */
	if (!cfg_url("EBAY_API_BASE", c->demo ? CFG_DEMO_API_BASE :
	    "https://api.ebay.com", false, &c->ebay_api_base, cause))
		return false;
	v = cfg_env("EBAY_MARKETPLACE");
	c->ebay_marketplace = xstrdup(v != NULL ? v : "EBAY_US");
	if (!cfg_marketplace_valid(c->ebay_marketplace))
		return cfg_fail(cause, "EBAY_MARKETPLACE", "must be an eBay "
		    "marketplace id such as EBAY_US, EBAY_GB or EBAY_DE");
	if (!cfg_long("EBAY_DAILY_CALL_LIMIT", 5000, 1, 1000000,
	    &c->ebay_daily_call_limit, cause))
		return false;
	if (!cfg_long("EBAY_WEB_RESERVE", c->ebay_daily_call_limit / 10, 0,
	    c->ebay_daily_call_limit, &c->ebay_web_reserve, cause))
		return false;
	if ((v = cfg_env("EBAY_AFFILIATE_CAMPAIGN_ID")) != NULL) {
		for (i = 0; v[i] != '\0'; i++)
			if (v[i] < '0' || v[i] > '9' || i >= 20)
				return cfg_fail(cause,
				    "EBAY_AFFILIATE_CAMPAIGN_ID",
				    "must be the digits of an eBay Partner "
				    "Network campaign id");
		c->ebay_affiliate_campaign_id = xstrdup(v);
	}
	if ((v = cfg_env("EBAY_CONTEXTUAL_LOCATION")) != NULL) {
		if (strncmp(v, "country=", 8) != 0 ||
		    strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstu"
		    "vwxyz0123456789=,- ") != strlen(v))
			return cfg_fail(cause, "EBAY_CONTEXTUAL_LOCATION",
			    "must look like country=US,zip=10001");
		c->ebay_contextual_location = xstrdup(v);
	}
	return true;
}

static bool
cfg_deletion(struct cfg *c, char **cause)
{
	const char	*v;
	size_t		 len;

	if ((v = cfg_env("EBAY_VERIFICATION_TOKEN")) != NULL) {
		len = strlen(v);
		if (len < 32 || len > 80 || strspn(v, "ABCDEFGHIJKLMNOPQRSTUVW"
		    "XYZabcdefghijklmnopqrstuvwxyz0123456789_-") != len)
			return cfg_fail(cause, "EBAY_VERIFICATION_TOKEN",
			    "must be 32 to 80 characters of A-Z, a-z, 0-9, "
			    "_ and -");
		c->ebay_verification_token = xstrdup(v);
	}
	/* The endpoint is hashed as registered: keep it byte for byte. */
	if ((v = cfg_env("EBAY_DELETION_ENDPOINT")) != NULL) {
		if (strncmp(v, "https://", 8) != 0 || strlen(v) < 9 ||
		    strpbrk(v, " \t\r\n?#") != NULL)
			return cfg_fail(cause, "EBAY_DELETION_ENDPOINT",
			    "must be an https:// URL without a query");
		c->ebay_deletion_endpoint = xstrdup(v);
	}
	if ((c->ebay_verification_token == NULL) !=
	    (c->ebay_deletion_endpoint == NULL))
		return cfg_fail(cause, c->ebay_verification_token == NULL ?
		    "EBAY_VERIFICATION_TOKEN" : "EBAY_DELETION_ENDPOINT",
		    "EBAY_VERIFICATION_TOKEN and EBAY_DELETION_ENDPOINT must "
		    "be set together");
	return true;
}

static bool
cfg_smtp(struct cfg *c, char **cause)
{
	const char	*v;

	if ((v = cfg_env("SMTP_URL")) != NULL) {
		if (strncmp(v, "smtp://", 7) != 0 &&
		    strncmp(v, "smtps://", 8) != 0)
			return cfg_fail(cause, "SMTP_URL",
			    "must be an smtp:// or smtps:// URL");
		c->smtp_url = xstrdup(v);
	}
	if ((v = cfg_env("SMTP_FROM")) != NULL) {
		if (strchr(v, '@') == NULL || strpbrk(v, "\r\n") != NULL)
			return cfg_fail(cause, "SMTP_FROM",
			    "must be an email address");
		c->smtp_from = xstrdup(v);
	}
	if (c->smtp_url != NULL && c->smtp_from == NULL)
		return cfg_fail(cause, "SMTP_FROM",
		    "is required when SMTP_URL is set");
	return true;
}

static bool
cfg_dir(const char *name, const char *def, char **out)
{
	const char	*v;

	v = cfg_env(name);
	*out = xstrdup(v != NULL ? v : def);
	return true;
}

static void
cfg_clear(struct cfg *c)
{
	free(c->database_url);
	free(c->ebay_client_id);
	if (c->ebay_client_secret != NULL)
		memset(c->ebay_client_secret, 0, strlen(c->ebay_client_secret));
	free(c->ebay_client_secret);
	free(c->ebay_api_base);
	free(c->ebay_marketplace);
	free(c->ebay_affiliate_campaign_id);
	free(c->ebay_contextual_location);
	free(c->ebay_verification_token);
	free(c->ebay_deletion_endpoint);
	free(c->public_base_url);
	free(c->smtp_url);
	free(c->smtp_from);
	free(c->template_dir);
	free(c->sql_dir);
	memset(c, 0, sizeof *c);
}

/*
 * Read the environment.  Returns the configuration (valid until the next
 * cfg_load or cfg_free), or NULL with *cause set (caller frees) naming the
 * first bad variable.
 */
const struct cfg *
cfg_load(int flags, char **cause)
{
	struct cfg	 c;
	const char	*v;

	memset(&c, 0, sizeof c);
	*cause = NULL;
	if (!cfg_database(&c, flags, cause) || !cfg_ebay(&c, cause) ||
	    !cfg_deletion(&c, cause) || !cfg_smtp(&c, cause))
		goto fail;
	if (!cfg_url("PUBLIC_BASE_URL", "http://127.0.0.1:8080", false,
	    &c.public_base_url, cause))
		goto fail;
	c.secure_cookies = strncmp(c.public_base_url, "https://", 8) == 0;
	c.log_level = LOG_LEVEL_INFO;
	if ((v = cfg_env("LOG_LEVEL")) != NULL &&
	    !log_level_parse(v, &c.log_level)) {
		cfg_fail(cause, "LOG_LEVEL",
		    "must be one of debug, info, warn, error");
		goto fail;
	}
	if (!cfg_long("ITEM_RETENTION_DAYS", 14, 1, 3650,
	    &c.item_retention_days, cause))
		goto fail;
	cfg_dir("EBAY_TEMPLATE_DIR", PKGDATADIR "/templates", &c.template_dir);
	cfg_dir("EBAY_SQL_DIR", PKGDATADIR "/sql", &c.sql_dir);

	cfg_clear(&cfg_current);
	cfg_current = c;
	cfg_loaded = true;
	log_set_level(c.log_level);
	return &cfg_current;
fail:
	cfg_clear(&c);
	return NULL;
}

/* The loaded configuration; loading it first is a programming error. */
const struct cfg *
cfg_get(void)
{
	if (!cfg_loaded)
		log_fatal("cfg_get: configuration not loaded");
	return &cfg_current;
}

void
cfg_free(void)
{
	cfg_clear(&cfg_current);
	cfg_loaded = false;
}
