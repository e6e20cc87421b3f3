"""The dependency contract of docs/ARCHITECTURE.md is checked, and would catch an upward import."""

import subprocess
import sys
from pathlib import Path

import pytest

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", str(project / "pyproject.toml")],
        cwd=project,
        env={"PYTHONPATH": str(project), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def project_copy(copy_project) -> Path:
    return copy_project()


def test_the_project_keeps_its_dependency_contract(project_copy):
    result = _lint_imports(project_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("lower", "edge"),
    [
        ("meetings/queries.py", "protokol.portal.views"),
        ("cases/models.py", "protokol.api.rest"),
        ("common/audit.py", "protokol.workspace.views"),
        ("search/query.py", "protokol.portal.feeds"),
        # the upward edges removed for issue #23 cannot come back
        ("cases/uploads.py", "protokol.importers.readers"),
        ("meetings/services/lifecycle.py", "protokol.search.outbox"),
        ("documents/plain.py", "protokol.cases.models"),
    ],
)
def test_a_lower_part_importing_an_edge_app_breaks_the_contract(project_copy, lower, edge):
    module = project_copy / "protokol" / lower
    module.write_text(module.read_text() + f"\n\ndef _upward():\n    import {edge}  # noqa\n")
    result = _lint_imports(project_copy)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    importer = "protokol." + lower.removesuffix(".py").replace("/", ".")
    assert importer in result.stdout and edge in result.stdout
