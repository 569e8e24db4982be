"""GET /health, GET /openapi.yaml and the Swagger UI at GET /docs."""

from __future__ import annotations

from importlib import resources

from flask import current_app, send_from_directory
from marshmallow import Schema, fields

from .common import Blueprint, snapshot

blp = Blueprint("meta", __name__, description="Liveness and the API's own documentation.")

# Swagger UI 5 (OpenAPI 3.1) as shipped inside the flask-swagger-ui package: no CDN.
SWAGGER_UI_DIR = resources.files("flask_swagger_ui") / "dist"
SWAGGER_UI_ASSETS = (
    "swagger-ui.css",
    "index.css",
    "swagger-ui-bundle.js",
    "swagger-ui-standalone-preset.js",
    "favicon-32x32.png",
    "favicon-16x16.png",
)

DOCS_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Kutip API</title>
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
  <link rel="stylesheet" href="/docs/assets/index.css">
  <link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png" sizes="32x32">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/docs/assets/swagger-ui-standalone-preset.js"></script>
  <script>
    window.onload = function () {
      window.ui = SwaggerUIBundle({
        url: "/openapi.yaml",
        dom_id: "#swagger-ui",
        deepLinking: true,
        presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
        layout: "StandaloneLayout",
        validatorUrl: null
      });
    };
  </script>
</body>
</html>
"""


class HealthSchema(Schema):
    status = fields.String(required=True, metadata={"example": "ok"})
    articles = fields.Integer(required=True, metadata={"example": 5})
    quotes = fields.Integer(required=True, metadata={"example": 17})
    speakers = fields.Integer(required=True, metadata={"example": 6})


@blp.route("/health", methods=["GET"])
@blp.response(200, HealthSchema)
def health():
    """Liveness

    Answers while the server is up, with how much the index holds.
    """
    snap = snapshot()
    return {
        "status": "ok",
        "articles": len(snap.articles),
        "quotes": len(snap.quotes),
        "speakers": len(snap.speakers),
    }


@blp.route("/openapi.yaml", methods=["GET"])
@blp.response(
    200, {"type": "string"}, content_type="application/yaml", description="This document."
)
def openapi_document():
    """OpenAPI document

    The OpenAPI 3.1 description of this API (the same as `openapi.yaml` in the
    repository).
    """
    from . import render_openapi

    # built once per app (40-50 ms each time): the document cannot change while it runs
    document = current_app.extensions.get("kutip.openapi")
    if document is None:
        document = current_app.extensions["kutip.openapi"] = render_openapi(current_app).encode()
    return current_app.response_class(document, mimetype="application/yaml")


@blp.route("/docs", methods=["GET"])
@blp.response(200, {"type": "string"}, content_type="text/html", description="The Swagger UI page.")
def docs():
    """API documentation

    Swagger UI for this API, served from the server itself (works offline).
    """
    return current_app.response_class(DOCS_PAGE, mimetype="text/html")


def serve_asset(filename: str):
    """A Swagger UI asset (not part of the API description)."""
    from flask import abort

    if filename not in SWAGGER_UI_ASSETS:
        abort(404)
    with resources.as_file(SWAGGER_UI_DIR) as directory:
        return send_from_directory(directory, filename, max_age=3600)
