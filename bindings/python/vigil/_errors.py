"""Vigil's exceptions, and the diagnostics a failed compile or load carries.

Every exception the package raises for a library failure is a
:class:`VigilError`, which names the C API status (``VIGIL_E_RULESET`` ...)
and keeps every diagnostic the library reported, not just the first::

    try:
        engine = vigil.Engine.from_file("rules/broken.yaml")
    except vigil.RulesetError as e:
        for d in e.errors:
            print(f"{d.file}:{d.line}:{d.column}: {d.message} [{d.rule_id}]")

A caller's own mistakes (a wrong type, an int out of range) raise the
built-in ``TypeError`` / ``ValueError`` instead.
"""

from __future__ import annotations

from typing import Iterable, List, NamedTuple, Optional

from . import _vigil

__all__ = [
    "Diagnostic",
    "VigilError",
    "RulesetError",
    "EngineFileError",
    "VigilIOError",
    "PostError",
]


class Diagnostic(NamedTuple):
    """One problem found compiling a ruleset or loading an engine file.

    ``line`` and ``column`` are 1-based, 0 when unknown; ``file`` and
    ``rule_id`` are ``""`` when the problem is not in a file or a rule.
    ``str(diagnostic)`` is the compiler-style line the library formats:
    ``file:line:col: error: message [rule id]``.
    """

    file: str
    line: int
    column: int
    rule_id: str
    message: str
    is_error: bool
    formatted: str

    def __str__(self) -> str:
        return self.formatted

    @classmethod
    def _from_raw(cls, raw: tuple) -> "Diagnostic":
        is_error, file, line, column, rule_id, message, formatted = raw
        return cls(file, line, column, rule_id, message, is_error, formatted)


class VigilError(Exception):
    """A failure reported by the Vigil library.

    Attributes:
        status: the C API status code (negative int, e.g. -3).
        status_name: its name, e.g. ``"VIGIL_E_RULESET"``.
        message: what went wrong, in one line.
        diagnostics: every :class:`Diagnostic` the library reported.
    """

    status: int
    status_name: str
    message: str
    diagnostics: List[Diagnostic]

    def __init__(
        self,
        status: int,
        message: Optional[str] = None,
        diagnostics: Iterable[Diagnostic] = (),
    ) -> None:
        self.status = status
        self.status_name = _vigil.status_name(status)
        self.diagnostics = list(diagnostics)
        if not message:
            errors = [d for d in self.diagnostics if d.is_error]
            message = errors[0].message if errors else _vigil.status_describe(status)
        self.message = message
        super().__init__(message)

    def __str__(self) -> str:
        text = f"{self.status_name}: {self.message}"
        if len(self.diagnostics) > 1 or (
            self.diagnostics and self.diagnostics[0].message != self.message
        ):
            text += "".join(f"\n  {d}" for d in self.diagnostics)
        return text

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.status_name}, {self.message!r})"

    def __reduce__(self):
        # Exceptions cross process boundaries (multiprocessing, Dask).
        return (type(self), (self.status, self.message, self.diagnostics), self.__dict__)


class RulesetError(VigilError):
    """The ruleset does not compile (``VIGIL_E_RULESET``).

    ``str(e)`` lists every problem as ``file:line:col: error: message [rule]``;
    ``e.errors`` and ``e.warnings`` split :attr:`diagnostics`.
    """

    @property
    def errors(self) -> List[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> List[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]

    def __str__(self) -> str:
        n = len(self.errors)
        head = f"{self.status_name}: {n} error{'s' if n != 1 else ''} in the ruleset"
        return head + "".join(f"\n  {d}" for d in self.diagnostics)


class EngineFileError(VigilError):
    """A compiled engine file could not be loaded: it is corrupt, truncated,
    or from another library version or platform (``VIGIL_E_ENGINE_*``)."""


class VigilIOError(VigilError, OSError):
    """A file could not be read or written (``VIGIL_E_IO``); also an
    :class:`OSError`."""


class PostError(VigilError, ValueError):
    """A post was rejected: invalid UTF-8 (``VIGIL_E_INVALID_UTF8``), larger
    than the engine's ``max_post_bytes`` (``VIGIL_E_POST_TOO_LARGE``) or
    otherwise invalid. Also a :class:`ValueError`.

    Attributes:
        index: the post's position in ``classify_many``'s input (else None).
        post_id: the post's id when it had one (else None).
    """

    index: Optional[int]
    post_id: Optional[str]

    def __init__(
        self,
        status: int,
        message: Optional[str] = None,
        diagnostics: Iterable[Diagnostic] = (),
        index: Optional[int] = None,
        post_id: Optional[str] = None,
    ) -> None:
        super().__init__(status, message, diagnostics)
        self.index = index
        self.post_id = post_id

    def __str__(self) -> str:
        where = ""
        if self.index is not None:
            where = f"posts[{self.index}]: "
        if self.post_id:
            where += f"post {self.post_id!r}: "
        return f"{self.status_name}: {where}{self.message}"

    def __reduce__(self):
        return (
            type(self),
            (self.status, self.message, self.diagnostics, self.index, self.post_id),
        )


_BY_STATUS = {
    "VIGIL_E_RULESET": RulesetError,
    "VIGIL_E_IO": VigilIOError,
    "VIGIL_E_ENGINE_CORRUPT": EngineFileError,
    "VIGIL_E_ENGINE_TRUNCATED": EngineFileError,
    "VIGIL_E_ENGINE_VERSION": EngineFileError,
    "VIGIL_E_ENGINE_PLATFORM": EngineFileError,
}


def _error_for(status: int, raw_diagnostics: Iterable[tuple]) -> VigilError:
    """The exception for a failed compile, load or save."""
    diagnostics = [Diagnostic._from_raw(d) for d in raw_diagnostics]
    cls = _BY_STATUS.get(_vigil.status_name(status), VigilError)
    return cls(status, None, diagnostics)


def _post_error(raw: tuple, index: Optional[int] = None, post_id: Optional[str] = None) -> PostError:
    """The exception for a post the library (or UTF-8 encoding) rejected."""
    status, message = raw
    return PostError(status, message, (), index, post_id)
