#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The test topology: two routers, a client and a server on two bridges
# of a switch namespace, and what the tests do with it (the LAN ports,
# the client's neighbours, the probe stream). Sourced by lib.sh.
#
#            client (CL) 192.0.2.100, default via VIP 192.0.2.1
#                 | eth0
#          l-cl   |
#   SW:  [------ br0 (LAN 192.0.2.0/24) ------]
#          l-r1 |                 | l-r2
#          eth0 |                 | eth0
#   R1 192.0.2.2 / 198.51.100.2   R2 192.0.2.3 / 198.51.100.3
#          eth1 |                 | eth1
#          u-r1 |                 | u-r2
#   SW:  [------ br1 (upstream 198.51.100.0/24) ------]
#                 | u-srv
#                 | eth0
#            server (SRV) 198.51.100.10 (no route back: routers masquerade)
#
# Routers forward and masquerade LAN traffic out of eth1 with nftables; a
# counter in their forward chain counts LAN packets they forwarded.

# Variables set here are used by the scripts that source lib.sh.
# shellcheck disable=SC2034

VRID=10
VIP=192.0.2.1
VIP_CIDR=192.0.2.1/24
SERVER_IP=198.51.100.10
LAN_PREFIX=192.0.2
UP_PREFIX=198.51.100
# IPv6 (topo6): the server, the virtual link-local and global addresses.
SERVER6=2001:db8:2::10
VIP6LL=fe80::5e:10
VIP6=2001:db8:1::1

# topo_create: build the namespaces and links; sets SW R1 R2 CL SRV. One
# ip per namespace (nsbatch).
topo_create() {
	local r n

	setup_ns SW R1 R2 CL SRV || return
	nsbatch "$SW" <<-EOF || return
	link add br0 type bridge mcast_snooping 0
	link add br1 type bridge mcast_snooping 0
	link add l-r1 type veth peer name eth0 netns $R1
	link add u-r1 type veth peer name eth1 netns $R1
	link add l-r2 type veth peer name eth0 netns $R2
	link add u-r2 type veth peer name eth1 netns $R2
	link add l-cl type veth peer name eth0 netns $CL
	link add u-srv type veth peer name eth0 netns $SRV
	link set l-r1 master br0 up
	link set u-r1 master br1 up
	link set l-r2 master br0 up
	link set u-r2 master br1 up
	link set l-cl master br0 up
	link set u-srv master br1 up
	link set br0 up
	link set br1 up
	EOF
	for r in 1 2; do
		n=R$r
		router_setup "${!n}" $((r + 1)) || return
	done
	nsbatch "$CL" <<-EOF || return
	addr add $LAN_PREFIX.100/24 dev eth0
	link set eth0 up
	route add default via $VIP
	EOF
	nsbatch "$SRV" <<-EOF
	addr add $SERVER_IP/24 dev eth0
	link set eth0 up
	EOF
}

# topo6: IPv6 on the topology of lib.sh: 2001:db8:1::/64 on the LAN,
# 2001:db8:2::/64 upstream, the routers masquerading as for IPv4.
topo6() {
	local r n

	for r in 1 2; do
		n=R$r
		run ip netns exec "${!n}" sysctl -qw net.ipv6.conf.all.forwarding=1 || return
		run ip -n "${!n}" addr add "2001:db8:1::$((r + 1))/64" dev eth0 nodad || return
		run ip -n "${!n}" addr add "2001:db8:2::$((r + 1))/64" dev eth1 nodad || return
		router_nft "${!n}" ip6 vrrptest6 || return
	done
	run ip -n "$CL" addr add 2001:db8:1::100/64 dev eth0 nodad || return
	run ip -n "$CL" route add default via "$VIP6" || return
	run ip -n "$SRV" addr add "$SERVER6/64" dev eth0 nodad || return
}

# fwd6_packets NS: LAN IPv6 packets the router forwarded so far.
fwd6_packets() {
	nft_packets "$1" ip6 vrrptest6 lan_fwd
}

# router_setup NS N: addresses .N on both sides, forwarding, masquerade.
router_setup() {
	local ns=$1 n=$2

	nsbatch "$ns" <<-EOF || return
	addr add $LAN_PREFIX.$n/24 dev eth0
	addr add $UP_PREFIX.$n/24 dev eth1
	link set eth0 up
	link set eth1 up
	EOF
	run ip netns exec "$ns" sysctl -qw net.ipv4.ip_forward=1 || return
	router_nft "$ns" ip vrrptest
}

# router_nft NS FAMILY TABLE: in nftables table FAMILY TABLE, a counter
# of the LAN packets the router forwards (lan_fwd) and masquerade out of
# eth1.
router_nft() {
	ktap_diag "+ ip netns exec $1 nft -f - ($2 $3: forward counter, masquerade eth1)"
	ip netns exec "$1" nft -f - <<-NFT
	table $2 $3 {
		counter lan_fwd {
		}
		chain forward {
			type filter hook forward priority filter; policy accept;
			iifname "eth0" counter name lan_fwd
		}
		chain postrouting {
			type nat hook postrouting priority srcnat; policy accept;
			oifname "eth1" masquerade
		}
	}
	NFT
}

# nft_packets NS FAMILY TABLE COUNTER: the packets of a named nftables
# counter; fails (and prints nothing) when it cannot be read, so that a
# caller never takes a missing counter for zero:
#	n=$(nft_packets ...) || fail ...
nft_packets() {
	local n

	n=$(ip netns exec "$1" nft -j list counter "$2" "$3" "$4" 2>/dev/null |
		jq -r '.nftables[] | select(.counter) | .counter.packets' 2>/dev/null)
	[[ "$n" =~ ^[0-9]+$ ]] || return 1
	echo "$n"
}

# fwd_packets NS: LAN packets the router forwarded so far (nft_packets).
fwd_packets() {
	nft_packets "$1" ip vrrptest lan_fwd
}

# vrrp_add NS PRIO [INTERVAL]: the standard virtual router on eth0.
vrrp_add() {
	local ns=$1 prio=$2 interval=${3:-100}

	vrrpctl "$ns" add eth0 vrid "$VRID" prio "$prio" interval "$interval" \
		address "$VIP_CIDR"
}

# topo_routers_up: R1 prio 200, R2 prio 100; wait for R1 active, R2 backup.
topo_routers_up() {
	vrrp_add "$R1" 200 || return
	vrrp_add "$R2" 100 || return
	wait_state "$R1" eth0 "$VRID" active "$WAIT_TIMEOUT_MS" || return
	wait_state "$R2" eth0 "$VRID" backup "$WAIT_TIMEOUT_MS" || return
}

# lan_vrrp_block / lan_vrrp_unblock: the LAN bridge drops VRRP (IPv4 and
# IPv6) between the routers, or lets it through again: each router alone
# becomes Active, then they meet.
lan_vrrp_block() {
	run ip netns exec "$SW" nft -f - <<-'NFT'
	table bridge vrrpblock {
		chain forward {
			type filter hook forward priority 0; policy accept;
			meta l4proto 112 drop
		}
	}
	NFT
}

lan_vrrp_unblock() {
	run ip netns exec "$SW" nft delete table bridge vrrpblock
}

# r1_active_r2_backup: the steady state of topo_routers_up (vrid VRID on
# eth0), waited for; a failure says which half is missing.
r1_active_r2_backup() {
	wait_state "$R1" eth0 "$VRID" active "$WAIT_TIMEOUT_MS" ||
		fail "R1 is not active" || return
	wait_state "$R2" eth0 "$VRID" backup "$WAIT_TIMEOUT_MS" ||
		fail "R2 is not backup" || return
}

# sw_vmac_ports: the LAN bridge ports on which the switch learned the vMAC
# (one line per port; the port of the router that sent from the vMAC last).
sw_vmac_ports() {
	bridge -n "$SW" -j fdb show br br0 2>/dev/null |
		jq -r --arg m "$(vmac "$VRID")" \
			'.[] | select(.mac == $m and .master == "br0" and (.state // "") != "permanent") | .ifname'
}

sw_vmac_on() {
	[[ "$(sw_vmac_ports)" == "$1" ]]
}

# r1_link up|down, r2_link up|down: the router's LAN port on the switch
# (carrier on the router's eth0).
r1_link() {
	run ip -n "$SW" link set l-r1 "$1"
}

r2_link() {
	run ip -n "$SW" link set l-r2 "$1"
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

# client_neigh ADDR: the client's IPv4 neighbour entry (lladdr) for ADDR.
client_neigh() {
	ip -n "$CL" -4 -j neigh show "$1" dev eth0 2>/dev/null |
		jq -r '.[0].lladdr // empty'
}

# client_gw_mac: the client's neighbour entry (lladdr) for the VIP.
client_gw_mac() {
	ip -n "$CL" -j neigh show "$VIP" dev eth0 2>/dev/null |
		jq -r '.[0].lladdr // empty'
}

# router_has_uc_vmac NS: the vMAC is in eth0's unicast address filter.
router_has_uc_vmac() {
	bridge -n "$1" fdb show dev eth0 2>/dev/null |
		grep -qi "^$(vmac "$VRID") self permanent"
}

# Probe stream: ping every 10 ms with timestamps (-D) from the client to
# the server; the outage is the longest gap between consecutive replies.
probe_start() {
	PROBE_LOG=$(mktemp /tmp/vrrp-probe.XXXXXX)
	bg_start probe ip netns exec "$CL" ping -D -n -i 0.01 -W 1 "$SERVER_IP" \
		> "$PROBE_LOG" 2>&1
}

probe_replies() {
	grep -c 'bytes from' "$PROBE_LOG" 2>/dev/null
}

probe_wait_replies() {
	local want=$1 t=$2

	busywait "$t" probe_has "$want"
}

probe_has() {
	[[ $(probe_replies) -ge $1 ]]
}

# ping_gap_ms LOG: the longest gap between two replies of a "ping -D"
# log, in ms (empty without two replies).
ping_gap_ms() {
	awk -F'[][]' '/bytes from/ {
			t = $2 + 0
			if (n++ && t - last > max) max = t - last
			last = t
		}
		END { if (n > 1) printf "%d\n", max * 1000 }' "$1"
}

# probe_stop: stop the stream; PROBE_OUTAGE = the longest gap between two
# replies in ms (empty without two replies).
probe_stop() {
	bg_stop probe INT
	PROBE_OUTAGE=$(ping_gap_ms "$PROBE_LOG")
	ktap_diag "probe: $(probe_replies) replies; $(tail -n 2 "$PROBE_LOG" | head -n 1)"
	rm -f "$PROBE_LOG"
}

# Flood: 1,000 probes a second for FLOOD_COUNT ms from the client to DEST,
# for a handover that must lose none. The count, not the gap between
# replies: ping slows down while its probes go unanswered.
: "${FLOOD_COUNT:=2000}"

# flood_start DEST
flood_start() {
	FLOOD_LOG=$(mktemp /tmp/vrrp-flood.XXXXXX)
	bg_start flood ip netns exec "$CL" ping -n -q -i 0.001 -W 1 \
		-c "$FLOOD_COUNT" "$1" > "$FLOOD_LOG" 2>&1
}

# flood_wait: wait for the probes to end; FLOOD_LOST = transmitted minus
# received (empty if ping printed no summary).
flood_wait() {
	local pid=${BG_PIDS[flood]} line

	wait "$pid" 2>/dev/null
	unset "BG_PIDS[flood]"
	line=$(grep 'packets transmitted' "$FLOOD_LOG")
	ktap_diag "probes: $line"
	FLOOD_LOST=$(sed -n 's/^\([0-9]*\) packets transmitted, \([0-9]*\) received.*/\1 \2/p' \
		<<< "$line" | awk '{ print $1 - $2 }')
	rm -f "$FLOOD_LOG"
}
