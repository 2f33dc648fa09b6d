#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Stage 2 of the VM started by selftests/qemu/vm.sh: runs as PID 1 in the
# guest, inside the host root (read-only 9p, tmpfs on writable places).
# Reads the run description from $VM_OUT/.vm/env (vm_out= on the kernel
# command line), mounts the pseudo filesystems, loads the module (and
# collects its KUnit results when the kernel has KUnit), runs the command,
# optionally checks for leaks with kmemleak (VM_LEAKCHECK=1), writes
# result/dmesg.txt/boot.txt into VM_OUT, follows the kernel log into
# VM_OUT/kernel.log from boot to the end, and powers off.
# Not meant to be run by hand.

set -u

export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root
export LANG=C.UTF-8
export TERM=dumb

say() { echo "vm-guest: $*" > /dev/console; }

poweroff_now() {
	sync
	echo 1 > /proc/sys/kernel/sysrq
	echo o > /proc/sysrq-trigger
	sleep 60
}

VM_OUT=$(sed -n 's/.*[[:space:]]vm_out=\([^[:space:]]*\).*/\1/p' /proc/cmdline)
if [[ -z "$VM_OUT" || ! -r "$VM_OUT/.vm/env" ]]; then
	say "FATAL: no run description (vm_out=$VM_OUT)"
	poweroff_now
fi
# shellcheck source=/dev/null
. "$VM_OUT/.vm/env"
# The command may write its own files next to the runner's.
export VM_OUT VM_KVER

result() {
	# result is written last and atomically: its presence means the guest
	# finished in an orderly way.
	printf '%s\n' "$@" > "$VM_OUT/result.tmp"
	mv "$VM_OUT/result.tmp" "$VM_OUT/result"
}

mkdir -p /dev/pts && mount -t devpts -o gid=5,mode=620,ptmxmode=666 devpts /dev/pts
mkdir -p /dev/shm && mount -t tmpfs -o mode=1777 tmpfs /dev/shm
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null
mount -t cgroup2 cgroup2 /sys/fs/cgroup 2>/dev/null
mount -t bpf bpf /sys/fs/bpf 2>/dev/null

# The kernel log from boot to power-off, as it comes ("dmesg -w" starts
# with what the ring buffer still holds of the boot): vm.sh judges the run
# by this file, not by a final dmesg that a wrapped ring buffer has cut.
dmesg -w > "$VM_OUT/kernel.log" 2>&1 &
kmsg_pid=$!

# kmsg_stop: let the follower catch up with a marker, then stop it.
kmsg_stop() {
	local i

	echo "vm-guest: end of the kernel log" > /dev/kmsg
	for ((i = 0; i < 100; i++)); do
		grep -qF "vm-guest: end of the kernel log" "$VM_OUT/kernel.log" && break
		sleep 0.1
	done
	kill "$kmsg_pid" 2>/dev/null
	wait "$kmsg_pid" 2>/dev/null
}
mkdir -p /run/netns /run/lock /var/lib/dpkg
ln -sf /proc/self/fd /dev/fd 2>/dev/null
ln -sf /proc/self/fd/0 /dev/stdin 2>/dev/null
ln -sf /proc/self/fd/1 /dev/stdout 2>/dev/null
ln -sf /proc/self/fd/2 /dev/stderr 2>/dev/null
hostname vm 2>/dev/null
ip link set lo up 2>/dev/null
echo 1 > /proc/sys/kernel/sysrq

KMEMLEAK=/sys/kernel/debug/kmemleak
KUNIT_DIR=/sys/kernel/debug/kunit

# kmemleak_scan: one scan; kmemleak does not report objects younger than
# 5 s (its minimum age), hence the pause before the second of two scans
# that the kmemleak documentation advises: this is its aging period, not
# a wait for an event that could be polled.
kmemleak_scan() {
	echo scan > "$KMEMLEAK" && sleep 6 && echo scan > "$KMEMLEAK"
}

# Leaks found during boot are not ours: report them in leakcheck.log and
# mark them seen ("clear") so that only later ones count.
if [[ "${VM_LEAKCHECK:-0}" == 1 && -w "$KMEMLEAK" ]]; then
	kmemleak_scan
	n=$(grep -c '^unreferenced object' "$KMEMLEAK")
	echo "boot: $n suspected leaks before the command (cleared)" >> "$VM_OUT/leakcheck.log"
	echo clear > "$KMEMLEAK"
fi

# kunit_collect: write the results of the KUnit suites that appeared since
# kunit_before was filled (those of the module just loaded) to
# VM_OUT/kunit/SUITE (raw) and VM_OUT/kunit.tap (one line per case). A
# failed case's log (the failed expectation, its values) goes before its
# result as diagnostics, the first failure as "# FAIL: ...".
declare -A kunit_before=()
kunit_collect() {
	local d suite line n=0 lines=() log=() l first

	for d in "$KUNIT_DIR"/*/; do
		[[ -r "$d/results" ]] || continue
		suite=$(basename "$d")
		[[ -z "${kunit_before[$suite]:-}" ]] || continue
		mkdir -p "$VM_OUT/kunit"
		cat "$d/results" > "$VM_OUT/kunit/$suite"
		log=()
		while IFS= read -r line; do
			# Case results are indented once (parameters twice).
			if [[ "$line" =~ ^\ {4}(ok|not\ ok)\ [0-9]+\ (.*)$ ]]; then
				n=$((n + 1))
				if [[ "${BASH_REMATCH[1]}" == "not ok" ]]; then
					first=
					for l in ${log[@]+"${log[@]}"}; do
						if [[ -z "$first" && "$l" == *" FAILED at "* ]]; then
							first=1
							l="FAIL: $l"
						fi
						lines+=("# $l")
					done
				fi
				lines+=("${BASH_REMATCH[1]} $n $suite.${BASH_REMATCH[2]}")
				log=()
			elif [[ "$line" =~ ^\ {4,}(\#\ )?(.*)$ ]]; then
				l=${BASH_REMATCH[2]}
				[[ "$l" =~ ^(KTAP\ version|Subtest:|module:|1\.\.) ]] ||
					log+=("$l")
			fi
		done < "$VM_OUT/kunit/$suite"
	done
	{
		echo "TAP version 13"
		if [[ $n -eq 0 ]]; then
			echo "1..1"
			echo "not ok 1 kunit: no KUnit suite appeared when $VM_MODULE was loaded"
		else
			echo "1..$n"
			printf '%s\n' "${lines[@]}"
		fi
	} > "$VM_OUT/kunit.tap"
}

if [[ -d "$KUNIT_DIR" ]]; then
	for d in "$KUNIT_DIR"/*/; do
		[[ -d "$d" ]] && kunit_before[$(basename "$d")]=1
	done
fi

read -r up_start _ < /proc/uptime
echo "guest_uptime_at_command=$up_start" > "$VM_OUT/boot.txt"

if [[ -n "$VM_MODULE" ]]; then
	if ! out=$(insmod "$VM_MODULE" 2>&1); then
		say "insmod $VM_MODULE failed: $out"
		echo "insmod $VM_MODULE: $out" >> "$VM_OUT/output.log"
		dmesg > "$VM_OUT/dmesg.txt" 2>&1
		kmsg_stop
		result "rc=125" "error=insmod $VM_MODULE failed: $out"
		poweroff_now
	fi
	# The suites ran synchronously while the module was loading.
	[[ -d "$KUNIT_DIR" ]] && kunit_collect
fi

# Memory as the run goes, for the same reason: a guest that runs out of
# memory is otherwise hard to tell from a crash. A sampler, not a wait.
while sleep 30; do
	read -r up _ < /proc/uptime
	awk -v up="$up" '/^(MemAvailable|Shmem|Slab|SUnreclaim):/ {
		s = s " " $1 $2 } END { print "t=" up s " (kB)" }' /proc/meminfo
done > "$VM_OUT/mem.log" 2>&1 &
mem_pid=$!

cd "$VM_CWD" 2>/dev/null || cd /
env "${VM_ENV[@]}" "${VM_CMD[@]}" < /dev/null >> "$VM_OUT/output.log" 2>&1
rc=$?
kill "$mem_pid" 2>/dev/null
wait "$mem_pid" 2>/dev/null

read -r up_end _ < /proc/uptime
echo "guest_uptime_at_end=$up_end" >> "$VM_OUT/boot.txt"

# The leak check: unload the module (what it leaked is then unreferenced),
# scan, and keep the report; vm.sh fails the run on a non-empty one.
if [[ "${VM_LEAKCHECK:-0}" == 1 ]]; then
	if [[ ! -w "$KMEMLEAK" ]]; then
		echo "no $KMEMLEAK: kernel without kmemleak, or kmemleak=off" >> "$VM_OUT/leakcheck.log"
	else
		if [[ -n "$VM_MODULE" ]]; then
			mod=$(basename "$VM_MODULE" .ko)
			mod=${mod//-/_}
			if [[ -d "/sys/module/$mod" ]]; then
				if out=$(timeout 120 rmmod "$mod" 2>&1); then
					echo "rmmod $mod: ok" >> "$VM_OUT/leakcheck.log"
				else
					echo "rmmod failed: $mod: $out" >> "$VM_OUT/leakcheck.log"
				fi
			fi
		fi
		kmemleak_scan
		cat "$KMEMLEAK" > "$VM_OUT/kmemleak.txt"
		echo "end: $(grep -c '^unreferenced object' "$VM_OUT/kmemleak.txt") suspected leaks" >> "$VM_OUT/leakcheck.log"
		read -r up_leak _ < /proc/uptime
		echo "guest_uptime_after_leakcheck=$up_leak" >> "$VM_OUT/boot.txt"
	fi
fi
dmesg > "$VM_OUT/dmesg.txt" 2>&1
kmsg_stop
result "rc=$rc"
say "command exited $rc, powering off"
poweroff_now
