"""Failures: every diagnostic of a broken ruleset, damaged engine files,
rejected posts, wrong types. Nothing here may crash the interpreter."""

from __future__ import annotations

import pickle

import pytest

import vigil
from conftest import RULES

BROKEN = """\
ruleset: broken
guidelines:
  respect: {title: Respect, url: "https://x.example/r"}
rules:
  - id: broken.action
    guideline: respect
    category: abuse
    words: [fool]
    action: obliterate
  - id: broken.guideline
    guideline: no-such-guideline
    category: abuse
    words: [clown]
    action: flag
  - id: broken.regex
    guideline: respect
    category: abuse
    regex: '(unclosed'
    action: flag
"""


def test_ruleset_error_carries_every_diagnostic(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(vigil.RulesetError) as info:
        vigil.Engine.from_file(path)
    e = info.value
    assert isinstance(e, vigil.VigilError)
    assert (e.status, e.status_name) == (-3, "VIGIL_E_RULESET")
    assert [(d.file, d.line, d.column, d.rule_id, d.is_error) for d in e.errors] == [
        (str(path), 9, 13, "broken.action", True),
        (str(path), 11, 16, "broken.guideline", True),
        (str(path), 18, 12, "broken.regex", True),
    ]
    assert e.warnings == []
    assert "obliterate" in e.errors[0].message
    assert "no-such-guideline" in e.errors[1].message
    assert "(unclosed" in e.errors[2].message
    lines = str(e).splitlines()
    assert lines[0] == "VIGIL_E_RULESET: 3 errors in the ruleset"
    assert lines[1] == f"  {path}:9:13: error: {e.errors[0].message} [broken.action]"
    assert len(lines) == 4
    assert str(e.errors[2]) == e.errors[2].formatted


def test_ruleset_error_from_string_names_the_file():
    with pytest.raises(vigil.RulesetError) as info:
        vigil.Engine.from_string(BROKEN, name="mine.yaml")
    assert {d.file for d in info.value.diagnostics} == {"mine.yaml"}
    assert len(info.value.errors) == 3


def test_ruleset_error_survives_pickling(tmp_path):
    with pytest.raises(vigil.RulesetError) as info:
        vigil.Engine.from_string(BROKEN, name="mine.yaml")
    copy = pickle.loads(pickle.dumps(info.value))
    assert type(copy) is vigil.RulesetError
    assert copy.diagnostics == info.value.diagnostics and str(copy) == str(info.value)


def test_missing_file_is_an_os_error(tmp_path):
    with pytest.raises(vigil.VigilIOError) as info:
        vigil.Engine.from_file(tmp_path / "nope.yaml")
    assert isinstance(info.value, OSError)
    assert info.value.status_name == "VIGIL_E_IO"
    assert "nope.yaml" in str(info.value)
    with pytest.raises(OSError):
        vigil.Engine.load(tmp_path / "nope.vigil")


def test_save_to_an_unwritable_place(engine, tmp_path):
    with pytest.raises(vigil.VigilIOError, match="VIGIL_E_IO: cannot write"):
        engine.save(tmp_path / "no" / "such" / "dir" / "x.vigil")


def test_damaged_engine_files(engine, tmp_path):
    data = engine.to_bytes()
    cases = {
        "garbage": (b"garbage" * 10, "VIGIL_E_ENGINE_CORRUPT"),
        "half": (data[: len(data) // 2], "VIGIL_E_ENGINE_TRUNCATED"),
        "header": (data[:10], "VIGIL_E_ENGINE_TRUNCATED"),
        "flipped": (data[:-1] + bytes([data[-1] ^ 1]), "VIGIL_E_ENGINE_CORRUPT"),
    }
    for name, (content, status) in cases.items():
        path = tmp_path / f"{name}.vigil"
        path.write_bytes(content)
        with pytest.raises(vigil.EngineFileError) as info:
            vigil.Engine.load(path)
        assert info.value.status_name == status, name
        with pytest.raises(vigil.EngineFileError):
            vigil.Engine.from_bytes(content)
    # A YAML file is not a compiled engine.
    with pytest.raises(vigil.EngineFileError, match="VIGIL_E_ENGINE_CORRUPT"):
        vigil.Engine.load(RULES)


def test_every_prefix_of_an_engine_file_fails_cleanly(engine):
    data = engine.to_bytes()
    for size in list(range(0, 200)) + list(range(200, len(data), max(1, len(data) // 50))):
        with pytest.raises(vigil.EngineFileError):
            vigil.Engine.from_bytes(data[:size])


def test_invalid_utf8_in_bytes_is_the_librarys_post_error(engine):
    with pytest.raises(vigil.PostError) as info:
        engine.classify(b"ab\xffcd")
    e = info.value
    assert isinstance(e, ValueError) and isinstance(e, vigil.VigilError)
    assert (e.status, e.status_name) == (-5, "VIGIL_E_INVALID_UTF8")
    assert e.message == "body: invalid UTF-8 at byte 2"
    assert str(e) == "VIGIL_E_INVALID_UTF8: body: invalid UTF-8 at byte 2"
    with pytest.raises(vigil.PostError, match="title: invalid UTF-8 at byte 0"):
        engine.classify("ok", title=b"\xc3")
    with pytest.raises(vigil.PostError, match=r"links\[1\]: invalid UTF-8"):
        engine.classify("ok", links=["https://a.example", b"\xff"])
    with pytest.raises(vigil.PostError, match="author.name: invalid UTF-8"):
        engine.classify("ok", author={"name": b"\xe4\xbd"})


def test_lone_surrogates_in_str_are_post_errors(engine):
    with pytest.raises(vigil.PostError) as info:
        engine.classify("a\udcffb", id="p9")
    assert info.value.status_name == "VIGIL_E_INVALID_UTF8"
    assert "body" in info.value.message and "index 1" in info.value.message
    assert info.value.post_id == "p9"
    assert "post 'p9'" in str(info.value)


def test_post_too_large(engine):
    small = vigil.Engine.from_file(RULES, max_post_bytes=1000)
    small.classify("x" * 1000)
    with pytest.raises(vigil.PostError) as info:
        small.classify("x" * 600, title="y" * 401)
    assert info.value.status_name == "VIGIL_E_POST_TOO_LARGE"
    assert info.value.message == "the post is 1001 bytes, over the limit of 1000"
    with pytest.raises(vigil.PostError, match="VIGIL_E_POST_TOO_LARGE"):
        engine.classify("x" * (2 * 1024 * 1024))
    # A huge post is refused, not a crash, and the engine still works after.
    assert engine.classify("you idiot").action is vigil.Action.CENSOR


@pytest.mark.parametrize("kwargs, message", [
    (dict(body=17), r"expected a post \(str, bytes, vigil.Post or dict\), got int"),
    (dict(body={"body": 17}), "body: expected str, bytes or None, got int"),
    (dict(body=None, title=3.5), "title: expected str, bytes or None, got float"),
    (dict(body="x", channel=["general"]), "channel: expected str, bytes or None, got list"),
    (dict(body="x", author="ann"), "author: expected vigil.Author, a dict or None, got str"),
    (dict(body="x", author={"trust_level": "1"}), "author.trust_level: expected int or None, got str"),
    (dict(body="x", author={"trust_level": True}), "author.trust_level: expected int or None, got bool"),
    (dict(body="x", author={"post_count": 2.0}), "author.post_count: expected int or None, got float"),
    (dict(body="x", author={"roles": "staff"}), "author.roles: expected a list of str or bytes, got str"),
    (dict(body="x", author={"roles": ["staff", 3]}), r"author.roles\[1\]: expected str, bytes or None, got int"),
    (dict(body="x", links="https://a.example"), "links: expected a list of str or bytes, got str"),
    (dict(body="x", links=[None]), r"links\[0\]: expected str or bytes, got None"),
    (dict(body="x", id=1.5), "id: expected str, bytes, int or None, got float"),
    (dict(body="x", lang=b"en", author={"id": []}), "author.id: expected str, bytes, int or None, got list"),
])
def test_wrong_types_raise_type_error(engine, kwargs, message):
    with pytest.raises(TypeError, match=message):
        engine.classify(**kwargs)


def test_out_of_range_ints_raise_value_error(engine):
    with pytest.raises(ValueError, match="author.trust_level: out of range"):
        engine.classify("x", author={"trust_level": 2**63})
    with pytest.raises(ValueError, match="out of range"):
        engine.classify("x", author={"post_count": -(2**63)})  # VIGIL_UNSET itself
    assert engine.classify("x", author={"post_count": -(2**63) + 1}).action is vigil.Action.ALLOW


def test_wrong_post_types(engine):
    with pytest.raises(TypeError, match="expected a post"):
        engine.classify(["a list"])
    with pytest.raises(TypeError, match="a post or the fields of one, not both"):
        engine.classify({"body": "x"}, title="t")
    with pytest.raises(TypeError, match="iterable of posts"):
        engine.classify_many("just one string")
    with pytest.raises(TypeError, match=r"posts\[2\]: author.trust_level: expected int"):
        engine.classify_many(["a", "b", {"author": {"trust_level": "x"}}])


def test_attribute_errors_inside_post_objects_propagate(engine):
    class Weird:
        @property
        def body(self):
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        engine.classify(Weird())


def test_classify_many_errors(engine):
    posts = ["fine", {"id": "bad", "body": b"\xff"}, "you idiot", "a\ud800"]
    with pytest.raises(vigil.PostError) as info:
        engine.classify_many(posts)
    assert (info.value.index, info.value.post_id) == (1, "bad")
    assert str(info.value) == "VIGIL_E_INVALID_UTF8: posts[1]: post 'bad': body: invalid UTF-8 at byte 0"
    results = engine.classify_many(posts, errors="return")
    assert [type(r).__name__ for r in results] == ["Verdict", "PostError", "Verdict", "PostError"]
    assert results[2].action is vigil.Action.CENSOR
    assert (results[3].index, results[3].status_name) == (3, "VIGIL_E_INVALID_UTF8")
    # Indexes count across batches.
    many = ["ok"] * 10 + [b"\xff"]
    with pytest.raises(vigil.PostError) as info:
        engine.classify_many(many, batch_size=3)
    assert info.value.index == 10


def test_bad_arguments_to_classify_many(engine):
    with pytest.raises(ValueError, match="threads must be at least 1"):
        engine.classify_many(["x"], threads=0)
    with pytest.raises(TypeError):
        engine.classify_many(["x"], threads="2")
    with pytest.raises(ValueError, match="errors must be"):
        engine.classify_many(["x"], errors="ignore")
    with pytest.raises(ValueError, match="batch_size"):
        engine.classify_many(["x"], batch_size=0)


def test_bad_paths_and_ruleset_arguments():
    with pytest.raises(ValueError, match="embedded null byte"):
        vigil.Engine.from_file("rules\0.yaml")
    with pytest.raises(TypeError):
        vigil.Engine.from_file(42)
    with pytest.raises(TypeError, match="yaml: expected str or bytes"):
        vigil.Engine.from_string(["rules"])
    with pytest.raises(TypeError, match="expected bytes"):
        vigil.Engine.from_bytes("not bytes")


def test_empty_ruleset_string():
    with pytest.raises(vigil.VigilError):
        vigil.Engine.from_string("")
