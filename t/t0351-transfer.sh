#!/bin/bash
# /import and /export through nginx: an eBay search address becomes a
# saved search with its unmapped parameters named; export -> import (as
# another user) -> export gives the same bytes; a bad file is refused with
# the line and the reason and nothing of it is imported.
. "$top_srcdir/t/lib.sh"
. "$top_srcdir/t/lib-web.sh"
pg_start
migrate || bail "migrate failed"
web_start
web_alice_and_bob
tok=$(web_csrf alice)
btok=$(web_csrf bob)

is "$(http GET /import)" 303 "signed out: /import redirects to /login"
is "$(as alice GET /import)" 200 "GET /import"
like "$(cat "$T/body")" 'name="url"' "the form asks for an eBay address"

# An eBay address from ebay.de.
url='https://www.ebay.de/sch/i.html?_nkw=thinkpad+x220+-defekt&_udlo=50&_udhi=150,50&LH_ItemCondition=3000%7C2500&LH_Auction=1&LH_BIN=1&_sop=10&LH_PrefLoc=1&_sacat=177&_sadis=20&_from=R40'
is "$(as alice POST /import --data-urlencode "csrf=$tok" --data-urlencode "url=$url" -d name=Thinkpads)" 200 "POST /import url: 200"
like "$(cat "$T/body")" 'Saved the search <a href="/searches/[0-9]+">Thinkpads</a> \(EBAY_DE\)' "the search is saved"
like "$(cat "$T/body")" '<code>_sadis=20</code>' "the unmapped _sadis is named"
like "$(cat "$T/body")" '<code>_from=R40</code>.*\(ignored\)' "the tracking _from is named as ignored"
is "$(sql "select name || '|' || q || '|' || category_id || '|' || min_price || '|' || max_price || '|' || currency || '|' || array_to_string(conditions, ',') || '|' || array_to_string(formats, ',') || '|' || array_to_string(exclude_words, ',') || '|' || located_in || '|' || marketplace || '|' || sort from saved_searches")" \
    "Thinkpads|thinkpad x220|177|50.00|150.50|EUR|refurbished,used|buy_it_now,auction|defekt|DE|EBAY_DE|newly_listed" \
    "stored as the address said"
is "$(as alice POST /import --data-urlencode "csrf=$tok" --data-urlencode "url=https://example.com/sch/i.html?_nkw=x")" 400 "not eBay: 400"
like "$(cat "$T/body")" 'not an eBay site' "with the reason"
is "$(as alice POST /import --data-urlencode "url=$url")" 403 "without the CSRF token: 403"

# More of alice's data: a channel, a search with alerts and the channel.
sql "insert into channels (user_id, name, kind, target, config, mode) values (1, 'phone', 'ntfy', 'https://ntfy.example/alerts', '{\"priority\": 4}', 'hourly'), (1, 'hook', 'webhook', 'https://hooks.example/x?k=1', '{}', 'instant')" >/dev/null
code=$(as alice POST /searches --data-urlencode "csrf=$tok" -d 'q=leica+m6&name=Leica&interval=60&condition=used&max_price=1500.5&exclude=parts&seller_exclude=Bad_Seller&free_shipping=1&marketplace=EBAY_GB&sort=price' \
    -d 'alert_new=1&alert_new_max_total=900&alert_price=1&alert_price_min=100&alert_price_max=1000&alert_price_direction=both&alert_ending=1&alert_ending_window=45&alert_ending_max_bids=3&channel=1&channel=2&notify_existing=1')
is "$code" 303 "a second search with alerts and channels"

is "$(as alice GET /export)" 200 "GET /export"
like "$(cat "$T/headers")" 'Content-Disposition: attachment' "a download"
cp "$T/body" "$T/export1.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["format"]=="ebay-scanner-export" and len(d["searches"])==2 and len(d["channels"])==2' "$T/export1.json"
ok $? "the export parses: 2 searches, 2 channels"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [s["channels"] for s in d["searches"] if s["name"]=="Leica"]==[["phone","hook"]]' "$T/export1.json"
ok $? "searches name their channels"

is "$(as bob POST /import -H "X-CSRF-Token: $btok" -H 'Content-Type: application/json' --data-binary @"$T/export1.json")" 200 "bob imports alice's export"
is "$(cat "$T/body")" '{"searches":2,"channels":2,"channels_reused":0}' "everything imported"
is "$(as bob GET /export)" 200 "bob's export"
cmp -s "$T/export1.json" "$T/body"
ok $? "export -> import -> export: byte-identical"
[ $? -eq 0 ] || diff "$T/export1.json" "$T/body" | head -20 | while read -r l; do diag "$l"; done

# The form's text area works too, and an identical channel is reused.
is "$(as bob POST /import --data-urlencode "csrf=$btok" --data-urlencode "file@$T/export1.json")" 200 "import through the form"
like "$(cat "$T/body")" 'Imported 2 searches and 0 new channels \(2 channels were already there\)' "channels reused"
is "$(sql "select count(*) from channels where user_id = 2")" 2 "no doubled channels"

# The form's file field (multipart/form-data, as a browser sends it with
# the text area left empty) imports the same as a paste.
n0=$(sql "select count(*) from saved_searches where user_id = 2")
is "$(as bob POST /import -F "csrf=$btok" -F "upload=@$T/export1.json;type=application/json" -F file=)" 200 "import an uploaded file"
like "$(cat "$T/body")" 'Imported 2 searches and 0 new channels \(2 channels were already there\)' "as a paste does"
is "$(sql "select count(*) from saved_searches where user_id = 2")" "$((n0 + 2))" "two more searches"
is "$(as bob POST /import -F "upload=@$T/export1.json")" 403 "an upload without the CSRF token: 403"
is "$(as bob GET /import)" 200 "GET /import"
like "$(cat "$T/body")" 'enctype="multipart/form-data"' "the form posts multipart"
like "$(cat "$T/body")" '<input id="upload" name="upload" type="file"' "with a file field"

# Bad files: refused with the line and reason; nothing imported.
before=$(sql "select (select count(*) from saved_searches) || '/' || (select count(*) from channels) || '/' || (select count(*) from alert_rules)")
# The second search's max_price is not money (line of that member).
python3 - "$T/export1.json" "$T/bad1.json" <<'PY'
import sys
t = open(sys.argv[1]).read()
i = t.rindex('"max_price"')
j = t.index('\n', i)
open(sys.argv[2], 'w').write(t[:i] + '"max_price": "a lot",' + t[j:])
PY
line=$(grep -n '"max_price": "a lot"' "$T/bad1.json" | cut -d: -f1)
is "$(as bob POST /import -H "X-CSRF-Token: $btok" -H 'Content-Type: application/json' --data-binary @"$T/bad1.json")" 400 "bad money: 400"
like "$(cat "$T/body")" "\"field\":\"searches\\[1\\]\\.max_price\"" "names the field"
like "$(cat "$T/body")" "\"line\":$line," "and its line ($line)"
is "$(as bob POST /import --data-urlencode "csrf=$btok" --data-urlencode "file@$T/bad1.json")" 400 "through the form: 400"
like "$(cat "$T/body")" "Line $line: <code>searches\\[1\\]\\.max_price</code>" "the page says the line and field"
# A syntax error.
head -c 300 "$T/export1.json" >"$T/bad2.json"
is "$(as bob POST /import -H "X-CSRF-Token: $btok" -H 'Content-Type: application/json' --data-binary @"$T/bad2.json")" 400 "truncated file: 400"
like "$(cat "$T/body")" '"line":[0-9]+' "with a line"
# An unknown channel kind in the file.
sed 's/"kind": "ntfy"/"kind": "pigeon"/' "$T/export1.json" >"$T/bad3.json"
is "$(as bob POST /import -H "X-CSRF-Token: $btok" -H 'Content-Type: application/json' --data-binary @"$T/bad3.json")" 400 "unknown channel kind: 400"
like "$(cat "$T/body")" '"field":"channels\[0\]\.kind"' "names the channel's kind"
# Bad uploads: a clear 400 naming the field.
is "$(as bob POST /import -F "csrf=$btok" -F "upload=@$T/bad1.json" -F file=)" 400 "a bad uploaded file: 400"
like "$(cat "$T/body")" "Line $line: <code>searches\[1\]\.max_price</code>" "the page says the line and field"
like "$(cat "$T/body")" 'The text of <code>bad1.json</code> is in the box below' "and where its text went"
like "$(cat "$T/body")" '&quot;max_price&quot;: &quot;a lot&quot;' "the file's text is in the text area: nothing lost"
is "$(as bob POST /import -F "csrf=$btok" -F "upload=@$T/export1.json" -F "upload=@$T/export1.json")" 400 "two files: 400"
like "$(cat "$T/body")" '<code>upload</code> Choose one export file' "names the field"
is "$(as bob POST /import -F "csrf=$btok" -F "upload=@$T/export1.json" -F "file=<$T/export1.json")" 400 "a file and a paste: 400"
like "$(cat "$T/body")" '<code>upload</code> Choose a file or paste one, not both' "says so"
like "$(cat "$T/body")" '&quot;format&quot;: &quot;ebay-scanner-export&quot;' "the paste is kept"
: >"$T/empty.json"
is "$(as bob POST /import -F "csrf=$btok" -F "upload=@$T/empty.json" -F file=)" 400 "an empty file: 400"
like "$(cat "$T/body")" '<code>upload</code> The file is empty' "says so"
is "$(as bob POST /import -F "csrf=$btok" -F 'upload=;filename=""' -F file=)" 400 "no file chosen: 400"
like "$(cat "$T/body")" '<code>upload</code> Choose an export file or paste one' "asks for one"
printf '{"format": "ebay-scanner-export"\0}' >"$T/nul.json"
is "$(as bob POST /import -F "csrf=$btok" -F "upload=@$T/nul.json" -F file=)" 400 "a file with a NUL byte: 400"
like "$(cat "$T/body")" '<code>upload</code> The file is not an export file' "says so"
# Malformed multipart bodies, as no browser sends them.
printf -- '--XyZ\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n%s\r\n--XyZ\r\nContent-Disposition: form-data; name="upload"; filename="a.json"\r\n\r\n' "$btok" >"$T/head.txt"
{ cat "$T/head.txt"; head -c 200 "$T/export1.json"; } >"$T/cut.txt"
is "$(as bob POST /import -H 'Content-Type: multipart/form-data; boundary=XyZ' --data-binary @"$T/cut.txt")" 400 "a body cut short in the file: 400"
like "$(cat "$T/body")" 'cut short in the part &quot;upload&quot;' "says where"
like "$(cat "$T/body")" 'Field: <code>upload</code>' "names the field"
is "$(as bob POST /import -H 'Content-Type: multipart/form-data' --data-binary @"$T/cut.txt")" 400 "no boundary: 400"
like "$(cat "$T/body")" 'names no multipart boundary' "says so"
is "$(sql "select (select count(*) from saved_searches) || '/' || (select count(*) from channels) || '/' || (select count(*) from alert_rules)")" "$before" "nothing of the bad files or uploads was imported"
{ sed 's/\r$//' "$T/head.txt"; cat "$T/export1.json"; printf -- '\n--XyZ--\n'; } >"$T/lf.txt"
n0=$(sql "select count(*) from saved_searches where user_id = 2")
is "$(as bob POST /import -H 'Content-Type: multipart/form-data; boundary=XyZ' --data-binary @"$T/lf.txt")" 200 "a body with bare LF line ends imports"
is "$(sql "select count(*) from saved_searches where user_id = 2")" "$((n0 + 2))" "its two searches"
before=$(sql "select (select count(*) from saved_searches) || '/' || (select count(*) from channels) || '/' || (select count(*) from alert_rules)")
head -c 1100000 /dev/zero | tr '\0' ' ' >"$T/big.json"
is "$(as bob POST /import -F "csrf=$btok" -F "upload=@$T/big.json" -F file=)" 413 "an upload over the body limit: 413"
is "$(sql "select (select count(*) from saved_searches) || '/' || (select count(*) from channels) || '/' || (select count(*) from alert_rules)")" "$before" "nor of the one over the limit"
is "$(as alice GET /export)" 200 "alice's export"
cmp -s "$T/export1.json" "$T/body"
ok $? "alice's data is untouched by bob's imports"
done_testing
