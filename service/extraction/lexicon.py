"""Load the rule lexicons shipped as package data, once, and check their shape.

Every file in `lexicons/` is JSON. A key starting with `_` is documentation. A file
that is missing a key, or has a value of the wrong type, raises `LexiconError`
naming the file and the key, so a bad edit fails at start-up and not mid-request.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.abc import Traversable


class LexiconError(ValueError):
    """A lexicon file is missing, is not valid JSON, or has the wrong shape."""


def _lexicon_dir() -> Traversable:
    """Where the lexicon files are: the package's `lexicons/` folder."""
    return resources.files("service.extraction").joinpath("lexicons")


def _load(directory: Traversable, name: str) -> dict:
    try:
        raw = directory.joinpath(name).read_text("utf-8")
    except FileNotFoundError as exc:
        raise LexiconError(f"lexicon {name}: file missing from the package") from exc
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise LexiconError(f"lexicon {name}: invalid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise LexiconError(f"lexicon {name}: top level must be an object")
    return data


def _strings(data: dict, file: str, key: str) -> list[str]:
    value = data.get(key)
    if not isinstance(value, list) or not value:
        raise LexiconError(f"lexicon {file}: '{key}' must be a non-empty list of strings")
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise LexiconError(f"lexicon {file}: '{key}' has a non-string or empty entry {item!r}")
    return value


def _mapping(data: dict, file: str, key: str, kind: type) -> dict:
    value = data.get(key)
    if not isinstance(value, dict) or not value:
        raise LexiconError(f"lexicon {file}: '{key}' must be a non-empty object")
    for k, v in value.items():
        if not isinstance(k, str) or not isinstance(v, kind):
            raise LexiconError(f"lexicon {file}: '{key}' entry {k!r} must map to {kind.__name__}")
    return value


def _lower_set(items: list[str]) -> frozenset[str]:
    return frozenset(i.lower() for i in items)


@dataclass(frozen=True)
class Lexicon:
    """All rule data, folded to lower case where matching is case-insensitive."""

    post_cues: dict[str, str]  # bare form -> itself ("kata")
    nya_cues: dict[str, str]  # pronoun form -> bare form ("katanya" -> "kata")
    active_verbs: frozenset[str]  # "mengatakan", "menegaskan", ...
    cue_phrases: tuple[tuple[str, ...], ...]  # ("bunyi", "pernyataan"), longest first
    pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    according: frozenset[str]
    honorifics: frozenset[str]
    rank_qualifiers: frozenset[str]  # "Pol" in "Kombes Pol X": dropped after a rank
    degrees: frozenset[str]
    roles: frozenset[str]  # single- and multi-word, lower case
    role_max_words: int
    organisations: frozenset[str]
    fields: frozenset[str]  # "sosial" in Menteri Sosial: never a name word
    org_max_words: int
    places: frozenset[str]
    place_max_words: int
    connectors: frozenset[str]
    name_prefixes: frozenset[str]
    place_heads: frozenset[str]
    name_starters: frozenset[str]
    name_introducers: frozenset[str]  # "bernama": the name after it is a person's
    role_short_forms: dict[str, str]
    jurisdiction_roles: frozenset[str]
    outlets: dict[str, str]  # lower-case written form -> reported name
    outlet_max_words: int
    via_phrases: tuple[tuple[str, ...], ...]
    via_first_words: frozenset[str]
    carry_phrases: frozenset[tuple[str, ...]]
    skip_prefixes: tuple[str, ...]
    skip_prefixes_by_first: dict[str, tuple[str, ...]]  # the same, by first character
    skip_prefix_max: int  # longest skip prefix
    end_markers: frozenset[str]
    end_marker_max: int  # longest end marker
    credit_markers: tuple[str, ...]
    months: dict[str, int]
    days: frozenset[str]
    timezones: dict[str, str]
    relative_times: frozenset[str]


def _with_undotted(items: list[str]) -> frozenset[str]:
    """Honorifics as written with and without their dot (Prof. and Prof)."""
    return frozenset(items) | frozenset(i.rstrip(".") for i in items if len(i.rstrip(".")) > 1)


def _max_words(items) -> int:
    return max(len(i.split()) for i in items)


@cache
def lexicon() -> Lexicon:
    """The package's lexicons, loaded and validated once per process."""
    return load_lexicon(_lexicon_dir())


def load_lexicon(directory: Traversable) -> Lexicon:
    """Load and validate every lexicon file in `directory` (see `lexicon`)."""
    sv = _load(directory, "speech_verbs.json")
    verbs = sv.get("verbs")
    if not isinstance(verbs, list) or not verbs:
        raise LexiconError("lexicon speech_verbs.json: 'verbs' must be a non-empty list")
    post, nya, active = {}, {}, set()
    for i, entry in enumerate(verbs):
        if not isinstance(entry, dict) or not isinstance(entry.get("base"), str):
            raise LexiconError(f"lexicon speech_verbs.json: verbs[{i}] needs a string 'base'")
        if not isinstance(entry.get("nya"), str) or not entry["nya"].endswith("nya"):
            raise LexiconError(f"lexicon speech_verbs.json: verbs[{i}] 'nya' must end in -nya")
        if not isinstance(entry.get("active"), list):
            raise LexiconError(f"lexicon speech_verbs.json: verbs[{i}] 'active' must be a list")
        base = entry["base"].lower()
        post[base] = base
        nya[entry["nya"].lower()] = base
        for form in (a.lower() for a in entry["active"]):
            # A passive form (dikatakan) has its speaker after it, like a bare cue.
            if form.startswith("di"):
                post[form] = base
            else:
                active.add(form)
    active.update(
        a.lower()
        for a in _strings(sv, "speech_verbs.json", "other_active")
        if not a.startswith("di")
    )
    for form in _strings(sv, "speech_verbs.json", "passives"):
        post[form.lower()] = form.lower()
    phrases = sorted(
        (tuple(p.lower().split()) for p in _strings(sv, "speech_verbs.json", "phrases")),
        key=len,
        reverse=True,
    )

    ti = _load(directory, "titles.json")
    roles = _lower_set(_strings(ti, "titles.json", "roles"))
    orgs = _lower_set(_strings(ti, "titles.json", "organisations"))
    places = _lower_set(_strings(ti, "titles.json", "places"))

    ou = _load(directory, "outlets.json")
    outlets = {}
    for name, forms in _mapping(ou, "outlets.json", "outlets", list).items():
        for form in [name, *forms]:
            if not isinstance(form, str):
                raise LexiconError(f"lexicon outlets.json: outlet {name!r} has a non-string form")
            outlets[form.lower()] = name
    via = sorted(
        (tuple(p.lower().split()) for p in _strings(ou, "outlets.json", "via_phrases")),
        key=len,
        reverse=True,
    )
    carry = frozenset(
        tuple(p.lower().split()) for p in _strings(ou, "outlets.json", "carry_phrases")
    )

    bp = _load(directory, "boilerplate.json")
    cal = _load(directory, "calendar.json")
    months = _mapping(cal, "calendar.json", "months", int)
    for k, v in months.items():
        if not 1 <= v <= 12:
            raise LexiconError(f"lexicon calendar.json: month {k!r} maps to {v}, not 1-12")
    zones = _mapping(cal, "calendar.json", "timezones", str)

    skip = tuple(p.lower() for p in _strings(bp, "boilerplate.json", "skip_prefixes"))
    ends = _lower_set(_strings(bp, "boilerplate.json", "end_markers"))
    return Lexicon(
        post_cues=post,
        nya_cues=nya,
        active_verbs=frozenset(active),
        cue_phrases=tuple(phrases),
        pronouns=_lower_set(_strings(sv, "speech_verbs.json", "pronouns")),
        plural_pronouns=_lower_set(_strings(sv, "speech_verbs.json", "plural_pronouns")),
        according=_lower_set(_strings(sv, "speech_verbs.json", "according")),
        honorifics=_with_undotted(_strings(ti, "titles.json", "honorifics")),
        rank_qualifiers=_lower_set(_strings(ti, "titles.json", "rank_qualifiers")),
        degrees=frozenset(_strings(ti, "titles.json", "degrees")),
        roles=roles,
        role_max_words=_max_words(roles),
        organisations=orgs,
        fields=_lower_set(_strings(ti, "titles.json", "fields")),
        org_max_words=_max_words(orgs),
        places=places,
        place_max_words=_max_words(places),
        connectors=_lower_set(_strings(ti, "titles.json", "connectors")),
        name_prefixes=_lower_set(_strings(ti, "titles.json", "name_prefixes")),
        place_heads=_lower_set(_strings(ti, "titles.json", "place_heads")),
        name_starters=_lower_set(_strings(ti, "titles.json", "name_starters")),
        name_introducers=_lower_set(_strings(ti, "titles.json", "name_introducers")),
        jurisdiction_roles=_lower_set(_strings(ti, "titles.json", "jurisdiction_roles")),
        role_short_forms={
            k.lower(): v.lower()
            for k, v in _mapping(ti, "titles.json", "role_short_forms", str).items()
        },
        outlets=outlets,
        outlet_max_words=_max_words(outlets),
        via_phrases=tuple(via),
        via_first_words=frozenset(p[0] for p in via),
        carry_phrases=carry,
        skip_prefixes=skip,
        skip_prefixes_by_first={
            c: tuple(p for p in skip if p[0] == c) for c in {p[0] for p in skip}
        },
        skip_prefix_max=max(len(p) for p in skip),
        end_markers=ends,
        end_marker_max=max(len(m) for m in ends),
        credit_markers=tuple(p.lower() for p in _strings(bp, "boilerplate.json", "credit_markers")),
        months={k.lower(): v for k, v in months.items()},
        days=_lower_set(_strings(cal, "calendar.json", "days")),
        timezones={k.lower(): v for k, v in zones.items()},
        relative_times=_lower_set(_strings(cal, "calendar.json", "relative")),
    )


@cache
def common_words() -> frozenset[str]:
    """Function words that are never part of a name (common_words.json)."""
    return load_common_words(_lexicon_dir())


def load_common_words(directory: Traversable) -> frozenset[str]:
    name = "common_words.json"
    return _lower_set(_strings(_load(directory, name), name, "words"))


@dataclass(frozen=True)
class CheckingWords:
    """The words quote checking weighs (checking.json): whether a claim that differs from
    a stored quote changed what it says."""

    negation_groups: dict[str, int]  # form -> its group: forms of one group mean the same
    fillers: frozenset[str]
    particle_suffixes: tuple[str, ...]  # longest first
    particle_exceptions: frozenset[str]
    numbers: frozenset[str]
    symbols: dict[str, str]  # a symbol -> the word it is read as
    variants: dict[str, int]  # form -> its set of spelling variants


_ONE_WORD = re.compile(r"[^\W_]+")


def _folded_words(data: dict, file: str, key: str) -> list[str]:
    """A non-empty list of single lower-case words, as the compared texts are folded."""
    items = _strings(data, file, key)
    for item in items:
        if not _ONE_WORD.fullmatch(item) or item != item.lower():
            raise LexiconError(f"lexicon {file}: '{key}' entry {item!r} is not one lower-case word")
    return items


def _word_groups(data: dict, file: str, key: str) -> dict[str, int]:
    """A list of groups of words (each a list of two words or more, no word in two
    groups, for variants; one or more for negations) as word -> group number."""
    value = data.get(key)
    if not isinstance(value, list) or not value:
        raise LexiconError(f"lexicon {file}: '{key}' must be a non-empty list of lists")
    groups: dict[str, int] = {}
    for number, group in enumerate(value):
        words = _folded_words({key: group}, file, key) if isinstance(group, list) else None
        if words is None:
            raise LexiconError(f"lexicon {file}: '{key}'[{number}] must be a list of words")
        for word in words:
            if groups.get(word, number) != number:
                raise LexiconError(f"lexicon {file}: '{key}' has {word!r} in two groups")
            groups[word] = number
    return groups


@cache
def checking_words() -> CheckingWords:
    """The words quote checking weighs (checking.json), loaded and validated once."""
    return load_checking_words(_lexicon_dir())


def load_checking_words(directory: Traversable) -> CheckingWords:
    name = "checking.json"
    data = _load(directory, name)
    negations = _word_groups(data, name, "negations")
    variants = _word_groups(data, name, "spelling_variants")
    if any(len(set(g)) < 2 for g in data["spelling_variants"]):
        raise LexiconError(f"lexicon {name}: 'spelling_variants' sets need two forms or more")
    fillers = frozenset(_folded_words(data, name, "fillers"))
    numbers = frozenset(_folded_words(data, name, "numbers"))
    for key, words in (("fillers", fillers), ("numbers", numbers)):
        both = [word for word in sorted(words) if word in negations]
        if both:
            raise LexiconError(f"lexicon {name}: {both[0]!r} is in '{key}' and 'negations'")
    both = [word for word in sorted(fillers) if word in numbers]
    if both:
        raise LexiconError(f"lexicon {name}: {both[0]!r} is in 'fillers' and 'numbers'")
    symbols = _mapping(data, name, "symbols", str)
    for symbol, word in symbols.items():
        if len(symbol) != 1 or _ONE_WORD.fullmatch(symbol) or not symbol.strip():
            raise LexiconError(f"lexicon {name}: symbol {symbol!r} must be one non-word character")
        _folded_words({"symbols": [word]}, name, "symbols")
    return CheckingWords(
        negation_groups=negations,
        fillers=fillers,
        particle_suffixes=tuple(
            sorted(_folded_words(data, name, "particle_suffixes"), key=len, reverse=True)
        ),
        particle_exceptions=frozenset(_folded_words(data, name, "particle_exceptions")),
        numbers=numbers,
        symbols=dict(symbols),
        variants=variants,
    )
