#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Unicast peers (RFC 9568 7.2 permits them beyond the multicast group), on
# the topology of lib.sh (R1, R2 on a LAN bridge with a client),
# configured with vrrpctl. Captures are taken on the LAN bridge of the
# switch namespace.
#
#   unicast_v4         with peers, adverts go unicast to the peer (none
#                      to 224.0.0.18); failover and preemption both ways
#   unicast_v6         the same for IPv6 with link-local peers (no ff02::12)
#   unicast_not_peer   an advert from an address that is not a peer is
#                      dropped and counted (peer_errors); the backup keeps
#                      following its peer
#
# Environment: VRRP_KO, WAIT_TIMEOUT_MS.

# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

ALL_TESTS="
	unicast_v4
	unicast_v6
	unicast_not_peer
"

# unicast_failover VRID FAMILY VIP A1 A2 FILTER MCAST: R1 (A1, priority
# 200) and R2 (A2), each the other's only peer, fail over both ways; the
# capture (FILTER) must hold unicast adverts both ways and none matching
# the regex MCAST.
unicast_failover() {
	local vrid=$1 fam=$2 vip=$3 a1=$4 a2=$5 up12 up21 re12 re21 mc rc=0

	cap_start "$6"
	vrrpctl "$R1" add eth0 vrid "$vrid" family "$fam" prio 200 interval 100 \
		address "$vip" peer "$a2" || rc=1
	vrrpctl "$R2" add eth0 vrid "$vrid" family "$fam" prio 100 interval 100 \
		address "$vip" peer "$a1" || rc=1
	wait_state "$R1" eth0 "$vrid" active "$WAIT_TIMEOUT_MS" || fail "R1 not active"
	wait_state "$R2" eth0 "$vrid" backup "$WAIT_TIMEOUT_MS" || fail "R2 not backup"
	r1_link down
	wait_state "$R2" eth0 "$vrid" active "$WAIT_TIMEOUT_MS" || fail "R2 did not take over"
	r1_link up
	wait_state "$R1" eth0 "$vrid" active "$WAIT_TIMEOUT_MS" || fail "R1 did not preempt back"
	wait_state "$R2" eth0 "$vrid" backup "$WAIT_TIMEOUT_MS" || fail "R2 not backup again"
	re12="${a1//./\\.} > ${a2//./\\.}: .*VRRPv3.*vrid $vrid"
	re21="${a2//./\\.} > ${a1//./\\.}: .*VRRPv3.*vrid $vrid"
	# tcpdump in a loaded guest runs behind, and what it has not read
	# when stopped is lost: let it write both directions first.
	busywait "$WAIT_TIMEOUT_MS" cap_has "$re21" 1
	busywait "$WAIT_TIMEOUT_MS" cap_has "$re12" 1
	cap_stop
	up12=$(cap_count "$re12")
	up21=$(cap_count "$re21")
	mc=$(cap_count "$7")
	ktap_diag "adverts R1->R2 $up12, R2->R1 $up21, to the group $mc"
	((up12 > 0)) || fail "no unicast advert from R1 to R2"
	((up21 > 0)) || fail "no unicast advert from R2 to R1 while it was active"
	((mc == 0)) || fail "$mc adverts to the multicast group with peers set"
	((up12 + up21 > 0)) || run tcpdump -r "$CAP" -n -c 5
	cap_clean
	vrrpctl "$R1" del eth0 vrid "$vrid" family "$fam" || rc=1
	vrrpctl "$R2" del eth0 vrid "$vrid" family "$fam" || rc=1
	return "$rc"
}

test_unicast_v4() {
	unicast_failover 11 inet 192.0.2.11/24 192.0.2.2 192.0.2.3 \
		'ip proto 112' '224\.0\.0\.18|01:00:5e:00:00:12'
}

test_unicast_v6() {
	local ll1 ll2

	busywait "$WAIT_TIMEOUT_MS" dad_done "$R1" || fail "R1: DAD not done"
	busywait "$WAIT_TIMEOUT_MS" dad_done "$R2" || fail "R2: DAD not done"
	ll1=$(link_local "$R1" eth0)
	ll2=$(link_local "$R2" eth0)
	ktap_diag "R1 $ll1, R2 $ll2"
	[[ -n "$ll1" && -n "$ll2" ]] || { fail "no link-local addresses"; return 1; }
	unicast_failover 12 inet6 fe80::12 "$ll1" "$ll2" \
		'ip6 proto 112' 'ff02::12|33:33:00:00:00:12'
}

test_unicast_not_peer() {
	local ar n rc=0

	vrrpctl "$R1" add eth0 vrid 13 prio 200 interval 100 \
		address 192.0.2.13/24 peer 192.0.2.3 || rc=1
	vrrpctl "$R2" add eth0 vrid 13 prio 100 interval 100 \
		address 192.0.2.13/24 peer 192.0.2.2 || rc=1
	wait_state "$R1" eth0 13 active "$WAIT_TIMEOUT_MS" || fail "R1 not active"
	wait_state "$R2" eth0 13 backup "$WAIT_TIMEOUT_MS" || fail "R2 not backup"
	# The client, not a peer of R2, advertises a higher priority to it.
	vrrpctl "$CL" add eth0 vrid 13 prio 250 interval 100 \
		address 192.0.2.13/24 peer 192.0.2.3 || rc=1
	wait_state "$CL" eth0 13 active "$WAIT_TIMEOUT_MS" || fail "the client's router not active"
	busywait "$WAIT_TIMEOUT_MS" peer_errors_over "$R2" 13 10 ||
		fail "R2 counted $(vr_stat "$R2" eth0 13 peer_errors) peer errors, expected >= 10"
	n=$(vr_stat "$R2" eth0 13 peer_errors)
	ar=$(vr_active_router "$R2" eth0 13)
	ktap_diag "R2: peer_errors $n, active router $ar"
	[[ "$ar" == 192.0.2.2 ]] || fail "R2 follows '$ar', not its peer 192.0.2.2"
	state_is "$R2" eth0 13 backup || fail "R2 left backup"
	state_is "$R1" eth0 13 active || fail "R1 left active"
	vrrpctl "$CL" del eth0 vrid 13 || rc=1
	vrrpctl "$R1" del eth0 vrid 13 || rc=1
	vrrpctl "$R2" del eth0 vrid 13 || rc=1
	return "$rc"
}

require_root
require_cmd ip bridge nft jq tcpdump
require_vrrp
lib_init

suite_run topo_create
