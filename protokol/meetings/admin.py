from collections.abc import Callable
from typing import TYPE_CHECKING

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from protokol.cases.models import Attachment
from protokol.common.actors import acting_user
from protokol.common.admin import AuditedGroupAdmin, AuditedUserAdmin, AuditEntryAdmin
from protokol.common.errors import ProtokolError
from protokol.common.models import AuditEntry
from protokol.common.richtext import sanitize
from protokol.meetings import rules, services
from protokol.meetings.admin_audit import AuditedAdmin
from protokol.meetings.admin_tenant import TenantScopedAdmin
from protokol.meetings.models import (
    AgendaItem,
    Amendment,
    Body,
    BodyMembership,
    Decision,
    Meeting,
    Organization,
    OrganizationAdministrator,
    OrganizationHost,
    RouteStep,
    Section,
    StandingItem,
)

User = get_user_model()

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class HostInline(TenantScopedAdmin, admin.TabularInline):
    """The host names that choose the organisation's public site (README: several organisations). They
    follow the installation's DNS and proxy, so only a superuser changes them."""

    model = OrganizationHost
    organization_path = "organization"
    extra = 0

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return rules.is_admin(request.user)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return rules.is_admin(request.user)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return rules.is_admin(request.user)


@admin.register(Organization)
class OrganizationAdmin(TenantScopedAdmin, AuditedAdmin):
    organization_path = "pk"
    list_display = ["name", "slug", "created"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [HostInline]

    # An organisation's administrator changes their own; only a superuser makes or removes one.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return rules.is_admin(request.user) and super().has_add_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return rules.is_admin(request.user) and super().has_delete_permission(request, obj)


@admin.register(OrganizationAdministrator)
class OrganizationAdministratorAdmin(TenantScopedAdmin, admin.ModelAdmin):
    """Who administers which organisation: granted and revoked by a superuser only, through the service
    (which also makes the login staff, puts it in the administrators' group, and audits)."""

    list_display = ["user", "organization", "created"]
    list_filter = ["organization"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "organization__name"]
    autocomplete_fields = ["user"]
    fields = ["user", "organization"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return rules.is_admin(request.user)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return rules.is_admin(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return rules.is_admin(request.user)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # revoke and grant anew

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return rules.is_admin(request.user)

    def save_model(self, request: HttpRequest, obj: OrganizationAdministrator, form, change: bool) -> None:
        link = services.grant_organization_administrator(
            user=obj.user, organization=obj.organization, by=acting_user(request)
        )
        obj.pk = link.pk
        obj._state.adding = False

    def delete_model(self, request: HttpRequest, obj: OrganizationAdministrator) -> None:
        services.revoke_organization_administrator(
            user=obj.user, organization=obj.organization, by=acting_user(request)
        )

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[OrganizationAdministrator]) -> None:
        with transaction.atomic():
            for obj in queryset.select_related("user", "organization"):
                self.delete_model(request, obj)


class MembershipInline(TenantScopedAdmin, admin.TabularInline):
    model = BodyMembership
    extra = 0
    autocomplete_fields = ["user"]


class StandingItemInline(TenantScopedAdmin, admin.TabularInline):
    model = StandingItem
    extra = 0


@admin.register(Body)
class BodyAdmin(TenantScopedAdmin, AuditedAdmin):
    organization_path = "organization"
    list_display = ["name", "organization", "kind", "active", "slug"]
    list_filter = ["organization", "kind", "active"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline, StandingItemInline]


@admin.register(BodyMembership)
class BodyMembershipAdmin(TenantScopedAdmin, AuditedAdmin):
    organization_path = "body__organization"
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


class ItemInline(TenantScopedAdmin, admin.TabularInline):
    model = AgendaItem
    fields = ["number", "position", "title", "public", "case", "case_type"]
    extra = 0
    show_change_link = True
    autocomplete_fields = ["case"]


@admin.register(Meeting)
class MeetingAdmin(TenantScopedAdmin, AuditedAdmin):
    organization_path = "body__organization"
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


class RouteInline(TenantScopedAdmin, admin.TabularInline):
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


class SectionInline(TenantScopedAdmin, admin.StackedInline):
    model = Section
    form = RichTextForm
    extra = 0
    fields = ["position", "heading", "kind", "text"]


class DecisionInline(TenantScopedAdmin, admin.StackedInline):
    model = Decision
    form = RichTextForm
    extra = 0
    fields = ["position", "body_name", "body", "date", "outcome", "text"]


class AttachmentInline(TenantScopedAdmin, admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["position", "title", "document_number", "public", "file"]


@admin.register(AgendaItem)
class AgendaItemAdmin(TenantScopedAdmin, AuditedAdmin):
    organization_path = "meeting__body__organization"
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
class DecisionAdmin(TenantScopedAdmin, AuditedAdmin):
    organization_path = "item__meeting__body__organization"
    form = RichTextForm
    meeting_path = "item__meeting"
    list_display = ["item", "body_name", "date", "outcome"]
    list_filter = ["outcome", "body"]
    search_fields = ["text", "item__title", "body_name"]
    date_hierarchy = "date"
    raw_id_fields = ["item"]


@admin.register(Amendment)
class AmendmentAdmin(TenantScopedAdmin, admin.ModelAdmin):
    organization_path = "meeting__body__organization"
    list_display = ["meeting", "item", "at", "by", "reason"]
    search_fields = ["reason"]
    readonly_fields = ["meeting", "item", "at", "by", "reason", "change"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


# The user, group and audit log admins live in common, below the organisations: scoped here.
class TenantUserAdmin(TenantScopedAdmin, AuditedUserAdmin):
    """An organisation's administrator sees (read only: their group gives view only) the logins that
    belong to their organisation: its persons', its bodies' members' and its administrators'."""

    def organization_filter(self, organization_ids: set[int]) -> Q | None:
        return (
            Q(person__organization__in=organization_ids)
            | Q(memberships__body__organization__in=organization_ids)
            | Q(administered_organizations__organization__in=organization_ids)
        )


class TenantGroupAdmin(TenantScopedAdmin, AuditedGroupAdmin):
    """Groups are the installation's: superusers only."""


class TenantAuditEntryAdmin(TenantScopedAdmin, AuditEntryAdmin):
    """An organisation's administrator reads the entries of its meetings and of its own objects."""

    def organization_filter(self, organization_ids: set[int]) -> Q | None:
        from protokol.cases.models import Case
        from protokol.people.models import Party, Person

        # The organisation's own objects, by the audit entry's object type, and how each finds its organisation.
        own = (
            ("meetings.body", Body.objects.filter(organization__in=organization_ids)),
            (
                "meetings.bodymembership",
                BodyMembership.objects.filter(body__organization__in=organization_ids),
            ),
            ("cases.case", Case.objects.filter(organization__in=organization_ids)),
            ("people.person", Person.objects.filter(organization__in=organization_ids)),
            ("people.party", Party.objects.filter(organization__in=organization_ids)),
        )
        q = Q(
            meeting_id__in=Meeting.objects.filter(body__organization__in=organization_ids).values("pk")
        ) | Q(object_type="meetings.organization", object_id__in=[str(pk) for pk in organization_ids])
        for object_type, queryset in own:
            q |= Q(
                object_type=object_type,
                object_id__in=[str(pk) for pk in queryset.values_list("pk", flat=True)],
            )
        return q


for _model, _model_admin in (
    (User, TenantUserAdmin),
    (Group, TenantGroupAdmin),
    (AuditEntry, TenantAuditEntryAdmin),
):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(_model, _model_admin)
