"""Threads: many Python threads on one engine, classify_many's order and
equality with sequential classify, and the GIL released while the library
works."""

from __future__ import annotations

import gc
import random
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

import vigil

WORDS = ["hello", "idiot", "傻逼", "احمق", "refund", "for sale", "bob@example.com",
         "https://a.example/x", "https://casino-bonus.example/y", "https://bit.ly/z",
         "I will kill you", "你好", "سلام", "moron", "tea"]


def make_posts(n: int, seed: int = 7) -> list:
    rng = random.Random(seed)
    posts = []
    for i in range(n):
        body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 12)))
        post = {"id": f"p{i}", "body": body, "channel": rng.choice(["general", "marketplace", None])}
        if rng.random() < 0.5:
            post["author"] = {"trust_level": rng.randint(0, 3), "name": rng.choice(["ann", "moron", "大 idiot"])}
        if rng.random() < 0.3:
            post["title"] = rng.choice(WORDS)
        if rng.random() < 0.1:
            post["body"] = body.encode()
        posts.append(post)
    return posts


@pytest.fixture(scope="module")
def posts() -> list:
    return make_posts(3000)


@pytest.fixture(scope="module")
def sequential(engine, posts) -> list:
    return [engine.classify(p) for p in posts]


def test_the_corpus_exercises_the_rules(sequential):
    actions = {v.action for v in sequential}
    assert actions == set(vigil.Action) - {vigil.Action.FLAG} or len(actions) >= 5
    assert sum(v.action is not vigil.Action.ALLOW for v in sequential) > 1000


@pytest.mark.parametrize("threads", [1, 2, 4, 8])
def test_classify_many_equals_sequential_in_order(engine, posts, sequential, threads):
    results = engine.classify_many(posts, threads=threads)
    assert [v.id for v in results] == [p["id"] for p in posts]
    assert results == sequential


@pytest.mark.parametrize("batch_size", [1, 7, 16, 1000, 100000])
def test_batches_do_not_change_results(engine, posts, sequential, batch_size):
    assert engine.classify_many(posts[:500], threads=3, batch_size=batch_size) == sequential[:500]


def test_classify_many_takes_any_iterable_and_none_threads(engine, posts, sequential):
    assert engine.classify_many((p for p in posts[:100]), threads=None) == sequential[:100]
    assert engine.classify_many([], threads=4) == []


def test_iter_classify_is_lazy(engine, posts, sequential):
    consumed = []

    def source():
        for p in posts:
            consumed.append(p)
            yield p

    it = engine.iter_classify(source(), threads=2, batch_size=100)
    assert consumed == []
    first = next(it)
    assert first == sequential[0]
    assert len(consumed) == 100
    rest = list(it)
    assert [first] + rest == sequential


def test_many_python_threads_on_one_engine(engine, posts, sequential):
    def work(offset: int) -> list:
        order = list(range(len(posts)))
        random.Random(offset).shuffle(order)
        got = {i: engine.classify(posts[i]) for i in order}
        return [got[i] for i in range(len(posts))]

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(8)))
    for r in results:
        assert r == sequential


def test_threads_mixing_classify_and_classify_many(engine, posts, sequential):
    errors = []

    def single():
        for i in range(0, len(posts), 3):
            if engine.classify(posts[i]) != sequential[i]:
                errors.append(i)

    def batch():
        if engine.classify_many(posts, threads=2) != sequential:
            errors.append("batch")

    threads = [threading.Thread(target=f) for f in (single, batch, single, batch)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_many_short_threads(engine):
    # A thread-per-request server: every thread borrows a pooled scanner.
    results = []
    for _ in range(50):
        t = threading.Thread(target=lambda: results.append(engine.classify("you idiot").action))
        t.start()
        t.join()
    assert results == [vigil.Action.CENSOR] * 50


def test_reentrant_classify_from_a_finalizer(engine):
    # A finalizer that classifies can run in the middle of a classify call
    # (the garbage collector runs when the binding allocates): it must get a
    # scanner of its own.
    seen = []

    class Cycle:
        def __init__(self):
            self.me = self

        def __del__(self):
            seen.append(engine.classify("I will kill you").action)

    gc.disable()
    try:
        for _ in range(200):
            Cycle()
        gc.set_threshold(1)
        gc.enable()
        for _ in range(50):
            assert engine.classify("you idiot").action is vigil.Action.CENSOR
    finally:
        gc.set_threshold(700, 10, 10)
        gc.enable()
        gc.collect()
    assert seen and set(seen) == {vigil.Action.REJECT}


def _counts_while(fn, attempts: int = 20) -> int:
    """How far another Python thread counts while fn() runs as one C call
    (the first of `attempts` tries where it counts at all: the machine may be
    busy). Without the GIL released it can never count."""
    for _ in range(attempts):
        counted = _count_once(fn)
        if counted > 0:
            return counted
    return 0


def _count_once(fn) -> int:
    # With a huge switch interval this thread never hands the GIL over at a
    # bytecode boundary: the counter can only run if fn's C code releases it
    # (or in the sleeps, which are outside the measured window).
    state = {"count": 0, "stop": False}

    def counter():
        while not state["stop"]:
            state["count"] += 1
            time.sleep(0)  # gives the GIL back at once

    old = sys.getswitchinterval()
    sys.setswitchinterval(1000.0)
    t = threading.Thread(target=counter)
    t.start()
    try:
        while state["count"] == 0:
            time.sleep(0.001)
        before = state["count"]
        fn()
        after = state["count"]
    finally:
        state["stop"] = True
        t.join()
        sys.setswitchinterval(old)
    return after - before


def test_classify_many_releases_the_gil(engine):
    posts = make_posts(20000, seed=3)
    raw = engine._engine  # one C call: bytecode of another thread runs only if the GIL is released
    assert _counts_while(lambda: raw.classify_many(posts, 2, True, 0)) > 0


def test_classify_releases_the_gil(engine):
    raw = engine._engine  # one C call, as above
    body = "hello there, friend, 你好. " * 30000  # 870 KB: milliseconds inside the library
    assert _counts_while(lambda: raw.classify(body, None, None, None, None, None, None)) > 0
