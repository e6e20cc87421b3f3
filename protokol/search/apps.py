import logging

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

log = logging.getLogger(__name__)


def _drain_at_start(**_kwargs) -> None:
    """The first request of a process drains what a dead process may have left in the outbox."""
    from django.core.signals import request_started

    request_started.disconnect(_drain_at_start, dispatch_uid="protokol.search.startup")
    try:
        from protokol.search import outbox

        outbox.drain_if_pending()
    except Exception:
        log.exception("search index: drain at start-up failed; the outbox keeps the rows")


def _drain_when_idle(**_kwargs) -> None:
    """A job worker out of jobs indexes what its jobs wrote (it skips most drains while busy)."""
    from protokol.search import outbox

    try:
        # Waits for another worker's drain, which may have read the rows before this one's last commit.
        outbox.drain_if_pending(wait=True)
    except Exception:
        log.exception("search index: drain of an idle worker failed; the outbox keeps the rows")


def _note_in_outbox(*, meeting_id: int, **_kwargs) -> None:
    """A meeting changed (`meetings.signals.meeting_changed`): its outbox row, in the change's transaction."""
    from protokol.search import outbox

    outbox.enqueue(meeting_id)


class SearchConfig(AppConfig):
    name = "protokol.search"
    verbose_name = _("Søgning")

    def ready(self) -> None:
        # No database access in ready(); the first request of each process does it instead.
        from django.core.signals import request_started

        request_started.connect(_drain_at_start, dispatch_uid="protokol.search.startup")
        # The domain announces its changes; it does not know the search part is listening.
        from protokol.meetings.signals import meeting_changed

        meeting_changed.connect(_note_in_outbox, dispatch_uid="protokol.search.outbox")
        from protokol.common.jobs import worker_idle

        worker_idle.connect(_drain_when_idle, dispatch_uid="protokol.search.worker_idle")
