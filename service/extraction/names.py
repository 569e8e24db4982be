"""Speaker phrases: split `Presiden Belarus Alexander Lukashenko` into role and name."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import Lexicon
from .text import Token, words

ACRONYM_RE = re.compile(r"^[A-Z0-9][A-Z0-9\-&]{1,7}$")
# Roles that are followed by the place they govern (Bupati Malaka X, Kepala Desa Y X).
JURISDICTION_ROLES = frozenset(
    "bupati wakil bupati gubernur wakil gubernur wali kota walikota camat lurah kapolda kapolres "
    "kapolresta kapolsek kapolrestabes pangdam danrem dandim kepala desa kades kepala dusun kadus "
    "ketua rt ketua rw kajati kajari sekda kapendam".split(" ")
) | frozenset(
    {
        "wakil bupati",
        "wakil gubernur",
        "wali kota",
        "kepala desa",
        "kepala dusun",
        "ketua rt",
        "ketua rw",
    }
)


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str  # name, organisation, or the role as written for a role-only speaker
    role: str | None
    kind: str  # "person", "organization" or "role"


def _match_multi(toks: list[Token], i: int, vocab: frozenset[str], longest: int) -> int:
    """Number of tokens from i that form an entry of `vocab` (longest match), or 0."""
    for n in range(min(longest, len(toks) - i), 0, -1):
        if " ".join(t.lower for t in toks[i : i + n]) in vocab:
            return n
    return 0


class ArticleContext:
    """What the article tells about its words: which are common nouns, which are places."""

    def __init__(self, text: str, lex: Lexicon):
        self.lex = lex
        lower_words = set()
        places = set()
        toks = words(text)
        for i, tok in enumerate(toks):
            if tok.text.islower():
                lower_words.add(tok.text)
            elif i and toks[i - 1].lower in ("di", "ke", "dari", "kabupaten", "kota", "provinsi",
                                               "desa", "kecamatan", "kelurahan", "dusun"):
                places.add(tok.lower)
        self.lower_words = lower_words
        self.places = places

    def is_common(self, tok: Token) -> bool:
        """A capitalised word the article also writes in lower case is a common noun."""
        return tok.lower in self.lower_words or tok.lower in self.lex.connectors

    def is_place(self, tok: Token) -> bool:
        return tok.lower in self.places


def _is_acronym(tok: Token) -> bool:
    return bool(ACRONYM_RE.match(tok.text)) and not tok.text.isdigit()


def clean_tokens(toks: list[Token], lex: Lexicon, text: str) -> list[Token]:
    """Drop honorifics (H., Dr., Ir.) and trailing degrees from a speaker phrase."""
    out = []
    for tok in toks:
        dotted = tok.text + "." if text[tok.end : tok.end + 1] == "." else tok.text
        if dotted in lex.honorifics or tok.text in lex.honorifics and tok.text not in ("Ibu", "Bapak", "Pak", "Bu", "Andi", "Gus", "Cut", "RA", "RM", "Mayor", "Jenderal", "Kapten") :
            continue
        if dotted in lex.degrees or tok.text in lex.degrees:
            continue
        out.append(tok)
    return out


def split_role(toks: list[Token], ctx: ArticleContext) -> tuple[list[Token], list[Token], str]:
    """Split phrase tokens into (role tokens, name tokens, kind).

    Role words come first, followed by the organisations, portfolios and places they
    belong to; the name is what is left at the end. A phrase that is all role is a
    role-only speaker; one that starts with an organisation is an organisation.
    """
    lex = ctx.lex
    if not toks:
        return [], [], "person"
    i = 0
    saw_role = saw_org = False
    last_role = ""
    while i < len(toks):
        n = _match_multi(toks, i, lex.roles, lex.role_max_words)
        if n:
            saw_role = True
            last_role = " ".join(t.lower for t in toks[i : i + n])
            i += n
            continue
        n = _match_multi(toks, i, lex.organisations, lex.org_max_words)
        if n:
            saw_org = True
            i += n
            continue
        n = _match_multi(toks, i, lex.places, lex.place_max_words)
        if n and (saw_role or saw_org):
            i += n
            continue
        tok = toks[i]
        remaining_caps = sum(1 for t in toks[i + 1 :] if t.is_cap)
        if not (saw_role or saw_org):
            break
        if not tok.is_cap or tok.lower in lex.connectors:
            i += 1  # lower-case words inside a role: juru bicara, dari, urusan
            continue
        if _is_acronym(tok) or ctx.is_place(tok):
            i += 1
            continue
        if remaining_caps >= 1 and ctx.is_common(tok):
            i += 1  # Menteri Keuangan: a portfolio written in lower case elsewhere
            continue
        if last_role in JURISDICTION_ROLES and remaining_caps >= 2:
            i += 1  # Bupati Malaka Simon Nahak: the regency, then the name
            last_role = ""
            continue
        if saw_org and not saw_role:
            i += 1  # words of an organisation's name
            continue
        break
    role, name = toks[:i], toks[i:]
    if not name:
        return role, [], "organization" if saw_org and not saw_role else "role"
    if not (saw_role or saw_org):
        if len(name) == 1 and _is_acronym(name[0]):
            return [], name, "organization"
        n = _match_multi(name, 0, lex.places, lex.place_max_words)
        if n == len(name):
            return [], name, "organization"  # a country speaking: "kata Rusia"
    return role, name, "person"


def phrase_text(text: str, toks: list[Token]) -> str:
    """The phrase as written between its first and last token."""
    if not toks:
        return ""
    return text[toks[0].start : toks[-1].end]


def join_name(toks: list[Token]) -> str:
    return " ".join(t.text for t in toks)


def parse_speaker(text: str, toks: list[Token], ctx: ArticleContext) -> Speaker | None:
    """Speaker from the tokens of a speaker phrase taken from `text`."""
    lex = ctx.lex
    toks = clean_tokens(toks, lex, text)
    while toks and toks[-1].lower in lex.connectors:
        toks = toks[:-1]
    if not toks:
        return None
    outlet = lex.outlets.get(" ".join(t.lower for t in toks))
    if outlet and all(t.is_cap or t.text.isupper() for t in toks):
        return Speaker(phrase_text(text, toks), None, "organization")
    role, name, kind = split_role(toks, ctx)
    if kind == "role":
        return Speaker(phrase_text(text, role), None, "role")
    if kind == "organization":
        return Speaker(phrase_text(text, role + name), None, "organization")
    if not any(t.is_cap for t in name):
        if role:
            return Speaker(phrase_text(text, role + name), None, "role")
        return None
    # A name is capitalised words; cut at the first lower-case word after it starts.
    cut = len(name)
    for j, tok in enumerate(name):
        if not tok.is_cap and not tok.text[:1].isdigit() and tok.lower not in ("bin", "binti", "van", "de", "al", "el", "da", "di", "von", "der", "la"):
            cut = j
            break
    name = name[:cut]
    if not name:
        return Speaker(phrase_text(text, role), None, "role") if role else None
    return Speaker(join_name(name), phrase_text(text, role) or None, "person")
