from django.contrib import admin

from protokol.cases.models import Attachment, Case, PersonalDataClearance, PersonalDataWord
from protokol.meetings.admin_audit import AuditedAdmin


@admin.register(Case)
class CaseAdmin(AuditedAdmin):
    list_display = ["number", "title", "journal_number", "organization"]
    list_filter = ["organization"]
    search_fields = ["number", "title", "journal_number"]


@admin.register(Attachment)
class AttachmentAdmin(AuditedAdmin):
    meeting_path = "item__meeting"
    list_display = ["title", "document_number", "item", "public", "mime_type", "size"]
    list_filter = ["public", "mime_type"]
    search_fields = ["title", "document_number", "text"]
    raw_id_fields = ["item"]
    readonly_fields = ["sha512", "size", "withdrawn_at", "withdrawn_by", "withdrawn_reason", "replaced_by"]

    def get_queryset(self, request):
        # Withdrawn attachments too: the admin keeps the record (withdrawing is done in the workspace).
        return Attachment.all_objects.select_related("item")


@admin.register(PersonalDataWord)
class PersonalDataWordAdmin(AuditedAdmin):
    """The words each municipality wants the personal-data check to stop before publishing."""

    list_display = ["word", "note", "organization"]
    list_filter = ["organization"]
    search_fields = ["word", "note"]


@admin.register(PersonalDataClearance)
class PersonalDataClearanceAdmin(admin.ModelAdmin):
    """False positives, read-only: they are recorded in the workspace, with who and when."""

    list_display = ["where", "kind", "by", "at", "meeting"]
    list_filter = ["kind"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
