"""What the check page says: word changes found when the verifier gives none, and each
verdict as a sentence, in Indonesian and in English."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from flask_babel import force_locale
from hypothesis import given
from hypothesis import strategies as st

from service.web.data import (
    Appearance,
    ArticleRef,
    Change,
    CheckView,
    MatchView,
    QuoteView,
    Span,
    SpeakerRef,
    _change,
    word_changes,
)
from service.web.verdicts import change_sentence, verdict_sentence


def whole(text: str) -> tuple[int, int]:
    return (0, len(text))


WORD_CASES = [
    # (claim, stored, expected changes as (claimed text, stored text))
    ("Kami siap bekerja", "Kami siap bekerja", []),
    # case, accents and punctuation are no change
    ("kami SIAP, bekérja!", "Kami siap bekerja", []),
    ("Kami siap bekerja keras", "Kami siap bekerja cepat", [("keras", "cepat")]),
    ("Kami bekerja", "Kami tidak bekerja", [("", "tidak")]),
    ("Kami sungguh siap bekerja", "Kami siap bekerja", [("sungguh", "")]),
    ("Stok 50 ribu ton", "Stok 30 ribu ton", [("50", "30")]),
]


@pytest.mark.parametrize(("claim", "stored", "expected"), WORD_CASES)
def test_word_changes(claim, stored, expected):
    found = word_changes(claim, stored, whole(claim), whole(stored))
    assert [(c.claimed.text, c.stored.text) for c in found] == expected
    for change in found:
        assert change.kind == "word"
        assert claim[change.claimed.start : change.claimed.end] == change.claimed.text
        assert stored[change.stored.start : change.stored.end] == change.stored.text


def test_a_dropped_word_is_a_point_where_it_was():
    (change,) = word_changes("Kami bekerja", "Kami tidak bekerja", (0, 12), (0, 18))
    assert change.claimed == Span(5, 5, "")
    assert change.stored == Span(5, 10, "tidak")


def test_word_changes_stay_inside_the_matched_spans():
    claim = "Katanya: kami siap bekerja keras"
    stored = "Kami siap bekerja cepat, kata dia kepada wartawan"
    found = word_changes(claim, stored, (9, len(claim)), (0, 23))
    assert [(c.claimed.text, c.stored.text) for c in found] == [("keras", "cepat")]


WULAN = SpeakerRef("spk_1", "Wulan Sasmita", "Menteri Pertanian")
ARTICLE = ArticleRef("art_1", "Judul", "Warta", None, None)


def result(verdict: str, claim: str, stored: str, changes=(), speaker=WULAN, claimed=None):
    quote = QuoteView("q_1", stored, speaker, None, (Appearance(ARTICLE, 0, 5, None),))
    match = MatchView(verdict, verdict, 90.0, None, quote, (0, 1), (0, 1), tuple(changes))
    return CheckView(claim, claimed, verdict, [match])


NEGATION = Change("negation", Span(5, 5, ""), Span(5, 10, "tidak"))
NUMBER = Change("number", Span(20, 22, "50"), Span(26, 28, "30"))
ADDED = Change("filler", Span(0, 4, "yah,"), Span(0, 0, ""))

SENTENCES = [
    (
        result("exact", "Kami siap", "Kami siap"),
        "Kutipan ini ditemukan, diucapkan oleh Wulan Sasmita (Menteri Pertanian).",
        "This quote was found, said by Wulan Sasmita (Menteri Pertanian).",
    ),
    (
        result("exact", "Kami siap", "Kami siap", speaker=None),
        "Kutipan ini ditemukan, tetapi pembicaranya tidak diketahui.",
        "This quote was found, but who said it is not known.",
    ),
    (
        result("close", "Kami siap keras", "Kami siap cepat"),
        "Mirip, dengan kata yang berbeda: aslinya diucapkan oleh Wulan Sasmita "
        "(Menteri Pertanian).",
        "Similar, with different words: the original was said by Wulan Sasmita "
        "(Menteri Pertanian).",
    ),
    (
        result("partial", "a b c d", "a b c d e f"),
        "Sebagian: kutipan ini penggalan dari ucapan Wulan Sasmita (Menteri Pertanian) "
        "yang lebih panjang.",
        "Partly: this quote is a fragment of something longer said by Wulan Sasmita "
        "(Menteri Pertanian).",
    ),
    (
        result("partial", "a b c d e f", "a b c d"),
        "Sebagian: hanya sebagian dari kutipan ini yang ditemukan, diucapkan oleh "
        "Wulan Sasmita (Menteri Pertanian).",
        "Partly: only part of this quote was found, said by Wulan Sasmita (Menteri Pertanian).",
    ),
    (
        result("different_speaker", "Kami siap", "Kami siap", claimed="Darmaji"),
        "Diucapkan orang lain: Wulan Sasmita (Menteri Pertanian), bukan Darmaji.",
        "Said by someone else: Wulan Sasmita (Menteri Pertanian), not Darmaji.",
    ),
    (
        result("altered", "Kami akan", "Kami tidak akan", [NEGATION, NUMBER]),
        "Kutipan ini diubah: kata ingkar “tidak” dihilangkan; angka “30” diganti “50”. "
        "Aslinya diucapkan oleh Wulan Sasmita (Menteri Pertanian).",
        "This quote was altered: negation “tidak” left out; number “30” replaced by “50”. "
        "The original was said by Wulan Sasmita (Menteri Pertanian).",
    ),
    (
        result("altered", "x", "y", [NEGATION, NUMBER, ADDED, NUMBER, NUMBER]),
        "Kutipan ini diubah: kata ingkar “tidak” dihilangkan; angka “30” diganti “50”; "
        "kata pengisi “yah,” ditambahkan; dan 2 perubahan lain. "
        "Aslinya diucapkan oleh Wulan Sasmita (Menteri Pertanian).",
        "This quote was altered: negation “tidak” left out; number “30” replaced by “50”; "
        "filler word “yah,” added; and 2 other changes. "
        "The original was said by Wulan Sasmita (Menteri Pertanian).",
    ),
    (
        CheckView("Kata yang tak pernah diucapkan", None, "not_found", []),
        "Tidak ditemukan di arsip.",
        "Not found in the archive.",
    ),
]


@pytest.mark.parametrize(("checked", "indonesian", "english"), SENTENCES)
def test_verdict_sentences(app, checked, indonesian, english):
    with app.test_request_context("/check"):
        with force_locale("id"):
            assert verdict_sentence(checked) == indonesian
        with force_locale("en"):
            assert verdict_sentence(checked) == english


def test_change_sentences(app):
    with app.test_request_context("/check"), force_locale("id"):
        assert change_sentence(NEGATION) == "kata ingkar “tidak” dihilangkan"
        assert change_sentence(ADDED) == "kata pengisi “yah,” ditambahkan"
        unknown_kind = Change("tense", Span(0, 1, "a"), Span(0, 1, "b"))
        assert change_sentence(unknown_kind) == "kata “b” diganti “a”"


WORDS = st.lists(st.sampled_from(["kami", "tidak", "akan", "30", "50", "beras", "Harga"]))


@given(WORDS, WORDS)
def test_word_changes_are_in_claim_order_and_point_into_both_texts(claim_words, stored_words):
    claim, stored = " ".join(claim_words), ", ".join(stored_words)
    found = word_changes(claim, stored, whole(claim), whole(stored))
    if [w.lower() for w in claim_words] == [w.lower() for w in stored_words]:
        assert found == ()
    else:
        assert found
    starts = [c.claimed.start for c in found]
    assert starts == sorted(starts)
    for change in found:
        assert claim[change.claimed.start : change.claimed.end] == change.claimed.text
        assert stored[change.stored.start : change.stored.end] == change.stored.text
        assert change.claimed.text or change.stored.text


def test_changes_from_the_verifier_in_any_of_its_shapes():
    claim, stored = "Kami akan 50", "Kami tidak akan 30"
    expected = Change("number", Span(10, 12, "50"), Span(16, 18, "30"))
    as_mapping = {
        "kind": "number",
        "claimed": {"start": 10, "end": 12, "text": "50"},
        "stored": {"start": 16, "end": 18, "text": "30"},
    }
    as_object = Change("number", Span(10, 12, "50"), Span(16, 18, "30"))
    as_pairs = SimpleNamespace(kind="number", claimed=(10, 12), stored=(16, 18))
    for given_ in (as_mapping, as_object, as_pairs):
        assert _change(given_, claim, stored) == expected
