"""The shared scorer (``shared/tools/score_import.py``, next to the repository) for tests."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

import pytest

SHARED = (Path(__file__).resolve().parents[3] / "../shared").resolve()
CORPUS = SHARED / "corpus"
SCORER = SHARED / "tools" / "score_import.py"
DOCUMENTS = Path(__file__).resolve().parent / "documents"


@cache
def _scorer():
    if not SCORER.is_file():
        pytest.skip(f"the scorer {SCORER} is absent (shared/ is not checked out next to the repository)")
    spec = importlib.util.spec_from_file_location("score_import", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score(expected: dict, actual: dict) -> tuple[float, list[str]]:
    """Share of the expectation's checks that pass, and the names of the failed ones."""
    checks = _scorer().score(expected, actual)
    failed = [name for name, ok in checks if not ok]
    return (1 - len(failed) / len(checks)) if checks else 0.0, failed
