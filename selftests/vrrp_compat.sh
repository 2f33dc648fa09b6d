#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Older peers, on the topology of lib.sh (R1, R2 on a LAN bridge with a
# client): VRRPv2 (RFC 3768), the IPv4 VRRPv3 checksum without the
# pseudo-header, and the RFC 9568 8.4 VRRPv2/VRRPv3 interop mode
# (v2-compat). Captures are taken on the LAN bridge of the switch
# namespace.
#
#   v2_failover        VRRPv2 (1 s interval): election, and a failover whose
#                      takeover (captured on the LAN) lies within lib.sh's
#                      bound of Master_Down_Interval (RFC 3768: 3.609 s)
#   checksum_plain     R1 sends the checksum without the pseudo-header;
#                      R2 accepts it and counts it as csum-plain
#   interop_v2_active  RFC 9568 8.4: a VRRPv2 router (higher priority) and
#                      a v2-compat VRRPv3 router fail over both ways; the
#                      latter sends both versions
#   interop_v3_active  the v2-compat router has the higher priority: the
#                      VRRPv2 router follows its VRRPv2 copies; both ways
#   interop_v2_ignored a v2-compat Backup ignores the VRRPv2 copies of an
#                      Active router that also sends VRRPv3
#
# Environment: VRRP_KO, WAIT_TIMEOUT_MS, KSRC (lib/ynl.sh).

# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"
# shellcheck source=lib/ynl.sh
source "$LIB_DIR/lib/ynl.sh"

ALL_TESTS="
	v2_failover
	checksum_plain
	interop_v2_active
	interop_v3_active
	interop_v2_ignored
"

v2_failover() {
	local cfg t0 rc=0

	cfg='"ifname": "eth0", "vrid": 30, "version": 2, "interval": 1000,
	     "vip": [{"addr4": "192.0.2.30", "prefixlen": 24}]'
	ynl "$R1" "do" add "{$cfg, \"priority\": 200}" || return 1
	ynl "$R2" "do" add "{$cfg, \"priority\": 100}" || return 1
	ywait "$R1" 30 inet active || fail "R1 not active"
	ywait "$R2" 30 inet backup || fail "R2 not backup"
	[[ "$(yfield "$R2" 30 inet .version)" == 2 ]] || fail "R2 is not VRRPv2"
	[[ "$(yfield "$R2" 30 inet '.stats."rcvd-advertisements"')" -gt 0 ]] ||
		fail "R2 received no VRRPv2 advertisement"
	cap_start 'ip proto 112'
	# The takeover is timed from R1's last advertisement: one in the
	# capture first (1 s apart).
	cap_wait_advert "$LAN_PREFIX.2" || fail "no advertisement from R1 captured"
	tick
	t0=$NOW_MS
	r1_link down
	ywait "$R2" 30 inet active || fail "R2 did not take over"
	cap_wait_advert "$LAN_PREFIX.3" || fail "no advertisement from R2 captured"
	cap_stop
	# RFC 3768 6.1: Master_Down_Interval = 3 * Advertisement_Interval +
	# Skew_Time, Skew_Time = (256 - Priority) / 256 s: the formulas of
	# VRRPv3 at a 1 s interval.
	check_time v2_takeover "$(cap_takeover_us "$LAN_PREFIX.2" "$LAN_PREFIX.3" \
		$((t0 * 1000)))" "$(adi_us 100 1000)" 1000 ||
		ktap_diag "$(cap_timeline "$LAN_PREFIX.2" "$LAN_PREFIX.3" $((t0 * 1000)))"
	cap_clean
	r1_link up
	ywait "$R1" 30 inet active || fail "R1 did not preempt back"
	ydel "$R1" 30 inet || rc=1
	ydel "$R2" 30 inet || rc=1
	return "$rc"
}

test_v2_failover() {
	measure_stable v2_failover
}

test_checksum_plain() {
	local cfg n rc=0

	cfg='"ifname": "eth0", "vrid": 70, "interval": 100,
	     "vip": [{"addr4": "192.0.2.70"}]'
	ynl "$R1" "do" add "{$cfg, \"priority\": 200, \"checksum\": \"plain\"}" || return 1
	ynl "$R2" "do" add "{$cfg, \"priority\": 100}" || return 1
	ywait "$R1" 70 inet active || fail "R1 not active"
	ywait "$R2" 70 inet backup || fail "R2 not backup: plain checksum refused?"
	n=$(yfield "$R2" 70 inet '.stats."csum-plain"')
	ktap_diag "R2 csum-plain=$n csum-pseudo=$(yfield "$R2" 70 inet '.stats."csum-pseudo"')"
	[[ "$n" -gt 0 ]] || fail "R2 counted no plain checksum"
	ydel "$R1" 70 inet || rc=1
	ydel "$R2" 70 inet || rc=1
	return "$rc"
}

rcvd_over() {
	[[ $(vr_stat "$1" eth0 "$2" rcvd_advertisements) -ge $3 ]]
}

# RFC 9568 8.4: R1 speaks VRRPv2 only and has the higher priority; R2 is
# VRRPv3 in v2-compat mode.
test_interop_v2_active() {
	local v2 v3 re_v2 re_v3 rc=0

	re_v2='192\.0\.2\.3 > 224\.0\.0\.18: VRRPv2, Advertisement, vrid 19'
	re_v3='192\.0\.2\.3 > 224\.0\.0\.18: VRRPv3, Advertisement, vrid 19'
	cap_start 'ip proto 112'
	vrrpctl "$R1" add eth0 vrid 19 version 2 prio 200 interval 1000 \
		address 192.0.2.19/24 || rc=1
	vrrpctl "$R2" add eth0 vrid 19 version 3 v2-compat on prio 100 \
		interval 1000 address 192.0.2.19/24 || rc=1
	wait_state "$R1" eth0 19 active "$WAIT_TIMEOUT_MS" || fail "R1 (v2) not active"
	wait_state "$R2" eth0 19 backup "$WAIT_TIMEOUT_MS" || fail "R2 (v3) not backup"
	busywait "$WAIT_TIMEOUT_MS" rcvd_over "$R2" 19 3 ||
		fail "R2 took no VRRPv2 advertisement"
	[[ "$(vr_active_router "$R2" eth0 19)" == 192.0.2.2 ]] ||
		fail "R2 does not follow R1"
	r1_link down
	wait_state "$R2" eth0 19 active "$WAIT_TIMEOUT_MS" || fail "R2 did not take over"
	r1_link up
	# R1 comes back as Backup, hears R2's VRRPv2 copies and preempts.
	wait_state "$R1" eth0 19 active "$WAIT_TIMEOUT_MS" || fail "R1 did not preempt back"
	wait_state "$R2" eth0 19 backup "$WAIT_TIMEOUT_MS" || fail "R2 not backup again"
	# As in unicast_failover: tcpdump may still be behind.
	busywait "$WAIT_TIMEOUT_MS" cap_has "$re_v2" 1
	busywait "$WAIT_TIMEOUT_MS" cap_has "$re_v3" 1
	cap_stop
	v2=$(cap_count "$re_v2")
	v3=$(cap_count "$re_v3")
	ktap_diag "R2 sent $v2 VRRPv2 and $v3 VRRPv3 advertisements while active"
	((v2 > 0 && v3 > 0)) || fail "R2 did not send both versions"
	cap_clean
	vrrpctl "$R1" del eth0 vrid 19 || rc=1
	vrrpctl "$R2" del eth0 vrid 19 || rc=1
	return "$rc"
}

# The other way round: the v2-compat R2 has the higher priority; R1, which
# speaks VRRPv2 only, follows it through its VRRPv2 copies.
test_interop_v3_active() {
	local rc=0

	vrrpctl "$R2" add eth0 vrid 20 version 3 v2-compat on prio 200 \
		interval 1000 address 192.0.2.20/24 || rc=1
	wait_state "$R2" eth0 20 active "$WAIT_TIMEOUT_MS" || fail "R2 (v3) not active"
	vrrpctl "$R1" add eth0 vrid 20 version 2 prio 100 interval 1000 \
		address 192.0.2.20/24 || rc=1
	wait_state "$R1" eth0 20 backup "$WAIT_TIMEOUT_MS" || fail "R1 (v2) not backup"
	# More than an Active_Down_Interval (3.6 s) of adverts taken.
	busywait "$WAIT_TIMEOUT_MS" rcvd_over "$R1" 20 5 ||
		fail "R1 took $(vr_stat "$R1" eth0 20 rcvd_advertisements) advertisements"
	state_is "$R1" eth0 20 backup || fail "R1 did not stay backup"
	[[ "$(vr_active_router "$R1" eth0 20)" == 192.0.2.3 ]] ||
		fail "R1 does not follow R2"
	r2_link down
	wait_state "$R1" eth0 20 active "$WAIT_TIMEOUT_MS" || fail "R1 did not take over"
	r2_link up
	wait_state "$R2" eth0 20 active "$WAIT_TIMEOUT_MS" || fail "R2 did not preempt back"
	wait_state "$R1" eth0 20 backup "$WAIT_TIMEOUT_MS" || fail "R1 not backup again"
	vrrpctl "$R1" del eth0 vrid 20 || rc=1
	vrrpctl "$R2" del eth0 vrid 20 || rc=1
	return "$rc"
}

v2_ignored_over() {
	[[ $(vr_stat "$1" eth0 "$2" v2_ignored) -ge $3 ]]
}

# Two v2-compat routers: the Backup ignores the VRRPv2 copies (1 s) of an
# Active router it hears in VRRPv3 (300 ms) and keeps its interval.
test_interop_v2_ignored() {
	local ai rc=0

	vrrpctl "$R1" add eth0 vrid 21 v2-compat on prio 200 interval 300 \
		address 192.0.2.21/24 || rc=1
	vrrpctl "$R2" add eth0 vrid 21 v2-compat on prio 100 interval 300 \
		address 192.0.2.21/24 || rc=1
	wait_state "$R1" eth0 21 active "$WAIT_TIMEOUT_MS" || fail "R1 not active"
	wait_state "$R2" eth0 21 backup "$WAIT_TIMEOUT_MS" || fail "R2 not backup"
	busywait "$WAIT_TIMEOUT_MS" v2_ignored_over "$R2" 21 5 ||
		fail "R2 ignored $(vr_stat "$R2" eth0 21 v2_ignored) VRRPv2 copies, expected >= 5"
	ai=$(vr_json "$R2" eth0 21 | jq -r .active_interval)
	ktap_diag "R2: active_interval $ai, v2_ignored $(vr_stat "$R2" eth0 21 v2_ignored)"
	[[ "$ai" == 300 ]] || fail "R2's active_interval is $ai, not R1's 300"
	vrrpctl "$R1" del eth0 vrid 21 || rc=1
	vrrpctl "$R2" del eth0 vrid 21 || rc=1
	return "$rc"
}

require_root
require_cmd ip bridge nft jq python3 tcpdump
require_vrrp
lib_init

suite_run topo_create
