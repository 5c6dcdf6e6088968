"""python -m bpcore.install against fake home folders, for Windows and macOS (stdlib only)."""
from __future__ import absolute_import, division, print_function

import os

import pytest

from _ghio_testkit import make_bundle
from bpcore.build import ghuser, install
from bpcore.build.userobject import read_userobject

GH = 'Grasshopper (b45a29b1-4343-4035-989e-044e8580d9cf)'


def built_userobjects(tmpdir):
    source = tmpdir.mkdir('gh_components')
    make_bundle(source, 'AddNumbers')
    target = str(tmpdir.join('userobjects'))
    ghuser.build_all(str(source), target, '0.1.0')
    return target


def tree(folder):
    found = set()
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            found.add(os.path.relpath(os.path.join(root, name), folder))
    return found


def expected_paths(system):
    if system == 'windows':
        appdata = os.path.join('AppData', 'Roaming')
        rhino = os.path.join(appdata, 'McNeel', 'Rhinoceros')
        userobjects = [os.path.join(appdata, 'Grasshopper', 'UserObjects', 'bpcore')]
    else:
        rhino = os.path.join('Library', 'Application Support', 'McNeel', 'Rhinoceros')
        userobjects = [os.path.join(rhino, v, 'Plug-ins', GH, 'UserObjects', 'bpcore')
                       for v in ('7.0', '8.0')]
    scripts = [os.path.join(rhino, v, 'scripts', 'bpcore') for v in ('7.0', '8.0')]
    return rhino, userobjects, scripts


@pytest.mark.parametrize('system', ['windows', 'macos'])
def test_install_then_uninstall_leaves_the_home_as_it_was(tmpdir, system):
    userobjects = built_userobjects(tmpdir)
    home = tmpdir.mkdir('home')
    home.mkdir('Documents').join('keep.txt').write('mine')
    before = tree(str(home))
    install.install(system, str(home), userobjects=userobjects, log=lambda *a: None)
    rhino, uo_folders, script_folders = expected_paths(system)
    for folder in uo_folders:
        assert os.path.isfile(os.path.join(str(home), folder, 'AddNumbers.ghuser'))
    for folder in script_folders:
        assert os.path.isfile(os.path.join(str(home), folder, '__init__.py'))
        assert os.path.isfile(os.path.join(str(home), folder, 'network.py'))
        assert not os.path.exists(os.path.join(str(home), folder, 'build'))  # no build tools
    assert os.path.isfile(os.path.join(str(home), rhino, 'bpcore-install.json'))
    # Installing again replaces the previous install.
    install.install(system, str(home), userobjects=userobjects, log=lambda *a: None)
    install.uninstall(system, str(home), log=lambda *a: None)
    assert tree(str(home)) == before


@pytest.mark.parametrize('system', ['windows', 'macos'])
def test_dry_run_prints_every_path_and_touches_nothing(tmpdir, system, capsys):
    userobjects = built_userobjects(tmpdir)
    home = tmpdir.mkdir('home')
    code = install.main(['install', '--dry-run', '--home', str(home), '--os', system,
                         '--userobjects', userobjects])
    assert code == 0
    assert tree(str(home)) == set()
    out = capsys.readouterr()[0]
    rhino, uo_folders, script_folders = expected_paths(system)
    for folder in uo_folders:
        assert os.path.join(str(home), folder, 'AddNumbers.ghuser') in out
    for folder in script_folders:
        assert os.path.join(str(home), folder, 'network.py') in out
    assert os.path.join(str(home), rhino, 'bpcore-install.json') in out
    # Dry-run uninstall after a real install lists the files and removes nothing.
    assert install.main(['install', '--home', str(home), '--os', system,
                         '--userobjects', userobjects]) == 0
    installed = tree(str(home))
    capsys.readouterr()
    assert install.main(['uninstall', '--dry-run', '--home', str(home), '--os', system]) == 0
    out = capsys.readouterr()[0]
    assert tree(str(home)) == installed
    for folder in script_folders:
        assert os.path.join(str(home), folder, 'network.py') in out
    assert install.main(['uninstall', '--home', str(home), '--os', system]) == 0
    assert tree(str(home)) == set()


def test_rhino8_variant_installs_the_python3_user_objects(tmpdir):
    userobjects = built_userobjects(tmpdir)
    home = tmpdir.mkdir('home')
    written = install.install('windows', str(home), variant='rhino8', versions=('8',),
                              userobjects=userobjects, log=lambda *a: None)
    ghusers = [p for p in written if p.endswith('.ghuser')]
    assert len(ghusers) == 1
    with open(ghusers[0], 'rb') as handle:
        assert read_userobject(handle.read())['variant'] == 'rhino8'
    assert not any(os.sep + '7.0' + os.sep in p for p in written)


def test_foreign_files_are_never_overwritten(tmpdir):
    userobjects = built_userobjects(tmpdir)
    home = tmpdir.mkdir('home')
    foreign = home.join('AppData', 'Roaming', 'McNeel', 'Rhinoceros', '7.0', 'scripts',
                        'bpcore', '__init__.py')
    foreign.ensure()
    foreign.write('somebody else')
    with pytest.raises(install.InstallError) as info:
        install.install('windows', str(home), userobjects=userobjects, log=lambda *a: None)
    assert 'not installed by bpcore' in str(info.value)
    assert foreign.read() == 'somebody else'


def test_errors(tmpdir, capsys):
    home = str(tmpdir.mkdir('home'))
    empty = str(tmpdir.mkdir('empty'))
    assert install.main(['--home', home, '--os', 'macos', '--userobjects', empty]) == 1
    assert 'python -m bpcore.build.ghuser' in capsys.readouterr()[1]
    with pytest.raises(install.InstallError):
        install.plan('linux', home)
    with pytest.raises(install.InstallError):
        install.plan('windows', home, versions=('5',), userobjects=empty)
    assert install.main(['uninstall', '--home', home, '--os', 'windows']) == 0
