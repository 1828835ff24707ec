#!/usr/bin/env bash
# Issue 14's figures (not a test), for one or two builds: chat at 20,000 msgs/s offered among
# 1000 pairs of protocol-2 clients, without and then with 2000 more clients logging in and out in
# a loop; then 10,000 idle protocol-2 clients logged in (logins/s, memory per connection). Each
# JAR's server runs as bench/series.sh starts it (SERVER_ARGS adds options, e.g. "--accept-pacing
# 0"); the load generator is always the first JAR's.
#
# The churning clients run in a second bench process (`--churn 2000` beside one quiet pair) at the
# lowest CPU priority (nice 19). In a real storm they are other people's machines; here they share
# the two cores, and at normal priority their own connect-login-close loop takes the CPU the
# measured generator and the server need, which measures this machine rather than the server.
# The server still does all the work of every login and logout.
#
# A control row runs the same churn against a second server on the same machine while the chat
# runs on the first: the chat then pays for the storm's CPU on the shared cores but not for any
# work the storm causes inside its own server. The server's own share of the storm's cost is the
# difference between the two rows. STORM_ROUNDS (default 1) repeats the quiet, control and storm
# runs, alternating, since one round on a shared machine is noisy.
#
# SERVER_CPUS and LOAD_CPUS (taskset -c lists, e.g. 0 and 1) pin the measured server to cores of
# its own and the load generators, the churn and the control's other server to the rest: the
# nearest this one machine comes to clients on other machines. Unpinned, the storm's CPU on the
# shared cores delays the chat as much when it hits another server (the control row).
#
# The churn's clients leave all at once at the end of each round, a burst of 2000 resets; CHURN_ARGS
# adds options of the churn (e.g. CHURN_ARGS="--churn-close-rate 10000": 20 closes every 2 ms, as a
# crowd leaves).
#
#   bench/presence-storm.sh NEW.jar [OLD.jar]
set -euo pipefail

jars=("$@"); bench=$(realpath "${jars[0]}")
work="$(mktemp -d "${TMPDIR:-/tmp}/obrol-storm.XXXXXX")"
server=""; other=""; churner=""
cleanup() { kill $server $other $churner 2>/dev/null || true; }
trap cleanup EXIT

# shellcheck source=bench/server-process.sh
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/server-process.sh"

line() { # NAME JSON
  python3 - "$@" <<'PY'
import json, sys
name, path = sys.argv[1], sys.argv[2]
r = json.load(open(path))
if len(sys.argv) > 3:  # the churn ran in a process of its own: take its figures from there
    c = json.load(open(sys.argv[3]))
    r.update({k: c.get(k, 0) for k in ("churnClients", "churnLoginsPerSecond")})
if r.get("scenario") == "connections":
    print(f'{name:<34} {r["loginsPerSecond"]:>8,.0f} logins/s  {r["rssPerConnectionBytes"] / 1024:.1f} KiB RSS and '
          f'{r["heapPerConnectionBytes"] / 1024:.1f} KiB heap per connection  errors {r["errors"]}')
else:
    lat = r.get("latencyMs") or {}
    churn = f'  churn {r.get("churnClients", 0)} clients at {r.get("churnLoginsPerSecond", 0):,.0f} logins/s' if r.get("churnClients") else ""
    print(f'{name:<34} {r["deliveredPerSecond"]:>8,.0f} msg/s  p50 {lat.get("p50", 0):8.2f}  p99 {lat.get("p99", 0):8.2f}  p999 {lat.get("p999", 0):8.2f} ms  lost {r["lost"]}  errors {r["errors"]}{churn}')
PY
}

load="${LOAD_CPUS:+taskset -c $LOAD_CPUS}"
echo "presence storm: ${jars[*]}; results in $work; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)${SERVER_CPUS:+; server on CPUs $SERVER_CPUS}${LOAD_CPUS:+, load on CPUs $LOAD_CPUS}${CHURN_ARGS:+; churn $CHURN_ARGS}"
churn() { # PORT OUT: the churning clients, from 5 s before a measured run to after its end (a run takes about 20 s)
  nice -n 19 $load java -jar "$bench" bench messages 127.0.0.1 "$1" --pairs 1 --rate 10 --obrol-login --warmup 1s \
      --duration 35s --churn 2000 ${CHURN_ARGS:-} --json > "$2" 2>/dev/null &
  churner=$!
  sleep 5
}

for jar in "${jars[@]}"; do
  tag=$(basename "$jar" .jar)
  SERVER_CPUS="${LOAD_CPUS:-}" start_server "$jar" "$tag-other"
  other=$server; other_port=$port
  start_server "$jar" "$tag"
  B="$load java -jar $bench bench messages 127.0.0.1 $port --size 100 --pairs 1000 --rate 20000 --obrol-login --warmup 5s --duration 10s --json"
  $B > "$work/$tag-warmup.json" 2>/dev/null || true
  for round in $(seq "${STORM_ROUNDS:-1}"); do
    $B > "$work/$tag-quiet-$round.json" 2>/dev/null || true
    line "$tag 20000/s, no logins" "$work/$tag-quiet-$round.json"
    churn "$other_port" "$work/$tag-elsewhere-churn-$round.json"
    $B > "$work/$tag-elsewhere-$round.json" 2>/dev/null || true
    wait "$churner" || true
    line "$tag 20000/s, 2000 churning elsewhere" "$work/$tag-elsewhere-$round.json" "$work/$tag-elsewhere-churn-$round.json"
    churn "$port" "$work/$tag-churn-$round.json"
    $B > "$work/$tag-storm-$round.json" 2>/dev/null || true
    wait "$churner" || true
    line "$tag 20000/s, 2000 churning" "$work/$tag-storm-$round.json" "$work/$tag-churn-$round.json"
  done
  kill "$other" 2>/dev/null || true; wait "$other" 2>/dev/null || true; other=""
  $load java -jar "$bench" bench connections 127.0.0.1 "$port" --clients 10000 --obrol-login --server-pid "$server" --json \
      > "$work/$tag-connections.json" 2>/dev/null || true
  line "$tag 10,000 idle obrol clients" "$work/$tag-connections.json"
  stop_server
done
