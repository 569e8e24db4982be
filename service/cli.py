"""The `kutip` command: extract, evaluate, ingest, reindex, serve."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from .extraction import extract_corpus


def _read_inputs(paths: list[str]) -> list[tuple[str, str]]:
    """(name, text) for each FILE, each .txt file in a directory, or '-' for stdin."""
    docs = []
    for p in paths:
        if p == "-":
            docs.append(("-", sys.stdin.read()))
            continue
        path = Path(p)
        files = sorted(path.glob("*.txt")) if path.is_dir() else [path]
        for f in files:
            try:
                data = f.read_bytes()
            except OSError as exc:
                raise SystemExit(f"kutip: cannot read {f}: {exc.strerror}") from exc
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise SystemExit(f"kutip: {f} is not UTF-8 text (byte {exc.start})") from exc
            docs.append((f.name, text))
    return docs


def _default_db() -> str:
    return os.environ.get("KUTIP_DB", "data/kutip.db")


def _open_store(db: str):
    from .store import Store, StoreError

    try:
        return Store(db)
    except StoreError as exc:  # it names the path and what to do
        raise SystemExit(f"kutip: {exc}") from None


DB_OPTION = click.option(
    "--db",
    default=_default_db,
    show_default="KUTIP_DB, else data/kutip.db",
    help="The SQLite store.",
)
PROGRESS_OPTION = click.option(
    "--progress/--no-progress",
    default=None,
    help="Progress bar on stderr (default: when stderr is a terminal).",
)


@click.group(help=__doc__, context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    pass


@cli.command(help="Print the quotes of articles as JSON Lines.")
@click.argument("files", nargs=-1, required=True)
@click.option("--facts", is_flag=True, help="Also print one article-facts line each.")
def extract(files: tuple[str, ...], facts: bool) -> int:
    """FILES: article files or directories; '-' reads stdin."""
    docs = _read_inputs(list(files))
    out = sys.stdout
    for art in extract_corpus(docs):
        if facts:
            out.write(
                json.dumps(
                    {"kind": "article", "article": art.name, **art.facts()}, ensure_ascii=False
                )
                + "\n"
            )
        for q in art.quotes:
            out.write(json.dumps({"article": art.name, **q.to_dict()}, ensure_ascii=False) + "\n")
    return 0


@cli.command(help="Score the extractor against a gold file.")
@click.argument("gold")
@click.option("--articles", required=True, help="Directory of the gold file's articles.")
@click.option("--errors", is_flag=True, help="List misses, spurious, wrong speakers.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
def evaluate(gold: str, articles: str, errors: bool, as_json: bool) -> int:
    """GOLD: gold JSON Lines (see shared/gold/GUIDELINES.md)."""
    from .evaluation import evaluate as score

    gold_path = Path(gold)
    if not gold_path.is_file():
        raise SystemExit(f"kutip: no gold file {gold_path}")
    folder = Path(articles)
    if not folder.is_dir():
        raise SystemExit(f"kutip: no articles directory {folder}")
    docs = _read_inputs([str(folder)])
    # with the speaker rule that chose each speaker, for the --errors lines
    preds = {
        a.name: [{**q.to_dict(), "rule": q.rule} for q in a.quotes] for a in extract_corpus(docs)
    }
    try:
        counts = score(gold_path, preds)
    except ValueError as exc:
        raise SystemExit(f"kutip: {exc}") from exc
    figs = counts.figures()
    if as_json:
        print(
            json.dumps(
                {
                    **figs,
                    "gold": counts.gold,
                    "predicted": counts.predicted,
                    "matched": counts.matched,
                    "attributed": counts.attributed,
                }
            )
        )
    else:
        print(
            f"gold quotes {counts.gold}, predicted {counts.predicted}, "
            f"text-matched {counts.matched}, speaker right {counts.attributed}"
        )
        print(
            f"quote       P {figs['quote_precision']:.3f}  R {figs['quote_recall']:.3f}  "
            f"F1 {figs['quote_f1']:.3f}"
        )
        print(f"attribution accuracy {figs['attribution_accuracy']:.3f}")
        print(
            f"attributed  P {figs['attributed_precision']:.3f}  "
            f"R {figs['attributed_recall']:.3f}  F1 {figs['attributed_f1']:.3f}"
        )
    if errors:
        for e in counts.errors:
            print(json.dumps(e, ensure_ascii=False))
    return 0


@cli.command(
    help="Load articles into the store (KUTIP_DB). Idempotent: articles already stored "
    "count as duplicates. Bad files and lines are reported and skipped. Exit status 1 if "
    "anything was rejected.",
    short_help="Bulk-load .txt files, directories and JSON Lines into the store.",
)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@DB_OPTION
@click.option(
    "--max-bytes",
    type=int,
    default=None,
    help="Largest article (or JSON line) in bytes (default: KUTIP_MAX_BODY, else 2 MB).",
)
@PROGRESS_OPTION
def ingest(paths: tuple[str, ...], db: str, max_bytes: int | None, progress: bool | None) -> int:
    """PATH: .txt, .jsonl/.ndjson or directory."""
    from .ingest import ingest as load
    from .store import StoreError

    if max_bytes is None:
        raw = os.environ.get("KUTIP_MAX_BODY", str(2 * 1024 * 1024))
        try:
            max_bytes = int(raw)
        except ValueError:
            raise SystemExit(
                f"kutip: KUTIP_MAX_BODY must be a number of bytes, not {raw!r}"
            ) from None
    if max_bytes < 1:
        raise SystemExit("kutip: --max-bytes (KUTIP_MAX_BODY) must be at least 1")
    store = _open_store(db)
    show = sys.stderr.isatty() if progress is None else progress
    try:
        report = load(store, list(paths), max_bytes=max_bytes, show_progress=show)
    except StoreError as exc:  # refused at run time: what was committed before stays
        raise SystemExit(f"kutip: {exc}") from None
    print(report.summary())
    return 1 if report.rejected else 0


@cli.command(
    help="Extract the stored articles again with the rules installed now, for those the "
    "store says other rules read; then group the speakers again. Commits a batch at a "
    "time: safe while servers run (they pick each batch up), and a run stopped anywhere "
    "is finished by the next.",
    short_help="Bring the store's extraction results up to the current rules.",
)
@DB_OPTION
@click.option("--batch", type=click.IntRange(1, 10_000), default=50, show_default=True)
@PROGRESS_OPTION
def reindex(db: str, batch: int, progress: bool | None) -> int:
    from tqdm import tqdm

    from . import pipeline

    store = _open_store(db)
    rules = pipeline.rules_version()
    show = sys.stderr.isatty() if progress is None else progress
    with tqdm(
        total=store.count_outdated(rules), unit="article", disable=not show, file=sys.stderr
    ) as bar:
        done = pipeline.reindex(store, batch=batch, progress=bar.update)
    print(f"extracted {done} articles again with rules {rules}; {store.count()} stored")
    return 0


@cli.command(help="Serve the API with gunicorn.")
@click.option("--host", default=lambda: os.environ.get("KUTIP_HOST", "127.0.0.1"))
@click.option("--port", type=int, default=lambda: int(os.environ.get("KUTIP_PORT", "8000")))
def serve(host: str, port: int) -> int:
    conf = Path(__file__).resolve().parent.parent / "gunicorn.conf.py"
    # gunicorn from this interpreter's environment: the venv need not be on PATH.
    argv = [sys.executable, "-m", "gunicorn", "--bind", f"{host}:{port}"]
    if conf.is_file():
        argv += ["--config", str(conf)]
    argv.append("service:create_app()")
    os.execv(argv[0], argv)
    return 1  # pragma: no cover - execv does not return


def main(argv: list[str] | None = None) -> int:
    try:
        code = cli.main(args=argv, prog_name="kutip", standalone_mode=False)
    except click.ClickException as exc:
        # a usage error: the message on stderr and status 2, as before
        exc.show()
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("Aborted!", err=True)
        return 1
    except BrokenPipeError:
        # The reader went away (`kutip extract ... | head`): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    return code if isinstance(code, int) else 0


if __name__ == "__main__":
    sys.exit(main())
