"""What the check page says: the verifier's changes with their words, and each verdict
as a sentence, in Indonesian and in English."""

from __future__ import annotations

import pytest
from flask_babel import force_locale

from service.changes import Located
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
)
from service.web.verdicts import change_sentence, verdict_sentence

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


def test_a_change_of_the_verifier_carries_the_words_of_each_side():
    claim, stored = "Kami akan 50", "Kami tidak akan 30"
    located = Located("number", claimed=(10, 12), stored=(16, 18))
    expected = Change("number", Span(10, 12, "50"), Span(16, 18, "30"))
    assert _change(located, claim, stored) == expected
    dropped = Located("negation", claimed=(5, 5), stored=(5, 10))
    assert _change(dropped, claim, stored) == Change(
        "negation", Span(5, 5, ""), Span(5, 10, "tidak")
    )
