"""Article facts: where the body ends, title, publisher, publication time, authors."""

from __future__ import annotations

import re
from datetime import date
from typing import Final

from .lexicon import Lexicon
from .text import Paragraph

HEADER_LINES: Final = 15  # dates, bylines and titles are looked for only this close to the top

# Dates and bylines are read with the lexicon's patterns (`named_date`, `numeric_date`,
# `author_line`, `writer_credit`), built from its month, clock and label words.

# A dateline: up to five short parts before a dash that opens the first paragraph.
DATELINE_RE: Final = re.compile(
    r"^((?:[^\s,.—–-][^,—–]{0,40}?,\s*){0,2}[^,—–]{2,40}?)\s*(?:--|—|–|-)\s+\S"
)
# Every date line has a time ("11:56", "09.15"): paragraphs without one are skipped.
TIME_HINT_RE: Final = re.compile(r"\d[:.]\d")
CREDIT_RE: Final = re.compile(r"^\(([\w.]+)/([^)]+)\)$")  # (Tribunnews.com/Name)


def _bare(line: str) -> str:
    """A line without outer white space and trailing colons ("Baca Juga :" -> "Baca Juga")."""
    return line.strip().rstrip(":").strip()


def is_skip_line(line: str, lex: Lexicon) -> bool:
    """Lines of site chrome inside the text: "Baca juga: ...", captions, credits."""
    # Only the start of the line matters: lower-casing never shortens a character, so
    # the first characters of `line.lower()` come from as many characters of `line`.
    low = line[: lex.skip_prefix_max + 1].lower()
    prefixes = lex.skip_prefixes_by_first.get(low[:1])
    if prefixes is None or not low.startswith(prefixes):
        return False
    for prefix in prefixes:
        if low.startswith(prefix):
            rest = low[len(prefix) : len(prefix) + 1]
            if prefix.endswith((":", "(", "[")) or not rest or not rest.isalpha():
                return True
    return False


CAPTION_WORDS: Final = 20  # a photo caption is at most this long


def is_caption(pars: list[Paragraph], i: int, lex: Lexicon) -> bool:
    """A photo's caption: a short line with no quotation mark right before a photo credit
    line ("Menteri X di Jakarta" / "Foto: Antara/Y")."""
    # (the credit first: it rules out almost every line at the cost of one short slice)
    if i + 1 >= len(pars) or not pars[i + 1].text[:20].lower().startswith(lex.photo_credits):
        return False
    if len(pars[i].text.split()) > CAPTION_WORDS:
        return False
    return not any(mark in pars[i].text for mark in "\"“”'‘’«»")


# A credit line ("Sumber: Antara") is shorter than this.
CREDIT_LINE_MAX: Final = 80


def body_end(pars: list[Paragraph], lex: Lexicon) -> int:
    """Index of the first paragraph after the article: headline lists, comments, tags."""
    seen_body = False
    longest = max(lex.end_marker_max, CREDIT_LINE_MAX - 1)
    for par in pars:
        if not seen_body:
            # Nothing ends the article before its body began: a paragraph of 12+ words.
            seen_body = len(par.text.split()) >= 12
            continue
        # Lower-casing never shortens a line: a longer one is neither an end marker nor
        # a credit line.
        bare = _bare(par.text)
        if len(bare) > longest:
            continue
        folded = bare.lower()
        if folded in lex.end_markers:
            return par.index
        if len(folded) < CREDIT_LINE_MAX and any(m in folded for m in lex.credit_markers):
            return par.index
    return len(pars)


def _offset(zone: str | None, lex: Lexicon) -> str:
    """The UTC offset of a zone as written ("WITA"); the default zone's for none, or for
    letters that name no zone."""
    default = lex.timezones[lex.default_timezone]
    return lex.timezones.get(zone.lower(), default) if zone else default


def parse_date(text: str, lex: Lexicon) -> str | None:
    """First Indonesian date with a time in `text`, as ISO 8601 with the zone's offset."""
    if not TIME_HINT_RE.search(text):
        return None
    named = _named_date(text, lex)
    if named:
        return named
    for m in lex.numeric_date.finditer(text):
        day, month, year, hour, minute, zone = m.groups()
        if 1 <= int(day) <= 31 and 1 <= int(month) <= 12 and int(hour) < 24 and int(minute) < 60:
            offset = _offset(zone, lex)
            date = f"{int(year):04d}-{int(month):02d}-{int(day):02d}"
            return f"{date}T{int(hour):02d}:{minute}:00{offset}"
    return None


def _named_date(text: str, lex: Lexicon) -> str | None:
    """ "17 SEPTEMBER 2021 | 14:05 WIB" and the like, month written as a word."""
    for m in lex.named_date.finditer(text):
        day, month_word, year, hour, minute, zone = m.groups()
        month = lex.months.get(month_word.lower())
        if month is None or not 1 <= int(day) <= 31:
            continue
        if hour is None:
            continue
        if not (0 <= int(hour) < 24 and 0 <= int(minute) < 60):
            continue
        offset = _offset(zone, lex)
        return f"{int(year):04d}-{month:02d}-{int(day):02d}T{int(hour):02d}:{minute}:00{offset}"
    return None


def outlet_name(written: str, lex: Lexicon) -> str | None:
    """Reported name of an outlet as written in a dateline or credit, if it is one."""
    key = written.strip().lower()
    if key in lex.outlets:
        return lex.outlets[key]
    bare = re.sub(r"\.(?:co\.id|com|id|net|org|co)$", "", key)
    if bare in lex.outlets:
        return lex.outlets[bare]
    if bare != key and bare:
        return bare.title() if bare.isalpha() else bare
    # A regional edition written as one word: detikJatim, tribunjateng.
    for form, name in lex.outlets.items():
        if len(form) >= 5 and form.isalpha() and key.startswith(form) and key.isalpha():
            return name
    return None


def publisher(pars: list[Paragraph], end: int, lex: Lexicon) -> str | None:
    """Outlet named in a dateline (JAKARTA, KOMPAS — / REPUBLIKA.CO.ID, KAIRO --) or credit."""
    for par in pars[: min(end, HEADER_LINES + 5)]:
        m = DATELINE_RE.match(par.text)
        if not m:
            continue
        for part in m.group(1).split(","):
            name = outlet_name(part, lex)
            if name:
                return name
    for par in pars[:end]:
        m = CREDIT_RE.match(par.text)
        if m:
            name = outlet_name(m.group(1), lex)
            if name:
                return name
    return None


def _title_case(name: str) -> str:
    return name.title() if name.isupper() else name


def authors(pars: list[Paragraph], end: int, lex: Lexicon) -> list[str]:
    found: list[str] = []
    for par in pars[: min(end, HEADER_LINES)]:
        if ":" not in par.text:
            continue  # every byline form has a colon: "Penulis: X"
        for m in lex.author_line.finditer(par.text):
            found.append(_title_case(m.group(1).strip()))
    if not found:
        for par in pars[:end]:
            credit = CREDIT_RE.match(par.text)
            if credit:
                found.append(credit.group(2).strip())
    if not found:
        for par in pars[end : end + 3]:
            writer = lex.writer_credit.match(par.text)
            if writer:
                found.append(writer.group(2).strip())
    seen = []
    for name in found:
        if name and name not in seen:
            seen.append(name)
    return seen


def _looks_like_title(line: str) -> bool:
    n = len(line.split())
    stripped = line.rstrip("\"'”’»")
    # A line ending in a full stop, even inside a closing quote mark, is a sentence.
    return 3 <= n <= 30 and not stripped.endswith((".", ":")) and not DATELINE_RE.match(line)


def title(pars: list[Paragraph], end: int, date_par: int | None) -> str | None:
    """The headline: the line before the date line if there is one, else the first line."""
    if date_par is not None and date_par > 0:
        before = pars[date_par - 1].text
        if _looks_like_title(before):
            return before
    for par in pars[: min(end, 3)]:
        if par.index == date_par or len(par.text.split()) <= 2:
            continue  # a date line or a section label opening the page ("Berita")
        # Only the first real line can be the headline, and not in a one-line text.
        return par.text if _looks_like_title(par.text) and end > 1 else None
    return None


def date_paragraph(pars: list[Paragraph], end: int, lex: Lexicon) -> tuple[int | None, str | None]:
    for par in pars[: min(end, HEADER_LINES)]:
        when = parse_date(par.text, lex)
        if when:
            return par.index, when
    return None, None


# "Sabtu (3/12/2022)": a day named with its date in brackets (day/month/year), as news
# text dates what it reports.
DAY_DATE_RE: Final = re.compile(r"\b([^\W\d_][\w'’]*)\s*\((\d{1,2})/(\d{1,2})/(\d{4})\)")


def body_date(pars: list[Paragraph], end: int, lex: Lexicon) -> str | None:
    """The first "Sabtu (3/12/2022)" of the article (a day name of the calendar lexicon,
    a real date) as an ISO 8601 date, without a time: the best date an article with no
    date line gives (not its publication time: `Article.dated`)."""
    for par in pars[:end]:
        if "/" not in par.text:
            continue
        for m in DAY_DATE_RE.finditer(par.text):
            day_name, day, month, year = m.groups()
            if day_name.lower() not in lex.days:
                continue
            try:
                return date(int(year), int(month), int(day)).isoformat()
            except ValueError:
                continue
    return None
