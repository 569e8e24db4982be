"""Matching a claimed quote against the index (service.verify), without HTTP."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service import verify as matching
from service.index import QuoteIndex, QuoteRecord, Snapshot, normalise_text, tokens
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
    return Snapshot.build([QuoteIndex.make_source(ARTICLE, "sigi.txt")])


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


def _synthetic(count: int, seed: int = 7) -> Snapshot:
    """A large snapshot built directly: `count` quotes from a small vocabulary."""
    rng = random.Random(seed)
    vocabulary = [f"kata{i}" for i in range(3000)] + ["yang", "dan", "di", "ini", "akan"] * 200
    snap = Snapshot()
    by_token: dict[str, set[str]] = {}
    for i in range(count):
        text = " ".join(rng.choice(vocabulary) for _ in range(12))
        quote_id = f"q_{i:016d}"
        snap.quotes[quote_id] = QuoteRecord(quote_id, text, None, None, ())
        for token in tokens(text):
            by_token.setdefault(token, set()).add(quote_id)
    snap.by_token = {k: frozenset(v) for k, v in by_token.items()}
    snap.quote_order = tuple(snap.quotes)
    snap.quote_rank = {q: i for i, q in enumerate(snap.quote_order)}
    return snap


def test_only_candidates_from_the_word_index_are_scored(monkeypatch):
    snap = _synthetic(20_000)
    target = snap.quotes["q_0000000000012345"].text
    scored = []
    real = matching.text_verdict

    def counting(claim, stored):
        scored.append(stored.original)
        return real(claim, stored)

    monkeypatch.setattr(matching, "text_verdict", counting)
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
    seen = []

    class Counting(Counter):
        def update(self, ids=None, /, **kwargs):
            if ids is not None:
                seen.append(len(ids))
            return super().update(ids, **kwargs)

    monkeypatch.setattr(matching, "Counter", Counting)
    result = matching.verify(snap, " ".join(common))
    # only the rarest of them is counted, over the budget as it is
    assert seen == [min(len(snap.by_token[t]) for t in common)]
    assert result.candidates == matching.CANDIDATE_LIMIT


def test_limit_caps_the_matches(snap):
    many = matching.verify(snap, BRIDGE, limit=1)
    assert len(many.matches) == 1
