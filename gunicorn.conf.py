"""gunicorn settings for `make run`, `kutip serve` and the container image.

    gunicorn -c gunicorn.conf.py 'service:create_app()'

The workers are gevent workers (service/serving.py): each connection is a greenlet, so
clients that send their request slowly, a byte at a time, hold no thread that other
clients need; gunicorn drops a connection that has not sent a whole header block within
`keepalive` seconds. No proxy is needed in front for that (README: Serving).

Every worker keeps its own in-memory index over the one SQLite store (KUTIP_DB) and checks
before each request whether the store has changed, so all workers answer alike and a read
after an acknowledged write sees it, whichever worker takes it. Settings from the
environment (GUNICORN_CMD_ARGS and command-line flags still win):

    KUTIP_BIND      address to listen on: HOST:PORT, [IPv6]:PORT or unix:PATH (default
                    127.0.0.1:8000; the image uses 0.0.0.0:8000)
    KUTIP_WORKERS   worker processes (default 2)
    KUTIP_WORKER_CONNECTIONS  client connections a worker holds at once (default 1000)
    KUTIP_TIMEOUT   seconds a worker may stay busy before it is restarted (default 60)
    KUTIP_LOG_LEVEL error log level (default info)

A bad value stops the start with one line saying which setting and what it must be.
"""

import os
import re


def _positive(name: str, default: int) -> int:
    raw = os.environ.get(name, str(default))
    try:
        value = int(raw)
    except ValueError:
        raise SystemExit(f"{name} must be a whole number, not {raw!r}") from None
    if value < 1:
        raise SystemExit(f"{name} must be at least 1, not {value}")
    return value


_HOST_PORT = re.compile(r"(?P<host>\[[0-9A-Fa-f:.]+\]|[^\s:\[\]]+)(?::(?P<port>[^:]*))?")


def _bind(raw: str) -> str:
    """KUTIP_BIND checked here, where gunicorn would print a traceback or retry a port
    that cannot exist."""
    value = raw.strip()
    if value.startswith(("unix:", "fd://")) and len(value) > len("unix:"):
        return value
    usage = (
        "KUTIP_BIND must be HOST:PORT (like 127.0.0.1:8000 or 0.0.0.0:8000), "
        f"[IPv6]:PORT or unix:PATH, not {raw!r}"
    )
    found = _HOST_PORT.fullmatch(value)
    if found is None:
        raise SystemExit(usage)
    port = found.group("port")
    if port is not None and not (port.isdigit() and 1 <= int(port) <= 65535):
        raise SystemExit(f"{usage}: the port must be a number from 1 to 65535")
    return value


bind = _bind(os.environ.get("KUTIP_BIND", "127.0.0.1:8000"))
workers = _positive("KUTIP_WORKERS", 2)
worker_class = "service.serving.KutipWorker"
# Connections (greenlets) a worker holds; slow clients each take one. gunicorn's default.
worker_connections = _positive("KUTIP_WORKER_CONNECTIONS", 1000)
timeout = _positive("KUTIP_TIMEOUT", 60)
graceful_timeout = 20
# also the time a client has to send a whole header block (gunicorn's gevent worker)
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
# No gunicornc control socket: nothing here uses it, and its default place ($HOME/.gunicorn)
# is not writable for the image's user, which logged an error at every start.
control_socket_disable = True
