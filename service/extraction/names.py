"""Speaker phrases: split `Presiden Polandia Viktor Moroz` into role and name."""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Final

from .lexicon import Lexicon, common_words
from .text import Paragraph, Token, is_lower, words

# fullmatch, not ^...$: "$" would also take a trailing newline
ACRONYM_RE: Final = re.compile(r"[A-Z0-9][A-Z0-9\-&]{1,7}")


class Speaker:
    """Who speaks. A value (compared and hashed by its fields, never changed); a plain
    class rather than a dataclass, so the mypyc build constructs it natively."""

    __slots__ = ("name", "role", "kind")

    def __init__(self, name: str, role: str | None, kind: str) -> None:
        self.name = name  # name, organisation, or the role as written for a role-only speaker
        self.role = role
        self.kind = kind  # "person", "organization" or "role"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Speaker):
            return NotImplemented
        return (self.name, self.role, self.kind) == (other.name, other.role, other.kind)

    def __hash__(self) -> int:
        return hash((self.name, self.role, self.kind))

    def __repr__(self) -> str:
        return f"Speaker(name={self.name!r}, role={self.role!r}, kind={self.kind!r})"


_FIRST_WORDS: dict[frozenset[str], frozenset[str]] = {}


def _first_words(vocab: frozenset[str]) -> frozenset[str]:
    """First words of a vocabulary's entries, computed once per vocabulary."""
    firsts = _FIRST_WORDS.get(vocab)
    if firsts is None:
        firsts = _FIRST_WORDS[vocab] = frozenset(e.split(" ", 1)[0] for e in vocab)
    return firsts


def _match_multi(toks: list[Token], i: int, vocab: frozenset[str], longest: int) -> int:
    """Number of tokens from i that form an entry of `vocab` (longest match), or 0."""
    if i >= len(toks) or toks[i].lower not in _first_words(vocab):
        return 0  # no entry starts with this word
    lows = [t.lower for t in toks[i : i + longest]]
    for n in range(len(lows), 0, -1):
        if " ".join(lows[:n]) in vocab:
            return n
    return 0


def _in_address(text: str, tok: Token) -> bool:
    """Whether `tok` is part of an e-mail address, a handle or a domain: an @ beside it,
    or a dot joining it to another word."""
    before = text[max(0, tok.start - 2) : tok.start]
    after = text[tok.end : tok.end + 2]
    if before[-1:] == "@" or after[:1] == "@":
        return True
    # a dot between two words with no space: a domain's part
    return (before[-1:] == "." and before[:1].isalnum()) or (
        after[:1] == "." and after[1:2].isalnum()
    )


class ArticleContext:
    """What the article tells about its words: which are common nouns, which are places."""

    def __init__(self, text: str, lex: Lexicon, pars: list[Paragraph] | None = None):
        self.lex = lex
        self.common = common_words()  # function words, never part of a name
        lower_words = set()
        places = set()
        # The article is tokenised once; rules take slices of this list by offset, or a
        # paragraph's own list.
        self._par_toks: dict[int, list[Token]] = {}
        if pars is None:
            toks = words(text)
        else:
            toks = []
            for par in pars:
                self._par_toks[par.index] = found = words(par.text, par.start)
                toks.extend(found)
        self.toks = toks
        self._starts = [t.start for t in toks]
        # Where capitalised words stand: at the start of a capitalised run (as a first
        # name does: "Darto menggelar") or at its end (as an organisation's last word does:
        # "Partai Garda"), and which word follows them. One pass over the words.
        starts: dict[str, int] = {}
        ends: dict[str, int] = {}
        follows: dict[tuple[str, str], int] = {}
        count: dict[str, int] = {}
        place_heads = lex.place_heads
        n = len(toks)
        prev: Token | None = None
        for i in range(n):
            tok = toks[i]
            if not tok.is_cap:
                # a word of an address (rina@contoh.id, @rina, contoh.rina.id) is no word
                # of the language: a name written in it stays a name
                if is_lower(tok.text) and not _in_address(text, tok):
                    lower_words.add(tok.text)
                prev = tok
                continue
            if (
                prev is not None
                and prev.lower in place_heads
                and _one_space(text, prev, tok)  # not "... Kota, Rina X": a comma between
                # "Wali Kota X": X may be the mayor's name
                and not (i > 1 and f"{toks[i - 2].lower} {prev.lower}" in lex.place_head_titles)
                # "keterangan dari Markus Wenda": a full name, not a place
                and not (prev.lower in lex.source_heads and _run_goes_on(text, toks, i))
            ):
                # "di Lamongan", "Partai Golkar", "Pelabuhan Tenau": a place or body.
                places.add(tok.lower)
            word = tok.text
            if not (prev is not None and prev.is_cap and _one_space(text, prev, tok)):
                starts[word] = starts.get(word, 0) + 1
            nxt_tok = toks[i + 1] if i + 1 < n else None
            if nxt_tok is None or not nxt_tok.is_cap or not _one_space(text, tok, nxt_tok):
                ends[word] = ends.get(word, 0) + 1
            key = (word, nxt_tok.text if nxt_tok is not None else "")
            follows[key] = follows.get(key, 0) + 1
            count[word] = count.get(word, 0) + 1
            prev = tok
        self.lower_words = lower_words
        self.places = places
        # one-word names the article uses for someone with a speech verb ("kata Hari"),
        # set by the speaker rules: such a word is a name word even where the article
        # also writes it in lower case ("hari")
        self.short_names: frozenset[str] = frozenset()
        self.run_starts = starts
        self.run_ends = ends  # how often each capitalised word ends a capitalised run
        self.follows = follows
        self.count = count  # how often each capitalised word occurs

    def between(self, a: int, b: int) -> list[Token]:
        """The article's words that lie inside text[a:b]."""
        i = bisect_left(self._starts, a)
        j = bisect_left(self._starts, b, i)
        out = self.toks[i:j]
        if out and out[-1].end > b:
            out.pop()
        return out

    def in_paragraph(self, par: Paragraph) -> list[Token]:
        """The words of `par` (as `between(par.start, par.end)`); shared, do not change."""
        found = self._par_toks.get(par.index)
        return self.between(par.start, par.end) if found is None else found

    def apart(self, word: str, nxt: str) -> bool:
        """Does `word` occur somewhere not followed by `nxt`?"""
        return self.count.get(word, 0) > self.follows.get((word, nxt), 0)

    def is_place(self, tok: Token) -> bool:
        return tok.lower in self.places


def _one_space(text: str, a: Token, b: Token) -> bool:
    """One space and nothing else between two words (`text[a.end:b.start] == " "`,
    without making the slice)."""
    return b.start == a.end + 1 and text[a.end] == " "


def _run_goes_on(text: str, toks: list[Token], i: int) -> bool:
    """Another capitalised word follows toks[i], after one space."""
    return i + 1 < len(toks) and toks[i + 1].is_cap and text[toks[i].end : toks[i + 1].start] == " "


def _is_acronym(tok: Token) -> bool:
    text = tok.text
    if not 2 <= len(text) <= 8:
        return False  # ACRONYM_RE takes two to eight characters
    second = ord(text[1])  # ... the second one a capital, a digit, "-" or "&"
    if not (65 <= second <= 90 or 48 <= second <= 57 or second in (45, 38)):
        return False
    return bool(ACRONYM_RE.fullmatch(text)) and not text.isdigit()


def _dotted(tok: Token, text: str) -> str:
    """The word with the dot that follows it in `text`, if one does ("Dr.")."""
    return tok.text + "." if text[tok.end : tok.end + 1] == "." else tok.text


def is_title(tok: Token, text: str, lex: Lexicon) -> bool:
    """An honorific or a rank as written (H., Dr., dr., Prof., Kombes)."""
    return _dotted(tok, text) in lex.honorifics or (
        tok.text in lex.honorifics and len(tok.text) > 1
    )


def past_titles(text: str, toks: list[Token], k: int, lex: Lexicon) -> int:
    """The index of the first word from toks[k] that is not an honorific or a rank, nor
    the qualifier of a rank ("Kombes Pol Surya": Surya)."""
    titled = False
    while k < len(toks):
        if is_title(toks[k], text, lex):
            titled = True
        elif not (titled and toks[k].lower in lex.rank_qualifiers):
            break
        k += 1
    return k


def _title_in_name(toks: list[Token], k: int, out: list[Token], text: str, lex: Lexicon) -> bool:
    """An honorific that is also a name word, inside a name: "Yosef Tuan Lamawuran" (without
    a dot, right between two capitalised words that are no titles or roles)."""
    tok = toks[k]
    if tok.lower not in lex.titles_in_names or text[tok.end : tok.end + 1] == ".":
        return False
    if not out or k + 1 >= len(toks):
        return False
    prev, nxt = out[-1], toks[k + 1]
    return (
        prev is toks[k - 1]
        and prev.is_cap
        and nxt.is_cap
        and not is_title(nxt, text, lex)
        and prev.lower not in lex.roles
        and prev.lower not in lex.organisations
        and not prev.text.isupper()
        and text[prev.end : tok.start] == " "
        and text[tok.end : nxt.start] == " "
    )


def clean_tokens(toks: list[Token], lex: Lexicon, text: str) -> list[Token]:
    """Drop honorifics (H., Dr., Ir.), ranks with their qualifier ("Kombes Pol") and
    trailing degrees from a speaker phrase."""
    out: list[Token] = []
    k = 0
    while k < len(toks):
        if (
            is_title(toks[k], text, lex)
            and not _title_in_name(toks, k, out, text, lex)
            # "Ibu korban", "Bapak guru": a word for a person before a noun, no title
            and not (k + 1 < len(toks) and toks[k].text.isalpha() and not toks[k + 1].is_cap)
        ):
            k = past_titles(text, toks, k, lex)
            continue
        tok = toks[k]
        k += 1
        if _dotted(tok, text) in lex.degrees or tok.text in lex.degrees:
            continue
        out.append(tok)
    return out


def _after_title(toks: list[Token], lex: Lexicon, text: str) -> Token | None:
    """The word right after the last honorific of a phrase (and its rank qualifier), if
    a word follows it."""
    found = None
    k = 0
    while k < len(toks):
        if is_title(toks[k], text, lex):
            k = past_titles(text, toks, k, lex)
            found = toks[k] if k < len(toks) else None
        else:
            k += 1
    return found


MAX_NAME_WORDS: Final = 4


def _in_vocab(tok: Token, lex: Lexicon, outlets: bool = True) -> bool:
    low = tok.lower
    return (
        low in lex.roles
        or low in lex.organisations
        or low in lex.fields
        or low in lex.places
        or low in lex.connectors
        or low in lex.months
        or low in lex.local_days
        or (outlets and len(low) > 3 and low in lex.outlets)
    )


def name_like(tok: Token, ctx: ArticleContext, last: bool) -> bool:
    """Can this word be part of a person's name?

    Not a role, organisation or place word, not an acronym or number, not a derived
    noun; a word the article also writes in lower case only as the last word.
    """
    text = tok.text
    if not tok.is_cap:
        return False
    if any(ch.isdigit() for ch in text):
        return False
    if _is_acronym(tok) and len(text) > 1 and not _is_initial(text):
        return False
    lex = ctx.lex
    if _in_vocab(tok, lex) or tok.lower in ctx.common or tok.lower in lex.rank_qualifiers:
        return False
    head, dash, rest = tok.lower.partition("-")
    if dash and head == rest and head in ctx.common:
        return False  # a common word doubled: "Lagi-lagi", "Kadang-kadang"
    # a verb opening its sentence: "Dikatakan Herman, ...", "Tambahnya, ..." (a bare cue
    # may be a name: Tegas, Jelas)
    low = tok.lower
    if (
        low in lex.nya_cues
        or low in lex.active_verbs
        or (low in lex.post_cues and low.startswith(lex.passive_prefix))
    ):
        return False
    # a derived noun (pe-…-an: Perlindungan) or a loan noun (Transmigrasi): a portfolio or
    # a unit, never a person
    if len(text) >= lex.noun_min_length and (
        lex.derived_noun.match(tok.lower) or lex.loan_noun.match(tok.lower)
    ):
        return False
    # a body's short form (Kemenperin, Pemkab)
    if tok.lower.startswith(lex.body_short_prefixes) and lex.body_short.match(tok.lower):
        return False
    if ctx.is_place(tok):
        return False
    if not last and tok.lower in ctx.lower_words and tok.lower not in ctx.short_names:
        return False
    return True


def _initials(tok: Token, ctx: ArticleContext) -> bool:
    return (
        tok.text.isupper()
        and tok.text.isalpha()
        and len(tok.text) <= 3
        and not _in_vocab(tok, ctx.lex, outlets=False)
    )


def _is_initial(text: str) -> bool:
    return len(text) == 1 or (len(text) == 2 and text[1] == ".")


def _role_word_in_name(toks: list[Token], m: int, ctx: ArticleContext) -> bool:
    """toks[m], a one-word role ending the phrase, is a name word: roles come before the
    name, so a role word last, right after a name word ("Wakil Ketua KPK Dewanto Hakim"), is a
    surname, unless that word is part of a longer role ("Juru Bicara Presiden", "Kuasa
    Hukum Korban"). (Before other name words it is a rank: "Kodam IV/Diponegoro
    Letnan Yuda".)"""
    lex = ctx.lex
    tok = toks[m]
    if m == 0 or m != len(toks) - 1:
        return False
    if not tok.is_cap or tok.text.isupper() or tok.lower not in lex.roles:
        return False
    if not name_like(toks[m - 1], ctx, last=False):
        return False
    # the name words before it follow an acronym or an organisation (KPK Dewanto Hakim) or
    # open the phrase; after a role word they are a role's ("Asisten Pribadi Presiden")
    k = m - 1
    while k > 0 and name_like(toks[k - 1], ctx, last=False):
        k -= 1
    if k > 0 and not (_is_acronym(toks[k - 1]) or toks[k - 1].lower in lex.organisations):
        return False
    # it starts a longer role itself ("Letnan Kolonel", "Hakim Agung")
    if _match_multi(toks, m, lex.roles, lex.role_max_words) > 1:
        return False
    # the word before it is in a role or an organisation of two or more words ("Ajun
    # Komisaris", "Juru Bicara")
    for i in range(max(0, m - max(lex.role_max_words, lex.org_max_words)), m):
        for vocab, longest in (
            (lex.roles, lex.role_max_words),
            (lex.organisations, lex.org_max_words),
        ):
            n = _match_multi(toks, i, vocab, longest)
            if n and i + n >= m:
                return False
    return True


def _long_name_prefix(toks: list[Token], k: int, words: int, lex: Lexicon) -> bool:
    """A name longer than `MAX_NAME_WORDS` goes on only through the given-name prefixes
    that open Balinese and noble names, up to two more: I Gusti Ngurah Agung X, Ni Luh
    Putu X Y. Not a prefix that is also a numeral (`numeral_prefixes`: "I") after a
    capitalised role word, where it is a number ("Wakil Rektor I"; after "dokter" it opens
    the name), nor a bound prefix before a word it does not open a name with
    (`_bound_holds`)."""
    tok = toks[k]
    if words >= MAX_NAME_WORDS + 2 or not tok.is_cap or tok.lower not in lex.name_prefixes:
        return False
    if (
        tok.lower in lex.numeral_prefixes
        and k
        and toks[k - 1].is_cap
        and toks[k - 1].lower in lex.roles
    ):
        return False
    return _bound_holds(toks, k, lex)


def _ends_role_or_body(toks: list[Token], k: int, lex: Lexicon) -> bool:
    """toks[k] ends a role or a body's name of two words or more ("Jaksa Agung",
    "Kejaksaan Agung", "Hakim Agung")."""
    for n in range(2, max(lex.role_max_words, lex.org_max_words) + 1):
        if k - n + 1 < 0:
            break
        words = " ".join(t.lower for t in toks[k - n + 1 : k + 1])
        if words in lex.roles or words in lex.organisations:
            return True
    return False


def _bound_holds(toks: list[Token], k: int, lex: Lexicon) -> bool:
    """toks[k] is no bound prefix, or the word after it is one it opens a name before
    ("Anak Agung", "I Made"; not "Anak Ahmad", "jilid I Pratama")."""
    bound = lex.bound_prefixes.get(toks[k].lower)
    return bound is None or (k + 1 < len(toks) and toks[k + 1].lower in bound)


def split_role(
    toks: list[Token], ctx: ArticleContext, text: str = ""
) -> tuple[list[Token], list[Token], str]:
    """Split phrase tokens into (role tokens, name tokens, kind).

    The name is the run of name-like words at the end of the phrase (at most four, six
    through the given-name prefixes of `_long_name_prefix`), with nothing but spaces
    between them in `text`; everything before it is the role: titles, ranks, portfolios,
    organisations and places. A phrase with no name is an organisation when it names
    one, else a role-only speaker.
    """
    lex = ctx.lex
    if not toks:
        return [], [], "person"
    j = len(toks)
    # "KBRI Phnom Penh": a place of several words ends the phrase, and no name follows
    lowest = 0
    if any(
        " ".join(t.lower for t in toks[-n:]) in lex.places
        for n in range(min(lex.place_max_words, len(toks) - 1), 1, -1)
    ):
        lowest = j
    while j > lowest and (
        len(toks) - j < MAX_NAME_WORDS or _long_name_prefix(toks, j - 1, len(toks) - j, lex)
    ):
        tok = toks[j - 1]
        if text and j < len(toks) and text[tok.end : toks[j].start].strip() in ("&", "/", "+"):
            break  # "PT Maju & Jaya Bagus": a body's name joined by a sign ends before
        if name_like(tok, ctx, last=j == len(toks)):
            j -= 1
            continue
        if (
            j < len(toks)
            and tok.is_cap
            and tok.lower in lex.connectors
            and tok.lower in lex.name_prefixes
            and (
                j == 1
                or toks[j - 2].lower in lex.name_prefixes
                # not the end of a role or a body (Jaksa Agung, Mahkamah Agung)
                or not _ends_role_or_body(toks, j - 1, lex)
            )
        ):
            # a given name that is also a role's word: (Ngurah) Agung Wirawan, Kementerian
            # Perindustrian Agung Wicaksono
            j -= 1
            continue
        if (
            j == len(toks)
            and j >= 2
            and tok.is_cap
            and tok.lower in ctx.lex.connectors
            and name_like(toks[j - 2], ctx, last=False)
        ):
            j -= 1  # a surname that is also a word: Bagas Utama
            continue
        if (
            _initials(tok, ctx)
            and j >= 2
            and (
                name_like(toks[j - 2], ctx, last=False)
                or (toks[j - 2].lower in lex.name_particles and j < len(toks))
            )
        ):
            # initials inside or after a name: Bambang PS Wiryawan, Darto MD, Darmansyah
            # Bin MS Daud
            j -= 1
            continue
        if tok.lower in lex.name_particles and j < len(toks) and j - 1 > 0:
            j -= 1
            continue
        if _role_word_in_name(toks, j - 1, ctx):
            j -= 1  # a surname that is also a role word: Nurul Hakim
            continue
        break
    if (
        j == len(toks)
        and j >= 2
        and toks[-1].is_cap
        and toks[-2].lower in lex.rank_qualifiers
        and not _is_acronym(toks[-1])
    ):
        j -= 1  # after a rank and its corps, a name even if it names a place: Kapten Inf Saudi
    # A role of several words is no name's start, though each word may look like one
    # ("Juru Bicara Rina X")
    while j < len(toks) - 1:
        n = _match_multi(toks, j, lex.roles, lex.role_max_words)
        if n < 2 or j + n >= len(toks):
            break
        j += n
    # Too long a run: the words before the last four (or six) were role or place words.
    role, name = toks[:j], toks[j:]
    # A given-name prefix inside the run starts the name: "... Sriwedari Muhammad Hanafi".
    for k in range(1, len(name) - 1):
        if name[k].lower in lex.name_starters and name[k - 1].lower not in lex.name_prefixes:
            if len(name[k].text) > 1:
                role, name = role + name[:k], name[k:]
                break
    # "Bupati Sumbawa Hendra Wijaya": after a role that governs a place, the place.
    if role and len(name) >= 3 and name[0].lower not in lex.name_prefixes:
        k = len(role)
        for n in range(min(lex.role_max_words, k), 0, -1):
            if " ".join(t.lower for t in role[k - n :]) in lex.jurisdiction_roles:
                role, name = role + name[:1], name[1:]
                break
    while name and name[0].lower in lex.name_particles and not name[0].is_cap:
        role, name = role + name[:1], name[1:]
    if name and not _bound_holds(name, 0, lex):
        role, name = role + name[:1], name[1:]  # "Kabinet Nusantara jilid I Pratama": a numeral
    has_role = any(_match_multi(toks, i, lex.roles, lex.role_max_words) for i in range(len(role)))
    has_org = any(
        _match_multi(toks, i, lex.organisations, lex.org_max_words) for i in range(len(role))
    )
    if not name:
        if has_org and not (
            role
            and role[0].lower in lex.roles
            or _match_multi(role, 0, lex.roles, lex.role_max_words)
        ):
            return role, [], "organization"
        if len(role) == 1 and _is_acronym(role[0]):
            return [], role, "organization"
        n = _match_multi(role, 0, lex.places, lex.place_max_words)
        if role and n == len(role):
            return [], role, "organization"  # a country speaking: "kata Rusia"
        # "kakak pelaku", "ibu korban": a noun for a person makes it a role, like a title
        if has_role or not role or role[0].lower in lex.person_nouns:
            return role, [], "role"
        return role, [], "organization"
    if not (has_role or has_org):
        # Unknown capitalised words before a name (a company, a village): not a role.
        return [], name, "person"
    return role, name, "person"


def _from_title(role: list[Token], ctx: ArticleContext) -> list[Token]:
    """A role starts at its first title or organisation word ("Pekan lalu Menteri X")."""
    lex = ctx.lex
    for i in range(len(role)):
        if _match_multi(role, i, lex.roles, lex.role_max_words) or _match_multi(
            role, i, lex.organisations, lex.org_max_words
        ):
            return role[i:]
    return role


def phrase_text(text: str, toks: list[Token]) -> str:
    """The phrase as written between its first and last token."""
    if not toks:
        return ""
    return text[toks[0].start : toks[-1].end]


def handle_at(text: str, tok: Token) -> bool:
    """The word is written as a social-media handle: "@" right before it, and no word
    before that ("rina@klinik.id" is an e-mail address)."""
    return (
        tok.start > 0
        and text[tok.start - 1] == "@"
        and (tok.start < 2 or not (text[tok.start - 2].isalnum() or text[tok.start - 2] in "._-"))
    )


def past_account_words(toks: list[Token], lex: Lexicon) -> int:
    """The index of the first word of `toks` past the words that say an account follows
    ("akun Twitter resmi", "akun Fb", "Instagram"; after "oleh"): 0 if there are none."""
    k = 1 if toks and toks[0].lower in lex.agent_markers else 0  # "diunggah oleh akun X"
    while k < len(toks):
        n = _match_multi(toks, k, lex.platforms, lex.platform_max_words)
        if n:
            k += n
        elif toks[k].lower in lex.account_words or (k and toks[k].lower in lex.account_qualifiers):
            k += 1
        else:
            break
    return k


def parse_speaker(text: str, toks: list[Token], ctx: ArticleContext) -> Speaker | None:
    """Speaker from the tokens of a speaker phrase taken from `text`. An account is
    named by its handle ("tulis akun @x" -> "@x") or by the name after the words that
    say it is one ("tulis akun Fb Humas Pemkot X" -> "Humas Pemkot X")."""
    lex = ctx.lex
    skipped = past_account_words(toks, lex) if toks else 0
    if skipped < len(toks) and handle_at(text, toks[skipped]):
        return Speaker("@" + toks[skipped].text, None, "person")
    if skipped and skipped == len(toks):
        # "tulis akun Instagram": an account, but not whose: as written, as a role with no
        # name is; "kata Twitter": the platform itself
        if any(t.lower in lex.account_words for t in toks):
            return Speaker(phrase_text(text, toks), None, "role")
        return Speaker(phrase_text(text, toks), None, "organization")
    if skipped and skipped < len(toks) and toks[skipped].is_cap:
        toks = toks[skipped:]
    raw = toks
    toks = clean_tokens(toks, lex, text)
    while toks and toks[-1].lower in lex.connectors and not toks[-1].is_cap:
        toks = toks[:-1]
    if not toks:
        return None
    outlet = lex.outlets.get(" ".join(t.lower for t in toks))
    if outlet and all(t.is_cap or t.text.isupper() for t in toks):
        return Speaker(phrase_text(text, toks), None, "organization")
    role, name, kind = split_role(toks, ctx, text)
    # "Guru Besar Universitas Sriwedari Prof. Lusi": a title inside the phrase starts the
    # name; the words before it are the role's
    start = _after_title(raw, lex, text) if len(raw) != len(toks) else None
    if start is not None and start in name[1:]:
        k = name.index(start)
        role, name = role + name[:k], name[k:]
    if kind == "role":
        return Speaker(phrase_text(text, role), None, "role")
    if kind == "organization":
        return Speaker(phrase_text(text, role + name), None, "organization")
    return Speaker(
        " ".join(phrase_text(text, name).split()),
        phrase_text(text, _from_title(role, ctx)) or None,
        "person",
    )


def word_before(t: str, end: int) -> str:
    """The letters right before `end` (at most 40): the word a mark or a comma follows."""
    start = end
    while start > 0 and t[start - 1].isalpha() and end - start < 40:
        start -= 1
    return t[start:end]
