"""Making, saving and loading engines; facts about them; rule tests."""

from __future__ import annotations

import copy
import os
import pickle
import re

import pytest

import vigil
from conftest import DATA, DEFAULT_RULES, RULES

RULE_IDS = [
    "privacy.email", "respect.rude", "respect.threat", "spam.new-member-links",
    "spam.casino", "spam.sales", "spam.shortener", "support.refund",
]


def test_version_is_the_loaded_library():
    assert re.fullmatch(r"\d+\.\d+\.\d+", vigil.__version__)
    major, minor, patch = map(int, vigil.__version__.split("."))
    assert vigil._vigil.version_number() == major * 10000 + minor * 100 + patch
    assert vigil._vigil.version_number() == vigil._vigil.HEADER_VERSION_NUMBER


def test_from_file_facts(engine):
    assert engine.ruleset_name == "python-tests"
    assert engine.rule_ids == RULE_IDS
    assert engine.max_post_bytes == 1048576
    assert engine.warnings == []
    assert repr(engine) == "<vigil.Engine 'python-tests': 8 rules>"


def test_from_file_accepts_pathlike(tmp_path):
    import pathlib

    e = vigil.Engine.from_file(pathlib.Path(RULES))
    assert e.rule_ids == RULE_IDS


def test_default_ruleset_compiles_and_its_tests_pass(default_engine):
    assert default_engine.ruleset_name == "community-default"
    report = default_engine.run_tests()
    assert report.ok, str(report)
    assert report.failed == 0 and report.passed == len(report) > 50
    assert all(isinstance(r, vigil.RuleTest) and r.passed for r in report)
    assert set(r.rule_id for r in report) <= set(default_engine.rule_ids)


def test_run_tests_reports_failures_with_file_and_line():
    yaml = (
        "ruleset: failing\n"
        "guidelines:\n"
        "  respect: {title: Respect, url: 'https://x.example/r'}\n"
        "rules:\n"
        "  - id: respect.fool\n"
        "    guideline: respect\n"
        "    category: abuse\n"
        "    words: [fool]\n"
        "    action: flag\n"
        "    tests:\n"
        "      match: ['you are a fool', 'you are a clown']\n"
        "      no_match: ['foolproof']\n"
    )
    report = vigil.Engine.from_string(yaml, name="failing.yaml").run_tests()
    assert (report.passed, report.failed, report.ok, bool(report)) == (2, 1, False, False)
    (failure,) = report.failures
    assert failure.rule_id == "respect.fool"
    assert failure.expects_match is True
    assert failure.example == "you are a clown"
    assert failure.file == "failing.yaml"
    assert failure.line == 11
    assert failure.detail != ""
    assert str(report).endswith("2 passed, 1 failed")
    assert repr(report) == "<TestReport 2 passed, 1 failed>"


def test_from_string_reads_lists_relative_to_name():
    with open(RULES, encoding="utf-8") as f:
        yaml = f.read()
    # The list file is found relative to `name`'s folder...
    e = vigil.Engine.from_string(yaml, name=os.path.join(DATA, "inline.yaml"))
    assert e.rule_ids == RULE_IDS
    assert e.classify("you moron").action is vigil.Action.CENSOR
    # ...and bytes work as well as str.
    assert vigil.Engine.from_string(yaml.encode(), name=os.path.join(DATA, "x.yaml")).rule_ids == RULE_IDS


def test_from_string_without_name_uses_memory_name():
    e = vigil.Engine.from_string(
        "ruleset: tiny\nguidelines: {g: {title: G, url: 'https://g.example'}}\n"
        "rules:\n  - {id: r, guideline: g, category: spam, words: [spam], action: flag}\n"
    )
    assert e.ruleset_name == "tiny"
    assert e.classify("buy spam now").action is vigil.Action.FLAG


def test_max_post_bytes_option():
    e = vigil.Engine.from_file(RULES, max_post_bytes=100)
    assert e.max_post_bytes == 100
    with pytest.raises(ValueError):
        vigil.Engine.from_file(RULES, max_post_bytes=0)
    with pytest.raises(TypeError):
        vigil.Engine.from_file(RULES, max_post_bytes="100")


def test_save_and_load_give_the_same_verdicts(engine, tmp_path):
    path = tmp_path / "rules.vigil"
    engine.save(path)
    assert path.stat().st_size > 0
    loaded = vigil.Engine.load(str(path))
    assert loaded.rule_ids == engine.rule_ids
    assert loaded.ruleset_name == engine.ruleset_name
    assert loaded.warnings == []
    posts = ["you idiot", "mail bob@example.com", "I will kill you", "refund please", "hello"]
    assert [loaded.classify(p) for p in posts] == [engine.classify(p) for p in posts]
    assert [engine.classify(p).action for p in posts] == [
        vigil.Action.CENSOR, vigil.Action.REDACT, vigil.Action.REJECT,
        vigil.Action.TAG, vigil.Action.ALLOW]


def test_to_bytes_and_from_bytes(engine, tmp_path):
    data = engine.to_bytes()
    assert isinstance(data, bytes) and len(data) > 0
    path = tmp_path / "rules.vigil"
    engine.save(path)
    assert path.read_bytes() == data
    copy_ = vigil.Engine.from_bytes(data)
    assert copy_.classify("you moron") == engine.classify("you moron")
    assert vigil.Engine.from_bytes(bytearray(data)).rule_ids == RULE_IDS


def test_engine_cannot_be_pickled_and_says_what_to_do(engine):
    with pytest.raises(TypeError, match=r"cannot be pickled.*save\(\)"):
        pickle.dumps(engine)
    assert copy.copy(engine) is engine
    assert copy.deepcopy(engine) is engine


def test_engine_constructor_is_not_public():
    with pytest.raises(TypeError, match="from_file"):
        vigil.Engine()


def test_default_ruleset_round_trips(default_engine, tmp_path):
    path = tmp_path / "default.vigil"
    default_engine.save(path)
    loaded = vigil.Engine.load(path)
    assert loaded.rule_ids == default_engine.rule_ids
    assert loaded.ruleset_name == "community-default"


def test_engine_outlives_its_python_object():
    # Scanners and verdicts keep working after the Engine object is gone.
    e = vigil.Engine.from_file(RULES)
    classify = e.classify
    del e
    import gc

    gc.collect()
    assert classify("you idiot").action is vigil.Action.CENSOR


def test_default_rules_path_exists():
    assert os.path.exists(DEFAULT_RULES)
