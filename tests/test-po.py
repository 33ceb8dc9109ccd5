#!/usr/bin/python3
# tests/test-po.py
#
# Copyright 2026 The Gantry authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks every translation in po/ against the sources as they are now:
#
#   test-po.py SRCDIR
#
# It extracts a fresh template with xgettext from the files that
# po/POTFILES.in names, with the options of meson's "glib" preset (those
# that `meson compile gantry-pot` uses), into a temporary folder, so that
# nothing is written to the source tree and no committed template can be
# stale. Each po/LANG.po is merged with it (msgmerge, no fuzzy matching,
# so a new string shows up as untranslated), and then:
#
# - every entry is translated, with every plural form, and none is fuzzy;
# - msgfmt --check passes, both on the file as committed and on the merged
#   file, whose c-format flags come from the fresh template;
# - a mnemonic keeps its underscore and a desktop-file list its final ";";
# - po/LINGUAS and the .po files agree, and the plural rule is declared.
#
# Prints one line per problem and exits 1 if there is any.

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# meson's i18n module, preset 'glib' (mesonbuild/modules/i18n.py), plus
# the arguments its pot target adds itself.
XGETTEXT_ARGS = [
    '--package-name=gantry',
    '-k_',
    '--from-code=UTF-8',
    '--add-comments',
    '--keyword=_',
    '--keyword=N_',
    '--keyword=C_:1c,2',
    '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2',
    '--keyword=g_dngettext:2,3',
    '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format',
    '--flag=C_:2:pass-c-format',
    '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format',
    '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format',
    '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format',
    '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format',
    '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format',
    '--flag=g_printerr:1:c-format',
    '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format',
    '--flag=g_sprintf:2:c-format',
    '--flag=g_snprintf:3:c-format',
]

PLURAL_FORMS = {
    'de': 'nplurals=2; plural=(n != 1);',
}

ESCAPES = {'n': '\n', 't': '\t', '"': '"', '\\': '\\', 'r': '\r'}

# A label with one mnemonic: "_Close", "Add _Port"; not "RUNPOD_API_KEY".
MNEMONIC = re.compile(r'[^_]*_[^_\s][^_]*')
IDENTIFIER = re.compile(r'[A-Z0-9]+_[A-Z0-9]')


class Entry:
    def __init__(self):
        self.flags = set()
        self.msgctxt = None
        self.msgid = None
        self.msgid_plural = None
        self.msgstr = {}
        self.obsolete = False

    def name(self):
        context = f'[{self.msgctxt}] ' if self.msgctxt is not None else ''
        return f'{context}"{self.msgid}"'


def unquote(text):
    text = text.strip()
    if not (text.startswith('"') and text.endswith('"')):
        raise ValueError(f'not a quoted string: {text}')
    return re.sub(r'\\(.)', lambda m: ESCAPES.get(m.group(1), m.group(1)),
                  text[1:-1])


def parse_po(path):
    """The entries of a PO file, header included, in order."""
    entries = []
    entry = Entry()
    field = None

    def finish():
        nonlocal entry, field
        if entry.msgid is not None:
            entries.append(entry)
        entry = Entry()
        field = None

    for line in path.read_text(encoding='utf-8').splitlines():
        obsolete = line.startswith('#~')
        if obsolete:
            line = line[2:].strip()
            if line.startswith('|'):
                continue
        if not line.strip():
            finish()
            continue
        if line.startswith('#,'):
            if entry.msgid is not None:
                finish()
            entry.flags.update(f.strip() for f in line[2:].split(','))
            continue
        if line.startswith('#'):
            continue
        if line.startswith('msgctxt ') and entry.msgid is not None:
            finish()
        entry.obsolete = entry.obsolete or obsolete
        keyword, _, rest = line.partition(' ')
        if line.startswith('"'):
            value = unquote(line)
        elif keyword in ('msgctxt', 'msgid', 'msgid_plural'):
            field, value = keyword, unquote(rest)
            setattr(entry, field, '')
        elif keyword.startswith('msgstr'):
            match = re.fullmatch(r'msgstr(?:\[(\d+)\])?', keyword)
            field, value = int(match.group(1) or 0), unquote(rest)
            entry.msgstr[field] = ''
        else:
            raise ValueError(f'{path}: cannot read the line: {line}')
        if isinstance(field, int):
            entry.msgstr[field] += value
        else:
            setattr(entry, field, getattr(entry, field) + value)
    finish()
    return entries


def run(problems, args):
    result = subprocess.run(args, capture_output=True, text=True)
    if result.returncode != 0:
        problems.append(f'{" ".join(args)} failed:\n'
                        f'{result.stdout}{result.stderr}'.rstrip())
    return result


def make_template(srcdir, folder):
    pot = folder / 'gantry.pot'
    subprocess.run(['xgettext', '-D', str(srcdir),
                    '-f', str(srcdir / 'po' / 'POTFILES.in'),
                    '-o', str(pot)] + XGETTEXT_ARGS,
                   check=True, capture_output=True, text=True)
    return pot


def check_header(problems, language, header):
    fields = dict(line.split(':', 1) for line in header.msgstr[0].splitlines()
                  if ':' in line)
    plural = fields.get('Plural-Forms', '').strip()
    expected = PLURAL_FORMS.get(language)
    if expected is not None and plural != expected:
        problems.append(f'{language}.po: Plural-Forms is "{plural}", '
                        f'expected "{expected}"')
    if 'charset=UTF-8' not in fields.get('Content-Type', ''):
        problems.append(f'{language}.po is not declared as UTF-8')


def check_entry(problems, language, entry, n_plurals):
    where = f'{language}.po: {entry.name()}'
    if 'fuzzy' in entry.flags:
        problems.append(f'{where} is fuzzy')
    wanted = range(n_plurals) if entry.msgid_plural is not None else [0]
    missing = [i for i in wanted if not entry.msgstr.get(i)]
    if missing == list(wanted):
        problems.append(f'{where} is not translated')
        return
    if missing:
        problems.append(f'{where} lacks the plural forms {missing}')

    translation = entry.msgstr[0]
    if (MNEMONIC.fullmatch(entry.msgid)
            and not IDENTIFIER.search(entry.msgid)
            and translation.count('_') != 1):
        problems.append(f'{where} lost its mnemonic underscore: '
                        f'"{translation}"')
    if entry.msgid.endswith(';') and not translation.endswith(';'):
        problems.append(f'{where}: a list of search terms must end with ";"')


def check_language(problems, srcdir, language, pot, folder):
    po = srcdir / 'po' / f'{language}.po'
    merged = folder / f'{language}.po'

    run(problems, ['msgfmt', '--check', '-o', '/dev/null', str(po)])
    run(problems, ['msgmerge', '--quiet', '--no-fuzzy-matching',
                   '-o', str(merged), str(po), str(pot)])
    if not merged.exists():
        return 0
    run(problems, ['msgfmt', '--check', '-o', '/dev/null', str(merged)])

    entries = [e for e in parse_po(merged) if not e.obsolete]
    header = entries[0] if entries and entries[0].msgid == '' else None
    if header is None:
        problems.append(f'{language}.po has no header')
        return 0
    check_header(problems, language, header)
    match = re.search(r'nplurals=(\d+)', header.msgstr[0])
    n_plurals = int(match.group(1)) if match else 2
    for entry in entries[1:]:
        check_entry(problems, language, entry, n_plurals)
    return len(entries) - 1


def read_linguas(srcdir):
    languages = []
    for line in (srcdir / 'po' / 'LINGUAS').read_text().splitlines():
        line = line.split('#', 1)[0]
        languages += line.split()
    return languages


def main(argv):
    if len(argv) != 2:
        print('usage: test-po.py SRCDIR')
        return 2
    srcdir = Path(argv[1]).resolve()
    problems = []

    for tool in ('xgettext', 'msgmerge', 'msgfmt'):
        if shutil.which(tool) is None:
            print(f'FAIL: {tool} is missing (Debian package gettext)')
            return 1

    languages = read_linguas(srcdir)
    on_disk = sorted(p.stem for p in (srcdir / 'po').glob('*.po'))
    if sorted(languages) != on_disk:
        problems.append(f'po/LINGUAS lists {sorted(languages)}, but po/ '
                        f'holds {on_disk}')
    if 'de' not in languages:
        problems.append('po/LINGUAS does not list the German translation')

    counts = []
    with tempfile.TemporaryDirectory(prefix='gantry-po-') as name:
        folder = Path(name)
        pot = make_template(srcdir, folder)
        for language in languages:
            if (srcdir / 'po' / f'{language}.po').is_file():
                n = check_language(problems, srcdir, language, pot, folder)
                counts.append(f'{language} ({n} messages)')

    for problem in problems:
        print(f'FAIL: {problem}')
    if problems:
        print(f'{len(problems)} problems. To fix them: meson compile -C '
              f'BUILDDIR gantry-update-po, then translate what is new or '
              f'fuzzy in po/LANG.po')
        return 1
    print(f'ok: complete against the sources: {", ".join(counts)}')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
