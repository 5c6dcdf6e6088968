"""The build tools live in bpcore/build/ and stay out of Rhino (stdlib only).

install's plan and the Yak package copy only the runtime package; the copied package imports
and passes its self-test on its own; the old import paths and ``python -m bpcore.install``
keep working.
"""
from __future__ import absolute_import, division, print_function

import os
import subprocess
import sys

from _ghio_testkit import make_bundle
from bpcore.build import ghuser, install, yak
from bpcore.build.paths import package_dir, repo_root

# Every module that is a build tool or an alias of one (relative to bpcore/, '/'-separated).
BUILD_TOOLS = ('ghio.py', 'ghuser.py', 'install.py', 'yak.py', 'rhino/icons.py')


def _built_userobjects(tmpdir):
    source = tmpdir.mkdir('gh_components')
    make_bundle(source, 'AddNumbers')
    target = str(tmpdir.join('userobjects'))
    ghuser.build_all(str(source), target, '0.1.0')
    return target


def _all_modules():
    """Every .py below bpcore/ as a '/'-separated relative path."""
    found = []
    for folder, dirs, files in os.walk(package_dir()):
        dirs[:] = [d for d in dirs if d != '__pycache__']
        for name in files:
            if name.endswith('.py'):
                rel = os.path.relpath(os.path.join(folder, name), package_dir())
                found.append(rel.replace(os.sep, '/'))
    return sorted(found)


def _is_build_tool(rel):
    return rel.startswith('build/') or rel in BUILD_TOOLS


def test_install_plan_copies_the_runtime_package_only(tmpdir):
    userobjects = _built_userobjects(tmpdir)
    home = str(tmpdir.mkdir('home'))
    for system in ('windows', 'macos'):
        _, copies = install.plan(system, home, userobjects=userobjects)
        package = [(src, dst) for src, dst in copies if not dst.endswith('.ghuser')]
        for version in ('7.0', '8.0'):
            scripts = [dst for _, dst in package if os.sep + version + os.sep in dst]
            root = os.path.commonprefix(scripts)
            rels = sorted(os.path.relpath(dst, root).replace(os.sep, '/') for dst in scripts)
            assert rels == [rel for rel in _all_modules() if not _is_build_tool(rel)]
            assert not [rel for rel in rels if _is_build_tool(rel)]
    modules = _all_modules()
    assert 'build/ghio.py' in modules and 'build/install.py' in modules  # what is left out
    assert 'network.py' in modules and 'rhino/component.py' in modules


def test_yak_package_holds_the_runtime_package_only():
    names = [name for name, _ in yak.package_entries('ironpython', repo_root(), '0.1.0')]
    package = sorted(n[len('bpcore/'):] for n in names if n.startswith('bpcore/'))
    assert package == [rel for rel in _all_modules() if not _is_build_tool(rel)]
    assert 'BP_Train.ghuser' in names


def test_the_installed_package_imports_and_passes_its_selftest(tmpdir):
    userobjects = _built_userobjects(tmpdir)
    home = str(tmpdir.mkdir('home'))
    install.install('windows', home, versions=('8',), userobjects=userobjects,
                    log=lambda *a: None)
    scripts = os.path.join(home, 'AppData', 'Roaming', 'McNeel', 'Rhinoceros', '8.0', 'scripts')
    assert not os.path.exists(os.path.join(scripts, 'bpcore', 'build'))
    code = '\n'.join([
        'import os, sys, pkgutil, importlib',
        'import bpcore',
        'assert os.path.dirname(bpcore.__file__) == os.path.join(sys.argv[1], "bpcore")',
        'for _, name, _ in pkgutil.walk_packages(bpcore.__path__, "bpcore."):',
        '    importlib.import_module(name)',
        'import bpcore.selftest',
        'passed, failed = bpcore.selftest.main()',
        'sys.exit(1 if failed or not passed else 0)',
    ])
    env = dict(os.environ)
    env['PYTHONPATH'] = scripts  # the copied tree only: not this checkout
    process = subprocess.Popen([sys.executable, '-c', code, scripts], cwd=str(tmpdir),
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = process.communicate()[0].decode('utf-8', 'replace')
    assert process.returncode == 0, out
    assert '0 failed' in out


def test_old_import_paths_still_work():
    import bpcore.ghio
    import bpcore.ghuser
    import bpcore.install
    import bpcore.rhino.icons
    import bpcore.yak
    from bpcore.build import bundle, icons, metadata, paths, userobject
    from bpcore.build import ghio as new_ghio
    assert bpcore.ghio.Chunk is new_ghio.Chunk and bpcore.ghio.dumps is new_ghio.dumps
    assert bpcore.ghuser.read_bundle is bundle.read_bundle
    assert bpcore.ghuser.normalize_metadata is metadata.normalize_metadata
    assert bpcore.ghuser.build_userobject is userobject.build_userobject
    assert bpcore.ghuser.read_userobject is userobject.read_userobject
    assert bpcore.ghuser.build_all is ghuser.build_all and bpcore.ghuser.main is ghuser.main
    assert bpcore.ghuser.repo_root is paths.repo_root
    assert bpcore.install.install is install.install
    assert bpcore.install.InstallError is install.InstallError
    assert bpcore.yak.build_yak is yak.build_yak and bpcore.yak.YakError is yak.YakError
    assert bpcore.rhino.icons.png_size is icons.png_size
    for module in (bpcore.ghio, bpcore.ghuser, bpcore.install, bpcore.yak, bpcore.rhino.icons):
        for name in module.__all__:
            assert hasattr(module, name), (module.__name__, name)


def test_documented_commands_run(tmpdir):
    userobjects = _built_userobjects(tmpdir)
    home = str(tmpdir.mkdir('home'))
    env = dict(os.environ)
    env['PYTHONPATH'] = repo_root()
    for module in ('bpcore.install', 'bpcore.build.install'):
        process = subprocess.Popen(
            [sys.executable, '-m', module, '--dry-run', '--os', 'windows', '--home', home,
             '--userobjects', userobjects], cwd=str(tmpdir), env=env,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        out = process.communicate()[0].decode('utf-8', 'replace')
        assert process.returncode == 0, out
        assert 'AddNumbers.ghuser' in out and 'nothing was changed' in out
        assert os.path.join('bpcore', 'build') + os.sep not in out
    assert os.listdir(home) == []
    for module in ('bpcore.ghuser', 'bpcore.build.ghuser'):
        process = subprocess.Popen(
            [sys.executable, '-m', module, '--check', '--source', str(tmpdir.join('gh_components')),
             '--target', userobjects, '--version', '0.1.0'], cwd=str(tmpdir), env=env,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        out = process.communicate()[0].decode('utf-8', 'replace')
        assert process.returncode == 0, out
        assert 'up to date (1 bundles, version 0.1.0)' in out
