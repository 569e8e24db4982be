"""Store faults: named at start in one line with the path and what to do; at run time a
store that is read-only or full refuses writes with a 503 and goes on serving reads.

Real read-only and full filesystems need a mount: those tests run gunicorn in a mount
namespace of its own (`unshare -m`, root only; CI runs as root). A mount cannot be made
read-only while the store is open for writing (EBUSY), so a store turning read-only at
run time is SQLite's `query_only` in process: the same SQLITE_READONLY answer."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from servers import TOKEN, Gunicorn, article_text, failed_start

from service import create_app
from service.cli import main
from service.pipeline import extract
from service.store import Store, StoreError, StoreUnavailable

REPO = Path(__file__).resolve().parents[2]


def _seeded(path: Path) -> Path:
    create_app({"DB": str(path), "SEED_DIR": str(REPO / "seeds")})
    return path


def _garbage(tmp_path: Path) -> Path:
    path = tmp_path / "kutip.db"
    path.write_bytes(bytes(range(256)) * 40)
    return path


def _truncated(tmp_path: Path) -> Path:
    whole = _seeded(tmp_path / "whole.db")
    with sqlite3.connect(whole) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path = tmp_path / "kutip.db"
    data = whole.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _another_programs(tmp_path: Path) -> Path:
    path = tmp_path / "kutip.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER, total REAL)")
    return path


def _other_columns(tmp_path: Path) -> Path:
    path = tmp_path / "kutip.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE articles (id TEXT, body TEXT)")
    return path


def _folder_under_a_file(tmp_path: Path) -> Path:
    (tmp_path / "plain-file").write_text("not a folder")
    return tmp_path / "plain-file" / "data" / "kutip.db"


def _a_folder(tmp_path: Path) -> Path:
    (tmp_path / "kutip.db").mkdir()
    return tmp_path / "kutip.db"


FAULTS = {
    "garbage": (_garbage, "is not a SQLite database", "move this file away"),
    "truncated": (_truncated, "is damaged", "restore it from a backup"),
    "another program's tables": (_another_programs, "holds the tables invoices", "KUTIP_DB"),
    "articles of another shape": (_other_columns, "has no content_hash", "KUTIP_DB"),
    "folder under a file": (_folder_under_a_file, "cannot be made (Not a directory)", "create"),
    "a folder, not a file": (_a_folder, "is a folder, not a file", "KUTIP_DB"),
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_a_store_fault_is_one_line_with_the_path_and_what_to_do(tmp_path, fault):
    make, says, todo = FAULTS[fault]
    path = make(tmp_path)
    with pytest.raises(StoreError) as caught:
        create_app({"DB": str(path), "SEED_DIR": str(REPO / "seeds")})
    message = str(caught.value)
    assert "\n" not in message
    assert str(path if fault != "folder under a file" else path.parent) in message
    assert says in message and todo in message


@pytest.mark.parametrize("fault", ["garbage", "truncated", "another program's tables"])
def test_gunicorn_names_a_store_fault_in_one_line_and_exits_1(tmp_path, fault):
    path = FAULTS[fault][0](tmp_path)
    output = failed_start({"KUTIP_DB": str(path)})
    (line,) = [line for line in output.splitlines() if str(path) in line]
    assert line.startswith("Error: the store") and FAULTS[fault][1] in line


def test_kutip_ingest_names_a_store_fault_in_one_line(tmp_path, capsys):
    path = _garbage(tmp_path)
    with pytest.raises(SystemExit) as caught:
        main(["ingest", "--db", str(path), str(REPO / "seeds")])
    assert str(caught.value).startswith(f"kutip: the store {path} is not a SQLite database")


# -- refused writes, in process: SQLite's own limits stand for a full or read-only disk ----


@pytest.mark.parametrize(
    "pragma, says",
    [("PRAGMA query_only = 1", "read-only"), ("PRAGMA max_page_count = 1", "disk is full")],
)
def test_a_refused_write_is_a_503_and_reads_go_on(make_app, auth, pragma, says):
    app = make_app()
    client = app.test_client()
    before = client.get("/health").get_json()["articles"]
    first = client.get("/quotes?limit=1").get_json()["items"][0]["id"]
    store = app.extensions["kutip"].store
    store._connect().execute(pragma)  # the connection this thread's requests use
    # 50 kB: more pages than the store has free
    text = article_text(1) + " Warga berkumpul di balai desa." * 1600
    response = client.post("/articles", json={"text": text}, headers=auth)
    assert response.status_code == 503 and response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert says in problem["detail"] and "not added" in problem["detail"]
    assert response.headers["Retry-After"] == "60"
    assert str(store.path) not in problem["detail"]  # the path is for the log
    assert client.get("/health").get_json()["articles"] == before
    assert client.get(f"/quotes/{first}").status_code == 200


def test_a_refused_write_names_the_path_for_the_operator(tmp_path):
    store = Store(tmp_path / "kutip.db")
    store._connect().execute("PRAGMA query_only = 1")
    with pytest.raises(StoreUnavailable) as caught:
        store.add({"id": "a", "content_hash": "h", "name": "n", "text": "t"})
    assert caught.value.reason == "the store is read-only"
    assert str(tmp_path / "kutip.db") in str(caught.value)


def test_a_seq_file_cut_to_nothing_under_a_reader_is_no_crash(tmp_path):
    """It was mapped into memory: reading a truncated mapping is SIGBUS, which would end
    this test process."""
    db = tmp_path / "kutip.db"
    writer, reader = Store(db), Store(db)
    writer.add(extract("Satu."))
    os.truncate(tmp_path / "kutip.db-seq", 0)
    assert reader.changed_after(0)  # asked SQLite instead
    assert not reader.changed_after(1)
    writer.add(extract("Dua."))
    assert reader.changed_after(1)


# -- real filesystems: a read-only mount, a full tmpfs -----------------------------------


def _can_mount() -> bool:
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    done = subprocess.run(
        ["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
        capture_output=True,
        timeout=30,
    )
    return done.returncode == 0


@pytest.fixture(scope="module")
def mounts():
    if not _can_mount():
        if os.environ.get("CI") == "true":
            pytest.fail("CI runs as root and can make mount namespaces (unshare -m)")
        pytest.skip("needs root and unshare -m to mount a read-only or full filesystem")


def _request(server: Gunicorn, method: str, path: str, body: str | None = None):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        headers = {"Connection": "close"}
        if body is not None:
            headers.update({"Content-Type": "text/plain", "Authorization": f"Bearer {TOKEN}"})
        conn.request(method, path, body=body.encode() if body else None, headers=headers)
        response = conn.getresponse()
        return response.status, json.loads(response.read())
    finally:
        conn.close()


def test_a_read_only_filesystem_at_start_is_named_in_one_line(mounts, tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    _seeded(folder / "kutip.db")
    launcher = (
        "unshare",
        "-m",
        "sh",
        "-c",
        f'mount --bind {folder} {folder} && mount -o remount,bind,ro {folder} && exec "$@"',
        "sh",
    )
    output = failed_start({"KUTIP_DB": str(folder / "kutip.db")}, launcher)
    (line,) = [line for line in output.splitlines() if str(folder) in line]
    assert "mounted read-only" in line and "KUTIP_DB" in line


def test_a_full_disk_refuses_writes_with_503_and_reads_go_on(mounts, tmp_path):
    folder = tmp_path / "small"
    folder.mkdir()
    server = Gunicorn(
        folder / "kutip.db",
        tmp_path / "log.txt",
        seeds=str(REPO / "seeds"),
        launcher=(
            "unshare",
            "-m",
            "sh",
            "-c",
            f'mount -t tmpfs -o size=640k tmpfs {folder} && exec "$@"',
            "sh",
        ),
    )
    server.start()
    try:
        added, refused = [], None
        for n in range(60):  # ~50 kB each: the disk is full well before the end
            text = article_text(n) + " Warga berkumpul di balai desa." * 1600
            status, body = _request(server, "POST", "/articles", text)
            if status != 201:
                refused = (status, body)
                break
            added.append(body["id"])
        assert refused is not None, "the disk never filled"
        status, problem = refused
        assert status == 503 and "disk is full" in problem["detail"], problem
        assert added, "not one article fitted"
        status, health = _request(server, "GET", "/health")
        assert status == 200 and health["articles"] == 5 + len(added)
        for article_id in added:
            assert _request(server, "GET", f"/articles/{article_id}")[0] == 200
        assert _request(server, "GET", "/quotes?speaker=lukashenko")[0] == 200
        assert "the disk holding the store" in server.log_text()
    finally:
        server.stop()
