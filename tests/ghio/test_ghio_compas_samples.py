"""Against files Grasshopper wrote: the .ghuser user objects shipped in the compas package."""
import glob
import os
import uuid

import compas_ghpython
import pytest

from bpcore.build import ghio
from bpcore.build.metadata import normalize_metadata
from bpcore.build.userobject import build_userobject, read_userobject
from bpcore.errors import GHIOError

SAMPLES = sorted(glob.glob(os.path.join(os.path.dirname(compas_ghpython.__file__),
                                        'components', 'ghuser', '*.ghuser')))


def test_samples_are_there():
    assert len(SAMPLES) >= 5


def read(path):
    with open(path, 'rb') as handle:
        return handle.read()


@pytest.mark.parametrize('path', SAMPLES, ids=os.path.basename)
def test_decode_encode_is_identical_outer_and_inner(path):
    data = read(path)
    raw = ghio.inflate(data)
    root = ghio.decode(raw)
    assert ghio.encode(root) == raw
    inner_packed = root.get('Object')
    inner_raw = ghio.inflate(inner_packed)
    assert ghio.encode(ghio.decode(inner_raw)) == inner_raw
    # Level-6 raw DEFLATE even reproduces Grasshopper's compressed bytes.
    assert ghio.deflate(inner_raw) == inner_packed
    assert ghio.deflate(raw) == data


def outline(chunk, path=''):
    """(chunk path, item name, index, type, value or None for instance GUIDs), in file order."""
    here = path + '/' + chunk.name + ('' if chunk.index < 0 else ':%d' % chunk.index)
    rows = []
    for item in chunk.items:  # decoded order == file order
        value = None if item.name in ('InstanceGuid', 'Object') else item.value
        rows.append((here, item.name, item.index, item.type, value))
    for child in chunk.chunks:
        rows.extend(outline(child, here))
    return rows


def instance_guids(chunk, found=None):
    found = [] if found is None else found
    if chunk.has('InstanceGuid'):
        found.append(chunk)
    for child in chunk.chunks:
        instance_guids(child, found)
    return found


@pytest.mark.parametrize('path', SAMPLES, ids=os.path.basename)
def test_rebuild_from_own_bundle_differs_only_in_instance_guids(path):
    original = read_userobject(read(path))
    meta = normalize_metadata(original['metadata'], path)
    name = os.path.splitext(os.path.basename(path))[0]
    bundle = {'name': name, 'code': original['code'], 'icon': original['icon'],
              'metadata': meta}
    rebuilt = ghio.loads(build_userobject(bundle, 'ironpython'))
    rebuilt_component = ghio.loads(rebuilt.get('Object'))
    assert outline(rebuilt) == outline(original['root'])
    assert outline(rebuilt_component) == outline(original['component'])
    # Put the original parameter instance GUIDs back: then every byte is Grasshopper's.
    olds = instance_guids(original['component'])
    news = instance_guids(rebuilt_component)
    assert len(olds) == len(news) > 0
    assert all(isinstance(c.get('InstanceGuid'), uuid.UUID) for c in news)
    for old, new in zip(olds, news):
        new.set_guid('InstanceGuid', old.get('InstanceGuid'))
    rebuilt.set_bytes('Object', ghio.dumps(rebuilt_component))
    assert ghio.dumps(rebuilt) == read(path)


@pytest.mark.parametrize('path', SAMPLES, ids=os.path.basename)
def test_samples_as_rhino8_components(path):
    original = read_userobject(read(path))
    meta = normalize_metadata(original['metadata'], path)
    bundle = {'name': 'X', 'code': original['code'], 'icon': original['icon'], 'metadata': meta}
    back = read_userobject(build_userobject(bundle, 'rhino8'))
    assert back['code'] == original['code']
    got, want = back['metadata'], original['metadata']
    assert got['ghpython']['inputParameters'] == want['ghpython']['inputParameters']
    assert got['ghpython']['outputParameters'] == want['ghpython']['outputParameters']


@pytest.mark.parametrize('path', SAMPLES, ids=os.path.basename)
def test_corrupted_samples_are_refused(path):
    data = read(path)
    raw = ghio.inflate(data)
    for cut in (len(raw) // 3, len(raw) - 1):
        with pytest.raises(GHIOError):
            ghio.decode(raw[:cut])
    with pytest.raises(ValueError):
        read_userobject(data[:len(data) // 2])
