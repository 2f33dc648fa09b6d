#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# DKMS test: build vrrp.ko through Debian's dkms from the tree "make
# dkms-src" lays out (as /usr/src/vrrp-VERSION would be), against the
# installed headers of KVER, in a private dkms tree (the host's
# /var/lib/dkms is not touched), then boot KVER in the VM with that module
# and run a selftest against it (the VM's root is read-only: the build
# happens here).
#
#   scripts/dkms-test.sh [KVER] [SELFTEST]
#	KVER      default 6.12.117+deb12-amd64
#	SELFTEST  default selftests/vrrp_ops.sh
#
# Output: out/dkms-KVER/ (dkms tree, build log, VM output).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
kver=${1:-6.12.117+deb12-amd64}
test=${2:-selftests/vrrp_ops.sh}
out=$top/out/dkms-$kver
version=$(sed -n 's/^#define VRRPCTL_VERSION "\(.*\)"/\1/p' "$top/tool/vrrpctl.h")

cd "$top"
command -v dkms >/dev/null || { echo "dkms-test: dkms not installed" >&2; exit 1; }
rm -rf "$out"
mkdir -p "$out/src" "$out/tree"
make -s dkms-src DKMS_SRC="$out/src/vrrp-$version"

echo "dkms-test: dkms build vrrp/$version for $kver"
if ! dkms build -m vrrp -v "$version" -k "$kver" --dkmstree "$out/tree" \
	--sourcetree "$out/src" > "$out/dkms.log" 2>&1; then
	cat "$out/dkms.log" >&2
	find "$out/tree" -name make.log -exec cat {} + >&2 || true
	echo "dkms-test: FAIL: dkms build" >&2
	exit 1
fi
ko=$(find "$out/tree/vrrp/$version/$kver" -name 'vrrp.ko*' | head -n 1)
[[ -n "$ko" ]] || { echo "dkms-test: FAIL: no vrrp.ko in the dkms tree" >&2; exit 1; }
case "$ko" in
*.xz) xz -dkf "$ko"; ko=${ko%.xz} ;;
*.zst) zstd -dqf "$ko"; ko=${ko%.zst} ;;
*.gz) gzip -dkf "$ko"; ko=${ko%.gz} ;;
esac
echo "dkms-test: built $ko ($(modinfo -F vermagic "$ko"))"
[[ "$(modinfo -F vermagic "$ko")" == "$kver "* ]] ||
	{ echo "dkms-test: FAIL: vermagic is not $kver" >&2; exit 1; }

make -s tool
selftests/qemu/vm.sh -q -k "$kver" -m "$ko" -o "$out/vm" -- \
	selftests/run_all.sh "$test"
echo "dkms-test: PASS ($test with the dkms-built module on $kver)"
