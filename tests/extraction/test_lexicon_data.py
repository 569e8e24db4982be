"""The rule lexicons are valid data, and a broken file fails loudly with its name."""

import json
from importlib import resources

import pytest

from service.extraction.lexicon import (
    LexiconError,
    checking_words,
    common_words,
    lexicon,
    load_checking_words,
    load_common_words,
    load_lexicon,
)

FILES = ["speech_verbs.json", "titles.json", "outlets.json", "boilerplate.json", "calendar.json"]
CHECKING = "checking.json"


def test_every_lexicon_loads():
    lex = lexicon()
    assert {"kata", "ujar", "tutur"} <= lex.post_cues.keys()
    assert lex.nya_cues["katanya"] == "kata"
    assert "mengatakan" in lex.active_verbs
    assert lex.months["desember"] == 12 and lex.timezones["wita"] == "+08:00"
    assert "ia" in lex.pronouns and "presiden" in lex.roles
    assert "ketua" not in common_words()


def test_lexicon_entries_are_lower_case_and_unique_enough():
    lex = lexicon()
    for name in ("roles", "organisations", "places", "connectors"):
        assert all(w == w.lower() and w.strip() == w for w in getattr(lex, name)), name
    # a pronoun form must belong to its verb
    assert all(form.endswith("nya") for form in lex.nya_cues)


@pytest.fixture
def lexicon_dir(tmp_path):
    """A copy of the lexicons that a test may break; `load_lexicon` reads from it."""
    src = resources.files("service.extraction").joinpath("lexicons")
    for name in FILES + ["common_words.json", CHECKING]:
        (tmp_path / name).write_text(src.joinpath(name).read_text("utf-8"), "utf-8")
    return tmp_path


def _edit(path, change):
    data = json.loads(path.read_text("utf-8"))
    change(data)
    path.write_text(json.dumps(data), "utf-8")


@pytest.mark.parametrize(
    ("file", "change", "message"),
    [
        ("speech_verbs.json", lambda d: d.pop("verbs"), "'verbs'"),
        ("speech_verbs.json", lambda d: d["verbs"][0].update(nya="katakan"), "-nya"),
        ("titles.json", lambda d: d.update(roles="presiden"), "'roles'"),
        ("titles.json", lambda d: d["roles"].append(""), "'roles'"),
        ("calendar.json", lambda d: d["months"].update(juli=13), "1-12"),
        ("outlets.json", lambda d: d.update(outlets=[]), "'outlets'"),
        ("boilerplate.json", lambda d: d.pop("end_markers"), "'end_markers'"),
    ],
)
def test_broken_lexicon_names_file_and_key(lexicon_dir, file, change, message):
    _edit(lexicon_dir / file, change)
    with pytest.raises(LexiconError) as err:
        load_lexicon(lexicon_dir)
    assert file in str(err.value) and message in str(err.value)


def test_invalid_json_is_reported(lexicon_dir):
    (lexicon_dir / "calendar.json").write_text("{not json", "utf-8")
    with pytest.raises(LexiconError, match="calendar.json: invalid JSON"):
        load_lexicon(lexicon_dir)


def test_missing_file_is_reported(lexicon_dir):
    (lexicon_dir / "outlets.json").unlink()
    with pytest.raises(LexiconError, match="outlets.json: file missing"):
        load_lexicon(lexicon_dir)


def test_the_unbroken_copy_loads(lexicon_dir):
    # Control for the tests above: the fixture's copy itself is valid.
    assert "presiden" in load_lexicon(lexicon_dir).roles


def test_broken_common_words_is_reported(lexicon_dir):
    _edit(lexicon_dir / "common_words.json", lambda d: d.pop("words"))
    with pytest.raises(LexiconError, match="common_words.json"):
        load_common_words(lexicon_dir)
    assert "yang" in load_common_words(resources.files("service.extraction") / "lexicons")


def test_the_checking_words_load():
    words = checking_words()
    groups = words.negation_groups
    assert groups["tidak"] == groups["tak"] == groups["nggak"] != groups["bukan"]
    assert len({groups[w] for w in ("tidak", "bukan", "belum", "jangan")}) == 4
    assert {"juga", "itu", "ini", "pun"} <= words.fillers
    assert words.particle_suffixes[-1] in ("lah", "kah", "tah", "pun", "nya")
    assert {"dua", "juta", "persen"} <= words.numbers
    assert words.symbols == {"%": "persen"}
    assert words.variants["risiko"] == words.variants["resiko"] != words.variants["praktik"]
    # every entry is one lower-case word, as the compared texts are folded
    every = [*groups, *words.fillers, *words.numbers, *words.variants]
    assert all(w == w.lower() and w.isalnum() for w in every)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("negations"), "'negations'"),
        (lambda d: d["negations"].append("tidak"), "'negations'[4]"),
        (lambda d: d["negations"][1].append("tak"), "two groups"),
        (lambda d: d["fillers"].append("juga itu"), "not one lower-case word"),
        (lambda d: d["numbers"].append("Dua"), "not one lower-case word"),
        (lambda d: d["fillers"].append("tidak"), "'fillers' and 'negations'"),
        (lambda d: d["numbers"].append("juga"), "'fillers' and 'numbers'"),
        (lambda d: d["symbols"].update({"a": "alpha"}), "symbol 'a'"),
        (lambda d: d["symbols"].update({"&": "dan serta"}), "not one lower-case word"),
        (lambda d: d["spelling_variants"].append(["gizi"]), "two forms or more"),
        (lambda d: d.update(particle_suffixes=[]), "'particle_suffixes'"),
    ],
)
def test_broken_checking_words_name_file_and_key(lexicon_dir, change, message):
    _edit(lexicon_dir / CHECKING, change)
    with pytest.raises(LexiconError) as err:
        load_checking_words(lexicon_dir)
    assert CHECKING in str(err.value) and message in str(err.value)
    # the unbroken copy loads
    assert (
        "tidak"
        in load_checking_words(resources.files("service.extraction") / "lexicons").negation_groups
    )
