"""App and client fixtures shared by the API and index tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from service import create_app

REPO = Path(__file__).resolve().parent.parent
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
