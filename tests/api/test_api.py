"""The endpoints through Flask's test client: answers, filters, paging and every error."""

from __future__ import annotations

import pytest

from service.index import speaker_id

ARTICLE = (
    "Menteri Keuangan Ratih Kusuma Wardani menyatakan optimistis.\n\n"
    '"Ekonomi kita tumbuh lebih cepat dari perkiraan tahun ini," kata Ratih Kusuma '
    "di Jakarta, Senin.\n"
)


def problem_of(response, status):
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["status"] == status and body["type"] == "about:blank"
    assert body["title"] and body["detail"]
    return body


@pytest.mark.parametrize(
    "url, field",
    [
        ("/quotes?bogus=1", "bogus"),
        ("/quotes?limit=0", "limit"),
        ("/quotes?limit=101", "limit"),
        ("/quotes?limit=ten", "limit"),
        ("/quotes?since=yesterday", "since"),
        ("/quotes?until=2021-13-01T00:00:00Z", "until"),
        ("/quotes?cursor=abc", "cursor"),
        ("/quotes?cursor=-1", "cursor"),
        ("/quotes?speaker=", "speaker"),
        ("/quotes?q=", "q"),
        ("/speakers?q=", "q"),
        ("/speakers?speaker=x", "speaker"),
        ("/articles?limit=1000", "limit"),
        ("/articles?publisher=x", "publisher"),
    ],
)
def test_malformed_or_unknown_parameters_are_400_with_field_errors(client, url, field):
    body = problem_of(client.get(url), 400)
    assert field in body["errors"] and all(isinstance(m, str) for m in body["errors"][field])


@pytest.mark.parametrize(
    "url", ["/quotes/q_0000000000000000", "/speakers/spk_000000000000", "/articles/art_0", "/nope"]
)
def test_unknown_ids_and_paths_are_404(client, url):
    problem_of(client.get(url), 404)


@pytest.mark.parametrize(
    "method, url, allowed",
    [
        ("delete", "/quotes", {"GET", "HEAD", "OPTIONS"}),
        ("post", "/quotes", {"GET", "HEAD", "OPTIONS"}),
        ("put", "/articles", {"GET", "HEAD", "OPTIONS", "POST"}),
        ("get", "/extract", {"OPTIONS", "POST"}),
        ("patch", "/health", {"GET", "HEAD", "OPTIONS"}),
    ],
)
def test_unsupported_methods_are_405_with_allow(client, method, url, allowed):
    response = getattr(client, method)(url)
    problem_of(response, 405)
    assert {m.strip() for m in response.headers["Allow"].split(",")} == allowed


@pytest.mark.parametrize(
    "headers, status",
    [
        ({}, 401),
        ({"Authorization": "Bearer wrong"}, 401),
        ({"Authorization": "Basic dGVzdDp0ZXN0"}, 401),
        ({"Authorization": "Bearer"}, 401),
    ],
)
def test_posting_articles_needs_the_token(client, headers, status):
    response = client.post("/articles", json={"text": ARTICLE}, headers=headers)
    problem_of(response, status)
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert client.get("/health").get_json()["articles"] == 5


def test_without_a_configured_token_writes_are_refused_with_how_to(make_app):
    client = make_app(API_TOKEN=None).test_client()
    body = problem_of(
        client.post("/articles", json={"text": ARTICLE}, headers={"Authorization": "Bearer x"}),
        403,
    )
    assert "KUTIP_API_TOKEN" in body["detail"]


def test_token_comes_from_the_environment(make_app, monkeypatch):
    monkeypatch.setenv("KUTIP_API_TOKEN", "from-env")
    from service import create_app

    client = create_app({"SEED_DIR": make_app().config["SEED_DIR"]}).test_client()
    ok = client.post(
        "/articles", json={"text": ARTICLE}, headers={"Authorization": "Bearer from-env"}
    )
    assert ok.status_code == 201


@pytest.mark.parametrize(
    "kwargs, status, field",
    [
        ({"data": "text", "content_type": "application/xml"}, 415, None),
        ({"data": "text"}, 415, None),
        ({"data": "{not json", "content_type": "application/json"}, 400, None),
        ({"json": ["a list"]}, 400, None),
        ({"json": {}}, 400, "text"),
        ({"json": {"text": "   \n"}}, 400, "text"),
        ({"json": {"text": 5}}, 400, "text"),
        ({"json": {"text": "Ada.", "extra": 1}}, 400, "extra"),
        ({"json": {"text": "Ada.", "published": "kemarin"}}, 400, "published"),
        ({"json": {"text": "Ada.", "title": ""}}, 400, "title"),
        ({"data": " \t", "content_type": "text/plain"}, 400, "text"),
        ({"data": b"\xff\xfe", "content_type": "text/plain"}, 400, "text"),
        ({"data": b"[" * 100_000 + b"]" * 100_000, "content_type": "application/json"}, 400, None),
        (
            {"data": b'{"text": ' + b"1" * 5_000 + b"}", "content_type": "application/json"},
            400,
            None,
        ),
        ({"data": b'{"text": NaN}', "content_type": "application/json"}, 400, None),
        ({"json": {"text": "Ada.", "published": 10**400}}, 400, "published"),
    ],
)
@pytest.mark.parametrize("url", ["/articles", "/extract"])
def test_bad_bodies(client, auth, url, kwargs, status, field):
    body = problem_of(client.post(url, headers=auth, **kwargs), status)
    if field:
        assert field in body["errors"]


@pytest.mark.parametrize("url", ["/articles", "/extract"])
def test_bodies_over_the_limit_are_413(make_app, auth, url):
    client = make_app(MAX_BODY=1000).test_client()
    problem_of(client.post(url, json={"text": "x" * 2000}, headers=auth), 413)
    assert client.post(url, json={"text": ARTICLE}, headers=auth).status_code in (200, 201)


def test_max_body_defaults_to_2_mb(app):
    assert app.config["MAX_BODY"] == 2 * 1024 * 1024


def test_internal_errors_hide_internals(make_app):
    app = make_app(TESTING=False)

    def boom():
        raise RuntimeError("secret path /etc/kutip")

    app.add_url_rule("/boom", "boom", boom)
    body = problem_of(app.test_client().get("/boom"), 500)
    assert "secret" not in str(body) and "RuntimeError" not in str(body)


def test_post_article_201_then_200_and_metadata_wins(client, auth):
    meta = {
        "title": "Judul",
        "publisher": "Kompas",
        "published": "2024-01-02T03:04:05+07:00",
        "url": "https://example.com/a",
    }
    first = client.post("/articles", json={"text": ARTICLE, **meta}, headers=auth)
    assert first.status_code == 201
    article = first.get_json()
    assert {k: article[k] for k in meta} == meta
    assert article["facts"]["publisher"] != "Kompas"
    assert [q["speaker"]["name"] for q in article["quotes"]] == ["Ratih Kusuma Wardani"]
    quote = article["quotes"][0]
    assert ARTICLE[quote["start"] : quote["end"]].startswith("Ekonomi kita tumbuh")

    again = client.post("/articles", data=ARTICLE, content_type="text/plain", headers=auth)
    assert again.status_code == 200 and again.get_json()["id"] == article["id"]
    assert client.get("/health").get_json()["articles"] == 6

    assert client.get(f"/articles/{article['id']}").get_json() == article
    found = client.get("/quotes?publisher=kompas").get_json()
    assert [i["id"] for i in found["items"]] == [quote["id"]]
    assert found["items"][0]["first_seen"] == meta["published"]
    assert found["items"][0]["appearances"][0]["article"]["url"] == meta["url"]
    by_word = client.get("/quotes", query_string={"q": "ekonomi PERKIRAAN"}).get_json()
    assert quote["id"] in [i["id"] for i in by_word["items"]]


def test_same_quote_in_two_articles_is_one_quote_with_two_appearances(client, auth):
    other = "Laporan ulang.\n\n" + ARTICLE
    a = client.post(
        "/articles", json={"text": ARTICLE, "published": "2024-02-01T00:00:00Z"}, headers=auth
    ).get_json()
    b = client.post(
        "/articles", json={"text": other, "published": "2024-01-01T00:00:00Z"}, headers=auth
    ).get_json()
    assert a["quotes"][0]["id"] == b["quotes"][0]["id"]
    quote = client.get(f"/quotes/{a['quotes'][0]['id']}").get_json()
    assert [ap["article"]["id"] for ap in quote["appearances"]] == [b["id"], a["id"]]
    assert quote["first_seen"] == "2024-01-01T00:00:00+00:00"


def test_extract_stores_nothing(client):
    before = client.get("/health").get_json()
    response = client.post("/extract", json={"text": ARTICLE, "publisher": "Tempo"})
    assert response.status_code == 200
    body = response.get_json()
    assert body["publisher"] == "Tempo"
    assert body["quotes"][0]["speaker"] == "Ratih Kusuma Wardani"
    assert body["quotes"][0]["cue"] == "kata"
    assert client.get("/health").get_json() == before


@pytest.mark.parametrize("query", ["lukashenko", "LUKASHENKO", "lukashenkp", "Alexander Lukasenko"])
def test_fuzzy_speaker_lookup(client, query):
    page = client.get("/quotes", query_string={"speaker": query, "limit": 100}).get_json()
    assert page["total"] >= 5
    assert all("Lukashenko" in i["speaker"]["name"] for i in page["items"])
    scores = [i["match"] for i in page["items"]]
    assert scores == sorted(scores, reverse=True) and min(scores) >= 80


@pytest.mark.parametrize("query", ["zzzzqqq", "Ratih Kusuma"])
def test_speaker_lookup_without_match_is_empty(client, query):
    assert client.get("/quotes", query_string={"speaker": query}).get_json() == {
        "items": [],
        "total": 0,
        "next_cursor": None,
    }


def test_speaker_id_lookup_and_speaker_resource(client):
    speakers = client.get("/speakers", query_string={"q": "lukashenko"}).get_json()["items"]
    top = speakers[0]
    assert "Lukashenko" in top["name"] and top["match"] >= 80 and top["quote_count"] >= 1
    detail = client.get(f"/speakers/{top['id']}").get_json()
    assert len(detail["quotes"]) == top["quote_count"]
    quotes = client.get("/quotes", query_string={"speaker": top["id"], "limit": 100}).get_json()
    assert [q["id"] for q in quotes["items"]] == detail["quotes"]


def test_paging_walks_every_quote_once(client):
    seen, cursor = [], None
    while True:
        query = {"limit": 4, **({"cursor": cursor} if cursor else {})}
        page = client.get("/quotes", query_string=query).get_json()
        seen += [i["id"] for i in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == page["total"] > 4
    assert client.get("/quotes?cursor=999999").get_json()["items"] == []


@pytest.mark.parametrize(
    "query, expect",
    [
        ({"since": "2022-01-01T00:00:00+07:00"}, lambda t: t >= "2022"),
        ({"until": "2021-01-01T00:00:00Z"}, lambda t: t < "2021"),
        (
            {"since": "2021-09-10T11:56:00+07:00", "until": "2021-09-10T11:56:00+07:00"},
            lambda t: t == "2021-09-10T11:56:00+07:00",
        ),
    ],
)
def test_time_range(client, query, expect):
    items = client.get("/quotes", query_string={**query, "limit": 100}).get_json()["items"]
    assert items and all(expect(i["first_seen"]) for i in items)


def test_inverted_time_range_is_empty(client):
    query = {"since": "2023-01-01T00:00:00Z", "until": "2020-01-01T00:00:00Z"}
    assert client.get("/quotes", query_string=query).get_json()["total"] == 0


def test_article_detail_has_offsets_into_its_text(client):
    articles = client.get("/articles?limit=100").get_json()["items"]
    assert len(articles) == 5
    for summary in articles:
        detail = client.get(f"/articles/{summary['id']}").get_json()
        assert detail["quote_count"] == len(detail["quotes"])
        for quote in detail["quotes"]:
            span = detail["text"][quote["start"] : quote["end"]]
            assert quote["text"].split()[0] in span
        filtered = client.get("/quotes", query_string={"article": summary["id"], "limit": 100})
        assert {q["id"] for q in detail["quotes"]} == {
            q["id"] for q in filtered.get_json()["items"]
        }


@pytest.mark.parametrize("url", ["/quotes", "/speakers", "/articles", "/health", "/quotes/x"])
def test_cors_on_reads(client, url):
    response = client.get(url, headers={"Origin": "https://checker.example"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        url, headers={"Origin": "https://checker.example", "Access-Control-Request-Method": "GET"}
    )
    assert preflight.status_code == 200
    assert "GET" in preflight.headers["Access-Control-Allow-Methods"]


@pytest.mark.parametrize(
    ("url", "vary"),
    [("/quotes", "Accept, Origin"), ("/quotes/x", "Accept, Origin"), ("/speakers", "Origin")],
)
def test_preflight_headers_only_on_preflights_and_vary_names_what_a_read_depends_on(
    client, url, vary
):
    read = client.get(url, headers={"Origin": "https://checker.example"})
    assert read.headers["Vary"] == vary
    assert "Access-Control-Allow-Methods" not in read.headers
    assert "Access-Control-Max-Age" not in read.headers
    preflight = client.options(
        url, headers={"Origin": "https://checker.example", "Access-Control-Request-Method": "GET"}
    )
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert preflight.headers["Access-Control-Allow-Headers"] == "Accept, Content-Type"
    assert preflight.headers["Access-Control-Max-Age"] == "600"
    assert preflight.headers["Vary"] == vary


def test_a_vary_the_view_set_is_kept_and_extended(app):
    @app.route("/varies")
    def varies():
        return "x", 200, {"Vary": "Accept-Language"}

    # registered after the API: the app's own (no blueprint) headers apply
    response = app.test_client().get("/varies")
    assert response.headers["Vary"] == "Accept-Language, Origin"
    assert response.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    "url, body", [("/verify", {"quote": "Kami siap"}), ("/extract", {"text": "Kami siap."})]
)
def test_verify_and_extract_are_open_to_other_sites(client, url, body):
    origin = {"Origin": "https://checker.example"}
    preflight = client.options(
        url,
        headers={
            **origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert preflight.headers["Access-Control-Allow-Methods"] == "POST, OPTIONS"
    assert "Content-Type" in preflight.headers["Access-Control-Allow-Headers"]
    for response in (
        client.post(url, json=body, headers=origin),
        client.post(url, json={}, headers=origin),  # a 400 is readable too
    ):
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        assert response.headers["Access-Control-Expose-Headers"] == "Retry-After"
        assert "Origin" in response.headers["Vary"]


def test_no_cors_on_writes(client, auth):
    response = client.post("/articles", json={"text": ARTICLE}, headers=auth)
    assert "Access-Control-Allow-Origin" not in response.headers


def test_docs_page_uses_local_assets(client):
    page = client.get("/docs").get_data(as_text=True)
    assert "/docs/assets/swagger-ui-bundle.js" in page and "http" not in page.split("<body>")[1]
    with client.get("/docs/assets/swagger-ui-bundle.js") as asset:
        assert asset.status_code == 200 and len(asset.data) > 100_000
    problem_of(client.get("/docs/assets/../../etc/passwd"), 404)
    problem_of(client.get("/docs/assets/index.html"), 404)


@pytest.mark.parametrize(
    "q, some",
    [
        ("integrasi", True),
        ("INTEGRASI!", True),
        ("_", False),
        (".*", False),
        ("\x00", False),
        (" - ", False),
        ("\u2014", False),
    ],
)
@pytest.mark.parametrize("format", ["json", "csv", "ndjson"])
def test_q_filters_by_words_and_no_word_matches_nothing(client, q, some, format):
    every = client.get("/quotes").get_json()["total"]
    response = client.get("/quotes", query_string={"q": q, "format": format})
    assert response.status_code == 200
    if format == "json":
        found = response.get_json()["total"]
    else:
        found = len(response.get_data(as_text=True).splitlines()) - (format == "csv")
    assert (0 < found < every) if some else (found == 0)


def test_one_person_is_one_speaker_and_merged_ids_keep_answering(client, auth):
    # the seeds: every Lukashenko quote under one speaker, one person found
    page = client.get("/quotes", query_string={"speaker": "lukashenko", "limit": 100}).get_json()
    assert page["total"] == 13
    assert len({item["speaker"]["id"] for item in page["items"]}) == 1
    found = client.get("/speakers", query_string={"q": "lukashenko"}).get_json()["items"]
    assert [s["name"] for s in found] == ["Alexander Lukashenko"]
    # a surname alone first, the full name later: one speaker, and the first ids answer
    # (a person's id is the least of their names' ids: here the full name's)
    assert speaker_id("Dewi Widyasari") < speaker_id("Widyasari")
    alone = '"Panen raya dimulai pekan depan," kata Widyasari kepada wartawan.\n'
    full = (
        "Menteri Pertanian Dewi Widyasari meninjau sawah di Karawang.\n\n"
        '"Panen raya dimulai pekan depan," kata Dewi Widyasari.\n'
    )
    first = client.post("/articles", json={"text": alone}, headers=auth).get_json()
    old_quote = first["quotes"][0]
    old_speaker = old_quote["speaker"]["id"]
    client.post("/articles", json={"text": full}, headers=auth)
    speaker = client.get(f"/speakers/{old_speaker}").get_json()
    assert speaker["name"] == "Dewi Widyasari" and speaker["aliases"] == ["Widyasari"]
    assert speaker["id"] != old_speaker and speaker["quote_count"] == 1
    quote = client.get(f"/quotes/{old_quote['id']}").get_json()
    assert quote["speaker"]["id"] == speaker["id"] and len(quote["appearances"]) == 2
    assert client.get(f"/speakers/{old_speaker}/timeline").get_json()["total"] == 1
    by_old_id = client.get("/quotes", query_string={"speaker": old_speaker}).get_json()
    assert [q["id"] for q in by_old_id["items"]] == [quote["id"]]
