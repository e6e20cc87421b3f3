"""Hooks a higher part registers to hear of writes in a lower one, without the lower one importing it.

Every service write ends in an audit entry (`common.audit.log_action`, inside the write's transaction);
a part above the domain that must act on a kind of write (the notifications outbox) registers a
listener here in its AppConfig.ready(). A listener runs in the same transaction as the write: what it
stores commits or rolls back with the write, and an exception it raises undoes the write.
"""

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from protokol.common.models import AuditEntry

AuditListener = Callable[[AuditEntry], None]
_audit_listeners: list[AuditListener] = []
_local = threading.local()


def on_audit(listener: AuditListener) -> None:
    """Call `listener(entry)` after every audit entry is written (once, however often registered)."""
    if listener not in _audit_listeners:
        _audit_listeners.append(listener)


@contextmanager
def unheard() -> Iterator[None]:
    """The writes in this block (in this thread) call no listener: the demo data's made-up year of
    meetings tells nobody, e-mails no one. The audit entries are written as always."""
    before = getattr(_local, "unheard", False)
    _local.unheard = True
    try:
        yield
    finally:
        _local.unheard = before


def audited(entry: AuditEntry) -> None:
    if getattr(_local, "unheard", False):
        return
    for listener in list(_audit_listeners):
        listener(entry)
