#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# Helper of vrrp_netlink.sh: drive the vrrp family with the kernel's own
# YNL library (tools/net/ynl/lib), bypassing vrrpctl's checks.
#
#   vrrp_netlink.py YNL_DIR SPEC requests   < NAME|OP|JSON lines
#       Run each request; print one JSON line per request: errno (0 when
#       accepted), the extended ACK (msg, miss-type, bad-attr-offs) and
#       whether the configuration dump was the same before and after.
#       "__u32": [ATTR, ...] in JSON sends those router attributes as u32
#       (to get values past a u8 to the kernel).
#   vrrp_netlink.py YNL_DIR SPEC dump
#       The get dump as one JSON array.
#   vrrp_netlink.py YNL_DIR SPEC subscribe VRID TIMEOUT
#       Join the "events" group, print "subscribed", then collect its
#       notifications until the del-ntf of VRID (or TIMEOUT seconds) and
#       print them as one JSON array, as cli.py --subscribe does.

import json
import select
import sys
import time

sys.path.insert(0, sys.argv[1])
from lib import YnlFamily, NlError  # noqa: E402

ynl = YnlFamily(sys.argv[2])

# What changes by itself while routers run.
VOLATILE = {'stats', 'state', 'old-state', 'reason', 'active-addr4',
            'active-addr6', 'active-interval', 'skew-time',
            'active-down-interval'}


def config():
    rs = ynl.dump('get', {})
    return sorted(json.dumps({k: v for k, v in r.items()
                              if k not in VOLATILE}, sort_keys=True)
                  for r in rs)


def request(line):
    name, op, text = line.split('|', 2)
    attrs = json.loads(text)
    as_u32 = attrs.pop('__u32', [])
    res = {'name': name, 'errno': 0, 'msg': '', 'miss': None, 'bad': False}
    before = config()
    # Only the request is encoded with the wider type, not the dumps.
    saved = {}
    for a in as_u32:
        spec = ynl.attr_sets['router'][a]
        saved[a] = spec.yaml['type']
        spec.yaml['type'] = 'u32'
        spec.type = 'u32'
    try:
        ynl.do(op, attrs)
    except NlError as e:
        ext = e.nl_msg.extack or {}
        res['errno'] = e.error
        res['msg'] = ext.get('msg', '')
        res['miss'] = ext.get('miss-type')
        res['bad'] = 'bad-attr-offs' in ext
    finally:
        for a, t in saved.items():
            ynl.attr_sets['router'][a].yaml['type'] = t
            ynl.attr_sets['router'][a].type = t
    res['unchanged'] = before == config()
    print(json.dumps(res), flush=True)


def subscribe(vrid, timeout):
    ynl.ntf_subscribe('events')
    print('subscribed', flush=True)
    end = time.monotonic() + timeout
    left = timeout
    while left > 0:
        ready, _, _ = select.select([ynl.sock], [], [], left)
        if ready:
            ynl.check_ntf()
        if any(m['name'] == 'del-ntf' and m['msg'].get('vrid') == vrid
               for m in ynl.async_msg_queue):
            break
        left = end - time.monotonic()
    print(json.dumps(ynl.async_msg_queue), flush=True)


if sys.argv[3] == 'dump':
    print(json.dumps(ynl.dump('get', {})))
elif sys.argv[3] == 'subscribe':
    subscribe(int(sys.argv[4]), float(sys.argv[5]))
else:
    for line in sys.stdin:
        if line.strip():
            request(line.strip())
