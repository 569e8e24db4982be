"""Reading the narrative: who an article names outside its quotes, and who speaks there.

Every paragraph's text outside quotes is read for
- the subjects of speech verbs ("Moroz mengatakan, ..."): they spoke;
- the speakers of narrative cues ("Menurut X, ...", ", kata X, ...", "disampaikan X");
- capitalised runs that name a person ("Presiden Polandia Viktor Moroz"), a role
  standing before a name ("Wali Kota Jakarta Timur, Haris Munandar, memuji ..."), and
  the nicknames given to them;
and each is added to the article's `Registry` (`people.py`), so that later short names,
role words and pronouns find them.
"""

from __future__ import annotations

from typing import Final

from .attribution import _starts_role, clause_start, speaker_from, subject_before_verb
from .lexicon import Lexicon, lexicon
from .names import (
    MAX_NAME_WORDS,
    ArticleContext,
    Speaker,
    is_title,
    name_like,
    parse_speaker,
    past_titles,
)
from .nicknames import nickname_after_noun, plainly_a_nickname
from .people import INTRODUCED, NAMED, SPOKE, Registry, norm_key
from .text import Paragraph, Token

ROLE_RUN_MAX: Final = 12  # capitalised words of a role read on past "dan", at most


def read_narrative(
    text: str,
    par: Paragraph,
    quote_ranges: list[tuple[int, int]],
    reg: Registry,
    ctx: ArticleContext,
    pre: bool = False,
    window: tuple[int, int] | None = None,
) -> None:
    """Record persons named in a paragraph's narrative text and the subjects of its speech
    verbs (`pre`: only the part before its first quote, read before the quotes).

    `window` (start, end), when given, is the one stretch of the paragraph outside
    `quote_ranges`: only its words are looked at, not the whole paragraph's."""
    spoke_here = False
    lex = ctx.lex
    common = ctx.common
    if window is None:
        toks = outside(ctx.in_paragraph(par), quote_ranges)
        lo, hi = par.start, par.end
    else:
        lo, hi = window
        toks = ctx.between(lo, hi)
    may_nickname = reg.may_nickname
    # Subjects of speech verbs: "Moroz mengatakan, ..." makes him the one speaking.
    for v, t in enumerate(toks):
        if t.lower in lex.active_verbs and v > 0:
            lo = clause_start(text, par.start, t.start, lex)
            k = v
            while k > 0 and toks[k - 1].start >= lo:
                k -= 1
            clause = toks[k:v]
            if clause:
                sp, pron = subject_before_verb(text, clause + [t], len(clause), ctx)
                if sp:
                    reg.add(t.start, sp, SPOKE)
                elif pron:
                    # "Ia menyampaikan, ...": whoever "ia" means speaks again here, so a
                    # person named after the verb is its object, not the next antecedent
                    # (unless "ia" is someone new the story does not name: "seorang ibu
                    # merekam ... Ia berbicara")
                    last = reg.last_mention(t.start)
                    if last is not None and not reg.someone_new_since(last[0], t.start):
                        reg.add(t.start, last[1], SPOKE)
                spoke_here = spoke_here or sp is not None or pron
    # "Menurut X, ...", ", kata X, ..." and "disampaikan X" name X as the one speaking.
    for v, t in enumerate(toks):
        narrative_cue = t.lower in lex.narrative_cues or (
            t.lower.startswith(lex.passive_prefix) and t.lower in lex.post_cues
        )
        if narrative_cue and v + 1 < len(toks):
            sp, pron, _ = speaker_from(text, toks, v + 1, ctx)
            if sp and sp.kind == "description":
                sp = reg.described(sp, t.start)
            elif sp and sp.kind == "role":
                sp = reg.by_role(sp.name, t.start)
            if sp and sp.kind != "organization":
                reg.add(t.start, sp, SPOKE)
    # Capitalised runs: "Presiden Polandia Viktor Moroz" anywhere in narrative.
    run: list[Token] = []
    described: tuple[int, str] | None = None  # (end, role) of a run that is a role only
    for at, nxt in enumerate([*toks, None]):
        if nxt is not None and nxt.is_cap and (not run or not breaks(text, run[-1], nxt)):
            run.append(nxt)
            continue
        if nxt is not None and run and _unit_number(text, run, nxt, toks, at, lex):
            run.append(nxt)  # "Dandim 0425/Lembata Letkol X": a unit's number in a role
            continue
        if nxt is not None and run and and_in_role(text, run, nxt, toks, at, ctx):
            run.append(nxt)  # "Kepala Dinas Pekerjaan Umum dan Penataan Ruang X"
            continue
        if run:
            before = toks[at - len(run) - 1] if at > len(run) else None
            opener = None
            while run and run[0].lower in common:
                opener, run = run[0], run[1:]
            if run and _in_brackets(text, run) and described is not None:
                run = []  # "Menteri Pertanian (Mentan) Ahmad Fauzan": the role's short form
            if run:
                sp = parse_speaker(text, run, ctx) if len(run) >= 2 else None
                if (
                    sp is not None
                    and sp.kind == "person"
                    and not sp.role
                    and described is not None
                    and _apposed(text[described[0] : run[0].start])
                ):
                    # "Wali Kota Jakarta Timur, Haris Munandar, memuji ...": the role before
                    sp = Speaker(sp.name, described[1], "person")
                described = None
                if (
                    sp is not None
                    and (sp.kind == "role" or _role_and_place(text, sp, run, toks, at, lex))
                    and _starts_role(run, 0, lex)
                    and opener is None
                    # it opens its sentence, or follows "sekaligus", "juga" (a second role
                    # of someone): not "Kepada Presiden, X melapor" or an object
                    and (
                        before is not None
                        and before.lower in lex.appositive
                        or first_in_sentence(text, par, before, run, lex)
                    )
                ):
                    described = (run[-1].end, text[run[0].start : run[-1].end])
                has_role = sp is not None and has_role_word(sp.role, lex)
                if sp and sp.kind == "person" and len(sp.name.split()) >= 2:
                    # Any two-word name can complete a short one, but only a name
                    # introduced as a person's (a role, "bernama", an age) counts as a
                    # mention for pronouns: other capitalised runs are often titles of
                    # laws or programmes.
                    nick = lex.nickname_after_name.match(text, run[-1].end)
                    if (
                        nick is not None
                        and len(sp.name.split()) != MAX_NAME_WORDS
                        and plainly_a_nickname(text, nick, lex)
                    ):
                        # "Asep Mulyana, yang akrab disapa Kang Asep": the nickname is his
                        # (not for a name read at the word limit, which may be cut short)
                        reg.nicknames.setdefault(norm_key(nick.group(1)), sp)
                    person = has_role or introduced_as_person(text, before, run, lex)
                    if (
                        pre
                        and person
                        and (spoke_here or not opens_sentence(text, par, before, run, lex))
                    ):
                        person = False  # an object of this paragraph's speaker, not who -nya is
                    reg.add(run[0].start, sp, INTRODUCED if person else NAMED)
                elif (
                    len(run) == 1
                    and (
                        run[0].lower in ctx.short_names
                        # a word of a full name given before, and no ordinary word
                        or (
                            reg.knows_name_word(run[0].lower)
                            and run[0].lower not in ctx.lower_words
                            and run[0].lower not in lex.not_speaking
                        )
                    )
                    and _sentence_subject(text, par, before, run, nxt, lex)
                    and name_like(run[0], ctx, last=True)
                    and not (pre and spoke_here)
                ):
                    # "Darius juga membagikan ...": a name the article uses for someone,
                    # opening its sentence as the subject of what it tells
                    reg.add(run[0].start, Speaker(run[0].text, None, "person"), INTRODUCED)
                elif may_nickname and len(run) == 1 and name_like(run[0], ctx, last=True):
                    nick = lex.nickname_after_name.match(text, run[0].end)
                    # a capitalised word may be a noun ("Pria yang akrab disapa X itu")
                    # or a place ("asal Garut yang ... itu"), unless the article gives it
                    # as a name
                    maybe_noun = not reg.knows_name_word(run[0].lower)
                    if nick is not None and plainly_a_nickname(text, nick, lex, maybe_noun):
                        # "Sastrowiryo atau yang akrab disapa Mbah Sastro": the one-word
                        # name's (its fullest form's, if the article gives one)
                        named = Speaker(run[0].text, None, "person")
                        reg.nicknames.setdefault(norm_key(nick.group(1)), named)
        run = [nxt] if nxt is not None and nxt.is_cap else []
    if may_nickname and any(text.find(word, lo, hi) >= 0 for word in lex.nickname_after_noun_words):
        nickname_after_noun(text, par, quote_ranges, reg, ctx)


def _sentence_subject(
    text: str,
    par: Paragraph,
    before: Token | None,
    run: list[Token],
    nxt: Token | None,
    lex: Lexicon,
) -> bool:
    """The run opens its sentence and a lower-case word that is no preposition follows
    it: the subject of what the sentence tells ("Darius juga membagikan ...")."""
    return (
        nxt is not None
        and not nxt.is_cap
        and (nxt.lower not in lex.phrase_stops or nxt.lower in lex.adverbs)
        and nxt.lower not in lex.list_and
        and text[run[-1].end : nxt.start] == " "
        and first_in_sentence(text, par, before, run, lex)
    )


def _in_brackets(text: str, run: list[Token]) -> bool:
    """The run is all that stands inside a pair of brackets: "(Menag)"."""
    before = text[run[0].start - 1 : run[0].start]
    return before == "(" and text[run[-1].end : run[-1].end + 1] == ")"


def _apposed(gap: str) -> bool:
    """What stands between a role and a name that follows it as its holder: a comma,
    or a short form in brackets ("Wali Kota X, Budi", "Menteri Agama (Menag) Budi")."""
    gap = gap.strip()
    if gap == ",":
        return True
    gap = gap.rstrip(",").rstrip()
    return gap.startswith("(") and gap.endswith(")") and gap.count("(") == 1 and len(gap) <= 40


def _role_and_place(
    text: str, sp: Speaker, run: list[Token], toks: list[Token], at: int, lex: Lexicon
) -> bool:
    """ "Kapolres Merauke, AKBP Yosef Wenda": a role and a one-word "name" that a comma and
    a rank then a name follow is a role and its place, not a person."""
    return (
        sp.kind == "person"
        and sp.role is not None
        and " " not in sp.name
        and at + 1 < len(toks)
        and text[run[-1].end : toks[at].start].strip() == ","
        and is_title(toks[at], text, lex)
    )


def opens_sentence(
    text: str, par: Paragraph, before: Token | None, run: list[Token], lex: Lexicon
) -> bool:
    """The run is its sentence's subject: nothing before it in the sentence, or only a
    noun phrase and "bernama" ("Seorang pedagang bernama X"), or "Warga X, Name (45)"."""
    if before is None or first_in_sentence(text, par, before, run, lex):
        return True
    return before.lower in lex.name_introducers or text[before.end : run[0].start].strip() == ","


def first_in_sentence(
    text: str, par: Paragraph, before: Token | None, run: list[Token], lex: Lexicon
) -> bool:
    """No word of the paragraph stands before the run in its sentence."""
    return before is None or clause_start(text, par.start, run[0].start, lex) > before.start


def introduced_as_person(text: str, before: Token | None, run: list[Token], lex: Lexicon) -> bool:
    """A name the text marks as a person's without a role: after "bernama" or
    "berinisial" ("seorang warga bernama X"), or followed by an age in brackets; not a
    victim's or a suspect's ("korban bernama X", "Tersangka, X (34)"), who is named but
    does not speak in the story."""
    introduced = (
        before is not None
        and before.lower in lex.name_introducers
        and not text[before.end : run[0].start].strip()
    ) or lex.age_after.match(text, run[-1].end) is not None
    if not introduced:
        return False
    head = lex.head_before.search(text, max(0, run[0].start - 48), run[0].start)
    return head is None or head.group(1).lower() not in lex.not_speaking


def has_role_word(role: str | None, lex: Lexicon) -> bool:
    """A role with a title in it (not just an organisation: "Tim Reaksi Cepat ...")."""
    if not role:
        return False
    parts = role.lower().split()
    return any(
        " ".join(parts[i : i + n]) in lex.roles
        for i in range(len(parts))
        for n in range(1, lex.role_max_words + 1)
    )


def and_in_role(
    text: str, run: list[Token], nxt: Token, toks: list[Token], at: int, ctx: ArticleContext
) -> bool:
    """ "dan" or "serta" inside a capitalised role ("Kepala Dinas Pekerjaan Umum dan
    Penataan Ruang"): the run so far holds a role word and no name yet (not "Menteri Budi
    Santoso dan Gubernur X"), and a capitalised word follows that starts no role of its
    own (not "Kapolri dan Panglima TNI X": two people)."""
    if not (
        nxt.lower in ctx.lex.list_and
        and at + 1 < len(toks)
        and toks[at + 1].is_cap
        and toks[at + 1].lower not in ctx.lex.roles
        and len(run) <= ROLE_RUN_MAX
        and any(t.lower in ctx.lex.roles for t in run)
        and not breaks(text, run[-1], nxt)
        and not breaks(text, nxt, toks[at + 1])
    ):
        return False
    sp = parse_speaker(text, run, ctx)
    return sp is None or sp.kind != "person"


def breaks(text: str, a: Token, b: Token) -> bool:
    """Two capitalised words that cannot stand in one name or role: anything but spaces
    (or "&") between them, as punctuation, a line end, a dash or a photo credit's ©."""
    gap = text[a.end : b.start]
    if "\n" in gap:
        return True
    bare = gap.strip()
    if bare == "." and (len(a.text) == 1 or a.lower in lexicon().rank_qualifiers):
        return False  # an initial (Herman T. Rumbewas), a corps (Letkol Kav. Sudirgo)
    if gap == "/" and (a.text[:1].isdigit() or a.text.isupper()):
        return False  # a unit's number and its place: Kodim 0425/Lembata, Kodam IV/Diponegoro
    return bare not in ("", "&")


def _unit_number(
    text: str, run: list[Token], nxt: Token, toks: list[Token], at: int, lex: Lexicon
) -> bool:
    """A number after a role or a body's word, with a place or a name after it, inside a
    capitalised run: "Dandim 0425/Lembata", "Kodim 0319/Bengkulu", "Batalyon 501 Raider"."""
    last = run[-1].lower
    return (
        nxt.text[:1].isdigit()
        and (last in lex.roles or last in lex.organisations)
        and text[run[-1].end : nxt.start] == " "
        and at + 1 < len(toks)
        and toks[at + 1].is_cap
        and not breaks(text, nxt, toks[at + 1])
    )


def short_mentions(
    t: str, body: list[Paragraph], ctx: ArticleContext, lex: Lexicon
) -> frozenset[str]:
    """One-word names used with a speech verb: "kata Darto", "Darto menambahkan"."""
    found = set()
    for par in body:
        toks = ctx.in_paragraph(par)
        for k, tok in enumerate(toks):
            low = tok.lower
            if (low in lex.post_cues or low in lex.according_anywhere) and k + 1 < len(toks):
                n = past_titles(t, toks, k + 1, lex)  # "tutur Kombes Surya": Surya
                if n >= len(toks):
                    continue
                nxt = toks[n]
                after = toks[n + 1] if n + 1 < len(toks) else None
                if nxt.is_cap and (
                    after is None or not after.is_cap or t[nxt.end : after.start].strip()
                ):
                    found.add(nxt.lower)
            elif low in lex.active_verbs and k >= 1:
                prev = toks[k - 1]
                before = toks[k - 2] if k >= 2 else None
                if prev.is_cap and (
                    before is None or not before.is_cap or t[before.end : prev.start].strip()
                ):
                    found.add(prev.lower)
    return frozenset(w for w in found if w not in ctx.common and w not in lex.pronouns)


def outside(toks: list[Token], ranges: list[tuple[int, int]]) -> list[Token]:
    """Tokens not inside any of `ranges` (both sorted by start): one merged pass."""
    if not ranges:
        return toks
    out: list[Token] = []
    ranges = sorted(ranges)
    r = 0
    for tok in toks:
        while r < len(ranges) and ranges[r][1] <= tok.start:
            r += 1
        if r < len(ranges) and ranges[r][0] <= tok.start < ranges[r][1]:
            continue
        out.append(tok)
    return out
