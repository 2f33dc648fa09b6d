#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Host-side tests of keepalived2vrrp (no module, no root needed):
# - every sample configuration Debian's keepalived package ships
#   (/usr/share/doc/keepalived/samples and /etc/keepalived): the converter
#   runs to its end, reports on stderr exactly what its output lists as not
#   converted, exits 1 exactly when it reported something, and
#   "vrrpctl -check" accepts every line it wrote;
# - a few samples' output, and the table of routers converted and items
#   reported per sample, against tests/golden/keepalived2vrrp/;
# - keepalived's grammar: braces on one line, quotes, comments, include
#   globs, @ lines and $ definitions, unknown keywords, parse errors.
# KTAP output.
#
#   tests/keepalived2vrrp.sh       (or: make -C tool test)
#   tests/keepalived2vrrp.sh -u    rewrite the golden files from this tree

set -u

DIR=$(cd "$(dirname "$0")" && pwd)
K2V=${K2V:-$DIR/../keepalived2vrrp}
VRRPCTL=${VRRPCTL:-$DIR/../vrrpctl}
GOLDEN=$DIR/golden/keepalived2vrrp
SAMPLES=${SAMPLES:-/usr/share/doc/keepalived/samples}
# The config id for "@" lines: fixed, so that the output does not follow
# the host name.
CID=high
UPDATE=0
[[ ${1:-} == -u ]] && UPDATE=1

# Samples whose whole output is a golden file.
GOLDEN_SAMPLES=(keepalived.conf.vrrp keepalived.conf.vrrp.localcheck
	keepalived.conf.vrrp.sync keepalived.conf.conditional_conf
	keepalived.conf.track_interface keepalived.conf.IPv6)

NUM=0
FAILED=0
TMP=$(mktemp -d /tmp/k2v-test.XXXXXX)
trap 'rm -rf "$TMP"' EXIT

ok() { NUM=$((NUM + 1)); echo "ok $NUM $1${2:+ # SKIP $2}"; }
not_ok() { NUM=$((NUM + 1)); FAILED=$((FAILED + 1)); echo "not ok $NUM $1"; }
diag() { sed 's/^/# /'; }

# convert FILE [ARGS...]: run the converter; $TMP/out, $TMP/err, RC.
convert() {
	local f=$1

	shift
	"$K2V" -i "$CID" "$@" -o "$TMP/out" "$f" 2> "$TMP/err"
	RC=$?
	[[ -e $TMP/out ]] || : > "$TMP/out"
}

# consistent: what the last convert() printed hangs together.
consistent() {
	local nerr nout bad

	bad=$(grep -v '^keepalived2vrrp: .*: not converted: ' "$TMP/err")
	if [[ -n $bad ]]; then
		echo "stderr has other lines:"; echo "$bad"
		return 1
	fi
	nerr=$(grep -c . "$TMP/err")
	nout=$(grep -c '^# not converted: ' "$TMP/out")
	if [[ $nerr -ne $nout ]]; then
		echo "$nerr items on stderr, $nout in the output"
		return 1
	fi
	if [[ $RC -ne $((nerr ? 1 : 0)) ]]; then
		echo "exit $RC with $nerr items reported"
		return 1
	fi
	if ! "$VRRPCTL" -check -batch "$TMP/out" 2>&1; then
		echo "vrrpctl -check refused the output"
		return 1
	fi
}

# One sample: consistent output, and its row of the table.
test_sample() {
	local f=$1 name=$2 routers items why

	convert "$f"
	if ! why=$(consistent); then
		not_ok "sample_$name"
		{ echo "$why"; cat "$TMP/err"; } | diag
		return
	fi
	routers=$(grep -c '^add ' "$TMP/out")
	items=$(grep -c . "$TMP/err")
	printf '%-42s %7s %8s %s\n' "$name" "$routers" "$items" \
		"$(grep -c '^# NOT CONVERTED: ' "$TMP/out")" >> "$TMP/table"
	if [[ " ${GOLDEN_SAMPLES[*]} " == *" $name "* ]]; then
		[[ $UPDATE -eq 1 ]] && cp "$TMP/out" "$GOLDEN/$name"
		if ! why=$(diff -u "$GOLDEN/$name" "$TMP/out" 2>&1); then
			not_ok "sample_$name"
			echo "$why" | diag
			return
		fi
	fi
	ok "sample_$name"
}

# A grammar case: files written from here-documents, one conversion.
# case_run NAME RC WANT_OUT WANT_ERR [ARGS...]: the main file is
# $TMP/case/main.conf; WANT_OUT and WANT_ERR are substrings ("" for any),
# several separated by "|".
case_run() {
	local name=$1 want_rc=$2 want_out=$3 want_err=$4 w bad=
	local -a outs errs

	shift 4
	convert "$TMP/case/main.conf" "$@"
	IFS='|' read -r -a outs <<< "$want_out"
	IFS='|' read -r -a errs <<< "$want_err"
	[[ $RC -eq $want_rc ]] || bad+="exit $RC, expected $want_rc; "
	for w in "${outs[@]}"; do
		grep -qF -- "$w" "$TMP/out" || bad+="output lacks \"$w\"; "
	done
	for w in "${errs[@]}"; do
		grep -qF -- "$w" "$TMP/err" || bad+="stderr lacks \"$w\"; "
	done
	if [[ $want_rc -ne 2 ]] && ! w=$(consistent); then
		bad+="$w"
	fi
	if [[ -z $bad ]]; then
		ok "$name"
	else
		not_ok "$name"
		{ echo "$bad"; cat "$TMP/out" "$TMP/err"; } | diag
	fi
	rm -rf "$TMP/case"
}

# case_file NAME: the here-document on stdin as $TMP/case/NAME.
case_file() {
	mkdir -p "$(dirname "$TMP/case/$1")"
	cat > "$TMP/case/$1"
}

run_cases() {
	case_file main.conf <<-'EOF'
	global_defs { vrrp_version 3 }
	vrrp_instance VI { state BACKUP
	  interface eth0
	  virtual_router_id 7
	  virtual_ipaddress { 192.0.2.7/24 }
	  track_interface { eth1 weight -10 } }
	EOF
	case_run braces_one_line 0 \
		"add eth0 vrid 7 version 3 priority 100 interval 1000 accept on address 192.0.2.7/24 garp-count 5 garp-spacing 0 garp-repeat 5000 track eth1 weight 10" ""

	case_file main.conf <<-'EOF'
	vrrp_script "chk web" {
	  script "/bin/check 'a b' \"#1\" ! not a comment"
	  interval 2
	}
	vrrp_instance V2 {
	  interface "eth0"   # the LAN
	  virtual_router_id 8 ! an old-style comment
	  priority 150#no space
	  virtual_ipaddress {
	    "192.0.2.8/24"
	  }
	  track_script {
	    "chk web" weight -20
	  }
	}
	EOF
	case_run quotes_comments 1 \
		"add eth0 vrid 8 version 2 priority 150 |check 'chk web' weight 20|if /bin/check 'a b' \"#1\" ! not a comment; then" \
		"main.conf:1: not converted: vrrp_script chk web: vrrp.ko runs no scripts"

	case_file main.conf <<-'EOF'
	global_defs {
	  vrrp_version 3
	}
	include conf.d/*.conf
	include {a,b}.inc
	include nothing-here/*.conf
	EOF
	case_file conf.d/10-v1.conf <<-'EOF'
	vrrp_instance V1 {
	  interface eth0
	  virtual_router_id 1
	  virtual_ipaddress {
	    192.0.2.1
	  }
	}
	EOF
	case_file a.inc <<-'EOF'
	vrrp_instance V2 {
	  interface eth1
	  virtual_router_id 2
	  frobnicate 3
	  virtual_ipaddress {
	    192.0.2.2
	  }
	}
	EOF
	case_file b.inc <<-'EOF'
	vrrp_instance V3
	{
	  interface eth2
	  virtual_router_id 3
	  virtual_ipaddress {
	    192.0.2.3
	  }
	}
	EOF
	case_run include_glob 1 \
		"add eth0 vrid 1 version 3|add eth1 vrid 2 version 3|add eth2 vrid 3 version 3" \
		"a.inc:4: not converted: frobnicate 3: no vrrp.ko equivalent|main.conf:6: not converted: include nothing-here/*.conf: no file matches"

	case_file main.conf <<-'EOF'
	$IF=eth3
	$PRIO=120
	vrrp_instance V4 {
	  interface ${IF}
	  virtual_router_id 4
	@high  priority $PRIO
	@low   priority 80
	@^high advert_int 2
	  virtual_ipaddress {
	    192.0.2.4
	  }
	}
	EOF
	case_run defines_conditional 0 \
		"add eth3 vrid 4 version 2 priority 120 interval 1000 |# note: $TMP/case/main.conf:7: @low   priority 80: a line for config id \"low\", skipped" ""

	case_file main.conf <<-'EOF'
	vrrp_instance V5 {
	  interface eth0
	  virtual_router_id 5
	  nopreempt
	  preempt_delay 2.5
	  advert_int 3
	  garp_master_delay 0
	  garp_master_repeat 2
	  garp_master_refresh 60
	  virtual_ipaddress {
	    192.0.2.5/24 dev eth0
	  }
	  virtual_ipaddress_excluded {
	    192.0.2.55/24
	    2001:db8::55/64
	  }
	  unicast_peer {
	    192.0.2.6
	  }
	}
	EOF
	case_run instance_keywords 1 \
		"add eth0 vrid 5 version 2 priority 100 interval 3000 preempt off preempt-delay 2500 accept on address 192.0.2.5/24 address 192.0.2.55/24 peer 192.0.2.6 garp-count 2 garp-spacing 0 garp-repeat 0 garp-refresh 60000" \
		"main.conf:15: not converted: 2001:db8::55: an IPv6 address in an IPv4 router"

	case_file main.conf <<-'EOF'
	global_defs {
	  vrrp_version 3
	  vrrp_garp_interval 0.02
	}
	vrrp_instance V6 {
	  interface eth0
	  virtual_router_id 6
	  state MASTER
	  priority 255
	  advert_int 0.015
	  authentication {
	    auth_type PASS
	    auth_pass secret
	  }
	  notify_master /usr/local/bin/master.sh
	  virtual_ipaddress {
	    192.0.2.9
	  }
	  v3_checksum_as_v2
	}
	vrrp_instance V6b {
	  interface eth0
	  virtual_router_id 16
	  version 2
	  advert_int 1.5
	  state MASTER
	  virtual_ipaddress {
	    192.0.2.19
	  }
	}
	EOF
	case_run owner_timers_reports 1 \
		"add eth0 vrid 6 version 3 priority 255 interval 20 accept on address 192.0.2.9 garp-count 5 garp-spacing 20 garp-repeat 5000 checksum plain|add eth0 vrid 16 version 2 priority 100 interval 2000 |# note: $TMP/case/main.conf:26: state MASTER: no effect below priority 255" \
		"main.conf:10: not converted: advert_int 0.015: VRRPv3 counts centiseconds|main.conf:11: not converted: authentication { ... }: RFC 3768 and RFC 9568 removed authentication|main.conf:15: not converted: notify_master /usr/local/bin/master.sh: vrrp.ko runs no scripts: \"vrrpctl notify PROGRAM\" runs one per router|main.conf:25: not converted: advert_int 1.5: VRRPv2 counts whole seconds"

	case_file main.conf <<-'EOF'
	vrrp_sync_group firewall-outside-and-inside {
	  group {
	    IN
	    OUT
	  }
	  track_interface {
	    eth9
	  }
	}
	vrrp_instance IN {
	  interface eth0
	  virtual_router_id 10
	  priority 200
	  track_interface {
	    eth5 weight -50
	  }
	  virtual_ipaddress {
	    192.0.2.1/24
	  }
	}
	vrrp_instance OUT {
	  interface eth1
	  virtual_router_id 20
	  priority 200
	  virtual_ipaddress {
	    198.51.100.1/24
	  }
	}
	EOF
	case_run sync_group 0 \
		"add eth0 vrid 10 version 2 priority 200 interval 1000 accept on address 192.0.2.1/24 garp-count 5 garp-spacing 0 garp-repeat 5000 track eth5 weight 0 track eth9 weight 0 group firewall-outsi|add eth1 vrid 20 version 2 priority 200 interval 1000 accept on address 198.51.100.1/24 garp-count 5 garp-spacing 0 garp-repeat 5000 group firewall-outsi|eth5 weight -50: weight 0 (a fault): keepalived zeroes" ""

	case_file main.conf <<-'EOF'
	vrrp_instance V7 {
	  interface eth0
	  virtual_router_id 7
	  virtual_ipaddress {
	    2001:db8::7/64
	  }
	}
	EOF
	case_run ipv6_no_link_local 1 \
		"# NOT CONVERTED: add eth0 vrid 7 version 3 " \
		"not converted: vrrp_instance V7: IPv6 without a link-local virtual address"

	case_file main.conf <<-'EOF'
	vrrp_instance A {
	  interface eth0
	  virtual_router_id 9
	  use_vmac
	  virtual_ipaddress {
	    192.0.2.9
	  }
	}
	vrrp_instance B {
	  interface eth0
	  virtual_router_id 9
	  virtual_ipaddress {
	    192.0.2.10
	  }
	}
	EOF
	case_run duplicate_router 1 \
		"add eth0 vrid 9 version 2 priority 100 interval 1000 accept on address 192.0.2.9 |# NOT CONVERTED: add eth0 vrid 9 |main.conf:4: use_vmac: vrrp.ko always uses the vMAC" \
		"main.conf:9: not converted: vrrp_instance B: vrid 9 on eth0 for IPv4 is vrrp_instance A already"

	case_file main.conf <<-'EOF'
	vrrp_instance V8 {
	  interface eth0
	  virtual_router_id 8
	  virtual_ipaddress {
	    192.0.2.8
	  }
	EOF
	case_run unclosed_block 2 "" "main.conf:1: block \"vrrp_instance\" is never closed"

	case_file main.conf <<-'EOF'
	vrrp_instance V8 {
	  interface eth0
	}
	}
	EOF
	case_run stray_brace 2 "" "main.conf:4: \"}\" closes no block"

	case_file main.conf <<-'EOF'
	vrrp_script s {
	  script "/bin/true
	}
	EOF
	case_run unterminated_quote 2 "" "main.conf:2: unterminated quote"

	case_file main.conf <<-'EOF'
	vrrp_instance V9 {
	  interface $NOPE
	}
	EOF
	case_run undefined_parameter 2 "" "main.conf:2: \$NOPE is not defined"

	case_file main.conf <<-'EOF'
	vrrp_instance V9 {
	  interface eth0
	  virtual_router_id 300
	}
	EOF
	case_run bad_vrid 2 "" "main.conf:3: virtual_router_id must be 1 to 255"
}

# The converter's copy of the kernel's limits is the uapi header's.
test_limits() {
	local uapi=$DIR/../../include/uapi/linux/vrrp.h name val want bad=0 n=0

	while IFS=' =' read -r name val; do
		want=$(sed -n "s/^#define VRRP_${name}[[:space:]]\+\([0-9]*\).*/\1/p" "$uapi")
		n=$((n + 1))
		[[ -n $want && $want == "$val" ]] && continue
		echo "$name = $val in keepalived2vrrp, VRRP_$name ${want:-missing} in the uapi header"
		bad=1
	done < <(sed -n 's/^\([A-Z][A-Z0-9_]*_\(MIN\|MAX\|MAX_V2\)\) = \([0-9]*\)$/\1 \3/p' "$K2V")
	[[ $n -ge 10 ]] || { echo "only $n limits found in keepalived2vrrp"; bad=1; }
	return $bad
}

echo "TAP version 13"
if [[ ! -x $VRRPCTL ]]; then
	echo "1..0 # SKIP $VRRPCTL not built"
	exit 4
fi
mapfile -t files < <(ls "$SAMPLES"/keepalived.conf.* /etc/keepalived/keepalived.conf.sample 2>/dev/null)
NCASES=$(grep -c $'^\tcase_run [a-z]' "$0")
echo "1..$((${#files[@]} + 2 + NCASES))"
if [[ ${#files[@]} -eq 0 ]]; then
	echo "# no keepalived samples (install Debian's keepalived package)"
fi
printf '%-42s %7s %8s %s\n' sample routers reported not-converted-routers > "$TMP/table"
for f in "${files[@]}"; do
	name=${f##*/}
	[[ $f == /etc/* ]] && name=etc-$name
	test_sample "$f" "$name"
done
if [[ ${#files[@]} -eq 0 ]]; then
	ok table "no keepalived samples"
else
	[[ $UPDATE -eq 1 ]] && cp "$TMP/table" "$GOLDEN/table"
	if out=$(diff -u "$GOLDEN/table" "$TMP/table" 2>&1); then
		ok table
	else
		not_ok table
		echo "$out" | diag
	fi
fi
diag < "$TMP/table"
if out=$(test_limits); then ok limits; else not_ok limits; echo "$out" | diag; fi
run_cases
echo "# $((NUM - FAILED)) passed, $FAILED failed"
[[ $FAILED -eq 0 ]]
