#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The "vrrp" generic netlink family, driven by a second client: the
# kernel's own YNL (tools/net/ynl/cli.py and its library) reading
# Documentation/netlink/specs/vrrp.yaml, cross-checked with vrrpctl.
#
#   ynl_add_shows_in_vrrpctl  a router added with cli.py (every attribute)
#                             and one added with vrrpctl show the same in
#                             both dumps; vrrpctl -s prints every
#                             counter the kernel sends
#   ynl_set_del               set and del through cli.py
#   events_agree              a subscriber of the YNL library and
#                             vrrpctl monitor -j see the same events
#   reject_*                  each bad request (range, missing attribute,
#                             wrong family, too many addresses, a VIP
#                             of another router or of the interface,
#                             ...) fails
#                             with an extended ACK and changes nothing
#   unprivileged_*            without CAP_NET_ADMIN: changes fail with
#                             EPERM, reads work; in a user namespace that
#                             owns its netns, changes work
#   stats_reset_*, net_stats  stats-reset of one router, one interface,
#                             everything; net-stats-get
#   set_no_flap               set priority/interval/addresses on the
#                             Active router: no state event, the Backup
#                             learns the interval
#   failover_events           every transition of a failover and of the
#                             preemption after it, in order, in monitor
#
# Environment: VRRPCTL_BIN, VRRP_KO (as the other tests), KSRC (the 6.12
# kernel source with tools/net/ynl, default /usr/src/linux-source-6.12).

# shellcheck source=lib.sh
source "$(dirname "$(readlink -f "$0")")/lib.sh"

KSRC=${KSRC:-/usr/src/linux-source-6.12}
YNL_DIR=$KSRC/tools/net/ynl
HELPER=$LIB_DIR/vrrp_netlink.py
VIP4=192.0.2.1
VIP4_INT=3221225985	# 192.0.2.1 as the u32 ynl wants
TREE=

cleanup() {
	[[ -n "$TREE" ]] && rm -rf "$TREE"
}

# ynl NS ARGS...: cli.py against our spec in a namespace.
ynl() {
	local ns=$1
	shift

	log_cmd ip netns exec "$ns" python3 "$YNL_DIR/cli.py" --spec "$SPEC" "$@"
}

# ynl_json NS ARGS...: cli.py --output-json, output on stdout.
ynl_json() {
	local ns=$1
	shift

	ynl "$ns" --output-json "$@"
}

ifindex() {
	ip -n "$1" -o link show "$2" | cut -d: -f1
}

# vrrpctl's dump and ynl's dump, projected to the same keys, one router a
# line, sorted. What ynl shows as numbers and enums, vrrpctl as words.
vrrpctl_view() {
	"$VRRPCTL_BIN" -n "$1" -j show | jq -c 'sort_by(.ifindex, .vrid, .family)[] |
		{ifindex, vrid, family, version, priority, interval, preempt,
		 accept, preempt_delay, checksum, forward, garp_count,
		 garp_spacing, garp_repeat, garp_refresh, vmac, addresses, peers}'
}

ynl_view() {
	ip netns exec "$1" python3 "$HELPER" "$YNL_DIR" "$SPEC" dump | jq -c '
		def addr: (.addr4 // .addr6);
		sort_by(.ifindex, .vrid, .family)[] |
		{ifindex, vrid, family, version, priority, interval,
		 preempt: (.preempt == 1), accept: (.accept == 1),
		 preempt_delay: ."preempt-delay", checksum, forward,
		 garp_count: ."garp-count", garp_spacing: ."garp-spacing",
		 garp_repeat: ."garp-repeat-delay",
		 garp_refresh: ."garp-refresh", vmac,
		 addresses: [(.vip // [])[] | "\(addr)/\(.prefixlen)"],
		 peers: [(.peer // [])[] | addr]}'
}

test_ynl_add_shows_in_vrrpctl() {
	local a b

	vrrpctl "$NS" add eth0 vrid 10 prio 200 interval 100 \
		address "$VIP4/24" || fail "vrrpctl add failed"
	ynl "$NS" --do add --json "{\"ifindex\": $IFX, \"vrid\": 40,
		\"family\": \"inet6\", \"version\": 3, \"priority\": 150,
		\"interval\": 200, \"preempt\": 0, \"accept\": 1,
		\"preempt-delay\": 500, \"checksum\": \"plain\",
		\"forward\": \"any\", \"garp-count\": 5, \"garp-spacing\": 20,
		\"garp-repeat-delay\": 0, \"garp-refresh\": 1000,
		\"vip\": [{\"addr6\": \"fe800000000000000000000000000040\"},
			  {\"addr6\": \"20010db8000000000000000000000040\", \"prefixlen\": 64}],
		\"peer\": [{\"addr6\": \"fe800000000000000000000000000041\"}]}" ||
		fail "cli.py --do add failed"
	run "$VRRPCTL_BIN" -n "$NS" -d show
	a=$(vrrpctl_view "$NS")
	b=$(ynl_view "$NS")
	ktap_diag "vrrpctl: $a"
	ktap_diag "ynl:     $b"
	[[ -n "$a" && "$a" == "$b" ]] || fail "vrrpctl -j show and the ynl dump differ"
	[[ $(wc -l <<< "$a") -eq 2 ]] || fail "expected 2 routers"
	grep -q '"family":"inet6".*"addresses":\["fe80::40/128","2001:db8::40/64"\],"peers":\["fe80::41"\]' <<< "$a" ||
		fail "the inet6 router is not shown as added"
	stats_shown
}

# Every counter the kernel sends (decoded by the spec) vrrpctl prints,
# with a value, in JSON and in text.
stats_shown() {
	local a b c text

	a=$(ip netns exec "$NS" python3 "$HELPER" "$YNL_DIR" "$SPEC" dump |
		jq -c '[.[].stats | keys[] | gsub("-"; "_")] | unique')
	b=$("$VRRPCTL_BIN" -n "$NS" -j -s show | jq -c '[.[].stats |
		to_entries[] | select(.value != null) | .key] | unique')
	ktap_diag "counters sent: $a"
	[[ $a == \[\"* && "$a" == "$b" ]] ||
		fail "vrrpctl -j -s show has the counters $b, the kernel sends $a"
	text=$("$VRRPCTL_BIN" -n "$NS" -s show)
	for c in $(jq -r '.[]' <<< "$a"); do
		grep -Eq " ${c//_/-} [0-9]+( |\$)" <<< "$text" ||
			fail "vrrpctl -s show does not print ${c//_/-}"
	done
	return 0
}

test_ynl_set_del() {
	local j

	ynl "$NS" --do set --json "{\"ifindex\": $IFX, \"vrid\": 40, \"family\": \"inet6\",
		\"priority\": 120, \"vip\": [{\"addr6\": \"fe800000000000000000000000000042\"}]}" ||
		fail "cli.py --do set failed"
	j=$(vr_json "$NS" eth0 40) || { fail "vrid 40 gone after set"; return; }
	ktap_diag "$j"
	jq -e '.priority == 120 and .addresses == ["fe80::42/128"] and
	       .peers == ["fe80::41"] and .interval == 200 and .accept == true' \
		<<< "$j" > /dev/null ||
		fail "set did not replace only priority and addresses"
	ynl "$NS" --do get --json "{\"ifindex\": $IFX, \"vrid\": 40, \"family\": \"inet6\"}" ||
		fail "cli.py --do get failed"
	ynl "$NS" --do del --json "{\"ifindex\": $IFX, \"vrid\": 40, \"family\": \"inet6\"}" ||
		fail "cli.py --do del failed"
	[[ -z "$(vr_json "$NS" eth0 40)" ]] || fail "vrid 40 still shown after del"
	return 0
}

# The events of one monitor as "event vrid family old->state reason"
# lines (reason and old state only for state events).
events_vrrpctl() {
	jq -r 'select(.vrid == 50) | if .event == "state" then
		"\(.event) \(.vrid) \(.family) \(.old_state)->\(.state) \(.reason)"
		else "\(.event) \(.vrid) \(.family) prio \(.priority)" end' "$1"
}

events_ynl() {
	jq -r '.[] | (.name | sub("-ntf$"; "")) as $e | .msg | select(.vrid == 50) |
		if $e == "state" then
		"\($e) \(.vrid) \(.family) \(."old-state")->\(.state) \(.reason)"
		else "\($e) \(.vrid) \(.family) prio \(.priority)" end' "$1"
}

# subscribed FILE: the YNL subscriber has joined the group.
subscribed() {
	[[ "$(head -n 1 "$1")" == subscribed ]]
}

# monitor_saw_del FILE: vrrpctl monitor -j has printed VRID 50's del.
monitor_saw_del() {
	events_vrrpctl "$1" | grep -q '^del 50 '
}

test_events_agree() {
	local mon ynl_out pid a b

	mon=$(mktemp /tmp/vrrp-mon.XXXXXX)
	ynl_out=$(mktemp /tmp/vrrp-ynl.XXXXXX)
	bg_start monitor "$VRRPCTL_BIN" -n "$NS" monitor -j > "$mon"
	# The YNL library's subscriber returns with the del-ntf of VRID 50.
	ktap_diag "+ vrrp_netlink.py subscribe 50 &"
	ip netns exec "$NS" python3 "$HELPER" "$YNL_DIR" "$SPEC" subscribe 50 \
		"$((WAIT_TIMEOUT_MS * 3 / 1000))" > "$ynl_out" 2>&1 &
	pid=$!
	slowwait 60 subscribed "$ynl_out" || fail "the YNL subscriber did not start: $(cat "$ynl_out")"
	vrrpctl "$NS" add eth0 vrid 50 prio 100 interval 100 address 192.0.2.50 ||
		fail "add failed"
	wait_state "$NS" eth0 50 active "$WAIT_TIMEOUT_MS" || fail "vrid 50 not active"
	vrrpctl "$NS" set eth0 vrid 50 prio 90 || fail "set failed"
	vrrpctl "$NS" del eth0 vrid 50 || fail "del failed"
	wait "$pid" || fail "the YNL subscriber failed: $(cat "$ynl_out")"
	busywait "$WAIT_TIMEOUT_MS" monitor_saw_del "$mon" || fail "vrrpctl monitor printed no del"
	bg_stop monitor
	a=$(events_vrrpctl "$mon")
	b=$(tail -n +2 "$ynl_out" | events_ynl /dev/stdin)
	ktap_diag "vrrpctl monitor: $(tr '\n' ';' <<< "$a")"
	ktap_diag "YNL library:     $(tr '\n' ';' <<< "$b")"
	[[ -n "$a" && "$a" == "$b" ]] || fail "the two subscribers saw different events"
	# add, init->backup, backup->active, set, del (with maybe a state
	# event for the deletion itself).
	grep -qx 'change 50 inet prio 100' <<< "$a" || fail "no change event for the add"
	grep -qx 'state 50 inet init->backup startup' <<< "$a" || fail "no init->backup startup event"
	grep -qx 'state 50 inet backup->active active-down' <<< "$a" ||
		fail "no backup->active active-down event"
	grep -qx 'change 50 inet prio 90' <<< "$a" || fail "no change event for the set"
	[[ "$(tail -n 1 <<< "$a")" == "del 50 inet prio 90" ]] || fail "del is not the last event"
	rm -f "$mon" "$ynl_out"
	return 0
}

# REQUESTS: name | op | attributes; EXPECT[name]: errno and extack text
# ("miss:NAME" for a missing attribute, "" for any message).
declare -A EXPECT=()
REQUESTS=()
req() {
	REQUESTS+=("$1|$2|$3")
	EXPECT[$1]=$4
}

vip() {
	printf '[{"addr4": %s}]' "$VIP4_INT"
}

build_requests() {
	local base v i vips peers

	base="\"ifindex\": $IFX, \"vrid\": 20"
	v="\"vip\": $(vip)"
	req vrid_0 add "{\"ifindex\": $IFX, \"vrid\": 0, $v}" "ERANGE integer out of range"
	req vrid_256 add "{\"ifindex\": $IFX, \"vrid\": 256, $v, \"__u32\": [\"vrid\"]}" "EINVAL invalid attribute length"
	req priority_0 add "{$base, \"priority\": 0, $v}" "ERANGE integer out of range"
	req interval_5 add "{$base, \"interval\": 5, $v}" "ERANGE integer out of range"
	req interval_15 add "{$base, \"interval\": 15, $v}" "EINVAL interval must be a multiple of 10 ms"
	req interval_40960 add "{$base, \"interval\": 40960, $v}" "ERANGE a VRRPv3 interval is at most 40950 ms"
	req interval_256000 add "{$base, \"version\": 2, \"interval\": 256000, $v}" "ERANGE integer out of range"
	req version_1 add "{$base, \"version\": 1, $v}" "ERANGE integer out of range"
	req version_4 add "{$base, \"version\": 4, $v}" "ERANGE integer out of range"
	req family_3 add "{$base, \"family\": 3, $v}" "ERANGE integer out of range"
	req checksum_2 add "{$base, \"checksum\": 2, $v}" "ERANGE integer out of range"
	req forward_2 add "{$base, \"forward\": 2, $v}" "ERANGE integer out of range"
	req garp_count_0 add "{$base, \"garp-count\": 0, $v}" "ERANGE integer out of range"
	req preempt_2 add "{$base, \"preempt\": 2, $v}" "ERANGE integer out of range"
	req accept_2 add "{$base, \"accept\": 2, $v}" "ERANGE integer out of range"
	req garp_refresh_50 add "{$base, \"garp-refresh\": 50, $v}" "EINVAL refresh period must be 0 (off) or at least 100 ms"
	req preempt_delay_big add "{$base, \"preempt-delay\": 3600001, $v}" "ERANGE integer out of range"
	req prefixlen_33 add "{$base, \"vip\": [{\"addr4\": $VIP4_INT, \"prefixlen\": 33}]}" "EINVAL IPv4 prefix length must be 0-32"
	req prefixlen_129 add "{$base, \"family\": \"inet6\", \"vip\": [{\"addr6\": \"fe800000000000000000000000000001\", \"prefixlen\": 129}]}" "ERANGE integer out of range"
	req no_ifindex add "{\"vrid\": 20, $v}" "EINVAL miss:ifindex"
	req no_vrid add "{\"ifindex\": $IFX, $v}" "EINVAL miss:vrid"
	req no_vip add "{$base}" "EINVAL at least one virtual address is required"
	req unknown_interface add "{\"ifindex\": 99999, \"vrid\": 20, $v}" "ENODEV no such interface"
	req duplicate_vrid add "{\"ifindex\": $IFX, \"vrid\": 10, $v}" "EEXIST a virtual router with this VRID and family exists on the interface"
	req addr6_in_inet add "{$base, \"vip\": [{\"addr6\": \"fe800000000000000000000000000001\"}]}" "EINVAL an inet router needs IPv4 addresses (addr4)"
	req addr4_in_inet6 add "{$base, \"family\": \"inet6\", $v}" "EINVAL an inet6 router needs IPv6 addresses (addr6)"
	req multicast_vip add "{$base, \"vip\": [{\"addr4\": 3758096402}]}" "EINVAL address must be a unicast address"
	vips=
	for i in $(seq 1 65); do
		vips+="${vips:+, }{\"addr4\": $((3325256704 + i))}"
	done
	req vips_65 add "{$base, \"vip\": [$vips]}" "E2BIG too many virtual addresses for one advertisement"
	peers=
	for i in $(seq 1 17); do
		peers+="${peers:+, }{\"addr4\": $((167772160 + i))}"
	done
	req peers_17 add "{$base, $v, \"peer\": [$peers]}" "E2BIG too many peers"
	req duplicate_vip add "{$base, \"vip\": [{\"addr4\": $VIP4_INT}, {\"addr4\": $VIP4_INT}]}" "EINVAL virtual address given twice"
	req vip_of_other_router add "{$base, \"vip\": [{\"addr4\": 3221225994}, {\"addr4\": $VIP4_INT}]}" "EADDRINUSE virtual address used by another virtual router of the interface"
	req vip_is_interface_address add "{$base, \"vip\": [{\"addr4\": 3221225986}]}" "EADDRINUSE virtual address is an address of the interface: only its owner (priority 255) may use it"
	req set_vip_is_interface_address set "{\"ifindex\": $IFX, \"vrid\": 10, \"vip\": [{\"addr4\": 3221225986}]}" "EADDRINUSE virtual address is an address of the interface"
	req v2_interval_1500 add "{$base, \"version\": 2, \"interval\": 1500, $v}" "EINVAL a VRRPv2 interval is whole seconds"
	req v2_inet6 add "{$base, \"family\": \"inet6\", \"version\": 2, \"vip\": [{\"addr6\": \"fe800000000000000000000000000001\"}]}" "EINVAL VRRPv2 is for IPv4 only"
	req inet6_global_first add "{$base, \"family\": \"inet6\", \"vip\": [{\"addr6\": \"20010db8000000000000000000000001\"}, {\"addr6\": \"fe800000000000000000000000000001\"}]}" "EINVAL the first IPv6 virtual address must be link-local"
	req set_missing set "{\"ifindex\": $IFX, \"vrid\": 99, \"priority\": 10}" "ENOENT no virtual router with this VRID and family on the interface"
	req set_wrong_family set "{\"ifindex\": $IFX, \"vrid\": 10, \"family\": \"inet6\", \"priority\": 10}" "ENOENT no virtual router"
	req set_priority_0 set "{\"ifindex\": $IFX, \"vrid\": 10, \"priority\": 0}" "ERANGE integer out of range"
	req set_interval_15 set "{\"ifindex\": $IFX, \"vrid\": 10, \"interval\": 15}" "EINVAL interval must be a multiple of 10 ms"
	req set_addr6 set "{\"ifindex\": $IFX, \"vrid\": 10, \"vip\": [{\"addr6\": \"fe800000000000000000000000000001\"}]}" "EINVAL an inet router needs IPv4 addresses (addr4)"
	req set_v2_interval set "{\"ifindex\": $IFX, \"vrid\": 10, \"version\": 2}" "EINVAL a VRRPv2 interval is whole seconds"
	req set_no_vrid set "{\"ifindex\": $IFX, \"priority\": 10}" "EINVAL miss:vrid"
	req del_missing del "{\"ifindex\": $IFX, \"vrid\": 99}" "ENOENT no virtual router"
	req del_no_ifindex del "{\"vrid\": 10}" "EINVAL miss:ifindex"
	req get_missing get "{\"ifindex\": $IFX, \"vrid\": 99}" "ENOENT no virtual router"
	req stats_reset_missing stats-reset "{\"ifindex\": $IFX, \"vrid\": 99}" "ENOENT no virtual router"
	req stats_reset_nodev stats-reset "{\"ifindex\": 99999}" "ENODEV no such interface"
}

declare -A RESULT=()

run_requests() {
	local line name

	ktap_diag "+ vrrp_netlink.py requests (${#REQUESTS[@]} requests through the ynl library)"
	while IFS= read -r line; do
		[[ "$line" == \{* ]] || { ktap_diag "ynl: $line"; continue; }
		name=$(jq -r .name <<< "$line")
		RESULT[$name]=$line
	done < <(printf '%s\n' "${REQUESTS[@]}" |
		ip netns exec "$NS" python3 "$HELPER" "$YNL_DIR" "$SPEC" requests 2>&1)
}

declare -A ERRNO=([EINVAL]=22 [ENOENT]=2 [ENODEV]=19 [EEXIST]=17 [E2BIG]=7 [EPERM]=1 [ERANGE]=34
		  [EADDRINUSE]=98)

# test_case reject_NAME: the row NAME of REQUESTS. The requests go to the
# kernel in one run of the helper, before the first of them is checked.
REQUESTS_RUN=0
test_case() {
	if ((!REQUESTS_RUN)); then
		REQUESTS_RUN=1
		run_requests
	fi
	check_reject "${1#reject_}"
}

# Kernels before 6.1 have no missing-attribute field in the extack
# (NLMSGERR_ATTR_MISS_TYPE, with GENL_REQ_ATTR_CHECK: 6.1-rc1).
OLD_EXTACK=
[[ "$(printf '%s\n' 6.1 "$(uname -r)" | sort -V | head -n 1)" == 6.1 ]] || OLD_EXTACK=1

# check_reject NAME: the request was refused with the expected errno and
# extended ACK, and the dump did not change.
check_reject() {
	local name=$1 want=${EXPECT[$1]} res errno msg miss unchanged sym text

	res=${RESULT[$name]:-}
	[[ -n "$res" ]] || { fail "no result (the helper failed)"; return; }
	ktap_diag "$res"
	read -r errno miss unchanged < <(jq -r '"\(.errno) \(.miss) \(.unchanged)"' <<< "$res")
	msg=$(jq -r .msg <<< "$res")
	sym=${want%% *}
	text=${want#"$sym"}
	text=${text# }
	[[ "$errno" == "${ERRNO[$sym]}" ]] || fail "errno $errno, expected $sym (${ERRNO[$sym]})"
	if [[ "$text" == miss:* && "$miss" == null && -n "$OLD_EXTACK" ]]; then
		# Before 6.1 the extack has no missing-attribute field (unless
		# backported: then the branch below); the module says so in a
		# message instead (kernel/compat.h).
		[[ "$msg" == "missing attribute" ]] ||
			fail "extack '$msg', expected 'missing attribute' (kernel $(uname -r))"
	elif [[ "$text" == miss:* ]]; then
		[[ "$miss" == "${text#miss:}" ]] || fail "extack missing-attribute $miss, expected ${text#miss:}"
	elif [[ -n "$text" ]]; then
		[[ "$msg" == *"$text"* ]] || fail "extack '$msg', expected '$text'"
	else
		[[ -n "$msg" || "$(jq -r .bad <<< "$res")" == true ]] ||
			fail "no extended ACK"
	fi
	[[ "$unchanged" == true ]] || fail "the configuration changed"
	return 0
}

# as_nobody NS CMD...: run without privileges in NS.
as_nobody() {
	local ns=$1
	shift

	log_cmd ip netns exec "$ns" setpriv --reuid=65534 --regid=65534 \
		--clear-groups --inh-caps=-all --bounding-set=-all "$@"
}

test_unprivileged_vrrpctl() {
	local before after out rc c

	before=$(vrrpctl_view "$NS")
	for c in "add eth0 vrid 30 address 192.0.2.30" "set eth0 vrid 10 prio 50" \
		 "del eth0 vrid 10" "stats reset" "stats reset eth0 vrid 10" "flush"; do
		# shellcheck disable=SC2086 # c is a command line
		out=$(as_nobody "$NS" "$VRRPCTL_BIN" $c 2>&1)
		rc=$?
		ktap_diag "  exit $rc: $out"
		[[ $rc -eq 1 && "$out" == *"Operation not permitted"* ]] ||
			fail "unprivileged '$c': exit $rc, expected 1 with EPERM"
	done
	out=$(as_nobody "$NS" "$VRRPCTL_BIN" -j show) ||
		fail "unprivileged show failed: $out"
	[[ "$out" == *'"vrid":10'* ]] || fail "unprivileged show does not list vrid 10"
	as_nobody "$NS" "$VRRPCTL_BIN" stats net > /dev/null ||
		fail "unprivileged stats net failed"
	after=$(vrrpctl_view "$NS")
	[[ "$before" == "$after" ]] || fail "configuration changed"
	return 0
}

test_unprivileged_ynl() {
	local out rc

	out=$(as_nobody "$NS" python3 "$YNL_DIR/cli.py" --spec "$SPEC" --do add \
		--json "{\"ifindex\": $IFX, \"vrid\": 30, \"vip\": $(vip)}" 2>&1)
	rc=$?
	ktap_diag "  exit $rc: $out"
	[[ $rc -ne 0 && "$out" == *"Operation not permitted"* ]] ||
		fail "unprivileged cli.py add: expected EPERM"
	out=$(as_nobody "$NS" python3 "$YNL_DIR/cli.py" --spec "$SPEC" --dump get 2>&1) ||
		fail "unprivileged cli.py dump failed: $out"
	return 0
}

# Root of a user namespace is not root of the netns of another one...
test_unprivileged_userns() {
	local out rc

	out=$(log_cmd ip netns exec "$NS" setpriv --reuid=65534 --regid=65534 \
		--clear-groups unshare -U -r "$VRRPCTL_BIN" del eth0 vrid 10 2>&1)
	rc=$?
	ktap_diag "  exit $rc: $out"
	[[ $rc -eq 1 && "$out" == *"Operation not permitted"* ]] ||
		fail "userns root del in a foreign netns: expected EPERM"
	# ...but is admin of a netns its user namespace owns.
	out=$(log_cmd setpriv --reuid=65534 --regid=65534 --clear-groups \
		unshare -U -r -n sh -c "ip link add d0 type dummy && ip link set d0 up &&
			'$VRRPCTL_BIN' add d0 vrid 1 address 192.0.2.1 &&
			'$VRRPCTL_BIN' set d0 vrid 1 prio 10 &&
			'$VRRPCTL_BIN' -j show && '$VRRPCTL_BIN' del d0 vrid 1" 2>&1)
	rc=$?
	ktap_diag "  exit $rc: $out"
	[[ $rc -eq 0 && "$out" == *'"priority":10'* ]] ||
		fail "userns root cannot add/set/del in its own netns"
	return 0
}

stat_of() {
	vr_stat "$NS" eth0 "$1" sent_advertisements
}

# sent_gt N VRID...: each VRID has sent more than N advertisements.
sent_gt() {
	local n=$1 v
	shift

	for v in "$@"; do
		[[ $(stat_of "$v") -gt $n ]] || return 1
	done
}

vrid_errors_gt() {
	[[ $("$VRRPCTL_BIN" -n "$NS" -j stats net | jq .vrid_errors) -gt $1 ]]
}

# Counters only grow while routers run: a reset shows as a smaller value
# than the one read just before it.
test_stats_reset() {
	local d0 d1 s10 s11

	vrrpctl "$NS" add eth0 vrid 11 interval 50 address 192.0.2.11 ||
		fail "add vrid 11"
	busywait "$WAIT_TIMEOUT_MS" sent_gt 60 10 11 ||
		fail "no advertisements counted"
	d0=$(vr_stat "$NS" eth0 10 discontinuity_time)
	s10=$(stat_of 10)
	s11=$(stat_of 11)
	vrrpctl "$NS" stats reset eth0 vrid 10 || fail "stats reset eth0 vrid 10"
	[[ $(stat_of 10) -lt $s10 ]] || fail "vrid 10 counters not reset"
	[[ $(stat_of 11) -ge $s11 ]] || fail "vrid 11 counters reset too"
	d1=$(vr_stat "$NS" eth0 10 discontinuity_time)
	[[ $d1 -gt $d0 ]] || fail "discontinuity_time did not move ($d0 -> $d1)"
	busywait "$WAIT_TIMEOUT_MS" sent_gt 60 10
	s10=$(stat_of 10)
	s11=$(stat_of 11)
	vrrpctl "$NS" stats reset eth0 || fail "stats reset eth0"
	[[ $(stat_of 10) -lt $s10 && $(stat_of 11) -lt $s11 ]] ||
		fail "interface counters not reset"
	vrrpctl "$NS" del eth0 vrid 11 || fail "del vrid 11"
	return 0
}

# Another namespace's routers are invisible and out of reach: dumps, gets,
# deletes and events of one namespace never show or touch the other's.
test_netns_isolation() {
	local mon j n

	mon=$(mktemp /tmp/vrrp-mon.XXXXXX)
	bg_start iso_mon "$VRRPCTL_BIN" -n "$NS" monitor -j > "$mon"
	vrrpctl "$NS2" add peer0 vrid 78 interval 1000 address 192.0.2.78 ||
		fail "add on peer0 in $NS2"
	busywait "$WAIT_TIMEOUT_MS" state_is "$NS2" peer0 78 active ||
		fail "the router of $NS2 did not become active"
	# A router of our own afterwards: once its event is seen, any event
	# of NS2's router would have been seen before it.
	vrrpctl "$NS" add eth0 vrid 79 interval 1000 address 192.0.2.79 ||
		fail "add on eth0 in $NS"
	busywait "$WAIT_TIMEOUT_MS" grep -q '"vrid": *79' "$mon" ||
		fail "monitor in $NS did not see its own router"
	bg_stop iso_mon
	ktap_diag "monitor in $NS: $(tr '\n' ';' < "$mon")"
	grep -q '"vrid": *78' "$mon" && fail "monitor in $NS saw $NS2's router"
	rm -f "$mon"
	j=$("$VRRPCTL_BIN" -n "$NS" -j show)
	n=$(jq '[.[] | select(.vrid == 78)] | length' <<< "$j")
	[[ "$n" == 0 ]] || fail "a dump in $NS lists $NS2's router"
	j=$("$VRRPCTL_BIN" -n "$NS2" -j show)
	n=$(jq '[.[] | select(.vrid == 79)] | length' <<< "$j")
	[[ "$n" == 0 ]] || fail "a dump in $NS2 lists $NS's router"
	# peer0 does not exist in NS: the name does not resolve there, and
	# neither does its index.
	"$VRRPCTL_BIN" -n "$NS" del peer0 vrid 78 2>/dev/null &&
		fail "del of $NS2's router from $NS succeeded"
	ynl "$NS" --do del --json "{\"ifindex\": $(ifindex "$NS2" peer0), \"vrid\": 78, \"family\": \"inet\"}" \
		2>/dev/null && fail "del by $NS2's ifindex from $NS succeeded"
	state_is "$NS2" peer0 78 active || fail "$NS2's router was touched"
	vrrpctl "$NS2" del peer0 vrid 78
	vrrpctl "$NS" del eth0 vrid 79
	return 0
}

test_net_stats() {
	local j v

	# An advertisement for a VRID nobody runs here, from the other end
	# of eth0 (another namespace: a local source would be a martian).
	vrrpctl "$NS2" add peer0 vrid 77 interval 50 address 192.0.2.77 ||
		fail "add on peer0"
	busywait "$WAIT_TIMEOUT_MS" vrid_errors_gt 0 ||
		fail "vrid_errors did not count the advertisements of vrid 77"
	vrrpctl "$NS2" del peer0 vrid 77
	run "$VRRPCTL_BIN" -n "$NS" stats net
	ynl "$NS" --do net-stats-get --json '{}' || fail "cli.py net-stats-get failed"
	vrrpctl "$NS" stats reset || fail "stats reset (all)"
	j=$("$VRRPCTL_BIN" -n "$NS" -j stats net)
	ktap_diag "$j"
	v=$(jq .vrid_errors <<< "$j")
	[[ "$v" -lt 3 ]] || fail "vrid_errors $v after a reset of everything"
	return 0
}

##############################################################################
# Two routers on a bridge: set without a flap, and a failover.

topo2() {
	local r n=2

	setup_ns SW A B || return
	run ip -n "$SW" link add br0 type bridge mcast_snooping 0 || return
	for r in A B; do
		run ip -n "$SW" link add "p$r" type veth peer name eth0 netns "${!r}" || return
		run ip -n "$SW" link set "p$r" master br0 up || return
		run ip -n "${!r}" addr add "192.0.2.$n/24" dev eth0 || return
		run ip -n "${!r}" link set eth0 up || return
		n=$((n + 1))
	done
	run ip -n "$SW" link set br0 up || return
	vrrpctl "$A" add eth0 vrid 10 prio 200 interval 100 address "$VIP4/24" || return
	wait_state "$A" eth0 10 active "$WAIT_TIMEOUT_MS" || return
	vrrpctl "$B" add eth0 vrid 10 prio 100 interval 100 address "$VIP4/24" || return
	if ! wait_state "$B" eth0 10 backup "$WAIT_TIMEOUT_MS"; then
		run "$VRRPCTL_BIN" -n "$A" -s -d show
		run "$VRRPCTL_BIN" -n "$B" -s -d show
		run ip -n "$SW" -s link show
		run ip -n "$B" maddr show dev eth0
		return 1
	fi
}

# in_order FILE REGEX...: each REGEX matches a line of FILE after the line
# the previous one matched.
in_order() {
	local f=$1 from=0 n
	shift

	for re in "$@"; do
		n=$(tail -n "+$((from + 1))" "$f" | grep -n -m1 -E -- "$re" | cut -d: -f1)
		[[ -n "$n" ]] || return 1
		from=$((from + n))
	done
}

test_set_no_flap() {
	local ma mb

	topo2 || { fail "topology"; return; }
	# Intervals of 1 s and more: a Backup that learnt 100 ms takes over
	# when the guest stalls for 361 ms, which a loaded TCG host (the RT
	# kernel's threaded timers most of all) does now and then, and that
	# is not what this test is about.
	vrrpctl "$A" set eth0 vrid 10 interval 1000 || fail "set interval 1000"
	busywait "$WAIT_TIMEOUT_MS" vr_field_is "$B" eth0 10 .active_interval 1000 ||
		fail "the Backup did not learn the interval 1000"
	ma=$(mktemp /tmp/vrrp-ma.XXXXXX)
	mb=$(mktemp /tmp/vrrp-mb.XXXXXX)
	bg_start mon_a "$VRRPCTL_BIN" -n "$A" monitor -t > "$ma"
	bg_start mon_b "$VRRPCTL_BIN" -n "$B" monitor > "$mb"
	nap 1
	vrrpctl "$A" set eth0 vrid 10 prio 250 interval 3000 address "$VIP4/24" \
		address 192.0.2.9/24 || fail "set on the Active router failed"
	busywait "$WAIT_TIMEOUT_MS" vr_field_is "$B" eth0 10 .active_interval 3000 ||
		fail "the Backup did not learn the interval 3000"
	busywait "$WAIT_TIMEOUT_MS" in_order "$ma" 'change eth0 vrid 10 inet state active .*prio 250 interval 3000ms.*address 192.0.2.9/24' ||
		fail "no change event on A"
	vrrpctl "$A" set eth0 vrid 10 interval 1000 || fail "set interval back"
	busywait "$WAIT_TIMEOUT_MS" vr_field_is "$B" eth0 10 .active_interval 1000 ||
		fail "the Backup did not learn the interval 1000"
	nap 1
	# Silence proves nothing from a monitor that is gone.
	kill -0 "${BG_PIDS[mon_a]}" 2>/dev/null || fail "A's monitor died"
	kill -0 "${BG_PIDS[mon_b]}" 2>/dev/null || fail "B's monitor died"
	bg_stop mon_a
	bg_stop mon_b
	ktap_diag "monitor A: $(tr '\n' ';' < "$ma")"
	ktap_diag "monitor B: $(tr '\n' ';' < "$mb")"
	grep -q '^[0-9T:.+-]* state' "$ma" && fail "state event on A after set"
	grep -q '^state' "$mb" && fail "state event on B after set"
	state_is "$A" eth0 10 active || fail "A is no longer active"
	state_is "$B" eth0 10 backup || fail "B is no longer backup"
	rm -f "$ma" "$mb"
	# The next tests expect topo2's 100 ms.
	vrrpctl "$A" set eth0 vrid 10 interval 100 || fail "set interval 100"
	busywait "$WAIT_TIMEOUT_MS" vr_field_is "$B" eth0 10 .active_interval 100 ||
		fail "the Backup did not learn the interval 100"
	return 0
}

# no_stall_pairs: monitor lines without each backup -> active
# (active-down) line directly followed by active -> backup
# (higher-priority) of the same router: what a stalled guest adds.
no_stall_pairs() {
	awk '
		/ backup -> active reason active-down$/ {
			if (held != "")
				print held
			held = $0
			next
		}
		held != "" {
			if ($0 ~ / active -> backup reason higher-priority$/) {
				held = ""
				next
			}
			print held
			held = ""
		}
		{ print }
		END { if (held != "") print held }'
}

test_failover_events() {
	local ma mb

	if ! state_is "$A" eth0 10 active || ! state_is "$B" eth0 10 backup; then
		fail "not A active, B backup"
		return
	fi
	ma=$(mktemp /tmp/vrrp-ma.XXXXXX)
	mb=$(mktemp /tmp/vrrp-mb.XXXXXX)
	bg_start mon_a "$VRRPCTL_BIN" -n "$A" monitor > "$ma"
	bg_start mon_b "$VRRPCTL_BIN" -n "$B" monitor -t > "$mb"
	nap 1
	# A loses its link (carrier): B hears nothing and takes over.
	run ip -n "$SW" link set pA down
	busywait "$WAIT_TIMEOUT_MS" in_order "$mb" \
		'state eth0 vrid 10 inet backup -> active reason active-down$' ||
		fail "B: no backup -> active (active-down) event"
	busywait "$WAIT_TIMEOUT_MS" in_order "$ma" \
		'^state eth0 vrid 10 inet active -> init reason link-down$' ||
		fail "A: no active -> init (link-down) event"
	# A comes back and preempts.
	run ip -n "$SW" link set pA up
	busywait "$WAIT_TIMEOUT_MS" in_order "$ma" \
		'^state eth0 vrid 10 inet active -> init reason link-down$' \
		'^state eth0 vrid 10 inet init -> backup reason startup$' \
		'^state eth0 vrid 10 inet backup -> active reason preempted$' ||
		fail "A: not init -> backup -> active (preempted) in order"
	busywait "$WAIT_TIMEOUT_MS" in_order "$mb" \
		'state eth0 vrid 10 inet backup -> active reason active-down$' \
		'state eth0 vrid 10 inet active -> backup reason higher-priority$' ||
		fail "B: not backup -> active -> backup (higher-priority) in order"
	bg_stop mon_a
	bg_stop mon_b
	ktap_diag "monitor A: $(tr '\n' ';' < "$ma")"
	ktap_diag "monitor B: $(tr '\n' ';' < "$mb")"
	# -t: every line of B starts with a timestamp.
	grep -vqE '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+[+-][0-9]{4} state ' "$mb" &&
		fail "monitor -t line without a timestamp"
	# A host stall longer than Active_Down_Interval (TCG on a loaded
	# host) may add a backup -> active (active-down) -> backup
	# (higher-priority) pair; without those pairs A has exactly its 3
	# events above and B (whose 2 events are such a pair) none.
	[[ $(no_stall_pairs < "$ma" | grep -c .) -eq 3 ]] ||
		fail "A saw other events than the 3 expected: $(tr '\n' ';' < "$ma")"
	[[ -z "$(no_stall_pairs < "$mb")" ]] ||
		fail "B saw other events than the 2 expected: $(tr '\n' ';' < "$mb")"
	wait_state "$A" eth0 10 active "$WAIT_TIMEOUT_MS" || fail "A not active at the end"
	wait_state "$B" eth0 10 backup "$WAIT_TIMEOUT_MS" || fail "B not backup at the end"
	tail -n 1 "$mb" | grep -q 'active -> backup reason higher-priority$' ||
		fail "B's last event is not active -> backup"
	tail -n 1 "$ma" | grep -q 'backup -> active reason preempted$' ||
		fail "A's last event is not backup -> active (preempted)"
	rm -f "$ma" "$mb"
	return 0
}

count_in() {
	"$VRRPCTL_BIN" -n "$1" -j show ${2:+"$2"} | jq length
}

test_flush_dev() {
	vrrpctl "$NS" add dummy0 vrid 12 address 192.0.2.12 || fail "add dummy0 vrid 12"
	vrrpctl "$NS" add dummy0 vrid 13 address fe80::13 || fail "add dummy0 vrid 13 inet6"
	vrrpctl "$NS" add eth0 vrid 13 address 192.0.2.13 || fail "add eth0 vrid 13"
	[[ $(count_in "$NS" dummy0) -eq 2 ]] || fail "expected 2 routers on dummy0"
	vrrpctl "$NS" flush dummy0 || fail "flush dummy0 failed"
	[[ $(count_in "$NS" dummy0) -eq 0 ]] || fail "routers left on dummy0"
	[[ $(count_in "$NS" eth0) -ge 2 ]] || fail "flush dummy0 deleted routers of eth0"
	# del without family finds the one router of a VRID...
	vrrpctl "$NS" add eth0 vrid 14 address fe80::14 || fail "add eth0 vrid 14 inet6"
	vrrpctl "$NS" set eth0 vrid 14 prio 33 || fail "set without family (inet6 only)"
	vr_field_is "$NS" eth0 14 .priority 33 || fail "set did not reach the inet6 router"
	vrrpctl "$NS" del eth0 vrid 14 || fail "del without family (inet6 only)"
	# ...and asks when there are two.
	vrrpctl "$NS" add eth0 vrid 13 address fe80::13 || fail "add eth0 vrid 13 inet6"
	log_cmd "$VRRPCTL_BIN" -n "$NS" del eth0 vrid 13 2>&1 | grep -q 'exists as inet and inet6' ||
		fail "del of an ambiguous VRID did not ask for the family"
	vrrpctl "$NS" del eth0 vrid 13 family inet6 || fail "del family inet6"
	[[ "$(vr_field "$NS" eth0 13 .family)" == inet ]] || fail "wrong router deleted"
	return 0
}

test_flush_all() {
	vrrpctl "$NS" flush || fail "flush failed"
	[[ $(count_in "$NS") -eq 0 ]] || fail "routers left after flush"
	[[ $(count_in "$A") -eq 1 && $(count_in "$B") -eq 1 ]] ||
		fail "flush in one namespace touched another"
	vrrpctl "$NS" flush || fail "flush of nothing failed"
	return 0
}

test_batch() {
	local f out rc

	f=$(mktemp /tmp/vrrp-batch.XXXXXX)
	cat > "$f" <<-EOB
	# routers for the batch test

	add eth0 vrid 60 prio 150 interval 200 address 192.0.2.60/24
	add eth0 vrid 61 address fe80::61 address 2001:db8::61/64 peer fe80::62
	set eth0 vrid 60 prio 160   # trailing comment
	del eth0 vrid 99
	add eth0 vrid 62 address 192.0.2.62
	EOB
	out=$(log_cmd "$VRRPCTL_BIN" -n "$NS" -batch "$f" 2>&1)
	rc=$?
	ktap_diag "  exit $rc: $out"
	[[ $rc -eq 1 && "$out" == "vrrpctl: $f:6: del eth0 vrid 99: No such file or directory"* ]] ||
		fail "batch: expected exit 1 and the error of line 6"
	vr_field_is "$NS" eth0 60 .priority 160 || fail "lines 3 and 5 not applied"
	vr_field_is "$NS" eth0 61 .family inet6 || fail "line 4 not applied"
	[[ -z "$(vr_json "$NS" eth0 62)" ]] || fail "line 7 ran after the error"
	# A usage error names its line too; -force goes on.
	printf 'set eth0 vrid 60 prio high\nadd eth0 vrid 62 address 192.0.2.62\n' > "$f"
	out=$(log_cmd "$VRRPCTL_BIN" -n "$NS" -force -b "$f" 2>&1)
	rc=$?
	ktap_diag "  exit $rc: $out"
	[[ $rc -eq 1 && "$out" == *"vrrpctl: $f:1: invalid priority \"high\""* ]] ||
		fail "batch -force: expected exit 1 and the error of line 1"
	[[ -n "$(vr_json "$NS" eth0 62)" ]] || fail "-force did not run line 2"
	printf 'flush eth0\n' | log_cmd "$VRRPCTL_BIN" -n "$NS" -batch - ||
		fail "batch from stdin failed"
	rm -f "$f"
	return 0
}

##############################################################################

require_root
require_cmd ip jq python3 setpriv unshare
require_vrrp
lib_init
[[ -f "$YNL_DIR/cli.py" ]] || { ktap_header; ktap_skip_all "no $YNL_DIR/cli.py"; }
python3 -c 'import yaml, jsonschema' 2>/dev/null ||
	{ ktap_header; ktap_skip_all "python3-yaml or python3-jsonschema missing"; }

# cli.py looks for the schema at <spec dir>/../genetlink-legacy.yaml.
TREE=$(mktemp -d /tmp/vrrp-ynl.XXXXXX)
mkdir -p "$TREE/Documentation/netlink/specs"
cp "$REPO/Documentation/netlink/specs/vrrp.yaml" "$TREE/Documentation/netlink/specs/"
cp "$KSRC"/Documentation/netlink/genetlink*.yaml "$TREE/Documentation/netlink/"
SPEC=$TREE/Documentation/netlink/specs/vrrp.yaml
# Readable for the unprivileged runs too.
chmod -R a+rX "$TREE"

setup_ns NS NS2 || exit $KSFT_FAIL
run ip -n "$NS" link add eth0 type veth peer name peer0 netns "$NS2"
run ip -n "$NS" addr add 192.0.2.2/24 dev eth0
run ip -n "$NS" link set eth0 up
run ip -n "$NS2" addr add 192.0.2.3/24 dev peer0
run ip -n "$NS2" link set peer0 up
run ip -n "$NS" link add dummy0 type dummy
run ip -n "$NS" link set dummy0 up
IFX=$(ifindex "$NS" eth0)

build_requests

# The reject_* tests are the rows of REQUESTS.
ALL_TESTS="
	ynl_add_shows_in_vrrpctl
	ynl_set_del
	events_agree
	$(printf 'reject_%s\n' "${REQUESTS[@]%%|*}")
	unprivileged_vrrpctl
	unprivileged_ynl
	unprivileged_userns
	stats_reset
	net_stats
	netns_isolation
	set_no_flap
	failover_events
	flush_dev
	flush_all
	batch
"

ktap_header
tests_plan
ktap_diag "kernel $(uname -r), vrrpctl $VRRPCTL_BIN, ynl $YNL_DIR"
tests_run
ktap_finish
