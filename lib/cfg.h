/*
 * Configuration from the environment (SPEC section 2), read and validated
 * once per process.  A bad value is reported as one line naming the
 * variable; secrets are never echoed.
 */
#ifndef CFG_H
#define CFG_H

#include <stdbool.h>

#include "log.h"

#define CFG_NEED_DB	0x1	/* DATABASE_URL is required */

struct cfg {
	char		*database_url;
	char		*ebay_client_id;	/* NULL in demo mode */
	char		*ebay_client_secret;	/* NULL in demo mode; secret */
	char		*ebay_api_base;		/* no trailing slash */
	char		*ebay_marketplace;
	long		 ebay_daily_call_limit;
	long		 ebay_web_reserve;	/* calls kept for live search */
	char		*ebay_affiliate_campaign_id;
	char		*ebay_contextual_location;	/* "country=US,zip=..." */
	char		*ebay_verification_token;	/* secret */
	char		*ebay_deletion_endpoint;
	char		*public_base_url;	/* no trailing slash */
	bool		 secure_cookies;	/* PUBLIC_BASE_URL is https */
	char		*smtp_url;		/* secret (may hold a password) */
	char		*smtp_from;
	enum log_level	 log_level;
	long		 item_retention_days;
	char		*template_dir;
	char		*sql_dir;
	bool		 demo;
};

#define CFG_DEMO_API_BASE	"http://127.0.0.1:8090"
#define CFG_DEMO_CLIENT_ID	"demo-client"
#define CFG_DEMO_CLIENT_SECRET	"demo-secret"

const struct cfg *cfg_load(int flags, char **cause);
const struct cfg *cfg_get(void);
void	 cfg_free(void);
bool	 cfg_marketplace_valid(const char *);

#endif
