/*
 * Schema migrations: sql/NNNN-name.sql files applied in order, each in its
 * own transaction and recorded with its SHA-256, under an advisory lock so
 * that two processes starting at once apply each file once.  A recorded
 * file whose text changed is refused: fixes go in a new file.
 */
#ifndef MIGRATE_H
#define MIGRATE_H

#include <stdbool.h>

struct db;

bool	 migrate_run(struct db *, const char *dir, int *applied,
	    char **cause) __attribute__((warn_unused_result));
bool	 migrate_pending(struct db *, const char *dir, int *pending,
	    char **cause) __attribute__((warn_unused_result));

#endif
