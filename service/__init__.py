"""Kutip: who said what in Indonesian news, and where it first appeared.

`create_app()` is the WSGI factory (`gunicorn 'service:create_app()'`). Settings come from
the environment, all with a KUTIP_ prefix:

    KUTIP_API_TOKEN   bearer token that allows POST /articles (unset: writes are refused)
    KUTIP_MAX_BODY    largest request body in bytes (default 2 MB)
    KUTIP_DB          the SQLite store (default ./data/kutip.db), created if missing
    KUTIP_SEED_DIR    folder of *.txt articles loaded into an empty store at start (default
                      "seeds"; empty or "off": none)
    KUTIP_CORS_ORIGIN Access-Control-Allow-Origin for read endpoints (default "*")
    KUTIP_PUBLIC_URL  the public address of the API (https://host/prefix): the base of the
                      links it gives (JSON-LD @id); unset, links are paths on this server
"""

from __future__ import annotations

import os
from pathlib import Path
from types import FunctionType
from urllib.parse import urlsplit

from flask import Flask
from flask.sessions import NullSession, SessionInterface

DEFAULT_MAX_BODY = 2 * 1024 * 1024
_REPO_SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _settings_from_env() -> dict:
    settings: dict = {}
    if "KUTIP_API_TOKEN" in os.environ:
        settings["API_TOKEN"] = os.environ["KUTIP_API_TOKEN"]
    if "KUTIP_MAX_BODY" in os.environ:
        raw = os.environ["KUTIP_MAX_BODY"]
        try:
            settings["MAX_BODY"] = int(raw)
        except ValueError:
            raise ValueError(f"KUTIP_MAX_BODY must be a number of bytes, not {raw!r}") from None
    if "KUTIP_DB" in os.environ:
        settings["DB"] = os.environ["KUTIP_DB"]
    if "KUTIP_SEED_DIR" in os.environ:
        settings["SEED_DIR"] = os.environ["KUTIP_SEED_DIR"]
    if "KUTIP_CORS_ORIGIN" in os.environ:
        settings["CORS_ORIGIN"] = os.environ["KUTIP_CORS_ORIGIN"]
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
        raise ValueError(
            "PUBLIC_URL (KUTIP_PUBLIC_URL) must be an http(s) address such as "
            f"https://kutip.example.org or https://example.org/kutip, not {configured!r}"
        )
    return str(configured).rstrip("/")


def _seed_dir(configured: str | None) -> Path | None:
    """The seed folder: None (not configured) means the default, "" or "off" means none."""
    if configured is False:
        return None
    if configured is not None:
        configured = str(configured)
        if configured.strip().lower() in ("", "off", "none"):
            return None
        return Path(configured)
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
    PUBLIC_URL, and any Flask setting) win over the KUTIP_* environment variables."""
    from .api import init_api
    from .index import QuoteIndex
    from .store import DEFAULT_DB, Store

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
    if not isinstance(app.config["MAX_BODY"], int) or app.config["MAX_BODY"] < 1:
        raise ValueError("MAX_BODY (KUTIP_MAX_BODY) must be a positive number of bytes")
    app.config["MAX_CONTENT_LENGTH"] = app.config["MAX_BODY"]
    app.config["PUBLIC_URL"] = public_base(app.config["PUBLIC_URL"])
    app.json.sort_keys = False
    # ensure_ascii (the default) also escapes lone surrogates a JSON body may bring in

    store = Store(app.config["DB"])
    seeds = _seed_dir(app.config["SEED_DIR"])
    if seeds is not None:
        # extracted only if the store is empty (the generator is not consumed otherwise)
        store.seed_if_empty(QuoteIndex.stored_form(s) for s in QuoteIndex.seed_sources(seeds))
    index = QuoteIndex.from_store(store)
    # gunicorn forks workers after this (preload_app): each opens its own connection
    store.close()
    app.extensions["kutip"] = index
    init_api(app)

    @app.before_request
    def catch_up_with_the_store():
        # a memory read of `<db>-seq` (a SQLite query once a second); loads what any
        # worker or `kutip ingest` committed since
        index.refresh()

    return app
