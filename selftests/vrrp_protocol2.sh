#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# More protocol behaviour, on the topology of lib.sh (R1, R2 on a LAN
# bridge with a client), configured with vrrpctl. Captures are taken on
# the LAN bridge of the switch namespace.
#
#   unicast_v4         with peers, adverts go unicast to the peer (none
#                      to 224.0.0.18); failover and preemption both ways
#   unicast_v6         the same for IPv6 with link-local peers (no ff02::12)
#   unicast_not_peer   an advert from an address that is not a peer is
#                      dropped and counted (peer_errors); the backup keeps
#                      following its peer
#   preempt_delay      a returning higher-priority router stays Backup for
#                      the preempt delay, then takes over
#   garp_v4            gratuitous ARPs from the vMAC for each address:
#                      garp-count of them garp-spacing apart, a second
#                      burst after garp-repeat, then one every garp-refresh
#   garp_na_v6         unsolicited NAs (Router and Override flags, from the
#                      vMAC): count, spacing, second burst
#   many_vrids         255 VRIDs per family on a veth, a VLAN and a bridge
#                      at once: states, vMAC filters, teardown
#   tracepoints        vrrp:vrrp_state, vrrp_advert_tx and vrrp_drop fire
#                      with the right fields
#   interop_v2_active  RFC 9568 8.4: a VRRPv2 router (higher priority) and
#                      a v2-compat VRRPv3 router fail over both ways; the
#                      latter sends both versions
#   interop_v3_active  the v2-compat router has the higher priority: the
#                      VRRPv2 router follows its VRRPv2 copies; both ways
#   interop_v2_ignored a v2-compat Backup ignores the VRRPv2 copies of an
#                      Active router that also sends VRRPv3
#
# Environment: VRRP_KO, WAIT_TIMEOUT_MS.

# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

ALL_TESTS="
	unicast_v4
	unicast_v6
	unicast_not_peer
	preempt_delay
	garp_v4
	garp_na_v6
	many_vrids
	tracepoints
	interop_v2_active
	interop_v3_active
	interop_v2_ignored
"

CAP=

r1_link() {
	run ip -n "$SW" link set l-r1 "$1"
}

not() {
	! "$@"
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

vr_active_router() {
	vr_json "$1" "$2" "$3" |
		jq -r '.active_router // empty'
}

# unicast_failover VRID FAMILY VIP A1 A2 FILTER MCAST: R1 (A1, priority
# 200) and R2 (A2), each the other's only peer, fail over both ways; the
# capture (FILTER) must hold unicast adverts both ways and none matching
# the regex MCAST.
unicast_failover() {
	local vrid=$1 fam=$2 vip=$3 a1=$4 a2=$5 up12 up21 re12 re21 mc rc=0

	cap_start "$6"
	vrrpctl "$R1" add eth0 vrid "$vrid" family "$fam" prio 200 interval 100 \
		address "$vip" peer "$a2" || rc=1
	vrrpctl "$R2" add eth0 vrid "$vrid" family "$fam" prio 100 interval 100 \
		address "$vip" peer "$a1" || rc=1
	wait_state "$R1" eth0 "$vrid" active "$WAIT_TIMEOUT_MS" || fail "R1 not active"
	wait_state "$R2" eth0 "$vrid" backup "$WAIT_TIMEOUT_MS" || fail "R2 not backup"
	r1_link down
	wait_state "$R2" eth0 "$vrid" active "$WAIT_TIMEOUT_MS" || fail "R2 did not take over"
	r1_link up
	wait_state "$R1" eth0 "$vrid" active "$WAIT_TIMEOUT_MS" || fail "R1 did not preempt back"
	wait_state "$R2" eth0 "$vrid" backup "$WAIT_TIMEOUT_MS" || fail "R2 not backup again"
	re12="${a1//./\\.} > ${a2//./\\.}: .*VRRPv3.*vrid $vrid"
	re21="${a2//./\\.} > ${a1//./\\.}: .*VRRPv3.*vrid $vrid"
	# tcpdump in a loaded guest runs behind, and what it has not read
	# when stopped is lost: let it write both directions first.
	busywait "$WAIT_TIMEOUT_MS" cap_has "$re21" 1
	busywait "$WAIT_TIMEOUT_MS" cap_has "$re12" 1
	cap_stop
	up12=$(cap_count "$re12")
	up21=$(cap_count "$re21")
	mc=$(cap_count "$7")
	ktap_diag "adverts R1->R2 $up12, R2->R1 $up21, to the group $mc"
	((up12 > 0)) || fail "no unicast advert from R1 to R2"
	((up21 > 0)) || fail "no unicast advert from R2 to R1 while it was active"
	((mc == 0)) || fail "$mc adverts to the multicast group with peers set"
	((up12 + up21 > 0)) || run tcpdump -r "$CAP" -n -c 5
	cap_clean
	vrrpctl "$R1" del eth0 vrid "$vrid" family "$fam" || rc=1
	vrrpctl "$R2" del eth0 vrid "$vrid" family "$fam" || rc=1
	return "$rc"
}

test_unicast_v4() {
	unicast_failover 11 inet 192.0.2.11/24 192.0.2.2 192.0.2.3 \
		'ip proto 112' '224\.0\.0\.18|01:00:5e:00:00:12'
}

test_unicast_v6() {
	local ll1 ll2

	busywait "$WAIT_TIMEOUT_MS" dad_done "$R1" || fail "R1: DAD not done"
	busywait "$WAIT_TIMEOUT_MS" dad_done "$R2" || fail "R2: DAD not done"
	ll1=$(link_local "$R1" eth0)
	ll2=$(link_local "$R2" eth0)
	ktap_diag "R1 $ll1, R2 $ll2"
	[[ -n "$ll1" && -n "$ll2" ]] || { fail "no link-local addresses"; return 1; }
	unicast_failover 12 inet6 fe80::12 "$ll1" "$ll2" \
		'ip6 proto 112' 'ff02::12|33:33:00:00:00:12'
}

peer_errors_over() {
	[[ $(vr_stat "$1" eth0 "$2" peer_errors) -ge $3 ]]
}

test_unicast_not_peer() {
	local ar n rc=0

	vrrpctl "$R1" add eth0 vrid 13 prio 200 interval 100 \
		address 192.0.2.13/24 peer 192.0.2.3 || rc=1
	vrrpctl "$R2" add eth0 vrid 13 prio 100 interval 100 \
		address 192.0.2.13/24 peer 192.0.2.2 || rc=1
	wait_state "$R1" eth0 13 active "$WAIT_TIMEOUT_MS" || fail "R1 not active"
	wait_state "$R2" eth0 13 backup "$WAIT_TIMEOUT_MS" || fail "R2 not backup"
	# The client, not a peer of R2, advertises a higher priority to it.
	vrrpctl "$CL" add eth0 vrid 13 prio 250 interval 100 \
		address 192.0.2.13/24 peer 192.0.2.3 || rc=1
	wait_state "$CL" eth0 13 active "$WAIT_TIMEOUT_MS" || fail "the client's router not active"
	busywait "$WAIT_TIMEOUT_MS" peer_errors_over "$R2" 13 10 ||
		fail "R2 counted $(vr_stat "$R2" eth0 13 peer_errors) peer errors, expected >= 10"
	n=$(vr_stat "$R2" eth0 13 peer_errors)
	ar=$(vr_active_router "$R2" eth0 13)
	ktap_diag "R2: peer_errors $n, active router $ar"
	[[ "$ar" == 192.0.2.2 ]] || fail "R2 follows '$ar', not its peer 192.0.2.2"
	state_is "$R2" eth0 13 backup || fail "R2 left backup"
	state_is "$R1" eth0 13 active || fail "R1 left active"
	vrrpctl "$CL" del eth0 vrid 13 || rc=1
	vrrpctl "$R1" del eth0 vrid 13 || rc=1
	vrrpctl "$R2" del eth0 vrid 13 || rc=1
	return "$rc"
}

test_preempt_delay() {
	local t0 dt delay=4000 rc=0

	# 1 s intervals: Active_Down_Interval is about 3.2 s, so without the
	# delay R1 would preempt about 3.2 s after it is back; with it, not
	# before delay + 2.2 s.
	vrrpctl "$R1" add eth0 vrid 14 prio 200 interval 1000 \
		preempt-delay "$delay" address 192.0.2.14/24 || rc=1
	vrrpctl "$R2" add eth0 vrid 14 prio 100 interval 1000 \
		address 192.0.2.14/24 || rc=1
	wait_state "$R1" eth0 14 active "$WAIT_TIMEOUT_MS" || fail "R1 not active"
	wait_state "$R2" eth0 14 backup "$WAIT_TIMEOUT_MS" || fail "R2 not backup"
	r1_link down
	wait_state "$R2" eth0 14 active "$WAIT_TIMEOUT_MS" || fail "R2 did not take over"
	r1_link up
	wait_state "$R1" eth0 14 backup "$WAIT_TIMEOUT_MS" || fail "R1 not backup on return"
	t0=$(now_ms)
	# A poll may end after the 5 s: only one that saw it early counts.
	if busywait 5000 state_is "$R1" eth0 14 active; then
		dt=$(( $(now_ms) - t0 ))
		((dt >= 5000)) ||
			fail "R1 preempted after $dt ms, within the $delay ms delay"
	fi
	# Delay + Active_Down_Interval + an interval, and TCG's slowness.
	wait_state "$R1" eth0 14 active 15000 || fail "R1 did not preempt after the delay"
	dt=$(( $(now_ms) - t0 ))
	ktap_diag "R1 preempted $dt ms after it returned (delay $delay ms)"
	wait_state "$R2" eth0 14 backup "$WAIT_TIMEOUT_MS" || fail "R2 not backup again"
	vrrpctl "$R1" del eth0 vrid 14 || rc=1
	vrrpctl "$R2" del eth0 vrid 14 || rc=1
	return "$rc"
}

# garp_re VIP MAC: a gratuitous ARP for VIP from MAC.
garp_re() {
	printf '^[0-9.]+ %s > ff:ff:ff:ff:ff:ff.*(who-has %s tell %s|Announcement %s)' \
		"$2" "$1" "$1" "$1"
}

# check_gaps NAME GAPS INTERVAL_MS GAP...: each measured gap against the
# configured one: at least GAP - 1 ms, at most GAP + lib.sh's timing bound
# for the router's advertisement interval (the bound of every timer the
# suite measures). The times are the capture's, taken in a guest whose
# vCPUs the host deschedules now and then: a message stamped late by L ms
# makes its gap L ms long and the next one L ms short though both were
# sent on time, so a gap may be short by as much as the one before was
# long, at most the bound. The first message's own delay (after the
# transition that schedules the rest) is not seen: the first gap may be
# short by the bound too.
check_gaps() {
	local name=$1 g i=0 bound late lo hi
	local -a gs

	read -r -a gs <<< "$2"
	bound=$(($(timing_bound_us "$3") / 1000))
	shift 3
	late=$bound
	ktap_diag "$name: gaps ${gs[*]} ms; configured $*; bound $bound ms"
	while (($# >= 1)); do
		g=${gs[i]:-}
		lo=$(($1 - 1 - late))
		hi=$(($1 + bound))
		if [[ -z "$g" ]] || ((g < lo || g > hi)); then
			fail "$name: gap $((i + 1)) is '${g}' ms, expected $lo..$hi (configured $1 ms, the message before it late by $late ms)"
		fi
		late=0
		[[ -n "$g" ]] && ((g > $1)) && late=$((g - $1))
		((late > bound)) && late=$bound
		i=$((i + 1))
		shift
	done
}

# The announcements are timed from a capture that nothing reads while
# they go out: polling it (a tcpdump -r every few ms) would load the
# guest that runs the timers being measured. The test naps through the
# schedule (its sum), then reads.
garp_v4_measure() {
	local re1 re2 n1 n2 mac rc=0

	mac=$(vmac 15)
	re1=$(garp_re 192.0.2.15 "$mac")
	re2=$(garp_re 192.0.2.115 "$mac")
	cap_start arp "$R1" eth0
	vrrpctl "$R1" add eth0 vrid 15 prio 200 interval 100 address 192.0.2.15/24 \
		address 192.0.2.115/24 garp-count 3 garp-spacing 200 \
		garp-repeat 1500 garp-refresh 1000 || rc=1
	wait_state "$R1" eth0 15 active "$WAIT_TIMEOUT_MS" || fail "R1 not active"
	# A burst of 3, 200 ms apart; a second burst 1.5 s later; then one
	# every second: 4.3 s from becoming Active to the eighth, and room
	# for it to be late by the bound; the ninth is due at 5.3 s.
	nap 4.8
	busywait "$WAIT_TIMEOUT_MS" cap_has "$re2" 8 ||
		fail "fewer than 8 gratuitous ARPs"
	cap_stop
	n1=$(cap_count "$re1")
	n2=$(cap_count "$re2")
	ktap_diag "gratuitous ARPs: $n1 for 192.0.2.15, $n2 for 192.0.2.115"
	((n1 == n2)) || fail "not as many gratuitous ARPs for each address"
	check_gaps 192.0.2.15 "$(ms_times "$re1" | gaps)" 100 \
		200 200 1500 200 200 1000 1000
	((n1 + n2 > 0)) || run tcpdump -r "$CAP" -n -e -c 4
	cap_clean
	vrrpctl "$R1" del eth0 vrid 15 || rc=1
	return "$rc"
}

test_garp_v4() {
	measure_stable garp_v4_measure
}

# na_re TARGET MAC: an unsolicited NA for TARGET from MAC, to all nodes.
na_re() {
	printf '^[0-9.]+ %s > 33:33:00:00:00:01.*neighbor advertisement.*tgt is %s, Flags \\[router, override\\]' \
		"$2" "$1"
}

garp_na_v6_measure() {
	local re1 re2 n1 n2 mac=00:00:5e:00:02:11 rc=0

	re1=$(na_re fe80::17 "$mac")
	re2=$(na_re 2001:db8::17 "$mac")
	busywait "$WAIT_TIMEOUT_MS" dad_done "$R1" || fail "R1: DAD not done"
	cap_start 'icmp6 and ip6[40] == 136' "$R1" eth0
	vrrpctl "$R1" add eth0 vrid 17 family inet6 prio 200 interval 100 \
		address fe80::17 address 2001:db8::17/64 garp-count 3 \
		garp-spacing 200 garp-repeat 1500 || rc=1
	wait_state "$R1" eth0 17 active "$WAIT_TIMEOUT_MS" || fail "R1 not active"
	# 2.3 s from becoming Active to the sixth (as in garp_v4, nothing
	# reads the capture meanwhile), then 2.5 s more: no third burst, no
	# refresh.
	nap 4.8
	cap_stop
	n1=$(cap_count "$re1")
	n2=$(cap_count "$re2")
	ktap_diag "unsolicited NAs: $n1 for fe80::17, $n2 for 2001:db8::17"
	((n1 == 6 && n2 == 6)) ||
		fail "expected exactly 6 unsolicited NAs (R, O, from the vMAC) per address"
	check_gaps fe80::17 "$(ms_times "$re1" | gaps)" 100 \
		200 200 1500 200 200
	((n1 + n2 > 0)) || run tcpdump -r "$CAP" -n -e -v -c 4
	cap_clean
	vrrpctl "$R1" del eth0 vrid 17 family inet6 || rc=1
	return "$rc"
}

test_garp_na_v6() {
	measure_stable garp_na_v6_measure
}

# many_batch DEV N: add lines for VRIDs 1-255 of both families on DEV,
# addresses 10.N.VRID.1 and fe80::N:VRID.
many_batch() {
	local v

	for v in {1..255}; do
		printf 'add %s vrid %d prio 100 interval 1000 address 10.%d.%d.1\n' \
			"$1" "$v" "$2" "$v"
		printf 'add %s vrid %d family inet6 prio 100 interval 1000 address fe80::%x:%x\n' \
			"$1" "$v" "$2" "$v"
	done
}

# many_counts NS: "DEV FAMILY STATE COUNT" lines of every router.
many_counts() {
	"$VRRPCTL_BIN" -n "$1" -j show 2>/dev/null |
		jq -r '.[] | "\(.ifname) \(.family) \(.state)"' | LC_ALL=C sort | uniq -c |
		awk '{ print $2, $3, $4, $1 }'
}

# many_want: the states expected on M1 once elected.
MANY_WANT="br0 inet active 255
br0 inet6 active 255
eth0 inet active 128
eth0 inet backup 127
eth0 inet6 active 128
eth0 inet6 backup 127
eth0.100 inet active 255
eth0.100 inet6 active 255"

many_elected() {
	[[ "$(many_counts "$M1")" == "$MANY_WANT" ]]
}

# uc_count NS DEV: the vMACs in DEV's own unicast filter; -1 when the
# filter cannot be read.
uc_count() {
	local out

	out=$(bridge -n "$1" fdb show dev "$2" 2>/dev/null) || { echo -1; return 1; }
	awk '/^00:00:5e:00:0[12]:[0-9a-f][0-9a-f] self permanent/ &&
	     !/ master / { n++ } END { print n + 0 }' <<< "$out"
}

# uc_expect NS DEV N
uc_expect() {
	[[ $(uc_count "$1" "$2") -eq $3 ]]
}

test_many_vrids() {
	local batch t0 dev n rc=0

	setup_ns M1 M2 || return 1
	run ip -n "$M1" link add eth0 type veth peer name eth0 netns "$M2" || return 1
	run ip -n "$M1" link add link eth0 name eth0.100 type vlan id 100 || return 1
	run ip -n "$M1" link add br0 type bridge || return 1
	run ip -n "$M1" link add vb0 type veth peer name vb1 || return 1
	run ip -n "$M1" link set vb0 master br0 up || return 1
	run ip -n "$M1" link set vb1 up || return 1
	run ip -n "$M1" addr add 10.255.0.1/24 dev eth0 || return 1
	run ip -n "$M1" addr add 10.255.1.1/24 dev eth0.100 || return 1
	run ip -n "$M1" addr add 10.255.2.1/24 dev br0 || return 1
	run ip -n "$M2" addr add 10.255.0.2/24 dev eth0 || return 1
	for dev in eth0 eth0.100 br0; do
		run ip -n "$M1" link set "$dev" up || return 1
	done
	run ip -n "$M2" link set eth0 up || return 1
	busywait "$WAIT_TIMEOUT_MS" dad_done "$M1" || fail "M1: DAD not done"
	busywait "$WAIT_TIMEOUT_MS" dad_done "$M2" || fail "M2: DAD not done"

	batch=$(mktemp /tmp/vrrp-batch.XXXXXX)
	{
		many_batch eth0 1
		many_batch eth0.100 2
		many_batch br0 3
	} > "$batch"
	t0=$(now_ms)
	vrrpctl "$M1" -batch "$batch" || fail "the batch of 1530 routers failed"
	ktap_diag "1530 routers added in $(( $(now_ms) - t0 )) ms"
	# M2 outranks M1 on the even VRIDs of eth0.
	for n in {2..254..2}; do
		printf 'add eth0 vrid %d prio 200 interval 1000 address 10.1.%d.1\n' "$n" "$n"
		printf 'add eth0 vrid %d family inet6 prio 200 interval 1000 address fe80::1:%x\n' \
			"$n" "$n"
	done > "$batch"
	vrrpctl "$M2" -batch "$batch" || fail "the batch of M2 failed"
	rm -f "$batch"

	t0=$(now_ms)
	if ! slowwait 90 many_elected; then
		fail "not all elected as expected"
		ktap_diag "$(many_counts "$M1")"
	fi
	ktap_diag "elected after $(( $(now_ms) - t0 )) ms"
	t0=$(now_ms)
	# Own filters: every router's vMAC from its creation, Active or
	# not: eth0 (its own and the VLAN's, the same 510 addresses), the
	# VLAN and the bridge 510 each.
	busywait "$WAIT_TIMEOUT_MS" uc_expect "$M1" eth0 510 ||
		fail "eth0 has $(uc_count "$M1" eth0) vMACs in its filter, expected 510"
	busywait "$WAIT_TIMEOUT_MS" uc_expect "$M1" eth0.100 510 ||
		fail "eth0.100 has $(uc_count "$M1" eth0.100) vMACs in its filter, expected 510"
	busywait "$WAIT_TIMEOUT_MS" uc_expect "$M1" br0 510 ||
		fail "br0 has $(uc_count "$M1" br0) vMACs in its filter, expected 510"
	n=$(uc_count "$M2" eth0)
	ktap_diag "filters: M1 eth0 $(uc_count "$M1" eth0), eth0.100 $(uc_count "$M1" eth0.100), br0 $(uc_count "$M1" br0); M2 eth0 $n"
	((n == 254)) || fail "M2 eth0 has $n vMACs in its filter, expected 254"
	ktap_diag "filters checked in $(( $(now_ms) - t0 )) ms"
	t0=$(now_ms)

	# Teardown: by device, by interface and by deleting the device.
	vrrpctl "$M1" flush eth0.100 || rc=1
	busywait "$WAIT_TIMEOUT_MS" uc_expect "$M1" eth0.100 0 ||
		fail "eth0.100 keeps $(uc_count "$M1" eth0.100) vMACs after flush"
	busywait "$WAIT_TIMEOUT_MS" uc_expect "$M1" eth0 510 ||
		fail "eth0 has $(uc_count "$M1" eth0) vMACs, expected its own 510"
	run ip -n "$M1" link del br0 || rc=1
	vrrpctl "$M1" flush || rc=1
	ktap_diag "flushed in $(( $(now_ms) - t0 )) ms"
	busywait "$WAIT_TIMEOUT_MS" uc_expect "$M1" eth0 0 ||
		fail "eth0 keeps $(uc_count "$M1" eth0) vMACs after flush"
	n=$("$VRRPCTL_BIN" -n "$M1" -j show | jq length)
	((n == 0)) || fail "$n routers left on M1"
	vrrpctl "$M2" flush || rc=1
	t0=$(now_ms)
	cleanup_ns "$M1" "$M2" || rc=1
	ktap_diag "namespaces removed in $(( $(now_ms) - t0 )) ms"
	return "$rc"
}

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
	grep -q "vrrp_state: ifindex=$i1 family=1 vrid=18 init -> backup reason=" <<< "$out" ||
		fail "no vrrp_state init -> backup for R1"
	grep -q "vrrp_state: ifindex=$i1 family=1 vrid=18 backup -> active reason=" <<< "$out" ||
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

r2_link() {
	run ip -n "$SW" link set l-r2 "$1"
}

rcvd_over() {
	[[ $(vr_stat "$1" eth0 "$2" rcvd_advertisements) -ge $3 ]]
}

# RFC 9568 8.4: R1 speaks VRRPv2 only and has the higher priority; R2 is
# VRRPv3 in v2-compat mode.
test_interop_v2_active() {
	local v2 v3 re_v2 re_v3 rc=0

	re_v2='192\.0\.2\.3 > 224\.0\.0\.18: VRRPv2, Advertisement, vrid 19'
	re_v3='192\.0\.2\.3 > 224\.0\.0\.18: VRRPv3, Advertisement, vrid 19'
	cap_start 'ip proto 112'
	vrrpctl "$R1" add eth0 vrid 19 version 2 prio 200 interval 1000 \
		address 192.0.2.19/24 || rc=1
	vrrpctl "$R2" add eth0 vrid 19 version 3 v2-compat on prio 100 \
		interval 1000 address 192.0.2.19/24 || rc=1
	wait_state "$R1" eth0 19 active "$WAIT_TIMEOUT_MS" || fail "R1 (v2) not active"
	wait_state "$R2" eth0 19 backup "$WAIT_TIMEOUT_MS" || fail "R2 (v3) not backup"
	busywait "$WAIT_TIMEOUT_MS" rcvd_over "$R2" 19 3 ||
		fail "R2 took no VRRPv2 advertisement"
	[[ "$(vr_active_router "$R2" eth0 19)" == 192.0.2.2 ]] ||
		fail "R2 does not follow R1"
	r1_link down
	wait_state "$R2" eth0 19 active "$WAIT_TIMEOUT_MS" || fail "R2 did not take over"
	r1_link up
	# R1 comes back as Backup, hears R2's VRRPv2 copies and preempts.
	wait_state "$R1" eth0 19 active "$WAIT_TIMEOUT_MS" || fail "R1 did not preempt back"
	wait_state "$R2" eth0 19 backup "$WAIT_TIMEOUT_MS" || fail "R2 not backup again"
	# As in unicast_failover: tcpdump may still be behind.
	busywait "$WAIT_TIMEOUT_MS" cap_has "$re_v2" 1
	busywait "$WAIT_TIMEOUT_MS" cap_has "$re_v3" 1
	cap_stop
	v2=$(cap_count "$re_v2")
	v3=$(cap_count "$re_v3")
	ktap_diag "R2 sent $v2 VRRPv2 and $v3 VRRPv3 advertisements while active"
	((v2 > 0 && v3 > 0)) || fail "R2 did not send both versions"
	cap_clean
	vrrpctl "$R1" del eth0 vrid 19 || rc=1
	vrrpctl "$R2" del eth0 vrid 19 || rc=1
	return "$rc"
}

# The other way round: the v2-compat R2 has the higher priority; R1, which
# speaks VRRPv2 only, follows it through its VRRPv2 copies.
test_interop_v3_active() {
	local rc=0

	vrrpctl "$R2" add eth0 vrid 20 version 3 v2-compat on prio 200 \
		interval 1000 address 192.0.2.20/24 || rc=1
	wait_state "$R2" eth0 20 active "$WAIT_TIMEOUT_MS" || fail "R2 (v3) not active"
	vrrpctl "$R1" add eth0 vrid 20 version 2 prio 100 interval 1000 \
		address 192.0.2.20/24 || rc=1
	wait_state "$R1" eth0 20 backup "$WAIT_TIMEOUT_MS" || fail "R1 (v2) not backup"
	# More than an Active_Down_Interval (3.6 s) of adverts taken.
	busywait "$WAIT_TIMEOUT_MS" rcvd_over "$R1" 20 5 ||
		fail "R1 took $(vr_stat "$R1" eth0 20 rcvd_advertisements) advertisements"
	state_is "$R1" eth0 20 backup || fail "R1 did not stay backup"
	[[ "$(vr_active_router "$R1" eth0 20)" == 192.0.2.3 ]] ||
		fail "R1 does not follow R2"
	r2_link down
	wait_state "$R1" eth0 20 active "$WAIT_TIMEOUT_MS" || fail "R1 did not take over"
	r2_link up
	wait_state "$R2" eth0 20 active "$WAIT_TIMEOUT_MS" || fail "R2 did not preempt back"
	wait_state "$R1" eth0 20 backup "$WAIT_TIMEOUT_MS" || fail "R1 not backup again"
	vrrpctl "$R1" del eth0 vrid 20 || rc=1
	vrrpctl "$R2" del eth0 vrid 20 || rc=1
	return "$rc"
}

v2_ignored_over() {
	[[ $(vr_stat "$1" eth0 "$2" v2_ignored) -ge $3 ]]
}

# Two v2-compat routers: the Backup ignores the VRRPv2 copies (1 s) of an
# Active router it hears in VRRPv3 (300 ms) and keeps its interval.
test_interop_v2_ignored() {
	local ai rc=0

	vrrpctl "$R1" add eth0 vrid 21 v2-compat on prio 200 interval 300 \
		address 192.0.2.21/24 || rc=1
	vrrpctl "$R2" add eth0 vrid 21 v2-compat on prio 100 interval 300 \
		address 192.0.2.21/24 || rc=1
	wait_state "$R1" eth0 21 active "$WAIT_TIMEOUT_MS" || fail "R1 not active"
	wait_state "$R2" eth0 21 backup "$WAIT_TIMEOUT_MS" || fail "R2 not backup"
	busywait "$WAIT_TIMEOUT_MS" v2_ignored_over "$R2" 21 5 ||
		fail "R2 ignored $(vr_stat "$R2" eth0 21 v2_ignored) VRRPv2 copies, expected >= 5"
	ai=$(vr_json "$R2" eth0 21 | jq -r .active_interval)
	ktap_diag "R2: active_interval $ai, v2_ignored $(vr_stat "$R2" eth0 21 v2_ignored)"
	[[ "$ai" == 300 ]] || fail "R2's active_interval is $ai, not R1's 300"
	vrrpctl "$R1" del eth0 vrid 21 || rc=1
	vrrpctl "$R2" del eth0 vrid 21 || rc=1
	return "$rc"
}

cleanup() {
	[[ -n "$CAP" ]] && rm -f "$CAP"
	rmdir "$TRACE"/instances/vrrptest$$ 2>/dev/null
	return 0
}

require_root
require_cmd ip bridge jq tcpdump
require_vrrp
lib_init

ktap_header
tests_plan
ktap_diag "kernel $(uname -r)"

if ! topo_create; then
	ktap_diag "Bail out: cannot set up the topology"
fi

tests_run
ktap_finish
