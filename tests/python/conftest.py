"""Shared fixtures for the tests of the Python binding (bindings/python).

Run by ctest (bindings/python/CMakeLists.txt: PYTHONPATH points at the build
tree's package), or by hand:

    PYTHONPATH=build-py/bindings/python /usr/bin/python3 -m pytest tests/python

When VIGIL_PYTHON_EXPECT_DIR is set, the imported package must come from
there, so a stale installed copy can never be what gets tested.
"""

from __future__ import annotations

import os

import pytest

import vigil

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(HERE, "data")
RULES = os.path.join(DATA, "rules.yaml")
DEFAULT_RULES = os.path.join(ROOT, "rules", "community-default.yaml")
SAMPLE_POSTS = os.path.join(ROOT, "examples", "posts", "sample.jsonl")

_expected = os.environ.get("VIGIL_PYTHON_EXPECT_DIR")
if _expected:
    _got = os.path.dirname(os.path.realpath(vigil.__file__))
    assert _got == os.path.realpath(_expected), f"testing {_got}, not the build's {_expected}"


@pytest.fixture(scope="session")
def engine() -> vigil.Engine:
    """tests/python/data/rules.yaml, compiled once."""
    return vigil.Engine.from_file(RULES)


@pytest.fixture(scope="session")
def default_engine() -> vigil.Engine:
    """The shipped rules/community-default.yaml, compiled once."""
    return vigil.Engine.from_file(DEFAULT_RULES)


@pytest.fixture(scope="session")
def sample_posts() -> list:
    import json

    with open(SAMPLE_POSTS, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]
