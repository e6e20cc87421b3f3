"""The e-mail outbox: rows written with the change, sent after commit and by `protokol notify`.

Delivery, step by step:

1. A service's write ends in an audit entry; `events.heard` writes one `Message` row per recipient in
   that same transaction (a rolled-back write leaves none). Each row has a unique `key`.
2. After the commit, `drain()` runs (transaction.on_commit). A process that dies before it leaves the
   rows pending; the next drain (`protokol notify`, run by a timer) sends them.
3. `drain()` claims a due row with one conditional UPDATE (pending → sending, with a lease, attempts
   + 1); only the drain whose update changed the row sends it, so two drains never send one row.
4. It hands the message to the SMTP server and marks it sent. If the server refuses or is down, the row
   goes back to pending with a growing pause (backoff), and after PROTOKOL_NOTIFY_MAX_ATTEMPTS attempts
   it stays failed, with the last error shown in the admin.

The one gap SMTP leaves: a process that dies after the server accepted a message and before the row is
marked sent. The row's lease runs out and the next drain sends it again: delivery is at least once,
not exactly once, in that window (no mail protocol lets a sender ask whether a message arrived). The
resend carries the same Message-ID, derived from the key, so mail systems and readers that drop a
duplicate Message-ID show it once. The other choice, never resending an expired claim, would lose the
message whenever the process died before the server had it, which is the likelier crash.
"""

import contextlib
import hashlib
import logging
import smtplib
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from protokol.notifications.models import Message, Status

log = logging.getLogger(__name__)
BATCH = 200
# Errors that say the server is not there (SMTPException is itself an OSError, so not OSError as such).
UNREACHABLE = (
    ConnectionError,
    TimeoutError,
    socket.gaierror,
    smtplib.SMTPServerDisconnected,
    smtplib.SMTPConnectError,
)


def max_attempts() -> int:
    return int(getattr(settings, "PROTOKOL_NOTIFY_MAX_ATTEMPTS", 8))


def lease() -> timedelta:
    return timedelta(seconds=int(getattr(settings, "PROTOKOL_NOTIFY_LEASE_SECONDS", 300)))


def backoff(attempts: int) -> timedelta:
    """The pause after the n-th failed attempt: the base, doubled each time, at most six hours."""
    base = int(getattr(settings, "PROTOKOL_NOTIFY_RETRY_SECONDS", 60))
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 6 * 3600))


def message_id(key: str) -> str:
    sender = settings.DEFAULT_FROM_EMAIL
    domain = sender.rsplit("@", 1)[-1].strip(">").strip() if "@" in sender else "protokol.invalid"
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:40]}@{domain}>"


def drain_after_commit() -> None:
    """Ask for a drain after the current transaction commits. Asked once per write that wrote rows: the
    first drain sends them all, a further one finds nothing due (one query)."""
    transaction.on_commit(_drain_after_commit, robust=True)


def _drain_after_commit() -> None:
    try:
        drain()
    except Exception:  # the write has committed; the rows stay and the next drain sends them
        log.exception("notifications: drain after commit failed; the outbox keeps the rows")


def due(now: datetime) -> Q:
    return Q(status=Status.PENDING, not_before__lte=now) | Q(status=Status.SENDING, lease_until__lt=now)


def claim(pk: int, now: datetime) -> bool:
    """Take the row for sending; True only for the one drain whose update changed it."""
    taken = (
        Message.objects.filter(pk=pk)
        .filter(due(now))
        .update(status=Status.SENDING, lease_until=now + lease(), attempts=F("attempts") + 1)
    )
    return taken == 1


@dataclass
class Drained:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def drain(*, now: datetime | None = None) -> Drained:
    """Send every due message; returns how many were sent, put back for a retry, or given up."""
    now = now or timezone.now()
    result = Drained()
    connection = get_connection()
    try:
        while True:
            ids = list(Message.objects.filter(due(now)).order_by("id").values_list("pk", flat=True)[:BATCH])
            progressed = False
            for pk in ids:
                if not claim(pk, now):
                    continue
                progressed = True
                if not _send(Message.objects.get(pk=pk), connection, now, result):
                    # The server is not there: the rest wait for the next drain instead of each waiting
                    # for its own time-out (this may run at the end of a request).
                    return result
            if not progressed or len(ids) < BATCH:
                return result
    finally:
        try:
            connection.close()
        except Exception:
            log.warning("notifications: closing the SMTP connection failed", exc_info=True)


def _send(message: Message, connection: Any, now: datetime, result: Drained) -> bool:
    """Hand one claimed message to the server; False if the server could not be reached."""
    email = EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to],
        headers={"Message-ID": message_id(message.key)},
        connection=connection,
    )
    try:
        email.send(fail_silently=False)
    except Exception as err:
        error = f"{type(err).__name__}: {err}"[:2000]
        with contextlib.suppress(Exception):
            connection.close()  # a half-open connection would fail the next message too
        if message.attempts >= max_attempts():
            Message.objects.filter(pk=message.pk, status=Status.SENDING).update(
                status=Status.FAILED, lease_until=None, last_error=error
            )
            log.error(
                "notifications: %s failed for good after %s attempts: %s",
                message.key,
                message.attempts,
                error,
            )
            result.failed += 1
        else:
            Message.objects.filter(pk=message.pk, status=Status.SENDING).update(
                status=Status.PENDING,
                lease_until=None,
                not_before=now + backoff(message.attempts),
                last_error=error,
            )
            log.warning("notifications: %s not sent (attempt %s): %s", message.key, message.attempts, error)
            result.retrying += 1
        return not isinstance(err, UNREACHABLE)
    Message.objects.filter(pk=message.pk, status=Status.SENDING).update(
        status=Status.SENT, lease_until=None, sent_at=timezone.now(), last_error=""
    )
    result.sent += 1
    return True
