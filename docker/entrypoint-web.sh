#!/bin/sh
# Entrypoint of the web image (PID 1 is tini). Applies the migrations, starts
# the FastCGI program behind each socket that the installed nginx server
# block names (fastcgi_pass unix:DIR/NAME.sock runs libexec/NAME) under
# spawn-fcgi + multiwatch, which restarts children that die, then replaces
# itself with nginx in the foreground.
# Everything writable lives in /tmp, so the root filesystem can be read-only.
set -eu

libexec=/usr/local/libexec/ebay-scanner
site=/etc/ebay-scanner/nginx/ebay-scanner.conf
children=${FCGI_CHILDREN:-2}

# The socket directory is /usr/local/var/run/ebay-scanner -> /tmp/ebay-scanner.
mkdir -p /tmp/ebay-scanner

/usr/local/bin/migrate.sh

sockets=$(sed -n 's/^[[:space:]]*fastcgi_pass[[:space:]]*unix:\([^;[:space:]]*\.sock\);.*/\1/p' "$site" | sort -u)
if [ -z "$sockets" ]; then
	echo "entrypoint-web: no FastCGI socket named in $site" >&2
	exit 2
fi
for sock in $sockets; do
	name=${sock##*/}
	name=${name%.sock}
	prog=$libexec/$name
	if [ ! -x "$prog" ]; then
		echo "entrypoint-web: $site names $sock but $prog is missing" >&2
		exit 2
	fi
	rm -f "$sock"
	spawn-fcgi -s "$sock" -M 0600 -P "/tmp/ebay-scanner/$name.pid" -- \
		/usr/bin/multiwatch -f "$children" -- "$prog" >/dev/null
done

exec nginx -e stderr -g 'daemon off;' -c /etc/ebay-scanner/nginx/docker-nginx.conf "$@"
