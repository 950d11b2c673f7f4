#!/bin/sh
# Entrypoint of the web image (PID 1 is tini). Applies the migrations, starts
# each FastCGI program under spawn-fcgi + multiwatch (which restarts children
# that die), then replaces itself with nginx in the foreground.
# Everything writable lives in /tmp, so the root filesystem can be read-only.
set -eu

libexec=/usr/local/libexec/ebay-scanner
run=/tmp/ebay-scanner
children=${FCGI_CHILDREN:-2}

mkdir -p "$run"

/usr/local/bin/migrate.sh

for prog in "$libexec"/*; do
	if [ ! -f "$prog" ] || [ ! -x "$prog" ]; then
		continue
	fi
	name=${prog##*/}
	rm -f "$run/$name.sock"
	spawn-fcgi -s "$run/$name.sock" -M 0600 -P "$run/$name.pid" -- \
		/usr/bin/multiwatch -f "$children" -- "$prog" >/dev/null
done

exec nginx -e stderr -g 'daemon off;' -c /etc/ebay-scanner/nginx/docker-nginx.conf "$@"
