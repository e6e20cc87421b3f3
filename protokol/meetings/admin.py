from collections.abc import Callable
from typing import TYPE_CHECKING

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from protokol.cases.models import Attachment
from protokol.common.actors import acting_user
from protokol.common.errors import ProtokolError
from protokol.common.richtext import sanitize
from protokol.meetings import services
from protokol.meetings.admin_audit import AuditedAdmin
from protokol.meetings.models import (
    AgendaItem,
    Amendment,
    Body,
    BodyMembership,
    Decision,
    Meeting,
    Organization,
    OrganizationHost,
    RouteStep,
    Section,
    StandingItem,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class HostInline(admin.TabularInline):
    """The host names that choose the organisation's public site (README: several organisations)."""

    model = OrganizationHost
    extra = 0


@admin.register(Organization)
class OrganizationAdmin(AuditedAdmin):
    list_display = ["name", "slug", "created"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [HostInline]


class MembershipInline(admin.TabularInline):
    model = BodyMembership
    extra = 0
    autocomplete_fields = ["user"]


class StandingItemInline(admin.TabularInline):
    model = StandingItem
    extra = 0


@admin.register(Body)
class BodyAdmin(AuditedAdmin):
    list_display = ["name", "organization", "kind", "active", "slug"]
    list_filter = ["organization", "kind", "active"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline, StandingItemInline]


@admin.register(BodyMembership)
class BodyMembershipAdmin(AuditedAdmin):
    list_display = ["user", "body", "role"]
    list_filter = ["role", "body"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "body__name"]
    autocomplete_fields = ["user", "body"]


def _lifecycle_action(service: Callable[..., Meeting], description: "StrOrPromise") -> Callable:
    """An admin action that moves each selected meeting on by the lifecycle service, rules and all."""

    def action(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Meeting]) -> None:
        for meeting in queryset.select_related("body"):
            try:
                service(meeting, by=acting_user(request))
            except ProtokolError as err:
                modeladmin.message_user(request, f"{meeting}: {err}", messages.ERROR)
            else:
                modeladmin.message_user(
                    request, f"{meeting}: {meeting.get_status_display()}", messages.SUCCESS
                )

    action.__name__ = service.__name__
    return admin.action(description=description, permissions=["change"])(action)


class ItemInline(admin.TabularInline):
    model = AgendaItem
    fields = ["number", "position", "title", "public", "case", "case_type"]
    extra = 0
    show_change_link = True
    autocomplete_fields = ["case"]


@admin.register(Meeting)
class MeetingAdmin(AuditedAdmin):
    meeting_path = ""
    list_display = ["body", "date", "start_time", "location", "status", "item_count"]
    list_filter = ["status", "body", ("date", admin.DateFieldListFilter)]
    search_fields = ["body__name", "location", "items__title"]
    date_hierarchy = "date"
    # The status moves by the lifecycle's services (rules, checksum, audit), not by a field here.
    readonly_fields = [
        "status",
        "minutes_hash",
        "public_minutes_hash",
        "approved_body_name",
        "approved_organization_name",
        "agenda_published_at",
        "minutes_approved_at",
        "minutes_published_at",
        "cancelled_at",
        "cancelled_reason",
        "agenda_late_reason",  # given when the agenda is sent late; audited with it
    ]
    inlines = [ItemInline]
    actions = [
        _lifecycle_action(services.publish_agenda, _("Udsend dagsorden")),
        _lifecycle_action(services.mark_held, _("Markér mødet som afholdt")),
        _lifecycle_action(services.approve_minutes, _("Godkend referatet")),
        _lifecycle_action(services.publish_minutes, _("Offentliggør referatet")),
    ]

    @admin.display(description=_("punkter"))
    def item_count(self, obj: Meeting) -> int:
        return obj.items.count()

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("body")


class RouteInline(admin.TabularInline):
    model = RouteStep
    extra = 0


class RichTextForm(forms.ModelForm):
    """The admin saves a section's or decision's text in the stored safe form too (protokol.common.richtext)."""

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        for name in ("text", "public_text"):
            if isinstance(cleaned.get(name), str):
                cleaned[name] = sanitize(cleaned[name])
        return cleaned


class SectionInline(admin.StackedInline):
    model = Section
    form = RichTextForm
    extra = 0
    fields = ["position", "heading", "kind", "text"]


class DecisionInline(admin.StackedInline):
    model = Decision
    form = RichTextForm
    extra = 0
    fields = ["position", "body_name", "body", "date", "outcome", "text"]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["position", "title", "document_number", "public", "file"]


@admin.register(AgendaItem)
class AgendaItemAdmin(AuditedAdmin):
    meeting_path = "meeting"
    list_display = ["__str__", "meeting", "public", "case", "case_type"]
    list_filter = ["public", "case_type", "meeting__body", "meeting__status"]
    search_fields = ["title", "case__number", "document_number", "sections__text"]
    autocomplete_fields = ["case", "meeting"]
    raw_id_fields = ["postponed_from"]
    inlines = [RouteInline, SectionInline, DecisionInline, AttachmentInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("meeting__body", "case").distinct()


@admin.register(Decision)
class DecisionAdmin(AuditedAdmin):
    form = RichTextForm
    meeting_path = "item__meeting"
    list_display = ["item", "body_name", "date", "outcome"]
    list_filter = ["outcome", "body"]
    search_fields = ["text", "item__title", "body_name"]
    date_hierarchy = "date"
    raw_id_fields = ["item"]


@admin.register(Amendment)
class AmendmentAdmin(admin.ModelAdmin):
    list_display = ["meeting", "item", "at", "by", "reason"]
    search_fields = ["reason"]
    readonly_fields = ["meeting", "item", "at", "by", "reason", "change"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
