/*
 * Per-process caches of the FastCGI programs, so that a page viewed again
 * costs no database round trip: signed-in sessions (token hash -> user,
 * CSRF token, expiry) and rendered GET pages.
 *
 * A page is cached only if all of these hold: the request is a GET or
 * HEAD with a session cookie (not an API token, not an API route, no flash
 * cookie); the answer is an HTML page (page_send) with status 200 and no
 * Set-Cookie.  Its key is the session's token hash, the path and the
 * query: a page is only ever served to the session that made it (its
 * forms carry that session's CSRF token).  It lives CACHE_PAGE_TTL_MS,
 * since pages show relative times; all pages together stay below
 * CACHE_PAGE_BYTES.  A session is reread from the database after
 * CACHE_SESSION_TTL seconds (so its expiry keeps sliding) and never used
 * past its expires_at.
 *
 * Invalidation: both caches are dropped whole, at the start of a request,
 * when
 *   - PostgreSQL notified the channel web_changed: sql/0020-web-notify.sql
 *     makes every change to a table pages read notify it, whoever made
 *     the change.  Checking costs no round trip (db_notified reads what
 *     the server already sent on the open connection);
 *   - the connection was reopened, or LISTEN failed (nothing is known);
 *   - the generation counter shared by every FastCGI process on the host
 *     (a shared memory segment named after DATABASE_URL) moved: any
 *     request other than GET or HEAD that reached a handler bumps it
 *     before its answer is sent, so the web's own writes (logout
 *     included) are seen by the very next request, whichever process
 *     serves it.  A page rendered while the counter moved is not stored.
 * Without the shared segment nothing is cached.
 */
#include "config.h"

#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cgi.h"
#include "db.h"
#include "log.h"
#include "monotime.h"
#include "page.h"
#include "secret.h"
#include "xmalloc.h"

#define CACHE_CHANNEL		"web_changed"
#define CACHE_PAGES		32
#define CACHE_PAGE_BYTES	(1024 * 1024)
#define CACHE_PAGE_TTL_MS	1000
#define CACHE_SESSIONS		64
#define CACHE_SESSION_TTL	60

struct cache_page {
	char		 sid[SECRET_SHA256_HEX];	/* "" when free */
	int64_t		 user_id;
	char		*key;		/* path, then "?query" if any */
	char		*head;
	size_t		 headlen;
	char		*body;
	size_t		 bodylen;
	long		 at;		/* monotonic ms */
};

struct cache_session {
	char		 sid[SECRET_SHA256_HEX];	/* "" when free */
	int64_t		 user_id;
	char		*username;
	char		*csrf;
	time_t		 expires;	/* wall clock */
	long		 at;		/* monotonic ms */
};

static struct {
	struct db		*db;
	uint64_t		*gen;		/* shared; NULL: no caching */
	uint64_t		 seen_gen;
	uint64_t		 connects;
	struct cache_page	 pages[CACHE_PAGES];
	size_t			 bytes;
	struct cache_session	 sessions[CACHE_SESSIONS];
} cache;

static void
cache_page_drop(struct cache_page *p)
{
	cache.bytes -= p->headlen + p->bodylen;
	free(p->key);
	free(p->head);
	free(p->body);
	memset(p, 0, sizeof *p);
}

static void
cache_session_drop(struct cache_session *s)
{
	free(s->username);
	free(s->csrf);
	memset(s, 0, sizeof *s);
}

static void
cache_flush(void)
{
	size_t	 i;

	for (i = 0; i < CACHE_PAGES; i++)
		if (cache.pages[i].sid[0] != '\0')
			cache_page_drop(&cache.pages[i]);
	for (i = 0; i < CACHE_SESSIONS; i++)
		if (cache.sessions[i].sid[0] != '\0')
			cache_session_drop(&cache.sessions[i]);
}

/*
 * Set up the caches for this process: LISTEN on db's connections and map
 * the host's generation counter.  Without the counter nothing is cached.
 * A one-request process (plain CGI, !serving) caches nothing: it only
 * bumps the counter of the FastCGI programs if they run, and creates no
 * segment that nobody would remove.
 */
void
cache_init(struct db *db, const char *database_url, bool serving)
{
	char	 hash[SECRET_SHA256_HEX], name[64];
	void	*p;
	int	 fd;

	cache.db = db;
	secret_sha256_hex(database_url, strlen(database_url), hash);
	snprintf(name, sizeof name, "/ebay-scanner-%.16s", hash);
	if ((fd = shm_open(name, serving ? O_RDWR | O_CREAT : O_RDWR,
	    0600)) == -1) {
		if (serving || errno != ENOENT)
			log_warn("cache: shm_open %s: %s; pages are not "
			    "cached", name, strerror(errno));
		return;
	}
	if (ftruncate(fd, sizeof *cache.gen) == -1 ||
	    (p = mmap(NULL, sizeof *cache.gen, PROT_READ | PROT_WRITE,
	    MAP_SHARED, fd, 0)) == MAP_FAILED) {
		log_warn("cache: %s: %s; pages are not cached", name,
		    strerror(errno));
		close(fd);
		return;
	}
	close(fd);
	cache.gen = p;
	cache.seen_gen = __atomic_load_n(cache.gen, __ATOMIC_ACQUIRE);
	if (serving)
		db_listen(db, CACHE_CHANNEL);
}

/*
 * At the start of a request that has a database connection: drop the
 * caches if anything may have changed since the last request, and say
 * whether this request may use them.
 */
void
cache_sync(struct req *req)
{
	uint64_t	 g;
	bool		 notified;

	req->cache_ok = false;
	if (cache.gen == NULL || req->db != cache.db)
		return;
	g = __atomic_load_n(cache.gen, __ATOMIC_ACQUIRE);
	notified = db_notified(cache.db) ||
	    db_connects(cache.db) != cache.connects;
	cache.connects = db_connects(cache.db);
	if (notified || g != cache.seen_gen) {
		cache_flush();
		cache.seen_gen = g;
	}
	/* Without LISTEN nothing is known: cache nothing. */
	req->cache_ok = db_listening(cache.db);
	req->cache_gen = g;
}

/* A request other than GET or HEAD reached a handler: tell every process. */
void
cache_changed(void)
{
	if (cache.gen != NULL)
		__atomic_add_fetch(cache.gen, 1, __ATOMIC_ACQ_REL);
}

/* True if the generation is still the one this request started with. */
static bool
cache_current(const struct req *req)
{
	return req->cache_ok &&
	    __atomic_load_n(cache.gen, __ATOMIC_ACQUIRE) == req->cache_gen;
}

/*
 * The session whose token hashes to sid: sets req's user_id, username and
 * csrf and returns true, or false if it is not cached (or expired).
 */
bool
cache_session_get(struct req *req, const char *sid)
{
	struct cache_session	*s;
	long			 now = monotime_ms();
	size_t			 i;

	if (!req->cache_ok)
		return false;
	for (i = 0; i < CACHE_SESSIONS; i++) {
		s = &cache.sessions[i];
		if (strcmp(s->sid, sid) != 0)
			continue;
		if (now - s->at >= CACHE_SESSION_TTL * 1000L ||
		    time(NULL) >= s->expires) {
			cache_session_drop(s);
			return false;
		}
		req->user_id = s->user_id;
		req->username = xstrdup(s->username);
		req->csrf = s->csrf != NULL ? xstrdup(s->csrf) : NULL;
		return true;
	}
	return false;
}

/* Remember req's session, read from the database, until expires. */
void
cache_session_put(struct req *req, const char *sid, time_t expires)
{
	struct cache_session	*s, *old = NULL;
	size_t			 i;

	if (!cache_current(req) || strlen(sid) + 1 != sizeof s->sid)
		return;
	for (i = 0; i < CACHE_SESSIONS; i++) {
		s = &cache.sessions[i];
		if (s->sid[0] == '\0' || strcmp(s->sid, sid) == 0) {
			old = s;
			break;
		}
		if (old == NULL || s->at < old->at)
			old = s;
	}
	if (old->sid[0] != '\0')
		cache_session_drop(old);
	memcpy(old->sid, sid, sizeof old->sid);
	old->user_id = req->user_id;
	old->username = xstrdup(req->username);
	old->csrf = req->csrf != NULL ? xstrdup(req->csrf) : NULL;
	old->expires = expires;
	old->at = monotime_ms();
}

/* Whether req's answer may come from, or go to, the page cache. */
static bool
cache_page_ok(const struct req *req)
{
	const char	*flash;

	if (!req->cache_ok || req->user_id == 0 || req->via_token ||
	    req->sid[0] == '\0' || (req->route->flags & ROUTE_API) ||
	    (req->method != METHOD_GET && req->method != METHOD_HEAD))
		return false;
	flash = form_get(&req->cookies, PAGE_FLASH_COOKIE);
	return flash == NULL || *flash == '\0';
}

static char *
cache_key(const struct req *req)
{
	char	*key;

	if (req->query_string == NULL)
		return xstrdup(req->path);
	xasprintf(&key, "%s?%s", req->path, req->query_string);
	return key;
}

static struct cache_page *
cache_page_find(const struct req *req, const char *key)
{
	struct cache_page	*p;
	size_t			 i;

	for (i = 0; i < CACHE_PAGES; i++) {
		p = &cache.pages[i];
		if (p->sid[0] != '\0' && p->user_id == req->user_id &&
		    strcmp(p->sid, req->sid) == 0 && strcmp(p->key, key) == 0)
			return p;
	}
	return NULL;
}

/* Answer req from the cache if its page is there and fresh. */
bool
cache_page_get(struct req *req)
{
	struct cache_page	*p;
	char			*key;

	if (!cache_page_ok(req))
		return false;
	key = cache_key(req);
	p = cache_page_find(req, key);
	free(key);
	if (p == NULL)
		return false;
	if (monotime_ms() - p->at >= CACHE_PAGE_TTL_MS) {
		cache_page_drop(p);
		return false;
	}
	buf_add(&req->head, p->head, p->headlen);
	buf_add(&req->out, p->body, p->bodylen);
	req->status = 200;
	req->done = true;
	return true;
}

/* Keep req's answer if it may be cached, evicting the oldest pages. */
void
cache_page_put(struct req *req)
{
	struct cache_page	*p, *slot, *oldest;
	size_t			 i, size;
	char			*key;

	if (!req->done || !req->page || req->status != 200 ||
	    !cache_page_ok(req) || !cache_current(req) ||
	    buf_failed(&req->head) || buf_failed(&req->out))
		return;
	size = req->head.len + req->out.len;
	if (size > CACHE_PAGE_BYTES / 4 || req->set_cookie)
		return;
	key = cache_key(req);
	if ((p = cache_page_find(req, key)) != NULL)
		cache_page_drop(p);
	for (;;) {
		slot = oldest = NULL;
		for (i = 0; i < CACHE_PAGES; i++) {
			p = &cache.pages[i];
			if (p->sid[0] == '\0')
				slot = p;
			else if (oldest == NULL || p->at < oldest->at)
				oldest = p;
		}
		if (slot != NULL && cache.bytes + size <= CACHE_PAGE_BYTES)
			break;
		cache_page_drop(oldest);	/* not NULL: size fits an empty cache */
	}
	memcpy(slot->sid, req->sid, sizeof slot->sid);
	slot->user_id = req->user_id;
	slot->key = key;
	slot->head = xmalloc(req->head.len + 1);
	memcpy(slot->head, req->head.data, req->head.len);
	slot->headlen = req->head.len;
	slot->body = xmalloc(req->out.len + 1);
	memcpy(slot->body, req->out.data, req->out.len);
	slot->bodylen = req->out.len;
	slot->at = monotime_ms();
	cache.bytes += size;
}
