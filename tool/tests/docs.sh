#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The documentation against the tool: -h, --help and "help" print the
# same usage; the synopsis of the man page and of README are that usage
# (scripts/gen-synopsis.py --check; "make -C tool synopsis" rewrites
# them); every JSON key of the golden outputs (tests/golden/) and of
# "stats net -j" is in bold in the man page's JSON OUTPUT section; and
# its EXIT STATUS lists the tool's exit codes. KTAP output.
#
#   tests/docs.sh              (or: make -C tool test)

set -u

DIR=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$DIR/../.." && pwd)
VRRPCTL=${VRRPCTL:-$DIR/../vrrpctl}
MAN=$DIR/../man/vrrpctl.8
TESTS=(help_forms synopsis json_keys exit_status)

NUM=0
FAILED=0
ok() { NUM=$((NUM + 1)); echo "ok $NUM $1"; }
not_ok() { NUM=$((NUM + 1)); FAILED=$((FAILED + 1)); echo "not ok $NUM $1"; }
diag() { sed 's/^/# /'; }

# man_section NAME: the troff source of section .SH NAME.
man_section() {
	awk -v name="$1" '/^\.SH / { on = ($0 == ".SH " name) } on' "$MAN"
}

# bold_words: the words set in bold in troff source on stdin (.B, the
# bold arguments of .BR/.RB/.BI/.IB, \fB...\fR).
bold_words() {
	python3 -c '
import re, shlex, sys
words = set()
for line in sys.stdin:
    for m in re.finditer(r"\\fB(.*?)\\f[RPI]", line):
        words.update(re.findall(r"[A-Za-z0-9_-]+", m.group(1)))
    m = re.match(r"^\.(B|BR|RB|BI|IB)\s+(.*)$", line)
    if not m:
        continue
    args = shlex.split(m.group(2).replace("\\", "\\\\"))
    for i, a in enumerate(args):
        if m.group(1) == "B" or (i % 2 == 0) == (m.group(1)[0] == "B"):
            words.update(re.findall(r"[A-Za-z0-9_]+", a))
print("\n".join(sorted(words)))'
}

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

test_json_keys() {
	local keys bold missing

	keys=$( {
		cat "$DIR"/golden/json* "$DIR"/golden/monitor-json |
			grep -o '"[a-z_0-9]*":' | tr -d '":'
		# The keys of "stats net -j": the spec's net-stats counters.
		sed -n '/vrrp_net_stat_names\[\]/,/^};/p' "$DIR/../spec-gen.h" |
			grep -o '^	{ VRRP_A_[A-Z_]*, "[a-z-]*", "[a-z_]*"' |
			sed 's/.*"\([a-z_]*\)"$/\1/'
	} | sort -u)
	bold=$(man_section "JSON OUTPUT" | bold_words)
	missing=$(comm -23 <(echo "$keys") <(echo "$bold"))
	[[ -z $missing ]] && [[ $(wc -l <<< "$keys") -gt 60 ]] && return 0
	echo "JSON keys not in the man page's JSON OUTPUT: $missing" | diag
	return 1
}

# The codes of util.h's enum are the man page's, and no other.
test_exit_status() {
	local codes doc

	codes=$(sed -n 's/^	VRRP_EXIT_[A-Z]* = \([0-9]*\),.*/\1/p' "$DIR/../util.h" |
		sort -n | tr '\n' ' ')
	doc=$(man_section "EXIT STATUS" | awk '/^\.TP/ { getline; print $2 }' |
		sort -n | tr '\n' ' ')
	[[ -n $codes && $codes == "$doc" ]] && return 0
	echo "util.h: $codes; the man page: $doc" | diag
	return 1
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
