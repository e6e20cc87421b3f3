from django.contrib import admin

from protokol.meetings.admin_audit import AuditedAdmin
from protokol.meetings.admin_tenant import TenantScopedAdmin
from protokol.planning.models import Communication, FollowUp, MeetingSeries, PlannedTheme


@admin.register(MeetingSeries)
class MeetingSeriesAdmin(TenantScopedAdmin, AuditedAdmin):
    organization_path = "body__organization"
    list_display = ["name", "body", "rule", "first_date", "start_time", "horizon_days"]
    list_filter = ["body"]
    search_fields = ["name", "body__name"]


@admin.register(PlannedTheme)
class PlannedThemeAdmin(TenantScopedAdmin, AuditedAdmin):
    organization_path = "body__organization"
    list_display = ["title", "body", "month", "meeting", "public", "item"]
    list_filter = ["body", "public"]
    search_fields = ["title", "description"]
    raw_id_fields = ["meeting", "item", "source_item", "case"]


@admin.register(FollowUp)
class FollowUpAdmin(TenantScopedAdmin, AuditedAdmin):
    organization_path = "item__meeting__body__organization"
    list_display = ["what", "item", "responsible_name", "due", "status"]
    list_filter = ["status", "item__meeting__body"]
    search_fields = ["what", "responsible_name", "note"]
    date_hierarchy = "due"
    raw_id_fields = ["item", "decision", "agenda_item", "responsible"]


@admin.register(Communication)
class CommunicationAdmin(TenantScopedAdmin, AuditedAdmin):
    organization_path = "item__meeting__body__organization"
    list_display = ["item", "responsible_name", "date", "done"]
    list_filter = ["done", "item__meeting__body"]
    search_fields = ["message", "item__title"]
    raw_id_fields = ["item"]
