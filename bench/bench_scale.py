"""Index scale: start-up from the store, memory and look-up latency for N quotes.

    python bench/bench_scale.py ARTICLES_DIR [--sizes 10000 100000 1000000] [--queries 300]
        [--stores DIR] [--clock wall|cpu]

With --reuse R, a size-N corpus is made from N/R sentences of the pool, so that smaller
sizes reuse each sentence as often as the largest does (62.5 for pfsa-dev at 1M): the
same density of near-duplicate quotes, to tell what grows with the index from what grows
with the corpus.

With --text chained, the sentences are not the real ones but walks of a word chain over
them (each next word one that follows the two before it in some real sentence), as many
as the size needs: 1.6 for each quote at every size, as the real pool gives 10k. A corpus
of real sentences reuses each one in some 125 quotes at 1M, so there a claim has hundreds
of stored quotes sharing a whole sentence with it, against one or two at 10k; chained
sentences keep that alike at every size while the vocabulary, the word frequencies and
the speakers stay those of the real run.

The corpus is generated at run time from real article text (ARTICLES_DIR, e.g.
../shared/eval/pfsa-dev/articles; nothing of it is stored here): every quote is two real
sentences, distinct from every other quote, said by one of N/10 synthetic
speakers (given name and surname built from syllables, with a role), four quotes to an
article. The articles go into a SQLite store already extracted (`Extracted` records, as
`service.pipeline.extract` would give them, offsets into the synthetic article text), a
thousand to a transaction, through `Store.add_many` (which groups the speakers' names as
it writes); --stores DIR keeps the stores there and uses them again when the same corpus
is asked for. Each size is then measured in a fresh subprocess: what is timed as start-up
is `QuoteIndex.from_store`, all that a server does with a store before its first request
besides loading its code.

Memory is the process's resident set (VmRSS) after loading minus before, the store's
connection and Python's modules loaded first: the index a server holds (article texts
stay in the store). "Beyond the quote text" subtracts the UTF-8 bytes of the quote texts.

Latency goes through the Flask test client, as the API serves it: `GET /quotes?speaker=`
(an existing speaker's name, every fourth one with a typo), `GET /quotes?q=` (a word of a
random quote) and `POST /verify` (a stored quote with one word changed, and its
speaker); median and p99 over --queries requests each, after a warm-up of 20. With
--clock cpu a request is timed by the CPU time of the thread that serves it, not by the
wall clock: on a machine shared with other work, what the request costs, without the
time it waited for a core.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_MARKS = re.compile(r"[\"“”„«»']")
# Syllables and roles for synthetic speakers (made up here, not taken from any corpus).
_SYLLABLES = (
    "a ba bu da di du ga gi gu ha hen ja jo ka ki ko la li lu ma mi mu na ni no nu "
    "pa pu ra ri ro ru sa si so su ta ti to tu wa wi ya yu ar an in on"
).split()
_ROLES = (
    "Menteri Keuangan",
    "Menteri Perdagangan",
    "Gubernur Jawa Barat",
    "Bupati Sleman",
    "Wali Kota Bandung",
    "Ketua DPR",
    "Juru bicara Kepolisian",
    "Direktur Utama Pertamina",
    "Ekonom senior",
    "Kepala Badan Pusat Statistik",
    "Anggota Komisi III",
    "Presiden",
)
_PUBLISHERS = ("Kompas", "Republika", "Tempo", "Antara", "Detik", "Tribun")
QUOTES_PER_ARTICLE = 4
QUOTES_PER_SPEAKER = 10


def rss_bytes() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS")


def sentences(directory: Path) -> list[str]:
    """Real sentences of 6 to 40 words, quotation marks removed, each once."""
    found: dict[str, str] = {}
    for path in sorted(directory.glob("*.txt")):
        for paragraph in path.read_text("utf-8").split("\n"):
            for sentence in _SENTENCE.split(_MARKS.sub("", paragraph).strip()):
                if 6 <= len(sentence.split()) <= 40:
                    # one sentence per normal form: two quotes never fold alike
                    found.setdefault(" ".join(re.findall(r"\w+", sentence.casefold())), sentence)
    return list(found.values())


def chained(real: list[str], count: int, seed: int = 5) -> list[str]:
    """`count` distinct sentences of 6 to 40 words, each a walk of a word chain over the
    real sentences (the next word drawn from those that follow the two before it in some
    real sentence): real words, real word pairs and runs, so that a corpus of any size can
    have as few whole sentences in common as a small one drawn from the real ones."""
    rng = random.Random(seed)
    follows: dict[tuple[str, ...], list[str | None]] = {}
    starts = []
    for sentence in real:
        words = sentence.split()
        context = tuple(words[:2])
        starts.append(context)
        for word in [*words[2:], None]:
            follows.setdefault(context, []).append(word)
            context = (context[1], word) if word is not None else context
    seen: set[str] = set()
    made: list[str] = []
    while len(made) < count:
        context = rng.choice(starts)
        words = list(context)
        while len(words) <= 40:
            word = rng.choice(follows[context])
            if word is None:
                break
            words.append(word)
            context = (context[1], word)
        if not 6 <= len(words) <= 40:
            continue
        sentence = " ".join(words)
        key = " ".join(re.findall(r"\w+", sentence.casefold()))
        if key not in seen:
            seen.add(key)
            made.append(sentence)
    return made


def _name_word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(syllables)).capitalize()


def speaker_names(count: int, seed: int = 1) -> list[tuple[str, str]]:
    """`count` distinct (full name, role) pairs."""
    rng = random.Random(seed)
    given = sorted({_name_word(rng, rng.choice((2, 3))) for _ in range(4000)})
    family = sorted({_name_word(rng, 3) for _ in range(6000)})
    names: dict[str, str] = {}
    while len(names) < count:
        name = f"{rng.choice(given)} {rng.choice(family)}"
        names.setdefault(name, rng.choice(_ROLES))
    return list(names.items())


def generate(pool: list[str], size: int, seed: int = 2):
    """`size` distinct quotes in synthetic articles, `Extracted` as the pipeline makes
    them: (articles, quote text bytes)."""
    from service.index import StoredQuote, article_id, content_hash
    from service.pipeline import rules_version
    from service.store import Extracted

    rng = random.Random(seed)
    speakers = speaker_names(max(1, size // QUOTES_PER_SPEAKER))
    rules = rules_version()
    # quote k is sentence order[k % P] followed by another one chosen by k // P: distinct
    # by construction (every size alike: two sentences), with no set of used pairs
    order = list(range(len(pool)))
    rng.shuffle(order)
    articles = []
    text_bytes = 0
    made = 0
    while made < size:
        parts, quotes, offset = [], [], 0
        publisher = rng.choice(_PUBLISHERS)
        day = 1 + made // QUOTES_PER_ARTICLE % 28
        for _ in range(min(QUOTES_PER_ARTICLE, size - made)):
            first, round_ = order[made % len(pool)], 1 + made // len(pool)
            text = f"{pool[first]} {pool[(first + round_ * 7919) % len(pool)]}"
            name, role = rng.choice(speakers)
            paragraph = f"\u201c{text},\u201d kata {role} {name}."
            start = offset + 1
            quotes.append(StoredQuote(text, start, start + len(text), name, "person", role, "kata"))
            parts.append(paragraph)
            offset += len(paragraph) + 2
            text_bytes += len(text.encode("utf-8"))
            made += 1
        article_text = "\n\n".join(parts)
        number = len(articles)
        digest = content_hash(article_text)
        articles.append(
            Extracted(
                id=article_id(digest),
                content_hash=digest,
                name=f"synthetic-{number}.txt",
                text=article_text,
                metadata={"url": f"https://example.com/berita/{number}", "publisher": publisher},
                facts={
                    "title": f"Berita {number}",
                    "publisher": publisher,
                    "published": f"2024-{1 + number % 12:02d}-{day:02d}T10:00:00+07:00",
                    "authors": [],
                },
                rules=rules,
                quotes=tuple(quotes),
            )
        )
    return articles, text_bytes


def write_store(path: Path, articles, batch: int = 1000) -> float:
    """The articles into a new store at `path`, `batch` to a transaction; seconds taken."""
    from service.store import Store

    store = Store(path, durable=False)
    start = time.perf_counter()
    for n in range(0, len(articles), batch):
        store.add_many(articles[n : n + batch])
    return time.perf_counter() - start


def _typo(name: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(name) - 1)
    return name[:i] + name[i + 1 :]


def _percentiles(samples: list[float]) -> dict:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return {"p50_ms": statistics.median(ordered) * 1000, "p99_ms": p99 * 1000}


def corpus(articles: Path, size: int, reuse: float | None, pool: Path | None):
    """The generated corpus of one size: (articles, quote text bytes)."""
    sentence_pool = pool.read_text("utf-8").split("\n") if pool is not None else sentences(articles)
    if reuse:
        sentence_pool = random.Random(4).sample(
            sentence_pool, min(len(sentence_pool), max(2, round(size / reuse)))
        )
    return generate(sentence_pool, size)


def measure(db: Path, size: int, queries: int, text_bytes: int, clock: str = "wall") -> dict:
    """One size, in this process: start-up from the store at `db`, memory, latency.
    `clock`: "wall" times each request by the clock on the wall, "cpu" by the CPU time
    this thread spent on it (the same on an idle machine; on one shared with other work,
    what the request itself costs)."""
    from service import create_app
    from service.index import QuoteIndex, tokens
    from service.store import Store

    store = Store(db)
    store.latest()  # the connection open, SQLite loaded: not counted
    timer = time.thread_time if clock == "cpu" else time.perf_counter
    gc.collect()
    before = rss_bytes()
    start = time.perf_counter()
    index = QuoteIndex.from_store(store)
    startup = time.perf_counter() - start
    gc.collect()
    after = rss_bytes()
    snap = index.snapshot

    with tempfile.TemporaryDirectory() as tmp:
        # (no rate limits: the benchmark makes hundreds of requests a minute from one client)
        app = create_app(
            {"DB": f"{tmp}/k.db", "SEED_DIR": "off", "TESTING": True, "VERIFY_LIMIT": "off"}
        )
        app.extensions["kutip"] = index
        client = app.test_client()
        rng = random.Random(3)
        quote_ids = list(snap.quotes)
        speaker_list = [s.name for s in snap.speakers.values()]

        def speaker_request():
            name = rng.choice(speaker_list)
            name = _typo(name, rng) if rng.random() < 0.25 else name
            return client.get("/quotes", query_string={"speaker": name})

        def word_request():
            text = snap.quotes[rng.choice(quote_ids)].text
            word = rng.choice([w for w in tokens(text) if len(w) >= 4] or ["kami"])
            return client.get("/quotes", query_string={"q": word})

        def verify_request():
            record = snap.quotes[rng.choice(quote_ids)]
            words = record.text.split()
            words[rng.randrange(len(words))] = "berbeda"
            claim = {"quote": " ".join(words)}
            if record.speaker_id:
                claim["speaker"] = snap.speakers[record.speaker_id].name
            return client.post("/verify", json=claim)

        latency = {}
        for label, request in (
            ("speaker", speaker_request),
            ("word", word_request),
            ("verify", verify_request),
        ):
            for _ in range(20):
                request()
            samples = []
            for _ in range(queries):
                t0 = timer()
                response = request()
                samples.append(timer() - t0)
                if response.status_code != 200:
                    raise SystemExit(f"{label}: {response.status_code} {response.data[:200]!r}")
            latency[label] = _percentiles(samples)
    total = after - before
    return {
        "size": size,
        "quotes": len(snap.quotes),
        "speakers": len(snap.speakers),
        "articles": len(snap.articles),
        "startup_s": startup,
        "rss_bytes": total,
        "bytes_per_quote": total / size,
        "text_bytes_per_quote": text_bytes / size,
        "beyond_text_per_quote": (total - text_bytes) / size,
        "latency": latency,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=Path, help="folder of real .txt articles")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument(
        "--reuse",
        type=float,
        help="quotes started by each pool sentence (default: the whole pool at every size; "
        "the pfsa-dev pool at 1M quotes is 62.5): to compare sizes at the same density",
    )
    parser.add_argument(
        "--text",
        choices=("real", "chained"),
        default="real",
        help="quotes of real sentences (the default: a sentence is in about 125 quotes at 1M) "
        "or of chained ones, as many as the size needs (about one quote each at any size)",
    )
    parser.add_argument(
        "--stores", type=Path, help="keep the generated stores here, and use them again"
    )
    parser.add_argument(
        "--clock",
        choices=("wall", "cpu"),
        default="wall",
        help="time requests by the wall clock (the default) or by this thread's CPU time, "
        "which other work on a shared machine does not lengthen",
    )
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--text-bytes", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        result = measure(args.one, args.sizes[0], args.queries, args.text_bytes, args.clock)
        print(json.dumps(result))
        return 0
    if not any(args.articles.glob("*.txt")):
        print(f"no .txt files in {args.articles}", file=sys.stderr)
        return 2
    print(f"python {platform.python_version()}, {os.cpu_count()} cores")
    if args.reuse:
        print(f"each pool sentence starts {args.reuse:g} quotes")
    if args.clock == "cpu":
        print("latency in this thread's CPU time")
    real = sentences(args.articles) if args.text == "chained" else []
    if real:
        print("quotes of chained sentences")
    print(
        "| quotes | speakers | store written s | start-up s | RSS MB | bytes/quote | "
        "beyond text | speaker p50/p99 ms | word p50/p99 ms | verify p50/p99 ms |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="kutip-scale-") as tmp:
        folder = args.stores or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for size in args.sizes:
            name = f"scale-{size}-{args.text}-{args.reuse or 0:g}"
            db = folder / f"{name}.db"
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt") as pool:
                if real:
                    # as many sentences for each quote as the real pool has for 10k quotes
                    pool.write("\n".join(chained(real, max(len(real), size * 8 // 5))))
                    pool.flush()
                articles, text_bytes = corpus(
                    args.articles, size, args.reuse, Path(pool.name) if real else None
                )
            written = None
            if not db.exists():
                written = write_store(db.with_suffix(".part"), articles)
                for suffix in ("", "-seq", "-write", "-wal", "-shm"):
                    part = Path(str(db.with_suffix(".part")) + suffix)
                    if part.exists():
                        part.rename(str(db) + suffix)
            del articles
            done = subprocess.run(
                [sys.executable, __file__, str(args.articles), "--one", str(db)]
                + ["--sizes", str(size), "--queries", str(args.queries)]
                + ["--text-bytes", str(text_bytes), "--clock", args.clock],
                capture_output=True,
                text=True,
            )
            if done.returncode != 0:
                print(done.stderr, file=sys.stderr)
                return done.returncode
            r = json.loads(done.stdout.splitlines()[-1])
            lat = r["latency"]
            print(
                f"| {r['quotes']:,} | {r['speakers']:,} "
                f"| {'(kept)' if written is None else f'{written:.1f}'} | {r['startup_s']:.1f} "
                f"| {r['rss_bytes'] / 2**20:,.0f} | {r['bytes_per_quote']:,.0f} "
                f"| {r['beyond_text_per_quote']:,.0f} | "
                + " | ".join(
                    f"{lat[k]['p50_ms']:.2f} / {lat[k]['p99_ms']:.2f}"
                    for k in ("speaker", "word", "verify")
                )
                + " |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
