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
			-e 's/"(state|old_state|reason|active_router|active_interval|skew_time_us|active_down_interval_us)":("[^"]*"|[0-9]+|null),?//g'
}

# expect_reject WANT_RC ARGS...: vrrpctl ARGS must fail (with WANT_RC if
# not "any"), print something on stderr, and not change the configuration.
expect_reject() {
	local want=$1 before after rc err
	shift

	before=$(show_config)
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
	return 0
}

ADDR=192.0.2.1/24

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
	"set_missing        1   set eth0 vrid 99 prio 10"
	"set_prio_0         2   set eth0 vrid 10 prio 0"
	"set_nothing        2   set eth0 vrid 10"
	"mixed_families     2   add eth0 vrid 20 address $ADDR address fe80::1"
	"family_vs_address  2   add eth0 vrid 20 family inet6 address $ADDR"
	"inet6_global_first 2   add eth0 vrid 20 address 2001:db8::1 address fe80::1"
	"v2_interval_1500   2   add eth0 vrid 20 version 2 interval 1500 address $ADDR"
	"v2_inet6           2   add eth0 vrid 20 version 2 address fe80::1"
	"garp_count_0       2   add eth0 vrid 20 garp-count 0 address $ADDR"
	"checksum_bad       2   add eth0 vrid 20 checksum none address $ADDR"
	"garp_refresh_50    2   add eth0 vrid 20 garp-refresh 50 address $ADDR"
	"peer_wrong_family  2   add eth0 vrid 20 address $ADDR peer fe80::2"
	"del_wrong_family   1   del eth0 vrid 10 family inet6"
	"stats_reset_nodev  1   stats reset nosuchdev0"
)

# The reject_* tests are the rows of BAD.
ALL_TESTS="
	valid_add
	second_vrid_preempt_off
	show_filters
	$(printf 'reject_%s\n' "${BAD[@]%% *}")
	reject_del_missing
	add_all_options
	set_keeps_the_rest
	inet6_and_both_families
	v2
	v2_long_interval
	stats_commands
	extack_printed
	del
"

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

test_reject_del_missing() {
	expect_reject 1 del eth0 vrid 99
}

# Every option of add, shown as given.
test_add_all_options() {
	local j

	vrrpctl "$NS" add eth0 vrid 21 version 3 prio 150 interval 250 \
		preempt off preempt-delay 1500 accept on checksum plain \
		garp-count 7 garp-spacing 30 garp-repeat 0 garp-refresh 2000 \
		address 192.0.2.21/24 peer 192.0.2.3 peer 192.0.2.4 ||
		{ fail "add with every option rejected"; return; }
	j=$(vr_json "$NS" eth0 21) || { fail "vrid 21 not shown"; return; }
	ktap_diag "$j"
	jq -e '.version == 3 and .priority == 150 and .interval == 250 and
	       .preempt == false and .preempt_delay == 1500 and
	       .accept == true and .checksum == "plain" and .garp_count == 7 and
	       .garp_spacing == 30 and .garp_repeat == 0 and
	       .garp_refresh == 2000 and .family == "inet" and
	       .addresses == ["192.0.2.21/24"] and
	       .peers == ["192.0.2.3", "192.0.2.4"] and
	       (.reason | type) == "string" and (.old_state | type) == "string" and
	       (.stats | has("rcvd_carp") and has("peer_errors") and
		has("auth_type_errors") and has("discontinuity_time"))' \
		<<< "$j" > /dev/null || fail "vrid 21 not shown as configured"
	run "$VRRPCTL_BIN" -n "$NS" -d -s show eth0 vrid 21
	"$VRRPCTL_BIN" -n "$NS" -d show eth0 vrid 21 |
		grep -q 'garp-count 7 garp-spacing 30ms garp-repeat 0ms garp-refresh 2000ms' ||
		fail "show -d lacks the garp settings"
	return 0
}

# set changes what it is given and nothing else; lists replace lists.
test_set_keeps_the_rest() {
	local j

	vrrpctl "$NS" set eth0 vrid 21 prio 90 || fail "set prio failed"
	vrrpctl "$NS" set eth0 vrid 21 address 192.0.2.22/24 address 192.0.2.23/24 ||
		fail "set addresses failed"
	vrrpctl "$NS" set eth0 vrid 21 peer 192.0.2.5 || fail "set peer failed"
	j=$(vr_json "$NS" eth0 21) || { fail "vrid 21 gone"; return; }
	ktap_diag "$j"
	jq -e '.priority == 90 and .interval == 250 and .preempt == false and
	       .accept == true and .checksum == "plain" and .garp_count == 7 and
	       .addresses == ["192.0.2.22/24", "192.0.2.23/24"] and
	       .peers == ["192.0.2.5"]' <<< "$j" > /dev/null ||
		fail "set changed more or less than asked"
	vrrpctl "$NS" del eth0 vrid 21 || fail "del vrid 21"
	return 0
}

# One VRID in both families; the family names the router.
test_inet6_and_both_families() {
	local n j

	vrrpctl "$NS" add eth0 vrid 10 address fe80::10 address 2001:db8::10/64 \
		peer fe80::2 || { fail "inet6 add rejected"; return; }
	n=$("$VRRPCTL_BIN" -n "$NS" -j show eth0 vrid 10 | jq length)
	[[ "$n" == 2 ]] || fail "show eth0 vrid 10: $n routers, expected 2"
	j=$("$VRRPCTL_BIN" -n "$NS" -j show eth0 vrid 10 family inet6 | jq -c '.[0]')
	ktap_diag "$j"
	jq -e '.family == "inet6" and .addresses == ["fe80::10/128", "2001:db8::10/64"]
	       and .peers == ["fe80::2"] and .version == 3' <<< "$j" > /dev/null ||
		fail "the inet6 router is not shown as added"
	run "$VRRPCTL_BIN" -n "$NS" -d show eth0 vrid 10 family inet6
	expect_reject 2 set eth0 vrid 10 prio 10
	vrrpctl "$NS" set eth0 vrid 10 family inet6 prio 10 || fail "set family inet6"
	[[ "$("$VRRPCTL_BIN" -n "$NS" -j show eth0 vrid 10 family inet | jq '.[0].priority')" == 200 ]] ||
		fail "set family inet6 changed the inet router"
	vrrpctl "$NS" del eth0 vrid 10 family inet6 || fail "del family inet6"
	n=$("$VRRPCTL_BIN" -n "$NS" -j show eth0 vrid 10 | jq length)
	[[ "$n" == 1 ]] || fail "expected the inet router only"
	return 0
}

test_v2() {
	local j

	vrrpctl "$NS" add eth0 vrid 30 version 2 interval 3000 address 192.0.2.30 ||
		{ fail "VRRPv2 add rejected"; return; }
	j=$(vr_json "$NS" eth0 30)
	jq -e '.version == 2 and .interval == 3000' <<< "$j" > /dev/null ||
		fail "v2 router not shown as added: $j"
	vrrpctl "$NS" del eth0 vrid 30
	return 0
}

# RFC 3768 allows up to 255 s; vrrpctl accepts it for version 2.
test_v2_long_interval() {
	vrrpctl "$NS" add eth0 vrid 31 version 2 interval 60000 address 192.0.2.31 ||
		{ fail "VRRPv2 with a 60 s interval rejected"; return; }
	vr_field_is "$NS" eth0 31 .interval 60000 || fail "interval not 60000"
	vrrpctl "$NS" del eth0 vrid 31
	return 0
}

test_stats_commands() {
	local out

	out=$("$VRRPCTL_BIN" -n "$NS" -j stats net) || fail "stats net failed"
	ktap_diag "$out"
	jq -e 'has("vrid_errors") and has("packet_length_errors")' <<< "$out" > /dev/null ||
		fail "stats net JSON lacks its keys"
	vrrpctl "$NS" stats reset eth0 vrid 10 || fail "stats reset of one router"
	vrrpctl "$NS" stats reset eth0 || fail "stats reset of an interface"
	vrrpctl "$NS" stats reset || fail "stats reset of everything"
	expect_reject 1 stats reset eth0 vrid 99
	return 0
}

# A kernel refusal prints the extended ACK.
test_extack_printed() {
	local err

	err=$("$VRRPCTL_BIN" -n "$NS" add eth0 vrid 10 address 192.0.2.99 2>&1)
	ktap_diag "$err"
	[[ "$err" == *"File exists: a virtual router with this VRID and family exists on the interface"* ]] ||
		fail "duplicate add: no extended ACK message"
	expect_reject 1 add eth0 vrid 10 address 192.0.2.99
}

test_del() {
	vrrpctl "$NS" add eth0 vrid 12 address 192.0.2.12 || fail "add vrid 12 failed"
	vrrpctl "$NS" del eth0 vrid 12 || fail "del vrid 12 failed"
	vrrpctl "$NS" del eth0 vrid 10 || fail "del vrid 10 failed"
	[[ "$(show_config)" == "[]" ]] || fail "show not empty after del: $(show_config)"
	return 0
}

# test_case reject_NAME: the row NAME of BAD.
test_case() {
	local b name want args

	for b in "${BAD[@]}"; do
		read -r name want args <<< "$b"
		[[ "reject_$name" == "$1" ]] || continue
		# shellcheck disable=SC2086 # word splitting of args is intended
		expect_reject "$want" $args
		return
	done
	fail "no row $1 in BAD"
}

require_root
require_cmd ip jq
require_vrrp
lib_init

ktap_header
tests_plan
ktap_diag "kernel $(uname -r), vrrpctl $VRRPCTL_BIN"

setup_ns NS || exit $KSFT_FAIL
run ip -n "$NS" link add eth0 type veth peer name peer0
run ip -n "$NS" addr add 192.0.2.2/24 dev eth0
run ip -n "$NS" link set eth0 up
run ip -n "$NS" link set peer0 up

tests_run
ktap_finish
