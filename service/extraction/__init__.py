"""Quote and speaker extraction for Indonesian news: pure functions, no Flask.

extract_article(text, name) -> Article        one article, speakers resolved inside it
extract_corpus([(name, text), ...]) -> [Article]  speakers merged across the articles
resolve_speakers(articles) -> [Article]       the cross-article step on its own
"""

from . import pipeline as _pipeline
from .corpus import extract_corpus, resolve_speakers
from .model import Article, Quote
from .pipeline import extract_article

# Whether the rules run as mypyc-compiled C extensions (setup.py) or as plain Python.
COMPILED = not _pipeline.__file__.endswith(".py")

__all__ = ["COMPILED", "Article", "Quote", "extract_article", "extract_corpus", "resolve_speakers"]
