"""The SQLite store and the index over it, in process: several apps on one file act as
several gunicorn workers."""

from __future__ import annotations

import fcntl
import os
import sqlite3
import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from servers import article_text

from service import pipeline
from service.index import QuoteIndex, content_hash
from service.store import Store

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_COUNT = len(list(SEEDS.glob("*.txt")))


def stored(text: str, name: str = "", **metadata):
    return pipeline.extract(text, name, **metadata)


def insert_behind_the_stores_back(db: Path, text: str) -> None:
    """Write an article as another tool would: straight into SQLite, no announcement."""
    row = stored(text)
    with sqlite3.connect(db) as conn:
        position = conn.execute("SELECT value + 1 FROM meta WHERE key = 'log'").fetchone()[0]
        conn.execute(
            "INSERT INTO articles (id, content_hash, name, text, metadata, facts, ingested_at, "
            "rules, changed) VALUES (?, ?, ?, ?, '{}', '{}', '2024-01-01T00:00:00+00:00', ?, ?)",
            (row.id, row.content_hash, row.name, row.text, row.rules, position),
        )
        conn.execute("UPDATE meta SET value = ? WHERE key = 'log'", (position,))


def test_the_store_is_sqlite_in_wal_mode_and_creates_its_folder(tmp_path):
    db = tmp_path / "new" / "folder" / "kutip.db"
    store = Store(db)
    assert store.count() == 0 and store.latest() == 0
    assert db.is_file()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_an_article_is_kept_whole_and_survives_reopening(tmp_path):
    db = tmp_path / "kutip.db"
    text = article_text(1) + "\n\ud800 lone surrogate and ünïcödé"
    row = stored(text, "a.txt", title="Judul", published="2024-01-02T03:04:05+07:00")
    assert Store(db).add(row) is True
    again = Store(db)
    assert again.add(row) is False  # same content hash: a duplicate, nothing added
    [article] = list(again.since(0))
    assert article.text == text
    assert article.content_hash == content_hash(text)
    assert article.id == row.id and article.name == "a.txt"
    assert article.metadata == {"title": "Judul", "published": "2024-01-02T03:04:05+07:00"}
    assert article.facts == row.facts and article.rules == pipeline.rules_version()
    assert article.ingested_at.endswith("+00:00")
    assert again.latest() == article.seq


def test_a_failed_batch_adds_nothing(tmp_path):
    store = Store(tmp_path / "kutip.db")
    good = stored(article_text(1))
    broken = replace(stored(article_text(2)), name=None)
    with pytest.raises(sqlite3.IntegrityError):
        store.add_many([good, broken])
    assert store.count() == 0
    assert store.add_many([good]) == [True]


def test_seeds_go_only_into_an_empty_store_and_can_be_turned_off(make_app, tmp_path):
    db = str(tmp_path / "seeded.db")
    app = make_app(DB=db)
    assert len(app.extensions["kutip"].snapshot.articles) == SEED_COUNT
    client = app.test_client()
    headers = {"Authorization": "Bearer test-token-3f9a"}
    assert (
        client.post("/articles", json={"text": article_text(7)}, headers=headers).status_code == 201
    )
    # a restart neither adds the seeds again nor loses the posted article
    again = make_app(DB=db).test_client().get("/health").get_json()
    assert again["articles"] == SEED_COUNT + 1
    assert Store(db).count() == SEED_COUNT + 1
    for off in ("", "off", False):
        empty = make_app(DB=str(tmp_path / f"empty-{off!r}.db"), SEED_DIR=off)
        assert empty.test_client().get("/health").get_json()["articles"] == 0


def test_seed_dir_from_the_environment(make_app, monkeypatch, tmp_path):
    from service import create_app

    monkeypatch.setenv("KUTIP_SEED_DIR", "off")
    monkeypatch.setenv("KUTIP_DB", str(tmp_path / "env.db"))
    app = create_app()
    assert app.config["DB"] == str(tmp_path / "env.db")
    assert app.test_client().get("/health").get_json()["articles"] == 0
    assert (tmp_path / "env.db").is_file()


def test_two_apps_on_one_store_see_each_others_writes(make_app, tmp_path, auth):
    db = str(tmp_path / "shared.db")
    one, two = make_app(DB=db).test_client(), make_app(DB=db).test_client()
    response = one.post(
        "/articles", json={"text": article_text(1), "publisher": "Kompas"}, headers=auth
    )
    assert response.status_code == 201
    created = response.get_json()
    seen = two.get(f"/articles/{created['id']}")
    assert seen.status_code == 200
    assert seen.get_json() == created
    # the same text on the other app: 200, the existing article, nothing added
    repeat = two.post("/articles", json={"text": article_text(1)}, headers=auth)
    assert repeat.status_code == 200 and repeat.get_json()["id"] == created["id"]
    assert one.get("/health").get_json() == two.get("/health").get_json()
    assert Store(db).count() == SEED_COUNT + 1
    # quotes and speakers agree too, ids included
    assert one.get("/quotes?limit=100").get_json() == two.get("/quotes?limit=100").get_json()


@pytest.fixture
def no_recheck(monkeypatch):
    """Readers never ask SQLite themselves: only the announced seq tells them."""
    monkeypatch.setattr(Store, "RECHECK_SECONDS", 3600.0)


def test_a_commit_is_announced_to_every_store_on_the_file(tmp_path, no_recheck):
    db = tmp_path / "kutip.db"
    writer, reader = Store(db), Store(db)
    assert not reader.changed_after(0)
    writer.add(stored(article_text(1)))
    assert reader.changed_after(0) and not reader.changed_after(writer.latest())
    assert (tmp_path / "kutip.db-seq").read_bytes() == writer.latest().to_bytes(8, "little")
    # a duplicate commits nothing new: still nothing after the latest seq
    writer.add(stored(article_text(1)))
    assert not reader.changed_after(writer.latest())


def test_an_index_sees_a_write_from_another_process_at_once(tmp_path, no_recheck):
    db = tmp_path / "kutip.db"
    index = QuoteIndex.from_store(Store(db))
    code = (
        "import sys; sys.path[:0] = ['tests', '.'];"
        "from servers import article_text; from service import pipeline;"
        "from service.store import Store;"
        f"Store({str(db)!r}).add(pipeline.extract(article_text(2), 'other.txt'))"
    )
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", code], cwd=root, check=True, timeout=120)
    assert len(index.refresh().articles) == 1


def test_a_commit_nobody_announced_is_seen_at_the_next_recheck(tmp_path, no_recheck):
    db = tmp_path / "kutip.db"
    store, writer = Store(db), Store(db)
    insert_behind_the_stores_back(db, article_text(1))
    assert store.latest() == 1 and not store.changed_after(0)
    store._recheck_at = 0.0  # the recheck is due
    assert store.changed_after(0)
    assert not store.changed_after(0)  # and the next one is an hour away
    # the next announced commit carries the unannounced one with it
    writer.add(stored(article_text(2)))
    assert store.changed_after(1)


def test_a_stale_beacon_is_corrected_when_a_store_opens(tmp_path, no_recheck):
    db = tmp_path / "kutip.db"
    Store(db).add(stored(article_text(1)))
    beacon = tmp_path / "kutip.db-seq"
    beacon.write_bytes((99).to_bytes(8, "little"))  # say, from a deleted database
    store = Store(db)
    assert beacon.read_bytes() == (1).to_bytes(8, "little")
    assert store.changed_after(0) and not store.changed_after(1)


def unwritable_beacon(directory: Path) -> None:
    """Put a folder where `kutip.db-seq` is: it cannot be written or mapped."""
    beacon = directory / "kutip.db-seq"
    beacon.unlink()
    beacon.mkdir()


def replace_beacon(directory: Path) -> None:
    """Put a new `kutip.db-seq` (holding 0) in place by rename: a mapping of the old file
    sees no more writes."""
    replacement = directory / "new-seq"
    replacement.write_bytes((0).to_bytes(8, "little"))
    replacement.replace(directory / "kutip.db-seq")


def test_a_commit_that_cannot_be_announced_still_counts(tmp_path, no_recheck, caplog):
    db = tmp_path / "kutip.db"
    writer, reader = Store(db), Store(db)
    unwritable_beacon(tmp_path)  # the announcement cannot be written now
    assert writer.add(stored(article_text(1))) is True
    assert "could not announce a commit" in caplog.text
    assert writer.count() == 1
    assert not reader.changed_after(0)  # its mapping still shows 0 ...
    reader._recheck_at = 0.0
    assert reader.changed_after(0)  # ... until its next SQLite check


def test_a_failed_commit_announces_nothing(tmp_path, no_recheck, monkeypatch):
    db = tmp_path / "kutip.db"
    writer, reader = Store(db), Store(db)
    writer.add(stored(article_text(3)))
    announced = []
    monkeypatch.setattr(Store, "_announce", lambda store: announced.append(store))
    broken = replace(stored(article_text(2)), name=None)
    with pytest.raises(sqlite3.IntegrityError):
        writer.add_many([stored(article_text(1)), broken])
    assert announced == [] and writer.latest() == 1
    assert not reader.changed_after(1)


def test_an_index_add_whose_announcement_fails_returns_the_stored_article(tmp_path, caplog):
    db = tmp_path / "kutip.db"
    index = QuoteIndex.from_store(Store(db))
    unwritable_beacon(tmp_path)
    article_id, created = pipeline.add_article(index.store, article_text(1))
    assert created and article_id in index.refresh(force=True).articles
    assert "could not announce a commit" in caplog.text


def test_an_index_add_returns_its_article_even_if_the_mapped_beacon_is_stale(tmp_path, no_recheck):
    db = tmp_path / "kutip.db"
    index = QuoteIndex.from_store(Store(db))
    replace_beacon(tmp_path)  # the announcement goes to a file the index does not map
    article_id, created = pipeline.add_article(index.store, article_text(1))
    assert created and article_id in index.refresh(force=True).articles


def test_a_store_without_a_usable_beacon_asks_sqlite_every_time(tmp_path, no_recheck):
    db = tmp_path / "kutip.db"
    (tmp_path / "kutip.db-seq").mkdir()  # cannot be written or mapped
    store, writer = Store(db), Store(db)
    assert store._beacon is None and not store.changed_after(0)
    writer.add(stored(article_text(1)))
    assert store.changed_after(0) and not store.changed_after(1)


def test_a_beacon_that_is_too_short_is_not_mapped_until_it_is_written_whole(
    tmp_path, no_recheck, monkeypatch
):
    db = tmp_path / "kutip.db"
    writer = Store(db)
    beacon = tmp_path / "kutip.db-seq"
    beacon.write_bytes(b"\0\0\0")
    monkeypatch.setattr(Store, "ANNOUNCE_WAIT", 0.0)
    with open(beacon, "rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)  # so that opening cannot fix it
        reader = Store(db)
    # mapped, reading past the end of the file would be a SIGBUS
    assert reader._beacon is None and not reader.changed_after(0)
    writer.add(stored(article_text(1)))  # writes all 8 bytes
    assert reader.changed_after(0)  # asked SQLite: there is no mapping yet
    reader._recheck_at = 0.0
    assert not reader.changed_after(1) and reader._beacon is not None
    writer.add(stored(article_text(2)))
    assert reader.changed_after(1)  # from the mapping, the recheck an hour away


def test_a_beacon_cut_short_under_a_reader_is_unmapped_at_the_next_recheck(tmp_path, no_recheck):
    db = tmp_path / "kutip.db"
    reader = Store(db)
    # 3 bytes, not 0: the mapped page still exists, so this test can read it at all
    os.truncate(tmp_path / "kutip.db-seq", 3)
    reader._recheck_at = 0.0
    assert not reader.changed_after(0) and reader._beacon is None


def test_a_replaced_beacon_is_mapped_again_at_the_next_recheck(tmp_path, no_recheck):
    db = tmp_path / "kutip.db"
    writer, reader = Store(db), Store(db)
    replace_beacon(tmp_path)  # the reader's mapping sees no more writes
    writer.add(stored(article_text(1)))
    assert not reader.changed_after(0)
    reader._recheck_at = 0.0
    assert reader.changed_after(0)
    writer.add(stored(article_text(2)))
    assert reader.changed_after(1)  # the new file is the one mapped now


def test_a_lock_held_elsewhere_delays_an_announcement_but_never_hangs_it(
    tmp_path, no_recheck, monkeypatch, caplog
):
    db = tmp_path / "kutip.db"
    writer, reader = Store(db), Store(db)
    monkeypatch.setattr(Store, "ANNOUNCE_WAIT", 0.05)
    with open(tmp_path / "kutip.db-seq", "rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)  # say, by a process that hangs
        assert writer.add(stored(article_text(1))) is True
    assert "could not announce a commit" in caplog.text
    assert not reader.changed_after(0)  # not announced ...
    assert writer.changed_after(0)  # ... and the writer itself asks SQLite next
    writer.add(stored(article_text(2)))  # the lock is free again
    assert reader.changed_after(1)


def test_concurrent_adds_of_the_same_and_of_different_texts(tmp_path):
    index = QuoteIndex.from_store(Store(tmp_path / "kutip.db"))
    results: list[tuple[str, bool]] = []
    lock = threading.Lock()

    def add(n: int) -> None:
        article_id, created = pipeline.add_article(index.store, article_text(n % 5))
        assert article_id in index.refresh(force=True).articles
        with lock:
            results.append((article_id, created))

    threads = [threading.Thread(target=add, args=(n,)) for n in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(created for _, created in results) == 5
    assert len({article_id for article_id, _ in results}) == 5
    assert len(index.refresh().articles) == 5 == index.store.count()
