#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Regenerate the uapi header and the kernel policy/op tables from
# Documentation/netlink/specs/vrrp.yaml with the kernel's own generator,
# tools/net/ynl/ynl-gen-c.py from linux-source-6.12, and the names kernel
# and vrrpctl share (counters, states, reasons) with scripts/gen-names.py.
#
#   scripts/ynl-regen.sh          rewrite the generated files
#   scripts/ynl-regen.sh --check  fail if they differ from the spec
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
KSRC=${KSRC:-/usr/src/linux-source-6.12}
gen=$KSRC/tools/net/ynl/ynl-gen-c.py
spec=Documentation/netlink/specs/vrrp.yaml
check=0
[ "${1:-}" = "--check" ] && check=1

if [ ! -f "$gen" ]; then
	echo "ynl-regen: $gen not found; run scripts/deps.sh (linux-source-6.12)" >&2
	exit 1
fi

# ynl-gen-c.py looks for MAINTAINERS above the spec and for the schema in
# the directory above the spec's; give it a tree of its own.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/Documentation/netlink/specs" "$work/out"
cp "$top/$spec" "$work/$spec"
cp "$top/MAINTAINERS" "$work/MAINTAINERS"
cp "$KSRC"/Documentation/netlink/genetlink*.yaml "$work/Documentation/netlink/"

run() { # mode kind output
	(cd "$work" && python3 "$gen" --mode "$1" "--$2" --spec "$spec" \
		-o "$work/out/$(basename "$3")" >/dev/null)
	if [ $check = 1 ]; then
		if ! cmp -s "$work/out/$(basename "$3")" "$top/$3"; then
			echo "ynl-regen: $3 is out of date with $spec (run make regen)" >&2
			diff -u "$top/$3" "$work/out/$(basename "$3")" | head -n 40 >&2 || true
			status=1
		fi
	else
		cp "$work/out/$(basename "$3")" "$top/$3"
		echo "	GEN	$3"
	fi
}

status=0
run uapi header include/uapi/linux/vrrp.h
run kernel header kernel/netlink-gen.h
run kernel source kernel/netlink-gen.c

# names() what output: the names kernel and tool share (gen-names.py).
names() {
	local out

	out=$work/out/$(basename "$2")

	(cd "$top" && python3 scripts/gen-names.py "$1" "$spec" "$out") ||
		status=1
	if [ $check = 1 ]; then
		if ! cmp -s "$out" "$top/$2"; then
			echo "ynl-regen: $2 is out of date with $spec (run make regen)" >&2
			diff -u "$top/$2" "$out" | head -n 40 >&2 || true
			status=1
		fi
	else
		cp "$out" "$top/$2"
		echo "	GEN	$2"
	fi
}

names kernel kernel/names-gen.h
names tool tool/spec-gen.h
exit $status
