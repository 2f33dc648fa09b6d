#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The x86-64 half of scripts/cross-pair.sh, run inside selftests/qemu/vm.sh
# with vrrp.ko loaded: the scenario of cross-pair-scenario.sh between two
# network namespaces r1 and r2, each with an eth0 (a veth whose peer p1,
# p2 is a port of the bridge br0) carrying the MIPS guests' MACs and
# addresses. Cutting R1's link disables the bridge port p1 (R1's carrier
# stays up, as with qemu's set_link). tcpdump on p2 sees what R2's NIC
# sees: $VM_OUT/x86.pcap. Prints KTAP.

set -euo pipefail

REPO=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
# shellcheck source=selftests/qemu/cross-pair-scenario.sh
. "$REPO/selftests/qemu/cross-pair-scenario.sh"
PATH=$REPO/tool:$PATH
OUT=${VM_OUT:-/tmp}

run() {
	local ns=$1

	shift
	ip netns exec "$ns" "$@"
}

link() {
	case $2 in
	off) bridge link set dev "p${1#r}" state 0 ;;
	on) bridge link set dev "p${1#r}" state 3 ;;
	esac
}

cleanup() {
	[[ -n "${dump:-}" ]] && kill "$dump" 2> /dev/null
	ip netns del r1 2> /dev/null || true
	ip netns del r2 2> /dev/null || true
	ip link del br0 2> /dev/null || true
}
trap cleanup EXIT

echo "TAP version 13"
set -x
ip link add br0 type bridge
ip link set br0 up
for n in 1 2; do
	mac=R${n}_MAC addr=R${n}_ADDR
	ip netns add "r$n"
	ip link add eth0 netns "r$n" address "${!mac}" type veth peer name "p$n"
	ip link set "p$n" master br0 up
	ip -n "r$n" link set lo up
	ip -n "r$n" link set eth0 up
	ip -n "r$n" addr add "${!addr}/24" dev eth0
done
tcpdump -i p2 -U -w "$OUT/x86.pcap" 'ip proto 112 or ip6 proto 112' \
	2> "$OUT/tcpdump.log" &
dump=$!
sleep 2
set +x

pair_scenario

sleep 1
kill "$dump"
wait "$dump" || true
dump=
echo "1..$KTAP_NUM"
[[ $KTAP_FAIL -eq 0 ]]
