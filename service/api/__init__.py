"""The HTTP API: flask-smorest blueprints, problem-details errors, CORS, OpenAPI 3.1.

The committed `openapi.yaml` is `render_openapi(app)`; regenerate it with

    flask --app 'service:create_app()' openapi write --format yaml openapi.yaml
"""

from __future__ import annotations

import http

import yaml
from flask import Flask, current_app, request
from flask_smorest import Api
from flask_smorest.utils import prepare_response
from werkzeug.exceptions import BadRequest, HTTPException, RequestEntityTooLarge

from ..store import StoreUnavailable
from . import articles, extract, meta, quotes, speakers, verify
from .articles import ArticleInputSchema
from .body import MALFORMED, TOO_LARGE, BodyLimit
from .common import add_vary
from .errors import PROBLEM_TYPE, ProblemSchema, problem, problem_for_exception

API_DESCRIPTION = """\
Kutip finds direct quotes in Indonesian news articles and says who said them, where each
statement first appeared, and which outlets carried it.

A **quote** is one statement by one speaker, deduplicated across articles; its
`appearances` list every article it occurs in with character offsets, the speech verb
(`cue`) and the outlet it was cited from (`via`). Ids are content hashes: the same
articles always give the same ids.

Reading, verifying and extracting need no credentials and are open to browsers from any
origin (CORS). Adding articles needs `Authorization: Bearer <token>` with the token set
in the server's `KUTIP_API_TOKEN` environment variable. Every error is an RFC 9457
problem (`application/problem+json`).
"""


class KutipApi(Api):
    ERROR_SCHEMA = ProblemSchema

    def _register_responses(self):
        """Error responses are problem details, not flask-smorest's JSON errors."""
        for status in http.HTTPStatus:
            response = {"description": status.phrase}
            if status >= 400:
                response["schema"] = self.ERROR_SCHEMA
            prepare_response(response, self.spec, PROBLEM_TYPE)
            self.spec.components.response(status.name, response, lazy=True)
        response = {
            "description": "Any other error, as problem details.",
            "schema": self.ERROR_SCHEMA,
        }
        prepare_response(response, self.spec, PROBLEM_TYPE)
        self.spec.components.response(self.DEFAULT_ERROR_RESPONSE_NAME, response, lazy=True)

    def handle_http_exception(self, error):
        return problem_for_exception(error)


def init_api(app: Flask) -> KutipApi:
    app.config.update(
        API_TITLE="Kutip",
        API_VERSION="0.1.0",
        OPENAPI_VERSION="3.1.0",
        OPENAPI_URL_PREFIX=None,
        API_SPEC_OPTIONS={
            "info": {
                "description": API_DESCRIPTION,
                "license": {"name": "MIT", "identifier": "MIT"},
            },
            "servers": [{"url": "/", "description": "This server"}],
            "components": {
                "securitySchemes": {
                    "bearerAuth": {
                        "type": "http",
                        "scheme": "bearer",
                        "description": "The value of KUTIP_API_TOKEN on the server.",
                    }
                }
            },
        },
    )
    api = KutipApi(app)
    api.spec.components.schema("ArticleInput", schema=ArticleInputSchema)
    for module in (quotes, speakers, verify, articles, extract, meta):
        api.register_blueprint(module.blp)
    app.add_url_rule("/docs/assets/<path:filename>", "swagger_ui_asset", meta.serve_asset)
    # Flask turns uncaught exceptions into InternalServerError, handled like any other.
    app.register_error_handler(HTTPException, problem_for_exception)
    app.register_error_handler(StoreUnavailable, store_unavailable)

    app.wsgi_app = BodyLimit(app.wsgi_app, app.config["MAX_BODY"])

    @app.before_request
    def limit_body():
        environ = request.environ
        if not environ.get("CONTENT_LENGTH"):
            return  # no declared body (most reads): nothing to parse
        limit = app.config["MAX_BODY"]
        if TOO_LARGE in environ:
            raise RequestEntityTooLarge(
                f"The body, sent in chunks, is larger than this server's limit of {limit} bytes."
            )
        if MALFORMED in environ:
            raise BadRequest(f"The chunked body is malformed: {environ[MALFORMED]}")
        length = request.content_length
        if length is not None and length > limit:
            raise RequestEntityTooLarge(
                f"The body has {length} bytes, larger than this server's limit of {limit} bytes."
            )

    cross_origin_headers = _cross_origin_headers(app)

    @app.after_request
    def cross_origin(response):
        """Reads, /verify and /extract are open to browsers from any origin (CORS), and a
        read's response names the request headers it depends on (Vary)."""
        rule = request.url_rule
        if rule is None:
            return response
        method = request.method
        if method in _READS and "GET" in (rule.methods or ()):
            pass
        elif method not in _OPEN_POST_METHODS or request.blueprint not in OPEN_POSTS:
            return response
        preflight = method == "OPTIONS"
        extra = (
            cross_origin_headers.get((request.blueprint, preflight))
            or cross_origin_headers[None, preflight]
        )
        headers = response.headers
        if "Vary" in headers:  # the view set its own: merge
            for name, value in extra:
                if name == "Vary":
                    for each in value.split(", "):
                        add_vary(response, each)
                else:
                    headers.add(name, value)
        else:
            headers.extend(extra)
        return response

    return api


_READS = ("GET", "HEAD", "OPTIONS")
# Blueprints whose POST needs no credentials and stores nothing: a fact-checking tool on
# another site may call them from a browser. POST /articles (a bearer token) is not open.
OPEN_POSTS = ("verify", "extract")
_OPEN_POST_METHODS = ("POST", "OPTIONS")


def _cross_origin_headers(app: Flask) -> dict[tuple[str | None, bool], list[tuple[str, str]]]:
    """The headers `cross_origin` adds, worked out once: (blueprint, preflight) -> headers.

    Every read, and POST /verify and /extract, allow any origin (KUTIP_CORS_ORIGIN); a
    preflight (OPTIONS) also says which methods and request headers are allowed, for how
    long. Vary lists Origin and
    what the blueprint's views negotiate on (`Blueprint.vary`).
    """
    origin = ("Access-Control-Allow-Origin", app.config["CORS_ORIGIN"])
    headers = {}
    for name in (None, *app.blueprints):
        vary = ("Vary", ", ".join((*getattr(app.blueprints.get(name), "vary", ()), "Origin")))
        posts = name in OPEN_POSTS
        preflight = [
            origin,
            ("Access-Control-Allow-Methods", "POST, OPTIONS" if posts else "GET, HEAD, OPTIONS"),
            ("Access-Control-Allow-Headers", "Accept, Content-Type"),
            ("Access-Control-Max-Age", "600"),
        ]
        headers[name, False] = [origin, vary]
        if posts:
            # a browser script may read when to try again after a 429
            headers[name, False].append(("Access-Control-Expose-Headers", "Retry-After"))
        headers[name, True] = [*preflight, vary]
    return headers


def store_unavailable(error: StoreUnavailable):
    """A write the store refused (read-only, disk full): 503, nothing added; reads go on.
    The operator's message, with the path and what to do, goes to the log."""
    current_app.logger.error("a write was refused: %s", error)
    return problem(
        503,
        f"The article was not added: {error.reason}. Reading goes on; try again later.",
        headers={"Retry-After": "60"},
    )


def render_openapi(app: Flask) -> str:
    """The OpenAPI document exactly as `flask openapi write --format yaml` writes it."""
    api: KutipApi = app.extensions["flask-smorest"]["apis"][""]["ext_obj"]
    return yaml.dump(api.spec.to_dict())
