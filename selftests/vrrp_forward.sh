#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Active-active forwarding ("forward any"), on the topology of lib.sh: R1
# (priority 200) Active, R2 (100) Backup, interval 100 ms, the client
# sending 100 probes a second through the virtual router to the server.
# With "forward any" a Backup also forwards what the LAN delivers to it
# for the vMAC; only the Active router advertises and answers ARP.
#
#   flood_active       the default: the LAN bridge floods the vMAC's
#                      frames to both routers for 1 s (learning off on
#                      the routers' ports, their entries flushed): R2
#                      forwards nothing, the server sees no duplicate
#   flood_any          both routers "forward any", the same flood: R2
#                      forwards too, and the duplicates that cost on a
#                      plain switch are counted; show and save say "any"
#   carrier_any        R1's LAN link loses carrier: the bridge flushes
#                      the port's entries and floods to R2, which forwards
#                      at once; the client's outage is bounded as if
#                      VRRP took no time (RFC time 0, lib/timing.sh),
#                      where the default waits Active_Down_Interval
#                      (vrrp_failover's failover_carrier)
#   backup_silent      a Backup that forwards answers no ARP for the VIP
#                      and sends no advertisement
#
# Environment: VRRP_KO, WAIT_TIMEOUT_MS.

# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

ALL_TESTS="
	flood_active
	flood_any
	carrier_any
	backup_silent
"

R2_IP=$LAN_PREFIX.3
INTERVAL=100
# How long the LAN bridge floods the vMAC's frames.
FLOOD_SECS=1

# forward_set MODE: both routers forward MODE (active or any).
forward_set() {
	vrrpctl "$R1" set eth0 vrid "$VRID" forward "$1" || return
	vrrpctl "$R2" set eth0 vrid "$VRID" forward "$1" || return
	r1_active_r2_backup
}

# learning on|off: the bridge learns on the routers' LAN ports, or not,
# their learned entries flushed: it floods frames to the vMAC to both.
learning() {
	local p args=(learning "$1")

	[[ $1 == off ]] && args+=(fdb_flush)
	for p in l-r1 l-r2; do
		run ip -n "$SW" link set dev "$p" type bridge_slave "${args[@]}" ||
			return
	done
}

# probe_dups: the duplicate replies of the running probe stream.
probe_dups() {
	grep -c 'DUP!' "$PROBE_LOG"
}

# flood MODE: the vMAC's frames flooded to both routers for FLOOD_SECS
# while the probes flow; sets FLOOD_R2 (what R2 forwarded meanwhile) and
# FLOOD_DUPS (the duplicate replies).
flood() {
	local f0 f1 d0

	forward_set "$1" || return 1
	probe_start
	probe_wait_replies 20 "$WAIT_TIMEOUT_MS" ||
		{ probe_stop; fail "no probe replies before the flood"; return 1; }
	f0=$(fwd_packets "$R2") ||
		{ probe_stop; fail "cannot read R2's forward counter"; return 1; }
	d0=$(probe_dups)
	learning off || fail "cannot stop the bridge learning"
	nap "$FLOOD_SECS"
	learning on || fail "cannot make the bridge learn again"
	f1=$(fwd_packets "$R2") ||
		{ probe_stop; fail "cannot read R2's forward counter"; return 1; }
	FLOOD_DUPS=$(($(probe_dups) - d0))
	FLOOD_R2=$((f1 - f0))
	probe_stop
	ktap_diag "forward $1: R2 forwarded $FLOOD_R2 LAN packets in ${FLOOD_SECS} s of flooding; $FLOOD_DUPS duplicate replies"
	busywait "$WAIT_TIMEOUT_MS" sw_vmac_on l-r1 ||
		fail "the LAN bridge did not learn the vMAC on l-r1 again"
	return 0
}

test_flood_active() {
	flood active || return 1
	((FLOOD_R2 == 0)) || fail "the Backup R2 forwarded $FLOOD_R2 packets"
	((FLOOD_DUPS == 0)) || fail "$FLOOD_DUPS duplicate replies"
	return 0
}

test_flood_any() {
	local s

	flood any || return 1
	metric duplicates "$FLOOD_DUPS"
	# 100 probes a second, flooded for FLOOD_SECS: about as many
	# duplicates; half is what a slow guest cannot fall under.
	((FLOOD_R2 >= 50 * FLOOD_SECS)) ||
		fail "the Backup R2 forwarded $FLOOD_R2 packets, expected at least $((50 * FLOOD_SECS))"
	((FLOOD_DUPS >= 50 * FLOOD_SECS)) ||
		fail "$FLOOD_DUPS duplicate replies, expected at least $((50 * FLOOD_SECS)): both routers forward the flooded frames"
	vr_field_is "$R2" eth0 "$VRID" .forward any ||
		fail "R2's show does not say forward any"
	s=$("$VRRPCTL_BIN" -n "$R2" save 2>&1)
	[[ "$s" == *" forward any"* ]] || fail "R2's save lacks forward any: $s"
	forward_set active
}

carrier_failover() {
	local f0 f1

	run ip -n "$SW" link set l-r1 up
	forward_set any || return 1
	f0=$(fwd_packets "$R2") ||
		{ fail "cannot read R2's forward counter"; return 1; }
	probe_start
	probe_wait_replies 20 "$WAIT_TIMEOUT_MS" ||
		{ probe_stop; fail "no probe replies before the failover"; return 1; }
	r1_link down
	wait_state "$R2" eth0 "$VRID" active "$WAIT_TIMEOUT_MS" ||
		fail "R2 did not become active"
	probe_wait_replies $(($(probe_replies) + 30)) "$WAIT_TIMEOUT_MS" ||
		fail "the client does not reach the server after the failover"
	probe_stop
	f1=$(fwd_packets "$R2") ||
		{ fail "cannot read R2's forward counter"; return 1; }
	ktap_diag "R2 forwarded $((f1 - f0)) LAN packets"
	# What R2 forwarded as a Backup counts as no takeover time at all.
	check_outage any_carrier_outage "$PROBE_OUTAGE" 0 "$INTERVAL"
	r1_link up
	r1_active_r2_backup
	forward_set active
}

test_carrier_any() {
	measure_stable carrier_failover
}

# A Backup that forwards is still a Backup: the client resolves the VIP
# to the vMAC from R1's replies only, and R2 sends no advertisement.
test_backup_silent() {
	local s0 s1 req ours other rc=0

	forward_set any || return 1
	s0=$(vr_stat "$R2" eth0 "$VRID" sent_advertisements) ||
		{ fail "cannot read R2's counters"; return 1; }
	cap_start "arp or ip proto 112"
	run ip -n "$CL" neigh flush dev eth0
	run ip netns exec "$CL" ping -c 3 -i 0.2 -W 2 "$SERVER_IP" ||
		fail "the client does not reach the server"
	nap 0.5
	cap_stop
	s1=$(vr_stat "$R2" eth0 "$VRID" sent_advertisements) ||
		{ cap_clean; fail "cannot read R2's counters"; return 1; }
	((s1 == s0)) || { fail "R2 sent $((s1 - s0)) advertisements as a Backup"; rc=1; }
	# Requests for the VIP, replies from the vMAC, replies from elsewhere.
	read -r req ours other < <(tcpdump -r "$CAP" -n 2>/dev/null |
		awk -v vip="$VIP" -v m="$(vmac "$VRID")" '
			$0 ~ "Request who-has " vip " tell " && $0 !~ "tell " vip "," { q++ }
			$0 ~ "Reply " vip " is-at " { if (tolower($0) ~ "is-at " m) o++; else x++ }
			END { print q + 0, o + 0, x + 0 }')
	ktap_diag "ARP for $VIP: $req requests, $ours replies from the vMAC, $other from elsewhere"
	((ours >= 1 && ours <= req && other == 0)) ||
		{ fail "ARP for $VIP answered by another than R1 alone"; rc=1; }
	if tcpdump -r "$CAP" -n 2>/dev/null | grep -q "$R2_IP > 224.0.0.18"; then
		fail "R2's advertisements on the LAN"
		rc=1
	fi
	cap_clean
	forward_set active
	return "$rc"
}

require_root
require_cmd ip bridge nft jq ping tcpdump
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
