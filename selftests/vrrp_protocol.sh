#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Protocol behaviour beyond the first failover, on the topology of lib.sh
# (R1, R2 on a LAN bridge with a client). Routers are configured with the
# kernel's YNL library (vrrp_ynl.py) so every attribute of the spec can be
# used; each test creates its routers and deletes them at the end. States
# are polled and routers deleted with vrrpctl: python takes seconds to
# start under TCG.
#
#   ipv6_failover      inet6 routers (accept mode, so that the VIP answers
#                      ping): R1 active, the client resolves the VIP to
#                      00:00:5e:00:02:VRID and pings it, R1 fails, R2
#                      takes over and answers
#   v2_failover        VRRPv2 (1 s interval): election, and a failover whose
#                      takeover (captured on the LAN) lies within lib.sh's
#                      bound of Master_Down_Interval (RFC 3768: 3.609 s)
#   accept_mode        R1 with accept: VIP local and pingable while active;
#                      moves to R2 on failover; never on the backup
#   no_accept_drops    without accept, the active router does not answer
#                      pings to the VIP, which the client resolves to the
#                      vMAC and whose echo requests reach the router
#   owner              priority 255 is active at once (reason owner)
#   preempt_off        a returning higher-priority router without preempt
#                      stays backup
#   checksum_plain     R1 sends the checksum without the pseudo-header;
#                      R2 accepts it and counts it as csum-plain
#   interval_learning  R2 (configured 300 ms) learns R1's 100 ms
#   tie_break          equal priorities: the higher primary address wins
#   no_real_mac        across failovers, no ARP on the LAN announces the
#                      VIP with a real MAC, and the capture holds the
#                      routers' ARP from the VIP (with the vMAC)
#
# Environment: VRRP_KO, WAIT_TIMEOUT_MS, KSRC (kernel source with
# tools/net/ynl).

# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

ALL_TESTS="
	ipv6_failover
	v2_failover
	accept_mode
	no_accept_drops
	owner
	preempt_off
	checksum_plain
	interval_learning
	tie_break
	no_real_mac
"

YNL_PY="$(dirname "$(readlink -f "$0")")/vrrp_ynl.py"
KSRC=${KSRC:-/usr/src/linux-source-6.12}
export KSRC

# ynl NS ARGS...: run vrrp_ynl.py in a namespace.
ynl() {
	local ns=$1

	shift
	ktap_diag "+ [$ns] vrrp_ynl.py $*"
	ip netns exec "$ns" python3 "$YNL_PY" "$@"
}

# ystate NS VRID FAMILY: the state of the router on eth0, "none" if there
# is none (lib.sh's vr_state: vrrpctl, parsed in bash, since it is polled
# and python takes seconds to start under TCG).
ystate() {
	vr_state "$1" eth0 "$2" "$3"
}

ystate_is() {
	[[ "$(ystate "$1" "$2" "$3")" == "$4" ]]
}

# ywait NS VRID FAMILY STATE [TIMEOUT]: wait for a state on eth0.
ywait() {
	local t0 rc=0

	t0=$(now_ms)
	busywait "${5:-$WAIT_TIMEOUT_MS}" ystate_is "$1" "$2" "$3" "$4" || rc=1
	ktap_diag "$1 eth0 vrid $2 $3: $( ((rc)) && echo "not ")$4 after $(( $(now_ms) - t0 )) ms$( ((rc)) && echo " (state $(ystate "$1" "$2" "$3"))")"
	return "$rc"
}

# yfield NS VRID FAMILY JQ: a field of the router's get reply.
yfield() {
	ip netns exec "$1" python3 "$YNL_PY" get eth0 "$2" "$3" | jq -r "$4"
}

ydel() {
	"$VRRPCTL_BIN" -n "$1" del eth0 vrid "$2" family "$3"
}

r1_link() {
	run ip -n "$SW" link set l-r1 "$1"
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

client_nd() {
	ip -n "$CL" -6 -j neigh show "$1" dev eth0 2>/dev/null |
		jq -r '.[0].lladdr // empty'
}

client_nd_is() {
	[[ "$(client_nd "$1")" == "$2" ]]
}

v2_failover() {
	local cfg t0 rc=0

	cfg='"ifname": "eth0", "vrid": 30, "version": 2, "interval": 1000,
	     "vip": [{"addr4": "192.0.2.30", "prefixlen": 24}]'
	ynl "$R1" "do" add "{$cfg, \"priority\": 200}" || return 1
	ynl "$R2" "do" add "{$cfg, \"priority\": 100}" || return 1
	ywait "$R1" 30 inet active || fail "R1 not active"
	ywait "$R2" 30 inet backup || fail "R2 not backup"
	[[ "$(yfield "$R2" 30 inet .version)" == 2 ]] || fail "R2 is not VRRPv2"
	[[ "$(yfield "$R2" 30 inet '.stats."rcvd-advertisements"')" -gt 0 ]] ||
		fail "R2 received no VRRPv2 advertisement"
	cap_start 'ip proto 112'
	# The takeover is timed from R1's last advertisement: one in the
	# capture first (1 s apart).
	cap_wait_advert "$LAN_PREFIX.2" || fail "no advertisement from R1 captured"
	tick
	t0=$NOW_MS
	r1_link down
	ywait "$R2" 30 inet active || fail "R2 did not take over"
	cap_wait_advert "$LAN_PREFIX.3" || fail "no advertisement from R2 captured"
	cap_stop
	# RFC 3768 6.1: Master_Down_Interval = 3 * Advertisement_Interval +
	# Skew_Time, Skew_Time = (256 - Priority) / 256 s: the formulas of
	# VRRPv3 at a 1 s interval.
	check_time v2_takeover "$(cap_takeover_us "$LAN_PREFIX.2" "$LAN_PREFIX.3" \
		$((t0 * 1000)))" "$(adi_us 100 1000)" 1000 ||
		ktap_diag "$(cap_timeline "$LAN_PREFIX.2" "$LAN_PREFIX.3" $((t0 * 1000)))"
	cap_clean
	r1_link up
	ywait "$R1" 30 inet active || fail "R1 did not preempt back"
	ydel "$R1" 30 inet || rc=1
	ydel "$R2" 30 inet || rc=1
	return "$rc"
}

test_v2_failover() {
	measure_stable v2_failover
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

not() {
	! "$@"
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

client_neigh() {
	ip -n "$CL" -4 -j neigh show "$1" dev eth0 2>/dev/null |
		jq -r '.[0].lladdr // empty'
}

test_owner() {
	local t0 dt reason rc=0

	t0=$(now_ms)
	ynl "$R2" "do" add '{"ifname": "eth0", "vrid": 50, "interval": 1000,
		"priority": 255, "vip": [{"addr4": "192.0.2.3"}]}' || return 1
	ywait "$R2" 50 inet active 3000 || fail "the owner is not active at once"
	dt=$(( $(now_ms) - t0 ))
	reason=$(yfield "$R2" 50 inet .reason)
	ktap_diag "owner active after $dt ms, reason $reason"
	[[ "$reason" == owner ]] || fail "reason '$reason', expected owner"
	# The owner answers for its own address.
	run ip netns exec "$CL" ping -c 1 -W 2 192.0.2.3 || fail "owner does not answer"
	# Its virtual address is its real one: it advertises from it, so a
	# backup hears it and follows it rather than taking over.
	ynl "$R1" "do" add '{"ifname": "eth0", "vrid": 50, "interval": 1000,
		"priority": 200, "vip": [{"addr4": "192.0.2.3"}]}' || return 1
	ywait "$R1" 50 inet backup || fail "R1 not backup"
	if ywait "$R1" 50 inet active 5000; then
		fail "R1 took over: the owner does not advertise"
	fi
	[[ "$(yfield "$R1" 50 inet '."active-addr4"')" == 192.0.2.3 ]] ||
		fail "R1 does not follow the owner's address"
	ydel "$R1" 50 inet || rc=1
	ydel "$R2" 50 inet || rc=1
	return "$rc"
}

test_preempt_off() {
	local cfg rc=0

	# A 1 s interval: a TCG guest starved for a few 100 ms must not look
	# like a dead Active router (Active_Down_Interval is 3.2 s here).
	cfg='"ifname": "eth0", "vrid": 60, "interval": 1000,
	     "vip": [{"addr4": "192.0.2.60"}]'
	ynl "$R2" "do" add "{$cfg, \"priority\": 100}" || return 1
	ywait "$R2" 60 inet active || fail "R2 alone is not active"
	ynl "$R1" "do" add "{$cfg, \"priority\": 200, \"preempt\": 0}" || return 1
	ywait "$R1" 60 inet backup || fail "R1 not backup"
	# Give R1 more than an Active_Down_Interval to (wrongly) preempt.
	if ywait "$R1" 60 inet active 6000; then
		fail "R1 preempted with preempt off"
	fi
	ydel "$R1" 60 inet || rc=1
	ydel "$R2" 60 inet || rc=1
	return "$rc"
}

test_checksum_plain() {
	local cfg n rc=0

	cfg='"ifname": "eth0", "vrid": 70, "interval": 100,
	     "vip": [{"addr4": "192.0.2.70"}]'
	ynl "$R1" "do" add "{$cfg, \"priority\": 200, \"checksum\": \"plain\"}" || return 1
	ynl "$R2" "do" add "{$cfg, \"priority\": 100}" || return 1
	ywait "$R1" 70 inet active || fail "R1 not active"
	ywait "$R2" 70 inet backup || fail "R2 not backup: plain checksum refused?"
	n=$(yfield "$R2" 70 inet '.stats."csum-plain"')
	ktap_diag "R2 csum-plain=$n csum-pseudo=$(yfield "$R2" 70 inet '.stats."csum-pseudo"')"
	[[ "$n" -gt 0 ]] || fail "R2 counted no plain checksum"
	ydel "$R1" 70 inet || rc=1
	ydel "$R2" 70 inet || rc=1
	return "$rc"
}

test_interval_learning() {
	local cfg ai rc=0

	cfg='"ifname": "eth0", "vrid": 80, "vip": [{"addr4": "192.0.2.80"}]'
	ynl "$R1" "do" add "{$cfg, \"priority\": 200, \"interval\": 100}" || return 1
	ynl "$R2" "do" add "{$cfg, \"priority\": 100, \"interval\": 300}" || return 1
	ywait "$R1" 80 inet active || fail "R1 not active"
	ywait "$R2" 80 inet backup || fail "R2 not backup"
	ai=$(yfield "$R2" 80 inet '."active-interval"')
	ktap_diag "R2 active-interval=$ai (configured 300)"
	[[ "$ai" == 100 ]] || fail "R2 did not learn R1's interval (100), has $ai"
	[[ "$(yfield "$R2" 80 inet '.stats."adv-interval-errors"')" -gt 0 ]] ||
		fail "R2 did not count the interval difference"
	ydel "$R1" 80 inet || rc=1
	ydel "$R2" 80 inet || rc=1
	return "$rc"
}

test_tie_break() {
	local cfg rc=0

	# Both become Active while the LAN bridge drops VRRP between them;
	# once they hear each other, equal priorities are broken by the
	# primary address (RFC 9568 6.4.3): R2 (192.0.2.3) beats R1 (.2).
	# (A Backup hearing an equal priority stays Backup, so without the
	# split both would keep whatever roles they started in.)
	lan_vrrp_block || return 1
	cfg='"ifname": "eth0", "vrid": 90, "interval": 100, "priority": 150,
	     "vip": [{"addr4": "192.0.2.90"}]'
	ynl "$R1" "do" add "{$cfg}" || rc=1
	ynl "$R2" "do" add "{$cfg}" || rc=1
	ywait "$R1" 90 inet active || fail "R1 alone not active"
	ywait "$R2" 90 inet active || fail "R2 alone not active"
	lan_vrrp_unblock || rc=1
	ywait "$R1" 90 inet backup || fail "R1 (lower address) not backup"
	ywait "$R2" 90 inet active || fail "R2 (higher address) not active"
	ydel "$R1" 90 inet || rc=1
	ydel "$R2" 90 inet || rc=1
	return "$rc"
}

test_no_real_mac() {
	local vm=00:00:5e:00:01:5f cap arp nreal nvmac r1mac r2mac cfg lladdr rc=0

	r1mac=$(ip -n "$R1" -j link show eth0 | jq -r '.[0].address')
	r2mac=$(ip -n "$R2" -j link show eth0 | jq -r '.[0].address')
	cap=$(mktemp /tmp/vrrp-cap.XXXXXX)
	bg_start tcpdump ip netns exec "$SW" tcpdump -U -n -e -i br0 -w "$cap" \
		'arp or icmp6'
	# tcpdump writes the file header once it captures.
	busywait "$WAIT_TIMEOUT_MS" test -s "$cap" || fail "tcpdump did not start"
	cfg='"ifname": "eth0", "vrid": 95, "interval": 100, "accept": 1,
	     "vip": [{"addr4": "192.0.2.95", "prefixlen": 24}]'
	ynl "$R1" "do" add "{$cfg, \"priority\": 200}" || rc=1
	ynl "$R2" "do" add "{$cfg, \"priority\": 100}" || rc=1
	ywait "$R1" 95 inet active || fail "R1 not active"
	run ip netns exec "$CL" ping -c 1 -W 2 192.0.2.95 ||
		fail "the VIP does not answer ping on R1"
	# The routers themselves talk from the VIP (accept mode): ping the
	# client from it so they ARP with the VIP as sender.
	run ip netns exec "$R1" ping -c 1 -W 2 -I 192.0.2.95 192.0.2.100 ||
		fail "R1 cannot ping the client from the VIP"
	r1_link down
	ywait "$R2" 95 inet active || fail "R2 did not take over"
	run ip netns exec "$R2" ping -c 1 -W 2 -I 192.0.2.95 192.0.2.100 ||
		fail "R2 cannot ping the client from the VIP"
	r1_link up
	ywait "$R1" 95 inet active || fail "R1 did not preempt back"
	run ip netns exec "$R1" ping -c 1 -W 2 -I 192.0.2.95 192.0.2.100 ||
		fail "R1 cannot ping the client from the VIP after preempting"
	# The capture shows Ethernet sources; the client's neighbour entry,
	# learned from the requests, shows the ARP sender address.
	lladdr=$(client_neigh 192.0.2.95)
	[[ "$lladdr" == "$vm" ]] ||
		fail "the client maps 192.0.2.95 to '$lladdr', not $vm"
	bg_stop tcpdump INT
	arp=$(mktemp /tmp/vrrp-arp.XXXXXX)
	tcpdump -r "$cap" -n -e 2>/dev/null |
		grep -e "192.0.2.95 is-at" -e "tell 192.0.2.95" > "$arp"
	nreal=$(grep -ci -e "$r1mac" -e "$r2mac" "$arp")
	nvmac=$(grep -ci "^[0-9:.]* $vm >" "$arp")
	ktap_diag "ARP frames announcing the VIP: $nvmac from $vm, $nreal from the real MACs $r1mac $r2mac"
	# Each router asked for the client from the VIP at least once.
	((nvmac >= 1)) || fail "no ARP from the VIP with $vm captured"
	((nreal == 0)) ||
		fail "the VIP was announced with a real MAC: $(grep -i -e "$r1mac" -e "$r2mac" "$arp" | head -n 3)"
	rm -f "$cap" "$arp"
	ydel "$R1" 95 inet || rc=1
	ydel "$R2" 95 inet || rc=1
	return "$rc"
}

require_root
require_cmd ip bridge nft jq ping python3 tcpdump
require_vrrp
lib_init

ktap_header
tests_plan
ktap_diag "kernel $(uname -r)"

if ! topo_create; then
	ktap_diag "Bail out: cannot set up the topology"
	exit 1
fi

tests_run
ktap_finish
