#!/bin/bash
# The fake eBay's clock: as it advances, new listings appear, prices move,
# auctions gather bids and end, fixed-price listings end and some come
# back as relists (same seller and title, new item id).
. "$top_srcdir/t/lib.sh"
. "$top_srcdir/t/lib-fake.sh"
have_python || skip_all "python3 needed to inspect the JSON"

T0=1773500000
fake_start --clock $T0 --freeze-clock --token-ttl 31536000
fake_token || bail "no token"
B=$T/fake.body
T0ISO=$(date -u -d "@$T0" +%Y-%m-%dT%H:%M:%S.000Z)

# snapshot FILE QUERY: every listing of the query (following next) as a
# JSON object keyed by itemId.
snapshot() {
	python3 - "$FAKE_URL" "$FAKE_TOKEN" "$2" >"$1" <<'PY'
import json, sys, urllib.request
base, token, query = sys.argv[1:4]
url = base + "/buy/browse/v1/item_summary/search?" + query
items, pages = {}, 0
while url and pages < 50:
    req = urllib.request.Request(url, headers={"Authorization": "Bearer " + token})
    with urllib.request.urlopen(req, timeout=20) as r:
        d = json.load(r)
    for i in d.get("itemSummaries", []):
        items[i["itemId"]] = i
    url = d.get("next")
    pages += 1
json.dump(items, sys.stdout)
PY
}

Q="q=gameboy%20color&limit=200&filter=buyingOptions:%7BFIXED_PRICE%7CAUCTION%7D"
W="$Q,itemStartDate:%5B$(date -u -d "@$((T0 - 12 * 86400))" +%Y-%m-%dT%H:%M:%S.000Z)..$T0ISO%5D"
snapshot "$T/before.json" "$W"
json_is "$T/before.json" 'len(d) > 20' true "a window of listings before"

fake_ctl POST '/__fake/clock?advance=172800' >/dev/null
snapshot "$T/after.json" "$W"
snapshot "$T/new.json" "$Q,itemStartDate:%5B$T0ISO%5D"

# Same window, two days later.
py() { json_get "$T/after.json" "$1"; }
cat >"$T/cmp.py" <<'PY'
import json
b = json.load(open(BEFORE)); a = json.load(open(AFTER)); n = json.load(open(NEW))
common = [k for k in b if k in a]
def price(i): return i["price"]["value"] if "price" in i else None
moved = [k for k in common if "FIXED_PRICE" in a[k]["buyingOptions"] and "AUCTION" not in b[k]["buyingOptions"] and price(a[k]) != price(b[k])]
gone = [k for k in b if k not in a]
auct = [k for k in common if "AUCTION" in b[k]["buyingOptions"]]
bids_up = [k for k in auct if a[k]["bidCount"] > b[k]["bidCount"]]
bids_down = [k for k in auct if a[k]["bidCount"] < b[k]["bidCount"] or float(a[k]["currentBidPrice"]["value"]) < float(b[k]["currentBidPrice"]["value"])]
ended_auctions = [k for k in gone if "AUCTION" in b[k]["buyingOptions"] and b[k]["itemEndDate"] <= NOW]
ended_fixed = [k for k in gone if "AUCTION" not in b[k]["buyingOptions"]]
relists = [(k, m) for k in gone for m in n if n[m]["seller"]["username"] == b[k]["seller"]["username"] and n[m]["title"] == b[k]["title"] and m != k]
PY
check() {
	python3 - <<PY 2>&1
BEFORE, AFTER, NEW, NOW = "$T/before.json", "$T/after.json", "$T/new.json", "$(date -u -d "@$((T0 + 172800))" +%Y-%m-%dT%H:%M:%S.000Z)"
exec(open("$T/cmp.py").read())
print($1)
PY
}
is "$(check 'len(common) > 0')" True "listings still there two days later"
is "$(check 'len(moved) > 0')" True "some fixed prices moved ($(check 'len(moved)'))"
is "$(check 'all(price(a[k]) == price(b[k]) for k in common if k not in moved and "AUCTION" not in b[k]["buyingOptions"])')" True \
    "the others kept their price"
is "$(check 'len(bids_up) > 0 and not bids_down')" True "auctions: bids only rise ($(check 'len(bids_up)') rose)"
is "$(check 'len(ended_auctions) > 0')" True "ended auctions are gone ($(check 'len(ended_auctions)'))"
is "$(check 'len(ended_fixed) > 0')" True "some fixed-price listings ended and are gone ($(check 'len(ended_fixed)'))"
is "$(check 'all(i["itemOriginDate"] >= "'"$T0ISO"'" and i["itemCreationDate"] <= i["itemOriginDate"] for i in n.values()) and len(n) > 0')" True \
    "new listings appeared, dated after the advance's start ($(check 'len(n)'))"
is "$(check 'len(relists) > 0')" True "relists: same seller and title, new item id ($(check 'len(relists)'))"

# The scanner's cursor: sort=newlyListed with itemStartDate.
fake_search "$Q&sort=newlyListed&filter=itemStartDate:%5B$T0ISO%5D" >/dev/null
json_is "$B" 'len(d["itemSummaries"]) > 0 and all(i["itemOriginDate"] >= "'"$T0ISO"'" for i in d["itemSummaries"])' true \
    "itemStartDate cursor: only the new listings"

# Back in time: the same page as before (determinism across clock moves).
fake_ctl POST "/__fake/clock?set=$T0" >/dev/null
snapshot "$T/again.json" "$W"
cmp -s "$T/before.json" "$T/again.json"
ok $? "setting the clock back gives the same listings, byte for byte"

# Running clock: --clock without --freeze-clock moves forward by itself.
fake_start --clock 1000000000
now=$(fake_ctl GET /__fake/clock | sed -n 's/.*"now":\([0-9]*\).*/\1/p')
[ "$now" -ge 1000000000 ] && [ "$now" -lt 1000000300 ]
ok $? "--clock sets the start of a running clock"
like "$(fake_ctl GET /__fake/clock)" '"frozen":false' "not frozen"
fake_ctl POST '/__fake/clock?freeze=1' >/dev/null
like "$(fake_ctl GET /__fake/clock)" '"frozen":true' "freeze=1 freezes it"

done_testing
