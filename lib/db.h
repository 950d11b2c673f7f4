/*
 * PostgreSQL access.  One struct db per process holds one connection,
 * opened lazily from DATABASE_URL within a deadline and reopened by itself
 * when the server went away (outside a transaction).  SQL runs only as
 * named prepared statements with $n parameters, each prepared once per
 * connection and reused across requests.  Results are read through typed
 * readers that fail on NULL or bad text instead of guessing.
 */
#ifndef DB_H
#define DB_H

#include <stdbool.h>
#include <stdint.h>

#include <libpq-fe.h>

enum db_err {
	DB_OK,
	DB_ERR_UNAVAILABLE,	/* cannot connect, or the connection broke */
	DB_ERR_UNIQUE,		/* 23505 */
	DB_ERR_FOREIGN_KEY,	/* 23503 */
	DB_ERR_CHECK,		/* 23514, 23502, 22xxx: bad data */
	DB_ERR_RETRY,		/* 40001, 40P01: serialization, deadlock */
	DB_ERR_LOCKED,		/* 55P03: lock not available */
	DB_ERR_QUERY,		/* anything else: a bug or a schema mismatch */
	DB_ERR__MAX
};

/* A statement: define each once, static, with a file-prefixed name. */
struct db_stmt {
	const char	*name;
	int		 nparams;
	const char	*sql;
};
#define DB_STMT(var, n, text) \
	static const struct db_stmt var = { #var, (n), (text) }

/*
 * A list of one user's rows, a page at a time (db_page): rows takes the
 * user's id, a limit (NULL: all) and an offset; count the user's id and
 * answers how many rows there are in all.  read fills one zeroed element
 * of size bytes from a row, false if it cannot.
 */
struct db_page {
	const struct db_stmt	*rows;
	const struct db_stmt	*count;
	size_t			 size;
	bool			(*read)(const PGresult *, int, void *);
};

struct db;

struct db	*db_open(const char *url, int connect_timeout_ms);
void		 db_close(struct db *);
enum db_err	 db_connect(struct db *);
bool		 db_ping(struct db *);
PGresult	*db_exec(struct db *, const struct db_stmt *, ...)
		    __attribute__((warn_unused_result));
PGresult	*db_execv(struct db *, const struct db_stmt *,
		    const char *const *) __attribute__((warn_unused_result));
bool		 db_run(struct db *, const struct db_stmt *, ...)
		    __attribute__((warn_unused_result));
int		 db_page(struct db *, const struct db_page *, int64_t user_id,
		    int limit, int offset, void **, size_t *, int64_t *total)
		    __attribute__((warn_unused_result));
bool		 db_begin(struct db *) __attribute__((warn_unused_result));
bool		 db_commit(struct db *) __attribute__((warn_unused_result));
void		 db_rollback(struct db *);
bool		 db_script(struct db *, const char *)
		    __attribute__((warn_unused_result));

/*
 * Several statements in one round trip (libpq's pipeline mode), for a
 * sequence whose statements do not depend on each other's results: each
 * item's res is set (caller PQclears) when all succeeded.  The first
 * failure stops the rest; false with db_error() set and no results.
 * Inside a transaction (its work is then to be rolled back).
 */
struct db_batch {
	const struct db_stmt	*stmt;
	const char *const	*params;	/* stmt->nparams of them */
	PGresult		*res;
};
bool		 db_batch(struct db *, struct db_batch *, size_t n)
		    __attribute__((warn_unused_result));

/*
 * COPY ... FROM STDIN (a statement without parameters) fed with len bytes
 * of COPY text, built with db_copy_field: fields separated by '\t', rows
 * ended by '\n'.  Inside a transaction; false with db_error() set.
 */
bool		 db_copy_in(struct db *, const struct db_stmt *,
		    const char *data, size_t len)
		    __attribute__((warn_unused_result));
struct buf;
void		 db_copy_field(struct buf *, const char *);
enum db_err	 db_error(const struct db *);
/* Successful connects so far: a change means a new session (its
 * temporary tables and prepared statements are gone). */
uint64_t	 db_connects(const struct db *);
const char	*db_errmsg(const struct db *);
const char	*db_strerror(enum db_err);
PGconn		*db_conn(struct db *);
void		 db_listen(struct db *, const char *channel);
bool		 db_notified(struct db *);
bool		 db_listening(const struct db *);

/* Typed readers: false (and *out untouched) on NULL or unreadable text. */
bool		 db_isnull(const PGresult *, int, int);
const char	*db_text(const PGresult *, int, int);
bool		 db_int64(const PGresult *, int, int, int64_t *);
bool		 db_int(const PGresult *, int, int, int *);
bool		 db_bool(const PGresult *, int, int, bool *);
bool		 db_double(const PGresult *, int, int, double *);

#endif
