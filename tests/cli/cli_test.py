#!/usr/bin/env python3
"""End-to-end tests of the `vigil` command-line tool (docs/CLI.md).

They run the built binary on the small rulesets and posts in data/ and check
exact actions, spans, counts and exit codes. Standard library only.

    python3 cli_test.py PATH/TO/vigil [TestCaseName ...]

CMake registers one ctest test per TestCase class (tests/cli/CMakeLists.txt).
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

VIGIL = None  # set from argv in __main__
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
RULES = os.path.join(DATA, "rules.yaml")
BROKEN = os.path.join(DATA, "broken.yaml")
FAILING_TESTS = os.path.join(DATA, "failing_tests.yaml")
POSTS = os.path.join(DATA, "posts.jsonl")

RULE_IDS = ["respect.insults", "privacy.email", "spam.new-user-links",
            "spam.casino", "spam.buy-now"]


def run(args, stdin=b"", timeout=120):
    """Runs vigil; returns (exit code, stdout bytes, stderr text)."""
    if isinstance(stdin, str):
        stdin = stdin.encode("utf-8")
    proc = subprocess.run([VIGIL] + args, input=stdin, capture_output=True,
                          timeout=timeout)
    return proc.returncode, proc.stdout, proc.stderr.decode("utf-8", "replace")


def records(stdout):
    """Parses JSONL output; every line must be one JSON object."""
    lines = stdout.decode("utf-8").split("\n")
    assert lines[-1] == "", "output must end with a newline"
    return [json.loads(line) for line in lines[:-1]]


def classify(stdin, *extra):
    code, out, err = run(["classify", "--rules", RULES, *extra], stdin)
    assert code == 0, "classify exited %d: %s" % (code, err)
    return records(out), err


def line_col(path, needle):
    """1-based line and column of the first occurrence of needle in path."""
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            col = line.find(needle)
            if col >= 0:
                return number, col + 1
    raise AssertionError("%r not in %s" % (needle, path))


def summary_field(err, name):
    """The text after '<name>:' in the classify summary."""
    m = re.search(r"^\s*%s:\s*(.*)$" % re.escape(name), err, re.M)
    assert m, "no %r line in summary:\n%s" % (name, err)
    return m.group(1)


def hit_rules(verdict):
    return [h["rule"] for h in verdict["hits"]]


def spans(hit):
    return [(m["field"], m["start"], m["end"], m["text"]) for m in hit["matches"]]


class UsageTest(unittest.TestCase):
    def test_version(self):
        code, out, _ = run(["--version"])
        self.assertEqual(code, 0)
        self.assertRegex(out.decode(), r"^vigil \d+\.\d+\.\d+ \(library \d+\.\d+\.\d+\)\n$")

    def test_help_lists_every_subcommand(self):
        for args in (["help"], ["--help"]):
            code, out, _ = run(args)
            self.assertEqual(code, 0)
            for sub in ("check", "test", "classify", "explain", "compile", "--version"):
                self.assertIn("vigil " + sub, out.decode())

    def test_subcommand_help(self):
        code, out, _ = run(["classify", "--help"])
        self.assertEqual(code, 0)
        self.assertIn("--threads", out.decode())
        code, out, _ = run(["help", "explain"])
        self.assertEqual(code, 0)
        self.assertIn("--author-trust", out.decode())

    def test_usage_errors_exit_2(self):
        cases = [
            [],
            ["frobnicate"],
            ["help", "frobnicate"],
            ["check"],
            ["classify"],                                    # no engine
            ["classify", "--rules", RULES, "--engine", "x"],  # both
            ["classify", "--rules", RULES, "--threads", "many"],
            ["classify", "--rules", RULES, "--threads", "-1"],
            ["classify", "--rules", RULES, "--bogus"],
            ["classify", "--rules", RULES, "posts.jsonl"],
            ["classify", "--rules"],
            ["explain", "--rules", RULES],                   # no text
            ["explain", "--rules", RULES, "--author-trust", "x", "hi"],
            ["compile", RULES],                              # no -o
            ["test"],
        ]
        for args in cases:
            with self.subTest(args=args):
                code, out, err = run(args)
                self.assertEqual(code, 2, err)
                self.assertEqual(out, b"")
                self.assertTrue(err.strip(), "a usage error must say something")

    def test_engine_not_loaded_exits_1(self):
        code, out, err = run(["classify", "--rules", os.path.join(DATA, "missing.yaml")],
                             b'{"body": "x"}\n')
        self.assertEqual(code, 1)
        self.assertEqual(out, b"")
        self.assertIn("missing.yaml", err)
        code, out, err = run(["classify", "--rules", BROKEN], b'{"body": "x"}\n')
        self.assertEqual(code, 1)
        self.assertEqual(out, b"")
        self.assertIn("broken.yaml:", err)


class CheckTest(unittest.TestCase):
    def test_good_ruleset(self):
        code, out, err = run(["check", RULES])
        self.assertEqual(code, 0, err)
        self.assertEqual(out.decode(), "%s: ok, 5 rules\n" % RULES)
        self.assertEqual(err, "")

    def test_broken_ruleset_reports_every_error_with_position(self):
        code, out, err = run(["check", BROKEN])
        self.assertEqual(code, 1)
        self.assertEqual(out, b"")
        diag = re.compile(r"^(.*):(\d+):(\d+): error: (.*) \[([a-z0-9._-]+)\]$")
        found = {}
        for line in err.splitlines():
            m = diag.match(line)
            if m:
                found[m.group(5)] = (m.group(1), int(m.group(2)), int(m.group(3)), m.group(4))
        self.assertEqual(sorted(found), ["broken.action", "broken.regex", "broken.severity"], err)
        for rule, needle in (("broken.action", "obliterate"),
                             ("broken.severity", "extreme"),
                             ("broken.regex", "'(unclosed'")):
            path, line, col, message = found[rule]
            self.assertEqual(path, BROKEN)
            self.assertEqual((line, col), line_col(BROKEN, needle), err)
        self.assertIn("obliterate", found["broken.action"][3])
        self.assertIn("extreme", found["broken.severity"][3])
        self.assertIn("%s: 3 errors" % BROKEN, err)

    def test_missing_file(self):
        code, _, err = run(["check", os.path.join(DATA, "missing.yaml")])
        self.assertEqual(code, 1)
        self.assertIn("missing.yaml", err)


class RuleTestsTest(unittest.TestCase):
    def test_all_pass(self):
        code, out, err = run(["test", RULES])
        self.assertEqual(code, 0, out.decode() + err)
        lines = out.decode().splitlines()
        self.assertEqual(lines, [
            "PASS respect.insults (4 examples)",
            "PASS privacy.email (2 examples)",
            "PASS spam.new-user-links (3 examples)",
            "PASS spam.casino (3 examples)",
            "PASS spam.buy-now (2 examples)",
            "14 passed, 0 failed",
        ])

    def test_failure_is_reported_with_file_and_line(self):
        code, out, err = run(["test", FAILING_TESTS])
        self.assertEqual(code, 1)
        lines = out.decode().splitlines()
        self.assertEqual(lines[0], "FAIL insults.words")
        line, _ = line_col(FAILING_TESTS, '"you are a fool"')
        self.assertRegex(lines[1], r'^  %s:%d: match example "you are a fool": .+$'
                         % (re.escape(FAILING_TESTS), line))
        self.assertEqual(lines[2], "SKIP insults.untested (no examples)")
        self.assertEqual(lines[-1], "2 passed, 1 failed")
        self.assertEqual(len(lines), 4)

    def test_compile_error(self):
        code, out, err = run(["test", BROKEN])
        self.assertEqual(code, 1)
        self.assertEqual(out.decode().splitlines()[-1], "0 passed, 0 failed")
        self.assertIn("[broken.action]", err)


class ClassifyTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(POSTS, "rb") as f:
            cls.verdicts, cls.summary = classify(f.read())
        cls.by_id = {v["id"]: v for v in cls.verdicts}

    def test_one_verdict_per_post_in_order(self):
        self.assertEqual([v["id"] for v in self.verdicts],
                         ["p1", "p2", "p3", "p4", "p5", "p6", "p7", "8", "p9", "p10"])

    def test_actions(self):
        self.assertEqual({v["id"]: v["action"] for v in self.verdicts}, {
            "p1": "allow", "p2": "censor", "p3": "redact", "p4": "hold", "p5": "allow",
            "p6": "reject", "p7": "allow", "8": "allow", "p9": "censor", "p10": "hold"})

    def test_clean_post(self):
        v = self.by_id["p1"]
        self.assertEqual((v["hits"], v["dry_run"], v["escalations"], v["messages"]),
                         ([], [], [], []))
        self.assertNotIn("censored", v)

    def test_words_censor(self):
        v = self.by_id["p2"]
        self.assertEqual(hit_rules(v), ["respect.insults"])
        hit = v["hits"][0]
        self.assertEqual(spans(hit), [("body", 11, 16, "idiot")])
        self.assertEqual((hit["category"], hit["severity"], hit["action"]),
                         ("abuse", "medium", "censor"))
        self.assertEqual(hit["guideline"], {
            "id": "respect", "title": "Respect everyone",
            "url": "https://forum.example/guidelines#respect"})
        self.assertEqual(hit["escalate"], ["moderators"])
        self.assertEqual(v["escalations"], [{"id": "moderators", "priority": "normal"}])
        self.assertEqual(v["censored"]["body"], "you are an *****")
        self.assertEqual(v["censored"]["title"], "question")
        self.assertEqual([m["text"] for m in v["messages"]], [
            "Please keep it civil (Respect everyone: "
            "https://forum.example/guidelines#respect)."])

    def test_words_in_title(self):
        v = self.by_id["p9"]
        self.assertEqual(spans(v["hits"][0]), [("title", 0, 5, "idiot")])
        self.assertEqual(v["censored"], {"title": "***** title", "body": "fine body"})

    def test_detect_email_redact(self):
        v = self.by_id["p3"]
        self.assertEqual(hit_rules(v), ["privacy.email"])
        self.assertEqual(spans(v["hits"][0]), [("body", 11, 26, "bob@example.com")])
        self.assertEqual(v["censored"]["body"], "mail me at [email removed] please")
        self.assertEqual(v["escalations"], [{"id": "trust-and-safety", "priority": "high"}])

    def test_when_condition(self):
        held = self.by_id["p4"]
        self.assertEqual(hit_rules(held), ["spam.new-user-links"])
        self.assertEqual(spans(held["hits"][0]), [
            ("body", 4, 20, "http://a.example"), ("body", 25, 41, "http://b.example")])
        self.assertEqual(self.by_id["p5"]["hits"], [])  # trusted author: rule not applied
        self.assertEqual(hit_rules(self.by_id["p10"]), ["spam.new-user-links"])

    def test_regex_reject_and_order_of_hits(self):
        v = self.by_id["p6"]
        # Most severe action first; escalations deduplicated, most urgent first.
        self.assertEqual(hit_rules(v), ["spam.casino", "respect.insults"])
        self.assertEqual(spans(v["hits"][0]), [("body", 6, 15, "casino777")])
        self.assertEqual(spans(v["hits"][1]), [("body", 27, 32, "moron")])
        self.assertEqual([e["id"] for e in v["escalations"]], ["trust-and-safety", "moderators"])

    def test_dry_run_does_not_change_action(self):
        v = self.by_id["p7"]
        self.assertEqual(v["action"], "allow")
        self.assertEqual(v["hits"], [])
        self.assertEqual([h["rule"] for h in v["dry_run"]], ["spam.buy-now"])
        self.assertEqual(spans(v["dry_run"][0]), [("body", 0, 7, "Buy now")])
        self.assertEqual(v["escalations"], [])
        self.assertNotIn("censored", v)

    def test_summary(self):
        err = self.summary
        self.assertIn("vigil classify: 10 posts read, 10 classified, 0 errors", err)
        self.assertEqual(summary_field(err, "actions"),
                         "allow 4, tag 0, flag 0, censor 2, redact 1, hold 2, reject 1")
        self.assertEqual(summary_field(err, "categories"),
                         "abuse 3, spam 3, private_info 1")
        self.assertEqual(summary_field(err, "escalations"),
                         "moderators 5, trust-and-safety 2")
        self.assertEqual(summary_field(err, "dry run"), "spam.buy-now 1")
        self.assertRegex(summary_field(err, "time"),
                         r"^\d+\.\d+ s \(engine \d+\.\d+ s\), \d+ posts/s, \d+\.\d+ MB/s, 1 thread$")

    def test_summary_only_and_no_summary(self):
        with open(POSTS, "rb") as f:
            posts = f.read()
        code, out, err = run(["classify", "--rules", RULES, "--summary-only"], posts)
        self.assertEqual((code, out), (0, b""))
        self.assertIn("10 posts read, 10 classified", err)
        code, out, err = run(["classify", "--rules", RULES, "--no-summary"], posts)
        self.assertEqual(code, 0)
        self.assertEqual(len(records(out)), 10)
        self.assertEqual(err, "")

    def test_empty_input(self):
        for stdin in (b"", b"\n\n", b"   \n\t\r\n"):
            with self.subTest(stdin=stdin):
                verdicts, err = classify(stdin)
                self.assertEqual(verdicts, [])
                self.assertIn("0 posts read, 0 classified, 0 errors", err)

    def test_blank_lines_skipped_but_counted(self):
        stdin = b'\n{"id": "a", "body": "x"}\n   \n\n{"id": "b", "body": "{bad"\r\n{"body": 1}'
        out, err = classify(stdin)
        self.assertEqual(out[0]["id"], "a")
        self.assertEqual(out[1], {"line": 5, "error": "malformed_json",
                                  "message": out[1]["message"]})
        self.assertEqual(out[2]["line"], 6)  # the last line needs no newline
        self.assertEqual(out[2]["error"], "invalid_post")
        self.assertIn("3 posts read, 1 classified, 2 errors", err)
        self.assertIn("3 blank lines skipped", err)

    def test_crlf_line_endings(self):
        out, _ = classify(b'{"id": "a", "body": "you are an idiot"}\r\n{"id": "b"}\r\n')
        self.assertEqual([(v["id"], v["action"]) for v in out], [("a", "censor"), ("b", "allow")])


class ClassifyErrorsTest(unittest.TestCase):
    def check_error(self, record, line, error, post_id=None, message=None):
        self.assertEqual(record["line"], line, record)
        self.assertEqual(record["error"], error, record)
        if post_id is None:
            self.assertNotIn("id", record)
        else:
            self.assertEqual(record["id"], post_id)
        self.assertIsInstance(record["message"], str)
        self.assertTrue(record["message"])
        if message is not None:
            self.assertIn(message, record["message"])
        self.assertEqual(set(record) - {"line", "id", "error", "message"}, set())

    def test_malformed_json_lines(self):
        stdin = b"\n".join([
            b'{"id": "ok1", "body": "fine"}',
            b'{"id": "x", "body": ',          # truncated
            b'not json at all',
            b'{"id": "y"} {"id": "z"}',       # two documents on one line
            b'{"id": "ok2", "body": "you are an idiot"}',
        ]) + b"\n"
        out, err = classify(stdin)
        self.assertEqual(len(out), 5)
        self.assertEqual(out[0]["action"], "allow")
        for index, line in ((1, 2), (2, 3), (3, 4)):
            self.check_error(out[index], line, "malformed_json")
        self.assertEqual((out[4]["id"], out[4]["action"]), ("ok2", "censor"))
        self.assertIn("5 posts read, 2 classified, 3 errors (malformed_json 3)", err)

    def test_invalid_utf8(self):
        stdin = (b'{"id": "u1", "body": "caf\xc3\xa9 ok"}\n'
                 b'{"id": "u2", "body": "bad \xff byte"}\n'
                 b'{"id": "u3", "body": "overlong \xc0\xaf"}\n'
                 b'{"id": "u4", "title": "surrogate \xed\xa0\x80", "body": "x"}\n'
                 b'{"id": "u5", "body": "you moron"}\n')
        out, err = classify(stdin)
        self.assertEqual(out[0]["action"], "allow")
        self.check_error(out[1], 2, "VIGIL_E_INVALID_UTF8", "u2", "byte 26")
        self.check_error(out[2], 3, "VIGIL_E_INVALID_UTF8", "u3", "byte 31")
        self.check_error(out[3], 4, "VIGIL_E_INVALID_UTF8", "u4", "byte 33")
        self.assertEqual(hit_rules(out[4]), ["respect.insults"])
        self.assertIn("5 posts read, 2 classified, 3 errors (VIGIL_E_INVALID_UTF8 3)", err)

    def test_wrong_field_types(self):
        cases = [
            ('{"id": "t1", "body": 5}', '"body"'),
            ('{"id": "t2", "title": ["a"]}', '"title"'),
            ('{"id": "t3", "links": "http://a.example"}', '"links"'),
            ('{"id": "t4", "links": ["http://a.example", 3]}', '"links[1]"'),
            ('{"id": "t5", "author": "ann"}', '"author"'),
            ('{"id": "t6", "author": {"trust_level": "high"}}', '"author.trust_level"'),
            ('{"id": "t7", "author": {"trust_level": 1.5}}', '"author.trust_level"'),
            ('{"id": "t8", "author": {"post_count": 18446744073709551615}}', '"author.post_count"'),
            ('{"id": "t9", "author": {"roles": "admin"}}', '"author.roles"'),
            ('{"id": "t10", "author": {"name": false}}', '"author.name"'),
            ('{"id": "t11", "channel": {}}', '"channel"'),
            ('{"id": "t12", "lang": 1}', '"lang"'),
            ('{"id": "t13", "author": {"account_age_days": true}}', '"author.account_age_days"'),
            ('{"id": "t14", "author": {"id": []}}', '"author.id"'),
        ]
        stdin = "\n".join(line for line, _ in cases) + "\n"
        stdin += '{"id": [1], "body": "x"}\n["a list"]\n"a string"\n{"id": "last", "body": "moron"}\n'
        out, err = classify(stdin)
        self.assertEqual(len(out), len(cases) + 4)
        for index, (line, field) in enumerate(cases):
            with self.subTest(line=line):
                self.check_error(out[index], index + 1, "invalid_post", "t%d" % (index + 1), field)
        n = len(cases)
        self.check_error(out[n], n + 1, "invalid_post", None, '"id"')
        self.check_error(out[n + 1], n + 2, "invalid_post", None, "object")
        self.check_error(out[n + 2], n + 3, "invalid_post", None, "object")
        self.assertEqual((out[n + 3]["id"], out[n + 3]["action"]), ("last", "censor"))
        self.assertIn("%d posts read, 1 classified, %d errors (invalid_post %d)" % (n + 4, n + 3, n + 3),
                      err)

    def test_post_over_size_limit(self):
        limit = 1 << 20  # the library's default max_post_bytes
        fits = json.dumps({"id": "fits", "body": "a" * (limit - 100), "title": "idiot"})
        too_big = json.dumps({"id": "big", "body": "a" * limit, "title": "x"})
        stdin = (fits + "\n" + too_big + "\n" + '{"id": "after", "body": "moron"}\n').encode()
        out, err = classify(stdin)
        self.assertEqual(len(out), 3)
        self.assertEqual((out[0]["id"], out[0]["action"]), ("fits", "censor"))
        self.check_error(out[1], 2, "VIGIL_E_POST_TOO_LARGE", "big")
        self.assertEqual((out[2]["id"], out[2]["action"]), ("after", "censor"))
        self.assertIn("3 posts read, 2 classified, 1 error (VIGIL_E_POST_TOO_LARGE 1)", err)

    def test_max_post_bytes_option(self):
        stdin = b'{"id": "a", "body": "0123456789"}\n{"id": "b", "body": "01234"}\n'
        out, _ = classify(stdin, "--max-post-bytes", "8")
        self.check_error(out[0], 1, "VIGIL_E_POST_TOO_LARGE", "a")
        self.assertEqual(out[1]["action"], "allow")

    def test_line_too_long_is_reported_not_cut(self):
        long_line = json.dumps({"id": "long", "body": "idiot " * 100})
        stdin = ('{"id": "a", "body": "x"}\n' + long_line + '\n{"id": "b", "body": "moron"}\n')
        out, err = classify(stdin.encode(), "--max-line-bytes", "200")
        self.assertEqual([r.get("id") for r in out], ["a", None, "b"])
        self.check_error(out[1], 2, "line_too_long", None, str(len(long_line)))
        self.assertEqual(out[2]["action"], "censor")
        self.assertIn("1 error (line_too_long 1)", err)

    def test_long_lines_across_read_chunks(self):
        # Lines much longer than one read (1 MiB) are neither cut nor merged.
        body = "x" * (3 << 20)
        stdin = ('{"id": "huge", "body": "%s"}\n{"id": "next", "body": "idiot"}\n' % body).encode()
        out, _ = classify(stdin, "--max-line-bytes", str(1 << 20))
        self.check_error(out[0], 1, "line_too_long", None, str(len(body) + 26))
        self.assertEqual((out[1]["id"], out[1]["action"]), ("next", "censor"))


class ThreadsTest(unittest.TestCase):
    @staticmethod
    def generated_posts(count):
        bodies = ["hello there", "you are an idiot", "mail bob@example.com",
                  "visit casino42", "buy now", "not json"]
        lines = []
        for i in range(count):
            body = bodies[i % len(bodies)]
            if body == "not json":
                lines.append('{"id": "p%d", "body": ' % i)
            else:
                lines.append(json.dumps({"id": "p%d" % i, "body": body + " " + "z" * (i % 97)}))
            if i % 50 == 0:
                lines.append("")
        return ("\n".join(lines) + "\n").encode()

    def test_input_order_with_threads(self):
        stdin = self.generated_posts(3000)
        code1, out1, err1 = run(["classify", "--rules", RULES], stdin)
        self.assertEqual(code1, 0, err1)
        for threads in ("2", "3"):
            for batch in ("1", "7", "1024"):
                with self.subTest(threads=threads, batch=batch):
                    code, out, err = run(["classify", "--rules", RULES, "--threads", threads,
                                          "--batch-lines", batch], stdin)
                    self.assertEqual(code, 0, err)
                    self.assertEqual(out, out1)
                    self.assertIn("%s threads" % threads, err)
                    self.assertEqual(summary_field(err, "actions"),
                                     summary_field(err1, "actions"))
        out = records(out1)
        self.assertEqual(len(out), 3000)
        self.assertEqual([r.get("id") for r in out],
                         [None if i % 6 == 5 else "p%d" % i for i in range(3000)])
        self.assertEqual(out[1]["action"], "censor")
        self.assertEqual(out[5]["error"], "malformed_json")
        self.assertEqual(out[5]["line"], 7)  # one blank line (after p0) before it
        self.assertIn("3000 posts read, 2500 classified, 500 errors", err1)

    def test_slow_producer_gets_answers_without_waiting_for_more_input(self):
        proc = subprocess.Popen([VIGIL, "classify", "--rules", RULES, "--threads", "2"],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        try:
            proc.stdin.write(b'{"id": "first", "body": "idiot"}\n')
            proc.stdin.flush()
            first = json.loads(proc.stdout.readline())  # would hang if held back
            self.assertEqual((first["id"], first["action"]), ("first", "censor"))
            proc.stdin.write(b'{"id": "second", "body": "hi"}\n')
            proc.stdin.close()
            second = json.loads(proc.stdout.readline())
            self.assertEqual(second["id"], "second")
            self.assertEqual(proc.wait(timeout=60), 0)
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.stdout.close()
            proc.stderr.close()


class CompileTest(unittest.TestCase):
    def test_engine_file_gives_identical_output(self):
        with tempfile.TemporaryDirectory() as tmp:
            engine = os.path.join(tmp, "rules.vigil")
            code, out, err = run(["compile", RULES, "-o", engine])
            self.assertEqual(code, 0, err)
            self.assertRegex(out.decode(), r"^%s: compiled 5 rules into %s \(\d+ bytes\)\n$"
                             % (re.escape(RULES), re.escape(engine)))
            self.assertTrue(os.path.getsize(engine) > 0)
            with open(POSTS, "rb") as f:
                posts = f.read()
            posts += ThreadsTest.generated_posts(300)
            code_r, out_r, err_r = run(["classify", "--rules", RULES], posts)
            code_e, out_e, err_e = run(["classify", "--engine", engine, "--threads", "2"], posts)
            self.assertEqual((code_r, code_e), (0, 0), err_r + err_e)
            self.assertEqual(out_e, out_r)
            self.assertEqual(len(records(out_e)), 310)
            # explain reads the engine file too.
            code, out, err = run(["explain", "--engine", engine, "you moron"])
            self.assertEqual(code, 0, err)
            self.assertIn("respect.insults", out.decode())

    def test_max_post_bytes_is_kept_in_the_engine_file(self):
        with tempfile.TemporaryDirectory() as tmp:
            engine = os.path.join(tmp, "small.vigil")
            code, _, err = run(["compile", RULES, "-o", engine, "--max-post-bytes", "8"])
            self.assertEqual(code, 0, err)
            code, out, err = run(["classify", "--engine", engine],
                                 b'{"id": "a", "body": "0123456789"}\n')
            self.assertEqual(code, 0, err)
            self.assertEqual(records(out)[0]["error"], "VIGIL_E_POST_TOO_LARGE")

    def test_broken_ruleset_is_not_written(self):
        with tempfile.TemporaryDirectory() as tmp:
            engine = os.path.join(tmp, "broken.vigil")
            code, out, err = run(["compile", BROKEN, "-o", engine])
            self.assertEqual(code, 1)
            self.assertEqual(out, b"")
            self.assertIn("[broken.action]", err)
            self.assertFalse(os.path.exists(engine))

    def test_corrupt_engine_file(self):
        with tempfile.TemporaryDirectory() as tmp:
            engine = os.path.join(tmp, "junk.vigil")
            with open(engine, "wb") as f:
                f.write(b"this is not an engine" * 10)
            code, out, err = run(["classify", "--engine", engine], b'{"body": "x"}\n')
            self.assertEqual(code, 1)
            self.assertEqual(out, b"")
            self.assertRegex(err, r"VIGIL_E_ENGINE_(CORRUPT|TRUNCATED|VERSION|PLATFORM)")


class ExplainTest(unittest.TestCase):
    def explain(self, *args):
        code, out, err = run(["explain", "--rules", RULES, *args])
        self.assertEqual(code, 0, err)
        return out.decode()

    def test_fired_rules_are_explained(self):
        text = self.explain("visit casino777 today, you moron")
        lines = text.splitlines()
        self.assertEqual(lines[0], "action: reject")
        self.assertIn("2 rules fired:", lines)
        self.assertIn("  spam.casino: reject", lines)
        self.assertIn("  respect.insults: censor", lines)
        self.assertLess(lines.index("  spam.casino: reject"), lines.index("  respect.insults: censor"))
        self.assertIn("    guideline:    No spam <https://forum.example/guidelines#spam> (no-spam)",
                      lines)
        self.assertIn("    category:     spam, severity high", lines)
        self.assertIn("    category:     abuse, severity medium", lines)
        self.assertIn('    matched:      "casino777" in body, bytes 6-15', lines)
        self.assertIn('    matched:      "moron" in body, bytes 27-32', lines)
        self.assertIn("    escalates to: trust-and-safety (high priority)", lines)
        self.assertIn("    escalates to: moderators (normal priority)", lines)
        self.assertIn("  trust-and-safety (high priority): Trust and safety team", lines)
        self.assertIn("  Please keep it civil (Respect everyone: "
                      "https://forum.example/guidelines#respect).", lines)
        self.assertIn("censored body: visit casino777 today, you *****", lines)
        self.assertNotIn("no rule fired", text)

    def test_redact_and_title(self):
        lines = self.explain("--title", "idiot", "mail bob@example.com").splitlines()
        self.assertEqual(lines[0], "action: redact")
        self.assertIn('    matched:      "bob@example.com" in body, bytes 5-20', lines)
        self.assertIn('    matched:      "idiot" in title, bytes 0-5', lines)
        self.assertIn("censored title: *****", lines)
        self.assertIn("censored body: mail [email removed]", lines)
        self.assertIn("  We hid an email address in your post to protect you.", lines)

    def test_condition_flags(self):
        links = "see http://a.example and http://b.example"
        self.assertTrue(self.explain("--author-trust", "0", links).startswith("action: hold\n"))
        self.assertTrue(self.explain("--author-trust", "1", links).startswith("action: allow\n"))
        self.assertTrue(self.explain(links).startswith("action: allow\n"))  # trust unknown
        casino = "visit casino777 today, you moron"
        self.assertTrue(self.explain("--channel", "general", casino).startswith("action: reject\n"))
        lines = self.explain("--channel", "casino-talk", casino).splitlines()
        self.assertEqual(lines[0], "action: censor")
        self.assertNotIn("  spam.casino: reject", lines)

    def test_clean_text_and_dry_run(self):
        text = self.explain("hello friends")
        self.assertEqual(text, "action: allow\nno rule fired\n")
        lines = self.explain("buy now").splitlines()
        self.assertEqual(lines[:2], ["action: allow", "no rule fired"])
        self.assertIn("dry run (would have fired; the action is not changed):", lines)
        self.assertIn("  spam.buy-now: flag", lines)
        self.assertIn('    matched:      "buy now" in body, bytes 0-7', lines)

    def test_text_from_stdin(self):
        code, out, err = run(["explain", "--rules", RULES, "-"], b"you idiot")
        self.assertEqual(code, 0, err)
        self.assertIn('    matched:      "idiot" in body, bytes 4-9', out.decode().splitlines())

    def test_invalid_utf8_text(self):
        code, out, err = run(["explain", "--rules", RULES, "-"], b"bad \xff byte")
        self.assertEqual(code, 1)
        self.assertEqual(out, b"")
        self.assertIn("VIGIL_E_INVALID_UTF8", err)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: cli_test.py PATH/TO/vigil [TestCase ...]")
    VIGIL = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
