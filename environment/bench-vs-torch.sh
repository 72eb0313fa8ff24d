#!/usr/bin/env bash
# Times training epochs on Fashion-MNIST in CreditLab and in PyTorch, back to back on this machine, and prints the
# ratio of mean epoch times (CreditLab / PyTorch). Same network, batch, optimizer (SGD, momentum 0.9, lr 0.01),
# examples and thread count; evaluation is not timed in either.
#
#   environment/bench-vs-torch.sh [hidden=1024] [batch=64] [epochs=2] [rounds=2] [rules=bp]
#       the 784-H-10 ReLU MLP (shared/bench/torch_bp_epoch.py)
#   environment/bench-vs-torch.sh cnn [batch=64] [examples=60000] [rounds=2] [epochs=2] [rules=bp]
#       the small CNN conv16-pool-conv32-pool-10 (shared/bench/torch_cnn_epoch.py); PyTorch runs one epoch per
#       round, CreditLab `epochs`, and its mean includes the first, JIT-warming epoch
#
# Needs Debian's python3-torch and dataset-fashion-mnist, and the built jar (mvn package).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = cnn ]; then
  batch=${2:-64}; examples=${3:-60000}; rounds=${4:-2}; epochs=${5:-2}; rules=${6:-bp}
  torch_script=${TORCH_BENCH:-../shared/bench/torch_cnn_epoch.py}
  torch_args=("$batch" 1 "$examples")
  limit=$examples; [ "$examples" -ge 60000 ] && limit=0
  ours_args=(--network cnn --batch-size "$batch" --epochs "$epochs" --train-limit "$limit" --rules "$rules")
else
  hidden=${1:-1024}; batch=${2:-64}; epochs=${3:-2}; rounds=${4:-2}; rules=${5:-bp}
  torch_script=${TORCH_BENCH:-../shared/bench/torch_bp_epoch.py}
  torch_args=("$hidden" "$batch" 1 "$epochs")
  ours_args=(--hidden "$hidden" --batch-size "$batch" --epochs "$epochs" --rules "$rules")
fi
[ -f "$torch_script" ] || { echo "PyTorch reference $torch_script not found (set TORCH_BENCH)" >&2; exit 2; }
[ -f target/creditlab.jar ] || { echo "target/creditlab.jar is missing: run 'mvn -q package -DskipTests' first" >&2; exit 2; }
export OMP_NUM_THREADS=1
ours=(); theirs=()
for r in $(seq 1 "$rounds"); do
  t=$(/usr/bin/python3 "$torch_script" "${torch_args[@]}" | sed -n 's/.*epoch_s=\([0-9.]*\).*/\1/p')
  o=$(java -jar target/creditlab.jar bench "${ours_args[@]}" | sed -n 's/^creditlab .*epoch_s=\([0-9.]*\).*/\1/p' | head -1)
  echo "round $r: pytorch ${t} s/epoch, creditlab ${o} s/epoch"
  theirs+=("$t"); ours+=("$o")
done
python3 - "${ours[*]}" "${theirs[*]}" <<'PY'
import sys
ours = [float(x) for x in sys.argv[1].split()]; theirs = [float(x) for x in sys.argv[2].split()]
o, t = sum(ours) / len(ours), sum(theirs) / len(theirs)
print(f"mean: creditlab {o:.2f} s/epoch, pytorch {t:.2f} s/epoch, ratio {o / t:.2f}")
PY
