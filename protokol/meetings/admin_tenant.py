"""The admin, one organisation at a time: an organisation's administrator sees and changes its objects only.

A superuser (the installation's operator) sees everything. Any other staff login sees the objects of the
organisations it administers (meetings.OrganizationAdministrator) and nothing else: every registered
ModelAdmin mixes in `TenantScopedAdmin` and names how its model reaches its organisation
(`organization_path`, a lookup ending at the organisation, e.g. "meeting__body__organization"; or
`organization_filter` where one path is not enough). From that one declaration:

- the changelist, the change, delete and history pages, the actions and the autocomplete answers
  (`/admin/autocomplete/`, which asks the target's admin for its queryset) hold only the organisation's
  rows: another organisation's object is "not found";
- a foreign key offers only the organisation's objects (a form or inline cannot attach to another
  organisation's body), by the target model's own admin's scope; a target no admin scopes offers none;
- a list filter on a relation lists only the values found in the visible rows;
- a save that would leave the object outside the organisation (an organisation left empty, say) is
  refused and rolled back.
"""

from typing import Any

from django.contrib import admin
from django.contrib.admin.utils import get_fields_from_path
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from protokol.meetings import rules

_CACHE = "_protokol_admin_organizations"


def admin_organization_ids(request: HttpRequest) -> set[int] | None:
    """The organisations whose objects this admin user reaches; None: all of them (a superuser)."""
    if rules.is_admin(request.user):
        return None
    if not hasattr(request, _CACHE):
        setattr(request, _CACHE, rules.administered_organization_ids(request.user))
    return getattr(request, _CACHE)


class TenantScopedAdmin:
    """Mixed into every ModelAdmin (and the inlines that offer foreign keys): see the module."""

    # The lookup from the model to its organisation's key ("pk" for Organization itself); None: the model
    # belongs to no organisation, so only a superuser sees its rows.
    organization_path: str | None = None

    def organization_filter(self, organization_ids: set[int]) -> Q | None:
        if self.organization_path is None:
            return None
        return Q(**{f"{self.organization_path}__in": organization_ids})

    def scope(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        organizations = admin_organization_ids(request)
        if organizations is None:
            return queryset
        condition = self.organization_filter(organizations)
        if condition is None or not organizations:
            return queryset.none()
        # By key, so that a condition across a many-valued relation neither repeats nor drops rows.
        return queryset.filter(pk__in=queryset.model._default_manager.filter(condition).values("pk"))

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request)  # type: ignore[misc]
        if isinstance(self, admin.options.InlineModelAdmin):
            return queryset  # an inline's rows are its parent's, and the parent is scoped
        return self.scope(request, queryset)

    def get_field_queryset(self, db: Any, db_field: Any, request: HttpRequest) -> QuerySet | None:
        queryset = super().get_field_queryset(db, db_field, request)  # type: ignore[misc]
        if admin_organization_ids(request) is None:
            return queryset
        model = db_field.remote_field.model
        if queryset is None:
            queryset = model._default_manager.using(db).all()
        target = self.admin_site._registry.get(model)  # type: ignore[attr-defined]
        if not isinstance(target, TenantScopedAdmin):
            return queryset.none()
        return target.scope(request, queryset)

    def get_list_filter(self, request: HttpRequest) -> Any:
        filters = super().get_list_filter(request)  # type: ignore[misc]
        if admin_organization_ids(request) is None:
            return filters
        scoped = []
        for entry in filters:
            if isinstance(entry, str) and self._is_relation(entry):
                entry = (entry, admin.RelatedOnlyFieldListFilter)
            scoped.append(entry)
        return scoped

    def _is_relation(self, path: str) -> bool:
        try:
            return bool(get_fields_from_path(self.model, path)[-1].is_relation)  # type: ignore[attr-defined]
        except FieldDoesNotExist:
            return False

    def _reachable(self, request: HttpRequest, obj: Any) -> bool:
        if obj is None or obj.pk is None or admin_organization_ids(request) is None:
            return True
        if isinstance(self, admin.options.InlineModelAdmin):
            return True
        return self.scope(request, type(obj)._default_manager.filter(pk=obj.pk)).exists()

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._reachable(request, obj) and super().has_view_permission(request, obj)  # type: ignore[misc]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._reachable(request, obj) and super().has_change_permission(request, obj)  # type: ignore[misc]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._reachable(request, obj) and super().has_delete_permission(request, obj)  # type: ignore[misc]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)  # type: ignore[misc]
        if not self._reachable(request, obj):
            # The admin's page runs in one transaction: this undoes the save (and its audit entry).
            raise PermissionDenied
