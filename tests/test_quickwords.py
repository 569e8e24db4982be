"""`quickwords.unit_words`, verify's fast cut of a candidate's words, answers as
`changes.Words.of` does."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from service import changes, quickwords
from service.changes import Words
from service.index import normalise_text
from service.quickwords import unit_words

# digits, separators and symbols, and characters that fold into them or into nothing
# (full-width digits and percent, a one-dot leader, a combining accent)
_NUMBERISH = st.text(
    st.sampled_from("0123456789.,% aZ\u00e9\u00b2-\uff11\uff05\u2024\u0301\u00a0"), max_size=40
)


@given(st.one_of(st.text(max_size=60), _NUMBERISH, st.text(st.sampled_from("0123456789.,% aZ_-"))))
@settings(max_examples=1000)
def test_unit_words_are_the_words_of_words_of(text):
    assert unit_words(text) == list(Words.of(text).words)
    # and, where nothing is joined or read, the index's normal form
    if not any(ch in quickwords._fold(text) for ch in ".,%"):
        assert " ".join(unit_words(text)) == normalise_text(text)


@given(st.text(st.sampled_from("0123456789.,a ٣"), max_size=30))
def test_a_separator_between_digits_is_found_as_the_pattern_finds_it(text):
    assert quickwords._digit_separator(text) == (changes._DIGIT_SEPARATOR.search(text) is not None)
