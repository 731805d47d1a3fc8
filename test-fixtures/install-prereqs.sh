#!/bin/sh
# Installs what `mvn verify -Psystem` needs on a Debian 12 machine. Run as root.
# Installing "mon" must not start its daemon (it would take port 2583), nor may
# openssh-server start or enable the machine's own sshd (the SSH system tests
# run their own sshd per network namespace, test-fixtures/netns/cluster.sh), so a
# policy-rc.d that forbids service starts is in place while packages install.
set -eu
if [ "$(id -u)" -ne 0 ]; then
  echo "install-prereqs.sh: must run as root (it installs Debian packages)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive

# libcgi-pm-perl: Debian's monshow needs CGI.pm even in text mode, and mon-client does not pull it in
# user-mode-linux, ipvsadm, kmod: a real IPVS kernel for the netlink tests (test-fixtures/ipvs-vm/run.sh)
# adduser: the lvsmon .deb's postinst (test-fixtures/deb-smoke.sh; openjdk-17 satisfies its Java dependency)
packages="openjdk-17-jdk-headless maven mon mon-client libcgi-pm-perl libtime-period-perl m4 perl openssh-server openssh-client iproute2 user-mode-linux ipvsadm kmod adduser"

missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
if [ -z "$missing" ]; then
  echo "install-prereqs.sh: all present:$packages"
  exit 0
fi

policy=/usr/sbin/policy-rc.d
had_policy=0
[ -e "$policy" ] && had_policy=1
if [ "$had_policy" -eq 0 ]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy"
  chmod +x "$policy"
  trap 'rm -f "$policy"' EXIT
fi

apt-get update -q
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing
# the package enables mon.service; lvsmon's tests start their own daemons
systemctl disable mon.service >/dev/null 2>&1 || true
# likewise ssh: the netns harness starts one sshd per test node, never the system's
systemctl disable ssh.service ssh.socket >/dev/null 2>&1 || true
echo "install-prereqs.sh: installed:$missing"
