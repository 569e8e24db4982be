"""Durability and consistency through gunicorn with two workers over one SQLite store."""

from __future__ import annotations

import hashlib
import http.client
import json
import re
import sqlite3
import threading
import time
import uuid
from urllib.parse import urlsplit

from servers import TOKEN, article_text


def request(base: str, method: str, path: str, body: str | None = None) -> tuple[int, dict]:
    """One request on a connection of its own (so any worker may take it)."""
    url = urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    try:
        headers = {"Connection": "close"}
        if body is not None:
            headers.update({"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"})
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, json.loads(response.read())
    finally:
        conn.close()


def post(base: str, text: str) -> tuple[int, dict]:
    return request(base, "POST", "/articles", json.dumps({"text": text}))


def test_every_acknowledged_article_survives_sigkill_of_the_master(gunicorn, tmp_path):
    db = tmp_path / "crash.db"
    server = gunicorn(db=db)
    run = uuid.uuid4().hex[:8]
    acknowledged: dict[str, str] = {}  # id -> text, for every 201
    attempted: dict[str, str] = {}  # content hash -> text, for every POST sent
    lock = threading.Lock()
    enough = threading.Event()
    interrupted: list[int] = []

    def writer(worker: int) -> None:
        for n in range(1000):
            text = article_text(worker * 1000 + n, run)
            digest = hashlib.sha256(text.encode()).hexdigest()
            with lock:
                attempted[digest] = text
            try:
                status, body = post(server.base, text)
            # The server died under us: no answer, or headers without the whole body
            # (http.client.IncompleteRead). The article is in `attempted` either way.
            except (OSError, http.client.HTTPException):
                with lock:
                    interrupted.append(worker)
                return
            assert status == 201, body
            with lock:
                acknowledged[body["id"]] = text
                if len(acknowledged) >= 40:
                    enough.set()

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(4)]
    for t in threads:
        t.start()
    assert enough.wait(120), "40 articles were not acknowledged in 120 s"
    server.kill()  # mid-way: the writers are still posting
    for t in threads:
        t.join(60)
    # every writer was cut off by the crash, none ran out of articles
    assert sorted(interrupted) == [0, 1, 2, 3]
    assert len(acknowledged) >= 40

    # Nothing half-written: the file is sound and every row is a whole article we sent.
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows = conn.execute("SELECT id, content_hash, text, facts FROM articles").fetchall()
    for article_id, digest, text, facts in rows:
        # TEXT, or the UTF-8 of a text holding a lone surrogate
        assert attempted[digest] == (text if isinstance(text, str) else bytes(text).decode())
        assert article_id == f"art_{digest[:16]}"
        assert json.loads(facts)["authors"] == []
    stored = {row[0] for row in rows}
    assert set(acknowledged) <= stored

    # Restarted, it serves every acknowledged article whole, with its quote.
    again = gunicorn(db=db)
    status, health = request(again.base, "GET", "/health")
    assert status == 200 and health["articles"] == len(rows)
    for article_id, text in acknowledged.items():
        status, body = request(again.base, "GET", f"/articles/{article_id}")
        assert status == 200, body
        assert body["text"] == text
        assert [q["speaker"]["name"] for q in body["quotes"]] == ["Alexander Lukashenko"]
        assert body["quotes"][0]["text"].startswith("Kami siap berintegrasi")


def test_a_read_after_a_write_sees_it_on_any_worker(gunicorn):
    server = gunicorn(seeds="seeds")
    run = uuid.uuid4().hex[:8]
    status, health = request(server.base, "GET", "/health")
    before = health["articles"]
    assert before == 5
    for n in range(200):
        text = article_text(n, run)
        status, created = post(server.base, text)
        assert status == 201, created
        # a new connection: the other worker as often as not
        status, got = request(server.base, "GET", f"/articles/{created['id']}")
        assert status == 200, (n, got)
        assert got["text"] == text and got["quote_count"] == 1
        status, page = request(server.base, "GET", f"/quotes?article={created['id']}")
        assert status == 200 and page["total"] == 1, (n, page)
    status, health = request(server.base, "GET", "/health")
    assert health["articles"] == before + 200

    # Both workers answered reads after writes that the other one took.
    time.sleep(0.2)
    served = re.findall(r"pid=<(\d+)> GET /articles/art_", server.log_text())
    posted = re.findall(r"pid=<(\d+)> POST /articles ", server.log_text())
    assert len(served) == 200 and len(posted) == 200
    assert len(set(served)) == 2 and len(set(posted)) == 2, (set(served), set(posted))


def three_quotes(token: str) -> str:
    return (
        f"Kepala Dinas Perhubungan Siti Rahmawati meninjau terminal {token}.\n\n"
        f'"Terminal {token} dibuka kembali besok pagi," kata Siti Rahmawati.\n\n'
        f'"Bus tambahan disiapkan untuk terminal {token}," ujarnya.\n\n'
        f'"Kami minta warga bersabar di terminal {token}," kata Siti.\n'
    )


def test_readers_on_any_worker_see_an_article_whole_or_not_at_all(gunicorn):
    server = gunicorn()
    run = uuid.uuid4().hex[:8]
    started: list[str] = []  # tokens of articles being posted
    acknowledged: list[str] = []  # tokens of articles answered 201
    problems: list[str] = []
    done = threading.Event()

    def write() -> None:
        try:
            for n in range(30):
                token = f"t{run}n{n}"
                started.append(token)
                status, body = post(server.base, three_quotes(token))
                assert status == 201, body
                acknowledged.append(token)
        finally:
            done.set()

    def read() -> None:
        while not done.is_set():
            sure = list(acknowledged)
            for token in started[-3:] + sure[-2:]:
                status, page = request(server.base, "GET", f"/quotes?q={token}")
                total = page.get("total")
                if status != 200 or total not in (0, 3):
                    problems.append(f"{token}: {status} {total}")
                elif token in sure and total != 3:
                    problems.append(f"{token}: acknowledged, but {total} quotes")

    threads = [threading.Thread(target=write)] + [threading.Thread(target=read) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert problems == [] and len(acknowledged) == 30
    # A worker of the event loop may take every connection while the load lasts; then
    # read on (a new connection each time) until the other one has answered too.
    served: set[str] = set()
    for n in range(400):
        served = set(re.findall(r"pid=<(\d+)> GET /quotes", server.log_text()))
        if len(served) == 2:
            break
        token = acknowledged[n % 30]
        status, page = request(server.base, "GET", f"/quotes?q={token}")
        assert status == 200 and page["total"] == 3, (token, page)
        time.sleep(0.005)
    assert len(served) == 2  # both workers answered reads
