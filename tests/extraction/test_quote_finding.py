"""Quote finding beyond one outlet's style: `''` as a double mark, a closing mark glued
to the cue, marks set off by a space, and a quote inside a quote whose inner mark never
closes."""

import time

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


# A mark set off by a space.
SPACED = [
    # opening mark and a space at the start of a paragraph
    (
        '" Dan untuk tahun depan anggaran desa akan dinaikkan," tambah dia.',
        ["Dan untuk tahun depan anggaran desa akan dinaikkan"],
    ),
    (
        "” Saya baru tahu kabar itu dari tetangga,” ujar Rina Kartikasari.",
        ["Saya baru tahu kabar itu dari tetangga"],
    ),
    # after stray punctuation left at the start of the paragraph
    (
        ".” warga harus ikut menjaga kebersihan sungai,” pungkas Hendra Wijaya.",
        ["warga harus ikut menjaga kebersihan sungai"],
    ),
    # closing mark after a space
    (
        '"Petugas sudah kami kirim ke semua kecamatan di Bogor, " katanya kepada wartawan.',
        ["Petugas sudah kami kirim ke semua kecamatan di Bogor"],
    ),
    ("“ Kami tidak akan mundur ” kata Budi Santoso.", ["Kami tidak akan mundur"]),
    # two quotes on one line, each closed after a space
    (
        '"Kami sudah siap, " kata Budi Santoso. "Semua petugas sudah di lokasi, " tambahnya.',
        ["Kami sudah siap", "Semua petugas sudah di lokasi"],
    ),
    # negatives: a spaced opening mark no later mark closes; a lone mark inside a sentence
    ('" Paragraf ini dibuka dengan tanda kutip tanpa penutup sampai akhir.', []),
    ('Layar ponsel itu berukuran 6 " dan dijual murah di pasar, kata pedagang.', []),
]


@pytest.mark.parametrize(("text", "expected"), SPACED)
def test_marks_set_off_by_a_space(text, expected):
    assert quotes(text) == expected


def test_spaced_closing_mark_yields_to_a_later_one():
    # a later mark can close the quote: the spaced marks inside stay in it
    text = '"Dia hanya bilang " nanti dulu " kepada kami kemarin," kata Budi Santoso.'
    assert quotes(text) == ['Dia hanya bilang " nanti dulu " kepada kami kemarin']


# A quote inside the quote: a quoted post whose inner mark never closes, nested quotes.
NESTED = [
    (
        '"Saya periksa dulu "@warga_bogor: Pak, benarkah ini akun resmi bupati?," '
        "tulis Hendra Wijaya di akunnya.",
        ['Saya periksa dulu "@warga_bogor: Pak, benarkah ini akun resmi bupati?'],
    ),
    (
        "“Setahu saya tidak benar “@kabar_kota: Jalan tol ditutup besok?,” tulis Siti Aminah.",
        ["Setahu saya tidak benar “@kabar_kota: Jalan tol ditutup besok?"],
    ),
    # an inner quote that closes, in straight marks
    (
        '"Ibu itu bilang "jangan pergi dulu" kepada anaknya," kata Budi Santoso.',
        ['Ibu itu bilang "jangan pergi dulu" kepada anaknya'],
    ),
    # negatives: two quotes on one line; an unclosed quote before a new sentence's quote
    (
        '"Kami sudah siap," kata Budi Santoso. "Semua petugas sudah di lokasi."',
        ["Kami sudah siap", "Semua petugas sudah di lokasi."],
    ),
    (
        '"Kalimat pertama tanpa penutup. "Kalimat kedua menyusul," kata Budi Santoso.',
        ["Kalimat pertama tanpa penutup.", "Kalimat kedua menyusul"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), NESTED)
def test_quote_inside_a_quote(text, expected):
    assert quotes(text) == expected


def test_quoted_post_is_the_writers():
    text = (
        '"Saya periksa dulu "@warga_bogor: Pak, benarkah ini akun resmi bupati?," '
        "tulis Hendra Wijaya di akunnya."
    )
    (q,) = extract_article(text).quotes
    assert (q.speaker, q.cue) == ("Hendra Wijaya", "tulis")


def _seconds(text: str) -> float:
    pars = paragraphs(text)
    start = time.perf_counter()
    find_spans(text, pars)
    return time.perf_counter() - start


@pytest.mark.parametrize(
    "unit",
    [
        "''a '' b,'' \"c\n",  # doubled marks mixed with single and double ones
        ' " a " b " c ,',  # marks set off by spaces
        '" " " "a\n',  # spaced marks opening paragraphs, none closing
        '"a "b "c "d\n',  # opening marks inside open quotes, never closed
    ],
)
def test_pairing_stays_linear(unit):
    """Four times the input may take at most ~12 times as long."""
    small, large = unit * 20_000, unit * 80_000
    t_small, t_large = _seconds(small), _seconds(large)
    assert t_large < max(12 * t_small, 0.5), (t_small, t_large)
