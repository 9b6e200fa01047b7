#!/usr/bin/env bash
# Every test: set up, build Release and ASan+UBSan, run ctest in both (the
# sanitizer build runs the unit, parser and crash tests; server, browser and
# database tests run in Release only), then the fuzzers for a bounded time.
# Exits non-zero when any test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build_web.sh  # the dashboard (and playwright-core for its browser test), before CMake embeds it
status=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
bash scripts/build.sh release
echo "== ctest: Release"
ctest --test-dir build/release --output-on-failure -j "$(nproc)" | tee -a "$log" || status=1
bash scripts/build.sh sanitize
echo "== ctest: ASan+UBSan"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build/sanitize --output-on-failure -j "$(nproc)" -L "unit|parser|crash" | tee -a "$log" || status=1
bash scripts/build.sh fuzz
echo "== ctest: fuzzers (bounded)"
ctest --test-dir build/fuzz --output-on-failure -L fuzz | tee -a "$log" || status=1
# One line for all three runs (ctest prints "N% tests passed, F tests failed out of T").
awk '/tests passed, [0-9]+ tests failed out of/ {failed += $4; total += $NF}
     END {printf "all builds: %d passed, %d failed\n", total - failed, failed}' "$log"
exit $status
