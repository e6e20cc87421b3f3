"""The audit log: every service write calls log_action inside its transaction, with an action code
of `common.audit_actions.AuditAction` (an unknown code is refused)."""

from django.db import models

from protokol.common import hooks
from protokol.common.actors import Actor
from protokol.common.audit_actions import require_known
from protokol.common.models import AuditEntry


def log_action(
    *,
    by: Actor,
    action: str,
    obj: models.Model,
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
    meeting_id: int | None = None,
) -> AuditEntry:
    user = by if getattr(by, "pk", None) else None
    entry = AuditEntry.objects.create(
        actor=user,
        actor_name=(by.get_username() if user else str(by or "system"))[:150],
        action=require_known(action),
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        meeting_id=meeting_id,
        before=before,
        after=after,
        reason=reason,
    )
    hooks.audited(entry)
    return entry
