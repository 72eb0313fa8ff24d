#!/usr/bin/env bash
# Wall time of the QUICK notebooks under several ways of using the cores, measured back to back on this machine, each
# from an empty results folder (CREDITLAB_RESULTS), so that every run is trained. Prints the CPU, the date, the load
# before each measurement and each notebook's time. Run environment/setup.sh once before.
#
#   environment/bench-notebooks.sh [SETTING ...]      default: 1x1 1x2 2x1
#
# A setting is JOBSxWORKERS: JOBS notebooks side by side (run-notebooks.sh --jobs), each training WORKERS runs at a
# time (CREDITLAB_WORKERS, local threads); a plain number N means 1xN. 1x1 is the serial baseline.
set -euo pipefail
cd "$(dirname "$0")/.."
settings=("$@")
[ $# -eq 0 ] && settings=(1x1 1x2 2x1)
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; $(date -u '+%Y-%m-%d %H:%M UTC')"
mkdir -p target
for s in "${settings[@]}"; do
  [[ "$s" == *x* ]] || s="1x$s"
  jobs=${s%x*}; workers=${s#*x}
  [[ "$jobs" =~ ^[1-9][0-9]*$ && "$workers" =~ ^[1-9][0-9]*$ ]] || { echo "bad setting '$s': use JOBSxWORKERS, e.g. 2x1" >&2; exit 2; }
  dir="$(mktemp -d /tmp/creditlab-bench-results.XXXXXX)"
  log="target/bench-notebooks-$s.log"
  echo "== $jobs notebook(s) side by side, $workers worker(s) each; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  start=$(date +%s)
  CREDITLAB_RESULTS="$dir" CREDITLAB_WORKERS="$workers" CREDITLAB_EXECUTOR=local CREDITLAB_PROFILE=QUICK OMP_NUM_THREADS=1 \
    environment/run-notebooks.sh --jobs "$jobs" >"$log" 2>&1 || { echo "notebooks failed; see $log"; rm -rf "$dir"; exit 1; }
  echo "$s: $(( $(date +%s) - start )) s in all"
  grep -E '^ *OK ' "$log" | sed 's/^ */   /'
  rm -rf "$dir"
done
