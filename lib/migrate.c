/*
 * Schema migrations (see migrate.h).
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "db.h"
#include "log.h"
#include "migrate.h"
#include "secret.h"
#include "xmalloc.h"

#define MIGRATE_MAX_BYTES	(8 * 1024 * 1024)
#define MIGRATE_LOCK		"7310432157"	/* any constant key */

struct migration {
	int	 version;
	char	*name;		/* file name */
	char	*sql;
	char	 sum[SECRET_SHA256_HEX];
};

DB_STMT(migrate_lock, 0,
    "SELECT pg_advisory_xact_lock(" MIGRATE_LOCK ")");
DB_STMT(migrate_table, 0,
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version integer PRIMARY KEY,"
    " name text NOT NULL,"
    " checksum text NOT NULL,"
    " applied_at timestamptz NOT NULL DEFAULT now())");
DB_STMT(migrate_get, 1,
    "SELECT name, checksum FROM schema_migrations WHERE version = $1");
DB_STMT(migrate_record, 3,
    "INSERT INTO schema_migrations (version, name, checksum)"
    " VALUES ($1, $2, $3)");

/* "0001-init.sql" → 1; -1 if the name is not a migration's. */
static int
migrate_version(const char *name)
{
	size_t	 len = strlen(name);
	int	 v = 0, i;

	if (len < 10 || strcmp(name + len - 4, ".sql") != 0 || name[4] != '-')
		return -1;
	for (i = 0; i < 4; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -1;
		v = v * 10 + (name[i] - '0');
	}
	return v;
}

static int
migrate_cmp(const void *a, const void *b)
{
	const struct migration	*x = a, *y = b;

	return (x->version > y->version) - (x->version < y->version);
}

static bool
migrate_read(const char *dir, struct migration *m, char **cause)
{
	char		*path, chunk[8192];
	FILE		*f;
	struct buf	 b;
	size_t		 n;

	xasprintf(&path, "%s/%s", dir, m->name);
	if ((f = fopen(path, "r")) == NULL) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		free(path);
		return false;
	}
	buf_init(&b, MIGRATE_MAX_BYTES);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	if (buf_failed(&b) || memchr(buf_cstr(&b), '\0', b.len) != NULL) {
		xasprintf(cause, "%s: too large or not text", path);
		free(path);
		buf_free(&b);
		return false;
	}
	free(path);
	secret_sha256_hex(b.data, b.len, m->sum);
	m->sql = buf_detach(&b);
	return true;
}

static void
migrate_free(struct migration *list, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(list[i].name);
		free(list[i].sql);
	}
	free(list);
}

/* Read every migration in dir, sorted; false with *cause on a bad set. */
static bool
migrate_list(const char *dir, struct migration **out, size_t *nout,
    char **cause)
{
	DIR			*d;
	struct dirent		*de;
	struct migration	*list = NULL;
	size_t			 n = 0, i;
	int			 v;

	if ((d = opendir(dir)) == NULL) {
		xasprintf(cause, "migrations directory %s: %s", dir,
		    strerror(errno));
		return false;
	}
	while ((de = readdir(d)) != NULL) {
		if ((v = migrate_version(de->d_name)) < 0)
			continue;
		list = xreallocarray(list, n + 1, sizeof *list);
		memset(&list[n], 0, sizeof list[n]);
		list[n].version = v;
		list[n].name = xstrdup(de->d_name);
		n++;
		if (!migrate_read(dir, &list[n - 1], cause)) {
			closedir(d);
			migrate_free(list, n);
			return false;
		}
	}
	closedir(d);
	qsort(list, n, sizeof *list, migrate_cmp);
	for (i = 1; i < n; i++)
		if (list[i].version == list[i - 1].version) {
			xasprintf(cause, "%s and %s have the same number",
			    list[i - 1].name, list[i].name);
			migrate_free(list, n);
			return false;
		}
	*out = list;
	*nout = n;
	return true;
}

/*
 * Apply m unless recorded; *applied is set when it ran.  Runs in its own
 * transaction under the advisory lock.
 */
static bool
migrate_one(struct db *db, const struct migration *m, bool dry, bool *applied,
    char **cause)
{
	PGresult	*res;
	char		 version[16];
	const char	*sum;

	*applied = false;
	snprintf(version, sizeof version, "%d", m->version);
	if (!db_begin(db) || !db_run(db, &migrate_lock) ||
	    !db_run(db, &migrate_table) ||
	    (res = db_exec(db, &migrate_get, version)) == NULL)
		goto dberr;
	if (PQntuples(res) == 1) {
		sum = db_text(res, 0, 1);
		if (sum == NULL || strcmp(sum, m->sum) != 0) {
			xasprintf(cause, "%s was changed after it was applied "
			    "(recorded sha256 %.12s, file now %.12s): put the "
			    "change in a new migration instead", m->name,
			    sum != NULL ? sum : "?", m->sum);
			PQclear(res);
			db_rollback(db);
			return false;
		}
		PQclear(res);
		db_rollback(db);
		return true;
	}
	PQclear(res);
	if (dry) {
		db_rollback(db);
		*applied = true;
		return true;
	}
	if (!db_script(db, m->sql)) {
		xasprintf(cause, "%s: %s", m->name, db_errmsg(db));
		db_rollback(db);
		return false;
	}
	if (!db_run(db, &migrate_record, version, m->name, m->sum) ||
	    !db_commit(db))
		goto dberr;
	*applied = true;
	return true;
dberr:
	xasprintf(cause, "%s: %s", m->name, db_errmsg(db));
	db_rollback(db);
	return false;
}

static bool
migrate_walk(struct db *db, const char *dir, bool dry, int *count,
    char **cause)
{
	struct migration	*list;
	size_t			 n, i;
	bool			 applied;

	*count = 0;
	*cause = NULL;
	if (!migrate_list(dir, &list, &n, cause))
		return false;
	if (n == 0) {
		xasprintf(cause, "no migrations in %s", dir);
		free(list);
		return false;
	}
	for (i = 0; i < n; i++) {
		if (!migrate_one(db, &list[i], dry, &applied, cause)) {
			migrate_free(list, n);
			return false;
		}
		if (applied) {
			(*count)++;
			if (!dry)
				log_info("migrate: applied %s", list[i].name);
		}
	}
	migrate_free(list, n);
	return true;
}

/*
 * Apply every migration in dir not yet recorded.  *applied counts those
 * applied now.  False with *cause (caller frees) on the first failure;
 * the migrations before it stay applied.
 */
bool
migrate_run(struct db *db, const char *dir, int *applied, char **cause)
{
	return migrate_walk(db, dir, false, applied, cause);
}

/* Count migrations not yet applied, checking the applied ones' sums. */
bool
migrate_pending(struct db *db, const char *dir, int *pending, char **cause)
{
	return migrate_walk(db, dir, true, pending, cause);
}
