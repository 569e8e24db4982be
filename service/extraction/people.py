"""The people an article names: who spoke, who was introduced, their roles and
nicknames; what short names, role words and pronouns point to.

A `Registry` is filled in reading order (`narrative.py` and the speaker rules add to it)
and asked, at each quote, who a short name, a role or a pronoun means there.

How a person came up decides who a pronoun points to (`Registry.last_person`):

- `SPOKE`: a quote's speaker or a speech verb's subject ("X mengatakan"). The most recent
  one is who "katanya" means.
- `INTRODUCED`: named as a person the story is about, with a role ("Kepala Desa X"),
  "bernama" or an age ("X (45)"), without speaking yet. Such a person named after the
  last speaker takes the pronoun, unless named in the speaker's own sentence (an object:
  "Budi mengaku bertemu Menteri X.").
- `NAMED`: a full name with neither (often the title of a law or a programme): a pronoun
  points to it only when nobody has spoken or been introduced before.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from typing import Final

from rapidfuzz.distance import Levenshtein

from .lexicon import Lexicon, lexicon
from .names import MAX_NAME_WORDS, ArticleContext, Speaker, handle_at

SPOKE: Final = 2
INTRODUCED: Final = 1
NAMED: Final = 0

SENTENCE_CHARS: Final = 400  # two mentions farther apart are not in one sentence
_SENTENCE_END: Final = re.compile(r"[.!?][\"“”'’]?\s|\n")
NICKNAME_HOPS: Final = 4  # nicknames followed from one name to its owner, at most
TYPO_MIN: Final = 6  # a one-word name this long may be a full name's word misspelt
DESCRIPTION_WINDOW: Final = 1200  # a description points back this far at most
SHORT_FORM_MIN: Final = 4  # a one-word name this long may shorten a full name's first word


class Registry:
    """People the article names, for short names, role words and pronouns."""

    def __init__(
        self, ctx: ArticleContext | None = None, short: frozenset[str] = frozenset(), text: str = ""
    ):
        self.ctx = ctx
        # the article's lexicon (the package's, for a registry with no article)
        self.lex: Lexicon = lexicon() if ctx is None else ctx.lex
        self.text = text  # the article, to tell whether two mentions share a sentence
        self.lower_words = ctx.lower_words if ctx else frozenset()
        self.short = short  # one-word names the article uses for someone
        self.full: list[Speaker] = []  # persons with two or more name words
        self._full_by_word: dict[str, list[Speaker]] = {}
        # Mentions by position, for pronouns: who spoke (SPOKE), who was introduced
        # (INTRODUCED), and full names with neither (NAMED).
        self._spoke: list[tuple[int, int, Speaker]] = []
        self._introduced: list[tuple[int, int, Speaker]] = []
        self._named: list[tuple[int, int, Speaker]] = []
        self.roles: list[tuple[int, str, Speaker]] = []  # (pos, role lower, person)
        self.nicknames: dict[str, Speaker] = {}  # "kang asep" -> Asep Mulyana
        # the article writes "disapa", "dipanggil", "dikenal" or "alias" somewhere: it may
        # give a nickname
        self.may_nickname = ctx is not None and not ctx.lower_words.isdisjoint(
            ctx.lex.nickname_words
        )
        # the words after every such word (a nickname's, or, rarely, someone summoned),
        # read the first time they are asked for
        self._nickname_words: frozenset[str] | None = None
        self._role_pairs: set[tuple[str, str]] = set()
        self._full_roles: set[str] = set()  # roles given to a name of two words or more
        # full names the headline gives, by their first and last word ("Rangga Pradipta
        # Diperiksa" -> rangga, pradipta), for a one-word name the body never gives in full
        self.title_names: dict[str, Speaker] = {}
        # one-word names (lower case) the article gives as someone's whole name
        self._alone: dict[str, bool] = {}

    def nickname_words(self) -> frozenset[str]:
        """The words after every "disapa", "dipanggil", "dikenal sebagai", "alias" in the
        article (lower case), worked out once."""
        if self._nickname_words is None:
            self._nickname_words = (
                nickname_words(self.text, self.lex) if self.may_nickname else frozenset()
            )
        return self._nickname_words

    def trim(self, sp: Speaker) -> Speaker:
        """Drop leading words when the article calls the person by a later word."""
        if sp.kind != "person":
            return sp
        words_ = sp.name.split()
        for i in range(1, len(words_) - 1):
            if words_[i].lower() in self.short:
                # a name that opens with a given-name prefix is a person's from its first
                # word on (Raden Bayu Aryo X, "kata Aryo")
                if words_[0].lower() in self.lex.name_prefixes:
                    return sp
                # "kata Ahmad" for Syamsir Ahmad X: a given name that starts names
                # is also used alone for someone whose full name has words before it.
                if words_[i].lower() in self.lex.name_starters:
                    return sp
                # only words the article also writes apart from this name ("Partai Garda"
                # ... "politikus Garda Darto X ... kata Darto"), a name read at the word
                # limit, which may have taken a body's last words ("Universitas Negeri
                # Sriwedari Yusuf X Y"), or a name after a role that ends in no place
                # ("Ketua Umum Persatuan Perawat Hendra X"); not a first name the
                # article leaves out when it shortens a name read after a place ("Bupati
                # Sleman Rizal Fauzi X ... kata Fauzi") or with no role
                if (
                    self.ctx is not None
                    and len(words_) < MAX_NAME_WORDS
                    and not self.ctx.apart(words_[0], words_[1])
                    and (not sp.role or self._ends_in_place(sp.role))
                ):
                    return sp
                # given-name prefixes right before the short name stay ("Kawasan Sentul M
                # Iskandar X ... kata Iskandar" -> M Iskandar X)
                k = i
                while k > 1 and words_[k - 1].lower() in self.lex.name_prefixes:
                    k -= 1
                return Speaker(" ".join(words_[k:]), sp.role, sp.kind)
        # A first word that ends a capitalised run elsewhere in the article ("Partai
        # Garda"), never starts one and is nobody's short name, belongs to an organisation
        # or place before the name (Garda Darto X); not a given name written elsewhere
        # before a misspelt surname (Rangga Wiradinat).
        first = words_[0]
        if (
            len(words_) >= 2
            and first.lower() not in self.short
            and first.lower() not in self.lex.name_prefixes
            and self.ctx is not None
            and not self.ctx.run_starts.get(first)
            and self.ctx.run_ends.get(first)
            # "Koh Hendra", a nickname the article gave someone: Hendra is a name word
            and first.lower() not in self.nickname_words()
        ):
            return Speaker(" ".join(words_[1:]), sp.role, sp.kind)
        return sp

    def _ends_in_place(self, role: str) -> bool:
        """The role's last word names a place (a lexicon place, or one the article writes
        after a place head)."""
        last = role.split()[-1].lower() if role.split() else ""
        return last in self.lex.places or (self.ctx is not None and last in self.ctx.places)

    def add(self, pos: int, sp: Speaker, how: int) -> None:
        """`sp` came up at `pos`: `how` is SPOKE, INTRODUCED or NAMED."""
        sp = self.by_initials(sp)
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
        if (
            sp.kind == "person"
            and sp.role
            and (sp.role.lower(), sp.name) not in self._role_pairs
            # a one-word name too ("Dandim 0425/Lembata Letkol Kav. Sudirgo"), unless a
            # full name has the role: "Presiden Rawi" after "Presiden Raka Wiratama"
            and (" " in sp.name or sp.role.lower() not in self._full_roles)
        ):
            self._role_pairs.add((sp.role.lower(), sp.name))
            if " " in sp.name:
                self._full_roles.add(sp.role.lower())
            insort(self.roles, (pos, sp.role.lower(), sp), key=lambda r: r[0])
        if sp.kind in ("person", "role"):
            target = (
                self._spoke
                if how == SPOKE
                else self._introduced
                if how == INTRODUCED
                else self._named
            )
            insort(target, (pos, len(target), sp), key=lambda m: m[0])

    def fullest(self, sp: Speaker) -> Speaker:
        """`Moroz` -> `Viktor Moroz` when the article gives the full name;
        a nickname it gave ("yang akrab disapa Kang Asep") -> the name: followed at most
        `NICKNAME_HOPS` times, and never back to a name already met (nicknames may point
        at each other: "Ucok alias Budi Gendut ... Budi alias Ucok Kecil")."""
        if sp.kind != "person":
            return sp
        if self.nicknames:
            seen = {norm_key(sp.name)}
            role = sp.role
            owner = self._nickname_owner(sp)
            while owner is not None and norm_key(owner.name) not in seen:
                seen.add(norm_key(owner.name))
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
        named = self.nicknames.get(norm_key(sp.name))
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
        if best is None and len(parts) == 1:
            best = self._written_otherwise(parts[0]) or self.title_names.get(parts[0])
            if best is not None:
                return Speaker(best.name, sp.role or best.role, "person")
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
        prefix_only = all(w.lower() in self.lex.name_prefixes for w in words_[:at])
        before = words_[at - 1] if at else ""
        apart = at and self.ctx is not None and self.ctx.apart(before, words_[at])
        if len(parts) == 1 and 0 < at < len(words_) - 1 and not prefix_only and apart:
            # Named by a middle word: the words before it were not part of the name.
            words_ = words_[at:]
        return Speaker(" ".join(words_), sp.role or best.role, "person")

    def _written_otherwise(self, word: str) -> Speaker | None:
        """The one full name the article gave that a one-word name no full name holds
        stands for: written one letter apart ("kata Hendrawen" after "Hendrawan
        Saputro", "Watimena" after "Fransiskus Wattimena"; words of `TYPO_MIN` letters or
        more), or the start of its first word ("kata Kornel" after "Kornelius Rettob";
        `SHORT_FORM_MIN` letters or more). None when no full name, or more than one,
        fits, or when the article introduced the one-word name as someone of its own
        ("Andika (34), warga ..." is not "Andi Saputra")."""
        if self._introduced_alone(word):
            return None
        found: dict[str, Speaker] = {}
        for f in self.full:
            fwords = f.name.lower().split()
            if (len(word) >= SHORT_FORM_MIN and fwords[0].startswith(word)) or (
                len(word) >= TYPO_MIN
                and any(
                    w[:1] == word[:1] and Levenshtein.distance(w, word, score_cutoff=1) <= 1
                    for w in fwords
                    if len(w) >= TYPO_MIN
                )
            ):
                found[f.name] = f
        return next(iter(found.values())) if len(found) == 1 else None

    def _introduced_alone(self, word: str) -> bool:
        """The article gives the one-word name (lower case) as someone's whole name: with
        an age after it ("Andika (34)"), or right after a role ("pemain Hendra") or
        "bernama", with no name word after it; or it spoke as itself."""
        known = self._alone.get(word)
        if known is not None:
            return known
        found = any(
            m[2].name.lower() == word
            for mentions in (self._introduced, self._spoke)
            for m in mentions
        )
        ctx = self.ctx
        if not found and ctx is not None:
            lex, text, toks = ctx.lex, self.text, ctx.toks
            for i, tok in enumerate(toks):
                if tok.lower != word or not tok.is_cap:
                    continue
                if i + 1 < len(toks) and toks[i + 1].is_cap and toks[i + 1].start == tok.end + 1:
                    continue  # a longer name ("Andika Pratama")
                prev = toks[i - 1] if i else None
                if lex.age_after.match(text, tok.end) is not None or (
                    prev is not None
                    and prev.end + 1 == tok.start
                    and (prev.lower in lex.roles or prev.lower in lex.name_introducers)
                ):
                    found = True
                    break
        self._alone[word] = found
        return found

    def by_initials(self, sp: Speaker) -> Speaker:
        """ "kata BHY" after "Bagus Hendra Yuwono": a word of two to four capitals
        (read as a body's acronym) that spells the initials of one full name the article
        gave is that person; any other speaker is returned as it is."""
        word = sp.name
        if sp.kind != "organization" or not (2 <= len(word) <= 4 and word.isalpha()):
            return sp
        if not word.isupper():
            return sp
        lex = self.lex
        if word.lower() in lex.organisations or word.lower() in lex.outlets:
            return sp  # a body the lexicon knows ("kata BPK"), whoever has its initials
        found = {
            f.name: f
            for f in self.full
            if len(f.name.split()) == len(word)
            and "".join(w[0] for w in f.name.split()).upper() == word
        }
        if len(found) != 1:
            return sp
        named = next(iter(found.values()))
        return Speaker(named.name, named.role, "person")

    def knows_name_word(self, word: str) -> bool:
        """A word (lower case) of a name of two words or more the article gave."""
        return word in self._full_by_word

    def _by_nickname_word(self, word: str) -> Speaker | None:
        """ "Abu menambahkan" after "yang akrab disapa Abu Ridwan": a one-word name that
        opens one nickname only, and no full name has, is that nickname's."""
        if word in self._full_by_word or any(
            norm_key(named.name) == word for named in self.nicknames.values()
        ):
            return None  # a name of its own ("Tono alias Ucok Kecil")
        owners = {
            norm_key(named.name): named
            for nick, named in self.nicknames.items()
            if nick.split()[0] == word and len(nick.split()) > 1
        }
        return next(iter(owners.values())) if len(owners) == 1 else None

    def by_role(self, role: str, pos: int) -> Speaker | None:
        """`kata Presiden` -> the person the article introduced as Presiden X.

        A role matches when all its words occur in the role the person was given;
        the most recent such person before `pos` wins, else the first after it.
        """
        short = self.lex.role_short_forms
        want = " ".join(short.get(w, w) for w in role.lower().split()).split()
        acronyms = {w.lower() for w in role.split() if len(w) >= 3 and w.isalpha() and w.isupper()}
        before = after = None
        for rpos, rrole, sp in self.roles:
            have = " ".join(short.get(w, w) for w in rrole.split()).split()
            if have[:1] != want[:1]:
                continue
            missing = set(want).difference(have)
            if missing and not (
                missing <= acronyms and all(_initials_in(a, have, self.lex) for a in missing)
            ):
                continue
            if rpos <= pos:
                before = sp
            elif after is None:
                after = sp
        return before or after

    def mentioned_between(self, a: int, b: int) -> bool:
        """Someone is mentioned at an offset in [a, b)."""
        for mentions in (self._spoke, self._introduced, self._named):
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

    def last_person(self, pos: int, named_too: bool = True) -> Speaker | None:
        """The person a pronoun before `pos` points to (`last_mention`)."""
        last = self.last_mention(pos, named_too)
        return last[1] if last is not None else None

    def last_mention(self, pos: int, named_too: bool = True) -> tuple[int, Speaker] | None:
        """Where and who the person a pronoun before `pos` points to was mentioned.

        The most recent speaker (a quote's speaker or a speech verb's subject) wins,
        unless a person introduced with a role came after it; with neither, the last full
        name mentioned (unless not `named_too`: a victim, a name in passing).
        """
        i = bisect_left(self._spoke, pos, key=lambda m: m[0])
        j = bisect_left(self._introduced, pos, key=lambda m: m[0])
        spoke = self._spoke[i - 1] if i else None
        named = self._introduced[j - 1] if j else None
        if named is not None and (spoke is None or named[0] > spoke[0]):
            if spoke is not None and self._same_sentence(spoke[0], named[0]):
                # "Budi mengaku bertemu Menteri X.": named after the speaker's verb in
                # the same sentence, X is its object; Budi is still the one speaking
                return spoke[0], spoke[2]
            return named[0], named[2]
        if spoke is not None:
            return spoke[0], spoke[2]
        if not named_too:
            return None
        # Nobody has spoken or been introduced with a title yet: the last full name.
        k = bisect_left(self._named, pos, key=lambda m: m[0])
        return (self._named[k - 1][0], self._named[k - 1][2]) if k else None

    def described(self, sp: Speaker, pos: int) -> Speaker:
        """Who a description at `pos` (a speaker of kind "description": "sang menteri",
        "pria itu", "pemuda tersebut") means: the person introduced with the role it
        names; else the person a pronoun there points to, if a person (not a role) and
        mentioned within `DESCRIPTION_WINDOW` characters; else nobody the article names,
        and the description as written is the speaker, as a role. A description of an
        account or a post ("akun itu", "keterangan unggahan tersebut") means the handle
        the article gave last, within the same distance."""
        if sp.role:
            named = self.by_role(sp.role, pos)
            if named is not None:
                return Speaker(named.name, named.role, "person")
        of = self._described_kind(sp)
        if of == "account":
            handle = self._last_handle(pos)
            if handle is not None:
                return handle
        last = self.last_mention(pos)
        if (
            last is not None
            and last[1].kind == "person"
            and pos - last[0] <= DESCRIPTION_WINDOW
            and (of == "person" or (of == "account" and last[1].name.startswith("@")))
            and not self._introduced_unnamed(sp, last[0], pos)
        ):
            return last[1]
        return Speaker(sp.name, None, "role")

    def _described_kind(self, sp: Speaker) -> str | None:
        """Whom a description is of, by its head (after "sang", "mantan"): "person" for a
        noun for one ("pria itu", "ibu dua anak ini") or a role ("politisi partai itu");
        "account" for an account or what it posts ("akun tersebut", "keterangan unggahan
        itu"); None for a thing or a group ("regulasi itu", "kelompok tersebut")."""
        if self.ctx is None:
            return "person"
        lex = self.ctx.lex
        words_ = sp.name.lower().split()
        while words_ and words_[0] in lex.pointers:
            words_ = words_[1:]
        if not words_:
            return None
        head = words_[0]
        if head in lex.account_words or head in lex.post_words:
            return "account"
        if head in lex.person_nouns:
            return "person"
        longest = min(lex.role_max_words, len(words_))
        if any(" ".join(words_[:n]) in lex.roles for n in range(1, longest + 1)):
            return "person"
        return None

    def _last_handle(self, pos: int) -> Speaker | None:
        """The handle ("@x") the article wrote last before `pos`, at most
        `DESCRIPTION_WINDOW` characters back."""
        if self.ctx is None:
            return None
        for tok in reversed(self.ctx.between(max(0, pos - DESCRIPTION_WINDOW), pos)):
            if handle_at(self.text, tok):
                return Speaker("@" + tok.text, None, "person")
        return None

    def someone_new_since(self, after: int, pos: int) -> bool:
        """A person the story does not name was introduced between `after` and `pos`
        ("seorang ibu-ibu merekam ...")."""
        if self.ctx is None or after >= pos:
            return False
        return self.ctx.lex.someone_new.search(self.text, max(after, 0), pos) is not None

    def _introduced_unnamed(self, sp: Speaker, after: int, pos: int) -> bool:
        """The description's noun was last introduced as someone new with no name, after
        `after` and before `pos`: "seorang pemuda memotret ... tutur pemuda tersebut"."""
        if self.ctx is None:
            return False
        lex = self.ctx.lex
        words_ = [w for w in sp.name.lower().split() if w not in lex.pointers]
        if not words_:
            return False
        found = None
        for m in lex.indefinite_noun.finditer(self.text, max(after, 0), pos):
            if m.group(1).lower() == words_[0]:
                found = m
        return found is not None


def _contains(hay: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return any(hay[i : i + n] == needle for i in range(len(hay) - n + 1))


def nickname_words(text: str, lex: Lexicon) -> frozenset[str]:
    """The words (lower case) of the nicknames given in `text`: "yang akrab disapa Om
    Yoga" -> om, yoga."""
    found: set[str] = set()
    # each keyword found by str.find, the regex tried there only (a regex search over
    # the whole article cost about 1% of extraction)
    for keyword in lex.nickname_words:
        at = text.find(keyword)
        while at >= 0:
            m = lex.nickname_given.match(text, at)
            if m is not None:
                found.update(word.lower() for word in m.group(1).split())
            at = text.find(keyword, at + 1)
    return frozenset(found)


def _initials_in(acronym: str, words: list[str], lex: Lexicon) -> bool:
    """ "phu" in "direktur jenderal penyelenggaraan haji dan umrah": the initials of
    consecutive words of a role (past "dan", "serta"), so that `kata Dirjen PHU` finds the
    person introduced with the role written out. Only the words before a region ("Provinsi
    Jawa Barat" is no part of an acronym), and not a body's name cut short ("DPR" is not
    "Dewan Perwakilan Rakyat Daerah")."""
    kept = []
    for word in words:
        if word in lex.region_heads:
            break
        if word not in lex.list_and and word != "&":
            kept.append(word)
    initials = "".join(w[0] for w in kept)
    at = initials.find(acronym)
    while at >= 0:
        after = at + len(acronym)
        if after == len(kept) or kept[after] not in lex.regional_qualifiers:
            return True
        at = initials.find(acronym, at + 1)
    return False


def norm_key(s: str) -> str:
    return " ".join(s.casefold().split())
