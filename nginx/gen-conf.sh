#!/bin/sh
# Write a private nginx configuration for ebay-scanner under PREFIX:
#   gen-conf.sh SRCDIR PREFIX LISTEN STATICDIR [ACCESS_LOG]
# PREFIX gets conf/, run/ (pid, FastCGI sockets), logs/ and tmp/.  Used by
# the run command, the tests and the container.  When run as root, nginx's
# workers run as nobody; everything they touch is made readable to them.
set -eu
src=$1 prefix=$2 listen=$3 static=$4 access=${5:-$2/logs/access.log}
mkdir -p "$prefix/conf" "$prefix/run" "$prefix/logs" "$prefix/tmp"
user=
if [ "$(id -u)" = 0 ]; then
	group=nogroup
	getent group nogroup >/dev/null 2>&1 || group=nobody
	user="user nobody $group;"
	chmod 755 "$prefix" "$prefix/run"
fi
mime=/etc/nginx/mime.types
params=/etc/nginx/fastcgi_params
sed -e "s|@PREFIX@|$prefix|g" -e "s|@USER@|$user|" \
    -e "s|@WORKERS@|${NGINX_WORKERS:-2}|" \
    -e "s|@ERROR_LOG@|${NGINX_ERROR_LOG:-$prefix/logs/error.log}|" \
    -e "s|@ACCESS_LOG@|$access|" -e "s|@MIME_TYPES@|$mime|" \
    "$src/nginx/nginx.conf.in" >"$prefix/conf/nginx.conf"
sed -e "s|@LISTEN@|$listen|g" -e "s|@RUNDIR@|$prefix/run|g" \
    -e "s|@STATICDIR@|$static|g" -e "s|@FASTCGI_PARAMS@|$params|g" \
    "$src/nginx/ebay-scanner.conf.in" >"$prefix/conf/ebay-scanner.conf"
