"""POST /verify: did this speaker really say this, and where did it first appear?"""

from __future__ import annotations

import functools

from flask import request
from flask_smorest import abort
from marshmallow import Schema, fields, validate

from .. import changes
from .. import verify as matching
from .common import Blueprint, JSONInteger, QueryArgs, dumps, json_response, snapshot
from .quotes import QuoteSchema, quote_json

blp = Blueprint(
    "verify",
    __name__,
    url_prefix="/verify",
    description="Verification of a claimed quote against every stored quote.",
)


class VerifyInputSchema(QueryArgs):
    """The claim, loaded key by key as the query schemas are (`QueryArgs.load`)."""

    quote = fields.String(
        required=True,
        validate=validate.Length(1, 5000),
        metadata={
            "description": "The words as claimed. Case, accents, punctuation and spacing "
            "are ignored.",
            "example": "Kami siap berintegrasi",
        },
    )
    speaker = fields.String(
        validate=validate.Length(1, 200),
        metadata={
            "description": "Who is claimed to have said it: a speaker id, or a name, alias "
            "or role matched fuzzily as in `GET /quotes?speaker=`.",
            "example": "Lukashenko",
        },
    )
    limit = JSONInteger(
        load_default=5,
        validate=validate.Range(1, matching.MAX_MATCHES),
        metadata={
            "description": f"Most matches to return, 1 to {matching.MAX_MATCHES}.",
            "example": 5,
        },
    )


class SpanSchema(Schema):
    start = fields.Integer(required=True, metadata={"description": "Offset of the first char."})
    end = fields.Integer(required=True, metadata={"description": "Offset just past the span."})
    text = fields.String(required=True, metadata={"description": "The text of the span."})


class ChangeSchema(Schema):
    kind = fields.String(
        required=True,
        validate=validate.OneOf(changes.KINDS),
        metadata={
            "description": "`negation` (a negation word added, dropped or replaced), "
            "`number` (digits or a number word), `name` (a capitalised word), `word` "
            "(any other word): these change the meaning; `spelling` (a typo, a spelling "
            "variant, words run together) and `filler` (a particle or filler such as "
            "juga, itu, pun, -lah) do not."
        },
    )
    claimed = fields.Nested(
        SpanSchema,
        required=True,
        metadata={
            "description": "The words in the claimed `quote`; for a word the claim "
            "dropped, the empty span where it would be."
        },
    )
    stored = fields.Nested(
        SpanSchema,
        required=True,
        metadata={
            "description": "The words in the stored quote's `text`; for a word the claim "
            "added, the empty span where it would be."
        },
    )


class VerifyMatchSchema(Schema):
    verdict = fields.String(
        required=True,
        validate=validate.OneOf(matching.MATCH_VERDICTS),
        metadata={
            "description": "`exact`: the same words; `close`: only spelling or fillers "
            "differ; `partial`: one is a fragment of the other; `altered`: the words "
            "match but for changes of meaning (see `changes`), whole or as a fragment; "
            "`different_speaker`: the words match (see `text_match`) but the quote's "
            "speaker is not the one claimed."
        },
    )
    text_match = fields.String(
        required=True,
        validate=validate.OneOf(matching.TEXT_VERDICTS),
        metadata={"description": "How the words alone match, whoever the speaker."},
    )
    score = fields.Float(
        required=True,
        metadata={"description": "rapidfuzz ratio (0-100) of the whole texts, normalised."},
    )
    partial_score = fields.Float(
        required=True,
        metadata={
            "description": "rapidfuzz partial_ratio (0-100): the shorter text aligned "
            "inside the longer."
        },
    )
    speaker_match = fields.Float(
        required=True,
        allow_none=True,
        metadata={
            "description": "Score (0-100) of the claimed speaker against the quote's "
            "speaker; null if no speaker was claimed or they differ."
        },
    )
    span = fields.Nested(
        SpanSchema,
        required=True,
        metadata={"description": "The matched words inside the stored quote's `text`."},
    )
    claim_span = fields.Nested(
        SpanSchema,
        required=True,
        metadata={"description": "The matched words inside the claimed `quote`."},
    )
    changes = fields.List(
        fields.Nested(ChangeSchema),
        required=True,
        metadata={
            "description": "The word-level differences between the claim and the stored "
            "quote, in claim order (none for `exact`; for a fragment, only within it)."
        },
    )
    quote = fields.Nested(QuoteSchema, required=True)


class VerifyResultSchema(Schema):
    verdict = fields.String(
        required=True,
        validate=validate.OneOf(matching.VERDICTS),
        metadata={
            "description": "The verdict of the best match, or `not_found`. Matches by the "
            "claimed speaker come first, then those that account for the whole claim, "
            "then by verdict: exact, close, partial, altered."
        },
    )
    first_seen = fields.String(
        required=True,
        allow_none=True,
        metadata={
            "description": "When the best match first appeared, as its `first_seen` "
            "(null: not found, or no publication time known).",
            "example": "2021-09-10T11:56:00+07:00",
        },
    )
    candidates = fields.Integer(
        required=True,
        metadata={"description": "How many stored quotes shared words and were scored."},
    )
    matches = fields.List(
        fields.Nested(VerifyMatchSchema),
        required=True,
        metadata={"description": "Best first: by verdict, then score."},
    )


def require_json() -> None:
    """415 for a body that is not JSON, before the arguments are parsed."""
    mimetype = request.mimetype
    if not (mimetype == "application/json" or mimetype.endswith("+json")):
        abort(415, message='Send the claim as application/json: {"quote": "..."}.')


def json_body_only(view):
    """`require_json` before the view's arguments are parsed."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        require_json()
        return view(*args, **kwargs)

    return wrapper


def _span(text: str, span: tuple[int, int]) -> dict:
    return {"start": span[0], "end": span[1], "text": text[span[0] : span[1]]}


@blp.route("", methods=["POST"])
@json_body_only
@blp.arguments(VerifyInputSchema(), as_kwargs=True)
@blp.response(200, VerifyResultSchema)
@blp.problems(400, 413, 415, 429)
def verify(quote, limit, speaker=None):
    """Verify a quote

    The stored quotes whose words match the claimed `quote`, each with its verdict,
    similarity scores, the matched span and the word-level `changes`, and the overall
    verdict (the best match's): `exact` (same words; punctuation and case aside), `close`
    (only spelling variants, typos, particles and fillers differ), `partial` (the claim is
    a fragment of a longer quote, or a quote is a fragment of the claim), `altered` (the
    words match but for a change of meaning: a negation added or dropped, a number, a
    name or another word changed), `different_speaker` (the words match but someone other
    than `speaker` said them) or `not_found`. Every match carries the quote's `first_seen`
    and appearances.
    """
    snap = snapshot()
    result = matching.verify(snap, quote, speaker, limit)
    matches = []
    for match in result.matches:
        record = snap.quotes[match.quote_id]
        scored = dumps(
            {
                "verdict": match.verdict,
                "text_match": match.text_match,
                "score": match.score,
                "partial_score": match.partial_score,
                "speaker_match": match.speaker_match,
                "span": _span(record.text, match.span),
                "claim_span": _span(quote, match.claim_span),
                "changes": [
                    {
                        "kind": change.kind,
                        "claimed": _span(quote, change.claimed),
                        "stored": _span(record.text, change.stored),
                    }
                    for change in match.changes
                ],
            }
        )
        matches.append(f'{scored[:-1]},"quote":{quote_json(snap, record)}}}')
    first_seen = snap.quotes[result.matches[0].quote_id].first_seen if result.matches else None
    head = dumps(
        {"verdict": result.verdict, "first_seen": first_seen, "candidates": result.candidates}
    )
    # the VerifyResultSchema body, serialised here (see common.json_response)
    return json_response(f'{head[:-1]},"matches":[{",".join(matches)}]}}')


# served directly, as GET /quotes is: the same checks, the wrappers kept for the document
blp.direct("verify", VerifyInputSchema(), location="json", guard=require_json)
