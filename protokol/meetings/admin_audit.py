"""Admin edits go through the audit log (and the search outbox) like every other write."""

from typing import Any

from django.db import models

from protokol.common.admin_audit import AuditedModelAdmin
from protokol.meetings.services import audit


class AuditedAdmin(AuditedModelAdmin):
    """Admin edits go into the audit log like every other write, and frozen minutes are read-only here too.

    Subclasses name how to reach the meeting (`meeting_path`, e.g. "item__meeting") where there is one.
    """

    meeting_path: str | None = None

    def _meeting(self, obj):
        if obj is None or self.meeting_path is None:
            return None
        if not self.meeting_path:
            return obj
        for part in self.meeting_path.split("__"):
            obj = getattr(obj, part, None)
            if obj is None:
                return None
        return obj

    def has_change_permission(self, request, obj=None) -> bool:
        meeting = self._meeting(obj)
        if meeting is not None and meeting.is_frozen:
            return (
                False  # a correction to approved minutes is an amendment with a reason, made in the workspace
            )
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        meeting = self._meeting(obj)
        if meeting is not None and meeting.is_frozen:
            return False
        return super().has_delete_permission(request, obj)

    def write_audit(self, *, page_object: models.Model, **entry: Any) -> None:
        # Filed under the meeting, which also tells the search index to read it again.
        meeting = self._meeting(page_object)
        audit(meeting_id=meeting.pk if meeting else None, **entry)
