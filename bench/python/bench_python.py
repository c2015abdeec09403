#!/usr/bin/python3
"""bench_python.py — posts/s through the Python binding vs the C API, on the
same posts, the same engine file and the same machine.

    /usr/bin/python3 bench/python/bench_python.py [--build-dir build]
        [--posts 20000] [--seed 20261126] [--threads 1,2,4] [--repeat 5]
        [--rules rules/community-default.yaml] [--corpus posts.jsonl]
        [--json-out results.json]

What it does, in order:
 1. The corpus: ``vigil_gen_corpus`` from the build (bench/corpus.h, the one
    ``bench_classify`` times: same generator, same seed) writes it as JSON
    lines, unless --corpus names a JSONL file of posts.
 2. The engine: the ruleset is compiled once and saved; both sides load that
    file.
 3. The C side: ``capi_timing.c`` (beside this file) is compiled against the
    build's libvigil and reads the same posts from a binary dump.
 4. Same answers first (as hsbench does): every verdict's JSON from the C
    program must equal ``Verdict.json`` from ``Engine.classify``, and
    ``classify_many`` must equal ``classify`` post for post. Then timing.
 5. Scenarios: the C API (1 and N threads, with and without fetching the
    verdict's JSON, which the binding always does); ``classify`` on dicts,
    on ``vigil.Post`` and on keyword fields; ``classify_many`` on 1..N threads.
    Each figure is the best of --repeat runs; the report gives posts/s, µs per
    post, and the binding's cost per post over the C API with JSON.

The figures in docs/PYTHON.md come from this script.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import struct
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
UNSET = -(2**63)


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--build-dir", default=os.path.join(ROOT, "build"),
                   help="a CMake build of Vigil with -DVIGIL_BUILD_PYTHON=ON and the bench targets (default build)")
    p.add_argument("--posts", type=int, default=20000)
    p.add_argument("--seed", type=int, default=20261126)
    p.add_argument("--threads", default="1,2,4", help="thread counts for classify_many and C")
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--rules", default=os.path.join(ROOT, "rules", "community-default.yaml"))
    p.add_argument("--corpus", help="a JSONL file of posts instead of the generated corpus")
    p.add_argument("--json-out", help="also write the results as JSON to this file")
    p.add_argument("--cc", default=os.environ.get("CC", "cc"))
    return p.parse_args()


def import_vigil(build_dir: str):
    package_dir = os.path.join(build_dir, "bindings", "python")
    if os.path.isdir(os.path.join(package_dir, "vigil")):
        sys.path.insert(0, package_dir)
    import vigil  # noqa: E402 (from the build tree when there is one)

    return vigil


def load_corpus(args: argparse.Namespace, tmp: str) -> list:
    path = args.corpus
    if not path:
        gen = os.path.join(args.build_dir, "bench", "vigil_gen_corpus")
        if not os.path.exists(gen):
            sys.exit(f"{gen} is missing: build it (cmake --build {args.build_dir} "
                     "--target vigil_gen_corpus) or pass --corpus FILE.jsonl")
        path = os.path.join(tmp, "corpus.jsonl")
        with open(path, "wb") as out:
            subprocess.run([gen, f"--posts={args.posts}", f"--seed={args.seed}"],
                           stdout=out, stderr=subprocess.DEVNULL, check=True)
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def write_corpus_bin(posts: list, path: str) -> None:
    """The posts in the binary form capi_timing.c reads (see its comment)."""

    def s(value) -> bytes:
        if value is None:
            return struct.pack("<I", 0xFFFFFFFF)
        if isinstance(value, int):
            value = str(value)
        data = value.encode("utf-8") if isinstance(value, str) else value
        return struct.pack("<I", len(data)) + data

    def i(value) -> bytes:
        return struct.pack("<q", UNSET if value is None else value)

    chunks = [b"VGLC", struct.pack("<I", len(posts))]
    for p in posts:
        a = p.get("author") or {}
        chunks += [s(p.get("id")), s(p.get("title")), s(p.get("body")), s(a.get("id")),
                   s(a.get("name")), s(p.get("channel")), s(p.get("lang")),
                   i(a.get("trust_level")), i(a.get("account_age_days")), i(a.get("post_count"))]
        roles = a.get("roles") or []
        chunks.append(struct.pack("<I", len(roles)))
        chunks += [s(r) for r in roles]
        links = p.get("links")
        if links is None:
            chunks.append(struct.pack("<I", 0xFFFFFFFF))
        else:
            chunks.append(struct.pack("<I", len(links)))
            chunks += [s(link) for link in links]
    with open(path, "wb") as f:
        f.write(b"".join(chunks))


def build_capi_timing(args: argparse.Namespace, tmp: str) -> str:
    exe = os.path.join(tmp, "capi_timing")
    libdir = os.path.join(args.build_dir, "src")
    subprocess.run([args.cc, "-std=c11", "-O2", "-Wall", "-Wextra",
                    os.path.join(HERE, "capi_timing.c"), "-I", os.path.join(ROOT, "include"),
                    "-L", libdir, f"-Wl,-rpath,{libdir}", "-lvigil", "-lpthread", "-o", exe],
                   check=True)
    return exe


def best_of(repeat: int, fn) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    args = parse_args()
    vigil = import_vigil(args.build_dir)
    thread_counts = [int(t) for t in args.threads.split(",")]
    with tempfile.TemporaryDirectory(prefix="vigil-bench-") as tmp:
        posts = load_corpus(args, tmp)
        n = len(posts)
        engine_file = os.path.join(tmp, "bench.vigil")
        vigil.Engine.from_file(args.rules).save(engine_file)
        engine = vigil.Engine.load(engine_file)
        corpus_bin = os.path.join(tmp, "corpus.bin")
        write_corpus_bin(posts, corpus_bin)
        capi = build_capi_timing(args, tmp)

        # -- same answers first ------------------------------------------
        c_verdicts_path = os.path.join(tmp, "verdicts.jsonl")
        subprocess.run([capi, engine_file, corpus_bin, "--repeat=1",
                        f"--verdicts={c_verdicts_path}"], check=True, stdout=subprocess.DEVNULL)
        with open(c_verdicts_path, encoding="utf-8") as f:
            c_verdicts = [line.rstrip("\n") for line in f]
        sequential = [engine.classify(p) for p in posts]
        mismatches = [i for i, (c, v) in enumerate(zip(c_verdicts, sequential)) if c != v.json]
        if len(c_verdicts) != n or mismatches:
            sys.exit(f"the binding and the C API disagree on {len(mismatches)} posts, "
                     f"e.g. post {mismatches[:1]}")
        for threads in thread_counts:
            if engine.classify_many(posts, threads=threads) != sequential:
                sys.exit(f"classify_many(threads={threads}) differs from classify")
        actions: dict = {}
        for v in sequential:
            actions[v.action.label] = actions.get(v.action.label, 0) + 1
        text_bytes = sum(len((p.get("title") or "").encode()) + len((p.get("body") or "").encode())
                         for p in posts)

        # -- timing -------------------------------------------------------
        # Rounds interleave the scenarios, so a machine that gets busier in
        # the middle hurts them all alike; each keeps its best round. CPU
        # time (all threads of the process) is the steadier figure on a
        # shared machine; wall time is what a caller waits.
        post_objects = [
            vigil.Post(body=p.get("body"), title=p.get("title"),
                       author=vigil.Author(**p["author"]) if p.get("author") else None,
                       channel=p.get("channel"), links=p.get("links"), id=p.get("id"),
                       lang=p.get("lang"))
            for p in posts
        ]
        fields = [(p.body, p.title, p.author, p.channel, p.id) for p in post_objects]
        classify = engine.classify

        def timed(fn):
            def run():
                wall, cpu = time.perf_counter(), time.process_time()
                fn()
                return time.perf_counter() - wall, time.process_time() - cpu
            return run

        def c_scenario(threads: int, with_json: bool):
            cmd = [capi, engine_file, corpus_bin, f"--threads={threads}", "--repeat=1"]
            if with_json:
                cmd.append("--json")

            def run():
                out = json.loads(subprocess.run(cmd, check=True, capture_output=True,
                                                text=True).stdout)
                return out["seconds"], out["cpu_seconds"]
            return run

        scenarios = []  # (name, threads, run)
        for threads in thread_counts:
            scenarios.append(("C API, verdict JSON not read", threads, c_scenario(threads, False)))
            scenarios.append(("C API + verdict JSON", threads, c_scenario(threads, True)))
        scenarios.append(("classify(dict)", 1, timed(lambda: [classify(p) for p in posts])))
        scenarios.append(("classify(vigil.Post)", 1,
                          timed(lambda: [classify(p) for p in post_objects])))
        scenarios.append(("classify(body, title, author=..., ...)", 1,
                          timed(lambda: [classify(b, t, author=a, channel=c, id=i)
                                         for b, t, a, c, i in fields])))
        for threads in thread_counts:
            scenarios.append(("classify_many(dicts)", threads,
                              timed(lambda t=threads: engine.classify_many(posts, threads=t))))
        best = {i: [float("inf"), float("inf")] for i in range(len(scenarios))}
        for _ in range(args.repeat):
            for i, (_, _, run) in enumerate(scenarios):
                wall, cpu = run()
                best[i][0] = min(best[i][0], wall)
                best[i][1] = min(best[i][1], cpu)
        results = []
        for i, (name, threads, _) in enumerate(scenarios):
            wall, cpu = best[i]
            results.append({"scenario": name, "threads": threads, "seconds": wall,
                            "cpu_seconds": cpu, "posts_per_s": n / wall,
                            "us_per_post": wall / n * 1e6, "cpu_us_per_post": cpu / n * 1e6})
        c_json = {r["threads"]: r for r in results if r["scenario"] == "C API + verdict JSON"}
        for r in results:
            base = c_json.get(r["threads"])
            python = not r["scenario"].startswith("C API") and base is not None
            r["overhead_cpu_us_per_post"] = (r["cpu_us_per_post"] - base["cpu_us_per_post"]
                                             if python else None)
            r["ratio_to_c"] = r["posts_per_s"] / base["posts_per_s"] if python else None

        cpu = "unknown"
        try:
            with open("/proc/cpuinfo", encoding="utf-8") as f:
                cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
        except (OSError, StopIteration):
            pass
        context = {
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "machine": f"{os.cpu_count()} CPUs, {cpu}",
            "python": f"{platform.python_implementation()} {platform.python_version()} "
                      f"({sys.executable})",
            "vigil": vigil.__version__,
            "corpus": f"{n} posts, {text_bytes / 1e6:.1f} MB of title+body, actions "
                      + ", ".join(f"{k} {v}" for k, v in sorted(actions.items())),
            "rules": os.path.relpath(args.rules, ROOT),
            "command": " ".join([sys.executable] + sys.argv),
        }
        for k, v in context.items():
            print(f"{k + ':':9} {v}")
        print("verified: the binding's verdict JSON equals the C API's on every post; "
              "classify_many equals classify")
        print()
        print(f"{'scenario':40} {'threads':>7} {'posts/s':>9} {'us/post':>8} {'CPU us/post':>12} "
              f"{'overhead':>9} {'vs C':>6}")
        for r in results:
            over = "" if r["overhead_cpu_us_per_post"] is None else f"{r['overhead_cpu_us_per_post']:+.2f}"
            ratio = "" if r["ratio_to_c"] is None else f"{r['ratio_to_c']:.2f}"
            print(f"{r['scenario']:40} {r['threads']:>7} {r['posts_per_s']:>9,.0f} "
                  f"{r['us_per_post']:>8.2f} {r['cpu_us_per_post']:>12.2f} {over:>9} {ratio:>6}")
        print("\noverhead: CPU us/post over 'C API + verdict JSON' with the same thread count;"
              " vs C: posts/s as a fraction of it (wall clock)")
        if args.json_out:
            with open(args.json_out, "w", encoding="utf-8") as f:
                json.dump({"context": context, "results": results}, f, indent=2)


if __name__ == "__main__":
    main()
