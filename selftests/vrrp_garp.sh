#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# How the Active router announces the virtual addresses (RFC 9568 6.4.2,
# 8.1.2, 8.2.2), on the topology of lib.sh (R1, R2 on a LAN bridge with a
# client). Captures are taken on the LAN bridge of the switch namespace.
#
#   garp_v4            gratuitous ARPs from the vMAC for each address:
#                      garp-count of them garp-spacing apart, a second
#                      burst after garp-repeat, then one every garp-refresh
#   garp_na_v6         unsolicited NAs (Router and Override flags, from the
#                      vMAC): count, spacing, second burst
#   no_real_mac        across failovers, no ARP on the LAN announces the
#                      VIP with a real MAC, and the capture holds the
#                      routers' ARP from the VIP (with the vMAC); on R1 a
#                      router on a second interface comes first and goes
#                      before the pings (without a netdev egress hook the
#                      two interfaces share the namespace's output hooks)
#
# Environment: VRRP_KO, WAIT_TIMEOUT_MS, KSRC (lib/ynl.sh).

# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"
# shellcheck source=lib/ynl.sh
source "$LIB_DIR/lib/ynl.sh"

ALL_TESTS="
	garp_v4
	garp_na_v6
	no_real_mac
"

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
	local re1 re2 n1 n2 last2 mac rc=0

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
	# The capture ends at no time of the schedule's: a refresh of both
	# addresses (one callback, 192.0.2.15 first) may be cut in two, the
	# ninth due 5.3 s after becoming Active. Those of 192.0.2.15 are
	# counted up to the last of 192.0.2.115 (and one sent too many, or
	# too soon, of either address still shows).
	last2=$(ms_times "$re2" | tail -n 1)
	n1=$(ms_times "$re1" | awk -v t="${last2:-0}" '$1 <= t + 50' | wc -l)
	n2=$(cap_count "$re2")
	ktap_diag "gratuitous ARPs: $n1 for 192.0.2.15 (of $(cap_count "$re1") captured), $n2 for 192.0.2.115"
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

test_no_real_mac() {
	local vm=00:00:5e:00:01:5f cap arp nreal nvmac r1mac r2mac cfg lladdr rc=0

	r1mac=$(ip -n "$R1" -j link show eth0 | jq -r '.[0].address')
	r2mac=$(ip -n "$R2" -j link show eth0 | jq -r '.[0].address')
	cap=$(mktemp /tmp/vrrp-cap.XXXXXX)
	bg_start tcpdump ip netns exec "$SW" tcpdump -U -n -e -i br0 -w "$cap" \
		'arp or icmp6'
	# tcpdump writes the file header once it captures.
	busywait "$WAIT_TIMEOUT_MS" test -s "$cap" || fail "tcpdump did not start"
	cfg='"ifname": "eth0", "vrid": 95, "interval": 100, "accept": 1,
	     "vip": [{"addr4": "192.0.2.95", "prefixlen": 24}]'
	{ run ip -n "$R1" link add side0 type veth peer name side1 &&
		run ip -n "$R1" link set side0 up &&
		vrrpctl "$R1" add side0 vrid 96 address 10.96.0.1/24; } ||
		fail "no router on R1's second interface"
	ynl "$R1" "do" add "{$cfg, \"priority\": 200}" || rc=1
	ynl "$R2" "do" add "{$cfg, \"priority\": 100}" || rc=1
	ywait "$R1" 95 inet active || fail "R1 not active"
	vrrpctl "$R1" del side0 vrid 96 || fail "cannot delete the router of side0"
	run ip netns exec "$CL" ping -c 1 -W 2 192.0.2.95 ||
		fail "the VIP does not answer ping on R1"
	# The routers themselves talk from the VIP (accept mode): ping the
	# client from it so they ARP with the VIP as sender.
	run ip netns exec "$R1" ping -c 1 -W 2 -I 192.0.2.95 192.0.2.100 ||
		fail "R1 cannot ping the client from the VIP"
	r1_link down
	ywait "$R2" 95 inet active || fail "R2 did not take over"
	run ip netns exec "$R2" ping -c 1 -W 2 -I 192.0.2.95 192.0.2.100 ||
		fail "R2 cannot ping the client from the VIP"
	r1_link up
	ywait "$R1" 95 inet active || fail "R1 did not preempt back"
	run ip netns exec "$R1" ping -c 1 -W 2 -I 192.0.2.95 192.0.2.100 ||
		fail "R1 cannot ping the client from the VIP after preempting"
	# The capture shows Ethernet sources; the client's neighbour entry,
	# learned from the requests, shows the ARP sender address.
	lladdr=$(client_neigh 192.0.2.95)
	[[ "$lladdr" == "$vm" ]] ||
		fail "the client maps 192.0.2.95 to '$lladdr', not $vm"
	bg_stop tcpdump INT
	arp=$(mktemp /tmp/vrrp-arp.XXXXXX)
	tcpdump -r "$cap" -n -e 2>/dev/null |
		grep -e "192.0.2.95 is-at" -e "tell 192.0.2.95" > "$arp"
	nreal=$(grep -ci -e "$r1mac" -e "$r2mac" "$arp")
	nvmac=$(grep -ci "^[0-9:.]* $vm >" "$arp")
	ktap_diag "ARP frames announcing the VIP: $nvmac from $vm, $nreal from the real MACs $r1mac $r2mac"
	# Each router asked for the client from the VIP at least once.
	((nvmac >= 1)) || fail "no ARP from the VIP with $vm captured"
	((nreal == 0)) ||
		fail "the VIP was announced with a real MAC: $(grep -i -e "$r1mac" -e "$r2mac" "$arp" | head -n 3)"
	rm -f "$cap" "$arp"
	ip -n "$R1" link del side0 2>/dev/null
	ydel "$R1" 95 inet || rc=1
	ydel "$R2" 95 inet || rc=1
	return "$rc"
}

require_root
require_cmd ip bridge nft jq ping python3 tcpdump
require_vrrp
lib_init

suite_run topo_create
