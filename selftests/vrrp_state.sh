#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# State machine and configuration corner cases, on two routers joined by
# one veth link: R1 192.0.2.2 / fe80::2 (priority 200), R2 192.0.2.3 /
# fe80::3 (priority 100), interval 100 ms; vrid 10 inet (VIP 192.0.2.1),
# vrid 20 inet6 (VIP fe80::20).
#
#   set_accept       "set accept on" on the Active R1 installs the VIP on
#                    its interface at once, "accept off" removes it
#   set_owner        priority 255 (the owner) on the Active R1 installs
#                    the VIP, back to 200 removes it
#   owner_preempts   the Backup R2 with preempt off made the owner
#                    (priority 255) preempts R1 all the same (RFC 9568
#                    6.1), within its Active_Down_Interval and an interval,
#                    discarding R1's advertisements meanwhile (7.1)
#   set_atomic       a set with a valid change and an unknown track-state
#                    name fails with an extended ACK and changes nothing
#   no_address_inet  R1's IPv4 addresses are flushed: R1 leaves Active for
#                    init, reason no-address (show, JSON, monitor event,
#                    counter), R2 takes over; the address back, R1 starts
#                    as Backup and preempts
#   no_address_inet6 the same for vrid 20 with R1's link-local removed
#
# Environment: VRRPCTL_BIN, VRRP_KO, WAIT_TIMEOUT_MS (as the other tests).

# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

ALL_TESTS="
	set_accept
	set_owner
	owner_preempts
	set_atomic
	no_address_inet
	no_address_inet6
"

VIP=192.0.2.1
# A set is applied by a work item right after the request: the address
# follows within this bound (the work takes a few ms, each poll, an "ip"
# run, a few hundred under TCG); without a transition it never would.
SET_APPLY_MS=${SET_APPLY_MS:-1000}

# vip_on NS: the VIP is a local address of eth0.
vip_on() {
	ip -n "$1" -4 -o addr show dev eth0 | grep -q " $VIP/"
}

vip_off() {
	! vip_on "$1"
}

# set_and_wait NS WHAT ARGS...: run "vrrpctl set" on the Active router and
# poll for the VIP to be WHAT (on/off) within SET_APPLY_MS.
set_and_wait() {
	local ns=$1 what=$2 t0
	shift 2

	vrrpctl "$ns" set eth0 vrid 10 "$@" || { fail "set $* failed"; return 1; }
	tick
	t0=$NOW_MS
	if ! busywait "$SET_APPLY_MS" "vip_$what" "$ns"; then
		run ip -n "$ns" -4 addr show dev eth0
		fail "after 'set $*' the VIP is not $what eth0 within $SET_APPLY_MS ms"
		return 1
	fi
	tick
	ktap_diag "VIP $what eth0 $((NOW_MS - t0)) ms after 'set $*'"
}

steady() {
	wait_state "$R1" eth0 10 active "$WAIT_TIMEOUT_MS" ||
		fail "R1 is not active" || return
	wait_state "$R2" eth0 10 backup "$WAIT_TIMEOUT_MS" ||
		fail "R2 is not backup" || return
}

test_set_accept() {
	steady || return 1
	vip_off "$R1" || fail "precondition: the VIP is on R1's eth0 without accept"
	set_and_wait "$R1" on accept on
	set_and_wait "$R1" off accept off
	state_is "$R1" eth0 10 active || fail "R1 left Active"
	return 0
}

test_set_owner() {
	steady || return 1
	set_and_wait "$R1" on priority 255
	set_and_wait "$R1" off priority 200
	state_is "$R1" eth0 10 active || fail "R1 left Active"
	return 0
}

test_owner_preempts() {
	local t0 bound n0 n1

	steady || return 1
	# The Active_Down_Timer R2 armed as priority 100 runs out, at the
	# latest an interval after the set, and the owner preempts then.
	bound=$((($(adi_us 100 100) + 100000 + $(timing_bound_us 100)) / 1000 + NOADDR_SLACK_MS))
	tick
	t0=$NOW_MS
	vrrpctl "$R2" set eth0 vrid 10 preempt off priority 255 ||
		{ fail "set on R2 failed"; return; }
	# From now on the owner discards R1's advertisements (RFC 9568 7.1):
	# it counts them as owner discards, not as received ones.
	n0=$(vr_stat "$R2" eth0 10 rcvd_advertisements)
	within "$R2" 10 active "$t0" "$bound" || fail "the owner R2 did not preempt"
	n1=$(vr_stat "$R2" eth0 10 rcvd_advertisements)
	ktap_diag "R2 rcvd_advertisements while the owner was Backup: $n0 -> $n1"
	[[ "$n1" == "$n0" ]] ||
		fail "the owner R2 took $((n1 - n0)) of R1's advertisements in: it must discard them"
	wait_state "$R1" eth0 10 backup "$WAIT_TIMEOUT_MS" || fail "R1 did not yield"
	vrrpctl "$R2" set eth0 vrid 10 preempt on priority 100 || fail "restoring R2 failed"
	steady || return 1
	return 0
}

# Slack on top of the RFC 9568 intervals in the no-address bounds: polls
# under TCG (a vrrpctl run each) and the work of the transitions.
NOADDR_SLACK_MS=${NOADDR_SLACK_MS:-2500}
INTERVAL_MS=100

# within NS VRID STATE T0 BOUND_MS: the router reaches STATE no later than
# BOUND_MS after T0 (polled); logs when the poll saw it (a late poll, after
# slow earlier checks, still passes when the state is reached).
within() {
	local ns=$1 vrid=$2 want=$3 t0=$4 bound=$5 left

	tick
	left=$((t0 + bound - NOW_MS))
	((left < 0)) && left=0
	if ! busywait "$left" state_is "$ns" eth0 "$vrid" "$want"; then
		fail "$ns vrid $vrid: '$(vr_state "$ns" eth0 "$vrid")', not $want within $bound ms"
		return 1
	fi
	tick
	ktap_diag "$ns vrid $vrid: $want, seen $((NOW_MS - t0)) ms after the change (bound $bound ms)"
}

# mon_saw FILE VRID LINE: vrrpctl monitor -j printed the state event LINE
# ("old->new reason") of VRID.
mon_saw() {
	jq -r --argjson v "$2" 'select(.event == "state" and .vrid == $v) |
		"\(.old_state)->\(.state) \(.reason)"' "$1" 2>/dev/null |
		grep -qx "$3"
}

mon_listens() {
	"$VRRPCTL_BIN" -n "$R1" set eth0 vrid "$2" family "$3" preempt on ||
		return
	[[ -s "$1" ]]
}

# no_address VRID FAMILY FLUSH... -- RESTORE...: take R1's address away
# with FLUSH, give it back with RESTORE.
no_address() {
	local vrid=$1 fam=$2 flush=() restore=() t0 adi1 adi2 n0 n1 mon j

	shift 2
	while [[ $1 != -- ]]; do flush+=("$1"); shift; done
	shift
	restore=("$@")

	wait_state "$R1" eth0 "$vrid" active "$WAIT_TIMEOUT_MS" ||
		{ fail "precondition: R1 active"; return 1; }
	wait_state "$R2" eth0 "$vrid" backup "$WAIT_TIMEOUT_MS" ||
		{ fail "precondition: R2 backup"; return 1; }
	adi1=$(vr_field "$R1" eth0 "$vrid" .active_down_interval_us)
	adi2=$(vr_field "$R2" eth0 "$vrid" .active_down_interval_us)
	n0=$(vr_stat "$R1" eth0 "$vrid" no_address)
	mon=$(mktemp /tmp/vrrp-mon.XXXXXX)
	bg_start mon "$VRRPCTL_BIN" -n "$R1" monitor -j > "$mon"
	# A set that changes nothing is still a change event: once one is
	# printed, the monitor listens.
	slowwait 20 mon_listens "$mon" "$vrid" "$fam" ||
		fail "vrrpctl monitor printed nothing"

	tick
	t0=$NOW_MS
	run "${flush[@]}" || fail "${flush[*]} failed"
	# RFC 9568 6.4.3: the next Adver_Timer finds no address.
	within "$R1" "$vrid" init "$t0" $((INTERVAL_MS + NOADDR_SLACK_MS))
	# R2 hears nothing: Active_Down_Interval.
	within "$R2" "$vrid" active "$t0" $((adi2 / 1000 + NOADDR_SLACK_MS))
	j=$(vr_json "$R1" eth0 "$vrid")
	[[ "$j" =~ \"reason\":\ *\"no-address\" ]] ||
		fail "R1's JSON does not say reason no-address: $j"
	run "$VRRPCTL_BIN" -n "$R1" show eth0 vrid "$vrid"
	"$VRRPCTL_BIN" -n "$R1" show eth0 vrid "$vrid" | grep -q "no-address" ||
		fail "vrrpctl show does not say no-address"
	n1=$(vr_stat "$R1" eth0 "$vrid" no_address)
	ktap_diag "R1 no_address counter: $n0 -> $n1"
	[[ "$n1" -gt "$n0" ]] || fail "the no_address counter did not move"
	busywait "$WAIT_TIMEOUT_MS" mon_saw "$mon" "$vrid" "active->init no-address" ||
		fail "vrrpctl monitor printed no active->init no-address event: $(tr '\n' ' ' < "$mon")"

	tick
	t0=$NOW_MS
	run "${restore[@]}" || fail "${restore[*]} failed"
	# The address is looked for every Advertisement_Interval; then
	# Backup, preempting R2 after its own Active_Down_Interval.
	within "$R1" "$vrid" active "$t0" \
		$((INTERVAL_MS + adi1 / 1000 + NOADDR_SLACK_MS))
	within "$R2" "$vrid" backup "$t0" \
		$((INTERVAL_MS + adi1 / 1000 + NOADDR_SLACK_MS))
	mon_saw "$mon" "$vrid" "init->backup startup" ||
		fail "no init->backup startup event once the address was back"
	bg_stop mon
	rm -f "$mon"
	return 0
}

test_no_address_inet() {
	no_address 10 inet ip -n "$R1" -4 addr flush dev eth0 -- \
		ip -n "$R1" addr add 192.0.2.2/24 dev eth0
}

test_no_address_inet6() {
	no_address 20 inet6 ip -n "$R1" -6 addr flush dev eth0 scope link -- \
		ip -n "$R1" addr add fe80::2/64 dev eth0 nodad
}

# The configuration in the router's JSON, without what changes on its own.
config_json() {
	vr_json "$1" eth0 10 | jq -cS 'del(.stats)'
}

test_set_atomic() {
	local before after out

	steady || return 1
	before=$(config_json "$R1")
	ktap_diag "+ $VRRPCTL_BIN -n $R1 set eth0 vrid 10 priority 150 accept on track-state nosuch down"
	if out=$("$VRRPCTL_BIN" -n "$R1" set eth0 vrid 10 priority 150 accept on \
		track-state nosuch down 2>&1); then
		fail "a set naming an unknown health check succeeded"
	fi
	ktap_diag "$out"
	grep -q "no health check" <<< "$out" ||
		fail "no extended ACK message naming the health check"
	after=$(config_json "$R1")
	if [[ "$before" != "$after" ]]; then
		ktap_diag "before: $before"
		ktap_diag "after:  $after"
		fail "the failed set changed the router"
	fi
	vip_off "$R1" || fail "the failed set installed the VIP (accept)"
	return 0
}

require_root
require_cmd ip jq
require_vrrp
lib_init

ktap_header
tests_plan
ktap_diag "kernel $(uname -r), vrrpctl $VRRPCTL_BIN"

setup() {
	local n ns

	setup_ns R1 R2 || return
	run ip -n "$R1" link add eth0 type veth peer name eth0 netns "$R2" || return
	# Link-locals of our own, without DAD: usable at once.
	for n in 2 3; do
		ns=R$((n - 1))
		run ip -n "${!ns}" link set eth0 addrgenmode none || return
		run ip -n "${!ns}" addr add "192.0.2.$n/24" dev eth0 || return
		run ip -n "${!ns}" addr add "fe80::$n/64" dev eth0 nodad || return
		run ip -n "${!ns}" link set eth0 up || return
	done
	vrrpctl "$R1" add eth0 vrid 10 prio 200 interval 100 address "$VIP/24" || return
	vrrpctl "$R2" add eth0 vrid 10 prio 100 interval 100 address "$VIP/24" || return
	vrrpctl "$R1" add eth0 vrid 20 family inet6 prio 200 interval 100 address fe80::20 || return
	vrrpctl "$R2" add eth0 vrid 20 family inet6 prio 100 interval 100 address fe80::20 || return
}
setup || ktap_diag "Bail out: cannot set up the topology"

tests_run
ktap_finish
