"""The type checker of `make lint` (mypy, django-stubs, pyproject.toml) passes, and would catch a wrong type."""

import subprocess
import sys
from pathlib import Path

import pytest

MYPY = Path(sys.executable).with_name("mypy")


def _mypy(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(MYPY), "--no-incremental"],
        cwd=project,
        env={"PYTHONPATH": str(project), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def project_copy(copy_project) -> Path:
    return copy_project("tests")


def test_the_project_passes_the_type_checker(project_copy):
    result = _mypy(project_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout


@pytest.mark.parametrize(
    ("code", "error"),
    [
        # A service given a user's name instead of the acting user (common.actors.Actor).
        (
            "def _wrong(meeting: Meeting) -> None:\n    services.publish_agenda(meeting, by='system')\n",
            'Argument "by" to "publish_agenda" has incompatible type "str"; expected "User"',
        ),
        # The same in a function without annotations: check_untyped_defs reads its body too.
        (
            "def _wrong(meeting):\n    services.publish_agenda(meeting, by='system')\n",
            'Argument "by" to "publish_agenda" has incompatible type "str"; expected "User"',
        ),
    ],
)
def test_a_wrong_type_fails_the_type_checker(project_copy, code, error):
    module = project_copy / "protokol" / "meetings" / "demo.py"
    module.write_text(module.read_text() + "\n\n" + code)
    result = _mypy(project_copy)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "protokol/meetings/demo.py" in result.stdout and error in result.stdout


def test_a_new_part_declared_strict_needs_its_annotations(project_copy):
    # A new module in a part declared strict (people): an unannotated function fails the check.
    people = project_copy / "protokol" / "people"
    (people / "greetings.py").write_text("def display_name(person):\n    return str(person)\n")
    result = _mypy(project_copy)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "protokol/people/greetings.py:1: error: Function is missing a type annotation" in result.stdout
