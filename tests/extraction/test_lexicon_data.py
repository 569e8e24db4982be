"""The rule lexicons are valid data, and a broken file fails loudly with its name."""

import ast
import json
import re
from importlib import resources
from pathlib import Path

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

CHECKING = "checking.json"


def test_every_lexicon_loads():
    lex = lexicon()
    assert {"menurut", "kata"} <= lex.narrative_cues and "pesan" not in lex.narrative_cues
    assert lex.passive_prefix == "di" and "yang" in lex.phrase_stops
    assert lex.timezones[lex.default_timezone] == "+07:00"
    assert lex.nickname_after_name.match(", yang akrab disapa Kang Asep").group(1) == "Kang Asep"
    assert lex.derived_noun.match("perlindungan") and not lex.derived_noun.match("perdana")
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
    for entry in src.iterdir():
        if entry.name.endswith(".json"):
            (tmp_path / entry.name).write_text(entry.read_text("utf-8"), "utf-8")
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
        ("speech_verbs.json", lambda d: d["verbs"][0].update(narrative="ya"), "'narrative'"),
        ("speech_verbs.json", lambda d: d.pop("according_anywhere"), "'according_anywhere'"),
        ("calendar.json", lambda d: d.update(default_timezone="cet"), "'default_timezone'"),
        ("grammar.json", lambda d: d.pop("phrase_stops"), "'phrase_stops'"),
        ("grammar.json", lambda d: d.update(demonstratives=[]), "'demonstratives'"),
        ("people.json", lambda d: d["bound_prefixes"].update(anak=[]), "'bound_prefixes'"),
        ("people.json", lambda d: d.pop("nickname_verbs"), "'nickname_verbs'"),
        ("people.json", lambda d: d.pop("numeral_prefixes"), "'numeral_prefixes'"),
        ("morphology.json", lambda d: d.update(passive_prefix=""), "'passive_prefix'"),
        ("morphology.json", lambda d: d["derived_noun"].pop("suffix"), "'derived_noun.suffix'"),
        (
            "morphology.json",
            lambda d: d["derived_noun"].update(min_stem=0),
            "'derived_noun.min_stem'",
        ),
        ("spelling.json", lambda d: d["variants"].append(["oe"]), "variant"),
        ("titles.json", lambda d: d.pop("region_heads"), "'region_heads'"),
        ("outlets.json", lambda d: d.pop("via_descriptors"), "'via_descriptors'"),
        ("morphology.json", lambda d: d["active_prefix"].update(ng="meng"), "'active_prefix'"),
        ("morphology.json", lambda d: d["active_prefix"].update(t="me-n"), "'active_prefix'"),
        ("morphology.json", lambda d: d.pop("headline_verbs"), "'headline_verbs'"),
        ("people.json", lambda d: d.update(person_nouns=["pria", 3]), "'person_nouns'"),
        ("social.json", lambda d: d.pop("post_words"), "'post_words'"),
        ("grammar.json", lambda d: d.update(through_means=[]), "'through_means'"),
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


# The rules' code holds logic only: every word of the language lives in lexicons/*.json.
# A string literal in service/extraction/*.py (docstrings and error messages aside) may
# hold only these technical words, the lexicons' own keys, and single letters.
TECHNICAL_WORDS = frozenset(
    """according active aliases article at attributed attribution authors base below by co com
    continuation cue description double end extract extraction handle id in introducing is
    json kind last lexicons long net org organization own paragraph person published
    publisher py role same sentence service single speaker speech start text title
    unattributed utf verb word za""".split()
)


# Objects inside a lexicon file whose keys are field names of the schema; every other
# nested object is data that maps words of the language ("months", "outlets",
# "bound_prefixes"...), and its keys are no technical words.
SCHEMA_OBJECTS = frozenset({"derived_noun"})


def _lexicon_keys() -> set[str]:
    """The schema's keys: each lexicon file's own keys, those of its objects that are
    records (`SCHEMA_OBJECTS`, the entries of a list) and the words of each
    (`name_prefixes`: name, prefixes); not the keys of a data map."""
    keys: set[str] = set()
    directory = resources.files("service.extraction").joinpath("lexicons")

    def fields(record):
        for key, value in record.items():
            keys.update({key.lower(), *key.lower().split("_")})
            if isinstance(value, dict) and key in SCHEMA_OBJECTS:
                fields(value)
            elif isinstance(value, list):
                for item in value:
                    if isinstance(item, dict):
                        fields(item)  # a list of records ("verbs")

    for entry in directory.iterdir():
        if entry.name.endswith(".json"):
            keys.update(entry.name[: -len(".json")].split("_"))
            fields(json.loads(entry.read_text("utf-8")))
    return keys


def test_data_map_keys_are_no_technical_words():
    keys = _lexicon_keys()
    assert {"months", "phrase", "stops", "derived", "suffix", "base", "nya"} <= keys
    assert not {"januari", "wib", "kompas", "anak", "wapres"} & keys


def _code_strings(path):
    """(line, string) of each string literal in `path` that is neither a docstring, nor
    part of a `raise` statement (its message) or of a `__repr__`, nor a name in
    `__slots__` or `__all__`."""
    tree = ast.parse(path.read_text("utf-8"))
    skipped = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id in ("__slots__", "__all__") for t in node.targets
        ):
            skipped.update(id(sub) for sub in ast.walk(node.value))
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                skipped.add(id(first.value))
        if isinstance(node, ast.Raise) or (
            isinstance(node, ast.FunctionDef) and node.name == "__repr__"
        ):
            skipped.update(id(sub) for sub in ast.walk(node))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) not in skipped:
                yield node.lineno, node.value


def _words_in_code(root) -> list[str]:
    allowed = TECHNICAL_WORDS | _lexicon_keys()
    found = []
    for path in sorted(root.glob("*.py")):
        for line, value in _code_strings(path):
            for word in re.findall(r"[A-Za-z]{2,}", value):
                if word.lower() not in allowed:
                    found.append(f"{path.name}:{line}: {word!r}")
    return found


def test_no_word_of_the_language_in_the_rules_code():
    root = Path(resources.files("service.extraction"))
    assert _words_in_code(root) == []


@pytest.mark.parametrize(
    ("code", "caught"),
    [
        ('STOPS = frozenset({"pada", "di"})\n', ["'pada'", "'di'"]),
        ('if tok.lower == "menurut":\n    pass\n', ["'menurut'"]),
        ('NICK = re.compile(r"\\b(?:disapa|alias)\\s+(\\w+)")\n', ["'disapa'", "'alias'"]),
        ('kind = "person"\n', []),  # a technical value
        # a data map's key is a word of the language, not a technical one
        ('if low in ("januari", "wib"):\n    pass\n', ["'januari'", "'wib'"]),
        ('DEFAULT = "months"\n', []),  # a schema key
        ('def f():\n    """Menurut X: a docstring may quote the language."""\n', []),
        ("raise ValueError(\"lexicon titles.json: 'roles' is empty\")\n", []),
    ],
)
def test_the_word_check_catches_words_written_into_code(tmp_path, code, caught):
    (tmp_path / "rules.py").write_text(code, "utf-8")
    found = _words_in_code(tmp_path)
    assert [entry.split(": ", 1)[1] for entry in found] == caught


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
