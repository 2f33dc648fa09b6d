#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# footprint.sh - kernel memory per virtual router, run inside the VM (it
# needs root and the vrrp module loaded, or VRRP_KO):
#
#   make tool module-for KVER=6.12.118+deb12-amd64
#   selftests/qemu/vm.sh -q -k 6.12.118+deb12-amd64 \
#       -m build/6.12.118+deb12-amd64/kernel/vrrp.ko -o out/footprint \
#       -- bench/footprint.sh
#
# In one namespace, NDEV dummy interfaces (enough for the largest count at
# PER routers each) are created first and measured alone: the baseline.
# Routers are then added, never removed between counts, up to each of
# COUNTS: router I is on dummy I / PER with VRID I % PER + 1, IPv4,
# version 3, priority 100, interval 1000 ms (TCG keeps up with thousands
# of them), one virtual address 10.D.0.VRID/32, accept off (the
# default: the address is not installed on the interface). Alone on its
# link each becomes Active after Master_Down_Interval. The numbers include
# what the kernel keeps for a router outside the module: the vMAC's entry
# in the interface's unicast filter (dev_uc_add(), for the router's
# whole life), listed by cache below.
# Each dummy has an address of its own, 172.16.D.1/24, the routers' source.
#
# Each measurement waits for the routers to settle (all Active, at most
# WAIT seconds, then SETTLE seconds more), drops the page cache and
# shrinks every slab cache, then reads /proc/meminfo (Slab, SUnreclaim,
# Percpu) and /proc/slabinfo. The baseline is taken twice, SETTLE apart:
# the difference is the noise of an idle guest. The last row is after
# "vrrpctl flush", to show what the routers gave back.
#
# Prints two tables: the growth over the baseline and per router, and,
# per count, the slab caches that changed most (objects and bytes from
# /proc/slabinfo's active objects; SLUB counts a CPU's current slab as
# fully used, so these are close, not exact). Copied to
# $VM_OUT/footprint.txt when VM_OUT is set. Nothing here asserts a
# number: the exit status is 1 only when the setup fails.
#
# Environment (defaults in brackets):
#   COUNTS   router counts, ascending ["1 255 4094"]
#   PER      routers per dummy interface, at most 255 [241]
#   SETTLE   seconds of quiet before each measurement [10]
#   WAIT     seconds allowed for all routers to become Active [180]
#   TOP      slab caches listed per count [8]

# shellcheck source=selftests/lib.sh
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../selftests/lib.sh"

COUNTS=${COUNTS:-"1 255 4094"}
PER=${PER:-241}
SETTLE=${SETTLE:-10}
WAIT=${WAIT:-180}
TOP=${TOP:-8}

RUN=$(mktemp -d /tmp/footprint.XXXXXX)
OUT=$RUN/footprint.txt

# shellcheck disable=SC2317 # run by lib_cleanup, the EXIT trap
cleanup() {
	if [[ -n "${VM_OUT:-}" && -s "$OUT" ]]; then
		cp "$OUT" "$VM_OUT/footprint.txt"
	fi
	rm -rf "$RUN"
}

say() {
	ktap_diag "$(date +%T) $*"
}

# Lines of the result go to stdout and to the copy.
put() {
	printf '%s\n' "$*" | tee -a "$OUT"
}

# snap NAME: settle, then save meminfo's three fields (kB) and the slab
# caches' active bytes in $RUN/NAME.{mem,slab}.
snap() {
	local f

	nap "$SETTLE"
	sync
	echo 3 > /proc/sys/vm/drop_caches
	for f in /sys/kernel/slab/*/shrink; do
		echo 1 > "$f" 2>/dev/null
	done
	awk '$1 ~ /^(Slab|SUnreclaim|Percpu):$/ { sub(":", "", $1); print $1, $2 }' \
		/proc/meminfo > "$RUN/$1.mem"
	# name active_objs objsize
	awk 'NR > 2 { print $1, $2, $4 }' /proc/slabinfo > "$RUN/$1.slab"
}

# mem NAME FIELD: a meminfo field of a snapshot, in kB.
mem() {
	awk -v k="$2" '$1 == k { print $2 }' "$RUN/$1.mem"
}

# slab_diff OLD NEW: "name objects bytes" of every cache that changed,
# largest growth in bytes first.
slab_diff() {
	awk 'NR == FNR { o[$1] = $2; next }
	     { d = $2 - o[$1]; if (d) print $1, d, d * $3 }' \
		"$RUN/$1.slab" "$RUN/$2.slab" | sort -k3,3nr
}

# active_count: routers in the Active state.
active_count() {
	"$VRRPCTL_BIN" -n "$NS" -j show 2>/dev/null |
		grep -o '"state": *"active"' | wc -l
}

# states: how many routers are in each state.
states() {
	"$VRRPCTL_BIN" -n "$NS" -j show 2>&1 |
		grep -o '"state": *"[a-z]*"\|rror.*' | sort | uniq -c | tr -s '\n ' ' '
}

# shellcheck disable=SC2317 # run by slowwait
all_active() {
	[[ $(active_count) -ge $1 ]]
}

# row LABEL NAME N: one line of the growth table (N = 0: no per-router).
row() {
	local label=$1 name=$2 n=$3 k slab sunr pcpu objs per=()

	slab=$(($(mem "$name" Slab) - $(mem base Slab)))
	sunr=$(($(mem "$name" SUnreclaim) - $(mem base SUnreclaim)))
	pcpu=$(($(mem "$name" Percpu) - $(mem base Percpu)))
	objs=$(slab_diff base "$name" | awk '{ s += $3 } END { print s + 0 }')
	if [[ $n -gt 0 ]]; then
		for k in $slab $sunr $pcpu; do
			per+=("$((k * 1024 / n))")
		done
		per+=("$((objs / n))")
	else
		per=(- - - -)
	fi
	put "$(printf '%-10s %8d %8d %8d %10d | %7s %7s %7s %7s' "$label" \
		"$slab" "$sunr" "$pcpu" "$((objs / 1024))" "${per[@]}")"
}

lib_init
require_root
require_vrrp
[[ $PER -ge 1 && $PER -le 255 ]] || { echo "PER must be 1..255" >&2; exit 1; }

max=0
for n in $COUNTS; do
	[[ $n -gt $max ]] && max=$n
done
ndev=$(((max + PER - 1) / PER))

setup_ns NS || exit 1
say "$ndev dummy interfaces, up to $max routers, $PER per interface"
for ((d = 0; d < ndev; d++)); do
	# An IPv4 router sends from its interface's primary address.
	printf 'link add fp%d type dummy\naddr add 172.16.%d.1/24 dev fp%d\n' \
		"$d" "$d" "$d"
	printf 'link set fp%d up\n' "$d"
done > "$RUN/links.batch"
ip -n "$NS" -b "$RUN/links.batch" || exit 1

say "baseline"
snap base0
snap base

have=0
labels=()
for n in $COUNTS; do
	for ((i = have; i < n; i++)); do
		d=$((i / PER))
		v=$((i % PER + 1))
		echo "add fp$d vrid $v priority 100 interval 1000 address 10.$((d + 1)).0.$v/32"
	done > "$RUN/add.batch"
	say "adding routers $((have + 1))..$n"
	"$VRRPCTL_BIN" -n "$NS" -b "$RUN/add.batch" || exit 1
	have=$n
	slowwait "$WAIT" all_active "$n" ||
		say "after ${WAIT}s $(active_count) of $n routers Active: $(states)"
	snap "n$n"
	echo "$n $(active_count)" >> "$RUN/active"
	labels+=("$n")
done

say "flush"
"$VRRPCTL_BIN" -n "$NS" flush || exit 1
snap flushed

put "vrrp footprint: $(uname -r) $(uname -m), $(nproc) CPUs, $(date -u +%F)"
put "module: $(awk '$1 == "vrrp" { print $2 }' /proc/modules) bytes (/proc/modules)"
put "routers: IPv4, $PER per dummy, interval 1000 ms, one address each, accept off"
put ""
put "growth over the baseline (dummies alone), kB       | per router, bytes"
put "$(printf '%-10s %8s %8s %8s %10s | %7s %7s %7s %7s' routers Slab SUnrecl Percpu slabobjs \
	Slab SUnrecl Percpu objs)"
row "noise" base0 0
for n in "${labels[@]}"; do
	row "$n" "n$n" "$n"
done
row "flushed" flushed 0
put ""
put "Active after settling: $(awk '{ printf "%s%s/%s", s, $2, $1; s = ", " }' "$RUN/active")"
for n in "${labels[@]}"; do
	put ""
	put "slab caches, baseline -> $n routers (objects, bytes):"
	slab_diff base "n$n" | head -n "$TOP" |
		while read -r name objs bytes; do
			put "$(printf '  %-24s %8d %10d' "$name" "$objs" "$bytes")"
		done
done
exit 0
