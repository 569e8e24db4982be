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


def _get(data: dict, key: str) -> object:
    """`data[key]`, where a dotted key ("derived_noun.prefixes") reads a nested object;
    None when any part is missing."""
    value: object = data
    for part in key.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _strings(data: dict, file: str, key: str) -> list[str]:
    value = _get(data, key)
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


def _active_prefix(data: dict) -> dict[str, tuple[str, bool]]:
    """morphology.json's active prefix by a stem's first letter: "t": "men-" is
    ("men", True), the letter dropped."""
    forms = _mapping(data, "morphology.json", "active_prefix", str)
    out: dict[str, tuple[str, bool]] = {}
    for letter, prefix in forms.items():
        if len(letter) != 1 or not letter.isalpha() or not prefix.rstrip("-").isalpha():
            raise LexiconError(
                f"lexicon morphology.json: 'active_prefix' maps one letter to a prefix, "
                f"not {letter!r} to {prefix!r}"
            )
        out[letter.lower()] = (prefix.rstrip("-").lower(), prefix.endswith("-"))
    return out


def _string(data: dict, file: str, key: str) -> str:
    value = _get(data, key)
    if not isinstance(value, str) or not value.strip():
        raise LexiconError(f"lexicon {file}: '{key}' must be a non-empty string")
    return value


def _integer(data: dict, file: str, key: str) -> int:
    value = _get(data, key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise LexiconError(f"lexicon {file}: '{key}' must be a positive integer")
    return value


def _lower_set(items: list[str]) -> frozenset[str]:
    return frozenset(i.lower() for i in items)


def _phrases(items: list[str]) -> tuple[tuple[str, ...], ...]:
    """Phrases as word tuples, lower case, in the order given."""
    return tuple(tuple(i.lower().split()) for i in items)


def _alternation(items) -> str:
    """A regex alternation of words or phrases (longest first; a space matches any run
    of white space)."""
    ordered = sorted({i.lower() for i in items}, key=lambda i: (-len(i), i))
    return "|".join(r"\s+".join(re.escape(w) for w in i.split()) for i in ordered)


def _either_case(word: str) -> str:
    """A word as a regex matching it capitalised too (Seorang, seorang)."""
    return f"[{word[0].upper()}{word[0].lower()}]{re.escape(word[1:])}"


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
    source_heads: frozenset[str]  # "dari": a place after it, or a person's full name
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
    photo_credits: tuple[str, ...]  # "foto:": the line before is a caption
    months: dict[str, int]
    days: frozenset[str]
    timezones: dict[str, str]
    default_timezone: str  # a key of `timezones`
    relative_times: frozenset[str]
    # calendar.json, beyond the above
    local_days: frozenset[str]  # Indonesian day names only: never part of a name
    # speech_verbs.json, beyond the above
    according_anywhere: frozenset[str]  # "menurut": names the speaker anywhere in a clause
    narrative_cues: frozenset[str]  # bare cues that are never nouns, and `according_anywhere`
    # titles.json, beyond the above
    region_heads: frozenset[str]
    place_bodies: frozenset[str]
    regional_qualifiers: frozenset[str]
    place_head_titles: frozenset[str]  # "wali kota": the word after it may be a name
    # outlets.json, beyond the above
    via_descriptors: frozenset[str]
    # grammar.json
    phrase_stops: frozenset[str]
    leading_time: frozenset[str]
    appositive: frozenset[str]
    time_words: frozenset[str]
    demonstratives: frozenset[str]
    list_and: frozenset[str]
    adverbs: frozenset[str]
    clause_words: frozenset[str]
    aside_openers: frozenset[str]
    apposition_openers: frozenset[str]
    relatives: frozenset[str]
    origin: frozenset[str]
    summary_openers: frozenset[str]
    pointers: frozenset[str]  # "sang": a description of someone named before
    agent_markers: frozenset[str]  # "oleh": the doer after a passive verb
    through: frozenset[str]  # "melalui": X speaking through Y
    through_means: frozenset[str]  # "zoom": what one speaks through that is no person
    manner: frozenset[str]  # "dengan": "X ... dengan berkata", the speaker opens the sentence
    abbreviations: frozenset[str]  # "jl": a dot after it ends no sentence
    pointing_back: tuple[tuple[str, ...], ...]
    # people.json
    not_speaking: frozenset[str]
    person_nouns: frozenset[str]  # "pria": a description of one points back at a person
    name_particles: frozenset[str]
    titles_in_names: frozenset[str]  # "tuan": a name word between two words of a name
    bound_prefixes: dict[str, frozenset[str]]  # "anak" opens a name only before "agung"
    numeral_prefixes: frozenset[str]  # "i": "Wakil Rektor I" numbers the role
    nickname_words: frozenset[str]  # the first words of the nickname verbs
    nickname_after_noun_words: frozenset[str]
    # morphology.json
    passive_prefix: str  # "di": disampaikan X
    pronoun_clitic: str  # "nya": katanya
    verb_prefixes: tuple[str, ...]  # "ber", "me": a headline word starting so is a verb
    headline_verbs: frozenset[str]  # "tanggapi": a headline's bare verb
    # a stem's first letter -> (the active prefix before it, whether it drops the letter)
    active_prefix: dict[str, tuple[str, bool]]
    body_short_prefixes: tuple[str, ...]
    noun_min_length: int  # derived and loan nouns are told only in words this long
    # social.json
    account_words: frozenset[str]  # "akun"
    post_words: frozenset[str]  # "unggahan": what an account posts
    platforms: frozenset[str]  # "twitter", "media sosial"
    platform_max_words: int
    account_qualifiers: frozenset[str]  # "resmi"
    # spelling.json: [written, folded to] pairs, applied in order
    spelling_variants: tuple[tuple[str, str], ...]
    # Patterns built from the words above (compiled once, here)
    nickname_after_name: re.Pattern[str]  # ", yang akrab disapa Kang Asep" (group 1)
    nickname_given: re.Pattern[str]  # "disapa Kang Asep" anywhere (group 1)
    nickname_after_noun: re.Pattern[str]  # "pria yang akrab disapa Ejak itu" (noun, nick)
    nickname_markers: re.Pattern[str]  # a word that says a nickname follows
    nickname_alternative: re.Pattern[str]  # "atau"
    nickname_alternatives: frozenset[str]  # the same words
    demonstrative_after: re.Pattern[str]  # " itu" right after a match
    new_person_before: re.Pattern[str]  # "seorang warga " before a nickname
    indefinite_noun: re.Pattern[str]  # "seorang ibu-ibu": group 1 the noun
    someone_new: re.Pattern[str]  # "seorang", "salah seorang": a person not named
    age_after: re.Pattern[str]  # " (45 tahun)" right after a name
    head_before: re.Pattern[str]  # "korban bernama " before a name (group 1: the head)
    derived_noun: re.Pattern[str]
    loan_noun: re.Pattern[str]
    body_short: re.Pattern[str]
    author_line: re.Pattern[str]  # "Penulis: X | Editor: Y" (group 1: the author)
    writer_credit: re.Pattern[str]  # "X Verified Writer Y" (group 2: the writer)
    named_date: re.Pattern[str]  # "17 SEPTEMBER 2021 | 14:05 WIB"
    numeric_date: re.Pattern[str]  # "03/05/2023, 09:15 WIB"


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
    mo = _load(directory, "morphology.json")
    passive = _string(mo, "morphology.json", "passive_prefix").lower()
    clitic = _string(mo, "morphology.json", "pronoun_clitic").lower()
    sv = _load(directory, "speech_verbs.json")
    verbs = sv.get("verbs")
    if not isinstance(verbs, list) or not verbs:
        raise LexiconError("lexicon speech_verbs.json: 'verbs' must be a non-empty list")
    post, nya, active, narrative = {}, {}, set(), set()
    for i, entry in enumerate(verbs):
        if not isinstance(entry, dict) or not isinstance(entry.get("base"), str):
            raise LexiconError(f"lexicon speech_verbs.json: verbs[{i}] needs a string 'base'")
        if not isinstance(entry.get("nya"), str) or not entry["nya"].lower().endswith(clitic):
            raise LexiconError(f"lexicon speech_verbs.json: verbs[{i}] 'nya' must end in -{clitic}")
        if not isinstance(entry.get("narrative", False), bool):
            raise LexiconError(
                f"lexicon speech_verbs.json: verbs[{i}] 'narrative' must be true or false"
            )
        if not isinstance(entry.get("active"), list):
            raise LexiconError(f"lexicon speech_verbs.json: verbs[{i}] 'active' must be a list")
        base = entry["base"].lower()
        post[base] = base
        nya[entry["nya"].lower()] = base
        if entry.get("narrative", False):
            narrative.add(base)
        for form in (a.lower() for a in entry["active"]):
            # A passive form (dikatakan) has its speaker after it, like a bare cue.
            if form.startswith(passive):
                post[form] = base
            else:
                active.add(form)
    active.update(
        a.lower()
        for a in _strings(sv, "speech_verbs.json", "other_active")
        if not a.lower().startswith(passive)
    )
    according_anywhere = _lower_set(_strings(sv, "speech_verbs.json", "according_anywhere"))
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
    zones = {k.lower(): v for k, v in _mapping(cal, "calendar.json", "timezones", str).items()}
    default_zone = _string(cal, "calendar.json", "default_timezone").lower()
    if default_zone not in zones:
        raise LexiconError(
            f"lexicon calendar.json: 'default_timezone' {default_zone!r} is not in 'timezones'"
        )

    skip = tuple(p.lower() for p in _strings(bp, "boilerplate.json", "skip_prefixes"))
    ends = _lower_set(_strings(bp, "boilerplate.json", "end_markers"))
    clock = _alternation(_strings(cal, "calendar.json", "clock_words"))
    authors = _alternation(_strings(bp, "boilerplate.json", "author_labels"))
    editors = _alternation(_strings(bp, "boilerplate.json", "editor_labels"))
    writers = _alternation(_strings(bp, "boilerplate.json", "writer_credits"))

    gr = _load(directory, "grammar.json")

    def words(key: str) -> frozenset[str]:
        return _lower_set(_strings(gr, "grammar.json", key))

    pe = _load(directory, "people.json")
    bound = _mapping(pe, "people.json", "bound_prefixes", list)
    for prefix, followers in bound.items():
        if not followers or not all(isinstance(f, str) and f.strip() for f in followers):
            raise LexiconError(
                f"lexicon people.json: 'bound_prefixes' entry {prefix!r} must list words"
            )
    introducers = _strings(ti, "titles.json", "name_introducers")
    ages = _alternation(_strings(pe, "people.json", "age_units"))
    nick_verbs = _strings(pe, "people.json", "nickname_verbs")
    nick_nouns = _alternation(_strings(pe, "people.json", "nickname_nouns"))
    nick_openers = _alternation(_strings(pe, "people.json", "nickname_openers"))
    nick_qualifiers = _alternation(_strings(pe, "people.json", "nickname_qualifiers"))
    nick_habits = _alternation(_strings(pe, "people.json", "nickname_habits"))
    after_noun_verbs = _strings(pe, "people.json", "nickname_after_noun_verbs")
    alternative = _alternation(_strings(pe, "people.json", "nickname_alternative"))
    demonstratives = _alternation(_strings(gr, "grammar.json", "demonstratives"))
    relatives = _alternation(_strings(gr, "grammar.json", "relatives"))
    # A nickname: one to three capitalised words.
    nickname = r"((?:[A-Z][\w'’-]*)(?:\s+[A-Z][\w'’-]*){0,2})"
    verbs_ = _alternation(nick_verbs)
    new_person = "|".join(
        r"\s+".join([_either_case(p.split()[0]), *map(re.escape, p.split()[1:])])
        for p in sorted(_strings(gr, "grammar.json", "new_person"), key=len, reverse=True)
    )

    derived_prefixes = _alternation(_strings(mo, "morphology.json", "derived_noun.prefixes"))
    derived_suffix = re.escape(_string(mo, "morphology.json", "derived_noun.suffix"))
    min_stem = _integer(mo, "morphology.json", "derived_noun.min_stem")
    loan = _alternation(_strings(mo, "morphology.json", "loan_noun_suffixes"))
    body_short = tuple(p.lower() for p in _strings(mo, "morphology.json", "body_short_prefixes"))

    so = _load(directory, "social.json")
    platforms = _lower_set(_strings(so, "social.json", "platforms"))
    sp = _load(directory, "spelling.json")
    variants = sp.get("variants")
    if not isinstance(variants, list) or not variants:
        raise LexiconError("lexicon spelling.json: 'variants' must be a non-empty list")
    for pair in variants:
        if not (
            isinstance(pair, list)
            and len(pair) == 2
            and all(isinstance(x, str) and x for x in pair)
        ):
            raise LexiconError(f"lexicon spelling.json: variant {pair!r} must be two strings")
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
        source_heads=_lower_set(_strings(ti, "titles.json", "source_heads")),
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
        photo_credits=tuple(p.lower() for p in _strings(bp, "boilerplate.json", "photo_credits")),
        months={k.lower(): v for k, v in months.items()},
        days=_lower_set(_strings(cal, "calendar.json", "days"))
        | _lower_set(_strings(cal, "calendar.json", "days_other")),
        timezones=zones,
        default_timezone=default_zone,
        relative_times=_lower_set(_strings(cal, "calendar.json", "relative")),
        local_days=_lower_set(_strings(cal, "calendar.json", "days")),
        according_anywhere=according_anywhere,
        narrative_cues=frozenset(narrative) | according_anywhere,
        region_heads=_lower_set(_strings(ti, "titles.json", "region_heads")),
        place_bodies=_lower_set(_strings(ti, "titles.json", "place_bodies")),
        regional_qualifiers=_lower_set(_strings(ti, "titles.json", "regional_qualifiers")),
        place_head_titles=_lower_set(_strings(ti, "titles.json", "place_head_titles")),
        via_descriptors=_lower_set(_strings(ou, "outlets.json", "via_descriptors")),
        phrase_stops=words("phrase_stops"),
        leading_time=words("leading_time"),
        appositive=words("appositive"),
        time_words=words("time_words"),
        demonstratives=words("demonstratives"),
        list_and=words("list_and"),
        adverbs=words("adverbs"),
        clause_words=words("clause_words"),
        aside_openers=words("aside_openers"),
        apposition_openers=words("apposition_openers"),
        relatives=words("relatives"),
        origin=words("origin"),
        summary_openers=words("summary_openers"),
        pointers=words("pointers"),
        agent_markers=words("agent_markers"),
        through=words("through"),
        through_means=words("through_means"),
        manner=words("manner"),
        abbreviations=words("abbreviations"),
        pointing_back=_phrases(_strings(gr, "grammar.json", "pointing_back")),
        not_speaking=_lower_set(_strings(pe, "people.json", "not_speaking")),
        person_nouns=_lower_set(_strings(pe, "people.json", "person_nouns")),
        name_particles=_lower_set(_strings(pe, "people.json", "name_particles")),
        titles_in_names=_lower_set(_strings(pe, "people.json", "titles_in_names")),
        bound_prefixes={k.lower(): _lower_set(v) for k, v in bound.items()},
        numeral_prefixes=_lower_set(_strings(pe, "people.json", "numeral_prefixes")),
        nickname_words=frozenset(v.lower().split()[0] for v in nick_verbs),
        nickname_after_noun_words=_lower_set(after_noun_verbs),
        passive_prefix=passive,
        pronoun_clitic=clitic,
        verb_prefixes=tuple(p.lower() for p in _strings(mo, "morphology.json", "verb_prefixes")),
        active_prefix=_active_prefix(mo),
        headline_verbs=_lower_set(_strings(mo, "morphology.json", "headline_verbs")),
        body_short_prefixes=body_short,
        noun_min_length=_integer(mo, "morphology.json", "derived_noun.min_length"),
        spelling_variants=tuple((a, b) for a, b in variants),
        account_words=_lower_set(_strings(so, "social.json", "account_words")),
        post_words=_lower_set(_strings(so, "social.json", "post_words")),
        platforms=platforms,
        platform_max_words=_max_words(platforms),
        account_qualifiers=_lower_set(_strings(so, "social.json", "account_qualifiers")),
        nickname_after_name=re.compile(
            rf"(?:,|\s*[—–])?\s+(?:(?:{nick_openers})\s+)*(?:(?:{nick_qualifiers})\s+)?"
            rf"(?:{verbs_})\s+(?:(?:{nick_nouns})\s+)?{nickname}"
        ),
        nickname_given=re.compile(rf"\b(?:{verbs_})\s+(?:(?:{nick_nouns})\s+)?{nickname}"),
        nickname_after_noun=re.compile(
            rf"\b(\w+)\s+(?:{relatives})\s+(?:{nick_habits})\s+(?:{_alternation(after_noun_verbs)})\s+"
            rf"{nickname}\s+(?:{demonstratives})\b"
        ),
        nickname_markers=re.compile(
            rf"\b(?:{_alternation(_strings(pe, 'people.json', 'nickname_markers'))})\b"
        ),
        nickname_alternative=re.compile(rf"\b(?:{alternative})\b"),
        nickname_alternatives=_lower_set(_strings(pe, "people.json", "nickname_alternative")),
        demonstrative_after=re.compile(rf"\s+(?:{demonstratives})\b"),
        new_person_before=re.compile(rf"\b(?:{new_person})(?:\s+\w+){{0,3}}\s+$"),
        indefinite_noun=re.compile(rf"\b(?:{new_person})\s+(\w+(?:-\w+)*)"),
        someone_new=re.compile(
            r"\b(?:"
            + "|".join(
                r"\s+".join([_either_case(p.split()[0]), *map(re.escape, p.split()[1:])])
                for p in sorted(
                    _strings(gr, "grammar.json", "person_indefinites"), key=len, reverse=True
                )
            )
            + r")\s+\w"
        ),
        age_after=re.compile(rf"\s*\(\s*\d{{1,3}}(?:\s*(?:{ages}))?\s*\)"),
        head_before=re.compile(rf"(\w+)(?:\s+(?:{_alternation(introducers)})|\s*,)?\s+$"),
        derived_noun=re.compile(rf"^(?:{derived_prefixes})[a-z]{{{min_stem},}}{derived_suffix}$"),
        loan_noun=re.compile(rf"^[a-z]{{3,}}(?:{loan})$"),
        body_short=re.compile("^(?:" + "|".join(map(re.escape, body_short)) + ")[a-z]*$"),
        author_line=re.compile(
            rf"(?:^|\|\s*|\b)(?:{authors})\s*:\s*([^|/\n]+?)\s*(?:$|\||/|\b(?:{editors})\b)",
            re.IGNORECASE,
        ),
        writer_credit=re.compile(rf"^(.+?)\s+(?:{writers})\s+(.+)$", re.IGNORECASE),
        named_date=re.compile(
            r"(?<!\d)(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4})"
            rf"(?:\s*[|,\-–—]?\s*(?:(?:{clock})\s+)?(\d{{1,2}})[:.](\d{{2}})(?:\s*([A-Za-z]{{3,4}}))?)?"
        ),
        numeric_date=re.compile(
            r"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4}),?\s+"
            rf"(?:(?:{clock})\s+)?(\d{{1,2}})[:.](\d{{2}})(?:\s*([A-Za-z]{{3,4}}))?"
        ),
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
