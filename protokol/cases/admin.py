from django.contrib import admin

from protokol.cases import services
from protokol.cases.models import Attachment, Case, PersonalDataClearance, PersonalDataWord
from protokol.common.actors import acting_user
from protokol.meetings import rules
from protokol.meetings.admin_audit import AuditedAdmin
from protokol.meetings.admin_tenant import TenantScopedAdmin


@admin.register(Case)
class CaseAdmin(TenantScopedAdmin, AuditedAdmin):
    organization_path = "organization"
    list_display = ["number", "title", "journal_number", "organization"]
    list_filter = ["organization"]
    search_fields = ["number", "title", "journal_number"]

    def get_readonly_fields(self, request, obj=None):
        # A case's number is printed in minutes and names it in the case system: it never changes.
        return ["number", "organization"] if obj is not None else []

    def has_change_permission(self, request, obj=None) -> bool:
        # A superuser, or an organisation's administrator (TenantScopedAdmin keeps them to its cases).
        allowed = rules.is_admin(request.user) or bool(rules.administered_organization_ids(request.user))
        return allowed and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            super().save_model(request, obj, form, change)
            return
        # Through the service: items being edited follow a new KLE number, approved minutes keep theirs.
        services.update_case(
            case=Case.objects.get(pk=obj.pk),
            title=form.cleaned_data["title"],
            journal_number=form.cleaned_data["journal_number"],
            by=acting_user(request),
        )


@admin.register(Attachment)
class AttachmentAdmin(TenantScopedAdmin, AuditedAdmin):
    organization_path = "item__meeting__body__organization"
    meeting_path = "item__meeting"
    list_display = ["title", "document_number", "item", "public", "mime_type", "size"]
    list_filter = ["public", "mime_type"]
    search_fields = ["title", "document_number", "text"]
    raw_id_fields = ["item"]
    readonly_fields = ["sha512", "size", "withdrawn_at", "withdrawn_by", "withdrawn_reason", "replaced_by"]

    def get_queryset(self, request):
        # Withdrawn attachments too: the admin keeps the record (withdrawing is done in the workspace).
        return self.scope(request, Attachment.all_objects.select_related("item"))


@admin.register(PersonalDataWord)
class PersonalDataWordAdmin(TenantScopedAdmin, AuditedAdmin):
    """The words each municipality wants the personal-data check to stop before publishing."""

    organization_path = "organization"

    list_display = ["word", "note", "organization"]
    list_filter = ["organization"]
    search_fields = ["word", "note"]


@admin.register(PersonalDataClearance)
class PersonalDataClearanceAdmin(TenantScopedAdmin, admin.ModelAdmin):
    """False positives, read-only: they are recorded in the workspace, with who and when."""

    organization_path = "meeting__body__organization"

    list_display = ["where", "kind", "by", "at", "meeting"]
    list_filter = ["kind"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
