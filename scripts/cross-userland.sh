#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Cross-build (once, cached) the userland of the MIPS guests of
# scripts/cross-pair.sh from Debian's sources: libnl-3 and libnl-genl-3 as
# static libraries (what tool/vrrpctl links against) and a static busybox
# (selftests/qemu/busybox.config: sh, ip, ping and little else).
#
#   scripts/cross-userland.sh [ARCH]   prepare if needed, then print
#                                      "ARCH dir=PATH cross=PREFIX": PATH
#                                      holds busybox and libnl/ (lib/,
#                                      include/, lib/pkgconfig/)
#   scripts/cross-userland.sh --vrrpctl [ARCH]
#                                      prepare if needed, then build
#                                      vrrpctl from this tree, static,
#                                      in build/cross-ARCH/userland/tool/
#                                      and print the line above followed
#                                      by " vrrpctl=PATH bytes=N
#                                      stripped=N"
#
# ARCH is mips (the default: the MIPS guests), arm64 or armhf (vrrpctl's
# size there; Debian's libc6-dev-ARCH-cross). The sources come with "apt-get
# source --download-only" through a private sourcelist of deb-src lines
# (the machine's sources are not touched) and are unpacked with
# dpkg-source, Debian's patches applied. The cache directory is
# $VRRP_CACHE/cross/ARCH-userland-<key>/, <key> hashing the source
# versions, the functions of this script that build and the busybox
# fragment; "done" is written last, concurrent runs serialise on a lock.
# Environment: VRRP_CACHE (default /var/cache/vrrp), MIRROR (default
# http://deb.debian.org/debian), JOBS (default: nproc).

set -euo pipefail

SELF=$(readlink -f "${BASH_SOURCE[0]}")
REPO=$(cd "$(dirname "$SELF")/.." && pwd)
CACHE=${VRRP_CACHE:-/var/cache/vrrp}/cross
MIRROR=${MIRROR:-http://deb.debian.org/debian}
JOBS=${JOBS:-$(nproc)}
BBFRAG=$REPO/selftests/qemu/busybox.config
# Debian's bookworm versions: a new one makes a new cache directory.
LIBNL=libnl3=3.7.0-0.2
BUSYBOX=busybox=1:1.35.0-4+deb12u1

log() { echo "cross-userland: $*" >&2; }
die() { log "$*"; exit 1; }

want_vrrpctl=0
if [[ ${1:-} == --vrrpctl ]]; then
	want_vrrpctl=1
	shift
fi
arch=${1:-mips}
case $arch in
mips) cross=mips-linux-gnu- ;;
arm64) cross=aarch64-linux-gnu- ;;
armhf) cross=arm-linux-gnueabihf- ;;
*) die "unknown arch '$arch' (known: mips arm64 armhf)" ;;
esac
command -v "${cross}gcc" > /dev/null ||
	die "${cross}gcc missing (scripts/deps.sh)"
command -v dpkg-source > /dev/null || die "dpkg-source missing (dpkg-dev)"

# Debian's sources of $@ (name=version) unpacked in $1/src, through a
# private apt state in $1/apt.
fetch_sources() {
	local d=$1 aptdir=$1/apt try
	local -a apt

	shift
	mkdir -p "$aptdir/lists/partial" "$aptdir/cache/archives/partial"
	cat > "$aptdir/sources.list" <<-EOT
	deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $MIRROR bookworm main
	deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $MIRROR bookworm-updates main
	EOT
	apt=(-q -o "Dir::Etc::sourcelist=$aptdir/sources.list"
		-o Dir::Etc::sourceparts=- -o "Dir::State::Lists=$aptdir/lists"
		-o "Dir::Cache=$aptdir/cache")
	for try in 1 2 3; do
		apt-get "${apt[@]}" update > "$aptdir/update.log" 2>&1 &&
			! grep -q '^[EW]: ' "$aptdir/update.log" && break
		[[ $try -lt 3 ]] ||
			die "apt-get update failed; see $aptdir/update.log"
		sleep 10
	done
	rm -rf "$d/src"
	mkdir -p "$d/src"
	(cd "$d/src" && apt-get "${apt[@]}" source --download-only "$@" &&
		for dsc in *.dsc; do dpkg-source -x "$dsc"; done) \
		> "$aptdir/source.log" 2>&1 ||
		die "fetching $* failed; see $aptdir/source.log"
}

build_libnl() {
	local d=$1 src

	src=$(echo "$d"/src/libnl3-*/)
	# The Debian patches touch Makefile.am: keep automake from rerunning.
	touch "$src/aclocal.m4"
	touch "$src/configure" "$src/Makefile.in" "$src/include/config.h.in"
	(cd "$src" &&
		./configure --host="${cross%-}" --prefix="$d/libnl" \
			--disable-shared --enable-static --disable-cli \
			--disable-debug CFLAGS=-O2 &&
		make -j"$JOBS" lib/libnl-3.la lib/libnl-genl-3.la &&
		make install-libnlinclude_netlinkHEADERS \
			install-libnlinclude_netlink_genlHEADERS \
			install-libnlinclude_netlink_routeHEADERS \
			install-libnlinclude_netlink_fib_lookupHEADERS &&
		mkdir -p "$d/libnl/lib/pkgconfig" &&
		cp lib/.libs/libnl-3.a lib/.libs/libnl-genl-3.a "$d/libnl/lib/" &&
		cp libnl-3.0.pc libnl-genl-3.0.pc "$d/libnl/lib/pkgconfig/")
}

build_busybox() {
	local d=$1 src k v bad=0

	src=$(echo "$d"/src/busybox-*/)
	make -C "$src" allnoconfig
	while IFS='=' read -r k v; do
		[[ $k == CONFIG_* ]] || continue
		sed -i "/^# $k is not set/d;/^$k=/d" "$src/.config"
		echo "$k=$v" >> "$src/.config"
	done < "$BBFRAG"
	yes '' | make -C "$src" oldconfig
	while IFS='=' read -r k v; do
		[[ $k == CONFIG_* ]] || continue
		grep -qx "$k=$v" "$src/.config" ||
			{ log "busybox: $k=$v did not survive oldconfig"; bad=1; }
	done < "$BBFRAG"
	[[ $bad -eq 0 ]] &&
		make -C "$src" -j"$JOBS" CROSS_COMPILE="$cross" busybox &&
		cp "$src/busybox" "$d/busybox"
}

key=$({
	echo "$arch $LIBNL $BUSYBOX $MIRROR"
	declare -f fetch_sources build_libnl build_busybox
	sha256sum < "$BBFRAG"
} | sha256sum | cut -c1-16)
d=$CACHE/$arch-userland-$key
mkdir -p "$CACHE"
exec 9>"$d.lock"
flock 9
if [[ ! -f "$d/done" ]]; then
	start=$SECONDS
	rm -rf "$d"
	mkdir -p "$d"
	log "$arch: fetching $LIBNL $BUSYBOX"
	fetch_sources "$d" "$LIBNL" "$BUSYBOX"
	log "$arch: building libnl and busybox (log: $d/build.log)"
	if ! { build_libnl "$d" && build_busybox "$d"; } > "$d/build.log" 2>&1; then
		tail -n 30 "$d/build.log" >&2
		die "$arch: build failed; see $d/build.log"
	fi
	rm -rf "$d/src" "$d/apt/cache"
	echo "seconds=$((SECONDS - start)) jobs=$JOBS" > "$d/build-time"
	touch "$d/done"
	log "$arch: ready in $((SECONDS - start)) s"
fi
exec 9>&-
line="$arch dir=$d cross=$cross"
if [[ $want_vrrpctl -eq 0 ]]; then
	echo "$line"
	exit 0
fi

# vrrpctl, static, against the cross-built libnl.
u=$REPO/build/cross-$arch/userland
rm -rf "$u"
mkdir -p "$u"
cp -r "$REPO/tool" "$REPO/include" "$u/"
make -s -C "$u/tool" clean
make -s -C "$u/tool" -j"$JOBS" CC="${cross}gcc" \
	PKG_CONFIG="env PKG_CONFIG_LIBDIR=$d/libnl/lib/pkgconfig pkg-config --static" \
	LDFLAGS=-static vrrpctl 2> "$u/build.log" ||
	{ cat "$u/build.log" >&2; die "$arch: vrrpctl did not build"; }
"${cross}strip" -o "$u/vrrpctl.stripped" "$u/tool/vrrpctl"
echo "$line vrrpctl=$u/tool/vrrpctl bytes=$(stat -c %s "$u/tool/vrrpctl")" \
	"stripped=$(stat -c %s "$u/vrrpctl.stripped")"
