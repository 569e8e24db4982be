"""An app over the seeds plus the articles of `web_articles`."""

from __future__ import annotations

import pytest
from web_articles import add_articles


@pytest.fixture
def app(make_app):
    app = make_app()
    add_articles(app)
    return app


@pytest.fixture
def snap(app):
    return app.extensions["kutip"].snapshot
