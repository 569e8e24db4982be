"""What the resource blueprints share: the blueprint class, paging, shared schemas."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from http import HTTPStatus

from flask import Response, current_app
from flask_smorest import Blueprint as _Blueprint
from flask_smorest.arguments import FlaskParser
from marshmallow import Schema, fields, validate

from ..index import QuoteIndex, Snapshot


class StrictParser(FlaskParser):
    """Malformed and unknown parameters are a 400 (schemas raise on unknown fields)."""

    DEFAULT_VALIDATION_STATUS = 400


class Blueprint(_Blueprint):
    ARGUMENTS_PARSER = StrictParser(unknown=None)

    def problems(self, *codes: int):
        """Document error responses (problem details) for the decorated view."""

        def decorator(func):
            for code in reversed(codes):
                func = self.alt_response(code, response=HTTPStatus(code).name)(func)
            return func

        return decorator


def snapshot() -> Snapshot:
    index: QuoteIndex = current_app.extensions["kutip"]
    return index.snapshot


def index() -> QuoteIndex:
    return current_app.extensions["kutip"]


# -- paging -------------------------------------------------------------------------------


class PageArgs(Schema):
    limit = fields.Integer(
        load_default=20,
        validate=validate.Range(1, 100),
        metadata={"description": "Items per page, 1 to 100.", "example": 20},
    )
    cursor = fields.String(
        validate=validate.Regexp(r"^[0-9]{1,9}$", error="Not a cursor this API returned."),
        metadata={
            "description": "The `next_cursor` of the previous page, to get the next one "
            "(with the same filters and limit).",
            "example": "20",
        },
    )


def page(ids: Sequence, args: dict, render) -> dict:
    """One page of `ids` as {"items", "total", "next_cursor"}.

    The cursor is the position of the page's first item among all that match.
    """
    offset = int(args.get("cursor") or 0)
    limit = args["limit"]
    following = offset + limit
    return {
        "items": [render(i) for i in ids[offset:following]],
        "total": len(ids),
        "next_cursor": str(following) if following < len(ids) else None,
    }


def dumps(value) -> str:
    """JSON as `jsonify` writes it outside debug mode: compact, ASCII, keys as given."""
    return json.dumps(value, ensure_ascii=True, separators=(",", ":"))


def json_response(body: str) -> Response:
    """A 200 with JSON already serialised: the views' schemas document it, and skipping
    marshmallow's dump (the body is built from the same dicts) is most of a request's
    cost. `jsonify` ends its body with a newline; so does this."""
    return current_app.response_class(body + "\n", mimetype=current_app.json.mimetype)


def page_json(ids: Sequence, args: dict, render_json: Callable[[str], str]) -> Response:
    """`page` with every item already JSON (`render_json(id)`): the same body."""
    offset = int(args.get("cursor") or 0)
    following = offset + args["limit"]
    items = ",".join(render_json(i) for i in ids[offset:following])
    following_cursor = dumps(str(following) if following < len(ids) else None)
    return json_response(
        f'{{"items":[{items}],"total":{len(ids)},"next_cursor":{following_cursor}}}'
    )


def page_schema(item_schema: type[Schema], name: str) -> type[Schema]:
    return Schema.from_dict(
        {
            "items": fields.List(fields.Nested(item_schema), required=True),
            "total": fields.Integer(
                required=True, metadata={"description": "How many items match in all."}
            ),
            "next_cursor": fields.String(
                required=True,
                allow_none=True,
                metadata={
                    "description": "Pass as `cursor` for the next page; null on the last page."
                },
            ),
        },
        name=name,
    )


# -- shared schemas and renderers -----------------------------------------------------


class SpeakerRefSchema(Schema):
    id = fields.String(required=True, metadata={"example": "spk_3f1c0e5a9b2d"})
    name = fields.String(required=True, metadata={"example": "Alexander Lukashenko"})
    role = fields.String(required=True, allow_none=True, metadata={"example": "Presiden Belarus"})
    aliases = fields.List(
        fields.String(), required=True, metadata={"example": ["Aleksandar Lukashenko"]}
    )


class ArticleRefSchema(Schema):
    id = fields.String(required=True, metadata={"example": "art_705f8b7f1c980ff9"})
    title = fields.String(required=True, allow_none=True)
    publisher = fields.String(required=True, allow_none=True, metadata={"example": "Republika"})
    published = fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "ISO 8601 with offset.", "example": "2021-09-10T11:56:00+07:00"},
    )
    url = fields.String(required=True, allow_none=True)


def speaker_ref(snap: Snapshot, speaker_id: str | None) -> dict | None:
    if speaker_id is None:
        return None
    speaker = snap.speakers[speaker_id]
    return {
        "id": speaker.id,
        "name": speaker.name,
        "role": speaker.role,
        "aliases": list(speaker.aliases),
    }
