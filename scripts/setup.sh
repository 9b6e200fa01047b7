#!/usr/bin/env bash
# Installs everything Touchpoint needs to build and test on Debian 12, as
# root. Idempotent: skips apt when every package is already there.
# cpp-httplib serves `touchpoint serve`; wrk loads it in the benchmark;
# chromium runs the dashboard's browser test. Node.js 20 and npm come with
# the machine (never from apt): scripts/build_web.sh uses them.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libsimdjson-dev libzstd-dev zlib1g-dev libxxhash-dev
  libcli11-dev libfmt-dev libtomlplusplus-dev libhowardhinnant-date-dev tzdata
  libgtest-dev libgmock-dev libbenchmark-dev
  libgsl-dev python3-pandas python3-scipy
  libnlopt-dev libxgboost-dev libeigen3-dev
  libutf8proc-dev libstemmer-dev python3-sklearn
  clang libclang-rt-14-dev
  libcpp-httplib-dev wrk chromium
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
