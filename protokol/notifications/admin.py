"""The outbox in the admin: read-only, with the failed messages findable and sent again on request."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from protokol.common.actors import acting_user
from protokol.common.audit import log_action
from protokol.meetings.admin_audit import AuditedAdmin
from protokol.meetings.admin_tenant import TenantScopedAdmin
from protokol.notifications.models import Message, Preference, Status


@admin.register(Message)
class MessageAdmin(TenantScopedAdmin, admin.ModelAdmin):
    organization_path = "person__organization"
    list_display = ["key", "kind", "to", "status", "attempts", "not_before", "sent_at", "last_error"]
    list_filter = ["status", "kind"]
    search_fields = ["key", "to", "subject"]
    readonly_fields = [f.name for f in Message._meta.fields]
    actions = ["send_again"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Message | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Message | None = None) -> bool:
        return False

    @admin.action(description=_("Send de mislykkede igen"))
    def send_again(self, request: HttpRequest, queryset: QuerySet[Message]) -> None:
        by = acting_user(request)
        for message in queryset.filter(status=Status.FAILED):
            if Message.objects.filter(pk=message.pk, status=Status.FAILED).update(
                status=Status.PENDING, attempts=0, not_before=timezone.now()
            ):
                log_action(
                    by=by,
                    action="notifications.send_again",
                    obj=message,
                    before={"status": Status.FAILED, "attempts": message.attempts},
                    after={"status": Status.PENDING, "attempts": 0},
                    meeting_id=message.meeting_id,
                )


@admin.register(Preference)
class PreferenceAdmin(TenantScopedAdmin, AuditedAdmin):
    organization_path = "person__organization"
    list_display = ["person", "agenda", "change", "signature", "reminder"]
    raw_id_fields = ["person"]
