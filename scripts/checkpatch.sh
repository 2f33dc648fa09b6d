#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run the kernel's checkpatch.pl (from linux-source-6.12, unpacked by
# scripts/deps.sh) on our hand-written C sources: kernel/, tool/ and bench/,
# excluding the YNL-generated *-gen.[ch] and kbuild's *.mod.c files.
#
#   scripts/checkpatch.sh [extra checkpatch options]
#
# Options: --strict --no-tree -f, plus whatever is given.
# Exit status: 0 when checkpatch reports no error, warning or check.

set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
KSRC=${KSRC:-/usr/src/linux-source-6.12}
cp_pl=$KSRC/scripts/checkpatch.pl

if [[ ! -f "$cp_pl" ]]; then
	echo "checkpatch: $cp_pl not found; run scripts/deps.sh" >&2
	exit 1
fi

cd "$top"
files=()
for f in kernel/*.c kernel/*.h kernel/*/*.c kernel/*/*.h tool/*.c tool/*.h bench/*.c; do
	[[ -f "$f" ]] || continue
	case $f in
	*-gen.c | *-gen.h | *.mod.c) continue ;;
	esac
	files+=("$f")
done

if [[ ${#files[@]} -eq 0 ]]; then
	echo "checkpatch: no source files found" >&2
	exit 0
fi

rc=0
# spelling.txt and const_structs.checkpatch live next to checkpatch.pl.
perl "$cp_pl" --strict --no-tree --show-types \
	"$@" -f "${files[@]}" || rc=$?
if [[ $rc -eq 0 ]]; then
	echo "checkpatch: ${#files[@]} files clean"
else
	echo "checkpatch: problems found in ${#files[@]} files (exit $rc)" >&2
fi
exit $rc
