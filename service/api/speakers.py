"""GET /speakers, GET /speakers/{id} and GET /speakers/{id}/timeline."""

from __future__ import annotations

from flask_smorest import abort
from marshmallow import Schema, fields, validate

from ..index import Snapshot
from .common import Blueprint, PageArgs, SpeakerRefSchema, page, page_schema, snapshot, speaker_ref
from .quotes import QuoteSchema, render_quote

blp = Blueprint(
    "speakers",
    __name__,
    url_prefix="/speakers",
    description="Speakers: people, organisations and unnamed roles that are quoted.",
)


class SpeakerArgs(PageArgs):
    q = fields.String(
        validate=validate.Length(1, 200),
        metadata={
            "description": "Name, alias or role to match fuzzily (typos allowed); best "
            "matches first.",
            "example": "lukashenko",
        },
    )


class SpeakerSchema(Schema):
    id = fields.String(required=True, metadata={"example": "spk_3f1c0e5a9b2d"})
    name = fields.String(required=True, metadata={"example": "Alexander Lukashenko"})
    kind = fields.String(
        required=True,
        allow_none=True,
        validate=validate.OneOf(["person", "organization", "role"]),
        metadata={"description": "person, organization, or role (a role with no name)."},
    )
    role = fields.String(
        required=True,
        allow_none=True,
        metadata={
            "description": "The role the speaker is most often given.",
            "example": "Presiden Belarus",
        },
    )
    roles = fields.List(
        fields.String(),
        required=True,
        metadata={"description": "Every role given, most frequent first."},
    )
    aliases = fields.List(
        fields.String(), required=True, metadata={"description": "Other names of this speaker."}
    )
    quote_count = fields.Integer(required=True, metadata={"example": 7})
    match = fields.Float(
        required=True,
        allow_none=True,
        metadata={"description": "Score (0-100) of the match when `q` is given."},
    )


class SpeakerDetailSchema(SpeakerSchema):
    quotes = fields.List(
        fields.String(),
        required=True,
        metadata={"description": "Ids of the speaker's quotes, earliest first seen first."},
    )


SpeakerPageSchema = page_schema(SpeakerSchema, "SpeakerPage")


def render_speaker(snap: Snapshot, speaker_id: str, match: float | None = None) -> dict:
    speaker = snap.speakers[speaker_id]
    return {
        "id": speaker.id,
        "name": speaker.name,
        "kind": speaker.kind,
        "role": speaker.role,
        "roles": list(speaker.roles),
        "aliases": list(speaker.aliases),
        "quote_count": len(speaker.quote_ranks),
        "match": match,
    }


def _current(snap: Snapshot, speaker_id: str) -> str:
    """The speaker's id, or the id of the speaker it was merged into; 404 if neither."""
    current = snap.current_id(speaker_id, snap.speakers)
    if current is None:
        abort(404, message=f"No speaker has the id {speaker_id}.")
    return current


@blp.route("")
@blp.arguments(SpeakerArgs(), location="query", as_kwargs=True)
@blp.response(200, SpeakerPageSchema)
@blp.problems(400)
def list_speakers(limit, cursor=None, q=None):
    """Find speakers

    Without `q`, the most quoted speakers come first.
    """
    snap = snapshot()
    ids, scores = snap.find_speakers(q)
    return page(
        ids,
        {"limit": limit, "cursor": cursor},
        lambda i: render_speaker(snap, i, scores.get(i) if q is not None else None),
    )


@blp.route("/<string:speaker_id>")
@blp.response(200, SpeakerDetailSchema)
@blp.problems(404)
def get_speaker(speaker_id):
    """One speaker

    The speaker with the ids of all their quotes. The id of a speaker since merged into
    another (their names were found to be one person's) answers as that one, with its id.
    """
    snap = snapshot()
    speaker_id = _current(snap, speaker_id)
    return {**render_speaker(snap, speaker_id), "quotes": list(snap.speaker_quote_ids(speaker_id))}


TimelineSchema = Schema.from_dict(
    {
        "speaker": fields.Nested(SpeakerRefSchema, required=True),
        "items": fields.List(
            fields.Nested(QuoteSchema),
            required=True,
            metadata={"description": "The quotes, earliest first seen first."},
        ),
        "total": fields.Integer(
            required=True, metadata={"description": "How many quotes the speaker has."}
        ),
        "next_cursor": fields.String(
            required=True,
            allow_none=True,
            metadata={"description": "Pass as `cursor` for the next page; null on the last page."},
        ),
    },
    name="Timeline",
)


@blp.route("/<string:speaker_id>/timeline")
@blp.arguments(PageArgs(), location="query", as_kwargs=True)
@blp.response(200, TimelineSchema)
@blp.problems(400, 404)
def speaker_timeline(speaker_id, limit, cursor=None):
    """A speaker's timeline

    The speaker's quotes in full, earliest first seen first (quotes with no known
    publication time last), to follow how their line changed.
    """
    snap = snapshot()
    speaker_id = _current(snap, speaker_id)
    return {
        "speaker": speaker_ref(snap, speaker_id),
        **page(
            snap.speaker_quote_ids(speaker_id),
            {"limit": limit, "cursor": cursor},
            lambda i: render_quote(snap, snap.quotes[i]),
        ),
    }
