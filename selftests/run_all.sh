#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run every selftests/vrrp_*.sh (in name order) and summarise. Meant to run
# inside the test VM (selftests/qemu/vm.sh), where the module was loaded by
# the runner; it loads nothing itself. Each script's KTAP goes to stdout
# and, with -o DIR, to DIR/<script>.tap with its exit status in
# DIR/<script>.rc.
#
#   selftests/run_all.sh [-o DIR] [SCRIPT...]
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
	scripts=("$@")
else
	scripts=("$DIR"/vrrp_*.sh)
fi
[[ -n "$outdir" ]] && mkdir -p "$outdir"

echo "# run_all: kernel $(uname -r), module: $(if [[ -d /sys/module/vrrp ]]; then echo loaded; else echo 'not loaded'; fi)"
summary=()
total_fail=0
for s in "${scripts[@]}"; do
	name=$(basename "$s" .sh)
	tap=${outdir:+$outdir/$name.tap}
	echo "# ---- $name"
	start=${EPOCHREALTIME/[.,]/}
	if [[ -n "$tap" ]]; then
		bash "$s" 2>&1 | tee "$tap"
		rc=${PIPESTATUS[0]}
		echo "$rc" > "$outdir/$name.rc"
	else
		bash "$s" 2>&1
		rc=$?
	fi
	secs=$(( (${EPOCHREALTIME/[.,]/} - start) / 1000000 ))
	if [[ -n "$tap" ]]; then
		pass=$(grep -cE '^ok [0-9]+ ' "$tap" | head -n 1)
		skip=$(grep -cE '^ok [0-9]+ .*# SKIP' "$tap")
		fails=$(grep -cE '^not ok [0-9]+ ' "$tap")
		pass=$((pass - skip))
		counts="pass:$pass fail:$fails skip:$skip"
	else
		counts=""
	fi
	case $rc in
	0) verdict=PASS ;;
	4) verdict=SKIP ;;
	*) verdict=FAIL; total_fail=$((total_fail + 1)) ;;
	esac
	summary+=("$(printf '%-20s %-4s (exit %d, %ds) %s' "$name" "$verdict" "$rc" "$secs" "$counts")")
done

echo "# ==== summary ($(uname -r))"
for l in "${summary[@]}"; do
	echo "# $l"
done
[[ $total_fail -eq 0 ]]
