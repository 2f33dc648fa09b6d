#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# /init of the MIPS guests of scripts/cross-pair.sh (busybox sh): load
# /vrrp.ko, bring eth0 up with PAIR_ADDR (from the kernel command line),
# print "pair: ready", then run the lines the host writes to the console,
# each "SEQ COMMAND", printing "@@ SEQ rc=N" after COMMAND's output.
export PATH=/bin

mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
stty -echo 2> /dev/null
if insmod /vrrp.ko; then
	echo "pair: insmod ok"
else
	echo "pair: insmod FAILED"
fi
ip link set lo up
ip link set eth0 up
ip addr add "$PAIR_ADDR/24" dev eth0
echo "pair: $PAIR_NAME ready $(uname -r)"
while read -r seq cmd; do
	eval "$cmd" 2>&1
	echo "@@ $seq rc=$?"
done
echo "pair: console closed"
poweroff -f
