#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The tracepoints (vrrp:), on the topology of lib.sh.
#
#   tracepoints        vrrp:vrrp_state, vrrp_advert_tx and vrrp_drop fire
#                      with the right fields
#
# Environment: VRRP_KO, WAIT_TIMEOUT_MS.

# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

ALL_TESTS="
	tracepoints
"

TRACE=/sys/kernel/tracing

test_tracepoints() {
	local inst out i1 i2 rc=0

	if [[ ! -d "$TRACE/events" ]]; then
		run mount -t tracefs nodev "$TRACE" || return "$KSFT_SKIP"
	fi
	[[ -d "$TRACE/events/vrrp" ]] || { fail "no vrrp trace events"; return 1; }
	inst=$TRACE/instances/vrrptest$$
	mkdir "$inst" || { fail "cannot make a trace instance"; return 1; }
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

cleanup() {
	rmdir "$TRACE"/instances/vrrptest$$ 2>/dev/null
	return 0
}

require_root
require_cmd ip bridge nft jq
require_vrrp
lib_init

suite_run topo_create
