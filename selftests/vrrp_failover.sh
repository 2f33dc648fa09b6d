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
#   failover_carrier   R1's LAN link loses carrier: R2 takes over after
#                      its Active_Down_Interval, measured on the LAN, and
#                      the client keeps reaching the server
#   preempt_after_carrier   R1's link returns: R1 active again
#   failover_admin_down     R1 sets eth0 down: a priority-0 advertisement,
#                      R2 takes over after its Skew_Time
#   preempt_after_admin_up  R1 sets eth0 up: R1 active again
#   mac_change         both routers' eth0 get new MAC addresses: R1 still
#                      advertises and answers from the vMAC, the filters
#                      keep it, the client is served, failover and
#                      preemption are timed as above
#   del_sends_priority0     "vrrpctl del" on the active R1 (interval 3000):
#                      R2 takes over after its Skew_Time
#
# Each takeover is measured from a capture on the LAN bridge (the old
# Active router's last advertisement to the new one's first) and checked
# against the RFC 9568 value with lib.sh's TIMING_BOUND; each client
# outage against its upper bound.
#
# Environment: VRRPCTL_BIN (default tool/vrrpctl), VRRP_KO (module to load
# if vrrp is not loaded), WAIT_TIMEOUT_MS (upper bound of each wait).

# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

ALL_TESTS="
	election
	client_reaches_server
	failover_carrier
	preempt_after_carrier
	failover_admin_down
	preempt_after_admin_up
	mac_change
	del_sends_priority0
"

VMAC=$(vmac "$VRID")
R1_IP=$LAN_PREFIX.2
R2_IP=$LAN_PREFIX.3
# R2's priority and the interval of the standard topology (lib.sh).
R2_PRIO=100
INTERVAL=100

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

	# Every router's NIC filter holds the vMAC from its creation, so
	# that a takeover waits for no rtnl; only the Active one forwards
	# (client_reaches_server).
	run bridge -n "$R1" fdb show dev eth0
	run bridge -n "$R2" fdb show dev eth0
	router_has_uc_vmac "$R1" ||
		fail "$VMAC not in R1's eth0 unicast filter (bridge fdb ... self permanent)"
	router_has_uc_vmac "$R2" ||
		fail "$VMAC not in the backup R2's eth0 unicast filter"

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
	f1=$(fwd_packets "$R1") ||
		{ fail "cannot read R1's forward counter"; return; }
	f2=$(fwd_packets "$R2") ||
		{ fail "cannot read R2's forward counter"; return; }
	run ip netns exec "$CL" ping -c 10 -i 0.05 -W 2 "$SERVER_IP" ||
		fail "ping from the client to the server failed"
	g1=$(fwd_packets "$R1") ||
		{ fail "cannot read R1's forward counter"; return; }
	g2=$(fwd_packets "$R2") ||
		{ fail "cannot read R2's forward counter"; return; }
	ktap_diag "forwarded from the LAN: R1 $((g1 - f1)), R2 $((g2 - f2))"
	[[ $((g1 - f1)) -ge 10 ]] || fail "the active R1 forwarded $((g1 - f1)) packets, expected >= 10"
	[[ $((g2 - f2)) -eq 0 ]] || fail "the backup R2 forwarded $((g2 - f2)) packets"
	return 0
}

# failover KIND CMD...: stream probes, run CMD to take R1 off the LAN,
# check that R2 takes over in the RFC time and traffic flows again. KIND
# "down": R1 goes silent, R2 waits its Active_Down_Interval; "prio0": R1
# says goodbye, R2 waits its Skew_Time.
failover() {
	local kind=$1 t0 n f2 g2 a rfc p0=
	shift

	if [[ $kind == prio0 ]]; then
		rfc=$(skew_us "$R2_PRIO" "$INTERVAL")
		p0=0
	else
		rfc=$(adi_us "$R2_PRIO" "$INTERVAL")
	fi
	r1_active_r2_backup || return 1
	f2=$(fwd_packets "$R2") ||
		{ fail "cannot read R2's forward counter"; return; }
	cap_start 'ip proto 112'
	probe_start
	if ! probe_wait_replies 20 "$WAIT_TIMEOUT_MS"; then
		probe_stop
		cap_clean
		{ fail "no probe replies before the failover"; return; }
	fi
	tick
	t0=$NOW_MS
	run "$@" || fail "$* failed"
	wait_state "$R2" eth0 "$VRID" active "$WAIT_TIMEOUT_MS" ||
		fail "R2 did not become active"
	ktap_diag "R2 active $(( $(now_ms) - t0 )) ms after '$*' (polled)"
	cap_wait_advert "$R2_IP" || fail "no advertisement from R2 captured"
	n=$(probe_replies)
	probe_wait_replies $((n + 30)) "$WAIT_TIMEOUT_MS" ||
		fail "the client does not reach the server after the failover"
	probe_stop
	cap_stop
	# R2 follows a regular advertisement that reaches it after R1's
	# priority-0 one (RFC 9568 6.4.2) and waits Active_Down_Interval.
	[[ $kind == prio0 ]] && cap_reordered "$R1_IP" &&
		void_try "R1's last regular advertisement reached the LAN after its priority-0 one"
	check_time takeover "$(cap_takeover_us "$R1_IP" "$R2_IP" $((t0 * 1000)) "$p0")" \
		"$rfc" "$INTERVAL" || ktap_diag "$(cap_timeline "$R1_IP" "$R2_IP" $((t0 * 1000)))"
	check_outage outage "$PROBE_OUTAGE" "$rfc" "$INTERVAL"
	cap_clean
	ktap_diag "R1 state now: $(vr_state "$R1" eth0 "$VRID")"
	show_routers "$R1" "$R2"
	g2=$(fwd_packets "$R2") ||
		{ fail "cannot read R2's forward counter"; return; }
	ktap_diag "R2 forwarded $((g2 - f2)) LAN packets"
	[[ $((g2 - f2)) -gt 0 ]] || fail "R2 forwarded nothing after taking over"
	a=$(client_gw_mac)
	[[ "${a,,}" == "$VMAC" ]] || fail "client neighbour $VIP is '$a' after failover, expected $VMAC"
	busywait "$WAIT_TIMEOUT_MS" sw_vmac_on l-r2 ||
		fail "LAN bridge has $VMAC on '$(sw_vmac_ports | xargs)', expected l-r2"
	return 0
}

# r1_returns CMD...: undo the failover; R1 (higher priority, preempt on)
# must become active again and R2 backup. VRRP itself loses nothing (RFC
# value 0): R2 forwards until R1's first advertisement, which moves the
# vMAC on the LAN bridge; check_outage adds R1's resolving the client
# again (its link went down, and its neighbours with it).
r1_returns() {

	wait_state "$R2" eth0 "$VRID" active "$WAIT_TIMEOUT_MS" ||
		{ fail "precondition: R2 active"; return; }
	probe_start
	probe_wait_replies 10 "$WAIT_TIMEOUT_MS" || fail "no probe replies before R1 returns"
	run "$@" || fail "$* failed"
	r1_active_r2_backup
	probe_wait_replies $(( $(probe_replies) + 30 )) "$WAIT_TIMEOUT_MS" ||
		fail "the client does not reach the server after R1 preempted"
	probe_stop
	check_outage preempt_outage "$PROBE_OUTAGE" 0 "$INTERVAL"
	busywait "$WAIT_TIMEOUT_MS" sw_vmac_on l-r1 ||
		fail "LAN bridge has $VMAC on '$(sw_vmac_ports | xargs)', expected l-r1"
	show_routers "$R1" "$R2"
	return 0
}

# Each timed test below runs under measure_stable, so each try first
# sets up its own starting point: the links that the try (or the test)
# before may have left down (TESTS= may leave out the one that restores
# them) are up again.
links_up() {
	run ip -n "$SW" link set l-r1 up
	run ip -n "$R1" link set eth0 up
}

carrier_failover() {
	links_up
	failover down ip -n "$SW" link set l-r1 down
}

carrier_return() {
	run ip -n "$SW" link set l-r1 down
	r1_returns ip -n "$SW" link set l-r1 up
}

admin_failover() {
	local p0 p1

	links_up
	p0=$(vr_stat "$R2" eth0 "$VRID" rcvd_pri_zero)
	failover prio0 ip -n "$R1" link set eth0 down
	p1=$(vr_stat "$R2" eth0 "$VRID" rcvd_pri_zero)
	ktap_diag "R2 rcvd_pri_zero: $p0 -> $p1"
	[[ "$p1" -gt "$p0" ]] ||
		fail "R2 received no priority 0 advertisement when R1's eth0 went down"
	return 0
}

admin_return() {
	run ip -n "$R1" link set eth0 down
	r1_returns ip -n "$R1" link set eth0 up
}

test_failover_carrier() {
	measure_stable carrier_failover
}

test_preempt_after_carrier() {
	measure_stable carrier_return
}

test_failover_admin_down() {
	measure_stable admin_failover
}

test_preempt_after_admin_up() {
	measure_stable admin_return
}

# set_mac NS MAC: the new address for NS's eth0, live if the device can
# take it up (IFF_LIVE_ADDR_CHANGE), otherwise down, change, up, as an
# administrator would.
set_mac() {
	local rc=0

	ip -n "$1" link set eth0 address "$2" 2>/dev/null && return 0
	run ip -n "$1" link set eth0 down
	run ip -n "$1" link set eth0 address "$2" || rc=1
	run ip -n "$1" link set eth0 up || rc=1
	return "$rc"
}

# vmac_adverts_only SRC_IP: the captured advertisements of SRC_IP all leave
# from the vMAC, and there are some.
vmac_adverts_only() {
	local macs

	# One line a frame: "TIME SRC_MAC > DST_MAC, ... SRC_IP > 224.0.0.18: VRRPv3, ..."
	macs=$(tcpdump -r "$CAP" -n -e -tt 2>/dev/null |
		awk -v ip="$1" '$0 ~ " " ip " > 224.0.0.18: VRRPv3" { print tolower($2) }' |
		sort | uniq -c | xargs)
	ktap_diag "advertisements of $1 by source MAC: ${macs:-none}"
	[[ "$macs" =~ ^[0-9]+\ $VMAC$ ]] && ((${macs%% *} >= 3))
}

# The lower devices get new MAC addresses, the Active R1's first: nothing
# of ours keeps the old one. R1 advertises and answers ARP from the vMAC,
# both keep it in their unicast filter, the client is served throughout,
# and a failover to R2 and back works as before.
test_mac_change() {
	local m1 m2 rc=0

	links_up
	r1_active_r2_backup || return 1
	m1=$(ip -n "$R1" -j link show eth0 | jq -r '.[0].address')
	m2=$(ip -n "$R2" -j link show eth0 | jq -r '.[0].address')
	mac_changed || rc=1
	# The next test starts from the old addresses, whatever happened.
	set_mac "$R1" "$m1" || fail "R1: the MAC change back failed"
	set_mac "$R2" "$m2" || fail "R2: the MAC change back failed"
	r1_active_r2_backup
	return "$rc"
}

mac_changed() {
	local n a

	probe_start
	probe_wait_replies 10 "$WAIT_TIMEOUT_MS" || fail "no probe replies before the change"
	set_mac "$R1" 02:00:00:00:01:02 || { probe_stop; fail "R1: the MAC change failed"; return; }
	set_mac "$R2" 02:00:00:00:01:03 || { probe_stop; fail "R2: the MAC change failed"; return; }
	ktap_diag "R1 eth0 -> 02:00:00:00:01:02, R2 eth0 -> 02:00:00:00:01:03"
	r1_active_r2_backup || { probe_stop; return 1; }
	n=$(probe_replies)
	probe_wait_replies $((n + 30)) "$WAIT_TIMEOUT_MS" ||
		fail "the client is not served through R1 after the change"
	probe_stop
	router_has_uc_vmac "$R1" || fail "$VMAC left R1's unicast filter"
	router_has_uc_vmac "$R2" || fail "$VMAC left R2's unicast filter"
	cap_start 'ip proto 112'
	nap 0.5
	cap_stop
	vmac_adverts_only "$R1_IP" ||
		fail "R1 does not advertise from $VMAC alone, 3 times at least"
	cap_clean
	run ip -n "$CL" neigh flush dev eth0
	a=$(ip netns exec "$CL" busybox arping -c 2 -w 4 -I eth0 "$VIP" 2>&1)
	ktap_diag "$a"
	grep -qi "reply from $VIP \[$VMAC\]" <<< "$a" || fail "no ARP reply for $VIP from $VMAC"
	grep -i "reply from" <<< "$a" | grep -vqi "$VMAC" &&
		fail "an ARP reply for $VIP did not carry the vMAC"
	measure_stable carrier_failover
	measure_stable carrier_return
}

test_del_sends_priority0() {
	local t0 p0 p1 ai rc=0 iv=3000

	links_up
	r1_active_r2_backup || return 1
	# R1 with interval 3000: R2's Active_Down_Interval becomes 10.8 s,
	# while a priority-0 advertisement makes it take over after its
	# Skew_Time, 1.8 s.
	vrrpctl "$R1" del eth0 vrid "$VRID" || { fail "del on R1 failed"; return; }
	wait_state "$R2" eth0 "$VRID" active "$WAIT_TIMEOUT_MS" || fail "R2 not active"
	vrrp_add "$R1" 200 "$iv" || { fail "re-adding R1 with interval $iv failed"; return; }
	r1_active_r2_backup || return 1
	busywait "$WAIT_TIMEOUT_MS" vr_field_is "$R2" eth0 "$VRID" .active_interval "$iv" ||
		fail "R2 did not learn active_interval $iv"
	ai=$(vr_field "$R2" eth0 "$VRID" .active_interval)
	ktap_diag "R2 active_interval=$ai"

	p0=$(vr_stat "$R2" eth0 "$VRID" rcvd_pri_zero)
	cap_start 'ip proto 112'
	tick
	t0=$NOW_MS
	vrrpctl "$R1" del eth0 vrid "$VRID" || fail "del on the active R1 failed"
	wait_state "$R2" eth0 "$VRID" active 20000 || fail "R2 did not become active"
	cap_wait_advert "$R2_IP" || fail "no advertisement from R2 captured"
	cap_stop
	check_time del_takeover "$(cap_takeover_us "$R1_IP" "$R2_IP" $((t0 * 1000)) 0)" \
		"$(skew_us "$R2_PRIO" "$iv")" "$iv" ||
		ktap_diag "$(cap_timeline "$R1_IP" "$R2_IP" $((t0 * 1000)))"
	cap_clean
	p1=$(vr_stat "$R2" eth0 "$VRID" rcvd_pri_zero)
	ktap_diag "R2 rcvd_pri_zero: $p0 -> $p1"
	[[ "$p1" -gt "$p0" ]] || fail "R2 counted no priority 0 advertisement"
	[[ -z "$(vr_json "$R1" eth0 "$VRID")" ]] || fail "R1 still shows vrid $VRID after del"

	# Back to the standard configuration for whoever runs next.
	vrrp_add "$R1" 200 || rc=1
	r1_active_r2_backup || rc=1
	return "$rc"
}

require_root
require_cmd ip bridge nft jq ping busybox tcpdump
require_vrrp
lib_init

ktap_header
tests_plan
ktap_diag "kernel $(uname -r), vrrpctl $VRRPCTL_BIN"

if ! topo_create || ! topo_routers_up; then
	show_routers "${R1:-}" "${R2:-}"
	ktap_diag "Bail out: cannot set up the topology"
fi

tests_run
ktap_finish
