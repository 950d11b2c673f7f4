/*
 * eBay Marketplace Account Deletion (see ebay-deletion.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "buf.h"
#include "db.h"
#include "ebay-deletion.h"
#include "log.h"
#include "secret.h"
#include "xmalloc.h"

DB_STMT(ebay_deletion_insert, 3,
    "INSERT INTO ebay_deletions (notification_id, username, user_id)"
    " VALUES ($1, $2, $3) ON CONFLICT (notification_id) DO NOTHING");
DB_STMT(ebay_deletion_lock, 1,
    "SELECT username, user_id FROM ebay_deletions"
    " WHERE notification_id = $1 AND processed_at IS NULL FOR UPDATE");
/*
 * Frozen alert payloads naming the seller, or about one of the seller's
 * listings, lose the seller (run before the listings go: alerts.item_id
 * is then set to NULL).  Outbox rows carry no copy: they send what the
 * alert holds.
 */
DB_STMT(ebay_deletion_alerts, 2,
    "UPDATE alerts SET payload = payload - 'seller'"
    " WHERE (payload ? 'seller' AND (lower(payload->>'seller') = lower($1)"
    "  OR lower(payload->>'seller') = lower($2)))"
    " OR item_id IN (SELECT item_id FROM listings"
    "  WHERE lower(seller_username) = lower($1)"
    "  OR lower(seller_username) = lower($2))");
/* Cached live-search pages showing one of the seller's listings. */
DB_STMT(ebay_deletion_cache, 2,
    "DELETE FROM search_cache c WHERE EXISTS (SELECT 1 FROM"
    " jsonb_array_elements(CASE jsonb_typeof(c.body->'items')"
    "  WHEN 'array' THEN c.body->'items' ELSE '[]' END) i"
    " WHERE lower(i->>'seller') = lower($1)"
    " OR lower(i->>'seller') = lower($2))");
DB_STMT(ebay_deletion_listings, 2,
    "DELETE FROM listings"
    " WHERE lower(seller_username) = lower($1)"
    " OR lower(seller_username) = lower($2)");
DB_STMT(ebay_deletion_done, 1,
    "UPDATE ebay_deletions SET processed_at = now()"
    " WHERE notification_id = $1");
DB_STMT(ebay_deletion_pending, 0,
    "SELECT notification_id FROM ebay_deletions"
    " WHERE processed_at IS NULL ORDER BY received_at LIMIT 1000");

void
ebay_deletion_challenge(const char *code, const char *token,
    const char *endpoint, char out[SECRET_SHA256_HEX])
{
	struct buf	 b;

	buf_init(&b, 0);
	buf_adds(&b, code);
	buf_adds(&b, token);
	buf_adds(&b, endpoint);
	secret_sha256_hex(buf_cstr(&b), b.len, out);
	buf_free(&b);
}

/* The object at key, or NULL if absent or not an object. */
static struct json_object *
ebay_deletion_obj(struct json_object *o, const char *key)
{
	struct json_object	*v;

	if (o == NULL || !json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_object))
		return NULL;
	return v;
}

/*
 * A string member: 0 absent or null, 1 a string (*s borrowed; an empty one
 * counts as absent), -1 another type or too long.
 */
static int
ebay_deletion_str(struct json_object *o, const char *key, const char **s)
{
	struct json_object	*v;

	*s = NULL;
	if (!json_object_object_get_ex(o, key, &v) || v == NULL)
		return 0;
	if (!json_object_is_type(v, json_type_string) ||
	    json_object_get_string_len(v) > EBAY_DELETION_ID_MAX ||
	    strlen(json_object_get_string(v)) !=
	    (size_t)json_object_get_string_len(v))
		return -1;
	*s = json_object_get_string(v);
	if (**s == '\0') {
		*s = NULL;
		return 0;
	}
	return 1;
}

#define EBAY_DELETION_FAIL(f, w) do {					\
	*field = (f);							\
	*why = (w);							\
	return false;							\
} while (0)

bool
ebay_deletion_parse(struct json_object *root, struct ebay_deletion *out,
    const char **field, const char **why)
{
	struct json_object	*meta, *notif, *data;
	const char		*topic, *id, *username, *user_id;

	memset(out, 0, sizeof *out);
	if (root == NULL || !json_object_is_type(root, json_type_object))
		EBAY_DELETION_FAIL("body", "must be a JSON object");
	if ((meta = ebay_deletion_obj(root, "metadata")) == NULL)
		EBAY_DELETION_FAIL("metadata", "must be an object");
	if (ebay_deletion_str(meta, "topic", &topic) != 1)
		EBAY_DELETION_FAIL("metadata.topic", "must be a string");
	if (strcmp(topic, EBAY_DELETION_TOPIC) != 0)
		EBAY_DELETION_FAIL("metadata.topic", "must be "
		    EBAY_DELETION_TOPIC);
	if ((notif = ebay_deletion_obj(root, "notification")) == NULL)
		EBAY_DELETION_FAIL("notification", "must be an object");
	if (ebay_deletion_str(notif, "notificationId", &id) != 1)
		EBAY_DELETION_FAIL("notification.notificationId",
		    "must be a non-empty string of at most 200 characters");
	if ((data = ebay_deletion_obj(notif, "data")) == NULL)
		EBAY_DELETION_FAIL("notification.data", "must be an object");
	if (ebay_deletion_str(data, "username", &username) < 0)
		EBAY_DELETION_FAIL("notification.data.username",
		    "must be a string of at most 200 characters");
	if (ebay_deletion_str(data, "userId", &user_id) < 0)
		EBAY_DELETION_FAIL("notification.data.userId",
		    "must be a string of at most 200 characters");
	if (username == NULL && user_id == NULL)
		EBAY_DELETION_FAIL("notification.data.username",
		    "username or userId is required");
	out->notification_id = xstrdup(id);
	out->username = username != NULL ? xstrdup(username) : NULL;
	out->user_id = user_id != NULL ? xstrdup(user_id) : NULL;
	return true;
}

void
ebay_deletion_free(struct ebay_deletion *d)
{
	free(d->notification_id);
	free(d->username);
	free(d->user_id);
	memset(d, 0, sizeof *d);
}

bool
ebay_deletion_record(struct db *db, const struct ebay_deletion *d)
{
	return db_run(db, &ebay_deletion_insert, d->notification_id,
	    d->username, d->user_id);
}

long
ebay_deletion_apply(struct db *db, const char *notification_id)
{
	PGresult	*res;
	char		*user = NULL, *uid = NULL;
	long		 n = -1, scrubbed;

	if (!db_begin(db))
		return -1;
	if ((res = db_exec(db, &ebay_deletion_lock, notification_id)) == NULL)
		goto fail;
	if (PQntuples(res) != 1) {
		PQclear(res);
		db_rollback(db);
		return 0;	/* unknown, or done by another process */
	}
	if (!db_isnull(res, 0, 0))
		user = xstrdup(db_text(res, 0, 0));
	if (!db_isnull(res, 0, 1))
		uid = xstrdup(db_text(res, 0, 1));
	PQclear(res);
	if ((res = db_exec(db, &ebay_deletion_alerts, user, uid)) == NULL)
		goto fail;
	scrubbed = strtol(PQcmdTuples(res), NULL, 10);
	PQclear(res);
	if ((res = db_exec(db, &ebay_deletion_listings, user, uid)) == NULL)
		goto fail;
	n = strtol(PQcmdTuples(res), NULL, 10);
	PQclear(res);
	if (!db_run(db, &ebay_deletion_cache, user, uid) ||
	    !db_run(db, &ebay_deletion_done, notification_id) ||
	    !db_commit(db))
		goto fail;
	log_info("account deletion %s: %ld listings deleted, the seller "
	    "scrubbed from %ld alerts", notification_id, n, scrubbed);
	free(user);
	free(uid);
	return n;
fail:
	log_warn("account deletion %s: %s", notification_id,
	    db_errmsg(db));
	db_rollback(db);
	free(user);
	free(uid);
	return -1;
}

long
ebay_deletion_apply_pending(struct db *db)
{
	PGresult	*res;
	long		 done = 0;
	int		 i, n;
	char		**ids;

	if ((res = db_exec(db, &ebay_deletion_pending)) == NULL)
		return -1;
	n = PQntuples(res);
	ids = xcalloc((size_t)n + 1, sizeof *ids);
	for (i = 0; i < n; i++)
		ids[i] = xstrdup(db_text(res, i, 0));
	PQclear(res);
	for (i = 0; i < n; i++) {
		if (done >= 0 && ebay_deletion_apply(db, ids[i]) < 0)
			done = -1;
		else if (done >= 0)
			done++;
		free(ids[i]);
	}
	free(ids);
	return done;
}
