"""Quotation marks: which spans are quotes, and their exact text and offsets."""

import pytest

from service.extraction import extract_article
from service.extraction.text import find_spans, paragraphs


def quotes(text):
    return [q.text for q in extract_article(text).quotes]


# (article text, quote texts expected)
CASES = [
    # straight double quotes, attribution comma dropped
    ('"Kami siap membantu warga," kata Budi Santoso.', ["Kami siap membantu warga"]),
    # curly quotes
    ("“Kami siap membantu warga,” kata Budi Santoso.", ["Kami siap membantu warga"]),
    # the Kompas/Tempo style that opens and closes with ”
    ("”Kami siap membantu warga,” kata Budi Santoso.", ["Kami siap membantu warga"]),
    # single quotes, typographic and straight
    ("‘Kami siap membantu warga,’ kata Budi Santoso.", ["Kami siap membantu warga"]),
    ("'Kami siap membantu warga,' kata Budi Santoso.", ["Kami siap membantu warga"]),
    # guillemets
    ("«Kami siap membantu warga,» kata Budi Santoso.", ["Kami siap membantu warga"]),
    # mixed pair: opens curly, closes straight
    ('“Kami siap membantu warga," kata Budi Santoso.', ["Kami siap membantu warga"]),
    # ? and ! that end the speaker's sentence are kept
    ('"Siapa yang bertanggung jawab?" tanya Budi Santoso.', ["Siapa yang bertanggung jawab?"]),
    # nested single quotes stay inside the double-quoted quote
    (
        "“Mereka menyebutnya ‘desa hantu’ sejak lama,” kata Budi Santoso.",
        ["Mereka menyebutnya ‘desa hantu’ sejak lama"],
    ),
    # apostrophes inside words are not quote marks
    (
        "\"Wakil Bupati Mu'min Hasan hadir pada Jum'at pagi,\" kata Budi Santoso.",
        ["Wakil Bupati Mu'min Hasan hadir pada Jum'at pagi"],
    ),
    (
        '"Kami membaca Qur\'an setiap malam," kata Siti Aminah.',
        ["Kami membaca Qur'an setiap malam"],
    ),
    # a scare quote or a quoted name is not a quote
    ("Pemerintah berupaya 'menormalisasi' hubungan kedua negara.", []),
    ('Saham "Sinar Jaya Tbk" naik tajam pada perdagangan kemarin.', []),
    # a quoted title inside a sentence, with no speech verb, is not a quote
    ('Film "Langit Biru di Atas Kota" diputar di bioskop mulai pekan depan.', []),
    # unclosed mark: ends with its paragraph, the next paragraph's quote is intact
    (
        'Budi berkata, "jalan itu rusak.\nWarga lain diam.\n'
        '"Kami menunggu perbaikan," kata Siti Aminah.',
        ["jalan itu rusak.", "Kami menunggu perbaikan"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_quote_texts(text, expected):
    assert quotes(text) == expected


def test_multi_paragraph_quote_is_one_quote():
    text = (
        '"Paragraf pertama dari pernyataan itu panjang.\n'
        '"Paragraf kedua menutup pernyataan," kata Budi Santoso.'
    )
    (q,) = extract_article(text).quotes
    assert q.text == (
        "Paragraf pertama dari pernyataan itu panjang. Paragraf kedua menutup pernyataan"
    )
    assert q.speaker == "Budi Santoso"
    assert text[q.start : q.end].startswith("Paragraf pertama")
    assert text[q.start : q.end].endswith("menutup pernyataan")


def test_repeated_quote_in_one_article_is_one_quote():
    par = '"Harga beras harus turun bulan ini," kata Budi Santoso.'
    assert quotes(f"{par}\n{par}") == ["Harga beras harus turun bulan ini"]


def test_split_quote_gives_two_quotes_by_the_same_speaker():
    text = '"Kami sudah siap," kata Budi Santoso. "Semua petugas sudah di lokasi."'
    got = [(q.text, q.speaker) for q in extract_article(text).quotes]
    assert got == [
        ("Kami sudah siap", "Budi Santoso"),
        ("Semua petugas sudah di lokasi.", "Budi Santoso"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        '"Kami siap membantu warga," kata Budi Santoso.',
        "Ia berkata:\n”Kami tidak akan mundur dari rencana ini,” ujar Rina Kartikasari.",
        'Menurut Hendra Wijaya, "harga pupuk naik dua kali lipat tahun ini."',
    ],
)
def test_offsets_point_at_the_quote(text):
    for q in extract_article(text).quotes:
        assert text[q.start : q.end] == q.text


def test_unbalanced_marks_never_swallow_the_article():
    text = '"' + "Kalimat tanpa penutup. " * 50 + "\n" + "Paragraf berikut bukan kutipan. " * 20
    spans = find_spans(text, paragraphs(text))
    assert all(span.last_par == 0 for span in spans)
