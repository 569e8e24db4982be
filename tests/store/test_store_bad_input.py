"""Bad input to POST /articles: a clear problem each time, and nothing stored is lost."""

from __future__ import annotations

import json

import pytest
from servers import article_text

from service.store import Store

FIFTY_MB = 50 * 1024 * 1024

BAD = {
    "empty JSON text": ("application/json", b'{"text": ""}', 400, "text"),
    "blank JSON text": ("application/json", b'{"text": " \\n\\t "}', 400, "text"),
    "empty text/plain": ("text/plain", b"", 400, "text"),
    "binary garbage": ("text/plain", bytes(range(256)) * 4, 400, "text"),
    "binary as octet-stream": ("application/octet-stream", b"\x00\x01\xff", 415, None),
    "invalid UTF-8 text": ("text/plain", b"Kata \xc3\x28 dia \xff.", 400, "text"),
    "invalid UTF-8 in JSON": ("application/json", b'{"text": "a \xff b"}', 400, None),
    "not JSON": ("application/json", b'{"text": ', 400, None),
    "JSON list": ("application/json", b'["text"]', 400, None),
    "JSON string": ("application/json", b'"text"', 400, None),
    "text is a number": ("application/json", b'{"text": 5}', 400, "text"),
    "text is a list": ("application/json", b'{"text": ["a"]}', 400, "text"),
    "text is null": ("application/json", b'{"text": null}', 400, "text"),
    "no text": ("application/json", b'{"title": "Judul"}', 400, "text"),
    "title is an object": (
        "application/json",
        json.dumps({"text": "ok", "title": {"a": 1}}).encode(),
        400,
        "title",
    ),
    "published is a number": (
        "application/json",
        json.dumps({"text": "ok", "published": 2024}).encode(),
        400,
        "published",
    ),
    "published is not a date": (
        "application/json",
        json.dumps({"text": "ok", "published": "kemarin"}).encode(),
        400,
        "published",
    ),
    "unknown field": ("application/json", json.dumps({"text": "ok", "x": 1}).encode(), 400, "x"),
    "arrays nested 50,000 deep": ("application/json", b"[" * 50_000 + b"]" * 50_000, 400, None),
    "text nested 5,000 deep": (
        "application/json",
        b'{"text": ' + b"[" * 5_000 + b"]" * 5_000 + b"}",
        400,
        None,
    ),
    "5,000-digit number": ("application/json", b'{"text": ' + b"7" * 5_000 + b"}", 400, None),
    "4,000-digit number": ("application/json", b'{"text": ' + b"7" * 4_000 + b"}", 400, "text"),
    "NaN": ("application/json", b'{"text": "ok", "title": NaN}', 400, None),
    "1e999 as a date": (
        "application/json",
        b'{"text": "ok", "published": 1e999}',
        400,
        "published",
    ),
    "NUL in JSON text": ("application/json", b'{"text": "Kata \\u0000 dia."}', 400, "text"),
    "NUL in text/plain": ("text/plain", b"Kata \x00 dia.", 400, "text"),
    "control characters in text/plain": ("text/plain", bytes(range(1, 32)) * 8, 400, "text"),
    "escape sequences in JSON text": (
        "application/json",
        b'{"text": "Judul \\u001b[31mmerah \\u0007"}',
        400,
        "text",
    ),
    "DEL in text/plain": ("text/plain", b"Kata\x7f dia.", 400, "text"),
    "lone surrogate as a key": (
        "application/json",
        b'{"text": "ok", "\\udc00": 1}',
        400,
        "\\udc00",
    ),
}


@pytest.fixture
def loaded(make_app, tmp_path, auth):
    """An app whose store holds the seeds and one posted article."""
    db = tmp_path / "bad-input.db"
    app = make_app(DB=str(db))
    client = app.test_client()
    good = client.post("/articles", json={"text": article_text(1)}, headers=auth)
    assert good.status_code == 201
    return client, db, good.get_json()


def _nothing_lost(client, db, good, count):
    assert Store(db).count() == count
    assert client.get(f"/articles/{good['id']}").get_json() == good
    assert client.get("/health").get_json()["articles"] == count


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_article_bodies_are_clear_problems(loaded, auth, case):
    client, db, good = loaded
    count = Store(db).count()
    mimetype, body, status, field = BAD[case]
    response = client.post(
        "/articles", data=body, headers={**auth, "Content-Type": f"{mimetype}; charset=utf-8"}
    )
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert problem["status"] == status and problem["detail"]
    if field is not None:
        assert field in problem["errors"], problem
    _nothing_lost(client, db, good, count)


def test_a_fifty_megabyte_body_is_refused_with_the_limit(loaded, auth):
    client, db, good = loaded
    count = Store(db).count()
    response = client.post(
        "/articles",
        data=b"a" * FIFTY_MB,
        headers={**auth, "Content-Type": "text/plain"},
    )
    assert response.status_code == 413
    assert response.mimetype == "application/problem+json"
    assert "larger than" in response.get_json()["detail"]
    _nothing_lost(client, db, good, count)
