#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The output of "show" (text with -d and -s, JSON compact and pretty), of
# "monitor -j" and of "metrics", printed by tests/show-test from messages
# it builds as the kernel does, compared byte for byte with tests/golden/.
# The selftests parse both forms, so any change shows here first. The
# metrics are also checked with Prometheus's own "promtool check metrics"
# (package prometheus): without it the check is skipped, and under CI=true
# it fails. KTAP output.
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
"metrics       |-P"
"metrics-netns |-P -n blue"
)
# The golden files that promtool checks.
PROM=(metrics metrics-netns)

echo "TAP version 13"
if [[ ! -x $BIN ]]; then
	echo "1..0 # SKIP $BIN not built"
	exit 4
fi
echo "1..$((${#ROWS[@]} + ${#PROM[@]} + 1))"
num=0
failed=0

# result NAME OUTPUT STATUS: the KTAP line of test NAME, and OUTPUT as its
# diagnostics when STATUS is not 0.
result() {
	local line

	if [[ $3 -eq 0 ]]; then
		echo "ok $num $1"
		return
	fi
	echo "not ok $num $1"
	while IFS= read -r line; do
		echo "# $line"
	done <<< "$2"
	failed=$((failed + 1))
}
for row in "${ROWS[@]}"; do
	IFS='|' read -r name opts <<< "$row"
	name=${name%% *}
	num=$((num + 1))
	# shellcheck disable=SC2086 # the options are words
	if [[ $UPDATE -eq 1 ]]; then
		"$BIN" $opts > "$GOLDEN/$name"
	fi
	# shellcheck disable=SC2086
	out=$("$BIN" $opts | diff -u "$GOLDEN/$name" - 2>&1)
	result "$name" "$out" $?
done
for name in "${PROM[@]}"; do
	num=$((num + 1))
	if ! command -v promtool > /dev/null; then
		if [[ ${CI:-} == true ]]; then
			echo "not ok $num promtool_$name"
			echo "# promtool missing under CI (scripts/deps.sh installs it)"
			failed=$((failed + 1))
		else
			echo "ok $num promtool_$name # SKIP no promtool (package prometheus)"
		fi
		continue
	fi
	out=$(promtool check metrics < "$GOLDEN/$name" 2>&1)
	result "promtool_$name" "$out" $?
done
# packaging/vrrp-metrics: the file it writes is the output of "metrics",
# renamed into place, no temporary file left; a failure keeps the old one.
collector() {
	local d rc=0

	d=$(mktemp -d /tmp/vrrp-metrics-test.XXXXXX) || return 1
	printf '#!/bin/sh\nexec "%s" -P\n' "$BIN" > "$d/vrrpctl"
	printf '#!/bin/sh\nexit 1\n' > "$d/false"
	chmod +x "$d/vrrpctl" "$d/false"
	mkdir "$d/out"
	VRRPCTL=$d/vrrpctl "$DIR/../../packaging/vrrp-metrics" "$d/out" &&
		cmp -s "$d/out/vrrp.prom" "$GOLDEN/metrics" &&
		[[ $(stat -c %a "$d/out/vrrp.prom") == 644 ]] || rc=1
	if VRRPCTL=$d/false "$DIR/../../packaging/vrrp-metrics" "$d/out" 2>/dev/null ||
	   ! cmp -s "$d/out/vrrp.prom" "$GOLDEN/metrics"; then
		rc=1
	fi
	[[ $(find "$d/out" -type f | wc -l) -eq 1 ]] || rc=1
	rm -rf "$d"
	return $rc
}
num=$((num + 1))
if collector; then
	echo "ok $num collector"
else
	echo "not ok $num collector"
	failed=$((failed + 1))
fi
echo "# $((num - failed)) passed, $failed failed"
[[ $failed -eq 0 ]]
