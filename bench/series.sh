#!/usr/bin/env bash
# The benchmark series of docs/BENCHMARKS.md (not a test): every `obrol bench` scenario against
# the real `obrol server` in a process of its own, traffic log on and written to a file, as in
# real use. Writes each run's --json result, and the CPU seconds both processes used, to OUTDIR.
#
#   bench/series.sh [OUTDIR]        (default: docs/bench-results)
#
# Run it on a quiet machine: the server and the load generator share its cores, as the targets
# require. Takes about six minutes. Builds the jar through bin/obrol when stale.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
out="$(realpath -m "${1:-$root/docs/bench-results}")"
jar="$root/app/target/obrol.jar"
mkdir -p "$out"
"$root/bin/obrol" --version >/dev/null # build once, outside the measurement
work="$(mktemp -d "${TMPDIR:-/tmp}/obrol-series.XXXXXX")"
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }           # user + system, in 1/100 s
hz=$(getconf CLK_TCK)
notes="$out/series-notes.txt"
{
  echo "obrol bench series, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r), $(java -version 2>&1 | head -1)"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  printf '%-34s %12s %12s %10s\n' run "server cpu s" "bench cpu s" "wall s"
} > "$notes"

# shellcheck source=bench/server-process.sh
source "$root/bench/server-process.sh" # start_server JAR NAME [options], stop_server

# run NAME BENCH-ARGS...: one bench run, JSON to $out/NAME.json, CPU of both processes noted
# (the server's only when this script started it: one the bench starts is the bench's child)
run() {
  local name=$1; shift
  local s0=0 t0 b t1 scpu="-"
  [ -n "$server" ] && s0=$(ticks "$server")
  t0=$(date +%s.%N)
  java -jar "$jar" bench "$@" --json > "$out/$name.json" 2> "$work/$name.err" & b=$!
  local bticks=0
  while kill -0 "$b" 2>/dev/null; do bticks=$(ticks "$b" 2>/dev/null || echo "$bticks"); sleep 0.2; done
  wait "$b" || echo "$name: exit status $? (see $out/$name.json)" >&2
  t1=$(date +%s.%N)
  [ -n "$server" ] && scpu=$(printf '%.1f' "$(echo "($(ticks "$server") - $s0) / $hz" | bc -l)")
  printf '%-34s %12s %12.1f %10.1f\n' "$name" "$scpu" "$(echo "$bticks / $hz" | bc -l)" "$(echo "$t1 - $t0" | bc -l)" >> "$notes"
}

M="messages 127.0.0.1"
common=(--size 100 --inflight 64 --warmup 5s --duration 10s)

echo "messages (one server, warmed up by the first run)..." >&2
start_server "$jar" messages
run warmup-closed-1000         $M "$port" --pairs 1000 --rate 0 --obrol-login "${common[@]}"
sleep 2 # the first run's traffic log is on disk (below the 2 GB cap): its MSG lines against what was delivered
lines=$(cat "$work"/messages/obrol-traffic*.log | grep -c ' -> MSG: ')
delivered=$(python3 -c "import json; print(json.load(open('$out/warmup-closed-1000.json'))['delivered'])")
echo "traffic log of the first run: $lines MSG lines for $delivered messages delivered" >> "$notes"
run closed-1000-obrol-1        $M "$port" --pairs 1000 --rate 0 --obrol-login "${common[@]}"
run closed-1000-obrol-2        $M "$port" --pairs 1000 --rate 0 --obrol-login "${common[@]}"
run closed-1000-obrol-3        $M "$port" --pairs 1000 --rate 0 --obrol-login "${common[@]}"
run closed-1000-v1             $M "$port" --pairs 1000 --rate 0 "${common[@]}"
run closed-10-obrol            $M "$port" --pairs 10 --rate 0 --obrol-login "${common[@]}"
for rate in 5000 10000 20000 50000 100000; do
  run "rate-$rate"             $M "$port" --pairs 1000 --rate "$rate" --obrol-login "${common[@]}"
done
run rate-100000-pairs-100      $M "$port" --pairs 100 --rate 100000 --obrol-login "${common[@]}"
run rate-100000-pairs-10       $M "$port" --pairs 10 --rate 100000 --obrol-login "${common[@]}"
stop_server

echo "messages, one event loop..." >&2
start_server "$jar" one-loop --io-threads 1
run warmup-one-loop            $M "$port" --pairs 1000 --rate 0 --obrol-login "${common[@]}"
run closed-1000-obrol-one-loop $M "$port" --pairs 1000 --rate 0 --obrol-login "${common[@]}"
run rate-100000-one-loop       $M "$port" --pairs 1000 --rate 100000 --obrol-login "${common[@]}"
stop_server

echo "connections..." >&2
start_server "$jar" connections
run connections-10000          connections 127.0.0.1 "$port" --clients 10000 --server-pid "$server"
stop_server

echo "broadcast and files (servers started by the bench)..." >&2
run broadcast-10000            broadcast --server-process --clients 10000 --rounds 10
run files-1x1GiB               files --server-process --transfers 1 --size 1GiB
run files-4x256MiB             files --server-process --transfers 4 --size 256MiB
run files-16x64MiB             files --server-process --transfers 16 --size 64MiB

java -jar "$jar" bench chart "$out"/rate-{5000,10000,20000,50000,100000}.json -o "$out/bench-messages.svg"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$notes"
cat "$notes"
