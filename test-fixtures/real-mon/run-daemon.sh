#!/bin/bash
# run-daemon.sh -- run a mon-compatible daemon (Debian's real mon, or lvsmon) on
# a config for a fixed time, with every alert replaced by a recording alert,
# and print what the alerts received. The differential tests run it twice on
# the same config, once per daemon, and compare the two outputs.
#
# usage: run-daemon.sh -D mon|lvsmon -w WORKDIR -p PORT -d SECS [-m MONDIRS]
#                      [-x T:CMD]... [-T TZ] CONFIG
#   -D      which daemon: "mon" (/usr/sbin/mon) or "lvsmon" (bin/lvsmon)
#   -w      work dir, created fresh (state, logs, recorded alerts live there)
#   -p      TCP client port and UDP trap port on 127.0.0.1
#   -d      seconds to let the daemon run before it is stopped (by its PID)
#   -m      monitor dirs searched before the config's mondir
#   -x      at T seconds, send client command CMD with moncmd, or run monshow when CMD starts
#           with "monshow" (repeatable); the outputs are kept in WORKDIR/client.log, in -x order
#   -T      time zone for the daemon (periods depend on it)
#
# Output, one line per alert call, in the order the calls happened:
#   RECORD <+secs> <alert> <MON_ALERTTYPE> <group>/<service> <argv without -t> retval=<R> summary=<line 1 of stdin>
# and WORKDIR/alerts.detail with each call's MON_* environment and stdin.
# Only processes started here are stopped, by PID.
set -u
DAEMON=""; WORK=""; PORT=""; DUR=30; EXTRA_MONDIR=""; TZONE=UTC
declare -a XCMDS=()
while getopts "D:w:p:d:m:x:T:" o; do
  case $o in
    D) DAEMON=$OPTARG;; w) WORK=$OPTARG;; p) PORT=$OPTARG;; d) DUR=$OPTARG;;
    m) EXTRA_MONDIR=$OPTARG;; x) XCMDS+=("$OPTARG");; T) TZONE=$OPTARG;;
    *) sed -n '2,22p' "$0" >&2; exit 2;;
  esac
done
shift $((OPTIND-1))
[ $# -eq 1 ] && [ -n "$DAEMON" ] && [ -n "$WORK" ] && [ -n "$PORT" ] || { sed -n '2,22p' "$0" >&2; exit 2; }
CONF=$(readlink -f "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$HERE/../.." && pwd)

case "$DAEMON" in
  mon) [ -x /usr/sbin/mon ] || { echo "run-daemon.sh: /usr/sbin/mon missing: install the Debian package mon" >&2; exit 3; } ;;
  lvsmon) [ -x "$TOP/bin/lvsmon" ] || { echo "run-daemon.sh: $TOP/bin/lvsmon missing" >&2; exit 3; } ;;
  *) echo "run-daemon.sh: -D must be mon or lvsmon" >&2; exit 2;;
esac
command -v moncmd >/dev/null || [ ${#XCMDS[@]} -eq 0 ] || { echo "run-daemon.sh: moncmd missing: install the Debian package mon-client" >&2; exit 3; }

rm -rf "$WORK"; mkdir -p "$WORK"/{cf,state,log,alert.d}

# The config, bound to loopback, with history/log files kept in the work dir.
CF="$WORK/cf/mon.cf"
{ echo "serverbind = 127.0.0.1"; echo "trapbind = 127.0.0.1"
  grep -Ev '^[[:space:]]*(serverbind|trapbind|authfile)[[:space:]]*=' "$CONF" |
    sed -E 's#^([[:space:]]*(historicfile|dtlogfile|monerrfile)[[:space:]]*=[[:space:]]*).*/([^/]+)[[:space:]]*$#\1\3#'
} > "$CF"

# Monitor search path: the extra dirs, then the config's mondir or Debian's.
CFG_MONDIR=$(sed -n 's/^[[:space:]]*mondir[[:space:]]*=[[:space:]]*//p' "$CONF" | tail -n 1)
[ -n "$CFG_MONDIR" ] || CFG_MONDIR=/usr/lib/mon/mon.d:/usr/lib/mon/mon-local.d
MONDIR=$CFG_MONDIR
# real mon's path splitting eats an "s" beside ":" (its "s*:s*" bug) but strips
# only one trailing "/", so ending each dir in "//" keeps it intact for mon.
[ -n "$EXTRA_MONDIR" ] && MONDIR="$(printf '%s' "$EXTRA_MONDIR" | sed 's#/*:#//:#g; s#/*$#//#'):$CFG_MONDIR"

# The recording alert, installed under every alert name the config uses.
cat > "$WORK/record.alert" <<'REC'
#!/bin/sh
in=$(cat)
name=$(basename "$0")
argv=""; skip=0
for a in "$@"; do
  if [ $skip -eq 1 ]; then skip=0; continue; fi
  [ "$a" = "-t" ] && { skip=1; continue; }
  argv="$argv[$a]"
done
summ=$(printf '%s\n' "$in" | head -n 1)
(
  flock 9
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date +%s)" "$name" "${MON_ALERTTYPE:-}" \
    "${MON_GROUP:-}/${MON_SERVICE:-}" "$argv" "${MON_RETVAL:-}" "$summ" >> "$REC_DIR/alerts.tsv"
  { echo "=== $(date +%s) $name $argv"
    env | grep -E '^MON_[A-Z_]*=' | grep -Ev '^MON_(STATEDIR|LOGDIR|CFBASEDIR)=' | sort
    printf '%s\n' "$in" | sed 's/^/stdin| /'; } >> "$REC_DIR/alerts.detail"
) 9>>"$REC_DIR/alerts.lock"
REC
chmod +x "$WORK/record.alert"
awk '{ sub(/^[ \t]+/, "") }
     $1 ~ /^(alert|upalert|startupalert|ackalert|disablealert|redistribute)$/ {
        n = 2; if ($2 ~ /^exit=/) n = 3; if ($n != "") print $n }' "$CONF" | sort -u |
while read -r a; do ln -sf "$WORK/record.alert" "$WORK/alert.d/$a"; done

# Everyone may run every command (the tests drive ack/disable without logins).
{ echo "command section"
  for c in ack checkauth clear disable enable get list loadstate protid quit reload reset \
           savestate servertime set start stop term test version; do echo "$c: all"; done
  echo "trap section"; echo "* * x"; } > "$WORK/cf/auth.cf"

ARGS=(-c "$CF" -B "$WORK/cf" -a "$WORK/alert.d" -s "$MONDIR" -D "$WORK/state" -L "$WORK/log"
      -A "$WORK/cf/auth.cf" -P "$WORK/daemon.pid" -p "$PORT" -t "$PORT")
if [ "$DAEMON" = mon ]; then
  # mon logs its decisions to syslog; send them to its log file instead
  cat > "$WORK/monwrap.pl" <<'WRAP'
use strict; use warnings; use Sys::Syslog ();
{ no warnings 'redefine';
  *Sys::Syslog::syslog = sub { my ($p, $f, @a) = @_; my $m = @a ? sprintf($f, @a) : $f;
      $m =~ s/\n+$//; print STDERR time(), " SYSLOG[$p] $m\n"; };
  *Sys::Syslog::openlog = sub { 1 }; *Sys::Syslog::closelog = sub { 1 };
  *Sys::Syslog::setlogsock = sub { 1 }; }
$0 = "mon"; do "/usr/sbin/mon"; die $@ if $@;
WRAP
  CMD=(perl "$WORK/monwrap.pl" "${ARGS[@]}")
else
  CMD=("$TOP/bin/lvsmon" run "${ARGS[@]}")
fi

( cd "$WORK" && exec env TZ="$TZONE" REC_DIR="$WORK" "${CMD[@]}" ) > "$WORK/daemon.log" 2>&1 &
PID=$!
# When the daemon was ready (its pid file appeared): alert times count from there, so a slow start
# (a JVM on a busy machine) does not shift one daemon's timeline against the other's.
for _ in $(seq 1 300); do [ -s "$WORK/daemon.pid" ] && break; sleep 0.1; done
READY=$(date +%s)
echo "$READY" > "$WORK/ready"

# Each command's output goes to client.d/NNN (NNN = its position in the -x list), so commands due
# at the same second cannot interleave; client.log gets them in order at the end.
mkdir -p "$WORK/client.d"
n=0
for xc in "${XCMDS[@]+"${XCMDS[@]}"}"; do
  n=$((n + 1)); t=${xc%%:*}; c=${xc#*:}; out=$(printf '%s/client.d/%03d' "$WORK" "$n")
  case "$c" in
    monshow*) ( sleep "$t"; { echo "CLIENT> $c"
        # monshow takes no port option of its own beyond --port; MONHOST must not leak in
        env -u MONHOST monshow --server 127.0.0.1 --port "$PORT" ${c#monshow} 2>&1; } > "$out" ) & ;;
    *) ( sleep "$t"; { echo "CLIENT> $c"; moncmd -s 127.0.0.1 -p "$PORT" $c 2>&1; } > "$out" ) & ;;
  esac
done

sleep "$DUR"
if ! kill -0 "$PID" 2>/dev/null; then
  echo "run-daemon.sh: $DAEMON exited early; its log:" >&2; cat "$WORK/daemon.log" >&2; exit 1
fi
cat "$WORK"/client.d/* > "$WORK/client.log" 2>/dev/null
kill -TERM "$PID" 2>/dev/null
for _ in $(seq 1 50); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
kill -0 "$PID" 2>/dev/null && kill -KILL "$PID" 2>/dev/null
wait "$PID" 2>/dev/null
sleep 1   # recording alerts run detached; let them finish writing

if [ -s "$WORK/alerts.tsv" ]; then
  sort -s -n -k1,1 "$WORK/alerts.tsv" | awk -F'\t' -v s="$READY" \
    '{ printf "RECORD +%d %s %s %s %s retval=%s summary=%s\n", $1 - s, $2, $3, $4, $5, $6, $7 }'
fi
exit 0
