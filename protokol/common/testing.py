"""What tests across the apps share: where the real corpus is, the browser, where screenshots go.

The leak crawl, which drives the whole site, is `protokol.leak_crawl`: it sits above every part, as the
urls and the command line do, so that this base module imports nothing of the domain."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED_DIR = Path(os.environ.get("PROTOKOL_SHARED_DIR", REPO_ROOT.parent / "shared")).resolve()
CORPUS_DIR = SHARED_DIR / "corpus"
SCORER = SHARED_DIR / "tools" / "score_import.py"
SCREENSHOTS = Path(os.environ.get("PROTOKOL_SCREENSHOT_DIR", REPO_ROOT / "docs" / "screenshots"))

# Debian's Chromium, never a downloaded browser.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def load_scorer():
    """The shared scorer module (standard library only), imported from its file."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("score_import", SCORER)
    assert spec is not None and spec.loader is not None  # a .py file's path always has both
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pdf_problems(pdf: bytes) -> list[str]:
    """What two real validators report about a PDF: `qpdf --check` (structure, streams, cross-reference
    table) and poppler's `pdfinfo`; each error or warning a line, none for a sound file."""
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        qpdf = subprocess.run(["qpdf", "--check", f.name], capture_output=True, text=True, check=False)
        pdfinfo = subprocess.run(["pdfinfo", f.name], capture_output=True, text=True, check=False)
    problems = []
    if qpdf.returncode != 0 or qpdf.stderr.strip():
        problems += [f"qpdf: {line}" for line in (qpdf.stderr + qpdf.stdout).splitlines() if line.strip()]
    if pdfinfo.returncode != 0 or pdfinfo.stderr.strip():
        problems += [f"pdfinfo: {line}" for line in pdfinfo.stderr.splitlines() if line.strip()]
        problems += [f"pdfinfo: exit status {pdfinfo.returncode}"] if pdfinfo.returncode else []
    return problems
