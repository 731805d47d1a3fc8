#!/bin/bash
# ipvs.sh -- issue 5: what changing IPVS weights costs, by hand, never in CI. Needs root and the
# packages of test-fixtures/install-prereqs.sh (user-mode-linux, ipvsadm, kmod, iproute2).
#
# usage: test-fixtures/bench/ipvs.sh [--no-build] [--servers 1000] [--changed 10]
#
# Boots the User-Mode Linux kernel of test-fixtures/ipvs-vm once and, in it, on one virtual service
# with SERVERS NAT real servers (org.lvsmon.ipvs.netlink.IpvsBench):
#   - SERVERS weight changes through lvsmon's netlink socket, one SET_DEST each;
#   - 100 setWeight calls (each reads the whole service first, then SET_DEST);
#   - the same SERVERS changes as SERVERS `ipvsadm -e` processes, started by the JVM and from one
#     bash script (ldirectord forks ipvsadm like that);
#   - the same as one `ipvsadm -R` batch;
#   - a reconcile pass: read the table once, write only the CHANGED servers whose weight differs,
#     with the netlink requests and replies it took; and the same through ipvsadm.
# Under UML every fork+exec costs 20-30 ms, so the ipvsadm -e figure (and a little of -R) is
# inflated against a real director; netlink makes no process.
set -euo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
# --no-build first; the rest (--servers N, --changed M) goes to IpvsBench, which checks it.
BUILD=1
if [ "${1:-}" = --no-build ]; then BUILD=0; shift; fi
cd "$TOP"
[ $BUILD -eq 0 ] || mvn -q -DskipTests package
JAR=$(ls target/lvsmon-*-all.jar | head -n 1)
[ -d target/test-classes/org/lvsmon/ipvs/netlink ] || { echo "ipvs.sh: no target/test-classes; build without --no-build" >&2; exit 1; }
test-fixtures/ipvs-vm/run.sh --timeout 900 -- java -XX:+UseSerialGC -Xmx512m -cp "target/test-classes:$JAR" \
  org.lvsmon.ipvs.netlink.IpvsBench "$@"
