"""Classify Dask bags and dataframes of posts: re-scan an archive when a
guideline changes.

Each worker process loads the **compiled** engine file once (a per-process
cache keyed by the file's path, size and modification time) and classifies
whole partitions with :meth:`vigil.Engine.classify_many`. Only the file's
path travels in the task graph: the engine itself is never pickled, and never
recompiled on a worker.

    import json, dask.bag as db, vigil, vigil.dask
    from distributed import Client

    vigil.Engine.from_file("rules/community.yaml").save("/shared/community.vigil")
    client = Client("tcp://scheduler:8786")      # or LocalCluster() on one machine
    posts = db.read_text("/shared/archive/*.jsonl").map(json.loads)

    verdicts = vigil.dask.classify_bag(posts, "/shared/community.vigil")  # bag of dicts
    summary = vigil.dask.hit_summary(posts, "/shared/community.vigil").compute()
    summary["rules"]["spam.new-rule"]   # {'posts': 1234, 'matches': 1301, ...}

On a multi-machine cluster the engine file must be readable at the same path
on every worker (a shared filesystem, or copy it to each machine), and the
workers need the same libvigil version and platform that wrote it (the file
says so: loading another raises :class:`vigil.EngineFileError`).

Posts are dicts in the JSON post format (``{"id", "title", "body", "links",
"author": {...}, "channel", "lang"}``), :class:`vigil.Post` objects, or str
bodies. Dataframe rows are read from columns of those names, the author from
an ``author`` column of dicts or from ``author_id``, ``author_name``,
``author_trust_level``, ``author_account_age_days``, ``author_post_count`` and
``author_roles``; ``columns=`` renames them.
"""

from __future__ import annotations

import math
import os
import threading
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple

import dask
import dask.bag

from ._engine import Engine
from ._errors import PostError
from ._verdict import Verdict

__all__ = [
    "load_engine",
    "engine_cache_info",
    "classify_bag",
    "classify_dataframe",
    "hit_summary",
    "classify_partition",
    "summarize",
    "merge_summaries",
]

PathLike = Any  # str or os.PathLike

# -------------------------------------------------------------- the cache

_lock = threading.Lock()
_engines: Dict[Tuple[str, int, int], Engine] = {}
_loads: Dict[str, int] = {}


def load_engine(path: PathLike) -> Engine:
    """The engine in the compiled file ``path``, loaded once per process.

    Later calls return the same :class:`vigil.Engine` while the file keeps
    its size and modification time; a rewritten file is loaded again. Safe
    from many threads (a Dask worker runs several).
    """
    real = os.path.realpath(os.fspath(path))
    st = os.stat(real)
    key = (real, st.st_size, st.st_mtime_ns)
    engine = _engines.get(key)
    if engine is not None:
        return engine
    with _lock:
        engine = _engines.get(key)
        if engine is None:
            engine = Engine.load(real)
            for old in [k for k in _engines if k[0] == real]:
                del _engines[old]
            _engines[key] = engine
            _loads[real] = _loads.get(real, 0) + 1
    return engine


def engine_cache_info() -> Dict[str, Any]:
    """What this process has loaded: ``{"pid": ..., "loads": {path: times}}``.
    Run it on every worker with ``client.run(vigil.dask.engine_cache_info)``."""
    with _lock:
        return {"pid": os.getpid(), "loads": dict(_loads)}


# ---------------------------------------------------------- partitions

def _error_record(error: PostError) -> Dict[str, Any]:
    # The shape of `vigil classify`'s error records (docs/CLI.md).
    record: Dict[str, Any] = {"error": error.status_name, "message": error.message}
    if error.post_id is not None:
        record["id"] = error.post_id
    return record


def classify_partition(
    posts: Iterable[Any],
    engine_path: PathLike,
    threads: int = 1,
    output: str = "dict",
    errors: str = "record",
) -> List[Any]:
    """Classify one partition's posts with the cached engine.

    ``output="dict"``: each verdict as :meth:`vigil.Verdict.to_dict` (the
    library's JSON schema, docs/VERDICT.md); ``"json"``: its JSON string;
    ``"verdict"``: :class:`vigil.Verdict` objects. ``errors="record"`` puts an
    error record (``{"id", "error", "message"}``) in place of a post the
    library rejects; ``"raise"`` raises its :class:`vigil.PostError`.
    """
    if output not in ("dict", "json", "verdict"):
        raise ValueError(f"output must be 'dict', 'json' or 'verdict', not {output!r}")
    if errors not in ("record", "raise"):
        raise ValueError(f"errors must be 'record' or 'raise', not {errors!r}")
    engine = load_engine(engine_path)
    results: List[Any] = []
    for v in engine.iter_classify(list(posts), threads,
                                  errors="raise" if errors == "raise" else "return"):
        if isinstance(v, PostError):
            results.append(_error_record(v) if output != "verdict" else v)
        elif output == "dict":
            results.append(v.to_dict())
        elif output == "json":
            results.append(v.json)
        else:
            results.append(v)
    return results


def classify_bag(
    bag: dask.bag.Bag,
    engine_path: PathLike,
    *,
    threads: int = 1,
    output: str = "dict",
    errors: str = "record",
) -> dask.bag.Bag:
    """A bag of verdicts, one per post of ``bag``, in order (see
    :func:`classify_partition` for ``output`` and ``errors``).

    ``threads`` is per task: with one Dask thread per worker, set it to the
    worker's cores; with one Dask thread per core, leave it at 1.
    """
    path = _checked_path(engine_path)
    return bag.map_partitions(classify_partition, path, threads, output, errors)


# ---------------------------------------------------------- dataframes

_POST_COLUMNS = ("id", "title", "body", "links", "channel", "lang")
_AUTHOR_COLUMNS = ("id", "name", "trust_level", "account_age_days", "post_count", "roles")


def _clean(value: Any) -> Any:
    """A dataframe cell as a post field: missing (NaN, NA, NaT) is None; a
    float that holds an int (an int column with gaps) is that int."""
    if value is None:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return int(value) if value.is_integer() else value
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return None
    except ImportError:  # pragma: no cover
        pass
    if hasattr(value, "item") and not isinstance(value, (str, bytes)) and getattr(value, "ndim", 1) == 0:
        return _clean(value.item())  # a numpy scalar
    if hasattr(value, "tolist") and not isinstance(value, (str, bytes)):
        return value.tolist()  # a numpy array of roles or links
    return value


def frame_posts(frame: Any, columns: Optional[Mapping[str, str]] = None) -> List[Dict[str, Any]]:
    """The rows of a pandas DataFrame as post dicts (see the module comment)."""
    columns = dict(columns or {})
    present = set(frame.columns)

    def column(name: str) -> Optional[str]:
        c = columns.get(name, name)
        return c if c in present else None

    n = len(frame)
    fields: Dict[str, List[Any]] = {}
    for name in _POST_COLUMNS:
        c = column(name)
        if c is not None:
            fields[name] = [_clean(v) for v in frame[c].tolist()]
    author_col = column("author")
    author_fields: Dict[str, List[Any]] = {}
    for name in _AUTHOR_COLUMNS:
        c = column("author_" + name)
        if c is not None:
            author_fields[name] = [_clean(v) for v in frame[c].tolist()]
    authors: List[Any] = [None] * n
    if author_col is not None:
        authors = [_clean(a) for a in frame[author_col].tolist()]
    elif author_fields:
        authors = [{k: vals[i] for k, vals in author_fields.items()} for i in range(n)]
    posts = []
    for i in range(n):
        post = {k: vals[i] for k, vals in fields.items()}
        post["author"] = authors[i]
        posts.append(post)
    return posts


def _classify_frame(frame: Any, engine_path: str, threads: int, columns: Mapping[str, str]) -> Any:
    import pandas as pd

    posts = frame_posts(frame, columns)
    engine = load_engine(engine_path)
    rows: Dict[str, List[Any]] = {"id": [], "action": [], "rules": [], "escalations": [],
                                  "error": [], "json": []}
    for post, v in zip(posts, engine.iter_classify(posts, threads, errors="return")):
        if isinstance(v, PostError):
            post_id = post.get("id")
            rows["id"].append(None if post_id is None else str(post_id))
            rows["action"].append(None)
            rows["rules"].append([])
            rows["escalations"].append([])
            rows["error"].append(f"{v.status_name}: {v.message}")
            rows["json"].append(None)
        else:
            rows["id"].append(v.id)
            rows["action"].append(v.action.label)
            rows["rules"].append(v.rule_ids)
            rows["escalations"].append([e.id for e in v.escalations])
            rows["error"].append(None)
            rows["json"].append(v.json)
    return pd.DataFrame(rows, index=frame.index)


def _frame_meta() -> Any:
    import pandas as pd

    return pd.DataFrame({c: pd.Series([], dtype=object)
                         for c in ("id", "action", "rules", "escalations", "error", "json")})


def classify_dataframe(
    df: Any,
    engine_path: PathLike,
    *,
    threads: int = 1,
    columns: Optional[Mapping[str, str]] = None,
) -> Any:
    """A Dask DataFrame of verdicts with the input's index and the columns
    ``id``, ``action`` (``"allow"`` ... ``"reject"``), ``rules`` (ids of the
    enforced rules that fired), ``escalations`` (ids), ``error`` (``None``,
    or why the library rejected the post) and ``json`` (the whole verdict).

    ``columns`` maps post fields to column names, e.g. ``{"body": "text",
    "author_trust_level": "trust"}``.
    """
    path = _checked_path(engine_path)
    return df.map_partitions(_classify_frame, path, threads, dict(columns or {}),
                             meta=_frame_meta())


# ------------------------------------------------------------- summaries

def _empty_summary() -> Dict[str, Any]:
    return {"posts": 0, "errors": 0, "actions": {}, "rules": {}}


def summarize(verdicts: Iterable[Any], examples: int = 5) -> Dict[str, Any]:
    """Counts over verdicts (:class:`vigil.Verdict` or PostError)::

        {"posts": 80, "errors": 0, "actions": {"allow": 61, "hold": 4, ...},
         "rules": {"spam.links": {"posts": 3, "matches": 4, "dry_run_posts": 0,
                                  "examples": ["p017", ...]}, ...}}

    ``posts`` counts the posts a rule fired on, ``dry_run_posts`` those it
    would have fired on as a dry-run rule, ``examples`` the first ids.
    """
    out = _empty_summary()
    for v in verdicts:
        out["posts"] += 1
        if not isinstance(v, Verdict):
            out["errors"] += 1
            continue
        label = v.action.label
        out["actions"][label] = out["actions"].get(label, 0) + 1
        for hits, key in ((v.hits, "posts"), (v.dry_run, "dry_run_posts")):
            for h in hits:
                rule = out["rules"].setdefault(
                    h.rule_id, {"posts": 0, "matches": 0, "dry_run_posts": 0, "examples": []})
                rule[key] += 1
                rule["matches"] += len(h.matches)
                if len(rule["examples"]) < examples and v.id:
                    rule["examples"].append(v.id)
    return out


def merge_summaries(summaries: Iterable[Dict[str, Any]], examples: int = 5) -> Dict[str, Any]:
    """One summary from several (partitions'), as if counted at once."""
    out = _empty_summary()
    for s in summaries:
        out["posts"] += s["posts"]
        out["errors"] += s["errors"]
        for k, v in s["actions"].items():
            out["actions"][k] = out["actions"].get(k, 0) + v
        for rule_id, r in s["rules"].items():
            into = out["rules"].setdefault(
                rule_id, {"posts": 0, "matches": 0, "dry_run_posts": 0, "examples": []})
            for k in ("posts", "matches", "dry_run_posts"):
                into[k] += r[k]
            into["examples"] = (into["examples"] + r["examples"])[:examples]
    out["actions"] = dict(sorted(out["actions"].items()))
    out["rules"] = dict(sorted(out["rules"].items(), key=lambda kv: (-kv[1]["posts"], kv[0])))
    return out


def _summarize_part(part: Any, engine_path: str, threads: int,
                    columns: Mapping[str, str]) -> Dict[str, Any]:
    if hasattr(part, "columns") and hasattr(part, "index"):  # a pandas partition
        posts: List[Any] = frame_posts(part, columns)
    else:
        posts = list(part)
    engine = load_engine(engine_path)
    return summarize(engine.iter_classify(posts, threads, errors="return"))


def hit_summary(
    collection: Any,
    engine_path: PathLike,
    *,
    threads: int = 1,
    columns: Optional[Mapping[str, str]] = None,
) -> Any:
    """A lazy per-rule hit summary of a bag or dataframe of posts: call
    ``.compute()`` for the dict :func:`summarize` describes. Each partition is
    summarized on its worker; only the summaries travel."""
    path = _checked_path(engine_path)
    parts = collection.to_delayed()
    if hasattr(parts, "ravel"):  # a dataframe's to_delayed() can be an array
        parts = list(parts.ravel())
    summarize_part = dask.delayed(_summarize_part, pure=True)
    summaries = [summarize_part(p, path, threads, dict(columns or {})) for p in parts]
    return dask.delayed(merge_summaries, pure=True)(summaries)


def _checked_path(engine_path: PathLike) -> str:
    if isinstance(engine_path, Engine):
        raise TypeError(
            "pass the path of a compiled engine file, not an Engine: "
            "engine.save('rules.vigil') and give 'rules.vigil' (each worker loads it once)"
        )
    path = os.path.abspath(os.fspath(engine_path))
    if path.endswith((".yaml", ".yml")):
        raise ValueError(
            f"{engine_path!r} looks like a ruleset, not a compiled engine: compile it once "
            "with vigil.Engine.from_file(...).save('rules.vigil') (or `vigil compile`)"
        )
    return path
