#!/usr/bin/env bash
# Sets up CreditLab on a Debian or Ubuntu machine (or a Binder image). Idempotent: a second run does only what is
# missing.
#
#   environment/setup.sh [--binder] [--no-apt] [--ijava KERNEL_JSON] [--jjava KERNEL_JSON]
#
#   - checks Java 17+ and Maven;
#   - installs, with apt (as root or through sudo): Fashion-MNIST, fonts for charts, Jupyter (jupyter-notebook,
#     jupyter-nbconvert, python3-nbclient); without apt, Jupyter comes from pip;
#   - builds target/creditlab.jar and copies its runtime dependencies to target/lib/;
#   - fetches rapaio-jupyter-kernel 3.0.1 from Maven Central and writes the Jupyter kernelspec 'java' with CreditLab
#     on its classpath (--binder sizes its JVM for a 2 GB session);
#   - --ijava/--jjava add the same classpath to an existing IJava or JJava kernelspec.
set -euo pipefail
cd "$(dirname "$0")/.."

binder=""; apt=1; extend=()
while [ $# -gt 0 ]; do
  case "$1" in
    --binder) binder="--binder" ;;
    --no-apt) apt=0 ;;
    --ijava) extend+=("IJAVA" "$2"); shift ;;
    --jjava) extend+=("JJAVA" "$2"); shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown option '$1'; see --help" >&2; exit 2 ;;
  esac
  shift
done

say() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] error: %s\n' "$*" >&2; exit 1; }

# --- Java and Maven -------------------------------------------------------------------------------------------
command -v java >/dev/null || die "Java is not installed: install a JDK 17 or newer (Debian: apt-get install openjdk-17-jdk-headless)."
java_major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
[ "${java_major:-0}" -ge 17 ] || die "Java ${java_major:-?} found; CreditLab needs Java 17 or newer."
command -v mvn >/dev/null || die "Maven is not installed (Debian: apt-get install maven)."
say "Java $java_major; $(mvn -v 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g')"

# --- System packages -------------------------------------------------------------------------------------------
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$apt" -eq 0 ] || ! command -v apt-get >/dev/null; then
    say "not installing ${missing[*]} (no apt): install them by other means if you need them"; return 0
  fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo="sudo"
    else say "not root and no sudo: install ${missing[*]} yourself"; return 0; fi
  fi
  say "installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
apt_install dataset-fashion-mnist fontconfig fonts-dejavu-core
if ! command -v jupyter >/dev/null || ! jupyter nbconvert --version >/dev/null 2>&1; then
  apt_install jupyter-notebook jupyter-nbconvert python3-nbclient jupyter-client
fi
if ! command -v jupyter >/dev/null; then
  say "installing Jupyter with pip (no apt)"
  python3 -m pip install --user -q notebook nbconvert nbclient || die "could not install Jupyter; install notebook and nbconvert yourself"
  export PATH="$HOME/.local/bin:$PATH"
fi
say "$(jupyter nbconvert --version 2>/dev/null | sed 's/^/nbconvert /')"

# --- Build -----------------------------------------------------------------------------------------------------
if [ ! -f target/creditlab.jar ] || [ ! -d target/lib ] || [ -n "$(find src pom.xml -newer target/creditlab.jar -print -quit)" ]; then
  say "building target/creditlab.jar and target/lib/"
  mvn -B -q -Dstyle.color=never -DskipTests package
else
  say "target/creditlab.jar is up to date"
fi

# --- Kernel ----------------------------------------------------------------------------------------------------
kernel_version=3.0.1
kernel_jar="target/kernel/rapaio-jupyter-kernel-$kernel_version.jar"
if [ ! -f "$kernel_jar" ]; then
  say "fetching rapaio-jupyter-kernel $kernel_version from Maven Central"
  mvn -B -q -Dstyle.color=never dependency:copy -Dartifact="io.github.padreati:rapaio-jupyter-kernel:$kernel_version" -DoutputDirectory=target/kernel
fi
kernel_dir="$(jupyter --data-dir)/kernels/java"
java -jar target/creditlab.jar kernel --dir "$kernel_dir" --kernel-jar "$kernel_jar" --java "$(command -v java)" $binder | sed 's/^/[setup] /'
for ((i = 0; i < ${#extend[@]}; i += 2)); do
  java -jar target/creditlab.jar kernel --extend "${extend[i+1]}" --kind "${extend[i]}" $binder | sed 's/^/[setup] /'
done
say "done: open Jupyter ('jupyter notebook notebooks/') and pick the kernel 'Java (CreditLab)'"
