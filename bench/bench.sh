#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench.sh [PART...] - the failover benchmark, run inside the VM by
# bench/run (it needs the vrrp module loaded or VRRP_KO, and root).
#
# PART is any of outage, stability, scale (default: all three). Each
# writes JSON lines to $BENCH_OUT/raw/PART.jsonl; outage also keeps one
# capture of the LAN bridge per implementation and interval in
# $BENCH_OUT/raw/*.pcap (bench/report.py reads both on the host).
#
# Implementations (IMPLS): vrrp (this module, vrrpctl), keepalived
# (VRRPv3, one daemon per router namespace) and frr (zebra + vrrpd per
# router namespace, with the macvlan FRR's documentation asks for); and
# two modes of this module that only carrier loss tells apart:
# vrrp-any (both routers "forward any": the Backup forwards what the
# switch floods to it) and vrrp-anycast (an anycast gateway on both, no
# election: R1 and R2 both Active). These two run the failure kinds of
# ACTIVE_KINDS only.
#
# Environment (defaults in brackets):
#   IMPLS            implementations ["vrrp keepalived frr"]
#   INTERVALS        outage: advertisement intervals in ms ["1000 100 10"]
#   KINDS            outage: failure kinds ["carrier silent admin graceful
#                    demote failback"]; graceful and demote are the planned
#                    handovers: the Active router deleted or stopped, and
#                    its priority set below the Backup's
#   ACTIVE_KINDS     ... of vrrp-any and vrrp-anycast ["carrier"]
#   REPS             outage: repetitions of each [5]
#   DURATION         stability: seconds per load [60]
#   LOADS            stability: ["idle cpu rt"]
#   STAB_INTERVALS   stability: intervals ["100 10"]
#   SCALE_COUNTS     scale: virtual routers ["1 64 255 1000"]
#   SCALE_INTERVALS  scale: intervals ["100 10"]
#   WINDOW           scale: seconds of CPU measurement [10]
#   CONVERGE         scale: seconds allowed to reach the steady state [60];
#                    a count that does not hold skips the larger ones
#   PROFILE          scale: seconds of a system-wide perf profile taken
#                    after each window (0: none) [0]; the report goes to
#                    $BENCH_OUT/raw/profile-IMPL-INTERVAL-COUNT.txt
#   BENCH_OUT        output directory [$VM_OUT or /tmp/bench]
#
# Nothing here asserts a time: a failed measurement is recorded as such.

# shellcheck source=selftests/lib.sh
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../selftests/lib.sh"

IMPLS=${IMPLS:-"vrrp keepalived frr vrrp-any vrrp-anycast"}
INTERVALS=${INTERVALS:-"1000 100 10"}
KINDS=${KINDS:-"carrier silent admin graceful demote failback"}
ACTIVE_KINDS=${ACTIVE_KINDS:-"carrier"}
REPS=${REPS:-5}
DURATION=${DURATION:-60}
LOADS=${LOADS:-"idle cpu rt"}
STAB_INTERVALS=${STAB_INTERVALS:-"100 10"}
SCALE_COUNTS=${SCALE_COUNTS:-"1 64 255 1000"}
SCALE_INTERVALS=${SCALE_INTERVALS:-"100 10"}
WINDOW=${WINDOW:-10}
CONVERGE=${CONVERGE:-60}
PROFILE=${PROFILE:-0}
BENCH_OUT=${BENCH_OUT:-${VM_OUT:-/tmp/bench}}
PROBE_BIN=${PROBE_BIN:-$REPO/build/bench/probe}

RAW=$BENCH_OUT/raw
RUN=$(mktemp -d /tmp/bench.XXXXXX)
chmod 755 "$RUN"
PROBE_PORT=7777
KA_BIN=$(command -v keepalived || true)
FRR_DIR=/usr/lib/frr
HZ=$(getconf CLK_TCK)

##############################################################################
# Helpers

say() {
	ktap_diag "$(date +%T) $*"
}

# emit FILE KEY=VALUE...: append one JSON object; values that look like
# numbers, true/false/null, objects or arrays go in raw, others quoted.
emit() {
	local file=$1 kv k v sep='' line='{'
	shift

	for kv in "$@"; do
		k=${kv%%=*}
		v=${kv#*=}
		if [[ ! "$v" =~ ^(-?[0-9]+(\.[0-9]+)?|true|false|null|\{.*\}|\[.*\])$ ]]; then
			v=\"${v//\"/\\\"}\"
		fi
		line+="$sep\"$k\": $v"
		sep=', '
	done
	printf '%s}\n' "$line" >> "$RAW/$file.jsonl"
}

# rt_now: CLOCK_REALTIME in seconds with microseconds (no fork).
rt_now() {
	echo "${EPOCHREALTIME/,/.}"
}

ms_to_s() {
	printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000))
}

##############################################################################
# Implementations. Every function takes the router namespace first; the
# routers of one topology are R1 (priority 200, the Active) and R2 (100).
# impl_start IMPL NS PRIO INTERVAL_MS [COUNT]: COUNT > 1 makes COUNT
# virtual routers across VLAN interfaces (see scale_vlans).

# impl_args IMPL: what vrrpctl add says for the module's modes.
impl_args() {
	case $1 in
	vrrp-any) echo "forward any" ;;
	vrrp-anycast) echo "mode anycast" ;;
	esac
}

ka_conf() {
	local ns=$1 prio=$2 ivl=$3 count=${4:-1} i dev vrid vip state=BACKUP

	[[ $prio -gt 100 ]] && state=MASTER
	printf 'global_defs {\n\trouter_id %s\n\tvrrp_version 3\n}\n' "$ns"
	for ((i = 0; i < count; i++)); do
		scale_router "$i" "$count"
		printf 'vrrp_instance V%d {\n\tstate %s\n\tinterface %s\n' \
			"$i" "$state" "$dev"
		printf '\tvirtual_router_id %d\n\tpriority %d\n' "$vrid" "$prio"
		printf '\tadvert_int %s\n' "$(ms_to_s "$ivl")"
		printf '\tvirtual_ipaddress {\n\t\t%s dev %s\n\t}\n}\n' "$vip" "$dev"
	done
}

frr_conf() {
	local prio=$2 ivl=$3 count=${4:-1} i dev vrid vip last=''

	for ((i = 0; i < count; i++)); do
		scale_router "$i" "$count"
		if [[ "$dev" != "$last" ]]; then
			printf 'interface %s\n' "$dev"
			last=$dev
		fi
		printf ' vrrp %d version 3\n vrrp %d priority %d\n' "$vrid" "$vrid" "$prio"
		printf ' vrrp %d advertisement-interval %d\n' "$vrid" "$ivl"
		printf ' vrrp %d ip %s\n' "$vrid" "${vip%/*}"
	done
}

# scale_router I COUNT: dev, vrid and vip of virtual router I of COUNT.
# One router: eth0, vrid 10, the topology's VIP; more: up to 250 per VLAN
# interface eth0.V (V = 1, 2, ...), VIP 10.V.1.VRID.
scale_router() {
	local i=$1 count=$2 v

	if [[ $count -le 1 ]]; then
		dev=eth0
		vrid=${VRID:?}
		vip=$VIP_CIDR
		return
	fi
	v=$((i / 250 + 1))
	dev=eth0.$v
	vrid=$((i % 250 + 1))
	vip=10.$v.1.$vrid/16
}

impl_start() {
	local impl=$1 ns=$2 prio=$3 ivl=$4 count=${5:-1} d=$RUN/$2 i dev vrid vip

	mkdir -p "$d"
	case $impl in
	vrrp*)
		for ((i = 0; i < count; i++)); do
			scale_router "$i" "$count"
			echo "add $dev vrid $vrid prio $prio interval $ivl $(impl_args "$impl") address $vip"
		done > "$d/vrrp.batch"
		"$VRRPCTL_BIN" -n "$ns" -b "$d/vrrp.batch"
		;;
	keepalived)
		ka_conf "$ns" "$prio" "$ivl" "$count" > "$d/keepalived.conf"
		ip netns exec "$ns" "$KA_BIN" -n -l -D -G -P -f "$d/keepalived.conf" \
			-p "$d/ka.pid" -r "$d/ka-vrrp.pid" >> "$d/keepalived.log" 2>&1 &
		echo $! > "$d/daemon.pid"
		;;
	frr)
		frr_start "$ns" "$prio" "$ivl" "$count"
		;;
	esac
}

frr_start() {
	local ns=$1 prio=$2 ivl=$3 count=$4 d=$RUN/$1 i dev vrid vip m

	ip netns exec "$ns" sysctl -qw net.ipv4.conf.all.arp_ignore=1 \
		net.ipv4.conf.all.ignore_routes_with_linkdown=1
	# The macvlan with the vMAC per virtual router (FRR's documentation).
	for ((i = 0; i < count; i++)); do
		scale_router "$i" "$count"
		m=vr${dev#eth0}-$vrid
		m=${m//./}
		printf 'link add %s link %s type macvlan mode bridge\n' "$m" "$dev"
		printf 'link set dev %s addrgenmode random\n' "$m"
		printf 'link set dev %s address %s\n' "$m" "$(vmac "$vrid")"
		printf 'addr add %s dev %s\n' "$vip" "$m"
		printf 'link set dev %s up\n' "$m"
	done > "$d/macvlan.batch"
	ip -n "$ns" -b "$d/macvlan.batch" || return
	: > "$d/zebra.conf"
	frr_conf "$ns" "$prio" "$ivl" "$count" > "$d/vrrpd.conf"
	chown -R frr:frr "$d"
	ip netns exec "$ns" "$FRR_DIR/zebra" -f "$d/zebra.conf" -i "$d/zebra.pid" \
		--vty_socket "$d" -z "$d/zserv.api" -P 0 --log stdout --log-level info \
		>> "$d/zebra.log" 2>&1 &
	echo $! > "$d/zebra.daemon.pid"
	busywait 20000 test -S "$d/zserv.api"
	ip netns exec "$ns" "$FRR_DIR/vrrpd" -f "$d/vrrpd.conf" -i "$d/vrrpd.pid" \
		--vty_socket "$d" -z "$d/zserv.api" -P 0 --log stdout --log-level info \
		>> "$d/vrrpd.log" 2>&1 &
	echo $! > "$d/daemon.pid"
}

# impl_pids IMPL NS: the daemons' pids (none for vrrp).
impl_pids() {
	local d=$RUN/$2 f

	for f in "$d/daemon.pid" "$d/zebra.daemon.pid"; do
		[[ -r "$f" ]] && cat "$f"
	done
	# keepalived's VRRP child does the work.
	[[ -r "$d/ka-vrrp.pid" ]] && cat "$d/ka-vrrp.pid"
	return 0
}

# impl_stop IMPL NS: stop gracefully (priority 0 from an Active) and wait.
impl_stop() {
	local impl=$1 ns=$2 d=$RUN/$2 p

	case $impl in
	vrrp*)
		"$VRRPCTL_BIN" -n "$ns" flush
		;;
	*)
		for p in $(cat "$d/daemon.pid" 2>/dev/null) \
			 $(cat "$d/zebra.daemon.pid" 2>/dev/null); do
			kill -TERM "$p" 2>/dev/null
			wait "$p" 2>/dev/null
		done
		rm -f "$d/daemon.pid" "$d/zebra.daemon.pid" "$d/ka-vrrp.pid"
		;;
	esac
	if [[ $impl == frr && -r "$d/macvlan.batch" ]]; then
		awk '$1 == "link" && $2 == "add" { print "link del", $3 }' \
			"$d/macvlan.batch" | ip -n "$ns" -b - 2>/dev/null
		ip netns exec "$ns" sysctl -qw net.ipv4.conf.all.arp_ignore=0 \
			net.ipv4.conf.all.ignore_routes_with_linkdown=0
		rm -f "$d/macvlan.batch"
	fi
}

# count_of STRING WORD: REPLY = occurrences of WORD in STRING (no fork).
count_of() {
	local s=$1 w=$2 r

	r=${s//"$w"/}
	REPLY=$(((${#s} - ${#r}) / ${#w}))
}

# impl_states IMPL NS: ST_A and ST_B, the number of its routers that are
# Active and Backup (as few processes as possible: exec is slow in TCG).
impl_states() {
	local impl=$1 ns=$2 d=$RUN/$2 out

	ST_A=0
	ST_B=0
	case $impl in
	vrrp*)
		out=$("$VRRPCTL_BIN" -n "$ns" -j show 2>/dev/null)
		out=${out//\": \"/\":\"}
		count_of "$out" '"state":"active"'
		ST_A=$REPLY
		count_of "$out" '"state":"backup"'
		ST_B=$REPLY
		;;
	keepalived)
		read -r ST_A ST_B < <(awk '/Entering [A-Z]+ STATE/ {
			match($0, /\([^)]*\) Entering [A-Z]+/)
			split(substr($0, RSTART, RLENGTH), a, " ")
			s[a[1]] = a[3]
		}
		END { for (i in s) n[s[i]]++
		      print n["MASTER"] + 0, n["BACKUP"] + 0 }' \
			"$d/keepalived.log" 2>/dev/null)
		;;
	frr)
		out=$(vtysh --vty_socket "$d" -c 'show vrrp json' 2>/dev/null)
		out=${out//\": \"/\":\"}
		count_of "$out" '"status":"Master"'
		ST_A=$REPLY
		count_of "$out" '"status":"Backup"'
		ST_B=$REPLY
		;;
	esac
}

# vrrp_counter NS KEY: counter KEY (JSON name) summed over NS's routers.
vrrp_counter() {
	"$VRRPCTL_BIN" -n "$1" -j -s show 2>/dev/null |
		awk -v RS="\"$2\": *" 'NR > 1 { n += $1 + 0 }
		END { print n + 0 }'
}

# impl_transitions IMPL NS: how many times its routers became Active.
impl_transitions() {
	local impl=$1 ns=$2 d=$RUN/$2

	case $impl in
	vrrp*)
		vrrp_counter "$ns" active_transitions
		;;
	keepalived)
		grep -c 'Entering MASTER STATE' "$d/keepalived.log" 2>/dev/null
		;;
	frr)
		# From its counters (its log is block-buffered): a router that
		# started as Backup made two transitions per time it was Active.
		vtysh --vty_socket "$d" -c 'show vrrp json' 2>/dev/null |
			awk -v RS='"transitions": *' 'NR > 1 { n += int(($1 + 0) / 2) }
			END { print n + 0 }'
		;;
	esac
	return 0
}

# is_state IMPL NS STATE [COUNT]: COUNT (1) routers in STATE (active,
# backup).
is_state() {
	local n=${4:-1}

	impl_states "$1" "$2"
	case $3 in
	active) [[ ${ST_A:-0} -eq $n ]] ;;
	backup) [[ ${ST_B:-0} -eq $n && ${ST_A:-0} -eq 0 ]] ;;
	esac
}

# steady IMPL [COUNT]: R1 Active and R2 Backup; both Active for an
# anycast gateway.
steady() {
	local r2=backup

	[[ $1 == vrrp-anycast ]] && r2=active
	is_state "$1" "$R1" active "${2:-1}" && is_state "$1" "$R2" "$r2" "${2:-1}"
}

# steady_wait IMPL TIMEOUT_MS [COUNT]
steady_wait() {
	busywait "$2" steady "$1" "${3:-1}"
}

##############################################################################
# Outage: a client streams 1000 probes/s through the VIP to the server; one
# failure per trial; the capture of the LAN bridge gives the takeover.

probe_begin() {
	PROBE_STATUS=$RUN/probe.status
	PROBE_JSON=$RUN/probe.json
	rm -f "$PROBE_STATUS" "$PROBE_JSON"
	ip netns exec "$CL" "$PROBE_BIN" -c "$SERVER_IP" -p "$PROBE_PORT" -R 10 \
		-f "$PROBE_STATUS" > "$PROBE_JSON" 2>&1 &
	PROBE_PID=$!
	probe_wait_more 0 100 10000
}

# probe_count: replies so far (from the prober's status file, no fork).
probe_count() {
	local n=0

	[[ -r "$PROBE_STATUS" ]] && read -r n < "$PROBE_STATUS"
	echo "${n:-0}"
}

probe_more() {
	[[ $(probe_count) -ge $1 ]]
}

# probe_wait_more BASE N TIMEOUT_MS: N more replies than BASE.
probe_wait_more() {
	busywait "$3" probe_more $(($1 + $2))
}

# probe_end: stop the prober; its JSON line in PROBE_RESULT.
probe_end() {
	kill -INT "$PROBE_PID" 2>/dev/null
	wait "$PROBE_PID" 2>/dev/null
	PROBE_RESULT=$(head -n 1 "$PROBE_JSON")
	[[ "$PROBE_RESULT" == \{* ]] || PROBE_RESULT=null
}

fail_carrier() { ip -n "$SW" link set l-r1 down; }
restore_carrier() { ip -n "$SW" link set l-r1 up; }

# The router dies with its link up: everything in and out of its LAN
# interface is dropped before any protocol sees it.
fail_silent() {
	ip netns exec "$R1" nft -f - <<-'NFT'
	table netdev bench_silent {
		chain in {
			type filter hook ingress device "eth0" priority -500; policy drop;
		}
		chain out {
			type filter hook egress device "eth0" priority -500; policy drop;
		}
	}
	NFT
}
restore_silent() { ip netns exec "$R1" nft delete table netdev bench_silent; }

# The first netdev ingress or egress hook in the system flips a static key
# (live code patching with int3). Under qemu TCG with two vCPUs that raced
# with a packet and panicked the guest ("Oops: int3" in
# __netif_receive_skb_core) in a run of this benchmark; so both keys are
# turned on once, before any traffic, by a do-nothing table on a dummy
# device in a namespace of its own, and the silent deaths never flip them.
netdev_keys_on() {
	setup_ns KEYS 3>> "$RUN/setup.log" || return
	ip -n "$KEYS" link add bench0 type dummy &&
		ip -n "$KEYS" link set bench0 up &&
		ip netns exec "$KEYS" nft -f - <<-'NFT'
	table netdev bench_keys {
		chain in {
			type filter hook ingress device "bench0" priority 0; policy accept;
		}
		chain out {
			type filter hook egress device "bench0" priority 0; policy accept;
		}
	}
	NFT
}

fail_admin() { ip -n "$R1" link set eth0 down; }
restore_admin() { ip -n "$R1" link set eth0 up; }

# Graceful: the router deleted (vrrp), the daemon stopped (keepalived) or
# the router shut down administratively (FRR's "vrrp VRID shutdown"; its
# daemon also sends priority 0 when stopped): priority 0 in each case.
fail_graceful() {
	case $IMPL in
	vrrp*) "$VRRPCTL_BIN" -n "$R1" del eth0 vrid "$VRID" ;;
	keepalived) impl_stop keepalived "$R1" ;;
	frr) vtysh --vty_socket "$RUN/$R1" -c 'configure terminal' \
		-c 'interface eth0' -c "vrrp $VRID shutdown" ;;
	esac
}
# shellcheck disable=SC2046 # the mode's words
restore_graceful() {
	case $IMPL in
	vrrp*) "$VRRPCTL_BIN" -n "$R1" add eth0 vrid "$VRID" prio 200 \
		interval "$IVL" $(impl_args "$IMPL") address "$VIP_CIDR" ;;
	keepalived) impl_start keepalived "$R1" 200 "$IVL" ;;
	frr) vtysh --vty_socket "$RUN/$R1" -c 'configure terminal' \
		-c 'interface eth0' -c "no vrrp $VRID shutdown" ;;
	esac
}

# Demote: the Active router's priority set below the Backup's (50), which
# preempts: vrrpctl set, keepalived reloading its configuration (SIGHUP
# to the parent), FRR's "vrrp VRID priority".
demote_to() {
	case $IMPL in
	vrrp*) "$VRRPCTL_BIN" -n "$R1" set eth0 vrid "$VRID" prio "$1" ;;
	keepalived)
		ka_conf "$R1" "$1" "$IVL" > "$RUN/$R1/keepalived.conf"
		kill -HUP "$(cat "$RUN/$R1/daemon.pid")" ;;
	frr) vtysh --vty_socket "$RUN/$R1" -c 'configure terminal' \
		-c 'interface eth0' -c "vrrp $VRID priority $1" ;;
	esac
}
fail_demote() { demote_to 50; }
restore_demote() { demote_to 200; }

# impl_kinds IMPL KIND...: the kinds IMPL runs.
impl_kinds() {
	local impl=$1 k
	shift

	for k in "$@"; do
		[[ $impl != vrrp-any && $impl != vrrp-anycast ||
		   " $ACTIVE_KINDS " == *" $k "* ]] && echo "$k"
	done
}

# trial KIND REP: one failure, and (after carrier loss) the failback.
trial() {
	local kind=$1 rep=$2 t_fail t_active=null base rec=true wait_ms
	local want_back=false n

	[[ " $KINDS " == *" failback "* && $kind == carrier ]] && want_back=true
	wait_ms=$((4 * IVL + 20000))
	# Both anycast gateways answer for the vMAC: the switch sends it to
	# the one it heard last. The failure is R1's: R1 it is.
	[[ $IMPL == vrrp-anycast ]] &&
		bridge -n "$SW" fdb replace "$(vmac "$VRID")" dev l-r1 master dynamic
	probe_begin || say "probe: no replies before the failure"
	t_fail=$(rt_now)
	"fail_$kind" >> "$RUN/cmd.log" 2>&1
	if busywait "$wait_ms" is_state "$IMPL" "$R2" active; then
		t_active=$(rt_now)
	else
		say "$IMPL $IVL $kind: R2 not active after $wait_ms ms"
	fi
	base=$(probe_count)
	probe_wait_more "$base" 200 20000 || rec=false
	probe_end
	emit outage impl="$IMPL" interval_ms="$IVL" kind="$kind" rep="$rep" \
		t_fail="$t_fail" t_active="$t_active" recovered="$rec" \
		probe="$PROBE_RESULT"
	say "$IMPL $IVL ms $kind #$rep: $PROBE_RESULT"

	$want_back && probe_begin
	t_fail=$(rt_now)
	"restore_$kind" >> "$RUN/cmd.log" 2>&1
	rec=true
	steady_wait "$IMPL" $((2 * wait_ms)) ||
		{ rec=false; say "$IMPL $IVL $kind: not steady after restore"; }
	# Each trial starts with the client's gateway entry learnt from the
	# current Active: after a silent death the old Active never announced
	# itself again, and keepalived's Backup forwards what reaches its MAC.
	$want_back || ip -n "$CL" neigh flush dev eth0
	if $want_back; then
		# The preemption blip is over once replies flow for a while.
		n=$(probe_count)
		probe_wait_more "$n" 300 20000 || rec=false
		probe_end
		emit outage impl="$IMPL" interval_ms="$IVL" kind=failback \
			rep="$rep" t_fail="$t_fail" t_active=null \
			recovered="$rec" probe="$PROBE_RESULT"
		say "$IMPL $IVL ms failback #$rep: $PROBE_RESULT"
	fi
}

part_outage() {
	local rep kind kinds=() pcap

	for kind in $KINDS; do
		[[ $kind == failback ]] || kinds+=("$kind")
	done
	# The failback follows a carrier loss.
	[[ ${#kinds[@]} -eq 0 && " $KINDS " == *" failback "* ]] && kinds=(carrier)
	# One topology and one capture for all implementations and intervals
	# (exec is slow in TCG: building a topology takes most of a minute).
	topo_create 3>> "$RUN/setup.log" || return
	netdev_keys_on
	ip netns exec "$SRV" "$PROBE_BIN" -s -p "$PROBE_PORT" -R 10 &
	pcap=$RAW/outage.pcap
	ip netns exec "$SW" tcpdump -i br0 -n -s 128 -U -w "$pcap" \
		'ip proto 112' 2> "$RUN/tcpdump.log" &
	# shellcheck disable=SC2034 # lib.sh's bg_stop reads it
	BG_PIDS["tcpdump"]=$!
	busywait 20000 grep -q 'listening on' "$RUN/tcpdump.log"
	for IMPL in $IMPLS; do
		for IVL in $INTERVALS; do
			say "outage: $IMPL, interval $IVL ms"
			impl_start "$IMPL" "$R1" 200 "$IVL"
			impl_start "$IMPL" "$R2" 100 "$IVL"
			if ! steady_wait "$IMPL" 60000; then
				say "$IMPL at $IVL ms never settled"
				emit outage impl="$IMPL" interval_ms="$IVL" \
					kind=setup error="never settled"
			else
				for ((rep = 1; rep <= REPS; rep++)); do
					for kind in $(impl_kinds "$IMPL" "${kinds[@]}"); do
						trial "$kind" "$rep"
					done
				done
			fi
			impl_stop "$IMPL" "$R1"
			impl_stop "$IMPL" "$R2"
		done
	done
	bg_stop tcpdump INT
	cleanup_ns "$SW" "$R1" "$R2" "$CL" "$SRV" "$KEYS"
}

# pair_create: SW (bridge br0), R1 and R2 with eth0 on it, 192.0.2.2/.3:
# the part of lib.sh's topology the routers need, at a third of its cost.
pair_create() {
	local r n

	setup_ns SW R1 R2 || return
	CL=
	SRV=
	ip -n "$SW" link add br0 type bridge mcast_snooping 0 || return
	for r in 1 2; do
		n=R$r
		ip -n "$SW" link add "l-r$r" type veth peer name eth0 netns "${!n}" || return
		ip -n "$SW" link set "l-r$r" master br0 up || return
		ip -n "${!n}" addr add "$LAN_PREFIX.$((r + 1))/24" dev eth0 || return
		ip -n "${!n}" link set eth0 up || return
	done
	ip -n "$SW" link set br0 up
}

##############################################################################
# Stability: one pair of routers at a time (implementation, interval), each
# load for DURATION s; a false failover is the Backup (R2) becoming Active.

# load_start LOAD SECONDS: start the load (none for idle) in LOAD_PID.
load_start() {
	LOAD_PID=
	case $1 in
	idle) return 0 ;;
	cpu) stress-ng --cpu 0 --timeout "$2" -q & ;;
	# SCHED_FIFO hogs on every CPU starve ordinary tasks (RT throttling
	# leaves them 5%).
	rt) stress-ng --cpu 0 --sched fifo --sched-prio 50 --timeout "$2" -q & ;;
	*) say "unknown load $1"; return 1 ;;
	esac
	LOAD_PID=$!
}

load_stop() {
	[[ -n "$LOAD_PID" ]] || return 0
	wait "$LOAD_PID" 2>/dev/null
	LOAD_PID=
}

part_stability() {
	local load before late steady_end t0 t1

	for IMPL in $IMPLS; do
		for IVL in $STAB_INTERVALS; do
			pair_create 3>> "$RUN/setup.log" || return
			impl_start "$IMPL" "$R1" 200 "$IVL"
			impl_start "$IMPL" "$R2" 100 "$IVL"
			steady_wait "$IMPL" 60000 ||
				say "stability: $IMPL $IVL ms not steady at the start"
			for load in $LOADS; do
				before=$(impl_transitions "$IMPL" "$R2")
				late=null
				[[ $IMPL != vrrp* ]] ||
					late=$(vrrp_counter "$R2" late_advertisements)
				say "stability: $IMPL $IVL ms, $load for $DURATION s"
				t0=$(rt_now)
				load_start "$load" "$DURATION"
				nap "$DURATION"
				load_stop
				t1=$(rt_now)
				steady_end=false
				steady "$IMPL" && steady_end=true
				# Advertisements the Backup's recheck caught in time.
				[[ $late == null ]] ||
					late=$(($(vrrp_counter "$R2" late_advertisements) - late))
				emit stability impl="$IMPL" interval_ms="$IVL" \
					load="$load" duration_s="$DURATION" t_start="$t0" \
					t_end="$t1" steady_at_end="$steady_end" \
					false_failovers=$(($(impl_transitions "$IMPL" "$R2") - before)) \
					late_adverts="$late"
				$steady_end || steady_wait "$IMPL" 20000
			done
			impl_stop "$IMPL" "$R1"
			impl_stop "$IMPL" "$R2"
			cleanup_ns "$SW" "$R1" "$R2"
		done
	done
}

##############################################################################
# Scale and cost: COUNT virtual routers on each of R1 and R2 across VLAN
# interfaces; the guest's CPU time per second over WINDOW seconds above an
# idle baseline, the daemons' own CPU time, memory per virtual router.

# CPU time, from one source for everything compared: what the CPUs did
# not spend idle. The kernel keeps idle time exactly (nohz idle
# accounting, in microseconds; /proc/stat gives it in USER_HZ), where its
# user, system and softirq columns are samples of the tick, which TCG
# delivers late and in bursts. Softirq work (the module's receive path,
# every daemon's packets) is not idle time: it is counted wherever it
# runs. A daemon's own share comes from its tasks' run time (schedstat,
# nanoseconds); both are divided by the time measured around the window.

# cpu_snap: "CLOCK_REALTIME_US IDLE_TICKS SOFTIRQ_TICKS" (idle with
# iowait, all CPUs; softirq sampled, for information).
cpu_snap() {
	local i w sirq

	read -r _ _ _ _ i w _ sirq _ < /proc/stat
	echo "${EPOCHREALTIME/[.,]/} $((i + w)) $sirq"
}

# pids_run_ns PID...: run time of every task (thread) of these processes.
pids_run_ns() {
	local p t ns sum=0

	for p in "$@"; do
		for t in /proc/"$p"/task/*/schedstat; do
			[[ -r "$t" ]] || continue
			read -r ns _ < "$t"
			sum=$((sum + ns))
		done
	done
	echo "$sum"
}

# slab_bytes: the active objects of every slab cache, in bytes, once the
# page cache is dropped and the caches shrunk (bench/footprint.sh does the
# same): the kernel memory of the routers, the module's own objects and
# what the kernel keeps for them (netdevs, filters), without MemAvailable's
# page cache noise.
slab_bytes() {
	local f

	sync
	echo 3 > /proc/sys/vm/drop_caches
	for f in /sys/kernel/slab/*/shrink; do
		echo 1 > "$f" 2>/dev/null
	done
	awk 'NR > 2 { s += $2 * $4 } END { printf "%d\n", s }' /proc/slabinfo
}

# pids_pss_kb PID...: the processes' proportional set size.
pids_pss_kb() {
	local p sum=0 v

	for p in "$@"; do
		v=$(awk '/^Pss:/ { print $2 }' "/proc/$p/smaps_rollup" 2>/dev/null)
		sum=$((sum + ${v:-0}))
	done
	echo "$sum"
}

scale_vlans() {
	local ns=$1 n=$2 count=$3 v

	for ((v = 1; v <= (count + 249) / 250; v++)); do
		echo "link add link eth0 name eth0.$v type vlan id $v"
		echo "addr add 10.$v.0.$n/16 dev eth0.$v"
		echo "link set eth0.$v up"
	done > "$RUN/vlans.batch"
	ip -n "$ns" -b "$RUN/vlans.batch"
}

# window: measure CPU over WINDOW seconds; sets BUSY_MS (ms/s, all CPUs),
# SIRQ_MS (sampled), RUN_MS (the tasks of PIDS), WINDOW_US (measured).
window() {
	local c0 i0 s0 c1 i1 s1 d0 d1 ncpu

	ncpu=$(nproc)
	# shellcheck disable=SC2086 # a list of pids
	{
	d0=$(pids_run_ns $PIDS)
	read -r c0 i0 s0 < <(cpu_snap)
	nap "$WINDOW"
	read -r c1 i1 s1 < <(cpu_snap)
	d1=$(pids_run_ns $PIDS)
	}
	WINDOW_US=$((c1 - c0))
	BUSY_MS=$(((ncpu * WINDOW_US - (i1 - i0) * 1000000 / HZ) * 1000 / WINDOW_US))
	SIRQ_MS=$(((s1 - s0) * 1000000000 / HZ / WINDOW_US))
	# Nanoseconds over microseconds: milliseconds per second.
	RUN_MS=$(((d1 - d0) / WINDOW_US))
}

# profile NAME: where the guest's CPUs go, sampled for PROFILE seconds
# after the window (never during it: perf costs CPU of its own), with
# call chains: per CPU, per symbol (self, then with its callees) and the
# callers of the hottest.
profile() {
	local data=$RUN/perf.data

	[[ $PROFILE -gt 0 ]] || return 0
	if ! command -v perf > /dev/null; then
		say "scale: no perf in the guest, no profile"
		return 0
	fi
	perf record -q -a -g -e cpu-clock -F 997 -o "$data" -- sleep "$PROFILE" \
		> /dev/null 2>&1 || return 0
	{
		# The idle loop is sampled too: each CPU's share of the rest.
		echo "## busy samples by CPU"
		perf report -i "$data" --stdio --no-children --sort cpu,sym \
			-g none 2>/dev/null | awk '$1 ~ /%$/ && $NF != "pv_native_safe_halt" &&
				$NF != "default_idle" { b[$2] += $1 }
			END { for (c in b) printf "cpu %s %.2f%%\n", c, b[c] }' | sort
		echo "## self"
		perf report -i "$data" --stdio --no-children --sort sym \
			--percent-limit 0.5 -g none 2>/dev/null
		echo "## self and children"
		perf report -i "$data" --stdio --children --sort sym \
			--percent-limit 2 -g none 2>/dev/null
		echo "## callers of the hottest"
		perf report -i "$data" --stdio --no-children --sort sym \
			--percent-limit 3 -g caller,0.5,callee 2>/dev/null
	} | grep -v '^# \(To display\|$\)' > "$RAW/profile-$1.txt"
	rm -f "$data"
}

part_scale() {
	local count t0 t1 conv m0 m1 p1 base_ms t_conv held

	# The idle guest (no router at all) is the baseline.
	PIDS=
	window
	base_ms=$BUSY_MS
	emit scale impl=none count=0 interval_ms=0 cpu_ms_per_s="$base_ms" \
		softirq_ms_per_s="$SIRQ_MS" window_us="$WINDOW_US"
	for IMPL in $IMPLS; do
		for IVL in $SCALE_INTERVALS; do
			held=true
			for count in $SCALE_COUNTS; do
				if ! $held; then
					# A smaller count did not hold: a larger one will
					# not either, and would only cost time.
					emit scale impl="$IMPL" count="$count" \
						interval_ms="$IVL" skipped=true
					continue
				fi
				say "scale: $IMPL, $count routers, $IVL ms"
				pair_create 3>> "$RUN/setup.log" || return
				if [[ $count -gt 1 ]]; then
					scale_vlans "$R1" 2 "$count"
					scale_vlans "$R2" 3 "$count"
				fi
				m0=$(slab_bytes)
				tick
				t_conv=$NOW_MS
				impl_start "$IMPL" "$R1" 200 "$IVL" "$count" >> "$RUN/cmd.log" 2>&1
				impl_start "$IMPL" "$R2" 100 "$IVL" "$count" >> "$RUN/cmd.log" 2>&1
				conv=true
				steady_wait "$IMPL" $((CONVERGE * 1000)) "$count" || conv=false
				tick
				t_conv=$((NOW_MS - t_conv))
				PIDS=$(impl_pids "$IMPL" "$R1"; impl_pids "$IMPL" "$R2")
				t0=$(impl_transitions "$IMPL" "$R2")
				window
				t1=$(impl_transitions "$IMPL" "$R2")
				# shellcheck disable=SC2086 # a list of pids
				p1=$(pids_pss_kb $PIDS)
				m1=$(slab_bytes)
				profile "$IMPL-$IVL-$count"
				emit scale impl="$IMPL" count="$count" interval_ms="$IVL" \
					converged="$conv" converge_ms="$t_conv" \
					cpu_ms_per_s="$BUSY_MS" base_ms_per_s="$base_ms" \
					softirq_ms_per_s="$SIRQ_MS" daemon_ms_per_s="$RUN_MS" \
					window_us="$WINDOW_US" false_failovers=$((t1 - t0)) \
					steady_at_end="$(steady "$IMPL" "$count" && echo true || echo false)" \
					slab_kb=$(((m1 - m0) / 1024)) daemon_pss_kb="$p1"
				$conv && [[ $t1 -eq $t0 ]] || held=false
				impl_stop "$IMPL" "$R1"
				impl_stop "$IMPL" "$R2"
				cleanup_ns "$SW" "$R1" "$R2"
			done
		done
	done
}

##############################################################################

cleanup() {
	[[ -n "${LOAD_PID:-}" ]] && kill "$LOAD_PID" 2>/dev/null
	[[ -n "${PROBE_PID:-}" ]] && kill "$PROBE_PID" 2>/dev/null
	rm -rf "$RUN"
}

version_of() {
	"$@" 2>&1 | head -n 1 | tr -d "\"\\\\"
}

main() {
	local parts=("$@") p t0

	[[ ${#parts[@]} -gt 0 ]] || parts=(outage stability scale)
	require_root
	require_cmd tcpdump nft stress-ng
	[[ " $IMPLS " == *" vrrp "* ]] && require_vrrp
	[[ -x "$PROBE_BIN" ]] || { echo "no $PROBE_BIN (bench/run builds it)" >&2; exit 1; }
	lib_init
	mkdir -p "$RAW"
	# stress-ng wants a writable working directory; the repository is not.
	cd "$RUN" || exit 1
	rm -f "$RAW"/*.jsonl "$RAW"/*.pcap
	emit meta date="$(date -u +%FT%TZ)" kernel="$(uname -r)" cpus="$(nproc)" \
		mem_kb="$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)" \
		keepalived="$(version_of keepalived --version)" \
		frr="$(version_of "$FRR_DIR/vrrpd" --version)" \
		stress_ng="$(version_of stress-ng --version)" \
		parts="${parts[*]}" impls="$IMPLS" intervals="$INTERVALS" \
		kinds="$KINDS" reps="$REPS" duration_s="$DURATION" loads="$LOADS" \
		stab_intervals="$STAB_INTERVALS" scale_counts="$SCALE_COUNTS" \
		scale_intervals="$SCALE_INTERVALS" window_s="$WINDOW"
	for p in "${parts[@]}"; do
		case $p in
		outage | stability | scale) ;;
		*) echo "bench.sh: unknown part '$p' (outage, stability, scale)" >&2; exit 2 ;;
		esac
		tick
		t0=$NOW_MS
		say "=== $p"
		"part_$p"
		tick
		emit parts part="$p" seconds=$(((NOW_MS - t0) / 1000))
		say "=== $p took $(((NOW_MS - t0) / 1000)) s"
	done
}

[[ "${BASH_SOURCE[0]}" == "$0" ]] && main "$@"
