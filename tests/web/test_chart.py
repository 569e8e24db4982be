"""The speaker chart: months (or years) with their counts, bars in the box."""

from __future__ import annotations

from datetime import datetime

import pytest

from service.web.chart import BOTTOM, HEIGHT, MONTHS_MAX, TOP, chart, periods


def d(year: int, month: int, day: int = 1) -> datetime:
    return datetime(year, month, day)


PERIODS = [
    ([], []),
    ([d(2024, 3, 4)], [(2024, 3, 1)]),
    # gaps are months with nothing
    (
        [d(2024, 1), d(2024, 3, 9), d(2024, 3, 20)],
        [(2024, 1, 1), (2024, 2, 0), (2024, 3, 2)],
    ),
    # across a new year
    ([d(2023, 12), d(2024, 1)], [(2023, 12, 1), (2024, 1, 1)]),
    # longer than MONTHS_MAX months: by year
    (
        [d(2019, 5), d(2020, 1), d(2020, 2), d(2023, 6)],
        [(2019, None, 1), (2020, None, 2), (2021, None, 0), (2022, None, 0), (2023, None, 1)],
    ),
]


@pytest.mark.parametrize(("dates", "expected"), PERIODS)
def test_periods(dates, expected):
    assert periods(dates) == expected


def test_months_max_is_the_last_monthly_span():
    start = d(2020, 1)
    last = (2020 + (MONTHS_MAX - 1) // 12, (MONTHS_MAX - 1) % 12 + 1)
    assert len(periods([start, d(*last)])) == MONTHS_MAX
    after = (last[0] + (last[1] // 12), last[1] % 12 + 1)
    assert periods([start, d(*after)])[0][1] is None


def test_bars_fit_the_box_and_the_tallest_fills_it():
    drawn = chart([d(2024, 1), d(2024, 1), d(2024, 1), d(2024, 2), d(2024, 4)])
    assert [b.count for b in drawn.bars] == [3, 1, 0, 1]
    assert drawn.peak == 3
    tallest = drawn.bars[0]
    assert tallest.y == TOP and tallest.height == HEIGHT - BOTTOM - TOP
    assert drawn.bars[2].height == 0
    for bar in drawn.bars:
        assert bar.y + bar.height == pytest.approx(drawn.baseline)
        assert bar.x >= drawn.left and bar.x + bar.width <= drawn.width
    xs = [b.x for b in drawn.bars]
    assert xs == sorted(xs)
    assert drawn.by_month


def test_no_dates_no_bars():
    assert chart([]).bars == ()
