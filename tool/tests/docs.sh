#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The documentation against the tool: -h, --help and "help" print the
# same usage; the synopsis of the man page and of README are that usage
# (scripts/gen-synopsis.py --check; "make -C tool synopsis" rewrites
# them); every JSON key of the golden outputs (tests/golden/) and of
# "stats net -j" is in bold in the man page's JSON OUTPUT section; its
# EXIT STATUS lists the tool's exit codes; and the limits it gives for
# each keyword are the uapi header's. KTAP output.
#
#   tests/docs.sh              (or: make -C tool test)

set -u

DIR=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$DIR/../.." && pwd)
VRRPCTL=${VRRPCTL:-$DIR/../vrrpctl}
MAN=$DIR/../man/vrrpctl.8
TESTS=(help_forms synopsis json_keys exit_status limits)

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

# Each keyword's paragraph in COMMANDS gives its limits as "A to B" or
# "up to B": they are the uapi header's, and none is left out.
test_limits() {
	python3 - "$MAN" "$TOP/include/uapi/linux/vrrp.h" <<'PY' 2>&1 | diag
import re, sys

man, uapi = (open(f).read() for f in sys.argv[1:])
d = {k: int(v) for k, v in
     re.findall(r"^#define VRRP_([A-Z0-9_]+)\s+(\d+)\b", uapi, re.M)}
# keyword: the (low, high) pairs its paragraph must give; a low of None
# is "up to high" or "at most high", a keyword "between KEYWORD and high". Upper-case
# names are the uapi's VRRP_<NAME>.
want = {
    "vrid": [(1, "VRID_MAX")],
    "interval": [("INTERVAL_MIN", "INTERVAL_MAX"), (1000, "INTERVAL_MAX_V2")],
    "preempt-delay": [(0, "PREEMPT_DELAY_MAX")],
    "address": [(None, "VIPS_MAX")],
    "peer": [(None, "PEERS_MAX")],
    "garp-count": [(1, "GARP_COUNT_MAX")],
    "garp-spacing": [(0, "GARP_SPACING_MAX")],
    "garp-repeat": [(0, "GARP_REPEAT_MAX")],
    "garp-refresh": [("GARP_REFRESH_MIN", "GARP_REFRESH_MAX")],
    "track": [(1, "WEIGHT_MAX"), (None, "TRACK_MAX")],
    "check": [(1, "NAME_LEN_MAX"), (1, "CHECK_TTL_MAX")],
    "track-delay-up": [(0, "PREEMPT_DELAY_MAX")],
    "group": [(1, "NAME_LEN_MAX")],
    "ra-interval": [("RA_INTERVAL_MIN", "RA_INTERVAL_MAX")],
    "ra-lifetime": [("ra-interval", "RA_LIFETIME_MAX")],
    "ra-mtu": [(1280, "RA_MTU_MAX")],
    "ra-prefix": [(None, "RA_PREFIXES_MAX")],
}
val = lambda x: d[x] if isinstance(x, str) and x.isupper() else x
para = {}
for p in re.split(r"^\.TP\n", man, flags=re.M):
    m = re.match(r"^(?:\.B[IR]? +\"?|\\fB)([a-z][a-z0-9-]*)", p)
    if m and m.group(1) not in para:
        para[m.group(1)] = re.sub(r"\\f[BIRP]|\\|^\.[A-Z]+ ", "", p,
                                  flags=re.M)
bad = 0
for kw, pairs in want.items():
    text = para.get(kw)
    if text is None:
        print(f"{kw}: no paragraph in the man page")
        bad = 1
        continue
    for lo, hi in pairs:
        lo, hi = val(lo), val(hi)
        if lo is None:
            pat = rf"(?:up to|at most) {hi}\b"
        elif isinstance(lo, str):
            pat = rf"between\s+{lo}\s+and {hi}\b"
        else:
            pat = rf"\b{lo}(?: \([a-z ]+\))?\s+to\s+{hi}\b"
        if not re.search(pat, text):
            print(f"{kw}: the man page does not give {lo}..{hi}")
            bad = 1
    for a, b in re.findall(r"\b(\d+)(?: \([a-z ]+\))?\s+to\s+(\d+)\b",
                           text):
        if not any((val(l) == int(a) and val(h) == int(b)) or
                   (val(l) == int(a) * 1000 and val(h) == int(b) * 1000)
                   for l, h in pairs if isinstance(val(l), int)):
            print(f"{kw}: the man page gives {a} to {b}, not a uapi limit")
            bad = 1
sys.exit(bad)
PY
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
