"""Vigil: classify forum posts against a community's guidelines.

    import vigil

    engine = vigil.Engine.from_file("rules/community-default.yaml")
    v = engine.classify("text", title=None,
                        author=vigil.Author(trust_level=0, account_age_days=2),
                        channel="general")
    v.action          # vigil.Action.HOLD, ordered by severity
    v.matches         # [Match(rule_id=..., span=(start, end), text=..., guideline=...)]
    v.escalations     # [Escalation(id="moderators", priority=Priority.NORMAL)]
    v.tell_author     # messages to show the member
    v.censored_body   # when a censor/redact rule fired, else None

    for v in engine.classify_many(posts, threads=4):   # dicts or vigil.Post
        ...

A thin layer over libvigil's C API (a private extension, ``vigil._vigil``).
The ruleset format is in docs/RULESET.md, the verdict in docs/VERDICT.md and
this package in docs/PYTHON.md. ``vigil.dask`` classifies Dask bags and
dataframes, each worker loading a compiled engine file once.
"""

from . import _vigil

# The extension was compiled against one vigil.h; the library it loaded must
# be the same ABI (same major, and at least the minor it was built with).
_header, _loaded = _vigil.HEADER_VERSION_NUMBER, _vigil.version_number()
if _loaded // 10000 != _header // 10000 or _loaded < _header:
    raise ImportError(
        f"vigil: the extension was built for libvigil {_header // 10000}.{_header // 100 % 100}."
        f"{_header % 100} but loaded {_vigil.version_string()}; rebuild the binding"
    )

from ._errors import (  # noqa: E402
    Diagnostic,
    EngineFileError,
    PostError,
    RulesetError,
    VigilError,
    VigilIOError,
)
from ._post import Author, Post  # noqa: E402
from ._verdict import (  # noqa: E402
    Action,
    AuthorMessage,
    Escalation,
    Field,
    Guideline,
    Hit,
    Match,
    Priority,
    Verdict,
)
from ._engine import Engine, RuleTest, TestReport  # noqa: E402

_vigil.register_types(Post, Author, Verdict, PostError)

#: The version of the loaded libvigil ("MAJOR.MINOR.PATCH").
__version__: str = _vigil.version_string()

__all__ = [
    "__version__",
    "Engine",
    "Post",
    "Author",
    "Verdict",
    "Action",
    "Priority",
    "Field",
    "Guideline",
    "Escalation",
    "AuthorMessage",
    "Hit",
    "Match",
    "RuleTest",
    "TestReport",
    "Diagnostic",
    "VigilError",
    "RulesetError",
    "EngineFileError",
    "VigilIOError",
    "PostError",
]
