#!/usr/bin/env bash
# The feedback analysis end to end on generated comments against
# scikit-learn's TF-IDF + NMF on the same comments, in one run.
# Usage: bench/feedback/run_feedback_bench.sh [COMMENTS...]   (default: 100000 1000000)
# For each size: feedback_corpus writes N survey comments (demo templates,
# NPS answers that follow the theme), touchpoint ingests them into a store
# (untimed), then each side runs 3 times; a timing is the best wall time of
# the whole process (warm cache) and its peak RSS (/usr/bin/time). The
# NMI columns say how well each side's main themes agree with the true
# template themes (measured in one more, untimed, run of each). Writes
# $BENCH_OUT/feedback.md (default bench/out).
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=("$@")
[ $# -eq 0 ] && sizes=(100000 1000000)
out=${BENCH_OUT:-bench/out}
mkdir -p "$out"
export DEBIAN_FRONTEND=noninteractive
for p in time python3-sklearn; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || apt-get install -y -qq "$p" >/dev/null
done
flock /tmp/tp-build.lock bash -c "bash scripts/build.sh release touchpoint >/dev/null &&
  bash scripts/build.sh release feedback_bench >/dev/null && bash scripts/build.sh release feedback_corpus >/dev/null &&
  cp build/release/touchpoint build/release/bench/feedback_bench build/release/bench/feedback_corpus '$out/'"

# best CMD...: "secs mib" of the fastest of 3 runs; the last run's output in $out/last.txt.
best() {
  local best_s=999999 best_m=0 t0 t1 s m
  for _ in 1 2 3; do
    t0=$(date +%s%N)
    /usr/bin/time -f "%M" -o "$out/time.txt" "$@" >"$out/last.txt" 2>"$out/err.txt" || { cat "$out/err.txt" >&2; return 1; }
    t1=$(date +%s%N)
    s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
    read -r m < "$out/time.txt"
    if awk "BEGIN{exit !($s < $best_s)}"; then best_s=$s; best_m=$((m / 1024)); fi
  done
  echo "$best_s $best_m"
}
# nmi TRUTH THEMES: scikit-learn's NMI of a side's main themes with the
# true ones. touchpoint's themes file has the event id first (its comments
# come ordered by customer), the peer's is in the truth's order.
nmi() {
  /usr/bin/python3 - "$1" "$2" <<'PY'
import sys
from sklearn.metrics import normalized_mutual_info_score
truth = dict(line.split("\t") for line in open(sys.argv[1]).read().splitlines())
rows = [line.split("\t") for line in open(sys.argv[2]).read().splitlines()]
if len(rows[0]) == 2:
    pairs = [(truth[e], t) for e, t in rows]
else:
    pairs = list(zip(truth.values(), (r[0] for r in rows)))
print(f"{normalized_mutual_info_score([a for a, _ in pairs], [b for _, b in pairs]):.4f}")
PY
}

report=$out/feedback.md
{
  echo "# Feedback benchmark $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores"
  echo
  echo "| comments | touchpoint s | peak MiB | NMI | TF-IDF + NMF s | peak MiB | NMI | NMF / touchpoint |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
} > "$report"
for n in "${sizes[@]}"; do
  dir=$out/fb_$n
  rm -rf "$dir" && mkdir -p "$dir"
  "$out/feedback_corpus" "$n" "$dir/events.csv" "$dir/comments.txt" "$dir/truth.txt"
  "$out/touchpoint" ingest --db "$dir/store" "$dir/events.csv" >/dev/null
  if [ -e "$dir/store/LOCK" ]; then flock "$dir/store/LOCK" true; fi  # the background merge
  # Timed without the truth; the NMI comes from one more run with it.
  read -r tp_s tp_m < <(best "$out/feedback_bench" "$dir/store")
  "$out/feedback_bench" "$dir/store" "$dir/touchpoint_themes.txt" >/dev/null
  tp_nmi=$(nmi "$dir/truth.txt" "$dir/touchpoint_themes.txt")
  read -r sk_s sk_m < <(best /usr/bin/python3 bench/feedback/nmf_peer.py "$dir/comments.txt")
  /usr/bin/python3 bench/feedback/nmf_peer.py "$dir/comments.txt" "$dir/nmf_themes.txt" >/dev/null
  sk_nmi=$(nmi "$dir/truth.txt" "$dir/nmf_themes.txt")
  ratio=$(awk -v a="$sk_s" -v b="$tp_s" 'BEGIN { printf "%.1f", a / b }')
  echo "| $n | $tp_s | $tp_m | $tp_nmi | $sk_s | $sk_m | $sk_nmi | ${ratio}x |" >> "$report"
done
cat "$report"
