/*
 * Saved searches and channels as JSON; export and import (see transfer.h).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "buf.h"
#include "cfg.h"
#include "db.h"
#include "form.h"
#include "jparse.h"
#include "log.h"
#include "money.h"
#include "search.h"
#include "transfer.h"
#include "valid.h"
#include "xmalloc.h"

/* --- field names ------------------------------------------------------ */

/* Save-form fields whose JSON path differs from their name. */
static const struct {
	const char	*form;
	const char	*path;
} transfer_paths[] = {
	{ "channel", "channels" },
	{ "alert_new", "alerts.new_match" },
	{ "alert_new_max_total", "alerts.new_match.max_total" },
	{ "alert_price", "alerts.price_range" },
	{ "alert_price_min", "alerts.price_range.min" },
	{ "alert_price_max", "alerts.price_range.max" },
	{ "alert_price_direction", "alerts.price_range.direction" },
	{ "alert_price_hysteresis", "alerts.price_range.hysteresis" },
	{ "alert_ending", "alerts.auction_ending" },
	{ "alert_ending_window", "alerts.auction_ending.window_minutes" },
	{ "alert_ending_max_bids", "alerts.auction_ending.max_bids" },
	{ "alert_ending_max_total", "alerts.auction_ending.max_total" },
};

const char *
transfer_field_path(const char *form_key)
{
	size_t	 i;

	for (i = 0; i < sizeof transfer_paths / sizeof transfer_paths[0]; i++)
		if (strcmp(form_key, transfer_paths[i].form) == 0)
			return transfer_paths[i].path;
	return form_key;
}

/* --- JSON to the save form --------------------------------------------- */

enum transfer_type {
	TT_TEXT,	/* a string */
	TT_MONEY,	/* a decimal string or a JSON number, kept as written */
	TT_INT,		/* a whole JSON number */
	TT_BOOL,	/* true or false */
	TT_WORDS,	/* an array of strings, one form value each */
	TT_IGNORE,	/* read-only: shown by the API, ignored when read */
};

struct transfer_key {
	const char		*json;
	const char		*form;
	enum transfer_type	 type;
};

static const struct transfer_key transfer_search_keys[] = {
	{ "name", "name", TT_TEXT },
	{ "q", "q", TT_TEXT },
	{ "category", "category", TT_TEXT },
	{ "min_price", "min_price", TT_MONEY },
	{ "max_price", "max_price", TT_MONEY },
	{ "currency", "currency", TT_TEXT },
	{ "condition", "condition", TT_WORDS },
	{ "format", "format", TT_WORDS },
	{ "exclude", "exclude", TT_WORDS },
	{ "seller_exclude", "seller_exclude", TT_WORDS },
	{ "located_in", "located_in", TT_TEXT },
	{ "free_shipping", "free_shipping", TT_BOOL },
	{ "marketplace", "marketplace", TT_TEXT },
	{ "sort", "sort", TT_TEXT },
	{ "interval", "interval", TT_INT },
	{ "enabled", "enabled", TT_BOOL },
	{ "notify_existing", "notify_existing", TT_BOOL },
	{ "id", NULL, TT_IGNORE },
	{ "effective_interval", NULL, TT_IGNORE },
	{ "status", NULL, TT_IGNORE },
	{ "last_error", NULL, TT_IGNORE },
	{ "next_run_at", NULL, TT_IGNORE },
	{ "last_run_at", NULL, TT_IGNORE },
	{ "last_success_at", NULL, TT_IGNORE },
	{ "created_at", NULL, TT_IGNORE },
	{ "finds", NULL, TT_IGNORE },
	{ "finds_new", NULL, TT_IGNORE },
	{ "links", NULL, TT_IGNORE },
	{ NULL, NULL, TT_IGNORE }
};

static const struct transfer_key transfer_new_keys[] = {
	{ "max_total", "alert_new_max_total", TT_MONEY },
	{ NULL, NULL, TT_IGNORE }
};
static const struct transfer_key transfer_price_keys[] = {
	{ "min", "alert_price_min", TT_MONEY },
	{ "max", "alert_price_max", TT_MONEY },
	{ "direction", "alert_price_direction", TT_TEXT },
	{ "hysteresis", "alert_price_hysteresis", TT_MONEY },
	{ NULL, NULL, TT_IGNORE }
};
static const struct transfer_key transfer_ending_keys[] = {
	{ "window_minutes", "alert_ending_window", TT_INT },
	{ "max_bids", "alert_ending_max_bids", TT_INT },
	{ "max_total", "alert_ending_max_total", TT_MONEY },
	{ NULL, NULL, TT_IGNORE }
};

/* The alert kinds, in alert_kind order: JSON name, form switch, keys. */
static const struct {
	const char			*json;
	const char			*form;
	const struct transfer_key	*keys;
} transfer_alerts[ALERT__MAX] = {
	{ "new_match", "alert_new", transfer_new_keys },
	{ "price_range", "alert_price", transfer_price_keys },
	{ "auction_ending", "alert_ending", transfer_ending_keys },
};

/* A string without NUL bytes (json-c allows \u0000 inside strings). */
static const char *
transfer_str(struct json_object *v)
{
	const char	*s = json_object_get_string(v);

	if (s == NULL || (json_object_is_type(v, json_type_string) &&
	    (size_t)json_object_get_string_len(v) != strlen(s)))
		return NULL;
	return s;
}

/*
 * One value into the form under k->form; a wrong type is an error at
 * path.  null is the same as absent.
 */
static void
transfer_value(struct json_object *v, const struct transfer_key *k,
    const char *path, struct form *f, struct valid_errs *errs)
{
	const char	*s;
	size_t		 i, n;

	if (v == NULL || k->type == TT_IGNORE)
		return;
	switch (k->type) {
	case TT_TEXT:
		if (!json_object_is_type(v, json_type_string) ||
		    (s = transfer_str(v)) == NULL) {
			valid_errs_addf(errs, path, "must be a string");
			return;
		}
		form_add(f, k->form, s);
		break;
	case TT_MONEY:
		if (json_object_is_type(v, json_type_string) ||
		    json_object_is_type(v, json_type_int) ||
		    json_object_is_type(v, json_type_double)) {
			if ((s = transfer_str(v)) == NULL || *s == '\0') {
				valid_errs_addf(errs, path, "must be an "
				    "amount such as \"12.50\"");
				return;
			}
			form_add(f, k->form, s);
		} else
			valid_errs_addf(errs, path, "must be an amount such "
			    "as \"12.50\" (a string or a number)");
		break;
	case TT_INT:
		if (!json_object_is_type(v, json_type_int)) {
			valid_errs_addf(errs, path, "must be a whole number");
			return;
		}
		form_add(f, k->form, json_object_get_string(v));
		break;
	case TT_BOOL:
		if (!json_object_is_type(v, json_type_boolean)) {
			valid_errs_addf(errs, path, "must be true or false");
			return;
		}
		form_add(f, k->form, json_object_get_boolean(v) ?
		    "1" : "0");
		break;
	case TT_WORDS:
		if (!json_object_is_type(v, json_type_array)) {
			valid_errs_addf(errs, path, "must be an array of "
			    "strings");
			return;
		}
		n = json_object_array_length(v);
		for (i = 0; i < n; i++) {
			struct json_object *e = json_object_array_get_idx(v, i);

			if (e == NULL || !json_object_is_type(e,
			    json_type_string) || (s = transfer_str(e)) == NULL) {
				valid_errs_addf(errs, path, "must be an array "
				    "of strings");
				return;
			}
			form_add(f, k->form, s);
		}
		break;
	case TT_IGNORE:
		break;
	}
}

/* Every member of obj by the table keys; unknown members are errors. */
static void
transfer_members(struct json_object *obj, const struct transfer_key *keys,
    const char *prefix, struct form *f, struct valid_errs *errs)
{
	struct json_object_iterator	 it, end;
	const struct transfer_key	*k;
	const char			*name;
	char				 path[128];

	it = json_object_iter_begin(obj);
	end = json_object_iter_end(obj);
	for (; !json_object_iter_equal(&it, &end);
	    json_object_iter_next(&it)) {
		name = json_object_iter_peek_name(&it);
		snprintf(path, sizeof path, "%s%s", prefix, name);
		for (k = keys; k->json != NULL; k++)
			if (strcmp(k->json, name) == 0)
				break;
		if (k->json == NULL) {
			valid_errs_addf(errs, strlen(name) < 64 ? path :
			    prefix[0] != '\0' ? prefix : "body",
			    "is not a field of this object");
			continue;
		}
		transfer_value(json_object_iter_peek_value(&it), k, path, f,
		    errs);
	}
}

static void
transfer_alerts_form(struct json_object *alerts, struct form *f,
    struct valid_errs *errs)
{
	struct json_object_iterator	 it, end;
	struct json_object		*v;
	const char			*name;
	char				 prefix[64];
	size_t				 i;

	if (alerts == NULL)
		return;
	if (!json_object_is_type(alerts, json_type_object)) {
		valid_errs_addf(errs, "alerts", "must be an object");
		return;
	}
	it = json_object_iter_begin(alerts);
	end = json_object_iter_end(alerts);
	for (; !json_object_iter_equal(&it, &end);
	    json_object_iter_next(&it)) {
		name = json_object_iter_peek_name(&it);
		v = json_object_iter_peek_value(&it);
		for (i = 0; i < ALERT__MAX; i++)
			if (strcmp(name, transfer_alerts[i].json) == 0)
				break;
		if (i == ALERT__MAX) {
			valid_errs_addf(errs, "alerts", "has an unknown kind "
			    "(new_match, price_range and auction_ending are "
			    "known)");
			continue;
		}
		snprintf(prefix, sizeof prefix, "alerts.%s", name);
		if (v == NULL)
			continue;	/* null: no such alert */
		if (!json_object_is_type(v, json_type_object)) {
			valid_errs_addf(errs, prefix, "must be an object or "
			    "null");
			continue;
		}
		form_add(f, transfer_alerts[i].form, "1");
		snprintf(prefix, sizeof prefix, "alerts.%s.", name);
		transfer_members(v, transfer_alerts[i].keys, prefix, f, errs);
	}
}

static void
transfer_channels_form(struct json_object *chans, struct form *f,
    struct valid_errs *errs)
{
	struct json_object	*e;
	size_t			 i, n;

	if (chans == NULL)
		return;
	if (!json_object_is_type(chans, json_type_array)) {
		valid_errs_addf(errs, "channels", "must be an array of "
		    "channel ids");
		return;
	}
	n = json_object_array_length(chans);
	for (i = 0; i < n; i++) {
		e = json_object_array_get_idx(chans, i);
		if (e == NULL || !json_object_is_type(e, json_type_int) ||
		    json_object_get_int64(e) <= 0) {
			valid_errs_addf(errs, "channels", "must be an array "
			    "of channel ids");
			return;
		}
		form_add(f, "channel", json_object_get_string(e));
	}
}

bool
transfer_search_from_json(struct json_object *obj, struct saved_search *ss,
    struct valid_errs *errs)
{
	struct json_object	*alerts = NULL, *chans = NULL, *copy = NULL;
	struct valid_errs	 ferrs;
	struct form		 f;
	size_t			 before = errs->n, i;

	if (obj == NULL || !json_object_is_type(obj, json_type_object)) {
		valid_errs_addf(errs, "body", "must be a JSON object");
		return false;
	}
	/* alerts and channels are read apart from the flat members. */
	json_object_deep_copy(obj, &copy, NULL);
	if (json_object_object_get_ex(copy, "alerts", &alerts))
		alerts = json_object_get(alerts);
	if (json_object_object_get_ex(copy, "channels", &chans))
		chans = json_object_get(chans);
	json_object_object_del(copy, "alerts");
	json_object_object_del(copy, "channels");

	form_init(&f);
	transfer_members(copy, transfer_search_keys, "", &f, errs);
	transfer_alerts_form(alerts, &f, errs);
	transfer_channels_form(chans, &f, errs);
	json_object_put(alerts);
	json_object_put(chans);
	json_object_put(copy);
	/* The model needs a choice for each checkbox it defaults. */
	if (form_get(&f, "free_shipping") == NULL)
		form_add(&f, "free_shipping", "0");
	if (errs->n > before) {
		form_free(&f);
		return false;
	}
	valid_errs_init(&ferrs);
	saved_search_parse_form(ss, &f, &ferrs);
	for (i = 0; i < ferrs.n; i++)
		valid_errs_addf(errs, transfer_field_path(ferrs.v[i].field),
		    "%s", ferrs.v[i].message);
	valid_errs_free(&ferrs);
	form_free(&f);
	return errs->n == before;
}

/* --- a saved search to JSON --------------------------------------------- */

static struct json_object *
transfer_money(bool has, int64_t cents)
{
	char	 s[MONEY_STR_MAX];

	if (!has)
		return NULL;
	return json_object_new_string(search_cents_str(cents, s));
}

static struct json_object *
transfer_opt_str(const char *s)
{
	return s != NULL && *s != '\0' ? json_object_new_string(s) : NULL;
}

static struct json_object *
transfer_bits(unsigned bits, const char *const *names, size_t n)
{
	struct json_object	*a = json_object_new_array();
	size_t			 i;

	for (i = 0; i < n; i++)
		if (bits & (1u << i))
			json_object_array_add(a,
			    json_object_new_string(names[i]));
	return a;
}

static struct json_object *
transfer_words(char **w, size_t n)
{
	struct json_object	*a = json_object_new_array();
	size_t			 i;

	for (i = 0; i < n; i++)
		json_object_array_add(a, json_object_new_string(w[i]));
	return a;
}

static struct json_object *
transfer_rule_json(const struct alert_rule *r)
{
	struct json_object	*o = json_object_new_object();
	char			 hy[MONEY_STR_MAX];

	switch (r->kind) {
	case ALERT_NEW_MATCH:
		json_object_object_add(o, "max_total",
		    transfer_money(r->has_max_total, r->max_total));
		break;
	case ALERT_PRICE_RANGE:
		json_object_object_add(o, "min",
		    transfer_money(r->has_range_min, r->range_min));
		json_object_object_add(o, "max",
		    transfer_money(r->has_range_max, r->range_max));
		json_object_object_add(o, "direction", json_object_new_string(
		    alert_direction_names[r->direction]));
		json_object_object_add(o, "hysteresis",
		    json_object_new_string(search_cents_str(r->hysteresis,
		    hy)));
		break;
	case ALERT_AUCTION_ENDING:
		json_object_object_add(o, "window_minutes",
		    json_object_new_int(r->window_minutes));
		json_object_object_add(o, "max_bids", r->max_bids >= 0 ?
		    json_object_new_int(r->max_bids) : NULL);
		json_object_object_add(o, "max_total",
		    transfer_money(r->has_max_total, r->max_total));
		break;
	default:
		break;
	}
	return o;
}

struct json_object *
transfer_search_to_json(const struct saved_search *ss, bool state,
    const struct transfer_channel *chans, size_t nchans)
{
	const struct search_spec	*s = &ss->spec;
	struct json_object		*o, *alerts, *ch;
	size_t				 i, k;
	int				 kind;

	o = json_object_new_object();
	if (state)
		json_object_object_add(o, "id", json_object_new_int64(ss->id));
	json_object_object_add(o, "name", json_object_new_string(ss->name));
	json_object_object_add(o, "q", transfer_opt_str(s->q));
	json_object_object_add(o, "category", transfer_opt_str(s->category));
	json_object_object_add(o, "min_price",
	    transfer_money(s->has_min_price, s->min_price));
	json_object_object_add(o, "max_price",
	    transfer_money(s->has_max_price, s->max_price));
	json_object_object_add(o, "currency", transfer_opt_str(s->currency));
	json_object_object_add(o, "condition", transfer_bits(s->conditions,
	    search_condition_names, SEARCH_COND__MAX));
	json_object_object_add(o, "format", transfer_bits(s->formats,
	    search_format_names, SEARCH_FORMAT__MAX));
	json_object_object_add(o, "exclude", transfer_words(s->exclude,
	    s->nexclude));
	json_object_object_add(o, "seller_exclude",
	    transfer_words(s->seller_exclude, s->nseller_exclude));
	json_object_object_add(o, "located_in",
	    transfer_opt_str(s->located_in));
	json_object_object_add(o, "free_shipping",
	    json_object_new_boolean(s->free_shipping));
	json_object_object_add(o, "marketplace",
	    json_object_new_string(s->marketplace));
	json_object_object_add(o, "sort",
	    json_object_new_string(search_sort_names[s->sort]));
	json_object_object_add(o, "interval",
	    json_object_new_int(ss->interval_minutes));
	json_object_object_add(o, "enabled",
	    json_object_new_boolean(ss->enabled));
	json_object_object_add(o, "notify_existing",
	    json_object_new_boolean(ss->notify_existing));

	alerts = json_object_new_object();
	for (kind = 0; kind < ALERT__MAX; kind++)
		for (i = 0; i < ss->nrules; i++)
			if ((int)ss->rules[i].kind == kind) {
				json_object_object_add(alerts,
				    transfer_alerts[kind].json,
				    transfer_rule_json(&ss->rules[i]));
				break;
			}
	json_object_object_add(o, "alerts", alerts);

	ch = json_object_new_array();
	for (i = 0; i < ss->nchannels; i++) {
		if (chans == NULL) {
			json_object_array_add(ch,
			    json_object_new_int64(ss->channels[i]));
			continue;
		}
		for (k = 0; k < nchans; k++)
			if (chans[k].id == ss->channels[i]) {
				json_object_array_add(ch,
				    json_object_new_string(chans[k].name));
				break;
			}
	}
	json_object_object_add(o, "channels", ch);

	if (!state)
		return o;
	json_object_object_add(o, "effective_interval",
	    json_object_new_int(ss->effective_interval_minutes > 0 ?
	    ss->effective_interval_minutes : ss->interval_minutes));
	json_object_object_add(o, "status", json_object_new_string(ss->status));
	json_object_object_add(o, "last_error", transfer_opt_str(ss->last_error));
	json_object_object_add(o, "next_run_at",
	    transfer_opt_str(ss->next_run_at));
	json_object_object_add(o, "last_run_at",
	    transfer_opt_str(ss->last_run_at));
	json_object_object_add(o, "last_success_at",
	    transfer_opt_str(ss->last_success_at));
	json_object_object_add(o, "created_at",
	    transfer_opt_str(ss->created_at));
	return o;
}

/* --- channels ------------------------------------------------------------ */

#define TRANSFER_CHANNEL_COLS \
    "id, name, kind, target, config::text, mode, enabled, last_error," \
    " to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

DB_STMT(transfer_channels_q, 3,
    "SELECT " TRANSFER_CHANNEL_COLS " FROM channels WHERE user_id = $1"
    " ORDER BY id LIMIT $2::bigint OFFSET $3::bigint");
DB_STMT(transfer_channels_count_q, 1,
    "SELECT count(*) FROM channels WHERE user_id = $1");
DB_STMT(transfer_channel_q, 2,
    "SELECT " TRANSFER_CHANNEL_COLS " FROM channels"
    " WHERE id = $1 AND user_id = $2");
DB_STMT(transfer_channel_find_q, 4,
    "SELECT id FROM channels WHERE user_id = $1 AND name = $2"
    " AND kind = $3 AND target = $4 ORDER BY id LIMIT 1");
DB_STMT(transfer_channel_ins_q, 7,
    "INSERT INTO channels (user_id, name, kind, target, config, mode,"
    " enabled) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7) RETURNING id");

static bool
transfer_channel_row(const PGresult *res, int row, struct transfer_channel *c)
{
	memset(c, 0, sizeof *c);
	if (!db_int64(res, row, 0, &c->id) ||
	    !notify_kind_parse(db_text(res, row, 2), &c->kind) ||
	    !db_bool(res, row, 6, &c->enabled))
		return false;
	c->name = xstrdup(db_text(res, row, 1));
	c->target = xstrdup(db_text(res, row, 3));
	c->config = xstrdup(db_text(res, row, 4));
	snprintf(c->mode, sizeof c->mode, "%s", db_text(res, row, 5));
	if (!db_isnull(res, row, 7))
		c->last_error = xstrdup(db_text(res, row, 7));
	c->created_at = xstrdup(db_text(res, row, 8));
	return true;
}

void
transfer_channel_free(struct transfer_channel *c)
{
	free(c->name);
	free(c->target);
	free(c->config);
	free(c->last_error);
	free(c->created_at);
	memset(c, 0, sizeof *c);
}

static bool
transfer_channels_row(const PGresult *res, int row, void *elem)
{
	struct transfer_channel	*c = elem;

	if (transfer_channel_row(res, row, c))
		return true;
	transfer_channel_free(c);
	return false;
}

static const struct db_page transfer_channels_list = {
	&transfer_channels_q, &transfer_channels_count_q,
	sizeof(struct transfer_channel), transfer_channels_row
};

/*
 * A page of the user's channels, by id: limit (-1: all) from offset, into
 * *out (free with transfer_channels_free) and *n; with total, how many the
 * user has.  1 (even when there are none) or -1.
 */
int
transfer_channels_page(struct db *db, int64_t user_id, int limit, int offset,
    struct transfer_channel **out, size_t *n, int64_t *total)
{
	void	*v;
	int	 rc;

	rc = db_page(db, &transfer_channels_list, user_id, limit, offset, &v,
	    n, total);
	*out = v;
	return rc;
}

/* All of the user's channels (see transfer_channels_page). */
int
transfer_channels_load(struct db *db, int64_t user_id,
    struct transfer_channel **out, size_t *n)
{
	return transfer_channels_page(db, user_id, -1, 0, out, n, NULL);
}

void
transfer_channels_free(struct transfer_channel *v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		transfer_channel_free(&v[i]);
	free(v);
}

int
transfer_channel_get(struct db *db, int64_t user_id, int64_t id,
    struct transfer_channel *c)
{
	PGresult	*res;
	char		 uid[24], cid[24];
	int		 rc;

	memset(c, 0, sizeof *c);
	snprintf(uid, sizeof uid, "%lld", (long long)user_id);
	snprintf(cid, sizeof cid, "%lld", (long long)id);
	if ((res = db_exec(db, &transfer_channel_q, cid, uid)) == NULL)
		return -1;
	rc = PQntuples(res) == 1 && transfer_channel_row(res, 0, c) ? 1 : 0;
	PQclear(res);
	return rc;
}

struct json_object *
transfer_channel_to_json(const struct transfer_channel *c, bool masked)
{
	struct notify_channel	 nc;
	struct json_object	*o, *cfg;
	char			*m;

	o = json_object_new_object();
	if (masked)
		json_object_object_add(o, "id", json_object_new_int64(c->id));
	json_object_object_add(o, "name", json_object_new_string(c->name));
	json_object_object_add(o, "kind",
	    json_object_new_string(notify_kind_name(c->kind)));
	if (masked) {
		nc.kind = c->kind;
		nc.target = c->target;
		nc.config = c->config;
		m = notify_mask(&nc);
		json_object_object_add(o, "target", json_object_new_string(m));
		free(m);
	} else {
		json_object_object_add(o, "target",
		    json_object_new_string(c->target));
		if ((cfg = json_tokener_parse(c->config)) == NULL ||
		    !json_object_is_type(cfg, json_type_object)) {
			json_object_put(cfg);
			cfg = json_object_new_object();
		}
		json_object_object_add(o, "config", cfg);
	}
	json_object_object_add(o, "mode", json_object_new_string(c->mode));
	json_object_object_add(o, "enabled",
	    json_object_new_boolean(c->enabled));
	if (masked) {
		json_object_object_add(o, "last_error",
		    transfer_opt_str(c->last_error));
		json_object_object_add(o, "created_at",
		    transfer_opt_str(c->created_at));
	}
	return o;
}

/* --- export -------------------------------------------------------------- */

bool
transfer_export(struct db *db, int64_t user_id, struct buf *out)
{
	struct transfer_channel	*chans = NULL;
	struct saved_search	*list = NULL, ss;
	struct json_object	*doc, *a;
	size_t			 nchans = 0, n = 0, i;
	bool			 ok = false;

	if (transfer_channels_load(db, user_id, &chans, &nchans) < 0 ||
	    db_search_list(db, user_id, &list, &n) < 0)
		goto done;
	doc = json_object_new_object();
	json_object_object_add(doc, "format",
	    json_object_new_string(TRANSFER_FORMAT));
	json_object_object_add(doc, "version",
	    json_object_new_int(TRANSFER_VERSION));
	a = json_object_new_array();
	for (i = 0; i < nchans; i++)
		json_object_array_add(a, transfer_channel_to_json(&chans[i],
		    false));
	json_object_object_add(doc, "channels", a);
	a = json_object_new_array();
	json_object_object_add(doc, "searches", a);
	for (i = 0; i < n; i++) {
		memset(&ss, 0, sizeof ss);
		if (db_search_get(db, user_id, list[i].id, &ss) < 0) {
			saved_search_free(&ss);
			json_object_put(doc);
			goto done;
		}
		json_object_array_add(a, transfer_search_to_json(&ss, false,
		    chans, nchans));
		saved_search_free(&ss);
	}
	buf_adds(out, json_object_to_json_string_ext(doc,
	    JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
	    JSON_C_TO_STRING_NOSLASHESCAPE));
	buf_addc(out, '\n');
	json_object_put(doc);
	ok = true;
done:
	db_search_list_free(list, n);
	transfer_channels_free(chans, nchans);
	return ok;
}

/* --- import -------------------------------------------------------------- */

static bool
transfer_refuse(struct transfer_result *res, const char *field,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static bool
transfer_refuse(struct transfer_result *res, const char *field,
    const char *fmt, ...)
{
	va_list	 ap;

	if (res->why[0] != '\0')
		return false;	/* the first reason stands */
	snprintf(res->field, sizeof res->field, "%s", field);
	va_start(ap, fmt);
	vsnprintf(res->why, sizeof res->why, fmt, ap);
	va_end(ap);
	return false;
}

/* The member key of o if it is of type t; NULL (and refused) if not. */
static struct json_object *
transfer_need(struct json_object *o, const char *key, enum json_type t,
    const char *path, const char *what, struct transfer_result *res)
{
	struct json_object	*v;

	if (!json_object_object_get_ex(o, key, &v) || v == NULL ||
	    !json_object_is_type(v, t)) {
		transfer_refuse(res, path, "must be %s", what);
		return NULL;
	}
	return v;
}

static bool
transfer_import_channel(struct db *db, const char *uid,
    struct json_object *c, size_t idx, int64_t *id,
    struct transfer_result *res)
{
	struct json_object_iterator	 it, end;
	struct json_object		*v;
	enum notify_kind		 kind;
	const char			*name, *target, *mode, *k, *cfgtext;
	char				 path[96], *why;
	bool				 enabled, http;
	PGresult			*r;
	static const char *const	 modes[] = { "instant", "hourly",
	    "daily" };
	int				 e;

#define CPATH(f) (snprintf(path, sizeof path, "channels[%zu]%s%s", idx, \
	*(f) != '\0' ? "." : "", (f)), path)
	if (!json_object_is_type(c, json_type_object))
		return transfer_refuse(res, CPATH(""), "must be an object");
	it = json_object_iter_begin(c);
	end = json_object_iter_end(c);
	for (; !json_object_iter_equal(&it, &end); json_object_iter_next(&it)) {
		k = json_object_iter_peek_name(&it);
		if (strcmp(k, "name") != 0 && strcmp(k, "kind") != 0 &&
		    strcmp(k, "target") != 0 && strcmp(k, "config") != 0 &&
		    strcmp(k, "mode") != 0 && strcmp(k, "enabled") != 0)
			return transfer_refuse(res, CPATH(""), "has a member "
			    "that is not a channel field");
	}
	if ((v = transfer_need(c, "name", json_type_string, CPATH("name"),
	    "a string", res)) == NULL)
		return false;
	name = json_object_get_string(v);
	if (!valid_text(name, 1, 100, &why) ||
	    strlen(name) != (size_t)json_object_get_string_len(v)) {
		transfer_refuse(res, CPATH("name"), "must be 1 to 100 "
		    "characters of text");
		free(why);
		return false;
	}
	if ((v = transfer_need(c, "kind", json_type_string, CPATH("kind"),
	    "a string", res)) == NULL)
		return false;
	if (!notify_kind_parse(json_object_get_string(v), &kind))
		return transfer_refuse(res, CPATH("kind"), "must be webhook, "
		    "ntfy, discord, slack, telegram or email");
	if ((v = transfer_need(c, "target", json_type_string,
	    CPATH("target"), "a string", res)) == NULL)
		return false;
	target = json_object_get_string(v);
	if (!valid_text(target, 1, TRANSFER_TARGET_MAX, &why) ||
	    strlen(target) != (size_t)json_object_get_string_len(v)) {
		transfer_refuse(res, CPATH("target"), "must be 1 to %d "
		    "characters of text", TRANSFER_TARGET_MAX);
		free(why);
		return false;
	}
	http = kind == NOTIFY_WEBHOOK || kind == NOTIFY_NTFY ||
	    kind == NOTIFY_DISCORD || kind == NOTIFY_SLACK;
	if (http && !valid_http_url(target))
		return transfer_refuse(res, CPATH("target"), "must be an "
		    "http:// or https:// URL for a %s channel",
		    notify_kind_name(kind));
	if (kind == NOTIFY_EMAIL && strchr(target, '@') == NULL)
		return transfer_refuse(res, CPATH("target"), "must be an "
		    "email address");
	if ((v = transfer_need(c, "config", json_type_object,
	    CPATH("config"), "an object", res)) == NULL)
		return false;
	cfgtext = json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN);
	if (strlen(cfgtext) > TRANSFER_CONFIG_MAX)
		return transfer_refuse(res, CPATH("config"), "is too large");
	if ((v = transfer_need(c, "mode", json_type_string, CPATH("mode"),
	    "a string", res)) == NULL)
		return false;
	mode = json_object_get_string(v);
	if (!valid_enum(mode, modes, 3, &e, NULL))
		return transfer_refuse(res, CPATH("mode"), "must be instant, "
		    "hourly or daily");
	if ((v = transfer_need(c, "enabled", json_type_boolean,
	    CPATH("enabled"), "true or false", res)) == NULL)
		return false;
	enabled = json_object_get_boolean(v);
#undef CPATH

	/* The same channel already there is reused, not doubled. */
	if ((r = db_exec(db, &transfer_channel_find_q, uid, name,
	    notify_kind_name(kind), target)) == NULL)
		goto dberr;
	if (PQntuples(r) == 1 && db_int64(r, 0, 0, id)) {
		PQclear(r);
		res->channels_reused++;
		return true;
	}
	PQclear(r);
	if ((r = db_exec(db, &transfer_channel_ins_q, uid, name,
	    notify_kind_name(kind), target, cfgtext, mode,
	    enabled ? "true" : "false")) == NULL)
		goto dberr;
	if (PQntuples(r) != 1 || !db_int64(r, 0, 0, id)) {
		PQclear(r);
		goto dberr;
	}
	PQclear(r);
	res->channels++;
	return true;
dberr:
	res->db_error = true;
	return transfer_refuse(res, "", "the database failed: %s",
	    db_strerror(db_error(db)));
}

/*
 * Replace the channel names of a search object by the new ids (in place).
 */
static bool
transfer_resolve_channels(struct json_object *s, size_t idx,
    char **names, int64_t *ids, size_t n, struct transfer_result *res)
{
	struct json_object	*a, *na, *e;
	char			 path[64];
	size_t			 i, k, len;

	if (!json_object_object_get_ex(s, "channels", &a) || a == NULL)
		return true;
	snprintf(path, sizeof path, "searches[%zu].channels", idx);
	if (!json_object_is_type(a, json_type_array))
		return transfer_refuse(res, path, "must be an array of "
		    "channel names");
	na = json_object_new_array();
	len = json_object_array_length(a);
	for (i = 0; i < len; i++) {
		e = json_object_array_get_idx(a, i);
		if (e == NULL || !json_object_is_type(e, json_type_string)) {
			json_object_put(na);
			return transfer_refuse(res, path, "must be an array "
			    "of channel names");
		}
		for (k = 0; k < n; k++)
			if (strcmp(names[k], json_object_get_string(e)) == 0)
				break;
		if (k == n) {
			json_object_put(na);
			return transfer_refuse(res, path, "names a channel "
			    "that is not in the file's channels");
		}
		json_object_array_add(na, json_object_new_int64(ids[k]));
	}
	json_object_object_add(s, "channels", na);
	return true;
}

static bool
transfer_import_doc(struct db *db, const struct cfg *cfg, int64_t user_id,
    struct json_object *doc, struct transfer_result *res)
{
	struct json_object_iterator	 it, end;
	struct json_object		*v, *chans, *searches, *s;
	struct saved_search		 ss;
	struct valid_errs		 errs;
	const char			*k;
	char				 uid[24], path[160], **names = NULL;
	int64_t				*ids = NULL;
	size_t				 nch = 0, nse, i, j;
	bool				 ok = false;

	if (!json_object_is_type(doc, json_type_object))
		return transfer_refuse(res, "", "the file must hold a JSON "
		    "object (an export of this application)");
	it = json_object_iter_begin(doc);
	end = json_object_iter_end(doc);
	for (; !json_object_iter_equal(&it, &end); json_object_iter_next(&it)) {
		k = json_object_iter_peek_name(&it);
		if (strcmp(k, "format") != 0 && strcmp(k, "version") != 0 &&
		    strcmp(k, "channels") != 0 && strcmp(k, "searches") != 0)
			return transfer_refuse(res, "", "has a member that is "
			    "not part of an export (format, version, "
			    "channels, searches)");
	}
	if ((v = transfer_need(doc, "format", json_type_string, "format",
	    "\"" TRANSFER_FORMAT "\"", res)) == NULL)
		return false;
	if (strcmp(json_object_get_string(v), TRANSFER_FORMAT) != 0)
		return transfer_refuse(res, "format", "must be \""
		    TRANSFER_FORMAT "\"");
	if ((v = transfer_need(doc, "version", json_type_int, "version",
	    "1", res)) == NULL)
		return false;
	if (json_object_get_int64(v) != TRANSFER_VERSION)
		return transfer_refuse(res, "version", "must be %d (this file "
		    "comes from another version)", TRANSFER_VERSION);
	if ((chans = transfer_need(doc, "channels", json_type_array,
	    "channels", "an array", res)) == NULL ||
	    (searches = transfer_need(doc, "searches", json_type_array,
	    "searches", "an array", res)) == NULL)
		return false;
	nch = json_object_array_length(chans);
	nse = json_object_array_length(searches);
	if (nch > TRANSFER_CHANNELS_MAX)
		return transfer_refuse(res, "channels", "has more than %d "
		    "channels", TRANSFER_CHANNELS_MAX);
	if (nse > TRANSFER_SEARCHES_MAX)
		return transfer_refuse(res, "searches", "has more than %d "
		    "searches", TRANSFER_SEARCHES_MAX);

	snprintf(uid, sizeof uid, "%lld", (long long)user_id);
	names = xcalloc(nch + 1, sizeof *names);
	ids = xcalloc(nch + 1, sizeof *ids);
	for (i = 0; i < nch; i++) {
		v = json_object_array_get_idx(chans, i);
		if (!transfer_import_channel(db, uid, v, i, &ids[i], res))
			goto done;
		names[i] = xstrdup(json_object_get_string(
		    json_object_object_get(v, "name")));
		for (j = 0; j < i; j++)
			if (strcmp(names[j], names[i]) == 0) {
				snprintf(path, sizeof path,
				    "channels[%zu].name", i);
				transfer_refuse(res, path, "is the name of an "
				    "earlier channel in the file");
				goto done;
			}
	}
	for (i = 0; i < nse; i++) {
		s = json_object_array_get_idx(searches, i);
		snprintf(path, sizeof path, "searches[%zu]", i);
		if (s == NULL || !json_object_is_type(s, json_type_object)) {
			transfer_refuse(res, path, "must be an object");
			goto done;
		}
		if (!transfer_resolve_channels(s, i, names, ids, nch, res))
			goto done;
		saved_search_init(&ss, cfg);
		valid_errs_init(&errs);
		if (!transfer_search_from_json(s, &ss, &errs)) {
			snprintf(path, sizeof path, "searches[%zu].%s", i,
			    errs.v[0].field);
			transfer_refuse(res, path, "%s", errs.v[0].message);
			valid_errs_free(&errs);
			saved_search_free(&ss);
			goto done;
		}
		valid_errs_free(&errs);
		if (db_search_insert(db, user_id, &ss) != 1) {
			saved_search_free(&ss);
			res->db_error = db_error(db) != DB_ERR_CHECK;
			transfer_refuse(res, path, "could not be stored: %s",
			    db_strerror(db_error(db)));
			goto done;
		}
		saved_search_free(&ss);
		res->searches++;
	}
	ok = true;
done:
	for (i = 0; i < nch; i++)
		free(names[i]);
	free(names);
	free(ids);
	return ok;
}

bool
transfer_import(struct db *db, const struct cfg *cfg, int64_t user_id,
    const char *text, size_t len, struct transfer_result *res)
{
	struct json_object	*doc;
	struct jparse_err	 err;

	memset(res, 0, sizeof *res);
	if ((doc = jparse(text, len, &err)) == NULL) {
		res->line = err.line;
		snprintf(res->why, sizeof res->why, "%s", err.why);
		return false;
	}
	if (!db_begin(db)) {
		json_object_put(doc);
		res->db_error = true;
		return transfer_refuse(res, "", "the database failed: %s",
		    db_strerror(db_error(db)));
	}
	if (!transfer_import_doc(db, cfg, user_id, doc, res) ||
	    !db_commit(db)) {
		db_rollback(db);
		json_object_put(doc);
		if (res->why[0] == '\0') {
			res->db_error = true;
			transfer_refuse(res, "", "the database failed: %s",
			    db_strerror(db_error(db)));
		}
		res->searches = res->channels = res->channels_reused = 0;
		if (res->field[0] != '\0')
			res->line = jparse_line(text, len, res->field);
		else
			res->line = 1;
		return false;
	}
	json_object_put(doc);
	return true;
}
