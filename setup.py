"""Compile the extraction rules with mypyc; everything else is in pyproject.toml.

The modules below are plain, type-annotated Python and stay the source of truth: mypyc
turns each into a C extension next to it (about three times faster on the pfsa-dev
corpus, see BENCHMARKS.md), so a build needs a C compiler. KUTIP_PURE=1 skips the
compilation and installs the same modules as plain Python, for machines without one.
"""

import os
from pathlib import Path

from setuptools import setup

COMPILED = [
    "service/extraction/lexicon.py",
    "service/extraction/model.py",
    "service/extraction/text.py",
    "service/extraction/names.py",
    "service/extraction/facts.py",
    "service/extraction/attribution.py",
    "service/extraction/people.py",
    "service/extraction/nicknames.py",
    "service/extraction/narrative.py",
    "service/extraction/speakers.py",
    "service/extraction/pipeline.py",
    "service/extraction/groups.py",
    "service/extraction/corpus.py",
]

ext_modules = []
if os.environ.get("KUTIP_PURE", "").lower() in ("1", "true", "yes"):
    # An editable install keeps extensions built earlier next to the sources, and Python
    # would still import them: plain Python means none of them is left.
    here = Path(__file__).resolve().parent
    for built in [*here.glob("*__mypyc*.so"), *here.glob("service/extraction/*.so")]:
        built.unlink()
else:
    from mypyc.build import mypycify

    # The rest of the package (Flask, the index) is imported but neither compiled nor
    # type-checked here: only the compiled modules must pass mypy. pip builds in an
    # environment of its own, without the runtime dependencies: what they return is
    # then taken as Any (checked at run time, not at compile time).
    ext_modules = mypycify(
        ["--follow-imports=silent", "--ignore-missing-imports", *COMPILED], opt_level="3"
    )

setup(ext_modules=ext_modules)
