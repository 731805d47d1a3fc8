#!/bin/bash
# guest-init.sh -- PID 1 of run.sh's User-Mode Linux guest (see run.sh).
#
# As PID 1 it starts on the host's root, read-only (hostfs). It stacks a tmpfs
# overlay on that root, mounts the project directory and run.sh's run
# directory into it, and starts itself again inside (argument "inside"),
# chrooted. There it runs the command with stdout and stderr in files of the
# run directory, writes the command's status last, and powers the guest off.
# The kernel passes unknown key=value boot parameters to init as environment
# variables: lvsmon_run names the run directory.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
run=${lvsmon_run:?run.sh passes lvsmon_run on the kernel command line}

poweroff() {
  sync
  echo o >/proc/sysrq-trigger
  sleep 30
}

if [[ ${1:-} != inside ]]; then
  set -e
  trap 'echo "guest-init: failed at: $BASH_COMMAND"; poweroff' ERR
  mount -t proc proc /proc
  mount -t hostfs -o "$run" none /mnt
  source /mnt/settings
  umount /mnt
  mount -t tmpfs -o mode=755 tmpfs /tmp
  insmod "$modules/kernel/fs/overlayfs/overlay.ko"
  mkdir -p /tmp/layer/upper /tmp/layer/work /tmp/root
  mount -t overlay overlay -o lowerdir=/,upperdir=/tmp/layer/upper,workdir=/tmp/layer/work /tmp/root
  root=/tmp/root
  mount -t proc proc $root/proc
  mount -t sysfs sysfs $root/sys
  mount -t devtmpfs devtmpfs $root/dev
  mkdir -p $root/dev/pts $root/dev/shm
  mount -t devpts devpts $root/dev/pts
  mount -t tmpfs tmpfs $root/dev/shm
  kernel_modules=$root/lib/modules/$(basename "$modules")
  mkdir -p "$kernel_modules" "$root$run" "$root$work"
  mount -t hostfs -o "$modules" none "$kernel_modules"
  mount -t hostfs -o "$run" none "$root$run"
  mount -t hostfs -o "$work" none "$root$work"
  exec chroot $root /bin/bash "$run/init" inside
fi

source "$run/settings"
ip link set lo up
hostname ipvs-vm
echo '127.0.1.1 ipvs-vm' >>/etc/hosts
echo 'nameserver 127.0.0.1' >/etc/resolv.conf # no network: name lookups fail at once
if ! modprobe ip_vs 2>"$run/modprobe.err"; then
  echo "guest-init: modprobe ip_vs failed: $(cat "$run/modprobe.err")" >>"$run/stderr"
fi
(
  source "$run/environment" 2>/dev/null
  cd "$work" || exit 125
  eval "exec $(cat "$run/command")"
) </dev/null >>"$run/stdout" 2>>"$run/stderr"
echo $? >"$run/status.partial"
mv "$run/status.partial" "$run/status"
poweroff
