#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# "save" and the plans of "apply", from tests/show-test: its routers as a
# kernel sends them stand for the running ones, and a table of names for
# the interfaces. Each row's output (stdout and stderr) and exit code are
# compared with tests/golden/apply/; then save's lines must come back as
# an empty plan, and every line written must be one vrrpctl -batch takes.
# What the kernel does with a plan is selftests/vrrp_apply.sh's. KTAP
# output.
#
#   tests/apply.sh             (or: make -C tool test)
#   tests/apply.sh -u          rewrite the golden files from this build

set -u

DIR=$(cd "$(dirname "$0")" && pwd)
BIN=$DIR/show-test
VRRPCTL=${VRRPCTL:-$DIR/../vrrpctl}
GOLDEN=$DIR/golden/apply
UPDATE=0
[[ ${1:-} == -u ]] && UPDATE=1

# Each row: name | exit code | options of show-test (run in $GOLDEN).
# The golden files are NAME.out (stdout) and NAME.err (stderr).
ROWS=(
"save             |0|-S"
"change           |0|-A change.conf"
"change_dev_eth1  |0|-A change.conf -D eth1"
"missing          |0|-A missing.conf"
"missing_dev_eth9 |0|-A missing.conf -D eth9"
"errors           |1|-A errors.conf"
"anycast          |0|-A anycast.conf"
)
EXTRA=(round_trip batch_syntax)

NUM=0
FAILED=0
ok() { NUM=$((NUM + 1)); echo "ok $NUM $1"; }
not_ok() { NUM=$((NUM + 1)); FAILED=$((FAILED + 1)); echo "not ok $NUM $1"; }
diag() { sed 's/^/# /'; }

# run_row NAME RC OPTIONS
run_row() {
	local name=$1 want=$2 rc out tmp
	local -a opts

	read -r -a opts <<< "$3"
	tmp=$(mktemp -d /tmp/vrrp-apply-test.XXXXXX) || return 1
	(cd "$GOLDEN" && "$BIN" "${opts[@]}" > "$tmp/out" 2> "$tmp/err")
	rc=$?
	if [[ $UPDATE -eq 1 ]]; then
		cp "$tmp/out" "$GOLDEN/$name.out"
		cp "$tmp/err" "$GOLDEN/$name.err"
	fi
	out=$(diff -u "$GOLDEN/$name.out" "$tmp/out" 2>&1;
	      diff -u "$GOLDEN/$name.err" "$tmp/err" 2>&1)
	rm -rf "$tmp"
	if [[ $rc -eq $want && -z $out ]]; then
		ok "$name"
	else
		not_ok "$name"
		{ echo "exit $rc, expected $want"; echo "$out"; } | diag
	fi
}

# What save writes, apply takes back with nothing to do.
test_round_trip() {
	local out rc

	out=$(cd "$GOLDEN" && "$BIN" -A save.out 2>&1)
	rc=$?
	[[ $rc -eq 0 && -z $out ]] && return 0
	echo "exit $rc: $out" | diag
	return 1
}

# Every line of save and of the plans is a line -batch takes.
test_batch_syntax() {
	local f out

	for f in "$GOLDEN"/*.out; do
		out=$("$VRRPCTL" -check -batch "$f" 2>&1) && continue
		echo "$out" | diag
		return 1
	done
}

echo "TAP version 13"
if [[ ! -x $BIN || ! -x $VRRPCTL ]]; then
	echo "1..0 # SKIP $BIN or $VRRPCTL not built"
	exit 4
fi
echo "1..$((${#ROWS[@]} + ${#EXTRA[@]}))"
for row in "${ROWS[@]}"; do
	IFS='|' read -r name want opts <<< "$row"
	run_row "${name%% *}" "$want" "$opts"
done
for t in "${EXTRA[@]}"; do
	if "test_$t"; then ok "$t"; else not_ok "$t"; fi
done
echo "# $((NUM - FAILED)) passed, $FAILED failed"
[[ $FAILED -eq 0 ]]
