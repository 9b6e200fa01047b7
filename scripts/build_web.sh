#!/usr/bin/env bash
# build_web.sh : installs the dashboard's npm packages (npm ci, from
# web/package-lock.json) and builds it with Vite into web/dist, which CMake
# then embeds into the touchpoint binary. Run it before CMake; a build
# without it still works, and `touchpoint serve` then says at / that the
# dashboard was not built.
set -euo pipefail
cd "$(dirname "$0")/../web"
if ! command -v npm >/dev/null; then
  echo "build_web: npm not found: building without the dashboard" >&2
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
npm run build --silent
