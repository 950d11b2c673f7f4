#!/bin/sh
# Entrypoint of the worker image (PID 1 is tini).
#
#   (no arguments) or crond: apply the migrations as the app user, then run
#       busybox crond in the foreground as root; crond runs the jobs of the
#       root-owned /etc/crontabs/app as the user app (UID 10001).
#   anything else: run that command as the app user, e.g.
#       docker run --rm ... ebay-scanner-worker ebay-scan --dry-run
#
# cron needs root to switch to the job's user; see docker/README.md.
set -eu

user=app
home=/home/app

if [ "${1:-crond}" = crond ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "entrypoint-worker: crond must start as root to run its jobs as $user" >&2
		echo "entrypoint-worker: for one pass without cron, run: ebay-scan" >&2
		exit 2
	fi
	if [ ! -d "$home" ]; then
		echo "entrypoint-worker: $home is missing: cron jobs would die in it" >&2
		exit 2
	fi
	/usr/local/bin/migrate.sh env HOME="$home" USER="$user" LOGNAME="$user" \
		setpriv --reuid="$user" --regid="$user" --init-groups --
	# Jobs inherit this environment (DATABASE_URL, EBAY_*, ...).
	exec busybox crond -f -L /dev/stderr -c /etc/crontabs
fi

if [ "$(id -u)" = 0 ]; then
	exec env HOME="$home" USER="$user" LOGNAME="$user" \
		setpriv --reuid="$user" --regid="$user" --init-groups -- "$@"
fi
exec "$@"
