/*
 * PostgreSQL connection, prepared statements and typed readers (see db.h).
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "db.h"
#include "log.h"
#include "monotime.h"
#include "xmalloc.h"

#define DB_MAX_PARAMS	64

struct db {
	char			 *url;
	PGconn			 *conn;
	int			  connect_timeout_ms;
	const struct db_stmt	**prepared;	/* on this connection */
	size_t			  nprepared;
	enum db_err		  err;
	char			  errmsg[512];
	char			 *listen;	/* channel LISTENed on connect */
	bool			  listening;	/* ... and the LISTEN worked */
	uint64_t		  connects;	/* successful connects so far */
};

static const char *const db_errs[DB_ERR__MAX] = {
	"no error",
	"database unavailable",
	"duplicate value",
	"referenced row missing",
	"invalid value",
	"conflict, try again",
	"row locked",
	"query failed",
};

const char *
db_strerror(enum db_err e)
{
	return e < DB_ERR__MAX ? db_errs[e] : "unknown database error";
}

static void
db_notice(void *arg, const char *msg)
{
	log_debug("postgres: %s", msg);
}

/* Make a handle; nothing is connected until the first use.  Never NULL. */
struct db *
db_open(const char *url, int connect_timeout_ms)
{
	struct db	*db;

	db = xcalloc(1, sizeof *db);
	db->url = xstrdup(url != NULL ? url : "");
	db->connect_timeout_ms = connect_timeout_ms > 0 ?
	    connect_timeout_ms : 2000;
	return db;
}

static void
db_disconnect(struct db *db)
{
	if (db->conn != NULL)
		PQfinish(db->conn);
	db->conn = NULL;
	free(db->prepared);
	db->prepared = NULL;
	db->nprepared = 0;
	db->listening = false;
}

void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	db_disconnect(db);
	free(db->listen);
	free(db->url);
	free(db);
}

static void
db_set_err(struct db *db, enum db_err err, const char *msg)
{
	size_t	 len;

	db->err = err;
	snprintf(db->errmsg, sizeof db->errmsg, "%s", msg != NULL ? msg : "");
	len = strlen(db->errmsg);
	while (len > 0 && (db->errmsg[len - 1] == '\n' ||
	    db->errmsg[len - 1] == ' '))
		db->errmsg[--len] = '\0';
}

/* LISTEN on db->listen; a failure is logged and leaves listening false. */
static void
db_listen_now(struct db *db)
{
	PGresult	*res;
	char		*sql;

	xasprintf(&sql, "LISTEN %s", db->listen);
	res = PQexec(db->conn, sql);
	free(sql);
	db->listening = PQresultStatus(res) == PGRES_COMMAND_OK;
	if (!db->listening)
		log_warn("db: LISTEN %s: %s", db->listen,
		    PQerrorMessage(db->conn));
	PQclear(res);
}

/*
 * Connect if not connected, giving up after connect_timeout_ms: libpq's own
 * connect_timeout has a 2 s floor, too slow for a health check.
 *
 * JIT compilation is off for our sessions (options, before dbname so that
 * DATABASE_URL can still set its own): every statement here is short, and
 * a plan whose estimate crosses jit_above_cost (a temporary table has no
 * statistics) spent 30 ms compiling to run a 1 ms statement: two thirds of
 * a scan's recording time (issue 5).
 */
enum db_err
db_connect(struct db *db)
{
	static const char *const keys[] = { "options", "dbname",
	    "application_name", NULL };
	const char		*vals[4];
	PostgresPollingStatusType st;
	struct pollfd		 pfd;
	long			 deadline, left;

	if (db->conn != NULL && PQstatus(db->conn) == CONNECTION_OK)
		return DB_OK;
	db_disconnect(db);
	vals[0] = "-c jit=off";
	vals[1] = db->url;
	vals[2] = "ebay-scanner";
	vals[3] = NULL;
	deadline = monotime_ms() + db->connect_timeout_ms;
	if ((db->conn = PQconnectStartParams(keys, vals, 1)) == NULL)
		log_fatal("db_connect: out of memory");
	st = PGRES_POLLING_WRITING;
	while (st != PGRES_POLLING_OK) {
		if (st == PGRES_POLLING_FAILED ||
		    PQstatus(db->conn) == CONNECTION_BAD)
			goto fail;
		pfd.fd = PQsocket(db->conn);
		pfd.events = st == PGRES_POLLING_READING ? POLLIN : POLLOUT;
		if ((left = deadline - monotime_ms()) <= 0) {
			db_disconnect(db);
			db_set_err(db, DB_ERR_UNAVAILABLE,
			    "connection timed out");
			return db->err;
		}
		if (pfd.fd < 0 || (poll(&pfd, 1, (int)left) < 0 &&
		    errno != EINTR))
			goto fail;
		st = PQconnectPoll(db->conn);
	}
	PQsetNoticeReceiver(db->conn, NULL, NULL);
	PQsetNoticeProcessor(db->conn, db_notice, NULL);
	db->connects++;
	if (db->listen != NULL)
		db_listen_now(db);
	db_set_err(db, DB_OK, NULL);
	return DB_OK;
fail:
	db_set_err(db, DB_ERR_UNAVAILABLE, PQerrorMessage(db->conn));
	db_disconnect(db);
	return db->err;
}

/* Map a failed result's SQLSTATE to an error class. */
static enum db_err
db_classify(struct db *db, const PGresult *res)
{
	const char	*state;

	if (db->conn == NULL || PQstatus(db->conn) != CONNECTION_OK)
		return DB_ERR_UNAVAILABLE;
	if (res == NULL ||
	    (state = PQresultErrorField(res, PG_DIAG_SQLSTATE)) == NULL)
		return DB_ERR_UNAVAILABLE;
	if (strcmp(state, "23505") == 0)
		return DB_ERR_UNIQUE;
	if (strcmp(state, "23503") == 0)
		return DB_ERR_FOREIGN_KEY;
	if (strcmp(state, "23514") == 0 || strcmp(state, "23502") == 0 ||
	    strncmp(state, "22", 2) == 0)
		return DB_ERR_CHECK;
	if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0)
		return DB_ERR_RETRY;
	if (strcmp(state, "55P03") == 0)
		return DB_ERR_LOCKED;
	if (strncmp(state, "08", 2) == 0 || strcmp(state, "57P01") == 0 ||
	    strcmp(state, "57P02") == 0 || strcmp(state, "57P03") == 0)
		return DB_ERR_UNAVAILABLE;
	return DB_ERR_QUERY;
}

static bool
db_ok(const PGresult *res)
{
	ExecStatusType	 st;

	if (res == NULL)
		return false;
	st = PQresultStatus(res);
	return st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
}

static bool
db_is_prepared(struct db *db, const struct db_stmt *stmt)
{
	size_t	 i;

	for (i = 0; i < db->nprepared; i++)
		if (db->prepared[i] == stmt)
			return true;
	return false;
}

static bool
db_prepare(struct db *db, const struct db_stmt *stmt)
{
	PGresult	*res;

	if (db_is_prepared(db, stmt))
		return true;
	res = PQprepare(db->conn, stmt->name, stmt->sql, stmt->nparams, NULL);
	if (!db_ok(res)) {
		db_set_err(db, db_classify(db, res), PQerrorMessage(db->conn));
		if (db->err != DB_ERR_UNAVAILABLE)
			log_error("db: preparing %s: %s", stmt->name,
			    db->errmsg);
		PQclear(res);
		return false;
	}
	PQclear(res);
	db->prepared = xreallocarray(db->prepared, db->nprepared + 1,
	    sizeof *db->prepared);
	db->prepared[db->nprepared++] = stmt;
	return true;
}

/*
 * The end of every failed statement: a database that stopped answering
 * drops the connection (the next call reconnects); a query error is
 * logged with what was run.
 */
static void
db_fail(struct db *db, const char *what)
{
	if (db->err == DB_ERR_UNAVAILABLE)
		db_disconnect(db);
	else if (db->err == DB_ERR_QUERY)
		log_error("db: %s: %s", what, db->errmsg);
}

static PGresult *
db_try(struct db *db, const struct db_stmt *stmt, const char *const *params)
{
	PGresult	*res;

	if (db_connect(db) != DB_OK || !db_prepare(db, stmt))
		return NULL;
	res = PQexecPrepared(db->conn, stmt->name, stmt->nparams, params,
	    NULL, NULL, 0);
	if (db_ok(res)) {
		db_set_err(db, DB_OK, NULL);
		return res;
	}
	db_set_err(db, db_classify(db, res), PQerrorMessage(db->conn));
	PQclear(res);
	return NULL;
}

/*
 * Run a prepared statement with text parameters (NULL for SQL NULL).
 * Returns the result (caller PQclears) or NULL with db_error() set.  A
 * broken connection is reopened and the statement retried once, unless a
 * transaction was open: its work is gone, and the caller must know.
 */
PGresult *
db_execv(struct db *db, const struct db_stmt *stmt, const char *const *params)
{
	PGresult	*res;
	bool		 idle;

	idle = db->conn == NULL || PQstatus(db->conn) != CONNECTION_OK ||
	    PQtransactionStatus(db->conn) == PQTRANS_IDLE;
	if ((res = db_try(db, stmt, params)) != NULL)
		return res;
	if (db->err == DB_ERR_UNAVAILABLE && idle && db->conn != NULL) {
		db_disconnect(db);
		if ((res = db_try(db, stmt, params)) != NULL)
			return res;
	}
	db_fail(db, stmt->name);
	return NULL;
}

/* Collect a statement's nparams text parameters from ap and run it. */
static PGresult *
db_vexec(struct db *db, const struct db_stmt *stmt, va_list ap)
{
	const char	*params[DB_MAX_PARAMS];
	int		 i;

	if (stmt->nparams > DB_MAX_PARAMS)
		log_fatal("db: %s has too many parameters", stmt->name);
	for (i = 0; i < stmt->nparams; i++)
		params[i] = va_arg(ap, const char *);
	return db_execv(db, stmt, params);
}

PGresult *
db_exec(struct db *db, const struct db_stmt *stmt, ...)
{
	PGresult	*res;
	va_list		 ap;

	va_start(ap, stmt);
	res = db_vexec(db, stmt, ap);
	va_end(ap);
	return res;
}

/* Like db_exec for statements whose rows are not needed. */
bool
db_run(struct db *db, const struct db_stmt *stmt, ...)
{
	PGresult	*res;
	va_list		 ap;

	va_start(ap, stmt);
	res = db_vexec(db, stmt, ap);
	va_end(ap);
	PQclear(res);
	return res != NULL;
}

DB_STMT(db_stmt_begin, 0, "BEGIN");
DB_STMT(db_stmt_commit, 0, "COMMIT");
DB_STMT(db_stmt_rollback, 0, "ROLLBACK");

uint64_t
db_connects(const struct db *db)
{
	return db->connects;
}

bool
db_begin(struct db *db)
{
	return db_run(db, &db_stmt_begin);
}

/* Commit; false if it did not (the transaction is then rolled back). */
bool
db_commit(struct db *db)
{
	PGresult	*res;
	bool		 ok;

	if ((res = db_exec(db, &db_stmt_commit)) == NULL)
		return false;
	/* COMMIT of a failed transaction answers ROLLBACK, not an error. */
	ok = strcmp(PQcmdStatus(res), "COMMIT") == 0;
	if (!ok)
		db_set_err(db, DB_ERR_QUERY, "transaction was rolled back");
	PQclear(res);
	return ok;
}

void
db_rollback(struct db *db)
{
	enum db_err	 err;
	char		 msg[sizeof db->errmsg];

	/* Keep the error that caused the rollback. */
	err = db->err;
	memcpy(msg, db->errmsg, sizeof msg);
	if (db->conn != NULL && PQstatus(db->conn) == CONNECTION_OK &&
	    PQtransactionStatus(db->conn) != PQTRANS_IDLE &&
	    !db_run(db, &db_stmt_rollback))
		db_disconnect(db);
	db->err = err;
	memcpy(db->errmsg, msg, sizeof msg);
}

/*
 * Run a trusted multi-statement script with no parameters (migrations
 * only).  No retry: a script is run inside the caller's transaction.
 */
bool
db_script(struct db *db, const char *sql)
{
	PGresult	*res;

	if (db_connect(db) != DB_OK)
		return false;
	res = PQexec(db->conn, sql);
	if (!db_ok(res)) {
		db_set_err(db, db_classify(db, res), PQerrorMessage(db->conn));
		PQclear(res);
		return false;
	}
	PQclear(res);
	db_set_err(db, DB_OK, NULL);
	return true;
}

/* Clear the results of a batch. */
static void
db_batch_clear(struct db_batch *b, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		PQclear(b[i].res);
		b[i].res = NULL;
	}
}

bool
db_batch(struct db *db, struct db_batch *b, size_t n)
{
	PGresult	*res;
	size_t		 i, got = 0;
	bool		 failed = false;

	for (i = 0; i < n; i++)
		b[i].res = NULL;
	if (db_connect(db) != DB_OK)
		return false;
	for (i = 0; i < n; i++)
		if (!db_prepare(db, b[i].stmt))
			return false;
	if (PQenterPipelineMode(db->conn) != 1)
		goto broken;
	for (i = 0; i < n; i++)
		if (PQsendQueryPrepared(db->conn, b[i].stmt->name,
		    b[i].stmt->nparams, b[i].params, NULL, NULL, 0) != 1)
			goto broken;
	if (PQpipelineSync(db->conn) != 1)
		goto broken;
	/* Each statement's result, then NULL; the sync ends it all. */
	for (;;) {
		if ((res = PQgetResult(db->conn)) == NULL) {
			if (PQstatus(db->conn) != CONNECTION_OK)
				goto broken;
			continue;
		}
		if (PQresultStatus(res) == PGRES_PIPELINE_SYNC) {
			PQclear(res);
			break;
		}
		if (!failed && !db_ok(res)) {
			failed = true;
			db_set_err(db, db_classify(db, res),
			    PQresultErrorMessage(res));
		}
		if (got < n && PQresultStatus(res) != PGRES_PIPELINE_ABORTED)
			b[got].res = res;
		else
			PQclear(res);
		got++;
	}
	if (PQexitPipelineMode(db->conn) != 1)
		goto broken;
	if (!failed && got == n) {
		db_set_err(db, DB_OK, NULL);
		return true;
	}
	if (!failed)
		db_set_err(db, DB_ERR_QUERY, "pipeline: results missing");
	db_batch_clear(b, n);
	db_fail(db, b[0].stmt->name);
	return false;
broken:
	db_batch_clear(b, n);
	db_set_err(db, DB_ERR_UNAVAILABLE, PQerrorMessage(db->conn));
	db_disconnect(db);
	return false;
}

/* One field of COPY text: NULL is \N; backslash, tab, LF, CR escaped. */
void
db_copy_field(struct buf *b, const char *v)
{
	const char	*p, *run;

	if (v == NULL) {
		buf_adds(b, "\\N");
		return;
	}
	for (p = run = v; *p != '\0'; p++) {
		if (*p != '\\' && *p != '\t' && *p != '\n' && *p != '\r')
			continue;
		buf_add(b, run, (size_t)(p - run));
		buf_addc(b, '\\');
		buf_addc(b, *p == '\t' ? 't' : *p == '\n' ? 'n' :
		    *p == '\r' ? 'r' : '\\');
		run = p + 1;
	}
	buf_add(b, run, (size_t)(p - run));
}

bool
db_copy_in(struct db *db, const struct db_stmt *stmt, const char *data,
    size_t len)
{
	PGresult	*res;
	bool		 ok;

	if (len > INT_MAX) {
		db_set_err(db, DB_ERR_QUERY, "COPY data too long");
		db_fail(db, stmt->name);
		return false;
	}
	if (db_connect(db) != DB_OK || !db_prepare(db, stmt))
		return false;
	res = PQexecPrepared(db->conn, stmt->name, 0, NULL, NULL, NULL, 0);
	if (res == NULL || PQresultStatus(res) != PGRES_COPY_IN) {
		db_set_err(db, db_classify(db, res), PQerrorMessage(db->conn));
		PQclear(res);
		goto fail;
	}
	PQclear(res);
	if (PQputCopyData(db->conn, data, (int)len) != 1 ||
	    PQputCopyEnd(db->conn, NULL) != 1) {
		db_set_err(db, DB_ERR_UNAVAILABLE, PQerrorMessage(db->conn));
		goto fail;
	}
	res = PQgetResult(db->conn);
	ok = db_ok(res);
	if (!ok)
		db_set_err(db, db_classify(db, res), PQerrorMessage(db->conn));
	PQclear(res);
	while ((res = PQgetResult(db->conn)) != NULL)
		PQclear(res);
	if (ok) {
		db_set_err(db, DB_OK, NULL);
		return true;
	}
fail:
	db_fail(db, stmt->name);
	return false;
}

DB_STMT(db_stmt_ping, 0, "SELECT 1");

/* True if the database answers now (connecting if needed). */
bool
db_ping(struct db *db)
{
	return db_run(db, &db_stmt_ping);
}

enum db_err
db_error(const struct db *db)
{
	return db->err;
}

/* The server's message for the last error; may quote data, never secrets. */
const char *
db_errmsg(const struct db *db)
{
	return db->errmsg[0] != '\0' ? db->errmsg : db_strerror(db->err);
}

/*
 * LISTEN on channel (an SQL identifier we chose, never input) on this and
 * every later connection: see db_notified.
 */
void
db_listen(struct db *db, const char *channel)
{
	free(db->listen);
	db->listen = xstrdup(channel);
	if (db->conn != NULL && PQstatus(db->conn) == CONNECTION_OK)
		db_listen_now(db);
}

/*
 * Whether the listened channel may have been notified since the last
 * call, without a round trip: reads what the server already sent.  True
 * also when nothing can be known (no connection, LISTEN failed).  What
 * came before a reconnect is lost: a caller that cares compares
 * db_connects() too.
 */
bool
db_notified(struct db *db)
{
	PGnotify	*n;
	bool		 seen = false;

	if (db->conn == NULL || !db->listening)
		return true;
	if (!PQconsumeInput(db->conn))
		return true;
	while ((n = PQnotifies(db->conn)) != NULL) {
		seen = true;
		PQfreemem(n);
	}
	return seen;
}

/* True if the connection is open and LISTENs (see db_listen). */
bool
db_listening(const struct db *db)
{
	return db->conn != NULL && db->listening;
}

PGconn *
db_conn(struct db *db)
{
	return db->conn;
}

bool
db_isnull(const PGresult *res, int row, int col)
{
	return row >= PQntuples(res) || col >= PQnfields(res) ||
	    PQgetisnull(res, row, col);
}

/* The text of a field, borrowed until PQclear; NULL if SQL NULL. */
const char *
db_text(const PGresult *res, int row, int col)
{
	if (db_isnull(res, row, col))
		return NULL;
	return PQgetvalue(res, row, col);
}

bool
db_int64(const PGresult *res, int row, int col, int64_t *out)
{
	const char	*s;
	char		*end;
	long long	 n;

	if ((s = db_text(res, row, col)) == NULL)
		return false;
	errno = 0;
	n = strtoll(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0')
		return false;
	*out = n;
	return true;
}

bool
db_int(const PGresult *res, int row, int col, int *out)
{
	int64_t	 n;

	if (!db_int64(res, row, col, &n) || n < INT_MIN || n > INT_MAX)
		return false;
	*out = (int)n;
	return true;
}

bool
db_bool(const PGresult *res, int row, int col, bool *out)
{
	const char	*s;

	if ((s = db_text(res, row, col)) == NULL ||
	    (strcmp(s, "t") != 0 && strcmp(s, "f") != 0))
		return false;
	*out = s[0] == 't';
	return true;
}

/* For measures only (chart scaling): never for money. */
bool
db_double(const PGresult *res, int row, int col, double *out)
{
	const char	*s;
	char		*end;
	double		 d;

	if ((s = db_text(res, row, col)) == NULL)
		return false;
	errno = 0;
	d = strtod(s, &end);
	if (errno != 0 || end == s || *end != '\0')
		return false;
	*out = d;
	return true;
}

/*
 * A page of user_id's rows through pg (see db.h): limit (-1: all) from
 * offset into *out (free each element, then it; never NULL on success)
 * and *n; with total, how many rows the user has in all.  A row pg->read
 * cannot read is logged and left out.  1 (even with no rows) or -1.
 */
int
db_page(struct db *db, const struct db_page *pg, int64_t user_id, int limit,
    int offset, void **out, size_t *n, int64_t *total)
{
	PGresult	*res;
	char		 uid[24], lim[16], off[16], *v;
	const char	*params[3] = { uid, limit >= 0 ? lim : NULL, off };
	int		 i, rows;
	bool		 got;

	*out = NULL;
	*n = 0;
	snprintf(uid, sizeof uid, "%lld", (long long)user_id);
	snprintf(lim, sizeof lim, "%d", limit);
	snprintf(off, sizeof off, "%d", offset);
	if (total != NULL) {
		if ((res = db_execv(db, pg->count, params)) == NULL)
			return -1;
		got = PQntuples(res) == 1 && db_int64(res, 0, 0, total);
		PQclear(res);
		if (!got) {
			log_error("db: %s: no count", pg->count->name);
			return -1;
		}
	}
	if ((res = db_execv(db, pg->rows, params)) == NULL)
		return -1;
	rows = PQntuples(res);
	v = xcalloc((size_t)rows + 1, pg->size);
	for (i = 0; i < rows; i++)
		if (pg->read(res, i, v + *n * pg->size))
			(*n)++;
		else
			log_warn("db: %s: row %d unreadable", pg->rows->name,
			    i);
	PQclear(res);
	*out = v;
	return 1;
}
