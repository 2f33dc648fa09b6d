#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Running commands: logging them, the clock and naps, requirements,
# polling with an upper bound, network namespaces and background jobs,
# each registered for lib_cleanup. Sourced by lib.sh.

# Variables set here are used by the scripts that source lib.sh.
# shellcheck disable=SC2034

NS_LIST=()
declare -A BG_PIDS=()

##############################################################################
# Logging

# run CMD...: log the command, run it, show its output as diagnostics and
# return its exit status.
run() {
	ktap_diag "+ $*"
	run_unlogged "$@"
}

# run_unlogged CMD...: run as run does, without the "+ CMD" line.
run_unlogged() {
	local out rc line

	out=$("$@" 2>&1)
	rc=$?
	if [[ -n "$out" ]]; then
		while IFS= read -r line; do
			printf '#   %s\n' "$line" >&3
		done <<< "$out"
	fi
	[[ $rc -eq 0 ]] || ktap_diag "  (exit $rc)"
	return $rc
}

# nsbatch NS: the ip commands on stdin (one a line, as after "ip"), logged
# and run in NS by one process: under TCG starting a process costs from
# 70 ms (Debian's kernel) to a second (the debug kernel), and a topology
# is dozens of commands. ip stops at the first that fails.
nsbatch() {
	local ns=$1 line batch=

	while IFS= read -r line; do
		ktap_diag "+ ip -n $ns $line"
		batch+=$line$'\n'
	done
	run_unlogged ip -n "$ns" -batch - <<< "$batch"
}

# log_cmd CMD...: log the command and run it with stdout/stderr untouched.
log_cmd() {
	ktap_diag "+ $*"
	"$@"
}

# tick: NOW_MS = wall clock in ms (no fork; use it in loops).
tick() {
	local t=${EPOCHREALTIME/[.,]/}

	NOW_MS=$((t / 1000))
}

now_ms() {
	tick
	echo "$NOW_MS"
}

# nap SECONDS: sleep without starting a process (exec is slow under TCG).
nap() {
	if [[ -z "${NAP_FD:-}" ]]; then
		local fifo

		fifo=$(mktemp -u /tmp/vrrp-nap.XXXXXX)
		mkfifo "$fifo" && exec {NAP_FD}<>"$fifo"
		rm -f "$fifo"
	fi
	read -r -t "$1" -u "$NAP_FD" _ 2>/dev/null
	return 0
}

##############################################################################
# Requirements

require_root() {
	[[ $(id -u) -eq 0 ]] || { ktap_header; ktap_skip_all "needs root"; }
}

require_cmd() {
	local c

	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 ||
			{ ktap_header; ktap_skip_all "'$c' not found"; }
	done
}

# The vrrp module must be loaded (or loadable from $VRRP_KO), and vrrpctl
# built: without them a vrrp test cannot pass.
# vrrp_loaded_again: load VRRP_KO if a test left the module unloaded, so
# that the scripts after this one find it (a cleanup() for the scripts
# that unload it).
vrrp_loaded_again() {
	if [[ ! -d /sys/module/vrrp && -n "${VRRP_KO:-}" ]]; then
		insmod "$VRRP_KO"
	fi
}

require_vrrp() {
	if [[ ! -x "$VRRPCTL_BIN" ]]; then
		ktap_header
		ktap_skip_all "vrrpctl not built ($VRRPCTL_BIN)"
	fi
	if [[ ! -d /sys/module/vrrp ]]; then
		if [[ -n "${VRRP_KO:-}" ]]; then
			run insmod "$VRRP_KO" ||
				{ ktap_header; ktap_diag "insmod $VRRP_KO failed"; exit "$KSFT_FAIL"; }
		else
			ktap_header
			ktap_skip_all "vrrp module not loaded and VRRP_KO not set"
		fi
	fi
}

##############################################################################
# Waiting: poll, with an upper bound. TIMEOUT_MS for busywait, seconds for
# slowwait. Both return the command's last status and print nothing; the
# caller logs what it waited for.

loopy_wait() {
	local pause=$1 timeout_ms=$2 deadline
	shift 2

	tick
	deadline=$((NOW_MS + timeout_ms))
	while true; do
		"$@" && return 0
		tick
		((NOW_MS > deadline)) && return 1
		nap "$pause"
	done
}

busywait() {
	local t=$1
	shift
	loopy_wait 0.01 "$t" "$@"
}

slowwait() {
	local t=$1
	shift
	loopy_wait 0.2 "$((t * 1000))" "$@"
}

##############################################################################
# Namespaces

# setup_ns VAR...: create a namespace named "<var>-XXXXXXXX" (hex) for each VAR,
# store the name in VAR, bring lo up and register it for cleanup.
setup_ns() {
	local var name names=() batch=

	# The names first, none taken, then one ip for all of them (see
	# nsbatch): a failure leaves only names of ours to delete.
	for var in "$@"; do
		name=
		while [[ -z "$name" ]] || ns_exists "$name"; do
			printf -v name '%s-%04x%04x' "${var,,}" $RANDOM $RANDOM
		done
		names+=("$name")
		batch+="netns add $name"$'\n'
	done
	if ! ip -batch - <<< "$batch"; then
		ktap_diag "cannot create namespaces ${names[*]}"
		for name in "${names[@]}"; do
			ip netns del "$name" 2>/dev/null
		done
		return "$KSFT_SKIP"
	fi
	for name in "${names[@]}"; do
		var=$1
		shift
		NS_LIST+=("$name")
		ip -n "$name" link set lo up
		printf -v "$var" '%s' "$name"
		ktap_diag "+ ip netns add $name  ($var)"
	done
}

# Where ip keeps the names of namespaces (NETNS_RUN_DIR): what
# "ip netns list" reads, without a process.
NETNS_DIR=/var/run/netns

ns_exists() {
	[[ -e "$NETNS_DIR/$1" ]]
}

ns_gone() {
	! ns_exists "$1"
}

# ns_kill NS...: kill the processes in the namespaces; bash compares each
# process's namespace with the named ones, no process is started.
ns_kill() {
	local p ns pids=()

	for p in /proc/[0-9]*; do
		for ns in "$@"; do
			if [[ "$p/ns/net" -ef "$NETNS_DIR/$ns" ]]; then
				pids+=("${p#/proc/}")
				break
			fi
		done
	done
	((${#pids[@]} == 0)) || kill "${pids[@]}" 2>/dev/null
}

cleanup_ns() {
	local ns keep=() rc=0 n names=() batch=

	for ns in "$@"; do
		[[ -n "$ns" ]] || continue
		names+=("$ns")
		batch+="netns del $ns"$'\n'
	done
	((${#names[@]})) || return 0
	ns_kill "${names[@]}"
	# One ip for all (see nsbatch); -force: on past one already gone.
	ip -force -batch - <<< "$batch" > /dev/null 2>&1
	for ns in "${names[@]}"; do
		if ! busywait "$WAIT_TIMEOUT_MS" ns_gone "$ns"; then
			ktap_diag "warning: namespace $ns not removed"
			rc=1
		fi
	done
	for n in "${NS_LIST[@]}"; do
		for ns in "$@"; do
			[[ "$n" == "$ns" ]] && continue 2
		done
		keep+=("$n")
	done
	NS_LIST=("${keep[@]}")
	return $rc
}

cleanup_all_ns() {
	[[ ${#NS_LIST[@]} -eq 0 ]] || cleanup_ns "${NS_LIST[@]}"
}

##############################################################################
# Background jobs

# bg_start NAME CMD...: run CMD in the background, remembered as NAME.
bg_start() {
	local name=$1
	shift

	ktap_diag "+ $* &"
	"$@" &
	BG_PIDS[$name]=$!
}

# bg_stop NAME [SIGNAL]: stop a background job and wait for it.
bg_stop() {
	local name=$1 sig=${2:-TERM} pid

	pid=${BG_PIDS[$name]:-}
	[[ -n "$pid" ]] || return 0
	kill "-$sig" "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	unset "BG_PIDS[$name]"
}
