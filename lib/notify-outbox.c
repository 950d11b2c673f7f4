/*
 * The outbox: delivering committed alerts (SPEC section 4 item 6).
 *
 * 1. Claim, in a short transaction: the pending rows of every channel that
 *    has one due (not_before passed: instant, a digest's time, or a retry's
 *    backoff), with FOR UPDATE SKIP LOCKED and a lease, so that overlapping
 *    runs never claim a row twice and a crashed run's rows come back when
 *    the lease expires.  A channel's rows waiting on backoff go with its
 *    due ones, so one message carries them all.
 * 2. Send: one message per channel (a digest of up to OUTBOX_BATCH alerts),
 *    every channel at once (notify_send: each with its own deadline, so a
 *    dead or stalled channel holds up no other).
 * 3. Record, once the receiver has answered: a deliveries row with its real
 *    status and reply; the rows sent, or back to pending with exponential
 *    backoff, dead after OUTBOX_MAX_ATTEMPTS; the channel's failure count.
 *
 * A row is marked sent only after its receiver accepted it, and claimed by
 * one run at a time: a receiver that was down gets each alert once when it
 * is back.  (A run killed between the answer and the record sends again
 * after the lease: at least once, never silently lost.)
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <json-c/json.h>

#include "buf.h"
#include "cfg.h"
#include "db.h"
#include "log.h"
#include "notify.h"
#include "notify-outbox.h"
#include "tmpl.h"
#include "xmalloc.h"

#define OUTBOX_BATCH		50	/* alerts per message */
#define OUTBOX_CHANNELS		200	/* channels per pass */
#define OUTBOX_LEASE		"2 minutes"
#define NOW			"coalesce($1::timestamptz, now())"

/*
 * Claim: channels with a due row, then all their pending unleased rows
 * (due or backing off, not digests still waiting), OUTBOX_BATCH each.
 */
DB_STMT(outbox_claim, 1,
    "WITH ch AS (SELECT DISTINCT o.channel_id FROM outbox o"
    "  JOIN channels c ON c.id = o.channel_id AND c.enabled"
    "  WHERE o.state = 'pending' AND o.not_before <= " NOW
    "  AND (o.lease_until IS NULL OR o.lease_until < " NOW ")"
    "  LIMIT 200),"
    " cand AS (SELECT o.id, o.channel_id FROM outbox o JOIN ch"
    "  ON ch.channel_id = o.channel_id"
    "  WHERE o.state = 'pending'"
    "  AND (o.not_before <= " NOW " OR o.attempts > 0)"
    "  AND (o.lease_until IS NULL OR o.lease_until < " NOW ")"
    "  FOR UPDATE OF o SKIP LOCKED),"
    " pick AS (SELECT id FROM (SELECT id, row_number() OVER"
    "  (PARTITION BY channel_id ORDER BY id) AS n FROM cand) z"
    "  WHERE n <= 50)"
    " UPDATE outbox o SET lease_until = " NOW " + interval '" OUTBOX_LEASE "',"
    " attempts = o.attempts + 1"
    " FROM pick WHERE o.id = pick.id"
    " RETURNING o.id, o.channel_id, o.alert_id, o.attempts");

DB_STMT(outbox_channel, 1,
    "SELECT kind, target, config::text FROM channels WHERE id = $1::bigint");

DB_STMT(outbox_alert, 1,
    "SELECT a.kind, a.payload->>'title', a.payload->>'url',"
    " a.payload->>'image_url', a.payload->>'total', a.payload->>'old_total',"
    " a.payload->>'currency', a.payload->>'bids', a.payload->>'ends_at',"
    " (SELECT string_agg(s.name, ', ' ORDER BY s.name) FROM saved_searches s"
    "  WHERE s.id = ANY (a.search_ids)), a.item_id"
    " FROM alerts a WHERE a.id = $1::bigint");

DB_STMT(outbox_delivery, 7,
    "INSERT INTO deliveries (channel_id, alerts, ok, http_status, response,"
    " error, is_test) VALUES ($1::bigint, $2::integer, $3::boolean,"
    " nullif($4::integer, 0), $5, $6, $7::boolean) RETURNING id");

DB_STMT(outbox_sent, 3,
    "UPDATE outbox SET state = 'sent', sent_at = now(), lease_until = NULL,"
    " delivery_id = $2::bigint WHERE id = ANY ($1::bigint[])"
    " AND state = 'pending' AND channel_id = $3::bigint");

/* Backoff: 1 minute, doubling, at most 6 hours; dead after the last try. */
DB_STMT(outbox_retry, 4,
    "UPDATE outbox SET lease_until = NULL,"
    " not_before = coalesce($3::timestamptz, now()) + least("
    "  interval '1 minute' * power(2, greatest(attempts - 1, 0)),"
    "  interval '6 hours'),"
    " state = CASE WHEN attempts >= $4::integer THEN 'dead' ELSE 'pending'"
    " END WHERE id = ANY ($1::bigint[]) AND state = 'pending'"
    " AND channel_id = $2::bigint");

DB_STMT(outbox_channel_ok, 1,
    "UPDATE channels SET consecutive_failures = 0, last_ok_at = now()"
    " WHERE id = $1::bigint");

DB_STMT(outbox_channel_failed, 2,
    "UPDATE channels SET consecutive_failures = consecutive_failures + 1,"
    " last_error_at = now(), last_error = $2 WHERE id = $1::bigint");

/* One channel's share of a pass. */
struct outbox_group {
	int64_t			 channel_id;
	char			 channel_ids[24];
	struct buf		 row_ids;	/* "{1,2,3}" */
	size_t			 nrows;
	struct notify_item	*items;
	size_t			 nitems;
	PGresult		*alerts;	/* owns the items' strings */
	PGresult		**alert_res;
	bool			 usable;
};

static const char *
outbox_text(const PGresult *res, int col)
{
	return db_isnull(res, 0, col) ? NULL : db_text(res, 0, col);
}

/* Load the alerts of a group as notify items. */
static bool
outbox_load_alerts(struct db *db, struct outbox_group *g, PGresult *claim,
    int *rows, size_t nrows)
{
	struct notify_item	*it;
	PGresult		*res;
	size_t			 i;

	g->items = xcalloc(nrows, sizeof *g->items);
	g->alert_res = xcalloc(nrows, sizeof *g->alert_res);
	for (i = 0; i < nrows; i++) {
		res = db_exec(db, &outbox_alert, db_text(claim, rows[i], 2));
		if (res == NULL)
			return false;
		g->alert_res[i] = res;
		if (PQntuples(res) != 1)
			continue;
		it = &g->items[g->nitems++];
		it->kind = outbox_text(res, 0);
		it->title = outbox_text(res, 1);
		it->url = outbox_text(res, 2);
		it->image_url = outbox_text(res, 3);
		it->total = outbox_text(res, 4);
		it->old_total = outbox_text(res, 5);
		it->currency = outbox_text(res, 6);
		it->bids = outbox_text(res, 7);
		it->ends_at = outbox_text(res, 8);
		it->searches = outbox_text(res, 9);
		it->item_id = outbox_text(res, 10);
	}
	return true;
}

static bool
outbox_load_channel(struct db *db, int64_t id, struct notify_channel *ch)
{
	PGresult	*res;
	char		 ids[24];
	bool		 ok;

	snprintf(ids, sizeof ids, "%lld", (long long)id);
	if ((res = db_exec(db, &outbox_channel, ids)) == NULL)
		return false;
	ok = PQntuples(res) == 1 &&
	    notify_kind_parse(db_text(res, 0, 0), &ch->kind);
	if (ok) {
		ch->target = xstrdup(db_text(res, 0, 1));
		ch->config = xstrdup(db_text(res, 0, 2));
	}
	PQclear(res);
	return ok;
}

static void
outbox_group_free(struct outbox_group *g)
{
	size_t	 i;

	for (i = 0; i < g->nrows; i++)
		if (g->alert_res != NULL && g->alert_res[i] != NULL)
			PQclear(g->alert_res[i]);
	free(g->alert_res);
	free(g->items);
	buf_free(&g->row_ids);
}

/* The reply as stored: capped, valid as text (NULs dropped). */
static char *
outbox_reply(const char *s)
{
	struct buf	 b;

	if (s == NULL)
		return NULL;
	buf_init(&b, 0);
	for (; *s != '\0' && b.len < NOTIFY_REPLY_MAX; s++)
		buf_addc(&b, *s);
	return buf_failed(&b) ? NULL : buf_detach(&b);
}

/*
 * Record one channel's outcome in its own transaction: deliveries row,
 * outbox rows, channel counters.  is_test: a test-send (no outbox rows).
 * Returns the deliveries id (0 on a database error).
 */
int64_t
notify_outbox_record(struct db *db, int64_t channel_id, const char *row_ids,
    size_t nalerts, const struct notify_result *r, bool is_test,
    const char *now)
{
	PGresult	*res;
	char		 ids[24], n[24], status[24], did[24], attempts[16];
	char		*reply;
	int64_t		 delivery = 0;

	snprintf(ids, sizeof ids, "%lld", (long long)channel_id);
	snprintf(n, sizeof n, "%zu", nalerts);
	snprintf(status, sizeof status, "%ld", r->status);
	snprintf(attempts, sizeof attempts, "%d", OUTBOX_MAX_ATTEMPTS);
	reply = outbox_reply(r->reply);
	if (!db_begin(db))
		goto fail;
	res = db_exec(db, &outbox_delivery, ids, n, r->ok ? "t" : "f", status,
	    reply, r->ok ? NULL : r->error, is_test ? "t" : "f");
	if (res == NULL || PQntuples(res) != 1 ||
	    !db_int64(res, 0, 0, &delivery)) {
		if (res != NULL)
			PQclear(res);
		goto fail;
	}
	PQclear(res);
	snprintf(did, sizeof did, "%lld", (long long)delivery);
	if (row_ids != NULL && (r->ok ?
	    !db_run(db, &outbox_sent, row_ids, did, ids) :
	    !db_run(db, &outbox_retry, row_ids, ids, now, attempts)))
		goto fail;
	if (r->ok ? !db_run(db, &outbox_channel_ok, ids) :
	    !db_run(db, &outbox_channel_failed, ids, r->error))
		goto fail;
	if (!db_commit(db))
		goto fail;
	free(reply);
	return delivery;
fail:
	db_rollback(db);
	log_error("channel %lld: cannot record the delivery: %s",
	    (long long)channel_id, db_errmsg(db));
	free(reply);
	return 0;
}

static bool
outbox_claim_rows(struct db *db, const char *now, PGresult **out)
{
	if (!db_begin(db))
		return false;
	if ((*out = db_exec(db, &outbox_claim, now)) == NULL ||
	    !db_commit(db)) {
		if (*out != NULL)
			PQclear(*out);
		*out = NULL;
		db_rollback(db);
		return false;
	}
	return true;
}

/*
 * One delivery pass: claim, send every channel at once, record.  now: SQL
 * time text or NULL.  Counts go to *st.  False if the database failed
 * (what was sent before is recorded) or the templates could not be read
 * (logged here): notify_outbox_failure says which.
 */
bool
notify_outbox_deliver(struct db *db, const char *now,
    struct notify_outbox_stats *st)
{
	struct outbox_group	*groups = NULL;
	struct notify_channel	*chs = NULL;
	struct notify_msg	*msgs = NULL;
	struct notify_result	*res = NULL;
	PGresult		*claim = NULL;
	int			*rows = NULL;
	size_t			 ngroups = 0, i, j, k, nrows;
	int64_t			 cid;
	char			*cause = NULL;
	bool			 ok = true;

	memset(st, 0, sizeof *st);
	if (!tmpl_init(cfg_get()->template_dir, &cause)) {
		log_error("%s", cause);
		free(cause);
		return false;
	}
	if (!outbox_claim_rows(db, now, &claim))
		return false;
	nrows = (size_t)PQntuples(claim);
	if (nrows == 0) {
		PQclear(claim);
		return true;
	}
	groups = xcalloc(nrows, sizeof *groups);
	rows = xcalloc(nrows, sizeof *rows);
	for (i = 0; i < nrows; i++) {
		if (!db_int64(claim, (int)i, 1, &cid))
			continue;
		for (j = 0; j < ngroups && groups[j].channel_id != cid; j++)
			;
		if (j == ngroups) {
			groups[j].channel_id = cid;
			snprintf(groups[j].channel_ids,
			    sizeof groups[j].channel_ids, "%lld",
			    (long long)cid);
			buf_init(&groups[j].row_ids, 0);
			ngroups++;
		}
		buf_adds(&groups[j].row_ids, groups[j].nrows == 0 ? "{" : ",");
		buf_adds(&groups[j].row_ids, db_text(claim, (int)i, 0));
		groups[j].nrows++;
	}
	chs = xcalloc(ngroups, sizeof *chs);
	msgs = xcalloc(ngroups, sizeof *msgs);
	res = xcalloc(ngroups, sizeof *res);
	for (j = 0; j < ngroups && ok; j++) {
		buf_addc(&groups[j].row_ids, '}');
		for (i = 0, k = 0; i < nrows; i++)
			if (db_int64(claim, (int)i, 1, &cid) &&
			    cid == groups[j].channel_id)
				rows[k++] = (int)i;
		groups[j].usable = outbox_load_channel(db, groups[j].channel_id,
		    &chs[j]);
		if (!outbox_load_alerts(db, &groups[j], claim, rows, k))
			ok = false;
		msgs[j].items = groups[j].items;
		msgs[j].n = groups[j].nitems;
	}
	if (!ok)
		goto out;	/* the leases expire; the next run retries */

	/* Send every usable channel at once, then record each outcome. */
	{
		struct notify_channel	*sc = xcalloc(ngroups, sizeof *sc);
		struct notify_msg	*sm = xcalloc(ngroups, sizeof *sm);
		struct notify_result	*sr = xcalloc(ngroups, sizeof *sr);
		size_t			*map = xcalloc(ngroups, sizeof *map);
		size_t			 n = 0;

		for (j = 0; j < ngroups; j++)
			if (groups[j].usable && groups[j].nitems > 0) {
				sc[n] = chs[j];
				sm[n] = msgs[j];
				map[n++] = j;
			}
		notify_send(sc, sm, sr, n);
		for (i = 0; i < n; i++)
			res[map[i]] = sr[i];
		free(sc);
		free(sm);
		free(sr);
		free(map);
	}
	for (j = 0; j < ngroups; j++) {
		struct outbox_group *g = &groups[j];

		if (!g->usable || g->nitems == 0) {
			res[j].ok = false;
			if (res[j].error == NULL)
				res[j].error = xstrdup(g->usable ?
				    "its alerts are gone" :
				    "the channel is not usable");
		}
		if (notify_outbox_record(db, g->channel_id,
		    buf_cstr(&g->row_ids), g->nitems, &res[j], false,
		    now) == 0)
			ok = false;
		st->channels++;
		if (res[j].ok) {
			st->sent += (long)g->nitems;
			log_info("channel %s: delivered %zu alerts (%ld)",
			    g->channel_ids, g->nitems, res[j].status);
		} else {
			st->failed++;
			log_warn("channel %s: delivery failed: %s",
			    g->channel_ids, res[j].error);
		}
	}
out:
	for (j = 0; j < ngroups; j++) {
		outbox_group_free(&groups[j]);
		notify_channel_free(&chs[j]);
		notify_result_free(&res[j]);
	}
	free(groups);
	free(rows);
	free(chs);
	free(msgs);
	free(res);
	PQclear(claim);
	return ok;
}

/*
 * Why notify_outbox_deliver failed, for its caller's log line: the
 * database's error, or, when the database was fine (the templates could
 * not be read), a pointer to the error it logged itself.
 */
const char *
notify_outbox_failure(const struct db *db)
{
	return db_error(db) != DB_OK ? db_errmsg(db) :
	    "failed (the cause is logged above)";
}
