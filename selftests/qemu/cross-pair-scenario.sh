#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The two-router scenario of scripts/cross-pair.sh, sourced by it (two MIPS
# guests on one emulated LAN) and by selftests/qemu/cross-pair-x86.sh (two
# network namespaces on a bridge in an x86-64 VM): the same MACs,
# addresses, VRIDs, priorities, intervals and steps on both, so that their
# advertisements can be compared byte for byte.
#
# The sourcing script defines:
#   run NODE CMD...        run CMD on router NODE (r1, r2), print its output
#   link NODE on|off       connect or cut NODE's link to the LAN (its own
#                          carrier may stay up, as when a cable further
#                          along is pulled)
# and REPO, and calls pair_scenario; result NAME RC [TEXT] reports a step
# as KTAP and counts it (KTAP_NUM, KTAP_FAIL of selftests/lib/ktap.sh).

# shellcheck disable=SC2034 # used by the scripts that source this one
R1_MAC=52:54:00:12:34:01
# shellcheck disable=SC2034
R2_MAC=52:54:00:12:34:02
R1_ADDR=192.0.2.11
R2_ADDR=192.0.2.12
# Their link-local addresses (EUI-64 from the MACs)
R1_LL=fe80::5054:ff:fe12:3401
R1_PRIO=200
R2_PRIO=100
# VRRPv3 over IPv4 and IPv6; VRRPv2 (whose interval is whole seconds).
INTERVAL=${INTERVAL:-100}
V2_INTERVAL=1000
# Host-side polling: how long a state may take to show, on top of the
# protocol's own bound (commands go through an emulated serial console).
POLL_SLACK_MS=${POLL_SLACK_MS:-5000}

# KTAP lines and their counts (KTAP_NUM, KTAP_FAIL) as the selftests
# write them, on standard output.
# shellcheck source=selftests/lib/ktap.sh
. "$REPO/selftests/lib/ktap.sh"
exec 3>&1

result() {
	if [[ $2 -eq 0 ]]; then
		ktap_ok "$1${3:+ # $3}"
	else
		ktap_fail "$1${3:+ # $3}"
	fi
}

# RFC 9568 6.1: Skew_Time = ((256 - Priority) * Active_Adver_Interval) /
# 256 and Active_Down_Interval = 3 * Active_Adver_Interval + Skew_Time, in
# microseconds (the module's own arithmetic: interval in centiseconds).
skew_us() { echo $(( (256 - $1) * $2 * 1000 / 256 )); }
adi_us() { echo $(( 3 * $2 * 1000 + $(skew_us "$1" "$2") )); }

state_of() {
	run "$1" vrrpctl show dev eth0 vrid "$2" family "$3" |
		sed -n "s/^eth0 vrid $2 $3 state \([a-z]*\) .*/\1/p"
}

# until_state NODE VRID FAMILY STATE MS: poll until NODE's router is in
# STATE, for at most MS plus the polling slack.
until_state() {
	local end now s

	end=$(( $(date +%s%3N) + $5 + POLL_SLACK_MS ))
	while :; do
		s=$(state_of "$1" "$2" "$3")
		[[ "$s" == "$4" ]] && return 0
		now=$(date +%s%3N)
		if (( now > end )); then
			echo "# $1 vrid $2 $3: state '$s', not $4 after $5+${POLL_SLACK_MS} ms"
			return 1
		fi
	done
}

# The value of "$2" in vrrpctl's one-line JSON $1 (a string keeps its
# quotes).
jfield() {
	sed -n "s/.*\"$2\":\(\"[^\"]*\"\|[^,}]*\).*/\1/p" <<< "$1"
}

# netlink_view NAME VRID FAMILY INTERVAL VERSION: what R2 (Backup) reports
# over netlink: the timers derived from R1's advertisements, R1 as the
# Active router, the vMAC, and no receive error counted.
netlink_view() {
	local j f v rc=0 bad=

	j=$(run r2 vrrpctl -s -j show dev eth0 vrid "$2" family "$3")
	declare -A want=(
		[priority]=$R2_PRIO [interval]=$4 [active_interval]=$4
		[version]=$5 [state]='"backup"'
		[skew_time_us]=$(skew_us $R2_PRIO "$4")
		[active_down_interval_us]=$(adi_us $R2_PRIO "$4")
		[vmac]=$(printf '"00:00:5e:00:%02x:%02x"' \
			"$([[ $3 == inet ]] && echo 1 || echo 2)" "$2")
		[active_router]="\"$([[ $3 == inet ]] && echo $R1_ADDR || echo $R1_LL)\""
	)
	for f in "${!want[@]}"; do
		v=$(jfield "$j" "$f")
		[[ "$v" == "${want[$f]}" ]] || bad+=" $f=$v(want ${want[$f]})"
	done
	for f in ip_ttl_errors checksum_errors version_errors \
		adv_interval_errors packet_length_errors address_list_errors \
		rcvd_invalid_type; do
		v=$(jfield "$j" "$f")
		[[ "$v" == 0 || "$v" == null ]] || bad+=" $f=$v"
	done
	v=$(jfield "$j" rcvd_advertisements)
	[[ "$v" =~ ^[0-9]+$ && "$v" -gt 0 ]] || bad+=" rcvd_advertisements=$v"
	[[ -z "$bad" ]] || { echo "# $1: $j"; rc=1; }
	result "$1 netlink view of R2" $rc "${bad:-timers, Active router, vMAC, no errors}"
}

# pair NAME VRID FAMILY INTERVAL ARGS...: R1 then R2 add a router with
# ARGS; R1 must become Active alone and R2 Backup.
pair() {
	local name=$1 vrid=$2 fam=$3 ivl=$4 rc=0

	shift 4
	run r1 vrrpctl add eth0 vrid "$vrid" priority $R1_PRIO interval "$ivl" "$@"
	until_state r1 "$vrid" "$fam" active \
		$(( $(adi_us $R1_PRIO "$ivl") / 1000 )) || rc=1
	run r2 vrrpctl add eth0 vrid "$vrid" priority $R2_PRIO interval "$ivl" "$@"
	# R2 starts as Backup; staying there past its Active_Down_Interval
	# means it hears R1.
	sleep "$(( $(adi_us $R2_PRIO "$ivl") / 1000 + 200 ))e-3"
	until_state r2 "$vrid" "$fam" backup 0 || rc=1
	until_state r1 "$vrid" "$fam" active 0 || rc=1
	result "$name election" $rc "R1 active, R2 backup"
}

# handover NAME VRID FAMILY INTERVAL: R1 (Active) deletes its router and
# sends priority 0; R2 must take over; then R2 deletes its own.
handover() {
	local rc=0

	run r1 vrrpctl del eth0 vrid "$2" family "$3"
	until_state r2 "$2" "$3" active \
		$(( $(skew_us $R2_PRIO "$4") / 1000 )) || rc=1
	result "$1 priority-0 handover" $rc "R2 active"
	run r2 vrrpctl del eth0 vrid "$2" family "$3"
}

pair_scenario() {
	local rc

	# VRRPv3, IPv4
	pair v3-inet 10 inet "$INTERVAL" address 192.0.2.1/24
	netlink_view v3-inet 10 inet "$INTERVAL" 3
	link r1 off
	rc=0
	until_state r2 10 inet active \
		$(( $(adi_us $R2_PRIO "$INTERVAL") / 1000 )) || rc=1
	result "v3-inet failover on link loss" $rc "R2 active"
	# Long enough for a NIC driver that polls the link to see it gone
	# (the MIPS guests' pcnet32: every 2 s, rounded to a whole second),
	# so that R1 comes back the same way every run: from Init.
	sleep 3
	link r1 on
	rc=0
	until_state r1 10 inet active \
		$(( $(adi_us $R1_PRIO "$INTERVAL") / 1000 )) || rc=1
	until_state r2 10 inet backup \
		$(( $(adi_us $R1_PRIO "$INTERVAL") / 1000 )) || rc=1
	result "v3-inet preempt on link back" $rc "R1 active, R2 backup"
	handover v3-inet 10 inet "$INTERVAL"

	# VRRPv2, IPv4
	pair v2-inet 20 inet $V2_INTERVAL version 2 address 192.0.2.2/24
	netlink_view v2-inet 20 inet $V2_INTERVAL 2
	handover v2-inet 20 inet $V2_INTERVAL

	# VRRPv3, IPv6: the link-local address first
	pair v3-inet6 30 inet6 "$INTERVAL" address fe80::30 \
		address 2001:db8::30/64
	netlink_view v3-inet6 30 inet6 "$INTERVAL" 3
	handover v3-inet6 30 inet6 "$INTERVAL"
}
