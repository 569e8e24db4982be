"""The seed articles against their gold file: every quote and speaker right."""

import json
import os
from pathlib import Path

import pytest

from service.evaluation import evaluate
from service.extraction import extract_corpus

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT.parent / "shared" / "gold" / "seeds.jsonl"


@pytest.fixture(scope="module")
def articles():
    docs = [(p.name, p.read_text("utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    assert len(docs) == 5
    return extract_corpus(docs)


@pytest.fixture(scope="module")
def gold_path():
    if not GOLD.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{GOLD} is missing in CI")
        pytest.skip("../shared/gold is not beside this checkout")
    return GOLD


def test_seed_attributed_f1_is_one(articles, gold_path):
    preds = {a.name: [q.to_dict() for q in a.quotes] for a in articles}
    figures = evaluate(gold_path, preds).figures()
    assert figures["quote_f1"] == 1.0
    assert figures["attributed_f1"] == 1.0


def test_seed_article_facts_match_gold(articles, gold_path):
    by_name = {a.name: a for a in articles}
    for line in gold_path.read_text("utf-8").splitlines():
        rec = json.loads(line)
        if rec.get("kind") == "article":
            facts = by_name[rec["article"]].facts()
            assert facts == {k: rec[k] for k in facts}, rec["article"]
