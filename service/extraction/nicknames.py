"""Nicknames an article gives its people, and names in marks inside a name.

- After a name: "Asep Mulyana, yang akrab disapa Kang Asep", "X alias Ucok",
  "Sastrowiryo atau yang akrab disapa Mbah Sastro", "— juga dikenal sebagai X —".
- After a noun for someone already named: "pria yang akrab disapa Ejak itu".
- In marks inside a name: Rizky "Kiki" Ramadhan is no quote.

The words come from lexicons/people.json, compiled into the lexicon's patterns
(`nickname_after_name`, `nickname_given`, `nickname_after_noun`, ...).
"""

from __future__ import annotations

import re

from .attribution import clause_start
from .lexicon import Lexicon
from .names import ArticleContext, Speaker, word_before
from .people import Registry, norm_key
from .text import Paragraph, Span


def plainly_a_nickname(
    text: str, nick: re.Match[str], lex: Lexicon, maybe_noun: bool = False
) -> bool:
    """`lex.nickname_after_name` read a nickname only if it says so: "yang akrab disapa", "atau",
    "alias", a comma or a dash, not a bare "Budi dipanggil Rudi ke ruangannya"
    (summoned). After a word that may be a noun (`maybe_noun`), not "Pria yang akrab
    disapa X itu", a noun for someone (`nickname_after_noun`), unless a comma
    or "atau" says the word is the name ("Kartosemito atau yang akrab disapa X itu")."""
    said = nick.group(0)
    set_off = said.lstrip()[:1] in (",", "—", "–")
    if (
        maybe_noun
        and not set_off
        and lex.nickname_alternative.search(said) is None
        and lex.demonstrative_after.match(text, nick.end())
    ):
        return False
    return set_off or lex.nickname_markers.search(said) is not None


def nickname_after_noun(
    text: str,
    par: Paragraph,
    quote_ranges: list[tuple[int, int]],
    reg: Registry,
    ctx: ArticleContext,
) -> None:
    """ "Hal itu diungkapkan pria yang akrab disapa Ejak itu": a nickname given after a
    noun, then "itu"/"ini", is the person last named or speaking (not after "seorang": a
    new person). After a capitalised word: a word of a full name the article gave is that
    person's; another, mid-sentence, is left to the names read with the runs."""
    lex = ctx.lex
    for m in lex.nickname_after_noun.finditer(text, par.start, par.end):
        if any(a <= m.start() < b for a, b in quote_ranges):
            continue
        noun = next((t for t in ctx.in_paragraph(par) if t.start == m.start(1)), None)
        if noun is None or noun.lower in lex.nickname_alternatives or noun.lower in lex.list_and:
            continue  # "Kartosemito atau yang akrab disapa X itu": read with the name
        owner: Speaker | None
        if noun.is_cap and reg.knows_name_word(noun.lower):
            # "Asep yang akrab disapa Kang Asep itu": a name the article gave in full
            owner = reg.fullest(Speaker(noun.text, None, "person"))
        elif noun.is_cap and not sentence_starts_at(text, par, noun.start, lex):
            continue  # a name or a title mid-sentence, not a noun for someone
        elif lex.new_person_before.search(text, max(par.start, m.start() - 48), m.start()):
            continue
        else:
            owner = reg.last_person(m.start())
        if owner is not None:
            reg.nicknames.setdefault(norm_key(m.group(2)), owner)


def sentence_starts_at(text: str, par: Paragraph, pos: int, lex: Lexicon) -> bool:
    """No word of the paragraph stands before `pos` in its sentence: the sentence's start
    is `clause_start`'s, as for every other sentence-start test (`first_in_sentence`),
    so an honorific's or an abbreviation's dot ends no sentence here either."""
    k = clause_start(text, par.start, pos, lex)
    return not any(ch.isalnum() for ch in text[k:pos])


def in_marks_inside_name(t: str, span: Span, text: str) -> bool:
    """A name in marks inside a name: Rizky "Kiki" Ramadhan (one or two capitalised
    words, a capitalised word right before the opening mark and right after the closing
    one)."""
    words_ = text.split()
    if not 1 <= len(words_) <= 2 or not all(w[:1].isupper() and w.isalpha() for w in words_):
        return False
    before = t[max(0, span.open_at - 2) : span.open_at]
    after = t[span.close_at : span.close_at + 2]
    return (
        len(before) == 2
        and before[1] == " "
        and before[0].isalpha()
        and len(after) == 2
        and after[0] == " "
        and after[1].isupper()
        and word_before(t, span.open_at - 1)[:1].isupper()
    )
