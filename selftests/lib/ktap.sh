#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# KTAP output and the test runner (ALL_TESTS, TESTS, tests_plan,
# tests_run, ktap_run), the kernel log check of each test, the
# platform-stall witness and measure_stable. Sourced by lib.sh.

# Variables set here are used by the scripts that source lib.sh.
# shellcheck disable=SC2034

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

# KTAP_TIMES=1 (environment): each diagnostic line says when it was
# written, in ms since the script began, to find where a test's time goes.
KTAP_T0=${EPOCHREALTIME/[.,]/}
ktap_diag() {
	local line at=

	if [[ "${KTAP_TIMES:-0}" == 1 ]]; then
		at=${EPOCHREALTIME/[.,]/}
		at="[$(((at - KTAP_T0) / 1000))] "
	fi
	# One "# " prefixed line per input line.
	while IFS= read -r line; do
		printf '# %s%s\n' "$at" "$line" >&3
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
	exit "$KSFT_SKIP"
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
	return "$KSFT_SKIP"
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

# kmsg_since FROM: what the kernel logged after byte FROM of KMSG_LOG
# (kmsg_size before), once the follower has caught up. Not "dmesg | tail":
# the ring buffer is full by the time a long run gets there, and its
# line count no longer grows.
kmsg_since() {
	kmsg_sync
	tail -c "+$(($1 + 1))" "$KMSG_LOG"
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
		exit "$KSFT_FAIL"
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

# suite_run SETUP [ARGS...]: a whole script after its checks: the header,
# the plan, SETUP (the topology; a failure bails out, as no test can run
# without it), every selected test, and the totals.
suite_run() {
	ktap_header
	tests_plan
	ktap_diag "kernel $(uname -r)"
	if ! "$@"; then
		ktap_diag "Bail out: cannot set up the topology"
		exit "$KSFT_FAIL"
	fi
	tests_run
	ktap_finish
}

ktap_finish() {
	[[ -n "$STALL_PID" ]] &&
		awk '{ n++; if ($3 > max) max = $3 } END {
			printf "# platform stalls over %d ms: %d, the longest %d ms\n", slack, n, max
		}' slack="$TIMING_SLACK_MS" "$STALL_LOG" >&3
	echo "# Totals: pass:$KTAP_PASS fail:$KTAP_FAIL xfail:0 xpass:0 skip:$KTAP_SKIP error:0" >&3
	if [[ $KTAP_FAIL -gt 0 || $KTAP_NUM -ne ${KTAP_PLAN:-0} ]]; then
		exit "$KSFT_FAIL"
	fi
	if [[ $KTAP_PASS -eq 0 && $KTAP_SKIP -gt 0 ]]; then
		exit "$KSFT_SKIP"
	fi
	exit "$KSFT_PASS"
}
