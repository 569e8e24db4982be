"""The durable article store: SQLite in WAL mode at KUTIP_DB (default ./data/kutip.db).

It keeps what was ingested, not what was derived: each article's text, the metadata given
with it, the facts the extractor found at ingest, its content hash and the time of ingest.
Quotes and speakers are derived again whenever an index is built, so improved rules apply
to old articles after a restart.

Rows are only ever appended, in `seq` order. A reader (a gunicorn worker's index) remembers
the highest `seq` it has loaded, asks `changed_after(seq)` before every request and reads
`since(seq)` when it says yes. Every process and thread gets its own connection (a
connection never crosses a fork).

`changed_after` does not ask SQLite. Every writer, right after its commit and before it
returns, writes the store's highest `seq` into an 8-byte file beside the database
(`<db>-seq`), which each process maps into memory: checking it is a memory read, where a
query costs a system call and lets go of the GIL, which under gunicorn's threads made
every request wait its turn for it again (a tenth of the throughput, bench/bench_api.py).
For commits no `Store` announced (another tool, a writer killed between its commit and its
announcement, an announcement that failed), a reader also asks SQLite itself once every
RECHECK_SECONDS; at that check it also maps the file again if it was replaced, deleted or
cut short, and with no usable file it asks SQLite at every check. The writer's own index
never relies on the file: after its commit it reads the store unconditionally.

What the file needs: a local filesystem (flock and shared mappings are not reliable over
NFS), and nobody truncating it in place (a reader touching a mapped page past the end of
the file gets SIGBUS; replacing the file by rename is safe). The lock is held only between
one read and one write; a process forked by a thread of a writer in that instant would
hold it too, so writers wait for it at most ANNOUNCE_WAIT seconds, then skip the
announcement (logged) and leave it to the readers' SQLite check.
"""

from __future__ import annotations

import fcntl
import json
import logging
import mmap
import os
import sqlite3
import struct
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

DEFAULT_DB = Path("data") / "kutip.db"
_log = logging.getLogger(__name__)
# the highest committed seq, as the `<db>-seq` file holds it
_BEACON = struct.Struct("<q")
METADATA = ("title", "url", "publisher", "published")

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
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


def _encode(text: str) -> bytes:
    # surrogatepass: a JSON body may carry lone surrogates (\ud800); they are kept as given
    return text.encode("utf-8", "surrogatepass")


def _decode(data: bytes) -> str:
    return bytes(data).decode("utf-8", "surrogatepass")


def _dump(value: dict) -> str:
    # ensure_ascii escapes lone surrogates too, so the JSON always round-trips
    return json.dumps(value, ensure_ascii=True, sort_keys=True)


@dataclass(frozen=True, slots=True)
class StoredArticle:
    seq: int
    id: str
    content_hash: str
    name: str
    text: str
    metadata: dict
    facts: dict
    ingested_at: str


class Store:
    """The SQLite file at `path`; safe to share between threads and across fork()."""

    # how often a reader asks SQLite itself, besides reading the announced seq
    RECHECK_SECONDS = 1.0
    # how long a writer waits for the `<db>-seq` lock before giving up its announcement
    ANNOUNCE_WAIT = 2.0

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.beacon_path = self.path.with_name(self.path.name + "-seq")
        # the mapping of the `<db>-seq` file and the (device, inode) it maps; None when
        # there is none to map (then every check asks SQLite)
        self._beacon: mmap.mmap | None = None
        self._beacon_id: tuple[int, int] | None = None
        # its commit announces the seq, which also corrects a beacon left behind by a
        # crash or by an earlier database file
        with self._write() as conn:
            conn.execute(SCHEMA)
        self._map_beacon()
        self._recheck_at = time.monotonic() + self.RECHECK_SECONDS

    def _connect(self) -> sqlite3.Connection:
        local = self._local
        conn = getattr(local, "conn", None)
        if conn is not None and local.pid == os.getpid():
            return conn
        # isolation_level=None: transactions are the explicit BEGIN ... COMMIT below
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        # FULL: a committed transaction survives power loss too, not only a crash
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA busy_timeout=30000")
        local.conn, local.pid = conn, os.getpid()
        return conn

    def close(self) -> None:
        """Close this thread's connection (the next call opens a new one)."""
        conn = getattr(self._local, "conn", None)
        if conn is not None and self._local.pid == os.getpid():
            conn.close()
        self._local.conn = None

    class _Transaction:
        def __init__(self, store: Store, conn: sqlite3.Connection) -> None:
            self.store = store
            self.conn = conn

        def __enter__(self) -> sqlite3.Connection:
            # IMMEDIATE: take the write lock now, so a check-then-insert cannot interleave
            self.conn.execute("BEGIN IMMEDIATE")
            return self.conn

        def __exit__(self, kind, value, traceback) -> None:
            if kind is None:
                try:
                    self.conn.execute("COMMIT")
                except BaseException:
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK")
                    raise
                try:
                    self.store._announce()
                except OSError as error:
                    # committed all the same: readers find it at their next SQLite check,
                    # and this store makes its own next check one
                    self.store._recheck_at = 0.0
                    _log.warning(
                        "could not announce a commit in %s: %s", self.store.beacon_path, error
                    )
                return
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")

    def _write(self) -> Store._Transaction:
        return Store._Transaction(self, self._connect())

    # -- reading ------------------------------------------------------------------------

    def latest(self) -> int:
        """The highest `seq` committed (0 for an empty store): one B-tree look-up."""
        row = self._connect().execute("SELECT max(seq) FROM articles").fetchone()
        return row[0] or 0

    def changed_after(self, seq: int) -> bool:
        """Whether rows after `seq` may have been committed: true for every commit a
        `Store` in any process has returned from; for others, within RECHECK_SECONDS."""
        beacon = self._beacon
        if beacon is not None and _BEACON.unpack_from(beacon)[0] > seq:
            return True
        now = time.monotonic()
        if now >= self._recheck_at:
            self._recheck_at = now + self.RECHECK_SECONDS
            # the file may have been replaced, deleted or cut short since it was mapped
            self._map_beacon()
        elif beacon is not None:
            return False
        return self.latest() > seq

    def _map_beacon(self) -> None:
        """Map the `<db>-seq` file, unless the file mapped already is the one at that
        path. With no file, or one shorter than a seq, there is no mapping: reading past
        the end of a mapped file would kill the process (SIGBUS)."""
        try:
            fd = os.open(self.beacon_path, os.O_RDONLY)
        except OSError:
            self._beacon = self._beacon_id = None
            return
        try:
            stat = os.fstat(fd)
            identity = (stat.st_dev, stat.st_ino)
            if stat.st_size < _BEACON.size:
                self._beacon = self._beacon_id = None
            elif identity != self._beacon_id:  # (None when nothing is mapped)
                # read-only and shared: other processes' announcements show through at
                # once. The old mapping is dropped, not closed: a thread may be reading it
                self._beacon = mmap.mmap(fd, _BEACON.size, access=mmap.ACCESS_READ)
                self._beacon_id = identity
        except (OSError, ValueError):
            self._beacon = self._beacon_id = None
        finally:
            os.close(fd)

    def _announce(self) -> None:
        """Write the highest committed seq into the beacon file. Under an exclusive lock,
        so the value read last is written last: it never goes back. The lock is waited
        for at most ANNOUNCE_WAIT seconds (it is held for one read and one write), so a
        lock stuck in some other process costs a logged warning, never a hung writer."""
        fd = os.open(self.beacon_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            deadline = time.monotonic() + self.ANNOUNCE_WAIT
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise
                    time.sleep(0.001)
            os.pwrite(fd, _BEACON.pack(self.latest()), 0)
        finally:
            os.close(fd)  # releases the lock

    def count(self) -> int:
        return self._connect().execute("SELECT count(*) FROM articles").fetchone()[0]

    def since(self, seq: int) -> Iterator[StoredArticle]:
        """The articles committed after `seq`, oldest first."""
        rows = self._connect().execute(
            "SELECT seq, id, content_hash, name, text, metadata, facts, ingested_at "
            "FROM articles WHERE seq > ? ORDER BY seq",
            (seq,),
        )
        for row in rows:
            yield StoredArticle(
                seq=row[0],
                id=row[1],
                content_hash=row[2],
                name=row[3],
                text=_decode(row[4]),
                metadata=json.loads(row[5]),
                facts=json.loads(row[6]),
                ingested_at=row[7],
            )

    def has_hash(self, digest: str) -> bool:
        row = (
            self._connect()
            .execute("SELECT 1 FROM articles WHERE content_hash = ?", (digest,))
            .fetchone()
        )
        return row is not None

    # -- writing ------------------------------------------------------------------------

    @staticmethod
    def _insert(conn: sqlite3.Connection, article: dict) -> bool:
        metadata = {k: article.get(k) for k in METADATA if article.get(k) is not None}
        cursor = conn.execute(
            "INSERT INTO articles (id, content_hash, name, text, metadata, facts, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (
                article["id"],
                article["content_hash"],
                article["name"],
                _encode(article["text"]),
                _dump(metadata),
                _dump(article.get("facts") or {}),
                datetime.now(UTC).isoformat(timespec="microseconds"),
            ),
        )
        return cursor.rowcount == 1

    def add(self, article: dict) -> bool:
        """Insert one article (keys: id, content_hash, name, text, facts and any of
        title/url/publisher/published) and commit. True if it is new; False if the same
        content hash was already stored. Returns only after the commit."""
        with self._write() as conn:
            return self._insert(conn, article)

    def add_many(self, articles: Iterable[dict]) -> list[bool]:
        """Insert several articles in one transaction: all of them or, on error, none."""
        with self._write() as conn:
            return [self._insert(conn, a) for a in articles]

    def seed_if_empty(self, articles: Iterable[dict]) -> int:
        """Insert `articles` only if the store holds none; atomic against other processes
        starting at the same time. Returns how many were added."""
        with self._write() as conn:
            if conn.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is not None:
                return 0
            return sum(self._insert(conn, a) for a in articles)
