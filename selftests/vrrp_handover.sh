#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Planned handovers lose nothing (make before break, kernel/drain.c), on
# the topology of lib.sh: R1 (priority 200) Active, R2 (100) Backup,
# interval 100 ms, the client sending 1,000 probes a second through the
# virtual router to the server. The old Active router sends priority 0,
# keeps forwarding until it hears R2, then lets its vMAC filter go.
#
#   del                "vrrpctl del" on R1
#   fault              R1 tracks trk0 with weight 0; trk0 goes down
#
# Each counts the probes lost (transmitted minus received: 0 expected;
# before make before break, Skew_Time's worth: about 60 at 100 ms) and
# checks that R1 forwarded during the handover and dropped its vMAC
# filter (del) or stopped forwarding (fault) after it.
#
# Environment: VRRP_KO, WAIT_TIMEOUT_MS.

# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

ALL_TESTS="
	del
	fault
"

VMAC=$(vmac "$VRID")
# Probes: 1,000 a second for 2 s; the handover comes after 0.5 s.
FLOOD_COUNT=2000
FLOOD_LEAD=0.5

router_has_uc_vmac() {
	bridge -n "$1" fdb show dev eth0 2>/dev/null |
		grep -qi "^$VMAC self permanent"
}

router_lacks_uc_vmac() {
	! router_has_uc_vmac "$1"
}

flood_start() {
	FLOOD_LOG=$(mktemp /tmp/vrrp-flood.XXXXXX)
	bg_start flood ip netns exec "$CL" ping -n -q -i 0.001 -W 1 \
		-c "$FLOOD_COUNT" "$SERVER_IP" > "$FLOOD_LOG" 2>&1
}

# flood_wait: wait for the probes to end; FLOOD_LOST = transmitted minus
# received (empty if ping printed no summary).
flood_wait() {
	local pid=${BG_PIDS[flood]} line

	wait "$pid" 2>/dev/null
	unset "BG_PIDS[flood]"
	line=$(grep 'packets transmitted' "$FLOOD_LOG")
	ktap_diag "probes: $line"
	FLOOD_LOST=$(sed -n 's/^\([0-9]*\) packets transmitted, \([0-9]*\) received.*/\1 \2/p' \
		<<< "$line" | awk '{ print $1 - $2 }')
	rm -f "$FLOOD_LOG"
}

# handover CMD...: with R1 Active and the probes flowing, run CMD; R2
# must take over and the client lose no probe.
handover() {
	local f0 f1

	r1_active_r2_backup || return 1
	run ip netns exec "$CL" ping -c 1 -W 2 "$SERVER_IP" ||
		{ fail "the client does not reach the server"; return 1; }
	f0=$(fwd_packets "$R1") || { fail "cannot read R1's forward counter"; return 1; }
	flood_start
	sleep "$FLOOD_LEAD"
	run "$@" || fail "$* failed"
	wait_state "$R2" eth0 "$VRID" active "$WAIT_TIMEOUT_MS" ||
		fail "R2 did not become active"
	flood_wait
	f1=$(fwd_packets "$R1") || { fail "cannot read R1's forward counter"; return 1; }
	ktap_diag "R1 forwarded $((f1 - f0)) LAN packets"
	[[ -n "$FLOOD_LOST" ]] || { fail "no probe summary"; return 1; }
	[[ "$FLOOD_LOST" -eq 0 ]] ||
		fail "$FLOOD_LOST probes lost in the planned handover"
	return 0
}

test_del() {
	handover vrrpctl "$R1" del eth0 vrid "$VRID" || return
	# The drain ends by R2's advertisement, the filter at the deadline
	# (4 intervals): 1 s of slack for TCG.
	busywait 1400 router_lacks_uc_vmac "$R1" ||
		fail "R1 kept its vMAC filter after the drain"
	vrrp_add "$R1" 200 || { fail "re-adding R1 failed"; return; }
	r1_active_r2_backup
}

test_fault() {
	local f0 f1

	run ip -n "$R1" link add trk0 type dummy || return 1
	run ip -n "$R1" link set trk0 up || return 1
	vrrpctl "$R1" set eth0 vrid "$VRID" track trk0 || return 1
	handover ip -n "$R1" link set trk0 down || return
	vr_field_is "$R1" eth0 "$VRID" .fault true || fail "R1 not in fault"
	# Once R2 is heard, R1 forwards nothing more.
	f0=$(fwd_packets "$R1") || { fail "cannot read R1's forward counter"; return 1; }
	run ip netns exec "$CL" ping -c 20 -i 0.01 -W 1 "$SERVER_IP" ||
		fail "the client does not reach the server through R2"
	f1=$(fwd_packets "$R1") || { fail "cannot read R1's forward counter"; return 1; }
	[[ $((f1 - f0)) -eq 0 ]] || fail "R1 forwarded $((f1 - f0)) packets after the handover"
	run ip -n "$R1" link del trk0
	vrrpctl "$R1" set eth0 vrid "$VRID" track none
	r1_active_r2_backup
}

require_root
require_cmd ip bridge jq ping
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
