#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Faults under load: R1 runs every VRID (1-255; IPv4, and IPv6 for every
# 16th) on its LAN interface at a 10 ms interval while the client streams through the
# VIP of VRID 10 (R2 is that VRID's Backup). Then the interface is flapped,
# its MTU changed, it is renamed, its address removed, it is moved to
# another namespace; VLAN and bridge interfaces with routers are removed
# underneath; R1's namespace is deleted; the module is unloaded (and
# loaded again). After each: the kernel log is clean (ktap_run), the routers
# recover or are gone, and nothing is left behind (vMAC filter entries,
# 224.0.0.18 / ff02::12 membership, Accept_Mode addresses). Leaked timers
# and objects are for the debug kernel's kmemleak and debug objects.
#
# Environment: FAULT_ROUTERS (VRIDs per family, default 255),
# FAULT_INTERVAL (ms, default 10), FAULT_FLAPS (default 40). The IPv6
# routers are every 16th VRID: 255 + 15 routers at 10 ms already put
# 27,000 advertisements a second through an emulated CPU.

# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

ALL_TESTS="
	setup
	link_flap
	mtu
	rename
	addr_removal
	netns_move
	vlan_bridge_removed
	netns_delete
	rmmod
"

: "${FAULT_ROUTERS:=255}"
: "${FAULT_INTERVAL:=10}"
: "${FAULT_FLAPS:=40}"

# Generous: 2 x FAULT_ROUTERS routers must all settle again under TCG.
SETTLE_MS=$((WAIT_TIMEOUT_MS * 3))

# vrids: 1..FAULT_ROUTERS, always including $VRID.
vrids() {
	local v

	for ((v = 1; v <= FAULT_ROUTERS; v++)); do
		echo "$v"
	done
	[[ $FAULT_ROUTERS -ge $VRID ]] || echo "$VRID"
}

# many_batch DEV PRIO INTERVAL: vrrpctl -batch lines for every VRID (IPv4)
# and every 16th VRID (IPv6) on DEV. VRID $VRID carries the LAN's VIP (the
# client's gateway); the others carry addresses of their own, Accept_Mode
# on every 16th, so that addresses are installed and must be removed again.
many_batch() {
	local dev=$1 prio=$2 ival=$3 v accept

	while read -r v; do
		accept=off
		((v % 16 == 0)) && accept=on
		if [[ $v -eq $VRID ]]; then
			echo "add $dev vrid $v prio $prio interval $ival address $VIP_CIDR"
		else
			echo "add $dev vrid $v prio $prio interval $ival accept $accept address 10.$v.0.1/24"
		fi
		((v % 16 == 0)) || continue
		printf 'add %s vrid %d prio %d interval %d accept %s address fe80::1:%x/64 address 2001:db8:%x::1/64\n' \
			"$dev" "$v" "$prio" "$ival" "$accept" "$v" "$v"
	done < <(vrids)
}

# nrouters: how many routers many_batch makes on one device.
nrouters() {
	local n

	n=$(vrids | wc -l)
	echo $((n + n / 16))
}

many_add() {
	local ns=$1 dev=$2 prio=$3 ival=${4:-$FAULT_INTERVAL} f

	f=$(mktemp /tmp/vrrp-batch.XXXXXX)
	many_batch "$dev" "$prio" "$ival" > "$f"
	ktap_diag "+ vrrpctl -n $ns -batch ($(wc -l < "$f") routers on $dev)"
	"$VRRPCTL_BIN" -n "$ns" -batch "$f" >&3 2>&1
	local rc=$?
	rm -f "$f"
	return "$rc"
}

# count NS STATE [DEV]: routers of NS (on DEV) in STATE ("" = any).
count() {
	local ns=$1 st=$2 dev=${3:-} j key rest

	j=$("$VRRPCTL_BIN" -n "$ns" -j show ${dev:+dev "$dev"} 2>/dev/null) ||
		{ echo -1; return; }
	[[ "$j" == \[* ]] || { echo -1; return; }
	# One key a router in the compact JSON; bash counts them: it is
	# polled, and jq takes seconds to start on the debug kernel.
	key='"vrid":'
	[[ -z "$st" ]] || key="\"state\":\"$st\""
	rest=${j//"$key"/}
	echo $(((${#j} - ${#rest}) / ${#key}))
}

count_is() {
	[[ "$(count "$2" "$3" "${4:-}")" == "$1" ]]
}

# all_active NS DEV: every router R1 has on DEV is Active.
all_active() {
	count_is "$(nrouters)" "$1" active "$2"
}

wait_all_active() {
	local ns=$1 dev=$2 t0

	tick
	t0=$NOW_MS
	if busywait "$SETTLE_MS" all_active "$ns" "$dev"; then
		tick
		ktap_diag "$ns $dev: all $(nrouters) routers active after $((NOW_MS - t0)) ms"
		return 0
	fi
	ktap_diag "$ns $dev: $(count "$ns" active "$dev") active, $(count "$ns" backup "$dev") backup, $(count "$ns" init "$dev") init"
	return 1
}

# traces NS DEV: what is left on DEV: vMAC entries in its unicast filter,
# VRRP groups joined, Accept_Mode addresses of ours; nothing if clean.
# Two processes (bash matches the lines): a look must be short for the
# time it finds things gone to mean something under TCG.
traces() {
	local ns=$1 dev=$2 line vmac=0 addrs=0 groups=

	while read -r line; do
		[[ "${line,,}" == 00:00:5e:00:0[12]:* ]] && vmac=$((vmac + 1))
	done < <(bridge -n "$ns" fdb show dev "$dev" 2>/dev/null)
	while read -r line; do
		[[ "$line" =~ ^inet6?\ +(224\.0\.0\.18|ff02::12)(\ |$) ]] &&
			groups+="${groups:+, }$line"
		[[ "$line" =~ ^inet6?\ (10\.[0-9]+\.0\.1|2001:db8:[0-9a-f]+::1|fe80::1:[0-9a-f]+)/ ]] &&
			addrs=$((addrs + 1))
	done < <(ip -n "$ns" -batch - 2>/dev/null <<< "maddr show dev $dev
addr show dev $dev")
	((vmac)) && echo "vMAC filter entries left: $vmac"
	[[ -z "$groups" ]] || echo "still joined: $groups"
	((addrs)) && echo "Accept_Mode addresses left: $addrs"
	return 0
}

# Deleted Active routers drain (kernel/drain.c): they keep their vMAC
# filter entry and their interface's groups for at most the
# Active_Down_Interval of a priority-1 Backup at their interval, from
# their deletion. The routers deleted here run at FAULT_INTERVAL (those
# at 1 s in vlan_bridge_removed go with their device: no drain).
DRAIN_MS=$((3 * FAULT_INTERVAL + 255 * FAULT_INTERVAL / 256))
# One look at the traces (two processes) and the one before it, under
# TCG with KASAN.
TRACES_SLACK_MS=2000

# no_traces NS DEV [WORK_MS [SINCE_MS]]: nothing left on DEV once the
# drains are over. WORK_MS: how long the deletions took; the releases at
# the drains' end do as much again, under rtnl, one router at a time.
# SINCE_MS: when the deletions ended (NOW_MS; default: now).
no_traces() {
	local bound=$((DRAIN_MS + ${3:-0} + TRACES_SLACK_MS))
	local t0 start left looks=0 longest=0

	tick
	t0=${4:-$NOW_MS}
	while :; do
		start=$NOW_MS
		left=$(traces "$1" "$2")
		tick
		looks=$((looks + 1))
		((NOW_MS - start > longest)) && longest=$((NOW_MS - start))
		if [[ -z "$left" ]]; then
			ktap_diag "$1 $2: clean $((start - t0))-$((NOW_MS - t0)) ms after the deletions ($looks looks, the longest $longest ms; bound $bound ms)"
			((start - t0 <= bound)) && return 0
			fail "$1 $2: clean only $((start - t0)) ms after the deletions, over $bound ms"
			return 1
		fi
		((start - t0 > bound)) && break
		nap 0.05
		tick
	done
	fail "$1 $2: not clean $bound ms after the deletions: ${left//$'\n'/; }"
}

# joined NS DEV: both VRRP groups joined on DEV.
joined() {
	local out

	out=$(ip -n "$1" maddr show dev "$2" 2>/dev/null)
	grep -qw '224.0.0.18' <<< "$out" && grep -qw 'ff02::12' <<< "$out"
}

# The topology, R1 with every router, R2 Backup of VRID 10 (IPv4), the
# switch dropping every VRRP packet but VRID 10's (and R1's VLAN) so that
# the LAN carries R1's advertisements only as far as the bridge.
setup() {
	cleanup_all_ns
	unset SW R1 R2 CL SRV
	topo_create || { fail "cannot build the topology"; return 1; }
	ktap_diag "+ ip netns exec $SW nft -f - (bridge: VRRP of VRID $VRID only)"
	ip netns exec "$SW" nft -f - <<-NFT || { fail "nft failed"; return 1; }
	table bridge vrrpfault {
		chain filt {
			type filter hook forward priority filter; policy accept;
			ip protocol 112 @th,8,8 != $VRID drop
			ip6 nexthdr 112 @th,8,8 != $VRID drop
			vlan id 100 drop
		}
	}
	NFT
	many_add "$R1" eth0 200 || { fail "batch add on R1 failed"; return 1; }
	vrrp_add "$R2" 100 "$FAULT_INTERVAL" || { fail "add on R2 failed"; return 1; }
	wait_all_active "$R1" eth0 || { fail "R1's routers did not all become active"; return 1; }
	wait_state "$R2" eth0 "$VRID" backup "$WAIT_TIMEOUT_MS" ||
		{ fail "R2 not backup"; return 1; }
	probe_start
	if ! probe_wait_replies 10 "$WAIT_TIMEOUT_MS"; then
		# What the client saw, and whom it resolved the gateway to.
		probe_stop
		run ip -n "$CL" neigh show
		fail "fewer than 10 probe replies through the VIP"
		return 1
	fi
}

# recovered: R1's routers all Active again, R2 Backup, the client served.
recovered() {
	local dev=${1:-eth0}

	wait_all_active "$R1" "$dev" || fail "R1's routers did not all recover"
	wait_state "$R2" eth0 "$VRID" backup "$WAIT_TIMEOUT_MS" || fail "R2 did not return to backup"
	busywait "$WAIT_TIMEOUT_MS" joined "$R1" "$dev" ||
		fail "R1 $dev: not joined to 224.0.0.18 and ff02::12: $(ip -n "$R1" maddr show dev "$dev" | tr -s ' \n' ' ')"
	slowwait 20 ip netns exec "$CL" ping -c 1 -W 1 "$SERVER_IP" >/dev/null ||
		fail "the client cannot reach the server through the VIP"
}

# teardown: flush R1's routers, then no traces on its eth0.
teardown() {
	local dev=eth0 t0 took

	probe_stop
	tick
	t0=$NOW_MS
	run "$VRRPCTL_BIN" -n "$R1" flush || fail "flush failed"
	tick
	took=$((NOW_MS - t0))
	t0=$NOW_MS
	ktap_diag "flush took $took ms"
	count_is 0 "$R1" "" || fail "R1 still has $(count "$R1" "") routers after flush"
	no_traces "$R1" "$dev" "$took" "$t0"
}

test_setup() {
	setup || return
	ktap_diag "R1: $(count "$R1" active) active routers, interval $FAULT_INTERVAL ms"
	teardown
}

test_link_flap() {
	local i

	setup || return
	ktap_diag "+ $FAULT_FLAPS x (R1 eth0 down; up), $FAULT_FLAPS x (switch port down; up)"
	for ((i = 0; i < FAULT_FLAPS; i++)); do
		if ! ip -n "$R1" link set eth0 down || ! ip -n "$R1" link set eth0 up; then
			fail "admin flap $i failed"
			break
		fi
	done
	for ((i = 0; i < FAULT_FLAPS; i++)); do
		if ! ip -n "$SW" link set l-r1 down || ! ip -n "$SW" link set l-r1 up; then
			fail "carrier flap $i failed"
			break
		fi
	done
	recovered
	teardown
}

test_mtu() {
	local m

	setup || return
	# 1280 is IPv6's minimum: below it the device loses IPv6 (its
	# link-local address, ff02::12) and gets it back above.
	for m in 1280 576 68 9000 1279 1500; do
		run ip -n "$R1" link set eth0 mtu "$m" || fail "mtu $m failed"
	done
	recovered
	teardown
}

test_rename() {
	setup || return
	run ip -n "$R1" link set eth0 down
	run ip -n "$R1" link set eth0 name lan0 || { fail "rename failed"; return; }
	run ip -n "$R1" link set lan0 up
	recovered lan0
	run ip -n "$R1" link set lan0 down
	run ip -n "$R1" link set lan0 name eth0 || { fail "rename back failed"; return; }
	run ip -n "$R1" link set eth0 up
	recovered
	teardown
}

test_addr_removal() {
	setup || return
	# Without an IPv4 address VRRPv3 has no source for its advertisements
	# (RFC 9568 5.1.1.1): R2 takes over; with it back, R1 preempts.
	run ip -n "$R1" addr del "$LAN_PREFIX.2/24" dev eth0 || fail "addr del failed"
	run ip -n "$R1" -6 addr flush dev eth0 scope link || fail "addr flush failed"
	wait_state "$R2" eth0 "$VRID" active "$WAIT_TIMEOUT_MS" ||
		fail "R2 did not take over from R1 without an address"
	run ip -n "$R1" addr add "$LAN_PREFIX.2/24" dev eth0 || fail "addr add failed"
	# The link-local address comes back with the next up.
	run ip -n "$R1" link set eth0 down
	run ip -n "$R1" link set eth0 up
	recovered
	teardown
}

test_netns_move() {
	local NEW

	setup || return
	setup_ns NEW || { fail "setup_ns failed"; return; }
	run ip -n "$R1" link set eth0 netns "$NEW" || { fail "netns move failed"; return; }
	# The interface left R1: its routers are gone, in both namespaces.
	busywait "$WAIT_TIMEOUT_MS" count_is 0 "$R1" "" ||
		fail "R1 still has $(count "$R1" "") routers after eth0 moved away"
	count_is 0 "$NEW" "" || fail "$NEW has $(count "$NEW" "") routers"
	wait_state "$R2" eth0 "$VRID" active "$WAIT_TIMEOUT_MS" ||
		fail "R2 did not take over"
	probe_stop
	no_traces "$NEW" eth0
	# and the moved interface works for a new router in its new home,
	# once it has an address there to advertise from (it left its
	# addresses behind)
	run ip -n "$NEW" addr add "$LAN_PREFIX.2/24" dev eth0
	run ip -n "$NEW" link set eth0 up
	vrrp_add "$NEW" 50 "$FAULT_INTERVAL" || fail "add in $NEW failed"
	wait_state "$NEW" eth0 "$VRID" backup "$WAIT_TIMEOUT_MS" ||
		fail "a router on the moved eth0 does not hear R2"
	run "$VRRPCTL_BIN" -n "$NEW" flush
	no_traces "$NEW" eth0
}

# Routers on a VLAN and on a bridge of R1 whose lower device / the bridge
# itself is deleted underneath them.
test_vlan_bridge_removed() {
	setup || return
	run ip -n "$R1" link add link eth0 name eth0.100 type vlan id 100 || { fail "vlan"; return; }
	run ip -n "$R1" addr add 192.0.2.66/24 dev eth0.100
	run ip -n "$R1" link set eth0.100 up
	run ip -n "$R1" link add lanbr type bridge || { fail "bridge"; return; }
	run ip -n "$R1" link add dummy0 type dummy
	run ip -n "$R1" link set dummy0 master lanbr up
	run ip -n "$R1" addr add 192.0.2.67/24 dev lanbr
	run ip -n "$R1" link set lanbr up
	# 1 s here: the removal is the point, not more load.
	many_add "$R1" eth0.100 150 1000 || fail "batch add on eth0.100 failed"
	many_add "$R1" lanbr 150 1000 || fail "batch add on lanbr failed"
	wait_all_active "$R1" eth0.100 || fail "eth0.100's routers not all active"
	wait_all_active "$R1" lanbr || fail "lanbr's routers not all active"
	# The VLAN goes with its lower device: R1's eth0 goes, taking
	# eth0.100 and the routers of both with it.
	run ip -n "$R1" link del eth0 || fail "link del eth0 failed"
	run ip -n "$R1" link del lanbr || fail "link del lanbr failed"
	busywait "$WAIT_TIMEOUT_MS" count_is 0 "$R1" "" ||
		fail "R1 still has $(count "$R1" "") routers"
	wait_state "$R2" eth0 "$VRID" active "$WAIT_TIMEOUT_MS" ||
		fail "R2 did not take over"
	probe_stop
	no_traces "$R1" dummy0
}

test_netns_delete() {
	setup || return
	run ip netns del "$R1" || { fail "ip netns del failed"; return; }
	busywait "$WAIT_TIMEOUT_MS" ns_gone "$R1" || fail "namespace $R1 still listed"
	cleanup_ns "$R1"
	wait_state "$R2" eth0 "$VRID" active "$WAIT_TIMEOUT_MS" ||
		fail "R2 did not take over after R1's namespace went"
	probe_stop
	# The client lost its gateway for at most a takeover.
	slowwait 20 ip netns exec "$CL" ping -c 1 -W 1 "$SERVER_IP" >/dev/null ||
		fail "the client cannot reach the server through R2"
	cleanup_all_ns || fail "namespaces not removed"
}

# Unloading the module with every router running and the client streaming:
# the routers of both namespaces go, and neither eth0 keeps a vMAC filter
# entry, a group membership or an Accept_Mode address. The module is loaded
# again and serves a new router.
test_rmmod() {
	[[ -n "${VRRP_KO:-}" ]] || { skip_test "VRRP_KO not set: could not reload"; return; }
	setup || return
	run timeout 120 rmmod vrrp || { probe_stop; fail "rmmod vrrp failed"; return; }
	probe_stop
	[[ ! -d /sys/module/vrrp ]] || fail "/sys/module/vrrp still exists"
	no_traces "$R1" eth0
	no_traces "$R2" eth0
	run insmod "$VRRP_KO" || { fail "insmod $VRRP_KO failed"; return; }
	count_is 0 "$R1" "" || fail "R1 shows $(count "$R1" "") routers after the reload"
	vrrp_add "$R2" 100 "$FAULT_INTERVAL" || fail "add on R2 after the reload failed"
	wait_state "$R2" eth0 "$VRID" active "$WAIT_TIMEOUT_MS" ||
		fail "R2's new router did not become active"
	slowwait 20 ip netns exec "$CL" ping -c 1 -W 1 "$SERVER_IP" >/dev/null ||
		fail "the client cannot reach the server through R2 after the reload"
	cleanup_all_ns || fail "namespaces not removed"
}

# Leave the module loaded for whatever runs next.
cleanup() {
	vrrp_loaded_again
}

require_root
require_cmd ip bridge nft ping
require_vrrp
lib_init

ktap_header
tests_plan
ktap_diag "kernel $(uname -r); $(nrouters) routers (VRIDs 1-$FAULT_ROUTERS, IPv6 every 16th) at $FAULT_INTERVAL ms"
tests_run
ktap_finish
