#!/bin/bash
# Headless Chromium renders the start page, a live search, a saved search
# with finds and an item page in demo mode (desktop and phone widths).
# The screenshots stay in the build tree's t/out/ for people to look at;
# the test checks that each is a real page, not a blank one.
. "$top_srcdir/t/lib.sh"
. "$top_srcdir/t/lib-fake.sh"
. "$top_srcdir/t/lib-web.sh"
CHROMIUM=$(command -v chromium || command -v chromium-browser || command -v google-chrome) ||
    skip_all "chromium not installed"
command -v python3 >/dev/null 2>&1 || skip_all "python3 not installed (the cookie proxy)"
pg_start
migrate || bail "migrate failed"
fake_start --freeze-clock
web_start
is "$(web_setup alice 'alice pass 1')" 303 "signed in"
tok=$(web_csrf alice)
as alice POST /searches --data-urlencode "csrf=$tok" -d 'q=thinkpad+x220&name=ThinkPad+X220&interval=15&alert_new=1&alert_price=1&alert_price_max=250' >/dev/null
id=$(sed -n 's/^Location: \/searches\/\([0-9]*\).*/\1/p' "$T/headers")
web_seed "$id" 12
sql "update listings set title = 'Lenovo ThinkPad X220 12.5\" i5 8GB 256GB SSD - tested' where item_id = 'v1|100001|0'; update listings set title = 'ThinkPad X220 with docking station, charger and two batteries' where item_id = 'v1|100002|0'; update listings set title = 'Lot of 3 ThinkPad X220 for parts or repair' where item_id = 'v1|100003|0'; update listings set seller_username = 'pine_works_and_bits', location_city = 'Austin', item_web_url = 'https://www.ebay.com/itm/100001', image_url = null where item_id = 'v1|100001|0'" >/dev/null
sql "insert into scan_runs (search_id, started_at, finished_at, status, calls, items_seen, items_new) values ($id, now() - interval '14 minutes', now() - interval '14 minutes' + interval '2 seconds', 'ok', 1, 50, 12)" >/dev/null
sql "update saved_searches set status = 'ok', last_run_at = now() - interval '14 minutes', next_run_at = now() + interval '1 minute' where id = $id" >/dev/null
as alice GET '/search?q=thinkpad+x220&per_page=25' >/dev/null	# warm the cache

sid=$(awk '$6 == "sid" { print $7 }' "$T/jar.alice")
for try in 1 2 3 4 5; do
	port=$(free_port) || bail "no free port"
	python3 "$top_srcdir/t/cookie-proxy.py" "$port" "$WEB_URL" "sid=$sid" 2>>"$T/proxy.log" &
	proxy=$!
	at_exit "kill $proxy"
	wait_for 10 eval "curl -s -o /dev/null http://127.0.0.1:$port/healthz || ! kill -0 $proxy" &&
	    kill -0 "$proxy" 2>/dev/null && break
done
kill -0 "$proxy" 2>/dev/null || bail "proxy did not start: $(tail -n 3 "$T/proxy.log")"

out=$top_builddir/t/out
mkdir -p "$out"

# png_colours FILE: distinct byte values in the decompressed image data
# (a blank page has a handful, a rendered one hundreds).
png_colours() {
	python3 - "$1" <<'PY'
import struct, sys, zlib
d = open(sys.argv[1], "rb").read()
i, idat = 8, b""
while i < len(d):
    n, t = struct.unpack(">I4s", d[i:i + 8])
    if t == b"IDAT":
        idat += d[i + 8:i + 8 + n]
    i += 12 + n
print(len(set(zlib.decompress(idat))))
PY
}

shot() {
	local name=$1 path=$2 size=$3 file=$out/web-$1.png bytes colours
	rm -f "$file"
	timeout 60 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic \
	    --no-first-run --disable-background-networking --disable-component-update \
	    --disable-sync --hide-scrollbars --user-data-dir="$T/chromium-$name" \
	    --window-size="$size" --screenshot="$file" "http://127.0.0.1:$port$path" \
	    >"$T/chromium-$name.log" 2>&1
	if [ ! -s "$file" ]; then
		ok 1 "$name: screenshot taken"; diag "$(tail -n 5 "$T/chromium-$name.log")"
		return
	fi
	ok 0 "$name: screenshot taken ($file)"
	bytes=$(wc -c <"$file")
	ok $([ "$bytes" -gt 20000 ] && echo 0 || echo 1) "$name: not trivial ($bytes bytes)"
	colours=$(png_colours "$file")
	ok $([ "${colours:-0}" -gt 60 ] && echo 0 || echo 1) "$name: not one colour ($colours distinct values)"
}

# The pages themselves are right before they are photographed.
is "$(curl -s -o "$T/p" -w '%{http_code}' "http://127.0.0.1:$port/searches/$id")" 200 "the proxy serves a signed-in page"
like "$(cat "$T/p")" 'Demo mode' "demo banner on the page"

shot home / 1280,900
shot search '/search?q=thinkpad+x220&per_page=25' 1280,1400
shot saved "/searches/$id" 1280,1600
shot item '/items/v1%7C100005%7C0' 1280,1300
shot search-phone '/search?q=thinkpad+x220&per_page=25' 390,1600
done_testing
