/*
 * ebay-scan [scan]: one pass of the worker (SPEC section 4, items 1-4),
 * run by the crontab every minute.
 *
 * The pass plans the day's budget (scan-budget.c), takes back the leases
 * of dead local runs, then claims due searches a batch at a time
 * (scan-claim.c) and runs them through the eBay client's multi interface,
 * at most --concurrency transfers at once.  Each search's callback follows
 * `next` while pages come back full, then commits the search in one
 * transaction (scan-commit.c) and claims more while time is left.  The
 * commits are done by writer threads, each with its own connection, so
 * that recording overlaps the network: the main thread only claims,
 * fetches and queues.  The queue is bounded (--queue, default
 * SCAN_DEFAULT_QUEUE searches, counting those still being fetched): while
 * it is full the main thread claims nothing and starts no new search, and
 * when no transfer is left it sleeps until a writer takes a search (or the
 * claiming time is over), so that a slow database holds back the fetching
 * instead of piling fetched pages up in memory.  A writer that takes a
 * search from a queue the main thread found full wakes it even while
 * transfers are under way (ebay_multi_wakeup), so that it claims at once
 * instead of running fewer transfers until the next one ends.  It stops
 * claiming when --max-seconds is near, and at --max-seconds the transfers
 * still under way are abandoned (those searches stay due), so runs never
 * pile up.  A quota stop (our budget spent, or eBay's 429) stops every
 * search still queued or paging.
 */
#include "config.h"

#include <getopt.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cfg.h"
#include "db.h"
#include "ebay.h"
#include "ebay-scan.h"
#include "log.h"
#include "notify-outbox.h"
#include "scan.h"
#include "xmalloc.h"

#define SCAN_DEFAULT_CONCURRENCY	4
#define SCAN_DEFAULT_MAX_SECONDS	50
#define SCAN_WRITERS_MAX		4
#define SCAN_DEFAULT_QUEUE		64
#define SCAN_QUEUE_MAX			10000

struct scan_run {
	struct scan_ctx		*ctx;
	struct ebay_client	*client;
	struct ebay_multi	*multi;
	char			*owner;
	int			 concurrency;
	int			 queue_max;	/* --queue */
	int			 lease_seconds;
	bool			 dry_run;
	int64_t			 only;		/* --search ID, else 0 */
	time_t			 claim_until;
	time_t			 deadline;
	struct timespec		 started;

	/* Main thread only. */
	bool			 stop_claiming;
	int64_t			 peek_after;	/* --dry-run: last id read */
	size_t			 outstanding;	/* claimed, not fetched */

	/*
	 * The writers: a queue of fetched searches, under mu.  cv wakes
	 * the writers, room the main thread (a writer took a search).
	 */
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	pthread_cond_t		 room;
	struct scan_job		*qhead, *qtail;
	size_t			 qlen, qpeak;
	bool			 closing;
	bool			 want_room;	/* the main thread found no room */
	struct ebay_multi	*waker;		/* r->multi while it may be woken */
	int			 nwriters;
	pthread_t		 writers[SCAN_WRITERS_MAX];

	/* What happened (under mu). */
	size_t			 claimed, done, counts[SCAN_OUT__MAX];
	int			 calls, fresh, price_changes, ended, relisted;
	size_t			 seen;
	double			 db_seconds;
	bool			 db_failed;
	enum db_err		 db_err;
	bool			 quota_429;
	bool			 progress;	/* a bar on a terminal */
};

static double
scan_elapsed(const struct timespec *since)
{
	struct timespec	 now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - since->tv_sec) +
	    (double)(now.tv_nsec - since->tv_nsec) / 1e9;
}

static void
scan_progress(struct scan_run *r, bool last)
{
	char	 bar[21];
	size_t	 i, fill;

	if (!r->progress)
		return;
	fill = r->claimed == 0 ? 0 : r->done * 20 / r->claimed;
	for (i = 0; i < 20; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[20] = '\0';
	fprintf(stderr, "\r\033[Kebay-scan [%s] %zu/%zu searches, %d calls, "
	    "%d new%s", bar, r->done, r->claimed, r->calls, r->fresh,
	    last ? "\n" : "");
	fflush(stderr);
}

/* One line per search: on a terminal only with --verbose. */
static void
scan_report(struct scan_run *r, const struct scan_job *j, double secs)
{
	enum log_level	 level;

	if (r->dry_run) {
		printf("search %s: %s, %d call%s, %d seen, %d new, %d price "
		    "change%s, %d ended, %d relisted%s\n", j->ids,
		    scan_outcome_name(j->outcome), j->calls,
		    j->calls == 1 ? "" : "s", j->seen, j->fresh,
		    j->price_changes, j->price_changes == 1 ? "" : "s",
		    j->ended, j->relisted, j->outcome == SCAN_OUT_OK ?
		    " (dry run: nothing written)" : "");
		return;
	}
	level = j->outcome == SCAN_OUT_OK || j->outcome == SCAN_OUT_CANCELLED ?
	    LOG_LEVEL_INFO : LOG_LEVEL_WARN;
	if (r->progress && !r->ctx->verbose && level == LOG_LEVEL_INFO)
		return;
	if (r->progress)
		fprintf(stderr, "\r\033[K");
	if (j->outcome == SCAN_OUT_OK)
		log_msg(level, "search %s: ok, %d call%s, %d seen, %d new, "
		    "%d price change%s, %d ended, %d relisted (%.2f s)",
		    j->ids, j->calls, j->calls == 1 ? "" : "s", j->seen,
		    j->fresh, j->price_changes,
		    j->price_changes == 1 ? "" : "s", j->ended, j->relisted,
		    secs);
	else
		log_msg(level, "search %s: %s, %d call%s: %s%s%s", j->ids,
		    scan_outcome_name(j->outcome), j->calls,
		    j->calls == 1 ? "" : "s", j->err.code == EBAY_OK ? "" :
		    ebay_strerror(j->err.code), j->err.code != EBAY_OK &&
		    (j->err.message[0] != '\0' || j->problem != NULL) ? ": " : "",
		    j->problem != NULL ? j->problem : j->err.message);
}

static void	scan_refill(struct scan_run *);


/* Commit a fetched search on db, then count and report it (any thread). */
static void
scan_finish(struct scan_run *r, struct scan_job *j, struct db *db)
{
	struct timespec	 t0;
	bool		 ok;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (j->outcome == SCAN_OUT_OK)
		ok = scan_commit_search(db, r->owner, j, r->dry_run,
		    r->only != 0);
	else
		ok = r->dry_run || scan_commit_failure(db, r->owner, j,
		    r->only != 0);
	j->db_seconds = scan_elapsed(&t0);
	pthread_mutex_lock(&r->mu);
	r->db_seconds += j->db_seconds;
	if (!ok) {
		r->db_failed = true;
		pthread_cond_signal(&r->room);
		r->db_err = db_error(db);
		j->outcome = SCAN_OUT_ERROR;
		j->err.code = EBAY_OK;
		snprintf(j->err.message, sizeof j->err.message,
		    "not recorded: database error");
	}
	r->counts[j->outcome]++;
	r->done++;
	r->calls += j->calls;
	r->fresh += j->fresh;
	r->seen += (size_t)j->seen;
	r->price_changes += j->price_changes;
	r->ended += j->ended;
	r->relisted += j->relisted;
	scan_report(r, j, (double)(time(NULL) - j->claimed_at));
	scan_progress(r, false);
	pthread_mutex_unlock(&r->mu);
	scan_job_free(j);
}

/* A writer thread: commits queued searches on its own connection. */
static void *
scan_writer(void *arg)
{
	struct scan_run	*r = arg;
	struct scan_job	*j;
	struct db	*db;

	db = db_open(r->ctx->cfg->database_url, 5000);
	for (;;) {
		pthread_mutex_lock(&r->mu);
		while (r->qhead == NULL && !r->closing)
			pthread_cond_wait(&r->cv, &r->mu);
		if ((j = r->qhead) == NULL) {
			pthread_mutex_unlock(&r->mu);
			break;
		}
		if ((r->qhead = j->next) == NULL)
			r->qtail = NULL;
		r->qlen--;
		pthread_cond_signal(&r->room);
		/* The main thread may be in its transfers' poll: wake it. */
		if (r->want_room && r->waker != NULL)
			ebay_multi_wakeup(r->waker);
		r->want_room = false;
		pthread_mutex_unlock(&r->mu);
		scan_finish(r, j, db);
	}
	db_close(db);
	return NULL;
}

/* A search's fetch is over (main thread): queue its commit, claim more. */
static void
scan_done(struct scan_run *r, struct scan_job *j)
{
	bool	 failed;

	r->outstanding--;
	if (r->nwriters == 0)
		scan_finish(r, j, r->ctx->db);
	else {
		pthread_mutex_lock(&r->mu);
		j->next = NULL;
		if (r->qtail != NULL)
			r->qtail->next = j;
		else
			r->qhead = j;
		r->qtail = j;
		if (++r->qlen > r->qpeak)
			r->qpeak = r->qlen;
		pthread_cond_signal(&r->cv);
		pthread_mutex_unlock(&r->mu);
	}
	pthread_mutex_lock(&r->mu);
	failed = r->db_failed;
	pthread_mutex_unlock(&r->mu);
	if (failed)
		r->stop_claiming = true;
	scan_refill(r);
}

static enum scan_outcome
scan_outcome_of(const struct ebay_error *err)
{
	switch (err->code) {
	case EBAY_OK:
		return SCAN_OUT_OK;
	case EBAY_ERR_QUOTA:
		return SCAN_OUT_QUOTA;
	case EBAY_ERR_CANCELLED:
		return SCAN_OUT_CANCELLED;
	default:
		return SCAN_OUT_ERROR;
	}
}

/*
 * The client's callback for one page of one search.  Full pages are
 * followed (never on a search's first run, which records the newest page
 * only and starts its cursor there); a failure anywhere fails the whole
 * search, so that a partial fetch is never recorded.
 */
static void
scan_cb(void *arg, struct ebay_page *page, const struct ebay_error *err)
{
	struct scan_job	*j = arg;
	struct scan_run	*r = j->run;
	bool		 full;

	j->calls += err->calls;
	if (err->code != EBAY_OK) {
		j->err = *err;
		j->outcome = scan_outcome_of(err);
		if (j->outcome == SCAN_OUT_QUOTA) {
			r->stop_claiming = true;
			if (err->http_status == 429)
				r->quota_429 = true;
		}
		scan_done(r, j);
		return;
	}
	if (page->problem != NULL) {
		j->problem = xstrdup(page->problem);
		j->outcome = SCAN_OUT_WARNING;
		scan_done(r, j);
		return;
	}
	j->pages = xreallocarray(j->pages, j->npages + 1, sizeof *j->pages);
	memset(&j->pages[j->npages], 0, sizeof *j->pages);
	ebay_page_move(&j->pages[j->npages++], page);
	page = &j->pages[j->npages - 1];
	full = page->next != NULL && page->raw_count >= SCAN_PAGE_LIMIT;
	if (full && !j->first_run && j->npages < SCAN_MAX_PAGES) {
		ebay_multi_add(r->multi, &j->query, page->next, scan_cb, j);
		return;
	}
	j->complete = !full;
	j->capped = full && !j->first_run;
	j->outcome = SCAN_OUT_OK;
	scan_done(r, j);
}

/* Claim (or, dry, read) up to n searches and submit them. */
static void
scan_claim(struct scan_run *r, int n)
{
	PGresult	*res;
	struct scan_job	*j;
	int		 i, rows;

	if (r->dry_run)
		res = r->only != 0 ? scan_peek_one(r->ctx->db, r->only) :
		    scan_peek_due(r->ctx->db, r->peek_after, n);
	else
		res = r->only != 0 ? scan_claim_one(r->ctx->db, r->owner,
		    r->only, r->lease_seconds) : scan_claim_due(r->ctx->db,
		    r->owner, n, r->lease_seconds);
	if (res == NULL) {
		log_error("cannot claim searches: %s", db_errmsg(r->ctx->db));
		pthread_mutex_lock(&r->mu);
		r->db_failed = true;
		r->db_err = db_error(r->ctx->db);
		pthread_mutex_unlock(&r->mu);
		r->stop_claiming = true;
		return;
	}
	rows = PQntuples(res);
	if (rows < n || r->only != 0)
		r->stop_claiming = true;
	for (i = 0; i < rows; i++) {
		j = scan_job_from_row(res, i);
		j->run = r;
		j->claimed_at = time(NULL);
		if (j->id > r->peek_after)
			r->peek_after = j->id;
		pthread_mutex_lock(&r->mu);
		r->claimed++;
		pthread_mutex_unlock(&r->mu);
		r->outstanding++;
		log_debug("search %s: claimed (%s run, window from %lld)",
		    j->ids, j->first_run ? "first" : "next",
		    (long long)j->window_start);
		ebay_multi_add(r->multi, &j->query, NULL, scan_cb, j);
	}
	PQclear(res);
	pthread_mutex_lock(&r->mu);
	scan_progress(r, false);
	pthread_mutex_unlock(&r->mu);
}

/*
 * Room left in the queue (main thread): searches queued and searches
 * claimed but not fetched count against --queue, so that the queue never
 * holds more than --queue searches whatever the transfers bring back.
 */
static size_t
scan_room(struct scan_run *r)
{
	size_t	 used;

	pthread_mutex_lock(&r->mu);
	used = r->qlen + r->outstanding;
	if (used >= (size_t)r->queue_max)
		r->want_room = true;	/* the next writer to take one wakes us */
	pthread_mutex_unlock(&r->mu);
	return used >= (size_t)r->queue_max ? 0 : (size_t)r->queue_max - used;
}

/*
 * No transfer left (main thread): while the queue is full, sleep until a
 * writer takes a search.  False when claiming is over (or no room came
 * before the claiming time ran out).
 */
static bool
scan_await_room(struct scan_run *r)
{
	struct timespec	 until;
	bool		 room = true;

	if (r->stop_claiming)
		return false;
	until.tv_sec = r->claim_until;
	until.tv_nsec = 0;
	pthread_mutex_lock(&r->mu);
	while (!r->db_failed && r->qlen + r->outstanding >=
	    (size_t)r->queue_max)
		if (pthread_cond_timedwait(&r->room, &r->mu, &until) != 0 &&
		    time(NULL) >= r->claim_until) {
			room = false;
			break;
		}
	if (r->db_failed)
		room = false;
	pthread_mutex_unlock(&r->mu);
	if (!room)
		r->stop_claiming = true;
	return room;
}

/* A writer made room while transfers ran (ebay_multi_run's thread). */
static void
scan_woken(void *arg)
{
	scan_refill(arg);
}

/* Before the multi is freed: writers must not wake it any more. */
static void
scan_unwake(struct scan_run *r)
{
	pthread_mutex_lock(&r->mu);
	r->waker = NULL;
	pthread_mutex_unlock(&r->mu);
}

/*
 * Keep about two batches claimed while there is time, work and room in
 * the queue.
 */
static void
scan_refill(struct scan_run *r)
{
	size_t	 want, room;

	if (r->stop_claiming)
		return;
	if (time(NULL) >= r->claim_until) {
		log_debug("time is nearly up: no more claims");
		r->stop_claiming = true;
		return;
	}
	want = (size_t)r->concurrency * 2;
	if (r->outstanding + (size_t)r->concurrency > want)
		return;
	if ((room = scan_room(r)) == 0) {
		log_debug("the queue is full: no claims until writers take "
		    "some");
		return;
	}
	if (want - r->outstanding > room)
		want = r->outstanding + room;
	scan_claim(r, (int)(want - r->outstanding));
}

static void
scan_usage(FILE *f)
{
	fprintf(f, "usage: ebay-scan [scan] [--search ID] [--dry-run] "
	    "[--max-seconds N]\n"
	    "                 [--concurrency N] [--queue N] "
	    "[--verbose | --quiet]\n");
}

static bool
scan_number(const char *s, long long min, long long max, long long *out)
{
	char		*end;
	long long	 n;

	n = strtoll(s, &end, 10);
	if (*s == '\0' || *end != '\0' || n < min || n > max)
		return false;
	*out = n;
	return true;
}

static int
scan_options(struct scan_run *r, int *max_seconds, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "search", required_argument, NULL, 's' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "max-seconds", required_argument, NULL, 't' },
		{ "concurrency", required_argument, NULL, 'c' },
		{ "queue", required_argument, NULL, 'Q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	long long	 n;
	int		 ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "s:nt:c:vqh", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 's':
			if (!scan_number(optarg, 1, INT64_MAX, &n))
				goto bad;
			r->only = n;
			break;
		case 'n':
			r->dry_run = true;
			break;
		case 't':
			if (!scan_number(optarg, 1, 3600, &n))
				goto bad;
			*max_seconds = (int)n;
			break;
		case 'c':
			if (!scan_number(optarg, 1, 16, &n))
				goto bad;
			r->concurrency = (int)n;
			break;
		case 'Q':
			if (!scan_number(optarg, 1, SCAN_QUEUE_MAX, &n))
				goto bad;
			r->queue_max = (int)n;
			break;
		case 'v':
			r->ctx->verbose = true;
			log_set_level(LOG_LEVEL_DEBUG);
			break;
		case 'q':
			r->ctx->quiet = true;
			log_set_level(LOG_LEVEL_WARN);
			break;
		case 'h':
			scan_usage(stdout);
			return SCAN_EXIT_OK;
		default:
			scan_usage(stderr);
			return SCAN_EXIT_USAGE;
		}
	}
	if (optind != argc) {
		scan_usage(stderr);
		return SCAN_EXIT_USAGE;
	}
	return -1;
bad:
	fprintf(stderr, "ebay-scan: bad value for %s: %s (--search: an id; "
	    "--max-seconds: 1-3600; --concurrency: 1-16; --queue: 1-10000)\n",
	    argv[optind - 1], optarg);
	return SCAN_EXIT_USAGE;
}

/*
 * Writers: one per four transfers (at most SCAN_WRITERS_MAX); none with
 * --search, where the main thread commits.
 */
static void
scan_writers_start(struct scan_run *r)
{
	int	 i, n;

	n = r->only != 0 ? 0 : (r->concurrency + 3) / 4;
	if (n > SCAN_WRITERS_MAX)
		n = SCAN_WRITERS_MAX;
	for (i = 0; i < n; i++) {
		if (pthread_create(&r->writers[i], NULL, scan_writer, r) != 0)
			break;
		r->nwriters++;
	}
}

/* Let the writers drain the queue, and wait for them. */
static void
scan_writers_stop(struct scan_run *r)
{
	int	 i;

	pthread_mutex_lock(&r->mu);
	r->closing = true;
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->mu);
	for (i = 0; i < r->nwriters; i++)
		pthread_join(r->writers[i], NULL);
	r->nwriters = 0;
}

/* Before claiming: the budget, and whether there is anything to spend. */
static int
scan_prepare(struct scan_run *r)
{
	struct scan_budget	 b;
	struct tm		 tm;
	char			 when[32] = "", why[160];
	time_t			 until;

	if (!r->dry_run && scan_claim_reclaim_dead(r->ctx->db, r->owner) < 0)
		return SCAN_EXIT_NODB;
	if (!scan_budget_plan(r->ctx->db, r->ctx->cfg, !r->dry_run, &b))
		return db_error(r->ctx->db) == DB_ERR_UNAVAILABLE ?
		    SCAN_EXIT_NODB : SCAN_EXIT_FAILED;
	if (b.remaining > 0 && b.blocked_until == 0)
		return -1;
	until = b.blocked_until != 0 ? b.blocked_until : b.next_reset;
	if (gmtime_r(&until, &tm) != NULL)
		strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", &tm);
	snprintf(why, sizeof why, "%s; calls resume at %s", b.blocked_until ?
	    "eBay refused calls (quota)" : "today's call budget is spent",
	    when);
	log_info("%s: nothing scanned", why);
	if (!r->dry_run && !scan_budget_mark_quota(r->ctx->db, why, until))
		return SCAN_EXIT_NODB;
	return r->only != 0 ? SCAN_EXIT_FAILED : SCAN_EXIT_OK;
}

static int
scan_status(const struct scan_run *r)
{
	if (r->db_failed)
		return r->db_err == DB_ERR_UNAVAILABLE ? SCAN_EXIT_NODB :
		    SCAN_EXIT_FAILED;
	if (r->counts[SCAN_OUT_ERROR] > 0 || r->counts[SCAN_OUT_WARNING] > 0 ||
	    r->counts[SCAN_OUT_LOST] > 0 || r->quota_429)
		return SCAN_EXIT_FAILED;
	if (r->only != 0 && r->counts[SCAN_OUT_OK] == 0)
		return SCAN_EXIT_FAILED;
	return SCAN_EXIT_OK;
}

/* --search ID found nothing to claim: say why. */
static int
scan_only_missing(struct scan_run *r)
{
	PGresult	*res;
	int		 n;

	if ((res = scan_peek_one(r->ctx->db, r->only)) == NULL)
		return SCAN_EXIT_NODB;
	n = PQntuples(res);
	PQclear(res);
	if (n == 0) {
		fprintf(stderr, "ebay-scan: no search %lld\n",
		    (long long)r->only);
		return SCAN_EXIT_USAGE;
	}
	fprintf(stderr, "ebay-scan: search %lld is being scanned by another "
	    "run\n", (long long)r->only);
	return SCAN_EXIT_FAILED;
}

/*
 * After the pass, the outbox (lib/notify-outbox.c): alerts due now, retries
 * and digests go out, every channel at once.  A failing channel is logged
 * and retried by later runs; it does not change the scan's exit status.
 */
static void
scan_deliver(struct scan_ctx *ctx)
{
	struct notify_outbox_stats	 st;

	if (!notify_outbox_deliver(ctx->db, scan_now(), &st))
		log_warn("alert delivery: %s", notify_outbox_failure(ctx->db));
	else if (st.channels > 0)
		log_info("alerts: %ld delivered to %ld channels, %ld channels "
		    "failed", st.sent, st.channels - st.failed, st.failed);
}

static int
cmd_scan_exec(struct scan_ctx *ctx, int argc, char **argv)
{
	struct scan_run	 r;
	int		 max_seconds = SCAN_DEFAULT_MAX_SECONDS, status;
	time_t		 now;

	memset(&r, 0, sizeof r);
	r.ctx = ctx;
	r.concurrency = SCAN_DEFAULT_CONCURRENCY;
	r.queue_max = SCAN_DEFAULT_QUEUE;
	if ((status = scan_options(&r, &max_seconds, argc, argv)) >= 0)
		return status;
	log_set_context("scan");
	clock_gettime(CLOCK_MONOTONIC, &r.started);
	now = time(NULL);
	r.deadline = now + max_seconds;
	r.claim_until = now + max_seconds - (max_seconds >= 40 ? 10 :
	    max_seconds / 4);
	r.lease_seconds = max_seconds + 60;
	r.progress = !ctx->quiet && !r.dry_run && isatty(STDERR_FILENO);
	if (db_connect(ctx->db) != DB_OK) {
		log_error("database unavailable: %s", db_errmsg(ctx->db));
		return SCAN_EXIT_NODB;
	}
	r.owner = scan_claim_owner();
	if ((status = scan_prepare(&r)) >= 0) {
		free(r.owner);
		return status;
	}
	pthread_mutex_init(&r.mu, NULL);
	pthread_cond_init(&r.cv, NULL);
	pthread_cond_init(&r.room, NULL);
	scan_writers_start(&r);
	r.client = ebay_client_new(ctx->cfg, NULL, "worker");
	r.multi = ebay_multi_new(r.client, r.concurrency);
	ebay_multi_on_wake(r.multi, scan_woken, &r);
	pthread_mutex_lock(&r.mu);
	r.waker = r.multi;
	pthread_mutex_unlock(&r.mu);
	scan_claim(&r, r.only != 0 ? 1 : r.concurrency * 2 < r.queue_max ?
	    r.concurrency * 2 : r.queue_max);
	if (r.only != 0 && r.claimed == 0 && !r.db_failed) {
		scan_unwake(&r);
		ebay_multi_free(r.multi);
		ebay_client_free(r.client);
		scan_writers_stop(&r);
		free(r.owner);
		return scan_only_missing(&r);
	}
	/*
	 * The transfers run until none is left; then, unless claiming is
	 * over, the queue was full: wait for room and claim again.
	 */
	for (;;) {
		(void)ebay_multi_run(r.multi, r.deadline);
		if (!scan_await_room(&r))
			break;
		scan_refill(&r);
		if (r.outstanding == 0)
			break;
	}
	r.stop_claiming = true;
	scan_unwake(&r);
	ebay_multi_free(r.multi);
	ebay_client_free(r.client);
	scan_writers_stop(&r);
	scan_progress(&r, true);
	if (r.counts[SCAN_OUT_QUOTA] > 0 && !r.dry_run && !r.db_failed &&
	    !scan_budget_mark_quota(ctx->db, "eBay call quota exhausted: "
	    "waiting for the reset", 0))
		r.db_failed = true;
	if (r.claimed > 0 || ctx->verbose)
		log_info("%zu search%s scanned (%zu ok, %zu failed, %zu "
		    "quota, %zu deferred), %d calls, %zu listings seen, %d new, "
		    "%d price changes, %d ended, %d relisted in %.1f s "
		    "(%.1f s recording), at most %zu queued (of %d)%s",
		    r.done, r.done == 1 ? "" : "es",
		    r.counts[SCAN_OUT_OK], r.counts[SCAN_OUT_ERROR] +
		    r.counts[SCAN_OUT_WARNING] + r.counts[SCAN_OUT_LOST],
		    r.counts[SCAN_OUT_QUOTA], r.counts[SCAN_OUT_CANCELLED],
		    r.calls, r.seen, r.fresh, r.price_changes, r.ended,
		    r.relisted, scan_elapsed(&r.started), r.db_seconds,
		    r.qpeak, r.queue_max, r.dry_run ? " (dry run: nothing written)" : "");
	if (!r.dry_run && !r.db_failed)
		scan_deliver(ctx);
	free(r.owner);
	return scan_status(&r);
}

const struct scan_cmd scan_cmd_scan = {
	.name = "scan",
	.usage = "[options]",
	.summary = "one pass over the due searches (the default command)",
	.exec = cmd_scan_exec,
};
