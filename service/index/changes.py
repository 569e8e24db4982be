"""The next state of the index: a snapshot plus what the store committed since.

`apply(snapshot, changes)` costs time in proportion to what changed: the articles added
or extracted again, and the quotes of the names whose speaker changed. It touches only the
postings and records of those quotes and speakers; everything else is shared with the
snapshot before. Building from nothing is the same with an empty snapshot.

The result depends only on what the store holds, never on the order in which it came:
a quote's text and first time are those of its earliest appearance (by publication time,
then article id, then offset), speakers' names, kinds and roles are counted, and ties are
broken by the values themselves.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field, replace

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
from .text import _hash, normalise_name, normalise_text, parse_time, speaker_id, tokens


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
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
    """What the store committed after one log position, up to `position`."""

    position: int
    articles: list[StoredArticle] = field(default_factory=list)
    names: list[SpeakerName] = field(default_factory=list)
    # (old id, the id it now answers as)
    retired: list[tuple[str, str]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.articles or self.names or self.retired)


def apply(snap: Snapshot, changes: Changes) -> Snapshot:
    """The snapshot after `changes` (`snap` itself if there are none)."""
    if not changes:
        if changes.position > snap.position:
            following = Snapshot(**{k: v for k, v in vars(snap).items() if k != "memo"})
            following.position = changes.position
            return following
        return snap
    return _Next(snap).build(changes)


def _intern(value: str | None) -> str | None:
    """One string object for the few distinct cues, kinds, roles, outlets and names."""
    return None if value is None else sys.intern(value)


def _when(article: ArticleRecord | None) -> tuple[int, float]:
    moment = parse_time(article.published) if article is not None else None
    return (0, moment.timestamp()) if moment else (1, 0.0)


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
        added = self.added.get(name, ())
        removed = self.removed.get(name, frozenset())
        return updated(posting, sorted(added), removed)


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
        # speakers touched: id -> [kinds, roles, names] counted, from the old record
        self.tallies: dict[str, list[Counter]] = {}
        self.article_keys: dict[str, tuple] = {}
        self._normal: dict[str, str] = {}
        self._texts: dict[str, str] = {}

    # -- the steps -----------------------------------------------------------------------

    def build(self, changes: Changes) -> Snapshot:
        old = self.old
        replaced = {a.id for a in changes.articles if a.id in old.articles}
        affected: dict[str, QuoteRecord] = {}
        # the quotes of articles extracted again, found under the names as they were
        for article_id in replaced:
            for appearance in old.articles[article_id].appearances:
                record = old.quotes.get(self.quote_id_of(appearance, old.speaker_of(appearance)))
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
        for stored in changes.articles:
            pending.extend(self.put_article(stored))
        # the appearances placed again, by quote, with the quotes they join
        grouped: dict[str, list[Appearance]] = {}
        for appearance in pending:
            grouped.setdefault(self.quote_id_of(appearance), []).append(appearance)
        for quote_id_, appearances in grouped.items():
            joined = self.quotes.get(quote_id_)
            if joined is not None:
                self.remove_quote(joined)
                appearances.extend(joined.appearances)
            self.add_quote(quote_id_, appearances)
        for old_id, new_id in changes.retired:
            self.retired[old_id] = new_id
        return self.finish(changes.position, renamed)

    def speaker_of(self, appearance) -> str | None:
        if appearance.speaker is None:
            return None
        known = self.names.get((appearance.speaker, appearance.kind))
        return known[0] if known is not None else speaker_id(appearance.speaker)

    def normal(self, text: str) -> str:
        normal = self._normal.get(text)
        if normal is None:
            normal = self._normal[text] = normalise_text(text)
        return normal

    def quote_id_of(self, appearance, speaker: str | None | bool = False) -> str:
        """`text.quote_id` of an appearance (or a stored quote), each text normalised once."""
        if speaker is False:
            speaker = self.speaker_of(appearance)
        return _hash("q", speaker or "", self.normal(appearance.text))

    def put_article(self, stored: StoredArticle) -> tuple[Appearance, ...]:
        metadata, facts = stored.metadata, stored.facts
        article_id = stored.id
        appearances = tuple(
            Appearance(
                article_id,
                q.start,
                q.end,
                _intern(q.cue),
                _intern(q.via),
                self.shared_text(q),
                _intern(q.speaker),
                _intern(q.kind),
                _intern(q.role),
            )
            for q in stored.quotes
        )
        published = metadata.get("published") or facts.get("published")
        authors = tuple(facts.get("authors") or ())
        record = ArticleRecord(
            id=article_id,
            name=stored.name,
            title=metadata.get("title") or facts.get("title"),
            publisher=_intern(metadata.get("publisher") or facts.get("publisher")),
            published=published,
            url=metadata.get("url"),
            authors=authors,
            found=(facts.get("title"), facts.get("publisher"), facts.get("published")),
            appearances=appearances,
        )
        before = self.articles.get(article_id)
        if before is not None:
            self.postings.remove("articles", before.order)
        moment = seconds(parse_time(published))
        newest_first = UNTIMED if moment == UNTIMED else UNTIMED - 1 - moment
        order = (newest_first << TIE_BITS | int(article_id[4:12], 16) >> 2, article_id)
        record = replace(record, order=order)
        self.postings.add("articles", order)
        self.articles[article_id] = record
        return appearances

    def shared_text(self, quote: StoredQuote) -> str:
        """The quote's text, as the one object already held for its quote if equal: an
        archive holds the same statement in many articles."""
        quote_id_ = self.quote_id_of(quote)
        held = self._texts.get(quote_id_)
        if held is None:
            known = self.quotes.get(quote_id_)
            held = self._texts[quote_id_] = known.text if known is not None else quote.text
        return held if held == quote.text else quote.text

    def remove_quote(self, record: QuoteRecord) -> None:
        del self.quotes[record.id]
        del self.records[record.key]
        key, postings = record.key, self.postings
        postings.remove("order", key)
        for token in tokens(record.text):
            postings.remove(("token", token), key)
        old_articles = self.old.articles
        for outlet in self.outlets(record.appearances, old_articles):
            postings.remove(("outlet", outlet), key)
        for name in {a.speaker for a in record.appearances if a.kind == "person" and a.speaker}:
            postings.remove(("name", name), key)
        if record.speaker_id is not None:
            self.tally(record.speaker_id, record.appearances, -1)
            postings.remove(("speaker", record.speaker_id), key)

    def add_quote(self, quote_id_: str, appearances: list[Appearance]) -> None:
        articles = self.articles
        appearances.sort(key=lambda a: (_when(articles.get(a.article_id)), a.article_id, a.start))
        first = appearances[0]
        first_article = articles.get(first.article_id)
        moment = seconds(parse_time(first_article.published)) if first_article else UNTIMED
        key = order_key(moment, quote_id_)
        while key in self.records:  # two keys alike: the next free one
            key += 1
        speaker = self.speaker_of(first)
        record = QuoteRecord(
            id=quote_id_,
            text=first.text,
            speaker_id=speaker,
            first_seen=first_article.published if moment != UNTIMED else None,
            appearances=tuple(appearances),
            key=key,
        )
        self.quotes[quote_id_] = record
        self.records[key] = record
        postings = self.postings
        postings.add("order", key)
        for token in tokens(record.text):
            postings.add(("token", token), key)
        for outlet in self.outlets(appearances, articles):
            postings.add(("outlet", outlet), key)
        for name in {a.speaker for a in appearances if a.kind == "person" and a.speaker}:
            postings.add(("name", name), key)
        if speaker is not None:
            self.tally(speaker, appearances, 1)
            postings.add(("speaker", speaker), key)

    @staticmethod
    def outlets(appearances, articles) -> set[str]:
        found = set()
        for appearance in appearances:
            article = articles.get(appearance.article_id)
            for outlet in (article.publisher if article else None, appearance.via):
                if outlet:
                    found.add(normalise_name(outlet))
        return found

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

    # -- the new state ---------------------------------------------------------------

    def finish(self, position: int, renamed: set[str]) -> Snapshot:
        old, postings = self.old, self.postings
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
            record = self.speaker_record(speaker, tally, quote_keys)
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
            names=self.names.finish(),
            labels=old.labels.updated(label_changes),
            retired=self.retired.finish(),
        )

    def speaker_record(self, speaker: str, tally: Tally, quote_keys) -> SpeakerRecord:
        people = [
            self.names.get((name, kind), (None, name))[1]
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


def build(changes: Changes) -> Snapshot:
    """A snapshot of `changes` alone (the whole store, read from position 0)."""
    return apply(Snapshot(), changes)
