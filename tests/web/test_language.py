"""Indonesian first, English second: the switch, Accept-Language, and a catalogue that is
complete and compiled."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

WEB = Path(__file__).resolve().parents[2] / "service" / "web"
CATALOGUE = WEB / "translations" / "en" / "LC_MESSAGES"


@pytest.mark.parametrize(
    ("headers", "query", "lang", "title"),
    [
        ({}, "", "id", "Cari kutipan"),
        ({"Accept-Language": "en-US,en;q=0.9"}, "", "en", "Search quotes"),
        ({"Accept-Language": "en-GB"}, "", "en", "Search quotes"),
        ({"Accept-Language": "id-ID,id;q=0.9,en;q=0.8"}, "", "id", "Cari kutipan"),
        # a language the pages do not have: Indonesian
        ({"Accept-Language": "fr-FR"}, "", "id", "Cari kutipan"),
        # the switch wins over the header
        ({"Accept-Language": "en"}, "?lang=id", "id", "Cari kutipan"),
        ({}, "?lang=en", "en", "Search quotes"),
        # an unknown switch value is ignored
        ({}, "?lang=xx", "id", "Cari kutipan"),
    ],
)
def test_language_of_a_page(client, headers, query, lang, title):
    body = client.get("/" + query, headers=headers).get_data(as_text=True)
    assert f'<html lang="{lang}">' in body
    assert f"<h1>{title}</h1>" in body


def test_the_switch_is_remembered(client):
    response = client.get("/check?lang=en")
    assert "<h1>Check a quote</h1>" in response.get_data(as_text=True)
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("lang=en;") and "SameSite=Lax" in cookie
    # the test client sends the cookie back: the next page is English without asking
    assert "<h1>Search quotes</h1>" in client.get("/").get_data(as_text=True)
    client.get("/?lang=id")
    assert "<h1>Cari kutipan</h1>" in client.get("/").get_data(as_text=True)


def test_the_switch_keeps_the_query(client):
    body = client.get("/?q=beras&speaker=wulan").get_data(as_text=True)
    assert 'href="/?q=beras&amp;speaker=wulan&amp;lang=en"' in body


def test_english_pages_speak_english(client):
    body = client.get("/check?lang=en&quote=Semua+jembatan+dicat+ungu").get_data(as_text=True)
    assert "Not found in the archive." in body
    assert "Tidak ditemukan" not in body


def _source_messages() -> set:
    method_map = [("**.py", "python"), ("**/templates/**.html", "jinja2")]
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "lazy_gettext": None}
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(WEB), method_map, keywords=keywords
    ):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


def test_every_source_string_is_translated():
    with (CATALOGUE / "messages.po").open("rb") as handle:
        catalogue = read_po(handle)
    translated = {}
    for message in catalogue:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else tuple(message.id)
        strings = [message.string] if isinstance(message.string, str) else message.string
        if all(strings) and not message.fuzzy:
            translated[key] = message.string
    sources = _source_messages()
    assert len(sources) > 100
    missing = sources - set(translated)
    assert not missing, f"untranslated (run `make translations`): {sorted(map(str, missing))}"


def test_compiled_catalogue_matches_the_po():
    with (CATALOGUE / "messages.po").open("rb") as handle:
        po = read_po(handle)
    with (CATALOGUE / "messages.mo").open("rb") as handle:
        mo = read_mo(handle)

    def pairs(catalogue) -> dict:
        return {
            (m.id if isinstance(m.id, str) else tuple(m.id)): m.string
            if isinstance(m.string, str)
            else tuple(m.string)
            for m in catalogue
            if m.id and not m.fuzzy
        }

    assert pairs(mo) == pairs(po), "messages.mo is stale: run `make translations`"
