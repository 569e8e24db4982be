"""The real thing: gunicorn started as `make run` starts it, and headless Chromium on /docs."""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import urllib.request
from pathlib import Path

import pytest
from servers import Gunicorn

from service.extraction import extract_corpus

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"


def _get(url: str, timeout: float = 10.0) -> tuple[int, dict, bytes]:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.status, dict(response.headers), response.read()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """gunicorn -c gunicorn.conf.py 'service:create_app()' on a free loopback port."""
    folder = tmp_path_factory.mktemp("gunicorn")
    gunicorn = Gunicorn(folder / "kutip.db", folder / "log.txt", seeds=str(REPO / "seeds"))
    gunicorn.start()
    try:
        yield gunicorn.base
    finally:
        gunicorn.stop()


def test_gunicorn_finds_lukashenko_quotes_by_lowercase_fuzzy_name(server):
    status, headers, body = _get(f"{server}/quotes?speaker=lukashenko&limit=100")
    assert status == 200
    assert headers["Content-Type"].startswith("application/json")
    assert headers["Access-Control-Allow-Origin"] == "*"
    page = json.loads(body)
    items = page["items"]
    assert page["total"] == len(items) and page["next_cursor"] is None

    # What the extractor attributes to Lukashenko in the seeds, under any of his names.
    docs = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((REPO / "seeds").glob("*.txt"))]
    expected = {
        " ".join(q.text.split())
        for article in extract_corpus(docs)
        for q in article.quotes
        if q.speaker and any("lukashenko" in n.casefold() for n in (q.speaker, *q.aliases))
    }
    got = {" ".join(item["text"].split()) for item in items}
    assert expected <= got

    names = {item["speaker"]["name"] for item in items}
    assert "Alexander Lukashenko" in names
    full = [item for item in items if item["speaker"]["name"] == "Alexander Lukashenko"]
    assert len(full) >= 5
    for item in items:
        speaker = item["speaker"]
        assert any("lukashenko" in n.casefold() for n in (speaker["name"], *speaker["aliases"]))
        assert item["match"] >= 80
        assert item["appearances"] and item["appearances"][0]["article"]["id"].startswith("art_")
    # best match first
    assert [i["match"] for i in items] == sorted((i["match"] for i in items), reverse=True)


def test_gunicorn_errors_are_problem_details(server):
    request = urllib.request.Request(f"{server}/quotes?limit=500")
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=10)
    assert caught.value.code == 400
    assert caught.value.headers["Content-Type"] == "application/problem+json"
    assert "limit" in json.loads(caught.value.read())["errors"]


def _chromium() -> str:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    found = shutil.which("chromium")
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail("chromium is missing in CI: .ci/run installs Debian's chromium")
    pytest.skip("chromium is not installed (apt-get install chromium)")


def _chromium_args(profile: Path) -> list[str]:
    return [
        _chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
        "--virtual-time-budget=20000",
        "--window-size=1280,1600",
    ]


def test_docs_page_renders_operations_in_headless_chromium(server, tmp_path):
    shot = tmp_path / "docs.png"
    subprocess.run(
        [*_chromium_args(tmp_path / "profile-shot"), f"--screenshot={shot}", f"{server}/docs"],
        check=True,
        capture_output=True,
        timeout=180,
    )
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1280, 1600)
    # A blank or error page compresses to a few kB; the rendered operation list does not.
    assert len(data) > 60_000, len(data)

    dom = subprocess.run(
        [*_chromium_args(tmp_path / "profile-dom"), "--dump-dom", f"{server}/docs"],
        check=True,
        capture_output=True,
        timeout=180,
        text=True,
    ).stdout
    assert "opblock-summary" in dom
    assert dom.count('class="opblock opblock-') >= 10
    for path in ("/quotes/{quote_id}", "/speakers", "/articles", "/extract", "/health"):
        assert f'data-path="{path}"' in dom, path
    assert "Unable to render this definition" not in dom
