#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vrrpctl input handling: valid configurations are accepted and shown as
# configured; each bad input fails with a message on stderr and leaves
# "vrrpctl show" unchanged: exit 2 when the command line is wrong, exit 1
# with the kernel's extended ACK (the attribute, and for a range its
# bounds) when the kernel refuses the values.
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

# expect_reject WANT_RC TEXT ARGS...: vrrpctl ARGS must fail with WANT_RC
# (2: the command line is wrong, 1: the kernel or the host said no),
# print TEXT on stderr, and not change the configuration.
expect_reject() {
	local want=$1 text=$2 before after rc err
	shift 2

	before=$(show_config)
	[[ -n "$before" ]] || { fail "vrrpctl -j show does not work"; return; }
	ktap_diag "+ vrrpctl -n $NS $*"
	err=$("$VRRPCTL_BIN" -n "$NS" "$@" 2>&1 > /dev/null)
	rc=$?
	err=${err:0:600}
	ktap_diag "  exit $rc, stderr: ${err:-<empty>}"
	if [[ $rc -eq 0 ]]; then
		fail "accepted"
	elif [[ $rc -ne $want ]]; then
		fail "exit $rc, expected $want"
	fi
	[[ "$err" == *"$text"* ]] || fail "stderr does not say: $text"
	after=$(show_config)
	[[ "$after" == "$before" ]] ||
		fail "configuration changed: before $before after $after"
	return 0
}

ADDR=192.0.2.1/24

BAD=(
	# name | exit | what stderr says | arguments
	"vrid_0              |2|invalid vrid \"0\": must be 1-255|add eth0 vrid 0 prio 100 address $ADDR"
	"vrid_256            |2|invalid vrid \"256\": must be 1-255|add eth0 vrid 256 prio 100 address $ADDR"
	"vrid_not_a_number   |2|invalid vrid \"ten\"|add eth0 vrid ten prio 100 address $ADDR"
	"prio_256            |2|invalid priority \"256\": not a number of 0-255|add eth0 vrid 20 prio 256 address $ADDR"
	"unknown_interface   |1|cannot find device \"nosuchdev0\"|add nosuchdev0 vrid 20 prio 100 address $ADDR"
	"unknown_keyword     |2|unknown keyword \"frobnicate\"|add eth0 vrid 20 frobnicate 1 address $ADDR"
	"bad_address_octet   |2|invalid address \"192.0.2.300/24\": expected ADDR[/PLEN]|add eth0 vrid 20 address 192.0.2.300/24"
	"bad_address_plen    |2|invalid prefix length in \"192.0.2.1/33\": must be 0-32|add eth0 vrid 20 address 192.0.2.1/33"
	"bad_address_text    |2|invalid address \"gateway\": expected ADDR[/PLEN]|add eth0 vrid 20 address gateway"
	"missing_vrid        |2|add: missing \"vrid VRID\"|add eth0 prio 100 address $ADDR"
	"bad_preempt         |2|invalid preempt \"maybe\": must be on or off|add eth0 vrid 20 preempt maybe address $ADDR"
	"unknown_command     |2|unknown command \"frobnicate\"|frobnicate eth0"
	"checksum_bad        |2|invalid checksum \"none\": must be pseudo or plain|add eth0 vrid 20 checksum none address $ADDR"
	"set_nothing         |2|set: nothing to change|set eth0 vrid 10"
	"track_none_add      |2|add: \"track none\" is for set|add eth0 vrid 20 track none address $ADDR"
	"set_missing         |1|no virtual router with this VRID and family on the interface (attribute \"vrid\")|set eth0 vrid 99 prio 10"
	"del_wrong_family    |1|no virtual router with this VRID and family on the interface (attribute \"vrid\")|del eth0 vrid 10 family inet6"
	"stats_reset_nodev   |1|cannot find device \"nosuchdev0\"|stats reset nosuchdev0"
	"set_prio_0          |1|integer out of range (attribute \"priority\": 1-255)|set eth0 vrid 10 prio 0"
	"mixed_families      |1|an inet router needs IPv4 addresses (addr4) (attribute \"vip\")|add eth0 vrid 20 address $ADDR address fe80::1"
	"family_vs_address   |1|an inet6 router needs IPv6 addresses (addr6) (attribute \"vip\")|add eth0 vrid 20 family inet6 address $ADDR"
	"inet6_global_first  |1|the first IPv6 virtual address must be link-local|add eth0 vrid 20 address 2001:db8::1 address fe80::1"
	"peer_wrong_family   |1|an inet router needs IPv4 addresses (addr4) (attribute \"peer\")|add eth0 vrid 20 address $ADDR peer fe80::2"
	"add_no_address      |1|at least one virtual address is required|add eth0 vrid 20 prio 100"
	"prio_0              |1|integer out of range (attribute \"priority\": 1-255)|add eth0 vrid 20 prio 0 address $ADDR"
	"interval_0          |1|integer out of range (attribute \"interval\": 10-255000)|add eth0 vrid 20 interval 0 address $ADDR"
	"interval_5          |1|integer out of range (attribute \"interval\": 10-255000)|add eth0 vrid 20 interval 5 address $ADDR"
	"interval_15         |1|interval must be a multiple of 10 ms (attribute \"interval\")|add eth0 vrid 20 interval 15 address $ADDR"
	"interval_40960      |1|a VRRPv3 interval is at most 40950 ms (attribute \"interval\")|add eth0 vrid 20 interval 40960 address $ADDR"
	"address_ipv6        |1|the first IPv6 virtual address must be link-local|add eth0 vrid 20 address 2001:db8::1"
	"address_multicast   |1|address must be a unicast address (attribute \"vip addr4\")|add eth0 vrid 20 address 224.0.0.18"
	"address_zero        |1|address must be a unicast address (attribute \"vip addr4\")|add eth0 vrid 20 address 0.0.0.0"
	"address_loopback    |1|address must be a unicast address (attribute \"vip addr4\")|add eth0 vrid 20 address 127.0.0.1/8"
	"address_broadcast   |1|address must be a unicast address (attribute \"vip addr4\")|add eth0 vrid 20 address 255.255.255.255"
	"address_twice       |1|virtual address given twice (attribute \"vip\")|add eth0 vrid 20 address $ADDR address 192.0.2.1"
	"address6_multicast  |1|address must be a unicast address (attribute \"vip addr6\")|add eth0 vrid 20 address ff02::12"
	"address_mixed_family|1|an inet6 router needs IPv6 addresses (addr6) (attribute \"vip\")|add eth0 vrid 20 address fe80::1 address 192.0.2.1"
	"family_after_addr   |1|an inet6 router needs IPv6 addresses (addr6) (attribute \"vip\")|add eth0 vrid 20 address $ADDR family inet6"
	"peer_mixed_family   |1|an inet router needs IPv4 addresses (addr4) (attribute \"peer\")|add eth0 vrid 20 address $ADDR peer 2001:db8::2"
	"peer_twice          |1|peer given twice (attribute \"peer\")|add eth0 vrid 20 address $ADDR peer 192.0.2.9 peer 192.0.2.9"
	"too_many_peers      |1|too many peers (attribute \"peer\")|add eth0 vrid 20 address $ADDR $(printf 'peer 10.0.0.%d ' $(seq 17))"
	"version_1           |1|integer out of range (attribute \"version\": 2-3)|add eth0 vrid 20 version 1 address $ADDR"
	"version_4           |1|integer out of range (attribute \"version\": 2-3)|add eth0 vrid 20 version 4 address $ADDR"
	"v3_interval_60000   |1|a VRRPv3 interval is at most 40950 ms (attribute \"interval\")|add eth0 vrid 20 interval 60000 address $ADDR"
	"preempt_delay_big   |1|integer out of range (attribute \"preempt-delay\": 0-3600000)|add eth0 vrid 20 preempt-delay 3600001 address $ADDR"
	"v2compat_v2         |1|v2-compat is for IPv4 VRRPv3 routers only (attribute \"v2-compat\")|add eth0 vrid 20 version 2 v2-compat on address $ADDR"
	"v2compat_inet6      |1|v2-compat is for IPv4 VRRPv3 routers only (attribute \"v2-compat\")|add eth0 vrid 20 v2-compat on address fe80::1"
	"garp_spacing_big    |1|integer out of range (attribute \"garp-spacing\": 0-10000)|add eth0 vrid 20 garp-spacing 10001 address $ADDR"
	"garp_repeat_big     |1|integer out of range (attribute \"garp-repeat-delay\": 0-600000)|add eth0 vrid 20 garp-repeat 600001 address $ADDR"
	"track_weight_big    |1|integer out of range (attribute \"track weight\": 0-253)|add eth0 vrid 20 track eth0 weight 254 address $ADDR"
	"check_ttl_big       |1|integer out of range (attribute \"track ttl\": 1-86400000)|add eth0 vrid 20 check web ttl 86400001 address $ADDR"
	"check_unknown       |1|no virtual router of the namespace has a health check of that name|check nosuchcheck up"
	"check_name_long     |1|Attribute failed policy validation (attribute \"track name\": at most 15 bytes)|add eth0 vrid 20 check abcdefghijklmnop address $ADDR"
	"track_none_and_obj  |1|track-clear and track exclude each other (attribute \"track-clear\")|set eth0 vrid 10 track none check web"
	"track_delay_big     |1|integer out of range (attribute \"track-delay-up\": 0-3600000)|add eth0 vrid 20 track-delay-up 3600001 address $ADDR"
	"group_long          |1|Attribute failed policy validation (attribute \"group\": at most 15 bytes)|add eth0 vrid 20 group abcdefghijklmnop address $ADDR"
	"ra_interval_low     |1|integer out of range (attribute \"ra-interval\": 4000-1800000)|add eth0 vrid 20 family inet6 address fe80::1 ra-interval 3999"
	"ra_interval_high    |1|integer out of range (attribute \"ra-interval\": 4000-1800000)|add eth0 vrid 20 family inet6 address fe80::1 ra-interval 1800001"
	"ra_lifetime_high    |1|integer out of range (attribute \"ra-lifetime\": 0-9000)|add eth0 vrid 20 family inet6 address fe80::1 ra-lifetime 9001"
	"ra_mtu_low          |1|ra-mtu must be 0 (none) or 1280-65535 (attribute \"ra-mtu\")|add eth0 vrid 20 family inet6 address fe80::1 ra-mtu 1279"
	"ve_is_version       |1|integer out of range (attribute \"version\": 2-3)|add eth0 vrid 20 ve 9 a $ADDR"
	"v2_interval_1500    |1|a VRRPv2 interval is whole seconds, 1000-255000 ms (attribute \"interval\")|add eth0 vrid 20 version 2 interval 1500 address $ADDR"
	"v2_inet6            |1|VRRPv2 is for IPv4 only (attribute \"version\")|add eth0 vrid 20 version 2 address fe80::1"
	"garp_count_0        |1|integer out of range (attribute \"garp-count\": 1-100)|add eth0 vrid 20 garp-count 0 address $ADDR"
	"garp_refresh_50     |1|refresh period must be 0 (off) or at least 100 ms (attribute \"garp-refresh\")|add eth0 vrid 20 garp-refresh 50 address $ADDR"
)

# The reject_* tests are the rows of BAD.
ALL_TESTS="
	valid_add
	second_vrid_preempt_off
	show_filters
	$(printf 'reject_%s\n' "${BAD[@]%%[ |]*}")
	reject_del_missing
	too_many_addresses
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

# As many addresses as one advertisement carries, and one more.
test_too_many_addresses() {
	local -a args=(add eth0 vrid 21)
	local i

	for i in $(seq 1 65); do
		args+=(address "198.51.100.$i/24")
	done
	expect_reject 1 'too many virtual addresses for one advertisement (attribute "vip")' \
		"${args[@]}"
	unset 'args[-1]' 'args[-1]'
	vrrpctl "$NS" "${args[@]}" || fail "64 addresses rejected"
	vrrpctl "$NS" del eth0 vrid 21 || fail "del vrid 21 failed"
}

test_reject_del_missing() {
	expect_reject 1 'no virtual router with this VRID and family on the interface (attribute "vrid")' \
		del eth0 vrid 99
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
	expect_reject 2 'exists as inet and inet6: give "family inet" or "family inet6"' \
		set eth0 vrid 10 prio 10
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
	expect_reject 1 'no virtual router with this VRID and family on the interface (attribute "vrid")' \
		stats reset eth0 vrid 99
	return 0
}

# A kernel refusal prints the extended ACK.
test_extack_printed() {
	expect_reject 1 'File exists: a virtual router with this VRID and family exists on the interface (attribute "vrid")' \
		add eth0 vrid 10 address 192.0.2.99
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
		IFS='|' read -r name want text args <<< "$b"
		[[ "reject_${name%% *}" == "$1" ]] || continue
		# shellcheck disable=SC2086 # word splitting of args is intended
		expect_reject "$want" "$text" $args
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
