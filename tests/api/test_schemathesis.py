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
