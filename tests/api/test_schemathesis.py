"""Property-based conformance of the whole API to its own openapi.yaml (schemathesis).

Every operation is run through all of schemathesis' phases (explicit examples, coverage
with unsupported methods and missing or malformed parameters, then fuzzing) in positive
and negative mode, and every response goes through all the built-in checks.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import negative_data_rejection

from service import create_app

TOKEN = "schemathesis-token"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"

# Explicit settings win over any KUTIP_* variables of the shell running the tests; the
# store is a temporary one, removed when the run ends.
_STORE_DIR = tempfile.mkdtemp(prefix="kutip-schemathesis-")
atexit.register(shutil.rmtree, _STORE_DIR, ignore_errors=True)
APP = create_app(
    {
        "DB": f"{_STORE_DIR}/kutip.db",
        "SEED_DIR": str(SEEDS),
        "API_TOKEN": TOKEN,
        "MAX_BODY": 2 * 1024 * 1024,
        # hundreds of examples per operation from one client: no rate limit here
        # (tests/api/test_ratelimit.py checks the 429s against the document)
        "EXTRACT_LIMIT": "off",
        "VERIFY_LIMIT": "off",
    }
)
schema = schemathesis.openapi.from_wsgi("/openapi.yaml", APP)
# The token goes with every request, as a client would send it; schemathesis still checks
# that POST /articles refuses requests without it (the `ignored_auth` check).
schema.config.update(headers={"Authorization": f"Bearer {TOKEN}"})


@schema.parametrize()
@settings(
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_conforms_to_openapi(case):
    excluded = []
    if case.media_type == "text/plain" and case.meta and case.meta.generation.mode.is_negative:
        # A text/plain body is text whatever it spells: a "negative" JSON array sent as
        # text/plain is a valid article text, so it is rightly accepted.
        excluded.append(negative_data_rejection)
    case.call_and_validate(excluded_checks=excluded)


# Bodies no generator writes: what a hostile client sends to the JSON operations. Each must
# be answered as the document says (problem details, a documented 4xx), never a 5xx.
HOSTILE_JSON = {
    "arrays nested 100,000 deep": b"[" * 100_000 + b"]" * 100_000,
    "objects nested 5,000 deep": b'{"a":' * 5_000 + b"1" + b"}" * 5_000,
    "nesting inside a field": b'{"text": ' + b"[" * 5_000 + b"]" * 5_000 + b"}",
    "a 5,000-digit integer": b'{"quote": "Kami siap", "limit": ' + b"9" * 5_000 + b"}",
    "a 4,000-digit integer": b'{"quote": "Kami siap", "limit": ' + b"9" * 4_000 + b"}",
    "1e999": b'{"quote": "Kami siap", "limit": 1e999}',
    "NaN": b'{"quote": "Kami siap", "limit": NaN}',
    "-Infinity as text": b'{"text": -Infinity}',
    "a fraction as a count": b'{"quote": "Kami siap", "limit": 1.9}',
    "a lone surrogate as a key": b'{"\\ud800": 1, "quote": "Kami siap"}',
}


@pytest.mark.parametrize("path", ["/articles", "/extract", "/verify"])
@pytest.mark.parametrize("name", sorted(HOSTILE_JSON))
def test_hostile_json_is_a_documented_client_error(path, name):
    case = schema[path]["POST"].Case(
        body=HOSTILE_JSON[name],
        media_type="application/json",
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    response = case.call_and_validate()
    assert response.status_code == 400, response.text[:300]
