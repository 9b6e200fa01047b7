#!/usr/bin/env bash
# The CLI end to end: generate, a one-off `metrics` on a file, ingest with a
# bad row and --strict, info, alerts (exit 3 when a rule fires), delete; then
# the analyses (paths, attribution, lifecycle, funnel options, retention churn
# and revenue) on a generated store, checking invariants of their JSON that
# must hold on any data, and bad flags answered with an error naming the flag.
set -euo pipefail
tp=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
# pycheck FILE WHAT <<'PY' ... PY: runs the Python on stdin with `d` the JSON
# of FILE; an assert that fails fails the test with WHAT.
pycheck() {
  local file=$1 what=$2 code
  code=$(cat)
  /usr/bin/python3 -c "import json, math, sys
d = json.load(open(sys.argv[1]))
$code" "$file" || fail "$what"
}
# expect_error STATUSES FLAG ARGS...: the command fails with one of STATUSES
# (space-separated) and its message names FLAG.
expect_error() {
  local statuses=$1 flag=$2 code
  shift 2
  set +e
  "$tp" "$@" > "$work/err_out.txt" 2> "$work/err.txt"
  code=$?
  set -e
  [[ " $statuses " == *" $code "* ]] || fail "$* exits with one of {$statuses}, got $code: $(cat "$work/err.txt")"
  grep -q -e "$flag" "$work/err.txt" || fail "$* names $flag in its message: $(cat "$work/err.txt")"
}
# Exit statuses of bad arguments (cli/cli_util.h): every bad flag or value
# and every unknown name is a usage error, 2, whichever layer refuses it.
error_codes="2"
usage_codes="2"
# What the data or the folders refuse (not a flag): 1.
data_codes="1"

"$tp" generate --events 20000 --seed 3 --out "$work/e.csv" 2>/dev/null
"$tp" metrics "$work/e.csv" --format json | grep -q '"events":{"value":20000' || fail "one-off metrics on a file"

printf 'timestamp,customer_id,event\n2024-01-01T00:00:00Z,x1,page_view\nnot-a-time,x2,click\n' > "$work/bad.csv"
set +e
"$tp" ingest --db "$work/s" "$work/bad.csv" --strict > "$work/out.txt" 2>&1
code=$?
set -e
[ $code -eq 3 ] || fail "--strict with a rejected row exits 3, got $code"
grep -q "1 accepted, 1 rejected" "$work/out.txt" || fail "accepted/rejected counts: $(cat "$work/out.txt")"
grep -q "timestamp" "$work/out.txt" || fail "top reasons printed"
"$tp" ingest --db "$work/s" "$work/bad.csv" > /dev/null 2>&1 && fail "the same file twice is refused"
"$tp" ingest --db "$work/s" "$work/e.csv" --quiet > /dev/null
"$tp" info --db "$work/s" --format json | grep -q '"events":20001' || fail "info counts every event"

cat > "$work/rules.toml" <<'RULES'
[[rule]]
name = "too many events"
measure = "events"
above = 10
last_days = 3650
[[rule]]
name = "impossible"
measure = "ctr"
above = 100
RULES
set +e
"$tp" alerts --db "$work/s" --rules "$work/rules.toml" > "$work/alerts.txt"
code=$?
set -e
[ $code -eq 3 ] || fail "alerts exit 3 when a rule fired, got $code"
grep -q "FIRED too many events" "$work/alerts.txt" || fail "the fired rule is printed"
grep -q "impossible" "$work/alerts.txt" && fail "a rule that did not fire is not printed"

printf 'customer_id,segment\nx1,vip\n' > "$work/seg.csv"
"$tp" derived --db "$work/s" --import segment "$work/seg.csv" | grep -q "1 customers" || fail "derived import"
"$tp" metrics --db "$work/s" --by derived:segment --format json | grep -q '"key":"vip"' || fail "--by derived:segment"
"$tp" derived --db "$work/s" | grep -q "fresh" || fail "derived list says fresh"

"$tp" delete --db "$work/s" --customer x1 | grep -q "1 events" || fail "delete reports the erased events"
"$tp" info --db "$work/s" --format json | grep -q '"events":20000' || fail "erased events are gone"

# ---- The store commands (issue 11) ----
# Erasure sticks: x1's row in another file is dropped and counted as erased.
printf 'timestamp,customer_id,event\n2024-01-02T00:00:00Z,x1,page_view\n2024-01-02T00:00:00Z,x9,page_view\n' > "$work/x1.csv"
"$tp" ingest --db "$work/s" "$work/x1.csv" --format json > "$work/x1.json"
pycheck "$work/x1.json" "an erased customer stays erased" <<'PY'
l = d["loads"][0]
assert (l["accepted"], l["erased"]) == (1, 1), l
PY
"$tp" loads --db "$work/s" --format json > "$work/loads.json"
pycheck "$work/loads.json" "loads lists every load with ISO times" <<'PY'
assert [l["accepted"] for l in d["loads"]] == [1, 20000, 1], d
assert d["loads"][2]["erased"] == 1 and d["loads"][0]["rejected"] == 1
assert all(l["loaded_at"].endswith("Z") and l["loaded_at"][4] == "-" for l in d["loads"])
PY
"$tp" info --db "$work/s" --format json > "$work/info_s.json"
pycheck "$work/info_s.json" "info gives ISO times" <<'PY'
assert d["first_event"].startswith("2024-") and d["last_event"].endswith("Z"), d["first_event"]
PY
x1_load=$(/usr/bin/python3 -c "import json; print(json.load(open('$work/loads.json'))['loads'][2]['load'])")
"$tp" unload --db "$work/s" --load "$x1_load" | grep -q "1 events removed" || fail "unload takes a load's rows out"
"$tp" info --db "$work/s" --format json | grep -q '"events":20000' || fail "unloaded rows are gone"
"$tp" ingest --db "$work/s" "$work/x1.csv" > /dev/null || fail "an unloaded file can be loaded again"
expect_error "$usage_codes" "no load 999" unload --db "$work/s" --load 999
"$tp" check --db "$work/s" > "$work/check.txt" || fail "check passes on a sound store: $(cat "$work/check.txt")"
"$tp" check --db "$work/s" --format json | grep -q '"ok":true' || fail "check answers in JSON"
# A damaged event-id set: check exits 1, --repair rebuilds it.
part=$(ls -S "$work/s/parts" | head -1)  # the largest: e.csv's, with event ids
/usr/bin/python3 - "$work/s/parts/$part" <<'PY'
import struct, sys, subprocess
# Flip a byte inside the (raw, version 4) event-id set: it sits just before
# the footer; its offset is read back through the reader's own error.
path = sys.argv[1]
data = bytearray(open(path, "rb").read())
footer = struct.unpack_from("<I", data, len(data) - 16)[0]
ids_end = len(data) - 16 - footer
data[ids_end - 5] ^= 0xFF
open(path, "wb").write(bytes(data))
PY
set +e
"$tp" check --db "$work/s" > "$work/check_bad.txt"; code=$?
set -e
[ $code -eq 1 ] || fail "check exits 1 on a damaged event-id set, got $code"
grep -q "event-id set" "$work/check_bad.txt" || fail "check names the damaged set: $(cat "$work/check_bad.txt")"
"$tp" check --db "$work/s" --repair > "$work/repair.txt" || fail "check --repair rebuilds the set: $(cat "$work/repair.txt")"
grep -q "rebuilding its event-id set" "$work/repair.txt" || fail "repair says what it does"
"$tp" check --db "$work/s" > /dev/null || fail "the repaired store checks clean"
"$tp" info --db "$work/s" --format json | grep -q '"events":20001' || fail "repair keeps every row"
# A missing MANIFEST is a damaged store for every command (exit 1), and
# nothing is deleted.
cp -r "$work/s" "$work/nomanifest"
rm "$work/nomanifest/MANIFEST"
for cmd in info ingest; do
  set +e
  if [ $cmd = ingest ]; then "$tp" ingest --db "$work/nomanifest" "$work/x1.csv" > /dev/null 2> "$work/err.txt"; code=$?
  else "$tp" info --db "$work/nomanifest" > /dev/null 2> "$work/err.txt"; code=$?; fi
  set -e
  [ $code -eq 1 ] || fail "$cmd on a store without MANIFEST exits 1, got $code"
  grep -q "damaged store" "$work/err.txt" || fail "$cmd says the store is damaged: $(cat "$work/err.txt")"
done
[ "$(ls "$work/nomanifest/parts" | wc -l)" = "$(ls "$work/s/parts" | wc -l)" ] || fail "no part is deleted without a MANIFEST"
# --db on a folder of the user's: refused, nothing deleted; a missing input
# leaves no store behind; a load whose every row is rejected exits 1.
mkdir -p "$work/d/log"; echo x > "$work/d/log/app.log"
expect_error "$data_codes" "not empty" ingest --db "$work/d" "$work/x1.csv"
[ -f "$work/d/log/app.log" ] || fail "the user's file is still there"
expect_error "$data_codes" "nope.csv" ingest --db "$work/fresh" "$work/nope.csv"
[ ! -e "$work/fresh" ] || fail "a missing input leaves no store behind"
expect_error "$data_codes" "none of the" ingest --db "$work/fresh" "$work/x1.csv" --input-format ndjson
[ ! -e "$work/fresh" ] || fail "a load with no accepted row leaves no store behind"
expect_error "$usage_codes" "delimiter" ingest --db "$work/fresh" "$work/x1.csv" --delimiter colon
# The hidden merge refuses to run without the lock on descriptor 3.
expect_error "$data_codes" "descriptor 3" compact --db "$work/s" --inherited-lock --parts 1,2
# Real exports with flags alone: a headerless ';' file of purchases.
printf '20240301;u1;9.90\n20240302;u2;5\n' > "$work/sales.txt"
"$tp" ingest --db "$work/sales" "$work/sales.txt" --no-header --columns timestamp,customer_id,revenue \
  --delimiter ';' --set event=purchase --format json > "$work/sales.json"
"$tp" info --db "$work/sales" --format json > "$work/sales_info.json"
pycheck "$work/sales_info.json" "a headerless ; export loads with flags alone" <<'PY'
assert d["events"] == 2 and d["customers"] == 2 and d["events_by_type"] == {"purchase": 2}, d
assert d["first_event"] == "2024-03-01T00:00:00.000Z", d["first_event"]
PY

# ---- Analyses on a store of the generated events alone ----
"$tp" ingest --db "$work/g" "$work/e.csv" --quiet > /dev/null
g=$work/g

# paths: with every path listed (no anchor), each journey has exactly one path,
# so the path counts add up to paths_counted = journeys; shares are of
# customers_with_path; every journey has one (start) and one (exit) transition.
"$tp" paths --db "$g" --top 100000 --format json > "$work/paths.json"
pycheck "$work/paths.json" "paths: top paths add up to paths_counted" <<'PY'
assert d["scope"] == "session" and d["touchpoint"] == "event" and d["depth"] == 5, d["scope"]
assert d["journeys"] > 0 and d["customers"] > 0
assert sum(p["paths"] for p in d["top_paths"]) == d["paths_counted"] == d["journeys"]
assert d["customers_with_path"] == d["customers"]
for p in d["top_paths"]:
    assert 1 <= len(p["path"]) <= 5 and p["ended"] <= p["paths"] and p["converted"] <= p["customers"]
    assert math.isclose(p["share_of_customers"], 100 * p["customers"] / d["customers_with_path"], rel_tol=1e-9)
    # 1e-9: WilsonPercent(0, n) gives a lower bound of ~5.6e-15, not 0.
    lo, hi = p["conversion_after_ci95"]
    assert lo - 1e-9 <= p["conversion_after"] <= hi + 1e-9
ranks = [(-p["paths"], -p["customers"]) for p in d["top_paths"]]
assert ranks == sorted(ranks), "ranked by paths, then customers"
starts = sum(t["count"] for t in d["transitions"] if t["from"] == "(start)")
exits = sum(t["count"] for t in d["transitions"] if t["to"] == "(exit)")
assert starts == exits == d["journeys"], (starts, exits)
# Every event but the inactive ones (impression, email_sent) is a touchpoint
# of kind event: the events per touchpoint add up.
assert d["inactive_events"] == ["impression", "email_sent"]
assert sum(t["events"] for t in d["touchpoints"]) + d["inactive_skipped"] == d["scanned_events"]
assert not any(t["touchpoint"] in ("impression", "email_sent") for t in d["touchpoints"])
assert sum(t["entries"] for t in d["touchpoints"]) == d["journeys"]
assert sum(e["exits"] for e in d["exits"]) == d["journeys"]
f = [s["customers"] for s in d["funnel_chart"]]
assert f and f == sorted(f, reverse=True) and f[0] <= d["customers"]
PY
"$tp" paths --db "$g" --end purchase --depth 3 --format json > "$work/paths_end.json"
pycheck "$work/paths_end.json" "paths --end purchase: paths end at purchase and never end the journey" <<'PY'
assert d["end"] == "purchase" and d["depth"] == 3
assert d["top_paths"] and d["customers_with_path"] < d["customers"]
for p in d["top_paths"]:
    assert p["path"][-1] == "purchase" and "purchase" not in p["path"][:-1] and len(p["path"]) <= 3
    assert p["ended"] == 0
assert all(n["name"].split(": ")[0] in "123" for n in d["sankey"]["nodes"])
assert any(n["name"] == "3: purchase" for n in d["sankey"]["nodes"]), "aligned on the last step"
PY
"$tp" paths --db "$g" --scope customer --start page_view --top 100000 --format json > "$work/paths_cust.json"
pycheck "$work/paths_cust.json" "paths --scope customer --start: one journey per customer" <<'PY'
assert d["scope"] == "customer" and d["journeys"] == d["customers"]
assert sum(p["paths"] for p in d["top_paths"]) == d["paths_counted"] == d["customers_with_path"]
assert all(p["path"][0] == "page_view" and p["paths"] == p["customers"] for p in d["top_paths"])
PY
"$tp" paths --db "$g" --by channel --top 100000 --format json > "$work/paths_by.json"
pycheck "$work/paths_by.json" "paths --by channel: groups add up to the journeys" <<'PY'
assert d["by"] == ["channel"] and len(d["groups"]) >= 2
assert sum(x["paths_counted"] for x in d["groups"]) == d["journeys"]
for x in d["groups"]:
    assert sum(p["paths"] for p in x["top_paths"]) == x["paths_counted"]
PY
"$tp" paths --db "$g" > "$work/paths.txt" || fail "paths table"
grep -q "page_view" "$work/paths.txt" || fail "the paths table lists page_view"
expect_error "$error_codes" "--depth" paths --db "$g" --depth 17
expect_error "$error_codes" "--start" paths --db "$g" --start no_such_event
expect_error "$error_codes" "--conversion" paths --db "$g" --conversion no_such_event
expect_error "$usage_codes" "--scope" paths --db "$g" --scope visit
expect_error "$usage_codes" "--touchpoint" paths --db "$g" --touchpoint device

# attribution: under every model, the channel rows plus the unattributed
# (direct) conversions equal the totals, in conversions and in revenue, for
# --value revenue and --value conversions alike.
for value in revenue conversions; do
  "$tp" attribution --db "$g" --value "$value" --format json > "$work/attr_$value.json"
  pycheck "$work/attr_$value.json" "attribution --value $value: channels + unattributed = totals" <<'PY'
models = ["first_touch", "last_touch", "linear", "time_decay", "position_based", "markov"]
assert d["conversions"] > 0 and d["revenue"] > 0 and d["unattributed"]["key"] == "(direct)"
assert d["attributed"]["conversions"] + d["unattributed"]["conversions"] == d["conversions"]
assert math.isclose(d["attributed"]["revenue"] + d["unattributed"]["revenue"], d["revenue"], rel_tol=1e-9)
shown = "revenue" if d["value"] == "revenue" else "conversions"
for m in models:
    conv = sum(c["attributed_conversions"][m] for c in d["channels"])
    rev = sum(c["attributed_revenue"][m] for c in d["channels"])
    assert math.isclose(conv + d["unattributed"]["conversions"], d["conversions"], rel_tol=1e-9), (m, conv)
    assert math.isclose(rev + d["unattributed"]["revenue"], d["revenue"], rel_tol=1e-9), (m, rev)
    assert math.isclose(sum(c[m] for c in d["channels"]), d["attributed"][shown], rel_tol=1e-9), m
    assert math.isclose(sum(c["share_pct"][m] for c in d["channels"]), 100, rel_tol=1e-9), m
for m in ("first_touch", "last_touch"):
    assert all(float(c["attributed_conversions"][m]).is_integer() for c in d["channels"]), m
assert all(0 <= c["removal_effect"] <= 1 for c in d["channels"])
mk = d["markov"]
assert mk["converting_paths"] == d["attributed"]["conversions"]
assert sum(t["count"] for t in mk["transitions"] if t["from"] == "(start)") == mk["converting_paths"] + mk["null_paths"]
assert sum(t["count"] for t in mk["transitions"] if t["to"] == "(conversion)") == mk["converting_paths"]
assert 0 < mk["conversion_probability"] < 1
PY
done
"$tp" attribution --db "$g" --by campaign --format json > "$work/attr_campaign.json"
pycheck "$work/attr_campaign.json" "attribution --by campaign: unattributed is (none)" <<'PY'
assert d["by"] == ["campaign"] and d["unattributed"]["key"] == "(none)"
assert d["attributed"]["conversions"] + d["unattributed"]["conversions"] == d["conversions"]
PY
expect_error "$usage_codes" "--value" attribution --db "$g" --value profit
expect_error "$error_codes" "--conversion" attribution --db "$g" --conversion no_such_event
expect_error "$error_codes" "--window" attribution --db "$g" --window 0d
expect_error "$error_codes" "--half-life" attribution --db "$g" --half-life 4000d

# lifecycle: every customer is in exactly one stage per period, so the stage
# counts sum to the period's customers (and the shares to 100), and each
# movement matrix sums to its first period's customers.
for period in month week; do
  "$tp" lifecycle --db "$g" --period "$period" --format json > "$work/life_$period.json"
  pycheck "$work/life_$period.json" "lifecycle --period $period: stage counts sum to customers" <<'PY'
stages = d["stages"]
assert stages == ["new", "reactivated", "engaged", "loyal", "advocate", "at_risk", "lost"]
ps = d["periods"]
assert len(ps) >= 2 and d["churn_after"] == (3 if d["period"] == "month" else 13)
prev = 0
for p in ps:
    assert sum(p["counts"][s] for s in stages) == p["customers"], p["period"]
    assert math.isclose(sum(p["percent"][s] for s in stages), 100, rel_tol=1e-9), p["period"]
    assert p["customers"] >= prev and p["active"] <= p["customers"]
    assert p["activation"]["activated"] <= p["activation"]["signups"]
    prev = p["customers"]
assert all(p["complete"] for p in ps[:-1]) and not ps[-1]["complete"], "the data ends inside its last period"
assert len(d["movements"]) == len(ps) - 1
for mv, p in zip(d["movements"], ps):
    assert mv["from"] == p["period"]
    assert sum(mv["matrix"][a][b] for a in stages for b in stages) == p["customers"]
    assert sum(mv["matrix"][a]["new"] for a in stages) == 0, "nobody moves into new"
total = sum(d["movements_total"][a][b] for a in stages for b in stages)
assert total == sum(p["customers"] for p in ps[:-1])
PY
done
expect_error "$error_codes" "--churn-after" lifecycle --db "$g" --churn-after 0
expect_error "$error_codes" "--activation" lifecycle --db "$g" --activation no_such_event
expect_error "$usage_codes" "--period" lifecycle --db "$g" --period year

# funnel options: --count, --exclude (dropped entries only in `excluded`),
# --attribution with --by (groups add up), --dropped-out (exactly `dropped`
# rows for that step, sorted by customer id).
steps=page_view,add_to_cart,checkout,purchase
"$tp" funnel --db "$g" --steps "$steps" --format json > "$work/f_plain.json"
"$tp" funnel --db "$g" --steps "$steps" --exclude support_ticket@1-4 --format json > "$work/f_excl.json"
cp "$work/f_plain.json" "$work/f_plain_ref.json"
pycheck "$work/f_excl.json" "funnel --exclude: excluded + counted = the funnel without the exclusion" <<PY
plain = json.load(open("$work/f_plain_ref.json"))
assert d["exclusions"] == ["support_ticket@1-4"] and d["excluded"] >= 0
assert d["steps"][0]["count"] + d["excluded"] == plain["steps"][0]["count"]
assert all(a["count"] <= b["count"] for a, b in zip(d["steps"], plain["steps"]))
PY
for count in sessions totals; do
  "$tp" funnel --db "$g" --steps "$steps" --count "$count" --format json > "$work/f_$count.json"
  pycheck "$work/f_$count.json" "funnel --count $count: entries >= customers" <<'PY'
assert d["count"] in ("sessions", "totals")
for s in d["steps"]:
    assert s["count"] >= s["customers"] and s["customers"] >= 0
for a, b in zip(d["steps"], d["steps"][1:]):
    assert b["dropped"] == a["count"] - b["count"] and b["count"] <= a["count"]
PY
done
for attribution in first last step:2; do
  "$tp" funnel --db "$g" --steps "$steps" --by channel --attribution "$attribution" --format json > "$work/f_attr.json"
  pycheck "$work/f_attr.json" "funnel --attribution $attribution: groups add up to the funnel" <<PY
plain = json.load(open("$work/f_plain_ref.json"))
assert d["attribution"] == "$attribution"
for k in range(4):
    assert sum(x["steps"][k]["count"] for x in d["groups"]) == plain["steps"][k]["count"], k
keys = [x["key"] for x in d["groups"]]
assert ("(not reached)" in keys) == ("$attribution" == "step:2"), keys
PY
done
"$tp" funnel --db "$g" --steps "$steps" --dropped-at 2 --dropped-out "$work/dropped.csv" --format json > "$work/f_drop.json"
pycheck "$work/f_drop.json" "funnel --dropped-out has exactly the step's dropped rows" <<PY
import csv
rows = list(csv.reader(open("$work/dropped.csv")))
assert rows[0] == ["customer_id", "entered_at", "last_step_at"], rows[0]
body = rows[1:]
assert len(body) == d["steps"][1]["dropped"] > 0, (len(body), d["steps"][1]["dropped"])
ids = [r[0] for r in body]
assert ids == sorted(ids) and len(set(ids)) == len(ids)
assert all(r[1] == r[2] and r[1].endswith("Z") for r in body), "dropped at step 2: one step filled"
PY
expect_error "$usage_codes" "--count" funnel --db "$g" --steps "$steps" --count visits
expect_error "$error_codes" "--attribution" funnel --db "$g" --steps "$steps" --by channel --attribution step:5
expect_error "$error_codes" "--exclude" funnel --db "$g" --steps "$steps" --exclude support_ticket@3-1
expect_error "$error_codes" "--dropped-at" funnel --db "$g" --steps "$steps" --dropped-at 5 --dropped-out "$work/x.csv"
expect_error "$error_codes" "--dropped-out" funnel --db "$g" --steps "$steps" --dropped-at 2

# retention: churn, intervals, revenue retention and subscriptions.
"$tp" retention --db "$g" --period month --format json > "$work/ret.json"
pycheck "$work/ret.json" "retention: churn, percent_ci95, revenue retention, subscribed" <<'PY'
cs = d["cohorts"]
assert cs and any(c["revenue"][0] > 0 for c in cs) and any(c["subscribed"][0] > 0 for c in cs)
for c in cs:
    n = len(c["retained"])
    assert c["retained"][0] == c["size"] and c["churn"][0] is None and c["contractual_churn"][0] is None
    for key in ("percent", "percent_ci95", "churn", "revenue", "net_revenue_retention",
                "gross_revenue_retention", "subscribed", "contractual_churn"):
        assert len(c[key]) == n, key
    for k in range(n):
        lo, hi = c["percent_ci95"][k]
        assert lo - 1e-9 <= c["percent"][k] <= hi + 1e-9 and 0 <= lo and hi <= 100
        assert 0 <= c["subscribed"][k] <= c["size"]
        assert c["gross_revenue_retention"][k] is None or c["gross_revenue_retention"][k] <= 100 + 1e-9
    if n > 1:
        assert math.isclose(c["churn"][1], 100 - c["percent"][1], abs_tol=1e-9), c["cohort"]
    if c["revenue"][0] > 0:
        assert c["net_revenue_retention"][0] == 100 and c["gross_revenue_retention"][0] == 100
        for k in range(n):
            assert math.isclose(c["net_revenue_retention"][k], 100 * c["revenue"][k] / c["revenue"][0], rel_tol=1e-9)
    else:
        assert all(x is None for x in c["net_revenue_retention"] + c["gross_revenue_retention"])
assert d["average"][0] == 100 and d["average_churn"][0] is None
PY
expect_error "$usage_codes" "--period" retention --db "$g" --period year

# The analyses agree with each other where their definitions meet: sessions
# (docs/metrics.md) are one definition for funnels and paths, every purchase
# is a conversion, every active customer has a stage and a cohort (customers
# known only by impressions or email_sent, inactive events, have neither).
"$tp" info --db "$g" --format json > "$work/info.json"
"$tp" metrics --db "$g" --format json > "$work/m_all.json"
"$tp" funnel --db "$g" --steps page_view,add_to_cart --count sessions --format json > "$work/f_sess_pv.json"
pycheck "$work/info.json" "the analyses agree on sessions, purchases and customers" <<PY
load = lambda name: json.load(open("$work/" + name))
pv = [t for t in load("paths.json")["touchpoints"] if t["touchpoint"] == "page_view"][0]
step = load("f_sess_pv.json")["steps"][0]
assert (step["count"], step["customers"]) == (pv["journeys"], pv["customers"]), (step, pv)
assert load("f_plain_ref.json")["steps"][0]["count"] == pv["customers"]
assert load("attr_revenue.json")["conversions"] == d["events_by_type"]["purchase"]
active = load("m_all.json")["metrics"]["customers"]["value"]
assert 0 < active <= d["customers"]
assert load("paths_cust.json")["customers"] == active
assert load("life_month.json")["periods"][-1]["customers"] == active
assert sum(c["size"] for c in load("ret.json")["cohorts"]) == active
PY
# A load of several parts (over 1M rows) is merged in the background: ingest
# returns at commit, the merge holds the write lock until it is done, a
# second writer waits for it, and the merged store answers exactly as the
# unmerged one (--no-merge).
"$tp" generate --events 2100000 --seed 5 --out "$work/big.csv" 2>/dev/null
"$tp" ingest --db "$work/merged" "$work/big.csv" > /dev/null
"$tp" ingest --db "$work/merged" "$work/e.csv" 2> "$work/wait.txt" > /dev/null || fail "a second load waits for the background merge"
flock "$work/merged/LOCK" true
[ ! -e "$work/merged/MERGING" ] || fail "the background merge clears its note"
"$tp" ingest --no-merge --db "$work/unmerged" "$work/big.csv" > /dev/null
"$tp" ingest --db "$work/unmerged" "$work/e.csv" > /dev/null
for db in merged unmerged; do
  "$tp" info --db "$work/$db" --format json > "$work/info_$db.json"
  "$tp" metrics --db "$work/$db" --format json > "$work/metrics_$db.json"
  "$tp" funnel --db "$work/$db" --steps page_view,add_to_cart,checkout,purchase --format json > "$work/funnel_$db.json"
done
# The same answers, timing fields aside.
same_answer() {
  /usr/bin/python3 -c "import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
a.pop('seconds'); b.pop('seconds')
sys.exit(a != b)" "$1" "$2"
}
same_answer "$work/metrics_merged.json" "$work/metrics_unmerged.json" || fail "merged and unmerged stores give the same metrics"
same_answer "$work/funnel_merged.json" "$work/funnel_unmerged.json" || fail "merged and unmerged stores give the same funnel"
pycheck "$work/info_merged.json" "the background merge leaves fewer parts" <<PY
unmerged = json.load(open("$work/info_unmerged.json"))
# Different seeds, different event ids (issue 11 item 10): e.csv adds its 20,000.
assert d["events"] == unmerged["events"] == 2120000, (d["events"], unmerged["events"])
assert d["parts"] < unmerged["parts"], (d["parts"], unmerged["parts"])
PY

# Start-up (cli/serve_flags.h, models/xgboost_library.h): the CLI loads
# neither the HTTP and TLS libraries nor XGBoost; `serve` hands over to
# touchpoint-serve next to it, and says so plainly when it is missing.
needed=$(readelf -d "$tp" | grep NEEDED)
for lib in libcpp-httplib libssl libcrypto libxgboost libgomp; do
  if echo "$needed" | grep -q "$lib"; then fail "touchpoint does not link $lib at start"; fi
done
[ -x "$(dirname "$tp")/touchpoint-serve" ] || fail "touchpoint-serve is built next to touchpoint"
mkdir -p "$work/alone"
cp "$tp" "$work/alone/touchpoint"
set +e
"$work/alone/touchpoint" serve --db "$work/alone/store" > /dev/null 2> "$work/err.txt"
code=$?
set -e
[ $code -eq 1 ] || fail "serve without touchpoint-serve exits 1, got $code"
grep -q "touchpoint-serve" "$work/err.txt" || fail "serve names the missing binary: $(cat "$work/err.txt")"
[ ! -e "$work/alone/store" ] || fail "serve without its binary creates no store"

# A mistyped --db for derived --import is an error, never a new empty store.
printf 'customer_id,value\nx1,gold\n' > "$work/seg.csv"
expect_error "$data_codes" "not a Touchpoint store" derived --db "$work/no_such_store" --import tier "$work/seg.csv"
[ ! -e "$work/no_such_store" ] || fail "derived --import on a mistyped --db creates no store"

echo "cli: 1 passed, 0 failed"
