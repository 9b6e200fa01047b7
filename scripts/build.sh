#!/usr/bin/env bash
# build.sh release|sanitize|fuzz : configures and builds into build/<kind>.
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:-release}
jobs=${TP_JOBS:-$(nproc)}
# A compiler cache, when the machine has one, makes rebuilds of unchanged
# files free; CI machines without it build as before.
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
case "$kind" in
  release)  cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" >/dev/null ;;
  sanitize) cmake -S . -B build/sanitize -G Ninja -DCMAKE_BUILD_TYPE=Debug -DTP_SANITIZE=ON -DTP_BENCH=OFF \
              -DCMAKE_CXX_FLAGS="-O1" "${launcher[@]}" >/dev/null ;;
  fuzz)     CXX=clang++ cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTP_FUZZ=ON \
              -DTP_BENCH=OFF "${launcher[@]}" >/dev/null ;;
  *) echo "usage: build.sh release|sanitize|fuzz" >&2; exit 2 ;;
esac
target=${2:-}
[ "$kind" = fuzz ] && target=${2:-fuzzers}
ninja -C "build/$kind" -j "$jobs" $target
