#!/usr/bin/python3
# tests/test-data.py
#
# Copyright 2026 The Gantry authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks of the installable-app files that the standard validators do not
# make: the translation list, the Flatpak manifests, and that the desktop
# file, metainfo, D-Bus service, schema and icons agree with each other.
#
#   test-data.py potfiles SRCDIR
#   test-data.py manifest SRCDIR
#   test-data.py ids SRCDIR DESKTOP METAINFO SERVICE
#   test-data.py style SRCDIR
#
# Prints one line per problem and exits 1 if there is any.

import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

APP_ID = 'io.github.gantry_app.Gantry'
FINISH_ARGS = [
    '--share=network',
    '--share=ipc',
    '--socket=fallback-x11',
    '--socket=wayland',
    '--device=dri',
]
REPO_URL = 'https://github.com/gantry-app/gantry.git'
SYMBOLIC_COLOUR = '#2e3436'

# A C string or character literal, or a comment: both are blanked so that
# a comment or a string mentioning _() does not count as a gettext call.
C_TOKENS = re.compile(r'"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\''
                      r'|/\*.*?\*/|//[^\n]*', re.S)
C_GETTEXT = re.compile(r'(?<![A-Za-z0-9_])'
                       r'(?:N_|C_|NC_|_|g_dngettext|g_dpgettext2|ngettext)'
                       r'\s*\(')
UI_TRANSLATABLE = re.compile(r'translatable\s*=\s*["\'](?:yes|true|1)["\']')


class Problems:
    def __init__(self):
        self.lines = []

    def add(self, text):
        self.lines.append(text)

    def check(self, condition, text):
        if not condition:
            self.add(text)

    def finish(self, what):
        for line in self.lines:
            print(f'FAIL: {line}')
        if self.lines:
            return 1
        print(f'ok: {what}')
        return 0


def strip_c_comments_and_literals(text):
    def blank(match):
        token = match.group(0)
        return ' ' if token.startswith('/') else token[0] * 2
    return C_TOKENS.sub(blank, text)


def has_translatable_strings(path):
    text = path.read_text(encoding='utf-8', errors='replace')
    if path.suffix in ('.c', '.h'):
        return bool(C_GETTEXT.search(strip_c_comments_and_literals(text)))
    if path.suffix == '.ui':
        return bool(UI_TRANSLATABLE.search(text))
    return bool(C_GETTEXT.search(text) or UI_TRANSLATABLE.search(text))


def read_potfiles(srcdir):
    listed = []
    for line in (srcdir / 'po' / 'POTFILES.in').read_text().splitlines():
        line = line.strip()
        if line and not line.startswith('#'):
            listed.append(line)
    return listed


def check_potfiles(srcdir):
    problems = Problems()
    listed = read_potfiles(srcdir)

    for name in listed:
        problems.check((srcdir / name).is_file(),
                       f'po/POTFILES.in lists {name}, which does not exist')
    seen = set()
    for name in listed:
        problems.check(name not in seen,
                       f'po/POTFILES.in lists {name} twice')
        seen.add(name)

    for path in sorted((srcdir / 'src').rglob('*')):
        if not path.is_file() or path.suffix not in ('.c', '.h', '.ui'):
            continue
        name = path.relative_to(srcdir).as_posix()
        if name not in seen and has_translatable_strings(path):
            problems.add(f'{name} has translatable strings but is not '
                         f'in po/POTFILES.in')

    for name in ('desktop.in', 'metainfo.xml.in', 'gschema.xml'):
        problems.check(f'data/{APP_ID}.{name}' in seen,
                       f'po/POTFILES.in does not list data/{APP_ID}.{name}')
    return problems.finish(f'po/POTFILES.in lists {len(listed)} files')


def check_one_manifest(problems, path, local):
    try:
        manifest = json.loads(path.read_text())
    except (OSError, ValueError) as e:
        problems.add(f'{path.name} does not parse as JSON: {e}')
        return

    name = path.name
    problems.check(manifest.get('app-id', manifest.get('id')) == APP_ID,
                   f'{name}: the app id is not {APP_ID}')
    problems.check(path.name.startswith(APP_ID),
                   f'{name}: the file is not named after {APP_ID}')
    problems.check(manifest.get('runtime') == 'org.gnome.Platform',
                   f'{name}: the runtime is not org.gnome.Platform')
    problems.check(manifest.get('sdk') == 'org.gnome.Sdk',
                   f'{name}: the SDK is not org.gnome.Sdk')
    problems.check(isinstance(manifest.get('runtime-version'), str),
                   f'{name}: runtime-version is not a string')
    problems.check(manifest.get('command') == 'gantry',
                   f'{name}: the command is not gantry')

    args = manifest.get('finish-args', [])
    problems.check(sorted(args) == sorted(FINISH_ARGS),
                   f'{name}: finish-args are {args}, expected exactly '
                   f'{FINISH_ARGS}')

    modules = manifest.get('modules') or [{}]
    gantry = modules[-1]
    if not isinstance(gantry, dict):
        problems.add(f'{name}: the last module is not written inline')
        return
    problems.check(gantry.get('name') == 'gantry',
                   f'{name}: the last module is not gantry')
    problems.check(gantry.get('buildsystem') == 'meson',
                   f'{name}: gantry is not built with meson')
    sources = gantry.get('sources', [])
    source = sources[0] if len(sources) == 1 else {}
    if local:
        problems.check(source.get('type') == 'dir'
                       and source.get('path') == '..',
                       f'{name}: the source is not the local checkout')
    else:
        problems.check(source.get('type') == 'git'
                       and source.get('url') == REPO_URL
                       and source.get('branch') == 'main',
                       f'{name}: the source is not {REPO_URL}, branch main')


def check_manifest(srcdir):
    problems = Problems()
    flatpak = srcdir / 'flatpak'
    check_one_manifest(problems, flatpak / f'{APP_ID}.json', local=False)
    check_one_manifest(problems, flatpak / f'{APP_ID}.Devel.json',
                       local=True)

    versions = set()
    for path in flatpak.glob('*.json'):
        try:
            versions.add(json.loads(path.read_text()).get('runtime-version'))
        except (OSError, ValueError):
            pass
    problems.check(len(versions) == 1,
                   f'the manifests name different runtimes: {versions}')
    return problems.finish('the Flatpak manifests')


def read_key_file(path, group):
    values = {}
    current = None
    for line in Path(path).read_text(encoding='utf-8').splitlines():
        line = line.strip()
        if line.startswith('[') and line.endswith(']'):
            current = line[1:-1]
        elif current == group and '=' in line and not line.startswith('#'):
            key, value = line.split('=', 1)
            values[key.strip()] = value.strip()
    return values


def check_desktop_and_service(problems, desktop_path, service_path):
    desktop = read_key_file(desktop_path, 'Desktop Entry')
    problems.check(Path(desktop_path).name == f'{APP_ID}.desktop',
                   f'the desktop file is not named {APP_ID}.desktop')
    problems.check(desktop.get('Icon') == APP_ID,
                   f'the desktop file\'s Icon is not {APP_ID}')
    problems.check(desktop.get('DBusActivatable') == 'true',
                   'the desktop file is not DBusActivatable')
    problems.check(desktop.get('X-GNOME-UsesNotifications') == 'true',
                   'the desktop file does not declare notifications, so '
                   'Gantry would be missing from Settings › Notifications')
    problems.check(desktop.get('Exec', '').split()[:1] == ['gantry'],
                   'the desktop file does not run gantry')

    service = read_key_file(service_path, 'D-BUS Service')
    problems.check(service.get('Name') == APP_ID,
                   f'the D-Bus service is not named {APP_ID}')
    exec_line = service.get('Exec', '').split()
    problems.check(len(exec_line) == 2
                   and exec_line[0].startswith('/')
                   and exec_line[0].endswith('/gantry')
                   and exec_line[1] == '--gapplication-service',
                   f'the D-Bus service does not run an absolute path to '
                   f'gantry --gapplication-service: {exec_line}')


def check_metainfo(problems, metainfo_path):
    root = ET.parse(metainfo_path).getroot()
    problems.check(root.findtext('id') == APP_ID,
                   f'the metainfo id is not {APP_ID}')
    problems.check(root.findtext('launchable') == f'{APP_ID}.desktop',
                   'the metainfo does not launch the desktop file')
    problems.check(root.findtext('translation') == 'gantry',
                   'the metainfo does not name the gettext domain gantry')
    problems.check(root.findtext('requires/internet') == 'always',
                   'the metainfo does not say that Gantry needs the network')
    problems.check(root.find('developer') is not None
                   and root.find('developer').get('id')
                   == 'io.github.gantry_app',
                   'the metainfo has no developer io.github.gantry_app')
    shots = root.findall('screenshots/screenshot')
    problems.check(len(shots) >= 3, 'the metainfo has fewer than three '
                   'screenshots')
    for shot in shots:
        problems.check(bool((shot.findtext('caption') or '').strip()),
                       'a screenshot has no caption')
    releases = root.findall('releases/release')
    problems.check(bool(releases), 'the metainfo has no release')
    problems.check(not releases or releases[0].get('version') == '0.1.0',
                   'the newest release in the metainfo is not 0.1.0')


def check_schema(problems, srcdir):
    path = srcdir / 'data' / f'{APP_ID}.gschema.xml'
    schema = ET.parse(path).getroot().find('schema')
    problems.check(schema.get('id') == APP_ID,
                   f'the schema id is not {APP_ID}')
    problems.check(schema.get('path') == '/io/github/gantry_app/Gantry/',
                   'the schema path does not follow the app id')
    for key in schema.findall('key'):
        problems.check(bool((key.findtext('summary') or '').strip()),
                       f'the schema key {key.get("name")} has no summary')


def check_icons(problems, srcdir):
    icons = srcdir / 'data' / 'icons' / 'hicolor'
    colour = icons / 'scalable' / 'apps' / f'{APP_ID}.svg'
    symbolic = icons / 'symbolic' / 'apps' / f'{APP_ID}-symbolic.svg'

    root = ET.parse(colour).getroot()
    problems.check(root.get('viewBox') == '0 0 128 128',
                   'the app icon is not drawn on a 128×128 canvas')
    root = ET.parse(symbolic).getroot()
    problems.check(root.get('viewBox') == '0 0 16 16',
                   'the symbolic icon is not drawn on a 16×16 canvas')
    colours = set(re.findall(r'#[0-9A-Fa-f]{6}\b', symbolic.read_text()))
    problems.check(colours == {SYMBOLIC_COLOUR},
                   f'the symbolic icon uses colours {colours}, not only '
                   f'{SYMBOLIC_COLOUR}')


def check_ids(srcdir, desktop_path, metainfo_path, service_path):
    problems = Problems()
    check_desktop_and_service(problems, desktop_path, service_path)
    check_metainfo(problems, metainfo_path)
    check_schema(problems, srcdir)
    check_icons(problems, srcdir)
    return problems.finish(f'the data files agree on {APP_ID}')


def check_style(srcdir):
    # An endless animation redraws the window for as long as it shows (a
    # starting pod's dot took a core with a software renderer and starved
    # the idle work of the dialogs): an animation must come to an end.
    problems = Problems()
    css = re.sub(r'/\*.*?\*/', '', (srcdir / 'src/style.css').read_text(),
                 flags=re.S)
    for rule in re.findall(r'[^{}]*\{[^{}]*\}', css):
        selector = rule.split('{')[0].strip()
        problems.check(not re.search(r'\binfinite\b', rule),
                       f'style.css: {selector} animates without end')
    return problems.finish('style.css has no endless animation')


def main(argv):
    commands = {
        'potfiles': (check_potfiles, 1),
        'manifest': (check_manifest, 1),
        'ids': (check_ids, 4),
        'style': (check_style, 1),
    }
    if len(argv) < 2 or argv[1] not in commands:
        print('usage: test-data.py potfiles|manifest|ids|style SRCDIR '
              '[FILES]')
        return 2
    function, n_args = commands[argv[1]]
    if len(argv) != 2 + n_args:
        print(f'{argv[1]} takes {n_args} arguments')
        return 2
    return function(Path(argv[2]), *argv[3:])


if __name__ == '__main__':
    sys.exit(main(sys.argv))
