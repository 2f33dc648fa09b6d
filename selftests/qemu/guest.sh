#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Stage 2 of the VM started by selftests/qemu/vm.sh: runs as PID 1 in the
# guest, inside the host root (read-only 9p, tmpfs on writable places).
# Reads the run description from $VM_OUT/.vm/env (vm_out= on the kernel
# command line), mounts the pseudo filesystems, loads the module, runs the
# command, writes result/dmesg.txt/boot.txt into VM_OUT and powers off.
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
mkdir -p /run/netns /run/lock /var/lib/dpkg
ln -sf /proc/self/fd /dev/fd 2>/dev/null
ln -sf /proc/self/fd/0 /dev/stdin 2>/dev/null
ln -sf /proc/self/fd/1 /dev/stdout 2>/dev/null
ln -sf /proc/self/fd/2 /dev/stderr 2>/dev/null
hostname vm 2>/dev/null
ip link set lo up 2>/dev/null
echo 1 > /proc/sys/kernel/sysrq

read -r up_start _ < /proc/uptime
echo "guest_uptime_at_command=$up_start" > "$VM_OUT/boot.txt"

if [[ -n "$VM_MODULE" ]]; then
	if ! out=$(insmod "$VM_MODULE" 2>&1); then
		say "insmod $VM_MODULE failed: $out"
		echo "insmod $VM_MODULE: $out" >> "$VM_OUT/output.log"
		dmesg > "$VM_OUT/dmesg.txt" 2>&1
		result "rc=125" "error=insmod $VM_MODULE failed: $out"
		poweroff_now
	fi
fi

cd "$VM_CWD" 2>/dev/null || cd /
env "${VM_ENV[@]}" "${VM_CMD[@]}" < /dev/null >> "$VM_OUT/output.log" 2>&1
rc=$?

read -r up_end _ < /proc/uptime
echo "guest_uptime_at_end=$up_end" >> "$VM_OUT/boot.txt"
dmesg > "$VM_OUT/dmesg.txt" 2>&1
result "rc=$rc"
say "command exited $rc, powering off"
poweroff_now
