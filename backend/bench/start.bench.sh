#!/usr/bin/env bash
# Benchmark: a fresh clone to the first page served by `npm start`.
# Usage: backend/bench/start.bench.sh   (clones the current HEAD into a temp folder)
set -euo pipefail
repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
work=$(mktemp -d /tmp/yuejuan-start-XXXX)
chmod 755 "$work"
git clone -q "$repo" "$work/yuejuan"
cd "$work/yuejuan"
t0=$(date +%s.%N)
npm ci --silent >/dev/null 2>&1
t1=$(date +%s.%N)
PORT=3299 npm start >"$work/start.log" 2>&1 &
pid=$!
until curl -sf http://127.0.0.1:3299/ >/dev/null; do sleep 0.5; done
t2=$(date +%s.%N)
curl -sf http://127.0.0.1:3299/papers | grep -q '<yj-root>' && echo "SPA route served"
kill -INT $pid; wait $pid || true
t3=$(date +%s.%N)
until curl -sf http://127.0.0.1:3299/ >/dev/null; do
  PORT=3299 npm start >"$work/start2.log" 2>&1 & pid=$!; break
done
until curl -sf http://127.0.0.1:3299/ >/dev/null; do sleep 0.2; done
t4=$(date +%s.%N)
kill -INT $pid; wait $pid || true
printf '| npm ci | %.0f s |\n| npm start (build + embedded PostgreSQL + migrations + sample import) to first page | %.0f s |\n| second npm start (data reused) to first page | %.1f s |\n' \
  "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)" "$(echo "$t4 - $t3" | bc)"
rm -rf "$work"
