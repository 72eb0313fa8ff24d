#!/usr/bin/env bash
# Prints, as Markdown, the hostile cases the last test run tried and what each gave (target/hostile-cases.tsv, written
# by the store, crash, stale-code and command-line tests). Usage: mvn -B verify && environment/hostile-cases-table.sh
set -euo pipefail
cd "$(dirname "$0")/.."
tsv=target/hostile-cases.tsv
[ -s "$tsv" ] || { echo "no $tsv: run the tests first (mvn -B verify)" >&2; exit 1; }
python3 - "$tsv" <<'PY'
import collections, re, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
shorten = lambda s: re.sub(r"/tmp/junit\d+/?(\S*?/)?", "…/", s)
kinds = collections.Counter(outcome.split(":")[0] for _, _, outcome in rows)
groups = collections.Counter(group for group, _, _ in rows)
print(f"{len(rows)} cases, each logged only after its test checked that it was refused naming the file or flag, or "
      "recovered with a note and a bit-identical result.\n")
print("By group: " + "; ".join(f"{g} {n}" for g, n in groups.most_common()) + ".\n")
print("By outcome: " + "; ".join(f"{k} {n}" for k, n in kinds.most_common()) + ".\n")
print("| group | case | outcome |\n|---|---|---|")
for group, case, outcome in rows:
    o = shorten(outcome)
    print(f"| {group} | {shorten(case).replace('|', '/')} | {(o[:240] + '…') if len(o) > 240 else o} |".replace("\\", "/"))
PY
