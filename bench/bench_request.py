"""What one request costs inside the process: the app called as WSGI, no server, no sockets.

    python bench/bench_request.py [--requests 5000] [--repeat 5]

Kutip over the seed articles (a fresh store in a temporary KUTIP_DB) and the bare Flask
app of bench/bench_api.py, with a body of the same size as the speaker look-up's, each
called directly with a prepared WSGI environ (POST /verify with bench_api.py's claim);
microseconds a request, the best of --repeat runs. It shows what the app adds to a
request, without the server's share that bench_api.py's figures include (parsing HTTP,
threads, the access log).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

# the claim of bench_api.py's POST /verify
VERIFY_BODY = json.dumps(
    {
        "quote": "kami tidak ingin mengulangi kesalahan yang dibuat di negara serikat kami",
        "speaker": "Lukashenko",
    }
).encode()
# (label, path, query, JSON body or None for a GET)
REQUESTS = (
    ("GET /quotes?speaker=lukashenko", "/quotes", "speaker=lukashenko", None),
    ("GET /quotes?q=integrasi", "/quotes", "q=integrasi", None),
    ("GET /health", "/health", "", None),
    ("POST /verify", "/verify", "", VERIFY_BODY),
)


def environ(path: str, query: str, body: bytes | None = None) -> dict:
    posted = (
        {"CONTENT_TYPE": "application/json", "CONTENT_LENGTH": str(len(body))}
        if body is not None
        else {}
    )
    return {
        "REQUEST_METHOD": "GET" if body is None else "POST",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1:8000",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body or b""),
        "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0),
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        **posted,
    }


def call(app, path: str, query: str, sent: bytes | None = None) -> tuple[str, bytes]:
    status = []
    body = b"".join(app(environ(path, query, sent), lambda s, h, e=None: status.append(s)))
    return status[0], body


def per_request_us(
    app, path: str, query: str, requests: int, repeat: int, sent: bytes | None = None
) -> float:
    for _ in range(200):
        call(app, path, query, sent)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(requests):
            call(app, path, query, sent)
        best = min(best, time.perf_counter() - start)
    return best / requests * 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    from bench.bare_app import create_app as create_bare
    from service import create_app

    with tempfile.TemporaryDirectory(prefix="kutip-bench-") as tmp:
        # a limit on POST /verify that never trips: its cost (one SQLite upsert) is counted
        app = create_app(
            {
                "DB": f"{tmp}/kutip.db",
                "SEED_DIR": str(REPO / "seeds"),
                "VERIFY_LIMIT": "100000000/minute",
            }
        )
        status, body = call(app, *REQUESTS[0][1:])
        verified = call(app, *REQUESTS[-1][1:])
        if verified[0] != "200 OK" or b'"matches":[{' not in verified[1]:
            raise SystemExit(f"POST /verify answered {verified[0]}: {verified[1][:200]!r}")
        if status != "200 OK" or b'"items":[{' not in body:
            raise SystemExit(f"the speaker look-up answered {status}: {body[:200]!r}")
        os.environ["BARE_BODY_BYTES"] = str(len(body))
        bare = create_bare()
        print(f"python {platform.python_version()}; best of {args.repeat} x {args.requests}")
        print("| request | us a request |")
        print("|---|---|")
        bare_us = per_request_us(bare, "/", "", args.requests, args.repeat)
        print(f"| bare Flask, {len(body)} bytes | {bare_us:.1f} |")
        for label, path, query, sent in REQUESTS:
            us = per_request_us(app, path, query, args.requests, args.repeat, sent)
            print(f"| {label} | {us:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
