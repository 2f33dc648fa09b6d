#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Read the captures of scripts/cross-pair.sh: measure the takeovers of the
MIPS pair against the RFC 9568 bounds, check every VRRP checksum (here and
with tshark), and compare the advertisements of the MIPS pair with those of
the x86-64 one byte for byte. Prints "PASS name # detail" and "FAIL name #
detail" lines, and other lines as comments."""

import argparse
import ipaddress
import struct
import subprocess
import sys

R1_ADDR = {"inet": "192.0.2.11", "inet6": "fe80::5054:ff:fe12:3401"}
R2_ADDR = {"inet": "192.0.2.12", "inet6": "fe80::5054:ff:fe12:3402"}


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return s


def read_pcap(path):
    data = open(path, "rb").read()
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        end = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        end = ">"
    else:
        raise SystemExit(f"{path}: not a pcap file")
    div = 1e9 if magic in (b"\x4d\x3c\xb2\xa1", b"\xa1\xb2\x3c\x4d") else 1e6
    off, pkts = 24, []
    while off + 16 <= len(data):
        sec, frac, incl, _ = struct.unpack(end + "IIII", data[off:off + 16])
        pkts.append((sec + frac / div, data[off + 16:off + 16 + incl]))
        off += 16 + incl
    return pkts


class Adv:
    """One VRRP advertisement in an Ethernet frame."""

    def __init__(self, t, frame):
        self.t, self.frame = t, frame
        self.eth = frame[:14]
        etype = struct.unpack("!H", frame[12:14])[0]
        ip = frame[14:]
        if etype == 0x0800 and ip[9] == 112:
            ihl = (ip[0] & 0xF) * 4
            tot = struct.unpack("!H", ip[2:4])[0]
            self.family = "inet"
            self.iphdr = ip[:ihl]
            # Without the identification and the header checksum.
            self.ipcmp = ip[:4] + ip[6:10] + ip[12:ihl]
            self.src = str(ipaddress.ip_address(ip[12:16]))
            self.payload = ip[ihl:tot]
            self.iph_ok = csum(ip[:ihl]) == 0xFFFF
            pseudo = ip[12:20] + struct.pack("!BBH", 0, 112,
                                              len(self.payload))
        elif etype == 0x86DD and ip[6] == 112:
            plen = struct.unpack("!H", ip[4:6])[0]
            self.family = "inet6"
            self.iphdr = self.ipcmp = ip[:40]
            self.src = str(ipaddress.ip_address(ip[8:24]))
            self.payload = ip[40:40 + plen]
            self.iph_ok = True
            pseudo = ip[8:40] + struct.pack("!IxxxB", plen, 112)
        else:
            raise ValueError("not VRRP")
        p = self.payload
        self.version, self.type = p[0] >> 4, p[0] & 0xF
        self.vrid, self.prio, self.count = p[1], p[2], p[3]
        if self.version == 3:
            self.csum_ok = csum(pseudo + p) == 0xFFFF
        else:
            self.csum_ok = csum(p) == 0xFFFF

    def key(self):
        return (self.vrid, self.family, self.version, self.src, self.prio)


def advs(path):
    out = []
    for t, frame in read_pcap(path):
        try:
            out.append(Adv(t, frame))
        except (ValueError, IndexError, struct.error):
            pass
    return out


def tshark_bad(path):
    """Frames whose VRRP checksum tshark does not find good."""
    r = subprocess.run(["tshark", "-r", path, "-Y", "vrrp", "-T", "fields",
                        "-e", "frame.number", "-e", "vrrp.checksum.status"],
                       capture_output=True, text=True, check=True)
    lines = [ln.split("\t") for ln in r.stdout.splitlines() if ln]
    return len(lines), [n for n, st in lines if st != "1"]


def skew_us(prio, ivl):
    return (256 - prio) * ivl * 1000 // 256


def adi_us(prio, ivl):
    return 3 * ivl * 1000 + skew_us(prio, ivl)


def result(ok, name, detail):
    print(("PASS " if ok else "FAIL ") + f"{name} # {detail}")


def preempt(a1, args, out):
    """R1's own capture: the link is back when R2's first advertisement
    reaches it (R2 sends every interval); R1 must be Active within the
    time pcnet32 takes to see the carrier (a 2 s watchdog rounded to a
    whole second: at most 2.5 s) plus its Active_Down_Interval."""
    r2 = [x for x in a1 if x.vrid == 10 and x.family == "inet" and
          x.src == R2_ADDR["inet"] and x.prio == args.r2_prio]
    if not r2:
        out(False, "preempt time", "R1 never heard R2")
        return
    t_on = r2[0].t
    r1 = [x for x in a1 if x.vrid == 10 and x.family == "inet" and
          x.src == R1_ADDR["inet"] and x.prio == args.r1_prio and
          x.t > t_on]
    if not r1:
        out(False, "preempt time", "R1 never advertised again")
        return
    d = (r1[0].t - t_on) * 1e6
    adi = adi_us(args.r1_prio, args.interval)
    bound = 2500000 + adi + args.interval * 1000 + args.slack * 1000
    out(adi <= d + args.interval * 1000 <= bound, "preempt time",
        f"R1 Active {d / 1000:.1f} ms after its link came back, bound "
        f"2500 (carrier) + {adi / 1000:.1f} (Active_Down_Interval) + "
        f"{args.interval} (resolution) + {args.slack} ms")


def timings(a, a1, args, tag, check):
    """Takeover times in one capture (what R2's NIC saw)."""
    slack = args.slack * 1000
    out = (lambda ok, n, d: result(ok, f"{tag}{n}", d)) if check else \
        (lambda ok, n, d: print(f"{tag}{n}: {d}"))

    def of(vrid, fam, src, prio=None, after=-1.0):
        return [x for x in a if x.vrid == vrid and x.family == fam and
                x.src == src and x.t > after and
                (prio is None or x.prio == prio)]

    ivl, r1, r2 = args.interval, R1_ADDR["inet"], R2_ADDR["inet"]
    # Failover: R2's first advertisement, after R1's last one.
    bound = adi_us(args.r2_prio, ivl)
    r2first = of(10, "inet", r2, args.r2_prio)
    if not r2first:
        out(False, "failover time", "no advertisement of R2")
        return
    t1 = r2first[0].t
    before = [x for x in of(10, "inet", r1) if x.t < t1]
    if not before:
        out(False, "failover time", "no advertisement of R1 before R2's")
        return
    d = (t1 - before[-1].t) * 1e6
    out(bound - 10000 <= d <= bound + slack, "failover time",
        f"{d / 1000:.1f} ms after R1's last advertisement, "
        f"Active_Down_Interval {bound / 1000:.1f} ms (+{args.slack} ms)")
    # Preemption: R1 is back; R2 stops at once.
    back = of(10, "inet", r1, args.r1_prio, t1)
    zero = of(10, "inet", r1, 0)
    if not back or not zero:
        out(False, "R2 yields", "R1 never advertised again")
    else:
        t2, t4 = back[0].t, zero[0].t
        late = [x for x in of(10, "inet", r2, args.r2_prio, t2)
                if x.t < t4]
        d = (late[-1].t - t2) * 1e6 if late else 0
        out(d <= slack, "R2 yields",
            f"R2 sent {len(late)} advertisement(s) after R1's return, "
            f"the last {d / 1000:.1f} ms after (bound {args.slack} ms)")
    if a1 is not None:
        preempt(a1, args, out)
    # Priority-0 handovers.
    for vrid, fam, iv, name in ((10, "inet", ivl, "v3-inet"),
                                (20, "inet", args.v2_interval, "v2-inet"),
                                (30, "inet6", ivl, "v3-inet6")):
        zero = of(vrid, fam, R1_ADDR[fam], 0)
        if not zero:
            out(False, f"{name} handover time", "no priority-0 advertisement")
            continue
        t4 = zero[0].t
        nxt = of(vrid, fam, R2_ADDR[fam], args.r2_prio, t4)
        if not nxt:
            out(False, f"{name} handover time", "R2 never advertised")
            continue
        d = (nxt[0].t - t4) * 1e6
        bound = skew_us(args.r2_prio, iv)
        out(bound - 10000 <= d <= bound + slack, f"{name} handover time",
            f"{d / 1000:.1f} ms after priority 0, Skew_Time "
            f"{bound / 1000:.1f} ms (+{args.slack} ms)")


def checksums(a, path, tag):
    bad = [x for x in a if not (x.csum_ok and x.iph_ok)]
    n, tbad = tshark_bad(path)
    result(not bad and not tbad and n == len(a), f"{tag}checksums",
           f"{len(a)} advertisements, {len(bad)} bad here, tshark: {n} "
           f"seen, {len(tbad)} not good")


def group(a):
    g = {}
    for x in a:
        g.setdefault(x.key(), []).append(x)
    return g


def compare(m, x):
    gm, gx = group(m), group(x)
    ok = True
    print(f"{'vrid':>4} {'family':6} {'v':1} {'router':24} {'prio':>4} "
          f"{'mips':>4} {'x86':>4}  vrrp  ip    eth   VRRP header (mips)")
    for k in sorted(set(gm) | set(gx), key=lambda k: (k[0], k[3], -k[4])):
        pm, px = gm.get(k, []), gx.get(k, [])
        vs = lambda l, f: {f(y) for y in l}
        same = [bool(pm) and bool(px) and vs(pm, f) == vs(px, f) and
                len(vs(pm, f)) == 1
                for f in (lambda y: y.payload, lambda y: y.ipcmp,
                          lambda y: y.eth)]
        ok &= all(same)
        print(f"{k[0]:>4} {k[1]:6} {k[2]:1} {k[3]:24} {k[4]:>4} "
              f"{len(pm):>4} {len(px):>4}  " +
              "  ".join("same" if s else "DIFF" for s in same) +
              f"  {pm[0].payload[:8].hex() if pm else '-'}")
        if not all(same):
            for lab, l in (("mips", pm), ("x86", px)):
                for p in sorted({y.payload.hex() for y in l}):
                    print(f"  {lab} vrrp {p}")
                for p in sorted({y.ipcmp.hex() for y in l}):
                    print(f"  {lab} ip   {p}")
    return ok


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mips", required=True)
    ap.add_argument("--mips-r1", required=True)
    ap.add_argument("--x86")
    ap.add_argument("--interval", type=int, required=True)
    ap.add_argument("--v2-interval", type=int, required=True)
    ap.add_argument("--slack", type=int, required=True)
    ap.add_argument("--r1-prio", type=int, required=True)
    ap.add_argument("--r2-prio", type=int, required=True)
    args = ap.parse_args()

    m = advs(args.mips)
    print(f"mips: {len(m)} advertisements in {args.mips}")
    timings(m, advs(args.mips_r1), args, "mips ", True)
    checksums(m, args.mips, "mips ")
    if args.x86:
        x = advs(args.x86)
        print(f"x86: {len(x)} advertisements in {args.x86}")
        timings(x, None, args, "x86 ", False)
        checksums(x, args.x86, "x86 ")
        same = compare(m, x)
        result(same, "advertisements byte-identical on mips and x86-64",
               "per router, VRID, family and priority: VRRP message, IP "
               "header but id and checksum, Ethernet header")
    return 0


if __name__ == "__main__":
    sys.exit(main())
