#!/usr/bin/env bash
# Benchmark: a fresh install's demo seed on the built tree (no clone, no npm ci): an empty DATA_DIR,
# `SKIP_BUILD=1 node scripts/start.mjs`, timed until /papers is served; then the server's own log
# lines for loading the samples and generating the synthetic cohorts; then SIGINT.
# Usage: backend/bench/seed.bench.sh [port]   (build first: npm run build)
set -euo pipefail
repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
port=${1:-3791}
data=$(mktemp -d /tmp/yuejuan-seed-XXXX)
log="$data.log"
cd "$repo"
t0=$(date +%s.%N)
PORT=$port DATA_DIR=$data SKIP_BUILD=1 node scripts/start.mjs >"$log" 2>&1 &
pid=$!
until curl -sf -o /dev/null "http://127.0.0.1:$port/papers"; do sleep 0.2; done
t1=$(date +%s.%N)
echo "first page after $(echo "$t1 - $t0" | bc) s"
# Each line with its clock time (seconds): the cohorts' time is the gap after the recorded answers.
grep -E "loaded [0-9]+ sample papers|synthetic cohorts|recorded model answers" "$log" | sed 's/\x1b\[[0-9;]*m//g' |
  sed -E 's/^.*, ([0-9:]+ [AP]M)\s+LOG\s+/\1 /'
kill -INT "$pid"
wait "$pid" || true
rm -rf "$data" "$log"
