/*
 * Leases on saved searches (SPEC section 4, item 1).  A run claims due
 * searches with FOR UPDATE SKIP LOCKED, writing its name and a lease end;
 * overlapping runs, or several worker containers, skip what another holds.
 * A crashed run's lease expires by itself; a run on the same host also
 * takes back at once the leases of a run whose process is gone (the owner
 * names host, pid and the process's start time, so a reused pid is not
 * mistaken for the old run).  Every commit checks that the lease is still
 * ours (scan-commit.c), so a run that overran its lease records nothing.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "db.h"
#include "ebay-scan.h"
#include "log.h"
#include "scan.h"
#include "xmalloc.h"

#define NOW(n)	"coalesce($" #n "::timestamptz, now())"

DB_STMT(scan_claim_due_stmt, 4,
    "WITH due AS (SELECT id FROM saved_searches"
    "  WHERE enabled AND next_run_at <= " NOW(4)
    "  AND (lease_until IS NULL OR lease_until < " NOW(4) ")"
    "  ORDER BY next_run_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)"
    " UPDATE saved_searches s SET lease_owner = $1,"
    " lease_until = " NOW(4) " + make_interval(secs => $3::int)"
    " FROM due WHERE s.id = due.id RETURNING " SCAN_JOB_COLUMNS);

DB_STMT(scan_claim_one_stmt, 4,
    "WITH one AS (SELECT id FROM saved_searches WHERE id = $2"
    "  AND (lease_until IS NULL OR lease_until < " NOW(4) ")"
    "  FOR UPDATE SKIP LOCKED)"
    " UPDATE saved_searches s SET lease_owner = $1,"
    " lease_until = " NOW(4) " + make_interval(secs => $3::int)"
    " FROM one WHERE s.id = one.id RETURNING " SCAN_JOB_COLUMNS);

DB_STMT(scan_peek_due_stmt, 3,
    "SELECT " SCAN_JOB_COLUMNS " FROM saved_searches s"
    " WHERE s.enabled AND s.next_run_at <= " NOW(3) " AND s.id > $1"
    " ORDER BY s.id LIMIT $2");

DB_STMT(scan_peek_one_stmt, 1,
    "SELECT " SCAN_JOB_COLUMNS " FROM saved_searches s WHERE s.id = $1");

DB_STMT(scan_claim_release_stmt, 2,
    "UPDATE saved_searches SET lease_owner = NULL, lease_until = NULL"
    " WHERE id = $2 AND lease_owner = $1");

DB_STMT(scan_claim_local_owners, 2,
    "SELECT DISTINCT lease_owner FROM saved_searches"
    " WHERE lease_owner IS NOT NULL AND lease_owner <> $2"
    " AND split_part(lease_owner, ':', 1) = $1");

DB_STMT(scan_claim_drop_owner, 1,
    "UPDATE saved_searches SET lease_owner = NULL, lease_until = NULL"
    " WHERE lease_owner = $1");

/* A process's start time in clock ticks (/proc/PID/stat field 22). */
static bool
scan_claim_start_time(pid_t pid, unsigned long long *out)
{
	char		 path[64], line[1024], *p;
	FILE		*f;
	size_t		 n;
	int		 field;

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	if ((f = fopen(path, "r")) == NULL)
		return false;
	n = fread(line, 1, sizeof line - 1, f);
	fclose(f);
	line[n] = '\0';
	/* The command name may hold spaces and parentheses: skip it. */
	if ((p = strrchr(line, ')')) == NULL)
		return false;
	for (field = 2; field < 22 && p != NULL; field++)
		p = strchr(p + 1, ' ');
	if (p == NULL)
		return false;
	*out = strtoull(p + 1, NULL, 10);
	return true;
}

static void
scan_claim_host(char *host, size_t len)
{
	if (gethostname(host, len) != 0 || host[0] == '\0')
		snprintf(host, len, "localhost");
	host[len - 1] = '\0';
	host[strcspn(host, ":")] = '\0';
}

/* This run's name in lease_owner: "host:pid:start".  Caller frees. */
char *
scan_claim_owner(void)
{
	char			 host[256], *owner;
	unsigned long long	 start = 0;

	scan_claim_host(host, sizeof host);
	(void)scan_claim_start_time(getpid(), &start);
	xasprintf(&owner, "%s:%ld:%llu", host, (long)getpid(), start);
	return owner;
}

/* True if the run named owner (on this host) surely no longer runs. */
static bool
scan_claim_dead(const char *owner)
{
	unsigned long long	 start, now_start;
	long			 pid;
	const char		*p;

	if ((p = strchr(owner, ':')) == NULL ||
	    sscanf(p + 1, "%ld:%llu", &pid, &start) != 2 || pid <= 0)
		return false;
	if (kill((pid_t)pid, 0) == 0 || errno == EPERM) {
		/* Alive: the same process, or a new one under its pid? */
		if (!scan_claim_start_time((pid_t)pid, &now_start))
			return false;
		return now_start != start;
	}
	return errno == ESRCH;
}

/*
 * Take back the leases of dead runs of this host.  Returns how many
 * owners were dropped, -1 if the database failed.
 */
int
scan_claim_reclaim_dead(struct db *db, const char *owner)
{
	PGresult	*res;
	char		 host[256];
	int		 i, n = 0;

	scan_claim_host(host, sizeof host);
	if ((res = db_exec(db, &scan_claim_local_owners, host, owner)) == NULL)
		return -1;
	for (i = 0; i < PQntuples(res); i++) {
		if (!scan_claim_dead(db_text(res, i, 0)))
			continue;
		if (!db_run(db, &scan_claim_drop_owner, db_text(res, i, 0))) {
			PQclear(res);
			return -1;
		}
		log_info("took back the leases of %s, which no longer runs",
		    db_text(res, i, 0));
		n++;
	}
	PQclear(res);
	return n;
}

/* Claim up to n due searches (rows: SCAN_JOB_COLUMNS); NULL on error. */
PGresult *
scan_claim_due(struct db *db, const char *owner, int n, int lease_seconds)
{
	char	 ns[16], ls[16];

	snprintf(ns, sizeof ns, "%d", n);
	snprintf(ls, sizeof ls, "%d", lease_seconds);
	return db_exec(db, &scan_claim_due_stmt, owner, ns, ls, scan_now());
}

/* Claim search id, due or not, unless another run holds it. */
PGresult *
scan_claim_one(struct db *db, const char *owner, int64_t id,
    int lease_seconds)
{
	char	 ids[24], ls[16];

	snprintf(ids, sizeof ids, "%lld", (long long)id);
	snprintf(ls, sizeof ls, "%d", lease_seconds);
	return db_exec(db, &scan_claim_one_stmt, owner, ids, ls, scan_now());
}

/* Due searches after after_id, without a lease (--dry-run). */
PGresult *
scan_peek_due(struct db *db, int64_t after_id, int n)
{
	char	 ids[24], ns[16];

	snprintf(ids, sizeof ids, "%lld", (long long)after_id);
	snprintf(ns, sizeof ns, "%d", n);
	return db_exec(db, &scan_peek_due_stmt, ids, ns, scan_now());
}

/* Search id, whatever its state, without a lease (--dry-run). */
PGresult *
scan_peek_one(struct db *db, int64_t id)
{
	char	 ids[24];

	snprintf(ids, sizeof ids, "%lld", (long long)id);
	return db_exec(db, &scan_peek_one_stmt, ids);
}

/* Give a lease back without recording anything. */
bool
scan_claim_release(struct db *db, const char *owner, const char *id)
{
	return db_run(db, &scan_claim_release_stmt, owner, id);
}
