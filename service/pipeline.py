"""From an article's text to what the store keeps: the one place outside
`service/extraction` that runs the extractor.

`POST /articles`, `kutip ingest`, the seed articles and `kutip reindex` all go through
`extract` and hand its result to the store, which commits the article with its quotes
and facts, and the version of the rules that found them (`rules_version`): a hash of the
extraction modules and their lexicons, so that no change to the rules can go unnoticed.
A store read by other rules is served as it is; `reindex` brings it up to date.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import tempfile
from collections.abc import Callable, Iterable, Iterator
from importlib import resources
from pathlib import Path

from .extraction import extract_article
from .index import QuoteIndex, Snapshot, StoredQuote, article_id, content_hash
from .store import Extracted, Store

__all__ = ["Extracted"]

_log = logging.getLogger(__name__)


@functools.cache
def rules_version() -> str:
    """A hash of the extraction rules: every module of `service.extraction` and every
    lexicon, as installed (the sources, or the compiled modules where there are none)."""
    package = resources.files("service.extraction")
    files = [f for f in package.iterdir() if f.name.endswith(".py")]
    if not files:
        files = [f for f in package.iterdir() if f.name.endswith((".so", ".pyd"))]
    files += list((package / "lexicons").iterdir())
    digest = hashlib.sha256()
    for file in sorted(files, key=lambda f: f.name):
        if file.is_file():
            digest.update(file.name.encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def extract(text: str, name: str = "", **metadata: str | None) -> Extracted:
    """The article, its facts and quotes, ready for `Store.add`."""
    digest = content_hash(text)
    identity = article_id(digest)
    article = extract_article(text, name or identity)
    return Extracted(
        id=identity,
        content_hash=digest,
        name=name or identity,
        text=text,
        metadata={k: v for k, v in metadata.items() if v is not None},
        # with the facts, the date the text names when it has no date line (first_seen)
        facts={**article.facts(), "dated": article.dated},
        rules=rules_version(),
        quotes=tuple(
            StoredQuote(q.text, q.start, q.end, q.speaker, q.speaker_kind, q.role, q.cue, q.via)
            for q in article.quotes
        ),
    )


def add_article(store: Store, text: str, **metadata: str | None) -> tuple[str, bool]:
    """Store one article (extracted unless its text is stored already): its id, and
    whether it is new. Returns after the commit."""
    known = store.has_hash(content_hash(text))
    if known is not None:
        return known, False
    result = extract(text, **metadata)
    return result.id, store.add(result)


def seed_articles(directory: Path) -> Iterator[Extracted]:
    """Each *.txt article in `directory` (none if it does not exist), by file name."""
    if directory.is_dir():
        for path in sorted(directory.glob("*.txt")):
            yield extract(path.read_text(encoding="utf-8"), path.name)


def seed(store: Store, directory: Path) -> int:
    """Fill an empty store with the articles in `directory`; how many were added."""
    # extracted only if the store is empty (the generator is not consumed otherwise)
    return store.seed_if_empty(seed_articles(directory))


def reindex(
    store: Store,
    *,
    missing_only: bool = False,
    batch: int = 50,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Extract again every article the current rules did not read (with `missing_only`,
    only those stored without results), committing `batch` articles at a time: safe
    while servers read the store (they pick each batch up), and resumable (an article
    is done once its batch is committed). Then group the speakers again under the
    current rules. How many articles were extracted."""
    rules = rules_version()
    done, after = 0, 0
    while rows := store.outdated(rules, after, batch, missing_only=missing_only):
        store.replace_results(
            (row.seq, extract(row.text, row.name, **row.metadata)) for row in rows
        )
        done += len(rows)
        after = rows[-1].seq
        if progress is not None:
            progress(len(rows))
    if not missing_only:
        store.regroup()
    return done


def check_rules(store: Store) -> None:
    """Say in one log line if articles were read by other rules than these (they are
    served as stored until `kutip reindex`)."""
    versions = store.rules_versions()
    current = rules_version()
    other = sum(n for version, n in versions.items() if version != current)
    if other:
        _log.warning(
            "%d of %d articles were extracted by other rules than these (%s); they are "
            "served as stored until `kutip reindex` extracts them again",
            other,
            sum(versions.values()),
            current,
        )


def complete(store: Store) -> int:
    """Extract the articles stored without results (by an earlier version of the
    store), once; how many there were."""
    missing = store.rules_versions().get(None, 0)
    if not missing:
        return 0
    _log.warning("extracting %d articles stored without their quotes (once)", missing)
    done = reindex(store, missing_only=True)
    moved = store.retire_first_schema_ids()
    _log.warning(
        "extracted %d articles; their quotes are stored now (the ids of %d names' speakers "
        "and quotes given out before answer as the new ones)",
        done,
        moved,
    )
    return done


def snapshot_of(docs: Iterable[tuple[str, str]], **metadata: str | None) -> Snapshot:
    """The index of some (name, text) articles, through a store that is thrown away."""
    with tempfile.TemporaryDirectory(prefix="kutip-") as folder:
        store = Store(Path(folder) / "kutip.db", durable=False)
        store.add_many(extract(text, name, **metadata) for name, text in docs)
        snapshot = QuoteIndex.from_store(store).snapshot
        store.close()
    return snapshot
