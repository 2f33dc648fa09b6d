#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Field topologies: VLAN trunks, VRFs, bonds and snooping bridges, each
# with a client streaming pings through the virtual router across a
# failover. Every test builds its own namespaces and removes them.
#
#   vlan_trunk  routers on eth0 and on eth0.100 with the same VRID and
#               the same virtual address, a vlan_filtering LAN bridge
#               (router ports: VLAN 100 tagged, PVID 1 untagged), a client
#               in each VLAN: no untagged ARP reply to a tagged request,
#               only the VLAN's Active router forwards its traffic, and a
#               failover in each VLAN leaves the other one alone
#   vrf4        both routers' LAN and upstream ports enslaved to a VRF:
#               one Active, the Backup receives the advertisements (no
#               vrid-errors), client traffic through a failover
#   vrf6        the same for IPv6
#   bond        R1's LAN side is an active-backup bond of two veths: the
#               active slave failing causes no VRRP failover, the bond
#               losing carrier does; "add" on a bond member is refused
#               with an extack message, and enslaving a device with
#               virtual routers is vetoed
#   snooping    IPv6 on a LAN bridge with mcast_snooping 1, mcast_querier 1
#               and mcast_flood off on the router ports: ff02::12 is
#               joined on both router ports, the virtual address's
#               solicited-node group on the Active router's only (RFC 9568
#               6.4; vrrp_snoop.sh tests the membership in detail),
#               advertisements flow, the client resolves the virtual
#               address, its traffic goes through a failover; "add" on a
#               bridge port is refused
#
# Outage bounds (lib.sh's check_outage): a silent Active router (carrier
# loss) is replaced after the Backup's Active_Down_Interval (RFC 9568
# 6.1), and the client's longest gap between two replies must stay within
# it plus lib.sh's bound; where no VRRP failover should happen (a bond
# slave failing, the other VLAN), within the bound over an RFC time of 0.
# Each test builds its topology, so it is one try for measure_stable: a
# try that fails while the platform stalls is measured again.
#
# Environment: VRRP_KO, WAIT_TIMEOUT_MS, TESTS (names to run, default all).

# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

ALL_TESTS="
	vlan_trunk
	vrf4
	vrf6
	bond
	snooping
"

# 200 ms rather than 100: with two ping streams and a Backup of priority
# 100, TCG stalls the guest beyond a 360 ms Active_Down_Interval often
# enough for Backups to flap.
INTERVAL=200
# The streams' period (pstart), for check_outage's two probe periods.
PROBE_PERIOD_MS=20

SRV4=198.51.100.10
SRV6=2001:db8:2::10
VIP6LL=fe80::5e:10
VIP6=2001:db8:1::1

# ns_sysctls NS...: forwarding on, no DAD (addresses usable at once).
ns_sysctls() {
	local ns

	for ns in "$@"; do
		ip netns exec "$ns" sysctl -qw net.ipv4.ip_forward=1 \
			net.ipv6.conf.all.forwarding=1 \
			net.ipv6.conf.all.accept_dad=0 \
			net.ipv6.conf.default.accept_dad=0 || return
	done
}

# fw_setup NS LANDEV...: masquerade out of eth1 (both families) and a
# named counter "fwd_<dev>" of LAN packets forwarded from each LANDEV.
fw_setup() {
	local ns=$1 dev rules="" ctrs=""
	shift

	for dev in "$@"; do
		ctrs+="counter fwd_${dev//./_} { }"$'\n'
		rules+="iifname \"$dev\" counter name fwd_${dev//./_}"$'\n'
	done
	ktap_diag "+ ip netns exec $ns nft -f - (counters for $*, masquerade eth1)"
	ip netns exec "$ns" nft -f - <<-NFT
	table inet vrrpfield {
		$ctrs
		chain forward {
			type filter hook forward priority filter; policy accept;
			$rules
		}
		chain postrouting {
			type nat hook postrouting priority srcnat; policy accept;
			oifname "eth1" masquerade
		}
	}
	NFT
}

# fwd NS DEV: LAN packets forwarded from DEV so far.
fwd() {
	nft_packets "$1" inet vrrpfield "fwd_${2//./_}"
}

# ipb NS LINES: run the "ip -batch" LINES in NS (one exec for many
# commands: exec is what costs under TCG), logged.
ipb() {
	ktap_diag "+ ip -n $1 -batch - <<"$'\n'"$2"
	ip -n "$1" -batch - <<< "$2" >&3 2>&1
}

# sw_port NS DEV PORT BRIDGE: the batch lines of a veth from NS (DEV) to
# the switch's BRIDGE (PORT).
sw_port() {
	printf 'link add %s type veth peer name %s netns %s\nlink set %s master %s up\n' \
		"$3" "$2" "$1" "$3" "$4"
}

# topo BR0-OPTIONS...: the switch SW with the LAN bridge br0 (with the
# options given) and the upstream bridge br1; routers R1 and R2 with eth0
# (.N, through l-rN) on br0 and eth1 (.N, through u-rN) on br1, the client
# CL (.100) on br0 and the server SRV on br1, in both families; the routers
# forward and masquerade out of eth1, counting what they forward from the
# devices in FWDEVS (default eth0). RPRE / RPOST: batch lines each router
# runs before / after its addresses ("@N@" is its number + 1). BOND: R1's
# LAN side is bond0, active-backup over eth0a (l-r1a) and eth0b (l-r1b).
topo() {
	local r n lan sw pre post=${RPOST:-}

	setup_ns SW R1 R2 CL SRV || return
	ns_sysctls "$SW" "$R1" "$R2" "$CL" "$SRV" || return
	sw="link add br0 type bridge $*
link add br1 type bridge mcast_snooping 0
link set br0 up
link set br1 up
$(sw_port "$CL" eth0 l-cl br0)
$(sw_port "$SRV" eth0 u-srv br1)"
	for r in 1 2; do
		n=R$r
		if [[ $r == 1 && -n "${BOND:-}" ]]; then
			sw+=$'\n'"$(sw_port "$R1" eth0a l-r1a br0)"
			sw+=$'\n'"$(sw_port "$R1" eth0b l-r1b br0)"
		else
			sw+=$'\n'"$(sw_port "${!n}" eth0 "l-r$r" br0)"
		fi
		sw+=$'\n'"$(sw_port "${!n}" eth1 "u-r$r" br1)"
	done
	ipb "$SW" "$sw" || return
	ipb "$CL" "link set eth0 up
addr add 192.0.2.100/24 dev eth0
addr add 2001:db8:1::100/64 dev eth0 nodad
route add default via $VIP
route add default via $VIP6" || return
	ipb "$SRV" "link set eth0 up
addr add $SRV4/24 dev eth0
addr add $SRV6/64 dev eth0 nodad" || return
	for r in 1 2; do
		n=R$r
		lan=eth0
		pre="link set eth0 up"
		if [[ $r == 1 && -n "${BOND:-}" ]]; then
			lan=bond0
			pre="link add bond0 type bond mode active-backup miimon 10
link set eth0a master bond0
link set eth0b master bond0
link set bond0 up"
		fi
		pre+=$'\n'"${RPRE:-}"
		ipb "${!n}" "link set eth1 up
${pre//@N@/$((r + 1))}
addr add 192.0.2.$((r + 1))/24 dev $lan
addr add 2001:db8:1::$((r + 1))/64 dev $lan nodad
addr add 198.51.100.$((r + 1))/24 dev eth1
addr add 2001:db8:2::$((r + 1))/64 dev eth1 nodad
${post//@N@/$((r + 1))}" || return
		# shellcheck disable=SC2086 # a list of devices
		fw_setup "${!n}" ${FWDEVS:-$lan} || return
	done
}

# Ping streams: pstart NAME NS DST (every 20 ms, time stamped); pstop NAME
# sets GAP, the longest gap between two replies in ms (99999 without two).
declare -A PLOG=()

pstart() {
	PLOG[$1]=$(mktemp /tmp/vrrp-field.XXXXXX)
	bg_start "p_$1" ip netns exec "$2" ping -D -n -i 0.02 -W 1 "$3" \
		> "${PLOG[$1]}" 2>&1
}

preplies() {
	grep -c 'bytes from' "${PLOG[$1]}" 2>/dev/null
}

phas() {
	[[ $(preplies "$1") -ge $2 ]]
}

# pwait NAME N: wait for N more replies than now.
pwait() {
	local want=$(($(preplies "$1") + $2))

	loopy_wait 0.1 "$WAIT_TIMEOUT_MS" phas "$1" "$want" ||
		fail "stream $1: fewer than $2 more replies"
}

pstop() {
	bg_stop "p_$1" INT
	GAP=$(awk -F'[][]' '/bytes from/ {
			t = $2 + 0
			if (n++ && t - last > max) max = t - last
			last = t
		}
		END { printf "%d\n", (n > 1 ? max * 1000 : 99999) }' "${PLOG[$1]}")
	ktap_diag "stream $1: $(preplies "$1") replies, longest gap $GAP ms"
	rm -f "${PLOG[$1]}"
	unset "PLOG[$1]"
}

# gap_ok STREAM RFC_US WHAT: stop the stream; its longest gap within the
# client-outage bound over RFC_US (0: no VRRP failover), reported as WHAT.
gap_ok() {
	pstop "$1"
	check_outage "$3" "$GAP" "$2" "$INTERVAL"
}

# expect_state NS DEV STATE: the router of VRID on DEV is in STATE.
expect_state() {
	state_is "$1" "$2" "$VRID" "$3" ||
		fail "$1 $2 vrid $VRID: $(vr_state "$1" "$2" "$VRID"), expected $3"
}

# transitions NS DEV: active_transitions of the router of VRID on DEV.
transitions() {
	vr_stat "$1" "$2" "$VRID" active_transitions
}

net_vrid_errors() {
	"$VRRPCTL_BIN" -n "$1" -j stats net 2>/dev/null |
		jq -r '.vrid_errors'
}

# rcvd_beyond NS DEV VRID N: the router received more than N
# advertisements.
rcvd_beyond() {
	(($(vr_stat "$1" "$2" "$3" rcvd_advertisements) > $4))
}

# stable_pair ACTIVE BACKUP DEV VRID: exactly one Active, staying so while
# the Backup receives 5 more advertisements, no vrid-errors.
stable_pair() {
	local a=$1 b=$2 dev=$3 vrid=$4 n0 e

	wait_state "$a" "$dev" "$vrid" active "$WAIT_TIMEOUT_MS" ||
		fail "$a is not active" || return
	wait_state "$b" "$dev" "$vrid" backup "$WAIT_TIMEOUT_MS" ||
		fail "$b is not backup" || return
	n0=$(vr_stat "$b" "$dev" "$vrid" rcvd_advertisements)
	busywait "$WAIT_TIMEOUT_MS" rcvd_beyond "$b" "$dev" "$vrid" $((n0 + 5)) ||
		fail "$b: rcvd-advertisements stuck at $n0"
	expect_state "$a" "$dev" active
	expect_state "$b" "$dev" backup
	for n0 in "$a" "$b"; do
		e=$(net_vrid_errors "$n0")
		[[ "$e" == 0 ]] || fail "$n0: vrid-errors $e, expected 0"
	done
	show_routers "$a" "$b"
}

# carrier_failover DEV VRID BPRIO STREAM: R1's LAN link loses carrier on
# the switch side; R2 (priority BPRIO) takes over; the client's stream
# STREAM sees at most the outage bound over R2's Active_Down_Interval.
carrier_failover() {
	local dev=$1 vrid=$2

	pwait "$4" 20 || return
	run ip -n "$SW" link set l-r1 down
	wait_state "$R2" "$dev" "$vrid" active "$WAIT_TIMEOUT_MS" ||
		fail "R2 did not take over"
	pwait "$4" 20 || return
	gap_ok "$4" "$(adi_us "$3" "$INTERVAL")" failover_outage
	run ip -n "$SW" link set l-r1 up
}

test_end() {
	local name

	for name in "${!PLOG[@]}"; do
		pstop "$name"
	done
	cleanup_all_ns
}

##############################################################################

try_vlan_trunk() {
	local n clvmac rep t1 t100 arp

	# Trunks to the routers: VLAN 100 tagged, PVID 1 untagged.
	RPRE="link add link eth0 name eth0.100 type vlan id 100
link set eth0.100 up" RPOST="addr add 10.100.0.@N@/24 dev eth0.100" \
	FWDEVS="eth0 eth0.100" topo vlan_filtering 1 mcast_snooping 1 mcast_querier 1 || return
	setup_ns CLV || return
	ns_sysctls "$CLV" || return
	ipb "$SW" "$(sw_port "$CLV" eth0 l-c100 br0)" || return
	run bridge -n "$SW" -batch - <<-EOF || return
	vlan add dev l-r1 vid 100
	vlan add dev l-r2 vid 100
	vlan add dev l-c100 vid 100 pvid untagged
	vlan del dev l-c100 vid 1
	EOF
	# The same virtual address in VLAN 100, on another subnet.
	ipb "$CLV" "link set eth0 up
addr add 10.100.0.100/24 dev eth0
route add default via $VIP dev eth0 onlink" || return
	clvmac=$(ip -n "$CLV" -br link show eth0 | awk '{ print $3 }')

	# Same VRID, same address; R1 leads VLAN 1, R2 leads VLAN 100.
	vrrpctl "$R1" add eth0 vrid "$VRID" prio 200 interval "$INTERVAL" address "$VIP_CIDR" || return
	vrrpctl "$R2" add eth0 vrid "$VRID" prio 100 interval "$INTERVAL" address "$VIP_CIDR" || return
	vrrpctl "$R1" add eth0.100 vrid "$VRID" prio 100 interval "$INTERVAL" address "$VIP_CIDR" || return
	vrrpctl "$R2" add eth0.100 vrid "$VRID" prio 200 interval "$INTERVAL" address "$VIP_CIDR" || return
	stable_pair "$R1" "$R2" eth0 "$VRID" || return
	stable_pair "$R2" "$R1" eth0.100 "$VRID" || return

	# A tagged ARP request is answered in its VLAN only, by its Active
	# router, tagged. Captured on the bridge's router ports.
	CAP=$(mktemp /tmp/vrrp-field.XXXXXX)
	CAP2=$(mktemp /tmp/vrrp-field.XXXXXX)
	bg_start tcpdump ip netns exec "$SW" tcpdump -U -n -i l-r1 -w "$CAP" arp 2>/dev/null
	bg_start tcpdump2 ip netns exec "$SW" tcpdump -U -n -i l-r2 -w "$CAP2" arp 2>/dev/null
	busywait "$WAIT_TIMEOUT_MS" test -s "$CAP" -a -s "$CAP2" || fail "tcpdump did not start"
	ktap_diag "+ ip netns exec $CLV busybox arping -c 3 -w 5 -I eth0 $VIP"
	arp=$(ip netns exec "$CLV" busybox arping -c 3 -w 5 -I eth0 "$VIP" 2>&1)
	ktap_diag "$arp"
	bg_stop tcpdump INT
	bg_stop tcpdump2 INT
	rep=$({ tcpdump -r "$CAP" -n -e; tcpdump -r "$CAP2" -n -e; } 2>/dev/null |
		grep -i "> $clvmac," | grep 'Reply ')
	rm -f "$CAP" "$CAP2"
	CAP=
	CAP2=
	ktap_diag "ARP replies to $clvmac seen on the bridge:"$'\n'"$rep"
	n=$(grep -c 'Reply ' <<< "$rep")
	((n >= 1)) || fail "no ARP reply to the VLAN 100 client on the router ports"
	n=$(grep -vc "vlan 100" <<< "$rep")
	[[ -z "$rep" ]] && n=0
	((n == 0)) || fail "$n untagged ARP replies to a tagged request"
	grep -qi "reply from $VIP \[$(vmac "$VRID")\]" <<< "$arp" ||
		fail "the VLAN 100 client got no ARP reply from $(vmac "$VRID")"

	pstart c1 "$CL" "$SRV4"
	pstart c100 "$CLV" "$SRV4"
	pwait c1 20 || return
	pwait c100 20 || return
	# Each VLAN's traffic goes through its own Active router only.
	t1=$(fwd "$R2" eth0) || { fail "cannot read R2's eth0 forward counter"; return; }
	t100=$(fwd "$R1" eth0.100) || { fail "cannot read R1's eth0.100 forward counter"; return; }
	ktap_diag "forwarded: R2 (VLAN 1 Backup) from eth0 $t1, R1 (VLAN 100 Backup) from eth0.100 $t100"
	((t1 == 0)) || fail "the VLAN 1 Backup R2 forwarded $t1 packets"
	((t100 == 0)) || fail "the VLAN 100 Backup R1 forwarded $t100 packets"

	# Failover in VLAN 1: R1's untagged frames no longer reach the LAN.
	t100=$(transitions "$R2" eth0.100)
	run bridge -n "$SW" vlan del dev l-r1 vid 1
	wait_state "$R2" eth0 "$VRID" active "$WAIT_TIMEOUT_MS" ||
		fail "R2 did not take VLAN 1 over"
	pwait c1 20 || return
	pwait c100 20 || return
	gap_ok c1 "$(adi_us 100 "$INTERVAL")" vlan1_failover_outage
	gap_ok c100 0 vlan100_outage_in_vlan1_failover
	expect_state "$R2" eth0.100 active
	expect_state "$R1" eth0.100 backup
	[[ $(transitions "$R2" eth0.100) == "$t100" ]] ||
		fail "R2's VLAN 100 router changed state during the VLAN 1 failover"
	run bridge -n "$SW" vlan add dev l-r1 vid 1 pvid untagged
	wait_state "$R2" eth0 "$VRID" backup "$WAIT_TIMEOUT_MS" ||
		fail "R1 did not take VLAN 1 back"

	# Failover in VLAN 100: R2's tagged frames no longer reach the LAN.
	pstart c1 "$CL" "$SRV4"
	pstart c100 "$CLV" "$SRV4"
	pwait c1 20 || return
	pwait c100 20 || return
	t1=$(transitions "$R1" eth0)
	run bridge -n "$SW" vlan del dev l-r2 vid 100
	wait_state "$R1" eth0.100 "$VRID" active "$WAIT_TIMEOUT_MS" ||
		fail "R1 did not take VLAN 100 over"
	pwait c1 20 || return
	pwait c100 20 || return
	gap_ok c100 "$(adi_us 100 "$INTERVAL")" vlan100_failover_outage
	gap_ok c1 0 vlan1_outage_in_vlan100_failover
	expect_state "$R1" eth0 active
	expect_state "$R2" eth0 backup
	[[ $(transitions "$R1" eth0) == "$t1" ]] ||
		fail "R1's VLAN 1 router changed state during the VLAN 100 failover"
	show_routers "$R1" "$R2"
}

# vrf_topo: both routers' eth0 and eth1 in the VRF "lan" (table 10).
vrf_topo() {
	RPRE="link add lan type vrf table 10
link set lan up
link set eth0 master lan
link set eth1 master lan" FWDEVS=lan topo mcast_snooping 1 mcast_querier 1 || return
	run ip -n "$R1" route show vrf lan
}

try_vrf4() {
	vrf_topo || return
	vrrp_add "$R1" 200 "$INTERVAL" || return
	vrrp_add "$R2" 100 "$INTERVAL" || return
	stable_pair "$R1" "$R2" eth0 "$VRID" || return
	pstart cl "$CL" "$SRV4"
	pwait cl 20 || return
	(($(fwd "$R1" lan) > 0)) || fail "R1 forwarded nothing in the VRF"
	carrier_failover eth0 "$VRID" 100 cl
}

try_vrf6() {
	vrf_topo || return
	vrrpctl "$R1" add eth0 vrid "$VRID" family inet6 prio 200 interval "$INTERVAL" \
		address "$VIP6LL" address "$VIP6/64" || return
	vrrpctl "$R2" add eth0 vrid "$VRID" family inet6 prio 100 interval "$INTERVAL" \
		address "$VIP6LL" address "$VIP6/64" || return
	stable_pair "$R1" "$R2" eth0 "$VRID" || return
	pstart cl "$CL" "$SRV6"
	pwait cl 20 || return
	(($(fwd "$R1" lan) > 0)) || fail "R1 forwarded nothing in the VRF"
	carrier_failover eth0 "$VRID" 100 cl
}

# active_slave NS: the bond's active slave.
active_slave() {
	ip -n "$1" -d -j link show bond0 | jq -r '.[0].linkinfo.info_data.active_slave // empty'
}

slave_is() {
	[[ "$(active_slave "$1")" == "$2" ]]
}

try_bond() {
	local out rc s t1 other

	BOND=1 topo mcast_snooping 1 mcast_querier 1 || return

	# A bond member's frames go to the bond: refused, with the reason.
	ktap_diag "+ vrrpctl -n $R1 add eth0a vrid 11 address 192.0.2.11/24"
	out=$("$VRRPCTL_BIN" -n "$R1" add eth0a vrid 11 address 192.0.2.11/24 2>&1)
	rc=$?
	ktap_diag "$out (exit $rc)"
	((rc == 1)) || fail "add on a bond member: exit $rc, expected 1"
	grep -q 'bond or team port' <<< "$out" ||
		fail "add on a bond member: no extack message"
	# ... and a device with virtual routers is not enslaved later.
	run ip -n "$R1" link add vrdummy type dummy || return
	vrrpctl "$R1" add vrdummy vrid 12 address 192.0.2.12/24 ||
		fail "add on a dummy device failed"
	ktap_diag "+ ip -n $R1 link set vrdummy master bond0"
	out=$(ip -n "$R1" link set vrdummy master bond0 2>&1)
	rc=$?
	ktap_diag "$out (exit $rc)"
	((rc != 0)) || fail "a device with virtual routers was enslaved to a bond"
	grep -q 'virtual routers' <<< "$out" || fail "enslaving: no extack message"

	vrrpctl "$R1" add bond0 vrid "$VRID" prio 200 interval "$INTERVAL" address "$VIP_CIDR" || return
	vrrpctl "$R2" add eth0 vrid "$VRID" prio 100 interval "$INTERVAL" address "$VIP_CIDR" || return
	wait_state "$R1" bond0 "$VRID" active "$WAIT_TIMEOUT_MS" || fail "R1 not active" || return
	wait_state "$R2" eth0 "$VRID" backup "$WAIT_TIMEOUT_MS" || fail "R2 not backup" || return

	pstart cl "$CL" "$SRV4"
	pwait cl 20 || return
	(($(fwd "$R1" bond0) > 0)) || fail "R1 forwarded nothing from bond0"

	# The active slave fails: the bond moves, VRRP does not.
	s=$(active_slave "$R1")
	[[ "$s" == eth0a ]] && other=eth0b || other=eth0a
	ktap_diag "active slave: $s"
	t1=$(transitions "$R1" bond0)
	run ip -n "$SW" link set "l-r1${s#eth0}" down
	busywait "$WAIT_TIMEOUT_MS" slave_is "$R1" "$other" ||
		fail "the bond did not move to $other"
	pwait cl 20 || return
	gap_ok cl 0 slave_failure_outage
	# R1 never left Active. R2's transitions are not compared: a guest
	# stall makes a Backup flap for a moment, which cannot be told apart
	# here from a flap the slave change caused; the gap bound above is
	# what the client sees.
	expect_state "$R1" bond0 active
	expect_state "$R2" eth0 backup
	[[ $(transitions "$R1" bond0) == "$t1" ]] ||
		fail "R1 left Active during the slave failure"

	# The bond loses carrier: VRRP fails over.
	pstart cl "$CL" "$SRV4"
	pwait cl 20 || return
	run ip -n "$SW" link set "l-r1${other#eth0}" down
	wait_state "$R2" eth0 "$VRID" active "$WAIT_TIMEOUT_MS" || fail "R2 did not take over"
	pwait cl 20 || return
	gap_ok cl "$(adi_us 100 "$INTERVAL")" bond_carrier_loss_outage
	(($(fwd "$R2" eth0) > 0)) || fail "R2 forwarded nothing"
	run ip -n "$SW" link set "l-r1${s#eth0}" up
	wait_state "$R1" bond0 "$VRID" active "$WAIT_TIMEOUT_MS" || fail "R1 did not come back"
}

# mdb_has PORT GROUP: the snooping bridge forwards GROUP to PORT.
mdb_has() {
	bridge -n "$SW" mdb show dev br0 2>/dev/null | grep -q "port $1 grp $2 "
}

try_snooping() {
	local r n out rc

	topo mcast_snooping 1 mcast_querier 1 mcast_query_response_interval 100 || return
	# As a snooping switch: no flooding of unknown groups to the routers.
	run bridge -n "$SW" -batch - <<-EOF || return
	link set dev l-r1 mcast_flood off
	link set dev l-r2 mcast_flood off
	EOF

	# A bridge port's frames go to the bridge: refused, with the reason.
	ktap_diag "+ vrrpctl -n $SW add l-cl vrid 11 family inet6 address fe80::11"
	out=$("$VRRPCTL_BIN" -n "$SW" add l-cl vrid 11 family inet6 address fe80::11 2>&1)
	rc=$?
	ktap_diag "$out (exit $rc)"
	((rc == 1)) || fail "add on a bridge port: exit $rc, expected 1"
	grep -q 'bridge port' <<< "$out" || fail "add on a bridge port: no extack message"

	for r in 1 2; do
		n=R$r
		vrrpctl "${!n}" add eth0 vrid "$VRID" family inet6 prio $((300 - r * 100)) \
			interval "$INTERVAL" address "$VIP6LL" address "$VIP6/64" || return
	done
	# ff02::12 on both, the solicited-node group of 2001:db8:1::1 (VIP6)
	# on the Active router's port.
	for r in l-r1 l-r2; do
		slowwait $((WAIT_TIMEOUT_MS / 1000)) mdb_has "$r" ff02::12 ||
			fail "the bridge does not forward ff02::12 to $r"
	done
	slowwait $((WAIT_TIMEOUT_MS / 1000)) mdb_has l-r1 ff02::1:ff00:1 ||
		fail "the bridge does not forward ff02::1:ff00:1 to the Active R1"
	run bridge -n "$SW" mdb show dev br0
	stable_pair "$R1" "$R2" eth0 "$VRID" || return
	pstart cl "$CL" "$SRV6"
	pwait cl 20 || return
	carrier_failover eth0 "$VRID" 100 cl
	wait_state "$R1" eth0 "$VRID" active "$WAIT_TIMEOUT_MS" || fail "R1 did not come back"
}

##############################################################################

require_root
require_cmd ip bridge jq nft ping tcpdump busybox
require_vrrp
lib_init

cleanup() {
	local name

	for name in "${!PLOG[@]}"; do
		rm -f "${PLOG[$name]}"
	done
	rm -f "${CAP:-}" "${CAP2:-}"
}

# field_try NAME: one try of test NAME, its namespaces removed after it.
field_try() {
	local rc

	"try_$1"
	rc=$?
	test_end
	return "$rc"
}

# Each test builds its own topology: a try that the platform spoiled is
# made again from scratch.
test_case() {
	measure_stable field_try "$1"
}

ktap_header
tests_plan
ktap_diag "kernel $(uname -r)"
tests_run
ktap_finish
