#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Prepare (once, cached) the 6.12 kernel trees vrrp.ko is cross-built
# against by "make cross" (scripts/cross-check.sh):
#
#   arm64   Debian's arm64 kernel: its .config and Module.symvers, from the
#           linux-headers package of the same version as linux-source-6.12
#           (downloaded with a private apt state, never installed), and
#           "make modules_prepare"; not built in full: Debian's
#           Module.symvers lists what the kernel people run exports, which
#           is what the check is about, and a full build of Debian's config
#           takes hours on a 2-core machine
#   armhf   32-bit ARMv7 for qemu-system-arm -M virt: "make allnoconfig" +
#           selftests/qemu/armhf.config + cross.config, built in full (the
#           symbol check needs its Module.symvers). Not Debian's armmp like
#           arm64: Debian ships 6.12 for armhf in bookworm-security only,
#           and a mirror whose index for it is out of sync (as seen here)
#           leaves no way to fetch it
#   mips    32-bit big-endian MIPS for qemu-system-mips -M malta, which
#           Debian does not ship: "make allnoconfig" +
#           selftests/qemu/malta.config + cross.config, built in full
#           (vmlinux, which the VM boots, and Module.symvers)
#
#   scripts/cross-trees.sh [ARCH...]           prepare if needed, then print
#                                              one line per ARCH:
#                                              ARCH kdir=PATH karch=ARCH
#                                              cross=PREFIX
#   scripts/cross-trees.sh --cached [ARCH...]  print the same for the
#                                              prepared ones; exit 1 if one
#                                              is not
#   scripts/cross-trees.sh --dir [ARCH...]     print each cache directory
#
# ARCH defaults to all three. Each tree lives in
# $VRRP_CACHE/cross/ARCH-<key>/ (VRRP_CACHE defaults to /var/cache/vrrp);
# <key> hashes the linux-source-6.12 version, the functions of this script
# that make a tree and the arch's own input (Debian's flavour, or the
# fragments). The source is copied once into $VRRP_CACHE/cross/src-<version key>/ and every tree is an O=
# build of it (kbuild records absolute paths: restore a saved cache at the
# same path). A tree directory holds linux/ (the O= tree), build.log,
# build-time and the stamp "done", written last; concurrent runs serialise
# on a lock. The cross compilers are Debian's gcc-aarch64-linux-gnu,
# gcc-arm-linux-gnueabihf and gcc-mips-linux-gnu (scripts/deps.sh).
#
# Environment: VRRP_CACHE, KSRC (default /usr/src/linux-source-6.12),
# JOBS (default: nproc).

set -euo pipefail

SELF=$(readlink -f "${BASH_SOURCE[0]}")
REPO=$(cd "$(dirname "$SELF")/.." && pwd)
FRAGS=$REPO/selftests/qemu
KSRC=${KSRC:-/usr/src/linux-source-6.12}
CACHE=${VRRP_CACHE:-/var/cache/vrrp}/cross
JOBS=${JOBS:-$(nproc)}
ALL_ARCHES="arm64 armhf mips"

log() { echo "cross-trees: $*" >&2; }
die() { log "$*"; exit 1; }

mode=build
case ${1:-} in
--cached) mode=cached; shift ;;
--dir) mode=dir; shift ;;
-*) sed -n '4,/^$/{s/^# \{0,1\}//;p}' "$SELF" >&2; exit 2 ;;
esac
# shellcheck disable=SC2206 # word splitting of the default list is meant
arches=(${*:-$ALL_ARCHES})

# Per arch: kbuild's ARCH, the compiler prefix, the Debian flavour whose
# config is used (none: built from fragments), the Debian architecture.
arch_info() {
	case $1 in
	arm64) karch=arm64 cross=aarch64-linux-gnu- flavour=arm64 darch=arm64 ;;
	armhf) karch=arm cross=arm-linux-gnueabihf- flavour='' darch='' ;;
	mips) karch=mips cross=mips-linux-gnu- flavour='' darch='' ;;
	*) die "unknown arch '$1' (known: $ALL_ARCHES)" ;;
	esac
}

# The machine fragment of a fully built arch (with cross.config).
frag() {
	case $1 in
	mips) echo malta.config ;;
	*) echo "$1.config" ;;
	esac
}

pkgver=$(dpkg-query -W -f='${Version}' linux-source-6.12 2>/dev/null) ||
	die "linux-source-6.12 is not installed (scripts/deps.sh)"

tree_dir() {
	local key

	arch_info "$1"
	key=$({
		echo "linux-source-6.12 $pkgver $1"
		# The code that makes a tree, not the whole script: a comment
		# or a change in printing must not cost a full MIPS build.
		declare -f arch_info fetch_debian check_config build_tree
		if [[ -n "$flavour" ]]; then
			echo "debian $flavour"
		else
			sha256sum < "$FRAGS/$(frag "$1")"
			sha256sum < "$FRAGS/cross.config"
		fi
	} | sha256sum | cut -c1-16)
	echo "$CACHE/$1-$key"
}

print_tree() {
	arch_info "$1"
	echo "$1 kdir=$2/linux karch=$karch cross=$cross"
}

# The copy of the source the O= trees build from: kept clean (an O= build
# refuses a configured source tree), shared by the three trees.
src_dir() {
	local key

	key=$(echo "linux-source-6.12 $pkgver" | sha256sum | cut -c1-16)
	echo "$CACHE/src-$key/linux"
}

prepare_src() {
	local src

	src=$(src_dir)
	exec 8>"$CACHE/src.lock"
	flock 8
	if [[ -f "$src/../done" ]]; then
		exec 8>&-
		return 0
	fi
	[[ -f "$KSRC/Makefile" ]] || die "no kernel source in $KSRC (scripts/deps.sh)"
	log "copying $KSRC to $src"
	rm -rf "$src"
	mkdir -p "$src"
	cp -a "$KSRC/." "$src"
	[[ ! -e "$src/.config" ]] || die "$KSRC is configured; an O= build needs a clean source"
	touch "$src/../done"
	exec 8>&-
}

# Debian's linux-headers-<abi>-<flavour> of version $pkgver for $darch,
# unpacked in $1/deb: its .config and Module.symvers. A private apt state
# in $1/apt reads the foreign architecture's index without touching the
# host's dpkg architectures.
fetch_debian() {
	local d=$1 aptdir=$1/apt name n deb try
	local -a apt

	apt=(-q -o "APT::Architecture=$darch" -o "APT::Architectures::=$darch"
		-o "Dir::State::Lists=$aptdir/lists" -o "Dir::Cache=$aptdir/cache")
	mkdir -p "$aptdir/lists/partial" "$aptdir/cache/archives/partial"
	# A mirror caught mid-sync fails an index's hash: try again.
	for try in 1 2 3; do
		apt-get "${apt[@]}" update > "$aptdir/update.log" 2>&1 &&
			! grep -q '^[EW]: ' "$aptdir/update.log" && break
		[[ $try -lt 3 ]] ||
			die "apt-get update for $darch failed; see $aptdir/update.log"
		sleep 10
	done
	name=
	for n in $(apt-cache "${apt[@]}" search --names-only \
			"^linux-headers-6\\.12\\.[0-9]+\\+deb[0-9]+-$flavour\$" |
			cut -d' ' -f1); do
		if apt-cache "${apt[@]}" madison "$n" |
			grep -F " $pkgver " > /dev/null; then
			name=$n
			break
		fi
	done
	[[ -n "$name" ]] || die "no linux-headers-*-$flavour $pkgver for $darch"
	rm -rf "$d/deb"
	mkdir -p "$d/deb"
	# apt's sandbox user cannot write to the cache: download in /tmp.
	deb=$(mktemp -d)
	(cd "$deb" && apt-get "${apt[@]}" download "$name=$pkgver") \
		> "$aptdir/download.log" 2>&1 ||
		{ rm -rf "$deb"; die "downloading $name failed; see $aptdir/download.log"; }
	dpkg-deb -x "$deb"/*.deb "$d/deb"
	rm -rf "$deb"
	log "$darch: $name $pkgver"
}

# Every "=value" and "is not set" line of the fragment must have survived
# olddefconfig (a dropped symbol is a missing dependency in the fragment).
check_config() {
	local line sym want have bad=0

	while IFS= read -r line; do
		if [[ "$line" =~ ^(CONFIG_[A-Za-z0-9_]+)=(.*)$ ]]; then
			sym=${BASH_REMATCH[1]} want=${BASH_REMATCH[2]}
		elif [[ "$line" =~ ^#\ (CONFIG_[A-Za-z0-9_]+)\ is\ not\ set$ ]]; then
			sym=${BASH_REMATCH[1]} want=n
		else
			continue
		fi
		have=$(sed -n "s/^$sym=//p" "$2/.config")
		[[ -n "$have" ]] || have=n
		if [[ "$have" != "$want" ]]; then
			log "config: $sym=$have, $1 wants $want"
			bad=1
		fi
	done < "$1"
	return $bad
}

build_tree() {
	local a=$1 d=$2 src obj start hdr
	local -a kmake

	arch_info "$a"
	command -v "${cross}gcc" > /dev/null ||
		die "${cross}gcc missing (scripts/deps.sh)"
	src=$(src_dir)
	obj=$d/linux
	kmake=(make -C "$src" O="$obj" ARCH="$karch" CROSS_COMPILE="$cross"
		-j"$JOBS")
	start=$SECONDS
	mkdir -p "$obj"
	if [[ -n "$flavour" ]]; then
		fetch_debian "$d"
		hdr=$(echo "$d"/deb/usr/src/linux-headers-*-"$flavour")
		[[ -f "$hdr/.config" && -f "$hdr/Module.symvers" ]] ||
			die "$hdr lacks .config or Module.symvers"
		cp "$hdr/.config" "$obj/.config"
		log "$a: modules_prepare in $obj (log: $d/build.log)"
		if ! { "${kmake[@]}" olddefconfig &&
			"${kmake[@]}" modules_prepare; } > "$d/build.log" 2>&1; then
			tail -n 30 "$d/build.log" >&2
			die "$a: modules_prepare failed; see $d/build.log"
		fi
		cp "$hdr/Module.symvers" "$obj/Module.symvers"
	else
		log "$a: full build in $obj (log: $d/build.log)"
		if ! { "${kmake[@]}" allnoconfig &&
			(cd "$obj" && "$src/scripts/kconfig/merge_config.sh" \
				-m .config "$FRAGS/$(frag "$a")" \
				"$FRAGS/cross.config") &&
			"${kmake[@]}" olddefconfig &&
			check_config "$FRAGS/$(frag "$a")" "$obj" &&
			check_config "$FRAGS/cross.config" "$obj" &&
			"${kmake[@]}" all; } > "$d/build.log" 2>&1; then
			tail -n 30 "$d/build.log" >&2
			die "$a: build failed; see $d/build.log"
		fi
		[[ -f "$obj/vmlinux" && -f "$obj/Module.symvers" ]] ||
			die "$a: build finished without vmlinux or Module.symvers"
	fi
	"${kmake[@]}" -s kernelrelease > "$d/kernelrelease"
	echo "seconds=$((SECONDS - start)) jobs=$JOBS" > "$d/build-time"
	touch "$d/done"
	log "$a: ready in $((SECONDS - start)) s"
}

for a in "${arches[@]}"; do
	arch_info "$a"
done

rc=0
for a in "${arches[@]}"; do
	d=$(tree_dir "$a")
	case $mode in
	dir) echo "$d"; continue ;;
	cached)
		if [[ -f "$d/done" ]]; then
			print_tree "$a" "$d"
		else
			rc=1
		fi
		continue ;;
	esac
	mkdir -p "$CACHE"
	exec 9>"$d.lock"
	if ! flock -n 9; then
		log "another run is preparing $d; waiting for it"
		flock 9
	fi
	if [[ ! -f "$d/done" ]]; then
		prepare_src
		build_tree "$a" "$d"
	fi
	exec 9>&-
	print_tree "$a" "$d"
done
exit $rc
