#!/bin/bash
# mail.sh -- issue 7: what the durable mail outbox costs, by hand, never in CI.
#
# usage: test-fixtures/bench/mail.sh [--no-build] [--alerts 10000] [--fsyncs 1000] [--dir DIR]
#
# org.lvsmon.alert.mail.bench.MailBench, on the disk that holds DIR (default target/mail-bench; put
# it on the disk of the statedir to measure that one):
#   1. this disk's own fsync: FSYNCS times a 1 KiB write + fsync, and an fsync of the directory;
#   2. enqueue latency of ALERTS alert mails while no relay runs (after 200 not counted), each beside
#      the bare durable create it is built on; an enqueue is a file written to a
#      temporary name, fsync'd, renamed and its directory fsync'd (Outbox.enqueue), p50/p99;
#   3. then a relay comes up (GreenMail, in-process on loopback) and the delivery thread
#      (MailDelivery, one SMTP connection per pass) drains the outbox: seconds and mails/s.
# Aim (issue 7): enqueue p99 under 2 ms, or within 1 ms of the disk's own fsync p99 if it is slower.
set -euo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=1; ARGS=()
while [ $# -gt 0 ]; do
  case $1 in
    --no-build) BUILD=0; shift;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1' "$0"; exit 0;;
    *) ARGS+=("$1"); shift;;
  esac
done
cd "$TOP"
[ $BUILD -eq 0 ] || mvn -q -DskipTests package
[ -d target/test-classes/org/lvsmon/alert/mail/bench ] || { echo "mail.sh: no target/test-classes; build first" >&2; exit 3; }
# GreenMail is a test dependency: the test classpath, not the shaded jar
[ -s target/mail-bench.classpath ] && [ $BUILD -eq 0 ] || \
  mvn -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/mail-bench.classpath
echo "# machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
exec java -XX:+UseSerialGC -cp "target/test-classes:target/classes:$(cat target/mail-bench.classpath)" \
  org.lvsmon.alert.mail.bench.MailBench "${ARGS[@]+"${ARGS[@]}"}"
