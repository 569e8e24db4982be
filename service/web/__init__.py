"""Pages for fact-checkers and journalists: search, check a quote, read the source.

A blueprint of its own (`views.bp`) with Jinja templates, one stylesheet, and
Flask-Babel: Indonesian first, English as the second language, chosen by a `lang`
query parameter (remembered in a cookie), else by `Accept-Language`. The catalogues are
the usual .po/.mo under `translations/` (see `babel.cfg` for how they are made).
"""

from __future__ import annotations

from flask import Flask, request
from flask_babel import Babel

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
LANG_COOKIE = "lang"


def chosen_language() -> str:
    """`lang` in the query, else the cookie a switch left, else `Accept-Language`."""
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        return asked
    remembered = request.cookies.get(LANG_COOKIE)
    if remembered in LANGUAGES:
        return remembered
    return request.accept_languages.best_match(LANGUAGES, default=DEFAULT_LANGUAGE)


def init_web(app: Flask) -> None:
    from .views import bp

    Babel(
        app,
        locale_selector=chosen_language,
        default_locale=DEFAULT_LANGUAGE,
        default_translation_directories="web/translations",
    )
    app.register_blueprint(bp)
