/*
 * The search model: defaults, parsing and checking (see search.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "cfg.h"
#include "ebay.h"
#include "form.h"
#include "log.h"
#include "money.h"
#include "search.h"
#include "valid.h"
#include "xmalloc.h"

const char *const search_sort_names[SEARCH_SORT__MAX] = {
	"best", "price", "-price", "newly_listed", "ending_soonest"
};
const char *const search_sort_labels[SEARCH_SORT__MAX] = {
	"Best match", "Price + shipping: lowest first",
	"Price + shipping: highest first", "Newly listed", "Ending soonest"
};
const char *const search_condition_names[SEARCH_COND__MAX] = {
	"new", "open_box", "refurbished", "used", "parts"
};
const char *const search_condition_labels[SEARCH_COND__MAX] = {
	"New", "Open box", "Refurbished", "Used", "For parts"
};
const char *const search_format_names[SEARCH_FORMAT__MAX] = {
	"buy_it_now", "auction", "best_offer"
};
const char *const search_format_labels[SEARCH_FORMAT__MAX] = {
	"Buy It Now", "Auction", "Best Offer"
};
const char *const alert_kind_names[ALERT__MAX] = {
	"new_match", "price_range", "auction_ending"
};
const char *const alert_direction_names[ALERT_DIR__MAX] = {
	"down", "up", "both"
};

/* Hundredths as a plain decimal, "12.50", "-0.05" (PostgreSQL, forms). */
char *
search_cents_str(int64_t cents, char out[MONEY_STR_MAX])
{
	uint64_t	 a;

	a = cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;
	snprintf(out, MONEY_STR_MAX, "%s%llu.%02llu", cents < 0 ? "-" : "",
	    (unsigned long long)(a / 100), (unsigned long long)(a % 100));
	return out;
}

/* Defaults: the configured marketplace, best match, page 1 of 50. */
void
search_spec_init(struct search_spec *s, const struct cfg *cfg)
{
	memset(s, 0, sizeof *s);
	snprintf(s->marketplace, sizeof s->marketplace, "%s",
	    cfg != NULL && cfg->ebay_marketplace != NULL ?
	    cfg->ebay_marketplace : "EBAY_US");
	s->sort = SEARCH_SORT_BEST;
	s->page = 1;
	s->per_page = SEARCH_PER_PAGE_DEFAULT;
}

static void
search_words_free(char **v, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
search_spec_free(struct search_spec *s)
{
	free(s->q);
	free(s->category);
	search_words_free(s->exclude, s->nexclude);
	search_words_free(s->seller_exclude, s->nseller_exclude);
	memset(s, 0, sizeof *s);
}

/* The value of key with spaces trimmed (caller frees); NULL when empty. */
static char *
search_trimmed(const struct form *f, const char *key)
{
	const char	*v, *end;

	if ((v = form_get(f, key)) == NULL)
		return NULL;
	while (*v == ' ' || *v == '\t')
		v++;
	end = v + strlen(v);
	while (end > v && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	return end > v ? xstrndup(v, (size_t)(end - v)) : NULL;
}

/*
 * Split every value of key on spaces and commas into words of at most
 * maxlen characters, at most maxn of them, dropping repeats.
 */
static void
search_words(const struct form *f, const char *key, size_t maxn,
    size_t maxlen, char ***out, size_t *nout, struct valid_errs *errs)
{
	const char	*v, *p;
	char		*w, *why;
	size_t		 i, k, len;
	bool		 dup;

	for (i = 0; (v = form_get_nth(f, key, i)) != NULL; i++) {
		for (p = v; *p != '\0'; p += len) {
			p += strspn(p, " ,\t");
			if ((len = strcspn(p, " ,\t")) == 0)
				break;
			w = xstrndup(p, len);
			if (!valid_text(w, 1, maxlen, &why)) {
				valid_errs_addf(errs, key, "has a word that %s",
				    why);
				free(why);
				free(w);
				return;
			}
			for (k = 0, dup = false; k < *nout && !dup; k++)
				dup = strcasecmp((*out)[k], w) == 0;
			if (dup) {
				free(w);
				continue;
			}
			if (*nout >= maxn) {
				free(w);
				valid_errs_addf(errs, key, "may list at most "
				    "%zu words", maxn);
				return;
			}
			*out = xreallocarray(*out, *nout + 1, sizeof **out);
			(*out)[(*nout)++] = w;
		}
	}
}

/* The bits of every value of a repeatable enum field. */
static void
search_bits(const struct form *f, const char *key, const char *const *names,
    size_t n, unsigned *out, struct valid_errs *errs)
{
	const char	*v;
	char		*why;
	size_t		 i;
	int		 e;

	for (i = 0; (v = form_get_nth(f, key, i)) != NULL; i++) {
		if (*v == '\0')
			continue;
		if (!valid_enum(v, names, n, &e, &why)) {
			valid_errs_add(errs, key, why);
			return;
		}
		*out |= 1u << e;
	}
}

static void
search_money(const struct form *f, const char *key, bool *has, int64_t *out,
    struct valid_errs *errs)
{
	char	*v, *why;

	if ((v = search_trimmed(f, key)) == NULL)
		return;
	if (valid_money(v, MONEY_MAX_CENTS, out, &why))
		*has = true;
	else
		valid_errs_add(errs, key, why);
	free(v);
}

/* A bounded int field; absent or empty keeps *out. */
static void
search_int(const struct form *f, const char *key, long long min,
    long long max, int *out, struct valid_errs *errs)
{
	char		*v, *why;
	long long	 n;

	if ((v = search_trimmed(f, key)) == NULL)
		return;
	if (valid_int(v, min, max, &n, &why))
		*out = (int)n;
	else
		valid_errs_add(errs, key, why);
	free(v);
}

/* Note undecodable values (a bad %xx or a %00) of every field. */
static void
search_bad_escapes(const struct form *f, struct valid_errs *errs)
{
	size_t	 i;

	for (i = 0; i < f->n; i++)
		if (f->pairs[i].bad)
			valid_errs_addf(errs, f->pairs[i].key, "could not be "
			    "read (a malformed %%-escape or a NUL byte)");
	if (f->truncated)
		valid_errs_addf(errs, "form", "has too many fields");
}

/*
 * Read the /search parameters of f into s (initialised by
 * search_spec_init; values not given keep their defaults).  Every problem
 * goes into errs under its field's name; false if there was any.  Fields
 * f has and the spec does not know (csrf, name, ...) are ignored.
 */
bool
search_parse_form(struct search_spec *s, const struct form *f,
    struct valid_errs *errs)
{
	size_t	 before = errs->n;
	char	*v, *why;
	int	 e;

	search_bad_escapes(f, errs);
	if ((v = search_trimmed(f, "q")) != NULL) {
		if (valid_text(v, 1, SEARCH_Q_MAX, &why)) {
			free(s->q);
			s->q = v;
			v = NULL;
		} else
			valid_errs_add(errs, "q", why);
		free(v);
	}
	if ((v = search_trimmed(f, "category")) != NULL) {
		if (valid_digits(v, SEARCH_CATEGORY_MAX, &why)) {
			free(s->category);
			s->category = v;
			v = NULL;
		} else
			valid_errs_add(errs, "category", why);
		free(v);
	}
	search_money(f, "min_price", &s->has_min_price, &s->min_price, errs);
	search_money(f, "max_price", &s->has_max_price, &s->max_price, errs);
	if ((v = search_trimmed(f, "currency")) != NULL) {
		if (!valid_currency(v, s->currency, &why))
			valid_errs_add(errs, "currency", why);
		free(v);
	}
	search_bits(f, "condition", search_condition_names, SEARCH_COND__MAX,
	    &s->conditions, errs);
	search_bits(f, "format", search_format_names, SEARCH_FORMAT__MAX,
	    &s->formats, errs);
	search_words(f, "exclude", SEARCH_WORDS_MAX, SEARCH_WORD_MAX,
	    &s->exclude, &s->nexclude, errs);
	search_words(f, "seller_exclude", SEARCH_SELLERS_MAX,
	    SEARCH_SELLER_MAX, &s->seller_exclude, &s->nseller_exclude, errs);
	if ((v = search_trimmed(f, "located_in")) != NULL) {
		if (!valid_country(v, s->located_in, &why))
			valid_errs_add(errs, "located_in", why);
		free(v);
	}
	if (!valid_bool(form_get(f, "free_shipping"), &s->free_shipping,
	    &why))
		valid_errs_add(errs, "free_shipping", why);
	if ((v = search_trimmed(f, "marketplace")) != NULL) {
		if (strlen(v) < sizeof s->marketplace &&
		    cfg_marketplace_valid(v))
			memcpy(s->marketplace, v, strlen(v) + 1);
		else
			valid_errs_addf(errs, "marketplace", "must be an eBay "
			    "marketplace id such as EBAY_US, EBAY_GB or "
			    "EBAY_DE");
		free(v);
	}
	if ((v = search_trimmed(f, "sort")) != NULL) {
		if (valid_enum(v, search_sort_names, SEARCH_SORT__MAX, &e,
		    &why))
			s->sort = (enum search_sort)e;
		else
			valid_errs_add(errs, "sort", why);
		free(v);
	}
	search_int(f, "per_page", 1, SEARCH_PER_PAGE_MAX, &s->per_page, errs);
	search_int(f, "page", 1, SEARCH_RESULTS_MAX, &s->page, errs);
	search_spec_check(s, errs);
	return errs->n == before;
}

/*
 * The rules between fields, for specs made by any route (form, JSON,
 * import): q or category; min <= max; the page within eBay's 10,000.
 */
bool
search_spec_check(const struct search_spec *s, struct valid_errs *errs)
{
	size_t	 before = errs->n;

	if (s->q == NULL && s->category == NULL &&
	    valid_errs_get(errs, "q") == NULL &&
	    valid_errs_get(errs, "category") == NULL)
		valid_errs_addf(errs, "q", "is required (words to search "
		    "for, or else a category)");
	if (s->has_min_price && s->has_max_price &&
	    s->min_price > s->max_price)
		valid_errs_addf(errs, "max_price", "must not be below the "
		    "minimum price");
	if (s->per_page >= 1 && s->page >= 1 &&
	    (long long)s->page * s->per_page > SEARCH_RESULTS_MAX)
		valid_errs_addf(errs, "page", "is past the last page eBay "
		    "serves (%d results at most)", SEARCH_RESULTS_MAX);
	return errs->n == before;
}

/* True when no format was chosen, or exactly buy it now + auction. */
bool
search_spec_is_default_formats(const struct search_spec *s)
{
	return s->formats == 0 || s->formats == (1u << SEARCH_FORMAT_BUY_IT_NOW |
	    1u << SEARCH_FORMAT_AUCTION);
}

static void
search_q_arg(struct buf *b, const char *key, const char *val)
{
	if (b->len > 0 && b->data[b->len - 1] != '?')
		buf_addc(b, '&');
	buf_adds(b, key);
	buf_addc(b, '=');
	buf_add_urlenc(b, val);
}

static void
search_q_words(struct buf *b, const char *key, char **v, size_t n)
{
	struct buf	 w;
	size_t		 i;

	if (n == 0)
		return;
	buf_init(&w, 0);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_addc(&w, ' ');
		buf_adds(&w, v[i]);
	}
	search_q_arg(b, key, buf_cstr(&w));
	buf_free(&w);
}

/*
 * Append the canonical query string of s (no leading "?"): the same spec
 * always gives the same bytes, so it serves as a cache key and in links.
 * with_page adds page (when not 1).
 */
void
search_spec_query(const struct search_spec *s, bool with_page, struct buf *b)
{
	char	 m[MONEY_STR_MAX];
	size_t	 i;

	if (s->q != NULL)
		search_q_arg(b, "q", s->q);
	if (s->category != NULL)
		search_q_arg(b, "category", s->category);
	if (s->has_min_price) {
		search_cents_str(s->min_price, m);
		search_q_arg(b, "min_price", m);
	}
	if (s->has_max_price) {
		search_cents_str(s->max_price, m);
		search_q_arg(b, "max_price", m);
	}
	if (s->currency[0] != '\0')
		search_q_arg(b, "currency", s->currency);
	for (i = 0; i < SEARCH_COND__MAX; i++)
		if (s->conditions & (1u << i))
			search_q_arg(b, "condition", search_condition_names[i]);
	for (i = 0; i < SEARCH_FORMAT__MAX; i++)
		if (s->formats & (1u << i))
			search_q_arg(b, "format", search_format_names[i]);
	search_q_words(b, "exclude", s->exclude, s->nexclude);
	search_q_words(b, "seller_exclude", s->seller_exclude,
	    s->nseller_exclude);
	if (s->located_in[0] != '\0')
		search_q_arg(b, "located_in", s->located_in);
	if (s->free_shipping)
		search_q_arg(b, "free_shipping", "1");
	search_q_arg(b, "marketplace", s->marketplace);
	search_q_arg(b, "sort", search_sort_names[s->sort]);
	if (s->per_page != SEARCH_PER_PAGE_DEFAULT) {
		snprintf(m, sizeof m, "%d", s->per_page);
		search_q_arg(b, "per_page", m);
	}
	if (with_page && s->page > 1) {
		snprintf(m, sizeof m, "%d", s->page);
		search_q_arg(b, "page", m);
	}
}

/*
 * True if a listing must be dropped: its title contains an excluded word
 * (ignoring ASCII case) or its seller is excluded.  NULLs never match.
 */
bool
search_excluded(const struct search_spec *s, const char *title,
    const char *seller)
{
	size_t	 i;

	for (i = 0; title != NULL && i < s->nexclude; i++)
		if (strcasestr(title, s->exclude[i]) != NULL)
			return true;
	for (i = 0; seller != NULL && i < s->nseller_exclude; i++)
		if (strcasecmp(seller, s->seller_exclude[i]) == 0)
			return true;
	return false;
}

/* Browse calls a day at this interval, one page each: ceil(1440 / m). */
long
search_calls_per_day(int interval_minutes)
{
	if (interval_minutes < 1)
		interval_minutes = 1;
	return (1440 + interval_minutes - 1) / interval_minutes;
}

/* A rule of kind with the defaults the form shows. */
void
alert_rule_init(struct alert_rule *r, enum alert_kind kind)
{
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->direction = ALERT_DIR_DOWN;
	r->hysteresis = 200;
	r->max_bids = -1;
	r->enabled = true;
	if (kind == ALERT_AUCTION_ENDING)
		r->window_minutes = 60;
}

/*
 * The rules within one rule: a price range needs a bound and min <= max;
 * an ending auction needs a window.  Errors go under prefix + field
 * ("alert_price_max"), the names saved_search_parse_form uses.
 */
bool
alert_rule_check(const struct alert_rule *r, const char *prefix,
    struct valid_errs *errs)
{
	size_t	 before = errs->n;
	char	 f[64];

	switch (r->kind) {
	case ALERT_PRICE_RANGE:
		snprintf(f, sizeof f, "%s_min", prefix);
		if (!r->has_range_min && !r->has_range_max)
			valid_errs_addf(errs, f, "or the maximum is needed "
			    "for a price range alert");
		snprintf(f, sizeof f, "%s_max", prefix);
		if (r->has_range_min && r->has_range_max &&
		    r->range_min > r->range_max)
			valid_errs_addf(errs, f, "must not be below the "
			    "minimum");
		snprintf(f, sizeof f, "%s_hysteresis", prefix);
		if (r->hysteresis < 0 || r->hysteresis > 5000)
			valid_errs_addf(errs, f, "must be from 0 to 50");
		break;
	case ALERT_AUCTION_ENDING:
		snprintf(f, sizeof f, "%s_window", prefix);
		if (r->window_minutes < 1 || r->window_minutes > 10080)
			valid_errs_addf(errs, f, "must be from 1 to 10080 "
			    "minutes");
		break;
	default:
		break;
	}
	return errs->n == before;
}

void
saved_search_init(struct saved_search *ss, const struct cfg *cfg)
{
	memset(ss, 0, sizeof *ss);
	search_spec_init(&ss->spec, cfg);
	ss->spec.sort = SEARCH_SORT_NEWLY_LISTED;
	ss->interval_minutes = SEARCH_INTERVAL_DEFAULT;
	ss->enabled = true;
	snprintf(ss->status, sizeof ss->status, "new");
}

void
saved_search_free(struct saved_search *ss)
{
	free(ss->name);
	search_spec_free(&ss->spec);
	free(ss->rules);
	free(ss->channels);
	free(ss->last_error);
	free(ss->next_run_at);
	free(ss->last_run_at);
	free(ss->last_success_at);
	free(ss->created_at);
	memset(ss, 0, sizeof *ss);
}

/* A checkbox sent as hidden "0" plus checkbox "1": true if any is true. */
static bool
search_checkbox(const struct form *f, const char *key, bool dflt)
{
	const char	*v;
	size_t		 i;
	bool		 b;

	if (form_get(f, key) == NULL)
		return dflt;
	for (i = 0; (v = form_get_nth(f, key, i)) != NULL; i++)
		if (valid_bool(v, &b, NULL) && b)
			return true;
	return false;
}

static void
search_rule_add(struct saved_search *ss, const struct alert_rule *r)
{
	ss->rules = xreallocarray(ss->rules, ss->nrules + 1, sizeof *ss->rules);
	ss->rules[ss->nrules++] = *r;
}

/*
 * The alert fields of the form, one rule per kind at most:
 *   alert_new=1 [alert_new_max_total]
 *   alert_price=1 alert_price_min / alert_price_max (one at least)
 *     [alert_price_direction=down|up|both] [alert_price_hysteresis=2]
 *   alert_ending=1 alert_ending_window (minutes) [alert_ending_max_bids]
 *     [alert_ending_max_total]
 */
static void
search_parse_rules(struct saved_search *ss, const struct form *f,
    struct valid_errs *errs)
{
	struct alert_rule	 r;
	char			*v, *why;
	int			 e;

	ss->nrules = 0;
	if (search_checkbox(f, "alert_new", false)) {
		alert_rule_init(&r, ALERT_NEW_MATCH);
		search_money(f, "alert_new_max_total", &r.has_max_total,
		    &r.max_total, errs);
		memcpy(r.currency, ss->spec.currency, sizeof r.currency);
		search_rule_add(ss, &r);
	}
	if (search_checkbox(f, "alert_price", false)) {
		alert_rule_init(&r, ALERT_PRICE_RANGE);
		search_money(f, "alert_price_min", &r.has_range_min,
		    &r.range_min, errs);
		search_money(f, "alert_price_max", &r.has_range_max,
		    &r.range_max, errs);
		if ((v = search_trimmed(f, "alert_price_direction")) != NULL) {
			if (valid_enum(v, alert_direction_names,
			    ALERT_DIR__MAX, &e, &why))
				r.direction = (enum alert_direction)e;
			else
				valid_errs_add(errs, "alert_price_direction",
				    why);
			free(v);
		}
		if ((v = search_trimmed(f, "alert_price_hysteresis")) != NULL) {
			if (!valid_percent(v, 5000, &r.hysteresis, &why))
				valid_errs_add(errs, "alert_price_hysteresis",
				    why);
			free(v);
		}
		memcpy(r.currency, ss->spec.currency, sizeof r.currency);
		alert_rule_check(&r, "alert_price", errs);
		search_rule_add(ss, &r);
	}
	if (search_checkbox(f, "alert_ending", false)) {
		alert_rule_init(&r, ALERT_AUCTION_ENDING);
		search_int(f, "alert_ending_window", 1, 10080,
		    &r.window_minutes, errs);
		search_int(f, "alert_ending_max_bids", 0, 100000, &r.max_bids,
		    errs);
		search_money(f, "alert_ending_max_total", &r.has_max_total,
		    &r.max_total, errs);
		memcpy(r.currency, ss->spec.currency, sizeof r.currency);
		alert_rule_check(&r, "alert_ending", errs);
		search_rule_add(ss, &r);
	}
}

/*
 * The save/edit form: the search's fields (search_parse_form) and name,
 * interval (minutes), enabled, notify_existing, channel (repeatable ids;
 * whether they are the user's is checked when stored) and the alert
 * fields of search_parse_rules.  ss comes from saved_search_init (a new
 * search) or db_search_get (an edit); the form replaces its rules and
 * channels.  page and per_page are not part of a saved search.
 */
bool
saved_search_parse_form(struct saved_search *ss, const struct form *f,
    struct valid_errs *errs)
{
	size_t		 before = errs->n, i;
	const char	*v;
	char		*t, *why;
	int64_t		 id;

	search_parse_form(&ss->spec, f, errs);
	ss->spec.page = 1;
	if ((t = search_trimmed(f, "name")) == NULL && ss->spec.q != NULL)
		t = xstrdup(ss->spec.q);
	if (valid_text(t, 1, SEARCH_NAME_MAX, &why)) {
		free(ss->name);
		ss->name = t;
		t = NULL;
	} else
		valid_errs_add(errs, "name", why);
	free(t);
	search_int(f, "interval", SEARCH_INTERVAL_MIN, SEARCH_INTERVAL_MAX,
	    &ss->interval_minutes, errs);
	ss->enabled = search_checkbox(f, "enabled", ss->id == 0 ? true :
	    ss->enabled);
	ss->notify_existing = search_checkbox(f, "notify_existing", false);
	ss->nchannels = 0;
	for (i = 0; (v = form_get_nth(f, "channel", i)) != NULL; i++) {
		if (*v == '\0')
			continue;
		if (!valid_id(v, &id)) {
			valid_errs_addf(errs, "channel", "must be a channel "
			    "of yours");
			break;
		}
		if (ss->nchannels >= SEARCH_CHANNELS_MAX) {
			valid_errs_addf(errs, "channel", "may list at most %d "
			    "channels", SEARCH_CHANNELS_MAX);
			break;
		}
		ss->channels = xreallocarray(ss->channels, ss->nchannels + 1,
		    sizeof *ss->channels);
		ss->channels[ss->nchannels++] = id;
	}
	search_parse_rules(ss, f, errs);
	return errs->n == before;
}

/*
 * The eBay client's query for s: every pointer borrows from s (keep s
 * alive while q is used).  The page becomes limit/offset.  The enums of
 * search.h and ebay.h list the same SPEC names in the same order.
 */
void
search_to_query(const struct search_spec *s, struct ebay_query *q)
{
	ebay_query_init(q);
	q->q = s->q;
	q->category_id = s->category;
	if (s->has_min_price) {
		q->min_price.known = true;
		q->min_price.cents = s->min_price;
	}
	if (s->has_max_price) {
		q->max_price.known = true;
		q->max_price.cents = s->max_price;
	}
	if (s->currency[0] != '\0') {
		q->currency = s->currency;
		memcpy(q->min_price.currency, s->currency, 4);
		memcpy(q->max_price.currency, s->currency, 4);
	} else if ((q->currency = ebay_marketplace_currency(
	    s->marketplace)) != NULL) {
		memcpy(q->min_price.currency, q->currency, 4);
		memcpy(q->max_price.currency, q->currency, 4);
	}
	q->conditions = s->conditions;
	q->formats = s->formats;
	q->exclude_words = (const char *const *)s->exclude;
	q->nexclude_words = s->nexclude;
	q->exclude_sellers = (const char *const *)s->seller_exclude;
	q->nexclude_sellers = s->nseller_exclude;
	q->located_in = s->located_in[0] != '\0' ? s->located_in : NULL;
	q->free_shipping = s->free_shipping;
	q->marketplace = s->marketplace;
	q->sort = (enum ebay_sort)s->sort;
	q->limit = s->per_page;
	q->offset = (s->page - 1) * s->per_page;
	if (q->offset > EBAY_OFFSET_MAX)
		q->offset = EBAY_OFFSET_MAX / s->per_page * s->per_page;
}

/* search.h's enums must stay in step with ebay.h's. */
_Static_assert((int)SEARCH_COND__MAX == (int)EBAY_COND__MAX &&
    (int)SEARCH_COND_PARTS == (int)EBAY_COND_PARTS, "conditions");
_Static_assert((int)SEARCH_FORMAT__MAX == (int)EBAY_FMT__MAX &&
    (int)SEARCH_FORMAT_BEST_OFFER == (int)EBAY_FMT_BEST_OFFER, "formats");
_Static_assert((int)SEARCH_SORT__MAX == (int)EBAY_SORT__MAX &&
    (int)SEARCH_SORT_ENDING_SOONEST == (int)EBAY_SORT_ENDING_SOONEST, "sorts");
