#!/bin/sh
# HEALTHCHECK of the worker image. Healthy when
#  - the scheduler runs jobs as the app user: the heartbeat file that the
#    crontab touches each minute (as app) is at most HEARTBEAT_MAX_AGE seconds old
#    (default 180), or the container started less than that long ago; and
#  - ebay-scan, as the app user, reaches the database (`ebay-scan quota`).
# For a container started with a command instead of crond, only the second.
set -eu

heartbeat=/tmp/ebay-scanner-heartbeat
max=${HEARTBEAT_MAX_AGE:-180}
now=$(date +%s)

# crond runs as "busybox crond" (pidof would look for a process named crond).
crond_running() {
	for f in /proc/[0-9]*/cmdline; do
		case $(tr '\0' ' ' <"$f" 2>/dev/null) in
		"busybox crond "*) return 0 ;;
		esac
	done
	return 1
}

if crond_running; then
	if [ -e "$heartbeat" ]; then
		beat=$(stat -c %Y "$heartbeat")
		age=$((now - beat))
		if [ "$age" -gt "$max" ]; then
			echo "unhealthy: last cron heartbeat ${age}s ago" >&2
			exit 1
		fi
	else
		started=$(stat -c %Y /proc/1)
		if [ $((now - started)) -gt "$max" ]; then
			echo "unhealthy: no cron heartbeat since the start" >&2
			exit 1
		fi
	fi
fi

if [ "$(id -u)" = 0 ]; then
	set -- env HOME=/home/app setpriv --reuid=app --regid=app --init-groups --
fi
# `ebay-scan quota` reads today's counters from the database.
if ebay-scan --help 2>/dev/null | grep -qE '^[[:space:]]+quota[[:space:]]'; then
	if ! "$@" ebay-scan quota >/dev/null 2>&1; then
		echo "unhealthy: ebay-scan quota failed (database unreachable?)" >&2
		exit 1
	fi
fi
echo healthy
