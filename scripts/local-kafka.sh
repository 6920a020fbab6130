#!/usr/bin/env bash
# A single-node Apache Kafka 4.0 (KRaft, broker+controller in one process) on loopback, from
# Maven Central's official artifacts and Debian's JDK; no Docker. Groundwork for the `local`
# cluster kind and the integration tests (issue 4): today it is started by hand and used with
#   ktw-cli run SPEC (a spec with "cluster": {"kind": "external", "bootstrap_servers": "127.0.0.1:19092"})
#
#   scripts/local-kafka.sh start   # resolve jars (first time), format storage, start, wait
#   scripts/local-kafka.sh stop    # stop it (SIGTERM, then SIGKILL after 20 s)
#   scripts/local-kafka.sh status
#
# State lives in .cache/local-kafka/ (jars, data, broker.log, pid) inside the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD/.cache/local-kafka"
port="${KTW_KAFKA_PORT:-19092}"
controller_port=$((port + 1))
pidfile="$root/broker.pid"

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

resolve_jars() {
  [ -d "$root/lib" ] && [ -n "$(ls "$root/lib" 2>/dev/null)" ] && return
  command -v java >/dev/null || { echo "local-kafka: needs a JDK: apt-get install openjdk-17-jre-headless" >&2; exit 1; }
  command -v mvn >/dev/null || { echo "local-kafka: needs Maven: apt-get install maven" >&2; exit 1; }
  echo "local-kafka: resolving Apache Kafka from Maven Central into $root/lib"
  mvn -q -B -f packaging/local-kafka/pom.xml dependency:copy-dependencies -DoutputDirectory="$root/lib"
}

start() {
  if running; then echo "local-kafka: already running (pid $(cat "$pidfile"), port $port)"; return; fi
  resolve_jars
  rm -rf "$root/data" && mkdir -p "$root/data"
  cat > "$root/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$root/data
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
  local id
  id=$(java -cp "$root/lib/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)
  java -cp "$root/lib/*" kafka.tools.StorageTool format -t "$id" -c "$root/server.properties" >/dev/null 2>&1
  nohup java -Xmx1g -cp "$root/lib/*" kafka.Kafka "$root/server.properties" > "$root/broker.log" 2>&1 &
  echo $! > "$pidfile"
  for _ in $(seq 1 60); do   # wait up to 30 s for the listener
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "local-kafka: running on 127.0.0.1:$port (pid $(cat "$pidfile"), log $root/broker.log)"; return
    fi
    running || { echo "local-kafka: the broker exited; see $root/broker.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "local-kafka: no listener on port $port after 30 s; see $root/broker.log" >&2
  exit 1
}

stop() {
  running || { echo "local-kafka: not running"; rm -f "$pidfile"; return; }
  local pid; pid=$(cat "$pidfile")
  kill "$pid"
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  rm -f "$pidfile"
  echo "local-kafka: stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if running; then echo "running (pid $(cat "$pidfile"), port $port)"; else echo "not running"; exit 1; fi ;;
  *) echo "usage: scripts/local-kafka.sh start|stop|status" >&2; exit 2 ;;
esac
