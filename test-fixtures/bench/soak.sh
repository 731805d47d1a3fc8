#!/bin/bash
# soak.sh -- issue 8: the daemon under flapping login nodes for a long while, by hand, never in CI.
#
# usage: test-fixtures/bench/soak.sh [--no-build] [--nodes 10] [--minutes 30] [--flap 3] [--sample 60]
#                                    [--interval 2] [--base 10.252.0] [--port 2590] [--smtp 2525]
#
# Needs root (test-fixtures/netns/cluster.sh makes real OpenSSH nodes in network namespaces).
# lvsmon runs from the built jar (`lvsmon run`, the launcher's JVM flags) on a generated config:
# one watch per node (ssh-load.monitor every --interval seconds, `balance` on one VIP, mail.alert as
# alert and upalert with `alertevery 1d`, so each down and each up transition is one mail), IPVS in
# memory (`--ipvs memory`: the host may have no ip_vs), mail to a real SMTP server on loopback
# (GreenMail, org.lvsmon.alert.mail.bench.SmtpSink). Every --flap seconds one random node is
# killed, started again, or given a new load. Every --sample seconds the daemon's RSS, heap after a
# full GC, threads, open files and SSH sessions are printed. At the end every node is started, the
# run settles, and the script checks: mails received = alerts called (alerthist) = 2 x transitions
# (the downtime log's lines), no Message-ID twice, and every real server's memory-IPVS weight equals
# the weight lvsmon decided. Exit 0 when all hold, 1 otherwise.
set -euo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=1; NODES=10; MINUTES=30; FLAP=3; SAMPLE=60; INTERVAL=2; BASE=10.252.0; PORT=2590; SMTP=2525
while [ $# -gt 0 ]; do
  case $1 in
    --no-build) BUILD=0; shift;;
    --nodes) NODES=$2; shift 2;;
    --minutes) MINUTES=$2; shift 2;;
    --flap) FLAP=$2; shift 2;;
    --sample) SAMPLE=$2; shift 2;;
    --interval) INTERVAL=$2; shift 2;;
    --base) BASE=$2; shift 2;;
    --port) PORT=$2; shift 2;;
    --smtp) SMTP=$2; shift 2;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1' "$0"; exit 0;;
    *) echo "soak.sh: unknown option $1 (try --help)" >&2; exit 2;;
  esac
done
[ "$(id -u)" -eq 0 ] || { echo "soak.sh: needs root (network namespaces)" >&2; exit 2; }
cd "$TOP"
[ $BUILD -eq 0 ] || mvn -q -DskipTests package
[ -s target/soak.classpath ] && [ $BUILD -eq 0 ] || \
  mvn -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/soak.classpath
DIR=$(mktemp -d /tmp/lvsmon-soak.XXXXXX)
CLUSTER="test-fixtures/netns/cluster.sh --dir $DIR/cluster"
SINK_PID=; LVSMON_PID=
finish() {
  [ -z "$LVSMON_PID" ] || kill "$LVSMON_PID" 2>/dev/null || true
  [ -z "$SINK_PID" ] || kill "$SINK_PID" 2>/dev/null || true
  $CLUSTER down >/dev/null 2>&1 || true
}
trap finish EXIT
mkdir -p "$DIR/cluster" "$DIR/state" "$DIR/log"
$CLUSTER up "$NODES" --base "$BASE" >/dev/null

java -XX:+UseSerialGC -Xmx128m -cp "target/test-classes:$(cat target/soak.classpath)" \
  org.lvsmon.alert.mail.bench.SmtpSink "$SMTP" "$DIR/mails.tsv" >"$DIR/sink.log" 2>&1 &
SINK_PID=$!
printf 'host = 127.0.0.1\nport = %s\nfrom = lvsmon@director\nhelo = director\n' "$SMTP" >"$DIR/mail.conf"
printf 'list: all\nquit: all\n' >"$DIR/auth.cf"
{
  printf 'statedir = %s\nlogdir = %s\nserverport = %s\ntrapport = %s\ndtlogging = yes\nmailsettings = %s\n' \
    "$DIR/state" "$DIR/log" "$PORT" "$PORT" "$DIR/mail.conf"
  printf 'authfile = %s\nhistlength = 100000\n\n' "$DIR/auth.cf"
  for i in $(seq 1 "$NODES"); do printf 'hostgroup node%s %s.%s\n\n' "$i" "$BASE" "$i"; done
  for i in $(seq 1 "$NODES"); do
    printf 'watch node%s\n    service load\n        interval %ss\n' "$i" "$INTERVAL"
    printf '        monitor ssh-load.monitor -u root -i %s -k %s -T 3 -b 2 -t 2 --max-backoff 10\n' "$DIR/cluster/client_key" \
      "$DIR/cluster/known_hosts"
    printf '        balance tcp 10.255.0.1:22 smoothing=5s slowstart=10s\n'
    printf '        period wd {Sun-Sat}\n            alertevery 1d\n'
    printf '            alert mail.alert ops@example.org\n            upalert mail.alert ops@example.org\n\n'
  done
} >"$DIR/mon.cf"
# the table in memory starts with the virtual service (as ipvsadm -Sn prints it); balance adds the real servers
printf -- '-A -t 10.255.0.1:22 -s wlc\n' >"$DIR/table.txt"
JAVA_OPTS_NOTE="launcher defaults"
bin/lvsmon run -c "$DIR/mon.cf" --ipvs memory --ipvs-table "$DIR/table.txt" --forget -P "$DIR/lvsmon.pid" \
  >"$DIR/lvsmon.log" 2>&1 &
LVSMON_PID=$!
for _ in $(seq 1 100); do [ -s "$DIR/lvsmon.pid" ] && break; sleep 0.1; done
JPID=$(cat "$DIR/lvsmon.pid")

ask() { # one request on the control port; prints the reply
  exec 3<>"/dev/tcp/127.0.0.1/$PORT"; printf '%s\nquit\n' "$1" >&3; cat <&3; exec 3<&-
}
echo "# machine: $(nproc) CPUs, load before: $(cut -d' ' -f1-3 /proc/loadavg); $NODES nodes, ${MINUTES} min," \
  "a flap every ${FLAP}s, interval ${INTERVAL}s, lvsmon pid $JPID ($JAVA_OPTS_NOTE), work dir $DIR"
sample() {
  local rss threads fds ssh heap
  rss=$(awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$JPID/status")
  threads=$(ls "/proc/$JPID/task" | wc -l)
  fds=$(ls "/proc/$JPID/fd" | wc -l)
  ssh=$(ss -tnH state established "( dport = :22 )" dst "$BASE.0/24" | wc -l)
  jcmd "$JPID" GC.run >/dev/null 2>&1 || true
  heap=$(jcmd "$JPID" GC.heap_info 2>/dev/null | awk '/generation/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub("K,?", "", v); sum += v } } END { print sum + 0 }')
  printf '%s\trss_mb=%s\theap_kb=%s\tthreads=%s\tfds=%s\tssh_sessions=%s\tmails=%s\n' "$(date +%T)" "$rss" "${heap:-?}" \
    "$threads" "$fds" "$ssh" "$( [ -f "$DIR/mails.tsv" ] && wc -l <"$DIR/mails.tsv" || echo 0)"
}
END=$(( $(date +%s) + MINUTES * 60 )); NEXT_SAMPLE=$(( $(date +%s) + 30 ))
FLAPS=0
while [ "$(date +%s)" -lt "$END" ]; do
  i=$(( RANDOM % NODES + 1 ))
  case $(( RANDOM % 10 )) in
    0|1|2|3) $CLUSTER kill "$i" >/dev/null ;;
    4|5|6|7) $CLUSTER start "$i" >/dev/null ;;
    *) $CLUSTER load "$i" "$(( RANDOM % 8 )).$(( RANDOM % 100 )) 1.00 1.00" >/dev/null ;;
  esac
  FLAPS=$((FLAPS + 1))
  if [ "$(date +%s)" -ge "$NEXT_SAMPLE" ]; then sample | tee -a "$DIR/samples.tsv"; NEXT_SAMPLE=$(( $(date +%s) + SAMPLE )); fi
  sleep "$FLAP"
done
echo "# $FLAPS flaps done; every node up again, settling"
for i in $(seq 1 "$NODES"); do $CLUSTER start "$i" >/dev/null; $CLUSTER load "$i" "0.50 0.50 0.50" >/dev/null; done
sleep $(( INTERVAL * 5 + 30 )) # the monitor retries a failed node after a backoff of up to 10 s (--max-backoff)
sample | tee -a "$DIR/samples.tsv"

HIST=$(ask "list alerthist")
ALERTS=$(printf '%s\n' "$HIST" | grep -c 'mail\.alert' || true)
DOWN=$(printf '%s\n' "$HIST" | grep 'mail\.alert' | grep -c '^alert\\20' || true)
TRANS=$( [ -f "$DIR/log/downtime.log" ] && grep -vc '^#' "$DIR/log/downtime.log" || echo 0)
MAILS=$(wc -l <"$DIR/mails.tsv" 2>/dev/null || echo 0)
DUPS=$(cut -f1 "$DIR/mails.tsv" 2>/dev/null | sort | uniq -d | wc -l)
PENDING=$(ask "list outbox" | grep -c '^id=' || true)
WEIGHTS=$(ask "list ipvs")
UNEQUAL=$(printf '%s\n' "$WEIGHTS" | awk '/^vs=/ { d = ""; k = ""; for (i = 1; i <= NF; i++) { if ($i ~ /^desired=/) d = substr($i, 9); if ($i ~ /^kernel=/) k = substr($i, 8) } if (d != k) n++ } END { print n + 0 }')
echo "# alerts called (mail.alert, alerthist): $ALERTS ($DOWN down); down->up transitions (downtime log): $TRANS;" \
  "mails received: $MAILS (Message-IDs twice: $DUPS); still queued: $PENDING"
echo "# real servers whose memory-IPVS weight differs from lvsmon's decision: $UNEQUAL of $(printf '%s\n' "$WEIGHTS" | grep -c '^vs=')"
awk -F'\t' 'NR == 1 { for (i = 2; i <= NF; i++) { split($i, kv, "="); first[kv[1]] = kv[2] } }
  { for (i = 2; i <= NF; i++) { split($i, kv, "="); last[kv[1]] = kv[2]; if (kv[2] + 0 > max[kv[1]] + 0) max[kv[1]] = kv[2] } }
  END { for (k in first) printf "# %s: first %s, last %s, max %s\n", k, first[k], last[k], max[k] }' "$DIR/samples.tsv" | sort
ok=1
[ "$MAILS" -eq "$ALERTS" ] || { echo "FAIL: $MAILS mails for $ALERTS alerts"; ok=0; }
[ $((DOWN * 2)) -eq "$ALERTS" ] || { echo "FAIL: $DOWN down alerts but $((ALERTS - DOWN)) up alerts"; ok=0; }
[ "$DOWN" -eq "$TRANS" ] || { echo "FAIL: $DOWN down alerts for $TRANS transitions"; ok=0; }
[ "$DUPS" -eq 0 ] || { echo "FAIL: $DUPS Message-IDs received twice"; ok=0; }
[ "$UNEQUAL" -eq 0 ] || { echo "FAIL: $UNEQUAL weights differ"; ok=0; }
[ $ok -eq 1 ] && echo "# all checks hold" || exit 1
