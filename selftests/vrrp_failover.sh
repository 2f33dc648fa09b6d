#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Two routers, one virtual router (vrid 10, VIP 192.0.2.1) on a LAN bridge,
# a client using the VIP as its gateway and a server upstream (see the
# topology in lib.sh). R1 has priority 200, R2 100, interval 100 ms.
#
# Tests, in order (each one checks its own preconditions):
#   election           R1 active, R2 backup, one vMAC holder, client ARP
#   client_reaches_server   through the active router only
#   failover_carrier   R1's LAN link loses carrier: R2 takes over, client
#                      keeps reaching the server; prints outage_ms
#   preempt_after_carrier   R1's link returns: R1 active again
#   failover_admin_down     R1 sets eth0 down (priority 0 advertisement)
#   preempt_after_admin_up  R1 sets eth0 up: R1 active again
#   del_sends_priority0     "vrrpctl del" on the active R1 (interval 1000):
#                      R2 takes over well before 3 x interval
#
# Environment: VRRPCTL_BIN (default tool/vrrpctl), VRRP_KO (module to load
# if vrrp is not loaded), WAIT_TIMEOUT_MS (upper bound of each wait).

# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

# An outage above this is a failure (TCG is slow; the expected outage with
# interval 100 is about 0.4 s on carrier loss).
OUTAGE_MAX_MS=${OUTAGE_MAX_MS:-5000}
# The priority 0 path must beat 3 x interval (9000 ms at 3000 ms) by far.
PRIO0_MAX_MS=${PRIO0_MAX_MS:-6000}

VMAC=$(vmac "$VRID")

not_uc_vmac() {
	! router_has_uc_vmac "$1"
}

test_election() {
	local n ports a r1_ar r2_ar vm addrs

	r1_active_r2_backup || { show_routers "$R1" "$R2"; return 1; }
	show_routers "$R1" "$R2"

	# One jq run for all fields: jq is slow to start under TCG.
	a=$({ "$VRRPCTL_BIN" -n "$R1" -j show; "$VRRPCTL_BIN" -n "$R2" -j show; } |
		jq -rs '[length, (.[0] | length), .[0][0].active_router,
			 (.[0][0].vmac | ascii_downcase),
			 (.[0][0].addresses | join(",")),
			 .[1][0].active_router] | map(tostring) | join(" ")')
	read -r _ n r1_ar vm addrs r2_ar <<< "$a"
	ktap_diag "R1: $n virtual router(s), active_router=$r1_ar vmac=$vm addresses=$addrs; R2: active_router=$r2_ar"
	[[ "$n" == 1 ]] || fail "R1 shows $n virtual routers, expected 1"
	[[ "$r2_ar" == "$LAN_PREFIX.2" ]] ||
		fail "R2 sees active_router '$r2_ar', expected $LAN_PREFIX.2"
	[[ "$vm" == "$VMAC" ]] || fail "R1 vmac '$vm', expected $VMAC"
	[[ "$addrs" == "$VIP_CIDR" ]] || fail "R1 addresses '$addrs', expected $VIP_CIDR"

	# The active router's NIC filter holds the vMAC.
	run bridge -n "$R1" fdb show dev eth0
	run bridge -n "$R2" fdb show dev eth0
	router_has_uc_vmac "$R1" ||
		fail "$VMAC not in R1's eth0 unicast filter (bridge fdb ... self permanent)"
	# ... and only the active one: the filter follows the Active state.
	busywait "$WAIT_TIMEOUT_MS" not_uc_vmac "$R2" ||
		fail "the backup R2 keeps $VMAC in its unicast filter"

	# The LAN switch learned the vMAC from the active router only.
	busywait "$WAIT_TIMEOUT_MS" sw_vmac_on l-r1 ||
		fail "the LAN bridge learned $VMAC on '$(sw_vmac_ports | xargs)', expected l-r1 only"
	ports=$(sw_vmac_ports | xargs)
	ktap_diag "LAN bridge: $VMAC learned on: $ports"

	# Exactly one ARP answer per request, from the vMAC.
	ktap_diag "+ ip netns exec $CL busybox arping -c 3 -w 5 -I eth0 $VIP"
	a=$(ip netns exec "$CL" busybox arping -c 3 -w 5 -I eth0 "$VIP" 2>&1)
	ktap_diag "$a"
	n=$(grep -ci "reply from $VIP \[$VMAC\]" <<< "$a")
	[[ "$n" -ge 1 ]] || fail "no ARP reply for $VIP from $VMAC"
	n=$(grep -ci "reply from" <<< "$a")
	[[ "$n" -le 3 ]] || fail "$n ARP replies to 3 requests: more than one answer per request"
	grep -i "reply from" <<< "$a" | grep -vqi "$VMAC" &&
		fail "an ARP reply for $VIP did not carry the vMAC"

	# The client's neighbour entry for its gateway is the vMAC.
	run ip -n "$CL" neigh flush dev eth0
	run ip netns exec "$CL" ping -c 1 -W 2 "$SERVER_IP"
	run ip -n "$CL" neigh show "$VIP" dev eth0
	a=$(client_gw_mac)
	[[ "${a,,}" == "$VMAC" ]] || fail "client neighbour $VIP is '$a', expected $VMAC"
	return 0
}

test_client_reaches_server() {
	local f1 f2 g1 g2

	r1_active_r2_backup || return 1
	if ! slowwait 20 ip netns exec "$CL" ping -c 1 -W 1 "$SERVER_IP" >/dev/null; then
		run ip -n "$CL" neigh show
		{ fail "client cannot reach $SERVER_IP through $VIP"; return; }
	fi
	f1=$(fwd_packets "$R1")
	f2=$(fwd_packets "$R2")
	run ip netns exec "$CL" ping -c 10 -i 0.05 -W 2 "$SERVER_IP" ||
		fail "ping from the client to the server failed"
	g1=$(fwd_packets "$R1")
	g2=$(fwd_packets "$R2")
	ktap_diag "forwarded from the LAN: R1 $((g1 - f1)), R2 $((g2 - f2))"
	[[ $((g1 - f1)) -ge 10 ]] || fail "the active R1 forwarded $((g1 - f1)) packets, expected >= 10"
	[[ $((g2 - f2)) -eq 0 ]] || fail "the backup R2 forwarded $((g2 - f2)) packets"
	return 0
}

# failover CMD...: stream probes, run CMD to take R1 off the LAN, check R2
# takes over and traffic flows again, report the outage.
failover() {
	local t0 n outage f2 g2 a

	r1_active_r2_backup || return 1
	f2=$(fwd_packets "$R2")
	probe_start
	if ! probe_wait_replies 20 "$WAIT_TIMEOUT_MS"; then
		probe_stop
		{ fail "no probe replies before the failover"; return; }
	fi
	t0=$(now_ms)
	run "$@" || fail "$* failed"
	wait_state "$R2" eth0 "$VRID" active "$WAIT_TIMEOUT_MS" ||
		fail "R2 did not become active"
	ktap_diag "R2 active $(( $(now_ms) - t0 )) ms after '$*'"
	n=$(probe_replies)
	probe_wait_replies $((n + 30)) "$WAIT_TIMEOUT_MS" ||
		fail "the client does not reach the server after the failover"
	probe_stop
	outage=$PROBE_OUTAGE
	ktap_diag "R1 state now: $(vr_state "$R1" eth0 "$VRID")"
	show_routers "$R1" "$R2"
	if [[ -z "$outage" ]]; then
		fail "no outage measurement"
	else
		echo "# outage_ms=$outage" >&3
		[[ "$outage" -lt "$OUTAGE_MAX_MS" ]] ||
			fail "outage ${outage} ms >= ${OUTAGE_MAX_MS} ms"
	fi
	g2=$(fwd_packets "$R2")
	ktap_diag "R2 forwarded $((g2 - f2)) LAN packets"
	[[ $((g2 - f2)) -gt 0 ]] || fail "R2 forwarded nothing after taking over"
	a=$(client_gw_mac)
	[[ "${a,,}" == "$VMAC" ]] || fail "client neighbour $VIP is '$a' after failover, expected $VMAC"
	busywait "$WAIT_TIMEOUT_MS" sw_vmac_on l-r2 ||
		fail "LAN bridge has $VMAC on '$(sw_vmac_ports | xargs)', expected l-r2"
	return 0
}

# r1_returns CMD...: undo the failover; R1 (higher priority, preempt on)
# must become active again and R2 backup, without a long outage.
r1_returns() {
	local outage

	wait_state "$R2" eth0 "$VRID" active "$WAIT_TIMEOUT_MS" ||
		{ fail "precondition: R2 active"; return; }
	probe_start
	probe_wait_replies 10 "$WAIT_TIMEOUT_MS" || fail "no probe replies before R1 returns"
	run "$@" || fail "$* failed"
	r1_active_r2_backup
	probe_wait_replies $(( $(probe_replies) + 30 )) "$WAIT_TIMEOUT_MS" ||
		fail "the client does not reach the server after R1 preempted"
	probe_stop
	outage=$PROBE_OUTAGE
	echo "# preempt_outage_ms=${outage:-none}" >&3
	[[ -n "$outage" && "$outage" -lt "$OUTAGE_MAX_MS" ]] ||
		fail "outage '${outage}' ms during preemption"
	busywait "$WAIT_TIMEOUT_MS" sw_vmac_on l-r1 ||
		fail "LAN bridge has $VMAC on '$(sw_vmac_ports | xargs)', expected l-r1"
	show_routers "$R1" "$R2"
	return 0
}

test_failover_carrier() {
	failover ip -n "$SW" link set l-r1 down
}

test_preempt_after_carrier() {
	r1_returns ip -n "$SW" link set l-r1 up
}

test_failover_admin_down() {
	local p0 p1

	p0=$(vr_stat "$R2" eth0 "$VRID" rcvd_pri_zero)
	failover ip -n "$R1" link set eth0 down
	p1=$(vr_stat "$R2" eth0 "$VRID" rcvd_pri_zero)
	ktap_diag "R2 rcvd_pri_zero: $p0 -> $p1"
	[[ "$p1" -gt "$p0" ]] ||
		fail "R2 received no priority 0 advertisement when R1's eth0 went down"
	return 0
}

test_preempt_after_admin_up() {
	r1_returns ip -n "$R1" link set eth0 up
}

test_del_sends_priority0() {
	local t0 dt p0 p1 ai rc=0

	r1_active_r2_backup || return 1
	# R1 with interval 3000: R2's Active_Down_Interval becomes ~10.8 s,
	# while a priority 0 advertisement makes it take over after its
	# Skew_Time (~1.8 s); polling in TCG adds a second or two.
	vrrpctl "$R1" del eth0 vrid "$VRID" || { fail "del on R1 failed"; return; }
	wait_state "$R2" eth0 "$VRID" active "$WAIT_TIMEOUT_MS" || fail "R2 not active"
	vrrp_add "$R1" 200 3000 || { fail "re-adding R1 with interval 3000 failed"; return; }
	r1_active_r2_backup || return 1
	busywait "$WAIT_TIMEOUT_MS" vr_field_is "$R2" eth0 "$VRID" .active_interval 3000 ||
		fail "R2 did not learn active_interval 3000"
	ai=$(vr_field "$R2" eth0 "$VRID" .active_interval)
	ktap_diag "R2 active_interval=$ai"

	p0=$(vr_stat "$R2" eth0 "$VRID" rcvd_pri_zero)
	t0=$(now_ms)
	vrrpctl "$R1" del eth0 vrid "$VRID" || fail "del on the active R1 failed"
	wait_state "$R2" eth0 "$VRID" active 20000 || fail "R2 did not become active"
	dt=$(( $(now_ms) - t0 ))
	p1=$(vr_stat "$R2" eth0 "$VRID" rcvd_pri_zero)
	echo "# del_takeover_ms=$dt" >&3
	ktap_diag "R2 rcvd_pri_zero: $p0 -> $p1"
	[[ $dt -lt $PRIO0_MAX_MS ]] ||
		fail "R2 took ${dt} ms (>= ${PRIO0_MAX_MS}): no priority 0 advertisement effect"
	[[ "$p1" -gt "$p0" ]] || fail "R2 counted no priority 0 advertisement"
	[[ -z "$(vr_json "$R1" eth0 "$VRID")" ]] || fail "R1 still shows vrid $VRID after del"

	# Back to the standard configuration for whoever runs next.
	vrrp_add "$R1" 200 || rc=1
	r1_active_r2_backup || rc=1
	return "$rc"
}

require_root
require_cmd ip bridge nft jq ping busybox
require_vrrp
lib_init

ktap_header
ktap_plan 7
ktap_diag "kernel $(uname -r), vrrpctl $VRRPCTL_BIN"

if ! topo_create || ! topo_routers_up; then
	show_routers "${R1:-}" "${R2:-}"
	ktap_diag "Bail out: cannot set up the topology"
fi

ktap_run election test_election
ktap_run client_reaches_server test_client_reaches_server
ktap_run failover_carrier test_failover_carrier
ktap_run preempt_after_carrier test_preempt_after_carrier
ktap_run failover_admin_down test_failover_admin_down
ktap_run preempt_after_admin_up test_preempt_after_admin_up
ktap_run del_sends_priority0 test_del_sends_priority0
ktap_finish
