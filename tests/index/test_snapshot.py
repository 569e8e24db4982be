"""Look-ups on a snapshot: by map or bisect, never a pass over every quote."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

import pytest

from service import pipeline
from service.index import QuoteQuery, Snapshot, parse_time

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seed_docs():
    return [(p.name, p.read_text("utf-8")) for p in sorted(SEEDS.glob("*.txt"))]


@pytest.fixture(scope="module")
def seeded() -> Snapshot:
    return pipeline.snapshot_of(seed_docs())


def test_ids_are_stable_content_hashes(seeded):
    again = pipeline.snapshot_of(reversed(seed_docs()))
    assert set(seeded.quotes) == set(again.quotes) and set(seeded.speakers) == set(again.speakers)
    assert set(seeded.articles) == set(again.articles)


def test_one_person_is_one_speaker(seeded):
    """Every quote of Lukashenko, under any of his names, is one speaker's."""
    ids, scores = seeded.find_quotes(QuoteQuery(speaker="lukashenko"))
    speakers = {seeded.quotes[i].speaker_id for i in ids}
    assert len(speakers) == 1 and len(ids) == 13
    (speaker,) = speakers
    record = seeded.speakers[speaker]
    assert record.name == "Alexander Lukashenko"
    assert set(record.aliases) == {"Aleksandar Lukashenko", "Lukashenko"}
    found, _ = seeded.find_speakers("lukashenko")
    assert list(found) == [speaker]


def test_records_by_key_are_the_quotes(seeded):
    assert len(seeded.records) == len(seeded.quotes) == len(seeded.order) > 0
    assert all(seeded.records[k] is seeded.quotes[seeded.records[k].id] for k in seeded.order)
    assert list(seeded.order) == sorted(seeded.order)


def test_an_empty_snapshot_answers_nothing():
    snap = Snapshot()
    assert (len(snap.articles), len(snap.quotes), len(snap.speakers)) == (0, 0, 0)
    assert snap.find_quotes(QuoteQuery(speaker="x")) == ([], {})
    assert list(snap.find_quotes(QuoteQuery())[0]) == []
    assert list(snap.find_speakers(None)[0]) == [] and snap.quote("q_0") is None


class _NoScan(Mapping):
    """A map that answers look-ups but refuses to be walked."""

    def __init__(self, inner) -> None:
        self.inner = inner

    def __getitem__(self, key):
        return self.inner[key]

    def __len__(self) -> int:
        return len(self.inner)

    def __iter__(self):
        raise AssertionError("a look-up iterated over every quote")


@pytest.mark.parametrize(
    "query",
    [
        QuoteQuery(speaker="lukashenko"),
        QuoteQuery(q="rakyat"),
        QuoteQuery(publisher="TASS"),
        QuoteQuery(since=datetime(2021, 1, 1, tzinfo=UTC)),
        QuoteQuery(speaker="lukashenko", q="kami", until=datetime(2030, 1, 1, tzinfo=UTC)),
    ],
)
def test_filtered_lookups_do_not_scan_all_quotes(seeded, query):
    guarded = Snapshot(**{k: v for k, v in vars(seeded).items() if k != "memo"})
    guarded.quotes = _NoScan(seeded.quotes)
    guarded.records = _NoScan(seeded.records)
    ids, _ = guarded.find_quotes(query)
    expected, _ = seeded.find_quotes(query)
    assert list(ids) == list(expected) and ids


def test_filters_intersect(seeded):
    by_speaker, _ = seeded.find_quotes(QuoteQuery(speaker="lukashenko"))
    by_word, _ = seeded.find_quotes(QuoteQuery(q="kami"))
    both, _ = seeded.find_quotes(QuoteQuery(speaker="lukashenko", q="kami"))
    assert set(both) == set(by_speaker) & set(by_word) and both
    assert seeded.find_quotes(QuoteQuery(q="kami zzzzqqq"))[0] == []


def test_quotes_come_earliest_first_and_a_time_range_is_a_run_of_them(seeded):
    everything = list(seeded.find_quotes(QuoteQuery())[0])
    times = [seeded.quotes[i].first_seen for i in everything]
    timed = [t for t in times if t is not None]
    assert times[: len(timed)] == timed  # quotes with no known time come last
    moments = [parse_time(t) for t in timed]
    assert moments == sorted(moments)
    since = moments[len(moments) // 2]
    later, _ = seeded.find_quotes(QuoteQuery(since=since))
    assert list(later) == [i for i, m in zip(everything, moments, strict=False) if m >= since]


def test_an_articles_quotes_are_found_by_its_id(seeded):
    for record in seeded.articles.values():
        ids, _ = seeded.find_quotes(QuoteQuery(article=record.id))
        assert set(ids) == set(seeded.article_quote_ids(record))
        assert len(record.appearances) == record.quote_count
