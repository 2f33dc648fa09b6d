#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Hostile VRRP traffic from a rogue host, with per-class counter checks.

  vrrp_hostile.py CLASSES FAMILY ROGUE_NS R1_NS R2_NS

FAMILY is 4 or 6. CLASSES is "ladder" (every class of malformed packet,
each followed by an exact check of the counters it must move on R1 and R2),
"v2_addrlist" or "owner" (packets the receiving router must drop by RFC,
with a state check). The routers are those vrrp_hostile.sh configures:

  vrid 10 inet  v3  R1 prio 200 (active), R2 prio 100 (backup), 1000 ms
  vrid 20 inet6 v3  R1 prio 200 (active), R2 prio 100 (backup), 1000 ms
  vrid 30 inet  v2  R1 prio 200 (active), R2 prio 100 (backup), 1 s
  vrid 50 inet  v3  R1 prio 255 (owner of 192.0.2.2), R2 prio 100 (backup)
  vrid 51 inet6 v3  R1 prio 255 (fe80::51, owner of 2001:db8::2)

Frames are built by hand (struct) for speed under TCG and sent in bulk
from one AF_PACKET socket in the rogue namespace; scapy builds the IPv4
options, the IPv6 extension headers and the CARP header, and parses every
frame class once as a cross-check. Counters are read with the kernel's
YNL library (as vrrp_ynl.py does) from sockets opened in each router's
namespace. Output is KTAP diagnostics; the last line is "sent=N".
Exit status 0 when every check held.
"""
import ctypes
import ipaddress
import os
import random
import socket
import struct
import sys
import time

KSRC = os.environ.get('KSRC', '/usr/src/linux-source-6.12')
sys.path.insert(0, os.path.join(KSRC, 'tools/net/ynl'))
from lib import YnlFamily  # noqa: E402

from scapy.layers.inet import IP, IPOption_NOP, IPOption_Router_Alert  # noqa: E402
from scapy.layers.inet6 import (IPv6, IPv6ExtHdrHopByHop,  # noqa: E402
                                IPv6ExtHdrDestOpt, RouterAlert, PadN)
from scapy.layers.l2 import Ether  # noqa: E402
from scapy.packet import Raw  # noqa: E402

SPEC = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..',
                    'Documentation/netlink/specs/vrrp.yaml')
CLONE_NEWNET = 0x40000000
PROTO = 112
ROGUE4 = '192.0.2.100'
ROGUE6 = 'fe80::bad:100'
GRP4 = '224.0.0.18'
GRP6 = 'ff02::12'
MAC4 = b'\x01\x00\x5e\x00\x00\x12'
MAC6 = b'\x33\x33\x00\x00\x00\x12'
# The virtual addresses of the groups, as vrrp_hostile.sh configures them.
VIPS = {10: ['192.0.2.1'], 30: ['192.0.2.30'], 50: ['192.0.2.2'],
        20: ['fe80::1', '2001:db8::1'], 51: ['fe80::51', '2001:db8::2']}
CONFIGURED = {4: (10, 30, 50), 6: (20, 51)}

libc = ctypes.CDLL(None, use_errno=True)
failures = []
sent_total = 0


def diag(msg):
    for line in str(msg).splitlines():
        print(f'# {line}', flush=True)


def setns(name):
    fd = os.open(f'/run/netns/{name}', os.O_RDONLY)
    try:
        if libc.setns(fd, CLONE_NEWNET):
            raise OSError(ctypes.get_errno(), f'setns {name}')
    finally:
        os.close(fd)


def csum(data):
    if len(data) % 2:
        data += b'\0'
    s = sum(struct.unpack(f'!{len(data) // 2}H', data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff


def pseudo(fam, src, dst, length):
    if fam == 4:
        return (socket.inet_pton(socket.AF_INET, src) +
                socket.inet_pton(socket.AF_INET, dst) +
                struct.pack('!BBH', 0, PROTO, length))
    return (socket.inet_pton(socket.AF_INET6, src) +
            socket.inet_pton(socket.AF_INET6, dst) +
            struct.pack('!IxxxB', length, PROTO))


class Pkt:
    """Builds VRRP messages and frames for one family."""

    def __init__(self, fam, smac):
        self.fam = fam
        self.smac = smac
        self.src = ROGUE4 if fam == 4 else ROGUE6
        self.dst = GRP4 if fam == 4 else GRP6
        self.alen = 4 if fam == 4 else 16
        self.ipid = random.randrange(65536)

    def addrs(self, vrid):
        af = socket.AF_INET if self.fam == 4 else socket.AF_INET6
        return b''.join(socket.inet_pton(af, a) for a in VIPS[vrid])

    def vrrp(self, vrid, prio=50, ver=3, typ=1, naddr=None, field=None,
             addrs=None, form='pseudo', auth=b''):
        """A VRRP message with a right checksum in FORM (pseudo, plain)."""
        if addrs is None:
            addrs = self.addrs(vrid)
        if naddr is None:
            naddr = len(addrs) // self.alen
        if field is None:
            field = 1 if ver == 2 else 100          # 1 s / 100 cs
        hdr = struct.pack('!BBBBH', (ver << 4) | typ, vrid, prio, naddr,
                          field)
        body = addrs + auth
        msg = hdr + b'\0\0' + body
        if form == 'pseudo':
            c = csum(pseudo(self.fam, self.src, self.dst, len(msg)) + msg)
        else:
            c = csum(msg)
        return hdr + struct.pack('!H', c) + body

    def v2(self, vrid=30, prio=50, authtype=0, adv=1, addrs=None, ver=2,
           typ=1):
        return self.vrrp(vrid, prio, ver=ver, typ=typ, addrs=addrs,
                         field=(authtype << 8) | adv, form='plain',
                         auth=b'\0' * 8)

    def both_csums(self, msg):
        m = msg[:6] + b'\0\0' + msg[8:]
        return (csum(pseudo(self.fam, self.src, self.dst, len(m)) + m),
                csum(m))

    def frame(self, payload, ttl=255, frag=0, ipid=None, nh=PROTO,
              ext=b''):
        """An Ethernet frame to the VRRP group. FRAG is the IPv4 flags and
        offset field; EXT (IPv6) extension headers before PAYLOAD, NH the
        first next header."""
        if self.fam == 4:
            if ipid is None:
                self.ipid = (self.ipid + 1) & 0xffff
                ipid = self.ipid
            h = struct.pack('!BBHHHBBH4s4s', 0x45, 0xc0, 20 + len(payload),
                            ipid, frag, ttl, PROTO, 0,
                            socket.inet_pton(socket.AF_INET, self.src),
                            socket.inet_pton(socket.AF_INET, self.dst))
            h = h[:10] + struct.pack('!H', csum(h)) + h[12:]
            return MAC4 + self.smac + b'\x08\x00' + h + payload
        body = ext + payload
        h = struct.pack('!IHBB16s16s', 0x60000000, len(body), nh, ttl,
                        socket.inet_pton(socket.AF_INET6, self.src),
                        socket.inet_pton(socket.AF_INET6, self.dst))
        return MAC6 + self.smac + b'\x86\xdd' + h + body

    def fragments(self, payload, size=8):
        """PAYLOAD in fragments of SIZE bytes (a multiple of 8)."""
        out = []
        if self.fam == 4:
            self.ipid = (self.ipid + 1) & 0xffff
            for off in range(0, len(payload), size):
                more = 0x2000 if off + size < len(payload) else 0
                out.append(self.frame(payload[off:off + size],
                                      frag=more | (off // 8),
                                      ipid=self.ipid))
            return out
        ident = random.randrange(1 << 32)
        for off in range(0, len(payload), size):
            more = 1 if off + size < len(payload) else 0
            fh = struct.pack('!BBHI', PROTO, 0, off | more, ident)
            out.append(self.frame(payload[off:off + size], nh=44, ext=fh))
        return out

    def carp(self, vhid):
        """OpenBSD's 36-byte CARP header: version 2, type 1, authlen 7."""
        hdr = struct.pack('!BBBBBBH', 0x21, vhid, 0, 7, 0, 1, 0)
        body = os.urandom(8) + os.urandom(20)
        c = csum(hdr + body)
        return hdr[:6] + struct.pack('!H', c) + body


class Routers:
    """YNL sockets in each router namespace."""

    def __init__(self, names):
        self.ns = names
        self.ynl = {}
        self.ifindex = {}
        for key, ns in names.items():
            setns(ns)
            self.ynl[key] = YnlFamily(SPEC, '')
            self.ifindex[key] = socket.if_nametoindex('eth0')

    def get(self, key, vrid, fam):
        return self.ynl[key].do('get', {
            'ifindex': self.ifindex[key], 'vrid': vrid,
            'family': 'inet' if fam == 4 else 'inet6'})

    def net(self, key):
        return self.ynl[key].do('net-stats-get', {})['net-stats']

    def snapshot(self, vrids, fam):
        snap = {}
        for key in self.ns:
            snap[(key, 'net')] = self.net(key)
            for v in vrids:
                try:
                    snap[(key, v)] = self.get(key, v, fam)['stats']
                except Exception:  # noqa: BLE001 (vrid 50/51: R1 only)
                    pass
        return snap


def delta(a, b):
    return {k: b[k] - a.get(k, 0) for k in b if isinstance(b[k], int)}


def check_class(name, routers, fam, sock, frames, want, vrids,
                strict=True):
    """Send FRAMES, then check that the counters moved exactly as WANT
    says: {(router, vrid or 'net'): {counter: n or ('>=', n)}}; every
    *-errors/rcvd-* counter not named must not move. Returns how long,
    from the first frame, the counters took to move as WANT says (s)."""
    global sent_total
    before = routers.snapshot(vrids, fam)
    t0 = time.monotonic()
    for i, f in enumerate(frames):
        sock.send(f)
        if i % 256 == 255:
            time.sleep(0.002)
    sent_total += len(frames)
    dt = time.monotonic() - t0

    def exact_ok(d):
        for key, counters in want.items():
            for c, n in counters.items():
                if isinstance(n, tuple):
                    if d[key].get(c, 0) < n[1]:
                        return False
                elif d[key].get(c, 0) != n:
                    return False
        return True

    end = time.monotonic() + 10
    while True:
        after = routers.snapshot(vrids, fam)
        d = {k: delta(before[k], after[k]) for k in after if k in before}
        took = time.monotonic() - t0
        if exact_ok(d) or time.monotonic() > end:
            break
        time.sleep(0.2)
    # Let late packets land before the "nothing else moved" check.
    time.sleep(0.3)
    after = routers.snapshot(vrids, fam)
    d = {k: delta(before[k], after[k]) for k in after if k in before}
    bad = []
    for key, dd in d.items():
        exp = want.get(key, {})
        for c, v in dd.items():
            watched = (c.endswith('-errors') or c == 'rcvd-carp' or
                       c == 'rcvd-invalid-type' or c in exp)
            if not watched:
                continue
            e = exp.get(c, 0)
            if isinstance(e, tuple):
                if v < e[1]:
                    bad.append(f'{key[0]} {key[1]} {c}: +{v}, want >= {e[1]}')
            elif v != e:
                bad.append(f'{key[0]} {key[1]} {c}: +{v}, want +{e}')
    moved = {f'{k[0]}/{k[1]}': {c: v for c, v in dd.items() if v and
                                c != 'discontinuity-time'}
             for k, dd in d.items()}
    moved = {k: v for k, v in moved.items() if v}
    diag(f'{name}: sent {len(frames)} frames in {dt:.2f}s; moved {moved}')
    if bad and strict:
        failures.append(name)
        for b in bad:
            diag(f'{"FAIL" if strict else "info"} {name}: {b}')
    return took


def bad_csum(oks):
    """A checksum field that verifies in none of the forms OKS (0 and
    0xffff are the same one's complement number)."""
    same = set(oks) | {0 for o in oks if o == 0xffff} | \
        {0xffff for o in oks if o == 0}
    return rand_not(same, 0, 0xffff)


def mac(b):
    return ':'.join(f'{x:02x}' for x in b)


def rand_not(excl, lo, hi):
    while True:
        v = random.randint(lo, hi)
        if v not in excl:
            return v


def scapy_crosscheck(fam, pk):
    """scapy parses one frame of our own making as the right thing."""
    f = Ether(pk.frame(pk.vrrp(10 if fam == 4 else 20)))
    layer = f[IP] if fam == 4 else f[IPv6]
    ok = (layer.ttl if fam == 4 else layer.hlim) == 255
    if fam == 4:
        ok = ok and IP(bytes(layer)).chksum == layer.chksum
    if not ok:
        failures.append('scapy-crosscheck')
        diag('FAIL scapy does not agree with our frame builder')


def ladder(fam, routers, sock, pk):
    v = 10 if fam == 4 else 20
    vrids = (10, 30) if fam == 4 else (20,)
    both = ('R1', 'R2')
    n = 1000

    def on(*counters, vrid=v, who=both):
        return {(r, vrid): dict(counters) for r in who}

    scapy_crosscheck(fam, pk)

    frames = [pk.frame(pk.vrrp(v), ttl=random.randint(0, 254))
              for _ in range(n)]
    check_class('ttl', routers, fam, sock, frames,
                on(('ip-ttl-errors', n)), vrids)

    frames = []
    for i in range(n):
        ver = rand_not((2, 3), 0, 15) if i % 4 else 2
        frames.append(pk.frame(pk.vrrp(v, ver=ver)))
    check_class('version', routers, fam, sock, frames,
                on(('version-errors', n)), vrids)

    frames = [pk.frame(pk.vrrp(v, typ=rand_not((1,), 0, 15)))
              for _ in range(n)]
    check_class('type', routers, fam, sock, frames,
                on(('rcvd-invalid-type', n)), vrids)

    # Address counts that claim more than the message holds.
    nv = len(VIPS[v])
    frames = [pk.frame(pk.vrrp(v, naddr=random.randint(nv + 1, 255)))
              for _ in range(n)]
    check_class('lying-naddr', routers, fam, sock, frames,
                on(('packet-length-errors', n)), vrids)

    # Truncation at every offset; below 8 bytes it is the namespace's.
    good = pk.vrrp(v)
    frames, short, trunc = [], 0, 0
    while len(frames) < n:
        for cut in range(len(good)):
            frames.append(pk.frame(good[:cut]))
            if cut < 8:
                short += 1
            else:
                trunc += 1
    want = on(('packet-length-errors', trunc))
    for r in both:
        want[(r, 'net')] = {'packet-length-errors': short}
    check_class('truncation', routers, fam, sock, frames, want, vrids)

    frames = []
    for _ in range(n):
        m = pk.vrrp(v)
        c = bad_csum(pk.both_csums(m) if fam == 4 else
                     pk.both_csums(m)[:1])
        frames.append(pk.frame(m[:6] + struct.pack('!H', c) + m[8:]))
    check_class('bad-checksum', routers, fam, sock, frames,
                on(('checksum-errors', n)), vrids)

    # Right checksums (low priority: ignored by the FSM). IPv4 takes both
    # forms; R1 (active) answers each with an advertisement.
    half = n // 2
    frames = [pk.frame(pk.vrrp(v)) for _ in range(half)]
    want = {('R1', v): {'rcvd-advertisements': half, 'csum-pseudo': half},
            ('R2', v): {'rcvd-advertisements': ('>=', half),
                        'csum-pseudo': ('>=', half)}}
    if fam == 6:
        want = {('R1', v): {'rcvd-advertisements': half},
                ('R2', v): {'rcvd-advertisements': ('>=', half)}}
    check_class('good-checksum-pseudo', routers, fam, sock, frames, want,
                vrids)
    if fam == 4:
        frames = [pk.frame(pk.vrrp(v, form='plain')) for _ in range(half)]
        want = {('R1', v): {'rcvd-advertisements': half,
                            'csum-plain': half},
                ('R2', v): {'rcvd-advertisements': ('>=', half),
                            'csum-plain': half}}
        check_class('good-checksum-plain', routers, fam, sock, frames, want,
                    vrids)

    # Max Adver Int 0 (any reserved bits): dropped and counted.
    frames = [pk.frame(pk.vrrp(v, field=random.randrange(16) << 12))
              for _ in range(half)]
    check_class('interval-zero', routers, fam, sock, frames,
                on(('adv-interval-errors', half)), vrids)
    # Huge interval with reserved bits set, low priority: counted, and
    # the backup must not learn it from a router it does not follow.
    frames = [pk.frame(pk.vrrp(v, field=0xffff)) for _ in range(half)]
    want = {('R1', v): {'adv-interval-errors': half,
                        'rcvd-advertisements': half},
            ('R2', v): {'adv-interval-errors': half,
                        'rcvd-advertisements': ('>=', half)}}
    check_class('interval-huge', routers, fam, sock, frames, want, vrids)

    # Unknown VRIDs: the namespace's vrid-errors.
    frames = [pk.frame(pk.vrrp(rand_not(CONFIGURED[fam], 0, 255),
                               addrs=pk.addrs(v)))
              for _ in range(n)]
    want = {(r, 'net'): {'vrid-errors': n} for r in both}
    check_class('unknown-vrid', routers, fam, sock, frames, want, vrids)

    # IP options / extension headers (scapy): a valid advertisement behind
    # them is still one.
    msg = pk.vrrp(v)
    if fam == 4:
        opt = IP(src=ROGUE4, dst=GRP4, ttl=255, proto=PROTO, tos=0xc0,
                 options=[IPOption_Router_Alert(), IPOption_NOP(),
                          IPOption_NOP(), IPOption_NOP(), IPOption_NOP()])
        tmpl = bytes(Ether(dst=mac(MAC4), src=mac(pk.smac)) /
                     opt / Raw(msg))
    else:
        opt = (IPv6(src=ROGUE6, dst=GRP6, hlim=255) /
               IPv6ExtHdrHopByHop(options=[RouterAlert(), PadN(optdata=b'')]) /
               IPv6ExtHdrDestOpt(nh=PROTO, options=[PadN(optdata=b'\0' * 4)]))
        tmpl = bytes(Ether(dst=mac(MAC6), src=mac(pk.smac)) /
                     opt / Raw(msg))
    frames = [tmpl] * half
    want = {('R1', v): {'rcvd-advertisements': half},
            ('R2', v): {'rcvd-advertisements': ('>=', half)}}
    check_class('ip-options', routers, fam, sock, frames, want, vrids)
    # The same options with a wrong TTL: still a TTL error.
    if fam == 4:
        opt.ttl = 64
    else:
        opt.hlim = 64
    bad = bytes(Ether(dst=mac(MAC4 if fam == 4 else MAC6), src=mac(pk.smac)) /
                opt /
                Raw(msg))
    check_class('ip-options-ttl', routers, fam, sock, [bad] * half,
                on(('ip-ttl-errors', half)), vrids)

    # Fragments of 8 bytes, reassembled before us; then first fragments
    # alone (never complete: nothing may be counted).
    frames, k = [], 0
    while len(frames) < half:
        frames += pk.fragments(pk.vrrp(v))
        k += 1
    want = {('R1', v): {'rcvd-advertisements': k},
            ('R2', v): {'rcvd-advertisements': ('>=', k)}}
    check_class('fragments', routers, fam, sock, frames, want, vrids)
    frames = [pk.fragments(pk.vrrp(v))[0] for _ in range(half)]
    check_class('lone-fragments', routers, fam, sock, frames, {}, vrids)

    # Messages of 60000 bytes (the address list, then padding inside the
    # checksum) in fragments that fit the link, reassembled before us: the
    # receive path makes linear only what the address count needs and
    # sums the rest where it lies. Right checksums count as
    # advertisements, a changed padding byte as a checksum error.
    big, m = 60000, 4
    pad = big - 8 - len(pk.addrs(v))
    frames = []
    for _ in range(m):
        frames += pk.fragments(pk.vrrp(v, auth=bytes(pad)), size=1448)
    for _ in range(m):
        msg = pk.vrrp(v, auth=bytes(pad))
        frames += pk.fragments(msg[:-1] + b'\x01', size=1448)
    want = {('R1', v): {'rcvd-advertisements': m, 'checksum-errors': m},
            ('R2', v): {'rcvd-advertisements': ('>=', m),
                        'checksum-errors': m}}
    check_class('big-fragmented', routers, fam, sock, frames, want, vrids)

    # CARP: a 36-byte version 2 header to the same group and VHID.
    frames = [pk.frame(pk.carp(v)) for _ in range(half)]
    want = on(('rcvd-carp', half))
    if fam == 4:
        frames += [pk.frame(pk.carp(30)) for _ in range(half)]
        want.update(on(('rcvd-carp', half), vrid=30))
    check_class('carp', routers, fam, sock, frames, want, vrids)

    if fam == 4:
        # A VRRPv2 router: authentication, interval, version, checksum.
        frames = [pk.frame(pk.v2(authtype=random.randint(1, 255)))
                  for _ in range(half)]
        check_class('v2-auth-type', routers, fam, sock, frames,
                    on(('auth-type-errors', half), vrid=30), vrids)
        frames = [pk.frame(pk.v2(adv=rand_not((1,), 0, 255)))
                  for _ in range(half)]
        check_class('v2-interval', routers, fam, sock, frames,
                    on(('adv-interval-errors', half), vrid=30), vrids)
        frames = [pk.frame(pk.vrrp(30)) for _ in range(half)]
        check_class('v3-to-v2-router', routers, fam, sock, frames,
                    on(('version-errors', half), vrid=30), vrids)
        frames = []
        for _ in range(half):
            m = pk.v2()
            c = bad_csum(pk.both_csums(m)[1:])
            frames.append(pk.frame(m[:6] + struct.pack('!H', c) + m[8:]))
        check_class('v2-bad-checksum', routers, fam, sock, frames,
                    on(('checksum-errors', half), vrid=30), vrids)
        # v2 without its 8 bytes of authentication data.
        frames = [pk.frame(pk.v2()[:-random.randint(1, 8)])
                  for _ in range(half)]
        check_class('v2-no-auth-data', routers, fam, sock, frames,
                    on(('packet-length-errors', half), vrid=30), vrids)

    # Random garbage behind a plausible start (priority below R2's, never
    # 0) at the configured VRIDs and random TTLs: only survival counts.
    frames = []
    for _ in range(n):
        m = bytearray(os.urandom(random.randint(0, 80)))
        if len(m) > 2:
            m[1] = random.choice(vrids)
            m[2] = random.randint(1, 99)
        frames.append(pk.frame(bytes(m), ttl=random.choice((255, 255, 1))))
    check_class('random', routers, fam, sock, frames, {}, vrids,
                strict=False)

    # Priority 0 from a rogue (RFC 9568 6.4.3): each sets the Backup's
    # timer to Skew_Time, and the Active router answers at once, at most
    # one advertisement per 10 ms, the last of a burst answered too:
    # counted on both, and the Backup never becomes Active.
    n0 = n
    frames = [pk.frame(pk.vrrp(v, prio=0)) for _ in range(n0)]
    want = {(r, v): {'rcvd-pri-zero': n0, 'active-transitions': 0}
            for r in both}
    answers_bounded('priority-0', routers, fam, sock, frames, want, vrids,
                    v)

    # A flood of valid low-priority advertisements: the active asserts
    # itself at most once per 10 ms (a missed answer costs nothing).
    flood = 2 * n
    frames = [pk.frame(pk.vrrp(v, prio=random.randint(1, 99)))
              for _ in range(flood)]
    want = {('R1', v): {'rcvd-advertisements': flood},
            ('R2', v): {'rcvd-advertisements': ('>=', flood)}}
    answers_bounded('flood', routers, fam, sock, frames, want, vrids, v)


def answers_bounded(name, routers, fam, sock, frames, want, vrids, v):
    """Send FRAMES that the Active R1 answers at most once per 10 ms and
    check WANT as check_class does; then bound R1's advertisements by the
    time the routers took to count the burst: one per 10 ms, plus the 1 s
    schedule, plus 4 for the edges. That bound tells a rate limit from
    none (one answer per frame) only while it is below the number of
    frames, that is when the burst was counted in under
    (frames - 4) / 101 s. A slower host cannot show the limit, and a
    check that cannot fail is not a pass: that is a failure with its
    reason."""
    before = routers.get('R1', v, fam)['stats']['sent-advertisements']
    took = check_class(name, routers, fam, sock, frames, want, vrids)
    answers = routers.get('R1', v, fam)['stats']['sent-advertisements'] - \
        before
    limit = int(took * 100) + int(took) + 4
    diag(f'{name}: the active sent {answers} advertisements in answer to '
         f'{len(frames)}, counted in {took:.2f} s (at most {limit})')
    if limit >= len(frames):
        failures.append(name)
        diag(f'FAIL {name}: the rate limit cannot be measured here: '
             f'counting the burst took {took:.2f} s, and only under '
             f'{(len(frames) - 4) / 101:.2f} s can one answer per 10 ms be '
             'told from one per frame')
    elif not 1 <= answers <= limit:
        failures.append(name)
        diag(f'FAIL {name}: {answers} advertisements, want 1 to {limit}')


def v2_addrlist(fam, routers, sock, pk):
    """RFC 3768 7.1: a VRRPv2 advertisement whose address list differs
    MUST be dropped unless its priority is 255, and the error counted. A
    priority-250 one with a wrong list must be counted as such by both
    routers and must not take the active role from R1 (200)."""
    wrong = socket.inet_pton(socket.AF_INET, '198.18.0.1')
    frames = [pk.frame(pk.v2(prio=250, addrs=wrong)) for _ in range(50)]
    check_class('v2-wrong-addr-list', routers, fam, sock, frames,
                {('R1', 30): {'address-list-errors': 50},
                 ('R2', 30): {'address-list-errors': 50}}, (30,))
    st = routers.get('R1', 30, fam)
    diag(f'v2 vrid 30: R1 state {st["state"]} reason {st.get("reason")} '
         f'after 50 priority-250 advertisements with a wrong address list')
    if st['state'] != 'active':
        failures.append('v2-addrlist')
        diag('FAIL R1 (VRRPv2, 200) left the active state for advertisements '
             'RFC 3768 7.1 says to drop')


def owner(fam, routers, sock, pk):
    """RFC 9568 7.1: the receiver MUST discard an advertisement when it is
    the address owner. A priority-255 advertisement from a (higher)
    non-owner address with a wrong address list must not take the active
    role from the owner R1."""
    vrid = 50 if fam == 4 else 51
    wrong = (socket.inet_pton(socket.AF_INET, '198.18.0.1') if fam == 4 else
             socket.inet_pton(socket.AF_INET6, '2001:db8:bad::1'))
    frames = [pk.frame(pk.vrrp(vrid, prio=255, addrs=wrong))
              for _ in range(50)]
    global sent_total
    for f in frames:
        sock.send(f)
    sent_total += len(frames)
    time.sleep(1)
    st = routers.get('R1', vrid, fam)
    diag(f'owner vrid {vrid}: state {st["state"]} reason '
         f'{st.get("reason")} after 50 rogue priority-255 advertisements')
    if st['state'] != 'active':
        failures.append('owner')
        diag(f'FAIL the owner R1 vrid {vrid} left the active state')


def state_of(routers, key, vrid, fam, ifname='eth0'):
    ynl = routers.ynl[key]
    setns(routers.ns[key])
    idx = socket.if_nametoindex(ifname)
    return ynl.do('get', {'ifindex': idx, 'vrid': vrid,
                          'family': 'inet' if fam == 4 else 'inet6'})


def states(fam, routers, sock, pk, want_addr=None):
    """Every router of FAM where it belongs; returns R2's active
    addresses. In one process: exec is slow under TCG."""
    groups = {4: ((10, 30, 50), (10, 30, 50)), 6: ((20,), (20,))}[fam]
    key = 'active-addr4' if fam == 4 else 'active-addr6'
    seen = {}
    for v in groups[0]:
        st = state_of(routers, 'R1', v, fam)['state']
        if st != 'active':
            failures.append('states')
            diag(f'FAIL R1 vrid {v} is {st}, not active')
    for v in groups[1]:
        rt = state_of(routers, 'R2', v, fam)
        seen[v] = rt.get(key)
        if rt['state'] != 'backup':
            failures.append('states')
            diag(f'FAIL R2 vrid {v} is {rt["state"]}, not backup')
        if want_addr and seen[v] != want_addr[v]:
            failures.append('states')
            diag(f'FAIL R2 vrid {v} follows {seen[v]}, was {want_addr[v]}')
        if v == 10 and rt.get('active-interval') != 1000:
            failures.append('states')
            diag(f'FAIL R2 vrid 10 active-interval '
                 f'{rt.get("active-interval")}, not 1000')
    st = state_of(routers, 'R1', 10 if fam == 4 else 20, fam, 'eth2')
    if st['state'] != 'init':
        failures.append('states')
        diag(f'FAIL R1 eth2 is {st["state"]}, not init')
    diag(f'states ok: R1 active, R2 backup following {seen}, eth2 init'
         if 'states' not in failures else 'states wrong')
    return seen


def setup(routers, fam):
    """The routers of the docstring, in one process."""
    v4 = [{'addr4': int(ipaddress.IPv4Address('192.0.2.1')),
           'prefixlen': 24}]
    v6 = [{'addr6': ipaddress.IPv6Address('fe80::1').packed},
          {'addr6': ipaddress.IPv6Address('2001:db8::1').packed,
           'prefixlen': 64}]
    todo = [
        ('R1', 'eth0', {'vrid': 10, 'interval': 1000, 'vip': v4,
                        'priority': 200}),
        ('R2', 'eth0', {'vrid': 10, 'interval': 1000, 'vip': v4,
                        'priority': 100}),
        ('R1', 'eth0', {'vrid': 20, 'family': 'inet6', 'interval': 1000,
                        'vip': v6, 'priority': 200}),
        ('R2', 'eth0', {'vrid': 20, 'family': 'inet6', 'interval': 1000,
                        'vip': v6, 'priority': 100}),
        ('R1', 'eth0', {'vrid': 30, 'version': 2, 'interval': 1000,
                        'priority': 200,
                        'vip': [{'addr4': 0xc000021e}]}),
        ('R2', 'eth0', {'vrid': 30, 'version': 2, 'interval': 1000,
                        'priority': 100,
                        'vip': [{'addr4': 0xc000021e}]}),
        ('R1', 'eth0', {'vrid': 50, 'interval': 1000, 'priority': 255,
                        'vip': [{'addr4': 0xc0000202}]}),
        ('R2', 'eth0', {'vrid': 50, 'interval': 1000, 'priority': 100,
                        'vip': [{'addr4': 0xc0000202}]}),
        ('R1', 'eth2', {'vrid': 10, 'priority': 200,
                        'vip': [{'addr4': 0xc612010a}]}),
        ('R1', 'eth2', {'vrid': 20, 'family': 'inet6',
                        'vip': [{'addr6': ipaddress.IPv6Address(
                            'fe80::20').packed}]}),
    ]
    if fam == 6:
        # The IPv6 owner, only when its test runs: R2 drops its
        # advertisements (no vrid 51 there).
        todo = [('R1', 'eth0', {
            'vrid': 51, 'family': 'inet6', 'interval': 1000,
            'priority': 255,
            'vip': [{'addr6': ipaddress.IPv6Address('fe80::51').packed},
                    {'addr6': ipaddress.IPv6Address('2001:db8::2').packed}]})]
    for key, ifname, req in todo:
        setns(routers.ns[key])
        req['ifindex'] = socket.if_nametoindex(ifname)
        diag(f'+ [{key}] add {ifname} {req}')
        routers.ynl[key].do('add', req)
    # Wait for the roles, as vrrp_ynl.py wait does.
    end = time.monotonic() + 20
    while time.monotonic() < end:
        try:
            if fam == 6 or (
                    state_of(routers, 'R2', 20, 6)['state'] == 'backup' and
                    state_of(routers, 'R2', 30, 4)['state'] == 'backup' and
                    state_of(routers, 'R2', 10, 4)['state'] == 'backup'):
                break
        except Exception:  # noqa: BLE001
            pass
        time.sleep(0.2)


def main(argv):
    what, fam = argv[0], int(argv[1])
    rogue, r1, r2 = argv[2:5]
    random.seed(int(os.environ.get('HOSTILE_SEED', '1')))
    routers = Routers({'R1': r1, 'R2': r2})
    setns(rogue)
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    sock.bind(('eth0', 0))
    smac = sock.getsockname()[4]
    pk = Pkt(fam, smac)
    if what == 'setup':
        setup(routers, fam)
        return 0
    if what == 'ladder':
        addr = states(fam, routers, sock, pk)
        if not failures:
            ladder(fam, routers, sock, pk)
            time.sleep(1)
            states(fam, routers, sock, pk, addr)
    else:
        {'v2_addrlist': v2_addrlist, 'owner': owner}[what](
            fam, routers, sock, pk)
    print(f'# sent={sent_total}', flush=True)
    if failures:
        diag(f'failed classes: {" ".join(failures)}')
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
