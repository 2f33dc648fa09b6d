#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Everything "make check" checks, on the host:
#   1. scripts/deps.sh (install what is missing)
#   2. host-side tests: build vrrpctl, build the module for each kernel,
#      make regen-check (when scripts/ynl-regen.sh exists),
#      scripts/checkpatch.sh, shellcheck of our shell scripts, pyflakes
#      of our Python, the libFuzzer target over kernel/rx.c (make -C fuzz
#      check), and scripts/build-deps-test.sh (what "scripts/deps.sh
#      --build" would install on a router running each kernel: no kernel
#      image)
#   3. the kernels that are not installed and the other architectures:
#      scripts/kernels.sh fetches Debian's 5.10, trixie's 6.12 and the
#      7.x kernels (each with a chroot of its suite, for its compiler),
#      scripts/cross-trees.sh prepares the arm64, armhf and big-endian
#      MIPS 6.12 trees and scripts/cross-userland.sh the MIPS guests'
#      libnl and busybox (all cached outside the clone, prepared in the
#      background beside the debug kernel's build); then the module is
#      built with W=1 for each of those kernels and cross-built for each
#      arch (modpost: no symbol the kernel does not export)
#   4. boot each kernel once in qemu with its module loaded and run
#      selftests/run_all.sh there: Debian 6.1, the newest Debian 6.12, its
#      PREEMPT_RT twin, the fetched kernels that have an image (5.10 and
#      the 7.x), and the 6.12 debug kernel (KASAN, lockdep, kmemleak,
#      debug objects, KUnit) that scripts/debug-kernel.sh builds from
#      linux-source-6.12 (cached outside the clone). On the debug kernel
#      the module's KUnit suites run when it loads, and the run ends with
#      a kmemleak check after unloading the module. Before them, the two
#      big-endian MIPS guests of scripts/cross-pair.sh on one emulated
#      LAN, compared byte for byte with x86-64 (it takes both CPUs, so it
#      runs alone)
#   5. per-kernel results, then a last line exactly
#      "N passed, N failed, N skipped" counting the host-side tests and
#      every KTAP "ok", "not ok" and "# SKIP". Under CI (CI=true) a skip
#      is a failure: everything make check plans to run must run, and a
#      skip means a tool, kernel or package is missing. A script that a
#      kernel does not plan to run ("The plan" below) is listed as not
#      planned, apart from the three counts; make check-full plans every
#      script on every kernel.
#
# Outputs under out/check/: build logs, timings.txt (seconds per step), and
# per kernel the VM's console, dmesg and each selftest's KTAP
# (out/check/KVER/ktap/*.tap; KUnit in out/check/KVER/kunit.tap).
#
# Scheduling, for a 2-core machine: the debug kernel builds first (a cold
# build keeps every CPU busy for a quarter of an hour; the host checks run
# beside it), then the VMs run, each quiet (its output in
# out/check/KVER/), at most VM_JOBS at once, the debug kernel's first. A
# VM keeps one host CPU busy for most of its run (qemu TCG, one thread
# per VM; the selftests are CPU-bound in the guest): more VMs than CPUs
# make every script slower for no more done in the hour, and leave the
# timing tests less margin. The fetched kernels, the cross trees and the
# MIPS userland are prepared in the background beside the debug kernel
# (on a fresh machine mostly downloads, dpkg and the armhf and MIPS
# kernels' builds), at a lower priority (nice) so that the debug kernel,
# which the VMs wait for, comes first. The MIPS pair runs alone between
# the host checks and the VMs.
#
# Environment: KVERS="v1 v2" overrides the Debian kernels; DEBUG_KERNEL=0
# leaves the debug kernel out; FOREIGN=0 leaves out the fetched kernels,
# the cross builds and the MIPS pair; CORE_SELFTESTS, STOCK_SELFTESTS,
# RT_SELFTESTS, FIELD_SELFTESTS, OLDEST_SELFTESTS and DEBUG_SELFTESTS
# override the plan below ("all": every script);
# FULL=1 every script on every kernel (make check-full, longer VM limits);
# VM_JOBS the VMs run at once (default: the number of CPUs); VM_TIMEOUT
# (seconds) the limit per VM run (default 4800), DEBUG_VM_TIMEOUT the one
# for the debug kernel's run (default 4200: its plan fills most of the
# hour).
#
# Exit status: 0 when nothing failed.

set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
out=$top/out/check
rm -rf "$out"
mkdir -p "$out"

passed=0
failed=0
skipped=0
unplanned=()
why=()
failures=()
results=()
kernel_lines=()
host_pass=0
host_fail=0

# record RESULT NAME [DETAIL]: RESULT is ok, fail or skip.
record() {
	local r=$1 name=$2 detail=${3:-}

	case $r in
	ok) passed=$((passed + 1)); results+=("ok      $name${detail:+  ($detail)}") ;;
	fail) failed=$((failed + 1)); results+=("FAIL    $name${detail:+  ($detail)}") ;;
	skip)
		if [[ "${CI:-}" == true ]]; then
			failed=$((failed + 1))
			results+=("FAIL    $name  (skipped under CI: ${detail:-no reason given})")
		else
			skipped=$((skipped + 1))
			results+=("skip    $name${detail:+  ($detail)}")
		fi
		;;
	esac
}

# not_planned NAME WHY: a script this kernel does not plan to run.
not_planned() {
	unplanned+=("$1  ($2)")
}

section() {
	printf '\n==== %s\n' "$*"
}

# step NAME LOG CMD...: run a host-side check, log to LOG, record it.
step() {
	local name=$1 log=$2 rc
	shift 2

	section "$name: $*"
	"$@" > "$log" 2>&1
	rc=$?
	if [[ $rc -eq 0 ]]; then
		tail -n 3 "$log"
		record ok "$name"
	else
		tail -n 40 "$log"
		record fail "$name" "exit $rc, log $log"
	fi
	return $rc
}

finish() {
	echo "total $SECONDS" >> "$out/timings.txt"
	section "timings (seconds)"
	cat "$out/timings.txt"
	section "results"
	printf '%s\n' "${results[@]}"
	if [[ ${#kernel_lines[@]} -gt 0 ]]; then
		section "per kernel"
		printf '%s\n' "${kernel_lines[@]}"
	fi
	if [[ ${#unplanned[@]} -gt 0 ]]; then
		section "not planned in this run (make check-full runs them)"
		printf '%s\n' "${unplanned[@]}"
	fi
	if [[ ${#why[@]} -gt 0 ]]; then
		section "why it failed (the last diagnostics of each failed test)"
		printf '%s\n' "${why[@]}"
	fi
	if [[ ${#failures[@]} -gt 0 ]]; then
		section "failed tests, each with its first failure"
		printf '%s\n' "${failures[@]}"
	fi
	echo "host-side checks: $host_pass passed, $host_fail failed"
	echo "$passed passed, $failed failed, $skipped skipped"
	[[ $failed -eq 0 ]]
	exit
}

section "dependencies: scripts/deps.sh"
if ! scripts/deps.sh; then
	record fail "deps" "scripts/deps.sh failed"
	finish
fi

# The plan: what each kernel runs, within the hour on two CPUs. The core
# suites are the ones whose outcome depends on the kernel (its timers,
# netdev and neighbour code, hooks, addresses): failover, election (the
# protocol), hostile (the receive path), lifecycle, accept and garp. The
# ones that test the tool and the netlink API (cli, netlink, compat's
# VRRPv2 logic) give the same answer on any kernel of one netlink ABI
# and run where every script runs.
#   the newest stock kernel  every script
#   the other stock kernels  the core suites and the tshark decode (the
#                            wire format on every stock kernel); the
#                            interoperability matrix against keepalived
#                            and FRR runs on the newest only (it is the
#                            peers' behaviour it tests, and it costs six
#                            minutes a kernel)
#   PREEMPT_RT               the core suites, netlink (every operation
#                            once, its locking under RT) and the short
#                            feature ones (ra, rtnl, snoop, state, tenant)
#   the fetched kernels      the oldest (5.10) the core suites, which go
#   (5.10, trixie's 6.12,    through its compat paths (the stack's ARP
#   7.2, 7.3)                caught at NF_ARP_OUT, addresses without
#                            IFA_PROTO); the others the field suites
#                            (failover, election, hostile, lifecycle),
#                            trixie's 6.12 (bookworm's release, built by
#                            gcc-14) among them; in make check-full
#                            every script, netlink's extack without the
#                            missing attribute among them
#   the debug kernel         the lifetimes under the sanitizers: faults
#                            (68 routers, at a 1 s interval there) and
#                            lifecycle; with its build cached also the
#                            receive path (hostile): a cold build leaves
#                            no time for it
# make check-full runs every script on every kernel.
CORE_SELFTESTS=${CORE_SELFTESTS-vrrp_failover.sh vrrp_hostile.sh vrrp_lifecycle.sh vrrp_election.sh vrrp_accept.sh vrrp_garp.sh}
STOCK_SELFTESTS=${STOCK_SELFTESTS-$CORE_SELFTESTS vrrp_wire.sh}
RT_SELFTESTS=${RT_SELFTESTS-$CORE_SELFTESTS vrrp_netlink.sh vrrp_ra.sh vrrp_rtnl.sh vrrp_snoop.sh vrrp_state.sh vrrp_tenant.sh}
FIELD_SELFTESTS=${FIELD_SELFTESTS-vrrp_failover.sh vrrp_election.sh vrrp_hostile.sh vrrp_lifecycle.sh}
OLDEST_SELFTESTS=${OLDEST_SELFTESTS-$CORE_SELFTESTS}
if [[ "${FULL:-0}" == 1 ]]; then
	STOCK_SELFTESTS=all
	RT_SELFTESTS=all
	DEBUG_SELFTESTS=all
	FIELD_SELFTESTS=all
	OLDEST_SELFTESTS=all
	: "${VM_TIMEOUT:=9000}" "${DEBUG_VM_TIMEOUT:=9000}"
fi

# The kernels come from one place, scripts/deps.sh --kvers; one that is
# expected but not installed fails the run.
if [[ -n "${KVERS:-}" ]]; then
	read -r -a kvers <<< "$KVERS"
elif ! kv=$(scripts/deps.sh --kvers) || [[ -z "$kv" ]]; then
	record fail "kernels" "scripts/deps.sh --kvers: an expected kernel is missing"
	finish
else
	mapfile -t kvers <<< "$kv"
fi

# The debug kernel: built once per configuration, cached outside the clone
# (a warm run only rebuilds the module in its tree). It builds in the
# background while the host checks run, and the VMs start when it is
# done. Its release name (6.12.N-vrrp-debug) is its label in the results.
debug_kver=
debug_image=
debug_kdir=
debug_pid=
debug_skip="not in DEBUG_SELFTESTS"
if [[ "${DEBUG_KERNEL:-1}" != 0 ]]; then
	if [[ -z "${DEBUG_SELFTESTS:-}" ]]; then
		if scripts/debug-kernel.sh --cached > /dev/null 2>&1; then
			DEBUG_SELFTESTS="vrrp_faults.sh vrrp_lifecycle.sh vrrp_hostile.sh"
		else
			DEBUG_SELFTESTS="vrrp_faults.sh vrrp_lifecycle.sh"
			debug_skip="the debug kernel is built in this run"
		fi
	fi
	section "build: debug kernel (scripts/debug-kernel.sh, in the background)"
	echo "selftests on it: $DEBUG_SELFTESTS"
	(
		t0=$SECONDS
		scripts/debug-kernel.sh > "$out/debug-kernel.txt" 2> "$out/debug-kernel.log"
		rc=$?
		echo "debug-kernel-build $((SECONDS - t0))" >> "$out/timings.txt"
		exit $rc
	) &
	debug_pid=$!
fi

# The kernels that are not installed, the cross trees and the MIPS
# userland: fetched and built once (cached in /var/cache/vrrp), in the
# background like the debug kernel, in two chains at once: the kernels'
# chroots and packages (mostly downloads and dpkg) beside the armhf and
# MIPS kernels' builds (CPU).
prep_pids=()
prep_steps=(kernels cross-trees cross-userland)
# prep STEP...: run the steps one after the other, each logged, its exit
# status in prepare-STEP.rc.
prep() {
	local p t0 cmd

	for p in "$@"; do
		t0=$SECONDS
		case $p in
		kernels) cmd=(scripts/kernels.sh fetch) ;;
		cross-trees) cmd=(scripts/cross-trees.sh) ;;
		cross-userland) cmd=(scripts/cross-userland.sh mips) ;;
		esac
		nice -n 10 "${cmd[@]}" > "$out/prepare-$p.log" 2>&1
		echo $? > "$out/prepare-$p.rc"
		echo "prepare-$p $((SECONDS - t0))" >> "$out/timings.txt"
	done
}
if [[ "${FOREIGN:-1}" != 0 ]]; then
	section "prepare: fetched kernels, cross trees, MIPS userland (in the background)"
	prep kernels &
	prep_pids+=($!)
	prep cross-trees cross-userland &
	prep_pids+=($!)
fi

# debug_kernel_ready: wait for the background build and record its result.
debug_kernel_ready() {
	[[ -n "$debug_pid" ]] || return 1
	section "build: debug kernel (waiting for it)"
	if wait "$debug_pid"; then
		debug_kver=$(sed -n 's/^kver=//p' "$out/debug-kernel.txt")
		debug_image=$(sed -n 's/^image=//p' "$out/debug-kernel.txt")
		debug_kdir=$(sed -n 's/^kdir=//p' "$out/debug-kernel.txt")
		cat "$out/debug-kernel.txt"
		record ok "build: debug kernel, vrrp.ko in its tree as net/vrrp (CONFIG_VRRP=m)" \
			"$(grep '^debug-kernel-build' "$out/timings.txt")"
		debug_pid=
		return 0
	fi
	tail -n 30 "$out/debug-kernel.log"
	record fail "build: debug kernel" "scripts/debug-kernel.sh failed; see $out/debug-kernel.log"
	debug_pid=
	return 1
}

echo "kernels: ${kvers[*]}"

tool_ok=0
step "build: vrrpctl" "$out/build-tool.log" make tool && tool_ok=1
step "tool: command line tests (make -C tool test)" "$out/tool-test.log" make -C tool test

# build_module KVER [MAKE ARGS...]: with W=1; any compiler warning fails
# the step. The module for the debug kernel is built against its tree
# (MODKDIR=) and with -Werror, as that tree is built without CONFIG_WERROR
# (debug.config).
# shellcheck disable=SC2317 # invoked through step
build_module() {
	local log rc k=$1

	shift
	log=$(make module-for "KVER=$k" W=1 "$@" 2>&1)
	rc=$?
	printf '%s\n' "$log"
	[[ $rc -eq 0 ]] || return "$rc"
	! grep -E '(warning|error):' <<< "$log"
}

declare -A mod_ok=()
# module_for KVER: build the module for one kernel, record it in mod_ok.
module_for() {
	local k=$1 extra=()

	mod_ok[$k]=0
	[[ "$k" == "$debug_kver" ]] && extra=("MODKDIR=$debug_kdir" KCFLAGS=-Werror)
	step "build: module for $k (W=1)" "$out/build-module-$k.log" \
		build_module "$k" ${extra[@]+"${extra[@]}"} && mod_ok[$k]=1
}

for k in "${kvers[@]}"; do
	module_for "$k"
done

if [[ -f scripts/ynl-regen.sh ]]; then
	step "regen-check" "$out/regen-check.log" make regen-check
else
	record skip "regen-check" "scripts/ynl-regen.sh does not exist yet"
fi

step "checkpatch" "$out/checkpatch.log" scripts/checkpatch.sh --terse
step "mutants apply (scripts/mutants.sh --check)" "$out/mutants.log" scripts/mutants.sh --check

shell_files=(scripts/*.sh selftests/*.sh selftests/lib/*.sh selftests/qemu/*.sh .ci/run bench/run bench/*.sh
	tool/tests/*.sh packaging/vrrp-metrics packaging/vrrp.init \
	packaging/notify.sh.example packaging/vrrp-check)
step "shellcheck" "$out/shellcheck.log" shellcheck -x "${shell_files[@]}"
step "build-only dependencies (scripts/build-deps-test.sh)" "$out/build-deps.log" \
	env KVERS="${kvers[*]}" scripts/build-deps-test.sh
# Debian's python3-pyflakes serves /usr/bin/python3, which another
# python3 first in PATH may not be.
pyflakes=
for py in python3 /usr/bin/python3; do
	"$py" -m pyflakes --version > /dev/null 2>&1 && { pyflakes=$py; break; }
done
if [[ -n $pyflakes ]]; then
	step "pyflakes" "$out/pyflakes.log" "$pyflakes" -m pyflakes \
		tool/keepalived2vrrp scripts/*.py selftests/*.py selftests/qemu/*.py
else
	record skip "pyflakes" "python3-pyflakes is not installed"
fi

# ---- fuzz: libFuzzer over kernel/rx.c, a fixed number of runs
# from the committed seed corpus (make -C fuzz run for longer).
step "fuzz: rx validation" "$out/fuzz.log" make -C fuzz check
# ---- end fuzz

# ---- the fetched kernels and the other architectures: wait for their
# preparation, then build the module for each with W=1.
fkvers=()
cross_ok=0
if ((${#prep_pids[@]})); then
	section "prepare: waiting for the fetched kernels and cross trees"
	wait "${prep_pids[@]}"
	for p in "${prep_steps[@]}"; do
		if [[ "$(cat "$out/prepare-$p.rc" 2>/dev/null)" == 0 ]]; then
			record ok "prepare: $p" "$(grep "^prepare-$p " "$out/timings.txt") s"
		else
			tail -n 20 "$out/prepare-$p.log"
			record fail "prepare: $p" "see $out/prepare-$p.log"
		fi
	done
	# "KVER SUITE" of each fetched kernel ("-": installed, built above).
	while read -r k suite; do
		# Once each, and not one of the installed kernels above.
		[[ "$suite" != - && -z "${mod_ok[$k]+set}" ]] || continue
		mod_ok[$k]=0
		step "build: module for $k (W=1, in the $suite chroot; compiler output: build/kernels-$k.log)" \
			"$out/build-module-$k.log" scripts/kernels.sh build "$k" && mod_ok[$k]=1
		# Booted when kernels.sh fetched its image.
		[[ -e "${VRRP_CACHE:-/var/cache/vrrp}/kernels/$k/done" ]] && fkvers+=("$k")
	done < <(scripts/kernels.sh list)
	# Oldest first: it has the plan of its own.
	((${#fkvers[@]} == 0)) || mapfile -t fkvers < <(printf '%s\n' "${fkvers[@]}" | sort -V)
	for a in arm64 armhf mips; do
		step "cross: vrrp.ko for $a (W=1, every symbol exported)" "$out/cross-$a.log" \
			scripts/cross-check.sh "$a" && [[ $a == mips ]] && cross_ok=1
	done
fi
host_pass=$passed
host_fail=$failed

# count_tap FILE: add the KTAP results of one selftest script. A failed
# test's last diagnostics go to the "why it failed" section printed just
# before the closing line (a CI log is often read from its end).
count_tap() {
	local tap=$1 k=$2 line name diag=() d first=

	name=$(basename "$tap" .tap)
	while IFS= read -r line; do
		if [[ "$line" == "# "* ]]; then
			# Long lines (a list of stalls) cut, so that a log
			# read from its end still shows the failures.
			((${#line} <= 400)) || line="${line:0:400} [...]"
			diag+=("$line")
			[[ -z "$first" && "$line" =~ ^#\ (\[[0-9]+\]\ )?FAIL:\ (.*)$ ]] &&
				first=${BASH_REMATCH[2]}
			continue
		fi
		if [[ "$line" =~ ^not\ ok\ [0-9]+\ (.*)$ ]]; then
			record fail "$k: $name: ${BASH_REMATCH[1]}"
			d=$((${#diag[@]} > 12 ? ${#diag[@]} - 12 : 0))
			why+=("--- $k: $name: ${BASH_REMATCH[1]}" ${diag[@]+"${diag[@]:d}"})
			failures+=("$k: $name: ${BASH_REMATCH[1]}: ${first:-no FAIL line}")
			diag=()
			first=
			continue
		fi
		[[ "$line" == "ok "* ]] && { diag=(); first=; }
		if [[ "$line" =~ ^ok\ [0-9]+\ (.*)\ \#\ SKIP\ ?(.*)$ ]]; then
			record skip "$k: $name: ${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
		elif [[ "$line" =~ ^ok\ [0-9]+\ (.*)$ ]]; then
			record ok "$k: $name: ${BASH_REMATCH[1]}"
		elif [[ "$line" =~ ^1\.\.0\ \#\ SKIP\ ?(.*)$ ]]; then
			record skip "$k: $name" "${BASH_REMATCH[1]}"
		fi
	done < "$tap"
}

# The newest stock kernel runs every script (the plan above).
full_kver=$(printf '%s\n' "${kvers[@]}" | grep -v -- '-rt-' | sort -V | tail -n 1)

# planned KVER SCRIPT: whether KVER runs SCRIPT (selftests/vrrp_x.sh); if
# not, why in plan_why.
planned() {
	local k=$1 t=${2#selftests/} list

	if [[ "$k" == "$debug_kver" ]]; then
		list=$DEBUG_SELFTESTS plan_why=$debug_skip
	elif [[ "$k" == *-rt-* ]]; then
		list=$RT_SELFTESTS plan_why="not in the PREEMPT_RT plan"
	elif [[ "$k" == "${fkvers[0]:-}" ]]; then
		list=$OLDEST_SELFTESTS plan_why="not in the oldest kernel's plan"
	elif [[ " ${fkvers[*]} " == *" $k "* ]]; then
		list=$FIELD_SELFTESTS plan_why="a fetched kernel runs the field suites"
	elif [[ "$k" == "$full_kver" ]]; then
		return 0
	else
		list=$STOCK_SELFTESTS plan_why="every script on the newest stock kernel only"
	fi
	[[ "$list" == all || " $list " == *" $t "* ]]
}
plan_why=

# vm_launch KVER: boot KVER in the background (quiet; its output goes to
# OUT/KVER/run.log) with the module loaded and run its selftests there.
declare -A vm_pid=()
vm_launch() {
	local k=$1 kout=$out/$1 t tests=() vm

	if [[ ${mod_ok[$k]:-0} -ne 1 || $tool_ok -ne 1 ]]; then
		record skip "$k: selftests" "module or vrrpctl did not build"
		return
	fi
	mkdir -p "$kout"
	vm=(selftests/qemu/vm.sh -q -t "${VM_TIMEOUT:-4800}" -k "$k" -o "$kout"
		-m "build/$k/kernel/vrrp.ko")
	# run_all.sh runs vrrp_lifecycle.sh (it unloads the module) last.
	for t in selftests/vrrp_*.sh; do
		if planned "$k" "$t"; then
			tests+=("$t")
		else
			not_planned "$k: $(basename "$t" .sh)" "$plan_why"
		fi
	done
	# no5lvl: with qemu's -cpu max the kernel turns on 5-level paging,
	# under which this KASAN kernel reports wild accesses in early boot
	# (irq descriptors during identify_cpu).
	# vrrp_faults on the debug kernel: 68 routers (VRIDs 1-64 and every
	# 16th in IPv6) at a 1 s interval, 10 flaps each way. KASAN under
	# TCG does not keep up with 27,000 advertisements a second, the
	# lifetimes are the point there, and with 270 routers the script
	# alone took 22 minutes of the hour; 6.12 runs it at full scale.
	if [[ "$k" == "$debug_kver" ]]; then
		vm+=(-K "$debug_image" -L -t "${DEBUG_VM_TIMEOUT:-4200}"
			-a "no5lvl kmemleak=on kasan_multi_shot"
			-e FAULT_INTERVAL=1000 -e FAULT_FLAPS=10
			-e FAULT_ROUTERS=64)
	fi
	section "selftests on $k (qemu TCG, in the background: $kout/run.log)"
	# Its time is taken when it exits (collecting waits for the rest).
	(
		t0=$SECONDS
		"${vm[@]}" -- selftests/run_all.sh -o "$kout/ktap" \
			${tests[@]+"${tests[@]}"} > "$kout/run.log" 2>&1
		rc=$?
		echo "vm-$k $((SECONDS - t0)) (from ${t0}s)" >> "$out/timings.txt"
		exit $rc
	) &
	vm_pid[$k]=$!
}

# vm_collect KVER: wait for KVER's VM and count its results.
vm_collect() {
	local k=$1 kout=$out/$1 vrc=0 p0=$passed f0=$failed s0=$skipped
	local ntap tap name before src metrics

	[[ -n "${vm_pid[$k]:-}" ]] || return 0
	wait "${vm_pid[$k]}" || vrc=$?
	section "selftests on $k: vm.sh exit $vrc"
	# run_all.sh's summary has each script's time; without it (the
	# guest died), its per-script verdicts.
	grep -E '^# vrrp_[a-z0-9_]+ +(PASS|FAIL|SKIP) ' "$kout/output.log" 2>/dev/null |
		sed 's/^# /    /' | grep . ||
		grep -E '^(not ok|ok) [0-9]+ ' "$kout/output.log" 2>/dev/null | sed 's/^/    /'
	if [[ ! -s "$kout/result" || $vrc -eq 125 ]]; then
		# Why: a timeout, the last console lines, the last kernel
		# messages (vm.sh prints them on its stderr, in run.log).
		grep -A 150 -E '^vm.sh: (TIMEOUT|FAIL)' "$kout/run.log" | head -n 150 | sed 's/^/    /'
		record fail "$k: VM run" "vm.sh exit $vrc; see $kout/console.log"
	else
		record ok "$k: VM run" "$(tr '\n' ' ' < "$kout/boot.txt")"
	fi
	ntap=0
	for tap in "$kout"/ktap/*.tap; do
		[[ -f "$tap" ]] || continue
		ntap=$((ntap + 1))
		name=$(basename "$tap" .tap)
		before=$failed
		count_tap "$tap" "$k"
		src=$(cat "$kout/ktap/$name.rc" 2>/dev/null || echo "?")
		# A script that failed without a "not ok" (crash, plan mismatch)
		# still fails.
		if [[ "$src" != 0 && "$src" != 4 && $failed -eq $before ]]; then
			record fail "$k: $name" "exited $src without a failing test"
		fi
	done
	if [[ -s "$kout/result" ]]; then
		if [[ $ntap -eq 0 ]]; then
			record fail "$k: selftests" "no KTAP output"
		fi
		if [[ -f "$kout/kunit.tap" ]]; then
			count_tap "$kout/kunit.tap" "$k"
		elif [[ "$k" == "$debug_kver" ]]; then
			record fail "$k: kunit" "no KUnit results from the module"
		fi
		if [[ "$k" == "$debug_kver" ]]; then
			if [[ ! -f "$kout/kmemleak.txt" ]]; then
				record fail "$k: kmemleak" "the leak check did not run; see $kout/leakcheck.log"
			elif [[ -s "$kout/kmemleak.txt" ]]; then
				record fail "$k: kmemleak" "$(grep -c '^unreferenced object' "$kout/kmemleak.txt") leaks; see $kout/kmemleak.txt"
			else
				record ok "$k: kmemleak" "$(tr '\n' ' ' < "$kout/leakcheck.log")"
			fi
			if grep -q '^rmmod failed' "$kout/leakcheck.log" 2>/dev/null; then
				record fail "$k: module unload" "$(grep -m1 '^rmmod failed' "$kout/leakcheck.log")"
			fi
		fi
		if [[ -s "$kout/dmesg-bad.txt" ]]; then
			record fail "$k: dmesg clean" "$(head -n 1 "$kout/dmesg-bad.txt")"
		else
			record ok "$k: dmesg clean"
		fi
	fi
	# "# outage_ms=N" diagnostics, named after the test they belong to.
	metrics=$(cat "$kout"/ktap/*.tap 2>/dev/null | awk '
		/^# [a-z0-9_]+_ms=[0-9]+$/ { m = m " " substr($0, 3); next }
		/^(not )?ok [0-9]+ / {
			if (m != "") {
				sub(/^(not )?ok [0-9]+ /, "")
				sub(/ #.*/, "")
				split(m, a, " ")
				for (i in a) printf "%s:%s ", $0, a[i]
			}
			m = ""
		}')
	kernel_lines+=("$(printf '%-28s %d passed, %d failed, %d skipped; boot+run %ss; %s' \
		"$k:" $((passed - p0)) $((failed - f0)) $((skipped - s0)) \
		"$(sed -n 's/^host_seconds=//p' "$kout/boot.txt" 2>/dev/null)" "$metrics")")
}

# vms_running: how many launched VMs have not exited yet.
vms_running() {
	local k n=0

	for k in "${!vm_pid[@]}"; do
		kill -0 "${vm_pid[$k]}" 2> /dev/null && n=$((n + 1))
	done
	echo "$n"
}

# The VMs, the longest runs first so that the last two end together: the
# debug kernel's, the newest stock kernel's (every script), PREEMPT_RT's
# (the core suites and five more), then the other Debian kernels in
# order; at most VM_JOBS at once. Harness scheduling, not a test: it
# polls its own children.
vm_jobs=${VM_JOBS:-$(nproc)}
[[ "$vm_jobs" =~ ^[1-9][0-9]*$ ]] || vm_jobs=1
queue=()
if debug_kernel_ready; then
	module_for "$debug_kver"
	queue+=("$debug_kver")
fi
[[ -n "$full_kver" ]] && queue+=("$full_kver")
for k in "${kvers[@]}"; do
	[[ "$k" == *-rt-* ]] && queue+=("$k")
done
for k in "${kvers[@]}"; do
	[[ "$k" == *-rt-* || "$k" == "$full_kver" ]] || queue+=("$k")
done
for k in ${fkvers[@]+"${fkvers[@]}"}; do
	[[ ${mod_ok[$k]:-0} -eq 1 ]] && queue+=("$k")
done

# The MIPS pair first, alone: two guests and then an x86-64 VM, timed
# against the RFC's bounds, on an otherwise idle machine (about three
# minutes).
if ((${#prep_pids[@]})); then
	if [[ $cross_ok -eq 1 && $tool_ok -eq 1 && -n "$full_kver" && ${mod_ok[${full_kver:-none}]:-0} -eq 1 ]]; then
		section "the MIPS pair: scripts/cross-pair.sh (its KTAP: $out/cross-pair.tap)"
		t0=$SECONDS
		KVER=$full_kver X86_KO=$top/build/$full_kver/kernel/vrrp.ko \
			scripts/cross-pair.sh > "$out/cross-pair.tap" 2> "$out/cross-pair.log"
		rc=$?
		echo "cross-pair $((SECONDS - t0))" >> "$out/timings.txt"
		grep -E '^(not )?ok ' "$out/cross-pair.tap" | sed 's/^/    /'
		before=$failed
		count_tap "$out/cross-pair.tap" "mips pair"
		if ! grep -Eq '^(not )?ok ' "$out/cross-pair.tap"; then
			record fail "mips pair" "no result; see $out/cross-pair.log"
		elif [[ $rc -ne 0 && $failed -eq $before ]]; then
			record fail "mips pair" "exit $rc without a failing test; see $out/cross-pair.log"
		fi
	else
		record fail "mips pair" "not run: the MIPS module (cross: mips), vrrpctl or the x86-64 module failed above, or KVERS has no stock kernel"
	fi
fi

echo "VMs: ${queue[*]}, $vm_jobs at once"
for k in "${queue[@]}"; do
	while [[ $(vms_running) -ge $vm_jobs ]]; do
		sleep 2
	done
	vm_launch "$k"
done
for k in "${kvers[@]}" ${fkvers[@]+"${fkvers[@]}"} ${debug_kver:+"$debug_kver"}; do
	vm_collect "$k"
done

finish
