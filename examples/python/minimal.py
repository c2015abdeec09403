#!/usr/bin/python3
"""The smallest real use of Vigil from Python: compile the shipped ruleset,
classify a few posts, print what to do with each and why.

    PYTHONPATH=build-py/bindings/python /usr/bin/python3 examples/python/minimal.py
"""

import os

import vigil

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

engine = vigil.Engine.from_file(os.path.join(ROOT, "rules", "community-default.yaml"))
print(f"{engine!r}, libvigil {vigil.__version__}")

new_member = vigil.Author(trust_level=0, account_age_days=2)
posts = [
    ("Hi all, I'm Maria from Lisbon. Looking forward to chatting!", None),
    ("Write to me at maria.k@example.com and I'll send the photos.", None),
    ("Deals: https://a.example/1 https://b.example/2 https://c.example/3", new_member),
    ("你好，加微信详聊，价格优惠", new_member),
]
for body, author in posts:
    v = engine.classify(body, author=author, channel="general")
    print(f"\n{body}\n  -> {v.action.label}")
    for m in v.matches:
        print(f"     {m.rule_id}: {m.field}[{m.span[0]}:{m.span[1]}] {m.text!r}"
              if m.span else f"     {m.rule_id}: {m.field} {m.text!r}")
    for e in v.escalations:
        print(f"     escalate to {e.id} ({e.priority.label})")
    for text in v.tell_author:
        print(f"     tell the member: {text}")
    if v.censored_body is not None:
        print(f"     publish as: {v.censored_body}")
