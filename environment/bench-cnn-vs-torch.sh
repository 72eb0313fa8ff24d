#!/usr/bin/env bash
# Times training epochs of the small CNN (conv 16@3x3 pad 1, ReLU, maxpool 2, conv 32@3x3 pad 1, ReLU, maxpool 2,
# dense 1568->10) on Fashion-MNIST in CreditLab and in PyTorch, back to back on this machine, and prints the ratio of
# mean epoch times (CreditLab / PyTorch). Same network, batch, optimizer (SGD, momentum 0.9, lr 0.01), training
# examples and thread count (1); evaluation is not timed in either. PyTorch runs one epoch per round, CreditLab
# `epochs` epochs per round, and its mean includes the first, JIT-warming epoch.
#
#   environment/bench-cnn-vs-torch.sh [batch=64] [examples=60000] [rounds=2] [epochs=2] [rules=bp]
#
# Needs Debian's python3-torch and dataset-fashion-mnist, and the built jar (mvn package).
set -euo pipefail
cd "$(dirname "$0")/.."
batch=${1:-64}; examples=${2:-60000}; rounds=${3:-2}; epochs=${4:-2}; rules=${5:-bp}
torch_script=${TORCH_BENCH:-../shared/bench/torch_cnn_epoch.py}
[ -f "$torch_script" ] || { echo "PyTorch reference $torch_script not found (set TORCH_BENCH)" >&2; exit 2; }
[ -f target/creditlab.jar ] || { echo "target/creditlab.jar is missing: run 'mvn -q package -DskipTests' first" >&2; exit 2; }
export OMP_NUM_THREADS=1
limit=$examples; [ "$examples" -ge 60000 ] && limit=0
ours=(); theirs=()
for r in $(seq 1 "$rounds"); do
  t=$(/usr/bin/python3 "$torch_script" "$batch" 1 "$examples" | sed -n 's/.*epoch_s=\([0-9.]*\).*/\1/p')
  o=$(java -jar target/creditlab.jar bench --network cnn --batch-size "$batch" --epochs "$epochs" --train-limit "$limit" \
      --rules "$rules" | sed -n 's/^creditlab .*epoch_s=\([0-9.]*\).*/\1/p' | head -1)
  echo "round $r: pytorch ${t} s/epoch, creditlab ${o} s/epoch"
  theirs+=("$t"); ours+=("$o")
done
python3 - "${ours[*]}" "${theirs[*]}" <<'PY'
import sys
ours = [float(x) for x in sys.argv[1].split()]; theirs = [float(x) for x in sys.argv[2].split()]
o, t = sum(ours) / len(ours), sum(theirs) / len(theirs)
print(f"mean: creditlab {o:.2f} s/epoch, pytorch {t:.2f} s/epoch, ratio {o / t:.2f}")
PY
