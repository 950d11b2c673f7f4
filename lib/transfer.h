/*
 * Saved searches and channels as JSON: the bodies of the /api/v1 routes
 * and the export file of /export, read back by /import.
 *
 * A saved search in JSON has SPEC section 3's names (q, category,
 * min_price, ...) plus name, interval, enabled, notify_existing, alerts
 * and channels.  Reading one goes through the saved-search model: the JSON
 * is checked for types here (a string where a string belongs, ...), turned
 * into the save form's fields and given to saved_search_parse_form(), the
 * one validator.  Its errors come back under JSON paths
 * ("alerts.price_range.min"), so every answer names the field as the
 * client wrote it.
 *
 * The export document is written with a fixed key order and json-c's
 * pretty printer, so export -> import -> export gives the same bytes.
 * Import runs in one transaction: a file is imported whole or not at all,
 * and a refused file is answered with the line and the reason.
 */
#ifndef TRANSFER_H
#define TRANSFER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "notify.h"

struct buf;
struct cfg;
struct db;
struct json_object;
struct saved_search;
struct valid_errs;

#define TRANSFER_FORMAT		"ebay-scanner-export"
#define TRANSFER_VERSION	1
#define TRANSFER_SEARCHES_MAX	1000
#define TRANSFER_CHANNELS_MAX	100
#define TRANSFER_TARGET_MAX	2000	/* characters of a channel's target */
#define TRANSFER_CONFIG_MAX	4096	/* bytes of a channel's config */

/* A notification channel as stored (the columns export carries). */
struct transfer_channel {
	int64_t			 id;
	char			*name;
	enum notify_kind	 kind;
	char			*target;	/* may hold a secret */
	char			*config;	/* JSON object text */
	char			 mode[8];	/* instant, hourly, daily */
	bool			 enabled;
	char			*last_error;	/* NULL if none */
	char			*created_at;
};

/* The JSON path of a save-form field ("alert_price_min" ->
 * "alerts.price_range.min"); the name itself if it has no other. */
const char	*transfer_field_path(const char *form_key);

/*
 * Read a saved search from a JSON object into ss (from saved_search_init,
 * or db_search_get for an edit: fields absent keep its values except
 * alerts and channels, which the object replaces).  Keys the API returns
 * but nobody sets (id, status, created_at, ...) are ignored; unknown keys
 * are errors.  False with errs filled, keyed by JSON path.
 */
bool		 transfer_search_from_json(struct json_object *,
		    struct saved_search *, struct valid_errs *)
		    __attribute__((warn_unused_result));

/*
 * A saved search as JSON (caller puts).  With state, the read-only fields
 * the API shows (id, status, runs, ...); channels as ids, or, when names
 * is given, as the names of the channels of chans (export).
 */
struct json_object *transfer_search_to_json(const struct saved_search *,
		    bool state, const struct transfer_channel *chans,
		    size_t nchans);

/* Channels of a user, by id (-1 database error). */
int		 transfer_channels_load(struct db *, int64_t user_id,
		    struct transfer_channel **, size_t *)
		    __attribute__((warn_unused_result));
int		 transfer_channels_page(struct db *, int64_t user_id,
		    int limit, int offset, struct transfer_channel **,
		    size_t *, int64_t *total)
		    __attribute__((warn_unused_result));
void		 transfer_channels_free(struct transfer_channel *, size_t);
void		 transfer_channel_free(struct transfer_channel *);
/* One channel of a user: 1, 0 not found (or another user's), -1. */
int		 transfer_channel_get(struct db *, int64_t user_id, int64_t id,
		    struct transfer_channel *)
		    __attribute__((warn_unused_result));
/* A channel as JSON (caller puts); masked hides secrets (API). */
struct json_object *transfer_channel_to_json(const struct transfer_channel *,
		    bool masked);

/* The export document of a user into out.  False on a database error. */
bool		 transfer_export(struct db *, int64_t user_id, struct buf *)
		    __attribute__((warn_unused_result));

struct transfer_result {
	int	 searches;	/* imported */
	int	 channels;	/* created */
	int	 channels_reused;	/* same name, kind and target existed */
	/* When refused: */
	int	 line;		/* from 1; 0 if none applies */
	char	 field[128];	/* JSON path, "" if none */
	char	 why[256];
	bool	 db_error;	/* the database failed, not the file */
};

/*
 * Import an export document for user_id in one transaction.  True when
 * everything was imported; false when nothing was, with res saying where
 * and why (or db_error).
 */
bool		 transfer_import(struct db *, const struct cfg *,
		    int64_t user_id, const char *text, size_t len,
		    struct transfer_result *res)
		    __attribute__((warn_unused_result));

#endif
