"""A live archive under gunicorn: start-up, writes, reads after writes, sustained ingest,
and the memory of each worker.

    python bench/bench_live.py synthetic --quotes 10000
    python bench/bench_live.py synthetic --quotes 1000000
    python bench/bench_live.py archive --copies 100

`synthetic`: bench_scale's real-text corpus of N quotes (four to an article, N/10
speakers), written into a store already extracted. `archive`: the real articles of
--articles (default ../shared/eval/pfsa-dev/articles; nothing of them is kept here) copied
--copies times, each copy with a last line of its own, loaded with `kutip ingest` (timed).
Stores are kept in --stores (default: a temporary folder) and used again when asked for
again; each measurement runs on a copy.

1. Start-up: gunicorn as `make run` starts it (gunicorn.conf.py, 2 workers), from the
   start of the process to the first answered `GET /health`. Then the resident memory
   (VmRSS) of each worker, against a worker over an empty store: per quote, and per quote
   beyond the UTF-8 of the quotes' texts (one text a quote).
2. Writes and the first read after them: two gunicorn processes of one worker each on the
   same store, W taking writes and R reads. --posts times: `POST /articles` to W (a new
   article, the texts of the corpus's kind, by its speakers), then `GET
   /quotes?article=<id>` to R (the first read after the write: R reads the new rows and
   applies them first), then the same GET again (a plain read). Each article's own
   extraction is timed in this process beforehand, to give the write beyond it.
3. Sustained ingest: gunicorn as in 1; --duration seconds of wrk with 4 connections
   posting new articles while another wrk with 8 connections asks `GET
   /quotes?speaker=<a speaker's name>`: articles acknowledged a second, and the reads'
   p50 and p99.

Figures are printed as the BENCHMARKS.md table rows. Requires wrk for 3.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
DEFAULT_ARTICLES = REPO.parent / "shared" / "eval" / "pfsa-dev" / "articles"
TOKEN = "bench-live-token"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS")


class Server:
    """gunicorn -c gunicorn.conf.py 'service:create_app()' on a store, in its own group."""

    def __init__(self, db: Path, log: Path, workers: int = 2, threads: int = 2) -> None:
        self.db, self.log, self.workers, self.threads = db, log, workers, threads
        self.port = free_port()
        self.proc: subprocess.Popen | None = None
        self.ready_s = 0.0

    def start(self, timeout: float = 900) -> Server:
        env = {k: v for k, v in os.environ.items() if not k.startswith("KUTIP_")}
        env.update(
            KUTIP_DB=str(self.db),
            KUTIP_SEED_DIR="off",
            KUTIP_API_TOKEN=TOKEN,
            KUTIP_WORKERS=str(self.workers),
            KUTIP_THREADS=str(self.threads),
            KUTIP_BIND=f"127.0.0.1:{self.port}",
            KUTIP_TIMEOUT="600",
        )
        started = time.perf_counter()
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"]
                + ["--access-logfile", "/dev/null", "service:create_app()"],
                cwd=REPO,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = started + timeout
        while True:
            if self.proc.poll() is not None:
                raise SystemExit(f"gunicorn exited:\n{self.log.read_text()[-3000:]}")
            try:
                status, _, _ = request(self.port, "GET", "/health", timeout=5)
                if status == 200:
                    self.ready_s = time.perf_counter() - started
                    return self
            except OSError:
                pass
            if time.perf_counter() > deadline:
                raise SystemExit(f"gunicorn did not answer in {timeout} s")
            time.sleep(0.05)

    def worker_pids(self) -> list[int]:
        assert self.proc is not None
        path = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
        return [int(p) for p in path.read_text().split()]

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


def request(port: int, method: str, path: str, body: str | None = None, conn=None, timeout=60):
    """(status, body, seconds), on `conn` if given (kept alive), else a new one."""
    own = conn is None
    if own:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {}
    if body is not None:
        headers = {"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"}
    start = time.perf_counter()
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    data = response.read()
    took = time.perf_counter() - start
    if own:
        conn.close()
    return response.status, data, took


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p99 * 1000


# -- corpora --------------------------------------------------------------------------------


def synthetic_store(db: Path, quotes: int, articles: Path) -> None:
    from bench.bench_scale import corpus, write_store

    made, _ = corpus(articles, quotes, None, None)
    part = db.with_suffix(".part")
    print(f"writing {quotes:,} quotes into {db} ...", file=sys.stderr, flush=True)
    took = write_store(part, made)
    print(f"written in {took:.0f} s", file=sys.stderr, flush=True)
    _settle(part, db)


def archive_texts(articles: Path, copies: int) -> list[str]:
    texts = [p.read_text("utf-8") for p in sorted(articles.glob("*.txt"))]
    return [
        f"{text.rstrip()}\n\nArsip salinan {copy} nomor {n}.\n"
        for copy in range(copies)
        for n, text in enumerate(texts)
    ]


def archive_store(db: Path, articles: Path, copies: int) -> float:
    """`kutip ingest` of the copies as JSON Lines; articles a second."""
    texts = archive_texts(articles, copies)
    part = db.with_suffix(".part")
    with tempfile.TemporaryDirectory(prefix="kutip-archive-") as tmp:
        lines = Path(tmp) / "archive.jsonl"
        lines.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), "utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith("KUTIP_")}
        print(f"kutip ingest of {len(texts):,} articles ...", file=sys.stderr, flush=True)
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "service.cli", "ingest", str(lines), "--db", str(part)]
            + ["--no-progress"],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
        )
        took = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"kutip ingest failed:\n{done.stdout}\n{done.stderr}")
    print(done.stdout.strip(), f"in {took:.0f} s", file=sys.stderr, flush=True)
    _settle(part, db)
    (db.parent / (db.name + ".ingest")).write_text(f"{len(texts) / took:.1f}")
    return len(texts) / took


def _settle(part: Path, db: Path) -> None:
    """The store written at `part`, checkpointed and moved to `db`."""
    with sqlite3.connect(part) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for suffix in ("-seq", "-write", "-wal", "-shm"):
        Path(str(part) + suffix).unlink(missing_ok=True)
    part.rename(db)


def copy_store(db: Path, folder: Path) -> Path:
    copy = folder / "work.db"
    for suffix in ("", "-seq", "-write", "-wal", "-shm"):
        Path(str(copy) + suffix).unlink(missing_ok=True)
    shutil.copyfile(db, copy)
    return copy


def store_figures(db: Path) -> dict:
    with sqlite3.connect(db) as conn:
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        quotes = conn.execute("SELECT count(*) FROM quotes").fetchone()[0]
        # the index holds one text a statement: the distinct texts
        text_bytes = conn.execute(
            "SELECT coalesce(sum(length(CAST(t AS BLOB))), 0) FROM "
            "(SELECT DISTINCT text AS t FROM quotes)"
        ).fetchone()[0]
        speakers = [
            row[0]
            for row in conn.execute(
                "SELECT speaker FROM speakers WHERE quotes > 0 GROUP BY speaker_id "
                "ORDER BY sum(quotes) DESC LIMIT 2000"
            )
        ]
    return {
        "articles": articles,
        "quote_rows": quotes,
        "text_bytes": text_bytes,
        "speakers": speakers,
    }


def new_texts(kind: str, count: int, articles: Path, quotes: int, seed: int) -> list[str]:
    """Articles not in the store, of the corpus's kind (and speakers)."""
    if kind == "archive":
        texts = [p.read_text("utf-8") for p in sorted(articles.glob("*.txt"))]
        rng = random.Random(seed)
        return [
            f"{rng.choice(texts).rstrip()}\n\nSalinan baru {seed} nomor {n}.\n"
            for n in range(count)
        ]
    from bench.bench_scale import _PUBLISHERS, sentences, speaker_names

    pool = sentences(articles)
    speakers = speaker_names(max(1, quotes // 10))
    rng = random.Random(seed)
    made = []
    for n in range(count):
        paragraphs = []
        for _ in range(4):
            name, role = rng.choice(speakers)
            text = f"{rng.choice(pool)} {rng.choice(pool)}"
            paragraphs.append(f"\u201c{text},\u201d kata {role} {name}.")
        paragraphs.append(f"{rng.choice(_PUBLISHERS)}, tulisan baru {seed}-{n}.")
        made.append("\n\n".join(paragraphs))
    return made


# -- measurements -----------------------------------------------------------------------------


def measure_startup(db: Path, work: Path, empty_rss: list[int]) -> dict:
    server = Server(copy_store(db, work), work / "startup.log").start()
    try:
        pids = server.worker_pids()
        # a few reads, as a worker's memory is after it served
        for _ in range(20):
            request(server.port, "GET", "/quotes?limit=20")
        rss_each = [rss(pid) for pid in pids]
        return {"ready_s": server.ready_s, "rss": rss_each, "empty_rss": empty_rss}
    finally:
        server.stop()


def measure_empty(work: Path) -> list[int]:
    empty = work / "empty.db"
    server = Server(empty, work / "empty.log").start()
    try:
        for _ in range(20):
            request(server.port, "GET", "/quotes?limit=20")
        return [rss(pid) for pid in server.worker_pids()]
    finally:
        server.stop()
        for suffix in ("", "-seq", "-write", "-wal", "-shm"):
            Path(str(empty) + suffix).unlink(missing_ok=True)


def measure_writes(db: Path, work: Path, texts: list[str]) -> dict:
    from service import pipeline

    extraction = []
    for text in texts:
        start = time.perf_counter()
        pipeline.extract(text)
        extraction.append(time.perf_counter() - start)
    copy = copy_store(db, work)
    writer = Server(copy, work / "writer.log", workers=1).start()
    reader = Server(copy, work / "reader.log", workers=1).start()
    posts, beyond, first, plain = [], [], [], []
    try:
        w = http.client.HTTPConnection("127.0.0.1", writer.port, timeout=120)
        r = http.client.HTTPConnection("127.0.0.1", reader.port, timeout=120)
        for text, extracting in zip(texts, extraction, strict=True):
            status, body, took = request(
                writer.port, "POST", "/articles", json.dumps({"text": text}), w
            )
            if status != 201:
                raise SystemExit(f"POST /articles: {status} {body[:300]!r}")
            article = json.loads(body)["id"]
            posts.append(took)
            beyond.append(took - extracting)
            path = f"/quotes?article={article}"
            status, body, took = request(reader.port, "GET", path, conn=r)
            if status != 200 or json.loads(body)["total"] < 1:
                raise SystemExit(f"GET {path} on the other process: {status} {body[:300]!r}")
            first.append(took)
            _, _, took = request(reader.port, "GET", path, conn=r)
            plain.append(took)
    finally:
        writer.stop()
        reader.stop()
    return {
        "extraction": percentiles(extraction),
        "post": percentiles(posts),
        "beyond": percentiles(beyond),
        "first_read": percentiles(first),
        "plain_read": percentiles(plain),
        "more": percentiles([f - p for f, p in zip(first, plain, strict=True)]),
    }


WRITER_LUA = """
local texts = {}
for line in io.lines("%(texts)s") do texts[#texts + 1] = line end
local n = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer %(token)s"
request = function()
  n = n + 1
  local body = '{"text": ' .. texts[(n %% #texts) + 1]:sub(1, -2) .. ' nomor wrk ' ..
    tostring(math.random(1, 2147483647)) .. '-' .. n .. '"}'
  return wrk.format(nil, "/articles", nil, body)
end
"""

READER_LUA = """
local paths = {}
for line in io.lines("%(paths)s") do paths[#paths + 1] = line end
request = function()
  return wrk.format("GET", paths[math.random(1, #paths)])
end
"""


def parse_wrk(output: str) -> dict:
    import re

    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    units = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60_000.0}

    def ms(label: str) -> float:
        value = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s|m)", output, re.M)
        return float(value.group(1)) * units[value.group(2)]

    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors:.*", output)
    return {
        "rate": rate,
        "p50": ms("50"),
        "p99": ms("99"),
        "bad": int(bad.group(1)) if bad else 0,
        "errors": errors.group(0) if errors else "",
    }


def measure_sustained(db: Path, work: Path, texts: list[str], speakers, duration: int) -> dict:
    from urllib.parse import quote

    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (apt-get install -y wrk)")
    lines = work / "texts.txt"
    # one JSON string a line, its closing quote cut where the unique tail goes
    lines.write_text("".join(json.dumps(t) + "\n" for t in texts), "utf-8")
    paths = work / "paths.txt"
    paths.write_text("".join(f"/quotes?speaker={quote(s)}\n" for s in speakers), "utf-8")
    (work / "writer.lua").write_text(WRITER_LUA % {"texts": lines, "token": TOKEN})
    (work / "reader.lua").write_text(READER_LUA % {"paths": paths})
    server = Server(copy_store(db, work), work / "sustained.log").start()
    try:
        base = f"http://127.0.0.1:{server.port}"
        before = store_figures(server.db)["articles"]
        common = ["wrk", "--threads=1", f"--duration={duration}s", "--timeout=30s", "--latency"]
        writers = subprocess.Popen(
            [*common, "--connections=4", "--script", str(work / "writer.lua"), base],
            stdout=subprocess.PIPE,
            text=True,
        )
        readers = subprocess.Popen(
            [*common, "--connections=8", "--script", str(work / "reader.lua"), base],
            stdout=subprocess.PIPE,
            text=True,
        )
        wrote = parse_wrk(writers.communicate()[0])
        read = parse_wrk(readers.communicate()[0])
        after = store_figures(server.db)["articles"]
        rss_each = [rss(pid) for pid in server.worker_pids()]
    finally:
        server.stop()
    return {"writes": wrote, "reads": read, "added": after - before, "rss": rss_each}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", choices=("synthetic", "archive"))
    parser.add_argument("--quotes", type=int, default=10_000, help="synthetic: quotes")
    parser.add_argument("--copies", type=int, default=100, help="archive: copies")
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--stores", type=Path, help="keep the stores here, and use them again")
    parser.add_argument("--posts", type=int, default=200)
    parser.add_argument("--duration", type=int, default=30, help="seconds of sustained ingest")
    parser.add_argument(
        "--only", nargs="+", choices=("startup", "writes", "sustained"), default=None
    )
    args = parser.parse_args()
    if not any(args.articles.glob("*.txt")):
        print(f"no .txt files in {args.articles}", file=sys.stderr)
        return 2
    wanted = set(args.only or ("startup", "writes", "sustained"))
    with tempfile.TemporaryDirectory(prefix="kutip-live-") as tmp:
        folder = args.stores or Path(tmp) / "stores"
        folder.mkdir(parents=True, exist_ok=True)
        work = Path(tmp) / "work"
        work.mkdir()
        if args.corpus == "synthetic":
            db = folder / f"live-{args.quotes}.db"
            if not db.exists():
                synthetic_store(db, args.quotes, args.articles)
            label = f"{args.quotes:,} quotes (synthetic)"
        else:
            db = folder / f"archive-{args.copies}.db"
            if not db.exists():
                archive_store(db, args.articles, args.copies)
            label = f"{args.copies} copies of {args.articles.name}"
        figures = store_figures(db)
        print(
            f"python {platform.python_version()}, {os.cpu_count()} cores; {label}: "
            f"{figures['articles']:,} articles, {figures['quote_rows']:,} quote rows"
        )
        ingest = db.parent / (db.name + ".ingest")
        if ingest.exists():
            print(f"kutip ingest: {float(ingest.read_text()):,.0f} articles/s")
        texts = new_texts(args.corpus, args.posts, args.articles, args.quotes, seed=7)
        if "startup" in wanted:
            empty = measure_empty(work)
            start = measure_startup(db, work, empty)
            quotes = None
            server_quotes = figures["quote_rows"]
            print(f"start-up to the first answered request: {start['ready_s']:.1f} s")
            for n, (used, base) in enumerate(zip(start["rss"], empty, strict=False)):
                grown = used - base
                quotes = server_quotes
                print(
                    f"worker {n + 1}: {used / 2**20:,.0f} MB resident ({base / 2**20:,.0f} MB "
                    f"on an empty store): {grown / figures['articles'] / 1024:,.2f} KB an "
                    f"article, {grown / quotes:,.0f} bytes a quote row, "
                    f"{(grown - figures['text_bytes']) / quotes:,.0f} beyond the quote texts"
                )
        if "writes" in wanted:
            writes = measure_writes(db, work, texts)
            for label_, key in (
                ("extraction alone (this process)", "extraction"),
                ("POST /articles", "post"),
                ("POST /articles beyond its extraction", "beyond"),
                ("first GET on the other process after the write", "first_read"),
                ("the same GET again (plain read)", "plain_read"),
                ("first read minus plain read", "more"),
            ):
                p50, p99 = writes[key]
                print(f"{label_}: p50 {p50:.1f} ms, p99 {p99:.1f} ms")
        if "sustained" in wanted:
            more = new_texts(args.corpus, 500, args.articles, args.quotes, seed=11)
            result = measure_sustained(db, work, more, figures["speakers"], args.duration)
            w, r = result["writes"], result["reads"]
            print(
                f"sustained, {args.duration} s: {result['added'] / args.duration:,.1f} articles/s "
                f"acknowledged ({w['rate']:,.1f} POST/s, p50 {w['p50']:.0f} ms, p99 "
                f"{w['p99']:.0f} ms, non-2xx {w['bad']}); GET /quotes?speaker= "
                f"{r['rate']:,.0f}/s, p50 {r['p50']:.1f} ms, p99 {r['p99']:.1f} ms, non-2xx "
                f"{r['bad']} {w['errors']} {r['errors']}"
            )
            print(
                "workers after it: "
                + ", ".join(f"{used / 2**20:,.0f} MB" for used in result["rss"])
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
