"""Quote and speaker extraction for Indonesian news: pure functions, no Flask.

extract_article(text, name) -> Article        one article, speakers resolved inside it
extract_corpus([(name, text), ...]) -> [Article]  speakers merged across the articles
resolve_speakers(articles) -> [Article]       the cross-article step on its own
"""

from .corpus import extract_corpus, resolve_speakers
from .model import Article, Quote
from .pipeline import extract_article

__all__ = ["Article", "Quote", "extract_article", "extract_corpus", "resolve_speakers"]
