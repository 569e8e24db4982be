"""The index an app holds: readers during writes see each article whole or not at all."""

from __future__ import annotations

import gc
import threading

from service import pipeline
from service.index import QuoteIndex, QuoteQuery
from service.store import Store

QUOTES = 3


def article(n: int) -> str:
    """An article with three quotes, each holding the article's own word `nomorN`."""
    return (
        f"Kepala Dinas Perhubungan Siti Rahmawati meninjau terminal nomor{n}.\n\n"
        f'"Terminal nomor{n} dibuka kembali besok pagi," kata Siti Rahmawati.\n\n'
        f'"Bus tambahan disiapkan untuk terminal nomor{n}," ujarnya.\n\n'
        f'"Kami minta warga bersabar di terminal nomor{n}," kata Siti.\n'
    )


def test_readers_during_writes_never_see_half_an_article(tmp_path):
    store = Store(tmp_path / "kutip.db", durable=False)
    index = QuoteIndex.from_store(store)
    assert len(pipeline.extract(article(0)).quotes) == QUOTES
    written = 24
    done = threading.Event()
    problems: list[str] = []

    def write() -> None:
        try:
            for n in range(written):
                pipeline.add_article(store, article(n))
        finally:
            done.set()

    def read() -> None:
        while not done.is_set():
            snap = index.refresh()
            for n in range(written):
                found, _ = snap.find_quotes(QuoteQuery(q=f"nomor{n}"))
                if len(found) not in (0, QUOTES):
                    problems.append(f"article {n}: {len(found)} of {QUOTES} quotes")
            for record in snap.quotes.values():
                if record.speaker_id not in snap.speakers:
                    problems.append(f"{record.id}: no speaker {record.speaker_id}")
                for appearance in record.appearances:
                    if appearance.article_id not in snap.articles:
                        problems.append(f"{record.id}: no article {appearance.article_id}")

    threads = [threading.Thread(target=write)] + [threading.Thread(target=read) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert problems == []
    snap = index.refresh()
    assert len(snap.articles) == written and len(snap.quotes) == written * QUOTES
    # a snapshot taken earlier stays as it was
    assert len(QuoteIndex(store).snapshot.quotes) == 0


def test_an_index_reads_only_what_was_committed_after_its_position(tmp_path):
    store = Store(tmp_path / "kutip.db", durable=False)
    index = QuoteIndex.from_store(store)
    pipeline.add_article(store, article(1))
    first = index.refresh()
    assert first.position == store.latest() == 1
    assert store.changes_since(first.position).articles == []
    pipeline.add_article(store, article(2))
    later = store.changes_since(first.position)
    assert [a.name for a in later.articles] == [pipeline.extract(article(2)).id]
    # what one article's write changed, and nothing of the first
    assert {n.name for n in later.names} == {"Siti Rahmawati"}
    second = index.refresh()
    assert second.position == 2 and len(second.articles) == 2
    assert second.quotes[next(iter(first.quotes))] is first.quotes[next(iter(first.quotes))]


def test_applying_pauses_the_cycle_collector_and_gives_it_back(tmp_path, monkeypatch):
    from service.index import live

    store = Store(tmp_path / "kutip.db", durable=False)
    index = QuoteIndex.from_store(store)
    seen: list[bool] = []
    plain = live.apply

    def watched(snap, changes):
        seen.append(gc.isenabled())
        return plain(snap, changes)

    monkeypatch.setattr(live, "apply", watched)
    store.add(pipeline.extract(article(1)))
    assert gc.isenabled()
    snap = index.refresh(force=True)
    assert seen == [False] and gc.isenabled()
    assert len(snap.quotes) == QUOTES
    # left off if it was off
    gc.disable()
    try:
        store.add(pipeline.extract(article(2)))
        index.refresh(force=True)
        assert seen == [False, False] and not gc.isenabled()
    finally:
        gc.enable()
