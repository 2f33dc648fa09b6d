#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Two big-endian 32-bit MIPS guests (qemu-system-mips -M malta, the kernel
# of scripts/cross-trees.sh) on one emulated LAN, each running vrrp.ko and
# a static vrrpctl (scripts/cross-userland.sh), through the scenario of
# selftests/qemu/cross-pair-scenario.sh: election, failover on link loss
# (the host cuts R1's link with the qemu monitor's set_link), preemption
# when it comes back, priority-0 handovers, a VRRPv2 pair and an IPv6 one.
# The LAN is two "-netdev dgram" sockets on the host's loopback, each
# NIC's traffic captured by "-object filter-dump". Then the same scenario
# runs in network namespaces in an x86-64 VM (selftests/qemu/vm.sh,
# selftests/qemu/cross-pair-x86.sh) and selftests/qemu/cross-pair.py
# measures the takeovers in the captures against the RFC 9568 bounds and
# compares the advertisements of both byte for byte.
#
#   scripts/cross-pair.sh        (make cross-pair)
#
# Prints KTAP; exit 1 when a step fails. Outputs in build/cross-mips/pair/:
# r1.log, r2.log (the consoles), r1.pcap, r2.pcap, x86/ (the VM's
# outputs, x86.pcap). Environment: TIMEOUT (seconds each qemu may run,
# default 600; a wait in VM_WRAP does not count), VM_WRAP (a command
# each qemu runs under, e.g. one that waits for a free CPU),
# INTERVAL (VRRPv3 advertisement interval in ms, default 100), SLACK_MS
# (what emulation may add to a protocol bound, default 150), X86=0 skips
# the x86-64 run and the comparison, FOOTPRINT=1 measures the module's
# memory per router in R2 after the scenario (below; build/cross-mips/
# pair/footprint.txt; FP_SETTLE seconds of quiet before each snapshot,
# default 10; FP_CYCLES times, default 1), KVER (the x86-64 kernel, default
# scripts/deps.sh --kver-newest), X86_KO (its vrrp.ko, already built with
# vrrpctl: make check's; default: both built here).

set -euo pipefail

REPO=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
TIMEOUT=${TIMEOUT:-600}
SLACK_MS=${SLACK_MS:-150}
X86=${X86:-1}
out=$REPO/build/cross-mips
pair=$out/pair
T0=$SECONDS

# shellcheck source=selftests/qemu/cross-pair-scenario.sh
. "$REPO/selftests/qemu/cross-pair-scenario.sh"

command -v qemu-system-mips > /dev/null ||
	{ echo "cross-pair: qemu-system-mips missing (scripts/deps.sh)" >&2; exit 1; }
read -r _ kdir _ cross < <("$REPO/scripts/cross-trees.sh" mips)
kdir=${kdir#kdir=} cross=${cross#cross=}
[[ -f "$out/kernel/vrrp.ko" ]] || "$REPO/scripts/cross-check.sh" mips > /dev/null

# busybox and vrrpctl (static, against the cross-built libnl).
read -r _ udir _ vrrpctl _ < <("$REPO/scripts/cross-userland.sh" --vrrpctl mips)
udir=${udir#dir=} vrrpctl=${vrrpctl#vrrpctl=}

rm -rf "$pair"
mkdir -p "$pair"
{
	for d in /bin /dev /proc /sys /tmp; do
		echo "dir $d 0755 0 0"
	done
	echo "nod /dev/console 0600 0 0 c 5 1"
	echo "file /bin/busybox $udir/busybox 0755 0 0"
	for a in sh ip ping ping6 cat echo printf sleep usleep mount dmesg \
		grep sed ls stty mkdir date insmod rmmod lsmod poweroff halt \
		uname test true false kill tr head tail wc arping sync; do
		echo "slink /bin/$a busybox 0777 0 0"
	done
	echo "file /bin/vrrpctl $vrrpctl 0755 0 0"
	echo "file /init $REPO/selftests/qemu/cross-pair-init.sh 0755 0 0"
	echo "file /vrrp.ko $out/kernel/vrrp.ko 0644 0 0"
} > "$pair/initramfs.list"
"$kdir/usr/gen_init_cpio" "$pair/initramfs.list" > "$pair/initramfs.cpio"

read -r -a vmslot <<< "${VM_WRAP:-}"
# Two UDP ports on the loopback, one per NIC, each sending to the other.
port=$(( 20000 + ($$ % 20000) * 2 ))
declare -A fd=([r1]=7 [r2]=8) qpid

cleanup() {
	local g

	for g in r1 r2; do
		[[ -f "$pair/$g.pid" ]] && kill "$(cat "$pair/$g.pid")" 2> /dev/null
	done
	wait 2> /dev/null || true
}
trap cleanup EXIT

boot() {
	local g=$1 n=$2 mac=$3 addr=$4 lport=$5 rport=$6 p=$pair/$1

	mkfifo "$p.in" "$p.out"
	cat "$p.out" > "$p.log" &
	${vmslot[@]+"${vmslot[@]}"} timeout "$TIMEOUT" qemu-system-mips -M malta -m 256 \
		-kernel "$kdir/vmlinux" -initrd "$pair/initramfs.cpio" \
		-append "console=ttyS0 panic=-1 loglevel=4 PAIR_NAME=$g PAIR_ADDR=$addr" \
		-display none -no-reboot -serial "pipe:$p" \
		-monitor "unix:$p.mon,server,nowait" -pidfile "$p.pid" \
		-netdev "dgram,id=n$n,local.type=inet,local.host=127.0.0.1,local.port=$lport,remote.type=inet,remote.host=127.0.0.1,remote.port=$rport" \
		-device "pcnet,netdev=n$n,mac=$mac" \
		-object "filter-dump,id=d$n,netdev=n$n,file=$p.pcap" \
		> "$p.qemu.log" 2>&1 &
	qpid[$g]=$!
	# Keep the console's input open (read-write: no wait for qemu).
	case $g in
	r1) exec 7<> "$p.in" ;;
	r2) exec 8<> "$p.in" ;;
	esac
}

# Wait for a line matching $2 in guest $1's console, for at most $3 s.
wait_console() {
	local end=$((SECONDS + $3))

	until tr -d '\r' < "$pair/$1.log" | grep -qE "$2"; do
		if ((SECONDS > end)) || ! kill -0 "${qpid[$1]}" 2> /dev/null; then
			return 1
		fi
		sleep 0.1
	done
}

# run G CMD...: CMD's output in guest G. Often called in a subshell: the
# marker is made unique by the clock, not by a counter.
run() {
	local g=$1 off seq end

	shift
	seq=$(date +%s%N)
	off=$(( $(stat -c %s "$pair/$g.log") + 1 ))
	printf '%s %s\n' "$seq" "$*" >&"${fd[$g]}"
	end=$((SECONDS + ${RUN_TIMEOUT:-60}))
	until tail -c +$off "$pair/$g.log" | tr -d '\r' | grep -q "^@@ $seq rc="; do
		if ((SECONDS > end)) || ! kill -0 "${qpid[$g]}" 2> /dev/null; then
			echo "# $g: no answer to '$*'" >&2
			return 1
		fi
		sleep 0.05
	done
	tail -c +$off "$pair/$g.log" | tr -d '\r' | sed -n "/^@@ $seq rc=/q;p"
}

monitor() {
	python3 - "$pair/$1.mon" "$2" <<'PY'
import socket, sys, time
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.settimeout(5)
s.recv(4096)
s.sendall(sys.argv[2].encode() + b"\n")
time.sleep(0.2)
PY
}

link() {
	local n=${1#r}

	echo "$(date +%s%3N) set_link n$n $2" >> "$pair/events"
	monitor "$1" "set_link n$n $2"
}

echo "TAP version 13"
echo "# cross-pair: interval ${INTERVAL} ms (VRRPv2 ${V2_INTERVAL} ms), emulation slack ${SLACK_MS} ms"
boot r1 1 "$R1_MAC" "$R1_ADDR" "$port" $((port + 1))
boot r2 2 "$R2_MAC" "$R2_ADDR" $((port + 1)) "$port"
# Both at once: one may have waited for a VM slot longer. A guest has 300
# s from qemu's start (its pid file) to print "ready".
declare -A ready=()
while [[ ${#ready[@]} -lt 2 ]]; do
	for g in r1 r2; do
		[[ -z "${ready[$g]:-}" ]] || continue
		if ! kill -0 "${qpid[$g]}" 2> /dev/null; then
			ready[$g]=never
		elif [[ -f "$pair/$g.pid" ]]; then
			age=$(( $(date +%s%3N) -
				$(stat -c %.3Y "$pair/$g.pid" | tr -d .) ))
			if tr -d '\r' < "$pair/$g.log" | grep -q "^pair: $g ready"; then
				ready[$g]=$age
			elif ((age > 300000)); then
				ready[$g]=never
			fi
		fi
	done
	sleep 0.1
done
for g in r1 r2; do
	result "$g boot" "$([[ ${ready[$g]} != never ]]; echo $?)" \
		"$(tr -d '\r' < "$pair/$g.log" | grep -m1 -o 'pair: insmod [a-zA-Z]*'), ready ${ready[$g]} ms after qemu started"
done
[[ $KTAP_FAIL -eq 0 ]] || { echo "# consoles: $pair/r1.log $pair/r2.log"; exit 1; }

# footprint G: kernel memory per router in guest G, as bench/footprint.sh
# measures it on x86-64: PER routers per dummy interface (router I on
# dummy I / PER, VRID I % PER + 1, IPv4, version 3, interval 1000 ms, one
# virtual address, accept off), added with one "vrrpctl -b" per count and
# all Active before each snapshot; a snapshot waits SETTLE s, drops the
# page cache and shrinks every slab cache, then reads Slab and SUnreclaim
# in /proc/meminfo (this kernel has no /proc/slabinfo). The baseline (the
# dummies alone) is taken twice, SETTLE apart: the guest's own noise.
FP_PER=241
FP_SETTLE=${FP_SETTLE:-10}
# FP_CYCLES=N: the whole sequence N times, the module loaded again in
# between; what stays after each unload tells a leak (growing) from the
# kernel's own caches (not).
FP_CYCLES=${FP_CYCLES:-1}
fp_snap() {
	# One line: the guest reads its commands line by line.
	run "$1" "sleep $FP_SETTLE; sync; echo 3 > /proc/sys/vm/drop_caches;" \
		"for f in /sys/kernel/slab/*/shrink; do echo 1 > \$f; done;" \
		"grep -E '^(Slab|SUnreclaim):' /proc/meminfo" | tr -s ' ' | cut -d' ' -f2 | tr '\n' ' '
	echo # (read fails at an end of file without a newline)
}
# fp_read ARRAY G: a snapshot of G into ARRAY (Slab, SUnreclaim in kB);
# fails unless both came.
fp_read() {
	local -n a=$1

	read -r -a a < <(fp_snap "$2") || true
	[[ ${#a[@]} -eq 2 ]] || { echo "# footprint: no snapshot from $2" >&2; return 1; }
}

# fp_row LABEL N SNAP: one row of footprint's table, SNAP's growth over
# its baseline, per router when N > 0.
fp_row() {
	local label=$1 n=$2 slab sunr
	local -n s=$3

	slab=$((s[0] - base[0])) sunr=$((s[1] - base[1]))
	if ((n > 0)); then
		printf '%-8s %8d %10d | %12d %16d\n' "$label" "$slab" "$sunr" \
			$((slab * 1024 / n)) $((sunr * 1024 / n))
	else
		printf '%-8s %8d %10d | %12s %16s\n' "$label" "$slab" "$sunr" - -
	fi >> "$f"
}

footprint() {
	# shellcheck disable=SC2034 # b2, snap: through fp_read's and fp_row's namerefs
	local g=$1 n c sfx prev base b2 snap t0 ndev=$(( (4094 + FP_PER - 1) / FP_PER ))
	local f=$pair/footprint.txt

	run "$g" vrrpctl flush > /dev/null || return 1
	run "$g" "i=0; while [ \$i -lt $ndev ]; do ip link add d\$i type dummy &&" \
		"ip link set d\$i up && ip addr add 172.16.\$i.1/24 dev d\$i; i=\$((i + 1)); done" > /dev/null ||
		return 1
	fp_read base "$g" && fp_read b2 "$g" || return 1
	{
		echo "# footprint: $(run "$g" uname -r), $(run "$g" uname -m), $FP_PER routers per dummy"
		printf '%-8s %8s %10s | %12s %16s\n' routers "Slab kB" "SUnrecl kB" "Slab B/rtr" "SUnrecl B/rtr"
	} > "$f"
	fp_row idle 0 b2
	for ((c = 1; c <= FP_CYCLES; c++)); do
		sfx=
		((FP_CYCLES == 1)) || sfx=" #$c"
		((c == 1)) || run "$g" insmod /vrrp.ko > /dev/null || return 1
		prev=0
		for n in 1 255 4094; do
			t0=$SECONDS
			RUN_TIMEOUT=600 run "$g" "i=$prev; : > /tmp/b; while [ \$i -lt $n ]; do" \
				"echo \"add dev d\$((i / $FP_PER)) vrid \$((i % $FP_PER + 1)) interval 1000" \
				"address 10.\$((i / $FP_PER)).0.\$((i % $FP_PER + 1))/32\" >> /tmp/b;" \
				"i=\$((i + 1)); done; vrrpctl -b /tmp/b" > /dev/null || return 1
			until [[ $(run "$g" "vrrpctl show | grep -c ' state active '") -ge $n ]]; do
				((SECONDS - t0 < 300)) || { echo "# footprint: $n routers not all Active" >> "$f"; return 1; }
				sleep 1
			done
			fp_read snap "$g" || return 1
			fp_row "$n$sfx" "$n" snap
			prev=$n
		done
		# The interfaces' ports go after their last router, later than a
		# settle here under TCG: "flushed" may still hold some; "unloaded"
		# is after rmmod, which waits for all of it.
		run "$g" vrrpctl flush > /dev/null || return 1
		fp_read snap "$g" || return 1
		fp_row "flushed$sfx" 0 snap
		run "$g" rmmod vrrp > /dev/null || return 1
		fp_read snap "$g" || return 1
		fp_row "unloaded$sfx" 0 snap
	done
	sed 's/^/# /' "$f"
}

pair_scenario

if [[ ${FOOTPRINT:-0} == 1 ]]; then
	rc=0
	{ run r1 vrrpctl flush > /dev/null && footprint r2; } || rc=$?
	result "footprint measured in r2" $rc
fi

for g in r1 r2; do
	if run "$g" dmesg | grep -E 'Oops|BUG:|WARNING:|Kernel panic'; then
		result "$g kernel log clean" 1
	else
		result "$g kernel log clean" 0
	fi
	run "$g" rmmod vrrp > /dev/null
	printf '0 poweroff -f\n' >&"${fd[$g]}"
	# poweroff halts (Malta's kernel has no reset driver): stop qemu.
	wait_console "$g" 'reboot: (System halted|Power down)|console closed' 30 || true
	sleep 1
	kill "$(cat "$pair/$g.pid")" 2> /dev/null || true
	wait "${qpid[$g]}" 2> /dev/null || true
done
echo "# mips: $((SECONDS - T0)) s so far"

args=(--interval "$INTERVAL" --v2-interval "$V2_INTERVAL" --slack "$SLACK_MS"
	--r1-prio "$R1_PRIO" --r2-prio "$R2_PRIO" --mips "$pair/r2.pcap" --mips-r1 "$pair/r1.pcap")
if [[ $X86 != 0 ]]; then
	KVER=${KVER:-$("$REPO/scripts/deps.sh" --kver-newest)}
	if [[ -n "${X86_KO:-}" ]]; then
		ko=$X86_KO
	else
		ko=$REPO/build/$KVER/kernel/vrrp.ko
		make -s -C "$REPO" module-for KVER="$KVER" > /dev/null
		make -s -C "$REPO/tool" > /dev/null
	fi
	rc=0
	${vmslot[@]+"${vmslot[@]}"} "$REPO/selftests/qemu/vm.sh" -q -k "$KVER" -m "$ko" \
		-o "$pair/x86" -t "$TIMEOUT" -e "INTERVAL=$INTERVAL" -- \
		"$REPO/selftests/qemu/cross-pair-x86.sh" > /dev/null 2>&1 || rc=1
	sed -n 's/^\(not \)\{0,1\}ok [0-9]* /# x86: &/p' "$pair/x86/output.log"
	result "x86-64 reference run ($KVER)" $rc
	args+=(--x86 "$pair/x86/x86.pcap")
fi
while IFS= read -r line; do
	case $line in
	PASS\ *) set -- "${line#PASS }"; result "${1%% # *}" 0 "${1#* # }" ;;
	FAIL\ *) set -- "${line#FAIL }"; result "${1%% # *}" 1 "${1#* # }" ;;
	*) echo "# $line" ;;
	esac
done < <(python3 "$REPO/selftests/qemu/cross-pair.py" "${args[@]}" 2>&1 ||
	echo "FAIL cross-pair.py # exit $?")
echo "# cross-pair: $((SECONDS - T0)) s; $KTAP_NUM tests, $KTAP_FAIL failed"
echo "1..$KTAP_NUM"
[[ $KTAP_FAIL -eq 0 ]]
