"""Fuzzy speaker look-up: a name, alias or role, typos allowed, against every speaker's
labels (their name, aliases and roles).

Up to `SPEAKER_FULL_SCAN` distinct labels a query is scored (rapidfuzz WRatio) against all
of them; above, only against the labels holding a word like a word of the query, found
through `SpeakerWords` without a pass over them all, so the cost follows the number of
speakers that could match. Both structures grow speaker by speaker and are immutable: a
new state of the index shares what did not change.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from immutables import Map
from rapidfuzz import fuzz, process, utils

SPEAKER_SCORE_CUTOFF = 80.0
# Up to this many distinct speaker labels (names, aliases, roles) a speaker query is
# scored against all of them; above, only against the labels sharing a word that looks
# like one of the query's words (see `SpeakerLabels.candidates`).
SPEAKER_FULL_SCAN = 2_000
# A label word is a candidate if its ratio with a query word reaches this (and it is
# found by `SpeakerWords.similar`: a few characters apart).
SPEAKER_WORD_CUTOFF = 75.0
# Words up to this long are also indexed and looked up with two characters deleted.
TWO_DELETIONS_MAX = 24


def process_label(label: str) -> str:
    """A label as it is scored: rapidfuzz's default processing (case, punctuation)."""
    return utils.default_process(label)


def labels_of(name: str, aliases: Iterable[str], roles: Iterable[str]) -> set[str]:
    """A speaker's labels as they are scored: its name, aliases and roles, processed."""
    return {p for p in map(process_label, {name, *aliases, *roles}) if p}


def _deletions(word: str) -> set[str]:
    """`word` with one character deleted, each way."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _near(word: str) -> set[str]:
    """`word` and its forms with one or two characters deleted (one only for a word
    longer than `TWO_DELETIONS_MAX`)."""
    near = {word} | _deletions(word)
    if len(word) <= TWO_DELETIONS_MAX:
        for form in list(near):
            near.update(_deletions(form))
    return near


class SpeakerWords:
    """The words of the speaker labels, found by likeness without a pass over them all.

    `similar(word, known)` gives the label words within `SPEAKER_WORD_CUTOFF` (rapidfuzz
    ratio) of `word` that share a form with it once at most two characters are deleted
    from each: a letter or two dropped, added or changed, two swapped (Lukashenko,
    Lukasenko, Lukashenka). And, as partial_ratio would score them 100, the words of 3
    letters or more held in it (names run together) and, unless `holders=False`, the words
    holding `word` ("hartono" in "suhartono"). Its cost follows the length of `word`, not
    the number of words: every word is indexed under the hash of each of its forms with up
    to two deletions, substrings are dict look-ups, and the words holding `word` come from
    one C-level `str.find` pass over all words joined.

    Words are only ever added (a word no label holds any more is found, and then has no
    label): `with_words` gives a new one sharing the old one's index.
    """

    __slots__ = ("forms", "vocabulary", "joined", "longest")

    def __init__(
        self,
        forms: Map | None = None,
        vocabulary: Map | None = None,
        joined: str = "",
        longest: int = 0,
    ) -> None:
        # hash of a form -> the word (or the tuple of words) having it
        self.forms = forms if forms is not None else Map()
        self.vocabulary = vocabulary if vocabulary is not None else Map()
        # every word followed by a newline
        self.joined = joined
        self.longest = longest

    def __len__(self) -> int:
        return len(self.vocabulary)

    def with_words(self, words: Iterable[str]) -> SpeakerWords:
        new = sorted({w for w in words if w and w not in self.vocabulary})
        if not new:
            return self
        with self.forms.mutate() as forms, self.vocabulary.mutate() as vocabulary:
            for word in new:
                vocabulary[word] = None
                for form in _near(word):
                    key = hash(form)
                    held = forms.get(key)
                    if held is None:
                        forms[key] = word
                    else:
                        forms[key] = (*held, word) if isinstance(held, tuple) else (held, word)
            return SpeakerWords(
                forms.finish(),
                vocabulary.finish(),
                self.joined + "".join(f"{w}\n" for w in new),
                max(self.longest, *map(len, new)),
            )

    def similar(self, word: str, known: Mapping, holders: bool = True) -> set[str]:
        """The words near `word` by deletions and ratio, the words of 3 letters or more
        held in it that `known` has, and (with `holders`) the words holding it."""
        forms = self.forms
        found: set[str] = set()
        for form in _near(word):
            held = forms.get(hash(form))
            if held is not None:
                if isinstance(held, tuple):
                    found.update(held)
                else:
                    found.add(held)
        # (a hash shared by chance only adds a word that the ratio then judges)
        similar = {w for w in found if fuzz.ratio(word, w) >= SPEAKER_WORD_CUTOFF}
        if holders:
            similar.update(self.holding(word))
        for start in range(len(word)):
            for end in range(start + 3, min(len(word), start + self.longest) + 1):
                if word[start:end] in known:
                    similar.add(word[start:end])
        return similar

    def holding(self, word: str) -> list[str]:
        """The words that hold `word` (itself included)."""
        if not word or "\n" in word:
            return []
        joined = self.joined
        found = []
        at = joined.find(word)
        while at >= 0:
            start = joined.rfind("\n", 0, at) + 1
            end = joined.index("\n", at)
            found.append(joined[start:end])
            at = joined.find(word, end + 1)
        return found


class SpeakerLabels:
    """Every speaker's labels, processed: label -> its speakers, word -> its labels, and
    the words by likeness. Immutable; `updated` gives the next one (itself when no label
    changed, so that the snapshots that follow a write which changed no label share it and
    its `memo`: the speaker matches worked out on it, which depend on it alone)."""

    __slots__ = ("owners", "words", "lexicon", "_choices", "memo")

    def __init__(
        self,
        owners: Map | None = None,
        words: Map | None = None,
        lexicon: SpeakerWords | None = None,
    ) -> None:
        self.owners = owners if owners is not None else Map()
        self.words = words if words is not None else Map()
        self.lexicon = lexicon if lexicon is not None else SpeakerWords()
        self._choices: tuple[str, ...] | None = None
        # (kind, query) -> what `match` or `similar_words` answered (`Snapshot` keeps it)
        self.memo: dict = {}

    def __len__(self) -> int:
        return len(self.owners)

    def choices(self) -> tuple[str, ...]:
        """Every label, in a fixed order (worked out once per state)."""
        if self._choices is None:
            self._choices = tuple(sorted(self.owners))
        return self._choices

    def updated(self, changes: Mapping[str, tuple[set[str], set[str]]]) -> SpeakerLabels:
        """With each speaker's labels changed from the first set to the second (both
        processed); unchanged labels may be left out of both."""
        if not changes:
            return self
        # each label's owners (and each word's labels) worked out first, then written once
        # (a role's label is held by thousands of speakers)
        gained: dict[str, list[str]] = {}
        lost: dict[str, set[str]] = {}
        for speaker_id, (before, after) in changes.items():
            for label in before - after:
                lost.setdefault(label, set()).add(speaker_id)
            for label in after - before:
                gained.setdefault(label, []).append(speaker_id)
        words_gained: dict[str, list[str]] = {}
        words_lost: dict[str, set[str]] = {}
        with self.owners.mutate() as owners:
            for label in lost.keys() | gained.keys():
                held = owners.get(label, ())
                gone = lost.get(label, ())
                kept = [o for o in held if o not in gone] if gone else list(held)
                new = [o for o in gained.get(label, ()) if o not in kept]
                if kept or new:
                    owners[label] = (*kept, *new)
                    if not held:
                        for word in set(label.split()):
                            words_gained.setdefault(word, []).append(label)
                elif held:
                    del owners[label]
                    for word in set(label.split()):
                        words_lost.setdefault(word, set()).add(label)
            owners_now = owners.finish()
        with self.words.mutate() as words:
            for word in words_lost.keys() | words_gained.keys():
                gone = words_lost.get(word, set())
                labels = [x for x in words.get(word, ()) if x not in gone]
                labels += words_gained.get(word, ())
                if labels:
                    words[word] = tuple(labels)
                elif word in words:
                    del words[word]
            words_now = words.finish()
        return SpeakerLabels(owners_now, words_now, self.lexicon.with_words(words_gained))

    # -- look-ups -----------------------------------------------------------------------

    def match(self, processed: str, similar_words=None) -> dict[str, float]:
        """Speaker id -> best WRatio of the processed query against its labels (at least
        `SPEAKER_SCORE_CUTOFF`): every label up to `SPEAKER_FULL_SCAN`, above that only the
        labels holding a word like a query word (`similar_words(processed)` if given)."""
        choices: tuple[str, ...] | list[str]
        if len(self.owners) > SPEAKER_FULL_SCAN:
            similar = similar_words(processed) if similar_words else self.similar_words(processed)
            choices = self.candidates(similar)
        else:
            choices = self.choices()
        scores: dict[str, float] = {}
        hits = process.extract(
            processed,
            choices,
            scorer=fuzz.WRatio,
            processor=None,
            score_cutoff=SPEAKER_SCORE_CUTOFF,
            limit=None,
        )
        owners = self.owners
        for choice, score, _at in hits:
            for owner in owners[choice]:
                if score > scores.get(owner, 0.0):
                    scores[owner] = float(score)
        return scores

    def similar_words(self, processed: str) -> set[str]:
        """The label words like a word of the query: a few characters apart and within
        `SPEAKER_WORD_CUTOFF` (rapidfuzz ratio), or held in it, or, for the query's only
        word, one holding it (`SpeakerWords.similar`); from the words of 3 letters or more,
        if any."""
        query_words = {w for w in processed.split() if len(w) >= 3} or set(processed.split())
        # A query of several words reaches the cutoff against a label only if its other
        # words are in the label too, and they link it: a label word merely holding one
        # query word ("ana" in "banana") adds none, and a short word is in hundreds.
        holders = len(query_words) == 1
        similar: set[str] = set()
        for word in query_words:
            similar.update(self.lexicon.similar(word, self.words, holders=holders))
        return similar

    def candidates(self, similar: set[str]) -> list[str]:
        """The labels holding one of the `similar` words."""
        found: set[str] = set()
        words = self.words
        for word in similar:
            found.update(words.get(word, ()))
        return sorted(found)
