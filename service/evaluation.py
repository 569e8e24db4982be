"""Score extracted quotes against a gold file, as ../shared/gold/GUIDELINES.md defines.

Text match: after folding case, unifying quotation marks and collapsing white space,
`rapidfuzz.fuzz.ratio >= 90`, one gold quote to at most one prediction. Speaker match:
the folded predicted name equals the gold speaker or one of its aliases. Optional gold
quotes, and the predictions that match them, are left out of every count.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from .extraction.text import ALL_MARKS

TEXT_MATCH = 90
_MARKS = str.maketrans({ch: '"' for ch in ALL_MARKS})


def fold(s: str | None) -> str:
    return " ".join((s or "").casefold().translate(_MARKS).split())


@dataclass
class Counts:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    attributed: int = 0
    errors: list[dict] = field(default_factory=list)

    def add(self, other: Counts) -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.matched += other.matched
        self.attributed += other.attributed
        self.errors.extend(other.errors)

    def figures(self) -> dict[str, float]:
        def ratio(a, b):
            return a / b if b else 0.0

        def f1(p, r):
            return 2 * p * r / (p + r) if p + r else 0.0

        qp, qr = ratio(self.matched, self.predicted), ratio(self.matched, self.gold)
        ap, ar = ratio(self.attributed, self.predicted), ratio(self.attributed, self.gold)
        return {
            "quote_precision": qp,
            "quote_recall": qr,
            "quote_f1": f1(qp, qr),
            "attribution_accuracy": ratio(self.attributed, self.matched),
            "attributed_precision": ap,
            "attributed_recall": ar,
            "attributed_f1": f1(ap, ar),
        }


def load_gold(path: Path) -> tuple[dict[str, list[dict]], dict[str, dict]]:
    """Gold quotes by article, and the article-fact lines by article."""
    quotes: dict[str, list[dict]] = {}
    articles: dict[str, dict] = {}
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not JSON: {exc}") from exc
            if not isinstance(rec, dict) or "article" not in rec:
                raise ValueError(f"{path}:{n}: a gold line needs an 'article'")
            if rec.get("kind") == "article":
                articles[rec["article"]] = rec
                quotes.setdefault(rec["article"], [])
            else:
                if "quote" not in rec:
                    raise ValueError(f"{path}:{n}: a quote line needs 'quote'")
                quotes.setdefault(rec["article"], []).append(rec)
    return quotes, articles


def score_article(article: str, gold: list[dict], predicted: list[dict]) -> Counts:
    """Match one article's predictions to its gold quotes, best pairs first."""
    pairs = []
    gold_f = [fold(g["quote"]) for g in gold]
    pred_f = [fold(p["text"]) for p in predicted]
    for gi, g in enumerate(gold_f):
        for pi, p in enumerate(pred_f):
            r = fuzz.ratio(g, p)
            if r >= TEXT_MATCH:
                pairs.append((r, gi, pi))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    g_used: dict[int, int] = {}
    p_used: set[int] = set()
    for _r, gi, pi in pairs:
        if gi in g_used or pi in p_used:
            continue
        g_used[gi] = pi
        p_used.add(pi)
    c = Counts()
    for gi, g in enumerate(gold):
        optional = bool(g.get("optional"))
        pi = g_used.get(gi)
        if optional:
            continue
        c.gold += 1
        if pi is None:
            c.errors.append(
                {
                    "article": article,
                    "error": "missed",
                    "quote": g["quote"],
                    "gold_speaker": g.get("speaker"),
                }
            )
            continue
        c.matched += 1
        names = {fold(g.get("speaker"))} | {fold(a) for a in g.get("aliases") or []}
        said = predicted[pi].get("speaker")
        if g.get("speaker") is None:
            ok = said is None
        else:
            ok = said is not None and fold(said) in names
        if ok:
            c.attributed += 1
        else:
            c.errors.append(
                {
                    "article": article,
                    "error": "wrong_speaker",
                    "quote": g["quote"],
                    "gold_speaker": g.get("speaker"),
                    "speaker": said,
                    "cue": predicted[pi].get("cue"),
                    "rule": predicted[pi].get("rule"),
                }
            )
    optional_hits = {g_used[gi] for gi, g in enumerate(gold) if g.get("optional") and gi in g_used}
    for pi, p in enumerate(predicted):
        if pi in optional_hits:
            continue
        c.predicted += 1
        if pi not in p_used:
            c.errors.append(
                {
                    "article": article,
                    "error": "spurious",
                    "quote": p["text"],
                    "speaker": p.get("speaker"),
                    "cue": p.get("cue"),
                    "rule": p.get("rule"),
                }
            )
    return c


def evaluate(gold_path: Path, predictions: dict[str, list[dict]]) -> Counts:
    """Score `predictions` (article name -> quote dicts) against the gold file."""
    gold, _ = load_gold(gold_path)
    total = Counts()
    for article in sorted(gold):
        total.add(score_article(article, gold[article], predictions.get(article, [])))
    return total
