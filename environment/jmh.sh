#!/usr/bin/env bash
# Runs CreditLab's JMH micro-benchmarks (src/test/java/org/creditlab/bench), one thread, e.g.
#   environment/jmh.sh MomentumUpdate
#   environment/jmh.sh DenseGemm -f 1 -wi 2 -i 3
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
exec java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" org.openjdk.jmh.Main "$@"
