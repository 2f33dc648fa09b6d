#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Tenants: what one network namespace, or an unprivileged user in a user
# namespace of its own, may cost the kernel.
#
#   limit_extack       with max_routers lowered at runtime, the router past
#                      the limit is refused with the extended ACK "too
#                      many virtual routers in this namespace (limit N)"
#                      (6.1, without formatted messages: "... (see
#                      max_routers)");
#                      another namespace has a count of its own, and a
#                      deleted router makes room again
#   limit_userns       an unprivileged user in its own user and network
#                      namespace (unshare -Ur -n) meets the same limit
#   slab_accounted     routers created from a memory cgroup are charged to
#                      it: its memory.stat "slab" grows by at least 1 KiB
#                      a router (struct vrrp_router is 1208 bytes on
#                      x86_64)
#
# Environment: VRRPCTL_BIN, VRRP_KO (as the other tests).

# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

ALL_TESTS="
	limit_extack
	limit_userns
	slab_accounted
"

PARAM=/sys/module/vrrp/parameters/max_routers
LIMIT=4
OLD_LIMIT=
CG=
BATCH=

# limit_msg_ok TEXT: TEXT has the limit's extack, with the limit where
# the kernel formats messages.
limit_msg_ok() {
	[[ "$1" == *"too many virtual routers in this namespace (limit $LIMIT)"* ||
	   "$1" == *"too many virtual routers in this namespace (see max_routers)"* ]]
}

cleanup() {
	[[ -n "$OLD_LIMIT" ]] && echo "$OLD_LIMIT" > "$PARAM"
	[[ -n "$CG" && -d "$CG" ]] && rmdir "$CG"
	[[ -n "$BATCH" ]] && rm -f "$BATCH"
}

# batch_adds DEV N: N add lines, VRIDs 1..N, one address each.
batch_adds() {
	local dev=$1 n=$2 i

	for ((i = 1; i <= n; i++)); do
		printf 'add %s vrid %d address 10.%d.%d.1\n' "$dev" "$i" \
			$((i / 256)) $((i % 256))
	done > "$BATCH"
}

count_in() {
	"$VRRPCTL_BIN" -n "$1" -j show | jq length
}

# dummy_up NS DEV
dummy_up() {
	run ip -n "$1" link add "$2" type dummy &&
		run ip -n "$1" link set "$2" up
}

test_limit_extack() {
	local ns1 ns2 out rc

	setup_ns ns1 ns2 || return "$KSFT_SKIP"
	dummy_up "$ns1" d0 && dummy_up "$ns2" d0 || return 1
	run sh -c "echo $LIMIT > $PARAM" || return 1

	# LIMIT routers fit; the next line of the batch is refused.
	batch_adds d0 $((LIMIT + 1))
	out=$(vrrpctl "$ns1" -batch "$BATCH" 2>&1)
	rc=$?
	ktap_diag "  exit $rc: $out"
	if [[ $rc -ne 1 || "$out" != *":$((LIMIT + 1)): "* ]] ||
	   ! limit_msg_ok "$out"; then
		fail "router $((LIMIT + 1)): expected the limit's error on its line"
	fi
	[[ $(count_in "$ns1") -eq $LIMIT ]] ||
		fail "$(count_in "$ns1") routers, expected $LIMIT"

	# The count is per namespace.
	batch_adds d0 "$LIMIT"
	vrrpctl "$ns2" -batch "$BATCH" ||
		fail "another namespace cannot create its $LIMIT routers"

	# A deleted router frees its place.
	vrrpctl "$ns1" del d0 vrid 1 || fail "del"
	vrrpctl "$ns1" add d0 vrid 100 address 10.1.0.100 ||
		fail "no room after a delete"
	out=$(vrrpctl "$ns1" add d0 vrid 101 address 10.1.0.101 2>&1) &&
		fail "router past the limit accepted after a delete and an add"
	limit_msg_ok "$out" || fail "expected the limit's error, got '$out'"
	cleanup_ns "$ns1" "$ns2"
	return 0
}

test_limit_userns() {
	local out

	run sh -c "echo $LIMIT > $PARAM" || return 1
	batch_adds d0 $((LIMIT + 1))
	chmod 644 "$BATCH"
	out=$(log_cmd setpriv --reuid=65534 --regid=65534 --clear-groups \
		unshare -U -r -n sh -c "ip link add d0 type dummy &&
			ip link set d0 up && '$VRRPCTL_BIN' -batch '$BATCH';
			echo rc=\$?; '$VRRPCTL_BIN' -j show | jq length" 2>&1)
	ktap_diag "  $out"
	if [[ "$out" != *"rc=1"* || "$out" != *":$((LIMIT + 1)): "* ]] ||
	   ! limit_msg_ok "$out"; then
		fail "an unprivileged user's router $((LIMIT + 1)): expected the limit's error"
	fi
	[[ "$(tail -n 1 <<< "$out")" == "$LIMIT" ]] ||
		fail "not $LIMIT routers in the user's namespace"
	return 0
}

cg_slab() {
	awk '$1 == "slab" { print $2 }' "$CG/memory.stat"
}

# slab_grown BASE MIN: the cgroup's slab is at least MIN above BASE.
slab_grown() {
	SLAB_NOW=$(cg_slab)
	((SLAB_NOW - $1 >= $2))
}

test_slab_accounted() {
	local ns root n=128 base min out

	root=/sys/fs/cgroup
	if ! grep -q "^cgroup2 $root " /proc/mounts; then
		run mount -t cgroup2 cgroup2 "$root" ||
			skip_test "no cgroup2" || return
	fi
	grep -qw memory "$root/cgroup.controllers" ||
		skip_test "no memory controller" || return
	run sh -c "echo +memory > $root/cgroup.subtree_control" ||
		return 1
	CG=$(mktemp -d "$root/vrrp-tenant.XXXXXX") || return 1
	setup_ns ns || return "$KSFT_SKIP"
	# The device is charged to whoever creates it: outside the cgroup.
	dummy_up "$ns" d0 || return 1
	if [[ -n "$OLD_LIMIT" ]]; then
		run sh -c "echo 1024 > $PARAM" || return 1
	fi
	batch_adds d0 "$n"
	base=$(cg_slab)
	ktap_diag "+ (in $CG) vrrpctl -n $ns -batch $BATCH  ($n routers)"
	out=$(sh -c "echo \$\$ > '$CG/cgroup.procs' &&
		exec '$VRRPCTL_BIN' -n '$ns' -batch '$BATCH'" 2>&1) ||
		fail "batch of $n routers: $out"
	[[ $(count_in "$ns") -eq $n ]] || fail "not $n routers"
	# memcg statistics are flushed at the latest every 2 s.
	min=$((n * 1024))
	slowwait 5 slab_grown "$base" "$min"
	ktap_diag "  slab $base -> $SLAB_NOW bytes (at least $min expected)"
	((SLAB_NOW - base >= min)) ||
		fail "the routers are not charged to the cgroup that created them"
	cleanup_ns "$ns"
	return 0
}

require_root
require_cmd jq setpriv unshare
require_vrrp
lib_init

ktap_header
# Without the parameter the limit tests fail (they write it).
OLD_LIMIT=$(cat "$PARAM" 2>/dev/null)
BATCH=$(mktemp /tmp/vrrp-tenant.XXXXXX)
tests_plan
tests_run
ktap_finish
