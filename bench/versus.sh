#!/usr/bin/env bash
# obrol beside InspIRCd (issue 12; not a test): one load generator, `obrol bench messages`, drives
# `obrol server` (obrol logins, protocol 2) and InspIRCd (`--irc`) with the same scenarios, back to
# back in one run: for each load, obrol first, then InspIRCd. Both servers listen on loopback with
# their abuse limits off: obrol with its traffic log on and written to a file, as in real use;
# InspIRCd as configured in bench/inspircd.conf (fakelag off, no DNS or ident lookups, large
# command rate and queues). Writes one Markdown table with the machine and the exact commands to
# docs/bench-results/versus-<time>.md (each run's --json beside it) and prints it.
#
#   bench/versus.sh [--warmup T] [--duration T] [--server-warmup T] [--pairs N] [--note TEXT]
#                   [--obrol-java-options "..."] [--obrol-server-options "..."] [--out FILE.md]
#                   [--server-cpus LIST --load-cpus LIST]
#
#   --warmup T            load before measuring, in every run (default 5s)
#   --duration T          measured time of every run (default 15s)
#   --server-warmup T     first, unmeasured runs of T against each fresh server, one of each load below
#                         (default 10s; 0s: none): a server in use has long since compiled the paths
#                         every load takes, and a JIT still compiling (obrol) is warm-up, not the server
#   --pairs N             client pairs (default 1000)
#   --note TEXT           a line written next to the figures (e.g. that the machine was busy)
#   --obrol-java-options  JVM options of the obrol server, e.g. "-XX:+UseZGC" (default: none, as bin/obrol)
#   --obrol-server-options  more options of `obrol server`, e.g. "--io-threads 1" (default: none)
#   --out FILE.md         where to write the table (default docs/bench-results/versus-<UTC time>.md)
#   --server-cpus LIST    pin both servers to these CPUs (taskset -c, e.g. 0), and
#   --load-cpus LIST      the load generator to these (e.g. 1): each server then has the same cores
#                         of its own, as when the clients are on other machines (default: unpinned)
#
# The loads: closed loop (64 messages in flight per pair, 32 per client), then open loop at 20,000
# and at 100,000 msgs/s offered; 100-byte messages. With the defaults a run takes five to six
# minutes. Installs InspIRCd from Debian when it is missing (apt-get: needs root). Builds the jar
# through bin/obrol when stale. Both servers are stopped when the script ends, fails or is interrupted.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
jar="$root/app/target/obrol.jar"
warmup=5s duration=15s server_warmup=10s pairs=1000 note="" obrol_java_options="" obrol_server_options="" out=""
server_cpus="" load_cpus=""
while [ $# -gt 0 ]; do
  case "$1" in
    --warmup) warmup=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --server-warmup) server_warmup=$2; shift 2 ;;
    --pairs) pairs=$2; shift 2 ;;
    --note) note=$2; shift 2 ;;
    --obrol-java-options) obrol_java_options=$2; shift 2 ;;
    --obrol-server-options) obrol_server_options=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --server-cpus) server_cpus=$2; shift 2 ;;
    --load-cpus) load_cpus=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "versus.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
on_server_cpus=(${server_cpus:+taskset -c "$server_cpus"}) # a command prefix, empty when unpinned
on_load_cpus=(${load_cpus:+taskset -c "$load_cpus"})
stamp="$(date -u '+%Y%m%d-%H%M')"
out="$(realpath -m "${out:-$root/docs/bench-results/versus-$stamp.md}")"
results="${out%.md}"                      # each run's --json, beside the table
mkdir -p "$results"

if ! command -v inspircd >/dev/null && [ ! -x /usr/sbin/inspircd ]; then
  echo "versus.sh: installing InspIRCd (apt-get)..." >&2
  apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q inspircd >&2
fi
inspircd="$(command -v inspircd || echo /usr/sbin/inspircd)"
"$root/bin/obrol" --version >/dev/null # build once, outside the measurement
# Each server holds 2 x pairs connections and the bench as many: raise the open-file limit if allowed.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
work="$(mktemp -d "${TMPDIR:-/tmp}/obrol-versus.XXXXXX")"
obrol_pid="" ircd_pid="" bench_pid=""
stop() { # stop PID: SIGTERM, then SIGKILL if it is still there after 10 s
  [ -n "$1" ] || return 0
  kill "$1" 2>/dev/null || return 0
  for _ in $(seq 100); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
cleanup() {
  stop "$bench_pid"; stop "$obrol_pid"; stop "$ircd_pid"
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; } # listening PORT: something accepts there
# free_port: a loopback port nothing listens on (connecting to it is refused).
free_port() {
  local p
  for _ in $(seq 50); do
    p=$(( 20000 + RANDOM % 30000 ))
    if ! listening "$p"; then echo "$p"; return; fi
  done
  echo "versus.sh: no free port found" >&2; exit 1
}
# await NAME PID OUTPUT CONDITION...: waits up to 60 s until CONDITION holds; fails if PID ends first.
await() {
  local name=$1 pid=$2 output=$3; shift 3
  for _ in $(seq 600); do
    "$@" && return 0
    kill -0 "$pid" 2>/dev/null || { echo "versus.sh: $name ended:" >&2; cat "$output" >&2; exit 1; }
    sleep 0.1
  done
  echo "versus.sh: $name did not start listening within 60 s:" >&2; cat "$output" >&2; exit 1
}

echo "starting InspIRCd..." >&2
mkdir -p "$work/inspircd"
ircd_port=$(free_port)
IRCD_PORT=$ircd_port IRCD_DIR="$work/inspircd" "${on_server_cpus[@]}" "$inspircd" --runasroot --nofork --config "$root/bench/inspircd.conf" \
    </dev/null >"$work/inspircd.out" 2>&1 &
ircd_pid=$!
await InspIRCd "$ircd_pid" "$work/inspircd.out" listening "$ircd_port" # (its log file is written in blocks)

echo "starting obrol server..." >&2
# As bench/series.sh: standard output (the traffic log's console copy) to /dev/null, the traffic
# log to a file in $work, the per-client limits off; the port is read from the log.
mkdir -p "$work/obrol"
# shellcheck disable=SC2086  # lists of options by design
OBROL_LOG_DIR="$work/obrol" "${on_server_cpus[@]}" java $obrol_java_options -jar "$jar" server 127.0.0.1 0 --max-connections 0 \
    --max-connections-per-address 0 --connection-rate 0 --message-rate 0 $obrol_server_options </dev/null >/dev/null 2>"$work/obrol.err" &
obrol_pid=$!
obrol_port() { obrol_port=$(grep -o 'START: listening on 127.0.0.1:[0-9]*' "$work/obrol/obrol-traffic.log" 2>/dev/null | grep -o '[0-9]*$'); }
await "obrol server" "$obrol_pid" "$work/obrol.err" obrol_port

ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; } # user + system CPU, in clock ticks
hz=$(getconf CLK_TCK)
# waited PID: nanoseconds the process's threads have spent runnable but waiting for a CPU (a busy
# machine shows here), or nothing where the kernel keeps no scheduler statistics.
waited() { cat /proc/"$1"/task/*/schedstat 2>/dev/null | awk '{ns += $2} END {if (NR) printf "%.0f", ns}'; }
commands="$work/commands.txt"
: > "$commands"

# run NAME SERVER-PID ARGS...: one `obrol bench messages` run, its --json in $results/NAME.json;
# notes the server's CPU seconds. A run with losses or errors exits 1 and is reported, not fatal.
run() {
  local name=$1 pid=$2; shift 2
  local cmd=("${on_load_cpus[@]}" java -jar "$jar" bench messages "$@" --size 100 --warmup "$warmup" --duration "$duration" --json)
  echo "${cmd[*]/#$root\//}" >> "$commands"
  echo "$name..." >&2
  local t0 w0 w1 status=0
  t0=$(ticks "$pid"); w0=$(waited "$pid")
  # In the background and waited for, so that a signal to this script stops it at once.
  "${cmd[@]}" > "$results/$name.json" 2> "$work/$name.err" &
  bench_pid=$!
  wait "$bench_pid" || status=$?
  bench_pid=""
  awk -v t="$(( $(ticks "$pid") - t0 ))" -v hz="$hz" 'BEGIN { printf "%.1f", t / hz }' > "$work/$name.cpu"
  w1=$(waited "$pid")
  if [ -n "$w0" ] && [ -n "$w1" ]; then awk -v w="$(( w1 - w0 ))" 'BEGIN { printf "%.1f", w / 1e9 }'; else echo "n/a"; fi > "$work/$name.wait"
  if [ "$status" -ne 0 ]; then
    echo "$name: exit status $status" >&2
    tail -3 "$work/$name.err" >&2
  fi
}

obrol=(127.0.0.1 "$obrol_port" --obrol-login --pairs "$pairs")
irc=(127.0.0.1 "$ircd_port" --irc --pairs "$pairs")
closed=(--rate 0 --inflight 32)
if [ "$server_warmup" != "0s" ] && [ "$server_warmup" != "0" ]; then
  echo "# unmeasured warm-up of each fresh server:" >> "$commands"
  saved_duration=$duration; duration=$server_warmup
  for load in closed 20000 100000; do
    if [ "$load" = closed ]; then args=("${closed[@]}"); else args=(--rate "$load" --inflight 32); fi
    run "warmup-$load-obrol" "$obrol_pid" "${obrol[@]}" "${args[@]}"
    run "warmup-$load-inspircd" "$ircd_pid" "${irc[@]}" "${args[@]}"
  done
  duration=$saved_duration
  echo "# measured:" >> "$commands"
fi
for load in closed 20000 100000; do
  if [ "$load" = closed ]; then args=("${closed[@]}"); else args=(--rate "$load" --inflight 32); fi
  run "$load-obrol" "$obrol_pid" "${obrol[@]}" "${args[@]}"
  run "$load-inspircd" "$ircd_pid" "${irc[@]}" "${args[@]}"
done

# field FILE KEY: a number from the bench's pretty-printed --json (one "key" : value per line).
field() { sed -n "s/^ *\"$2\" : \([-0-9.eE]*\),\{0,1\}$/\1/p" "$1" | head -1; }
# grouped NUMBER: rounded, with thousands separators (no locale needed).
grouped() { printf '%.0f' "$1" | sed ':a; s/\B[0-9]\{3\}\>/,&/; ta'; }
row() { # row LOAD SERVER NAME: one line of the table from run NAME
  local f="$results/$3.json" lost errors unsent extra=""
  if [ -z "$(field "$f" delivered 2>/dev/null)" ]; then
    printf '| %s | %s | failed: %s | | | | | | |\n' "$1" "$2" "$(tail -1 "$work/$3.err" | tr '|' '/')"
    return
  fi
  lost=$(field "$f" lost); errors=$(field "$f" errors); unsent=$(field "$f" unsent)
  [ "$errors" = 0 ] || extra=" ($(grouped "$errors") errors)"
  [ "$unsent" = 0 ] || extra="$extra ($(grouped "$unsent") fell due and were not sent: windows full)"
  grep -q '"drained" : false' "$f" && extra="$extra (drain timed out)"
  printf '| %s | %s | %s | %s | %s | %s | %s%s | %s | %s |\n' "$1" "$2" "$(grouped "$(field "$f" deliveredPerSecond)")" \
    "$(field "$f" p50)" "$(field "$f" p99)" "$(field "$f" p999)" "$(grouped "$lost")" "$extra" "$(cat "$work/$3.cpu")" \
    "$(cat "$work/$3.wait")"
}

{
  echo "# obrol beside InspIRCd, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "\`bench/versus.sh\` at commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$root" diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)'):"
  echo "$pairs pairs of clients, 100-byte direct messages, $warmup warm-up and $duration measured per run,"
  echo "one load generator (\`obrol bench messages\`) for both servers; latency from each message's intended send time."
  if [ -n "$server_cpus$load_cpus" ]; then
    echo "Pinned: both servers to CPU ${server_cpus:-(any)}, the load generator to CPU ${load_cpus:-(any)} (taskset -c)."
  fi
  if [ -n "$note" ]; then echo; echo "**$note**"; fi
  echo
  echo "| load | server | delivered msgs/s | p50 ms | p99 ms | p99.9 ms | lost | server CPU s | server waited for a CPU s |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for load in closed 20000 100000; do
    if [ "$load" = closed ]; then label="closed loop, 64 in flight per pair"; else label="open loop, $(grouped "$load") msgs/s offered"; fi
    row "$label" obrol "$load-obrol"
    row "$label" InspIRCd "$load-inspircd"
  done
  echo
  echo "Latency in ms from the intended send time (HdrHistogram of the measured window); lost = sent − delivered"
  echo "after the drain; server CPU s = user + system seconds of the server process during the whole run (logins,"
  echo "warm-up and measured window); server waited for a CPU s = the time its threads were ready to run and found"
  echo "no free core in that run, summed over its threads (/proc/PID/task/*/schedstat): it grows when anything else"
  echo "loads the machine, and the more threads a server runs, the more of them wait."
  echo
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')),"
  echo "$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) memory, Linux $(uname -r), open-file limit $(ulimit -n);"
  echo "$(java -version 2>&1 | head -2 | tr '\n' ' ' | sed 's/ *$//');"
  echo "$("$inspircd" --version 2>&1 | head -1). Load average before/after: $load_before / $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "Servers (ports chosen at run time):"
  echo
  echo '```'
  echo "IRCD_PORT=$ircd_port IRCD_DIR=<scratch> ${server_cpus:+taskset -c $server_cpus }inspircd --runasroot --nofork --config bench/inspircd.conf"
  echo "OBROL_LOG_DIR=<scratch> ${server_cpus:+taskset -c $server_cpus }java ${obrol_java_options:+$obrol_java_options }-jar app/target/obrol.jar server 127.0.0.1 0 --max-connections 0 --max-connections-per-address 0 --connection-rate 0 --message-rate 0${obrol_server_options:+ $obrol_server_options}"
  echo '```'
  echo
  echo "Runs, in this order (each run's result: \`$(realpath --relative-to="$root" "$results")/<name>.json\`):"
  echo
  echo '```'
  cat "$commands"
  echo '```'
} > "$out"
cat "$out"
