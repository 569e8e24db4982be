"""Rate limits on POST /extract and POST /verify: per client, shared by every worker."""

from __future__ import annotations

import time

import pytest
from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import FixedWindowRateLimiter

from service import ConfigError
from service.api.ratelimit import SQLiteStorage

CLAIM = {"quote": "Kami siap berintegrasi"}
TEXT = '"Jembatan selesai," kata Bupati Ani.'


def post(client, url, address="203.0.113.5"):
    environ = {"REMOTE_ADDR": address}
    if url == "/verify":
        return client.post(url, json=CLAIM, environ_base=environ)
    return client.post(url, data=TEXT, content_type="text/plain", environ_base=environ)


@pytest.mark.parametrize(
    "url, setting, allowed",
    [("/extract", "EXTRACT_LIMIT", 3), ("/verify", "VERIFY_LIMIT", 5)],
)
def test_a_client_over_its_limit_gets_a_429_problem_with_retry_after(
    make_app, url, setting, allowed
):
    client = make_app(**{setting: f"{allowed}/minute"}).test_client()
    statuses = [post(client, url).status_code for _ in range(allowed)]
    assert statuses == [200] * allowed
    refused = post(client, url)
    assert refused.status_code == 429
    assert refused.mimetype == "application/problem+json"
    problem = refused.get_json()
    assert problem["status"] == 429 and f"{allowed} per 1 minute" in problem["detail"]
    assert 1 <= int(refused.headers["Retry-After"]) <= 61
    # a browser on another site can read it, and when to come back
    assert refused.headers["Access-Control-Allow-Origin"] == "*"
    assert "Retry-After" in refused.headers["Access-Control-Expose-Headers"]
    # another client is not held back, nor are reads, nor preflights counted
    assert post(client, url, address="198.51.100.7").status_code == 200
    assert client.get("/health", environ_base={"REMOTE_ADDR": "203.0.113.5"}).status_code == 200
    other = "/extract" if url == "/verify" else "/verify"
    assert post(client, other).status_code == 200


def test_preflights_are_not_counted(make_app):
    client = make_app(VERIFY_LIMIT="2/minute").test_client()
    for _ in range(5):
        preflight = client.options(
            "/verify",
            headers={"Origin": "https://a.example", "Access-Control-Request-Method": "POST"},
        )
        assert preflight.status_code == 200
    assert [post(client, "/verify").status_code for _ in range(3)] == [200, 200, 429]


def test_off_means_no_limit(make_app):
    client = make_app(VERIFY_LIMIT="off", EXTRACT_LIMIT="off").test_client()
    assert {post(client, "/verify").status_code for _ in range(150)} == {200}


def test_the_limits_come_from_the_environment(make_app, monkeypatch):
    monkeypatch.setenv("KUTIP_VERIFY_LIMIT", "1/hour")
    client = make_app().test_client()
    assert [post(client, "/verify").status_code for _ in range(2)] == [200, 429]


def test_the_default_limits(make_app):
    app = make_app()
    assert app.config["EXTRACT_LIMIT"] == "30/minute"
    assert app.config["VERIFY_LIMIT"] == "120/minute"


@pytest.mark.parametrize("value", ["lots", "5 per fortnight", "-3/minute"])
def test_a_bad_limit_is_a_config_error_naming_it(make_app, value):
    with pytest.raises(ConfigError, match="KUTIP_VERIFY_LIMIT must be a rate"):
        make_app(VERIFY_LIMIT=value)


def test_two_workers_share_one_count(make_app, tmp_path):
    """Two apps over one store stand for two gunicorn workers: the limit holds across."""
    db = str(tmp_path / "shared.db")
    first = make_app(DB=db, VERIFY_LIMIT="4/minute").test_client()
    second = make_app(DB=db, VERIFY_LIMIT="4/minute").test_client()
    statuses = [post(client, "/verify").status_code for client in (first, second) * 3]
    assert statuses == [200, 200, 200, 200, 429, 429]


def test_counts_that_cannot_be_kept_do_not_refuse_requests(make_app, tmp_path):
    storage = f"kutip+sqlite://{tmp_path}/no/such/folder/limits.db"
    client = make_app(VERIFY_LIMIT="1/minute", RATE_LIMIT_STORAGE=storage).test_client()
    assert [post(client, "/verify").status_code for _ in range(3)] == [200] * 3


def test_another_limits_storage_can_be_named(make_app):
    client = make_app(VERIFY_LIMIT="1/minute", RATE_LIMIT_STORAGE="memory://").test_client()
    assert [post(client, "/verify").status_code for _ in range(2)] == [200, 429]


# -- the storage: it answers as limits' own in-memory storage does ----------------------


@pytest.mark.parametrize(
    "rate, hits",
    [("3/second", [("a", 0.0)] * 5), ("2/second", [("a", 0.0), ("b", 0.0), ("a", 0.0)] * 2)],
)
def test_the_sqlite_storage_counts_as_the_memory_storage(tmp_path, rate, hits):
    item = parse(rate)
    ours = FixedWindowRateLimiter(SQLiteStorage(f"kutip+sqlite://{tmp_path}/l.db"))
    theirs = FixedWindowRateLimiter(MemoryStorage())
    for who, _ in hits:
        assert ours.hit(item, who) == theirs.hit(item, who)
        assert ours.get_window_stats(item, who).remaining == (
            theirs.get_window_stats(item, who).remaining
        )


def test_the_sqlite_storage_window_expires(tmp_path):
    storage = SQLiteStorage(f"kutip+sqlite://{tmp_path}/l.db")
    assert storage.incr("k", 1) == 1 and storage.incr("k", 1) == 2
    assert storage.get("k") == 2 and storage.get_expiry("k") > time.time()
    time.sleep(1.1)
    assert storage.get("k") == 0
    assert storage.incr("k", 1) == 1  # a new window
    storage.clear("k")
    assert storage.get("k") == 0 and storage.check()
    storage.incr("x", 60)
    storage.incr("y", 60)
    assert storage.reset() == 2 and storage.get("x") == 0


def test_the_sqlite_storage_needs_a_path():
    with pytest.raises(ValueError, match="needs a file"):
        SQLiteStorage("kutip+sqlite://")


def test_the_limiter_runs_on_the_limited_operations_only(make_app):
    app = make_app()
    (limiter,) = app.extensions["limiter"]  # Flask-Limiter keeps a set of its instances

    def hooks(registry, name):
        return [getattr(hook, "__name__", None) for hook in registry.get(name, [])]

    # none of Flask-Limiter's own per-request hooks, on any route
    for registry in (app.before_request_funcs, app.after_request_funcs):
        for funcs in registry.values():
            assert limiter not in [getattr(hook, "__self__", None) for hook in funcs]
    assert "count_request" not in hooks(app.before_request_funcs, None)
    for name in ("verify", "extract"):
        assert hooks(app.before_request_funcs, name).count("count_request") == 1
    assert "count_request" not in hooks(app.before_request_funcs, "quotes")


@pytest.mark.parametrize(
    "setting, breached",
    [("5/hour;2/minute", "2 per 1 minute"), ("2/hour;5/minute", "2 per 1 hour")],
)
def test_several_windows_the_first_breached_refuses(make_app, setting, breached):
    client = make_app(VERIFY_LIMIT=setting).test_client()
    answers = [post(client, "/verify") for _ in range(3)]
    assert [answer.status_code for answer in answers] == [200, 200, 429]
    assert breached in answers[-1].get_json()["detail"]


def test_the_sqlite_storage_waits_for_another_writer_then_gives_up(tmp_path, monkeypatch):
    import sqlite3
    import threading

    path = tmp_path / "l.db"
    storage = SQLiteStorage(f"kutip+sqlite://{path}")
    storage.incr("k", 60)
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # another worker's write in progress
    threading.Timer(0.2, lambda: other.execute("COMMIT")).start()
    started = time.monotonic()
    assert storage.incr("k", 60) == 2  # waited for it
    assert 0.15 < time.monotonic() - started < 1.5
    other.execute("BEGIN IMMEDIATE")
    monkeypatch.setattr(SQLiteStorage, "BUSY_WAIT", 0.1)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        storage.incr("k", 60)
    other.execute("COMMIT")
    other.close()
