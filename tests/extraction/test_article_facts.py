"""Article facts: title, publisher from datelines, publication time, authors, body end."""

import pytest

from service.extraction import extract_article

BODY = "Harga cabai di pasar tradisional naik dua kali lipat sejak awal bulan ini menurut pedagang."


@pytest.mark.parametrize(
    ("dateline", "publisher"),
    [
        ("REPUBLIKA.CO.ID, KAIRO -- ", "Republika"),
        ("TRIBUNNEWS.COM - ", "Tribunnews"),
        ("Jakarta, IDN Times - ", "IDN Times"),
        ("JAKARTA, KOMPAS — ", "Kompas"),
        ("SURABAYA, detikJatim - ", "Detik"),
        ("", None),
    ],
)
def test_publisher_from_dateline(dateline, publisher):
    assert extract_article(dateline + BODY).publisher == publisher


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("JUMAT, 17 SEPTEMBER 2021 | 14:05 WIB", "2021-09-17T14:05:00+07:00"),
        ("Rabu, 14 Desember 2022 - 00:17 WIB", "2022-12-14T00:17:00+07:00"),
        ("Ahad 18 Oct 2020 16:40 WIB", "2020-10-18T16:40:00+07:00"),
        ("Senin, 3 Juli 2023 | 08:15 WITA", "2023-07-03T08:15:00+08:00"),
        ("Selasa, 4 Juli 2023 09.30 WIT", "2023-07-04T09:30:00+09:00"),
        ("Kompas.com - 03/05/2023, 09:15 WIB", "2023-05-03T09:15:00+07:00"),
        # a date with no time, or a date inside the text, is not a publication time
        ("Senin (3/7/2023)", None),
        ("31 Februari 2023", None),
    ],
)
def test_published(line, published):
    text = f"Judul Berita Tentang Harga Cabai\n{line}\n{BODY}"
    assert extract_article(text).published == published


@pytest.mark.parametrize(
    ("body", "published"),
    [
        # the first day the article names with its date
        (f"Bupati meninjau pasar pada Sabtu (3/12/2022). {BODY}", "2022-12-03"),
        (
            f'{BODY}\n"Kami siap," kata dia, Jum\'at (9/6/2023), lalu Senin (12/6/2023).',
            "2023-06-09",
        ),
        # not a day name, not a real date
        (f"Perda Nomor (3/12/2022) berlaku. {BODY}", None),
        (f"Pasar buka Senin (31/2/2023) pagi. {BODY}", None),
    ],
)
def test_dated_by_a_day_named_in_the_text(body, published):
    article = extract_article(f"Judul Berita Tentang Harga Cabai\n{body}")
    assert article.dated == published
    # not a publication time: not among the facts
    assert article.published is None and "dated" not in article.facts()


def test_an_article_with_a_date_line_is_not_dated_by_its_text():
    text = f"Judul Berita\nSenin, 3 Juli 2023 | 08:15 WIB\nRapat digelar Sabtu (1/7/2023). {BODY}"
    article = extract_article(text)
    assert article.published == "2023-07-03T08:15:00+07:00" and article.dated is None


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("Penulis: Yuni Astuti", ["Yuni Astuti"]),
        ("Rep: Dodi Saputra/ Red: Ani Wijaya", ["Dodi Saputra"]),
        ("SELASA, 4 JULI 2023 | 09:30 WIB | LAPORAN: DODI SAPUTRA", ["Dodi Saputra"]),
        ("Editor: Ani Wijaya", []),
    ],
)
def test_authors(byline, authors):
    text = f"Judul Berita Tentang Harga Cabai\n{byline}\n{BODY}"
    assert extract_article(text).authors == authors


def test_title_is_the_line_before_the_date_line():
    text = (
        f"Berita\nEkonomi\nHarga Cabai Naik Dua Kali Lipat\nSenin, 3 Juli 2023 | 08:15 WIB\n{BODY}"
    )
    assert extract_article(text).title == "Harga Cabai Naik Dua Kali Lipat"


def test_no_title_when_the_text_starts_with_the_body():
    assert extract_article(BODY + "\n" + BODY).title is None


def test_quotes_after_the_article_end_are_ignored():
    text = (
        f"{BODY}\n"
        '"Kami menunggu harga turun," kata Siti Aminah, pedagang di pasar itu.\n'
        'Baca juga: "Harga Bawang Ikut Naik," Kata Pedagang\n'
        "Berita Terkait\n"
        '"Petani Untung Besar," Kata Menteri Pertanian Budi Hartono\n'
        "Harga Beras Stabil Jelang Lebaran\n"
    )
    assert [q.text for q in extract_article(text).quotes] == ["Kami menunggu harga turun"]


# (text, speakers): a photo's caption (a short line right before a photo credit) is not
# article text, so the names in it do not lengthen a speaker's name
CAPTIONS = [
    (
        "Bundesminister Otto Krause beim Interview\n"
        "Foto: Dokumentasi/Rina\n"
        "Menteri Luar Negeri Jerman Otto Krause berbicara di Berlin.\n"
        '"Kami akan membantu," ujar Krause.',
        ["Otto Krause"],
    ),
    # negative: a line before a credit that holds a quote is article text
    (
        '"Kami akan membantu," ujar Menteri Otto Krause.\nFoto: Dokumentasi/Rina',
        ["Otto Krause"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CAPTIONS)
def test_photo_captions_are_skipped(text, expected):
    assert [q.speaker for q in extract_article(text).quotes] == expected
