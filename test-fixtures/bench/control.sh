#!/bin/bash
# control.sh -- the control server under client load. Run by hand, never in CI.
#
# usage: test-fixtures/bench/control.sh [--no-build] [--jfr FILE] [ControlBenchmark options]
#   options: --services 1000 --clients 50 --rate 10 (requests a second per client) --warmup 5
#            --measure 30 (seconds) --request "list opstatus"
#   --no-build   use the classes already in target/ (else: mvn -q -DskipTests package)
#   --jfr FILE   also record a Java Flight Recording of the whole run into FILE
#
# What it measures: org.lvsmon.control.ControlBenchmark starts a ControlServer on the loopback
# interface over a ProtocolHandler with a generated config of SERVICES services (20 to a watch, all
# in their initial state), its requests run on one executor thread as the daemon's engine thread
# runs them. CLIENTS connections each send REQUEST RATE times a second on a fixed schedule (their
# phases spread over one interval) and read each reply to its status line. Over the measured
# window it reports:
#   - requests answered per second, against the rate scheduled;
#   - request latency p50/p99/max, from when the schedule said to send to the reply's last byte
#     (so a slow server is charged for the requests it delayed, too);
#   - reply bytes per second and the JVM's CPU time as % of one core. Clients and server share
#     the JVM, so the CPU figure is an upper bound for the server.
# Latency suffers when other processes load the cores: compare runs only on a quiet machine.
# The JVM runs with bin/lvsmon's options (LVSMON_JAVA_OPTS overrides them, as there).
set -euo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=1; JFR=""; ARGS=()
while [ $# -gt 0 ]; do
  case $1 in
    --no-build) BUILD=0; shift;;
    --jfr) JFR=$2; shift 2;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1' "$0"; exit 0;;
    *) ARGS+=("$1"); shift;;
  esac
done
cd "$TOP"
[ $BUILD -eq 0 ] || mvn -q -DskipTests package
JAR=$(ls target/lvsmon-*-all.jar | head -n 1)
[ -d target/test-classes/org/lvsmon/control/bench ] || { echo "control.sh: no target/test-classes; build first" >&2; exit 3; }
OPTS=${LVSMON_JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k}
[ -z "$JFR" ] || OPTS="$OPTS -XX:StartFlightRecording=filename=$JFR,settings=profile"
echo "# machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086
exec java $OPTS -cp "target/test-classes:$JAR" org.lvsmon.control.ControlBenchmark "${ARGS[@]+"${ARGS[@]}"}"
