"""The `kutip` command: extract, evaluate, ingest, serve."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

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


def cmd_extract(args) -> int:
    docs = _read_inputs(args.files)
    out = sys.stdout
    for art in extract_corpus(docs):
        if args.facts:
            out.write(
                json.dumps(
                    {"kind": "article", "article": art.name, **art.facts()}, ensure_ascii=False
                )
                + "\n"
            )
        for q in art.quotes:
            out.write(json.dumps({"article": art.name, **q.to_dict()}, ensure_ascii=False) + "\n")
    return 0


def cmd_evaluate(args) -> int:
    from .evaluation import evaluate

    gold = Path(args.gold)
    if not gold.is_file():
        raise SystemExit(f"kutip: no gold file {gold}")
    articles = Path(args.articles)
    if not articles.is_dir():
        raise SystemExit(f"kutip: no articles directory {articles}")
    docs = _read_inputs([str(articles)])
    # with the speaker rule that chose each speaker, for the --errors lines
    preds = {
        a.name: [{**q.to_dict(), "rule": q.rule} for q in a.quotes] for a in extract_corpus(docs)
    }
    try:
        counts = evaluate(gold, preds)
    except ValueError as exc:
        raise SystemExit(f"kutip: {exc}") from exc
    figs = counts.figures()
    if args.json:
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
    if args.errors:
        for e in counts.errors:
            print(json.dumps(e, ensure_ascii=False))
    return 0


def cmd_ingest(args) -> int:
    from .ingest import ingest
    from .store import Store, StoreError

    max_bytes = args.max_bytes
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
    try:
        store = Store(args.db)
    except StoreError as exc:
        raise SystemExit(f"kutip: {exc}") from None
    show = sys.stderr.isatty() if args.progress is None else args.progress
    try:
        report = ingest(store, args.paths, max_bytes=max_bytes, show_progress=show)
    except StoreError as exc:  # refused at run time: what was committed before stays
        raise SystemExit(f"kutip: {exc}") from None
    print(report.summary())
    return 1 if report.rejected else 0


def cmd_serve(args) -> int:
    conf = Path(__file__).resolve().parent.parent / "gunicorn.conf.py"
    # gunicorn from this interpreter's environment: the venv need not be on PATH.
    argv = [sys.executable, "-m", "gunicorn", "--bind", f"{args.host}:{args.port}"]
    if conf.is_file():
        argv += ["--config", str(conf)]
    argv.append("service:create_app()")
    os.execv(argv[0], argv)
    return 1  # pragma: no cover - execv does not return


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kutip", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("extract", help="print the quotes of articles as JSON Lines")
    p.add_argument("files", nargs="+", help="article files or directories; '-' reads stdin")
    p.add_argument("--facts", action="store_true", help="also print one article-facts line each")
    p.set_defaults(func=cmd_extract)
    p = sub.add_parser("evaluate", help="score the extractor against a gold file")
    p.add_argument("gold", help="gold JSON Lines (see shared/gold/GUIDELINES.md)")
    p.add_argument("--articles", required=True, help="directory of the gold file's articles")
    p.add_argument("--errors", action="store_true", help="list misses, spurious, wrong speakers")
    p.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    p.set_defaults(func=cmd_evaluate)
    p = sub.add_parser(
        "ingest",
        help="bulk-load .txt files, directories and JSON Lines into the store",
        description="Load articles into the store (KUTIP_DB). Idempotent: articles already "
        "stored count as duplicates. Bad files and lines are reported and skipped. Exit "
        "status 1 if anything was rejected.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help=".txt, .jsonl/.ndjson or directory")
    p.add_argument(
        "--db",
        default=os.environ.get("KUTIP_DB", "data/kutip.db"),
        help="the SQLite store (default: KUTIP_DB, else data/kutip.db)",
    )
    p.add_argument(
        "--max-bytes",
        type=int,
        default=None,
        help="largest article (or JSON line) in bytes (default: KUTIP_MAX_BODY, else 2 MB)",
    )
    p.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar on stderr (default: when stderr is a terminal)",
    )
    p.set_defaults(func=cmd_ingest)
    p = sub.add_parser("serve", help="serve the API with gunicorn")
    p.add_argument("--host", default=os.environ.get("KUTIP_HOST", "127.0.0.1"))
    p.add_argument("--port", type=int, default=int(os.environ.get("KUTIP_PORT", "8000")))
    p.set_defaults(func=cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:
        # The reader went away (`kutip extract ... | head`): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
