"""openapi.yaml is what the code generates, and it is a valid OpenAPI 3.1 document."""

from __future__ import annotations

from pathlib import Path

import yaml
from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

from service.api import render_openapi

COMMITTED = Path(__file__).resolve().parents[2] / "openapi.yaml"
REGENERATE = "flask --app 'service:create_app()' openapi write --format yaml openapi.yaml"


def test_committed_openapi_matches_the_code(app):
    assert COMMITTED.read_text(encoding="utf-8") == render_openapi(app), (
        f"openapi.yaml is stale: regenerate it with `{REGENERATE}`"
    )


def test_served_openapi_is_the_committed_file(client):
    response = client.get("/openapi.yaml")
    assert response.status_code == 200
    assert response.mimetype == "application/yaml"
    assert response.get_data(as_text=True) == COMMITTED.read_text(encoding="utf-8")


def test_openapi_is_valid_3_1():
    document = yaml.safe_load(COMMITTED.read_text(encoding="utf-8"))
    assert document["openapi"] == "3.1.0"
    validate(document)


def test_validator_rejects_a_broken_document():
    document = yaml.safe_load(COMMITTED.read_text(encoding="utf-8"))
    document["paths"]["/quotes"]["get"]["responses"] = "none"
    try:
        validate(document)
    except OpenAPIValidationError:
        return
    raise AssertionError("a document with string responses passed validation")


def test_every_operation_is_described_with_errors():
    document = yaml.safe_load(COMMITTED.read_text(encoding="utf-8"))
    expected = {
        ("/quotes", "get"),
        ("/quotes/{quote_id}", "get"),
        ("/speakers", "get"),
        ("/speakers/{speaker_id}", "get"),
        ("/speakers/{speaker_id}/timeline", "get"),
        ("/verify", "post"),
        ("/articles", "get"),
        ("/articles", "post"),
        ("/articles/{article_id}", "get"),
        ("/extract", "post"),
        ("/health", "get"),
        ("/openapi.yaml", "get"),
        ("/docs", "get"),
    }
    found = {(p, m) for p, ops in document["paths"].items() for m in ops if m != "parameters"}
    assert found == expected
    for path, method in expected:
        operation = document["paths"][path][method]
        assert operation.get("summary") and operation.get("description"), (path, method)
        assert "default" in operation["responses"], (path, method)
    post = document["paths"]["/articles"]["post"]
    assert {"200", "201", "400", "401", "403", "413", "415"} <= set(post["responses"])
    assert post["security"] == [{"bearerAuth": []}]
    problem = document["components"]["responses"]["NOT_FOUND"]["content"]
    assert list(problem) == ["application/problem+json"]


def test_the_served_document_is_built_once(app, monkeypatch):
    import service.api as api

    built = []
    render = api.render_openapi
    monkeypatch.setattr(api, "render_openapi", lambda app: built.append(1) or render(app))
    client = app.test_client()
    first, second = client.get("/openapi.yaml"), client.get("/openapi.yaml")
    assert first.status_code == second.status_code == 200
    assert first.data == second.data and len(built) == 1
