#!/usr/bin/env bash
# Builds the agent and the benchmarks, runs every benchmark (JMH per-call cases, start-up, export)
# with no agent, weave4j and the OpenTelemetry Java agent side by side, and writes
# benchmarks/RESULTS.md. About 11 minutes on 2 cores.
#
#   benchmarks/run.sh                      # the full run
#   benchmarks/run.sh --warmups 5 --iterations 3 --startup-runs 5   # quicker, noisier
#   benchmarks/run.sh --forks 2          # steadier, about 18 minutes
#   benchmarks/run.sh --smoke              # one short iteration of each (what `mvn verify` runs)
#   BENCH_OUT=/tmp/r.md benchmarks/run.sh  # write the report elsewhere
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
cd "$root"

echo "bench: building the agent and the benchmarks" >&2
mvn -B -q -pl benchmarks -am package -DskipTests

otel_version="$(sed -n 's:.*<version.otel.agent>\(.*\)</version.otel.agent>.*:\1:p' benchmarks/pom.xml)"
work="$(mktemp -d -t weave4j-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT

java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  dev.weave4j.benchmarks.RunAll \
  --agent agent/target/weave-agent.jar \
  --otel benchmarks/target/otel/opentelemetry-javaagent.jar \
  --otel-version "$otel_version" \
  --work "$work" \
  --out "${BENCH_OUT:-benchmarks/RESULTS.md}" \
  "$@"

# Show the latest table in benchmarks/README.md (between the results markers), unless written elsewhere.
if [[ -z "${BENCH_OUT:-}" && " $* " != *" --smoke "* ]]; then
  readme=benchmarks/README.md
  awk -v results=benchmarks/RESULTS.md '
    /<!-- results:start -->/ { print; while ((getline l < results) > 0) if (l !~ /^# /) { if (l ~ /^## /) l = "#" l; print l }; skip = 1; next }
    /<!-- results:end -->/ { skip = 0 }
    !skip { print }
  ' "$readme" > "$work/README.md"
  cp "$work/README.md" "$readme"
fi
