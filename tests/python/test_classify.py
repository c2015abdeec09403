"""Engine.classify: the ways to give a post, exact actions, spans in code
points, bytes, links, authors and conditions; the CLI as an oracle."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

import vigil
from conftest import DEFAULT_RULES, SAMPLE_POSTS

A = vigil.Action


def spans(v, field=None):
    return [(m.rule_id, str(m.field), m.span, m.byte_span, m.text)
            for m in v.matches if field is None or m.field == field]


# -- spans in the units Python indexes with ---------------------------------

def test_chinese_before_the_match_gives_code_point_spans(engine):
    body = "你好你好 傻逼 and idiot"
    v = engine.classify(body)
    assert v.action is A.CENSOR
    assert spans(v) == [
        ("respect.rude", "body", (5, 7), (13, 19), "傻逼"),
        ("respect.rude", "body", (12, 17), (24, 29), "idiot"),
    ]
    for m in v.matches:
        assert body[m.span[0]:m.span[1]] == m.text
        assert body.encode()[m.byte_span[0]:m.byte_span[1]].decode() == m.text
    assert v.censored_body == "你好你好 ** and *****"


def test_persian_before_the_match_gives_code_point_spans(engine):
    body = "سلام دوست من احمق"
    v = engine.classify(body, title="idiot title")
    assert v.action is A.CENSOR
    assert spans(v) == [
        ("respect.rude", "title", (0, 5), (0, 5), "idiot"),
        ("respect.rude", "body", (13, 17), (23, 31), "احمق"),
    ]
    assert body[13:17] == "احمق"
    assert v.censored_title == "***** title"
    assert v.censored_body == "سلام دوست من ****"


def test_astral_characters_count_as_one_code_point(engine):
    body = "😀😀 mail me: bob@example.com"
    v = engine.classify(body)
    (m,) = v.matches
    assert m.span == (12, 27) and m.byte_span == (18, 33)
    assert body[12:27] == "bob@example.com"
    assert v.censored_body == "😀😀 mail me: [email removed]"


def test_bytes_input_reports_byte_spans(engine):
    body = "你好 idiot".encode()
    v = engine.classify(body)
    (m,) = v.matches
    assert m.span == m.byte_span == (7, 12)
    assert body[7:12] == b"idiot"
    assert m.text == "idiot"
    assert v.censored_body == "你好 *****"


def test_mixed_str_and_bytes_fields(engine):
    v = engine.classify("你 idiot".encode(), title="你 idiot")
    assert spans(v) == [
        ("respect.rude", "title", (2, 7), (4, 9), "idiot"),
        ("respect.rude", "body", (4, 9), (4, 9), "idiot"),
    ]


def test_author_name_matches_have_spans_in_the_name(engine):
    assert engine.classify("hello", author=vigil.Author(name="大idiot")).hits == []  # no boundary
    v = engine.classify("hello", author=vigil.Author(name="大 idiot"))
    assert spans(v) == [("respect.rude", "author.name", (2, 7), (4, 9), "idiot")]
    assert v.action is A.CENSOR
    assert v.censored_body == "hello"   # names are never rewritten
    assert v.censored_title is None     # the post had no title


# -- links ---------------------------------------------------------------

def test_given_links_report_spans_into_each_link(engine):
    links = ["https://ok.example", "https://例子.casino-bonus.example/x"]
    v = engine.classify("see my links", links=links)
    assert v.action is A.FLAG
    (m,) = v.matches
    assert (m.rule_id, m.field, m.link_index) == ("spam.casino", vigil.Field.LINKS, 1)
    assert m.byte_span == (15, 27) and m.span == (11, 23)
    assert links[1][11:23] == "casino-bonus"


def test_links_found_in_an_ascii_body(engine):
    body = "links https://a.example/1 https://casino-bonus.example/2 https://bit.ly/x"
    v = engine.classify(body, author=vigil.Author(trust_level=0))
    assert v.action is A.HOLD
    assert v.rule_ids == ["spam.new-member-links", "spam.casino"]
    casino = v.hits[1].matches[0]
    assert (casino.field, casino.link_index, casino.span, casino.text) == ("links", 1, (8, 20), "casino-bonus")
    url_spans = [m.span for m in v.hits[0].matches]
    assert [body[s:e] for s, e in url_spans] == [
        "https://a.example/1", "https://casino-bonus.example/2", "https://bit.ly/x"]
    (dry,) = v.dry_run
    assert dry.rule_id == "spam.shortener" and dry.dry_run is True
    assert dry.matches[0].span == (57, 72)


def test_links_found_in_a_non_ascii_body_have_code_point_spans_into_the_url(engine):
    # The offsets are into the URL the library found; the C API says where
    # that URL starts in the body, so the code point span is exact too.
    body = "看 https://例子.casino-bonus.example/x"
    v = engine.classify(body)
    (m,) = v.matches
    assert m.field == "links" and m.byte_span == (15, 27)
    url = body[2:]
    assert m.span == (11, 23) and url[m.span[0]:m.span[1]] == "casino-bonus"
    assert m.text == "casino-bonus"
    assert v.to_dict()["hits"][0]["matches"][0]["body_offset"] == len("看 ".encode())


def test_empty_links_list_means_no_links(engine):
    body = "https://casino-bonus.example/x"
    assert engine.classify(body).action is A.FLAG
    assert engine.classify(body, links=[]).action is A.ALLOW


# -- authors, channels, conditions -------------------------------------------

def test_trust_level_condition(engine):
    body = "https://a.example/1 https://b.example/2"
    assert engine.classify(body, author=vigil.Author(trust_level=0)).action is A.HOLD
    assert engine.classify(body, author=vigil.Author(trust_level=2)).action is A.ALLOW
    # Unknown trust level: `below: 1` is not satisfied.
    assert engine.classify(body).action is A.ALLOW
    assert engine.classify(body, author={"trust_level": 0}).action is A.HOLD


def test_channel_condition(engine):
    assert engine.classify("bike for sale", channel="general").action is A.HOLD
    assert engine.classify("bike for sale", channel="marketplace").action is A.ALLOW
    assert engine.classify("bike for sale").action is A.HOLD  # in no channel: not_in holds


def test_numpy_like_ints_are_accepted(engine):
    class Index:
        def __index__(self):
            return 0

    body = "https://a.example/1 https://b.example/2"
    assert engine.classify(body, author=vigil.Author(trust_level=Index())).action is A.HOLD


def test_roles_and_author_object(engine, default_engine):
    from dataclasses import dataclass

    @dataclass
    class Member:  # any object with the attributes will do
        name: str
        trust_level: int
        roles: list

    v = engine.classify("hi", author=Member(name="moron", trust_level=3, roles=["staff"]))
    assert v.rule_ids == ["respect.rude"]
    # The default ruleset exempts staff from email redaction.
    text = "Write to support@forum.example for help"
    assert default_engine.classify(text).action is A.REDACT
    assert default_engine.classify(text, author=vigil.Author(roles=["staff"])).action is A.ALLOW


# -- the ways to give a post are equivalent ---------------------------------------

def test_dict_post_and_keywords_agree(engine):
    author = {"id": 7, "name": "ann", "trust_level": 0, "account_age_days": 2,
              "post_count": 1, "roles": []}
    fields = dict(title="For sale", body="bike for sale https://a.example/1 https://b.example/2",
                  channel="general", id="p1", lang="en")
    v1 = engine.classify(fields["body"], fields["title"], author=vigil.Author(**author),
                         channel="general", id="p1", lang="en")
    v2 = engine.classify({**fields, "author": author, "extra": "ignored"})
    v3 = engine.classify(vigil.Post(author=vigil.Author(**author), **fields))
    v4 = engine.classify({**fields, "author": vigil.Author(**author)})
    assert v1 == v2 == v3 == v4
    assert v1.id == "p1"
    assert v1.action is A.HOLD
    assert v1.rule_ids == ["spam.new-member-links", "spam.sales"]


def test_int_ids_are_echoed_as_text(engine):
    assert engine.classify("hi", id=17).id == "17"
    assert engine.classify({"body": "hi", "id": 18}).id == "18"
    assert engine.classify("hi").id == ""
    assert json.loads(engine.classify("hi", id=-5).json)["id"] == "-5"


def test_body_only_post_and_empty_post(engine):
    assert engine.classify("you idiot") == engine.classify({"body": "you idiot"})
    v = engine.classify()
    assert v.action is A.ALLOW and v.hits == [] and v.censored_body is None
    assert engine.classify("").action is A.ALLOW


def test_classify_many_accepts_every_form(engine):
    posts = ["you idiot", {"body": "I will kill you"}, vigil.Post("refund please"), b"bob@example.com"]
    assert [v.action for v in engine.classify_many(posts, threads=2)] == [
        A.CENSOR, A.REJECT, A.TAG, A.REDACT]


# -- exact actions on the shipped ruleset and samples -------------------------

def test_default_ruleset_examples_from_the_issue(default_engine):
    v = default_engine.classify(
        "Great deals here https://a.example/1 https://b.example/2 https://c.example/3",
        author=vigil.Author(trust_level=0, account_age_days=2), channel="general")
    assert v.action is A.HOLD
    assert [e.id for e in v.escalations] == ["moderators"]
    assert v.escalations[0].priority is vigil.Priority.NORMAL
    assert len(v.tell_author) == 1 and "forum.example/guidelines#no-spam" in v.tell_author[0]


def _cli() -> str:
    cli = os.environ.get("VIGIL_CLI")
    if cli and os.path.exists(cli):
        return cli
    pytest.skip("the vigil CLI is not built (VIGIL_CLI)")


def test_sample_posts_match_the_cli_line_for_line(default_engine, sample_posts):
    """The CLI and the binding are both thin layers over the C API: their
    verdicts must be the same JSON, byte for byte."""
    cli = _cli()
    with open(SAMPLE_POSTS, "rb") as f:
        out = subprocess.run([cli, "classify", "--rules", DEFAULT_RULES, "--no-summary"],
                             stdin=f, capture_output=True, check=True).stdout.decode()
    cli_lines = [line for line in out.splitlines() if line.strip()]
    verdicts = default_engine.classify_many(sample_posts, threads=2)
    assert len(cli_lines) == len(verdicts) == len(sample_posts) == 80
    assert [v.json for v in verdicts] == cli_lines
    assert sum(v.action is not A.ALLOW for v in verdicts) > 10
