# Sourced by bench scripts: start and stop `obrol server` from a jar as bench/series.sh runs it
# (traffic log on, written to a file; per-client limits off; standard output to /dev/null).
# Needs $work (a scratch folder); sets $server (the pid) and $port. $SERVER_ARGS, when set, adds
# options of `obrol server` (e.g. SERVER_ARGS="--accept-pacing 0").

# start_server JAR NAME: a fresh server on a free loopback port, its log in $work/NAME.
start_server() {
  mkdir -p "$work/$2"
  OBROL_LOG_DIR="$work/$2" java -jar "$1" server 127.0.0.1 0 --max-connections 0 --max-connections-per-address 0 \
      --connection-rate 0 --message-rate 0 ${SERVER_ARGS:-} </dev/null >/dev/null 2>"$work/$2.err" &
  server=$!
  until port=$(grep -o 'START: listening on 127.0.0.1:[0-9]*' "$work/$2/obrol-traffic.log" 2>/dev/null | grep -o '[0-9]*$'); do
    kill -0 "$server" || { cat "$work/$2.err" >&2; exit 1; }
    sleep 0.1
  done
}

stop_server() { kill "$server"; wait "$server" 2>/dev/null || true; server=""; }
