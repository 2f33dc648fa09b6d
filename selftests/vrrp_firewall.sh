#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The firewall trap of Documentation/deploy.rst, on the topology of lib.sh
# (R1 200 and R2 100 on a LAN bridge), with an IPv4 and an IPv6 virtual
# router: advertisements pass the input hook before the module sees them.
#
#   input_drop         R2's nftables input chain drops everything but
#                      established traffic and ICMPv6: R2 hears no
#                      advertisement and becomes Active beside R1, in
#                      both families, each naming itself active-router
#   input_accept_vrrp  the same chain with "ip protocol vrrp accept" and
#                      "meta l4proto 112 accept": R2 returns to Backup
#                      under R1 in both families
#
# Environment: VRRP_KO, WAIT_TIMEOUT_MS.

# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

ALL_TESTS="
	input_drop
	input_accept_vrrp
"

VRID6=20

# r2_firewall [RULE...]: R2's input chain, policy drop, with RULEs added
# (in place of the chain it had: one transaction).
r2_firewall() {
	local rules

	printf -v rules '\t\t%s\n' "$@"
	ktap_diag "+ ip netns exec $R2 nft -f - (input policy drop${1:+; $*})"
	ip netns exec "$R2" nft -f - <<-NFT
	table inet fw
	delete table inet fw
	table inet fw {
		chain input {
			type filter hook input priority filter; policy drop;
			ct state established,related accept
			iif "lo" accept
			meta l4proto ipv6-icmp accept
	$rules
		}
	}
	NFT
}

# routers_up: both families on both routers, R1 Active, R2 Backup.
routers_up() {
	local six="interval 100 address fe80::20 address 2001:db8::20/64"

	topo_routers_up || return
	# shellcheck disable=SC2086 # $six is a list of arguments
	vrrpctl "$R1" add eth0 vrid "$VRID6" prio 200 $six || return
	# shellcheck disable=SC2086
	vrrpctl "$R2" add eth0 vrid "$VRID6" prio 100 $six || return
	wait_state "$R1" eth0 "$VRID6" active "$WAIT_TIMEOUT_MS" || return
	wait_state "$R2" eth0 "$VRID6" backup "$WAIT_TIMEOUT_MS" || return
}

routers_down() {
	local ns rc=0

	if ip netns exec "$R2" nft list table inet fw > /dev/null 2>&1; then
		run ip netns exec "$R2" nft delete table inet fw || rc=1
	fi
	for ns in "$R1" "$R2"; do
		vrrpctl "$ns" flush || rc=1
	done
	return "$rc"
}

test_input_drop() {
	local ar

	routers_up || { fail "R1 active and R2 backup to begin with"; routers_down; return 1; }
	run ip -n "$R2" maddr show dev eth0
	r2_firewall || { fail "nft failed"; routers_down; return 1; }
	wait_state "$R2" eth0 "$VRID" active "$WAIT_TIMEOUT_MS" ||
		fail "R2 (IPv4) stayed backup behind an input chain dropping VRRP"
	wait_state "$R2" eth0 "$VRID6" active "$WAIT_TIMEOUT_MS" ||
		fail "R2 (IPv6) stayed backup behind an input chain dropping VRRP"
	state_is "$R1" eth0 "$VRID" active || fail "R1 (IPv4) is no longer active"
	show_routers "$R1" "$R2"
	ar=$(vr_active_router "$R2" eth0 "$VRID")
	[[ "$ar" == "$LAN_PREFIX.3" ]] ||
		fail "R2 names '$ar' as the active router, expected itself ($LAN_PREFIX.3)"
	routers_down
}

test_input_accept_vrrp() {
	routers_up || { fail "R1 active and R2 backup to begin with"; routers_down; return 1; }
	r2_firewall "ip protocol vrrp accept" "meta l4proto 112 accept" ||
		{ fail "nft failed"; routers_down; return 1; }
	run ip netns exec "$R2" nft list table inet fw
	# R2 was Backup: it stays so while the advertisements come through.
	nap 1
	state_is "$R2" eth0 "$VRID" backup ||
		fail "R2 (IPv4) left backup with protocol 112 accepted"
	state_is "$R2" eth0 "$VRID6" backup ||
		fail "R2 (IPv6) left backup with protocol 112 accepted"
	# Split, then rejoined: the accepting chain brings R2 back.
	r2_firewall || { fail "nft failed"; routers_down; return 1; }
	wait_state "$R2" eth0 "$VRID" active "$WAIT_TIMEOUT_MS" ||
		fail "R2 (IPv4) did not become active behind the dropping chain"
	r2_firewall "ip protocol vrrp accept" "meta l4proto 112 accept" ||
		{ fail "nft failed"; routers_down; return 1; }
	wait_state "$R2" eth0 "$VRID" backup "$WAIT_TIMEOUT_MS" ||
		fail "R2 (IPv4) did not return to backup once VRRP was accepted"
	wait_state "$R2" eth0 "$VRID6" backup "$WAIT_TIMEOUT_MS" ||
		fail "R2 (IPv6) did not return to backup once VRRP was accepted"
	state_is "$R1" eth0 "$VRID" active || fail "R1 (IPv4) is no longer active"
	show_routers "$R1" "$R2"
	routers_down
}

require_root
require_cmd ip bridge nft jq
require_vrrp
lib_init

suite_run topo_create
