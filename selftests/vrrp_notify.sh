#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# "vrrpctl notify": a notify program learns every router's state and
# every change, in order, across a restart of the notifier and a netlink
# overrun. R1 and R2 run vrid 10 (R1 at 200, R2 at 100) and vrid 11 (R1
# at 100, R2 at 200) on a LAN (notify_topo); a notifier in each runs a
# program that appends its arguments to a file (one file per namespace):
# "DEV VRID FAMILY OLD NEW REASON EVENT".
#
# Every check of a file also checks its chains: for each router, a line's
# OLD is the previous line's NEW (an "initial" line starts a chain again),
# so runs that overlapped or came out of order would show.
#
# Tests, in order:
#   initial_states     both notifiers report each router of their
#                      namespace once at start, marked initial, with the
#                      state "vrrpctl show" gives
#   failover_order     R1's vrid 10 goes to prio 50 and back: both files
#                      get the two transitions, in order, with reasons
#   restart_catches_up SIGKILL R1's notifier, fail vrid 10 over while it
#                      is dead, start it again: its initial line has the
#                      new state; then the failback arrives as a state line
#   overrun_resync     R1's notifier with an 8 KiB receive buffer
#                      ("rcvbuf 4096"), 50 more routers on eth1 tracking
#                      dummy0; the notifier is stopped (SIGSTOP) while
#                      dummy0 goes down and all 50 enter Initialize, so
#                      the burst overruns its socket: after SIGCONT it
#                      logs the loss, compares a dump, and every router's
#                      last line is its state in "vrrpctl show", through
#                      "resync" lines
#   overrun_live       the same with runs queued: the program is held at
#                      a gate while dummy0 comes back, so the 50 changes
#                      to Active wait in the notifier's queue behind a
#                      run in progress; then the notifier is stopped while
#                      dummy0 goes down again. After SIGCONT and the gate
#                      it runs the queued changes, then the resync of what
#                      was lost, each router's chain unbroken
#   stop_on_term       SIGTERM stops the notifier with exit status 0
#   module_reload      rmmod vrrp: R1's notifier tells each of its routers
#                      "del"; insmod (VRRP_KO) and a new router: it is
#                      told of it ("add", then its transitions). Leaves
#                      the module loaded, without routers
#
# Environment: VRRPCTL_BIN, VRRP_KO, WAIT_TIMEOUT_MS (see lib.sh).

# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

ALL_TESTS="
	initial_states
	failover_order
	restart_catches_up
	overrun_resync
	overrun_live
	stop_on_term
	module_reload
"

VRID2=11
MANY=50
# One run of the program at a time, each a fork and an exec: about 50 ms
# under TCG with busybox's static sh (180 ms with dash, which the dynamic
# loader slows down). An 8 KiB buffer holds three events: 50 routers
# overrun it many times over, in some 2.5 s of runs per burst.
MANY_INTERVAL=500
MANY_TIMEOUT_MS=$((WAIT_TIMEOUT_MS * 3))

NOTIFY_DIR=
SCRIPT=

cleanup() {
	[[ -n "$NOTIFY_DIR" ]] && rm -rf "$NOTIFY_DIR"
}

# notify_start N [OPTIONS...]: start the notifier of R<N>, its runs going
# to $NOTIFY_DIR/rN, its log to $NOTIFY_DIR/rN.log.
notify_start() {
	local n=$1 ns
	shift

	ns=R$n
	NOTIFY_FILE=$NOTIFY_DIR/r$n bg_start "notify$n" \
		"$VRRPCTL_BIN" -n "${!ns}" notify "$@" "$SCRIPT" \
		2>> "$NOTIFY_DIR/r$n.log"
}

# lines_from N FIRST: the runs of R<N>'s notifier from line FIRST on.
lines_from() {
	tail -n "+$2" "$NOTIFY_DIR/r$1" 2>/dev/null
}

nlines() {
	if [[ -e "$NOTIFY_DIR/r$1" ]]; then
		wc -l < "$NOTIFY_DIR/r$1"
	else
		echo 0
	fi
}

# show_states NS: "DEV VRID FAMILY STATE" of every router, sorted. From
# the text output: jq takes most of a second to start under TCG.
show_states() {
	"$VRRPCTL_BIN" -n "$1" show |
		awk '$2 == "vrid" { print $1, $3, $4, $6 }' | sort
}

# The waits poll files and the routers' states: every 100 ms, and every
# 500 ms where a check dumps the many routers, so that the polling does not
# take the CPU the notifier and its runs need.
filewait() {
	loopy_wait 0.1 "$@"
}

dumpwait() {
	loopy_wait 0.5 "$@"
}

# last_states N: "DEV VRID FAMILY NEW" of each router's last line.
last_states() {
	awk '{ k = $1 " " $2 " " $3; last[k] = $5 }
	     $7 == "del" { delete last[k] }
	     END { for (k in last) print k, last[k] }' "$NOTIFY_DIR/r$1" | sort
}

# caught_up N NS: each router's last line is its state in "show".
caught_up() {
	[[ "$(last_states "$1")" == "$(show_states "$2")" ]]
}

# chains_ok N: for every router, each line's OLD is the previous line's
# NEW; prints the lines that break a chain.
chains_ok() {
	awk '{ k = $1 " " $2 " " $3 }
	     $7 != "initial" && (k in last) && last[k] != $4 {
		print "line " NR ": " $0 " (after " last[k] ")"; bad = 1
	     }
	     { last[k] = $5 }
	     $7 == "del" { delete last[k] }
	     END { exit bad }' "$NOTIFY_DIR/r$1"
}

check_chains() {
	local out

	out=$(chains_ok "$1") && return 0
	ktap_diag "$out"
	fail "R$1's runs are out of order"
}

has_lines() {
	[[ $(nlines "$1") -ge $2 ]]
}

# grep_from N FIRST PATTERN: a line from FIRST on matches.
grep_from() {
	lines_from "$1" "$2" | grep -q "$3"
}

# initial_ok N NS FIRST: from line FIRST, one initial line per router of
# NS, with its state.
initial_ok() {
	local want got

	want=$(show_states "$2")
	got=$(lines_from "$1" "$3" | awk '$7 == "initial" { print $1, $2, $3, $5 }' | sort)
	[[ "$want" == "$got" ]] && return 0
	ktap_diag "show:" "$want" "initial lines:" "$got"
	return 1
}

test_initial_states() {
	local t0

	tick
	t0=$NOW_MS
	notify_start 1
	notify_start 2
	if ! filewait "$WAIT_TIMEOUT_MS" has_lines 1 2 ||
	   ! filewait "$WAIT_TIMEOUT_MS" has_lines 2 2; then
		run cat "$NOTIFY_DIR/r1.log" "$NOTIFY_DIR/r2.log"
		fail "no initial lines"
		return
	fi
	tick
	metric initial_ms $((NOW_MS - t0))
	run cat "$NOTIFY_DIR/r1" "$NOTIFY_DIR/r2"
	initial_ok 1 "$R1" 1 || fail "R1's initial lines are not its routers' states" || return
	initial_ok 2 "$R2" 1 || fail "R2's initial lines are not its routers' states" || return
	grep -q "^eth0 $VRID inet [a-z]* active [a-z-]* initial$" "$NOTIFY_DIR/r1" ||
		fail "R1 vrid $VRID is not reported active at start" || return
	grep -q "^eth0 $VRID2 inet [a-z]* backup [a-z-]* initial$" "$NOTIFY_DIR/r1" ||
		fail "R1 vrid $VRID2 is not reported backup at start" || return
	grep -q "running $SCRIPT for 2 routers" "$NOTIFY_DIR/r1.log" ||
		fail "no start line in R1's log"
}

test_failover_order() {
	local f1 f2 want1 want2

	f1=$(($(nlines 1) + 1))
	f2=$(($(nlines 2) + 1))
	vrrpctl "$R1" set eth0 vrid "$VRID" prio 50 || return
	r2_active_r1_backup_10 || return
	vrrpctl "$R1" set eth0 vrid "$VRID" prio 200 || return
	r1_active_r2_backup || return
	want1="eth0 $VRID inet active backup higher-priority state
eth0 $VRID inet backup active preempted state"
	want2="eth0 $VRID inet backup active preempted state
eth0 $VRID inet active backup higher-priority state"
	filewait "$WAIT_TIMEOUT_MS" has_lines 1 $((f1 + 1))
	filewait "$WAIT_TIMEOUT_MS" has_lines 2 $((f2 + 1))
	run cat "$NOTIFY_DIR/r1" "$NOTIFY_DIR/r2"
	[[ "$(lines_from 1 "$f1")" == "$want1" ]] ||
		fail "R1's runs for the failover and back are not the two transitions in order" || return
	[[ "$(lines_from 2 "$f2")" == "$want2" ]] ||
		fail "R2's runs for the failover and back are not the two transitions in order" || return
	check_chains 1 && check_chains 2
}

r2_active_r1_backup_10() {
	wait_state "$R2" eth0 "$VRID" active "$WAIT_TIMEOUT_MS" ||
		fail "R2 did not take over" || return
	wait_state "$R1" eth0 "$VRID" backup "$WAIT_TIMEOUT_MS" ||
		fail "R1 is not backup" || return
}

test_restart_catches_up() {
	local first

	bg_stop notify1 KILL
	vrrpctl "$R1" set eth0 vrid "$VRID" prio 50 || return
	r2_active_r1_backup_10 || return
	first=$(($(nlines 1) + 1))
	notify_start 1
	filewait "$WAIT_TIMEOUT_MS" has_lines 1 $((first + 1)) ||
		fail "no initial lines after the restart" || return
	lines_from 1 "$first" | ktap_diag "$(cat)"
	initial_ok 1 "$R1" "$first" ||
		fail "the restarted notifier does not report the current states" || return
	grep_from 1 "$first" "^eth0 $VRID inet [a-z]* backup [a-z-]* initial$" ||
		fail "the change missed while it was dead is not in its initial line" || return

	first=$(($(nlines 1) + 1))
	vrrpctl "$R1" set eth0 vrid "$VRID" prio 200 || return
	r1_active_r2_backup || return
	filewait "$WAIT_TIMEOUT_MS" grep_from 1 "$first" \
		"^eth0 $VRID inet backup active preempted state$" ||
		{ run cat "$NOTIFY_DIR/r1"; fail "no run for the failback after the restart"; return; }
	check_chains 1
}

# many_batch: vrid 1-MANY on eth1, tracking dummy0 (a loss is a fault).
many_batch() {
	local v

	for v in $(seq 1 "$MANY"); do
		echo "add eth1 vrid $v prio 100 interval $MANY_INTERVAL address 203.0.113.$v/32 track dummy0"
	done
}

# states_are NS STATE N: N routers of NS on eth1 are in STATE.
states_are() {
	[[ $("$VRRPCTL_BIN" -n "$1" show dev eth1 | grep -c " state $2 ") -eq $3 ]]
}

test_overrun_resync() {
	local batch first pid t0

	# Stopped meanwhile: the start of the routers is not the point.
	bg_stop notify1
	tick
	t0=$NOW_MS
	run ip -n "$R1" link add dummy0 type dummy || return
	run ip -n "$R1" link set dummy0 up || return
	batch=$NOTIFY_DIR/batch
	many_batch > "$batch"
	vrrpctl "$R1" -batch "$batch" || return
	dumpwait "$MANY_TIMEOUT_MS" states_are "$R1" active "$MANY" ||
		fail "the $MANY routers on eth1 did not all become active" || return
	tick
	metric routers_up_ms $((NOW_MS - t0))

	# A fresh notifier with a buffer for two or three events.
	first=$(($(nlines 1) + 1))
	tick
	t0=$NOW_MS
	notify_start 1 rcvbuf 4096
	filewait "$MANY_TIMEOUT_MS" has_lines 1 $((first + MANY + 1)) ||
		fail "no initial lines for the $((MANY + 2)) routers" || return
	tick
	metric initial_runs_ms $((NOW_MS - t0))
	initial_ok 1 "$R1" "$first" || fail "wrong initial lines" || return
	grep -q "receive buffer [0-9]* bytes" "$NOTIFY_DIR/r1.log" &&
		run grep "receive buffer" "$NOTIFY_DIR/r1.log"

	pid=${BG_PIDS[notify1]}
	run kill -STOP "$pid" || return
	run ip -n "$R1" link set dummy0 down || { kill -CONT "$pid"; return 1; }
	dumpwait "$MANY_TIMEOUT_MS" states_are "$R1" init "$MANY" ||
		{ kill -CONT "$pid"; fail "the routers did not all stop on the fault"; return; }
	tick
	t0=$NOW_MS
	run kill -CONT "$pid" || return
	dumpwait "$MANY_TIMEOUT_MS" caught_up 1 "$R1" ||
		{ diff <(last_states 1) <(show_states "$R1") | ktap_diag "$(cat)"; fail "the runs do not end in the routers' states"; return; }
	tick
	metric resync_ms $((NOW_MS - t0))
	run grep -E "events lost|comparing" "$NOTIFY_DIR/r1.log"
	grep -q "events lost (receive buffer overrun)" "$NOTIFY_DIR/r1.log" ||
		fail "no overrun: the test did not test the resync" || return
	grep_from 1 "$first" "^eth1 [0-9]* inet active init fault resync$" ||
		fail "no resync line" || return
	metric resync_lines "$(lines_from 1 "$first" | grep -c ' resync$')"
	check_chains 1
}

lost_lines() {
	grep -c "events lost" "$NOTIFY_DIR/r1.log"
}

# The program is held at the gate (NOTIFY_GATE) while the routers come
# up, so that their runs are queued when the notifier loses the burst of
# their going down: a notifier that keeps up on its own cannot be
# counted on to overrun, so it is stopped meanwhile.
overrun_live() {
	local first lost pid

	first=$(($(nlines 1) + 1))
	pid=${BG_PIDS[notify1]}
	touch "$NOTIFY_GATE"
	run ip -n "$R1" link set dummy0 up || return
	dumpwait "$MANY_TIMEOUT_MS" states_are "$R1" active "$MANY" ||
		fail "the routers on eth1 did not all become active" || return
	(($(nlines 1) < first)) ||
		fail "a run went past the gate: the test did not test a queue" || return
	lost=$(lost_lines)
	run kill -STOP "$pid" || return
	run ip -n "$R1" link set dummy0 down || return
	dumpwait "$MANY_TIMEOUT_MS" states_are "$R1" init "$MANY" ||
		fail "the routers did not all stop on the fault" || return
	run kill -CONT "$pid" || return
	rm -f "$NOTIFY_GATE"
	dumpwait "$MANY_TIMEOUT_MS" caught_up 1 "$R1" ||
		{ diff <(last_states 1) <(show_states "$R1") | ktap_diag "$(cat)"; fail "the runs do not end in the routers' states"; return; }
	run grep -E "events lost|comparing" "$NOTIFY_DIR/r1.log"
	(($(lost_lines) > lost)) ||
		fail "the burst did not overrun the notifier: the test did not test the resync" || return
	grep_from 1 "$first" "^eth1 [0-9]* inet [a-z]* active " ||
		fail "no queued run for a change to active" || return
	grep_from 1 "$first" "^eth1 [0-9]* inet active init fault resync$" ||
		fail "no resync line after the queued runs" || return
	metric runs "$(lines_from 1 "$first" | wc -l)"
	metric resync_lines "$(lines_from 1 "$first" | grep -c ' resync$')"
	check_chains 1
}

test_overrun_live() {
	local rc

	overrun_live
	rc=$?
	kill -CONT "${BG_PIDS[notify1]}" 2>/dev/null
	rm -f "$NOTIFY_GATE"
	return "$rc"
}

test_stop_on_term() {
	local pid rc

	pid=${BG_PIDS[notify2]}
	kill -TERM "$pid"
	wait "$pid"
	rc=$?
	unset "BG_PIDS[notify2]"
	ktap_diag "R2's notifier: exit $rc"
	[[ $rc -eq 0 ]] || fail "SIGTERM: exit $rc, not 0"
}

# notify_topo: R1 and R2 on the LAN bridge of SW (eth0, as lib.sh's
# topology without the client, the server and the upstream side), vrid 10
# and 11 up; R1's eth1 is a veth pair of its own (eth1, eth1p), so that
# the advertisements of the many routers reach no other router.
test_module_reload() {
	local first

	[[ -n "${VRRP_KO:-}" ]] || skip_test "VRRP_KO not set: the module could not be loaded again"
	first=$(($(nlines 1) + 1))
	run timeout 120 rmmod vrrp || { vrrp_loaded_again; fail "rmmod vrrp failed"; return; }
	# No vrrpctl until it is back: it would load the module.
	filewait "$MANY_TIMEOUT_MS" no_router_left 1 ||
		{ vrrp_loaded_again; last_states 1 | ktap_diag "$(cat)"; fail "routers not told del after rmmod"; return; }
	run grep -E "unloaded|events lost" "$NOTIFY_DIR/r1.log"
	grep -q "the vrrp module was unloaded" "$NOTIFY_DIR/r1.log" ||
		{ vrrp_loaded_again; fail "no log line for the unload"; return; }
	run insmod "$VRRP_KO" || { fail "insmod $VRRP_KO failed"; return; }
	filewait "$WAIT_TIMEOUT_MS" grep -q "loaded again: listening" "$NOTIFY_DIR/r1.log" ||
		fail "the notifier did not see the module come back" || return
	vrrp_add "$R1" 200 || return
	wait_state "$R1" eth0 "$VRID" active "$WAIT_TIMEOUT_MS" || return
	dumpwait "$WAIT_TIMEOUT_MS" caught_up 1 "$R1" ||
		{ run cat "$NOTIFY_DIR/r1"; fail "no runs for the router made after the reload"; return; }
	grep_from 1 "$first" "^eth0 $VRID inet [a-z]* [a-z]* [a-z-]* add$" ||
		fail "the new router was not told as add" || return
	check_chains 1 || return
	vrrpctl "$R1" del eth0 vrid "$VRID"
}

# no_router_left N: R<N>'s file ends every router's chain with del.
no_router_left() {
	[[ -z "$(last_states "$1")" ]]
}

notify_topo() {
	local r n

	setup_ns SW R1 R2 || return
	run ip -n "$SW" link add br0 type bridge mcast_snooping 0 || return
	for r in 1 2; do
		n=R$r
		run ip -n "$SW" link add "l-r$r" type veth peer name eth0 netns "${!n}" || return
		run ip -n "$SW" link set "l-r$r" master br0 up || return
		run ip -n "${!n}" addr add "$LAN_PREFIX.$((r + 1))/24" dev eth0 || return
		run ip -n "${!n}" link set eth0 up || return
	done
	run ip -n "$SW" link set br0 up || return
	run ip -n "$R1" link add eth1 type veth peer name eth1p || return
	run ip -n "$R1" addr add "$UP_PREFIX.2/24" dev eth1 || return
	run ip -n "$R1" link set eth1 up || return
	run ip -n "$R1" link set eth1p up || return

	vrrp_add "$R1" 200 || return
	vrrp_add "$R2" 100 || return
	vrrpctl "$R1" add eth0 vrid "$VRID2" prio 100 interval 100 \
		address "$LAN_PREFIX.11/24" || return
	vrrpctl "$R2" add eth0 vrid "$VRID2" prio 200 interval 100 \
		address "$LAN_PREFIX.11/24" || return
	r1_active_r2_backup || return
	wait_state "$R2" eth0 "$VRID2" active "$WAIT_TIMEOUT_MS" || return
	wait_state "$R1" eth0 "$VRID2" backup "$WAIT_TIMEOUT_MS"
}

require_root
require_cmd ip busybox
require_vrrp
lib_init

NOTIFY_DIR=$(mktemp -d /tmp/vrrp-notify.XXXXXX)
SCRIPT=$NOTIFY_DIR/notify.sh
NOTIFY_GATE=$NOTIFY_DIR/gate
# busybox's sh: static, so a run is not slowed by the dynamic loader.
# Each run waits while the gate exists (overrun_live).
# shellcheck disable=SC2016 # expanded by the program
printf '#!/bin/busybox sh\nwhile [ -e "$NOTIFY_GATE" ]; do sleep 0.1; done\necho "$*" >> "$NOTIFY_FILE"\n' > "$SCRIPT"
chmod +x "$SCRIPT"
export NOTIFY_FILE NOTIFY_GATE

suite_run notify_topo
