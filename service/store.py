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
(`<db>-seq`), which each process keeps open and reads with one `pread`: a system call of
a microsecond, where a query costs tens. (A memory mapping of the file, read without a
system call, was used while the workers were threads, for whom a system call meant waiting
for the GIL again; but a reader touching a mapped page of a file someone truncated is
killed by SIGBUS, every worker, until restart. A short read is only a missed look.)
For commits no `Store` announced (another tool, a writer killed between its commit and its
announcement, an announcement that failed), a reader also asks SQLite itself once every
RECHECK_SECONDS; at that check it also opens the file again if it was replaced, deleted or
cut short, and with no usable file it asks SQLite at every check. The writer's own index
never relies on the file: after its commit it reads the store unconditionally.

What the file needs: a local filesystem (flock is not reliable over NFS). The lock is held
only between one read and one write; a process forked by a thread of a writer in that
instant would hold it too, so writers wait for it at most ANNOUNCE_WAIT seconds, then skip
the announcement (logged) and leave it to the readers' SQLite check.

Faults. Opening a store that cannot be used (its folder cannot be made, the file is not
SQLite, is damaged, is read-only, holds another program's tables) raises `StoreError`, a
one-line message naming the path and what to do. At run time, a write the store refuses
(read-only, disk full, I/O error) raises `StoreUnavailable`; what is stored stays readable.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import sqlite3
import struct
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from stat import S_ISREG

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


class StoreError(RuntimeError):
    """The store cannot be used; the message names the path and what to do. (A
    RuntimeError: gunicorn prints one raised while loading the app as one line and exits
    with status 1.)"""


class StoreUnavailable(StoreError):
    """A write the store refused at run time (read-only, full, failing disk). `reason` is
    what a client may be told (no path); the message is for the operator."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


def _who(path: Path) -> str:
    """' for uid U (FOLDER belongs to uid O)': who this process is, and the owner of the
    nearest existing folder on the way to `path` when it is someone else."""
    uid = os.geteuid()
    text = f" for uid {uid}"
    folder = path if path.is_dir() else path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        owner = folder.stat().st_uid
    except OSError:
        return text
    if owner != uid:
        text += f" ({folder} belongs to uid {owner})"
    return text


def _read_only_filesystem(path: Path) -> bool:
    folder = path if path.is_dir() else path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def describe_fault(path: Path, error: BaseException) -> str:
    """One line for the operator: what is wrong with the store at `path` and what to do."""
    name = getattr(error, "sqlite_errorname", "") or ""
    detail = str(error)
    if _read_only_filesystem(path):
        writable = (
            "its filesystem is mounted read-only: mount it read-write (Kutip writes the "
            "store and the -wal, -shm and -seq files beside it), or set KUTIP_DB to a "
            "writable place"
        )
    else:
        writable = (
            f"make it and its folder writable{_who(path)} (Kutip writes the store and the "
            "-wal, -shm and -seq files beside it), or set KUTIP_DB to a place that is"
        )
    if isinstance(error, OSError):
        return f"the store's folder {path.parent} cannot be made ({error.strerror}): " + (
            writable
            if _read_only_filesystem(path)
            else f"create it, writable{_who(path.parent)}, or set KUTIP_DB to a file in a "
            "folder that is"
        )
    if name == "SQLITE_NOTADB":
        return (
            f"the store {path} is not a SQLite database: set KUTIP_DB to a Kutip store or a "
            "new file, or move this file away to start an empty store"
        )
    if name.startswith("SQLITE_CORRUPT"):
        return (
            f"the store {path} is damaged (SQLite: {detail}): restore it from a backup, or "
            "move it away (with its -wal file) to start an empty store"
        )
    if name.startswith("SQLITE_READONLY"):
        return f"the store {path} is read-only: {writable}"
    if name.startswith("SQLITE_CANTOPEN"):
        if path.is_dir():
            return f"the store {path} is a folder, not a file: set KUTIP_DB to a file's path"
        return f"the store {path} cannot be opened or created: {writable}"
    if name == "SQLITE_FULL":
        return f"the disk holding the store {path} is full: free some space there"
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return (
            f"the store {path} stayed locked by another process for 30 s: stop the process "
            "holding it, or try again"
        )
    if name.startswith(("SQLITE_IOERR", "SQLITE_PERM")):
        return f"the store {path} cannot be read or written (SQLite: {detail}): check its disk"
    return f"the store {path} cannot be used (SQLite: {detail})"


# what a client is told of a write the store refused
_REFUSED = {
    "SQLITE_READONLY": "the store is read-only",
    "SQLITE_FULL": "the store's disk is full",
    "SQLITE_CANTOPEN": "the store cannot be written",
    "SQLITE_IOERR": "the store's disk fails",
    "SQLITE_BUSY": "the store is locked by another writer",
    "SQLITE_LOCKED": "the store is locked by another writer",
}


@contextlib.contextmanager
def _refused_writes(path: Path):
    """SQLite errors of a write as StoreUnavailable (what is stored stays readable)."""
    try:
        yield
    except sqlite3.OperationalError as error:
        name = getattr(error, "sqlite_errorname", "") or ""
        reason = next(
            (text for prefix, text in _REFUSED.items() if name.startswith(prefix)),
            "the store cannot take writes now",
        )
        raise StoreUnavailable(describe_fault(path, error), reason) from error


def _expected_columns() -> dict[str, set[str]]:
    """The tables SCHEMA makes, with their columns."""
    conn = sqlite3.connect(":memory:")
    try:
        conn.executescript(SCHEMA)
        return {
            table: {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
            for (table,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        }
    finally:
        conn.close()


class Store:
    """The SQLite file at `path`; safe to share between threads and across fork()."""

    # how often a reader asks SQLite itself, besides reading the announced seq
    RECHECK_SECONDS = 1.0
    # how long a writer waits for the `<db>-seq` lock before giving up its announcement
    ANNOUNCE_WAIT = 2.0

    def __init__(self, path: str | os.PathLike) -> None:
        """Open (or create) the store; StoreError if it cannot be used, saying why."""
        self.path = Path(path)
        self._local = threading.local()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(describe_fault(self.path, error)) from None
        self.beacon_path = self.path.with_name(self.path.name + "-seq")
        # the open `<db>-seq` file and the (device, inode) it is; None when there is none
        # to read (then every check asks SQLite)
        self._beacon: int | None = None
        self._beacon_id: tuple[int, int] | None = None
        try:
            self._check_tables()
            # its commit announces the seq, which also corrects a beacon left behind by a
            # crash or by an earlier database file
            with self._write() as conn:
                conn.execute(SCHEMA)
        except sqlite3.Error as error:
            self.close()
            raise StoreError(describe_fault(self.path, error)) from None
        self._open_beacon()
        self._recheck_at = time.monotonic() + self.RECHECK_SECONDS

    def _check_tables(self) -> None:
        """StoreError if the file holds tables SCHEMA does not make (another program's
        database), or a table of ours without the columns Kutip reads."""
        conn = self._connect()
        found = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        expected = _expected_columns()
        foreign = [name for name in found if name not in expected]
        if foreign:
            raise StoreError(
                f"the store {self.path} is not a Kutip store (it holds the tables "
                f"{', '.join(foreign)}): set KUTIP_DB to a Kutip store or a new file"
            )
        for name in found:
            columns = {row[1] for row in conn.execute(f"PRAGMA table_info({name})")}
            missing = sorted(expected[name] - columns)
            if missing:
                raise StoreError(
                    f"the store {self.path} is not a Kutip store (its {name} table has no "
                    f"{', '.join(missing)}): set KUTIP_DB to a Kutip store or a new file"
                )

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
        if beacon is not None:
            try:
                announced = os.pread(beacon, _BEACON.size, 0)
            except OSError:
                announced = b""
            # a file cut short reads short: no answer from it, ask SQLite below
            if len(announced) == _BEACON.size and _BEACON.unpack(announced)[0] > seq:
                return True
            if len(announced) < _BEACON.size:
                self._recheck_at = 0.0
        now = time.monotonic()
        if now >= self._recheck_at:
            self._recheck_at = now + self.RECHECK_SECONDS
            # the file may have been replaced, deleted or cut short since it was opened
            self._open_beacon()
        elif beacon is not None:
            return False
        return self.latest() > seq

    def _open_beacon(self) -> None:
        """Open the `<db>-seq` file for reading, unless the file open already is the one
        at that path. With no file, or one shorter than a seq, there is none to read."""
        try:
            fd = os.open(self.beacon_path, os.O_RDONLY)
        except OSError:
            self._drop_beacon()
            return
        try:
            stat = os.fstat(fd)
            identity = (stat.st_dev, stat.st_ino)
            if stat.st_size < _BEACON.size or not S_ISREG(stat.st_mode):
                self._drop_beacon()
            elif identity != self._beacon_id or self._beacon is None:
                self._drop_beacon()
                self._beacon, self._beacon_id = fd, identity
                fd = -1  # kept
        except OSError:
            self._drop_beacon()
        finally:
            if fd >= 0:
                os.close(fd)

    def _drop_beacon(self) -> None:
        beacon, self._beacon, self._beacon_id = self._beacon, None, None
        if beacon is not None:
            with contextlib.suppress(OSError):
                os.close(beacon)

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
        with _refused_writes(self.path), self._write() as conn:
            return self._insert(conn, article)

    def add_many(self, articles: Iterable[dict]) -> list[bool]:
        """Insert several articles in one transaction: all of them or, on error, none."""
        with _refused_writes(self.path), self._write() as conn:
            return [self._insert(conn, a) for a in articles]

    def seed_if_empty(self, articles: Iterable[dict]) -> int:
        """Insert `articles` only if the store holds none; atomic against other processes
        starting at the same time. Returns how many were added."""
        with _refused_writes(self.path), self._write() as conn:
            if conn.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is not None:
                return 0
            return sum(self._insert(conn, a) for a in articles)
