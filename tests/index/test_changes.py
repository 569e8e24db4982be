"""The index built article by article, in any order, is the index built all at once."""

from __future__ import annotations

import functools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service import pipeline
from service import verify as matching
from service.index import QuoteIndex, QuoteQuery, build
from service.store import Store

# (text, metadata): people named in full in one article and by one name in another,
# a spelling variant, two people sharing a surname, a statement repeated by others, an
# organisation, and articles with and without a publication time
ARTICLES = {
    "a1": (
        "Gubernur Kalimantan Barat Hendrawan Saputra meninjau banjir di Sintang.\n\n"
        '"Kami akan membangun tanggul baru tahun depan," kata Hendrawan Saputra, Senin.\n',
        {"published": "2024-03-01T09:00:00+07:00", "publisher": "Warta Borneo"},
    ),
    "a2": (
        "Banjir kembali merendam Sintang pekan ini.\n\n"
        '"Kami akan membangun tanggul baru tahun depan," kata Saputra kepada wartawan.\n',
        {"published": "2024-02-01T09:00:00+07:00"},
    ),
    "a3": (
        "Wakil Bupati Sambas Rudi Saputra menanggapi keluhan warga.\n\n"
        '"Jalan desa segera diperbaiki sebelum musim hujan," ujar Rudi Saputra.\n',
        {"published": "2024-03-01T09:00:00+07:00", "publisher": "Kabar Sambas"},
    ),
    "a4": (
        "Gubernur Kalimantan Barat Hendrawan Sapoetra menghadiri rapat anggaran.\n\n"
        '"Anggaran perbaikan tanggul sudah disiapkan sejak awal tahun," kata Hendrawan '
        "Sapoetra.\n",
        {},
    ),
    "a5": (
        "Pasokan pangan dipantau menjelang hari raya.\n\n"
        '"Stok beras aman hingga Lebaran," bunyi pernyataan Badan Urusan Logistik.\n',
        {"published": "2023-12-20T08:00:00+07:00", "publisher": "Warta Borneo"},
    ),
    "a6": (
        "Menteri Pertanian Dewi Lestari Anggraini membuka pameran benih.\n\n"
        '"Petani muda harus mendapat akses kredit yang murah," kata Dewi Lestari Anggraini.\n',
        {"published": "2024-01-05T10:00:00+07:00"},
    ),
    "a7": (
        "Harga pupuk bersubsidi diumumkan di Jakarta.\n\n"
        '"Harga pupuk turun mulai bulan depan," kata Dewi.\n\n'
        '"Petani muda harus mendapat akses kredit yang murah," tambahnya.\n',
        {"published": "2024-01-04T10:00:00+07:00"},
    ),
    "a8": (
        "Sidang kabinet membahas cadangan pangan.\n\n"
        '"Stok beras aman hingga Lebaran," kata Dewi Anggraini di Istana.\n',
        {},
    ),
}
CLAIMS = [
    ("Kami akan membangun tanggul baru tahun ini", "Saputra"),
    ("Petani muda harus mendapat akses kredit murah", "Dewi"),
    ("Stok beras aman hingga Lebaran", "Dewi Anggraini"),
    ("Jalan desa segera diperbaiki", None),
]


@functools.cache
def extracted(name: str):
    text, metadata = ARTICLES[name]
    return pipeline.extract(text, name, **metadata)


def state(snap) -> dict:
    """Everything the API shows of a snapshot, ids included."""
    quotes = {
        record.id: (
            record.text,
            record.speaker_id,
            record.first_seen,
            [(a.article_id, a.start, a.end, a.cue, a.via) for a in record.appearances],
        )
        for record in snap.quotes.values()
    }
    speakers = {
        s.id: (s.name, s.kind, s.aliases, s.roles, list(snap.speaker_quote_ids(s.id)))
        for s in snap.speakers.values()
    }
    articles = {
        a.id: (a.title, a.publisher, a.published, snap.article_quote_ids(a))
        for a in snap.articles.values()
    }
    verdicts = []
    for claim, speaker in CLAIMS:
        result = matching.verify(snap, claim, speaker, limit=10)
        verdicts.append(
            (result.verdict, [(m.quote_id, m.verdict, m.score) for m in result.matches])
        )
    lookups = [
        (list(ids), scores)
        for ids, scores in (
            snap.find_quotes(QuoteQuery(speaker="saputra")),
            snap.find_quotes(QuoteQuery(speaker="dewi anggraini")),
            snap.find_quotes(QuoteQuery(publisher="warta borneo")),
            snap.find_quotes(QuoteQuery(q="tanggul")),
            snap.find_quotes(QuoteQuery()),
        )
    ]
    return {
        "quotes": quotes,
        "speakers": speakers,
        "articles": articles,
        "speaker_order": list(snap.speaker_ids()),
        "article_order": list(snap.article_ids()),
        "verdicts": verdicts,
        "lookups": lookups,
    }


def all_at_once(tmp_path_factory, names: list[str]) -> dict:
    store = Store(tmp_path_factory.mktemp("once") / "kutip.db", durable=False)
    store.add_many(extracted(n) for n in sorted(names))
    return state(QuoteIndex.from_store(store).snapshot)


@given(
    st.lists(st.sampled_from(sorted(ARTICLES)), min_size=1, unique=True).flatmap(
        lambda names: st.tuples(st.permutations(names), st.lists(st.booleans(), min_size=8))
    )
)
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_article_by_article_in_any_order_is_all_at_once(tmp_path_factory, arrival):
    order, cuts = arrival
    store = Store(tmp_path_factory.mktemp("live") / "kutip.db", durable=False)
    index = QuoteIndex.from_store(store)
    batch: list = []
    for n, name in enumerate(order):
        batch.append(extracted(name))
        if cuts[n % len(cuts)] or n == len(order) - 1:
            store.add_many(batch)
            batch = []
            # the index follows each commit as a worker does, from where it was
            index.refresh()
    assert state(index.snapshot) == all_at_once(tmp_path_factory, list(order))


def test_one_person_is_one_speaker_whatever_came_first(tmp_path):
    store = Store(tmp_path / "kutip.db", durable=False)
    index = QuoteIndex.from_store(store)
    store.add(extracted("a2"))  # "Saputra" alone
    snap = index.refresh()
    [alone] = snap.speakers.values()
    assert alone.name == "Saputra"
    (quote_id,) = snap.quotes
    store.add(extracted("a1"))  # now the full name: one person, one quote
    snap = index.refresh()
    [person] = snap.speakers.values()
    assert person.name == "Hendrawan Saputra" and person.aliases == ("Saputra",)
    [record] = snap.quotes.values()
    # earliest first: the surname-only article was published a month before
    assert [a.article_id for a in record.appearances] == [extracted(n).id for n in ("a2", "a1")]
    # the ids that were given out keep answering, as the one speaker and quote
    assert snap.current_id(alone.id, snap.speakers) == person.id
    assert snap.quote(quote_id) is record
    assert snap.match_speakers(alone.id) == {person.id: 100.0}
    # another Saputra: the surname alone is nobody's for sure any more
    store.add(extracted("a3"))
    snap = index.refresh()
    names = sorted(s.name for s in snap.speakers.values())
    assert names == ["Hendrawan Saputra", "Rudi Saputra", "Saputra"]
    assert snap.quote(quote_id).speaker_id == alone.id


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_an_article_extracted_again_leaves_what_all_at_once_gives(tmp_path_factory, name):
    """Results replaced (as `kutip reindex` does) are applied as a fresh build has them."""
    store = Store(tmp_path_factory.mktemp("again") / "kutip.db", durable=False)
    names = sorted(ARTICLES)
    store.add_many(extracted(n) for n in names)
    index = QuoteIndex.from_store(store)
    seq = next(row.seq for row in store.since(0) if row.name == name)
    # first as other rules would have found it: no quotes at all
    empty = pipeline.Extracted(**{**_fields(extracted(name)), "quotes": ()})
    store.replace_results([(seq, empty)])
    index.refresh()
    others = [n for n in names if n != name]
    without = state(index.snapshot)
    assert without["quotes"] == _quotes_without(tmp_path_factory, others, name)
    store.replace_results([(seq, extracted(name))])
    assert state(index.refresh()) == all_at_once(tmp_path_factory, names)


def _fields(result) -> dict:
    return {f: getattr(result, f) for f in result.__dataclass_fields__}


def _quotes_without(tmp_path_factory, names: list[str], empty: str) -> dict:
    store = Store(tmp_path_factory.mktemp("without") / "kutip.db", durable=False)
    store.add_many(extracted(n) for n in names)
    store.add(pipeline.Extracted(**{**_fields(extracted(empty)), "quotes": ()}))
    return state(QuoteIndex.from_store(store).snapshot)["quotes"]


def test_the_first_state_in_one_pass_is_the_next_state_of_an_empty_one(tmp_path):
    store = Store(tmp_path / "kutip.db", durable=False)
    store.add_many(extracted(n) for n in sorted(ARTICLES))
    at_once = build(store.changes_since(0))
    step = build(store.changes_since(0), at_once=False)
    assert state(at_once) == state(step)
