#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The timing bounds of the whole suite and the checks against them.
# Sourced by lib.sh.

# Variables set here are used by the scripts that source lib.sh.
# shellcheck disable=SC2034

# Timing bounds (RFC 9568 section 6.1)
#
# One tolerance for the whole suite. A time measured from a capture
# passes against its RFC value R when
#
#	R - 1 ms <= measured <= R + TIMING_BOUND
#	TIMING_BOUND = TIMING_FRAC_PCT % of the Advertisement_Interval
#		       + TIMING_SLACK_MS
#
# - 1 ms below: the capture's time stamps are taken on the bridge, after
#   the sender's veth, and a timer is never early.
# - The fraction of the interval: what grows with the interval (none of
#   the protocol's own arithmetic: a router off by a whole interval, or
#   with Skew_Time doubled at a 1 s interval, is outside).
# - The slack: emulation. Under qemu TCG (several times slower than
#   hardware, two guests on two host CPUs, the debug kernel's KASAN on
#   top) a soft hrtimer's expiry reaches the wire tens of milliseconds
#   late.
# Client outages have upper bounds only (a failure falls anywhere between
# two advertisements): the RFC time, plus TIMING_BOUND, plus two probe
# periods (the last reply before and the first one after), plus one
# neighbour resolution: the new Active router has not talked to the
# client (a Backup forwards nothing; a router whose link came back lost
# its neighbours) and resolves it before its first reply, a LAN round
# trip with no timer in it, counted as one TIMING_SLACK_MS.
: "${TIMING_FRAC_PCT:=20}"
: "${TIMING_SLACK_MS:=40}"
PROBE_PERIOD_MS=10

# skew_us PRIORITY INTERVAL_MS: Skew_Time = (256 - Priority) * Interval / 256
skew_us() {
	echo $(((256 - $1) * $2 * 1000 / 256))
}

# adi_us PRIORITY INTERVAL_MS: Active_Down_Interval = 3 * Interval + Skew_Time
adi_us() {
	echo $((3 * $2 * 1000 + $(skew_us "$1" "$2")))
}

# timing_bound_us INTERVAL_MS
timing_bound_us() {
	echo $(($1 * 10 * TIMING_FRAC_PCT + TIMING_SLACK_MS * 1000))
}

# check_time NAME MEASURED_US RFC_US INTERVAL_MS: report NAME_ms and fail
# unless RFC - 1 ms <= MEASURED <= RFC + TIMING_BOUND. An empty
# measurement fails: what cannot be measured is not a pass.
check_time() {
	local name=$1 t=$2 rfc=$3 hi

	hi=$((rfc + $(timing_bound_us "$4")))
	if [[ -z "$t" ]]; then
		fail "$name: not measured (the capture lacks the advertisements)"
		return 1
	fi
	metric "${name}_ms" $((t / 1000))
	ktap_diag "$name: $((t / 1000)).$(printf %03d $((t % 1000))) ms, RFC $((rfc / 1000)).$(printf %03d $((rfc % 1000))) ms, allowed [$(((rfc - 1000) / 1000)), $((hi / 1000))] ms"
	if ((t < rfc - 1000 || t > hi)); then
		fail "$name: $((t / 1000)) ms outside [$(((rfc - 1000) / 1000)), $((hi / 1000))] ms (RFC $((rfc / 1000)) ms)"
		return 1
	fi
	return 0
}

# check_outage NAME OUTAGE_MS RFC_US INTERVAL_MS: a client outage against
# its upper bound.
check_outage() {
	local name=$1 o=$2 hi

	hi=$((($3 + $(timing_bound_us "$4")) / 1000 + 2 * PROBE_PERIOD_MS + TIMING_SLACK_MS))
	if [[ -z "$o" ]]; then
		fail "$name: no outage measurement"
		return 1
	fi
	metric "${name}_ms" "$o"
	ktap_diag "$name: $o ms, at most $hi ms (RFC $(($3 / 1000)) ms)"
	((o <= hi)) || { fail "$name: $o ms > $hi ms"; return 1; }
	return 0
}
