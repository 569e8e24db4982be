"""One article in, facts and quotes out."""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from typing import Final

from . import facts
from .attribution import (
    ANAPHORA,
    APPOSITIVE,
    LIST_AND,
    Attribution,
    clause_start,
    find_via,
    post_attribution,
    pre_attribution,
    speaker_from,
    subject_before_verb,
)
from .lexicon import Lexicon, lexicon
from .model import Article, Quote
from .names import (
    MAX_NAME_WORDS,
    ArticleContext,
    Speaker,
    name_like,
    parse_speaker,
    past_titles,
)
from .text import ALL_MARKS, Normalised, Paragraph, Span, Token, find_spans, paragraphs

# Cues that are never ordinary nouns, so in narrative they mark who is speaking
# ("Repatriasi ini, kata Judha, adalah ..."); "pesan", "sebut" or "cerita" may be nouns.
NARRATIVE_CUES: Final = frozenset(
    "menurut kata ujar ungkap tutur ucap lanjut imbuh tambah tegas jelas terang papar".split()
)
PRONOUN_WINDOW: Final = 1200  # characters within which the last speaker beats a newly named person
MIN_UNATTRIBUTED_WORDS: Final = 3  # shorter quoted spans without a cue are scare quotes or names
SENTENCE_CHARS: Final = 400  # two mentions farther apart are not in one sentence
_SENTENCE_END: Final = re.compile(r"[.!?][\"“”'’]?\s|\n")
CONTINUATION_PARAGRAPHS: Final = 2  # a bare quote paragraph continues a speaker this close


class Registry:
    """People the article names, for short names, role words and pronouns."""

    def __init__(
        self, ctx: ArticleContext | None = None, short: frozenset[str] = frozenset(), text: str = ""
    ):
        self.ctx = ctx
        self.text = text  # the article, to tell whether two mentions share a sentence
        self.lower_words = ctx.lower_words if ctx else frozenset()
        self.short = short  # one-word names the article uses for someone
        self.full: list[Speaker] = []  # persons with two or more name words
        self._full_by_word: dict[str, list[Speaker]] = {}
        # Mentions by position, for pronouns: speakers (weight 2) and named persons (1).
        self._spoke: list[tuple[int, int, Speaker]] = []
        self._named: list[tuple[int, int, Speaker]] = []
        self._other: list[tuple[int, int, Speaker]] = []  # full names with no role or verb
        self.roles: list[tuple[int, str, Speaker]] = []  # (pos, role lower, person)
        self.nicknames: dict[str, Speaker] = {}  # "kang asep" -> Asep Mulyana
        # the article writes "disapa", "dipanggil", "dikenal" or "alias" somewhere: it may
        # give a nickname
        self.may_nickname = ctx is not None and not ctx.lower_words.isdisjoint(_NICKNAME_WORDS)
        # the words after every such word (a nickname's, or, rarely, someone summoned),
        # read the first time they are asked for
        self._nickname_words: frozenset[str] | None = None
        self._role_pairs: set[tuple[str, str]] = set()

    def nickname_words(self) -> frozenset[str]:
        """The words after every "disapa", "dipanggil", "dikenal sebagai", "alias" in the
        article (lower case), worked out once."""
        if self._nickname_words is None:
            self._nickname_words = _nickname_words(self.text) if self.may_nickname else frozenset()
        return self._nickname_words

    def trim(self, sp: Speaker) -> Speaker:
        """Drop leading words when the article calls the person by a later word."""
        if sp.kind != "person":
            return sp
        words_ = sp.name.split()
        for i in range(1, len(words_) - 1):
            if words_[i].lower() in self.short:
                if all(w.lower() in lexicon().name_prefixes for w in words_[:i]):
                    return sp
                # "kata Ahmad" for Kiagus Ahmad Sarnubi: a given name that starts names
                # is also used alone for someone whose full name has words before it.
                if words_[i].lower() in lexicon().name_starters:
                    return sp
                return Speaker(" ".join(words_[i:]), sp.role, sp.kind)
        # A first word that stands alone elsewhere in the article, but never as anyone's
        # short name, belongs to an organisation or place before the name (Nasdem Saan X).
        first = words_[0]
        if (
            len(words_) >= 2
            and first.lower() not in self.short
            and first.lower() not in lexicon().name_prefixes
            and self.ctx is not None
            and not self.ctx.run_starts.get(first)
            and self.ctx.apart(first, words_[1])
            # "Koh Hendra", a nickname the article gave someone: Hendra is a name word
            and first.lower() not in self.nickname_words()
        ):
            return Speaker(" ".join(words_[1:]), sp.role, sp.kind)
        return sp

    def add(self, pos: int, sp: Speaker, weight: int) -> None:
        if sp.kind == "role":
            # "Presiden menegaskan": the person the article introduced with that role.
            named = self.by_role(sp.name, pos)
            if named is not None:
                sp = Speaker(named.name, named.role, "person")
        sp = self.fullest(self.trim(sp))
        if sp.kind == "person" and " " not in sp.name and sp.name.lower() in self.lower_words:
            return  # "Belajar dari ..., " or "Industri": a word, not a one-word name
        if sp.kind == "person" and len(sp.name.split()) >= 2:
            words_ = sp.name.lower().split()
            if all(f.name != sp.name for f in self._full_by_word.get(words_[0], ())):
                self.full.append(sp)
                for w in set(words_):
                    self._full_by_word.setdefault(w, []).append(sp)
            if sp.role and (sp.role.lower(), sp.name) not in self._role_pairs:
                self._role_pairs.add((sp.role.lower(), sp.name))
                insort(self.roles, (pos, sp.role.lower(), sp), key=lambda r: r[0])
        if sp.kind in ("person", "role"):
            target = self._spoke if weight >= 2 else self._named if weight else self._other
            insort(target, (pos, len(target), sp), key=lambda m: m[0])

    def fullest(self, sp: Speaker) -> Speaker:
        """`Lukashenko` -> `Alexander Lukashenko` when the article gives the full name;
        a nickname it gave ("yang akrab disapa Kang Asep") -> the name: followed at most
        `NICKNAME_HOPS` times, and never back to a name already met (nicknames may point
        at each other: "Ucok alias Budi Gendut ... Budi alias Ucok Kecil")."""
        if sp.kind != "person":
            return sp
        if self.nicknames:
            seen = {_norm_key(sp.name)}
            role = sp.role
            owner = self._nickname_owner(sp)
            while owner is not None and _norm_key(owner.name) not in seen:
                seen.add(_norm_key(owner.name))
                role = role or owner.role
                further = self._nickname_owner(owner) if len(seen) <= NICKNAME_HOPS else None
                if further is None:
                    named = self._fuller(owner)  # the fullest form known now
                    return Speaker(named.name, role or named.role, "person")
                owner = further
        # no nickname, or a ring of them: the name as written, at its fullest
        return self._fuller(sp)

    def _nickname_owner(self, sp: Speaker) -> Speaker | None:
        """Whose nickname `sp`'s name is, if anyone's."""
        named = self.nicknames.get(_norm_key(sp.name))
        if named is None and " " not in sp.name.strip():
            named = self._by_nickname_word(sp.name.casefold())
        return named

    def _fuller(self, sp: Speaker) -> Speaker:
        """`fullest` past the nicknames: the longest full name holding this one."""
        parts = sp.name.lower().split()
        if not parts:
            return sp
        best = None
        for f in self._full_by_word.get(parts[0], ()):
            fparts = f.name.lower().split()
            if len(fparts) <= len(parts):
                continue
            if _contains(fparts, parts) and (best is None or len(fparts) > len(best.name.split())):
                best = f
        if best is None:
            if not sp.role:
                # The role the article gave this same name earlier: "Presiden X", then "kata X".
                for f in self.full:
                    if f.name == sp.name and f.role:
                        return Speaker(sp.name, f.role, "person")
            return sp
        trimmed = self.trim(best)
        if _contains(trimmed.name.lower().split(), parts):
            best = trimmed  # else the short name was one of the words trimmed away
        words_ = best.name.split()
        at = [w.lower() for w in words_].index(parts[0])
        prefix_only = all(w.lower() in lexicon().name_prefixes for w in words_[:at])
        before = words_[at - 1] if at else ""
        apart = at and self.ctx is not None and self.ctx.apart(before, words_[at])
        if len(parts) == 1 and 0 < at < len(words_) - 1 and not prefix_only and apart:
            # Named by a middle word: the words before it were not part of the name.
            words_ = words_[at:]
        return Speaker(" ".join(words_), sp.role or best.role, "person")

    def knows_name_word(self, word: str) -> bool:
        """A word (lower case) of a name of two words or more the article gave."""
        return word in self._full_by_word

    def _by_nickname_word(self, word: str) -> Speaker | None:
        """ "Abu menambahkan" after "yang akrab disapa Abu Ridwan": a one-word name that
        opens one nickname only, and no full name has, is that nickname's."""
        if word in self._full_by_word or any(
            _norm_key(named.name) == word for named in self.nicknames.values()
        ):
            return None  # a name of its own ("Tono alias Ucok Kecil")
        owners = {
            _norm_key(named.name): named
            for nick, named in self.nicknames.items()
            if nick.split()[0] == word and len(nick.split()) > 1
        }
        return next(iter(owners.values())) if len(owners) == 1 else None

    def by_role(self, role: str, pos: int) -> Speaker | None:
        """`kata Presiden` -> the person the article introduced as Presiden X.

        A role matches when all its words occur in the role the person was given;
        the most recent such person before `pos` wins, else the first after it.
        """
        short = lexicon().role_short_forms
        want = " ".join(short.get(w, w) for w in role.lower().split()).split()
        acronyms = {w.lower() for w in role.split() if len(w) >= 3 and w.isalpha() and w.isupper()}
        before = after = None
        for rpos, rrole, sp in self.roles:
            have = " ".join(short.get(w, w) for w in rrole.split()).split()
            if have[:1] != want[:1]:
                continue
            missing = set(want).difference(have)
            if missing and not (
                missing <= acronyms and all(_initials_in(a, have) for a in missing)
            ):
                continue
            if rpos <= pos:
                before = sp
            elif after is None:
                after = sp
        return before or after

    def mentioned_between(self, a: int, b: int) -> bool:
        """Someone is mentioned at an offset in [a, b)."""
        for mentions in (self._spoke, self._named, self._other):
            i = bisect_left(mentions, a, key=lambda m: m[0])
            if i < len(mentions) and mentions[i][0] < b:
                return True
        return False

    def _same_sentence(self, a: int, b: int) -> bool:
        """No sentence end between offsets a < b (looked at over a sentence's length at
        most: farther apart, they are taken as in different sentences)."""
        if not self.text or b - a > SENTENCE_CHARS:
            return False
        return _SENTENCE_END.search(self.text, a, b) is None

    def last_person(self, pos: int) -> Speaker | None:
        """The person a pronoun before `pos` points to.

        The most recent speaker (a quote's speaker or a speech verb's subject) wins,
        unless a person introduced with a role came after it.
        """
        i = bisect_left(self._spoke, pos, key=lambda m: m[0])
        j = bisect_left(self._named, pos, key=lambda m: m[0])
        spoke = self._spoke[i - 1] if i else None
        named = self._named[j - 1] if j else None
        if named is not None and (spoke is None or named[0] > spoke[0]):
            if spoke is not None and self._same_sentence(spoke[0], named[0]):
                # "Budi mengaku bertemu Menteri X.": named after the speaker's verb in
                # the same sentence, X is its object; Budi is still the one speaking
                return spoke[2]
            return named[2]
        if spoke is not None:
            return spoke[2]
        # Nobody has spoken or been introduced with a title yet: the last full name.
        k = bisect_left(self._other, pos, key=lambda m: m[0])
        return self._other[k - 1][2] if k else None


def _contains(hay: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return any(hay[i : i + n] == needle for i in range(len(hay) - n + 1))


def _quote_text(text: str, span: Span) -> tuple[str, int, int]:
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


def _nickname_words(text: str) -> frozenset[str]:
    """The words (lower case) of the nicknames given in `text`: "yang akrab disapa Om
    Yoga" -> om, yoga."""
    found: set[str] = set()
    # each keyword found by str.find, the regex tried there only (a regex search over
    # the whole article cost about 1% of extraction)
    for keyword in _NICKNAME_WORDS:
        at = text.find(keyword)
        while at >= 0:
            m = _NICKNAME_GIVEN.match(text, at)
            if m is not None:
                found.update(word.lower() for word in m.group(1).split())
            at = text.find(keyword, at + 1)
    return frozenset(found)


# Words that open a region's name after a role ("Kepala Dinas X Provinsi Jawa Barat").
_REGION_HEADS: Final = frozenset(("provinsi", "kabupaten", "kota", "kecamatan", "kelurahan"))


def _initials_in(acronym: str, words: list[str]) -> bool:
    """ "phu" in "direktur jenderal penyelenggaraan haji dan umrah": the initials of
    consecutive words of a role (past "dan", "serta"), so that `kata Dirjen PHU` finds the
    person introduced with the role written out. Only the words before a region ("Provinsi
    Jawa Barat" is no part of an acronym), and not a body's name cut short ("DPR" is not
    "Dewan Perwakilan Rakyat Daerah")."""
    kept = []
    for word in words:
        if word in _REGION_HEADS:
            break
        if word not in LIST_AND and word != "&":
            kept.append(word)
    initials = "".join(w[0] for w in kept)
    at = initials.find(acronym)
    while at >= 0:
        after = at + len(acronym)
        if after == len(kept) or kept[after] != "daerah":
            return True
        at = initials.find(acronym, at + 1)
    return False


def _norm_key(s: str) -> str:
    return " ".join(s.casefold().split())


def _register_narrative(
    text: str,
    par: Paragraph,
    quote_ranges: list[tuple[int, int]],
    reg: Registry,
    ctx: ArticleContext,
    pre: bool = False,
) -> None:
    """Record persons named in narrative text and the subjects of speech verbs."""
    spoke_here = False
    lex = ctx.lex
    common = ctx.common
    toks = _outside(ctx.in_paragraph(par), quote_ranges)
    may_nickname = reg.may_nickname
    # Subjects of speech verbs: "Lukashenko mengatakan, ..." makes him the one speaking.
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
                    reg.add(t.start, sp, 2)
                spoke_here = spoke_here or sp is not None or pron
    # "Menurut X, ...", ", kata X, ..." and "disampaikan X" name X as the one speaking.
    for v, t in enumerate(toks):
        narrative_cue = (
            t.lower in NARRATIVE_CUES or t.lower.startswith("di") and t.lower in lex.post_cues
        )
        if narrative_cue and v + 1 < len(toks):
            sp, pron, _ = speaker_from(text, toks, v + 1, ctx)
            if sp and sp.kind == "role":
                sp = reg.by_role(sp.name, t.start)
            if sp and sp.kind != "organization":
                reg.add(t.start, sp, 2)
    # Capitalised runs: "Presiden Belarus Alexander Lukashenko" anywhere in narrative.
    run: list[Token] = []
    described: tuple[int, str] | None = None  # (end, role) of a run that is a role only
    for at, nxt in enumerate([*toks, None]):
        if nxt is not None and nxt.is_cap and (not run or not _breaks(text, run[-1], nxt)):
            run.append(nxt)
            continue
        if nxt is not None and run and _and_in_role(text, run, nxt, toks, at, ctx):
            run.append(nxt)  # "Kepala Dinas Pekerjaan Umum dan Penataan Ruang X"
            continue
        if run:
            before = toks[at - len(run) - 1] if at > len(run) else None
            opener = None
            while run and run[0].lower in common:
                opener, run = run[0], run[1:]
            if run:
                sp = parse_speaker(text, run, ctx) if len(run) >= 2 else None
                if (
                    sp is not None
                    and sp.kind == "person"
                    and not sp.role
                    and described is not None
                    and text[described[0] : run[0].start].strip() == ","
                ):
                    # "Wali Kota Jakarta Timur, Haris Munandar, memuji ...": the role before
                    sp = Speaker(sp.name, described[1], "person")
                described = None
                if (
                    sp is not None
                    and sp.kind == "role"
                    and _opens_with_role(run, lex)
                    and opener is None
                    # it opens its sentence, or follows "sekaligus", "juga" (a second role
                    # of someone): not "Kepada Presiden, X melapor" or an object
                    and (
                        before is not None
                        and before.lower in APPOSITIVE
                        or _first_in_sentence(text, par, before, run, lex)
                    )
                ):
                    described = (run[-1].end, sp.name)
                has_role = sp is not None and _has_role_word(sp.role, lex)
                if sp and sp.kind == "person" and len(sp.name.split()) >= 2:
                    # Any two-word name can complete a short one, but only a name
                    # introduced as a person's (a role, "bernama", an age) counts as a
                    # mention for pronouns: other capitalised runs are often titles of
                    # laws or programmes.
                    nick = _NICKNAME.match(text, run[-1].end)
                    if (
                        nick is not None
                        and len(sp.name.split()) != MAX_NAME_WORDS
                        and _plainly_a_nickname(text, nick)
                    ):
                        # "Asep Mulyana, yang akrab disapa Kang Asep": the nickname is his
                        # (not for a name read at the word limit, which may be cut short)
                        reg.nicknames.setdefault(_norm_key(nick.group(1)), sp)
                    person = has_role or _introduced_as_person(text, before, run, lex)
                    if (
                        pre
                        and person
                        and (spoke_here or not _opens_sentence(text, par, before, run, lex))
                    ):
                        person = False  # an object of this paragraph's speaker, not who -nya is
                    reg.add(run[0].start, sp, 1 if person else 0)
                elif may_nickname and len(run) == 1 and name_like(run[0], ctx, last=True):
                    nick = _NICKNAME.match(text, run[0].end)
                    # a capitalised word may be a noun ("Pria yang akrab disapa X itu")
                    # or a place ("asal Garut yang ... itu"), unless the article gives it
                    # as a name
                    maybe_noun = not reg.knows_name_word(run[0].lower)
                    if nick is not None and _plainly_a_nickname(text, nick, maybe_noun):
                        # "Kartosemito atau yang akrab disapa Mbah Karto": the one-word
                        # name's (its fullest form's, if the article gives one)
                        named = Speaker(run[0].text, None, "person")
                        reg.nicknames.setdefault(_norm_key(nick.group(1)), named)
        run = [nxt] if nxt is not None and nxt.is_cap else []
    if may_nickname and (
        text.find("disapa", par.start, par.end) >= 0
        or text.find("dipanggil", par.start, par.end) >= 0
    ):
        _register_nickname_after_noun(text, par, quote_ranges, reg, ctx)


def _register_nickname_after_noun(
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
    for m in _NICKNAME_AFTER_NOUN.finditer(text, par.start, par.end):
        if any(a <= m.start() < b for a, b in quote_ranges):
            continue
        noun = next((t for t in ctx.in_paragraph(par) if t.start == m.start(1)), None)
        if noun is None or noun.lower == "atau" or noun.lower in LIST_AND:
            continue  # "Kartosemito atau yang akrab disapa X itu": read with the name
        owner: Speaker | None
        if noun.is_cap and reg.knows_name_word(noun.lower):
            # "Asep yang akrab disapa Kang Asep itu": a name the article gave in full
            owner = reg.fullest(Speaker(noun.text, None, "person"))
        elif noun.is_cap and not _sentence_starts_at(text, par, noun.start):
            continue  # a name or a title mid-sentence, not a noun for someone
        elif _NEW_PERSON_BEFORE.search(text, max(par.start, m.start() - 48), m.start()):
            continue
        else:
            owner = reg.last_person(m.start())
        if owner is not None:
            reg.nicknames.setdefault(_norm_key(m.group(2)), owner)


def _sentence_starts_at(text: str, par: Paragraph, pos: int) -> bool:
    """Nothing but spaces and quote marks between a sentence end (or the paragraph's
    start) and `pos`."""
    before = text[par.start : pos].rstrip(" \u00a0\"“”'‘’")
    return not before or before[-1] in ".!?"


# "seorang warga yang akrab disapa X", "Seorang pedagang sayur yang ...": someone new,
# not the person last named.
_NEW_PERSON_BEFORE: Final = re.compile(
    r"\b(?:[Ss]eorang|[Ss]ebuah|[Ss]alah\s+satu)(?:\s+\w+){0,3}\s+$"
)


def _opens_sentence(
    text: str, par: Paragraph, before: Token | None, run: list[Token], lex: Lexicon
) -> bool:
    """The run is its sentence's subject: nothing before it in the sentence, or only a
    noun phrase and "bernama" ("Seorang pedagang bernama X"), or "Warga X, Name (45)"."""
    if before is None or _first_in_sentence(text, par, before, run, lex):
        return True
    return before.lower in lex.name_introducers or text[before.end : run[0].start].strip() == ","


def _first_in_sentence(
    text: str, par: Paragraph, before: Token | None, run: list[Token], lex: Lexicon
) -> bool:
    """No word of the paragraph stands before the run in its sentence."""
    return before is None or clause_start(text, par.start, run[0].start, lex) > before.start


def _opens_with_role(run: list[Token], lex: Lexicon) -> bool:
    """The run starts with a title ("Wali Kota ...", "Kepala ..."), not with a
    portfolio or a law's subject ("Perlindungan Nelayan")."""
    first = run[0].lower
    two = f"{first} {run[1].lower}" if len(run) > 1 else first
    return first in lex.roles or two in lex.roles


# An age in brackets right after a name: "Siti Aminah (45)", "Budi (34 tahun)".
_AGE_AFTER = re.compile(r"\s*\(\s*\d{1,3}(?:\s*(?:tahun|thn|th))?\s*\)")


def _introduced_as_person(text: str, before: Token | None, run: list[Token], lex: Lexicon) -> bool:
    """A name the text marks as a person's without a role: after "bernama" or
    "berinisial" ("seorang warga bernama X"), or followed by an age in brackets; not a
    victim's or a suspect's ("korban bernama X", "Tersangka, X (34)"), who is named but
    does not speak in the story."""
    introduced = (
        before is not None
        and before.lower in lex.name_introducers
        and not text[before.end : run[0].start].strip()
    ) or _AGE_AFTER.match(text, run[-1].end) is not None
    if not introduced:
        return False
    head = _HEAD_BEFORE.search(text, max(0, run[0].start - 48), run[0].start)
    return head is None or head.group(1).lower() not in NOT_SPEAKING


# A nickname given right after a name: ", yang akrab disapa Kang Asep", " alias Ucok",
# " atau yang lebih dikenal dengan nama Ucok", " — juga dikenal sebagai Ucok".
_NICKNAME: Final = re.compile(
    r"(?:,|\s*[—–])?\s+(?:(?:yang|atau)\s+)*(?:(?:juga|akrab|biasa|kerap|lebih)\s+)?"
    r"(?:disapa|dipanggil|dikenal\s+(?:dengan|sebagai)|alias)\s+(?:(?:nama|panggilan)\s+)?"
    r"((?:[A-Z][\w'’-]*)(?:\s+[A-Z][\w'’-]*){0,2})"
)


def _plainly_a_nickname(text: str, nick: re.Match[str], maybe_noun: bool = False) -> bool:
    """`_NICKNAME` read a nickname only if it says so: "yang akrab disapa", "atau",
    "alias", a comma or a dash, not a bare "Budi dipanggil Rudi ke ruangannya"
    (summoned). After a word that may be a noun (`maybe_noun`), not "Pria yang akrab
    disapa X itu", a noun for someone (`_register_nickname_after_noun`), unless a comma
    or "atau" says the word is the name ("Kartosemito atau yang akrab disapa X itu")."""
    said = nick.group(0)
    set_off = said.lstrip()[:1] in (",", "—", "–")
    if (
        maybe_noun
        and not set_off
        and _ATAU.search(said) is None
        and _DEMONSTRATIVE_AFTER.match(text, nick.end())
    ):
        return False
    return set_off or _NICKNAME_MARKERS.search(said) is not None


_ATAU: Final = re.compile(r"\batau\b")
_NICKNAME_MARKERS: Final = re.compile(r"\b(?:yang|atau|akrab|biasa|kerap|juga|lebih|alias)\b")
_DEMONSTRATIVE_AFTER: Final = re.compile(r"\s+(?:itu|ini|tersebut)\b")
_NICKNAME_GIVEN: Final = re.compile(
    r"\b(?:disapa|dipanggil|dikenal\s+(?:dengan|sebagai)|alias)\s+(?:(?:nama|panggilan)\s+)?"
    r"((?:[A-Z][\w'’-]*)(?:\s+[A-Z][\w'’-]*){0,2})"
)
_NICKNAME_WORDS: Final = frozenset(("disapa", "dipanggil", "dikenal", "alias"))
# A nickname given after a noun for someone already named: "pria yang akrab disapa Ejak
# itu", "Pelatih yang akrab disapa Koh Hendra itu menilai" (the noun is group 1).
_NICKNAME_AFTER_NOUN: Final = re.compile(
    r"\b(\w+)\s+yang\s+(?:akrab|biasa|kerap)\s+(?:disapa|dipanggil)\s+"
    r"((?:[A-Z][\w'’-]*)(?:\s+[A-Z][\w'’-]*){0,2})\s+(?:itu|ini|tersebut)\b"
)


# Who a story names without quoting: a victim, a suspect, the dead.
NOT_SPEAKING: Final = frozenset(
    "korban tersangka pelaku terdakwa terpidana jenazah almarhum almarhumah mayat buronan".split()
)
# The word before a name, past "bernama"/"berinisial" or a comma: "korban bernama X".
_HEAD_BEFORE: Final = re.compile(r"(\w+)(?:\s+(?:bernama|berinisial)|\s*,)?\s+$")


def _has_role_word(role: str | None, lex: Lexicon) -> bool:
    """A role with a title in it (not just an organisation: "Tim Disaster Victim ...")."""
    if not role:
        return False
    parts = role.lower().split()
    return any(
        " ".join(parts[i : i + n]) in lex.roles
        for i in range(len(parts))
        for n in range(1, lex.role_max_words + 1)
    )


NICKNAME_HOPS: Final = 4  # nicknames followed from one name to its owner, at most
ROLE_RUN_MAX: Final = 12  # capitalised words of a role read on past "dan", at most


def _and_in_role(
    text: str, run: list[Token], nxt: Token, toks: list[Token], at: int, ctx: ArticleContext
) -> bool:
    """ "dan" or "serta" inside a capitalised role ("Kepala Dinas Pekerjaan Umum dan
    Penataan Ruang"): the run so far holds a role word and no name yet (not "Menteri Budi
    Santoso dan Gubernur X"), and a capitalised word follows that starts no role of its
    own (not "Kapolri dan Panglima TNI X": two people)."""
    if not (
        nxt.lower in LIST_AND
        and at + 1 < len(toks)
        and toks[at + 1].is_cap
        and toks[at + 1].lower not in ctx.lex.roles
        and len(run) <= ROLE_RUN_MAX
        and any(t.lower in ctx.lex.roles for t in run)
        and not _breaks(text, run[-1], nxt)
        and not _breaks(text, nxt, toks[at + 1])
    ):
        return False
    sp = parse_speaker(text, run, ctx)
    return sp is None or sp.kind != "person"


def _breaks(text: str, a: Token, b: Token) -> bool:
    gap = text[a.end : b.start]
    if gap.strip() in ("-", "--"):
        return True  # a dateline's dash: "Jakarta, IDN Times - Presiden X"
    if gap.strip() == "." and len(a.text) == 1:
        return False  # an initial: Teguh P. Nugroho
    return any(ch in ",.;:()\"“”‘’'!?/|—–" for ch in gap) or "\n" in gap


class _Resolver:
    def __init__(self, text: str, reg: Registry, ctx: ArticleContext):
        self.text = text
        self.reg = reg
        self.ctx = ctx

    def resolve(self, att: Attribution, pos: int) -> Speaker | None:
        if att.pronoun:
            return self.reg.last_person(pos)
        sp = att.speaker
        if sp is None:
            return None
        if sp.kind == "role":
            # "kata juru bicara itu": the role without its demonstrative
            words_ = sp.name.split()
            role = " ".join(words_[:-1]) if words_[-1].lower() in ANAPHORA else sp.name
            named = self.reg.by_role(role, pos) if role else None
            if named:
                return Speaker(named.name, named.role, "person")
            return sp
        if sp.kind == "person" and sp.role and len(sp.name.split()) == 1:
            pass
        return self.reg.fullest(self.reg.trim(sp))


def extract_article(text: str, name: str = "") -> Article:
    """Facts and quotes of one article (speakers resolved inside the article only)."""
    if not isinstance(text, str):
        raise TypeError("text must be a str")
    lex = lexicon()
    norm = Normalised(text)
    t = norm.text
    pars = paragraphs(t)
    end = facts.body_end(pars, lex)
    date_par, published = facts.date_paragraph(pars, end, lex)
    article = Article(
        name=name,
        title=facts.title(pars, end, date_par),
        publisher=facts.publisher(pars, end, lex),
        published=published,
        authors=facts.authors(pars, end),
        dated=None if published else facts.body_date(pars, end, lex),
    )
    body = [p for p in pars[:end] if not facts.is_skip_line(p.text, lex)]
    if article.title:
        body = [p for p in body if p.text != article.title]
    body = [Paragraph(i, p.start, p.end, p.text) for i, p in enumerate(body)]
    if not body:
        return article
    ctx = ArticleContext(t, lex, body)
    spans = find_spans(t, body)
    quotes = _attribute(t, body, spans, ctx, lex)
    seen = set()
    for q in quotes:
        key = _norm_key(q.text)
        if key in seen:
            continue
        seen.add(key)
        article.quotes.append(
            Quote(
                text=q.text,
                start=norm.start(q.start),
                end=norm.end(q.end),
                speaker=q.speaker,
                role=q.role,
                cue=q.cue,
                via=q.via,
                speaker_kind=q.speaker_kind,
            )
        )
    return article


def short_mentions(
    t: str, body: list[Paragraph], ctx: ArticleContext, lex: Lexicon
) -> frozenset[str]:
    """One-word names used with a speech verb: "kata Herry", "Herry menambahkan"."""
    found = set()
    for par in body:
        toks = ctx.in_paragraph(par)
        for k, tok in enumerate(toks):
            low = tok.lower
            if (low in lex.post_cues or low == "menurut") and k + 1 < len(toks):
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


def _attribute(
    t: str, body: list[Paragraph], spans: list[Span], ctx: ArticleContext, lex: Lexicon
) -> list[Quote]:
    reg = Registry(ctx, short_mentions(t, body, ctx, lex), t)
    outlet_names = frozenset(lex.outlets.values())
    resolver = _Resolver(t, reg, ctx)
    by_par: dict[int, list[Span]] = {}
    for sp in spans:
        by_par.setdefault(sp.first_par, []).append(sp)
    ranges_by_par: dict[int, list[tuple[int, int]]] = {}
    for sp in spans:
        for pi in range(sp.first_par, sp.last_par + 1):
            ranges_by_par.setdefault(pi, []).append((sp.open_at, sp.close_at))
    out: list[Quote] = []
    carried_via: str | None = None
    last_quote: tuple[int, Speaker | None, str | None] | None = None  # (par, speaker, via)
    span_iter = sorted(spans, key=lambda s: s.open_at)
    si = 0
    for par in body:
        par_spans = []
        while si < len(span_iter) and span_iter[si].first_par == par.index:
            par_spans.append(span_iter[si])
            si += 1
        # Narrative first: people named and via phrases outside quotes in this paragraph.
        narrative_ranges = ranges_by_par.get(par.index, [])
        if not par_spans:
            _register_narrative(t, par, narrative_ranges, reg, ctx)
            outside = _outside(ctx.in_paragraph(par), narrative_ranges)
            via, carry = find_via(t, outside, lex)
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
            _register_narrative(t, par, before_quotes, reg, ctx, pre=True)
            # "Dilansir AFP, juru bicara X menyebut ... "…," kata dia": an outlet the
            # paragraph names before its first quote is where its quotes were taken from.
            par_via, _ = find_via(t, _outside(par_toks, before_quotes), lex)
            if par_via not in outlet_names:
                par_via = None  # "Mengutip Bung Karno, ...": a person or a law, not an outlet
        prev_in_par: Quote | None = None
        for k, span in enumerate(par_spans):
            text, qs, qe = _quote_text(t, span)
            if not text or _nickname(t, span, text):
                continue
            last_par = body[span.last_par]
            nxt = par_spans[k + 1].open_at if k + 1 < len(par_spans) else last_par.end
            if span.last_par != par.index:
                nxt = last_par.end
            post = post_attribution(t, span.close_at, nxt, ctx) if span.closed else None
            lo = par_spans[k - 1].close_at if k else par.start
            pre = pre_attribution(t, lo, span.open_at, ctx)
            if pre is None and k == 0 and span.open_at == par.start and par.index > 0:
                prev = body[par.index - 1]
                if prev.text.rstrip().endswith(":") and not ranges_by_par.get(prev.index):
                    pre = pre_attribution(t, prev.start, prev.end, ctx)
            att = post or pre
            n_words = len(text.split())
            at_start = span.open_at == par.start or (
                k and _only_attr_between(t, par_spans[k - 1], span)
            )
            speaker = None
            cue = None
            via = None
            if att is not None:
                speaker = resolver.resolve(att, att.cue_pos if att.cue_pos >= 0 else span.open_at)
                cue = att.cue
                via = att.via
            elif prev_in_par is not None and at_start:
                # "A," kata X. "B." — the second part is X's too.
                speaker = _speaker_of(prev_in_par)
                via = prev_in_par.via
            elif (
                at_start
                and n_words >= MIN_UNATTRIBUTED_WORDS
                and k == len(par_spans) - 1
                and (after := _attributed_after(t, body, span, ranges_by_par, ctx))
            ):
                # A bare quote paragraph the next one attributes: "Hal itu disampaikan X".
                speaker = resolver.resolve(after, after.cue_pos)
                cue = after.cue
                via = after.via
            elif (
                at_start
                and n_words >= MIN_UNATTRIBUTED_WORDS
                and last_quote
                and par.index - last_quote[0] <= CONTINUATION_PARAGRAPHS
            ):
                # A bare quote paragraph continues the previous speaker.
                speaker = last_quote[1]
                via = last_quote[2]
            elif at_start and n_words >= MIN_UNATTRIBUTED_WORDS:
                speaker = reg.last_person(span.open_at)
            elif (
                n_words >= MIN_UNATTRIBUTED_WORDS
                and _own_sentence(t, par, span)
                and reg.mentioned_between(par.start, span.open_at)
            ):
                # its own sentence after the paragraph names someone: theirs (with no one
                # named there, a slogan or a message, not a quote)
                speaker = reg.last_person(span.open_at)
            elif n_words >= MIN_UNATTRIBUTED_WORDS and (
                verb := _introducing_verb(t, par, span, lex)
            ):
                # "Pihak kepolisian menyatakan, "…"": a quote its clause introduces, said
                # by someone the clause does not name; kept, with its cue and no speaker.
                cue = verb
            else:
                continue
            if att is None and n_words < MIN_UNATTRIBUTED_WORDS:
                continue
            if n_words < MIN_UNATTRIBUTED_WORDS and not (post or _introduced(t, par.start, span)):
                # A short quoted word inside a sentence is a scare quote or a name, even
                # when the sentence has a speech verb; only a cue attached to it counts.
                continue
            if via is None:
                via = par_via or carried_via
            q = Quote(
                text=text,
                start=qs,
                end=qe,
                speaker=speaker.name if speaker else None,
                role=speaker.role if speaker else None,
                cue=cue,
                via=via,
                speaker_kind=speaker.kind if speaker else None,
            )
            out.append(q)
            prev_in_par = q
            if speaker:
                reg.add(span.close_at, speaker, 2)
            last_quote = (span.last_par, speaker, via)
        _register_narrative(t, par, narrative_ranges, reg, ctx)
    return out


# Words that point back to what was just said before a passive cue ("Hal itu
# disampaikan X", "Demikian dikatakan X", "Pernyataan tersebut diungkapkan X").
_POINTING_BACK: Final = (
    ("hal", "itu"),
    ("hal", "ini"),
    ("hal", "tersebut"),
    ("pernyataan", "itu"),
    ("pernyataan", "ini"),
    ("pernyataan", "tersebut"),
    ("demikian",),
    ("begitu",),
)


def _attributed_after(
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
    toks = ctx.in_paragraph(body[nxt])
    for ref in _POINTING_BACK:
        n = len(ref)
        if len(toks) <= n or tuple(tok.lower for tok in toks[:n]) != ref:
            continue
        cue = toks[n].lower
        if cue.startswith("di") and cue in ctx.lex.post_cues:
            return post_attribution(t, toks[n].start, body[nxt].end, ctx)
    return None


def _nickname(t: str, span: Span, text: str) -> bool:
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
        and _word_before(t, span.open_at - 1)[:1].isupper()
    )


def _word_before(t: str, end: int) -> str:
    start = end
    while start > 0 and t[start - 1].isalpha() and end - start < 40:
        start -= 1
    return t[start:end]


def _own_sentence(t: str, par: Paragraph, span: Span) -> bool:
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


def _introducing_verb(t: str, par: Paragraph, span: Span, lex: Lexicon) -> str | None:
    """The speech verb the quote follows directly, with a comma or colon between
    ("menyatakan, "…"", "mengatakan: "…"")."""
    k = _before_open(t, par.start, span)
    if k == par.start or t[k - 1] not in ":,":
        return None
    verb = _word_before(t, k - 1)
    return verb if verb.lower() in lex.active_verbs else None


def _before_open(t: str, lo: int, span: Span) -> int:
    """The offset just after the last character before the quote's opening mark that is
    not a space (`lo` if there is none from `lo`)."""
    k = span.open_at
    while k > lo and t[k - 1].isspace():
        k -= 1
    return k


def _introduced(t: str, lo: int, span: Span) -> bool:
    """The quote follows its introduction directly: `X mengatakan: "…"`, `X berkata, "…"`."""
    k = _before_open(t, lo, span)
    return k > lo and t[k - 1] in ":,"


def _speaker_of(q: Quote) -> Speaker | None:
    if q.speaker is None:
        return None
    return Speaker(q.speaker, q.role, q.speaker_kind or "person")


def _outside(toks: list[Token], ranges: list[tuple[int, int]]) -> list[Token]:
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


def _only_attr_between(t: str, prev: Span, cur: Span) -> bool:
    """Between two quotes stands only their attribution sentence ("A," kata X. "B.")."""
    gap = t[prev.close_at : cur.open_at]
    return gap.rstrip().endswith((".", ",", ":")) and len(gap) < 200
