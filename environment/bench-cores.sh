#!/usr/bin/env bash
# How much training throughput a second core adds on this machine: the same single-threaded training benchmark
# (`creditlab bench`, a 784-512-10 MLP on 30,000 Fashion-MNIST images, 6 epochs) alone, then two copies at once, then
# alone again. The ratio 2 × (time alone) / (time two at once) is the most that any executor can gain from running two
# runs at a time here; environment/bench-notebooks.sh measures what the executor gains on the QUICK notebooks.
#
#   environment/bench-cores.sh [ROUNDS]      default: 2 rounds
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-2}
jar=${CREDITLAB_JAR:-target/creditlab.jar}
[ -f "$jar" ] || { echo "no $jar: run environment/setup.sh (or mvn -DskipTests package) first" >&2; exit 1; }
cores=$(nproc --all)
export OMP_NUM_THREADS=1
epoch_s() { java -jar "$jar" bench --hidden 512 --epochs 6 --train-limit 30000 2>/dev/null | sed -n 's/.*epoch_s=\([0-9.]*\).*/\1/p'; }
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $cores cores; $(date -u '+%Y-%m-%d %H:%M UTC'); load $(cut -d' ' -f1-3 /proc/loadavg)"
alone=(); together=()
for r in $(seq "$rounds"); do
  alone+=("$(epoch_s)")
  tmp=$(mktemp -d)
  epoch_s >"$tmp/a" & epoch_s >"$tmp/b" & wait
  together+=("$(cat "$tmp/a")" "$(cat "$tmp/b")")
  rm -rf "$tmp"
done
alone+=("$(epoch_s)")
echo "seconds per epoch, one run alone:    ${alone[*]}"
echo "seconds per epoch, two runs at once: ${together[*]}"
python3 - "${#alone[@]}" "${alone[@]}" "${together[@]}" <<'PY'
import sys
n = int(sys.argv[1]); a = [float(x) for x in sys.argv[2:2 + n]]; t = [float(x) for x in sys.argv[2 + n:]]
ma, mt = sum(a) / len(a), sum(t) / len(t)
print(f"throughput of two runs at once / one run alone: {2 * ma / mt:.2f}x (2.00x if the cores were independent)")
PY
