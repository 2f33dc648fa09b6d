#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Write the synopsis of README and of the man page from "vrrpctl help".

"vrrpctl help" prints the usage from the tool's command table, so it is
the tool's own; the man page's SYNOPSIS and README's synopsis are copies
of it, made here:

    gen-synopsis.py VRRPCTL           rewrite both copies
    gen-synopsis.py --check VRRPCTL   fail (exit 1) if either differs

The man page gets it in no-fill mode, literal words in bold and
metavariables (upper case words) in italics, between two comment lines
(MAN_BEGIN, MAN_END). README gets it as an indented block after the line
README_LEAD, up to the next blank line.
"""

import os
import re
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MAN = os.path.join(TOP, 'tool/man/vrrpctl.8')
README = os.path.join(TOP, 'README')
MAN_BEGIN = '.\\" The synopsis is "vrrpctl help": make -C tool synopsis'
MAN_END = '.\\" End of the synopsis'
README_LEAD = 'The synopsis, as `vrrpctl help` prints it:'
LEAD = 'Usage: '


def help_lines(vrrpctl):
    out = subprocess.run([vrrpctl, 'help'], check=True, capture_output=True,
                         text=True).stdout
    return out.rstrip('\n').split('\n')


def troff_word(m):
    w = m.group(0)
    font = 'I' if re.fullmatch(r'[A-Z][A-Z0-9]*', w) else 'B'
    return '\\f%s%s\\fR' % (font, w.replace('-', '\\-'))


def man_block(lines):
    """The synopsis without "Usage: ", the words in their fonts."""
    out = [MAN_BEGIN, '.nf']
    usage = True
    for line in lines:
        if not line.startswith(LEAD) and not line.startswith(' '):
            usage = False
        if usage:
            line = line[len(LEAD):]
        line = line.replace('\\', '\\e')
        out.append(re.sub(r'[A-Za-z0-9][A-Za-z0-9-]*|-[A-Za-z0-9-]+',
                          troff_word, line).rstrip())
    out += ['.fi', MAN_END]
    return out


def replace_man(text, block):
    lines = text.split('\n')
    try:
        b = lines.index(MAN_BEGIN)
        e = lines.index(MAN_END, b)
    except ValueError:
        sys.exit('gen-synopsis: %s has no generated synopsis markers' % MAN)
    return '\n'.join(lines[:b] + block + lines[e + 1:])


def replace_readme(text, help_text):
    lines = text.split('\n')
    try:
        b = lines.index(README_LEAD) + 1
    except ValueError:
        sys.exit('gen-synopsis: README has no line "%s"' % README_LEAD)
    # A blank line, the indented block, a blank line.
    e = b + 1
    while e < len(lines) and lines[e].strip():
        e += 1
    block = [''] + ['    ' + line if line else '' for line in help_text]
    return '\n'.join(lines[:b] + block + lines[e:])


def main():
    args = sys.argv[1:]
    check = bool(args) and args[0] == '--check'
    if check:
        args = args[1:]
    if len(args) != 1:
        sys.exit('usage: gen-synopsis.py [--check] VRRPCTL')
    lines = help_lines(args[0])
    status = 0
    for path, make in ((MAN, lambda t: replace_man(t, man_block(lines))),
                       (README, lambda t: replace_readme(t, lines))):
        with open(path, encoding='utf-8') as f:
            old = f.read()
        new = make(old)
        if new == old:
            continue
        if check:
            print('gen-synopsis: the synopsis of %s differs from "vrrpctl '
                  'help" (make -C tool synopsis)' % os.path.relpath(path, TOP),
                  file=sys.stderr)
            status = 1
        else:
            with open(path, 'w', encoding='utf-8') as f:
                f.write(new)
            print('\tGEN\t%s' % os.path.relpath(path, TOP))
    return status


if __name__ == '__main__':
    sys.exit(main())
