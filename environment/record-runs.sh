#!/usr/bin/env bash
# Records each finished run of the named experiments as soon as it finishes, and commits its record, so that a long
# study's progress survives the end of a working session or the loss of the machine. Runs in the foreground until
# interrupted, or until --until-pid PID has exited (then it records once more and stops).
#
#   environment/record-runs.sh [--every SECONDS] [--until-pid PID] EXPERIMENT ...
#
# It records every finished run of those experiments in the store, so give a long study a store of its own
# (CREDITLAB_RESULTS=/path, for the study and for this script), or the QUICK runs under results/ would be recorded too.
# Only records/ paths are committed (`git commit -- records/<experiment>`), so other staged work is left alone.
# Unfinished and running runs are skipped by `runs record` and picked up on a later pass.
set -euo pipefail
cd "$(dirname "$0")/.."
every=120; until_pid=""; experiments=()
while [ $# -gt 0 ]; do
  case "$1" in
    --every) every=$2; shift ;;
    --until-pid) until_pid=$2; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    -*) echo "unknown option '$1'; see --help" >&2; exit 2 ;;
    *) experiments+=("$1") ;;
  esac
  shift
done
[ ${#experiments[@]} -gt 0 ] || { echo "name at least one experiment (e.g. pepita); see --help" >&2; exit 2; }
jar=${CREDITLAB_JAR:-target/creditlab.jar}
cp=${CREDITLAB_CLASSPATH:-$jar:$(dirname "$jar")/lib/*}

record_and_commit() {
  for e in "${experiments[@]}"; do
    java -cp "$cp" org.creditlab.cli.CreditLab runs record --experiment "$e" 2>/dev/null | grep -E "^[0-9]+ run\(s\) recorded" || true
    [ -d "records/$e" ] || continue
    git add -- "records/$e"
    if ! git diff --cached --quiet -- "records/$e"; then
      n=$(git diff --cached --name-only -- "records/$e" | grep -c '/record.json$' || true)
      for attempt in 1 2 3; do
        git commit -q -m "Records: $n finished run(s) of $e" -- "records/$e" && break
        sleep 5 # another git command held the index lock
      done
      echo "[record-runs] $(date -u +%H:%M) committed $n new record(s) of $e"
    fi
  done
}

while true; do
  record_and_commit
  if [ -n "$until_pid" ] && ! kill -0 "$until_pid" 2>/dev/null; then
    record_and_commit
    echo "[record-runs] process $until_pid ended; stopping"
    exit 0
  fi
  sleep "$every"
done
