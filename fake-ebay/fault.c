/*
 * Faults on demand: a small table of pending faults, each for the next N
 * search (or public key) requests or for every one (count < 0), set by
 * --fault or by POST /__fake/fault, and counters of the faults served.  Latency faults
 * add up and let the request go on; the first other fault answers it.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "fake.h"
#include "xmalloc.h"

#define FAULT_SLOTS	16
#define FAULT_MAX_MS	60000

struct fault {
	enum fault_kind	 kind;
	long		 count;		/* left; < 0: forever */
	long		 ms;		/* latency */
	enum fault_on	 on;		/* which requests */
};

static const char *const fault_on_names[FAULT_ON__MAX] = {
	"search", "public_key",
};

static const char *const fault_names[FAULT__MAX] = {
	"latency", "expire", "429", "500", "502html", "truncate", "cutoff",
	"malformed", "stall", "warning",
};

static pthread_mutex_t	 fault_lock = PTHREAD_MUTEX_INITIALIZER;
static struct fault	 fault_table[FAULT_SLOTS];
static size_t		 fault_n;
static unsigned long	 fault_counts[FAULT__MAX];

const char *
fault_name(enum fault_kind k)
{
	return (unsigned)k < FAULT__MAX ? fault_names[k] : "?";
}

bool
fault_parse(const char *s, enum fault_kind *out)
{
	int	 k;

	for (k = 0; k < FAULT__MAX; k++)
		if (strcmp(s, fault_names[k]) == 0) {
			*out = (enum fault_kind)k;
			return true;
		}
	return false;
}

bool
fault_on_parse(const char *s, enum fault_on *out)
{
	int	 k;

	for (k = 0; k < FAULT_ON__MAX; k++)
		if (strcmp(s, fault_on_names[k]) == 0) {
			*out = (enum fault_on)k;
			return true;
		}
	return false;
}

bool
fault_add(enum fault_kind kind, long count, long ms, enum fault_on on)
{
	bool	 ok = false;

	if (ms < 0)
		ms = 0;
	if (ms > FAULT_MAX_MS)
		ms = FAULT_MAX_MS;
	pthread_mutex_lock(&fault_lock);
	if (fault_n < FAULT_SLOTS && count != 0) {
		fault_table[fault_n].kind = kind;
		fault_table[fault_n].count = count;
		fault_table[fault_n].ms = ms;
		fault_table[fault_n].on = on;
		fault_n++;
		ok = true;
	}
	pthread_mutex_unlock(&fault_lock);
	return ok;
}

static bool
fault_num(const char *s, long *out)
{
	char	*end;

	if (*s == '\0')
		return false;
	errno = 0;
	*out = strtol(s, &end, 10);
	return errno == 0 && *end == '\0' && *out >= 0;
}

/*
 * --fault KIND[:N], or latency:MS[:N]: N requests (every one if omitted).
 * On error *cause says why (caller frees).
 */
bool
fault_parse_arg(const char *arg, char **cause)
{
	char		*copy = xstrdup(arg), *kind, *a, *b;
	enum fault_kind	 k;
	long		 n = -1, ms = 0;
	bool		 ok = false;

	kind = copy;
	if ((a = strchr(kind, ':')) != NULL)
		*a++ = '\0';
	if (a != NULL && (b = strchr(a, ':')) != NULL)
		*b++ = '\0';
	else
		b = NULL;
	if (!fault_parse(kind, &k)) {
		xasprintf(cause, "unknown fault kind \"%s\"", kind);
		goto out;
	}
	if (k == FAULT_LATENCY) {
		if (a == NULL || !fault_num(a, &ms)) {
			xasprintf(cause, "latency needs milliseconds: latency:MS[:N]");
			goto out;
		}
		a = b;
	} else if (b != NULL) {
		xasprintf(cause, "fault %s: too many fields", kind);
		goto out;
	}
	if (a != NULL && (!fault_num(a, &n) || n == 0)) {
		xasprintf(cause, "fault %s: count must be a positive integer",
		    kind);
		goto out;
	}
	if (!fault_add(k, n, ms, FAULT_ON_SEARCH)) {
		xasprintf(cause, "too many faults (at most %d)", FAULT_SLOTS);
		goto out;
	}
	ok = true;
out:
	free(copy);
	return ok;
}

void
fault_reset(void)
{
	pthread_mutex_lock(&fault_lock);
	fault_n = 0;
	memset(fault_counts, 0, sizeof fault_counts);
	pthread_mutex_unlock(&fault_lock);
}

/* Take what applies to one request, using up counted faults. */
void
fault_take(struct fault_hit *hit, enum fault_on on)
{
	size_t	 i, j;

	memset(hit, 0, sizeof *hit);
	pthread_mutex_lock(&fault_lock);
	for (i = 0; i < fault_n; i++) {
		if (fault_table[i].on != on)
			continue;
		if (fault_table[i].kind == FAULT_LATENCY) {
			hit->latency_ms += fault_table[i].ms;
			fault_counts[FAULT_LATENCY]++;
		} else if (!hit->have) {
			hit->have = true;
			hit->kind = fault_table[i].kind;
		} else
			continue;
		if (fault_table[i].count > 0)
			fault_table[i].count--;
	}
	for (i = j = 0; i < fault_n; i++)
		if (fault_table[i].count != 0)
			fault_table[j++] = fault_table[i];
	fault_n = j;
	pthread_mutex_unlock(&fault_lock);
	if (hit->latency_ms > FAULT_MAX_MS)
		hit->latency_ms = FAULT_MAX_MS;
}

void
fault_served(enum fault_kind k)
{
	pthread_mutex_lock(&fault_lock);
	fault_counts[k]++;
	pthread_mutex_unlock(&fault_lock);
}

unsigned long
fault_count(enum fault_kind k)
{
	unsigned long	 n;

	pthread_mutex_lock(&fault_lock);
	n = fault_counts[k];
	pthread_mutex_unlock(&fault_lock);
	return n;
}

unsigned long
fault_total(void)
{
	unsigned long	 n = 0;
	int		 k;

	pthread_mutex_lock(&fault_lock);
	for (k = 0; k < FAULT__MAX; k++)
		n += fault_counts[k];
	pthread_mutex_unlock(&fault_lock);
	return n;
}

/* The pending faults as a JSON array (caller frees). */
char *
fault_active_json(void)
{
	struct json_object	*a = json_object_new_array(), *f;
	size_t			 i;
	char			*out;

	pthread_mutex_lock(&fault_lock);
	for (i = 0; i < fault_n; i++) {
		f = json_object_new_object();
		json_object_object_add(f, "kind",
		    json_object_new_string(fault_names[fault_table[i].kind]));
		json_object_object_add(f, "count",
		    json_object_new_int64(fault_table[i].count));
		json_object_object_add(f, "on",
		    json_object_new_string(fault_on_names[fault_table[i].on]));
		if (fault_table[i].kind == FAULT_LATENCY)
			json_object_object_add(f, "ms",
			    json_object_new_int64(fault_table[i].ms));
		json_object_array_add(a, f);
	}
	pthread_mutex_unlock(&fault_lock);
	out = xstrdup(json_object_to_json_string_ext(a, JSON_C_TO_STRING_PLAIN));
	json_object_put(a);
	return out;
}

/* An errors[] envelope with one error (caller frees). */
char *
fault_error_json(int error_id, const char *domain, const char *category,
    const char *message, const char *long_message)
{
	struct json_object	*o = json_object_new_object(), *a, *e;
	char			*out;

	a = json_object_new_array();
	e = json_object_new_object();
	json_object_object_add(e, "errorId", json_object_new_int(error_id));
	json_object_object_add(e, "domain", json_object_new_string(domain));
	json_object_object_add(e, "category", json_object_new_string(category));
	json_object_object_add(e, "message", json_object_new_string(message));
	if (long_message != NULL)
		json_object_object_add(e, "longMessage",
		    json_object_new_string(long_message));
	json_object_array_add(a, e);
	json_object_object_add(o, "errors", a);
	out = xstrdup(json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return out;
}
