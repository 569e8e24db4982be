"""The first state in one pass (`load`) is what applying the same rows to an empty
snapshot gives (`changes.apply`, the plain version)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from service.index import Changes, SpeakerName, StoredArticle, StoredQuote, build, speaker_id
from service.index.load import _order
from service.index.records import Appearance

# Invented statements and people: a few of each, so that articles repeat one another
STATEMENTS = (
    "Harga gabah di tingkat petani naik dua persen bulan ini.",
    "harga gabah di tingkat petani naik dua persen bulan ini",
    "Kami menunggu hasil audit sebelum mengambil keputusan.",
    "Jembatan itu akan dibuka untuk umum pada akhir tahun.",
    "Warganya diminta tetap tenang dan tidak mudah terpancing.",
)
PEOPLE = (
    ("Sulastri Wibowo", "person"),
    ("Wibowo", "person"),
    ("Dinas Pertanian", "organisation"),
    (None, None),
)
TIMES = (
    None,
    "2024-05-01T08:00:00+07:00",
    # the same second as the one above, and a quarter of a second later
    "2024-05-01T01:00:00+00:00",
    "2024-05-01T08:00:00.250000+07:00",
    "2023-11-30T23:59:59",
)

quotes = st.builds(
    lambda text, person, role, cue, via, start: StoredQuote(
        text, start, start + len(text), person[0], person[1], role, cue, via
    ),
    st.sampled_from(STATEMENTS),
    st.sampled_from(PEOPLE),
    st.sampled_from((None, "Kepala Dinas", "Juru bicara")),
    st.sampled_from(("kata", "ujar")),
    # through an outlet: another one, or the article's own (counted once)
    st.sampled_from((None, "Kabar Desa", "kabar  desa", "Radio Lembah")),
    st.integers(0, 400),
)
articles = st.lists(
    st.tuples(
        st.sampled_from(TIMES),
        st.sampled_from((None, "Kabar Desa", "Warta Kota")),
        st.lists(quotes, max_size=4),
    ),
    max_size=7,
)


def stored(drawn) -> list[StoredArticle]:
    return [
        StoredArticle(
            f"art_{n:016x}",
            f"a{n}.txt",
            {"published": when, "publisher": outlet} if when else {"publisher": outlet},
            {"title": f"Berita {n}", "authors": []},
            tuple(found),
        )
        for n, (when, outlet, found) in enumerate(drawn)
    ]


def everything(snap) -> dict:
    """All a snapshot holds, as plain values."""

    def appearance(a: Appearance) -> tuple:
        return (a.article_id, a.start, a.end, a.cue, a.via, a.text, a.speaker, a.kind, a.role)

    return {
        "quotes": {
            r.id: (r.text, r.speaker_id, r.first_seen, r.key, list(map(appearance, r.appearances)))
            for r in snap.quotes.values()
        },
        "records": {k: r.id for k, r in snap.records.items()},
        "order": list(snap.order),
        "articles": {
            a.id: (
                a.name,
                a.title,
                a.publisher,
                a.published,
                a.url,
                a.authors,
                a.found,
                a.order,
                list(map(appearance, a.appearances)),
            )
            for a in snap.articles.values()
        },
        "article_order": list(snap.article_order),
        "by_token": {t: list(p) for t, p in snap.by_token.items()},
        "by_outlet": {t: list(p) for t, p in snap.by_outlet.items()},
        "by_name": {t: list(p) for t, p in snap.by_name.items()},
        "speakers": {
            s.id: (s.name, s.kind, s.aliases, s.roles, list(s.quote_ranks), s.tally.roles)
            for s in snap.speakers.values()
        },
        "speaker_order": list(snap.speaker_order),
        "names": dict(snap.names.items()),
        "labels": snap.labels.match("wibowo", lambda _: set()),
    }


@given(articles, st.booleans())
@settings(max_examples=150, deadline=None)
def test_load_answers_as_applying_to_an_empty_snapshot(drawn, grouped):
    # with the store's grouping of the surname alone into the full name, or without
    names = (
        [SpeakerName("Wibowo", "person", speaker_id("Sulastri Wibowo"), "Sulastri Wibowo")]
        if grouped
        else []
    )
    changes = Changes(position=3, articles=stored(drawn), names=names, retired=[("q_x", "q_y")])
    at_once = build(changes)
    step = build(changes, at_once=False)
    assert everything(at_once) == everything(step)
    assert at_once.position == step.position == 3
    assert dict(at_once.retired.items()) == {"q_x": "q_y"}


def test_a_lone_appearance_reads_as_a_tuple_of_one():
    (article,) = stored([(None, None, [StoredQuote(STATEMENTS[0], 0, 10, "Wibowo", "person")])])
    (record,) = build(Changes(position=1, articles=[article])).quotes.values()
    assert type(record.appearances) is tuple and len(record.appearances) == 1
    assert record.appearances[0].start == 0


@given(st.lists(st.tuples(st.integers(0, 3), st.sampled_from("abcdef")), max_size=12))
def test_quotes_with_keys_alike_are_placed_by_id(drawn):
    keys = np.array([k for k, _ in drawn], dtype=np.uint64)
    ids = [f"q_{i}{n:02d}" for n, (_, i) in enumerate(drawn)]
    placed = [int(n) for n in _order(keys, ids)]
    assert placed == sorted(range(len(drawn)), key=lambda n: (drawn[n][0], ids[n]))
