#!/usr/bin/env bash
# Several transfers at once while people chat (issue 13; not a test): one `obrol server` started
# by bin/obrol with -Xmx64m, `obrol bench files` streaming N files at once through it (each between
# two clients of its own, binary chunks), and, while they run, `obrol bench messages` with 100
# pairs chatting at 2,000 msgs/s offered. Prints each transfer's MB/s, how evenly they shared the
# link (Jain's index: 1.0 is perfectly even, 1/N is one transfer taking everything), chat's latency
# during the transfers and the server's peak resident memory.
#
#   bench/sharing.sh [TRANSFERS] [SIZE]      (defaults: 4 transfers of 2GiB; the transfers must outlast
#                                            the 15 s of chat, the script says when they did not)
#
# SERVER_OPTS sets the server's JVM options (default -Xmx64m). Builds the jar through bin/obrol
# when stale.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
transfers="${1:-4}"
size="${2:-2GiB}"
server_opts="${SERVER_OPTS:--Xmx64m}"
jar="$root/app/target/obrol.jar"
work="$(mktemp -d "${TMPDIR:-/tmp}/obrol-sharing.XXXXXX")"
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

"$root/bin/obrol" --version >/dev/null # build once, outside the measurement
OBROL_LOG_DIR="$work" JAVA_OPTS="$server_opts" "$root/bin/obrol" server 127.0.0.1 0 --max-connections 0 \
    --max-connections-per-address 0 --connection-rate 0 --message-rate 0 </dev/null >/dev/null 2>"$work/server.err" &
server=$!
until port=$(grep -o 'START: listening on 127.0.0.1:[0-9]*' "$work/obrol-traffic.log" 2>/dev/null | grep -o '[0-9]*$'); do
  kill -0 "$server" || { cat "$work/server.err" >&2; exit 1; }
  sleep 0.1
done
pid=$(pgrep -f "obrol.jar server 127.0.0.1 0" | head -1) # the JVM (bin/obrol execs it)

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1); server $server_opts; load average $(cut -d' ' -f1-3 /proc/loadavg)"
java -jar "$jar" bench files 127.0.0.1 "$port" --transfers "$transfers" --size "$size" --json >"$work/files.json" 2>"$work/files.err" &
files=$!
sleep 3 # the transfers are under way
java -jar "$jar" bench messages 127.0.0.1 "$port" --pairs 100 --rate 2000 --obrol-login --warmup 2s --duration 10s \
    --json >"$work/chat.json" 2>"$work/chat.err" || true
chat_end=$(date +%s.%N)
files_running_after_chat=$(kill -0 "$files" 2>/dev/null && echo yes || echo no)
wait "$files" || true
peak=$(awk '/VmHWM/ {printf "%.1f", $2/1024}' "/proc/$pid/status")

python3 - "$work/files.json" "$work/chat.json" "$peak" "$files_running_after_chat" <<'PY'
import json, sys
files, chat = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
rates = [t["mbPerSecond"] for t in files["perTransfer"]] or [0]
jain = sum(rates) ** 2 / (len(rates) * sum(r * r for r in rates)) if any(rates) else 0
print(f'{files["transfers"]} transfers of {files["sizeBytes"] / 2**20:,.0f} MiB: {files["aggregateMBps"]:.1f} MB/s in all, '
      f'{files["completed"]} completed, {files["badChunks"]} bad chunks, {files["errors"]} errors')
for sample in files.get("errorSamples", []):
    print(f"  error: {sample}")
print("  each: " + ", ".join(f"{r:.1f}" for r in rates) + f" MB/s; slowest/fastest {min(rates) / max(rates or [1]) if max(rates) else 0:.2f}; Jain's index {jain:.3f}")
lat = chat["latencyMs"]
print(f'chat during the transfers (100 pairs, 2,000 msgs/s offered): p50 {lat["p50"]:.2f}  p99 {lat["p99"]:.2f}  '
      f'p999 {lat["p999"]:.2f} ms, lost {chat["lost"]}, errors {chat["errors"]}'
      + ("" if sys.argv[4] == "yes" else "  (the transfers ended before the chat did: use a larger SIZE)"))
print(f"server peak RSS: {sys.argv[3]} MiB")
PY
