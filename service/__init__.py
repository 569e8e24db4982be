"""Kutip: who said what in Indonesian news, and where it first appeared.

`create_app()` is the WSGI factory (`gunicorn 'service:create_app()'`). Settings come from
the environment, all with a KUTIP_ prefix:

    KUTIP_API_TOKEN   bearer token that allows POST /articles (unset: writes are refused)
    KUTIP_MAX_BODY    largest request body in bytes (default 2 MB)
    KUTIP_DB          the SQLite store (default ./data/kutip.db), created if missing
    KUTIP_SEED_DIR    folder of *.txt articles loaded into an empty store at start (default
                      "seeds"; empty or "off": none; a folder that is not there stops the
                      start)
    KUTIP_CORS_ORIGIN Access-Control-Allow-Origin for reads, /verify and /extract (default "*")
    KUTIP_EXTRACT_LIMIT, KUTIP_VERIFY_LIMIT, KUTIP_RATE_LIMIT_STORAGE
                      requests a client may make to POST /extract and POST /verify, and
                      where the counts are kept (service/api/ratelimit.py)
    KUTIP_PUBLIC_URL  the public address of the API (https://host/prefix): the base of the
                      links it gives (JSON-LD @id); unset, links are paths on this server
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from pathlib import Path
from types import FunctionType
from urllib.parse import urlsplit

from flask import Flask
from flask.sessions import NullSession, SessionInterface

DEFAULT_MAX_BODY = 2 * 1024 * 1024
_REPO_SEEDS = Path(__file__).resolve().parent.parent / "seeds"


class ConfigError(RuntimeError):
    """A setting the server cannot start with; the message names it and what it must be.
    (gunicorn prints a RuntimeError raised while loading the app as one line, no
    traceback, and exits with status 1.)"""


def _settings_from_env() -> dict:
    settings: dict = {}
    if "KUTIP_API_TOKEN" in os.environ:
        settings["API_TOKEN"] = os.environ["KUTIP_API_TOKEN"]
    if "KUTIP_MAX_BODY" in os.environ:
        raw = os.environ["KUTIP_MAX_BODY"]
        try:
            settings["MAX_BODY"] = int(raw)
        except ValueError:
            raise ConfigError(
                f"KUTIP_MAX_BODY must be a whole number of bytes (like 2097152), not {raw!r}"
            ) from None
    if "KUTIP_DB" in os.environ:
        settings["DB"] = os.environ["KUTIP_DB"]
    if "KUTIP_SEED_DIR" in os.environ:
        settings["SEED_DIR"] = os.environ["KUTIP_SEED_DIR"]
    if "KUTIP_CORS_ORIGIN" in os.environ:
        settings["CORS_ORIGIN"] = os.environ["KUTIP_CORS_ORIGIN"]
    for name in ("EXTRACT_LIMIT", "VERIFY_LIMIT", "RATE_LIMIT_STORAGE"):
        if f"KUTIP_{name}" in os.environ:
            settings[name] = os.environ[f"KUTIP_{name}"]
    if os.environ.get("KUTIP_PUBLIC_URL"):
        settings["PUBLIC_URL"] = os.environ["KUTIP_PUBLIC_URL"]
    return settings


def public_base(configured: str | None) -> str | None:
    """KUTIP_PUBLIC_URL checked and without its trailing slash: an http(s) address with a
    host and perhaps a path, no query or fragment. None stays None."""
    if configured is None:
        return None
    parts = urlsplit(str(configured))
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ConfigError(
            "PUBLIC_URL (KUTIP_PUBLIC_URL) must be an http(s) address such as "
            f"https://kutip.example.org or https://example.org/kutip, not {configured!r}"
        )
    return str(configured).rstrip("/")


def _seed_dir(configured: str | None) -> Path | None:
    """The seed folder: None (not configured) means the default, "" or "off" means none;
    a folder that is configured must be there."""
    if configured is False:
        return None
    if configured is not None:
        configured = str(configured)
        if configured.strip().lower() in ("", "off", "none"):
            return None
        path = Path(configured)
        if not path.is_dir():
            why = "is not a folder" if path.exists() else "does not exist"
            raise ConfigError(
                f"KUTIP_SEED_DIR {str(path)!r} {why}: point it at a folder of *.txt "
                "articles, or set KUTIP_SEED_DIR=off to start with no seed articles"
            )
        return path
    local = Path.cwd() / "seeds"
    return local if local.is_dir() else _REPO_SEEDS


class _NoSessions(SessionInterface):
    """The API keeps no sessions: skip the cookie machinery on every request."""

    def open_session(self, app, request):
        return None

    def make_null_session(self, app):
        return _NO_SESSION


_NO_SESSION = NullSession()


class KutipFlask(Flask):
    """Flask without two costs every request pays for nothing here (bench/bench_api.py)."""

    session_interface = _NoSessions()
    # a plain function is a coroutine function or not for good; long-lived ones only
    _SYNC_CACHE_LIMIT = 4096

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._sync: dict = {}

    def ensure_sync(self, func):
        # Flask asks `inspect` on every call of every view, hook and flask-smorest wrapper
        # (about a dozen a request) whether it is a coroutine function; remember the answer.
        if type(func) is not FunctionType:
            return super().ensure_sync(func)
        sync = self._sync.get(func)
        if sync is None:
            sync = super().ensure_sync(func)
            if len(self._sync) < self._SYNC_CACHE_LIMIT:
                self._sync[func] = sync
        return sync


def create_app(config: dict | None = None) -> Flask:
    """Build the app. `config` keys (API_TOKEN, MAX_BODY, DB, SEED_DIR, CORS_ORIGIN,
    EXTRACT_LIMIT, VERIFY_LIMIT, RATE_LIMIT_STORAGE, PUBLIC_URL, and any Flask setting) win
    over the KUTIP_* environment variables."""
    from . import pipeline
    from .api import init_api
    from .api.ratelimit import init_limits
    from .index import QuoteIndex
    from .store import DEFAULT_DB, Store, StoreError, describe_fault
    from .web import init_web

    app = KutipFlask(__name__)
    app.config.update(
        API_TOKEN=None,
        MAX_BODY=DEFAULT_MAX_BODY,
        DB=str(DEFAULT_DB),
        SEED_DIR=None,
        CORS_ORIGIN="*",
        PUBLIC_URL=None,
    )
    app.config.update(_settings_from_env())
    app.config.update(config or {})
    max_body = app.config["MAX_BODY"]
    if not isinstance(max_body, int) or isinstance(max_body, bool) or max_body < 1:
        raise ConfigError(
            f"KUTIP_MAX_BODY must be a whole number of bytes, at least 1, not {max_body!r}"
        )
    app.config["MAX_CONTENT_LENGTH"] = app.config["MAX_BODY"]
    app.config["PUBLIC_URL"] = public_base(app.config["PUBLIC_URL"])
    app.json.sort_keys = False
    # ensure_ascii (the default) also escapes lone surrogates a JSON body may bring in

    seeds = _seed_dir(app.config["SEED_DIR"])
    # every fault of the store is a StoreError naming the path and what to do
    store = Store(app.config["DB"])
    try:
        if seeds is not None:
            pipeline.seed(store, seeds)
        # a store of the first schema: its articles' quotes are extracted once, here
        pipeline.complete(store)
        pipeline.check_rules(store)
        # loaded before gunicorn forks the workers (preload_app): what they start from
        store.prepare()
        index = QuoteIndex.from_store(store)
    except sqlite3.DatabaseError as error:  # a damaged page found while reading it all
        raise StoreError(describe_fault(store.path, error)) from None
    # each worker opens its own connection
    store.close()
    app.extensions["kutip"] = index
    init_api(app)
    # the pages for people (GET /, /check, ...): not part of the API or its description
    init_web(app)
    init_limits(app, ConfigError)
    log = logging.getLogger(__name__)
    warned = [0.0]

    @app.before_request
    def catch_up_with_the_store():
        # a read of `<db>-seq` (a SQLite query once a second); loads what any worker or
        # `kutip ingest` committed since. A store that cannot be read now leaves the
        # index as it is: reads go on from it (logged once a minute).
        try:
            index.refresh()
        except sqlite3.Error as error:
            now = time.monotonic()
            if now - warned[0] >= 60:
                warned[0] = now
                log.error("serving what is loaded: %s", describe_fault(store.path, error))

    return app
