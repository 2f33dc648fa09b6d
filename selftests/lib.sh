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
# It provides:
#   tests          tests_plan, tests_run, test_selected NAME
#   KTAP output    ktap_header, ktap_plan N, ktap_ok/ktap_fail/ktap_skip,
#                  ktap_diag, ktap_run NAME FUNCTION [ARGS...] (runs one
#                  test, checks the dmesg for new kernel warnings, prints
#                  ok/not ok), ktap_finish (exit status from the counts)
#   logging        run CMD...   log "# + CMD", run it, output as diagnostics
#                  log_cmd CMD... log and run with stdout untouched (for $())
#                  fail MSG     record why the current test fails
#   namespaces     setup_ns VAR... creates uniquely named namespaces, stores
#                  their names in VAR and registers them for cleanup;
#                  cleanup_ns NAME..., cleanup_all_ns
#   waiting        busywait TIMEOUT_MS CMD..., slowwait TIMEOUT_S CMD...
#                  (poll until CMD succeeds; never sleep to synchronise)
#   requirements   require_cmd CMD..., require_root, require_vrrp_module:
#                  exit $KSFT_SKIP (4) with "1..0 # SKIP reason" if missing
#   background     bg_start NAME CMD... / bg_stop NAME, killed on exit
#   vrrp           vrrpctl NS ARGS..., vr_json NS DEV VRID, vr_state ...,
#                  vr_stat NS DEV VRID KEY, wait_state NS DEV VRID STATE MS
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

# TCG is 5-10x slower than hardware: upper bounds are generous, and every
# wait polls so that a fast machine does not pay for them.
: "${WAIT_TIMEOUT_MS:=20000}"

NS_LIST=()
declare -A BG_PIDS=()

KTAP_NUM=0
KTAP_PASS=0
KTAP_FAIL=0
KTAP_SKIP=0
KTAP_PLAN=

# Why the current test failed or was skipped (set by fail/skip_test).
TEST_FAIL_MSG=()
TEST_SKIP_MSG=

# The dmesg patterns that make a test fail, as in selftests/qemu/vm.sh.
DMESG_BAD='WARNING:|BUG:|Oops|general protection fault|scheduling while atomic|refcount_t:|KASAN|UBSAN|possible circular locking|kmemleak|Call Trace|RTNL: assertion failed|hung_task|soft lockup'

# Keep the real stdout on fd 3 so that logs are visible from inside $().
exec 3>&1

##############################################################################
# KTAP

ktap_diag() {
	local line

	# One "# " prefixed line per input line.
	while IFS= read -r line; do
		printf '# %s\n' "$line" >&3
	done <<< "$*"
}

ktap_header() {
	echo "TAP version 13" >&3
}

ktap_plan() {
	KTAP_PLAN=$1
	echo "1..$1" >&3
}

ktap_skip_all() {
	echo "1..0 # SKIP $*" >&3
	exit $KSFT_SKIP
}

ktap_ok() {
	KTAP_NUM=$((KTAP_NUM + 1))
	KTAP_PASS=$((KTAP_PASS + 1))
	echo "ok $KTAP_NUM $1" >&3
}

ktap_fail() {
	KTAP_NUM=$((KTAP_NUM + 1))
	KTAP_FAIL=$((KTAP_FAIL + 1))
	echo "not ok $KTAP_NUM $1" >&3
}

ktap_skip() {
	KTAP_NUM=$((KTAP_NUM + 1))
	KTAP_SKIP=$((KTAP_SKIP + 1))
	echo "ok $KTAP_NUM $1 # SKIP $2" >&3
}

# Record a failure of the current test (a test may collect several).
fail() {
	TEST_FAIL_MSG+=("$*")
	ktap_diag "FAIL: $*"
	return 1
}

# From inside a test: mark it skipped and return from it.
skip_test() {
	TEST_SKIP_MSG=$*
	return $KSFT_SKIP
}

# Platform stalls. The guest is qemu TCG on a host that may itself be a
# virtual machine, and such a host is sometimes not scheduled: every
# guest timer, the tick included, is late together (Documentation/vrrp.rst,
# "Platform stalls", has what was measured). Nothing in the guest can be
# on time then, and a bound that absorbed it would pass a slow router.
# Instead a witness in the guest, a SCHED_FIFO loop that wakes every
# STALL_PERIOD_MS, logs each wake-up later than TIMING_SLACK_MS (the
# emulation slack of every bound) to STALL_LOG as "FROM_MS TO_MS LATE_MS".
# A failed test lists the stalls it ran into; measure_stable lets a
# self-contained measurement run again when one fell inside it.
STALL_LOG=
STALL_PID=
STALL_RT=0
STALL_PERIOD_MS=20
: "${MEASURE_TRIES:=3}"

stall_witness() {
	local log=$1 slack=$2 period=$3 prev now late fifo fd tmo

	fifo=$(mktemp -u /tmp/vrrp-stall.XXXXXX)
	mkfifo "$fifo" && exec {fd}<>"$fifo" || exit 1
	rm -f "$fifo"
	printf -v tmo '%d.%03d' $((period / 1000)) $((period % 1000))
	prev=${EPOCHREALTIME/[.,]/}
	while true; do
		# Only a timeout (status > 128) is a wake-up: anything else
		# would spin at real-time priority.
		read -r -t "$tmo" -u "$fd" _
		(($? > 128)) || exit 1
		now=${EPOCHREALTIME/[.,]/}
		late=$(((now - prev) / 1000 - period))
		((late > slack)) &&
			echo "$((prev / 1000)) $((now / 1000)) $late" >> "$log"
		prev=$now
	done
}

stall_follow() {
	[[ -n "$STALL_LOG" ]] && return 0
	STALL_LOG=$(mktemp /tmp/vrrp-stall.XXXXXX)
	# Not a child of this shell (a test's bare "wait"), holding none of
	# its pipes, at the lowest real-time priority: ahead of every normal
	# task, so the guest's load does not make it late; level with
	# PREEMPT_RT's timer threads, so a guest that holds those up (an
	# interrupt storm, a long section with interrupts off) shows too.
	STALL_PID=$(bash -c "$(declare -f stall_witness)"'
		stall_witness "$@" < /dev/null > /dev/null 2>&1 3>&- &
		echo $!' bash "$STALL_LOG" "$TIMING_SLACK_MS" "$STALL_PERIOD_MS")
	if chrt -f -p 1 "$STALL_PID" > /dev/null 2>&1; then
		STALL_RT=1
	else
		ktap_diag "warning: the stall witness has no real-time priority: the guest's own load would look like stalls, so no measurement is repeated"
	fi
}

# stalls_between FROM_MS TO_MS: the stalls that overlap [FROM, TO], as
# "LATE ms at +/-OFFSET ms" (from FROM), on one line; empty if none.
stalls_between() {
	[[ -s "$STALL_LOG" ]] || return 0
	awk -v from="$1" -v to="$2" '$2 >= from && $1 <= to {
		printf "%s%d ms at %+d ms", sep, $3, $1 - from; sep = ", "
	} END { if (sep) print "" }' "$STALL_LOG"
}

# void_try REASON: from inside a measure_stable try, when the capture
# proves that the test bed spoiled the measurement (not the router):
# the try's failures are void, as after a stall.
TRY_VOID=
void_try() {
	TRY_VOID=$*
	ktap_diag "this try is void: $*"
}

# measure_stable FUNCTION [ARGS...]: run a self-contained measurement
# (it sets up, measures, checks with fail() and tears down). When it
# fails and the platform stalled meanwhile, its failures are void and it
# runs again: MEASURE_TRIES tries in all; a measurement that no try
# could make fails as such. A failure with no stall stands at once, and
# so does a skip.
measure_stable() {
	local try rc t0 why
	local -a earlier=("${TEST_FAIL_MSG[@]}")

	for ((try = 1; ; try++)); do
		TEST_FAIL_MSG=()
		TRY_VOID=
		METRICS=()
		MEASURING=1
		tick
		t0=$NOW_MS
		"$@"
		rc=$?
		tick
		((rc == 0 && ${#TEST_FAIL_MSG[@]} == 0)) && break
		((rc == KSFT_SKIP)) && break
		why=
		((STALL_RT)) && why=$(stalls_between "$t0" "$NOW_MS")
		[[ -n "$why" ]] && why="the platform stalled $why"
		[[ -n "$TRY_VOID" ]] && why+="${why:+; }$TRY_VOID"
		[[ -n "$why" ]] || break
		if ((try >= MEASURE_TRIES)); then
			fail "not measurable: the test bed spoiled each of $try tries, the last: $why"
			break
		fi
		ktap_diag "the test bed spoiled try $try ($why; the slack is $TIMING_SLACK_MS ms): its failures are void; measuring again"
	done
	MEASURING=0
	# The values of the try that counted only.
	((${#METRICS[@]})) && printf '# %s\n' "${METRICS[@]}" >&3
	METRICS=()
	TEST_FAIL_MSG=("${earlier[@]}" "${TEST_FAIL_MSG[@]}")
	return "$rc"
}

# metric NAME VALUE: a "# NAME=VALUE" line for the summaries (check.sh
# collects them); inside measure_stable, kept until the try that counts.
MEASURING=0
METRICS=()
metric() {
	if ((MEASURING)); then
		METRICS+=("$1=$2")
	else
		echo "# $1=$2" >&3
	fi
}

# The kernel log, followed from the first test on by "dmesg -w" into
# KMSG_LOG: a test reads what was added during it by byte offset, so a
# ring buffer that wraps (a flood, a busy debug kernel) loses nothing the
# follower has read. A marker written to /dev/kmsg at the end of a test
# says when the follower has caught up.
KMSG_LOG=
KMSG_PID=
KMSG_SEQ=0

kmsg_follow() {
	[[ -n "$KMSG_LOG" ]] && return 0
	KMSG_LOG=$(mktemp /tmp/vrrp-kmsg.XXXXXX)
	# Not a child of this shell: a test's bare "wait" must not wait for it.
	KMSG_PID=$(sh -c 'dmesg -w > "$1" 2>&1 & echo $!' sh "$KMSG_LOG")
	kmsg_sync
}

kmsg_size() {
	stat -c %s "$KMSG_LOG" 2>/dev/null || echo 0
}

# kmsg_sync: return once the follower has written everything logged so far.
kmsg_sync() {
	local marker

	KMSG_SEQ=$((KMSG_SEQ + 1))
	marker="vrrp-selftest: sync $$ $KMSG_SEQ"
	echo "$marker" > /dev/kmsg 2>/dev/null || return 0
	busywait 10000 grep -qF -- "$marker" "$KMSG_LOG" ||
		ktap_diag "warning: the kernel log follower is behind"
}

# kmsg_new_bad FROM: the bad lines of KMSG_LOG after byte FROM, each with
# up to 20 following lines (60 lines at most).
kmsg_new_bad() {
	tail -c "+$(($1 + 1))" "$KMSG_LOG" |
		grep -E -A 20 -- "$DMESG_BAD" | head -n 60
}

# ktap_run NAME FUNCTION [ARGS...]: run one test. The test passes when the
# function returns 0 and called no fail(), is skipped when it returns
# $KSFT_SKIP or is not named in a non-empty $TESTS, and fails otherwise,
# or when the kernel logged a warning meanwhile.
ktap_run() {
	local name=$1 fn=$2 rc base bad t0 stalls
	shift 2

	if ! test_selected "$name"; then
		ktap_skip "$name" "not in TESTS"
		return 0
	fi

	TEST_FAIL_MSG=()
	TEST_SKIP_MSG=
	ktap_diag "=== $name"
	kmsg_follow
	stall_follow
	base=$(kmsg_size)
	tick
	t0=$NOW_MS
	"$fn" "$@"
	rc=$?
	kmsg_sync
	bad=$(kmsg_new_bad "$base")
	if [[ -n "$bad" ]]; then
		fail "kernel warnings in dmesg during the test"
		ktap_diag "$bad"
		rc=$KSFT_FAIL
	fi
	tick
	ktap_diag "($name took $((NOW_MS - t0)) ms)"
	if [[ $rc -eq $KSFT_SKIP && ${#TEST_FAIL_MSG[@]} -eq 0 ]]; then
		ktap_skip "$name" "${TEST_SKIP_MSG:-skipped}"
	elif [[ $rc -eq 0 && ${#TEST_FAIL_MSG[@]} -eq 0 ]]; then
		ktap_ok "$name"
	else
		stalls=$(stalls_between "$t0" "$NOW_MS")
		[[ -z "$stalls" ]] ||
			ktap_diag "the platform stalled during $name: $stalls"
		ktap_fail "$name"
	fi
	return 0
}

# The tests of a script. ALL_TESTS="name ..." lists them in the order
# they run; TESTS="name ..." (from the environment) selects some of them,
# and the others are reported as skipped, so that every run of a script
# has the same plan and numbering. A name in TESTS that the script does
# not have is an error: a typo must not pass as a run of nothing.

# test_selected NAME: NAME is to run (TESTS is empty or names it).
test_selected() {
	[[ -z "${TESTS:-}" || " $TESTS " == *" $1 "* ]]
}

# tests_plan: check TESTS against ALL_TESTS and print the plan, one test
# per name of ALL_TESTS. A script calls it after ktap_header, before its
# setup: a bad TESTS stops it before it builds anything. A script that
# runs its tests itself (ktap_run between steps of its own) calls only
# this.
tests_plan() {
	local -a all=()
	local t bad=

	for t in $ALL_TESTS; do
		all+=("$t")
	done
	for t in ${TESTS:-}; do
		[[ " ${all[*]} " == *" $t "* ]] || bad+=" $t"
	done
	if [[ -n "$bad" ]]; then
		echo "Bail out! TESTS names no test of $(basename "$0"):$bad (ALL_TESTS: ${all[*]})" >&3
		exit $KSFT_FAIL
	fi
	ktap_plan "${#all[@]}"
}

# tests_run: each test of ALL_TESTS through ktap_run (after tests_plan,
# if the script has not called it). Test NAME is the function test_NAME;
# when there is none, the script's test_case NAME runs it (the tests that
# are cases of one function: the rows of a table, or tries of one
# measurement).
tests_run() {
	local t

	[[ -n "$KTAP_PLAN" ]] || tests_plan
	for t in $ALL_TESTS; do
		if declare -F "test_$t" > /dev/null; then
			ktap_run "$t" "test_$t"
		elif declare -F test_case > /dev/null; then
			ktap_run "$t" test_case "$t"
		else
			ktap_diag "no function test_$t"
			ktap_fail "$t"
		fi
	done
}

ktap_finish() {
	[[ -n "$STALL_PID" ]] &&
		awk '{ n++; if ($3 > max) max = $3 } END {
			printf "# platform stalls over %d ms: %d, the longest %d ms\n", slack, n, max
		}' slack="$TIMING_SLACK_MS" "$STALL_LOG" >&3
	echo "# Totals: pass:$KTAP_PASS fail:$KTAP_FAIL xfail:0 xpass:0 skip:$KTAP_SKIP error:0" >&3
	if [[ $KTAP_FAIL -gt 0 || $KTAP_NUM -ne ${KTAP_PLAN:-0} ]]; then
		exit $KSFT_FAIL
	fi
	if [[ $KTAP_PASS -eq 0 && $KTAP_SKIP -gt 0 ]]; then
		exit $KSFT_SKIP
	fi
	exit $KSFT_PASS
}

##############################################################################
# Logging

# run CMD...: log the command, run it, show its output as diagnostics and
# return its exit status.
run() {
	local out rc line

	ktap_diag "+ $*"
	out=$("$@" 2>&1)
	rc=$?
	if [[ -n "$out" ]]; then
		while IFS= read -r line; do
			printf '#   %s\n' "$line" >&3
		done <<< "$out"
	fi
	[[ $rc -eq 0 ]] || ktap_diag "  (exit $rc)"
	return $rc
}

# log_cmd CMD...: log the command and run it with stdout/stderr untouched.
log_cmd() {
	ktap_diag "+ $*"
	"$@"
}

# tick: NOW_MS = wall clock in ms (no fork; use it in loops).
tick() {
	local t=${EPOCHREALTIME/[.,]/}

	NOW_MS=$((t / 1000))
}

now_ms() {
	tick
	echo "$NOW_MS"
}

# nap SECONDS: sleep without starting a process (exec is slow under TCG).
nap() {
	if [[ -z "${NAP_FD:-}" ]]; then
		local fifo

		fifo=$(mktemp -u /tmp/vrrp-nap.XXXXXX)
		mkfifo "$fifo" && exec {NAP_FD}<>"$fifo"
		rm -f "$fifo"
	fi
	read -r -t "$1" -u "$NAP_FD" _ 2>/dev/null
	return 0
}

##############################################################################
# Requirements

require_root() {
	[[ $(id -u) -eq 0 ]] || { ktap_header; ktap_skip_all "needs root"; }
}

require_cmd() {
	local c

	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 ||
			{ ktap_header; ktap_skip_all "'$c' not found"; }
	done
}

# The vrrp module must be loaded (or loadable from $VRRP_KO), and vrrpctl
# built: without them a vrrp test cannot pass.
# vrrp_loaded_again: load VRRP_KO if a test left the module unloaded, so
# that the scripts after this one find it (a cleanup() for the scripts
# that unload it).
vrrp_loaded_again() {
	if [[ ! -d /sys/module/vrrp && -n "${VRRP_KO:-}" ]]; then
		insmod "$VRRP_KO"
	fi
}

require_vrrp() {
	if [[ ! -x "$VRRPCTL_BIN" ]]; then
		ktap_header
		ktap_skip_all "vrrpctl not built ($VRRPCTL_BIN)"
	fi
	if [[ ! -d /sys/module/vrrp ]]; then
		if [[ -n "${VRRP_KO:-}" ]]; then
			run insmod "$VRRP_KO" ||
				{ ktap_header; ktap_diag "insmod $VRRP_KO failed"; exit $KSFT_FAIL; }
		else
			ktap_header
			ktap_skip_all "vrrp module not loaded and VRRP_KO not set"
		fi
	fi
}

##############################################################################
# Waiting: poll, with an upper bound. TIMEOUT_MS for busywait, seconds for
# slowwait. Both return the command's last status and print nothing; the
# caller logs what it waited for.

loopy_wait() {
	local pause=$1 timeout_ms=$2 deadline
	shift 2

	tick
	deadline=$((NOW_MS + timeout_ms))
	while true; do
		"$@" && return 0
		tick
		((NOW_MS > deadline)) && return 1
		nap "$pause"
	done
}

busywait() {
	local t=$1
	shift
	loopy_wait 0.01 "$t" "$@"
}

slowwait() {
	local t=$1
	shift
	loopy_wait 0.2 "$((t * 1000))" "$@"
}

##############################################################################
# Namespaces

# setup_ns VAR...: create a namespace named "<var>-XXXXXX" for each VAR,
# store the name in VAR, bring lo up and register it for cleanup.
setup_ns() {
	local var name

	for var in "$@"; do
		name="${var,,}-$(mktemp -u XXXXXX)"
		if ! ip netns add "$name"; then
			ktap_diag "cannot create namespace $name"
			return $KSFT_SKIP
		fi
		NS_LIST+=("$name")
		ip -n "$name" link set lo up
		printf -v "$var" '%s' "$name"
		ktap_diag "+ ip netns add $name  ($var)"
	done
}

ns_exists() {
	ip netns list | awk '{ print $1 }' | grep -qx -- "$1"
}

ns_gone() {
	! ns_exists "$1"
}

cleanup_ns() {
	local ns keep=() rc=0 n

	for ns in "$@"; do
		[[ -n "$ns" ]] || continue
		ip netns pids "$ns" 2>/dev/null | xargs -r kill 2>/dev/null
		ip netns del "$ns" 2>/dev/null
		if ! busywait "$WAIT_TIMEOUT_MS" ns_gone "$ns"; then
			ktap_diag "warning: namespace $ns not removed"
			rc=1
		fi
	done
	for n in "${NS_LIST[@]}"; do
		for ns in "$@"; do
			[[ "$n" == "$ns" ]] && continue 2
		done
		keep+=("$n")
	done
	NS_LIST=("${keep[@]}")
	return $rc
}

cleanup_all_ns() {
	[[ ${#NS_LIST[@]} -eq 0 ]] || cleanup_ns "${NS_LIST[@]}"
}

##############################################################################
# Background jobs

# bg_start NAME CMD...: run CMD in the background, remembered as NAME.
bg_start() {
	local name=$1
	shift

	ktap_diag "+ $* &"
	"$@" &
	BG_PIDS[$name]=$!
}

# bg_stop NAME [SIGNAL]: stop a background job and wait for it.
bg_stop() {
	local name=$1 sig=${2:-TERM} pid

	pid=${BG_PIDS[$name]:-}
	[[ -n "$pid" ]] || return 0
	kill "-$sig" "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	unset "BG_PIDS[$name]"
}

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

##############################################################################
# vrrp

VMAC_PREFIX="00:00:5e:00:01"

# vmac VRID: the IPv4 virtual MAC of a VRID.
vmac() {
	printf '%s:%02x' "$VMAC_PREFIX" "$1"
}

# vrrpctl NS ARGS...: run vrrpctl in a namespace (logged). Uses vrrpctl's
# own -n NETNS: "ip netns exec" costs another exec and a mount namespace.
vrrpctl() {
	local ns=$1
	shift

	log_cmd "$VRRPCTL_BIN" -n "$ns" "$@"
}

# vr_json NS DEV VRID [FAMILY]: the JSON object of one virtual router, compact, on
# one line (fails when there is none).
vr_json() {
	local out

	out=$("$VRRPCTL_BIN" -n "$1" -j show "$2" vrid "$3" ${4:+family "$4"} 2>/dev/null) || return 1
	# An array of at most one object: strip the brackets.
	out=${out#\[}
	out=${out%\]}
	[[ "$out" == \{* ]] || return 1
	printf '%s\n' "$out"
}

# vr_state NS DEV VRID [FAMILY]: "init", "backup", "active", or "none". Parsed in
# bash: it is polled, and jq takes up to a second to start under TCG.
vr_state() {
	local j

	j=$(vr_json "$@") || { echo none; return; }
	if [[ "$j" =~ \"state\":\ *\"([a-z]+)\" ]]; then
		echo "${BASH_REMATCH[1]}"
	else
		echo none
	fi
}

# vr_field NS DEV VRID JQ-PATH: one field of the router's JSON.
vr_field() {
	local j

	j=$(vr_json "$1" "$2" "$3") || return 1
	jq -r "$4" <<< "$j"
}

# vr_field_is NS DEV VRID JQ-PATH VALUE
vr_field_is() {
	[[ "$(vr_field "$1" "$2" "$3" "$4")" == "$5" ]]
}

# vr_stat NS DEV VRID KEY: a counter from the router's stats (0 if absent).
# A counter; a missing counter prints -1 and fails, so a misspelt name
# can never pass for zero.
vr_stat() {
	local v='' j

	if j=$(vr_json "$1" "$2" "$3") && [[ "$j" =~ \"$4\":\ *([0-9]+) ]]; then
		v=${BASH_REMATCH[1]}
	fi
	if [[ ! "$v" =~ ^[0-9]+$ ]]; then
		echo "vr_stat: no counter '$4' in vrrpctl's output" >&2
		echo -1
		return 1
	fi
	echo "$v"
}

state_is() {
	[[ "$(vr_state "$1" "$2" "$3")" == "$4" ]]
}

# vr_active_router NS DEV VRID: the address of the Active router the
# router follows (empty if none).
vr_active_router() {
	vr_json "$1" "$2" "$3" |
		jq -r '.active_router // empty'
}

# peer_errors_over NS VRID N: the router on eth0 counted at least N
# advertisements from addresses that are not its peers.
peer_errors_over() {
	[[ $(vr_stat "$1" eth0 "$2" peer_errors) -ge $3 ]]
}

# wait_state NS DEV VRID STATE TIMEOUT_MS: poll until the router is in
# STATE; log the outcome and the time it took.
wait_state() {
	local ns=$1 dev=$2 vrid=$3 want=$4 t=$5 t0 got

	tick
	t0=$NOW_MS
	if busywait "$t" state_is "$ns" "$dev" "$vrid" "$want"; then
		tick
		WAIT_MS=$((NOW_MS - t0))
		ktap_diag "$ns $dev vrid $vrid: $want after $WAIT_MS ms"
		return 0
	fi
	got=$(vr_state "$ns" "$dev" "$vrid")
	ktap_diag "$ns $dev vrid $vrid: still '$got' after ${t} ms (wanted $want)"
	return 1
}

# show_routers NS...: log "vrrpctl show" of each namespace.
show_routers() {
	local ns

	for ns in "$@"; do
		run "$VRRPCTL_BIN" -n "$ns" show
	done
}

##############################################################################
# The test topology
#
#            client (CL) 192.0.2.100, default via VIP 192.0.2.1
#                 | eth0
#          l-cl   |
#   SW:  [------ br0 (LAN 192.0.2.0/24) ------]
#          l-r1 |                 | l-r2
#          eth0 |                 | eth0
#   R1 192.0.2.2 / 198.51.100.2   R2 192.0.2.3 / 198.51.100.3
#          eth1 |                 | eth1
#          u-r1 |                 | u-r2
#   SW:  [------ br1 (upstream 198.51.100.0/24) ------]
#                 | u-srv
#                 | eth0
#            server (SRV) 198.51.100.10 (no route back: routers masquerade)
#
# Routers forward and masquerade LAN traffic out of eth1 with nftables; a
# counter in their forward chain counts LAN packets they forwarded.

VRID=10
VIP=192.0.2.1
VIP_CIDR=192.0.2.1/24
SERVER_IP=198.51.100.10
LAN_PREFIX=192.0.2
UP_PREFIX=198.51.100

# topo_create: build the namespaces and links; sets SW R1 R2 CL SRV.
topo_create() {
	local r n

	setup_ns SW R1 R2 CL SRV || return
	run ip -n "$SW" link add br0 type bridge mcast_snooping 0 || return
	run ip -n "$SW" link add br1 type bridge mcast_snooping 0 || return
	for r in 1 2; do
		n=R$r
		run ip -n "$SW" link add "l-r$r" type veth peer name eth0 netns "${!n}" || return
		run ip -n "$SW" link add "u-r$r" type veth peer name eth1 netns "${!n}" || return
		run ip -n "$SW" link set "l-r$r" master br0 up || return
		run ip -n "$SW" link set "u-r$r" master br1 up || return
		router_setup "${!n}" $((r + 1)) || return
	done
	run ip -n "$SW" link add l-cl type veth peer name eth0 netns "$CL" || return
	run ip -n "$SW" link add u-srv type veth peer name eth0 netns "$SRV" || return
	run ip -n "$SW" link set l-cl master br0 up || return
	run ip -n "$SW" link set u-srv master br1 up || return
	run ip -n "$SW" link set br0 up || return
	run ip -n "$SW" link set br1 up || return

	run ip -n "$CL" addr add "$LAN_PREFIX.100/24" dev eth0 || return
	run ip -n "$CL" link set eth0 up || return
	run ip -n "$CL" route add default via "$VIP" || return
	run ip -n "$SRV" addr add "$SERVER_IP/24" dev eth0 || return
	run ip -n "$SRV" link set eth0 up || return
}

# router_setup NS N: addresses .N on both sides, forwarding, masquerade.
router_setup() {
	local ns=$1 n=$2

	run ip -n "$ns" addr add "$LAN_PREFIX.$n/24" dev eth0 || return
	run ip -n "$ns" addr add "$UP_PREFIX.$n/24" dev eth1 || return
	run ip -n "$ns" link set eth0 up || return
	run ip -n "$ns" link set eth1 up || return
	run ip netns exec "$ns" sysctl -qw net.ipv4.ip_forward=1 || return
	ktap_diag "+ ip netns exec $ns nft -f - (forward counter, masquerade eth1)"
	ip netns exec "$ns" nft -f - <<-'NFT' || return
	table ip vrrptest {
		counter lan_fwd {
		}
		chain forward {
			type filter hook forward priority filter; policy accept;
			iifname "eth0" counter name lan_fwd
		}
		chain postrouting {
			type nat hook postrouting priority srcnat; policy accept;
			oifname "eth1" masquerade
		}
	}
	NFT
}

# nft_packets NS FAMILY TABLE COUNTER: the packets of a named nftables
# counter; fails (and prints nothing) when it cannot be read, so that a
# caller never takes a missing counter for zero:
#	n=$(nft_packets ...) || fail ...
nft_packets() {
	local n

	n=$(ip netns exec "$1" nft -j list counter "$2" "$3" "$4" 2>/dev/null |
		jq -r '.nftables[] | select(.counter) | .counter.packets' 2>/dev/null)
	[[ "$n" =~ ^[0-9]+$ ]] || return 1
	echo "$n"
}

# fwd_packets NS: LAN packets the router forwarded so far (nft_packets).
fwd_packets() {
	nft_packets "$1" ip vrrptest lan_fwd
}

# vrrp_add NS PRIO [INTERVAL]: the standard virtual router on eth0.
vrrp_add() {
	local ns=$1 prio=$2 interval=${3:-100}

	vrrpctl "$ns" add eth0 vrid "$VRID" prio "$prio" interval "$interval" \
		address "$VIP_CIDR"
}

# topo_routers_up: R1 prio 200, R2 prio 100; wait for R1 active, R2 backup.
topo_routers_up() {
	vrrp_add "$R1" 200 || return
	vrrp_add "$R2" 100 || return
	wait_state "$R1" eth0 "$VRID" active "$WAIT_TIMEOUT_MS" || return
	wait_state "$R2" eth0 "$VRID" backup "$WAIT_TIMEOUT_MS" || return
}

# lan_vrrp_block / lan_vrrp_unblock: the LAN bridge drops VRRP (IPv4 and
# IPv6) between the routers, or lets it through again: each router alone
# becomes Active, then they meet.
lan_vrrp_block() {
	run ip netns exec "$SW" nft -f - <<-'NFT'
	table bridge vrrpblock {
		chain forward {
			type filter hook forward priority 0; policy accept;
			meta l4proto 112 drop
		}
	}
	NFT
}

lan_vrrp_unblock() {
	run ip netns exec "$SW" nft delete table bridge vrrpblock
}

# r1_active_r2_backup: the steady state of topo_routers_up (vrid VRID on
# eth0), waited for; a failure says which half is missing.
r1_active_r2_backup() {
	wait_state "$R1" eth0 "$VRID" active "$WAIT_TIMEOUT_MS" ||
		fail "R1 is not active" || return
	wait_state "$R2" eth0 "$VRID" backup "$WAIT_TIMEOUT_MS" ||
		fail "R2 is not backup" || return
}

# sw_vmac_ports: the LAN bridge ports on which the switch learned the vMAC
# (one line per port; the port of the router that sent from the vMAC last).
sw_vmac_ports() {
	bridge -n "$SW" -j fdb show br br0 2>/dev/null |
		jq -r --arg m "$(vmac "$VRID")" \
			'.[] | select(.mac == $m and .master == "br0" and (.state // "") != "permanent") | .ifname'
}

sw_vmac_on() {
	[[ "$(sw_vmac_ports)" == "$1" ]]
}

# r1_link up|down, r2_link up|down: the router's LAN port on the switch
# (carrier on the router's eth0).
r1_link() {
	run ip -n "$SW" link set l-r1 "$1"
}

r2_link() {
	run ip -n "$SW" link set l-r2 "$1"
}

# link_local NS DEV: the interface's link-local address.
link_local() {
	ip -n "$1" -6 -j addr show dev "$2" scope link 2>/dev/null |
		jq -r '.[0].addr_info[] | select(.family == "inet6") | .local' |
		head -n 1
}

# dad_done NS: no tentative IPv6 address left in the namespace.
dad_done() {
	[[ -z "$(ip -n "$1" -6 addr show tentative)" ]]
}

# client_neigh ADDR: the client's IPv4 neighbour entry (lladdr) for ADDR.
client_neigh() {
	ip -n "$CL" -4 -j neigh show "$1" dev eth0 2>/dev/null |
		jq -r '.[0].lladdr // empty'
}

# client_gw_mac: the client's neighbour entry (lladdr) for the VIP.
client_gw_mac() {
	ip -n "$CL" -j neigh show "$VIP" dev eth0 2>/dev/null |
		jq -r '.[0].lladdr // empty'
}

# router_has_uc_vmac NS: the vMAC is in eth0's unicast address filter.
##############################################################################
# Captures

CAP=

# cap_start FILTER [NS DEV]: capture into $CAP, on the LAN bridge by
# default. On a sender's own interface the time stamps are taken as it
# transmits, not when a loaded guest gets round to forwarding the frame.
cap_start() {
	CAP=$(mktemp /tmp/vrrp-cap.XXXXXX)
	# --immediate-mode: each packet is read as it comes, not when the
	# kernel hands over a full block or a second has passed.
	bg_start tcpdump ip netns exec "${2:-$SW}" tcpdump -U --immediate-mode \
		-n -i "${3:-br0}" -w "$CAP" "$1" 2>/dev/null
	# tcpdump writes the file header once it captures.
	busywait "$WAIT_TIMEOUT_MS" test -s "$CAP" || fail "tcpdump did not start"
}

cap_stop() {
	bg_stop tcpdump INT
}

cap_clean() {
	cap_stop
	[[ -n "$CAP" ]] && rm -f "$CAP"
	CAP=
}

# cap_read: the capture so far, with link headers and epoch timestamps.
cap_read() {
	tcpdump -r "$CAP" -n -e -tt -v 2>/dev/null
}

# cap_count PATTERN: lines of the capture matching an extended regex.
cap_count() {
	cap_read | grep -c -E -- "$1"
}

cap_has() {
	[[ $(cap_count "$1") -ge $2 ]]
}

# ms_times PATTERN: the capture times of the matching lines, in ms.
ms_times() {
	cap_read | grep -E -- "$1" |
		awk '{ printf "%.0f\n", $1 * 1000 }'
}

# gaps: the differences between consecutive numbers of stdin.
gaps() {
	awk 'NR > 1 { printf "%d ", $1 - last } { last = $1 } END { print "" }'
}

# cap_adverts: "TIME_US SRC PRIO" for each VRRP advertisement captured.
cap_adverts() {
	tcpdump -r "$CAP" -n -tt 2>/dev/null |
		awk '/VRRPv[23], Advertisement/ {
			p = ""
			for (i = 1; i < NF; i++)
				if ($i == "prio") p = $(i + 1)
			sub(/,$/, "", p)
			split($1, t, ".")
			printf "%d%06d %s %s\n", t[1], t[2], $3, p
		}'
}

# cap_takeover OLD NEW SINCE_US [0]: "LAST_US FIRST_US", the epoch times
# of OLD's last advertisement and of NEW's first one sent after SINCE_US
# (the epoch time of the failure, from tick) (with a fourth argument 0:
# OLD's last must be a priority-0 one); nothing when the capture lacks
# them. OLD or NEW "-" is any source but the other one: a peer whose
# address (an IPv6 link-local one) the test does not know.
cap_takeover() {
	cap_adverts | awk -v old="$1" -v new="$2" -v since="$3" -v p0="${4:-}" '
		function is_old(s) { return old == "-" ? s != new : s == old }
		function is_new(s) { return new == "-" ? s != old : s == new }
		is_old($2) { last = $1; lastp = $3 }
		is_new($2) && $1 >= since && last != "" {
			if (p0 == "" || lastp == "0") print last, $1
			exit
		}'
}

# cap_takeover_us OLD NEW SINCE_US [0]: the time from OLD's last
# advertisement to NEW's first one (cap_takeover), in microseconds.
cap_takeover_us() {
	local last first

	read -r last first < <(cap_takeover "$@") || return 0
	echo $((first - last))
}

# cap_timeline OLD NEW SINCE_US: the advertisements of both around NEW's
# first one after SINCE_US (six before it, three after), for a diagnosis.
cap_timeline() {
	cap_adverts | awk -v old="$1" -v new="$2" -v since="$3" '
		function is_old(s) { return old == "-" ? s != new : s == old }
		function is_new(s) { return new == "-" ? s != old : s == new }
		BEGIN { n = 0 }
		!is_old($2) && !is_new($2) { next }
		{ t[n] = $1; l[n++] = $2 " prio " $3 }
		is_new($2) && $1 >= since && first == "" { first = n - 1 }
		END {
			if (first == "") first = n - 1
			for (i = first - 6; i <= first + 3; i++)
				if (i >= 0 && i < n)
					printf "%+10.3f ms %s\n", (t[i] - since) / 1000, l[i]
		}'
}

# cap_wait_advert SRC: wait until the capture holds an advertisement from
# SRC (tcpdump in a loaded guest runs behind; what it has not read when
# stopped is lost); SRC "-OLD": from any source but OLD.
cap_has_advert_from() {
	cap_adverts | awk -v s="$1" '
		s ~ /^-/ ? $2 != substr(s, 2) : $2 == s { f = 1 } END { exit !f }'
}

# cap_reordered SRC: the LAN delivered a regular advertisement of SRC
# after SRC's priority-0 one although SRC sent it first (stamped
# earlier): two CPUs' backlogs of the veth pairs, or two transmit queues
# of a NIC, may reorder frames. One stamped after the priority-0 one is
# not reordering but a router that spoke after its goodbye.
cap_reordered() {
	cap_adverts | awk -v s="$1" '$2 != s { next }
		$3 == 0 && !z { z = $1; next }
		z && $1 < z { f = 1 } END { exit !f }'
}

# cap_others SINCE_US SRC...: the sources of advertisements captured from
# SINCE_US on other than the SRCs, one line; empty if none.
cap_others() {
	local since=$1

	shift
	cap_adverts | awk -v since="$since" -v srcs=" $* " '
		$1 >= since && index(srcs, " " $2 " ") == 0 && !seen[$2]++ {
			printf "%s%s", sep, $2; sep = " "
		} END { if (sep) print "" }'
}

cap_wait_advert() {
	busywait "$WAIT_TIMEOUT_MS" cap_has_advert_from "$1"
}

##############################################################################
# Timing bounds (RFC 9568 section 6.1)
#
# One tolerance for the whole suite. A time measured from a capture
# passes against its RFC value R when
#
#	R - 1 ms <= measured <= R + TIMING_BOUND
#	TIMING_BOUND = TIMING_FRAC_PCT % of the Advertisement_Interval
#		       + TIMING_SLACK_MS
#
# - 1 ms below: the capture's time stamps are taken on the bridge, after
#   the sender's veth, and a timer is never early.
# - The fraction of the interval: what grows with the interval (none of
#   the protocol's own arithmetic: a router off by a whole interval, or
#   with Skew_Time doubled at a 1 s interval, is outside).
# - The slack: emulation. Under qemu TCG (5-10x slower than hardware, two
#   guests on two host CPUs, the debug kernel's KASAN on top) a soft
#   hrtimer's expiry reaches the wire tens of milliseconds late.
# Client outages have upper bounds only (a failure falls anywhere between
# two advertisements): the RFC time, plus TIMING_BOUND, plus two probe
# periods (the last reply before and the first one after), plus one
# neighbour resolution: the new Active router has not talked to the
# client (a Backup forwards nothing; a router whose link came back lost
# its neighbours) and resolves it before its first reply, a LAN round
# trip with no timer in it, counted as one TIMING_SLACK_MS.
: "${TIMING_FRAC_PCT:=20}"
: "${TIMING_SLACK_MS:=40}"
PROBE_PERIOD_MS=10

# skew_us PRIORITY INTERVAL_MS: Skew_Time = (256 - Priority) * Interval / 256
skew_us() {
	echo $(((256 - $1) * $2 * 1000 / 256))
}

# adi_us PRIORITY INTERVAL_MS: Active_Down_Interval = 3 * Interval + Skew_Time
adi_us() {
	echo $((3 * $2 * 1000 + $(skew_us "$1" "$2")))
}

# timing_bound_us INTERVAL_MS
timing_bound_us() {
	echo $(($1 * 10 * TIMING_FRAC_PCT + TIMING_SLACK_MS * 1000))
}

# check_time NAME MEASURED_US RFC_US INTERVAL_MS: report NAME_ms and fail
# unless RFC - 1 ms <= MEASURED <= RFC + TIMING_BOUND. An empty
# measurement fails: what cannot be measured is not a pass.
check_time() {
	local name=$1 t=$2 rfc=$3 hi

	hi=$((rfc + $(timing_bound_us "$4")))
	if [[ -z "$t" ]]; then
		fail "$name: not measured (the capture lacks the advertisements)"
		return 1
	fi
	metric "${name}_ms" $((t / 1000))
	ktap_diag "$name: $((t / 1000)).$(printf %03d $((t % 1000))) ms, RFC $((rfc / 1000)).$(printf %03d $((rfc % 1000))) ms, allowed [$(((rfc - 1000) / 1000)), $((hi / 1000))] ms"
	if ((t < rfc - 1000 || t > hi)); then
		fail "$name: $((t / 1000)) ms outside [$(((rfc - 1000) / 1000)), $((hi / 1000))] ms (RFC $((rfc / 1000)) ms)"
		return 1
	fi
	return 0
}

# check_outage NAME OUTAGE_MS RFC_US INTERVAL_MS: a client outage against
# its upper bound.
check_outage() {
	local name=$1 o=$2 hi

	hi=$((($3 + $(timing_bound_us "$4")) / 1000 + 2 * PROBE_PERIOD_MS + TIMING_SLACK_MS))
	if [[ -z "$o" ]]; then
		fail "$name: no outage measurement"
		return 1
	fi
	metric "${name}_ms" "$o"
	ktap_diag "$name: $o ms, at most $hi ms (RFC $(($3 / 1000)) ms)"
	((o <= hi)) || { fail "$name: $o ms > $hi ms"; return 1; }
	return 0
}

router_has_uc_vmac() {
	bridge -n "$1" fdb show dev eth0 2>/dev/null |
		grep -qi "^$(vmac "$VRID") self permanent"
}

# Probe stream: ping every 10 ms with timestamps (-D) from the client to
# the server; the outage is the longest gap between consecutive replies.
probe_start() {
	PROBE_LOG=$(mktemp /tmp/vrrp-probe.XXXXXX)
	bg_start probe ip netns exec "$CL" ping -D -n -i 0.01 -W 1 "$SERVER_IP" \
		> "$PROBE_LOG" 2>&1
}

probe_replies() {
	grep -c 'bytes from' "$PROBE_LOG" 2>/dev/null
}

probe_wait_replies() {
	local want=$1 t=$2

	busywait "$t" probe_has "$want"
}

probe_has() {
	[[ $(probe_replies) -ge $1 ]]
}

# probe_stop: stop the stream; PROBE_OUTAGE = the longest gap between two
# replies in ms (empty without two replies).
probe_stop() {
	bg_stop probe INT
	PROBE_OUTAGE=$(awk -F'[][]' '/bytes from/ {
			t = $2 + 0
			if (n++ && t - last > max) max = t - last
			last = t
		}
		END { if (n > 1) printf "%d\n", max * 1000 }' "$PROBE_LOG")
	ktap_diag "probe: $(probe_replies) replies; $(tail -n 2 "$PROBE_LOG" | head -n 1)"
	rm -f "$PROBE_LOG"
}
