#!/usr/bin/env bash
# Runs the issue #7 benchmarks and writes the results table into docs/benchmarks.md.
#   benchmarks/run.sh quick   # ~5 minutes on 2 cores: 1 fork, 2 x 1 s warm-up, 3 x 1 s measurement
#   benchmarks/run.sh full    # ~45 minutes: 2 forks, 5 x 2 s warm-up, 10 x 2 s measurement
# Extra arguments go to JMH, e.g. a benchmark regexp: benchmarks/run.sh quick 'ChatListener|DisabledPath'
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-quick}
shift || true
case "$mode" in
  quick) opts=(-f 1 -wi 2 -w 1s -i 3 -r 1s) ;;
  full) opts=(-f 2 -wi 5 -w 2s -i 10 -r 2s) ;;
  *) echo "usage: $0 quick|full [JMH arguments]" >&2; exit 2 ;;
esac
# Always rebuild, with the library modules of this checkout (-am): a jar left over from another revision, or built
# against other library jars from ~/.m2, would otherwise produce the table.
mvn -B -q -pl benchmarks -am package -DskipTests
out=benchmarks/target/jmh-$mode.json
load=$(cut -d' ' -f1 /proc/loadavg)
java -jar benchmarks/target/benchmarks.jar "${opts[@]}" -prof gc -rf json -rff "$out" "$@"
java -cp benchmarks/target/benchmarks.jar dev.aitelemetry.benchmarks.Report "$out" docs/benchmarks.md \
  "$mode run, $(date -u +%Y-%m-%d), $(nproc) cores, load average at start $load"
