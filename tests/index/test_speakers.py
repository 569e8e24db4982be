"""Fuzzy speaker look-up: words found by likeness, and the same speakers found whether
every label is scored or only those with a word like the query's."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from service import pipeline
from service.index import Changes, SpeakerName, StoredArticle, StoredQuote, apply, speaker_id
from service.index import speakers as speakers_module
from service.index.snapshot import Snapshot
from service.index.speakers import SpeakerLabels, SpeakerWords

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
WORDS = ["lukashenko", "suhartono", "hartono", "widodo", "joko", "budi", "santoso", "presiden"]
LEXICON = SpeakerWords().with_words(WORDS)
KNOWN = dict.fromkeys(WORDS)


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
    assert LEXICON.similar(word, KNOWN) == expected


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
    assert LEXICON.similar(word, KNOWN, holders=False) == expected


def test_words_added_later_are_found_as_the_first_ones():
    grown = SpeakerWords().with_words(WORDS[:3]).with_words(WORDS[3:]).with_words(WORDS[:2])
    for word in [*WORDS, "lukasenko", "harto", "jokowidodo", "xyzzy"]:
        assert grown.similar(word, KNOWN) == LEXICON.similar(word, KNOWN)
    assert len(grown) == len(WORDS)


def speakers_snapshot(count: int, *extra: str) -> tuple[Snapshot, list[str]]:
    """`count` speakers made of syllables (and the `extra` names), one quote each, with a
    role: many labels."""
    rng = random.Random(5)
    syllables = "ba bu di ga ha jo ka ko la ma ni no ra ri sa si ta to wa ya".split()

    def word(n: int) -> str:
        return "".join(rng.choice(syllables) for _ in range(n)).capitalize()

    names = list(dict.fromkeys([*(f"{word(2)} {word(3)}" for _ in range(count)), *extra]))
    quotes = tuple(
        StoredQuote(f"Pernyataan nomor {n} dari {name}", 0, 10, name, "person", "Menteri", "kata")
        for n, name in enumerate(names)
    )
    changes = Changes(
        position=1,
        articles=[StoredArticle("art_0000000000000000", "a.txt", {}, {}, quotes)],
        names=[SpeakerName(name, "person", speaker_id(name), name) for name in names],
    )
    return apply(Snapshot(), changes), names


def test_speaker_lookup_above_the_full_scan_finds_what_the_full_scan_finds(monkeypatch):
    snap, names = speakers_snapshot(3_000)
    assert len(snap.labels) > speakers_module.SPEAKER_FULL_SCAN
    rng = random.Random(8)
    queries = [rng.choice(names) for _ in range(20)]
    queries += [q[:3] + q[4:] for q in queries[:10]]  # a letter dropped
    queries += [q.split()[1] for q in queries[:10]] + ["menteri", "nobody here"]
    # a short first word, held in many label words, before a surname
    queries += [f"{q.split()[0][:3]} {q.split()[1]}" for q in queries[:10]]
    queries += [f"{q.split()[0][:3]} {q.split()[1][:-1]}" for q in queries[:10]]
    found = {q: snap.match_speakers(q) for q in queries}
    monkeypatch.setattr(speakers_module, "SPEAKER_FULL_SCAN", 10**9)
    for query, scores in found.items():
        assert scores == snap.labels.match(speakers_module.process_label(query)), query
    assert any(found.values())


@pytest.mark.parametrize("count", [300, 3_000])
def test_a_speakers_score_is_the_one_match_speakers_gives(count):
    # below and above SPEAKER_FULL_SCAN, where match_speakers scores only the labels with
    # a word like a query word: "li na tenis" has none ("tenis" is its only long word), so
    # "Li Na" is no match there, though WRatio("li na tenis", "li na") is 90
    snap, names = speakers_snapshot(count, "Li Na")
    assert (len(snap.labels) > speakers_module.SPEAKER_FULL_SCAN) is (count > 2_000)
    seeded = pipeline.snapshot_of((p.name, p.read_text("utf-8")) for p in SEEDS.glob("*.txt"))
    rng = random.Random(9)
    queries = [rng.choice(names) for _ in range(12)]
    queries += [q[:3] + q[4:] for q in queries[:4]] + [q.split()[1] for q in queries[:4]]
    queries += ["Li Na (tenis)", "li na", "menteri", "Menteri Keuangan", "nobody here", "!!"]
    queries += [next(iter(snap.speakers))]
    for built, extra in ((snap, []), (seeded, ["Lukashenko", "presiden belarus"])):
        for query in queries + extra:
            scores = built.match_speakers(query)
            for speaker in built.speakers:
                assert built.speaker_score(query, speaker) == scores.get(speaker), query
    assert snap.speaker_score(names[0], "spk_unknown") is None


def test_speaker_matches_are_shared_only_while_the_labels_stay_the_same():
    snap, names = speakers_snapshot(50)
    first = snap.match_speakers(names[0])
    assert first and snap.labels.memo

    def article(n: int, name: str, role: str) -> Changes:
        quote = StoredQuote(f"Pernyataan baru {n} dari {name}", 0, 10, name, "person", role)
        stored = StoredArticle(f"art_{n:016x}", f"b{n}.txt", {}, {}, (quote,))
        return Changes(
            position=snap.position + n,
            articles=[stored],
            names=[SpeakerName(name, "person", speaker_id(name), name)],
        )

    # one more quote of a known speaker in a known role: the labels are those of before
    same = apply(snap, article(2, names[1], "Menteri"))
    assert same.labels is snap.labels and same.match_speakers(names[0]) is first
    # a new speaker, whose name is like the first one's: matched at once
    like = names[0][:-1] + "x"
    grown = apply(same, article(3, like, "Menteri"))
    assert grown.labels is not snap.labels
    assert speaker_id(like) in grown.match_speakers(names[0])
    assert speaker_id(like) not in snap.match_speakers(names[0])
    # every answer is the one a snapshot worked out afresh gives
    for query in (names[0], like, names[1], "menteri"):
        fresh = Snapshot(**{k: v for k, v in vars(grown).items() if k != "memo"})
        labels = grown.labels
        fresh.labels = SpeakerLabels(labels.owners, labels.words, labels.lexicon)
        assert grown.match_speakers(query) == fresh.match_speakers(query), query
