#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Active-active forwarding ("forward any"), on the topology of lib.sh: R1
# (priority 200) Active, R2 (100) Backup, interval 100 ms, the client
# sending 100 probes a second through the virtual router to the server.
# With "forward any" a Backup also forwards what the LAN delivers to it
# for the vMAC; only the Active router advertises and answers ARP.
#
#   flood_active       the default: the LAN bridge floods the vMAC's
#                      frames to both routers for 1 s (learning off on
#                      the routers' ports, their entries flushed): R2
#                      forwards nothing, the server sees no duplicate
#   flood_any          both routers "forward any", the same flood: R2
#                      forwards too, and the duplicates that cost on a
#                      plain switch are counted; show and save say "any"
#   not_forwarding     ... but not a Backup that lost priority to its
#                      tracking (an uplink down), nor one in Initialize
#                      (a fault)
#   vip_not_forwarded  Accept_Mode on, IPv4 and IPv6, the flood on: pings
#                      to the VIP get one reply each (R1's): R2 drops what
#                      is addressed to the VIP, ICMPv6 included, instead
#                      of routing it back to the LAN
#   carrier_any        R1's LAN link loses carrier: the bridge flushes
#                      the port's entries and floods to R2, which forwards
#                      at once; the client's outage is bounded as if
#                      VRRP took no time (RFC time 0, lib/timing.sh),
#                      where the default waits Active_Down_Interval
#                      (vrrp_failover's failover_carrier)
#   backup_silent      a Backup that forwards sends nothing from the
#                      vMAC: no advertisement, no ARP for the VIP
#
# Environment: VRRP_KO, WAIT_TIMEOUT_MS.

# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

ALL_TESTS="
	flood_active
	flood_any
	not_forwarding
	vip_not_forwarded
	carrier_any
	backup_silent
"

R2_IP=$LAN_PREFIX.3
INTERVAL=100
# How long the LAN bridge floods the vMAC's frames.
FLOOD_SECS=1

# forward_set MODE: both routers forward MODE (active or any).
forward_set() {
	vrrpctl "$R1" set eth0 vrid "$VRID" forward "$1" || return
	vrrpctl "$R2" set eth0 vrid "$VRID" forward "$1"
}

# learning on|off: the bridge learns on the routers' LAN ports, or not,
# their learned entries flushed: it floods frames to the vMAC to both.
learning() {
	local p args=(learning "$1")

	[[ $1 == off ]] && args+=(fdb_flush)
	for p in l-r1 l-r2; do
		run ip -n "$SW" link set dev "$p" type bridge_slave "${args[@]}" ||
			return
	done
}

# probe_dups: the duplicate replies of the running probe stream.
probe_dups() {
	grep -c 'DUP!' "$PROBE_LOG"
}

# vmac_in_setup: an nftables counter of the frames to the vMAC that reach
# R2's eth0 (netdev ingress), read by vmac_in.
vmac_in_setup() {
	ip netns exec "$R2" nft -f - <<-NFT
	table netdev vrrpfwd {
		counter vmac_in {
		}
		chain ingress {
			type filter hook ingress device eth0 priority -500; policy accept;
			ether daddr $(vmac "$VRID") counter name vmac_in
		}
	}
	NFT
}

vmac_in() {
	nft_packets "$R2" netdev vrrpfwd vmac_in
}

# flood MODE: the vMAC's frames flooded to both routers for FLOOD_SECS
# while the probes flow. Sets FLOOD_IN (the frames to the vMAC that
# reached R2 meanwhile: what was flooded), FLOOD_R2 (what R2 forwarded)
# and FLOOD_DUPS (the duplicate replies). ping's log is written in
# blocks: the duplicates are counted once it has ended.
flood() {
	local f0 f1 i0 i1 d0

	forward_set "$1" || return 1
	wait_state "$R1" eth0 "$VRID" active "$WAIT_TIMEOUT_MS" ||
		{ fail "R1 is not active"; return 1; }
	probe_start
	probe_wait_replies 20 "$WAIT_TIMEOUT_MS" ||
		{ probe_stop; fail "no probe replies before the flood"; return 1; }
	if ! f0=$(fwd_packets "$R2") || ! i0=$(vmac_in); then
		probe_stop
		fail "cannot read R2's counters"
		return 1
	fi
	d0=$(probe_dups)
	learning off || fail "cannot stop the bridge learning"
	nap "$FLOOD_SECS"
	learning on || fail "cannot make the bridge learn again"
	if ! f1=$(fwd_packets "$R2") || ! i1=$(vmac_in); then
		probe_stop
		fail "cannot read R2's counters"
		return 1
	fi
	FLOOD_R2=$((f1 - f0))
	FLOOD_IN=$((i1 - i0))
	bg_stop probe INT
	FLOOD_DUPS=$(($(probe_dups) - d0))
	probe_stop
	ktap_diag "forward $1, flooding for ${FLOOD_SECS} s and the commands: $FLOOD_IN frames to the vMAC reached R2, which forwarded $FLOOD_R2; $FLOOD_DUPS duplicate replies"
	busywait "$WAIT_TIMEOUT_MS" sw_vmac_on l-r1 ||
		fail "the LAN bridge did not learn the vMAC on l-r1 again"
	# The flood reached R2 (100 probes a second for at least
	# FLOOD_SECS); what R2 did with it is the test's.
	((FLOOD_IN >= 50 * FLOOD_SECS)) ||
		{ fail "the flood did not reach R2 ($FLOOD_IN frames)"; return 1; }
	return 0
}

test_flood_active() {
	r1_active_r2_backup || return 1
	flood active || return 1
	((FLOOD_R2 == 0)) || fail "the Backup R2 forwarded $FLOOD_R2 packets"
	((FLOOD_DUPS == 0)) || fail "$FLOOD_DUPS duplicate replies"
	return 0
}

test_flood_any() {
	local s

	r1_active_r2_backup || return 1
	flood any || return 1
	metric duplicates "$FLOOD_DUPS"
	# Each flooded probe goes through both routers: R2 forwards each
	# one, and its reply is a duplicate; half is what a slow guest
	# cannot fall under.
	((2 * FLOOD_R2 >= FLOOD_IN)) ||
		fail "the Backup R2 forwarded $FLOOD_R2 of the $FLOOD_IN packets flooded to it"
	((2 * FLOOD_DUPS >= FLOOD_IN)) ||
		fail "$FLOOD_DUPS duplicate replies for $FLOOD_IN packets flooded to R2: both routers forward the flooded frames"
	vr_field_is "$R2" eth0 "$VRID" .forward any ||
		fail "R2's show does not say forward any"
	s=$("$VRRPCTL_BIN" -n "$R2" save 2>&1)
	[[ "$s" == *" forward any"* ]] || fail "R2's save lacks forward any: $s"
	forward_set active
}

# not_forwarding_with WEIGHT JQ-PATH VALUE: R2 tracks trk0 (a dummy, down)
# with WEIGHT: it lost priority (or, with weight 0, is in Initialize), as
# its JSON's JQ-PATH = VALUE says, and forwards nothing of the flood.
not_forwarding_with() {
	vrrpctl "$R2" set eth0 vrid "$VRID" track trk0 weight "$1" || return 1
	busywait "$WAIT_TIMEOUT_MS" vr_field_is "$R2" eth0 "$VRID" "$2" "$3" ||
		{ fail "R2's $2 is not $3 with trk0 down (weight $1)"; return 1; }
	flood any || return 1
	((FLOOD_R2 == 0)) ||
		fail "R2 (weight $1, $2 $3) forwarded $FLOOD_R2 packets"
	((FLOOD_DUPS == 0)) || fail "$FLOOD_DUPS duplicate replies"
	return 0
}

test_not_forwarding() {
	local rc=0

	r1_active_r2_backup || return 1
	run ip -n "$R2" link add trk0 type dummy || return 1
	not_forwarding_with 10 .effective_priority 90 || rc=1
	not_forwarding_with 0 .state init || rc=1
	vrrpctl "$R2" set eth0 vrid "$VRID" track none || rc=1
	run ip -n "$R2" link del trk0
	forward_set active || rc=1
	return "$rc"
}

# ping_vip NAME ADDR: 20 pings from the client to ADDR, one reply each.
ping_vip() {
	local out dups

	out=$(ip netns exec "$CL" ping -n -c 20 -i 0.05 -W 2 "$2" 2>&1)
	dups=$(grep -c 'DUP!' <<< "$out")
	ktap_diag "$1: $(grep 'packets transmitted' <<< "$out")"
	grep -q ' 0% packet loss' <<< "$out" || fail "$1: pings to $2 lost"
	((dups == 0)) || fail "$1: $dups duplicate replies from $2"
}

# state6_is NS STATE: the inet6 router of VRID on eth0 is in STATE.
state6_is() {
	[[ "$(vr_state "$1" eth0 "$VRID" inet6)" == "$2" ]]
}

test_vip_not_forwarded() {
	local f0 f1 g0 g1 rc=0

	topo6 || { fail "cannot set up IPv6"; return 1; }
	vrrpctl "$R1" set eth0 vrid "$VRID" accept on forward any || return 1
	vrrpctl "$R2" set eth0 vrid "$VRID" accept on forward any || return 1
	r1_active_r2_backup || return 1
	vrrpctl "$R1" add eth0 vrid "$VRID" family inet6 prio 200 interval 100 \
		accept on forward any address "$VIP6LL" address "$VIP6/64" || return 1
	vrrpctl "$R2" add eth0 vrid "$VRID" family inet6 prio 100 interval 100 \
		accept on forward any address "$VIP6LL" address "$VIP6/64" || return 1
	busywait "$WAIT_TIMEOUT_MS" state6_is "$R1" active ||
		{ fail "R1's inet6 router is not active"; return 1; }
	busywait "$WAIT_TIMEOUT_MS" state6_is "$R2" backup ||
		{ fail "R2's inet6 router is not backup"; return 1; }
	busywait "$WAIT_TIMEOUT_MS" ip netns exec "$CL" ping -n -c 1 -W 1 "$VIP6" > /dev/null ||
		fail "the client does not reach $VIP6"
	if ! f0=$(fwd_packets "$R2") || ! g0=$(fwd6_packets "$R2"); then
		fail "cannot read R2's forward counters"
		return 1
	fi
	learning off || rc=1
	ping_vip inet "$VIP"
	ping_vip inet6 "$VIP6"
	learning on || rc=1
	if ! f1=$(fwd_packets "$R2") || ! g1=$(fwd6_packets "$R2"); then
		fail "cannot read R2's forward counters"
		return 1
	fi
	ktap_diag "R2 forwarded $((f1 - f0)) IPv4 and $((g1 - g0)) IPv6 LAN packets"
	((f1 == f0 && g1 == g0)) ||
		fail "R2 forwarded what was addressed to the VIPs: $((f1 - f0)) IPv4, $((g1 - g0)) IPv6"
	vrrpctl "$R1" del eth0 vrid "$VRID" family inet6 || rc=1
	vrrpctl "$R2" del eth0 vrid "$VRID" family inet6 || rc=1
	vrrpctl "$R1" set eth0 vrid "$VRID" accept off || rc=1
	vrrpctl "$R2" set eth0 vrid "$VRID" accept off || rc=1
	forward_set active || rc=1
	return "$rc"
}

carrier_failover() {
	local f0 f1

	run ip -n "$SW" link set l-r1 up
	forward_set any || return 1
	r1_active_r2_backup || return 1
	# R2 knows its neighbours already: it forwards as a Backup at once.
	run ip netns exec "$R2" ping -c 1 -W 2 "$LAN_PREFIX.100" || return 1
	run ip netns exec "$R2" ping -c 1 -W 2 "$SERVER_IP" || return 1
	f0=$(fwd_packets "$R2") ||
		{ fail "cannot read R2's forward counter"; return 1; }
	probe_start
	probe_wait_replies 20 "$WAIT_TIMEOUT_MS" ||
		{ probe_stop; fail "no probe replies before the failover"; return 1; }
	r1_link down
	wait_state "$R2" eth0 "$VRID" active "$WAIT_TIMEOUT_MS" ||
		fail "R2 did not become active"
	probe_wait_replies $(($(probe_replies) + 30)) "$WAIT_TIMEOUT_MS" ||
		fail "the client does not reach the server after the failover"
	probe_stop
	f1=$(fwd_packets "$R2") ||
		{ fail "cannot read R2's forward counter"; return 1; }
	ktap_diag "R2 forwarded $((f1 - f0)) LAN packets"
	# What R2 forwarded as a Backup counts as no takeover time at all.
	check_outage any_carrier_outage "$PROBE_OUTAGE" 0 "$INTERVAL"
	r1_link up
	r1_active_r2_backup
	forward_set active
}

test_carrier_any() {
	measure_stable carrier_failover
}

# A Backup that forwards is still a Backup: the client resolves the VIP
# to the vMAC from R1's replies only, and R2 sends nothing from the vMAC,
# no advertisement and no ARP for the VIP (a capture of what R2 sends).
test_backup_silent() {
	local s0 s1 req ours other out rc=0

	forward_set any || return 1
	r1_active_r2_backup || return 1
	s0=$(vr_stat "$R2" eth0 "$VRID" sent_advertisements) ||
		{ fail "cannot read R2's counters"; return 1; }
	out=$(mktemp /tmp/vrrp-r2out.XXXXXX)
	bg_start r2cap ip netns exec "$R2" tcpdump -U --immediate-mode -n -Q out \
		-i eth0 -w "$out" 2>/dev/null
	busywait "$WAIT_TIMEOUT_MS" test -s "$out" || fail "tcpdump did not start on R2"
	cap_start "arp or ip proto 112"
	run ip -n "$CL" neigh flush dev eth0
	run ip netns exec "$CL" ping -c 3 -i 0.2 -W 2 "$SERVER_IP" ||
		fail "the client does not reach the server"
	nap 0.5
	cap_stop
	bg_stop r2cap INT
	if tcpdump -r "$out" -n -e 2>/dev/null | grep -qi "^[0-9:.]* $(vmac "$VRID") >"; then
		fail "R2 sent from the vMAC: $(tcpdump -r "$out" -n -e 2>/dev/null | grep -i "$(vmac "$VRID") >" | head -n 3)"
		rc=1
	fi
	if tcpdump -r "$out" -n 2>/dev/null | grep -q "Reply $VIP is-at\|> 224.0.0.18"; then
		fail "R2 answered ARP for $VIP or advertised"
		rc=1
	fi
	rm -f "$out"
	s1=$(vr_stat "$R2" eth0 "$VRID" sent_advertisements) ||
		{ cap_clean; fail "cannot read R2's counters"; return 1; }
	((s1 == s0)) || { fail "R2 sent $((s1 - s0)) advertisements as a Backup"; rc=1; }
	# Requests for the VIP, replies from the vMAC, replies from elsewhere.
	read -r req ours other < <(tcpdump -r "$CAP" -n 2>/dev/null |
		awk -v vip="$VIP" -v m="$(vmac "$VRID")" '
			$0 ~ "Request who-has " vip " tell " && $0 !~ "tell " vip "," { q++ }
			$0 ~ "Reply " vip " is-at " { if (tolower($0) ~ "is-at " m) o++; else x++ }
			END { print q + 0, o + 0, x + 0 }')
	ktap_diag "ARP for $VIP: $req requests, $ours replies from the vMAC, $other from elsewhere"
	((ours >= 1 && ours <= req && other == 0)) ||
		{ fail "ARP for $VIP answered by another than R1 alone"; rc=1; }
	if tcpdump -r "$CAP" -n 2>/dev/null | grep -q "$R2_IP > 224.0.0.18"; then
		fail "R2's advertisements on the LAN"
		rc=1
	fi
	cap_clean
	forward_set active
	return "$rc"
}

require_root
require_cmd ip bridge nft jq ping tcpdump
require_vrrp
lib_init

ktap_header
tests_plan
ktap_diag "kernel $(uname -r), vrrpctl $VRRPCTL_BIN"

if ! topo_create || ! topo_routers_up || ! vmac_in_setup; then
	show_routers "${R1:-}" "${R2:-}"
	ktap_diag "Bail out: cannot set up the topology"
fi

tests_run
ktap_finish
