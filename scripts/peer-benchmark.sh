#!/usr/bin/env bash
# Peer benchmark (issue 4): Kafka's own perf tools and ktw-cli on the same local broker with
# the same settings, in alternation, over several rounds; prints each figure's median and the
# ratio workbench / Java tool. Not a test: run by hand, results go into docs/benchmarks.md.
#
#   scripts/peer-benchmark.sh [ROUNDS=3] [MESSAGES=2000000]
#
# Settings: 100-byte and 1 KiB messages; acks=1 and all; default and tuned batching
# (linger.ms=20, batch.size=262144); the producers' buffer bounded alike (32 MiB: Java's
# buffer.memory default = librdkafka's queue.buffering.max.kbytes=32768). One producer and one consumer on each side, a fresh
# 3-partition topic for every measurement, no compression.
#   producer: kafka-producer-perf-test (ProducerPerformance, --throughput -1) against
#             ktw-cli (1 producer thread, unlimited rate): msgs/s and p99 ack latency (ms)
#   consumer: ktw-cli's consume phase (produce_then_consume: it reads what it just produced;
#             its window runs from the first message to the last) against
#             kafka-consumer-perf-test (ConsumerPerformance; fetch.nMsg.sec, which leaves out
#             the group join) reading that same topic afterwards: identical batches on disk.
# Runs must be long enough that the JVM's warm-up (class loading, JIT) does not dominate the
# Java figures: millions of messages, not hundreds of thousands.
# It uses a running scripts/local-kafka.sh broker on 127.0.0.1:19092, or starts one (1
# broker) and stops it at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
messages="${2:-2000000}"
# PEER_RATE=N paces both producers at N msgs/s (Java: --throughput N; workbench:
# producer.target_rate), for comparing latency below saturation: at an unlimited rate the
# ack p99 is mostly time queued in each client's buffer. The workbench then times latency
# from each message's intended send time, the Java tool from its send() call.
rate="${PEER_RATE:-0}"
java_rate=$([ "$rate" -gt 0 ] && echo "$rate" || echo -1)
lib="$PWD/.cache/local-kafka/lib"
cli=build/src/cli/ktw-cli
bootstrap=127.0.0.1:19092

scripts/local-kafka.sh fetch
[ -x "$cli" ] || scripts/build.sh build
started=0
if ! scripts/local-kafka.sh status >/dev/null 2>&1; then
  scripts/local-kafka.sh start 1
  started=1
fi
work=$(mktemp -d)
cleanup() { [ "$started" = 1 ] && scripts/local-kafka.sh stop; rm -rf "$work"; }
trap cleanup EXIT

printf 'log4j.rootLogger=WARN, stderr\nlog4j.appender.stderr=org.apache.log4j.ConsoleAppender\nlog4j.appender.stderr.Target=System.err\nlog4j.appender.stderr.layout=org.apache.log4j.PatternLayout\nlog4j.appender.stderr.layout.ConversionPattern=%%p %%m%%n\n' > "$work/log4j.properties"
java_tool() { java -Dlog4j.configuration="file:$work/log4j.properties" -cp "$lib/*" "$@"; }

results="$work/results.tsv"
: > "$results"
n=0
for round in $(seq 1 "$rounds"); do
  for size in 100 1024; do
    for acks in 1 all; do
      for tuning in default tuned; do
        config="${size}B acks=$acks $tuning"
        java_props=(acks=$acks)
        # Java's producer buffers at most buffer.memory = 32 MiB; librdkafka's queue may hold
        # 1 GiB (capped by 100,000 messages). Under an unlimited rate the queue fills up and
        # the ack latency is mostly time spent queued, so both get the same 32 MiB bound.
        ktw_props="\"acks\": \"$acks\", \"queue.buffering.max.kbytes\": 32768"
        if [ "$tuning" = tuned ]; then
          java_props+=(linger.ms=20 batch.size=262144)
          ktw_props+=", \"linger.ms\": 20, \"batch.size\": 262144"
        fi
        n=$((n + 1))
        topic="peer-$n-java"
        ktw_topic="peer-$n-ktw"
        # --- the workbench: produce, then consume what it produced
        cat > "$work/spec.json" <<SPEC
{ "name": "peer-$n",
  "cluster": { "kind": "external", "bootstrap_servers": "$bootstrap" },
  "topic": { "name": "$ktw_topic", "partitions": 3 },
  "producer": { "threads": 1, "messages": $messages, "message_bytes": $size, "target_rate": $rate,
                "properties": { $ktw_props } },
  "consumer": { "threads": 1 },
  "phases": { "mode": "produce_then_consume", "warmup_s": 0, "timeout_s": 900 } }
SPEC
        "$cli" run "$work/spec.json" --out "$work/ws" >/dev/null 2>&1 || true
        run=$(ls -t "$work/ws/runs/"*.json | head -1)
        read -r kp kl kc valid < <(python3 -c '
import json, sys
r = json.load(open(sys.argv[1])); s = r["summary"]
print(s["producer"]["msgs_per_s"], s["latency"]["ack_us"]["p99"] / 1000.0,
      s["consumer"]["msgs_per_s"], r["verdict"]["valid"])' "$run")
        # --- the Java consumer reads the very topic the workbench's consumer read (same
        # batches on disk, so the consumers compare on identical data), then the Java producer
        csv=$(java_tool org.apache.kafka.tools.ConsumerPerformance --bootstrap-server "$bootstrap" \
          --topic "$ktw_topic" --messages "$messages" --timeout 60000 2>/dev/null | tail -1)
        jc=$(awk -F', *' '{print $10}' <<<"$csv")
        java_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$bootstrap" --create \
          --topic "$topic" --partitions 3 --replication-factor 1 >/dev/null
        line=$(java_tool org.apache.kafka.tools.ProducerPerformance --topic "$topic" \
          --num-records "$messages" --record-size "$size" --throughput "$java_rate" \
          --producer-props bootstrap.servers="$bootstrap" "${java_props[@]}" 2>/dev/null | tail -1)
        jp=$(sed -E 's/.* records sent, ([0-9.]+) records\/sec.*/\1/' <<<"$line")
        jl=$(sed -E 's/.* ([0-9.]+) ms 99th,.*/\1/' <<<"$line")
        # free the disk: a round at 2 M messages of 1 KiB writes 4 GB per setting
        for t in "$topic" "$ktw_topic"; do
          java_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$bootstrap" --delete \
            --topic "$t" >/dev/null 2>&1 || true
        done
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$config" "$jp" "$kp" "$jl" "$kl" "$jc" "$kc" "$valid" >> "$results"
        printf '[round %s] %-22s java %10.0f msg/s p99 %6.1f ms cons %10.0f | ktw %10.0f msg/s p99 %6.1f ms cons %10.0f (valid %s)\n' \
          "$round" "$config" "$jp" "$jl" "$jc" "$kp" "$kl" "$kc" "$valid" >&2
      done
    done
  done
done

python3 - "$results" "$rounds" "$messages" "$rate" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    c, *v = line.rstrip("\n").split("\t")
    rows.setdefault(c, []).append(v)
print(f"medians of {sys.argv[2]} round(s), {sys.argv[3]} messages each" + (f", both producers paced at {sys.argv[4]} msgs/s" if sys.argv[4] != "0" else ", unlimited rate"))
print(f"| settings | producer msgs/s java | ktw | ktw/java | p99 ack ms java | ktw | consumer msgs/s java | ktw | ktw/java | ktw runs valid |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
for c, vs in rows.items():
    med = lambda i: statistics.median(float(v[i]) for v in vs)
    jp, kp, jl, kl, jc, kc = (med(i) for i in range(6))
    valid = sum(v[6] == "True" for v in vs)
    print(f"| {c} | {jp:,.0f} | {kp:,.0f} | {kp / jp:.2f} | {jl:.0f} | {kl:.1f} | {jc:,.0f} | {kc:,.0f} | {kc / jc:.2f} | {valid}/{len(vs)} |")
PY
