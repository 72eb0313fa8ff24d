#!/usr/bin/env bash
# Runs CreditLab's JMH micro-benchmarks (src/test/java/org/creditlab/bench), one thread, e.g.
#   environment/jmh.sh MomentumUpdate
#   environment/jmh.sh DenseGemm -f 1 -wi 2 -i 3
# ND4J_NATIVE_CLASSIFIER=linux-x86_64-onednn-avx512 environment/jmh.sh ConvLayer runs them on another build of ND4J's
# native library (fetched from Maven Central into ~/.m2 on first use) in place of the host build beside the oneDNN
# build the project ships: the way the README's probe of the AVX-512 oneDNN build was measured.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
cp="target/test-classes:target/classes:$(cat target/test-classpath.txt)"
jvm=()
if [ -n "${ND4J_NATIVE_CLASSIFIER:-}" ]; then
  version=$(sed -n 's:.*<nd4j.version>\(.*\)</nd4j.version>.*:\1:p' pom.xml)
  artifact="org.nd4j:nd4j-native:$version:jar:$ND4J_NATIVE_CLASSIFIER"
  mvn -B -q dependency:get -Dartifact="$artifact" -Dtransitive=false ||
    { echo "could not fetch $artifact (is the classifier one ND4J publishes?)" >&2; exit 2; }
  jar="$HOME/.m2/repository/org/nd4j/nd4j-native/$version/nd4j-native-$version-$ND4J_NATIVE_CLASSIFIER.jar"
  host=$(tr ':' '\n' <<<"$cp" | grep -E "/nd4j-native-$version-linux-x86_64\.jar$") ||
    { echo "the host build of nd4j-native is not on the test classpath" >&2; exit 2; }
  cp=${cp//$host/$jar}
  # JavaCPP looks for the natives under linux-x86_64<extension>/ in the jar
  extension="-Dorg.bytedeco.javacpp.platform.extension=${ND4J_NATIVE_CLASSIFIER#linux-x86_64}"
  jvm=("$extension")
  set -- "$@" -jvmArgsAppend "$extension"   # for JMH's forked JVMs, which do not inherit the property
fi
exec java "${jvm[@]}" -cp "$cp" org.openjdk.jmh.Main "$@"
