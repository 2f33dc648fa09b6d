#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A short, human-readable failover demonstration (what "make demo" shows),
# run inside the test VM by scripts/demo.sh: the selftest topology, both
# routers' state, the client pinging the server through the VIP, R1's LAN
# link failing while the client keeps pinging, R2 taking over, R1 coming
# back and preempting.
#
# Environment: VRRPCTL_BIN (default tool/vrrpctl), VRRP_KO.

# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

require_root
require_cmd ip bridge nft jq ping
require_vrrp
lib_init

# The narrative goes to stdout; the helpers' command log is kept in a file.
DEMO_LOG=${VM_OUT:-/tmp}/demo-commands.log
exec 3> "$DEMO_LOG"

say() { printf '%s\n' "$*"; }
step() { printf '\n== %s\n' "$*"; }
indent() { sed 's/^/    /'; }

die() {
	say "!! $*"
	say "!! (commands and their output: $DEMO_LOG)"
	exit 1
}

show() {
	local label=$1 ns=$2

	say "  $label: vrrpctl show"
	"$VRRPCTL_BIN" -n "$ns" show 2>&1 | sed 's/^/      /'
}

step "Topology (network namespaces in a $(uname -r) VM)"
cat <<'TXT'
    client 192.0.2.100 (default gateway: the VIP 192.0.2.1)
        |
    [ LAN bridge 192.0.2.0/24 ]
        |                          |
    R1 192.0.2.2, priority 200     R2 192.0.2.3, priority 100
        |                          |
    [ upstream bridge 198.51.100.0/24 ]
        |
    server 198.51.100.10
TXT
topo_create || die "cannot build the topology"
say "  R1: vrrpctl add eth0 vrid 10 prio 200 interval 100 address 192.0.2.1/24"
say "  R2: vrrpctl add eth0 vrid 10 prio 100 interval 100 address 192.0.2.1/24"
topo_routers_up || die "the routers did not reach R1 active / R2 backup"

step "Election: R1 is active, R2 is backup"
show R1 "$R1"
show R2 "$R2"

step "The client pings the server through the VIP"
slowwait 20 ip netns exec "$CL" ping -c 1 -W 1 "$SERVER_IP" > /dev/null ||
	die "the client cannot reach the server"
ip netns exec "$CL" ping -c 3 -i 0.2 "$SERVER_IP" 2>&1 | indent
say "  client's neighbour entry for the gateway: $(ip -n "$CL" neigh show "$VIP" dev eth0)"

step "R1's LAN link fails while the client pings every 10 ms"
probe_start
probe_wait_replies 20 "$WAIT_TIMEOUT_MS" || die "no replies before the failure"
t0=$(now_ms)
say "  ip link set <R1's switch port> down    (R1 loses carrier)"
ip -n "$SW" link set l-r1 down
wait_state "$R2" eth0 "$VRID" active "$WAIT_TIMEOUT_MS" || die "R2 did not take over"
say "  R2 became active (seen by polling vrrpctl, $(( $(now_ms) - t0 )) ms after the link went down)"
probe_wait_replies $(( $(probe_replies) + 50 )) "$WAIT_TIMEOUT_MS" ||
	die "the client does not reach the server through R2"
probe_stop
say "  client: pings kept flowing, now through R2"
say "  measured outage (longest gap between two ping replies): ${PROBE_OUTAGE:-?} ms"
show R1 "$R1"
show R2 "$R2"
say "  client's neighbour entry for the gateway: $(ip -n "$CL" neigh show "$VIP" dev eth0)"

step "R1's link comes back: R1 has the higher priority and preempts"
ip -n "$SW" link set l-r1 up
wait_state "$R1" eth0 "$VRID" active "$WAIT_TIMEOUT_MS" || die "R1 did not preempt"
wait_state "$R2" eth0 "$VRID" backup "$WAIT_TIMEOUT_MS" || die "R2 did not step back"
show R1 "$R1"
show R2 "$R2"
ip netns exec "$CL" ping -c 2 -i 0.2 "$SERVER_IP" 2>&1 | indent

step "Done (command log: $DEMO_LOG)"
