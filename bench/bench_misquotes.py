"""Quote checking against misquote cases: how often POST /verify gives the right verdict.

    python3 ../shared/eval/misquotes/make_cases.py GOLD.jsonl > cases.jsonl
    python bench/bench_misquotes.py ARTICLES_DIR cases.jsonl [--errors KIND] [--json]

The articles of ARTICLES_DIR (every *.txt) are loaded into a fresh store in a temporary
folder, as `KUTIP_SEED_DIR` loads them, and every case (one JSON object a line: `claim`,
`speaker` or null, `expect`, `kind`) goes through `POST /verify` with the Flask test
client, as the API serves it. Printed: for each kind of case, how many there are, how many
got the expected verdict, and every verdict given (the confusion counts); then the share
right over all cases, over the meaning changes (cases expecting `altered`), and the number
of negation changes that were called `exact` or `close`. With --errors KIND, the wrong
cases of that kind are printed too (claim, expected, given, the best match's changes), to
study them; nothing of them is stored.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

VERDICTS = ("exact", "close", "partial", "altered", "different_speaker", "not_found")
NEGATION_KINDS = ("negation_dropped", "negation_added")


def read_cases(path: Path) -> list[dict]:
    cases = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            case = json.loads(line)
            missing = {"claim", "expect", "kind"} - case.keys()
            if missing:
                raise SystemExit(f"{path}:{number}: a case needs {', '.join(sorted(missing))}")
            cases.append(case)
    return cases


def run(articles: Path, cases: list[dict], errors: str | None) -> dict:
    from service import create_app

    with tempfile.TemporaryDirectory(prefix="kutip-misquotes-") as tmp:
        start = time.perf_counter()
        app = create_app(
            {
                "DB": f"{tmp}/kutip.db",
                "SEED_DIR": str(articles),
                "TESTING": True,
                "VERIFY_LIMIT": "off",
            }
        )
        loaded = time.perf_counter() - start
        client = app.test_client()
        snap = app.extensions["kutip"].snapshot
        given: dict[str, Counter] = defaultdict(Counter)
        expected: dict[str, str] = {}
        wrong = []
        start = time.perf_counter()
        for case in cases:
            body = {"quote": case["claim"]}
            if case.get("speaker"):
                body["speaker"] = case["speaker"]
            response = client.post("/verify", json=body)
            if response.status_code != 200:
                raise SystemExit(f"{response.status_code}: {response.get_data(as_text=True)}")
            answer = response.get_json()
            kind = case["kind"]
            expected.setdefault(kind, case["expect"])
            given[kind][answer["verdict"]] += 1
            if answer["verdict"] != case["expect"] and kind == errors:
                best = answer["matches"][0] if answer["matches"] else None
                wrong.append(
                    {
                        "claim": case["claim"],
                        "speaker": case.get("speaker"),
                        "expect": case["expect"],
                        "verdict": answer["verdict"],
                        "stored": best["quote"]["text"] if best else None,
                        "changes": best.get("changes") if best else None,
                    }
                )
        checked = time.perf_counter() - start
    return {
        "articles": len(snap.articles),
        "quotes": len(snap.quotes),
        "load_s": loaded,
        "check_s": checked,
        "expected": expected,
        "given": {kind: dict(counts) for kind, counts in given.items()},
        "wrong": wrong,
    }


def summary(result: dict) -> dict:
    expected, given = result["expected"], result["given"]
    total = sum(sum(c.values()) for c in given.values())
    right = sum(given[k].get(expected[k], 0) for k in given)
    changes = [k for k in given if expected[k] == "altered"]
    change_total = sum(sum(given[k].values()) for k in changes)
    change_right = sum(given[k].get("altered", 0) for k in changes)
    negation_missed = sum(
        given[k].get(v, 0) for k in NEGATION_KINDS if k in given for v in ("exact", "close")
    )
    return {
        "cases": total,
        "right": right,
        "right_share": right / total if total else 0.0,
        "meaning_changes": change_total,
        "meaning_changes_right": change_right,
        "meaning_changes_share": change_right / change_total if change_total else 0.0,
        "negation_exact_or_close": negation_missed,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=Path, help="folder of the gold set's .txt articles")
    parser.add_argument("cases", type=Path, help="cases as make_cases.py writes them")
    parser.add_argument("--errors", metavar="KIND", help="print the wrong cases of this kind")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    if not any(args.articles.glob("*.txt")):
        print(f"no .txt files in {args.articles}", file=sys.stderr)
        return 2
    result = run(args.articles, read_cases(args.cases), args.errors)
    figures = summary(result)
    if args.json:
        print(json.dumps({**result, **figures}, ensure_ascii=False))
        return 0
    print(
        f"{result['articles']} articles, {result['quotes']} quotes indexed in "
        f"{result['load_s']:.1f} s; {figures['cases']} cases checked in "
        f"{result['check_s']:.1f} s"
    )
    print("| kind | expected | cases | right | " + " | ".join(VERDICTS) + " |")
    print("|---|---|---|---|" + "---|" * len(VERDICTS))
    for kind in sorted(result["given"], key=lambda k: (result["expected"][k], k)):
        counts = result["given"][kind]
        cases = sum(counts.values())
        right = counts.get(result["expected"][kind], 0)
        print(
            f"| {kind} | {result['expected'][kind]} | {cases} | {right / cases:.1%} | "
            + " | ".join(str(counts.get(v, 0)) for v in VERDICTS)
            + " |"
        )
    print(
        f"right: {figures['right']} of {figures['cases']} ({figures['right_share']:.1%}); "
        f"meaning changes: {figures['meaning_changes_right']} of "
        f"{figures['meaning_changes']} ({figures['meaning_changes_share']:.1%}); "
        f"negation changes called exact or close: {figures['negation_exact_or_close']}"
    )
    for case in result["wrong"]:
        print(json.dumps(case, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
