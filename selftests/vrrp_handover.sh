#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Planned handovers lose nothing (make before break, kernel/drain.c), on
# the topology of lib.sh made dual-stack: R1 (priority 200) Active, R2
# (100) Backup, the client sending 1,000 probes a second through the
# virtual router to the server. The old Active router sends priority 0,
# keeps forwarding until it hears R2, then lets its vMAC filter go.
#
#   del                "vrrpctl del" on R1, at intervals of 10 ms, 100 ms
#                      and 1 s
#   del6               the same for an IPv6 router (100 ms)
#   fault              R1 tracks trk0 with weight 0; trk0 goes down
#   fault6             the same for an IPv6 router
#   prio_below         R1's priority is set below R2's: R2 preempts after
#                      its Active_Down_Interval, R1 yields to its
#                      advertisement and forwards what is in flight
#   group              vrid 10 and 11 in a sync group; R2 takes vrid 11
#                      with a higher priority, and R1's vrid 10 follows
#                      its group out of Active (priority 0)
#   drain_iface_gone   a router alone on a dummy is deleted while Active;
#                      the dummy is deleted during the drain
#   drain_enslave      ... the dummy joins a bridge during the drain: the
#                      drain ends and the port goes, no "delete them first"
#   drain_rmmod        rmmod while one router drains deleted and another
#                      in place (a fault): rmmod returns when the drains
#                      are over, not before, and none outlives the module;
#                      an Accept_Mode router's address goes during the
#                      wait, not after it
#
# Each handover counts the probes lost (transmitted minus received: 0
# expected; before make before break, Skew_Time's worth, which ping's
# back-off undercounts), logs what R1 forwarded, and checks that R1
# dropped its vMAC filter when its drain ended (del; at the 1 s interval,
# one grace after R2 took over, well before the drain's deadline) or
# forwards nothing once R2 is heard (fault).
#
# Environment: VRRP_KO, WAIT_TIMEOUT_MS.

# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

ALL_TESTS="
	del
	del6
	fault
	fault6
	prio_below
	group
	drain_iface_gone
	drain_enslave
	drain_rmmod
"

# Probes (lib/topo.sh's flood): the handover comes after 0.5 s of them.
FLOOD_LEAD=0.5

# The family under test: 4 or 6 (set by each test).
FAM=4

fam_fwd() {
	if [[ $FAM == 6 ]]; then fwd6_packets "$1"; else fwd_packets "$1"; fi
}

fam_server() {
	if [[ $FAM == 6 ]]; then echo "$SERVER6"; else echo "$SERVER_IP"; fi
}

fam_vrrp_args() {
	if [[ $FAM == 6 ]]; then
		echo "family inet6 address $VIP6LL address $VIP6/64"
	else
		echo "address $VIP_CIDR"
	fi
}

fam_opt() {
	[[ $FAM == 6 ]] && echo "family inet6"
}

# pair_up INTERVAL: R1 (200) Active and R2 (100) Backup for the family
# under test, at INTERVAL ms; the routers of both families deleted first.
pair_up() {
	local iv=$1 ns args

	# shellcheck disable=SC2207 # words of fixed keywords
	args=($(fam_vrrp_args))
	for ns in "$R1" "$R2"; do
		"$VRRPCTL_BIN" -n "$ns" flush > /dev/null 2>&1
	done
	vrrpctl "$R1" add eth0 vrid "$VRID" prio 200 interval "$iv" "${args[@]}" || return
	vrrpctl "$R2" add eth0 vrid "$VRID" prio 100 interval "$iv" "${args[@]}" || return
	wait_fam_state "$R1" active || { fail "R1 is not active"; return 1; }
	wait_fam_state "$R2" backup || { fail "R2 is not backup"; return 1; }
}

# wait_fam_state NS STATE: pair_up leaves one router of VRID per router.
wait_fam_state() {
	wait_state "$1" eth0 "$VRID" "$2" "$WAIT_TIMEOUT_MS"
}

# fam_vmac: the vMAC of VRID for the family under test.
fam_vmac() {
	local m

	m=$(vmac "$VRID")
	[[ $FAM == 6 ]] && m=${m/00:01:/00:02:}
	echo "$m"
}

router_has_uc_vmac() {
	bridge -n "$1" fdb show dev eth0 2>/dev/null |
		grep -qi "^$(fam_vmac) self permanent"
}

router_lacks_uc_vmac() {
	! router_has_uc_vmac "$1"
}

# handover CMD...: with R1 Active and the probes flowing, run CMD; R2
# must take over and the client lose no probe.
handover() {
	local f0 f1

	run ip netns exec "$CL" ping -c 1 -W 2 "$(fam_server)" ||
		{ fail "the client does not reach the server"; return 1; }
	f0=$(fam_fwd "$R1") || { fail "cannot read R1's forward counter"; return 1; }
	flood_start "$(fam_server)"
	sleep "$FLOOD_LEAD"
	run "$@" || fail "$* failed"
	wait_fam_state "$R2" active || fail "R2 did not become active"
	flood_wait
	f1=$(fam_fwd "$R1") || { fail "cannot read R1's forward counter"; return 1; }
	ktap_diag "R1 forwarded $((f1 - f0)) LAN packets"
	[[ -n "$FLOOD_LOST" ]] || { fail "no probe summary"; return 1; }
	[[ "$FLOOD_LOST" -eq 0 ]] ||
		fail "$FLOOD_LOST probes lost in the planned handover"
	return 0
}

# uc_vmac_watch NS FILE: look at NS's vMAC filter entry until it goes (at
# most 30 s); a line "seen|gone|error START END" (ms) per look in FILE.
uc_vmac_watch() {
	local s end m fdb

	m=$(fam_vmac)
	tick
	end=$((NOW_MS + 30000))
	while ((NOW_MS < end)); do
		s=$NOW_MS
		if ! fdb=$(bridge -n "$1" fdb show dev eth0 2>&1); then
			tick
			echo "error $s $NOW_MS $fdb"
			break
		fi
		tick
		if [[ "${fdb,,}" != *"${m,,} self permanent"* ]]; then
			echo "gone $s $NOW_MS"
			break
		fi
		echo "seen $s $NOW_MS"
		# The probes flow meanwhile: leave the CPU to them a little.
		nap 0.02
		tick
	done > "$2"
}

# marked FILE CMD...: run CMD, then write the time (ms) to FILE.
marked() {
	local f=$1 rc

	shift
	"$@"
	rc=$?
	tick
	echo "$NOW_MS" > "$f"
	return "$rc"
}

# filter_went WATCH T0 INTERVAL: uc_vmac_watch's WATCH says R1's vMAC
# filter went when its drain ended, after the delete that returned at T0
# (ms): R2's Skew_Time after the priority 0, then R2's
# Advertisement_Interval (drain.c), not the drain's deadline (4
# intervals). A look that began later than that plus the timing bound
# and still saw the filter fails.
filter_went() {
	local t0=$2 iv=$3 bound seen gone g0 g1

	if grep -q '^error' "$1"; then
		fail "cannot read R1's fdb: $(grep '^error' "$1")"
		return 1
	fi
	bound=$((($(skew_us 100 "$iv") + iv * 1000 + $(timing_bound_us "$iv")) / 1000))
	seen=$(awk '$1 == "seen" { s = $2 } END { print s }' "$1")
	gone=$(awk '$1 == "gone" { print $2 " " $3 }' "$1")
	[[ -n "$seen" ]] ||
		{ fail "R1's vMAC filter was never seen while it was Active"; return 1; }
	[[ -n "$gone" ]] ||
		{ fail "R1 kept its vMAC filter for 30 s after the delete"; return 1; }
	read -r g0 g1 <<< "$gone"
	((g0 >= t0)) ||
		{ fail "R1's vMAC filter went $((t0 - g0)) ms before the delete returned"; return 1; }
	ktap_diag "R1's vMAC filter: last seen by a look $((seen - t0)) ms after the delete returned, gone by one of $((g0 - t0))-$((g1 - t0)) ms; bound $bound ms (Skew_Time + interval + timing bound)"
	metric filter_gone_ms $((g1 - t0))
	((seen - t0 <= bound)) ||
		fail "R1's vMAC filter was there $((seen - t0)) ms after the delete, past its drain's end ($bound ms)"
}

# del_at INTERVAL: "vrrpctl del" on the Active R1. Its vMAC filter goes
# when its drain ends: at the 1 s interval, where that is well before the
# drain's deadline, watched from before the delete (filter_went); at the
# others, by the deadline.
del_at() {
	local iv=$1 watch mark rc=0

	ktap_diag "--- interval $iv ms, IPv$FAM"
	pair_up "$iv" || return 1
	if ((iv != 1000)); then
		# shellcheck disable=SC2046 # "family inet6" or nothing
		handover vrrpctl "$R1" del eth0 vrid "$VRID" $(fam_opt) || return 1
		# The deadline (4 intervals) at the latest: 1 s of slack.
		busywait $((4 * iv + 1000)) router_lacks_uc_vmac "$R1" ||
			fail "R1 kept its vMAC filter after the drain"
		return 0
	fi
	watch=$(mktemp /tmp/vrrp-watch.XXXXXX)
	mark=$(mktemp /tmp/vrrp-mark.XXXXXX)
	bg_start vmac_watch uc_vmac_watch "$R1" "$watch"
	# shellcheck disable=SC2046 # "family inet6" or nothing
	if handover marked "$mark" vrrpctl "$R1" del eth0 vrid "$VRID" $(fam_opt); then
		wait "${BG_PIDS[vmac_watch]}"
		unset "BG_PIDS[vmac_watch]"
		filter_went "$watch" "$(< "$mark")" "$iv" || rc=1
	else
		bg_stop vmac_watch
		rc=1
	fi
	rm -f "$watch" "$mark"
	return "$rc"
}

test_del() {
	local iv

	FAM=4
	for iv in 10 100 1000; do
		del_at "$iv" || return 1
	done
}

test_del6() {
	FAM=6
	del_at 100
}

fault_at() {
	local f0 f1

	pair_up 100 || return 1
	# A test that failed before may have left it.
	ip -n "$R1" link del trk0 2>/dev/null
	run ip -n "$R1" link add trk0 type dummy || return 1
	run ip -n "$R1" link set trk0 up || return 1
	# shellcheck disable=SC2046 # "family inet6" or nothing
	vrrpctl "$R1" set eth0 vrid "$VRID" $(fam_opt) track trk0 || return 1
	handover ip -n "$R1" link set trk0 down || return
	# Once R2 is heard, R1 forwards nothing more.
	f0=$(fam_fwd "$R1") || { fail "cannot read R1's forward counter"; return 1; }
	run ip netns exec "$CL" ping -c 20 -i 0.01 -W 1 "$(fam_server)" ||
		fail "the client does not reach the server through R2"
	f1=$(fam_fwd "$R1") || { fail "cannot read R1's forward counter"; return 1; }
	[[ $((f1 - f0)) -eq 0 ]] || fail "R1 forwarded $((f1 - f0)) packets after the handover"
	run ip -n "$R1" link del trk0
}

test_fault() {
	FAM=4
	fault_at
}

test_fault6() {
	FAM=6
	fault_at
}

test_prio_below() {
	FAM=4
	pair_up 100 || return 1
	handover vrrpctl "$R1" set eth0 vrid "$VRID" prio 50 || return 1
	vr_field_is "$R1" eth0 "$VRID" .reason higher-priority ||
		fail "R1 left Active for '$(vr_field "$R1" eth0 "$VRID" .reason)', not R2's priority"
}

test_group() {
	local ns

	FAM=4
	pair_up 100 || return 1
	for ns in "$R1" "$R2"; do
		vrrpctl "$ns" set eth0 vrid "$VRID" group g || return 1
	done
	vrrpctl "$R1" add eth0 vrid 11 prio 200 interval 100 address 192.0.2.11/24 \
		group g || return 1
	vrrpctl "$R2" add eth0 vrid 11 prio 100 interval 100 address 192.0.2.11/24 \
		group g || return 1
	wait_state "$R1" eth0 11 active "$WAIT_TIMEOUT_MS" || { fail "R1 vrid 11 not active"; return 1; }
	wait_state "$R2" eth0 11 backup "$WAIT_TIMEOUT_MS" || { fail "R2 vrid 11 not backup"; return 1; }
	handover vrrpctl "$R2" set eth0 vrid 11 prio 250 || return 1
	vr_field_is "$R1" eth0 "$VRID" .reason sync-group ||
		fail "R1's vrid $VRID left Active for '$(vr_field "$R1" eth0 "$VRID" .reason)', not its group"
}

# drain_dummy NAME: a dummy of R1 with an Active router (vrid 30), deleted
# at once: its drain (4 intervals of 1 s) outlasts what the test does next.
drain_dummy() {
	run ip -n "$R1" link add "$1" type dummy || return 1
	run ip -n "$R1" addr add 203.0.113.1/24 dev "$1" || return 1
	run ip -n "$R1" link set "$1" up || return 1
	vrrpctl "$R1" add "$1" vrid 30 prio 200 interval 1000 address 203.0.113.30/24 ||
		return 1
	wait_state "$R1" "$1" 30 active 10000 || { fail "no Active router on $1"; return 1; }
	vrrpctl "$R1" del "$1" vrid 30 || return 1
	router_has_uc_vmac_on "$R1" "$1" 30 ||
		{ fail "no drain: the vMAC filter went with the router"; return 1; }
}

router_has_uc_vmac_on() {
	bridge -n "$1" fdb show dev "$2" 2>/dev/null |
		grep -qi "^$(vmac "$3") self permanent"
}

# The drain holds a reference to its device (through its port): the
# deletion must not wait for it (unregister_netdevice would hang,
# "waiting for dd0 to become free").
test_drain_iface_gone() {
	drain_dummy dd0 || return 1
	run timeout 10 ip -n "$R1" link del dd0 ||
		fail "dd0 could not be deleted within 10 s during the drain"
	ip -n "$R1" link show dd0 > /dev/null 2>&1 && fail "dd0 is still there"
	return 0
}

test_drain_enslave() {
	local rc=0

	run ip -n "$R1" link add brd0 type bridge || return 1
	drain_dummy dd1 || rc=1
	run ip -n "$R1" link set dd1 master brd0 ||
		fail "dd1 could not join a bridge during its drain"
	router_has_uc_vmac_on "$R1" dd1 30 &&
		fail "the drain kept its vMAC filter on a bridge port"
	run ip -n "$R1" link del dd1
	run ip -n "$R1" link del brd0
	return "$rc"
}

# Unloading must end every drain: deleted routers' (their works, their
# ports and the ports' hooks) and one in place (a fault). At 1 s, the
# drains last about 4 s: rmmod comes well within them.
# vip_on NS DEV ADDR, vip_gone NS DEV ADDR: ADDR is (not) on DEV.
vip_on() {
	ip -n "$1" -o addr show dev "$2" 2>/dev/null | grep -q " $3/"
}

vip_gone() {
	! vip_on "$@"
}

test_drain_rmmod() {
	local t0 t1 t2 adi hi k0 log wait_ms

	[[ -n "${VRRP_KO:-}" ]] || { skip_test "VRRP_KO not set: could not reload"; return; }
	FAM=4
	pair_up 1000 || return 1
	run ip -n "$R1" link add trk1 type dummy || return 1
	run ip -n "$R1" link set trk1 up || return 1
	run ip -n "$R1" link add dd2 type dummy || return 1
	run ip -n "$R1" addr add 203.0.113.1/24 dev dd2 || return 1
	run ip -n "$R1" link set dd2 up || return 1
	vrrpctl "$R1" add dd2 vrid 30 prio 200 interval 1000 address 203.0.113.30/24 ||
		return 1
	vrrpctl "$R1" add dd2 vrid 31 prio 200 interval 1000 address 203.0.113.31/24 \
		track trk1 || return 1
	vrrpctl "$R1" add dd2 vrid 32 prio 200 interval 1000 accept on \
		address 203.0.113.32/24 || return 1
	wait_state "$R1" dd2 30 active 10000 || { fail "vrid 30 not Active"; return 1; }
	wait_state "$R1" dd2 31 active 10000 || { fail "vrid 31 not Active"; return 1; }
	wait_state "$R1" dd2 32 active 10000 || { fail "vrid 32 not Active"; return 1; }
	busywait 2000 vip_on "$R1" dd2 203.0.113.32 ||
		fail "vrid 32's Accept_Mode address is not on dd2"
	run ip -n "$R1" link set trk1 down || return 1
	t0=$(now_ms)
	vrrpctl "$R1" del dd2 vrid 30 || return 1
	vrrpctl "$R1" del eth0 vrid "$VRID" || return 1
	router_has_uc_vmac "$R1" || fail "R1's deleted router does not drain"
	router_has_uc_vmac_on "$R1" dd2 30 || fail "dd2's deleted router does not drain"
	k0=$(kmsg_size)
	t1=$(now_ms)
	bg_start rmmod timeout 200 rmmod vrrp
	# The routers stop at once and their drains begin: vrid 32's address
	# goes then, while the module waits (4 s), not at the deletion after.
	busywait 2000 vip_gone "$R1" dd2 203.0.113.32 ||
		fail "vrid 32's Accept_Mode address stayed during the unload's wait"
	[[ -d /sys/module/vrrp ]] ||
		fail "the module was gone before the address was checked: the test did not test"
	wait "${BG_PIDS[rmmod]}" || { unset "BG_PIDS[rmmod]"; fail "rmmod vrrp failed"; return 1; }
	unset "BG_PIDS[rmmod]"
	t2=$(now_ms)
	# rmmod waits for the drains. The last one to end is vrid 30's (no
	# Backup hears it), Active_Down_Interval of a priority-1 Backup after
	# its delete, or R2's if it had taken over, as long after rmmod
	# began: the wait, which the kernel logs, is at most that.
	adi=$(($(adi_us 1 1000) / 1000))
	hi=$(((adi * 1000 + $(timing_bound_us 1000)) / 1000))
	log=$(kmsg_since "$k0")
	grep -q "vrrp: unloading when the planned handovers' drains end" <<< "$log" ||
		fail "no kernel log line for the wait"
	wait_ms=$(sed -n 's/.*vrrp: the drains ended after \([0-9]*\) ms.*/\1/p' <<< "$log")
	ktap_diag "rmmod took $((t2 - t1)) ms, ended $((t2 - t0)) ms after vrid 30's delete (its drain: $adi ms); the wait: ${wait_ms:-?} ms, allowed at most $hi ms"
	((t2 - t0 >= adi)) || fail "rmmod returned $((t2 - t0)) ms after vrid 30's delete, before its drain ended ($adi ms)"
	[[ -n "$wait_ms" ]] || { fail "the kernel did not log the wait's end"; return 1; }
	((wait_ms <= hi)) || fail "rmmod waited $wait_ms ms for the drains, more than the longest ($hi ms)"
	[[ ! -d /sys/module/vrrp ]] || fail "/sys/module/vrrp still exists"
	router_lacks_uc_vmac "$R1" || fail "R1's vMAC filter entry outlived the module"
	router_has_uc_vmac_on "$R1" dd2 30 && fail "dd2's drain outlived the module"
	router_has_uc_vmac_on "$R1" dd2 31 && fail "dd2's router outlived the module"
	run insmod "$VRRP_KO" || { fail "insmod $VRRP_KO failed"; return 1; }
	run ip -n "$R1" link del dd2
	run ip -n "$R1" link del trk1
	return 0
}

require_root
require_cmd ip bridge jq ping
require_vrrp
lib_init

ktap_header
tests_plan
ktap_diag "kernel $(uname -r), vrrpctl $VRRPCTL_BIN"

if ! topo_create || ! topo6; then
	show_routers "${R1:-}" "${R2:-}"
	ktap_diag "Bail out: cannot set up the topology"
fi

tests_run
ktap_finish
