"""Admin edits go through the audit log (and the search outbox) like every other write."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from protokol.common.admin_audit import AuditedModelAdmin
from protokol.meetings.services import audit

FROZEN = _(
    "Referatet er godkendt: intet kan føjes til eller flyttes ind i det her. En rettelse er en ændring "
    "med begrundelse i arbejdsrummet, som gemmes som rettelse."
)


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

    def _target_meeting(self, form):
        """The meeting the submitted form puts its object in (a new object, or one moved elsewhere)."""
        assert self.meeting_path  # get_form adds the guard calling this only then
        first, *rest = self.meeting_path.split("__")
        obj = form.cleaned_data.get(first, getattr(form.instance, first, None))
        for part in rest:
            obj = getattr(obj, part, None) if obj is not None else None
        return obj

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if not self.meeting_path:
            return form
        admin_ = self
        base: Any = form  # the admin's form class, made at run time

        class FrozenMinutesGuard(base):
            # Adding to approved minutes, or moving something into them, is as frozen as changing them.
            def clean(self):
                cleaned = super().clean()
                meeting = admin_._target_meeting(self)
                if meeting is not None and meeting.is_frozen:
                    raise ValidationError(FROZEN)
                return cleaned

        return FrozenMinutesGuard

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
