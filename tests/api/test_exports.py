"""CSV and NDJSON streams of GET /quotes, the schema.org Claim of GET /quotes/{id}, and
GET /speakers/{id}/timeline."""

from __future__ import annotations

import csv
import io
import json

import pytest

from service import ConfigError
from service.api.quotes import CSV_COLUMNS, csv_row
from service.index import QuoteRecord

FORESTS = "Hutan adat di hulu sungai harus dilindungi sebelum izin tambang baru diterbitkan"
RIVERS = "Sungai yang tercemar limbah nikel sudah tidak bisa dipakai warga untuk mandi"
FISH = "Tangkapan nelayan di teluk turun separuh sejak kapal tongkang mulai lalu lalang"
ARTICLES = [
    {
        "text": (
            "Bupati Morowali Selatan Yohanes Pandelaki berbicara di depan warga Bungku.\n\n"
            f'"{FORESTS}," kata Yohanes, Kamis.\n'
        ),
        "publisher": "Suara Teluk",
        "published": "2023-05-11T10:00:00+08:00",
        "url": "https://suarateluk.example/hutan-adat",
        "title": "Bupati minta hutan adat dilindungi",
    },
    {
        "text": (
            "Bupati Morowali Selatan Yohanes Pandelaki kembali menemui warga.\n\n"
            f'"{FISH}," ujar Yohanes di dermaga, Sabtu.\n'
        ),
        "publisher": "Warta Palu",
        "published": "2024-01-20T08:00:00+08:00",
    },
    {
        "text": (
            "Bupati Morowali Selatan Yohanes Pandelaki mengunjungi desa di bantaran sungai.\n\n"
            f'"{RIVERS}," kata Yohanes kepada wartawan.\n\n'
            f'"{FORESTS}," kata Yohanes lagi.\n'
        ),
        "publisher": "Kabar Sigi",
        "published": "2023-09-02T14:00:00+08:00",
    },
]


@pytest.fixture
def posted(client, auth):
    bodies = []
    for article in ARTICLES:
        response = client.post("/articles", json=article, headers=auth)
        assert response.status_code == 201
        bodies.append(response.get_json())
    return bodies


def all_json(client, **query) -> list[dict]:
    items, cursor = [], None
    while True:
        page = client.get(
            "/quotes",
            query_string={**query, "limit": 100, **({"cursor": cursor} if cursor else {})},
        ).get_json()
        items += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return items


def read_csv(response) -> list[dict]:
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.mimetype_params["charset"] == "utf-8"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert tuple(rows[0]) == CSV_COLUMNS
    return [dict(zip(CSV_COLUMNS, row, strict=True)) for row in rows[1:]]


@pytest.mark.parametrize(
    "kwargs",
    [{"headers": {"Accept": "text/csv"}}, {"query_string": {"format": "csv"}}],
    ids=["accept", "format"],
)
def test_csv_streams_every_quote_without_paging(client, posted, kwargs):
    expected = all_json(client)
    assert len(expected) > 20  # more than one default page
    response = client.get("/quotes", **kwargs)
    assert response.is_streamed
    assert "attachment" in response.headers["Content-Disposition"]
    rows = read_csv(response)
    assert [r["id"] for r in rows] == [q["id"] for q in expected]
    assert [r["text"] for r in rows] == [q["text"] for q in expected]


def test_csv_rows_carry_speaker_first_appearance_and_articles(client, posted):
    rows = read_csv(client.get("/quotes", query_string={"format": "csv", "q": "hutan adat"}))
    assert len(rows) == 1
    row = rows[0]
    assert row["text"] == FORESTS
    assert row["speaker_name"] == "Yohanes Pandelaki"
    assert row["speaker_role"] == "Bupati Morowali Selatan"
    assert row["first_seen"] == ARTICLES[0]["published"]
    assert row["first_article_id"] == posted[0]["id"]
    assert row["first_publisher"] == "Suara Teluk"
    assert row["first_url"] == ARTICLES[0]["url"]
    assert row["appearance_count"] == "2"
    assert row["article_ids"] == f"{posted[0]['id']};{posted[2]['id']}"
    assert row["match"] == ""


def test_filters_and_speaker_scores_apply_to_streams(client, posted):
    query = {"speaker": "yohanes pandelaki", "format": "csv"}
    rows = read_csv(client.get("/quotes", query_string=query))
    assert {r["text"] for r in rows} == {FORESTS, RIVERS, FISH}
    assert all(float(r["match"]) >= 80 for r in rows)
    lines = client.get("/quotes", query_string={**query, "format": "ndjson"})
    items = [json.loads(line) for line in lines.get_data(as_text=True).splitlines()]
    assert items == all_json(client, speaker="yohanes pandelaki")


def test_ndjson_is_one_quote_per_line_the_same_as_the_json_items(client, posted):
    response = client.get("/quotes", headers={"Accept": "application/x-ndjson"})
    assert response.status_code == 200 and response.mimetype == "application/x-ndjson"
    assert response.is_streamed
    text = response.get_data(as_text=True)
    assert text.endswith("\n")
    assert [json.loads(line) for line in text.splitlines()] == all_json(client)


def test_format_wins_over_accept_and_json_is_the_default(client, posted):
    as_json = client.get("/quotes", query_string={"format": "json"}, headers={"Accept": "text/csv"})
    assert as_json.mimetype == "application/json" and "items" in as_json.get_json()
    for accept in ("*/*", "text/html", "application/json"):
        response = client.get("/quotes", headers={"Accept": accept})
        assert response.mimetype == "application/json" and "Accept" in response.headers["Vary"]
    assert client.get("/quotes?format=xml").status_code == 400


def test_csv_cells_that_spreadsheets_would_run_are_defused(client, posted, app):
    index = app.extensions["kutip"]
    snap = index.snapshot
    record = next(r for r in snap.quotes.values() if r.text == FISH)
    evil = QuoteRecord(
        record.id,
        '=HYPERLINK("http://evil")',
        record.speaker_id,
        record.first_seen,
        record.appearances,
        record.key,
    )
    row = csv_row(snap, evil, None)
    assert row[CSV_COLUMNS.index("text")] == '\'=HYPERLINK("http://evil")'
    assert row[CSV_COLUMNS.index("id")] == record.id


def claim_of(client, quote_id, **kwargs):
    response = client.get(f"/quotes/{quote_id}", **kwargs)
    assert response.status_code == 200 and response.mimetype == "application/ld+json"
    assert "Accept" in response.headers["Vary"]
    return response.get_json(force=True)


def quote_id_of(client, text):
    return next(q["id"] for q in all_json(client) if q["text"] == text)


def test_quote_as_schema_org_claim(client, posted):
    quote_id = quote_id_of(client, FORESTS)
    claim = claim_of(client, quote_id, headers={"Accept": "application/ld+json"})
    assert claim["@context"] == "https://schema.org" and claim["@type"] == "Claim"
    # with no public address configured, a path on this server
    assert claim["@id"] == f"/quotes/{quote_id}"
    assert claim["identifier"] == quote_id
    assert claim["text"] == FORESTS and claim["inLanguage"] == "id"
    assert claim["datePublished"] == ARTICLES[0]["published"]
    author = claim["author"]
    assert author["@type"] == "Person" and author["name"] == "Yohanes Pandelaki"
    assert author["jobTitle"] == "Bupati Morowali Selatan"
    first = claim["firstAppearance"]
    assert first == {
        "@type": "NewsArticle",
        "@id": f"/articles/{posted[0]['id']}",
        "identifier": posted[0]["id"],
        "url": ARTICLES[0]["url"],
        "headline": ARTICLES[0]["title"],
        "datePublished": ARTICLES[0]["published"],
        "publisher": {"@type": "Organization", "name": "Suara Teluk"},
    }
    assert [a["identifier"] for a in claim["appearance"]] == [posted[0]["id"], posted[2]["id"]]
    assert claim["appearance"][0] == first
    # the article address in @id resolves
    assert client.get(first["@id"]).status_code == 200
    assert claim_of(client, quote_id, query_string={"format": "jsonld"}) == claim


@pytest.mark.parametrize(
    "configured, base",
    [
        ("https://kutip.example.org", "https://kutip.example.org"),
        ("https://example.org/kutip/", "https://example.org/kutip"),
    ],
)
def test_links_use_the_public_address_not_the_host_asked(
    make_app, auth, configured, base, monkeypatch
):
    monkeypatch.setenv("KUTIP_PUBLIC_URL", configured)
    client = make_app().test_client()
    for article in ARTICLES:
        assert client.post("/articles", json=article, headers=auth).status_code == 201
    quote_id = quote_id_of(client, FORESTS)
    for headers in ({}, {"Host": "attacker.example", "X-Forwarded-Host": "attacker.example"}):
        claim = claim_of(client, quote_id, headers={**headers, "Accept": "application/ld+json"})
        assert claim["@id"] == f"{base}/quotes/{quote_id}"
        assert claim["firstAppearance"]["@id"].startswith(f"{base}/articles/art_")
    # mounted under a prefix, the public address already names it
    mounted = claim_of(
        client, quote_id, query_string={"format": "jsonld"}, environ_base={"SCRIPT_NAME": "/api"}
    )
    assert mounted["@id"] == f"{base}/quotes/{quote_id}"


@pytest.mark.parametrize(
    "configured", ["kutip.example.org", "ftp://example.org", "https://", "https://x.org/?a=1"]
)
def test_a_public_address_that_is_no_address_stops_the_start(make_app, configured):
    with pytest.raises(ConfigError, match="KUTIP_PUBLIC_URL"):
        make_app(PUBLIC_URL=configured)


def test_organisations_are_organization_authors(client, auth):
    waste = "Limbah pabrik diolah sesuai aturan dan diawasi setiap bulan"
    text = (
        "Pemerintah daerah membantah tuduhan warga.\n\n"
        f'"{waste}," bunyi pernyataan Dinas Lingkungan Hidup Sulawesi Tengah.\n'
    )
    assert client.post("/articles", json={"text": text}, headers=auth).status_code == 201
    author = claim_of(client, quote_id_of(client, waste), query_string={"format": "jsonld"})[
        "author"
    ]
    assert author["@type"] == "Organization" and "jobTitle" not in author
    assert author["name"] == "Dinas Lingkungan Hidup Sulawesi Tengah"


def test_json_stays_the_default_for_one_quote(client, posted):
    quote_id = quote_id_of(client, FORESTS)
    response = client.get(f"/quotes/{quote_id}")
    assert response.mimetype == "application/json" and response.get_json()["id"] == quote_id
    json_wins = client.get(
        f"/quotes/{quote_id}?format=json", headers={"Accept": "application/ld+json"}
    )
    assert json_wins.mimetype == "application/json"
    assert client.get(f"/quotes/{quote_id}?format=csv").status_code == 400
    missing = client.get("/quotes/q_0000000000000000", headers={"Accept": "application/ld+json"})
    assert missing.status_code == 404 and missing.mimetype == "application/problem+json"


def test_timeline_lists_a_speakers_quotes_by_first_seen(client, posted):
    speaker = posted[0]["quotes"][0]["speaker"]
    response = client.get(f"/speakers/{speaker['id']}/timeline")
    assert response.status_code == 200
    body = response.get_json()
    assert body["speaker"]["name"] == "Yohanes Pandelaki"
    assert [q["text"] for q in body["items"]] == [FORESTS, RIVERS, FISH]
    assert [q["first_seen"] for q in body["items"]] == [
        ARTICLES[0]["published"],
        ARTICLES[2]["published"],
        ARTICLES[1]["published"],
    ]
    assert body["total"] == 3 and body["next_cursor"] is None
    first = client.get(f"/speakers/{speaker['id']}/timeline?limit=2").get_json()
    assert [q["text"] for q in first["items"]] == [FORESTS, RIVERS]
    rest = client.get(
        f"/speakers/{speaker['id']}/timeline",
        query_string={"limit": 2, "cursor": first["next_cursor"]},
    ).get_json()
    assert [q["text"] for q in rest["items"]] == [FISH] and rest["next_cursor"] is None


@pytest.mark.parametrize(
    "url, status",
    [
        ("/speakers/spk_000000000000/timeline", 404),
        ("/speakers/spk_000000000000/timeline?limit=0", 400),
        ("/speakers/spk_000000000000/timeline?bogus=1", 400),
    ],
)
def test_timeline_errors(client, url, status):
    response = client.get(url)
    assert response.status_code == status and response.mimetype == "application/problem+json"
