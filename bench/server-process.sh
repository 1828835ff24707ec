# Sourced by bench scripts: start and stop `obrol server` from a jar for a benchmark (traffic log
# on, written to a file; per-client limits off). Its standard output (the traffic log's console
# copy) goes to /dev/null, as to a terminal nobody reads: to a file it would write every line to
# disk twice. Needs $work (a scratch folder); sets $server (the pid) and $port. $SERVER_ARGS, when
# set, adds options of `obrol server` to every start (e.g. SERVER_ARGS="--accept-pacing 0");
# $SERVER_JAVA_OPTS adds options of the server's JVM (e.g. "-Xlog:gc:file=/tmp/gc-%p.log":
# one file per server, as some scripts start two). $SERVER_CPUS, when set, pins the server to those
# CPUs (taskset -c, e.g. SERVER_CPUS=0): with the load generators pinned to the others, the server
# has cores of its own, as when its clients are on other machines.

# start_server JAR NAME [obrol server options]: a fresh server on a free loopback port, its log
# in $work/NAME; the port is read from the log file.
start_server() {
  local jar=$1 name=$2; shift 2
  mkdir -p "$work/$name"
  # shellcheck disable=SC2086  # SERVER_JAVA_OPTS and SERVER_ARGS are lists of options by design
  OBROL_LOG_DIR="$work/$name" ${SERVER_CPUS:+taskset -c "$SERVER_CPUS"} java ${SERVER_JAVA_OPTS:-} -jar "$jar" server 127.0.0.1 0 --max-connections 0 --max-connections-per-address 0 \
      --connection-rate 0 --message-rate 0 ${SERVER_ARGS:-} "$@" </dev/null >/dev/null 2>"$work/$name.err" &
  server=$!
  until port=$(grep -o 'START: listening on 127.0.0.1:[0-9]*' "$work/$name/obrol-traffic.log" 2>/dev/null | grep -o '[0-9]*$'); do
    kill -0 "$server" || { cat "$work/$name.err" >&2; exit 1; }
    sleep 0.1
  done
}

stop_server() { kill "$server"; wait "$server" 2>/dev/null || true; server=""; }
