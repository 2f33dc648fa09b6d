#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The election, on the topology of lib.sh (R1, R2 on a LAN bridge with a
# client): which router becomes Active, and when. Each test creates its
# routers (with the YNL library, lib/ynl.sh, or vrrpctl) and deletes them
# at the end.
#
#   owner              priority 255 is active at once (reason owner)
#   preempt_off        a returning higher-priority router without preempt
#                      stays backup
#   preempt_delay      a returning higher-priority router stays Backup for
#                      the preempt delay, then takes over
#   tie_break          equal priorities: the higher primary address wins
#   interval_learning  R2 (configured 300 ms) learns R1's 100 ms
#
# Environment: VRRP_KO, WAIT_TIMEOUT_MS, KSRC (lib/ynl.sh).

# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"
# shellcheck source=lib/ynl.sh
source "$LIB_DIR/lib/ynl.sh"

ALL_TESTS="
	owner
	preempt_off
	preempt_delay
	tie_break
	interval_learning
"

test_owner() {
	local t0 dt reason rc=0

	t0=$(now_ms)
	ynl "$R2" "do" add '{"ifname": "eth0", "vrid": 50, "interval": 1000,
		"priority": 255, "vip": [{"addr4": "192.0.2.3"}]}' || return 1
	ywait "$R2" 50 inet active 3000 || fail "the owner is not active at once"
	dt=$(( $(now_ms) - t0 ))
	reason=$(yfield "$R2" 50 inet .reason)
	ktap_diag "owner active after $dt ms, reason $reason"
	[[ "$reason" == owner ]] || fail "reason '$reason', expected owner"
	# The owner answers for its own address.
	run ip netns exec "$CL" ping -c 1 -W 2 192.0.2.3 || fail "owner does not answer"
	# Its virtual address is its real one: it advertises from it, so a
	# backup hears it and follows it rather than taking over.
	ynl "$R1" "do" add '{"ifname": "eth0", "vrid": 50, "interval": 1000,
		"priority": 200, "vip": [{"addr4": "192.0.2.3"}]}' || return 1
	ywait "$R1" 50 inet backup || fail "R1 not backup"
	if ywait "$R1" 50 inet active 5000; then
		fail "R1 took over: the owner does not advertise"
	fi
	[[ "$(yfield "$R1" 50 inet '."active-addr4"')" == 192.0.2.3 ]] ||
		fail "R1 does not follow the owner's address"
	ydel "$R1" 50 inet || rc=1
	ydel "$R2" 50 inet || rc=1
	return "$rc"
}

test_preempt_off() {
	local cfg rc=0

	# A 1 s interval: a TCG guest starved for a few 100 ms must not look
	# like a dead Active router (Active_Down_Interval is 3.2 s here).
	cfg='"ifname": "eth0", "vrid": 60, "interval": 1000,
	     "vip": [{"addr4": "192.0.2.60"}]'
	ynl "$R2" "do" add "{$cfg, \"priority\": 100}" || return 1
	ywait "$R2" 60 inet active || fail "R2 alone is not active"
	ynl "$R1" "do" add "{$cfg, \"priority\": 200, \"preempt\": 0}" || return 1
	ywait "$R1" 60 inet backup || fail "R1 not backup"
	# Give R1 more than an Active_Down_Interval to (wrongly) preempt.
	if ywait "$R1" 60 inet active 6000; then
		fail "R1 preempted with preempt off"
	fi
	ydel "$R1" 60 inet || rc=1
	ydel "$R2" 60 inet || rc=1
	return "$rc"
}

test_preempt_delay() {
	local t0 dt delay=4000 rc=0

	# 1 s intervals: Active_Down_Interval is about 3.2 s, so without the
	# delay R1 would preempt about 3.2 s after it is back; with it, not
	# before delay + 2.2 s.
	vrrpctl "$R1" add eth0 vrid 14 prio 200 interval 1000 \
		preempt-delay "$delay" address 192.0.2.14/24 || rc=1
	vrrpctl "$R2" add eth0 vrid 14 prio 100 interval 1000 \
		address 192.0.2.14/24 || rc=1
	wait_state "$R1" eth0 14 active "$WAIT_TIMEOUT_MS" || fail "R1 not active"
	wait_state "$R2" eth0 14 backup "$WAIT_TIMEOUT_MS" || fail "R2 not backup"
	r1_link down
	wait_state "$R2" eth0 14 active "$WAIT_TIMEOUT_MS" || fail "R2 did not take over"
	r1_link up
	wait_state "$R1" eth0 14 backup "$WAIT_TIMEOUT_MS" || fail "R1 not backup on return"
	t0=$(now_ms)
	# A poll may end after the 5 s: only one that saw it early counts.
	if busywait 5000 state_is "$R1" eth0 14 active; then
		dt=$(( $(now_ms) - t0 ))
		((dt >= 5000)) ||
			fail "R1 preempted after $dt ms, within the $delay ms delay"
	fi
	# Delay + Active_Down_Interval + an interval, and TCG's slowness.
	wait_state "$R1" eth0 14 active 15000 || fail "R1 did not preempt after the delay"
	dt=$(( $(now_ms) - t0 ))
	ktap_diag "R1 preempted $dt ms after it returned (delay $delay ms)"
	wait_state "$R2" eth0 14 backup "$WAIT_TIMEOUT_MS" || fail "R2 not backup again"
	vrrpctl "$R1" del eth0 vrid 14 || rc=1
	vrrpctl "$R2" del eth0 vrid 14 || rc=1
	return "$rc"
}

test_tie_break() {
	local cfg rc=0

	# Both become Active while the LAN bridge drops VRRP between them;
	# once they hear each other, equal priorities are broken by the
	# primary address (RFC 9568 6.4.3): R2 (192.0.2.3) beats R1 (.2).
	# (A Backup hearing an equal priority stays Backup, so without the
	# split both would keep whatever roles they started in.)
	lan_vrrp_block || return 1
	cfg='"ifname": "eth0", "vrid": 90, "interval": 100, "priority": 150,
	     "vip": [{"addr4": "192.0.2.90"}]'
	ynl "$R1" "do" add "{$cfg}" || rc=1
	ynl "$R2" "do" add "{$cfg}" || rc=1
	ywait "$R1" 90 inet active || fail "R1 alone not active"
	ywait "$R2" 90 inet active || fail "R2 alone not active"
	lan_vrrp_unblock || rc=1
	ywait "$R1" 90 inet backup || fail "R1 (lower address) not backup"
	ywait "$R2" 90 inet active || fail "R2 (higher address) not active"
	ydel "$R1" 90 inet || rc=1
	ydel "$R2" 90 inet || rc=1
	return "$rc"
}

test_interval_learning() {
	local cfg ai rc=0

	cfg='"ifname": "eth0", "vrid": 80, "vip": [{"addr4": "192.0.2.80"}]'
	ynl "$R1" "do" add "{$cfg, \"priority\": 200, \"interval\": 100}" || return 1
	ynl "$R2" "do" add "{$cfg, \"priority\": 100, \"interval\": 300}" || return 1
	ywait "$R1" 80 inet active || fail "R1 not active"
	ywait "$R2" 80 inet backup || fail "R2 not backup"
	ai=$(yfield "$R2" 80 inet '."active-interval"')
	ktap_diag "R2 active-interval=$ai (configured 300)"
	[[ "$ai" == 100 ]] || fail "R2 did not learn R1's interval (100), has $ai"
	[[ "$(yfield "$R2" 80 inet '.stats."adv-interval-errors"')" -gt 0 ]] ||
		fail "R2 did not count the interval difference"
	ydel "$R1" 80 inet || rc=1
	ydel "$R2" 80 inet || rc=1
	return "$rc"
}

require_root
require_cmd ip bridge nft jq ping python3
require_vrrp
lib_init

suite_run topo_create
