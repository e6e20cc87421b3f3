from django.contrib import admin

from protokol.cases.models import Attachment, Case
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
    readonly_fields = ["sha512", "size"]
