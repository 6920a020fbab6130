#!/usr/bin/env bash
# Apache Kafka 4.0 on loopback (KRaft; each node is broker and controller in one process),
# from Maven Central's official artifacts and Debian's JDK; no Docker. For runs by hand with
# "cluster": {"kind": "local", "brokers": N} (the workbench reuses a cluster it finds running
# with N brokers) or {"kind": "external", "bootstrap_servers": "127.0.0.1:19092"}.
#
#   scripts/local-kafka.sh fetch       # resolve the jars into .cache/local-kafka/lib (Maven)
#   scripts/local-kafka.sh start [N]   # N = 1 (default) or 3 brokers: fresh cluster id and data
#   scripts/local-kafka.sh stop        # SIGTERM, then SIGKILL after 20 s
#   scripts/local-kafka.sh status
#
# Broker i (1-based) listens on 127.0.0.1:$((KTW_KAFKA_PORT + 2(i-1))), its controller on the
# next port (KTW_KAFKA_PORT defaults to 19092): the layout the engine's local cluster uses.
# State lives in .cache/local-kafka/ (jars, data-i, server-i.properties, broker-i.log, pids).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD/.cache/local-kafka"
port="${KTW_KAFKA_PORT:-19092}"
pidfile="$root/brokers.pid"

running() { [ -f "$pidfile" ] && while read -r p; do kill -0 "$p" 2>/dev/null && return 0; done < "$pidfile"; return 1; }

fetch() {
  [ -d "$root/lib" ] && ls "$root/lib" 2>/dev/null | grep -q '^kafka_2.13-' &&
    ls "$root/lib" | grep -q '^kafka-tools-[0-9]' && return
  command -v java >/dev/null || { echo "local-kafka: needs a JDK: apt-get install openjdk-17-jre-headless" >&2; exit 1; }
  command -v mvn >/dev/null || { echo "local-kafka: needs Maven: apt-get install maven" >&2; exit 1; }
  echo "local-kafka: resolving Apache Kafka from Maven Central into $root/lib"
  mkdir -p "$root"
  mvn -q -B -f packaging/local-kafka/pom.xml dependency:copy-dependencies -DoutputDirectory="$root/lib"
}

start() {
  local n="${1:-1}"
  [ "$n" = 1 ] || [ "$n" = 3 ] || { echo "local-kafka: 1 or 3 brokers, not $n" >&2; exit 2; }
  if running; then echo "local-kafka: already running (pids $(tr '\n' ' ' < "$pidfile"))"; return; fi
  fetch
  rm -rf "$root"/data-* "$root"/server-*.properties "$root"/broker-*.log "$root"/data "$root"/broker.log
  local voters="" i
  for i in $(seq 1 "$n"); do voters+="${voters:+,}$i@127.0.0.1:$((port + 2 * (i - 1) + 1))"; done
  local replicas=$(( n < 3 ? n : 3 )) min_isr=$(( n < 2 ? n : 2 ))
  cat > "$root/log4j.properties" <<'LOG'
log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
LOG
  local id; id=$(java -cp "$root/lib/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)
  : > "$pidfile"
  for i in $(seq 1 "$n"); do
    local p=$((port + 2 * (i - 1)))
    cat > "$root/server-$i.properties" <<PROPS
process.roles=broker,controller
node.id=$i
controller.quorum.voters=$voters
listeners=PLAINTEXT://127.0.0.1:$p,CONTROLLER://127.0.0.1:$((p + 1))
advertised.listeners=PLAINTEXT://127.0.0.1:$p
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$root/data-$i
offsets.topic.replication.factor=$replicas
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=$replicas
transaction.state.log.min.isr=$min_isr
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
PROPS
    java -cp "$root/lib/*" kafka.tools.StorageTool format -t "$id" -c "$root/server-$i.properties" >/dev/null 2>&1
    local heap=-Xmx1g; [ "$n" = 1 ] || heap=-Xmx512m
    nohup java "$heap" -Dlog4j.configuration="file:$root/log4j.properties" -cp "$root/lib/*" kafka.Kafka "$root/server-$i.properties" > "$root/broker-$i.log" 2>&1 &
    echo $! >> "$pidfile"
  done
  for _ in $(seq 1 240); do   # wait up to 120 s for every listener
    local up=0
    for i in $(seq 1 "$n"); do (exec 3<>"/dev/tcp/127.0.0.1/$((port + 2 * (i - 1)))") 2>/dev/null && up=$((up + 1)); done
    if [ "$up" = "$n" ]; then
      echo "local-kafka: $n broker(s) on 127.0.0.1:$port.. (pids $(tr '\n' ' ' < "$pidfile"), logs $root/broker-*.log)"; return
    fi
    while read -r p; do kill -0 "$p" 2>/dev/null || { echo "local-kafka: a broker exited; see $root/broker-*.log" >&2; stop; exit 1; }; done < "$pidfile"
    sleep 0.5
  done
  echo "local-kafka: not every broker listens after 120 s; see $root/broker-*.log" >&2
  exit 1
}

stop() {
  running || { echo "local-kafka: not running"; rm -f "$pidfile"; return; }
  local p
  while read -r p; do kill "$p" 2>/dev/null || true; done < "$pidfile"
  for _ in $(seq 1 40); do running || break; sleep 0.5; done
  while read -r p; do kill -9 "$p" 2>/dev/null || true; done < "$pidfile"
  rm -f "$pidfile"
  echo "local-kafka: stopped"
}

case "${1:-}" in
  fetch) fetch ;;
  start) start "${2:-1}" ;;
  stop) stop ;;
  status) if running; then echo "running (pids $(tr '\n' ' ' < "$pidfile"), port $port)"; else echo "not running"; exit 1; fi ;;
  *) echo "usage: scripts/local-kafka.sh fetch|start [1|3]|stop|status" >&2; exit 2 ;;
esac
