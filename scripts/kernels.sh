#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The module on every Debian kernel line it supports, from 5.10 to the
# newest Debian ships: fetch (once, cached) their headers, and build the
# module against each one with W=1.
#
#   scripts/kernels.sh fetch        fetch or refresh the headers (and the
#                                   kernel images to boot) of the foreign
#                                   kernels below
#   scripts/kernels.sh build [KVER...]
#                                   build the module with W=1 against each
#                                   kernel (default: all, the installed
#                                   6.1 and 6.12 included) into
#                                   build/KVER/kernel/vrrp.ko, then print
#                                   a table: kernel, built, warnings,
#                                   errors (logs: build/kernels-KVER.log)
#   scripts/kernels.sh list         print "KVER CHROOT" of the fetched
#                                   kernels ("-": installed on the host)
#   scripts/kernels.sh              fetch, then build
#
# The foreign kernels are the newest of each Debian line, found through
# the linux-headers-amd64 metapackage of its suite: bullseye (5.10),
# trixie (6.12), trixie-backports and sid (7.x). Each is built with the
# compiler its kernel was built with (gcc-10, -14, -16: a module must use
# its kernel's compiler, and the kbuild helpers of trixie and sid need
# their glibc), so each suite gets a debootstrapped chroot in
# $VRRP_CACHE/chroot/SUITE with its own apt: the host's apt sources and
# packages are never touched. The image of a kernel the VM suite can boot
# (selftests/qemu/vm.sh -k KVER) is unpacked (dpkg -x) in
# $VRRP_CACHE/kernels/KVER/ (boot/vmlinuz-KVER, lib/modules/KVER).
#
# Environment: VRRP_CACHE (default /var/cache/vrrp), MIRROR (default
# http://deb.debian.org/debian), SECURITY (default
# http://deb.debian.org/debian-security).
#
# Exit status: 0 when every kernel was fetched, or built without warning.

set -euo pipefail

SELF=$(readlink -f "${BASH_SOURCE[0]}")
REPO=$(cd "$(dirname "$SELF")/.." && pwd)
CACHE=${VRRP_CACHE:-/var/cache/vrrp}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
SECURITY=${SECURITY:-http://deb.debian.org/debian-security}
LIST=$CACHE/kernels/list

# chroot suite, suites of its sources.list, the suite whose
# linux-headers-amd64 names the kernel (an extended regex over apt-cache
# madison's suite column), image: fetch the kernel image too.
TARGETS=(
	"bullseye bullseye,bullseye-updates,bullseye-security bullseye(-security)? image"
	"trixie trixie,trixie-updates,trixie-security,trixie-backports trixie(-security)? image"
	"trixie trixie,trixie-updates,trixie-security,trixie-backports trixie-backports image"
	"sid sid sid image"
)

log() { echo "kernels: $*" >&2; }
die() { log "$*"; exit 1; }

# in_chroot DIR CMD...: run CMD in the chroot DIR with a clean
# environment, and a /proc (objtool reads it) in a mount namespace of its
# own: nothing stays mounted.
in_chroot() {
	local dir=$1

	shift
	env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
		DEBIAN_FRONTEND=noninteractive unshare --mount --pid --fork \
		--mount-proc="$dir/proc" chroot "$dir" "$@"
}

# sources SUITES: the sources.list of a chroot (SUITES comma-separated).
sources() {
	local s

	for s in ${1//,/ }; do
		case $s in
		*-security) echo "deb $SECURITY $s main" ;;
		*) echo "deb $MIRROR $s main" ;;
		esac
	done
}

# make_chroot SUITE SUITES: debootstrap SUITE once (into a staging
# directory renamed when complete, so an interrupted run starts over),
# then refresh its package lists.
make_chroot() {
	local suite=$1 dir=$CACHE/chroot/$1 t0=$SECONDS

	if [[ ! -x "$dir/usr/bin/apt-get" ]]; then
		command -v debootstrap > /dev/null ||
			apt-get install -y -q debootstrap >&2 ||
			die "cannot install debootstrap"
		rm -rf "$dir.new"
		mkdir -p "$CACHE/chroot"
		log "debootstrap $suite"
		debootstrap --variant=minbase --include=make "$suite" "$dir.new" \
			"$MIRROR" > "$CACHE/chroot/$suite.log" 2>&1 ||
			die "debootstrap $suite failed: $CACHE/chroot/$suite.log"
		mv "$dir.new" "$dir"
		log "debootstrap $suite: $((SECONDS - t0)) s"
	fi
	sources "$2" > "$dir/etc/apt/sources.list"
	# sid's Release file is valid for a week: a mirror frozen in time
	# (snapshot.debian.org) serves it expired. Signatures are still
	# checked.
	echo 'Acquire::Check-Valid-Until "false";' > "$dir/etc/apt/apt.conf.d/99vrrp"
	# The Release files are signed with the suite's own keys, which
	# the debootstrapped keyring has.
	in_chroot "$dir" apt-get -qq -o Acquire::Languages=none update >&2 ||
		die "apt-get update in $dir failed"
}

# headers_of CHROOT SUITE_RE: the versioned headers package the
# metapackage of SUITE_RE depends on (newest version of it).
headers_of() {
	local dir=$1 re=$2 ver

	ver=$(in_chroot "$dir" apt-cache madison linux-headers-amd64 |
		awk -F'|' -v re=" ${re}/" '$3 ~ re { gsub(/ /, "", $2); print $2 }' |
		sort -V | tail -n 1)
	[[ -n "$ver" ]] || return 1
	in_chroot "$dir" apt-cache show "linux-headers-amd64=$ver" |
		sed -n 's/^Depends: //p' | grep -o 'linux-headers-[^ ,]*' | head -n 1
}

# depmod_image ROOT KVER: the modules.dep the package's postinst would
# make, which the VM's modprobe needs (vm.sh -k KVER).
depmod_image() {
	[[ -s "$1/lib/modules/$2/modules.dep" ]] ||
		depmod -b "$1" "$2" || die "depmod -b $1 $2 failed"
}

# fetch_image CHROOT KVER: the kernel image, unpacked for the VM suite.
fetch_image() {
	local dir=$1 kver=$2 dest=$CACHE/kernels/$2 deb deps pkgs p

	# modules.builtin: modprobe needs it to tell a built-in driver
	# (virtio_pci, for the VM) from a missing one.
	if [[ -e "$dest/done" && -e "$dest/lib/modules/$kver/modules.builtin" ]]; then
		depmod_image "$dest" "$kver"
		return 0
	fi
	rm -rf "$dest" "$dir/tmp/vrrp-image"
	mkdir -p "$dest" "$dir/tmp/vrrp-image"
	# From 7.x, linux-image depends on linux-binary (vmlinuz) and
	# linux-modules, and those on linux-base (config, modules.builtin).
	deps=$(in_chroot "$dir" apt-cache show "linux-image-$kver" |
		sed -n 's/^Depends: //p' | head -n 1)
	pkgs=linux-image-$kver
	for p in binary modules; do
		[[ "$deps" != *"linux-$p-$kver ("* ]] || pkgs+=" linux-$p-$kver"
	done
	in_chroot "$dir" apt-cache show "linux-base-$kver" > /dev/null 2>&1 &&
		pkgs+=" linux-base-$kver"

	in_chroot "$dir" sh -c "cd /tmp/vrrp-image && apt-get -qq -o APT::Sandbox::User=root download $pkgs" >&2 ||
		die "cannot download $pkgs"
	for deb in "$dir"/tmp/vrrp-image/*.deb; do
		dpkg-deb -x "$deb" "$dest"
	done
	rm -rf "$dir/tmp/vrrp-image"
	# usrmerge: trixie's packages ship /usr/lib/modules, and from 7.x
	# the image is /usr/lib/modules/KVER/vmlinuz.
	[[ -d "$dest/lib/modules" ]] || ln -s usr/lib "$dest/lib"
	if [[ -r "$dest/lib/modules/$kver/vmlinuz" ]]; then
		mkdir -p "$dest/boot"
		ln -sf "../lib/modules/$kver/vmlinuz" "$dest/boot/vmlinuz-$kver"
	fi
	[[ -r "$dest/boot/vmlinuz-$kver" ]] || die "no vmlinuz in linux-image-$kver"
	[[ -r "$dest/lib/modules/$kver/modules.builtin" ]] ||
		die "no modules.builtin in $pkgs"
	rm -f "$dest/lib/modules/$kver/modules.dep"
	depmod_image "$dest" "$kver"
	touch "$dest/done"
}

fetch() {
	local t suite suites re image dir pkg kver t0=$SECONDS
	local -A done_chroot=()
	local list=()

	[[ $EUID -eq 0 ]] || die "fetch needs root (debootstrap, chroot)"
	# One fetch at a time (make check's and a hand-run one share the
	# chroots); released when the script exits.
	mkdir -p "$CACHE"
	exec 9>"$CACHE/kernels.lock"
	flock 9
	for t in "${TARGETS[@]}"; do
		read -r suite suites re image <<< "$t"
		dir=$CACHE/chroot/$suite
		if [[ -z "${done_chroot[$suite]:-}" ]]; then
			make_chroot "$suite" "$suites"
			done_chroot[$suite]=1
		fi
		pkg=$(headers_of "$dir" "$re") ||
			die "no linux-headers-amd64 in $re"
		kver=${pkg#linux-headers-}
		# perl: kernel-doc, which W=1 runs.
		log "install $pkg in $suite"
		in_chroot "$dir" apt-get install -y -qq --no-install-recommends \
			make perl "$pkg" > "$CACHE/chroot/$suite.log" 2>&1 ||
			die "cannot install $pkg in $suite: $CACHE/chroot/$suite.log"
		[[ "$image" == image ]] && fetch_image "$dir" "$kver"
		list+=("$kver $suite")
	done
	mkdir -p "$CACHE/kernels"
	printf '%s\n' "${list[@]}" > "$LIST.new"
	mv "$LIST.new" "$LIST"
	log "fetched in $((SECONDS - t0)) s: $(cut -d' ' -f1 "$LIST" | tr '\n' ' ')"
}

# kernels: "KVER CHROOT" of every kernel to build for.
kernels() {
	local k

	while read -r k; do
		[[ "$k" == *-rt-amd64 ]] || echo "$k -"
	done < <("$REPO/scripts/deps.sh" --kvers 2>/dev/null)
	[[ -r "$LIST" ]] && cat "$LIST"
	return 0
}

# build_one KVER CHROOT: the module against that kernel with W=1, into
# build/KVER/kernel; the compiler's output on stdout.
build_one() {
	local kver=$1 dir=$2 src

	if [[ "$dir" == - ]]; then
		make -s -C "$REPO" module-for "KVER=$kver" W=1 2>&1
		return
	fi
	dir=$CACHE/chroot/$dir
	src=$dir/build/vrrp/$kver
	rm -rf "$src" "$REPO/build/$kver/kernel" "$REPO/build/$kver/include"
	mkdir -p "$src" "$REPO/build/$kver"
	cp -r "$REPO/kernel" "$REPO/include" "$src/"
	in_chroot "$dir" make -s -C "/usr/src/linux-headers-$kver" \
		"M=/build/vrrp/$kver/kernel" W=1 modules 2>&1 || return
	cp -r "$src/kernel" "$src/include" "$REPO/build/$kver/"
}

build() {
	local k kver dir log built nw ne rc=0
	local -a rows=()

	while read -r kver dir; do
		if (($#)); then
			for k in "$@"; do
				[[ "$k" == "$kver" ]] && break
			done
			[[ "$k" == "$kver" ]] || continue
		fi
		log=$REPO/build/kernels-$kver.log
		mkdir -p "$REPO/build"
		built=yes
		build_one "$kver" "$dir" > "$log" || built=no
		nw=$(grep -c 'warning:' "$log" || true)
		ne=$(grep -c 'error:' "$log" || true)
		rows+=("$kver $built $nw $ne")
		[[ "$built" == yes && "$nw" -eq 0 ]] || rc=1
	done < <(kernels)
	((${#rows[@]})) || die "no kernel to build for (run $0 fetch)"
	printf '%-28s %-6s %-9s %s\n' kernel built warnings errors
	printf '%-28s %-6s %-9s %s\n' ${rows[@]+${rows[@]}}
	log "logs in build/kernels-KVER.log"
	return "$rc"
}

case ${1:-} in
fetch) fetch ;;
build) shift; build "$@" ;;
list) kernels ;;
'') fetch; build ;;
*) sed -n '4,/^$/{s/^# \{0,1\}//;p}' "$SELF" >&2; exit 2 ;;
esac
