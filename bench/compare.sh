#!/usr/bin/env bash
# Two builds of obrol side by side (not a test): the same `obrol bench messages` runs against a
# server from each jar, alternating A, B, A, B, ... so that drift of a shared machine falls on
# both. The load generator is always the one of jar B, so only the servers differ.
#
#   bench/compare.sh OLD.jar NEW.jar [ROUNDS]      (default: 3 rounds)
#
# Prints one line per run (msgs/s, p50/p99/p999 ms, lost) and writes the JSON results to a
# temporary folder it names. Each server runs as `obrol server` does in use (traffic log on, to a
# file), with the per-client limits off, as bench/series.sh starts it.
set -euo pipefail

old=$(realpath "$1"); new=$(realpath "$2"); rounds=${3:-3}
work="$(mktemp -d "${TMPDIR:-/tmp}/obrol-compare.XXXXXX")"
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null || true; }
trap cleanup EXIT

# shellcheck source=bench/server-process.sh
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/server-process.sh"

summary() { # JSON file -> one line
  python3 - "$1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
lat = r.get("latencyMs") or {}
def q(k):
    v = lat.get(k)
    return "-" if v is None else f"{v:.2f}"
print(f'{r.get("deliveredPerSecond", 0):>10,.0f} msg/s  p50 {q("p50"):>7}  p99 {q("p99"):>7}  p999 {q("p999"):>7}  lost {r.get("lost", "?")}')
PY
}

scenario() { # NAME ARGS...: one run against the server on $port
  local name=$1; shift
  java -jar "$new" bench messages 127.0.0.1 "$port" --size 100 --inflight 64 --warmup 5s --duration 10s --json "$@" \
      > "$work/$name.json" 2> "$work/$name.err" || true
  printf '%-40s %s\n' "$name" "$(summary "$work/$name.json")"
}

echo "compare: A=$old B=$new, $rounds rounds, results in $work"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
  for side in A B; do
    jar=$old; [ "$side" = B ] && jar=$new
    start_server "$jar" "$side-$round"
    scenario "warm-up $side $round" --pairs 1000 --rate 0 --obrol-login >/dev/null
    scenario "$side closed loop 1000 pairs obrol $round" --pairs 1000 --rate 0 --obrol-login
    scenario "$side closed loop 1000 pairs v1 $round" --pairs 1000 --rate 0
    scenario "$side open 20000 per s 1000 pairs obrol $round" --pairs 1000 --rate 20000 --obrol-login
    stop_server
  done
done
