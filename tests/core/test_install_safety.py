"""The installer never loses a working install and never removes anything outside its folders.

Every test runs in a temporary home. A failure is injected at every single file operation of a
reinstall (copy, rename, atomic replace), as an OSError, as Ctrl-C and as a killed process:
the previous install and its manifest stay byte-identical and the next install works. Crafted
and corrupted manifests are refused whole, naming the entry, with nothing touched.
"""
from __future__ import absolute_import, division, print_function

import io
import json
import os
import shutil
import subprocess
import sys

import pytest

from _ghio_testkit import make_bundle
from bpcore.build import ghuser, install, manifest

QUIET = dict(log=lambda *a: None)


def _userobjects(tmpdir, version, names):
    source = tmpdir.mkdir('gh_components_%s' % version)
    for name in names:
        make_bundle(source, name)
    target = str(tmpdir.join('userobjects_%s' % version))
    ghuser.build_all(str(source), target, version)
    return target


def snapshot(folder):
    """Every file (with its bytes) and folder below ``folder``."""
    found = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs:
            found[os.path.relpath(os.path.join(root, name), folder)] = 'folder'
        for name in files:
            path = os.path.join(root, name)
            if os.path.islink(path):
                found[os.path.relpath(path, folder)] = 'link ' + os.readlink(path)
                continue
            with io.open(path, 'rb') as handle:
                found[os.path.relpath(path, folder)] = handle.read()
    return found


def _manifest_path(home, system='windows'):
    base = install.rhino_folders(system, home)[0]
    return os.path.join(base, install.MANIFEST_NAME)


def _scripts(home, version='8'):
    return os.path.join(install.rhino_folders('windows', home)[0], version + '.0', 'scripts',
                        'bpcore')


class Faults(object):
    """Counts the installer's file operations; raises ``error`` at operation number ``at``."""

    def __init__(self, monkeypatch, at=None, error=None):
        self.count = 0
        self.at = at
        self.error = error
        for owner, name in ((shutil, 'copyfile'), (os, 'rename'), (manifest, 'replace')):
            monkeypatch.setattr(owner, name, self.wrap(getattr(owner, name)))

    def wrap(self, real):
        def operation(*args):
            self.count += 1
            if self.count == self.at:
                raise self.error
            return real(*args)
        return operation


class Killed(BaseException):
    """The process dies here: nothing after this point runs."""


@pytest.fixture
def two_versions(tmpdir, monkeypatch):
    """A home with version 0.1.0 installed (user objects A, B), the 0.2.0 user objects (A, C):
    a reinstall replaces, adds and removes files; and the number of file operations of that
    reinstall (counted in another home)."""
    old = _userobjects(tmpdir, '0.1.0', ['AddNumbers', 'OldOnly'])
    new = _userobjects(tmpdir, '0.2.0', ['AddNumbers', 'NewOnly'])
    scratch = str(tmpdir.mkdir('scratch'))
    install.install('windows', scratch, versions=('8',), userobjects=old, **QUIET)
    counter = Faults(monkeypatch)
    install.install('windows', scratch, versions=('8',), userobjects=new, **QUIET)
    monkeypatch.undo()
    home = str(tmpdir.mkdir('home'))
    install.install('windows', home, versions=('8',), userobjects=old, **QUIET)
    return home, new, counter.count


def test_a_failure_at_every_step_keeps_the_previous_install(two_versions, monkeypatch):
    home, new, steps = two_versions
    before = snapshot(home)
    assert steps > 100           # ~50 modules and 2 user objects: copy, set aside, rename
    for k in range(1, steps + 1):
        interrupt = k % 10 == 0
        error = KeyboardInterrupt() if interrupt else OSError(28, 'No space left on device')
        Faults(monkeypatch, at=k, error=error)
        with pytest.raises(KeyboardInterrupt if interrupt else install.InstallError) as info:
            install.install('windows', home, versions=('8',), userobjects=new, **QUIET)
        monkeypatch.undo()
        if not interrupt:
            assert 'the previous install was put back unchanged' in str(info.value)
            assert 'No space left on device' in str(info.value)
        assert snapshot(home) == before, 'step %d of %d' % (k, steps)
    written = install.install('windows', home, versions=('8',), userobjects=new, **QUIET)
    after = snapshot(home)
    assert set(os.path.basename(p) for p in written) >= set(['NewOnly.ghuser', 'network.py'])
    assert not any(k.endswith(('.bpcore-new', '.bpcore-old', '.bpcore-tmp')) for k in after)
    uo = os.path.join('AppData', 'Roaming', 'Grasshopper', 'UserObjects', 'bpcore')
    assert os.path.join(uo, 'NewOnly.ghuser') in after
    assert os.path.join(uo, 'OldOnly.ghuser') not in after
    assert after[os.path.join(uo, 'AddNumbers.ghuser')] != before[os.path.join(uo, 'AddNumbers.ghuser')]


def test_a_killed_install_is_rolled_back_by_the_next_one(two_versions, monkeypatch):
    home, new, steps = two_versions
    before = snapshot(home)

    def die(*args):
        raise Killed()
    for k in range(1, steps + 1, 5):
        Faults(monkeypatch, at=k, error=Killed())
        monkeypatch.setattr(install, '_undo', die)     # killed: no rollback runs
        with pytest.raises(Killed):
            install.install('windows', home, versions=('8',), userobjects=new, **QUIET)
        monkeypatch.undo()
        assert install.recover('windows', home, **QUIET) in ('rolled back', None)
        assert snapshot(home) == before, 'killed at step %d' % k
    # killed once more, then the next install itself rolls back first and installs
    Faults(monkeypatch, at=steps - 1, error=Killed())
    monkeypatch.setattr(install, '_undo', die)
    with pytest.raises(Killed):
        install.install('windows', home, versions=('8',), userobjects=new, **QUIET)
    monkeypatch.undo()
    install.install('windows', home, versions=('8',), userobjects=new, **QUIET)
    installed = snapshot(home)
    # killed between the commit and the clean-up: the next install finishes it first
    monkeypatch.setattr(install, '_finish', die)
    with pytest.raises(Killed):
        install.install('windows', home, versions=('8',), userobjects=new, **QUIET)
    monkeypatch.undo()
    assert any(k.endswith('.bpcore-old') for k in snapshot(home))
    assert install.recover('windows', home, **QUIET) == 'finished'
    after = snapshot(home)
    assert not any(k.endswith(('.bpcore-new', '.bpcore-old')) for k in after)
    assert set(after) == set(installed)
    assert install.uninstall('windows', home, **QUIET)
    assert snapshot(home) == {}


def test_the_restored_install_is_usable(two_versions, monkeypatch):
    home, new, _ = two_versions
    Faults(monkeypatch, at=40, error=OSError(13, 'Permission denied'))
    with pytest.raises(install.InstallError):
        install.install('windows', home, versions=('8',), userobjects=new, **QUIET)
    monkeypatch.undo()
    scripts = os.path.dirname(_scripts(home))
    code = 'import bpcore.selftest, sys; p, f = bpcore.selftest.main(); sys.exit(1 if f else 0)'
    env = dict(os.environ)
    env['PYTHONPATH'] = scripts
    process = subprocess.Popen([sys.executable, '-c', code], cwd=home, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = process.communicate()[0].decode('utf-8', 'replace')
    assert process.returncode == 0, out


# -- manifests that must be refused ----------------------------------------------------------

@pytest.fixture
def installed(tmpdir):
    userobjects = _userobjects(tmpdir, '0.1.0', ['AddNumbers'])
    home = str(tmpdir.mkdir('home'))
    install.install('windows', home, versions=('8',), userobjects=userobjects, **QUIET)
    outside = tmpdir.mkdir('outside')
    outside.join('thesis.3dm').write('precious')
    return home, str(outside), userobjects


def _rewrite(home, change):
    path = _manifest_path(home)
    with io.open(path, 'rb') as handle:
        data = json.loads(handle.read().decode('utf-8'))
    change(data)
    with io.open(path, 'wb') as handle:
        handle.write(json.dumps(data).encode('utf-8'))


def _refused(tmpdir, home, change, words):
    with io.open(_manifest_path(home), 'rb') as handle:
        original = handle.read()
    _rewrite(home, change)
    before = snapshot(str(tmpdir))
    with pytest.raises(manifest.ManifestError) as info:
        install.uninstall('windows', home, **QUIET)
    assert all(w in str(info.value) for w in words), str(info.value)
    assert snapshot(str(tmpdir)) == before
    with pytest.raises(manifest.ManifestError):        # install reads the same manifest
        install.install('windows', home, versions=('8',),
                        userobjects=str(tmpdir.join('userobjects_0.1.0')), **QUIET)
    assert snapshot(str(tmpdir)) == before
    with io.open(_manifest_path(home), 'wb') as handle:
        handle.write(original)


def _entry(path):
    return {'path': path, 'size': 8, 'sha256': '0' * 64}


def test_a_string_instead_of_a_list_removes_nothing(tmpdir, installed, monkeypatch):
    home, outside, _ = installed
    for name in 'abc':
        tmpdir.join(name).write('mine')
    monkeypatch.chdir(str(tmpdir))
    _refused(tmpdir, home, lambda d: d.update(files='abc'), ["'files' is 'abc'", 'list'])


@pytest.mark.parametrize('bad,words', [
    (None, ['files[1] is None']),
    (42, ['files[1] is 42']),
    ('thesis.3dm', ['files[1] is', 'not a file record']),
    ({'path': None, 'size': 1, 'sha256': '0' * 64}, ['files[1] path is None']),
    ({'path': 'bpcore/x.py', 'size': 1, 'sha256': '0' * 64}, ["'bpcore/x.py' is not an absolute"]),
    ({'path': [], 'size': 1, 'sha256': '0' * 64}, ['files[1] path is []']),
])
def test_entries_that_are_not_paths(tmpdir, installed, bad, words):
    home, _, _ = installed
    _refused(tmpdir, home, lambda d: d['files'].insert(1, bad), words)


def test_a_path_outside_the_rhino_folders(tmpdir, installed):
    home, outside, _ = installed
    target = os.path.join(outside, 'thesis.3dm')
    _refused(tmpdir, home, lambda d: d['files'].append(_entry(target)),
             ['files[', "outside bpcore's install folders", 'thesis.3dm'])
    # the Rhino folder itself, one level above bpcore's
    rhino = os.path.dirname(_scripts(home))
    _refused(tmpdir, home, lambda d: d['files'].append(_entry(os.path.join(rhino, 'x.py'))),
             ["outside bpcore's install folders"])


def test_dot_dot_escapes(tmpdir, installed):
    home, outside, _ = installed
    escape = os.path.join(_scripts(home), '..', '..', '..', '..', '..', '..', '..', '..',
                          'outside', 'thesis.3dm')
    _refused(tmpdir, home, lambda d: d['files'].append(_entry(escape)), ['not a normalised path'])
    _refused(tmpdir, home, lambda d: d['dirs'].append(os.path.join(_scripts(home), '..', '..')),
             ['dirs[', 'not a normalised path'])


def test_symlinks_leading_out(tmpdir, installed):
    home, outside, _ = installed
    link = os.path.join(_scripts(home), 'evil.py')
    os.symlink(os.path.join(outside, 'thesis.3dm'), link)
    size, digest = manifest.file_record(os.path.join(outside, 'thesis.3dm'))
    _refused(tmpdir, home, lambda d: d['files'].append({'path': link, 'size': size,
                                                        'sha256': digest}),
             ["outside bpcore's install folders", 'evil.py'])
    folder_link = os.path.join(_scripts(home), 'evil_dir')
    os.symlink(outside, folder_link)
    _refused(tmpdir, home, lambda d: d['files'].append(_entry(os.path.join(folder_link,
                                                                           'thesis.3dm'))),
             ["outside bpcore's install folders"])
    _refused(tmpdir, home, lambda d: d['dirs'].append(folder_link),
             ['dirs[', "outside bpcore's install folders"])
    os.remove(link)
    os.remove(folder_link)


def test_folders_outside(tmpdir, installed):
    home, outside, _ = installed
    os.mkdir(os.path.join(outside, 'empty'))
    _refused(tmpdir, home, lambda d: d['dirs'].append(os.path.join(outside, 'empty')),
             ['dirs[', "outside bpcore's install folders"])
    _refused(tmpdir, home, lambda d: d.update(dirs={'a': 1}), ["'dirs' is"])
    _refused(tmpdir, home, lambda d: d['dirs'].append(os.path.dirname(home)), ['dirs['])


@pytest.mark.parametrize('change,words', [
    (lambda d: d['files'][0].update(sha256='xyz'), ['sha256', 'not a SHA-256']),
    (lambda d: d['files'][0].update(size=-1), ['size -1']),
    (lambda d: d['files'][0].update(size=True), ['size True']),
    (lambda d: d.update(format=99), ['unknown format 99']),
])
def test_bad_records(tmpdir, installed, change, words):
    home, _, _ = installed
    _refused(tmpdir, home, change, words)


@pytest.mark.parametrize('text', [b'', b'{"files": [', b'[1, 2]', b'\xff\xfe{}', b'[' * 100000])
def test_unreadable_manifests(tmpdir, installed, text):
    home, _, _ = installed
    with io.open(_manifest_path(home), 'wb') as handle:
        handle.write(text)
    before = snapshot(str(tmpdir))
    with pytest.raises(manifest.ManifestError) as info:
        install.uninstall('windows', home, **QUIET)
    assert _manifest_path(home) in str(info.value)
    assert snapshot(str(tmpdir)) == before


def test_a_file_the_user_changed_is_kept_and_reported(tmpdir, installed):
    home, _, userobjects = installed
    changed = os.path.join(_scripts(home), 'network.py')
    with io.open(changed, 'ab') as handle:
        handle.write(b'# my fix\n')
    with pytest.raises(install.InstallError) as info:      # never overwritten by an install
        install.install('windows', home, versions=('8',), userobjects=userobjects, **QUIET)
    assert 'network.py was changed after bpcore installed it' in str(info.value)
    lines = []
    removed = install.uninstall('windows', home, log=lines.append)
    assert changed not in removed and os.path.isfile(changed)
    assert any(line.startswith('kept %s' % changed) for line in lines)
    left = snapshot(home)
    assert [k for k, v in left.items() if v != 'folder'] == [
        os.path.relpath(changed, home)]


def test_a_release_0_1_manifest_still_uninstalls(tmpdir, installed):
    home, _, _ = installed
    _rewrite(home, lambda d: d.update(files=[r['path'] for r in d['files']], format=1))
    install.uninstall('windows', home, **QUIET)
    assert snapshot(home) == {}


def test_a_crafted_journal_is_refused(tmpdir, installed):
    home, outside, _ = installed
    journal = os.path.join(os.path.dirname(_manifest_path(home)), install.JOURNAL_NAME)
    target = os.path.join(outside, 'thesis.3dm')
    with io.open(journal, 'wb') as handle:
        handle.write(json.dumps({'entries': [{'path': target, 'existed': False,
                                              'new_sha256': None}],
                                 'dirs': [], 'manifest_sha256': '0' * 64}).encode('utf-8'))
    before = snapshot(str(tmpdir))
    with pytest.raises(manifest.ManifestError) as info:
        install.uninstall('windows', home, **QUIET)
    assert 'entries[0]' in str(info.value) and 'thesis.3dm' in str(info.value)
    assert snapshot(str(tmpdir)) == before
