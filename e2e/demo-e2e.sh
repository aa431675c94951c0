#!/usr/bin/env bash
# End-to-end check of the demo against a real Prometheus: every PromQL expression of every dashboard panel must
# return data after one demo session, the guide's mcp_tool_invocations_total query must see the demo's tools,
# and the alert rules must pass promtool. Needs the built demo (examples/target/aitelemetry-demo.jar) and the
# Debian `prometheus` package. Every process started here is stopped by its PID; every wait is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=examples/target/aitelemetry-demo.jar
[ -f "$JAR" ] || { echo "missing $JAR: run 'mvn -B verify' (or package) first" >&2; exit 2; }
WORK="$(mktemp -d /tmp/aitelemetry-e2e.XXXXXX)"
DEMO_PID=""
export PROM_STATE_DIR="$WORK/prometheus-state"

cleanup() {
  if [ -n "$DEMO_PID" ] && kill -0 "$DEMO_PID" 2>/dev/null; then
    kill "$DEMO_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$DEMO_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$DEMO_PID" 2>/dev/null || true
  fi
  e2e/prometheus.sh stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== alert rules (promtool)"
promtool check rules docs/grafana/alerts.yml
promtool test rules docs/grafana/alerts.test.yml

echo "== Prometheus, scraping the demo on 127.0.0.1:9464 every second"
e2e/prometheus.sh start

echo "== demo session (scripted endpoint, metrics on :9464)"
env -u OPENAI_API_KEY -u OTEL_EXPORTER_OTLP_ENDPOINT -u OTLP_ENDPOINT \
  java -jar "$JAR" --stay-seconds 120 > "$WORK/demo.log" 2>&1 &
DEMO_PID=$!
for _ in $(seq 1 240); do
  grep -q "Session complete." "$WORK/demo.log" && break
  kill -0 "$DEMO_PID" 2>/dev/null || { echo "demo exited early:" >&2; cat "$WORK/demo.log" >&2; exit 1; }
  sleep 0.5
done
grep -q "Session complete." "$WORK/demo.log" || { echo "demo did not finish in 120 s:" >&2; cat "$WORK/demo.log" >&2; exit 1; }
# The summary is printed after "Session complete."; "Staying up" follows it.
for _ in $(seq 1 40); do grep -q "Staying up for scraping" "$WORK/demo.log" && break; sleep 0.25; done
sed -n '/Per model/,$p' "$WORK/demo.log" | sed -n 1,20p
# A few more scrapes after the last call, so that every rate window holds the session's increase.
sleep 8

echo "== the guide's query, verbatim from docs/guide.md"
guide_query="$(grep -m1 -F 'rate(mcp_tool_invocations_total' docs/guide.md || true)"
[ -n "$guide_query" ] || { echo "docs/guide.md has no query over mcp_tool_invocations_total" >&2; exit 1; }
echo "$guide_query"
result="$(curl -sf -G http://127.0.0.1:9090/api/v1/query --data-urlencode "query=$guide_query")"
echo "$result"
for tool in search_memory capture_solution analyze_logs deploy_fix; do
  grep -q "\"gen_ai_tool_name\":\"$tool\"" <<<"$result" || { echo "no $tool in mcp_tool_invocations_total" >&2; exit 1; }
done

echo "== every dashboard panel's PromQL against the real Prometheus"
python3 e2e/check_dashboard.py --prometheus http://127.0.0.1:9090 --rate-interval 1m
