"""Model files: round trip, atomic save, and refusal of bad files (2.7 and 3.x)."""
import io
import json
import os

import pytest

from bpcore import model_io
from bpcore.data import StandardScaler
from bpcore.errors import BPError, ModelFileError
from bpcore.network import Network


def _net():
    net = Network([3, 4, 2], ['tanh', 'softmax'], init='he', seed=11)
    net.class_names = ['left', 'right']
    net.feature_names = ['a', 'b', 'c']
    net.scaler = StandardScaler().fit([[1.0, 2.0, 3.0], [2.0, 2.0, 5.0], [0.0, 2.0, 4.0]])
    net.training = {'epochs': 3, 'final_loss': 0.25}
    return net


def test_round_trip_keeps_everything(tmpdir):
    net = _net()
    path = model_io.save(net, str(tmpdir.join('m.json')))
    back = model_io.load(path)
    assert back.weights == net.weights and back.biases == net.biases
    assert back.sizes == [3, 4, 2] and back.activations == ['tanh', 'softmax']
    assert back.class_names == ['left', 'right'] and back.feature_names == ['a', 'b', 'c']
    assert back.training == {'epochs': 3, 'final_loss': 0.25}
    X = [[1.5, 2.0, 4.5]]
    assert back.predict(X) == net.predict(X)
    doc = json.loads(model_io.dumps(net))
    assert doc['schema'] == 'bpcore.model' and doc['version'] == 1


def test_failed_save_keeps_the_previous_file(tmpdir):
    path = str(tmpdir.join('m.json'))
    model_io.save(_net(), path)
    with io.open(path, 'rb') as f:
        before = f.read()
    broken = _net()
    broken.training = {'bad': object()}          # not JSON-serialisable
    with pytest.raises(BPError) as info:
        model_io.save(broken, path)
    assert "'training'['bad'] is a object" in str(info.value)
    with io.open(path, 'rb') as f:
        assert f.read() == before
    assert os.listdir(str(tmpdir)) == ['m.json']   # no temp file left behind


def test_failed_rename_keeps_the_previous_file_and_cleans_up(tmpdir, monkeypatch):
    path = str(tmpdir.join('m.json'))
    model_io.save(_net(), path)
    with io.open(path, 'rb') as f:
        before = f.read()

    def fail(src, dst):
        raise OSError('disk full')
    monkeypatch.setattr(model_io, '_rename_over', fail)
    with pytest.raises(ModelFileError) as info:
        model_io.save(Network([2, 2], seed=1), path)
    assert str(info.value) == 'cannot save %s: disk full' % path
    with io.open(path, 'rb') as f:
        assert f.read() == before
    assert os.listdir(str(tmpdir)) == ['m.json']


def test_windows_style_rename_puts_the_old_file_back(tmpdir, monkeypatch):
    dst = str(tmpdir.join('m.json'))
    src = str(tmpdir.join('new.tmp'))
    for p, text in ((dst, u'old'), (src, u'new')):
        with io.open(p, 'w') as f:
            f.write(text)
    real_rename = os.rename
    calls = []

    def rename(a, b):
        calls.append((a, b))
        if a == src:
            raise OSError('locked')
        real_rename(a, b)
    monkeypatch.setattr(model_io, '_WINDOWS', True)
    monkeypatch.setattr(model_io, '_native_replace', None)     # IronPython: no os.replace
    monkeypatch.setattr(model_io.os, 'rename', rename)
    with pytest.raises(OSError):
        model_io._rename_over(src, dst)
    with io.open(dst) as f:
        assert f.read() == u'old'
    assert calls[0] == (dst, dst + '.bak-bpcore')


@pytest.mark.parametrize('mutate,words', [
    (lambda d: 'not json {', 'not valid JSON'),
    (lambda d: '[1, 2]', 'expected an object'),
    (lambda d: dict(d, schema='keras'), "schema is 'keras'"),
    (lambda d: dict(d, version=99), 'version 99 is newer'),
    (lambda d: dict((k, v) for k, v in d.items() if k != 'network'), "missing key 'network'"),
    (lambda d: dict(d, network=dict((k, v) for k, v in d['network'].items()
                                    if k != 'weights')), "missing the key 'weights'"),
    (lambda d: dict(d, network=dict(d['network'], sizes=[3, 5, 2])),
     'layer 0: weights must have shape (5, 3)'),
    (lambda d: dict(d, network=dict(d['network'], activations=['tanh', 'mish'])),
     "unknown activation 'mish'"),
])
def test_bad_model_documents_are_refused(mutate, words):
    doc = json.loads(model_io.dumps(_net()))
    bad = mutate(doc)
    text = bad if isinstance(bad, str) else json.dumps(bad)
    with pytest.raises(ModelFileError) as info:
        model_io.loads(text, source='m.json')
    assert words in str(info.value) and 'm.json' in str(info.value)


def test_missing_and_truncated_files(tmpdir):
    with pytest.raises(ModelFileError) as info:
        model_io.load(str(tmpdir.join('nope.json')))
    assert 'not found' in str(info.value)
    path = str(tmpdir.join('cut.json'))
    text = model_io.dumps(_net())
    with io.open(path, 'wb') as f:
        f.write(text[:len(text) // 2].encode('utf-8'))
    with pytest.raises(ModelFileError) as info:
        model_io.load(path)
    assert 'not valid JSON' in str(info.value)


def test_non_finite_weight_is_refused_by_name_and_nothing_is_written(tmpdir):
    net = _net()
    net.weights[1][0][2] = float('nan')
    path = str(tmpdir.join('m.json'))
    with pytest.raises(BPError) as info:
        model_io.save(net, path)
    assert 'layer 1: weight [0][2] is not a finite number' in str(info.value)
    assert os.listdir(str(tmpdir)) == []


def test_binary_classifier_with_two_class_names_round_trips():
    net = Network([2, 3, 1], ['tanh', 'sigmoid'], seed=0)
    net.class_names = ['no', 'yes']
    back = model_io.loads(model_io.dumps(net))
    assert back.class_names == ['no', 'yes']
    assert back.predict_labels([[0.1, 0.2]])[0] in ('no', 'yes')
    net.class_names = ['a', 'b', 'c']
    with pytest.raises(BPError) as info:
        model_io.dumps(net)          # refused before anything is written
    assert "'class_names' must be a list of 1 or 2 strings" in str(info.value)


def _regression_net():
    net = Network([2, 3, 1], ['tanh', 'linear'], seed=2)
    net.target_scaler = StandardScaler().fit([[20.0], [260.0], [500.0]])
    return net


def test_target_scaler_round_trip_is_version_2_and_predicts_in_target_units(tmpdir):
    net = _regression_net()
    X = [[0.5, -1.0], [2.0, 0.0]]
    raw = net.forward(X).output
    ts = net.target_scaler
    # StandardScaler's inverse by hand: z * std + mean (std: population, over 20, 260, 500)
    mean = 260.0
    std = ((240.0 ** 2 * 2) / 3.0) ** 0.5
    assert net.predict(X) == ts.inverse_transform(raw)
    assert abs(net.predict(X)[0][0] - (raw[0][0] * std + mean)) < 1e-9
    assert net.scale_targets([[500.0]])[0][0] == pytest.approx(240.0 / std)
    path = model_io.save(net, str(tmpdir.join('r.json')))
    doc = json.loads(io.open(path, encoding='utf-8').read())
    assert doc['version'] == 2 and doc['network']['target_scaler'] is not None
    back = model_io.load(path)
    assert back.predict(X) == net.predict(X)
    assert 'target scaler: StandardScaler' in back.summary()


def test_version_1_files_without_target_scaler_still_load():
    doc = json.loads(model_io.dumps(_net()))
    assert doc['version'] == 1 and 'target_scaler' not in doc['network']
    back = model_io.loads(json.dumps(doc))
    assert back.target_scaler is None
    assert back.predict([[1.0, 2.0, 3.0]]) == back.forward(
        back.scaler.transform([[1.0, 2.0, 3.0]])).output


def test_target_scaler_of_the_wrong_width_is_refused():
    data = _regression_net().to_data()
    data['target_scaler'] = StandardScaler().fit([[1.0, 2.0], [3.0, 5.0]]).to_data()
    with pytest.raises(BPError) as e:
        Network.from_data(data)
    assert 'target_scaler was fitted on 2 columns but the network has 1 outputs' in str(e.value)


# -- saves: no NaN/Infinity, unicode, temporary files, backups (issue 10) --------------------

def _tiny(names):
    """A 1-2 network with set weights, so its file is known byte for byte."""
    net = Network([1, 2], ['softmax'], seed=0)
    net.weights = [[[0.5], [-0.25]]]
    net.biases = [[0.0, 1.5]]
    net.class_names = names
    return net


def test_the_file_is_the_same_ascii_bytes_on_every_interpreter():
    text = model_io.dumps(_tiny([u'W\u00fcrfel', u'\u5706']), indent=1)
    expected = u'\n'.join([
        u'{', u' "bpcore": "%s",' % __import__('bpcore.version').version.__version__,
        u' "network": {', u'  "activations": [', u'   "softmax"', u'  ],',
        u'  "biases": [', u'   [', u'    0.0,', u'    1.5', u'   ]', u'  ],',
        u'  "class_names": [', u'   "W\\u00fcrfel",', u'   "\\u5706"', u'  ],',
        u'  "feature_names": null,', u'  "init": "xavier",', u'  "input_ranges": null,',
        u'  "scaler": null,',
        u'  "seed": 0,', u'  "sizes": [', u'   1,', u'   2', u'  ],', u'  "training": {},',
        u'  "weights": [', u'   [', u'    [', u'     0.5', u'    ],', u'    [',
        u'     -0.25', u'    ]', u'   ]', u'  ]', u' },', u' "schema": "bpcore.model",',
        u' "version": 1', u'}'])
    assert text == expected                      # no trailing spaces (2.7's default), ASCII
    assert model_io.dumps(_tiny(['a', 'b'])) == model_io.dumps(_tiny([u'a', u'b']))


def test_unicode_class_names_round_trip(tmpdir):
    net = _tiny([u'W\u00fcrfel', u'\u5706'])
    path = model_io.save(net, str(tmpdir.join(u'm.json')))
    with io.open(path, 'rb') as f:
        raw = f.read()
    raw.decode('ascii')                          # pure ASCII, hence UTF-8
    back = model_io.load(path)
    assert back.class_names == [u'W\u00fcrfel', u'\u5706']
    assert back.predict_labels([[1.0]]) == [u'\u5706']     # bias 1.5 > 0.5
    assert u'W\u00fcrfel' in back.summary()
    assert model_io.loads(raw.decode('ascii')).class_names == back.class_names
    with io.open(path, 'wb') as f:                # also from a UTF-8 file with a BOM
        f.write(b'\xef\xbb\xbf' + model_io.dumps(net).encode('utf-8'))
    assert model_io.load(path).class_names == back.class_names


def test_non_finite_training_numbers_are_written_as_null(tmpdir):
    net = _tiny(['a', 'b'])
    net.training = {'final_val_loss': float('inf'), 'final_loss': float('nan'),
                    'history': [1.0, -float('inf')], 'epochs': 3, 'note': u'\u00fc'}
    text = model_io.dumps(net)
    assert 'NaN' not in text and 'Infinity' not in text
    back = model_io.loads(text)
    assert back.training == {'final_val_loss': None, 'final_loss': None,
                             'history': [1.0, None], 'epochs': 3, 'note': u'\u00fc'}
    assert net.training['final_val_loss'] == float('inf')     # the network is not changed
    net.training = {1: 'x'}
    with pytest.raises(BPError) as info:
        model_io.dumps(net)
    assert "'training': key 1 is not text" in str(info.value)


def test_ctrl_c_during_a_save_leaves_the_old_file_and_no_temporary_file(tmpdir, monkeypatch):
    path = str(tmpdir.join('m.json'))
    model_io.save(_net(), path)
    with io.open(path, 'rb') as f:
        before = f.read()

    def interrupt(fd):
        raise KeyboardInterrupt()
    monkeypatch.setattr(model_io.os, 'fsync', interrupt)
    with pytest.raises(KeyboardInterrupt):
        model_io.save(Network([2, 2], seed=1), path)
    monkeypatch.undo()
    with io.open(path, 'rb') as f:
        assert f.read() == before
    assert os.listdir(str(tmpdir)) == ['m.json']


def test_ctrl_c_between_the_windows_renames_puts_the_old_file_back(tmpdir, monkeypatch):
    dst = str(tmpdir.join('m.json'))
    src = str(tmpdir.join('new.tmp'))
    for p, text in ((dst, u'old'), (src, u'new')):
        with io.open(p, 'w') as f:
            f.write(text)
    real_rename = os.rename

    def rename(a, b):
        if a == src:
            raise KeyboardInterrupt()
        real_rename(a, b)
    monkeypatch.setattr(model_io, '_WINDOWS', True)
    monkeypatch.setattr(model_io, '_native_replace', None)
    monkeypatch.setattr(model_io.os, 'rename', rename)
    with pytest.raises(KeyboardInterrupt):
        model_io._rename_over(src, dst)
    monkeypatch.undo()
    with io.open(dst) as f:
        assert f.read() == u'old'
    assert sorted(os.listdir(str(tmpdir))) == ['m.json', 'new.tmp']


def test_windows_python3_replaces_atomically(tmpdir, monkeypatch):
    dst = str(tmpdir.join('m.json'))
    model_io.save(_net(), dst)
    calls = []
    monkeypatch.setattr(model_io, '_WINDOWS', True)
    monkeypatch.setattr(model_io, '_native_replace', lambda a, b: calls.append((a, b)) or
                        os.rename(a, b))
    model_io.save(_tiny(['a', 'b']), dst)
    assert len(calls) == 1 and calls[0][1] == dst
    assert model_io.load(dst).class_names == ['a', 'b']


def test_a_folder_that_cannot_be_written_is_a_model_file_error(tmpdir, monkeypatch):
    import tempfile
    path = str(tmpdir.join('m.json'))

    def refuse(*args, **kwargs):
        raise OSError(13, 'Permission denied')
    monkeypatch.setattr(tempfile, 'mkstemp', refuse)
    with pytest.raises(ModelFileError) as info:
        model_io.save(_net(), path)
    assert str(info.value) == 'cannot save %s: Permission denied' % path
    monkeypatch.undo()
    if hasattr(os, 'geteuid') and os.geteuid() != 0:      # a real read-only folder
        folder = tmpdir.mkdir('ro')
        os.chmod(str(folder), 0o500)
        try:
            with pytest.raises(ModelFileError) as info:
                model_io.save(_net(), str(folder.join('m.json')))
            assert 'Permission denied' in str(info.value)
        finally:
            os.chmod(str(folder), 0o700)


def test_load_falls_back_to_the_backup_with_a_warning(tmpdir):
    import warnings
    from bpcore.errors import BPWarning
    path = str(tmpdir.join('m.json'))
    backup = path + model_io.BACKUP_SUFFIX
    model_io.save(_tiny(['a', 'b']), backup)          # what an interrupted Windows save leaves
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        net = model_io.load(path)                      # the main file is missing
    assert net.class_names == ['a', 'b']
    assert len(caught) == 1 and issubclass(caught[0].category, BPWarning)
    assert 'is missing; loaded its backup' in str(caught[0].message)
    with io.open(path, 'wb') as f:
        f.write(b'{"schema": "bpcore.model", "vers')    # the main file is damaged
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        assert model_io.load(path).class_names == ['a', 'b']
    assert 'is not valid JSON' in str(caught[0].message)
    assert 'loaded the backup' in str(caught[0].message)
    with io.open(backup, 'wb') as f:
        f.write(b'garbage')                            # both damaged: the file's own error
    with pytest.raises(ModelFileError) as info:
        model_io.load(path)
    assert str(info.value).startswith('%s is not valid JSON' % path)


def _doc_with(text_of_weights):
    doc = model_io.dumps(_tiny(['a', 'b']))
    return doc.replace('"weights": [[[0.5], [-0.25]]]', '"weights": %s' % text_of_weights)


@pytest.mark.parametrize('text,words', [
    ('[' * 100000, 'nests deeper than 64 levels'),
    ('{"a": ' * 100000, 'nests deeper than 64 levels'),
    (_doc_with('[[[1e400], [0.0]]]'), 'weight [0][0] is not a finite number: inf'),
    (_doc_with('[[[%s], [0.0]]]' % ('1' + '0' * 400)),
     'weight [0][0] is not a finite number: an integer of about 401 digits'),
    (_doc_with('[[[NaN], [0.0]]]'), 'weight [0][0] is not a finite number: nan'),
    (_doc_with('{"a": 1}'), "'weights' must hold 1 layers"),
    (_doc_with('"abc"'), "'weights' must hold 1 layers"),
    (_doc_with('[[["0.5"], [0.0]]]'), "weight [0][0] is not a finite number: '0.5'"),
    (model_io.dumps(_tiny(['a', 'b'])).replace('"sizes": [1, 2]', '"sizes": [1, 1e400]'),
     'sizes[1] must be a positive whole number, got inf'),
    (model_io.dumps(_tiny(['a', 'b'])).replace('"sizes": [1, 2]', '"sizes": "ab"'),
     "sizes must list at least 2 layer sizes (inputs and outputs), got 'ab'"),
    (model_io.dumps(_tiny(['a', 'b'])).replace('"seed": 0', '"seed": "abc"'),
     "'seed' must be a whole number, got 'abc'"),
    (model_io.dumps(_tiny(['a', 'b'])).replace('"seed": 0', '"seed": 1.5'),
     "'seed' must be a whole number, got 1.5"),
    (model_io.dumps(_tiny(['a', 'b'])).replace('"init": "xavier"', '"init": [1]'),
     "unknown 'init' [1]"),
    (model_io.dumps(_tiny(['a', 'b'])).replace('"training": {}', '"training": [1, 2]'),
     "'training' must be a dict"),
    (model_io.dumps(_tiny(['a', 'b'])).replace('"class_names": ["a", "b"]',
                                               '"class_names": [1, 2]'),
     "'class_names' must be a list of 2 strings"),
    (model_io.dumps(_tiny(['a', 'b'])).replace('"version": 1', '"version": %s' % ('9' * 500)),
     'model format version an integer of about 50'),
])
def test_hostile_model_files_get_one_model_file_error(tmpdir, text, words):
    path = str(tmpdir.join('m.json'))
    with io.open(path, 'wb') as f:
        f.write(text.encode('utf-8'))
    with pytest.raises(ModelFileError) as info:
        model_io.load(path)
    assert words in str(info.value) and path in str(info.value), str(info.value)


def test_bad_paths_and_bytes(tmpdir):
    folder = str(tmpdir)
    cases = [(None, 'path must be a file path (text), got None'),
             (True, 'path must be a file path (text), got True'),   # never fd 1 (stdout)
             (3, 'got 3'), (u'a\0b', 'is not a file path'), ('', 'is not a file path'),
             (folder, '%s is a folder, not a model file' % folder)]
    for path, words in cases:
        with pytest.raises(ModelFileError) as info:
            model_io.load(path)
        assert words in str(info.value)
    path = str(tmpdir.join('m.bin'))
    with io.open(path, 'wb') as f:
        f.write(b'{"schema": "bpcore.model\xff\xfe"}')
    with pytest.raises(ModelFileError) as info:
        model_io.load(path)
    assert str(info.value) == ('%s is not a bpcore model: cannot decode it as UTF-8 text '
                               '(byte 0xff at position 24)' % path)
    for path in (None, u'x\0y', folder):
        with pytest.raises(ModelFileError):
            model_io.save(_net(), path)
    assert model_io.loads(model_io.dumps(_net()).encode('utf-8')).sizes == [3, 4, 2]
    with pytest.raises(BPError) as info:
        model_io.dumps(_net(), indent='x')
    assert "indent must be None or a whole number 0..16, got 'x'" in str(info.value)
