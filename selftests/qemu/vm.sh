#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vm.sh - run a command inside a throwaway qemu (TCG) VM booting an
# installed Debian kernel, with the host root filesystem shared read-only.
#
# Usage:
#   selftests/qemu/vm.sh [options] -- COMMAND [ARG...]
#
# Options:
#   -k KVER     kernel to boot: /boot/vmlinuz-KVER with modules from
#               /lib/modules/KVER (default: the running kernel, uname -r),
#               else one that scripts/kernels.sh fetched, in
#               $VRRP_CACHE/kernels/KVER (default /var/cache/vrrp), whose
#               modules the guest sees at /lib/modules/KVER;
#               with -K only a label for the run (default: "custom")
#   -K IMAGE    boot this bzImage instead, one with virtio-pci and 9p
#               built in (scripts/debug-kernel.sh builds one): its
#               initramfs holds no modules and the guest loads none
#   -a ARGS     append ARGS to the kernel command line (e.g. kmemleak=on)
#   -L          leak check at the end (needs a kernel with kmemleak):
#               unload MODULE, scan twice, fail on any leak reported
#   -o OUTDIR   output directory, created if needed (default: out/vm-KVER);
#               its path must not contain spaces or commas
#   -m MODULE   a .ko to insmod in the guest before COMMAND; its absolute
#               path is exported to COMMAND as VRRP_KO
#   -e VAR=VAL  export VAR to COMMAND (repeatable)
#   -t SECONDS  host-side limit for the whole VM run (default 1200, or
#               $VM_TIMEOUT)
#   -M SIZE     guest memory (default 2G)
#   -c CPUS     guest CPUs (default 2), all run by one host thread
#               (VM_TCG_THREAD=multi: one each, see tcg_thread below)
#   -W          do not fail on kernel warnings found in the guest dmesg
#   -q          do not stream COMMAND's output while the VM runs
#   -h          this help
#
# How it works:
#   The guest boots a small initramfs built here from busybox-static and the
#   kernel's own 9p/virtio modules (with their modules.dep dependencies),
#   cached in build/initramfs/KVER.cpio.gz and rebuilt when an input
#   changes. Its /init mounts the host root read-only over virtio-9p
#   (mount_tag "root"), tmpfs over the places tools write to (/tmp, /run,
#   /var/{tmp,lib,log,cache}, /root, /home, /mnt), OUTDIR read-write over
#   virtio-9p (mount_tag "out") at the same path as on the host, then
#   switch_roots into the host root and runs selftests/qemu/guest.sh there.
#   The repository is therefore visible in the guest at its host path
#   (read-only); COMMAND runs in the current directory, as root, with
#   HOME=/root, a standard PATH, VM_OUT=OUTDIR, stdin from /dev/null.
#
# Outputs in OUTDIR:
#   console.log   the serial console (kernel messages, init messages)
#   output.log    COMMAND's stdout and stderr (streamed to stdout unless -q)
#   dmesg.txt     the guest's ring buffer after COMMAND
#   kernel.log    the kernel log followed from boot to power-off (what the
#                 run is judged by: a wrapped ring buffer loses nothing
#                 here; its tail is printed when the guest dies)
#   mem.log       the guest's free memory, slab and shmem every 30 s
#   kunit.tap     when the kernel has KUnit and MODULE has suites: their
#                 results as flat KTAP, one line per case (kunit/SUITE has
#                 each suite's raw results from debugfs)
#   kmemleak.txt  with -L: the leaks kmemleak reported (empty: none), and
#                 leakcheck.log what the guest did
#   result        "rc=N": COMMAND's exit status, written by the guest
#   boot.txt      timings: guest uptime when COMMAND started and ended,
#                 host seconds for the whole VM run
#
# qemu exits 0 even when the guest panics, so success is judged only from
# the result file and the dmesg. Exit status:
#   0    COMMAND exited 0 and the guest dmesg is clean
#   1    COMMAND exited 0 but the dmesg shows a kernel warning/bug
#        (WARNING:, BUG:, Oops, Call Trace, KASAN, lockdep, ODEBUG, list
#        corruption, ...; the lines are printed) or, with -L, kmemleak
#        reported a leak or MODULE did not unload
#   N    COMMAND exited N (non-zero); dmesg findings are printed as well
#   125  the VM itself failed: no result (guest crash/panic, timeout),
#        insmod of MODULE failed, bad usage, missing kernel
#
# Example:
#   selftests/qemu/vm.sh -k 6.1.0-56-amd64 -o out/t -- sh -c 'uname -r; ip link'

set -euo pipefail

VM_SH=$(readlink -f "${BASH_SOURCE[0]}")
QEMU_DIR=$(dirname "$VM_SH")
REPO=$(cd "$QEMU_DIR/../.." && pwd)
GUEST_SH="$QEMU_DIR/guest.sh"

# Kernel modules the initramfs needs to mount the 9p shares.
INITRAMFS_MODS=(virtio_pci 9pnet_virtio 9p)

# Lines in the guest dmesg that fail the run.
# "BUG: KASAN", lockdep's "WARNING: possible circular locking" and the like
# match WARNING:/BUG:. kmemleak findings are judged from its report (-L),
# not from its log lines: boot-time leaks outside our code are excluded.
DMESG_BAD='WARNING:|BUG:|Oops|general protection fault|scheduling while atomic|refcount_t:|KASAN|UBSAN|possible circular locking|inconsistent lock state|possible recursive locking|INFO: trying to register non-static key|unreferenced object|ODEBUG|list_add corruption|list_del corruption|Call Trace|RTNL: assertion failed|Kernel panic|hung_task|soft lockup|rcu_sched self-detected|rcu: INFO'

# The first line of a guest crash on the console (loglevel=4 shows these).
CRASH_RE="$DMESG_BAD|kernel BUG at|Out of memory"

kver=
# The root of a kernel that is not installed (its boot/ and lib/modules/).
kroot=
image=
append=
leakcheck=0
outdir=
module=
timeout_s=${VM_TIMEOUT:-1200}
mem=2G
cpus=2
# One host thread runs every vCPU, by default. With a thread per vCPU
# (multi), a vCPU can run code another has just patched back (static
# keys: the first SO_TIMESTAMP socket, netdev hooks, tracepoints), and a
# 6.12 guest dies of "Oops: int3" in __netif_receive_skb_core, "Fatal
# exception in interrupt". The guest still has two CPUs; it gets at most
# one host core.
tcg_thread=${VM_TCG_THREAD:-single}
allow_warn=0
quiet=0
extra_env=()

usage() {
	sed -n '/^# Usage:/,/^# Example:/{s/^# \{0,1\}//;p}' "$VM_SH" >&2
	exit 125
}

die() {
	echo "vm.sh: $*" >&2
	exit 125
}

while getopts "k:K:a:Lo:m:e:t:M:c:Wqh" opt; do
	case $opt in
	k) kver=$OPTARG ;;
	K) image=$OPTARG ;;
	a) append+=" $OPTARG" ;;
	L) leakcheck=1 ;;
	o) outdir=$OPTARG ;;
	m) module=$OPTARG ;;
	e) [[ "$OPTARG" == [A-Za-z_]*=* ]] || die "-e wants VAR=VALUE"
	   extra_env+=("$OPTARG") ;;
	t) timeout_s=$OPTARG ;;
	M) mem=$OPTARG ;;
	c) cpus=$OPTARG ;;
	W) allow_warn=1 ;;
	q) quiet=1 ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[[ $# -gt 0 ]] || usage

if [[ -n "$image" ]]; then
	# Everything the guest needs is built in: no modules in the initramfs.
	kernel=$(readlink -f "$image")
	[[ -r "$kernel" ]] || die "no kernel image $image"
	kver=${kver:-custom}
	INITRAMFS_MODS=()
else
	kver=${kver:-$(uname -r)}
	kernel=/boot/vmlinuz-$kver
	cached=${VRRP_CACHE:-/var/cache/vrrp}/kernels/$kver
	if [[ ! -r "$kernel" && -r "$cached/boot/vmlinuz-$kver" ]]; then
		kroot=$cached
		kernel=$kroot/boot/vmlinuz-$kver
	fi
	[[ -r "$kernel" ]] || die "no kernel $kernel (installed: $(find /boot -maxdepth 1 -name 'vmlinuz-*' -printf '%f ' 2>/dev/null); scripts/kernels.sh fetches others)"
	[[ -d "$kroot/lib/modules/$kver" ]] || die "no $kroot/lib/modules/$kver"
fi
[[ "$kver" =~ ^[A-Za-z0-9._+-]+$ ]] || die "bad kernel label: $kver"
command -v qemu-system-x86_64 >/dev/null || die "qemu-system-x86_64 missing (scripts/deps.sh)"
BUSYBOX=$(command -v busybox || true)
[[ -n "$BUSYBOX" ]] || die "busybox missing (install busybox-static)"
if ldd "$BUSYBOX" >/dev/null 2>&1; then
	die "$BUSYBOX is dynamically linked (install busybox-static)"
fi
[[ -r "$GUEST_SH" ]] || die "missing $GUEST_SH"

outdir=${outdir:-$REPO/out/vm-$kver}
mkdir -p "$outdir"
outdir=$(cd "$outdir" && pwd -P)
[[ "$outdir" != *[[:space:],]* ]] || die "OUTDIR path must not contain spaces or commas: $outdir"

if [[ -n "$module" ]]; then
	[[ -r "$module" ]] || die "no module $module"
	module=$(readlink -f "$module")
fi

# ---------------------------------------------------------------------------
# The initramfs: busybox + 9p/virtio modules + /init, cached per kernel.

# Print the module files (in load order) the initramfs needs for $kver.
initramfs_modules() {
	local m

	for m in ${INITRAMFS_MODS[@]+"${INITRAMFS_MODS[@]}"}; do
		modprobe ${kroot:+-d "$kroot"} -S "$kver" --show-depends "$m" ||
			die "modprobe -S $kver --show-depends $m failed"
	done | awk '
		# "insmod /lib/modules/.../x.ko[.xz] [params]" or "builtin x"
		$1 == "insmod" && !seen[$2]++ { print $2 }'
}

# The initramfs /init (busybox sh). Kept here so the cache key covers it.
initramfs_init() {
	cat <<'EOF'
#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Generated by selftests/qemu/vm.sh: mount the host root over 9p and run
# the stage-2 script (selftests/qemu/guest.sh) in it.
export PATH=/bin
mount -t devtmpfs devtmpfs /dev
exec </dev/console >/dev/console 2>&1
mount -t proc proc /proc
mount -t sysfs sysfs /sys

fail() {
	echo "vm-init: FATAL: $*"
	echo 1 > /proc/sys/kernel/sysrq
	echo o > /proc/sysrq-trigger
	sleep 60
}

for m in $(cat /modules.list); do
	insmod "/lib/modules/$m" || fail "insmod $m"
done

arg() { sed -n "s/.*[[:space:]]$1=\([^[:space:]]*\).*/\1/p" /proc/cmdline; }
out=$(arg vm_out)
stage2=$(arg vm_init)
[ -n "$out" ] && [ -n "$stage2" ] || fail "vm_out= or vm_init= missing"

opts=trans=virtio,version=9p2000.L,msize=512000
mkdir -p /newroot
mount -t 9p -o "$opts,cache=loose,ro" root /newroot || fail "mount root"
for d in tmp run var/tmp var/lib var/log var/cache root home mnt; do
	[ -d "/newroot/$d" ] || continue
	case $d in tmp|var/tmp) mode=1777 ;; *) mode=0755 ;; esac
	mount -t tmpfs -o mode=$mode,size=50% tmpfs "/newroot/$d" ||
		fail "tmpfs on /$d"
done
# The repository again, read-only at its own path: a clone under /tmp,
# /root or /home would be hidden by the tmpfs mounts above.
repo=$(arg vm_repo)
mkdir -p "/newroot$repo" && mount -t 9p -o "$opts,ro" repo "/newroot$repo" ||
	fail "mount repo share on $repo"
mkdir -p "/newroot$out" && mount -t 9p -o "$opts,rw" out "/newroot$out" ||
	fail "mount out share on $out"
# A kernel the host has not installed: its modules, where modprobe looks.
mods=$(arg vm_mods)
if [ -n "$mods" ]; then
	mount -t tmpfs -o mode=0755 tmpfs /newroot/lib/modules &&
		mkdir "/newroot/lib/modules/$mods" &&
		mount -t 9p -o "$opts,ro" mods "/newroot/lib/modules/$mods" ||
		fail "mount mods share on /lib/modules/$mods"
fi
for d in dev proc sys; do
	mount -o move "/$d" "/newroot/$d" || fail "move /$d"
done
exec switch_root /newroot /bin/bash "$stage2"
fail "switch_root"
EOF
}

build_initramfs() {
	local cache="$REPO/build/initramfs" img key mods m stage f

	mkdir -p "$cache"
	if [[ -n "$image" ]]; then
		img="$cache/builtin.cpio.gz"
		mods=
	else
		img="$cache/$kver.cpio.gz"
		# (errexit does not reach into a command substitution)
		mods=$(initramfs_modules) || die "the initramfs modules of $kver"
	fi
	key=$({
		echo "v1 ${image:+builtin }$kver"
		initramfs_init
		sha256sum "$BUSYBOX"
		for m in $mods; do
			stat -c '%n %s %Y' "$m"
		done
	} | sha256sum | cut -d' ' -f1)

	exec 9>"$cache/.lock"
	flock 9
	if [[ -s "$img" && "$(cat "$img.key" 2>/dev/null)" == "$key" ]]; then
		exec 9>&-
		echo "$img"
		return
	fi

	# This runs in a command substitution, where errexit does not reach:
	# every step that can fail says so, or a broken image would be
	# cached under a valid key.
	echo "vm.sh: building $img" >&2
	stage=$(mktemp -d) || die "mktemp failed"
	{ mkdir -p "$stage"/{bin,dev,proc,sys,newroot,lib/modules} &&
		cp "$BUSYBOX" "$stage/bin/busybox"; } || die "cannot stage $img"
	for f in sh mount insmod sed mkdir chmod cat sleep switch_root; do
		ln -s busybox "$stage/bin/$f"
	done
	: > "$stage/modules.list"
	for m in $mods; do
		f=$(basename "$m")
		case $f in
		*.ko.xz)  xz -dc "$m" > "$stage/lib/modules/${f%.xz}"; f=${f%.xz} ;;
		*.ko.zst) zstd -qdc "$m" > "$stage/lib/modules/${f%.zst}"; f=${f%.zst} ;;
		*.ko.gz)  gzip -dc "$m" > "$stage/lib/modules/${f%.gz}"; f=${f%.gz} ;;
		*.ko)     cp "$m" "$stage/lib/modules/$f" ;;
		*)        die "unexpected module file $m" ;;
		esac || die "cannot unpack $m"
		echo "$f" >> "$stage/modules.list"
	done
	{ initramfs_init > "$stage/init" && chmod 755 "$stage/init"; } ||
		die "cannot write $stage/init"
	mknod -m 600 "$stage/dev/console" c 5 1 2>/dev/null || true
	(cd "$stage" && find . -print0 | LC_ALL=C sort -z |
		cpio --null -o -H newc --quiet -R 0:0) | gzip -1 > "$img.tmp" ||
		die "cannot pack $img"
	rm -rf "$stage"
	{ mv "$img.tmp" "$img" && echo "$key" > "$img.key"; } ||
		die "cannot store $img"
	exec 9>&-
	echo "$img"
}

initrd=$(build_initramfs)

# ---------------------------------------------------------------------------
# The run description the guest reads from OUTDIR/.vm/env.

rm -rf "$outdir/.vm" "$outdir/result" "$outdir/dmesg.txt" "$outdir/kernel.log" "$outdir/mem.log" "$outdir/boot.txt" \
	"$outdir/kunit" "$outdir/kunit.tap" "$outdir/kmemleak.txt" \
	"$outdir/leakcheck.log"
mkdir -p "$outdir/.vm"
: > "$outdir/output.log"
: > "$outdir/console.log"
{
	printf 'VM_OUT=%q\n' "$outdir"
	printf 'VM_CWD=%q\n' "$PWD"
	printf 'VM_MODULE=%q\n' "$module"
	printf 'VM_KVER=%q\n' "$kver"
	printf 'VM_REPO=%q\n' "$REPO"
	printf 'VM_LEAKCHECK=%q\n' "$leakcheck"
	printf 'VM_ENV=('
	[[ -n "$module" ]] && printf '%q ' "VRRP_KO=$module"
	for e in "${extra_env[@]}"; do printf '%q ' "$e"; done
	printf ')\n'
	printf 'VM_CMD=('
	printf '%q ' "$@"
	printf ')\n'
} > "$outdir/.vm/env"

# ---------------------------------------------------------------------------
# Boot.

cmdline="console=ttyS0 panic=-1 loglevel=4 rdinit=/init"
cmdline+=" vm_out=$outdir vm_init=$GUEST_SH vm_repo=$REPO$append"
[[ -z "$kroot" ]] || cmdline+=" vm_mods=$kver"

qemu=(
	timeout --foreground -k 10 "$timeout_s"
	qemu-system-x86_64
	-accel "tcg,thread=$tcg_thread" -machine q35 -cpu max -smp "$cpus" -m "$mem"
	-nographic -no-reboot -monitor none -nic none
	-serial "file:$outdir/console.log"
	-kernel "$kernel" -initrd "$initrd" -append "$cmdline"
	-fsdev "local,id=root,path=/,security_model=none,readonly=on,multidevs=remap"
	-device "virtio-9p-pci,fsdev=root,mount_tag=root"
	-fsdev "local,id=repo,path=$REPO,security_model=none,readonly=on,multidevs=remap"
	-device "virtio-9p-pci,fsdev=repo,mount_tag=repo"
	-fsdev "local,id=out,path=$outdir,security_model=none"
	-device "virtio-9p-pci,fsdev=out,mount_tag=out"
)
if [[ -n "$kroot" ]]; then
	qemu+=(
		-fsdev "local,id=mods,path=$(readlink -f "$kroot/lib/modules/$kver"),security_model=none,readonly=on,multidevs=remap"
		-device "virtio-9p-pci,fsdev=mods,mount_tag=mods"
	)
fi

echo "vm.sh: booting $kver${image:+ ($kernel)}${module:+ with $(basename "$module")}, output in $outdir" >&2
start=$(date +%s.%N)
"${qemu[@]}" < /dev/null > "$outdir/qemu.log" 2>&1 &
qpid=$!
if [[ $quiet -eq 0 ]]; then
	tail -n +1 -f --pid=$qpid "$outdir/output.log" &
	tpid=$!
fi
qrc=0
wait $qpid || qrc=$?
[[ $quiet -eq 0 ]] && wait "$tpid" 2>/dev/null
end=$(date +%s.%N)
host_s=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
echo "host_seconds=$host_s" >> "$outdir/boot.txt"

if [[ $qrc -eq 124 || $qrc -eq 137 ]]; then
	echo "vm.sh: TIMEOUT: the VM did not finish within ${timeout_s}s" >&2
fi

if [[ ! -s "$outdir/result" ]]; then
	echo "vm.sh: FAIL: the guest wrote no result (qemu exit $qrc)." >&2
	# A crash first: its headline and trace are what explain the rest.
	crash=$(grep -n -m1 -E -- "$CRASH_RE" "$outdir/console.log" | cut -d: -f1)
	if [[ -n "$crash" ]]; then
		echo "vm.sh: the guest kernel crashed ($outdir/console.log, line $crash):" >&2
		tail -n "+$((crash > 5 ? crash - 5 : 1))" "$outdir/console.log" |
			head -n 60 | sed 's/^/    /' >&2
	fi
	echo "vm.sh: last console lines ($outdir/console.log):" >&2
	tail -n 20 "$outdir/console.log" | sed 's/^/    /' >&2
	if [[ -s "$outdir/mem.log" ]]; then
		echo "vm.sh: guest memory, last samples ($outdir/mem.log):" >&2
		tail -n 3 "$outdir/mem.log" | sed 's/^/    /' >&2
	fi
	if [[ -s "$outdir/kernel.log" ]]; then
		echo "vm.sh: last kernel messages ($outdir/kernel.log):" >&2
		tail -n 25 "$outdir/kernel.log" | sed 's/^/    /' >&2
	fi
	grep -v '^$' "$outdir/qemu.log" | sed 's/^/    qemu: /' >&2 || true
	exit 125
fi

# shellcheck disable=SC1091
rc=$(sed -n 's/^rc=//p' "$outdir/result")
reason=$(sed -n 's/^error=//p' "$outdir/result")
printf 'vm.sh: %s: %s s (guest: %s)\n' "$kver" "$host_s" \
	"$(tr '\n' ' ' < "$outdir/boot.txt")" >&2
if [[ -n "$reason" ]]; then
	echo "vm.sh: FAIL: $reason" >&2
	exit 125
fi

bad=0
klog=$outdir/kernel.log
nolog=
if [[ ! -s "$klog" ]]; then
	# Without the followed log the run cannot be judged whole.
	nolog="no kernel log followed from boot ($klog)"
	klog=$outdir/dmesg.txt
fi
if [[ -f "$klog" ]] &&
   grep -E -- "$DMESG_BAD" "$klog" > "$outdir/dmesg-bad.txt"; then
	bad=1
	echo "vm.sh: guest kernel log shows kernel problems ($klog):" >&2
	grep -E -B2 -A25 -- "$DMESG_BAD" "$klog" | head -n 120 |
		sed 's/^/    /' >&2
else
	rm -f "$outdir/dmesg-bad.txt"
fi
if [[ -n "$nolog" ]]; then
	echo "vm.sh: $nolog" >&2
	echo "$nolog" >> "$outdir/dmesg-bad.txt"
	bad=1
	allow_warn=0
fi
leakbad=0
if [[ $leakcheck -eq 1 ]]; then
	if [[ ! -f "$outdir/kmemleak.txt" ]]; then
		leakbad=1
		echo "vm.sh: leak check did not run; see $outdir/leakcheck.log" >&2
	elif [[ -s "$outdir/kmemleak.txt" ]]; then
		leakbad=1
		echo "vm.sh: kmemleak reports leaks ($outdir/kmemleak.txt):" >&2
		head -n 60 "$outdir/kmemleak.txt" | sed 's/^/    /' >&2
	fi
	if grep -q '^rmmod failed' "$outdir/leakcheck.log" 2>/dev/null; then
		leakbad=1
		echo "vm.sh: $(grep -m1 '^rmmod failed' "$outdir/leakcheck.log")" >&2
	fi
fi

if [[ "$rc" != 0 ]]; then
	echo "vm.sh: command exited $rc" >&2
	exit "$rc"
fi
if [[ $bad -eq 1 && $allow_warn -eq 0 ]]; then
	echo "vm.sh: FAIL: kernel warnings in dmesg" >&2
	exit 1
fi
if [[ $leakbad -eq 1 ]]; then
	echo "vm.sh: FAIL: leak check" >&2
	exit 1
fi
exit 0
