"""GET /quotes and POST /verify are served without flask-smorest's and webargs' wrappers
(`Blueprint.direct`): every answer must be the one the wrapped view gives."""

from __future__ import annotations

import pytest

from service.api.quotes import list_quotes
from service.api.verify import verify

ENDPOINT = "quotes.list_quotes"

REQUESTS = [
    ("/quotes", {}),
    ("/quotes?speaker=lukashenko", {}),
    ("/quotes?speaker=lukashenko&limit=2&cursor=2", {}),
    ("/quotes?q=integrasi&speaker=lukashenko", {}),
    ("/quotes?speaker=a&speaker=lukashenko", {}),  # the first value counts
    ("/quotes?since=2021-01-01&until=2022-12-31T00:00:00%2B07:00", {}),
    ("/quotes?format=csv", {}),
    ("/quotes", {"Accept": "application/x-ndjson"}),
    ("/quotes?limit=0", {}),
    ("/quotes?limit=x&bogus=1", {}),
    ("/quotes?format=xml", {}),
    ("/quotes?since=yesterday", {}),
    ("/quotes?cursor=-1", {}),
]


def answer(client, url, headers):
    response = client.get(url, headers=headers)
    ignored = {"Date"}
    return (
        response.status_code,
        [(k, v) for k, v in response.headers if k not in ignored],
        response.get_data(),
    )


def test_the_direct_view_is_served(app):
    view = app.view_functions[ENDPOINT]
    assert view.wrapped is not view and view.__wrapped__ is view.wrapped
    assert view.__name__ == list_quotes.__name__


@pytest.mark.parametrize(("url", "headers"), REQUESTS)
def test_the_direct_view_answers_as_the_wrapped_one(app, client, url, headers):
    direct = answer(client, url, headers)
    app.view_functions[ENDPOINT] = app.view_functions[ENDPOINT].wrapped
    assert answer(client, url, headers) == direct
    assert direct[0] in (200, 400)


VERIFY = "verify.verify"
CLAIM = "kami tidak ingin mengulangi kesalahan yang dibuat di negara serikat kami"
POSTS = [
    ({"json": {"quote": CLAIM}}),
    ({"json": {"quote": CLAIM, "speaker": "Lukashenko", "limit": 2}}),
    ({"json": {"quote": CLAIM.replace("tidak ", ""), "speaker": "Peskov"}}),
    ({"json": {"quote": "Zzxqv qwzzx"}}),
    ({"json": {}}),
    ({"json": {"quote": "", "limit": 0, "bogus": 1}}),
    ({"json": {"quote": 5, "speaker": ""}}),
    ({"json": ["a", "list"]}),
    ({"data": "{not json", "content_type": "application/json"}),
    ({"data": CLAIM, "content_type": "text/plain"}),
    ({"data": '{"quote": "Kami siap"}', "content_type": "application/problem+json"}),
]


def posted(client, kwargs):
    response = client.post("/verify", **kwargs)
    return (
        response.status_code,
        [(k, v) for k, v in response.headers if k != "Date"],
        response.get_data(),
    )


def test_verify_is_served_directly(app):
    view = app.view_functions[VERIFY]
    assert view.wrapped is not view and view.__name__ == verify.__name__


@pytest.mark.parametrize("kwargs", POSTS)
def test_the_direct_verify_answers_as_the_wrapped_one(app, client, kwargs):
    direct = posted(client, kwargs)
    app.view_functions[VERIFY] = app.view_functions[VERIFY].wrapped
    assert posted(client, kwargs) == direct
    assert direct[0] in (200, 400, 415)
