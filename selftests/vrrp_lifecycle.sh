#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Object lifetimes with virtual routers configured and running: deleting a
# router's namespace, deleting its interface, unloading the module (also
# under a flood of protocol-112 packets), using
# vrrpctl without the module, and loading the module again. Each must
# leave nothing behind and keep the kernel log clean (checked per test).
#
# Runs last (it unloads the module) and leaves the module loaded.
#
# Environment: VRRPCTL_BIN (default tool/vrrpctl), VRRP_KO (the module's
# .ko: needed to reload it; the unload tests are skipped without it).

# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

ALL_TESTS="
	netns_delete
	iface_delete
	rmmod_configured
	rmmod_under_flood
	show_without_module
	reload
"

VMAC=$(vmac "$VRID")

# New topology with both routers configured: R1 active, R2 backup.
fresh_topology() {
	cleanup_all_ns
	unset SW R1 R2 CL SRV
	topo_create || { fail "cannot build the topology"; return; }
	topo_routers_up || { fail "routers did not reach R1 active, R2 backup"; return; }
}

vr_count() {
	"$VRRPCTL_BIN" -n "$1" -j show 2>/dev/null | jq length
}

vr_count_is() {
	[[ "$(vr_count "$1")" == "$2" ]]
}

test_netns_delete() {
	fresh_topology || return
	run ip netns del "$R1" || { fail "ip netns del failed"; return; }
	busywait "$WAIT_TIMEOUT_MS" ns_gone "$R1" || fail "namespace $R1 still listed"
	cleanup_ns "$R1"
	# R2 no longer hears R1 and takes over.
	wait_state "$R2" eth0 "$VRID" active "$WAIT_TIMEOUT_MS" ||
		fail "R2 did not take over after R1's namespace was deleted"
	show_routers "$R2"
	run ip netns exec "$CL" ping -c 3 -i 0.2 -W 2 "$SERVER_IP" ||
		fail "client cannot reach the server through R2"
	return 0
}

test_iface_delete() {
	fresh_topology || return
	run ip -n "$R1" link del eth0 || { fail "link del failed"; return; }
	busywait "$WAIT_TIMEOUT_MS" vr_count_is "$R1" 0 ||
		fail "R1 still shows $(vr_count "$R1") virtual routers after its eth0 was deleted"
	wait_state "$R2" eth0 "$VRID" active "$WAIT_TIMEOUT_MS" ||
		fail "R2 did not take over"
	# A new eth0 must not inherit anything.
	run ip -n "$SW" link add l-r1b type veth peer name eth0 netns "$R1"
	run ip -n "$SW" link set l-r1b master br0 up
	run ip -n "$R1" addr add "$LAN_PREFIX.2/24" dev eth0
	run ip -n "$R1" link set eth0 up
	vr_count_is "$R1" 0 || fail "the new eth0 shows virtual routers"
	bridge -n "$R1" fdb show dev eth0 | grep -qi "$VMAC" &&
		fail "the new eth0 has the vMAC in its filter"
	# Deleting the bridge side of R2's veth deletes R2's eth0 as well.
	run ip -n "$SW" link del l-r2 || fail "link del l-r2 failed"
	busywait "$WAIT_TIMEOUT_MS" vr_count_is "$R2" 0 ||
		fail "R2 still shows virtual routers after its eth0 was deleted"
	# And the whole topology goes away with routers on the new eth0.
	vrrp_add "$R1" 200 || fail "add on the new eth0 failed"
	wait_state "$R1" eth0 "$VRID" active "$WAIT_TIMEOUT_MS" || fail "R1 not active"
	cleanup_all_ns || fail "namespaces not removed"
	return 0
}

# No trace of a virtual router on a router's eth0.
no_traces() {
	local ns=$1 out

	out=$(bridge -n "$ns" fdb show dev eth0 | grep -i '00:00:5e')
	[[ -z "$out" ]] || fail "$ns eth0 filter still has: $out"
	out=$(ip -n "$ns" maddr show dev eth0 | grep -w '224.0.0.18')
	[[ -z "$out" ]] || fail "$ns eth0 still joined 224.0.0.18"
	return 0
}

test_rmmod_configured() {
	[[ -n "${VRRP_KO:-}" ]] || { skip_test "VRRP_KO not set: could not reload"; return; }
	fresh_topology || return
	run ip -n "$R1" maddr show dev eth0
	ip -n "$R1" maddr show dev eth0 | grep -qw '224.0.0.18' ||
		fail "R1 eth0 has not joined 224.0.0.18: the check after the unload would prove nothing"
	# Traffic through the VIP while the module goes away.
	probe_start
	probe_wait_replies 10 "$WAIT_TIMEOUT_MS" || fail "no probe replies"
	run timeout 120 rmmod vrrp || { probe_stop; fail "rmmod vrrp failed"; return; }
	probe_stop
	[[ ! -d /sys/module/vrrp ]] || fail "/sys/module/vrrp still exists"
	run bridge -n "$R1" fdb show dev eth0
	run ip -n "$R1" maddr show dev eth0
	no_traces "$R1"
	no_traces "$R2"
	return 0
}

# flood112 NS DST...: protocol-112 packets from NS to each DST, about
# 1,000 a second in all, until killed: an 8-byte header for VRID 200 (no
# router: a vrid error) and a 3-byte one (a length error), the paths that
# count into the per-namespace data.
flood112() {
	local ns=$1

	shift
	ip netns exec "$ns" python3 -c '
import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, 112)
s.setsockopt(socket.IPPROTO_IP, socket.IP_TTL, 255)
pkts = [bytes([0x31, 200, 100, 0, 0, 100, 0, 0]), bytes([0x31, 200, 100])]
n = 0
while True:
    for d in sys.argv[1:]:
        try:
            s.sendto(pkts[n % 2], (d, 0))
        except OSError:
            pass
        n += 1
    time.sleep(0.002)
' "$@"
}

net_errors() {
	"$VRRPCTL_BIN" -n "$1" -j stats net 2>/dev/null |
		jq '.vrid_errors + .packet_length_errors' 2>/dev/null || echo 0
}

net_errors_gt() {
	[[ $(net_errors "$1") -gt $2 ]]
}

# Unload the module while protocol-112 packets arrive at both routers, a
# few times over: the receive handler must be gone before the
# per-namespace data it counts into (a use-after-free on the debug
# kernel's KASAN otherwise).
test_rmmod_under_flood() {
	local i

	[[ -n "${VRRP_KO:-}" ]] || { skip_test "VRRP_KO not set: could not reload"; return; }
	vrrp_loaded_again
	fresh_topology || return
	router_has_uc_vmac "$R1" ||
		fail "R1's eth0 filter lacks the vMAC: the check after the unload would prove nothing"
	bg_start flood flood112 "$CL" "$LAN_PREFIX.2" "$LAN_PREFIX.3"
	for i in 1 2 3; do
		if [[ $i -gt 1 ]]; then
			run insmod "$VRRP_KO" || { fail "insmod $i failed"; break; }
			vrrp_add "$R1" 200 10 || fail "add on R1 failed ($i)"
			vrrp_add "$R2" 100 10 || fail "add on R2 failed ($i)"
		fi
		busywait "$WAIT_TIMEOUT_MS" net_errors_gt "$R1" 50 ||
			{ fail "the flood is not counted on R1 ($i): $(net_errors "$R1")"; break; }
		busywait "$WAIT_TIMEOUT_MS" net_errors_gt "$R2" 50 ||
			{ fail "the flood is not counted on R2 ($i): $(net_errors "$R2")"; break; }
		ktap_diag "unload $i under the flood: R1 $(net_errors "$R1"), R2 $(net_errors "$R2") errors counted"
		run timeout 120 rmmod vrrp || { fail "rmmod $i failed"; break; }
	done
	bg_stop flood
	[[ ! -d /sys/module/vrrp ]] || fail "/sys/module/vrrp still exists"
	no_traces "$R1"
	no_traces "$R2"
	return 0
}

test_show_without_module() {
	local rc err errf

	[[ ! -d /sys/module/vrrp ]] || { skip_test "module still loaded"; return; }
	errf=$(mktemp)
	ktap_diag "+ vrrpctl show"
	"$VRRPCTL_BIN" show > /dev/null 2> "$errf"
	rc=$?
	err=$(head -c 600 "$errf")
	rm -f "$errf"
	ktap_diag "  exit $rc, stderr: ${err:-<empty>}"
	[[ $rc -ne 0 && $rc -lt 126 ]] || fail "exit $rc, expected a failure exit"
	[[ -n "$err" ]] || fail "no message on stderr"
	return 0
}

test_reload() {
	[[ -n "${VRRP_KO:-}" ]] || { skip_test "VRRP_KO not set"; return; }
	if [[ ! -d /sys/module/vrrp ]]; then
		run insmod "$VRRP_KO" || { fail "insmod $VRRP_KO failed"; return; }
	fi
	if [[ -z "${R1:-}" ]] || ! ns_exists "$R1"; then
		topo_create || { fail "cannot build the topology"; return; }
	fi
	vr_count_is "$R1" 0 || fail "R1 shows routers after reload: $(vr_count "$R1")"
	vrrp_add "$R1" 200 || fail "add on R1 failed"
	vrrp_add "$R2" 100 || fail "add on R2 failed"
	wait_state "$R1" eth0 "$VRID" active "$WAIT_TIMEOUT_MS" || fail "R1 not active"
	wait_state "$R2" eth0 "$VRID" backup "$WAIT_TIMEOUT_MS" || fail "R2 not backup"
	slowwait 20 ip netns exec "$CL" ping -c 1 -W 1 "$SERVER_IP" >/dev/null ||
		fail "client cannot reach the server after the reload"
	cleanup_all_ns || fail "namespaces not removed"
	return 0
}

require_root
require_cmd ip bridge nft jq ping
require_vrrp
lib_init

# Leave the module loaded for whatever runs next.
cleanup() {
	vrrp_loaded_again
}

ktap_header
tests_plan
ktap_diag "kernel $(uname -r), vrrpctl $VRRPCTL_BIN, VRRP_KO=${VRRP_KO:-}"
tests_run
ktap_finish
