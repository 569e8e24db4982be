"""`QueryArgs.load`, the parameter-by-parameter loader of query schemas, against
marshmallow's own `Schema.load`: the same result, or the same error messages."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from marshmallow import Schema, ValidationError, fields, post_load, validates

from service.api.common import PageArgs, QueryArgs
from service.api.quotes import QuoteArgs, QuoteFormatArgs
from service.api.speakers import SpeakerArgs
from service.api.verify import VerifyInputSchema

SCHEMAS = [PageArgs(), QuoteArgs(), QuoteFormatArgs(), SpeakerArgs(), VerifyInputSchema()]


def in_order(messages: dict, schema: Schema) -> tuple[list, list]:
    """The errors in the order a 400 body lists them: declared parameters first, in
    declaration order, then the unknown ones (compared as a set: marshmallow keeps them
    in a set, whose order varies from run to run)."""
    declared = {f.data_key or name for name, f in schema.load_fields.items()}
    items = list(messages.items())
    head = [item for item in items if item[0] in declared]
    tail = [item for item in items if item[0] not in declared]
    assert items == head + tail, "an unknown parameter listed before a declared one"
    return head, sorted(tail)


def outcome(load, data, schema):
    try:
        return "ok", load(data)
    except ValidationError as error:
        return "error", in_order(error.messages, schema), error.valid_data


def both(schema: Schema, data: dict):
    return (
        outcome(schema.load, data, schema),
        outcome(lambda d: Schema.load(schema, d), data, schema),
    )


# values that hit every kind of field: numbers in and out of range, dates with and
# without an offset, the formats, empty and overlong text
VALUES = st.one_of(
    st.sampled_from(
        ["", "0", "1", "20", "100", "101", "-5", "1.5", "x", "csv", "json", "jsonld", "xml"]
        + ["2024-01-02", "2024-01-02T03:04:05", "2024-01-02T03:04:05+07:00", "12a"]
    ),
    st.text(max_size=30),
    st.text(min_size=195, max_size=210, alphabet="ab"),
)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({}, {"limit": 20}),
        ({"speaker": "Lukashenko"}, {"limit": 20, "speaker": "Lukashenko"}),
        ({"limit": "5", "cursor": "40"}, {"limit": 5, "cursor": "40"}),
        ({"limit": "0"}, None),
        ({"cursor": "-1"}, None),
        ({"format": "xml"}, None),
        ({"speakr": "typo"}, None),
        ({"speaker": ""}, None),
        # several errors: listed in declaration order, whatever the query's order
        ({"format": "xml", "cursor": "x", "limit": "0"}, None),
        ({"bogus": "1", "limit": "0", "speaker": ""}, None),
    ],
)
def test_quote_args_table(data, expected):
    fast, reference = both(QuoteArgs(), data)
    assert fast == reference
    if expected is None:
        assert fast[0] == "error"
    else:
        assert fast == ("ok", expected)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(SCHEMAS),
    st.dictionaries(
        st.sampled_from(
            ["limit", "cursor", "speaker", "q", "article", "publisher", "since", "until"]
            + ["format", "unknown", "Limit", "quote"]
        ),
        VALUES,
        max_size=5,
    ),
)
def test_the_same_as_marshmallow_for_any_query(schema, data):
    fast, reference = both(schema, data)
    assert fast == reference


class WithHooks(QueryArgs):
    name = fields.String()

    @validates("name")
    def no_digits(self, value, **kwargs):
        if any(c.isdigit() for c in value):
            raise ValidationError("No digits.")

    @post_load
    def upper(self, data, **kwargs):
        return {k: v.upper() for k, v in data.items()}


class Renamed(QueryArgs):
    since = fields.Integer(data_key="from", attribute="start", required=True)


@pytest.mark.parametrize(
    ("schema", "data"),
    [
        (WithHooks(), {"name": "abc"}),
        (WithHooks(), {"name": "a1"}),
        (Renamed(), {"from": "3"}),
        (Renamed(), {}),
        (Renamed(), {"since": "3"}),
        (QuoteArgs(), {"limit": "7"}),
    ],
)
def test_hooks_keys_and_required_fields(schema, data):
    fast, reference = both(schema, data)
    assert fast == reference


@pytest.mark.parametrize(
    "data",
    [
        {"quote": "Kami siap"},
        {"quote": "Kami siap", "speaker": "Rina", "limit": 3},
        {"quote": 5, "limit": "x"},
        {"quote": "", "limit": 0, "extra": True},
        {"limit": 51},
        {"quote": None, "speaker": None},
        {"quote": "x" * 5001},
    ],
)
def test_a_json_claim_loads_as_marshmallow_loads_it(data):
    fast, reference = both(VerifyInputSchema(), data)
    assert fast == reference


def test_options_and_non_mappings_take_the_whole_pipeline():
    schema = QuoteArgs()
    assert schema.load({"bogus": "1"}, unknown="exclude") == {"limit": 20}
    assert schema.load({"limit": "3"}, partial=True) == {"limit": 3}
    with pytest.raises(ValidationError):
        schema.load(["not", "a", "mapping"])
