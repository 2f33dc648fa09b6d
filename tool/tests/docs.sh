#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The documentation against the tool: -h, --help and "help" print the
# same usage; the synopsis of the man page and of README are that usage
# (scripts/gen-synopsis.py --check; "make -C tool synopsis" rewrites
# them). KTAP output.
#
#   tests/docs.sh              (or: make -C tool test)

set -u

DIR=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$DIR/../.." && pwd)
VRRPCTL=${VRRPCTL:-$DIR/../vrrpctl}
TESTS=(help_forms synopsis)

NUM=0
FAILED=0
ok() { NUM=$((NUM + 1)); echo "ok $NUM $1"; }
not_ok() { NUM=$((NUM + 1)); FAILED=$((FAILED + 1)); echo "not ok $NUM $1"; }
diag() { sed 's/^/# /'; }

test_help_forms() {
	local h rc=0 opt

	h=$("$VRRPCTL" help) || return 1
	for opt in -h --help -help; do
		[[ $("$VRRPCTL" "$opt") == "$h" ]] ||
			{ echo "vrrpctl $opt differs from vrrpctl help" | diag; rc=1; }
	done
	return $rc
}

test_synopsis() {
	python3 "$TOP/scripts/gen-synopsis.py" --check "$VRRPCTL" 2>&1 | diag
	return "${PIPESTATUS[0]}"
}

echo "TAP version 13"
if [[ ! -x $VRRPCTL ]]; then
	echo "1..0 # SKIP $VRRPCTL not built"
	exit 4
fi
echo "1..${#TESTS[@]}"
for t in "${TESTS[@]}"; do
	if "test_$t"; then ok "$t"; else not_ok "$t"; fi
done
echo "# $((NUM - FAILED)) passed, $FAILED failed"
[[ $FAILED -eq 0 ]]
