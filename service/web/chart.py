"""A bar chart of how many quotes a speaker had over time, laid out for an SVG drawn by
the server (the page needs no chart library). Pure: dates in, bars and labels out."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

# Up to this many months from the first to the last quote, one bar a month; above, a year.
MONTHS_MAX = 36
# In SVG units; the figure is scaled to its column (about 330 px on a 360 px phone), so
# the labels are sized and spaced for that.
WIDTH, HEIGHT = 480, 200
# room for the count labels on the left and the period labels below
LEFT, BOTTOM, TOP = 30, 26, 12
# a period label is about this wide (14-unit text, "Okt 24"): at most one per this much
LABEL_SPACE = 60


@dataclass(frozen=True, slots=True)
class Bar:
    year: int
    month: int | None  # None: the bar is a whole year
    count: int
    x: float
    y: float
    width: float
    height: float
    # whether the period is written under the bar (not every one fits)
    labelled: bool


@dataclass(frozen=True, slots=True)
class Chart:
    bars: tuple[Bar, ...]
    peak: int
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    top: int = TOP
    bottom: int = BOTTOM

    @property
    def baseline(self) -> int:
        return self.height - self.bottom

    @property
    def by_month(self) -> bool:
        return bool(self.bars) and self.bars[0].month is not None


def periods(dates: Iterable[datetime]) -> list[tuple[int, int | None, int]]:
    """(year, month, count) for every month from the first date's to the last's, gaps
    included with 0; or (year, None, count) for every year if that spans more than
    `MONTHS_MAX` months. Empty for no dates."""
    months = Counter((d.year, d.month) for d in dates)
    if not months:
        return []
    (y0, m0), (y1, m1) = min(months), max(months)
    span = (y1 - y0) * 12 + (m1 - m0) + 1
    if span > MONTHS_MAX:
        years = Counter()
        for (year, _month), count in months.items():
            years[year] += count
        return [(year, None, years[year]) for year in range(y0, y1 + 1)]
    out = []
    for n in range(span):
        year, month = y0 + (m0 - 1 + n) // 12, (m0 - 1 + n) % 12 + 1
        out.append((year, month, months[year, month]))
    return out


def chart(dates: Iterable[datetime]) -> Chart:
    """The bars of `periods(dates)` in a WIDTH x HEIGHT box, tallest reaching the top."""
    found = periods(dates)
    if not found:
        return Chart((), 0)
    peak = max(count for _, _, count in found)
    inner_w = WIDTH - LEFT - 4
    inner_h = HEIGHT - BOTTOM - TOP
    step = inner_w / len(found)
    gap = min(4.0, step * 0.2)
    every = max(1, math.ceil(LABEL_SPACE / step))
    bars = []
    for n, (year, month, count) in enumerate(found):
        height = inner_h * count / peak
        bars.append(
            Bar(
                year,
                month,
                count,
                round(LEFT + n * step + gap / 2, 2),
                round(TOP + inner_h - height, 2),
                round(step - gap, 2),
                round(height, 2),
                n % every == 0,
            )
        )
    return Chart(tuple(bars), peak)
