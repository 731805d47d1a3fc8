#!/bin/bash
# footprint.sh -- issue 8: the daemon's start-up time and steady footprint under several sets of
# JVM flags, in one run. Run by hand, never in CI. Needs a JDK 17 + Maven and python3.
#
# usage: test-fixtures/bench/footprint.sh [--no-build] [--nodes 200] [--interval 10] [--starts 3]
#          [--warmup 20] [--measure 60] [--rounds 1] [--only NAME,...] [--flags NAME='OPTIONS']...
#   --no-build   use the jar already in target/ (else: mvn -q -DskipTests package)
#   --nodes      nodes in the config, each a watch of its own with two services (tcp and ssh)
#   --interval   every service's interval, in seconds (randstart spreads the first runs over it)
#   --starts     starts per flag set to time start-up; the last one stays up for the window
#   --warmup     seconds after start before the window (the first monitor runs start after one
#                interval)
#   --measure    length of the measured window, in seconds
#   --rounds     run the whole list of flag sets this many times (alternating, so a change in the
#                machine's load hits every set alike); figures are medians over the rounds
#   --only       run only the named flag sets
#   --flags      add a flag set NAME='OPTIONS' (repeatable) after the built-in ones; leading
#                VAR=VALUE words are set in the daemon's environment (e.g. MALLOC_ARENA_MAX=2)
#   --detail     at the end of each window also print the JVM's heap and metaspace use (jcmd)
#                and its threads by name
#
# What it measures: bin/lvsmon run (the launcher, so java with LVSMON_JAVA_OPTS = the flag set)
# on a generated mon.cf of NODES watches, each with one host 127.0.0.N (N = 1..NODES) and two
# services running lvsmon's in-process built-ins: "tcp.monitor -p PORT" and "ssh.monitor -p PORT"
# against a small python listener that binds PORT on each 127.0.0.N and answers every connection
# with an SSH banner, so both succeed. No alerts; nothing leaves the loopback interface.
# For each flag set:
#   ready_ms   from starting the launcher to the control port answering "version" (polled every
#              10 ms over bash's /dev/tcp): JVM start, config loaded, engine and timers armed,
#              control port open. Median of --starts.
#   rss_MB     VmRSS of the JVM (/proc/PID/status), sampled every second over the window: median
#              and max
#   cpu_s/min  the JVM's own CPU (utime+stime, /proc/PID/stat) over the window, per minute
#   threads    the JVM's thread count (median over the window)
#   ok         services whose last check succeeded at the window's end (a sanity check that the
#              monitors ran: all of them should be), and ERROR lines in the daemon's log
# and each figure's ratio to the first flag set. The sets: "previous", the launcher's options before
# issue 8; "jvm-default", none at all; "serial-c2", C2 as well; "capped", a 64 MB heap and
# metaspace; "lean", smaller stacks and code cache, one compiler thread, no perf data; "cds", an
# application class-data archive; "arena", capped with MALLOC_ARENA_MAX=2; "chosen", what the
# launcher (JVM options) and the systemd unit (MALLOC_ARENA_MAX) now use. The "cds" set first
# dumps an AppCDS archive of lvsmon's classes (-XX:ArchiveClassesAtExit, a short daemon run) into
# the work dir. Load average is printed before and after each set: compare runs on a quiet machine.
# Aims (issue 8): under 150 MB RSS and under 1.5 s to ready. Start-up time is mostly the JVM's and
# swings with the machine's load far more than between these sets.
set -euo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=1; DETAIL=0; NODES=200; INTERVAL=10; STARTS=3; WARMUP=20; MEASURE=60; ROUNDS=1; ONLY=""
DEFAULT_OPTS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k"
NAMES=(previous jvm-default serial-c2 capped lean cds arena chosen)
declare -A SETS=(
  [previous]="$DEFAULT_OPTS"
  [jvm-default]=""
  [serial-c2]="-XX:+UseSerialGC -Xss512k"
  [capped]="$DEFAULT_OPTS -Xmx64m -XX:MaxMetaspaceSize=64m"
  [lean]="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss256k -Xmx64m -XX:MaxMetaspaceSize=64m -XX:ReservedCodeCacheSize=24m -XX:CICompilerCount=1 -XX:-UsePerfData"
  [cds]="$DEFAULT_OPTS -XX:SharedArchiveFile=@ARCHIVE@"
  [arena]="MALLOC_ARENA_MAX=2 $DEFAULT_OPTS -Xmx64m -XX:MaxMetaspaceSize=64m"
  [chosen]="MALLOC_ARENA_MAX=2 $DEFAULT_OPTS -Xmx64m -XX:MaxMetaspaceSize=64m -XX:+ExitOnOutOfMemoryError"
)
while [ $# -gt 0 ]; do
  case $1 in
    --no-build) BUILD=0; shift;;
    --nodes) NODES=$2; shift 2;;
    --interval) INTERVAL=$2; shift 2;;
    --starts) STARTS=$2; shift 2;;
    --warmup) WARMUP=$2; shift 2;;
    --measure) MEASURE=$2; shift 2;;
    --rounds) ROUNDS=$2; shift 2;;
    --only) ONLY=$2; shift 2;;
    --detail) DETAIL=1; shift;;
    --flags) NAMES+=("${2%%=*}"); SETS[${2%%=*}]=${2#*=}; shift 2;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1' "$0"; exit 0;;
    *) echo "footprint.sh: unknown argument $1 (see --help)" >&2; exit 2;;
  esac
done
[ "$NODES" -ge 1 ] && [ "$NODES" -le 254 ] || { echo "footprint.sh: --nodes must be 1..254 (127.0.0.N)" >&2; exit 2; }
if [ -n "$ONLY" ]; then
  IFS=, read -r -a NAMES <<< "$ONLY"
  for n in "${NAMES[@]}"; do [ -n "${SETS[$n]+x}" ] || { echo "footprint.sh: no flag set $n" >&2; exit 2; }; done
fi
cd "$TOP"
[ $BUILD -eq 0 ] || mvn -q -DskipTests package
ls target/lvsmon-*-all.jar >/dev/null || { echo "footprint.sh: no target/lvsmon-*-all.jar; build first" >&2; exit 3; }

WORK=$(mktemp -d /tmp/lvsmon-footprint.XXXXXX)
LISTENER=""; DAEMON=""
cleanup() {
  [ -z "$DAEMON" ] || { kill "$DAEMON" 2>/dev/null; wait "$DAEMON" 2>/dev/null || true; }
  [ -z "$LISTENER" ] || { kill "$LISTENER" 2>/dev/null; wait "$LISTENER" 2>/dev/null || true; }
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
NODE_PORT=$(free_port)
CTL_PORT=$(free_port)

# the nodes: PORT on 127.0.0.1..NODES, an SSH banner to every connection, then close
python3 - "$NODES" "$NODE_PORT" <<'EOF' &
import selectors, socket, sys
nodes, port = int(sys.argv[1]), int(sys.argv[2])
sel = selectors.DefaultSelector()
for n in range(1, nodes + 1):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.%d" % n, port))
    s.listen(64)
    s.setblocking(False)
    sel.register(s, selectors.EVENT_READ)
print("listening", flush=True)
while True:
    for key, _ in sel.select():
        try:
            c, _ = key.fileobj.accept()
            c.sendall(b"SSH-2.0-OpenSSH_9.2p1 footprint\r\n")
            c.close()
        except OSError:
            pass
EOF
LISTENER=$!

mkdir -p "$WORK/etc" "$WORK/state" "$WORK/log"
cp conf/auth.cf "$WORK/etc/auth.cf"
{
  echo "serverbind = 127.0.0.1"
  echo "trapbind = 127.0.0.1"
  echo "randstart = ${INTERVAL}s"
  echo
  for n in $(seq 1 "$NODES"); do
    printf 'hostgroup node%d 127.0.0.%d\n\n' "$n" "$n"
  done
  for n in $(seq 1 "$NODES"); do
    printf 'watch node%d\n' "$n"
    printf '    service tcp\n        interval %ss\n        monitor tcp.monitor -p %d -t 5\n' "$INTERVAL" "$NODE_PORT"
    printf '    service ssh\n        interval %ss\n        monitor ssh.monitor -p %d -t 5 -b 5\n\n' "$INTERVAL" "$NODE_PORT"
  done
} > "$WORK/etc/mon.cf"
bin/lvsmon check-config "$WORK/etc/mon.cf" >/dev/null

# "version" over the control port; true when a 220 line came back
ask_version() {
  { exec 3<>"/dev/tcp/127.0.0.1/$CTL_PORT"; } 2>/dev/null || return 1
  printf 'version\nquit\n' >&3
  local line ok=1
  while IFS= read -r -t 2 line <&3; do
    case $line in 220*) ok=0; break;; esac
  done
  exec 3<&- 3>&-
  return $ok
}
# services whose last check succeeded ("list opstatus": opstatus=1), a sanity check that monitors ran
ok_services() {
  { exec 3<>"/dev/tcp/127.0.0.1/$CTL_PORT"; } 2>/dev/null || { echo 0; return; }
  printf 'list opstatus\nquit\n' >&3
  local line n=0
  while IFS= read -r -t 5 line <&3; do
    case $line in 220*) break;; *" opstatus=1 "*|*" opstatus=1") n=$((n + 1));; esac
  done
  exec 3<&- 3>&-
  echo $n
}
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
stat_field() { awk -v f="$2" '{ sub(/^[0-9]+ \(.*\) /, ""); print $(f - 2) }' "/proc/$1/stat"; }
TICKS=$(getconf CLK_TCK)

start_daemon() { # OPTS: JVM options, after any leading VAR=VALUE words (environment, e.g. MALLOC_ARENA_MAX=2)
  local envs=() opts=$1
  while [[ $opts =~ ^([A-Z_][A-Z0-9_]*=[^ ]*)\ *(.*)$ ]]; do envs+=("${BASH_REMATCH[1]}"); opts=${BASH_REMATCH[2]}; done
  env ${envs[@]+"${envs[@]}"} LVSMON_JAVA_OPTS="$opts" bin/lvsmon run -c "$WORK/etc/mon.cf" -B "$WORK/etc" -D "$WORK/state" -L "$WORK/log" \
    -P "$WORK/lvsmon.pid" -p "$CTL_PORT" -t "$CTL_PORT" --forget --ipvs memory > "$WORK/daemon.log" 2>&1 &
  DAEMON=$!
}
stop_daemon() {
  kill "$DAEMON"; wait "$DAEMON" 2>/dev/null || true; DAEMON=""
}

if printf '%s\n' "${NAMES[@]}" | grep -qx cds; then
  ARCHIVE="$WORK/lvsmon.jsa"
  start_daemon "$DEFAULT_OPTS -XX:ArchiveClassesAtExit=$ARCHIVE"
  until ask_version; do sleep 0.1; done
  sleep $((INTERVAL + 2)) # a round of monitor runs, so their classes are in the archive too
  stop_daemon
  [ -s "$ARCHIVE" ] || { echo "footprint.sh: no CDS archive was written; see $WORK/daemon.log" >&2; cat "$WORK/daemon.log" >&2; exit 1; }
  SETS[cds]=${SETS[cds]//@ARCHIVE@/$ARCHIVE}
fi

echo "# machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(java -version 2>&1 | head -n 1)"
echo "# config: $NODES nodes x 2 services = $((NODES * 2)) services, interval ${INTERVAL}s; warm-up ${WARMUP}s, window ${MEASURE}s, $STARTS starts, $ROUNDS round(s)"
declare -A READY RSS RSSMAX CPU THREADS
for round in $(seq 1 "$ROUNDS"); do
  for name in "${NAMES[@]}"; do
    opts=${SETS[$name]}
    load_before=$(cut -d' ' -f1-3 /proc/loadavg)
    readies=()
    for s in $(seq 1 "$STARTS"); do
      t0=$(now_ms)
      start_daemon "$opts"
      until ask_version; do
        kill -0 "$DAEMON" 2>/dev/null || { echo "footprint.sh: [$name] the daemon died; its log:" >&2; cat "$WORK/daemon.log" >&2; exit 1; }
        sleep 0.01
      done
      readies+=($(( $(now_ms) - t0 )))
      [ "$s" -eq "$STARTS" ] || stop_daemon
    done
    sleep "$WARMUP"
    pid=$DAEMON
    cpu0=$(( $(stat_field "$pid" 14) + $(stat_field "$pid" 15) )); w0=$(now_ms)
    : > "$WORK/rss"; : > "$WORK/threads"
    for _ in $(seq 1 "$MEASURE"); do
      awk '/^VmRSS:/ { print $2 / 1024 }' "/proc/$pid/status" >> "$WORK/rss"
      awk '/^Threads:/ { print $2 }' "/proc/$pid/status" >> "$WORK/threads"
      sleep 1
    done
    cpu1=$(( $(stat_field "$pid" 14) + $(stat_field "$pid" 15) )); w1=$(now_ms)
    errors=$(grep -c -E ' ERROR |^<3>' "$WORK/daemon.log" || true)
    ok=$(ok_services)
    if [ "$DETAIL" -eq 1 ]; then
      jcmd "$pid" GC.heap_info 2>&1 | grep -E 'total|Metaspace|class space' | sed "s/^ */# $name: /"
      echo "# $name: threads: $(cat /proc/"$pid"/task/*/comm | sed 's/[-#]*[0-9]*$//' | sort | uniq -c | sort -rn | awk '{ printf "%s %s, ", $1, $2 }')"
    fi
    stop_daemon
    ready=$(printf '%s\n' "${readies[@]}" | median)
    rss=$(median < "$WORK/rss"); rssmax=$(sort -n "$WORK/rss" | tail -n 1)
    cpu=$(awk -v c=$((cpu1 - cpu0)) -v t="$TICKS" -v ms=$((w1 - w0)) 'BEGIN { printf "%.2f", c / t / (ms / 60000) }')
    threads=$(median < "$WORK/threads")
    READY[$name]+="$ready "; RSS[$name]+="$rss "; RSSMAX[$name]+="$rssmax "; CPU[$name]+="$cpu "; THREADS[$name]+="$threads "
    printf '# round %d %-12s ready %s ms (%s), rss median %.1f max %.1f MB, cpu %s s/min, threads %s, ok %s/%s, errors %s; load %s -> %s\n' \
      "$round" "$name" "$ready" "${readies[*]}" "$rss" "$rssmax" "$cpu" "$threads" "$ok" "$((NODES * 2))" "$errors" "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)"
  done
done

med() { tr ' ' '\n' <<< "$1" | grep . | median; }
base=${NAMES[0]}
printf '\n%-12s %9s %9s %9s %10s %8s   %s\n' set ready_ms rss_MB rss_max cpu_s/min threads "ratios to $base (ready rss cpu)"
for name in "${NAMES[@]}"; do
  r=$(med "${READY[$name]}"); m=$(med "${RSS[$name]}"); x=$(med "${RSSMAX[$name]}"); c=$(med "${CPU[$name]}"); t=$(med "${THREADS[$name]}")
  rb=$(med "${READY[$base]}"); mb=$(med "${RSS[$base]}"); cb=$(med "${CPU[$base]}")
  printf '%-12s %9.0f %9.1f %9.1f %10.2f %8.0f   %.2f %.2f %.2f\n' "$name" "$r" "$m" "$x" "$c" "$t" \
    "$(awk -v a="$r" -v b="$rb" 'BEGIN { print a / b }')" "$(awk -v a="$m" -v b="$mb" 'BEGIN { print a / b }')" \
    "$(awk -v a="$c" -v b="$cb" 'BEGIN { print (b > 0 ? a / b : 0) }')"
done
for name in "${NAMES[@]}"; do echo "# $name: ${SETS[$name]:-(none, as the JVM defaults)}"; done
echo "# aims (issue 8): rss < 150 MB, ready < 1500 ms"
