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
#                   options, fragments (also 60 KB messages), CARP, VRRPv2
#                   auth/interval/version,
#                   garbage, priority 0 (answered at most once per 10 ms,
#                   the Backup never takes over), a flood (answered at
#                   most once per 10 ms)), each counter checked exactly;
#                   a host too slow to tell a 10 ms rate limit from none
#                   fails (that bound cannot be checked there)
#   ladder_ipv6     the same for IPv6 (hop limit, extension headers)
#                   Both check before and after: R1 active, R2 backup
#                   following R1 (same active-addr), eth2 routers init.
#   v2_addr_list    RFC 3768 7.1: a VRRPv2 advertisement with a wrong
#                   address list and priority != 255 is dropped and
#                   counted in address-list-errors on both routers
#   owner_ipv4      RFC 9568 7.1: the address owner discards
#   owner_ipv6      advertisements (a rogue priority 255 must not win)
#   netlink_fuzz    random/malformed genetlink messages, concurrent add/del;
#                   the family answers and existing routers are untouched
#
# Environment: VRRP_KO, WAIT_TIMEOUT_MS, KSRC, HOSTILE_SEED.

# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

# IPv4 first: a crash in the IPv6 path then leaves the IPv4 results.
ALL_TESTS="
	ladder_ipv4
	v2_addr_list
	owner_ipv4
	netlink_fuzz
	ladder_ipv6
	owner_ipv6
"

HERE=$(dirname "$(readlink -f "$0")")
KSRC=${KSRC:-/usr/src/linux-source-6.12}
export KSRC
PY=/usr/bin/python3
SENT_PKTS=0
SENT_MSGS=0
OLD_BACKLOG=

cleanup() {
	[[ -n "$OLD_BACKLOG" ]] &&
		sysctl -qw net.core.netdev_max_backlog="$OLD_BACKLOG"
}

# eth2 of R1: a veth whose peer stays down, for routers in init.
r1_eth2() {
	run ip -n "$R1" addr add 2001:db8::2/64 dev eth0 nodad || return
	run ip -n "$R2" addr add 2001:db8::3/64 dev eth0 nodad || return
	run ip -n "$R1" link add eth2 type veth peer name eth3 || return
	run ip -n "$R1" addr add 198.18.1.1/24 dev eth2 || return
	run ip -n "$R1" link set eth2 up
}

# hostile WHAT FAMILY: run vrrp_hostile.py, add its packets to SENT_PKTS.
hostile() {
	local out rc n

	# Streamed, so that a kernel crash leaves the last class in the log.
	ktap_diag "+ vrrp_hostile.py $1 $2 $CL $R1 $R2"
	out=$(mktemp /tmp/vrrp-hostile.XXXXXX)
	"$PY" "$HERE/vrrp_hostile.py" "$1" "$2" "$CL" "$R1" "$R2" 2>&1 |
		tee "$out" | sed -u 's/^# //; s/^/# /' >&3
	rc=${PIPESTATUS[0]}
	n=$(sed -n 's/^# sent=//p' "$out")
	rm -f "$out"
	SENT_PKTS=$((SENT_PKTS + ${n:-0}))
	[[ $rc -eq 0 ]] || fail "vrrp_hostile.py $1 $2 exited $rc"
	return "$rc"
}

# The ladder checks the states before and after, in the same process.
test_ladder() {
	hostile ladder "$1"
}

test_v2_addr_list() {
	local rc

	hostile v2_addrlist 4
	rc=$?
	# If R1 lost its role, it preempts back within 3 s.
	nap 5
	return "$rc"
}

test_owner() {
	if [[ $1 == 6 ]]; then
		hostile setup 6 || return 1
	fi
	hostile owner "$1"
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
	return "$rc"
}

test_ladder_ipv4() {
	test_ladder 4
}

test_owner_ipv4() {
	test_owner 4
}

test_ladder_ipv6() {
	test_ladder 6
}

test_owner_ipv6() {
	test_owner 6
}

require_root
require_cmd ip jq "$PY"
require_vrrp
"$PY" -c 'import scapy' 2>/dev/null ||
	ktap_skip_all "python3-scapy missing (scripts/deps.sh)"
lib_init

ktap_header
tests_plan
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
if ! r1_eth2 || ! hostile setup 4; then
	ktap_diag "Bail out: cannot configure the routers"
	exit 1
fi

tests_run
ktap_diag "hostile packets sent: $SENT_PKTS; netlink messages sent: $SENT_MSGS"
ktap_finish
