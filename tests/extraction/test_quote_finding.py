"""Quote finding beyond one outlet's style: hard-wrapped lines, `''` as a double mark, a
closing mark glued to the cue, marks set off by a space, and a quote inside a quote whose
inner mark never closes."""

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.extraction import extract_article
from service.extraction.text import find_spans, paragraphs


def quotes(text):
    return [q.text for q in extract_article(text).quotes]


def span_texts(text):
    """The content of each span as the text holds it, without its marks, outer spaces and
    the comma before the cue."""
    out = []
    for sp in find_spans(text, paragraphs(text)):
        out.append(" ".join(text[a:b].strip() for a, b in sp.pieces).rstrip(","))
    return out


# Hard-wrapped text: the lines were broken at a fixed width, mid-sentence.
WRAPPED = [
    # the next line starts in lower case: the quote runs on, keeping the line breaks
    (
        "Kepala dinas itu meninjau lokasi banjir pada Senin pagi bersama\n"
        'petugas. "Kami sudah menyiapkan tenda darurat untuk\n'
        "para pengungsi dan dapur umum di balai desa. Bantuan lain\n"
        'menyusul besok," kata Hendra Wijaya.',
        [
            "Kami sudah menyiapkan tenda darurat untuk\npara pengungsi dan dapur umum di"
            " balai desa. Bantuan lain\nmenyusul besok"
        ],
    ),
    # the next line starts with a capital (a name) and closes the quote
    (
        '"Jembatan gantung itu dibangun kembali oleh\n'
        'Pemerintah Kabupaten Garut tahun lalu," ujar Siti Aminah.',
        ["Jembatan gantung itu dibangun kembali oleh\nPemerintah Kabupaten Garut tahun lalu"],
    ),
    # a capitalised line with no mark, then the closing line
    (
        '"Pasokan beras di gudang kami cukup sampai\n'
        "Lebaran dan tidak perlu ada pembelian\n"
        'Dari luar daerah," kata Budi Santoso.',
        [
            "Pasokan beras di gudang kami cukup sampai\nLebaran dan tidak perlu ada"
            " pembelian\nDari luar daerah"
        ],
    ),
    # ... or closes it glued to the cue
    (
        '"Jalan provinsi itu baru diaspal oleh\nDinas Pekerjaan Umum bulan lalu,"ujar Siti Aminah.',
        ["Jalan provinsi itu baru diaspal oleh\nDinas Pekerjaan Umum bulan lalu"],
    ),
    # once the quote ran on, a line of it may end with a sentence
    (
        '"Air mulai naik sejak\n'
        "tengah malam. Kami mengungsikan warga.\n"
        'Semua selamat," ujar Rina Kartikasari.',
        ["Air mulai naik sejak\ntengah malam. Kami mengungsikan warga.\nSemua selamat"],
    ),
    # Kompas-style marks in a wrapped paragraph
    (
        "”Harga cabai naik dua kali lipat\nsejak awal bulan,” kata Budi Santoso.",
        ["Harga cabai naik dua kali lipat\nsejak awal bulan"],
    ),
]

WRAPPED_NEGATIVE = [
    # a hard-wrapped paragraph with no quote at all
    (
        "Pemerintah kota menambah armada bus sekolah\n"
        "mulai bulan depan untuk melayani siswa di\n"
        "kawasan pinggiran.",
        [],
    ),
    # an unclosed quote ends with its line when the line ends with a sentence:
    # the next paragraph is not swallowed
    (
        '"Kami menunggu keputusan pusat.\n'
        "warga diminta bersabar hingga pekan depan.\n"
        '"Belum ada jadwal," kata Budi Santoso.',
        ["Kami menunggu keputusan pusat.", "Belum ada jadwal"],
    ),
    # the next line starts with a capital and its first mark opens a new quote
    (
        '"Kami menunggu keputusan dari\n'
        'Warga diminta bersabar. "Belum ada jadwal," kata Budi Santoso.',
        ["Kami menunggu keputusan dari", "Belum ada jadwal"],
    ),
    # a blank line between: not a wrapped line, even in lower case
    (
        '"Kami menunggu keputusan dari\n\nwarga yang lain," kata Budi Santoso.',
        ["Kami menunggu keputusan dari"],
    ),
    # a line ending with a sentence before any run-on, the next closing: two paragraphs
    (
        '"Kami menunggu keputusan pusat.\nWarga diminta bersabar," kata Budi Santoso.',
        ["Kami menunggu keputusan pusat."],
    ),
]


@pytest.mark.parametrize(("text", "expected"), WRAPPED + WRAPPED_NEGATIVE)
def test_hard_wrapped_quotes(text, expected):
    assert span_texts(text) == expected


def test_wrapped_quote_keeps_its_line_breaks_and_offsets():
    text = (
        "Posko Banjir Dibuka di Sukajadi\n"
        'Camat Sukajadi meninjau posko pada Minggu. "Stok makanan cukup untuk\n'
        "tiga hari ke depan dan obat-obatan sudah\n"
        'dikirim dari provinsi," kata Hendra Wijaya.'
    )
    (q,) = extract_article(text).quotes
    assert q.text == (
        "Stok makanan cukup untuk\ntiga hari ke depan dan obat-obatan sudah\ndikirim dari provinsi"
    )
    assert text[q.start : q.end] == q.text
    assert q.speaker == "Hendra Wijaya"
    crlf = text.replace("\n", "\r\n")
    (q2,) = extract_article(crlf).quotes
    assert q2.text == q.text
    assert crlf[q2.start : q2.end] == q.text.replace("\n", "\r\n")


def test_wrapped_quote_is_one_span_over_its_lines():
    text = '"Kami sudah\nsiap sejak pagi," kata Budi.\nWarga lega.'
    (sp,) = find_spans(text, paragraphs(text))
    assert (sp.first_par, sp.last_par, sp.closed) == (0, 1, True)
    assert [text[a:b] for a, b in sp.pieces] == ["Kami sudah\nsiap sejak pagi,"]


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
    ("Wakil Bupati Mu'min Hasan berkunjung ke Cianjur pada Jum'at.", []),
    ("Pemerintah ingin 'menata ulang' pasar tradisional.", []),
    ("Kata Mu''min ditulis dengan dua apostrof.", []),
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


# Properties: pieces never cross a blank line, spans are in order and do not overlap.
PIECES = st.sampled_from(
    ['"', "“", "”", "'", "''", "’", " ", "\n", "\n\n", ",", ".", "kami", "Budi", "kata", " @x:"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=60).map("".join))
def test_spans_are_ordered_and_stay_within_blank_lines(text):
    spans = find_spans(text, paragraphs(text))
    prev_end = -1
    for sp in spans:
        assert prev_end <= sp.open_at < sp.close_at <= len(text)
        prev_end = sp.close_at
        assert sp.first_par <= sp.last_par
        for a, b in sp.pieces:
            assert sp.open_at < a <= b <= sp.close_at
            assert "\n\n" not in text[a:b].replace(" ", "")


def _seconds(text: str) -> float:
    """The best of five runs: a busy machine slows single runs, rarely all of them."""
    pars = paragraphs(text)
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        find_spans(text, pars)
        runs.append(time.perf_counter() - start)
    return min(runs)


@pytest.mark.parametrize(
    "unit",
    [
        '"kata dia,\n',  # a quote left open on every wrapped line, the next opening again
        '"Kata dia,\nDia kata\n',  # look-aheads that find an opening mark
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
