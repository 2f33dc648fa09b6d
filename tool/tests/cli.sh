#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Host-side tests of vrrpctl's command line: argument checking, exit codes
# and error messages, the "module not loaded" path, -n with a missing or an
# empty network namespace, valgrind on those paths, and odd argv. None
# needs the vrrp module; rows that would change the configuration of a
# loaded module are skipped when it is loaded. KTAP output. What the
# kernel decides (ranges, values that exclude each other) and the extended
# ACK vrrpctl prints for it are tested in selftests/vrrp_cli.sh.
#
#   tests/cli.sh               (or: make -C tool test)
#   VRRPCTL=path tests/cli.sh  test another binary

set -u

DIR=$(cd "$(dirname "$0")" && pwd)
VRRPCTL=${VRRPCTL:-$DIR/../vrrpctl}
NOMOD='the vrrp module is not loaded (generic netlink family "vrrp" not found)'
A=192.0.2.1/24
NS=
HOSTDEV=

# Each row: name | exit code | text expected on stdout or stderr |
# conditions (comma separated: nomod, netns, hostdev, vg) | arguments.
# @NS@ and @HOSTDEV@ in the arguments are replaced when the row runs.
ROWS=(
"help                |0|Usage: vrrpctl|-|help"
"help_option         |0|Usage: vrrpctl|-|-h"
"help_long_option    |0|Usage: vrrpctl|-|--help"
"help_add            |0|Usage: vrrpctl add|-|add help"
"help_show           |0|Usage: vrrpctl [-s]|-|show help"
"help_command        |0|Usage: vrrpctl del|-|help del"
"help_unknown        |2|vrrpctl: unknown command \"foo\"|-|help foo"
"version             |0|vrrpctl 1.|-|-V"
"no_command          |2|vrrpctl: missing command|-|"
"no_command_after_opt|2|vrrpctl: missing command|-|-j -s"
"unknown_command     |2|vrrpctl: unknown command \"frobnicate\"|-|frobnicate eth0"
"unknown_option      |2|vrrpctl: unknown option \"-x\"|-|-x show"
"version_is_capital  |2|vrrpctl: unknown option \"-v\"|-|-v"
"netns_no_value      |2|vrrpctl: missing value after \"-n\"|-|-n"
"netns_name_slash    |2|vrrpctl: invalid network namespace name \"a/b\"|-|-n a/b show"
"netns_name_dotdot   |2|vrrpctl: invalid network namespace name \"..\"|-|-n .. show"
"netns_missing       |1|vrrpctl: cannot open network namespace \"vrrpctl-no-such-ns\": No such file or directory|-|-n vrrpctl-no-such-ns show"
"netns_missing_add   |1|vrrpctl: cannot open network namespace|-|-netns vrrpctl-no-such-ns add lo vrid 1 address $A"
"usage_before_netns  |2|vrrpctl: invalid vrid \"0\": must be 1-255|-|-n vrrpctl-no-such-ns add lo vrid 0 address $A"
"add_no_device       |2|vrrpctl: add: missing device name|-|add"
"add_no_vrid         |2|vrrpctl: add: missing \"vrid VRID\"|-|add lo address $A"
"vrid_0              |2|vrrpctl: invalid vrid \"0\": must be 1-255|-|add lo vrid 0 address $A"
"vrid_256            |2|vrrpctl: invalid vrid \"256\": must be 1-255|-|add lo vrid 256 address $A"
"vrid_negative       |2|vrrpctl: invalid vrid \"-1\": must be 1-255|-|add lo vrid -1 address $A"
"vrid_plus           |2|vrrpctl: invalid vrid \"+1\": must be 1-255|-|add lo vrid +1 address $A"
"vrid_text           |2|vrrpctl: invalid vrid \"ten\": must be 1-255|-|add lo vrid ten address $A"
"vrid_hex            |2|vrrpctl: invalid vrid \"0x10\": must be 1-255|-|add lo vrid 0x10 address $A"
"vrid_trailing       |2|vrrpctl: invalid vrid \"10x\": must be 1-255|-|add lo vrid 10x address $A"
"vrid_huge           |2|vrrpctl: invalid vrid \"99999999999999999999999\"|-|add lo vrid 99999999999999999999999 address $A"
"vrid_twice          |2|vrrpctl: duplicate \"vrid\"|-|add lo vrid 1 vrid 2 address $A"
"vrid_no_value       |2|vrrpctl: missing value after \"vrid\"|-|add lo address $A vrid"
"prio_256            |2|vrrpctl: invalid priority \"256\": not a number of 0-255|-|add lo vrid 1 priority 256 address $A"
"prio_twice          |2|vrrpctl: duplicate \"priority\"|-|add lo vrid 1 prio 10 priority 20 address $A"
"interval_s_decimals |2|vrrpctl: invalid interval \"0.0001s\": not a time (100, 100ms or 0.1s)|-|add lo vrid 1 interval 0.0001s address $A"
"interval_s_dot      |2|vrrpctl: invalid interval \"1.s\": not a time (100, 100ms or 0.1s)|-|add lo vrid 1 interval 1.s address $A"
"interval_ms_decimal |2|vrrpctl: invalid interval \"1.5ms\": not a time (100, 100ms or 0.1s)|-|add lo vrid 1 interval 1.5ms address $A"
"interval_s_leading  |2|vrrpctl: invalid interval \".5s\": not a time (100, 100ms or 0.1s)|-|add lo vrid 1 interval .5s address $A"
"interval_s_only     |2|vrrpctl: invalid interval \"s\": not a time (100, 100ms or 0.1s)|-|add lo vrid 1 interval s address $A"
"interval_ms_only    |2|vrrpctl: invalid interval \"ms\": not a time (100, 100ms or 0.1s)|-|add lo vrid 1 interval ms address $A"
"interval_u32_wrap   |2|vrrpctl: invalid interval \"4294967.296s\": not a time|-|add lo vrid 1 interval 4294967.296s address $A"
"interval_u32_max    |1|vrrpctl: $NOMOD|nomod|add lo vrid 1 interval 4294967.295s address $A"
"preempt_maybe       |2|vrrpctl: invalid preempt \"maybe\": must be on or off|-|add lo vrid 1 preempt maybe address $A"
"address_octet       |2|vrrpctl: invalid address \"192.0.2.300/24\"|-|add lo vrid 1 address 192.0.2.300/24"
"address_text        |2|vrrpctl: invalid address \"gateway\": expected ADDR[/PLEN]|-|add lo vrid 1 address gateway"
"address_short_form  |2|vrrpctl: invalid address \"10.1\"|-|add lo vrid 1 address 10.1"
"address_plen_33     |2|vrrpctl: invalid prefix length in \"192.0.2.1/33\": must be 0-32|-|add lo vrid 1 address 192.0.2.1/33"
"address_plen_empty  |2|vrrpctl: invalid prefix length in \"192.0.2.1/\"|-|add lo vrid 1 address 192.0.2.1/"
"address_plen_text   |2|vrrpctl: invalid prefix length in \"192.0.2.1/x\"|-|add lo vrid 1 address 192.0.2.1/x"
"unknown_keyword     |2|vrrpctl: unknown keyword \"frobnicate\"|-|add lo vrid 1 frobnicate 1 address $A"
"ambiguous_keyword   |2|vrrpctl: ambiguous keyword \"p\"|-|add lo vrid 1 p 100 address $A"
"ambiguous_keyword_pr|2|vrrpctl: ambiguous keyword \"pr\"|-|add lo vrid 1 pr 100 address $A"
"device_too_long     |2|vrrpctl: invalid device name \"abcdefghijklmnopq\"|-|add abcdefghijklmnopq vrid 1 address $A"
"device_twice        |2|vrrpctl: duplicate device \"lo\"|-|add lo dev lo vrid 1 address $A"
"dev_no_value        |2|vrrpctl: missing value after \"dev\"|-|add dev"
"del_no_device       |2|vrrpctl: del: missing device name|-|del"
"del_no_vrid         |2|vrrpctl: del: missing \"vrid VRID\"|-|del lo"
"del_prio_unknown    |2|vrrpctl: unknown keyword \"prio\"|-|del lo vrid 1 prio 5"
"del_vrid_0          |2|vrrpctl: invalid vrid \"0\": must be 1-255|-|delete lo vrid 0"
"show_vrid_0         |2|vrrpctl: invalid vrid \"0\": must be 1-255|-|show lo vrid 0"
"show_unknown_keyword|2|vrrpctl: unknown keyword \"foo\"|-|show lo foo"
"show_device_twice   |2|vrrpctl: duplicate device \"lo\"|-|show lo dev lo"
"add_missing_device  |1|vrrpctl: cannot find device \"vrrpctl-nodev\"|-|add vrrpctl-nodev vrid 1 address $A"
"del_missing_device  |1|vrrpctl: cannot find device \"vrrpctl-nodev\"|-|del vrrpctl-nodev vrid 1"
"show_missing_device |1|vrrpctl: cannot find device \"vrrpctl-nodev\"|-|show vrrpctl-nodev"
"address6_plen_129   |2|vrrpctl: invalid prefix length in \"fe80::1/129\": must be 0-128|-|add lo vrid 1 address fe80::1/129"
"family_bad          |2|vrrpctl: invalid family \"ipx\": must be inet or inet6|-|add lo vrid 1 family ipx address $A"
"peer_plen           |2|vrrpctl: invalid peer \"192.0.2.9/24\": expected an IPv4 or IPv6 address|-|add lo vrid 1 address $A peer 192.0.2.9/24"
"accept_maybe        |2|vrrpctl: invalid accept \"yes\": must be on or off|-|add lo vrid 1 accept yes address $A"
"v2compat_bad        |2|vrrpctl: invalid v2-compat \"yes\": must be on or off|-|add lo vrid 1 v2-compat yes address $A"
"checksum_bad        |2|vrrpctl: invalid checksum \"2\": must be pseudo or plain|-|add lo vrid 1 checksum 2 address $A"
"forward_bad         |2|vrrpctl: invalid forward \"all\": must be active or any|-|add lo vrid 1 forward all address $A"
"forward_twice       |2|vrrpctl: duplicate \"forward\"|-|add lo vrid 1 forward any forward active address $A"
"forward_abbrev      |2|vrrpctl: invalid family \"any\": must be inet or inet6|-|add lo vrid 1 f any address $A"
"mode_bad            |2|vrrpctl: invalid mode \"foo\": must be vrrp or anycast|-|add lo vrid 1 mode foo address $A"
"mode_twice          |2|vrrpctl: duplicate \"mode\"|-|add lo vrid 1 mode anycast mode vrrp address $A"
"mode_abbrev         |2|vrrpctl: unknown keyword \"mo\"|-|add lo vrid 1 mo anycast address $A"
"vmac_bad            |2|vrrpctl: invalid vmac \"zz\": expected a MAC address aa:bb:cc:dd:ee:ff|-|add lo vrid 1 mode anycast vmac zz address $A"
"vmac_short          |2|vrrpctl: invalid vmac \"02:00:5e:10:00\"|-|add lo vrid 1 mode anycast vmac 02:00:5e:10:00 address $A"
"vmac_long           |2|vrrpctl: invalid vmac \"02:00:5e:10:00:01:02\"|-|add lo vrid 1 mode anycast vmac 02:00:5e:10:00:01:02 address $A"
"vmac_one_digit      |2|vrrpctl: invalid vmac \"2:0:5e:10:0:1\"|-|add lo vrid 1 mode anycast vmac 2:0:5e:10:0:1 address $A"
"vmac_dashes         |2|vrrpctl: invalid vmac \"02-00-5e-10-00-01\"|-|add lo vrid 1 mode anycast vmac 02-00-5e-10-00-01 address $A"
"vmac_trailing_colon |2|vrrpctl: invalid vmac \"02:00:5e:10:00:01:\"|-|add lo vrid 1 mode anycast vmac 02:00:5e:10:00:01: address $A"
"vmac_none           |2|vrrpctl: missing value after \"vmac\"|-|add lo vrid 1 address $A mode anycast vmac"
"vmac_twice          |2|vrrpctl: duplicate \"vmac\"|-|add lo vrid 1 mode anycast vmac 02:00:5e:10:00:01 vmac 02:00:5e:10:00:02 address $A"
"track_weight_none   |2|vrrpctl: missing value after \"weight\"|-|add lo vrid 1 address $A track lo weight"
"track_none_add      |2|vrrpctl: add: \"track none\" is for set|-|add lo vrid 1 track none address $A"
"track_state_bad     |2|vrrpctl: invalid track-state \"sideways\": must be up or down|-|set lo vrid 1 track-state web sideways"
"track_state_add     |2|vrrpctl: add: \"track-state\" is for set|-|add lo vrid 1 track-state web up address $A"
"track_state_ttl_bad |2|vrrpctl: invalid ttl \"-5\": not a time above 0|-|set lo vrid 1 track-state web up ttl -5"
"check_ttl_zero      |2|vrrpctl: invalid ttl \"0\": not a time above 0|-|add lo vrid 1 check web ttl 0 address $A"
"check_ttl_text      |2|vrrpctl: invalid ttl \"soon\": not a time above 0|-|add lo vrid 1 check web ttl soon address $A"
"check_ttl_twice     |2|vrrpctl: duplicate \"ttl\"|-|add lo vrid 1 check web ttl 1s weight 5 ttl 2s address $A"
"check_weight_twice  |2|vrrpctl: duplicate \"weight\"|-|add lo vrid 1 check web weight 1 weight 2 address $A"
"track_if_no_ttl     |2|vrrpctl: unknown keyword \"ttl\"|-|add lo vrid 1 track lo ttl 1s address $A"
"check_cmd_no_name   |2|vrrpctl: check: missing health check name|-|check"
"check_cmd_no_state  |2|vrrpctl: missing value after \"web\"|-|check web"
"check_cmd_bad_state |2|vrrpctl: invalid state \"sideways\": must be up or down|-|check web sideways"
"check_cmd_extra     |2|vrrpctl: check: unexpected \"now\"|-|check web up now"
"check_cmd_ttl_bad   |2|vrrpctl: invalid ttl \"x\": not a time above 0|-|check web down ttl x"
"check_cmd_usage     |2|Usage: vrrpctl check NAME|-|check web"
"ch_is_change        |1|vrrpctl: cannot find device \"vrrpctl-nodev\"|-|ch vrrpctl-nodev vrid 1 prio 5"
"chec_is_no_command  |2|vrrpctl: unknown command \"chec\"|-|chec web up"
"group_twice         |2|vrrpctl: duplicate \"group\"|-|add lo vrid 1 group a group b address $A"
"ra_not_onoff        |2|vrrpctl: invalid ra \"maybe\": must be on or off|-|add lo vrid 1 family inet6 address fe80::1 ra maybe"
"ra_twice            |2|vrrpctl: duplicate \"ra\"|-|add lo vrid 1 family inet6 address fe80::1 ra on ra off"
"ra_prefix_plen      |2|vrrpctl: invalid ra-prefix \"2001:db8::/129\": must be an IPv6 PREFIX/PLEN, PLEN 0-128|-|add lo vrid 1 family inet6 address fe80::1 ra-prefix 2001:db8::/129"
"ra_prefix_text      |2|vrrpctl: invalid ra-prefix \"nonsense\": must be an IPv6 PREFIX/PLEN|-|add lo vrid 1 family inet6 address fe80::1 ra-prefix nonsense"
"ra_prefix_valid     |2|vrrpctl: invalid valid lifetime \"x\": must be 0-4294967294 s or infinity|-|add lo vrid 1 family inet6 address fe80::1 ra-prefix 2001:db8::/64 valid x"
"ra_prefix_onlink    |2|vrrpctl: invalid on-link \"maybe\": must be on or off|-|add lo vrid 1 family inet6 address fe80::1 ra-prefix 2001:db8::/64 on-link maybe"
"ra_prefix_keyword   |2|vrrpctl: unknown keyword \"colour\"|-|add lo vrid 1 family inet6 address fe80::1 ra-prefix 2001:db8::/64 colour red"
"chec_is_checksum    |2|vrrpctl: invalid checksum \"web\": must be pseudo or plain|-|add lo vrid 1 chec web address $A"
"monitor_exec_none   |2|vrrpctl: missing value after \"--exec\"|-|monitor --exec"
"set_nothing         |2|vrrpctl: set: nothing to change|-|set lo vrid 1"
"set_no_vrid         |2|vrrpctl: set: missing \"vrid VRID\"|-|set lo prio 10"
"set_usage           |2|Usage: vrrpctl set|-|set lo vrid 1"
"del_family_bad      |2|vrrpctl: invalid family \"inet4\"|-|del lo vrid 1 family inet4"
"flush_extra         |2|vrrpctl: flush: too many arguments|-|flush lo vrid 1"
"stats_no_sub        |2|vrrpctl: stats: missing \"reset\" or \"net\"|-|stats"
"stats_bad_sub       |2|vrrpctl: unknown stats command \"zap\"|-|stats zap"
"stats_net_extra     |2|vrrpctl: stats net: too many arguments|-|stats net lo"
"stats_reset_family  |2|vrrpctl: stats reset: \"family\" needs \"vrid VRID\"|-|stats reset lo family inet"
"monitor_bad_arg     |2|vrrpctl: monitor: unknown argument \"-x\"|-|monitor -x"
"s_is_show           |1|vrrpctl: cannot find device \"vrrpctl-nodev\"|-|s vrrpctl-nodev"
"se_is_set           |1|vrrpctl: cannot find device \"vrrpctl-nodev\"|-|se vrrpctl-nodev vrid 1 prio 5"
"st_is_stats         |1|vrrpctl: cannot find device \"vrrpctl-nodev\"|-|st reset vrrpctl-nodev"
"pre_is_preempt      |2|vrrpctl: invalid preempt \"5\": must be on or off|-|add lo vrid 1 pre 5 address $A"
"a_is_address        |2|vrrpctl: invalid address \"x\"|-|add lo vrid 1 a x"
"v_is_vrid           |2|vrrpctl: invalid vrid \"0\"|-|add lo v 0 a $A"
"batch_no_file       |1|vrrpctl: cannot open batch file \"/nonexistent/vrrp.batch\": No such file or directory|-|-batch /nonexistent/vrrp.batch"
"batch_with_command  |2|vrrpctl: -batch takes no command: \"show\"|-|-b /dev/null show"
"batch_no_value      |2|vrrpctl: missing value after \"-batch\"|-|-batch"
"check_add_nodev     |0||-|-check add vrrpctl-nodev vrid 1 address $A track vrrpctl-nodev2 weight 3"
"check_set_del       |0||-|-c set vrrpctl-nodev vrid 1 prio 10"
"check_del           |0||-|-c del vrrpctl-nodev vrid 1"
"check_usage         |2|vrrpctl: invalid vrid \"0\"|-|-check add lo vrid 0 address $A"
"check_netns_missing |0||-|-n vrrpctl-no-such-ns -check show"
"check_monitor       |0||-|-check monitor -t"
"check_check         |0||-|-n vrrpctl-no-such-ns -check check web up ttl 1500"
"help_check          |0|Usage: vrrpctl check NAME|-|help check"
"help_set            |0|Usage: vrrpctl set|-|help set"
"help_monitor        |0|Usage: vrrpctl monitor|-|monitor help"
"help_stats          |0|Usage: vrrpctl stats reset|-|help stats"
"help_flush          |0|Usage: vrrpctl flush|-|help flush"
"help_apply          |0|Usage: vrrpctl [-check] apply [dev DEV] FILE|-|help apply"
"help_save           |0|Usage: vrrpctl save|-|save help"
"apply_no_file       |2|vrrpctl: apply: missing FILE|-|apply"
"apply_two_files     |2|vrrpctl: apply: too many arguments: \"b\"|-|apply a b"
"apply_dev_no_value  |2|vrrpctl: missing value after \"dev\"|-|apply f dev"
"apply_dev_bad       |2|vrrpctl: invalid device name \"a/b\"|-|apply dev a/b f"
"apply_cannot_open   |1|vrrpctl: cannot open \"/nonexistent/vrrp.conf\": No such file or directory|-|apply /nonexistent/vrrp.conf"
"a_is_add            |2|vrrpctl: add: missing device name|-|a"
"ap_is_apply         |2|vrrpctl: apply: missing FILE|-|ap"
"sa_is_save          |1|vrrpctl: cannot find device \"vrrpctl-nodev\"|-|sa vrrpctl-nodev"
"save_extra          |2|vrrpctl: save: too many arguments|-|save lo vrid 1"
"check_save          |0||-|-check save"
"nomod_apply         |1|vrrpctl: $NOMOD|nomod|apply /dev/null"
"nomod_check_apply   |1|vrrpctl: $NOMOD|nomod|-check apply dev lo /dev/null"
"nomod_save          |1|vrrpctl: $NOMOD|nomod|save"
"vg_nomod_apply      |1|vrrpctl: $NOMOD|vg,nomod|apply /dev/null"
"nomod_set           |1|vrrpctl: $NOMOD|nomod|set lo vrid 10 prio 200 interval 100 accept on address fe80::1 address 2001:db8::1/64 peer fe80::2"
"nomod_add6          |1|vrrpctl: $NOMOD|nomod|add lo vrid 10 address fe80::1 address 2001:db8::1/64 peer fe80::2 garp-count 5 garp-spacing 20ms garp-repeat 0 garp-refresh 100 checksum plain"
"nomod_add_v2        |1|vrrpctl: $NOMOD|nomod|add lo vrid 10 version 2 interval 3000 preempt-delay 500 accept off address $A"
"nomod_add_v2compat  |1|vrrpctl: $NOMOD|nomod|add lo vrid 10 version 3 interval 1000 v2-compat on address $A"
"nomod_add_track     |1|vrrpctl: $NOMOD|nomod|add lo vrid 10 address $A track lo weight 50 check web weight 20 check db ttl 1.5s weight 5 check dns ttl 3000 track-delay-up 100 track-delay-down 0 group fw"
"nomod_set_state     |1|vrrpctl: $NOMOD|nomod|set lo vrid 10 track-state web down"
"nomod_set_state_ttl |1|vrrpctl: $NOMOD|nomod|set lo vrid 10 track-state web up ttl 2s"
"nomod_check         |1|vrrpctl: $NOMOD|nomod|check web up ttl 1500ms"
"vg_nomod_check      |1|vrrpctl: $NOMOD|vg,nomod|check web down"
"nomod_flush         |1|vrrpctl: $NOMOD|nomod|flush"
"nomod_stats_reset   |1|vrrpctl: $NOMOD|nomod|stats reset lo vrid 10 family inet6"
"nomod_stats_net     |1|vrrpctl: $NOMOD|nomod|stats net"
"nomod_monitor       |1|vrrpctl: $NOMOD|nomod|monitor -t -j"
"vg_nomod_set        |1|vrrpctl: $NOMOD|vg,nomod|set lo vrid 1 address fe80::1 peer fe80::2"
"nomod_show          |1|vrrpctl: $NOMOD|nomod|show"
"nomod_list          |1|vrrpctl: $NOMOD|nomod|list"
"nomod_show_filter   |1|vrrpctl: $NOMOD|nomod|-s -d show dev lo vrid 10"
"nomod_show_vrid_only|1|vrrpctl: $NOMOD|nomod|show vrid 10"
"nomod_add           |1|vrrpctl: $NOMOD|nomod|add lo vrid 10 prio 200 interval 100 preempt off address $A address 192.0.2.2"
"nomod_add_limits_max|1|vrrpctl: $NOMOD|nomod|add lo vrid 255 prio 255 interval 40950 address 198.51.100.1/32"
"nomod_add_limits_min|1|vrrpctl: $NOMOD|nomod|add lo vrid 1 prio 1 interval 10 address 198.51.100.1/0"
"nomod_add_forward   |1|vrrpctl: $NOMOD|nomod|add lo vrid 10 forward any address $A"
"nomod_set_forward   |1|vrrpctl: $NOMOD|nomod|set lo vrid 10 forward active"
"nomod_add_anycast   |1|vrrpctl: $NOMOD|nomod|add lo vrid 10 mode anycast vmac 02:00:5e:10:00:01 address $A"
"nomod_set_mode_vmac |1|vrrpctl: $NOMOD|nomod|set lo vrid 10 mode vrrp vmac 00:00:5E:00:01:0A"
"vg_nomod_anycast    |1|vrrpctl: $NOMOD|vg,nomod|add lo vrid 10 mode anycast vmac 02:00:5e:10:00:01 address $A"
"nomod_add_abbrev    |1|vrrpctl: $NOMOD|nomod|a lo v 1 pri 200 i 100ms pre on a $A addr 192.0.2.3"
"nomod_interval_s    |1|vrrpctl: $NOMOD|nomod|add lo vrid 1 interval 1s address $A"
"nomod_interval_0.1s |1|vrrpctl: $NOMOD|nomod|add lo vrid 1 interval 0.1s preempt-delay 2.5s garp-spacing 0.02s address $A"
"nomod_interval_v2_s |1|vrrpctl: $NOMOD|nomod|add lo vrid 1 version 2 interval 3s address $A"
"nomod_interval_10ms |1|vrrpctl: $NOMOD|nomod|add lo vrid 1 interval 10ms track-delay-up 1.000s address $A"
"nomod_add_dev_kw    |1|vrrpctl: $NOMOD|nomod|add dev lo vrid 1 address $A"
"nomod_del           |1|vrrpctl: $NOMOD|nomod|del lo vrid 1"
"nomod_del_abbrev    |1|vrrpctl: $NOMOD|nomod|d dev lo v 1"
"netns_show          |1|vrrpctl: $NOMOD|nomod,netns|-n @NS@ show"
"netns_lo            |1|vrrpctl: $NOMOD|nomod,netns|-n @NS@ add lo vrid 1 address $A"
"netns_own_devices   |1|vrrpctl: cannot find device \"@HOSTDEV@\"|netns,hostdev|-n @NS@ show @HOSTDEV@"
"vg_help             |0|Usage: vrrpctl|vg|help"
"vg_usage            |2|vrrpctl: invalid vrid \"0\"|vg|add lo vrid 0 address $A"
"vg_missing_device   |1|vrrpctl: cannot find device|vg|add vrrpctl-nodev vrid 1 address $A"
"vg_netns_missing    |1|vrrpctl: cannot open network namespace|vg|-n vrrpctl-no-such-ns show"
"vg_nomod_show       |1|vrrpctl: $NOMOD|vg,nomod|-j -s show"
"vg_nomod_add        |1|vrrpctl: $NOMOD|vg,nomod|add lo vrid 1 address $A address 192.0.2.2/24"
"vg_netns            |1|vrrpctl: $NOMOD|vg,nomod,netns|-n @NS@ del lo vrid 1"
"help_metrics        |0|Usage: vrrpctl [-n NETNS] metrics|-|help metrics"
"metrics_argument    |2|vrrpctl: metrics: unknown argument \"lo\"|-|metrics lo"
"nomod_metrics       |1|vrrpctl: $NOMOD|nomod|metrics"
"me_is_metrics       |1|vrrpctl: $NOMOD|nomod|me"
"m_is_monitor        |0|Usage: vrrpctl monitor|-|m help"
"notify_no_program   |2|vrrpctl: notify: missing PROGRAM|-|notify"
"notify_only_timeout |2|vrrpctl: notify: missing PROGRAM|-|notify timeout 5s"
"notify_timeout_none |2|vrrpctl: missing value after \"timeout\"|-|notify timeout"
"notify_timeout_bad  |2|vrrpctl: notify: invalid timeout \"soon\": a time of at most 24 hours (0: none)|-|notify timeout soon /bin/true"
"notify_timeout_big  |2|vrrpctl: notify: invalid timeout \"86400001\"|-|notify timeout 86400001 /bin/true"
"notify_rcvbuf_zero  |2|vrrpctl: notify: invalid rcvbuf \"0\": must be 1-2147483647|-|notify rcvbuf 0 /bin/true"
"notify_rcvbuf_text  |2|vrrpctl: notify: invalid rcvbuf \"4k\"|-|notify rcvbuf 4k /bin/true"
"notify_after_program|2|vrrpctl: notify: unexpected \"timeout\" after the program|-|notify /bin/true timeout 5s"
"notify_no_such_prog |1|vrrpctl: notify: cannot run /nonexistent/notify.sh: No such file or directory|-|notify /nonexistent/notify.sh"
"notify_not_exec     |1|vrrpctl: notify: cannot run /dev/null: Permission denied|-|notify timeout 0 /dev/null"
"check_notify        |0||-|-check notify timeout 1.5s rcvbuf 65536 /nonexistent/notify.sh"
"help_notify         |0|Usage: vrrpctl notify|-|help notify"
"n_is_notify         |0|Usage: vrrpctl notify|-|n help"
"nomod_notify        |1|vrrpctl: $NOMOD|nomod|notify /bin/true"
"vg_nomod_notify     |1|vrrpctl: $NOMOD|vg,nomod|notify timeout 1s rcvbuf 4096 true"
"vg_nomod_metrics    |1|vrrpctl: $NOMOD|vg,nomod,netns|-n @NS@ metrics"
"hint_advskew        |2|vrrpctl: hint: \"advskew\" is a CARP word; use \"priority PRIO\"|-|add lo vrid 1 advskew 100 address $A"
"hint_advbase        |2|vrrpctl: hint: \"advbase\" is a CARP word; use \"interval\"|-|add lo vrid 1 advbase 1 address $A"
"hint_nopreempt      |2|vrrpctl: hint: \"nopreempt\" is a keepalived word; use \"preempt off\"|-|set lo vrid 1 nopreempt"
"hint_preempt_delay  |2|vrrpctl: hint: \"preempt_delay\" is a keepalived word; use \"preempt-delay\"|-|set lo vrid 1 preempt_delay 5"
"hint_advert_int     |2|vrrpctl: hint: \"advert_int\" is a keepalived word; use \"interval\"|-|add lo vrid 1 advert_int 1 address $A"
"hint_vip            |2|vrrpctl: hint: \"virtual_ipaddress\" is a keepalived word; use \"address ADDR[/PLEN]\"|-|add lo vrid 1 virtual_ipaddress $A"
"hint_case_dash      |2|vrrpctl: hint: \"Advert-Int\" is a keepalived word|-|add lo vrid 1 Advert-Int 1 address $A"
)
# Tests written as functions below.
EXTRA=(empty_names long_lists json_error_no_stdout add_usage_on_stderr odd_argv
       batch_line_numbers batch_force batch_comments_quotes batch_check
       apply_file_errors)

NUM=0
FAILED=0

ok() { NUM=$((NUM + 1)); echo "ok $NUM $1${2:+ # SKIP $2}"; }
not_ok() { NUM=$((NUM + 1)); FAILED=$((FAILED + 1)); echo "not ok $NUM $1"; }
diag() { sed 's/^/# /'; }

cleanup() {
	[[ -n $NS ]] && ip netns del "$NS" 2>/dev/null
}
trap cleanup EXIT

module_loaded() {
	[[ -d /sys/module/vrrp ]]
}

# Why a row cannot run here, or nothing.
skip_reason() {
	local c

	for c in ${1//,/ }; do
		case $c in
		-) ;;
		nomod) module_loaded && echo "vrrp module is loaded" && return ;;
		netns) [[ -n $NS ]] || { echo "cannot create a netns"; return; } ;;
		hostdev) [[ -n $HOSTDEV ]] || { echo "no host interface"; return; } ;;
		vg) command -v valgrind > /dev/null || { echo "no valgrind"; return; } ;;
		esac
	done
}

# run_row NAME RC TEXT CONDS ARGS
run_row() {
	local name=$1 want=$2 text=$3 conds=$4 why out rc
	local -a args pre=()

	read -r -a args <<< "$5"
	args=("${args[@]//@NS@/$NS}")
	args=("${args[@]//@HOSTDEV@/$HOSTDEV}")
	text=${text//@HOSTDEV@/$HOSTDEV}
	why=$(skip_reason "$conds")
	if [[ -n $why ]]; then
		ok "$name" "$why"
		return
	fi
	[[ $conds == *vg* ]] &&
		pre=(valgrind -q --error-exitcode=99 --leak-check=full
		     '--errors-for-leak-kinds=definite,indirect')
	out=$("${pre[@]}" "$VRRPCTL" "${args[@]}" 2>&1)
	rc=$?
	if [[ $rc -eq $want && $out == *"$text"* ]]; then
		ok "$name"
	else
		not_ok "$name"
		{
			echo "vrrpctl ${args[*]}"
			echo "exit $rc, expected $want; expected text: $text"
			echo "$out"
		} | diag
	fi
}

# An empty word is no name: a usage error, not a name for the kernel (for a
# group it would mean "leave the group").
test_empty_names() {
	local line out rc ret=0
	local -a args

	for line in "set lo vrid 1 group|group name" \
		    "set lo vrid 1 check|health check name" \
		    "set lo vrid 1 track-state|health check name" \
		    "check|health check name"; do
		read -r -a args <<< "${line%%|*}"
		args+=("")
		[[ ${line%%|*} == *track-state || ${line%%|*} == check ]] &&
			args+=(up)
		out=$("$VRRPCTL" "${args[@]}" 2>&1)
		rc=$?
		[[ $rc -eq 2 && $out == *"invalid ${line#*|}: empty"* ]] && continue
		echo "vrrpctl ${args[*]}: exit $rc: $out" | diag
		ret=1
	done
	return $ret
}

# Lists longer than the kernel takes reach the kernel, which names its
# limit; a line too long for any request is a usage error, not "out of
# memory".
test_long_lists() {
	local -a args=(add lo vrid 1)
	local i out rc

	for i in $(seq 1 1000); do
		args+=(address "10.0.$((i / 256)).$((i % 256))")
	done
	if ! module_loaded; then
		out=$("$VRRPCTL" "${args[@]}" 2>&1)
		rc=$?
		[[ $rc -eq 1 && $out == *"$NOMOD"* ]] ||
			{ echo "1000 addresses: exit $rc: $out" | diag; return 1; }
	fi
	for i in $(seq 1 4000); do
		args+=(peer "10.1.$((i / 256)).$((i % 256))")
	done
	out=$("$VRRPCTL" "${args[@]}" 2>&1)
	rc=$?
	[[ $rc -eq 2 && $out == *"add: the command line is too long for one request"* ]] ||
		{ echo "5000 addresses: exit $rc: ${out:0:300}" | diag; return 1; }
}

# A failed show prints nothing on stdout, so no partial JSON.
test_json_error_no_stdout() {
	local out rc

	out=$("$VRRPCTL" -j -p show vrrpctl-nodev 2>/dev/null)
	rc=$?
	[[ $rc -eq 1 && -z $out ]] ||
		{ echo "exit $rc, stdout: $out" | diag; return 1; }
}

# Usage errors: message then the command's usage, on stderr only.
test_add_usage_on_stderr() {
	local out err rc

	err=$("$VRRPCTL" add lo vrid 300 address "$A" 2>&1 >/dev/null)
	rc=$?
	out=$("$VRRPCTL" add lo vrid 300 address "$A" 2>/dev/null)
	[[ $rc -eq 2 && -z $out && $err == *"Usage: vrrpctl add"* ]] ||
		{ echo "exit $rc, stdout: $out, stderr: $err" | diag; return 1; }
}

# A batch stops at its first bad line and names it; blank lines and
# comments count as lines.
test_batch_line_numbers() {
	local f out rc

	f=$(mktemp /tmp/vrrpctl-batch.XXXXXX)
	printf '%s\n' '# a comment' '' 'help add' 'add lo vrid 0 address 192.0.2.1' \
		'help del' > "$f"
	out=$("$VRRPCTL" -batch "$f" 2>&1)
	rc=$?
	rm -f "$f"
	[[ $rc -eq 1 && $out == *"vrrpctl: $f:4: invalid vrid \"0\": must be 1-255"* &&
	   $out == *"Usage: vrrpctl add"* && $out != *"Usage: vrrpctl del"* ]] ||
		{ echo "exit $rc: $out" | diag; return 1; }
	# The same from stdin.
	out=$(printf 'help\nfrobnicate\n' | "$VRRPCTL" -b - 2>&1)
	rc=$?
	[[ $rc -eq 1 && $out == *'vrrpctl: stdin:2: unknown command "frobnicate"'* ]] ||
		{ echo "stdin: exit $rc: $out" | diag; return 1; }
}

# -force: every bad line is reported, the good ones run, exit 1.
test_batch_force() {
	local out rc

	out=$(printf 'add lo vrid 0 address 192.0.2.1\nhelp del\nset lo vrid 1\n' |
		"$VRRPCTL" -force -batch - 2>&1)
	rc=$?
	[[ $rc -eq 1 && $out == *"stdin:1: invalid vrid"* &&
	   $out == *"Usage: vrrpctl del"* && $out == *"stdin:3: set: nothing to change"* ]] ||
		{ echo "exit $rc: $out" | diag; return 1; }
}

# Quotes, comments after a command, and an all-good batch exits 0.
test_batch_comments_quotes() {
	local out rc

	out=$(printf '  help "del"   # usage of del\n\t# indented comment\nhelp \x27add\x27\n' |
		"$VRRPCTL" -b - 2>&1)
	rc=$?
	[[ $rc -eq 0 && $out == *"Usage: vrrpctl del"* && $out == *"Usage: vrrpctl add"* ]] ||
		{ echo "exit $rc: $out" | diag; return 1; }
	out=$(printf 'help "del\n' | "$VRRPCTL" -b - 2>&1)
	rc=$?
	[[ $rc -eq 1 && $out == *"stdin:1: unterminated quote"* ]] ||
		{ echo "unterminated: exit $rc: $out" | diag; return 1; }
}

# -check: a batch of valid commands on interfaces that do not exist
# passes without the module; a bad line is named.
test_batch_check() {
	local out rc

	out=$(printf 'add vrrpctl-nodev vrid 1 address 192.0.2.1 group g\nflush\n' |
		"$VRRPCTL" -check -batch - 2>&1)
	rc=$?
	[[ $rc -eq 0 && -z $out ]] || { echo "valid: exit $rc: $out" | diag; return 1; }
	out=$(printf 'del vrrpctl-nodev vrid 1\nadd vrrpctl-nodev vrid 1 colour red address 192.0.2.1\n' |
		"$VRRPCTL" -c -b - 2>&1)
	rc=$?
	[[ $rc -eq 1 && $out == *'stdin:2: unknown keyword "colour"'* ]] ||
		{ echo "invalid: exit $rc: $out" | diag; return 1; }
}

# A file with mistakes is not applied: each is named with its line, before
# the module is asked anything (so none is needed); under valgrind too.
test_apply_file_errors() {
	local out rc
	local -a pre=()

	command -v valgrind > /dev/null &&
		pre=(valgrind -q --error-exitcode=99 --leak-check=full
		     '--errors-for-leak-kinds=definite,indirect')
	out=$(printf '%s\n' 'add lo vrid 1 address 192.0.2.1' '# fine' \
		'add lo vrid 1 address 192.0.2.2' 'del lo vrid 1' \
		'set lo vrid 2 prio 5' 'add lo vrid 3 address 192.0.2.3 ra on' |
		"${pre[@]}" "$VRRPCTL" -check apply - 2>&1)
	rc=$?
	[[ $rc -eq 1 && $out == *"stdin:3: lo vrid 1 family inet: added on line 1 already"* &&
	   $out == *'stdin:4: apply: "del": a file to apply holds add and set lines only'* &&
	   $out == *"stdin:5: set lo vrid 2: no add of this router before this line"* &&
	   $out == *"stdin:6: lo vrid 3: Router Advertisements are for inet6 routers only"* &&
	   $out != *NOMOD* && $out != *"the vrrp module"* ]] ||
		{ echo "exit $rc: $out" | diag; return 1; }
}

# Odd words anywhere: the tool must exit 0, 1 or 2, never crash (nor wait
# on stdin: "apply -" reads it).
test_odd_argv() {
	local long w pos rc bad=0
	local -a words cmds

	long=$(printf 'x%.0s' $(seq 1 5000))
	words=("" " " "-" "--" "-n" "-j" "help" "vrid" "dev" "address" "prio"
	       "interval" "preempt" "0" "256" "4294967296" "-1" "%s%n%s"
	       "192.0.2.1/" "/24" "1.2.3.4/24/24" "lo" "vrrpctl-nodev"
	       "$long" $'\n' $'\xff\xfe' "on" "off" "10ms" "ms")
	cmds=("add lo vrid 1" "add" "del lo" "show" "show lo" "" "-n"
	      "set lo vrid 1" "stats reset" "stats" "flush" "monitor -x"
	      "-check apply" "-check apply dev" "save")
	for pos in "${cmds[@]}"; do
		for w in "${words[@]}"; do
			local -a args

			read -r -a args <<< "$pos"
			# Never create anything in a loaded module.
			if module_loaded && [[ ${args[0]:-} == @(add|set|stats|flush|apply) ]]; then
				continue
			fi
			"$VRRPCTL" "${args[@]}" "$w" < /dev/null > /dev/null 2>&1
			rc=$?
			if [[ $rc -gt 2 ]]; then
				echo "exit $rc: vrrpctl $pos '$w'" | diag
				bad=1
			fi
			"$VRRPCTL" "$w" "${args[@]}" < /dev/null > /dev/null 2>&1
			rc=$?
			if [[ $rc -gt 2 ]]; then
				echo "exit $rc: vrrpctl '$w' $pos" | diag
				bad=1
			fi
		done
	done
	return $bad
}

echo "TAP version 13"
if [[ ! -x $VRRPCTL ]]; then
	echo "1..0 # SKIP $VRRPCTL not built"
	exit 4
fi
echo "1..$((${#ROWS[@]} + ${#EXTRA[@]}))"

# A namespace of our own, with nothing but lo in it.
if [[ $(id -u) -eq 0 ]] && command -v ip > /dev/null; then
	NS=vrrpctl-test-$$
	ip netns add "$NS" 2>/dev/null || NS=
fi
for d in /sys/class/net/*; do
	d=${d##*/}
	if [[ $d != lo && -e /sys/class/net/$d ]]; then
		HOSTDEV=$d
		break
	fi
done

for row in "${ROWS[@]}"; do
	IFS='|' read -r name want text conds args <<< "$row"
	run_row "${name%% *}" "$want" "$text" "$conds" "$args"
done
for t in "${EXTRA[@]}"; do
	if "test_$t"; then ok "$t"; else not_ok "$t"; fi
done

echo "# $((NUM - FAILED)) passed, $FAILED failed"
[[ $FAILED -eq 0 ]]
