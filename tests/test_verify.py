"""Matching a claimed quote against the index (service.verify), without HTTP."""

from __future__ import annotations

import random
from array import array
from collections import Counter
from unittest.mock import patch

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz import fuzz

from service import verify as matching
from service.changes import compare
from service.index import QuoteRecord, Snapshot, normalise_text, tokens
from service.pipeline import snapshot_of

BRIDGE = "Jembatan ini akan menghubungkan tiga kecamatan yang selama ini terisolasi dari pusat kota"
ARTICLE = (
    "Gubernur Sulawesi Tengah Rahmat Widjajakusuma meresmikan jembatan gantung baru di "
    "Kabupaten Sigi, Senin.\n\n"
    f'"{BRIDGE}," kata Rahmat di lokasi peresmian.\n\n'
    "Ketua DPRD Sulawesi Tengah Mariana Lakotani menanggapi peresmian itu.\n\n"
    '"Anggaran daerah tidak cukup untuk membiayai semua proyek sekaligus," ujar Mariana '
    "kepada wartawan.\n"
)


@pytest.fixture(scope="module")
def snap() -> Snapshot:
    return snapshot_of([("sigi.txt", ARTICLE)])


def test_verify_every_verdict_on_a_snapshot(snap):
    assert matching.verify(snap, BRIDGE.upper() + "!!", "Rahmat").verdict == "exact"
    assert matching.verify(snap, BRIDGE.replace("ini ", "", 1), "Rahmat").verdict == "close"
    assert matching.verify(snap, BRIDGE.replace("kecamatan", "kecmatan")).verdict == "close"
    assert matching.verify(snap, "tiga kecamatan yang selama ini terisolasi").verdict == "partial"
    altered = matching.verify(snap, BRIDGE.replace("tiga", "lima"), "Rahmat")
    assert altered.verdict == "altered"
    assert [(c.kind, BRIDGE[slice(*c.stored)]) for c in altered.matches[0].changes] == [
        ("number", "tiga")
    ]
    wrong = matching.verify(snap, BRIDGE, "Mariana Lakotani")
    assert wrong.verdict == "different_speaker"
    assert wrong.matches[0].text_match == "exact" and wrong.matches[0].speaker_match is None
    assert matching.verify(snap, "Kami menolak semua tuduhan itu", "Rahmat").verdict == (
        "not_found"
    )


def test_the_claimed_speakers_match_comes_before_another_speakers(snap):
    result = matching.verify(snap, "Anggaran daerah tidak cukup untuk membiayai", "Mariana")
    assert [m.verdict for m in result.matches] == ["partial"]
    assert result.matches[0].speaker_match is not None and result.matches[0].speaker_match >= 80


def _snapshot_of(texts) -> Snapshot:
    """A snapshot built directly from quote texts (no speakers), ranked in their order."""
    quotes: dict[str, QuoteRecord] = {}
    by_token: dict[str, list[int]] = {}
    for rank, text in enumerate(texts):
        quote_id = f"q_{rank:016d}"
        quotes[quote_id] = QuoteRecord(quote_id, text, None, None, (), rank)
        for token in tokens(text):
            by_token.setdefault(token, []).append(rank)
    return Snapshot(
        quotes=quotes,
        records=tuple(quotes.values()),
        by_token={k: array("Q", v) for k, v in by_token.items()},
    )


def _synthetic(count: int, seed: int = 7) -> Snapshot:
    """A large snapshot built directly: `count` quotes from a small vocabulary."""
    rng = random.Random(seed)
    vocabulary = [f"kata{i}" for i in range(3000)] + ["yang", "dan", "di", "ini", "akan"] * 200
    return _snapshot_of(" ".join(rng.choice(vocabulary) for _ in range(12)) for _ in range(count))


def test_only_candidates_from_the_word_index_are_scored(monkeypatch):
    snap = _synthetic(20_000)
    target = snap.quotes["q_0000000000012345"].text
    scored = []
    real = matching.align

    def counting(c, s, *args, **kwargs):
        scored.append(s)
        return real(c, s, *args, **kwargs)

    monkeypatch.setattr(matching, "align", counting)
    result = matching.verify(snap, target.replace(target.split()[3], "berbeda"))
    assert result.matches[0].quote_id == "q_0000000000012345"
    assert result.matches[0].verdict == "altered"
    assert len(scored) == result.candidates <= matching.CANDIDATE_LIMIT
    assert result.candidates < len(snap.quotes) / 50


def test_a_claim_of_common_words_counts_within_the_budget(monkeypatch):
    snap = _synthetic(20_000)
    monkeypatch.setattr(matching, "POSTING_BUDGET", 1_000)
    common = [t for t in ("yang", "dan", "di", "ini", "akan") if len(snap.by_token[t]) > 1_000]
    assert common
    counted = matching.counted_postings(snap, common)
    # only the rarest of them is counted, over the budget as it is
    assert [len(p) for p in counted] == [min(len(snap.by_token[t]) for t in common)]
    result = matching.verify(snap, " ".join(common))
    assert result.candidates == matching.CANDIDATE_LIMIT


def test_limit_caps_the_matches(snap):
    many = matching.verify(snap, BRIDGE, limit=1)
    assert len(many.matches) == 1


def _most_shared_by_counting(postings, limit):
    """What `most_shared` must give: a full count, sorted by (-count, rank)."""
    counts = Counter(r for ranks in postings for r in ranks)
    return sorted(counts, key=lambda r: (-counts[r], r))[:limit]


@pytest.mark.parametrize(
    "postings, limit, expected",
    [
        ([], 5, []),
        ([[3, 7, 9]], 2, [3, 7]),
        ([[3, 7, 9], [1, 7]], 5, [7, 1, 3, 9]),
        # more shared words win over a lower rank, ties go to the lower rank
        ([[1, 2, 8], [2, 5, 8], [0, 8]], 3, [8, 2, 0]),
        ([[1, 2, 8], [2, 5, 8], [0, 8]], 1, [8]),
        # the singles needed after the shared ones come from the front of every posting
        ([[10, 11, 12, 13], [0, 10, 20], [1, 2, 3]], 4, [10, 0, 1, 2]),
    ],
)
def test_most_shared_first_then_by_rank(postings, limit, expected):
    arrays = [array("I", p) for p in postings]
    for few in (0, matching.FEW_RANKS):  # counted with numpy, and in Python
        with patch.object(matching, "FEW_RANKS", few):
            assert matching.most_shared(arrays, limit) == expected
    assert expected == _most_shared_by_counting(postings, limit)


@given(
    st.lists(st.sets(st.integers(0, 60), max_size=30), max_size=8),
    st.integers(1, 40),
    st.sampled_from([0, 100, 1000]),
)
def test_most_shared_is_the_full_count(postings, limit, few):
    sorted_postings = [array("I", sorted(p)) for p in postings]
    with patch.object(matching, "FEW_RANKS", few):
        assert matching.most_shared(sorted_postings, limit) == _most_shared_by_counting(
            sorted_postings, limit
        )


_WORDS = BRIDGE.split() + ["kami", "tidak", "pernah", "bilang", "begitu", "Rahmat", "baru"]


def _edited(rng: random.Random, text: str) -> str:
    """`text` with a few words changed, dropped, added, or cut to a fragment."""
    words = text.split()
    for _ in range(rng.randrange(4)):
        op = rng.randrange(4)
        i = rng.randrange(len(words))
        if op == 0:
            words[i] = rng.choice(_WORDS)
        elif op == 1 and len(words) > 2:
            del words[i]
        elif op == 2:
            words.insert(i, rng.choice(_WORDS))
        else:
            j = rng.randrange(len(words))
            words = words[min(i, j) : max(i, j) + 1] or words
    return " ".join(words)


def _verify_by_compare(snap: Snapshot, quote: str, limit: int) -> list[tuple]:
    """What `verify` must return: every candidate through `changes.compare`, in verify's
    order (whole claim first, then verdict, then ratio)."""
    rows = []
    for rank in matching.candidates(snap, normalise_text(quote).split()):
        quote_id = snap.records[rank].id
        text = snap.quotes[quote_id].text
        found = compare(quote, text, matching.word_counts(snap))
        if found.verdict is not None:
            score = round(float(fuzz.ratio(normalise_text(quote), normalise_text(text))), 2)
            row = (quote_id, found.verdict, score, found.stored_span, found.claim_span)
            key = (found.claim_partly, matching._RANK[found.verdict], -score, rank)
            rows.append((key, row, found.changes))
    rows.sort(key=lambda r: r[0])
    return [(row, changes) for _, row, changes in rows[:limit]]


def test_verify_among_many_near_duplicates():
    """Hundreds of candidates that differ by a word or two, fragments and longer versions:
    the matches, their order, scores, spans and changes are those of `compare` on all."""
    rng = random.Random(11)
    snap = _snapshot_of(dict.fromkeys(_edited(rng, BRIDGE) for _ in range(600)))
    verdicts = set()
    for claim in (BRIDGE, _edited(rng, BRIDGE), "tiga kecamatan yang selama ini terisolasi"):
        result = matching.verify(snap, claim, limit=matching.MAX_MATCHES)
        got = [
            ((m.quote_id, m.verdict, m.score, m.span, m.claim_span), m.changes)
            for m in result.matches
        ]
        assert result.candidates == matching.CANDIDATE_LIMIT
        assert got == _verify_by_compare(snap, claim, matching.MAX_MATCHES)
        verdicts.update(m.verdict for m in result.matches)
        for m in result.matches:
            assert m.partial_score == round(
                fuzz.partial_ratio(
                    normalise_text(claim), normalise_text(snap.quotes[m.quote_id].text)
                ),
                2,
            )
    assert verdicts >= {"exact", "close", "partial", "altered"}
