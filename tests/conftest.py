"""App and client fixtures shared by the API and index tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from service import create_app
from service.extraction import text as _compiled_probe

REPO = Path(__file__).resolve().parent.parent


def stale_extensions() -> list[str]:
    """Extraction modules whose compiled extension is older than their source: Python
    imports the extension, so tests would run yesterday's rules."""
    package = Path(_compiled_probe.__file__).parent
    stale = []
    for built in sorted(package.glob("*.so")):
        source = package / (built.name.split(".", 1)[0] + ".py")
        if source.exists() and source.stat().st_mtime > built.stat().st_mtime:
            stale.append(source.name)
    return stale


def pytest_sessionstart(session):
    stale = stale_extensions()
    if stale:
        pytest.exit(
            f"compiled extraction modules are older than {', '.join(stale)}: run `make test` "
            "(or `.venv/bin/pip install -e .`) to compile them again",
            returncode=4,
        )


SEEDS = REPO / "seeds"
TOKEN = "test-token-3f9a"


@pytest.fixture
def make_app(monkeypatch, tmp_path):
    """A factory of apps over the seed articles, with no KUTIP_* leaking from the shell.

    Each app gets a store of its own in a temporary folder (KUTIP_DB too, for apps a test
    builds from the environment)."""
    for name in (
        "KUTIP_API_TOKEN",
        "KUTIP_MAX_BODY",
        "KUTIP_SEED_DIR",
        "KUTIP_CORS_ORIGIN",
        "KUTIP_DB",
        "KUTIP_EXTRACT_LIMIT",
        "KUTIP_VERIFY_LIMIT",
        "KUTIP_RATE_LIMIT_STORAGE",
        "KUTIP_PUBLIC_URL",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("KUTIP_DB", str(tmp_path / "env-kutip.db"))
    made = iter(range(1_000_000))

    def make(**config):
        settings = {
            "SEED_DIR": str(SEEDS),
            "API_TOKEN": TOKEN,
            "TESTING": True,
            "DB": str(tmp_path / f"kutip-{next(made)}.db"),
        }
        settings.update(config)
        return create_app(settings)

    return make


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def auth():
    return {"Authorization": f"Bearer {TOKEN}"}
