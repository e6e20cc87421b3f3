from django.contrib import admin, messages
from django.http import HttpRequest
from django.utils.translation import gettext as _

from protokol.api.models import ApiToken, DeletedObject
from protokol.api.tokens import create_token


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are created here by an administrator; the secret is shown once, right after saving."""

    list_display = ["name", "body", "active", "prefix", "created", "last_used"]
    list_filter = ["active", "body"]
    search_fields = ["name", "prefix"]
    readonly_fields = ["prefix", "user", "created", "created_by", "last_used"]

    def get_fields(self, request: HttpRequest, obj=None):
        return (
            ["name", "body", "active"] if obj is None else ["name", "body", "active", *self.readonly_fields]
        )

    def get_readonly_fields(self, request: HttpRequest, obj=None):
        return self.readonly_fields if obj is None else ["body", *self.readonly_fields]

    def save_model(self, request: HttpRequest, obj: ApiToken, form, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        token, secret = create_token(name=obj.name, body=obj.body, by=request.user)
        for field in token._meta.concrete_fields:
            setattr(obj, field.attname, getattr(token, field.attname))
        obj._state.adding = False
        obj._state.db = token._state.db
        messages.warning(
            request,
            _("API-nøglen er: %(secret)s — kopiér den nu; den vises ikke igen.") % {"secret": secret},
        )

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(DeletedObject)
class DeletedObjectAdmin(admin.ModelAdmin):
    list_display = ["type", "object_id", "deleted_at", "public"]
    list_filter = ["type", "public"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
