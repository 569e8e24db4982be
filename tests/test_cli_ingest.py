"""`kutip ingest`: .txt files, directories and JSON Lines into the store; idempotent;
bad files and lines reported with the reason and skipped."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from service.cli import main
from service.store import Store

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SEED_COUNT = len(list(SEEDS.glob("*.txt")))


def article(n: int) -> str:
    return (
        f'"Pembangunan jembatan nomor {n} selesai tahun depan," kata Menteri Keuangan Ratih '
        "Kusuma Wardani di Jakarta."
    )


def ingest(capsys, db: Path, *args: str) -> tuple[int, str, str]:
    code = main(["ingest", "--db", str(db), *args])
    out, err = capsys.readouterr()
    return code, out, err


def summary_counts(out: str) -> tuple[int, int, int]:
    first = out.splitlines()[0]  # "added A, duplicates D, rejected R"
    added, duplicates, rejected = (int(part.split()[-1]) for part in first.split(", "))
    return added, duplicates, rejected


def test_txt_files_directories_and_json_lines_are_loaded_once(capsys, tmp_path):
    db = tmp_path / "kutip.db"
    lines = tmp_path / "batch.jsonl"
    lines.write_text(
        "\n".join(
            json.dumps(
                {
                    "text": article(n),
                    "title": f"Jembatan {n}",
                    "url": f"https://example.com/{n}",
                    "publisher": "Kompas",
                    "published": "2024-05-06T07:08:09+07:00",
                }
            )
            for n in range(3)
        )
        + "\n\n",
        encoding="utf-8",
    )
    single = tmp_path / "one.txt"
    single.write_text(article(99), encoding="utf-8")

    code, out, err = ingest(capsys, db, str(SEEDS), str(lines), str(single), "--no-progress")
    assert code == 0, out
    assert summary_counts(out) == (SEED_COUNT + 4, 0, 0)
    assert err == ""

    # idempotent: everything again is all duplicates
    code, out, _ = ingest(capsys, db, str(SEEDS), str(lines), str(single))
    assert code == 0 and summary_counts(out) == (0, SEED_COUNT + 4, 0)

    rows = {row.name: row for row in Store(db).since(0)}
    assert len(rows) == SEED_COUNT + 4
    row = rows["batch.jsonl:2"]
    assert row.text == article(1)
    assert row.metadata == {
        "title": "Jembatan 1",
        "url": "https://example.com/1",
        "publisher": "Kompas",
        "published": "2024-05-06T07:08:09+07:00",
    }
    assert set(row.facts) == {"title", "publisher", "published", "authors"}
    assert rows["one.txt"].text == article(99)


def test_a_running_app_serves_what_ingest_added(capsys, make_app, tmp_path):
    db = tmp_path / "live.db"
    client = make_app(DB=str(db), SEED_DIR="off").test_client()
    assert client.get("/health").get_json()["articles"] == 0
    source = tmp_path / "new.txt"
    source.write_text(article(5), encoding="utf-8")
    code, out, _ = ingest(capsys, db, str(source))
    assert code == 0 and summary_counts(out) == (1, 0, 0)
    page = client.get("/quotes?speaker=ratih+kusuma").get_json()
    assert page["total"] == 1
    assert page["items"][0]["text"].startswith("Pembangunan jembatan nomor 5")


def test_bad_files_and_lines_are_reported_and_skipped(capsys, tmp_path):
    db = tmp_path / "kutip.db"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(article(1), encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b"  \n\t\n")
    (folder / "garbage.txt").write_bytes(bytes(range(256)) * 16)
    (folder / "nul.txt").write_bytes(b"abc\x00def")
    (folder / "latin1.txt").write_bytes(
        "Kata dia: \u201ctidak\u201d, caf\xe9".encode("latin-1", "replace")
    )
    (folder / "ignored.bin").write_bytes(b"\x00\x01")
    with (folder / "huge.txt").open("wb") as huge:
        huge.write(article(2).encode() * (50 * 1024 * 1024 // len(article(2)) + 1))
    lines = [
        json.dumps({"text": article(10)}),
        json.dumps({"text": 5}),
        json.dumps({"text": ["a", "b"]}),
        json.dumps({"text": article(11), "published": 2024}),
        json.dumps({"text": article(12), "title": {"nested": True}}),
        json.dumps({"title": "no text"}),
        json.dumps({"text": ""}),
        '{"text": "unterminated',
        json.dumps([article(13)]),
        "null",
        json.dumps({"text": article(14), "extra": "ignored"}),
    ]
    raw = ("\n".join(lines) + "\n").encode() + b'{"text": "bad \xff byte"}\n'
    (folder / "mixed.jsonl").write_bytes(raw)

    code, out, err = ingest(capsys, db, str(folder), str(tmp_path / "missing.txt"), "--progress")
    assert code == 1
    assert summary_counts(out) == (3, 0, 17)
    reasons = {}
    for line in out.splitlines()[1:]:
        # "rejected /tmp/.../in/mixed.jsonl:4: why" -> "mixed.jsonl:4"
        where, _, why = line.removeprefix("rejected ").partition(": ")
        reasons[Path(where).name] = why
    assert "empty" in reasons["empty.txt"].lower() and "empty" in reasons["blank.txt"].lower()
    assert "not UTF-8" in reasons["garbage.txt"] and "byte 0x80" in reasons["garbage.txt"]
    assert "NUL" in reasons["nul.txt"]
    assert "not UTF-8" in reasons["latin1.txt"]
    assert "too large" in reasons["huge.txt"] and "2097152" in reasons["huge.txt"]
    assert "text: Not a valid string" in reasons["mixed.jsonl:2"]
    assert "text: Not a valid string" in reasons["mixed.jsonl:3"]
    assert "published: Not a valid datetime" in reasons["mixed.jsonl:4"]
    assert "title: Not a valid string" in reasons["mixed.jsonl:5"]
    assert "text: Missing data" in reasons["mixed.jsonl:6"]
    assert "text:" in reasons["mixed.jsonl:7"]
    assert "not valid JSON" in reasons["mixed.jsonl:8"]
    assert "JSON list" in reasons["mixed.jsonl:9"]
    assert "JSON NoneType" in reasons["mixed.jsonl:10"]
    assert "not UTF-8" in reasons["mixed.jsonl:12"]
    assert reasons["missing.txt"] == "no such file or directory"
    assert len(reasons) == 17
    # the progress bar (tqdm) went to stderr, with the counts
    assert "100%|" in err and "added 3, duplicates 0, rejected 17" in err

    # what was good is all there, and nothing else
    texts = {row.text for row in Store(db).since(0)}
    assert texts == {article(1), article(10), article(14)}


def test_the_installed_command_runs_and_reports(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text(article(1), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("KUTIP_")}
    env["KUTIP_DB"] = str(tmp_path / "env.db")
    done = subprocess.run(
        [sys.executable, "-m", "service.cli", "ingest", str(source), str(tmp_path / "nope")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "added 1, duplicates 0, rejected 1",
        f"rejected {tmp_path / 'nope'}: no such file or directory",
    ]
    assert done.stderr == ""  # not a terminal: no progress bar
    assert Store(tmp_path / "env.db").count() == 1


@pytest.mark.parametrize("bad", ["0", "-5"])
def test_a_nonsense_limit_is_refused(capsys, tmp_path, bad):
    with pytest.raises(SystemExit, match="--max-bytes"):
        main(["ingest", "--db", str(tmp_path / "x.db"), "--max-bytes", bad, str(tmp_path)])


def test_the_size_limit_comes_from_kutip_max_body(capsys, monkeypatch, tmp_path):
    source = tmp_path / "a.txt"
    source.write_text(article(1), encoding="utf-8")
    monkeypatch.setenv("KUTIP_MAX_BODY", "20")
    code, out, _ = ingest(capsys, tmp_path / "x.db", str(source))
    assert code == 1
    assert out.splitlines()[1].endswith(f"too large: {len(article(1))} bytes (the limit is 20)")
    monkeypatch.setenv("KUTIP_MAX_BODY", "lots")
    with pytest.raises(SystemExit, match="KUTIP_MAX_BODY must be a number"):
        main(["ingest", "--db", str(tmp_path / "x.db"), str(source)])


# One rule for both ways in: (text, accepted?)
WRITE_PATH_TEXTS = [
    ('"Jembatan selesai," kata Bupati Ani.', True),
    ('"Jembatan\tselesai,"\r\nkata Bupati Ani.\f', True),
    ("Kata \x00 dia.", False),
    ("Judul \x1b[31mmerah", False),
    ("Bel \x07 berbunyi.", False),
    ("Hapus\x7f ini.", False),
    ("\x1c\x1d\x1e\x1f", False),
    (" \n\t ", False),
]


@pytest.mark.parametrize("text, accepted", WRITE_PATH_TEXTS)
def test_post_articles_and_ingest_share_one_validation(
    capsys, tmp_path, make_app, auth, text, accepted
):
    client = make_app(SEED_DIR="off").test_client()
    outcomes = {}
    for mimetype, body in (("text/plain", text), ("application/json", json.dumps({"text": text}))):
        response = client.post("/articles", data=body, headers={**auth, "Content-Type": mimetype})
        # 200 for the second: the same text again
        assert response.status_code in (200, 201, 400), response.get_data(as_text=True)
        why = None if response.status_code < 400 else response.get_json()["errors"]["text"][0]
        outcomes[mimetype] = why
    (tmp_path / "one.txt").write_text(text, encoding="utf-8")
    (tmp_path / "one.jsonl").write_text(json.dumps({"text": text}) + "\n", encoding="utf-8")
    code, out, _ = ingest(capsys, tmp_path / "ingest.db", str(tmp_path / "one.txt"))
    lines = out.splitlines()
    outcomes["txt"] = lines[1].split(": ", 1)[1] if code else None
    code, out, _ = ingest(capsys, tmp_path / "ingest2.db", str(tmp_path / "one.jsonl"))
    outcomes["jsonl"] = out.splitlines()[1] if code else None
    if accepted:
        assert outcomes == dict.fromkeys(outcomes), outcomes
    else:
        assert all(outcomes.values()), outcomes
        reason = outcomes["text/plain"]
        assert outcomes["application/json"] == outcomes["txt"] == reason
        assert reason in outcomes["jsonl"]
