"""GET /articles, GET /articles/{id} and POST /articles (bearer token)."""

from __future__ import annotations

import hmac
import re
from datetime import UTC

from flask import current_app, request
from flask.views import MethodView
from flask_smorest import abort
from marshmallow import Schema, ValidationError, fields, validate

from .. import pipeline
from ..index import ArticleRecord, Snapshot
from .common import (
    Blueprint,
    NotJSON,
    PageArgs,
    SpeakerRefSchema,
    index,
    load_json,
    page,
    page_schema,
    snapshot,
    speaker_ref,
)

blp = Blueprint(
    "articles",
    __name__,
    url_prefix="/articles",
    description="Articles: the texts quotes come from, with their facts and quote offsets.",
)

# White space as both Python's str.isspace and ECMAScript's \s see it, spelled out so the
# pattern means the same in the OpenAPI document and here.
_BLANK = r"\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
NOT_BLANK_PATTERN = rf"[^{_BLANK}]"
# C0 control characters but tab, line feed, vertical tab, form feed and carriage return,
# and DEL: binary data or garbage, never in an article's text.
_CONTROL = r"\x00-\x08\x0e-\x1f\x7f"
_CONTROL_RE = re.compile(f"[{_CONTROL}]")
# An article's text, as the OpenAPI document states it: no control character, and
# something besides white space. `check_text` is the same rule with a message saying where.
TEXT_PATTERN = rf"^[^{_CONTROL}]*[^{_BLANK}{_CONTROL}][^{_CONTROL}]*$"


def is_blank(text: str) -> bool:
    return re.search(NOT_BLANK_PATTERN, text) is None


def text_problem(text: str) -> str | None:
    """Why `text` cannot be an article's text, or None if it can. The one rule for every
    way in: POST /articles and /extract (JSON or text/plain) and `kutip ingest`."""
    control = _CONTROL_RE.search(text)
    if control is not None:
        char = control.group()
        name = " (NUL)" if char == "\x00" else ""
        return (
            f"Contains the control character U+{ord(char):04X}{name} at offset "
            f"{control.start()}: binary data or garbage, not article text."
        )
    if is_blank(text):
        return "Empty: must contain something besides white space."
    return None


def check_text(text: str) -> None:
    """`text_problem` as a marshmallow validator."""
    problem = text_problem(text)
    if problem is not None:
        raise ValidationError(problem)


class ArticleInputSchema(Schema):
    text = fields.String(
        required=True,
        validate=[validate.Length(min=1), check_text],
        metadata={
            "pattern": TEXT_PATTERN,
            "description": "The article's full text, as published: no control characters "
            "but tab and line breaks, and something besides white space.",
            "example": 'Presiden Belarus Alexander Lukashenko mengatakan, "Kami siap '
            'berintegrasi," ujar Lukashenko, seperti dikutip TASS.',
        },
    )
    title = fields.String(
        validate=validate.Length(1, 1000),
        metadata={"description": "Overrides the title found in the text."},
    )
    url = fields.String(
        validate=validate.Length(1, 2000),
        metadata={
            "description": "Where the article was published.",
            "example": "https://example.com/berita/123",
        },
    )
    publisher = fields.String(
        validate=validate.Length(1, 200),
        metadata={"description": "Overrides the outlet found in the text.", "example": "Republika"},
    )
    published = fields.AwareDateTime(
        default_timezone=UTC,
        metadata={
            "description": "Overrides the publication time found in the text "
            "(ISO 8601; no offset means UTC).",
            "example": "2021-09-10T11:56:00+07:00",
        },
    )


REQUEST_BODY = {
    "required": True,
    "description": "The article as JSON, or its bare text as `text/plain` (UTF-8).",
    "content": {
        "application/json": {"schema": "ArticleInput"},
        "text/plain": {
            "schema": {"type": "string", "minLength": 1, "pattern": TEXT_PATTERN},
            "example": 'Presiden Belarus Alexander Lukashenko mengatakan, "Kami siap '
            'berintegrasi," ujar Lukashenko.',
        },
    },
}


def read_article_body() -> dict:
    """The POSTed article (JSON or text/plain) as validated fields; 400/413/415 if not."""
    mimetype = request.mimetype
    if mimetype == "application/json" or (
        mimetype.startswith("application/") and mimetype.endswith("+json")
    ):
        try:
            data = load_json(request.get_data(), request.mimetype_params.get("charset", "utf-8"))
        except NotJSON as exc:
            abort(400, message=f"The body is not valid JSON: {exc}.")
        if not isinstance(data, dict):
            abort(400, message="The body must be a JSON object with at least `text`.")
        try:
            fields_ = ArticleInputSchema().load(data)
        except ValidationError as err:
            abort(400, errors=err.messages)
        if "published" in fields_:
            fields_["published"] = fields_["published"].isoformat()
        return fields_
    if mimetype == "text/plain":
        raw = request.get_data()
        try:
            text = raw.decode(request.mimetype_params.get("charset", "utf-8"))
        except (UnicodeDecodeError, LookupError):
            abort(400, errors={"text": ["The body is not text in its declared charset."]})
        problem = text_problem(text)
        if problem is not None:
            abort(400, errors={"text": [problem]})
        return {"text": text}
    abort(415, message="Send the article as application/json or text/plain.")


def require_token() -> None:
    token = current_app.config.get("API_TOKEN")
    if not token:
        abort(
            403,
            message="Writes are disabled: no API token is configured. Set the environment "
            "variable KUTIP_API_TOKEN to a secret when starting the server, then send it as "
            "`Authorization: Bearer <token>`.",
        )
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode("utf-8"), token.encode("utf-8")
    ):
        abort(
            401,
            message="Send the API token as `Authorization: Bearer <token>`.",
            headers={"WWW-Authenticate": 'Bearer realm="kutip"'},
        )


class ArticleQuoteSchema(Schema):
    id = fields.String(required=True, metadata={"description": "The quote's id (/quotes/{id})."})
    text = fields.String(required=True)
    start = fields.Integer(required=True, metadata={"description": "Offset in `text`."})
    end = fields.Integer(required=True, metadata={"description": "Offset just past the quote."})
    speaker = fields.Nested(SpeakerRefSchema, required=True, allow_none=True)
    cue = fields.String(required=True, allow_none=True)
    via = fields.String(required=True, allow_none=True)


class FactsSchema(Schema):
    title = fields.String(required=True, allow_none=True)
    publisher = fields.String(required=True, allow_none=True)
    published = fields.String(required=True, allow_none=True)
    authors = fields.List(fields.String(), required=True)


class ArticleSchema(Schema):
    id = fields.String(required=True, metadata={"example": "art_705f8b7f1c980ff9"})
    name = fields.String(required=True, metadata={"description": "File name or id."})
    title = fields.String(required=True, allow_none=True)
    publisher = fields.String(required=True, allow_none=True)
    published = fields.String(required=True, allow_none=True)
    url = fields.String(required=True, allow_none=True)
    authors = fields.List(fields.String(), required=True)
    quote_count = fields.Integer(required=True)


class ArticleDetailSchema(ArticleSchema):
    text = fields.String(required=True)
    facts = fields.Nested(
        FactsSchema,
        required=True,
        metadata={"description": "The facts the extractor found in the text itself."},
    )
    quotes = fields.List(
        fields.Nested(ArticleQuoteSchema),
        required=True,
        metadata={"description": "The quotes in text order, with offsets for highlighting."},
    )


ArticlePageSchema = page_schema(ArticleSchema, "ArticlePage")


def render_article(record: ArticleRecord) -> dict:
    return {
        "id": record.id,
        "name": record.name,
        "title": record.title,
        "publisher": record.publisher,
        "published": record.published,
        "url": record.url,
        "authors": list(record.authors),
        "quote_count": record.quote_count,
    }


def render_article_detail(snap: Snapshot, record: ArticleRecord) -> dict:
    """The article with its text, read from the store (workers do not hold texts)."""
    text = index().store.text_of(record.id)
    return {
        **render_article(record),
        "text": text,
        "facts": record.facts,
        "quotes": [
            {
                "id": quote_id,
                "text": quote.text,
                "start": quote.start,
                "end": quote.end,
                "speaker": speaker_ref(snap, snap.speaker_of(quote)),
                "cue": quote.cue,
                "via": quote.via,
            }
            for quote_id, quote in snap.article_quotes(record)
        ],
    }


@blp.route("")
class Articles(MethodView):
    @blp.arguments(PageArgs(), location="query", as_kwargs=True)
    @blp.response(200, ArticlePageSchema)
    @blp.problems(400)
    def get(self, limit, cursor=None):
        """List articles

        Newest first; articles with no known publication time last.
        """
        snap = snapshot()
        return page(
            snap.article_ids(),
            {"limit": limit, "cursor": cursor},
            lambda i: render_article(snap.articles[i]),
        )

    @blp.doc(requestBody=REQUEST_BODY, security=[{"bearerAuth": []}])
    @blp.response(201, ArticleDetailSchema, description="The article was added.")
    @blp.alt_response(
        200,
        schema=ArticleDetailSchema,
        success=True,
        description="The same text was already there: the existing article.",
    )
    @blp.problems(400, 401, 403, 413, 415, 503)
    def post(self):
        """Add an article

        Extracts the article's quotes and adds them to the index; speakers are merged with
        those already known. `title`, `publisher` and `published` given here win over what
        the extractor finds in the text. Idempotent: the same text again returns the
        existing article with 200. Needs `Authorization: Bearer <KUTIP_API_TOKEN>`. A
        store that cannot take writes now (read-only, disk full) answers 503 and adds
        nothing; reading goes on.
        """
        require_token()
        body = read_article_body()
        live = index()
        article_id, created = pipeline.add_article(live.store, body.pop("text"), **body)
        # committed: this worker's index reads it now, whoever else announced what
        snap = live.refresh(force=True)
        return render_article_detail(snap, snap.articles[article_id]), (201 if created else 200)


@blp.route("/<string:article_id>")
@blp.response(200, ArticleDetailSchema)
@blp.problems(404)
def get_article(article_id):
    """One article

    The text, the facts found in it and its quotes with offsets into `text`.
    """
    snap = snapshot()
    record = snap.articles.get(article_id)
    if record is None:
        abort(404, message=f"No article has the id {article_id}.")
    return render_article_detail(snap, record)
