"""Data in: read CSV, validate matrices, encode labels, scale features, split and fold.

Everything here works on plain lists (a matrix is a list of rows, ``X`` is ``(n, k)``) and
raises :class:`bpcore.errors.DataError` with a message naming the place at fault:

* CSV cells by line (counted from 1, blank and comment lines included) and column (counted
  from 0, the label column included) and the column's name:
  ``line 4, column 3 ('area'): cannot read 'abc' as a number``;
* matrices by row and column (both from 0): ``X row 3, column 2 is NaN``;
* ragged rows: ``line 5 has 6 values, expected 7`` / ``X row 5 has 6 values, expected 7``.

One module per job; this package re-exports their public names, so ``from bpcore import data;
data.read_csv(...)`` (what saved Grasshopper definitions call) keeps working:

============================  ===============================================================
:mod:`bpcore.data.dataset`    :func:`read_csv` -> :class:`Dataset` (path or text, header, labels)
:mod:`bpcore.data.encoding`   :class:`LabelEncoder`, :func:`one_hot`
:mod:`bpcore.data.scaling`    :class:`MinMaxScaler`, :class:`StandardScaler`, ``SCALERS``,
                              :func:`make_scaler`, :func:`scaler_from_data`
:mod:`bpcore.data.splitting`  :func:`train_test_split`, :func:`split_indices`,
                              :func:`kfold_indices`
:mod:`bpcore.matrix`          :func:`check_matrix`, :func:`is_number`, :func:`argmax`
                              (re-exported here for old code)
============================  ===============================================================

Classification or regression
----------------------------
``read_csv(..., task='classification')`` (the default) turns the label column into classes:
``ds.class_names`` (sorted, as text), ``ds.y`` (class indices) and ``ds.Y`` (one-hot rows).
``read_csv(..., task='regression')`` keeps the label column as numbers: ``ds.targets`` (floats)
and ``ds.Y`` = ``[[t] for t in ds.targets]``; ``class_names``, ``y`` and ``n_classes`` are
``None``. In both cases ``fit(net, ds.X, ds.Y)`` gets the right target matrix.
"""
from __future__ import absolute_import, division, print_function

from bpcore.data.dataset import Dataset, read_csv
from bpcore.data.encoding import LabelEncoder, infer_targets_task, infer_task, one_hot
from bpcore.data.scaling import (SCALERS, MinMaxScaler, StandardScaler, make_scaler,
                                 scaler_from_data)
from bpcore.data.splitting import kfold_indices, split_indices, train_test_split
from bpcore.matrix import argmax, check_matrix, is_number

__all__ = ['Dataset', 'read_csv', 'check_matrix', 'is_number', 'LabelEncoder', 'one_hot',
           'infer_task', 'infer_targets_task',
           'argmax', 'MinMaxScaler', 'StandardScaler', 'SCALERS', 'make_scaler', 'scaler_from_data',
           'split_indices', 'train_test_split', 'kfold_indices']
