#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The tracepoints (vrrp:), the kernel log and the metrics, on the topology
# of lib.sh.
#
#   tracepoints        vrrp:vrrp_state, vrrp_advert_tx and vrrp_drop fire
#                      with the right fields
#   transition_log     each transition logs one line with its reason
#   metrics            "vrrpctl metrics" of a live router: valid for
#                      promtool, with its state and counters
#   stop_cpu           the priority-0 advertisement leaves from the CPU of
#                      the last advertisement, not from the one deleting
#
# Environment: VRRP_KO, WAIT_TIMEOUT_MS.

# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

ALL_TESTS="
	tracepoints
	transition_log
	metrics
	stop_cpu
"

TRACE=/sys/kernel/tracing

# trace_instance NAME: a trace instance of its own (tracefs mounted if it
# is not), its path in INST. Every kernel the tests boot has tracefs and
# the vrrp events: without them the tracepoints cannot be read, and the
# test fails with that reason.
trace_instance() {
	INST=
	if [[ ! -d "$TRACE/events" ]]; then
		run mount -t tracefs nodev "$TRACE" ||
			{ fail "cannot mount tracefs: the tracepoints cannot be read"; return 1; }
	fi
	[[ -d "$TRACE/events/vrrp" ]] || { fail "no vrrp trace events"; return 1; }
	mkdir "$TRACE/instances/$1" || { fail "cannot make a trace instance"; return 1; }
	INST=$TRACE/instances/$1
}

test_tracepoints() {
	local inst out i1 i2 rc=0

	trace_instance "vrrptest$$" || return 1
	inst=$INST
	echo 1 > "$inst/events/vrrp/enable" || fail "cannot enable the vrrp events"
	i1=$(ip -n "$R1" -j link show eth0 | jq '.[0].ifindex')
	i2=$(ip -n "$R2" -j link show eth0 | jq '.[0].ifindex')

	vrrpctl "$R1" add eth0 vrid 18 prio 200 interval 100 address 192.0.2.18/24 || rc=1
	wait_state "$R1" eth0 18 active "$WAIT_TIMEOUT_MS" || fail "R1 not active"
	# R2 accepts adverts from 192.0.2.99 only: R1's are dropped.
	vrrpctl "$R2" add eth0 vrid 18 prio 100 interval 100 address 192.0.2.18/24 \
		peer 192.0.2.99 || rc=1
	busywait "$WAIT_TIMEOUT_MS" peer_errors_over "$R2" 18 1 || fail "R2 dropped nothing"
	echo 0 > "$inst/events/vrrp/enable"
	out=$(grep "vrid=18 " "$inst/trace")
	ktap_diag "$(grep -c . <<< "$out") vrrp events for vrid 18; the first:"
	ktap_diag "$(head -n 4 <<< "$out")"
	grep -q "vrrp_state: ifindex=$i1 family=1 vrid=18 init -> backup reason=startup" <<< "$out" ||
		fail "no vrrp_state init -> backup for R1"
	grep -q "vrrp_state: ifindex=$i1 family=1 vrid=18 backup -> active reason=active-down" <<< "$out" ||
		fail "no vrrp_state backup -> active for R1"
	grep -q "vrrp_advert_tx: ifindex=$i1 family=1 vrid=18 priority=200" <<< "$out" ||
		fail "no vrrp_advert_tx of priority 200"
	grep -q "vrrp_drop: ifindex=$i2 family=1 vrid=18 reason=not-a-peer" <<< "$out" ||
		fail "no vrrp_drop not-a-peer"
	rmdir "$inst" || rc=1
	vrrpctl "$R1" del eth0 vrid 18 || rc=1
	vrrpctl "$R2" del eth0 vrid 18 || rc=1
	return "$rc"
}

# The kernel log of a transition, as an operator greps for it: old and new
# state and the reason by its name in the spec. The line is rate limited
# (packets can cause transitions); message_cost 0 lifts the limit here.
test_transition_log() {
	local base log rc=0 want

	MSG_COST=$(sysctl -n net.core.message_cost) ||
		{ fail "no net.core.message_cost"; return 1; }
	run sysctl -qw net.core.message_cost=0 || rc=1
	base=$(kmsg_size)
	vrrpctl "$R1" add eth0 vrid 19 prio 200 interval 100 address 192.0.2.19/24 || rc=1
	wait_state "$R1" eth0 19 active "$WAIT_TIMEOUT_MS" || fail "R1 not active"
	vrrpctl "$R2" add eth0 vrid 19 prio 250 interval 100 address 192.0.2.19/24 || rc=1
	wait_state "$R2" eth0 19 active "$WAIT_TIMEOUT_MS" || fail "R2 did not preempt"
	wait_state "$R1" eth0 19 backup "$WAIT_TIMEOUT_MS" || fail "R1 not backup"
	vrrpctl "$R2" del eth0 vrid 19 || rc=1
	wait_state "$R1" eth0 19 active "$WAIT_TIMEOUT_MS" || fail "R1 did not take over"
	vrrpctl "$R1" del eth0 vrid 19 || rc=1
	log=$(kmsg_since "$base" | grep "vrrp: eth0 vrid 19: ")
	ktap_diag "$log"
	for want in "init -> backup reason startup" \
		    "backup -> active reason active-down" \
		    "backup -> active reason preempted" \
		    "active -> backup reason higher-priority" \
		    "backup -> active reason priority-zero" \
		    "active -> init reason deleted"; do
		grep -q "vrrp: eth0 vrid 19: $want\$" <<< "$log" ||
			fail "no \"$want\" in the kernel log"
	done
	run sysctl -qw net.core.message_cost="$MSG_COST" || rc=1
	MSG_COST=
	return "$rc"
}

# The exposition of the kernel's own replies: what the golden files of
# tool/tests cannot show (every attribute and counter a kernel sends).
test_metrics() {
	local out rc=0 labels sent

	command -v promtool > /dev/null ||
		{ skip_test "no promtool (package prometheus)"; return; }
	vrrpctl "$R1" add eth0 vrid 21 prio 200 interval 100 address 192.0.2.21/24 || rc=1
	wait_state "$R1" eth0 21 active "$WAIT_TIMEOUT_MS" || fail "R1 not active"
	out=$("$VRRPCTL_BIN" -n "$R1" metrics) || fail "vrrpctl metrics failed"
	ktap_diag "$(grep -c '^vrrp_' <<< "$out") samples; vrid 21's state:"
	labels="netns=\"$R1\",device=\"eth0\",vrid=\"21\",family=\"inet\""
	ktap_diag "$(grep -F "vrrp_router_state{$labels" <<< "$out")"
	promtool check metrics <<< "$out" 2>&1 | while IFS= read -r l; do ktap_diag "$l"; done
	[[ ${PIPESTATUS[0]} -eq 0 ]] || fail "promtool check metrics failed"
	grep -qxF "vrrp_router_state{$labels,state=\"active\"} 1" <<< "$out" ||
		fail "no active state sample"
	grep -qxF "vrrp_router_priority{$labels} 200" <<< "$out" ||
		fail "no priority sample"
	sent=$(sed -n "s/^vrrp_sent_advertisements_total{$labels} //p" <<< "$out")
	[[ ${sent:-0} -gt 0 ]] || fail "sent advertisements: ${sent:-none}"
	grep -q "^vrrp_net_vrid_errors_total{netns=\"$R1\"} [0-9]*\$" <<< "$out" ||
		fail "no namespace counter"
	vrrpctl "$R1" del eth0 vrid 21 || rc=1
	return "$rc"
}

# What two CPUs send can reach a peer out of order (veth backlogs, XPS
# queues): a priority-0 advertisement overtaken by the Adver_Timer's last
# one makes a Backup wait Active_Down_Interval instead of Skew_Time. The
# router starts on CPU 0 with timer migration off, so its timers and
# advertisements stay there; it is deleted from CPU 1.
test_stop_cpu() {
	local inst out cpus rc=0

	[[ $(nproc) -ge 2 ]] || { fail "$(nproc) CPU: the test needs two"; return 1; }
	TIMER_MIGRATION=$(sysctl -n kernel.timer_migration) ||
		{ fail "no kernel.timer_migration"; return 1; }
	run sysctl -qw kernel.timer_migration=0 || rc=1
	trace_instance "vrrpcpu$$" || return 1
	inst=$INST
	echo 1 > "$inst/events/vrrp/vrrp_advert_tx/enable" ||
		fail "cannot enable vrrp_advert_tx"
	log_cmd taskset -c 0 "$VRRPCTL_BIN" -n "$R1" add eth0 vrid 22 prio 200 \
		interval 10 address 192.0.2.22/24 || rc=1
	wait_state "$R1" eth0 22 active "$WAIT_TIMEOUT_MS" || fail "R1 not active"
	sleep 0.2
	log_cmd taskset -c 1 "$VRRPCTL_BIN" -n "$R1" del eth0 vrid 22 || rc=1
	echo 0 > "$inst/events/vrrp/vrrp_advert_tx/enable"
	out=$(grep "vrid=22 " "$inst/trace")
	rmdir "$inst" || rc=1
	# The CPU column of each advertisement of priority 200.
	cpus=$(sed -n 's/.*\[\([0-9]*\)\].* priority=200$/\1/p' <<< "$out" | sort)
	ktap_diag "advertisements of priority 200 by CPU: $(uniq -c <<< "$cpus" | xargs)"
	ktap_diag "priority 0: $(grep 'priority=0$' <<< "$out")"
	[[ $(uniq <<< "$cpus") == 000 ]] ||
		fail "the advertisements did not all leave from CPU 0: the test did not test"
	grep -q '\[000\].* priority=0$' <<< "$out" ||
		fail "the priority-0 advertisement did not leave from CPU 0"
	[[ $(grep -c 'priority=0$' <<< "$out") -eq 1 ]] ||
		fail "not one priority-0 advertisement"
	return "$rc"
}

MSG_COST=
TIMER_MIGRATION=

cleanup() {
	rmdir "$TRACE"/instances/vrrptest$$ "$TRACE"/instances/vrrpcpu$$ 2>/dev/null
	[[ -n "$MSG_COST" ]] && sysctl -qw net.core.message_cost="$MSG_COST"
	[[ -n "$TIMER_MIGRATION" ]] &&
		sysctl -qw kernel.timer_migration="$TIMER_MIGRATION"
	return 0
}

require_root
require_cmd ip bridge nft jq sysctl
require_vrrp
lib_init

suite_run topo_create
