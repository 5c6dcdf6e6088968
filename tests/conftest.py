"""Make the repository root importable, so the tests use this checkout's bpcore; the
``--fuzz N`` option (mutations per fuzzer, for long runs) and the fuzzers' closing summary."""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)


def pytest_addoption(parser):
    parser.addoption('--fuzz', type=int, default=None, metavar='N',
                     help='mutations per fuzzer in tests/core/test_fuzz_*.py (default: a '
                          'modest count for the normal suite)')


def pytest_configure(config):
    config.bpcore_fuzz = []        # one line per fuzzer run: what it tried and what it saw


def pytest_terminal_summary(terminalreporter):
    lines = getattr(terminalreporter.config, 'bpcore_fuzz', [])
    if lines:
        terminalreporter.write_sep('-', 'bpcore fuzzers')
        for line in lines:
            terminalreporter.write_line(line)
