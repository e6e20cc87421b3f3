"""Must show: nothing is lost or half-written. An import killed with SIGKILL partway leaves no partial
meeting and a re-run completes; the migrations run forward from an empty database and none is missing.

Each test runs `protokol` in a subprocess against its own database: SQLite in a temporary directory, and
PostgreSQL too when PROTOKOL_DATABASE_URL names a PostgreSQL server (a database of its own, dropped after).
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from protokol.common.testing import CORPUS_DIR, REPO_ROOT
from protokol.common.tests.subprocess_db import RUN_TIMEOUT_S, Database

FILES = [
    "kalundborg_direktionen_2016-05-30.txt",
    "aarhus_teknisk_udvalg_2025-10-01.html",
    "aarhus_byraadet_2025-10-08_agenda.html",  # 33 items, 636 attachments: the big one
    "aarhus_byraadet_2025-08-27.pdf",
]
KILL_DELAYS = (0.0, 0.25, 0.6)  # after the second file is in: the third is being parsed or stored


def _kill_partway(db: Database, paths: list[str], delay: float) -> None:
    process = db.start("import", "--organization", "Testby Kommune", *paths)
    try:
        deadline = time.monotonic() + RUN_TIMEOUT_S
        while time.monotonic() < deadline and process.poll() is None:
            try:
                if len(db.counts()) >= 2:
                    break
            except Exception:  # the tables are there, but the first transaction may hold a lock
                pass
            time.sleep(0.02)
        time.sleep(delay)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)


def test_an_import_killed_partway_leaves_no_partial_meeting_and_a_rerun_completes(database):
    from protokol.importers.parse import parse_file

    paths = [str(CORPUS_DIR / name) for name in FILES]
    if not all(Path(p).exists() for p in paths):
        pytest.skip(f"the shared corpus is not at {CORPUS_DIR}")
    database.run("init")
    snapshots = []
    for delay in KILL_DELAYS:
        _kill_partway(database, paths, delay)
        snapshots.append(database.counts())
    assert any(len(s) < len(FILES) for s in snapshots), "every kill came after the import had finished"

    result = database.run("import", "--organization", "Testby Kommune", *paths)
    assert f"{len(FILES)} af {len(FILES)} dokumenter importeret" in result.stdout + result.stderr
    final = database.counts()
    assert len(final) == len(FILES), final
    expected_items = sorted(len(parse_file(Path(p))["items"]) for p in paths)
    assert sorted(items for items, *_rest in final.values()) == expected_items
    # Every meeting a kill left behind was whole: exactly what the completed import holds.
    for snapshot in snapshots:
        for key, counts in snapshot.items():
            assert counts == final[key], f"{key} was left partial by a kill: {counts} != {final[key]}"
    # And a second complete run changes nothing (a re-import updates, never duplicates).
    database.run("import", "--organization", "Testby Kommune", *paths)
    assert database.counts() == final


def test_migrations_run_forward_from_an_empty_database_and_none_is_missing(database):
    result = subprocess.run(
        [sys.executable, "-m", "django", "migrate", "--noinput", "-v", "1"],
        cwd=REPO_ROOT,
        env=database.env,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Applying meetings.0001" in result.stdout
    check = subprocess.run(
        [sys.executable, "-m", "django", "makemigrations", "--check", "--dry-run"],
        cwd=REPO_ROOT,
        env=database.env,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
    )
    assert check.returncode == 0, "models changed without a migration:\n" + check.stdout + check.stderr
    # Migrated forward, the database takes the app's data.
    database.run("demo", "--help")
    assert database.counts() == {}
