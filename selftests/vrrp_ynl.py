#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Drive the vrrp family with the kernel's own YNL library and our spec.

A second client, written by the kernel folks, for the selftests: it needs
no code of ours beyond Documentation/netlink/specs/vrrp.yaml.

  vrrp_ynl.py do OP JSON        e.g. do add '{"ifname": "eth0", "vrid": 10,
                                "family": "inet6", "vip": [{"addr6": "fe80::1"}]}'
  vrrp_ynl.py get IFNAME VRID [FAMILY]       one router as JSON
  vrrp_ynl.py dump                           every router as a JSON list
  vrrp_ynl.py wait IFNAME VRID FAMILY STATE TIMEOUT_MS
                                exit 0 once the router is in STATE

Addresses may be written as text ("192.0.2.1", "fe80::1") and interfaces
by name ("ifname"); they are converted to what the spec wants. Errors go
to stderr with the kernel's extack message; the exit status is 1.
"""
import ipaddress
import json
import os
import socket
import sys
import time

KSRC = os.environ.get('KSRC', '/usr/src/linux-source-6.12')
sys.path.insert(0, os.path.join(KSRC, 'tools/net/ynl'))
from lib import YnlFamily, NlError  # noqa: E402

SPEC = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..',
                    'Documentation/netlink/specs/vrrp.yaml')


def family():
    # No schema check: the schema file lives in the kernel tree.
    return YnlFamily(SPEC, '')


def to_spec(req):
    """Text addresses and interface names to the spec's types."""
    if 'ifname' in req:
        req['ifindex'] = socket.if_nametoindex(req.pop('ifname'))
    for key in ('vip', 'peer'):
        for a in req.get(key, []):
            if 'addr4' in a and isinstance(a['addr4'], str):
                a['addr4'] = int(ipaddress.IPv4Address(a['addr4']))
            if 'addr6' in a and isinstance(a['addr6'], str):
                a['addr6'] = ipaddress.IPv6Address(a['addr6']).packed
    return req


def printable(obj):
    if isinstance(obj, bytes):
        return obj.hex()
    if isinstance(obj, dict):
        return {k: printable(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [printable(v) for v in obj]
    return obj


def get(ynl, ifname, vrid, fam):
    req = {'ifindex': socket.if_nametoindex(ifname), 'vrid': int(vrid),
           'family': fam}
    return ynl.do('get', req)


def main(argv):
    ynl = family()
    try:
        if argv[0] == 'do':
            reply = ynl.do(argv[1], to_spec(json.loads(argv[2])))
            if reply:
                print(json.dumps(printable(reply)))
        elif argv[0] == 'get':
            fam = argv[3] if len(argv) > 3 else 'inet'
            print(json.dumps(printable(get(ynl, argv[1], argv[2], fam))))
        elif argv[0] == 'dump':
            print(json.dumps(printable(ynl.dump('get', {}))))
        elif argv[0] == 'wait':
            ifname, vrid, fam, state, timeout = argv[1:6]
            end = time.monotonic() + int(timeout) / 1000
            seen = None
            while True:
                try:
                    seen = get(ynl, ifname, vrid, fam).get('state')
                except NlError:
                    seen = None
                if seen == state:
                    return 0
                if time.monotonic() > end:
                    print(f'vrrp_ynl: {ifname} vrid {vrid} {fam}: state '
                          f'{seen}, wanted {state}', file=sys.stderr)
                    return 1
                time.sleep(0.02)
        else:
            print(__doc__, file=sys.stderr)
            return 2
    except NlError as e:
        print(f'vrrp_ynl: {e}', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
