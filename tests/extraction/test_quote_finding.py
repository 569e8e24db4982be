"""Quote finding beyond one outlet's style: `''` as a double mark, a closing mark glued
to the cue."""

import pytest

from service.extraction import extract_article
from service.extraction.text import find_spans, paragraphs


def quotes(text):
    return [q.text for q in extract_article(text).quotes]


# Two apostrophes standing for a double mark.
DOUBLED = [
    (
        "\"Sidang ditunda sampai pukul dua,'' ujar Hendra Wijaya.",
        ["Sidang ditunda sampai pukul dua"],
    ),
    (
        "''Terima kasih untuk semua yang sudah membantu kami,'' tulis @rinakartika.",
        ["Terima kasih untuk semua yang sudah membantu kami"],
    ),
    ("’’Kami tetap buka selama libur,’’ kata Siti Aminah.", ["Kami tetap buka selama libur"]),
    ("''Jalan desa sudah diperbaiki,\" kata Budi Santoso.", ["Jalan desa sudah diperbaiki"]),
    # a single quote inside stays inside
    (
        "''Warga menyebutnya 'kampung air' sejak dulu,'' kata Budi Santoso.",
        ["Warga menyebutnya 'kampung air' sejak dulu"],
    ),
    # negatives: apostrophes inside names and words, single scare quotes, three in a row
    ("Wakil Presiden Ma'ruf Amin berkunjung ke Cianjur pada Jum'at.", []),
    ("Pemerintah ingin 'menata ulang' pasar tradisional.", []),
    ("Kata Ma''ruf ditulis dengan dua apostrof.", []),
]


@pytest.mark.parametrize(("text", "expected"), DOUBLED)
def test_doubled_apostrophes(text, expected):
    assert quotes(text) == expected


def test_doubled_apostrophes_are_one_mark():
    text = "''Kami siap,'' kata Budi."
    (sp,) = find_spans(text, paragraphs(text))
    assert (sp.family, sp.open_at, sp.close_at) == ("double", 0, 14)
    assert text[sp.pieces[0][0] : sp.pieces[0][1]] == "Kami siap,"


# A closing mark glued to the cue: "...kemarin,"ujar X.
GLUED = [
    (
        '"Kami sudah melapor ke polisi sejak kemarin,"ujar Siti Aminah.',
        [("Kami sudah melapor ke polisi sejak kemarin", "Siti Aminah", "ujar")],
    ),
    (
        '"Semua sudah beres,"ujar Siti Aminah. "Tinggal menunggu hasil."',
        [
            ("Semua sudah beres", "Siti Aminah", "ujar"),
            ("Tinggal menunggu hasil.", "Siti Aminah", None),
        ],
    ),
    # negative: with nothing open, a mark glued after a comma opens
    (
        'Budi Santoso berkata,"kami siap berangkat sekarang juga" kepada wartawan.',
        [("kami siap berangkat sekarang juga", "Budi Santoso", "berkata")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), GLUED)
def test_closing_mark_glued_to_the_cue(text, expected):
    assert [(q.text, q.speaker, q.cue) for q in extract_article(text).quotes] == expected


def test_glued_mark_before_a_capital_does_not_close():
    # "siap."Kata: the mark may as well open the next sentence's quote
    text = '"Kami siap."Kata itu diulang tiga kali oleh Budi Santoso.'
    (sp,) = find_spans(text, paragraphs(text))
    assert not sp.closed
