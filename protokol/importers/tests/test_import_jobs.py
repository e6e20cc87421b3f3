"""Importing as jobs with two workers, one of them killed during a job: every document ends imported
once, the killed job ran again, and a document that is refused ends as a failed job with its reason.

Runs `protokol` in subprocesses against a database of its own, on SQLite and (in CI) PostgreSQL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from protokol.common.testing import REPO_ROOT
from protokol.common.tests.subprocess_db import RUN_TIMEOUT_S
from protokol.importers.tests.layouts import generate

DOCS = 10
ORG = "Jobby Kommune"
RUNNING_JOB_SQL = "SELECT worker_ids FROM django_tasks_database_dbtaskresult WHERE status = 'RUNNING'"
JOBS_SQL = "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult"


def _documents(folder):
    """Ordinary generated minutes in text, each a meeting of its own (body and date)."""
    keys, paths, seed = set(), [], 0
    while len(paths) < DOCS:
        meeting, data, _layout = generate(seed, "text")
        seed += 1
        key = (meeting["body"], meeting["start"][:10])
        if key in keys:
            continue
        keys.add(key)
        path = folder / f"referat-{seed:03d}.txt"
        path.write_bytes(data)
        paths.append(path)
    return paths


def _worker_ids(raw) -> list[str]:
    import json

    return raw if isinstance(raw, list) else json.loads(raw)


def test_two_workers_one_killed_during_a_job_import_every_document_once(database, tmp_path):
    folder = tmp_path / "arkiv"
    folder.mkdir()
    paths = _documents(folder)
    refused = folder / "tom.txt"
    refused.write_text("")  # an empty file: refused, a failed job with the reason
    database.run("init")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "protokol",
            "import",
            "--workers",
            "2",
            "--organization",
            ORG,
            *map(str, paths),
            str(refused),
        ],
        cwd=REPO_ROOT,
        env=database.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    killed = None
    try:
        deadline = time.monotonic() + RUN_TIMEOUT_S
        while killed is None and time.monotonic() < deadline and process.poll() is None:
            try:
                rows = database.query(RUNNING_JOB_SQL)
            except Exception:  # the queue's table may be locked for a moment
                rows = []
            if rows:
                killed = _worker_ids(rows[0][0])[-1]
                os.kill(int(killed.rsplit(":", 1)[1]), signal.SIGKILL)
            time.sleep(0.01)
        out, _ = process.communicate(timeout=RUN_TIMEOUT_S)
    finally:
        if process.poll() is None:
            process.kill()
    assert killed, "no job was seen running: the kill never happened\n" + (
        out if process.returncode is not None else ""
    )
    assert process.returncode == 1, out  # one document was refused
    assert f"{DOCS} af {DOCS + 1} dokumenter importeret" in out, out
    assert "tom.txt" in out.split("fejl:", 1)[1], out

    jobs = [(status, _worker_ids(ids)) for status, ids in database.query(JOBS_SQL)]
    assert sorted(status for status, _ in jobs) == ["FAILED"] + ["SUCCESSFUL"] * DOCS
    # The job whose worker was killed was given back and ran again, by another worker.
    again = [ids for _status, ids in jobs if killed in ids]
    assert len(again) == 1 and len(again[0]) == 2 and again[0][-1] != killed, jobs
    # Every document is one meeting, none twice, none half: a re-run as jobs changes nothing.
    counts = database.counts()
    assert len(counts) == DOCS
    # The workers indexed what they wrote when they ran out of jobs (they skip most drains while busy),
    # the killed one's leftovers included: nothing waits in the search outbox.
    assert database.query("SELECT count(*) FROM search_outboxentry") == [(0,)]
    rerun = database.run("import", "--workers", "2", "--organization", ORG, *map(str, paths))
    assert f"{DOCS} af {DOCS} dokumenter importeret" in rerun.stdout + rerun.stderr
    assert database.counts() == counts


def test_a_job_whose_worker_keeps_dying_ends_failed_with_the_reason(database):
    """Given back MAX_ATTEMPTS times, the job is not run again: `protokol jobs --failed` says why."""
    database.run("init")
    dead = "{host}:999999999"
    script = f"""
import django, json
django.setup()
from protokol.common import jobs
from protokol.importers.jobs import import_document
from django_tasks_db.models import DBTaskResult
result = import_document.enqueue("/nowhere/referat.txt", None)
host = jobs.worker_id().rsplit(":", 1)[0]
DBTaskResult.objects.filter(pk=result.id).update(status="RUNNING", worker_ids=[{dead!r}.format(host=host)] * jobs.MAX_ATTEMPTS)
print(jobs.reclaim_stalled())
"""
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO_ROOT,
        env=database.env,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
    )
    assert done.returncode == 0 and done.stdout.strip() == "1", done.stdout + done.stderr
    report = database.run("jobs", "--failed").stdout
    assert "0 venter, 0 kører, 0 lykkedes, 1 fejlede." in report
    assert "stopped 3 times with its worker" in report and "/nowhere/referat.txt" in report
