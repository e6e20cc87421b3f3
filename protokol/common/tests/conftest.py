"""What the tests of the project's own checks (dependency contract, type checker) share."""

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def copy_project(tmp_path: Path) -> Callable[..., Path]:
    """A copy of pyproject.toml and the protokol package (its code, not its assets) in a folder of its
    own, where a test may plant a fault and run a checker; `*leave_out` names more to leave out."""

    def copy(*leave_out: str) -> Path:
        shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
        shutil.copytree(
            ROOT / "protokol",
            tmp_path / "protokol",
            ignore=shutil.ignore_patterns(
                "__pycache__", "static", "templates", "locale", "typst", *leave_out
            ),
        )
        return tmp_path

    return copy
