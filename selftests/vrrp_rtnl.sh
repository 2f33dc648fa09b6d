#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A takeover must not wait for rtnl: a host busy under rtnl (rtnl is
# global) still forwards through the new Active router at once.
#
# The topology of lib.sh, but R2's LAN side is a bridge (br0 over its
# eth0): a bridge passes frames to the vMAC up to itself only with the
# vMAC in its unicast filter (dev_uc_add() makes it promiscuous), so
# forwarding on R2 needs that entry, which needs rtnl.
#
#   backup_filter      the Backup R2 has the vMAC in br0's filter from its
#                      creation, and forwards none of the client's stream
#                      (frames to the vMAC stay PACKET_OTHERHOST)
#   takeover_rtnl_busy R1's namespace, holding dummy devices, is deleted:
#                      the kernel holds rtnl while it unregisters them all
#                      (R1's eth0 closes and its priority-0 goodbye leaves
#                      in the same batch). R2 must forward the client's
#                      stream again within Active_Down_Interval + SLACK_MS
#                      of R1's last forwarded reply, and before a command
#                      that needs rtnl, waiting on it since the deletion,
#                      gets it. The number of dummies is calibrated on a
#                      scratch namespace so that rtnl stays held about
#                      HOG_FACTOR bounds on this kernel, fast or slow; a
#                      hold that ends within the bound of R1's last reply
#                      cannot tell a takeover that waits for rtnl from one
#                      that does not, and is a skip (a failure under CI).
#
# Environment: VRRPCTL_BIN, VRRP_KO, WAIT_TIMEOUT_MS (as the other tests),
# HOG_LINKS (default: calibrated), HOG_FACTOR (default 3), SLACK_MS
# (default 1000: TCG scheduling, the 10 ms probe interval and the switch
# learning the vMAC from R2's gratuitous ARP).

# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

ALL_TESTS="
	backup_filter
	takeover_rtnl_busy
"

HOG_LINKS=${HOG_LINKS:-}
HOG_FACTOR=${HOG_FACTOR:-3}
CAL_LINKS=200
SLACK_MS=${SLACK_MS:-1000}
INTERVAL=100
R2_PRIO=100

cleanup() {
	[[ -n "${PROBE_LOG:-}" ]] && rm -f "$PROBE_LOG"
	return 0
}

# R2's LAN address moves from eth0 to a bridge over eth0; its forward
# counter counts what comes in on the bridge.
r2_bridge() {
	run ip -n "$R2" link add br0 type bridge mcast_snooping 0 || return
	run ip -n "$R2" addr del "$LAN_PREFIX.3/24" dev eth0 || return
	run ip -n "$R2" link set eth0 master br0 || return
	run ip -n "$R2" addr add "$LAN_PREFIX.3/24" dev br0 || return
	run ip -n "$R2" link set br0 up || return
	run ip netns exec "$R2" nft add rule ip vrrptest forward \
		iifname br0 counter name lan_fwd
}

# R1 Active on eth0, R2 Backup on br0.
elected() {
	wait_state "$R1" eth0 "$VRID" active "$WAIT_TIMEOUT_MS" ||
		fail "R1 is not active" || return
	wait_state "$R2" br0 "$VRID" backup "$WAIT_TIMEOUT_MS" ||
		fail "R2 is not backup" || return
}

br0_has_vmac() {
	bridge -n "$R2" fdb show dev br0 2>/dev/null |
		grep -qi "^$(vmac "$VRID") self permanent"
}

test_backup_filter() {
	local f2 g2

	elected || return 1
	run bridge -n "$R2" fdb show dev br0
	br0_has_vmac || fail "the Backup R2 has not the vMAC in br0's filter"
	f2=$(fwd_packets "$R2") ||
		{ fail "cannot read R2's forwarding counter"; return; }
	probe_start
	probe_wait_replies 50 "$WAIT_TIMEOUT_MS" ||
		fail "the client does not reach the server through R1"
	# While the switch still floods the vMAC to R2 as well.
	run ip -n "$SW" link set br0 type bridge ageing_time 0
	probe_wait_replies 100 "$WAIT_TIMEOUT_MS" ||
		fail "the client does not reach the server while the switch floods the vMAC"
	run ip -n "$SW" link set br0 type bridge ageing_time 30000
	probe_stop
	g2=$(fwd_packets "$R2") ||
		{ fail "cannot read R2's forwarding counter"; return; }
	ktap_diag "R2 forwarded $((g2 - f2)) packets while Backup"
	((g2 - f2 == 0)) || fail "the Backup R2 forwarded $((g2 - f2)) packets"
	return 0
}

# resume_after T0: from epoch time T0 (s.us) on, the longest gap between
# replies of the probe log (the first one counted from T0): "GAP_MS
# RESUME_MS", RESUME_MS the end of that gap after T0; nothing without a
# reply after T0.
resume_after() {
	awk -F'[][]' -v t0="$1" '/bytes from/ && $2 + 0 > t0 {
			t = $2 + 0
			if (!n++) last = t0
			if (t - last > max) { max = t - last; at = t }
			last = t
		}
		END { if (n) printf "%d %d\n", max * 1000, (at - t0) * 1000 }' \
		"$PROBE_LOG"
}

# resumed T0: replies came back after a gap of at least 3 probe intervals.
resumed() {
	local gap

	read -r gap _ < <(resume_after "$1")
	[[ -n "$gap" ]] && ((gap >= 30))
}

# add_dummies NS N: N dummy devices in NS, in one batch.
add_dummies() {
	local f i rc

	f=$(mktemp /tmp/vrrp-hog.XXXXXX)
	for ((i = 0; i < $2; i++)); do
		echo "link add hog$i type dummy"
	done > "$f"
	ip -n "$1" -batch "$f"
	rc=$?
	rm -f "$f"
	return "$rc"
}

# rtnl_wait T0 DONE: from PR, take rtnl again and again ("ip link set lo
# up" needs it) until DONE holds; a single try could run before the netns
# cleanup work takes rtnl and prove nothing. Sets RTNL_FROM and RTNL_TO
# (ms after epoch ms T0) to the try that waited longest: rtnl was held
# over most of that span and let go at its end.
rtnl_wait() {
	local t0=$1 s

	shift
	RTNL_FROM=0
	RTNL_TO=0
	while :; do
		tick
		s=$NOW_MS
		ip -n "$PR" link set lo up
		tick
		if ((NOW_MS - s > RTNL_TO - RTNL_FROM)); then
			RTNL_FROM=$((s - t0))
			RTNL_TO=$((NOW_MS - t0))
		fi
		"$@" "$((NOW_MS - t0))" && return 0
	done
}

# long_wait NOW: a try waited past the bound, or the deadline passed.
long_wait() {
	((RTNL_TO - RTNL_FROM > bound || $1 > HOG_FACTOR * bound + WAIT_TIMEOUT_MS))
}

# quiet_again NOW: the longest wait ended a while ago (as long again as
# the time up to its end, and at least 500 ms): the hold is over.
quiet_again() {
	(($1 > 2 * RTNL_TO && $1 > 500))
}

# cal_hold N: sets CAL_MS to how long, after its deletion, a scratch
# namespace holding N dummies keeps rtnl.
cal_hold() {
	local t0

	setup_ns CAL || return
	if (($1)); then
		add_dummies "$CAL" "$1" || return
	fi
	tick
	t0=$NOW_MS
	ip netns del "$CAL"
	rtnl_wait "$t0" quiet_again
	CAL_MS=$RTNL_TO
	ktap_diag "calibration: the deletion of $1 dummies let go of rtnl after ${CAL_MS} ms"
}

# hog_links: sets HOG_N to HOG_LINKS, or to the number of dummies whose
# unregistration holds rtnl about HOG_FACTOR x BOUND here, scaled from a
# scratch namespace's. A fast kernel lets go of CAL_LINKS within the
# fixed costs of a deletion and the noise of the tries, so it is measured
# again with as many as should take one bound.
hog_links() {
	local n=$CAL_LINKS

	HOG_N=$HOG_LINKS
	[[ -n "$HOG_N" ]] && return 0
	cal_hold "$n" || return
	if ((CAL_MS < bound)); then
		n=$((n * bound / (CAL_MS > 0 ? CAL_MS : 1)))
		((n > 10000)) && n=10000
		cal_hold "$n" || return
	fi
	HOG_N=$((n * HOG_FACTOR * bound / (CAL_MS > 0 ? CAL_MS : 1)))
	((HOG_N < CAL_LINKS)) && HOG_N=$CAL_LINKS
	((HOG_N > 30000)) && HOG_N=30000
	return 0
}

test_takeover_rtnl_busy() {
	local adi_ms bound t0 t0s gap out stop

	elected || return 1
	# RFC 9568 6.1: Active_Down_Interval = 3 x interval + Skew_Time,
	# Skew_Time = (256 - priority) x interval / 256.
	adi_ms=$((3 * INTERVAL + (256 - R2_PRIO) * INTERVAL / 256))
	bound=$((adi_ms + SLACK_MS))

	setup_ns PR || return 1
	hog_links || fail "cannot calibrate the dummy links" || return
	ktap_diag "+ ip -n $R1 -batch ($HOG_N dummy links)"
	add_dummies "$R1" "$HOG_N" || fail "cannot add the dummy links" || return

	probe_start
	probe_wait_replies 50 "$WAIT_TIMEOUT_MS" ||
		fail "the client does not reach the server through R1" || return

	tick
	t0=$NOW_MS
	t0s=${EPOCHREALTIME/,/.}
	ktap_diag "+ ip netns del $R1  (with $HOG_N links)"
	ip netns del "$R1"
	rtnl_wait "$t0" long_wait
	busywait "$((bound + WAIT_TIMEOUT_MS))" resumed "$t0s"
	read -r gap out < <(resume_after "$t0s")
	probe_stop
	state_is "$R2" br0 "$VRID" active || fail "R2 is not Active"
	[[ -n "$out" && "$gap" -ge 30 ]] || fail "no reply through R2" || return
	# R1 forwards until the batch closes its eth0: the outage starts
	# with its last reply, not with the deletion.
	stop=$((out - gap))
	ktap_diag "after the deletion: R1's last reply at ${stop} ms, R2's first at ${out} ms (outage ${gap} ms, bound ${bound} ms = Active_Down_Interval ${adi_ms} ms + ${SLACK_MS} ms); rtnl held from at most ${RTNL_FROM} ms to ${RTNL_TO} ms"
	((gap <= bound)) ||
		fail "the client's outage was ${gap} ms, past ${bound} ms"
	if ((RTNL_TO - stop <= bound)); then
		skip_test "rtnl was let go ${RTNL_TO} ms after the deletion, within the bound of R1's last reply (${stop} ms): raise HOG_LINKS or HOG_FACTOR"
		return
	fi
	((out < RTNL_TO)) ||
		fail "R2 forwarded only after rtnl was let go: it waited for rtnl"
	return 0
}

require_root
require_cmd jq nft bridge ping
require_vrrp
lib_init

ktap_header
tests_plan
if ! topo_create || ! r2_bridge; then
	ktap_diag "Bail out: cannot set up the topology"
	exit 1
fi
if ! vrrpctl "$R1" add eth0 vrid "$VRID" prio 200 interval "$INTERVAL" \
		address "$VIP_CIDR" ||
   ! vrrpctl "$R2" add br0 vrid "$VRID" prio "$R2_PRIO" \
		interval "$INTERVAL" address "$VIP_CIDR"; then
	ktap_diag "Bail out: add failed"
	exit 1
fi
tests_run
ktap_finish
