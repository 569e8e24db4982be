"""The `gunicorn` fixture: servers over temporary stores, all stopped at the end."""

from __future__ import annotations

from pathlib import Path

import pytest
from servers import Gunicorn


@pytest.fixture
def gunicorn(tmp_path):
    """Factory: gunicorn(db=...) started; every one started is stopped at the end."""
    started: list[Gunicorn] = []

    def start(db: Path | None = None, **kwargs) -> Gunicorn:
        server = Gunicorn(db or tmp_path / "kutip.db", tmp_path / "gunicorn.log", **kwargs)
        started.append(server)
        return server.start()

    yield start
    for server in started:
        server.stop()
