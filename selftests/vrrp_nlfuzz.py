#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Netlink fuzz of the vrrp family, run in a router namespace.

Creates a dummy interface fz0 (and deletes it at the end) so that nothing
the fuzzer builds can name the routers of eth0: every ifindex attribute it
writes is fz0's. Then:
  1. random and malformed generic netlink messages on a raw socket: every
     command number, random attribute types and lengths, bad and deep
     nesting, unknown attributes, truncated attribute headers, lying
     nlmsg_len, random flags (dumps);
  2. the spec's operations through the kernel's YNL library with values
     at and beyond the policy limits;
  3. concurrent add/set/get/del of the same router from several processes.
Then checks that the family answers and that the routers of eth0 are as
before (configuration and state). Prints KTAP diagnostics and
"messages=N"; exit 0 when all held.
"""
import os
import random
import socket
import struct
import subprocess
import sys
import time

KSRC = os.environ.get('KSRC', '/usr/src/linux-source-6.12')
sys.path.insert(0, os.path.join(KSRC, 'tools/net/ynl'))
from lib import YnlFamily, NlError  # noqa: E402

SPEC = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..',
                    'Documentation/netlink/specs/vrrp.yaml')
NLM_F_REQUEST, NLM_F_ACK, NLM_F_DUMP = 1, 4, 0x300
NETLINK_GENERIC = 16
NLA_F_NESTED = 0x8000
# Fields of a router that hostile input must not change.
KEEP = ('ifindex', 'vrid', 'family', 'version', 'priority', 'interval',
        'preempt', 'vip', 'state', 'accept', 'peer', 'checksum',
        'active-addr4', 'active-addr6')


def diag(msg):
    print(f'# {msg}', flush=True)


def nla(typ, payload):
    n = 4 + len(payload)
    return struct.pack('=HH', n, typ) + payload + b'\0' * (-n % 4)


class Fuzz:
    def __init__(self, seed):
        self.rnd = random.Random(seed)
        self.ynl = YnlFamily(SPEC, '')
        self.fid = self.ynl.nlproto.family_id
        rs = self.ynl.attr_sets['router']
        self.a_ifindex = rs['ifindex'].value
        self.a_vip = rs['vip'].value
        self.a_peer = rs['peer'].value
        self.maxattr = max(a.value for a in rs.attrs.values())
        self.ncmd = max(op.req_value or 0
                        for op in self.ynl.ops.values())
        self.fz = socket.if_nametoindex('fz0')
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                                  NETLINK_GENERIC)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
        self.sock.setblocking(False)
        self.seq = 0
        self.sent = 0
        self.errors = {}

    def value(self, typ):
        r = self.rnd
        if typ == self.a_ifindex:
            return struct.pack('=I', self.fz) if r.random() < 0.8 else \
                r.choice([b'', b'\1', struct.pack('=Q', self.fz)])
        k = r.randrange(8)
        if k == 0:
            return b''
        if k == 1:
            return bytes([r.randrange(256)])
        if k == 2:
            return struct.pack('=H', r.randrange(65536))
        if k == 3:
            return struct.pack('=I', r.choice([0, 1, 9, 10, 40950, 40960,
                                               0xffffffff,
                                               r.randrange(1 << 32)]))
        if k == 4:
            return struct.pack('=Q', r.randrange(1 << 64))
        if k == 5:
            return os.urandom(r.randrange(64))
        if k == 6:
            return self.attrs(depth=1)
        return os.urandom(r.choice([3, 5, 15, 16, 17, 20]))

    def attrs(self, depth=0):
        r = self.rnd
        out = b''
        for _ in range(r.randrange(6)):
            typ = r.randrange(self.maxattr + 4)
            if depth < 4 and r.random() < 0.3:
                typ |= NLA_F_NESTED
                inner = self.attrs(depth + 1)
                out += nla(typ, inner)
            else:
                out += nla(typ, self.value(typ & ~NLA_F_NESTED))
        if r.random() < 0.1 and out:
            # A truncated attribute header or a length past the end.
            cut = r.randrange(len(out))
            out = out[:cut] if r.random() < 0.5 else \
                out + struct.pack('=HH', r.randrange(5, 400), 1)
        return out

    def message(self):
        r = self.rnd
        cmd = r.randrange(self.ncmd + 3)
        body = struct.pack('=BBH', cmd, r.choice([0, 1, 2, 255]), 0) + \
            self.attrs()
        flags = NLM_F_REQUEST | NLM_F_ACK
        if r.random() < 0.2:
            flags |= NLM_F_DUMP
        self.seq += 1
        length = 16 + len(body)
        if r.random() < 0.05:
            length = r.choice([0, 15, 16, 17, 19, length - 1, length + 4])
        msg = struct.pack('=IHHII', length, self.fid, flags, self.seq, 0) + \
            body
        if r.random() < 0.05:
            msg = msg[:r.randrange(len(msg))]
        return msg

    def drain(self):
        while True:
            try:
                data = self.sock.recv(65536)
            except BlockingIOError:
                return
            off = 0
            while off + 16 <= len(data):
                ln, typ = struct.unpack_from('=IH', data, off)
                if typ == 2 and off + 20 <= len(data):
                    err = struct.unpack_from('=i', data, off + 16)[0]
                    self.errors[err] = self.errors.get(err, 0) + 1
                if ln < 16:
                    break
                off += (ln + 3) & ~3

    def raw(self, n):
        for i in range(n):
            try:
                self.sock.send(self.message())
            except OSError as e:
                self.errors[f'send {e.errno}'] = \
                    self.errors.get(f'send {e.errno}', 0) + 1
            self.sent += 1
            if i % 32 == 31:
                self.drain()
        time.sleep(0.2)
        self.drain()

    def limits(self):
        """Spec operations at and past the policy limits, each with the
        answer it must get (0 or the errno): a value one past a limit is
        refused, the limit itself is taken and then shown by get. Each
        request past a limit is otherwise valid, so that it is refused for
        its limit and not for something else."""
        base = {'ifindex': self.fz, 'vrid': 77}
        vip = [{'addr4': 0xc0000201}]
        vips = [{'addr4': 0xc0000201 + i} for i in range(65)]
        peers = [{'addr4': 0xc6120002 + i} for i in range(17)]
        checks = [{'name': f'hc{i}'} for i in range(17)]
        E2BIG, EEXIST, EINVAL, ENODEV, ENOENT, ERANGE = 7, 17, 22, 19, 2, 34
        cases = [
            ('add', {**base, 'vip': vip}, 0),
            ('add', {**base, 'vip': vip}, EEXIST),
            ('set', {**base, 'interval': 9}, ERANGE),
            ('set', {**base, 'interval': 40951}, EINVAL),
            ('set', {**base, 'interval': 40960}, ERANGE),
            ('set', {**base, 'interval': 40950}, 0),
            ('set', {**base, 'interval': 15}, EINVAL),
            ('set', {**base, 'priority': 0}, ERANGE),
            ('set', {**base, 'priority': 255}, 0),
            ('set', {**base, 'version': 4}, ERANGE),
            # 40950 ms is not whole seconds.
            ('set', {**base, 'version': 2}, EINVAL),
            ('set', {**base, 'preempt-delay': 3600001}, ERANGE),
            ('set', {**base, 'preempt-delay': 3600000}, 0),
            # No vip attribute at all: the list is kept.
            ('set', {**base, 'vip': []}, 0),
            ('set', {**base, 'vip': vips}, E2BIG),
            ('set', {**base, 'vip': vips[:64]}, 0),
            ('set', {**base, 'vip': [{'addr6': b'\xfe\x80' + b'\0' * 14}]},
             EINVAL),
            ('set', {**base, 'vip': [{'addr4': 0xc0000201,
                                      'prefixlen': 33}]}, EINVAL),
            ('set', {**base, 'peer': peers}, E2BIG),
            ('set', {**base, 'peer': peers[:16]}, 0),
            ('set', {**base, 'track': checks}, E2BIG),
            ('set', {**base, 'track': checks[:16]}, 0),
            ('get', base, {'interval': 40950, 'priority': 255,
                           'preempt-delay': 3600000, 'vip': 64,
                           'peer': 16, 'track': 16}),
            ('set', {**base, 'track': [{'name': 'x' * 16}]}, EINVAL),
            ('set', {**base, 'track': [{'name': ''}]}, EINVAL),
            ('set', {**base, 'track': [{'name': 'x' * 15,
                                        'weight': 254}]}, ERANGE),
            ('set', {**base, 'track': [{'name': 'x' * 15,
                                        'weight': 253}]}, 0),
            ('set', {**base, 'group': 'g' * 16}, EINVAL),
            ('set', {**base, 'group': 'g' * 15}, 0),
            ('get', base, {'track': 1, 'group': 'g' * 15}),
            ('add', {**base, 'vrid': 0, 'vip': vip}, ERANGE),
            ('add', {'ifindex': 0x7fffffff, 'vrid': 1, 'vip': vip}, ENODEV),
            ('add', {**base, 'family': 'inet6', 'version': 2,
                     'vip': [{'addr6': b'\xfe\x80' + b'\0' * 14}]},
             EINVAL),
            ('stats-reset', {'ifindex': self.fz}, 0),
            ('net-stats-get', {}, 0),
            ('del', base, 0),
            ('del', base, ENOENT),
        ]
        bad = 0
        for op, req, want in cases:
            self.sent += 1
            if op == 'get':
                bad += self.check_get(req, want)
                continue
            try:
                self.ynl.do(op, req)
                res = 0
            except NlError as e:
                res = e.error
            except Exception as e:  # noqa: BLE001 (encoding refused)
                res = None
                self.sent -= 1
                diag(f'limits: {op} {sorted(req)}: not sent '
                     f'({type(e).__name__})')
            shown = 'ok' if res == 0 else \
                f'error {res} ({os.strerror(res)})' if res else 'not sent'
            if res != want:
                bad += 1
                diag(f'FAIL limits: {op} {brief(req)}: {shown}, want '
                     f'{"ok" if want == 0 else want}')
            else:
                diag(f'limits: {op} {brief(req)}: {shown}')
        return bad

    def check_get(self, req, want):
        """The router shows WANT: a value, or for a list its length."""
        try:
            rt = self.ynl.do('get', req)
        except NlError as e:
            diag(f'FAIL limits: get {brief(req)}: error {e.error}')
            return 1
        got = {k: len(rt.get(k, [])) if isinstance(v, int) and
               k in ('vip', 'peer', 'track') else rt.get(k)
               for k, v in want.items()}
        if got != want:
            diag(f'FAIL limits: get {brief(req)}: {got}, want {want}')
            return 1
        diag(f'limits: get {brief(req)}: {got}')
        return 0


def brief(req):
    """A request for the log: lists by their length."""
    return {k: f'[{len(v)}]' if isinstance(v, list) else v
            for k, v in req.items()}


def routers_of_eth0(ynl):
    idx = socket.if_nametoindex('eth0')
    out = []
    for rt in ynl.dump('get', {}):
        if rt.get('ifindex') == idx:
            out.append({k: rt.get(k) for k in KEEP})
    return sorted(out, key=lambda x: (x['family'], x['vrid']))


def racer(seed, n):
    """Child: add/set/get/del of fz0 vrid 99, errors expected."""
    r = random.Random(seed)
    ynl = YnlFamily(SPEC, '')
    fz = socket.if_nametoindex('fz0')
    key = {'ifindex': fz, 'vrid': 99}
    for _ in range(n):
        op = r.choice(['add', 'add', 'del', 'del', 'set', 'get'])
        req = dict(key)
        if op == 'add':
            req['vip'] = [{'addr4': 0xc6120063}]
            req['interval'] = r.choice([10, 100, 1000])
        if op == 'set':
            req['priority'] = r.randrange(1, 256)
        try:
            ynl.do(op, req)
        except NlError:
            pass
    return 0


def main():
    seed = int(os.environ.get('HOSTILE_SEED', '1'))
    subprocess.run(['ip', 'link', 'add', 'fz0', 'type', 'dummy'], check=True)
    subprocess.run(['ip', 'link', 'set', 'fz0', 'up'], check=True)
    subprocess.run(['ip', 'addr', 'add', '198.18.0.1/24', 'dev', 'fz0'],
                   check=True)
    rc = 0
    try:
        f = Fuzz(seed)
        before = routers_of_eth0(f.ynl)
        diag(f'family id {f.fid}, {f.ncmd} commands, {f.maxattr} router '
             f'attributes; {len(before)} routers on eth0')
        t0 = time.monotonic()
        f.raw(int(os.environ.get('NLFUZZ_RAW', '20000')))
        diag(f'raw: {f.sent} messages in {time.monotonic() - t0:.1f}s; '
             f'replies by error: {dict(sorted(f.errors.items(), key=str))}')
        if f.limits():
            rc = 1

        nproc, per = 4, 150
        t0 = time.monotonic()
        pids = []
        for i in range(nproc):
            pid = os.fork()
            if pid == 0:
                try:
                    os._exit(racer(seed * 100 + i, per))
                except BaseException:  # noqa: BLE001
                    os._exit(3)
            pids.append(pid)
        for pid in pids:
            _, st = os.waitpid(pid, 0)
            if os.waitstatus_to_exitcode(st):
                diag(f'FAIL racer {pid} exited {st}')
                rc = 1
        f.sent += nproc * per
        diag(f'race: {nproc} processes x {per} add/del/set/get of fz0 '
             f'vrid 99 in {time.monotonic() - t0:.1f}s')
        try:
            f.ynl.do('del', {'ifindex': f.fz, 'vrid': 99})
        except NlError:
            pass

        ynl = YnlFamily(SPEC, '')
        after = routers_of_eth0(ynl)
        if after != before:
            diag('FAIL the routers of eth0 changed:')
            diag(f'before {before}')
            diag(f'after  {after}')
            rc = 1
        ynl.do('net-stats-get', {})
        left = [rt for rt in ynl.dump('get', {})
                if rt.get('ifindex') == f.fz]
        if left:
            diag(f'FAIL routers left on fz0: {left}')
            rc = 1
        diag('the family answers; eth0 routers unchanged' if not rc else
             'checks failed')
        print(f'# messages={f.sent}', flush=True)
    finally:
        subprocess.run(['ip', 'link', 'del', 'fz0'])
    return rc


if __name__ == '__main__':
    sys.exit(main())
