"""POST /extract: extraction of one article without storing it."""

from __future__ import annotations

from marshmallow import Schema, fields

from .. import pipeline
from .articles import REQUEST_BODY, FactsSchema, read_article_body
from .common import Blueprint

blp = Blueprint(
    "extract",
    __name__,
    url_prefix="/extract",
    description="Extraction of quotes from a text, without storing anything.",
)


class ExtractedQuoteSchema(Schema):
    text = fields.String(required=True)
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)
    speaker = fields.String(
        required=True, allow_none=True, metadata={"example": "Alexander Lukashenko"}
    )
    aliases = fields.List(fields.String(), required=True)
    speaker_kind = fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "person, organization, role, or null with no speaker."},
    )
    role = fields.String(required=True, allow_none=True)
    cue = fields.String(required=True, allow_none=True)
    via = fields.String(required=True, allow_none=True)


class ExtractionSchema(FactsSchema):
    quotes = fields.List(fields.Nested(ExtractedQuoteSchema), required=True)


@blp.route("", methods=["POST"])
@blp.doc(requestBody=REQUEST_BODY)
@blp.response(200, ExtractionSchema)
@blp.problems(400, 413, 415, 429)
def extract(**_):
    """Extract quotes

    The facts and quotes of one article, exactly as `POST /articles` would find them (with
    no merging of speakers across articles), but nothing is stored and no token is needed.
    """
    body = read_article_body()
    result = pipeline.extract(body["text"])
    facts = dict(result.facts)
    for key in ("title", "publisher", "published"):
        if body.get(key):
            facts[key] = body[key]
    quotes = [
        {
            "text": q.text,
            "speaker": q.speaker,
            "aliases": [],
            "speaker_kind": q.kind,
            "role": q.role,
            "cue": q.cue,
            "via": q.via,
            "start": q.start,
            "end": q.end,
        }
        for q in result.quotes
    ]
    return {**facts, "quotes": quotes}
