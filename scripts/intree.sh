#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Copy the module into a kernel tree as net/vrrp/ so that it builds there
# with CONFIG_VRRP=y or =m:
#   net/vrrp/          kernel/ (sources, Kbuild, compat.h; tests/ for KUnit)
#   net/vrrp/Kconfig   Kconfig
#   include/uapi/linux/vrrp.h
# and hook it into net/Kconfig and net/Makefile (once; rerunning updates
# the copied files only).
#
#   scripts/intree.sh /path/to/linux
#   (then: scripts/config --enable VRRP or --module VRRP; make olddefconfig)
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
tree=${1:?usage: scripts/intree.sh KERNEL_TREE}
[[ -f "$tree/net/Kconfig" && -f "$tree/net/Makefile" ]] ||
	{ echo "intree: $tree is not a kernel source tree" >&2; exit 1; }

rm -rf "$tree/net/vrrp"
mkdir -p "$tree/net/vrrp"
cp -r "$top"/kernel/. "$tree/net/vrrp/"
find "$tree/net/vrrp" \( -name '*.o' -o -name '*.ko' -o -name '.*.cmd' \
	-o -name '*.mod*' -o -name modules.order -o -name Module.symvers \) \
	-delete
cp "$top/Kconfig" "$tree/net/vrrp/Kconfig"
cp "$top/include/uapi/linux/vrrp.h" "$tree/include/uapi/linux/vrrp.h"

grep -q '^source "net/vrrp/Kconfig"' "$tree/net/Kconfig" ||
	sed -i '/^source "net\/hsr\/Kconfig"/a source "net/vrrp/Kconfig"' \
		"$tree/net/Kconfig"
grep -q '^source "net/vrrp/Kconfig"' "$tree/net/Kconfig" ||
	{ echo "intree: cannot hook net/Kconfig (no net/hsr/Kconfig line)" >&2; exit 1; }
if ! grep -q 'CONFIG_VRRP)' "$tree/net/Makefile"; then
	# shellcheck disable=SC2016 # a make variable
	echo 'obj-$(CONFIG_VRRP)		+= vrrp/' >> "$tree/net/Makefile"
fi
echo "intree: net/vrrp/ in $tree; enable CONFIG_VRRP (y or m)"
