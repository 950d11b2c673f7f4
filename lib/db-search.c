/*
 * Saved searches in PostgreSQL (see search.h).  Every statement names the
 * user: a search of another user is "not found", exactly like one that
 * does not exist.  Lists (conditions, excluded words) travel as JSON
 * arrays through json-c, never as hand-built array literals.
 */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "buf.h"
#include "db.h"
#include "jsonv.h"
#include "log.h"
#include "money.h"
#include "search.h"
#include "valid.h"
#include "xmalloc.h"

DB_STMT(db_search_list_q, 3,
    "SELECT " SEARCH_COLS ","
    " (SELECT count(*) FROM search_hits h WHERE h.search_id = s.id),"
    " (SELECT count(*) FROM search_hits h WHERE h.search_id = s.id"
    "   AND h.first_seen_at > now() - interval '24 hours')"
    " FROM saved_searches s WHERE s.user_id = $1"
    " ORDER BY lower(s.name), s.id LIMIT $2::bigint OFFSET $3::bigint");
DB_STMT(db_search_count_q, 1,
    "SELECT count(*) FROM saved_searches WHERE user_id = $1");
DB_STMT(db_search_get_q, 2,
    "SELECT " SEARCH_COLS ","
    " (SELECT json_agg(json_build_object('id', r.id, 'kind', r.kind,"
    "   'max_total', r.max_total::text, 'range_min', r.range_min::text,"
    "   'range_max', r.range_max::text, 'direction', r.direction,"
    "   'hysteresis', r.hysteresis_pct::text, 'window', r.window_minutes,"
    "   'max_bids', r.max_bids, 'currency', r.currency,"
    "   'enabled', r.enabled) ORDER BY r.id)"
    "   FROM alert_rules r WHERE r.search_id = s.id)::text,"
    " (SELECT json_agg(sc.channel_id ORDER BY sc.channel_id)"
    "   FROM search_channels sc JOIN channels c ON c.id = sc.channel_id"
    "   WHERE sc.search_id = s.id AND c.user_id = s.user_id)::text,"
    " extract(epoch FROM s.next_run_at - now())::bigint,"
    " extract(epoch FROM now() - s.last_run_at)::bigint"
    " FROM saved_searches s WHERE s.id = $1 AND s.user_id = $2");
DB_STMT(db_search_insert_q, 18,
    "INSERT INTO saved_searches (user_id, name, q, category_id, min_price,"
    " max_price, currency, conditions, formats, exclude_words,"
    " exclude_sellers, located_in, free_shipping, marketplace, sort,"
    " interval_minutes, enabled, notify_existing)"
    " VALUES ($1, $2, $3, $4, $5::numeric, $6::numeric, $7,"
    " ARRAY(SELECT json_array_elements_text($8::json)),"
    " ARRAY(SELECT json_array_elements_text($9::json)),"
    " ARRAY(SELECT json_array_elements_text($10::json)),"
    " ARRAY(SELECT json_array_elements_text($11::json)),"
    " $12, $13::boolean, $14, $15, $16::integer, $17::boolean,"
    " $18::boolean) RETURNING id");
/*
 * An edit that changes what is searched for starts the search afresh: the
 * cursor is dropped and the first run records silently again (unless
 * notify_existing), so a new query does not flood alerts.
 */
#define SEARCH_SAME \
	"(q, category_id, min_price, max_price, currency, conditions," \
	" formats, located_in, free_shipping, marketplace) IS NOT DISTINCT" \
	" FROM ($3, $4, $5::numeric, $6::numeric, $7," \
	" ARRAY(SELECT json_array_elements_text($8::json))," \
	" ARRAY(SELECT json_array_elements_text($9::json)), $12," \
	" $13::boolean, $14)"
DB_STMT(db_search_update_q, 19,
    "UPDATE saved_searches SET"
    " first_run_done = first_run_done AND " SEARCH_SAME ","
    " cursor_start = CASE WHEN " SEARCH_SAME " THEN cursor_start END,"
    " next_run_at = CASE WHEN " SEARCH_SAME " THEN next_run_at"
    "   ELSE now() END,"
    " name = $2, q = $3, category_id = $4, min_price = $5::numeric,"
    " max_price = $6::numeric, currency = $7,"
    " conditions = ARRAY(SELECT json_array_elements_text($8::json)),"
    " formats = ARRAY(SELECT json_array_elements_text($9::json)),"
    " exclude_words = ARRAY(SELECT json_array_elements_text($10::json)),"
    " exclude_sellers = ARRAY(SELECT json_array_elements_text($11::json)),"
    " located_in = $12, free_shipping = $13::boolean, marketplace = $14,"
    " sort = $15, interval_minutes = $16::integer, enabled = $17::boolean,"
    " notify_existing = $18::boolean,"
    " status = CASE WHEN NOT $17::boolean THEN 'disabled'"
    "   WHEN status = 'disabled' THEN 'new' ELSE status END,"
    " updated_at = now()"
    " WHERE id = $19 AND user_id = $1 RETURNING id");
DB_STMT(db_search_rules_del_q, 1,
    "DELETE FROM alert_rules WHERE search_id = $1");
DB_STMT(db_search_rule_ins_q, 11,
    "INSERT INTO alert_rules (search_id, kind, max_total, range_min,"
    " range_max, direction, hysteresis_pct, window_minutes, max_bids,"
    " currency, enabled) VALUES ($1, $2, $3::numeric, $4::numeric,"
    " $5::numeric, $6, $7::numeric, $8::integer, $9::integer, $10,"
    " $11::boolean)");
DB_STMT(db_search_channels_del_q, 1,
    "DELETE FROM search_channels WHERE search_id = $1");
DB_STMT(db_search_channels_ins_q, 3,
    "INSERT INTO search_channels (search_id, channel_id)"
    " SELECT $1, c.id FROM channels c"
    " WHERE c.user_id = $2 AND c.id = ANY($3::bigint[])");
DB_STMT(db_search_delete_q, 2,
    "DELETE FROM saved_searches WHERE id = $1 AND user_id = $2"
    " RETURNING id");
DB_STMT(db_search_run_soon_q, 2,
    "UPDATE saved_searches SET next_run_at = now()"
    " WHERE id = $1 AND user_id = $2 RETURNING id");

/* A JSON array of strings into a new vector (caller frees each and it). */
static void
db_search_json_words(const char *text, char ***out, size_t *n)
{
	struct json_object	*a, *e;
	size_t			 i, len;

	*out = NULL;
	*n = 0;
	if (text == NULL || (a = json_tokener_parse(text)) == NULL)
		return;
	if (json_object_is_type(a, json_type_array)) {
		len = json_object_array_length(a);
		for (i = 0; i < len; i++) {
			e = json_object_array_get_idx(a, i);
			if (!json_object_is_type(e, json_type_string))
				continue;
			*out = xreallocarray(*out, *n + 1, sizeof **out);
			(*out)[(*n)++] = xstrdup(json_object_get_string(e));
		}
	}
	json_object_put(a);
}

/* Enum names in a JSON array into bits. */
static unsigned
db_search_json_bits(const char *text, const char *const *names, size_t n)
{
	char		**w;
	size_t		 nw, i, k;
	unsigned	 bits = 0;

	db_search_json_words(text, &w, &nw);
	for (i = 0; i < nw; i++) {
		for (k = 0; k < n; k++)
			if (strcmp(w[i], names[k]) == 0)
				bits |= 1u << k;
		free(w[i]);
	}
	free(w);
	return bits;
}

static char *
db_search_dup(const PGresult *res, int row, int col)
{
	return db_isnull(res, row, col) ? NULL :
	    xstrdup(db_text(res, row, col));
}

static void
db_search_money(const PGresult *res, int row, int col, bool *has,
    int64_t *out)
{
	*has = !db_isnull(res, row, col) &&
	    money_parse_cents(db_text(res, row, col), out);
}

static void
db_search_code(const PGresult *res, int row, int col, char *out, size_t n)
{
	snprintf(out, n, "%s", db_isnull(res, row, col) ? "" :
	    db_text(res, row, col));
}

static int
db_search_enum(const char *s, const char *const *names, int n, int dflt)
{
	int	 i;

	for (i = 0; s != NULL && i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return dflt;
}

/* Read one row of SEARCH_COLS into ss (initialised). */
void
db_search_row(const PGresult *res, int row, struct saved_search *ss)
{
	struct search_spec	*s = &ss->spec;
	int			 v;

	(void)db_int64(res, row, 0, &ss->id);
	(void)db_int64(res, row, 1, &ss->user_id);
	ss->name = db_search_dup(res, row, 2);
	s->q = db_search_dup(res, row, 3);
	s->category = db_search_dup(res, row, 4);
	db_search_money(res, row, 5, &s->has_min_price, &s->min_price);
	db_search_money(res, row, 6, &s->has_max_price, &s->max_price);
	db_search_code(res, row, 7, s->currency, sizeof s->currency);
	s->conditions = db_search_json_bits(db_text(res, row, 8),
	    search_condition_names, SEARCH_COND__MAX);
	s->formats = db_search_json_bits(db_text(res, row, 9),
	    search_format_names, SEARCH_FORMAT__MAX);
	db_search_json_words(db_text(res, row, 10), &s->exclude,
	    &s->nexclude);
	db_search_json_words(db_text(res, row, 11), &s->seller_exclude,
	    &s->nseller_exclude);
	db_search_code(res, row, 12, s->located_in, sizeof s->located_in);
	(void)db_bool(res, row, 13, &s->free_shipping);
	db_search_code(res, row, 14, s->marketplace, sizeof s->marketplace);
	s->sort = (enum search_sort)db_search_enum(db_text(res, row, 15),
	    search_sort_names, SEARCH_SORT__MAX, SEARCH_SORT_NEWLY_LISTED);
	(void)db_int(res, row, 16, &ss->interval_minutes);
	if (!db_int(res, row, 17, &v))
		v = 0;
	ss->effective_interval_minutes = v;
	(void)db_bool(res, row, 18, &ss->enabled);
	(void)db_bool(res, row, 19, &ss->notify_existing);
	db_search_code(res, row, 20, ss->status, sizeof ss->status);
	ss->last_error = db_search_dup(res, row, 21);
	ss->next_run_at = db_search_dup(res, row, 22);
	ss->last_run_at = db_search_dup(res, row, 23);
	ss->last_success_at = db_search_dup(res, row, 24);
	ss->created_at = db_search_dup(res, row, 25);
	(void)db_bool(res, row, 26, &ss->first_run_done);
}

/* One row of db_search_list_q. */
static bool
db_search_list_row(const PGresult *res, int row, void *elem)
{
	struct saved_search	*ss = elem;
	int64_t			 v;

	saved_search_init(ss, NULL);
	db_search_row(res, row, ss);
	ss->finds = db_int64(res, row, SEARCH_NCOLS, &v) ? v : 0;
	ss->finds_new = db_int64(res, row, SEARCH_NCOLS + 1, &v) ? v : 0;
	return true;
}

static const struct db_page db_search_list_page = {
	&db_search_list_q, &db_search_count_q, sizeof(struct saved_search),
	db_search_list_row
};

/*
 * A page of the user's saved searches, by name, with their find counts:
 * limit (-1: all) from offset, into *out (free with db_search_list_free)
 * and *n; with total, how many the user has.  1 (even when there are
 * none) or -1.
 */
int
db_search_page(struct db *db, int64_t user_id, int limit, int offset,
    struct saved_search **out, size_t *n, int64_t *total)
{
	void	*v;
	int	 rc;

	rc = db_page(db, &db_search_list_page, user_id, limit, offset, &v, n,
	    total);
	*out = v;
	return rc;
}

/* All of the user's saved searches (see db_search_page). */
int
db_search_list(struct db *db, int64_t user_id, struct saved_search **out,
    size_t *n)
{
	return db_search_page(db, user_id, -1, 0, out, n, NULL);
}

void
db_search_list_free(struct saved_search *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		saved_search_free(&v[i]);
	free(v);
}

/* Members of the JSON the load statement aggregates (see lib/jsonv.h). */
static const char *
db_search_jstr(struct json_object *o, const char *key)
{
	const char	*s;

	return jsonv_str(o, key, &s) ? s : NULL;
}

static bool
db_search_jint(struct json_object *o, const char *key, int *out)
{
	return jsonv_int(o, key, INT_MIN, INT_MAX, out);
}

static void
db_search_jmoney(struct json_object *o, const char *key, bool *has,
    int64_t *out)
{
	const char	*s;

	*has = (s = db_search_jstr(o, key)) != NULL && money_parse_cents(s, out);
}

/* The rules of a search from their JSON array (db_search_get_q). */
static void
db_search_rules_json(struct saved_search *ss, const char *text)
{
	struct json_object	*a, *o, *v;
	struct alert_rule	*r;
	size_t			 i, n;
	const char		*c;
	bool			 has;
	int64_t			 h;
	int			 k;

	free(ss->rules);
	ss->rules = NULL;
	ss->nrules = 0;
	if (text == NULL || (a = json_tokener_parse(text)) == NULL)
		return;
	if (!json_object_is_type(a, json_type_array)) {
		json_object_put(a);
		return;
	}
	n = json_object_array_length(a);
	ss->rules = xcalloc(n > 0 ? n : 1, sizeof *ss->rules);
	for (i = 0; i < n; i++) {
		o = json_object_array_get_idx(a, i);
		r = &ss->rules[ss->nrules++];
		alert_rule_init(r, (enum alert_kind)db_search_enum(
		    db_search_jstr(o, "kind"), alert_kind_names, ALERT__MAX,
		    ALERT_NEW_MATCH));
		if (json_object_object_get_ex(o, "id", &v))
			r->id = json_object_get_int64(v);
		db_search_jmoney(o, "max_total", &r->has_max_total,
		    &r->max_total);
		db_search_jmoney(o, "range_min", &r->has_range_min,
		    &r->range_min);
		db_search_jmoney(o, "range_max", &r->has_range_max,
		    &r->range_max);
		r->direction = (enum alert_direction)db_search_enum(
		    db_search_jstr(o, "direction"), alert_direction_names,
		    ALERT_DIR__MAX, ALERT_DIR_DOWN);
		db_search_jmoney(o, "hysteresis", &has, &h);
		if (has)
			r->hysteresis = h;
		r->window_minutes = db_search_jint(o, "window", &k) ? k : 0;
		r->max_bids = db_search_jint(o, "max_bids", &k) ? k : -1;
		c = db_search_jstr(o, "currency");
		snprintf(r->currency, sizeof r->currency, "%s",
		    c != NULL ? c : "");
		r->enabled = !json_object_object_get_ex(o, "enabled", &v) ||
		    json_object_get_boolean(v);
	}
	json_object_put(a);
}

/* The channel ids of a search from their JSON array. */
static void
db_search_channels_json(struct saved_search *ss, const char *text)
{
	struct json_object	*a, *v;
	size_t			 i, n;

	free(ss->channels);
	ss->channels = NULL;
	ss->nchannels = 0;
	if (text == NULL || (a = json_tokener_parse(text)) == NULL)
		return;
	if (json_object_is_type(a, json_type_array)) {
		n = json_object_array_length(a);
		ss->channels = xcalloc(n > 0 ? n : 1, sizeof *ss->channels);
		for (i = 0; i < n; i++) {
			v = json_object_array_get_idx(a, i);
			if (json_object_is_type(v, json_type_int))
				ss->channels[ss->nchannels++] =
				    json_object_get_int64(v);
		}
	}
	json_object_put(a);
}

/*
 * Load search id of user_id with its rules and channels into ss (which
 * this initialises; free with saved_search_free even on 0 or -1), in one
 * statement.
 * 1 found, 0 not found (or another user's), -1 database error.
 */
int
db_search_get(struct db *db, int64_t user_id, int64_t id,
    struct saved_search *ss)
{
	PGresult	*res;
	char		 uid[24], sid[24];
	int64_t		 v;

	saved_search_init(ss, NULL);
	snprintf(uid, sizeof uid, "%lld", (long long)user_id);
	snprintf(sid, sizeof sid, "%lld", (long long)id);
	if ((res = db_exec(db, &db_search_get_q, sid, uid)) == NULL)
		return -1;
	if (PQntuples(res) != 1) {
		PQclear(res);
		return 0;
	}
	db_search_row(res, 0, ss);
	db_search_rules_json(ss, db_isnull(res, 0, SEARCH_NCOLS) ? NULL :
	    db_text(res, 0, SEARCH_NCOLS));
	db_search_channels_json(ss, db_isnull(res, 0, SEARCH_NCOLS + 1) ?
	    NULL : db_text(res, 0, SEARCH_NCOLS + 1));
	if (!db_int64(res, 0, SEARCH_NCOLS + 2, &v))
		v = 0;
	ss->next_run_in = v;
	if (!db_int64(res, 0, SEARCH_NCOLS + 3, &v))
		v = -1;
	ss->last_run_age = v;
	PQclear(res);
	return 1;
}

/* The 19 parameters of insert/update, as text, in buffers owned by p. */
struct db_search_params {
	const char	*v[19];
	char		 uid[24], id[24], interval[16];
	char		 min[MONEY_STR_MAX], max[MONEY_STR_MAX];
	char		*json[4];
};

static char *
db_search_words_json(char **w, size_t n)
{
	struct json_object	*a;
	char			*s;
	size_t			 i;

	a = json_object_new_array();
	for (i = 0; i < n; i++)
		json_object_array_add(a, json_object_new_string(w[i]));
	s = xstrdup(json_object_to_json_string_ext(a, JSON_C_TO_STRING_PLAIN));
	json_object_put(a);
	return s;
}

static char *
db_search_bits_json(unsigned bits, const char *const *names, size_t n)
{
	char		*w[16];
	size_t		 i, k = 0;

	for (i = 0; i < n && k < 16; i++)
		if (bits & (1u << i))
			w[k++] = (char *)names[i];
	return db_search_words_json(w, k);
}

static void
db_search_params(struct db_search_params *p, int64_t user_id,
    const struct saved_search *ss)
{
	const struct search_spec	*s = &ss->spec;

	memset(p, 0, sizeof *p);
	snprintf(p->uid, sizeof p->uid, "%lld", (long long)user_id);
	snprintf(p->id, sizeof p->id, "%lld", (long long)ss->id);
	snprintf(p->interval, sizeof p->interval, "%d", ss->interval_minutes);
	p->json[0] = db_search_bits_json(s->conditions,
	    search_condition_names, SEARCH_COND__MAX);
	p->json[1] = db_search_bits_json(s->formats, search_format_names,
	    SEARCH_FORMAT__MAX);
	p->json[2] = db_search_words_json(s->exclude, s->nexclude);
	p->json[3] = db_search_words_json(s->seller_exclude,
	    s->nseller_exclude);
	if (s->has_min_price)
		search_cents_str(s->min_price, p->min);
	if (s->has_max_price)
		search_cents_str(s->max_price, p->max);
	p->v[0] = p->uid;
	p->v[1] = ss->name;
	p->v[2] = s->q;
	p->v[3] = s->category;
	p->v[4] = s->has_min_price ? p->min : NULL;
	p->v[5] = s->has_max_price ? p->max : NULL;
	p->v[6] = s->currency[0] != '\0' ? s->currency : NULL;
	p->v[7] = p->json[0];
	p->v[8] = p->json[1];
	p->v[9] = p->json[2];
	p->v[10] = p->json[3];
	p->v[11] = s->located_in[0] != '\0' ? s->located_in : NULL;
	p->v[12] = s->free_shipping ? "true" : "false";
	p->v[13] = s->marketplace;
	p->v[14] = search_sort_names[s->sort];
	p->v[15] = p->interval;
	p->v[16] = ss->enabled ? "true" : "false";
	p->v[17] = ss->notify_existing ? "true" : "false";
	p->v[18] = p->id;
}

static void
db_search_params_free(struct db_search_params *p)
{
	size_t	 i;

	for (i = 0; i < 4; i++)
		free(p->json[i]);
}

/* Replace the rules and channel links of search sid (in a transaction). */
static bool
db_search_children(struct db *db, const struct saved_search *ss,
    const char *sid, const char *uid)
{
	const struct alert_rule	*r;
	char			 mt[MONEY_STR_MAX], rmin[MONEY_STR_MAX];
	char			 rmax[MONEY_STR_MAX], hy[MONEY_STR_MAX];
	char			 win[16], bids[16];
	struct buf		 ids;
	size_t			 i;
	bool			 ok;

	if (!db_run(db, &db_search_rules_del_q, sid) ||
	    !db_run(db, &db_search_channels_del_q, sid))
		return false;
	for (i = 0; i < ss->nrules; i++) {
		r = &ss->rules[i];
		search_cents_str(r->max_total, mt);
		search_cents_str(r->range_min, rmin);
		search_cents_str(r->range_max, rmax);
		search_cents_str(r->hysteresis, hy);
		snprintf(win, sizeof win, "%d", r->window_minutes);
		snprintf(bids, sizeof bids, "%d", r->max_bids);
		if (!db_run(db, &db_search_rule_ins_q, sid,
		    alert_kind_names[r->kind], r->has_max_total ? mt : NULL,
		    r->has_range_min ? rmin : NULL,
		    r->has_range_max ? rmax : NULL,
		    alert_direction_names[r->direction], hy,
		    r->window_minutes > 0 ? win : NULL,
		    r->max_bids >= 0 ? bids : NULL,
		    r->currency[0] != '\0' ? r->currency : NULL,
		    r->enabled ? "true" : "false"))
			return false;
	}
	if (ss->nchannels == 0)
		return true;
	buf_init(&ids, 0);
	buf_addc(&ids, '{');
	for (i = 0; i < ss->nchannels; i++)
		buf_addf(&ids, "%s%lld", i > 0 ? "," : "",
		    (long long)ss->channels[i]);
	buf_addc(&ids, '}');
	ok = db_run(db, &db_search_channels_ins_q, sid, uid, buf_cstr(&ids));
	buf_free(&ids);
	return ok;
}

/*
 * Store a new search of user_id with its rules and channels (channels not
 * the user's are skipped) in one transaction (the caller's, if one is
 * open, which it then ends itself); sets ss->id and
 * ss->user_id.  1 done, -1 database error (DB_ERR_CHECK: a value the
 * schema refuses).
 */
int
db_search_insert(struct db *db, int64_t user_id, struct saved_search *ss)
{
	struct db_search_params	 p;
	PGresult		*res;
	char			 sid[24];
	int64_t			 id;
	bool			 own;

	/* Inside a caller's transaction (import), join it: the caller
	   commits or rolls back. */
	own = db_conn(db) == NULL ||
	    PQtransactionStatus(db_conn(db)) == PQTRANS_IDLE;
	db_search_params(&p, user_id, ss);
	if (own && !db_begin(db)) {
		db_search_params_free(&p);
		return -1;
	}
	res = db_execv(db, &db_search_insert_q, p.v);
	db_search_params_free(&p);
	if (res == NULL || PQntuples(res) != 1 || !db_int64(res, 0, 0, &id))
		goto fail;
	PQclear(res);
	res = NULL;
	snprintf(sid, sizeof sid, "%lld", (long long)id);
	if (!db_search_children(db, ss, sid, p.uid) ||
	    (own && !db_commit(db)))
		goto fail;
	ss->id = id;
	ss->user_id = user_id;
	return 1;
fail:
	if (res != NULL)
		PQclear(res);
	if (own)
		db_rollback(db);
	return -1;
}

/*
 * Replace search ss->id of user_id (name, spec, interval, flags, rules,
 * channels) in one transaction.  1 done, 0 not found (or another user's),
 * -1 database error.
 */
int
db_search_update(struct db *db, int64_t user_id, const struct saved_search *ss)
{
	struct db_search_params	 p;
	PGresult		*res;
	int			 rc = -1;

	db_search_params(&p, user_id, ss);
	if (!db_begin(db)) {
		db_search_params_free(&p);
		return -1;
	}
	res = db_execv(db, &db_search_update_q, p.v);
	if (res == NULL)
		goto done;
	if (PQntuples(res) != 1) {
		rc = 0;
		goto done;
	}
	if (db_search_children(db, ss, p.id, p.uid) && db_commit(db))
		rc = 1;
done:
	if (res != NULL)
		PQclear(res);
	if (rc != 1)
		db_rollback(db);
	db_search_params_free(&p);
	return rc;
}

static int
db_search_one(struct db *db, const struct db_stmt *stmt, int64_t user_id,
    int64_t id)
{
	PGresult	*res;
	char		 uid[24], sid[24];
	int		 rc;

	snprintf(uid, sizeof uid, "%lld", (long long)user_id);
	snprintf(sid, sizeof sid, "%lld", (long long)id);
	if ((res = db_exec(db, stmt, sid, uid)) == NULL)
		return -1;
	rc = PQntuples(res) == 1 ? 1 : 0;
	PQclear(res);
	return rc;
}

/* Delete search id of user_id (its finds' links, rules, runs go with it). */
int
db_search_delete(struct db *db, int64_t user_id, int64_t id)
{
	return db_search_one(db, &db_search_delete_q, user_id, id);
}

/* Make search id of user_id due now: the next worker pass scans it. */
int
db_search_run_soon(struct db *db, int64_t user_id, int64_t id)
{
	return db_search_one(db, &db_search_run_soon_q, user_id, id);
}
