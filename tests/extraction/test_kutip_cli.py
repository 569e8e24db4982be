"""The `kutip` command's contract: JSON Lines out, clear errors in."""

import json
import subprocess
import sys

import pytest

from service.cli import main

ARTICLE = 'Menteri Pertanian Budi Hartono meninjau sawah.\n"Panen tahun ini bagus," kata Budi.\n'
FIELDS = {"article", "text", "speaker", "role", "cue", "via", "start", "end"}


def test_extract_files_prints_json_lines(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(ARTICLE, "utf-8")
    assert main(["extract", str(tmp_path / "a.txt")]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    rec = json.loads(line)
    assert FIELDS <= rec.keys()
    assert (rec["article"], rec["text"], rec["speaker"]) == (
        "a.txt",
        "Panen tahun ini bagus",
        "Budi Hartono",
    )
    assert ARTICLE[rec["start"] : rec["end"]] == rec["text"]


def test_extract_reads_stdin():
    out = subprocess.run(
        [sys.executable, "-m", "service.cli", "extract", "-"],
        input=ARTICLE,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert json.loads(out)["article"] == "-"


def test_extract_missing_file_is_a_clear_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as err:
        main(["extract", str(tmp_path / "nope.txt")])
    assert "cannot read" in str(err.value)


def test_extract_non_utf8_is_a_clear_error(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00 teks")
    with pytest.raises(SystemExit) as err:
        main(["extract", str(tmp_path / "bad.txt")])
    assert "not UTF-8" in str(err.value)


def test_evaluate_prints_the_figures(tmp_path, capsys):
    (tmp_path / "arts").mkdir()
    (tmp_path / "arts" / "a.txt").write_text(ARTICLE, "utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps(
            {"article": "a.txt", "quote": "Panen tahun ini bagus", "speaker": "Budi Hartono"}
        )
        + "\n",
        "utf-8",
    )
    assert main(["evaluate", str(gold), "--articles", str(tmp_path / "arts"), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["attributed_f1"] == 1.0 and figures["gold"] == 1


def test_evaluate_bad_gold_is_a_clear_error(tmp_path):
    (tmp_path / "arts").mkdir()
    gold = tmp_path / "gold.jsonl"
    gold.write_text("{not json\n", "utf-8")
    with pytest.raises(SystemExit) as err:
        main(["evaluate", str(gold), "--articles", str(tmp_path / "arts")])
    assert "gold.jsonl:1: not JSON" in str(err.value)


def test_serve_runs_gunicorn_from_this_interpreter(monkeypatch):
    # `make run` calls .venv/bin/kutip without the venv on PATH: gunicorn must be found
    # through the interpreter that runs kutip, with the project's gunicorn.conf.py.
    calls = []
    monkeypatch.setattr("os.execv", lambda path, argv: calls.append((path, argv)))
    main(["serve", "--host", "127.0.0.1", "--port", "8123"])
    ((path, argv),) = calls
    assert path == sys.executable and argv[1:3] == ["-m", "gunicorn"]
    assert argv[argv.index("--bind") + 1] == "127.0.0.1:8123"
    assert argv[argv.index("--config") + 1].endswith("gunicorn.conf.py")
    assert argv[-1] == "service:create_app()"
