#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Helpers for the vrrp selftests, in the spirit of the kernel's
# tools/testing/selftests/net/lib.sh and kselftest/ktap_helpers.sh.
# Source it from a test script:
#
#   source "$(dirname "$(readlink -f "$0")")/lib.sh"
#
# A script lists its tests once, in the order they run, and lets the
# runner number them, as tools/testing/selftests/net/forwarding does:
#
#   ALL_TESTS="
#   	election
#   	failover_carrier
#   "
#   ...
#   ktap_header
#   tests_plan          # the plan from ALL_TESTS; checks TESTS
#   (setup)
#   tests_run           # test_election, test_failover_carrier
#   ktap_finish
#
# TESTS="name ..." in the environment runs only those (the others are
# reported as skipped); a name that is not in ALL_TESTS is an error.
#
# The helpers live in lib/, one file per concern, all sourced here:
#   lib/ktap.sh     tests_plan, tests_run, test_selected NAME; ktap_header,
#                   ktap_plan N, ktap_ok/ktap_fail/ktap_skip, ktap_diag,
#                   ktap_run NAME FUNCTION [ARGS...] (runs one test, checks
#                   the dmesg for new kernel warnings, prints ok/not ok),
#                   ktap_finish; fail MSG, skip_test; measure_stable, metric
#   lib/ns.sh       run CMD..., nsbatch NS (ip commands on stdin, one
#                   process), log_cmd CMD...; tick, nap; require_root,
#                   require_cmd CMD..., require_vrrp (exit $KSFT_SKIP with
#                   "1..0 # SKIP reason" when missing); busywait TIMEOUT_MS
#                   CMD..., slowwait TIMEOUT_S CMD... (poll; never sleep to
#                   synchronise); setup_ns VAR..., cleanup_ns NAME...;
#                   bg_start NAME CMD..., bg_stop NAME
#   lib/vrrp.sh     vrrpctl NS ARGS..., vr_json, vr_state, vr_stat NS DEV
#                   VRID KEY, wait_state NS DEV VRID STATE MS
#   lib/topo.sh     topo_create (R1, R2, CL, SRV on the switch SW),
#                   topo_routers_up, r1_link, the probe stream
#   lib/capture.sh  cap_start FILTER, cap_adverts, cap_takeover_us
#   lib/timing.sh   the suite's timing bounds: check_time, check_outage
# and, sourced by the scripts that need it, lib/ynl.sh (routers
# configured through the YNL library).
#
# Scripts set "trap cleanup EXIT" through lib_init, which runs the script's
# own cleanup() (if defined) and then deletes every registered namespace and
# background job.

# Variables set here are used by the scripts that source this file.
# shellcheck disable=SC2034

set -u

KSFT_PASS=0
KSFT_FAIL=1
KSFT_SKIP=4

LIB_DIR=$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")
REPO=$(cd "$LIB_DIR/.." && pwd)
: "${VRRPCTL_BIN:=$REPO/tool/vrrpctl}"

# TCG is several times slower than hardware: upper bounds are generous,
# and every wait polls so that a fast machine does not pay for them.
: "${WAIT_TIMEOUT_MS:=20000}"

# Keep the real stdout on fd 3 so that logs are visible from inside $().
exec 3>&1

# shellcheck source=lib/ktap.sh
source "$LIB_DIR/lib/ktap.sh"
# shellcheck source=lib/ns.sh
source "$LIB_DIR/lib/ns.sh"
# shellcheck source=lib/vrrp.sh
source "$LIB_DIR/lib/vrrp.sh"
# shellcheck source=lib/topo.sh
source "$LIB_DIR/lib/topo.sh"
# shellcheck source=lib/capture.sh
source "$LIB_DIR/lib/capture.sh"
# shellcheck source=lib/timing.sh
source "$LIB_DIR/lib/timing.sh"

##############################################################################
# Cleanup

lib_cleanup() {
	local rc=$? name

	trap - EXIT
	if declare -F cleanup >/dev/null; then
		cleanup
	fi
	for name in "${!BG_PIDS[@]}"; do
		bg_stop "$name" KILL
	done
	[[ -n "$KMSG_PID" ]] && kill "$KMSG_PID" 2>/dev/null
	[[ -n "$KMSG_LOG" ]] && rm -f "$KMSG_LOG"
	[[ -n "$STALL_PID" ]] && kill "$STALL_PID" 2>/dev/null
	[[ -n "$STALL_LOG" ]] && rm -f "$STALL_LOG"
	[[ -n "$CAP" ]] && rm -f "$CAP"
	cleanup_all_ns
	exit $rc
}

lib_init() {
	trap lib_cleanup EXIT
	trap 'exit 130' INT TERM
}
