#!/usr/bin/env bash
# Resumes the paper-scale studies that are not complete yet, in the order of docs/paper-scale.md, on this machine,
# and commits each finished run's record as it finishes. Every study loads what records/ and the store already hold
# and trains only what is missing, so the script picks up where the last session stopped, on this machine (from the
# store's checkpoints) or on a fresh one (from the committed records; a run interrupted there starts again).
#
#   environment/paper-scale/resume.sh [--workers N] [--list] [STUDY ...]
#
#   STUDY      benchmark-mlp, benchmark-cnn, dfc-ss, dfc, pepita-stable-rate, pepita-scales, pepita-follow-up-1
#              (default: all seven, in that order)
#   --workers  runs trained at once (default: the cores; give 3 to train three runs of a study on 2 cores when the
#              study has no fourth, e.g. DFC-SSA's last 3 seeds, so that no core idles while the last one trains)
#   --list     print the queue and what each study needs, and stop
#
# It trains in a store of its own (CREDITLAB_RESULTS, default ~/paper-results), from a build of HEAD in a worktree of
# its own (CREDITLAB_RUN_TREE, default ${TMPDIR:-/tmp}/creditlab-paper-run-<its studies>), so that editing or
# rebuilding this checkout does not change the code that trains. Queues of different studies may run at once on one
# store, e.g. on 2 cores `resume.sh --workers 1 dfc-ss` beside `resume.sh --workers 1 benchmark-cnn`; a study already
# training is refused. environment/record-runs.sh runs beside it, records and commits each
# finished run with the README's tables, and stops after a last pass when the queue ends. Run it detached, e.g.
#   mkdir -p ~/paper-results && nohup environment/paper-scale/resume.sh >> ~/paper-results/resume.log 2>&1 &
# Studies that exceed these machines (the fixed-feedback DFC rows, PEPITA's extras) are cluster jobs: see
# docs/paper-scale.md.
set -euo pipefail
# The whole script is one brace group, read before it runs: bash reads a script as it goes, so an edit to this file
# while a long queue runs (this one runs for hours) would otherwise be executed from the middle of a line.
{
cd "$(dirname "$0")/../.."
workers=$(getconf _NPROCESSORS_ONLN); list=no; studies=()
while [ $# -gt 0 ]; do
  case "$1" in
    --workers) workers=${2:?--workers needs a number}; shift ;;
    --list) list=yes ;;
    -h|--help) sed -n '2,/^set -euo/{/^set -euo/!p}' "$0"; exit 0 ;;
    -*) echo "unknown option '$1'; see --help" >&2; exit 2 ;;
    *) studies+=("$1") ;;
  esac
  shift
done
[[ "$workers" =~ ^[1-9][0-9]*$ ]] || { echo "--workers must be a positive whole number, got '$workers'" >&2; exit 2; }
[ ${#studies[@]} -gt 0 ] || studies=(benchmark-mlp benchmark-cnn dfc-ss dfc pepita-stable-rate pepita-scales pepita-follow-up-1)

# STUDY → the experiment its runs are stored under, what it trains, and its cost (docs/paper-scale.md)
experiment() {
  case "$1" in
    benchmark-mlp) echo benchmark-256x256-20ep ;;
    benchmark-cnn) echo benchmark-cnn-20ep ;;
    dfc-ss|dfc) echo dfc-table1-fmnist ;;
    pepita-stable-rate) echo pepita-stable-rate ;;
    pepita-scales) echo pepita-scales ;;
    pepita-follow-up-1) echo pepita-follow-up ;;
    *) echo "unknown study '$1': name benchmark-mlp, benchmark-cnn, dfc-ss, dfc, pepita-stable-rate, pepita-scales or" \
            "pepita-follow-up-1" >&2
       return 2 ;;
  esac
}
describe() {
  case "$1" in
    benchmark-mlp) echo "the cross-rule benchmark's MLP table: 17 rules x (8 search trials + 3 seeds), about 18 core-hours" ;;
    benchmark-cnn) echo "the cross-rule benchmark's CNN table: 14 rules x (8 search trials + 3 seeds), about 15-26 core-hours" ;;
    dfc-ss) echo "DFC Table 1's DFC-SS row with trained feedback: 30 epochs x 3 seeds, about 2.5 hours of one core a run" ;;
    dfc) echo "DFC Table 1's DFC row with trained feedback: 8 epochs x 3 seeds (DfcStudy.SIMULATED_DFC_EPOCHS), about" \
              "1 hour of one core a run, so that the three finish within one session on 2 cores (--workers 3)" ;;
    pepita-stable-rate) echo "PEPITA's FC comparison run again at the learning rate Fashion-MNIST trains it stably at" \
              "(PepitaStudy.STABLE_LR, 100 epochs x 3 seeds), about 15-25 minutes of one core a run" ;;
    pepita-scales) echo "PEPITA's sensitivity to the scale of F at that rate: 4 scales besides the default x 3 seeds," \
              "100 epochs, about 15-25 minutes of one core a run (the default scale's runs are pepita-stable-rate's)" ;;
    pepita-follow-up-1) echo "the ICLR 2024 follow-up with one hidden layer: its variants (PEPITA, + WD, + norm, + WM, BP)" \
              "and update modes (forward, Hebbian, time-local) x 3 seeds, 100 epochs, 5-13 minutes of one core a run" \
              "(weight mirroring's 22-27), about 2 hours on 2 cores (2 and 3 hidden layers, several times that, are" \
              "cluster jobs: docs/paper-scale.md)" ;;
  esac
}
# STUDY → its runs' folder names under records/<experiment>/ (a glob), and how many the study has
runs_glob() { case "$1" in dfc-ss|dfc) echo "$1-s[0-9]*" ;; *) echo "*" ;; esac; }
runs_total() { case "$1" in benchmark-mlp) echo 187 ;; benchmark-cnn) echo 154 ;; dfc-ss|dfc|pepita-stable-rate) echo 3 ;; pepita-scales) echo 12 ;; pepita-follow-up-1) echo 24 ;; esac; }
# A record the study no longer plans (e.g. a trial of a search range since replaced, kept as evidence) carries a file
# OUTSIDE-THE-TABLE that says why; it is not one of the study's runs.
records_of() { # STUDY [outside]: the record folders of its runs (or, with "outside", those marked outside its plan)
  local folder; folder="records/$(experiment "$1")"
  [ -d "$folder" ] || return 0
  find "$folder" -mindepth 2 -maxdepth 2 -name record.json -path "$folder/$(runs_glob "$1")/record.json" -printf '%h\n' |
    while read -r run; do
      if [ -e "$run/OUTSIDE-THE-TABLE" ]; then [ "${2:-}" = outside ] && echo "$run"; else [ "${2:-}" = outside ] || echo "$run"; fi
    done
}
recorded() { records_of "$1" | wc -l; } # STUDY: how many of its runs records/ holds
for s in "${studies[@]}"; do experiment "$s" > /dev/null || exit 2; done

store=${CREDITLAB_RESULTS:-$HOME/paper-results}
# a build per queue: rebuilding one queue's tree (HEAD moves with every record) must not swap the jars under another's
tree=${CREDITLAB_RUN_TREE:-${TMPDIR:-/tmp}/creditlab-paper-run-$(IFS=+; echo "${studies[*]}")}
if [ "$list" = yes ]; then
  for s in "${studies[@]}"; do
    outside=$(records_of "$s" outside | wc -l); besides=""
    [ "$outside" -gt 0 ] && besides=" (and $outside records outside its plan, each saying why in OUTSIDE-THE-TABLE)"
    echo "$s ($(experiment "$s")): $(describe "$s"); $(recorded "$s") of its $(runs_total "$s") runs recorded$besides"
  done
  exit 0
fi

mkdir -p "$store"
# one queue per study: two queues may share a store when their studies differ (e.g. the CNN table on one core and
# DFC-SS on the other), but two on one study would train the same runs (each run's lock would refuse it, run by run)
for s in "${studies[@]}"; do
  exec {lock}>"$store/.resume-$s.lock"
  flock -n "$lock" || { echo "another resume.sh is training $s into $store (lock $store/.resume-$s.lock); stop it" \
                            "first, or name other studies" >&2; exit 1; }
done

# the build that trains: HEAD, in a worktree of its own
head=$(git rev-parse HEAD)
[ -e "$tree/.git" ] || git worktree add -q --detach "$tree" "$head"
if [ "$(git -C "$tree" rev-parse HEAD)" != "$head" ] || [ ! -f "$tree/target/creditlab.jar" ]; then
  git -C "$tree" checkout -q --detach "$head"
  echo "$(date -u '+%F %T') building $head in $tree"
  (cd "$tree" && mvn -B -q package -DskipTests) || { echo "the build of $head in $tree failed" >&2; exit 1; }
fi

experiments=(); for s in "${studies[@]}"; do experiments+=("$(experiment "$s")"); done
CREDITLAB_RESULTS="$store" CREDITLAB_JAR="$tree/target/creditlab.jar" \
  environment/record-runs.sh --every 240 --until-pid $$ "${experiments[@]}" >> "$store/record-runs.log" 2>&1 &
echo "$(date -u '+%F %T') record keeper started (pid $!, log $store/record-runs.log)"

# the kernel's memory limits: ND4J's arrays live off the heap and are freed only when the heap collects their handles
jvm=(java -Xmx6g -Dorg.bytedeco.javacpp.maxbytes=8G -Dorg.bytedeco.javacpp.maxphysicalbytes=16G
     --add-modules=jdk.incubator.vector -cp "$tree/target/creditlab.jar:$tree/target/lib/*")
# the records are read from this checkout, where the record keeper commits them
export CREDITLAB_RESULTS="$store" CREDITLAB_RECORDS="$PWD/records" CREDITLAB_EXECUTOR="local:$workers" OMP_NUM_THREADS=1
for s in "${studies[@]}"; do
  echo "$(date -u '+%F %T') $s: $(describe "$s")"
  case "$s" in
    benchmark-mlp) (cd "$tree" && "${jvm[@]}" org.creditlab.cli.CreditLab benchmark run --profile FULL) ;;
    benchmark-cnn) (cd "$tree" && "${jvm[@]}" org.creditlab.cli.CreditLab benchmark run --profile FULL --network cnn) ;;
    dfc-ss|dfc) (cd "$tree" && "${jvm[@]}" environment/paper-scale/RunStudy.java dfc-table1 "$s") ;;
    pepita-stable-rate|pepita-scales) (cd "$tree" && "${jvm[@]}" environment/paper-scale/RunStudy.java "$s") ;;
    pepita-follow-up-1) (cd "$tree" && "${jvm[@]}" environment/paper-scale/RunStudy.java pepita-follow-up 1) ;;
  esac || { echo "$(date -u '+%F %T') $s stopped with status $?; its finished runs are recorded, the rest resume on the next start" >&2; exit 1; }
  echo "$(date -u '+%F %T') $s complete"
done
exit
}
