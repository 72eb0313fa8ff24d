#!/usr/bin/env bash
# Wall time of the QUICK notebooks with 1 worker and with 2 workers (or the counts given), measured back to back on
# this machine, each from an empty results folder (CREDITLAB_RESULTS), so that every run is trained. Prints the CPU,
# the date, the load before each measurement and each notebook's time. Run environment/setup.sh once before.
#
#   environment/bench-notebooks.sh [WORKERS ...]      default: 1 2
set -euo pipefail
cd "$(dirname "$0")/.."
counts=("${@:-1}")
[ $# -eq 0 ] && counts=(1 2)
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; $(date -u '+%Y-%m-%d %H:%M UTC')"
mkdir -p target
for w in "${counts[@]}"; do
  dir="$(mktemp -d /tmp/creditlab-bench-results.XXXXXX)"
  log="target/bench-notebooks-$w.log"
  echo "== $w worker(s); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  start=$(date +%s)
  CREDITLAB_RESULTS="$dir" CREDITLAB_WORKERS="$w" CREDITLAB_EXECUTOR=local CREDITLAB_PROFILE=QUICK OMP_NUM_THREADS=1 \
    environment/run-notebooks.sh >"$log" 2>&1 || { echo "notebooks failed; see $log"; rm -rf "$dir"; exit 1; }
  echo "$w worker(s): $(( $(date +%s) - start )) s in all"
  grep -E '^OK ' "$log" | sed 's/^/   /'
  rm -rf "$dir"
done
