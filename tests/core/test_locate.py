"""The bpcore locator snippet every component's code starts with: where it looks (simulated
Rhino 7/8 Yak, UserObjects and scripts folders on Windows and macOS), that it imports bpcore
from there in a fresh interpreter, what it says when nothing is found, and that every built
user object carries the current snippet exactly once."""
from __future__ import absolute_import, division, print_function

import glob
import io
import os
import subprocess
import sys

import pytest

from bpcore.build import locate

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CALL = u'_bpcore_locate()\n'
GH = 'Grasshopper (b45a29b1-4343-4035-989e-044e8580d9cf)'


def functions():
    """The snippet's functions, without running its final call."""
    text = locate.snippet()
    assert text.count(CALL) == 1
    scope = {}
    exec(compile(text.replace(CALL, u''), 'locate_snippet', 'exec'), scope)
    return scope


def fake_package(folder, marker):
    os.makedirs(os.path.join(folder, 'bpcore'))
    with io.open(os.path.join(folder, 'bpcore', '__init__.py'), 'w', encoding='utf-8') as f:
        f.write(u'MARKER = %r\n' % marker)


WIN_ROAMING = ('home', 'AppData', 'Roaming')
MAC_RHINO = ('home', 'Library', 'Application Support', 'McNeel', 'Rhinoceros')
CASES = {
    'windows rhino 8 yak': ('win32', WIN_ROAMING + ('McNeel', 'Rhinoceros', 'packages', '8.0',
                                                    'bpcore', '0.1.0')),
    'windows rhino 7 yak': ('win32', WIN_ROAMING + ('McNeel', 'Rhinoceros', 'packages', '7.0',
                                                    'bpcore', '0.1.0')),
    'macos rhino 8 yak': ('darwin', MAC_RHINO + ('packages', '8.0', 'bpcore', '0.1.0')),
    'macos rhino 7 yak': ('darwin', MAC_RHINO + ('packages', '7.0', 'bpcore', '0.1.0')),
    'windows userobjects': ('win32', WIN_ROAMING + ('Grasshopper', 'UserObjects', 'bpcore')),
    'windows userobjects top': ('win32', WIN_ROAMING + ('Grasshopper', 'UserObjects')),
    'macos rhino 8 userobjects': ('darwin', MAC_RHINO + ('8.0', 'Plug-ins', GH, 'UserObjects',
                                                         'bpcore')),
    'macos rhino 7 userobjects': ('darwin', MAC_RHINO + ('7.0', 'Plug-ins', GH, 'UserObjects',
                                                         'bpcore')),
    'windows rhino 7 scripts': ('win32', WIN_ROAMING + ('McNeel', 'Rhinoceros', '7.0',
                                                        'scripts')),
    'windows rhino 8 scripts': ('win32', WIN_ROAMING + ('McNeel', 'Rhinoceros', '8.0',
                                                        'scripts')),
    'macos rhino 8 scripts': ('darwin', MAC_RHINO + ('8.0', 'scripts')),
    'macos rhino 7 scripts': ('darwin', MAC_RHINO + ('7.0', 'scripts')),
}


def run_snippet(tmp, platform, appdata=None):
    """Run the snippet in a fresh interpreter that cannot import bpcore otherwise (no site-packages); returns
    (exit code, stdout + stderr)."""
    home = os.path.join(tmp, 'home')
    call = u'm = _bpcore_locate(%r, %r, %r)\nprint("FOUND %%s %%s" %% (m.MARKER, m.__file__))\n' % (
        platform, home, appdata)
    script = os.path.join(tmp, 'run_locator.py')
    with io.open(script, 'w', encoding='utf-8') as f:
        f.write(locate.snippet().replace(CALL, call))
    proc = subprocess.Popen([sys.executable, '-E', '-S', script], cwd=tmp,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = proc.communicate()[0].decode('utf-8', 'replace')
    return proc.returncode, out


@pytest.mark.parametrize('case', sorted(CASES))
def test_finds_bpcore_in_each_install_layout(tmpdir, case):
    tmp = str(tmpdir)
    platform, parts = CASES[case]
    fake_package(os.path.join(tmp, *parts), case)
    code, out = run_snippet(tmp, platform)
    assert code == 0, out
    assert 'FOUND %s %s' % (case, os.path.join(tmp, *parts)) in out


def test_newest_yak_version_wins_and_yak_comes_before_scripts(tmpdir):
    tmp = str(tmpdir)
    base = os.path.join(tmp, *(WIN_ROAMING + ('McNeel', 'Rhinoceros')))
    for version in ('0.9.0', '0.10.0', '0.2.1'):
        fake_package(os.path.join(base, 'packages', '8.0', 'bpcore', version), version)
    fake_package(os.path.join(base, '8.0', 'scripts'), 'scripts')
    code, out = run_snippet(tmp, 'win32', os.path.join(tmp, *WIN_ROAMING))
    assert code == 0 and 'FOUND 0.10.0 ' in out, out


def test_search_order_and_grasshopper_folders():
    f = functions()
    home = os.path.join('H')
    win = f['_bpcore_folders']('win32', home, None, ['X:/custom'])
    roaming = os.path.join(home, 'AppData', 'Roaming')
    assert win == [
        'X:/custom', os.path.join('X:/custom', 'bpcore'),
        os.path.join(roaming, 'Grasshopper', 'UserObjects'),
        os.path.join(roaming, 'Grasshopper', 'UserObjects', 'bpcore'),
        os.path.join(roaming, 'McNeel', 'Rhinoceros', '8.0', 'scripts'),
        os.path.join(roaming, 'McNeel', 'Rhinoceros', '7.0', 'scripts')]   # no Yak folders here
    mac = f['_bpcore_folders']('darwin', home)
    rhino = os.path.join(home, 'Library', 'Application Support', 'McNeel', 'Rhinoceros')
    assert mac[0] == os.path.join(rhino, '8.0', 'Plug-ins', GH, 'UserObjects')
    assert mac[-1] == os.path.join(rhino, '7.0', 'scripts')
    assert f['_bpcore_version_key']('0.10.0') > f['_bpcore_version_key']('0.9.3')


def test_says_where_it_looked_when_nothing_is_found(tmpdir):
    tmp = str(tmpdir)
    code, out = run_snippet(tmp, 'darwin')
    assert code != 0
    assert 'ImportError: bpcore was not found' in out
    assert "Rhino's Package Manager" in out
    assert os.path.join(tmp, 'home', 'Library', 'Application Support', 'McNeel', 'Rhinoceros',
                        '7.0', 'scripts') in out


def test_the_snippet_is_valid_on_this_interpreter_and_does_nothing_when_bpcore_imports():
    scope = {}
    exec(compile(locate.snippet(), 'locate_snippet', 'exec'), scope)   # bpcore importable here


def test_inject_and_strip():
    code = u'"""Doc."""\nfrom __future__ import absolute_import, division, print_function\n\nx = 1\n'
    once = locate.inject(code)
    assert once.count(locate.BEGIN) == 1 and locate.inject(once) == once
    assert locate.strip(once) == code
    assert locate.inject(u'x = 1\n') == u'x = 1\n'


def _codes_in_userobjects():
    from bpcore.build.userobject import read_userobject
    for path in sorted(glob.glob(os.path.join(ROOT, 'userobjects', '*.ghuser')) +
                       glob.glob(os.path.join(ROOT, 'userobjects', 'rhino8', '*.ghuser'))):
        with open(path, 'rb') as f:
            data = f.read()
        comp = read_userobject(data)['component']
        if comp.has('CodeInput'):
            yield path, comp.get('CodeInput')
        else:
            import base64
            text = comp.chunk('Script').get('Text')
            yield path, base64.b64decode(text.encode('ascii')).decode('utf-8').replace(
                u'\r\n', u'\n')


def test_every_built_user_object_carries_the_current_snippet_once():
    snippet = locate.snippet()
    found = 0
    for path, code in _codes_in_userobjects():
        found += 1
        assert code.count(locate.BEGIN) == 1, path
        assert snippet in code, '%s carries an old locator: run python -m bpcore.build.ghuser' % path
        assert code.index(snippet) > code.index(locate.FUTURE), path
    assert found >= 40


@pytest.mark.parametrize('variant,platform,rhino', [('ironpython', 'win32', '7.0'),
                                                     ('rhino8', 'darwin', '8.0')])
def test_a_yak_package_installed_by_the_package_manager_is_found(tmpdir, variant, platform,
                                                                 rhino):
    """Unpack the real .yak where the Package Manager puts it; the locator of one of its
    user objects then imports the bpcore in it, in an interpreter without site-packages."""
    import zipfile
    from bpcore.build import yak
    from bpcore.build.userobject import read_userobject
    tmp = str(tmpdir)
    path = yak.build_yak(variant, os.path.join(tmp, 'dist'), root=ROOT)
    if platform == 'win32':
        rhino_dir = os.path.join(tmp, *(WIN_ROAMING + ('McNeel', 'Rhinoceros')))
    else:
        rhino_dir = os.path.join(tmp, *MAC_RHINO)
    target = os.path.join(rhino_dir, 'packages', rhino, 'bpcore', '0.1.0')
    archive = zipfile.ZipFile(path)
    try:
        archive.extractall(target)
        names = archive.namelist()
    finally:
        archive.close()
    ghuser = [n for n in names if n.endswith('.ghuser')][0]
    with open(os.path.join(target, ghuser), 'rb') as f:
        comp = read_userobject(f.read())['component']
    if comp.has('CodeInput'):
        code = comp.get('CodeInput')
    else:
        import base64
        code = base64.b64decode(comp.chunk('Script').get('Text').encode('ascii')).decode(
            'utf-8').replace(u'\r\n', u'\n')
    block = code[code.index(locate.BEGIN):code.index(locate.END) + len(locate.END)] + u'\n'
    assert block == locate.snippet()                    # the user object's own copy
    home = os.path.join(tmp, 'home')
    call = (u'_bpcore_locate(%r, %r, %r)\nimport bpcore.network\n'
            u'print("NET %%s" %% bpcore.network.Network([2, 1]).n_params)\n'
            u'print("AT %%s" %% bpcore.__file__)\n' % (platform, home, None))
    script = os.path.join(tmp, 'component_start.py')
    with io.open(script, 'w', encoding='utf-8') as f:
        f.write(block.replace(CALL, call))
    proc = subprocess.Popen([sys.executable, '-E', '-S', script], cwd=tmp,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = proc.communicate()[0].decode('utf-8', 'replace')
    assert proc.returncode == 0, out
    assert 'NET 3' in out and 'AT %s' % os.path.join(target, 'bpcore') in out
