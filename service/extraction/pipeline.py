"""One article in, facts and quotes out.

The steps, in order: line endings folded (`text.Normalised`); paragraphs; the article's
facts and where its body ends (`facts.py`); site chrome dropped; quotation marks paired
(`text.find_spans`); each quote given its speaker (`speakers.py`, which reads the
narrative with `narrative.py` into the people of the article, `people.py`); repeated
quotes dropped; offsets mapped back to the text as given.
"""

from __future__ import annotations

from . import facts
from .lexicon import lexicon
from .model import Article, Quote
from .names import ArticleContext
from .people import norm_key
from .speakers import attribute
from .text import Normalised, Paragraph, find_spans, paragraphs


def extract_article(text: str, name: str = "") -> Article:
    """Facts and quotes of one article (speakers resolved inside the article only)."""
    if not isinstance(text, str):
        raise TypeError("text must be a str")
    lex = lexicon()
    norm = Normalised(text)
    t = norm.text
    pars = paragraphs(t)
    end = facts.body_end(pars, lex)
    date_par, published = facts.date_paragraph(pars, end, lex)
    article = Article(
        name=name,
        title=facts.title(pars, end, date_par),
        publisher=facts.publisher(pars, end, lex),
        published=published,
        authors=facts.authors(pars, end, lex),
        dated=None if published else facts.body_date(pars, end, lex),
    )
    body = [
        p
        for p in pars[:end]
        if not facts.is_skip_line(p.text, lex) and not facts.is_caption(pars, p.index, lex)
    ]
    if article.title:
        body = [p for p in body if p.text != article.title]
    body = [Paragraph(i, p.start, p.end, p.text) for i, p in enumerate(body)]
    if not body:
        return article
    ctx = ArticleContext(t, lex, body)
    spans = find_spans(t, body)
    title_par = next((p for p in pars[:end] if p.text == article.title), None)
    quotes = attribute(t, body, spans, ctx, lex, title_par)
    seen = set()
    for q in quotes:
        key = norm_key(q.text)
        if key in seen:
            continue
        seen.add(key)
        start, end_ = norm.start(q.start), norm.end(q.end)
        if (start, end_) != (q.start, q.end):
            # offsets into the text as given (its CRLFs were folded)
            q = Quote(
                text=q.text,
                start=start,
                end=end_,
                speaker=q.speaker,
                role=q.role,
                cue=q.cue,
                via=q.via,
                speaker_kind=q.speaker_kind,
                rule=q.rule,
            )
        article.quotes.append(q)
    return article
