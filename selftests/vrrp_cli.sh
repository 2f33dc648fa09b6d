#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vrrpctl input handling: valid configurations are accepted and shown as
# configured; each bad input exits non-zero (2 for a usage error) with a
# message on stderr and leaves "vrrpctl show" unchanged.
#
# Environment: VRRPCTL_BIN (default tool/vrrpctl), VRRP_KO (module to load
# if vrrp is not loaded).

# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

# The configuration part of "vrrpctl -j show": without the state and
# what follows from it (sed, not jq: jq is slow to start under TCG).
show_config() {
	"$VRRPCTL_BIN" -n "$NS" -j show 2>/dev/null |
		sed -E -e 's/"stats":\{[^}]*\}//g' \
			-e 's/"(state|active_router|active_interval|skew_time_us|active_down_interval_us)":("[^"]*"|[0-9]+|null),?//g'
}

# expect_reject WANT_RC ARGS...: vrrpctl ARGS must fail (with WANT_RC if
# not "any"), print something on stderr, and not change the configuration.
expect_reject() {
	local want=$1 before=$CONFIG after rc err
	shift

	[[ -n "$before" ]] || { fail "vrrpctl -j show does not work"; return; }
	ktap_diag "+ vrrpctl -n $NS $*"
	err=$("$VRRPCTL_BIN" -n "$NS" "$@" 2>&1 > /dev/null)
	rc=$?
	err=${err:0:600}
	ktap_diag "  exit $rc, stderr: ${err:-<empty>}"
	if [[ $rc -eq 0 ]]; then
		fail "accepted"
	elif [[ $rc -ge 126 ]]; then
		fail "exit $rc: crashed or not executable"
	elif [[ "$want" != any && $rc -ne $want ]]; then
		fail "exit $rc, expected $want"
	fi
	[[ -n "$err" ]] || fail "no error message on stderr"
	after=$(show_config)
	[[ "$after" == "$before" ]] ||
		fail "configuration changed: before $before after $after"
	CONFIG=$after
	return 0
}

ADDR=192.0.2.1/24

test_valid_add() {
	local j

	vrrpctl "$NS" add eth0 vrid 10 prio 200 interval 100 address "$ADDR" ||
		{ fail "valid add rejected"; return; }
	run "$VRRPCTL_BIN" -n "$NS" show
	j=$(vr_json "$NS" eth0 10) || { fail "vrid 10 not in vrrpctl -j show"; return; }
	ktap_diag "$j"
	jq -e '.priority == 200 and .interval == 100 and .preempt == true
	       and .version == 3 and .family == "inet"
	       and (.vmac | ascii_downcase) == "00:00:5e:00:01:0a"
	       and .addresses == ["192.0.2.1/24"]
	       and (.state | IN("init", "backup", "active"))' <<< "$j" >/dev/null ||
		fail "vrrpctl -j show does not show what was configured"
	return 0
}

test_second_vrid_preempt_off() {
	local j

	vrrpctl "$NS" add eth0 vrid 11 prio 50 interval 1000 preempt off \
		address 192.0.2.11/24 address 192.0.2.12/24 ||
		{ fail "valid add rejected"; return; }
	j=$(vr_json "$NS" eth0 11) || { fail "vrid 11 not shown"; return; }
	ktap_diag "$j"
	jq -e '.priority == 50 and .interval == 1000 and .preempt == false
	       and (.vmac | ascii_downcase) == "00:00:5e:00:01:0b"
	       and .addresses == ["192.0.2.11/24", "192.0.2.12/24"]' \
		<<< "$j" >/dev/null || fail "vrid 11 not shown as configured"
	[[ -n "$(vr_json "$NS" eth0 10)" ]] || fail "vrid 10 vanished"
	vrrpctl "$NS" del eth0 vrid 11 || fail "del vrid 11 failed"
	[[ -z "$(vr_json "$NS" eth0 11)" ]] || fail "vrid 11 still shown after del"
	return 0
}

test_show_filters() {
	local n

	n=$("$VRRPCTL_BIN" -n "$NS" -j show eth0 | jq length)
	[[ "$n" == 1 ]] || fail "show eth0: $n entries, expected 1"
	n=$("$VRRPCTL_BIN" -n "$NS" -j show eth0 vrid 10 | jq length)
	[[ "$n" == 1 ]] || fail "show eth0 vrid 10: $n entries, expected 1"
	run "$VRRPCTL_BIN" -n "$NS" show eth0 vrid 10 ||
		fail "show eth0 vrid 10 failed"
	return 0
}

test_del_missing() {
	expect_reject 1 del eth0 vrid 99
}

require_root
require_cmd ip jq
require_vrrp
lib_init

BAD=(
	# name              expected exit  arguments
	"vrid_0             any add eth0 vrid 0 prio 100 address $ADDR"
	"vrid_256           any add eth0 vrid 256 prio 100 address $ADDR"
	"vrid_not_a_number  2   add eth0 vrid ten prio 100 address $ADDR"
	"prio_0             any add eth0 vrid 20 prio 0 address $ADDR"
	"prio_256           any add eth0 vrid 20 prio 256 address $ADDR"
	"interval_5         any add eth0 vrid 20 interval 5 address $ADDR"
	"interval_15        any add eth0 vrid 20 interval 15 address $ADDR"
	"interval_50000     any add eth0 vrid 20 interval 50000 address $ADDR"
	"unknown_interface  any add nosuchdev0 vrid 20 prio 100 address $ADDR"
	"unknown_keyword    2   add eth0 vrid 20 frobnicate 1 address $ADDR"
	"bad_address_octet  any add eth0 vrid 20 address 192.0.2.300/24"
	"bad_address_plen   any add eth0 vrid 20 address 192.0.2.1/33"
	"bad_address_text   any add eth0 vrid 20 address gateway"
	"missing_vrid       2   add eth0 prio 100 address $ADDR"
	"missing_address    any add eth0 vrid 20 prio 100"
	"bad_preempt        any add eth0 vrid 20 preempt maybe address $ADDR"
	"unknown_command    2   frobnicate eth0"
)

ktap_header
ktap_plan $((5 + ${#BAD[@]}))
ktap_diag "kernel $(uname -r), vrrpctl $VRRPCTL_BIN"

setup_ns NS || exit $KSFT_FAIL
run ip -n "$NS" link add eth0 type veth peer name peer0
run ip -n "$NS" addr add 192.0.2.2/24 dev eth0
run ip -n "$NS" link set eth0 up
run ip -n "$NS" link set peer0 up

ktap_run valid_add test_valid_add
ktap_run second_vrid_preempt_off test_second_vrid_preempt_off
ktap_run show_filters test_show_filters
# What every rejection must leave unchanged.
CONFIG=$(show_config)
for b in "${BAD[@]}"; do
	read -r name want args <<< "$b"
	# shellcheck disable=SC2086 # word splitting of args is intended
	ktap_run "reject_$name" expect_reject "$want" $args
done
ktap_run reject_del_missing test_del_missing

test_del() {
	vrrpctl "$NS" del eth0 vrid 10 || fail "del vrid 10 failed"
	[[ "$(show_config)" == "[]" ]] || fail "show not empty after del: $(show_config)"
	return 0
}
ktap_run del test_del
ktap_finish
