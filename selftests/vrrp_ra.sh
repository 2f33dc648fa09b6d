#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Router Advertisements for an IPv6 virtual router (RFC 9568 8.2.3), on the
# topology of lib.sh: R1 (priority 200) and R2 (100) with "ra on" and a
# prefix, a client taking its default router and address from RAs
# (accept_ra 2), a server upstream. The routers run no radvd: every RA on
# the LAN must be the module's. The client's eth0 is captured throughout;
# tshark decodes the RAs at the end.
#
#   ra_default_router  the client's default route is the virtual link-local,
#                      its neighbour entry the vMAC, it has a SLAAC address
#                      in the prefix and reaches the server
#   ra_solicit         a Router Solicitation (the client's link comes back)
#                      is counted by both routers and answered by the Active
#                      one only; the client relearns its default router
#   ra_failover        R1's link fails: R2 sends RAs, the default route is
#                      still the virtual link-local, the server still
#                      reachable
#   ra_final           R1 back and Active, R2 deleted, R1 deleted: its final
#                      RA has router lifetime 0, the client drops the route
#   ra_wire            every captured RA is from the virtual link-local with
#                      the vMAC as SLLA; the last one has lifetime 0
#   ra_config          bad values are refused (vrrpctl and the kernel)
#
# Environment: VRRP_KO, WAIT_TIMEOUT_MS.

# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

ALL_TESTS="
	ra_default_router
	ra_solicit
	ra_failover
	ra_final
	ra_wire
	ra_config
"

RVRID=20
RVMAC=00:00:5e:00:02:14
LLVIP=fe80::1
PREFIX=2001:db8:5
SRV6=2001:db8:6::10
CAP=
FIELDS=

cleanup() {
	[[ -n "$CAP" ]] && rm -f "$CAP" "$FIELDS"
}

add_r() {
	vrrpctl "$1" add eth0 vrid "$RVRID" family inet6 prio "$2" \
		interval 100 address "$LLVIP" address "$PREFIX::1/64" \
		ra on ra-interval 1800000 ra-lifetime 1800 ra-mtu 1500 \
		ra-prefix "$PREFIX::/64" valid 3600 preferred 1800
}

ra_sent() {
	vr_stat "$1" eth0 "$RVRID" sent_router_advertisements
}

rs_rcvd() {
	vr_stat "$1" eth0 "$RVRID" rcvd_router_solicitations
}

more_than() {
	(($("$1" "$2") > $3))
}

# client_gw: the gateway of the client's IPv6 default route, or nothing.
client_gw() {
	local out

	out=$(ip -n "$CL" -6 route show default dev eth0 2>/dev/null)
	[[ "$out" =~ via\ ([0-9a-f:]+) ]] && echo "${BASH_REMATCH[1]}"
}

client_gw_is() {
	[[ "$(client_gw)" == "$1" ]]
}

client_ll_mac() {
	local out

	out=$(ip -n "$CL" -6 neigh show "$LLVIP" dev eth0 2>/dev/null)
	[[ "$out" =~ lladdr\ ([0-9a-f:]+) ]] && echo "${BASH_REMATCH[1]}"
}

client_ll_mac_is() {
	[[ "$(client_ll_mac)" == "$RVMAC" ]]
}

# client_slaac: the client's address in the prefix, once DAD is done.
client_slaac() {
	local out

	out=$(ip -n "$CL" -6 addr show dev eth0 scope global -tentative 2>/dev/null)
	[[ "$out" =~ inet6\ ($PREFIX:[0-9a-f:]+)/64 ]] && echo "${BASH_REMATCH[1]}"
}

client_has_slaac() {
	[[ -n "$(client_slaac)" ]]
}

client_no_gw() {
	[[ -z "$(client_gw)" ]]
}

client_pings_server() {
	ip netns exec "$CL" ping -6 -c 1 -W 1 "$SRV6" >/dev/null 2>&1
}

# check_client: the client's view of the virtual router.
check_client() {
	busywait "$WAIT_TIMEOUT_MS" client_gw_is "$LLVIP" ||
		fail "client's default route is via '$(client_gw)', expected $LLVIP"
	busywait "$WAIT_TIMEOUT_MS" client_ll_mac_is ||
		fail "client's neighbour $LLVIP is '$(client_ll_mac)', expected $RVMAC"
	busywait "$WAIT_TIMEOUT_MS" client_pings_server ||
		fail "client cannot ping $SRV6"
}

test_ra_default_router() {
	add_r "$R1" 200 || return 1
	add_r "$R2" 100 || return 1
	wait_state "$R1" eth0 "$RVRID" active "$WAIT_TIMEOUT_MS" || fail "R1 not active"
	wait_state "$R2" eth0 "$RVRID" backup "$WAIT_TIMEOUT_MS" || fail "R2 not backup"
	check_client
	busywait "$WAIT_TIMEOUT_MS" client_has_slaac ||
		fail "client has no SLAAC address in $PREFIX::/64"
	ktap_diag "client: SLAAC address $(client_slaac), default via $(client_gw)"
	run ip -n "$CL" -6 route show
	[[ $(ra_sent "$R2") -eq 0 ]] || fail "the Backup R2 sent RAs"
}

test_ra_solicit() {
	local r1 r2 s1 s2

	# With ra-interval 1800 s the periodic RAs are 600 s or more apart,
	# the initial ones MAX_INITIAL_RTR_ADVERT_INTERVAL (16 s) apart (RFC
	# 4861 6.2.4): once the third is out (32 s after becoming Active,
	# 8 s slack), an RA is an answer.
	busywait 40000 more_than ra_sent "$R1" 2 ||
		fail "R1 sent $(ra_sent "$R1") RAs, expected the 3 initial ones"
	r1=$(rs_rcvd "$R1")
	r2=$(rs_rcvd "$R2")
	s1=$(ra_sent "$R1")
	s2=$(ra_sent "$R2")
	# Down drops the RA-learned route; up sends a Router Solicitation
	# at once (no DAD, no solicitation delay on the client).
	run ip -n "$CL" link set eth0 down
	run ip -n "$CL" link set eth0 up
	busywait "$WAIT_TIMEOUT_MS" more_than rs_rcvd "$R1" "$r1" ||
		fail "R1 counted no Router Solicitation"
	busywait "$WAIT_TIMEOUT_MS" more_than rs_rcvd "$R2" "$r2" ||
		fail "R2 counted no Router Solicitation"
	# RFC 4861 6.2.6: within MIN_DELAY_BETWEEN_RAS + MAX_RA_DELAY_TIME
	# (3.5 s) of the last RA, 1.5 s slack for TCG.
	busywait 5000 more_than ra_sent "$R1" "$s1" ||
		fail "R1 did not answer the Router Solicitation within 5 s"
	busywait "$WAIT_TIMEOUT_MS" client_gw_is "$LLVIP" ||
		fail "client did not relearn its default router"
	[[ $(ra_sent "$R2") -eq "$s2" ]] || fail "the Backup R2 sent RAs"
	ktap_diag "RS: R1 $r1 -> $(rs_rcvd "$R1"), R2 $r2 -> $(rs_rcvd "$R2"); RA: R1 $s1 -> $(ra_sent "$R1"), R2 $s2 -> $(ra_sent "$R2")"
}

test_ra_failover() {
	local s2

	s2=$(ra_sent "$R2")
	run ip -n "$SW" link set l-r1 down
	wait_state "$R2" eth0 "$RVRID" active "$WAIT_TIMEOUT_MS" || fail "R2 did not take over"
	busywait "$WAIT_TIMEOUT_MS" more_than ra_sent "$R2" "$s2" ||
		fail "R2 sent no RA as Active"
	check_client
}

test_ra_final() {
	run ip -n "$SW" link set l-r1 up
	wait_state "$R1" eth0 "$RVRID" active "$WAIT_TIMEOUT_MS" || fail "R1 did not preempt"
	wait_state "$R2" eth0 "$RVRID" backup "$WAIT_TIMEOUT_MS" || fail "R2 not backup"
	vrrpctl "$R2" del eth0 vrid "$RVRID" family inet6 || fail "del R2"
	client_gw_is "$LLVIP" || fail "client lost its default route when the Backup went"
	vrrpctl "$R1" del eth0 vrid "$RVRID" family inet6 || fail "del R1"
	busywait "$WAIT_TIMEOUT_MS" client_no_gw ||
		fail "client still routes via '$(client_gw)' after the final RA"
}

# The RAs of the capture: source, SLLA, router lifetime, one per line.
# cap_final_ra: the capture holds an RA with router lifetime 0.
cap_final_ra() {
	tcpdump -r "$CAP" -n -v 'icmp6 and ip6[40] == 134' 2>/dev/null |
		grep -q 'router lifetime 0s'
}

test_ra_wire() {
	local n bad last

	# What tcpdump has not read when it stops is lost: wait for the final
	# RA (ra_final saw the client act on it) to reach the file.
	busywait "$WAIT_TIMEOUT_MS" cap_final_ra ||
		fail "the capture holds no RA with router lifetime 0"
	bg_stop tcpdump INT
	log_cmd tshark -n -r "$CAP" -Y 'icmpv6.type == 134' -T fields \
		-E separator='|' -e ipv6.src -e eth.src -e icmpv6.opt.linkaddr \
		-e icmpv6.nd.ra.router_lifetime -e icmpv6.opt.mtu \
		-e icmpv6.opt.prefix >"$FIELDS" 2>/dev/null ||
		fail "tshark cannot read the capture"
	n=$(wc -l <"$FIELDS")
	ktap_diag "$n RAs captured; the last: $(tail -1 "$FIELDS")"
	((n >= 3)) || fail "only $n RAs captured"
	bad=$(awk -F'|' -v ll="$LLVIP" -v m="$RVMAC" \
		'$1 != ll || $2 != m || $3 != m' "$FIELDS")
	[[ -z "$bad" ]] || fail "RAs not from $LLVIP / $RVMAC: $bad"
	last=$(tail -1 "$FIELDS" | cut -d'|' -f4)
	[[ "$last" == 0 ]] || fail "the last RA has router lifetime '$last', expected 0"
	n=$(awk -F'|' '$4 != 0' "$FIELDS" | wc -l)
	((n >= 2)) || fail "only $n RAs with a router lifetime"
	bad=$(awk -F'|' -v p="$PREFIX::" \
		'$4 != 0 && $4 != 1800 || $5 != 1500 || $6 != p' "$FIELDS")
	[[ -z "$bad" ]] ||
		fail "RAs without lifetime 1800 s (or 0), MTU 1500, prefix $PREFIX::: $bad"
}

test_ra_config() {
	local v='vrid 30 family inet6 address fe80::30'

	# shellcheck disable=SC2086 # word splitting wanted
	{
	! "$VRRPCTL_BIN" -n "$R1" add eth0 vrid 31 address 192.0.2.31 ra on 2>/dev/null ||
		fail "ra accepted on an inet router"
	! "$VRRPCTL_BIN" -n "$R1" add eth0 $v ra-interval 3000 2>/dev/null ||
		fail "ra-interval 3000 accepted (RFC 4861: at least 4 s)"
	! "$VRRPCTL_BIN" -n "$R1" add eth0 $v ra-lifetime 9001 2>/dev/null ||
		fail "ra-lifetime 9001 accepted"
	! "$VRRPCTL_BIN" -n "$R1" add eth0 $v ra-mtu 1000 2>/dev/null ||
		fail "ra-mtu 1000 accepted"
	! "$VRRPCTL_BIN" -n "$R1" add eth0 $v ra-prefix $PREFIX::/64 valid 10 preferred 20 2>/dev/null ||
		fail "preferred > valid accepted"
	! "$VRRPCTL_BIN" -n "$R1" add eth0 $v ra-prefix $PREFIX::1/64 2>/dev/null ||
		fail "a prefix with host bits accepted"
	! "$VRRPCTL_BIN" -n "$R1" add eth0 $v ra-prefix fe80::/64 2>/dev/null ||
		fail "a link-local prefix accepted"
	! "$VRRPCTL_BIN" -n "$R1" add eth0 $v ra-interval 600000 ra-lifetime 10 2>/dev/null ||
		fail "a router lifetime below ra-interval accepted"
	vrrpctl "$R1" add eth0 $v ra on ra-prefix $PREFIX::/64 \
		ra-prefix 2001:db8:7::/48 on-link off autonomous off valid infinity ||
		fail "a good configuration refused"
	vrrpctl "$R1" set eth0 vrid 30 ra-prefix none || fail "ra-prefix none"
	}
	run "$VRRPCTL_BIN" -n "$R1" -d show eth0 vrid 30
	vr_json "$R1" eth0 30 | grep -Eq '"ra_prefixes": ?\[\]' ||
		fail "ra-prefix none left prefixes"
	vrrpctl "$R1" del eth0 vrid 30 || fail "del vrid 30"
}

ra_setup() {
	local r n s

	topo_create || return
	for r in 1 2; do
		n=R$r
		run ip -n "${!n}" addr add "$PREFIX::$((r + 1))/64" dev eth0 nodad || return
		run ip -n "${!n}" addr add "2001:db8:6::$((r + 1))/64" dev eth1 nodad || return
		run ip netns exec "${!n}" sysctl -qw net.ipv6.conf.all.forwarding=1 || return
		ktap_diag "+ ip netns exec ${!n} nft -f - (ip6 masquerade eth1)"
		ip netns exec "${!n}" nft -f - <<-'NFT' || return
		table ip6 vrrptest6 {
			chain postrouting {
				type nat hook postrouting priority srcnat; policy accept;
				oifname "eth1" masquerade
			}
		}
		NFT
	done
	run ip -n "$SRV" addr add "$SRV6/64" dev eth0 nodad || return
	for s in accept_ra=2 forwarding=0 accept_dad=0 router_solicitation_delay=0; do
		run ip netns exec "$CL" sysctl -qw "net.ipv6.conf.eth0.$s" || return
	done
	CAP=$(mktemp /tmp/vrrp-ra.XXXXXX)
	FIELDS=$CAP.txt
	bg_start tcpdump ip netns exec "$CL" tcpdump -U --immediate-mode -n -i eth0 \
		-w "$CAP" icmp6
	busywait "$WAIT_TIMEOUT_MS" test -s "$CAP"
}

require_root
require_cmd ip bridge nft ping tcpdump tshark awk
require_vrrp
lib_init

ktap_header
tests_plan
ktap_diag "kernel $(uname -r)"

if ! ra_setup; then
	ktap_diag "Bail out: cannot set up the topology"
fi

tests_run
ktap_finish
