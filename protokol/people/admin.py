from typing import TYPE_CHECKING

from django.contrib import admin
from django.http import HttpRequest

from protokol.meetings.admin_audit import AuditedAdmin
from protokol.meetings.admin_tenant import TenantScopedAdmin
from protokol.people.models import Membership, Party, Person, ProviderLogin


@admin.register(Party)
class PartyAdmin(TenantScopedAdmin, AuditedAdmin):
    organization_path = "organization"
    list_display = ["letter", "name", "organization"]
    list_filter = ["organization"]
    search_fields = ["letter", "name"]


if TYPE_CHECKING:
    _Inline = admin.TabularInline[Membership, Person]
    _ProviderLoginAdmin = admin.ModelAdmin[ProviderLogin]
else:  # the admin's classes take no type arguments at run time
    _Inline = admin.TabularInline
    _ProviderLoginAdmin = admin.ModelAdmin


class MembershipInline(TenantScopedAdmin, _Inline):
    model = Membership
    extra = 0
    autocomplete_fields = ["body"]


@admin.register(Person)
class PersonAdmin(TenantScopedAdmin, AuditedAdmin):
    organization_path = "organization"
    list_display = ["name", "party", "organization", "title"]
    list_filter = ["organization", "party"]
    search_fields = ["name", "email"]
    autocomplete_fields = ["user"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(TenantScopedAdmin, AuditedAdmin):
    organization_path = "body__organization"
    list_display = ["person", "body", "role", "voting_right", "start_date", "end_date", "deputy_position"]
    list_filter = ["body", "role"]
    search_fields = ["person__name", "body__name"]
    autocomplete_fields = ["person", "body"]


@admin.register(ProviderLogin)
class ProviderLoginAdmin(TenantScopedAdmin, _ProviderLoginAdmin):
    """Who logs in through the identity provider (the `sub` to give a person), and the groups of the last
    login. Read only: the provider keeps them, each login sets them (people.accounts)."""

    organization_path = "user__person__organization"

    list_display = ["user", "subject", "last_login"]
    search_fields = ["user__username", "user__first_name", "subject"]
    readonly_fields = ["user", "subject", "groups", "last_login"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
