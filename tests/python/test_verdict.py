"""The Verdict and the types it is made of: enums, hits, matches,
escalations, messages, censored text, JSON, reprs, pickling."""

from __future__ import annotations

import json
import pickle

import vigil

A = vigil.Action
THREAT = "I will kill you, moron. Mail me at bob@example.com"


def test_action_is_an_ordered_int_enum():
    assert [a.label for a in A] == ["allow", "tag", "flag", "censor", "redact", "hold", "reject"]
    assert A.ALLOW < A.TAG < A.FLAG < A.CENSOR < A.REDACT < A.HOLD < A.REJECT
    assert max([A.FLAG, A.REJECT, A.HOLD]) is A.REJECT
    assert int(A.HOLD) == 5 and str(A.HOLD) == "hold" and repr(A.HOLD) == "<Action.HOLD: 5>"
    assert A.parse("redact") is A.REDACT


def test_priority_and_field():
    P = vigil.Priority
    assert [p.label for p in P] == ["low", "normal", "high", "urgent"]
    assert P.LOW < P.NORMAL < P.HIGH < P.URGENT
    assert [str(f) for f in vigil.Field] == ["title", "body", "links", "author.name"]
    assert vigil.Field.AUTHOR_NAME == "author.name"


def test_a_verdict_with_everything(engine):
    v = engine.classify(THREAT, title="hello", id="p7",
                        author=vigil.Author(name="x", trust_level=1))
    assert v.id == "p7"
    assert v.action is A.REJECT
    # Hits: most severe action first.
    assert v.rule_ids == ["respect.threat", "privacy.email", "respect.rude"]
    threat, email, rude = v.hits
    assert threat == vigil.Hit(
        rule_id="respect.threat", category="abuse", severity="critical",
        guideline=vigil.Guideline("respect", "Respect everyone", "https://forum.example/g#respect"),
        action=A.REJECT, dry_run=False, escalations=("moderators", "legal"),
        tell_author="Threats are not allowed (Respect everyone: https://forum.example/g#respect)",
        note_for_moderators="Threat of violence.", matches=threat.matches)
    assert email.action is A.REDACT and email.severity == "medium"
    assert email.note_for_moderators == "Email redacted."
    assert rude.category == "abuse" and rude.severity == "low"
    # Matches: flattened, hit by hit, each with its rule's explanation.
    assert [(m.rule_id, m.span, m.text) for m in v.matches] == [
        ("respect.threat", (0, 15), "I will kill you"),
        ("privacy.email", (35, 50), "bob@example.com"),
        ("respect.rude", (17, 22), "moron"),
    ]
    m = v.matches[1]
    assert (m.category, m.severity, m.action, m.field, m.link_index) == (
        "private_info", "medium", A.REDACT, vigil.Field.BODY, 0)
    assert m.guideline.id == "privacy" and m.guideline.url == "https://forum.example/g#privacy"
    assert m.escalations == () and m.dry_run is False
    assert m.tell_author.startswith("We hid an email address")
    # Escalations: deduplicated, most urgent first.
    assert v.escalations == [
        vigil.Escalation("legal", vigil.Priority.URGENT, "Legal team"),
        vigil.Escalation("moderators", vigil.Priority.NORMAL, "Volunteer moderators"),
    ]
    # One message per guideline broken: respect's comes from its most severe rule.
    assert v.tell_author == [
        "Threats are not allowed (Respect everyone: https://forum.example/g#respect)",
        "We hid an email address (Keep private information private: https://forum.example/g#privacy)",
    ]
    assert [msg.guideline.id for msg in v.messages] == ["respect", "privacy"]
    # The censored text is there although the post is rejected.
    assert v.censored_body == "I will kill you, *****. Mail me at [email removed]"
    assert v.censored_title == "hello"
    assert v.dry_run == []


def test_allow_verdict(engine):
    v = engine.classify("hello there")
    assert v.action is A.ALLOW
    assert (v.hits, v.matches, v.dry_run, v.escalations, v.tell_author, v.messages) == (
        [], [], [], [], [], [])
    assert v.censored_title is None and v.censored_body is None
    assert repr(v) == "<Verdict action=<Action.ALLOW: 0>>"


def test_dry_run_hits_change_nothing(engine):
    v = engine.classify("short link https://bit.ly/abc")
    assert v.action is A.ALLOW and v.hits == [] and v.escalations == []
    (hit,) = v.dry_run
    assert hit.rule_id == "spam.shortener" and hit.dry_run is True and hit.action is A.FLAG
    assert hit.matches[0].text == "https://bit.ly/"
    assert hit.matches[0].dry_run is True
    assert v.matches == []  # enforced hits only


def test_tag_routes_to_support(engine):
    v = engine.classify("I want a refund")
    assert v.action is A.TAG
    assert v.escalations == [vigil.Escalation("support", vigil.Priority.LOW, "Support team")]
    assert v.tell_author == []  # the rule has no tell_author


def test_json_is_the_librarys_and_to_dict_parses_it(engine):
    v = engine.classify(THREAT, id="p7")
    d = v.to_dict()
    assert d == json.loads(v.json)
    assert "\n" not in v.json
    assert d["id"] == "p7" and d["action"] == "reject"
    assert [h["rule"] for h in d["hits"]] == v.rule_ids
    assert d["hits"][1]["matches"] == [
        {"field": "body", "start": 35, "end": 50, "text": "bob@example.com",
         "confidence": v.hits[1].matches[0].confidence, "subtype": ""}]
    assert 0.5 <= v.hits[1].matches[0].confidence <= 1.0
    assert v.hits[1].matches[0].subtype == ""
    assert v.hits[0].matches[0].subtype is None and v.hits[0].matches[0].confidence == 1.0
    assert d["escalations"] == [{"id": "legal", "priority": "urgent"},
                                {"id": "moderators", "priority": "normal"}]
    assert d["censored"]["body"] == v.censored_body
    assert [m["text"] for m in d["messages"]] == v.tell_author


def test_json_byte_offsets_vs_python_spans(engine):
    v = engine.classify("你好 idiot")
    (m,) = v.to_dict()["hits"][0]["matches"]
    assert (m["start"], m["end"]) == v.matches[0].byte_span == (7, 12)
    assert v.matches[0].span == (3, 8)


def test_reprs_help_in_a_repl(engine):
    v = engine.classify(THREAT, id="p7")
    assert repr(v) == ("<Verdict id='p7' action=<Action.REJECT: 6> "
                       "rules=['respect.threat', 'privacy.email', 'respect.rude'] "
                       "escalations=['legal', 'moderators']>")
    assert repr(v.matches[0]) == ("Match(rule_id='respect.threat', field='body', span=(0, 15), "
                                  "text='I will kill you', action=<Action.REJECT: 6>)")
    assert repr(v.hits[0]) == ("Hit(rule_id='respect.threat', action=<Action.REJECT: 6>, "
                               "guideline='respect', matches=[body[0, 15]])")
    assert repr(v.escalations[0]) == "Escalation(id='legal', priority=<Priority.URGENT: 4>)"
    assert repr(vigil.Author(trust_level=0, account_age_days=2)) == \
        "Author(trust_level=0, account_age_days=2)"
    assert repr(vigil.Post("hi", channel="general")) == "Post(body='hi', channel='general')"
    links = engine.classify("x", links=["https://casino-bonus.example"])
    assert "field='links[0]'" in repr(links.matches[0])


def test_verdicts_compare_and_pickle(engine):
    a = engine.classify(THREAT, id="p7")
    b = engine.classify(THREAT, id="p7")
    assert a == b and a is not b
    assert a != engine.classify(THREAT, id="p8")
    copy = pickle.loads(pickle.dumps(a))
    assert copy == a and copy.matches == a.matches and copy.action is A.REJECT


def test_lists_returned_are_fresh(engine):
    v = engine.classify(THREAT)
    v.hits.clear()
    v.matches.clear()
    assert len(v.hits) == 3 and len(v.matches) == 3
