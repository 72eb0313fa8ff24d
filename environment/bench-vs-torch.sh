#!/usr/bin/env bash
# Times training epochs on Fashion-MNIST in CreditLab and in PyTorch, back to back on this machine, and prints the
# ratio of mean epoch times (CreditLab / PyTorch). Same network, batch, optimizer (SGD, momentum 0.9, lr 0.01),
# examples and thread count (one); evaluation is not timed in either.
#
#   environment/bench-vs-torch.sh
#       the README's performance table: the MLP 784-1024-10 (60,000 images, 2 rounds of 2 epochs) and the small CNN
#       (20,000 images, 2 rounds), each in both environments (below); prints the table's rows at the end
#   environment/bench-vs-torch.sh [mlp] [hidden=1024] [batch=64] [epochs=2] [rounds=2] [rules=bp]
#       the 784-H-10 ReLU MLP (shared/bench/torch_bp_epoch.py)
#   environment/bench-vs-torch.sh cnn [batch=64] [examples=60000] [rounds=2] [epochs=2] [rules=bp]
#       the small CNN conv16-pool-conv32-pool-10 (shared/bench/torch_cnn_epoch.py); PyTorch runs one epoch per
#       round, CreditLab `epochs`, and its mean includes the first, JIT-warming epoch. PyTorch runs twice a round:
#       as it is (its convolutions go to oneDNN's direct kernels) and with oneDNN switched off (im2col and an OpenBLAS
#       gemm, as CreditLab convolves)
#
# Both environments, both sides in the same one: "as shipped" (the environment as it is, e.g. OPENBLAS_CORETYPE=Haswell
# and OPENBLAS_L2_SIZE=512, which force OpenBLAS's AVX2 kernels) and "unset" (those two variables removed for the
# benchmark's commands only, so OpenBLAS picks kernels for this CPU). Rounds alternate PyTorch and CreditLab, and the
# two environments, so that a change in the machine's load hits all of them alike. It prints the date, the CPU, the
# load average, and the BLAS library and core type each side used; it refuses to print a ratio when PyTorch runs on
# Debian's reference BLAS (libblas3, about 10x slower than OpenBLAS), and exits with status 3.
#
# Needs Debian's python3-torch with libopenblas0-pthread, dataset-fashion-mnist, and the built jar (mvn package).
# BENCH_ENVS="shipped" (or "unset") runs one environment; TORCH_BENCH_DIR points at the PyTorch scripts;
# CREDITLAB_JAR at another build of CreditLab (e.g. a copy built with -Dopenblas.version=0.3.19-1.5.7);
# CREDITLAB_JAVA_OPTIONS replaces CreditLab's JVM options (default --add-modules=jdk.incubator.vector; "" for none).
set -euo pipefail
cd "$(dirname "$0")/.."
bench_dir=${TORCH_BENCH_DIR:-../shared/bench}
jar=${CREDITLAB_JAR:-target/creditlab.jar}
envs=(${BENCH_ENVS:-shipped unset})
# CreditLab's JVM as its scripts and notebook kernel start it: with the Vector API, which its pooling, ReLU, first
# convolution layer and DFC's tanh use (the same numbers without it, slower); CREDITLAB_JAVA_OPTIONS replaces it
java_options=(${CREDITLAB_JAVA_OPTIONS---add-modules=jdk.incubator.vector})
export OMP_NUM_THREADS=1
errors=$(mktemp); trap 'rm -f "$errors"' EXIT

[ -f "$jar" ] || { echo "$jar is missing: run 'mvn -q package -DskipTests' first" >&2; exit 2; }
for s in torch_bp_epoch.py torch_cnn_epoch.py; do
  [ -f "$bench_dir/$s" ] || { echo "PyTorch reference $bench_dir/$s not found (set TORCH_BENCH_DIR)" >&2; exit 2; }
done

# run_in ENV COMMAND...: the command as shipped, or with the core-type variables removed from its environment
run_in() {
  local e=$1; shift
  if [ "$e" = unset ]; then env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$@"; else "$@"; fi
}

# torch_blas ENV: the BLAS PyTorch uses, with OpenBLAS's own account of its version and the kernels it chose.
# Debian's torch links libblas.so.3, an alternative: OpenBLAS (.../openblas-pthread/) or the reference BLAS
# (.../blas/, package libblas3). A process holds one libblas.so.3, so the one mapped is the one torch calls, even when
# OpenBLAS is mapped too (liblapack.so.3 pulls it in); the reference one makes the result "REFERENCE <path>".
torch_blas() {
  run_in "$1" /usr/bin/python3 - <<'PY'
import ctypes, re, torch
torch.ones(64, 64) @ torch.ones(64, 64)
libs = sorted({l.split()[-1] for l in open("/proc/self/maps") if re.search(r"/lib(open)?blas[^/]*\.so", l)})
if any("/blas/libblas.so" in p for p in libs):
    raise SystemExit(print("REFERENCE " + ", ".join(libs)))
for p in libs:
    if re.search(r"/libopenblas[^/]*\.so", p):
        lib = ctypes.CDLL(p)
        lib.openblas_get_config.restype = lib.openblas_get_corename.restype = ctypes.c_char_p
        version = " ".join(lib.openblas_get_config().decode().split()[:2])
        raise SystemExit(print(f"{version} ({p.rsplit('/', 1)[-1]}), core type {lib.openblas_get_corename().decode()}"))
print(", ".join(libs) or "no BLAS library found")
PY
}

# creditlab_blas OUTPUT: the BLAS line `creditlab bench` prints (older jars do not print it)
creditlab_blas() { sed -n 's/^blas: \([^;]*\);.*/\1/p' <<<"$1" | head -1 | grep . || echo "not reported by this jar"; }

mean() { python3 -c 'import sys; v=[float(x) for x in sys.argv[1:]]; print(f"{sum(v)/len(v):.2f}")' "$@"; }
ratio() { python3 -c 'import sys; print(f"{float(sys.argv[1])/float(sys.argv[2]):.2f}")' "$1" "$2"; }

# The PyTorch script with its oneDNN (MKL-DNN) convolutions switched off, so that PyTorch convolves as CreditLab does, by
# im2col and an OpenBLAS gemm: the like-for-like reference for the CNN. Run as: python3 -c "$without_onednn" SCRIPT ARGS...
without_onednn='import runpy, sys, torch
torch.backends.mkldnn.enabled = False
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")'

rows=()   # the README table's rows
with_onednn_off=no   # whether bench also times PyTorch with oneDNN off (the CNN)
# bench LABEL ROUNDS TORCH_SCRIPT TORCH_ARGS... -- CREDITLAB_ARGS...: rounds of PyTorch then CreditLab, both envs each
bench() {
  local label=$1 rounds=$2 script=$3; shift 3
  local torch_args=() ours_args=()
  while [ "$1" != -- ]; do torch_args+=("$1"); shift; done; shift; ours_args=("$@")
  echo
  echo "== $label"
  echo "   pytorch:   /usr/bin/python3 $script ${torch_args[*]}"
  echo "   creditlab: java -jar $jar bench ${ours_args[*]}"
  declare -A t o tn tb ob
  local e r line out
  for e in "${envs[@]}"; do
    tb[$e]=$(torch_blas "$e")
    if [[ ${tb[$e]} == REFERENCE* ]]; then
      echo "[$e] PyTorch uses Debian's reference BLAS (${tb[$e]#REFERENCE }): no ratio." >&2
      echo "    apt-get install libopenblas0-pthread (and select it: update-alternatives --config libblas.so.3-x86_64-linux-gnu), then run again." >&2
      exit 3
    fi
  done
  for r in $(seq 1 "$rounds"); do
    for e in "${envs[@]}"; do
      echo "   round $r, $e: load average $(cut -d' ' -f1-3 /proc/loadavg)"
      line=$(run_in "$e" /usr/bin/python3 "$script" "${torch_args[@]}")
      t[$e]+=" $(sed -n 's/.*epoch_s=\([0-9.]*\).*/\1/p' <<<"$line")"
      echo "     $line"
      if [ "$with_onednn_off" = yes ]; then
        line=$(run_in "$e" /usr/bin/python3 -c "$without_onednn" "$script" "${torch_args[@]}")
        tn[$e]+=" $(sed -n 's/.*epoch_s=\([0-9.]*\).*/\1/p' <<<"$line")"
        echo "     (oneDNN off) $line"
      fi
      # JavaCPP's start-up warnings go to stderr: shown only if the command fails
      out=$(run_in "$e" java "${java_options[@]}" -jar "$jar" bench "${ours_args[@]}" 2>"$errors") || { cat "$errors" >&2; exit 1; }
      ob[$e]=$(creditlab_blas "$out")
      line=$(grep '^creditlab ' <<<"$out" | head -1)
      o[$e]+=" $(sed -n 's/.*epoch_s=\([0-9.]*\).*/\1/p' <<<"$line")"
      echo "     $line"
    done
  done
  echo "   load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  for e in "${envs[@]}"; do
    local tm om tnm="—" rn="—"
    tm=$(mean ${t[$e]}); om=$(mean ${o[$e]})
    if [ -n "${tn[$e]:-}" ]; then tnm=$(mean ${tn[$e]}); rn=$(ratio "$om" "$tnm"); fi
    echo "   $e: pytorch $tm s/epoch on ${tb[$e]} (oneDNN off: $tnm); creditlab $om s/epoch on ${ob[$e]};" \
         "ratio $(ratio "$om" "$tm") (to oneDNN off: $rn)"
    rows+=("| $label | $(env_label "$e") | ${tb[$e]} | ${ob[$e]} | $tm | $tnm | $om | **$(ratio "$om" "$tm")** | $rn |")
  done
}

env_label() {
  if [ "$1" = unset ]; then echo "OPENBLAS_CORETYPE, OPENBLAS_L2_SIZE unset"; return; fi
  echo "as shipped (OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}, OPENBLAS_L2_SIZE=${OPENBLAS_L2_SIZE:-unset})"
}

mlp() {
  local hidden=${1:-1024} batch=${2:-64} epochs=${3:-2} rounds=${4:-2} rules=${5:-bp}
  bench "MLP 784-$hidden-10, batch $batch, 60,000 images, $rounds rounds × $epochs epochs" "$rounds" \
    "$bench_dir/torch_bp_epoch.py" "$hidden" "$batch" 1 "$epochs" -- \
    --hidden "$hidden" --batch-size "$batch" --epochs "$epochs" --rules "$rules"
}

cnn() {
  local batch=${1:-64} examples=${2:-60000} rounds=${3:-2} epochs=${4:-2} rules=${5:-bp} limit
  limit=$examples; [ "$examples" -ge 60000 ] && limit=0
  with_onednn_off=yes
  bench "CNN conv16-pool-conv32-pool-10, batch $batch, $examples images, $rounds rounds" "$rounds" \
    "$bench_dir/torch_cnn_epoch.py" "$batch" 1 "$examples" -- \
    --network cnn --batch-size "$batch" --epochs "$epochs" --train-limit "$limit" --rules "$rules"
  with_onednn_off=no
}

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "cpu: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(getconf _NPROCESSORS_ONLN) cores," \
     "$(grep -q avx512f /proc/cpuinfo && echo AVX-512 || echo no AVX-512)," \
     "family $(sed -n 's/^cpu family[[:space:]]*: //p' /proc/cpuinfo | head -1)"
echo "threads: OMP_NUM_THREADS=1 (both sides); environments: ${envs[*]}"
echo "as shipped: OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}, OPENBLAS_L2_SIZE=${OPENBLAS_L2_SIZE:-unset}"
echo "torch: $(/usr/bin/python3 -c 'import torch; print(torch.__version__)' 2>/dev/null || echo missing); creditlab jar: $jar;" \
     "its JVM options: ${java_options[*]:-none}"

case "${1:-}" in
  "") mlp 1024 64 2 2; cnn 64 20000 2 2 ;;
  cnn) shift; cnn "$@" ;;
  mlp) shift; mlp "$@" ;;
  *) mlp "$@" ;;
esac

echo
echo "| network (Fashion-MNIST, one thread) | environment | PyTorch: BLAS, core type | CreditLab: BLAS, core type | PyTorch s/epoch | PyTorch, oneDNN off | CreditLab s/epoch | ratio | ratio to oneDNN off |"
echo "|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
