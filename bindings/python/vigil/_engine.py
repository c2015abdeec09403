"""The compiled ruleset, and how posts are classified with it.

An :class:`Engine` is immutable and shared: any number of Python threads may
classify with one engine at once. Each call works with its own scanner (the
library's per-thread scratch space), taken from a pool the engine keeps and
put back after the call, so no two calls ever share one, and warm scanners
are reused (a thread-per-request server does not make one per request).
:meth:`Engine.classify_many` instead spreads a batch over threads inside the
library, with the GIL released, one scanner per worker.

    engine = vigil.Engine.from_file("rules/community-default.yaml")
    engine.save("default.vigil")             # ship one file...
    engine = vigil.Engine.load("default.vigil")   # ...and load it in ms
    verdict = engine.classify("hello", author=vigil.Author(trust_level=0))
"""

from __future__ import annotations

import itertools
import os
from typing import (
    Any, Iterable, Iterator, List, Mapping, NamedTuple, Optional, Sequence, Union,
)

from . import _vigil
from ._errors import Diagnostic, PostError, VigilError, _error_for, _post_error
from ._post import Author, Post, Text
from ._verdict import Verdict

__all__ = ["Engine", "RuleTest", "TestReport"]

PathLike = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]
PostLike = Union[Text, Post, Mapping[str, Any], Any]

_DEFAULT_BATCH = 4096


class RuleTest(NamedTuple):
    """One ``match:``/``no_match:`` example of a rule's ``tests:`` block."""

    rule_id: str
    expects_match: bool
    passed: bool
    example: str
    file: str
    line: int
    detail: str  # why it failed; "" when it passed

    def __str__(self) -> str:
        kind = "match" if self.expects_match else "no_match"
        status = "PASS" if self.passed else "FAIL"
        text = f"{status} {self.rule_id} {self.file}:{self.line}: {kind} example {self.example!r}"
        return text + (f": {self.detail}" if self.detail else "")


class TestReport:
    """The result of :meth:`Engine.run_tests`: every example of every rule."""

    __test__ = False  # not a pytest test class, despite the name

    def __init__(self, results: Sequence[RuleTest]) -> None:
        self.results: List[RuleTest] = list(results)

    @property
    def passed(self) -> int:
        return sum(1 for r in self.results if r.passed)

    @property
    def failed(self) -> int:
        return len(self.results) - self.passed

    @property
    def failures(self) -> List[RuleTest]:
        return [r for r in self.results if not r.passed]

    @property
    def ok(self) -> bool:
        """True when every example passed."""
        return self.failed == 0

    def __bool__(self) -> bool:
        return self.ok

    def __len__(self) -> int:
        return len(self.results)

    def __iter__(self) -> Iterator[RuleTest]:
        return iter(self.results)

    def __str__(self) -> str:
        lines = [str(r) for r in self.failures]
        lines.append(f"{self.passed} passed, {self.failed} failed")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<TestReport {self.passed} passed, {self.failed} failed>"


def _fspath(path: PathLike) -> bytes:
    return os.fsencode(os.fspath(path))


def _max_post_bytes(value: Optional[int]) -> int:
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"max_post_bytes: expected int or None, got {type(value).__name__}")
    if value < 1 or value > 0xFFFFFFFF:
        raise ValueError(f"max_post_bytes: {value} is not between 1 and 4294967295")
    return value


def _check_threads(threads: Optional[int]) -> int:
    if threads is None:
        return os.cpu_count() or 1
    if isinstance(threads, bool) or not isinstance(threads, int):
        raise TypeError(f"threads: expected int or None, got {type(threads).__name__}")
    if threads < 1:
        raise ValueError(f"threads must be at least 1, got {threads}")
    return min(threads, 256)


class Engine:
    """A compiled ruleset. Immutable; safe to share between threads.

    Make one with :meth:`from_file`, :meth:`from_string`, :meth:`load` or
    :meth:`from_bytes`. An engine cannot be pickled: save it with
    :meth:`save` and load the file in each process (``vigil.dask`` does).
    """

    __slots__ = ("_engine", "_warnings", "__weakref__")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError(
            "use vigil.Engine.from_file(), from_string(), load() or from_bytes() "
            "to make an Engine"
        )

    @classmethod
    def _wrap(cls, result: tuple) -> "Engine":
        raw, status, diagnostics = result
        if raw is None:
            raise _error_for(status, diagnostics)
        self = object.__new__(cls)
        self._engine = raw
        self._warnings = tuple(Diagnostic._from_raw(d) for d in diagnostics)
        return self

    # -- making engines ---------------------------------------------------
    @classmethod
    def from_file(cls, path: PathLike, *, max_post_bytes: Optional[int] = None) -> "Engine":
        """Compile the ruleset YAML at ``path`` (and what it includes).

        ``max_post_bytes`` is the largest post :meth:`classify` accepts,
        over all its text fields (default 1 MiB).

        Raises :class:`RulesetError` with every problem found,
        :class:`VigilIOError` if a file cannot be read.
        """
        return cls._wrap(_vigil.Engine.compile_file(_fspath(path), _max_post_bytes(max_post_bytes)))

    @classmethod
    def from_string(
        cls,
        yaml: Union[str, bytes],
        name: Optional[PathLike] = None,
        *,
        max_post_bytes: Optional[int] = None,
    ) -> "Engine":
        """Compile a ruleset held in memory.

        ``name`` is the file name diagnostics show and the folder includes
        and list files are read from (default ``"<memory>"`` in the current
        directory); e.g. ``name="rules/extra.yaml"``.
        """
        if isinstance(yaml, str):
            data = yaml.encode("utf-8")
        elif isinstance(yaml, bytes):
            data = yaml
        else:
            raise TypeError(f"yaml: expected str or bytes, got {type(yaml).__name__}")
        encoded_name = None if name is None else _fspath(name)
        return cls._wrap(
            _vigil.Engine.compile_string(data, encoded_name, _max_post_bytes(max_post_bytes))
        )

    @classmethod
    def load(cls, path: PathLike) -> "Engine":
        """Load an engine file written by :meth:`save` (or ``vigil compile``).

        Raises :class:`EngineFileError` for a file that is corrupt, truncated
        or from another library version or platform; :class:`VigilIOError`
        if it cannot be read.
        """
        return cls._wrap(_vigil.Engine.load(_fspath(path)))

    @classmethod
    def from_bytes(cls, data: bytes) -> "Engine":
        """Load an engine from the bytes :meth:`to_bytes` returned."""
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise TypeError(f"data: expected bytes, got {type(data).__name__}")
        return cls._wrap(_vigil.Engine.deserialize(bytes(data)))

    def save(self, path: PathLike) -> None:
        """Write the compiled engine to one file, for :meth:`load` on a
        machine of the same platform and library version."""
        status, diagnostics = self._engine.save(_fspath(path))
        if status != 0:
            raise _error_for(status, diagnostics)

    def to_bytes(self) -> bytes:
        """The compiled engine as bytes (what :meth:`save` writes)."""
        status, data = self._engine.serialize()
        if status != 0:
            raise VigilError(status)
        return data

    # -- facts ------------------------------------------------------------
    @property
    def ruleset_name(self) -> str:
        """The ``ruleset:`` name of the top file."""
        return self._engine.ruleset_name

    @property
    def rule_ids(self) -> List[str]:
        """The enabled rules, in ruleset order (overrides applied)."""
        return self._engine.rule_ids()

    @property
    def max_post_bytes(self) -> int:
        """The largest post classify accepts, in bytes over all text fields."""
        return self._engine.max_post_bytes

    @property
    def warnings(self) -> List[Diagnostic]:
        """Warnings from compiling (empty for a loaded engine file)."""
        return list(self._warnings)

    def run_tests(self) -> TestReport:
        """Run the ``tests:`` examples of every rule; see :class:`TestReport`."""
        status, results = self._engine.run_tests()
        if status != 0:
            raise VigilError(status)
        return TestReport([RuleTest(*r) for r in results])

    # -- classifying ------------------------------------------------------
    def classify(
        self,
        body: Union[PostLike, None] = None,
        title: Optional[Text] = None,
        *,
        author: Union[Author, Mapping[str, Any], Any, None] = None,
        channel: Optional[Text] = None,
        links: Optional[Sequence[Text]] = None,
        id: Union[str, bytes, int, None] = None,
        lang: Optional[Text] = None,
    ) -> Verdict:
        """Classify one post; the GIL is released while the library works.

        Either the fields (``classify(body, title, author=..., channel=...)``)
        or a whole post: ``classify(vigil.Post(...))`` or ``classify({"body":
        ..., "author": {...}})``. ``links=None`` lets the library find the
        links in the body. Text is ``str`` or ``bytes`` (see vigil.Post).

        Raises :class:`PostError` for invalid UTF-8 or a post over
        :attr:`max_post_bytes`; ``TypeError``/``ValueError`` for wrong types.
        """
        return self._engine.classify(body, title, author, channel, links, id, lang)

    def classify_many(
        self,
        posts: Iterable[PostLike],
        threads: Optional[int] = 4,
        *,
        errors: str = "raise",
        batch_size: int = _DEFAULT_BATCH,
    ) -> List[Union[Verdict, PostError]]:
        """Classify many posts on ``threads`` threads inside the library
        (``None``: one per CPU), with the GIL released; one verdict per post,
        in input order.

        ``errors="raise"`` raises the :class:`PostError` of the first post
        that fails (its ``index`` says which); ``errors="return"`` puts the
        PostError in that post's place and goes on. Posts are read and
        classified ``batch_size`` at a time.
        """
        return list(self.iter_classify(posts, threads, errors=errors, batch_size=batch_size))

    def iter_classify(
        self,
        posts: Iterable[PostLike],
        threads: Optional[int] = 4,
        *,
        errors: str = "raise",
        batch_size: int = _DEFAULT_BATCH,
    ) -> Iterator[Union[Verdict, PostError]]:
        """As :meth:`classify_many`, lazily: reads ``batch_size`` posts,
        classifies them in parallel, yields their verdicts, and so on; for
        streams too long to hold in memory."""
        if errors not in ("raise", "return"):
            raise ValueError(f"errors must be 'raise' or 'return', not {errors!r}")
        nthreads = _check_threads(threads)
        if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
            raise ValueError(f"batch_size must be a positive int, got {batch_size!r}")
        if isinstance(posts, (str, bytes, Mapping, Post)):
            raise TypeError("classify_many() takes an iterable of posts; use classify() for one")
        return self._iter_classify(posts, nthreads, errors == "raise", batch_size)

    def _iter_classify(
        self, posts: Iterable[PostLike], threads: int, raise_errors: bool, batch_size: int
    ) -> Iterator[Union[Verdict, PostError]]:
        iterator = iter(posts)
        start = 0
        while True:
            batch = list(itertools.islice(iterator, batch_size))
            if not batch:
                return
            results = self._engine.classify_many(batch, threads, True, start)
            for i, result in enumerate(results):
                if result.__class__ is not tuple:  # a Verdict
                    yield result
                    continue
                error = _post_error(result, start + i, _id_of(batch[i], None))
                if raise_errors:
                    raise error
                yield error
            start += len(batch)

    # -- Python protocol -------------------------------------------------
    def __repr__(self) -> str:
        return f"<vigil.Engine {self.ruleset_name!r}: {len(self.rule_ids)} rules>"

    def __reduce__(self) -> Any:
        raise TypeError(
            "a vigil.Engine cannot be pickled: save() it to a file and Engine.load() "
            "that file in the other process (vigil.dask loads it once per worker)"
        )

    def __copy__(self) -> "Engine":
        return self  # immutable

    def __deepcopy__(self, memo: Any) -> "Engine":
        return self


def _id_of(post: Any, given: Any) -> Optional[str]:
    """The id of a post that failed, for the error message."""
    if given is None:
        if isinstance(post, Mapping):
            given = post.get("id")
        elif isinstance(post, Post):
            given = post.id
        else:
            given = getattr(post, "id", None) if not isinstance(post, (str, bytes)) else None
    if given is None:
        return None
    if isinstance(given, bytes):
        return given.decode("utf-8", "replace")
    return str(given)
