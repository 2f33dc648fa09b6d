#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Health checks that fail closed: the lifetime (ttl) of a health check
# and the check runner packaging/vrrp-check. R1 (priority 200) and R2
# (100) share vrid 10 on one veth link (VIP 192.0.2.1); R1 tracks the
# check "web" with weight 150 and a ttl of TTL_MS, so a down check makes
# it 50 and R2 takes over.
#
# Tests, in order:
#   ttl_expiry      a check not reported again within its ttl expires:
#                   R1's effective priority drops to 50, within the bound
#                   below of the report, not before half the ttl; R2
#                   takes over; show (text and JSON), the change event
#                   and the vrrp:vrrp_check tracepoint say "expired"
#   refresh         a report brings it back; reports every TTL_MS / 3
#                   (vrrpctl check, and set ... track-state) keep it up
#                   for 2 * TTL_MS and send no event
#   report_ttl      a report's own ttl (vrrpctl check web up ttl 600)
#                   stands in for the check's: it expires after 600 ms
#   runner_up       vrrp-check with a script that succeeds keeps the
#                   check up for the ttl of its reports; it runs as nobody
#                   (it writes "id -u"), in R1's namespace
#   runner_timeout  its script then hangs (a child "sleep" in its group):
#                   killed at the timeout with its group, the check stays
#                   up after the first failure and goes down (reported,
#                   not expired) after fall = 2, no earlier than
#                   interval + timeout after the script started hanging
#   runner_killed   a runner killed with SIGKILL stops reporting: the
#                   check expires within the ttl of its last report plus
#                   the bound's slack
#
# The expiry bound, from the report to the expiry, both as the tracepoint
# stamps them (a polling vrrpctl takes up to half a second to start under
# TCG: the kernel's own clock is the measure):
#	ttl - 4 ms <= expiry <= ttl + ttl / 8 + EMU_SLACK_MS
# The track work is a delayed work, whose timer the timer wheel may fire
# up to an eighth of its length late (its granularity at that level); the
# slack is emulation: the work waits for a CPU and for rtnl (TCG, two VMs
# on two host CPUs). 4 ms below: a jiffy (HZ=250) of the report's stamp.
# For the killed runner, whose last report the test cannot see, the bound
# is from the kill, by polling, with POLL_SLACK_MS more.
#
# Environment: VRRPCTL_BIN, WAIT_TIMEOUT_MS (see lib.sh), EMU_SLACK_MS,
# POLL_SLACK_MS.

# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

ALL_TESTS="
	ttl_expiry
	refresh
	report_ttl
	runner_up
	runner_timeout
	runner_killed
"

TTL_MS=3000
: "${EMU_SLACK_MS:=250}"
: "${POLL_SLACK_MS:=1500}"
RUNNER=$REPO/packaging/vrrp-check
# The runner's settings. Under TCG on a busy host each of setsid, ip
# netns exec, setpriv, sh and the script takes 50 to 500 ms to start: a
# run takes up to 2 s (more with cold caches), and a cycle with its
# reports up to 3: the ttl leaves room for a late one. RUN_WAIT_MS: for
# the runner to start.
RUN_INTERVAL_MS=4000
RUN_TIMEOUT_MS=3000
RUN_TTL_MS=7000
RUN_WAIT_MS=60000
TRACE=/sys/kernel/tracing
TRACE_INST=
MON_OUT=
WORK=

cleanup() {
	[[ -z "$TRACE_INST" ]] || rmdir "$TRACE_INST" 2>/dev/null
	[[ -z "$WORK" ]] || rm -rf "$WORK"
	[[ -z "$MON_OUT" ]] || rm -f "$MON_OUT"
}

# The check "web" of R1 as JSON: {"check":"web",...}.
web_json() {
	local j

	j=$(vr_json "$R1" eth0 "$VRID") || return 1
	jq -c '.tracks[] | select(.check == "web")' <<< "$j"
}

# web_is JQ-EXPR: R1's check "web" satisfies JQ-EXPR.
web_is() {
	web_json | jq -e "$1" > /dev/null 2>&1
}

# R1's effective priority, parsed in bash (it is polled).
eff_prio() {
	local j

	j=$(vr_json "$R1" eth0 "$VRID") || return 1
	[[ "$j" =~ \"effective_priority\":([0-9]+) ]] || return 1
	echo "${BASH_REMATCH[1]}"
}

prio_is() {
	[[ "$(eff_prio)" == "$1" ]]
}

# The check is down as reported, not expired (bash: it is polled).
web_reported_down() {
	[[ "$(vr_json "$R1" eth0 "$VRID")" == *'"check":"web","weight":150,"up":false,"expired":false'* ]]
}

# report ARGS...: "vrrpctl check web ARGS" in R1.
report() {
	"$VRRPCTL_BIN" -n "$R1" check web "$@"
}

# trace_on: vrrp:vrrp_check in a trace instance of its own.
trace_on() {
	[[ -d "$TRACE/events" ]] || mount -t tracefs nodev "$TRACE" 2>/dev/null
	[[ -d "$TRACE/events/vrrp/vrrp_check" ]] ||
		{ fail "no tracefs or no vrrp:vrrp_check"; return 1; }
	TRACE_INST=$TRACE/instances/vrrpcheck$$
	if ! mkdir "$TRACE_INST" ||
	   ! echo 1 > "$TRACE_INST/events/vrrp/vrrp_check/enable"; then
		fail "cannot enable vrrp:vrrp_check"
		return 1
	fi
}

# trace_expiry_ms: from the last "up reason=report" of the check to the
# "down reason=expired" after it, in the trace; empty if there is none.
trace_expiry_ms() {
	awk '/check=web up reason=report/ { up = $4; down = "" }
	     /check=web down reason=expired/ && up != "" && down == "" { down = $4 }
	     END { if (up != "" && down != "") {
			sub(":", "", up); sub(":", "", down)
			printf "%d\n", (down - up) * 1000 + 0.5 } }' "$TRACE_INST/trace"
}

# check_expiry WHAT TTL: the check expired (R1 at 50) TTL after the
# report, to the bound, as the tracepoint stamps them.
check_expiry() {
	local what=$1 ttl=$2 hi dt

	hi=$((ttl + ttl / 8 + EMU_SLACK_MS))
	busywait $((hi + WAIT_TIMEOUT_MS)) prio_is 50 ||
		{ fail "$what: R1 still at $(eff_prio) long after the ttl"; return 1; }
	run grep vrrp_check "$TRACE_INST/trace"
	dt=$(trace_expiry_ms)
	[[ -n "$dt" ]] || { fail "$what: no report and expiry traced"; return 1; }
	metric "${what}_ms" "$dt"
	ktap_diag "$what: expired $dt ms after the report, allowed [$((ttl - 4)), $hi] ms"
	((dt >= ttl - 4 && dt <= hi)) ||
		{ fail "$what: expired after $dt ms, outside [$((ttl - 4)), $hi] ms"; return 1; }
}

# mon_sync [MS]: return once the monitor has printed every event so far:
# the change event of a new garp-count, sent after them, is in its output.
MON_SEQ=3
mon_sync() {
	MON_SEQ=$((MON_SEQ + 1))
	"$VRRPCTL_BIN" -n "$R1" set eth0 vrid "$VRID" garp-count "$MON_SEQ" &&
		busywait "${1:-$WAIT_TIMEOUT_MS}" grep -q "\"garp_count\":$MON_SEQ," "$MON_OUT"
}

# mon_subscribed: the monitor prints the event of a set (it may not have
# subscribed when the first one is sent).
mon_subscribed() {
	local i

	for ((i = 0; i < 20; i++)); do
		mon_sync 1000 && return 0
	done
	return 1
}

# changes: the change events the monitor has printed so far.
changes() {
	grep -c '"event":"change"' "$MON_OUT"
}

test_ttl_expiry() {
	local out

	trace_on || return
	vrrpctl "$R1" set eth0 vrid "$VRID" check web weight 150 \
		ttl "$TTL_MS" || return
	r1_active_r2_backup || return
	# Down then up: the report that starts the clock is a change, traced.
	if ! report down || ! report up; then
		fail "vrrpctl check web failed"
		return
	fi
	# Not before its time: half the ttl on, still up.
	if busywait $((TTL_MS / 2)) prio_is 50; then
		fail "the check expired within half its ttl of $TTL_MS ms"
		return
	fi
	check_expiry ttl_expiry "$TTL_MS" || return
	wait_state "$R2" eth0 "$VRID" active "$WAIT_TIMEOUT_MS" ||
		fail "R2 did not take over from the expired R1" || return

	web_is ".up == false and .expired == true and .ttl == $TTL_MS and .ttl_left == null" ||
		fail "JSON: $(web_json)"
	out=$("$VRRPCTL_BIN" -n "$R1" show eth0 vrid "$VRID")
	[[ "$out" == *"check web weight 150 down expired ttl ${TTL_MS}ms"* ]] ||
		fail "text: $out"
	busywait "$WAIT_TIMEOUT_MS" grep -q '"check":"web","weight":150,"up":false,"expired":true' "$MON_OUT" ||
		fail "no change event with the check expired"
	grep -q "check=web down reason=expired" "$TRACE_INST/trace" ||
		fail "no vrrp_check trace event with reason=expired"
}

test_refresh() {
	local i n0 n1 l0 t_end

	report up || { fail "vrrpctl check web up failed"; return; }
	r1_active_r2_backup || return
	# A refresh, then the events so far are counted.
	report up || fail "check failed"
	mon_sync || { fail "the monitor is behind"; return; }
	n0=$(changes)
	l0=$(wc -l < "$MON_OUT")
	tick
	t_end=$((NOW_MS + 2 * TTL_MS))
	for ((i = 0; NOW_MS < t_end; i++)); do
		if ((i % 2)); then
			"$VRRPCTL_BIN" -n "$R1" set eth0 vrid "$VRID" \
				track-state web up || fail "track-state failed"
		else
			report up || fail "check failed"
		fi
		# Polled until the next report is due: never down.
		if busywait $((TTL_MS / 3)) prio_is 50; then
			fail "down while reported every $((TTL_MS / 3)) ms"
			return
		fi
		tick
	done
	# Fresh for the count, which must not see it expire meanwhile.
	report up || fail "check failed"
	mon_sync || { fail "the monitor is behind"; return; }
	# Less the one of mon_sync's own change.
	n1=$(($(changes) - 1))
	ktap_diag "$((i + 1)) reports in $((2 * TTL_MS)) ms, change events $n0 -> $n1"
	if ((n1 != n0)); then
		fail "reports that change nothing sent $((n1 - n0)) events"
		tail -n "+$((l0 + 1))" "$MON_OUT" |
			jq -c '[.event, .timestamp, .state, .effective_priority, .garp_count, .tracks]' |
			ktap_diag_lines
	fi
	state_is "$R1" eth0 "$VRID" active || fail "R1 left Active"
	web_is '.up == true and .expired == false and .ttl_left > 0' ||
		fail "not up with a time left: $(web_json)"
}

test_report_ttl() {
	[[ -n "$TRACE_INST" ]] || { fail "no trace (ttl_expiry)"; return; }
	# From down: the report is a change, traced.
	if ! report down || ! report up ttl 600; then
		fail "vrrpctl check web up ttl 600 failed"
		return
	fi
	check_expiry report_ttl 600 || return
	web_is ".expired == true and .ttl == $TTL_MS" || fail "not expired: $(web_json)"
}

# runner_start CONF: vrrp-check on R1's check "web", in the background.
runner_start() {
	bg_start runner env VRRPCTL="$VRRPCTL_BIN" "$RUNNER" -n "$R1" \
		-c "$1" web 2> "$WORK/runner.log"
}

runner_conf() {
	cat > "$WORK/web.conf" <<-EOF
	# vrrp_check.sh
	script  $1
	interval ${RUN_INTERVAL_MS}ms
	timeout $RUN_TIMEOUT_MS
	ttl $((RUN_TTL_MS / 1000))s
	fall 2
	EOF
}

# alive PID: running (a zombie is not).
alive() {
	local st

	[[ -r "/proc/$1/stat" ]] || return 1
	read -r _ _ st _ < "/proc/$1/stat" 2>/dev/null || return 1
	[[ "$st" != Z ]]
}

test_runner_up() {
	local uid

	WORK=$(mktemp -d /tmp/vrrp-check.XXXXXX)
	# The script runs as nobody: its files go in a directory it may
	# write; it hangs once the file "hang" exists (runner_timeout).
	chmod 0777 "$WORK"
	# ("id" once: one exec less in every later run.)
	runner_conf "[ -s $WORK/uid ] || id -u > $WORK/uid; [ ! -e $WORK/hang ] || { sleep 300 & echo \$! >> $WORK/children; wait; }"
	run cat "$WORK/web.conf"
	runner_start "$WORK/web.conf"
	busywait "$RUN_WAIT_MS" web_is ".up == true and .ttl_left != null and .ttl_left <= $RUN_TTL_MS" ||
		{ run cat "$WORK/runner.log"; fail "the runner does not report: $(web_json)"; return; }
	r1_active_r2_backup || return

	uid=$(cat "$WORK/uid" 2>/dev/null)
	ktap_diag "the script ran as uid '$uid'"
	[[ "$uid" == "$(id -u nobody)" ]] ||
		fail "the script ran as uid '$uid', not nobody's $(id -u nobody)"

	if busywait "$RUN_TTL_MS" prio_is 50; then
		fail "the check went down while its script succeeds: $(web_json)"
		run cat "$WORK/runner.log"
		return
	fi
	web_is '.up == true and .expired == false' || fail "$(web_json)"
}

# runner_logged LINE TEXT: the runner's log after line LINE has TEXT.
runner_logged() {
	tail -n "+$(($1 + 1))" "$WORK/runner.log" | grep -qF -- "$2"
}

test_runner_timeout() {
	local t0 dt p l0 n=0 live=0

	bg_running runner || { fail "no runner (runner_up)"; return; }
	l0=$(wc -l < "$WORK/runner.log")
	tick
	t0=$NOW_MS
	touch "$WORK/hang"
	# One failure: still up (fall 2).
	busywait "$RUN_WAIT_MS" runner_logged "$l0" "failure 1 of 2 (timed out after ${RUN_TIMEOUT_MS}ms)" ||
		{ run cat "$WORK/runner.log"; fail "no first failure logged"; return; }
	# (The second failure is an interval away; jq is too slow here.)
	prio_is 200 || fail "down after one failure: $(web_json)"
	# Reported down by the live runner, not expired.
	busywait "$RUN_WAIT_MS" web_reported_down ||
		{ run cat "$WORK/runner.log"; fail "not reported down after two failures: $(web_json)"; return; }
	tick
	dt=$((NOW_MS - t0))
	ktap_diag "reported down $dt ms after the script began to hang (fall 2: at least $((RUN_INTERVAL_MS + RUN_TIMEOUT_MS)) ms)"
	((dt >= RUN_INTERVAL_MS + RUN_TIMEOUT_MS - 50)) ||
		fail "down after $dt ms: before two timeouts"
	run cat "$WORK/runner.log"
	runner_logged "$l0" "up -> down (timed out after ${RUN_TIMEOUT_MS}ms)" ||
		fail "the runner did not log the transition and its reason"

	# Killed with their group: at most the current run's sleep lives.
	while read -r p; do
		n=$((n + 1))
		alive "$p" && live=$((live + 1))
	done < "$WORK/children"
	ktap_diag "$n hung scripts' children, $live running"
	((n >= 2 && live <= 1)) ||
		fail "$live of $n children of timed out scripts still run"
	rm -f "$WORK/hang"
	busywait "$RUN_WAIT_MS" prio_is 200 ||
		fail "not up again once the script succeeds"
}

test_runner_killed() {
	local pid hi dt t0

	bg_running runner || { fail "no runner (runner_up)"; return; }
	busywait "$RUN_WAIT_MS" web_is '.up == true and .ttl_left != null' ||
		{ fail "the runner is not reporting up: $(web_json)"; return; }
	# Its last report came before the kill: the bound from the kill can
	# only be later than the expiry's.
	pid=${BG_PIDS[runner]}
	tick
	t0=$NOW_MS
	ktap_diag "+ kill -KILL $pid  (the runner)"
	kill -KILL "$pid"
	wait "$pid" 2>/dev/null
	unset "BG_PIDS[runner]"
	hi=$((RUN_TTL_MS + RUN_TTL_MS / 8 + EMU_SLACK_MS + POLL_SLACK_MS))
	busywait $((hi + WAIT_TIMEOUT_MS)) prio_is 50 ||
		{ fail "R1 still at $(eff_prio) long after the runner died"; return; }
	tick
	dt=$((NOW_MS - t0))
	metric runner_killed_ms "$dt"
	ktap_diag "down $dt ms after the runner was killed, at most $hi ms"
	((dt <= hi)) || fail "down $dt ms after the runner was killed, over $hi ms"
	web_is '.up == false and .expired == true' || fail "not expired: $(web_json)"
}

ktap_diag_lines() {
	local line

	while IFS= read -r line; do
		ktap_diag "  $line"
	done
}

bg_running() {
	[[ -n "${BG_PIDS[$1]:-}" ]] && kill -0 "${BG_PIDS[$1]}" 2>/dev/null
}

r1_active_r2_backup() {
	wait_state "$R1" eth0 "$VRID" active "$WAIT_TIMEOUT_MS" ||
		fail "R1 is not active" || return
	wait_state "$R2" eth0 "$VRID" backup "$WAIT_TIMEOUT_MS" ||
		fail "R2 is not backup" || return
}

# Two routers on one veth link: what the check does to R1's priority is
# the point, not the LAN.
topo_link() {
	setup_ns R1 R2 || return
	run ip -n "$R1" link add eth0 type veth peer name eth0 netns "$R2" || return
	run ip -n "$R1" addr add 192.0.2.2/24 dev eth0 || return
	run ip -n "$R2" addr add 192.0.2.3/24 dev eth0 || return
	run ip -n "$R1" link set eth0 up || return
	run ip -n "$R2" link set eth0 up || return
	vrrpctl "$R1" add eth0 vrid "$VRID" prio 200 interval 100 \
		address "$VIP_CIDR" || return
	vrrpctl "$R2" add eth0 vrid "$VRID" prio 100 interval 100 \
		address "$VIP_CIDR" || return
	r1_active_r2_backup
}

require_root
require_cmd ip jq setsid setpriv
require_vrrp
lib_init

ktap_header
tests_plan
ktap_diag "kernel $(uname -r), vrrpctl $VRRPCTL_BIN"

if ! topo_link; then
	show_routers "${R1:-}" "${R2:-}"
	ktap_diag "Bail out: cannot set up the topology"
fi
MON_OUT=$(mktemp /tmp/vrrp-mon.XXXXXX)
bg_start monitor "$VRRPCTL_BIN" -n "$R1" -t monitor -j > "$MON_OUT"
# Subscribed once it prints the change event of a set.
mon_subscribed || ktap_diag "warning: the monitor shows no events"

tests_run
ktap_finish
