"""Properties over any text, and adversarial inputs that must stay linear in time."""

import time

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from service.extraction import extract_article
from service.extraction.facts import is_skip_line
from service.extraction.lexicon import lexicon
from service.extraction.text import ALL_MARKS

# Text that is mostly quote marks, cue words, names and line breaks.
PIECES = st.sampled_from(
    [
        '"', "“", "”", "‘", "’", "'", "«", "»", "„", ",", ".", ":", "(", ")", "-", " — ", " ",
        "\n", "\n\n", "kata", "ujarnya", "mengatakan", "Menurut", "Budi", "Santoso", "Presiden",
        "Mu'min", "Jum'at", "ia", "di", "pada", "Baca juga:", "Populer", "10 Juli 2023 08:15 WIB",
        "JAKARTA, KOMPAS —", "seperti dikutip", "Reuters", "Kami siap membantu warga",
    ]
)  # fmt: skip
ARTICLES = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=80).map("".join)


def _clean(s: str) -> str:
    return " ".join("".join(" " if ch in ALL_MARKS else ch for ch in s).split())


def _quoted(text: str, start: int, end: int) -> str:
    """What a quote at [start, end) says: its span without the lines of site chrome that
    stand whole inside it ("Baca juga: ..." put between two paragraphs of one quote)."""
    lines = text[start:end].replace("\r\n", "\n").replace("\r", "\n").split("\n")
    inner = [
        line
        for k, line in enumerate(lines)
        if k in (0, len(lines) - 1) or not is_skip_line(line.strip(), lexicon())
    ]
    return _clean(" ".join(inner))


def _summary(text: str):
    return [(q.text, q.speaker, q.role, q.cue, q.via) for q in extract_article(text).quotes]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(ARTICLES, st.text(max_size=300)))
@example('"Baca juga:\nBaca juga:\n"\u201c"')  # a chrome line inside a quote's span
def test_never_raises_and_offsets_point_at_the_quote(text):
    article = extract_article(text)
    for q in article.quotes:
        assert 0 <= q.start <= q.end <= len(text)
        assert _quoted(text, q.start, q.end) == _clean(q.text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ARTICLES.filter(lambda s: "\r" not in s))
def test_output_does_not_depend_on_line_endings(text):
    unix = _summary(text)
    for ending in ("\r\n", "\r"):
        other = text.replace("\n", ending)
        assert _summary(other) == unix
        for q in extract_article(other).quotes:
            assert _quoted(other, q.start, q.end) == _clean(q.text)


def _seconds(text: str) -> float:
    start = time.perf_counter()
    extract_article(text)
    return time.perf_counter() - start


def _assert_linear(make):
    """Four times the input may take at most ~12 times as long (linear with slack), and
    the full size stays far from a quadratic blow-up (minutes)."""
    small, large = make(1), make(4)
    t_small, t_large = _seconds(small), _seconds(large)
    assert t_large < max(12 * t_small, 0.5), (t_small, t_large)
    assert t_large < 30


def test_a_megabyte_of_quote_marks():
    _assert_linear(lambda k: "\"“”'" * (62_500 * k))


def test_a_hundred_thousand_unclosed_quotes():
    _assert_linear(lambda k: ' "kata Budi' * (25_000 * k))


def test_one_megabyte_paragraph():
    sentence = "Budi mengatakan harga naik, kata Menteri Keuangan Rina Sari kepada wartawan. "
    _assert_linear(lambda k: sentence * (3_300 * k))


def test_a_megabyte_of_marks_and_apostrophes_mixed_with_cues():
    _assert_linear(lambda k: "'a' \"b\" ‘c’ Mu'min “d” «e», kata dia. " * (6_500 * k))
