#!/bin/bash
# run.sh -- run one command as root under a throw-away User-Mode Linux kernel
# that has IPVS, for lvsmon's IPVS system tests.
#
# usage: run.sh [--mem MB] [--timeout S] -- COMMAND [ARG...]
#
# The machines lvsmon is built on may have no IPVS in their kernel (and no
# usable KVM), so this boots Debian's user-mode-linux kernel as an ordinary
# process. Inside the guest:
#   - the host's / is the root file system, read-only underneath a tmpfs
#     overlay: the guest sees java, ~/.m2 and ipvsadm, and its writes vanish;
#   - the current directory is mounted read-write at the same path, so the
#     command can read target/ and write results there;
#   - ip_vs is loaded (other IPVS modules load on demand), lo is up, there is no
#     other network; you are root, in the caller's environment, with stdin
#     from /dev/null.
# The command's stdout and stderr come back on ours, after it ends.
#
# Exit status: the command's own; 124 when it outlives --timeout (default
# 300 s); 125 when the harness or the guest failed (the reason, and the tail
# of the guest's console, on stderr). Each run has its own kernel, so runs
# may go in parallel.
#
# Needs the Debian packages user-mode-linux, ipvsadm, kmod and iproute2
# (test-fixtures/install-prereqs.sh installs them); it installs nothing.
set -euo pipefail

mem=1024 limit=300
fail() { echo "run.sh: $*" >&2; exit 125; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --mem) mem=${2:?--mem needs a number}; shift 2 ;;
    --timeout) limit=${2:?--timeout needs a number}; shift 2 ;;
    --) shift; break ;;
    *) fail "unknown option $1 (usage: run.sh [--mem MB] [--timeout S] -- COMMAND...)" ;;
  esac
done
[[ $# -gt 0 ]] || fail "no command (usage: run.sh [--mem MB] [--timeout S] -- COMMAND...)"
[[ $mem =~ ^[0-9]+$ && $limit =~ ^[0-9]+$ ]] || fail "--mem and --timeout take whole numbers"

kernel=/usr/bin/linux.uml
missing=()
[[ -x $kernel ]] || missing+=("user-mode-linux ($kernel)")
command -v ipvsadm >/dev/null 2>&1 || [[ -x /usr/sbin/ipvsadm ]] || missing+=("ipvsadm")
[[ -x /usr/sbin/modprobe || -x /sbin/modprobe ]] || missing+=("kmod (modprobe)")
[[ -x /usr/sbin/ip || -x /sbin/ip || -x /usr/bin/ip ]] || missing+=("iproute2 (ip)")
command -v timeout >/dev/null 2>&1 || missing+=("coreutils (timeout)")
if [[ ${#missing[@]} -gt 0 ]]; then
  fail "missing Debian packages: ${missing[*]}; run test-fixtures/install-prereqs.sh as root"
fi
modules=$(ls -d /usr/lib/uml/modules/*/ 2>/dev/null | head -n1)
modules=${modules%/}
[[ -n $modules && -f $modules/kernel/fs/overlayfs/overlay.ko ]] \
  || fail "no User-Mode Linux modules (overlay.ko) under /usr/lib/uml/modules; reinstall user-mode-linux"
here=$(pwd -P)
[[ $here != / ]] || fail "run it from a project directory, not from /"

run=$(mktemp -d /tmp/lvsmon-ipvs-vm.XXXXXX)
group=
# The kernel makes itself a session and group leader of its own (setsid below only covers timeout),
# so its processes are found by the run directory on their command line, which is unique.
end_guest() {
  if [[ -n $group ]]; then kill -KILL -- "-$group" 2>/dev/null || true; fi
  pkill -KILL -f -- "lvsmon_run=$run " 2>/dev/null || true
}
finish() {
  end_guest
  rm -rf "$run"
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

# What the guest needs, as files in the run directory (mounted in the guest):
# the environment, the command line, and the paths it must mount.
export -p | grep -vE '^declare -x (PWD|OLDPWD|SHLVL|_)=' >"$run/environment" || true
printf '%q ' "$@" >"$run/command"
cat >"$run/settings" <<SETTINGS
modules=$(printf %q "$modules")
work=$(printf %q "$here")
run=$(printf %q "$run")
SETTINGS
cp "$(dirname "$(readlink -f "$0")")/guest-init.sh" "$run/init"
chmod +x "$run/init"

# setsid: the kernel and every process it forks form one group, killed as one.
setsid timeout -k 5 "$limit" "$kernel" mem="${mem}M" root=/dev/root rootfstype=hostfs rootflags=/ ro \
  init="$run/init" lvsmon_run="$run" uml_dir="$run" quiet con=null ssl=null con0=null,fd:1 \
  </dev/null >"$run/console.log" 2>&1 &
group=$!
set +e
wait "$group"
status=$?
set -e
end_guest
group=

[[ -f $run/stdout ]] && cat "$run/stdout"
[[ -f $run/stderr ]] && cat "$run/stderr" >&2
if [[ -f $run/status ]]; then
  exit "$(cat "$run/status")"
fi
if [[ $status -eq 124 || $status -eq 137 ]]; then
  echo "run.sh: the command did not end within ${limit}s" >&2
  exit 124
fi
echo "run.sh: the guest ended without the command's status (kernel exit $status); its console:" >&2
tail -n 30 "$run/console.log" >&2
exit 125
