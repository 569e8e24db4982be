"""People across articles: which person names are one person, and that person's name.

`SpeakerGroups` holds the person names a corpus gives, each with the number of quotes
giving it, and groups them:

- Two names of two words or more are one person when their last words are nearly equal
  and their other words alike once old spellings and transliterations are folded
  (`same_person`): Alexander / Aleksandar Petrenko, Soeharto / Suharto. A group is a
  connected set of such pairs. People who share only a surname (Joko / Budi Wirabumi) or a
  first name stay apart, as the other words must be alike too.
- A one-word name joins the single group one of whose names holds that word; with no such
  group, or with two (Wirabumi, when Joko and Budi Wirabumi are both known), it is a person
  of its own.
- A group's name is its fullest: most words, then the form given most often, then the
  longest, then the last in code-point order.
- A group's id is the least of its names' own ids (`identity`, given: a store hashes the
  name): it changes only when the group gains or loses names, not when its name changes
  as the counts go up, and a person of one name has that name's own id.

The grouping is a function of the names and their counts alone, never of the order in
which they came: `update` changes counts (0 removes a name) and answers which names'
person (name or id) changed, so a store can keep the grouping of a growing corpus up to
date at the cost of the names it touches, and a whole corpus is grouped by one `update`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from rapidfuzz import fuzz

from .lexicon import lexicon

SAME_SURNAME: Final = 90  # ratio of last words for two names to be one person's variants
SAME_GIVEN: Final = 80  # ratio of the other words, spelling folded (Alexander / Aleksandar)


def fold(name: str) -> str:
    """A name case-folded, its white space one space."""
    return " ".join(name.casefold().split())


def _spelling(word: str) -> str:
    """The word with spellings of the same sound folded (lexicons/spelling.json):
    Aleksandar and Alexander, Soeharto and Suharto."""
    for old, new in lexicon().spelling_variants:
        word = word.replace(old, new)
    return word


def same_person(a: list[str], b: list[str]) -> bool:
    """Two multi-word names (folded words) are one person: same surname, similar given
    names. Different people who share a surname (Joko Wirabumi / Budi Wirabumi) or a first
    name stay apart because the other words must be similar too."""
    if fuzz.ratio(a[-1], b[-1]) < SAME_SURNAME:
        return False
    rest_a, rest_b = _spelling(" ".join(a[:-1])), _spelling(" ".join(b[:-1]))
    if len(a) == len(b):
        return fuzz.ratio(rest_a, rest_b) >= SAME_GIVEN
    # One name has an extra middle or leading word: the shorter must sit inside the longer.
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return all(any(fuzz.ratio(w, x) >= SAME_SURNAME for x in long_) for w in short)


def _bucket(words: list[str]) -> str:
    # names are compared only within a bucket: the first letters of the surname
    return words[-1][:4]


class SpeakerGroups:
    """Person names grouped into people (see the module's doc); changed by `update`."""

    def __init__(self, identity: Callable[[str], str] | None = None) -> None:
        # a name's own id: its group's is the least of its names'
        self._identity: Callable[[str], str] = identity if identity is not None else fold
        # every name held (count > 0) -> quotes giving it
        self.counts: dict[str, int] = {}
        # names of two words or more: folded words, bucket -> names, name -> group number
        self._words: dict[str, list[str]] = {}
        self._buckets: dict[str, set[str]] = {}
        self._group_of: dict[str, int] = {}
        # group number -> its names of two words or more, and its name
        self._members: dict[int, set[str]] = {}
        self._canonical: dict[int, str] = {}
        self._id: dict[int, str] = {}
        # folded word -> the groups one of whose names holds it
        self._word_groups: dict[str, set[int]] = {}
        # one-word names by folded word, and the group each joins (-1: none)
        self._singles: dict[str, set[str]] = {}
        self._joined: dict[str, int] = {}
        self._next = 0

    # -- reading ------------------------------------------------------------------------

    def _held(self, name: str) -> int | None:
        """The group `name` belongs to, or the one its single word joined (-1: a single word
        that is a person of its own); None if `name` is not held."""
        group = self._group_of.get(name)
        return self._joined.get(name) if group is None else group

    def canonical(self, name: str) -> str | None:
        """The name of `name`'s person; None if `name` is not held."""
        group = self._held(name)
        if group is None:
            return None
        return name if group < 0 else self._canonical[group]

    def person(self, name: str) -> tuple[str, str] | None:
        """(name, id) of `name`'s person; None if `name` is not held."""
        group = self._held(name)
        if group is None:
            return None
        if group < 0:
            return name, self._identity(name)
        return self._canonical[group], self._id[group]

    def names(self, name: str) -> list[str]:
        """Every name held of `name`'s person (itself included), sorted; [] if not held."""
        group = self._group_of.get(name)
        if group is None:
            group = self._joined.get(name)
            if group is None:
                return []
            if group < 0:
                return [name]
        return sorted(self._group_names(group))

    def _group_names(self, group: int) -> set[str]:
        found = set(self._members[group])
        for word in self._group_words(group):
            for single in self._singles.get(word, ()):
                if self._joined.get(single) == group:
                    found.add(single)
        return found

    def __contains__(self, name: object) -> bool:
        return name in self.counts

    def __len__(self) -> int:
        return len(self.counts)

    # -- changing -------------------------------------------------------------------------

    def restore(self, counts: dict[str, int], groups: dict[str, str]) -> None:
        """Hold `counts`, grouped as `groups` says (name -> a key its group's names of two
        words or more share), as an `update` of the same counts grouped them before (a
        store's `speakers` table): no names are compared. On an empty `SpeakerGroups`."""
        by_key: dict[str, set[str]] = {}
        for name, count in counts.items():
            folded = fold(name).split()
            if not folded or count <= 0:
                continue
            self.counts[name] = count
            if len(folded) == 1:
                self._singles.setdefault(folded[0], set()).add(name)
            else:
                self._words[name] = folded
                self._buckets.setdefault(_bucket(folded), set()).add(name)
                by_key.setdefault(groups[name], set()).add(name)
        for members in by_key.values():
            group = self._new_group(members)
            self._canonical[group] = max(members, key=self._fullness)
        for word, singles in self._singles.items():
            holders = self._word_groups.get(word, set())
            for single in singles:
                self._joined[single] = next(iter(holders)) if len(holders) == 1 else -1
        for group in self._members:
            self._id[group] = min(map(self._identity, self._group_names(group)))

    def update(self, counts: dict[str, int]) -> set[str]:
        """Set the counts of `counts`' names (0 or less: the name goes); the names held
        before or after whose person (`person`: name or id) is not what it was."""
        before: dict[str, tuple[str, str] | None] = {}
        touched: set[int] = set()  # groups whose names or counts changed
        words: set[str] = set()  # words whose groups changed
        added: list[str] = []
        removed: list[str] = []
        singles: set[str] = set()  # one-word names to place again
        for name, count in counts.items():
            folded = fold(name).split()
            old = self.counts.get(name, 0)
            if not folded or count == old or (count <= 0 and old == 0):
                continue
            self._remember(before, name)
            if count > 0:
                self.counts[name] = count
            else:
                del self.counts[name]
            if len(folded) == 1:
                singles.add(name)
                if old == 0:
                    self._singles.setdefault(folded[0], set()).add(name)
                elif count <= 0:
                    self._drop_single(name, folded[0])
            elif old == 0:
                added.append(name)
                self._words[name] = folded
            elif count <= 0:
                removed.append(name)
            else:
                touched.add(self._group_of[name])
        for name in removed:
            touched.update(self._remove(name, before, words))
        for name in added:
            touched.add(self._add(name, before, words))
        touched = {g for g in touched if g in self._members}
        for group in touched:
            self._remember_group(before, group)
            self._canonical[group] = max(self._members[group], key=self._fullness)
            words |= self._group_words(group)
        for word in words:
            singles.update(self._singles.get(word, ()))
        for single in singles:
            self._remember(before, single)
            left = self._joined.pop(single, -1)
            joined = -1
            if single in self.counts:
                groups = self._word_groups.get(fold(single), set())
                joined = next(iter(groups)) if len(groups) == 1 else -1
            for group in (left, joined):
                if group in self._members:
                    # its id may change: its names as they were first
                    self._remember_group(before, group)
                    touched.add(group)
            if single in self.counts:
                self._joined[single] = joined
        for group in touched:
            if group in self._members:
                self._id[group] = min(map(self._identity, self._group_names(group)))
        return {name for name, was in before.items() if self.person(name) != was}

    def _fullness(self, name: str) -> tuple[int, int, int, str]:
        return (len(self._words[name]), self.counts[name], len(name), name)

    def _remember(self, before: dict[str, tuple[str, str] | None], name: str) -> None:
        if name not in before:
            before[name] = self.person(name)

    def _remember_group(self, before: dict[str, tuple[str, str] | None], group: int) -> None:
        """Remember the names of `group`, and the one-word names that may have joined it."""
        if group not in self._id:
            return  # new: its names were remembered in the groups they came from
        for member in self._members[group]:
            self._remember(before, member)
        for word in self._group_words(group):
            for single in self._singles.get(word, ()):
                self._remember(before, single)

    def _group_words(self, group: int) -> set[str]:
        return {w for m in self._members.get(group, ()) for w in self._words[m]}

    def _new_group(self, members: set[str]) -> int:
        group = self._next
        self._next += 1
        self._members[group] = members
        for member in members:
            self._group_of[member] = group
            for word in self._words[member]:
                self._word_groups.setdefault(word, set()).add(group)
        return group

    def _drop_group(self, group: int, words: set[str]) -> set[str]:
        """Forget `group` (adding the words its names held to `words`); its names."""
        members = self._members.pop(group)
        self._canonical.pop(group, None)
        self._id.pop(group, None)
        for member in members:
            for word in self._words[member]:
                words.add(word)
                holders = self._word_groups.get(word)
                if holders is not None:
                    holders.discard(group)
                    if not holders:
                        del self._word_groups[word]
        return members

    def _add(self, name: str, before: dict[str, tuple[str, str] | None], words: set[str]) -> int:
        """Put `name` in a group with every group it is the same person as."""
        own = self._words[name]
        bucket = self._buckets.setdefault(_bucket(own), set())
        linked = {self._group_of[other] for other in bucket if same_person(own, self._words[other])}
        bucket.add(name)
        members = {name}
        for group in linked:
            self._remember_group(before, group)
            members |= self._drop_group(group, words)
        return self._new_group(members)

    def _remove(
        self, name: str, before: dict[str, tuple[str, str] | None], words: set[str]
    ) -> list[int]:
        """Take `name` out of its group, which may fall apart: the groups it leaves."""
        key = _bucket(self._words[name])
        bucket = self._buckets[key]
        bucket.discard(name)
        if not bucket:
            del self._buckets[key]
        group = self._group_of.pop(name)
        self._remember_group(before, group)
        rest = self._drop_group(group, words) - {name}
        del self._words[name]
        # the rest falls into the connected parts of the same-person pairs left
        parts: list[int] = []
        unplaced = set(rest)
        while unplaced:
            part = {unplaced.pop()}
            frontier = list(part)
            while frontier:
                current = self._words[frontier.pop()]
                linked = {other for other in unplaced if same_person(current, self._words[other])}
                unplaced -= linked
                part |= linked
                frontier.extend(linked)
            parts.append(self._new_group(part))
        return parts

    def _drop_single(self, name: str, word: str) -> None:
        held = self._singles[word]
        held.discard(name)
        if not held:
            del self._singles[word]
