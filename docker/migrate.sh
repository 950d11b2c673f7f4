#!/bin/sh
# Apply the database migrations, waiting for PostgreSQL to answer first.
# `ebay-scan migrate` is idempotent, so every container start may run it.
# Exit status 3 from ebay-scan means "database unavailable": retry until
# MIGRATE_TIMEOUT seconds (default 60) have passed. Set MIGRATE_ON_START=0
# to skip.
set -eu

if [ "${MIGRATE_ON_START:-1}" = 0 ]; then
	echo "migrate: MIGRATE_ON_START=0, not applying migrations" >&2
	exit 0
fi
if [ -z "${DATABASE_URL:-}" ]; then
	echo "migrate: DATABASE_URL is not set" >&2
	exit 2
fi

deadline=$(($(date +%s) + ${MIGRATE_TIMEOUT:-60}))
while :; do
	rc=0
	"$@" ebay-scan migrate || rc=$?
	case $rc in
	0) exit 0 ;;
	3)
		if [ "$(date +%s)" -ge "$deadline" ]; then
			echo "migrate: the database did not answer within ${MIGRATE_TIMEOUT:-60} s" >&2
			exit 3
		fi
		echo "migrate: database unavailable, retrying in 2 s" >&2
		sleep 2
		;;
	*) exit "$rc" ;;
	esac
done
