"""The verdict on a post, as Python objects.

A :class:`Verdict` holds what the library decided (docs/VERDICT.md): the
:class:`Action`, the rules that fired (:attr:`Verdict.hits`, each with its
:class:`Guideline` and :class:`Match` es), the escalations, the messages for
the member and the censored text. Spans are in the units Python indexes with:
``body[m.span[0]:m.span[1]] == m.text`` for a ``str`` body; ``m.byte_span`` is
the library's byte offsets into the field's UTF-8.

The objects are built lazily from the tuples the extension returns, so a
verdict nobody inspects costs little.
"""

from __future__ import annotations

import enum
import json as _json
from typing import Any, Dict, List, NamedTuple, Optional, Tuple

from . import _vigil

__all__ = [
    "Action",
    "Priority",
    "Field",
    "Guideline",
    "Escalation",
    "AuthorMessage",
    "Match",
    "Hit",
    "Verdict",
]

_ACTION_NAMES = _vigil.action_names()
_PRIORITY_NAMES = _vigil.priority_names()
_FIELD_NAMES = _vigil.field_names()


class Action(enum.IntEnum):
    """What to do with a post, least to most severe: comparisons follow
    severity (``Action.HOLD > Action.FLAG``). ``str(action)`` is the
    library's name (``"hold"``)."""

    ALLOW = 0
    TAG = 1
    FLAG = 2
    CENSOR = 3
    REDACT = 4
    HOLD = 5
    REJECT = 6

    @property
    def label(self) -> str:
        """The library's name: ``"allow"``, ``"tag"``, ... ``"reject"``."""
        return _ACTION_NAMES[int(self)]

    def __str__(self) -> str:
        return self.label

    def __repr__(self) -> str:
        return f"<Action.{self.name}: {int(self)}>"

    @classmethod
    def parse(cls, name: str) -> "Action":
        """``Action.parse("hold") is Action.HOLD``."""
        for action in cls:
            if action.label == name:
                return action
        raise ValueError(f"unknown action {name!r}")


class Priority(enum.IntEnum):
    """How urgent an escalation is: ``LOW < NORMAL < HIGH < URGENT``."""

    LOW = 1
    NORMAL = 2
    HIGH = 3
    URGENT = 4

    @property
    def label(self) -> str:
        """The library's name: ``"low"``, ``"normal"``, ``"high"``, ``"urgent"``."""
        return _PRIORITY_NAMES[int(self)]

    def __str__(self) -> str:
        return self.label

    def __repr__(self) -> str:
        return f"<Priority.{self.name}: {int(self)}>"


class Field(str, enum.Enum):
    """The part of a post a match is in. Compares equal to its name
    (``m.field == "body"``)."""

    TITLE = "title"
    BODY = "body"
    LINKS = "links"
    AUTHOR_NAME = "author.name"

    def __str__(self) -> str:
        return self.value

    def __repr__(self) -> str:
        return f"<Field.{self.name}>"


# The library's numbering, which never changes (vigil.h).
_ACTIONS = tuple(Action)
_PRIORITIES = {int(p): p for p in Priority}
_FIELDS = {0: Field.TITLE, 1: Field.BODY, 2: Field.LINKS, 3: Field.AUTHOR_NAME}
for _value, _field in _FIELDS.items():
    assert _FIELD_NAMES[_value] == _field.value, (_value, _FIELD_NAMES[_value])
for _action in Action:
    assert _action.label == _action.name.lower(), _action


class Guideline(NamedTuple):
    """The community guideline a rule enforces."""

    id: str
    title: str
    url: str


class Escalation(NamedTuple):
    """A team or queue that must look at the post."""

    id: str
    priority: Priority
    description: str

    def __repr__(self) -> str:
        return f"Escalation(id={self.id!r}, priority={self.priority!r})"


class AuthorMessage(NamedTuple):
    """A message to show the member: one per guideline the post broke."""

    guideline: Guideline
    text: str


class Match(NamedTuple):
    """One match of a rule in the post, with the rule's explanation.

    ``span`` is ``(start, end)`` in code points of the field's ``str`` (bytes
    when the field was given as ``bytes``), so ``field_text[start:end] ==
    text`` (for a link the library found in the body: into that URL).
    ``byte_span`` is the library's byte offsets into the field's UTF-8; for
    ``links``, into ``links[link_index]`` (or into the URL found in the body).
    """

    rule_id: str
    category: str
    severity: str
    guideline: Guideline
    action: Action
    field: Field
    span: Optional[Tuple[int, int]]
    byte_span: Tuple[int, int]
    text: str
    link_index: int
    escalations: Tuple[str, ...]
    tell_author: str
    note_for_moderators: str
    dry_run: bool
    #: Detector matches: how sure the detector is (0..1) and what it found
    #: ("visa", "IR", "aws_access_key", or ""); other matches: 1.0 and None.
    confidence: float = 1.0
    subtype: Optional[str] = None

    def __repr__(self) -> str:
        where = f"{self.field}[{self.link_index}]" if self.field is Field.LINKS else str(self.field)
        return (
            f"Match(rule_id={self.rule_id!r}, field={where!r}, span={self.span!r}, "
            f"text={self.text!r}, action={self.action!r})"
        )


class Hit(NamedTuple):
    """A rule that fired: what it enforces, what it does, where it matched."""

    rule_id: str
    category: str
    severity: str
    guideline: Guideline
    action: Action
    dry_run: bool
    escalations: Tuple[str, ...]
    tell_author: str
    note_for_moderators: str
    matches: Tuple[Match, ...]

    def __repr__(self) -> str:
        spans = ", ".join(f"{m.field}{list(m.span) if m.span else ''}" for m in self.matches)
        return (
            f"Hit(rule_id={self.rule_id!r}, action={self.action!r}, "
            f"guideline={self.guideline.id!r}, matches=[{spans}])"
        )


def _make_hit(raw: tuple) -> Hit:
    (rule_id, category, severity, (gid, gtitle, gurl), action, dry_run, escalations,
     tell_author, note, raw_matches) = raw
    guideline = Guideline(gid, gtitle, gurl)
    action = _ACTIONS[action]
    matches = tuple(
        Match(
            rule_id, category, severity, guideline, action, _FIELDS[field],
            None if span_start is None else (span_start, span_end),
            (start, end), text, link_index, escalations, tell_author, note, dry_run,
            confidence, subtype,
        )
        for (field, link_index, start, end, span_start, span_end, text, confidence,
             subtype) in raw_matches
    )
    return Hit(rule_id, category, severity, guideline, action, dry_run, escalations,
               tell_author, note, matches)


class Verdict:
    """The library's decision on one post (see docs/VERDICT.md).

    >>> v = engine.classify("mail me: bob@example.com", author=vigil.Author(trust_level=0))
    >>> v.action, [m.span for m in v.matches], v.censored_body
    (<Action.REDACT: 4>, [(9, 24)], 'mail me: [email removed]')
    """

    # The extension makes verdicts without calling __init__: it fills `_raw`
    # only (see bindings/python/src/verdict.cc); the rest is built on demand.
    __slots__ = ("_raw", "_hits", "_dry_run", "__weakref__")

    def __init__(self, raw: tuple) -> None:
        self._raw = raw

    # -- the decision ----------------------------------------------------
    @property
    def action(self) -> Action:
        """The final action: the most severe of the enforced rules that
        fired, ``Action.ALLOW`` when none did."""
        return _ACTIONS[self._raw[0]]

    @property
    def id(self) -> str:
        """The post's id as given (``""`` when none)."""
        return self._raw[1]

    @property
    def hits(self) -> List[Hit]:
        """Enforced rules that fired, most severe action first."""
        try:
            return list(self._hits)
        except AttributeError:
            self._hits = tuple(_make_hit(h) for h in self._raw[2])
            return list(self._hits)

    @property
    def dry_run(self) -> List[Hit]:
        """Dry-run rules that would have fired; they change nothing else."""
        try:
            return list(self._dry_run)
        except AttributeError:
            self._dry_run = tuple(_make_hit(h) for h in self._raw[3])
            return list(self._dry_run)

    @property
    def matches(self) -> List[Match]:
        """Every match of every enforced hit, hit by hit."""
        return [m for h in self.hits for m in h.matches]

    @property
    def rule_ids(self) -> List[str]:
        """The ids of the enforced rules that fired."""
        return [h[0] for h in self._raw[2]]

    @property
    def escalations(self) -> List[Escalation]:
        """Where the post must go: deduplicated, most urgent first."""
        return [Escalation(i, _PRIORITIES[p], d) for i, p, d in self._raw[4]]

    @property
    def messages(self) -> List[AuthorMessage]:
        """Messages for the member, one per guideline broken, with the guideline."""
        return [AuthorMessage(Guideline(g, t, u), text) for g, t, u, text in self._raw[5]]

    @property
    def tell_author(self) -> List[str]:
        """The texts of :attr:`messages`: what to show the member."""
        return [m[3] for m in self._raw[5]]

    @property
    def censored_title(self) -> Optional[str]:
        """The title with censor/redact spans masked; None when none fired."""
        return self._raw[6]

    @property
    def censored_body(self) -> Optional[str]:
        """The body with censor/redact spans masked; None when none fired."""
        return self._raw[7]

    @property
    def json(self) -> str:
        """The verdict as the library writes it: one line of JSON
        (docs/VERDICT.md; offsets there are bytes)."""
        return self._raw[8]

    def to_dict(self) -> Dict[str, Any]:
        """:attr:`json` parsed: plain dicts and lists in the documented schema."""
        return _json.loads(self._raw[8])

    # -- Python protocol -------------------------------------------------
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Verdict):
            return NotImplemented
        return self._raw == other._raw

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        parts = [f"action={self.action!r}"]
        if self.id:
            parts.insert(0, f"id={self.id!r}")
        if self._raw[2]:
            parts.append(f"rules={self.rule_ids!r}")
        if self._raw[3]:
            parts.append(f"dry_run={[h[0] for h in self._raw[3]]!r}")
        if self._raw[4]:
            parts.append(f"escalations={[e[0] for e in self._raw[4]]!r}")
        return f"<Verdict {' '.join(parts)}>"

    def __getstate__(self) -> tuple:
        return self._raw

    def __setstate__(self, raw: tuple) -> None:
        self.__init__(raw)  # type: ignore[misc]
