"""gunicorn settings for `make run`, `kutip serve` and the container image.

    gunicorn -c gunicorn.conf.py 'service:create_app()'

Every worker keeps its own in-memory index over the one SQLite store (KUTIP_DB) and checks
before each request whether the store has changed, so all workers answer alike and a read
after an acknowledged write sees it, whichever worker takes it. Settings from the
environment (GUNICORN_CMD_ARGS and command-line flags still win):

    KUTIP_BIND      address to listen on (default 127.0.0.1:8000; the image uses 0.0.0.0:8000)
    KUTIP_WORKERS   worker processes (default 2)
    KUTIP_THREADS   threads per worker (default 2)
    KUTIP_WORKER_CONNECTIONS  client connections a worker holds at most (default 8 per
                    thread); past that it leaves new ones to the other workers
    KUTIP_TIMEOUT   seconds a request may take before its worker is restarted (default 60)
    KUTIP_LOG_LEVEL error log level (default info)
"""

import os


def _positive(name: str, default: int) -> int:
    raw = os.environ.get(name, str(default))
    try:
        value = int(raw)
    except ValueError:
        raise SystemExit(f"{name} must be a whole number, not {raw!r}") from None
    if value < 1:
        raise SystemExit(f"{name} must be at least 1, not {value}")
    return value


bind = os.environ.get("KUTIP_BIND", "127.0.0.1:8000")
workers = _positive("KUTIP_WORKERS", 2)
worker_class = "gthread"
# Two: the requests are CPU work under one GIL, so more threads add no throughput, only
# waits for the GIL after each socket read and write; bench/bench_api.py measured p99 at
# 32 connections 18 ms with two threads against 24 ms with four, at the same throughput.
threads = _positive("KUTIP_THREADS", 2)
# gthread accepts every connection it can: a burst of new keep-alive connections (a
# proxy's pool, wrk's 32) could all land on one worker and leave the other idle, which
# bench/bench_api.py saw as a third of the throughput in some runs. A cap spreads them.
worker_connections = _positive("KUTIP_WORKER_CONNECTIONS", 8 * threads)
timeout = _positive("KUTIP_TIMEOUT", 60)
graceful_timeout = 20
keepalive = 5
# Build the index (and seed an empty store) once, before forking the workers; each worker
# then opens its own SQLite connection.
preload_app = True
# Access log to stdout, errors to stderr: what a container runtime collects.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("KUTIP_LOG_LEVEL", "info")
# Request line and header limits; the body limit is KUTIP_MAX_BODY, enforced by the app.
limit_request_line = 8190
limit_request_fields = 100
