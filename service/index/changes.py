"""The next state of the index: a snapshot plus what the store committed since.

`apply(snapshot, changes)` costs time in proportion to what changed: the articles added
or extracted again, and the quotes of the names whose speaker changed. It touches only the
postings and records of those quotes and speakers; everything else is shared with the
snapshot before. The first state (from an empty snapshot: a server's start) is built in
one pass instead, by `load.load`.

The result depends only on what the store holds, never on the order in which it came:
a quote's text and first time are those of its earliest appearance (by publication time,
then article id, then offset), speakers' names, kinds and roles are counted, and ties are
broken by the values themselves. (One exception, of about one chance in a billion for two
quotes first seen in the same second: two quotes whose keys collide take the next free
key, and which one takes it may depend on the order.)
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from .postings import EMPTY, updated
from .records import (
    TIE_BITS,
    UNTIMED,
    Appearance,
    ArticleRecord,
    QuoteRecord,
    SpeakerRecord,
    Tally,
    order_key,
    seconds,
)
from .snapshot import Snapshot
from .speakers import labels_of
from .text import (
    _hash,
    normalise_name,
    normalise_text,
    parse_time,
    speaker_id,
    tokens_of_normal,
)


@dataclass(slots=True, eq=False)
class StoredQuote:
    """One quote as the extractor found it in one article (a row of the store)."""

    text: str
    start: int
    end: int
    speaker: str | None = None
    kind: str | None = None
    role: str | None = None
    cue: str | None = None
    via: str | None = None


@dataclass(slots=True, eq=False)
class StoredArticle:
    """An article as the store gives it to the index: no text."""

    id: str
    name: str
    metadata: dict
    facts: dict
    quotes: tuple[StoredQuote, ...] = ()


@dataclass(frozen=True, slots=True)
class SpeakerName:
    """How the store groups a name: (name as given, kind) -> speaker id and name."""

    name: str
    kind: str
    speaker_id: str
    speaker: str


@dataclass
class Changes:
    """What the store committed after one log position, up to `position`. `articles`
    may be an iterator read once (the store streams a whole store's articles)."""

    position: int
    articles: Iterable[StoredArticle] = field(default_factory=list)
    names: list[SpeakerName] = field(default_factory=list)
    # (old id, the id it now answers as)
    retired: list[tuple[str, str]] = field(default_factory=list)

    def __bool__(self) -> bool:
        if self.names or self.retired:
            return True
        return bool(self.articles) if isinstance(self.articles, list | tuple) else True


def apply(snap: Snapshot, changes: Changes) -> Snapshot:
    """The snapshot after `changes` (`snap` itself if there are none)."""
    if not changes:
        if changes.position > snap.position:
            following = Snapshot(**{k: v for k, v in vars(snap).items() if k != "memo"})
            following.position = changes.position
            return following
        return snap
    if not snap.articles and not snap.names:
        from .load import load  # (it builds on this module's records)

        return load(changes)
    return _Next(snap).build(changes)


def _intern(value: str | None) -> str | None:
    """One string object for the few distinct cues, kinds, roles, outlets and names."""
    return None if value is None else sys.intern(value)


def _when(moment: datetime | None) -> tuple[int, float]:
    return (0, moment.timestamp()) if moment else (1, 0.0)


def _speaker_of(names, speaker: str | None, kind: str | None) -> str | None:
    if speaker is None:
        return None
    known = names.get((speaker, kind))
    return known[0] if known is not None else speaker_id(speaker)


class _Offsets(dict):
    """An offset -> one int object for it, for the first `size` offsets met: an archive's
    articles are short, so a million appearances share a few thousand offsets (an int
    object is 28 bytes; the four in an appearance's slots would be 64 bytes of it)."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def __missing__(self, offset: int) -> int:
        if len(self) < self.size:
            self[offset] = offset
        return offset


_OFFSETS = _Offsets(1 << 16)


def _appearance(article_id: str, quote: StoredQuote, text: str) -> Appearance:
    offsets = _OFFSETS
    return Appearance(
        article_id,
        offsets[quote.start],
        offsets[quote.end],
        _intern(quote.cue),
        _intern(quote.via),
        text,
        _intern(quote.speaker),
        _intern(quote.kind),
        _intern(quote.role),
    )


def _article(
    stored: StoredArticle, appearances: tuple[Appearance, ...]
) -> tuple[ArticleRecord, datetime | None]:
    """The article's record, and its publication time (None if unknown)."""
    metadata, facts = stored.metadata, stored.facts
    # given with it, else its date line, else the first day its text names with a date
    published = metadata.get("published") or facts.get("published") or facts.get("dated")
    when = parse_time(published)
    moment = seconds(when)
    newest_first = UNTIMED if moment == UNTIMED else UNTIMED - 1 - moment
    record = ArticleRecord(
        id=stored.id,
        name=stored.name,
        title=metadata.get("title") or facts.get("title"),
        publisher=_intern(metadata.get("publisher") or facts.get("publisher")),
        published=published,
        url=metadata.get("url"),
        authors=tuple(facts.get("authors") or ()),
        found=(facts.get("title"), facts.get("publisher"), facts.get("published")),
        appearances=appearances,
        order=(newest_first << TIE_BITS | int(stored.id[4:12], 16) >> 2, stored.id),
    )
    return record, when


class _Outlets(dict):
    """Outlet name -> its normal form, worked out once."""

    def __missing__(self, name: str) -> str:
        normal = self[name] = normalise_name(name)
        return normal


def _outlets(appearances, articles, normal: _Outlets) -> set[str]:
    found = set()
    for appearance in appearances:
        article = articles.get(appearance.article_id)
        if article is not None and article.publisher:
            found.add(normal[article.publisher])
        if appearance.via:
            found.add(normal[appearance.via])
    return found


def _person_names(appearances) -> set[str]:
    return {a.speaker for a in appearances if a.kind == "person" and a.speaker}


def _speaker_record(speaker: str, tally: Tally, quote_keys, names) -> SpeakerRecord:
    people = [
        names.get((name, kind), (None, name))[1]
        for (name, kind), count in tally.names.items()
        if kind == "person" and count > 0
    ]
    if people:
        name = max(people)
    else:
        name = min(
            (nk for nk, count in tally.names.items() if count > 0),
            key=lambda nk: (-tally.names[nk], nk[0], nk[1] or ""),
        )[0]
    aliases = {n for (n, kind), c in tally.names.items() if kind == "person" and c > 0}
    kinds: Counter = Counter()
    for (_name, kind_), count in tally.names.items():
        kinds[kind_ or ""] += count
    kind = min((-c, k) for k, c in kinds.items())[1] or None
    return SpeakerRecord(
        id=speaker,
        name=name,
        kind=kind,
        aliases=tuple(sorted(aliases - {name})),
        roles=tuple(sorted(tally.roles, key=lambda r: (-tally.roles[r], r))),
        quote_ranks=quote_keys,
        tally=tally,
    )


def _speaker_place(record: SpeakerRecord) -> tuple[int, str, str]:
    return (-len(record.quote_ranks), record.name.casefold(), record.id)


# -- the next state: in proportion to what changed -----------------------------------------


class _Postings:
    """Keys added to and taken from postings while a state is built, by posting."""

    def __init__(self) -> None:
        self.added: dict = {}
        self.removed: dict = {}

    def add(self, name, key) -> None:
        self.added.setdefault(name, []).append(key)

    def remove(self, name, key) -> None:
        self.removed.setdefault(name, set()).add(key)

    def names(self) -> set:
        return set(self.added) | set(self.removed)

    def apply(self, name, posting):
        return updated(
            posting, sorted(self.added.get(name, ())), self.removed.get(name, frozenset())
        )


class _Next:
    """The state being built from `old` (maps in mutation, postings as changes)."""

    def __init__(self, old: Snapshot) -> None:
        self.old = old
        self.articles = old.articles.mutate()
        self.quotes = old.quotes.mutate()
        self.records = old.records.mutate()
        self.names = old.names.mutate()
        self.retired = old.retired.mutate()
        self.postings = _Postings()
        # speakers touched: id -> [roles, (name, kind)] counted, from the old record
        self.tallies: dict[str, list[Counter]] = {}
        self._normal: dict[str, str] = {}
        self._texts: dict[str, str] = {}
        self._outlets = _Outlets()

    def build(self, changes: Changes) -> Snapshot:
        old = self.old
        stored_articles = list(changes.articles)
        replaced = {a.id for a in stored_articles if a.id in old.articles}
        affected: dict[str, QuoteRecord] = {}
        # the quotes of articles extracted again, found under the names as they were
        for article_id in replaced:
            for appearance in old.articles[article_id].appearances:
                speaker = _speaker_of(old.names, appearance.speaker, appearance.kind)
                record = old.quotes.get(self.quote_id_of(appearance.text, speaker))
                if record is not None:
                    affected[record.id] = record
        renamed = set()  # speakers whose name or names may change
        for row in changes.names:
            key = (_intern(row.name), _intern(row.kind))
            value = (row.speaker_id, row.speaker)
            before = self.names.get(key)
            if before == value:
                continue
            self.names[key] = value
            renamed.add(row.speaker_id)
            if before is not None:
                renamed.add(before[0])
                if before[0] != row.speaker_id and row.kind == "person":
                    # every quote giving this name moves to another speaker
                    for quote_key in old.by_name.get(row.name, ()):
                        record = old.records[quote_key]
                        affected[record.id] = record
        pending: list[Appearance] = []
        for record in affected.values():
            self.remove_quote(record)
            pending.extend(a for a in record.appearances if a.article_id not in replaced)
        for stored in stored_articles:
            pending.extend(self.put_article(stored))
        # the appearances placed again, by quote, with the quotes they join
        grouped: dict[str, list[Appearance]] = {}
        for appearance in pending:
            quote_id = self.quote_id_of(appearance.text, self.speaker_of(appearance))
            grouped.setdefault(quote_id, []).append(appearance)
        for quote_id, appearances in grouped.items():
            joined = self.quotes.get(quote_id)
            if joined is not None:
                self.remove_quote(joined)
                appearances.extend(joined.appearances)
            self.add_quote(quote_id, appearances)
        for old_id, new_id in changes.retired:
            self.retired[old_id] = new_id
        return self.finish(changes.position, renamed)

    def speaker_of(self, appearance) -> str | None:
        return _speaker_of(self.names, appearance.speaker, appearance.kind)

    def normal(self, text: str) -> str:
        normal = self._normal.get(text)
        if normal is None:
            normal = self._normal[text] = normalise_text(text)
        return normal

    def quote_id_of(self, text: str, speaker: str | None) -> str:
        """`text.quote_id`, each text normalised once."""
        return _hash("q", speaker or "", self.normal(text))

    def put_article(self, stored: StoredArticle) -> tuple[Appearance, ...]:
        appearances = tuple(_appearance(stored.id, q, self.shared_text(q)) for q in stored.quotes)
        record, _when_published = _article(stored, appearances)
        before = self.articles.get(record.id)
        if before is not None:
            self.postings.remove("articles", before.order)
        self.postings.add("articles", record.order)
        self.articles[record.id] = record
        return appearances

    def shared_text(self, quote: StoredQuote) -> str:
        """The quote's text, as the one object already held for its quote if equal: an
        archive holds the same statement in many articles."""
        quote_id = self.quote_id_of(quote.text, self.speaker_of(quote))
        held = self._texts.get(quote_id)
        if held is None:
            known = self.quotes.get(quote_id)
            held = self._texts[quote_id] = known.text if known is not None else quote.text
        return held if held == quote.text else quote.text

    def remove_quote(self, record: QuoteRecord) -> None:
        del self.quotes[record.id]
        del self.records[record.key]
        key, postings = record.key, self.postings
        postings.remove("order", key)
        for token in tokens_of_normal(self.normal(record.text)):
            postings.remove(("token", token), key)
        for outlet in _outlets(record.appearances, self.old.articles, self._outlets):
            postings.remove(("outlet", outlet), key)
        for name in _person_names(record.appearances):
            postings.remove(("name", name), key)
        if record.speaker_id is not None:
            self.tally(record.speaker_id, record.appearances, -1)
            postings.remove(("speaker", record.speaker_id), key)

    def add_quote(self, quote_id: str, appearances: list[Appearance]) -> None:
        articles = self.articles

        def earliest(appearance: Appearance) -> tuple:
            article = articles.get(appearance.article_id)
            moment = parse_time(article.published) if article is not None else None
            return (_when(moment), appearance.article_id, appearance.start)

        appearances.sort(key=earliest)
        first = appearances[0]
        first_article = articles.get(first.article_id)
        moment = seconds(parse_time(first_article.published)) if first_article else UNTIMED
        key = order_key(moment, quote_id)
        while key in self.records:  # two keys alike: the next free one
            key += 1
        speaker = self.speaker_of(first)
        record = QuoteRecord(
            id=quote_id,
            text=first.text,
            speaker_id=speaker,
            first_seen=first_article.published if moment != UNTIMED else None,
            appearances=tuple(appearances),
            key=key,
        )
        self.quotes[quote_id] = record
        self.records[key] = record
        postings = self.postings
        postings.add("order", key)
        for token in tokens_of_normal(self.normal(record.text)):
            postings.add(("token", token), key)
        for outlet in _outlets(appearances, articles, self._outlets):
            postings.add(("outlet", outlet), key)
        for name in _person_names(appearances):
            postings.add(("name", name), key)
        if speaker is not None:
            self.tally(speaker, appearances, 1)
            postings.add(("speaker", speaker), key)

    def tally(self, speaker: str, appearances, sign: int) -> None:
        counted = self.tallies.get(speaker)
        if counted is None:
            before = self.old.speakers.get(speaker)
            tally = before.tally if before is not None else Tally()
            counted = self.tallies[speaker] = [Counter(tally.roles), Counter(tally.names)]
        roles, names = counted
        for appearance in appearances:
            if appearance.role:
                roles[appearance.role] += sign
            names[appearance.speaker, appearance.kind] += sign

    def finish(self, position: int, renamed: set[str]) -> Snapshot:
        old, postings = self.old, self.postings
        names = self.names.finish()
        speakers = old.speakers.mutate()
        speaker_order_added, speaker_order_removed = [], set()
        label_changes: dict[str, tuple[set[str], set[str]]] = {}
        for speaker in set(self.tallies) | renamed:
            before = old.speakers.get(speaker)
            if before is not None:
                speaker_order_removed.add(_speaker_place(before))
            quote_keys = postings.apply(
                ("speaker", speaker), before.quote_ranks if before is not None else EMPTY
            )
            if before is None and not quote_keys:
                continue
            old_labels = labels_of(before.name, before.aliases, before.roles) if before else set()
            if not quote_keys:
                del speakers[speaker]
                label_changes[speaker] = (old_labels, set())
                continue
            counted = self.tallies.get(speaker)
            tally = (
                before.tally
                if counted is None
                else Tally(*({k: c for k, c in part.items() if c > 0} for part in counted))
            )
            record = _speaker_record(speaker, tally, quote_keys, names)
            speakers[speaker] = record
            speaker_order_added.append(_speaker_place(record))
            new_labels = labels_of(record.name, record.aliases, record.roles)
            if new_labels != old_labels:
                label_changes[speaker] = (old_labels, new_labels)
        by_token = old.by_token.mutate()
        by_outlet = old.by_outlet.mutate()
        by_name = old.by_name.mutate()
        maps = {"token": by_token, "outlet": by_outlet, "name": by_name}
        for name in postings.names():
            if not isinstance(name, tuple) or name[0] == "speaker":
                continue
            target = maps[name[0]]
            posting = postings.apply(name, target.get(name[1], EMPTY))
            if posting:
                target[name[1]] = posting
            elif name[1] in target:
                del target[name[1]]
        return Snapshot(
            position=max(position, old.position),
            articles=self.articles.finish(),
            article_order=postings.apply("articles", old.article_order),
            quotes=self.quotes.finish(),
            records=self.records.finish(),
            order=postings.apply("order", old.order),
            by_token=by_token.finish(),
            by_outlet=by_outlet.finish(),
            by_name=by_name.finish(),
            speakers=speakers.finish(),
            speaker_order=updated(
                old.speaker_order,
                sorted(set(speaker_order_added) - speaker_order_removed),
                speaker_order_removed - set(speaker_order_added),
            ),
            names=names,
            labels=old.labels.updated(label_changes),
            retired=self.retired.finish(),
        )


def build(changes: Changes, *, at_once: bool = True) -> Snapshot:
    """A snapshot of `changes` alone: in one pass, or (`at_once=False`) as the next state
    of an empty one, to compare the two."""
    if at_once:
        from .load import load

        return load(changes)
    return _Next(Snapshot()).build(changes)
