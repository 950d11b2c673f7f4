/*
 * eBay client: many searches at once over one libcurl multi (the
 * worker).  Jobs wait in one list; at most `concurrency` run at a time
 * over the multi's shared connection cache.  Each attempt goes through
 * ebay_call_begin/ebay_call_step like a synchronous search, so budget,
 * token, retries and backoff behave the same; a job in backoff simply
 * waits in the list with a not-before time.  Callbacks run from
 * ebay_multi_run, outside any iteration, so they may add jobs.  Reply
 * bodies grow into buffers kept per transfer slot, so a search does not
 * cost a malloc and a dozen reallocs of a third of a megabyte.
 *
 * A page that came back whole (HTTP 200) is parsed on the multi's parser
 * thread (ebay_call_parse), not on the thread that runs the transfers:
 * a 200-item page is a few milliseconds of json-c, and while one is
 * parsed the other transfers' replies would wait to be read and their
 * slots to be refilled.  The parser hands the job back through a list
 * and curl_multi_wakeup; everything else stays on ebay_multi_run's
 * thread.
 */
#include "config.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ebay-int.h"
#include "log.h"
#include "monotime.h"
#include "xmalloc.h"

#define EBAY_MULTI_MAX	16
#define EBAY_MULTI_KEEP	(1024 * 1024)	/* largest body buffer kept */

enum ebay_job_state {
	EBAY_JOB_WAITING,
	EBAY_JOB_RUNNING,
	EBAY_JOB_PARSING,	/* the parser thread owns it */
	EBAY_JOB_DONE
};

struct ebay_job {
	struct ebay_job		*next;
	enum ebay_job_state	 state;
	struct ebay_call	 call;
	ebay_multi_cb		*cb;
	void			*arg;
	CURL			*easy;
	struct fetch_resp	 resp;
	long			 not_before;	/* monotonic ms */
	struct ebay_job		*pnext;		/* in the parser's lists */
	enum ebay_step		 step;		/* the parser's verdict */
};

struct ebay_multi {
	struct ebay_client	*c;
	CURLM			*multi;
	int			 concurrency;
	int			 running;
	struct ebay_job		*jobs;		/* in submission order */
	struct ebay_job		**tail;
	CURL			**pool;		/* idle easy handles */
	size_t			 npool;
	struct buf		*bodies;	/* spare reply buffers */
	size_t			 nbodies;
	size_t			 ok;
	ebay_multi_wake_cb	*wake_cb;
	void			*wake_arg;
	atomic_bool		 woken;		/* ebay_multi_wakeup was called */

	/* The parser thread: pages to parse in, parsed out, under mu. */
	bool			 parser_up;
	pthread_t		 parser;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	struct ebay_job		*pin, **pin_tail, *pout;
	bool			 closing;
	int			 parsing;	/* jobs the parser has */
};

/* The parser thread: parse queued pages, hand them back, wake the run. */
static void *
ebay_multi_parser(void *arg)
{
	struct ebay_multi	*m = arg;
	struct ebay_job		*j;

	pthread_mutex_lock(&m->mu);
	for (;;) {
		while (m->pin == NULL && !m->closing)
			pthread_cond_wait(&m->cv, &m->mu);
		if ((j = m->pin) == NULL)
			break;
		if ((m->pin = j->pnext) == NULL)
			m->pin_tail = &m->pin;
		pthread_mutex_unlock(&m->mu);
		j->step = ebay_call_parse(&j->call, &j->resp);
		pthread_mutex_lock(&m->mu);
		j->pnext = m->pout;
		m->pout = j;
		curl_multi_wakeup(m->multi);
	}
	pthread_mutex_unlock(&m->mu);
	return NULL;
}

struct ebay_multi *
ebay_multi_new(struct ebay_client *c, int concurrency)
{
	struct ebay_multi	*m;

	m = xcalloc(1, sizeof *m);
	m->c = c;
	m->concurrency = concurrency < 1 ? 1 : concurrency > EBAY_MULTI_MAX ?
	    EBAY_MULTI_MAX : concurrency;
	if ((m->multi = curl_multi_init()) == NULL)
		log_fatal("curl_multi_init failed");
	curl_multi_setopt(m->multi, CURLMOPT_MAX_HOST_CONNECTIONS,
	    (long)m->concurrency);
	m->tail = &m->jobs;
	m->pool = xcalloc(m->concurrency, sizeof *m->pool);
	m->bodies = xcalloc(m->concurrency, sizeof *m->bodies);
	atomic_init(&m->woken, false);
	pthread_mutex_init(&m->mu, NULL);
	pthread_cond_init(&m->cv, NULL);
	m->pin_tail = &m->pin;
	/* Without the thread, pages are parsed inline. */
	m->parser_up = pthread_create(&m->parser, NULL, ebay_multi_parser,
	    m) == 0;
	return m;
}

void
ebay_multi_on_wake(struct ebay_multi *m, ebay_multi_wake_cb *cb, void *arg)
{
	m->wake_cb = cb;
	m->wake_arg = arg;
}

void
ebay_multi_wakeup(struct ebay_multi *m)
{
	atomic_store(&m->woken, true);
	curl_multi_wakeup(m->multi);
}

/* A job about to transfer takes a spare body buffer, if any. */
static void
ebay_multi_body_take(struct ebay_multi *m, struct ebay_job *j)
{
	if (m->nbodies == 0 || j->resp.body.data != NULL)
		return;
	buf_free(&j->resp.body);
	j->resp.body = m->bodies[--m->nbodies];
}

/* A judged reply's buffer goes back to the spares (emptied). */
static void
ebay_multi_body_give(struct ebay_multi *m, struct ebay_job *j)
{
	if (j->resp.body.data == NULL)
		return;
	if (m->nbodies < (size_t)m->concurrency &&
	    j->resp.body.cap <= EBAY_MULTI_KEEP) {
		buf_reset(&j->resp.body);
		m->bodies[m->nbodies++] = j->resp.body;
		buf_init(&j->resp.body, 0);
	} else
		buf_free(&j->resp.body);
}

void
ebay_multi_add(struct ebay_multi *m, const struct ebay_query *q,
    const char *next_url, ebay_multi_cb *cb, void *arg)
{
	struct ebay_job	*j;

	j = xcalloc(1, sizeof *j);
	j->cb = cb;
	j->arg = arg;
	fetch_resp_init(&j->resp);
	if (!ebay_call_init(&j->call, m->c, q, next_url))
		j->state = EBAY_JOB_DONE;	/* reported at the next run */
	*m->tail = j;
	m->tail = &j->next;
}

static CURL *
ebay_multi_easy(struct ebay_multi *m)
{
	CURL	*e;

	if (m->npool > 0)
		return m->pool[--m->npool];
	if ((e = curl_easy_init()) == NULL)
		log_fatal("curl_easy_init failed");
	return e;
}

static void
ebay_multi_release(struct ebay_multi *m, struct ebay_job *j)
{
	if (j->easy == NULL)
		return;
	curl_multi_remove_handle(m->multi, j->easy);
	if (m->npool < (size_t)m->concurrency)
		m->pool[m->npool++] = j->easy;
	else
		curl_easy_cleanup(j->easy);
	j->easy = NULL;
	m->running--;
}

/* Start job j's next attempt, or mark it done when it cannot start. */
static void
ebay_multi_start(struct ebay_multi *m, struct ebay_job *j)
{
	struct fetch_req	 req;
	char			*auth;
	bool			 ok;

	if (!ebay_call_begin(m->c, &j->call, &req, &auth)) {
		j->state = EBAY_JOB_DONE;
		return;
	}
	j->easy = ebay_multi_easy(m);
	ebay_multi_body_take(m, j);
	ok = fetch_setup(j->easy, &m->c->opts, &req, &j->resp);
	ebay_auth_header_free(auth);
	if (ok)
		ok = curl_easy_setopt(j->easy, CURLOPT_PRIVATE, j) == CURLE_OK &&
		    curl_multi_add_handle(m->multi, j->easy) == CURLM_OK;
	if (!ok) {
		ebay_err_set(&j->call.err, EBAY_ERR_TRANSPORT, 0,
		    "cannot start the transfer");
		curl_easy_cleanup(j->easy);
		j->easy = NULL;
		j->state = EBAY_JOB_DONE;
		return;
	}
	m->running++;
	j->state = EBAY_JOB_RUNNING;
}

/* An attempt was judged: the job is done, or waits for its next try. */
static void
ebay_multi_judged(struct ebay_multi *m, struct ebay_job *j,
    enum ebay_step step)
{
	ebay_multi_body_give(m, j);
	j->state = EBAY_JOB_WAITING;
	j->not_before = monotime_ms();
	if (step == EBAY_STEP_DONE)
		j->state = EBAY_JOB_DONE;
	else if (step == EBAY_STEP_RETRY)
		j->not_before += fetch_backoff_ms(j->call.retries);
	else if (!ebay_call_reauth(m->c, &j->call))
		j->state = EBAY_JOB_DONE;
}

/* A transfer ended: a page goes to the parser, anything else is judged. */
static void
ebay_multi_finished(struct ebay_multi *m, struct ebay_job *j, CURLcode cc)
{
	fetch_done(j->easy, cc, &j->resp);
	ebay_multi_release(m, j);
	if (!m->parser_up || !ebay_call_parses(&j->resp)) {
		ebay_multi_judged(m, j, ebay_call_step(m->c, &j->call,
		    &j->resp));
		return;
	}
	j->state = EBAY_JOB_PARSING;
	j->pnext = NULL;
	m->parsing++;
	pthread_mutex_lock(&m->mu);
	*m->pin_tail = j;
	m->pin_tail = &j->pnext;
	pthread_cond_signal(&m->cv);
	pthread_mutex_unlock(&m->mu);
}

/*
 * Take the pages the parser has handed back: judge them, or (not judge:
 * the multi is being freed) leave them waiting, for the cancel.
 */
static void
ebay_multi_collect(struct ebay_multi *m, bool judge)
{
	struct ebay_job	*j, *back;

	if (m->parsing == 0)
		return;
	pthread_mutex_lock(&m->mu);
	back = m->pout;
	m->pout = NULL;
	pthread_mutex_unlock(&m->mu);
	while ((j = back) != NULL) {
		back = j->pnext;
		m->parsing--;
		if (judge)
			ebay_multi_judged(m, j, j->step);
		else {
			ebay_multi_body_give(m, j);
			j->state = EBAY_JOB_WAITING;
		}
	}
}

/* Call back and free every done job (unlinked first: callbacks may add). */
static void
ebay_multi_reap(struct ebay_multi *m)
{
	struct ebay_job	**pp, *j, *done = NULL, **dtail = &done;

	for (pp = &m->jobs; (j = *pp) != NULL; ) {
		if (j->state != EBAY_JOB_DONE) {
			pp = &j->next;
			continue;
		}
		*pp = j->next;
		j->next = NULL;
		*dtail = j;
		dtail = &j->next;
	}
	m->tail = pp;
	while ((j = done) != NULL) {
		done = j->next;
		if (j->call.err.code == EBAY_OK) {
			m->ok++;
		} else {
			ebay_page_free(&j->call.page);
			log_warn("ebay: search failed: %s%s%s",
			    ebay_strerror(j->call.err.code),
			    j->call.err.message[0] != '\0' ? ": " : "",
			    j->call.err.message);
		}
		j->cb(j->arg, &j->call.page, &j->call.err);
		ebay_call_free(&j->call);
		fetch_resp_free(&j->resp);
		free(j);
	}
}

static void
ebay_multi_cancel(struct ebay_multi *m, const char *why)
{
	struct ebay_job	*j;

	for (j = m->jobs; j != NULL; j = j->next) {
		if (j->state == EBAY_JOB_DONE || j->state == EBAY_JOB_PARSING)
			continue;
		ebay_multi_release(m, j);
		ebay_page_free(&j->call.page);
		ebay_err_set(&j->call.err, EBAY_ERR_CANCELLED, 0, "%s", why);
		j->state = EBAY_JOB_DONE;
	}
}

/* Start what may start; the ms until a waiting job may, or -1. */
static long
ebay_multi_schedule(struct ebay_multi *m, long now)
{
	struct ebay_job	*j;
	long		 wait = -1;

	for (j = m->jobs; j != NULL; j = j->next) {
		if (j->state != EBAY_JOB_WAITING)
			continue;
		if (j->not_before > now) {
			if (wait < 0 || j->not_before - now < wait)
				wait = j->not_before - now;
			continue;
		}
		if (m->running >= m->concurrency)
			break;
		ebay_multi_start(m, j);
	}
	return wait;
}

size_t
ebay_multi_run(struct ebay_multi *m, time_t deadline)
{
	struct CURLMsg	*msg;
	long		 wait;
	int		 still, left;
	bool		 ended;

	m->ok = 0;
	for (;;) {
		if (atomic_exchange(&m->woken, false) && m->wake_cb != NULL)
			m->wake_cb(m->wake_arg);
		ebay_multi_collect(m, true);
		ebay_multi_reap(m);
		if (m->jobs == NULL)
			break;
		if (deadline != 0 && time(NULL) >= deadline) {
			ebay_multi_cancel(m, "the run's time is up");
			/* Pages being parsed come back in milliseconds. */
			if (m->parsing > 0)
				curl_multi_poll(m->multi, NULL, 0, 100, NULL);
			continue;
		}
		wait = ebay_multi_schedule(m, monotime_ms());
		ebay_multi_reap(m);
		if (m->jobs == NULL)
			break;
		curl_multi_perform(m->multi, &still);
		ended = false;
		while ((msg = curl_multi_info_read(m->multi, &left)) != NULL) {
			struct ebay_job	*j = NULL;

			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE,
			    (char **)&j);
			if (j != NULL) {
				ebay_multi_finished(m, j, msg->data.result);
				ended = true;
			}
		}
		/*
		 * A transfer that ended freed its slot: reap and start the
		 * next job now, not after the next socket event of another.
		 */
		if (ended || (m->running == 0 && wait < 0 && m->parsing == 0))
			continue;
		if (wait < 0 || wait > 200)
			wait = 200;
		curl_multi_poll(m->multi, NULL, 0, (int)wait, NULL);
	}
	return m->ok;
}

void
ebay_multi_free(struct ebay_multi *m)
{
	size_t	 i;

	if (m == NULL)
		return;
	if (m->parser_up) {
		/* The parser finishes what it has, then stops. */
		pthread_mutex_lock(&m->mu);
		m->closing = true;
		pthread_cond_broadcast(&m->cv);
		pthread_mutex_unlock(&m->mu);
		pthread_join(m->parser, NULL);
		ebay_multi_collect(m, false);
	}
	ebay_multi_cancel(m, "the batch was freed");
	ebay_multi_reap(m);
	for (i = 0; i < m->npool; i++)
		curl_easy_cleanup(m->pool[i]);
	free(m->pool);
	for (i = 0; i < m->nbodies; i++)
		buf_free(&m->bodies[i]);
	free(m->bodies);
	curl_multi_cleanup(m->multi);
	pthread_cond_destroy(&m->cv);
	pthread_mutex_destroy(&m->mu);
	free(m);
}
