#!/bin/sh
# deb-smoke.sh -- installs the .deb that `mvn package` built (target/lvsmon_*_all.deb), checks the
# installed layout, then purges it. Run as root; .ci/run calls it after the Maven build.
#
# Checks: dpkg -i with a policy-rc.d that forbids starting services (so nothing starts, and the
# unit must not be running afterwards); the lvsmon user, its state and log directories and
# mail.conf's owner and mode; `lvsmon --version`; `lvsmon check-config --strict` of the shipped
# mon.cf as the lvsmon user (the built-in scripts must resolve from the installed mon.d/alert.d);
# the daemon itself, started as lvsmon on a spare loopback port until its control port answers,
# then stopped with SIGTERM; `systemd-analyze verify` of the installed unit when the tool exists;
# `dpkg --purge`, after which the package's files and the user-owned directories must be gone.
# A user or group this script's install created is removed at the end, so the machine is left as
# it was found. Each failure names what failed, and the exit status is 1.
set -eu
cd "$(dirname "$0")/.."
say() { echo "deb-smoke.sh: $*"; }
fail() { echo "deb-smoke.sh: FAILED: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || fail "must run as root (it installs and purges the lvsmon package)"
deb=$(ls target/lvsmon_*_all.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || fail "no target/lvsmon_*_all.deb; build it first: mvn -DskipTests package"
if dpkg-query -W -f='${Status}' lvsmon 2>/dev/null | grep -q 'ok installed\|config-files'; then
  fail "lvsmon is already installed on this machine; not replacing or purging it"
fi
had_user=0; getent passwd lvsmon >/dev/null && had_user=1
had_group=0; getent group lvsmon >/dev/null && had_group=1

policy=/usr/sbin/policy-rc.d
policy_ours=0
daemon_pid=""
cleanup() {
  [ -z "$daemon_pid" ] || kill "$daemon_pid" 2>/dev/null || true
  if dpkg-query -W -f='${Status}' lvsmon 2>/dev/null | grep -q 'ok installed\|config-files'; then
    dpkg --purge lvsmon >/dev/null 2>&1 || true
  fi
  [ "$had_user" -eq 1 ] || ! getent passwd lvsmon >/dev/null || deluser --system --quiet lvsmon 2>/dev/null || true
  [ "$had_group" -eq 1 ] || ! getent group lvsmon >/dev/null || delgroup --system --quiet lvsmon 2>/dev/null || true
  [ "$policy_ours" -eq 0 ] || rm -f "$policy"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy"
  chmod +x "$policy"
  policy_ours=1
fi

say "installing $deb"
dpkg -i "$deb" || fail "dpkg -i $deb (missing dependencies? a Java 17 runtime and adduser: test-fixtures/install-prereqs.sh)"

getent passwd lvsmon >/dev/null || fail "postinst did not create the lvsmon user"
for d in /var/lib/lvsmon /var/log/lvsmon; do
  [ "$(stat -c %U "$d" 2>/dev/null)" = lvsmon ] || fail "$d missing or not owned by lvsmon"
done
[ "$(stat -c '%U %a' /etc/lvsmon/mail.conf)" = "lvsmon 600" ] \
  || fail "/etc/lvsmon/mail.conf is $(stat -c '%U %a' /etc/lvsmon/mail.conf), expected lvsmon 600"
if [ -d /run/systemd/system ] && systemctl is-active --quiet lvsmon.service; then
  fail "lvsmon.service was started although policy-rc.d forbids it"
fi

version=$(lvsmon --version) || fail "lvsmon --version"
say "installed: $version"
runuser -u lvsmon -- lvsmon check-config --strict /etc/lvsmon/mon.cf \
  || fail "lvsmon check-config --strict /etc/lvsmon/mon.cf (as user lvsmon)"

# the daemon as the unit runs it, on a spare port so a running mon or lvsmon does not matter
port=$(( 30000 + $$ % 20000 ))
runuser -u lvsmon -- lvsmon run -c /etc/lvsmon/mon.cf -p "$port" -t "$port" -P '' --ipvs memory \
  > /tmp/deb-smoke.$$.log 2>&1 &
daemon_pid=$!
tries=0
until lvsmon status -p "$port" >/dev/null 2>&1; do
  tries=$((tries + 1))
  if [ "$tries" -ge 40 ] || ! kill -0 "$daemon_pid" 2>/dev/null; then
    cat /tmp/deb-smoke.$$.log >&2; rm -f /tmp/deb-smoke.$$.log
    fail "the installed daemon (lvsmon run as user lvsmon) did not answer on 127.0.0.1:$port"
  fi
  sleep 0.5
done
kill -TERM "$daemon_pid"
status=0; wait "$daemon_pid" || status=$?
daemon_pid=""
[ "$status" -eq 143 ] || [ "$status" -eq 0 ] || { cat /tmp/deb-smoke.$$.log >&2; fail "daemon exited $status after SIGTERM"; }
rm -f /tmp/deb-smoke.$$.log
say "daemon answered on 127.0.0.1:$port as user lvsmon and stopped on SIGTERM"

if command -v systemd-analyze >/dev/null 2>&1; then
  systemd-analyze verify /lib/systemd/system/lvsmon.service || fail "systemd-analyze verify lvsmon.service"
  say "systemd-analyze verify: OK"
else
  say "systemd-analyze not found; unit not verified"
fi

dpkg --purge lvsmon || fail "dpkg --purge lvsmon"
for p in /var/lib/lvsmon /var/log/lvsmon /var/cache/lvsmon /etc/lvsmon /usr/bin/lvsmon /usr/share/lvsmon /usr/lib/lvsmon \
    /lib/systemd/system/lvsmon.service /etc/systemd/system/multi-user.target.wants/lvsmon.service; do
  [ ! -e "$p" ] || fail "$p is still there after dpkg --purge"
done
! dpkg-statoverride --list /etc/lvsmon/mail.conf >/dev/null || fail "mail.conf's statoverride survived the purge"
say "OK: installed, checked and purged"
