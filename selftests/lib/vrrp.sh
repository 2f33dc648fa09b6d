#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Virtual routers through vrrpctl: the vMAC, vrrpctl in a namespace,
# a router's JSON, state and counters, waiting for a state. Sourced by
# lib.sh.

# Variables set here are used by the scripts that source lib.sh.
# shellcheck disable=SC2034

VMAC_PREFIX="00:00:5e:00:01"

# vmac VRID: the IPv4 virtual MAC of a VRID.
vmac() {
	printf '%s:%02x' "$VMAC_PREFIX" "$1"
}

# vrrpctl NS ARGS...: run vrrpctl in a namespace (logged). Uses vrrpctl's
# own -n NETNS: "ip netns exec" costs another exec and a mount namespace.
vrrpctl() {
	local ns=$1
	shift

	log_cmd "$VRRPCTL_BIN" -n "$ns" "$@"
}

# vr_json NS DEV VRID [FAMILY]: the JSON object of one virtual router, compact, on
# one line (fails when there is none).
vr_json() {
	local out

	out=$("$VRRPCTL_BIN" -n "$1" -j show "$2" vrid "$3" ${4:+family "$4"} 2>/dev/null) || return 1
	# An array of at most one object: strip the brackets.
	out=${out#\[}
	out=${out%\]}
	[[ "$out" == \{* ]] || return 1
	printf '%s\n' "$out"
}

# vr_state NS DEV VRID [FAMILY]: "init", "backup", "active", or "none". Parsed in
# bash: it is polled, and jq takes up to a second to start under TCG.
vr_state() {
	local j

	j=$(vr_json "$@") || { echo none; return; }
	if [[ "$j" =~ \"state\":\ *\"([a-z]+)\" ]]; then
		echo "${BASH_REMATCH[1]}"
	else
		echo none
	fi
}

# vr_field NS DEV VRID JQ-PATH: one field of the router's JSON.
vr_field() {
	local j

	j=$(vr_json "$1" "$2" "$3") || return 1
	jq -r "$4" <<< "$j"
}

# vr_field_is NS DEV VRID JQ-PATH VALUE
vr_field_is() {
	[[ "$(vr_field "$1" "$2" "$3" "$4")" == "$5" ]]
}

# vr_stat NS DEV VRID KEY: a counter from the router's stats (0 if absent).
# A counter; a missing counter prints -1 and fails, so a misspelt name
# can never pass for zero.
vr_stat() {
	local v='' j

	if j=$(vr_json "$1" "$2" "$3") && [[ "$j" =~ \"$4\":\ *([0-9]+) ]]; then
		v=${BASH_REMATCH[1]}
	fi
	if [[ ! "$v" =~ ^[0-9]+$ ]]; then
		echo "vr_stat: no counter '$4' in vrrpctl's output" >&2
		echo -1
		return 1
	fi
	echo "$v"
}

state_is() {
	[[ "$(vr_state "$1" "$2" "$3")" == "$4" ]]
}

# vr_active_router NS DEV VRID: the address of the Active router the
# router follows (empty if none).
vr_active_router() {
	vr_json "$1" "$2" "$3" |
		jq -r '.active_router // empty'
}

# peer_errors_over NS VRID N: the router on eth0 counted at least N
# advertisements from addresses that are not its peers.
peer_errors_over() {
	[[ $(vr_stat "$1" eth0 "$2" peer_errors) -ge $3 ]]
}

# wait_state NS DEV VRID STATE TIMEOUT_MS: poll until the router is in
# STATE; log the outcome and the time it took.
wait_state() {
	local ns=$1 dev=$2 vrid=$3 want=$4 t=$5 t0 got

	tick
	t0=$NOW_MS
	if busywait "$t" state_is "$ns" "$dev" "$vrid" "$want"; then
		tick
		WAIT_MS=$((NOW_MS - t0))
		ktap_diag "$ns $dev vrid $vrid: $want after $WAIT_MS ms"
		return 0
	fi
	got=$(vr_state "$ns" "$dev" "$vrid")
	ktap_diag "$ns $dev vrid $vrid: still '$got' after ${t} ms (wanted $want)"
	return 1
}

# show_routers NS...: log "vrrpctl show" of each namespace.
show_routers() {
	local ns

	for ns in "$@"; do
		run "$VRRPCTL_BIN" -n "$ns" show
	done
}
