"""Extraction results live in the store: a restart extracts nothing, older stores and
older rules are served and brought up to date, and a kill -9 anywhere leaves a store
that is whole and that the next run finishes."""

from __future__ import annotations

import json
import logging
import os
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from service import pipeline
from service.cli import main
from service.index import quote_id, speaker_id
from service.store import Store

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
CHIEFS = ["Yulius Tandiari", "Marlina Sembiring", "Ahmad Fauzan Lubis", "Ketut Ardana"]

# the first schema: articles only, their quotes extracted at every start
FIRST_SCHEMA = """
CREATE TABLE articles (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    text         BLOB NOT NULL,
    metadata     TEXT NOT NULL,
    facts        TEXT NOT NULL,
    ingested_at  TEXT NOT NULL
);
"""


def village(n: int) -> str:
    """A distinct short article with two quotes by one of a few village heads."""
    chief = CHIEFS[n % len(CHIEFS)]
    return (
        f"Kepala Desa {chief} meresmikan sumur bor nomor {n} di kampungnya.\n\n"
        f'"Air bersih dari sumur nomor {n} kini mengalir ke {n % 7 + 2} dusun," kata {chief}.\n\n'
        f'"Warga tidak perlu lagi membeli air jeriken untuk sumur {n}," ujarnya.\n'
    )


def pages(client) -> dict:
    """What the API shows: every quote, speaker and article, and the health counts."""
    return {
        path: client.get(path).get_json()
        for path in ("/health", "/quotes?limit=100", "/speakers?limit=100", "/articles?limit=100")
    }


def assert_consistent(db: Path) -> None:
    """The file is sound; each article's quotes are there whole or not at all (as its
    rules say); the speakers' counts are the quotes'; the log is where the rows are."""
    rules = pipeline.rules_version()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        counted = {
            (name, kind): n
            for name, kind, n in conn.execute(
                "SELECT speaker, kind, count(*) FROM quotes WHERE speaker IS NOT NULL "
                "GROUP BY speaker, kind"
            )
        }
        stored = {
            (name, kind): n
            for name, kind, n in conn.execute(
                "SELECT name, kind, quotes FROM speakers WHERE quotes > 0"
            )
        }
        assert counted == stored
        for seq, text, version in conn.execute("SELECT seq, text, rules FROM articles"):
            found = [
                row[0]
                for row in conn.execute(
                    "SELECT text FROM quotes WHERE article = ? ORDER BY position", (seq,)
                )
            ]
            if version == rules:
                text = text if isinstance(text, str) else bytes(text).decode()  # BLOB of old
                assert found == [q.text for q in pipeline.extract(text).quotes]
            else:
                assert found == []
        log = conn.execute("SELECT value FROM meta WHERE key = 'log'").fetchone()[0]
        assert log == max(
            conn.execute(f"SELECT coalesce(max(changed), 0) FROM {table}").fetchone()[0]
            for table in ("articles", "speakers", "retired")
        )


def test_a_restart_loses_nothing_and_extracts_nothing(make_app, tmp_path, auth, monkeypatch):
    db = str(tmp_path / "restart.db")
    client = make_app(DB=db).test_client()
    for n in range(6):
        assert client.post("/articles", json={"text": village(n)}, headers=auth).status_code == 201
    before = pages(client)
    article = before["/articles?limit=100"]["items"][0]["id"]
    detail = client.get(f"/articles/{article}").get_json()

    def no_extraction(*args, **kwargs):
        raise AssertionError("an article was extracted at start")

    monkeypatch.setattr(pipeline, "extract_article", no_extraction)
    again = make_app(DB=db).test_client()
    assert pages(again) == before
    assert again.get(f"/articles/{article}").get_json() == detail
    assert before["/health"]["articles"] == 5 + 6


def test_a_store_of_the_first_schema_is_upgraded_in_place(make_app, tmp_path, caplog):
    db = tmp_path / "first.db"
    texts = {p.name: p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))}
    with sqlite3.connect(db) as conn:
        conn.executescript(FIRST_SCHEMA)
        for name, text in texts.items():
            result = pipeline.extract(text, name)
            conn.execute(
                "INSERT INTO articles (id, content_hash, name, text, metadata, facts, "
                "ingested_at) VALUES (?, ?, ?, ?, '{}', ?, '2024-01-01T00:00:00+00:00')",
                (result.id, result.content_hash, name, text.encode(), json.dumps(result.facts)),
            )
    caplog.set_level(logging.WARNING)
    upgraded = make_app(DB=str(db), SEED_DIR="off").test_client()
    assert "upgrading the store" in caplog.text
    assert f"extracting {len(texts)} articles stored without their quotes" in caplog.text
    fresh = make_app(DB=str(tmp_path / "fresh.db")).test_client()  # the seeds, as new
    assert pages(upgraded) == pages(fresh)
    assert_consistent(db)
    assert Store(db).rules_versions() == {pipeline.rules_version(): len(texts)}
    # the ids the first schema's servers gave Lukashenko and his quotes still answer
    speaker = upgraded.get("/speakers?q=lukashenko").get_json()["items"][0]
    for name in ("Alexander Lukashenko", "Lukashenko"):
        before = speaker_id(name)
        assert before != speaker["id"]
        assert upgraded.get(f"/speakers/{before}").get_json()["id"] == speaker["id"]
    quote = upgraded.get(f"/speakers/{speaker['id']}/timeline").get_json()["items"][0]
    before = quote_id(speaker_id("Alexander Lukashenko"), quote["text"])
    assert upgraded.get(f"/quotes/{before}").get_json() == quote | {"match": None}


def test_a_store_read_by_other_rules_is_served_then_brought_up_to_date(
    make_app, tmp_path, caplog, capsys
):
    db = tmp_path / "rules.db"
    store = Store(db)
    current = [pipeline.extract(village(n)) for n in range(8)]
    # as rules of before would have left them: the last quote of each article not found
    store.add_many(replace(r, rules="0ld-rules", quotes=r.quotes[:1]) for r in current)
    caplog.set_level(logging.WARNING)
    client = make_app(DB=str(db), SEED_DIR="off").test_client()
    warnings = [r for r in caplog.records if "other rules" in r.getMessage()]
    assert len(warnings) == 1 and "8 of 8 articles" in warnings[0].getMessage()
    assert client.get("/health").get_json()["quotes"] == 8  # served as stored

    assert main(["reindex", "--db", str(db), "--no-progress"]) == 0
    assert "extracted 8 articles again" in capsys.readouterr().out
    # the running app picks the new results up at its next request
    fresh = Store(tmp_path / "fresh.db")
    fresh.add_many(current)
    expected = pages(make_app(DB=str(fresh.path), SEED_DIR="off").test_client())
    assert pages(client) == expected
    assert_consistent(db)
    assert main(["reindex", "--db", str(db), "--no-progress"]) == 0
    assert "extracted 0 articles again" in capsys.readouterr().out


def run_and_kill(command: list[str], db: Path, done, timeout: float = 120) -> bool:
    """Start `kutip COMMAND`, SIGKILL it once `done(connection)` says it is under way;
    whether it was killed before it finished by itself."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KUTIP_")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "service.cli", *command],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + timeout
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            if db.exists():
                try:
                    with sqlite3.connect(db, timeout=1) as conn:
                        if done(conn):
                            os.kill(proc.pid, signal.SIGKILL)
                            break
                except sqlite3.OperationalError:
                    pass  # not created yet, or busy
            time.sleep(0.005)
    finally:
        finished_alone = proc.poll() is not None and proc.returncode == 0
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)
    return not finished_alone


def test_a_reindex_killed_midway_leaves_a_whole_store_and_the_next_run_finishes(tmp_path, capsys):
    db = tmp_path / "reindex.db"
    count = 240
    current = [pipeline.extract(village(n)) for n in range(count)]
    # read by other rules, which found nothing
    Store(db).add_many(replace(r, rules="0ld-rules", quotes=()) for r in current)
    rules = pipeline.rules_version()

    def some_done(conn) -> bool:
        found = conn.execute("SELECT count(*) FROM articles WHERE rules = ?", (rules,))
        return found.fetchone()[0] >= 20

    killed = run_and_kill(["reindex", "--db", str(db), "--batch", "2"], db, some_done)
    assert killed, "reindex finished before it could be killed"
    assert_consistent(db)
    left = Store(db).count_outdated(rules)
    assert 0 < left < count
    assert main(["reindex", "--db", str(db), "--no-progress"]) == 0
    assert f"extracted {left} articles again" in capsys.readouterr().out
    assert_consistent(db)
    assert Store(db).count_outdated(rules) == 0


def test_an_ingest_killed_midway_leaves_a_whole_store_and_the_next_run_finishes(tmp_path, capsys):
    db = tmp_path / "ingest.db"
    count = 600
    lines = tmp_path / "feed.jsonl"
    lines.write_text(
        "".join(json.dumps({"text": village(n)}) + "\n" for n in range(count)), "utf-8"
    )

    def some_done(conn) -> bool:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0] >= 100

    killed = run_and_kill(["ingest", str(lines), "--db", str(db)], db, some_done)
    assert killed, "ingest finished before it could be killed"
    assert_consistent(db)
    stored = Store(db).count()
    assert 100 <= stored < count
    assert main(["ingest", str(lines), "--db", str(db), "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == f"added {count - stored}, duplicates {stored}, rejected 0"
    assert_consistent(db)
    assert Store(db).count() == count


@pytest.mark.parametrize("durable", [True, False])
def test_a_write_that_fails_leaves_nothing_and_the_next_succeeds(tmp_path, durable):
    store = Store(tmp_path / "kutip.db", durable=durable)
    good = pipeline.extract(village(1))
    with pytest.raises(sqlite3.IntegrityError):
        store.add_many([good, replace(pipeline.extract(village(2)), name=None)])
    assert store.count() == 0 and store.latest() == 0
    assert store.add(good) is True
    assert_consistent(store.path)
