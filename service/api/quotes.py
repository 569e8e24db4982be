"""GET /quotes (JSON pages, or CSV and NDJSON streams) and GET /quotes/{id} (JSON or a
schema.org Claim in JSON-LD)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import UTC

from flask import Response, json, request, stream_with_context
from flask_smorest import abort
from marshmallow import Schema, fields, validate

from ..index import QuoteQuery, QuoteRecord, Snapshot, tokens
from .common import (
    ArticleRefSchema,
    Blueprint,
    PageArgs,
    QueryArgs,
    SpeakerRefSchema,
    dumps,
    json_response,
    page_json,
    page_schema,
    public_url,
    snapshot,
    speaker_ref,
)

blp = Blueprint(
    "quotes",
    __name__,
    url_prefix="/quotes",
    description="Quotes: one statement by one speaker, with every article it appears in.",
)
# both routes answer in the format `Accept` asks for: caches must keep them apart
blp.vary = ("Accept",)


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
            "-nya/-lah/-kah/-pun endings are ignored). Words, not a pattern: a `q` with "
            "no letter or digit (`.*`) matches no quote.",
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
    format = fields.String(
        validate=validate.OneOf(["json", "csv", "ndjson"]),
        metadata={
            "description": "`csv` or `ndjson` streams every matching quote, without paging "
            "(`limit` and `cursor` are then ignored); the same as `Accept: text/csv` or "
            "`Accept: application/x-ndjson`. Wins over `Accept`.",
            "example": "csv",
        },
    )


QUOTE_ARGS = QuoteArgs()


class QuoteFormatArgs(QueryArgs):
    format = fields.String(
        validate=validate.OneOf(["json", "jsonld"]),
        metadata={
            "description": "`jsonld` gives the schema.org Claim, the same as "
            "`Accept: application/ld+json`. Wins over `Accept`.",
            "example": "jsonld",
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
            "description": "Earliest publication time among the appearances (a date "
            "alone, 2022-12-03, where the article gives only the day it reports).",
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

CSV_TYPE = "text/csv"
NDJSON_TYPE = "application/x-ndjson"
JSONLD_TYPE = "application/ld+json"
CSV_COLUMNS = (
    "id",
    "text",
    "speaker_id",
    "speaker_name",
    "speaker_role",
    "first_seen",
    "first_article_id",
    "first_publisher",
    "first_url",
    "appearance_count",
    "article_ids",
    "match",
)
# A cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP CSV
# injection): quotes and titles come from articles anyone with the token may add.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class OrganizationRefSchema(Schema):
    type = fields.String(data_key="@type", required=True, metadata={"example": "Organization"})
    name = fields.String(required=True, metadata={"example": "Republika"})


class ClaimAuthorSchema(Schema):
    type = fields.String(
        data_key="@type",
        required=True,
        validate=validate.OneOf(["Person", "Organization"]),
        metadata={"description": "Person (also for an unnamed role holder) or Organization."},
    )
    identifier = fields.String(required=True, metadata={"example": "spk_3f1c0e5a9b2d"})
    name = fields.String(required=True, metadata={"example": "Alexander Lukashenko"})
    jobTitle = fields.String(metadata={"example": "Presiden Belarus"})
    alternateName = fields.List(fields.String())


class ClaimArticleSchema(Schema):
    type = fields.String(data_key="@type", required=True, metadata={"example": "NewsArticle"})
    id = fields.String(
        data_key="@id",
        required=True,
        metadata={
            "description": "The article in this API (GET /articles/{id}): under the "
            "server's public address (KUTIP_PUBLIC_URL) if it has one, else a path on "
            "this server."
        },
    )
    identifier = fields.String(required=True, metadata={"example": "art_705f8b7f1c980ff9"})
    url = fields.String(metadata={"description": "Where the article was published."})
    headline = fields.String()
    datePublished = fields.String(metadata={"example": "2021-09-10T11:56:00+07:00"})
    publisher = fields.Nested(OrganizationRefSchema)


class ClaimSchema(Schema):
    """A schema.org Claim, ready for a ClaimReview's `itemReviewed`."""

    context = fields.String(
        data_key="@context", required=True, metadata={"example": "https://schema.org"}
    )
    type = fields.String(data_key="@type", required=True, metadata={"example": "Claim"})
    id = fields.String(
        data_key="@id",
        required=True,
        metadata={
            "description": "This quote in this API: under the server's public address "
            "(KUTIP_PUBLIC_URL) if it has one, else a path on this server."
        },
    )
    identifier = fields.String(required=True, metadata={"example": "q_9d3b7c0a6e1f2a4b"})
    text = fields.String(required=True)
    inLanguage = fields.String(required=True, metadata={"example": "id"})
    author = fields.Nested(ClaimAuthorSchema, metadata={"description": "Absent if unknown."})
    datePublished = fields.String(
        metadata={"description": "first_seen; absent if unknown.", "example": "2021-09-10"}
    )
    firstAppearance = fields.Nested(ClaimArticleSchema)
    appearance = fields.List(fields.Nested(ClaimArticleSchema), required=True)


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


def quote_json(snap: Snapshot, record: QuoteRecord, match: float | None = None) -> str:
    """`render_quote` as JSON text; all but `match` is serialised once per snapshot."""
    key = ("quote json", record.id)
    parts = snap.memo.get(key)
    if parts is None:
        rendered = render_quote(snap, record)
        head = dumps({k: rendered[k] for k in ("id", "text", "speaker", "first_seen")})
        tail = dumps({"appearances": rendered["appearances"]})
        parts = snap.remember(key, (head[:-1] + ',"match":', "," + tail[1:]))
    # a score is a finite float, which json writes as its repr
    return parts[0] + ("null" if match is None else float.__repr__(float(match))) + parts[1]


def _present(mapping: dict) -> dict:
    """JSON-LD leaves unknown properties out rather than null."""
    return {k: v for k, v in mapping.items() if v is not None and v != []}


def _claim_article(snap: Snapshot, article_id: str) -> dict:
    article = snap.articles[article_id]
    return _present(
        {
            "@type": "NewsArticle",
            "@id": public_url("articles.get_article", article_id=article_id),
            "identifier": article_id,
            "url": article.url,
            "headline": article.title,
            "datePublished": article.published,
            "publisher": (
                {"@type": "Organization", "name": article.publisher} if article.publisher else None
            ),
        }
    )


def render_claim(snap: Snapshot, record: QuoteRecord) -> dict:
    """The quote as a schema.org Claim (JSON-LD)."""
    author = None
    if record.speaker_id is not None:
        speaker = snap.speakers[record.speaker_id]
        person = speaker.kind != "organization"
        author = _present(
            {
                "@type": "Person" if person else "Organization",
                "identifier": speaker.id,
                "name": speaker.name,
                "jobTitle": speaker.role if person and speaker.role != speaker.name else None,
                "alternateName": list(speaker.aliases),
            }
        )
    article_ids = list(dict.fromkeys(a.article_id for a in record.appearances))
    appearances = [_claim_article(snap, i) for i in article_ids]
    return _present(
        {
            "@context": "https://schema.org",
            "@type": "Claim",
            "@id": public_url("quotes.get_quote", quote_id=record.id),
            "identifier": record.id,
            "text": record.text,
            "inLanguage": "id",
            "author": author,
            "datePublished": record.first_seen,
            "firstAppearance": appearances[0] if appearances else None,
        }
    ) | {"appearance": appearances}


def _cell(value) -> str:
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_row(snap: Snapshot, record: QuoteRecord, match: float | None) -> list[str]:
    speaker = snap.speakers.get(record.speaker_id) if record.speaker_id else None
    first = snap.articles[record.appearances[0].article_id] if record.appearances else None
    article_ids = dict.fromkeys(a.article_id for a in record.appearances)
    return [
        _cell(v)
        for v in (
            record.id,
            record.text,
            record.speaker_id,
            speaker.name if speaker else None,
            speaker.role if speaker else None,
            record.first_seen,
            first.id if first else None,
            first.publisher if first else None,
            first.url if first else None,
            len(record.appearances),
            ";".join(article_ids),
            match,
        )
    ]


def stream_csv(snap: Snapshot, ids: Iterable[str], scores: dict | None) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for n, quote_id in enumerate(ids, 1):
        match = scores.get(quote_id) if scores is not None else None
        writer.writerow(csv_row(snap, snap.quotes[quote_id], match))
        if n % 200 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def stream_ndjson(snap: Snapshot, ids: Iterable[str], scores: dict | None) -> Iterator[str]:
    for quote_id in ids:
        match = scores.get(quote_id) if scores is not None else None
        yield json.dumps(render_quote(snap, snap.quotes[quote_id], match)) + "\n"


def _negotiate(given: str | None, offered: dict[str, str]) -> str:
    """The format asked for by `format`, else by `Accept` (JSON when nothing fits)."""
    if given:
        return given
    accept = request.headers.get("Accept")
    if not accept or accept == "*/*":  # what curl and most clients send: JSON
        return "json"
    by_type = {media: name for name, media in offered.items()}
    best = request.accept_mimetypes.best_match(list(by_type), default="application/json")
    return by_type[best]


def alternatives(*formats: tuple[str, dict, str]):
    """Document other media types of the 200 response, next to its JSON."""

    def decorator(func):
        for content_type, schema, example in reversed(formats):
            func = blp.alt_response(
                200,
                schema=schema,
                content_type=content_type,
                example=example,
                description="OK",
                success=True,
            )(func)
        return func

    return decorator


@blp.route("")
@blp.arguments(QUOTE_ARGS, location="query", as_kwargs=True)
@blp.response(200, QuotePageSchema)
@alternatives(
    (CSV_TYPE, {"type": "string"}, ",".join(CSV_COLUMNS) + "\r\n"),
    (NDJSON_TYPE, {"type": "string"}, '{"id": "q_9d3b7c0a6e1f2a4b", "text": "Kami siap."}\n'),
)
@blp.problems(400)
def list_quotes(limit, cursor=None, format=None, **filters):
    """Find quotes

    Every filter given must hold. With `speaker`, quotes of the best matching speakers come
    first; otherwise the earliest first seen come first.

    `Accept: text/csv` (or `format=csv`) and `Accept: application/x-ndjson` (or
    `format=ndjson`) stream every matching quote in the same order, without paging.
    """
    snap = snapshot()
    query = QuoteQuery(**filters)
    if query.q is not None and not tokens(query.q):
        # no word to look for (".*", "%00"): no quote has all of none; the index would
        # apply no word filter at all and give every quote
        ids, scores = (), {}
    else:
        ids, scores = snap.find_quotes(query)
    with_scores = scores if filters.get("speaker") is not None else None
    wanted = _negotiate(
        format, {"json": "application/json", "csv": CSV_TYPE, "ndjson": NDJSON_TYPE}
    )
    if wanted != "json":
        if wanted == "csv":
            body, mimetype = stream_csv(snap, ids, with_scores), CSV_TYPE
            disposition = 'attachment; filename="quotes.csv"'
        else:
            body, mimetype = stream_ndjson(snap, ids, with_scores), NDJSON_TYPE
            disposition = 'inline; filename="quotes.ndjson"'
        response = Response(stream_with_context(body), mimetype=mimetype)
        response.headers["Content-Disposition"] = disposition
        return response
    return page_json(
        ids,
        {"limit": limit, "cursor": cursor},
        lambda i: quote_json(snap, snap.quotes[i], scores.get(i) if with_scores else None),
    )


# the hottest route: parsed and called directly, the wrappers kept for the document
blp.direct("list_quotes", QUOTE_ARGS)


@blp.route("/<string:quote_id>")
@blp.arguments(QuoteFormatArgs(), location="query", as_kwargs=True)
@blp.response(200, QuoteSchema)
@alternatives((JSONLD_TYPE, ClaimSchema, None))
@blp.problems(400, 404)
def get_quote(quote_id, format=None):
    """One quote

    The quote with all its appearances; as JSON-LD, a schema.org `Claim` (`author`,
    `datePublished` = first_seen, `firstAppearance`, `appearance`, `inLanguage`) to put in
    a `ClaimReview`'s `itemReviewed`. The id of a quote since merged into another (its
    speaker's names were found to be one person's) answers as that one, with its id.
    """
    snap = snapshot()
    # a quote merged into another (its speaker's names were found to be one person's)
    # answers as the one it is now part of
    record = snap.quote(quote_id)
    if record is None:
        abort(404, message=f"No quote has the id {quote_id}.")
    if _negotiate(format, {"json": "application/json", "jsonld": JSONLD_TYPE}) == "jsonld":
        return Response(json.dumps(render_claim(snap, record)), mimetype=JSONLD_TYPE)
    return json_response(quote_json(snap, record))
