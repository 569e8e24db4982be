"""Every error as RFC 9457 problem details (`application/problem+json`)."""

from __future__ import annotations

from http import HTTPStatus

from flask import Response, current_app, json
from marshmallow import Schema, fields
from werkzeug.exceptions import HTTPException

PROBLEM_TYPE = "application/problem+json"


class ProblemSchema(Schema):
    """RFC 9457 problem details."""

    type = fields.String(
        required=True,
        metadata={"description": "A URI naming the kind of problem.", "example": "about:blank"},
    )
    title = fields.String(
        required=True,
        metadata={"description": "Short summary of the kind of problem.", "example": "Not Found"},
    )
    status = fields.Integer(
        required=True, metadata={"description": "The HTTP status code.", "example": 404}
    )
    detail = fields.String(
        required=True,
        metadata={
            "description": "What went wrong with this request.",
            "example": "No quote has the id q_0123456789abcdef.",
        },
    )
    errors = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.String()),
        metadata={
            "description": "Validation errors: each offending field with its messages.",
            "example": {
                "limit": ["Must be greater than or equal to 1 and less than or equal to 100."]
            },
        },
    )


_DETAILS = {
    400: "The request is malformed.",
    401: "A valid bearer token is required.",
    403: "This operation is not allowed.",
    404: "There is nothing at this address.",
    405: "This address does not support this method.",
    413: "The request body is larger than the server accepts.",
    415: "The request body has a media type this operation does not accept.",
    503: "The server cannot do this now; try again later.",
    500: "The server failed to handle the request; the failure has been logged.",
}


def _printable(text: str) -> str:
    """`text` with lone surrogates (a JSON body may name a field "\\ud800") written out as
    `\\ud800`: a problem must be JSON any client can read (RFC 8259)."""
    if text.isascii():
        return text
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _flatten(messages, prefix: str = "") -> dict[str, list[str]]:
    """webargs/marshmallow messages ({location: {field: [msg]}}) as {field: [msg]}."""
    out: dict[str, list[str]] = {}
    if isinstance(messages, dict):
        for key, value in messages.items():
            key = _printable(str(key))
            name = f"{prefix}.{key}" if prefix else key
            if isinstance(value, dict):
                out.update(_flatten(value, name))
            elif isinstance(value, list | tuple):
                texts = []
                for item in value:
                    if isinstance(item, dict):
                        out.update(_flatten(item, name))
                    else:
                        texts.append(str(item))
                if texts:
                    out[name] = texts
            else:
                out[name] = [str(value)]
    elif messages:
        out[prefix or "_schema"] = (
            [str(m) for m in messages] if isinstance(messages, list | tuple) else [str(messages)]
        )
    return out


def problem(
    status: int,
    detail: str | None = None,
    *,
    errors: dict | None = None,
    headers: dict | None = None,
) -> Response:
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail or _DETAILS.get(status) or HTTPStatus(status).description,
    }
    if errors:
        body["errors"] = errors
    response = current_app.response_class(json.dumps(body), status=status, mimetype=PROBLEM_TYPE)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def problem_for_exception(error: HTTPException) -> Response:
    if isinstance(error.response, Response):
        return error.response  # made already (the rate limit's 429)
    status = error.code or 500
    data = getattr(error, "data", None) or {}
    errors = None
    headers = {}
    if "errors" in data or "messages" in data:
        raw = data.get("errors", data.get("messages"))
        # webargs keys messages by location: flatten to the fields
        if isinstance(raw, dict) and set(raw) <= {
            "query",
            "json",
            "headers",
            "form",
            "path",
            "view_args",
            "querystring",
            "files",
        }:
            merged: dict = {}
            for part in raw.values():
                merged.update(_flatten(part))
            errors = merged
        else:
            errors = _flatten(raw)
    headers.update(data.get("headers") or {})
    for name, value in error.get_headers():
        if name.lower() != "content-type":
            headers[name] = value
    if status >= 500:
        detail = _DETAILS[500]
    elif "message" in data:
        detail = str(data["message"])
    elif status == 400 and errors:
        detail = "Some parameters or fields are invalid; see `errors`."
    elif error.description and error.description != type(error).description:
        detail = error.description  # raised with a message of its own
    else:
        detail = _DETAILS.get(status) or error.description
    return problem(status, detail, errors=errors, headers=headers)
