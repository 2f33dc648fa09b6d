#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Every kind of packet the module sends, captured on the wire and decoded
# by tshark (Wireshark's dissectors, written by others): R1 runs three
# virtual routers alone on a link to a client CL that captures.
#
#   vrid 10  VRRPv3 IPv4, priority 200, 100 ms, 192.0.2.1
#   vrid 11  VRRPv2 IPv4, priority 150, 1 s,    192.0.2.11
#   vrid 12  VRRPv3 IPv6, priority 100, 200 ms, fe80::1 2001:db8::1
#
# The client resolves both VIPs (ARP reply, NA reply); deleting the routers
# sends the priority-0 advertisements. Then, over the capture:
#   no_expert            no frame from a vMAC has a malformed-packet or
#                        warning/error expert info (bad checksums included;
#                        IPv4 header checksums are verified too)
#   checksums_good       every VRRP and ICMPv6 checksum tshark checked is
#                        good, and there was one on every such frame
#   v3_ipv4_advert       fields as configured: version 3, type 1, vrid,
#                        priority, count, interval (centiseconds),
#                        address, source MAC the vMAC, TTL 255, 224.0.0.18
#   v2_ipv4_advert       the same for VRRPv2 (auth type 0, interval in s)
#   v3_ipv6_advert       the same for IPv6 (hop limit 255, ff02::12,
#                        00:00:5e:00:02:0c)
#   priority0_adverts    a priority-0 advertisement for each router
#   gratuitous_arp       for 192.0.2.1 and 192.0.2.11, sender MAC the vMAC
#   arp_reply            to the client's request, sender MAC the vMAC
#   unsolicited_na       to ff02::1, router and override flags, target
#                        2001:db8::1, target link-layer option the vMAC
#   na_reply             to the client's NS, solicited flag set
#
# Environment: VRRP_KO, WAIT_TIMEOUT_MS.

# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

ALL_TESTS="
	no_expert
	checksums_good
	v3_ipv4_advert
	v2_ipv4_advert
	v3_ipv6_advert
	priority0_adverts
	gratuitous_arp
	arp_reply
	unsolicited_na
	na_reply
"

CAP=
FIELDS=
VM4=00:00:5e:00:01:0a
VM2=00:00:5e:00:01:0b
VM6=00:00:5e:00:02:0c

# The tshark fields, one line per frame, '|' between fields and ',' between
# occurrences; the column of each field in COL.
TS_FIELDS=(frame.number eth.src eth.dst ip.ttl ip.dst ipv6.hlim ipv6.dst
	vrrp.version vrrp.type vrrp.virt_rtr_id vrrp.prio vrrp.addr_count
	vrrp.auth_type vrrp.adver_int vrrp.short_adver_int
	vrrp.checksum.status vrrp.ip_addr vrrp.ipv6_addr
	arp.opcode arp.isgratuitous arp.src.hw_mac arp.src.proto_ipv4
	arp.dst.proto_ipv4 icmpv6.type icmpv6.checksum.status
	icmpv6.nd.na.flag.r icmpv6.nd.na.flag.s icmpv6.nd.na.flag.o
	icmpv6.nd.na.target_address icmpv6.opt.linkaddr
	_ws.expert.severity _ws.expert.message _ws.malformed)
declare -A COL=()

cleanup() {
	[[ -n "$CAP" ]] && rm -f "$CAP" "$FIELDS"
}

# frames AWK-CONDITION: the frames (lines of FIELDS) matching a condition
# over the fields, written $f["vrrp.prio"].
frames() {
	local prog f

	# tshark 4.0 prints booleans as 1/0, later versions as True/False.
	prog='BEGIN { FS = "|" } { delete f; gsub(/True/, "1"); gsub(/False/, "0");'
	for f in "${!COL[@]}"; do
		prog+=" f[\"$f\"] = \$${COL[$f]};"
	done
	prog+=" } $1 { print }"
	awk "$prog" "$FIELDS"
}

nframes() {
	frames "$1" | wc -l
}

# expect_frames DESCRIPTION AWK-CONDITION: at least one frame matches.
expect_frames() {
	local n

	n=$(nframes "$2")
	ktap_diag "$n frame(s): $1"
	[[ "$n" -gt 0 ]] || fail "no frame: $1"
}

test_no_expert() {
	local bad

	bad=$(frames 'f["_ws.expert.severity"] != "" || f["_ws.malformed"] != ""')
	ktap_diag "$(nframes 'f["eth.src"] ~ /^00:00:5e:00:0[12]:/') frames from a vMAC"
	# Chat and note (0x200000, 0x400000) are information; warnings and
	# errors (0x600000, 0x800000) and malformed frames are not.
	bad=$(awk -F'|' -v s="${COL[_ws.expert.severity]}" -v m="${COL[_ws.malformed]}" '
		{ n = split($s, a, ","); for (i = 1; i <= n; i++)
			if (a[i] + 0 >= 6291456) { print; next }
		  if ($m != "") print }' <<< "$bad")
	[[ -z "$bad" ]] || fail "frames with expert warnings or malformed: $bad"
}

test_checksums_good() {
	local n

	# vrrp.checksum.status and icmpv6.checksum.status: 1 good, 0 bad,
	# 2 not checked.
	n=$(nframes 'f["vrrp.version"] != "" && f["vrrp.checksum.status"] != "1"')
	[[ "$n" -eq 0 ]] || fail "$n VRRP frames without a good checksum"
	n=$(nframes 'f["icmpv6.type"] == "136" && f["icmpv6.checksum.status"] != "1"')
	[[ "$n" -eq 0 ]] || fail "$n NA frames without a good checksum"
	expect_frames "VRRP with a verified checksum" 'f["vrrp.checksum.status"] == "1"'
}

adv4() {
	printf '%s' "f[\"eth.src\"] == \"$1\" && f[\"ip.ttl\"] == 255 && f[\"ip.dst\"] == \"224.0.0.18\" && f[\"vrrp.type\"] == 1 && f[\"vrrp.addr_count\"] == 1"
}

test_v3_ipv4_advert() {
	expect_frames "VRRPv3 IPv4 vrid 10 prio 200 100 ms 192.0.2.1 from $VM4" \
		"$(adv4 "$VM4") && f[\"vrrp.version\"] == 3 && f[\"vrrp.virt_rtr_id\"] == 10 && f[\"vrrp.prio\"] == 200 && f[\"vrrp.short_adver_int\"] == 10 && f[\"vrrp.ip_addr\"] == \"192.0.2.1\""
}

test_v2_ipv4_advert() {
	expect_frames "VRRPv2 IPv4 vrid 11 prio 150 1 s auth 0 192.0.2.11 from $VM2" \
		"$(adv4 "$VM2") && f[\"vrrp.version\"] == 2 && f[\"vrrp.virt_rtr_id\"] == 11 && f[\"vrrp.prio\"] == 150 && f[\"vrrp.adver_int\"] == 1 && f[\"vrrp.auth_type\"] == 0 && f[\"vrrp.ip_addr\"] == \"192.0.2.11\""
}

test_v3_ipv6_advert() {
	expect_frames "VRRPv3 IPv6 vrid 12 prio 100 200 ms fe80::1,2001:db8::1 from $VM6" \
		"f[\"eth.src\"] == \"$VM6\" && f[\"ipv6.hlim\"] == 255 && f[\"ipv6.dst\"] == \"ff02::12\" && f[\"vrrp.version\"] == 3 && f[\"vrrp.type\"] == 1 && f[\"vrrp.virt_rtr_id\"] == 12 && f[\"vrrp.prio\"] == 100 && f[\"vrrp.addr_count\"] == 2 && f[\"vrrp.short_adver_int\"] == 20 && f[\"vrrp.ipv6_addr\"] == \"fe80::1,2001:db8::1\""
}

test_priority0_adverts() {
	expect_frames "priority 0, vrid 10" "f[\"eth.src\"] == \"$VM4\" && f[\"vrrp.virt_rtr_id\"] == 10 && f[\"vrrp.prio\"] == 0 && f[\"ip.ttl\"] == 255"
	expect_frames "priority 0, vrid 11" "f[\"eth.src\"] == \"$VM2\" && f[\"vrrp.version\"] == 2 && f[\"vrrp.prio\"] == 0 && f[\"ip.ttl\"] == 255"
	expect_frames "priority 0, vrid 12" "f[\"eth.src\"] == \"$VM6\" && f[\"vrrp.virt_rtr_id\"] == 12 && f[\"vrrp.prio\"] == 0 && f[\"ipv6.hlim\"] == 255"
}

garp() {
	printf '%s' "f[\"eth.src\"] == \"$1\" && f[\"arp.src.hw_mac\"] == \"$1\" && f[\"arp.isgratuitous\"] == 1 && f[\"arp.src.proto_ipv4\"] == \"$2\" && f[\"arp.dst.proto_ipv4\"] == \"$2\""
}

test_gratuitous_arp() {
	expect_frames "gratuitous ARP 192.0.2.1 is-at $VM4" "$(garp "$VM4" 192.0.2.1)"
	expect_frames "gratuitous ARP 192.0.2.11 is-at $VM2" "$(garp "$VM2" 192.0.2.11)"
}

test_arp_reply() {
	expect_frames "ARP reply 192.0.2.1 is-at $VM4 to the client" \
		"f[\"eth.src\"] == \"$VM4\" && f[\"arp.opcode\"] == 2 && f[\"arp.src.hw_mac\"] == \"$VM4\" && f[\"arp.src.proto_ipv4\"] == \"192.0.2.1\" && f[\"arp.dst.proto_ipv4\"] == \"192.0.2.100\""
}

na() {
	printf '%s' "f[\"eth.src\"] == \"$VM6\" && f[\"ipv6.hlim\"] == 255 && f[\"icmpv6.type\"] == 136 && f[\"icmpv6.nd.na.target_address\"] == \"2001:db8::1\" && f[\"icmpv6.nd.na.flag.r\"] == 1 && f[\"icmpv6.opt.linkaddr\"] == \"$VM6\""
}

test_unsolicited_na() {
	expect_frames "unsolicited NA 2001:db8::1 to ff02::1, R and O, lladdr $VM6" \
		"$(na) && f[\"ipv6.dst\"] == \"ff02::1\" && f[\"icmpv6.nd.na.flag.s\"] == 0 && f[\"icmpv6.nd.na.flag.o\"] == 1"
}

test_na_reply() {
	expect_frames "NA reply 2001:db8::1 to the client, S set, lladdr $VM6" \
		"$(na) && f[\"ipv6.dst\"] == \"2001:db8::100\" && f[\"icmpv6.nd.na.flag.s\"] == 1"
}

client_neigh_is() {
	[[ "$(ip -n "$CL" "$1" -j neigh show "$2" dev eth0 2>/dev/null |
		jq -r '.[0].lladdr // empty')" == "$3" ]]
}

sent_at_least() {
	[[ $(vr_stat "$R1" eth0 "$1" sent_advertisements) -ge "$2" ]]
}

# capture: the whole packet story, then one tshark run over it.
capture() {
	local i

	setup_ns R1 CL || return
	run ip -n "$R1" link add eth0 type veth peer name eth0 netns "$CL" || return
	run ip -n "$R1" addr add 192.0.2.2/24 dev eth0 || return
	run ip -n "$R1" addr add 2001:db8::2/64 dev eth0 nodad || return
	run ip -n "$CL" addr add 192.0.2.100/24 dev eth0 || return
	run ip -n "$CL" addr add 2001:db8::100/64 dev eth0 nodad || return
	run ip -n "$R1" link set eth0 up || return
	run ip -n "$CL" link set eth0 up || return

	CAP=$(mktemp /tmp/vrrp-wire.XXXXXX)
	FIELDS=$CAP.txt
	bg_start tcpdump ip netns exec "$CL" tcpdump -U -n -i eth0 -w "$CAP" \
		'ip proto 112 or ip6 proto 112 or arp or icmp6'
	busywait "$WAIT_TIMEOUT_MS" test -s "$CAP" || return

	vrrpctl "$R1" add eth0 vrid 10 prio 200 interval 100 \
		address 192.0.2.1/24 || return
	vrrpctl "$R1" add eth0 vrid 11 version 2 prio 150 interval 1000 \
		address 192.0.2.11/24 || return
	vrrpctl "$R1" add eth0 vrid 12 prio 100 interval 200 \
		address fe80::1 address 2001:db8::1/64 || return
	for i in 10 11 12; do
		wait_state "$R1" eth0 "$i" active "$WAIT_TIMEOUT_MS" || return
	done
	# ARP request and NS from the client: the replies come from the
	# ingress hook (the VIPs are not local: no echo reply expected).
	ip netns exec "$CL" ping -c 1 -W 1 192.0.2.1 >/dev/null 2>&1
	ip netns exec "$CL" ping -6 -c 1 -W 1 2001:db8::1 >/dev/null 2>&1
	busywait "$WAIT_TIMEOUT_MS" client_neigh_is -4 192.0.2.1 "$VM4" ||
		ktap_diag "client: 192.0.2.1 not resolved to $VM4"
	busywait "$WAIT_TIMEOUT_MS" client_neigh_is -6 2001:db8::1 "$VM6" ||
		ktap_diag "client: 2001:db8::1 not resolved to $VM6"
	busywait "$WAIT_TIMEOUT_MS" sent_at_least 11 2
	busywait "$WAIT_TIMEOUT_MS" sent_at_least 12 3
	run "$VRRPCTL_BIN" -n "$R1" -s show
	# Priority 0 on deletion (sent with dev_direct_xmit: the client's
	# capture sees it).
	for i in 10 11 12; do
		vrrpctl "$R1" del eth0 vrid "$i" || return
	done
	# tcpdump -U writes each packet as it comes: wait for the last one.
	busywait "$WAIT_TIMEOUT_MS" prio0_captured
	bg_stop tcpdump INT

	local args=() f n=0

	for f in "${TS_FIELDS[@]}"; do
		args+=(-e "$f")
		n=$((n + 1))
		COL[$f]=$n
	done
	log_cmd tshark -n -r "$CAP" -o ip.check_checksum:TRUE \
		-Y 'eth.src[0:5] == 00:00:5e:00:01 || eth.src[0:5] == 00:00:5e:00:02' \
		-T fields -E separator='|' -E occurrence=a -E aggregator=, \
		"${args[@]}" > "$FIELDS" 2>/dev/null || return
	ktap_diag "$(wc -l < "$FIELDS") frames from a vMAC decoded:"
	ktap_diag "$(cut -d'|' -f1-12 "$FIELDS" | head -n 40)"
	[[ -s "$FIELDS" ]]
}

prio0_captured() {
	# The priority is byte 2 of the VRRP header (vrid 12 went last).
	[[ -n "$(tcpdump -n -r "$CAP" 'ip6 proto 112 and ip6[42] == 0' 2>/dev/null)" ]]
}

require_root
require_cmd ip jq ping tcpdump tshark awk
require_vrrp
lib_init

ktap_header
tests_plan
ktap_diag "kernel $(uname -r), $(tshark --version 2>/dev/null | head -n 1)"

if ! capture; then
	ktap_diag "Bail out: the capture failed"
	exit "$KSFT_FAIL"
fi
tests_run
ktap_finish
