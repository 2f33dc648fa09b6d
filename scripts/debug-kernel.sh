#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build (once, cached) the 6.12 debug kernel the VM suite boots: Debian's
# linux-source-6.12, "make allnoconfig" + the fragment
# selftests/qemu/debug.config (KASAN, lockdep, kmemleak, debug objects,
# KUnit, everything the tests need built in), with this repository's module
# linked into the tree as net/vrrp (CONFIG_VRRP=m): the in-tree build of
# Kconfig + kernel/Kbuild.
#
#   scripts/debug-kernel.sh            build if needed, then print
#                                      image=PATH  (bzImage to boot)
#                                      kdir=PATH   (KDIR for out-of-tree
#                                                   modules)
#                                      kver=RELEASE
#                                      intree_ko=PATH  (vrrp.ko built
#                                                   in the tree as
#                                                   net/vrrp, from the
#                                                   current sources)
#   scripts/debug-kernel.sh --cached   print the same if the build is
#                                      cached; exit 1 (no output) if not
#   scripts/debug-kernel.sh --dir      print the cache directory for the
#                                      current inputs (built or not)
#
# The build lives in $VRRP_CACHE/debug-kernel/<key>/ (VRRP_CACHE defaults to
# /var/cache/vrrp), outside the clone, so a warm machine or a CI cache of
# that directory skips it. <key> hashes the fragment, this script and the
# linux-source-6.12 package version; not the module's sources or Kconfig:
# scripts/intree.sh copies them into net/vrrp on every run, and kbuild
# rebuilds the module (and reconfigures, when Kconfig changed) only. kbuild records absolute paths: restore
# a saved cache at the same path. The directory holds a copy of the source
# built in place (linux/), its build.log, and the stamp file "done", written
# last: a directory without it is an unfinished build, resumed (make is
# incremental) by the next run. Concurrent runs serialise on a lock.
#
# Environment: VRRP_CACHE, KSRC (default /usr/src/linux-source-6.12),
# JOBS (default: nproc).

set -euo pipefail

SELF=$(readlink -f "${BASH_SOURCE[0]}")
REPO=$(cd "$(dirname "$SELF")/.." && pwd)
FRAGMENT=$REPO/selftests/qemu/debug.config
KSRC=${KSRC:-/usr/src/linux-source-6.12}
CACHE=${VRRP_CACHE:-/var/cache/vrrp}/debug-kernel
JOBS=${JOBS:-$(nproc)}

log() { echo "debug-kernel: $*" >&2; }
die() { log "$*"; exit 1; }

mode=build
case ${1:-} in
'') ;;
--cached) mode=cached ;;
--dir) mode=dir ;;
*) sed -n '4,/^$/{s/^# \{0,1\}//;p}' "$SELF" >&2; exit 2 ;;
esac

[[ -r "$FRAGMENT" ]] || die "missing $FRAGMENT"
pkgver=$(dpkg-query -W -f='${Version}' linux-source-6.12 2>/dev/null) ||
	die "linux-source-6.12 is not installed (scripts/deps.sh)"
key=$({
	echo "linux-source-6.12 $pkgver"
	sha256sum < "$FRAGMENT"
	sha256sum < "$SELF"
} | sha256sum | cut -c1-16)
dir=$CACHE/$key
tree=$dir/linux

print_result() {
	echo "image=$tree/arch/x86/boot/bzImage"
	echo "kdir=$tree"
	echo "kver=$(cat "$dir/kernelrelease")"
	[[ -f "$tree/net/vrrp/vrrp.ko" ]] && echo "intree_ko=$tree/net/vrrp/vrrp.ko"
	return 0
}

# Link the module into the tree as net/vrrp (scripts/intree.sh: the
# sources, Kconfig, the uapi header, the hooks in net/Kconfig and
# net/Makefile).
link_vrrp() {
	"$REPO/scripts/intree.sh" "$tree" > /dev/null
}

# Rebuild the in-tree module from the current sources (incremental).
build_intree() {
	link_vrrp
	if ! (cd "$tree" && make -j"$JOBS" modules) > "$dir/intree.log" 2>&1; then
		tail -n 30 "$dir/intree.log" >&2
		die "in-tree build of net/vrrp failed; see $dir/intree.log"
	fi
}

case $mode in
dir) echo "$dir"; exit 0 ;;
cached)
	[[ -f "$dir/done" ]] || exit 1
	print_result
	exit 0 ;;
esac

mkdir -p "$CACHE"
exec 9>"$CACHE/$key.lock"
if ! flock -n 9; then
	log "another build of $dir is running; waiting for it"
	flock 9
fi
if [[ -f "$dir/done" ]]; then
	build_intree
	print_result
	exit 0
fi

[[ -f "$KSRC/Makefile" ]] || die "no kernel source in $KSRC (scripts/deps.sh)"
mkdir -p "$dir"
start=$SECONDS

# A private copy of the source, built in place: the shared $KSRC stays
# clean for checkpatch/ynl, and the cache directory is self-contained.
if [[ ! -f "$dir/source-copied" ]]; then
	log "copying $KSRC to $tree"
	rm -rf "$tree"
	cp -a "$KSRC/." "$tree"
	touch "$dir/source-copied"
fi

# The configuration: allnoconfig + our fragment.
build_config() {
	make allnoconfig &&
		scripts/kconfig/merge_config.sh -m .config "$FRAGMENT" &&
		make olddefconfig
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
		have=$(sed -n "s/^$sym=//p" .config)
		[[ -n "$have" ]] || have=n
		if [[ "$have" != "$want" ]]; then
			log "config: $sym=$have, fragment wants $want"
			bad=1
		fi
	done < "$FRAGMENT"
	return $bad
}

link_vrrp
log "building in $tree with -j$JOBS (log: $dir/build.log)"
# (set -e does not apply inside a command whose status is tested: chain.)
if ! (cd "$tree" && build_config && check_config &&
	make -j"$JOBS" all &&
	make -s kernelrelease > "$dir/kernelrelease") > "$dir/build.log" 2>&1; then
	tail -n 30 "$dir/build.log" >&2
	die "build failed; see $dir/build.log"
fi
[[ -f "$tree/arch/x86/boot/bzImage" && -f "$tree/Module.symvers" ]] ||
	die "build finished without bzImage or Module.symvers"

echo "seconds=$((SECONDS - start)) jobs=$JOBS" > "$dir/build-time"
touch "$dir/done"
build_intree
log "built in $((SECONDS - start)) s"
print_result
