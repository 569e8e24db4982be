"""The quote index: normalisation, dedup, look-ups by dict, snapshots under concurrent writes."""

from __future__ import annotations

import bisect
import random
import threading
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from service import index as index_module
from service.extraction import Article, Quote
from service.index import (
    Postings,
    QuoteIndex,
    QuoteQuery,
    Snapshot,
    Source,
    SpeakerWords,
    normalise_text,
    tokens,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def seeded():
    return QuoteIndex.from_directory(SEEDS)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Rakyatnya MENGINGINKAN itu", {"rakyat", "menginginkan", "itu"}),
        ("Bersama-sama, kamilah!", {"bersama", "sama", "kami"}),
        ("punya hanya", {"punya", "hanya"}),  # too short to carry a clitic
        ("Lukašenko", {"lukasenko"}),
        ("", set()),
    ],
)
def test_tokens(text, expected):
    assert tokens(text) == expected


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("Kami siap,  berintegrasi.", "kami siap berintegrasi", True),
        ("Kami siap", "Kami tidak siap", False),
    ],
)
def test_normalised_quote_text(a, b, same):
    assert (normalise_text(a) == normalise_text(b)) is same


def test_ids_are_stable_content_hashes(seeded):
    again = QuoteIndex.from_directory(SEEDS).snapshot
    snap = seeded.snapshot
    assert set(snap.quotes) == set(again.quotes) and set(snap.speakers) == set(again.speakers)
    assert set(snap.articles) == set(again.articles)


def test_records_are_the_quotes_in_rank_order(seeded):
    snap = seeded.snapshot
    assert len(snap.records) == len(snap.quote_order) == len(snap.quotes) > 0
    assert all(snap.quotes[q] is r for q, r in zip(snap.quote_order, snap.records, strict=True))


def test_empty_or_missing_seed_dir(tmp_path):
    snap = QuoteIndex.from_directory(tmp_path / "missing").snapshot
    assert (snap.articles, snap.quotes, snap.speakers) == ({}, {}, {})
    assert snap.find_quotes(QuoteQuery(speaker="x")) == ([], {})


class _NoScan(dict):
    def __iter__(self):
        raise AssertionError("a look-up iterated over every quote")

    values = items = keys = __iter__


class _NoScanOrder(tuple):
    """Rank -> quote id by index, never walked whole."""

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
    snap = seeded.snapshot
    guarded = Snapshot(**{name: getattr(snap, name) for name in Snapshot.__slots__})
    guarded.quotes = _NoScan(snap.quotes)
    guarded.quote_order = _NoScanOrder(snap.quote_order)
    ids, _ = guarded.find_quotes(query)
    expected, _ = snap.find_quotes(query)
    assert ids == expected and ids


def test_filters_intersect(seeded):
    snap = seeded.snapshot
    by_speaker, _ = snap.find_quotes(QuoteQuery(speaker="lukashenko"))
    by_word, _ = snap.find_quotes(QuoteQuery(q="kami"))
    both, _ = snap.find_quotes(QuoteQuery(speaker="lukashenko", q="kami"))
    assert set(both) == set(by_speaker) & set(by_word)
    assert snap.find_quotes(QuoteQuery(q="kami zzzzqqq"))[0] == []


def test_readers_keep_their_snapshot_while_articles_are_added():
    index = QuoteIndex.from_directory(SEEDS)
    before = index.snapshot
    counts = (len(before.articles), len(before.quotes))
    errors = []

    def read():
        for _ in range(200):
            snap = index.snapshot
            for quote in snap.quotes.values():
                for appearance in quote.appearances:
                    if appearance.article_id not in snap.articles:
                        errors.append(appearance.article_id)
            if quote.speaker_id and quote.speaker_id not in snap.speakers:
                errors.append(quote.speaker_id)

    def write(n):
        text = f'Warga ke-{n} berkata, "Kami ingin damai nomor {n}," kata Budi Santoso.'
        index.add(text, publisher="Antara")

    threads = [threading.Thread(target=read) for _ in range(3)]
    threads += [threading.Thread(target=write, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert (len(before.articles), len(before.quotes)) == counts
    assert len(index.snapshot.articles) == counts[0] + 6
    record, _, created = index.add(
        'Warga ke-0 berkata, "Kami ingin damai nomor 0," kata Budi Santoso.'
    )
    assert not created and record.publisher == "Antara"


LEXICON = SpeakerWords(
    ["lukashenko", "suhartono", "hartono", "widodo", "joko", "budi", "santoso", "presiden"]
)


@pytest.mark.parametrize(
    "word, expected",
    [
        ("lukashenko", {"lukashenko"}),
        ("lukasenko", {"lukashenko"}),  # a letter dropped
        ("lukashenka", {"lukashenko"}),  # a letter changed
        ("lukashhenko", {"lukashenko"}),  # a letter added
        ("lkashenk", {"lukashenko"}),  # two dropped
        ("lukahsenko", {"lukashenko"}),  # two swapped
        ("widido", {"widodo"}),
        ("hartono", {"hartono", "suhartono"}),  # held in a longer word
        ("harto", {"hartono", "suhartono"}),
        ("jokowidodo", {"joko", "widodo"}),  # names run together
        ("presidenjoko", {"presiden", "joko"}),
        ("santosa", {"santoso"}),
        ("budiman", {"budi"}),
        ("bud", {"budi"}),
        ("xyzzy", set()),
        ("menteri", set()),
    ],
)
def test_similar_speaker_words(word, expected):
    assert LEXICON.similar(word) == expected


@pytest.mark.parametrize(
    "word, expected",
    [
        ("hartono", {"hartono", "suhartono"}),  # two letters more: near
        ("harto", {"hartono"}),  # "suhartono", four letters more, only holds it
        ("har", set()),
        ("jokowidodo", {"joko", "widodo"}),  # held in the word: still found
        ("bud", {"budi"}),
        ("lukasenko", {"lukashenko"}),
    ],
)
def test_similar_speaker_words_without_holders(word, expected):
    assert LEXICON.similar(word, holders=False) == expected


def test_precomputed_neighbours_are_what_similar_finds():
    words = ["lukashenko", "suhartono", "hartono", "widodo", "joko", "budi", "santoso"]
    ready = SpeakerWords(words, precompute=True)
    assert set(ready.neighbours) == set(words)
    for word in [*words, "lukasenko", "harto", "xyzzy"]:
        assert (
            ready.similar(word)
            == LEXICON.similar(word) - {"presiden"}
            == (ready.find_similar(word))
        )
        assert ready.similar(word, holders=False) == ready.find_similar(word, holders=False)


def _speakers_snapshot(count: int, *extra: str) -> tuple[Snapshot, list[str]]:
    """`count` speakers made of syllables (and the `extra` names), one quote each, with
    roles: many labels."""
    rng = random.Random(5)
    syllables = "ba bu di ga ha jo ka ko la ma ni no ra ri sa si ta to wa ya".split()

    def word(n: int) -> str:
        return "".join(rng.choice(syllables) for _ in range(n)).capitalize()

    names = list(dict.fromkeys([*(f"{word(2)} {word(3)}" for _ in range(count)), *extra]))
    quotes = [
        Quote(
            f"Pernyataan nomor {n} dari {name}", 0, 10, name, "Menteri", "kata", None, (), "person"
        )
        for n, name in enumerate(names)
    ]
    article = Article("a.txt", quotes=quotes)
    source = Source("art_0", "a.txt", "teks", article)
    return Snapshot.build([source]), names


def test_speaker_lookup_above_the_full_scan_finds_what_the_full_scan_finds(monkeypatch):
    snap, names = _speakers_snapshot(3_000)
    assert len(snap.speaker_choices) > index_module.SPEAKER_FULL_SCAN
    rng = random.Random(8)
    queries = [rng.choice(names) for _ in range(20)]
    queries += [q[:3] + q[4:] for q in queries[:10]]  # a letter dropped
    queries += [q.split()[1] for q in queries[:10]] + ["menteri", "nobody here"]
    # a short first word, held in many label words, before a surname
    queries += [f"{q.split()[0][:3]} {q.split()[1]}" for q in queries[:10]]
    queries += [f"{q.split()[0][:3]} {q.split()[1][:-1]}" for q in queries[:10]]
    found = {q: snap.match_speakers(q) for q in queries}
    lexicon = snap.speaker_lexicon
    assert lexicon.neighbours  # built above the full scan
    for word in lexicon.vocabulary:
        assert lexicon.similar(word) == lexicon.find_similar(word)
        assert lexicon.similar(word, holders=False) == lexicon.find_similar(word, holders=False)
    monkeypatch.setattr(index_module, "SPEAKER_FULL_SCAN", 10**9)
    full = Snapshot.build(snap.sources)
    for query, scores in found.items():
        assert scores == full.match_speakers(query), query
    assert any(found.values())


@pytest.mark.parametrize(
    "text",
    ["plain ASCII", "\u201cKami siap,\u201d kata dia.", "Lukašenko", "lone \ud800 surrogate", ""],
)
def test_a_source_gives_back_its_text_and_cannot_change(text):
    source = Source("art_0", "a.txt", text, Article("a.txt"))
    assert source.text == text
    with pytest.raises(AttributeError):
        source.name = "b.txt"


@given(st.text())
def test_fold_drops_the_combining_marks_unicodedata_names(text):
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    expected = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    assert index_module._fold(text) == expected


@pytest.mark.parametrize("count", [300, 3_000])
def test_a_speakers_score_is_the_one_match_speakers_gives(seeded, count):
    # below and above SPEAKER_FULL_SCAN, where match_speakers scores only the labels with
    # a word like a query word: "li na tenis" has none ("tenis" is its only long word), so
    # "Li Na" is no match there, though WRatio("li na tenis", "li na") is 90
    snap, names = _speakers_snapshot(count, "Li Na")
    assert (len(snap.speaker_choices) > index_module.SPEAKER_FULL_SCAN) is (count > 2_000)
    rng = random.Random(9)
    queries = [rng.choice(names) for _ in range(12)]
    queries += [q[:3] + q[4:] for q in queries[:4]] + [q.split()[1] for q in queries[:4]]
    queries += ["Li Na (tenis)", "li na", "menteri", "Menteri Keuangan", "nobody here", "!!"]
    queries += [next(iter(snap.speakers))]
    for built, extra in ((snap, []), (seeded.snapshot, ["Lukashenko", "presiden belarus"])):
        for query in queries + extra:
            scores = built.match_speakers(query)
            for speaker_id in built.speakers:
                assert built.speaker_score(query, speaker_id) == scores.get(speaker_id), query
    assert snap.speaker_score(names[0], "spk_unknown") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kami SIAP, kata-nya!", ["kami", "siap", "kata", "nya"]),
        ("snake_case 2024\t\x1c(x)", ["snake_case", "2024", "x"]),
        ("  ", []),
        ("Lukašenko berkata", ["lukasenko", "berkata"]),
        # the separators of news text cut words as a space does
        ("siap\u2014kata\u2019nya\u00a0dia\u2026", ["siap", "kata", "nya", "dia"]),
        # a combining mark alone folds to nothing: the word stays whole
        ("Lukas\u030cenko", ["lukasenko"]),
        # folds that are not lower-case ASCII, and letters with no ASCII fold
        ("\u210cari \u00b2 Stra\u00dfe", ["Hari", "2", "strasse"]),
        ("\u0416\u0410\u0420\u2014Kyiv", ["\u0436\u0430\u0440", "kyiv"]),
        ("lone\ud800surrogate", ["lone", "surrogate"]),
    ],
)
def test_words_table(text, expected):
    assert index_module.words(text) == expected
    assert index_module.normalise_text(text) == " ".join(expected)


# ASCII mixed with what the non-ASCII paths must handle: separators (in and out of the
# pattern's ranges), marks, accented letters, folds to several or upper-case letters,
# connector punctuation, letters without an ASCII fold, a lone surrogate
_MIXED = st.text(
    alphabet=st.characters(max_codepoint=127)
    | st.sampled_from(
        "\u2014\u2013\u2019\u201c\u201d\u2026\u00a0\u00ab\u00b2\u00aa\u00bd\u203f\u2054"
        "\u0301\u030c\u00e9\u017d\u00df\u0130\u210c\u2122\u200b\u3000\u0416\ud800"
    ),
    max_size=80,
)


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=80))
def test_ascii_words_are_the_word_regex_on_the_folded_text(text):
    assert index_module.words(text) == index_module._WORD.findall(index_module._fold(text))


@given(
    st.text(max_size=80) | st.text(alphabet=st.characters(max_codepoint=127), max_size=80) | _MIXED
)
def test_the_normal_form_is_the_words_joined(text):
    # the fast paths (ASCII stand-ins, bytes.translate) must cut and fold as the regex
    # does on the folded text
    expected = index_module._WORD.findall(index_module._fold(text))
    assert index_module.words(text) == expected
    assert index_module.normalise_text(text) == " ".join(expected)


@given(
    st.dictionaries(
        st.text(min_size=1, max_size=5),
        st.lists(st.integers(0, 2**32 - 1), min_size=1, max_size=20).map(sorted),
        max_size=20,
    ),
    st.text(min_size=1, max_size=5),
)
def test_postings_read_as_the_lists_they_were_built_from(lists, other):
    postings = Postings({key: list(ranks) for key, ranks in lists.items()})
    assert len(postings) == len(lists) and list(postings) == list(lists)
    for key, ranks in lists.items():
        assert key in postings
        view = postings[key]
        assert list(view) == ranks and len(view) == len(ranks)
        assert list(postings.get(key)[1:]) == ranks[1:]
        assert bisect.bisect_left(view, ranks[-1]) == ranks.index(ranks[-1])
    if other not in lists:
        assert postings.get(other) is None and postings.get(other, ()) == ()
        assert other not in postings
        with pytest.raises(KeyError):
            postings[other]
