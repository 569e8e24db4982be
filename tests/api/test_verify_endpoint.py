"""POST /verify over articles written for these tests (invented people and statements)."""

from __future__ import annotations

import pytest

from service import verify as matching

BRIDGE = "Jembatan ini akan menghubungkan tiga kecamatan yang selama ini terisolasi dari pusat kota"
POWER = (
    "Kami menargetkan seluruh desa di lembah ini teraliri listrik sebelum akhir tahun depan, "
    "tanpa terkecuali"
)
BUDGET = (
    "Anggaran daerah tidak cukup untuk membiayai semua proyek sekaligus, jadi harus ada "
    "prioritas yang jelas"
)
FIRST = {
    "text": (
        "Gubernur Sulawesi Tengah Rahmat Widjajakusuma meresmikan jembatan gantung baru di "
        "Kabupaten Sigi, Senin.\n\n"
        f'"{BRIDGE}," kata Rahmat di lokasi peresmian.\n\n'
        f'Ia menambahkan, "{POWER}."\n'
    ),
    "publisher": "Kabar Sigi",
    "published": "2024-03-04T09:00:00+08:00",
    "url": "https://kabarsigi.example/jembatan",
}
SECOND = {
    "text": (
        "Ketua DPRD Sulawesi Tengah Mariana Lakotani menanggapi peresmian jembatan itu.\n\n"
        f'"{BUDGET}," ujar Mariana kepada wartawan, Selasa.\n\n'
        f'"{BRIDGE}," kata Gubernur Sulawesi Tengah Rahmat Widjajakusuma sehari sebelumnya.\n'
    ),
    "publisher": "Warta Palu",
    "published": "2024-03-05T15:30:00+08:00",
}


@pytest.fixture
def articles(client, auth):
    posted = [client.post("/articles", json=a, headers=auth) for a in (SECOND, FIRST)]
    assert [r.status_code for r in posted] == [201, 201]
    return {"first": posted[1].get_json(), "second": posted[0].get_json()}


def verify(client, **body):
    response = client.post("/verify", json=body)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def test_exact_despite_punctuation_and_case_with_first_seen_and_appearances(client, articles):
    claim = (
        "«JEMBATAN ini akan menghubungkan tiga kecamatan... yang selama ini terisolasi "
        "dari pusat KOTA!»"
    )
    body = verify(client, quote=claim, speaker="Rahmat Widjajakusuma")
    assert body["verdict"] == "exact"
    best = body["matches"][0]
    assert best["verdict"] == best["text_match"] == "exact" and best["score"] == 100
    assert best["speaker_match"] >= 80
    assert best["quote"]["text"] == BRIDGE
    assert best["quote"]["speaker"]["name"] == "Rahmat Widjajakusuma"
    assert best["span"] == {"start": 0, "end": len(BRIDGE), "text": BRIDGE}
    assert claim[best["claim_span"]["start"] : best["claim_span"]["end"]] == claim[1:-2]
    assert best["changes"] == []
    # said first in FIRST (4 March), repeated in SECOND (5 March)
    assert body["first_seen"] == best["quote"]["first_seen"] == FIRST["published"]
    appearances = best["quote"]["appearances"]
    assert [a["article"]["id"] for a in appearances] == [
        articles["first"]["id"],
        articles["second"]["id"],
    ]
    assert appearances[0]["article"]["url"] == FIRST["url"]


def test_a_typo_and_a_dropped_filler_are_close_and_marked(client, articles):
    claim = BRIDGE.replace("kecamatan", "kecamtan").replace(" ini terisolasi", " terisolasi")
    body = verify(client, quote=claim, speaker="Rahmat")
    assert body["verdict"] == "close"
    best = body["matches"][0]
    assert best["quote"]["text"] == BRIDGE and best["text_match"] == "close"
    typo, dropped = claim.index("kecamtan"), claim.index("terisolasi")
    assert best["changes"] == [
        {
            "kind": "spelling",
            "claimed": {"start": typo, "end": typo + 8, "text": "kecamtan"},
            "stored": {"start": typo, "end": typo + 9, "text": "kecamatan"},
        },
        {
            # dropped: the empty span where it would be in the claim
            "kind": "filler",
            "claimed": {"start": dropped, "end": dropped, "text": ""},
            "stored": {"start": dropped + 1, "end": dropped + 4, "text": "ini"},
        },
    ]


@pytest.mark.parametrize(
    "claim, kind, claimed, stored",
    [
        (BRIDGE.replace("tiga", "lima"), "number", "lima", "tiga"),
        (BRIDGE.replace("akan", "tidak akan"), "negation", "tidak", ""),
        (BRIDGE.replace("pusat", "ibu"), "word", "ibu", "pusat"),
        (BRIDGE.replace("kota", "Palu"), "name", "Palu", "kota"),
    ],
)
def test_a_change_of_meaning_is_altered(client, articles, claim, kind, claimed, stored):
    body = verify(client, quote=claim, speaker="Rahmat")
    assert body["verdict"] == "altered"
    best = body["matches"][0]
    assert best["quote"]["text"] == BRIDGE and best["speaker_match"] >= 80
    assert [(c["kind"], c["claimed"]["text"], c["stored"]["text"]) for c in best["changes"]] == [
        (kind, claimed, stored)
    ]
    (change,) = best["changes"]
    assert claim[change["claimed"]["start"] : change["claimed"]["end"]] == claimed
    assert BRIDGE[change["stored"]["start"] : change["stored"]["end"]] == stored
    assert body["first_seen"] == FIRST["published"]


def test_a_fragment_with_two_words_changed_is_found_as_altered(client, articles):
    fragment = "Kami menargetkan seluruh desa di lembah itu teraliri air sebelum akhir tahun depan"
    body = verify(client, quote=fragment)
    assert body["verdict"] == "altered"
    best = body["matches"][0]
    assert best["quote"]["text"].startswith(POWER)
    assert [(c["kind"], c["claimed"]["text"], c["stored"]["text"]) for c in best["changes"]] == [
        ("filler", "itu", "ini"),
        ("word", "air", "listrik"),
    ]
    assert best["span"]["text"] == POWER[: POWER.index(",")]


def test_truncated_quote_is_partial_with_the_span_in_the_stored_quote(client, articles):
    fragment = "seluruh desa di lembah ini teraliri listrik"
    body = verify(client, quote=fragment, speaker="Gubernur Sulawesi Tengah")
    assert body["verdict"] == "partial"
    best = body["matches"][0]
    assert best["quote"]["text"].startswith("Kami menargetkan")
    assert best["span"]["text"] == fragment
    assert best["quote"]["text"][best["span"]["start"] : best["span"]["end"]] == fragment
    assert best["partial_score"] == 100 and best["score"] < 85 and best["changes"] == []


def test_claim_longer_than_the_stored_quote_is_partial(client, articles):
    claim = f"{BUDGET}. Kami juga meminta gubernur membuka dokumen perencanaannya kepada publik."
    body = verify(client, quote=claim, speaker="Mariana Lakotani")
    assert body["verdict"] == "partial"
    best = body["matches"][0]
    assert best["quote"]["text"] == BUDGET
    assert best["span"]["text"] == BUDGET
    assert best["claim_span"] == {"start": 0, "end": len(BUDGET), "text": BUDGET}


def test_words_of_someone_else_are_different_speaker(client, articles):
    body = verify(client, quote=BUDGET, speaker="Rahmat Widjajakusuma")
    assert body["verdict"] == "different_speaker"
    best = body["matches"][0]
    assert best["text_match"] == "exact" and best["speaker_match"] is None
    assert best["quote"]["speaker"]["name"] == "Mariana Lakotani"
    assert body["first_seen"] == SECOND["published"]


def test_the_claimed_speaker_wins_over_a_closer_match_by_someone_else(client, articles):
    claim = BRIDGE.replace("tiga", "lima")
    assert verify(client, quote=claim, speaker="Mariana")["verdict"] == "different_speaker"
    assert verify(client, quote=claim)["verdict"] == "altered"


def test_a_sentence_nobody_said_is_not_found(client, articles):
    body = verify(
        client, quote="Harga beras di pasar tradisional akan turun minggu depan", speaker="Rahmat"
    )
    assert body["verdict"] == "not_found"
    assert body["first_seen"] is None and body["matches"] == []
    # shares its rarer words with stored quotes, but is none of them
    body = verify(client, quote="Desa di lembah ini belum pernah kami kunjungi sama sekali")
    assert body["verdict"] == "not_found" and body["matches"] == []
    assert body["candidates"] >= 2
    nothing = verify(client, quote="Zzxqv qwzzx")
    assert nothing == {"verdict": "not_found", "first_seen": None, "candidates": 0, "matches": []}


def test_without_speaker_the_words_decide(client, articles):
    body = verify(client, quote=BUDGET.upper())
    assert body["verdict"] == "exact" and body["matches"][0]["speaker_match"] is None


def test_speaker_id_is_accepted(client, articles):
    speaker_id = articles["second"]["quotes"][0]["speaker"]["id"]
    assert verify(client, quote=BUDGET, speaker=speaker_id)["verdict"] == "exact"


def test_a_claim_holding_two_quotes_matches_both_and_limit_caps_them(client, articles):
    claim = f"{BRIDGE}. {BUDGET}."
    both = verify(client, quote=claim)
    assert both["verdict"] == "partial"
    assert {m["quote"]["text"] for m in both["matches"]} == {BRIDGE, BUDGET}
    for match in both["matches"]:
        span = match["claim_span"]
        assert claim[span["start"] : span["end"]] == match["quote"]["text"]
    one = verify(client, quote=claim, limit=1)
    assert one["matches"] == both["matches"][:1]


@pytest.mark.parametrize(
    "body, field",
    [
        ({}, "quote"),
        ({"quote": ""}, "quote"),
        ({"quote": 5}, "quote"),
        ({"quote": "x" * 5001}, "quote"),
        ({"quote": "Kami siap", "speaker": ""}, "speaker"),
        ({"quote": "Kami siap", "limit": 0}, "limit"),
        ({"quote": "Kami siap", "limit": matching.MAX_MATCHES + 1}, "limit"),
        ({"quote": "Kami siap", "extra": True}, "extra"),
        ({"quote": "Kami siap", "limit": 1.9}, "limit"),
        ({"quote": "Kami siap", "limit": True}, "limit"),
        ({"quote": "Kami siap", "limit": "3"}, "limit"),
        ({"quote": "Kami siap", "limit": 10**4000}, "limit"),
        ({"quote": "Kami siap", "limit": 1e308}, "limit"),
        ({"quote": [[[["Kami siap"]]]]}, "quote"),
    ],
)
def test_bad_claims_are_400_with_field_errors(client, body, field):
    response = client.post("/verify", json=body)
    assert response.status_code == 400 and response.mimetype == "application/problem+json"
    assert field in response.get_json()["errors"]


@pytest.mark.parametrize(
    "body, why",
    [
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"quote": ' + b"[" * 5_000 + b"]" * 5_000 + b"}", "nested too deeply"),
        (b'{"quote": "Kami siap", "limit": ' + b"9" * 5_000 + b"}", "too many digits"),
        (b'{"quote": "Kami siap", "limit": NaN}', "NaN is not"),
        (b'{"quote": "Kami siap", "limit": Infinity}', "Infinity is not"),
        (b'{"quote": "Kami \xff siap"}', "not utf-8 text"),
        (b'{"quote": "Kami siap"', "line 1"),
    ],
)
def test_hostile_json_is_a_400_saying_why(client, body, why):
    response = client.post("/verify", data=body, content_type="application/json")
    assert response.status_code == 400 and response.mimetype == "application/problem+json"
    assert why in response.get_json()["detail"]


def test_a_whole_number_written_with_a_point_is_a_count(client):
    # JSON Schema's integer: 2.0 is 2
    response = client.post("/verify", json={"quote": "Kami siap", "limit": 2.0})
    assert response.status_code == 200 and len(response.get_json()["matches"]) <= 2


def test_a_body_that_is_not_json_is_415(client):
    response = client.post("/verify", data="Kami siap", content_type="text/plain")
    assert response.status_code == 415 and response.mimetype == "application/problem+json"
    malformed = client.post("/verify", data="{nope", content_type="application/json")
    assert malformed.status_code == 400


def test_verify_reads_nothing_it_should_not_change(client, articles):
    before = client.get("/health").get_json()
    verify(client, quote=BRIDGE)
    assert client.get("/health").get_json() == before
