"""Importing as jobs: one job per document or ESDH package, run by any number of workers
(`protokol import --workers N`, the drop folder with `--workers`). A job that fails says why; one whose
worker dies runs again, which is safe because a re-import updates and never duplicates."""

from __future__ import annotations

import contextlib
import random
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

from django.db import IntegrityError, OperationalError
from django_tasks import task

from protokol.common import jobs
from protokol.importers.run import import_path

#: a worker that keeps dying is started again this many times for one batch
MAX_RESTARTS = 5
#: how long the workers of a finished batch have to index what they wrote and stop by themselves
WORKER_EXIT_S = 120
#: a document that meets another worker's write to the same rows is tried again this many times in all
RACE_ATTEMPTS = 5


class ImportFailed(Exception):
    """The document was refused; the message is the line the user reads."""


@task(backend=jobs.BACKEND, queue_name="import")
def import_document(path: str, organization: str | None = None) -> str:
    for attempt in range(1, RACE_ATTEMPTS + 1):
        try:
            ok, line = import_path(Path(path), organization=organization)
            break
        except (IntegrityError, OperationalError):
            # Another worker created the same body, party, person or case between our look and our
            # write (or the two deadlocked): the document's transaction is rolled back whole, and the
            # next attempt finds what the other one committed.
            if attempt == RACE_ATTEMPTS:
                raise
            time.sleep(random.uniform(0.05, 0.3) * attempt)
    if not ok:
        raise ImportFailed(line)
    return line


def import_with_workers(
    paths: list[Path], *, organization: str | None, workers: int, poll: float = 0.2
) -> Iterator[tuple[Path, bool, str]]:
    """Enqueue a job per path, start `workers` worker processes, and yield (path, ok, line) as each job
    finishes; workers that die are replaced, and the batch ends when every job has."""
    from django_tasks_db.models import DBTaskResult

    waiting = {import_document.enqueue(str(p.resolve()), organization).id: p for p in paths}
    processes = [jobs.start_worker() for _ in range(max(1, workers))]
    restarts = 0
    try:
        while waiting:
            done = DBTaskResult.objects.filter(pk__in=list(waiting), status__in=jobs.FINISHED)
            for job in done:
                path = waiting.pop(str(job.pk), None)
                if path is None:
                    continue
                ok = job.status == jobs.TaskResultStatus.SUCCESSFUL
                yield path, ok, str(job.return_value) if ok else jobs.reason(job)
            alive = [p for p in processes if p.poll() is None]
            if waiting and len(alive) < len(processes):
                if restarts >= MAX_RESTARTS and not alive:
                    raise RuntimeError("the import's workers keep dying")
                # A worker died: start another in its place (it gives the dead one's job back first).
                restarts += len(processes) - len(alive)
                processes = alive + [jobs.start_worker() for _ in range(len(processes) - len(alive))]
            time.sleep(poll)
        # Every job has ended: the workers (started with --until-empty) index what they wrote and stop by
        # themselves. Terminating them now could cut that short and leave the rows to a later search.
        for process in processes:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=WORKER_EXIT_S)
    finally:
        for process in processes:
            if process.poll() is None:
                process.terminate()
        for process in processes:
            process.wait(timeout=60)
