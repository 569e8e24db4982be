"""The app's index: the current snapshot, following the store's log.

Each process (a gunicorn worker, a test's app) holds one `QuoteIndex` on its app. It
remembers the log position its snapshot reflects; before a request it asks the store
whether anything was committed after it (a memory read, see `service.store`) and, if so,
reads only those rows and applies them (`changes.apply`), under a lock so that one thread
applies while the others wait for the result. Readers never wait for a writer: they read
whichever snapshot was current when they took it.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import threading
from typing import TYPE_CHECKING

from .changes import Changes, apply
from .snapshot import Snapshot

if TYPE_CHECKING:
    from ..store import Store


def release_memory() -> None:
    """Give the heap memory a build freed back to the system (glibc's malloc_trim):
    loading a store frees about as much as it keeps, and a server should not hold the
    difference. A no-op where there is no malloc_trim."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        pass


@contextlib.contextmanager
def _no_collection():
    """Python's cycle collector paused: the index's records hold no cycles (reference
    counting frees them), and a collection while a state is built walks every new
    posting, map node and chunk list there, and through them the shared ones (at 1M
    quotes, half the time of applying an article)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


class QuoteIndex:
    """The current snapshot of `store` (or of the changes given to `apply`)."""

    def __init__(self, store: Store | None = None, snapshot: Snapshot | None = None) -> None:
        self._lock = threading.Lock()
        self._snapshot = snapshot if snapshot is not None else Snapshot()
        self.store = store

    @property
    def snapshot(self) -> Snapshot:
        return self._snapshot

    @property
    def position(self) -> int:
        """The store's log position the snapshot reflects."""
        return self._snapshot.position

    @classmethod
    def from_store(cls, store: Store) -> QuoteIndex:
        """The index of everything `store` holds, kept up to date by `refresh()`."""
        index = cls(store)
        # (the collector paused: it would walk the millions of new objects again and
        # again as they are made, a third of the time)
        with index._lock, _no_collection():
            # the whole store, its articles streamed as the snapshot is built
            index._snapshot = apply(index._snapshot, store.changes_since(0, stream=True))
        # and later collections leave them alone: no pauses to walk them while serving, and
        # no pages of theirs written by it in forked workers (which would copy them)
        gc.freeze()
        release_memory()
        return index

    def refresh(self, *, force: bool = False) -> Snapshot:
        """Apply what the store committed after the snapshot's position; the current
        snapshot. Unless `force`, it first asks the store whether anything changed (a
        memory read, which may miss a commit nobody announced for up to a second)."""
        store = self.store
        current = self._snapshot
        if store is None or not (force or store.changed_after(current.position)):
            return current
        with self._lock:
            current = self._snapshot
            changes = store.changes_since(current.position)
            if changes or changes.position > current.position:
                with _no_collection():
                    self._snapshot = apply(current, changes)
            return self._snapshot

    def apply(self, changes: Changes) -> Snapshot:
        """Apply `changes` (as `Store.changes_since` gives them); the new snapshot."""
        with self._lock, _no_collection():
            self._snapshot = apply(self._snapshot, changes)
            return self._snapshot
