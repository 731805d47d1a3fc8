#!/bin/bash
# guest.sh -- the site story end to end, inside one User-Mode Linux guest
# (test-fixtures/ipvs-vm/run.sh), for SiteEndToEndSystemIT.
#
# usage (as root, in the guest, from the project directory):
#   guest.sh JAVA CLASSPATH JAR    run the whole story, print "=== NAME" sections
#   guest.sh worker ...            internal: one login worker, run in the client netns
#
# What it builds (one kernel, real packets through real IPVS):
#   - a director (the guest's root netns): the VIP 10.99.203.43 with two virtual
#     services, both LVS-NAT (masquerading) to the login nodes' port 22:
#       10.99.203.43:22    interactive logins, wrr, weights driven by lvsmon's
#                          `balance` from each node's health and load;
#       10.99.203.43:2222  file transfers, wlc persistent 1h, static weights:
#                          failing nodes quiesced and restored by lvs.alert;
#   - four login nodes (test-fixtures/netns/cluster.sh: a netns, PID, mount and
#     UTS namespace each with a real sshd, one shared host key as at INCLINE),
#     10.7.7.1-4, default route via the director (10.7.7.254) so NAT replies
#     go back through it; each node's /proc/loadavg is a file set by the script;
#   - a client netns with eight source addresses 10.20.0.1-8 that makes real
#     OpenSSH logins (key, BatchMode, strict host key checking under the alias
#     login-vip) to the VIP, each printing the node's host name;
#   - a real SMTP server (GreenMail, org.lvsmon.daemon.SmtpSink) on 127.0.0.1:2525;
#   - lvsmon run (the built jar) on a seed-style mon.cf (written below).
# Then: logins by the first weights; a node's load raised, logins again; a node's
# sshd killed (weight 0, down mail, quiesced on :2222, logins avoid it); started
# again (up mail, slow start from the floor, restored on :2222).
#
# It decides nothing: it prints what it saw (weights, login results, times in
# epoch ms, mails, the daemon's log) and the test asserts. Exit status non-zero
# only when the setup itself failed.
set -euo pipefail

VIP=10.99.203.43 BASE=10.7.7 NODES=4 SMTP_PORT=2525
# The balance policy (also in mon.cf below): w = floor + (ceiling-floor) * (1 - load/fullload),
# here 20 - 10 * load: whole weights with a small common divisor, so wrr's cycle is short
# (13 logins at 20 15 10 20) and 100 logins show its proportions closely.
# Intervals: load 3s (persistent sessions: cheap); ssh 6s (each run is a new connection per node,
# and an sshd start costs the one-CPU guest about a second).
FLOOR=1 CEILING=20 FULLLOAD=1.9 INTERVAL=3 SSH_INTERVAL=6 SLOWSTART=12
# Each distribution check makes 104 logins (8 whole wrr cycles at 20 15 10 20; 10 at 5 15 10 20).
# An OpenSSH login costs the one-CPU guest 1.5-3.5 s, so a check takes about 2.5 minutes;
# SITE_E2E_LOGINS=52 halves that when working on the test itself.
LOGINS=${SITE_E2E_LOGINS:-104} WORKERS=2

now() { local t=${EPOCHREALTIME/./}; REPLY=$((t / 1000)); } # epoch ms, without a fork
log() { now; echo "[guest $REPLY] $*" >&2; }

# ---- the login worker (runs inside the client netns) -------------------------
if [[ ${1:-} == worker ]]; then
  # worker CONFIG FIRST STEP COUNT OUT: logins FIRST, FIRST+STEP, ... from 10.20.0.(K%8+1)
  cfg=$2 k=$3 step=$4 n=$5 out=$6
  for ((j = 0; j < n; j++, k += step)); do
    src=10.20.0.$((k % 8 + 1))
    if r=$(ssh -F "$cfg" -b "$src" "root@$VIP" 'echo $HOSTNAME' 2>&1); then echo "$src $r"
    else echo "$src FAIL $? ${r//$'\n'/ }"; fi
  done >"$out"
  exit 0
fi

JAVA=${1:?usage: guest.sh JAVA CLASSPATH JAR} CP=${2:?classpath} JAR=${3:?the lvsmon jar}
here=$(cd "$(dirname "$0")" && pwd)
project=$(cd "$here/../.." && pwd)
# SITE_E2E_WORK: keep the files there (e.g. under target/, to read after a failed run)
if [[ -n ${SITE_E2E_WORK:-} ]]; then rm -rf "$SITE_E2E_WORK"; mkdir -p "$SITE_E2E_WORK"; work=$(cd "$SITE_E2E_WORK" && pwd)
else work=$(mktemp -d /tmp/site-e2e.XXXXXX); fi
cluster=/tmp/site-e2e-cluster.$$  # the nodes' files stay off the project mount
pids=()
finish() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  bash "$project/test-fixtures/netns/cluster.sh" --dir "$cluster" down >/dev/null 2>&1 || true
}
trap finish EXIT

# ---- network -------------------------------------------------------------------
now; t_setup=$REPLY
modprobe veth
modprobe ip_vs_wrr
modprobe ip_vs_wlc
bash "$project/test-fixtures/netns/cluster.sh" --dir "$cluster" up $NODES --base $BASE --shared-hostkey >&2
. "$cluster/cluster.env"
tag=$(printf '%02x%02x%02x' ${BASE//./ })
for ((i = 1; i <= NODES; i++)); do ip -n "lvsmon-$tag-$i" route add default via $BASE.254; done
sysctl -qw net.ipv4.ip_forward=1
ip addr add $VIP/32 dev lo
ip netns add site-client
ip link add lvclient type veth peer name eth0 netns site-client
ip addr add 10.20.0.254/24 dev lvclient
ip link set dev lvclient up
ip -n site-client link set dev lo up
ip -n site-client link set dev eth0 up
for k in 1 2 3 4 5 6 7 8; do ip -n site-client addr add 10.20.0.$k/24 dev eth0; done
ip -n site-client route add default via 10.20.0.254

# the site's own ipvsadm script: lvsmon never creates a virtual service
ipvsadm -A -t $VIP:22 -s wrr
ipvsadm -A -t $VIP:2222 -s wlc -p 3600
for ((i = 1; i <= NODES; i++)); do
  ipvsadm -a -t $VIP:22 -r $BASE.$i:22 -m -w 1
  ipvsadm -a -t $VIP:2222 -r $BASE.$i:22 -m -w 10
done

cat >"$work/ssh_config" <<EOF
Host *
    User root
    IdentityFile $cluster/client_key
    IdentitiesOnly yes
    UserKnownHostsFile $cluster/known_hosts.alias
    GlobalKnownHostsFile /dev/null
    HostKeyAlias login-vip
    StrictHostKeyChecking yes
    UpdateHostKeys no
    BatchMode yes
    ConnectTimeout 5
    LogLevel ERROR
EOF

# ---- the mail sink and lvsmon -----------------------------------------------------
load() { bash "$project/test-fixtures/netns/cluster.sh" --dir "$cluster" load "$1" "$2 $2 $2"; }
LOADS=(x 0.00 0.50 1.00 0.00)
for ((i = 1; i <= NODES; i++)); do load $i ${LOADS[i]}; done

"$JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx64m -cp "$CP" org.lvsmon.daemon.SmtpSink $SMTP_PORT "$work/mail" \
  >"$work/sink.log" 2>&1 &
pids+=($!)

mkdir -p "$work/state"
cat >"$work/mail.conf" <<EOF
host = 127.0.0.1
port = $SMTP_PORT
from = lvsmon@director
helo = director
connect_timeout = 5s
timeout = 10s
EOF
auth="-u root -i $cluster/client_key -k $cluster/known_hosts.alias --host-key-alias login-vip"
cat >"$work/mon.cf" <<EOF
# the seed site (INCLINE): one director, LVS-NAT, two watches' worth of services over the same nodes
mondir = $project/monitors
alertdir = $project/alerts
statedir = $work/state
logdir = $work/state
mailsettings = $work/mail.conf
serverbind = 127.0.0.1
trapbind = 127.0.0.1

hostgroup login $BASE.1 $BASE.2 $BASE.3 $BASE.4

watch login
    service ssh
        description sshd answering on the login nodes (the transfer VIP follows it)
        interval ${SSH_INTERVAL}s
        monitor ssh.monitor -t 5 -b 10
        period wd {Sun-Sat}
            alert mail.alert -S "ssh down on a login node" hpc-admins@example.org
            upalert mail.alert -S "ssh back on a login node" hpc-admins@example.org
            alert lvs.alert -P tcp -V $VIP:2222 -F nat
            upalert lvs.alert -P tcp -V $VIP:2222 -F nat -W 10
            alertevery 1h
    service load
        description load per CPU of the login nodes: the interactive VIP's weights
        interval ${INTERVAL}s
        monitor ssh-load.monitor -t 5 -b 10 -T 15 -e 10 --max-backoff 3 $auth
        balance tcp $VIP:22 forward=nat floor=$FLOOR ceiling=$CEILING fullload=$FULLLOAD smoothing=3s deadband=0 slowstart=${SLOWSTART}s
EOF
"$JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx128m -jar "$JAR" run -c "$work/mon.cf" --ipvs netlink \
  >"$work/daemon.log" 2>&1 &
pids+=($!)
daemon=${pids[-1]}

# ---- helpers ------------------------------------------------------------------------
table() { # reads the kernel's table once (one fork): sets W22 and W2222, the weights of node 1..N
  local line port i
  local -A w=()
  while read -r line; do
    [[ $line =~ ^-a\ -t\ ${VIP//./\\.}:([0-9]+)\ -r\ ${BASE//./\\.}\.([0-9]+):22\ .*-w\ ([0-9]+) ]] || continue
    w[${BASH_REMATCH[1]}.${BASH_REMATCH[2]}]=${BASH_REMATCH[3]}
  done <<<"$(ipvsadm -Sn)" # no process substitution: the guest has no /dev/fd
  W22="" W2222=""
  for ((i = 1; i <= NODES; i++)); do W22+="${w[22.$i]:--} " W2222+="${w[2222.$i]:--} "; done
  W22=${W22% } W2222=${W2222% }
}
weights() { # PORT: the kernel's weights of node 1..N, space-separated
  table; local v=W$1; echo "${!v}"
}
target() { # LOAD: the weight the policy gives a healthy node with that load
  awk -v f=$FLOOR -v c=$CEILING -v full=$FULLLOAD -v l="$1" \
    'BEGIN { w = f + (c - f) * (1 - l / full); if (w < f) w = f; printf "%d\n", w + 0.5 }'
}
alive() { kill -0 "$daemon" 2>/dev/null || { echo "lvsmon exited; its log:" >&2; cat "$work/daemon.log" >&2; exit 1; }; }
before() { # DEADLINE: whether it is earlier than DEADLINE (epoch ms)
  now; [[ $REPLY -lt $1 ]]
}
wait_weights() { # WANT SECONDS: until the :22 weights are WANT (or the time is up)
  local end
  now; end=$((REPLY + $2 * 1000))
  while before $end; do
    table; [[ $W22 == "$1" ]] && return 0
    alive; sleep 0.25
  done
  log "weights still $W22 after $2 s, expected $1"
}
find_mail() { # KIND SINCE: the first mail whose subject starts with KIND (ALERT, UPALERT) received at or
  # after SINCE (epoch ms): sets MAIL_AT (its arrival) and MAIL_FILE; fails when there is none yet
  local f at subject
  for f in "$work"/mail/mail-*; do
    [[ -f $f ]] || continue
    { read -r _ at; read -r _ subject; } <"$f"
    if [[ $at -ge $2 && $subject == "$1 "* ]]; then MAIL_AT=$at MAIL_FILE=$f; return 0; fi
  done
  return 1
}
logins() { # TAG: $LOGINS logins from the client netns, $WORKERS at a time
  local tag=$1 w each=$(((LOGINS + WORKERS - 1) / WORKERS)) start workers=()
  now; start=$REPLY
  for ((w = 0; w < WORKERS; w++)); do
    ip netns exec site-client bash "$0" worker "$work/ssh_config" $w $WORKERS $each "$work/logins-$tag.$w" &
    workers+=($!)
  done
  wait "${workers[@]}"
  now
  echo "=== logins-$tag"
  cat "$work/logins-$tag".*
  echo "=== logins-$tag/ms"
  echo $((REPLY - start))
}

# ---- the story ---------------------------------------------------------------------
want=""
for ((i = 1; i <= NODES; i++)); do want+="$(target ${LOADS[i]}) "; done
want=${want% }
wait_weights "$want" 120
# a start under load may have failed the nodes' checks once; then the transfer VIP was quiesced and
# comes back with the up alert: start the story from the steady state
now; end=$((REPLY + 60000))
while before $end && { table; [[ $W2222 != "10 10 10 10" ]]; }; do alive; sleep 0.25; done
now; t_ready=$REPLY
echo "=== setup"
echo "loads ${LOADS[*]:1}"
echo "ms $((t_ready - t_setup))"

# 1. logins land on the live nodes in proportion to the weights
echo "=== weights-A"; weights 22
logins A
echo "=== weights-A/after"; weights 22

# 2. node 1's load rises: its weight falls, and new logins move away from it
now; t_load=$REPLY
load 1 1.50
wait_weights "$(target 1.50) $(target ${LOADS[2]}) $(target ${LOADS[3]}) $(target ${LOADS[4]})" 60
now
echo "=== load-raised"
echo "node 1 load 1.50"
echo "ms $((REPLY - t_load))"
echo "=== weights-B"; weights 22
logins B
echo "=== weights-B/after"; weights 22

# 3. node 4's sshd is killed: weight 0, the down mail, quiesced on the transfer VIP
# node 4's sshd and sessions as cluster.sh kill ends them (CONT, TERM), but signalled at a known moment
victims=$(bash "$project/test-fixtures/netns/cluster.sh" --dir "$cluster" pids | awk '$1 == "node4" && $2 != "init" && $2 != "unshare" { print $3 }')
[[ -n $victims ]] || { echo "node 4 has no sshd to kill" >&2; exit 1; }
now; t_kill=$REPLY
kill -CONT $victims 2>/dev/null || true
kill -TERM $victims 2>/dev/null || true
bash "$project/test-fixtures/netns/cluster.sh" --dir "$cluster" kill 4 >&2 # whatever is left, and its pid file
now; t_killed=$REPLY
w0="" mail="" q="" mailfile=""
while before $((t_kill + 60000)); do
  table
  [[ -z $w0 && $W22 =~ ^([0-9-]+\ ){3}0$ ]] && { now; w0=$REPLY; }
  [[ -z $q && $W2222 =~ ^([0-9-]+\ ){3}0$ ]] && { now; q=$REPLY; }
  [[ -z $mail ]] && find_mail ALERT $t_kill && { mail=$MAIL_AT; mailfile=$MAIL_FILE; }
  [[ -n $w0 && -n $mail && -n $q ]] && break
  alive; sleep 0.25
done
echo "=== killed"
echo "kill $t_kill"
echo "kill-done $t_killed"
echo "weight0 ${w0:--}"
echo "mail ${mail:--}"
echo "quiesced ${q:--}"
echo "=== killed/weights"; weights 22
echo "=== killed/weights-2222"; weights 2222
[[ -n $mail ]] && { echo "=== killed/mail"; cat "$mailfile"; }
LOGINS=12 logins C

# 4. node 4 back: the up mail, restored on :2222, and :22 climbs from the floor (slow start)
now; t_start=$REPLY
# in the background: cluster.sh start takes seconds in the guest, and lvsmon may see the node meanwhile
bash "$project/test-fixtures/netns/cluster.sh" --dir "$cluster" start 4 >&2 &
starter=$! t_started=""
up="" restored="" last="" ramp=() upfile=""
full=$(target ${LOADS[4]})
while before $((t_start + 60000)); do
  [[ -z $t_started ]] && ! kill -0 $starter 2>/dev/null && { wait $starter; now; t_started=$REPLY; }
  table; w=${W22##* }
  if [[ $w != "$last" ]]; then now; ramp+=("$((REPLY - t_start)) $w"); last=$w; fi
  [[ -z $restored && $W2222 =~ \ 10$ ]] && { now; restored=$REPLY; }
  [[ -z $up ]] && find_mail UPALERT $t_start && { up=$MAIL_AT; upfile=$MAIL_FILE; }
  [[ $w == "$full" && -n $up && -n $restored && -n $t_started ]] && break
  alive; sleep 0.25
done
echo "=== restarted"
echo "start $t_start"
echo "start-done ${t_started:--}"
echo "mail ${up:--}"
echo "restored ${restored:--}"
echo "=== restarted/ramp"
printf '%s\n' "${ramp[@]}"
[[ -n $up ]] && { echo "=== restarted/mail"; cat "$upfile"; }
echo "=== mails"
for f in "$work"/mail/mail-*; do [[ -f $f ]] && sed -n '1,3p' "$f"; done
echo "=== daemon-log"
cat "$work/daemon.log"
for ((i = 1; i <= NODES; i++)); do echo "=== sshd-log/$i"; tail -n 20 "$cluster/node$i/sshd.log"; done
echo "=== sink-log"
cat "$work/sink.log"
echo "=== end"
