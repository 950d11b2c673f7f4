/*
 * t0101-db-helper: db_batch (pipeline) and db_copy_in against the
 * PostgreSQL of DATABASE_URL (t/t0101-db.sh starts it); TAP on stdout.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "db.h"
#include "tap.h"

DB_STMT(t_create, 0,
    "CREATE TEMP TABLE t (id int, a text, b text)");
DB_STMT(t_insert, 2, "INSERT INTO t (id, a) VALUES ($1::int, $2)");
DB_STMT(t_count, 0, "SELECT count(*) FROM t");
DB_STMT(t_div, 1, "SELECT 1 / $1::int");
DB_STMT(t_sum, 2, "SELECT $1::int + $2::int");
DB_STMT(t_copy, 0, "COPY t (id, a, b) FROM STDIN");
DB_STMT(t_read, 0, "SELECT a, b IS NULL, b FROM t WHERE id = 7");

static long long
count(struct db *db)
{
	PGresult	*res;
	long long	 n = -1;

	if ((res = db_exec(db, &t_count)) != NULL)
		n = atoll(db_text(res, 0, 0));
	PQclear(res);
	return n;
}

int
main(void)
{
	const char	*url = getenv("DATABASE_URL");
	const char	*one[] = { "1", "x" }, *two[] = { "2", "y" };
	const char	*zero[] = { "0" }, *sum[] = { "2", "3" };
	const char	*hostile = "tab\there\nline \\N back\\slash\r end";
	struct db_batch	 b[3];
	struct db	*db;
	struct buf	 c;
	PGresult	*res;

	if (url == NULL)
		tap_skip_all("DATABASE_URL not set");
	db = db_open(url, 5000);
	ok(db_run(db, &t_create), "a temporary table");

	/* A batch: every result, in order. */
	b[0] = (struct db_batch){ &t_insert, one, NULL };
	b[1] = (struct db_batch){ &t_sum, sum, NULL };
	b[2] = (struct db_batch){ &t_insert, two, NULL };
	ok(db_batch(db, b, 3), "a batch of three succeeds");
	is_str(PQcmdTuples(b[0].res), "1", "first result: one row inserted");
	is_str(db_text(b[1].res, 0, 0), "5", "second result: 2 + 3");
	is_str(PQcmdTuples(b[2].res), "1", "third result");
	PQclear(b[0].res);
	PQclear(b[1].res);
	PQclear(b[2].res);
	is_int(count(db), 2, "both rows there");

	/* A failure in the middle: nothing after it runs, the error is kept. */
	ok(db_begin(db), "begin");
	b[0] = (struct db_batch){ &t_insert, one, NULL };
	b[1] = (struct db_batch){ &t_div, zero, NULL };
	b[2] = (struct db_batch){ &t_insert, two, NULL };
	ok(!db_batch(db, b, 3), "a batch with a division by zero fails");
	is_int(db_error(db), DB_ERR_CHECK, "the failing statement's error class");
	ok(strstr(db_errmsg(db), "division by zero") != NULL,
	    "and its message: %s", db_errmsg(db));
	ok(b[0].res == NULL && b[1].res == NULL && b[2].res == NULL,
	    "no results left to free");
	db_rollback(db);
	is_int(count(db), 2, "rolled back: the batch's first insert is gone");

	/* COPY: hostile text and NULL round trip. */
	buf_init(&c, 0);
	buf_adds(&c, "7\t");
	db_copy_field(&c, hostile);
	buf_addc(&c, '\t');
	db_copy_field(&c, NULL);
	buf_addc(&c, '\n');
	ok(db_begin(db), "begin");
	ok(db_copy_in(db, &t_copy, c.data, c.len), "COPY one row");
	res = db_exec(db, &t_read);
	ok(res != NULL && PQntuples(res) == 1, "the row is there");
	if (res != NULL && PQntuples(res) == 1) {
		is_str(db_text(res, 0, 0), hostile,
		    "tab, newline, \\N, backslash and CR kept exactly");
		is_str(db_text(res, 0, 1), "t", "NULL is NULL");
	}
	PQclear(res);
	ok(db_commit(db), "commit");

	/* Bad COPY data: an error, and the connection still serves. */
	ok(db_begin(db), "begin");
	ok(!db_copy_in(db, &t_copy, "8\tonly two\n", 11),
	    "COPY with a missing column fails");
	ok(db_error(db) == DB_ERR_CHECK || db_error(db) == DB_ERR_QUERY,
	    "as bad data (%s)", db_errmsg(db));
	db_rollback(db);
	is_int(count(db), 3, "the connection works after the failed COPY");

	buf_free(&c);
	db_close(db);
	return tap_done();
}
