#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Cross-build vrrp.ko with W=1 for arm64, armhf and 32-bit big-endian MIPS
# against the 6.12 trees of scripts/cross-trees.sh (prepared first when not
# cached), and check with modpost that it uses only symbols the kernel
# exports: on 32-bit, a 64-bit division the compiler turned into a libgcc
# call (__udivdi3, __divdi3, __umoddi3, ...) is such a symbol, which no
# kernel exports. Prints a table: arch, built, warnings (compiler, sparse
# and modpost), undefined symbols. Exit 1 when a build fails or shows a
# warning or an undefined symbol.
#
#   scripts/cross-check.sh [ARCH...]      (make cross; ARCH: arm64 armhf mips)
#
# Environment: SPARSE=1 adds sparse (C=2) to each build. Builds happen in
# build/cross-ARCH/ (a copy of kernel/ and include/); logs in
# build/cross-ARCH/build.log.

set -euo pipefail

REPO=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
SPARSE=${SPARSE:-}

trees=$("$REPO/scripts/cross-trees.sh" "$@")

rows=()
bad=0
while read -r arch kdir karch cross; do
	kdir=${kdir#kdir=} karch=${karch#karch=} cross=${cross#cross=}
	out=$REPO/build/cross-$arch
	rm -rf "$out"
	mkdir -p "$out"
	cp -r "$REPO/kernel" "$REPO/include" "$out/"
	find "$out" \( -name '*.o' -o -name '*.ko' -o -name '.*.cmd' \
		-o -name '*.mod*' -o -name modules.order \
		-o -name Module.symvers \) -delete
	log=$out/build.log
	# KBUILD_MODPOST_WARN: an undefined symbol is reported, not fatal,
	# so that every one of them lands in the table.
	built=yes
	make -C "$kdir" ARCH="$karch" CROSS_COMPILE="$cross" \
		M="$out/kernel" W=1 ${SPARSE:+C=2} KBUILD_MODPOST_WARN=1 \
		modules > "$log" 2>&1 || built=no
	[[ -f "$out/kernel/vrrp.ko" ]] || built=no
	# modpost names at most 10 undefined symbols: compare the module's
	# undefined symbols with the tree's Module.symvers for the full list.
	undef=$({
		sed -n 's/^WARNING: modpost: "\([^"]*\)" .* undefined!$/\1/p' \
			"$log"
		if [[ $built == yes ]]; then
			"${cross}nm" -u "$out/kernel/vrrp.ko" |
				awk '{ print $2 }' | sort -u |
				comm -23 - <(cut -f2 "$kdir/Module.symvers" | sort -u)
		fi
	} | sort -u | tr '\n' ' ')
	undef=${undef% }
	# Sparse on MIPS: arch/mips/Makefile hands sparse the compiler's
	# predefined macros, __ATOMIC_* among them, which sparse predefines
	# too; noise about the kernel's flags, not about this code.
	warns=$(grep -v -e 'undefined!$' \
		-e 'warning: preprocessor token __ATOMIC_[A-Z_]* redefined' \
		"$log" | grep -ci 'warning' || true)
	rows+=("$arch|$built|$warns|${undef:-none}")
	if [[ $built != yes || $warns -ne 0 || -n "$undef" ]]; then
		bad=1
		grep -i -B2 -A3 'warning\|error' "$log" | head -n 40 >&2 || true
	fi
done <<< "$trees"

printf '%-7s %-6s %-9s %s\n' arch built warnings undefined
for r in "${rows[@]}"; do
	IFS='|' read -r arch built warns undef <<< "$r"
	printf '%-7s %-6s %-9s %s\n' "$arch" "$built" "$warns" "$undef"
done
exit $bad
