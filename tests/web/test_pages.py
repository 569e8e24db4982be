"""Every page through Flask's test client: status, content type, what it shows, hostile
text escaped, and bad input answered with a message on the page, never a 500."""

from __future__ import annotations

import html
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from web_articles import (
    HOSTILE_TITLE,
    RICE_QUOTE,
    quote_id,
    speaker_id,
)

from service.web import views


def page(client, url: str, status: int = 200, **kwargs) -> str:
    response = client.get(url, **kwargs)
    assert response.status_code == status, response.get_data(as_text=True)[:2000]
    assert response.mimetype == "text/html"
    assert response.mimetype_params["charset"] == "utf-8"
    return response.get_data(as_text=True)


def text_of(body: str) -> str:
    """The page's text as a reader sees it: tags dropped, entities decoded, spaces evened."""
    spaced = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())
    return re.sub(r" ([,.;:)])", r"\1", spaced)


def element(body: str, element_id: str) -> str:
    found = re.search(rf'<(\w+)[^>]* id="{element_id}"[^>]*>(.*?)</\1>', body, re.S)
    assert found, element_id
    return found.group(2)


# -- search -------------------------------------------------------------------------------


def test_home_shows_the_newest_quotes_and_the_most_quoted_speakers(client, snap):
    body = page(client, "/")
    assert '<html lang="id">' in body
    newest = body[body.index('id="newest-title"') : body.index('id="top-title"')]
    # the newest article's quote comes first, then the rice quote (2024-03-04)
    assert newest.index("Kami menolak") < newest.index("Kami tidak akan menaikkan")
    top = body[body.index('id="top-title"') :]
    most = snap.speakers[snap.find_speakers(None)[0][0]]
    assert f'href="/speaker/{most.id}"' in top
    assert html.escape(most.name) in top


def test_search_by_speaker_shows_each_result_in_full(client, snap):
    body = page(client, "/?speaker=wulan+sasmita")
    shown = text_of(body)
    assert f"“{RICE_QUOTE}”" in shown
    assert "1 kutipan ditemukan" in shown
    wulan = speaker_id(snap, "Wulan Sasmita")
    rice = snap.quotes[quote_id(snap, RICE_QUOTE)]
    first = rice.appearances[0]
    assert f'href="/speaker/{wulan}"' in body
    assert f'href="/article/{first.article_id}#at-{first.start}"' in body
    assert "Menteri Pertanian" in shown
    assert "Media Warta Contoh" in shown
    assert "Pertama terlihat 4 Mar 2024" in shown
    assert "Dimuat di 2 artikel" in shown


def test_search_by_words_needs_every_word(client):
    assert "1 kutipan ditemukan" in text_of(page(client, "/?q=beras+lebaran"))
    assert "0 kutipan ditemukan" in text_of(page(client, "/?q=beras+tambang"))
    assert "Tidak ada kutipan yang cocok" in text_of(page(client, "/?q=beras+tambang"))


def test_search_pages(client, monkeypatch, snap):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    total = len(snap.find_quotes(views.data.QuoteQuery(speaker="lukashenko"))[0])
    assert total > 4
    first = page(client, "/?speaker=lukashenko")
    second = page(client, "/?speaker=lukashenko&page=2")
    assert f"Halaman 1 dari {-(-total // 2)}" in text_of(first)
    assert 'rel="next" href="/?speaker=lukashenko&amp;page=2"' in first
    assert 'rel="prev" href="/?speaker=lukashenko&amp;page=1"' in second
    assert '<ol class="quotes" start="3">' in second
    quotes = re.compile(r"<blockquote lang=\"id\"><p>(.*?)</p></blockquote>", re.S)
    assert set(quotes.findall(first)).isdisjoint(quotes.findall(second))
    beyond = text_of(page(client, "/?speaker=lukashenko&page=999"))
    assert "Halaman ini kosong" in beyond


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/?q=beras&page=abc", "Halaman harus berupa angka dari 1 sampai 100000."),
        ("/?q=beras&page=0", "Halaman harus berupa angka dari 1 sampai 100000."),
        ("/?q=beras&page=-1", "Halaman harus berupa angka dari 1 sampai 100000."),
        ("/?q=beras&page=%C2%B2", "Halaman harus berupa angka dari 1 sampai 100000."),
        ("/?q=" + "a" * 501, "Kata terlalu panjang: paling banyak 500 karakter."),
        ("/?speaker=" + "a" * 201, "Pembicara terlalu panjang: paling banyak 200 karakter."),
    ],
)
def test_bad_search_input_is_a_message(client, url, message):
    body = page(client, url, status=400)
    assert message in text_of(body)
    assert '<form class="search"' in body


def test_blank_search_is_the_home_page(client):
    body = page(client, "/?q=++&speaker=")
    assert 'id="newest-title"' in body


# -- check --------------------------------------------------------------------------------


def check(client, quote: str, speaker: str | None = None, status: int = 200) -> str:
    query = {"quote": quote} if speaker is None else {"quote": quote, "speaker": speaker}
    return page(client, "/check", status=status, query_string=query)


def test_check_form_alone(client):
    body = page(client, "/check")
    assert '<label for="quote">' in body and '<textarea id="quote" name="quote"' in body
    assert '<label for="speaker">' in body
    assert 'id="verdict"' not in body


def test_check_exact(client, snap):
    body = check(client, RICE_QUOTE + ".", "Wulan Sasmita")
    assert text_of(element(body, "verdict")) == (
        "Kutipan ini ditemukan, diucapkan oleh Wulan Sasmita (Menteri Pertanian)."
    )
    shown = text_of(body)
    assert "Pertama muncul 4 Mar 2024, Harga beras aman (Warta Contoh)" in shown
    assert "Muncul di 2 artikel" in shown
    rice = snap.quotes[quote_id(snap, RICE_QUOTE)]
    for appearance in rice.appearances:
        assert f'href="/article/{appearance.article_id}#at-{appearance.start}"' in body
    assert 'href="https://example.com/beras"' in body
    assert '<mark class="chg' not in body


def test_check_altered_marks_the_changed_word_on_both_sides(client):
    claim = RICE_QUOTE.replace("cukup", "aman")
    body = check(client, claim, "Wulan")
    assert text_of(element(body, "verdict")).startswith("Kutipan ini diubah")
    claimed = re.findall(r'<mark class="chg chg-(\w+)"[^>]*>(.*?)</mark>', element(body, "claimed"))
    stored = re.findall(r'<mark class="chg chg-(\w+)"[^>]*>(.*?)</mark>', element(body, "stored"))
    assert [(kind, text_of(m)) for kind, m in claimed] == [("word", "[kata: aman ] ≠")]
    assert [(kind, text_of(m)) for kind, m in stored] == [("word", "[kata: cukup ] ≠")]
    assert "kata “cukup” diganti “aman”" in text_of(body)
    # the legend names what the marks mean
    assert "Keterangan tanda" in body


def test_check_close_marks_a_misspelt_word(client):
    claim = RICE_QUOTE.replace("cukup", "cukp")
    body = check(client, claim, "Wulan")
    assert text_of(element(body, "verdict")).startswith("Mirip, dengan kata yang berbeda")
    claimed = re.findall(r'<mark class="chg chg-(\w+)"[^>]*>(.*?)</mark>', element(body, "claimed"))
    assert [(kind, text_of(m)) for kind, m in claimed] == [("spelling", "[ejaan: cukp ] ~")]


def test_check_a_dropped_word_is_marked_where_it_was(client):
    claim = RICE_QUOTE.replace("tidak ", "")
    body = check(client, claim)
    claimed = element(body, "claimed")
    assert "chg-gap" in claimed
    assert "[di sini kutipan asli memuat “tidak”]" in text_of(claimed)
    assert re.search(
        r'<mark class="chg chg-\w+"[^>]*><span class="sr">\[[^:]+: </span>tidak<',
        element(body, "stored"),
    )


def test_check_partial(client):
    body = check(client, "menaikkan harga beras tahun ini")
    assert text_of(element(body, "verdict")).startswith(
        "Sebagian: kutipan ini penggalan dari ucapan Wulan Sasmita"
    )


def test_check_different_speaker(client):
    body = check(client, RICE_QUOTE, "Darmaji Prasetyo")
    assert text_of(element(body, "verdict")) == (
        "Diucapkan orang lain: Wulan Sasmita (Menteri Pertanian), bukan Darmaji Prasetyo."
    )


def test_check_not_found(client):
    body = check(client, "Semua jembatan di kota ini akan dicat ungu minggu depan")
    assert text_of(element(body, "verdict")) == "Tidak ditemukan di arsip."
    assert 'id="claim-jsonld"' not in body


def test_check_gives_the_claim_the_api_gives(client, snap):
    body = check(client, RICE_QUOTE)
    document = json.loads(html.unescape(element(body, "claim-jsonld")))
    rice = quote_id(snap, RICE_QUOTE)
    assert document == client.get(f"/quotes/{rice}?format=jsonld").get_json()
    assert document["@type"] == "Claim" and document["text"] == RICE_QUOTE
    assert 'src="/assets/copy.js"' in body


@pytest.mark.parametrize(
    ("quote", "message"),
    [
        ("", "Tulis kutipan yang ingin dicek."),
        ("   \n ", "Tulis kutipan yang ingin dicek."),
        ("kata " * 1001, "Kutipan terlalu panjang: paling banyak 5000 karakter."),
    ],
)
def test_bad_check_input_is_a_message(client, quote, message):
    body = check(client, quote, status=400)
    assert message in text_of(body)
    assert 'aria-invalid="true"' in body
    assert 'aria-describedby="quote-error"' in body


def test_check_escapes_the_claim(client):
    body = check(client, 'Kami menolak <b>tambang</b> & pabrik <script>alert("c")</script>')
    assert "<script>alert" not in body and "<b>tambang" not in body
    assert "&lt;script&gt;alert" in body
    # the hostile quote itself was found, and is shown escaped too
    assert "&lt;b&gt;tambang&lt;/b&gt; &amp; pabrik" in body


# -- speaker ------------------------------------------------------------------------------


def test_speaker_page(client, snap):
    wulan = speaker_id(snap, "Wulan Sasmita")
    body = page(client, f"/speaker/{wulan}")
    shown = text_of(body)
    assert "<h1>Wulan Sasmita</h1>" in body
    assert "Jabatan Menteri Pertanian" in shown
    assert "Jumlah kutipan 1" in shown
    assert "<svg" in body and 'role="img"' in body
    assert body.count('<rect class="bar"') == 1
    assert "Mar 2024: 1 kutipan" in shown
    assert f"“{RICE_QUOTE}”" in shown


def test_speaker_chart_spans_the_quotes(client, snap):
    most = snap.find_speakers(None)[0][0]
    body = page(client, f"/speaker/{most}")
    dates = {(snap.quotes[i].first_seen or "")[:7] for i in snap.speaker_quote_ids(most)}
    dates.discard("")
    assert body.count('<rect class="bar"') >= len(dates)


def test_speaker_timeline_pages(client, snap, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    most = snap.find_speakers(None)[0][0]
    ids = list(snap.speaker_quote_ids(most))
    assert len(ids) > 2
    body = page(client, f"/speaker/{most}?page=2")
    assert html.escape(snap.quotes[ids[2]].text, quote=False) in body
    assert html.escape(snap.quotes[ids[0]].text, quote=False) not in body


def test_unknown_speaker_is_a_page(client):
    body = page(client, "/speaker/spk_nobody", status=404)
    assert "Pembicara ini tidak ada di arsip." in text_of(body)


def test_speaker_bad_page(client, snap):
    wulan = speaker_id(snap, "Wulan Sasmita")
    body = page(client, f"/speaker/{wulan}?page=x", status=400)
    assert "Halaman harus berupa angka" in text_of(body)


# -- article ------------------------------------------------------------------------------


def test_article_highlights_every_quote_with_its_speaker(app, client, snap):
    store = app.extensions["kutip"].store
    for record in snap.articles.values():
        text = store.text_of(record.id)
        body = page(client, f"/article/{record.id}")
        marks = re.findall(
            r'<mark class="quote" id="at-(\d+)">(.*?)</mark><span class="tag">(.*?)</span>',
            body,
            re.S,
        )
        quotes = snap.article_quotes(record)
        assert len(marks) == len(quotes), record.id
        for (start, marked, tag), (_qid, quote) in zip(marks, quotes, strict=True):
            assert int(start) == quote.start
            assert html.unescape(marked) == text[quote.start : quote.end]
            speaker = snap.speaker_of(quote)
            if speaker:
                assert html.escape(snap.speakers[speaker].name) in tag


def test_article_escapes_hostile_text(client, snap):
    hostile = next(a for a in snap.articles.values() if a.title == HOSTILE_TITLE)
    body = page(client, f"/article/{hostile.id}")
    assert "<script>" not in body and "<b>" not in body and "<i>Media" not in body
    assert "&lt;script&gt;alert(&#34;teks&#34;)&lt;/script&gt;" in body
    assert "<h1>&lt;script&gt;alert(&#34;judul&#34;)&lt;/script&gt;Spanduk warga</h1>" in body
    assert "<dd>&lt;i&gt;Media&lt;/i&gt; Jahil</dd>" in body
    assert "Kami menolak &lt;b&gt;tambang&lt;/b&gt; &amp; pabrik" in body


def test_unknown_article_is_a_page(client):
    body = page(client, "/article/art_nothing", status=404)
    assert "Artikel ini tidak ada di arsip." in text_of(body)


# -- extract ------------------------------------------------------------------------------


def test_extract_form(client):
    body = page(client, "/extractor")
    assert '<form class="extract" method="post"' in body
    assert '<label for="text">' in body


def test_extract_highlights_and_stores_nothing(client):
    before = client.get("/health").get_json()
    text = (
        '"Jalan tol baru dibuka <em>bulan depan</em>," kata Gubernur Jawa Tengah '
        'Bayu Pramana di Semarang.\n\nIa menambahkan, "Tarifnya masih dihitung."'
    )
    response = client.post("/extractor", data={"text": text})
    assert response.status_code == 200 and response.mimetype == "text/html"
    body = response.get_data(as_text=True)
    assert "2 kutipan ditemukan" in text_of(body)
    assert "Bayu Pramana" in body
    marks = re.findall(r'<mark class="quote" id="at-(\d+)">(.*?)</mark>', body, re.S)
    assert [html.unescape(m) for _, m in marks] == [
        "Jalan tol baru dibuka <em>bulan depan</em>",
        "Tarifnya masih dihitung.",
    ]
    assert "<em>" not in body
    assert client.get("/health").get_json() == before


@pytest.mark.parametrize("text", ["", "  \n\t "])
def test_extract_blank_is_a_message(client, text):
    response = client.post("/extractor", data={"text": text})
    assert response.status_code == 400
    assert "Tempelkan teks artikel terlebih dahulu." in text_of(response.get_data(as_text=True))


def test_extract_without_a_field_is_a_message(client):
    response = client.post("/extractor", data={})
    assert response.status_code == 400


def test_extract_too_large_is_a_page(make_app):
    client = make_app(MAX_BODY=1000).test_client()
    response = client.post("/extractor", data={"text": "kata " * 400})
    assert response.status_code == 413
    assert response.mimetype == "text/html"
    assert "terlalu besar" in text_of(response.get_data(as_text=True))


def test_extract_no_quotes(client):
    response = client.post("/extractor", data={"text": "Hujan turun sejak pagi di Bogor."})
    assert "Tidak ada kutipan langsung" in text_of(response.get_data(as_text=True))


# -- every page ---------------------------------------------------------------------------


def all_pages(snap) -> list[str]:
    return [
        "/",
        "/?speaker=wulan",
        "/check",
        f"/check?quote={RICE_QUOTE}",
        f"/speaker/{speaker_id(snap, 'Wulan Sasmita')}",
        f"/article/{next(iter(snap.articles))}",
        "/extractor",
    ]


def test_every_page_has_one_stylesheet_and_no_outside_resource(client, snap):
    for url in all_pages(snap):
        body = page(client, url)
        assert re.findall(r'<link rel="stylesheet" href="([^"]+)"', body) == ["/assets/kutip.css"]
        for source in re.findall(r'(?:src|href)="([^"]+)"', body):
            # links to the articles' own sites are links, never loaded resources
            assert source.startswith(("/", "#", "https://example.com/")), (url, source)
        assert "@import" not in body and "fonts.googleapis" not in body


def test_every_page_labels_its_fields(client, snap):
    for url in all_pages(snap):
        body = page(client, url)
        for field_id in re.findall(r'<(?:input|textarea)[^>]* id="([^"]+)"', body):
            assert f'<label for="{field_id}">' in body, (url, field_id)


def test_pages_send_security_headers_and_vary(client):
    response = client.get("/")
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert {"Accept-Language", "Cookie"} <= {v.strip() for v in response.headers["Vary"].split(",")}


def test_stylesheet_is_served(client):
    with client.get("/assets/kutip.css") as response:
        assert response.status_code == 200 and response.mimetype == "text/css"
        assert ":focus-visible" in response.get_data(as_text=True)


def test_pages_are_not_in_the_api_description(client):
    document = client.get("/openapi.yaml").get_data(as_text=True)
    for path in ("/check", "/speaker/", "/article/", "/extractor", "/assets/"):
        assert f"\n  {path}" not in document


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.sampled_from(["/", "/check", "/speaker/x", "/article/x"]),
    st.dictionaries(
        st.sampled_from(["q", "speaker", "quote", "page", "lang", "other"]),
        st.text(max_size=30),
        max_size=4,
    ),
)
def test_no_query_makes_a_page_fail(client, path, query):
    response = client.get(path, query_string=query)
    assert response.status_code in (200, 400, 404), (path, query)
    assert response.mimetype == "text/html"
