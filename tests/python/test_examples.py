"""The examples in examples/python/ run and say what they should."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT

EXAMPLES = os.path.join(ROOT, "examples", "python")


def run(*args: str) -> subprocess.CompletedProcess:
    # The child imports vigil the way this test did (PYTHONPATH).
    env = dict(os.environ)
    import vigil

    env["PYTHONPATH"] = os.pathsep.join(
        [os.path.dirname(os.path.dirname(vigil.__file__))] + env.get("PYTHONPATH", "").split(os.pathsep))
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env,
                          timeout=120, check=True)


def test_minimal_example():
    out = run(os.path.join(EXAMPLES, "minimal.py")).stdout
    blocks = out.split("\n\n")
    assert blocks[0].startswith("<vigil.Engine 'community-default'")
    assert "  -> allow" in blocks[1]
    assert "  -> redact" in blocks[2] and "privacy.email: body[15:34] 'maria.k@example.com'" in blocks[2]
    assert "publish as: Write to me at [email removed]" in blocks[2]
    assert "  -> hold" in blocks[3] and "escalate to moderators (normal)" in blocks[3]
    # Chinese: the span is in code points of the str.
    assert "spam.offsite-contact-zh: body[3:6] '加微信'" in blocks[4]


def _demo(*flags: str) -> list:
    lines = run(os.path.join(EXAMPLES, "flask_hook.py"), "--demo", *flags).stdout.splitlines()
    return [(lines[i].rsplit("-> ", 1)[1].split()[0], json.loads(lines[i + 1]))
            for i in range(0, len(lines), 2)]


def _check_demo(results: list) -> None:
    statuses = [status for status, _ in results]
    assert statuses == ["201", "201", "202", "422", "201"]
    ok, redacted, held, rejected, support = (payload for _, payload in results)
    assert ok == {"status": "published", "title": None, "body": "Hi all, I'm Maria from Lisbon."}
    assert redacted["body"] == "Contact me at [email removed]"
    assert redacted["guidance"][0]["url"] == "https://forum.example/guidelines#privacy"
    assert held["status"] == "held for review"
    assert held["guidance"][0]["guideline"] == "No spam or unsolicited promotion"
    assert rejected["status"] == "rejected"
    assert "threats of violence" in rejected["guidance"][0]["message"]
    assert support["status"] == "published"


def test_hook_with_the_stdlib_wsgi_app():
    _check_demo(_demo())


def test_hook_with_flask():
    pytest.importorskip("flask")
    _check_demo(_demo("--flask"))
