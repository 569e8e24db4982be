"""The in-memory quote index, one module per concern:

- `text`: the normal form of words, tokens and statements, and the ids made from them;
- `records`: articles, appearances, quotes and speakers, and the order of quotes;
- `postings`: sorted keys in shared chunks, and their intersection;
- `speakers`: fuzzy look-up of speakers by name, alias or role;
- `snapshot`: one immutable state and the look-ups the API makes on it;
- `changes`: the next state from the rows the store committed since;
- `load`: the first state, a whole store, in one pass (speed only: as `changes` gives it);
- `live`: the index an app holds, following the store's log.

The index reads what the store holds (`service.store`); it never extracts anything:
`service.pipeline` does, before the store keeps the results.
"""

from .changes import Changes, SpeakerName, StoredArticle, StoredQuote, apply, build
from .live import QuoteIndex, release_memory
from .postings import KEY, Posting, pack, updated
from .records import (
    Appearance,
    ArticleRecord,
    QuoteQuery,
    QuoteRecord,
    SpeakerRecord,
    order_key,
)
from .snapshot import QuoteIds, Snapshot
from .speakers import SpeakerLabels, SpeakerWords
from .text import (
    article_id,
    content_hash,
    normalise_name,
    normalise_text,
    normalise_token,
    parse_time,
    quote_id,
    speaker_id,
    tokens,
    words,
)

__all__ = [
    "KEY",
    "Appearance",
    "ArticleRecord",
    "Changes",
    "Posting",
    "QuoteIds",
    "QuoteIndex",
    "QuoteQuery",
    "QuoteRecord",
    "Snapshot",
    "SpeakerLabels",
    "SpeakerName",
    "SpeakerRecord",
    "SpeakerWords",
    "StoredArticle",
    "StoredQuote",
    "apply",
    "article_id",
    "build",
    "content_hash",
    "normalise_name",
    "normalise_text",
    "normalise_token",
    "order_key",
    "pack",
    "parse_time",
    "quote_id",
    "release_memory",
    "speaker_id",
    "tokens",
    "updated",
    "words",
]
