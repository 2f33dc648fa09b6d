#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Anycast gateways ("mode anycast", as Cumulus VRR and Arista VARP), on
# the topology of lib.sh: R1 and R2 both run vrid 10 as an anycast gateway
# for the VIP, interval 100 ms. No election, no advertisement: both are
# Active at once, answer ARP and ND, and forward for the virtual MAC.
#
#   both_active   both Active (reason anycast) with the vMAC in their
#                 unicast filters; nothing of protocol 112 on the LAN for
#                 a second, no advertisement counted
#   arp_both      one ARP request of the client for the VIP: a reply from
#                 each router, from the vMAC
#   carrier       the router the LAN bridge sends the vMAC's frames to
#                 loses carrier: the bridge floods them to the other one,
#                 which forwards at once; the client's outage is bounded
#                 as if failing over took no time (RFC time 0,
#                 lib/timing.sh), where VRRP waits Active_Down_Interval
#   custom_mac    both routers of IPv4 and IPv6 anycast gateways with one
#                 MAC of their own (locally administered): the client
#                 resolves both VIPs to it and reaches the server in both
#                 families; the MAC leaves the filter with its last router
#   bond          behind a client's active-backup bond with a link to
#                 each router (no switch): the active link failing moves
#                 the client's traffic to the other router within the
#                 bond's miimon (RFC time 10 ms)
#   conflict      a router on the LAN runs VRRP for vrid 10: both anycast
#                 gateways count its advertisements (anycast_conflicts)
#                 and stay Active
#   refused       what the kernel refuses, with its extack message, and
#                 changes nothing: a MAC without anycast, a multicast or
#                 vendor MAC, the interface's own, another router's, a
#                 sync group, a set that changes the mode or the MAC; an
#                 apply whose new MAC is refused puts the router back
#
# Environment: VRRP_KO, WAIT_TIMEOUT_MS.

# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

ALL_TESTS="
	both_active
	arp_both
	carrier
	custom_mac
	bond
	conflict
	refused
"

INTERVAL=100
# A locally administered MAC for both families (custom_mac).
OWN_MAC=02:00:5e:10:00:01
# The bond's link monitor period (bond).
MIIMON_MS=10
# The bond test's LAN: the routers' eth2, the client CB behind bond0.
BOND_PREFIX=203.0.113
BOND_VRID=20

# anycast_add NS [ARGS...]: the anycast gateway of VRID on eth0.
anycast_add() {
	local ns=$1
	shift

	vrrpctl "$ns" add eth0 vrid "$VRID" mode anycast interval "$INTERVAL" \
		"$@" address "$VIP_CIDR"
}

both_state() {
	state_is "$R1" eth0 "$VRID" "$1" && state_is "$R2" eth0 "$VRID" "$1"
}

both_up() {
	busywait "$WAIT_TIMEOUT_MS" both_state active ||
		{ fail "R1 and R2 are not both active"; show_routers "$R1" "$R2"; return 1; }
}

test_both_active() {
	local ns n rc=0

	both_up || return 1
	for ns in "$R1" "$R2"; do
		vr_field_is "$ns" eth0 "$VRID" .reason anycast ||
			{ fail "$ns: reason $(vr_field "$ns" eth0 "$VRID" .reason), not anycast"; rc=1; }
		vr_field_is "$ns" eth0 "$VRID" .mode anycast ||
			{ fail "$ns: show does not say mode anycast"; rc=1; }
		router_has_uc_vmac "$ns" ||
			{ fail "$ns: the vMAC is not in eth0's unicast filter"; rc=1; }
	done
	# The client's pings show that the capture sees the LAN.
	cap_start "ip proto 112 or ip6 proto 112 or icmp"
	run ip netns exec "$CL" ping -c 5 -i 0.2 -W 2 "$SERVER_IP" ||
		{ fail "the client does not reach the server"; rc=1; }
	cap_stop
	n=$(cap_count "VRRP")
	ktap_diag "VRRP packets on the LAN in 1 s: $n; $(cap_count "ICMP echo reply") echo replies"
	((n == 0)) || { fail "$n VRRP packets from anycast gateways"; rc=1; }
	cap_has "ICMP echo reply" 5 ||
		{ fail "the capture missed the client's pings"; rc=1; }
	cap_clean
	for ns in "$R1" "$R2"; do
		n=$(vr_stat "$ns" eth0 "$VRID" sent_advertisements) || rc=1
		((n == 0)) || { fail "$ns sent $n advertisements"; rc=1; }
	done
	return "$rc"
}

test_arp_both() {
	local req ours other

	both_up || return 1
	run ip -n "$CL" neigh flush dev eth0
	cap_start "arp"
	run ip netns exec "$CL" ping -c 1 -W 2 "$SERVER_IP" ||
		fail "the client does not reach the server"
	nap 0.5
	cap_stop
	read -r req ours other < <(tcpdump -r "$CAP" -n -e 2>/dev/null |
		awk -v vip="$VIP" -v m="$(vmac "$VRID")" '
			$0 ~ "Request who-has " vip " tell " && $0 !~ "tell " vip "," { q++ }
			$0 ~ "Reply " vip " is-at " { if (tolower($0) ~ "is-at " m) o++; else x++ }
			END { print q + 0, o + 0, x + 0 }')
	cap_clean
	ktap_diag "ARP for $VIP: $req requests, $ours replies from the vMAC, $other others"
	((req >= 1 && ours == 2 * req && other == 0)) ||
		{ fail "not one reply from each router per request"; return 1; }
	[[ "$(client_gw_mac)" == "$(vmac "$VRID")" ]] ||
		{ fail "the client resolved $VIP to $(client_gw_mac)"; return 1; }
}

# fwd_both: "R1 R2", the LAN packets each forwarded so far.
fwd_both() {
	local a b

	a=$(fwd_packets "$R1") && b=$(fwd_packets "$R2") && echo "$a $b"
}

# carrier_failover: the port of the router the bridge sends the vMAC's
# frames to goes down under the probe stream: the one that forwards them
# before, the other one after.
carrier_failover() {
	local port a1 a2 b1 b2 c1 c2 n fwd other

	both_up || return 1
	probe_start
	probe_wait_replies 20 "$WAIT_TIMEOUT_MS" ||
		{ probe_stop; fail "no probe replies before the failure"; return 1; }
	port=$(sw_vmac_ports)
	[[ "$port" == l-r[12] ]] ||
		{ probe_stop; fail "the bridge has the vMAC on '$port'"; return 1; }
	read -r a1 a2 < <(fwd_both)
	probe_wait_replies $(($(probe_replies) + 20)) "$WAIT_TIMEOUT_MS"
	read -r b1 b2 < <(fwd_both)
	ktap_diag "the bridge sends the vMAC's frames to $port; forwarded meanwhile: R1 $((b1 - a1)), R2 $((b2 - a2))"
	if [[ $port == l-r1 ]]; then
		fwd=$((b1 - a1)) other=$((b2 - a2)) n=2
	else
		fwd=$((b2 - a2)) other=$((b1 - a1)) n=1
	fi
	((fwd >= 10 && other == 0)) ||
		{ probe_stop; fail "the router on $port is not the one forwarding"; return 1; }
	run ip -n "$SW" link set "$port" down
	probe_wait_replies $(($(probe_replies) + 30)) "$WAIT_TIMEOUT_MS" ||
		fail "the client does not reach the server after the failure"
	probe_stop
	read -r c1 c2 < <(fwd_both)
	other=$((n == 1 ? c1 - b1 : c2 - b2))
	ktap_diag "R$n forwarded $other LAN packets after the failure"
	((other >= 30)) || fail "R$n forwarded $other packets after the failure"
	check_outage anycast_carrier_outage "$PROBE_OUTAGE" 0 "$INTERVAL"
	run ip -n "$SW" link set "$port" up
	both_up
}

test_carrier() {
	measure_stable carrier_failover
}

# filter_has NS MAC: MAC is in eth0's unicast filter.
filter_has() {
	bridge -n "$1" fdb show dev eth0 2>/dev/null |
		grep -qi "^$2 self permanent"
}

# client_neigh6 ADDR: the client's IPv6 neighbour entry (lladdr) for ADDR.
client_neigh6() {
	ip -n "$CL" -6 -j neigh show "$1" dev eth0 2>/dev/null |
		jq -r '.[0].lladdr // empty'
}

state6_both() {
	[[ "$(vr_state "$R1" eth0 "$VRID" inet6)" == active &&
	   "$(vr_state "$R2" eth0 "$VRID" inet6)" == active ]]
}

test_custom_mac() {
	local ns rc=0

	for ns in "$R1" "$R2"; do
		vrrpctl "$ns" del eth0 vrid "$VRID" || return 1
		anycast_add "$ns" vmac "$OWN_MAC" || return 1
		vrrpctl "$ns" add eth0 vrid "$VRID" family inet6 mode anycast \
			vmac "$OWN_MAC" address "$VIP6LL" address "$VIP6/64" || return 1
	done
	both_up || return 1
	busywait "$WAIT_TIMEOUT_MS" state6_both ||
		{ fail "the inet6 anycast gateways are not both active"; return 1; }
	for ns in "$R1" "$R2"; do
		filter_has "$ns" "$OWN_MAC" ||
			{ fail "$ns: $OWN_MAC is not in eth0's unicast filter"; rc=1; }
		! filter_has "$ns" "$(vmac "$VRID")" ||
			{ fail "$ns: the standard vMAC is in eth0's filter too"; rc=1; }
	done
	run ip -n "$CL" neigh flush dev eth0
	run ip netns exec "$CL" ping -c 3 -i 0.2 -W 2 "$SERVER_IP" ||
		{ fail "the client does not reach $SERVER_IP"; rc=1; }
	busywait "$WAIT_TIMEOUT_MS" ip netns exec "$CL" ping -c 1 -W 1 "$SERVER6" > /dev/null ||
		{ fail "the client does not reach $SERVER6"; rc=1; }
	[[ "$(client_gw_mac)" == "$OWN_MAC" ]] ||
		{ fail "the client resolved $VIP to '$(client_gw_mac)'"; rc=1; }
	[[ "$(client_neigh6 "$VIP6")" == "$OWN_MAC" ]] ||
		{ fail "the client resolved $VIP6 to '$(client_neigh6 "$VIP6")'"; rc=1; }
	# Shared: the MAC stays with the inet6 router, goes with it.
	vrrpctl "$R1" del eth0 vrid "$VRID" family inet || rc=1
	filter_has "$R1" "$OWN_MAC" ||
		{ fail "R1: $OWN_MAC left the filter with the inet router"; rc=1; }
	vrrpctl "$R1" del eth0 vrid "$VRID" family inet6 || rc=1
	! filter_has "$R1" "$OWN_MAC" ||
		{ fail "R1: $OWN_MAC stayed in the filter"; rc=1; }
	vrrpctl "$R2" del eth0 vrid "$VRID" family inet || rc=1
	vrrpctl "$R2" del eth0 vrid "$VRID" family inet6 || rc=1
	anycast_add "$R1" || rc=1
	anycast_add "$R2" || rc=1
	both_up || rc=1
	return "$rc"
}

# bond_topo: CB's bond0 (active-backup, primary b1) over b1 to R1's eth2
# and b2 to R2's eth2, anycast vrid BOND_VRID on both eth2.
bond_topo() {
	local r n

	setup_ns CB || return
	for r in 1 2; do
		n=R$r
		run ip -n "$CB" link add "b$r" type veth peer name eth2 netns "${!n}" || return
		nsbatch "${!n}" <<-EOF || return
		addr add $BOND_PREFIX.$((r + 1))/24 dev eth2
		link set eth2 up
		EOF
	done
	nsbatch "$CB" <<-EOF || return
	link add bond0 type bond mode active-backup miimon $MIIMON_MS
	link set b1 master bond0
	link set b2 master bond0
	link set bond0 type bond primary b1
	link set bond0 up
	addr add $BOND_PREFIX.100/24 dev bond0
	route add default via $BOND_PREFIX.1
	EOF
	for r in 1 2; do
		n=R$r
		vrrpctl "${!n}" add eth2 vrid "$BOND_VRID" mode anycast \
			address "$BOND_PREFIX.1/24" || return
	done
}

bond_failover() {
	local log gap

	run ip -n "$R1" link set eth2 up
	busywait "$WAIT_TIMEOUT_MS" state_is "$R1" eth2 "$BOND_VRID" active ||
		{ fail "R1's eth2 gateway is not active"; return 1; }
	busywait "$WAIT_TIMEOUT_MS" bond_active_is b1 ||
		{ fail "the bond is not on b1"; return 1; }
	log=$(mktemp /tmp/vrrp-bond.XXXXXX)
	bg_start bprobe ip netns exec "$CB" ping -D -n -i 0.01 -W 1 "$SERVER_IP" \
		> "$log" 2>&1
	busywait "$WAIT_TIMEOUT_MS" log_has "$log" 20 ||
		{ bg_stop bprobe INT; rm -f "$log"; fail "no replies through R1"; return 1; }
	run ip -n "$R1" link set eth2 down
	busywait "$WAIT_TIMEOUT_MS" log_has "$log" $(($(log_replies "$log") + 30)) ||
		fail "no replies after the bond's failover"
	bg_stop bprobe INT
	gap=$(ping_gap_ms "$log")
	ktap_diag "bond probe: $(log_replies "$log") replies, bond on $(bond_active)"
	rm -f "$log"
	bond_active_is b2 || fail "the bond did not move to b2"
	check_outage anycast_bond_outage "$gap" $((MIIMON_MS * 1000)) "$INTERVAL"
}

bond_active() {
	ip -n "$CB" -d -j link show bond0 2>/dev/null |
		jq -r '.[0].linkinfo.info_data.active_slave // empty'
}

bond_active_is() {
	[[ "$(bond_active)" == "$1" ]]
}

log_replies() {
	grep -c 'bytes from' "$1" 2>/dev/null
}

log_has() {
	[[ $(log_replies "$1") -ge $2 ]]
}

test_bond() {
	bond_topo || { fail "cannot set up the bond"; return 1; }
	measure_stable bond_failover
}

conflicts_over() {
	[[ $(vr_stat "$1" eth0 "$VRID" anycast_conflicts) -ge $2 ]]
}

test_conflict() {
	local ns rc=0

	both_up || return 1
	setup_ns RX || return 1
	run ip -n "$RX" link add eth0 type veth peer name l-rx netns "$SW" || return 1
	run ip -n "$SW" link set l-rx master br0 up || return 1
	nsbatch "$RX" <<-EOF || return 1
	addr add $LAN_PREFIX.50/24 dev eth0
	link set eth0 up
	EOF
	vrrpctl "$RX" add eth0 vrid "$VRID" prio 50 interval "$INTERVAL" \
		address "$VIP_CIDR" || return 1
	wait_state "$RX" eth0 "$VRID" active "$WAIT_TIMEOUT_MS" ||
		fail "the VRRP router does not become active"
	for ns in "$R1" "$R2"; do
		busywait "$WAIT_TIMEOUT_MS" conflicts_over "$ns" 3 ||
			{ fail "$ns counted $(vr_stat "$ns" eth0 "$VRID" anycast_conflicts) conflicts"; rc=1; }
		state_is "$ns" eth0 "$VRID" active ||
			{ fail "$ns left Active for $(vr_state "$ns" eth0 "$VRID")"; rc=1; }
	done
	vrrpctl "$RX" del eth0 vrid "$VRID" || rc=1
	cleanup_ns "$RX"
	return "$rc"
}

# refuse WHAT MESSAGE ARGS...: vrrpctl -n R1 ARGS fails, saying MESSAGE.
refuse() {
	local what=$1 msg=$2 out
	shift 2

	if out=$("$VRRPCTL_BIN" -n "$R1" "$@" 2>&1); then
		fail "$what: accepted"
		return 1
	fi
	ktap_diag "$what: $out"
	[[ "$out" == *"$msg"* ]] || { fail "$what: '$out' lacks '$msg'"; return 1; }
}

routers_of() {
	"$VRRPCTL_BIN" -n "$1" -j show 2>/dev/null | jq -r 'length'
}

test_refused() {
	local own before conf rc=0 a=(address 192.0.2.11/24)

	both_up || return 1
	own=$(ip -n "$R1" -j link show eth0 | jq -r '.[0].address')
	before=$(routers_of "$R1")
	refuse no_anycast "only an anycast gateway" \
		add eth0 vrid 11 vmac "$OWN_MAC" "${a[@]}" || rc=1
	refuse multicast "vmac must be" \
		add eth0 vrid 11 mode anycast vmac 01:00:5e:00:00:12 "${a[@]}" || rc=1
	refuse vendor "vmac must be" \
		add eth0 vrid 11 mode anycast vmac 00:11:22:33:44:55 "${a[@]}" || rc=1
	refuse own "interface's own address" \
		add eth0 vrid 11 mode anycast vmac "$own" "${a[@]}" || rc=1
	refuse group "no sync group" \
		add eth0 vrid 11 mode anycast group g1 "${a[@]}" || rc=1
	refuse set_mode "mode is fixed" set eth0 vrid "$VRID" mode vrrp || rc=1
	refuse set_vmac "vmac is fixed" set eth0 vrid "$VRID" vmac "$OWN_MAC" || rc=1
	# Another router's MAC: its standard vMAC, or an anycast one of the
	# same family.
	vrrpctl "$R1" add eth0 vrid 13 address 192.0.2.13/24 || rc=1
	refuse standard_taken "that of vrid 13" \
		add eth0 vrid 14 mode anycast vmac "$(vmac 13)" address 192.0.2.14/24 || rc=1
	vrrpctl "$R1" add eth0 vrid 15 mode anycast vmac 02:00:5e:10:00:02 \
		address 192.0.2.15/24 || rc=1
	refuse own_taken "that of vrid 15" \
		add eth0 vrid 16 mode anycast vmac 02:00:5e:10:00:02 address 192.0.2.16/24 || rc=1
	vrrpctl "$R1" del eth0 vrid 13 || rc=1
	vrrpctl "$R1" del eth0 vrid 15 || rc=1
	# apply makes a router whose MAC changes again: when the kernel
	# refuses the new one, the router is put back as it ran.
	conf=$(mktemp /tmp/vrrp-anycast.XXXXXX)
	"$VRRPCTL_BIN" -n "$R1" save | sed "/ vrid $VRID .*mode anycast/s/mode anycast/mode anycast vmac 00:11:22:33:44:55/" > "$conf"
	ktap_diag "apply: $(grep " vrid $VRID " "$conf")"
	refuse apply_refused "as it ran is back" apply "$conf" || rc=1
	rm -f "$conf"
	busywait "$WAIT_TIMEOUT_MS" state_is "$R1" eth0 "$VRID" active ||
		{ fail "R1's vrid $VRID is $(vr_state "$R1" eth0 "$VRID") after the refused apply"; rc=1; }
	[[ "$(routers_of "$R1")" == "$before" ]] ||
		{ fail "R1 has $(routers_of "$R1") routers, had $before"; rc=1; }
	vr_field_is "$R1" eth0 "$VRID" .mode anycast ||
		{ fail "R1's vrid $VRID is no longer anycast"; rc=1; }
	return "$rc"
}

require_root
require_cmd ip bridge jq ping tcpdump
require_vrrp
lib_init

ktap_header
tests_plan
ktap_diag "kernel $(uname -r), vrrpctl $VRRPCTL_BIN"

if ! topo_create || ! topo6 || ! anycast_add "$R1" || ! anycast_add "$R2"; then
	show_routers "${R1:-}" "${R2:-}"
	ktap_diag "Bail out: cannot set up the topology"
fi

tests_run
ktap_finish
