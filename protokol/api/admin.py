from django.contrib import admin, messages
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from protokol.api.models import ApiToken, DeletedObject
from protokol.api.tokens import create_token, revoke_token
from protokol.common.actors import acting_user
from protokol.meetings import rules
from protokol.meetings.admin_tenant import TenantScopedAdmin


@admin.register(ApiToken)
class ApiTokenAdmin(TenantScopedAdmin, admin.ModelAdmin):
    """Tokens are created and revoked here by an administrator, through the token service (which audits).

    The secret is shown once, right after saving. A token's only change is its revocation (clear "active"
    or use the action); a revoked token stays revoked, and an integration that needs access again gets
    a new one.
    """

    organization_path = "body__organization"  # a token for no body is the operator's: superusers only
    list_display = ["name", "body", "active", "prefix", "created", "last_used"]
    list_filter = ["active", "body"]
    search_fields = ["name", "prefix"]
    readonly_fields = ["prefix", "user", "created", "created_by", "last_used"]
    actions = ["revoke"]

    def get_fields(self, request: HttpRequest, obj=None):
        return ["name", "body"] if obj is None else ["name", "body", "active", *self.readonly_fields]

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        # The name also names the token's user, so it stays as created.
        return self.readonly_fields if obj is None else ["name", "body", *self.readonly_fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return rules.is_admin(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        if obj is not None and not obj.active:
            return False
        return rules.is_admin(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: ApiToken, form, change: bool) -> None:
        if change:
            if "active" in form.changed_data and not obj.active:
                revoke_token(token=obj, by=acting_user(request))
            return
        token, secret = create_token(name=obj.name, body=obj.body, by=acting_user(request))
        for field in token._meta.concrete_fields:
            setattr(obj, field.attname, getattr(token, field.attname))
        obj._state.adding = False
        obj._state.db = token._state.db
        messages.warning(
            request,
            _("API-nøglen er: %(secret)s — kopiér den nu; den vises ikke igen.") % {"secret": secret},
        )

    @admin.action(description=gettext_lazy("Tilbagekald de valgte API-nøgler"), permissions=["change"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        with transaction.atomic():
            revoked = [
                revoke_token(token=token, by=acting_user(request)).name
                for token in queryset.filter(active=True)
            ]
        if revoked:
            messages.success(request, _("Tilbagekaldt: %(names)s.") % {"names": ", ".join(revoked)})


@admin.register(DeletedObject)
class DeletedObjectAdmin(TenantScopedAdmin, admin.ModelAdmin):
    # Tombstones belong to no organisation: superusers only.
    list_display = ["type", "object_id", "deleted_at", "public"]
    list_filter = ["type", "public"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
