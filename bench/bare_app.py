"""The bare Flask baseline for bench/bench_api.py: one route, a fixed JSON body.

    BARE_BODY_BYTES=4321 gunicorn -c gunicorn.conf.py 'bench.bare_app:create_app()'

The body is `{"items": [], "pad": "xxx..."}` padded to exactly BARE_BODY_BYTES bytes (the
size of the response it is compared with), served as application/json by any path.
"""

from __future__ import annotations

import os

from flask import Flask, Response


def body_of_size(size: int) -> bytes:
    empty = b'{"items": [], "pad": ""}'
    if size < len(empty):
        raise ValueError(f"a JSON body needs at least {len(empty)} bytes, not {size}")
    return empty[:-2] + b"x" * (size - len(empty)) + b'"}'


def create_app() -> Flask:
    body = body_of_size(int(os.environ.get("BARE_BODY_BYTES", "1000")))
    app = Flask(__name__)

    @app.route("/", defaults={"path": ""})
    @app.route("/<path:path>")
    def fixed(path):
        return Response(body, mimetype="application/json")

    return app
