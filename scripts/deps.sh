#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install everything the build and the VM test suite need, on Debian 12.
# Idempotent: a fast no-op when everything is already there.
#
#   scripts/deps.sh            install what is missing (root; apt-get)
#   scripts/deps.sh --build    only what building and installing needs on
#                              a router: build-essential, the headers of
#                              the running kernel (or of KVER), the libnl
#                              headers, pkg-config and dkms; no kernel
#                              image, no test tools
#   scripts/deps.sh --build-pkgs  print that list, one per line
#   scripts/deps.sh --bench    the full set, and what bench/run needs besides
#                              (stress-ng, python3-matplotlib)
#   scripts/deps.sh --cross    the full set (kept for old callers: it now
#                              has the cross compilers and the qemu that
#                              "make cross" and the MIPS guests use; the
#                              guests' libnl and busybox are built from
#                              Debian's sources by scripts/cross-userland.sh
#                              with dpkg-source, which build-essential
#                              brings)
#   scripts/deps.sh --kvers    print the kernel versions the tests boot,
#                              one per line: the Debian 6.1 kernel, the
#                              newest installed 6.12 amd64 kernel, and its
#                              PREEMPT_RT twin (6.12.N+deb12-rt-amd64)
#   scripts/deps.sh --kver-newest  the newest stock (not PREEMPT_RT) one of
#                              those: where make check runs every script,
#                              mutants.sh and bench/run run
#
# The 6.12 kernel is the newest linux-image-6.12.*+deb12-amd64-unsigned
# that apt knows about, with its matching linux-headers package; the
# PREEMPT_RT kernel is the linux-image-...-rt-amd64-unsigned of the same
# version, with its headers. (The 6.12 debug kernel is built from
# linux-source-6.12 by scripts/debug-kernel.sh.)
# linux-source-6.12 is unpacked to /usr/src/linux-source-6.12 (checkpatch.pl,
# the selftest lib.sh and tools/net/ynl come from there).

set -euo pipefail

export DEBIAN_FRONTEND=noninteractive

KSRC_DIR=/usr/src/linux-source-6.12
KSRC_TAR=/usr/src/linux-source-6.12.tar.xz

PKGS=(
	build-essential
	kmod
	cpio
	xz-utils
	busybox-static
	qemu-system-x86
	libnl-genl-3-dev
	libnl-3-dev
	pkg-config
	python3
	python3-yaml
	python3-jsonschema
	iproute2
	iputils-ping
	nftables
	tcpdump
	sparse
	jq
	shellcheck
	# promtool checks the output of vrrpctl metrics (tool/tests/show.sh)
	prometheus
	python3-pyflakes
	python3-scapy
	keepalived
	frr
	tshark
	clang-14
	libclang-rt-14-dev
	linux-image-amd64
	linux-headers-amd64
	linux-source-6.12
	# scripts/dkms-test.sh
	dkms
	# to build the debug kernel (scripts/debug-kernel.sh)
	bc
	bison
	flex
	libelf-dev
	libssl-dev
	# the foreign kernels' chroots (scripts/kernels.sh), the cross
	# builds (scripts/cross-trees.sh, make cross) and the MIPS guests
	# (scripts/cross-pair.sh)
	debootstrap
	gcc-aarch64-linux-gnu
	gcc-arm-linux-gnueabihf
	gcc-mips-linux-gnu
	# the C libraries the cross-built userland links against (each a
	# recommendation of its gcc, which apt here does not install)
	libc6-dev-mips-cross
	libc6-dev-arm64-cross
	libc6-dev-armhf-cross
	qemu-system-mips
)

log() { echo "deps: $*" >&2; }

# What building and installing the module and vrrpctl needs, and no more
# (scripts/build-deps-test.sh checks that it brings no kernel image). The
# headers of a Debian kernel depend on its image, which a router running
# that kernel already has.
build_pkgs() {
	printf '%s\n' build-essential "linux-headers-${KVER:-$(uname -r)}" \
		libnl-genl-3-dev libnl-3-dev pkg-config dkms
}

# Print the installed kernels the suite boots: the newest Debian 6.1
# (6.1.0-N-amd64), the newest 6.12 (6.12.N+deb12-amd64), not the -rt or
# -cloud flavours, then the PREEMPT_RT 6.12 of that same version.
print_kvers() {
	local re v rt

	for re in '6\.1\.0-[0-9]+-amd64' '6\.12\.[0-9]+\+deb12-amd64'; do
		v=$(find /boot -maxdepth 1 -name 'vmlinuz-*' -printf '%f\n' 2>/dev/null |
			sed 's/^vmlinuz-//' | grep -E "^${re}\$" | sort -V | tail -n 1)
		if [[ -z "$v" ]]; then
			log "no installed kernel matching $re in /boot (run scripts/deps.sh)"
			return 1
		fi
		echo "$v"
	done
	rt=${v%-amd64}-rt-amd64
	if [[ ! -e "/boot/vmlinuz-$rt" ]]; then
		log "no installed PREEMPT_RT kernel $rt in /boot (run scripts/deps.sh)"
		return 1
	fi
	echo "$rt"
}

mode=full
case "${1:-}" in
--kvers)
	print_kvers
	exit
	;;
--kver-newest)
	kv=$(print_kvers) || exit 1
	grep -v -- '-rt-' <<< "$kv" | sort -V | tail -n 1
	exit
	;;
--build-pkgs)
	build_pkgs
	exit
	;;
--build) mode=build ;;
--bench) PKGS+=(stress-ng python3-matplotlib) ;;
--cross) ;;
"") ;;
*)
	log "usage: $0 [--build | --build-pkgs | --bench | --cross | --kvers]"
	exit 2
	;;
esac

if [[ $(id -u) -ne 0 ]]; then
	log "must run as root (it installs Debian packages)"
	exit 1
fi

updated=0
apt_update() {
	if [[ $updated -eq 0 ]]; then
		log "apt-get update"
		apt-get update -q -o DPkg::Lock::Timeout=900
		updated=1
	fi
}

# install_missing PKG...: apt-get install those not installed yet, with
# no recommends.
install_missing() {
	local p st missing=()

	for p in "$@"; do
		st=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)
		[[ "$st" == "ii "* ]] || missing+=("$p")
	done
	[[ ${#missing[@]} -gt 0 ]] || return 0
	log "installing: ${missing[*]}"
	if ! apt-get install -y -q -o DPkg::Lock::Timeout=900 --no-install-recommends "${missing[@]}"; then
		# Stale package lists: refresh once and retry.
		apt_update
		apt-get install -y -q -o DPkg::Lock::Timeout=900 --no-install-recommends "${missing[@]}"
	fi
}

if [[ $mode == build ]]; then
	mapfile -t bpkgs < <(build_pkgs)
	hdr=linux-headers-${KVER:-$(uname -r)}
	if ! apt-cache show "$hdr" > /dev/null 2>&1; then
		apt_update
		if ! apt-cache show "$hdr" > /dev/null 2>&1; then
			log "apt knows no $hdr: a kernel not packaged by Debian needs"
			log "its own headers (build with make KDIR=DIR), or set KVER"
			log "to an installed Debian kernel"
			exit 1
		fi
	fi
	install_missing "${bpkgs[@]}"
	log "ok: build dependencies for ${KVER:-$(uname -r)}"
	exit 0
fi

# The newest 6.12 amd64 image apt can install, e.g. 6.12.117+deb12-amd64.
newest_612() {
	apt-cache search --names-only \
		'^linux-image-6\.12\.[0-9]+\+deb12-amd64-unsigned$' 2>/dev/null |
		awk '{ print $1 }' |
		sed -e 's/^linux-image-//' -e 's/-unsigned$//' |
		sort -V | tail -n 1
}

kver612=$(newest_612)
if [[ -z "$kver612" ]]; then
	apt_update
	kver612=$(newest_612)
fi
if [[ -z "$kver612" ]]; then
	log "apt knows no linux-image-6.12.*+deb12-amd64-unsigned package"
	log "(bookworm-backports or the 6.12 security/updates suite must be in sources.list)"
	exit 1
fi
kver612rt=${kver612%-amd64}-rt-amd64
PKGS+=("linux-image-${kver612}-unsigned" "linux-headers-${kver612}"
	"linux-image-${kver612rt}-unsigned" "linux-headers-${kver612rt}")

install_missing "${PKGS[@]}"

# linux-headers-amd64 gives the 6.1 headers; make sure each installed image
# we boot has its headers (a module must be built per kernel).
while read -r v; do
	if [[ ! -e "/lib/modules/$v/build" ]]; then
		log "installing headers for $v"
		apt-get install -y -q -o DPkg::Lock::Timeout=900 --no-install-recommends "linux-headers-$v" ||
			{ apt_update; apt-get install -y -q -o DPkg::Lock::Timeout=900 --no-install-recommends "linux-headers-$v"; }
	fi
done < <(print_kvers)

ksrc_ok() {
	local f

	for f in Makefile scripts/checkpatch.pl \
		tools/testing/selftests/net/lib.sh tools/net/ynl/ynl-gen-c.py; do
		[[ -f "$KSRC_DIR/$f" ]] || return 1
	done
}

if ! ksrc_ok; then
	if [[ ! -f "$KSRC_TAR" ]]; then
		log "$KSRC_TAR missing although linux-source-6.12 is installed"
		exit 1
	fi
	log "unpacking $KSRC_TAR"
	tmp=$(mktemp -d /usr/src/.linux-source-6.12.XXXXXX)
	tar -C "$tmp" -xf "$KSRC_TAR"
	rm -rf "$KSRC_DIR"
	mv "$tmp/linux-source-6.12" "$KSRC_DIR"
	rmdir "$tmp"
fi
# The guests import the YNL library from here, on a read-only mount: with
# no bytecode beside it, every call of the selftests' vrrp_ynl.py compiled
# it again, a second or two under TCG.
/usr/bin/python3 -m compileall -q "$KSRC_DIR/tools/net/ynl/lib" > /dev/null ||
	log "warning: cannot byte-compile $KSRC_DIR/tools/net/ynl/lib"

log "ok: kernels $(print_kvers | tr '\n' ' ')"
