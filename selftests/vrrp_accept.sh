#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Accept_Mode (RFC 9568 6.1, 6.4.2, 6.4.3), on the topology of lib.sh
# (R1, R2 on a LAN bridge with a client): whether the Active router owns
# the virtual addresses and answers at them, in IPv4 and IPv6. Routers are
# configured with the YNL library (lib/ynl.sh); each test creates its
# routers and deletes them at the end.
#
#   accept_mode        R1 with accept: VIP local and pingable while active;
#                      moves to R2 on failover; never on the backup
#   no_accept_drops    without accept, the active router does not answer
#                      pings to the VIP, which the client resolves to the
#                      vMAC and whose echo requests reach the router
#   ipv6_failover      inet6 routers with accept: R1 active, the client
#                      resolves the VIP to 00:00:5e:00:02:VRID and pings
#                      it, R1 fails, R2 takes over and answers
#   readd              a restart: 32 routers with Accept_Mode, all Active,
#                      deleted and added again in one batch, three times:
#                      every add succeeds (an address is not taken for the
#                      interface's own while the old router's removal is
#                      pending: before 6.1 addresses carry no IFA_PROTO;
#                      from 6.1 the check cannot fail), and the addresses
#                      stay with the new Active routers
#
# Environment: VRRP_KO, WAIT_TIMEOUT_MS, KSRC (lib/ynl.sh).

# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"
# shellcheck source=lib/ynl.sh
source "$LIB_DIR/lib/ynl.sh"

ALL_TESTS="
	accept_mode
	no_accept_drops
	ipv6_failover
	readd
"

not() {
	! "$@"
}

vip_local() {
	ip -n "$1" -br addr show dev eth0 | grep -qw "$2"
}

test_accept_mode() {
	local cfg rc=0

	cfg='"ifname": "eth0", "vrid": 40, "interval": 100, "accept": 1,
	     "vip": [{"addr4": "192.0.2.40", "prefixlen": 24}]'
	ynl "$R1" "do" add "{$cfg, \"priority\": 200}" || return 1
	ynl "$R2" "do" add "{$cfg, \"priority\": 100}" || return 1
	ywait "$R1" 40 inet active || fail "R1 not active"
	ywait "$R2" 40 inet backup || fail "R2 not backup"
	busywait "$WAIT_TIMEOUT_MS" vip_local "$R1" 192.0.2.40 ||
		fail "VIP not a local address of the active R1"
	vip_local "$R2" 192.0.2.40 && fail "VIP is a local address of the backup R2"
	run ip netns exec "$CL" ping -c 2 -W 2 192.0.2.40 ||
		fail "the VIP does not answer ping in accept mode"

	r1_link down
	ywait "$R2" 40 inet active || fail "R2 did not take over"
	busywait "$WAIT_TIMEOUT_MS" vip_local "$R2" 192.0.2.40 ||
		fail "VIP did not move to R2"
	run ip netns exec "$CL" ping -c 2 -W 2 192.0.2.40 ||
		fail "the VIP does not answer ping after failover"
	r1_link up
	ywait "$R1" 40 inet active || fail "R1 did not preempt back"
	busywait "$WAIT_TIMEOUT_MS" not vip_local "$R2" 192.0.2.40 ||
		fail "VIP stayed on R2 after it became backup"

	ydel "$R1" 40 inet || rc=1
	ydel "$R2" 40 inet || rc=1
	busywait "$WAIT_TIMEOUT_MS" not vip_local "$R1" 192.0.2.40 ||
		fail "VIP stayed on R1 after the router was deleted"
	return "$rc"
}

# echo_to_r1: echo requests to 192.0.2.41 that the LAN bridge forwarded
# to R1's port so far (nft_packets: fails when unreadable).
echo_to_r1() {
	nft_packets "$SW" bridge vrrpecho r1
}

test_no_accept_drops() {
	local vm=00:00:5e:00:01:29 n rc=0

	ynl "$R1" "do" add '{"ifname": "eth0", "vrid": 41, "interval": 100,
		"priority": 200, "vip": [{"addr4": "192.0.2.41"}]}' || return 1
	ywait "$R1" 41 inet active || fail "R1 not active"
	# A ping that never reaches R1 proves nothing: count the echo
	# requests the bridge hands to R1's port, to the vMAC.
	run ip netns exec "$SW" nft -f - <<-NFT || return 1
	table bridge vrrpecho {
		counter r1 { }
		chain forward {
			type filter hook forward priority 0; policy accept;
			oifname "l-r1" ether daddr $vm ip daddr 192.0.2.41 \
				icmp type echo-request counter name r1
		}
	}
	NFT
	if run ip netns exec "$CL" ping -c 2 -W 1 192.0.2.41; then
		fail "the VIP answered ping without accept mode"
	fi
	[[ "$(client_neigh 192.0.2.41)" == "$vm" ]] ||
		fail "the client resolved 192.0.2.41 to '$(client_neigh 192.0.2.41)', not $vm"
	n=$(echo_to_r1) || fail "cannot read the bridge's echo counter"
	ktap_diag "echo requests to the VIP forwarded to R1: ${n:-none}"
	[[ "$n" == 2 ]] || fail "${n:-no} echo requests reached R1, 2 sent"
	vip_local "$R1" 192.0.2.41 && fail "VIP is local without accept mode"
	run ip netns exec "$SW" nft delete table bridge vrrpecho || rc=1
	ydel "$R1" 41 inet || rc=1
	return "$rc"
}

client_nd() {
	ip -n "$CL" -6 -j neigh show "$1" dev eth0 2>/dev/null |
		jq -r '.[0].lladdr // empty'
}

client_nd_is() {
	[[ "$(client_nd "$1")" == "$2" ]]
}

test_ipv6_failover() {
	local vm=00:00:5e:00:02:14 cfg lla rc=0

	run ip -n "$R1" addr add 2001:db8::2/64 dev eth0 nodad
	run ip -n "$R2" addr add 2001:db8::3/64 dev eth0 nodad
	run ip -n "$CL" addr add 2001:db8::100/64 dev eth0 nodad
	cfg='"ifname": "eth0", "vrid": 20, "family": "inet6", "interval": 100,
	     "accept": 1,
	     "vip": [{"addr6": "fe80::1"}, {"addr6": "2001:db8::1", "prefixlen": 64}]'
	ynl "$R1" "do" add "{$cfg, \"priority\": 200}" || return 1
	ynl "$R2" "do" add "{$cfg, \"priority\": 100}" || return 1
	ywait "$R1" 20 inet6 active || fail "R1 not active"
	ywait "$R2" 20 inet6 backup || fail "R2 not backup"
	lla=$(yfield "$R2" 20 inet6 '."active-addr6"')
	ktap_diag "R2 sees the active router at $lla"
	[[ "$lla" == fe80::* ]] || fail "R2's active-addr6 '$lla' is not link-local"

	# The client resolves the global VIP through our NS answer, and the
	# Active router answers at the VIP.
	busywait "$WAIT_TIMEOUT_MS" vip_local "$R1" 2001:db8::1 ||
		fail "VIP not a local address of the active R1"
	run ip netns exec "$CL" ping -6 -c 1 -W 2 2001:db8::1 ||
		fail "the VIP does not answer ping on R1"
	busywait "$WAIT_TIMEOUT_MS" client_nd_is 2001:db8::1 "$vm" ||
		fail "client's neighbour 2001:db8::1 is '$(client_nd 2001:db8::1)', expected $vm"

	r1_link down
	ywait "$R2" 20 inet6 active || fail "R2 did not take over"
	busywait "$WAIT_TIMEOUT_MS" vip_local "$R2" 2001:db8::1 ||
		fail "VIP did not move to R2"
	run ip netns exec "$CL" ping -6 -c 1 -W 2 2001:db8::1 ||
		fail "the VIP does not answer ping after failover to R2"
	[[ "$(client_nd 2001:db8::1)" == "$vm" ]] ||
		fail "client's neighbour after failover is '$(client_nd 2001:db8::1)'"
	r1_link up
	ywait "$R1" 20 inet6 active || fail "R1 did not preempt back"
	ywait "$R2" 20 inet6 backup || fail "R2 did not return to backup"

	ydel "$R1" 20 inet6 || rc=1
	ydel "$R2" 20 inet6 || rc=1
	return "$rc"
}

# A restart's batch (vrrpctl flush, then the configuration again): READD_N
# routers with Accept_Mode, alone on the LAN (R2 has none), VRIDs 101 on,
# four addresses each in 10.77.0.0/24. Their removals are work items,
# serialized on rtnl, one request an address: many are pending while the
# adds come, unless an add waits for them.
READD_N=32
READD_HOG_S=2

# readd_add: the add lines of every router.
readd_add() {
	local r a

	for ((r = 0; r < READD_N; r++)); do
		printf 'add eth0 vrid %d prio 200 interval 10 accept on' $((101 + r))
		for ((a = 1; a <= 4; a++)); do
			printf ' address 10.77.0.%d/24' $((4 * r + a))
		done
		echo
	done
}

# readd_del: the del lines of every router.
readd_del() {
	local r

	for ((r = 0; r < READD_N; r++)); do
		echo "del eth0 vrid $((101 + r))"
	done
}

# readd_installed N: whether R1's eth0 has N addresses in 10.77.0.0/24.
readd_installed() {
	[[ $(ip -n "$R1" -o -4 addr show dev eth0 | grep -c ' 10\.77\.0\.') -eq $1 ]]
}

test_readd() {
	local i n=$((4 * READD_N)) ok=1

	readd_add | vrrpctl "$R1" -b - || return 1
	for ((i = 1; i <= 3; i++)); do
		busywait "$WAIT_TIMEOUT_MS" readd_installed "$n" ||
			{ ok=0; fail "round $i: the $n addresses are not all installed"; break; }
		# The removals are work items of an unbound workqueue. On a busy
		# router its kworkers wait for a CPU: here vrrpctl runs
		# SCHED_FIFO on CPU 0 and a SCHED_FIFO loop on CPU 1, so that the
		# removals stay pending until an add sleeps waiting for them.
		# The loop ends by itself after READD_HOG_S: under PREEMPT_RT it
		# starves CPU 1's RCU and softirq threads (SCHED_FIFO 1), and a
		# grace period the batch waits for would never end.
		bg_start hog taskset -c 1 chrt -f 50 bash -c \
			"end=\$((SECONDS + $READD_HOG_S)); while ((SECONDS < end)); do :; done"
		if ! { readd_del; readd_add; } |
			log_cmd taskset -c 0 chrt -f 50 "$VRRPCTL_BIN" -n "$R1" -b -; then
			ok=0
			fail "round $i: deleting the $READD_N routers and adding them again failed"
		fi
		bg_stop hog KILL
		((ok)) || break
	done
	# No late removal took an address from under the new Active routers.
	if ((ok)); then
		busywait "$WAIT_TIMEOUT_MS" readd_installed "$n" ||
			fail "the addresses are not all installed after the last round"
	fi
	readd_del | vrrpctl "$R1" -force -b - > /dev/null 2>&1
	busywait "$WAIT_TIMEOUT_MS" readd_installed 0 ||
		fail "addresses stayed on R1 after the routers were deleted"
	return 0
}

require_root
require_cmd ip bridge nft jq ping python3 chrt taskset
require_vrrp
lib_init

suite_run topo_create
