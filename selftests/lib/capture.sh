#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Captures: tcpdump on the LAN bridge (or a router's interface), and the
# advertisements, takeovers and gaps read from them. Sourced by lib.sh.

# Variables set here are used by the scripts that source lib.sh.
# shellcheck disable=SC2034

CAP=

# cap_start FILTER [NS DEV]: capture into $CAP, on the LAN bridge by
# default. On a sender's own interface the time stamps are taken as it
# transmits, not when a loaded guest gets round to forwarding the frame.
cap_start() {
	CAP=$(mktemp /tmp/vrrp-cap.XXXXXX)
	# --immediate-mode: each packet is read as it comes, not when the
	# kernel hands over a full block or a second has passed.
	bg_start tcpdump ip netns exec "${2:-$SW}" tcpdump -U --immediate-mode \
		-n -i "${3:-br0}" -w "$CAP" "$1" 2>/dev/null
	# tcpdump writes the file header once it captures.
	busywait "$WAIT_TIMEOUT_MS" test -s "$CAP" || fail "tcpdump did not start"
}

cap_stop() {
	bg_stop tcpdump INT
}

cap_clean() {
	cap_stop
	[[ -n "$CAP" ]] && rm -f "$CAP"
	CAP=
}

# cap_read: the capture so far, with link headers and epoch timestamps.
cap_read() {
	tcpdump -r "$CAP" -n -e -tt -v 2>/dev/null
}

# cap_count PATTERN: lines of the capture matching an extended regex.
cap_count() {
	cap_read | grep -c -E -- "$1"
}

cap_has() {
	[[ $(cap_count "$1") -ge $2 ]]
}

# ms_times PATTERN: the capture times of the matching lines, in ms.
ms_times() {
	cap_read | grep -E -- "$1" |
		awk '{ printf "%.0f\n", $1 * 1000 }'
}

# gaps: the differences between consecutive numbers of stdin.
gaps() {
	awk 'NR > 1 { printf "%d ", $1 - last } { last = $1 } END { print "" }'
}

# cap_adverts: "TIME_US SRC PRIO" for each VRRP advertisement captured.
cap_adverts() {
	tcpdump -r "$CAP" -n -tt 2>/dev/null |
		awk '/VRRPv[23], Advertisement/ {
			p = ""
			for (i = 1; i < NF; i++)
				if ($i == "prio") p = $(i + 1)
			sub(/,$/, "", p)
			split($1, t, ".")
			printf "%d%06d %s %s\n", t[1], t[2], $3, p
		}'
}

# cap_takeover OLD NEW SINCE_US [0]: "LAST_US FIRST_US", the epoch times
# of OLD's last advertisement and of NEW's first one sent after SINCE_US
# (the epoch time of the failure, from tick) (with a fourth argument 0:
# OLD's last must be a priority-0 one); nothing when the capture lacks
# them. OLD or NEW "-" is any source but the other one: a peer whose
# address (an IPv6 link-local one) the test does not know.
cap_takeover() {
	cap_adverts | awk -v old="$1" -v new="$2" -v since="$3" -v p0="${4:-}" '
		function is_old(s) { return old == "-" ? s != new : s == old }
		function is_new(s) { return new == "-" ? s != old : s == new }
		is_old($2) { last = $1; lastp = $3 }
		is_new($2) && $1 >= since && last != "" {
			if (p0 == "" || lastp == "0") print last, $1
			exit
		}'
}

# cap_takeover_us OLD NEW SINCE_US [0]: the time from OLD's last
# advertisement to NEW's first one (cap_takeover), in microseconds.
cap_takeover_us() {
	local last first

	read -r last first < <(cap_takeover "$@") || return 0
	echo $((first - last))
}

# cap_timeline OLD NEW SINCE_US: the advertisements of both around NEW's
# first one after SINCE_US (six before it, three after), for a diagnosis.
cap_timeline() {
	cap_adverts | awk -v old="$1" -v new="$2" -v since="$3" '
		function is_old(s) { return old == "-" ? s != new : s == old }
		function is_new(s) { return new == "-" ? s != old : s == new }
		BEGIN { n = 0 }
		!is_old($2) && !is_new($2) { next }
		{ t[n] = $1; l[n++] = $2 " prio " $3 }
		is_new($2) && $1 >= since && first == "" { first = n - 1 }
		END {
			if (first == "") first = n - 1
			for (i = first - 6; i <= first + 3; i++)
				if (i >= 0 && i < n)
					printf "%+10.3f ms %s\n", (t[i] - since) / 1000, l[i]
		}'
}

# cap_wait_advert SRC: wait until the capture holds an advertisement from
# SRC (tcpdump in a loaded guest runs behind; what it has not read when
# stopped is lost); SRC "-OLD": from any source but OLD.
cap_has_advert_from() {
	cap_adverts | awk -v s="$1" '
		s ~ /^-/ ? $2 != substr(s, 2) : $2 == s { f = 1 } END { exit !f }'
}

# cap_reordered SRC: the LAN delivered a regular advertisement of SRC
# after SRC's priority-0 one although SRC sent it first (stamped
# earlier): two CPUs' backlogs of the veth pairs, or two transmit queues
# of a NIC, may reorder frames. One stamped after the priority-0 one is
# not reordering but a router that spoke after its goodbye.
cap_reordered() {
	cap_adverts | awk -v s="$1" '$2 != s { next }
		$3 == 0 && !z { z = $1; next }
		z && $1 < z { f = 1 } END { exit !f }'
}

# cap_others SINCE_US SRC...: the sources of advertisements captured from
# SINCE_US on other than the SRCs, one line; empty if none.
cap_others() {
	local since=$1

	shift
	cap_adverts | awk -v since="$since" -v srcs=" $* " '
		$1 >= since && index(srcs, " " $2 " ") == 0 && !seen[$2]++ {
			printf "%s%s", sep, $2; sep = " "
		} END { if (sep) print "" }'
}

cap_wait_advert() {
	busywait "$WAIT_TIMEOUT_MS" cap_has_advert_from "$1"
}
