"""A fair share of the costly operations: POST /extract and POST /verify, per client.

Flask-Limiter (its storage and its fixed-window strategy) counts each client's requests
(by address) in fixed windows, the limits parsed once (`init_limits`). The counts
must be shared by all gunicorn workers: counted in each worker's memory, a limit of 30 a
minute would let a client make 30 a minute on every worker, and which worker takes a
request is chance. With no Redis or memcached on a fresh machine, the default storage is
`SQLiteStorage`, a `limits` storage in a small SQLite file beside the store
(`<KUTIP_DB>-limits`, the workers' shared disk): one upsert per limited request. Any other
`limits` storage URI (`redis://host:6379`, `memcached://host:11211`, or `memory://` for one
process) can be set in KUTIP_RATE_LIMIT_STORAGE instead.

If the counts cannot be written (a full disk), the request is served uncounted and the
failure logged: a limit is no reason to refuse a read.

    KUTIP_EXTRACT_LIMIT  requests to POST /extract a client may make (default 30/minute)
    KUTIP_VERIFY_LIMIT   requests to POST /verify a client may make (default 120/minute)
                         Both in Flask-Limiter's notation ("10/second;300/hour"), or "off".
    KUTIP_RATE_LIMIT_STORAGE  where the counts are kept (default: the file beside the store)
"""

from __future__ import annotations

import functools
import math
import os
import random
import sqlite3
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from flask import Flask, current_app, request
from flask_limiter import Limiter, RequestLimit
from limits import RateLimitItem, parse_many
from limits.storage import Storage

from .errors import problem

DEFAULT_LIMITS = {"EXTRACT_LIMIT": "30/minute", "VERIFY_LIMIT": "120/minute"}
SCHEME = "kutip+sqlite"
KEY_PREFIX = "kutip"


class SQLiteStorage(Storage):
    """`limits` counters in a SQLite file, shared by every process that opens it.

    URI: kutip+sqlite:///absolute/path. Each process (and thread) has its own connection;
    the counters need no durability (synchronous=OFF): lost on a crash, they are only a
    minute's worth of counts."""

    STORAGE_SCHEME = [SCHEME]
    # expired counters are deleted now and then, not on every request
    PURGE_CHANCE = 0.01
    # how long a request waits for another process's write to the counters, at most
    BUSY_WAIT = 2.0

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options):
        super().__init__(uri, wrap_exceptions, **options)
        path = unquote(urlsplit(uri or "").path)
        if not path:
            raise ValueError(f"{SCHEME} needs a file: {SCHEME}:///path/to/limits.db")
        self.path = Path(path)
        self._local = threading.local()

    @property
    def base_exceptions(self) -> type[Exception]:
        return sqlite3.Error

    def _connect(self) -> sqlite3.Connection:
        local = self._local
        conn = getattr(local, "conn", None)
        if conn is not None and local.pid == os.getpid():
            return conn
        # timeout=0: SQLite's own wait for a lock sleeps in C, which in a gevent worker
        # stops every other connection of the worker too; `_execute` waits with
        # time.sleep, which gevent makes a yield to the other connections
        conn = sqlite3.connect(self.path, timeout=0, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute(
            "CREATE TABLE IF NOT EXISTS counters (key TEXT PRIMARY KEY, "
            "count INTEGER NOT NULL, expires REAL NOT NULL) WITHOUT ROWID"
        )
        local.conn, local.pid = conn, os.getpid()
        return conn

    def _execute(self, sql: str, parameters: tuple = ()) -> list:
        """Run one statement (its own transaction) and fetch its rows, waiting for a lock
        another process holds up to BUSY_WAIT seconds, a millisecond at a time."""
        deadline = time.monotonic() + self.BUSY_WAIT
        while True:
            try:
                return self._connect().execute(sql, parameters).fetchall()
            except sqlite3.OperationalError as error:
                busy = getattr(error, "sqlite_errorname", "").startswith("SQLITE_BUSY")
                if not busy or time.monotonic() >= deadline:
                    raise
                time.sleep(0.001)

    def incr(self, key: str, expiry: float, amount: int = 1) -> int:
        now = time.time()
        ((count,),) = self._execute(
            "INSERT INTO counters (key, count, expires) VALUES (?1, ?2, ?3) "
            "ON CONFLICT (key) DO UPDATE SET "
            "count = CASE WHEN expires <= ?4 THEN ?2 ELSE count + ?2 END, "
            "expires = CASE WHEN expires <= ?4 THEN ?3 ELSE expires END "
            "RETURNING count",
            (key, amount, now + expiry, now),
        )
        if random.random() < self.PURGE_CHANCE:
            self._execute("DELETE FROM counters WHERE expires <= ?", (now,))
        return count

    def get(self, key: str) -> int:
        rows = self._execute(
            "SELECT count FROM counters WHERE key = ? AND expires > ?", (key, time.time())
        )
        return rows[0][0] if rows else 0

    def get_expiry(self, key: str) -> float:
        now = time.time()
        rows = self._execute(
            "SELECT expires FROM counters WHERE key = ? AND expires > ?", (key, now)
        )
        return rows[0][0] if rows else now

    def check(self) -> bool:
        try:
            self._execute("SELECT 1")
        except sqlite3.Error:
            return False
        return True

    def reset(self) -> int | None:
        count = self._execute("SELECT count(*) FROM counters")[0][0]
        self._execute("DELETE FROM counters")
        return count

    def clear(self, key: str) -> None:
        self._execute("DELETE FROM counters WHERE key = ?", (key,))


def _off(value: str | None) -> bool:
    return value is None or str(value).strip().lower() in ("", "off", "none")


def _too_many(request_limit: RequestLimit):
    """The 429: problem details with how long to wait (Retry-After, whole seconds)."""
    wait = max(1, math.ceil(request_limit.reset_at - time.time()))
    limit = request_limit.limit
    return problem(
        429,
        f"Too many requests to {request.path} from this client: the limit is {limit}. "
        f"Try again in {wait} s.",
        headers={"Retry-After": str(wait)},
    )


def _client() -> str:
    return request.remote_addr or "unknown"


def init_limits(app: Flask, config_error: type[Exception]) -> Limiter | None:
    """Limit POST /extract and POST /verify per client as the config says; None if both
    are off. A limit Flask-Limiter cannot read is a `config_error` naming the setting.

    Flask-Limiter opens the storage and makes the strategy (`limiter.limiter`); each
    limited blueprint counts its POSTs with them (`_counting`), its limits parsed here,
    once. Flask-Limiter's own request hooks are taken off: on every request they worked
    out again which limits apply (blueprint limits, exemption scopes, the limit strings
    parsed anew), about 150 us a request where the count itself is about 15
    (bench/bench_request.py)."""
    from . import extract, verify

    parsed: dict[str, list[RateLimitItem]] = {}
    for name, default in DEFAULT_LIMITS.items():
        value = app.config.setdefault(name, default)
        if _off(value):
            continue
        try:
            # the shortest window first, as Flask-Limiter orders them
            parsed[name] = sorted(parse_many(str(value)))
        except ValueError:
            raise config_error(
                f"KUTIP_{name} must be a rate like 30/minute or 10/second;300/hour, or "
                f"off, not {value!r}"
            ) from None
    limited = [
        (module.blp, parsed[name])
        for module, name in ((extract, "EXTRACT_LIMIT"), (verify, "VERIFY_LIMIT"))
        if name in parsed
    ]
    if not limited:
        return None
    storage = app.config.get("RATE_LIMIT_STORAGE") or (
        f"{SCHEME}://{Path(app.config['DB']).resolve()}-limits"
    )
    limiter = Limiter(
        key_func=_client,
        app=app,
        storage_uri=storage,
        strategy="fixed-window",
        headers_enabled=False,  # Retry-After on the 429 only (`_too_many`)
        key_prefix=KEY_PREFIX,
    )
    _unhook(app, limiter)
    for blueprint, items in limited:
        app.before_request_funcs.setdefault(blueprint.name, []).append(_counting(limiter, items))
    return limiter


def _counting(limiter: Limiter, items: list[RateLimitItem]):
    """The request hook that counts a POST against `items` (each window in turn, the
    shortest first, up to the first one breached): the 429 past a limit; the request
    served uncounted, and the failure logged, if the counts cannot be kept."""

    def count_request():
        # POST only: a browser's preflight (OPTIONS) is no work and no request of its own
        if request.method != "POST":
            return None
        # the key Flask-Limiter gives a blueprint's limit: prefix, client, endpoint
        args = [KEY_PREFIX, _client(), request.endpoint or ""]
        try:
            strategy = limiter.limiter
            for item in items:
                if not strategy.hit(item, *args):
                    return _too_many(RequestLimit(limiter, item, args, True, False))
        except Exception:  # the storage's faults, whichever storage it is
            current_app.logger.exception("rate limit counts not kept; request served uncounted")
        return None

    return count_request


def _unhook(app: Flask, limiter: Limiter) -> None:
    """Take Flask-Limiter's request hooks off the app: `_counting` does their work on the
    limited blueprints (no other route has a limit)."""

    def ours(hook) -> bool:
        owner = getattr(hook, "__self__", None)
        if owner is None and isinstance(hook, functools.partial) and hook.args:
            owner = hook.args[0]
        return owner is limiter

    for registry in (
        app.before_request_funcs,
        app.after_request_funcs,
        app.teardown_request_funcs,
    ):
        hooks = registry.get(None, [])
        if not any(map(ours, hooks)):
            raise RuntimeError("Flask-Limiter's request hooks were not where expected")
        registry[None] = [hook for hook in hooks if not ours(hook)]
