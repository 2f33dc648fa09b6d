#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Interoperability with the two VRRP implementations Debian ships:
# keepalived (VRRPv2 and VRRPv3) and FRR's vrrpd (VRRPv3), each running
# in the R2 namespace of the lib.sh topology while R1 runs our module.
# Documentation/interop.rst has the resulting table.
#
# One setup per peer and family ("ka2", "ka3", "ka3v6", "frr", "frrv6"),
# then these tests over it, in order (P = the peer, priority 150):
#   PFX_election_high   R1 (200) active, P backup: both agree
#   PFX_failover_high   R1's LAN link down: P takes over, the client keeps
#                       its path through the VIP; link up: R1 preempts back
#   PFX_handover_high   "vrrpctl del" on R1 (priority 0): P takes over;
#                       R1 added again preempts back
#   PFX_rmmod_high      (ka3, frr) "rmmod vrrp" while the client sends
#                       1,000 probes a second through R1: P takes over from
#                       priority 0, R1 forwards until it hears P (make
#                       before break), no probe is lost; reloaded, R1
#                       preempts back
#   PFX_election_low    R1 set to 100: P preempts, R1 backup sees P
#   PFX_failover_low    P's LAN link down: R1 takes over; up: P preempts
#   PFX_handover_low    P stops (priority 0): R1 active, reason
#                       priority-zero; P started again preempts back
#   PFX_tie             equal priorities, both Active while the LAN drops
#                       VRRP, then they meet: the higher primary address
#                       stays Active on both sides
#   PFX_interval        R1 configured with another interval: as a VRRPv3
#                       Backup it uses P's advertised one; VRRPv2 (RFC
#                       3768 7.1) discards P's advertisements instead and
#                       counts adv-interval-errors
# The IPv4 checksum forms (VRRPv3):
#   ka3c_ucast          keepalived unicast (its default checksum) <-> R1
#                       with peer: interoperate
#   ka3c_ucast_old_csum keepalived old_unicast_checksum: its adverts carry
#                       a pseudo-header with 224.0.0.18 as destination, R1
#                       counts checksum-errors (not an RFC form)
#   frrc_ours_plain     R1 "checksum plain" against FRR 8.4 (always the
#                       pseudo-header, no switch): FRR discards R1's
#                       adverts (both Active); R1 counts csum-pseudo
#   frrc_ours_pseudo    R1 back to its default: interoperate
# A group of three (R1 200, keepalived 150 in R2, FRR 100 in R3):
#   three_election, three_failover, three_preempt
# and one in IPv6 with R1 in the middle (keepalived 200, R1 150, FRR 100):
#   three6_election     keepalived active, R1 and FRR backup
#   three6_failover     keepalived's link down: R1 takes over in its
#                       Active_Down_Interval, FRR stays backup; up: back
#   three6_handover     keepalived stops (priority 0): R1 takes over in its
#                       Skew_Time, FRR stays backup; started: back
# keepalived's configurations above, through tool/keepalived2vrrp ("conv"):
#   conv_ka2, conv_ka3, conv_ka3v6, conv_ucast
#                       a keepalived pair in R1 (200) and R2 (150) with
#                       ka_start's configuration (VRRPv2, VRRPv3, IPv6,
#                       unicast), then the same two files converted and
#                       run as vrrp.ko routers: the converter reports
#                       exactly what it cannot convert, and both pairs
#                       elect R1, hand over to R2 when R1's link goes
#                       down (R2's Active_Down_Interval, from a capture
#                       on R2) and back when it returns, state for state
# The takeovers of the PFX_failover_* and PFX_handover_* tests and of
# three6 are timed from a capture of the LAN, against lib.sh's bounds.
#
# Environment: VRRP_KO, WAIT_TIMEOUT_MS, K2V (the converter the conv tests
# run), TESTS (test or group names, e.g. "ka2 frr_tie"), INTEROP_ONLY
# (group names, added to TESTS).

# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

# The groups, in the order they run: one setup each, then its tests,
# GROUP_TEST in ALL_TESTS. TESTS may name a group for all its tests.
MATRIX_TESTS="election_high failover_high handover_high election_low
	failover_low handover_low tie interval"
# The same over VRRPv3 and IPv4, with the module unloaded in between.
MATRIX_RMMOD_TESTS="election_high failover_high handover_high rmmod_high
	election_low failover_low handover_low tie interval"
PEER_GROUPS="ka2 ka3 ka3c ka3v6 conv frr frrc frrv6 three three6"
declare -A GROUP_TESTS=(
	[ka2]=$MATRIX_TESTS
	[ka3]=$MATRIX_RMMOD_TESTS
	[ka3c]="ucast ucast_old_csum"
	[ka3v6]=$MATRIX_TESTS
	[conv]="ka2 ka3 ka3v6 ucast"
	[frr]=$MATRIX_RMMOD_TESTS
	[frrc]="ours_plain ours_pseudo"
	[frrv6]=$MATRIX_TESTS
	[three]="election failover preempt"
	[three6]="election failover handover"
)
ALL_TESTS=$(for g in $PEER_GROUPS; do
	for t in ${GROUP_TESTS[$g]}; do
		echo "${g}_$t"
	done
done)

FRR_DIR=/usr/lib/frr
: "${K2V:=$REPO/tool/keepalived2vrrp}"
WORK=
FAM=
VER=
PEER_ADDR=
OURS_ADDR=
PEER_MS=
OURS_MS=
KA_EXTRA=
# Per peer namespace: kind (ka or frr) and working directory.
declare -A PKIND=() PDIR=()

VID4=10
VID6=20
VIP6=2001:db8::1
VRRP_FILTER='ip proto 112 or ip6 proto 112'

cur_vrid() {
	if [[ "$FAM" == inet6 ]]; then echo "$VID6"; else echo "$VID4"; fi
}

##############################################################################
# keepalived: one foreground instance per namespace; its state comes from a
# notify script that writes it to a file.

ka_start() {
	local ns=$1 d

	ka_conf "$@" || return
	d=$WORK/$ns
	PKIND[$ns]=ka
	PDIR[$ns]=$d
	# Its transitions, in order, one line each ('INSTANCE "V10" MASTER
	# 150'): notify scripts would run concurrently and could land out of
	# order.
	mkfifo "$d/fifo" || return
	bg_start "kafifo-$ns" cat "$d/fifo" >> "$d/states"
	bg_start "ka-$ns" ip netns exec "$ns" keepalived -n -l -D -G -P \
		-f "$d/keepalived.conf" -p "$d/keepalived.pid" \
		-r "$d/vrrp.pid" > "$d/log" 2>&1
	slowwait 20 test -s "$d/states" ||
		{ ktap_diag "keepalived in $ns did not start:"; ktap_diag "$(tail -n 20 "$d/log")"; return 1; }
}

# ka_conf NS PRIO MS [EXTRA]: keepalived's configuration for NS, in
# $WORK/NS/keepalived.conf (the conv tests convert the same file).
ka_conf() {
	local ns=$1 prio=$2 ms=$3 extra=${4:-} d vrid vips adv

	d=$WORK/$ns
	mkdir -p "$d"
	rm -f "$d/states" "$d/fifo"
	vrid=$(cur_vrid)
	adv=$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))
	if [[ "$FAM" == inet6 ]]; then
		vips=$'\t\tfe80::1/64\n\t\t'"$VIP6/64"
	else
		vips=$'\t\t'"$VIP_CIDR"
	fi
	cat > "$d/keepalived.conf" <<-EOF
	global_defs {
		router_id $ns
		vrrp_version $VER
		vrrp_notify_fifo $d/fifo
	}
	vrrp_instance V$vrid {
		state BACKUP
		interface eth0
		virtual_router_id $vrid
		priority $prio
		advert_int $adv
	$extra
		virtual_ipaddress {
	$vips
		}
	}
	EOF
}

ka_stop() {
	bg_stop "ka-$1" TERM
	bg_stop "kafifo-$1" TERM
}

##############################################################################
# keepalived2vrrp: a keepalived pair, then its configuration converted and
# run by vrrp.ko in the same namespaces; both pairs must go through the
# same states at each step. CONV_KIND says which pair runs (ka or ours).

CONV_KIND=
CONV_STEPS=

# conv_state NS: the state of NS's router in the pair that runs.
conv_state() {
	if [[ "$CONV_KIND" == ka ]]; then
		peer_state "$1"
	else
		vr_state "$1" eth0 "$(cur_vrid)"
	fi
}

conv_is() {
	[[ "$(conv_state "$1")" == "$2" ]]
}

# conv_expect STEP S1 S2: R1 in S1 and R2 in S2 at the same moment, and
# the step recorded for the comparison of the two pairs.
conv_expect() {
	slowwait $((WAIT_TIMEOUT_MS / 1000)) conv_is "$R1" "$2" &&
		slowwait $((WAIT_TIMEOUT_MS / 1000)) conv_is "$R2" "$3"
	CONV_STEPS+="$1: R1 $(conv_state "$R1"), R2 $(conv_state "$R2"); "
	conv_is "$R1" "$2" && conv_is "$R2" "$3" && return 0
	fail "$CONV_KIND pair, $1: R1 $(conv_state "$R1"), R2 $(conv_state "$R2"); expected $2, $3"
	return 1
}

# conv_addr NS: the address NS advertises from.
conv_addr() {
	if [[ "$FAM" == inet6 ]]; then
		own_ll "$1"
	elif [[ "$1" == "$R1" ]]; then
		echo "$LAN_PREFIX.2"
	else
		echo "$LAN_PREFIX.3"
	fi
}

# conv_failover_try: R1 Active; its link goes down: R2 takes over in
# its Active_Down_Interval over R1's interval, timed from a capture on
# R2's eth0 (unicast advertisements do not reach the bridge's own
# port); the link comes back and R1 preempts. keepalived's time is
# checked from the centisecond, as the other keepalived takeovers.
conv_failover_try() {
	local t0 a1 a2 rfc

	CONV_STEPS=
	conv_expect election active backup || return 1
	a1=$(conv_addr "$R1")
	a2=$(conv_addr "$R2")
	rfc=$(adi_us 150 "$OURS_MS")
	[[ "$CONV_KIND" == ka ]] && rfc=$(peer_rfc "$rfc")
	cap_start "$VRRP_FILTER" "$R2" eth0
	cap_wait_advert "$a1" || fail "no advertisement of R1 captured"
	tick
	t0=$NOW_MS
	peer_link l-r1 down
	conv_expect "R1 link down" init active
	timed "${CONV_KIND}_takeover" "$a1" "$a2" "$t0" "$rfc" "$OURS_MS"
	peer_link l-r1 up
	conv_expect "R1 link up" active backup
}

# conv_run NAME EXTRA_R1 EXTRA_R2 REPORTED: the keepalived pair, then the
# converted one; REPORTED is what the converter must report, one
# keyword a line ("router_id" for "... not converted: router_id LVS: ...").
conv_run() {
	local name=$1 ns ka_steps rc want got ok=1

	PEER_MS=$OURS_MS
	CONV_KIND=ka
	if ka_start "$R1" 200 "$OURS_MS" "$2" &&
	   ka_start "$R2" 150 "$OURS_MS" "$3"; then
		measure_stable conv_failover_try || ok=0
	else
		ok=0
	fi
	ka_steps=$CONV_STEPS
	conv_teardown
	((ok)) || return 1
	ktap_diag "keepalived: $ka_steps"

	for ns in "$R1" "$R2"; do
		"$K2V" -o "$WORK/$ns/vrrp.conf" "$WORK/$ns/keepalived.conf" \
			2> "$WORK/$ns/k2v.err"
		rc=$?
		ktap_diag "keepalived2vrrp for $ns: exit $rc"
		ktap_diag "$(grep -v '^#' "$WORK/$ns/vrrp.conf" | grep .)"
		got=$(sed -n 's/.*: not converted: \([^ :]*\).*/\1/p' "$WORK/$ns/k2v.err" | sort)
		want=$(tr ' ' '\n' <<< "$4" | sort)
		if [[ "$got" != "$want" ]]; then
			ktap_diag "$(cat "$WORK/$ns/k2v.err")"
			fail "$name: keepalived2vrrp reported '${got//$'\n'/ }', expected '${want//$'\n'/ }'"
		fi
		((rc == (${#4} ? 1 : 0))) || fail "$name: keepalived2vrrp exited $rc"
		vrrpctl "$ns" -batch "$WORK/$ns/vrrp.conf" ||
			{ fail "$name: the converted configuration of $ns failed"; return 1; }
	done
	CONV_KIND=ours
	measure_stable conv_failover_try || ok=0
	ktap_diag "vrrp.ko: $CONV_STEPS"
	[[ "$CONV_STEPS" == "$ka_steps" ]] ||
		fail "$name: the converted pair went through '$CONV_STEPS', keepalived's through '$ka_steps'"
	conv_teardown
	((ok))
}

# conv_teardown: neither pair left running, R1's link up, whatever failed.
conv_teardown() {
	local ns

	for ns in "$R1" "$R2"; do
		ka_stop "$ns"
		unset "PKIND[$ns]"
		"$VRRPCTL_BIN" -n "$ns" del eth0 vrid "$(cur_vrid)" 2>/dev/null
	done
	cap_clean
	peer_link l-r1 up
}

CONV_REPORTED="router_id vrrp_notify_fifo"

test_conv_ka2() {
	FAM=inet VER=2 OURS_MS=1000
	conv_run ka2 "" "" "$CONV_REPORTED"
}

test_conv_ka3() {
	FAM=inet VER=3 OURS_MS=100
	conv_run ka3 "" "" "$CONV_REPORTED"
}

test_conv_ka3v6() {
	FAM=inet6 VER=3 OURS_MS=100
	conv_run ka3v6 "" "" "$CONV_REPORTED"
}

# unicast_src_ip is each one's primary address, which vrrp.ko sends from
# anyway: reported, and the pair still works.
test_conv_ucast() {
	FAM=inet VER=3 OURS_MS=100
	conv_run ucast \
		$'\tunicast_src_ip '"$LAN_PREFIX"$'.2\n\tunicast_peer {\n\t\t'"$LAN_PREFIX"$'.3\n\t}' \
		$'\tunicast_src_ip '"$LAN_PREFIX"$'.3\n\tunicast_peer {\n\t\t'"$LAN_PREFIX"$'.2\n\t}' \
		"$CONV_REPORTED unicast_src_ip"
}

##############################################################################
# FRR: zebra and vrrpd in the namespace, with their files in a directory of
# ours; vrrpd needs a macvlan with the vMAC carrying the VIP.

frr_vtysh() {
	local ns=$1

	shift
	ip netns exec "$ns" vtysh --vty_socket "${PDIR[$ns]}" "$@"
}

frr_conf() {
	local ns=$1 a=() c

	shift
	for c in "$@"; do
		a+=(-c "$c")
	done
	ktap_diag "+ [$ns] vtysh: $*"
	frr_vtysh "$ns" -c 'configure terminal' -c 'interface eth0' "${a[@]}"
}

frr_macvlan() {
	local ns=$1 vrid dev mac

	vrid=$(cur_vrid)
	if [[ "$FAM" == inet6 ]]; then
		dev=vrrp6-2-$vrid
		mac=$(printf '00:00:5e:00:02:%02x' "$vrid")
	else
		dev=vrrp4-2-$vrid
		mac=$(vmac "$vrid")
	fi
	run ip -n "$ns" link add "$dev" link eth0 type macvlan mode bridge || return
	run ip -n "$ns" link set dev "$dev" addrgenmode random || return
	run ip -n "$ns" link set dev "$dev" address "$mac" || return
	if [[ "$FAM" == inet6 ]]; then
		run ip -n "$ns" addr add "$VIP6/64" dev "$dev" nodad || return
	else
		run ip -n "$ns" addr add "$VIP_CIDR" dev "$dev" || return
	fi
	run ip -n "$ns" link set dev "$dev" up
}

frr_start() {
	local ns=$1 prio=$2 ms=$3 d vrid ip=ip vip=$VIP

	d=$WORK/$ns
	mkdir -p "$d"
	vrid=$(cur_vrid)
	[[ "$FAM" == inet6 ]] && { ip=ipv6; vip=$VIP6; }
	frr_macvlan "$ns" || return
	run ip netns exec "$ns" sysctl -qw net.ipv4.conf.all.arp_ignore=1 \
		net.ipv4.conf.all.ignore_routes_with_linkdown=1 || return
	cat > "$d/vrrpd.conf" <<-EOF
	interface eth0
	 vrrp $vrid version 3
	 vrrp $vrid priority $prio
	 vrrp $vrid advertisement-interval $ms
	 vrrp $vrid $ip $vip
	EOF
	: > "$d/zebra.conf"
	chown -R frr:frr "$d"
	PKIND[$ns]=frr
	PDIR[$ns]=$d
	run ip netns exec "$ns" "$FRR_DIR/zebra" -d -f "$d/zebra.conf" \
		-i "$d/zebra.pid" --vty_socket "$d" -z "$d/zserv.api" \
		--log "file:$d/zebra.log" || return
	run ip netns exec "$ns" "$FRR_DIR/vrrpd" -d -f "$d/vrrpd.conf" \
		-i "$d/vrrpd.pid" --vty_socket "$d" -z "$d/zserv.api" \
		--log "file:$d/vrrpd.log" || return
	# Alone, it goes on from Backup to Active after Active_Down_Interval.
	if ! slowwait 60 peer_running "$ns"; then
		ktap_diag "vrrpd in $ns did not start"
		run frr_vtysh "$ns" -c "show vrrp $vrid"
		ktap_diag "$(tail -n 30 "$d/zebra.log" "$d/vrrpd.log" 2>&1)"
		return 1
	fi
	# A log with milliseconds for frr_timed (only a target added from the
	# vty takes the precision).
	frr_vtysh "$ns" -d vrrpd -c 'configure terminal' \
		-c 'log timestamp precision 3' -c "log file $d/ms.log" > /dev/null
}

##############################################################################
# Peer state, from the peer itself: "active", "backup", "init" or "none".

peer_state() {
	local ns=$1 s='' j l=() i

	if [[ "${PKIND[$ns]}" == ka ]]; then
		# The last state line: the FIFO also carries events such as
		# MASTER_RX_LOWER_PRI.
		mapfile -t l < "${PDIR[$ns]}/states" 2>/dev/null
		for ((i = ${#l[@]} - 1; i >= 0; i--)); do
			read -r _ _ s _ <<< "${l[i]}"
			[[ "$s" == @(MASTER|BACKUP|FAULT|STOP) ]] && break
			s=
		done
	else
		j=$(frr_vtysh "$ns" -c "show vrrp $(cur_vrid) json" 2>/dev/null)
		if [[ "$FAM" == inet6 ]]; then j=${j#*\"v6\":}; else j=${j#*\"v4\":}; fi
		[[ "$j" =~ \"status\":\"([A-Za-z]+)\" ]] && s=${BASH_REMATCH[1]}
	fi
	case ${s,,} in
	master) echo active ;;
	backup) echo backup ;;
	'') echo none ;;
	*) echo init ;;
	esac
}

peer_is() {
	[[ "$(peer_state "$1")" == "$2" ]]
}

peer_running() {
	[[ "$(peer_state "$1")" == @(backup|active) ]]
}

wait_peer() {
	local ns=$1 want=$2 t0

	t0=$(now_ms)
	if slowwait $((WAIT_TIMEOUT_MS / 1000)) peer_is "$ns" "$want"; then
		ktap_diag "peer $ns: $want after $(($(now_ms) - t0)) ms"
		return 0
	fi
	ktap_diag "peer $ns: still '$(peer_state "$ns")' (wanted $want)"
	return 1
}

##############################################################################
# Our router in R1 and the checks shared by the tests.

ours_add() {
	local prio=$1 ms=$2 v=()

	shift 2
	[[ "$VER" == 2 ]] && v=(version 2)
	if [[ "$FAM" == inet6 ]]; then
		vrrpctl "$R1" add eth0 vrid "$VID6" "${v[@]}" prio "$prio" \
			interval "$ms" accept on address fe80::1 \
			address "$VIP6/64" "$@"
	else
		vrrpctl "$R1" add eth0 vrid "$VID4" "${v[@]}" prio "$prio" \
			interval "$ms" address "$VIP_CIDR" "$@"
	fi
}

ours_set() {
	vrrpctl "$R1" set eth0 vrid "$(cur_vrid)" "$@"
}

ours_stat() {
	vr_stat "$R1" eth0 "$(cur_vrid)" "$1"
}

ours_field() {
	local j

	j=$(vr_json "$R1" eth0 "$(cur_vrid)") || return 1
	[[ "$j" =~ \"$1\":\ *\"?([^\",]*) ]] || return 1
	[[ "${BASH_REMATCH[1]}" != null ]] && echo "${BASH_REMATCH[1]}"
}

# The client's path through the VIP: to the server through the routers
# (IPv4), to the VIP itself (IPv6: both sides are in accept mode).
client_once() {
	if [[ "$FAM" == inet6 ]]; then
		ip netns exec "$CL" ping -6 -c 1 -W 1 "$VIP6" >/dev/null 2>&1
	else
		ip netns exec "$CL" ping -c 1 -W 1 "$SERVER_IP" >/dev/null 2>&1
	fi
}

client_path() {
	slowwait $((WAIT_TIMEOUT_MS / 1000)) client_once ||
		fail "the client has no path through the VIP ($1)"
}

# expect WHO [PEER_NS]: WHO (ours or the peer namespace) is the one Active
# router, every other one is Backup, and they agree at the same moment.
expect() {
	local who=$1 ns=${2:-$R2} vrid

	vrid=$(cur_vrid)
	if [[ "$who" == ours ]]; then
		wait_state "$R1" eth0 "$vrid" active "$WAIT_TIMEOUT_MS" ||
			fail "R1 is not active"
		wait_peer "$ns" backup || fail "peer $ns is not backup"
		{ state_is "$R1" eth0 "$vrid" active && peer_is "$ns" backup; } ||
			fail "R1 and $ns disagree"
	else
		wait_peer "$ns" active || fail "peer $ns is not active"
		wait_state "$R1" eth0 "$vrid" backup "$WAIT_TIMEOUT_MS" ||
			fail "R1 is not backup"
		{ state_is "$R1" eth0 "$vrid" backup && peer_is "$ns" active; } ||
			fail "R1 and $ns disagree"
	fi
	[[ ${#TEST_FAIL_MSG[@]} -eq 0 ]] && return 0
	peer_diag "$ns"
	return 1
}

# peer_diag NS: what the peer says about itself, after a failure.
peer_diag() {
	local d=${PDIR[$1]}

	if [[ "${PKIND[$1]}" == ka ]]; then
		ktap_diag "$(tail -n 5 "$d/states"; grep -v 'Sending gratuitous\|Sending unsolicited' "$d/log" | tail -n 15)"
	else
		run frr_vtysh "$1" -c "show vrrp $(cur_vrid)"
	fi
}

# ip_gt A B: address A is greater than B as an unsigned integer.
ip_gt() {
	python3 -c 'import ipaddress as i, sys
sys.exit(0 if i.ip_address(sys.argv[1]) > i.ip_address(sys.argv[2]) else 1)' "$1" "$2"
}

peer_link() {
	run ip -n "$SW" link set "$1" "$2"
}

# A peer's start and stop, whatever it is.
peer_stop() {
	if [[ "${PKIND[$1]}" == ka ]]; then
		ka_stop "$1"
	else
		frr_conf "$1" "vrrp $(cur_vrid) shutdown"
	fi
}

peer_restart() {
	if [[ "${PKIND[$1]}" == ka ]]; then
		ka_start "$1" 150 "$PEER_MS" "${KA_EXTRA:-}"
	else
		frr_conf "$1" "no vrrp $(cur_vrid) shutdown"
	fi
}

##############################################################################
# The tests of one setup (R1 ours, R2 the peer).

test_election_high() {
	expect ours || return 1
	client_path "R1 active"
}

# own_ll NS: NS's own link-local address on eth0 (not the virtual fe80::1),
# the one it advertises from.
own_ll() {
	ip -n "$1" -6 -o addr show dev eth0 scope link |
		awk '{ sub("/.*", "", $4) } $4 != "fe80::1" { print $4; exit }'
}

# cap_from OLD: start the capture and wait until it holds an advertisement
# of the old Active router OLD ("-": of any but R1), so that the takeover
# is measured from its last one (a VRRPv2 router speaks once a second).
cap_from() {
	local src=$1

	[[ "$src" == - ]] && src=-$OURS_ADDR
	cap_start "$VRRP_FILTER"
	cap_wait_advert "$src" || fail "no advertisement of the Active router captured"
}

# cap_end NAME OLD NEW [0]: wait for NEW's first advertisement ("-": of
# any but OLD) and stop the capture; with 0, a priority-0 handover whose
# frames the LAN reordered voids the try.
cap_end() {
	local src=$3

	[[ "$src" == - ]] && src=-$2
	cap_wait_advert "$src" || fail "$1: no advertisement of the new Active router captured"
	cap_stop
	if [[ -n "$4" ]] && cap_reordered "$2"; then
		void_try "the old Active router's last regular advertisement reached the LAN after its priority-0 one"
	fi
}

# timed NAME OLD NEW T0_MS RFC_US INTERVAL_MS [0]: check a takeover in the
# capture (lib.sh's bound) and clean the capture up. OLD or NEW "-" is the
# peer: its address may be one the test does not know (IPv6 link-local).
timed() {
	local name=$1 old=$2 new=$3 t0=$4 rfc=$5 ms=$6 p0=${7:-}

	cap_end "$name" "$old" "$new" "$p0"
	check_time "$name" "$(cap_takeover_us "$old" "$new" $((t0 * 1000)) "$p0")" \
		"$rfc" "$ms" || ktap_diag "$(cap_timeline "$old" "$new" $((t0 * 1000)))"
	cap_clean
}

# peer_timed NAME T0_MS RFC_US [0]: the peer's takeover from R1.
peer_timed() {
	if [[ "${PKIND[$R2]}" == frr ]]; then
		frr_timed "$1" "$2" "$(peer_rfc "$3")" ${4:+"$4"}
		return
	fi
	timed "$1" "$OURS_ADDR" - "$2" "$(peer_rfc "$3")" "$OURS_MS" ${4:+"$4"}
}

# FRR's vrrpd holds its macvlan (the vMAC and the VIP) in protodown as
# Backup. Its Master_Down_Timer expiring, it asks zebra to lift protodown
# and sends its first advertisement once zebra reports the macvlan up
# (in IPv6, once its link-local address is back): a round trip through
# zebra and the kernel's rtnetlink that is not the protocol's, and on a
# slow kernel longer than the suite's bound (Documentation/interop.rst
# has what it takes). So FRR's takeover is timed to its decision, the
# "Master_Down_Timer expired" line of its log (millisecond time stamps,
# the guest's clock as the capture's), against the suite's bound; its
# first advertisement must follow that decision, and how long after is
# reported.

# frr_decision_us NS SINCE_US: the epoch time of the first Master_Down_Timer
# expiry in NS's log at or after SINCE_US (milliseconds, truncated).
frr_decision_us() {
	local line ts us

	while read -r line; do
		ts=${line%% VRRP:*}
		us=$(date -d "${ts//\//-}" +%s%6N) || continue
		((us >= $2 - 999)) && { echo "$us"; return 0; }
	done < <(grep 'Master_Down_Timer expired' "${PDIR[$1]}/ms.log" 2>/dev/null)
}

# frr_timed NAME T0_MS RFC_US [0]: FRR's takeover from R1, from the last
# advertisement of R1 in the capture to FRR's decision.
frr_timed() {
	local name=$1 t0=$(($2 * 1000)) rfc=$3 p0=${4:-} last first d

	cap_end "$name" "$OURS_ADDR" - "$p0"
	read -r last first < <(cap_takeover "$OURS_ADDR" - "$t0" "$p0")
	d=$(frr_decision_us "$R2" "$t0")
	[[ -n "$d" ]] || fail "$name: no Master_Down_Timer expiry in FRR's log"
	if [[ -n "$d" && -n "$last" ]]; then
		check_time "$name" $((d - last)) "$rfc" "$OURS_MS" ||
			ktap_diag "$(cap_timeline "$OURS_ADDR" - "$t0")"
		((first >= d)) ||
			fail "$name: FRR advertised as Active $(((d - first) / 1000)) ms before its Master_Down_Timer expired"
		ktap_diag "$name: FRR's first advertisement $(((first - d) / 1000)) ms after its decision (zebra lifting protodown), $(((first - last) / 1000)) ms after R1's last"
	else
		check_time "$name" "" "$rfc" "$OURS_MS"
	fi
	cap_clean
}

# peer_quiet T0_MS RFC_US: wait, without starting a process, until the
# peer's takeover is past its upper bound, before polling the peer: the
# peer is a daemon in userspace, and a poll (for FRR a vtysh process each
# time) inside the window being measured would compete with it for the
# guest's CPU. The capture and FRR's log time the takeover; the poll only
# finds it.
peer_quiet() {
	local due

	due=$(($1 + ($2 + $(timing_bound_us "$OURS_MS")) / 1000))
	tick
	((due > NOW_MS)) || return 0
	nap "$(printf '%d.%03d' $(((due - NOW_MS) / 1000)) $(((due - NOW_MS) % 1000)))"
}

# peer_rfc US: a peer's RFC time. RFC 9568 counts in centiseconds, and
# FRR's vrrpd rounds Skew_Time down to whole ones (40 ms where the exact
# value is 40.4): the lower bound of a peer's time is the centisecond.
peer_rfc() {
	echo $(($1 / 10000 * 10000))
}

# Each takeover below is one self-contained try for measure_stable: it
# starts from the test's starting point and returns to it. The peer's
# Active_Down_Interval and Skew_Time are its own (priority 150) over the
# interval R1 advertises; R1's are priority 100's over the peer's.
failover_high_try() {
	local t0

	expect ours || return 1
	cap_from "$OURS_ADDR"
	tick
	t0=$NOW_MS
	peer_link l-r1 down
	peer_quiet "$t0" "$(adi_us 150 "$OURS_MS")"
	# R1 without carrier is in Initialize (RFC 9568 6.4.1 Shutdown).
	wait_peer "$R2" active || fail "$R2 did not take over"
	wait_state "$R1" eth0 "$(cur_vrid)" init "$WAIT_TIMEOUT_MS" ||
		fail "R1 without carrier is not in init"
	peer_timed peer_takeover "$t0" "$(adi_us 150 "$OURS_MS")"
	client_path "after the failover to $R2"
	peer_link l-r1 up
	expect ours
}

test_failover_high() {
	local rc=0

	client_path "before" || return 1
	measure_stable failover_high_try || rc=1
	client_path "after R1 preempted back"
	return "$rc"
}

handover_high_try() {
	local t0

	expect ours || return 1
	cap_from "$OURS_ADDR"
	tick
	t0=$NOW_MS
	vrrpctl "$R1" del eth0 vrid "$(cur_vrid)" || { cap_clean; return 1; }
	peer_quiet "$t0" "$(skew_us 150 "$OURS_MS")"
	wait_peer "$R2" active || fail "$R2 did not take over from priority 0"
	peer_timed peer_p0_takeover "$t0" "$(skew_us 150 "$OURS_MS")" 0
	ours_add 200 "$OURS_MS" || return 1
	expect ours
}

test_handover_high() {
	measure_stable handover_high_try
}

test_rmmod_high() {
	local log wait_ms k0

	[[ -n "${VRRP_KO:-}" ]] || { skip_test "VRRP_KO not set: could not reload"; return; }
	expect ours || return 1
	client_path "before" || return 1
	flood_start "$SERVER_IP"
	sleep 0.5
	k0=$(kmsg_size)
	run timeout 60 rmmod vrrp || fail "rmmod vrrp failed"
	wait_peer "$R2" active || fail "$R2 did not take over from priority 0"
	flood_wait
	log=$(kmsg_since "$k0")
	wait_ms=$(sed -n 's/.*vrrp: the drains ended after \([0-9]*\) ms.*/\1/p' <<< "$log")
	ktap_diag "rmmod waited ${wait_ms:-?} ms for R1's drain"
	[[ -n "$wait_ms" ]] || fail "rmmod did not wait for R1's drain"
	[[ -n "$FLOOD_LOST" ]] || fail "no probe summary"
	[[ "${FLOOD_LOST:-1}" -eq 0 ]] || fail "$FLOOD_LOST probes lost over rmmod"
	run insmod "$VRRP_KO" || { fail "insmod $VRRP_KO failed"; return 1; }
	ours_add 200 "$OURS_MS" || return 1
	expect ours
}

test_election_low() {
	local f

	ours_set prio 100 || return 1
	expect "$R2"
	PEER_ADDR=$(ours_field active_router)
	ktap_diag "R1 sees $R2 at '$PEER_ADDR'"
	[[ -n "$PEER_ADDR" ]] || fail "R1 shows no active router"
	if [[ "$FAM" == inet && "$VER" == 3 ]]; then
		# RFC 9568 5.2.8: keepalived and FRR both use the pseudo-header.
		f=$(ours_stat csum_pseudo)
		ktap_diag "R1 csum_pseudo=$f csum_plain=$(ours_stat csum_plain)"
		[[ "$f" -gt 0 ]] || fail "R1 counted no pseudo-header checksum"
	fi
	client_path "$R2 active"
}

failover_low_try() {
	local rsn t0

	expect "$R2" || return 1
	cap_from "${PEER_ADDR:--}"
	tick
	t0=$NOW_MS
	peer_link l-r2 down
	wait_state "$R1" eth0 "$(cur_vrid)" active "$WAIT_TIMEOUT_MS" ||
		fail "R1 did not take over"
	rsn=$(ours_field reason)
	[[ "$rsn" == active-down ]] || fail "R1's reason is '$rsn', expected active-down"
	timed takeover "${PEER_ADDR:--}" "$OURS_ADDR" "$t0" "$(adi_us 100 "$PEER_MS")" "$PEER_MS"
	client_path "after the failover to R1"
	peer_link l-r2 up
	expect "$R2"
}

test_failover_low() {
	local rc=0

	measure_stable failover_low_try || rc=1
	client_path "after $R2 preempted back"
	return "$rc"
}

handover_low_try() {
	local p0 rsn t0

	expect "$R2" || return 1
	p0=$(ours_stat rcvd_pri_zero)
	cap_from "${PEER_ADDR:--}"
	tick
	t0=$NOW_MS
	peer_stop "$R2"
	wait_state "$R1" eth0 "$(cur_vrid)" active "$WAIT_TIMEOUT_MS" ||
		fail "R1 did not take over"
	rsn=$(ours_field reason)
	[[ "$rsn" == priority-zero ]] ||
		fail "R1's reason is '$rsn', expected priority-zero"
	[[ $(ours_stat rcvd_pri_zero) -gt "$p0" ]] ||
		fail "R1 counted no priority-0 advertisement"
	timed p0_takeover "${PEER_ADDR:--}" "$OURS_ADDR" "$t0" "$(skew_us 100 "$PEER_MS")" "$PEER_MS" 0
	peer_restart "$R2" || return 1
	expect "$R2"
}

test_handover_low() {
	measure_stable handover_low_try
}

test_tie() {
	local rc=0 win

	lan_vrrp_block || return 1
	ours_set prio 150 || rc=1
	wait_state "$R1" eth0 "$(cur_vrid)" active "$WAIT_TIMEOUT_MS" ||
		fail "R1 alone not active"
	wait_peer "$R2" active || fail "$R2 alone not active"
	lan_vrrp_unblock || rc=1
	if ip_gt "$OURS_ADDR" "$PEER_ADDR"; then win=ours; else win=$R2; fi
	ktap_diag "R1 $OURS_ADDR, $R2 $PEER_ADDR: expect $win active"
	expect "$win"
	# Back to R1 100, the peer Active, for the next test.
	ours_set prio 100 || rc=1
	expect "$R2"
	return "$rc"
}

test_interval() {
	local ai e0 want=$PEER_MS

	e0=$(ours_stat adv_interval_errors)
	ours_set interval $((OURS_MS * 2)) || return 1
	busywait "$WAIT_TIMEOUT_MS" stat_above adv_interval_errors "$e0" ||
		fail "R1 counted no interval difference"
	ai=$(ours_field active_interval)
	ktap_diag "R1 configured $((OURS_MS * 2)) ms, $R2 advertises $PEER_MS ms: active_interval=$ai"
	# RFC 3768 7.1: a VRRPv2 router discards an advertisement whose
	# interval differs from its own; there is nothing to learn.
	[[ "$VER" == 2 ]] && want=$((OURS_MS * 2))
	[[ "$ai" == "$want" ]] || fail "R1's active_interval is $ai, expected $want"
	if [[ "$VER" == 3 ]]; then
		state_is "$R1" eth0 "$(cur_vrid)" backup ||
			fail "R1 left backup"
	fi
	ours_set interval "$OURS_MS"
}

stat_above() {
	[[ $(ours_stat "$1") -gt "$2" ]]
}

# setup_peer NAME KIND FAMILY VERSION: start the peer in R2 (priority 150)
# and our router in R1 (priority 200).
setup_peer() {
	FAM=$3 VER=$4
	PEER_ADDR=
	if [[ "$VER" == 2 ]]; then
		PEER_MS=1000 OURS_MS=1000
	else
		PEER_MS=100 OURS_MS=100
	fi
	if [[ "$FAM" == inet6 ]]; then
		# The link-local address the advertisements come from.
		OURS_ADDR=$(own_ll "$R1")
	else
		OURS_ADDR=$LAN_PREFIX.2
	fi
	if [[ "$2" == ka ]]; then
		ka_start "$R2" 150 "$PEER_MS" || return 1
	else
		frr_start "$R2" 150 "$PEER_MS" || return 1
	fi
	ours_add 200 "$OURS_MS"
}

teardown_peer() {
	[[ -n "${PKIND[$R2]:-}" ]] || return 0
	vrrpctl "$R1" del eth0 vrid "$(cur_vrid)" 2>/dev/null
	if [[ "${PKIND[$R2]}" == ka ]]; then
		ka_stop "$R2"
	else
		frr_down "$R2"
	fi
	unset "PKIND[$R2]"
}

frr_down() {
	local ns=$1 f

	for f in vrrpd zebra; do
		[[ -s "${PDIR[$ns]}/$f.pid" ]] && kill "$(cat "${PDIR[$ns]}/$f.pid")" 2>/dev/null
	done
	ip -n "$ns" link del "vrrp4-2-$VID4" 2>/dev/null
	ip -n "$ns" link del "vrrp6-2-$VID6" 2>/dev/null
	for f in vrrpd zebra; do
		slowwait 10 pid_gone "${PDIR[$ns]}/$f.pid"
	done
	rm -rf "${PDIR[$ns]}"
}

pid_gone() {
	[[ ! -s "$1" ]] || ! kill -0 "$(cat "$1")" 2>/dev/null
}

# wanted GROUP: a test of GROUP is selected (its setup is needed).
wanted() {
	local t

	for t in ${GROUP_TESTS[$1]}; do
		test_selected "${1}_$t" && return 0
	done
	return 1
}

# groups_to_tests: TESTS may name groups (and INTEROP_ONLY, groups only,
# adds to it): each group becomes its tests, for lib.sh to check.
groups_to_tests() {
	local w t out=

	for w in ${INTEROP_ONLY:-} ${TESTS:-}; do
		if [[ -n "${GROUP_TESTS[$w]:-}" ]]; then
			for t in ${GROUP_TESTS[$w]}; do
				out+=" ${w}_$t"
			done
		else
			out+=" $w"
		fi
	done
	TESTS=${out# }
}

# run_tests GROUP OK: run each test of GROUP (test_GROUP_TEST), or fail
# those selected when the group's setup failed (OK 0), so that the plan
# holds.
run_tests() {
	local g=$1 ok=$2 t

	for t in ${GROUP_TESTS[$g]}; do
		if ! test_selected "${g}_$t"; then
			ktap_skip "${g}_$t" "not in TESTS"
		elif ((ok)); then
			ktap_run "${g}_$t" "test_${g}_$t"
		else
			ktap_fail "${g}_$t"
		fi
	done
}

# run_matrix PFX KIND FAMILY VERSION: one setup and its tests; MATRIX_OK
# says whether the setup worked (frrc's tests run over frr's).
MATRIX_OK=0
run_matrix() {
	local t

	MATRIX_OK=0
	if ! wanted "$1" && ! { [[ $1 == frr ]] && wanted frrc; }; then
		run_tests "$1" 0
		return
	fi
	ktap_diag "==== $1: $2, $3, VRRPv$4"
	setup_peer "$@" && MATRIX_OK=1
	for t in ${GROUP_TESTS[$1]}; do
		eval "test_${1}_$t() { test_$t; }"
	done
	run_tests "$1" "$MATRIX_OK"
}

##############################################################################
# The checksum forms.

test_ka3c_ucast() {
	KA_EXTRA=$'\tunicast_src_ip 192.0.2.3\n\tunicast_peer {\n\t\t192.0.2.2\n\t}'
	ka_start "$R2" 150 "$PEER_MS" "$KA_EXTRA" || return 1
	expect "$R2" || return 1
	ours_set prio 200 || return 1
	expect ours
	ours_set prio 100
}

test_ka3c_ucast_old_csum() {
	local e0

	ka_stop "$R2"
	KA_EXTRA=$'\tunicast_src_ip 192.0.2.3\n\tunicast_peer {\n\t\t192.0.2.2\n\t}\n\told_unicast_checksum'
	e0=$(ours_stat checksum_errors)
	ka_start "$R2" 150 "$PEER_MS" "$KA_EXTRA" || return 1
	wait_peer "$R2" active || fail "keepalived not active"
	busywait "$WAIT_TIMEOUT_MS" stat_above checksum_errors "$e0" ||
		fail "R1 counted no checksum error"
	ktap_diag "R1 checksum_errors $e0 -> $(ours_stat checksum_errors)"
	# Every advertisement is discarded: R1 (priority 100) takes over too.
	wait_state "$R1" eth0 "$VID4" active "$WAIT_TIMEOUT_MS" ||
		fail "R1 did not become active as well"
	ka_stop "$R2"
	KA_EXTRA=
}

# FRR 8.4 always includes the pseudo-header (its
# checksum-with-ipv4-pseudoheader switch came later) and accepts no other
# form; R1 is the one that can be set to the plain form.
test_frrc_ours_plain() {
	local p0 s0

	p0=$(ours_stat csum_pseudo)
	ours_set checksum plain || return 1
	expect "$R2" || return 1
	busywait "$WAIT_TIMEOUT_MS" stat_above csum_pseudo "$p0" ||
		fail "R1 did not count FRR's pseudo-header checksum"
	# R1 at 200 preempts, but FRR discards R1's plain checksums and
	# stays Active: two Active routers, by the configuration.
	ours_set prio 200 || return 1
	wait_state "$R1" eth0 "$VID4" active "$WAIT_TIMEOUT_MS" ||
		fail "R1 did not preempt"
	s0=$(ours_stat sent_advertisements)
	busywait "$WAIT_TIMEOUT_MS" stat_above sent_advertisements $((s0 + 9)) ||
		fail "R1 sent fewer than 10 advertisements: FRR's state proves nothing"
	peer_is "$R2" active ||
		fail "FRR accepted R1's plain checksum ($(peer_state "$R2"))"
	ktap_diag "R1 csum_pseudo=$(ours_stat csum_pseudo) csum_plain=$(ours_stat csum_plain), both active"
}

test_frrc_ours_pseudo() {
	ours_set checksum pseudo || return 1
	expect ours
	ours_set prio 100 || return 1
	expect "$R2"
}

##############################################################################
# Three routers: R1 ours (200), R2 keepalived (150), R3 FRR (100).

test_three_election() {
	expect ours "$R2" && expect ours "$R3"
}

test_three_failover() {
	peer_link l-r1 down
	wait_peer "$R2" active || fail "keepalived did not take over"
	wait_peer "$R3" backup || fail "FRR is not backup"
	slowwait $((WAIT_TIMEOUT_MS / 1000)) client_once ||
		fail "the client has no path through the VIP"
	{ peer_is "$R2" active && peer_is "$R3" backup; } || fail "R2 and R3 disagree"
}

test_three_preempt() {
	peer_link l-r1 up
	expect ours "$R2" && expect ours "$R3"
}

r3_create() {
	[[ -n "$R3" ]] && return 0
	setup_ns R3 || return
	run ip -n "$SW" link add l-r3 type veth peer name eth0 netns "$R3" || return
	run ip -n "$SW" link set l-r3 master br0 up || return
	run ip -n "$R3" addr add "$LAN_PREFIX.4/24" dev eth0 || return
	run ip -n "$R3" link set eth0 up
}

setup_three() {
	FAM=inet VER=3 PEER_MS=100 OURS_MS=100
	r3_create || return
	ka_start "$R2" 150 "$PEER_MS" || return
	frr_start "$R3" 100 "$PEER_MS" || return
	ours_add 200 "$OURS_MS"
}

teardown_three() {
	vrrpctl "$R1" del eth0 vrid "$(cur_vrid)" 2>/dev/null
	[[ "${PKIND[$R2]:-}" == ka ]] && ka_stop "$R2"
	unset "PKIND[$R2]"
	[[ -n "$R3" && -n "${PDIR[$R3]:-}" ]] && frr_down "$R3"
	unset "PKIND[$R3]" "PDIR[$R3]"
	return 0
}

##############################################################################
# Three routers in IPv6, ours in the middle: R2 keepalived (200), R1 ours
# (150), R3 FRR (100). When keepalived fails or stops, R1 is the one that
# takes over, in its own time, and FRR stays Backup throughout.

three6_backups() {
	wait_state "$R1" eth0 "$VID6" backup "$WAIT_TIMEOUT_MS" || fail "R1 is not backup"
	wait_peer "$R3" backup || fail "FRR is not backup"
}

# three6_only_two T0_MS: since T0 only keepalived and R1 advertised: FRR
# (priority 100) never took over, not even for a moment before R1 did.
three6_only_two() {
	local o

	cap_wait_advert "$OURS_ADDR" || return 0
	o=$(cap_others $(($1 * 1000)) "$PEER_ADDR" "$OURS_ADDR")
	[[ -z "$o" ]] || fail "advertisements from $o during the takeover: FRR took over"
}

test_three6_election() {
	local a

	expect "$R2" || return 1
	three6_backups
	a=$(ours_field active_router)
	ktap_diag "R1 sees keepalived at '$a'"
	[[ "$a" == "$PEER_ADDR" ]] || fail "R1 shows '$a' as the Active router, not keepalived's $PEER_ADDR"
	client_path "keepalived active"
}

# three6_try failover|handover: keepalived's link goes down, or keepalived
# stops (priority 0); R1 takes over in its Active_Down_Interval or
# Skew_Time, FRR stays Backup; then keepalived comes back and preempts.
three6_try() {
	local t0 name=takeover p0='' rfc

	expect "$R2" || return 1
	three6_backups
	cap_from "$PEER_ADDR"
	tick
	t0=$NOW_MS
	if [[ "$1" == failover ]]; then
		rfc=$(adi_us 150 "$PEER_MS")
		peer_link l-r2 down
	else
		name=p0_takeover p0=0 rfc=$(skew_us 150 "$PEER_MS")
		ka_stop "$R2"
	fi
	wait_state "$R1" eth0 "$VID6" active "$WAIT_TIMEOUT_MS" || fail "R1 did not take over"
	three6_only_two "$t0"
	timed "$name" "$PEER_ADDR" "$OURS_ADDR" "$t0" "$rfc" "$PEER_MS" ${p0:+"$p0"}
	wait_peer "$R3" backup || fail "FRR is not backup"
	client_path "R1 active"
	if [[ "$1" == failover ]]; then
		peer_link l-r2 up
	else
		ka_start "$R2" 200 "$PEER_MS" || return 1
	fi
	expect "$R2"
}

test_three6_failover() {
	measure_stable three6_try failover
}

test_three6_handover() {
	measure_stable three6_try handover
}

setup_three6() {
	FAM=inet6 VER=3 PEER_MS=100 OURS_MS=100
	r3_create || return
	OURS_ADDR=$(own_ll "$R1")
	PEER_ADDR=$(own_ll "$R2")
	ka_start "$R2" 200 "$PEER_MS" || return
	frr_start "$R3" 100 "$PEER_MS" || return
	ours_add 150 "$OURS_MS"
}

cleanup() {
	[[ -n "${R3:-}" && -n "${PDIR[$R3]:-}" ]] && frr_down "$R3"
	[[ -n "${R2:-}" && "${PKIND[$R2]:-}" == frr ]] && frr_down "$R2"
	[[ -n "$WORK" ]] && rm -rf "$WORK"
	return 0
}

require_root
require_cmd ip nft jq ping python3
require_vrrp
for c in keepalived "$FRR_DIR/zebra" "$FRR_DIR/vrrpd" vtysh; do
	command -v "$c" >/dev/null 2>&1 ||
		{ ktap_header; ktap_skip_all "peer '$c' not installed"; }
done
lib_init
R3=

groups_to_tests
ktap_header
tests_plan
ktap_diag "kernel $(uname -r), $(keepalived -v 2>&1 | head -n 1), $("$FRR_DIR/zebra" --version 2>/dev/null | head -n 1)"
WORK=$(mktemp -d /tmp/vrrp-interop.XXXXXX)
chmod 755 "$WORK"

if ! topo_create; then
	ktap_diag "Bail out: cannot set up the topology"
	exit "$KSFT_FAIL"
fi
run ip -n "$R1" addr add 2001:db8::2/64 dev eth0 nodad
run ip -n "$R2" addr add 2001:db8::3/64 dev eth0 nodad
run ip -n "$CL" addr add 2001:db8::100/64 dev eth0 nodad

run_matrix ka2 ka inet 2
teardown_peer
run_matrix ka3 ka inet 3
teardown_peer
# The checksum forms over keepalived VRRPv3 IPv4 unicast: the peer Active.
ok=1
FAM=inet VER=3 PEER_MS=100 OURS_MS=100
if wanted ka3c; then
	ours_add 100 "$OURS_MS" peer "$LAN_PREFIX.3" || ok=0
fi
run_tests ka3c "$ok"
wanted ka3c && vrrpctl "$R1" del eth0 vrid "$VID4"
run_matrix ka3v6 ka inet6 3
teardown_peer
run_tests conv 1

# FRR's checksum forms over the FRR IPv4 setup (the peer Active).
run_matrix frr frr inet 3
run_tests frrc "$MATRIX_OK"
teardown_peer
run_matrix frrv6 frr inet6 3
teardown_peer

ok=0
wanted three && setup_three && ok=1
run_tests three "$ok"
wanted three && teardown_three
ok=0
wanted three6 && setup_three6 && ok=1
run_tests three6 "$ok"
ktap_finish
