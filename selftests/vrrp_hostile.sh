#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Hostile input, on the topology of lib.sh: the client namespace is a rogue
# host that sends malformed and hostile VRRP packets (vrrp_hostile.py,
# scapy and one AF_PACKET socket) to routers in each state, and a netlink
# fuzzer (vrrp_nlfuzz.py) that sends random and malformed messages to the
# family.
#
#   ladder_ipv4     >= 10000 IPv4 packets, class by class (TTL, version,
#                   type, lying counts, truncation at every offset,
#                   checksums in both forms, intervals, unknown VRIDs, IP
#                   options, fragments, CARP, VRRPv2 auth/interval/version,
#                   garbage, a flood), each counter checked exactly
#   ladder_ipv6     the same for IPv6 (hop limit, extension headers)
#   states_kept     after both: R1 active, R2 backup following R1, the
#                   link-down routers still init
#   v2_addr_list    RFC 3768 7.1: a VRRPv2 advertisement with a wrong
#                   address list and priority != 255 is dropped
#   owner_ipv4      RFC 9568 7.1: the address owner discards
#   owner_ipv6      advertisements (a rogue priority 255 must not win)
#   netlink_fuzz    random/malformed genetlink messages, concurrent add/del;
#                   the family answers and existing routers are untouched
#
# Environment: VRRP_KO, WAIT_TIMEOUT_MS, KSRC, HOSTILE_SEED.

# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

HERE=$(dirname "$(readlink -f "$0")")
YNL_PY=$HERE/vrrp_ynl.py
KSRC=${KSRC:-/usr/src/linux-source-6.12}
export KSRC
PY=/usr/bin/python3
SENT_PKTS=0
SENT_MSGS=0
OLD_BACKLOG=

ynl() {
	local ns=$1

	shift
	ktap_diag "+ [$ns] vrrp_ynl.py $*"
	ip netns exec "$ns" "$PY" "$YNL_PY" "$@"
}

ywait() {
	ip netns exec "$1" "$PY" "$YNL_PY" wait "${5:-eth0}" "$2" "$3" "$4" \
		"$WAIT_TIMEOUT_MS"
}

yfield() {
	ip netns exec "$1" "$PY" "$YNL_PY" get "${5:-eth0}" "$2" "$3" | jq -r "$4"
}

cleanup() {
	[[ -n "$OLD_BACKLOG" ]] &&
		sysctl -qw net.core.netdev_max_backlog="$OLD_BACKLOG"
}

# routers_up: the groups vrrp_hostile.py knows (see its docstring), and
# vrid 10/20 on a link-down eth2 of R1 (init).
routers_up() {
	local v4 v6 v2

	run ip -n "$R1" addr add 2001:db8::2/64 dev eth0 nodad || return
	run ip -n "$R2" addr add 2001:db8::3/64 dev eth0 nodad || return
	v4='"ifname": "eth0", "vrid": 10, "interval": 1000,
	    "vip": [{"addr4": "192.0.2.1", "prefixlen": 24}]'
	v6='"ifname": "eth0", "vrid": 20, "family": "inet6", "interval": 1000,
	    "vip": [{"addr6": "fe80::1"}, {"addr6": "2001:db8::1", "prefixlen": 64}]'
	v2='"ifname": "eth0", "vrid": 30, "version": 2, "interval": 1000,
	    "vip": [{"addr4": "192.0.2.30"}]'
	ynl "$R1" "do" add "{$v4, \"priority\": 200}" >/dev/null || return
	ynl "$R2" "do" add "{$v4, \"priority\": 100}" >/dev/null || return
	ynl "$R1" "do" add "{$v6, \"priority\": 200}" >/dev/null || return
	ynl "$R2" "do" add "{$v6, \"priority\": 100}" >/dev/null || return
	ynl "$R1" "do" add "{$v2, \"priority\": 200}" >/dev/null || return
	ynl "$R2" "do" add "{$v2, \"priority\": 100}" >/dev/null || return
	ynl "$R1" "do" add '{"ifname": "eth0", "vrid": 50, "interval": 1000,
		"priority": 255, "vip": [{"addr4": "192.0.2.2"}]}' >/dev/null || return
	ynl "$R1" "do" add '{"ifname": "eth0", "vrid": 51, "family": "inet6",
		"interval": 1000, "priority": 255,
		"vip": [{"addr6": "fe80::51"}, {"addr6": "2001:db8::2"}]}' >/dev/null || return
	run ip -n "$R1" link add eth2 type veth peer name eth3 || return
	run ip -n "$R1" addr add 198.18.1.1/24 dev eth2 || return
	run ip -n "$R1" link set eth2 up || return
	ynl "$R1" "do" add '{"ifname": "eth2", "vrid": 10, "priority": 200,
		"vip": [{"addr4": "198.18.1.10"}]}' >/dev/null || return
	ynl "$R1" "do" add '{"ifname": "eth2", "vrid": 20, "family": "inet6",
		"vip": [{"addr6": "fe80::20"}]}' >/dev/null || return
}

# states_ok: every router where it belongs, R2 following R1.
states_ok() {
	local rc=0 st a

	for g in "10 inet" "30 inet" "50 inet" "20 inet6" "51 inet6"; do
		# shellcheck disable=SC2086 # split "VRID FAMILY"
		set -- $g
		ywait "$R1" "$1" "$2" active || { fail "R1 vrid $1 $2 not active"; rc=1; }
	done
	for g in "10 inet" "30 inet" "20 inet6"; do
		# shellcheck disable=SC2086 # split "VRID FAMILY"
		set -- $g
		ywait "$R2" "$1" "$2" backup || { fail "R2 vrid $1 $2 not backup"; rc=1; }
	done
	for g in "10 inet" "20 inet6"; do
		# shellcheck disable=SC2086 # split "VRID FAMILY"
		set -- $g
		st=$(yfield "$R1" "$1" "$2" .state eth2)
		[[ "$st" == init ]] || { fail "R1 eth2 vrid $1 $2 is '$st', not init"; rc=1; }
	done
	a=$(yfield "$R2" 10 inet '."active-addr4"')
	[[ "$a" == "$(ipv4_int 192.0.2.2)" || "$a" == 192.0.2.2 ]] ||
		{ fail "R2 vrid 10 follows '$a', not R1"; rc=1; }
	a=$(yfield "$R2" 30 inet '."active-addr4"')
	[[ "$a" == "$(ipv4_int 192.0.2.2)" || "$a" == 192.0.2.2 ]] ||
		{ fail "R2 vrid 30 follows '$a', not R1"; rc=1; }
	a=$(yfield "$R2" 20 inet6 '."active-addr6"')
	[[ "$a" == "$R1_LL_HEX" || "$a" == "$R1_LL" ]] ||
		{ fail "R2 vrid 20 follows '$a', not R1 ($R1_LL)"; rc=1; }
	a=$(yfield "$R2" 10 inet '."active-interval"')
	[[ "$a" == 1000 ]] || { fail "R2 vrid 10 active-interval $a, not 1000"; rc=1; }
	return "$rc"
}

ipv4_int() {
	local IFS=. a b c d

	read -r a b c d <<< "$1"
	echo $(( (a << 24) | (b << 16) | (c << 8) | d ))
}

# hostile WHAT FAMILY: run vrrp_hostile.py, add its packets to SENT_PKTS.
hostile() {
	local out rc n

	ktap_diag "+ vrrp_hostile.py $1 $2 $CL $R1 $R2"
	out=$("$PY" "$HERE/vrrp_hostile.py" "$1" "$2" "$CL" "$R1" "$R2" 2>&1)
	rc=$?
	printf '%s\n' "$out" | sed 's/^# //; s/^/# /' >&3
	n=$(sed -n 's/^# sent=//p' <<< "$out")
	SENT_PKTS=$((SENT_PKTS + ${n:-0}))
	[[ $rc -eq 0 ]] || fail "vrrp_hostile.py $1 $2 exited $rc"
	return "$rc"
}

test_ladder() {
	states_ok || return 1
	hostile ladder "$1" || return 1
	states_ok
}

test_v2_addr_list() {
	hostile v2_addrlist 4
	# Whatever happened, give R1 its role back for the next test.
	ywait "$R1" 30 inet active >/dev/null 2>&1 || true
	nap 4
	ywait "$R1" 30 inet active || fail "R1 vrid 30 did not return to active"
}

test_owner() {
	hostile owner "$1"
	ywait "$R1" "$2" "$3" active || fail "R1 vrid $2 did not return to active"
}

test_netlink_fuzz() {
	local out rc n

	ktap_diag "+ vrrp_nlfuzz.py $R1"
	out=$(ip netns exec "$R1" "$PY" "$HERE/vrrp_nlfuzz.py" 2>&1)
	rc=$?
	printf '%s\n' "$out" | sed 's/^# //; s/^/# /' >&3
	n=$(sed -n 's/^# messages=//p' <<< "$out")
	SENT_MSGS=$((SENT_MSGS + ${n:-0}))
	[[ $rc -eq 0 ]] || fail "vrrp_nlfuzz.py exited $rc"
	states_ok || return 1
	return "$rc"
}

require_root
require_cmd ip jq "$PY"
require_vrrp
"$PY" -c 'import scapy' 2>/dev/null ||
	ktap_skip_all "python3-scapy missing (scripts/deps.sh)"
lib_init

ktap_header
ktap_plan 7
ktap_diag "kernel $(uname -r), seed ${HOSTILE_SEED:=1}"
export HOSTILE_SEED

if ! topo_create; then
	ktap_diag "Bail out: cannot set up the topology"
	exit 1
fi
# The rogue floods faster than softirq may drain under TCG: do not lose
# packets before they reach us (the counts are checked exactly).
OLD_BACKLOG=$(sysctl -n net.core.netdev_max_backlog)
run sysctl -qw net.core.netdev_max_backlog=100000
if ! routers_up; then
	ktap_diag "Bail out: cannot configure the routers"
	exit 1
fi
busywait "$WAIT_TIMEOUT_MS" ywait "$R2" 20 inet6 backup >/dev/null
R1_LL=$(ip -n "$R1" -j -6 addr show dev eth0 scope link | jq -r '.[0].addr_info[0].local')
R1_LL_HEX=$("$PY" -c "import ipaddress,sys; print(ipaddress.IPv6Address(sys.argv[1]).packed.hex())" "$R1_LL")

ktap_run ladder_ipv4 test_ladder 4
ktap_run ladder_ipv6 test_ladder 6
ktap_run states_kept states_ok
ktap_run v2_addr_list test_v2_addr_list
ktap_run owner_ipv4 test_owner 4 50 inet
ktap_run owner_ipv6 test_owner 6 51 inet6
ktap_run netlink_fuzz test_netlink_fuzz
ktap_diag "hostile packets sent: $SENT_PKTS; netlink messages sent: $SENT_MSGS"
ktap_finish
