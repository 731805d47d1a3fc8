#!/bin/bash
# scheduler.sh -- issue 3, benchmark 1: the scheduler's own overhead. Run by hand, never in CI.
#
# usage: test-fixtures/bench/scheduler.sh [--no-build] [--jfr FILE] [SchedulerBenchmark options]
#   options (seconds): --watches 100 --services 20 --interval 10 --warmup 30 --measure 180
#                      --randstart 0 --quartz-threads 2 --dump FILE (every run as CSV)
#                      --timers quartz|jdk (what-if: a JDK ScheduledThreadPoolExecutor instead
#                      of Quartz)
#   issue 6, the control port's load on the scheduler (a second window after the first):
#                      --clients N (0: none) --rate 10 (requests a second per client)
#                      --request "list opstatus" --client-warmup 5; --watches defaults to 50 here
#                      (1,000 services), e.g. --services 20 --clients 50 --warmup 15 --measure 60
#   --no-build   use the classes already in target/ (else: mvn -q -DskipTests package)
#   --jfr FILE   also record a Java Flight Recording of the whole run into FILE
#                (hot methods: jfr print --events jdk.ExecutionSample FILE)
#
# What it measures: org.lvsmon.daemon.SchedulerBenchmark wires the real engine as Daemon does
# (EngineThread, cached monitor pool, QuartzTimers with 2 threads, Engine + ServiceMachine) on a
# generated mon.cf of WATCHES x SERVICES services (default 100 x 20 = 2,000), each with
# "interval 10s", a monitor that runs in-process and does nothing, and one period with one alert.
# After the warm-up it reports, over the measured window:
#   - process CPU time of the JVM (GC and JIT included) as % of one core, and per thread kind;
#   - lateness of every monitor run: when the monitor started on its worker minus when its
#     ServiceTimer said it was due, p50/p99/p99.9/max, split into "engine decided - due" (Quartz
#     fire + engine queue) and "worker start - decided" (monitor pool hand-off); and Quartz's own
#     fire time minus the instant each timer was armed for (negative = fired early).
#   - how busy the whole machine was: lateness suffers when other processes load the cores, so
#     compare lateness only between runs on a quiet machine.
# With --clients N, a second window of the same length follows: the daemon's control port
# (ControlServer over ProtocolHandler and DaemonServer on this engine, the daemon's 2 request
# threads) on 127.0.0.1 serves N clients (control/bench/LoadClient) each sending REQUEST RATE times
# a second; the first window is then the baseline. For the loaded window it adds request latency
# p50/p99/max (from the scheduled send to the reply's last byte), requests answered per second and
# replies not 220. Clients share the JVM: their CPU is shown apart.
# Aims (issue 3): < 2 % of one core, p99 lateness < 20 ms;
#   issue 6: request p99 < 50 ms at 50 clients x 10/s on 1,000 services, lateness still in aim.
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
[ -d target/test-classes/org/lvsmon/daemon ] || { echo "scheduler.sh: no target/test-classes; build first" >&2; exit 3; }
OPTS=${LVSMON_JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k}
[ -z "$JFR" ] || OPTS="$OPTS -XX:StartFlightRecording=filename=$JFR,settings=profile"
echo "# machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086
exec java $OPTS -cp "target/test-classes:$JAR" org.lvsmon.daemon.SchedulerBenchmark "${ARGS[@]+"${ARGS[@]}"}"
