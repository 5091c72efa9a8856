#!/usr/bin/env bash
# Loading data: peak memory and time of `slogate eval --data` on Prometheus
# query_range JSON files of growing size. A measurement that prints figures,
# not a test: compare runs by eye (docs/performance.md, "Loading data").
#
#   scripts/measure-load.sh                        # 1k 10k 100k 1M 20M samples
#   scripts/measure-load.sh 1000000                # chosen sizes only
#   SLOGATE=/tmp/slogate-old scripts/measure-load.sh   # another build
#
# Each file holds one series (`{"__name__":"p99","job":"api"}`) of 1-second
# samples written as Prometheus writes them, `[1700000000,"0"],`: 17 bytes a
# sample, so 20 M samples make the ~340 MB file of issue 7. Two runs a file,
# both loading every sample: "load", a threshold SLO over a 1-hour window
# (the evaluation costs next to nothing: the figures are the loader's), and
# "eval", the same SLO over 365 days (the whole series evaluated too).
# Files are generated once in $TMPDIR/slogate-measure-load (or /tmp) and kept
# for the next run; peak RSS and seconds come from GNU time (installed from
# Debian's `time` package when missing).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/lib.sh
source scripts/lib.sh

[ -x /usr/bin/time ] || apt_install time
command -v python3 >/dev/null || apt_install python3

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000 1000000 20000000)

slogate="${SLOGATE:-}"
if [ -z "$slogate" ]; then
  cargo build --locked --quiet --release --bin slogate
  slogate="$root/target/release/slogate"
fi

dir="${TMPDIR:-/tmp}/slogate-measure-load"
mkdir -p "$dir"

# A policy whose one SLO has the window $1.
policy() {
  cat <<EOF
apiVersion: slogate/v1
kind: ServiceLevelPolicy
metadata: {name: load}
spec:
  slos:
    - name: latency
      objective: 99%
      window: {rolling: $1}
      sli:
        threshold: {series: {name: p99, kind: gauge}, op: "<=", value: 0.5}
  policy:
    levels: [healthy, freeze]
    rules:
      - {level: freeze, when: "remaining < 10%", action: Freeze}
EOF
}
policy 1h >"$dir/load.yaml"
policy 365d >"$dir/eval.yaml"

start=1700000000
# Writes N samples from $start, one a second; every 100th value is a bad "1".
generate() {
  python3 - "$1" "$2" "$start" <<'EOF'
import sys
n, path, start = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
with open(path, "w") as f:
    f.write('{"status":"success","data":{"resultType":"matrix","result":[\n'
            '{"metric":{"__name__":"p99","job":"api"},"values":[')
    chunk = 100_000
    for lo in range(0, n, chunk):
        f.write(",".join('[%d,"%d"]' % (start + i, i % 100 == 99)
                         for i in range(lo, min(n, lo + chunk))))
        if lo + chunk < n:
            f.write(",")
    f.write("]}]}}\n")
EOF
}

# Runs `slogate eval` with the policy $1 on the file $2 of $3 samples;
# prints seconds, peak RSS in MB and in bytes a sample.
measure() {
  local policy=$1 file=$2 n=$3 at status kb seconds
  at=$(date -u -d "@$((start + n - 1))" +%Y-%m-%dT%H:%M:%SZ)
  set +e
  /usr/bin/time -f '%M %e' -o "$dir/time" \
    "$slogate" eval "$dir/$policy.yaml" --at "$at" --data "p99=$file" --format json \
    >"$dir/out" 2>"$dir/err"
  status=$?
  set -e
  # A process killed by a signal gets a "Command terminated" line first.
  read -r kb seconds < <(tail -n 1 "$dir/time")
  awk -v n="$n" -v s="$seconds" -v kb="$kb" \
    'BEGIN { printf " %8s %9.1f %6.1f", s, kb / 1024, kb * 1024 / n }'
  if [ "$status" -ne 0 ]; then
    failed+=("$policy, $n samples: exit $status: $(head -c 300 "$dir/err" | tr '\n' ' ')")
  fi
}

failed=()
printf '%-10s %8s | %-25s | %-25s\n' "" "" "load (1-hour window)" "eval (365-day window)"
printf '%-10s %8s | %8s %9s %6s | %8s %9s %6s\n' \
  samples "file MB" seconds "RSS MB" "B/smp" seconds "RSS MB" "B/smp"
for n in "${sizes[@]}"; do
  file="$dir/p99-$n.json"
  [ -s "$file" ] || generate "$n" "$file"
  awk -v n="$n" -v bytes="$(stat -c %s "$file")" 'BEGIN { printf "%-10s %8.1f |", n, bytes / 1e6 }'
  measure load "$file" "$n"
  printf ' |'
  measure eval "$file" "$n"
  printf '\n'
done
for f in "${failed[@]}"; do
  echo "failed: $f"
done
