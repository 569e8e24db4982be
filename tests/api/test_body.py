"""Body limits however the body is sent: with Content-Length or in chunks (no length)."""

from __future__ import annotations

import io
import json

import pytest

from service.store import Store

LIMIT = 4000
QUOTE = '"Kami akan membangun jembatan baru tahun ini," kata Bupati Lestari Wahyuningsih.'


def chunked(client, url, body: bytes, headers: dict):
    """POST `body` as a server hands over a chunked request: no CONTENT_LENGTH."""
    return client.post(
        url,
        input_stream=io.BytesIO(body),
        headers={**headers, "Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True, "CONTENT_LENGTH": ""},
    )


def article(size: int) -> str:
    """An article of exactly `size` characters that ends with a quote."""
    filler = "Warga berkumpul di balai desa. "
    head = filler * ((size - len(QUOTE) - 1) // len(filler))
    text = head + " " * (size - len(QUOTE) - len(head)) + QUOTE
    assert len(text) == size
    return text


@pytest.fixture
def small(make_app, tmp_path):
    db = tmp_path / "limit.db"
    return make_app(MAX_BODY=LIMIT, DB=str(db)).test_client(), db


@pytest.mark.parametrize("send", ["content-length", "chunked"])
@pytest.mark.parametrize(
    "url, mimetype, body",
    [
        ("/articles", "text/plain", article(LIMIT + 1).encode()),
        ("/articles", "text/plain", article(3 * LIMIT).encode()),
        ("/articles", "application/json", json.dumps({"text": article(LIMIT)}).encode()),
        ("/extract", "text/plain", article(LIMIT + 1).encode()),
        ("/verify", "application/json", json.dumps({"quote": "a" * 4990}).encode()),
    ],
)
def test_bodies_over_the_limit_are_413_and_store_nothing(small, auth, send, url, mimetype, body):
    client, db = small
    assert len(body) > LIMIT
    before = Store(db).count()
    headers = {**auth, "Content-Type": mimetype}
    if send == "chunked":
        response = chunked(client, url, body, headers)
    else:
        response = client.post(url, data=body, headers=headers)
    assert response.status_code == 413, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    assert str(LIMIT) in response.get_json()["detail"]
    assert Store(db).count() == before


@pytest.mark.parametrize("size", [LIMIT - 100, LIMIT])
def test_a_chunked_body_within_the_limit_is_taken_whole(small, auth, size):
    client, db = small
    text = article(size)
    response = chunked(client, "/articles", text.encode(), {**auth, "Content-Type": "text/plain"})
    assert response.status_code == 201, response.get_data(as_text=True)
    stored = response.get_json()
    assert stored["text"] == text
    assert [q["text"] for q in stored["quotes"]][-1].startswith("Kami akan membangun")
    assert client.get(f"/articles/{stored['id']}").get_json()["text"] == text


def test_a_chunked_claim_is_verified_as_with_a_length(small):
    client, _ = small
    body = json.dumps({"quote": "Kami siap berintegrasi"}).encode()
    plain = client.post("/verify", data=body, content_type="application/json")
    sent = chunked(client, "/verify", body, {"Content-Type": "application/json"})
    assert sent.status_code == plain.status_code == 200
    assert sent.get_json() == plain.get_json()
