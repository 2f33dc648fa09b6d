#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Smoke-boot the big-endian 32-bit MIPS kernel of scripts/cross-trees.sh in
# qemu-system-mips -M malta with an initramfs holding only vrrp.ko and a
# static /init (selftests/qemu/cross-init.c) that loads the module, checks
# /proc/modules and unloads it. No selftest runs there yet: this proves the
# cross-built module links into and loads in a big-endian 32-bit kernel.
#
#   scripts/cross-boot.sh        (the tree and build/cross-mips/kernel/vrrp.ko
#                                 are made first when missing)
#
# Exit 0 when every step printed "ok" and the kernel logged no oops, BUG or
# WARNING. The console log is build/cross-mips/boot.log. Environment:
# TIMEOUT (seconds qemu may run, default 300; a wait in VM_WRAP does not
# count), VM_WRAP (a command qemu runs under, e.g. one that waits for a
# free CPU).

set -euo pipefail

REPO=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
TIMEOUT=${TIMEOUT:-300}
out=$REPO/build/cross-mips

command -v qemu-system-mips > /dev/null ||
	{ echo "cross-boot: qemu-system-mips missing (scripts/deps.sh)" >&2; exit 1; }
read -r _ kdir _ cross < <("$REPO/scripts/cross-trees.sh" mips)
kdir=${kdir#kdir=} cross=${cross#cross=}
[[ -f "$out/kernel/vrrp.ko" ]] || "$REPO/scripts/cross-check.sh" mips

"${cross}gcc" -static -O2 -Wall -o "$out/init" \
	"$REPO/selftests/qemu/cross-init.c"
# gen_init_cpio from the tree: device nodes without root or mknod.
cat > "$out/initramfs.list" <<EOF
dir /dev 0755 0 0
nod /dev/console 0600 0 0 c 5 1
dir /proc 0755 0 0
file /init $out/init 0755 0 0
file /vrrp.ko $out/kernel/vrrp.ko 0644 0 0
EOF
"$kdir/usr/gen_init_cpio" "$out/initramfs.list" > "$out/initramfs.cpio"

log=$out/boot.log
read -r -a vmslot <<< "${VM_WRAP:-}"
start=$SECONDS
rm -f "$out/qemu.pid"
${vmslot[@]+"${vmslot[@]}"} timeout "$TIMEOUT" qemu-system-mips -M malta -m 256 \
	-kernel "$kdir/vmlinux" -initrd "$out/initramfs.cpio" \
	-append "console=ttyS0 panic=-1" -nographic -no-reboot \
	-monitor none -pidfile "$out/qemu.pid" > "$log" 2>&1 &
qemu=$!
# The kernel has no driver for Malta's reset register, so the guest halts
# instead of rebooting and qemu does not exit: stop it once init is done.
while kill -0 "$qemu" 2> /dev/null; do
	if grep -qE 'System halted|Kernel panic|cross-init: [a-z]+ FAILED' "$log"; then
		sleep 1
		[[ -f "$out/qemu.pid" ]] && kill "$(cat "$out/qemu.pid")" 2> /dev/null
		break
	fi
	sleep 2
done
wait "$qemu" || true
tr -d '\r' < "$log" > "$log.tmp" && mv "$log.tmp" "$log"
echo "cross-boot: qemu ran $((SECONDS - start)) s; console in $log"

rc=0
for s in insmod listed rmmod unlisted; do
	if grep -q "^cross-init: $s ok" "$log"; then
		echo "ok $s"
	else
		echo "not ok $s"
		rc=1
	fi
done
if grep -E 'Oops|BUG:|WARNING:|Kernel panic' "$log"; then
	echo "not ok kernel log clean"
	rc=1
fi
exit $rc
