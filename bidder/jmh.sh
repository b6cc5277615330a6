#!/usr/bin/env bash
# Runs the bidder's JMH benchmarks (bidder/src/jmh/java), passing every argument to JMH:
#
#   bidder/jmh.sh                                   # every benchmark, with the settings in their annotations
#   bidder/jmh.sh DecodeBenchmark -prof gc          # one class, with bytes allocated per operation
#   bidder/jmh.sh -f 1 -wi 2 -w 2s -i 3 -r 2s -prof gc MatchBenchmark   # a short run
#   bidder/jmh.sh -h                                # JMH's own options
#
# It compiles the benchmarks with the tests in one reactor (never `./mvnw install`), writes the test classpath to
# bidder/target/jmh.classpath and runs org.openjdk.jmh.Main on it. JMH_SKIP_BUILD=1 reuses the last build;
# JMH_JAVA_OPTS adds options to the JVM that runs JMH (not to the forks: use -jvmArgsAppend for those), such as
# -Djmh.ignoreLock=true when another JMH run holds /tmp/jmh.lock (both runs' figures then suffer).
# Needs only a JDK 17+ and Maven; works from any directory.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
classpath_file="$root/bidder/target/jmh.classpath"

if [[ "${JMH_SKIP_BUILD:-0}" != "1" || ! -s "$classpath_file" ]]; then
  echo "jmh.sh: compiling the benchmarks (./mvnw -pl bidder -am test-compile)" >&2
  (cd "$root" && ./mvnw -B -q -pl bidder -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/jmh.classpath -Dmdep.includeScope=test)
fi

# shellcheck disable=SC2086 # JMH_JAVA_OPTS is a list of options.
exec java ${JMH_JAVA_OPTS:-} -cp "$root/bidder/target/test-classes:$root/bidder/target/classes:$(cat "$classpath_file")" \
  org.openjdk.jmh.Main "$@"
