#!/usr/bin/env bash
# slogate eval against a real Prometheus (tests/prometheus.rs), and
# slogate rules against promtool (tests/rules_promtool.rs).
#
# Backfills two days of known traffic, and a 20-day history also written as
# CSV files, into a scratch TSDB with promtool, serves it with a Prometheus
# on a free loopback port, and runs the integration tests (tests/prometheus.rs,
# tests/prometheus_plan.rs) with SLOGATE_PROMETHEUS_URL pointing at it. The
# tests there are #[ignore]d so that a plain `cargo test` never reports them as
# passed without a server; this script is the one way they run, and
# scripts/test (what CI runs) calls it. (The file's one test that needs no
# server runs in every `cargo test`.)
#
# Idempotent: installs Debian's prometheus (which brings promtool) only when
# missing; everything else lives in a temp dir removed on exit, and the
# Prometheus it starts is always stopped.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh

# The end of the generated data, i.e. the --at of the test's main
# evaluation. Fixed (not "now") so the report is the same on every run, and
# in the past, as backfilled blocks must be: Prometheus' head block owns the
# present. tests/prometheus.rs checks it receives exactly this value.
readonly T_RFC3339="2026-03-02T12:00:00Z"
readonly T_EPOCH=1772452800
# The end of the second data set, a history of 20 days written as CSV files
# and backfilled from them (tests/prometheus_plan.rs).
readonly H_EPOCH=1773144000 # 2026-03-10T12:00:00Z

if ! command -v prometheus >/dev/null || ! command -v promtool >/dev/null; then
  step "installing Prometheus"
  apt_install prometheus
fi
command -v curl >/dev/null || apt_install curl
# Debian's package may start its own service on :9090; it is not ours and we
# do not use it (our server gets its own port below).

work=$(mktemp -d "${TMPDIR:-/tmp}/slogate-prom.XXXXXX")
prom_pid=""
cleanup() {
  if [ -n "$prom_pid" ] && kill -0 "$prom_pid" 2>/dev/null; then
    kill "$prom_pid" 2>/dev/null || true
    # Prometheus shuts down in well under a second on an idle TSDB; do not
    # wait forever if it does not.
    for _ in $(seq 50); do kill -0 "$prom_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$prom_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step "generating two days of http_requests_total"
# One sample every 15 s from T - 2d to T, three counters:
#   {code="200",route="/api"}     +20 per scrape (80/min)
#   {code="500",route="/api"}     +0
#   {code="200",route="/health"}  +5 per scrape (20/min)
# so 100 requests a minute in total, always. Events of a scrape are those in
# (t - 15s, t]. Two incidents move /api requests from 200 to 500:
#   A: (T-36h, T-36h+10m]  all 80/min fail (800 bad; outside a 1d window)
#   B: (T-40m, T-10m]      40 of 80/min fail (1200 bad)
# and at T-12h the process restarts: every counter starts again from 0 with
# the next scrape, so nothing is lost across the reset. Counters start at
# arbitrary values: the first sample only opens a series.
# tests/prometheus.rs works its expected numbers out from exactly this.
awk -v T="$T_EPOCH" 'BEGIN {
  api200 = 123456; api500 = 789; health200 = 4242
  print "# HELP http_requests Requests served, by status code and route."
  print "# TYPE http_requests counter"
  for (k = 0; k <= 2 * 86400 / 15; k++) {
    t = T - 2 * 86400 + 15 * k
    s = t - T
    if (k > 0) {
      if (s == -43200 + 15) { api200 = 0; api500 = 0; health200 = 0 }
      if (s > -129600 && s <= -129600 + 600) { api500 += 20 }
      else if (s > -2400 && s <= -600) { api200 += 10; api500 += 10 }
      else { api200 += 20 }
      health200 += 5
    }
    printf "http_requests_total{code=\"200\",route=\"/api\"} %d %d\n", api200, t
    printf "http_requests_total{code=\"500\",route=\"/api\"} %d %d\n", api500, t
    printf "http_requests_total{code=\"200\",route=\"/health\"} %d %d\n", health200, t
  }
}' >"$work/data.om"

step "generating 20 days of plan_requests_total and plan_errors_total as CSV"
# The same samples go to Prometheus (converted below) and, as --data files,
# to slogate: tests/prometheus_plan.rs checks that --prometheus, which
# fetches only the data plan's range, gives the report the whole files give.
# One sample every 5 m (the plan's step for those policies) over
# [H − 20d, H]; 1000 requests each 5 m. Errors each 5 m:
#   (H-13d, H-13d+12h]    42   in a rolling 7d burn-down's first windows only
#   (H-10.5d, H-10.5d+6h] 500  2026-02-28: before the calendar month, in
#                              its first points' 3d burn rate
#   (H-2d, H-2d+1h]       200  in every window at H
# and at H − 5d both counters restart from 0.
mkdir "$work/history"
awk -v T="$H_EPOCH" -v dir="$work/history" 'BEGIN {
  requests = 5000000; errors = 1234
  print "time,value" > (dir "/requests.csv")
  print "time,value" > (dir "/errors.csv")
  for (k = 0; k <= 20 * 288; k++) {
    t = T - 20 * 86400 + 300 * k
    s = t - T
    if (k > 0) {
      if (s == -5 * 86400) { requests = 0; errors = 0 }
      bad = 0
      if (s > -13 * 86400 && s <= -13 * 86400 + 43200) bad = 42
      else if (s > -907200 && s <= -907200 + 21600) bad = 500
      else if (s > -2 * 86400 && s <= -2 * 86400 + 3600) bad = 200
      requests += 1000; errors += bad
    }
    print t "," requests > (dir "/requests.csv")
    print t "," errors > (dir "/errors.csv")
  }
}'
for m in requests errors; do
  echo "# TYPE plan_$m counter"
  awk -F, -v name="plan_${m}_total" 'NR > 1 { print name, $2, $1 }' "$work/history/$m.csv"
done >>"$work/data.om"

step "generating two days of diff_requests_total and diff_errors_total"
# For the differential test of slogate eval --prometheus against PromQL
# (tests/prometheus.rs, "differential"): one scrape every 15 s over
# (T - 2d, T]; 25 requests a scrape (100/min), 1 error every 20th scrape;
# incidents (T-30h, T-29h] 5 of 25 fail, (T-3h, T-2h30m] 2 of 25; the
# process restarts at T-20h (counters from 0); no scrape at all over
# (T-6h, T-5h40m] (the counters still count: the gap's 2000 requests and
# its errors show in the first scrape after it).
awk -v T="$T_EPOCH" 'BEGIN {
  requests = 777; errors = 11
  print "# TYPE diff_requests counter"
  for (k = 0; k <= 2 * 86400 / 15; k++) {
    t = T - 2 * 86400 + 15 * k
    s = t - T
    if (k > 0) {
      if (s == -72000 + 15) { requests = 0; errors = 0 }
      requests += 25
      if (s > -108000 && s <= -104400) errors += 5
      else if (s > -10800 && s <= -9000) errors += 2
      else if (k % 20 == 0) errors += 1
    }
    if (s > -21600 && s <= -20400) continue
    req[k] = requests; err[k] = errors; ts[k] = t
  }
  for (k = 0; k <= 2 * 86400 / 15; k++) if (k in ts) printf "diff_requests_total %d %d\n", req[k], ts[k]
  print "# TYPE diff_errors counter"
  for (k = 0; k <= 2 * 86400 / 15; k++) if (k in ts) printf "diff_errors_total %d %d\n", err[k], ts[k]
}' >>"$work/data.om"
echo "# EOF" >>"$work/data.om"

step "backfilling"
mkdir "$work/tsdb"
timeout 120 promtool tsdb create-blocks-from openmetrics "$work/data.om" "$work/tsdb" >"$work/promtool.log" 2>&1 \
  || { cat "$work/promtool.log" >&2; exit 1; }

# No scrape targets: the server only answers queries on the backfilled data.
cat >"$work/prometheus.yml" <<'EOF'
global:
  evaluation_interval: 1m
scrape_configs: []
EOF
promtool check config "$work/prometheus.yml"

step "building the tests"
cargo test --locked --test prometheus --test prometheus_plan --test rules_promtool --no-run

step "slogate rules against promtool (check rules, test rules)"
timeout 300 cargo test --locked --no-fail-fast --test rules_promtool -- --ignored

step "starting Prometheus"
# A free port: bash cannot ask the kernel for one, so take a random high port
# that nothing answers on, and try another if Prometheus still finds it taken
# (another process got there in between).
started=""
for _ in 1 2 3 4 5; do
  port=$((20000 + RANDOM % 40000))
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi
  # Retention far beyond the data's age: time-based retention must never
  # delete the backfilled blocks, whatever the date.
  prometheus \
    --config.file="$work/prometheus.yml" \
    --storage.tsdb.path="$work/tsdb" \
    --storage.tsdb.retention.time=100y \
    --web.listen-address="127.0.0.1:$port" \
    >"$work/prometheus.log" 2>&1 &
  prom_pid=$!
  url="http://127.0.0.1:$port"
  for _ in $(seq 300); do
    kill -0 "$prom_pid" 2>/dev/null || break
    if curl -fsS --max-time 2 "$url/-/ready" >/dev/null 2>&1; then started=yes; break; fi
    sleep 0.1
  done
  [ -n "$started" ] && break
  if kill -0 "$prom_pid" 2>/dev/null; then
    # Neither ready nor dead within 30 s: something else is wrong.
    cat "$work/prometheus.log" >&2
    echo "prometheus-test: Prometheus at $url did not become ready in 30 s" >&2
    exit 1
  fi
  prom_pid=""
  grep -q "address already in use" "$work/prometheus.log" || { cat "$work/prometheus.log" >&2; exit 1; }
done
[ -n "$started" ] || { echo "prometheus-test: found no free port for Prometheus" >&2; exit 1; }
echo "Prometheus $(prometheus --version 2>&1 | awk 'NR==1 {print $3}') ready at $url"

step "slogate eval against Prometheus"
SLOGATE_PROMETHEUS_URL="$url" SLOGATE_PROMETHEUS_DATA_END="$T_RFC3339" \
  SLOGATE_PROMETHEUS_HISTORY="$work/history" \
  timeout 300 cargo test --locked --no-fail-fast --test prometheus --test prometheus_plan -- --ignored
