"""The extraction modules are installed compiled (setup.py, mypyc) unless KUTIP_PURE asked
for plain Python, and the two give the same answers."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from service import extraction

REPO = Path(__file__).resolve().parents[2]
PURE = os.environ.get("KUTIP_PURE", "").lower() in ("1", "true", "yes")


def test_installed_as_built():
    assert extraction.COMPILED is not PURE


def test_compiled_and_plain_python_agree(tmp_path):
    # The plain sources, imported from a copy of the package without any extension, give
    # the same quotes as the installed modules on an article written for this test.
    article = textwrap.dedent(
        """\
        JAKARTA, KOMPAS - Rapat warga berlangsung hingga malam.
        "Kami menolak rencana itu," kata Ketua RT 05 Sutrisno Wibowo, Sabtu (3/2/2024).
        Ia menambahkan, "Jalan kampung terlalu sempit untuk truk."
        "Warga sudah lelah," ujarnya.
        """
    )
    copy = tmp_path / "plain"
    (copy / "service" / "extraction").mkdir(parents=True)
    (copy / "service" / "__init__.py").write_text("")
    source = REPO / "service" / "extraction"
    for path in source.glob("*.py"):
        (copy / "service" / "extraction" / path.name).write_text(path.read_text("utf-8"))
    (copy / "service" / "extraction" / "lexicons").symlink_to(source / "lexicons")
    script = (
        "import dataclasses, json, sys\n"
        "from service.extraction import COMPILED, extract_corpus\n"
        "arts = extract_corpus([('a.txt', sys.stdin.read())])\n"
        "print(json.dumps([COMPILED, [dataclasses.asdict(a) for a in arts]], default=str))\n"
    )
    runs = {}
    for label, path in (("installed", None), ("plain", copy)):
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        if path is not None:
            env["PYTHONPATH"] = str(path)
        done = subprocess.run(
            [sys.executable, "-c", script],
            input=article,
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            timeout=60,
            check=True,
        )
        runs[label] = done.stdout
    assert runs["plain"].startswith("[false, ")
    assert runs["installed"].startswith("[false, " if PURE else "[true, ")
    assert runs["plain"].split(", ", 1)[1] == runs["installed"].split(", ", 1)[1]
    assert "Sutrisno Wibowo" in runs["plain"]
