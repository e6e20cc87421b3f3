"""Background jobs on the database everything else is in (django-tasks with its database backend,
django-tasks-db), so a municipality operates nothing new: SQLite for one machine, PostgreSQL for several.

A worker is `protokol worker`; `protokol import --workers N` starts N of them for its batch and waits.
A worker that dies during a job (killed, its machine gone) leaves the job RUNNING. Before it takes a job,
every worker gives such jobs back: one whose worker ran on this machine and no longer lives, or, from
another machine, one started longer ago than the lease (`PROTOKOL_JOB_LEASE_SECONDS`). A job given back
`MAX_ATTEMPTS` times ends FAILED with that reason, as does a job that raises; `protokol jobs` and the
admin show them. So a job runs at least once and may run again: every job is idempotent (a re-import
updates, never duplicates).

What runs as a job: importing (`import`), rendering the public PDF of a large meeting (`render`), and
rebuilding a search index (`search-node-<id>`). A search index is a web node's own (its DATA_DIR/index),
so its rebuild waits in that node's queue and only a worker on that node (same DATA_DIR) takes it: a
worker takes every other queue and its own node's, never another node's.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

#: the task backend whose jobs wait in the database for a worker (settings.TASKS)
BACKEND = "queue"
MAX_ATTEMPTS = 3
FINISHED = (TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED)
#: the queue of a search node's own jobs (its index's rebuild), followed by the node's id
NODE_QUEUE_PREFIX = "search-node-"
#: what each kind of job is called where people read it (`protokol jobs`), by its task's path
LABELS = {
    "protokol.importers.jobs.import_document": _("Import af dokument"),
    "protokol.rendering.jobs.render_public_pdf": _("PDF af offentlig dagsorden eller referat"),
    "protokol.search.jobs.reindex_node": _("Genopbygning af søgeindeks"),
}


def label(job: DBTaskResult) -> str:
    """The job's kind in the reader's language, or its task's path for a kind without a label."""
    return str(LABELS.get(job.task_path, job.task_path))


def node_queue(node: int) -> str:
    return f"{NODE_QUEUE_PREFIX}{node}"


#: sent by a worker when no job waits: work that is cheaper done once for many jobs (the search index's
#: commit, `search.outbox`) is done then
worker_idle = Signal()
_in_worker = False


def in_worker() -> bool:
    """Whether this process is a job worker (it runs `work`)."""
    return _in_worker


class WorkerLost(Exception):
    """The job's worker died under it too many times."""


def _host() -> str:
    return socket.gethostname()[:40]


def worker_id() -> str:
    """This process as a worker: its machine and process id, so another worker can tell it is gone."""
    return f"{_host()}:{os.getpid()}"


def _alive(worker: str) -> bool | None:
    """Whether a worker of this machine lives; None for another machine's (only its lease tells)."""
    host, _, pid = worker.rpartition(":")
    if host != _host() or not pid.isdigit():
        return None
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def reclaim_stalled() -> int:
    """Give back the jobs whose worker is gone; the number given back or ended."""
    lease = timedelta(seconds=settings.PROTOKOL_JOB_LEASE_SECONDS)
    now = timezone.now()
    changed = 0
    with transaction.atomic():
        running = (
            DBTaskResult.objects.running().filter(backend_name=BACKEND).select_for_update(skip_locked=True)
        )
        for job in running:
            alive = _alive(job.worker_ids[-1]) if job.worker_ids else False
            if alive or (alive is None and job.started_at and job.started_at > now - lease):
                continue
            if len(job.worker_ids) >= MAX_ATTEMPTS:
                job.status = TaskResultStatus.FAILED
                job.finished_at = now
                job.exception_class_path = f"{WorkerLost.__module__}.{WorkerLost.__qualname__}"
                job.traceback = (
                    f"WorkerLost: the job was stopped {len(job.worker_ids)} times with its worker "
                    f"({', '.join(job.worker_ids)})"
                )
            else:
                job.status = TaskResultStatus.READY
            job.save(update_fields=["status", "finished_at", "exception_class_path", "traceback"])
            changed += 1
    return changed


def _other_nodes_queues() -> list[str]:
    """The queues of every search node but this process's own (a worker must not take their jobs)."""
    from django.apps import apps

    nodes = apps.get_model("search", "SearchNode").objects.exclude(pk=_own_node())
    return [node_queue(pk) for pk in nodes.values_list("pk", flat=True)]


def _own_node() -> int | None:
    """The search node of this process's DATA_DIR, as its index names it (search.outbox.node_id)."""
    import json

    try:
        path = settings.DATA_DIR / "index" / "node.json"
        return int(json.loads(path.read_text(encoding="utf-8"))["node"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _pending(excluded: list[str]) -> bool:
    return DBTaskResult.objects.ready().filter(backend_name=BACKEND).exclude(queue_name__in=excluded).exists()


def _running() -> bool:
    return DBTaskResult.objects.running().filter(backend_name=BACKEND).exists()


def work(*, until_empty: bool = False, interval: float = 0.5) -> int:
    """Run jobs one at a time, giving back stalled ones first; with until_empty, return once no job waits
    or runs anywhere (a running one may still be given back). The number of jobs run."""
    from django_tasks_db.management.commands.db_worker import Worker

    global _in_worker
    _in_worker = True
    me, ran = worker_id(), 0
    idle_told = False
    while True:
        reclaim_stalled()
        excluded = _other_nodes_queues()
        if not _pending(excluded):
            if not idle_told:
                worker_idle.send(sender=None)
                idle_told = True
            if until_empty and not _running():
                return ran
            time.sleep(interval)
            continue
        Worker(
            queue_names=["*"],
            interval=0,
            batch=True,
            backend_name=BACKEND,
            startup_delay=False,
            max_tasks=1,
            worker_id=me,
            excluded_queue_names=excluded,
        ).run()
        ran += 1
        idle_told = False


def start_worker(*, until_empty: bool = True) -> subprocess.Popen[bytes]:
    """A `protokol worker` process with this process's settings and database."""
    args = [sys.executable, "-m", "protokol", "worker"] + (["--until-empty"] if until_empty else [])
    return subprocess.Popen(args, env=os.environ.copy(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def reason(job: DBTaskResult) -> str:
    """Why a failed job failed, in one line (the exception's message)."""
    last = (job.traceback or "").strip().splitlines()[-1:] or [job.exception_class_path]
    return last[0].split(": ", 1)[-1]
