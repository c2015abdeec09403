"""vigil.dask on a LocalCluster of worker processes: each worker loads the
compiled engine file once; results equal local classification."""

from __future__ import annotations

import os

import pytest

import vigil

dask = pytest.importorskip("dask")
db = pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")
dd = pytest.importorskip("dask.dataframe")
import vigil.dask as vd  # noqa: E402

from test_threads import make_posts  # noqa: E402


@pytest.fixture(scope="module")
def engine_file(engine, tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("engine") / "rules.vigil")
    engine.save(path)
    return path


@pytest.fixture(scope="module")
def client():
    # Workers are separate processes; they import vigil from PYTHONPATH,
    # which they inherit.
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=2, processes=True, dashboard_address=None,
        scheduler_port=0, silence_logs=40)
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


@pytest.fixture(scope="module")
def posts() -> list:
    return make_posts(1200, seed=11)


def test_classify_bag_on_a_cluster(client, engine, engine_file, posts):
    bag = db.from_sequence(posts, npartitions=8)
    got = vd.classify_bag(bag, engine_file, threads=2).compute()
    assert got == [v.to_dict() for v in engine.classify_many(posts)]
    assert [d["id"] for d in got] == [p["id"] for p in posts]
    # Every worker process loaded the file exactly once, though it ran
    # several partitions, in several threads.
    infos = client.run(vd.engine_cache_info)
    assert len(infos) == 2
    pids = {info["pid"] for info in infos.values()}
    assert os.getpid() not in pids and len(pids) == 2
    real = os.path.realpath(engine_file)
    loads = [info["loads"].get(real, 0) for info in infos.values()]
    assert sum(loads) >= 1 and max(loads) == 1

    # A second computation reuses the loaded engines.
    json_lines = vd.classify_bag(bag, engine_file, output="json").compute()
    assert json_lines == [v.json for v in engine.classify_many(posts)]
    infos = client.run(vd.engine_cache_info)
    assert max(info["loads"].get(real, 0) for info in infos.values()) == 1


def test_verdict_objects_and_error_records(client, engine, engine_file):
    posts = [{"id": "a", "body": "you idiot"}, {"id": "b", "body": b"\xff"}, "refund please"]
    bag = db.from_sequence(posts, npartitions=2)
    got = vd.classify_bag(bag, engine_file, output="verdict").compute()
    assert isinstance(got[0], vigil.Verdict) and got[0].action is vigil.Action.CENSOR
    assert isinstance(got[1], vigil.PostError) and got[1].status_name == "VIGIL_E_INVALID_UTF8"
    assert got[2].action is vigil.Action.TAG
    records = vd.classify_bag(bag, engine_file).compute()
    assert records[1] == {"id": "b", "error": "VIGIL_E_INVALID_UTF8",
                          "message": "body: invalid UTF-8 at byte 0"}
    with pytest.raises(vigil.PostError):
        vd.classify_bag(bag, engine_file, errors="raise").compute()


def test_hit_summary_of_a_bag(client, engine, engine_file, posts):
    bag = db.from_sequence(posts, npartitions=6)
    summary = vd.hit_summary(bag, engine_file).compute()
    expected = vd.summarize(engine.classify_many(posts))
    assert summary["posts"] == expected["posts"] == len(posts)
    assert summary["actions"] == dict(sorted(expected["actions"].items()))
    assert {k: (r["posts"], r["matches"], r["dry_run_posts"]) for k, r in summary["rules"].items()} \
        == {k: (r["posts"], r["matches"], r["dry_run_posts"]) for k, r in expected["rules"].items()}
    assert summary["rules"]["spam.shortener"]["dry_run_posts"] > 0
    assert summary["rules"]["respect.rude"]["posts"] > 100
    assert len(summary["rules"]["respect.rude"]["examples"]) == 5
    counts = [r["posts"] for r in summary["rules"].values()]
    assert counts == sorted(counts, reverse=True)


def test_classify_dataframe(client, engine, engine_file):
    frame = pd.DataFrame({
        "id": ["p1", "p2", "p3", "p4", "p5"],
        "text": ["you idiot", "https://a.example/1 https://b.example/2", "hello", "bike for sale",
                 "mail bob@example.com"],
        "channel": ["general", None, "general", "marketplace", None],
        "author_trust_level": [3, 0, None, 1, 2],  # float column with NaN
        "author_name": ["ann", "bo", None, "cy", "moron"],
    }, index=[10, 11, 12, 13, 14])
    ddf = dd.from_pandas(frame, npartitions=2)
    out = vd.classify_dataframe(ddf, engine_file, columns={"body": "text"}).compute()
    assert list(out.index) == [10, 11, 12, 13, 14]
    assert list(out["id"]) == ["p1", "p2", "p3", "p4", "p5"]
    assert list(out["action"]) == ["censor", "hold", "allow", "allow", "redact"]
    assert list(out["rules"]) == [["respect.rude"], ["spam.new-member-links"], [], [],
                                  ["privacy.email", "respect.rude"]]
    assert list(out["escalations"]) == [[], ["moderators"], [], [], []]
    assert out["error"].isna().all()
    local = engine.classify("https://a.example/1 https://b.example/2", id="p2",
                            author=vigil.Author(trust_level=0, name="bo"))
    assert out.loc[11, "json"] == local.json
    summary = vd.hit_summary(ddf, engine_file, columns={"body": "text"}).compute()
    assert summary["actions"] == {"allow": 2, "censor": 1, "hold": 1, "redact": 1}


def test_processes_scheduler_without_distributed(engine, engine_file):
    posts = make_posts(200, seed=5)
    bag = db.from_sequence(posts, npartitions=4)
    with dask.config.set(scheduler="processes", num_workers=2):
        got = vd.classify_bag(bag, engine_file, output="json").compute()
    assert got == [v.json for v in engine.classify_many(posts)]


def test_an_engine_or_a_yaml_file_is_refused(engine):
    bag = db.from_sequence(["x"])
    with pytest.raises(TypeError, match="not an Engine"):
        vd.classify_bag(bag, engine)
    with pytest.raises(ValueError, match="looks like a ruleset"):
        vd.classify_bag(bag, "rules/community-default.yaml")


def test_load_engine_caches_by_file(engine, tmp_path):
    path = tmp_path / "e.vigil"
    engine.save(path)
    first = vd.load_engine(path)
    assert vd.load_engine(str(path)) is first
    # A rewritten file is loaded again.
    other = vigil.Engine.from_string(
        "ruleset: other\nguidelines: {g: {title: G, url: 'https://g.example'}}\n"
        "rules:\n  - {id: r, guideline: g, category: spam, words: [spam], action: flag}\n")
    other.save(path)
    os.utime(path, ns=(1, 1))
    second = vd.load_engine(path)
    assert second is not first and second.ruleset_name == "other"
    assert vd.engine_cache_info()["loads"][os.path.realpath(path)] == 2
