"""Articles of our own for the page tests: a quote carried twice, a hostile article
(markup in its title, text and quotes), and a second speaker."""

from __future__ import annotations

from service import pipeline

RICE = (
    '"Kami tidak akan menaikkan harga beras tahun ini, dan stok 30 ribu ton cukup sampai '
    'Lebaran," kata Menteri Pertanian Wulan Sasmita di Jakarta, Senin.'
)
RICE_QUOTE = (
    "Kami tidak akan menaikkan harga beras tahun ini, dan stok 30 ribu ton cukup sampai Lebaran"
)
# the same statement carried again two days later by another outlet
RICE_AGAIN = (
    "Pemerintah menegaskan sikapnya soal pangan. " + RICE + " Ia juga meninjau gudang Bulog."
)
HOSTILE = (
    'Warga menulis <script>alert("teks")</script> di spanduk. "Kami menolak <b>tambang</b> '
    '& pabrik semen di desa ini," ujar Kepala Desa Sukamaju Darmaji Prasetyo.'
)
HOSTILE_TITLE = '<script>alert("judul")</script>Spanduk warga'
HOSTILE_PUBLISHER = "<i>Media</i> Jahil"

ARTICLES = (
    (
        RICE,
        {
            "title": "Harga beras aman",
            "publisher": "Warta Contoh",
            "published": "2024-03-04T10:00:00+07:00",
            "url": "https://example.com/beras",
        },
    ),
    (
        RICE_AGAIN,
        {
            "title": "Pangan cukup",
            "publisher": "Kabar Lain",
            "published": "2024-03-06T08:30:00+07:00",
        },
    ),
    (
        HOSTILE,
        {
            "title": HOSTILE_TITLE,
            "publisher": HOSTILE_PUBLISHER,
            "published": "2024-05-10T09:00:00+07:00",
        },
    ),
)


def add_articles(app) -> None:
    """Store the articles as POST /articles does, then bring the index up to date."""
    index = app.extensions["kutip"]
    for text, metadata in ARTICLES:
        pipeline.add_article(index.store, text, **metadata)
    index.refresh(force=True)


def speaker_id(snap, name: str) -> str:
    return next(s.id for s in snap.speakers.values() if s.name == name)


def quote_id(snap, text: str) -> str:
    return next(q.id for q in snap.quotes.values() if q.text == text)
