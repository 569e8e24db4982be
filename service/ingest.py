"""`kutip ingest PATH...`: bulk-load articles into the store.

Accepts .txt files (one article each), JSON Lines files (.jsonl, .ndjson: one
`{"text", "title", "url", "publisher", "published"}` object a line) and directories
(searched recursively for both). Loading is idempotent: an article whose content hash is
already stored counts as a duplicate. A bad file or line is reported with the reason and
skipped; it never stops the rest.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from marshmallow import EXCLUDE, ValidationError
from tqdm import tqdm

from . import pipeline
from .store import Store

JSON_LINES = {".jsonl", ".ndjson"}
TEXT = {".txt"}
BATCH = 100


class Rejected(Exception):
    """An input that cannot be an article; the message says why."""


@dataclass
class Report:
    added: int = 0
    duplicates: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        lines = [f"added {self.added}, duplicates {self.duplicates}, rejected {len(self.rejected)}"]
        lines += [f"rejected {where}: {why}" for where, why in self.rejected]
        return "\n".join(lines)


def _text_of(data: bytes) -> str:
    """`data` as article text, or Rejected saying why it is not."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Rejected(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None
    return _check_text(text)


def _check_text(text: str) -> str:
    """`text`, or Rejected: the same rule as POST /articles (`text_problem`)."""
    from .api.articles import text_problem

    problem = text_problem(text)
    if problem is not None:
        raise Rejected(problem)
    return text


def _from_json(raw: bytes) -> dict:
    from .api.articles import ArticleInputSchema
    from .api.common import NotJSON, load_json

    try:
        data = load_json(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise Rejected(f"not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})") from None
    except NotJSON as exc:
        raise Rejected(f"not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise Rejected(f"a JSON {type(data).__name__} where an object with at least `text` belongs")
    try:
        fields = ArticleInputSchema(unknown=EXCLUDE).load(data)
    except ValidationError as err:
        problems = "; ".join(
            f"{name}: {' '.join(map(str, msgs)) if isinstance(msgs, list) else msgs}"
            for name, msgs in sorted(err.messages.items())
        )
        raise Rejected(f"invalid fields ({problems})") from None
    _check_text(fields["text"])
    if "published" in fields:
        fields["published"] = fields["published"].isoformat()
    return fields


def _files(paths: list[str]) -> Iterator[tuple[str, Path | None, str | None]]:
    """(label, file, None) for each input file, or (label, None, why) if unusable."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT | JSON_LINES
            )
            if not found:
                yield given, None, "no .txt, .jsonl or .ndjson files in this directory"
            for p in found:
                yield str(p), p, None
        elif path.is_file():
            yield given, path, None
        elif path.exists():
            yield given, None, "not a regular file or directory"
        else:
            yield given, None, "no such file or directory"


def ingest(
    store: Store,
    paths: list[str],
    *,
    max_bytes: int,
    progress_stream: TextIO | None = None,
    show_progress: bool = False,
) -> Report:
    """Load every article under `paths` into `store`; what happened to each, counted."""
    report = Report()
    files = list(_files(paths))
    total = 0
    for _, path, _why in files:
        if path is not None:
            try:
                total += path.stat().st_size
            except OSError:
                pass
    progress = tqdm(
        total=total,
        unit="B",
        unit_scale=True,
        file=progress_stream or sys.stderr,
        disable=not show_progress,
        dynamic_ncols=True,
    )
    batch: list = []

    def counted() -> None:
        progress.set_postfix_str(
            f"added {report.added}, duplicates {report.duplicates}, "
            f"rejected {len(report.rejected)}",
            refresh=False,
        )

    def flush() -> None:
        if batch:
            for created in store.add_many(batch):
                if created:
                    report.added += 1
                else:
                    report.duplicates += 1
            batch.clear()
            counted()

    def accept(fields: dict, name: str) -> None:
        text = fields.pop("text")
        if store.has_hash(pipeline.content_hash(text)) is not None:
            report.duplicates += 1  # stored already: not extracted again
            return
        batch.append(pipeline.extract(text, name, **fields))
        if len(batch) >= BATCH:
            flush()

    for label, path, why in files:
        if path is None:
            report.rejected.append((label, why or "unusable"))
            continue
        try:
            size = path.stat().st_size
            if path.suffix.lower() in JSON_LINES:
                with path.open("rb") as lines:
                    for number, raw in enumerate(lines, start=1):
                        progress.update(len(raw))
                        if not raw.strip():
                            continue
                        where = f"{label}:{number}"
                        if len(raw) > max_bytes:
                            report.rejected.append(
                                (where, f"too large: {len(raw)} bytes (the limit is {max_bytes})")
                            )
                            continue
                        try:
                            accept(_from_json(raw), f"{path.name}:{number}")
                        except Rejected as exc:
                            report.rejected.append((where, str(exc)))
                        except Exception as exc:  # a bug in extraction: skip, say so
                            report.rejected.append((where, f"extraction failed: {exc!r}"))
                continue
            progress.update(size)
            if size > max_bytes:
                raise Rejected(f"too large: {size} bytes (the limit is {max_bytes})")
            accept({"text": _text_of(path.read_bytes())}, path.name)
        except Rejected as exc:
            report.rejected.append((label, str(exc)))
        except OSError as exc:
            report.rejected.append((label, f"cannot read: {exc.strerror or exc}"))
        except Exception as exc:  # a bug in extraction: skip, say so
            report.rejected.append((label, f"extraction failed: {exc!r}"))
    flush()
    progress.close()
    return report
