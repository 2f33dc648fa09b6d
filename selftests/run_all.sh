#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run every selftests/vrrp_*.sh in name order, or the SCRIPTs given in
# their order, vrrp_lifecycle.sh last either way, and summarise. Meant to
# run inside the test VM (selftests/qemu/vm.sh), where the runner loaded the
# module; it loads nothing itself.
#
#   selftests/run_all.sh [-o DIR] [SCRIPT...]
#
# Output is KTAP: one top-level test per script, each script's own KTAP
# nested under it (indented by four spaces), then a summary as
# diagnostics. With -o DIR, each script's KTAP also goes to DIR/NAME.tap
# and its exit status to DIR/NAME.rc (scripts/check.sh counts those).
#
# Exit status: 0 when every script passed or skipped, 1 otherwise.

set -u

DIR=$(dirname "$(readlink -f "$0")")
outdir=

while getopts "o:" opt; do
	case $opt in
	o) outdir=$OPTARG ;;
	*) echo "usage: $0 [-o DIR] [SCRIPT...]" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))

if [[ $# -gt 0 ]]; then
	given=("$@")
else
	given=("$DIR"/vrrp_*.sh)
fi
# In the order given (name order by default), but vrrp_lifecycle.sh (which
# unloads and reloads the module) last.
scripts=()
last=()
for s in "${given[@]}"; do
	if [[ "$s" == */vrrp_lifecycle.sh ]]; then
		last+=("$s")
	else
		scripts+=("$s")
	fi
done
scripts+=(${last[@]+"${last[@]}"})
tapdir=${outdir:-$(mktemp -d /tmp/vrrp-ktap.XXXXXX)}
mkdir -p "$tapdir"

echo "TAP version 13"
echo "1..${#scripts[@]}"
echo "# kernel $(uname -r), vrrp module $(if [[ -d /sys/module/vrrp ]]; then echo loaded; else echo 'not loaded'; fi)"
summary=()
total_fail=0
n=0
for s in "${scripts[@]}"; do
	n=$((n + 1))
	name=$(basename "$s" .sh)
	tap=$tapdir/$name.tap
	start=${EPOCHREALTIME/[.,]/}
	bash "$s" 2>&1 | tee "$tap" | sed -u 's/^/    /'
	rc=${PIPESTATUS[0]}
	echo "$rc" > "$tapdir/$name.rc"
	secs=$(( (${EPOCHREALTIME/[.,]/} - start) / 1000000 ))
	skip=$(grep -cE '^ok [0-9]+ .*# SKIP' "$tap")
	pass=$(( $(grep -cE '^ok [0-9]+ ' "$tap") - skip ))
	fails=$(grep -cE '^not ok [0-9]+ ' "$tap")
	case $rc in
	0) verdict=PASS; echo "ok $n $name" ;;
	4) verdict=SKIP; echo "ok $n $name # SKIP $(sed -n 's/^1\.\.0 # SKIP //p' "$tap" | head -n 1)" ;;
	*) verdict=FAIL; echo "not ok $n $name # exit $rc"
	   total_fail=$((total_fail + 1)) ;;
	esac
	summary+=("$(printf '%-16s %-4s (exit %d, %3ds) pass:%d fail:%d skip:%d' \
		"$name" "$verdict" "$rc" "$secs" "$pass" "$fails" "$skip")")
done

echo "# ==== summary ($(uname -r))"
for l in "${summary[@]}"; do
	echo "# $l"
done
[[ -n "$outdir" ]] || rm -rf "$tapdir"
[[ $total_fail -eq 0 ]]
