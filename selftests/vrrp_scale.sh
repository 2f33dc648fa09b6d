#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Many virtual routers at once, on the topology of lib.sh.
#
#   many_vrids         255 VRIDs per family on a veth, a VLAN and a bridge
#                      at once: states, vMAC filters, teardown
#
# Environment: VRRP_KO, WAIT_TIMEOUT_MS.

# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

ALL_TESTS="
	many_vrids
"

# many_batch DEV N: add lines for VRIDs 1-255 of both families on DEV,
# addresses 10.N.VRID.1 and fe80::N:VRID.
many_batch() {
	local v

	for v in {1..255}; do
		printf 'add %s vrid %d prio 100 interval 1000 address 10.%d.%d.1\n' \
			"$1" "$v" "$2" "$v"
		printf 'add %s vrid %d family inet6 prio 100 interval 1000 address fe80::%x:%x\n' \
			"$1" "$v" "$2" "$v"
	done
}

# many_counts NS: "DEV FAMILY STATE COUNT" lines of every router.
many_counts() {
	"$VRRPCTL_BIN" -n "$1" -j show 2>/dev/null |
		jq -r '.[] | "\(.ifname) \(.family) \(.state)"' | LC_ALL=C sort | uniq -c |
		awk '{ print $2, $3, $4, $1 }'
}

# many_want: the states expected on M1 once elected.
MANY_WANT="br0 inet active 255
br0 inet6 active 255
eth0 inet active 128
eth0 inet backup 127
eth0 inet6 active 128
eth0 inet6 backup 127
eth0.100 inet active 255
eth0.100 inet6 active 255"

many_elected() {
	[[ "$(many_counts "$M1")" == "$MANY_WANT" ]]
}

# uc_count NS DEV: the vMACs in DEV's own unicast filter; -1 when the
# filter cannot be read.
uc_count() {
	local out

	out=$(bridge -n "$1" fdb show dev "$2" 2>/dev/null) || { echo -1; return 1; }
	awk '/^00:00:5e:00:0[12]:[0-9a-f][0-9a-f] self permanent/ &&
	     !/ master / { n++ } END { print n + 0 }' <<< "$out"
}

# uc_expect NS DEV N
uc_expect() {
	[[ $(uc_count "$1" "$2") -eq $3 ]]
}

test_many_vrids() {
	local batch t0 dev n rc=0

	setup_ns M1 M2 || return 1
	run ip -n "$M1" link add eth0 type veth peer name eth0 netns "$M2" || return 1
	run ip -n "$M1" link add link eth0 name eth0.100 type vlan id 100 || return 1
	run ip -n "$M1" link add br0 type bridge || return 1
	run ip -n "$M1" link add vb0 type veth peer name vb1 || return 1
	run ip -n "$M1" link set vb0 master br0 up || return 1
	run ip -n "$M1" link set vb1 up || return 1
	run ip -n "$M1" addr add 10.255.0.1/24 dev eth0 || return 1
	run ip -n "$M1" addr add 10.255.1.1/24 dev eth0.100 || return 1
	run ip -n "$M1" addr add 10.255.2.1/24 dev br0 || return 1
	run ip -n "$M2" addr add 10.255.0.2/24 dev eth0 || return 1
	for dev in eth0 eth0.100 br0; do
		run ip -n "$M1" link set "$dev" up || return 1
	done
	run ip -n "$M2" link set eth0 up || return 1
	busywait "$WAIT_TIMEOUT_MS" dad_done "$M1" || fail "M1: DAD not done"
	busywait "$WAIT_TIMEOUT_MS" dad_done "$M2" || fail "M2: DAD not done"

	batch=$(mktemp /tmp/vrrp-batch.XXXXXX)
	{
		many_batch eth0 1
		many_batch eth0.100 2
		many_batch br0 3
	} > "$batch"
	t0=$(now_ms)
	vrrpctl "$M1" -batch "$batch" || fail "the batch of 1530 routers failed"
	ktap_diag "1530 routers added in $(( $(now_ms) - t0 )) ms"
	# M2 outranks M1 on the even VRIDs of eth0.
	for n in {2..254..2}; do
		printf 'add eth0 vrid %d prio 200 interval 1000 address 10.1.%d.1\n' "$n" "$n"
		printf 'add eth0 vrid %d family inet6 prio 200 interval 1000 address fe80::1:%x\n' \
			"$n" "$n"
	done > "$batch"
	vrrpctl "$M2" -batch "$batch" || fail "the batch of M2 failed"
	rm -f "$batch"

	t0=$(now_ms)
	if ! slowwait 90 many_elected; then
		fail "not all elected as expected"
		ktap_diag "$(many_counts "$M1")"
	fi
	ktap_diag "elected after $(( $(now_ms) - t0 )) ms"
	t0=$(now_ms)
	# Own filters: every router's vMAC from its creation, Active or
	# not: eth0 (its own and the VLAN's, the same 510 addresses), the
	# VLAN and the bridge 510 each.
	busywait "$WAIT_TIMEOUT_MS" uc_expect "$M1" eth0 510 ||
		fail "eth0 has $(uc_count "$M1" eth0) vMACs in its filter, expected 510"
	busywait "$WAIT_TIMEOUT_MS" uc_expect "$M1" eth0.100 510 ||
		fail "eth0.100 has $(uc_count "$M1" eth0.100) vMACs in its filter, expected 510"
	busywait "$WAIT_TIMEOUT_MS" uc_expect "$M1" br0 510 ||
		fail "br0 has $(uc_count "$M1" br0) vMACs in its filter, expected 510"
	n=$(uc_count "$M2" eth0)
	ktap_diag "filters: M1 eth0 $(uc_count "$M1" eth0), eth0.100 $(uc_count "$M1" eth0.100), br0 $(uc_count "$M1" br0); M2 eth0 $n"
	((n == 254)) || fail "M2 eth0 has $n vMACs in its filter, expected 254"
	ktap_diag "filters checked in $(( $(now_ms) - t0 )) ms"
	t0=$(now_ms)

	# Teardown: by device, by interface and by deleting the device.
	vrrpctl "$M1" flush eth0.100 || rc=1
	busywait "$WAIT_TIMEOUT_MS" uc_expect "$M1" eth0.100 0 ||
		fail "eth0.100 keeps $(uc_count "$M1" eth0.100) vMACs after flush"
	busywait "$WAIT_TIMEOUT_MS" uc_expect "$M1" eth0 510 ||
		fail "eth0 has $(uc_count "$M1" eth0) vMACs, expected its own 510"
	run ip -n "$M1" link del br0 || rc=1
	vrrpctl "$M1" flush || rc=1
	ktap_diag "flushed in $(( $(now_ms) - t0 )) ms"
	busywait "$WAIT_TIMEOUT_MS" uc_expect "$M1" eth0 0 ||
		fail "eth0 keeps $(uc_count "$M1" eth0) vMACs after flush"
	n=$("$VRRPCTL_BIN" -n "$M1" -j show | jq length)
	((n == 0)) || fail "$n routers left on M1"
	vrrpctl "$M2" flush || rc=1
	t0=$(now_ms)
	cleanup_ns "$M1" "$M2" || rc=1
	ktap_diag "namespaces removed in $(( $(now_ms) - t0 )) ms"
	return "$rc"
}

require_root
require_cmd ip bridge nft jq
require_vrrp
lib_init

suite_run topo_create
