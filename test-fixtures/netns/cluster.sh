#!/bin/bash
# cluster.sh -- real OpenSSH "login nodes" for lvsmon's SSH system tests.
#
# Each node is a network, PID, mount and UTS namespace of its own with one real
# sshd in it, reached from this host over a private bridge that only this
# script creates. The host plays the LVS director: monitors and `ssh` run here.
#
# usage: cluster.sh [--dir DIR] COMMAND [ARGS]
#   up N [--base A.B.C] [--shared-hostkey]
#                   nodes 1..N (N <= 250): node I is A.B.C.I:22, the host is
#                   A.B.C.254 on the bridge (default base 10.250.0).
#                   --shared-hostkey: one host key for every node (login
#                   nodes behind one VIP). Exit status 3: the base or a name
#                   is already in use (pick another --base).
#   down            end every process this cluster started, delete its
#                   namespaces, links and route, remove its files. Safe to
#                   run twice, and after a failed up.
#   kill I [--listener]
#                   node I's sshd and its sessions (new connects: refused;
#                   open sessions: EOF). --listener: the listening sshd only,
#                   open sessions survive (like restarting the daemon).
#   start I         start node I's sshd again (no-op when it runs).
#   freeze I [--listener] / thaw I
#                   SIGSTOP / SIGCONT node I's sshd and sessions: TCP still
#                   connects (the kernel completes the handshake) but no
#                   banner comes; open sessions go silent.
#   linkdown I [--unreach] / linkup I
#                   take node I's link down: packets are dropped silently,
#                   so connects time out. --unreach: also forget node I's
#                   MAC, so connects fail after ARP gives up (~3 s) with
#                   "No route to host".
#   load I "L1 L5 L15 [R/T PID]"
#                   node I's /proc/loadavg, changed in place (R/T PID
#                   default to 1/128 4242; the line is padded with spaces
#                   to a fixed length before its newline).
#   hostkey I       new host key for node I, then restart its listening sshd
#                   (open sessions survive). known_hosts is NOT updated:
#                   the next connect fails host key verification.
#   status          one line per node: address, link, sshd, load.
#   pids            every live process this cluster started: NODE ROLE PID.
#   ssh I [CMD...]  run ssh to node I with the cluster's client config.
#
# State directory: --dir DIR, else $LVSMON_NETNS_DIR; `up` without either
# makes one with mktemp and prints it. Parallel clusters need different
# directories and bases; commands on one cluster are serialized by a lock.
#
# Files in the state directory:
#   client_key(.pub)       the only key the nodes accept (user root)
#   known_hosts            one "A.B.C.I ssh-ed25519 KEY" line per node
#   known_hosts.hashed     the same, with hashed host names (ssh-keygen -H)
#   known_hosts.alias      with --shared-hostkey: "login-vip ssh-ed25519 KEY"
#   ssh_config             `ssh -F DIR/ssh_config nodeI` (key, known_hosts,
#                          BatchMode, StrictHostKeyChecking yes)
#   nodeI/loadavg          node I's /proc/loadavg as seen over ssh
#   nodeI/sshd_config, nodeI/sshd.log, nodeI/ssh_host_ed25519_key
#
# How a node is built: `ip netns exec` puts a new PID namespace (with its own
# /proc), mount namespace and UTS namespace (hostname nodeI) in the node's
# network namespace. Its init is a small reaper (this script's own perl loop),
# so sessions and orphans are always reaped, even where the host's PID 1 does
# not reap. In that mount namespace nodeI/loadavg is bind-mounted over
# /proc/loadavg and an empty nodeI/home over root's home (the host's .bashrc
# does not run). sshd is started inside with nsenter and daemonizes under the
# reaper. A load file is rewritten in place at a fixed length: the bind mount
# pins its inode (so no mv or sed -i), and a reader never sees it empty.
#
# Safety: only the bridge lvbTTTTTT, host veths lvhTTTTTT-I and namespaces
# lvsmon-TTTTTT-I are created (TTTTTT = the base in hex), each link marked
# with this cluster's id; `up` refuses a base that overlaps any address or
# route of this host. While up, a route "unreachable A.B.C.0/24 metric
# 4000000000" keeps the subnet's traffic off the default route even if the
# bridge goes away. Nodes have no default route. `down` ends only processes
# this script started (recorded per node, checked by start time and
# namespace): killing a node's reaper ends its whole PID namespace.
# Needs root and the Debian packages iproute2, openssh-server,
# openssh-client (plus util-linux and perl-base, which Debian always has).
set -euo pipefail

SSHD=/usr/sbin/sshd
GUARD_METRIC=4000000000
GLOBAL_LOCK=/run/lock/lvsmon-netns.lock   # host-wide: claiming a subnet
[ -d /run/lock ] || GLOBAL_LOCK=/tmp/lvsmon-netns.lock
BR_MAC=02:6c:76:ff:ff:fe

die() { echo "cluster.sh: $*" >&2; exit "${EXIT:-1}"; }
say() { echo "cluster.sh: $*"; }
in_use() { EXIT=3 die "$*"; }

need() { # COMMAND-OR-PATH DEBIAN-PACKAGE
  if [[ $1 == /* ]]; then [ -x "$1" ] && return 0; else command -v "$1" >/dev/null && return 0; fi
  EXIT=4 die "missing $1: install the Debian package $2 (test-fixtures/install-prereqs.sh does)"
}
check_prerequisites() {
  [ "$(id -u)" = 0 ] || EXIT=4 die "must run as root (uid 0); running as uid $(id -u)"
  need ip iproute2; need ss iproute2; need "$SSHD" openssh-server; need ssh-keygen openssh-client
  need unshare util-linux; need nsenter util-linux; need flock util-linux; need perl perl-base
}

# ---- state ------------------------------------------------------------------

DIR=${LVSMON_NETNS_DIR:-}
ARGS=()
while [ $# -gt 0 ]; do
  case $1 in
    --dir) [ $# -ge 2 ] || die "--dir needs a directory"; DIR=$2; shift 2;;
    --dir=*) DIR=${1#--dir=}; shift;;
    *) ARGS+=("$1"); shift;;
  esac
done
set -- "${ARGS[@]+"${ARGS[@]}"}"

load_state() {
  [ -n "$DIR" ] || die "no state directory: give --dir DIR or set LVSMON_NETNS_DIR"
  [ -r "$DIR/cluster.env" ] || die "no cluster in $DIR (no cluster.env): run up first"
  # shellcheck disable=SC1091
  . "$DIR/cluster.env"
}
lock_dir() { exec 9>>"$DIR/.lock"; flock 9; }
opt_arg() { # GIVEN ALLOWED: the one option a command takes, or none
  [ -z "$1" ] || [ "$1" = "$2" ] || die "$cmd: unknown option '$1' (only $2)"
}
node_arg() {
  [[ ${1:-} =~ ^[0-9]+$ ]] && [ "$1" -ge 1 ] && [ "$1" -le "$N" ] || die "node must be 1..$N, got '${1:-}'"
}
names() { # sets TAG, BR from BASE
  local a b c; IFS=. read -r a b c <<<"$BASE"; TAG=$(printf '%02x%02x%02x' "$a" "$b" "$c"); BR=lvb$TAG
}
netns_of() { echo "lvsmon-$TAG-$1"; }
hveth_of() { echo "lvh$TAG-$1"; }
mac_of() { printf '02:6c:76:00:%02x:%02x' $(($1 / 256)) $(($1 % 256)); }
link_alias() { ip ${2:+-n "$2"} -d link show dev "$1" 2>/dev/null | sed -n 's/^ *alias //p'; }
link_is_ours() { [ "$(link_alias "$@")" = "lvsmon-netns $ID" ]; }
# a link this cluster recorded creating: ours unless another cluster marked it
link_is_ours_or_unmarked() { local a; a=$(link_alias "$@"); [ -z "$a" ] || [ "$a" = "lvsmon-netns $ID" ]; }
record() { echo "$*" >>"$DIR/created"; }

# ---- processes --------------------------------------------------------------

starttime() { local s; s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1; s=${s##*) }; awk '{print $20}' <<<"$s"; }
proc_state() { local s; s=$(cat "/proc/$1/stat" 2>/dev/null) || return 0; s=${s##*) }; echo "${s%% *}"; }
alive() { [ -d "/proc/$1" ] && [ "$(proc_state "$1")" != Z ]; }

# node I's reaper, verified against what start recorded (pid, start time):
# prints its pid, or nothing when it is not running.
init_pid() {
  local f="$DIR/node$1/init" pid st
  [ -r "$f" ] || return 0
  read -r pid st <"$f" || return 0
  alive "$pid" && [ "$(starttime "$pid")" = "$st" ] && echo "$pid"
  return 0
}
# every process in node I's PID namespace except its reaper: "HOSTPID NSPID"
node_procs() {
  local init ino
  init=$(init_pid "$1"); [ -n "$init" ] || return 0
  ino=$(stat -L -c %i "/proc/$init/ns/pid") || return 0
  { stat -L -c '%i %n' /proc/[0-9]*/ns/pid 2>/dev/null || true; } | awk -v ino="$ino" -v init="$init" '
    $1 == ino { split($2, p, "/"); if (p[3] != init) print p[3] }' |
  while read -r pid; do
    [ "$(proc_state "$pid")" = Z ] && continue
    awk -v pid="$pid" '/^NSpid:/ { print pid, $NF }' "/proc/$pid/status" 2>/dev/null || true
  done
}
# node I's listening sshd (host pid): the process whose namespace pid is in sshd.pid
listener_pid() {
  local f="$DIR/node$1/sshd.pid" nspid
  [ -r "$f" ] || return 0
  nspid=$(tr -dc 0-9 <"$f"); [ -n "$nspid" ] || return 0
  node_procs "$1" | awk -v n="$nspid" '$2 == n { print $1 }'
}
signal_all() { # SIGNAL PID... (those already gone are fine)
  local sig=$1; shift; [ $# -gt 0 ] || return 0; kill "-$sig" "$@" 2>/dev/null || true
}
wait_gone() { # SECONDS PID...: SIGKILL whatever is left after SECONDS
  local t=$1 k p left; shift
  for ((k = 0; k < t * 10; k++)); do
    left=""; for p in "$@"; do alive "$p" && left="$left $p"; done
    [ -z "$left" ] && return 0
    sleep 0.1
  done
  # shellcheck disable=SC2086
  signal_all KILL $left
}

# ---- nodes ------------------------------------------------------------------

write_loadavg() { # FILE "L1 L5 L15 [R/T PID]"
  local f=$1 v=$2 given=$2
  # shellcheck disable=SC2086
  set -- $v
  [ $# -eq 3 ] && v="$1 $2 $3 1/128 4242"
  [[ $v =~ ^[0-9]+\.[0-9]+\ [0-9]+\.[0-9]+\ [0-9]+\.[0-9]+\ [0-9]+/[0-9]+\ [0-9]+$ ]] ||
    die "load must look like '0.50 0.40 0.30' or '0.50 0.40 0.30 1/128 4242', got '$given'"
  # one write at a fixed length, without truncation (1<> opens read-write):
  # a reader sees the old or the new line, never an empty file.
  [ ${#v} -le 62 ] || die "load line too long: '$v'"
  printf '%-62s\n' "$v" 1<>"$f"
}

write_sshd_config() { # I HOSTKEY
  local i=$1 d="$DIR/node$1"
  cat >"$d/sshd_config" <<EOF
# node$i of the lvsmon netns cluster $ID (written by cluster.sh)
Port 22
ListenAddress $BASE.$i
AddressFamily inet
HostKey $2
PidFile $d/sshd.pid
AuthorizedKeysFile $DIR/authorized_keys
AllowUsers root
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
HostbasedAuthentication no
GSSAPIAuthentication no
UsePAM no
StrictModes no
UseDNS no
PrintMotd no
PrintLastLog no
X11Forwarding no
AllowAgentForwarding no
AllowTcpForwarding no
PermitTunnel no
MaxStartups 100:30:200
SetEnv LVS_NODE=$i
LogLevel INFO
EOF
}

# node I's namespaces and reaper; their pids go to nodeI/init and nodeI/unshare
start_init() {
  local i=$1 d="$DIR/node$1" ns rhome k upid pid=""
  ns=$(netns_of "$i")
  rhome=$(getent passwd root | cut -d: -f6); rhome=${rhome:-/root}
  # --propagation slave: when another cluster deletes its namespace files on
  # the host, they are unmounted here too, so this node never keeps another
  # cluster's netns alive. --kill-child: if unshare dies, so does the reaper
  # (and with it every process in the node).
  setsid ip netns exec "$ns" unshare --pid --kill-child --mount-proc --uts --propagation slave -- /bin/sh -c '
      hostname "$1" && mount --bind "$2" /proc/loadavg && mount --bind "$3" "$4" || exit 1
      exec perl -e '\''$0 = "lvsmon-netns-init $ARGV[0]"; while (1) { sleep 1 if wait() < 0 }'\'' "$1"' \
    sh "node$i" "$d/loadavg" "$d/home" "$rhome" </dev/null >>"$d/init.log" 2>&1 8>&- 9>&- &
  # setsid and ip netns exec exec in place: $! is unshare, recorded at once so
  # that down can end it whatever happens next
  upid=$!
  echo "$upid $(starttime "$upid")" >"$d/unshare"
  # the reaper: unshare's child, pid 1 of the node's PID namespace
  for ((k = 0; k < 100; k++)); do
    pid=$(cat "/proc/$upid/task/$upid/children" 2>/dev/null || true); pid=${pid%% *}  # no newline: not for read
    # its name changes once the mounts are in place and perl runs
    if [ -n "$pid" ] && [[ $(tr "\0" " " <"/proc/$pid/cmdline" 2>/dev/null) == lvsmon-netns-init* ]]; then
      echo "$pid $(starttime "$pid")" >"$d/init"
      return 0
    fi
    alive "$upid" || break
    sleep 0.05
  done
  die "node$i: its namespaces did not come up (see $d/init.log)"
}

start_node() { # I
  local i=$1 d="$DIR/node$1" init k
  [ -z "$(listener_pid "$i")" ] || { say "node$i: sshd already running"; return 0; }
  init=$(init_pid "$i")
  if [ -z "$init" ]; then start_init "$i"; init=$(init_pid "$i"); fi
  rm -f "$d/sshd.pid"
  # sshd daemonizes: its parent exits, and the daemon is adopted by the reaper.
  # -r: the reaper's root directory, not its mount namespace's (they differ when
  # this script runs chrooted, as in the User-Mode Linux guest of ipvs-vm/run.sh)
  nsenter -t "$init" -n -m -u -p -r -- "$SSHD" -f "$d/sshd_config" -E "$d/sshd.log" </dev/null 8>&- 9>&- ||
    die "node$i: sshd did not start (see $d/sshd.log)"
  for ((k = 0; k < 100; k++)); do
    if [ -n "$(listener_pid "$i")" ] && [ -n "$(nsenter -t "$init" -n ss -Hltn "sport = :22")" ]; then return 0; fi
    sleep 0.05
  done
  die "node$i: sshd is not listening on $BASE.$i:22 (see $d/sshd.log)"
}

stop_node() { # I [--listener]: prints nothing; returns 1 when nothing ran
  local i=$1 pids
  if [ "${2:-}" = --listener ]; then pids=$(listener_pid "$i")
  else pids=$(node_procs "$i" | awk '{ print $1 }'); fi
  rm -f "$DIR/node$i/sshd.pid"
  [ -n "$pids" ] || return 1
  # shellcheck disable=SC2086
  { signal_all CONT $pids; signal_all TERM $pids; wait_gone 2 $pids; }  # a stopped process ignores TERM
  return 0
}

# ---- commands ---------------------------------------------------------------

cmd_up() {
  local n="" shared=0 base=10.250.0 o
  while [ $# -gt 0 ]; do
    case $1 in
      --base) [ $# -ge 2 ] || die "--base needs A.B.C"; base=$2; shift 2;;
      --base=*) base=${1#--base=}; shift;;
      --shared-hostkey) shared=1; shift;;
      *) [ -z "$n" ] || die "up: unexpected argument '$1'"; n=$1; shift;;
    esac
  done
  [[ $n =~ ^[0-9]+$ ]] && [ "$n" -ge 1 ] && [ "$n" -le 250 ] || die "up N: N must be 1..250, got '$n'"
  [[ $base =~ ^([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})$ ]] || die "--base must be A.B.C, got '$base'"
  for o in "${BASH_REMATCH[@]:1}"; do [ "$o" -le 255 ] || die "--base $base: octet $o > 255"; done
  case $base in 0.*|127.*|22[4-9].*|2[3-5][0-9].*) die "--base $base: not a unicast /24";; esac
  check_prerequisites

  local made=0
  if [ -z "$DIR" ]; then DIR=$(mktemp -d /tmp/lvsmon-netns.XXXXXX); made=1
  else mkdir -p "$DIR"; fi
  DIR=$(cd "$DIR" && pwd)
  [ -z "$(ls -A "$DIR" 2>/dev/null)" ] || die "$DIR is not empty (a cluster up there? run down first)"
  lock_dir
  [ $made = 1 ] && : >"$DIR/.made-by-cluster-sh"
  N=$n BASE=$base SHARED=$shared ID=$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
  names
  printf 'N=%d\nBASE=%s\nSHARED=%d\nID=%s\n' "$N" "$BASE" "$SHARED" "$ID" >"$DIR/cluster.env"
  : >"$DIR/created"
  # from here on, a failure undoes whatever was made
  trap 'rc=$?; [ $rc = 0 ] || { say "up failed; cleaning up"; cmd_down >/dev/null 2>&1 || true; }; exit $rc' EXIT

  # claim the subnet: check and create under a host-wide lock, so that two
  # clusters started at once cannot both take it
  (
    flock 8
    [ -z "$(ip -4 -o addr show to "$BASE.0/24")" ] || in_use "an address in $BASE.0/24 exists on this host (try another --base)"
    [ -z "$(ip -4 route show table all root "$BASE.0/24")" ] || in_use "a route inside $BASE.0/24 exists on this host (try another --base)"
    [ -z "$(ip -4 route show table all match "$BASE.0/24" | grep -v '^default ' || true)" ] ||
      in_use "a route covering $BASE.0/24 exists on this host (try another --base)"
    ! ip link show dev "$BR" >/dev/null 2>&1 || in_use "link $BR exists (try another --base)"
    ip route add unreachable "$BASE.0/24" metric $GUARD_METRIC
    echo "route $BASE.0/24" >>"$DIR/created"
    # a fixed MAC: else the bridge takes its lowest port's, and each change of it
    # flushes the neighbour table, the permanent entries included
    ip link add "$BR" address $BR_MAC type bridge stp_state 0 forward_delay 0
    echo "link $BR" >>"$DIR/created"
    ip link set dev "$BR" alias "lvsmon-netns $ID"
  ) 8>>"$GLOBAL_LOCK"
  echo 1 >"/proc/sys/net/ipv6/conf/$BR/disable_ipv6" 2>/dev/null || true
  ip addr add "$BASE.254/24" dev "$BR"
  ip link set dev "$BR" up
  [ -d /run/sshd ] || mkdir -m 0755 /run/sshd  # sshd's privilege separation directory on Debian

  ssh-keygen -q -t ed25519 -N '' -C "lvsmon-netns-client" -f "$DIR/client_key"
  cp "$DIR/client_key.pub" "$DIR/authorized_keys"
  [ "$SHARED" = 0 ] || ssh-keygen -q -t ed25519 -N '' -C "lvsmon-netns-shared" -f "$DIR/shared_host_key"
  cat >"$DIR/ssh_config" <<EOF
# ssh -F $DIR/ssh_config nodeI   (written by cluster.sh)
Host node* $BASE.*
    User root
    IdentityFile $DIR/client_key
    IdentitiesOnly yes
    UserKnownHostsFile $DIR/known_hosts
    GlobalKnownHostsFile /dev/null
    StrictHostKeyChecking yes
    UpdateHostKeys no
    BatchMode yes
    ConnectTimeout 5
    LogLevel ERROR
EOF
  : >"$DIR/known_hosts"

  local i d ns hv key
  for ((i = 1; i <= N; i++)); do
    d="$DIR/node$i" ns=$(netns_of "$i") hv=$(hveth_of "$i")
    mkdir -p "$d/home"; chmod 0700 "$d/home"
    ip netns add "$ns"; record "netns $ns"
    ip link add "$hv" type veth peer name eth0 netns "$ns"; record "link $hv"
    ip link set dev "$hv" alias "lvsmon-netns $ID"
    echo 1 >"/proc/sys/net/ipv6/conf/$hv/disable_ipv6" 2>/dev/null || true
    ip link set dev "$hv" master "$BR" up
    ip netns exec "$ns" sh -c 'echo 1 >/proc/sys/net/ipv6/conf/all/disable_ipv6' 2>/dev/null || true
    ip -n "$ns" link set dev eth0 address "$(mac_of "$i")" alias "lvsmon-netns $ID"
    ip -n "$ns" addr add "$BASE.$i/24" dev eth0
    ip -n "$ns" link set dev eth0 up
    ip -n "$ns" link set dev lo up
    # a permanent neighbour entry: with the link down, packets are then dropped
    # silently (connect timeouts) instead of failing ARP (No route to host)
    ip neigh replace "$BASE.$i" lladdr "$(mac_of "$i")" dev "$BR" nud permanent

    if [ "$SHARED" = 1 ]; then key=$DIR/shared_host_key
    else key=$d/ssh_host_ed25519_key; ssh-keygen -q -t ed25519 -N '' -C "lvsmon-netns-node$i" -f "$key"; fi
    echo "$BASE.$i $(cut -d' ' -f1,2 "$key.pub")" >>"$DIR/known_hosts"
    printf 'Host node%d\n    HostName %s.%d\n' "$i" "$BASE" "$i" >>"$DIR/ssh_config"
    : >"$d/loadavg"; write_loadavg "$d/loadavg" "0.00 0.00 0.00"
    write_sshd_config "$i" "$key"
    "$SSHD" -t -f "$d/sshd_config" || die "node$i: sshd -t rejects $d/sshd_config"
  done
  cp "$DIR/known_hosts" "$DIR/known_hosts.hashed"
  ssh-keygen -q -H -f "$DIR/known_hosts.hashed" >/dev/null 2>&1
  rm -f "$DIR/known_hosts.hashed.old"
  [ "$SHARED" = 0 ] || echo "login-vip $(cut -d' ' -f1,2 "$DIR/shared_host_key.pub")" >"$DIR/known_hosts.alias"
  for ((i = 1; i <= N; i++)); do start_node "$i"; done
  trap - EXIT
  say "up: $N nodes $BASE.1-$BASE.$N behind $BR ($BASE.254)"
  echo "LVSMON_NETNS_DIR=$DIR"
}

cmd_down() {
  [ -n "$DIR" ] || die "no state directory: give --dir DIR or set LVSMON_NETNS_DIR"
  [ -d "$DIR" ] || { say "down: $DIR does not exist; nothing to do"; return 0; }
  [ -r "$DIR/cluster.env" ] || { say "down: no cluster in $DIR; nothing to do"; return 0; }
  load_state; names
  local d i pid st pids="" ns l what
  # SIGKILL to a node's reaper (pid 1 of its namespace) ends every process in
  # it; unshare then reaps it and exits (else SIGKILL after 3 s, which also
  # ends a reaper that was never recorded: --kill-child)
  for d in "$DIR"/node[0-9]*; do
    [ -d "$d" ] || continue
    for what in init unshare; do
      [ -r "$d/$what" ] || continue
      read -r pid st <"$d/$what" || continue
      alive "$pid" && [ "$(starttime "$pid")" = "$st" ] || continue
      if [ $what = init ]; then kill -KILL "$pid" 2>/dev/null || true; fi
      pids="$pids $pid"
    done
  done
  # shellcheck disable=SC2086
  wait_gone 3 $pids
  while read -r what l; do
    case $what in
      netns)
        [ -e "/run/netns/$l" ] || continue
        i=${l##*-}
        if link_is_ours_or_unmarked eth0 "$l" || ! ip -n "$l" link show dev eth0 >/dev/null 2>&1; then
          ip link del dev "$(hveth_of "$i")" 2>/dev/null || true
          left=$(ip netns pids "$l" 2>/dev/null | tr '\n' ' ')
          [ -z "$left" ] || say "warning: $l still holds processes this script did not start: $left(left alone)"
          ip netns del "$l"
        else say "warning: $l does not hold this cluster's link; left alone"; fi;;
      link)
        ip link show dev "$l" >/dev/null 2>&1 || continue
        if link_is_ours_or_unmarked "$l"; then ip link del dev "$l"; else say "warning: link $l is not this cluster's; left alone"; fi;;
      route)
        ip route del unreachable "$l" metric $GUARD_METRIC 2>/dev/null || true;;
    esac
  done < <(tac "$DIR/created" 2>/dev/null)
  if [ -e "$DIR/.made-by-cluster-sh" ]; then rm -rf "$DIR"
  else find "$DIR" -mindepth 1 -maxdepth 1 ! -name .lock -exec rm -rf {} +; rm -f "$DIR/.lock"; fi
  say "down: done"
}

cmd_status() {
  local i pid link sshd
  printf '%-7s %-15s %-13s %-22s %s\n' NODE ADDRESS LINK SSHD LOADAVG
  for ((i = 1; i <= N; i++)); do
    link=up
    [[ $(ip -o link show dev "$(hveth_of "$i")" 2>/dev/null) == *[\<,]UP[,\>]* ]] || link=DOWN
    [ $link = up ] || [[ $(ip neigh show "$BASE.$i" dev "$BR") == *PERMANENT* ]] || link=DOWN-unreach
    pid=$(listener_pid "$i")
    if [ -z "$pid" ]; then sshd=stopped
    elif [ "$(proc_state "$pid")" = T ]; then sshd="FROZEN pid $pid"
    else sshd="running pid $pid"; fi
    printf '%-7s %-15s %-13s %-22s %s\n' "node$i" "$BASE.$i" "$link" "$sshd" "$(sed 's/ *$//' "$DIR/node$i/loadavg")"
  done
}

cmd_pids() {
  local i what pid st lp
  for ((i = 1; i <= N; i++)); do
    for what in unshare init; do
      [ -r "$DIR/node$i/$what" ] || continue
      read -r pid st <"$DIR/node$i/$what" || continue
      alive "$pid" && [ "$(starttime "$pid")" = "$st" ] && echo "node$i $what $pid"
    done
    lp=$(listener_pid "$i")
    node_procs "$i" | while read -r pid _; do
      if [ "$pid" = "$lp" ]; then echo "node$i sshd $pid"; else echo "node$i session $pid"; fi
    done
  done
}

cmd=${1:-help}; shift || true
case $cmd in
  up) cmd_up "$@"; exit 0;;
  down) [ -z "$DIR" ] || [ ! -e "$DIR/cluster.env" ] || lock_dir; cmd_down; exit 0;;
  help|-h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0;;
esac
load_state; lock_dir; names
case $cmd in
  status) cmd_status;;
  pids) cmd_pids;;
  kill)
    node_arg "${1:-}"; opt_arg "${2:-}" --listener
    if stop_node "$1" "${2:-}"; then say "node$1: sshd killed${2:+ (listener only)}"; else say "node$1: sshd was not running"; fi;;
  start) node_arg "${1:-}"; start_node "$1"; say "node$1: sshd running (pid $(listener_pid "$1"))";;
  freeze)
    node_arg "${1:-}"; opt_arg "${2:-}" --listener; i=$1
    [ -n "$(listener_pid "$i")" ] || die "node$i: sshd is not running"
    # three passes: a session forking while the first pass stops its parent
    for k in 1 2 3; do
      if [ "${2:-}" = --listener ]; then pids=$(listener_pid "$i"); else pids=$(node_procs "$i" | awk '{ print $1 }'); fi
      # shellcheck disable=SC2086
      signal_all STOP $pids
    done
    say "node$i: frozen";;
  thaw)
    node_arg "${1:-}"
    # shellcheck disable=SC2046
    signal_all CONT $(node_procs "$1" | awk '{ print $1 }')
    say "node$1: thawed";;
  linkdown)
    node_arg "${1:-}"; opt_arg "${2:-}" --unreach; hv=$(hveth_of "$1")
    link_is_ours "$hv" || die "link $hv is not this cluster's"
    ip link set dev "$hv" down
    if [ "${2:-}" = --unreach ]; then
      ip neigh del "$BASE.$1" dev "$BR" 2>/dev/null || true; say "node$1: link down (unreachable: ARP fails)"
    else say "node$1: link down (packets dropped: timeouts)"; fi;;
  linkup)
    node_arg "${1:-}"; hv=$(hveth_of "$1")
    link_is_ours "$hv" || die "link $hv is not this cluster's"
    ip neigh replace "$BASE.$1" lladdr "$(mac_of "$1")" dev "$BR" nud permanent
    ip link set dev "$hv" up; say "node$1: link up";;
  load)
    node_arg "${1:-}"; [ $# -ge 2 ] || die "usage: load I \"L1 L5 L15 [R/T PID]\""
    write_loadavg "$DIR/node$1/loadavg" "$2";;
  hostkey)
    node_arg "${1:-}"; i=$1; key=$DIR/node$i/ssh_host_ed25519_key
    rm -f "$key" "$key.pub"
    ssh-keygen -q -t ed25519 -N '' -C "lvsmon-netns-node$i-rekeyed" -f "$key"
    write_sshd_config "$i" "$key"
    if stop_node "$i" --listener; then start_node "$i"; fi
    say "node$i: new host key $(ssh-keygen -l -f "$key.pub" | awk '{ print $2 }')";;
  ssh)
    node_arg "${1:-}"; i=$1; shift
    exec 9>&-; exec ssh -F "$DIR/ssh_config" "node$i" "$@";;
  *) die "unknown command '$cmd' (try --help)";;
esac
