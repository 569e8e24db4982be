"""Plain data produced by the extractor: no behaviour, no Flask."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Quote:
    """One direct quote in one article.

    `start`/`end` are character offsets into the article text exactly as given
    (before any line-ending normalisation): the span between the opening and the
    closing quotation mark, without the attribution comma. For a quote that runs
    over several paragraphs the span covers all of them; `text` then joins the
    paragraphs with a single space and drops the re-opening marks.
    """

    text: str
    start: int
    end: int
    speaker: str | None = None
    role: str | None = None
    cue: str | None = None
    via: str | None = None
    aliases: tuple[str, ...] = ()
    # "person", "organization" or "role" (a role with no name); None with no speaker.
    speaker_kind: str | None = None
    # The speaker rule that chose the speaker (`speakers.SPEAKER_RULES`), for reading
    # why; not part of the quote's data.
    rule: str | None = field(default=None, compare=False)

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "speaker": self.speaker,
            "aliases": list(self.aliases),
            "speaker_kind": self.speaker_kind,
            "role": self.role,
            "cue": self.cue,
            "via": self.via,
            "start": self.start,
            "end": self.end,
        }


@dataclass(slots=True)
class Article:
    """Facts about one article and the quotes found in it."""

    name: str
    title: str | None = None
    publisher: str | None = None
    published: str | None = None  # ISO 8601 with offset, e.g. 2021-09-17T14:05:00+07:00
    authors: list[str] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    # With no date line: the first day the text names with its date ("Sabtu (3/12/2022)"),
    # an ISO 8601 date; the best date the article gives, not among its facts
    dated: str | None = None

    def facts(self) -> dict:
        return {
            "title": self.title,
            "publisher": self.publisher,
            "published": self.published,
            "authors": list(self.authors),
        }
