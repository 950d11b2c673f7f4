# Services of ebay-scanner for the tests and the run command (bash): a
# private PostgreSQL, nginx with the FastCGI programs, on loopback ports.
# Everything started is registered with at_exit and stopped by PID.
#
# The caller sets top_srcdir, top_builddir and T (a private directory that
# PostgreSQL, nginx and the sockets live under) and sources this file.

: "${top_srcdir:=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
t_cleanups=()

# Run "$@" when the caller exits (last registered runs first).
at_exit() { t_cleanups+=("$*"); }

t_cleanup() {
	local i
	for ((i = ${#t_cleanups[@]} - 1; i >= 0; i--)); do
		eval "${t_cleanups[$i]}" >/dev/null 2>&1 || true
	done
}
trap t_cleanup EXIT
trap 'exit 130' INT TERM

# A TCP port on 127.0.0.1 that nothing listens on now.  Chosen below the
# kernel's ephemeral range (ip_local_port_range), so that no outgoing
# connection takes it between this check and the server's bind.
free_port() {
	local port i low=32768
	read -r low _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || true
	[ "$low" -gt 12000 ] || low=32768
	for ((i = 0; i < 200; i++)); do
		port=$((10000 + RANDOM % (low - 10000)))
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

# initdb once and copy it: initdb costs a second or more.  PG_LOCALE
# (default C.UTF-8) is the cluster's locale: en_US.UTF-8 is what the
# official PostgreSQL image defaults to (bench-scan compares the two).  The template
# lives in the temporary directory, not the build tree, because postgres
# (when we are root) may not be able to enter the build tree (a clone
# under /root, a 0700 directory).
pg_template() {
	local ver tpl lock i
	ver=$(basename "$(dirname "$PGBIN")")
	tpl=${TMPDIR:-/tmp}/ebs-pgtemplate-$(id -u)-$ver-${PG_LOCALE:-C.UTF-8}
	lock=$tpl.lock
	[ -f "$tpl/PG_VERSION" ] && { echo "$tpl"; return 0; }
	for ((i = 0; i < 600; i++)); do
		mkdir "$lock" 2>/dev/null && break
		sleep 0.1
	done
	if [ ! -f "$tpl/PG_VERSION" ]; then
		rm -rf "$tpl.tmp"; mkdir -p "$tpl.tmp"
		as_root && chown postgres: "$tpl.tmp"
		pg_as_owner "$PGBIN/initdb" -D "$tpl.tmp" -U postgres --auth=trust \
		    -E UTF8 --locale="${PG_LOCALE:-C.UTF-8}" >"$T/initdb.log" 2>&1 ||
		    { rmdir "$lock"; cat "$T/initdb.log" >&2; return 1; }
		mv "$tpl.tmp" "$tpl"
	fi
	rmdir "$lock"
	echo "$tpl"
}

# Start a private PostgreSQL under $T/pg (or $PG_DIR); sets PG_PORT and
# DATABASE_URL (database "app", role "app").  A data directory that already
# exists is reused as it is (the run command keeps its data between runs).
pg_start() {
	local tpl fresh=false
	PGBIN=$(pg_bindir) || skip_all "PostgreSQL server binaries not found"
	PG_DIR=${PG_DIR:-$T/pg}
	mkdir -p "$PG_DIR"
	if [ ! -f "$PG_DIR/data/PG_VERSION" ]; then
		tpl=$(pg_template) || bail "initdb failed"
		cp -a "$tpl" "$PG_DIR/data"
		fresh=true
	fi
	as_root && chown -R postgres: "$PG_DIR"
	chmod 700 "$PG_DIR/data"
	PG_PORT=${PG_PORT:-$(free_port)} || bail "no free port"
	pg_ctl_start || bail "PostgreSQL did not start: $(tail -n 5 "$PG_DIR/server.log")"
	at_exit pg_stop
	if $fresh; then
		pg_super postgres -c "create role app login password 'app'" \
		    -c "create database app owner app" \
		    >/dev/null || bail "cannot create the database"
	fi
	export DATABASE_URL="postgresql://app:app@127.0.0.1:$PG_PORT/app"
	# The FastCGI programs of this database share a counter in shared
	# memory named after DATABASE_URL (cgi/cache.c); gone with it.
	at_exit "rm -f /dev/shm/ebay-scanner-$(printf '%s' "$DATABASE_URL" |
	    sha256sum | cut -c1-16)"
}

pg_ctl_start() {
	pg_as_owner "$PGBIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 30 \
	    -o "-k $PG_DIR -p $PG_PORT -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off ${PG_EXTRA_OPTS:-}" \
	    start >/dev/null
}

pg_stop() {
	[ -n "${PG_DIR:-}" ] && [ -f "$PG_DIR/data/postmaster.pid" ] || return 0
	pg_as_owner "$PGBIN/pg_ctl" -D "$PG_DIR/data" -m "${PG_STOP_MODE:-immediate}" -w -t 30 stop >/dev/null 2>&1
}

# psql as the cluster's superuser on database DB: pg_super DB -c '...'
pg_super() {
	local db=$1
	shift
	"${PSQL:-psql}" -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres \
	    -v ON_ERROR_STOP=1 "$db" "$@"
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

# Start one FastCGI program under spawn-fcgi + multiwatch (fcgi_stop_all
# stops it with the others).
fcgi_started=()
fcgi_start() {
	local name=$1 bin=$top_builddir/cgi/$1
	[ -x "$bin" ] || { diag "no program $bin (socket $name.sock)"; return 0; }
	# spawn-fcgi runs its program with execv: give it an absolute path.
	local mw=${MULTIWATCH:-$(command -v multiwatch)}
	[ -x "$mw" ] || bail "multiwatch not installed"
	"${SPAWN_FCGI:-spawn-fcgi}" -s "$WEB_DIR/run/$name.sock" -M 0666 \
	    -P "$WEB_DIR/run/$name.pid" -- "$mw" -f "${FCGI_CHILDREN:-2}" \
	    -- "$bin" >>"$WEB_DIR/logs/spawn.log" 2>&1 || return 1
	fcgi_started+=("$name")
}

# pids_gone PID...: true when none of them runs any more.
pids_gone() {
	local pid
	for pid; do kill -0 "$pid" 2>/dev/null && return 1; done
	return 0
}

# fcgi_stop NAME...: stop those FastCGI programs by the PIDs in their PID
# files, all at once: SIGTERM to each, then wait until every one has
# exited; what still runs after 5 s gets SIGKILL (and is waited for too).
fcgi_stop() {
	local name pid pids=()
	for name; do
		[ -f "$WEB_DIR/run/$name.pid" ] || continue
		pid=$(cat "$WEB_DIR/run/$name.pid")
		kill -TERM "$pid" 2>/dev/null && pids+=("$pid")
	done
	if ! wait_for 5 pids_gone "${pids[@]}"; then
		for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null; done
		wait_for 5 pids_gone "${pids[@]}"
	fi
	for name; do
		rm -f "$WEB_DIR/run/$name.pid" "$WEB_DIR/run/$name.sock"
	done
}

fcgi_stop_all() {
	[ ${#fcgi_started[@]} -gt 0 ] || return 0
	fcgi_stop "${fcgi_started[@]}"
	fcgi_started=()
}

# Start nginx and every FastCGI program; sets WEB_PORT, WEB_URL, WEB_DIR.
web_start() {
	local p
	command -v "${NGINX_BIN:-nginx}" >/dev/null 2>&1 || [ -x "${NGINX_BIN:-}" ] || skip_all "nginx not installed"
	command -v "${SPAWN_FCGI:-spawn-fcgi}" >/dev/null 2>&1 || skip_all "spawn-fcgi not installed"
	command -v curl >/dev/null 2>&1 || skip_all "curl not installed"
	WEB_DIR=${WEB_DIR:-$T/web}
	WEB_PORT=${WEB_PORT:-$(free_port)} || bail "no free port"
	mkdir -p "$WEB_DIR/static"
	cp -R "$top_srcdir/static/." "$WEB_DIR/static/"
	sh "$top_srcdir/nginx/gen-conf.sh" "$top_srcdir" "$WEB_DIR" "127.0.0.1:$WEB_PORT" "$WEB_DIR/static"
	at_exit fcgi_stop_all
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

