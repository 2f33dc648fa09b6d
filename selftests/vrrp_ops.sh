#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Operations: interface tracking, health checks, sync groups and
# "monitor --exec", on the topology of lib.sh: R1 (priority 200) and R2
# (100) share vrid 10 on the LAN (eth0, VIP 192.0.2.1); the sync group
# tests add vrid 20 on the upstream side (eth1, VIP 198.51.100.1).
# "u-r1" is R1's upstream link on the switch: setting it down takes the
# carrier from R1's eth1.
#
# Tests, in order:
#   track_link_down    both track eth1 with weight 150; R1's eth1 loses
#                      carrier: R1 drops to 50, R2 takes over
#   track_link_up      the carrier returns: R1 back to 200 and Active
#   track_flap_delay   track-delay-down 3000: a short flap changes nothing;
#                      a lasting loss counts only after the delay
#   track_fault        weight 0: the loss of eth1 is a fault: R1 stops
#                      with a priority-0 goodbye (init, fault), recovers
#   track_by_name      R1 tracks trk0 (weight 150) before it exists: it
#                      counts as down (R2 takes over); created, it counts
#                      as up (R1 back); deleted and created again with a
#                      new index, renamed away and back, it is followed
#                      by its name
#   check_demotion     health check "web" weight 150: track-state down
#                      fails over to R2, up fails back; unknown names fail
#   monitor_exec       monitor --exec runs a program per state change with
#                      the router and its states as arguments and in VRRP_*
#   sync_group_fault   vrid 10 (eth0) and 20 (eth1) in group "fw", both
#                      with a 1 s interval (a held router must not time
#                      out on a late advertisement under TCG): R1's
#                      eth1 loses carrier: both of R1's routers stop, R2
#                      is Active on both; they return together
#   sync_group_demote  R2's vrid 20 raised to 250 (a reconfigured router
#                      is not held by its group) preempts R1's: R1's vrid
#                      10 follows to Backup and stays there until R1's
#                      vrid 20 is Active again
#
# Environment: VRRPCTL_BIN, VRRP_KO, WAIT_TIMEOUT_MS (see lib.sh).

# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

ALL_TESTS="
	track_link_down
	track_link_up
	track_flap_delay
	track_fault
	track_by_name
	check_demotion
	monitor_exec
	sync_group_fault
	sync_group_demote
"

VRID2=20
VIP2_CIDR=198.51.100.1/24
TRACK_DELAY_MS=3000

# vr_is NS DEV VRID JQ-EXPR: the router's JSON satisfies JQ-EXPR.
vr_is() {
	vr_json "$1" "$2" "$3" | jq -e "$4" >/dev/null 2>&1
}

r2_active_r1_backup() {
	wait_state "$R2" eth0 "$VRID" active "$WAIT_TIMEOUT_MS" ||
		fail "R2 did not take over" || return
	wait_state "$R1" eth0 "$VRID" backup "$WAIT_TIMEOUT_MS" ||
		fail "R1 is not backup" || return
}

uplink() {
	run ip -n "$SW" link set u-r1 "$1"
}

test_track_link_down() {
	vrrpctl "$R1" set eth0 vrid "$VRID" track eth1 weight 150 || return
	vrrpctl "$R2" set eth0 vrid "$VRID" track eth1 weight 150 || return
	r1_active_r2_backup || return
	uplink down || return
	r2_active_r1_backup || { show_routers "$R1" "$R2"; return 1; }
	show_routers "$R1"
	vr_is "$R1" eth0 "$VRID" \
		'.priority == 200 and .effective_priority == 50 and .tracks[0].interface == "eth1" and .tracks[0].up == false' ||
		fail "R1 does not show effective priority 50 with eth1 down"
}

test_track_link_up() {
	uplink up || return
	r1_active_r2_backup || { show_routers "$R1" "$R2"; return 1; }
	vr_is "$R1" eth0 "$VRID" \
		'.effective_priority == 200 and .tracks[0].up == true' ||
		fail "R1 does not show effective priority 200 with eth1 up"
}

track_up_is() {
	vr_is "$R1" eth0 "$VRID" ".tracks[0].up == $1"
}

test_track_flap_delay() {
	local t0 dt

	vrrpctl "$R1" set eth0 vrid "$VRID" track-delay-down "$TRACK_DELAY_MS" ||
		return
	r1_active_r2_backup || return
	# A flap well inside the delay is not seen.
	uplink down || return
	uplink up || return
	if busywait 1500 state_is "$R2" eth0 "$VRID" active; then
		fail "R2 took over on a flap shorter than track-delay-down"
		return
	fi
	track_up_is true || fail "eth1 counted as down after a short flap"
	state_is "$R1" eth0 "$VRID" active || fail "R1 left active on a flap"

	# A lasting loss counts once the delay has passed.
	tick
	t0=$NOW_MS
	uplink down || return
	wait_state "$R2" eth0 "$VRID" active $((WAIT_TIMEOUT_MS + TRACK_DELAY_MS)) ||
		fail "R2 did not take over after the delay" || return
	tick
	dt=$((NOW_MS - t0))
	metric track_delay_takeover_ms "$dt"
	((dt >= TRACK_DELAY_MS)) ||
		fail "takeover after $dt ms, before track-delay-down $TRACK_DELAY_MS ms"

	# Up again: no up delay, R1 preempts.
	uplink up || return
	r1_active_r2_backup || return
	vrrpctl "$R1" set eth0 vrid "$VRID" track-delay-down 0
}

test_track_fault() {
	local p0 p1

	vrrpctl "$R1" set eth0 vrid "$VRID" track eth1 || return
	r1_active_r2_backup || return
	p0=$(vr_stat "$R2" eth0 "$VRID" rcvd_pri_zero)
	uplink down || return
	wait_state "$R1" eth0 "$VRID" init "$WAIT_TIMEOUT_MS" ||
		fail "R1 did not stop on the fault" || return
	wait_state "$R2" eth0 "$VRID" active "$WAIT_TIMEOUT_MS" ||
		fail "R2 did not take over" || return
	show_routers "$R1"
	vr_is "$R1" eth0 "$VRID" '.fault == true and .reason == "fault"' ||
		fail "R1 does not show fault / reason fault"
	p1=$(vr_stat "$R2" eth0 "$VRID" rcvd_pri_zero)
	ktap_diag "R2 rcvd_pri_zero: $p0 -> $p1"
	((p1 > p0)) || fail "R1 stopped without a priority-0 advertisement"
	uplink up || return
	r1_active_r2_backup || return
	vr_is "$R1" eth0 "$VRID" '.fault == false' || fail "R1 still in fault"
}

# The netdevice notifier applies a change with no track delay at once:
# 1 s is TCG's slack for the reply to show it.
TRACK_SEEN_MS=1000

trk0_is() {
	busywait "$TRACK_SEEN_MS" vr_is "$R1" eth0 "$VRID" "$1"
}

trk0_ifindex() {
	ip -n "$R1" -j link show trk0 | jq '.[0].ifindex'
}

trk0_add() {
	run ip -n "$R1" link add trk0 type dummy &&
		run ip -n "$R1" link set trk0 up
}

test_track_by_name() {
	local down='.effective_priority == 50 and .tracks[0].interface == "trk0" and .tracks[0].up == false and .tracks[0].present == false'
	local up='.effective_priority == 200 and .tracks[0].up == true and .tracks[0].present == true'
	local i0 i1

	vrrpctl "$R1" set eth0 vrid "$VRID" track trk0 weight 150 || return
	r2_active_r1_backup || return
	trk0_is "$down" || fail "a missing trk0 does not count as down" ||
		return
	show_routers "$R1"
	trk0_add || return
	r1_active_r2_backup || return
	trk0_is "$up" || fail "trk0, created, does not count as up" || return
	i0=$(trk0_ifindex)

	run ip -n "$R1" link del trk0 || return
	trk0_is "$down" || fail "a deleted trk0 still counts as up" || return
	trk0_add || return
	trk0_is "$up" || fail "trk0 created again is not tracked again" ||
		return
	i1=$(trk0_ifindex)
	ktap_diag "trk0 ifindex $i0, then $i1"
	[[ $i0 != "$i1" ]] || fail "trk0 got its old index back: nothing shown" ||
		return

	run ip -n "$R1" link set trk0 down || return
	run ip -n "$R1" link set trk0 name trk1 || return
	trk0_is "$down" || fail "trk0 renamed away still counts" || return
	run ip -n "$R1" link set trk1 name trk0 || return
	run ip -n "$R1" link set trk0 up || return
	trk0_is "$up" || fail "trk1 renamed to trk0 is not tracked" || return
	r1_active_r2_backup || return
	run ip -n "$R1" link del trk0
	vrrpctl "$R1" set eth0 vrid "$VRID" track none
}

test_check_demotion() {
	local out

	vrrpctl "$R1" set eth0 vrid "$VRID" check web weight 150 || return
	r1_active_r2_backup || return
	vrrpctl "$R1" set eth0 vrid "$VRID" track-state web down || return
	r2_active_r1_backup || return
	vr_is "$R1" eth0 "$VRID" \
		'.effective_priority == 50 and .tracks[0].check == "web" and .tracks[0].up == false' ||
		fail "R1 does not show check web down, effective priority 50"
	vrrpctl "$R1" set eth0 vrid "$VRID" track-state web up || return
	r1_active_r2_backup || return

	out=$("$VRRPCTL_BIN" -n "$R1" set eth0 vrid "$VRID" track-state db down 2>&1)
	ktap_diag "unknown check: $out"
	[[ "$out" == *"no health check of that name"* ]] ||
		fail "an unknown health check is not refused clearly"
}

# The monitor is subscribed once it prints the change event of a set.
monitor_sees_change() {
	"$VRRPCTL_BIN" -n "$R1" set eth0 vrid "$VRID" garp-count 3 &&
		grep -q "^change" "$MON_OUT"
}

test_monitor_exec() {
	local log script

	log=$(mktemp /tmp/vrrp-exec.XXXXXX)
	script=$(mktemp /tmp/vrrp-exec-sh.XXXXXX)
	MON_OUT=$(mktemp /tmp/vrrp-mon.XXXXXX)
	# shellcheck disable=SC2016 # expanded by the program, not here
	printf '#!/bin/sh\necho "$* env=$VRRP_IFNAME/$VRRP_VRID/$VRRP_STATE/$VRRP_EFFECTIVE_PRIORITY" >> %s\n' \
		"$log" > "$script"
	chmod +x "$script"
	vrrpctl "$R1" set eth0 vrid "$VRID" check web weight 150 || return
	r1_active_r2_backup || return
	bg_start monitor "$VRRPCTL_BIN" -n "$R1" monitor --exec "$script" \
		> "$MON_OUT"
	busywait "$WAIT_TIMEOUT_MS" monitor_sees_change ||
		fail "the monitor does not report events" || return

	vrrpctl "$R1" set eth0 vrid "$VRID" track-state web down || return
	wait_state "$R1" eth0 "$VRID" backup "$WAIT_TIMEOUT_MS" || return
	vrrpctl "$R1" set eth0 vrid "$VRID" track-state web up || return
	r1_active_r2_backup || return
	busywait "$WAIT_TIMEOUT_MS" grep -q "active higher-priority" "$log" &&
		busywait "$WAIT_TIMEOUT_MS" grep -q "backup active preempted" "$log"
	bg_stop monitor
	run cat "$log"
	grep -q "^eth0 $VRID inet active backup higher-priority env=eth0/$VRID/backup/50$" "$log" ||
		fail "no program run for active -> backup with its arguments and VRRP_* variables"
	grep -q "^eth0 $VRID inet backup active preempted env=eth0/$VRID/active/200$" "$log" ||
		fail "no program run for backup -> active"
	rm -f "$log" "$script" "$MON_OUT"
}

both_r1() {
	state_is "$R1" eth0 "$VRID" "$1" && state_is "$R1" eth1 "$VRID2" "$1"
}

both_r2() {
	state_is "$R2" eth0 "$VRID" "$1" && state_is "$R2" eth1 "$VRID2" "$1"
}

test_sync_group_fault() {
	local r

	for r in "$R1" "$R2"; do
		vrrpctl "$r" set eth0 vrid "$VRID" track none group fw \
			interval 1000 || return
	done
	vrrpctl "$R1" add eth1 vrid "$VRID2" prio 200 interval 1000 \
		address "$VIP2_CIDR" group fw || return
	vrrpctl "$R2" add eth1 vrid "$VRID2" prio 100 interval 1000 \
		address "$VIP2_CIDR" group fw || return
	busywait "$WAIT_TIMEOUT_MS" both_r1 active ||
		fail "R1 is not active on both" || return
	busywait "$WAIT_TIMEOUT_MS" both_r2 backup ||
		fail "R2 is not backup on both" || return

	uplink down || return
	busywait "$WAIT_TIMEOUT_MS" both_r2 active ||
		{ show_routers "$R1" "$R2"; fail "R2 is not active on both"; return; }
	busywait "$WAIT_TIMEOUT_MS" both_r1 init ||
		{ show_routers "$R1"; fail "R1's routers did not both stop"; return; }
	show_routers "$R1"
	vr_is "$R1" eth0 "$VRID" '.fault == true and .group == "fw"' ||
		fail "R1 vrid $VRID is not in fault for its group"

	uplink up || return
	busywait "$WAIT_TIMEOUT_MS" both_r1 active ||
		fail "R1 is not active on both again" || return
	busywait "$WAIT_TIMEOUT_MS" both_r2 backup ||
		fail "R2 is not backup on both again"
}

test_sync_group_demote() {
	local hold t0

	busywait "$WAIT_TIMEOUT_MS" both_r1 active ||
		fail "R1 is not active on both" || return
	vrrpctl "$R2" set eth1 vrid "$VRID2" prio 250 || return
	busywait "$WAIT_TIMEOUT_MS" both_r2 active ||
		{ show_routers "$R1" "$R2"; fail "R2 is not active on both"; return; }
	busywait "$WAIT_TIMEOUT_MS" both_r1 backup ||
		fail "R1 is not backup on both" || return
	vr_is "$R1" eth0 "$VRID" '.reason == "sync-group"' ||
		{ show_routers "$R1"; fail "R1 vrid $VRID did not leave for its sync group"; }
	# Higher priority than R2 on the LAN, but held by its group. Unheld,
	# it would take over when its Active_Down_Interval runs out (R2's
	# lower priority advertisements do not reset it): watch for that
	# long, and for the timing bound on top.
	hold=$((($(adi_us 200 1000) + $(timing_bound_us 1000)) / 1000))
	ktap_diag "watching R1 vrid $VRID for $hold ms"
	tick
	t0=$NOW_MS
	if busywait "$hold" state_is "$R1" eth0 "$VRID" active; then
		tick
		fail "R1 vrid $VRID preempted $((NOW_MS - t0)) ms into the watch while its group member is Backup"
		return
	fi

	vrrpctl "$R2" set eth1 vrid "$VRID2" prio 100 || return
	busywait "$WAIT_TIMEOUT_MS" both_r1 active ||
		{ show_routers "$R1" "$R2"; fail "R1 is not active on both again"; return; }
	busywait "$WAIT_TIMEOUT_MS" both_r2 backup ||
		fail "R2 is not backup on both again"
}

require_root
require_cmd ip bridge nft jq
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
