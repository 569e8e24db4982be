"""The pages: GET / (search), GET /check, GET /speaker/<id>, GET /article/<id> and
/extractor (paste a text, see its quotes; nothing stored). HTML only, no JavaScript
needed; bad input is a page that says what is wrong, with a 4xx status."""

from __future__ import annotations

import json
from datetime import date

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import format_date, get_locale, gettext, lazy_gettext
from werkzeug.exceptions import HTTPException

from . import LANG_COOKIE, LANGUAGES, data
from .chart import chart
from .marking import changed, pieces
from .verdicts import KIND_LABELS, KIND_SYMBOLS, change_sentences, verdict_sentence

bp = Blueprint(
    "web",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/assets",
)

PAGE_SIZE = 20
NEWEST = 10
TOP_SPEAKERS = 10
# the same bounds as the API's parameters
QUERY_MAX, SPEAKER_MAX, CLAIM_MAX = 500, 200, 5000
PAGE_MAX = 100_000
# a page is HTML from this server, its one stylesheet and one script: nothing else runs
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; script-src 'self'; "
    "img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


class BadInput(Exception):
    """Input a page cannot use; the page shows `messages` (field -> message)."""

    def __init__(self, messages: dict[str, str]) -> None:
        super().__init__(messages)
        self.messages = messages


def _text(name: str, limit: int, label) -> str | None:
    """The parameter's text, stripped; None if absent or blank. Too long: BadInput."""
    value = request.values.get(name)
    if value is None:
        return None
    value = value.strip()
    if len(value) > limit:
        raise BadInput(
            {
                name: gettext(
                    "%(field)s terlalu panjang: paling banyak %(limit)d karakter.",
                    field=label,
                    limit=limit,
                )
            }
        )
    return value or None


def _page_number() -> int:
    raw = request.args.get("page")
    if raw is None or raw == "":
        return 1
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= PAGE_MAX:
        raise BadInput(
            {"page": gettext("Halaman harus berupa angka dari 1 sampai %(limit)d.", limit=PAGE_MAX)}
        )
    return int(raw)


def page_url(number: int) -> str:
    """This page's address with another page number."""
    args = request.args.to_dict()
    args.pop("lang", None)
    args["page"] = str(number)
    return url_for(request.endpoint, **(request.view_args or {}), **args)


def lang_url(code: str) -> str:
    """This page's address in another language (a form's answer becomes its blank form)."""
    args = request.args.to_dict() if request.method == "GET" else {}
    args["lang"] = code
    return url_for(request.endpoint or "web.search", **(request.view_args or {}), **args)


def month_label(year: int, month: int | None, short: bool = False) -> str:
    """A chart's period: "Mar 2024" ("Mar 24" under a bar), or the year."""
    if month is None:
        return str(year)
    return format_date(date(year, month, 1), "MMM yy" if short else "MMM yyyy")


@bp.app_template_filter("day")
def day(moment) -> str:
    return format_date(moment, "d MMM yyyy") if moment else gettext("tanggal tidak diketahui")


@bp.context_processor
def page_helpers() -> dict:
    return {
        "lang": str(get_locale() or "id"),
        "languages": LANGUAGES,
        "lang_url": lang_url,
        "page_url": page_url,
        "month_label": month_label,
        "kind_labels": KIND_LABELS,
        "kind_symbols": KIND_SYMBOLS,
    }


@bp.after_request
def page_headers(response):
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        response.set_cookie(
            LANG_COOKIE, asked, max_age=365 * 24 * 3600, samesite="Lax", httponly=True
        )
    if response.mimetype == "text/html":
        response.headers.update(SECURITY_HEADERS)
        response.vary.add("Accept-Language")
        response.vary.add("Cookie")
    return response


@bp.errorhandler(BadInput)
def bad_input(error: BadInput):
    """The page again with what is wrong said next to the field; a page with no form of
    its own says it on the error page."""
    view = request.endpoint
    if view == "web.search":
        context = {"q": request.args.get("q", ""), "speaker_q": request.args.get("speaker", "")}
        return render_template("search.html", errors=error.messages, **context), 400
    if view == "web.check":
        context = {
            "claim": request.args.get("quote", ""),
            "speaker_q": request.args.get("speaker", ""),
        }
        return render_template("check.html", errors=error.messages, **context), 400
    if view == "web.extractor":
        text = request.form.get("text", "")
        return render_template("extract.html", errors=error.messages, text=text), 400
    message = " ".join(error.messages.values())
    return render_template("error.html", status=400, message=message), 400


@bp.errorhandler(HTTPException)
def http_error(error: HTTPException):
    status = error.code or 500
    messages = {
        404: lazy_gettext("Halaman ini tidak ada."),
        405: lazy_gettext("Alamat ini tidak menerima cara permintaan ini."),
        413: lazy_gettext("Teks yang dikirim terlalu besar untuk server ini."),
    }
    message = getattr(error, "page_message", None) or messages.get(
        status, lazy_gettext("Permintaan ini tidak dapat dilayani.")
    )
    if status >= 500:
        # (Flask has logged the exception)
        message = lazy_gettext("Terjadi kesalahan di server. Silakan coba lagi.")
    return render_template("error.html", status=status, message=message), status


def _not_found(message) -> HTTPException:
    from werkzeug.exceptions import NotFound

    error = NotFound()
    error.page_message = message  # type: ignore[attr-defined]
    return error


@bp.get("/")
def search():
    q = _text("q", QUERY_MAX, lazy_gettext("Kata"))
    who = _text("speaker", SPEAKER_MAX, lazy_gettext("Pembicara"))
    number = _page_number()
    context = {"q": q or "", "speaker_q": who or ""}
    if q is None and who is None:
        context.update(newest=data.newest_quotes(NEWEST), top=data.top_speakers(TOP_SPEAKERS))
    else:
        context.update(
            results=data.search(q, who, number, PAGE_SIZE),
            speakers=data.matching_speakers(who, 5) if who else [],
        )
    return render_template("search.html", **context)


@bp.get("/check")
def check():
    claim = _text("quote", CLAIM_MAX, lazy_gettext("Kutipan"))
    who = _text("speaker", SPEAKER_MAX, lazy_gettext("Pembicara"))
    context: dict = {"claim": claim or "", "speaker_q": who or ""}
    if claim is None:
        if "quote" in request.args:
            raise BadInput({"quote": gettext("Tulis kutipan yang ingin dicek.")})
        return render_template("check.html", **context)
    result = data.check(claim, who)
    best = result.best
    context.update(
        result=result,
        sentence=verdict_sentence(result),
        changes=change_sentences(best.changes) if best else [],
    )
    if best is not None:
        context.update(
            claim_pieces=changed(claim, best.changes, "claimed"),
            stored_pieces=changed(best.quote.text, best.changes, "stored"),
            kinds=sorted({c.kind for c in best.changes}, key=list(KIND_LABELS).index),
            jsonld=json.dumps(data.claim_document(best.quote.id), ensure_ascii=False, indent=2),
        )
    return render_template("check.html", **context)


@bp.get("/speaker/<speaker_id>")
def speaker(speaker_id: str):
    found = data.speaker(speaker_id)
    if found is None:
        raise _not_found(lazy_gettext("Pembicara ini tidak ada di arsip."))
    if found.id != speaker_id:
        # merged into another since: its page is the other one's
        return redirect(url_for(".speaker", speaker_id=found.id, **request.args), 301)
    number = _page_number()
    return render_template(
        "speaker.html",
        speaker=found,
        chart=chart(data.speaker_dates(speaker_id)),
        timeline=data.speaker_timeline(speaker_id, number, PAGE_SIZE),
    )


@bp.get("/article/<article_id>")
def article(article_id: str):
    found = data.article(article_id)
    if found is None:
        raise _not_found(lazy_gettext("Artikel ini tidak ada di arsip."))
    return render_template(
        "article.html",
        article=found,
        pieces=pieces(found.text, ((q.start, q.end, q) for q in found.quotes)),
    )


@bp.route("/extractor", methods=["GET", "POST"])
def extractor():
    if request.method == "GET":
        return render_template("extract.html", text="")
    text = request.form.get("text", "")
    if not text.strip():
        raise BadInput({"text": gettext("Tempelkan teks artikel terlebih dahulu.")})
    found = data.extract(text)
    return render_template(
        "extract.html",
        text=text,
        extracted=found,
        pieces=pieces(text, ((q.start, q.end, q) for q in found.quotes)),
    )
