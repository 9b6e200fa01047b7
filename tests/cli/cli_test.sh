#!/usr/bin/env bash
# The CLI end to end: generate, a one-off `metrics` on a file, ingest with a
# bad row and --strict, info, alerts (exit 3 when a rule fires), delete.
set -euo pipefail
tp=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

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
echo "cli: 1 passed, 0 failed"
