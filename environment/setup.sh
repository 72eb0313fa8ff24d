#!/usr/bin/env bash
# Sets up CreditLab on a Debian or Ubuntu machine. Idempotent: a second run does only what is missing.
#   - checks Java 17+ and Maven;
#   - installs Debian's dataset-fashion-mnist and fonts for charts (with apt, as root or through sudo);
#   - builds target/creditlab.jar and copies its runtime dependencies to target/lib/.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[setup] %s\n' "$*"; }
die() { printf '[setup] error: %s\n' "$*" >&2; exit 1; }

# --- Java and Maven -------------------------------------------------------------------------------------------
command -v java >/dev/null || die "Java is not installed: install a JDK 17 or newer (Debian: apt-get install openjdk-17-jdk-headless)."
java_major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
[ "${java_major:-0}" -ge 17 ] || die "Java ${java_major:-?} found; CreditLab needs Java 17 or newer."
command -v mvn >/dev/null || die "Maven is not installed (Debian: apt-get install maven)."
say "Java $java_major and $(mvn -v 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g')"

# --- Debian packages -------------------------------------------------------------------------------------------
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || { say "no apt-get: install ${missing[*]} by other means"; return 0; }
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null && sudo -n true 2>/dev/null && sudo="sudo" || { say "not root and no sudo: install ${missing[*]} yourself"; return 0; }
  fi
  say "installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
apt_install dataset-fashion-mnist fontconfig fonts-dejavu-core

# --- Build -----------------------------------------------------------------------------------------------------
if [ ! -f target/creditlab.jar ] || [ -n "$(find src pom.xml -newer target/creditlab.jar -print -quit)" ]; then
  say "building target/creditlab.jar"
  mvn -B -q -DskipTests package
else
  say "target/creditlab.jar is up to date"
fi
say "done"
