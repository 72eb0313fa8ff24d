#!/usr/bin/env bash
# Records each finished run of the named experiments as soon as it finishes, and commits its record, so that a long
# study's progress survives the end of a working session or the loss of the machine. Runs in the foreground until
# interrupted, or until --until-pid PID has exited (then it records once more and stops).
#
#   environment/record-runs.sh [--every SECONDS] [--until-pid PID] EXPERIMENT ...
#
# It records every finished run of those experiments in the store, so give a long study a store of its own
# (CREDITLAB_RESULTS=/path, for the study and for this script), or the QUICK runs under results/ would be recorded too.
# Each commit holds the new records and README.md's headline and benchmark tables recomputed from them (`headlines`,
# `benchmark table --profile FULL`, the same with `--network cnn`), made through a private index on top of HEAD, so
# that staged work and other edits to README.md are left alone.
# Unfinished and running runs are skipped by `runs record` and picked up on a later pass.
set -euo pipefail
# The whole script is one brace group, read before it runs: bash reads a script as it goes, so an edit to this file
# while a long queue runs (this one runs for hours) would otherwise be executed from the middle of a line.
{
cd "$(dirname "$0")/.."
every=120; until_pid=""; experiments=()
while [ $# -gt 0 ]; do
  case "$1" in
    --every) every=$2; shift ;;
    --until-pid) until_pid=$2; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    -*) echo "unknown option '$1'; see --help" >&2; exit 2 ;;
    *) experiments+=("$1") ;;
  esac
  shift
done
[ ${#experiments[@]} -gt 0 ] || { echo "name at least one experiment (e.g. pepita); see --help" >&2; exit 2; }
jar=${CREDITLAB_JAR:-target/creditlab.jar}
cp=${CREDITLAB_CLASSPATH:-$jar:$(dirname "$jar")/lib/*}
# The tables are computed by a build of HEAD itself, in a worktree of its own, so that the tables committed
# with a record are the ones the code of that commit computes (this checkout's target/ may hold uncommitted changes).
headlines_tree=${CREDITLAB_HEADLINES_TREE:-${TMPDIR:-/tmp}/creditlab-headlines}
headlines_build() {
  local head; head=$(git rev-parse HEAD)
  if [ ! -e "$headlines_tree/.git" ]; then
    git worktree add -q --detach "$headlines_tree" "$head" || return 1
  fi
  if [ "$(git -C "$headlines_tree" rev-parse HEAD)" != "$head" ] || [ ! -f "$headlines_tree/target/creditlab.jar" ]; then
    git -C "$headlines_tree" checkout -q --detach "$head" &&
      (cd "$headlines_tree" && nice mvn -B -o -q package -DskipTests > "$headlines_tree.build.log" 2>&1) || return 1
  fi
}

readme_tables() { # FILE RECORDS: rewrites FILE's headline and two benchmark tables from the records folder RECORDS
  # record keepers of several studies share the build tree: one of them builds and computes at a time
  ( flock 9 && readme_tables_unlocked "$1" "$2" ) 9>"$headlines_tree.lock"
}

readme_tables_unlocked() {
  headlines_build || return 1
  local empty; empty=$(mktemp -d) # the tables come from the records alone, not from runs stored but not recorded
  local java=(env CREDITLAB_RESULTS="$empty" java -Dcreditlab.records="$2"
              -cp "$headlines_tree/target/creditlab.jar:$headlines_tree/target/lib/*" org.creditlab.cli.CreditLab)
  "${java[@]}" headlines --write "$1" 2>/dev/null | grep -q -E "^(updated|unchanged): " &&
    "${java[@]}" benchmark table --profile FULL --write "$1" 2>/dev/null | grep -q -E "^(updated|unchanged): " &&
    "${java[@]}" benchmark table --profile FULL --network cnn --write "$1" 2>/dev/null | grep -q -E "^(updated|unchanged): "
  local status=$?
  rm -rf "$empty"
  return $status
}

# Commits records/<experiment> and README.md's headline and benchmark tables, computed from the records as committed, on top of
# HEAD, through a private index: other work in the index and the working tree (README.md's other edits included) is
# neither committed nor disturbed, so that the README's tables match the records at every commit.
commit_records() {
  local e=$1 index readme head n tree commit committed
  # never under someone's merge, rebase or staged README: moving HEAD or README's index entry then would lose their work
  if [ -e "$(git rev-parse --git-dir)/MERGE_HEAD" ] || [ -d "$(git rev-parse --git-dir)/rebase-merge" ] ||
     ! git diff --cached --quiet -- README.md; then
    return 0
  fi
  index=$(mktemp); readme=$(mktemp)
  head=$(git rev-parse HEAD)
  GIT_INDEX_FILE=$index git read-tree "$head"
  GIT_INDEX_FILE=$index git add -- "records/$e"
  if GIT_INDEX_FILE=$index git diff --cached --quiet "$head" -- "records/$e"; then
    rm -f "$index" "$readme"; return 0
  fi
  n=$(GIT_INDEX_FILE=$index git diff --cached --name-only "$head" -- "records/$e" | grep -c '/record.json$' || true)
  git show "$head:README.md" > "$readme"
  # the records as this commit will hold them: the working tree may also hold another study's records not yet committed
  committed=$(mktemp -d)
  GIT_INDEX_FILE=$index git ls-files -z -- records | GIT_INDEX_FILE=$index git checkout-index -z --stdin --prefix="$committed/"
  if ! readme_tables "$readme" "$committed/records"; then
    echo "[record-runs] $(date -u +%H:%M) the README's tables could not be computed (see $headlines_tree.build.log);" \
         "records of $e left uncommitted until the next pass" >&2
    rm -rf "$index" "$readme" "$committed"; return 0
  fi
  GIT_INDEX_FILE=$index git update-index --add --cacheinfo "100644,$(git hash-object -w "$readme"),README.md"
  tree=$(GIT_INDEX_FILE=$index git write-tree)
  commit=$(git commit-tree "$tree" -p "$head" -m "Records: $n finished run(s) of $e, and the README's tables")
  rm -f "$index" "$readme"
  if ! git update-ref -m "record-runs: $e" HEAD "$commit" "$head"; then
    echo "[record-runs] $(date -u +%H:%M) HEAD moved meanwhile; trying again on the next pass" >&2
    rm -rf "$committed"; return 0
  fi
  git reset -q -- "records/$e" README.md 2>/dev/null || true # the real index follows the new HEAD for these paths
  readme_tables README.md "$committed/records" || true        # and the working tree's tables too
  rm -rf "$committed"
  echo "[record-runs] $(date -u +%H:%M) committed $n new record(s) of $e"
}

record_and_commit() {
  for e in "${experiments[@]}"; do
    java -cp "$cp" org.creditlab.cli.CreditLab runs record --experiment "$e" 2>/dev/null | grep -E "^[0-9]+ run\(s\) recorded" || true
    # (an if, not &&: a last experiment without records yet must not end the loop under set -e)
    if [ -d "records/$e" ]; then commit_records "$e"; fi
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
exit
}
