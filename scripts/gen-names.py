#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Write the names kernel and tool share from the netlink spec.

The counters, states and transition reasons are the spec's: their names
and order. This writes them where C needs them, so that a counter added to
the spec is kept, sent, parsed and printed without touching either side:

    gen-names.py tool SPEC OUTPUT     tool/spec-gen.h: the tool's reply
                                      policies, attribute names (for
                                      extack) and printed names
    gen-names.py kernel SPEC OUTPUT   kernel/names-gen.h: struct vrrp_stats,
                                      the counters' attributes, and the
                                      state and reason names of the log
                                      and the tracepoints
"""

import sys
import textwrap

import yaml


def c_name(prefix, name):
    return prefix + name.upper().replace('-', '_')


def c_member(name):
    return name.replace('-', '_')


def macro(name, items):
    """A #define of NAME whose items are continued lines, tabs aligned."""
    body = [name] + ['\t' + i for i in items]
    width = max(len(b.expandtabs(8)) for b in body) + 1
    width = (width + 7) // 8 * 8
    out = []
    for b in body[:-1]:
        pad = width - len(b.expandtabs(8))
        out.append(b + '\t' * ((pad + 7) // 8) + '\\')
    out.append(body[-1])
    return out


def entries(defs, enum):
    return [e if isinstance(e, str) else e['name']
            for e in defs[enum]['entries']]


def preamble(spec_path, guard):
    """The licence, the do-not-edit line and the include guard."""
    return ['/* SPDX-License-Identifier: GPL-2.0 */',
            '/* Do not edit: written by scripts/gen-names.py from',
            ' * ' + spec_path + ' (make regen).',
            ' */',
            '',
            '#ifndef ' + guard,
            '#define ' + guard,
            '']


def kernel(spec, spec_path):
    defs = {d['name']: d for d in spec['definitions']}
    sets = {s['name']: s for s in spec['attribute-sets']}
    stats = [a for a in sets['stats']['attributes'] if a['type'] == 'u64']
    lines = preamble(spec_path, '_VRRP_NAMES_GEN_H') + [
        '/**',
        ' * struct vrrp_stats - per virtual router counters (RFC 6527 names)',
    ]
    for a in stats:
        doc = '@%s: %s' % (c_member(a['name']), ' '.join(a['doc'].split()))
        lines += textwrap.wrap(doc, 77, initial_indent=' * ',
                               subsequent_indent=' *\t')
    lines += [
        ' *',
        ' * One member per counter of the stats attribute set, in its order.',
        ' * All are protected by vrrp_router.lock.',
        ' */',
        'struct vrrp_stats {',
    ]
    lines += ['\tu64\t%s;' % c_member(a['name']) for a in stats]
    lines += ['};', '',
              '/* Initialiser of a table of { attribute, member offset } */']
    lines += macro('#define VRRP_STATS_ATTRS',
                   ['{ %s, offsetof(struct vrrp_stats, %s) },'
                    % (c_name('VRRP_A_STATS_', a['name']), c_member(a['name']))
                    for a in stats])
    for enum, prefix in (('state', 'VRRP_STATE_'),
                         ('reason', 'VRRP_REASON_')):
        names = entries(defs, enum)
        lines += ['',
                  '/* Each %s and its name, for __print_symbolic() */' % enum]
        items = ['{ %s, "%s" },' % (c_name(prefix, n), n) for n in names]
        items[-1] = items[-1][:-1]
        lines += macro('#define VRRP_%s_SYMBOLS' % enum.upper(), items)
    lines += ['', '/* The states and reasons for tools that read the format files */']
    enums = [c_name(prefix, n) for enum, prefix in (('state', 'VRRP_STATE_'),
                                                    ('reason', 'VRRP_REASON_'))
             for n in entries(defs, enum)]
    lines += macro('#define VRRP_TRACE_DEFINE_ENUMS',
                   ['TRACE_DEFINE_ENUM(%s);' % e for e in enums])
    for enum, prefix in (('state', 'VRRP_STATE_'),
                         ('reason', 'VRRP_REASON_')):
        lines += ['', '/* Initialiser of a table of %s names */' % enum]
        lines += macro('#define VRRP_%s_NAMES' % enum.upper(),
                       ['[%s] = "%s",' % (c_name(prefix, n), n)
                        for n in entries(defs, enum)])
    lines += ['', '#endif /* _VRRP_NAMES_GEN_H */']
    return lines


NLA_TYPES = {'u8': 'NLA_U8', 'u16': 'NLA_U16', 'u32': 'NLA_U32',
             'u64': 'NLA_U64', 'string': 'NLA_STRING', 'nest': 'NLA_NESTED',
             'flag': 'NLA_FLAG'}


def tool_sets(sets):
    """The reply policy and the attribute names (for extack) of each set."""
    lines = []
    for name in ('vip', 'net-stats', 'track', 'ra-prefix', 'router'):
        attrs = [a for a in sets[name]['attributes'] if a['type'] != 'pad']
        prefix = 'VRRP_A_' + name.upper().replace('-', '_') + '_'
        upper = name.upper().replace('-', '_')
        policy = []
        for a in attrs:
            if a['type'] == 'binary':
                pol = '{ .minlen = %d }' % a['checks']['exact-len']
            else:
                pol = '{ .type = %s }' % NLA_TYPES[a['type']]
            policy.append('[%s] = %s,' % (c_name(prefix, a['name']), pol))
        lines += ['/* Initialiser of the policy of the %s set (replies) */'
                  % name]
        lines += macro('#define VRRP_%s_POLICY' % upper, policy)
        lines += ['', '/* Initialiser of the names of the %s set */' % name]
        lines += macro('#define VRRP_%s_ATTR_NAMES' % upper,
                       ['[%s] = "%s",' % (c_name(prefix, a['name']),
                                          a['name']) for a in attrs])
        lines.append('')
    return lines


def c_string(text):
    """A C string literal of @text."""
    return '"' + text.replace('\\', '\\\\').replace('"', '\\"') + '"'


def stat_names(attrs, prefix, metric_prefix):
    """The entries of a struct vrrp_stat_name table.

    A counter is the Prometheus counter METRIC_PREFIX + name + "_total"
    with the spec's doc as its HELP (escaped as the text format wants).
    A "-time" attribute is a CLOCK_BOOTTIME time in milliseconds, not a
    counter: a gauge in seconds.
    """
    out = []
    for a in attrs:
        json = c_member(a['name'])
        doc = ' '.join(a['doc'].split())
        time_ms = a['name'].endswith('-time')
        if time_ms:
            metric = metric_prefix + json + '_seconds'
            doc = doc.replace('in milliseconds', 'in seconds')
        else:
            metric = metric_prefix + json + '_total'
        doc = doc.replace('\\', '\\\\')
        out += ['\t{ %s, "%s", "%s",' % (c_name(prefix, a['name']),
                                         a['name'], json),
                '\t  "%s",' % metric]
        out += ['\t  ' + c_string(w) for w in
                textwrap.wrap(doc, 66, drop_whitespace=False)]
        out[-1] += ','
        out.append('\t  %s },' % ('true' if time_ms else 'false'))
    return out


def tool(spec, spec_path):
    defs = {d['name']: d for d in spec['definitions']}
    sets = {s['name']: s for s in spec['attribute-sets']}
    lines = preamble(spec_path, 'VRRPCTL_SPEC_GEN_H')

    stats = [a for a in sets['stats']['attributes'] if a['type'] == 'u64']
    lines += [
        '/**',
        ' * struct vrrp_stat_name - how one counter is printed',
        ' * @attr: VRRP_A_STATS_* or VRRP_A_NET_STATS_*',
        ' * @text: name in text output (the spec\'s)',
        ' * @json: key in JSON output',
        ' * @metric: Prometheus metric name',
        ' * @help: its HELP text, the spec\'s doc',
        ' * @time_ms: a time in ms (a gauge in seconds), not a counter',
        ' */',
        'struct vrrp_stat_name {',
        '\tint attr;',
        '\tconst char *text;',
        '\tconst char *json;',
        '\tconst char *metric;',
        '\tconst char *help;',
        '\tbool time_ms;',
        '};',
        '',
        'static const struct nla_policy vrrp_stats_policy[VRRP_A_STATS_MAX + 1] = {',
    ]
    lines += ['\t[%s] = { .type = NLA_U64 },' % c_name('VRRP_A_STATS_', a['name'])
              for a in stats]
    lines += ['};', '', '/* The counters, in the spec\'s order. */',
              'static const struct vrrp_stat_name vrrp_stat_names[] = {']
    lines += stat_names(stats, 'VRRP_A_STATS_', 'vrrp_')
    lines += ['};', '',
              '/* The counters of the namespace, in the spec\'s order. */',
              'static const struct vrrp_stat_name vrrp_net_stat_names[] = {']
    lines += stat_names([a for a in sets['net-stats']['attributes']
                         if a['type'] == 'u64'],
                        'VRRP_A_NET_STATS_', 'vrrp_net_')
    lines += ['};', '']
    for enum, prefix in (('state', 'VRRP_STATE_'),
                         ('reason', 'VRRP_REASON_')):
        names = entries(defs, enum)
        lines.append('static const char * const vrrp_%s_names[] = {' % enum)
        lines += ['\t[%s] = "%s",' % (c_name(prefix, n), n) for n in names]
        lines += ['};', '']
    lines += tool_sets(sets)
    lines.append('#endif /* VRRPCTL_SPEC_GEN_H */')
    return lines


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ('tool', 'kernel'):
        sys.exit('usage: gen-names.py tool|kernel SPEC OUTPUT')
    what, spec_path, out_path = sys.argv[1:]
    with open(spec_path, encoding='utf-8') as f:
        spec = yaml.safe_load(f)
    lines = (kernel if what == 'kernel' else tool)(spec, spec_path)
    with open(out_path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines) + '\n')


if __name__ == '__main__':
    main()
