#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What "scripts/deps.sh --build" would install on a minimal Debian 12
# router running a supported kernel: it must bring no kernel image and
# nothing but the compiler, the kernel's headers and kbuild, libnl,
# pkg-config, dkms and what they depend on.
#
#   scripts/build-deps-test.sh [EXTRA_PKG...]
#
# For each kernel of "scripts/deps.sh --kvers" (or $KVERS), the router is
# a dpkg status made from this machine's: the installed packages of
# priority required and important and the image package of that kernel,
# with everything they depend on. apt-get simulates (-s) installing
# "KVER=K scripts/deps.sh --build-pkgs" there, as deps.sh does (no
# recommends); EXTRA_PKG are added to the list (to see the test fail:
# linux-image-amd64). Needs the apt package lists (apt-get update), not
# root; changes nothing.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

# What may be installed besides the list itself: the toolchain
# (build-essential, dpkg-dev, perl), the kernel's build tree, dkms and
# its helpers, pahole (BTF for 6.12's modules), pkg-config, and libraries.
allowed='^(build-essential|dkms|kmod|patch|make|bzip2|xz-utils|lsb-release|dpkg|dpkg-dev|perl|perl-base|perl-modules-[0-9.]+|rpcsvc-proto|gcc|gcc-[0-9]+|gcc-[0-9]+-base|g\+\+|g\+\+-[0-9]+|cpp|cpp-[0-9]+|binutils|binutils-[a-z0-9-]+|linux-libc-dev|linux-headers-.+|linux-kbuild-.+|linux-compiler-gcc-[0-9]+-[a-z0-9]+|pahole|pkg-config|pkgconf|pkgconf-bin|lib[a-z0-9][a-z0-9.+-]*)$'

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [[ -n "${KVERS:-}" ]]; then
	read -r -a kvers <<< "$KVERS"
else
	mapfile -t kvers < <(scripts/deps.sh --kvers)
fi
[[ ${#kvers[@]} -gt 0 ]] || { echo "build-deps-test: no kernels" >&2; exit 1; }

# base_status KVER FILE: the dpkg status of a minimal system running KVER.
base_status() {
	local k=$1 img names seeds

	img=$(dpkg-query -S "/boot/vmlinuz-$k" 2>/dev/null | cut -d: -f1)
	if [[ -z "$img" ]]; then
		echo "build-deps-test: no installed image package for $k" >&2
		return 1
	fi
	mapfile -t seeds < <(dpkg-query -W -f='${Package} ${Priority}\n' |
		awk '$2 == "required" || $2 == "important" { print $1 }')
	# The seeds and their installed dependencies, recursively.
	names=$(apt-cache depends --recurse --installed --no-recommends \
		--no-suggests --no-conflicts --no-breaks --no-replaces \
		--no-enhances "$img" "${seeds[@]}" |
		grep -v -e '^ ' -e '^<' | sort -u)
	awk -v names="$names" '
		BEGIN { n = split(names, a, "\n"); for (i = 1; i <= n; i++) k[a[i]] = 1
			RS = ""; ORS = "\n\n" }
		match($0, /^Package: [^\n]+/) {
			p = substr($0, 10, RLENGTH - 9); sub(/:.*/, "", p)
			if (p in k) print
		}' /var/lib/dpkg/status > "$2"
	echo "$img"
}

fail=0
for k in "${kvers[@]}"; do
	st=$tmp/status-$k
	img=$(base_status "$k" "$st") || { fail=1; continue; }
	mapfile -t pkgs < <(KVER=$k scripts/deps.sh --build-pkgs)
	pkgs+=("$@")
	echo "build-deps-test: $k: a minimal system ($(grep -c '^Package:' "$st") packages, $img)"
	echo "build-deps-test: $k: apt-get -s install --no-install-recommends ${pkgs[*]}"
	if ! apt-get -s -o Dir::State::status="$st" -o Debug::NoLocking=1 \
		install --no-install-recommends "${pkgs[@]}" > "$tmp/sim" 2>&1; then
		cat "$tmp/sim" >&2
		echo "build-deps-test: FAIL: $k: apt-get cannot install the list" >&2
		fail=1
		continue
	fi
	inst=$(awk '$1 == "Inst" { print $2 }' "$tmp/sim")
	echo "build-deps-test: $k: $(wc -l <<< "$inst") to install: $(tr '\n' ' ' <<< "$inst")"
	# A simulation that installs nothing proves nothing.
	if ! grep -qx "linux-headers-$k" <<< "$inst"; then
		echo "build-deps-test: FAIL: $k: linux-headers-$k is not among them" >&2
		fail=1
	fi
	bad=$(grep -E '^linux-image-' <<< "$inst" || true)
	if [[ -n "$bad" ]]; then
		echo "build-deps-test: FAIL: $k: a kernel image: $(tr '\n' ' ' <<< "$bad")" >&2
		fail=1
	fi
	bad=$(grep -v -E '^linux-image-' <<< "$inst" | grep -v -E "$allowed" || true)
	if [[ -n "$bad" ]]; then
		echo "build-deps-test: FAIL: $k: not in the allowed list: $(tr '\n' ' ' <<< "$bad")" >&2
		fail=1
	fi
done
if [[ $fail -ne 0 ]]; then
	echo "build-deps-test: FAIL" >&2
	exit 1
fi
echo "build-deps-test: PASS (${kvers[*]})"
