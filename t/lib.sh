# Shell helpers for the tests (bash): TAP output, a scratch directory, and
# fixtures that start a private PostgreSQL and nginx + the FastCGI programs
# on free loopback ports.  Everything a test starts is stopped by PID when
# the test exits, however it exits.
#
#   . "$top_srcdir/t/lib.sh"
#   pg_start; web_start
#   is "$(curl -s -o /dev/null -w '%{http_code}' "$WEB_URL/healthz")" 200 "healthz"
#   done_testing

set -u
: "${top_srcdir:=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${EBAY_TEMPLATE_DIR:=$top_srcdir/cgi/tpl}"
: "${EBAY_SQL_DIR:=$top_srcdir/sql}"
export top_srcdir top_builddir EBAY_TEMPLATE_DIR EBAY_SQL_DIR
export LOG_LEVEL=${LOG_LEVEL:-warn}
unset EBAY_CLIENT_ID EBAY_CLIENT_SECRET EBAY_CLIENT_SECRET_FILE

t_n=0
t_failed=0
t_cleanups=()

# --- TAP -------------------------------------------------------------------

diag() { printf '# %s\n' "$*" | sed '2,$s/^/# /'; }
skip_all() { echo "1..0 # SKIP $*"; exit 0; }
bail() { echo "Bail out! $*"; exit 1; }

# ok STATUS NAME: passes when STATUS is 0 (e.g. ok $? "name").
ok() {
	local st=$1; shift
	t_n=$((t_n + 1))
	if [ "$st" -eq 0 ]; then
		echo "ok $t_n - $*"
	else
		echo "not ok $t_n - $*"
		t_failed=$((t_failed + 1))
	fi
	return "$st"
}

# is GOT WANT NAME
is() {
	local got=$1 want=$2; shift 2
	if [ "$got" = "$want" ]; then ok 0 "$@"; else
		ok 1 "$@"; diag "got:  '$got'"; diag "want: '$want'"; return 1
	fi
}

# like TEXT EXTENDED-REGEX NAME
like() {
	local text=$1 re=$2; shift 2
	if printf '%s' "$text" | grep -Eq -- "$re"; then ok 0 "$@"; else
		ok 1 "$@"; diag "no match for /$re/ in:"; diag "$(printf '%s' "$text" | head -c 2000)"; return 1
	fi
}

# unlike TEXT EXTENDED-REGEX NAME
unlike() {
	local text=$1 re=$2; shift 2
	if printf '%s' "$text" | grep -Eq -- "$re"; then
		ok 1 "$@"; diag "unexpected match for /$re/"; return 1
	else ok 0 "$@"; fi
}

skip() { t_n=$((t_n + 1)); echo "ok $t_n # SKIP $*"; }

done_testing() {
	echo "1..$t_n"
	[ "$t_failed" -eq 0 ]
	exit $?
}

# --- scratch and cleanup ------------------------------------------------------

# Run "$@" when the test exits (last registered runs first).
at_exit() { t_cleanups+=("$*"); }

t_cleanup() {
	local i
	for ((i = ${#t_cleanups[@]} - 1; i >= 0; i--)); do
		eval "${t_cleanups[$i]}" >/dev/null 2>&1 || true
	done
}
trap t_cleanup EXIT
trap 'exit 130' INT TERM

T=$(mktemp -d "${TMPDIR:-/tmp}/ebs-test.XXXXXX")
chmod 755 "$T"
at_exit "rm -rf '$T'"

# A TCP port on 127.0.0.1 that nothing listens on now.
free_port() {
	local port i
	for ((i = 0; i < 200; i++)); do
		port=$((20000 + RANDOM % 40000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			echo "$port"
			return 0
		fi
	done
	return 1
}

# wait_for SECONDS COMMAND...: retry COMMAND every 0.1 s until it succeeds.
wait_for() {
	local limit=$1 i; shift
	for ((i = 0; i < limit * 10; i++)); do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	return 1
}

as_root() { [ "$(id -u)" = 0 ]; }

# --- PostgreSQL ------------------------------------------------------------

pg_bindir() {
	local d
	if [ -n "${PG_BINDIR:-}" ] && [ -x "$PG_BINDIR/initdb" ]; then echo "$PG_BINDIR"; return 0; fi
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
		[ -x "$d/initdb" ] && { echo "$d"; return 0; }
	done
	return 1
}

# Run a PostgreSQL tool as the cluster's owner (postgres when we are root).
pg_as_owner() {
	if as_root; then
		su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
	else
		"$@"
	fi
}

# initdb once per build tree and copy it: initdb costs a second or more.
pg_template() {
	local tpl=$top_builddir/t/.pgtemplate lock=$top_builddir/t/.pgtemplate.lock i
	[ -f "$tpl/PG_VERSION" ] && { echo "$tpl"; return 0; }
	for ((i = 0; i < 600; i++)); do
		mkdir "$lock" 2>/dev/null && break
		sleep 0.1
	done
	if [ ! -f "$tpl/PG_VERSION" ]; then
		rm -rf "$tpl.tmp"; mkdir -p "$tpl.tmp"
		as_root && chown postgres: "$tpl.tmp"
		pg_as_owner "$PGBIN/initdb" -D "$tpl.tmp" -U postgres --auth=trust \
		    -E UTF8 --locale=C.UTF-8 >"$T/initdb.log" 2>&1 ||
		    { rmdir "$lock"; cat "$T/initdb.log" >&2; return 1; }
		mv "$tpl.tmp" "$tpl"
	fi
	rmdir "$lock"
	echo "$tpl"
}

# Start a private PostgreSQL; sets PG_PORT, PGDATA_DIR and DATABASE_URL
# (database "app", role "app"), with migrations not yet applied.
pg_start() {
	local tpl
	PGBIN=$(pg_bindir) || skip_all "PostgreSQL server binaries not found"
	tpl=$(pg_template) || bail "initdb failed"
	PG_DIR=$T/pg
	mkdir -p "$PG_DIR"
	cp -a "$tpl" "$PG_DIR/data"
	as_root && chown -R postgres: "$PG_DIR"
	chmod 700 "$PG_DIR/data"
	PG_PORT=$(free_port) || bail "no free port"
	pg_ctl_start || bail "PostgreSQL did not start: $(tail -n 5 "$PG_DIR/server.log")"
	at_exit pg_stop
	"${PSQL:-psql}" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 \
	    -c "create role app login password 'app'" -c "create database app owner app" \
	    >/dev/null || bail "cannot create the database"
	export DATABASE_URL="postgresql://app:app@127.0.0.1:$PG_PORT/app"
}

pg_ctl_start() {
	pg_as_owner "$PGBIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 30 \
	    -o "-k $PG_DIR -p $PG_PORT -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
	    start >/dev/null
}

pg_stop() {
	[ -n "${PG_DIR:-}" ] && [ -f "$PG_DIR/data/postmaster.pid" ] || return 0
	pg_as_owner "$PGBIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w -t 30 stop >/dev/null 2>&1
}

# psql as the application, for assertions: sql 'select 1'
sql() {
	"${PSQL:-psql}" "$DATABASE_URL" -X -q -A -t -v ON_ERROR_STOP=1 -c "$1"
}

# Apply the migrations with the real command.
migrate() {
	"$top_builddir/cron/ebay-scan" --quiet migrate
}

# --- nginx and the FastCGI programs ------------------------------------------

# The FastCGI programs nginx's configuration routes to (socket base names).
web_programs() {
	grep -o 'unix:[^;]*\.sock' "$WEB_DIR/conf/ebay-scanner.conf" |
	    sed 's|.*/||; s|\.sock$||' | sort -u
}

# Start one FastCGI program under spawn-fcgi + multiwatch.
fcgi_start() {
	local name=$1 bin=$top_builddir/cgi/$1
	[ -x "$bin" ] || { diag "no program $bin (socket $name.sock)"; return 0; }
	"${SPAWN_FCGI:-spawn-fcgi}" -s "$WEB_DIR/run/$name.sock" -M 0666 \
	    -P "$WEB_DIR/run/$name.pid" -- "${MULTIWATCH:-multiwatch}" -f "${FCGI_CHILDREN:-2}" \
	    -- "$bin" >>"$WEB_DIR/logs/spawn.log" 2>&1 || return 1
	at_exit "fcgi_stop $name"
}

fcgi_stop() {
	local pidf=$WEB_DIR/run/$1.pid pid
	[ -f "$pidf" ] || return 0
	pid=$(cat "$pidf")
	kill -TERM "$pid" 2>/dev/null
	wait_for 5 eval "! kill -0 $pid"
	kill -KILL "$pid" 2>/dev/null
	rm -f "$pidf" "$WEB_DIR/run/$1.sock"
}

# Start nginx and every FastCGI program; sets WEB_PORT, WEB_URL, WEB_DIR.
web_start() {
	local p
	command -v "${NGINX_BIN:-nginx}" >/dev/null 2>&1 || [ -x "${NGINX_BIN:-}" ] || skip_all "nginx not installed"
	command -v "${SPAWN_FCGI:-spawn-fcgi}" >/dev/null 2>&1 || skip_all "spawn-fcgi not installed"
	command -v curl >/dev/null 2>&1 || skip_all "curl not installed"
	WEB_DIR=$T/web
	WEB_PORT=$(free_port) || bail "no free port"
	mkdir -p "$WEB_DIR/static"
	cp -R "$top_srcdir/static/." "$WEB_DIR/static/"
	sh "$top_srcdir/nginx/gen-conf.sh" "$top_srcdir" "$WEB_DIR" "127.0.0.1:$WEB_PORT" "$WEB_DIR/static"
	for p in $(web_programs); do
		fcgi_start "$p" || bail "cannot start $p"
	done
	"${NGINX_BIN:-nginx}" -e "$WEB_DIR/logs/error.log" -p "$WEB_DIR" -c conf/nginx.conf ||
	    bail "nginx did not start: $(tail -n 5 "$WEB_DIR/logs/error.log")"
	at_exit web_stop_nginx
	WEB_URL=http://127.0.0.1:$WEB_PORT
	export WEB_URL WEB_PORT
	wait_for 10 curl -s -o /dev/null "$WEB_URL/healthz" || bail "nginx does not answer"
}

web_stop_nginx() {
	local pid
	[ -f "$WEB_DIR/run/nginx.pid" ] || return 0
	pid=$(cat "$WEB_DIR/run/nginx.pid")
	kill -QUIT "$pid" 2>/dev/null
	wait_for 5 eval "! kill -0 $pid"
	kill -KILL "$pid" 2>/dev/null
}

# http METHOD PATH [curl args...]: prints the status, body in $T/body,
# headers in $T/headers.
http() {
	local method=$1 path=$2; shift 2
	curl -s -S -X "$method" -o "$T/body" -D "$T/headers" -w '%{http_code}' \
	    --max-time 10 "$@" "$WEB_URL$path"
}
