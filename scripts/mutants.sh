#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Mutation testing of the selftests: build the module with one deliberate
# defect at a time and run the selftests that should catch it, in the
# qemu VM on the stock 6.12 kernel. A mutant is killed when a test fails
# (or the VM run fails); it survives when everything passes, which means a
# test is missing. A baseline (no defect) runs the union of the
# selections first: it must pass, or no verdict means anything.
#
#   scripts/mutants.sh [NAME...]      all mutants, or those named
#   scripts/mutants.sh --list         the table
#   scripts/mutants.sh --check        each substitution still applies
#
# Environment: KVER (default: scripts/deps.sh --kver-newest, the stock
# 6.12 kernel), VM_JOBS (VMs at once, default 2), OUT (default out/mutants).
# Writes OUT/results.md, a table to copy into Documentation/mutants.rst.
# Exit status: 0 when the baseline passed and every mutant was killed.
#
# The stale-timer race is left to KUnit (kernel/tests/fsm_kunit.c, on the
# debug kernel): no selftest can time it. Each mutant is one perl
# substitution on one file of kernel/, which must
# change that file exactly once (a mutant that no longer applies is an
# error, not a survivor), and the scripts to run as SCRIPT[:TEST,TEST].

set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1

# NAME ~ FILE ~ PERL SUBSTITUTION ~ SCRIPT[:TESTS] ...
MUTANTS=$(cat <<'EOF'
skew_doubled~kernel/proto.h~s/return \(256 - priority\) \* cs \* 625 \/ 16;/return 2 * (256 - priority) * cs * 625 \/ 16;/~vrrp_failover.sh:election,failover_admin_down,del_sends_priority0
adi_long~kernel/proto.h~s/return 3 \* vrrp_cs_to_us\(adver_cs\) \+/return 4 * vrrp_cs_to_us(adver_cs) +/~vrrp_failover.sh:election,failover_carrier
adi_short~kernel/proto.h~s/return 3 \* vrrp_cs_to_us\(adver_cs\) \+/return 2 * vrrp_cs_to_us(adver_cs) +/~vrrp_failover.sh:election,failover_carrier
down_at_ignored~kernel/fsm.c~s/if \(r->down_at && ktime_before/if (0 \&\& ktime_before/~vrrp_failover.sh:election,failover_carrier
no_interval_learning~kernel/fsm.c~s/(if \(r->p.version == 3\)\n\t\tr->active_adver_cs = adver_cs;)/if (0)\n\t\tr->active_adver_cs = adver_cs;/~vrrp_failover.sh:election,del_sends_priority0 vrrp_election.sh:interval_learning
prio0_ignored~kernel/fsm.c~s/return VRRP_ACT_SKEW;/return VRRP_ACT_FOLLOW;/~vrrp_failover.sh:election,failover_admin_down
tiebreak_reversed~kernel/fsm.c~s/return vrrp_fsm_addr_cmp\(r, saddr, &ours\) > 0;/return vrrp_fsm_addr_cmp(r, saddr, &ours) < 0;/~vrrp_election.sh:tie_break
preempt_ignored~kernel/fsm.c~s/if \(!r->p.preempt \|\| r->group_held\)/if (r->group_held)/~vrrp_election.sh:preempt_off
preempt_delay_ignored~kernel/fsm.c~s/return !r->p.preempt_delay_ms \|\|/return 1 ||/~vrrp_election.sh:preempt_delay
owner_not_active_at_once~kernel/fsm.c~s/if \(r->p.priority == VRRP_PRIO_OWNER\) \{\n\t\tvrrp_fsm_become_active/if (0) {\n\t\tvrrp_fsm_become_active/~vrrp_election.sh:owner
accept_ignored~kernel/arp_nd.c~s/accept = active \&\& \(READ_ONCE\(r->p.accept\) \|\|/accept = active \&\& (false \&\&/~vrrp_accept.sh:accept_mode,no_accept_drops
vmac_on_backup~kernel/arp_nd.c~s/return vrrp_is_active\(r\) \|\| vrrp_forwards_as_backup\(r\) \|\|/return READ_ONCE(r->state) != VRRP_STATE_INIT || vrrp_forwards_as_backup(r) ||/~vrrp_failover.sh:election,client_reaches_server vrrp_rtnl.sh:backup_filter vrrp_forward.sh:flood_active
ttl_unchecked~kernel/rx.c~s/if \(ra->ttl != VRRP_TTL\)/if (0)/~vrrp_hostile.sh
checksum_unchecked~kernel/rx.c~s/if \(!vrrp_rx_csum_ok\(r, vh, len, ra\)\)/if (0)/~vrrp_hostile.sh
v2_addrlist_unchecked~kernel/rx.c~s/if \(version == 2 && vh->priority != VRRP_PRIO_OWNER\)/if (0)/~vrrp_hostile.sh
answer_rate_unlimited~kernel/fsm.c~s/if \(since >= VRRP_ASSERT_MIN_MS\) \{/if (1) {/~vrrp_hostile.sh
garp_count_plus_one~kernel/fsm.c~s/(vrrp_fsm_set_state\(r, VRRP_STATE_ACTIVE, reason, out\);\n\tout->advert = !r->anycast;\n\tr->garp_left = r->p.garp_count);/$1 + 1;/~vrrp_garp.sh:garp_v4,garp_na_v6
group_hold_ignored~kernel/fsm.c~s/if \(!r->p.preempt \|\| r->group_held\)/if (!r->p.preempt)/~vrrp_ops.sh:sync_group_fault,sync_group_demote
arp_unanswered~kernel/arp_nd.c~s/if \(!vrrp_is_active\(r\)\)\n\t\treturn NF_DROP;\n\tether_addr_copy\(sha/if (1)\n\t\treturn NF_DROP;\n\tether_addr_copy(sha/~vrrp_accept.sh:no_accept_drops vrrp_garp.sh:no_real_mac
owner_not_discarding~kernel/rx.c~s/if \(r->p.priority == VRRP_PRIO_OWNER && !vrrp_is_draining\(r\)\)\n\t\treturn VRRP_DROP_OWNER;/if (0)\n\t\treturn VRRP_DROP_OWNER;/~vrrp_state.sh:owner_preempts
no_address_stays_active~kernel/fsm.c~s/(case VRRP_STATE_ACTIVE:\n\t\t\/\* RFC 9568 6.4.3: the Adver_Timer fired. \*\/\n\t\tif \()!vrrp_fsm_can_send\(r\)/$1 0/~vrrp_state.sh:no_address_inet
snm_on_backup~kernel/port.c~s/bool join = !r->dead && vrrp_is_active\(r\);/bool join = !r->dead;/~vrrp_snoop.sh
group_sync_silent~kernel/track.c~s/if \(m != r\)\n\t\t\tvrrp_fsm_group_event/if (0)\n\t\t\tvrrp_fsm_group_event/~vrrp_ops.sh:sync_group_demote
no_drain~kernel/fsm.c~s/if \(how == VRRP_STOP_ANNOUNCE\)\n\t\t\tvrrp_fsm_drain\(r\);/if (0)\n\t\t\tvrrp_fsm_drain(r);/~vrrp_handover.sh:del,fault
track_by_index~kernel/track.c~s/\} else if \(!ifindex && named && event != NETDEV_UNREGISTER\) \{/} else if (0) {/~vrrp_ops.sh:track_link_down,track_by_name
backup_event_not_sent~kernel/fsm.c~s/if \(out->notify\)\n/if (out->notify \&\& r->state != VRRP_STATE_BACKUP)\n/~vrrp_netlink.sh:events_agree,failover_events
check_never_expires~kernel/track.c~s/if \(!it->expiring\)\n\t\treturn false;/if (1)\n\t\treturn false;/~vrrp_check.sh:ttl_expiry
report_ttl_ignored~kernel/track.c~s/ttl_ms = ttl_ms \?: it->ttl_ms;/ttl_ms = it->ttl_ms;/~vrrp_check.sh:ttl_expiry,report_ttl
drain_ends_at_deadline~kernel/drain.c~s/\tvrrp_drain_requeue\(r\);\n/\tif (0)\n\t\tvrrp_drain_requeue(r);\n/~vrrp_handover.sh:del
forward_any_ignored~kernel/arp_nd.c~s/return vrrp_is_active\(r\) \|\| vrrp_forwards_as_backup\(r\) \|\|/return vrrp_is_active(r) || 0 ||/~vrrp_forward.sh:flood_any,carrier_any
icmp6_vip_forwarded~kernel/arp_nd.c~s/\(ip6h->nexthdr != IPPROTO_ICMPV6 \|\| !active\)/ip6h->nexthdr != IPPROTO_ICMPV6/~vrrp_forward.sh:vip_not_forwarded
anycast_advertises~kernel/fsm.c~s/(vrrp_fsm_set_state\(r, VRRP_STATE_ACTIVE, reason, out\);\n\tout->advert = )!r->anycast;/${1}true;/~vrrp_anycast.sh:both_active
anycast_mac_unknown~kernel/arp_nd.c~s/PACKET_OTHERHOST \&\& READ_ONCE\(port->nmacs\)/PACKET_OTHERHOST \&\& 0/~vrrp_anycast.sh:custom_mac
anycast_conflict_obeyed~kernel/rx.c~s/if \(r->anycast\)\n\t\treturn VRRP_DROP_ANYCAST;/if (0)\n\t\treturn VRRP_DROP_ANYCAST;/~vrrp_anycast.sh:conflict
refresh_sends_event~kernel/track.c~s/changed = it->up != up \|\| it->expired;/changed = true;/~vrrp_check.sh:ttl_expiry,refresh
EOF
)

log() { echo "mutants: $*" >&2; }

if [[ "${1:-}" == --list ]]; then
	awk -F'~' '{ printf "%-26s %-16s %s\n", $1, $2, $4 }' <<< "$MUTANTS"
	exit 0
fi

# --check: every substitution still applies exactly once, and every
# script and test it names exists (make check runs this, so that the
# table follows the code).
if [[ "${1:-}" == --check ]]; then
	rc=0
	tmp=$(mktemp)
	while IFS='~' read -r n f e sels; do
		cp "$f" "$tmp"
		if ! MUT_E=$e perl -0pi -e 'my $n = eval "\$_ =~ $ENV{MUT_E}";
			die "applied $n times\n" if $n != 1' "$tmp" 2>/dev/null; then
			echo "mutant $n: the substitution no longer applies to $f"
			rc=1
		fi
		for s in $sels; do
			sc=selftests/${s%%:*}
			if [[ ! -f "$sc" ]]; then
				echo "mutant $n: no script $sc"
				rc=1
				continue
			fi
			[[ "$s" == *:* ]] || continue
			all=$(sed -n '/^ALL_TESTS="/,/^"$/p' "$sc" | tr -s '\t\n' '  ')
			tl=${s#*:}
			for t in ${tl//,/ }; do
				[[ "$all " == *" $t "* ]] ||
					{ echo "mutant $n: $sc has no test $t"; rc=1; }
			done
		done
	done <<< "$MUTANTS"
	rm -f "$tmp"
	[[ $rc -eq 0 ]] && echo "$(wc -l <<< "$MUTANTS") mutants apply"
	exit "$rc"
fi

KVER=${KVER:-$(scripts/deps.sh --kver-newest)}
OUT=${OUT:-$top/out/mutants}
VM_JOBS=${VM_JOBS:-2}
KDIR=/lib/modules/$KVER/build
[[ -d "$KDIR" ]] || { log "no headers for $KVER (scripts/deps.sh)"; exit 1; }
make tool > /dev/null || { log "vrrpctl does not build"; exit 1; }
rm -rf "$OUT"
mkdir -p "$OUT"

declare -A file=() subst=() sel=()
names=()
while IFS='~' read -r n f e s; do
	[[ -n "$n" ]] || continue
	if [[ $# -gt 0 && " $* " != *" $n "* ]]; then
		continue
	fi
	names+=("$n")
	file[$n]=$f
	subst[$n]=$e
	sel[$n]=$s
done <<< "$MUTANTS"

# build NAME [FILE SUBST]: the module source with the defect applied, built
# in OUT/NAME/src.
build() {
	local n=$1 f=${2:-} e=${3:-} src=$OUT/$1/src

	mkdir -p "$src"
	cp -r kernel include "$src/"
	rm -f "$src"/kernel/*.o "$src"/kernel/*.ko "$src"/kernel/.*.cmd
	if [[ -n "$f" ]]; then
		cp "$src/$f" "$src/$f.orig"
		if ! MUT_E=$e perl -0pi -e 'my $n = eval "\$_ =~ $ENV{MUT_E}";
			die "applied $n times\n" if $n != 1' "$src/$f" 2> "$OUT/$n/apply.log"; then
			log "$n: the substitution does not apply once to $f: $(cat "$OUT/$n/apply.log")"
			return 2
		fi
		diff -u "$src/$f.orig" "$src/$f" > "$OUT/$n/mutant.diff"
		rm -f "$src/$f.orig"
	fi
	make -C "$KDIR" M="$src/kernel" modules > "$OUT/$n/build.log" 2>&1 ||
		{ log "$n: does not build (see $OUT/$n/build.log)"; return 2; }
}

# run NAME SELECTION...: one VM running each script with its own TESTS.
run() {
	local n=$1 s cmd=

	shift
	for s in "$@"; do
		local t=

		[[ "$s" == *:* ]] && t=${s#*:}
		cmd+="TESTS='${t//,/ }' selftests/run_all.sh -o '$OUT/$n/vm/ktap' 'selftests/${s%%:*}'; "
	done
	selftests/qemu/vm.sh -q -k "$KVER" -m "$OUT/$n/src/kernel/vrrp.ko" \
		-o "$OUT/$n/vm" -t 3000 -- bash -c "$cmd" > "$OUT/$n/run.log" 2>&1
}

# verdict NAME: killed, survived or error, with the failing tests.
verdict() {
	local n=$1 vm=$OUT/$1/vm failed

	if [[ ! -s "$vm/result" ]]; then
		echo "error|the VM run did not finish (see $OUT/$n/run.log)"
		return
	fi
	failed=$(cat "$vm"/ktap/*.tap 2>/dev/null |
		sed -n 's/^not ok [0-9]* \([^ #]*\).*/\1/p' | sort -u | xargs)
	if [[ -n "$failed" ]] || grep -q '^vm.sh: FAIL' "$OUT/$n/run.log"; then
		echo "killed|${failed:-vm.sh failed}"
	else
		echo "survived|$(cat "$vm"/ktap/*.tap 2>/dev/null | grep '^ok ' | grep -vc '# SKIP') tests passed"
	fi
}

# The baseline: every selection, unmutated; TESTS is the union of the
# tests named for each script (a script named without tests runs whole).
declare -A base_tests=()
for n in "${names[@]}"; do
	for s in ${sel[$n]}; do
		sc=${s%%:*}
		if [[ "$s" != *:* ]]; then
			base_tests[$sc]=all
		elif [[ "${base_tests[$sc]:-}" != all ]]; then
			base_tests[$sc]="${base_tests[$sc]:-}${base_tests[$sc]:+,}${s#*:}"
		fi
	done
done
base_sel=()
for sc in "${!base_tests[@]}"; do
	if [[ ${base_tests[$sc]} == all ]]; then
		base_sel+=("$sc")
	else
		base_sel+=("$sc:${base_tests[$sc]}")
	fi
done

rc=0
declare -A result=()
log "building the baseline and ${#names[@]} mutants for $KVER"
build baseline || exit 1
for n in "${names[@]}"; do
	build "$n" "${file[$n]}" "${subst[$n]}" || result[$n]="error|does not apply or build"
done

log "baseline: ${base_sel[*]}"
run baseline "${base_sel[@]}"
result[baseline]=$(verdict baseline)
if [[ ${result[baseline]} != survived* ]]; then
	log "the baseline failed: ${result[baseline]}"
	rc=1
fi

for n in "${names[@]}"; do
	[[ -n "${result[$n]:-}" ]] && continue
	while [[ $(jobs -rp | wc -l) -ge $VM_JOBS ]]; do
		wait -n
	done
	log "$n: ${sel[$n]}"
	# shellcheck disable=SC2086 # the selections are words
	run "$n" ${sel[$n]} &
done
wait

{
	echo "Mutants on $KVER, $(date -u +%Y-%m-%d)"
	echo
	echo "| mutant | file | selftests | verdict | failing tests |"
	echo "|---|---|---|---|---|"
	printf '| baseline | - | %s | %s | %s |\n' "${base_sel[*]}" \
		"$(b=${result[baseline]/survived/passed}; cut -d'|' -f1 <<< "${b/killed/failed}")" \
		"$(cut -d'|' -f2 <<< "${result[baseline]}")"
	for n in "${names[@]}"; do
		[[ -n "${result[$n]:-}" ]] || result[$n]=$(verdict "$n")
		printf '| %s | %s | %s | %s | %s |\n' "$n" "${file[$n]}" "${sel[$n]}" \
			"$(cut -d'|' -f1 <<< "${result[$n]}")" "$(cut -d'|' -f2 <<< "${result[$n]}")"
		[[ ${result[$n]} == killed* ]] || rc=1
	done
} > "$OUT/results.md"
cat "$OUT/results.md"
killed=$(grep -v '^| baseline ' "$OUT/results.md" | grep -c '| killed |')
echo "mutants: $killed of ${#names[@]} killed"
exit "$rc"
