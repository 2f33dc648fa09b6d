#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# "vrrpctl apply": a reload changes what differs from the file and nothing
# else. R1 (priority 200) and R2 (100) are joined by two veth links, each
# with a file of add lines for three routers: eth0 vrid 10 inet (VIP
# 192.0.2.1), eth0 vrid 10 inet6 (fe80::10, 2001:db8::1) and eth1 vrid 20
# inet (198.51.100.1), at an interval of 1 s: no event but those of the
# change may happen here, and a Backup that learnt 100 ms would take over
# when a loaded TCG host stalls the guest for 361 ms. A "vrrpctl monitor
# -j" in each namespace sees every event.
#
# Tests, in order:
#   apply_create     apply creates the routers of each file, and they
#                    elect (R1 Active, R2 Backup, all three); -check apply
#                    of the same files is an empty plan
#   apply_one_prio   R1's file: eth0 vrid 10 inet priority 200 -> 150.
#                    -check apply prints that one set; after apply (on R2
#                    too, its file unchanged) R1's monitor saw that
#                    router's change alone (no state event, nothing of the
#                    two others), R2's nothing, while R2 took R1's new
#                    advertisements; the states are the same
#   save_round_trip  "save | -check apply -" is an empty plan on both
#   apply_remove     eth1 vrid 20 left out of R1's file: the plan is its
#                    del; apply deletes it, whose events are the only
#                    ones, and R2 takes vrid 20 over
#   apply_dev        a router on eth2, which does not exist, is skipped
#                    with a message (exit 0, no event); once eth2 is made,
#                    "apply dev eth2" plans and adds that router, and
#                    the others see no event
#   iface_back       eth2 deleted: its router goes with it, and no other
#                    sees an event; eth2 made again: the RUN of
#                    packaging/99-vrrp.rules (with this test's file and
#                    namespace) adds it back, Active again, no other
#                    router sees an event
#   reload           packaging/vrrp.service's ExecReload= and
#                    vrrp.init's reload run apply, not flush;
#                    "vrrp.init reload" in R1 with priority 170 in the
#                    file changes that router alone
#
# Environment: VRRPCTL_BIN, VRRP_KO, WAIT_TIMEOUT_MS (see lib.sh).

# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

ALL_TESTS="
	apply_create
	apply_one_prio
	save_round_trip
	apply_remove
	apply_dev
	iface_back
	reload
"

INTERVAL=1000
CONF1=
CONF2=
MON1=
MON2=

cleanup() {
	rm -f "$CONF1" "$CONF2" "$MON1" "$MON2"
}

# write_conf FILE PRIO [no20]: the routers of one side, as a file.
write_conf() {
	{
		echo "# vrrp_apply.sh, priority $2"
		echo "add eth0 vrid 10 priority $2 interval $INTERVAL address 192.0.2.1/24"
		echo "add eth0 vrid 10 family inet6 priority $2 interval $INTERVAL address fe80::10 address 2001:db8::1/64"
		[[ ${3:-} == no20 ]] ||
			echo "add eth1 vrid 20 priority $2 interval $INTERVAL address 198.51.100.1/24"
	} > "$1"
}

# is NS DEV VRID FAMILY STATE
is() {
	[[ "$(vr_state "$1" "$2" "$3" "$4")" == "$5" ]]
}

# all_in NS STATE: the three routers of NS are in STATE (from one show:
# each vrrpctl run costs a few hundred ms under TCG).
all_in() {
	local out line n=0

	out=$("$VRRPCTL_BIN" -n "$1" show 2>/dev/null) || return 1
	while IFS= read -r line; do
		[[ "$line" =~ ^(eth0\ vrid\ 10\ inet6?|eth1\ vrid\ 20\ inet)\ state\ $2\  ]] &&
			n=$((n + 1))
	done <<< "$out"
	((n == 3))
}

elected() {
	busywait "$WAIT_TIMEOUT_MS" all_in "$R1" active ||
		{ show_routers "$R1"; fail "R1 is not Active on all three"; return 1; }
	busywait "$WAIT_TIMEOUT_MS" all_in "$R2" backup ||
		{ show_routers "$R2"; fail "R2 is not Backup on all three"; return 1; }
}

# plan_is NS FILE WANT [DEV]: what "-check apply [dev DEV] FILE" prints is
# WANT (empty: no command at all).
plan_is() {
	local out

	out=$("$VRRPCTL_BIN" -n "$1" -check apply ${4:+dev "$4"} "$2" 2>&1) ||
		{ fail "-check apply $2 failed: $out"; return 1; }
	ktap_diag "plan in $1: ${out:-(empty)}"
	[[ "$out" == "$3" ]] || { fail "plan in $1 is '$out', not '$3'"; return 1; }
}

# change_lines FILE FROM DEV VRID FAMILY: the change events of one router
# in a monitor's output after line FROM.
change_lines() {
	tail -n "+$(($2 + 1))" "$1" |
		grep -c "^{\"event\":\"change\",\"ifname\":\"$3\",\"ifindex\":[0-9]*,\"vrid\":$4,\"family\":\"$5\","
}

# has_changes FILE FROM DEV VRID FAMILY N: at least N of them.
has_changes() {
	[[ $(change_lines "$1" "$2" "$3" "$4" "$5") -ge $6 ]]
}

# fence NS MON: a set that changes nothing (garp-count is 3, the default)
# on eth0 vrid 10 inet; its event, once in the monitor's output, follows
# every event of what was done before it. FENCE_FROM: count from there.
FENCE_FROM=0
fence() {
	local n

	n=$(change_lines "$2" "$FENCE_FROM" eth0 10 inet)
	"$VRRPCTL_BIN" -n "$1" set eth0 vrid 10 family inet garp-count 3 ||
		{ fail "the fence set failed in $1"; return 1; }
	busywait "$WAIT_TIMEOUT_MS" has_changes "$2" "$FENCE_FROM" eth0 10 inet $((n + 1)) ||
		{ fail "the monitor of $1 did not print the fence's event"; return 1; }
}

# synced NS MON: the monitor has subscribed (it prints a fence's event).
synced() {
	"$VRRPCTL_BIN" -n "$1" set eth0 vrid 10 family inet garp-count 3 &&
		has_changes "$2" 0 eth0 10 inet 1
}

monitors() {
	[[ -n "$MON1" ]] && return 0
	MON1=$(mktemp /tmp/vrrp-apply-m1.XXXXXX)
	MON2=$(mktemp /tmp/vrrp-apply-m2.XXXXXX)
	bg_start mon1 "$VRRPCTL_BIN" -n "$R1" monitor -j > "$MON1"
	bg_start mon2 "$VRRPCTL_BIN" -n "$R2" monitor -j > "$MON2"
	if ! busywait "$WAIT_TIMEOUT_MS" synced "$R1" "$MON1" ||
	   ! busywait "$WAIT_TIMEOUT_MS" synced "$R2" "$MON2"; then
		fail "the monitors do not report events"
		return 1
	fi
}

# events MON FROM: the events after line FROM, one a line:
# "EVENT DEV VRID FAMILY STATE PRIORITY" (and "OLD->NEW REASON" for state);
# "?" for a line not of that shape. Read in bash: jq takes up to a second
# to start under TCG.
events() {
	local line e st

	while IFS= read -r line; do
		if ! [[ "$line" =~ ^\{\"event\":\"([a-z]+)\",\"ifname\":\"([^\"]*)\",\"ifindex\":[0-9]+,\"vrid\":([0-9]+),\"family\":\"([a-z0-9]+)\",\"state\":\"([a-z]+)\",\"priority\":([0-9]+), ]]; then
			echo "?"
			continue
		fi
		st=${BASH_REMATCH[5]}
		e="${BASH_REMATCH[1]} ${BASH_REMATCH[2]} ${BASH_REMATCH[3]} ${BASH_REMATCH[4]} $st ${BASH_REMATCH[6]}"
		if [[ $e == state* ]]; then
			[[ "$line" =~ \"old_state\":\"([a-z]+)\" ]] &&
				e+=" ${BASH_REMATCH[1]}->$st"
			[[ "$line" =~ \"reason\":\"([a-z-]+)\" ]] &&
				e+=" ${BASH_REMATCH[1]}"
		fi
		echo "$e"
	done < <(tail -n "+$(($2 + 1))" "$1")
}

# expect_events MON FROM WANT WHO: the events after FROM are WANT exactly.
expect_events() {
	local got

	got=$(events "$1" "$2")
	ktap_diag "events of $4: $(tr '\n' ';' <<< "$got")"
	[[ "$got" == "$3" ]] ||
		fail "$4 saw '$(tr '\n' ';' <<< "$got")', not '$(tr '\n' ';' <<< "$3")'"
}

# rx NS: the advertisements R received on eth0 vrid 10 inet.
rx() {
	local j

	j=$(vr_json "$1" eth0 10 inet) &&
		[[ "$j" =~ \"rcvd_advertisements\":\ *([0-9]+) ]] &&
		echo "${BASH_REMATCH[1]}"
}

# rx_over NS N: more than N of them.
rx_over() {
	local n

	n=$(rx "$1") && ((n > $2))
}

alive() {
	if ! kill -0 "${BG_PIDS[mon1]}" 2>/dev/null ||
	   ! kill -0 "${BG_PIDS[mon2]}" 2>/dev/null; then
		fail "a monitor died: silence proves nothing"
	fi
}

test_apply_create() {
	write_conf "$CONF1" 200
	write_conf "$CONF2" 100
	run cat "$CONF1"
	vrrpctl "$R1" apply "$CONF1" || fail "apply in R1 failed"
	vrrpctl "$R2" apply "$CONF2" || fail "apply in R2 failed"
	elected || return 1
	plan_is "$R1" "$CONF1" "" && plan_is "$R2" "$CONF2" ""
}

test_apply_one_prio() {
	local b1 b2 rx0

	elected || return 1
	monitors || return 1
	b1=$(wc -l < "$MON1")
	b2=$(wc -l < "$MON2")
	sed -i '/eth0 vrid 10 priority/s/priority 200/priority 150/' "$CONF1"
	plan_is "$R1" "$CONF1" "set eth0 vrid 10 family inet priority 150" || return 1
	vrrpctl "$R1" apply "$CONF1" || fail "apply in R1 failed"
	vrrpctl "$R2" apply "$CONF2" || fail "apply in R2 failed"
	# R2 takes advertisements of the new priority, then the fences.
	rx0=$(rx "$R2") || { fail "no counter of R2"; return 1; }
	busywait $((3 * INTERVAL)) rx_over "$R2" $((rx0 + 1)) ||
		fail "R2 received no two advertisements since the change"
	FENCE_FROM=$b1 fence "$R1" "$MON1" || return 1
	FENCE_FROM=$b2 fence "$R2" "$MON2" || return 1
	alive
	# The apply's change and the fence's, on that router only.
	expect_events "$MON1" "$b1" "change eth0 10 inet active 150
change eth0 10 inet active 150" R1
	expect_events "$MON2" "$b2" "change eth0 10 inet backup 100" R2
	all_in "$R1" active || fail "R1 left Active"
	all_in "$R2" backup || fail "R2 left Backup"
	plan_is "$R1" "$CONF1" ""
}

test_save_round_trip() {
	local ns out

	for ns in "$R1" "$R2"; do
		run "$VRRPCTL_BIN" -n "$ns" save
		out=$("$VRRPCTL_BIN" -n "$ns" save |
			"$VRRPCTL_BIN" -n "$ns" -check apply - 2>&1)
		[[ ${PIPESTATUS[0]} -eq 0 && -z "$out" ]] ||
			fail "in $ns, save | -check apply - is not an empty plan: $out"
	done
}

test_apply_remove() {
	local b1 b2 got

	elected || return 1
	monitors || return 1
	b1=$(wc -l < "$MON1")
	b2=$(wc -l < "$MON2")
	sed -i '/eth1 vrid 20/d' "$CONF1"
	plan_is "$R1" "$CONF1" "del eth1 vrid 20 family inet" || return 1
	vrrpctl "$R1" apply "$CONF1" || fail "apply in R1 failed"
	FENCE_FROM=$b1 fence "$R1" "$MON1" || return 1
	alive
	expect_events "$MON1" "$b1" "state eth1 20 inet init 200 active->init deleted
del eth1 20 inet init 200
change eth0 10 inet active 150" R1
	[[ -z "$(vr_json "$R1" eth1 20)" ]] || fail "eth1 vrid 20 still runs in R1"
	if ! is "$R1" eth0 10 inet active || ! is "$R1" eth0 10 inet6 active; then
		fail "R1's other routers left Active"
	fi
	busywait "$WAIT_TIMEOUT_MS" is "$R2" eth1 20 inet active ||
		fail "R2 did not take vrid 20 over"
	# R2: vrid 20's takeover, and nothing of the others but the fence.
	FENCE_FROM=$b2 fence "$R2" "$MON2" || return 1
	got=$(events "$MON2" "$b2")
	ktap_diag "events of R2: $(tr '\n' ';' <<< "$got")"
	grep -q '^state eth1 20 inet active 100 backup->active ' <<< "$got" ||
		fail "no backup->active event of R2's vrid 20"
	[[ "$(grep -v '^[a-z]* eth1 20 ' <<< "$got")" == "change eth0 10 inet backup 100" ]] ||
		fail "R2's other routers saw events"
	plan_is "$R1" "$CONF1" ""
}

test_apply_dev() {
	local b1 out rc got line

	monitors || return 1
	b1=$(wc -l < "$MON1")
	echo "add eth2 vrid 30 priority 200 address 203.0.113.1/24" >> "$CONF1"
	line=$(wc -l < "$CONF1")
	out=$("$VRRPCTL_BIN" -n "$R1" apply "$CONF1" 2>&1)
	rc=$?
	ktap_diag "apply: exit $rc: $out"
	[[ $rc -eq 0 && "$out" == "vrrpctl: $CONF1:$line: eth2: no such device, vrid 30 skipped" ]] ||
		fail "a missing interface is not a skip with a message and exit 0"
	run ip -n "$R1" link add eth2 type dummy || return 1
	run ip -n "$R1" addr add 203.0.113.2/24 dev eth2 || return 1
	run ip -n "$R1" link set eth2 up || return 1
	plan_is "$R1" "$CONF1" "add eth2 vrid 30 family inet priority 200 address 203.0.113.1/24" ||
		return 1
	plan_is "$R1" "$CONF1" "add eth2 vrid 30 family inet priority 200 address 203.0.113.1/24" eth2 ||
		return 1
	vrrpctl "$R1" apply dev eth2 "$CONF1" || fail "apply dev eth2 failed"
	vr_json "$R1" eth2 30 inet > /dev/null || fail "eth2 vrid 30 was not added"
	FENCE_FROM=$b1 fence "$R1" "$MON1" || return 1
	alive
	got=$(events "$MON1" "$b1")
	ktap_diag "events of R1: $(tr '\n' ';' <<< "$got")"
	[[ "$(grep -v '^[a-z]* eth2 30 ' <<< "$got")" == "change eth0 10 inet active 150" ]] ||
		fail "other routers than eth2 vrid 30 saw events"
	plan_is "$R1" "$CONF1" ""
}

# udev_cmd DEV: the RUN command of packaging/99-vrrp.rules for DEV, in R1
# with this test's file, one word a line.
udev_cmd() {
	local top rule cmd w

	top=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
	rule=$(grep '^ACTION=="add", SUBSYSTEM=="net",' "$top/packaging/99-vrrp.rules") ||
		return 1
	[[ $rule =~ RUN\+=\"([^\"]*)\" ]] || return 1
	cmd=${BASH_REMATCH[1]}
	for w in $cmd; do
		case $w in
		/usr/sbin/vrrpctl) printf '%s\n' "$VRRPCTL_BIN" -n "$R1" ;;
		/etc/vrrp/vrrp.conf) printf '%s\n' "$CONF1" ;;
		\$name) printf '%s\n' "$1" ;;
		*) printf '%s\n' "$w" ;;
		esac
	done
}

eth2_up() {
	run ip -n "$R1" link add eth2 type dummy &&
		run ip -n "$R1" addr add 203.0.113.2/24 dev eth2 &&
		run ip -n "$R1" link set eth2 up
}

test_iface_back() {
	local b1 got
	local -a cmd

	monitors || return 1
	vr_json "$R1" eth2 30 inet > /dev/null ||
		{ fail "no eth2 vrid 30 to start from"; return 1; }
	b1=$(wc -l < "$MON1")
	run ip -n "$R1" link del eth2 || return 1
	[[ -z "$(vr_json "$R1" eth2 30 inet 2>/dev/null)" ]] ||
		fail "eth2 vrid 30 outlived eth2"
	eth2_up || return 1
	mapfile -t cmd < <(udev_cmd eth2)
	((${#cmd[@]})) || { fail "no RUN in packaging/99-vrrp.rules"; return 1; }
	run "${cmd[@]}" || fail "the hook's apply failed"
	busywait "$WAIT_TIMEOUT_MS" is "$R1" eth2 30 inet active ||
		fail "eth2 vrid 30 did not come back Active"
	FENCE_FROM=$b1 fence "$R1" "$MON1" || return 1
	alive
	got=$(events "$MON1" "$b1")
	ktap_diag "events of R1: $(tr '\n' ';' <<< "$got")"
	grep -q '^del eth2 30 inet ' <<< "$got" ||
		fail "no del event for eth2 vrid 30"
	grep -q '^state eth2 30 inet active 200 backup->active ' <<< "$got" ||
		fail "eth2 vrid 30 did not become Active again"
	[[ "$(grep -v '^[a-z]* eth2 30 ' <<< "$got")" == "change eth0 10 inet active 150" ]] ||
		fail "other routers than eth2 vrid 30 saw events"
	plan_is "$R1" "$CONF1" ""
}

test_reload() {
	local top b1 init

	top=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
	run grep -n '^Exec' "$top/packaging/vrrp.service"
	grep -qx 'ExecReload=/usr/sbin/vrrpctl apply /etc/vrrp/vrrp.conf' \
		"$top/packaging/vrrp.service" ||
		fail "vrrp.service: ExecReload= is not vrrpctl apply"
	grep -q '^ExecReload=.*flush' "$top/packaging/vrrp.service" &&
		fail "vrrp.service: a reload still flushes"

	is "$R1" eth0 10 inet active || { fail "R1 is not Active"; return 1; }
	monitors || return 1
	b1=$(wc -l < "$MON1")
	sed -i '/eth0 vrid 10 priority/s/priority 150/priority 170/' "$CONF1"
	init="$top/packaging/vrrp.init"
	ktap_diag "+ ip netns exec $R1 env VRRP_CONF=$CONF1 VRRPCTL=$VRRPCTL_BIN sh $init reload"
	ip netns exec "$R1" env VRRP_CONF="$CONF1" VRRPCTL="$VRRPCTL_BIN" \
		sh "$init" reload || fail "vrrp.init reload failed"
	FENCE_FROM=$b1 fence "$R1" "$MON1" || return 1
	alive
	expect_events "$MON1" "$b1" "change eth0 10 inet active 170
change eth0 10 inet active 170" R1
	plan_is "$R1" "$CONF1" ""
}

require_root
require_cmd ip
require_vrrp
lib_init

ktap_header
tests_plan
ktap_diag "kernel $(uname -r), vrrpctl $VRRPCTL_BIN"

setup() {
	local n ns

	CONF1=$(mktemp /tmp/vrrp-apply-r1.XXXXXX) || return
	CONF2=$(mktemp /tmp/vrrp-apply-r2.XXXXXX) || return
	setup_ns R1 R2 || return
	run ip -n "$R1" link add eth0 type veth peer name eth0 netns "$R2" || return
	run ip -n "$R1" link add eth1 type veth peer name eth1 netns "$R2" || return
	for n in 2 3; do
		ns=R$((n - 1))
		# A link-local of our own, without DAD: usable at once.
		run ip -n "${!ns}" link set eth0 addrgenmode none || return
		run ip -n "${!ns}" addr add "192.0.2.$n/24" dev eth0 || return
		run ip -n "${!ns}" addr add "fe80::$n/64" dev eth0 nodad || return
		run ip -n "${!ns}" addr add "198.51.100.$n/24" dev eth1 || return
		run ip -n "${!ns}" link set eth0 up || return
		run ip -n "${!ns}" link set eth1 up || return
	done
}
setup || ktap_diag "Bail out: cannot set up the topology"

tests_run
ktap_finish
