# Receivers on loopback for the notification tests (bash, after t/lib.sh).
#
#   rcv_http NAME [PORT]	start t/receiver-http recording to $T/rcv-NAME;
#				sets RCV_PORT (PORT 0 or none: any free port)
#   rcv_smtp NAME [PORT]	the same with t/receiver-smtp
#   rcv_stop NAME		stop it (by PID); the recordings stay
#   rcv_count NAME		how many requests (or mails) it recorded
#   rcv_last NAME EXT		the path of its last recording (req, body, eml, env)
#
# Each stops by itself after RCV_MAX_SECONDS (default 300) and when the
# test exits.  Control files in $T/rcv-NAME: status, reply, delay, fail.

rcv_start() {
	local prog=$1 name=$2 port=${3:-0} dir=$T/rcv-$2 pid
	mkdir -p "$dir"
	rm -f "$dir.port"
	"$top_builddir/t/$prog" --dir "$dir" --port "$port" --port-file "$dir.port" \
	    --max-seconds "${RCV_MAX_SECONDS:-300}" 2>>"$T/rcv-$name.log" &
	pid=$!
	echo "$pid" >"$dir.pid"
	at_exit "rcv_stop $name"
	wait_for 10 test -s "$dir.port" || bail "$prog $name did not start"
	RCV_PORT=$(cat "$dir.port")
}

rcv_http() { rcv_start receiver-http "$@"; }
rcv_smtp() { rcv_start receiver-smtp "$@"; }

rcv_stop() {
	local pidf=$T/rcv-$1.pid pid
	[ -f "$pidf" ] || return 0
	pid=$(cat "$pidf")
	kill -TERM "$pid" 2>/dev/null
	wait_for 5 eval "! kill -0 $pid"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	rm -f "$pidf"
	return 0
}

rcv_count() {
	local n
	n=$(ls "$T/rcv-$1" 2>/dev/null | grep -cE '^[0-9]+\.(req|eml)$')
	echo "${n:-0}"
}

rcv_last() {
	local f
	f=$(ls "$T/rcv-$1" 2>/dev/null | grep -E "^[0-9]+\\.$2\$" | sort | tail -n 1)
	[ -n "$f" ] && echo "$T/rcv-$1/$f"
}

# rcv_json FILE [PATH]: strict JSON check, prints the value at PATH.
rcv_json() { "$top_builddir/t/receiver-json" "$@"; }

# A title with everything hostile eBay may send.
HOSTILE_TITLE=$(printf '<script>alert("x")</script> & '"'"'q'"'"' \\ \342\200\256 @everyone *b* <!here> {{X}} café')
