#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# "vrrpctl notify" without the kernel: tests/notify-test feeds notify.c's
# queue with routers and events read from its stdin, as the kernel's dump
# and events would, and runs real programs. Checked: the arguments and
# VRRP_* variables of each run; a snapshot that says nothing new runs
# nothing; one run at a time, in the order of the events; a program past
# its timeout gets SIGTERM, one that ignores it SIGKILL, with its whole
# process group; a failing or missing program is logged and the queue
# goes on; a full queue loses events, and the dump that follows reports
# what changed (resync), appeared (add) and went away (del); under
# systemd each log line starts with its syslog priority. The event
# loop around it (netlink, ENOBUFS) is tested in selftests/vrrp_notify.sh.
# KTAP output.
#
#   tests/notify.sh            (or: make -C tool test)

set -u

DIR=$(cd "$(dirname "$0")" && pwd)
BIN=$DIR/notify-test
TESTS=(arguments order timeout_term timeout_kill exit_status missing_program
       queue_full_resync journal_priority)

NUM=0
FAILED=0
ok() { NUM=$((NUM + 1)); echo "ok $NUM $1"; }
not_ok() { NUM=$((NUM + 1)); FAILED=$((FAILED + 1)); echo "not ok $NUM $1"; }
diag() { sed 's/^/# /'; }

T=$(mktemp -d /tmp/vrrp-notify-test.XXXXXX)
trap 'rm -rf "$T"' EXIT
OUT=$T/out

# script NAME BODY: an executable /bin/sh script $T/NAME.
script() {
	printf '#!/bin/sh\n%s\n' "$2" > "$T/$1"
	chmod +x "$T/$1"
}

# same WHAT EXPECTED ACTUAL: compare, with a diff as diagnostics.
same() {
	[[ "$2" == "$3" ]] && return 0
	echo "$1 differs (expected, got):" | diag
	diff <(echo "$2") <(echo "$3") | diag
	return 1
}

# Every run with its arguments and variables; OLD-STATE is what the
# program was last told, whatever the kernel's old state; events that
# repeat what the program was told run nothing; a del of a router it was
# never told of neither.
test_arguments() {
	local log want

	# shellcheck disable=SC2016 # expanded by the program
	script args 'echo "$* | $VRRP_IFNAME $VRRP_VRID $VRRP_FAMILY $VRRP_OLD_STATE $VRRP_STATE $VRRP_REASON $VRRP_EVENT $VRRP_PRIORITY $VRRP_EFFECTIVE_PRIORITY $VRRP_GROUP" >> '"$OUT"
	rm -f "$OUT"
	log=$("$BIN" "$T/args" 2>&1 <<-'EOF'
	dump 2 eth0 10 inet active backup active-down
	dump 2 eth0 11 inet backup init startup
	dump 3 eth1 10 inet6 init init none
	initial
	state 2 eth0 10 inet active backup active-down
	change 2 eth0 10 inet active backup active-down
	state 2 eth0 10 inet backup active higher-priority
	state 2 eth0 10 inet backup active higher-priority
	state 2 eth0 11 inet active init active-down
	state 3 eth1 10 inet6 init init no-address
	change 4 eth2 5 inet init init none
	del 2 eth0 11 inet init backup deleted
	del 9 eth9 9 inet init backup deleted
	run
	EOF
	) || { echo "$log" | diag; return 1; }
	want="eth0 10 inet backup active active-down initial | eth0 10 inet backup active active-down initial 200 150 fw
eth0 11 inet init backup startup initial | eth0 11 inet init backup startup initial 200 150 fw
eth1 10 inet6 init init none initial | eth1 10 inet6 init init none initial 200 150 fw
eth0 10 inet active backup higher-priority state | eth0 10 inet active backup higher-priority state 200 150 fw
eth0 11 inet backup active active-down state | eth0 11 inet backup active active-down state 200 150 fw
eth1 10 inet6 init init no-address state | eth1 10 inet6 init init no-address state 200 150 fw
eth2 5 inet init init none add | eth2 5 inet init init none add 200 150 fw
eth0 11 inet active init deleted del | eth0 11 inet active init deleted del 200 150 fw"
	same "the runs" "$want" "$(cat "$OUT")" || return 1
	grep -q '^vrrpctl: notify: state eth0 vrid 10 inet active -> backup reason higher-priority$' <<< "$log" ||
		{ echo "no log line for the transition:" | diag; echo "$log" | diag; return 1; }
}

# Runs that take a random while: never two at once, in the order queued.
test_order() {
	local input="" want="" i v s prev=(x init init init)

	# shellcheck disable=SC2016 # expanded by the program
	script slow '[ -e '"$T"'/lock ] && echo OVERLAP >> '"$OUT"'
touch '"$T"'/lock
sleep 0.0$(($$ % 5))
echo "$*" >> '"$OUT"'
rm -f '"$T"'/lock'
	rm -f "$OUT" "$T/lock"
	for v in 1 2 3; do
		input+="dump $v eth$v $v inet init init none"$'\n'
		want+="eth$v $v inet init init none initial"$'\n'
	done
	input+="initial"$'\n'
	for i in $(seq 1 24); do
		v=$((i % 3 + 1))
		case $((i % 2)) in
		0) s=backup ;;
		1) s=active ;;
		esac
		[[ ${prev[v]} == "$s" ]] && s=init
		input+="state $v eth$v $v inet $s ${prev[v]} config"$'\n'
		want+="eth$v $v inet ${prev[v]} $s config state"$'\n'
		prev[v]=$s
	done
	input+="run"
	"$BIN" "$T/slow" <<< "$input" > /dev/null 2>&1 || return 1
	same "the order of the runs" "${want%$'\n'}" "$(cat "$OUT")"
}

# A program past its timeout gets SIGTERM; the queue goes on.
test_timeout_term() {
	local log t0=$SECONDS

	# shellcheck disable=SC2016 # expanded by the program
	script hang '[ "$2" = 1 ] && exec sleep 30
echo "$*" >> '"$OUT"
	rm -f "$OUT"
	log=$("$BIN" "$T/hang" 300 2>&1 <<-'EOF'
	dump 1 eth0 1 inet active backup active-down
	dump 1 eth0 2 inet backup init startup
	initial
	run
	EOF
	)
	echo "$log" | diag
	grep -q "timed out after 300 ms, sending SIGTERM (initial eth0 vrid 1 inet backup -> active reason active-down)" <<< "$log" ||
		{ echo "no timeout logged" | diag; return 1; }
	same "the runs" "eth0 2 inet init backup startup initial" "$(cat "$OUT")" || return 1
	((SECONDS - t0 < 10)) || { echo "took $((SECONDS - t0)) s" | diag; return 1; }
}

# One that ignores SIGTERM gets SIGKILL, and so does what it started.
test_timeout_kill() {
	local log pgid

	# shellcheck disable=SC2016 # expanded by the program
	# Its sleeps must not hold the output of $(...) open.
	script stubborn 'trap "" TERM
echo $$ > '"$T"'/pgid
sleep 30 > /dev/null 2>&1 &
wait
sleep 30 > /dev/null 2>&1'
	log=$("$BIN" "$T/stubborn" 200 2>&1 <<-'EOF'
	dump 1 eth0 1 inet active backup active-down
	initial
	run
	EOF
	)
	echo "$log" | diag
	grep -q "still running 2000 ms after SIGTERM, sending SIGKILL" <<< "$log" ||
		{ echo "no SIGKILL logged" | diag; return 1; }
	pgid=$(cat "$T/pgid")
	if ! group_gone "$pgid"; then
		echo "process group $pgid still there" | diag
		kill -KILL -- "-$pgid"
		return 1
	fi
}

# group_gone PGID: no process of the group is alive (a zombie waiting
# for whoever reaps orphans does not count).
group_gone() {
	local stat f

	for f in /proc/[0-9]*/stat; do
		stat=$(cat "$f" 2> /dev/null) || continue
		# pid (comm) state ppid pgrp: comm may hold spaces.
		read -r -a stat <<< "${stat##*) }"
		[[ ${stat[2]} == "$1" && ${stat[0]} != Z ]] && return 1
	done
	return 0
}

# A program that fails is logged with its status; the next run happens.
test_exit_status() {
	local log

	# shellcheck disable=SC2016 # expanded by the program
	script fails 'echo "$*" >> '"$OUT"'
[ "$2" = 1 ] && exit 3
exit 0'
	rm -f "$OUT"
	log=$("$BIN" "$T/fails" 2>&1 <<-'EOF'
	dump 1 eth0 1 inet init init none
	initial
	state 1 eth0 1 inet backup init startup
	run
	EOF
	)
	echo "$log" | diag
	grep -q "fails exited with status 3 (initial eth0 vrid 1 inet init -> init reason none)" <<< "$log" ||
		{ echo "no exit status logged" | diag; return 1; }
	grep -q "fails exited with status 3 (state eth0 vrid 1 inet init -> backup reason startup)" <<< "$log" ||
		{ echo "the second run did not happen" | diag; return 1; }
}

# A program that cannot be found: its error and status 127, per run.
test_missing_program() {
	local log

	log=$("$BIN" vrrp-no-such-program 2>&1 <<-'EOF'
	dump 1 eth0 1 inet init init none
	initial
	run
	EOF
	)
	echo "$log" | diag
	grep -q "cannot run vrrp-no-such-program: No such file or directory" <<< "$log" &&
		grep -q "vrrp-no-such-program exited with status 127" <<< "$log"
}

# Past queue-max events are lost; the dump then reports what the program
# missed: a change (resync), a new router (add), one gone (del); a router
# whose state is what it was told runs nothing.
test_queue_full_resync() {
	local out want

	# shellcheck disable=SC2016 # expanded by the program
	script rec 'echo "$*" >> '"$OUT"
	rm -f "$OUT"
	out=$("$BIN" "$T/rec" 2> /dev/null <<-'EOF'
	dump 1 eth0 10 inet backup init startup
	dump 1 eth0 30 inet active backup active-down
	dump 1 eth0 40 inet backup init startup
	initial
	queue-max 4
	state 1 eth0 10 inet active backup active-down
	lost
	state 1 eth0 10 inet backup active higher-priority
	state 1 eth0 40 inet active backup active-down
	change 1 eth0 20 inet init init none
	lost
	dump 1 eth0 10 inet backup active higher-priority
	dump 1 eth0 20 inet backup init startup
	dump 1 eth0 40 inet backup init startup
	resync
	lost
	run
	EOF
	)
	same "lost" "lost no
lost yes
lost no" "$out" || return 1
	want="eth0 10 inet init backup startup initial
eth0 30 inet backup active active-down initial
eth0 40 inet init backup startup initial
eth0 10 inet backup active active-down state
eth0 10 inet active backup higher-priority resync
eth0 20 inet init backup startup add
eth0 30 inet active init deleted del"
	same "the runs" "$want" "$(cat "$OUT")"
}

# With stderr the stream JOURNAL_STREAM names, each line starts with its
# syslog priority; with another stream, none does.
test_journal_priority() {
	local log=$T/journal.log input stream

	input=$'dump 1 eth0 1 inet active backup active-down\ninitial\nrun'
	: > "$log"
	stream=$(stat -c '%d:%i' "$log")
	JOURNAL_STREAM=$stream "$BIN" vrrp-no-such-program <<< "$input" 2>> "$log"
	diag < "$log"
	grep -q '^<6>vrrpctl: notify: initial eth0 vrid 1 inet backup -> active reason active-down$' "$log" &&
		grep -q '^<3>vrrpctl: notify: cannot run vrrp-no-such-program' "$log" &&
		grep -q '^<4>vrrpctl: notify: vrrp-no-such-program exited with status 127' "$log" ||
		return 1
	JOURNAL_STREAM=1:1 "$BIN" vrrp-no-such-program <<< "$input" 2> "$log"
	! grep -q '^<' "$log" || { echo "a priority on another stream" | diag; return 1; }
}

echo "TAP version 13"
if [[ ! -x $BIN ]]; then
	echo "1..0 # SKIP $BIN not built"
	exit 4
fi
echo "1..${#TESTS[@]}"
for t in "${TESTS[@]}"; do
	if "test_$t"; then ok "$t"; else not_ok "$t"; fi
done
echo "# $((NUM - FAILED)) passed, $FAILED failed"
[[ $FAILED -eq 0 ]]
