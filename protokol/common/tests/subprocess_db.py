"""A database of a test's own for `protokol` run in subprocesses (SQLite in a temporary directory, and
PostgreSQL too when PROTOKOL_DATABASE_URL names a PostgreSQL server), and a way to read what it holds."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

from protokol.common.testing import REPO_ROOT

RUN_TIMEOUT_S = 120

COUNTS_SQL = """
SELECT b.slug, m.date,
       (SELECT COUNT(*) FROM meetings_agendaitem i WHERE i.meeting_id = m.id),
       (SELECT COUNT(*) FROM meetings_decision d JOIN meetings_agendaitem i ON d.item_id = i.id
         WHERE i.meeting_id = m.id),
       (SELECT COUNT(*) FROM cases_attachment a JOIN meetings_agendaitem i ON a.item_id = i.id
         WHERE i.meeting_id = m.id),
       (SELECT COUNT(*) FROM meetings_section s JOIN meetings_agendaitem i ON s.item_id = i.id
         WHERE i.meeting_id = m.id)
FROM meetings_meeting m JOIN meetings_body b ON m.body_id = b.id
"""


class Database:
    """A database of the test's own, for protokol in a subprocess, and a way to count what it holds."""

    def __init__(self, kind: str, tmp_path: Path):
        self.kind = kind
        self.var = tmp_path / "var"
        self.var.mkdir()
        self.env = dict(
            os.environ, PROTOKOL_VAR_DIR=str(self.var), DJANGO_SETTINGS_MODULE="protokol.settings"
        )
        self.env.pop("PROTOKOL_DATA_DIR", None)
        self.env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        self.url = None
        if kind == "postgresql":
            import psycopg

            server = os.environ["PROTOKOL_DATABASE_URL"]
            self.name = f"protokol_trust_{uuid.uuid4().hex[:10]}"
            self.admin_url = server.rsplit("/", 1)[0] + "/postgres"
            with psycopg.connect(self.admin_url, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{self.name}"')
            self.url = server.rsplit("/", 1)[0] + "/" + self.name
            self.env["PROTOKOL_DATABASE_URL"] = self.url
        else:
            self.env.pop("PROTOKOL_DATABASE_URL", None)

    def drop(self) -> None:
        if self.kind == "postgresql":
            import psycopg

            with psycopg.connect(self.admin_url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [sys.executable, "-m", "protokol", *args],
            cwd=REPO_ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=RUN_TIMEOUT_S,
        )
        if check:
            assert result.returncode == 0, result.stdout + result.stderr
        return result

    def start(self, *args: str) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "protokol", *args],
            cwd=REPO_ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def query(self, sql: str) -> list[tuple]:
        if self.kind == "postgresql":
            import psycopg

            assert self.url is not None
            with psycopg.connect(self.url) as pg:
                return pg.execute(sql).fetchall()
        lite = sqlite3.connect(self.var / "protokol.sqlite3", timeout=30)
        try:
            return lite.execute(sql).fetchall()
        finally:
            lite.close()

    def counts(self) -> dict[tuple[str, str], tuple[int, ...]]:
        """(body slug, date) -> (items, decisions, attachments, sections) of every stored meeting."""
        rows = self.query(COUNTS_SQL)
        return {(slug, str(day)): tuple(rest) for slug, day, *rest in rows}


def database_kinds() -> list[str]:
    kinds = ["sqlite"]
    if os.environ.get("PROTOKOL_DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        kinds.append("postgresql")
    return kinds
