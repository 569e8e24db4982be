"""Matching a claimed quote against the index (service.verify), without HTTP."""

from __future__ import annotations

import random
from array import array
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq, Levenshtein

from service import verify as matching
from service.index import QuoteRecord, Snapshot, normalise_text, tokens
from service.pipeline import snapshot_of
from service.verify import Normalised, text_verdict

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


def n(text: str) -> Normalised:
    return Normalised.of(text)


@given(st.text())
@settings(max_examples=300)
def test_normal_form_is_the_index_normal_form(text):
    normalised = n(text)
    assert normalised.text == normalise_text(text)
    assert len(normalised.origin) == len(normalised.text)
    assert list(normalised.origin) == sorted(normalised.origin)


def test_spans_map_back_to_the_original_words():
    original = "«Jembatan INI», kata-nya; Straße Café!"
    normalised = n(original)
    assert normalised.text == "jembatan ini kata nya strasse cafe"
    start = normalised.text.index("ini")
    # a span cutting into words widens to whole words, in original offsets
    assert original.__getitem__(slice(*normalised.span(start + 1, start + 6))) == "INI», kata"
    ss = normalised.text.index("strasse")
    assert original.__getitem__(slice(*normalised.span(ss + 5, ss + 6))) == "Straße"
    assert normalised.span(3, 3) == (0, 0)


@pytest.mark.parametrize(
    "claim, stored, expected",
    [
        ("Jembatan ini: AKAN menghubungkan!", "jembatan ini akan menghubungkan", "exact"),
        (BRIDGE.replace("tiga", "empat"), BRIDGE, "close"),
        # one word of five changed in a short quote: the character ratio alone is too low
        ("pasar kita sangat kuat sekali", "pasar kita sangat lemah sekali", "close"),
        ("menghubungkan tiga kecamatan yang selama ini", BRIDGE, "partial"),
        (
            BRIDGE + ". Kami bangga pada para insinyur daerah yang bekerja siang malam",
            BRIDGE,
            "partial",
        ),
        # one word more or less is a wording change, not a fragment
        (BRIDGE.replace("dari ", ""), BRIDGE, "close"),
        (BRIDGE.removesuffix(" kota"), BRIDGE, "close"),
        (BRIDGE.removesuffix(" pusat kota"), BRIDGE, "partial"),
        # a fragment of fewer than PARTIAL_MIN_WORDS words is no evidence
        ("tiga kecamatan", BRIDGE, None),
        ("Harga beras di pasar tradisional akan turun minggu depan", BRIDGE, None),
        ("", BRIDGE, None),
    ],
)
def test_text_verdicts(claim, stored, expected):
    verdict, ratio, partial, _spans = text_verdict(n(claim), n(stored))
    assert verdict == expected
    assert 0 <= ratio <= 100 and 0 <= partial <= 100


def test_partial_spans_point_at_the_shared_words():
    fragment = "menghubungkan tiga kecamatan yang selama ini"
    _, _, _, (claim_span, span) = text_verdict(n(fragment), n(BRIDGE))
    assert BRIDGE[slice(*span)] == fragment and claim_span == (0, len(fragment))
    longer = f"Kata gubernur: {BRIDGE}! Itu janji lama."
    _, _, _, (claim_span, span) = text_verdict(n(longer), n(BRIDGE))
    assert longer[slice(*claim_span)] == BRIDGE and span == (0, len(BRIDGE))


def test_verify_every_verdict_on_a_snapshot(snap):
    assert matching.verify(snap, BRIDGE.upper() + "!!", "Rahmat").verdict == "exact"
    assert matching.verify(snap, BRIDGE.replace("pusat", "ibu"), "Rahmat").verdict == "close"
    assert matching.verify(snap, "tiga kecamatan yang selama ini terisolasi").verdict == "partial"
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
    real = matching.verdict_of

    def counting(c, s, c_words, s_words=None):
        scored.append(s)
        return real(c, s, c_words, s_words)

    monkeypatch.setattr(matching, "verdict_of", counting)
    result = matching.verify(snap, target.replace(target.split()[3], "berbeda"))
    assert result.matches[0].quote_id == "q_0000000000012345"
    assert result.matches[0].verdict == "close"
    assert len(scored) == result.candidates <= matching.CANDIDATE_LIMIT
    assert result.candidates < len(snap.quotes) / 50


def test_a_claim_of_common_words_counts_within_the_budget(monkeypatch):
    snap = _synthetic(20_000)
    monkeypatch.setattr(matching, "POSTING_BUDGET", 1_000)
    common = [t for t in ("yang", "dan", "di", "ini", "akan") if len(snap.by_token[t]) > 1_000]
    assert common
    counted = matching.counted_postings(snap, n(" ".join(common)))
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
    assert matching.most_shared(arrays, limit) == expected
    assert expected == _most_shared_by_counting(postings, limit)


@given(
    st.lists(st.sets(st.integers(0, 60), max_size=30), max_size=8),
    st.integers(1, 40),
)
def test_most_shared_is_the_full_count(postings, limit):
    sorted_postings = [array("I", sorted(p)) for p in postings]
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


@given(st.integers(0, 10_000))
@settings(max_examples=300)
def test_the_fast_verdict_is_text_verdicts(seed):
    rng = random.Random(seed)
    claim = _edited(rng, BRIDGE)
    stored = _edited(rng, rng.choice([BRIDGE, claim, BRIDGE + " " + claim]))
    c, s = n(claim), n(stored)
    verdict, ratio, _partial, _spans = text_verdict(c, s)
    assert matching.verdict_of(c.text, s.text, c.words, s.words) == (verdict, ratio)
    # as verify calls it: the stored quote's words split only when needed
    assert matching.verdict_of(c.text, s.text, c.words) == (verdict, ratio)


@pytest.mark.parametrize(
    "claim, stored",
    [
        ("", BRIDGE),
        (BRIDGE, BRIDGE.upper()),
        ("menghubungkan tiga kecamatan yang selama ini", BRIDGE),
        ("tiga kecamatan", BRIDGE),
        ("Harga beras di pasar tradisional akan turun minggu depan", BRIDGE),
        (BRIDGE.removesuffix(" pusat kota"), BRIDGE),
        # a fragment with a typo still aligns: the bound must not rule it out
        ("menghubungkan tiga kecamatn yang selama ini terisolasi", BRIDGE),
        # a fragment of a much longer quote
        ("yang selama ini terisolasi dari pusat kota", BRIDGE + ". " + BRIDGE.lower()),
    ],
)
def test_the_fast_verdict_on_fixed_pairs(claim, stored):
    c, s = n(claim), n(stored)
    verdict, ratio, _partial, _spans = text_verdict(c, s)
    assert matching.verdict_of(c.text, s.text, c.words, s.words) == (verdict, ratio)
    # as verify calls it: the stored quote's words split only when needed
    assert matching.verdict_of(c.text, s.text, c.words) == (verdict, ratio)


def _verify_by_text_verdict(snap: Snapshot, quote: str, limit: int) -> list[tuple]:
    """What `verify` must return: every candidate through `text_verdict`, best first."""
    claim = n(quote)
    rows = []
    for rank in matching.candidates(snap, claim):
        quote_id = snap.records[rank].id
        kind, ratio, partial, (claim_span, span) = text_verdict(
            claim, n(snap.quotes[quote_id].text)
        )
        if kind is not None:
            score = round(float(ratio), 2)
            row = (quote_id, kind, score, round(float(partial), 2), span, claim_span)
            rows.append(((matching._RANK[kind], -score, rank), row))
    rows.sort()
    return [row for _, row in rows[:limit]]


def test_verify_among_many_near_duplicates():
    """Hundreds of candidates that differ by a word or two, fragments and longer versions:
    the matches, their order, scores and spans are those of `text_verdict` on all."""
    rng = random.Random(11)
    snap = _snapshot_of(dict.fromkeys(_edited(rng, BRIDGE) for _ in range(600)))
    for claim in (BRIDGE, _edited(rng, BRIDGE), "tiga kecamatan yang selama ini terisolasi"):
        result = matching.verify(snap, claim, limit=matching.MAX_MATCHES)
        got = [
            (m.quote_id, m.verdict, m.score, m.partial_score, m.span, m.claim_span)
            for m in result.matches
        ]
        assert result.candidates == matching.CANDIDATE_LIMIT
        assert got == _verify_by_text_verdict(snap, claim, matching.MAX_MATCHES)
        assert {m.verdict for m in result.matches} >= {"close"}


def _aligns_as_rapidfuzz(a: str, b: str) -> None:
    """`_aligns` and its branch and bound, wherever it decides, say what partial_ratio says."""
    expected = fuzz.partial_ratio(a, b) >= matching.PARTIAL_RATIO
    assert matching._aligns(a, b, fuzz.ratio(a, b)) is expected
    short, long = sorted((a, b), key=len)
    if len(short) < len(long):
        lo = matching._shortest_window(len(short))
        lcs = LCSseq.similarity(short, long)
        decided = matching._Windows(short, long).decide(lo, lcs)
        assert decided in (None, expected)


@given(st.text("abcd ", min_size=1, max_size=40), st.text("abcd ", min_size=1, max_size=40))
@settings(max_examples=500)
def test_the_alignment_is_partial_ratios(c, s):
    _aligns_as_rapidfuzz(c, s)


_SOME_WORDS = st.sampled_from(
    "jembatan baru itu kami akan selesai tahun depan warga desa ya".split()
)


@st.composite
def _claim_in_context(draw) -> tuple[str, str, str]:
    """(claim, the claim with a few words changed, that inside other words at any place):
    sentence-length texts, most of which align; the edits put some just under or at the
    ratio."""
    claim = draw(st.lists(_SOME_WORDS, min_size=10, max_size=45))
    others = draw(st.lists(_SOME_WORDS, max_size=30))
    at = draw(st.integers(0, 30))
    changed = list(claim)
    for position, word in draw(st.lists(st.tuples(st.integers(0, 60), _SOME_WORDS), max_size=4)):
        changed[position % len(changed)] = word
    return " ".join(claim), " ".join(changed), " ".join(others[:at] + changed + others[at:])


@given(_claim_in_context())
@settings(max_examples=500)
def test_the_alignment_on_long_texts(texts):
    c, _changed, s = texts
    _aligns_as_rapidfuzz(c, s)
    _aligns_as_rapidfuzz(s, c)


def _alignment_as_rapidfuzz(a: str, b: str) -> None:
    expected = tuple(fuzz.partial_ratio_alignment(a, b))
    # the search itself at every length, and the routing in front of it
    assert tuple(matching._best_alignment(a, b)) == expected
    assert tuple(matching.alignment(a, b)) == expected


# Two or three letters: many windows score alike, so the choice between equal ones shows.
@given(st.text("ab ", max_size=90), st.text("abc", max_size=90))
@settings(max_examples=1000)
def test_the_best_alignment_is_rapidfuzzs(c, s):
    _alignment_as_rapidfuzz(c, s)


@given(_claim_in_context())
@settings(max_examples=500)
def test_the_best_alignment_on_long_texts(texts):
    """Both ways round, and of the same length (where rapidfuzz aligns both ways)."""
    c, changed, s = texts
    _alignment_as_rapidfuzz(c, s)
    _alignment_as_rapidfuzz(s, c)
    _alignment_as_rapidfuzz(c, changed)


@pytest.mark.parametrize("budget", [0, 3])
def test_the_best_alignment_past_its_budget_is_rapidfuzzs(monkeypatch, budget):
    monkeypatch.setattr(matching, "BEST_BUDGET", budget)
    claim = normalise_text(BRIDGE)
    for stored in (claim.replace("tiga", "empat"), "warga " + claim, claim[:40], "x" * 70):
        _alignment_as_rapidfuzz(claim, stored)


@given(st.integers(0, 30), st.integers(0, 30))
def test_the_word_count_bound_never_rules_out_alike_words(a, b):
    c_words, s_words = ["x"] * a, ["x"] * b
    if a and b and not matching._words_may_be_alike(a, b):
        similarity = Levenshtein.normalized_similarity(c_words, s_words)
        assert similarity < matching.CLOSE_WORD_SIMILARITY
