#!/usr/bin/env bash
# Runs a private Prometheus (Debian `prometheus` package, 2.42+) for the dashboard checks.
#
#   e2e/prometheus.sh start   # config + TSDB in a fresh temp dir, listens on 127.0.0.1:9090,
#                             # scrapes 127.0.0.1:9464 (the app's PrometheusHttpServer) every 1s
#   e2e/prometheus.sh stop    # kills exactly the PID written by `start`
#   e2e/prometheus.sh status
#
# Environment: PROM_PORT (9090), SCRAPE_TARGET (127.0.0.1:9464), PROM_STATE_DIR (where the PID file and
# the path of the temp dir are kept; default /tmp/aitelemetry-e2e-prometheus), READY_TIMEOUT_S (20).
# Install: apt-get install -y --no-install-recommends prometheus  (the package's own service is not used).
set -euo pipefail

PROM_PORT="${PROM_PORT:-9090}"
SCRAPE_TARGET="${SCRAPE_TARGET:-127.0.0.1:9464}"
STATE="${PROM_STATE_DIR:-/tmp/aitelemetry-e2e-prometheus}"
READY_TIMEOUT_S="${READY_TIMEOUT_S:-20}"
PID_FILE="$STATE/prometheus.pid"
DIR_FILE="$STATE/workdir"

running_pid() {
  [ -f "$PID_FILE" ] || return 1
  local pid; pid="$(cat "$PID_FILE")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && { echo "$pid"; return 0; }
  return 1
}

start() {
  command -v prometheus >/dev/null || { echo "prometheus not installed (apt-get install prometheus)" >&2; exit 2; }
  if pid="$(running_pid)"; then echo "already running: PID $pid" >&2; exit 2; fi
  if grep -qE "[:.]${PROM_PORT}[[:space:]]" <<<"$(ss -ltn 2>/dev/null)"; then
    echo "port $PROM_PORT is busy; set PROM_PORT" >&2; exit 2
  fi
  mkdir -p "$STATE"
  local work; work="$(mktemp -d /tmp/aitelemetry-prom.XXXXXX)"
  echo "$work" > "$DIR_FILE"
  cat > "$work/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: aitelemetry-demo
    static_configs:
      - targets: ['${SCRAPE_TARGET}']
YAML
  promtool check config "$work/prometheus.yml" >/dev/null
  prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
    --web.listen-address="127.0.0.1:${PROM_PORT}" --web.enable-remote-write-receiver \
    --log.level=warn > "$work/prometheus.log" 2>&1 &
  local pid=$!
  echo "$pid" > "$PID_FILE"
  local tries=$(( READY_TIMEOUT_S * 10 ))
  for _ in $(seq 1 "$tries"); do
    if curl -sf "http://127.0.0.1:${PROM_PORT}/-/ready" >/dev/null; then
      echo "prometheus ready on 127.0.0.1:${PROM_PORT} (PID $pid, dir $work)"; return 0
    fi
    kill -0 "$pid" 2>/dev/null || { echo "prometheus exited; log:" >&2; cat "$work/prometheus.log" >&2; rm -f "$PID_FILE"; exit 1; }
    sleep 0.1
  done
  echo "prometheus not ready after ${READY_TIMEOUT_S}s; stopping PID $pid" >&2
  kill "$pid" 2>/dev/null || true
  rm -f "$PID_FILE"
  exit 1
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then echo "not running"; rm -f "$PID_FILE"; return 0; fi
  kill "$pid"
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
  rm -f "$PID_FILE"
  if [ -f "$DIR_FILE" ]; then
    local work; work="$(cat "$DIR_FILE")"
    case "$work" in /tmp/aitelemetry-prom.*) rm -rf "$work" ;; esac
    rm -f "$DIR_FILE"
  fi
  echo "stopped PID $pid"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if pid="$(running_pid)"; then echo "running: PID $pid ($(cat "$DIR_FILE" 2>/dev/null))"; else echo "not running"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
