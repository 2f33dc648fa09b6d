#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Virtual routers configured with the kernel's YNL library (vrrp_ynl.py),
# for the tests that use attributes vrrpctl does not take or that check
# the family's replies field by field. Source it after lib.sh:
#
#   source "$(dirname "$(readlink -f "$0")")/lib/ynl.sh"
#
# States are polled and routers deleted with vrrpctl: python takes
# seconds to start under TCG. Environment: KSRC (kernel source with
# tools/net/ynl, default /usr/src/linux-source-6.12).

YNL_PY=$LIB_DIR/vrrp_ynl.py
: "${KSRC:=/usr/src/linux-source-6.12}"
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
