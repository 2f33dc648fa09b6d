#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The output of "show" (text with -d and -s, JSON compact and pretty) and
# of "monitor -j", printed by tests/show-test from messages it builds as
# the kernel does, compared byte for byte with tests/golden/. The
# selftests parse both forms, so any change shows here first. KTAP output.
#
#   tests/show.sh              (or: make -C tool test)
#   tests/show.sh -u           rewrite the golden files from this build

set -u

DIR=$(cd "$(dirname "$0")" && pwd)
BIN=$DIR/show-test
GOLDEN=$DIR/golden
UPDATE=0
[[ ${1:-} == -u ]] && UPDATE=1

# Each row: golden file | options of show-test.
ROWS=(
"text          |"
"text-d        |-d"
"text-s        |-s"
"text-sd       |-s -d"
"json          |-j"
"json-s-d      |-j -s -d"
"json-pretty   |-p"
"monitor-json  |-m"
)

echo "TAP version 13"
if [[ ! -x $BIN ]]; then
	echo "1..0 # SKIP $BIN not built"
	exit 4
fi
echo "1..${#ROWS[@]}"
num=0
failed=0
for row in "${ROWS[@]}"; do
	IFS='|' read -r name opts <<< "$row"
	name=${name%% *}
	num=$((num + 1))
	# shellcheck disable=SC2086 # the options are words
	if [[ $UPDATE -eq 1 ]]; then
		"$BIN" $opts > "$GOLDEN/$name"
	fi
	# shellcheck disable=SC2086
	if out=$("$BIN" $opts | diff -u "$GOLDEN/$name" - 2>&1); then
		echo "ok $num $name"
	else
		echo "not ok $num $name"
		while IFS= read -r line; do
			echo "# $line"
		done <<< "$out"
		failed=$((failed + 1))
	fi
done
echo "# $((num - failed)) passed, $failed failed"
[[ $failed -eq 0 ]]
