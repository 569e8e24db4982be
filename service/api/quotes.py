"""GET /quotes and GET /quotes/{id}."""

from __future__ import annotations

from datetime import UTC

from flask_smorest import abort
from marshmallow import Schema, fields, validate

from ..index import QuoteQuery, QuoteRecord, Snapshot
from .common import (
    ArticleRefSchema,
    Blueprint,
    PageArgs,
    SpeakerRefSchema,
    page,
    page_schema,
    snapshot,
    speaker_ref,
)

blp = Blueprint(
    "quotes",
    __name__,
    url_prefix="/quotes",
    description="Quotes: one statement by one speaker, with every article it appears in.",
)


class QuoteArgs(PageArgs):
    speaker = fields.String(
        validate=validate.Length(1, 200),
        metadata={
            "description": "Speaker id, or a name, alias or role to match fuzzily "
            "(typos allowed); best matches come first.",
            "example": "lukashenko",
        },
    )
    q = fields.String(
        validate=validate.Length(1, 500),
        metadata={
            "description": "Words that must all occur in the quote (case, accents and "
            "-nya/-lah/-kah/-pun endings are ignored).",
            "example": "integrasi ekonomi",
        },
    )
    article = fields.String(
        validate=validate.Length(1, 100),
        metadata={"description": "Only quotes appearing in this article id."},
    )
    publisher = fields.String(
        validate=validate.Length(1, 200),
        metadata={
            "description": "Only quotes published by, or cited via, this outlet.",
            "example": "Republika",
        },
    )
    since = fields.AwareDateTime(
        default_timezone=UTC,
        metadata={
            "description": "Only quotes first seen at or after this time (ISO 8601).",
            "example": "2021-01-01T00:00:00+07:00",
        },
    )
    until = fields.AwareDateTime(
        default_timezone=UTC,
        metadata={
            "description": "Only quotes first seen at or before this time (ISO 8601).",
            "example": "2022-12-31T23:59:59+07:00",
        },
    )


class AppearanceSchema(Schema):
    article = fields.Nested(ArticleRefSchema, required=True)
    start = fields.Integer(
        required=True, metadata={"description": "Offset of the quote in the article text."}
    )
    end = fields.Integer(required=True, metadata={"description": "Offset just past the quote."})
    cue = fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "The speech verb that attributes it.", "example": "kata"},
    )
    via = fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "The outlet the article cites it from.", "example": "TASS"},
    )


class QuoteSchema(Schema):
    id = fields.String(required=True, metadata={"example": "q_9d3b7c0a6e1f2a4b"})
    text = fields.String(required=True)
    speaker = fields.Nested(SpeakerRefSchema, required=True, allow_none=True)
    first_seen = fields.String(
        required=True,
        allow_none=True,
        metadata={
            "description": "Earliest publication time among the appearances.",
            "example": "2021-09-10T11:56:00+07:00",
        },
    )
    match = fields.Float(
        required=True,
        allow_none=True,
        metadata={"description": "Score (0-100) of the speaker match when `speaker` is given."},
    )
    appearances = fields.List(fields.Nested(AppearanceSchema), required=True)


QuotePageSchema = page_schema(QuoteSchema, "QuotePage")


def render_quote(snap: Snapshot, record: QuoteRecord, match: float | None = None) -> dict:
    return {
        "id": record.id,
        "text": record.text,
        "speaker": speaker_ref(snap, record.speaker_id),
        "first_seen": record.first_seen,
        "match": match,
        "appearances": [
            {
                "article": snap.articles[a.article_id].ref(),
                "start": a.start,
                "end": a.end,
                "cue": a.cue,
                "via": a.via,
            }
            for a in record.appearances
        ],
    }


@blp.route("")
@blp.arguments(QuoteArgs, location="query", as_kwargs=True)
@blp.response(200, QuotePageSchema)
@blp.problems(400)
def list_quotes(limit, cursor=None, **filters):
    """Find quotes

    Every filter given must hold. With `speaker`, quotes of the best matching speakers come
    first; otherwise the earliest first seen come first.
    """
    snap = snapshot()
    ids, scores = snap.find_quotes(QuoteQuery(**filters))
    return page(
        ids,
        {"limit": limit, "cursor": cursor},
        lambda i: render_quote(
            snap, snap.quotes[i], scores.get(i) if filters.get("speaker") is not None else None
        ),
    )


@blp.route("/<string:quote_id>")
@blp.response(200, QuoteSchema)
@blp.problems(404)
def get_quote(quote_id):
    """One quote

    The quote with all its appearances.
    """
    snap = snapshot()
    record = snap.quotes.get(quote_id)
    if record is None:
        abort(404, message=f"No quote has the id {quote_id}.")
    return render_quote(snap, record)
