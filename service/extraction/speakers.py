"""Who said each quote of an article: the speaker rules, tried in a fixed order.

For every quoted span, paragraph by paragraph, the narrative before it is read first
(`narrative.py`), then the rules of `SPEAKER_RULES` are tried in this order; the first
that gives a choice wins, and the span is no quote if none does. "Bare" below means the
quote opens its paragraph (or follows only its attribution sentence) and has no cue.

1. `cue`: a cue attached to the quote names the speaker: after it ("...," kata X; "...,"
   ujarnya; "...," X menambahkan) or before it (X mengatakan, "..."; Menurut X, "...";
   X: "..."). A pronoun, a description or a role is looked up among the people the
   article named.
2. `same_paragraph`: a bare quote after another quote of its paragraph continues it
   ("A," kata X. "B.": B is X's too).
3. `attributed_after`: a bare quote ending its paragraph, which the next paragraph
   attributes by pointing back with a passive cue ("Hal itu disampaikan X", "Demikian
   dikatakan X").
4. `continuation`: a bare quote paragraph continues the speaker of the previous quote,
   when that quote is at most `CONTINUATION_PARAGRAPHS` paragraphs back, even where that
   speaker is unknown (None) or someone else was named since.
5. `last_person`: a bare quote paragraph with no quote that close before it: the person
   a pronoun would point to there, if someone spoke or was introduced (a name in
   passing is not enough).
6. `attributed_below`: a bare quote paragraph no one spoke before, not a question,
   followed by quote paragraphs the first cued one of which (at most `BELOW_PARAGRAPHS`
   down) names its speaker: ""A." / "B." / "C," kata X.": A and B are X's too.
7. `unattributed`: a bare quote paragraph none of the rules above decides: kept, with
   no speaker.
8. `own_sentence`: a quote inside its paragraph, standing as a sentence of its own after
   narrative of the paragraph that names someone ("Ia meninjau lokasi. "Air sudah
   surut.""): the person a pronoun would point to there.
9. `introducing_verb`: a quote a speech verb introduces with a comma or colon, whose
   subject cannot be read ("Pihak kepolisian menyatakan, "..."": kept, with its cue and
   no speaker).

Rules 2 to 9 need a quote of at least `MIN_UNATTRIBUTED_WORDS` words: a shorter span
counts only with a cue attached to it (after it, or introducing it with a comma or
colon); otherwise it is a scare quote or a name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from .attribution import Attribution, find_via, post_attribution, pre_attribution
from .lexicon import Lexicon
from .model import Quote
from .names import MAX_NAME_WORDS, ArticleContext, Speaker, name_like, word_before
from .narrative import outside, read_narrative, short_mentions
from .nicknames import in_marks_inside_name
from .people import SPOKE, Registry
from .text import ALL_MARKS, Paragraph, Span, Token, words

MIN_UNATTRIBUTED_WORDS: Final = 3  # shorter quoted spans without a cue are scare quotes or names
CONTINUATION_PARAGRAPHS: Final = 2  # a bare quote paragraph continues a speaker this close


class Site:
    """One quoted span and what the rules read about it (a plain class: the mypyc build
    constructs it natively)."""

    __slots__ = (
        "t",
        "body",
        "par",
        "span",
        "k",
        "is_last",
        "n_words",
        "post",
        "att",
        "at_start",
        "ranges_by_par",
        "text",
        "start",
        "end",
    )

    def __init__(
        self,
        t: str,
        body: list[Paragraph],
        par: Paragraph,
        span: Span,
        k: int,
        is_last: bool,
        n_words: int,
        post: Attribution | None,
        att: Attribution | None,
        at_start: bool,
        ranges_by_par: dict[int, list[tuple[int, int]]],
        quoted: tuple[str, int, int],
    ) -> None:
        self.t = t
        self.body = body
        self.par = par  # the paragraph the quote opens in
        self.span = span
        self.k = k  # the span's place among its paragraph's quotes
        self.is_last = is_last  # no later quote opens in the paragraph
        self.n_words = n_words
        self.post = post  # the cue after the quote, if any
        self.att = att  # the cue after it, else the one before it
        self.at_start = at_start  # it opens the paragraph, or follows its attribution only
        self.ranges_by_par = ranges_by_par  # where quotes lie, by paragraph
        # the quote's text without its marks, and its offsets (`quote_text`)
        self.text, self.start, self.end = quoted


class State:
    """What the rules know of the article so far, in reading order."""

    __slots__ = ("reg", "ctx", "prev_in_par", "last_quote")

    def __init__(self, reg: Registry, ctx: ArticleContext) -> None:
        self.reg = reg
        self.ctx = ctx
        self.prev_in_par: Quote | None = None  # the quote before, in this paragraph
        # (last paragraph, speaker, via) of the last quote kept
        self.last_quote: tuple[int, Speaker | None, str | None] | None = None


class Choice:
    """What a rule decided: the speaker (None: unknown), the cue as written, the via."""

    __slots__ = ("speaker", "cue", "via")

    def __init__(self, speaker: Speaker | None, cue: str | None, via: str | None) -> None:
        self.speaker = speaker
        self.cue = cue
        self.via = via


def _cue(site: Site, state: State) -> Choice | None:
    """1. A cue attached to the quote names the speaker."""
    att = site.att
    if att is None:
        return None
    pos = att.cue_pos if att.cue_pos >= 0 else site.span.open_at
    return Choice(resolve(att, pos, state.reg), att.cue, att.via)


def _same_paragraph(site: Site, state: State) -> Choice | None:
    """2. "A," kata X. "B.": the second part is X's too."""
    prev = state.prev_in_par
    if prev is None or not site.at_start:
        return None
    return Choice(speaker_of(prev), None, prev.via)


def _attributed_after(site: Site, state: State) -> Choice | None:
    """3. A bare quote paragraph the next one attributes: "Hal itu disampaikan X"."""
    if not (site.at_start and site.is_last):
        return None
    after = attribution_after(site.t, site.body, site.span, site.ranges_by_par, state.ctx)
    if after is None:
        return None
    return Choice(resolve(after, after.cue_pos, state.reg), after.cue, after.via)


def _continuation(site: Site, state: State) -> Choice | None:
    """4. A bare quote paragraph continues the previous speaker (one the text does not
    name too: it goes on speaking, whoever was named since)."""
    last = state.last_quote
    if not site.at_start or last is None or site.par.index - last[0] > CONTINUATION_PARAGRAPHS:
        return None
    return Choice(last[1], None, last[2])


def _last_person(site: Site, state: State) -> Choice | None:
    """5. A bare quote paragraph with no quote before: who a pronoun would point to
    there, if they spoke or were introduced (not a name in passing)."""
    if not site.at_start:
        return None
    # someone who spoke or was introduced: not a name in passing (a victim's)
    person = state.reg.last_person(site.span.open_at, named_too=False)
    return None if person is None else Choice(person, None, None)


def _attributed_below(site: Site, state: State) -> Choice | None:
    """6. A bare quote paragraph no one spoke before, followed by more quote paragraphs
    the last of which names its speaker: "“A.” / “B.” / “C,” kata X." (A and B are X's)."""
    if not site.at_start or site.text.endswith("?"):
        return None  # (a question the paragraphs below answer: someone else's)
    below = attribution_below(site.t, site.body, site.span, site.ranges_by_par, state.ctx)
    if below is None:
        return None
    return Choice(resolve(below, below.cue_pos, state.reg), below.cue, below.via)


def _unattributed(site: Site, state: State) -> Choice | None:
    """7. A bare quote paragraph whose speaker none of the above finds: kept, with no
    speaker."""
    return Choice(None, None, None) if site.at_start else None


def _own_sentence(site: Site, state: State) -> Choice | None:
    """8. Its own sentence after the paragraph names someone: theirs (with no one named
    there, a slogan or a message, not a quote)."""
    par, span = site.par, site.span
    if not own_sentence(site.t, par, span) or not state.reg.mentioned_between(
        par.start, span.open_at
    ):
        return None
    return Choice(state.reg.last_person(span.open_at), None, None)


def _introducing_verb(site: Site, state: State) -> Choice | None:
    """9. "Pihak kepolisian menyatakan, "…"": a quote its clause introduces, said by
    someone the clause does not name; kept, with its cue and no speaker."""
    verb = introducing_verb(site.t, site.par, site.span, state.ctx.lex)
    return None if verb is None else Choice(None, verb, None)


# The speaker rules in the order they are tried (see the module's docstring).
SPEAKER_RULES: Final[tuple[tuple[str, Callable[[Site, State], Choice | None]], ...]] = (
    ("cue", _cue),
    ("same_paragraph", _same_paragraph),
    ("attributed_after", _attributed_after),
    ("continuation", _continuation),
    ("last_person", _last_person),
    ("attributed_below", _attributed_below),
    ("unattributed", _unattributed),
    ("own_sentence", _own_sentence),
    ("introducing_verb", _introducing_verb),
)


def choose(site: Site, state: State) -> tuple[str, Choice] | None:
    """The first rule that decides, with its name; None when the span is no quote."""
    short = site.n_words < MIN_UNATTRIBUTED_WORDS
    if short and not (site.post or (site.att and introduced(site.t, site.par.start, site.span))):
        return None  # a short quoted word is a scare quote or a name, unless cued
    for name, rule in SPEAKER_RULES:
        if short and name != "cue":
            return None
        choice = rule(site, state)
        if choice is not None:
            return name, choice
    return None


def attribute(
    t: str,
    body: list[Paragraph],
    spans: list[Span],
    ctx: ArticleContext,
    lex: Lexicon,
    title: Paragraph | None = None,
) -> list[Quote]:
    """The article's quotes with their speakers, in reading order. Full names the
    headline (`title`) gives for names the body shortens complete them."""
    short = short_mentions(t, body, ctx, lex)
    ctx.short_names = short
    reg = Registry(ctx, short, t)
    if title is not None:
        for name in title_names(t, title, ctx):
            for word in name.name.lower().split():
                reg.title_names.setdefault(word, name)
    state = State(reg, ctx)
    outlet_names = frozenset(lex.outlets.values())
    ranges_by_par: dict[int, list[tuple[int, int]]] = {}
    for sp in spans:
        for pi in range(sp.first_par, sp.last_par + 1):
            ranges_by_par.setdefault(pi, []).append((sp.open_at, sp.close_at))
    out: list[Quote] = []
    carried_via: str | None = None
    span_iter = sorted(spans, key=lambda s: s.open_at)
    # no quote opens after this paragraph: the narrative after it is never read, as no
    # later quote asks who it names
    last_quoted = span_iter[-1].first_par if span_iter else -1
    si = 0
    for par in body:
        if par.index > last_quoted:
            break
        par_spans = []
        while si < len(span_iter) and span_iter[si].first_par == par.index:
            par_spans.append(span_iter[si])
            si += 1
        # Narrative first: people named and via phrases outside quotes in this paragraph.
        narrative_ranges = ranges_by_par.get(par.index, [])
        if not par_spans:
            read_narrative(t, par, narrative_ranges, reg, ctx)
            via, carry = find_via(t, outside(ctx.in_paragraph(par), narrative_ranges), lex)
            if via and carry:
                carried_via = via
            continue
        # The narrative before the paragraph's first quote is read before its quotes too: a
        # pronoun cue may point to the person named just before ("... warga bernama X
        # mengaku lega. "...," tuturnya."). All of it is read after them, as a sentence
        # split by a quote needs both parts (its mentions then replace these).
        first_open = par_spans[0].open_at
        par_via = None
        par_toks = ctx.in_paragraph(par)
        if par_toks and par_toks[0].start < first_open:
            # (most quote paragraphs open with the quote: nothing to read before it)
            before_quotes = [*narrative_ranges, (first_open, par.end)]
            read_narrative(t, par, before_quotes, reg, ctx, pre=True)
            # "Dilansir AFP, juru bicara X menyebut ... "…," kata dia": an outlet the
            # paragraph names before its first quote is where its quotes were taken from.
            par_via, _ = find_via(t, outside(par_toks, before_quotes), lex)
            if par_via not in outlet_names:
                par_via = None  # "Mengutip Bung Karno, ...": a person or a law, not an outlet
        state.prev_in_par = None
        for k, span in enumerate(par_spans):
            if k and _narrative_between(t, par_spans[k - 1], span):
                # "...," kata A. B menilai, .... "...," kata dia.": the sentence between
                # two quotes is read before the second (B is whom "dia" means)
                lo, hi = par_spans[k - 1].close_at, span.open_at
                between = [(par.start, lo), (hi, par.end)]
                read_narrative(t, par, between, reg, ctx, pre=True, window=(lo, hi))
            site = _site(t, body, par, par_spans, k, ranges_by_par, ctx)
            if site is None:
                continue
            chosen = choose(site, state)
            if chosen is None:
                continue
            rule, choice = chosen
            speaker = choice.speaker
            q = Quote(
                text=site.text,
                start=site.start,
                end=site.end,
                speaker=speaker.name if speaker else None,
                role=speaker.role if speaker else None,
                cue=choice.cue,
                via=choice.via if choice.via is not None else par_via or carried_via,
                speaker_kind=speaker.kind if speaker else None,
                rule=rule,
            )
            out.append(q)
            state.prev_in_par = q
            if speaker:
                reg.add(span.close_at, speaker, SPOKE)
            state.last_quote = (span.last_par, speaker, q.via)
        if par.index < last_quoted:
            read_narrative(t, par, narrative_ranges, reg, ctx)
    return out


def _site(
    t: str,
    body: list[Paragraph],
    par: Paragraph,
    par_spans: list[Span],
    k: int,
    ranges_by_par: dict[int, list[tuple[int, int]]],
    ctx: ArticleContext,
) -> Site | None:
    """What the rules read about the k-th quote opening in `par`; None for a span that is
    no quote whatever its attribution (empty, or a nickname in marks)."""
    span = par_spans[k]
    quoted = quote_text(t, span)
    text = quoted[0]
    if not text or in_marks_inside_name(t, span, text):
        return None
    last_par = body[span.last_par]
    nxt = par_spans[k + 1].open_at if k + 1 < len(par_spans) else last_par.end
    if span.last_par != par.index:
        nxt = last_par.end
    post = post_attribution(t, span.close_at, nxt, ctx) if span.closed else None
    lo = par_spans[k - 1].close_at if k else par.start
    pre = pre_attribution(t, lo, span.open_at, ctx)
    if pre is None and k == 0 and span.open_at == par.start and par.index > 0:
        # "X mengatakan:" ending the paragraph before: the quote paragraph is introduced
        prev = body[par.index - 1]
        if prev.text.rstrip().endswith(":") and not ranges_by_par.get(prev.index):
            pre = pre_attribution(t, prev.start, prev.end, ctx)
    at_start = span.open_at == par.start or (
        k > 0 and only_attribution_between(t, par_spans[k - 1], span)
    )
    att = post or pre
    if (
        post is not None
        and post.pronoun
        and pre is not None
        and pre.speaker is not None
        and pre.speaker.kind == "person"
    ):
        # "Warga lainnya, Budi Santoso berkata, "...," ucapnya": the name before the quote
        # is who the pronoun after it means
        att = Attribution(pre.speaker, post.cue, False, post.via or pre.via, post.cue_pos)
    return Site(
        t,
        body,
        par,
        span,
        k,
        k == len(par_spans) - 1,
        len(text.split()),
        post,
        att,
        at_start,
        ranges_by_par,
        quoted,
    )


def title_names(t: str, title: Paragraph, ctx: ArticleContext) -> list[Speaker]:
    """Full names in a headline around a one-word name the body uses with a speech verb:
    "Rangga Pradipta Diperiksa Jaksa" with "kata Rangga" -> Rangga Pradipta. A headline
    capitalises every word, so the name runs only over name-like words (not lexicon
    words, not words the article writes in lower case), at most `MAX_NAME_WORDS`."""
    toks = words(title.text, title.start)
    found: list[Speaker] = []
    for i, tok in enumerate(toks):
        if tok.lower not in ctx.short_names or not name_like(tok, ctx, last=True):
            continue  # (not a place the body also uses as a subject: "Rusia menilai")
        a = i
        while a > 0 and i - a < MAX_NAME_WORDS - 1 and _title_name_word(t, toks, a - 1, ctx):
            a -= 1
        b = i + 1
        while b < len(toks) and b - a < MAX_NAME_WORDS and _title_name_word(t, toks, b, ctx):
            b += 1
        if b - a >= 2:
            found.append(Speaker(" ".join(x.text for x in toks[a:b]), None, "person"))
    return found


def _title_name_word(t: str, toks: list[Token], k: int, ctx: ArticleContext) -> bool:
    """toks[k] of a headline may be a word of a name next to its neighbour: nothing but a
    space between them, name-like even as a non-final word, and none of the words a
    headline capitalises that names never hold: a cue, an adverb, a verb (one with a
    verb's prefix, unless the body capitalises it too, as it does a name: "Meliala"; or
    a bare verb the article writes with a prefix: "Tanggapi", "menanggapi")."""
    tok = toks[k]
    lex = ctx.lex
    gap = t[toks[k - 1].end : tok.start] if k else " "
    low = tok.lower
    return (
        gap == " "
        and name_like(tok, ctx, last=False)
        and not tok.text.isupper()
        and low not in lex.post_cues
        and low not in lex.adverbs
        and not (low.startswith(lex.verb_prefixes) and tok.text not in ctx.count)
        and not _bare_verb(low, ctx)
    )


def _bare_verb(low: str, ctx: ArticleContext) -> bool:
    """A headline's verb without its prefix ("Kunjungi", "Raih"): one headlines use so,
    or one the article writes with the active prefix ("mengunjungi", "meraih") or the
    passive one ("dikunjungi")."""
    lex = ctx.lex
    lowers = ctx.lower_words
    if low in lex.headline_verbs or lex.passive_prefix + low in lowers:
        return True
    form = lex.active_prefix.get(low[:1])
    if form is None:
        return False
    prefix, drops = form
    return prefix + (low[1:] if drops else low) in lowers


def resolve(att: Attribution, pos: int, reg: Registry) -> Speaker | None:
    """The speaker a cue names, as the article knows them at `pos`: a pronoun's
    antecedent, the person introduced with a role, a short name's fullest form."""
    if att.pronoun:
        return reg.last_person(pos)
    sp = att.speaker
    if sp is None:
        return None
    if sp.kind == "description":
        return reg.described(sp, pos)
    sp = reg.by_initials(sp)
    if sp.kind == "role":
        # "kata juru bicara itu": the role without its demonstrative
        words_ = sp.name.split()
        demonstratives = reg.lex.demonstratives
        role = " ".join(words_[:-1]) if words_[-1].lower() in demonstratives else sp.name
        named = reg.by_role(role, pos) if role else None
        if named:
            return Speaker(named.name, named.role, "person")
        return sp
    full = reg.fullest(reg.trim(sp))
    if full.kind == "person" and full.role and " " not in full.name:
        # "tegas Kapolres Sorong": a one-word "name" after a role is the place of the
        # role the article gave someone in full ("Kapolres Sorong AKBP Rangga X")
        named = reg.by_role(f"{full.role} {full.name}", pos)
        if named is not None:
            return Speaker(named.name, named.role, "person")
    return full


def attribution_after(
    t: str,
    body: list[Paragraph],
    span: Span,
    ranges_by_par: dict[int, list[tuple[int, int]]],
    ctx: ArticleContext,
) -> Attribution | None:
    """The attribution of a quote paragraph given by the next paragraph, a narrative one
    that opens by pointing back with a passive cue: ""…" / Hal itu disampaikan Ketua RW 03,
    Nama, saat ditemui." Only when the quote ends its paragraph."""
    nxt = span.last_par + 1
    if not span.closed or nxt >= len(body) or ranges_by_par.get(nxt):
        return None
    k = span.close_at
    end = body[span.last_par].end
    while k < end and (t[k] in ALL_MARKS or t[k].isspace()):
        k += 1
    if k != end:
        return None
    lex = ctx.lex
    toks = ctx.in_paragraph(body[nxt])
    for ref in lex.pointing_back:
        n = len(ref)
        if len(toks) <= n or tuple(tok.lower for tok in toks[:n]) != ref:
            continue
        cue = toks[n].lower
        if cue.startswith(lex.passive_prefix) and cue in lex.post_cues:
            return post_attribution(t, toks[n].start, body[nxt].end, ctx)
    return None


BELOW_PARAGRAPHS: Final = 3  # a named attribution this many quote paragraphs below


def attribution_below(
    t: str,
    body: list[Paragraph],
    span: Span,
    ranges_by_par: dict[int, list[tuple[int, int]]],
    ctx: ArticleContext,
) -> Attribution | None:
    """The cue that names the speaker of the next quote paragraphs, at most
    `BELOW_PARAGRAPHS` of them, each opening with a quote: the first one with a cue after
    its quote; None at a narrative paragraph, or where that cue names no one (a pronoun
    points back, not down)."""
    p = span.last_par + 1
    while p < len(body) and p <= span.last_par + BELOW_PARAGRAPHS:
        ranges = ranges_by_par.get(p)
        if not ranges or ranges[0][0] != body[p].start:
            return None
        close = ranges[0][1]
        nxt = ranges[1][0] if len(ranges) > 1 else body[p].end
        att = post_attribution(t, close, nxt, ctx) if close < body[p].end else None
        if att is not None:
            return att if att.speaker is not None and not att.pronoun else None
        p += 1
    return None


def quote_text(text: str, span: Span) -> tuple[str, int, int]:
    """Quote text without marks, trailing comma and outer spaces; with its offsets."""
    pieces = []
    for a, b in span.pieces:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            pieces.append((a, b))
    if not pieces:
        return "", span.open_at, span.open_at
    a, b = pieces[-1]
    while b > a and (text[b - 1] in ",;:-–— " or (text[b - 1] in ALL_MARKS and not span.closed)):
        b -= 1
    pieces[-1] = (a, b)
    pieces = [(x, y) for x, y in pieces if y > x]
    if not pieces:
        return "", span.open_at, span.open_at
    joined = " ".join(text[x:y] for x, y in pieces)
    return joined, pieces[0][0], pieces[-1][1]


def own_sentence(t: str, par: Paragraph, span: Span) -> bool:
    """A quote standing as a sentence of its own after the paragraph's narrative: "Ia
    meninjau lokasi. "Air sudah surut."" It opens after a sentence end, closes one inside
    its marks, and the paragraph ends after it or a new sentence starts. (Only the
    characters next to the marks are read: a paragraph of many quotes stays linear.)"""
    if not span.closed or span.last_par != par.index:
        return False
    k = _before_open(t, par.start, span)
    if k == par.start or t[k - 1] not in ".!?":
        return False
    k = span.close_at
    while k > span.open_at and (t[k - 1] in ALL_MARKS or t[k - 1] == " "):
        k -= 1
    if k == span.open_at or t[k - 1] not in ".!?":
        return False
    k = span.close_at
    while k < min(par.end, span.close_at + 2) and t[k] in ALL_MARKS:
        k += 1  # a closing mark of a quote inside it
    if k == par.end:
        return True
    if not t[k].isspace():
        return False
    while k < par.end and t[k].isspace():
        k += 1
    return k == par.end or t[k].isupper()


def introducing_verb(t: str, par: Paragraph, span: Span, lex: Lexicon) -> str | None:
    """The speech verb the quote follows directly, with a comma or colon between
    ("menyatakan, "…"", "mengatakan: "…"")."""
    k = _before_open(t, par.start, span)
    if k == par.start or t[k - 1] not in ":,":
        return None
    verb = word_before(t, k - 1)
    return verb if verb.lower() in lex.active_verbs else None


def _before_open(t: str, lo: int, span: Span) -> int:
    """The offset just after the last character before the quote's opening mark that is
    not a space (`lo` if there is none from `lo`)."""
    k = span.open_at
    while k > lo and t[k - 1].isspace():
        k -= 1
    return k


def introduced(t: str, lo: int, span: Span) -> bool:
    """The quote follows its introduction directly: `X mengatakan: "…"`, `X berkata, "…"`."""
    k = _before_open(t, lo, span)
    return k > lo and t[k - 1] in ":,"


def speaker_of(q: Quote) -> Speaker | None:
    if q.speaker is None:
        return None
    return Speaker(q.speaker, q.role, q.speaker_kind or "person")


def _narrative_between(t: str, prev: Span, cur: Span) -> bool:
    """A whole sentence stands between two quotes of a paragraph (not only the first
    one's attribution): a sentence end, then more words, before the second quote."""
    if prev.last_par != cur.first_par:
        return False
    gap = t[prev.close_at : cur.open_at]
    end = max(gap.find(". "), gap.find("! "), gap.find("? "))
    return end >= 0 and len(gap.strip()) - end > 12


def only_attribution_between(t: str, prev: Span, cur: Span) -> bool:
    """Between two quotes stands only their attribution sentence ("A," kata X. "B."),
    not a sentence of narrative after it ("A," kata X. Y menilai lain. "B.")."""
    gap = t[prev.close_at : cur.open_at]
    return (
        gap.rstrip().endswith((".", ",", ":"))
        and len(gap) < 200
        and not _narrative_between(t, prev, cur)
    )
