#!/usr/bin/python3
"""A request hook that moderates posts before a forum stores them.

The hook is one plain function, ``moderate(form, member)``, which any web
framework can call. It classifies the submitted post and decides the HTTP
answer:

    reject          422, the post is not stored; the member reads why
    hold            202, stored but hidden until a moderator approves it
    censor/redact   201, published with the masked text; the member reads why
    allow/tag/flag  201, published as written (tag/flag: a team is notified)

Every answer that changes the post shows the member the guideline message
(``verdict.tell_author``), which cites the guideline and its URL.

With Flask (Debian: python3-flask) the hook runs as ``before_request`` on
``POST /posts``; without it, the same hook wraps a tiny stdlib WSGI app.
One engine serves every request thread: ``Engine.classify`` keeps one scanner
per thread and releases the GIL while it works.

    /usr/bin/python3 examples/python/flask_hook.py --demo         # in-process requests
    /usr/bin/python3 examples/python/flask_hook.py --serve 8000   # then:
    curl -d 'body=you idiot' -d 'trust_level=0' localhost:8000/posts
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from typing import Any, Dict, Mapping, Optional, Tuple
from urllib.parse import parse_qs, urlencode

import vigil

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RULES = os.environ.get("VIGIL_RULES", os.path.join(ROOT, "rules", "community-default.yaml"))

# Compiled once per process (a deployment would ship a compiled file and use
# vigil.Engine.load("rules.vigil"), which takes milliseconds).
ENGINE = vigil.Engine.from_file(RULES)

Response = Tuple[int, Dict[str, Any]]


def moderate(form: Mapping[str, str], member: Mapping[str, Any]) -> Optional[Response]:
    """The hook: None lets the request through unchanged (the post is stored
    as written); otherwise the (status, JSON body) to answer with.

    ``form`` holds the submitted ``title``, ``body`` and ``channel``;
    ``member`` what the forum knows about the author.
    """
    try:
        verdict = ENGINE.classify(
            form.get("body", ""), form.get("title") or None,
            author=vigil.Author(**member), channel=form.get("channel") or None)
    except vigil.PostError as e:  # invalid UTF-8, or larger than the engine accepts
        return 400, {"error": e.status_name, "message": e.message}
    guidance = [{"message": m.text, "guideline": m.guideline.title, "url": m.guideline.url}
                for m in verdict.messages]
    if verdict.action is vigil.Action.REJECT:
        return 422, {"status": "rejected", "guidance": guidance}
    if verdict.action is vigil.Action.HOLD:
        notify(verdict)
        return 202, {"status": "held for review", "guidance": guidance}
    if verdict.action in (vigil.Action.CENSOR, vigil.Action.REDACT):
        notify(verdict)
        return 201, {"status": "published", "title": verdict.censored_title,
                     "body": verdict.censored_body, "guidance": guidance}
    if verdict.escalations:
        notify(verdict)
    return None


def notify(verdict: vigil.Verdict) -> None:
    """Where a forum would queue the post for its escalation targets."""
    for e in verdict.escalations:
        print(f"  [queue {e.id} ({e.priority.label})] {verdict.rule_ids}", file=sys.stderr)


def member_from(values: Mapping[str, str]) -> Dict[str, Any]:
    """The author, as a real forum would load it from the session; here from
    the form, for the demo."""
    member: Dict[str, Any] = {"name": values.get("name") or None}
    for key in ("trust_level", "account_age_days", "post_count"):
        if values.get(key):
            member[key] = int(values[key])
    return member


# ---------------------------------------------------------------- WSGI

def wsgi_app(environ: Dict[str, Any], start_response: Any) -> list:
    """POST /posts with the hook in front of a store that accepts anything."""
    if environ.get("PATH_INFO") != "/posts" or environ.get("REQUEST_METHOD") != "POST":
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found\n"]
    size = int(environ.get("CONTENT_LENGTH") or 0)
    raw = environ["wsgi.input"].read(size).decode("utf-8", "surrogateescape")
    form = {k: v[0] for k, v in parse_qs(raw).items()}
    answer = moderate(form, member_from(form))
    status, payload = answer or (201, {"status": "published", "title": form.get("title"),
                                       "body": form.get("body", "")})
    reason = {201: "Created", 202: "Accepted", 400: "Bad Request", 422: "Unprocessable Entity"}
    start_response(f"{status} {reason[status]}", [("Content-Type", "application/json")])
    return [json.dumps(payload, ensure_ascii=False).encode() + b"\n"]


def call_wsgi(form: Mapping[str, str]) -> Tuple[str, Dict[str, Any]]:
    """One in-process request to wsgi_app, as a WSGI server would make it."""
    body = urlencode(form).encode()
    environ = {"REQUEST_METHOD": "POST", "PATH_INFO": "/posts", "CONTENT_LENGTH": str(len(body)),
               "wsgi.input": io.BytesIO(body)}
    seen: Dict[str, str] = {}

    def start_response(status: str, headers: list) -> None:
        seen["status"] = status

    payload = b"".join(wsgi_app(environ, start_response))
    return seen["status"], json.loads(payload)


# ---------------------------------------------------------------- Flask

def create_flask_app() -> Any:
    """The same hook as Flask's before_request (requires python3-flask)."""
    import flask

    app = flask.Flask(__name__)

    @app.before_request
    def moderation_hook() -> Any:
        if flask.request.method == "POST" and flask.request.path == "/posts":
            answer = moderate(flask.request.form, member_from(flask.request.form))
            if answer is not None:
                status, payload = answer
                flask.g.moderated = payload
                if status != 201:
                    return flask.jsonify(payload), status
        return None

    @app.post("/posts")
    def create_post() -> Any:
        payload = getattr(flask.g, "moderated", None) or {
            "status": "published", "title": flask.request.form.get("title"),
            "body": flask.request.form.get("body", "")}
        return flask.jsonify(payload), 201

    return app


DEMO = [
    {"body": "Hi all, I'm Maria from Lisbon.", "trust_level": "2"},
    {"body": "Contact me at maria.k@example.com", "trust_level": "2"},
    {"body": "Deals https://a.example/1 https://b.example/2 https://c.example/3",
     "trust_level": "0", "channel": "general"},
    {"body": "If you post that again I will kill you", "trust_level": "1"},
    {"title": "refund", "body": "I was charged twice, I want a refund", "trust_level": "1"},
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--demo", action="store_true", help="run a few requests in-process")
    parser.add_argument("--serve", type=int, metavar="PORT", help="serve on localhost:PORT")
    parser.add_argument("--flask", action="store_true", help="use Flask (python3-flask)")
    args = parser.parse_args()
    if args.serve:
        if args.flask:
            create_flask_app().run(port=args.serve)
        else:
            from wsgiref.simple_server import make_server

            print(f"serving on http://localhost:{args.serve}/posts")
            make_server("localhost", args.serve, wsgi_app).serve_forever()
        return
    app = create_flask_app().test_client() if args.flask else None
    for form in DEMO:
        if app is not None:
            r = app.post("/posts", data=form)
            status, payload = f"{r.status_code}", r.get_json()
        else:
            status, payload = call_wsgi(form)
        print(f"POST /posts {form['body'][:50]!r} -> {status}")
        print("  " + json.dumps(payload, ensure_ascii=False))


if __name__ == "__main__":
    main()
