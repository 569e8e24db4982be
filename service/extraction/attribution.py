"""Who said a quote: cues after and before it, pronouns, continuations, via.

Each rule is a small function with one comment on the case it handles. They work
on one paragraph's text at a time, so the cost stays linear in the article.
"""

from __future__ import annotations

from typing import Final

from .lexicon import Lexicon, common_words
from .names import (
    ArticleContext,
    Speaker,
    _match_multi,
    handle_at,
    name_like,
    parse_speaker,
    phrase_text,
)
from .text import ALL_MARKS, Token

SENTENCE_END: Final = ".!?"
MAX_CLAUSE_CHARS: Final = 600  # a clause introducing a quote is never longer than this
STOP_CHARS: Final = ",();:!?\"“”‘’«»'|—–"  # punctuation that ends a speaker phrase
# What ends a list inside a role: STOP_CHARS but its commas, and a sentence end.
_LIST_STOPS: Final = STOP_CHARS.replace(",", "") + "."
ABBREV_MAX: Final = 3  # "Dr." "H." "Ir." are not sentence ends
PHRASE_MAX: Final = 12  # words in a speaker phrase
PHRASE_LISTED_MAX: Final = 18  # ... whose role lists fields ("Pencarian, Pertolongan dan ...")


class Attribution:
    """A cue and the speaker it names (a plain class: the mypyc build constructs it
    natively)."""

    __slots__ = ("speaker", "cue", "pronoun", "via", "cue_pos")

    def __init__(
        self,
        speaker: Speaker | None,
        cue: str | None,
        pronoun: bool = False,
        via: str | None = None,
        cue_pos: int = -1,
    ) -> None:
        self.speaker = speaker  # None with `pronoun` set means: resolve from context
        self.cue = cue
        self.pronoun = pronoun
        self.via = via
        self.cue_pos = cue_pos  # offset of the cue in the text, for ordering mentions

    def __repr__(self) -> str:
        return (
            f"Attribution({self.speaker!r}, {self.cue!r}, pronoun={self.pronoun}, "
            f"via={self.via!r}, cue_pos={self.cue_pos})"
        )


def _gap_has(text: str, a: int, b: int, chars: str) -> str | None:
    for ch in text[a:b]:
        if ch in chars:
            return ch
    return None


def _is_abbrev(text: str, tok: Token, lex: Lexicon) -> bool:
    # "H. Budi", "Ir. Budi": a short capitalised word with a dot; "dr. Lusi", "Prof. Lusi",
    # "drg. Lusi": an honorific of the lexicon, whatever its case and length
    if text[tok.end : tok.end + 1] != ".":
        return False
    if len(tok.text) <= ABBREV_MAX and tok.text[:1].isupper():
        return True
    return tok.text + "." in lex.honorifics


def phrase_tokens(
    text: str, toks: list[Token], i: int, lex: Lexicon, lists: bool = True
) -> tuple[list[Token], int, str]:
    """Tokens of a speaker phrase from toks[i], the index after it, and what stopped it.

    The phrase ends at a comma, bracket, sentence end, quote mark, a stop word
    (pada, di, kepada, seperti, dilansir, ...), a day, month or digit (dates).
    """
    out: list[Token] = []
    j = i
    longest = PHRASE_MAX
    gap_from = -1  # after a skipped parenthetical, the gap is checked from its end
    while j < len(toks):
        tok = toks[j]
        if out:
            prev = out[-1]
            gap_start = max(prev.end, gap_from)
            gap_end = tok.start
            stop = _gap_has(text, gap_start, gap_end, STOP_CHARS)
            if stop == "(":
                k = _skip_parenthetical(text, toks, j)
                if k is not None:
                    close = text.find(")", gap_start)
                    after = text[close + 1 : toks[k].start if k < len(toks) else len(text)]
                    # "Ketua KNKT (Komite ...) Hartanto", "Budi (45), warga": read past it.
                    if k < len(toks) and toks[k].is_cap and not after.strip():
                        j = k
                        gap_from = close + 1
                        continue
                    return out, k, "," if after.strip().startswith(",") else "("
            if stop == "," and lists and _list_in_role(text, out, toks, j, lex):
                stop = None  # "Kepala Pusat Data, Informasi dan Komunikasi BNPB X"
                longest = PHRASE_LISTED_MAX
            if stop:
                return out, j, stop
            if text[gap_start:gap_end].strip() in ("-", "--"):
                return out, j, "-"  # a spaced dash ends the phrase, as in a dateline
            if "." in text[gap_start:gap_end] and not _is_abbrev(text, prev, lex):
                return out, j, "."
        low = tok.lower
        is_lower = not tok.text[:1].isupper()
        digit_in_name = (
            tok.text[:1].isdigit()
            and j + 1 < len(toks)
            and toks[j + 1].is_cap
            and toks[j + 1].lower not in lex.months
            and out
            and not _gap_has(text, tok.end, toks[j + 1].start, ",.;:()")
        )
        if (
            (low in lex.phrase_stops and is_lower)
            or low in lex.days
            or low in lex.months
            and out
            or low in lex.relative_times
            and is_lower
            or (tok.text[:1].isdigit() and not digit_in_name)
            or low in lex.active_verbs
            or low in lex.nya_cues
        ):
            return out, j, "word"
        if len(out) >= longest:
            return out, j, "long"
        if handle_at(text, tok):
            # "akun Twitter @rina_m": a handle, written in any case, ends the phrase
            out.append(tok)
            return out, j + 1, "handle"
        if (
            out
            and not tok.text[:1].isupper()
            and not digit_in_name
            and low not in lex.connectors
            and not _particle_in_name(text, toks, j, lex)
            and not _title_before_name(text, toks, j, lex)
            and any(t.text[:1].isupper() for t in out)
        ):
            return out, j, "word"  # a lower-case word after a name ends it
        out.append(tok)
        j += 1
    return out, j, "end"


def _title_before_name(text: str, toks: list[Token], j: int, lex: Lexicon) -> bool:
    """toks[j] is a lower-case honorific before a capitalised name: "Lembata dr Marthen"."""
    return (
        j + 1 < len(toks)
        and toks[j + 1].is_cap
        and (toks[j].text + "." in lex.honorifics or toks[j].text in lex.honorifics)
    )


def _particle_in_name(text: str, toks: list[Token], j: int, lex: Lexicon) -> bool:
    """toks[j] is a name particle between two capitalised words: "Ahmad bin Hasan"."""
    return (
        toks[j].lower in lex.name_particles
        and j > 0
        and toks[j - 1].is_cap
        and j + 1 < len(toks)
        and toks[j + 1].is_cap
        and text[toks[j - 1].end : toks[j].start] == " "
        and text[toks[j].end : toks[j + 1].start] == " "
    )


def _list_in_role(text: str, out: list[Token], toks: list[Token], j: int, lex: Lexicon) -> bool:
    """A comma inside a role that lists the fields of a unit: "Kepala Pusat Data, Informasi
    dan Komunikasi BNPB", "Menko Bidang Politik, Hukum, dan Keamanan". The words read so
    far hold a role word, and from toks[j] come capitalised words (commas between them,
    no sentence end) then "dan" or "serta" and a capitalised word that opens no role
    ("..., dan Direktur Keuangan Y" is someone else). `speaker_from` checks that the
    reading names someone (`_list_reading_holds`)."""
    if not any(t.lower in lex.roles for t in out):
        return False
    k = j
    while k < len(toks) and k - j < 4 and toks[k].is_cap:
        k += 1
        if k < len(toks) and _gap_has(text, toks[k - 1].end, toks[k].start, _LIST_STOPS):
            return False
    # (j == k: the comma before "dan", as in "Politik, Hukum, dan Keamanan")
    return (
        k < len(toks) - 1
        and (k > j or out[-1].is_cap)
        and toks[k].lower in lex.list_and
        and toks[k + 1].is_cap
        and not _match_multi(toks, k + 1, lex.roles, lex.role_max_words)
        and _gap_has(text, toks[k - 1].end, toks[k + 1].start, _LIST_STOPS) is None
    )


def _list_reading_holds(
    text: str, toks: list[Token], phrase: list[Token], j: int, stop: str, ctx: ArticleContext
) -> bool:
    """A phrase read past a comma into a role's list stands if no part of the list before
    its last item is a full name ("Camat X, Rudi Hartanto, dan Lurah Y Z" is three
    people; "Menteri X Rudi Hartanto, dan Presiden Y" two) and a name follows the list, in
    the phrase or after a comma ("..., Informasi dan Komunikasi BNPB, Abdul Muhari")."""
    list_and = ctx.lex.list_and
    parts: list[list[Token]] = [[]]
    for k, tok in enumerate(phrase):
        if tok.lower in list_and or (k and "," in text[phrase[k - 1].end : tok.start]):
            parts.append([])
        if tok.lower not in list_and:
            parts[-1].append(tok)
    if len(parts) == 1:
        return True  # the comma is inside a word ("1,5"): no list was read
    for part in parts[:-1]:
        sp = parse_speaker(text, part, ctx) if part else None
        if sp is not None and sp.kind == "person" and len(sp.name.split()) >= 2:
            return False
    sp = parse_speaker(text, phrase, ctx)
    if _named_after_list(phrase, sp, ctx.lex):
        return True
    return sp is not None and sp.kind == "role" and stop == "," and j < len(toks) and toks[j].is_cap


def _named_after_list(phrase: list[Token], sp: Speaker | None, lex: Lexicon) -> bool:
    """A phrase read past a list's comma names a person after the list: the name starts
    after the word that follows the last "dan" ("..., Informasi dan Komunikasi BNPB
    Yusuf Hamdani"), not at it ("..., Andi dan Budi")."""
    if sp is None or sp.kind != "person":
        return False
    last = max((k for k, t in enumerate(phrase) if t.lower in lex.list_and), default=-1)
    first = sp.name.split()[0] if sp.name.split() else ""
    return last >= 0 and any(t.text == first for t in phrase[last + 2 :])


def _match_multi_places(toks: list[Token], lex: Lexicon) -> int:
    """How many of `toks` are place names ("Jakarta Utara")."""
    i = 0
    while i < len(toks):
        for n in range(min(lex.place_max_words, len(toks) - i), 0, -1):
            if " ".join(t.lower for t in toks[i : i + n]) in lex.places:
                i += n
                break
        else:
            return i
    return i


def _skip_parenthetical(text: str, toks: list[Token], j: int) -> int | None:
    """Index of the first token after a short "( … )" that starts before toks[j]."""
    close = text.find(")", toks[j - 1].end if j else 0)
    if close < 0 or close - toks[j].start > 80:
        return None
    k = j
    while k < len(toks) and toks[k].start < close:
        k += 1
    return k if k > j else None  # an empty "()" is not skipped, so the scan always advances


def _apposition(text: str, toks: list[Token], j: int, lex: Lexicon) -> str | None:
    """After "X, " a role in apposition: "kata Budi, Kepala Desa Sukamaju, di ..."."""
    if j >= len(toks):
        return None
    role_toks, k, stop = phrase_tokens(text, toks, j, lex)
    if not role_toks:
        return None
    # "Menurut Nurul, penyidik juga sudah memeriksa ...": the words after the comma start
    # a clause (an auxiliary, or an adverb right after them), they are not her role.
    if any(t.lower in lex.clause_words for t in role_toks) or (
        stop == "word"
        and k < len(toks)
        and (toks[k].lower in lex.clause_words or toks[k].lower in lex.adverbs)
    ):
        return None
    first = role_toks[0].lower
    two = " ".join(t.lower for t in role_toks[:2])
    if (
        first in lex.roles
        or two in lex.roles
        or first in lex.organisations
        or first in lex.apposition_openers
    ):
        return text[role_toks[0].start : role_toks[-1].end]
    return None


def speaker_from(
    text: str, toks: list[Token], i: int, ctx: ArticleContext
) -> tuple[Speaker | None, bool, int]:
    """Parse a speaker phrase at toks[i]; returns (speaker, is_pronoun, next index)."""
    lex = ctx.lex
    if i < len(toks) and toks[i].lower in lex.pronouns:
        return None, True, i + 1
    if i < len(toks) and toks[i].lower in lex.plural_pronouns:
        return None, True, i + 1
    phrase, j, stop = phrase_tokens(text, toks, i, lex)
    # read past a comma inside a role's list only where that names someone
    if (
        len(phrase) > 1
        and text.find(",", phrase[0].end, phrase[-1].start) >= 0
        and not _list_reading_holds(text, toks, phrase, j, stop, ctx)
    ):
        phrase, j, stop = phrase_tokens(text, toks, i, lex, lists=False)
    if not phrase:
        return None, False, j
    described = _description(text, toks, phrase, j, stop, ctx)
    if described is not None:
        return described
    sp = parse_speaker(text, phrase, ctx)
    if sp and stop == "word" and j + 1 < len(toks):
        through = _through(text, toks, j, ctx)
        if through is not None:
            return through, False, j
        named = _named_after_relative(text, toks, j, ctx)
        if named is not None and sp.kind in ("role", "organization"):
            # "kata pedagang Kupang yang bernama Yosef": the name, with the role before it
            return Speaker(named.name, named.role or phrase_text(text, phrase), "person"), False, j
    if sp and sp.kind == "role" and stop == "word" and j + 1 < len(toks):
        # "kata analis energi dari Pacific Commodities, Mark Hollander": the role, where
        # from, then the name
        sp = _name_after_where(text, toks, j, sp, ctx) or sp
    if sp and stop == "," and sp.kind == "person" and sp.role and _name_is_a_body(sp, lex):
        # "kata Direktur Utama PT Sinar Abadi, Liem Hok Sen", "kata kuasa hukum Citra,
        # Ferry Simanjuntak": a whole name after the comma is the speaker; the words
        # before it, all of them, the role
        named = _name_at(text, toks, _past_places(text, toks, j, ctx), ctx, one_word=True)
        if named is not None:
            return Speaker(named.name, phrase_text(text, phrase), "person"), False, j
    if sp and stop == "," and sp.kind == "person":
        role = _apposition(text, toks, j, lex)
        if role:
            sp = Speaker(sp.name, role if not sp.role else sp.role, sp.kind)
    elif sp and stop == "," and sp.kind == "role" and j < len(toks) and toks[j].is_cap:
        # "kata Wakil Bupati Ngada, Budi Santoso": the role, then the name;
        # "Kepala Dusun X, Kelurahan Y, Kecamatan Z, Budi": past places in between.
        named_toks, _, _ = phrase_tokens(text, toks, _past_places(text, toks, j, ctx), lex)
        named = parse_speaker(text, named_toks, ctx) if named_toks else None
        if named and named.kind == "person" and not named.role:
            sp = Speaker(named.name, sp.name, "person")
    return sp, False, j


PLACES_BETWEEN: Final = 3  # comma-set places or units read past between a role and a name


def _past_places(text: str, toks: list[Token], j: int, ctx: ArticleContext) -> int:
    """The index past the comma-set places at toks[j] that stand between a role and the
    name of whom holds it: "Kelurahan Sidorejo, Kecamatan Tegalrejo, " or "Jakarta
    Utara, " (each a place of the lexicon or the article, or a place head and its name)
    or a body ("Rumah Sakit Umum Pusat X, "), at most `PLACES_BETWEEN`. j itself when
    there are none."""
    lex = ctx.lex
    k = j
    for _ in range(PLACES_BETWEEN):
        seg, nxt, stop = phrase_tokens(text, toks, k, lex)
        if stop != "," or not seg or nxt >= len(toks) or not toks[nxt].is_cap:
            break
        place = (
            _match_multi_places(seg, lex) == len(seg)
            or all(ctx.is_place(t) or t.lower in lex.place_heads for t in seg)
            or (seg[0].lower in lex.place_heads and len(seg) <= 3)
            or _match_multi(seg, 0, lex.organisations, lex.org_max_words) > 0
        )
        if not place:
            break
        k = nxt
    return k


def _named_after_relative(
    text: str, toks: list[Token], j: int, ctx: ArticleContext
) -> Speaker | None:
    """ "... yang bernama Abdul", "... yang berinisial MR" at toks[j]: the person named."""
    lex = ctx.lex
    if not (
        j + 2 < len(toks)
        and toks[j].lower in lex.relatives
        and toks[j + 1].lower in lex.name_introducers
        and toks[j + 2].is_cap
    ):
        return None
    phrase, _, _ = phrase_tokens(text, toks, j + 2, lex)
    sp = parse_speaker(text, phrase, ctx) if phrase else None
    if sp is not None and sp.kind == "organization" and " " not in sp.name:
        return Speaker(sp.name, None, "person")  # initials: "yang berinisial MR"
    return sp if sp is not None and sp.kind == "person" else None


def _through(text: str, toks: list[Token], j: int, ctx: ArticleContext) -> Speaker | None:
    """ "jelas Kapolres X AKBP Budi melalui Kapolsek Y AKP Rudi": someone speaking
    through another, at toks[j]; the words are the second one's: a person named there
    with two words or more, or one word after a rank or title ("Ipda Rudi"); not a means
    ("melalui akun Instagramnya", "melalui Zoom Meeting") nor a role and its place
    ("melalui Kabag Humas Sleman")."""
    lex = ctx.lex
    if toks[j].lower not in lex.through or not _capish(toks[j + 1], lex):
        return None
    phrase, _, _ = phrase_tokens(text, toks, j + 1, lex)
    if any(
        t.lower in lex.through_means or t.lower in lex.account_words or t.lower in lex.platforms
        for t in phrase
    ):
        return None
    sp = parse_speaker(text, phrase, ctx) if phrase else None
    if sp is None or sp.kind != "person":
        return None
    if " " not in sp.name:
        at = next((k for k, t in enumerate(phrase) if t.text == sp.name), 0)
        if at == 0 or phrase[at - 1].text not in lex.honorifics:
            return None
    return sp


def _name_is_a_body(sp: Speaker, lex: Lexicon) -> bool:
    """The "name" read after a role may be a body's or a client's: one word ("kuasa hukum
    Citra"), or after an organisation word ("Direktur Utama PT Sinar Abadi"); a full name
    after a title is the person's ("Gubernur Jawa Barat Dedi Mulyadi, Gedung Sate")."""
    role = (sp.role or "").lower().split()
    return " " not in sp.name or (bool(role) and role[-1] in lex.organisations)


def _name_at(
    text: str, toks: list[Token], j: int, ctx: ArticleContext, one_word: bool = False
) -> Speaker | None:
    """A person's name of two words or more (or, with `one_word`, one name-like word),
    with no role, as the whole phrase at toks[j] (ended by punctuation, the end, or a
    word that ends a speaker phrase)."""
    if j >= len(toks) or not _capish(toks[j], ctx.lex):
        return None
    named_toks, k, stop = phrase_tokens(text, toks, j, ctx.lex)
    ended = stop in (",", ".", "end", "(") or (
        stop == "word" and k < len(toks) and toks[k].lower in ctx.lex.phrase_stops
    )
    if not ended or len(named_toks) < (1 if one_word else 2):
        return None
    named = parse_speaker(text, named_toks, ctx)
    if named is None or named.kind != "person" or named.role:
        return None
    if " " not in named.name and not (one_word and name_like(named_toks[-1], ctx, last=True)):
        return None
    return named


def _name_after_where(
    text: str, toks: list[Token], j: int, sp: Speaker, ctx: ArticleContext
) -> Speaker | None:
    """After a role stopped by "dari" or "di": the capitalised body it names, a comma,
    then a whole name; the speaker with the role up to the comma."""
    lex = ctx.lex
    if toks[j].lower not in lex.origin or not toks[j + 1].is_cap:
        return None
    # (a place: "pedagang dari Pasar Induk, Cibitung" names no body before the comma)
    if toks[j + 1].lower in lex.place_heads or toks[j + 1].lower in lex.place_bodies:
        return None
    where, k, stop = phrase_tokens(text, toks, j + 1, ctx.lex)
    if stop != "," or not where:
        return None
    named = _name_at(text, toks, k, ctx)
    if named is None:
        return None
    return Speaker(named.name, f"{sp.name} {toks[j].text} {phrase_text(text, where)}", "person")


def _demonstrative_ahead(text: str, toks: list[Token], j: int, lex: Lexicon) -> int:
    """ "ujar politikus yang biasa disapa Rudi itu ketika ...", "kata politisi dari partai itu
    ini": the index of the demonstrative that ends a description going on past toks[j]
    (followed by punctuation, the end, or a word that ends a speaker phrase); -1 if
    there is none within 12 words."""
    for k in range(j, min(j + 12, len(toks))):
        if k > j and _gap_has(text, toks[k - 1].end, toks[k].start, ',.;:!?()"“”'):
            return -1
        if toks[k].lower in lex.demonstratives:
            after = text[toks[k].end : toks[k].end + 2]
            if (
                not after.strip()
                or after.lstrip()[:1] in ",.;:!?("
                or k + 1 == len(toks)
                or (toks[k + 1].lower in lex.phrase_stops and toks[k + 1].start == toks[k].end + 1)
            ):
                return k
            return -1
    return -1


def _description(
    text: str, toks: list[Token], phrase: list[Token], j: int, stop: str, ctx: ArticleContext
) -> tuple[Speaker | None, bool, int] | None:
    """A phrase that describes someone instead of naming them, as `speaker_from`
    answers it: "kata sang menteri", "ujar pria itu", "ujar politikus yang biasa disapa
    Rudi itu", "ujar mantan Kapolres X", "tutur pemuda tersebut". Its speaker is of kind
    "description": the phrase as written, with the role it names (without the pointer and
    the demonstrative) as its role; `resolve` finds who it means. None for a phrase that
    names someone ("kata mantan Menteri X Budi Santoso") or describes nobody."""
    lex = ctx.lex
    end = phrase[-1].end
    stopped_at = toks[j].lower if j < len(toks) else ""
    ahead = _demonstrative_ahead(text, toks, j, lex) if stop == "word" else -1
    if ahead >= 0:
        core, end, j = phrase, toks[ahead].end, ahead + 1
    elif len(phrase) >= 2 and phrase[-1].lower in lex.demonstratives:
        core = phrase[:-1]
    elif len(phrase) >= 2 and phrase[0].lower in lex.pointers and not phrase[0].is_cap:
        core = phrase
    else:
        return None
    while core and core[0].lower in lex.pointers:
        core = core[1:]
    named = parse_speaker(text, core, ctx) if core else None
    if (
        named is not None
        and named.kind == "person"
        and core[0].is_cap
        and (ahead < 0 or stopped_at in lex.phrase_stops)
    ):
        # named: "kata mantan Menteri X Budi Santoso", "tutur Darto yang kemarin
        # terpilih ini", "jawab Budi kepada rekannya tersebut" (not "ujar Perwira berkumis
        # tebal tersebut", a noun phrase)
        return None
    role = named.name if named is not None and named.kind == "role" else None
    return Speaker(text[phrase[0].start : end], role, "description"), False, j


def find_via(text: str, toks: list[Token], lex: Lexicon) -> tuple[str | None, bool]:
    """Outlet a passage says it took its words from (seperti dikutip TASS), and whether
    the phrase carries over to the quotes after it (seperti diberitakan X)."""
    lows = [t.lower for t in toks]
    firsts = lex.via_first_words
    for k in range(len(toks)):
        if lows[k] not in firsts:
            continue
        for phrase in lex.via_phrases:
            n = len(phrase)
            if tuple(lows[k : k + n]) != phrase:
                continue
            rest = toks[k + n :]
            if rest and "," in text[toks[k + n - 1].end : rest[0].start]:
                continue  # "Sebelumnya diberitakan, X ...": an opener, no source named
            # "seperti dikutip kantor berita TASS", "dilansir dari laman resmi X": the
            # kind of source before its name
            skip = 0
            while skip < min(3, len(rest)) and rest[skip].lower in lex.via_descriptors:
                skip += 1
            if skip and skip < len(rest) and rest[skip].is_cap:
                rest = rest[skip:]
            if not rest or not rest[0].is_cap:
                continue
            # The outlet: a known outlet name at the start, else the capitalised run.
            for m in range(min(lex.outlet_max_words, len(rest)), 0, -1):
                key = " ".join(t.lower for t in rest[:m])
                if key in lex.outlets:
                    return lex.outlets[key], phrase in lex.carry_phrases
            run: list[Token] = []
            for t in rest:
                if not t.is_cap or (run and _gap_has(text, run[-1].end, t.start, ",.;:()")):
                    break
                run.append(t)
            if run:
                return text[run[0].start : run[-1].end], phrase in lex.carry_phrases
    return None, False


def post_attribution(text: str, start: int, end: int, ctx: ArticleContext) -> Attribution | None:
    """Attribution after a quote: `"…," kata X`, `"…," ujarnya`, `"…," X menambahkan`."""
    lex = ctx.lex
    toks = ctx.between(start, end)
    if not toks:
        return None
    # The cue must come right after the quote (only a comma or dash may stand between).
    lead = text[start : toks[0].start]
    if any(ch not in " ,\u00a0-–—" for ch in lead):
        return None
    if lead.strip(" \u00a0") in ("-", "--", "–", "—") and toks[0].is_cap:
        # A speaker after a dash: "Kami tidak akan mundur." — Budi Santoso
        phrase, _, stop = phrase_tokens(text, toks, 0, lex)
        sp = parse_speaker(text, phrase, ctx) if phrase else None
        if sp and stop in ("end", ".", ","):
            return Attribution(sp, None, cue_pos=toks[0].start)
    # "...," demikian kata X: the cue after the word that sums up
    i = 1 if toks[0].lower in lex.summary_openers and len(toks) > 1 else 0
    sentence = _sentence_tokens(text, toks, lex)
    via, _ = find_via(text, sentence, lex)
    lows = [t.lower for t in toks]
    # Multi-word cue: "bunyi pernyataan Kementerian X", "demikian pernyataan X".
    for start in dict.fromkeys((0, i)):
        for cue_words in lex.cue_phrases:
            n = len(cue_words)
            if tuple(lows[start : start + n]) == cue_words:
                cue = text[toks[start].start : toks[start + n - 1].end]
                sp, pron, _ = speaker_from(text, toks, start + n, ctx)
                if sp or pron:
                    return Attribution(sp, cue, pron, via=via, cue_pos=toks[start].start)
    tok = toks[i]
    low = tok.lower
    # Pronoun cue: "katanya", "ujarnya", "tegasnya".
    if low in lex.nya_cues:
        return Attribution(None, tok.text, True, via=via, cue_pos=tok.start)
    # Bare cue then speaker: "kata X", "ujar dia", "kata juru bicara Y".
    if low in lex.post_cues:
        j = i + 1
        while j < len(toks) and toks[j].lower in lex.adverbs:
            j += 1
        sp, pron, _ = speaker_from(text, toks, j, ctx)
        if sp or pron:
            return Attribution(sp, tok.text, pron, via=via, cue_pos=tok.start)
        return None
    # Subject then verb: "X menambahkan", "ia menjelaskan".
    for k in range(i, min(i + 10, len(toks))):
        if toks[k].lower in lex.active_verbs:
            subj = [t for t in toks[i:k] if t.lower not in lex.adverbs]
            if not subj:
                return None
            if _gap_has(text, toks[i].start, toks[k].start, '.;:!?"“”'):
                return None
            if len(subj) == 1 and subj[0].lower in lex.pronouns | lex.plural_pronouns:
                return Attribution(None, toks[k].text, True, via=via, cue_pos=toks[k].start)
            sp = parse_speaker(text, subj, ctx)
            if sp and subj[0].is_cap:
                return Attribution(sp, toks[k].text, False, via=via, cue_pos=toks[k].start)
            return None
    return None


def _sentence_tokens(text: str, toks: list[Token], lex: Lexicon) -> list[Token]:
    """Tokens up to the first sentence end."""
    out: list[Token] = []
    for t in toks:
        if out and "." in text[out[-1].end : t.start] and not _is_abbrev(text, out[-1], lex):
            break
        if out and _gap_has(text, out[-1].end, t.start, '!?"“”'):
            break
        out.append(t)
    return out


def _after_capitalised(text: str, lo: int, w: int) -> bool:
    """The word ending one space before `w` is capitalised (looked at from `lo` on)."""
    if w - 2 < lo or text[w - 1] != " " or not text[w - 2].isalpha():
        return False
    k = w - 2
    while k > lo and text[k - 1].isalpha():
        k -= 1
    return text[k].isupper()


def clause_start(text: str, lo: int, hi: int, lex: Lexicon) -> int:
    """Start of the sentence that contains position `hi` (looking back to `lo`).

    The look-back is bounded, so a text with no sentence ends stays linear.
    """
    lo = max(lo, hi - MAX_CLAUSE_CHARS)
    k = hi - 1
    while k > lo:
        ch = text[k - 1]
        if ch == "|" and text[k].isspace():
            return k  # a dateline's separator: "Sentani | Kapolres X menerima"
        if ch in SENTENCE_END and text[k].isspace():
            # Skip abbreviations such as "Dr." and initials, and honorifics ("dr.", "Prof.").
            w = k - 1
            while w > lo and text[w - 1].isalpha():
                w -= 1
            word = text[w : k - 1]
            if word and ch == "." and word + "." in lex.honorifics:
                k -= 1
                continue
            if len(word) == 1 and word.isupper() and ch == "." and _after_capitalised(text, lo, w):
                k -= 1  # an initial inside a name: Herman T. Rumbewas
                continue
            if (
                not (
                    len(word) <= ABBREV_MAX
                    and word[:1].isupper()
                    and word != word.upper()
                    and (word.lower() in lex.abbreviations or word.lower() in lex.rank_qualifiers)
                )
                or len(word) == 0
            ):
                return k
        if ch in ALL_MARKS and k - 2 >= lo and text[k - 2] in SENTENCE_END:
            return k
        k -= 1
    return lo


def subject_before_verb(
    text: str, toks: list[Token], v: int, ctx: ArticleContext
) -> tuple[Speaker | None, bool]:
    """Subject of the speech verb toks[v]: `Presiden X mengatakan`, `X, Kepala Y, menegaskan`."""
    lex = ctx.lex
    k = v
    while k > 0 and toks[k - 1].lower in lex.adverbs:
        k -= 1
    if k == 0:
        return None, False
    if k >= 2 and toks[k - 1].lower in lex.manner:
        # "Rina lalu menepuk bahu Dodi dengan berkata": the sentence's subject
        return _sentence_subject(text, toks[: k - 1], ctx), False
    # Comma-separated segments before the verb, nearest first.
    segments: list[list[Token]] = [[]]
    for j in range(k - 1, -1, -1):
        t = toks[j]
        segments[-1].insert(0, t)
        # Commas, brackets and a dateline's dash separate segments.
        gap = text[toks[j - 1].end : t.start] if j > 0 else ""
        if j > 0 and (any(ch in ",;:()—–" for ch in gap) or gap.strip() in ("-", "--")):
            segments.append([])
    segments = [s for s in segments if s]
    # Skip time and place asides between subject and verb: "X, di Jakarta, kemarin, mengatakan",
    # and degrees after the name: "Drs. H. X, M.Pd., mengatakan".
    # A relative clause too: "X, yang dihubungi melalui telepon, mengatakan".
    while segments and (
        _is_aside(segments[0], lex)
        or _is_degrees(text, segments[0], lex)
        or (len(segments) > 1 and segments[0][0].lower in lex.relatives)
    ):
        segments = segments[1:]
    if not segments:
        return None, False
    # An aside opening the clause is no part of the subject: "Saat dikonfirmasi, X, ..."
    while len(segments) > 1 and (
        _is_aside(segments[-1], lex) or not _trim_leading(segments[-1], lex, text)
    ):
        segments = segments[:-1]
    # "Budi Santoso, peneliti senior di Lembaga X, mengatakan": the name opens the clause.
    if len(segments) > 1:
        first = _trim_leading(segments[-1], lex, text)
        nearest = parse_speaker(text, segments[0], ctx)
        if (
            first
            and first[0].is_cap
            and (segments[0][0].lower in lex.roles or not _capish(segments[0][0], lex))
            and (nearest is None or nearest.kind != "person" or not _capish(segments[0][0], lex))
        ):
            named = parse_speaker(text, first, ctx)
            if (
                named
                and named.kind == "person"
                and len(first) <= 5
                # a name, not a body's one-word name after a role ("Universitas Sriwedari")
                and (named.role is None or " " in named.name)
            ):
                return Speaker(
                    named.name, named.role or _role_text(text, segments[0], lex), "person"
                ), False
    seg = _trim_leading(segments[0], lex, text)
    dropped = segments[0][: len(segments[0]) - len(seg)]
    if dropped and seg and _is_common_noun(dropped[-1], lex) and not _starts_role(seg, 0, lex):
        # "sebagian warga Betawi menilai": the capitalised word qualifies a common noun
        # (not a role word: "... payung hukum Ketua Badan X Rudi mengatakan").
        return None, False
    # "X yang dihubungi Kompas mengatakan": the subject ends before its relative clause.
    for cut, tok in enumerate(seg):
        if tok.lower in lex.relatives and cut:
            after = seg[cut + 1 :]
            if (
                after
                and after[-1].lower in lex.demonstratives
                and not _names_someone(text, seg[:cut], ctx)
            ):
                # "Pejabat yang biasa dipanggil Hendra ini menuturkan": a description of someone
                # named before
                return None, True
            if after and after[0].lower in lex.appositive and after[-1].is_cap:
                # "peneliti senior yang juga Penasihat Menteri X Budi": the named part, unless
                # the part before names someone ("Kapten X yang juga Komandan Y")
                before = parse_speaker(text, seg[:cut], ctx)
                if before is not None and before.kind == "person":
                    also = parse_speaker(text, after[1:], ctx)
                    also_role = also.name if also is not None and also.kind == "role" else None
                    return Speaker(before.name, before.role or also_role, "person"), False
                seg = after[1:]
            else:
                seg = seg[:cut]
            break
    # "Kapolsek X lewat Kanit Y menjelaskan": Y's words.
    for k in range(1, len(seg) - 1):
        if seg[k].lower in lex.through and _capish(seg[k + 1], lex, text):
            through = _through(text, seg, k, ctx)
            if through is not None:
                return through, False
    # "X di Surabaya mengatakan": a place or time after the subject is not part of it.
    cut = 1
    while cut < len(seg):
        if seg[cut].lower in lex.phrase_stops and seg[cut].lower not in lex.relatives:
            if cut <= 2 and seg[cut].lower in lex.leading_time and cut + 1 < len(seg):
                # "Sehari sebelumnya Gubernur X mengatakan": time first, then the subject.
                seg = seg[cut + 1 :]
                cut = 1
                continue
            seg = seg[:cut]
            break
        cut += 1
    # A subject holds no auxiliary and no other verb: "petugas sudah berkali-kali
    # mengimbau dan menegur" is a clause before the verb.
    if any(t.lower in lex.clause_words or t.lower in lex.active_verbs for t in seg):
        return None, False
    # The word before the verb must belong to the subject: a name, a pronoun or a role
    # ("masyarakat menilai" has a common noun for subject, not a speaker).
    if seg and not (
        _capish(seg[-1], lex, text)
        or seg[-1].lower in lex.pronouns | lex.plural_pronouns | lex.demonstratives
        or seg[-1].lower in lex.roles
        or seg[-1].lower in lex.connectors
    ):
        return None, False
    if seg and (
        seg[-1].lower in lex.pronouns | lex.plural_pronouns or seg[-1].lower in lex.demonstratives
    ):
        # "Ia mengatakan", "Pejabat itu menegaskan": someone already named.
        return None, True
    if not seg:
        return None, False
    sp = parse_speaker(text, seg, ctx)
    if sp is None:
        return None, False
    # Apposition "Budi Santoso, Kepala Dinas X, mengatakan": name in the earlier segment.
    if sp.kind in ("role", "organization") and len(segments) > 1:
        prev = _trim_leading(segments[1], lex, text)
        if prev and prev[0].is_cap:
            named = parse_speaker(text, prev, ctx)
            if named and named.kind == "person":
                return Speaker(
                    named.name, named.role or text[seg[0].start : seg[-1].end], "person"
                ), False
    if not _capish(seg[0], lex, text) and sp.kind == "person" and not _starts_role(seg, 0, lex):
        return None, False  # (a role before the name may be lower case: "dokter Rani X")
    if sp.kind == "person" and not sp.role and len(segments) > 1:
        # "Kepala Dinas Pendidikan Garut, Drs. X, M.Pd., mengatakan": the role before it
        prev = _trim_leading(segments[1], lex, text)
        if prev and len(prev) == len(segments[1]) and _starts_role(prev, 0, lex):
            sp = Speaker(sp.name, text[prev[0].start : prev[-1].end], "person")
    return sp, False


def _sentence_subject(text: str, toks: list[Token], ctx: ArticleContext) -> Speaker | None:
    """The person whose name opens the clause `toks` (past sentence openers), if any:
    "Rina lalu menepuk bahu Dodi" -> Rina."""
    lex = ctx.lex
    seg = _trim_leading(toks, lex, text)
    # role words first, in lower case too ("kepala desa Rina X lalu ...")
    k = 0
    while k < len(seg):
        n = _match_multi(seg, k, lex.roles, lex.role_max_words)
        if n == 0:
            break
        k += n
    run: list[Token] = list(seg[:k])
    for tok in seg[k:]:
        if not _capish(tok, lex, text) or (run and text[run[-1].end : tok.start] != " "):
            break
        run.append(tok)
    if not run or len(run) == len(seg):
        return None
    sp = parse_speaker(text, run, ctx)
    return sp if sp is not None and sp.kind == "person" else None


def _role_text(text: str, seg: list[Token], lex: Lexicon) -> str | None:
    """The segment as a role, if it reads as one: up to a word that ends a speaker phrase
    (but "dari": "peneliti dari Pusat X"), and with no verb or auxiliary ("Bupati Ngada
    dalam rapat ..." -> "Bupati Ngada"; not "pemerintah daerah belum
    juga bergerak", a clause)."""
    kept: list[Token] = []
    for t in seg:
        if kept and not t.is_cap and t.lower in lex.phrase_stops and t.lower not in lex.origin:
            break
        if t.lower in lex.clause_words or t.lower in lex.active_verbs:
            return None
        kept.append(t)
    return text[kept[0].start : kept[-1].end] if kept else None


def _names_someone(text: str, toks: list[Token], ctx: ArticleContext) -> bool:
    """The words name a person or a body, not a common noun ("Budi Santoso", "Kapolres
    X"; not "Pria", "Perempuan muda")."""
    sp = parse_speaker(text, toks, ctx) if toks else None
    if sp is None or sp.kind == "role":
        return False
    return (
        sp.kind == "organization"
        or len(sp.name.split()) > 1
        or sp.role is not None
        or (sp.name.lower() not in ctx.lower_words)
    )


def _capish(tok: Token, lex: Lexicon, text: str = "") -> bool:
    """Capitalised, an honorific, or (given the text) a handle: "@rina_m"."""
    return tok.is_cap or _honorific(tok, lex) or (bool(text) and handle_at(text, tok))


def _is_degrees(text: str, seg: list[Token], lex: Lexicon) -> bool:
    """A segment that is one academic degree as written ("M.Pd.", "S.H", "MSi")."""
    end = seg[-1].end
    if text[end : end + 1] == ".":
        end += 1
    bare = text[seg[0].start : end].replace(" ", "").rstrip(".")
    return bare in lex.degrees or bare + "." in lex.degrees


def _is_common_noun(tok: Token, lex: Lexicon) -> bool:
    low = tok.lower
    return (
        not tok.is_cap
        and low not in common_words()
        and low not in lex.adverbs
        and low not in lex.roles
        and low not in lex.connectors
    )


def _is_aside(seg: list[Token], lex: Lexicon) -> bool:
    first = seg[0].lower
    if first in lex.aside_openers:
        return True
    if " ".join(t.lower for t in seg) in lex.relative_times:
        return True
    return all(
        t.lower in lex.days
        or t.lower in lex.relative_times
        or t.lower in lex.months
        or t.lower in lex.time_words
        or t.text[:1].isdigit()
        for t in seg
    )


def _honorific(tok: Token, lex: Lexicon) -> bool:
    """An honorific or a rank, its dot written or not ("Dr", "dr", "H"); unlike
    `names.is_title`, which takes a dotted one ("H.") only with its dot in the text."""
    return tok.text + "." in lex.honorifics or (tok.text in lex.honorifics and len(tok.text) > 1)


def _trim_leading(seg: list[Token], lex: Lexicon, text: str = "") -> list[Token]:
    """Drop sentence openers before a subject: "Namun", "Sementara itu", "Dalam hal ini"
    (not a handle: "@rina_m berkicau")."""
    common = common_words()
    i = 0
    while (
        i < len(seg)
        and not _honorific(seg[i], lex)
        and not (text and handle_at(text, seg[i]))
        and (
            seg[i].lower in common
            or not seg[i].is_cap
            and seg[i].lower not in lex.roles
            and seg[i].lower not in lex.pronouns
            and seg[i].lower not in lex.plural_pronouns
        )
    ):
        if seg[i].lower in lex.pronouns or seg[i].lower in lex.plural_pronouns:
            break
        # A lower-case role word starts the subject: "juru bicara X mengatakan".
        if _starts_role(seg, i, lex):
            break
        i += 1
    return seg[i:]


def _starts_role(seg: list[Token], i: int, lex: Lexicon) -> bool:
    """A title of one or two words starts at seg[i] ("Wali Kota ...", "Kepala ...", "juru
    bicara ..."), not a portfolio or a law's subject ("Perlindungan Petani")."""
    two = " ".join(t.lower for t in seg[i : i + 2])
    return seg[i].lower in lex.roles or two in lex.roles


def pre_attribution(text: str, lo: int, open_at: int, ctx: ArticleContext) -> Attribution | None:
    """Attribution before a quote: `X mengatakan, "…"`, `Menurut X, "…"`, `X: "…"`."""
    lex = ctx.lex
    start = clause_start(text, lo, open_at, lex)
    clause = text[start:open_at]
    toks = ctx.between(start, open_at)
    if not toks:
        return None
    tail = clause.rstrip()
    via, _ = find_via(text, toks, lex)
    # "Menurut X, "…"" and "Kata X: "…"".
    for k, t in enumerate(toks):
        # "Menurut X, ..." anywhere in the clause; "Kata X, ..." opening it.
        opens = k == 0 and t.lower in lex.according
        if (t.lower in lex.according_anywhere or opens) and k + 1 < len(toks):
            sp, pron, _ = speaker_from(text, toks, k + 1, ctx)
            if sp or pron:
                cue = t.text if opens else None
                return Attribution(sp, cue, pron, via=via, cue_pos=t.start)
    # "X mengatakan, "…"", "X menegaskan: "…"", "X mengatakan bahwa "…"".
    for v in range(len(toks) - 1, -1, -1):
        if toks[v].lower in lex.active_verbs:
            sp, pron = subject_before_verb(text, toks, v, ctx)
            if sp or pron:
                return Attribution(sp, toks[v].text, pron, via=via, cue_pos=toks[v].start)
            break
    # "X: "…"" with a short capitalised speaker before the colon.
    if tail.endswith(":") and len(toks) <= 8:
        seg = _trim_leading(toks, lex, text)
        # "Bagus mengangguk: "…"": the name, without what it does
        cut = 1
        while cut < len(seg) and (
            seg[cut].is_cap or seg[cut].lower in lex.roles or seg[cut].lower in lex.connectors
        ):
            cut += 1
        seg = seg[:cut]
        if seg and seg[0].is_cap:
            sp = parse_speaker(text, seg, ctx)
            if sp:
                return Attribution(sp, None, False, via=via, cue_pos=seg[0].start)
    return None
