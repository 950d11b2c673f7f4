/*
 * A driver of the eBay client for the shell tests (t/t020*.sh), not a
 * test itself: it runs searches through the real client against
 * EBAY_API_BASE (the fake eBay) and prints one line of key=value per
 * page or error.
 *
 *   t0209-ebay-helper [options] search    synchronous, following next
 *   t0209-ebay-helper [options] multi     every --q at once (libcurl multi)
 *   t0209-ebay-helper [options] next URL  one page at URL
 *   t0209-ebay-helper fetch MAXBYTES TIMEOUT_MS URL [HEADER]
 *                                         lib/fetch.c alone: GET URL twice
 *                                         on one handle
 *
 * options: --q Q (repeatable for multi), --source web|worker,
 * --limit N, --pages N (follow next up to N pages), --sort NAME,
 * --marketplace M, --format F, --exclude W, --timeout-ms N,
 * --concurrency N, --deadline SECONDS (multi), --wake-add Q (multi: after
 * the first page another thread wakes the run, whose callback adds Q), --start-after FILE (wait until FILE exists: starts
 * several processes at one instant).
 * Exit: 0 all searches succeeded, 1 one failed, 2 usage.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cfg.h"
#include "db.h"
#include "ebay.h"
#include "fetch.h"
#include "log.h"

#define MAXQ	16

static const char *const helper_errs[EBAY_ERR__MAX] = {
	"ok", "invalid", "transport", "timeout", "server", "bad_response",
	"auth", "quota", "request", "too_large", "db", "cancelled"
};

struct helper {
	struct ebay_client	*client;
	struct ebay_multi	*multi;
	struct ebay_query	 query;
	const char		*qs[MAXQ];
	size_t			 nq;
	const char		*excl[4];
	int			 pages;
	int			 deadline;	/* seconds, multi */
	size_t			 items;
	int			 failed;
	const char		*wake_add;	/* --wake-add Q (multi) */
	pthread_t		 main_thread;
	int			 woken, woken_off_main;
	int			 cb_off_main;	/* callbacks elsewhere */
};

struct helper_job {
	struct helper		*h;
	const char		*q;
	int			 page;
};

static void
helper_page(const char *label, int n, const struct ebay_page *p)
{
	const struct ebay_item	*it;
	char			 price[48], total[48];
	size_t			 i, auctions = 0;

	for (i = 0; i < p->nitems; i++)
		if (p->items[i].buying == EBAY_BIT(EBAY_BUY_AUCTION))
			auctions++;	/* auction only, no Buy It Now */

	printf("%s page=%d status=ok items=%zu raw=%zu dup=%zu invalid=%zu "
	    "excluded=%zu auctions=%zu calls=%d total=%lld next=%s "
	    "warnings=%zu", label, n, p->nitems, p->raw_count,
	    p->dropped_duplicates, p->dropped_invalid, p->excluded, auctions,
	    p->calls, (long long)p->total,
	    p->next != NULL ? "yes" : "no", p->nwarnings);
	if (p->nwarnings > 0)
		printf(" warning_id=%ld", p->warning_ids[0]);
	if (p->nitems > 0) {
		it = &p->items[0];
		printf(" first=%s price=\"%s\" total=\"%s\" link=%s",
		    it->item_id,
		    money_format_cur(&it->price, price, sizeof price),
		    money_format_cur(&it->total, total, sizeof total),
		    ebay_item_link(it) != NULL ? ebay_item_link(it) : "-");
	}
	printf("\n");
	fflush(stdout);
}

static void
helper_err(const char *label, const struct ebay_error *e)
{
	printf("%s status=error code=%s http=%d id=%ld calls=%d retry_at=%lld "
	    "message=%s\n", label, helper_errs[e->code], e->http_status,
	    e->error_id, e->calls, (long long)e->retry_at, e->message);
	fflush(stdout);
}

static int
helper_search(struct helper *h)
{
	struct ebay_page	 p;
	struct ebay_error	 e;
	char			*next = NULL;
	int			 n;

	if (h->nq > 0)
		h->query.q = h->qs[0];
	for (n = 1; n <= h->pages; n++) {
		if (n == 1)
			ebay_search(h->client, &h->query, &p, &e);
		else
			ebay_search_next(h->client, next, &h->query, &p, &e);
		free(next);
		next = NULL;
		if (e.code != EBAY_OK) {
			helper_err("search", &e);
			ebay_page_free(&p);
			return 1;
		}
		helper_page("search", n, &p);
		h->items += p.nitems;
		if (p.next != NULL)
			next = strdup(p.next);
		ebay_page_free(&p);
		if (next == NULL)
			break;
	}
	free(next);
	printf("done items=%zu\n", h->items);
	return 0;
}

static void	helper_cb(void *, struct ebay_page *, const struct ebay_error *);

/* --wake-add: another thread wakes the multi once. */
static void *
helper_waker(void *arg)
{
	ebay_multi_wakeup(arg);
	return NULL;
}

/* The wake-up's callback: on the run's thread, it may add a search. */
static void
helper_woken(void *arg)
{
	struct helper		*h = arg;
	struct helper_job	*j;

	h->woken++;
	if (!pthread_equal(pthread_self(), h->main_thread))
		h->woken_off_main++;
	j = calloc(1, sizeof *j);
	j->h = h;
	j->q = h->wake_add;
	j->page = 1;
	h->query.q = j->q;
	ebay_multi_add(h->multi, &h->query, NULL, helper_cb, j);
}

static void
helper_cb(void *arg, struct ebay_page *p, const struct ebay_error *e)
{
	struct helper_job	*j = arg;
	char			 label[160];
	pthread_t		 t;

	if (j->h->wake_add != NULL && j->h->woken == 0 &&
	    pthread_create(&t, NULL, helper_waker, j->h->multi) == 0)
		pthread_join(t, NULL);

	if (!pthread_equal(pthread_self(), j->h->main_thread))
		j->h->cb_off_main++;
	snprintf(label, sizeof label, "multi q=%s", j->q);
	if (e->code != EBAY_OK) {
		helper_err(label, e);
		j->h->failed++;
		free(j);
		return;
	}
	helper_page(label, j->page, p);
	j->h->items += p->nitems;
	if (p->next != NULL && j->page < j->h->pages) {
		j->page++;
		j->h->query.q = j->q;
		ebay_multi_add(j->h->multi, &j->h->query, p->next, helper_cb,
		    j);
		return;
	}
	free(j);
}

static int
helper_multi(struct helper *h, int concurrency)
{
	struct helper_job	*j;
	size_t			 i, ok;

	h->multi = ebay_multi_new(h->client, concurrency);
	h->main_thread = pthread_self();
	if (h->wake_add != NULL)
		ebay_multi_on_wake(h->multi, helper_woken, h);
	for (i = 0; i < h->nq; i++) {
		j = calloc(1, sizeof *j);
		j->h = h;
		j->q = h->qs[i];
		j->page = 1;
		h->query.q = j->q;
		ebay_multi_add(h->multi, &h->query, NULL, helper_cb, j);
	}
	ok = ebay_multi_run(h->multi, time(NULL) + h->deadline);
	ebay_multi_free(h->multi);
	printf("done items=%zu ok_callbacks=%zu failed=%d cb_off_main=%d\n",
	    h->items, ok, h->failed, h->cb_off_main);
	if (h->wake_add != NULL)
		printf("woken=%d off_main=%d\n", h->woken, h->woken_off_main);
	return h->failed > 0 ? 1 : 0;
}

static void
helper_wait_file(const char *path)
{
	struct timespec	 ts = { 0, 1000000 };
	int		 i;

	for (i = 0; i < 30000 && access(path, F_OK) != 0; i++)
		nanosleep(&ts, NULL);
}

/* GET url twice on one struct fetch: result, status, size, connections. */
static int
helper_fetch(int argc, char **argv)
{
	struct fetch_opts	 o;
	struct fetch_req	 req;
	struct fetch_resp	 r;
	struct fetch		*f;
	int			 i;

	if (argc < 4)
		return 2;
	memset(&o, 0, sizeof o);
	o.max_bytes = (size_t)atol(argv[1]);
	o.timeout_ms = atol(argv[2]);
	o.connect_timeout_ms = o.timeout_ms;
	memset(&req, 0, sizeof req);
	req.url = argv[3];
	req.headers[0] = argc > 4 ? argv[4] : NULL;
	f = fetch_new(&o);
	fetch_resp_init(&r);
	for (i = 1; i <= 2; i++) {
		fetch_once(f, &req, &r);
		printf("fetch=%d res=%s status=%ld bytes=%zu retryable=%s\n", i,
		    fetch_strerror(r.res), r.status, r.body.len,
		    fetch_retryable(&r) ? "yes" : "no");
	}
	printf("connections=%ld\n", fetch_connections(f));
	fetch_resp_free(&r);
	fetch_free(f);
	return 0;
}

int
main(int argc, char **argv)
{
	struct helper		 h;
	const struct cfg	*cfg;
	const char		*source = "web", *cmd, *start_after = NULL;
	struct db		*db;
	enum ebay_sort		 s;
	enum ebay_fmt		 f;
	char			*cause;
	long			 timeout = 0;
	int			 i, concurrency = 4, rc;

	log_init("t0209-ebay-helper");
	if (argc > 1 && strcmp(argv[1], "fetch") == 0)
		return helper_fetch(argc - 1, argv + 1);
	memset(&h, 0, sizeof h);
	ebay_query_init(&h.query);
	h.pages = 1;
	h.deadline = 120;
	for (i = 1; i + 1 < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
		const char *o = argv[i], *v = argv[i + 1];

		if (strcmp(o, "--q") == 0 && h.nq < MAXQ)
			h.qs[h.nq++] = v;
		else if (strcmp(o, "--source") == 0)
			source = v;
		else if (strcmp(o, "--limit") == 0)
			h.query.limit = atoi(v);
		else if (strcmp(o, "--pages") == 0)
			h.pages = atoi(v);
		else if (strcmp(o, "--sort") == 0 && ebay_sort_parse(v, &s))
			h.query.sort = s;
		else if (strcmp(o, "--marketplace") == 0)
			h.query.marketplace = v;
		else if (strcmp(o, "--format") == 0 && ebay_fmt_parse(v, &f))
			h.query.formats |= EBAY_BIT(f);
		else if (strcmp(o, "--exclude") == 0 &&
		    h.query.nexclude_words < 4) {
			h.excl[h.query.nexclude_words++] = v;
			h.query.exclude_words = h.excl;
		} else if (strcmp(o, "--timeout-ms") == 0)
			timeout = atol(v);
		else if (strcmp(o, "--concurrency") == 0)
			concurrency = atoi(v);
		else if (strcmp(o, "--deadline") == 0)
			h.deadline = atoi(v);
		else if (strcmp(o, "--wake-add") == 0)
			h.wake_add = v;
		else if (strcmp(o, "--start-after") == 0)
			start_after = v;
		else {
			fprintf(stderr, "t0209-ebay-helper: bad option %s\n", o);
			return 2;
		}
	}
	if (i >= argc) {
		fprintf(stderr, "usage: t0209-ebay-helper [options] "
		    "search|multi|next URL\n");
		return 2;
	}
	cmd = argv[i];
	if ((cfg = cfg_load(CFG_NEED_DB, &cause)) == NULL) {
		fprintf(stderr, "t0209-ebay-helper: %s\n", cause);
		return 2;
	}
	db = db_open(cfg->database_url, 5000);
	h.client = ebay_client_new(cfg, db, source);
	if (timeout > 0)
		ebay_client_set_timeouts(h.client, timeout, timeout);
	if (start_after != NULL)
		helper_wait_file(start_after);
	if (strcmp(cmd, "search") == 0)
		rc = helper_search(&h);
	else if (strcmp(cmd, "multi") == 0)
		rc = helper_multi(&h, concurrency);
	else if (strcmp(cmd, "next") == 0 && i + 1 < argc) {
		struct ebay_page	 p;
		struct ebay_error	 e;

		if (h.nq > 0)
			h.query.q = h.qs[0];
		else
			h.query.q = "x";
		if (ebay_search_next(h.client, argv[i + 1], &h.query, &p, &e)
		    == EBAY_OK) {
			helper_page("next", 1, &p);
			rc = 0;
		} else {
			helper_err("next", &e);
			rc = 1;
		}
		ebay_page_free(&p);
	} else {
		fprintf(stderr, "t0209-ebay-helper: unknown command %s\n", cmd);
		rc = 2;
	}
	ebay_client_free(h.client);
	db_close(db);
	cfg_free();
	return rc;
}
