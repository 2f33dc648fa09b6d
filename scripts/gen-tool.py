#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Write tool/spec-gen.h from the netlink spec: the names vrrpctl prints.

vrrpctl prints the counters, states and transition reasons the kernel
sends; their names and order are the spec's. This writes the tables the
tool parses and prints them with (static: only show.c includes it), so
that a counter added to the spec is parsed and printed, in text and JSON,
without touching the tool.

    gen-tool.py SPEC OUTPUT
"""

import sys

import yaml


def c_name(prefix, name):
    return prefix + name.upper().replace('-', '_')


def main():
    spec_path, out_path = sys.argv[1], sys.argv[2]
    with open(spec_path, encoding='utf-8') as f:
        spec = yaml.safe_load(f)

    defs = {d['name']: d for d in spec['definitions']}
    sets = {s['name']: s for s in spec['attribute-sets']}
    lines = [
        '/* SPDX-License-Identifier: GPL-2.0 */',
        '/* Do not edit: written by scripts/gen-tool.py from',
        ' * ' + spec_path + ' (make regen).',
        ' */',
        '',
        '#ifndef VRRPCTL_SPEC_GEN_H',
        '#define VRRPCTL_SPEC_GEN_H',
        '',
    ]

    stats = [a for a in sets['stats']['attributes'] if a['type'] == 'u64']
    lines += [
        '/**',
        ' * struct vrrp_stat_name - how one counter is printed',
        ' * @attr: VRRP_A_STATS_*',
        ' * @text: name in text output (the spec\'s)',
        ' * @json: key in JSON output',
        ' */',
        'struct vrrp_stat_name {',
        '\tint attr;',
        '\tconst char *text;',
        '\tconst char *json;',
        '};',
        '',
        'static const struct nla_policy vrrp_stats_policy[VRRP_A_STATS_MAX + 1] = {',
    ]
    lines += ['\t[%s] = { .type = NLA_U64 },' % c_name('VRRP_A_STATS_', a['name'])
              for a in stats]
    lines += ['};', '', '/* The counters, in the spec\'s order. */',
              'static const struct vrrp_stat_name vrrp_stat_names[] = {']
    lines += ['\t{ %s, "%s", "%s" },' % (c_name('VRRP_A_STATS_', a['name']),
                                         a['name'], a['name'].replace('-', '_'))
              for a in stats]
    lines += ['};', '']
    for enum, prefix in (('state', 'VRRP_STATE_'),
                         ('reason', 'VRRP_REASON_')):
        names = [e if isinstance(e, str) else e['name']
                 for e in defs[enum]['entries']]
        lines.append('static const char * const vrrp_%s_names[] = {' % enum)
        lines += ['\t[%s] = "%s",' % (c_name(prefix, n), n) for n in names]
        lines += ['};', '']
    lines.append('#endif /* VRRPCTL_SPEC_GEN_H */')

    with open(out_path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines) + '\n')


if __name__ == '__main__':
    main()
