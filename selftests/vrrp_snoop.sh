#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# IPv6 virtual routers behind an MLD-snooping switch: the LAN bridge of
# lib.sh snoops (with its own querier) and does not flood unknown
# multicast to the router ports, as a snooping switch or a NIC's multicast
# filter would not. A Neighbor Solicitation for a virtual address goes to
# its Solicited-Node group, so it reaches the Active router only if that
# router joined the group (RFC 9568 6.4).
#
#   snoop_resolve   R1 Active, R2 Backup: the Active router has joined the
#                   Solicited-Node group of its virtual addresses (users
#                   counted per address and per router), the Backup has
#                   not; the client resolves the global VIP and the
#                   virtual link-local at the first solicitation
#   snoop_failover  R1's link fails: R2 joins, R1 left; R1 returns and
#                   preempts: R1 joins, R2 leaves (and the switch forgets
#                   R2's port); deleting R1's router leaves the group
#
# Environment: VRRP_KO, WAIT_TIMEOUT_MS.

# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

ALL_TESTS="
	snoop_resolve
	snoop_failover
"

SVRID=20
SVMAC=00:00:5e:00:02:14
GVIP=2001:db8:5::1
LLVIP=fe80::1
# Both virtual addresses end in 00:0001: one Solicited-Node group.
SNGROUP=ff0200000000000000000001ff000001
SNGROUP6=ff02::1:ff00:1
# A second router whose link-local address shares that group.
XVRID=21
XLLVIP=fe80::21:0:0:1

# sn_users NS: the users of the Solicited-Node group on eth0, 0 if not
# joined (/proc/net/igmp6: ifindex dev group users flags timer).
sn_users() {
	# shellcheck disable=SC2016 # awk's own variables
	ip netns exec "$1" awk -v g="$SNGROUP" \
		'$2 == "eth0" && $3 == g { u = $4 } END { print u + 0 }' \
		/proc/net/igmp6
}

sn_users_is() {
	[[ "$(sn_users "$1")" == "$2" ]]
}

# wait_users NS N: poll until the group has N users in NS.
wait_users() {
	if busywait "$WAIT_TIMEOUT_MS" sn_users_is "$1" "$2"; then
		ktap_diag "$1: $SNGROUP6 has $2 users"
		return 0
	fi
	fail "$1: $SNGROUP6 has $(sn_users "$1") users, expected $2"
}

# sw_has_group PORT: the switch forwards the group to PORT.
sw_has_group() {
	bridge -n "$SW" -j mdb show dev br0 2>/dev/null |
		jq -e --arg p "$1" --arg g "$SNGROUP6" \
		'[.[].mdb[]? | select(.port == $p and .grp == $g)] | length > 0' \
		>/dev/null
}

sw_lacks_group() {
	! sw_has_group "$1"
}

# client_nd ADDR: the client's neighbour entry for ADDR, its lladdr; in
# bash, polled (jq takes up to a second to start under TCG).
client_nd() {
	local out

	out=$(ip -n "$CL" -6 neigh show "$1" dev eth0 2>/dev/null)
	[[ "$out" =~ lladdr\ ([0-9a-f:]+) ]] && echo "${BASH_REMATCH[1]}"
}

client_nd_is() {
	[[ "$(client_nd "$1")" == "$2" ]]
}

# client_ns_sent: Neighbor Solicitations the client has sent so far.
client_ns_sent() {
	# shellcheck disable=SC2016 # awk's own variables
	ip netns exec "$CL" awk '$1 == "Icmp6OutNeighborSolicits" { print $2 }' \
		/proc/net/snmp6
}

# resolve ADDR: flush the client's neighbour cache, send one echo request
# to ADDR (nothing answers it: without Accept_Mode the virtual address is
# not local) and check that the first Neighbor Solicitation it starts is
# answered with the vMAC: the client sends exactly one. A lost one is
# retransmitted after RETRANS_TIMER (RFC 4861 10: 1 s), so one solicitation
# is resolution within a second; the wall time, from before ping starts,
# is logged.
resolve() {
	local addr=$1 t0 dt ns0 ns pid

	run ip -n "$CL" -6 neigh flush dev eth0
	ns0=$(client_ns_sent)
	tick
	t0=$NOW_MS
	ip netns exec "$CL" ping -6 -c 1 -W 1 -I eth0 "$addr" >/dev/null 2>&1 &
	pid=$!
	# The count decides; the poll only waits for the entry (a loaded TCG
	# guest takes seconds to start ping and ip).
	if ! busywait "$WAIT_TIMEOUT_MS" client_nd_is "$addr" "$SVMAC"; then
		wait "$pid"
		fail "client did not resolve $addr (neighbour '$(client_nd "$addr")', $(( $(client_ns_sent) - ns0 )) solicitations)"
		return 1
	fi
	tick
	dt=$((NOW_MS - t0))
	ns=$(( $(client_ns_sent) - ns0 ))
	wait "$pid"
	ktap_diag "client resolved $addr to $SVMAC in $dt ms with $ns solicitation(s)"
	((ns == 1)) ||
		fail "resolving $addr took $ns solicitations: the first was lost"
}

add_r() {
	vrrpctl "$1" add eth0 vrid "$SVRID" family inet6 prio "$2" \
		interval 100 address "$LLVIP" address "$GVIP/64"
}

test_snoop_resolve() {
	local n

	add_r "$R1" 200 || return 1
	add_r "$R2" 100 || return 1
	vrrpctl "$R1" add eth0 vrid "$XVRID" family inet6 prio 200 \
		interval 100 address "$XLLVIP" || return 1
	wait_state "$R1" eth0 "$SVRID" active "$WAIT_TIMEOUT_MS" || fail "R1 not active"
	wait_state "$R1" eth0 "$XVRID" active "$WAIT_TIMEOUT_MS" || fail "R1 vrid $XVRID not active"
	# R2 hears R1 through the switch's group entry for ff02::12: the
	# querier is in force and unknown groups no longer reach the routers.
	busywait "$WAIT_TIMEOUT_MS" vr_stat_pos "$R2" || fail "R2 hears no advertisements"
	wait_state "$R2" eth0 "$SVRID" backup "$WAIT_TIMEOUT_MS" || fail "R2 not backup"

	# Two addresses of vrid 20 and one of vrid 21 share the group.
	wait_users "$R1" 3
	wait_users "$R2" 0
	busywait "$WAIT_TIMEOUT_MS" sw_has_group l-r1 ||
		fail "the switch has no $SNGROUP6 entry on R1's port"
	run bridge -n "$SW" mdb show dev br0
	vrrpctl "$R1" del eth0 vrid "$XVRID" family inet6
	wait_users "$R1" 2

	resolve "$GVIP"
	resolve "$LLVIP"
	n=$(vr_stat "$R2" eth0 "$SVRID" rcvd_advertisements)
	ktap_diag "R2 received $n advertisements"
	return 0
}

vr_stat_pos() {
	(($(vr_stat "$1" eth0 "$SVRID" rcvd_advertisements) > 0))
}

test_snoop_failover() {
	state_is "$R1" eth0 "$SVRID" active || return 1

	run ip -n "$SW" link set l-r1 down
	wait_state "$R2" eth0 "$SVRID" active "$WAIT_TIMEOUT_MS" || fail "R2 did not take over"
	wait_users "$R2" 2
	wait_users "$R1" 0
	busywait "$WAIT_TIMEOUT_MS" sw_has_group l-r2 ||
		fail "the switch has no $SNGROUP6 entry on R2's port"
	resolve "$GVIP"

	run ip -n "$SW" link set l-r1 up
	wait_state "$R1" eth0 "$SVRID" active "$WAIT_TIMEOUT_MS" || fail "R1 did not preempt"
	wait_state "$R2" eth0 "$SVRID" backup "$WAIT_TIMEOUT_MS" || fail "R2 not backup"
	wait_users "$R1" 2
	wait_users "$R2" 0
	busywait "$WAIT_TIMEOUT_MS" sw_has_group l-r1 ||
		fail "the switch has no $SNGROUP6 entry on R1's port"
	# fastleave: R2's MLD Done removes its port at once.
	busywait "$WAIT_TIMEOUT_MS" sw_lacks_group l-r2 ||
		fail "the switch still forwards $SNGROUP6 to R2's port"
	run bridge -n "$SW" mdb show dev br0
	resolve "$LLVIP"

	vrrpctl "$R1" del eth0 vrid "$SVRID" family inet6
	wait_users "$R1" 0
	wait_state "$R2" eth0 "$SVRID" active "$WAIT_TIMEOUT_MS" || fail "R2 did not take over"
	wait_users "$R2" 2
	vrrpctl "$R2" del eth0 vrid "$SVRID" family inet6
	wait_users "$R2" 0
}

# The bridge's IPv6 querier sends from its link-local address: without
# one its first query is lost, and the next comes a startup interval later.
br0_has_ll() {
	[[ -n "$(ip -n "$SW" -6 addr show dev br0 scope link -tentative)" ]]
}

# snoop_setup: the LAN bridge snoops with its own MLDv2 querier (present
# after one query response interval, 1 s here) and floods no unknown
# multicast to the router ports.
snoop_setup() {
	local p

	topo_create || return
	run ip -n "$CL" addr add 2001:db8:5::100/64 dev eth0 nodad || return
	run ip -n "$SW" link set br0 type bridge mcast_snooping 1 \
		mcast_mld_version 2 mcast_query_response_interval 100 || return
	busywait "$WAIT_TIMEOUT_MS" br0_has_ll || return
	run ip -n "$SW" link set br0 type bridge mcast_querier 1 || return
	for p in l-r1 l-r2; do
		run bridge -n "$SW" link set dev "$p" mcast_flood off \
			fastleave on || return
	done
}

require_root
require_cmd ip bridge nft jq ping awk
require_vrrp
lib_init

ktap_header
tests_plan
ktap_diag "kernel $(uname -r)"

if ! snoop_setup; then
	ktap_diag "Bail out: cannot set up the topology"
fi

tests_run
ktap_finish
