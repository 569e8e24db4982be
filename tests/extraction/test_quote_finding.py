"""Quote finding beyond one outlet's style: `''` as a double mark."""

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
