"""Components turn every bad input into one red message (issue 10): BP Load's hostile files,
the backup of an interrupted save, unicode class names through BP Save and BP Load."""
from __future__ import absolute_import, division, print_function

import io
import os

import pytest

from harness import run_component

from bpcore import model_io
from bpcore.network import Network


def _net():
    net = Network([2, 3, 2], ['tanh', 'softmax'], seed=0)
    net.class_names = [u'W\u00fcrfel', u'\u5706']
    return net


@pytest.mark.parametrize('content,words', [
    (b'[' * 100000, 'nests deeper than 64 levels'),
    (model_io.dumps(_net()).replace('"seed": 0', '"seed": 1e400').encode('ascii'),
     "'seed' must be a whole number, got inf"),
    (model_io.dumps(_net()).replace('"sizes": [2, 3, 2]', '"sizes": [2, %s, 2]' % ('9' * 400))
     .encode('ascii'), 'sizes [2, '),
    (b'{"schema": "bpcore.model", "version": 1, "network": {"sizes": {"a": 1}}}',
     "missing the key 'activations'"),
    (b'\x80\x81', 'cannot decode it as UTF-8'),
])
def test_load_hostile_files_one_red_message(tmp_path, content, words):
    path = str(tmp_path / 'm.json')
    with io.open(path, 'wb') as f:
        f.write(content)
    r = run_component('BP_Load', source=path)
    assert len(r.errors) == 1 and words in r.errors[0], r.errors
    assert (r['net'], r['summary']) == (None, None)


def test_load_a_folder_and_the_backup_of_an_interrupted_save(tmp_path):
    r = run_component('BP_Load', source=str(tmp_path))
    assert r.errors == ['%s is a folder, not a model file' % tmp_path]
    path = str(tmp_path / 'm.json')
    model_io.save(_net(), path + model_io.BACKUP_SUFFIX)
    r = run_component('BP_Load', source=path)
    assert not r.errors and len(r.warnings) == 1
    assert 'is missing; loaded its backup' in r.warnings[0]
    assert r['net'].class_names == [u'W\u00fcrfel', u'\u5706']


def test_save_then_load_unicode_class_names(tmp_path):
    path = str(tmp_path / 'm.json')
    r = run_component('BP_Save', net=_net(), path=path, save=True)
    assert r.ok and os.listdir(str(tmp_path)) == ['m.json']
    back = run_component('BP_Load', source=path)
    assert back.ok and back['net'].class_names == [u'W\u00fcrfel', u'\u5706']
