"""The durable store: SQLite in WAL mode at KUTIP_DB (default ./data/kutip.db).

It keeps what was ingested and what the extractor found in it, as plain tables (README,
Storage):

- `articles`: each article's text, the metadata given with it, the facts found in it,
  its content hash, the time of ingest, the version of the extraction rules that read it
  (`rules`) and the log position of its last write (`changed`);
- `quotes`: each quote of each article as the extractor found it: offsets, text, the
  speaker as the article names them, kind, role, cue and via;
- `speakers`: each name quotes give (with its kind), how many quotes give it, and the
  speaker it belongs to: for people, the group of names that are one person
  (`service.extraction.groups`), kept up to date at every write;
- `retired`: the ids of speakers and quotes merged into others, and what they now are;
- `meta`: the log position and the schema version.

Every write is one transaction that takes the next log position: an article, its quotes
and the speaker changes they cause are committed together or not at all. A reader (a
gunicorn worker's index) remembers the position it has applied, asks `changed_after(pos)`
before every request and reads `changes_since(pos)` when it says yes: only the rows
written after it, never an article's text. Every process and thread gets its own
connection (a connection never crosses a fork).

`changed_after` does not ask SQLite. Every writer, right after its commit and before it
returns, writes the store's log position into an 8-byte file beside the database
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
the announcement (logged) and leave it to the readers' SQLite check. Writers also queue on
a second lock file (`<db>-write`) before they begin, so that they take turns as soon as the
one before is done instead of polling SQLite's lock.

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
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from stat import S_ISREG

from .extraction.groups import SpeakerGroups
from .index.changes import Changes, SpeakerName, StoredArticle, StoredQuote
from .index.text import quote_id, speaker_id

DEFAULT_DB = Path("data") / "kutip.db"
_log = logging.getLogger(__name__)
# the log position, as the `<db>-seq` file holds it
_BEACON = struct.Struct("<q")
METADATA = ("title", "url", "publisher", "published")
SCHEMA_VERSION = 2
# columns the first schema's tables lack, added when such a store is opened (`_create`)
UPGRADE_COLUMNS: dict[str, set[str]] = {"articles": {"rules", "changed"}}
PERSON = "person"

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    text         BLOB NOT NULL,
    metadata     TEXT NOT NULL,
    facts        TEXT NOT NULL,
    ingested_at  TEXT NOT NULL,
    rules        TEXT,
    changed      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS articles_changed ON articles (changed);
CREATE TABLE IF NOT EXISTS quotes (
    article  INTEGER NOT NULL REFERENCES articles (seq),
    position INTEGER NOT NULL,
    start    INTEGER NOT NULL,
    end      INTEGER NOT NULL,
    text     TEXT NOT NULL,
    speaker  TEXT,
    kind     TEXT,
    role     TEXT,
    cue      TEXT,
    via      TEXT,
    PRIMARY KEY (article, position)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes (speaker, kind);
CREATE TABLE IF NOT EXISTS speakers (
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    quotes     INTEGER NOT NULL,
    speaker_id TEXT NOT NULL,
    speaker    TEXT NOT NULL,
    changed    INTEGER NOT NULL,
    PRIMARY KEY (name, kind)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS speakers_changed ON speakers (changed);
CREATE TABLE IF NOT EXISTS retired (
    id      TEXT PRIMARY KEY,
    now     TEXT NOT NULL,
    changed INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS retired_changed ON retired (changed);
CREATE INDEX IF NOT EXISTS retired_now ON retired (now);
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;
"""


def _encode(text: str) -> bytes:
    # surrogatepass: a JSON body may carry lone surrogates (\ud800); they are kept as given
    return text.encode("utf-8", "surrogatepass")


def _decode(data: bytes | str) -> str:
    return data if isinstance(data, str) else bytes(data).decode("utf-8", "surrogatepass")


def _column(text: str | None) -> str | bytes | None:
    """Text as a column value: TEXT (readable with sqlite3 or Datasette) unless it holds
    a lone surrogate, which only a BLOB of its UTF-8 keeps."""
    if text is None:
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _encode(text)
    return text


def _value(data: str | bytes | None) -> str | None:
    return None if data is None else _decode(data)


def _dump(value: dict) -> str:
    # ensure_ascii escapes lone surrogates too, so the JSON always round-trips
    return json.dumps(value, ensure_ascii=True, sort_keys=True)


@dataclass(frozen=True, slots=True)
class Extracted:
    """An article and what the extractor found in it, ready to be stored."""

    id: str
    content_hash: str
    name: str
    text: str
    metadata: dict
    facts: dict
    rules: str
    quotes: tuple[StoredQuote, ...] = ()


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """An article as stored, text and all."""

    seq: int
    id: str
    content_hash: str
    name: str
    text: str
    metadata: dict
    facts: dict
    ingested_at: str
    rules: str | None


@dataclass(frozen=True, slots=True)
class StoredText:
    """An article's text and what came with it (for the extractor to read again)."""

    seq: int
    id: str
    name: str
    text: str
    metadata: dict
    rules: str | None


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
    """The SQLite file at `path`; safe to share between threads and across fork().

    `durable=False` commits without waiting for the disk (synchronous=NORMAL): for tests
    and benchmarks that build stores they throw away."""

    # how often a reader asks SQLite itself, besides reading the announced position
    RECHECK_SECONDS = 1.0
    # how long a writer waits for the `<db>-seq` lock before giving up its announcement
    ANNOUNCE_WAIT = 2.0
    # how long a writer waits in the `<db>-write` queue before going to SQLite anyway
    QUEUE_WAIT = 30.0

    def __init__(self, path: str | os.PathLike, *, durable: bool = True) -> None:
        """Open (or create) the store; StoreError if it cannot be used, saying why."""
        self.path = Path(path)
        self.durable = durable
        self._local = threading.local()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(describe_fault(self.path, error)) from None
        self.beacon_path = self.path.with_name(self.path.name + "-seq")
        self.queue_path = self.path.with_name(self.path.name + "-write")
        # the open `<db>-seq` file and the (device, inode) it is; None when there is none
        # to read (then every check asks SQLite)
        self._beacon: int | None = None
        self._beacon_id: tuple[int, int] | None = None
        # the person names grouped as the `speakers` table says, up to log position
        # `_groups_at` (loaded at the first write; None after a failed one)
        self._groups: SpeakerGroups | None = None
        self._groups_at = 0
        try:
            self._check_tables()
            # its commit announces the position, which also corrects a beacon left behind
            # by a crash or by an earlier database file
            with self._write() as conn:
                self._create(conn)
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
            # (the columns an earlier schema lacks are added when it is upgraded)
            missing = sorted(expected[name] - columns - UPGRADE_COLUMNS.get(name, set()))
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
        conn.execute(f"PRAGMA synchronous={'FULL' if self.durable else 'NORMAL'}")
        conn.execute("PRAGMA busy_timeout=30000")
        local.conn, local.pid = conn, os.getpid()
        return conn

    def close(self) -> None:
        """Close this thread's connection (the next call opens a new one)."""
        conn = getattr(self._local, "conn", None)
        if conn is not None and self._local.pid == os.getpid():
            conn.close()
        self._local.conn = None

    # -- schema -----------------------------------------------------------------------

    def _create(self, conn: sqlite3.Connection) -> None:
        """Create the tables, or bring a store of an earlier schema up to this one."""
        columns = {row[1] for row in conn.execute("PRAGMA table_info(articles)")}
        if columns and "rules" not in columns:
            # the first schema: articles only, their quotes extracted at every start
            count = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            _log.warning(
                "upgrading the store %s: its %d articles were kept without their quotes; "
                "they will be extracted once (at the next start of the server, or by "
                "`kutip reindex`) and their results stored",
                self.path,
                count,
            )
            conn.execute("ALTER TABLE articles ADD COLUMN rules TEXT")
            conn.execute("ALTER TABLE articles ADD COLUMN changed INTEGER NOT NULL DEFAULT 0")
            conn.execute("UPDATE articles SET changed = seq")
            upgraded = True
        else:
            upgraded = False
        for statement in SCHEMA.split(";"):
            if statement.strip():
                conn.execute(statement)
        conn.execute(
            "INSERT INTO meta (key, value) VALUES ('log', (SELECT coalesce(max(changed), 0) "
            "FROM articles)) ON CONFLICT DO NOTHING"
        )
        conn.execute(
            "INSERT INTO meta (key, value) VALUES ('schema', ?) ON CONFLICT DO UPDATE SET "
            "value = excluded.value",
            (SCHEMA_VERSION,),
        )
        if upgraded:
            # once its articles are extracted, the ids it gave out are retired
            conn.execute("INSERT INTO meta (key, value) VALUES ('first schema ids', 1)")

    # -- transactions -------------------------------------------------------------------

    class _Transaction:
        def __init__(self, store: Store, conn: sqlite3.Connection) -> None:
            self.store = store
            self.conn = conn
            self.queue: int | None = None

        def __enter__(self) -> sqlite3.Connection:
            self.queue = self.store._join_queue()
            # IMMEDIATE: take the write lock now, so a check-then-insert cannot interleave
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except BaseException:
                self._leave()
                raise
            return self.conn

        def _leave(self) -> None:
            if self.queue is not None:
                os.close(self.queue)  # releases the lock
                self.queue = None

        def __exit__(self, kind, value, traceback) -> None:
            try:
                if kind is None:
                    try:
                        self.conn.execute("COMMIT")
                    except BaseException:
                        if self.conn.in_transaction:
                            self.conn.execute("ROLLBACK")
                        self.store._groups = None
                        raise
                    self.store._announce_safely()
                    return
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                # the speaker groups may hold what was rolled back: read them again
                self.store._groups = None
            finally:
                self._leave()

    def _write(self) -> Store._Transaction:
        return Store._Transaction(self, self._connect())

    def _join_queue(self) -> int | None:
        """Wait for the writers before this one (the `<db>-write` lock); the locked file,
        or None if it cannot be had (SQLite's own lock still keeps writes apart)."""
        try:
            fd = os.open(self.queue_path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            return None
        deadline = time.monotonic() + self.QUEUE_WAIT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return fd
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    return None
                time.sleep(0.0005)
            except OSError:
                os.close(fd)
                return None

    def _announce_safely(self) -> None:
        try:
            self._announce()
        except OSError as error:
            # committed all the same: readers find it at their next SQLite check, and
            # this store makes its own next check one
            self._recheck_at = 0.0
            _log.warning("could not announce a commit in %s: %s", self.beacon_path, error)

    # -- reading ------------------------------------------------------------------------

    def latest(self) -> int:
        """The log position of the last commit (0 for an empty store)."""
        row = self._connect().execute("SELECT value FROM meta WHERE key = 'log'").fetchone()
        return row[0] if row else 0

    def changed_after(self, position: int) -> bool:
        """Whether anything may have been committed after `position`: true for every
        commit a `Store` in any process has returned from; for others, within
        RECHECK_SECONDS."""
        beacon = self._beacon
        if beacon is not None:
            try:
                announced = os.pread(beacon, _BEACON.size, 0)
            except OSError:
                announced = b""
            # a file cut short reads short: no answer from it, ask SQLite below
            if len(announced) == _BEACON.size and _BEACON.unpack(announced)[0] > position:
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
        return self.latest() > position

    def _open_beacon(self) -> None:
        """Open the `<db>-seq` file for reading, unless the file open already is the one
        at that path. With no file, or one shorter than a position, there is none to read."""
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
        """Write the log position into the beacon file. Under an exclusive lock, so the
        value read last is written last: it never goes back. The lock is waited for at
        most ANNOUNCE_WAIT seconds (it is held for one read and one write), so a lock
        stuck in some other process costs a logged warning, never a hung writer."""
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

    def has_hash(self, digest: str) -> str | None:
        """The id of the article with this content hash, if stored."""
        row = (
            self._connect()
            .execute("SELECT id FROM articles WHERE content_hash = ?", (digest,))
            .fetchone()
        )
        return None if row is None else row[0]

    def text_of(self, article_id: str) -> str | None:
        """An article's text (the index does not hold it)."""
        row = (
            self._connect().execute("SELECT text FROM articles WHERE id = ?", (article_id,))
        ).fetchone()
        return None if row is None else _decode(row[0])

    def rules_versions(self) -> Counter:
        """How many articles each version of the extraction rules read (None: none yet)."""
        rows = self._connect().execute("SELECT rules, count(*) FROM articles GROUP BY rules")
        return Counter(dict(rows.fetchall()))

    def outdated(
        self, rules: str, after: int = 0, limit: int = 100, *, missing_only: bool = False
    ) -> list[StoredText]:
        """Articles after `after` (seq) whose results were not made by `rules` (with
        `missing_only`, those stored without results), in seq order: what `kutip reindex`
        reads again."""
        which = "rules IS NULL" if missing_only else "(rules IS NULL OR rules != ?)"
        rows = self._connect().execute(
            "SELECT seq, id, name, text, metadata, rules FROM articles "
            f"WHERE seq > ? AND {which} ORDER BY seq LIMIT ?",
            (after, limit) if missing_only else (after, rules, limit),
        )
        return [
            StoredText(seq, id_, name, _decode(text), json.loads(metadata), version)
            for seq, id_, name, text, metadata, version in rows
        ]

    def count_outdated(self, rules: str) -> int:
        return (
            self._connect()
            .execute("SELECT count(*) FROM articles WHERE rules IS NULL OR rules != ?", (rules,))
            .fetchone()[0]
        )

    def changes_since(self, position: int, *, stream: bool = False) -> Changes:
        """Everything committed after log position `position`, read in one transaction
        (one consistent state): the articles written since, with their quotes but not
        their texts, the names whose speaker changed, and the ids retired. With `stream`,
        the articles come as an iterator, read as it is consumed (a whole store need not
        be held twice); the transaction ends when it is exhausted or dropped."""
        conn = self._connect()
        conn.execute("BEGIN")
        try:
            latest = conn.execute("SELECT value FROM meta WHERE key = 'log'").fetchone()
            latest = latest[0] if latest else 0
            if latest <= position:
                conn.execute("COMMIT")
                return Changes(position=position)
            names = [
                SpeakerName(_decode(name), kind, speaker, _decode(canonical))
                for name, kind, speaker, canonical in conn.execute(
                    "SELECT name, kind, speaker_id, speaker FROM speakers WHERE changed > ?",
                    (position,),
                )
            ]
            retired = conn.execute(
                "SELECT id, now FROM retired WHERE changed > ?", (position,)
            ).fetchall()
        except BaseException:
            conn.execute("COMMIT")
            raise
        articles = self._articles_since(conn, position)
        if not stream:
            articles = list(articles)
        return Changes(latest, articles, names, [tuple(r) for r in retired])

    @staticmethod
    def _articles_since(conn: sqlite3.Connection, position: int) -> Iterator[StoredArticle]:
        """The articles changed after `position` with their quotes (two cursors read side
        by side, both in seq order), then the end of the read transaction."""
        try:
            quotes = conn.execute(
                # IN, not a join: SQLite would scan every quote to join them
                "SELECT article, start, end, text, speaker, kind, role, cue, via FROM quotes "
                "WHERE article IN (SELECT seq FROM articles WHERE changed > ?) "
                "ORDER BY article, position",
                (position,),
            )
            pending = quotes.fetchone()
            for seq, id_, name, metadata, facts in conn.execute(
                # (by the index on `changed`, not a pass over every article in seq order)
                "SELECT seq, id, name, metadata, facts FROM articles WHERE seq IN "
                "(SELECT seq FROM articles WHERE changed > ?) ORDER BY seq",
                (position,),
            ):
                found = []
                while pending is not None and pending[0] == seq:
                    found.append(
                        StoredQuote(
                            _decode(pending[3]),
                            pending[1],
                            pending[2],
                            _value(pending[4]),
                            pending[5],
                            _value(pending[6]),
                            _value(pending[7]),
                            _value(pending[8]),
                        )
                    )
                    pending = quotes.fetchone()
                yield StoredArticle(
                    id_, name, json.loads(metadata), json.loads(facts), tuple(found)
                )
        finally:
            if conn.in_transaction:
                conn.execute("COMMIT")

    # -- writing ------------------------------------------------------------------------

    def add(self, article: Extracted) -> bool:
        """Store one article with what was extracted from it, and commit. True if it is
        new; False if the same content hash was already stored. Returns only after the
        commit."""
        return self.add_many([article])[0]

    def add_many(self, articles: Iterable[Extracted]) -> list[bool]:
        """Store several articles in one transaction: all of them or, on error, none."""
        with _refused_writes(self.path), self._write() as conn:
            return self._add(conn, list(articles))

    def seed_if_empty(self, articles: Iterable[Extracted]) -> int:
        """Store `articles` only if the store holds none; atomic against other processes
        starting at the same time. Returns how many were added."""
        with _refused_writes(self.path), self._write() as conn:
            if conn.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is not None:
                return 0
            return sum(self._add(conn, list(articles)))

    def replace_results(self, results: Iterable[tuple[int, Extracted]]) -> int:
        """Store what the extractor found again in stored articles ((seq, result) pairs:
        facts, quotes and rules version), in one transaction; how many were found."""
        with _refused_writes(self.path), self._write() as conn:
            position = self._position(conn) + 1
            names: Counter = Counter()
            done = 0
            for seq, result in results:
                found = conn.execute(
                    "UPDATE articles SET facts = ?, rules = ?, changed = ? WHERE seq = ?",
                    (_dump(result.facts), result.rules, position, seq),
                ).rowcount
                if not found:
                    continue
                done += 1
                for speaker, kind in conn.execute(
                    "SELECT speaker, kind FROM quotes WHERE article = ? AND speaker IS NOT NULL",
                    (seq,),
                ):
                    names[_decode(speaker), kind or ""] -= 1
                conn.execute("DELETE FROM quotes WHERE article = ?", (seq,))
                self._insert_quotes(conn, seq, result.quotes, names)
            if done:
                self._resolve(conn, names, position)
                self._advance(conn, position)
            return done

    def _position(self, conn: sqlite3.Connection) -> int:
        return conn.execute("SELECT value FROM meta WHERE key = 'log'").fetchone()[0]

    def _advance(self, conn: sqlite3.Connection, position: int) -> None:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'log'", (position,))

    def _add(self, conn: sqlite3.Connection, articles: list[Extracted]) -> list[bool]:
        position = self._position(conn) + 1
        names: Counter = Counter()
        created = []
        now = datetime.now(UTC).isoformat(timespec="microseconds")
        for article in articles:
            metadata = {k: article.metadata[k] for k in METADATA if article.metadata.get(k)}
            cursor = conn.execute(
                "INSERT INTO articles (id, content_hash, name, text, metadata, facts, "
                "ingested_at, rules, changed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT DO NOTHING",
                (
                    article.id,
                    article.content_hash,
                    article.name,
                    _column(article.text),
                    _dump(metadata),
                    _dump(article.facts),
                    now,
                    article.rules,
                    position,
                ),
            )
            created.append(cursor.rowcount == 1)
            if cursor.rowcount == 1:
                self._insert_quotes(conn, cursor.lastrowid, article.quotes, names)
        if any(created):
            self._resolve(conn, names, position)
            self._advance(conn, position)
        return created

    @staticmethod
    def _insert_quotes(conn, seq: int, quotes: Iterable[StoredQuote], names: Counter) -> None:
        rows = []
        for n, q in enumerate(quotes):
            rows.append(
                (
                    seq,
                    n,
                    q.start,
                    q.end,
                    _column(q.text),
                    _column(q.speaker),
                    q.kind,
                    _column(q.role),
                    _column(q.cue),
                    _column(q.via),
                )
            )
            if q.speaker is not None:
                names[q.speaker, q.kind or ""] += 1
        conn.executemany(
            "INSERT INTO quotes (article, position, start, end, text, speaker, kind, role, "
            "cue, via) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )

    # -- speakers ---------------------------------------------------------------------

    def _speaker_groups(self, conn: sqlite3.Connection) -> SpeakerGroups:
        """The person names grouped as the `speakers` table holds them now."""
        groups = self._groups
        if groups is None:
            # as the table groups them (the same as working them out from the counts,
            # without comparing the names: `SpeakerGroups.restore`)
            counts, keys = {}, {}
            for name, count, key in conn.execute(
                "SELECT name, quotes, speaker_id FROM speakers WHERE kind = ? AND quotes > 0",
                (PERSON,),
            ):
                name = _decode(name)
                counts[name], keys[name] = count, key
            groups = SpeakerGroups(speaker_id)
            groups.restore(counts, keys)
            self._groups, self._groups_at = groups, self._position(conn)
            return groups
        # what other writers changed since this one last wrote
        changed = {
            _decode(name): count
            for name, count in conn.execute(
                "SELECT name, quotes FROM speakers WHERE kind = ? AND changed > ?",
                (PERSON, self._groups_at),
            )
        }
        if changed:
            groups.update(changed)
        self._groups_at = self._position(conn)
        return groups

    def _resolve(self, conn: sqlite3.Connection, names: Counter, position: int) -> None:
        """Count the names quotes gained (or lost), group the person names again, and
        write every row whose count or speaker changed, with the ids that retire."""
        groups = self._speaker_groups(conn)
        counts: dict[tuple[str, str], int] = {}
        for (name, kind), delta in names.items():
            if not delta:
                continue
            row = conn.execute(
                "SELECT quotes FROM speakers WHERE name = ? AND kind = ?", (_column(name), kind)
            ).fetchone()
            counts[name, kind] = max(0, (row[0] if row else 0) + delta)
        moved = groups.update({n: c for (n, k), c in counts.items() if k == PERSON})
        for (name, kind), count in counts.items():
            person = groups.person(name) if kind == PERSON else None
            canonical, own = person if person is not None else (name, speaker_id(name))
            conn.execute(
                "INSERT INTO speakers (name, kind, quotes, speaker_id, speaker, changed) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET quotes = excluded.quotes, "
                "changed = excluded.changed",
                (_column(name), kind, count, own, _column(canonical), position),
            )
        for name in moved:
            person = groups.person(name)
            if person is None:
                continue  # no quote gives it any more: its row keeps its last speaker
            canonical, new_id = person
            row = conn.execute(
                "SELECT speaker_id FROM speakers WHERE name = ? AND kind = ?",
                (_column(name), PERSON),
            ).fetchone()
            conn.execute(
                "UPDATE speakers SET speaker_id = ?, speaker = ?, changed = ? "
                "WHERE name = ? AND kind = ?",
                (new_id, _column(canonical), position, _column(name), PERSON),
            )
            if row is not None and row[0] != new_id:
                self._retire(conn, row[0], new_id, name, position)
        self._groups_at = position

    def _retire(self, conn, old_id: str, new_id: str, name: str, position: int) -> None:
        """`name`'s quotes move from speaker `old_id` to `new_id`: the old ids of the
        speaker and of those quotes answer as the new ones (an id live again is found
        before its retirement is)."""
        retired = [(old_id, new_id)]
        for (text,) in conn.execute(
            "SELECT text FROM quotes WHERE speaker = ? AND kind = ?", (_column(name), PERSON)
        ):
            text = _decode(text)
            retired.append((quote_id(old_id, text), quote_id(new_id, text)))
        for old, new in retired:
            conn.execute(
                "INSERT INTO retired (id, now, changed) VALUES (?, ?, ?) ON CONFLICT DO UPDATE "
                "SET now = excluded.now, changed = excluded.changed",
                (old, new, position),
            )
            # ids retired into the old one answer as the new one too (one step away)
            conn.execute(
                "UPDATE retired SET now = ?, changed = ? WHERE now = ? AND id != ?",
                (new, position, old, new),
            )

    def regroup(self) -> int:
        """Group every person name again from the counts alone (after a change of the
        grouping rules); how many names moved."""
        with _refused_writes(self.path), self._write() as conn:
            position = self._position(conn) + 1
            groups = SpeakerGroups(speaker_id)
            rows = conn.execute(
                "SELECT name, quotes, speaker_id FROM speakers WHERE kind = ? AND quotes > 0",
                (PERSON,),
            ).fetchall()
            groups.update({_decode(name): count for name, count, _ in rows})
            moved = 0
            for name, _count, stored_id in rows:
                name = _decode(name)
                canonical, new_id = groups.person(name) or (name, speaker_id(name))
                row_name = conn.execute(
                    "SELECT speaker FROM speakers WHERE name = ? AND kind = ?",
                    (_column(name), PERSON),
                ).fetchone()[0]
                if new_id == stored_id and _decode(row_name) == canonical:
                    continue
                moved += 1
                conn.execute(
                    "UPDATE speakers SET speaker_id = ?, speaker = ?, changed = ? "
                    "WHERE name = ? AND kind = ?",
                    (new_id, _column(canonical), position, _column(name), PERSON),
                )
                if new_id != stored_id:
                    self._retire(conn, stored_id, new_id, name, position)
            self._groups, self._groups_at = groups, position
            if moved:
                self._advance(conn, position)
            return moved

    def retire_first_schema_ids(self) -> int:
        """In a store of the first schema, once its articles are extracted: the ids of
        speakers and quotes that schema's servers gave out (a person named by the most
        quoted of their names of two words or more; a one-word name a speaker of its
        own) answer as the ids given now. How many names had other ids."""
        with _refused_writes(self.path), self._write() as conn:
            if not conn.execute("SELECT 1 FROM meta WHERE key = 'first schema ids'").fetchone():
                return 0
            position = self._position(conn) + 1
            groups = self._speaker_groups(conn)
            moved = 0
            for name in list(groups.counts):
                person = groups.person(name)
                if person is None:
                    continue
                if len(name.split()) == 1:
                    before = speaker_id(name)
                else:
                    members = [n for n in groups.names(name) if len(n.split()) > 1]
                    before = speaker_id(max(members, key=lambda m: (groups.counts[m], len(m), m)))
                if before != person[1]:
                    self._retire(conn, before, person[1], name, position)
                    moved += 1
            conn.execute("DELETE FROM meta WHERE key = 'first schema ids'")
            if moved:
                self._advance(conn, position)
            return moved

    def prepare(self) -> None:
        """Load the speaker groups now (a server's first write would otherwise)."""
        conn = self._connect()
        conn.execute("BEGIN")
        try:
            self._speaker_groups(conn)
        finally:
            conn.execute("COMMIT")

    def since(self, seq: int = 0) -> Iterator[ArticleRow]:
        """The articles after `seq` (their order of arrival), oldest first, texts and all."""
        rows = self._connect().execute(
            "SELECT seq, id, content_hash, name, text, metadata, facts, ingested_at, rules "
            "FROM articles WHERE seq > ? ORDER BY seq",
            (seq,),
        )
        for row in rows:
            yield ArticleRow(
                seq=row[0],
                id=row[1],
                content_hash=row[2],
                name=row[3],
                text=_decode(row[4]),
                metadata=json.loads(row[5]),
                facts=json.loads(row[6]),
                ingested_at=row[7],
                rules=row[8],
            )
