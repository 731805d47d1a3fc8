#!/bin/bash
# ssh-load.sh -- issue 4: what sampling login-node load costs the director. Run by hand, never in CI.
# Needs root and the packages of test-fixtures/install-prereqs.sh (openssh-server, iproute2).
#
# usage: test-fixtures/bench/ssh-load.sh [--no-build] [--nodes 20] [--interval 5] [--warmup 10]
#          [--measure 60] [--fork-rounds 3] [--base 10.251.0]
#
# Brings up NODES real sshd login nodes (test-fixtures/netns/cluster.sh), then, one after the other
# on the same nodes:
#   stream  ssh-load.monitor in-process (as the daemon runs it): one session per node, one
#           long-lived fork-free remote loop per session (the default);
#   exec    the same with --exec default: one session per node, but a command (and so the user's
#           login shell) per sample;
#   fork    the classic way: a shell loop that forks `ssh NODE cat /proc/loadavg` per sample,
#           FORK_ROUNDS rounds over all nodes (the CPU of the loop and every ssh it forks, from
#           bash's `times`).
# and prints the director's CPU per sample of each and the ratios fork/stream and exec/stream.
# The JVM figures include GC and JIT; each in-process run counts only its measured window.
set -euo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=1; NODES=20; INTERVAL=5; WARMUP=10; MEASURE=60; ROUNDS=3; BASE=10.251.0
while [ $# -gt 0 ]; do
  case $1 in
    --no-build) BUILD=0; shift;;
    --nodes) NODES=$2; shift 2;;
    --interval) INTERVAL=$2; shift 2;;
    --warmup) WARMUP=$2; shift 2;;
    --measure) MEASURE=$2; shift 2;;
    --fork-rounds) ROUNDS=$2; shift 2;;
    --base) BASE=$2; shift 2;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1' "$0"; exit 0;;
    *) echo "ssh-load.sh: unknown option $1 (try --help)" >&2; exit 2;;
  esac
done
cd "$TOP"
[ $BUILD -eq 0 ] || mvn -q -DskipTests package
JAR=$(ls target/lvsmon-*-all.jar | head -n 1)
DIR=$(mktemp -d /tmp/lvsmon-ssh-load-bench.XXXXXX)
CLUSTER="test-fixtures/netns/cluster.sh --dir $DIR"
trap '$CLUSTER down >/dev/null 2>&1 || true' EXIT
$CLUSTER up "$NODES" --base "$BASE" >/dev/null
HOSTS=(); for i in $(seq 1 "$NODES"); do HOSTS+=("$BASE.$i"); done
ARGS=(-u root -i "$DIR/client_key" -k "$DIR/known_hosts")
echo "# machine: $(nproc) CPUs, load before: $(cut -d' ' -f1-3 /proc/loadavg); $NODES nodes, interval ${INTERVAL}s, window ${MEASURE}s"
bench() {
  java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -cp "target/test-classes:$JAR" \
    org.lvsmon.monitor.ssh.SshLoadBenchmark --interval "$INTERVAL" --warmup "$WARMUP" --measure "$MEASURE" \
    -- "${ARGS[@]}" "$@" "${HOSTS[@]}" 2>/dev/null
}
echo "## stream (default)"; bench | tee "$DIR/stream.out"
echo "## exec (--exec default)"; bench --exec default | tee "$DIR/exec.out"
echo "## fork (ssh per sample, $ROUNDS rounds over $NODES nodes)"
fork_ms=$(bash -c '
  for r in $(seq 1 '"$ROUNDS"'); do
    for h in "$@"; do ssh -F '"$DIR"'/ssh_config root@"$h" cat /proc/loadavg >/dev/null || echo "ssh $h failed" >&2; done
  done
  times' _ "${HOSTS[@]}" | awk 'NR == 2 { split($1, u, "m"); split($2, s, "m"); sub("s", "", u[2]); sub("s", "", s[2]);
    printf "%.1f", 1000 * (u[1] * 60 + u[2] + s[1] * 60 + s[2]) }')
awk -v ms="$fork_ms" -v n="$((ROUNDS * NODES))" 'BEGIN { printf "director CPU %.1f ms = %.3f ms per sample\n", ms, ms / n }' | tee "$DIR/fork.out"
per() { awk '/ms per sample/ { for (i = 1; i <= NF; i++) if ($i == "ms" && $(i + 1) == "per") print $(i - 1) }' "$1"; }
awk -v s="$(per "$DIR/stream.out")" -v e="$(per "$DIR/exec.out")" -v f="$(per "$DIR/fork.out")" \
  'BEGIN { printf "ratio director CPU per sample: fork/stream %.0f, exec/stream %.1f\n", f / s, e / s }'
