#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# "make demo": install dependencies, build vrrpctl and the module, boot a
# VM and show a failover in a few readable lines (selftests/demo.sh).
#
# Environment: DEMO_KVER picks the kernel (default: the newest 6.12 one
# scripts/deps.sh installs; "scripts/deps.sh --kvers" lists them).

set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

scripts/deps.sh
kver=${DEMO_KVER:-$(scripts/deps.sh --kvers | tail -n 1)}
echo "demo: building vrrpctl and the module for $kver" >&2
mkdir -p out
log=out/demo-build.log
make -s tool > "$log" 2>&1 || { cat "$log"; exit 1; }
make -s module-for "KVER=$kver" >> "$log" 2>&1 || { cat "$log"; exit 1; }
exec selftests/qemu/vm.sh -k "$kver" -o "$top/out/demo" \
	-m "build/$kver/kernel/vrrp.ko" -- selftests/demo.sh
