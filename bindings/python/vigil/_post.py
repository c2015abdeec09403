"""What a post is, for :meth:`vigil.Engine.classify` and ``classify_many``.

A post can be given four ways, all equivalent:

* as keyword arguments: ``engine.classify(body, title=..., author=...)``;
* as a :class:`Post`: ``engine.classify(vigil.Post(body, author=vigil.Author(trust_level=0)))``;
* as a dict in the JSON post format that ``vigil classify`` reads
  (``{"id", "title", "body", "links", "author": {...}, "channel", "lang"}``,
  every key optional, unknown keys ignored);
* as any object with those attributes (a dataclass, an ORM row).

Text fields are ``str`` (spans come back in code points) or ``bytes`` (passed
to the library as they are; spans come back in bytes, and invalid UTF-8 is
rejected by the library with :class:`vigil.PostError`). ``None`` means absent.
"""

from __future__ import annotations

from typing import NamedTuple, Optional, Sequence, Union

__all__ = ["Author", "Post", "Text"]

Text = Union[str, bytes]


class Author(NamedTuple):
    """Who wrote a post. Unknown numbers (``None``) satisfy no condition:
    neither ``below`` nor ``at_least`` (see docs/RULESET.md, Conditions).

    >>> vigil.Author(trust_level=0, account_age_days=2)
    Author(trust_level=0, account_age_days=2)
    """

    id: Union[str, bytes, int, None] = None
    name: Optional[Text] = None
    trust_level: Optional[int] = None
    account_age_days: Optional[int] = None
    post_count: Optional[int] = None
    roles: Optional[Sequence[Text]] = None

    def __repr__(self) -> str:
        fields = ", ".join(
            f"{k}={v!r}" for k, v in zip(self._fields, self) if v is not None
        )
        return f"Author({fields})"


class Post(NamedTuple):
    """One post. ``links=None`` lets the library find the links in the body;
    a list (even empty) gives them explicitly.

    >>> vigil.Post("Hello", title="Hi", channel="general")
    Post(body='Hello', title='Hi', channel='general')
    """

    body: Optional[Text] = None
    title: Optional[Text] = None
    author: Optional[Author] = None
    channel: Optional[Text] = None
    links: Optional[Sequence[Text]] = None
    id: Union[str, bytes, int, None] = None
    lang: Optional[Text] = None

    def __repr__(self) -> str:
        fields = ", ".join(
            f"{k}={v!r}" for k, v in zip(self._fields, self) if v is not None
        )
        return f"Post({fields})"
