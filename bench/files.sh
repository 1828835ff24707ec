#!/usr/bin/env bash
# Files benchmark (not a test): one file from one obrol client process to another through an
# obrol server process on loopback, beside the same bytes through a plain TCP relay (socat), in
# the same run. Prints throughput, the peak memory (VmHWM) of every process and the CPU seconds each
# used in each transfer (with what the machine left idle). Each round sends
# the file twice between the same client processes: "obrol" is the first transfer of freshly
# started JVMs, "obrol-2" the second, with the transfer path already compiled; then "obrol-3" is
# the first transfer of two more freshly started clients through the same server (warm).
#
#   bench/files.sh [SIZE_MIB] [ROUNDS]      (defaults: 1024 MiB, 1 round)
#
# Needs: java, socat (apt-get install -y socat). Builds the jar through bin/obrol when stale.
# Server heap: -Xmx64m; client heaps: -Xmx128m (override with SERVER_OPTS / CLIENT_OPTS).
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
size_mib="${1:-1024}"
rounds="${2:-1}"
server_opts="${SERVER_OPTS:--Xmx64m}"
client_opts="${CLIENT_OPTS:--Xmx128m}"
sender_opts="${SENDER_OPTS:-$client_opts}"   # e.g. to add -XX:StartFlightRecording to one side
receiver_opts="${RECEIVER_OPTS:-$client_opts}"
command -v socat >/dev/null || { echo "files.sh: socat is needed (apt-get install -y socat)" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/obrol-files-bench.XXXXXX")"
pids=()
cleanup() {
  for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  exec 7>&- 8>&- 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; } # user + system CPU, in clock ticks
idle_ticks() { awk '/^cpu / {print $5 + $6}' /proc/stat; } # the whole machine's idle and I/O-wait ticks
cpu() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f (user %.1f, kernel %.1f)", ($14+$15)/hz, $14/hz, $15/hz}' "/proc/$1/stat" 2>/dev/null || echo "?"; }
hwm() { awk '/VmHWM/ {printf "%.1f", $2/1024}' "/proc/$1/status" 2>/dev/null || echo "?"; }
latest_hwm() { # PID LAST: the peak now, or LAST once the process is gone (a zombie has no VmHWM)
  local now; now=$(hwm "$1")
  if [ -z "$now" ] || [ "$now" = "?" ]; then echo "$2"; else echo "$now"; fi
}
now() { date +%s.%N; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { # file text [timeout s]
  local deadline=$(( $(date +%s) + ${3:-600} ))
  until grep -qF -- "$2" "$1" 2>/dev/null; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "files.sh: timed out waiting for '$2' in $1" >&2; tail -5 "$1" >&2; exit 1; }
    sleep 0.05
  done
}
wait_count() { # file text count [timeout s]: until text is on count lines
  local deadline=$(( $(date +%s) + ${4:-600} ))
  until [ "$(grep -cF -- "$2" "$1" 2>/dev/null)" -ge "$3" ]; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "files.sh: timed out waiting for '$2' x$3 in $1" >&2; tail -5 "$1" >&2; exit 1; }
    sleep 0.05
  done
}

"$root/bin/obrol" --version >/dev/null # build once, outside the measurement
file="$work/payload.bin"
echo "Creating a ${size_mib} MiB file of random bytes..." >&2
head -c "$((size_mib * 1024 * 1024))" /dev/urandom > "$file"
bytes=$(stat -c %s "$file")
mb=$(python3 -c "print($bytes/1e6)")

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
echo "file: $bytes bytes; server $server_opts; clients $client_opts"
printf '%-6s %-8s %10s %10s %14s %14s %14s\n' round path seconds MB/s "peak MiB snd" "peak MiB srv" "peak MiB rcv"

# start_clients SENDER RECEIVER: two fresh `obrol client` processes logged in to the server, the
# sender's commands on fd 7, the receiver's on fd 8; their logs are $work/NAME.log.
start_clients() {
  sender=$1 receiver=$2
  rm -f "$work/a.in" "$work/b.in"; mkfifo "$work/a.in" "$work/b.in"
  JAVA_OPTS="$receiver_opts" "$root/bin/obrol" client 127.0.0.1 "$port" --username "$receiver" --lang en \
      --download-dir "$work/down" <"$work/b.in" >"$work/$receiver.log" 2>&1 &
  receiver_pid=$!; pids+=("$receiver_pid")
  exec 8>"$work/b.in"
  JAVA_OPTS="$sender_opts" "$root/bin/obrol" client 127.0.0.1 "$port" --username "$sender" --lang en \
      <"$work/a.in" >"$work/$sender.log" 2>&1 &
  sender_pid=$!; pids+=("$sender_pid")
  exec 7>"$work/a.in"
  wait_for "$work/$receiver.log" "Connected to"
  wait_for "$work/$sender.log" "Connected to"
}

stop_clients() {
  echo "/quit" >&7; echo "/quit" >&8; exec 7>&- 8>&-
  wait "$sender_pid" "$receiver_pid" 2>/dev/null || true
}

# transfer LABEL N: the sender sends the file, the receiver accepts it; timed from the accept to
# the receiver's verified file. N: this is the Nth transfer between these two processes.
transfer() {
  local label=$1 n=$2 start end t_snd t_srv t_rcv t_idle
  rm -f "$work/down/received_payload.bin"
  echo "/sendfile $receiver $file" >&7
  wait_count "$work/$receiver.log" "/acceptfile $sender" "$n"
  t_snd=$(ticks "$sender_pid"); t_srv=$(ticks "$server"); t_rcv=$(ticks "$receiver_pid"); t_idle=$(idle_ticks)
  start=$(now)
  echo "/acceptfile $sender" >&8
  wait_count "$work/$receiver.log" "SHA-256" "$n" 3600
  end=$(now)
  wait_count "$work/$sender.log" "verified by $receiver" "$n"
  printf '%-6s %-8s %10s %10s %14s %14s %14s\n' "$round" "$label" "$(python3 -c "print(f'{$end-$start:.2f}')")" \
      "$(python3 -c "print(f'{$mb/($end-$start):.1f}')")" "$(hwm "$sender_pid")" "$(hwm "$server")" "$(hwm "$receiver_pid")"
  # CPU used from the accept to the sender's last line; "idle" is what the whole machine left unused.
  awk -v s="$(( $(ticks "$sender_pid") - t_snd ))" -v v="$(( $(ticks "$server") - t_srv ))" -v r="$(( $(ticks "$receiver_pid") - t_rcv ))" \
      -v i="$(( $(idle_ticks) - t_idle ))" -v hz="$(getconf CLK_TCK)" \
      'BEGIN {printf "    CPU seconds in this transfer: sender %.2f, server %.2f, receiver %.2f; machine idle %.2f\n", s/hz, v/hz, r/hz, i/hz}'
  cmp -s "$file" "$work/down/received_payload.bin" || { echo "files.sh: received file differs ($label)!" >&2; exit 1; }
}

for round in $(seq 1 "$rounds"); do
  # ---- obrol: client -> server -> client ----
  port=$(free_port)
  JAVA_OPTS="$server_opts" "$root/bin/obrol" server 127.0.0.1 "$port" </dev/null >"$work/server.log" 2>&1 &
  server=$!; pids+=("$server")
  wait_for "$work/server.log" "listening"
  rm -rf "$work/down"; mkdir -p "$work/down"
  start_clients alice bob
  transfer obrol 1
  echo "    CPU seconds used (whole process life, incl. JVM start): sender $(cpu "$sender_pid"), server $(cpu "$server"), receiver $(cpu "$receiver_pid")"
  grep -h "in .* MB/s average" "$work/alice.log" "$work/bob.log" | sed 's/^/    client says: /'
  grep -h "FILE_DONE" "$work/server.log" | sed 's/^.*TRAFFIC\] /    server says: /' | cut -c1-160
  # The same file again between the same processes: the JIT has compiled the transfer path by now.
  # The first row includes that warm-up on the same two cores (2-3 s here); this one does not.
  transfer obrol-2 2
  stop_clients
  # Two freshly started clients through the same server, which has relayed before: a user's first
  # transfer on a server that has been running, the usual case; the clients' JIT warm-up is in it.
  start_clients carol dave
  transfer obrol-3 1
  stop_clients
  kill "$server"; wait "$server" 2>/dev/null || true
  pids=()
  rm -f "$work/down/received_payload.bin"

  # ---- plain TCP relay: socat -> socat -> socat, same bytes, written to disk and synced ----
  sink_port=$(free_port); relay_port=$(free_port)
  socat -u "TCP-LISTEN:$sink_port,reuseaddr" "CREATE:$work/down/plain.bin" & sink=$!; pids+=("$sink")
  socat "TCP-LISTEN:$relay_port,reuseaddr" "TCP:127.0.0.1:$sink_port" & relay=$!; pids+=("$relay")
  sleep 0.3
  start=$(now)
  socat -u "OPEN:$file" "TCP:127.0.0.1:$relay_port" & socat_sender=$!
  # Peak memory is read while the processes still exist: sample until the sink is done.
  s_hwm=0; r_hwm=0; k_hwm=0
  while kill -0 "$sink" 2>/dev/null; do
    s_hwm=$(latest_hwm "$socat_sender" "$s_hwm"); r_hwm=$(latest_hwm "$relay" "$r_hwm"); k_hwm=$(latest_hwm "$sink" "$k_hwm")
    sleep 0.05
  done
  wait "$sink" 2>/dev/null || true
  sync "$work/down/plain.bin"
  end=$(now)
  secs=$(python3 -c "print(f'{$end-$start:.2f}')")
  rate=$(python3 -c "print(f'{$mb/($end-$start):.1f}')")
  printf '%-6s %-8s %10s %10s %14s %14s %14s\n' "$round" socat "$secs" "$rate" "$s_hwm" "$r_hwm" "$k_hwm"
  cmp -s "$file" "$work/down/plain.bin" || { echo "files.sh: relayed file differs!" >&2; exit 1; }
  rm -f "$work/down/plain.bin"
  wait "$relay" 2>/dev/null || true
  pids=()
done
